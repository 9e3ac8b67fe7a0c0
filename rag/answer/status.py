"""Whether the rules an answer quotes are in force: the status lines an answer carries, and
the answer listing the notices that implement a document.

An answer that cites a notice no longer in force (已过有效期, 已废止), amended (已修订) or not
yet in force (尚未施行) says so in one line with the clause that decides it. A question
about validity itself ("…现在还有效吗", "被什么取代了") gets its notice's status first,
whatever it is — 未知 included, with the reason. Statuses are as of the date the question
is asked for (``Filters.as_of``; today by default) and come from
:mod:`rag.notices.validity`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rag.answer.records import Citation, Draft
from rag.docno import find_doc_numbers
from rag.notices.validity import NOT_IN_FORCE, Status, ValidityIndex
from rag.records import Hit, Notice

# A question about whether a rule applies, when it took effect, or what replaced it.
ASKS_STATUS = re.compile(
    r"有效|失效|废止|作废|过期|到期|现行|仍然适用|还适用|还能用|还管用|还执行|还在执行"
    r"|施行|生效|取代|替代|代替|替换|新版|修订|修改"
)
# Statuses an answer warns about even when the question did not ask.
_WARN = NOT_IN_FORCE | {"已修订"}


def _label(notice: Notice) -> str:
    return f"{notice.doc_number or '无文号'}《{notice.title}》"


def status_line(notice: Notice, status: Status, validity: ValidityIndex) -> str:
    """One line: the notice, its status as of the date, why, and the clause that says so."""
    line = f"截至 {status.as_of}，{_label(notice)}：{status.label}（{status.reason}）"
    if status.evidence:
        source = ""
        if status.evidence_notice_id and status.evidence_notice_id != notice.notice_id:
            other = validity.notices.get(status.evidence_notice_id)
            source = f"，见{_label(other)}" if other else ""
        line += f"。依据：「{status.evidence.strip()}」{source}"
    return line + "。"


def status_lines(
    question: str,
    citations: Sequence[Citation],
    routed: Sequence[str],
    validity: ValidityIndex,
    as_of: str | None,
) -> list[str]:
    """The lines an answer opens with: the status of the notice a validity question is
    about (a 文号 it names, else the first cited), then a warning for every other cited
    notice that is not in force."""
    lines: list[str] = []
    cited = list(dict.fromkeys(c.notice_id for c in citations))
    asked = ASKS_STATUS.search(question)
    if asked and not routed:
        # A quoted clause that repeals or amends a document answers "还有效吗" about that
        # document (which the index may not hold): say so first.
        said = _declared(citations, validity, as_of)
        if said:
            lines.extend(said)
            asked = None
    primary = (list(routed) or cited)[:1] if asked else []
    for nid in [*primary, *(c for c in cited if c not in primary)]:
        notice = validity.notices.get(nid)
        if notice is None:
            continue
        status = validity.status(nid, as_of)
        if nid in primary or status.label in _WARN:
            lines.append(status_line(notice, status, validity))
    return lines


def _declared(
    citations: Sequence[Citation], validity: ValidityIndex, as_of: str | None
) -> list[str]:
    """A line for each document a quoted clause repeals or amends, dated by the notice that
    says so (a declaration made after ``as_of`` is not yet in effect then)."""
    out: list[str] = []
    for c in citations:
        record = validity.get(c.notice_id)
        if record is None:
            continue
        quote = re.sub(r"\s+", "", c.quote)
        for r in record.own.relations:
            if r.kind == "implements" or (
                re.sub(r"\s+", "", r.sentence) not in quote
                and (quote not in re.sub(r"\s+", "", r.sentence))
            ):
                continue
            notice = record.notice
            when = validity.takes_effect(c.notice_id)
            verb = "废止" if r.kind == "repeals" else "修订"
            target = validity.notices.get(r.target_id) if r.target_id else None
            name = (
                _label(target)
                if target
                else (
                    f"{r.target_doc_number}《{r.target_title}》"
                    if r.target_title and r.target_doc_number
                    else r.target_doc_number or f"《{r.target_title}》"
                )
            )
            day = as_of or ""
            if when and day and day < when:
                out.append(f"截至 {day}，{_label(notice)} 尚未发布，其中对{name}的{verb}尚未生效。")
                continue
            label = "已废止" if r.kind == "repeals" else "已修订"
            out.append(
                f"{name}：{label}（{when or '日期不明'} 被{_label(notice)}{verb}）。"
                f"依据：「{r.sentence.strip()}」。"
            )
    return list(dict.fromkeys(out))


def with_status(
    citations: Sequence[Citation], validity: ValidityIndex, as_of: str | None
) -> list[Citation]:
    """The citations, each carrying its notice's status label."""
    from dataclasses import replace

    return [replace(c, status=validity.status(c.notice_id, as_of).label) for c in citations]


def implementers_draft(
    asked: Sequence[str], hits: Sequence[Hit], notices: Mapping[str, Notice]
) -> Draft:
    """The routed hits (one per implementing notice, at its implementing clause) listed by
    region: "河北：冀卫…号《…》（2020-04-19）[1]", each quoting the clause."""
    parts = [f"落实{'、'.join(asked)}的通知（按地区）："]
    quotes: dict[int, str] = {}
    region = None
    number = 0
    for n, hit in enumerate(hits, start=1):
        if not hit.routed:
            continue
        notice = notices.get(hit.chunk.notice_id)
        if notice is None:
            continue
        number += 1
        where = notice.region or "地区不明"
        if where != region:
            region = where
        date = f"（{notice.date}）" if notice.date else ""
        parts.append(f"{number}. {where}：{_label(notice)}{date}[{n}]")
        quotes[n] = _clause_in(hit.chunk.text, asked)
    return Draft("\n".join(parts), quotes)


def _clause_in(text: str, asked: Sequence[str]) -> str:
    """The sentence of a passage naming one of the ``asked`` documents (its implementing
    clause), else its first sentence."""
    pieces = [p for p in re.split(r"(?<=[。；\n])", text) if p.strip()]
    squashed = {re.sub(r"\s+", "", a) for a in asked}
    for p in pieces:
        flat = re.sub(r"\s+", "", p)
        numbers = {m.doc_number.normalized for m in find_doc_numbers(p)}
        if numbers & squashed or any(a in flat for a in squashed):
            return p.strip()
    return pieces[0].strip() if pieces else ""


__all__ = ["ASKS_STATUS", "implementers_draft", "status_line", "status_lines", "with_status"]
