"""Compilations: many notices one after another in one document.

Each notice is opened by a title and a 文号 line, and — in compilations exported from
government sites — a metadata block (发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 / 类别 /
关键字) dropped somewhere inside the notice, often in the middle of its text. Metadata blocks
are the most reliable anchor, so when a document has them each block makes one notice; its
boundaries are then found between neighbouring blocks from the title/文号 headers, page
breaks and salutations. Without blocks, every title+文号 header opens a notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.clean import PAGE_BREAK
from rag.docno import normalize_doc_number, parse_doc_number_line
from rag.grammar import CJK, ORG_ENDINGS, iso_date
from rag.places import PROVINCES

_FIELD_NAMES = {
    "发文机关": "issuer",
    "成文日期": "written_date",
    "标题": "title",
    "发文字号": "doc_number",
    "发布日期": "published_date",
    "类别": "category",
    "关键字": "keywords",
}
_FIELD_LABEL = re.compile(
    r"(发\s*文\s*机\s*关|成\s*文\s*日\s*期|标\s*题|发\s*文\s*字\s*号|发\s*布\s*日\s*期|类\s*别|关\s*键\s*字)\s*[:：]"
)
_BLOCK_START = re.compile(r"^发\s*文\s*机\s*关\s*[:：]")
_DATE_ONLY_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日)$")
_SENTENCE_END = tuple("。；;！？")
_DOC_TYPES = (
    "通知", "意见", "决定", "办法", "方案", "批复", "公告", "通告", "规定", "细则", "指南", "函",
    "要点", "计划", "规划", "通报", "决议", "规范", "标准", "目录", "清单", "措施", "纲要", "报告",
    "意见稿", "实施意见", "的复函",
)  # fmt: skip
_ORG_LINE = re.compile(rf"^[{CJK}、（）()\s]{{2,60}}(?:{ORG_ENDINGS})$")
_SALUTATION = re.compile(r"^.{2,160}[:：]$")
_SENTENCE_CLOSED = re.compile(r"[。？！?!]")
_RECIPIENT_WORDS = (
    "各省",
    "各市",
    "各县",
    "各区",
    "各有关",
    "人民政府",
    "卫生健康委",
    "各直属",
    "各单位",
    "厅（局）",
    "局：",
)
_CLOSING = re.compile(r"(?:此件公开发布|信息公开形式|公开属性|公开方式|特此通知|特此通告|特此公告)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")


@dataclass
class _MetaBlock:
    start: int
    end: int  # exclusive line index
    fields: dict[str, str]


@dataclass
class _Header:
    start: int  # first title line
    docno_line: int
    title: str
    doc_number: str
    issuer: str = ""
    date: str = ""


@dataclass
class _Draft:
    start: int
    end: int
    block: _MetaBlock | None = None
    header: _Header | None = None
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Metadata blocks


def _split_fields(text: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    matches = list(_FIELD_LABEL.finditer(text))
    for i, m in enumerate(matches):
        label = re.sub(r"\s+", "", m.group(1))
        value_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[m.end() : value_end].strip()
        fields[_FIELD_NAMES[label]] = value
    return fields


def find_metadata_blocks(lines: list[str]) -> list[_MetaBlock]:
    """Metadata blocks: from a 发文机关 line through the 类别/关键字 line (continuations joined)."""
    blocks = []
    i = 0
    while i < len(lines):
        if not _BLOCK_START.match(lines[i]):
            i += 1
            continue
        start, parts, j = i, [], i
        seen_keywords = False
        while j < len(lines) and j - start < 14:
            line = lines[j]
            if line == PAGE_BREAK:
                break
            is_field = bool(_FIELD_LABEL.search(line))
            if j > start and _BLOCK_START.match(line):
                break
            if seen_keywords and not is_field:
                # One wrapped keyword line may follow ("事前监管"); a sentence may not.
                if len(line) <= 12 and not line.endswith(_SENTENCE_END) and "、" not in line[:1]:
                    parts.append(line)
                    j += 1
                break
            if not is_field and j > start and len(line) > 40:
                break
            parts.append(line)
            seen_keywords = seen_keywords or bool(re.search(r"关\s*键\s*字\s*[:：]", line))
            j += 1
        # Continuation lines are glued without a separator: they are wrapped values.
        fields = _split_fields("".join(parts))
        if "title" in fields or "doc_number" in fields:
            blocks.append(_MetaBlock(start, j, fields))
        i = max(j, i + 1)
    return blocks


# ---------------------------------------------------------------------------
# Title + 文号 headers


def _docno_of_line(line: str) -> tuple[str, str] | None:
    """(normalised 文号, ISO date) when the line is a bare 文号, optionally followed by a date."""
    found = parse_doc_number_line(line)
    if found is None:
        return None
    return found[0].normalized, iso_date(found[1])


def _starts_issuer(prefix: str) -> bool:
    """Whether text before 关于 is a whole issuer's name (国家…委, 福建省…局), not the tail of
    one wrapped from the line above."""
    return bool(_ORG_LINE.match(prefix)) and (
        prefix.startswith(("国家", "国务院", "中共", "全国", "中国"))
        or any(prefix.startswith(p) for p in PROVINCES)
    )


def _is_title_line(line: str) -> bool:
    text = _MARKDOWN_HEADING.sub("", line)
    return (
        line != PAGE_BREAK
        and 2 <= len(text) <= 60
        and not text.endswith(_SENTENCE_END)
        and not text.endswith(("：", ":"))
        and not _FIELD_LABEL.search(text)
        and not _DATE_ONLY_LINE.match(text)
    )


def find_headers(lines: list[str]) -> list[_Header]:
    """Title lines directly followed by a bare 文号 line."""
    headers = []
    for i, line in enumerate(lines):
        found = _docno_of_line(line)
        if found is None:
            continue
        doc_number, date = found
        j = i
        while j > 0 and i - j < 4 and _is_title_line(lines[j - 1]):
            j -= 1
        window = [_MARKDOWN_HEADING.sub("", x).strip() for x in lines[j:i]]
        if not window:
            continue
        about = next((k for k, x in enumerate(window) if "关于" in x), None)
        issuer = ""
        if about is not None and about > 0:
            before = window[about - 1]
            if window[about].startswith("关于"):
                issuer = before if _ORG_LINE.match(before) else ""
                window, j = window[about:], j + about
            elif _starts_issuer(window[about].split("关于", 1)[0]) and not _ORG_LINE.match(before):
                # "国家卫生健康委关于…" starts the title, and the line above names no issuer
                # of its own: it belongs to the previous notice (e.g. the last line of its
                # list of names).
                window, j = window[about:], j + about
            else:
                # The issuer's name wrapped: "国务院应对…肺炎" / "疫情联防联控机制关于…".
                window, j = window[about - 1 :], j + about - 1
        title = "".join(window)
        if not title.endswith(_DOC_TYPES) and "关于" not in title:
            continue
        if not issuer:
            m = re.match(r"^(.{2,40}?)关于", title)
            if m and _ORG_LINE.match(m.group(1)):
                issuer = m.group(1)
        headers.append(_Header(j, i, title, doc_number, issuer, date))
    return headers


# ---------------------------------------------------------------------------
# Boundaries


def _is_salutation(lines: list[str], i: int) -> bool:
    """A recipients line ("各省、自治区…卫生健康委：") at i, possibly wrapped over two lines."""
    text = lines[i]
    if i + 1 < len(lines) and not text.endswith(("：", ":")) and lines[i + 1] != PAGE_BREAK:
        text += lines[i + 1]
    head = text.split("：")[0]
    return (
        bool(_SALUTATION.match(head + "："))
        # (A list of bodies closes no sentence before its colon: a repost's lead, "…报告多久
        # 能拿到？近日，市卫生健康委下发通知…通知原文如下：", is prose.)
        and not _SENTENCE_CLOSED.search(head)
        # (the recipients stand before the colon: a lead that opens "家里有老人的注意了：" and
        # names 市卫生健康委 later in its prose addresses no one)
        and (any(w in head + "：" for w in _RECIPIENT_WORDS) or _names_bodies(text))
        and ("：" in text[:200] or ":" in text[:200])
    )


# How the name of a body ends (卫生健康局, 疾病预防控制中心, 各定点医疗机构, 县人民医院,
# 区卫生健康综合执法支队, 区卫生健康综合行政执法队).
_BODY_END = re.compile(
    r"(?:局|委|委员会|厅|中心|院|医院|机构|单位|部门|学校|政府|办|办公室|室|站|所|处|公司|"
    r"协会|学会|基地|成员单位|企业|队)$"
)


# A place listed before the body its list ends with ("兴庆区、金凤区…卫生健康局").
_PLACE_END = re.compile(r"[区县市州旗盟镇乡]$")


def _names_bodies(text: str) -> bool:
    """Whether the text before the first colon lists bodies only ("兴庆区、金凤区…卫生健康局，
    市疾病预防控制中心，各项目承担机构："): each part, split at 、and ，, is short and names a
    body or a place, and the last names a body."""
    head = text.split("：")[0].split(":")[0]
    head = re.sub(r"（[^）]{0,20}）|\([^)]{0,20}\)", "", head)
    parts = [p for p in re.split(r"[，、,]", head) if p]
    return (
        bool(parts)
        and all(len(p) <= 24 for p in parts)
        and bool(_BODY_END.search(parts[-1]))
        and all(_BODY_END.search(p) or _PLACE_END.search(p) for p in parts)
    )


def _boundary(lines: list[str], lo: int, hi: int, nxt: _Draft) -> int:
    """Where the notice of ``nxt`` starts, searched in lines [lo, hi)."""
    if nxt.header is not None and lo <= nxt.header.start < hi:
        return nxt.header.start
    title = re.sub(r"\s+", "", nxt.block.fields.get("title", "")) if nxt.block else ""
    if len(title) >= 8:
        head = title[:8]
        for i in range(lo, hi):
            if lines[i].startswith(head) or lines[i].startswith(
                re.sub(r"^.{2,30}?关于", "关于", head)
            ):
                return i
    page_starts = [i for i in range(lo + 1, hi) if lines[i - 1] == PAGE_BREAK]
    for i in page_starts:
        if _is_salutation(lines, i):
            return i
    for i in page_starts:
        prev = lines[i - 2] if i >= 2 else ""
        if _CLOSING.search(prev) or _DATE_ONLY_LINE.match(prev):
            return i
    return hi


def _title_core(title: str) -> str:
    """Title without its issuer prefix and punctuation: what two copies of it share."""
    title = re.sub(r"^.{0,40}?(?=关于)", "", title)
    return re.sub(r"[\s《》“”\"'（）()、，:：]", "", title)


def _same_title(a: str, b: str) -> bool:
    a, b = _title_core(a), _title_core(b)
    n = min(len(a), len(b), 12)
    return n >= 6 and a[:n] == b[:n]


def _drafts(
    lines: list[str], found: tuple[list[_MetaBlock], list[_Header]] | None = None
) -> list[_Draft]:
    """The notices of a compilation; ``found``: its metadata blocks and headers, when
    already read."""
    blocks, headers = found or (find_metadata_blocks(lines), find_headers(lines))
    if not blocks:
        drafts = [_Draft(h.start, 0, header=h) for h in headers]
        for k, d in enumerate(drafts):
            d.end = drafts[k + 1].start if k + 1 < len(drafts) else len(lines)
        return drafts

    drafts = [_Draft(b.start, b.end, block=b) for b in blocks]
    # Pair each header with the block of the same notice: same 文号 or same title start,
    # and no other block between them.
    used: set[int] = set()
    for k, (d, block) in enumerate(zip(drafts, blocks, strict=True)):
        lo = blocks[k - 1].end if k > 0 else 0
        hi = blocks[k + 1].start if k + 1 < len(blocks) else len(lines)
        want_no = normalize_doc_number(block.fields.get("doc_number", ""))
        want_title = re.sub(r"\s+", "", block.fields.get("title", ""))
        candidates = [(n, h) for n, h in enumerate(headers) if n not in used and lo <= h.start < hi]
        best = None
        for n, h in candidates:
            same_no = bool(want_no) and h.doc_number == want_no
            if same_no or _same_title(want_title, h.title):
                best = (n, h)
                break
        if best is not None:
            used.add(best[0])
            d.header = best[1]

    starts = []
    for k, (d, block) in enumerate(zip(drafts, blocks, strict=True)):
        lo = blocks[k - 1].end if k > 0 else 0
        hi = block.start
        if k == 0:
            first = d.header.start if d.header and d.header.start < hi else None
            if first is None:
                # Before the first notice sits the cover and table of contents: start at the
                # first title-like page start after them.
                first = _boundary(lines, lo, hi, d)
            starts.append(first)
        else:
            starts.append(_boundary(lines, lo, hi, d))
    for k, d in enumerate(drafts):
        d.start = min(starts[k], d.block.start if d.block else starts[k])
        d.end = starts[k + 1] if k + 1 < len(drafts) else len(lines)
    return drafts
