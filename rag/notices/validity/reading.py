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
from rag.grammar import CN_DATE, DATE, has_traditional, iso_date, numeral_value, simplified
from rag.records import Notice

RelationName = Literal["repeals", "amends", "implements"]

_ANY_DATE = rf"(?:{DATE.pattern}|{CN_DATE.pattern})"
_VERB = r"(?:正式)?(?:施行|执行|实施|生效|试行)"
# 自2020年6月1日起施行 / 于2020年6月1日起执行 / 2020年6月1日起实施 / 决定自2020年6月1日起
# 对…进行调整，…实施 (a short stretch between, naming no other document)
_EFFECTIVE_ON = re.compile(
    rf"(?:自|从|于)?\s*(?P<date>{_ANY_DATE})\s*(?:起|开始)(?:[^。；《》]{{0,40}}?[，,]?)"
    rf"\s*{_VERB}(?!以来|之日|的)"
)
# 自印发之日起施行 (the signature date) / 自发布之日起执行 (the publication date)
_EFFECTIVE_ON_ISSUE = re.compile(
    rf"自\s*(?P<how>印发|下发|签发|发文|公布|颁布|发布|公告)\s*之日起\s*{_VERB}"
)
_SIGNED = {"印发", "下发", "签发", "发文"}
_NUM = r"[0-9０-９]+|[一二两三四五六七八九十]+"
# 有效期至2022年12月31日 / 执行至… / 试行期至… / 有效期截至…
_EXPIRES_ON = re.compile(
    rf"(?:有效期|执行期|试行期|实施期|有效期限)\s*(?:为|是)?\s*(?:至|到|截至|截止至|截止到|截止)\s*"
    rf"(?P<date>{_ANY_DATE})"
)
# 有效期5年 / 有效期为三年 / 试行期两年 / 有效期至…年 handled above
_EXPIRES_AFTER = re.compile(
    rf"(?:有效期|试行期|有效期限)\s*(?:为|是|暂定|暂定为)?\s*(?P<n>{_NUM})\s*(?P<unit>年|个月)"
)
_TRIAL = re.compile(r"试行|暂行")
_REPEAL = re.compile(r"(?:同时|一并|相应)?(?:废止|失效|停止执行|不再执行|予以撤销|停止施行)")
_AMEND = re.compile(
    r"(?:对|将)\s*(?P<t>《[^》]{2,80}》)[^。；]{0,40}?(?:作如下|作出如下|进行|予以)?"
    r"(?:修改|修订|修正)"
)
# The cues that state a basis outright; when a sentence has one, the documents of its
# purpose clause before it (为…切实落实《X》) are not what the notice rests on.
_BASIS = re.compile(r"根据|按照|依据|依照")
# A notice's own follow-through, which an implementing clause leads into.
_OWN_WORK = re.compile(
    r"结合|制定|制订|现就|现提出|通知如下|印发|特?制定本|本(?:办法|方案|细则|规定|通知)"
)
# The notice's own work said outright (制定本办法, 结合我省实际, 现就…提出如下要求): a basis
# stated before it counts wherever the sentence stands (an attachment's 第一条 too).
_OWN_WORK_STRONG = re.compile(
    r"(?:特|现)?制[定订]本|结合[^。；，]{0,8}实际|现就[^。；]{0,30}(?:通知|要求|意见)|现提出"
)
TITLE = re.compile(r"《([^《》]{2,100})》")
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
    return re.sub(r"[\s《》<>“”\"'（）()〔〕\[\]【】]", "", text)


def own_titles(notice: Notice) -> set[str]:
    """The names the notice's own document goes by: its title and the 《X》 it issues
    (关于印发《X》的通知, 现将《X》印发给你们)."""
    names = {norm_title(notice.title)} if notice.title else set()
    # 关于印发《X》的通知 issues X; 关于学习宣传贯彻《X》的通知 only names it.
    names |= {
        norm_title(t)
        for m in re.finditer(
            r"(?:印发|发布|公布|转发|颁布|下发|征求)\s*《([^《》]{2,100})》"
            r"|^\s*《([^《》]{2,100})》|《([^《》]{2,100})》\s*(?:公开)?征求",
            notice.title,
        )
        for t in m.groups()
        if t
    }
    issued = r"(?:现将|将|印发)\s*《([^《》]{2,100})》\s*(?:印发|予以印发|发给|转发)?"
    for m in re.finditer(issued, notice.text[:3000]):
        if "印发" in m.group(0) or "发给" in m.group(0):
            names.add(norm_title(m.group(1)))
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
    """A normalised title is one of the notice's own names (an edition mark such as （试行）
    after it aside)."""
    return any(title.startswith(o) or o.startswith(title) for o in own)


def _add_years(date: str, years: int = 0, months: int = 0) -> str:
    """The last day of a period of years/months starting on ``date`` (2020-06-01 + 5 years →
    2025-05-31)."""
    d = dt.date.fromisoformat(date)
    total = d.month - 1 + months
    year, month = d.year + years + total // 12, total % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return (dt.date(year, month, day) - dt.timedelta(days=1)).isoformat()


def _targets(sentence: str, own: set[str], own_number: str) -> list[tuple[str, str]]:
    """(normalised 文号, title) of each document a sentence names, the notice's own left out.
    A 文号 in brackets right after a 《title》 goes with that title."""
    found: list[tuple[str, str]] = []
    numbers = [(m.start, m.end, m.doc_number.normalized) for m in find_doc_numbers(sentence)]
    used: set[int] = set()
    for m in TITLE.finditer(sentence):
        title = m.group(1)
        if re.search(r"(?:简称|以下称|下称)\s*$", sentence[max(0, m.start() - 6) : m.start()]):
            continue  # (以下简称《公告》): a short name for a document already named
        number = ""
        for k, (start, end, value) in enumerate(numbers):
            # In brackets right after the title; a 公告 number's match may start inside
            # it ("…的公告》（2019年第103号）" reads as 公告2019年第103号).
            if k not in used and m.start() < start <= m.end() + 2 and end > m.end():
                number = value
                used.add(k)
                break
        if not number and _is_own(norm_title(title), own):
            continue
        if number and number == own_number:
            continue
        found.append((number, title))
    for k, (_start, _end, value) in enumerate(numbers):
        if k not in used and value != own_number:
            found.append((value, ""))
    return found


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
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    # Read through a simplified-character view of the same length; keep the original
    # sentence for quoting.
    whole = simplified(text) if has_traditional(text) else text
    parts = sentences(whole)
    for index, (offset, view) in enumerate(parts):
        sentence = text[offset : offset + len(view)]
        for m in _EFFECTIVE_ON.finditer(view):
            if not _about_own(view[: m.start()], own):
                continue
            date = iso_date(m.group("date"))
            if date:
                effective.setdefault(date, sentence)
        for m in _EFFECTIVE_ON_ISSUE.finditer(view):
            if not _about_own(view[: m.start()], own):
                continue
            signed = m.group("how") in _SIGNED
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
            if _about_own(view[: m.start()], own):
                date = iso_date(m.group("date"))
                if date:
                    expiries.append((date, "", sentence))
        for m in _EXPIRES_AFTER.finditer(view):
            n = numeral_value(m.group("n"))
            if n and _about_own(view[: m.start()], own):
                expiries.append(("", f"{n}{'y' if m.group('unit') == '年' else 'm'}", sentence))
        if _REPEAL.search(view):
            verb = _REPEAL.search(view)
            assert verb is not None
            for number, title in _targets(view[: verb.start()], own, own_number):
                key = ("repeals", number, title)
                if key not in seen:
                    seen.add(key)
                    relations.append(Relation("repeals", number, title, sentence))
        for m in _AMEND.finditer(view):
            for number, title in _targets(view[m.start() : m.end()], own, own_number):
                key = ("amends", number, title)
                if key not in seen:
                    seen.add(key)
                    relations.append(Relation("amends", number, title, sentence))
        segments = _basis_segments(view)
        opening = index < _OPENING_SENTENCES + _salutation_offset(parts)
        # In a notice's opening sentences, or anywhere when the sentence goes on to the
        # notice's own work (…制定本办法): an attachment's 第一条 states its basis too.
        if segments and (opening or _OWN_WORK_STRONG.search(view)):
            for number, title in (
                t for a, b in segments for t in _targets(view[a:b], own, own_number)
            ):
                key = ("implements", number, title)
                if key not in seen:
                    seen.add(key)
                    relations.append(Relation("implements", number, title, sentence))

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
    trial = bool(
        _TRIAL.search(simplified(notice.title))
        or _TRIAL.search(simplified(eff_clause + expiry_clause))
    )
    return Validity(
        effective=eff,
        effective_clause=eff_clause,
        expires=expires,
        expiry_clause=expiry_clause,
        trial=trial,
        relations=tuple(relations),
        warnings=tuple(dict.fromkeys(warnings)),
    )


# 为（深入）贯彻落实 X…, opening a sentence; ，贯彻落实 X 精神 opening a clause.
_PURPOSE = re.compile(
    r"^\s*为(?:深入|进一步|认真|全面)?(?:贯彻落实|贯彻|落实)|(?<=[，,])\s*(?:深入)?贯彻(?:落实)?"
)


def _basis_segments(view: str) -> list[tuple[int, int]]:
    """The stretches of a sentence that name what the notice rests on: a purpose clause
    that implements something (为贯彻落实《X》…, up to its comma) and the documents after
    a basis cue that opens its clause (根据/按照/依据《X》…, up to the notice's own work)."""
    out: list[tuple[int, int]] = []
    for m in _PURPOSE.finditer(view):
        comma = re.search(r"[，,]", view[m.end() :])
        out.append((m.end(), m.end() + comma.start() if comma else len(view)))
    for m in _BASIS.finditer(view):
        if _leads(view[: m.start()]):
            work = _own_work(view, m.end())
            out.append((m.end(), work.start() if work else len(view)))
            break
    return out


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


def _salutation_offset(parts: list[tuple[int, str]]) -> int:
    """How many leading sentences are title lines, 文号 and salutation (…：), which come
    before the body's opening sentences."""
    for i, (_offset, s) in enumerate(parts[:12]):
        if s.endswith("：") or s.endswith(":"):
            return i + 1
    return 2
