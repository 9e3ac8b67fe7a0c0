"""Packing a section's paragraphs into passages up to the token bound, and cutting a
paragraph longer than the bound into overlapping windows."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Callable, Iterable, Sequence

from rag.chunking.sections import _CLAUSE_PUNCT, _CLOSERS, _SENTENCE_PUNCT, _Line

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


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
