"""Reading one notice's validity clauses from its text (:func:`read_validity`).

When its rules take effect (施行 / 执行 / 实施 dates, or 自印发/发布之日起), when they expire
(有效期N年 counted from the effective date, 有效期至…), whether they are 试行 / 暂行, and — read
by the relations stage (:mod:`rag.notices.validity.relations`) — the documents it repeals,
amends or implements. Every value keeps the sentence it was read from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rag.grammar import (
    CN_DATE,
    DATE,
    DOC_KINDS,
    HEADING_NUMERALS,
    has_traditional,
    iso_date,
    numeral_value,
    simplified,
)
from rag.notices.validity.basis import TITLE, basis_segments
from rag.notices.validity.relations import (
    Relation,
    RelationName,
    document_names,
    is_basis,
    is_own,
    norm_title,
    operative,
    read_relations,
)
from rag.records import Notice

_ANY_DATE = rf"(?:{DATE.pattern}|{CN_DATE.pattern})"
_VERB = r"(?:正式)?(?:施行|执行|实施|生效|试行)"
# 自2020年6月1日起施行 / 于2020年6月1日起执行 / 2020年6月1日起实施 / 决定自2020年6月1日起
# 对…进行调整，…实施 (a short stretch between, naming no other document)
# (also 自2024年1月1日零时起, and 本办法自/于2024年1月1日施行 with no 起: 各地于…实施抽查 is
# no effective date)
_EFFECTIVE_ON = re.compile(
    rf"(?:(?:自|从|于)?\s*(?P<date>{_ANY_DATE})\s*(?:零时|0时|0点)?\s*(?:起|开始)"
    rf"(?:[^。；《》]{{0,40}}?[，,]?)|本(?:{DOC_KINDS})\s*(?:自|从|于)\s*(?P<bare>{_ANY_DATE})\s*)"
    rf"\s*{_VERB}(?!以来|之日|的)"
)
_ISSUED = r"印发|下发|签发|发文|公布|颁布|发布|公告"
_NUM = r"[0-9０-９]+|[一二两三四五六七八九十]+"
# 自印发之日起施行 (the signature date) / 自发布之日起执行 (the publication date); the notice's
# own document dated so without 自 or a verb (本通知下发之日起…必须…), but not a delay counted
# from it (本办法自印发之日起30日后施行).
_EFFECTIVE_ON_ISSUE = re.compile(
    rf"(?:自|从)\s*(?P<how>{_ISSUED})\s*之日起\s*(?:开始)?{_VERB}"
    rf"|(?<=本)(?:{DOC_KINDS})\s*(?:自|从)?\s*(?P<own>{_ISSUED})\s*之日起"
    rf"(?!\s*(?:{_NUM})\s*(?:日|天|个月|年|周)|\s*满)"
    # (本通知印发后即行施行, 本通知发布即施行: on the day it is issued)
    rf"|(?<=本)(?:{DOC_KINDS})\s*(?P<now>{_ISSUED})\s*(?:后|之后)?\s*即(?:行|时|开始)?\s*{_VERB}"
)
# 《细则》的施行日期为2027年1月12日: the day said as the date of taking effect.
_EFFECTIVE_DATED = re.compile(
    rf"(?:施行|实施|执行|生效)(?:日期|时间)\s*(?:为|是|定为|确定为)\s*(?P<date>{_ANY_DATE})"
)
# 本办法自发布之日起30日后施行 / 自印发之日起满3个月后执行: that delay after its issue.
_EFFECTIVE_AFTER_ISSUE = re.compile(
    rf"(?:自|从)\s*(?P<how>{_ISSUED})\s*之日起\s*满?\s*(?P<n>{_NUM})\s*(?P<unit>日|天|个月)\s*"
    rf"(?:以)?后\s*(?:开始)?{_VERB}"
)
_SIGNED = {"印发", "下发", "签发", "发文"}
# 自本通知印发之日起停止执行: the day what it repeals stops (no other date said).
_ENDS_ON_ISSUE = re.compile(
    rf"(?:自|从)\s*本(?:{DOC_KINDS})\s*(?:{_ISSUED})\s*之日起\s*(?:停止执行|废止|失效|不再执行)"
)
# The notice's own document named as the subject just before a date or verb (本通知自…).
_STATED_OWN = re.compile(rf"本(?:{DOC_KINDS})[^，,。；《》]{{0,4}}$")
# The end of a year or month said without its day: 2025年底, 2025年末, 2025年6月底.
_END_OF = r"(?P<end_y>(?:19|20)\d{2})\s*年\s*(?:(?P<end_m>\d{1,2})\s*月\s*)?(?:底|末)(?!\d)"
# 有效期至2022年12月31日 / 试行期至… / 有效期截至… / 执行至… / 实施到…
# …起施行，至2025年6月30日止 / 有效期自2023年7月1日至2026年6月30日.
_EXPIRES_ON = re.compile(
    r"(?:(?:有效(?:期限?)?|执行期限?|试行期限?|实施期限?)\s*(?:为|是)?\s*(?:至|到|截至|截止至|截止到|截止)"
    r"|(?:执行|实施|施行|试行)\s*(?:至|到)"
    rf"|(?:起|开始)(?:施行|实施|执行|试行)?[，,]?\s*(?:至|到)(?=\s*{_ANY_DATE}\s*(?:止|为止))"
    # (the campaign it runs, ending: "试点扩面工作截至2025年12月31日", "专项行动截止…",
    # "工作任务截止时间为…", "提升行动于…结束", "质量提升行动至…结束")
    r"|(?<=行动|活动|工作|任务)\s*(?:截至|截止(?:时间|日期)?(?:为|到|至)?)"
    rf"|(?<=行动|活动|工作|任务)\s*(?:至|到|于)(?=\s*{_ANY_DATE}\s*(?:止|为止|结束))"
    rf"|(?:有效期|执行期|试行期|实施期|有效期限)\s*(?:为|是)?\s*(?:自|从)?\s*(?P<since>{_ANY_DATE})"
    r"\s*(?:起)?\s*(?:至|到))"
    rf"\s*(?:(?P<date>{_ANY_DATE})|{_END_OF})"
)
_PERIOD = r"有效期|试行期|有效期限|执行期限|实施期限|试行期限|执行期|实施期"
# 有效期5年 / 有效期为三年 / 试行期两年 / 执行期限为两年 / 起试行二年 / 本办法试行一年
# (有效期至… above)
_EXPIRES_AFTER = re.compile(
    rf"(?:(?:{_PERIOD})\s*(?:为|是|暂定|暂定为)?|(?:(?<=起)|本(?:{DOC_KINDS}))\s*试行)"
    rf"\s*(?P<n>{_NUM})\s*(?P<unit>年|个月)"
)
# Who a validity period belongs to, when words stand right before 有效期 in its clause: the
# notice's own document or items (本办法有效期…, 以上项目试行期一年, 自…起执行至…), not another
# thing (评定结果有效期为四年, 证书有效期5年).
_OWN_PERIOD = re.compile(
    rf"^(?:(?:本|该|此|以上|上述)[^，。；]{{0,12}}?(?:{DOC_KINDS}|项目|政策)|自|从|于"
    # (or the work it sets: "各项工作安排执行至2025年12月31日", "有关工作要求执行到…止")
    r"|(?:全[省市区县州]|[^，。；《》\d]{1,6}?(?=各项))?"
    r"(?:各项|各|有关|相关|上述|以上|所列|文中|本年度|今年的?|全年|年度)"
    r"[^，。；《》]{0,10}?"
    r"(?:工作|安排|任务|部署|要求)"
    # (or the campaign it runs: "行动期限自印发之日起至…止", "创建工作各项任务的执行期限至…")
    r"|[^，。；《》\d]{0,6}?(?:行动|活动|工作|任务)(?:的)?(?:执行|实施)?(?:期限|期)"
    r"(?:自|从)?(?:印发|发布)?(?:之日)?$"
    # (the campaign named before its end: 试点扩面工作截至…, 专项行动截止…, 工作任务截止…)
    r"|[^，。；《》\d]{0,8}?(?:行动|活动|工作|任务)$)"
)
_TRIAL = re.compile(r"试行|暂行")
# A line longer than this that ends without punctuation was wrapped mid-sentence.
_WRAPPED_LINE = 30


@dataclass(frozen=True)
class Validity:
    """What a notice's own text says about when its rules apply."""

    effective: str = ""  # ISO date, "" when no clause says
    effective_clause: str = ""
    expires: str = ""  # ISO date of the last day in force, "" when none
    expiry_clause: str = ""
    trial: bool = False
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = ()
    # When clauses disagree, every date they give (ISO, sorted), with effective/expires "":
    # a status that holds under each reading can still be given.
    effective_said: tuple[str, ...] = ()
    expires_said: tuple[str, ...] = ()

    def of_kind(self, kind: RelationName) -> list[Relation]:
        return [r for r in self.relations if r.kind == kind]


def _end_of(m: re.Match[str]) -> str:
    """The last day of the year or month an expiry names without its day (2025年底 →
    2025-12-31, 2025年6月底 → 2025-06-30); "" when there is none or the month is no month."""
    if not m.group("end_y"):
        return ""
    year, month = int(m.group("end_y")), int(m.group("end_m") or 12)
    if not 1 <= month <= 12:
        return ""
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


# -- reading one notice -----------------------------------------------------------------


def own_name(notice: Notice) -> str:
    """The notice's title without the documents it names in 《》 that are not its own
    (关于更正《X》有关内容的通知 → 关于更正有关内容的通知; 关于印发《X》的通知 keeps X)."""
    owns = own_titles(notice)
    return re.sub(
        r"《([^《》]{2,100})》",
        lambda m: m.group(0) if norm_title(m.group(1)) in owns else "",
        notice.title,
    )


def own_titles(notice: Notice) -> set[str]:
    """The names the notice's own document goes by: its title and the 《X》 it issues
    (关于印发《X》的通知, 现将《X》印发给你们)."""
    names = {norm_title(notice.title)} if notice.title else set()
    # 关于印发《X》的通知 issues X (关于发布实施《X》《Y》的通知: both); 关于学习宣传贯彻《X》的
    # 通知 only names it, and 关于转发《X》的通知 carries out another body's X.
    for m in re.finditer(
        r"(?:印发|发布|公布|颁布|下发|征求)(?:实施|施行|执行)?\s*"
        # (the kind of document it is between: 关于发布食品安全地方标准《X》的公告; not a verb:
        # 关于印发贯彻落实《X》实施方案的通知 issues the 方案)
        r"(?:(?!贯彻|落实|学习|宣传|转发|修改|修订|废止|解读|实施)[\u4e00-\u9fff]){0,10}?"
        r"((?:《[^《》]{2,100}》[、和及与\s]*)+)"
        # (《X》 opening the title is X's own, but not 《X》政策解读 / 答记者问)
        r"|^\s*(《[^《》]{2,100}》)(?!\s*(?:的)?(?:政策)?(?:解读|答记者问|问答))"
        r"|(《[^《》]{2,100}》)\s*(?:公开)?征求",
        notice.title,
    ):
        run = next(g for g in m.groups() if g)
        if re.match(r"\s*(?:修正案|修订案)", notice.title[m.end() :]):
            continue  # 关于印发《X》修正案的通知 issues an amendment of X, not X
        names |= {norm_title(t) for t in TITLE.findall(run)}
    # 关于印发X实施方案的通知 (no 《》) issues X; the title without its issuer (国家卫生健康委
    # 关于…的通知 → 关于…的通知) is how other notices often name it.
    bare = re.search(
        r"(?:印发|发布|公布|颁布|下发)([^《》]{4,80}?)的(?:通知|公告|通告|决定)$", notice.title
    )
    if bare:
        names.add(norm_title(bare.group(1)))
    about = notice.title.find("关于")
    if about > 0:
        names.add(norm_title(notice.title[about:]))
    issued = (
        r"(?:现将|将|印发)\s*((?:《[^《》]{2,100}》[、和及与\s]*)+)\s*(?:印发|予以印发|发给|转发)?"
    )
    for m in re.finditer(issued, notice.text[:3000]):
        if _NARRATED.search(notice.text, max(0, m.start() - 40), m.start()):
            continue  # 4月，县卫生健康局联合印发《X》: another body's notice, told
        if re.match(r"\s*(?:修正案|修订案)", notice.text[m.end() : m.end() + 8]):
            continue
        line = notice.text[notice.text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if re.match(r"\s*附\s*件", line):
            continue  # 附件：…关于印发《X》的通知: the attachment names another's title
        # (the verb outside the titles: 现将《…关于印发〈X〉的通知》转发给你们 forwards X)
        verb = TITLE.sub("", m.group(0))
        if "印发" in verb or "发给" in verb:
            names |= {norm_title(t) for t in TITLE.findall(m.group(1))}
    names.discard("")
    return names


def sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence of text. Sentences end at 。！？； and at a line
    end after a short line (a title, a 文号, a date) or after a colon; a long line that stops
    mid-sentence (a wrapped PDF line) runs on into the next."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"[。！？；]|\n", text):
        end = m.end()
        if m.group(0) == "\n":
            line_start = text.rfind("\n", 0, m.start()) + 1
            line = text[line_start : m.start()].strip()
            if len(line) > _WRAPPED_LINE and not line.endswith(("：", ":")):
                continue
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, piece.strip()))
        start = end
    if text[start:].strip():
        piece = text[start:]
        out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
    return out


def _about_own(before: str, own: set[str]) -> bool:
    """A clause's subject (the text before its date or verb) is the notice's own document:
    it names no 《title》 but the notice's own, besides those it rests on ("根据《医疗器械
    监督管理条例》，…组织制定了《X》，现予发布，自…起施行": X's date)."""
    basis = basis_segments(before)
    return all(
        is_own(norm_title(m.group(1)), own)
        for m in TITLE.finditer(before)
        if not is_basis(before, m.start(), basis)
    )


def _issue_date(notice: Notice, how: str) -> str:
    """The day a notice was issued as a clause counts from it: 印发 / 下发 (signed) the
    signature date, else the publication date; each the other when it is unknown."""
    if how in _SIGNED:
        return notice.written_date or notice.published_date
    return notice.published_date or notice.written_date


def _add_years(date: str, years: int = 0, months: int = 0, last: bool = True) -> str:
    """The last day of a period of years/months starting on ``date`` (2020-06-01 + 5 years →
    2025-05-31); with ``last=False``, the day the period has passed (2020-06-01 + 3 months →
    2020-09-01)."""
    d = dt.date.fromisoformat(date)
    total = d.month - 1 + months
    year, month = d.year + years + total // 12, total % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    end = dt.date(year, month, day)
    return (end - dt.timedelta(days=1) if last else end).isoformat()


def _periodis_own(view: str, start: int, own: set[str]) -> bool:
    """The validity period at ``start`` is the notice's own: nothing qualifies it in its
    clause (…起施行，有效期三年), or the notice's own document or items do (本办法有效期…,
    以上项目试行期一年); not another thing's (评定结果有效期为四年)."""
    lead = view[:start]
    cut = max(lead.rfind(c) for c in "，,。；;：:、") + 1
    # (the article's or item's number aside: 第七条, （五）本通知有效期截至…)
    qualifier = re.sub(
        rf"^(?:第[{HEADING_NUMERALS}\d]+条|[（(][{HEADING_NUMERALS}\d]+[）)]|[{HEADING_NUMERALS}]+、)\s*",
        "",
        lead[cut:].strip(),
    )
    titles = [norm_title(t) for t in TITLE.findall(qualifier)]
    if titles:
        return all(is_own(t, own) for t in titles)
    if not qualifier:
        # "…起施行，有效期三年": the period of the clause's subject — not the notice's own
        # when that is another document (三、省《规范》自2020年10月1日起施行，有效期三年).
        return _about_own(lead, own)
    return bool(_OWN_PERIOD.match(qualifier))


def _title_trial(title: str, own: set[str]) -> bool:
    """试行/暂行 in the title, outside any 《title》 but the notice's own (关于修订《X暂行办法》
    部分条款的通知 is no trial)."""
    bare = TITLE.sub(
        lambda m: m.group(0) if is_own(norm_title(m.group(1)), own) else "", simplified(title)
    )
    # 关于开展X（试行）实施情况评估工作的通知: X is the document whose use is assessed.
    bare = _WORK_ON.sub("", bare)
    # 关于贯彻X暂行办法的实施意见, 转发…关于印发X暂行办法的通知: X, named without 《》, is the
    # document carried out or forwarded.
    bare = _CARRIED_OUT.sub("", bare)
    # 关于延长X（试行）试行期的通知, 关于修订X暂行办法的通知: what is changed is X, and its
    # 试行 is X's (with or without 《》).
    bare = _CHANGED_IN_TITLE.sub("", bare)
    # 关于X（暂行）的补充通知: X is the document supplemented.
    bare = _SUPPLEMENTED_IN_TITLE.sub("", bare)
    # 关于延长《X（试行）》试行期的通知: the period is X's.
    return bool(re.search(r"(?:试行|暂行)(?!期)", bare))


# A sentence telling what was done before (4月，…印发《X》 / 近日 / 此前), not issuing X now.
_NARRATED = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月[，,][^。；]*$|近日|日前|此前|曾经?"
)
# The object of a title's verb of change (关于延长X试行期的通知, 关于修订X的决定): another
# document, not the notice's own (修订后的X is the revised document it issues).
_CHANGED_IN_TITLE = re.compile(
    r"(?:延长|修订|修改|废止|调整|暂停|补充|更正|宣布失效)(?!后)[^《》]{2,80}?"
    r"(?=的(?:通知|决定|公告|函|批复|意见)$)"
)
# 关于X（暂行）的补充通知: the notice supplements or corrects X.
_SUPPLEMENTED_IN_TITLE = re.compile(
    r"(?<=关于)[^《》]{2,80}?(?=的(?:补充|修订|修改|更正|勘误)(?:通知|规定|说明|意见|决定)$)"
)
# 关于开展X（试行）实施情况评估工作的通知: 试行 names X, whose use is assessed or checked.
_WORK_ON = re.compile(
    r"(?:试行|暂行)(?=[）)》]*(?:(?:实施|执行|落实|试行)情况|评估|评价|督查|检查|清理))"
)
# A clause telling how another document was issued before ("2020年6月，我委印发了X，自…
# 起施行，试行期2年"): its dates and period are that document's.
_ISSUED_BEFORE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?[，,][^。；]{0,60}?"
    r"(?:印发|出台|发布|制定|修订)了?"
    r"|(?:19|20)\d{2}\s*年[，,][^。；]{0,60}?(?:印发|出台|发布|制定|修订)了"
)


def _told_of_earlier_issue(view: str, start: int) -> bool:
    """Whether the clause before ``start`` tells how another document was issued before."""
    return bool(_ISSUED_BEFORE.search(view, 0, start))


# A text about another document (《X（试行）》政策解读, 答记者问): not itself a trial version.
_ABOUT_ANOTHER = re.compile(r"解读|答记者问|问答")
_CARRIED_OUT = re.compile(
    # (not the 实施 of 实施细则 / 实施方案: a document's kind, not "carry out")
    r"(?:贯彻落实|贯彻执行|贯彻实施|贯彻|落实|执行|实施(?!细则|方案|意见|办法|规则|指南|要点)|转发)"
    r"[^《》的]{2,60}?的"
)


def read_validity(notice: Notice) -> Validity:
    """The validity record of one notice, read from its own text."""
    if notice.kind == "article":
        return Validity()
    if not operative(notice):
        # A draft, an interpretation or a news report: the dates it gives are another
        # document's; only what it rests on is read.
        whole = simplified(notice.text) if has_traditional(notice.text) else notice.text
        return Validity(
            relations=read_relations(notice, whole, sentences(whole), own_titles(notice))
        )
    text = notice.text
    own = own_titles(notice)
    warnings: list[str] = []
    effective: dict[str, str] = {}
    stated: set[str] = set()  # effective dates said of 本通知 / 本办法 outright
    expiries: list[tuple[str, str, str]] = []  # (fixed date | "", "Ny"/"Nm", sentence)
    # Read through a simplified-character view of the same length; keep the original
    # sentence for quoting.
    whole = simplified(text) if has_traditional(text) else text
    parts = sentences(whole)
    # What its titles stand for; adds its own short names to ``own`` (以下简称《细则》).
    names = document_names(whole, own, notice.doc_number)
    for offset, view in parts:
        sentence = text[offset : offset + len(view)]
        for m in [*_EFFECTIVE_ON.finditer(view), *_EFFECTIVE_DATED.finditer(view)]:
            if not _about_own(view[: m.start()], own) or _told_of_earlier_issue(view, m.start()):
                continue
            date = iso_date(m.group("date") or m.groupdict().get("bare") or "")
            if date:
                effective.setdefault(date, sentence)
                if m.groupdict().get("bare") or _STATED_OWN.search(view, 0, m.start()):
                    stated.add(date)
        for m in _EFFECTIVE_ON_ISSUE.finditer(view):
            if not _about_own(view[: m.start()], own) or _told_of_earlier_issue(view, m.start()):
                continue
            date = _issue_date(notice, m.group("how") or m.group("own") or m.group("now"))
            if date:
                effective.setdefault(date, sentence)
                if m.group("own") or m.group("now") or _STATED_OWN.search(view, 0, m.start()):
                    stated.add(date)
            else:
                warnings.append(f"“{sentence[:40]}”：发文日期不明，无法确定施行日期")
        for m in _EFFECTIVE_AFTER_ISSUE.finditer(view):
            if not _about_own(view[: m.start()], own) or _told_of_earlier_issue(view, m.start()):
                continue
            base = _issue_date(notice, m.group("how"))
            n = numeral_value(m.group("n"))
            if base and n:
                # 30日后: the thirtieth day after the issue; 3个月后: the same day three
                # months on.
                date = (
                    (dt.date.fromisoformat(base) + dt.timedelta(days=n)).isoformat()
                    if m.group("unit") != "个月"
                    else _add_years(base, months=n, last=False)
                )
                effective.setdefault(date, sentence)
                if _STATED_OWN.search(view, 0, m.start()):
                    stated.add(date)
            elif not base:
                warnings.append(f"“{sentence[:40]}”：发文日期不明，无法确定施行日期")
        for m in _EXPIRES_ON.finditer(view):
            if _periodis_own(view, m.start(), own) and not _told_of_earlier_issue(view, m.start()):
                date = iso_date(m.group("date") or "") or _end_of(m)
                if date:
                    expiries.append((date, "", sentence))
                since = iso_date(m.group("since") or "")
                if since:  # 有效期自2023年7月1日至…: the period starts the rules too
                    effective.setdefault(since, sentence)
        for m in _EXPIRES_AFTER.finditer(view):
            n = numeral_value(m.group("n"))
            if (
                n
                and _periodis_own(view, m.start(), own)
                and not _told_of_earlier_issue(view, m.start())
            ):
                expiries.append(("", f"{n}{'y' if m.group('unit') == '年' else 'm'}", sentence))

    if not effective:
        # 决定废止…，自本通知印发之日起停止执行: a notice that only ends others takes effect then.
        for offset, view in parts:
            if _ENDS_ON_ISSUE.search(view) and (notice.written_date or notice.published_date):
                date = notice.written_date or notice.published_date
                effective[date] = text[offset : offset + len(view)]
                break
    eff, eff_clause = "", ""
    if len(effective) > 1 and len(stated) == 1:
        # 规范第六项…自2025年4月1日起改按…执行 beside 本通知自印发之日起执行: the date said of
        # the notice itself is its own; the other is when one changed provision applies.
        eff = next(iter(stated))
        eff_clause = effective[eff]
    elif len(effective) == 1:
        eff, eff_clause = next(iter(effective.items()))
    elif len(effective) > 1:
        warnings.append(
            "施行日期说法不一（" + "、".join(sorted(effective)) + "），施行日期按未知处理"
        )
    effective_said = tuple(sorted(effective)) if len(effective) > 1 and not eff else ()

    ends: dict[str, str] = {}
    for fixed, period, sentence in expiries:
        if fixed:
            ends.setdefault(fixed, sentence)
        elif eff:
            n = int(period[:-1])
            end = _add_years(eff, years=n) if period.endswith("y") else _add_years(eff, months=n)
            ends.setdefault(end, sentence)
        else:
            warnings.append(f"“{sentence[:40]}”：未说明有效期从何时起算，失效日期按未知处理")
    expires, expiry_clause = "", ""
    if len(ends) == 1:
        expires, expiry_clause = next(iter(ends.items()))
    elif len(ends) > 1:
        # Each clause quoted with the end it gives, so that a reader can weigh them.
        said = "；".join(f"「{ends[end].strip()}」至 {end}" for end in sorted(ends))
        warnings.append(f"有效期说法不一（{said}），失效日期按未知处理")
    expires_said = tuple(sorted(ends)) if len(ends) > 1 else ()
    # 试行 in its clauses, outside another document's 《title》 (…，《暂行办法》其他内容不变),
    # and in the clause's own line: a list that runs on into it (a table of repealed
    # 暂行办法 above "三、本通知自印发之日起施行。") names other documents.
    clauses = TITLE.sub(
        lambda m: m.group(0) if is_own(norm_title(m.group(1)), own) else "",
        simplified(eff_clause.rsplit("\n", 1)[-1] + "\n" + expiry_clause.rsplit("\n", 1)[-1]),
    )
    trial = not _ABOUT_ANOTHER.search(notice.title) and (
        _title_trial(notice.title, own) or bool(_TRIAL.search(clauses))
    )
    return Validity(
        effective=eff,
        effective_clause=eff_clause,
        expires=expires,
        expiry_clause=expiry_clause,
        trial=trial,
        relations=read_relations(notice, whole, parts, own, names),
        warnings=tuple(dict.fromkeys(warnings)),
        effective_said=effective_said,
        expires_said=expires_said,
    )


# 对2016年制发的《X》进行了修订, where X is the notice's own document: a new edition of it.
_EARLIER_EDITION = re.compile(
    r"对\s*(?P<q>[^《》。；，,]{0,20}?(?:19|20)\d{2}\s*年[^《》。；，,]{0,10}?)\s*"
    r"《(?P<t>[^《》]{2,80})》[^。；]{0,20}?(?:修订|修改|修正)"
)


@dataclass(frozen=True)
class Edition:
    """An earlier edition of a notice's own document that the notice revises, named as
    its text names it (2016年制发的《河北省医院评审管理办法》)."""

    name: str
    title: str
    sentence: str


def earlier_editions(notice: Notice) -> list[Edition]:
    """The earlier editions of its own document a notice says it revises. They share the
    new edition's title, so they are not relations to another notice of the index (and the
    old edition is not declared repealed): what a reader asking about the old edition
    must hear is that it has been revised, and by whom."""
    if notice.kind == "article":
        return []
    own = own_titles(notice)
    found: dict[str, Edition] = {}
    for _offset, view in sentences(notice.text):
        for m in _EARLIER_EDITION.finditer(view):
            if not is_own(norm_title(m.group("t")), own):
                continue
            qualifier = re.sub(r"\s+", "", m.group("q"))
            name = f"{qualifier}《{m.group('t')}》"
            found.setdefault(name, Edition(name, m.group("t"), view))
    return list(found.values())
