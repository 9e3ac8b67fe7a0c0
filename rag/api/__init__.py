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

from rag.api.app import create_app
from rag.api.chat import chat_content
from rag.api.errors import MODEL_ID

__all__ = ["MODEL_ID", "chat_content", "create_app"]
