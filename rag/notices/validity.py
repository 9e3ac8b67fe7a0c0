"""Whether a notice's rules are in force, and why.

Read from a notice's own text (:func:`read_validity`): when its rules take effect (施行 /
执行 / 实施 dates, or 自印发/发布之日起), when they expire (有效期N年 counted from the
effective date, 有效期至…), whether they are 试行 / 暂行, and the documents it repeals
(废止 / 失效 / 停止执行), amends (对《X》作如下修改) or implements (根据 / 按照 / 贯彻落实
《X》（文号）…结合本地实际). Every value keeps the sentence it was read from.

Across an index (:class:`ValidityIndex`) those relations are resolved to the notices they
name — by 文号, else by title (a 《X》 matches the notice titled X or the cover letter
关于印发《X》的通知) — which gives each notice its repealed-by, amended-by and
implemented-by lists, and a :class:`Status` as of any date: 现行有效 / 已过有效期 / 已废止 /
已修订 / 尚未施行 / 未知. Nothing is guessed: with no clause that says, the status is 未知.
Contradictory clauses (two different 施行 dates or expiries) leave the value unknown and a
warning, never a wrong status.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from rag.docno import find_doc_numbers
from rag.grammar import (
    CN_DATE,
    DATE,
    ORG_ENDINGS,
    has_traditional,
    iso_date,
    numeral_value,
    simplified,
)
from rag.records import Notice

StatusLabel = Literal["现行有效", "已过有效期", "已废止", "已修订", "尚未施行", "未知"]
STATUSES: tuple[StatusLabel, ...] = (
    "现行有效",
    "已过有效期",
    "已废止",
    "已修订",
    "尚未施行",
    "未知",
)
# Statuses under which a notice's rules no longer (or not yet) apply.
NOT_IN_FORCE: frozenset[str] = frozenset({"已过有效期", "已废止", "尚未施行"})
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
_TITLE = re.compile(r"《([^《》]{2,100})》")
# A line longer than this that ends without punctuation was wrapped mid-sentence.
_WRAPPED_LINE = 30
# How long an issuer's name before a 《title》 may be (国家卫生健康委办公厅, 国务院应对…机制).
_ISSUER_CHARS = 30
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


@dataclass(frozen=True)
class Status:
    """A notice's status as of a date, with the reason in one line and its evidence."""

    label: StatusLabel
    as_of: str
    reason: str
    # The sentence that decides it and the notice it is in (this one, or the one that
    # repealed or amended it); "" for 未知.
    evidence: str = ""
    evidence_notice_id: str = ""

    @property
    def in_force(self) -> bool:
        return self.label == "现行有效"


@dataclass(frozen=True)
class Incoming:
    """Another notice's clause about this one (it repeals, amends or implements it)."""

    kind: RelationName
    notice_id: str
    sentence: str


@dataclass
class NoticeValidity:
    """A notice's validity record with the relations other notices hold about it."""

    notice: Notice
    own: Validity
    repealed_by: list[Incoming] = field(default_factory=list)
    amended_by: list[Incoming] = field(default_factory=list)
    implemented_by: list[Incoming] = field(default_factory=list)


# -- reading one notice -----------------------------------------------------------------


def _norm_title(title: str) -> str:
    """A title as compared: NFKC, simplified, no spaces, quotes or brackets of any width."""
    text = unicodedata.normalize("NFKC", simplified(title))
    return re.sub(r"[\s《》<>“”\"'（）()〔〕\[\]【】]", "", text)


def own_titles(notice: Notice) -> set[str]:
    """The names the notice's own document goes by: its title and the 《X》 it issues
    (关于印发《X》的通知, 现将《X》印发给你们)."""
    names = {_norm_title(notice.title)} if notice.title else set()
    # 关于印发《X》的通知 issues X; 关于学习宣传贯彻《X》的通知 only names it.
    names |= {
        _norm_title(t)
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
            names.add(_norm_title(m.group(1)))
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
    titles = [_norm_title(t) for t in _TITLE.findall(before)]
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
    for m in _TITLE.finditer(sentence):
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
        if not number and _is_own(_norm_title(title), own):
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
    spans = [m.span() for m in _TITLE.finditer(view)]
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
            if not _is_own(_norm_title(m.group("t")), own):
                continue
            qualifier = re.sub(r"\s+", "", m.group("q"))
            name = f"{qualifier}《{m.group('t')}》"
            found.setdefault(name, Edition(name, m.group("t"), view))
    return list(found.values())


# -- an index's notices ----------------------------------------------------------------------


class ValidityIndex:
    """Validity records of a collection of notices, with relations resolved inside it."""

    def __init__(self, notices: Iterable[Notice]) -> None:
        self.notices = {n.notice_id: n for n in notices}
        self._by_number: dict[str, list[str]] = {}
        self._by_title: dict[str, list[str]] = {}
        for n in self.notices.values():
            if n.kind == "article":
                continue
            if n.doc_number:
                self._by_number.setdefault(n.doc_number, []).append(n.notice_id)
            for name in own_titles(n):
                self._by_title.setdefault(name, []).append(n.notice_id)
        self.records: dict[str, NoticeValidity] = {}
        for n in self.notices.values():
            own = read_validity(n)
            resolved = tuple(
                r if r.target_id else _with_target(r, self._resolve(r, n.notice_id))
                for r in own.relations
            )
            own = Validity(**{**_fields(own), "relations": resolved})
            self.records[n.notice_id] = NoticeValidity(n, own)
        for nid, record in self.records.items():
            for r in record.own.relations:
                if not r.target_id or r.target_id not in self.records:
                    continue
                target = self.records[r.target_id]
                incoming = Incoming(r.kind, nid, r.sentence)
                {
                    "repeals": target.repealed_by,
                    "amends": target.amended_by,
                    "implements": target.implemented_by,
                }[r.kind].append(incoming)

    def _resolve(self, relation: Relation, source_id: str) -> str:
        candidates: list[str] = []
        if relation.target_doc_number:
            candidates = self._by_number.get(relation.target_doc_number, [])
        if not candidates and relation.target_title:
            candidates = self._by_title.get(_norm_title(relation.target_title), [])
        if not candidates and relation.target_title:
            candidates = self._by_issuer_and_title(relation)
        candidates = [c for c in candidates if c != source_id]
        return candidates[0] if len(candidates) == 1 else ""

    def _by_issuer_and_title(self, relation: Relation) -> list[str]:
        """The notice a clause names as issuer and title apart — 国家卫生健康委办公厅《关于…
        的通知》 — whose title is the two together (the 文号 it gives may be mistyped)."""
        at = relation.sentence.find(f"《{relation.target_title}》")
        if at < 0:
            return []
        before = re.sub(r"\s+", "", relation.sentence[:at])[-_ISSUER_CHARS:]
        for start in range(len(before) - 2, -1, -1):
            prefix = before[start:]
            if not re.search(rf"(?:{ORG_ENDINGS})$", prefix):
                continue
            found = self._by_title.get(_norm_title(prefix + relation.target_title), [])
            if found:
                return found
        return []

    def find_titles(self, text: str) -> list[str]:
        """Notices a text names by 《title》 (the title itself, or the document a cover
        letter issues), in the order named."""
        found: list[str] = []
        for title in _TITLE.findall(text):
            for nid in self._by_title.get(_norm_title(title), []):
                if nid not in found:
                    found.append(nid)
        return found

    def takes_effect(self, notice_id: str) -> str:
        """When what a notice declares (a repeal, an amendment) applies: its effective date,
        else its written or published date ("" when none is known)."""
        record = self.records[notice_id]
        return record.own.effective or record.notice.date

    def get(self, notice_id: str) -> NoticeValidity | None:
        return self.records.get(notice_id)

    def status(self, notice_id: str, as_of: str | None = None) -> Status:
        """The notice's status on ``as_of`` (ISO date; today when None)."""
        day = as_of or dt.date.today().isoformat()
        record = self.records.get(notice_id)
        if record is None or record.notice.kind == "article":
            return Status("未知", day, "新闻报道，不是规范性文件本身")
        n, own = record.notice, record.own
        if n.written_date and day < n.written_date:
            return Status("尚未施行", day, f"{n.written_date} 才成文，{day} 时尚未发布")
        if own.effective and day < own.effective:
            return Status(
                "尚未施行",
                day,
                f"自 {own.effective} 起施行，{day} 时尚未施行",
                own.effective_clause,
                notice_id,
            )
        for kind, incoming, label in (
            ("废止", record.repealed_by, "已废止"),
            ("修订", record.amended_by, "已修订"),
        ):
            for inc in sorted(incoming, key=lambda i: self.notices[i.notice_id].date):
                other = self.notices[inc.notice_id]
                when = self.takes_effect(inc.notice_id)
                if when and when <= day:
                    return Status(
                        label,  # type: ignore[arg-type]
                        day,
                        f"{when} 被{other.doc_number or '（无文号）'}《{other.title}》{kind}",
                        inc.sentence,
                        inc.notice_id,
                    )
        if own.expires and day > own.expires:
            return Status(
                "已过有效期",
                day,
                f"有效期至 {own.expires}，{day} 时已过有效期",
                own.expiry_clause,
                notice_id,
            )
        if own.effective or own.expires:
            since = f"自 {own.effective} 起施行" if own.effective else "已施行"
            until = f"，有效期至 {own.expires}" if own.expires else ""
            return Status(
                "现行有效",
                day,
                since + until,
                own.expiry_clause or own.effective_clause,
                notice_id,
            )
        if re.search(r"征求.{0,60}意见", n.title):
            return Status(
                "未知",
                day,
                "征求意见稿，未见正式印发；文中未写明施行日期或有效期，库中也没有废止或修订它的文件",
            )
        return Status("未知", day, "文中未写明施行日期或有效期，库中也没有废止或修订它的文件")

    def implementers(self, notice_id: str) -> list[Notice]:
        """Notices that implement this one, by region then date."""
        record = self.records.get(notice_id)
        if record is None:
            return []
        found = [self.notices[i.notice_id] for i in record.implemented_by]
        return sorted(found, key=lambda n: (n.region, n.date, n.doc_number))

    def implementers_of(self, doc_number: str = "", title: str = "") -> list[tuple[Notice, str]]:
        """(notice, clause) for each notice implementing the document with this 文号 or
        《title》 — also one the index does not hold — by region, then date."""
        wanted = _norm_title(title) if title else ""
        # The notices of the index that are the document: a clause naming it by title
        # alone (按照《…指导意见》要求) implements it as much as one giving its 文号.
        held = set(self._by_number.get(doc_number, [])) if doc_number else set()
        if wanted:
            held |= set(self._by_title.get(wanted, []))
        found: dict[str, tuple[Notice, str]] = {}
        for nid, record in self.records.items():
            for r in record.own.of_kind("implements"):
                if (
                    (doc_number and r.target_doc_number == doc_number)
                    or (wanted and r.target_title and _norm_title(r.target_title) == wanted)
                    or (r.target_id and r.target_id in held)
                ):
                    found.setdefault(nid, (record.notice, r.sentence))
        return sorted(found.values(), key=lambda p: (p[0].region, p[0].date, p[0].doc_number))

    def timeline(self, notice_id: str) -> list[dict[str, str]]:
        """The notice's dated events, oldest first: written, published, in force, expiry,
        and the notices that repealed, amended or implemented it."""
        record = self.records[notice_id]
        n, own = record.notice, record.own
        events: list[dict[str, str]] = []

        def add(date: str, event: str, other: str = "") -> None:
            if date:
                events.append({"date": date, "event": event, "notice_id": other})

        add(n.written_date, "成文")
        if n.published_date != n.written_date:
            add(n.published_date, "发布")
        add(own.effective, "施行" + ("（试行）" if own.trial else ""))
        add(own.expires, "有效期届满")
        for label, incoming in (
            ("被废止", record.repealed_by),
            ("被修订", record.amended_by),
            ("被落实", record.implemented_by),
        ):
            for inc in incoming:
                other = self.notices[inc.notice_id]
                when = self.takes_effect(inc.notice_id)
                add(
                    when, f"{label}：{other.doc_number or '无文号'}《{other.title}》", inc.notice_id
                )
        return sorted(events, key=lambda e: e["date"])

    def to_dict(self, notice_id: str, as_of: str | None = None) -> dict[str, Any]:
        """The JSON shape of a notice's validity (``rag notices show --json``, the API)."""
        record = self.records[notice_id]
        status = self.status(notice_id, as_of)
        own = record.own

        def brief(nid: str) -> dict[str, str]:
            other = self.notices[nid]
            return {"notice_id": nid, "doc_number": other.doc_number, "title": other.title}

        return {
            "status": status.label,
            "as_of": status.as_of,
            "reason": status.reason,
            "evidence": status.evidence,
            "evidence_notice_id": status.evidence_notice_id,
            "effective": own.effective or None,
            "effective_clause": own.effective_clause,
            "expires": own.expires or None,
            "expiry_clause": own.expiry_clause,
            "trial": own.trial,
            "relations": [
                {
                    "kind": r.kind,
                    "doc_number": r.target_doc_number,
                    "title": r.target_title,
                    "sentence": r.sentence,
                    "notice_id": r.target_id,
                }
                for r in own.relations
            ],
            "repealed_by": [
                {**brief(i.notice_id), "sentence": i.sentence} for i in record.repealed_by
            ],
            "amended_by": [
                {**brief(i.notice_id), "sentence": i.sentence} for i in record.amended_by
            ],
            "implemented_by": [
                {
                    **brief(i.notice_id),
                    "region": self.notices[i.notice_id].region,
                    "sentence": i.sentence,
                }
                for i in record.implemented_by
            ],
            "timeline": self.timeline(notice_id),
            "warnings": list(own.warnings),
        }


def _fields(v: Validity) -> dict[str, Any]:
    return {k: getattr(v, k) for k in asdict(v)}


def _with_target(r: Relation, target_id: str) -> Relation:
    return Relation(r.kind, r.target_doc_number, r.target_title, r.sentence, target_id)


def validity_options(
    as_of: str | None, statuses: Iterable[str] = ()
) -> tuple[str | None, tuple[str, ...]]:
    """An as-of date and status names from a user (CLI, UI), checked: (ISO date or None for
    today, statuses). ``InvalidQueryError`` says what was wrong and the accepted forms."""
    from rag.errors import InvalidQueryError

    try:
        return parse_as_of(as_of), check_statuses(statuses)
    except ValueError as exc:
        raise InvalidQueryError(str(exc)) from exc


def check_statuses(values: Iterable[str]) -> tuple[str, ...]:
    """Status names from the user, checked; ValueError naming the valid ones otherwise."""
    wanted = tuple(dict.fromkeys(v.strip() for v in values if v.strip()))
    bad = [v for v in wanted if v not in STATUSES]
    if bad:
        raise ValueError(f"未知的效力状态 {'、'.join(bad)}：可选 {'、'.join(STATUSES)}")
    return wanted


def parse_as_of(value: str | None) -> str | None:
    """An as-of date from the user (2021-01-01, 2021/1/1, 2021年1月1日) as ISO, or None for
    today. Raises ValueError with a message saying the accepted forms."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text) or DATE.fullmatch(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    raise ValueError(f"无法识别的日期 {value!r}：请写成 2021-01-01 或 2021年1月1日")


__all__ = [
    "NOT_IN_FORCE",
    "STATUSES",
    "Edition",
    "Incoming",
    "NoticeValidity",
    "Relation",
    "Status",
    "Validity",
    "ValidityIndex",
    "check_statuses",
    "earlier_editions",
    "parse_as_of",
    "read_validity",
    "validity_options",
]
