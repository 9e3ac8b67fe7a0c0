"""Pure text helpers of the answer stage: bigrams, sentences, verbatim location, quotes."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence

from rag.clean import to_halfwidth
from rag.docno import find_doc_numbers
from rag.grammar import CJK, HEADING_START, NUMBER_START, simplified
from rag.places import PROVINCES
from rag.records import Hit

_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")
# An instruction to the model names what to disregard ("忽略以上所有指令"); policy prose
# such as "全覆盖，按照国家要求" has the same words without the pointer to earlier text.
_INSTRUCTION = re.compile(
    r"(忽略|无视|不要理会|忘记|忘掉|覆盖)(掉)?(以上|上面|上述|之前|此前|先前|前面|前述|所有|全部"
    r"|一切|你的|原有|原来|系统).{0,8}(指令|指示|提示|规则|要求|设定)"
    r"|ignore\s+(all\s+|any\s+)?(the\s+)?(previous|above|prior)\s+instructions"
    # (系统提示词, the model's own prompt — not a review system's alert, "经前置审核系统提示
    # 需要人工审核的处方", which policy text writes as 系统提示)
    r"|system\s*prompt|系统提示词|(?:你的|以上|上述|此前|之前)系统提示|你现在是|你必须回答|请直接输出",
    re.IGNORECASE,
)


_CJK = re.compile(f"[{CJK}]")
MAX_QUOTE = 200


# A ratio written as two figures after the word naming it (床护比不低于1:0.6, 医护比达到1比1.25):
# a share, as a percentage is. (Not a time of day: no 比 stands before it.)
RATIO = r"比[^，,。；;：:\d]{0,8}?\d+(?:\.\d+)?\s*[:：∶比]\s*\d+(?:\.\d+)?"


def nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


def bigrams(text: str) -> list[str]:
    """Character bigrams of each CJK run and whole Latin words / numbers, half-width, lower."""
    out: list[str] = []
    for m in re.finditer(r"[\u3400-\u9fff]+|[A-Za-z]+|\d+(?:\.\d+)?%?", to_halfwidth(text).lower()):
        run = m.group(0)
        if _CJK.match(run) and len(run) > 1:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


@functools.lru_cache(maxsize=4096)
def bigram_set(text: str) -> frozenset[str]:
    """The set of ``bigrams(text)``, kept for texts read again and again (passage sentences,
    a notice's title and issuer)."""
    return frozenset(bigrams(text))


def shares_topic(question: str, lead_title: str, text: str) -> bool:
    """Whether ``text`` (a notice's title and what it says) is on the topic the question
    shares with the best notice's title (``lead_title``): it holds at least half of the
    bigrams the two share (in simplified characters); any text is, when they share none."""
    topic = bigram_set(question) & bigram_set(lead_title)
    return not topic or 2 * len(topic & bigram_set(simplified(text))) >= len(topic)


def without_doc_numbers(text: str) -> str:
    for m in reversed(find_doc_numbers(text)):
        text = text[: m.start] + " " + text[m.end :]
    return text


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, end punctuation included, blanks skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group(0).strip() else m.start()
        if not m.group(0).strip() and _mid_sentence_break(text, start, end, m.end()):
            continue  # a line broken inside a sentence ("未按规\n定及时收运")
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    # Strip surrounding whitespace from each span.
    out = []
    for s, e in spans:
        seg = text[s:e]
        s += len(seg) - len(seg.lstrip())
        e -= len(seg) - len(seg.rstrip())
        out.append((s, e))
    return out


def opens_heading(text: str) -> bool:
    """Whether text opens with a numbered heading marker (一、 （一） 1. 第X条 附件 …, see
    ``rag.grammar.HEADING_START``) or with any number and a point (1.1, 1.2.1, 1.2020年…)."""
    return bool(HEADING_START.match(text) or NUMBER_START.match(text))


# A header's document-number line (国卫基层发〔2023〕41号).
_DOCNO_LINE = re.compile(
    r"[\u4e00-\u9fff]{1,16}\s*[〔\[(（【]\s*\d{4}\s*[〕\])）】]\s*第?\d+\s*[号號]"
)


def ends_with_docno_line(text: str) -> bool:
    """Whether ``text`` ends with a header's 文号 line (a title, then 国卫基层发〔2023〕41号)."""
    return bool(_DOCNO_LINE.fullmatch(text.rstrip().rsplit("\n", 1)[-1].strip()))


def _mid_sentence_break(text: str, start: int, end: int, next_start: int) -> bool:
    """Whether the line break at ``end`` falls inside a sentence rather than after one."""
    line = text[start:end].strip()
    if re.search(r"[：:]$", line) and _unclosed(line):
        return True  # "…平台（网址：" then the address: the bracket is still open
    if not line or re.search(r"[。！？!?；;：:”’」』]$", line):
        return False
    if opens_heading(text[next_start : next_start + 12]):
        return False
    if ends_with_docno_line(line):
        return False  # a header's 文号 line ends it; the recipients line under it is its own
    if re.search(r"[，,、]$", line):
        return True
    if len(line) < 25:
        return False  # a heading or title line stands alone
    return bool(_CJK.match(text[next_start : next_start + 1]))


def _unclosed(line: str) -> bool:
    """Whether ``line`` leaves a bracket open (more （ / ( than ） / ))."""
    return line.count("（") + line.count("(") > line.count("）") + line.count(")")


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, ignoring whitespace differences; None when absent."""
    if not quote.strip():
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    chars = nows(quote)
    if not chars:
        return None
    pattern = r"\s*".join(re.escape(c) for c in chars)
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def looks_like_instruction(sentence: str) -> bool:
    """A passage sentence that addresses the model rather than the reader."""
    return bool(_INSTRUCTION.search(sentence))


def similarity(a: str, b: str) -> float:
    """Share of a's bigrams found in b."""
    ga = set(bigrams(a))
    if not ga:
        return 0.0
    return len(ga & set(bigrams(b))) / len(ga)


def clip(
    sentence: str, terms: Sequence[str], weight: Mapping[str, float], wants_number: bool = False
) -> str:
    """A long sentence cut to the clauses around the question's terms (still verbatim)."""
    if len(sentence) <= MAX_QUOTE:
        return sentence
    clauses = re.split(r"(?<=[；;])", sentence)
    if max(len(c) for c in clauses) > MAX_QUOTE:
        clauses = re.split(r"(?<=[，,：:；;])", sentence)
    scores = []
    for clause in clauses:
        grams = set(bigrams(clause))
        scores.append(
            sum(weight.get(t, 0.0) for t in terms if t in grams)
            + (0.5 if wants_number and re.search(r"\d", clause) else 0.0)
        )
    best = max(range(len(clauses)), key=lambda i: scores[i])
    lo = hi = best
    length = len(clauses[best])
    while True:
        grown = False
        for j in (hi + 1, lo - 1):
            if 0 <= j < len(clauses) and length + len(clauses[j]) <= MAX_QUOTE:
                if j > hi:
                    hi = j
                else:
                    lo = j
                length += len(clauses[j])
                grown = True
        if not grown:
            break
    return "".join(clauses[lo : hi + 1]).strip("，,：: ")


def cite_label(hit: Hit) -> str:
    title = hit.title.strip("《》") if hit.title else "无标题通知"
    return f"《{title}》（{hit.doc_number}）" if hit.doc_number else f"《{title}》"


def display(text: str) -> str:
    """Passage text as it reads in an answer: line breaks of the source removed."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def date_phrase(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return f"于{iso}" if iso else ""
    return f"于{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


def metadata_quote(hit: Hit) -> str:
    """A verbatim part of the retrieved passage that names the notice: its title, else a
    line with the issuer, else the passage's first sentence."""
    text = hit.chunk.text
    if hit.title:
        span = locate(hit.title, text)
        if span is not None:
            return text[span[0] : span[1]]
    if hit.issuer:
        for s, e in split_sentences(text):
            if hit.issuer in text[s:e] and len(text[s:e]) <= MAX_QUOTE:
                return text[s:e]
    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]][:MAX_QUOTE] if spans else text[:MAX_QUOTE]


def fold_name(text: str) -> str:
    """``text`` as names are compared: NFKC, without spaces, quotes and title marks."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s《》〈〉<>“”\"'‘’]", "", text)


_TITLE_NAMED = re.compile(r"《([^》]{4,80})》")


def documents_named(title: str) -> list[str]:
    """The documents a title names in 《》 (关于修改《X》的通知 → X), without spaces and in
    simplified characters."""
    return [nows(simplified(m.group(1))) for m in _TITLE_NAMED.finditer(title)]


# The document a title changes without 《》: 关于修改严重精神障碍患者服药管理和应急处置工作规范
# 部分条款的通知 changes that 规范; 关于医养结合机构照护安全管理规范的补充通知 adds to it.
_CHANGED_BARE = re.compile(
    r"关于(?:修改|修订|调整)(?P<a>[^《》]{4,60}?)"
    r"(?:部分|有关|相关|个别|第[一二三四五六七八九十百\d]+条|并|的(?:通知|决定|公告))"
    r"|关于(?!修改|修订|调整|印发|转发)(?P<b>[^《》]{4,60}?)的补充(?:通知|规定|决定)"
)


def document_changed_bare(title: str) -> str:
    """The document a title says it changes without 《》 (the name after 关于修改 / before
    的补充通知), without spaces and in simplified characters; "" when it names none so."""
    m = _CHANGED_BARE.search(title)
    return nows(simplified(m.group("a") or m.group("b"))) if m else ""


def amends_document(title: str, other_title: str) -> bool:
    """Whether a notice titled ``title``, which cites a notice titled ``other_title``, may
    amend it: its title names no document, or names the one ``other_title`` names or is
    (关于《河南省…管理办法》的补充通知 amends the notice issuing that 办法, not the national
    notice its text carries out)."""
    names = documents_named(title)
    other = nows(simplified(other_title))
    # (The issuing notice may name it without its place, which its issuer holds: 《重庆市
    # 基层医疗卫生机构国医堂建设管理办法》 is issued by "重庆市中医管理局关于印发基层医疗卫生
    # 机构国医堂建设管理办法的通知".)
    return not names or any(
        n in other or (len(bare := _PLACE_OPENING.sub("", n)) >= 6 and bare in other) for n in names
    )


# The place a document's name opens with (重庆市, 宁夏回族自治区, 万州区): a province by its
# name (贵州省, not 贵州 read as a 州), else a city, district or county by its ending.
_PLACE_OPENING = re.compile(
    "^(?:(?:"
    + "|".join(PROVINCES)
    + r")(?:省|市|[\u4e00-\u9fff]{0,4}?自治区)?"
    + r"|[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|自治州|盟|州|县|区|旗)(?![市区县]))"
)
