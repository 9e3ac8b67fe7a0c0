"""The OpenAI-compatible chat endpoint's pieces: turns from messages, content with [n]
markers and references, streamed chunks, token usage."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from rag.api.requests import ChatMessage
from rag.errors import (
    InvalidQueryError,
)

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
