"""The constraint check: what a question pins down must hold for what the answer cites.

A question names a place (江苏省), a year or a range of years (2022年, 2024—2025年), a
document 《X》, or asks for a kind of value (多少天, 多少元, 哪一天). The best passages can be
on the topic and still miss one of these: another province's notice, last year's plan, the
cover letter of an attachment the index does not hold, a sentence on the topic without the
number asked for. ``unmet`` lists what a drafted and verified answer misses, from the cited
notices' metadata and the quoted sentences; the Answerer then refuses and says why, keeping
the nearest evidence as a labelled reference instead of substituting it silently. The same
check runs on an LLM's draft, after citation verification.

The check is a package whose files are its stages: ``regions`` (place), ``documents`` (year,
《title》, 文号), ``issuers``, ``values`` and ``attachments``; ``unmet`` runs them in turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from rag.answer.constraints.attachments import attachment_missing, unmet_attachments
from rag.answer.constraints.documents import (
    NAMED_TITLE,
    fate_told,
    holds_document,
    names_document,
    quoted_documents,
    unmet_batches,
    unmet_doc_numbers,
    unmet_titles,
    unmet_years,
)
from rag.answer.constraints.issuers import named_issuers, unmet_issuers
from rag.answer.constraints.records import Constraints, Unmet
from rag.answer.constraints.regions import cities_asked, unmet_cities, unmet_places
from rag.answer.constraints.values import (
    VALUE_KINDS,
    VALUE_NAMES,
    asks_value,
    count_pattern,
    unmet_values,
    value_head,
)
from rag.answer.questions import (
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    WHICH_DOC,
    answer_types,
    named_outright,
    named_places,
    question_words,
)
from rag.answer.records import Citation
from rag.answer.text import fold_name, split_sentences
from rag.docno import find_doc_numbers
from rag.grammar import DOC_KINDS, YEAR_RANGE, document_years, simplified
from rag.places import places_in
from rag.query_filters import separate_asks
from rag.records import Notice

__all__ = [
    "VALUE_KINDS",
    "VALUE_NAMES",
    "Constraints",
    "Unmet",
    "asks_value",
    "attachment_missing",
    "constraints_of",
    "count_pattern",
    "fate_told",
    "held_places",
    "holds_document",
    "named_titles",
    "names_document",
    "names_own_document",
    "quoted_documents",
    "unmet",
    "value_head",
]

# "…印发的是什么办法": what a cover letter publishes is in the cover letter.
_PUBLISHED = re.compile(r"印发(的|了)(是)?(什么|哪)")


def held_places(question: str) -> list[str]:
    """The places ``question`` holds an answer to (``Constraints.places``): provinces and
    cities it names. 国家 / 全国 beside a province often names where a rule comes from
    ("依据国家哪个文件"), not where it applies."""
    places = [p for p in named_places(question) if p != "全国"]
    for p in places_in(question):
        if p not in places:
            places.append(p)
    return places


# A document's short name in 《》 ("以下简称《意见》", 《实施细则》): a kind of document with at
# most two characters before it, standing for one named in full elsewhere.
_SHORT_NAME = re.compile(rf"^[\u4e00-\u9fff]{{0,2}}(?:{DOC_KINDS})$")


def named_titles(question: str) -> tuple[str, ...]:
    """The documents ``question`` names in 《》, not those it names by a short name."""
    return tuple(
        t.strip()
        for t in NAMED_TITLE.findall(question)
        if t.strip() and not _SHORT_NAME.match(t.strip())
    )


def constraints_of(question: str) -> Constraints:
    """The place, years, named documents and kind of value ``question`` pins down."""
    places = held_places(question)
    years: tuple[int, int] | None = None
    span = YEAR_RANGE.search(question)
    if span:
        lo, hi = sorted((int(span.group(1)), int(span.group(2))))
        years = (lo, hi)
    else:
        # Years that date documents, not a deadline or start it names (2026年4月1日起).
        found = sorted(document_years(question))
        if found:
            years = (found[0], found[-1])
    titles = named_titles(question)
    about_metadata = bool(
        ISSUER_QUESTION.search(question)
        or DATE_QUESTION.search(question)
        or DOCNO_QUESTION.search(question)
    )
    # What a notice was issued for, or who approved it, its cover letter says, whatever it
    # publishes ("山东印发中医药防治方案是出于什么考虑？").
    about_notice = bool(
        WHICH_DOC.search(question)
        or _PUBLISHED.search(question)
        or {"purpose", "approval"} & set(answer_types(question))
    )
    values = tuple(asks_value(question))
    return Constraints(
        tuple(places),
        years,
        titles,
        values,
        about_metadata,
        about_notice,
        tuple(question_words(question)),
        question,
        tuple(dict.fromkeys(m.doc_number.normalized for m in find_doc_numbers(question))),
        tuple(named_issuers(question)),
        tuple(p for p in places if p not in named_outright(question)),
    )


def names_own_document(question: str) -> bool:
    """Whether ``question`` (one ask of several) names a document of its own: by its place,
    year, 《title》, 文号 or issuer ("如果是在安徽，…公开多久？", "2023年的方案又要求…？"),
    not only asking on about the one named before it ("有效期到什么时候？")."""
    c = constraints_of(question)
    return bool(c.places or c.years or c.titles or c.doc_numbers or c.issuers)


def unmet(
    constraints: Constraints,
    citations: Sequence[Citation],
    notices: Mapping[str, Notice],
    years_of: Callable[[Notice], Collection[str]] | None = None,
    held: Callable[[str], bool] | None = None,
) -> list[Unmet]:
    """The constraints that no cited notice (metadata) or quoted sentence meets.
    ``years_of``: the years a notice is known by besides its dates (its 文号's, its 施行
    date's), any of which meets a year asked. ``held``: whether some passage of the index
    holds a word (what a value is asked of, in words no passage holds, is the asker's own).

    Kinds: ``place``, ``year``, ``title``, ``value`` and ``attachment`` are misses the
    Answerer refuses for; ``mentioned`` (a named document only quoted by the cited notices)
    is said in a note before the answer.
    """
    if not citations:
        return []
    # Quotes are read in simplified characters: a traditional repost states 45日 for
    # "提前多少天" and 註冊 for 注册 alike.
    citations = [replace(c, quote=simplified(c.quote)) for c in citations]
    cited = [notices[c.notice_id] for c in citations if c.notice_id in notices]
    out: list[Unmet] = []
    if constraints.places:
        quotes = "".join(fold_name(c.quote) for c in citations)
        # The cities it names as cities (天水市, 甘南州) or bare, as words of their own (a
        # bare two-character name may sit inside other words: 保定 in 确保定点).
        cities = cities_asked(constraints.question)
        reported = _reported_regions(citations, notices)
        asks_city = bool(_ASKS_CITY.search(constraints.question))
        out.extend(
            unmet_places(
                constraints.places, cited, quotes, cities, reported, asks_city, constraints.located
            )
        )
        if not any(m.kind == "place" for m in out):
            out.extend(unmet_cities(cities, cited, constraints.question, quotes))
    if constraints.years is not None:
        out.extend(unmet_years(constraints.years, constraints.question, citations, cited, years_of))
    out.extend(unmet_titles(constraints, citations, cited))
    out.extend(unmet_batches(constraints.question, citations, cited))
    out.extend(unmet_issuers(constraints.issuers, cited))
    if not any(m.kind == "title" for m in out):
        out.extend(unmet_doc_numbers(constraints, citations, cited))
    if not (constraints.about_metadata or constraints.about_notice):
        if constraints.values:
            # The value is asked of the place asked ("天津市…至少要占多大比例？"): another
            # province's notice stating one beside the place's own does not answer.
            held_here = [
                c
                for c in citations
                if c.notice_id in notices and notices[c.notice_id].region in constraints.places
            ]
            placed = constraints.places and held_here and not any(m.kind == "place" for m in out)
            # So is the value of a document the question names outright ("国家卫生健康委办公厅
            # 关于…的通知规定，…至少要配备多少台？"): another notice stating one beside it is
            # not that document's rule.
            named = [] if placed else _of_named(constraints, citations, notices)
            out.extend(
                unmet_values(
                    constraints,
                    _as_amended(held_here if placed else named or citations, notices),
                    held,
                )
            )
        out.extend(unmet_attachments(constraints, citations, notices))
    return out


# An amending item quoting the words it replaces and their replacement ("第四条中的“不低于
# 20%”修改为“不低于35%”").
_REPLACES = re.compile(
    r"“([^”]{1,120})”[^“”。；;]{0,10}?(?:修改|修订|调整|更改|变更|替换|改)为“([^”]{1,120})”"
)


def _as_amended(citations: Sequence[Citation], notices: Mapping[str, Notice]) -> list[Citation]:
    """``citations``, each quote of an amending item read with the sentence it rewrites as that
    now stands: "第四条中的“不低于20%”修改为“不低于35%”" states the share of what the
    sentence of the amended document (a notice it cites) says it is of ("每月点评处方的比例
    不低于35%")."""
    out: list[Citation] = []
    for c in citations:
        notice = notices.get(c.notice_id)
        if notice is None:
            out.append(c)
            continue
        amended: list[str] = []
        for m in _REPLACES.finditer(c.quote):
            old, new = m.groups()
            bases = [notices.get(r.notice_id) for r in notice.references]
            for base in (b for b in bases if b is not None and b.notice_id != c.notice_id):
                at = base.text.find(old)
                if at < 0:
                    continue
                span = next(((s, e) for s, e in split_sentences(base.text) if s <= at < e), None)
                if span is None:
                    continue
                amended.append(base.text[span[0] : span[1]].replace(old, new))
                break
        out.append(replace(c, quote="。".join([c.quote, *amended])) if amended else c)
    return out


def _of_named(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Citation]:
    """The citations of the one document a one-ask question names outright — by its 文号,
    its 《title》 or its whole title written out — and of those it refers to (the 办法 an
    amendment rewrites), when others are cited beside them; else []."""
    question = constraints.question
    if separate_asks(question):
        return []
    folded = fold_name(question)

    def named(n: Notice) -> bool:
        return (
            bool(n.doc_number and n.doc_number in constraints.doc_numbers)
            or any(holds_document(n.title, t) for t in constraints.titles)
            or (len(n.title) >= _WRITTEN_OUT and fold_name(n.title) in folded)
        )

    ids = {c.notice_id for c in citations if c.notice_id in notices}
    own = {i for i in ids if named(notices[i])}
    if len(own) != 1 or any(attachment_missing(notices[i]) for i in own):
        # (a cover letter without the document it publishes: the attachment check says so)
        return []
    # (with the documents it acts on: an amendment's item says its figure of the 办法)
    own |= {r.notice_id for i in own for r in notices[i].references}
    if ids <= own:
        return []
    return [c for c in citations if c.notice_id in own]


# A title this long written out in a question names that one notice.
_WRITTEN_OUT = 12


# "甘肃的是哪个城市？": one city of the province is asked for (哪几个城市 asks a list).
_ASKS_CITY = re.compile(r"哪一?个(?:城市|地市|市州|市(?!场|民))")


def _reported_regions(citations: Sequence[Citation], notices: Mapping[str, Notice]) -> set[str]:
    """The regions of the notices a cited text whose own region was not read quotes by title:
    a news report saying "省药监局日前发布《关于推进…的公告》" is about the 广东 公告 the index
    holds under that title."""
    out: set[str] = set()
    for c in citations:
        own = notices.get(c.notice_id)
        if own is None or own.region:
            continue
        out |= {
            n.region
            for n in quoted_documents(c.quote, notices.values())
            if n.region and n.notice_id != own.notice_id
        }
    return out
