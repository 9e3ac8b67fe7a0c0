"""The end of a notice: who signed it and when, and the other 文号 its text cites."""

from __future__ import annotations

import re

from rag.docno import find_doc_numbers
from rag.grammar import (
    CJK,
    CN_DATE,
    DASH_DATE,
    DATE,
    DATE_LINE,
    ORG_ENDINGS,
    date_of_match,
    iso_date,
)
from rag.notices.compilation import _DATE_ONLY_LINE, _ORG_LINE
from rag.records import Reference

# One organisation's name, no spaces in it: it ends as bodies' names end.
ORG_TOKEN = re.compile(rf"[{CJK}（）()]{{1,40}}?(?:{ORG_ENDINGS})")
_ORG_THEN_DATE = re.compile(
    rf"^(?P<orgs>.+?)\s*(?P<date>{DATE.pattern}|{CN_DATE.pattern}|{DASH_DATE.pattern})\s*$"
)
# A signature date as some web pages print it: 2023-05-06, 2023.5.6, 2023/05/06.
_DASH_DATE_LINE = re.compile(rf"^\s*{DASH_DATE.pattern}\s*$")


def _date_of(text: str) -> str:
    m = DASH_DATE.search(text)
    return iso_date(text) or (date_of_match(m) if m else "")


_SEAL = re.compile(r"^[（(](?:盖章|印章|此页无正文|公章)[）)]$")
# A seal mark printed beside a name: 示范市卫生健康委员会（盖章）, …办公厅（代章）.
_SEAL_MARK = re.compile(r"\s*[（(](?:盖章|印章|公章|签章|代章|章)[）)]")


def org_tokens(text: str) -> list[str]:
    """The organisation names a line consists of (split at spaces or 、); [] when any part
    is not one."""
    tokens = [t for t in re.split(r"[\s、]+", text.strip()) if t]
    return tokens if tokens and all(ORG_TOKEN.fullmatch(t) for t in tokens) else []


def read_signature(lines: list[str], start: int = 0) -> tuple[list[str], str]:
    """(issuers, ISO date) of the first signature at or after line ``start``: a date line
    (Arabic or Chinese numerals, spaces allowed; 2023-05-06 only under a name) under the
    bodies' names — several on a line or stacked — or names and date on one line.
    ``([], "")`` when there is none."""
    for i in range(start, len(lines)):
        text = _SEAL_MARK.sub("", lines[i]).strip()
        m = _ORG_THEN_DATE.match(text)
        names = org_tokens(m.group("orgs")) if m else []
        if not (DATE_LINE.match(text) or _DASH_DATE_LINE.match(text) or names):
            continue
        date = _date_of(text)
        k = i - 1
        while k >= start and len(names) < 8:
            above = _SEAL_MARK.sub("", lines[k]).strip()
            if not above or _SEAL.match(above):
                if names:
                    break
                k -= 1
                continue
            tokens = org_tokens(above)
            if not tokens:
                break
            names = tokens + names
            k -= 1
        if not names and _DASH_DATE_LINE.match(text):
            continue  # 2023-05-06 alone is a page's date; under a body's name, a signature's
        return [n for part in names for n in split_organisations(part)], date
    return [], ""


_REPEAL = re.compile(r"(?:同时)?(?:失效|废止|停止执行|不再执行|予以撤销)")


def _signature_date(text: str) -> str:
    """The first stand-alone date line: the date a notice was signed."""
    for line in text.split("\n"):
        if _DATE_ONLY_LINE.match(line.strip()):
            return iso_date(line)
    return ""


def _signature_issuer(text: str) -> str:
    """Organisation lines right above the first stand-alone date line."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _DATE_ONLY_LINE.match(line.strip()):
            orgs: list[str] = []
            k = i - 1
            while k >= 0 and _ORG_LINE.match(lines[k].strip()) and len(orgs) < 4:
                orgs.insert(0, lines[k].strip())
                k -= 1
            return "、".join(split_organisations("".join(re.sub(r"\s+", "", o) for o in orgs)))
    return ""


# An organisation name ends in one of these; the lookahead keeps "委" of 卫生健康委办公厅 or
# "局" of 国家中医药局综合司 from ending the name early.
_ORG_NAME = re.compile(
    r".+?(?:委员会|办公厅|办公室|综合司|总局|政府|中心|小组|机制|委|局|部|厅|院|署|办)"
    r"(?!办公|综合|员会|司|总局)"
)


def split_organisations(joined: str) -> list[str]:
    """Split a signature whose organisation names ran together ("国家卫生健康委市场监管总局…").

    Returns the text unsplit when it does not divide cleanly into organisation names.
    """
    names = _ORG_NAME.findall(joined)
    return names if names and "".join(names) == joined else [joined] if joined else []


def _references(text: str, own: str) -> list[Reference]:
    refs: dict[str, Reference] = {}
    for m in find_doc_numbers(text):
        number = m.doc_number.normalized
        if number == own:
            continue
        sentence_start = max(text.rfind("。", 0, m.start), text.rfind("\n", 0, m.start)) + 1
        sentence_end_candidates = [
            p for p in (text.find("。", m.end), text.find("\n", m.end)) if p >= 0
        ]
        sentence_end = min(sentence_end_candidates) if sentence_end_candidates else len(text)
        after = text[m.end : sentence_end]
        relation = "repeals" if _REPEAL.search(after[:40]) else "cites"
        context = text[sentence_start : min(sentence_end + 1, len(text))].strip()[:200]
        prior = refs.get(number)
        if prior is None or (relation == "repeals" and prior.relation != "repeals"):
            refs[number] = Reference(number, relation, context)  # type: ignore[arg-type]
    return list(refs.values())
