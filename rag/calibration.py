"""How similar the index's passages are to a question whose answer is not among them.

Support needs to know whether the best passage's cosine with a question is high. "High" is
not a constant: it depends on the embedder (e5 cosines crowd near 0.9, others spread over
0.2–0.8) and on the corpus (in a single-domain corpus every passage is somewhat on topic).
So ``rag index`` measures it on the index itself: it asks the index questions whose source
it has taken away. Sentences of the index, sampled evenly by content hash, are embedded as
queries, and each is matched against the passages of every *other* notice; the best of those
cosines is what a related but unsupported question scores. Their mean and spread are the
index's null similarity. Support then reads a question's top cosine as a z-score against it
(``rag.answer.support.combine_support``), the same for any embedder and any corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from rag.records import Chunk

# Pseudo-questions per index: enough for the mean and spread to settle (their standard
# errors are under a tenth of the spread), few enough to embed in seconds on 2 cores.
SAMPLES = 500
MIN_CHARS = 12  # shorter sentences are headings or fragments, not questions


def null_similarity(
    embed_query: Callable[[str], np.ndarray],
    chunks: Sequence[Chunk],
    vectors: np.ndarray,
    samples: int = SAMPLES,
) -> dict[str, Any] | None:
    """The mean and spread of the best cosine between a sentence of one notice (embedded as
    a query) and the passages of all other notices; None when the index has fewer than two
    notices or too few sentences to sample."""
    from rag.embeddings import text_key
    from rag.sentences import sentence_texts

    notice_of = np.array([c.notice_id for c in chunks])
    if len(set(notice_of.tolist())) < 2:
        return None
    owners: dict[str, str] = {}
    for chunk in chunks:
        for text in sentence_texts([chunk]):
            if len(text) >= MIN_CHARS:
                owners.setdefault(text, chunk.notice_id)
    if len(owners) < 10:
        return None
    # The sentences whose content hashes come first: the same sentences for the same index,
    # whatever order its files were ingested in, and a sentence added or edited changes at
    # most one of them (every n-th of the sorted hashes would shift all the others).
    picked = sorted(owners, key=text_key)[:samples]
    matrix = np.asarray(vectors, dtype=np.float32)
    best = []
    for text in picked:
        cosines = matrix @ np.asarray(embed_query(text), dtype=np.float32).reshape(-1)
        others = cosines[notice_of != owners[text]]
        best.append(float(others.max()))
    values = np.array(best)
    return {
        "mean": round(float(values.mean()), 6),
        "std": round(float(values.std()), 6),
        "samples": len(best),
        "method": "best cosine of an index sentence, as a query, with other notices' passages",
    }
