"""Laws and regulations kept beside notices: what their header and last article say.

A law, an administrative regulation or a departmental rule printed on its own opens with a
bracketed header under its title, one event after another::

    （2019年8月26日第十三届全国人民代表大会常务委员会第十二次会议通过　2021年4月29日第十三届
    全国人民代表大会常务委员会第二十八次会议修订）
    （2003年5月9日中华人民共和国国务院令第376号公布　根据2011年1月8日《国务院关于废止和修改
    部分行政法规的决定》修订）

and its last article says when it takes effect (本法自2027年1月1日起施行 / 本条例自公布之日起
施行). ``law_title`` reads its name (the lines above the header); ``read_law`` reads the
header and the last article into a ``LawHeader``: who adopted or promulgated it, when it
was adopted, revised and published, and the 施行 date. Whether it is in force on a given day
is for the caller to decide from those dates.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from rag.articles import article_spans
from rag.grammar import CN_DATE, DATE, dates_in, iso_date

# The header's events and what each does; 修正 (amended by a decision) counts as a revision.
_ADOPTED = "通过"
_REVISED = ("修订", "修正")
_PUBLISHED = ("公布", "发布")
_ACTION = re.compile(r"通过|修订|修正|公布|发布")
# A header: a bracketed line (or lines) that holds a date and one of those actions.
_HEADER = re.compile(r"^[（(](?P<body>[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$")
_HEAD_LINES = 6
# Who acted, as the header writes it: 第十三届全国人民代表大会常务委员会第十二次会议 →
# 全国人民代表大会常务委员会; 中华人民共和国国务院令第376号 → 国务院.
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:届|次)")
_MEETING = re.compile(r"(?:全体)?会议$|令第?[一二三四五六七八九十百零〇\d]+号$|令$")
_EFFECTIVE = re.compile(
    rf"自\s*(?P<date>{DATE.pattern}|{CN_DATE.pattern})\s*起\s*(?:施行|实施|生效)"
    r"|自\s*(?P<on>公布|发布|印发)之日起\s*(?:施行|实施|生效)"
)


@dataclass(frozen=True)
class LawHeader:
    """What a law's header and last article say (ISO dates; "" where not said).

    ``effective`` is the 施行 date of the last article; "自公布之日起施行" gives the
    publication date (else the adoption date). ``revised`` holds every 修订 / 修正 date,
    oldest first.
    """

    issuer: str = ""
    adopted: str = ""
    revised: tuple[str, ...] = ()
    published: str = ""
    effective: str = ""

    @property
    def latest(self) -> str:
        """The date of the text as it stands: its last revision, else its adoption or
        publication."""
        return (self.revised[-1] if self.revised else "") or self.adopted or self.published

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LawHeader:
        data = dict(data)
        data["revised"] = tuple(data.get("revised", ()))
        return cls(**data)


def _issuer(segment: str) -> str:
    """Who acted in one header event: the text between its date and its action."""
    who = re.sub(r"中华人民共和国(?=.)", "", segment)
    who = _SESSION.sub("", who)
    who = _MEETING.sub("", who.strip())
    return who.strip(" 　，,")


def _header_lines(text: str) -> tuple[int, str]:
    """The bracketed header under the title (the first bracketed run among the first lines):
    the index of its first line and what the brackets hold; (-1, "") when there is none."""
    lines = [line.strip() for line in text.split("\n")[:_HEAD_LINES]]
    for i, line in enumerate(lines):
        if not line.startswith(("（", "(")):
            continue
        joined = line
        j = i
        while not joined.endswith(("）", ")")) and j + 1 < len(lines):
            j += 1
            joined += lines[j]
        m = _HEADER.match(joined)
        if m and dates_in(m.group("body")) and _ACTION.search(m.group("body")):
            return i, m.group("body")
    return -1, ""


def law_title(text: str) -> str:
    """A law's name: the line(s) above its bracketed header ("" without a header)."""
    i, _ = _header_lines(text)
    above = [line.strip() for line in text.split("\n")[: max(i, 0)] if line.strip()]
    return "".join(above) if 0 < len(above) <= 2 else ""


def read_law(text: str) -> LawHeader | None:
    """The header and 施行 date of a law or regulation, or None when ``text`` has no such
    header or no numbered articles (a notice, however it is worded)."""
    _, body = _header_lines(text)
    spans = article_spans(text)
    if not body or not spans:
        return None
    events = dates_in(body)
    issuer, adopted, published = "", "", ""
    revised: list[str] = []
    for k, (offset, date) in enumerate(events):
        end = events[k + 1][0] if k + 1 < len(events) else len(body)
        segment = body[offset:end]
        written = DATE.match(segment) or CN_DATE.match(segment)
        segment = segment[written.end() :] if written else segment
        actions = list(_ACTION.finditer(segment))
        if not actions:
            continue
        action = actions[-1].group(0)
        if not issuer and "《" not in segment[: actions[-1].start()]:
            issuer = _issuer(segment[: actions[-1].start()])
        if action == _ADOPTED:
            adopted = adopted or date
        elif action in _REVISED:
            revised.append(date)
        elif action in _PUBLISHED:
            published = published or date
    effective = ""
    for span in reversed(spans[-3:]):
        found = _EFFECTIVE.search(text[span.start : span.end])
        if found is None:
            continue
        # 自公布之日起施行: in force from publication (the adoption, when no publication
        # date is given).
        effective = iso_date(found.group("date")) if found.group("date") else published or adopted
        break
    return LawHeader(
        issuer=issuer,
        adopted=adopted,
        revised=tuple(sorted(revised)),
        published=published,
        effective=effective,
    )
