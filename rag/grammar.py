"""The grammar of Chinese official documents, in one place: character ranges, dates (Arabic
and Chinese numerals), date lines, labelled metadata fields, web-page furniture and the
traditional-character view that the loaders, cleaner, notice parser, chunker and answerer
read documents through; the province-level region names live in :mod:`rag.places`.

* ``CJK`` — the ideograph ranges (a character class body, for ``[{CJK}]``);
* ``ORG_ENDINGS`` — how an organisation's name ends (an alternation);
* ``DATE`` / ``CN_DATE`` / ``DASH_DATE`` — 2021年3月5日 (spaces allowed), 二〇二一年三月五日,
  2021-03-05; ``iso_date`` reads the first of them in a text; ``DATE_LINE`` a line that is
  only a date;
* ``HEADINGS`` — the numbered headings of a document body (附件, 第X章/节/条, 一、, （一）, 1.,
  （1）), each with its level and nesting rank; ``HEADING_START`` — a text that opens with a
  heading marker as written (those, 附件 as a prefix, 附表 and 第X部分); ``NUMBER_START`` — a
  text that opens with any number and a point (1. 1.1 1.2.1), as the answer stage reads
  sentences;
* ``ARTICLE_REF`` — 第十条 / 第10条 as a text cites an article (anywhere, not only as a
  heading); ``numeral_value`` reads 十 / 一百零一 / 10 as an int, ``cn_numeral`` and
  ``article_label`` write 10 as 十 and 第十条;
* ``LABELS`` — the labels of metadata fields on portal pages and disclosure tables
  (文号 / 发文字号 / 發文字號 / 索引号 / 发文机关 / 成文日期 / 发布日期 …), ``labelled_fields``;
* ``FURNITURE`` — lines of page furniture (breadcrumbs, 字号 大中小, 浏览次数, 打印本页,
  ICP备案号, 网站标识码 …) that are never part of a notice; ``is_nav`` — a navigation bar
  or breadcrumb line;
* ``simplified`` — a traditional→simplified view of a text of the same length (OpenCC), and
  ``strip_pinyin`` for repost junk like 發(fā)佈.
"""

from __future__ import annotations

import functools
import re

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# How an organisation's name ends (国家卫生健康委, …办公厅, …医疗保障局, …人民政府, …领导小组).
ORG_ENDINGS = "委员会|委|局|部|厅|院|办公室|办公厅|政府|中心|小组|机制|综合组|司|处|会|室|组|署|办"
# The offices that sign for a body (国家卫生健康委办公厅, 国家药监局综合司): a body named without
# them is the same body.
SIGNING_OFFICES = "办公厅|办公室|综合司|综合组"
# A title naming a reading of another document rather than a document (《X》政策解读, …答问,
# …有关问题解答, 答记者问, 一图读懂): read by the answer stage (a report beside the rule) and by
# the validity reading (it repeals and amends nothing).
READING_TITLE = "解读|问答|答问|解答|答记者问|读懂|图解|答疑|释疑"
# How the name of a kind of document ends (…办法, …实施方案, …暂行规定): what 本办法 / 本方案
# point at, and what a 《title》 usually ends with.
DOC_KINDS = (
    "办法|方案|通知|细则|意见|规定|规范|指南|标准|决定|公告|通告|目录|清单|制度|措施|规则|"
    "计划|条例|准则|规程|要点|纲要"
)

# Brackets, quotes and title marks a clause-ending comma inside does not end the clause:
# （国卫医发〔2019〕8号，以下简称《办法》）, “…，…”.
_OPENERS = "（(〔[【《〈“‘「"
_CLOSERS = "）)〕]】》〉”’」"


def clause_end(text: str, start: int = 0, stops: str = "，,；;。：:！？") -> int:
    """Offset of the first of ``stops`` at or after ``start`` that stands outside brackets,
    quotes and 《titles》 (len(text) when none): where the clause that runs from ``start``
    ends."""
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth = max(0, depth - 1)
        elif not depth and c in stops:
            return i
    return len(text)


# -- dates ---------------------------------------------------------------------------

DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# Zero as typed in Chinese-numeral years: 〇, 零, ○, and the letter O or digit 0 of a
# typewriter (二00五年, 二OO五年; full-width forms are half-width by the time text is read).
_CN_DIGITS = "〇零○ＯO０0一二三四五六七八九"
CN_DATE = re.compile(
    rf"([{_CN_DIGITS}](?:\s*[{_CN_DIGITS}]){{3}})\s*年\s*([十一二三四五六七八九](?:\s*[十一二])?)"
    r"\s*月\s*([十一二三四五六七八九廿卅](?:\s*[十一二三四五六七八九]){0,2})\s*日"
)
DASH_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
DATE_LINE = re.compile(rf"^\s*(?:{DATE.pattern}|{CN_DATE.pattern})\s*$")
_CN_VALUE = {
    **{c: 0 for c in "〇零○ＯO０0"},
    **{c: i for i, c in enumerate("一二三四五六七八九", start=1)},
}


# A range of years: 2024—2025年, 2024-2025, 2020年至2022年.
# A year a text names as a year: "2024年", "2024 年" (not the 2024 of a 文号 or a number).
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
YEAR_RANGE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*年?\s*(?:—|–|-|－|~|～|至|到)\s*((?:19|20)\d{2})(?!\d)"
)
# A year that dates a deadline, a target or a start (到2021年, 2021年底前, 2026年4月1日起,
# 2027年施行),
# not a document: what stands before or after it.
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!第)")
_TARGET_BEFORE = re.compile(r"(?:到|至|截至|截止|截止到|从|自)\s*$")
_TARGET_AFTER = re.compile(
    r"\s*(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?\s*)?"
    r"(?:底|末|前|以前|之前|起|以后|之后|后|内|(?:开始|正式)?(?:施行|实施|执行|生效))"
)


# A year told relative to the text's own date: a report of 2025 says 去年 for 2024.
_RELATIVE_YEAR = {"今年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "前年": -2}
_RELATIVE_YEARS = re.compile("|".join(sorted(_RELATIVE_YEAR, key=len, reverse=True)))


def relative_years(text: str, date: str) -> set[int]:
    """The years ``text`` tells relative to its ``date`` (an ISO date or one opening on its
    year): "去年全省共有1126家医院…" in a report of 2025-02-17 tells of 2024."""
    if not date[:4].isdigit():
        return set()
    year = int(date[:4])
    return {year + _RELATIVE_YEAR[w] for w in _RELATIVE_YEARS.findall(text)}


def document_years(text: str) -> set[int]:
    """The years ``text`` dates documents by ("2020年国家卫健委…", "2023年的指导意见"), not the
    deadlines, targets or starts it names ("到2021年…达到多少", "2021年底前", "从2024年起")."""
    return {
        int(m.group(1))
        for m in _YEAR_IN_TEXT.finditer(text)
        if not _TARGET_BEFORE.search(text, 0, m.start()) and not _TARGET_AFTER.match(text, m.end())
    }


def _cn_number(text: str) -> int | None:
    """一 … 三十一 (and 廿 / 卅) as an int."""
    text = re.sub(r"\s+", "", text).replace("廿", "二十").replace("卅", "三十")
    if not text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_VALUE.get(tens, -1) if tens else 1
        o = _CN_VALUE.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    if len(text) == 1:
        return _CN_VALUE.get(text)
    return None


def _valid(year: int, month: int, day: int) -> str:
    if 1949 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def date_of_match(m: re.Match[str]) -> str:
    """ISO date of a DATE, CN_DATE or DASH_DATE match ("" when it is not a real date)."""
    y, mo, d = m.groups()[:3]
    if y.isdigit():
        return _valid(int(y), int(mo), int(d))
    year_digits = [_CN_VALUE.get(c) for c in re.sub(r"\s+", "", y)]
    month, day = _cn_number(mo), _cn_number(d)
    if None in year_digits or month is None or day is None:
        return ""
    year = int("".join(str(x) for x in year_digits))
    return _valid(year, month, day)


def iso_date(text: str) -> str:
    """The first date in text (2021年3月5日, 二〇二一年三月五日) as YYYY-MM-DD, or ""."""
    found = [m for m in (DATE.search(text), CN_DATE.search(text)) if m]
    if not found:
        return ""
    return date_of_match(min(found, key=lambda m: m.start()))


def dates_in(text: str) -> list[tuple[int, str]]:
    """(offset, ISO date) of every written date in text, Arabic or Chinese numerals."""
    out = [(m.start(), date_of_match(m)) for m in DATE.finditer(text)]
    out += [(m.start(), date_of_match(m)) for m in CN_DATE.finditer(text)]
    return sorted((i, d) for i, d in out if d)


# -- numbered headings ------------------------------------------------------------------------

# Numerals of heading numbers (一 … 十, 百, 零/〇 as in 一〇一, 两).
HEADING_NUMERALS = "一二三四五六七八九十百零〇两"
_N = HEADING_NUMERALS
# The marker of each kind of numbered heading, with its level and nesting rank. "~" marks
# where PDF extraction leaves spaces inside a marker ("第 五 章", "( 一 )", "(一 )").
_HEADING_KINDS: tuple[tuple[str, int, float], ...] = (
    (rf"附~件~[{_N}\d]*~[:：]?$", 0, -1.0),  # a line that is only 附件 / 附件1：
    (rf"第~[{_N}\d]+~章", 0, 0.0),
    (rf"第~[{_N}\d]+~节", 1, 0.5),
    (rf"第~[{_N}\d]+~条", 1, 1.0),
    (rf"[{_N}]{{1,3}}~[、．.]", 1, 1.0),  # 一、
    (rf"[（(]~[{_N}]{{1,3}}~[）)]", 2, 2.0),  # （一）
    (r"\d{1,2}~(?:[、．]|\.(?!\d))", 3, 3.0),  # 1. / 1、, not a decimal (1.5)
    (r"[（(]~\d{1,2}~[）)]", 4, 4.0),  # （1）
)


def _spaced(marker: str) -> str:
    return marker.replace("~", r"\s*")


def _written(marker: str) -> str:
    return marker.replace("~", "")


HEADINGS: tuple[tuple[re.Pattern[str], int, float], ...] = tuple(
    (re.compile("^" + _spaced(marker)), level, rank) for marker, level, rank in _HEADING_KINDS
)
"""(pattern, level, nesting rank) of each kind of heading, matched against a stripped line,
spaces inside the marker allowed; the first that matches wins: 附件/附件N and 第X章 → level 0;
第X节, 第X条 and 一、 → 1; （一） → 2; 1. / 1、 → 3; （1） → 4. Ranks order the nesting (附件
above 章, 节 between 章 and 条); levels are what is reported."""
ATTACHMENT, CHAPTER, SECTION, ARTICLE, CN_ITEM, CN_PAREN_ITEM, NUM_ITEM, NUM_PAREN_ITEM = (
    pattern for pattern, _, _ in HEADINGS
)

# A text that opens (after any whitespace) with a heading marker as written, without spaces
# inside it: each kind above, 附件 as the start of any line ("附件：1.…", not only a line of
# its own), and 附表 and 第X部分, which open a block without taking part in the nesting.
HEADING_START = re.compile(
    r"\s*(?:"
    + "|".join(_written(marker) for marker, _, _ in _HEADING_KINDS if not marker.startswith("附"))
    + rf"|附[件表]|第[{_N}\d]+部分)"
)
# A text that opens with a number and a point or 、, whatever follows: an item (1. 12、), an
# outline number (1.1, 1.2.1) or an item that opens with a figure (1.2020年5月…); a decimal
# (46.6%) too. The answer stage reads sentences this way besides HEADING_START; the cleaner
# and the chunker do not, since a decimal at the start of a line would break a paragraph.
NUMBER_START = re.compile(r"\s*\d+[.．、]")


# -- article numbers ---------------------------------------------------------------------------

_NUMERAL_DIGITS = {
    **{c: 0 for c in "零〇○"},
    **{c: i for i, c in enumerate("一二三四五六七八九", start=1)},
    "两": 2,
}
_NUMERAL_UNITS = {"十": 10, "百": 100, "千": 1000}
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
# An article as a text cites it: 第十条, 第一百零一条, 第 10 条, 第１０条 (not 第十条例).
ARTICLE_REF = re.compile(r"第\s*([一二三四五六七八九十百千零〇○两\d０-９]{1,8})\s*条(?!例)")


def numeral_value(text: str) -> int | None:
    """A number written in Chinese numerals (十, 二十一, 一百零一, 一〇一, 两百) or digits
    (10, １０) as an int; None when ``text`` is not one."""
    s = re.sub(r"\s+", "", text).translate(_FULLWIDTH_DIGITS)
    if not s:
        return None
    if s.isascii() and s.isdigit():
        return int(s)
    if not all(c in _NUMERAL_DIGITS or c in _NUMERAL_UNITS for c in s):
        return None
    if not any(c in _NUMERAL_UNITS for c in s):  # 一〇一: written digit by digit
        return int("".join(str(_NUMERAL_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in _NUMERAL_UNITS:
            total += (1 if digit is None else digit) * _NUMERAL_UNITS[c]
            digit = None
        else:
            digit = _NUMERAL_DIGITS[c]
    return total + (digit or 0)


def cn_numeral(n: int) -> str:
    """``n`` (1 … 9999) in Chinese numerals as articles are numbered: 十, 十一, 四十, 一百零一,
    一百一十."""
    if not 1 <= n <= 9999:
        raise ValueError(f"cn_numeral: {n} is outside 1 … 9999")
    digits = "零一二三四五六七八九"
    out, gap = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            gap = bool(out)
            continue
        out += ("零" if gap else "") + digits[d] + unit
        gap = False
    return out[1:] if out.startswith("一十") else out


def article_label(n: int) -> str:
    """How a citation names article ``n``: 第十条."""
    return f"第{cn_numeral(n)}条"


# -- labelled fields (portal pages, disclosure tables) -------------------------------------

# label -> field; traditional forms read through ``simplified`` first.
LABELS: dict[str, str] = {
    "文号": "doc_number",
    "发文字号": "doc_number",
    "发文文号": "doc_number",
    "文件编号": "doc_number",
    "索引号": "index_number",
    "发文机关": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "发布单位": "issuer",
    "成文日期": "written_date",
    "发文日期": "written_date",
    "印发日期": "written_date",
    "发布日期": "published_date",
    "发布时间": "published_date",
    "公开日期": "published_date",
    "标题": "title",
    "文章标题": "title",
    "名称": "title",
    "文件名称": "title",
    "主题分类": "category",
    "主题词": "keywords",
    "关键字": "keywords",
    "关键词": "keywords",
    "来源": "outlet",
    "信息来源": "outlet",
    "有效性": "validity",
    "公开方式": "disclosure",
    "公文种类": "doc_type",
    "文种": "doc_type",
    "公开属性": "disclosure",
    "统一编号": "index_number",
    "时效": "validity",
}
_LABEL_ALT = "|".join(
    r"\s*".join(map(re.escape, label)) for label in sorted(LABELS, key=len, reverse=True)
)
_LONG_LABEL_ALT = "|".join(
    r"\s*".join(map(re.escape, label))
    for label in sorted(LABELS, key=len, reverse=True)
    if len(label) >= 3
)
# A label is followed by a colon, a tab (table cells) or, in some layouts, just spaces. Pages
# that glue table cells together ("…委员会主题分类卫生健康") leave no gap before a label, so
# one of three characters or more (主题分类, 发布机构) is a label wherever it stands.
LABEL = re.compile(
    rf"(?:[【\[])?((?<![{CJK}])(?:{_LABEL_ALT})|{_LONG_LABEL_ALT})(?:[】\]])?"
    rf"\s*(?:[:：]|\t|\s{{1,}}|(?=[{CJK}\d〔\[]))"
)


# A line that opens with a label and a colon ("发布日期：2021-06-08", "文　号：…").
LABEL_LINE = re.compile(rf"^\s*[【\[]?(?:{_LABEL_ALT})[】\]]?\s*[:：]")
# A table row that opens with a label cell ("发文机关\t…\t成文日期\t…").
LABEL_CELL = re.compile(rf"^\s*[【\[]?(?:{_LABEL_ALT})[】\]]?\s*\t")


def labelled_fields(line: str) -> dict[str, str]:
    """Fields of one line of label: value pairs ("发布时间：2023-05-06  来源：办公室")."""
    matches = list(LABEL.finditer(line))
    out: dict[str, str] = {}
    for i, m in enumerate(matches):
        label = re.sub(r"\s+", "", m.group(1))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        # A value ends at the next label, or at a gap (two spaces, a tab) before other text.
        value = re.split(r"\s{2,}|\t|\u3000{2,}", line[m.end() : end].strip(" \t\u3000|｜:："))[0]
        if value and LABELS[label] not in out:
            out[LABELS[label]] = value
    return out


# -- page furniture ------------------------------------------------------------------------

FURNITURE = re.compile(
    # (a breadcrumb, after a label of any wording: 当前所在：首页 ＞ 信息公开)
    r"(?:^|\s|网站|[:：])首页\s*[:：>＞»/]|(?:^\s*|您?当前的?|您的|您现在的|您?所在的?)位置\s*[:：>＞»/]"
    r"|字号\s*[:：]?\s*[\[【（(]?\s*大\s*中\s*小|字体\s*[:：]\s*[\[【（(]?\s*大\s*中\s*小"
    # (the font-size switch alone: 【大 中 小】)
    r"|[\[【（(]\s*大\s*中\s*小\s*[\]】）)]"
    # (a footer naming who runs the site: 某省卫生健康委员会主办　通讯地址：…)
    r"|[\u4e00-\u9fff]主办\s|^[^，。；：:]{2,30}主办\s*$"
    r"|浏览次数|阅读次数|访问量|点击数|浏览量"
    r"|打印本页|关闭窗口|打印\s*关闭|【\s*打印\s*】|【\s*关闭\s*】|分享到"
    r"|ICP\s*备|公网安备|公安备案|网站标识码|网站识别码|版权所有"
    # (who runs the site, named after the label: not a salutation ending …各热线承办单位：)
    r"|(?:主办|承办)单位\s*[:：]\s*\S"
    r"|技术支持\s*[:：]|上一篇\s*[:：]|下一篇\s*[:：]|附件下载\s*[:：]?$"
    r"|本页地址\s*[:：]|本文链接\s*[:：]|https?://"
)
# Words of footers and tool bars: furniture on a short line, or two of them on one line.
_NAV_TOKENS = re.compile(
    r"联系我们|网站地图|无障碍|扫一扫|手机版|English|繁體|简体版|相关链接|相关文章|隐私声明|长者模式"
)


def is_furniture(line: str) -> bool:
    """A line of web-page furniture: navigation, counters, print/close links, footers."""
    if FURNITURE.search(line):
        return True
    tokens = _NAV_TOKENS.findall(line)
    return len(tokens) >= 2 or (bool(tokens) and len(line.strip()) <= 12)


_NAV_WORDS = frozenset(
    re.findall(
        r"\S+",
        "首页 机构概况 政务公开 政务服务 互动交流 办事服务 新闻中心 新闻动态 信息公开 "
        "专题专栏 公众参与 健康科普 网上办事 政策文件 政策解读 通知公告 工作动态 走进卫健 数据发布 "
        "关于我们 联系我们 网站地图",
    )
)


# Between the steps of a breadcrumb or the items of a menu.
_CRUMB_SEPARATOR = re.compile(r"\s*(?:\||｜|>>?|＞|»|›)\s*")


def is_nav(line: str) -> bool:
    """A navigation bar or breadcrumb: short words separated by spaces, | or >, no sentence.
    (关于我们 / 关于本站, a menu's "about us", is not the 关于 of a title.)"""
    if re.search(r"[，。；：:]|关于(?!我们|本站|本网)", line):
        return False
    tokens = line.split()
    if (
        len(tokens) >= 4
        and all(len(t) <= 8 for t in tokens)
        and sum(t in _NAV_WORDS for t in tokens) >= 2
    ):
        return True
    # A menu copied without its spaces: 首页机构概况政务公开政务服务互动交流.
    squashed = "".join(tokens)
    words = [w for w in _NAV_WORDS if w in squashed]
    if len(words) >= 3 and sum(map(len, words)) >= 0.6 * len(squashed):
        return True
    # The steps of a breadcrumb, and the words of a step (the site's name, then its
    # sections: "某省卫生健康委员会　政务公开 ＞ 政策解读").
    crumbs = [w for c in _CRUMB_SEPARATOR.split(line) for w in c.split()]
    return (
        len(crumbs) >= 2
        and _CRUMB_SEPARATOR.search(line) is not None
        and all(len(c) <= 12 for c in crumbs)
        and any(re.search(f"[{CJK}]", c) for c in crumbs)
    )


# -- traditional characters and repost junk -------------------------------------------------

# Pinyin glosses some repost sites put after a character: 發(fā)佈, 醫（yī）療.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜǹńň"
_PINYIN = re.compile(rf"(?<=[{CJK}])[(（]\s*[a-zü]{{0,6}}[{_TONED}][a-zü{_TONED}]{{0,6}}\s*[)）]")


def strip_pinyin(text: str) -> str:
    """Text without pinyin glosses after characters (發(fā)佈 → 發佈)."""
    return _PINYIN.sub("", text)


@functools.lru_cache(maxsize=1)
def _t2s() -> object | None:
    try:
        import opencc
    except ImportError:  # the converter is optional: without it text is read as written
        return None
    # hk2s: Hong Kong variants (衞, 着) first, then traditional → simplified as t2s does.
    return opencc.OpenCC("hk2s")


def simplified(text: str) -> str:
    """A simplified-character view of text with the same length, so offsets carry over
    (國衛辦 → 国卫办, 侷 → 局); text that converts to another length is converted one
    character at a time."""
    converter = _t2s()
    if converter is None or not text:
        return text
    out: str = converter.convert(text)  # type: ignore[attr-defined]
    if len(out) == len(text):
        return out
    chars = [converter.convert(ch) for ch in text]  # type: ignore[attr-defined]
    return "".join(c if len(c) == 1 else ch for c, ch in zip(chars, text, strict=True))


def has_traditional(text: str) -> bool:
    """Whether the simplified view of text differs from it."""
    return simplified(text) != text
