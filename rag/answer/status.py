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

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.answer.asking import ASKS_STATUS, Period, ValidityAsk, chinese_date, read_ask
from rag.answer.constraints import attachment_missing, quoted_documents
from rag.answer.questions import WHICH_DOC, separate_asks
from rag.answer.records import Citation, Draft
from rag.articles import without_article_refs
from rag.docno import find_doc_numbers
from rag.grammar import iso_date
from rag.notices.validity import (
    NOT_IN_FORCE,
    Relation,
    Status,
    ValidityIndex,
    own_name,
)
from rag.notices.validity.relations import DRAFT_TITLE, operative
from rag.places import CITY_PROVINCE
from rag.records import Hit, Notice

# Statuses an answer warns about even when the question did not ask.
_WARN = NOT_IN_FORCE | {"已修订"}
# How many more title bigrams (or a 文号) a notice the answer does not quote must share
# with the question to be the one the status line is about.
_PLAINLY_BETTER = 4
# A year as a name carries it: 2016年版, （2020年版）, 2019年印发的, 〔2019〕.
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _label(notice: Notice) -> str:
    return f"{notice.doc_number or '无文号'}《{notice.title}》"


def _day(as_of: str) -> str:
    return chinese_date(as_of) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of) else as_of


def _in_words(reason: str) -> str:
    """A reason with its ISO dates written as a reader writes them (2022-12-31 →
    2022年12月31日), as the clauses quoted beside it do."""
    # Only a date standing alone: 430100-05-2025-000187 (an index number) holds none.
    return re.sub(
        r"\s?(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])\s?",
        lambda m: chinese_date(m.group(1)),
        reason,
    )


def status_line(notice: Notice, status: Status, validity: ValidityIndex) -> str:
    """One line: the notice, its status as of the date, why, and the clause that says so
    (both clauses when the expiry is counted from the effective date)."""
    reason = _in_words(status.reason)
    missing = attachment_missing(notice) if status.label == "未知" else ""
    if missing:
        reason = f"附件{missing}的正文未收录，无从读到其施行和有效期条款；{reason}"
    line = f"截至{_day(status.as_of)}，{_label(notice)}：{status.label}（{reason}）"
    record = validity.get(notice.notice_id)
    if status.evidence:
        source = ""
        if status.evidence_notice_id and status.evidence_notice_id != notice.notice_id:
            other = validity.notices.get(status.evidence_notice_id)
            source = f"，见{_label(other)}" if other else ""
        quotes = [status.evidence.strip()]
        if record is not None and status.evidence_notice_id == notice.notice_id:
            own = record.own
            # 有效期两年: the years count from the clause that says when it took effect.
            if (
                own.expires
                and own.effective_clause
                and status.evidence == own.expiry_clause
                and own.effective_clause.strip() not in quotes[0]
                and not re.search(r"\d{4}\s*年|[〇零○][一二三四五六七八九〇零○]", own.expiry_clause)
            ):
                quotes.insert(0, own.effective_clause.strip())
        line += "。依据：" + "".join(f"「{q}」" for q in quotes) + source
    if record is not None and record.own.warnings:
        # Clauses that contradict each other (two expiries, two effective dates) are said,
        # with what each says: the status read from the rest is no more than that.
        line += "。注意：" + "；".join(record.own.warnings)
    return line + "。"


@dataclass(frozen=True)
class _Candidate:
    """A document a validity question may be about: a notice of the index, or one a quoted
    clause repeals, amends or revises (which the index may not hold)."""

    name: str  # 文号, title and the words naming it, as compared with the question
    doc_number: str
    line: str
    notice_id: str = ""
    routed: bool = False
    declared: bool = False
    # A notice's title without the other documents it names in 《》 (关于更正《X》…的通知),
    # "" when it names none.
    own_words: str = ""
    issuer: str = ""
    # An interpretation or a news report: a text about another document, which a question
    # names only with its kind (那篇解读, 报道). (A call for comments publishes its own draft.)
    commentary: bool = False


# What a news report's opening says of itself (a report filed as a notice of its own).
_NEWS = re.compile(r"本报讯|本报记者|记者|通讯员|新华社|日电")
# A question about the report itself ("这篇报道本身算有效文件吗"), not the rule it reports.
_ABOUT_REPORT = re.compile(r"(?:报道|文章|新闻|报纸|解读)(?:本身|自己)|这篇(?:报道|文章|新闻)")


def _reported(
    nid: str, citations: Sequence[Citation], validity: ValidityIndex, question: str
) -> str:
    """The notice a cited report (``nid``: a digest article, or a notice without 文号 whose
    opening is a news report's) quotes by its title, when the index holds it and the question
    is not about the report itself; "" otherwise."""
    notice = validity.notices.get(nid)
    if notice is None or _ABOUT_REPORT.search(question):
        return ""
    if notice.kind != "article" and (notice.doc_number or not _NEWS.search(notice.text[:300])):
        return ""
    for c in citations:
        if c.notice_id != notice.notice_id:
            continue
        for other in quoted_documents(c.quote, validity.notices.values()):
            if other.notice_id != notice.notice_id and other.kind != "article":
                return other.notice_id
    return ""


def status_lines(
    question: str,
    citations: Sequence[Citation],
    routed: Sequence[str],
    validity: ValidityIndex,
    as_of: str | None,
    period: Period | None = None,
    ask: ValidityAsk | None = None,
    retrieved: Sequence[str] = (),
    articles: bool = False,
) -> list[str]:
    """The lines an answer opens with. A validity question gets the status of the document
    it is about first — the one it names by 文号 or title words (a routed notice, a cited
    one, or one a quoted clause repeals or amends); the documents a notice repealed when
    the question asks which. Then a warning for every other cited notice not in force.
    ``period`` is the date as the question says it (2024年3月): the line says when the
    status changed within it. A ``retrieved`` notice the answer does not quote is about
    what the question asks only when the question names it plainly better than any
    candidate quoted (its 文号, or clearly more of its title)."""
    ask = ask or read_ask(question)
    cited = list(dict.fromkeys(c.notice_id for c in citations))
    lines: list[str] = []
    if not ask.asks_status:
        for k, nid in enumerate(cited):
            notice = validity.notices.get(nid)
            status = validity.status(nid, as_of)
            # "《条例》第二十二条说的是什么": an article quoted is said with whether its law
            # is in force (a status other than 未知), like a notice that is not.
            article = articles and k == 0 and status.label != "未知"
            if notice is not None and (status.label in _WARN or article):
                lines.append(status_line(notice, status, validity))
        return lines
    subject = (list(routed) or cited)[:1]
    if ask.asks_targets and subject:
        # "它让之前哪个文件失效了": the documents the notice asked about repealed or amended.
        said = _declared_by(subject[0], validity, as_of)
        if said:
            lines.extend(said)
            for nid in cited:
                status = validity.status(nid, as_of)
                notice = validity.notices.get(nid)
                if notice is not None and status.label in _WARN:
                    lines.append(status_line(notice, status, validity))
            return list(dict.fromkeys(lines))
    candidates = [
        _notice_candidate(nid, validity, as_of, period, nid in routed)
        for nid in [*routed, *(c for c in cited if c not in routed)]
        if nid in validity.notices
    ]
    candidates.extend(_declared(citations, validity, as_of))
    candidates.extend(
        _repealed_by_number(question, [*cited, *retrieved], validity, as_of, candidates)
    )
    if not candidates:
        return lines
    scores = [_names_score(question, c, period) for c in candidates]
    best = max(
        range(len(candidates)),
        key=lambda i: (
            scores[i],
            candidates[i].routed,
            candidates[i].declared and not routed,
            -i,
        ),
    )
    first = candidates[best]
    known = {c.notice_id for c in candidates}
    extra = [
        _notice_candidate(nid, validity, as_of, period, False)
        for nid in dict.fromkeys([*retrieved, *_quoted_notices(citations, validity)])
        if nid in validity.notices and nid not in known
    ]
    if extra and (ask.asks_successor or not WHICH_DOC.search(question)):
        # ("…是哪篇？它本身有效力吗？": the document the answer names is the one cited;
        # "X现在还有效吗？被什么文件替代了？" asks the status of X, which the answer's
        # successor does not name.)
        extra_scores = [_names_score(question, c, period) for c in extra]
        top = max(range(len(extra)), key=lambda i: (extra_scores[i], -i))
        if extra_scores[top] >= scores[best] + _PLAINLY_BETTER:
            first, best = extra[top], -1
    reported = _reported(first.notice_id, citations, validity, question)
    if reported:
        # "看报纸说明年起…都得有“电子身份证”，这规定现在生效了吗": a report has no force of its
        # own; the status asked is of the notice it reports, which the index holds.
        first, best = _notice_candidate(reported, validity, as_of, period, False), -1
    lines.append(first.line)
    # "潍坊那个通知执行到什么时候？原来的细则还用吗？": each ask of a status hears of the
    # document it names, in the order asked.
    pool = [*candidates, *extra]
    # The status asks among the question's asks (not "被哪个文件废掉的？": what replaced the
    # document is told in its line).
    status_asks = [
        (k, part, asked)
        for k, part in enumerate(separate_asks(question))
        if (asked := read_ask(part)).asks_status
        and not (asked.asks_successor or asked.asks_targets)
    ]
    told = [max(pool, key=lambda c: _names_score(part, c, period)) for _, part, _ in status_asks]
    if len(told) > 1:
        lines = list(dict.fromkeys(c.line for c in told))
        if first.line not in lines:
            lines.append(first.line)
    if as_of is None or period is not None:
        # "…2020年11月30日那天已经开始试行了吗？现在还有效吗？": an ask dated on its own
        # hears the status as of its date too, in the order asked (unless the caller gave
        # the date: it wins over the question's).
        lines = _dated_asks(status_asks, pool, validity, period, lines)
    replaced = ("已废止", "已修订")
    if (
        ask.asks_successor
        and first.notice_id
        and validity.status(first.notice_id, as_of).label not in replaced
    ):
        lines[-1] += "库中未见废止、修订或取代它的文件。"
    for i, c in enumerate(candidates):
        if i == best:
            continue
        # Other documents the quoted clauses repeal, and cited notices not in force.
        if c.declared or (c.notice_id and validity.status(c.notice_id, as_of).label in _WARN):
            lines.append(c.line)
    return list(dict.fromkeys(lines))


def _dated_asks(
    status_asks: Sequence[tuple[int, str, ValidityAsk]],
    pool: Sequence[_Candidate],
    validity: ValidityIndex,
    period: Period | None,
    lines: list[str],
) -> list[str]:
    """``lines`` with, for each of the question's status asks (its place among the asks,
    the ask, what it asks) that names a date of its own (other than ``period``, the
    question's), the status of the document it names as of that date: before the other
    lines when that ask is the question's first."""
    out = list(lines)
    for k, part, asked in status_asks:
        when = asked.as_of
        if when is None or (period is not None and when.day == period.day):
            continue
        named = [c for c in pool if c.notice_id]
        if not named:
            continue
        c = max(named, key=lambda c: _names_score(part, c, when))
        status = validity.status(c.notice_id, when.day)
        line = _with_period(
            status_line(validity.notices[c.notice_id], status, validity),
            c.notice_id,
            status,
            validity,
            when,
        )
        if line not in out:
            out.insert(0 if k == 0 else len(out), line)
    return out


def _quoted_notices(citations: Sequence[Citation], validity: ValidityIndex) -> list[str]:
    """The notices of the index the quotes name, by 文号 or 《title》 ("《云南省血液透析中心
    管理暂行办法》（云卫医发〔2020〕15号）自2020年8月1日起施行"): a document a question may be
    about though no passage of its own was retrieved."""
    out: list[str] = []
    for c in citations:
        for m in find_doc_numbers(c.quote):
            out.extend(validity.by_number(m.doc_number.normalized))
        out.extend(validity.find_titles(c.quote))
    cited = {c.notice_id for c in citations}
    return [nid for nid in dict.fromkeys(out) if nid not in cited]


def _notice_candidate(
    nid: str, validity: ValidityIndex, as_of: str | None, period: Period | None, routed: bool
) -> _Candidate:
    notice = validity.notices[nid]
    status = validity.status(nid, as_of)
    line = _with_period(status_line(notice, status, validity), nid, status, validity, period)
    # 关于更正《X》有关内容的通知's own words, without the X it changes.
    own_words = own_name(notice)
    return _Candidate(
        f"{notice.doc_number}{notice.title}{notice.date[:4]}年",
        notice.doc_number,
        line,
        nid,
        routed=routed,
        own_words=own_words if own_words != notice.title else "",
        issuer=notice.issuer,
        commentary=not operative(notice) and not DRAFT_TITLE.search(notice.title),
    )


# How many of a notice's own title bigrams a question must share to name the notice itself.
_OWN_WORDS_USED = 3


def _names_score(question: str, c: _Candidate, period: Period | None) -> int:
    """How plainly ``question`` names the candidate: its 文号 (any bracket form), the years
    its name carries (2016年版 against 2020年版), the words of its title."""
    score = 0
    asked = {m.doc_number.normalized for m in find_doc_numbers(question)}
    if c.doc_number and c.doc_number in asked:
        score += 100
    elif asked and c.doc_number:
        score -= 20
    text = question.replace(period.said, "") if period else question
    # "是不是2023年底就失效了": the year asked about as a lapse is no year of the name.
    text = _LAPSE_DATE.sub("", text)
    # "…办法第十八条…这条改过没有": an article names a part of a document, not which one
    # (the decision amending 第十八条 has it in its title too).
    text = without_article_refs(text)
    years = set(_NAME_YEAR.findall(text))
    own_years = set(_NAME_YEAR.findall(c.name))
    if years:
        score += 10 if years & own_years else -10
    # "那篇解读本身算生效的文件吗", "这份报告现在算有效文件吗": the text of that kind itself,
    # not the document it is about.
    itself = {m.group(1) for m in _KIND_ITSELF.finditer(text)}
    if itself:
        score += 10 if any(kind in c.name for kind in itself) else -10
    elif c.commentary and not _TEXT_KIND.search(text):
        # "听说贵州把远程医疗服务管理办法修订了，现在以哪个为准": the document, not the news
        # report whose headline names it.
        score -= 10
    # "把纸质登记簿取消掉的那个通知": the notice that made a change, not the one changed.
    if _CHANGER.search(text) and _CHANGES.search(c.own_words):
        score += 5
    # "渝北区落实…的那个通知": the notice the named city or district issued.
    places = [*_LOCAL_PLACE.findall(text), *(city for city in CITY_PROVINCE if city in text)]
    if c.issuer and any(place in c.issuer for place in places):
        score += 5
    # "…管理办法（试行）还有效吗": the trial edition, not the one that replaced it.
    trial = _trial_marks(text)
    if trial:
        score += 10 if trial & _trial_marks(c.name) else -10
    flat_q = _flat(text)
    name = c.name
    if c.own_words:
        # A question that uses none of the notice's own words ("…经办规程是试行的吗") names
        # the document it changes, not the notice: only its own words count then.
        # (Its issuer's words say who wrote it, not which document: "河南…那个试行规范" does
        # not name 河南省中医管理局's notice extending it.)
        own = _flat(re.sub(r"关于|印发|的通知|通知$|有关", "", c.own_words.replace(c.issuer, "")))
        own_grams = {own[i : i + 2] for i in range(len(own) - 1)}
        shared = own_grams & {flat_q[i : i + 2] for i in range(len(flat_q) - 1)}
        # (Own words as short as 转发 are used when the question says them.)
        if len(shared) < min(_OWN_WORDS_USED, len(own_grams)) or not own_grams:
            name = f"{c.doc_number}{c.own_words}"
    flat_n = _flat(re.sub(r"关于|印发|的通知|通知$", "", name))
    grams = {flat_n[i : i + 2] for i in range(len(flat_n) - 1)}
    score += sum(1 for g in grams if g in flat_q)
    return score


_LAPSE_DATE = re.compile(
    r"\d{4}\s*年[^，,。？?]{0,6}?(?=\s*(?:就|便|已经?)?\s*(?:失效|过期|到期|期满|届满|截止|废止|作废))"
)
# A kind of text asked about as itself (那篇解读本身…, 那篇报道能当正式文件用吗, 这份报告…算有效).
_KIND_ITSELF = re.compile(
    r"(解读|报道|新闻|报告|总结|征求意见|意见稿|草案)[^，,。？?]{0,8}?"
    r"(?:本身|自身|自己|能当|可以当|算|还有效|有效吗|生效)"
)
# A text that is about a document, named by its kind anywhere in a question.
_TEXT_KIND = re.compile(r"解读|报道|新闻|文章|材料|报告|总结|征求意见|意见稿|草案|送审稿|答记者问")
# A document described by the change it made: "把…取消掉的通知", "修改X的那个文件".
_CHANGER = re.compile(
    r"(?:把|将)[^，,。？?]{2,30}?(?:取消|删去|删除|删掉|修改|改掉|调整|废止|废除|停止)(?:掉|了)?的"
    r"(?:那个|那份|这个|这份)?(?:通知|文件|规定|决定)"
    r"|(?:修改|调整|废止|废除|更正)[^，,。？?]{2,30}?的(?:那个|那份|这个|这份)(?:通知|文件)"
)
# The own words of a notice that changes another (关于修改《X》的通知).
_CHANGES = re.compile(r"修改|修订|调整|废止|更正|补充|删去|停止执行")
# A city, district or county a question names ("渝北区", "石家庄市"); not 社区, 辖区, 城区.
_LOCAL_PLACE = re.compile(
    r"(?<![社辖城市园片地小景县新全本我各该])([\u4e00-\u9fff]{2,4}?(?:市|区|县|州|盟|旗))"
    r"(?=[\u4e00-\u9fff])"
)
# The marks of a trial edition a question names it by: （试行）, （暂行）, 暂行办法, 试行指引.
_TRIAL_MARK = re.compile(
    r"[（(](试行|暂行)[）)]|(暂行)(?=办法|规定|细则|条例)"
    r"|(试行)(?=版|稿|的?(?:办法|规定|细则|条例|指引|指南|方案|标准|规范|目录))"
)


def _trial_marks(text: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in _TRIAL_MARK.finditer(text)}


def _flat(text: str) -> str:
    return re.sub(r"[\s《》〈〉“”\"'（）()〔〕\[\]【】﹝﹞,，。？?、]", "", text)


def _with_period(
    line: str, nid: str, status: Status, validity: ValidityIndex, period: Period | None
) -> str:
    """The line, saying the date as the question said it, and a change of status within
    the period it names (2024年3月: 3月1日 尚未施行, 3月31日 现行有效)."""
    if period is None or status.as_of != period.day:
        return line
    if _day(period.day) != period.said:
        line = line.replace(
            f"截至{_day(period.day)}", f"截至{_day(period.day)}（问题所说的{period.said}）", 1
        )
    ends = {period.start, period.end} - {period.day}
    for other in sorted(ends):
        then = validity.status(nid, other)
        if then.label != status.label:
            why = _in_words(then.reason)
            line += f"在{period.said}内效力有变化：{_day(other)}时为{then.label}（{why}）。"
    return line


def _relation_line(
    validity: ValidityIndex,
    source_id: str,
    kind: str,
    name: str,
    sentence: str,
    as_of: str | None,
) -> str:
    """The line for a document that notice ``source_id`` repeals or amends, dated by it (a
    declaration made after ``as_of`` is not yet in effect then)."""
    notice = validity.notices[source_id]
    when = validity.takes_effect(source_id)
    verb = "废止" if kind == "repeals" else "修订"
    day = as_of or dt.date.today().isoformat()
    if when and day < when:
        # Not yet repealed then; whether it was in force, only its own text could say.
        return (
            f"截至{_day(day)}，{name}：未知（尚未被{verb}：{_label(notice)}{_day(when)}才"
            f"{'宣布废止' if kind == 'repeals' else '修订'}它；在此之前的效力要看它本身的"
            f"施行和有效期条款）。依据：「{sentence.strip()}」。"
        )
    label = "已废止" if kind == "repeals" else "已修订"
    return (
        f"截至{_day(day)}，{name}：{label}"
        f"（{_day(when) if when else '日期不明，'}被{_label(notice)}{verb}）。"
        f"依据：「{sentence.strip()}」。"
    )


def _target_line(validity: ValidityIndex, source_id: str, r: Relation, as_of: str | None) -> str:
    """The status line of a document a notice repeals or amends: its own status when the
    index holds it (which weighs its own dates too), else what the clause declares."""
    target = validity.notices.get(r.target_id) if r.target_id else None
    if target is not None:
        return status_line(target, validity.status(target.notice_id, as_of), validity)
    name = _target_name(validity, r.target_id, r.target_doc_number, r.target_title)
    return _relation_line(validity, source_id, r.kind, name, r.sentence, as_of)


def _target_name(validity: ValidityIndex, target_id: str, doc_number: str, title: str) -> str:
    target = validity.notices.get(target_id) if target_id else None
    if target:
        return _label(target)
    if title and doc_number:
        return f"{doc_number}《{title}》"
    return doc_number or f"《{title}》"


def _declared(
    citations: Sequence[Citation], validity: ValidityIndex, as_of: str | None
) -> list[_Candidate]:
    """A candidate for each document a quoted clause repeals, amends or revises (an
    earlier edition of the notice's own document)."""
    out: list[_Candidate] = []
    for c in citations:
        record = validity.get(c.notice_id)
        if record is None:
            continue
        quote = re.sub(r"\s+", "", c.quote)
        for r in record.own.relations:
            if r.kind == "implements" or not _quoted(r.sentence, quote):
                continue
            name = _target_name(validity, r.target_id, r.target_doc_number, r.target_title)
            # The words before the 《title》 in the clause (2019年印发的) name it too.
            lead = _words_before(r.sentence, r.target_title)
            line = _target_line(validity, c.notice_id, r, as_of)
            out.append(
                _Candidate(
                    f"{r.target_doc_number}{lead}{name}", r.target_doc_number, line, declared=True
                )
            )
        for e in validity.editions(c.notice_id):
            if not _quoted(e.sentence, quote):
                continue
            line = _relation_line(validity, c.notice_id, "amends", e.name, e.sentence, as_of)
            out.append(_Candidate(e.name, "", line, declared=True))
        out.extend(_revised_elsewhere(c, validity, as_of, {x.name for x in out}))
        out.extend(_effective_elsewhere(c, validity, as_of, {x.name for x in out}))
    return out


def _repealed_by_number(
    question: str,
    notice_ids: Sequence[str],
    validity: ValidityIndex,
    as_of: str | None,
    known: Sequence[_Candidate],
) -> list[_Candidate]:
    """A candidate for each document the question names by a 文号 that a read notice
    repeals or amends, though the clause saying so was not quoted ("冀医保通告〔2022〕7号…
    现在还在执行吗？" asked of the index that holds only the notice ending it)."""
    named = {m.doc_number.normalized for m in find_doc_numbers(question)}
    if not named:
        return []
    seen = {c.doc_number for c in known if c.doc_number}
    out: list[_Candidate] = []
    for nid in dict.fromkeys(notice_ids):
        record = validity.get(nid)
        if record is None:
            continue
        for r in record.own.relations:
            number = r.target_doc_number
            # (A province read before the 文号, 河北冀医保通告…, is no part of it.)
            if (
                r.kind == "implements"
                or not number
                or not any(n.endswith(number) for n in named)
                or number in seen
            ):
                continue
            seen.add(number)
            name = _target_name(validity, r.target_id, number, r.target_title)
            line = _target_line(validity, nid, r, as_of)
            out.append(_Candidate(f"{number}{name}", number, line, declared=True))
    return out


# "贯彻落实国家卫生健康委新修订的《X》": a quoted clause reports that X (not this notice's
# own document) has been revised: its earlier version is 已修订.
_REVISED = re.compile(r"(?:新修订|修订后)的《([^《》]{4,60})》")


def _revised_elsewhere(
    c: Citation, validity: ValidityIndex, as_of: str | None, known: set[str]
) -> list[_Candidate]:
    """A candidate for each document a quoted clause reports as newly revised elsewhere,
    unless the index holds it (its own record then speaks) or a relation already did."""
    notice = validity.notices.get(c.notice_id)
    day = as_of or dt.date.today().isoformat()
    if notice is None or (notice.date and day < notice.date):
        return []  # before the notice said so, nothing tells whether it was revised yet
    out: list[_Candidate] = []
    for clause in re.split(r"(?<=[。；;])", c.quote):
        for m in _REVISED.finditer(clause):
            title = m.group(1)
            if any(title in name for name in known) or any(
                title in n.title for n in validity.notices.values()
            ):
                continue
            line = (
                f"截至{_day(day)}，《{title}》：已修订（{_label(notice)}称其为新修订的版本，"
                f"原先的版本已被修订）。依据：「{clause.strip()}」。"
            )
            out.append(
                _Candidate(f"{_words_before(clause, title)}《{title}》", "", line, declared=True)
            )
    return out


# "《X》…已于2019年12月28日…通过，自2020年6月1日起施行", "新修订的《X》将于2020年7月1日起施行":
# a quoted clause giving the 施行 date of a document named before it in the clause.
_TAKES_EFFECT = re.compile(
    r"《([^《》]{4,60})》(?:[^。；;《》]|《[^《》]{0,60}》){0,120}?"
    r"(?:自|将于|将自|于|从)\s*((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起?"
    r"(?:正式)?(?:施行|实施|生效)"
)


def _effective_elsewhere(
    c: Citation, validity: ValidityIndex, as_of: str | None, known: set[str]
) -> list[_Candidate]:
    """A candidate for each document a quoted clause gives the 施行 date of, when the index
    holds neither it nor a notice repealing or amending it: 尚未施行 before that date, and
    现行有效 from it, as the clause and the index's silence on its fate tell."""
    notice = validity.notices.get(c.notice_id)
    found = [
        (clause, m)
        for clause in re.split(r"(?<=[。；;])", c.quote)
        for m in _TAKES_EFFECT.finditer(clause)
    ]
    if notice is None or not found:
        return []
    day = as_of or dt.date.today().isoformat()
    changed = validity.changed_titles
    out: list[_Candidate] = []
    for clause, m in found:
        title, when = m.group(1), iso_date(m.group(2))
        if (
            not when
            or any(title in name for name in known)
            or any(_is_document(n.title, title) for n in validity.notices.values())
            or any(title in t or t in title for t in changed)
        ):
            continue
        if day < when:
            label = f"尚未施行（{_day(when)}起施行，{_day(day)}时尚未施行"
        else:
            label = f"现行有效（自{_day(when)}起施行，库中没有废止或修订它的文件"
        line = (
            f"截至{_day(day)}，《{title}》（库中没有其全文）：{label}；"
            f"据{_label(notice)}所述）。依据：「{clause.strip()}」。"
        )
        out.append(
            _Candidate(f"{_words_before(clause, title)}《{title}》", "", line, declared=True)
        )
    return out


def _is_document(notice_title: str, title: str) -> bool:
    """Whether a notice titled ``notice_title`` is the document ``title``, or publishes it
    (关于印发《X》的通知), rather than naming it (关于学习宣传贯彻《X》的通知)."""
    flat = _flat(title)
    return _flat(notice_title) == flat or bool(
        re.search(rf"(?:印发|发布|公布)《{re.escape(title)}》", notice_title)
    )


def _quoted(sentence: str, quote: str) -> bool:
    """The clause is the quote, or holds it (``quote`` without whitespace)."""
    flat = re.sub(r"\s+", "", sentence)
    return flat in quote or quote in flat


def _declared_by(source_id: str, validity: ValidityIndex, as_of: str | None) -> list[str]:
    """A line for each document notice ``source_id`` repeals, amends or revises."""
    record = validity.get(source_id)
    if record is None:
        return []
    lines = [
        _target_line(validity, source_id, r, as_of)
        for r in record.own.relations
        if r.kind != "implements"
    ]
    lines += [
        _relation_line(validity, source_id, "amends", e.name, e.sentence, as_of)
        for e in validity.editions(source_id)
    ]
    return list(dict.fromkeys(lines))


def _words_before(sentence: str, title: str) -> str:
    """The few words naming a document before its 《title》 in a clause (2019年印发的)."""
    if not title:
        return ""
    at = sentence.find(f"《{title}》")
    if at < 0:
        return ""
    lead = re.split(r"[，,。；、]", sentence[:at])[-1]
    return lead[-12:]


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
    # A notice carrying out one that implements the asked document: its own clause of basis.
    for p in pieces:
        if _BASIS_CLAUSE.search(p):
            return p.strip()
    return pieces[0].strip() if pieces else ""


_BASIS_CLAUSE = re.compile(r"(?:根据|按照|依据|贯彻落实|贯彻|落实)《")


__all__ = ["ASKS_STATUS", "implementers_draft", "status_line", "status_lines", "with_status"]
