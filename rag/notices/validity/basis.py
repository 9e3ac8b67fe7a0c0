"""What a notice rests on: the documents it implements (根据 / 按照 / 依据《X》…, 为贯彻落实《X》…,
现将《X》转发给你们, 认真落实上述文件要求), read in its opening sentences, in those of each attached
document, or wherever a sentence goes on to the notice's own work (制定本办法, 结合我省实际).
The stage :func:`rag.notices.validity.relations.read_relations` calls for `implements`.
"""

from __future__ import annotations

import re

from rag.grammar import DATE_LINE, DOC_KINDS, HEADING_START, clause_end

TITLE = re.compile(r"《([^《》]{2,100})》")
# A title that names the document the notice implements (关于学习宣传贯彻《X》的通知, 关于实施
# 新修订《X》有关事宜的通知, 关于转发《X》的通知). Read only when the body states none.
TITLE_IMPLEMENTS = re.compile(
    r"关于(?:学习宣传|学习)?(?:贯彻落实|贯彻实施|贯彻执行|贯彻|落实|实施|执行|转发)"
    r"(?:新修订的?|新版)?\s*《([^《》]{2,100})》"
)
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
OWN_WORK_STRONG = re.compile(
    r"(?:特|现)?制[定订]本|结合[^。；，]{0,8}实际|现就[^。；]{0,30}(?:通知|要求|意见)|现提出"
)
# 认真落实上述文件要求: the documents named just before are what the notice implements.
# So does a purpose clause with no object (…已印发。为做好贯彻落实工作，现就…通知如下).
ANAPHOR = re.compile(
    r"(?:贯彻|落实|执行|遵照)(?:好|执行)?\s*(?:上述|以上|前述)\s*"
    r"(?:[0-9一二三四五六七八九十两]+个)?(?:文件|通知|规定|政策|精神|意见)"
    r"|(?:^|[，,])\s*为(?:了)?(?:做好|抓好|推进|进一步做好)?[^，,。；《》“”]{0,8}?"
    r"(?:学习宣传贯彻|贯彻落实|贯彻实施|贯彻执行|宣传贯彻|贯彻|落实|实施)(?:工作)?[，,]"
)
ATTACHED_WORK = re.compile(rf"{_OWN_WORK.pattern}|决定|本(?:{DOC_KINDS})")
# An opening that recounts earlier work (近年来，我省依据《X》开展了…) cites in passing.
BACKGROUND = re.compile(
    r"^\s*(?:近年来|近些年|多年来|长期以来|此前|前期|过去|去年|[^，。]{0,12}以来)"
)
# 现将《X》（文号）转发给你们 / …，现转发给你们: a forwarded document, to be carried out.
_FORWARD = re.compile(r"转发(?:给)?(?:你们|你单位|各地|各单位)")
# 现就贯彻实施《X》有关事宜通知如下: the notice's own work names what it implements.
_ON_WORK = re.compile(r"现就\s*(?:贯彻落实|贯彻实施|贯彻执行|贯彻|落实|实施|执行)")
# How far into a notice its basis is stated (根据…, 为贯彻落实…): its opening sentences.
_OPENING_SENTENCES = 4


# 为（深入）贯彻落实 X…, opening a sentence (also 认真落实 X… with no 为); ，贯彻落实 X 精神
# opening a clause; ，落实 X 的要求 continuing a purpose clause (为贯彻…，落实《X》，…).
_PURPOSE = re.compile(
    r"^\s*(?:为了?(?:深入|进一步|认真|全面)?|(?:认真|深入|全面)(?=贯彻|落实))"
    r"(?:贯彻落实|贯彻|落实)"
    r"|(?<=[，,])\s*(?:深入)?贯彻(?:落实)?"
    r"|(?<=[，,])\s*(?:认真|全面|深入)?(?P<more>落实)"
)


def basis_segments(view: str) -> list[tuple[int, int]]:
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


def forwarded(view: str) -> list[tuple[int, int]]:
    """The documents a sentence forwards to be carried out (现将《X》（文号）转发给你们)."""
    m = _FORWARD.search(view)
    if not m:
        return []
    start = view.rfind("现将", 0, m.start())
    return [(max(start, 0), m.start())]


def _leads(before: str) -> bool:
    """Text before a basis cue that leaves it opening the sentence: nothing, a purpose
    clause (为…，) or any clause ended by a comma."""
    numbered = HEADING_START.match(before)  # 一、依据《X》…: the item's number opens nothing
    before = before[numbered.end() if numbered else 0 :].strip()
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


def opening_sentences(parts: list[tuple[int, str]]) -> dict[int, bool]:
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
