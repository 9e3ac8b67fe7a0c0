"""Grounded answers with verified citations.

``Answerer.ask(question, history)`` turns a follow-up into a standalone question, retrieves
passages, decides whether the passages support an answer at all (abstention), lets a
``Generator`` draft an answer with [n] markers, and verifies every citation: [n] must name
a retrieved passage and its quote must occur verbatim in that passage. A draft that fails
verification is repaired (a quote replaced by the passage sentence it paraphrases), trimmed
(citations dropped) or replaced by the extractive answer, and the Answer says which.

Two generators: ``ExtractiveGenerator`` (the offline default: picks the passage sentences
that answer the question) and ``LLMGenerator`` (any OpenAI-compatible chat model through
LangChain). Passages are data: the LLM is told so, sentences that read as instructions are
never quoted, and nothing the model says is kept unless a retrieved passage backs it.

The stages, one module each:

* ``records``: Citation, Answer, Draft and the seams (``Generator``, ``Searcher``);
* ``text``: pure text helpers (bigrams, sentences, verbatim location, quote clipping);
* ``questions``: what a question asks (subject words, value kind, places, several notices);
* ``followup``: chat history and standalone questions;
* ``support``: the abstention decision (term weights, word and dense support);
* ``scoring`` and ``dependents``: the extractive answer's sentences scored against the
  question, and what a chosen one brings with it (a list its colon opens, a heading's body);
* ``extractive`` and ``llm``: the two generators;
* ``verify``: citation checking and repair;
* ``answerer``: the pipeline that runs them, and ``ask`` on the configured index.
"""

from rag.answer.answerer import Answerer, ask
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.followup import carry_over, is_follow_up
from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.questions import answer_types, asks_about_several, question_terms, question_words
from rag.answer.records import (
    EXTRACTIVE,
    REFUSAL_LEAD,
    Answer,
    Citation,
    Draft,
    Generator,
    Searcher,
)
from rag.answer.scoring import Sentence, score_sentences
from rag.answer.support import TermWeights, combine_support, null_of, support_of
from rag.answer.text import bigrams, locate, looks_like_instruction, split_sentences
from rag.answer.verify import verify_citations

__all__ = [
    "DEFAULT_PARAMS",
    "EXTRACTIVE",
    "REFUSAL_LEAD",
    "Answer",
    "AnswerParams",
    "Answerer",
    "Citation",
    "Draft",
    "ExtractiveGenerator",
    "Generator",
    "Searcher",
    "Sentence",
    "TermWeights",
    "answer_types",
    "ask",
    "asks_about_several",
    "bigrams",
    "carry_over",
    "combine_support",
    "is_follow_up",
    "locate",
    "looks_like_instruction",
    "null_of",
    "question_terms",
    "question_words",
    "score_sentences",
    "split_sentences",
    "support_of",
    "verify_citations",
]
