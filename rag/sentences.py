"""Sentence vectors: one embedding per distinct sentence of the index's passages.

The answer stage picks the sentences that answer a question. Word overlap finds them when
the question uses the notice's words; a question in everyday words ("下了班能回家住吗")
needs the meaning of each sentence too. ``rag index`` embeds every distinct sentence of
every chunk (sentences as ``rag.answer.text.split_sentences`` cuts them, the same cut the
answer stage makes) through the embedding cache, keyed by the sentence's content hash, so
a rebuild embeds only new sentences and the bundled corpus ships them in
``data/embeddings/``. The index folder holds them in ``sentences.npz``: the sentences'
content hashes and their vectors, row for row.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from rag.embeddings import pack_keys, text_key, unpack_keys
from rag.errors import IndexCorruptError
from rag.records import Chunk

SENTENCES = "sentences.npz"


def sentence_texts(chunks: Iterable[Chunk]) -> list[str]:
    """Every distinct sentence of the chunks, in first-seen order."""
    from rag.answer.text import split_sentences

    seen: dict[str, None] = {}
    for chunk in chunks:
        for start, end in split_sentences(chunk.text):
            seen.setdefault(chunk.text[start:end], None)
    return list(seen)


# The key of a sentence whose cosine an answer asks for: the same passage sentences come
# back for question after question, and hashing them each time is pure cost.
_sentence_key = functools.lru_cache(maxsize=16384)(text_key)


class SentenceVectors:
    """Vectors of sentences by content, for cosine similarity with a query vector."""

    def __init__(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        self._row = {key: i for i, key in enumerate(keys)}
        self._vectors = np.asarray(vectors, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._row)

    @classmethod
    def load(cls, folder: Path, dimension: int) -> SentenceVectors | None:
        """The index folder's sentence vectors; None when the index has none (an index built
        before they existed answers from word overlap alone). ``IndexCorruptError`` when the
        file is unreadable or its vectors are not ``dimension`` wide."""
        path = folder / SENTENCES
        if not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as data:
                raw, vectors = np.asarray(data["keys"]), np.asarray(data["vectors"])
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
            raise IndexCorruptError(
                f"索引 '{folder.name}' 的 {SENTENCES} 无法读取（{type(exc).__name__}）。"
                f"请运行：rag index --index {folder.name} --rebuild"
            ) from exc
        if raw.ndim != 2 or raw.shape[1] != 32 or vectors.shape != (len(raw), dimension):
            raise IndexCorruptError(
                f"索引 '{folder.name}' 的 {SENTENCES} 不一致：{raw.shape} 个键，"
                f"{vectors.shape} 个向量，应为 {dimension} 维。"
                f"请运行：rag index --index {folder.name} --rebuild"
            )
        return cls(unpack_keys(raw), vectors)

    @classmethod
    def joined(cls, blocks: Sequence[Sequence[SentenceVectors]]) -> SentenceVectors:
        """One table over the tables of several indexes. The tables of one block share an
        embedder (a sentence several of them hold keeps the first one's vector); blocks of
        different embedders sit side by side, each sentence's vector in its block's columns
        and zeros in the others, so its dot product with the query vectors of the blocks
        laid side by side is its cosine with its own embedder's query."""
        widths = [block[0]._vectors.shape[1] for block in blocks]
        keys: dict[str, tuple[int, np.ndarray]] = {}
        for b, block in enumerate(blocks):
            for table in block:
                for key, row in table._row.items():
                    keys.setdefault(key, (b, table._vectors[row]))
        vectors = np.zeros((len(keys), sum(widths)), dtype=np.float32)
        offsets = np.cumsum([0, *widths])
        for i, (b, vector) in enumerate(keys.values()):
            vectors[i, offsets[b] : offsets[b + 1]] = vector
        return cls(list(keys), vectors)

    def save(self, folder: Path) -> None:
        order = sorted(self._row, key=self._row.__getitem__)
        with (folder / SENTENCES).open("wb") as fh:
            np.savez(fh, keys=pack_keys(order), vectors=self._vectors)

    def row(self, text: str) -> int | None:
        """The row of a sentence's vector; None for a sentence the index does not hold."""
        return self._row.get(_sentence_key(text))

    def similarities(self, texts: Sequence[str], query: np.ndarray) -> list[float | None]:
        """Cosine of each sentence with ``query`` (rows are unit length); None for a
        sentence the index does not hold."""
        rows = [self._row.get(_sentence_key(t)) for t in texts]
        present = [r for r in rows if r is not None]
        if not present:
            return [None] * len(texts)
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        scores = self._vectors[present] @ q
        it = iter(scores.tolist())
        return [next(it) if r is not None else None for r in rows]


class PassageSentences:
    """Passages ranked by their best sentence: a passage's cosine with a query is the
    highest cosine of any of its sentences (max-over-sentences, as passage rankers score a
    document by its best passage). A long passage of many points (a work plan's article
    listing ten tasks) embeds as the mean of its points, and a question on one of them
    finds the passage only through the sentence that states it."""

    def __init__(self, chunks: Sequence[Chunk], vectors: SentenceVectors) -> None:
        from rag.answer.text import split_sentences

        rows: list[int] = []
        owners: list[int] = []
        for i, chunk in enumerate(chunks):
            for start, end in split_sentences(chunk.text):
                row = vectors.row(chunk.text[start:end])
                if row is not None:
                    rows.append(row)
                    owners.append(i)
        self._vectors = vectors._vectors
        self._rows = np.asarray(rows, dtype=np.int64)
        self._owners = np.asarray(owners, dtype=np.int64)
        self._n = len(chunks)

    def ranking(self, query: np.ndarray, pool: int, allowed: np.ndarray | None = None) -> list[int]:
        """The ``pool`` passages whose best sentence is closest to ``query``, best first
        (passages outside ``allowed`` and passages with no sentence vector left out)."""
        if not len(self._rows):
            return []
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        # (The table holds the index's own sentences: every row is some passage's.)
        cos = self._vectors @ q
        best = np.full(self._n, -np.inf, dtype=np.float32)
        np.maximum.at(best, self._owners, cos[self._rows])
        if allowed is not None:
            best = np.where(allowed, best, -np.inf)
        found = int(np.isfinite(best).sum())
        pool = min(pool, found)
        if pool <= 0:
            return []
        top = np.argpartition(-best, pool - 1)[:pool]
        # Ties (one sentence in two passages) keep passage order.
        return [int(i) for i in top[np.lexsort((top, -best[top]))]]
