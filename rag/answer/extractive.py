"""The extractive generator: the passage sentences that answer the question, verbatim."""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.questions import (
    ANSWER_TYPES,
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    NEGATION,
    NUMBER_QUESTION,
    ONE_DOC,
    WHICH_DOC,
    answer_types,
    asks_about_several,
    asks_for_series,
    named_places,
    names_few,
    naming_spans,
    question_terms,
)
from rag.answer.records import EXTRACTIVE, Draft
from rag.answer.support import TermWeights
from rag.answer.text import (
    bigram_set,
    bigrams,
    cite_label,
    clip,
    date_phrase,
    display,
    locate,
    looks_like_instruction,
    metadata_quote,
    nows,
    opens_heading,
    split_sentences,
    without_doc_numbers,
)
from rag.articles import ArticleSpan, article_spans, without_article_refs
from rag.docno import find_doc_numbers
from rag.grammar import HEADINGS, YEAR
from rag.notices.signature import org_tokens
from rag.records import Hit, Notice
from rag.retrieve import asks_for_topic

if TYPE_CHECKING:
    import numpy as np

    from rag.sentences import SentenceVectors

# Cosines of sentences with the question; None for a sentence without a vector.
Similarity = Callable[[Sequence[str]], list[float | None]]

_METADATA_LINE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|[\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\d+号|[（(]此件[^）)]*[）)]"
)
_BOILERPLATE = re.compile(r"为(深入)?贯彻|以习近平|现将|现就|经.{0,12}同意，")
# "…现就有关事项通知如下：" announces what follows and says nothing itself.
_ANNOUNCES = re.compile(r"(如下|以下|下列)[：:]$")


@dataclass(frozen=True)
class Sentence:
    hit_index: int  # 0-based position in the hits
    start: int  # offsets in the hit's chunk text
    end: int
    text: str
    score: float
    covered: frozenset[str]
    typed: bool = False  # holds the kind of value the question asks for


@dataclass(frozen=True)
class PassageSentence:
    """One sentence of a passage with what scoring reads of it that no question changes."""

    start: int  # offsets in the passage text
    end: int
    text: str
    grams: frozenset[str]  # its bigrams (``bigrams``)
    asks: bool  # a question ("…？"): a news FAQ's heading, whose reply follows
    skip: bool  # never an answer: too short, an instruction, a date / 文号 / signature line,
    # or "…如下：" announcing what follows
    heading: bool  # no closing punctuation and short: names a topic
    digit: bool  # holds a digit
    boilerplate: bool  # a preamble ("为贯彻落实…")


@functools.lru_cache(maxsize=2048)
def passage_sentences(text: str) -> tuple[PassageSentence, ...]:
    """The sentences of a passage (``split_sentences``), each read once: every answer
    scores the sentences of the passages it retrieved, and the same passages come back
    for question after question."""
    out: list[PassageSentence] = []
    for s, e in split_sentences(text):
        sentence = text[s:e]
        squashed = nows(sentence)
        closed = sentence.rstrip("”’」』）) ")
        skip = (
            len(squashed) < 6
            or looks_like_instruction(sentence)
            or bool(_METADATA_LINE.fullmatch(squashed))
            or (not _SENTENCE_CLOSE.search(sentence.rstrip()) and bool(org_tokens(sentence)))
            or bool(_ANNOUNCES.search(sentence.rstrip()))
        )
        out.append(
            PassageSentence(
                s,
                e,
                sentence,
                frozenset(map(sys.intern, bigrams(sentence))),
                asks=closed.endswith(("？", "?")),
                skip=skip,
                heading=not re.search(r"[。！；!;：:]$", closed) and len(sentence) < 40,
                digit=bool(re.search(r"\d", sentence)),
                boilerplate=bool(_BOILERPLATE.match(sentence.lstrip())),
            )
        )
    return tuple(out)


def score_sentences(
    question: str,
    hits: Sequence[Hit],
    weights: TermWeights,
    notices: Mapping[str, Notice] | None = None,
    params: AnswerParams = DEFAULT_PARAMS,
    similarity: Similarity | None = None,
) -> list[Sentence]:
    """Every sentence of the hits scored against the question.

    A sentence's score is the idf-weighted share of the question's bigrams it contains, plus
    a bonus for carrying a number when a number is asked and a small prior for hit rank;
    with ``similarity`` (cosines of sentences with the question), plus its meaning: the
    z-score of its cosine among the candidates, times ``params.semantic``.
    """
    terms = question_terms(question)
    if params.negation_terms and NEGATION.search(question):
        # "哪些药不能开…": the notices write 不得 / 禁止.
        terms += [t for t in ("不得", "禁止") if t not in terms]
    w = weights.weights(terms)
    total = sum(w.values()) or 1.0
    wants_number = bool(NUMBER_QUESTION.search(question))
    wanted = [ANSWER_TYPES[name][1] for name in answer_types(question)]
    years = YEAR.findall(question)
    sentences: list[Sentence] = []
    for i, hit in enumerate(hits):
        text = hit.chunk.text
        # Terms the notice's title and issuer already match told us which notice this is;
        # within it, the sentence that answers is the one with the rest of the question.
        known = bigram_set(hit.title + " " + hit.issuer)
        wh = {t: v * (0.25 if t in known else 1.0) for t, v in w.items()}
        total_h = sum(wh.values()) or total
        asked = 0.0  # a question heading in the passage (news FAQ): its score goes to the reply
        spans = passage_sentences(text)
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
                and not re.search(r"[。！？!?；;：:”’」』）)]$", text[: spans[-1].end])
            ):
                spans = spans[:-1]
        for span in spans:
            sentence = span.text
            grams = span.grams
            # Summed in the question's term order: a set's order changes with the hash seed,
            # and with it the rounding that breaks near-ties between sentences.
            found = [t for t in w if t in grams]
            present = frozenset(found)
            score = (
                params.title_blend * sum(wh[t] for t in found) / total_h
                + (1 - params.title_blend) * sum(w[t] for t in found) / total
            )
            if span.asks:
                asked = score if params.faq_reply else 0.0
                continue
            if span.skip:
                continue
            if span.heading:
                score *= 0.5  # a heading names a topic; the sentences under it answer
            if asked:
                score = max(score, 0.9 * asked)
                asked = 0.0
            typed = bool(wanted) and any(p.search(sentence) for p in wanted)
            if typed:
                score += params.type_bonus
            elif wants_number and span.digit:
                score += 0.1
            if any(y in sentence for y in years):
                score += 0.1
            if span.boilerplate:
                score *= 0.6  # "为贯彻落实…": a preamble restates the topic, not the rule
            score = score / (1 + params.rank_decay * i) + 0.05 / (1 + i)
            sentences.append(Sentence(i, span.start, span.end, sentence, score, present, typed))
    if similarity is not None and params.semantic and len(sentences) > 1:
        sentences = _with_meaning(sentences, similarity, params.semantic)
    return sentences


def _with_meaning(
    sentences: list[Sentence], similarity: Similarity, weight: float
) -> list[Sentence]:
    """Each sentence's score plus ``weight`` × the z-score of its cosine with the question
    among these sentences; a sentence without a vector keeps its score."""
    cosines = similarity([s.text for s in sentences])
    known = [c for c in cosines if c is not None]
    if len(known) < 2:
        return sentences
    mean = sum(known) / len(known)
    spread = math.sqrt(sum((c - mean) ** 2 for c in known) / len(known))
    if spread <= 1e-6:
        return sentences
    return [
        s
        if c is None
        else Sentence(
            s.hit_index,
            s.start,
            s.end,
            s.text,
            s.score + weight * (c - mean) / spread,
            s.covered,
            s.typed,
        )
        for s, c in zip(sentences, cosines, strict=True)
    ]


class ExtractiveGenerator:
    """Answers with the passage sentences that best cover the question; no model involved."""

    id = EXTRACTIVE

    def __init__(
        self,
        weights: TermWeights,
        params: AnswerParams = DEFAULT_PARAMS,
        sentences: SentenceVectors | None = None,
        similarity: Similarity | None = None,
        required: tuple[str, ...] = (),
    ) -> None:
        self.weights = weights
        self.params = params
        self.sentences = sentences
        self.similarity = similarity
        self.required = required

    def for_query(
        self, vector: np.ndarray | None, required: Sequence[str] = ()
    ) -> ExtractiveGenerator:
        """This generator scoring sentences also by their cosine with the query ``vector``,
        and quoting only sentences that hold one of the ``required`` bigrams when any do
        (a new object: the shared one is never changed, so threads cannot cross)."""
        table = self.sentences
        if table is None or vector is None or not self.params.semantic:
            if not required:
                return self
            return ExtractiveGenerator(
                self.weights, self.params, table, self.similarity, tuple(required)
            )

        def similarity(texts: Sequence[str]) -> list[float | None]:
            return table.similarities(texts, vector)

        return ExtractiveGenerator(self.weights, self.params, table, similarity, tuple(required))

    def generate(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        if not hits:
            return Draft("", refused=True)
        meta = self._metadata_answer(question, hits, notices)
        if meta is not None:
            return meta
        if any(h.named_articles for h in hits):
            # "《药品管理法》第十条…": the answer quotes that article.
            return self._articles(question, hits, notices)
        routed = [i for i, h in enumerate(hits) if h.routed]
        if routed and asks_for_series(question, [hits[i] for i in routed]):
            # "国卫医急发的文件有哪些？": the answer lists the notices of the series.
            return self._listing(hits, routed)
        if routed and not asks_for_topic(without_doc_numbers(question)):
            # "国卫办医函[2020]357号讲了什么？": nothing is asked beyond the notice itself.
            return self._summary(hits, routed)
        sentences = score_sentences(
            question, hits, self.weights, notices, self.params, self.similarity
        )
        if self.required:
            # "那农村呢？" asks the last question of 农村: a sentence without it answers the
            # last question again. A notice's title holds it for all its sentences ("那福建省
            # 呢？" is answered by the 福建 notice's sentences).
            required = set(self.required)
            holding = [
                s
                for s in sentences
                if set(bigrams(s.text + " " + hits[s.hit_index].title)) & required
            ]
            sentences = holding or sentences
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
                floor = 2 * self.params.no_match
                sentences = [replace(s, score=max(s.score, floor)) for s in quoting]
        if routed:
            # A question that names a 文号 asks about that notice, whatever else matches;
            # when nothing in it matches the rest of the question, it is summarised.
            sentences = [s for s in sentences if hits[s.hit_index].routed]
            if not sentences or max(s.score for s in sentences) <= self.params.no_match:
                return self._summary(hits, routed)
        places = named_places(question)
        multi = asks_about_several(question, hits) and not ONE_DOC.search(question)
        which_doc = not multi and bool(WHICH_DOC.search(question))
        chosen = self._select(sentences, multi=multi)
        if not chosen:
            return Draft("", refused=True)
        said = [(s.text, hits[s.hit_index].title + " " + hits[s.hit_index].issuer) for s in chosen]
        naming = self._named(question, hits, notices, said)
        if not (multi or which_doc or places) and _joined(question, list(naming.values())):
            # "国务院2020年下半年医改任务是怎么提的？2023年的指导意见又要求…": two notices
            # named, joined by 和 / 、 or asked in turn, are heard from each.
            multi = True
            chosen = self._select(sentences, multi=True)
        if multi:
            asked = list(naming)
            if len(asked) > 1:
                # The question names the notices it compares: a notice it does not name
                # speaks only when none it names has anything to say.
                chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id in asked] or chosen
            lead = hits[max(chosen, key=lambda s: s.score).hit_index].chunk.notice_id
            if places or asked != [lead]:
                chosen = self._cover_notices(chosen, sentences, hits, places, asked)
                chosen = self._per_notice(chosen, sentences, hits, asked, places)
            else:
                # "《X办法》规定特别重大事件和重大事件分别多久报告" compares within the one
                # notice it names: the others do not speak.
                chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id == lead]
        elif which_doc:
            # "哪个文件…" names one notice: the answer cites that one only.
            lead = hits[max(chosen, key=lambda s: s.score).hit_index].chunk.notice_id
            chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id == lead]
        chosen = _with_dependents(chosen, sentences, self.params)
        terms = question_terms(question)
        w = self.weights.weights(terms)
        wants_number = bool(NUMBER_QUESTION.search(question))
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
            quote = clip(s.text, terms, w, wants_number)
            hit = hits[s.hit_index]
            body = display(quote).rstrip("。；;，,")
            if hit.chunk.notice_id == last_notice:
                parts.append(f"；{body}[{n}]")
            elif not parts:
                lead = f"是{cite_label(hit)}" if which_doc else f"根据{cite_label(hit)}"
                if which_doc and hit.issuer:
                    lead += f"，{hit.issuer}{date_phrase(hit.date)}印发"
                parts.append(f"{lead}：{body}[{n}]")
            else:
                parts.append(f"。另据{cite_label(hit)}：{body}[{n}]")
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

    def _articles(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        """Each article the question names, quoted from the passage where it opens: its
        sentences from the start, up to ``_ARTICLE_QUOTE`` characters, and the sentence of it
        that best answers what else the question asks."""
        topic = asks_for_topic(without_article_refs(without_doc_numbers(question)))
        scored = (
            score_sentences(question, hits, self.weights, notices, self.params, self.similarity)
            if topic
            else []
        )
        # (notice, article) → (hit index, the article's span, whether it opens in that
        # passage): the passage where the article opens wins.
        where: dict[tuple[str, int], tuple[int, ArticleSpan, bool]] = {}
        for i, hit in enumerate(hits):
            notice = notices.get(hit.chunk.notice_id)
            if notice is None:
                continue
            c = hit.chunk
            for number in hit.named_articles:
                span = next(
                    (
                        a
                        for a in article_spans(notice.text)
                        if a.number == number and a.start < c.end and c.start < a.end
                    ),
                    None,
                )
                key = (c.notice_id, number)
                opens = span is not None and c.start <= span.start
                if span is not None and (key not in where or (opens and not where[key][2])):
                    where[key] = (i, span, opens)
        parts: list[str] = []
        quotes: dict[int, str] = {}
        for i, span, _ in sorted(where.values(), key=lambda w: (w[0], w[1].start)):
            c = hits[i].chunk
            lo, hi = max(span.start, c.start) - c.start, min(span.end, c.end) - c.start
            own = [
                (s, e)
                for s, e in split_sentences(c.text)
                if lo <= s and e <= hi and not looks_like_instruction(c.text[s:e])
            ]
            picked: list[tuple[int, int]] = []
            for s, e in own:
                if picked and e - own[0][0] > _ARTICLE_QUOTE:
                    break
                picked.append((s, e))
            best = max(
                (t for t in scored if t.hit_index == i and lo <= t.start and t.end <= hi),
                key=lambda t: t.score,
                default=None,
            )
            if (
                best is not None
                and best.score > self.params.no_match
                and (best.start, best.end) not in picked
            ):
                picked.append((best.start, best.end))
            if not picked:
                continue
            # Sentences that follow one another are one quote.
            runs: list[list[int]] = []
            for s, e in sorted(picked):
                if runs and not c.text[runs[-1][1] : s].strip():
                    runs[-1][1] = e
                else:
                    runs.append([s, e])
            texts = [c.text[s:e] for s, e in runs]
            # The quote names the article when it opens with it ("第十条　…").
            named = runs[0][0] == lo and span.start >= c.start
            label = "" if named else span.label
            parts.append(
                f"根据{cite_label(hits[i])}{label}："
                + "……".join(display(t) for t in texts)
                + f"[{i + 1}]"
            )
            quotes[i + 1] = (quotes[i + 1] + "\u0000" if i + 1 in quotes else "") + "\u0000".join(
                texts
            )
        if not parts:
            return Draft("", refused=True)
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
            line = f"{len(seen)}. {cite_label(hit)}"
            if hit.issuer:
                line += f"，{hit.issuer}{date_phrase(hit.date)}印发"
            lines.append(f"{line}[{i + 1}]")
            quotes[i + 1] = metadata_quote(hit)
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
            if s < title_end or len(nows(sentence)) < 15 or looks_like_instruction(sentence):
                continue
            if sentence.rstrip().endswith(("：", ":")):  # the salutation "各省、自治区…："
                continue
            if _METADATA_LINE.fullmatch(nows(sentence)):  # its 文号 or date line
                continue
            picked.append(sentence)
            if len(picked) == 2:
                break
        lead = f"{cite_label(hit)}"
        if hit.issuer:
            lead += f"由{hit.issuer}{date_phrase(hit.date)}印发"
        if not picked:
            return f"{lead}[{n}]。", metadata_quote(hit), False
        body = "".join(f"{display(p)}[{n}]" for p in picked)
        return f"{lead}。主要内容：{body}", "\u0000".join(picked), True

    def _cover_notices(
        self,
        chosen: list[Sentence],
        sentences: Sequence[Sentence],
        hits: Sequence[Hit],
        places: Sequence[str] = (),
        named: Sequence[str] = (),
    ) -> list[Sentence]:
        """A question about several notices hears from each of them, when at all relevant.

        With places named ("国家和河北省分别…", "福建和甘肃…"), the best sentence from a
        notice of each place the selection left out; otherwise the best sentence of every
        notice among the first hits. Notices the question ``named`` by title or issuer
        ("全国老龄办的通知和国务院2020年下半年医改任务…") come first: of a place's notices,
        the named one answers for it, and a named notice the selection left out is heard
        whenever its best sentence scores above ``no_match`` (shares more than its rank).
        """
        best = max(s.score for s in chosen)
        have = {hits[s.hit_index].chunk.notice_id for s in chosen}
        groups: list[list[Sentence]] = []
        if places:
            covered = {hits[s.hit_index].region for s in chosen}
            for place in places:
                if place not in covered:
                    own = [s for s in sentences if hits[s.hit_index].region == place]
                    among = [s for s in own if hits[s.hit_index].chunk.notice_id in named]
                    groups.append(among or own)
        else:
            wanted = [nid for nid in named if nid not in have]
            if not wanted:
                for h in hits[: self.params.cover_top]:
                    if h.chunk.notice_id not in have and h.chunk.notice_id not in wanted:
                        wanted.append(h.chunk.notice_id)
            groups = [
                [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid] for nid in wanted
            ]
        # "河北和四川…分别…": each notice answers in a sentence shaped like the lead's
        # ("抽查比例达到…12%" beside "抽查比例不低于…20%"), so a sentence sharing the lead's
        # wording gains ``parallel`` × that share (bigram Dice).
        lead = max(chosen, key=lambda s: s.score)
        lead_grams = set(bigrams(lead.text))
        extra: list[Sentence] = []
        for own in groups:
            if own:
                pick = max(
                    own, key=lambda s: s.score + self.params.parallel * _dice(s.text, lead_grams)
                )
                asked = hits[pick.hit_index].chunk.notice_id in named
                floor = self.params.no_match if asked else self.params.cover_min * best
                if pick.score >= floor:
                    extra.append(pick)
        return chosen + extra

    def _per_notice(
        self,
        chosen: list[Sentence],
        sentences: Sequence[Sentence],
        hits: Sequence[Hit],
        named: Sequence[str],
        places: Sequence[str],
    ) -> list[Sentence]:
        """Each notice the question asks about by name or place, in a question about
        several, answers as it would alone: the sentences a question about that notice
        only would quote (``_select`` over its sentences), at most ``per_notice`` of them,
        so a notice covered by one sentence worded like the lead's also says what the
        lead's sentence did not. Other notices keep the one sentence they were heard in."""
        out: list[Sentence] = []
        for nid in dict.fromkeys(hits[s.hit_index].chunk.notice_id for s in chosen):
            mine = [s for s in chosen if hits[s.hit_index].chunk.notice_id == nid]
            out.extend(mine)
            if nid not in named and hits[mine[0].hit_index].region not in places:
                continue
            own = [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid]
            room = self.params.per_notice - len(mine)
            for s in self._select(own)[: self.params.per_notice]:
                if room <= 0:
                    break
                if s not in out and not any(_overlaps(s, c) for c in out):
                    out.append(s)
                    room -= 1
        return out

    @staticmethod
    def _named(
        question: str,
        hits: Sequence[Hit],
        notices: Mapping[str, Notice],
        said: Sequence[tuple[str, str]],
    ) -> dict[str, list[tuple[int, int]]]:
        """The notices among the hits the question names by title or issuer, in hit order,
        each with the stretches of the question that name it.

        Each stretch of the question names one notice at most: the one whose title it and
        the question's other stretches match best (rarer stretches weigh more), so
        "国务院2020年下半年医改任务" names the 国务院办公厅 notice, not a city's of the same
        half-year. A notice is named by a stretch few titles share (``naming_spans``), and
        not by one a chosen sentence holds while its own notice's title does not (``said``:
        sentence, title and issuer): words the answer repeats are what is asked about
        (城乡居民医保 in "…对城乡居民医保财政补助各提了什么要求"), not a name.
        """
        names = [n.title + " " + n.issuer for n in notices.values()]
        order: list[str] = []
        found: dict[str, list[tuple[int, int, int]]] = {}
        for h in hits:
            nid = h.chunk.notice_id
            if nid in found:
                continue
            order.append(nid)
            found[nid] = [
                span
                for span in naming_spans(question, h.title + " " + h.issuer, names)
                if not any(
                    question[span[0] : span[1]] in text and question[span[0] : span[1]] not in name
                    for text, name in said
                )
            ]

        def weight(df: int) -> float:
            return math.log((len(names) + 1) / (df + 0.5))

        taken: set[int] = set()
        named: dict[str, list[tuple[int, int]]] = {}
        for nid in sorted(order, key=lambda x: -sum(weight(df) for _, _, df in found[x])):
            spans = [(a, b, df) for a, b, df in found[nid] if not taken.intersection(range(a, b))]
            if any(names_few(df, len(names)) for _, _, df in spans):
                named[nid] = [(a, b) for a, b, _ in spans]
                for a, b, _ in spans:
                    taken.update(range(a, b))
        return {nid: named[nid] for nid in order if nid in named}

    def _select(self, sentences: Sequence[Sentence], multi: bool = False) -> list[Sentence]:
        """The best sentence, then ones that score close to it.

        Other passages join only when nearly as relevant, unless the question compares
        several notices (``multi``: "国家和湖南省分别…", "福建和甘肃有什么不同"). A
        sentence joins first when it adds terms of the question the chosen ones lack; for a
        question about one notice, the other sentences that could join then fill the places
        left even when they add none: a question in everyday words ("会被查吗", "怎么
        一个个盯着管") shares few terms with any sentence, and which of two near-tied
        sentences answers it is not told by the terms they add.
        """
        if not sentences:
            return []
        ranked = sorted(sentences, key=lambda s: -s.score)
        best = ranked[0]
        if best.score <= self.params.no_match:
            return []
        chosen = [best]
        covered = set(best.covered)
        for s in ranked[1:]:
            if len(chosen) == self.params.max_sentences:
                break
            if s.score < self.params.keep * best.score:
                break
            other = s.hit_index != best.hit_index
            if not multi and other and s.score < self.params.other * best.score:
                continue  # another notice is cited only when it is nearly as relevant
            new = s.covered - covered
            if (not new and not s.typed) or any(_overlaps(s, c) for c in chosen):
                continue
            chosen.append(s)
            covered |= s.covered
        if not multi:
            # Near ties that add no term join in the places left.
            for s in ranked[1:]:
                if len(chosen) == self.params.max_sentences:
                    break
                if s.score < self.params.keep * best.score:
                    break
                if s.hit_index != best.hit_index and s.score < self.params.other * best.score:
                    continue
                if s not in chosen and not any(_overlaps(s, c) for c in chosen):
                    chosen.append(s)
        # Read in passage order: rank of the hit, then position in it.
        return sorted(chosen, key=lambda s: (s.hit_index, s.start))

    def _metadata_answer(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> Draft | None:
        """Questions about who issued a notice, when, or its 文号 are answered from metadata;
        a question about several notices ("…和…分别是什么文号？") hears it of each."""
        asks_issuer = bool(ISSUER_QUESTION.search(question))
        asks_date = bool(DATE_QUESTION.search(question))
        asks_docno = bool(DOCNO_QUESTION.search(question))
        if not (asks_issuer or asks_date or asks_docno):
            return None
        if find_doc_numbers(question) and not hits[0].routed:
            # The 文号 asked about is not this notice's own (only quoted in its text): its
            # metadata would answer for another document.
            return None
        several = (
            not find_doc_numbers(question)
            and asks_about_several(question, hits)
            and not ONE_DOC.search(question)
        )
        lines: list[str] = []
        quotes: dict[int, str] = {}
        for i in self._relevant_notices(question, hits, notices) if several else [0]:
            hit = hits[i]
            notice = notices.get(hit.chunk.notice_id)
            if notice is None:
                continue
            facts = []
            if asks_docno:
                facts.append(f"文号为{notice.doc_number}" if notice.doc_number else "没有文号")
            if asks_issuer:
                facts.append(f"发文机关是{notice.issuer}" if notice.issuer else "未注明发文机关")
            dates = []
            if notice.written_date:
                dates.append(f"{date_phrase(notice.written_date)}成文")
            if notice.published_date:
                dates.append(f"{date_phrase(notice.published_date)}发布")
            if dates:
                facts.append("，".join(dates))
            lines.append(f"{cite_label(hit)}{'，'.join(facts)}[{i + 1}]。")
            quotes[i + 1] = metadata_quote(hit)
        if not lines:
            return None
        return Draft("\n".join(lines), quotes)

    def _relevant_notices(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> list[int]:
        """The first hit of each notice among the first ``cover_top`` hits whose best
        sentence scores at least ``cover_min`` of the best one (as ``_cover_notices``)."""
        sentences = score_sentences(
            question, hits, self.weights, notices, self.params, self.similarity
        )
        if not sentences:
            return [0]
        best: dict[str, float] = {}
        for s in sentences:
            nid = hits[s.hit_index].chunk.notice_id
            best[nid] = max(best.get(nid, s.score), s.score)
        top = max(best.values())
        out: list[int] = []
        seen: set[str] = set()
        for i, h in enumerate(hits[: self.params.cover_top]):
            nid = h.chunk.notice_id
            if nid in seen:
                continue
            seen.add(nid)
            if i == 0 or best.get(nid, 0.0) >= self.params.cover_min * top:
                out.append(i)
        return out


# What joins two named documents in one question: a conjunction, or a second question.
_JOINS = re.compile(r"[？?；;、]|和|与|及|跟|同|以及")


def _joined(question: str, spans: Sequence[Sequence[tuple[int, int]]]) -> bool:
    """Whether the first two notices a question names are named apart: some name of one
    and a later name of the other have a conjunction or a question mark between them ("X和
    Y", "X是怎么提的？Y又…")."""
    if len(spans) < 2:
        return False
    pairs = [(x, y) for x in spans[0] for y in spans[1]] + [
        (y, x) for x in spans[0] for y in spans[1]
    ]
    return any(
        first[1] <= second[0] and _JOINS.search(question[first[1] : second[0]])
        for first, second in pairs
    )


# A rule stated "in principle" is followed by its exception ("原则上由患者本人领取。
# 特殊情况下…可由…代为领取"); a numbered heading by the sentences that carry it out.
_IN_PRINCIPLE = re.compile(r"原则上")
_EXCEPTION = re.compile(r"^(但|但是|特殊情况|确需|确有|如确|因特殊|对特殊|除.{1,20}外|特殊)")
_DEPENDENTS = 3
# How much of a named article is quoted from its start (characters); a longer article is
# quoted up to the sentence that passes this, plus the sentence that answers the question.
_ARTICLE_QUOTE = 300
# A list introduced by a colon is quoted whole up to this many items (a longer one is a
# section, not an answer).
_MAX_ITEMS = 10
_SENTENCE_CLOSE = re.compile(r"[。！？!?；;：:][”’」』）)]*$")


def _is_heading(sentence: str) -> bool:
    """A numbered heading line ("（四）做好秋冬季新冠肺炎疫情防控。"): it names a topic."""
    return opens_heading(sentence) and len(nows(sentence)) <= 30


def _opens_section(s: Sentence, sentences: Sequence[Sentence]) -> bool:
    """Whether ``s`` is the first sentence under a numbered heading of its passage."""
    before = [t for t in sentences if t.hit_index == s.hit_index and t.end <= s.start]
    return bool(before) and _is_heading(max(before, key=lambda t: t.end).text)


def _with_dependents(
    chosen: list[Sentence], sentences: Sequence[Sentence], params: AnswerParams = DEFAULT_PARAMS
) -> list[Sentence]:
    """Each chosen sentence with what it cannot stand without: a sentence ending in a colon
    with the items it introduces, a heading with the first sentences under it, an "in
    principle" rule with the exception that follows it. A sentence that opens a section
    (the first under a numbered heading) brings the section's next sentences: it states the
    section's aim, and they say how."""
    out = list(chosen)
    for s in chosen:
        rest = [t for t in sentences if t.hit_index == s.hit_index and t.start >= s.end]
        after = rest[:_DEPENDENTS]
        if s.text.rstrip().endswith(("：", ":")):
            # "…是指：" / "…包括：" introduces the items that answer: all of a numbered list
            # ("（一）…（七）…"), else the next sentences.
            follow = _items(rest) or after
        elif _is_heading(s.text):
            follow = _body(after)
        elif params.exceptions and _IN_PRINCIPLE.search(s.text):
            follow = [t for t in after[:1] if _EXCEPTION.match(t.text.lstrip())]
        elif params.section_body and _opens_section(s, sentences):
            follow = _body(after[: _DEPENDENTS - 1])
        else:
            follow = []
        out.extend(t for t in follow if not any(_overlaps(t, c) for c in out))
    return out


def _items(after: Sequence[Sentence]) -> list[Sentence]:
    """The numbered list that opens ``after``: each sentence up to the first that opens
    with another kind of marker (or a higher heading), at most ``_MAX_ITEMS`` items; [] when
    ``after`` does not open with a numbered item."""
    kind = _marker_kind(after[0].text) if after else None
    if kind is None:
        return []
    out: list[Sentence] = []
    items = 0
    for t in after:
        own = _marker_kind(t.text)
        if own is not None and own != kind:
            break
        if own == kind:
            items += 1
            if items > _MAX_ITEMS:
                break
        out.append(t)
    return out


def _marker_kind(sentence: str) -> int | None:
    """Which kind of numbered heading marker opens ``sentence`` (its index in
    ``grammar.HEADINGS``), or None."""
    text = sentence.strip()
    for i, (pattern, _, _) in enumerate(HEADINGS):
        if pattern.match(text):
            return i
    return None


def _body(after: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of ``after`` up to the next heading or a line that is no sentence (the
    issuer's name signing the notice)."""
    out: list[Sentence] = []
    for t in after:
        if _is_heading(t.text) or not _SENTENCE_CLOSE.search(t.text.rstrip()):
            break
        out.append(t)
    return out


def _dice(text: str, grams: set[str]) -> float:
    """Bigram Dice overlap of ``text`` with a sentence's bigram set."""
    own = set(bigrams(text))
    return 2 * len(own & grams) / (len(own) + len(grams)) if own and grams else 0.0


def _overlaps(a: Sentence, b: Sentence) -> bool:
    return a.hit_index == b.hit_index and a.start < b.end and b.start < a.end
