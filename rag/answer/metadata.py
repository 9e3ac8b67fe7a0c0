"""The metadata stage: who issued a notice, when, and its 文号, told from the notice's own
record (its header, dates and signature) rather than from a sentence, each ask of its own
notice; a question's other asks are answered beside it from the passages (``with_content``).

The extractive generator hands this stage two of its own steps: ``content`` answers a
question from the passages' sentences, ``relevant`` lists the notices a question about
several makes relevant by their sentences.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from rag.answer.asking import read_ask
from rag.answer.constraints import named_titles, names_document
from rag.answer.naming import named_notices
from rag.answer.questions import (
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    asks_about_several,
    asks_one_document,
    named_places,
    separate_asks,
)
from rag.answer.records import Draft
from rag.answer.text import cite_label, date_phrase, metadata_quote
from rag.docno import find_doc_numbers
from rag.notices.signature import read_signature
from rag.records import Hit, Notice


class Content(Protocol):
    """The answer to a question from the passages' sentences."""

    def __call__(self, question: str, /) -> Draft: ...


class Relevant(Protocol):
    """The first hit of each notice a question about several makes relevant."""

    def __call__(self, question: str, /) -> list[int]: ...


# A document named as what the notice rests on or carries out ("它依据的…管理办法"), by its
# kind word, without 《》.
_BASIS_NAMED = re.compile(
    r"(?:依据|根据|按照|引用|提到|提及|援引|贯彻|落实)的(?P<name>[^，,。？?；;、《》]{2,30}?"
    r"(?:办法|方案|意见|通知|规定|细则|条例|法|标准|指南|规范|清单|目录|计划|决定))"
)


def with_content(
    question: str,
    meta: Draft,
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    content: Content,
    relevant: Relevant,
) -> Draft:
    """A metadata answer, followed by the sentences that answer the question's other asks
    ("《X办法》是经什么会议审议通过的？以什么文号印发？"). The metadata is of the notice
    its own ask names ("内蒙古…实施方案是哪天印发的？健康云南行动要求…？" dates the
    内蒙古 notice, whichever ranks first), each ask's own when two asks name two notices
    ("X是哪六个部门联合印发的？Y又是哪天发布的？"). The other asks are answered from
    themselves when they name a notice of their own ("…是哪天成文的？Y有问题找谁？"),
    else from the question without the words asking for metadata, so the names they
    lean on stay."""
    asks = separate_asks(question)
    meta_asks = [a for a in asks if asks_metadata(a)]
    rest = [a for a in asks if not asks_metadata(a) and not read_ask(a).asks_status]
    if not meta_asks or (len(meta_asks) == 1 and not rest):
        return meta
    owners = [_own_hit(ask, hits, notices) for ask in meta_asks]
    if len({hits[i].chunk.notice_id for i in owners if i is not None}) > 1:
        meta = _each_metadata(meta_asks, owners, hits, notices, relevant) or meta
    else:
        meta_question = "".join(meta_asks)
        first = _own_hit(meta_question, hits, notices) or 0
        meta = metadata_answer(meta_question, hits, notices, relevant, first=first) or meta
    if not rest:
        return meta
    own_asks = "".join(rest)
    # (a metadata ask naming no notice, "ICH E11(R1)是哪年发布的？", may be asking what a
    # sentence says of a document it mentions: its words stay in the content question)
    if all(i is not None for i in owners) and named_notices(own_asks, hits, notices, []):
        remainder = own_asks
    else:
        remainder = question
        for pattern in (DOCNO_QUESTION, ISSUER_QUESTION, DATE_QUESTION):
            remainder = pattern.sub("", remainder)
    drafted = content(remainder)
    if drafted.refused or not drafted.text:
        return meta
    return in_turn(meta, drafted)


def _own_hit(ask: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> int | None:
    """The first hit of the notice ``ask`` names by its 文号, else the one it names most
    by title or issuer (None when it names none)."""
    numbers = {m.doc_number.normalized for m in find_doc_numbers(ask)}
    for i, h in enumerate(hits):
        notice = notices.get(h.chunk.notice_id)
        if numbers and notice is not None and notice.doc_number in numbers:
            return i
    naming = named_notices(ask, hits, notices, [])
    if not naming:
        return None
    own = max(naming, key=lambda nid: sum(b - a for a, b in naming[nid]))
    return next(i for i, h in enumerate(hits) if h.chunk.notice_id == own)


def _each_metadata(
    asks: Sequence[str],
    owners: Sequence[int | None],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    relevant: Relevant,
) -> Draft | None:
    """Each metadata ask heard of the notice it names, one line each."""
    drafts = []
    done: set[int] = set()
    for ask, first in zip(asks, owners, strict=True):
        if first is None or first in done:
            continue
        done.add(first)
        draft = metadata_answer(ask, hits, notices, relevant, first=first)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        return None
    out = drafts[0]
    for draft in drafts[1:]:
        out = in_turn(out, draft)
    return out


def metadata_answer(
    question: str,
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    relevant: Relevant,
    first: int = 0,
) -> Draft | None:
    """Questions about who issued a notice, when, or its 文号 are answered from metadata
    (of ``hits[first]``); a question about several notices ("…和…分别是什么文号？")
    hears it of each."""
    asks_issuer = bool(ISSUER_QUESTION.search(question))
    asks_date = bool(DATE_QUESTION.search(question))
    asks_docno = bool(DOCNO_QUESTION.search(question))
    if not (asks_issuer or asks_date or asks_docno):
        return None
    if find_doc_numbers(question) and not hits[first].routed:
        # The 文号 asked about is not this notice's own (only quoted in its text): its
        # metadata would answer for another document.
        return None
    titles = named_titles(question)
    if titles and not any(names_document(hits[first].title, t) for t in titles):
        # "它提到的《X》是什么时候印发的？": the notice only names X; what is said of X is in
        # the sentences that quote it ("2019年8月，我委印发了《X》").
        return None
    basis = _BASIS_NAMED.search(question)
    if basis and not names_document(hits[first].title, basis.group("name")):
        # "它依据的国家短缺药品清单管理办法是多少个部门印发的？文号是什么？": the document
        # asked about is the one the notice rests on; its sentences say who issued it.
        return None
    several = (
        not find_doc_numbers(question)
        and asks_about_several(question, hits)
        and not asks_one_document(question)
    )
    lines: list[str] = []
    quotes: dict[int, str] = {}
    for i in _asked_notices(question, hits, notices, relevant) if several else [first]:
        hit = hits[i]
        notice = notices.get(hit.chunk.notice_id)
        if notice is None:
            continue
        facts = []
        if asks_docno:
            facts.append(f"文号为{notice.doc_number}" if notice.doc_number else "没有文号")
        if asks_issuer or (asks_date and notice.issuer):
            # (a date is told with the body that set it: "青海省药品监督管理局…于…成文")
            facts.append(issuers_of(notice))
        dates = []
        if notice.written_date:
            dates.append(f"{date_phrase(notice.written_date)}成文")
        if notice.published_date:
            dates.append(f"{date_phrase(notice.published_date)}发布")
        if dates:
            facts.append("，".join(dates))
        lines.append(f"{cite_label(hit)}{'，'.join(facts)}[{i + 1}]。")
        quotes[i + 1] = metadata_quote(hit)
    if not lines:
        return None
    return Draft("\n".join(lines), quotes)


def _asked_notices(
    question: str, hits: Sequence[Hit], notices: Mapping[str, Notice], relevant: Relevant
) -> list[int]:
    """The first hit of each notice a question about several names, by title or issuer
    ("突发事件紧急医学救援通知、中医医联体建设通知和…实施方案，分别是哪天成文的？") or by
    place ("山东、黑龙江、河北三省药监局…"), in the order it names them; when it names
    fewer than two, the notices its sentences make relevant (``relevant``)."""
    first: dict[str, int] = {}
    for i, h in enumerate(hits):
        first.setdefault(h.chunk.notice_id, i)
    naming = named_notices(question, hits, notices, [])
    picked = [first[n] for n in sorted(naming, key=lambda n: min(a for a, _ in naming[n]))]
    for place in named_places(question):
        if not any(hits[i].region == place for i in picked):
            own = [i for i, h in enumerate(hits) if h.region == place]
            picked += own[:1]
    if len(picked) < 2:
        return relevant(question)
    return picked


def issuers_of(notice: Notice) -> str:
    """Who issued the notice: its issuer field, and when that ends in 等 (a joint notice's
    header names the first few bodies), every body its signature names."""
    if not notice.issuer:
        return "未注明发文机关"
    said = f"发文机关是{notice.issuer}"
    lines = notice.text.rstrip().split("\n")
    names, _date = read_signature(lines, max(0, len(lines) - _SIGNATURE_LINES))
    # 河北省卫生健康委员会等 / …等六部门: the header names the first bodies only.
    counted = _FIRST_BODIES.search(notice.issuer)
    if counted is None:
        # A field naming the first bodies of a joint notice run together (安徽省医疗保障局
        # 安徽省卫生健康委员会): a signature naming them and more lists them all.
        more = [n for n in names if n not in notice.issuer]
        if more and len(names) > 1 and any(n in notice.issuer for n in names):
            said += f"（落款共{len(names)}家：{'、'.join(names)}）"
        return said
    listed = [b for b in notice.issuer[: counted.start()].split("、") if b]
    # Only a signature that names every body the header does, and more, lists them all:
    # the one at the end, else the cover letter's above an attached text.
    first, _date = read_signature(lines)
    signed = next(
        (
            found
            for found in (names, first)
            if len(found) > len(listed)
            and all(any(n in b or b in n for n in found) for b in listed)
        ),
        None,
    )
    if signed:
        said += f"（落款共{len(signed)}家：{'、'.join(signed)}）"
    elif names and all(b in "".join(lines[-_SIGNATURE_LINES:]) for b in listed):
        # The signature's first line (the header's bodies, two to a line) was not read
        # as part of it: the header's bodies, then the rest the signature names.
        rest = [n for n in names if not any(n in b or b in n for b in listed)]
        if rest:
            every = [*listed, *rest]
            said += f"（落款共{len(every)}家：{'、'.join(every)}）"
    return said


_FIRST_BODIES = re.compile(r"等(?:[一二三四五六七八九十\d]+个?(?:部门|单位|部委))?$")
# How far from a notice's end its signature is looked for.
_SIGNATURE_LINES = 12


def in_turn(first: Draft, second: Draft) -> Draft:
    """Two answers one after the other; a hit quoted by both keeps one number, its quotes in
    the order the text cites them."""
    quotes = dict(first.quotes)
    for n, quote in second.quotes.items():
        quotes[n] = quotes[n] + "\u0000" + quote if n in quotes else quote
    return Draft(first.text + "\n" + second.text, quotes)


def asks_metadata(ask: str) -> bool:
    """Whether one ask of a question asks who issued a notice, when, or its 文号."""
    return any(p.search(ask) for p in (DATE_QUESTION, DOCNO_QUESTION, ISSUER_QUESTION))
