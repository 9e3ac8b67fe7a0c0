"""Reading one notice's validity clauses from its text (:func:`read_validity`).

When its rules take effect (施行 / 执行 / 实施 dates, or 自印发/发布之日起), when they expire
(有效期N年 counted from the effective date, 有效期至…), whether they are 试行 / 暂行, and the
documents it repeals (废止 / 失效 / 停止执行), amends (对《X》作如下修改) or implements (根据 /
按照 / 贯彻落实《X》（文号）…结合本地实际). Every value keeps the sentence it was read from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from rag.docno import find_doc_numbers
from rag.grammar import (
    CN_DATE,
    DATE,
    DATE_LINE,
    DOC_KINDS,
    HEADING_NUMERALS,
    HEADING_START,
    NUMBER_START,
    clause_end,
    has_traditional,
    iso_date,
    numeral_value,
    simplified,
)
from rag.records import Notice

RelationName = Literal["repeals", "amends", "implements"]

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
)
_SIGNED = {"印发", "下发", "签发", "发文"}
# 有效期至2022年12月31日 / 试行期至… / 有效期截至… / 执行至… / 实施到…
# …起施行，至2025年6月30日止 / 有效期自2023年7月1日至2026年6月30日.
_EXPIRES_ON = re.compile(
    r"(?:(?:有效期|执行期|试行期|实施期|有效期限)\s*(?:为|是)?\s*(?:至|到|截至|截止至|截止到|截止)"
    r"|(?:执行|实施|施行|试行)\s*(?:至|到)"
    rf"|(?:起|开始)(?:施行|实施|执行|试行)?[，,]?\s*(?:至|到)(?=\s*{_ANY_DATE}\s*(?:止|为止))"
    rf"|(?:有效期|执行期|试行期|实施期|有效期限)\s*(?:为|是)?\s*(?:自|从)?\s*(?P<since>{_ANY_DATE})"
    r"\s*(?:起)?\s*(?:至|到))"
    rf"\s*(?P<date>{_ANY_DATE})"
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
    rf"^(?:(?:本|该|此|以上|上述)[^，。；]{{0,12}}?(?:{DOC_KINDS}|项目|政策)|自|从|于)"
)
_TRIAL = re.compile(r"试行|暂行")
_REPEAL = re.compile(
    r"(?:同时|一并|相应)?(?:废止|失效|作废|停止执行|不再执行|予以撤销|停止施行|不再施行)"
)
# 决定废止以下文件： / 下列文件同时废止： — the documents are the list items that follow.
_REPEAL_LIST = re.compile(
    rf"(?:{_REPEAL.pattern})[^。；]{{0,12}}?(?:以下|下列|如下)"
    rf"|(?:以下|下列)[^。；]{{0,20}}?(?:{_REPEAL.pattern})"
)
# 已于2020年废止 / 已经失效 / 拟废止: a fact about, or a plan for, another document.
_NOT_THIS_REPEAL = re.compile(r"(?:已|拟)(?:经|于|被)?[^，,。；《》]{0,12}$")
# 对《X》作如下修改 / 将《X》第三条修改为 / 《X》第五条修改为…
_AMEND = re.compile(
    r"(?:对|将)\s*(?P<t>《[^》]{2,80}》)[^。；]{0,40}?(?:作如下|作出如下|进行|予以)?"
    r"(?:修改|修订|修正|补充规定)"
    # 对《X》（…号）部分内容进行调整
    r"|对\s*《[^》]{2,80}》[^。；《》]{0,30}?(?:部分|有关|个别)(?:内容|条款|规定)"
    r"(?:进行|予以|作)?(?:调整|修改|修订)"
    rf"|《[^》]{{2,80}}》[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+条[^。；《》]{{0,40}}?"
    r"(?:修改为|修订为|改为|调整为)"
    # 《X》（…号）删去第十九条 / 增加一条，作为第十五条
    rf"|《[^》]{{2,80}}》[^。；《》]{{0,30}}?(?:删去|删除|增加|增设|新增)"
    rf"(?:第[{HEADING_NUMERALS}\d]+[条款项]|一条|一款|一项)"
    # 现对《X》（…号）有关规定调整如下：
    r"|对\s*《[^》]{2,80}》[^。；《》]{0,40}?(?:调整|修改|修订)如下"
    # 《X》（…号）以下条款予以修订： / 《X》部分条款作如下修改
    r"|《[^》]{2,80}》[^。；《》]{0,30}?(?:以下|下列|部分|个别|有关)条款"
    r"(?:予以|作如下|作出如下|进行)?(?:修改|修订|修正)"
)
# 《X》…第N条第N项中的“…”替换为“…” / 在《X》第N条后增加… / 对《X》附件作相应调整 / 更正:
# a change of X's own text by a verb that says what becomes of it. Not when 《X》 is the
# basis the change follows (按照《X》规定，将…调整为…), nor a revision to come (待《X》修订后).
_AMEND_TEXT = re.compile(
    r"《[^》]{2,80}》[^。；《》]{0,50}?"
    r"(?:替换为|修改为|修订为|调整为|改为|更正为|更改为|变更为|删除|删去)"
    r"|在\s*《[^》]{2,80}》[^。；《》]{0,30}?(?:后|中|之后)(?:增加|增设|新增|补充)"
    r"|对\s*《[^》]{2,80}》[^。；《》]{0,40}?作(?:相应|如下|以下)?(?:调整|修改|修订|修正|更正)"
)
_BASIS_BEFORE = re.compile(r"(?:根据|按照|依据|依照|参照|遵照|贯彻|落实|待|执行)[^。；，,]{0,12}$")
# 《X》（…号）第五条第（四）项不再执行: one provision of X stops, the rest of X holds — an
# amendment of X, not its repeal.
_PARTIAL_REPEAL = re.compile(
    rf"《[^》]{{2,80}}》[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+[条款项]"
    rf"(?:第?[（(]?[{HEADING_NUMERALS}\d]+[）)]?[款项])?[^。；《》]{{0,6}}?"
    r"(?:不再执行|停止执行|予以废止|废止)"
)
_CHANGE_TO_COME = re.compile(r"(?:将另行|另行|拟|将适时|待)[^。；]{0,6}$")
# 现就《X》（…号）有关事项补充通知如下： a supplement, which amends X when the notice
# changes one of its rules (_CHANGES_RULE); otherwise it only adds to it.
_SUPPLEMENT = re.compile(r"(?:就|对)\s*《[^》]{2,80}》[^。；《》]{0,40}?补充(?:通知|规定|说明)如下")
# 原规范第二条规定的…，调整为… / 第三条中的“…”改为“…”
_CHANGES_RULE = re.compile(
    rf"(?:原|第[{HEADING_NUMERALS}\d]+条)[^。；《》]{{0,60}}?(?:调整为|修改为|修订为|改为)"
    rf"|(?:删去|删除)第[{HEADING_NUMERALS}\d]+条|增加一条"
)
# After 对《X》…修订: a new edition issued (，现予发布), or comments asked for (修改意见).
_NOT_AMENDED = re.compile(
    r"[，,。]?\s*(?:现予|现|并)?(?:予以)?(?:印发|发布|公布|颁布)|\s*的?(?:意见|建议|稿|完善)"
)
# A title that names the document the notice implements (关于学习宣传贯彻《X》的通知, 关于实施
# 新修订《X》有关事宜的通知, 关于转发《X》的通知), amends (关于修订《X》部分条款的通知) or repeals
# (关于废止《X》的决定). Read only when the body states none (the body is the better evidence).
_TITLE_IMPLEMENTS = re.compile(
    r"关于(?:学习宣传|学习)?(?:贯彻落实|贯彻实施|贯彻执行|贯彻|落实|实施|执行|转发)"
    r"(?:新修订的?|新版)?\s*《([^《》]{2,100})》"
)
_TITLE_AMENDS = re.compile(
    r"关于(?:修改|修订|修正)\s*《([^《》]{2,100})》\s*(?:的?部分|有关|个别)(?:条款|内容|规定)"
)
_TITLE_REPEALS = re.compile(r"关于(?:废止|宣布废止|宣布失效|停止执行)\s*《([^《》]{2,100})》")
# The cues that state a basis outright; when a sentence has one, the documents of its
# purpose clause before it (为…切实落实《X》) are not what the notice rests on.
_BASIS = re.compile(r"根据|按照|依据|依照")
# A notice's own follow-through, which an implementing clause leads into.
# 联合印发的《X》 / 制定的《X》 describe the document named, not the notice's own work.
_OWN_WORK = re.compile(
    r"结合|制定(?!的)|制订(?!的)|现就|现提出|通知如下|印发(?!的)|特?制定本"
    r"|本(?:办法|方案|细则|规定|通知)"
)
# The notice's own work said outright (制定本办法, 结合我省实际, 现就…提出如下要求): a basis
# stated before it counts wherever the sentence stands (an attachment's 第一条 too).
_OWN_WORK_STRONG = re.compile(
    r"(?:特|现)?制[定订]本|结合[^。；，]{0,8}实际|现就[^。；]{0,30}(?:通知|要求|意见)|现提出"
)
TITLE = re.compile(r"《([^《》]{2,100})》")
# 认真落实上述文件要求: the documents named just before are what the notice implements.
# So does a purpose clause with no object (…已印发。为做好贯彻落实工作，现就…通知如下).
_ANAPHOR = re.compile(
    r"(?:贯彻|落实|执行|遵照)(?:好|执行)?\s*(?:上述|以上|前述)\s*"
    r"(?:[0-9一二三四五六七八九十两]+个)?(?:文件|通知|规定|政策|精神|意见)"
    r"|(?:^|[，,])\s*为(?:了)?(?:做好|抓好|推进|进一步做好)?[^，,。；《》“”]{0,8}?"
    r"(?:学习宣传贯彻|贯彻落实|贯彻实施|贯彻执行|宣传贯彻|贯彻|落实|实施)(?:工作)?[，,]"
)
_ATTACHED_WORK = re.compile(rf"{_OWN_WORK.pattern}|决定|本(?:{DOC_KINDS})")
# An opening that recounts earlier work (近年来，我省依据《X》开展了…) cites in passing.
_BACKGROUND = re.compile(
    r"^\s*(?:近年来|近些年|多年来|长期以来|此前|前期|过去|去年|[^，。]{0,12}以来)"
)
# 现将《X》（文号）转发给你们 / …，现转发给你们: a forwarded document, to be carried out.
_FORWARD = re.compile(r"转发(?:给)?(?:你们|你单位|各地|各单位)")
# 现就贯彻实施《X》有关事宜通知如下: the notice's own work names what it implements.
_ON_WORK = re.compile(r"现就\s*(?:贯彻落实|贯彻实施|贯彻执行|贯彻|落实|实施|执行)")
# A short name given to a document (以下简称《办法》, 简称“《通知》”).
_SHORT_NAME = re.compile(
    r"(?:以下简称|简称|以下称|下称)[^，,。；《》（）()]{0,3}《([^《》]{1,40})》"
)
# A line longer than this that ends without punctuation was wrapped mid-sentence.
_WRAPPED_LINE = 30
# How far into a notice its basis is stated (根据…, 为贯彻落实…): its opening sentences.
_OPENING_SENTENCES = 4


@dataclass(frozen=True)
class Relation:
    """A document this notice repeals, amends or implements, as its text names it."""

    kind: RelationName
    target_doc_number: str  # normalised 文号, "" when the clause names only a title
    target_title: str  # the 《title》 as written (without 《》), "" when only a 文号
    sentence: str
    # The notice in the same index the clause names, when there is one.
    target_id: str = ""

    @property
    def target(self) -> str:
        return self.target_doc_number or self.target_title


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

    def of_kind(self, kind: RelationName) -> list[Relation]:
        return [r for r in self.relations if r.kind == kind]


# -- reading one notice -----------------------------------------------------------------


def norm_title(title: str) -> str:
    """A title as compared: NFKC, simplified, no spaces, quotes or brackets of any width."""
    text = unicodedata.normalize("NFKC", simplified(title))
    return re.sub(r"[\s《》〈〉<>“”\"'（）()〔〕\[\]【】]", "", text)


def own_titles(notice: Notice) -> set[str]:
    """The names the notice's own document goes by: its title and the 《X》 it issues
    (关于印发《X》的通知, 现将《X》印发给你们)."""
    names = {norm_title(notice.title)} if notice.title else set()
    # 关于印发《X》的通知 issues X (关于发布实施《X》《Y》的通知: both); 关于学习宣传贯彻《X》的
    # 通知 only names it, and 关于转发《X》的通知 carries out another body's X.
    for m in re.finditer(
        r"(?:印发|发布|公布|颁布|下发|征求)(?:实施|施行|执行)?\s*"
        r"((?:《[^《》]{2,100}》[、和及与\s]*)+)"
        r"|^\s*(《[^《》]{2,100}》)|(《[^《》]{2,100}》)\s*(?:公开)?征求",
        notice.title,
    ):
        run = next(g for g in m.groups() if g)
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
        if "印发" in m.group(0) or "发给" in m.group(0):
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
    it names no 《title》 but the notice's own."""
    titles = [norm_title(t) for t in TITLE.findall(before)]
    return all(_is_own(t, own) for t in titles)


def _is_own(title: str, own: set[str]) -> bool:
    """A normalised title is one of the notice's own names, or the start of one (《X》 for
    its own X（试行）); X（2019年版） or X（试行） for its own X is another edition."""
    return any(
        (title.startswith(o) and not _EDITION_MARK.search(title[len(o) :])) or o.startswith(title)
        for o in own
    )


# What makes a title longer than the notice's own another edition: a year (（2019年版）), or
# 试行/暂行 when the notice issues the edition without it.
_EDITION_MARK = re.compile(r"(?:19|20)\d\d|试行|暂行")


def _add_years(date: str, years: int = 0, months: int = 0) -> str:
    """The last day of a period of years/months starting on ``date`` (2020-06-01 + 5 years →
    2025-05-31)."""
    d = dt.date.fromisoformat(date)
    total = d.month - 1 + months
    year, month = d.year + years + total // 12, total % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return (dt.date(year, month, day) - dt.timedelta(days=1)).isoformat()


def _targets(
    sentence: str,
    own: set[str],
    own_number: str,
    names: dict[str, tuple[str, str]] | None = None,
) -> list[tuple[str, str]]:
    """(normalised 文号, title) of each document a sentence names, the notice's own left out.
    A 文号 in brackets right after a 《title》 goes with that title; a title or short name
    the notice gives a 文号 elsewhere (``names``) takes that document's 文号 and title."""
    found: list[tuple[str, str]] = []
    numbers = [(m.start, m.end, m.doc_number.normalized) for m in find_doc_numbers(sentence)]
    used: set[int] = set()
    for m in TITLE.finditer(sentence):
        title = m.group(1)
        if re.search(
            r"(?:简称|以下称|下称)[^，,。；《》（）()]{0,3}$",
            sentence[max(0, m.start() - 8) : m.start()],
        ):
            continue  # (以下简称《公告》): a short name for a document already named
        number = ""
        for k, (start, end, value) in enumerate(numbers):
            # In brackets right after the title; a 公告 number's match may start inside
            # it ("…的公告》（2019年第103号）" reads as 公告2019年第103号).
            if k not in used and m.start() < start <= m.end() + 2 and end > m.end():
                number = value
                used.add(k)
                break
        if not number and names and norm_title(title) in names:
            number, title = names[norm_title(title)]
        if not number and _is_own(norm_title(title), own):
            continue
        if number and number == own_number:
            continue
        found.append((number, title))
    for k, (_start, _end, value) in enumerate(numbers):
        if k not in used and value != own_number:
            found.append((value, ""))
    return found


def _document_names(text: str, own: set[str], own_number: str) -> dict[str, tuple[str, str]]:
    """What the notice's 《titles》 and short names stand for: a title given once with its 文号
    in brackets (《X》（国卫…号）) and each short name given to a document (《X》（…，以下简称
    《Y》）) → (文号, title) of that document, so that a later bare 《X》 or 《Y》 names it."""
    names: dict[str, tuple[str, str]] = {}
    for m in TITLE.finditer(text):
        end = m.end()
        # Up to two bracketed asides right after the title: its 文号, its short name.
        for _ in range(2):
            aside = re.match(r"\s*[（(]", text[end:])
            if not aside:
                break
            end = clause_end(text, end + aside.end(), "）)") + 1
        if end == m.end():
            continue
        named = _targets(text[m.start() : end], set(), "")
        number, title = next(((n, t) for n, t in named if t), ("", m.group(1)))
        if number and number != own_number:
            names.setdefault(norm_title(title), (number, title))
        short = _SHORT_NAME.search(text, m.end(), end)
        if short and (number or not _is_own(norm_title(title), own)):
            names.setdefault(norm_title(short.group(1)), (number, title))
        elif short:
            own.add(norm_title(short.group(1)))
    return names


class _Relations:
    """The relations read so far, one per (kind, document): a document named again (with
    spacing of its own, or by a short name) adds nothing."""

    def __init__(self) -> None:
        self.found: list[Relation] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, kind: RelationName, targets: list[tuple[str, str]], sentence: str) -> None:
        for number, title in targets:
            keys = {(kind, number), (kind, norm_title(title))} - {(kind, "")}
            if keys & self._seen:
                continue
            self._seen |= keys
            self.found.append(Relation(kind, number, title, sentence))

    def has(self, kind: RelationName) -> bool:
        return any(r.kind == kind for r in self.found)


def _period_is_own(view: str, start: int, own: set[str]) -> bool:
    """The validity period at ``start`` is the notice's own: nothing qualifies it in its
    clause (…起施行，有效期三年), or the notice's own document or items do (本办法有效期…,
    以上项目试行期一年); not another thing's (评定结果有效期为四年)."""
    lead = view[:start]
    cut = max(lead.rfind(c) for c in "，,。；;：:、") + 1
    qualifier = re.sub(rf"^第[{HEADING_NUMERALS}\d]+条\s*", "", lead[cut:].strip())
    titles = [norm_title(t) for t in TITLE.findall(qualifier)]
    if titles:
        return all(_is_own(t, own) for t in titles)
    return not qualifier or bool(_OWN_PERIOD.match(qualifier))


def _title_trial(title: str, own: set[str]) -> bool:
    """试行/暂行 in the title, outside any 《title》 but the notice's own (关于修订《X暂行办法》
    部分条款的通知 is no trial)."""
    bare = TITLE.sub(
        lambda m: m.group(0) if _is_own(norm_title(m.group(1)), own) else "", simplified(title)
    )
    # 关于贯彻X暂行办法的实施意见, 转发…关于印发X暂行办法的通知: X, named without 《》, is the
    # document carried out or forwarded.
    bare = _CARRIED_OUT.sub("", bare)
    return bool(_TRIAL.search(bare))


_CARRIED_OUT = re.compile(
    r"(?:贯彻落实|贯彻执行|贯彻实施|贯彻|落实|执行|实施|转发)[^《》的]{2,60}?的"
)


def read_validity(notice: Notice) -> Validity:
    """The validity record of one notice, read from its own text."""
    if notice.kind == "article":
        return Validity()
    text = notice.text
    own = own_titles(notice)
    own_number = notice.doc_number
    warnings: list[str] = []
    effective: dict[str, str] = {}
    expiries: list[tuple[str, str, str]] = []  # (fixed date | "", "Ny"/"Nm", sentence)
    relations = _Relations()
    # Read through a simplified-character view of the same length; keep the original
    # sentence for quoting.
    whole = simplified(text) if has_traditional(text) else text
    names = _document_names(whole, own, own_number)
    parts = sentences(whole)
    opening = _opening_sentences(parts)
    for index, (offset, view) in enumerate(parts):
        sentence = text[offset : offset + len(view)]
        for m in _EFFECTIVE_ON.finditer(view):
            if not _about_own(view[: m.start()], own):
                continue
            date = iso_date(m.group("date") or m.group("bare"))
            if date:
                effective.setdefault(date, sentence)
        for m in _EFFECTIVE_ON_ISSUE.finditer(view):
            if not _about_own(view[: m.start()], own):
                continue
            signed = (m.group("how") or m.group("own")) in _SIGNED
            date = (
                notice.written_date or notice.published_date
                if signed
                else notice.published_date or notice.written_date
            )
            if date:
                effective.setdefault(date, sentence)
            else:
                warnings.append(f"“{sentence[:40]}”：发文日期不明，无法确定施行日期")
        for m in _EXPIRES_ON.finditer(view):
            if _period_is_own(view, m.start(), own):
                date = iso_date(m.group("date"))
                if date:
                    expiries.append((date, "", sentence))
                since = iso_date(m.group("since") or "")
                if since:  # 有效期自2023年7月1日至…: the period starts the rules too
                    effective.setdefault(since, sentence)
        for m in _EXPIRES_AFTER.finditer(view):
            n = numeral_value(m.group("n"))
            if n and _period_is_own(view, m.start(), own):
                expiries.append(("", f"{n}{'y' if m.group('unit') == '年' else 'm'}", sentence))
        partial = list(_PARTIAL_REPEAL.finditer(view))
        for m in partial:
            targets = _targets(view[m.start() : m.end()], own, own_number, names)
            relations.add("amends", targets, sentence)
        for choices in [] if partial else _repeal_segments(view):
            # The first of a verb's stretches that names a document is its target.
            found = (
                [t for a, b in [c] for t in _targets(view[a:b], own, own_number, names)]
                for c in choices
            )
            relations.add("repeals", next((f for f in found if f), []), sentence)
        if _REPEAL_LIST.search(view) and view.endswith(("：", ":")):
            for item_offset, item in parts[index + 1 :]:
                if not (HEADING_START.match(item) or NUMBER_START.match(item) or item[0] in "《〈"):
                    break
                original = text[item_offset : item_offset + len(item)]
                relations.add("repeals", _targets(item, own, own_number, names), original)
        for a, b in _amending(view, whole, offset):
            relations.add("amends", _targets(view[a:b], own, own_number, names), sentence)
        # In a notice's opening sentences, or anywhere when the sentence goes on to the
        # notice's own work (…制定本办法): an attachment's 第一条 states its basis too.
        segments = _basis_segments(view)
        if index in opening:
            segments += _forwarded(view)
        # An attached document's opening sentence counts when it goes on to that document's
        # own work (…，决定建立…制度 / 制定本办法); a form's 根据《X》填写 does not.
        leads_on = (
            index in opening
            and not _BACKGROUND.search(view)
            and (not opening[index] or bool(_ATTACHED_WORK.search(view)))
        )
        if segments and (leads_on or _OWN_WORK_STRONG.search(view)):
            for a, b in segments:
                relations.add("implements", _targets(view[a:b], own, own_number, names), sentence)
        if leads_on and _ANAPHOR.search(view):
            # 认真落实上述文件要求: the documents of the paragraph before and of this one so far.
            line = whole.rfind("\n", 0, offset)
            earlier = whole[whole.rfind("\n", 0, max(line, 0)) + 1 : offset]
            relations.add("implements", _targets(earlier, own, own_number, names), sentence)
    by_title: tuple[tuple[RelationName, re.Pattern[str]], ...] = (
        ("implements", _TITLE_IMPLEMENTS),
        ("amends", _TITLE_AMENDS),
        ("repeals", _TITLE_REPEALS),
    )
    for kind, pattern in by_title:
        if not relations.has(kind):
            for m in pattern.finditer(simplified(notice.title)):
                named = names.get(norm_title(m.group(1)), ("", m.group(1)))
                relations.add(kind, [named], notice.title)

    eff, eff_clause = "", ""
    if len(effective) == 1:
        eff, eff_clause = next(iter(effective.items()))
    elif len(effective) > 1:
        warnings.append(
            "施行日期说法不一（" + "、".join(sorted(effective)) + "），施行日期按未知处理"
        )

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
        warnings.append("有效期说法不一（至 " + "、".join(sorted(ends)) + "），失效日期按未知处理")
    trial = _title_trial(notice.title, own) or bool(
        _TRIAL.search(simplified(eff_clause + expiry_clause))
    )
    return Validity(
        effective=eff,
        effective_clause=eff_clause,
        expires=expires,
        expiry_clause=expiry_clause,
        trial=trial,
        relations=tuple(_repeal_over_amend(relations.found)),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _repeal_segments(view: str) -> list[list[tuple[int, int]]]:
    """Where a sentence names the documents it repeals: before each 废止 / 失效 / 停止执行
    (《X》同时废止), or after it when the verb leads straight into them (同时废止《X》, 决定
    废止国卫…号) — then the words before it are not the target (根据《A》，决定废止《B》).
    Each verb gives its stretches in order of preference."""
    out: list[list[tuple[int, int]]] = []
    previous = 0
    for verb in _REPEAL.finditer(view):
        clause = previous
        while (end := clause_end(view, clause, "，,；;")) < verb.start():
            clause = end + 1
        if _NOT_THIS_REPEAL.search(view, clause, verb.start()):
            pass
        elif re.match(r"\s*(?:了)?\s*(?:[《〈]|[^\s，。；]{0,12}〔)", view[verb.end() :]):
            out.append([(verb.end(), clause_end(view, verb.end(), "。；;"))])
        elif re.match(r"\s*(?:[。；;，,：:）)]|$)", view[verb.end() :]):
            # The verb ends its clause (《X》同时废止。): the documents are in that clause, or
            # before it when it only dates the repeal (《X》（…），自本通知印发之日起废止).
            out.append([(clause, verb.start()), (previous, clause)])
        previous = verb.end()
    return out


# 为（深入）贯彻落实 X…, opening a sentence (also 认真落实 X… with no 为); ，贯彻落实 X 精神
# opening a clause; ，落实 X 的要求 continuing a purpose clause (为贯彻…，落实《X》，…).
_PURPOSE = re.compile(
    r"^\s*(?:为了?(?:深入|进一步|认真|全面)?|(?:认真|深入|全面)(?=贯彻|落实))"
    r"(?:贯彻落实|贯彻|落实)"
    r"|(?<=[，,])\s*(?:深入)?贯彻(?:落实)?"
    r"|(?<=[，,])\s*(?:认真|全面|深入)?(?P<more>落实)"
)


def _basis_segments(view: str) -> list[tuple[int, int]]:
    """The stretches of a sentence that name what the notice rests on: a purpose clause
    that implements something (为贯彻落实《X》…, to the end of its clause), the documents
    after a basis cue that opens its clause (根据/按照/依据《X》…, to the end of the clause or
    the notice's own work, and a basis clause following it: 根据《A》，按照《B》，…) and what
    the notice's own work sets out to implement (现就贯彻实施《X》有关事宜通知如下)."""
    out: list[tuple[int, int]] = []
    # A purpose clause goes on (为贯彻…，落实《X》，…) only where the sentence opens with 为 and
    # states no basis outright: with 根据《Y》 after it, 《X》 is an aim, not the basis.
    goes_on = bool(re.match(r"\s*为", view)) and not any(
        _leads(view[: m.start()]) for m in _BASIS.finditer(view)
    )
    for m in _PURPOSE.finditer(view):
        if m.group("more") and not goes_on:
            continue
        out.append((m.end(), clause_end(view, m.end())))
    for m in _BASIS.finditer(view):
        if _leads(view[: m.start()]):
            cue: re.Match[str] | None = m
            while cue:
                work = _own_work(view, cue.end())
                end = min(clause_end(view, cue.end()), work.start() if work else len(view))
                if work is None and _PROCEDURE.search(view[cue.end() : end]):
                    break  # …的，按照《X》有关规定办理: how a case is handled, not a basis
                out.append((cue.end(), end))
                cue = _BASIS.match(view, end + 1) if end < len(view) else None
            break
    for m in _ON_WORK.finditer(view):
        out.append((m.end(), clause_end(view, m.end())))
    return out


# A clause that sends a case to another document's procedure (按照《X》有关规定办理).
_PROCEDURE = re.compile(r"》[^《》]{0,12}?(?:有关|相关)?规定?\s*(?:办理|处理)\s*[。；]?\s*$")


def _forwarded(view: str) -> list[tuple[int, int]]:
    """The documents a sentence forwards to be carried out (现将《X》（文号）转发给你们)."""
    m = _FORWARD.search(view)
    if not m:
        return []
    start = view.rfind("现将", 0, m.start())
    return [(max(start, 0), m.start())]


def _leads(before: str) -> bool:
    """Text before a basis cue that leaves it opening the sentence: nothing, a purpose
    clause (为…，) or any clause ended by a comma."""
    before = before.strip()
    return (
        not before or before.startswith(("为", "随着", "鉴于")) or bool(re.search(r"[，,]", before))
    )


def _own_work(view: str, start: int) -> re.Match[str] | None:
    """The first mention of the notice's own work after ``start``, outside any 《title》."""
    spans = [m.span() for m in TITLE.finditer(view)]
    for m in _OWN_WORK.finditer(view, start):
        if not any(a < m.start() < b for a, b in spans):
            return m
    return None


def _opening_sentences(parts: list[tuple[int, str]]) -> dict[int, bool]:
    """The sentences where a notice states its basis: the first few of its body (after the
    title, 文号 and salutation) and of each document attached after its signature date, up
    to the first numbered heading (一、, （一）, 第一条…): the provisions that follow cite
    documents in passing. Index → whether it opens an attached document."""
    out: dict[int, bool] = {}
    body = _salutation_offset(parts)
    windows = [(0, body + _OPENING_SENTENCES, False)]
    for i, (_offset, s) in enumerate(parts):
        if i >= body and DATE_LINE.match(s):
            # The attached document's title lines come first (附件1, its title).
            start = i + 1
            while start < len(parts) and re.match(r"\s*附\s*件", parts[start][1]):
                start += 1
            windows.append((start, start + _OPENING_SENTENCES + 2, True))
    for start, end, attached in windows:
        for i in range(start, min(end, len(parts))):
            if i and HEADING_START.match(parts[i][1]):
                break
            out.setdefault(i, attached)
    return out


def _salutation_offset(parts: list[tuple[int, str]]) -> int:
    """How many leading sentences are title lines, 文号 and salutation (…：), which come
    before the body's opening sentences."""
    for i, (_offset, s) in enumerate(parts[:12]):
        if s.endswith("：") or s.endswith(":"):
            return i + 1
    return 2


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
            if not _is_own(norm_title(m.group("t")), own):
                continue
            qualifier = re.sub(r"\s+", "", m.group("q"))
            name = f"{qualifier}《{m.group('t')}》"
            found.setdefault(name, Edition(name, m.group("t"), view))
    return list(found.values())


def _amending(view: str, whole: str, offset: int) -> list[tuple[int, int]]:
    """The stretches of a sentence (``view``, at ``offset`` in the notice's ``whole`` text)
    that amend a document they name: 对《X》作如下修改 and the other fixed wordings
    (``_AMEND``), what becomes of X's text (``_AMEND_TEXT``: not when 《X》 is the basis of
    the change or its revision is still to come), and a supplement on X when the notice
    goes on to change one of its rules (``_SUPPLEMENT``). A new edition issued or comments
    asked for after the verb (``_NOT_AMENDED``) amend nothing."""
    found = [m.span() for m in _AMEND.finditer(view) if not _NOT_AMENDED.match(view, m.end())]
    found += [
        m.span()
        for m in _AMEND_TEXT.finditer(view)
        if not _BASIS_BEFORE.search(view, 0, m.start())
        # a cue of what is to come close before the verb (its last two characters aside)
        and not _CHANGE_TO_COME.search(view, 0, m.end() - 2)
        and not _NOT_AMENDED.match(view, m.end())
    ]
    found += [
        m.span()
        for m in _SUPPLEMENT.finditer(view)
        if _CHANGES_RULE.search(whole, offset + m.end())
    ]
    return found


def _repeal_over_amend(found: list[Relation]) -> list[Relation]:
    """The relations without an amendment of a document the notice also repeals: 对《X（试行）》
    进行了修订…原《X（试行）》同时废止 replaces the old edition, it does not amend it."""
    repealed = {
        key
        for r in found
        if r.kind == "repeals"
        for key in (r.target_doc_number, norm_title(r.target_title))
        if key
    }
    return [
        r
        for r in found
        if not (
            r.kind == "amends"
            and {r.target_doc_number, norm_title(r.target_title)} - {""} & repealed
        )
    ]
