"""Validity records across an index: relations resolved to the notices they name, and each
notice's status as of a date."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from rag.grammar import DATE, ORG_ENDINGS
from rag.notices.validity.basis import TITLE
from rag.notices.validity.reading import (
    Edition,
    Validity,
    earlier_editions,
    own_titles,
    read_validity,
)
from rag.notices.validity.relations import Relation, RelationName, norm_title
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
# How long an issuer's name before a 《title》 may be (国家卫生健康委办公厅, 国务院应对…机制).
_ISSUER_CHARS = 30
# Statuses under which a notice's rules no longer (or not yet) apply.
NOT_IN_FORCE: frozenset[str] = frozenset({"已过有效期", "已废止", "尚未施行"})
# The status of a notice another repealed (replaced it, or ended it).
REPEALED: StatusLabel = "已废止"


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
        self._editions: dict[str, list[Edition]] = {}  # read on first use, then kept
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
            title = norm_title(relation.target_title)
            candidates = self._by_title.get(title, [])
            if not candidates and title.find("关于") > 0:
                # 《国家卫生健康委关于…的通知》 names the notice titled 关于…的通知 too.
                candidates = self._by_title.get(title[title.find("关于") :], [])
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
            found = self._by_title.get(norm_title(prefix + relation.target_title), [])
            if found:
                return found
        return []

    def editions(self, notice_id: str) -> list[Edition]:
        """The earlier editions of its own document a notice revises (``earlier_editions``),
        read once per notice rather than for every answer that cites it."""
        found = self._editions.get(notice_id)
        if found is None:
            record = self.records.get(notice_id)
            found = earlier_editions(record.notice) if record is not None else []
            self._editions[notice_id] = found
        return found

    @functools.cached_property
    def changed_titles(self) -> frozenset[str]:
        """The titles the index's notices repeal or amend, as their clauses name them."""
        return frozenset(
            r.target_title
            for record in self.records.values()
            for r in record.own.relations
            if r.kind != "implements" and r.target_title
        )

    def by_number(self, doc_number: str) -> list[str]:
        """The notices of the index whose own 文号 is ``doc_number``."""
        return list(self._by_number.get(doc_number, []))

    def find_titles(self, text: str) -> list[str]:
        """Notices a text names by 《title》 (the title itself, or the document a cover
        letter issues), in the order named."""
        found: list[str] = []
        for title in TITLE.findall(text):
            for nid in self._by_title.get(norm_title(title), []):
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
        if not n.written_date and n.published_date and day < n.published_date:
            return Status("尚未施行", day, f"{n.published_date} 才发布，{day} 时尚未发布")
        if own.effective and day < own.effective:
            return Status(
                "尚未施行",
                day,
                f"自 {own.effective} 起施行，{day} 时尚未施行",
                own.effective_clause,
                notice_id,
            )
        # Clauses that disagree on a date decide the status only when every date they give
        # falls on the same side of ``day``.
        starts, ends = own.effective_said, own.expires_said
        if starts and day < starts[0]:
            return Status(
                "尚未施行", day, f"施行日期说法不一（{'、'.join(starts)}），{day} 时都未到"
            )
        for inc in sorted(record.repealed_by, key=lambda i: self.notices[i.notice_id].date):
            other = self.notices[inc.notice_id]
            when = self.takes_effect(inc.notice_id)
            if when and when <= day:
                return Status(
                    "已废止",
                    day,
                    f"{when} 被{other.doc_number or '（无文号）'}《{other.title}》废止",
                    inc.sentence,
                    inc.notice_id,
                )
        amended = [
            (when, inc)
            for inc in sorted(record.amended_by, key=lambda i: self.notices[i.notice_id].date)
            if (when := self.takes_effect(inc.notice_id)) and when <= day
        ]
        if amended:
            # Amended more than once (an expiry extended twice): the first amendment, then
            # the latest, whose clause says what holds now.
            reason = ""
            for when, inc in [amended[0], *amended[1:][-1:]]:
                other = self.notices[inc.notice_id]
                named = f"被{other.doc_number or '（无文号）'}《{other.title}》修订"
                reason += f"{when} {named}" if not reason else f"，{when} 又{named}"
            last = amended[-1][1]
            return Status("已修订", day, reason, last.sentence, last.notice_id)
        if own.expires and day > own.expires:
            return Status(
                "已过有效期",
                day,
                f"有效期至 {own.expires}，{day} 时已过有效期",
                own.expiry_clause,
                notice_id,
            )
        if ends and day > ends[-1]:
            return Status(
                "已过有效期", day, f"有效期说法不一（至 {'、'.join(ends)}），{day} 时都已过"
            )
        if starts and day < starts[-1]:
            return Status(
                "未知", day, f"施行日期说法不一（{'、'.join(starts)}），{day} 时是否已施行无法确定"
            )
        if own.effective or own.expires or starts or ends:
            if own.effective:
                since = f"自 {own.effective} 起施行"
            elif starts:
                since = f"施行日期说法不一（{'、'.join(starts)}），{day} 时都已施行"
            else:
                since = "已施行"
            if own.expires:
                until = f"，有效期至 {own.expires}"
            elif ends:
                until = f"；有效期说法不一（至 {'、'.join(ends)}）"
            else:
                until = ""
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
        wanted = norm_title(title) if title else ""
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
                    or (wanted and r.target_title and norm_title(r.target_title) == wanted)
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
