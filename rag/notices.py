"""Split loaded documents into Notice records and link the 文号 they cite.

Three shapes of document occur:

* a compilation: many notices one after another, each opened by a title and a 文号
  line, and — in compilations exported from government sites — a metadata block
  (发文机关 / 成文日期 / 标题 / 发文字号 / 发布日期 / 类别 / 关键字) dropped somewhere
  inside the notice, often in the middle of its text;
* a single notice (the same, once);
* a news digest (see ``rag.digest``), whose articles have no 文号.

Metadata blocks are the most reliable anchor, so when a document has them each block
makes one notice; its boundaries are then found between neighbouring blocks from the
title/文号 headers, page breaks and salutations. Without blocks, every title+文号
header opens a notice. The metadata block and the body are compared, and every
disagreement becomes a warning on the notice rather than being silently resolved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rag import digest
from rag.clean import PAGE_BREAK, clean_text, strip_page_breaks
from rag.docno import (
    PROVINCES,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
    parse_doc_number_line,
)
from rag.records import Notice, Reference, make_notice_id

NATIONAL = "全国"
_NATIONAL_ISSUER = re.compile(
    r"^(?:国务院|国家|全国|中共中央|中央|国办|财政部|民政部|商务部|教育部|科技部|公安部|司法部|"
    r"人力资源社会保障部|人力资源和社会保障部|住房城乡建设部|生态环境部|交通运输部|农业农村部|"
    r"工业和信息化部|工业和信息化部|海关总署|市场监管总局|国家市场监督管理总局|银保监会|"
    r"退役军人事务部|应急管理部|自然资源部|发展改革委|民航局)"
)

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
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ONLY_LINE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日)$")
_SENTENCE_END = tuple("。；;！？")
_DOC_TYPES = (
    "通知", "意见", "决定", "办法", "方案", "批复", "公告", "通告", "规定", "细则", "指南", "函",
    "要点", "计划", "规划", "通报", "决议", "规范", "标准", "目录", "清单", "措施", "纲要", "报告",
    "意见稿", "实施意见", "的复函",
)  # fmt: skip
# Bumped whenever parsing gives different notices for the same file, so that `rag ingest`
# re-reads files it has seen (2: titles no longer take the line above the issuer;
# 3: digest articles lose the spaces typeset between CJK text and numbers; 4: a
# periodical running head seen once is a page header; 5: digest titles lose those spaces too).
PARSER_VERSION = 5
_ORG_LINE = re.compile(
    r"^[\u4e00-\u9fff、（）()\s]{2,60}(?:委员会|委|局|部|厅|院|办公室|办公厅|政府|中心|小组|机制|"
    r"综合组|司|处|会|室|组)$"
)
_SALUTATION = re.compile(r"^.{2,160}[:：]$")
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
_REPEAL = re.compile(r"(?:同时)?(?:失效|废止|停止执行|不再执行|予以撤销)")
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


def iso_date(text: str) -> str:
    """First Chinese date in text as YYYY-MM-DD, or ""."""
    m = _DATE.search(text)
    if not m:
        return ""
    year, month, day = (int(g) for g in m.groups())
    if not (1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def region_of_issuer(issuer: str) -> str:
    """Province short name named at the start of an issuer, "全国" for national bodies, else ""."""
    name = re.sub(r"\s+", "", issuer)
    if not name:
        return ""
    first = re.split(r"[、，,]", name)[0]
    for province in PROVINCES:
        if first.startswith(province):
            return province
    if _NATIONAL_ISSUER.match(first):
        return NATIONAL
    return ""


def province_mentioned(text: str) -> str:
    """The province named most often in text (for city-level issuers), or ""."""
    counts = Counter(
        p
        for m in re.finditer(
            r"(" + "|".join(PROVINCES) + r")(?:省|市|自治区|壮族|回族|维吾尔)", text
        )
        for p in [m.group(1)]
    )
    return counts.most_common(1)[0][0] if counts else ""


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
    return (
        bool(_SALUTATION.match(text.split("：")[0] + "："))
        and any(w in text for w in _RECIPIENT_WORDS)
        and ("：" in text[:200] or ":" in text[:200])
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


def _drafts(lines: list[str]) -> list[_Draft]:
    blocks = find_metadata_blocks(lines)
    headers = find_headers(lines)
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


# ---------------------------------------------------------------------------
# Records


def _body_text(lines: list[str], d: _Draft) -> str:
    keep = [
        line
        for i, line in enumerate(lines[d.start : d.end], start=d.start)
        if not (d.block and d.block.start <= i < d.block.end)
    ]
    text = strip_page_breaks("\n".join(keep))
    return "\n".join(_MARKDOWN_HEADING.sub("", line) for line in text.split("\n"))


def _signature_date(text: str) -> str:
    """The first stand-alone date line: the date a notice was signed."""
    for line in text.split("\n"):
        if _DATE_ONLY_LINE.match(line.strip()):
            return iso_date(line)
    return ""


def _signature_issuer(text: str) -> str:
    """Organisation lines right above the first stand-alone date line."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _DATE_ONLY_LINE.match(line.strip()):
            orgs: list[str] = []
            k = i - 1
            while k >= 0 and _ORG_LINE.match(lines[k].strip()) and len(orgs) < 4:
                orgs.insert(0, lines[k].strip())
                k -= 1
            return "、".join(split_organisations("".join(re.sub(r"\s+", "", o) for o in orgs)))
    return ""


# An organisation name ends in one of these; the lookahead keeps "委" of 卫生健康委办公厅 or
# "局" of 国家中医药局综合司 from ending the name early.
_ORG_NAME = re.compile(
    r".+?(?:委员会|办公厅|办公室|综合司|总局|政府|中心|小组|机制|委|局|部|厅|院|署|办)"
    r"(?!办公|综合|员会|司|总局)"
)


def split_organisations(joined: str) -> list[str]:
    """Split a signature whose organisation names ran together ("国家卫生健康委市场监管总局…").

    Returns the text unsplit when it does not divide cleanly into organisation names.
    """
    names = _ORG_NAME.findall(joined)
    return names if names and "".join(names) == joined else [joined] if joined else []


def _references(text: str, own: str) -> list[Reference]:
    refs: dict[str, Reference] = {}
    for m in find_doc_numbers(text):
        number = m.doc_number.normalized
        if number == own:
            continue
        sentence_start = max(text.rfind("。", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        sentence_end_candidates = [
            p for p in (text.find("。", m.end), text.find("\n", m.end)) if p >= 0
        ]
        sentence_end = min(sentence_end_candidates) if sentence_end_candidates else len(text)
        after = text[m.end : sentence_end]
        relation = "repeals" if _REPEAL.search(after[:40]) else "cites"
        context = text[sentence_start : min(sentence_end + 1, len(text))].strip()[:200]
        prior = refs.get(number)
        if prior is None or (relation == "repeals" and prior.relation != "repeals"):
            refs[number] = Reference(number, relation, context)  # type: ignore[arg-type]
    return list(refs.values())


def _draft_to_notice(
    lines: list[str], d: _Draft, source: str, taken: set[str] | None = None
) -> Notice:
    fields = d.block.fields if d.block else {}
    header = d.header
    text = _body_text(lines, d)
    warnings: list[str] = []

    meta_no_raw = fields.get("doc_number", "")
    meta_no = normalize_doc_number(meta_no_raw) if meta_no_raw else ""
    body_no = header.doc_number if header else ""
    if d.block is not None and not meta_no_raw:
        warnings.append("元数据发文字号为空")
    elif d.block is not None and meta_no_raw and not meta_no:
        warnings.append(f"元数据发文字号无法识别：{meta_no_raw}")
    taken = taken if taken is not None else set()
    if body_no and body_no in taken and body_no != meta_no:
        # Compilations copy a header from the notice before: a body 文号 that an earlier
        # notice of the same document already carries is a misprint, not this notice's.
        warnings.append(f"正文文号 {body_no} 与前文另一条通知重复，疑为误植，未采用")
        body_no = ""
    if meta_no and body_no and meta_no != body_no:
        warnings.append(f"元数据发文字号 {meta_no} 与正文 {body_no} 不一致，采用正文")
    doc_number = body_no or meta_no
    if d.block is not None and not meta_no and body_no:
        warnings.append(f"发文字号取自正文：{body_no}")
    if doc_number:
        taken.add(doc_number)

    meta_title = re.sub(r"\s+", "", fields.get("title", ""))
    title = meta_title or (header.title if header else "")
    if (
        header
        and meta_title
        and len(header.title) > len(meta_title)
        and (header.title.startswith(meta_title[:8]))
    ):
        title = header.title
    if not title:
        title = next((line for line in text.split("\n") if line.strip()), "")[:60]
    title = re.sub(r"^[^：:]{2,8}[：:](?=关于)", "", title)  # "湖南：关于…" TOC-style prefix

    issuer = (
        fields.get("issuer", "") or (header.issuer if header else "") or _signature_issuer(text)
    )
    issuer = re.sub(r"\s+", "", issuer)
    if not issuer:
        warnings.append("发文机关不详：元数据与落款均未写明")
    written = iso_date(fields.get("written_date", "")) or (header.date if header else "")
    if d.block is not None and not iso_date(fields.get("written_date", "")):
        warnings.append("元数据成文日期为空")
    written = written or _signature_date(text)
    published = iso_date(fields.get("published_date", ""))
    body_date = _signature_date(text)
    if fields.get("written_date") and body_date and written and body_date != written:
        warnings.append(f"元数据成文日期 {written} 与正文落款 {body_date} 不一致")

    region = region_of_issuer(issuer)
    if not region:
        region = province_mentioned(issuer + title) or province_mentioned(text)
    if not doc_number:
        warnings.append("无文号")
    else:
        parsed = parse_doc_number(doc_number)
        prefix_region = parsed.region_prefix if parsed else None
        if prefix_region and region and prefix_region != region:
            warnings.append(
                f"文号 {doc_number} 的机关代字属于{prefix_region}，与发文机关（{region}）不符"
            )

    keywords = tuple(k for k in re.split(r"[、，,；;\s]+", fields.get("keywords", "")) if k)
    key = doc_number or title
    return Notice(
        notice_id=make_notice_id(source, f"{key}\n{d.start}" if not doc_number else key),
        doc_number=doc_number,
        title=title,
        issuer=issuer,
        region=region,
        written_date=written,
        published_date=published,
        category=re.sub(r"\s+", "", fields.get("category", "")),
        keywords=keywords,
        source=source,
        text=text,
        warnings=tuple(warnings),
        references=tuple(_references(text, doc_number)),
    )


def parse_notices(text: str, source: str) -> list[Notice]:
    """Split one document's text into notices (or digest articles)."""
    if digest.is_digest(text):
        return digest.split_digest(text, source)
    lines = clean_text(text).split("\n")
    taken: set[str] = set()
    notices = [_draft_to_notice(lines, d, source, taken) for d in _drafts(lines)]
    if not notices:
        body = strip_page_breaks("\n".join(lines)).strip()
        if not body:
            return []
        # A document with no recognisable header is still one notice, so nothing is lost.
        notices = [_draft_to_notice(lines, _Draft(0, len(lines)), source)]
    return _dedupe_ids(notices)


def _dedupe_ids(notices: list[Notice]) -> list[Notice]:
    seen: Counter[str] = Counter()
    out = []
    for n in notices:
        seen[n.notice_id] += 1
        if seen[n.notice_id] > 1:
            n = replace(n, notice_id=make_notice_id(n.source, f"{n.notice_id}#{seen[n.notice_id]}"))
        out.append(n)
    return out


def link_references(notices: Iterable[Notice]) -> list[Notice]:
    """Resolve each reference to the notice in the collection that carries that 文号."""
    notices = list(notices)
    by_number = {n.doc_number: n.notice_id for n in notices if n.doc_number}
    return [
        replace(
            n,
            references=tuple(
                replace(r, notice_id=by_number.get(r.doc_number, "")) for r in n.references
            ),
        )
        for n in notices
    ]


def cited_by(notices: Iterable[Notice]) -> dict[str, list[tuple[str, str]]]:
    """notice_id → [(citing notice_id, relation)] for references resolved inside the collection."""
    out: dict[str, list[tuple[str, str]]] = {}
    for n in notices:
        for r in n.references:
            if r.notice_id:
                out.setdefault(r.notice_id, []).append((n.notice_id, r.relation))
    return out
