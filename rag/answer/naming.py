"""Which notices among the hits a question names, by title or issuer, and where.

Each stretch of the question names one notice at most: the one whose title it and the
question's other stretches match best (rarer stretches weigh more). The extractive answer
reads it to hear each notice a question compares; the Answerer, to read each named notice's
passage.

Also how one ask of several names the notice its own search found (``names_own``: by
《title》, 文号, issuer, its place, a year with a document word, or a word of the notice's title
with its kind; ``names_by_year_only``, ``names_place_only``, ``of_places``), and whether two
notices a question names are named apart (``joined``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from rag.answer.constraints import constraints_of
from rag.answer.constraints.documents import of_years
from rag.answer.questions import (
    edition_years,
    index_names,
    named_places,
    names_few,
    naming_spans,
    notice_name,
)
from rag.answer.scoring import asks_about_text, is_report, reporting
from rag.answer.text import amends_document
from rag.grammar import DOC_KINDS
from rag.places import province_of_place
from rag.records import Hit, Notice

_QUOTED_TITLE = re.compile(r"《[^》]*》")
# A notice whose title says it changes another (关于修改《X》部分条款的通知, 补充通知, 延长…).
_CHANGING = re.compile(r"修改|修订|调整|补充|延长|更正|废止")


def changing_notices(
    named: Sequence[str],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    editions: bool = False,
) -> list[str]:
    """The notices among the hits that change one of the ``named`` notices: their title
    says so and their text cites its 文号. They speak of the same document: "第九条后来改过
    吗" about the 规范 is answered by the notice amending it too. With ``editions`` (a
    question comparing notices), so does a notice a named one cites whose title shares three
    quarters of its own: an earlier edition ("从2020年试行版换成2023年正式版以后…从几张变成了
    几张": the 2023 规范 cites the 试行 one it replaces), or the notice it carries out under
    nearly the same title (平凉市…2020年下半年重点工作任务及分工 citing 国办's)."""
    out: list[str] = []
    asked = [notices[n] for n in named if n in notices]
    for h in hits:
        nid = h.chunk.notice_id
        notice = notices.get(nid)
        if nid in named or nid in out or notice is None:
            continue
        # (A title naming the document it changes changes that one, not the national
        # notice its text carries out.)
        amends = _CHANGING.search(notice.title) and any(
            r.notice_id
            and r.notice_id in named
            and amends_document(notice.title, notices[r.notice_id].title)
            for r in notice.references
        )
        earlier = editions and any(
            any(r.notice_id == nid for r in a.references)
            and one_documents_editions(a.title, notice.title)
            for a in asked
        )
        if amends or earlier:
            out.append(nid)
    return out


def one_documents_editions(one: str, other: str) -> bool:
    """Whether two titles are of one document's editions: each shares most of its bigrams
    with the other (关于印发《X》的通知 and 关于印发《X（试行）》的通知)."""
    a = {one[i : i + 2] for i in range(len(one) - 1)}
    b = {other[i : i + 2] for i in range(len(other) - 1)}
    return bool(a and b) and 4 * len(a & b) >= 3 * max(len(a), len(b))


# A notice is named as a document by stretches of its title this long in all.
NAME_CHARS = 8


def named_as_document(question: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the stretches of ``question`` naming a notice (``named_notices``) name it as a
    document: its title's words at length, with a kind of document (办法, 规范, 通知…), not
    words of its topic alone ("碘缺乏病监测" of 甘肃省碘缺乏病监测和水碘调查工作规范 in "碘缺乏病
    监测…各是怎么规定的")."""
    return sum(b - a for a, b in spans) >= NAME_CHARS and any(
        re.search(DOC_KINDS, question[a:b]) for a, b in spans
    )


def named_notices(
    question: str,
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    said: Sequence[tuple[str, str]],
) -> dict[str, list[tuple[int, int]]]:
    """The notices among the hits the question names by title or issuer, in hit order,
    each with the stretches of the question that name it.

    Each stretch of the question names one notice at most: the one whose title it and
    the question's other stretches match best (rarer stretches weigh more), so
    "国务院2020年下半年医改任务" names the 国务院办公厅 notice, not a city's of the same
    half-year. A notice is named by a stretch few titles share (``naming_spans``), and
    not by one a chosen sentence holds while its own notice's title does not (``said``:
    sentence, title and issuer): words the answer repeats are what is asked about
    (城乡居民医保 in "…对城乡居民医保财政补助各提了什么要求"), not a name; a title the
    sentence quotes in 《》 is a name.

    A report on a notice among the hits (``scoring.reporting``) names it after that notice:
    "甘肃省名中医传承工作室…" names the 办法's notices before the 政策解读 of them, whose title
    holds the same words — unless the question asks about the report itself.
    """
    names = index_names(notices)
    yielding = (
        set()
        if asks_about_text(question)
        else {hits[i].chunk.notice_id for i in reporting(hits, notices).reporting}
    )
    # A title a sentence quotes (《国务院办公厅关于…》) names that document, not a topic.
    said = [(_QUOTED_TITLE.sub("", text), name) for text, name in said]
    order: list[str] = []
    found: dict[str, list[tuple[int, int, int]]] = {}
    for h in hits:
        nid = h.chunk.notice_id
        if nid in found:
            continue
        order.append(nid)
        found[nid] = [
            span
            for span in naming_spans(question, notice_name(h), names)
            if not any(
                question[span[0] : span[1]] in text and question[span[0] : span[1]] not in name
                for text, name in said
            )
        ]

    # A notice named by a stretch of its own leaves a stretch inside a longer one that
    # names another notice to that notice: "全国老龄办…常态化防控通知" names the 老龄办's
    # notice by 全国老龄办, and 常态化 (its title: 常态化疫情防控) gives way to 常态化防控
    # of a title that holds it whole.
    longer = {
        nid: [(a, b) for a, b, df in spans if names_few(df, len(names))]
        for nid, spans in found.items()
    }

    def inside_another(nid: str, a: int, b: int) -> bool:
        return any(
            x <= a and b <= y and y - x > b - a
            for other, outer in longer.items()
            if other != nid
            for x, y in outer
        )

    for nid, spans in list(found.items()):
        kept = [(a, b, df) for a, b, df in spans if not inside_another(nid, a, b)]
        if any(names_few(df, len(names)) for _, _, df in kept):
            found[nid] = kept

    def weight(df: int) -> float:
        return math.log((len(names) + 1) / (df + 0.5))

    taken: set[int] = set()
    named: dict[str, list[tuple[int, int]]] = {}
    for nid in sorted(
        order, key=lambda x: (x in yielding, -sum(weight(df) for _, _, df in found[x]))
    ):
        # A stretch partly taken by a notice matched better keeps what is left of it, when
        # that still names few titles: "医院巡查工作管理办法" names its notice though
        # another's title holds "工作管理办法".
        spans = [
            part for a, b, df in found[nid] for part in _untaken(question, a, b, df, taken, names)
        ]
        if any(names_few(df, len(names)) for _, _, df in spans):
            named[nid] = [(a, b) for a, b, _ in spans]
            for a, b, _ in spans:
                taken.update(range(a, b))
    return {nid: named[nid] for nid in order if nid in named}


def _untaken(
    question: str, a: int, b: int, df: int, taken: set[int], names: Sequence[str]
) -> list[tuple[int, int, int]]:
    """The parts of the stretch ``question[a:b]`` (held by ``df`` names) outside ``taken``
    that are still names (3+ characters), each with how many ``names`` hold it."""
    if not taken.intersection(range(a, b)):
        return [(a, b, df)]
    parts: list[tuple[int, int, int]] = []
    i = a
    while i < b:
        if i in taken:
            i += 1
            continue
        j = i
        while j < b and j not in taken:
            j += 1
        if j - i >= 3:
            part = question[i:j]
            parts.append((i, j, sum(part in name for name in names)))
        i = j
    return parts


def named_by_year(question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> list[str]:
    """When the question names two or more years and the hits hold linked editions of them,
    the first notice of each such year in hit order ("2021年的试行办法和2024年的新办法，…分别…"
    names the two editions by their years); else none."""
    years = sorted(edition_years(question))
    if len(years) < 2:
        return []
    by_year: dict[str, Notice] = {}
    for h in hits:
        notice = notices.get(h.chunk.notice_id)
        # (A report on an edition — its 政策解读, a news story — is no edition.)
        if notice is not None and notice.date[:4] in years and not is_report(notice):
            by_year.setdefault(notice.date[:4], notice)
    dated = list(by_year.values())
    linked = [n for n in dated if any(o is not n and editions_of_one(n, o) for o in dated)]
    return [n.notice_id for n in linked] if len(linked) > 1 else []


def editions_of_one(one: Notice, other: Notice) -> bool:
    """Whether two notices are editions of one document: titles alike, or one citing the
    other, as a new edition cites the one it repeals."""
    return (
        one_documents_editions(one.title, other.title)
        or any(r.notice_id == other.notice_id for r in one.references)
        or any(r.notice_id == one.notice_id for r in other.references)
    )


# One edition named by its year and a word of edition or kind: 2021年试行的那一版, 2019年的暂行
# 办法, 2024年的新办法, 2021年那版 (not a year alone: "2024年全省一共…" names no document).
_EDITION_BY_YEAR = re.compile(
    rf"((?:19|20)\d{{2}})\s*年的?(?:[那这]?一?版|试行|暂行|(?:新|旧|老)?(?:{DOC_KINDS}))"
)


def edition_of_year(
    question: str, lead: Notice, hits: Sequence[Hit], notices: Mapping[str, Notice]
) -> list[str]:
    """When the question names one edition by its year, and no other year ("那2021年试行的
    那一版呢？"), and the notice ``lead`` (the best sentence's) is not of that year, the
    notices among the hits that are of that year and editions of ``lead`` (titles alike, or
    one citing the other): the edition asked of; else none. (A notice of that year of
    another document — another place's — is no edition of it.)"""
    years = {int(m.group(1)) for m in _EDITION_BY_YEAR.finditer(question)}
    if len(years) != 1 or len(edition_years(question)) != 1:
        # (Two years named compare two editions: "2021年的试行办法…？2024年出的正式办法呢？")
        return []
    year = years.pop()
    if of_years(lead, question, year, year):
        return []
    found: list[str] = []
    for h in hits:
        notice = notices.get(h.chunk.notice_id)
        if (
            notice is not None
            and notice.notice_id not in found
            and not is_report(notice)
            and of_years(notice, question, year, year)
            and editions_of_one(notice, lead)
        ):
            found.append(notice.notice_id)
    return found


def edition_spans(question: str, notice: Notice) -> list[tuple[int, int]]:
    """The stretches of ``question`` naming ``notice`` as an edition by its year: the year
    with the words of edition and kind after it ("2021年试行", "2024年新办法")."""
    year = re.escape(notice.date[:4])
    words = rf"(?:的|[那这]?一?[版个]|暂行|试行|正式|新|旧|老|出台|印发|修订)*(?:{DOC_KINDS})?"
    return [m.span() for m in re.finditer(rf"{year}\s*年{words}", question)]


# A document named by a word of its title and its kind: 更正通知, 那份征求意见稿.
# A year naming a document: "2023年的方案", "2022年发的通知", "2020年版".
_YEAR_DOCUMENT = re.compile(rf"\d{{4}}\s*年[^，,。；;？?！!]{{0,8}}?(?:{DOC_KINDS}|文件|版)")
_KIND_NAMED = re.compile(
    r"([\u4e00-\u9fff]{2})(通知|公告|通告|办法|意见|方案|决定|细则|规定|批复|征求意见稿)"
)


def names_own(ask: str, nid: str, notices: Mapping[str, Notice]) -> bool:
    """Whether ``ask`` (one of several) names a document of its own (``names_own_document``)
    or names notice ``nid`` — its own search's first — by a word of its title followed by its
    kind ("更正通知本身从哪天起执行" of 关于更正《X》有关内容的通知)."""
    c = constraints_of(ask)
    if c.titles or c.doc_numbers or c.issuers:
        return True
    if c.places:
        # (The places it names are the notice's: "…江西修改后的实施细则和贵州2025年度校验
        # 通知分别…" does not name a 河南 notice its own search ranked first.)
        notice = notices.get(nid)
        return notice is None or notice.region in c.places
    if c.years:
        # A year alone, with no document word after it, dates a change of what the ask
        # before named ("业务用房面积一开始要求多少？2024年调成了多少？"), not a document.
        return bool(_YEAR_DOCUMENT.search(ask))
    return names_by_title_word(ask, nid, notices)


def of_places(question: str, nid: str, notices: Mapping[str, Notice]) -> bool:
    """Whether notice ``nid`` is of a place the question names, or the question names none
    (a notice of unread region is of any): "福建…2021年的试行办法…？2024年延长试行期的时候改成
    了多少？" hears no 河南 notice that also extended a 试行 document in 2024."""
    places = named_places(question)
    notice = notices.get(nid)
    return not places or notice is None or not notice.region or notice.region in places


def names_by_year_only(ask: str) -> bool:
    """Whether ``ask`` names a document by a year and its kind alone (2024年的新办法), not by
    《title》, 文号, issuer or place."""
    c = constraints_of(ask)
    return (
        bool(c.years)
        and bool(_YEAR_DOCUMENT.search(ask))
        and not (c.titles or c.doc_numbers or c.issuers or c.places)
    )


# An ask comparing with what the ask before it asked ("跟国家通知定的时限比哪个更紧？",
# "和江苏的相比呢？", "一样吗？").
COMPARES_BACK = re.compile(r"比(?!例|率|重)|一样|一致|哪个更|谁更")


def names_place_only(ask: str, nid: str, notices: Mapping[str, Notice]) -> bool:
    """Whether ``ask`` names its document only by place or issuer (国家通知, 江苏的规定): no
    《title》, 文号, document year or title word with its kind."""
    c = constraints_of(ask)
    if c.titles or c.doc_numbers or (c.years and _YEAR_DOCUMENT.search(ask)):
        return False
    # (a place's name before the kind, 国家通知 or 江苏规定, is no title word)
    return not names_by_title_word(ask, nid, notices, places=False)


def names_by_title_word(
    ask: str,
    nid: str,
    notices: Mapping[str, Notice],
    places: bool = True,
    changes: bool = True,
) -> bool:
    """Whether ``ask`` names notice ``nid`` by a word of its title followed by its kind
    ("更正通知" of 关于更正《X》有关内容的通知); without ``places``, a place's name (国家,
    江苏) is no such word; without ``changes``, nor is the kind of change a notice makes
    (补充通知, 修改决定: any topic's amending notice is so named)."""
    title = notices[nid].title if nid in notices else ""
    return any(
        m.group(1) in title
        and m.group(2) in title
        and (
            places
            or (m.group(1) not in ("国家", "全国", "中央") and not province_of_place(m.group(1)))
        )
        and (changes or not _CHANGE_KIND.fullmatch(m.group(1)))
        for m in _KIND_NAMED.finditer(ask)
    )


# The kinds of change a notice's title may say it makes.
_CHANGE_KIND = re.compile(r"补充|修改|修订|调整|更正|延长|废止")


# What joins two named documents in one question: a conjunction, or a second question.
_JOINS = re.compile(r"[？?；;、]|和|与|及|跟|同|以及")


def joined(question: str, spans: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """Whether the first two notices a question names are named apart: some name of one
    and a later name of the other have a conjunction or a question mark between them ("X和
    Y", "X是怎么提的？Y又…"), or the question asks two things ("…X是怎么部署的？…什么时候
    完成？")."""
    if len(spans) < 2:
        return False
    if len([ask for ask in re.split(r"[？?]", question) if len(ask.strip()) >= 4]) >= 2:
        return True  # two notices named in a question of two asks: each answers one
    pairs = [(x, y) for x in spans[0] for y in spans[1]] + [
        (y, x) for x in spans[0] for y in spans[1]
    ]
    return any(
        first[1] <= second[0] and _JOINS.search(question[first[1] : second[0]])
        for first, second in pairs
    )
