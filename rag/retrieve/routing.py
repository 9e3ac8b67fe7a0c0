"""Where the documents a query names are in one index: a notice by its 文号 (also typed with
its province before it, or by its serial alone: 405号文), the notices quoting a 文号 the index
does not hold, a 文号 series, the articles it names (and where a notice amending them rewrites
them), and the notices implementing a document. The retriever routes a query's hits here
before it searches (``rag.retrieve.Retriever.search``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from rag.articles import ArticleIndex, ArticleMatch, article_refs, rewrite_of
from rag.docno import find_doc_numbers, normalize_doc_number, parse_doc_number
from rag.grammar import DOC_KINDS, article_label
from rag.places import PROVINCES
from rag.query_filters import Filters
from rag.ranking import squashed
from rag.records import Chunk, Notice

if TYPE_CHECKING:
    from rag.notices.validity import ValidityIndex

# Words that ask for a list of notices ("…系列文件", "有哪些").
_LISTING = re.compile(r"哪些|系列|所有|全部|列出|清单|分别|几份|多少份|几个文件|多少个文件")
# "各省如何落实…", "哪些省份出台了配套文件", "有哪些地方的实施方案": who implements a notice.
ASKS_IMPLEMENTERS = re.compile(
    r"(?:哪些|哪几|各省|各地|各市|哪个省|哪些省|哪些地方|哪些城市|如何|怎么|怎样|有没有|是否|有无)"
    r"[^。？?，,]{0,20}"
    r"(?:落实|贯彻|配套|实施方案|实施细则|实施意见|出台|出过|发过|印发过)"
    r"|(?:落实|贯彻|配套)[^。？?]{0,8}(?:文件|通知|方案|情况)[^。？?]{0,6}(?:哪些|有哪|几个|几份)"
    # "依据它，海南后来又出了哪两份…指南": documents issued on the strength of it.
    rf"|(?:依据|根据|按照|依照)(?:它|这个|这份|该|此)[^。？?的]{{0,4}}[，,][^。？?]{{0,16}}"
    rf"(?:出了|发了|印发了|制定了|出台了)[^。？?]{{0,4}}(?:哪|几|什么)[^。？?]{{0,10}}"
    rf"(?:{DOC_KINDS}|文件)"
)
# Which places, or whether one did: the asks a listing of implementing notices answers.
_WHICH_IMPLEMENTERS = re.compile(r"哪些|哪几|哪个|有没有|是否|有无|各省|各地|各市")
# How much of an implemented notice's name a query must hold to name it without 文号 or 《》.
_NAMED_SHARE = 0.45
# A 文号 named by its serial alone: "405号文", "2020年169号文件" (not a full 文号's tail).
SHORT_NUMBER = re.compile(
    r"(?<![\d〕\]］)）】])(?:(?P<year>(?:19|20)\d{2})\s*年\s*(?:的)?)?(?P<serial>\d{1,4})\s*号文"
)


def _bigrams(text: str) -> set[str]:
    """Character bigrams of ``text``'s letters, digits and 汉字 (brackets and marks dropped:
    山西省DIP结算清算办法 names 山西省按病种分值付费（DIP）结算清算办法（试行））."""
    text = re.sub(r"[^\w]|_", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


class NamedDocuments:
    """The notices, passages and articles of one index a query names, found by 文号, series,
    title or article number."""

    def __init__(
        self,
        notices: Mapping[str, Notice],
        chunks: Sequence[Chunk],
        validity: Callable[[], ValidityIndex],
    ) -> None:
        self.notices = notices
        self.chunks = chunks
        self._validity = validity
        self.chunks_of: dict[str, list[int]] = {}
        for i, c in enumerate(chunks):
            self.chunks_of.setdefault(c.notice_id, []).append(i)
        self.by_number: dict[str, list[str]] = {}
        # 文号 -> notices whose text mentions it (a news report, a notice citing it).
        self._cited_in: dict[str, list[str]] = {}
        for n in notices.values():
            if n.doc_number:
                self.by_number.setdefault(n.doc_number, []).append(n.notice_id)
            for r in n.references:
                self._cited_in.setdefault(r.doc_number, []).append(n.notice_id)
        # Notices by 文号 prefix, oldest first, for questions about a series.
        self.by_prefix: dict[str, list[str]] = {}
        for n in sorted(notices.values(), key=lambda n: (n.date, n.doc_number)):
            parsed = parse_doc_number(n.doc_number) if n.doc_number else None
            if parsed is not None and parsed.form == "bracket" and len(parsed.prefix) >= 3:
                self.by_prefix.setdefault(parsed.prefix, []).append(n.notice_id)
        self._article_index: ArticleIndex | None = None  # built on the first article asked

    @property
    def validity(self) -> ValidityIndex:
        return self._validity()

    def articles_named(
        self, query: str, routed_ids: Sequence[str]
    ) -> tuple[list[ArticleMatch], list[str]]:
        """The articles the query names, resolved to notices (found ones first), and a
        message for each whose document is in the index without it."""
        refs = article_refs(query)
        if not refs:
            return [], []
        if self._article_index is None:
            self._article_index = ArticleIndex(self.notices.values())
        index = self._article_index
        found: list[ArticleMatch] = []
        missing: list[str] = []
        for ref in refs:
            match = index.resolve(ref, routed_ids)
            if match is None:
                if ref.names and not any(ref.label in c.text for c in self.chunks):
                    # "《基本医疗卫生与健康促进法》第七十八条讲的是什么？" over notices that only
                    # tell to study the law: no passage of the index holds that article.
                    missing.append(
                        f"库中没有《{ref.names[0]}》的条文，也没有引述其{ref.label}的段落"
                    )
                continue
            if match.span is not None:
                found.append(match)
                continue
            notice = self.notices[match.notice_id]
            spans = index.spans(match.notice_id)
            where = f"《{match.name}》" if match.name else notice.doc_number
            where = where or f"《{notice.title}》"
            extent = f"（共{article_label(max(s.number for s in spans))[1:]}）" if spans else ""
            missing.append(f"{where}中没有{ref.label}{extent}")
        return found, missing

    def article_chunks(self, match: ArticleMatch) -> list[int]:
        """The notice's chunks holding the matched article: the one where it opens first."""
        span = match.span
        assert span is not None
        holding = [
            i
            for i in self.chunks_of.get(match.notice_id, [])
            if match.number in self.chunks[i].articles
            and self.chunks[i].start < span.end
            and span.start < self.chunks[i].end
        ]
        return sorted(
            holding,
            key=lambda i: (not self.chunks[i].start <= span.start < self.chunks[i].end, i),
        )

    def rewriting_chunks(self, match: ArticleMatch) -> list[tuple[str, int]]:
        """For an article found, each notice amending its notice that rewrites that article
        (第十八条修改为 / 删去 …), with its chunk that says so."""
        record = self.validity.get(match.notice_id)
        if record is None or match.span is None:
            return []
        out: list[tuple[str, int]] = []
        for incoming in record.amended_by:
            for i in self.chunks_of.get(incoming.notice_id, []):
                if rewrite_of(self.chunks[i].text, match.number):
                    out.append((incoming.notice_id, i))
                    break
        return out

    def series_in(self, text: str) -> list[str]:
        """文号 prefixes the query asks about as a series: named, with a listing word
        ("国卫医急发系列文件", "2023年国办发的文件有哪些")."""
        if not _LISTING.search(text):
            return []
        named = [p for p in self.by_prefix if p in text]
        # "国卫办医函" also contains "卫办医函"-like shorter prefixes: keep the longest.
        return [p for p in named if not any(p != q and p in q for q in named)]

    def implementing(self, doc_numbers: list[str], rest: str) -> list[str]:
        """The documents (文号, else 《title》) whose implementing notices the query asks for
        ("各省如何落实国卫…号？"), when the index holds notices implementing them — the
        document itself need not be in the index."""
        if not ASKS_IMPLEMENTERS.search(rest):
            return []
        asked = list(doc_numbers)
        if not asked:
            for nid in self.validity.find_titles(rest):
                n = self.notices[nid]
                asked.append(n.doc_number or n.title)
            asked += [t for t in re.findall(r"《([^《》]{2,100})》", rest) if t not in asked]
        if not asked and _WHICH_IMPLEMENTERS.search(rest):
            # Named by its words alone ("国家卫健委办公厅印发互联网诊疗服务质量监管规范以后，
            # 哪些市发文落实了"): the implemented notice whose name the query holds most of.
            # ("…陕西省是怎么落实的" asks what one place's notice says, not which.)
            asked = self._implemented_named(rest)
        return [a for a in dict.fromkeys(asked) if self.implementers(a)]

    def _implemented_named(self, text: str) -> list[str]:
        """The implemented notice (文号, else title) whose name — the document its title issues
        in 《》, else the title — ``text`` holds at least ``_NAMED_SHARE`` of (character
        bigrams); [] when none does."""
        said = _bigrams(squashed(text))
        best: tuple[float, str] = (0.0, "")
        for nid in self._implemented:
            n = self.notices[nid]
            inner = re.findall(r"《([^《》]{2,100})》", n.title)
            grams = _bigrams(squashed(inner[0] if inner else n.title))
            share = len(grams & said) / len(grams) if grams else 0.0
            if share > best[0]:
                best = (share, n.doc_number or n.title)
        return [best[1]] if best[0] >= _NAMED_SHARE else []

    @functools.cached_property
    def _implemented(self) -> list[str]:
        """The notices of the index some other notice implements (their ``implemented_by``,
        which the validity index resolved once)."""
        records = self.validity.records
        return [nid for nid in self.notices if nid in records and records[nid].implemented_by]

    def implementers(self, asked: str) -> list[tuple[Notice, str]]:
        if normalize_doc_number(asked) == asked:
            return self.validity.implementers_of(doc_number=asked)
        return self.validity.implementers_of(title=asked)

    def implementing_chunks(self, asked: list[str], active: Filters) -> list[int]:
        """For each notice implementing one of the ``asked`` documents (by region, then
        date), the chunk holding its implementing clause (its first chunk when the clause
        spans two)."""
        out: list[int] = []

        def add(n: Notice, clause: str) -> None:
            members = self.chunks_of.get(n.notice_id, [])
            want = squashed(clause)
            holding = [i for i in members if want in squashed(self.chunks[i].text)]
            chosen = holding[0] if holding else (members[0] if members else None)
            if chosen is not None and chosen not in out:
                out.append(chosen)

        for target in asked:
            for n, clause in self.implementers(target):
                if not active.allows(n):
                    continue
                add(n, clause)
                # The notices carrying it out in turn (a city's, implementing the province's
                # rules by their 文号 or title) follow it: "四川省和省内哪些市发文落实了".
                for m, sub in self.implementers(n.doc_number or n.title):
                    if m.notice_id != n.notice_id and active.allows(m):
                        add(m, sub)
        return out

    def short_numbers(self, query: str) -> list[str]:
        """The 文号 a query names by its serial alone ("国家卫健委405号文", "169号文"): the one
        notice of the index with that serial — of the year named before it, and, among
        several, whose issuer or 文号 the words before it name."""
        out: list[str] = []
        for m in SHORT_NUMBER.finditer(query):
            serial = m.group("serial")
            year = m.group("year") or r"\d{4}"
            held = [n for n in self.by_number if re.search(f"〔{year}〕{serial}号$", n)]
            if len(held) > 1:
                before = squashed(query[max(0, m.start() - 12) : m.start()])
                said = _bigrams(before)
                held = [
                    number
                    for number in held
                    if len(said & _bigrams(number.split("〔")[0] + self._issuer_of(number))) >= 2
                ]
            if len(held) == 1:
                out.append(held[0])
        return out

    def _issuer_of(self, number: str) -> str:
        return "".join(self.notices[nid].issuer for nid in self.by_number.get(number, []))

    def held_number(self, number: str) -> str:
        """``number`` as the index holds it: "山东局函〔2020〕95号" is 局函〔2020〕95号 of a
        Shandong notice when the index has no notice numbered with the place before it (a
        user names the province to tell a bare 局函 apart)."""
        if number in self.by_number:
            return number
        for place in PROVINCES:
            if number.startswith(place):
                bare = re.sub(r"^(?:省|市|自治区)", "", number[len(place) :])
                regions = {self.notices[nid].region for nid in self.by_number.get(bare, [])}
                if place in regions:
                    return bare
                # "海南琼医保发〔2020〕46号…还在执行吗": the place typed before a 文号 the
                # index holds only as quoted (…（琼医保发〔2020〕46号）同时停止执行).
                citing = {self.notices[nid].region for nid in self._cited_in.get(bare, [])}
                if bare not in self.by_number and number not in self._cited_in and place in citing:
                    return bare
        return number

    def mentioning(self, doc_numbers: list[str]) -> list[int]:
        """Chunks whose text quotes one of ``doc_numbers``."""
        out = []
        for number in doc_numbers:
            for nid in self._cited_in.get(number, []):
                for i in self.chunks_of.get(nid, []):
                    found = find_doc_numbers(self.chunks[i].text)
                    if any(m.doc_number.normalized == number for m in found):
                        out.append(i)
        return list(dict.fromkeys(out))
