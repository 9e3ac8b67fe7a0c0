"""Follow-up questions: the chat history checked, and a question made to stand alone
without a model."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rag.answer.questions import ANAPHORA, ANAPHORA_ANYWHERE
from rag.answer.text import bigrams, nows, without_doc_numbers
from rag.articles import article_refs
from rag.docno import find_doc_numbers
from rag.errors import InvalidQueryError
from rag.grammar import ARTICLE_REF


def clean_history(
    history: Sequence[Mapping[str, Any]] | None, max_turns: int
) -> list[dict[str, str]]:
    if not history:
        return []
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise InvalidQueryError(
            '对话历史格式错误：应为 [{"role": "user"|"assistant", "content": "…"}] 列表'
        )
    turns: list[dict[str, str]] = []
    for i, turn in enumerate(history, 1):
        if not isinstance(turn, Mapping):
            raise InvalidQueryError(f"对话历史第 {i} 条不是对象：应为 {{'role', 'content'}}")
        role = str(turn.get("role", ""))
        content = turn.get("content", "")
        if role not in ("user", "assistant", "system"):
            raise InvalidQueryError(
                f"对话历史第 {i} 条的 role={role!r} 无效：应为 user 或 assistant"
            )
        if not isinstance(content, str):
            raise InvalidQueryError(f"对话历史第 {i} 条的 content 应为文本")
        if role != "system" and content.strip():
            turns.append({"role": role, "content": content.strip()})
    return turns[-max_turns:] if max_turns else []


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (它、这个通知、那…、short fragments, an
    article named without its document: "第十一条规定了什么？")."""
    q = question.strip()
    return bool(
        ANAPHORA.match(q)
        or ANAPHORA_ANYWHERE.search(q)
        or len(nows(q)) <= 8
        or (any(not ref.names for ref in article_refs(q)) and not find_doc_numbers(q))
    )


def carry_over(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """A standalone question without an LLM: carry the 文号 the conversation is about, else
    its titles or last question.

    The 文号 is read from the latest turn that holds one (so "它" still means the notice an
    earlier answer named when the last answer named none). A user's turn names its notice
    itself; an answer may name several (the notice asked for, the national notice it
    implements, a related one), and the notice the conversation is about is the one whose
    clause shares most with what the user asked ("湖南这个通知…", the last user question).
    Without a 文号, the titles 《…》 and the last user question carry the topic ("那危重病例
    超过5例的呢？").
    """
    if not turns or not is_follow_up(question):
        return question
    last_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")
    last_assistant = next((t["content"] for t in reversed(turns) if t["role"] == "assistant"), "")
    number = _topic_number(question, turns)
    if number:
        return f"{number} {question}"
    titles = re.findall(r"《([^《》]{4,80})》", last_assistant)
    context = " ".join([last_user, *(f"《{t}》" for t in titles[:1])]).strip()
    # The document is carried, not an article asked about before: "第十一条呢？" and
    # "它什么时候施行？" ask about the document again, not about that article.
    context = ARTICLE_REF.sub(" ", context)
    return f"{context} {question}".strip()


def _topic_number(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """The 文号 the conversation is about, from the latest turn that names one; "" if none."""
    for i in range(len(turns) - 1, -1, -1):
        text = turns[i]["content"]
        found = find_doc_numbers(text)
        if not found:
            continue
        if turns[i]["role"] == "user" or len(found) == 1:
            return found[0].doc_number.normalized
        asked_before = next((t["content"] for t in reversed(turns[:i]) if t["role"] == "user"), "")
        asked = set(bigrams(without_doc_numbers(asked_before + " " + question)))

        shared = [
            len(asked & set(bigrams(without_doc_numbers(_clause(text, m.start, m.end)))))
            for m in found
        ]
        best = max(range(len(found)), key=lambda j: (shared[j], -found[j].start))
        return found[best].doc_number.normalized
    return ""


_CLAUSE_ENDS = "。；！？，,\n"


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``start:end``: from the previous to the next 。；！？，
    or line break, so a 文号 keeps the 《title》 written beside it."""
    lo = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    ends = [j for j in (text.find(c, end) for c in _CLAUSE_ENDS) if j >= 0]
    return text[lo : min(ends) if ends else len(text)]
