"""A single notice as a user brings it: a portal page, a disclosure page, a red-header
document, a PDF or DOCX, a repost or a news report about a notice.

Its metadata is read by position and context, through the simplified-character view of the
text (``rag.grammar.simplified``, same length, so every offset holds for the original):

* the **head** — the lines above the salutation or the first paragraph — holds page
  furniture (dropped), labelled fields (文号 / 发文字号 / 发文机关 / 成文日期 / 发布时间 … in
  a line, a table row or a label above its value), a red header (``××文件``), the own 文号
  (a bare or right-aligned line, after a label, on the title line, or a 公告 / 令 number) and
  the title (a 关于…的通知 line, wrapped lines joined; else the page's ``<title>``);
* a 文号 in the head that follows 《》 or 根据/转发 is cited, not the notice's own; every
  文号 of the body is cited;
* the **signature** (``rag.notices.signature``) gives issuer and date;
* a page whose head names a reporter or a news outlet and that has no own 文号 is a news
  report: its headline is the title, it has no issuer, and its date is its publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.docno import (
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
    parse_doc_number_line,
)
from rag.grammar import (
    CJK,
    DASH_DATE,
    DATE_LINE,
    LABELS,
    date_of_match,
    is_furniture,
    is_nav,
    iso_date,
    labelled_fields,
)
from rag.notices.compilation import _DOC_TYPES, _is_salutation
from rag.notices.signature import ORG_TOKEN, org_tokens
from rag.places import CITY_PROVINCE, PROVINCE_NAMES

# Where an issuer's name starts: a place, or a national body.
_PLACE_STARTS = (*PROVINCE_NAMES, *CITY_PROVINCE, "国家", "国务院", "中共", "省", "市", "县")

# How far down a page the head may reach before its body starts.
HEAD_LIMIT = 60
_LABEL_ONLY = re.compile(  # a label alone on its line, spaced or not (文  号：)
    r"^\s*[【\[]?("
    + "|".join(r"\s*".join(map(re.escape, k)) for k in sorted(LABELS, key=len, reverse=True))
    + r")[】\]]?\s*[:：]?\s*$"
)
_BODY_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第一[条章]|[（(]一[）)])")
_RED_HEADER = re.compile(r"^(?P<orgs>.{2,80}?)\s*文\s*件\s*$")
_REPOST_MARK = re.compile(r"^\s*[【\[](?:转载|转帖|转发|原创)[】\]]\s*")
_CITING = re.compile(r"[《》]|根据|按照|依据|转发|贯彻|落实|参照")
_NEWS = re.compile(r"记者|通讯员|本报讯|新华社|客户端|答记者问|政策解读|解读[:：]?$|图解")
_MEDIA = re.compile(r"(?:报|网|台|新闻|社|客户端|融媒|在线|频道)$")
_ANNOUNCEMENT_NO = re.compile(r"^[（(]?\s*(\d{4})\s*年\s*第\s*(\d{1,4})\s*号\s*[）)]?$")
# How a single notice's title ends: the document types of compilations' headers, and those
# that come alone on a portal (公示, 预案, 条例 …).
_TITLE_END = (
    *_DOC_TYPES, "公告", "通告", "复函", "函", "公示", "预案", "条例", "指引", "请示", "须知",
    "章程", "倡议书", "公开信",
)  # fmt: skip
_SITE_WORDS = re.compile(r"网$|网站|门户|官网|首页|人民政府$|委员会$|局$|厅$|政务")
_PAGE_TITLE_SPLIT = re.compile(r"\s*[_|｜]\s*|\s+[-—–]+\s+|\s*--\s*")


@dataclass
class Head:
    """What the head of a single notice says (values from the simplified view)."""

    body_start: int
    fields: dict[str, str] = field(default_factory=dict)
    doc_number: str = ""
    title: str = ""
    red_header: list[str] = field(default_factory=list)
    news: bool = False
    furniture: set[int] = field(default_factory=set)
    # The organisation line right above the title, when it is not part of the title.
    issuer_line: str = ""
    # A date printed after the own 文号 ("平政办发〔2020〕81号 2020年10月30日").
    docno_date: str = ""
    # The head ends at a salutation (各…：), as a notice's does; an article's does not.
    salutation: bool = False
    # The line an article would have as its headline.
    headline: str = ""


def furniture_lines(view: list[str]) -> set[int]:
    """Indexes of page-furniture lines (breadcrumbs, counters, print/close, footers, nav,
    and menus whose items a page lists one to a line)."""
    out = set()
    for i, line in enumerate(view):
        text = line.strip()
        if not text:
            continue
        if (len(text) <= 80 and is_furniture(text)) or is_nav(text):
            out.add(i)
    return out | _menu_runs(view)


# The label over a list of links to other documents.
_LINK_LIST_LABEL = re.compile(
    r"^\s*[【\[]?(?:相关(?:文件|链接|阅读|文章|政策|解读|附件|推荐)|延伸阅读|推荐阅读|关联文件)"
    r"[】\]]?\s*[:：]?\s*$"
)


def _first_prose(view: list[str]) -> int:
    """The first line that reads as a sentence (len(view) when none)."""
    return next(
        (i for i, line in enumerate(view) if re.search(r"[，。；]", line) and len(line) >= 20),
        len(view),
    )


def _is_link_item(line: str) -> bool:
    """Another document's title, with its 文号 ("关于…的通知（…〔2022〕15号）")."""
    found = find_doc_numbers(line)
    # The own number is printed before a title on its line ("冀卫医〔2005〕23号　河北省…"), a
    # link's after the title it belongs to.
    return (
        bool(found)
        and bool(line[: found[0].start].strip())
        and _names_another_document(line, found[0].doc_number.normalized)
    )


def link_lists(view: list[str]) -> set[int]:
    """Lists of links to other documents above the text: the titles with their 文号 under
    相关文件 / 延伸阅读 …, and two or more of them one after another."""
    end = _first_prose(view)
    out: set[int] = set()
    i = 0
    while i < end:
        text = view[i].strip()
        if _LINK_LIST_LABEL.match(text):
            out.add(i)
            j = i + 1
            # Items with their 文号 (a title without one may be the page's own, below).
            while j < end and (_is_link_item(view[j]) or is_furniture(view[j])):
                out.add(j)
                j += 1
            i = j
            continue
        if _is_link_item(view[i]) and i + 1 < end and _is_link_item(view[i + 1]):
            j = i
            while j < end and _is_link_item(view[j]):
                out.add(j)
                j += 1
            i = j
            continue
        i += 1
    return out


# A menu item: a few characters, no digit, no punctuation (首页, 政务公开, 办事指南).
_MENU_ITEM = re.compile(rf"^[{CJK}A-Za-z ]{{1,8}}$")
# So many items one to a line make a menu; a notice's short lines (stacked names, 附件,
# headings) are not menu items or come fewer together.
MENU_RUN = 5


def _menu_runs(view: list[str]) -> set[int]:
    """Lines in runs of menu items, one to a line (a page's <li> menus), above the page's
    first sentence or below its last: a list inside the text (names in a 公示) stays."""
    prose = [i for i, line in enumerate(view) if re.search(r"[，。；]", line) and len(line) >= 20]
    if not prose:
        return set()
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*view, ""]):
        if prose[0] <= i <= prose[-1]:
            line = ""
        text = line.strip()
        item = (
            bool(text)
            and _MENU_ITEM.match(text) is not None
            and not _is_orgs(text)
            and not _LABEL_ONLY.match(text)
        )
        if item:
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            out.update(run)
        run = []
    return out


def _body_start(view: list[str], skip: set[int]) -> int:
    """Where the body starts: its salutation, first heading or first paragraph, within
    HEAD_LIMIT lines of the page's own (furniture is not counted)."""
    seen = 0
    for i, line in enumerate(view):
        text = line.strip()
        if i in skip or not text:
            continue
        seen += 1
        if seen > HEAD_LIMIT:
            return i
        wrapped = (  # a recipients list wrapped onto the next line: 各省、…\n…卫生健康委：
            text.startswith("各")
            and i + 1 < len(view)
            and view[i + 1].strip().endswith(("：", ":"))
        )
        if (
            _is_salutation(view, i)
            and (text.endswith(("：", ":")) or wrapped)
            and not normalize_doc_number(text)
            and not _LABEL_ONLY.match(text)
            and not labelled_fields(text)
        ):
            return i
        if _BODY_START.match(text):
            return i
        # A paragraph: a long line with clauses, or a sentence that ends (a 公告 or an order
        # opens with one, no salutation above it).
        sentence = len(text) >= 20 and text.endswith("。") and "，" in text
        clauses = re.search(r"[，。；]", text) is not None
        if (len(text) >= 60 or sentence) and clauses and not labelled_fields(text):
            return i
    return len(view)


# How many lines after a repost's lead paragraph the notice it reposts may start.
_REPOST_LEAD_LINES = 8


def _reposted_head(view: list[str], end: int, skip: set[int]) -> tuple[int, int]:
    """Where a reposted notice's head starts and where the body starts, when the page opens
    with a lead paragraph and then prints the notice it reposts, head and all (a public
    account's "近日，市医保局…印发《…》，一起来看↓", then 关于…的通知 / 杭医保发〔2025〕33号 /
    各区、县（市）…：): its title and 文号 are the page's own, and the body starts at its
    salutation. ``(end, end)`` otherwise — also when the head above the lead already prints a
    文号 of its own (that page is the notice)."""
    none = (end, end)
    if end >= len(view) or _is_salutation(view, end):
        return none
    if any(_stands_alone(view, i, end) for i in range(end) if i not in skip):
        return none
    first = -1
    titled = numbered = False
    seen = 0
    for i in range(end + 1, len(view)):
        text = view[i].strip()
        if i in skip or not text:
            continue
        seen += 1
        if seen > _REPOST_LEAD_LINES:
            return none
        if _is_salutation(view, i) and text.endswith(("：", ":")):
            return (first, i) if titled and numbered else none
        if parse_doc_number_line(text) is not None:
            numbered = True
        elif _is_title_like(text) and ("关于" in text or text.endswith(_TITLE_END)):
            titled = True
        elif titled or numbered:
            return none  # prose between the title and the salutation: not a notice's head
        else:
            continue
        first = i if first < 0 else first
    return none


def _fields(view: list[str], end: int) -> dict[str, str]:
    out: dict[str, str] = {}
    i = 0
    while i < end:
        text = view[i].strip()
        label = _LABEL_ONLY.match(text)
        if label and i + 1 < end and not _LABEL_ONLY.match(view[i + 1].strip()):
            key = LABELS[re.sub(r"\s+", "", label.group(1))]
            out.setdefault(key, view[i + 1].strip())
            i += 2
            continue
        for key, value in labelled_fields(text).items():
            out.setdefault(key, value)
        i += 1
    return out


def _own_number(value: str) -> str:
    """The 文号 a labelled value holds ("" when none)."""
    whole = normalize_doc_number(value)
    if whole:
        return whole
    found = find_doc_numbers(value)
    return found[0].doc_number.normalized if found else ""


def _head_numbers(view: list[str], end: int, skip: set[int]) -> list[tuple[int, str]]:
    """(line, 文号) of every number in the head that is not cited there."""
    out = []
    for i in range(end):
        if i in skip:
            continue
        line = view[i]
        joined = line
        if line.rstrip().endswith("令") and i + 1 < end:
            joined = line.rstrip() + view[i + 1].strip()  # 令 above 第 13 号
        for m in find_doc_numbers(joined):
            if _CITING.search(joined[: m.start]):
                continue
            out.append((i, m.doc_number.normalized))
    return out


def _names_another_document(line: str, number: str) -> bool:
    """A head line that holds a 文号 beside another document's title: a related-files link
    ("关于…的通知（…〔2022〕15号）"), never where the page prints its own number."""
    rest = line
    for m in reversed(find_doc_numbers(line)):
        if m.doc_number.normalized == number:
            rest = line[: m.start] + line[m.end :]
    rest = re.sub(r"[（(【\[［〔]\s*[）)】\]］〕]", "", rest).strip(" \t\u3000·•-")
    return "关于" in rest or "《" in rest or (len(rest) >= 6 and rest.endswith(_TITLE_END))


def _stands_alone(view: list[str], i: int, end: int) -> bool:
    """Line ``i`` is only a 文号 (and its date), or an order's 令 over its 第N号."""
    line = view[i].strip()
    if line.endswith("令") and i + 1 < end:
        line += view[i + 1].strip()
    return parse_doc_number_line(line) is not None


def _is_title_like(text: str) -> bool:
    return (
        2 <= len(text) <= 90
        and len(re.findall(f"[{CJK}]", text)) >= 2
        and not re.search(r"[。；！？]$|[:：]$", text)
        and not DATE_LINE.match(text)
        and not labelled_fields(text)
        and not _LABEL_ONLY.match(text)
    )


def _clean_title(text: str) -> str:
    """A title line without repost marks and the number printed before or after it (the
    notice's own: a number inside the title, 《…》（…号）的通知, stays)."""
    text = _REPOST_MARK.sub("", text)
    # 公告（2023年第47号）: the number, not the word 公告, leaves the title.
    text = re.sub(r"[（(]\s*\d{4}\s*年\s*第\s*\d+\s*号\s*[）)]", "", text)
    for m in reversed(find_doc_numbers(text)):
        at_edge = m.start <= 2 or m.end >= len(text.rstrip()) - 2
        if at_edge and m.doc_number.form != "announcement":
            text = text[: m.start] + text[m.end :]
    text = re.sub(r"[（(【\[［〔]\s*[）)】\]］〕]|[（(【\[]\s*$", "", text)  # the number's brackets
    return text.strip(" \t\u3000")


# How a title line ends when it breaks off mid-phrase.
_OPEN_ENDS = ("的", "和", "与", "及", "、", "关于", "转发", "印发", "对", "进一步")
# A title opened by 关于 and not closed by 的 and its kind ("…关于规范食品安全企业标准"), and a
# line that closes one ("备案和加强风险监测结果应用的通知"), with no 关于 of its own.
_OPEN_ABOUT = re.compile(r"关于(?!.*的[^的]{1,6}$)")
_CLOSES = re.compile(r"^(?!.*关于).{2,40}的(?:" + "|".join(_TITLE_END) + r")$")
# How a wrapped title's next line starts, never a title of its own.
_CONTINUES = re.compile(
    r"^(?:[（(][^）)]{1,20}[）)]\s*)?(?:的|之|和|与|及|暨)(?!\S*[:：])|^[（(]\d{4}"
)


# A title glued into a longer line (a page whose blocks lost their line breaks): the
# issuer's name, 关于, and the words up to the document type.
_GLUED_TITLE = re.compile(
    rf"(?:{'|'.join(sorted(_PLACE_STARTS, key=len, reverse=True))})[^，。；：:\s]{{0,30}}?"
    r"关于[^，。；：:\s]{2,80}?(?:的)?(?:通知|意见|办法|方案|决定|公告|通告|复函|函|批复|规定|细则)"
)


def _glued_title(line: str) -> str:
    m = _GLUED_TITLE.search(line)
    return m.group(0) if m else ""


# "政策解读：…", "相关文件：…": a link to another document, never this one's title.
_LINK_LABEL = re.compile(r"^[^，。《“\s]{2,8}[:：]")
# What a link names: another document's title or number.
_LINKED = re.compile(r"《|关于|〔\d{4}〕")


@dataclass
class _TitleLine:
    line: int  # where the title starts
    text: str
    issuer_line: str = ""  # an organisation heading above it, not part of it
    end: int = -1  # the line after its last (wrapped) line


def _titles(view: list[str], end: int, skip: set[int], headings: set[int]) -> list[_TitleLine]:
    """Every 关于…的通知 title of the head, wrapped lines joined; the organisation line above a
    title is part of it ("国家卫生健康委 国家中医药局" / "关于…") unless it is the red header or
    a heading of its own (``headings``)."""
    found = []
    i = 0
    while i < end:
        text = _REPOST_MARK.sub("", view[i].strip())
        if i in skip or not text or _RED_HEADER.match(text) or not _is_title_like(text):
            i += 1
            continue
        bare = _clean_title(text)
        if not bare or normalize_doc_number(bare) or (bare == text and parse_doc_number(text)):
            i += 1
            continue
        if not ("关于" in bare or bare.endswith(_TITLE_END)) or _LINK_LABEL.match(bare):
            i += 1
            continue
        if _is_lead(bare):
            i += 1
            continue
        parts = [bare]
        j = i + 1
        while (
            (
                not _clean_title("".join(parts)).endswith(_TITLE_END)
                # "…行动方案" / "（2023—2025年）的通知": a line no title starts with goes on
                # the one above, though that ended with a document type.
                or (j < end and _CONTINUES.match(view[j].strip()) is not None)
                # "…关于规范食品安全企业标准" / "备案和…应用的通知": a 关于 title not yet closed
                # by 的 and its kind goes on to a line that closes it.
                or (
                    j < end
                    and _OPEN_ABOUT.search(_clean_title("".join(parts))) is not None
                    and _CLOSES.search(view[j].strip()) is not None
                )
            )
            and j < end
            and j - i <= 3
            and j not in skip
            and view[j].strip()
            and _is_title_like(view[j].strip())
            and not normalize_doc_number(view[j].strip())
            # The bodies' names under a title are its byline, unless the title breaks off
            # before them (关于转发 / 国家卫生健康委办公厅…).
            and not (_is_orgs(view[j]) and not parts[-1].endswith(_OPEN_ENDS))
        ):
            parts.append(_clean_title(view[j].strip()))
            j += 1
        title = _clean_title("".join(parts))
        k, joined, issuer_line = i - 1, 0, ""
        before = bare.split("关于", 1)[0]
        while k >= 0 and (not before or _is_orgs(before)) and k not in skip and joined < 5:
            above = view[k].strip()
            if not above or _RED_HEADER.match(above) or not _is_orgs(above):
                break
            # A letterhead over a title that names the same body ("国家卫生健康委员会办公厅" /
            # "国家卫生健康委办公厅关于…的函") is a heading of its own.
            if k in headings or (before and _same_bodies(above, before)):
                issuer_line = above
                break
            title = above + title
            joined += 1
            k -= 1
        found.append(_TitleLine(i, title, issuer_line, j))
        i = j
    return found


def _is_lead(text: str) -> bool:
    """A line of prose that quotes a title ("近日，市医保局印发《关于…的通知》，一起来看↓"): its
    关于 are all within 《》 and a comma stands outside them. A title is no such line
    (《关于…的通知》政策解读 has no comma; 关于印发《X》的通知 has its 关于 outside)."""
    outside = re.sub(r"《[^《》]*》", "", text)
    return "关于" not in outside and bool(re.search(r"[，,]", outside))


def _pick_title(titles: list[_TitleLine], page_title: str) -> _TitleLine | None:
    """The notice's own title among the head's: the one the page's <title> names, else the
    last (links to other notices come above a page's title, never between it and the body)."""
    if not titles:
        return None
    wanted = re.sub(r"\s+", "", page_title_text(page_title))
    for t in titles:
        text = re.sub(r"\s+", "", t.text)
        if wanted and (text == wanted or (len(wanted) >= 8 and wanted in text)):
            return t
    return titles[-1]


def _nearest_number(numbers: list[tuple[int, str]], line: int, forwards: bool) -> str:
    """The number printed closest to the title line: on it, then just below, then above. A
    notice that forwards another (关于转发…) prints the forwarded one's number under its
    title, so there the number above comes first."""

    def side(i: int) -> int:
        below = i >= line
        return int(below) if forwards else int(not below)

    close = [(side(i), abs(i - line), n) for i, n in numbers if abs(i - line) <= 3]
    return min(close)[2] if close else ""


_IN_BRACKETS = re.compile(r"^[（(].*[）)]$")


def _own_candidates(
    view: list[str], numbers: list[tuple[int, str]], title: _TitleLine
) -> list[tuple[int, str]]:
    """The head's numbers that may be the notice's own, by the title: under a 关于转发《…》
    title, a number in brackets below it is the forwarded document's."""
    if "转发" not in title.text:
        return numbers
    return [
        (i, n)
        for i, n in numbers
        if not (i >= max(title.end, title.line + 1) and _IN_BRACKETS.match(view[i].strip()))
    ]


def _same_bodies(a: str, b: str) -> bool:
    """Two lines naming the same bodies, in full or short forms (委员会 / 委)."""

    def names(text: str) -> list[str]:
        return [re.sub(r"委员会", "委", t) for t in org_tokens(text)]

    return bool(names(a)) and names(a) == names(b)


def _is_orgs(text: str) -> bool:
    """A line that is only organisation names (separated by spaces or 、)."""
    return bool(org_tokens(text))


def _red_header(view: list[str], end: int) -> list[str]:
    for i in range(min(end, 12)):
        if view[i].strip() == "文件":  # the bodies stacked on the lines above a lone 文件
            names: list[str] = []
            for k in range(i - 1, max(-1, i - 6), -1):
                above = org_tokens(view[k])
                if not above:
                    break
                names = above + names
            if names:
                return names
        m = _RED_HEADER.match(view[i].strip())
        if m:
            names = [t for t in re.split(r"[\s、]+", m.group("orgs")) if ORG_TOKEN.fullmatch(t)]
            # Joint headers stack the other bodies on the lines around 文件.
            for k in (i - 1, i + 1, i - 2, i + 2):
                extra = org_tokens(view[k]) if 0 <= k < end else []
                if extra and not _RED_HEADER.match(view[k]):
                    names = extra + names if k < i else names + extra
            return names
    return []


def page_title_text(page_title: str) -> str:
    """An HTML ``<title>`` without the site's name ("标题_某省卫生健康委员会" → "标题")."""
    parts = [p for p in _PAGE_TITLE_SPLIT.split(page_title.strip()) if p.strip()]
    if len(parts) > 1:
        parts = [p for p in parts if not _SITE_WORDS.search(p)] or parts[:1]
    return max(parts, key=lambda p: ("关于" in p, len(p)), default="").strip()


def read_head(view: list[str], page_title: str = "", headings: set[int] | None = None) -> Head:
    """The head of a single notice (``view``: its lines in simplified characters;
    ``headings``: the lines that were marked as headings of their own, e.g. Markdown #)."""
    furniture = furniture_lines(view)
    # Links to other documents stay in the text (they are cited) but give the head nothing.
    skip = furniture | link_lists(view)
    end = _body_start(view, skip)
    lead, reposted = _reposted_head(view, end, skip)
    # (The lead paragraph above a reposted notice's head gives the head nothing.)
    skip |= set(range(end, lead))
    end = reposted
    head = Head(body_start=end, furniture=furniture)
    head.salutation = end < len(view) and view[end].strip().endswith(("：", ":"))
    head.fields = _fields(view, end)
    head.red_header = _red_header(view, end)
    chosen = _pick_title(_titles(view, end, skip, headings or set()), page_title)
    title_lines = range(chosen.line, max(chosen.end, chosen.line + 1)) if chosen else range(0)
    numbers = [
        (i, n)
        for i, n in _head_numbers(view, end, skip)
        if i in title_lines or not _names_another_document(view[i], n)
    ]
    if chosen is not None:
        head.title, head.issuer_line = chosen.text, chosen.issuer_line
        if _ANNOUNCING.match(chosen.text):
            # 某市人民代表大会常务委员会公告 over "《X条例》已于…通过…现予公布": the page is
            # the rule it promulgates, as its users name it.
            head.title = _promulgated(view, end) or head.title
    # The own 文号: labelled, else the one printed at the title, else the first of the head
    # that stands on a line of its own, on a page that is not an article (a number on its own
    # line far from an article's headline is a related file's).
    # What the head says of the page itself: not its furniture, nor a link to another
    # document (相关解读：《…》政策解读 names the linked page's kind, not this one's).
    head_text = "\n".join(
        line
        for i, line in enumerate(view[: min(len(view), end + 3)])
        if i not in skip and not (_LINK_LABEL.match(line.strip()) and _LINKED.search(line))
    )
    article = bool(_NEWS.search(head_text))
    if chosen is not None:
        numbers = _own_candidates(view, numbers, chosen)
    alone = [n for i, n in numbers if _stands_alone(view, i, end)]
    head.doc_number = (
        _own_number(head.fields.get("doc_number", ""))
        or (_nearest_number(numbers, chosen.line, "转发" in chosen.text) if chosen else "")
        or (alone[0] if alone and not article else "")
    )
    for i in range(end):
        found = parse_doc_number_line(view[i].strip())
        if found is not None and found[0].normalized == head.doc_number and found[1]:
            head.docno_date = iso_date(found[1])
    if not head.title:
        # Furniture lines too: a page copied without line breaks glues its menu, breadcrumb
        # and title into one line.
        glued = next((t for i in range(end) if (t := _glued_title(view[i]))), "")
        head.title = (
            _clean_title(head.fields.get("title", ""))
            or _promulgated(view, end)
            or glued
            or page_title_text(page_title)
        )
    if not head.doc_number and head.title.endswith(("公告", "通告")):
        for i in range(end):
            m = _ANNOUNCEMENT_NO.match(view[i].strip())
            if m:
                head.doc_number = f"公告{int(m.group(1))}年第{int(m.group(2))}号"
                break
    head.headline = _headline(view, end, skip, page_title, head.fields.get("outlet", ""))
    outlet = head.fields.get("outlet", "")
    head.news = not head.doc_number and bool(
        _NEWS.search(head_text) or (outlet and _MEDIA.search(outlet))
    )
    if head.news:
        head.title = head.headline or head.title
    return head


# A newspaper's or site's name printed above its articles (福建日报数字报, 某某新闻网).
_MASTHEAD = re.compile(
    r"(?:日报|晚报|时报|商报|导报|数字报|电子报|新闻网|客户端|融媒体?中心|频道)$"
)
# An edition line of an e-paper (第02版：要闻, 第A3版).
_EDITION = re.compile(r"^第\s*[A-Z]?\d{1,3}\s*版")


def _is_masthead(line: str, outlet: str) -> bool:
    """The outlet's name, an edition line or a dateline: above a headline, never one."""
    squashed = re.sub(r"\s+", "", line)
    outlet = re.sub(r"\s+", "", outlet)
    return bool(
        (outlet and squashed.startswith(outlet) and len(squashed) <= len(outlet) + 4)
        or (len(squashed) <= 16 and "关于" not in squashed and _MASTHEAD.search(squashed))
        or _EDITION.match(squashed)
        or _date(squashed)
    )


def _headline(view: list[str], end: int, skip: set[int], page_title: str, outlet: str = "") -> str:
    """An article's headline: the page's <title> when the page prints it, else its first line
    that reads like one (not the site's name, a masthead, a dateline, a menu or a label)."""
    headline = page_title_text(page_title)
    lines = [
        view[i].strip()
        for i in range(end)
        if i not in skip
        and _is_title_like(view[i].strip())
        and len(view[i].strip()) >= 6
        and not _is_orgs(view[i].strip())
        and not _is_masthead(view[i], outlet)
        and parse_doc_number_line(view[i].strip()) is None
    ]
    squashed = [re.sub(r"\s+", "", x) for x in lines]
    if headline and re.sub(r"\s+", "", headline) in squashed:
        return _COLUMN.sub("", headline)
    return _COLUMN.sub("", (lines[0] if lines else "") or headline)


# A portal column's label before an article's own headline (一图读懂｜《X》解读, 权威解读丨…,
# 一问一答 | …): where the site files the article, not its title.
_COLUMN = re.compile(r"^[^《》｜丨|:：]{2,6}\s*[｜丨|]\s*(?=\S.{7,})")


# An announcement's heading that names only its issuer (…人民代表大会常务委员会公告, …人民政府令).
_ANNOUNCING = re.compile(r"^(?!.*关于)[^《》]{4,40}(?:公告|令)$")
_PROMULGATED = re.compile(
    r"《([^《》]{4,60}?)》[^。]{0,80}?(?:现予公布|予以公布|现予发布|公布施行)"
)


def _promulgated(view: list[str], end: int) -> str:
    """The rule an order (令) promulgates: 《X》已经…通过，现予公布."""
    for line in view[: end + 5]:
        m = _PROMULGATED.search(line)
        if m:
            return m.group(1)
    return ""


def _date(text: str) -> str:
    """The date a label value or a head line gives: 2023-05-06 first, else 2023年5月6日 or
    二〇二三年五月六日 ("" when none)."""
    m = DASH_DATE.search(text)
    return (date_of_match(m) if m else "") or iso_date(text)


def published_date(head: Head, view: list[str], news: bool = False) -> str:
    """The publication date a page labels (发布时间 2023-05-06); for an article (``news``),
    else the first date of its head."""
    news = news or head.news
    for key in ("published_date",) + (("written_date",) if news else ()):
        if found := _date(head.fields.get(key, "")):
            return found
    if not news:
        return ""
    # A dateline may open the first paragraph.
    return next((d for line in view[: head.body_start + 1] if (d := _date(line))), "")


def written_date(head: Head) -> str:
    return _date(head.fields.get("written_date", ""))
