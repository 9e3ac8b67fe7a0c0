"""What serves the requests: the body-size limit, and the retriever and answerer opened on
first use, with the worker threads they run in."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

import anyio
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.api.errors import MODEL_ID, RequestTimeout, T, UnknownIndexError, error_response
from rag.config import Settings
from rag.errors import (
    IndexNotFoundError,
)

# ---------------------------------------------------------------------------
# Body size limit (pure ASGI, so nothing is read or parsed past the limit)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self, size: str) -> str:
        return (
            f"请求体过大（{size}）：上限为 {self.max_bytes} 字节。"
            "请缩短问题或对话历史，或调大 RAG_API_MAX_BODY_BYTES"
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0:
                response = error_response(
                    400, "Content-Length 无效", "invalid_request_error", "bad_content_length"
                )
                await response(scope, receive, send)
                return
            if size > self.max_bytes:
                response = error_response(
                    413, self._message(f"{size} 字节"), "invalid_request_error", "body_too_large"
                )
                await response(scope, receive, send)
                return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside FastAPI's body reading, which passes HTTPException on.
                    raise HTTPException(413, self._message(f"超过 {self.max_bytes} 字节"))
            return message

        await self.app(scope, limited, send)


# ---------------------------------------------------------------------------
# The app


class _Backend:
    """The retriever and answerer, opened on first use (once, even under concurrency)."""

    def __init__(self, settings: Settings, retriever: Any, answerer: Any) -> None:
        self.settings = settings
        self._retriever = retriever
        self._answerer = answerer
        self._lock = threading.Lock()
        # Searchers and answerers over the indexes a request names, by the names in order.
        self._named: dict[tuple[str, ...], tuple[Any, Any]] = {}
        self._limiter: anyio.CapacityLimiter | None = None

    def retriever(self) -> Any:
        if self._retriever is None:
            with self._lock:
                if self._retriever is None:
                    injected = getattr(self._answerer, "retriever", None)
                    if injected is not None:
                        self._retriever = injected
                    else:
                        from rag.retrieve import Retriever

                        self._retriever = Retriever.open(settings=self.settings)
        return self._retriever

    def answerer(self) -> Any:
        if self._answerer is None:
            retriever = self.retriever()
            with self._lock:
                if self._answerer is None:
                    from rag.answer import Answerer

                    self._answerer = Answerer(retriever, settings=self.settings)
        return self._answerer

    def _served(self, names: Sequence[str] | None) -> tuple[str, ...] | None:
        """None when ``names`` asks for the served index (no names, or just its name);
        else the names, each once, in order."""
        chosen = tuple(dict.fromkeys(names or ()))
        served = self._retriever or getattr(self._answerer, "retriever", None)
        name = getattr(served, "name", None) if served is not None else self.settings.index_name
        return None if not chosen or chosen == (name,) else chosen

    def searcher(self, names: Sequence[str] | None) -> Any:
        """The searcher over the indexes ``names`` (the served one when None or when
        ``names`` is just its name), opened on first use and kept."""
        chosen = self._served(names)
        return self.retriever() if chosen is None else self._open_named(chosen)[0]

    def answerer_for(self, names: Sequence[str] | None) -> Any:
        chosen = self._served(names)
        return self.answerer() if chosen is None else self._open_named(chosen)[1]

    def _open_named(self, names: tuple[str, ...]) -> tuple[Any, Any]:
        from rag.answer import Answerer
        from rag.fused import missing_indexes, not_found, open_searcher

        with self._lock:
            if names not in self._named:
                missing = missing_indexes(names, self.settings)
                if missing:
                    raise UnknownIndexError(str(not_found(missing, self.settings)))
                try:
                    searcher = open_searcher(names, self.settings)
                except IndexNotFoundError as exc:  # named, but never indexed
                    raise UnknownIndexError(str(exc)) from exc
                self._named[names] = (searcher, Answerer(searcher, settings=self.settings))
            return self._named[names]

    def generator_id(self) -> str:
        if self._answerer is not None:
            generator = getattr(self._answerer, "generator", None)
            return str(getattr(generator, "id", "extractive"))
        if self.settings.llm_base_url:
            return f"llm:{self.settings.llm_model}"
        return "extractive"

    def _workers(self) -> anyio.CapacityLimiter | None:
        """The limiter of ``api_workers`` (made on the event loop's first request), or None
        for the thread pool's default."""
        if self.settings.api_workers <= 0:
            return None
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.api_workers)
        return self._limiter

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread; past ``api_timeout`` seconds the request gets a 504.

        A thread cannot be stopped from outside, so a timed-out search finishes in the
        background and its result is dropped.
        """
        work = fn
        if self._gated():
            from rag.query_batch import ANSWER_GATE

            def work() -> T:
                with ANSWER_GATE.request():
                    return fn()

        try:
            with anyio.fail_after(self.settings.api_timeout):
                return await anyio.to_thread.run_sync(
                    work, abandon_on_cancel=True, limiter=self._workers()
                )
        except TimeoutError:
            raise RequestTimeout() from None

    def _gated(self) -> bool:
        """Requests pass the answer gate (rag/query_batch.py) after their query is embedded:
        when queries are batched and the answer stage is extractive (an LLM's answer waits
        on the network, and one request waiting would hold up the rest)."""
        from rag.query_batch import batching_on

        return batching_on(self.settings) and not self.settings.llm_base_url


def _notice_detail(retriever: Any, doc_number: str, as_of: str | None = None) -> dict[str, Any]:
    from rag.store import notice_detail

    notices = list(retriever.notices.values())
    return notice_detail(notices, doc_number, as_of, getattr(retriever, "validity", None))


def _notice_rows(
    retriever: Any, as_of: str | None, statuses: Sequence[str]
) -> list[dict[str, Any]]:
    from rag.notices.validity import ValidityIndex
    from rag.store import notice_row

    found = getattr(retriever, "validity", None)
    validity = (
        found if isinstance(found, ValidityIndex) else ValidityIndex(retriever.notices.values())
    )
    return [
        notice_row(n, validity, as_of)
        for n in retriever.notices.values()
        if not statuses or validity.status(n.notice_id, as_of).label in statuses
    ]


def _health(backend: _Backend) -> dict[str, Any]:
    retriever = backend.retriever()
    manifest = getattr(retriever, "manifest", {}) or {}
    # A served set of indexes (rag serve --index a,b) names each index's embedder.
    embedders = getattr(retriever, "embedders", None)
    embedder = (
        ",".join(dict.fromkeys(embedders.values()))
        if embedders
        else getattr(retriever.embedder, "id", "")
    )
    return {
        "status": "ok",
        "index": getattr(retriever, "name", backend.settings.index_name),
        "notices": len(retriever.notices),
        "chunks": len(retriever.chunks),
        "embedder": embedder,
        "generator": backend.generator_id(),
        "model": MODEL_ID,
        "manifest": {
            k: manifest.get(k)
            for k in ("schema_version", "created", "updated", "counts", "vectors")
        },
    }
