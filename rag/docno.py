"""Parse, normalise and find 文号 (发文字号, Chinese document numbers) in text.

Two forms are recognised:

* **bracket** — agency prefix + year in brackets + serial + 号, e.g. ``国卫办医函〔2020〕357号``.
  Text extracted from PDFs and web pages mangles these freely: any of 〔〕 [] () （） 【】 ［］ ｛｝
  as brackets (mismatched, or one of them missing), spaces and line breaks anywhere inside
  (``联防联控机制综发〔2020〕169\\n\\n号``, ``（国卫办医\\n\\n函〔2019〕903号）``), letter-spaced
  prefixes (``综 合 浙 医 改 联 席 办〔2020〕2``), full-width digits, zero-padded serials
  (``沪卫应急〔2020〕003 号``), a 第 after the bracket (``〔2023〕第5号``) and a missing 号.
  Canonical form: prefix without whitespace + ``〔`` + 4-digit year + ``〕`` + serial without
  leading zeros + ``号``.
* **announcement** — ``公告 2020 年第 62 号`` / ``通告2020年第2号``, optionally with the issuing
  agency glued on (``国家药监局公告2020年第62号``), or cited after a title as
  ``《…的公告》（2019 年第 103 号）``.
  Canonical form: ``公告2020年第62号`` — the kind, year and serial only. The agency words, when
  they are glued to 公告/通告 in the text, are kept in :attr:`DocNumber.prefix`
  (``"国家药监局公告"``) so that :attr:`DocNumber.region_prefix` can use them, but they are left
  out of :attr:`DocNumber.normalized`: the same announcement is cited both with and without
  them, and citations must compare equal. Compare 文号 by ``normalized``, not by ``==``.
* **order** — a 部门令 / 政府令 number: ``国家卫生健康委员会令 第8号``, ``卫生部令第27号``,
  ``卫生部第27号令``. Orders are numbered per agency without a year, so the agency is part of
  the number. Canonical form: ``卫生部令第27号`` (``中华人民共和国`` dropped);
  :attr:`DocNumber.year` is 0.

:func:`find_doc_numbers` is stricter than :func:`parse_doc_number`, because running text is full
of bracketed years (``（2020 年版）``, ``（2019-2030年）``): in running text a bracket-form
number needs at least one 〔/〕 bracket, and with any other brackets (or only one bracket) it also
needs its 号. Bare ``2020年第3号`` without 公告/通告 is never taken to be a 文号.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from rag.grammar import CJK, simplified
from rag.places import PROVINCES

__all__ = [
    "PROVINCE_ABBREVIATIONS",
    "DocNumber",
    "DocNumberMatch",
    "find_doc_numbers",
    "normalize_doc_number",
    "parse_doc_number",
]

PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "京": "北京",
    "津": "天津",
    "沪": "上海",
    "渝": "重庆",
    "冀": "河北",
    "晋": "山西",
    "蒙": "内蒙古",
    "辽": "辽宁",
    "吉": "吉林",
    "黑": "黑龙江",
    "苏": "江苏",
    "浙": "浙江",
    "皖": "安徽",
    "闽": "福建",
    "赣": "江西",
    "鲁": "山东",
    "豫": "河南",
    "鄂": "湖北",
    "湘": "湖南",
    "粤": "广东",
    "桂": "广西",
    "琼": "海南",
    "川": "四川",
    "蜀": "四川",
    "黔": "贵州",
    "贵": "贵州",
    "滇": "云南",
    "云": "云南",
    "藏": "西藏",
    "陕": "陕西",
    "甘": "甘肃",
    "陇": "甘肃",
    "青": "青海",
    "宁": "宁夏",
    "新": "新疆",
}
"""单字简称 → province short name, as used at the start of provincial 文号 prefixes."""

# Inner Mongolia's agencies write 内 (内卫疾控发), which is not a general-purpose 简称 and
# would misfire if PROVINCE_ABBREVIATIONS were used to read place names in ordinary text.
_DOCNO_ONLY_ABBREVIATIONS = {"内": "内蒙古"}

# Prefixes of central-government issuers. Checked after provinces, none starts with a
# province character.
_NATIONAL_PREFIXES = (
    "国",
    "中",
    "全国",
    "联防联控",
    "发改",
    "民发",
    "民函",
    "医保",
    "药监",
    "财",
    "人社",
    "工信",
    "教",
    "卫",
    "食药监",
    "公告",
    "通告",
)

_PROVINCE_NAMES = tuple(p for p in PROVINCES if p in set(PROVINCE_ABBREVIATIONS.values()))

MIN_PREFIX_LEN = 2
MAX_PREFIX_LEN = 12
# An issuing body's full name, glued to 公告 or 令, can be longer than any bracket-form
# prefix (广西壮族自治区药品监督管理局, 新疆维吾尔自治区卫生健康委员会).
MAX_AGENCY_LEN = 20
MIN_YEAR = 1949
MAX_YEAR = 2100

_CJK = CJK
_D = "0-9０-９"
_OPEN = "〔[(（【［｛﹝"
_CLOSE = "〕])）】］｝﹞"
_CANONICAL_OPEN = "〔"
_CANONICAL_CLOSE = "〕"
_PAREN_OPENERS = "（("
_KINDS = ("公告", "通告")
# Issuers of 公告/通告 end in one of these (国家药监局, 卫生健康委, 药审中心 …); requiring it keeps
# "本公告" or "审评审批公告" from being read as an agency.
_AGENCY_SUFFIXES = "局委部署院会办厅司心"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# Words that cannot be part of an agency prefix; the prefix starts after the last one. Only
# words that never occur inside real prefixes are listed: e.g. 办法 is absent because of
# 国卫办法规函, 经 because of 经信委, 并 because of 并政办发 (太原).
_STOP_WORDS = (
    "根据",
    "按照",
    "依据",
    "依照",
    "参照",
    "对照",
    "遵照",
    "关于",
    "印发",
    "转发",
    "下发",
    "发布",
    "颁布",
    "执行",
    "落实",
    "贯彻",
    "结合",
    "参考",
    "通过",
    "制定",
    "出台",
    "修订",
    "废止",
    "通知",
    "意见",
    "要求",
    "规定",
    "方案",
    "批复",
    "决定",
    "公告",
    "通告",
    "文件",
    "附件",
    "文号",
    "字号",
    "详见",
    "参见",
    "以及",
    "现将",
    "同时",
    "其中",
    "包括",
    "的",
    "之",
    "和",
    "及",
    "与",
    "或",
    "在",
    "对",
    "将",
    "把",
    "被",
    "以",
    "于",
    "由",
    "为",
    "等",
    "号",
    "年",
    "月",
    "日",
    "第",
    "按",
    "据",
    "依",
    "即",
    "是",
    "了",
    "见",
    "请",
    "我",
    "各",
    "该",
    "此",
    "其",
    "从",
    "向",
    "如",
    # Adverbs a chat turn tells the order of events with (后来医保办发〔2024〕19号…).
    "后来",
    "随后",
    "然后",
    "先后",
    "最后",
    "又",
    # Words a question runs into a 文号 with (2021年初的时候国卫医发…, 请问国卫…, 那天…).
    "时候",
    # "文号印作…号", "误写为…号": how a text says a number is printed.
    "印作",
    "印为",
    "写作",
    "写为",
    "记作",
    "记为",
    "那天",
    "这天",
    # "那琼卫医函〔2020〕193号的…", "这国卫医发…": a demonstrative a question opens with.
    "那",
    "这",
    "当天",
    "当时",
    "那时",
    "问",
    "吗",
    "呢",
    "吧",
    "那个",
    "这个",
    "那份",
    "这份",
    "那篇",
    "这篇",
)

# What comes before the 年 of a date or period (the run of CJK starts after 2020 itself).
_YEAR_WORD_BEFORE = "〇零一二三四五六七八九十今明去前后每当同本该上下次"

# Gaps are bounded so that a match never runs across whole paragraphs; PDF extraction puts at
# most a blank line or two inside a 文号.
_WS = r"\s{0,8}"
_YEAR = rf"(?<![{_D}])(?P<year>[{_D}]{{4}})"
_SERIAL = rf"(?P<serial>[0０]{{0,4}}[{_D}]{{1,6}})(?![{_D}])"

# 号召 ("call on") can start the next paragraph right after a 号-less number.
_BRACKET_CORE = re.compile(
    rf"(?P<open>[{re.escape(_OPEN)}])?{_WS}{_YEAR}{_WS}(?P<close>[{re.escape(_CLOSE)}])?"
    # 〔2023〕第5号: a 第 after the year's closing bracket, as some agencies print it.
    rf"{_WS}(?(close)(?:第{_WS})?){_SERIAL}(?:{_WS}(?P<hao>号)(?!召))?"
)
_ANNOUNCEMENT = re.compile(
    rf"(?P<kind>公告|通告)(?P<title_close>\s{{0,4}}[》>〉])?{_WS}(?P<paren>[（(])?{_WS}"
    rf"{_YEAR}{_WS}年{_WS}第{_WS}{_SERIAL}{_WS}号"
)
# The further numbers of a bracket-form series: 〔2020〕1号、2号、3号, 〔2020〕357号和405号.
_SERIES_ITEM = re.compile(rf"{_WS}(?:、|和|及|与|以及){_WS}(?P<item>{_SERIAL}{_WS}号)(?!召)")
# Announcements are cited in lists: 公告（2016 年第 134 号、2017 年第 146 号和 2019 年第 56 号）.
_CONTINUATION = re.compile(
    rf"{_WS}[、，,和及与]{_WS}(?P<item>{_YEAR}{_WS}年{_WS}第{_WS}{_SERIAL}{_WS}号)"
)

_PARSE_BRACKET = re.compile(
    rf"(?P<prefix>[{_CJK}\s]+?)\s*(?P<open>[{re.escape(_OPEN)}])?\s*(?P<year>[{_D}]{{4}})"
    rf"\s*(?P<close>[{re.escape(_CLOSE)}])?\s*(?(close)(?:第\s*)?)"
    rf"(?P<serial>[0０]{{0,4}}[{_D}]{{1,6}})\s*号?"
)
_PARSE_ANNOUNCEMENT = re.compile(
    rf"(?P<agency>[{_CJK}\s]*?)(?P<kind>公告|通告)\s*(?:[》>〉]\s*)?[（(]?\s*(?P<year>[{_D}]{{4}})"
    rf"\s*年\s*第\s*(?P<serial>[0０]{{0,4}}[{_D}]{{1,6}})\s*号\s*[）)]?"
)
# 令第8号 / 第8号令, the agency before it.
_ORDER = re.compile(
    rf"令{_WS}第{_WS}{_SERIAL}{_WS}号|第{_WS}{_SERIAL.replace('serial', 'serial2')}{_WS}号令"
)
_PARSE_ORDER = re.compile(
    rf"(?P<agency>[{_CJK}\s]+?)\s*(?:令\s*第\s*(?P<serial>[{_D}]{{1,6}})\s*号"
    rf"|第\s*(?P<serial2>[{_D}]{{1,6}})\s*号令)"
)
_PRC = "中华人民共和国"
# Orders of central bodies (卫生部令, 国家卫生健康委员会令, 国务院令) are national.
_CENTRAL_ORDER_ENDINGS = ("部令", "委员会令", "总局令", "国务院令", "署令", "局令")
_TRIM = " \t\r\n\u3000\xa0，。；：、,.;:\"'“”‘’"
_CJK_CHAR = re.compile(rf"[{_CJK}]")
_WHITESPACE = re.compile(r"\s+")
# Longest run of characters looked at behind a bracket; longer runs are running text.
_SCAN_LIMIT = 24


@dataclass(frozen=True)
class DocNumber:
    """One 文号, reduced to the parts that identify it.

    ``prefix`` is the agency prefix without whitespace for the bracket form (``"国卫办医函"``),
    and ``"公告"``/``"通告"`` — with the issuing agency in front when the text glued it on
    (``"国家药监局公告"``) — for the announcement form. ``form`` is ``"bracket"`` or
    ``"announcement"``.
    """

    prefix: str
    year: int
    serial: int
    form: str

    def __post_init__(self) -> None:
        if self.form not in ("bracket", "announcement", "order"):
            raise ValueError(
                f"form must be 'bracket', 'announcement' or 'order', not {self.form!r}"
            )

    @property
    def normalized(self) -> str:
        """Canonical spelling: ``国卫办医函〔2020〕357号`` or ``公告2020年第62号``."""
        if self.form == "announcement":
            return f"{self.prefix[-2:]}{self.year}年第{self.serial}号"
        if self.form == "order":
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    @property
    def region_prefix(self) -> str | None:
        """Province implied by the issuer, ``"全国"`` for central issuers, ``None`` if unknown.

        City-level prefixes (平政办发) and prefixes such as 局函 give ``None``. Prefixes shared
        by a province and a city (宁政发: 宁夏 or 南京) resolve to the province.
        """
        if self.form == "announcement":
            agency = self.prefix[:-2]
            return _region_of(agency) if agency else "全国"
        if self.form == "order":
            return _region_of(self.prefix) or (
                "全国" if self.prefix.endswith(_CENTRAL_ORDER_ENDINGS) else None
            )
        return _region_of(self.prefix)


@dataclass(frozen=True)
class DocNumberMatch:
    """A 文号 found in running text; ``raw == text[start:end]``."""

    doc_number: DocNumber
    raw: str
    start: int
    end: int


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a string that is one 文号 as a whole, tolerating the variants in the module doc.

    Surrounding whitespace, sentence punctuation, quotes and one pair of wrapping parentheses
    are ignored. Returns ``None`` when the string is not exactly one plausible 文号 (year outside
    1949–2100, serial 0, prefix outside 2–12 CJK characters or containing words such as
    的/根据/印发, bare ``2020年第62号`` without 公告/通告).
    """
    s = text.strip(_TRIM)
    if len(s) >= 2 and s[0] in _PAREN_OPENERS and s[-1] in "）)":
        s = s[1:-1].strip(_TRIM)
    if not s:
        return None

    m = _PARSE_ANNOUNCEMENT.fullmatch(s)
    if m is not None:
        agency = _WHITESPACE.sub("", m.group("agency"))
        if agency and not _is_agency(agency):
            return None
        return _make(agency + m.group("kind"), m.group("year"), m.group("serial"), "announcement")

    m = _PARSE_ORDER.fullmatch(s)
    if m is not None:
        agency = _order_agency(m.group("agency"))
        if not agency:
            return None
        return _make_order(agency, m.group("serial") or m.group("serial2"))

    m = _PARSE_BRACKET.fullmatch(s)
    if m is None:
        return None
    prefix = _WHITESPACE.sub("", m.group("prefix"))
    if not _is_valid_prefix(prefix):
        return None
    return _make(prefix, m.group("year"), m.group("serial"), "bracket")


def normalize_doc_number(text: str) -> str:
    """Canonical form of the 文号 that ``text`` is (see :func:`parse_doc_number`), else ``""``."""
    doc = parse_doc_number(text)
    return doc.normalized if doc is not None else ""


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every 文号 mentioned in ``text``, in order of position, without overlaps.

    The agency prefix is read backwards from the bracket and stops at punctuation, digits and
    Latin letters, and after words that cannot belong to a prefix (根据, 印发, 的 …), so
    ``按照《…的通知》（国卫办医函〔2020〕155号）`` yields ``国卫办医函〔2020〕155号`` with ``raw``
    starting at 国. A prefix broken across lines is joined only inside a parenthesised
    citation (``（国卫办医\\n\\n函〔2019〕903号）``): elsewhere the line above is usually a title.
    For announcement lists (``公告（2016年第134号、2017年第146号）``) the second and later items
    are returned with ``raw`` covering just ``2017年第146号``.
    """
    # Read on the simplified view (same length, so offsets carry over): a traditional 文号
    # (桂中醫藥發〔2020〕33號) is read as ingest reads a notice's own, and its prefix stops
    # at 見 as at 见; ``raw`` keeps the characters as written.
    view = simplified(text)
    candidates = _find_bracket_form(view) + _find_announcements(view) + _find_orders(view)
    if view != text:
        candidates = [replace(c, raw=text[c.start : c.end]) for c in candidates]
    candidates.sort(key=lambda c: (c.start, -c.end))
    result: list[DocNumberMatch] = []
    last_end = 0
    for cand in candidates:
        if cand.start >= last_end:
            result.append(cand)
            last_end = cand.end
    return result


def _find_bracket_form(text: str) -> list[DocNumberMatch]:
    found: list[DocNumberMatch] = []
    pos = 0
    while True:
        m = _BRACKET_CORE.search(text, pos)
        if m is None:
            return found
        # A rejected candidate may still hold the start of a real one, so resume one
        # character later instead of after the whole candidate.
        pos = m.start() + 1
        if not _brackets_ok(m.group("open"), m.group("close"), m.group("hao") is not None):
            continue
        scanned = _scan_prefix(text, m.start())
        if scanned is None:
            continue
        start, prefix = scanned
        start, prefix = _line_alone(text, start, m.end(), prefix)
        doc = _make(prefix, m.group("year"), m.group("serial"), "bracket")
        if doc is None:
            continue
        found.append(DocNumberMatch(doc, text[start : m.end()], start, m.end()))
        pos = m.end()
        if m.group("hao") is None:
            continue
        # A series written once for several numbers: 冀卫规〔2020〕1号、2号、3号 and
        # 国卫办医函〔2020〕357号和405号 are each a 文号 of that agency and year.
        while (item := _SERIES_ITEM.match(text, pos)) is not None:
            more = _make(prefix, m.group("year"), item.group("serial"), "bracket")
            if more is None:
                break
            found.append(DocNumberMatch(more, item.group("item"), item.start("item"), item.end()))
            pos = item.end()


# The stop words of one character: on a line of its own, such a character opening the 文号
# is its prefix's, the first of a county's or district's name (于都's 于卫健字, 即墨's 即卫发).
_ONE_CHAR_STOPS = frozenset(w for w in _STOP_WORDS if len(w) == 1)


def _line_alone(text: str, start: int, end: int, prefix: str) -> tuple[int, str]:
    """The prefix of a 文号 that stands alone on its line (a notice's head prints it so): a
    stop word of one character right before it, at the start of the line, is part of it.
    ``(start, prefix)`` unchanged otherwise."""
    k = start - 1
    if k < 0 or text[k] not in _ONE_CHAR_STOPS or len(prefix) + 1 > MAX_PREFIX_LEN:
        return start, prefix
    line_start = text.rfind("\n", 0, k) + 1
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end].strip()
    if text[line_start:k].strip() or (rest and not _TRAILING_DATE.fullmatch(rest)):
        return start, prefix
    if _names_region(prefix):
        return start, prefix  # 据国卫办医函…: a prefix naming its own region needs no place
    return k, text[k] + prefix


def _names_region(prefix: str) -> bool:
    """Whether a prefix opens with its province or the nation (苏卫医, 国卫办医函); a
    department's short name alone (卫健字, 医保发) names none, a county's may stand before it."""
    return _region_of(prefix) not in (None, "全国") or prefix.startswith(("国", "中", "全国"))


def _brackets_ok(open_: str | None, close: str | None, has_hao: bool) -> bool:
    """Whether brackets and 号 are strong enough evidence of a 文号 in running text."""
    if open_ and close:
        return (open_ == _CANONICAL_OPEN and close == _CANONICAL_CLOSE) or has_hao
    if open_ or close:
        return (open_ == _CANONICAL_OPEN or close == _CANONICAL_CLOSE) and has_hao
    return False


def _find_announcements(text: str) -> list[DocNumberMatch]:
    found: list[DocNumberMatch] = []
    for m in _ANNOUNCEMENT.finditer(text):
        paren = m.group("paren") is not None
        if m.group("title_close") and not paren:
            continue
        kind = m.group("kind")
        start = m.start()
        prefix = kind
        if not paren:
            agency = _scan_agency(text, m.start())
            if agency is not None:
                start, name = agency
                prefix = name + kind
        doc = _make(prefix, m.group("year"), m.group("serial"), "announcement")
        if doc is None:
            continue
        found.append(DocNumberMatch(doc, text[start : m.end()], start, m.end()))
        end = m.end()
        while (cont := _CONTINUATION.match(text, end)) is not None:
            item = _make(kind, cont.group("year"), cont.group("serial"), "announcement")
            if item is None:
                break
            i0, i1 = cont.span("item")
            found.append(DocNumberMatch(item, text[i0:i1], i0, i1))
            end = cont.end()
    return found


def _scan_prefix(text: str, end: int) -> tuple[int, str] | None:
    """Read the agency prefix that ends just before ``end`` (the bracket or year)."""
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    gap_has_newline = _has_newline(text[j:end])

    # Runs of CJK characters, nearest first, separated by whitespace.
    runs: list[tuple[int, int]] = []
    pos = j
    total = 0
    before = j
    while total < _SCAN_LIMIT:
        k = pos
        while k > 0 and total + (pos - k) < _SCAN_LIMIT and _is_cjk(text[k - 1]):
            k -= 1
        if k == pos:
            break
        runs.append((k, pos))
        total += pos - k
        before = k
        m = k
        while m > 0 and text[m - 1].isspace():
            m -= 1
        if m == k or m == 0 or not _is_cjk(text[m - 1]):
            before = m
            break
        pos = m
    if not runs:
        return None

    in_citation = total < _SCAN_LIMIT and before > 0 and text[before - 1] in _PAREN_OPENERS
    if in_citation:
        chosen = runs
    else:
        if gap_has_newline:
            return None
        chosen = runs[:1]
        # Letter-spaced headers: 综 合 浙 医 改 联 席 办〔2020〕2
        if runs[0][1] - runs[0][0] == 1:
            for prev, nxt in itertools.pairwise(runs):
                gap = text[nxt[1] : prev[0]]
                if nxt[1] - nxt[0] != 1 or _has_newline(gap):
                    break
                chosen.append(nxt)

    chars: list[tuple[int, str]] = []
    for a, b in reversed(chosen):
        chars.extend((i, text[i]) for i in range(a, b))
    joined = "".join(c for _, c in chars)
    lead = text[: chars[0][0]].rstrip()
    cut = _stop_cut(
        joined,
        dated=bool(lead) and lead[-1] in "0123456789０１２３４５６７８９",
        opens=not lead or lead[-1] in _UNIT_OPENERS or _has_newline(text[len(lead) : chars[0][0]]),
    )
    # "上海市医疗保障局沪医保规〔2024〕2号": the issuing body's full name written right before
    # its 文号 is not part of the prefix.
    named = _ISSUER_NAME.match(joined, cut)
    if named and len(joined) - named.end() >= MIN_PREFIX_LEN:
        cut = named.end()
    prefix = joined[cut:]
    if not MIN_PREFIX_LEN <= len(prefix) <= MAX_PREFIX_LEN:
        return None
    return chars[cut][0], prefix


# A body's name: a province, city, county or district (or 国家), then its office, in full
# or short (山东药监局, 国家卫健委, 省卫健委).
_ISSUER_NAME = re.compile(
    r"(?:[\u4e00-\u9fff]{1,7}?(?:省|市|自治区|县|区)|国家|省|市|县|"
    + "|".join(sorted(PROVINCES, key=len, reverse=True))
    + r")[\u4e00-\u9fff]{0,12}?"
    r"(?:局|委员会|厅|办公室|卫健委|卫计委|(?:卫生健康|卫生计生)委(?!员会))"
)


def _order_agency(raw: str) -> str:
    """The agency of an order, without whitespace and 中华人民共和国, with 令 appended; "" when
    the words are not an agency's name."""
    agency = _WHITESPACE.sub("", raw)
    agency = agency.removeprefix(_PRC)
    government = _is_valid_prefix(agency) and agency.endswith("政府")  # 省人民政府令
    if not (_is_agency(agency) or agency == "国务院" or government):
        return ""
    return agency + "令"


def _make_order(agency: str, serial: str) -> DocNumber | None:
    n = int(serial.translate(_FULLWIDTH_DIGITS))
    return DocNumber(prefix=agency, year=0, serial=n, form="order") if n >= 1 else None


def _find_orders(text: str) -> list[DocNumberMatch]:
    found: list[DocNumberMatch] = []
    for m in _ORDER.finditer(text):
        name = _words_before(text, m.start())
        if not name:
            continue
        start = m.start() - len(name)
        # 和 stops the backward scan inside 中华人民共和国: 国 alone is left of it.
        if name.startswith("国") and text[max(0, start - 6) : start] == _PRC[:-1]:
            start, name = start - 6, name[1:]
        elif text[max(0, start - len(_PRC)) : start] == _PRC:
            start -= len(_PRC)
        agency = _order_agency(name)
        doc = _make_order(agency, m.group("serial") or m.group("serial2")) if agency else None
        if doc is not None:
            found.append(DocNumberMatch(doc, text[start : m.end()], start, m.end()))
    return found


def _words_before(text: str, end: int) -> str:
    """The CJK words glued onto ``end`` from the left, after the last stop word."""
    k = end
    while k > 0 and end - k < _SCAN_LIMIT and _is_cjk(text[k - 1]):
        k -= 1
    run = text[k:end]
    return run[_stop_cut(run) :]


def _scan_agency(text: str, end: int) -> tuple[int, str] | None:
    """Agency words glued directly onto 公告/通告 (国家药监局公告), if any."""
    agency = _words_before(text, end)
    if not _is_agency(agency):
        return None
    return end - len(agency), agency


def _stop_cut(s: str, dated: bool = True, opens: bool = False) -> int:
    """Index just after the last stop word in ``s`` (0 when there is none).

    公告 / 通告 ending a prefix of its own (新卫公告〔2026〕7号, a 公告's bracket 文号) is part
    of it, not a stop word: the cut is then read in what precedes it. ``dated``: whether a
    digit comes right before ``s`` (so that a 日 opening it ends a date: 5日国卫…).
    ``opens``: ``s`` opens its line, field or bracket, so a conjunction as its first
    character joins nothing to it and is a place name's (和平卫健, 和田地卫)."""
    if s.endswith(_KINDS) and len(s) > 2:
        stem = s[:-2]
        cut = _stop_cut(stem, dated, opens)
        if len(stem) - cut >= MIN_PREFIX_LEN:
            return cut
    cut = 0
    for word in _STOP_WORDS:
        i = s.rfind(word)
        if opens and i == 0 and word in _CONJUNCTIONS:
            i = s.rfind(word, 1)
        while i > 0 and word in _CONJUNCTIONS and i - _stop_cut(s[:i], dated, opens) == 1:
            # One character is no conjunct: 沈和卫健 (沈阳 和平区) is a name, 和 within it.
            i = s.rfind(word, 0, i)
        if word == "年":
            # 年 of a date (2020年, 二〇二〇年, 今年) ends what precedes a prefix; the 年 of a
            # word (京卫老年, a 老年健康 office's prefix) does not.
            while i > 0 and s[i - 1] not in _YEAR_WORD_BEFORE:
                i = s.rfind(word, 0, i)
        elif word == "日":
            # 日 of a date (5日, 十五日) likewise; a prefix may open with 日 (日喀则's 日医保发,
            # 日照's 日政发) when no digit comes before it.
            while i >= 0 and not (s[i - 1] in _YEAR_WORD_BEFORE if i else dated):
                i = s.rfind(word, 0, i) if i else -1
        if i >= 0:
            cut = max(cut, i + len(word))
    return cut


# Conjunctions among the stop words: one opening a line, a field or a bracket joins nothing
# to it, so there it is the first character of a place's name (和平, 和田, 与…).
_CONJUNCTIONS = frozenset({"和", "及", "与", "或"})
# What may stand right before a prefix that opens a unit: an opening bracket, a field's colon.
_UNIT_OPENERS = "（(【[「“：:"


def _is_valid_prefix(prefix: str, longest: int = MAX_PREFIX_LEN) -> bool:
    return (
        MIN_PREFIX_LEN <= len(prefix) <= longest
        and all(_is_cjk(c) for c in prefix)
        and _stop_cut(prefix, opens=True) == 0
    )


def _is_agency(name: str) -> bool:
    return _is_valid_prefix(name, MAX_AGENCY_LEN) and name[-1] in _AGENCY_SUFFIXES


def _make(prefix: str, year: str, serial: str, form: str) -> DocNumber | None:
    y = int(year.translate(_FULLWIDTH_DIGITS))
    n = int(serial.translate(_FULLWIDTH_DIGITS))
    if not MIN_YEAR <= y <= MAX_YEAR or n < 1:
        return None
    return DocNumber(prefix=prefix, year=y, serial=n, form=form)


def _region_of(prefix: str) -> str | None:
    for name in _PROVINCE_NAMES:
        if prefix.startswith(name):
            return name
    if not prefix:
        return None
    first = prefix[0]
    if first in PROVINCE_ABBREVIATIONS:
        return PROVINCE_ABBREVIATIONS[first]
    if first in _DOCNO_ONLY_ABBREVIATIONS:
        return _DOCNO_ONLY_ABBREVIATIONS[first]
    if prefix.startswith(_NATIONAL_PREFIXES):
        return "全国"
    return None


def _is_cjk(ch: str) -> bool:
    return _CJK_CHAR.match(ch) is not None


def _has_newline(s: str) -> bool:
    return "\n" in s or "\r" in s


_LINE_MARKUP = re.compile(r"^#{1,6}\s*")
_TRAILING_DATE = re.compile(rf"[{_D}]{{4}}\s*年\s*[{_D}]{{1,2}}\s*月\s*[{_D}]{{1,2}}\s*日\s*$")


def parse_doc_number_line(line: str) -> tuple[DocNumber, str] | None:
    """A line that is only a 文号 (a notice header), optionally followed by its date.

    Returns the 文号 and the date text ("" when absent). Markdown heading marks are
    ignored, since converted notices often carry them.
    """
    text = _LINE_MARKUP.sub("", line).strip()
    date = ""
    m = _TRAILING_DATE.search(text)
    if m:
        date = m.group(0).strip()
        text = text[: m.start()].strip()
    if not text or len(text) > 40:
        return None
    parsed = parse_doc_number(text)
    if parsed is None and text[:1] in _ONE_CHAR_STOPS:
        # (the line is the 文号 alone: a stop word opening it is its prefix's, see _line_alone)
        rest = parse_doc_number(text[1:])
        if (
            rest is not None
            and rest.form == "bracket"
            and len(rest.prefix) < MAX_PREFIX_LEN
            and not _names_region(rest.prefix)
        ):
            parsed = replace(rest, prefix=text[0] + rest.prefix)
    return (parsed, date) if parsed is not None else None
