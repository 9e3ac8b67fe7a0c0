"""Micro-batching of query embeddings for concurrent callers.

The HTTP API answers every request in a worker thread, and every ``/search`` and ``/ask``
embeds its query. One engine call per query leaves concurrent callers queued one at a
time behind the engine; :class:`QueryBatcher` lets callers that arrive together share
one call instead (the e5 engine packs the queries' tokens into one forward pass).

No background thread, so nothing to start or shut down: the caller that finds the engine
free embeds at once — a lone query never waits — and callers that arrive while a batch is
being embedded gather in a queue. When the batch is done, the first of them is handed the
engine and embeds up to ``max_batch`` queued queries for all (group commit). Before it
starts, that batch may wait up to ``window`` seconds for more queries, but only when it
already holds more than one: a burst is collected, a single caller is not delayed. An
error in one engine call is raised in every caller whose query was in that batch, and
only in those.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from rag.config import Settings


@runtime_checkable
class QueryBatchEmbedder(Protocol):
    """An embedder that embeds several queries in one call."""

    id: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """float32 ``(len(texts), dimension)``; row i equals ``embed_query(texts[i])``."""
        ...


class _Pending:
    """One caller's query on its way through the batcher."""

    __slots__ = ("done", "error", "text", "vector", "wake")

    def __init__(self, text: str) -> None:
        self.text = text
        self.done = False
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None
        # Set when the query is done, or when its caller is to embed the next batch.
        self.wake = threading.Event()


class QueryBatcher:
    """Embeds concurrent single queries together: ``embed(text)`` from any thread.

    ``encode(texts)`` embeds a list of queries in one call, returning one row per text.
    ``max_batch`` caps the texts of one call; ``window`` (seconds) is how long a batch of
    more than one query waits for more before it is embedded. One batch is embedded at a
    time: the engine spreads one call over the cores itself (OpenMP), so concurrent calls
    would only compete for them.

    Each waiting caller sleeps on its own event and is woken once: when its query is done,
    or when it is first in the queue as a batch finishes and so embeds the next one. Waking
    every waiting thread instead would have each of them take the GIL in turn before the
    next batch could start, leaving the engine idle meanwhile.
    """

    def __init__(
        self,
        encode: Callable[[list[str]], np.ndarray],
        dimension: int,
        *,
        max_batch: int,
        window: float,
    ) -> None:
        if max_batch < 1 or window < 0:
            raise ValueError(f"max_batch={max_batch} must be ≥ 1 and window={window} ≥ 0")
        self._encode = encode
        self.dimension = dimension
        self.max_batch = max_batch
        self.window = window
        self._lock = threading.Lock()
        self._queue: deque[_Pending] = deque()
        self._running = False  # some caller is embedding a batch, or about to
        self._arrived = threading.Condition(self._lock)  # for a batch waiting out its window
        self._collecting = False
        # Engine calls made and queries they embedded (benchmarks report the mean batch).
        self.calls = 0
        self.embedded = 0

    def embed(self, text: str) -> np.ndarray:
        """The query vector of ``text``, embedded alone or with concurrent callers' queries."""
        mine = _Pending(text)
        with self._lock:
            self._queue.append(mine)
            lead = not self._running
            self._running = True
            if self._collecting:
                self._arrived.notify()
        if not lead:
            mine.wake.wait()
        if not mine.done:
            self._lead()
        if mine.error is not None:
            raise mine.error
        assert mine.vector is not None
        return mine.vector

    def _lead(self) -> None:
        """Embed the first queries of the queue (this caller's among them), then hand the
        engine to the next caller in the queue."""
        try:
            with self._lock:
                if 1 < len(self._queue) < self.max_batch and self.window > 0:
                    # Queries are arriving together: give the batch a moment to fill.
                    deadline = time.monotonic() + self.window
                    self._collecting = True
                    while len(self._queue) < self.max_batch:
                        left = deadline - time.monotonic()
                        if left <= 0:
                            break
                        self._arrived.wait(left)
                    self._collecting = False
                count = min(self.max_batch, len(self._queue))
                batch = [self._queue.popleft() for _ in range(count)]
            self._run(batch)
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].wake.set()
                else:
                    self._running = False

    def _run(self, batch: list[_Pending]) -> None:
        vectors: np.ndarray | None = None
        error: BaseException | None = None
        try:
            vectors = np.asarray(self._encode([p.text for p in batch]), dtype=np.float32)
            if vectors.shape != (len(batch), self.dimension):
                raise RuntimeError(
                    f"query batch: expected embeddings of shape {(len(batch), self.dimension)}, "
                    f"got {vectors.shape}"
                )
        except BaseException as exc:  # handed to every caller of this batch, raised there
            error = exc
        with self._lock:
            self.calls += 1
            self.embedded += len(batch)
        for row, p in enumerate(batch):
            if vectors is not None and error is None:
                p.vector = vectors[row].copy()
            p.error = error
            p.done = True
            p.wake.set()


class BatchedQueries:
    """An embedder whose ``embed_query`` goes through a :class:`QueryBatcher`; documents
    and the embedder's identity are the wrapped embedder's, so an index built with it
    opens with this one."""

    def __init__(self, inner: QueryBatchEmbedder, *, max_batch: int, window: float) -> None:
        self.inner = inner
        self.id = inner.id
        self.dimension = inner.dimension
        self.captures_meaning: bool = getattr(inner, "captures_meaning", True)
        self.batcher = QueryBatcher(
            inner.embed_queries, inner.dimension, max_batch=max_batch, window=window
        )

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.batcher.embed(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_queries(texts)


def with_query_batching(embedder: object, settings: Settings) -> object:
    """``embedder`` wrapped in :class:`BatchedQueries` when the settings turn batching on
    (``query_batch_window_ms`` > 0 and ``query_batch_max`` > 1) and it can embed several
    queries in one call; otherwise ``embedder`` itself."""
    if (
        settings.query_batch_window_ms <= 0
        or settings.query_batch_max <= 1
        or not isinstance(embedder, QueryBatchEmbedder)
    ):
        return embedder
    return BatchedQueries(
        embedder,
        max_batch=settings.query_batch_max,
        window=settings.query_batch_window_ms / 1000,
    )
