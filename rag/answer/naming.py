"""Which notices among the hits a question names, by title or issuer, and where.

Each stretch of the question names one notice at most: the one whose title it and the
question's other stretches match best (rarer stretches weigh more). The extractive answer
reads it to hear each notice a question compares; the Answerer, to read each named notice's
passage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from rag.answer.questions import edition_years, index_names, names_few, naming_spans, notice_name
from rag.answer.scoring import asks_about_text, is_report, reporting
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
        amends = _CHANGING.search(notice.title) and any(
            r.notice_id and r.notice_id in named for r in notice.references
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
    # (Editions of one document: titles alike, or one citing the other, as a new edition
    # cites the one it repeals.)
    linked = [
        n
        for n in dated
        if any(
            o is not n
            and (
                one_documents_editions(n.title, o.title)
                or any(r.notice_id == o.notice_id for r in n.references)
                or any(r.notice_id == n.notice_id for r in o.references)
            )
            for o in dated
        )
    ]
    return [n.notice_id for n in linked] if len(linked) > 1 else []
