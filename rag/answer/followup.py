"""Follow-up questions: the chat history checked, and a question made to stand alone
without a model."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rag.answer.questions import ANAPHORA, ANAPHORA_ANYWHERE
from rag.answer.text import nows
from rag.docno import find_doc_numbers
from rag.errors import InvalidQueryError


def clean_history(
    history: Sequence[Mapping[str, Any]] | None, max_turns: int
) -> list[dict[str, str]]:
    if not history:
        return []
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise InvalidQueryError(
            '对话历史格式错误：应为 [{"role": "user"|"assistant", "content": "…"}] 列表'
        )
    turns: list[dict[str, str]] = []
    for i, turn in enumerate(history, 1):
        if not isinstance(turn, Mapping):
            raise InvalidQueryError(f"对话历史第 {i} 条不是对象：应为 {{'role', 'content'}}")
        role = str(turn.get("role", ""))
        content = turn.get("content", "")
        if role not in ("user", "assistant", "system"):
            raise InvalidQueryError(
                f"对话历史第 {i} 条的 role={role!r} 无效：应为 user 或 assistant"
            )
        if not isinstance(content, str):
            raise InvalidQueryError(f"对话历史第 {i} 条的 content 应为文本")
        if role != "system" and content.strip():
            turns.append({"role": role, "content": content.strip()})
    return turns[-max_turns:] if max_turns else []


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (它、这个通知、那…、short fragments)."""
    q = question.strip()
    return bool(ANAPHORA.match(q) or ANAPHORA_ANYWHERE.search(q) or len(nows(q)) <= 8)


def carry_over(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """A standalone question without an LLM: carry the last turn's 文号, titles or question.

    The 文号 of the last exchange routes retrieval to the notice being discussed
    ("它的发文机关是谁？"); without one, the titles 《…》 and the last user question carry
    the topic ("那危重病例超过5例的呢？").
    """
    if not turns or not is_follow_up(question):
        return question
    last_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")
    last_assistant = next((t["content"] for t in reversed(turns) if t["role"] == "assistant"), "")
    numbers: list[str] = []
    for text in (last_assistant, last_user):
        for m in find_doc_numbers(text):
            if m.doc_number.normalized not in numbers:
                numbers.append(m.doc_number.normalized)
        if numbers:
            break
    if numbers:
        return f"{numbers[0]} {question}"
    titles = re.findall(r"《([^《》]{4,80})》", last_assistant)
    context = " ".join([last_user, *(f"《{t}》" for t in titles[:1])]).strip()
    return f"{context} {question}".strip()
