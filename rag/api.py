"""HTTP API over one index: plain JSON endpoints and an OpenAI-compatible chat endpoint.

Thin, like the CLI: pydantic models validate the request, the library does the work in a
worker thread (bounded by the ``api_timeout`` setting), and library errors (``RagError``)
become HTTP statuses here and only here. Every error body has the OpenAI shape
``{"error": {"message", "type", "code"}}`` with a Chinese message that says what was wrong
and how to fix it, so OpenAI SDKs surface it as is.

``POST /v1/chat/completions`` answers the last user message with the earlier turns as chat
history. Its content carries the answer's [n] markers (followed by a 引用 list unless
``"references": false``) and the structured citations sit in an extra top-level
``citations`` field — of the response, or of the final chunk when ``"stream": true``. A
stream carries the verified answer only: citation checking can renumber or drop [n]
markers of a draft, and a chat front-end cannot take back text it has already shown.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeVar

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rag.auth import BearerAuth, load_api_keys
from rag.config import Settings, check_index_name, load_settings
from rag.errors import (
    ConfigError,
    EmbedderMismatchError,
    IndexCorruptError,
    IndexNotFoundError,
    InvalidQueryError,
    NoticeNotFoundError,
    RagError,
)
from rag.responses import AskResponse, ErrorResponse, NoticeDetail, NoticeRow, SearchResponse
from rag.retrieve import Filters

log = logging.getLogger("rag.api")

MODEL_ID = "policy-rag"
T = TypeVar("T")


class UnknownIndexError(RagError):
    """A request names an index that does not exist (the client's mistake: 404, not 503)."""

    exit_code = 4


# RagError subclass → (HTTP status, OpenAI-style error type, code).
_STATUS: tuple[tuple[type[RagError], int, str, str], ...] = (
    (InvalidQueryError, 422, "invalid_request_error", "invalid_query"),
    (UnknownIndexError, 404, "not_found_error", "index_not_found"),
    (NoticeNotFoundError, 404, "not_found_error", "notice_not_found"),
    (IndexNotFoundError, 503, "service_unavailable", "index_not_found"),
    (IndexCorruptError, 503, "service_unavailable", "index_corrupt"),
    (EmbedderMismatchError, 503, "service_unavailable", "embedder_mismatch"),
    (ConfigError, 503, "service_unavailable", "config_error"),
)


def status_for(exc: RagError) -> tuple[int, str, str]:
    """HTTP status, error type and code for a library error."""
    for cls, status, kind, code in _STATUS:
        if isinstance(exc, cls):
            return status, kind, code
    return 500, "server_error", "rag_error"


def error_response(status: int, message: str, kind: str, code: str, **extra: Any) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "type": kind, "code": code, **extra}}, status_code=status
    )


class RequestTimeout(Exception):
    """A request ran past the ``api_timeout`` setting."""


# ---------------------------------------------------------------------------
# Request models


def _encodable(value: str) -> str:
    # A lone UTF-16 surrogate ("\ud800") is valid JSON but cannot be written back as UTF-8.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            "文本含有无法编码的字符（单独的 UTF-16 代理项），请检查输入的编码"
        ) from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]
IndexName = Annotated[
    str,
    Field(min_length=1, max_length=100),
    AfterValidator(_encodable),
    AfterValidator(check_index_name),
]
INDEXES_HELP = (
    "要检索的索引名（默认为服务启动时的索引）；多个索引的结果在同一尺度上融合，"
    "每条段落与引用的 index 字段注明出处"
)


StatusName = Literal["现行有效", "已过有效期", "已废止", "已修订", "尚未施行", "未知"]
# The date statuses are judged on (YYYY-MM-DD); today when absent.
AsOf = Annotated[
    dt.date | None,
    Field(None, strict=False, description="按此日期判断通知效力，如 2021-01-01（默认今天）"),
]


class FiltersIn(BaseModel):
    """Restrict results to notices of one region, year, issuer or category."""

    model_config = ConfigDict(strict=True, extra="forbid")

    region: Text = Field("", max_length=50, description="省级地区简称，如 福建；全国 表示国家层面")
    year: int | None = Field(None, ge=1900, le=2100, description="年份，如 2023")
    issuer: Text = Field("", max_length=200, description="发文机关（包含匹配）")
    category: Text = Field("", max_length=100, description="类别（完全匹配）")
    status: list[StatusName] = Field(
        default_factory=list, max_length=6, description="只要这些效力状态（按 as_of 日期判断）"
    )

    def to_filters(self, as_of: str | None = None) -> Filters:
        return Filters(
            region=self.region.strip(),
            year=self.year,
            issuer=self.issuer.strip(),
            category=self.category.strip(),
            status=tuple(dict.fromkeys(self.status)),
            as_of=as_of,
        )


def _filters(filters: FiltersIn | None, as_of: dt.date | None) -> Filters | None:
    day = as_of.isoformat() if as_of else None
    if filters is not None:
        return filters.to_filters(day)
    return Filters(as_of=day) if day else None


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={"examples": [{"query": "国卫办医函[2020]357号讲了什么？", "k": 5}]},
    )

    query: Text = Field(..., description="问题或关键词；文号（任意括号）会直达该通知")
    k: int = Field(10, ge=1, le=1000, description="返回段落数（上限为 max_k 设置，默认 100）")
    filters: FiltersIn | None = None
    indexes: list[IndexName] | None = Field(
        None, min_length=1, max_length=8, description=INDEXES_HELP
    )
    as_of: AsOf = None


class Turn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: Text


class AskRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={"examples": [{"question": "长期处方最长能开多久？"}]},
    )

    question: Text = Field(..., description="问题")
    history: list[Turn] = Field(
        default_factory=list, max_length=200, description="此前的对话（追问时用），OpenAI 格式"
    )
    k: int | None = Field(None, ge=1, le=1000, description="用于回答的段落数（默认 answer_k）")
    filters: FiltersIn | None = None
    indexes: list[IndexName] | None = Field(
        None, min_length=1, max_length=8, description=INDEXES_HELP
    )
    as_of: AsOf = None


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Text
    text: Text | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: Text | list[ContentPart] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ChatRequest(BaseModel):
    """OpenAI chat-completions request; sampling fields (temperature, top_p…) are ignored."""

    model_config = ConfigDict(
        strict=True,
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": MODEL_ID,
                    "messages": [{"role": "user", "content": "国卫办医函[2020]357号讲了什么？"}],
                }
            ]
        },
    )

    model: Text = Field(
        MODEL_ID, description=f"模型名（任意；回显于响应，/v1/models 列出 {MODEL_ID}）"
    )
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False
    stream_options: StreamOptions | None = None
    k: int | None = Field(None, ge=1, le=1000, description="policy-rag 扩展：用于回答的段落数")
    filters: FiltersIn | None = Field(None, description="policy-rag 扩展：筛选条件")
    references: bool = Field(True, description="policy-rag 扩展：在回答文本末尾附引用列表")


# ---------------------------------------------------------------------------
# Chat helpers (pure)


def message_text(message: ChatMessage) -> str:
    """The text of a chat message; content-part lists keep their text parts only."""
    content = message.content
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    return "".join(part.text or "" for part in content if part.type == "text")


def chat_turns(messages: Sequence[ChatMessage]) -> tuple[str, list[dict[str, str]]]:
    """The question (last message, which must be the user's) and the earlier turns."""
    last = messages[-1]
    if last.role != "user":
        raise InvalidQueryError(f"最后一条消息的 role 为 {last.role!r}：应为 user，即要回答的问题")
    question = message_text(last)
    if not question.strip():
        raise InvalidQueryError(
            "最后一条 user 消息为空：请输入要问的内容，例如「互联网诊疗有哪些要求？」"
        )
    history = [
        {"role": m.role, "content": message_text(m)}
        for m in messages[:-1]
        if m.role in ("user", "assistant") and message_text(m).strip()
    ]
    return question, history


def chat_content(answer: Any, references: bool) -> str:
    """The answer text, with a 引用 list a plain chat front-end can show under it."""
    text = str(answer.text)
    if not references or not answer.citations:
        return text
    lines = [text, "", "引用："]
    for c in answer.citations:
        who = "，".join(x for x in (c.issuer, c.date) if x)
        where = f"{c.doc_number or '无文号'}{' ' + c.article if c.article else ''}"
        lines.append(f"[{c.n}] {where}《{c.title.strip('《》')}》{who}")
    return "\n".join(lines)


_PIECE = re.compile(r"[^。；！？\n]*[。；！？\n]+|[^。；！？\n]+")


def stream_pieces(text: str) -> list[str]:
    """Sentence-sized pieces of ``text`` whose concatenation is ``text``."""
    return _PIECE.findall(text)


def answer_extras(answer: Any) -> dict[str, Any]:
    """What an OpenAI response carries beside the text: citations and the answer's verdict."""
    return {
        "citations": [c.to_dict() for c in answer.citations],
        "policy_rag": {
            "question": answer.question,
            "standalone": answer.standalone,
            "refused": answer.refused,
            "reason": answer.reason,
            "closest": answer.closest,
            "generator": answer.generator,
            "notes": list(answer.notes),
        },
    }


@functools.lru_cache(maxsize=1)
def _token_count() -> Callable[[str], int]:
    try:
        from rag.chunking import token_counter

        return token_counter()
    except Exception:  # usage numbers are informative only; never fail a request over them
        return len


def usage(prompt: Sequence[str], completion: str) -> dict[str, int]:
    count = _token_count()
    p = sum(count(t) for t in prompt)
    c = count(completion)
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


# ---------------------------------------------------------------------------
# Validation messages


_PYDANTIC_ZH = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "list_type": "应为数组",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "too_short": "至少需要 {min_length} 项",
    "too_long": "至多 {max_length} 项",
    "string_too_long": "长度不能超过 {max_length}",
    "literal_error": "应为 {expected} 之一",
    "extra_forbidden": "是不认识的字段",
    "json_invalid": "请求体不是合法的 JSON",
    "json_type": "请求体应为 JSON",
    "union_tag_invalid": "类型不符",
}


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One Chinese sentence per problem: where it is, and what was expected."""
    parts: list[str] = []
    for err in errors[:8]:
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        kind = str(err.get("type", ""))
        ctx = {k: v for k, v in (err.get("ctx") or {}).items() if not isinstance(v, Exception)}
        if kind == "value_error" and err.get("ctx", {}).get("error"):
            what = str(err["ctx"]["error"])
        elif kind in _PYDANTIC_ZH:
            try:
                what = _PYDANTIC_ZH[kind].format(**ctx)
            except (KeyError, IndexError):
                what = _PYDANTIC_ZH[kind]
        else:
            what = str(err.get("msg", kind))
        if kind in ("json_invalid", "json_type") or not loc:
            parts.append(what if loc or kind.startswith("json") else f"请求体{what}")
        else:
            parts.append(f"字段 {'.'.join(loc)} {what}")
    if len(errors) > 8:
        parts.append(f"另有 {len(errors) - 8} 处问题")
    return "请求无效：" + "；".join(dict.fromkeys(parts)) + "。接口说明见 /docs"


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
        try:
            with anyio.fail_after(self.settings.api_timeout):
                return await anyio.to_thread.run_sync(
                    fn, abandon_on_cancel=True, limiter=self._workers()
                )
        except TimeoutError:
            raise RequestTimeout() from None


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


def create_app(
    retriever: Any = None, answerer: Any = None, settings: Settings | None = None
) -> FastAPI:
    """The FastAPI app. Without a retriever/answerer, the configured index opens on first use."""
    settings = settings or getattr(retriever, "settings", None) or load_settings()
    backend = _Backend(settings, retriever, answerer)
    app = FastAPI(
        title="policy-rag",
        version="0.1.0",
        summary="卫生健康政策通知的检索问答：检索、回答（带文号引用）与 OpenAI 兼容的聊天接口",
    )
    app.state.backend = backend
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    keys = load_api_keys(settings)
    if keys:  # added last, so it runs first: no body is read for a request without a key
        app.add_middleware(BearerAuth, keys=keys)
    _add_error_handlers(app, settings)

    @app.post(
        "/search",
        summary="检索段落",
        tags=["policy-rag"],
        response_model=SearchResponse,
        responses=_errors(401, 404, 413, 422, 503, 504),
    )
    async def search(body: SearchRequest) -> JSONResponse:
        """Ranked passages with 文号, title, issuer, date, source, index (`rag search --json`)."""
        filters = _filters(body.filters, body.as_of)

        def work() -> dict[str, Any]:
            searcher = backend.searcher(body.indexes)
            return searcher.search(body.query, k=body.k, filters=filters).to_dict()

        return JSONResponse(await backend.run(work))

    @app.post(
        "/ask",
        summary="回答问题（带经核验的引用）",
        tags=["policy-rag"],
        response_model=AskResponse,
        responses=_errors(401, 404, 413, 422, 503, 504),
    )
    async def ask(body: AskRequest) -> JSONResponse:
        """A grounded answer with [n] markers and citations, or a refusal (`rag ask --json`)."""
        filters = _filters(body.filters, body.as_of)
        history = [t.model_dump() for t in body.history]

        def work() -> dict[str, Any]:
            answerer = backend.answerer_for(body.indexes)
            answer = answerer.ask(body.question, history, filters=filters, k=body.k)
            return answer.to_dict()

        return JSONResponse(await backend.run(work))

    @app.get(
        "/notices",
        summary="列出通知",
        tags=["policy-rag"],
        response_model=list[NoticeRow],
        responses=_errors(401, 422, 503, 504),
    )
    async def notices(
        as_of: AsOf = None,
        status: Annotated[
            list[StatusName] | None, Query(description="只列出这些效力状态的通知（可重复）")
        ] = None,
    ) -> JSONResponse:
        """Every notice's metadata and validity, without its full text (`rag notices --json`)."""
        day = as_of.isoformat() if as_of else None
        return JSONResponse(
            await backend.run(lambda: _notice_rows(backend.retriever(), day, status or []))
        )

    @app.get(
        "/notices/{doc_number}",
        summary="按文号查看通知",
        tags=["policy-rag"],
        response_model=NoticeDetail,
        responses=_errors(401, 404, 422, 503, 504),
    )
    async def notice(doc_number: str, as_of: AsOf = None) -> JSONResponse:
        """One notice by 文号 (any bracket or spacing: 〔〕 [] () 【】) or notice_id, with its
        validity (status as of ``as_of``, today by default; clauses, relations, timeline)."""
        day = as_of.isoformat() if as_of else None
        return JSONResponse(
            await backend.run(lambda: _notice_detail(backend.retriever(), doc_number, day))
        )

    @app.get("/health", summary="索引与服务状态", tags=["policy-rag"])
    async def health() -> JSONResponse:
        """Index name, manifest summary, notice and chunk counts, embedder and generator."""
        return JSONResponse(await backend.run(lambda: _health(backend)))

    @app.get("/v1/models", summary="OpenAI 兼容：模型列表", tags=["openai"])
    async def models() -> dict[str, Any]:
        return {
            "object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policy-rag"}],
        }

    @app.post(
        "/v1/chat/completions",
        summary="OpenAI 兼容：聊天补全",
        tags=["openai"],
        responses=_errors(401, 413, 422, 503, 504),
    )
    async def chat_completions(body: ChatRequest) -> Any:
        """OpenAI chat completions: the last user message is answered, earlier turns are history.

        The content carries [n] markers; `citations` (top level, or in the final chunk when
        streaming) lists each cited passage with 文号, title, issuer, date and quote.
        """
        question, history = chat_turns(body.messages)
        filters = body.filters.to_filters() if body.filters else None

        def work() -> Any:
            return backend.answerer().ask(question, history, filters=filters, k=body.k)

        answer = await backend.run(work)
        content = chat_content(answer, body.references)
        base = {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "created": int(time.time()),
            "model": body.model,
            "system_fingerprint": MODEL_ID,
        }
        prompt = [question, *(t["content"] for t in history)]
        if not body.stream:
            return {
                **base,
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": content},
                        "finish_reason": "stop",
                        "logprobs": None,
                    }
                ],
                "usage": usage(prompt, content),
                **answer_extras(answer),
            }
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        return StreamingResponse(
            _sse(base, content, answer, usage(prompt, content) if include_usage else None),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return app


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error responses an endpoint documents: each has the ``ErrorResponse`` body (401
    only when API keys are configured)."""
    return {status: {"model": ErrorResponse} for status in statuses}


def _sse(
    base: dict[str, Any], content: str, answer: Any, usage_row: dict[str, int] | None
) -> Iterator[str]:
    import json

    def event(choices: list[dict[str, Any]], **extra: Any) -> str:
        chunk = {**base, "object": "chat.completion.chunk", "choices": choices, **extra}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    yield event(
        [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]
    )
    for piece in stream_pieces(content):
        yield event([{"index": 0, "delta": {"content": piece}, "finish_reason": None}])
    yield event([{"index": 0, "delta": {}, "finish_reason": "stop"}], **answer_extras(answer))
    if usage_row is not None:
        yield event([], usage=usage_row)
    yield "data: [DONE]\n\n"


def _add_error_handlers(app: FastAPI, settings: Settings) -> None:
    def handler(
        exc_type: type[Exception],
    ) -> Callable[[Callable[[Request, Any], Awaitable[JSONResponse]]], Any]:
        return app.exception_handler(exc_type)

    @handler(RagError)
    async def rag_error(request: Request, exc: RagError) -> JSONResponse:
        status, kind, code = status_for(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return error_response(status, str(exc), kind, code)

    @handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "type": e.get("type"), "msg": e.get("msg")}
            for e in errors
        ]
        message = validation_message(errors)
        return error_response(
            422, message, "invalid_request_error", "invalid_request", details=details
        )

    @handler(RequestTimeout)
    async def timed_out(request: Request, exc: RequestTimeout) -> JSONResponse:
        return error_response(
            504,
            f"请求处理超过 {settings.api_timeout:g} 秒，已中止。请稍后重试、减小 k，"
            "或调大 RAG_API_TIMEOUT",
            "timeout_error",
            "timeout",
        )

    @handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        if exc.status_code == 404:
            message = f"没有这个接口：{request.method} {request.url.path}。可用接口见 /docs"
            kind, code = "not_found_error", "not_found"
        elif exc.status_code == 405:
            message = f"{request.url.path} 不支持 {request.method} 方法。接口说明见 /docs"
            kind, code = "invalid_request_error", "method_not_allowed"
        elif exc.status_code == 413:
            message, kind, code = str(exc.detail), "invalid_request_error", "body_too_large"
        else:
            message = str(exc.detail)
            kind = "invalid_request_error" if exc.status_code < 500 else "server_error"
            code = str(exc.status_code)
        response = error_response(exc.status_code, message, kind, code)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(
            500,
            f"服务器内部错误（{type(exc).__name__}），已记入服务日志。请把问题与时间反馈给维护者",
            "server_error",
            "internal_error",
        )
