"""Library errors as HTTP statuses, and every error body in the OpenAI shape with a Chinese
message (validation errors included)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rag.config import Settings
from rag.errors import (
    ConfigError,
    EmbedderMismatchError,
    IndexCorruptError,
    IndexNotFoundError,
    InvalidQueryError,
    NoticeNotFoundError,
    RagError,
)

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
