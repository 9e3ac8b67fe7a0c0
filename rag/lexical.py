"""Chinese BM25 over character unigrams + bigrams, on top of bm25s.

bm25s's default tokeniser splits on whitespace and Latin word boundaries, which leaves a
Chinese sentence as one token. Character unigrams + bigrams need no dictionary, cope
with policy jargon and 文号 prefixes that no segmenter knows, and beat jieba in a probe on
this corpus. Latin words and numbers are kept whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.clean import to_halfwidth
from rag.errors import IndexCorruptError
from rag.grammar import CJK, simplified

_CJK_RUN = re.compile(f"[{CJK}]+")
_WORD = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?")
_SEGMENT = re.compile(rf"[{CJK}]+|[A-Za-z]+|\d+(?:\.\d+)?")
# bm25s parameters: k1/b are the usual Robertson defaults; "lucene" scoring keeps idf ≥ 0.
K1 = 1.2
B = 0.75
META = "lexical.json"


def tokenize(text: str, fold: bool = True) -> list[str]:
    """Character unigrams and bigrams of each CJK run; whole Latin words and numbers. With
    ``fold``, read in simplified characters: a traditional repost (洛陽市衛生健康委員會) is
    found by a question in simplified ones (洛阳市卫生健康委员会), and the other way round."""
    tokens: list[str] = []
    text = simplified(text) if fold else text
    for m in _SEGMENT.finditer(to_halfwidth(text).lower()):
        run = m.group(0)
        if _CJK_RUN.fullmatch(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


class LexicalIndex:
    """BM25 scores of every indexed document for a query."""

    def __init__(self, retriever: Any, size: int, fold: bool = True) -> None:
        self._retriever = retriever
        self.size = size
        self._vocab: dict[str, int] = retriever.vocab_dict
        # Whether the documents were read in simplified characters (an index built before
        # they were is queried as it was built, until ``rag index --rebuild``).
        self.fold = fold

    @classmethod
    def build(cls, documents: Sequence[str]) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        retriever.index([tokenize(d) or ["\u2205"] for d in documents], show_progress=False)
        return cls(retriever, len(documents))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document (float32, length ``size``); zeros when nothing matches."""
        tokens = [t for t in tokenize(query, self.fold) if t in self._vocab]
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._retriever.save(str(folder / "bm25"), show_progress=False)
        meta = {"size": self.size, "k1": K1, "b": B, "simplified": self.fold}
        (folder / META).write_text(json.dumps(meta), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        import bm25s

        try:
            meta = json.loads((folder / META).read_text("utf-8"))
            retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, verbosity=0)
            return cls(retriever, int(meta["size"]), bool(meta.get("simplified", False)))
        except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
            # Missing, truncated or hand-edited files (np.load raises ValueError/EOFError).
            raise IndexCorruptError(
                f"词法索引 {folder} 无法读取（{type(exc).__name__}: {exc}）。"
                f"请运行：rag index --index {folder.parent.name} --rebuild"
            ) from exc
