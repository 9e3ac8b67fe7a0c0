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
from dataclasses import replace

from rag import digest
from rag.clean import clean_text, join_split_doc_numbers, strip_page_breaks
from rag.docno import normalize_doc_number, parse_doc_number
from rag.grammar import iso_date, simplified, strip_pinyin
from rag.notices.compilation import (
    _DOC_TYPES,
    _MARKDOWN_HEADING,
    _ORG_LINE,
    _Draft,
    _drafts,
    find_headers,
    find_metadata_blocks,
)
from rag.notices.law import LawHeader, law_title, read_law
from rag.notices.signature import (
    _references,
    _signature_date,
    _signature_issuer,
    read_signature,
    split_organisations,
)
from rag.notices.single import link_lists, published_date, read_head, written_date
from rag.places import CITY_DOCNO_PREFIX, PROVINCES, places_in, province_of_place
from rag.records import Notice, make_notice_id

__all__ = [
    "NATIONAL",
    "PARSER_VERSION",
    "LawHeader",
    "cited_by",
    "iso_date",
    "link_references",
    "parse_notices",
    "province_mentioned",
    "read_law",
    "region_of_issuer",
    "split_organisations",
]

NATIONAL = "全国"
_NATIONAL_ISSUER = re.compile(
    r"^(?:国务院|国家|全国|中共中央|中央|国办|财政部|民政部|商务部|教育部|科技部|公安部|司法部|"
    r"人力资源社会保障部|人力资源和社会保障部|住房城乡建设部|生态环境部|交通运输部|农业农村部|"
    r"工业和信息化部|工业和信息化部|海关总署|市场监管总局|国家市场监督管理总局|银保监会|"
    r"退役军人事务部|应急管理部|自然资源部|发展改革委|民航局)"
)

# A national body named in an article (国家医保局5日发布通知…).
_NATIONAL_BODY = re.compile(
    r"国务院|国家(?:卫生健康委|卫健委|医保局|医疗保障局|药监局|药品监督管理局|中医药局|"
    r"中医药管理局|疾控局|疾病预防控制局|发展改革委)"
)

# Bumped whenever parsing gives different notices for the same file, so that `rag ingest`
# re-reads files it has seen (2: titles no longer take the line above the issuer;
# 3: digest articles lose the spaces typeset between CJK text and numbers; 4: a
# periodical running head seen once is a page header; 5: digest titles lose those spaces too;
# 6: single notices are read by rag.notices.single, orders and ﹝﹞ brackets are 文号;
# 7: a law's or regulation's header and 施行 date are read, rag.notices.law;
# 8: web pages and DOCX keep their own line breaks, labelled lines are never joined to the
# next, 二00五年 and 2023-05-06 signature dates, e-paper mastheads are not headlines,
# related-file lists and menus give a single notice no title or 文号, 〔2023〕第5号;
# 10: a news report or interpretation is dated by the date line it ends with; 11: a
# compilation's "宁夏：关于…" label gives the notice's province when nothing else does;
# 12: a title line 关于公开征求《X》意见的公告 ends the title, the body is not joined to it;
# 13: a 公告's own bracket 文号 keeps 公告 in its prefix: 新卫公告〔2026〕7号; 印作 / 写为 before
# a 文号 are no part of its prefix; 14: a line opening with a closing mark (”，》）) is joined
# to the line before; 15: a compilation's "贵州：关于…" label stays in the title, as printed;
# 16: a repost's lead paragraph above the notice it reprints is no part of the head — the
# notice's own title and 文号 below it are the page's; 17: a standing committee's 公告 over
# the 条例 it promulgates is the 条例; 18: a 文号 prefix may open with 日 when no digit comes
# before it, 日喀则's 日医保发; 19: a recipients line listing bodies and places of no fixed
# wording — 兴庆区、金凤区…卫生健康局，市疾病预防控制中心，各项目承担机构： — is a salutation,
# so a repost's lead above such a notice is no part of its head; 21: a 文号 opening its line,
# field or bracket with 和 / 与 / 及 / 或 keeps it (和平卫健〔2026〕14号: the 和 of 和平区, not a
# conjunction), and a breadcrumb whose first step names the site ("某省卫生健康委员会　政务公开 ＞
# 政策解读") or that opens with a bare 位置： is page furniture, never the title; 22: 和 / 与 /
# 及 / 或 after a single character is inside a prefix, 沈和卫健 (沈阳市和平区), not a
# conjunction; 23:
# a recipients line may name a brigade, 区卫生健康综合执法支队, so a repost's lead above a notice
# sent to one is no part of its head; 24: a post's byline, 某某健康在线　2025年07月31日 18:25　山西,
# is a line of its own, never joined to the headline above it or the lead below; 25: a line
# closing a sentence before its colon — a repost's lead, "…报告多久能拿到？近日，市卫生健康委
# 下发通知…通知原文如下：" — is no recipients line, so the notice reprinted below it heads the
# page; 26: a recipients line names its recipients before its colon — a lead that calls to
# readers ("…的注意了：") and names a 卫生健康委 later in its prose is none — and may end in any
# 队 (区卫生健康综合行政执法队); a 文号 alone on its line keeps a county's first character
# that reads as a stop word elsewhere (于卫健字, 即卫发); a breadcrumb after a label of any
# wording (当前所在：首页 ＞ …), a site's footer (…主办　通讯地址：…) and a font-size switch
# (【大 中 小】) are page furniture; 27: a portal column's label before an article's headline,
# 一图读懂｜《X》解读, is no part of its title; 28: a recipients line ending in 承办单位： is no
# site footer's label, so a repost's head under its lead is read).
PARSER_VERSION = 28


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


# A body below the province: a county's, district's, banner's or county-level city's.
_LOCAL_BODY = re.compile(
    r"^[^、，,]{1,8}?(?:县|区|旗|市)(?:人民政府|卫生|医疗|医保|药品|市场|疾病|中医)"
)


def _placed(issuer: str) -> bool:
    """The issuer's name says where it is: a province, a city, or a national body."""
    return bool(region_of_issuer(issuer) or places_in(issuer))


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


def _body_text(lines: list[str], d: _Draft) -> str:
    keep = [
        line
        for i, line in enumerate(lines[d.start : d.end], start=d.start)
        if not (d.block and d.block.start <= i < d.block.end)
    ]
    text = strip_page_breaks("\n".join(keep))
    return "\n".join(_MARKDOWN_HEADING.sub("", line) for line in text.split("\n"))


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
    # "湖南：关于…": a compilation's label of the province the notice comes from. It says
    # where the notice is from; the title is kept as printed, as a reader finds it.
    label = re.match(r"^([^：:]{2,8})[：:](?=关于)", title)

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
    if not region and label:
        region = province_of_place(label.group(1)) or (
            label.group(1) if label.group(1) in PROVINCES else ""
        )
    if not region:
        region = province_mentioned(issuer + title) or province_mentioned(text)
    if not doc_number:
        warnings.append("无文号")
    warnings.extend(_prefix_region_warning(doc_number, region))

    keywords = _keywords(fields)
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


def _prefix_region_warning(doc_number: str, region: str) -> list[str]:
    """A warning when the 文号's agency prefix names another region than the issuer's."""
    parsed = parse_doc_number(doc_number) if doc_number else None
    prefix_region = parsed.region_prefix if parsed else None
    if prefix_region and region and prefix_region != region:
        return [f"文号 {doc_number} 的机关代字属于{prefix_region}，与发文机关（{region}）不符"]
    return []


def _keywords(fields: dict[str, str]) -> tuple[str, ...]:
    return tuple(k for k in re.split(r"[、，,；;\s]+", fields.get("keywords", "")) if k)


def parse_notices(
    text: str, source: str, page_title: str = "", *, paragraphs: bool = False
) -> list[Notice]:
    """Split one document's text into notices (or digest articles). ``page_title`` is the
    HTML ``<title>`` of a web page, a fallback for the notice's title; ``paragraphs``: every
    line break of the text is the document's own (``LoadedText.paragraphs``), so none is
    undone as a column's wrapping."""
    if digest.is_digest(text):
        return digest.split_digest(text, source)
    lines = clean_text(strip_pinyin(text), paragraphs=paragraphs).split("\n")
    view = [simplified(line) for line in lines]
    blocks = find_metadata_blocks(view)
    headers = find_headers(view)
    # One notice: no metadata block, or one at the top of the page (a disclosure table),
    # and at most one title+文号 header.
    # Titles with their 文号 in a related-files list above the text open no notice.
    links = link_lists(view)
    opening = [h for h in headers if h.docno_line not in links]
    if (not blocks or (len(blocks) == 1 and blocks[0].start < 25)) and len(opening) <= 1:
        lines = join_split_doc_numbers(lines)
        single = _single_notice(lines, [simplified(line) for line in lines], source, page_title)
        return [single] if single is not None else []
    taken: set[str] = set()
    # A compilation is drafted on the simplified view (the same lines, and the same line
    # numbers, as the text as written when nothing in it is traditional): 關於…的通知 opens
    # a notice as 关于…的通知 does.
    drafts = _drafts(view, (blocks, headers))
    notices = [_draft_to_notice(lines, d, source, taken) for d in drafts]
    if not notices:
        body = strip_page_breaks("\n".join(lines)).strip()
        if not body:
            return []
        # A document with no recognisable header is still one notice, so nothing is lost.
        notices = [_draft_to_notice(lines, _Draft(0, len(lines)), source)]
    return _dedupe_ids(notices)


def _single_notice(
    lines: list[str], view: list[str], source: str, page_title: str
) -> Notice | None:
    """One notice from a document that holds one (see ``rag.notices.single``)."""
    headings = {i for i, line in enumerate(lines) if _MARKDOWN_HEADING.match(line)}
    lines = [_MARKDOWN_HEADING.sub("", line) for line in lines]
    view = [_MARKDOWN_HEADING.sub("", line) for line in view]
    head = read_head(view, simplified(page_title), headings)
    keep = [i for i in range(len(lines)) if i not in head.furniture]
    text = strip_page_breaks("\n".join(lines[i] for i in keep)).strip()
    if not text:
        return None
    # The same lines in simplified characters (same lengths): what patterns read.
    view_text = strip_page_breaks("\n".join(view[i] for i in keep)).strip()
    warnings: list[str] = []
    doc_number = head.doc_number
    names, signed = read_signature(view, head.body_start)
    # A law or regulation: a bracketed header of adoption / publication dates, then articles.
    law = read_law(view_text)
    # An article (a news report, a 工作动态 page) has no 文号, no signature, no salutation and
    # no 关于… title.
    official = "关于" in head.title or head.title.endswith(_DOC_TYPES) or law is not None
    news = head.news or not (doc_number or names or signed or head.salutation or official)
    title = (head.headline if news and not head.news else "") or head.title
    if law is not None:
        # A law's name is the line above its header, however the head reads otherwise.
        title = law_title(text) or title
    title = title or next((line for line in text.split("\n") if line.strip()), "")[:60]
    own = parse_doc_number(doc_number) if doc_number else None
    if news:
        issuer = ""
    else:
        issuer_field = "、".join(
            split_organisations(re.sub(r"\s+", "", head.fields.get("issuer", "")))
        )
        if issuer_field and names and not _placed(issuer_field) and _placed("、".join(names)):
            # 【发布单位】省卫生健康委: a label that leaves out the place, where the signature
            # names the body in full (辽宁省卫生健康委员会).
            issuer_field = ""
        from_title = re.match(r"^(.{2,40}?)关于", title)
        prefix = from_title.group(1) if from_title and _ORG_LINE.match(from_title.group(1)) else ""
        # 安徽省人民政府令 第307号: an order names its issuer.
        ordering = own.prefix.removesuffix("令") if own and own.form == "order" else ""
        issuer = (
            issuer_field
            or "、".join(names)
            or "、".join(head.red_header)
            or re.sub(r"\s+", "、", head.issuer_line)
            or prefix
            or ordering
            or (law.issuer if law is not None else "")
        )
        if not issuer:
            warnings.append("发文机关不详：页面与落款均未写明")
    written = "" if news else written_date(head) or head.docno_date or signed
    # A report's own date: a label, its dateline, else the date line it ends with (本报讯…
    # then 2025年4月15日), which a notice's signature would be.
    published = published_date(head, view, news=news) or (signed if news else "")
    if law is not None:
        written = written or law.latest
        published = published or law.published
    # Region: the issuer's province, else a city it names, else the 文号's prefix.
    region = region_of_issuer(issuer) or (places_in(issuer) or [""])[0]
    if not region and own is not None and own.region_prefix:
        # A county's or district's own prefix can look like a province's (新兴县 prints
        # 新卫健…, not 新疆): when the issuer is such a local body, a province the text names
        # (广东省妇幼健康信息系统) is the better guess.
        local = bool(_LOCAL_BODY.search(issuer))
        mentioned = province_mentioned(view_text) if local else ""
        region = mentioned or own.region_prefix
    if not region and own is not None and own.prefix[:1] in CITY_DOCNO_PREFIX:
        region = province_of_place(CITY_DOCNO_PREFIX[own.prefix[:1]])
    refs = _references(view_text, doc_number)
    if not region and news:
        # An article's region: the site or outlet above it, or its headline, names a place
        # (福建省卫生健康委员会 / 首页 > 新闻动态); else the notices it reports on.
        head_lines = [view[i] for i in range(min(head.body_start, len(view)))]
        region = (places_in("\n".join([*head_lines, title])) or [""])[0]
    if not region and news:
        # A local report cites national notices as background; a national one seldom cites
        # a province's: a province among the cited numbers' regions wins.
        cited = [parse_doc_number(r.doc_number) for r in refs]
        regions = [c.region_prefix for c in cited if c and c.region_prefix]
        region = next((r for r in regions if r != NATIONAL), regions[0] if regions else "")
    if not region:
        region = (
            (places_in(title) or [""])[0]
            or province_mentioned(view_text)
            or (places_in(view_text) or [""])[0]
        )
    if not region and news and _NATIONAL_BODY.search(view_text):
        region = NATIONAL  # a report on what a national body issued, no place named
    if not doc_number and not news and law is None:
        warnings.append("无文号")
    warnings.extend(_prefix_region_warning(doc_number, region))
    key = doc_number or title
    return Notice(
        notice_id=make_notice_id(source, key),
        doc_number=doc_number,
        title=title,
        issuer=issuer,
        region=region,
        written_date=written,
        published_date=published,
        category=re.sub(r"\s+", "", head.fields.get("category", "")),
        keywords=_keywords(head.fields),
        source=source,
        text=text,
        warnings=tuple(warnings),
        references=tuple(refs),
        law=law,
    )


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
