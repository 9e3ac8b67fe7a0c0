"""API keys for the HTTP surfaces (``rag serve``, ``rag mcp --http``) and the UI password.

Keys come from the ``api_keys`` setting (comma-separated, env ``RAG_API_KEYS``) and the
``api_key_file`` setting (one key a line, ``#`` comments). With no key configured the
servers are open, which is the default on 127.0.0.1; binding another address without keys
prints a warning. A key is compared in constant time and never written to a log, a
message or an error body.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Callable, Collection, Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from rag.config import Settings
from rag.errors import ConfigError

# Paths that answer without a key: a load balancer's liveness probe has none.
OPEN_PATHS = frozenset({"/health"})


def load_api_keys(settings: Settings) -> tuple[str, ...]:
    """Every configured key: the ``api_keys`` setting, then the ``api_key_file`` lines."""
    keys = [k.strip() for k in settings.api_keys.get_secret_value().split(",")]
    path = settings.api_key_file
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            # The OS message names the file and the reason; nothing of its content.
            raise ConfigError(
                f"无法读取 API 密钥文件 {path}（{type(exc).__name__}: "
                f"{getattr(exc, 'strerror', None) or '不是 UTF-8 文本'}）：请检查 api_key_file / "
                "RAG_API_KEY_FILE 设置，文件应为每行一个密钥的 UTF-8 文本"
            ) from None
        keys.extend(line.split("#", 1)[0].strip() for line in lines)
    found = tuple(dict.fromkeys(k for k in keys if k))
    for key in found:
        # An HTTP header carries ASCII; a key of other characters could never be sent.
        if not (key.isascii() and key.isprintable()) or any(c.isspace() for c in key):
            # Say where, never what: the key itself must not reach a terminal or a log.
            raise ConfigError(
                "API 密钥只能由 ASCII 可见字符组成（不含空白）：请检查 api_keys / "
                "RAG_API_KEYS（逗号分隔）与 api_key_file（每行一个密钥，# 之后为注释）"
            )
    return found


def key_matches(token: str, keys: Sequence[str]) -> bool:
    """Whether ``token`` is one of ``keys``, compared in constant time.

    Every key is compared (no early exit), so the time taken does not say which key, or how
    much of one, matched.
    """
    given = token.encode("latin-1", "replace")  # as the header's bytes arrived
    matched = False
    for key in keys:
        matched |= hmac.compare_digest(given, key.encode("ascii"))
    return matched


def bearer_token(authorization: str) -> str:
    """The token of an ``Authorization: Bearer …`` header; ``""`` for any other scheme."""
    scheme, _, token = authorization.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _unauthorized(message: str) -> bytes:
    # The OpenAI error shape (rag/api.py's error bodies), so OpenAI SDKs show the message.
    body = {
        "error": {"message": message, "type": "authentication_error", "code": "invalid_api_key"}
    }
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


class BearerAuth:
    """ASGI middleware: every HTTP request but ``open_paths`` needs a configured key."""

    def __init__(
        self, app: ASGIApp, keys: Sequence[str], open_paths: Collection[str] = OPEN_PATHS
    ) -> None:
        if not keys:
            raise ValueError("BearerAuth needs at least one key")
        self.app = app
        self.keys = tuple(keys)
        self.open_paths = frozenset(open_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in self.open_paths:
            await self.app(scope, receive, send)
            return
        header = ""
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                header = value.decode("latin-1")
                break
        token = bearer_token(header)
        if token and key_matches(token, self.keys):
            await self.app(scope, receive, send)
            return
        if not header:
            message = "缺少 API 密钥：请在请求头中加入 Authorization: Bearer <密钥>"
        elif not token:
            message = "Authorization 请求头应为 Bearer <密钥>"
        else:
            message = "API 密钥无效：请检查密钥（服务端由 api_keys / api_key_file 设置）"
        body = _unauthorized(message)
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", b"Bearer"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name may resolve to any address


def exposure_warning(host: str, keys: Sequence[str]) -> str:
    """The warning to print when ``host`` is reachable from other machines with no key set;
    ``""`` when there is nothing to warn about."""
    if keys or is_loopback(host):
        return ""
    return (
        f"警告：在 {host} 上监听且未设置 API 密钥，任何能访问这台机器的人都能调用本服务。"
        "请用 RAG_API_KEYS（逗号分隔）或 api_key_file 设置密钥，或只在 127.0.0.1 上监听"
    )


def password_check(settings: Settings) -> Callable[[str, str], bool] | None:
    """Gradio's ``auth`` callable for the ``ui_password`` setting (any user name); ``None``
    when no password is set."""
    password = settings.ui_password.get_secret_value()
    if not password:
        return None
    expected = password.encode("utf-8")

    def check(username: str, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected)

    return check
