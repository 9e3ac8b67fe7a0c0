"""A notice's lines, headings and sections: where a chunk may start and what it may span."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.grammar import ARTICLE, ATTACHMENT, HEADINGS
from rag.grammar import DATE_LINE as _DATE_LINE

# ---------------------------------------------------------------------------
# Headings

# The kinds of numbered heading, with their levels and nesting ranks: rag.grammar.HEADINGS.


def _heading(line: str) -> tuple[re.Pattern[str], int, float] | None:
    s = line.strip()
    for kind in HEADINGS:
        if kind[0].match(s):
            return kind
    return None


def _heading_rank(line: str) -> float | None:
    kind = _heading(line)
    return None if kind is None else kind[2]


def heading_level(line: str) -> int | None:
    """Heading level of a line, or None for a body line.

    第X章 and 附件/附件N → 0; 第X条, 第X节 and 一、 → 1; （一） → 2; 1. / 1、 → 3; （1） → 4.
    """
    kind = _heading(line)
    return None if kind is None else kind[1]


_LABEL_STOP = re.compile(r"[。；;：:！？!?]")
_LABEL_MAX = 40


def heading_label(line: str) -> str:
    """A heading line shortened to its title, as it appears in ``heading_path``."""
    # Extraction leaves spaces around CJK text ("(一 )工作职责", "第五章附  则"); drop them.
    s = re.sub(r"\s+", " ", line.strip())
    s = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", s)
    s = re.sub(r"(?<=[(（]) | (?=[)）])", "", s)
    m = ARTICLE.match(s)
    if m:
        return re.sub(r"\s+", "", m.group(0))
    m = ATTACHMENT.match(s)
    if m:
        return re.sub(r"[\s:：]+", "", s)
    stop = _LABEL_STOP.search(s)
    if stop and 0 < stop.start() <= _LABEL_MAX:
        return s[: stop.start()]
    if len(s) <= _LABEL_MAX:
        return s
    return s[:_LABEL_MAX] + "…"


# ---------------------------------------------------------------------------
# Lines

_SENTENCE_PUNCT = "。！？；!?;"
_CLAUSE_PUNCT = "，,、：:"
_CLOSERS = "”’\"'」』）)】》]"
_DISCLOSURE_LINE = re.compile(r"^[（(]?\s*(?:此件|信息公开形式|公开属性|公开方式).{0,30}$")
_ANY_PUNCT = re.compile(r"[，。；：！？、,;:!?]")
_STICKY_MAX_CHARS = 50  # a heading line this short is a title: never end a chunk on it
_SOFT_MAX_CHARS = 30  # an unnumbered title line (digest subheadings)
_LEAD_MAX_TOKENS = 64  # loose title lines up to this size are glued to the next section


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    tokens: int
    rank: float | None  # heading nesting rank, None for body lines
    soft: bool  # an unnumbered title-like line
    path: tuple[str, ...]  # enclosing headings, including this line if it is a heading
    sticky: bool  # title-like: a chunk must not end on this line when more follows


def _split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding whitespace."""
    spans = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(raw) + 1
    return spans


def _is_closing(line: str) -> bool:
    return bool(_DATE_LINE.match(line) or _DISCLOSURE_LINE.match(line))


def _is_salutation(line: str) -> bool:
    return line.endswith(("：", ":")) and 2 <= len(line) <= 250 and _heading_rank(line) is None


def _header_end(lines: Sequence[str]) -> int:
    """How many leading lines form the header (title lines, 文号, salutation)."""
    for i, line in enumerate(lines[:8]):
        if _is_salutation(line):
            return i + 1
        if _is_closing(line):
            j = i
            while j < len(lines) and _is_closing(lines[j]):
                j += 1
            return j
        if _heading_rank(line) is not None or len(line) > 60 or any(p in line for p in "。！？；"):
            return i
    return len(lines) if len(lines) <= 8 else 0


def _is_sticky_heading(line: str, rank: float, next_line: str | None) -> bool:
    """A short numbered line that titles what follows, rather than a complete list item."""
    if len(line) > _STICKY_MAX_CHARS or line.endswith(("；", ";")):
        return False
    if not line.endswith(tuple(_SENTENCE_PUNCT)):
        return True
    # "（一）加强组织领导。" titles the paragraph below it; "（五）……情况。" followed by
    # "（六）……" is an item of a list.
    next_rank = _heading_rank(next_line) if next_line is not None else None
    return next_line is not None and (next_rank is None or next_rank > rank)


def _is_soft_title(line: str, next_line: str | None) -> bool:
    return (
        next_line is not None
        and len(line) <= _SOFT_MAX_CHARS
        and not _ANY_PUNCT.search(line)
        and _heading_rank(line) is None
        and (len(next_line) > _SOFT_MAX_CHARS or next_line.endswith("。"))
    )


# ---------------------------------------------------------------------------
# Sections


def _sections(
    text: str, count: Callable[[str], int], *, has_header: bool = True
) -> list[list[_Line]]:
    """The notice as a list of sections (header first), each a list of lines."""
    spans = _split_lines(text)
    raw = [text[s:e] for s, e in spans]
    h = _header_end(raw) if has_header else 0

    def make(i: int, path: tuple[str, ...], rank: float | None) -> _Line:
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        soft = rank is None and _is_soft_title(raw[i], nxt)
        return _Line(
            start=spans[i][0],
            end=spans[i][1],
            text=raw[i],
            tokens=count(raw[i]),
            rank=rank,
            soft=soft,
            path=path,
            sticky=soft if rank is None else _is_sticky_heading(raw[i], rank, nxt),
        )

    sections: list[list[_Line]] = []
    if h:
        sections.append([make(i, (), None) for i in range(h)])

    # Parts: a closing line ends one (once the closing lines run out); 附件 starts one.
    parts: list[list[int]] = []
    current: list[int] = []
    for i in range(h, len(raw)):
        rank = _heading_rank(raw[i])
        after_closing = bool(current) and _is_closing(raw[current[-1]])
        if current and ((after_closing and not _is_closing(raw[i])) or rank == -1.0):
            parts.append(current)
            current = []
        current.append(i)
    if current:
        parts.append(current)
    # A few loose lines after the closing lines (an 附件： list line, a 信息公开 note) stay
    # with the part before them.
    for k in range(len(parts) - 1, 0, -1):
        if all(_heading_rank(raw[i]) is None for i in parts[k]) and (
            sum(count(raw[i]) for i in parts[k]) <= _LEAD_MAX_TOKENS
        ):
            parts[k - 1].extend(parts.pop(k))

    for part in parts:
        ranks = {i: _heading_rank(raw[i]) for i in part}
        inner = [r for i, r in ranks.items() if r is not None and r > -1.0]
        top = min(inner) if inner else None
        stack: list[tuple[float, str]] = []
        part_sections: list[list[_Line]] = []
        for i in part:
            rank = ranks[i]
            if rank is not None:
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                stack.append((rank, heading_label(raw[i])))
            line = make(i, tuple(label for _, label in stack), rank)
            if not part_sections or (rank is not None and rank == top):
                part_sections.append([])
            part_sections[-1].append(line)
        # Loose title lines (an attachment's title, "（试行）") go with what follows them.
        merged: list[list[_Line]] = []
        for k, sec in enumerate(part_sections):
            is_lead = (
                k + 1 < len(part_sections)
                and all(_is_title(ln) for ln in sec)
                and sum(ln.tokens for ln in sec) <= _LEAD_MAX_TOKENS
            )
            if is_lead:
                part_sections[k + 1] = [_as_lead(ln) for ln in sec] + part_sections[k + 1]
            else:
                merged.append(sec)
        sections.extend(merged)
    return sections


def _is_title(line: _Line) -> bool:
    """A line that only names what follows: a bare heading or an unpunctuated short line."""
    if line.rank is not None:
        return line.sticky
    return len(line.text) <= _LABEL_MAX and not _ANY_PUNCT.search(line.text)


def _as_lead(line: _Line) -> _Line:
    if line.rank is not None:
        return line
    return _Line(line.start, line.end, line.text, line.tokens, None, True, line.path, True)
