"""The FastAPI app: its endpoints, each a thin layer over the library."""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Any

from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse, StreamingResponse

from rag.api.chat import _sse, answer_extras, chat_content, chat_turns, usage
from rag.api.errors import MODEL_ID, _add_error_handlers
from rag.api.requests import AskRequest, AsOf, ChatRequest, SearchRequest, StatusName, _filters
from rag.api.serving import BodyLimit, _Backend, _health, _notice_detail, _notice_rows
from rag.auth import BearerAuth, load_api_keys
from rag.config import Settings, load_settings
from rag.responses import AskResponse, ErrorResponse, NoticeDetail, NoticeRow, SearchResponse


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
