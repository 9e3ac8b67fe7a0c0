"""Split a weekly news digest (医周药事-style) into one record per article.

A digest is not a notice: it bundles news articles from several outlets. Its layout is
a cover with the issue period ("2021.08.09-2021.08.15"), a table of contents (TOC) of
``▶ [标题](#) （来源：XX）——第 N 页`` links grouped under section headers
(``· 健康中国 ·``) and each followed by a 【提要】 summary, a ``-----本期内容-----``
marker, and then the articles themselves: a title line, a ``来源：XX`` line and the body.

The TOC is the reliable part (titles, outlets, summaries, sections), so records are built
from it and each TOC entry is then matched to its body by normalised title. Everything
here is a pure function of the input text.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
import unicodedata
from dataclasses import dataclass

from rag.clean import close_digit_gaps
from rag.places import PROVINCES
from rag.records import Notice, make_notice_id

__all__ = ["is_digest", "split_digest"]

NO_DOC_NUMBER_WARNING = "无文号：新闻摘编文章"
BODY_MISSING_WARNING = "正文未找到，仅有提要"

_PROVINCE_RE = re.compile("|".join(PROVINCES))

_BULLETS = "▶►▸▷▣■□●○◆◇▪▫•·★☆◎※→>*-"
# A TOC entry starts with an optional bullet and then the "[" of its link.
_ENTRY_START_RE = re.compile(rf"^\s*[{re.escape(_BULLETS)}]?\s*\[")
# A link line with nothing else, e.g. "[返回目录](#)": navigation, never content.
_LINK_ONLY_RE = re.compile(r"^\s*\[[^\]]*\]\(#?[^)]*\)\s*$")
_TOC_LINK_RE = re.compile(r"\[([^\]\n]+)\]\(#\)")
_ENTRY_RE = re.compile(
    r"\[(?P<title>[^\]]+)\]\(#[^)]*\)\s*"
    r"(?:[（(]\s*来\s*源\s*[：:]\s*(?P<outlet>[^）)]+?)\s*[）)])?"
)
_SECTION_RE = re.compile(r"^\s*[·•・●]\s*(?P<name>\S(?:.*\S)?)\s*[·•・●]\s*$")
_SUMMARY_RE = re.compile(r"^\s*【提要】\s*")
_BODY_MARKER_RE = re.compile(r"^\s*[-—=_]{3,}\s*本期内容\s*[-—=_]{3,}\s*$")
_SOURCE_LINE_RE = re.compile(r"^\s*来\s*源\s*[：:]\s*(?P<outlet>.*?)\s*$")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:[-—–]\s*)?(?:第\s*)?\d{1,3}(?:\s*页)?(?:\s*[-—–])?\s*$")
_EDITORIAL_NOTE_RE = re.compile(r"[（(【]\s*(?:节选|摘编|摘录|摘要|全文|有删节)\s*[）)】]")
_PERIOD_RE = re.compile(
    r"(?P<y1>\d{4})\s*[.．/年-]\s*(?P<m1>\d{1,2})\s*[.．/月-]\s*(?P<d1>\d{1,2})\s*日?\s*"
    r"[-—–~～至到]+\s*"
    r"(?:(?P<y2>\d{4})\s*[.．/年-]\s*)?(?P<m2>\d{1,2})\s*[.．/月-]\s*(?P<d2>\d{1,2})"
)
# A line ends a sentence when its last real character (closing quotes/brackets aside) is
# one of these; otherwise a long line is a hard wrap from the PDF and joins the next one.
_TERMINAL = "。！？!?；;：:…"
_CLOSERS = "”’」』）)】》\"'"
_LIST_START_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
    rf"|[①-⑳]|[{re.escape(_BULLETS)}])"
)
# Body headings in these digests run up to ~38 cells; a split paragraph half is usually
# one or more full page lines (~29 cells each) plus a part, so 40 keeps headings apart.
_MIN_WRAPPED_WIDTH = 40.0
_FUZZY_RATIO = 0.85
_FUZZY_RATIO_SAME_OUTLET = 0.5
_MAX_TITLE_LINES = 3


@dataclass(frozen=True)
class _TocEntry:
    title: str
    outlet: str
    summary: str
    category: str


@dataclass(frozen=True)
class _Span:
    """Where one article sits in the body lines: title at ``start``, body from ``text_start``."""

    start: int
    text_start: int
    outlet: str


def is_digest(text: str) -> bool:
    """Whether ``text`` looks like a news digest rather than an ordinary notice.

    A digest has several 【提要】 summaries, several 来源 (outlet) mentions and a TOC of
    ``[标题](#)`` links; notices have none of these together.
    """
    summaries = text.count("【提要】")
    sources = len(re.findall(r"来\s*源\s*[：:]", text))
    links = sum(1 for m in _TOC_LINK_RE.finditer(text) if "返回目录" not in m.group(1))
    return summaries >= 2 and sources >= 2 and links >= 2


def split_digest(text: str, source: str) -> list[Notice]:
    """Split a digest into one ``Notice`` (kind="article") per TOC entry, in TOC order.

    Titles, outlets, summaries and sections come from the TOC; each entry's text is its
    article body (title and 来源 lines excluded), found by normalised-title match in the
    part after the TOC. An entry whose body cannot be found gets its summary as text and
    a warning. Returns an empty list when ``text`` is not digest-shaped.
    """
    if not is_digest(text):
        return []
    lines = unicodedata.normalize("NFC", text.replace("\ufeff", "")).splitlines()
    entries, body_start = _parse_toc(lines)
    published = _period_end(lines)
    body = lines[body_start:]
    spans = _locate_articles(entries, body)
    starts = sorted(s.start for s in spans.values())

    notices: list[Notice] = []
    seen_ids: set[str] = set()
    for index, entry in enumerate(entries):
        warnings = [NO_DOC_NUMBER_WARNING]
        outlet = entry.outlet
        span = spans.get(index)
        body_text = ""
        if span is not None:
            end = next((s for s in starts if s > span.start), len(body))
            body_text = _article_text(body[span.text_start : end])
            outlet = outlet or span.outlet
        if not body_text:
            body_text = entry.summary
            warnings.append(BODY_MISSING_WARNING)
        notice_id = make_notice_id(source, entry.title)
        # Two entries with the same title would collide; the ordinal keeps ids unique and
        # still stable across runs.
        if notice_id in seen_ids:
            notice_id = make_notice_id(source, f"{entry.title}#{index}")
        seen_ids.add(notice_id)
        notices.append(
            Notice(
                notice_id=notice_id,
                doc_number="",
                title=entry.title,
                issuer=outlet,
                region=_region(entry.title, outlet),
                written_date="",
                published_date=published,
                category=entry.category,
                keywords=(),
                source=source,
                text=body_text,
                kind="article",
                outlet=outlet,
                summary=entry.summary,
                warnings=tuple(warnings),
                references=(),
            )
        )
    return notices


# --- TOC ---------------------------------------------------------------------------------


def _parse_toc(lines: list[str]) -> tuple[list[_TocEntry], int]:
    """TOC entries in order, and the index of the first body line after the TOC."""
    marker = next((i for i, line in enumerate(lines) if _BODY_MARKER_RE.match(line)), None)
    toc_end = marker if marker is not None else len(lines)

    entries: list[_TocEntry] = []
    category = ""
    after_last = 0  # first line after the last entry's summary
    i = 0
    while i < toc_end:
        line = lines[i]
        if section := _SECTION_RE.match(line):
            # Without a body marker, a section header not followed by a TOC link is the
            # first header of the body: the TOC is over.
            if marker is None and entries and not _ENTRY_START_RE.match(_next_nonblank(lines, i)):
                break
            category = section.group("name")
            i += 1
            continue
        if not _ENTRY_START_RE.match(line):
            i += 1
            continue
        header, i = _collect(lines, i, toc_end, summary=False)
        match = _ENTRY_RE.search(header)
        if match is None or "返回目录" in match.group("title"):
            continue
        summary = ""
        if i < toc_end and _SUMMARY_RE.match(lines[i]):
            text, i = _collect(lines, i, toc_end, summary=True)
            summary = _SUMMARY_RE.sub("", text, count=1).strip()
        if not match.group("outlet") and not summary:
            continue  # a stray link (e.g. on the cover), not a TOC entry
        entries.append(
            _TocEntry(
                title=_clean_title(match.group("title")),
                outlet=_squash(match.group("outlet") or ""),
                summary=summary,
                category=category,
            )
        )
        after_last = i

    if marker is not None:
        return entries, marker + 1
    return entries, after_last if entries else len(lines)


def _collect(lines: list[str], start: int, end: int, *, summary: bool) -> tuple[str, int]:
    """Join the wrapped lines of one TOC header or summary; return it and the next index.

    PDF extraction wraps both mid-word ("（来" / "源：中国政府网）"), often with blank
    lines in between, so lines are glued until the next structural line.
    """
    parts = [lines[start]]
    i = start + 1
    while i < end:
        line = lines[i]
        if line.strip():
            if (
                _SECTION_RE.match(line)
                or _BODY_MARKER_RE.match(line)
                or _ENTRY_START_RE.match(line)
                or _SUMMARY_RE.match(line)
                # A summary never runs into an article title (a line right above a 来源
                # line); this only matters when the 本期内容 marker is missing.
                or (summary and _SOURCE_LINE_RE.match(_next_nonblank(lines, i)))
            ):
                break
            parts.append(line)
        i += 1
    return _join_wrapped(parts), i


def _next_nonblank(lines: list[str], index: int) -> str:
    """The first non-blank line after ``index`` ("" at the end)."""
    return next((line for line in lines[index + 1 :] if line.strip()), "")


# --- body matching -----------------------------------------------------------------------


def _normalise_title(title: str) -> str:
    """Title key for matching: no editorial notes, spaces or punctuation, NFKC-folded.

    Body titles drift from TOC titles ("（节选）" appended, "—" for "——", stray spaces),
    so only the letters, digits and CJK characters are compared.
    """
    folded = unicodedata.normalize("NFKC", _EDITORIAL_NOTE_RE.sub("", title))
    return "".join(ch for ch in folded if ch.isalnum()).lower()


def _locate_articles(entries: list[_TocEntry], body: list[str]) -> dict[int, _Span]:
    """Map TOC entry index to the span of its article in ``body``.

    First exact normalised matches (a title may wrap over up to three lines), preferring a
    line right above a 来源 line; then, for entries still unmatched, a fuzzy match against
    lines right above a 来源 line, with a lower bar when the outlet agrees too.
    """
    norms = [_normalise_title(line) for line in body]
    keys = [_normalise_title(e.title) for e in entries]
    claimed: set[int] = set()
    spans: dict[int, _Span] = {}

    for index, key in enumerate(keys):
        if not key:
            continue
        candidates = [
            (start, after)
            for start in range(len(body))
            if start not in claimed
            for after in [_title_span_end(norms, start, key)]
            if after is not None
        ]
        if not candidates:
            continue
        headed = [c for c in candidates if _source_at(body, c[1]) is not None]
        start, after = (headed or candidates)[0]
        spans[index] = _make_span(body, start, after)
        claimed.add(start)

    titled = [i for i in range(len(body)) if norms[i] and _source_at(body, i + 1) is not None]
    for index, entry in enumerate(entries):
        if index in spans or not keys[index]:
            continue
        best: tuple[float, int] | None = None
        for start in titled:
            if start in claimed:
                continue
            ratio = difflib.SequenceMatcher(None, keys[index], norms[start]).ratio()
            outlet = _source_at(body, start + 1) or ""
            same_outlet = bool(entry.outlet) and _normalise_title(outlet) == _normalise_title(
                entry.outlet
            )
            bar = _FUZZY_RATIO_SAME_OUTLET if same_outlet else _FUZZY_RATIO
            if ratio >= bar and (best is None or ratio > best[0]):
                best = (ratio, start)
        if best is not None:
            spans[index] = _make_span(body, best[1], best[1] + 1)
            claimed.add(best[1])
    return spans


def _title_span_end(norms: list[str], start: int, key: str) -> int | None:
    """If title ``key`` starts at line ``start``, the index just after its last line."""
    acc = norms[start]
    if not acc or not key.startswith(acc):
        return None
    i = start + 1
    used = 1
    while acc != key:
        while i < len(norms) and not norms[i]:
            i += 1
        if used >= _MAX_TITLE_LINES or i >= len(norms):
            return None
        acc += norms[i]
        if not key.startswith(acc):
            return None
        i += 1
        used += 1
    return i


def _source_at(body: list[str], index: int) -> str | None:
    """The outlet named by the first non-blank line from ``index`` if it is a 来源 line."""
    for line in body[index:]:
        if line.strip():
            match = _SOURCE_LINE_RE.match(line)
            return match.group("outlet") if match else None
    return None


def _make_span(body: list[str], start: int, after_title: int) -> _Span:
    """Span whose text skips the title lines and a 来源 line right below them."""
    text_start = after_title
    outlet = ""
    i = after_title
    while i < len(body) and not body[i].strip():
        i += 1
    if i < len(body):
        match = _SOURCE_LINE_RE.match(body[i])
        if match:
            outlet = _squash(match.group("outlet"))
            text_start = i + 1
    return _Span(start=start, text_start=text_start, outlet=outlet)


# --- article text ------------------------------------------------------------------------


def _article_text(lines: list[str]) -> str:
    """Body paragraphs of one article, navigation and page furniture removed."""
    # "[返回目录](#)" closes an article; what follows it is the next section header or,
    # after the last article, the publisher's back page.
    back = [i for i, line in enumerate(lines) if "返回目录" in line and _LINK_ONLY_RE.match(line)]
    if back:
        lines = lines[: back[-1]]
    kept = [
        close_digit_gaps(line.rstrip())
        for line in lines
        if line.strip()
        and not _LINK_ONLY_RE.match(line)
        and not _SECTION_RE.match(line)
        and not _PAGE_NUMBER_RE.match(line)
        and not _SUMMARY_RE.match(line)
    ]
    return "\n".join(_rejoin_paragraphs(kept)).strip()


def _rejoin_paragraphs(lines: list[str]) -> list[str]:
    """Undo PDF page-break splits: a wide line that ends mid-sentence goes on below.

    Only lines at least ``_MIN_WRAPPED_WIDTH`` wide are joined: headings and captions are
    narrower, and joining one onto its paragraph would be worse than leaving a split
    sentence. Tables (tabs) and list items are never joined.
    """
    out: list[str] = []
    previous = ""
    for line in lines:
        if out and _continues(previous, line):
            out[-1] = _join_wrapped([out[-1], line])
        else:
            out.append(line)
        previous = line
    return out


def _continues(previous: str, line: str) -> bool:
    if "\t" in previous or "\t" in line or _LIST_START_RE.match(line):
        return False
    tail = previous.rstrip().rstrip(_CLOSERS)
    if not tail or tail[-1] in _TERMINAL:
        return False
    return _width(previous) >= _MIN_WRAPPED_WIDTH


def _width(line: str) -> float:
    """Display width in CJK cells: half-width characters count one half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line.strip())


def _join_wrapped(parts: list[str]) -> str:
    """Join wrapped pieces: no separator between CJK, one space between Latin words."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if text and text[-1].isascii() and text[-1].isalnum() and part[0].isascii():
            text += " "
        text += part
    return text


# --- metadata ----------------------------------------------------------------------------


def _clean_title(raw: str) -> str:
    """TOC link text as a title: whitespace collapsed, stray bullets removed, and the spaces
    typeset between CJK text and numbers closed ("74 项" → "74项"), as in the articles."""
    return close_digit_gaps(_squash(raw)).strip(_BULLETS + " ")


def _squash(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def _period_end(lines: list[str]) -> str:
    """ISO date of the issue's last day, from the cover's "YYYY.MM.DD-YYYY.MM.DD" line."""
    for line in lines:
        if _SUMMARY_RE.match(line) or _BODY_MARKER_RE.match(line):
            break  # only the cover carries the period; later date ranges are content
        match = _PERIOD_RE.search(line)
        if not match:
            continue
        year = int(match.group("y2") or match.group("y1"))
        try:
            end = _dt.date(year, int(match.group("m2")), int(match.group("d2")))
        except ValueError:
            return ""
        return end.isoformat()
    return ""


def _region(title: str, outlet: str) -> str:
    """The one province-level division the title (else the outlet) names, or ""."""
    for field in (title, outlet):
        found = set(_PROVINCE_RE.findall(field))
        if len(found) == 1:
            return found.pop()
        if found:
            return ""  # several places: a national or cross-regional piece
    return ""
