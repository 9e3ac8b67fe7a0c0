"""Clean text extracted from PDFs and web pages before notices are split out.

The rules are general, not keyed to one file:

* page headers/footers are lines that repeat across the document and read like
  boilerplate (a site name, a series title, a URL); lone page numbers go too;
* page boundaries become a form feed line (``PAGE_BREAK``) so that the notice
  splitter can use them as weak boundary hints — PDF-to-text tools mark a new page
  with a single leading space, and removed headers/footers sit on page edges;
* lines broken mid-sentence by the PDF's column width are rejoined;
* spacing that PDF extraction puts between CJK characters and digits
  ("2020 年 4 月", "〔2020〕169 号", "国 家 疾 控 局") is removed, and full-width
  digits and Latin letters become half-width.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from rag.docno import parse_doc_number, parse_doc_number_line
from rag.grammar import (
    CJK,
    HEADING_START,
    LABEL_CELL,
    LABEL_LINE,
    ORG_ENDINGS,
    is_furniture,
    is_nav,
    simplified,
)
from rag.grammar import DATE_LINE as _DATE_LINE

PAGE_BREAK = "\f"

_CJK = CJK
# Sentence-final (or clause-final) punctuation: a line ending in one of these is complete.
_LINE_COMPLETE = tuple("。！？；：:;!?…”』」）)")
# Marks that close or continue what came before: no line of its own opens with one.
_CLOSING = tuple("”’』」》〕）)，,、。；;：:！!？?")
# A divider line (-----本期内容-----) opens a block like a heading does.
_DIVIDER = re.compile(r"^[-—]{3,}")
_FIELD_LINE = re.compile(
    r"^(?:发文机关|成文日期|标\s*题|发文字号|发布日期|类\s*别|关\s*键\s*字|主题分类|索\s*引\s*号)\s*[:：]"
)
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–]\s*)?(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[-—–])?$|^\d+\s*/\s*\d+$"
)
_URL = re.compile(r"(?i)www\.|https?://")
# A periodical's running head ("国家卫生健康委员会公报 2023·12", "…简报 2020年第3期") is a
# page header even where the extract keeps it only once.
_PERIODICAL_HEAD = re.compile(
    rf"^[{_CJK}]{{2,24}}(?:公报|简报|通讯|周刊|月刊|年鉴)\s*"
    r"(?:\d{4}\s*[·.．/-]\s*\d{1,2}|\d{4}\s*年\s*第\s*\d{1,3}\s*[期号])$"
)
# Lines ending like an organisation (signatures such as 国家卫生健康委办公厅) repeat legitimately.
_ORG_SUFFIX = re.compile(r"(?:委|局|部|厅|院|室|府|组|会|司|处|中心|机制|办)$")
_DOCNO_SPLIT_HAO = re.compile(
    r"([〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+)\s*\n(?:\s*\n)*\s*(号)"
)
# A 文号 broken after its year's bracket: 国卫医急发〔2023〕 / 29号.
_DOCNO_YEAR_END = re.compile(r"[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]$")
_DOCNO_SERIAL_START = re.compile(r"^\d{1,4}\s*号")
# A bracketed year and serial with no prefix (〔2031〕8号), and a line that can only be a 文号's
# prefix: a few CJK characters that do not end as a body's name or a red header does.
_DOCNO_NO_PREFIX = re.compile(r"^[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号$")
_DOCNO_PREFIX_LINE = re.compile(
    rf"^[{_CJK}]{{2,10}}$(?<!文件)(?<!委员会)(?<!政府)(?<!局)(?<!厅)(?<!部)(?<!中心)(?<!办公室)"
)
# A red header: the issuing bodies and 文件 ("国家卫生健康委员会文件", spaced or not).
_RED_HEADER = re.compile(rf"^[^，。；：:,]{{2,60}}?(?:{ORG_ENDINGS})\s*文\s*件$")
_SPACE_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}〔〕（）《》“”、，。：；])[ \t\u3000]+(?=[0-9A-Za-z])")
_SPACE_DIGIT_CJK = re.compile(rf"(?<=[0-9A-Za-z%])[ \t\u3000]+(?=[{_CJK}〔〕（）《》“”、，。：；])")
_GAP_CJK_DIGIT = re.compile(rf"(?<=[{_CJK}，。：；、])[ \u3000]+(?=[0-9A-Za-z])")
_GAP_DIGIT_CJK = re.compile(rf"(?<=[0-9A-Za-z%])[ \u3000]+(?=[{_CJK}，。：；、])")
_SPACE_CJK_PUNCT = re.compile(rf"(?<=[{_CJK}])[ \t\u3000]+(?=[〔〕（）《》“”、，。：；？！])")
_SPACE_PUNCT_CJK = re.compile(rf"(?<=[〔〕（）《》“”、，。：；？！])[ \t\u3000]+(?=[{_CJK}])")
# One space between two CJK characters is an extraction artefact ("国 家 疾 控 局"); two or
# more usually separate two names on a signature line, so they are kept as one space.
_SINGLE_SPACE_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_MULTI_SPACE = re.compile(r"[ \t\u3000\u00a0]{2,}")


_HALFWIDTH: dict[int, int | str] = {
    **{
        c: c - 0xFEE0
        for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
        for c in range(r[0], r[1] + 1)
    },
    **{ord(ch): " " for ch in "\u00a0\u2002\u2003\u2009"},
}


def to_halfwidth(text: str) -> str:
    """Full-width digits, Latin letters and spaces to half-width; CJK punctuation is kept."""
    return text.translate(_HALFWIDTH)


def _boilerplate_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def find_boilerplate_lines(lines: list[str], min_repeats: int = 4) -> set[str]:
    """Keys (digits masked, spaces removed) of repeating header/footer lines."""
    counts = Counter(_boilerplate_key(line) for line in lines if line.strip())
    url_prefixes = Counter(
        _boilerplate_key(line)[:8] for line in lines if _URL.search(line) and line.strip()
    )
    # A 文号 line repeats its digit-masked shape (国卫办医函〔#〕#号) across notices; keep it.
    docno_keys = {
        _boilerplate_key(line) for line in lines if line.strip() and parse_doc_number_line(line)
    }
    keys = set()
    for key, n in counts.items():
        if key in docno_keys:
            continue
        if n < min_repeats or len(key) < 5 or len(key) > 40:
            continue
        if key.endswith(_LINE_COMPLETE) or key.startswith(("（", "(")):
            continue
        if _opens_block(key) or _FIELD_LINE.match(key) or key.count("#") * 3 >= len(key):
            continue
        if _ORG_SUFFIX.search(key) and not _URL.search(key):
            continue
        keys.add(key)
    # Footers that carry a URL plus a varying title ("下载附件请登录… > 标题") share a prefix.
    keys.update(f"prefix:{p}" for p, n in url_prefixes.items() if n >= min_repeats - 1)
    return keys


def _is_boilerplate(line: str, keys: set[str]) -> bool:
    key = _boilerplate_key(line)
    return key in keys or (bool(_URL.search(line)) and f"prefix:{key[:8]}" in keys)


def _mark_pages(lines: list[str]) -> list[str]:
    """Replace headers/footers/page numbers with page breaks; keep the rest."""
    keys = find_boilerplate_lines(lines)
    out: list[str] = []
    skip_continuation = False
    for raw in lines:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        if skip_continuation:
            skip_continuation = False
            # A URL footer that wrapped: its tail is a short fragment with no full stop.
            if len(stripped) <= 45 and not stripped.endswith("。") and not raw.startswith(" "):
                continue
        if _is_boilerplate(stripped, keys) or _PERIODICAL_HEAD.match(stripped):
            if _URL.search(stripped):
                skip_continuation = True
            if not out or out[-1] != PAGE_BREAK:
                out.append(PAGE_BREAK)
            continue
        if _PAGE_NUMBER.match(stripped):
            if not out or out[-1] != PAGE_BREAK:
                out.append(PAGE_BREAK)
            continue
        # A single leading ASCII space opens a new page in pdftotext-style output.
        if raw.startswith(" ") and not raw.startswith("  ") and out and out[-1] != PAGE_BREAK:
            out.append(PAGE_BREAK)
        out.append(stripped)
    return out


def normalize_spacing(line: str) -> str:
    """Remove extraction spaces around CJK, digits and punctuation inside one line."""
    line = to_halfwidth(line)
    line = _SPACE_CJK_DIGIT.sub("", line)
    line = _SPACE_DIGIT_CJK.sub("", line)
    line = _SPACE_CJK_PUNCT.sub("", line)
    line = _SPACE_PUNCT_CJK.sub("", line)
    line = _SINGLE_SPACE_CJK.sub("", line)
    line = _MULTI_SPACE.sub("  ", line)
    return line.strip()


def close_digit_gaps(line: str) -> str:
    """Remove the spaces typeset between CJK text and numbers or Latin words ("14 个子系统").

    Tabs are kept: in extracted tables they separate cells.
    """
    line = _GAP_CJK_DIGIT.sub("", line)
    return _GAP_DIGIT_CJK.sub("", line)


def _typical_width(lines: list[str]) -> int:
    widths = Counter(len(line) for line in lines if len(line) >= 10)
    if not widths:
        return 0
    # The most common long width is the page's column width.
    return max(widths.most_common(5), key=lambda item: item[0])[0]


def _opens_block(line: str) -> bool:
    """A line that opens with a heading marker (一、 （一） 1. 第X条 附件 …) or a divider."""
    return bool(HEADING_START.match(line) or _DIVIDER.match(line))


# A question or answer of a 问答 page ("问：…", "答：…", "问1：…"): each opens a block.
_QA_TURN = re.compile(r"^\s*[问答](?:\s*\d{1,2})?\s*[：:]")


def _starts_block(line: str) -> bool:
    return bool(
        _opens_block(line)
        or _FIELD_LINE.match(line)
        or _DATE_LINE.match(line)
        or _QA_TURN.match(line)
        or line.startswith(("【", "#", "▶", "►", "▣", "·", "•"))
    )


# A table-of-contents entry: a page number, a space, then the title ("164 山东省…的通知").
_TOC_LINE = re.compile(r"^\d{1,4}\s+[^\d\s年月日号]")
# A line that opens a notice: "关于…" within its first words, or a document-type ending.
_TITLE_LIKE = re.compile(
    r"^.{0,20}关于|(?:通知|意见|决定|办法|方案|批复|公告|通告|规定|细则|指南)$"
)


# A title line ends with its document type; the line after it is a new one.
_TITLE_END = re.compile(
    r"关于.{2,80}(?:通知|意见|办法|方案|决定|公告|通告|函|批复|规定|细则)$"
    # … and a reading of one: 《关于…的通知》政策解读, 《X办法》答记者问.
    r"|《[^《》]{4,100}》(?:的)?(?:政策)?(?:解读|问答|答记者问)$"
)


def _ends_title(line: str) -> bool:
    """A line ending a title: …关于…的通知, with every 《 after its 关于 closed (关于公开征求
    《X（征求意见稿）》意见的公告 ends; 关于印发《X办法》的通 and …《关于…的通知 do not)."""
    line = simplified(line)  # 關於…的通知 ends a title as 关于…的通知 does
    if not _TITLE_END.search(line):
        return False
    after = line[line.rfind("关于") :]
    return "《" not in after or (
        after.count("《") == after.count("》") and after.rfind("》") < len(after) - 1
    )


# A rule drawn with characters (the red line under a red header, a divider): no text of its own.
_RULE_LINE = re.compile(r"^[\s═━─—－\-_=＝~～*＊·•…┄┅┈┉]{3,}$")


def _stands_alone(line: str) -> bool:
    """A labelled field, page furniture, a bare 文号 or a drawn rule: its own line, never a
    continuation."""
    view = simplified(line)
    return (
        bool(_RULE_LINE.match(view))
        or bool(LABEL_LINE.match(view) or _FIELD_LINE.match(view) or LABEL_CELL.match(view))
        or is_furniture(view)
        or is_nav(view)
        or (parse_doc_number_line(view) is not None)
        or bool(_RED_HEADER.match(view))
        or bool(_BYLINE.match(view))
    )


# A post's byline: the account, the day and the time it was posted, the place (大同健康在线
# 2025年07月31日 18:25 山西). Never a continuation of the headline above it, nor continued by
# the lead below.
_BYLINE = re.compile(
    r"^[^。，；！？]{0,24}?\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*"
    r"\d{1,2}:\d{2}(?::\d{2})?[^。，；！？]{0,12}$"
)


# The recipients line under a title ("各市卫生健康委，委直属各单位："): a new paragraph, never
# the end of the title line above it.
_RECIPIENTS = re.compile(r"^各.{1,200}[：:]$")


def rejoin_lines(lines: list[str], *, paragraphs: bool = False) -> list[str]:
    """Join lines that the PDF's column width broke mid-sentence.

    A line is continued by the next one when it is close to the column width, does not
    end a sentence, and the next line does not open a heading, field or date. A labelled
    field, page furniture, a bare 文号 or a table row (cells apart by tabs) is a line of its
    own on either side of a break. Blank lines between the two halves (PDF extractors put
    one after every line) are dropped. ``paragraphs``: every line break is the document's
    own (HTML blocks, DOCX paragraphs), so nothing is joined; only blank lines go.
    """
    if paragraphs:
        return [line for line in lines if line]
    width = _typical_width([line for line in lines if line != PAGE_BREAK])
    protected = _header_lines(lines)
    threshold = max(int(width * 0.8), 12) if width else 10**9
    out: list[str] = []
    protected_prev = False
    for index, line in enumerate(lines):
        if not line:
            continue
        if line == PAGE_BREAK:
            out.append(line)
            continue
        prev = _last_text(out)
        across_page = bool(out) and out[-1] == PAGE_BREAK
        is_protected = index in protected
        if (
            prev is not None
            and not is_protected
            and not protected_prev
            and line.startswith(_CLOSING)
            and not _stands_alone(out[prev])
        ):
            # A line opening with a closing mark (”医疗服务价格项目修改为…, ）的通知) ends what
            # the line before began, whatever that line's width or last character.
            out[prev] = out[prev] + line
            continue
        if (
            prev is not None
            and not is_protected
            and not protected_prev
            and len(out[prev]) >= threshold
            and not out[prev].endswith(_LINE_COMPLETE)
            and not _starts_block(line)
            and not _RECIPIENTS.match(line)
            and not _ends_title(out[prev])
            and not _DATE_LINE.match(out[prev])
            and not _stands_alone(line)
            # A sentence that wraps inside a URL is still one sentence.
            and not (_stands_alone(out[prev]) and not _URL.search(out[prev]))
            and not (
                across_page and (_TOC_LINE.match(out[prev]) or _TITLE_LIKE.search(simplified(line)))
            )
        ):
            # Continuation across a page break keeps the break out of the sentence.
            out[prev] = out[prev] + line
            continue
        out.append(line)
        protected_prev = is_protected
    return out


def _header_lines(lines: list[str]) -> set[int]:
    """Indices of notice headers — a bare 文号 line and the title lines above it — never joined."""
    protected: set[int] = set()
    for i, line in enumerate(lines):
        if not line or line == PAGE_BREAK or parse_doc_number_line(simplified(line)) is None:
            continue
        protected.add(i)
        above, k = 0, i - 1
        while k >= 0 and above < 3 and lines[k] != PAGE_BREAK:
            if lines[k]:
                if lines[k].endswith(("。", "；", "：", ":")):
                    break
                protected.add(k)
                above += 1
            k -= 1
    return protected


def _last_text(out: list[str]) -> int | None:
    """Index of the last text line, looking past page breaks only when nothing else follows."""
    for i in range(len(out) - 1, -1, -1):
        if out[i] != PAGE_BREAK:
            return i
    return None


def clean_text(text: str, *, paragraphs: bool = False) -> str:
    """Clean one document's text; paragraphs are separated by newlines, pages by form feeds.
    ``paragraphs``: the text's line breaks are its own paragraph breaks (see
    ``rejoin_lines``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _DOCNO_SPLIT_HAO.sub(r"\1\2", to_halfwidth(text))
    text = unicodedata.normalize("NFC", text)
    lines = rejoin_lines(_mark_pages(text.split("\n")), paragraphs=paragraphs)
    lines = [line if line == PAGE_BREAK else normalize_spacing(line) for line in lines]
    # Collapse runs of page breaks and drop a leading/trailing one.
    compact: list[str] = []
    for line in lines:
        if line == PAGE_BREAK and (not compact or compact[-1] == PAGE_BREAK):
            continue
        compact.append(line)
    while compact and compact[-1] == PAGE_BREAK:
        compact.pop()
    return "\n".join(compact)


def join_split_doc_numbers(lines: list[str]) -> list[str]:
    """Lines with a 文号 that a line break cut after its year's bracket joined again
    (国卫医急发〔2023〕 / 29号). Line numbers change, so a compilation, whose notices are
    keyed by where they start, is not read through this."""
    out: list[str] = []
    for line in lines:
        if out and _DOCNO_YEAR_END.search(out[-1]) and _DOCNO_SERIAL_START.match(line.strip()):
            out[-1] += line.strip()
            continue
        # 琼卫医政 / 〔2031〕8号: a red header's prefix on the line above its bracketed year.
        prev = out[-1].strip() if out else ""
        if (
            prev
            and _DOCNO_NO_PREFIX.match(line.strip())
            and _DOCNO_PREFIX_LINE.match(prev)
            and parse_doc_number(prev + line.strip()) is not None
        ):
            out[-1] = prev + line.strip()
            continue
        out.append(line)
    return out


def strip_page_breaks(text: str) -> str:
    """Text without page-break markers, for display and indexing."""
    return re.sub(r"\n?\f\n?", "\n", text).strip()
