"""Articles (第X条) of 办法 / 规定 / 细则 / 条例 / 法: where each article of a text runs, which
article a question names, and which document it names it in.

* ``article_spans`` — every article of a notice's text: its number and where it runs (from
  its 第X条 line to the next article, chapter, section, attachment or date line). The
  chunker records the numbers each passage holds (``Chunk.articles``); the answer stage
  names the article a quote comes from (``article_at``).
* ``article_refs`` — the articles a question names (第十条, 第10条), each with the document
  named beside it (《药品管理法》第十条, 医院巡查工作管理办法第十条, else the 《…》 names of
  the question).
* ``ArticleIndex`` — a question's article resolved to one article of one notice: the
  document is found by its name contained in a notice's title, or in a title line of the
  notice's text (a 办法 printed inside the notice that issues it), both read without
  《》, 中华人民共和国, bracketed notes such as （试行） and spaces, so 《药品管理法》 finds
  中华人民共和国药品管理法.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rag.grammar import (
    ARTICLE,
    ARTICLE_REF,
    ATTACHMENT,
    CHAPTER,
    CJK,
    DATE_LINE,
    SECTION,
    article_label,
    numeral_value,
    simplified,
)
from rag.records import Notice


@dataclass(frozen=True)
class ArticleSpan:
    """One article of a text: its number and its offsets (from its 第X条 line on)."""

    number: int
    start: int
    end: int

    @property
    def label(self) -> str:
        return article_label(self.number)


def _ends_article(line: str) -> bool:
    """A line that no article runs past: a chapter, section or attachment heading, a date line."""
    return any(p.match(line) for p in (CHAPTER, SECTION, ATTACHMENT, DATE_LINE))


@functools.lru_cache(maxsize=256)
def article_spans(text: str) -> tuple[ArticleSpan, ...]:
    """The articles of ``text`` in order: each opens at a line starting 第X条 (Chinese or
    Arabic numerals) and runs, trimmed of trailing blanks, to the next such line, a chapter /
    section / attachment heading or a date line."""
    opened: list[tuple[int, int]] = []  # (number, start)
    closes: list[int] = []  # where each opened article stops
    pos = 0
    last_end = 0  # end of the last non-blank line seen
    for raw in text.split("\n"):
        line = raw.strip()
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        if not line:
            continue
        ref = ARTICLE_REF.match(line) if ARTICLE.match(line) else None
        number = numeral_value(ref.group(1)) if ref else None
        if number is not None or _ends_article(line):
            if len(closes) < len(opened):
                closes.append(last_end)
            if number is not None:
                opened.append((number, start))
        last_end = start + len(line)
    if len(closes) < len(opened):
        closes.append(last_end)
    return tuple(
        ArticleSpan(number, start, end) for (number, start), end in zip(opened, closes, strict=True)
    )


def articles_within(spans: Sequence[ArticleSpan], start: int, end: int) -> tuple[int, ...]:
    """Numbers of the articles whose text overlaps ``start:end``, in text order."""
    return tuple(s.number for s in spans if s.start < end and start < s.end)


def article_at(text: str, offset: int) -> ArticleSpan | None:
    """The article of ``text`` that holds ``offset``, or None outside every article."""
    for span in article_spans(text):
        if span.start <= offset < span.end:
            return span
    return None


# -- articles named in a question ---------------------------------------------------------

# How a document's name ends (医院巡查工作管理办法, 药品管理法, 实施细则).
_DOC_SUFFIX = "办法|规定|细则|条例|法|规范|规则|准则|章程|制度|标准|规程|决定|意见|方案|指南"
_CONNECTIVE = r"\s*(?:的|中的?|里的?|里面的?|之)?\s*"
_NAMED_BEFORE = re.compile(rf"《([^《》]{{2,80}})》{_CONNECTIVE}$")
_BARE_BEFORE = re.compile(rf"([{CJK}（）()\d]{{2,60}}(?:{_DOC_SUFFIX})){_CONNECTIVE}$")
_ANY_NAME = re.compile(r"《([^《》]{2,80})》")
# A name written without 《》 is tried from its longest tail down to this many characters,
# so "请问医院巡查工作管理办法第十条" finds 医院巡查工作管理办法 and 管理办法 alone finds nothing.
_BARE_MIN = 5


@dataclass(frozen=True)
class ArticleRef:
    """An article a question names: its number and the names the document may go by, best
    first (empty when the question names no document beside it)."""

    number: int
    names: tuple[str, ...] = ()
    start: int = 0  # offsets of 第X条 in the question
    end: int = 0

    @property
    def label(self) -> str:
        return article_label(self.number)


def article_refs(question: str) -> list[ArticleRef]:
    """The articles ``question`` names, each with the document named beside it: 《X》第N条,
    X办法第N条, else the question's 《…》 names, the nearest before it first."""
    text = simplified(question)
    out: list[ArticleRef] = []
    for m in ARTICLE_REF.finditer(text):
        number = numeral_value(m.group(1))
        if number is None or number == 0:
            continue
        before = text[max(0, m.start() - 90) : m.start()]
        names: list[str] = []
        if named := _NAMED_BEFORE.search(before):
            names.append(named.group(1))
        elif bare := _BARE_BEFORE.search(before):
            run = bare.group(1)
            names.extend(run[i:] for i in range(len(run) - _BARE_MIN + 1))
        else:
            named_at = [(n.start(), n.group(1)) for n in _ANY_NAME.finditer(text)]
            before_ref = [name for at, name in reversed(named_at) if at < m.start()]
            names.extend(dict.fromkeys([*before_ref, *(n for at, n in named_at if at > m.start())]))
        out.append(ArticleRef(number, tuple(names), m.start(), m.end()))
    return out


# What a notice amending an article does to it: "将第十八条修改为", "第三条第二款删去".
# (The words it changes may be quoted: "将第八条中的“7日内有效”修改为“30日内有效”".)
_REWRITE = (
    r"[^。；;“”]{0,8}?(?:中的?“[^”]{1,80}”)?[^。；;“”]{0,12}?"
    r"(?:修改为|修订为|调整为|改为|删去|删除|废止|增加)"
)


def rewrite_of(text: str, number: int) -> re.Match[str] | None:
    """Where ``text`` (a passage of a notice amending another) rewrites article ``number``:
    the match runs from the start of the clause that says so ("将第十八条修改为")."""
    return re.search(rf"[^。；;\n]*{article_label(number)}{_REWRITE}", text)


def without_article_refs(question: str) -> str:
    """The question with the articles it names (and 《》 names beside them) taken out."""
    text = ARTICLE_REF.sub(" ", question)
    return _ANY_NAME.sub(" ", text)


# -- resolving a named article to a notice ------------------------------------------------

_NAME_NOISE = re.compile(r"中华人民共和国|[《》〈〉<>\s\u3000]|[（(][^（）()]{0,24}[）)]")
_TITLE_LINE_MAX = 80


def name_key(name: str) -> str:
    """A document name as it is compared: simplified, without 《》, 中华人民共和国,
    bracketed notes (（试行）, （2020年版）) and spaces."""
    return _NAME_NOISE.sub("", simplified(name))


@dataclass(frozen=True)
class ArticleMatch:
    """A named article found (``span`` set) or a named document found without it."""

    notice_id: str
    number: int
    span: ArticleSpan | None
    name: str = ""  # the document name that was matched ("" when found through a 文号)

    @property
    def label(self) -> str:
        return article_label(self.number)


# A shortened name this long at least (characters) is looked for among title lines.
SHORTENED_MIN = 5


def is_shortening(short: str, full: str) -> bool:
    """Whether the name ``short`` is ``full`` shortened the way names are: characters left
    out, the rest in order, the first and the last kept, at least half of it left
    (四川临床用血规定 for 四川省医疗机构临床用血管理规定). Both as compared (``name_key``)."""
    if len(short) < SHORTENED_MIN or len(short) * 2 < len(full) or len(short) >= len(full):
        return False
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(c in rest for c in short)


class ArticleIndex:
    """The articles of a collection's notices, for finding the one a question names."""

    def __init__(self, notices: Iterable[Notice]) -> None:
        self._notices: dict[str, Notice] = {}
        self._spans: dict[str, tuple[ArticleSpan, ...]] = {}
        self._lines: dict[str, list[tuple[int, str, str]]] = {}  # read on first use
        for n in notices:
            spans = article_spans(n.text)
            if spans:
                self._notices[n.notice_id] = n
                self._spans[n.notice_id] = spans

    def spans(self, notice_id: str) -> tuple[ArticleSpan, ...]:
        return self._spans.get(notice_id, ())

    def _documents(self, name: str) -> list[tuple[str, int]]:
        """(notice_id, offset where the named document starts) of the notices that hold it,
        best first: a title equal to the name, then titles containing it (shortest first),
        then notices printing it as a title line of their text."""
        key = name_key(name)
        if len(key) < 2:
            return []
        ranked: list[tuple[tuple[int, int], str, int]] = []
        for nid, notice in self._notices.items():
            title = name_key(notice.title)
            offset = self._title_line(nid, key)
            if key == title:
                ranked.append(((0, 0), nid, offset or 0))
            elif key in title:
                # A letter issuing several documents (关于印发《甲办法》《乙办法》的通知) holds
                # the one named where its title line is; without that line, which articles
                # are its own is unknown.
                if offset is None and len(_ANY_NAME.findall(simplified(notice.title))) > 1:
                    continue
                ranked.append(((1, len(title)), nid, offset or 0))
            elif offset is not None:
                ranked.append(((2, 0), nid, offset))
            elif (short := self._shortened(nid, key)) is not None:
                ranked.append(((3, short[1]), nid, short[0]))
        ranked.sort(key=lambda r: r[0])
        return [(nid, offset) for _, nid, offset in ranked]

    @staticmethod
    def _title_lines(text: str) -> list[tuple[int, str, str]]:
        """(offset, key, key joined with the next line) of each short line of ``text`` that
        could be a document's title (not an article)."""
        out: list[tuple[int, str, str]] = []
        pos = 0
        lines = text.split("\n")
        for k, raw in enumerate(lines):
            line = raw.strip()
            if line and len(line) <= _TITLE_LINE_MAX and not ARTICLE.match(line):
                joined = name_key(line + lines[k + 1]) if k + 1 < len(lines) else ""
                out.append((pos, name_key(line), joined))
            pos += len(raw) + 1
        return out

    def _title_line(self, nid: str, key: str) -> int | None:
        """Offset of the first line of notice ``nid`` that is the document's title (its key
        equal to ``key``, alone or wrapped onto the next line), or None."""
        if nid not in self._lines:
            self._lines[nid] = self._title_lines(self._notices[nid].text)
        for pos, own, joined in self._lines[nid]:
            if own == key or (own and key.startswith(own) and joined == key):
                return pos
        return None

    def _shortened(self, nid: str, key: str) -> tuple[int, int] | None:
        """(offset, length) of the shortest title line of notice ``nid`` that ``key`` is a
        shortening of: its characters in order, the first and the last the same, at least
        half its length (四川临床用血规定 for 四川省医疗机构临床用血管理规定); None when none is."""
        if len(key) < SHORTENED_MIN:
            return None
        if nid not in self._lines:
            self._lines[nid] = self._title_lines(self._notices[nid].text)
        found = [(pos, len(own)) for pos, own, _ in self._lines[nid] if is_shortening(key, own)]
        return min(found, key=lambda f: f[1]) if found else None

    def _in_notice(self, nid: str, number: int, offset: int = 0) -> ArticleSpan | None:
        """Article ``number`` of the document that starts at ``offset`` in notice ``nid``."""
        return next(
            (s for s in self._spans.get(nid, ()) if s.number == number and s.start >= offset),
            None,
        )

    def resolve(self, ref: ArticleRef, notice_ids: Sequence[str] = ()) -> ArticleMatch | None:
        """The article ``ref`` names, in the document it names, else in ``notice_ids`` (the
        notices the question routes to by 文号). A document found without that article gives
        a match without ``span``; None when no document is found at all."""
        for name in ref.names:
            documents = self._documents(name)
            if not documents:
                continue
            for nid, offset in documents:
                span = self._in_notice(nid, ref.number, offset)
                if span is not None:
                    return ArticleMatch(nid, ref.number, span, name)
            return ArticleMatch(documents[0][0], ref.number, None, name)
        for nid in notice_ids:
            span = self._in_notice(nid, ref.number)
            if span is not None:
                return ArticleMatch(nid, ref.number, span)
        # A notice without numbered articles ("一、…") is not said to lack one.
        numbered = [nid for nid in notice_ids if nid in self._spans]
        return ArticleMatch(numbered[0], ref.number, None) if numbered else None
