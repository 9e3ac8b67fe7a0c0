"""The check a drafted answer passes before it is given: what its citations miss of what the
question pins down (``rag.answer.constraints``), which of those misses refuse the answer and
which are said in a note before it, and the closest notices a refusal points to.

The Answerer's stage after drafting and citation verification; an LLM's draft passes it too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from rag.answer.asking import ValidityAsk
from rag.answer.constraints import (
    Unmet,
    constraints_of,
    fate_told,
    names_own_document,
    unmet,
)
from rag.answer.questions import (
    index_names,
    names_few,
    naming_spans,
    notice_name,
    separate_asks,
)
from rag.answer.records import REFUSAL_LEAD, Answer, Citation
from rag.answer.text import fold_name
from rag.query_filters import names_only
from rag.records import Hit, Notice


class AnswerCheck:
    """The constraint check over one index's notices."""

    def __init__(
        self,
        notices: Mapping[str, Notice],
        years_of: Callable[[Notice], Collection[str]] | None = None,
        held: Callable[[str], bool] | None = None,
    ) -> None:
        self.notices = notices
        # Whether some passage of the index holds a word: what a value is asked of, in
        # words none holds, is the asker's own wording (``constraints.values.ValueCheck``).
        self.held = held
        # The years a notice is known by (its date's, its 文号's, its 施行 date's): a year
        # asked is met by any of them ("2021年开始试行的那版" issued in 2020).
        self.years_of = years_of

    def checked(
        self,
        question: str,
        answer: Answer,
        hits: Sequence[Hit],
        ask: ValidityAsk | None = None,
        implementing: bool = False,
    ) -> Answer:
        """The answer, or a refusal when its evidence misses what the question pins down.

        A place missed for only some of several places named ("福建和甘肃…"), or a named
        document only quoted by the cited notices, is said in a note before the answer; any
        other miss refuses, and the drafted answer stays below
        the refusal as the nearest evidence, with its verified citations.
        """
        misses, blocking = self.misses(question, answer.citations, ask, implementing)
        if not misses:
            return answer
        answer.unmet = [m.to_dict() for m in misses]
        # Of a question's several asks, those whose own constraints the citations meet.
        asks = separate_asks(question) if blocking else []
        if any(m.kind == "place" for m in blocking) and any(names_only(part) for part in asks):
            # "长沙的医养结合机构…多长时间内要完成风险评估？湖南是怎么规定的？": an ask naming
            # only a place asks the others of it; the question is one ask, of that place.
            asks = []
        own = {part: self.misses(part, answer.citations, ask) for part in asks}
        met = [part for part in asks if not own[part][0]]
        # (An ask naming no place of its own asks of the place another ask named.)
        placed = [part for part in asks if any(m.kind == "place" for m in own[part][1])]
        # (An attached document missing is missed by every ask that names it by its title's
        # words: "《X细则》里…分为几级？康复服务具体包括哪些项目？" asks both of the 细则.)
        attached = [m.wanted for m in blocking if m.kind == "attachment"]
        # (The ask naming the missing attachment itself — "《X规范》里，失访是怎么认定的？" —
        # names no document the index holds: its words the letter holds do not answer it.)
        if attached:
            met = [p for p in met if not any(_names_part_of(w, p) for w in attached)]
        if any(
            names_own_document(part) if attached else self.names_own(part, answer.citations, placed)
            for part in met
        ):
            # "四川记几分？如果是在安徽，违规信息会公开多久？": an ask that names its own
            # document (a place, a year, a title, 文号 or issuer) and whose every constraint
            # the cited passages meet is answered; the misses of the other asks are said
            # before the answer instead of refusing it all. An ask naming none ("有效期到
            # 什么时候？") is about the document the question named before it.
            blocking = []
        if (
            blocking
            and all(m.kind == "value" for m in blocking)
            and any(constraints_of(part).values for part in met)
        ):
            # "无线网络覆盖率达到多少？通过了几级等级保护测评？": a value one ask asks is
            # quoted; the value another asks, which no quote holds, is said before the answer.
            blocking = []
        if not blocking:
            answer.text = "；".join(m.message for m in misses) + "。\n" + answer.text
            return answer
        answer.refused = True
        answer.reason = "问题限定的条件不满足：" + "；".join(m.message for m in blocking)
        answer.closest = closest(hits)
        answer.text = "\n".join(
            [
                REFUSAL_LEAD,
                "；".join(m.message for m in misses) + "。",
                "最相近的内容（不满足上述条件，仅供参考）：",
                answer.text,
            ]
        )
        return answer

    def names_own(
        self, ask: str, citations: Sequence[Citation], others: Sequence[str] = ()
    ) -> bool:
        """Whether one ask of several names a document of its own: by place, year, 《title》,
        文号 or issuer, or by words of a cited notice's title few other titles hold
        ("国家卫健委的实验室生物安全监管征求意见稿要求…？") — a notice no ask of ``others``
        (those missing the place they name) names too: "山西省对残疾人家庭医生签约率定的目标…？
        签约服务里基本支持性服务补助多少钱？" asks twice of the one document, the 山西 one."""
        if names_own_document(ask):
            return True
        for nid in dict.fromkeys(c.notice_id for c in citations):
            notice = self.notices.get(nid)
            if notice is None:
                continue
            if self._named_by(ask, notice) and not any(
                self._named_by(other, notice) for other in others
            ):
                return True
        return False

    def _named_by(self, ask: str, notice: Notice) -> bool:
        """Whether ``ask`` names ``notice`` by words of its title few other titles hold."""
        names = self._names
        spans = naming_spans(ask, notice_name(notice), names)
        return any(b - a >= 4 and names_few(df, len(names)) for a, b, df in spans)

    @functools.cached_property
    def _names(self) -> list[str]:
        """Every notice's title and issuer, as ``naming_spans`` compares them."""
        return index_names(self.notices)

    def misses(
        self,
        question: str,
        citations: Sequence[Citation],
        ask: ValidityAsk | None,
        implementing: bool = False,
    ) -> tuple[list[Unmet], list[Unmet]]:
        """What the cited passages miss of what ``question`` pins down, and which of those
        misses refuse the answer (the others are said in a note before it). ``implementing``:
        the citations are the notices implementing the document asked about, whose issuer
        ("国家卫健委…的通知，哪些省落实了") is not theirs, and which answer by what they are
        (a cover letter names the guides it issues: "依据它又出了哪两份指南"), not by an
        attachment's text."""
        constraints = constraints_of(question)
        if implementing:
            # The document named (by 文号 or issuer) is the one implemented, not the
            # notices cited; one named by 《title》 and missing from the index is said.
            constraints = replace(constraints, issuers=(), doc_numbers=())
        if ask is not None and ask.asks_status:
            # "从什么时候开始执行？现在还有效吗" / "有效期是多久": the status line answers
            # when a notice took effect and until when, or says that no clause does.
            values = tuple(v for v in constraints.values if v not in ("date", "duration"))
            constraints = replace(constraints, values=values)
        misses = unmet(constraints, citations, self.notices, self.years_of, self.held)
        places = [m for m in misses if m.kind == "place"]
        # A validity question about a cover letter whose attachment the index lacks is
        # still answered: the status line says 未知 and why.
        notes_only = (
            ("place", "mentioned", "reported", "attachment") if ask and ask.asks_status else None
        )
        blocking = [m for m in misses if m.kind not in (notes_only or ("place", "mentioned"))]
        if implementing:
            blocking = [m for m in blocking if m.kind not in ("attachment", "title", "reported")]
        if ask is not None and ask.asks_status:
            # "2024年还能按国卫办基层函〔2019〕210号…吗": the index lacks the document, but a
            # quoted clause says it lapsed; the status line answers from that clause.
            blocking = [
                m for m in blocking if not (m.kind == "title" and fate_told(m.wanted, citations))
            ]
        if places and len(places) == len(constraints.places):
            blocking = places + blocking
        return misses, blocking


def _names_part_of(names: str, ask: str) -> bool:
    """Whether ``ask`` names one of ``names`` (《X》、《Y》, as an attachment miss lists them)."""
    asked = fold_name(ask)
    return any(fold_name(n).strip("《》") in asked for n in re.findall(r"《[^》]+》", names))


def closest(hits: Sequence[Hit], n: int = 3) -> list[dict[str, str]]:
    """The first ``n`` distinct notices among the hits: what a refusal points to."""
    closest: list[dict[str, str]] = []
    seen: set[str] = set()
    for h in hits:
        if h.chunk.notice_id in seen:
            continue
        seen.add(h.chunk.notice_id)
        closest.append(
            {"doc_number": h.doc_number, "title": h.title, "issuer": h.issuer, "date": h.date}
        )
        if len(closest) == n:
            break
    return closest
