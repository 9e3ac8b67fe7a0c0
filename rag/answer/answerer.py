"""The answerer: retrieve, decide, draft, verify."""

from __future__ import annotations

import functools
import json
import re
import threading
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rag.answer.amendments import paired_passages
from rag.answer.asking import ValidityAsk, as_of_in, ask_dates, read_ask, without_date
from rag.answer.checking import AnswerCheck, closest
from rag.answer.constraints import held_places
from rag.answer.constraints.values import ValueCheck, asks_value
from rag.answer.deciding import SupportStep
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.followup import (
    CHANGE_FRAGMENT,
    Carried,
    ConversationTopics,
    asks_nothing_new,
    carry,
    clean_history,
    edition_year,
    elliptical_part,
    focus_of,
    last_answer,
    last_user_turn,
    leans_on_conversation,
    opening_fragment,
)
from rag.answer.naming import one_documents_editions
from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.passages import (
    further_passages,
    held_to,
    notice_passages,
    passage_share,
    with_amenders,
    with_reported,
)
from rag.answer.questions import (
    CHANGE_ASKED,
    EDITIONS_COMPARED,
    edition_years,
    question_terms,
    question_words,
)
from rag.answer.records import (
    REFUSAL_LEAD,
    Answer,
    Citation,
    Draft,
    Generator,
    Searcher,
)
from rag.answer.status import implementers_draft, status_lines, with_status
from rag.answer.support import (
    RegionPassages,
    TermWeights,
    null_of,
)
from rag.answer.verify import verify_citations
from rag.config import Settings, load_settings
from rag.docno import find_doc_numbers, parse_doc_number
from rag.errors import InvalidQueryError
from rag.notices.validity import ValidityIndex
from rag.ranking import Fusion
from rag.records import Chunk, Hit, Notice
from rag.retrieve import Filters


class Answerer(SupportStep):
    """Retrieve, decide, draft, verify. ``Answerer.open()`` uses the configured index."""

    def __init__(
        self,
        retriever: Searcher,
        settings: Settings | None = None,
        generator: Generator | None = None,
        params: AnswerParams = DEFAULT_PARAMS,
    ) -> None:
        self.retriever = retriever
        self.settings = settings or getattr(retriever, "settings", None) or load_settings()
        self.weights = TermWeights([c.text for c in retriever.chunks])
        self.params = params
        # Sentence vectors of the index (None for an index built before they existed, or
        # when the embedder's vectors hold characters rather than meaning).
        embedder = getattr(retriever, "embedder", None)
        sentences = getattr(retriever, "sentences", None)
        if not getattr(embedder, "captures_meaning", True):
            sentences = None
        self.extractive = ExtractiveGenerator(self.weights, params, sentences=sentences)
        # Each cited notice's 文号 as its text prints it, read once (notice_id -> 文号).
        self._printed: dict[str, str] = {}
        # The constraint check every drafted answer passes (rag.answer.checking).
        self.check = AnswerCheck(retriever.notices, self._years_of, self._held)
        self.topics = ConversationTopics(
            retriever.notices, retriever.chunks, self.weights, params.topic_margin
        )
        if generator is None and self.settings.llm_base_url:
            from rag.answer.llm import LLMGenerator

            generator = LLMGenerator.from_settings(self.settings)
        self.generator: Generator = generator or self.extractive
        # Passages retrieved per question; the generator reads the first answer_k of them.
        # Evaluation raises it to score retrieval at k=10 from the same search.
        self.search_k = self.settings.answer_k
        # The order of passages the answer stage reads (``rag.ranking.Fusion.for_answers``).
        self.fusion = Fusion.for_answers(self.settings)
        # The index's null similarity (mean, spread of a related but unsupported question's
        # top cosine), against which support reads a question's top cosine.
        self.null = null_of(getattr(retriever, "manifest", {}) or {})
        # The notice that answered an earlier user question, by (question, turns before it):
        # each follow-up of a conversation asks it again for the same turns.
        self._answered: dict[_TurnsKey, str | None] = {}

    def _held(self, word: str) -> bool:
        """Whether some passage of the index holds ``word``."""
        return self.weights.passages_with(word) > 0

    @functools.cached_property
    def region_passages(self) -> RegionPassages:
        """The index's passages by region, read when a question first asks of one place."""
        return RegionPassages(self.retriever.chunks, self.notices)

    @functools.cached_property
    def validity(self) -> ValidityIndex:
        """The notices' validity records: the retriever's, else read from its notices."""
        found = getattr(self.retriever, "validity", None)
        if isinstance(found, ValidityIndex):
            return found
        return ValidityIndex(self.notices.values())

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
        filters: Filters | None = None,
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
        filters: Filters | None = None,
        k: int | None = None,
    ) -> Iterator[str | Answer]:
        """Text deltas while the answer is drafted, then the verified Answer."""
        yield from self._run(question, history, filters, k, stream=True)

    # -- pipeline ---------------------------------------------------------------------

    def _run(
        self,
        question: str,
        history: Sequence[Mapping[str, Any]] | None,
        filters: Filters | None,
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
        turns = clean_history(history, self.settings.max_history_turns)
        carried = self._standalone(question, turns, notes, filters)
        standalone = carried.standalone
        timings["condense"] = (time.perf_counter() - t) * 1000

        # A validity question's date ("2021年初的时候…还有效吗") is the date its statuses are
        # for, unless the caller gave one; it is not the year of the notices it asks about.
        ask = read_ask(standalone)
        said = (as_of_in(question) or ask.as_of) if ask.asks_status else None
        query = without_date(standalone, said) if said is not None else standalone
        # "…2020年11月30日那天已经开始试行了吗？现在还有效吗？": a date one ask gives itself,
        # in a question otherwise in the present, is no year of the notices asked about.
        own_dates = ask_dates(standalone) if ask.asks_status and said is None else []
        for date in own_dates:
            query = without_date(query, date)
        period = said
        if said is not None:
            if filters is None or filters.as_of is None:
                filters = replace(filters or Filters(), as_of=said.day)
            else:
                period = None  # the caller's date wins over the question's

        t = time.perf_counter()
        use_k = k or self.settings.answer_k
        result = self.retriever.search(
            query, k=max(use_k, self.search_k), filters=filters, fusion=self.fusion
        )
        retrieved = result.hits
        if carried.notice is not None and (filters is None or filters.allows(carried.notice)):
            retrieved = self._held_to(carried.notice, focus_of(question, turns), retrieved)
        hits = retrieved[:use_k]
        # "2021年的试行办法和2024年的新办法…分别…": editions named by their years.
        years = edition_years(question)
        if hits and not result.series and (CHANGE_ASKED.search(question) or len(years) > 1):
            # "远程审方那条后来改过没有？": the notices amending the one asked about speak too.
            lead = carried.notice or self.notices.get(hits[0].chunk.notice_id)
            if lead is not None:
                asked = focus_of(question, turns) if turns else standalone
                share = passage_share(asked, self.weights)
                editions = bool(EDITIONS_COMPARED.search(question)) or len(years) > 1
                linked = self._amenders(lead, filters, editions, years if len(years) > 1 else ())
                hits = with_amenders(lead, linked, share, hits)
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
        focus = focus_of(question, turns) if turns and standalone != question else standalone
        if result.mentioned and not find_doc_numbers(focus):
            # "它现在还能用吗？" about a 文号 the conversation named and the index lacks: the
            # passages quoting it answer, and they are found by the 文号 the question carries.
            focus = standalone
        if said is not None:
            focus = without_date(focus, said)
        # The status lines read each ask's own date; the rest of the answer does not.
        dated = focus
        for date in own_dates:
            focus = without_date(focus, date)
        ask = _asked(ask, read_ask(focus))
        if turns and asks_nothing_new(question):
            # "国家的评估办法到什么时候？" then "那陕西据此发的通知呢？": the status again.
            ask = _asked(ask, read_ask(last_user_turn(turns)))
        support, parts = self._support(focus, result, hits, bool(turns))
        if (
            getattr(self.generator, "condense", None) is None
            and (filters is None or filters.is_empty())
            and use_k == self.settings.answer_k
        ):
            # Searched as ``_answered_by`` searches: the next follow-up need not search again.
            self._remember(_turns_key(question, turns), question, hits, support)
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
        # A question about several notices reads each notice's passage with its best
        # sentence, also when the notice's other passages ranked higher (max_per_notice).
        if not result.series:
            read = notice_passages(
                focus,
                hits,
                self.notices,
                self.topics.chunks_of,
                self.weights,
                self.params,
            )
            retrieved = _also_read(retrieved, read)
            hits = read
        # A report on a notice (a 政策解读, a news story) is heard beside the notice it
        # reports on, which says the rule.
        hits = with_reported(
            hits, self.notices, self.topics.chunks_of, passage_share(focus, self.weights)
        )
        retrieved = _also_read(retrieved, hits)
        # An elliptical follow-up is answered by sentences that hold what it adds.
        # ("2025年修改以后呢？" adds a time, not words a sentence must hold.)
        part_asked = elliptical_part(question) if turns else ""
        # "2025年修改以后呢？", "后来延到什么时候？" ask again, after the change, of what the
        # last answer said.
        changed = CHANGE_FRAGMENT.search(part_asked) or CHANGE_ASKED.search(question)
        before = last_answer(turns) if turns and changed else ""
        if CHANGE_ASKED.search(focus) or EDITIONS_COMPARED.search(focus) or before or not years:
            # "原来规定多少个工作日？2025年修改以后呢？": an amended article's passage and the
            # passage of the item rewriting it are read together; so are those of a rule
            # asked of as it stands (no edition named), which an amendment may have rewritten.
            hits = paired_passages(
                hits, self.notices, self.topics.chunks_of, before, linked=self._amending(hits)
            )
            retrieved = _also_read(retrieved, hits)
        draft: Draft | None = None
        # This question's extractive generator: the shared one, scoring sentences also by
        # their cosine with this query's vector.
        part = CHANGE_FRAGMENT.sub("", part_asked)
        if (
            carried.notice is not None
            and carried.notice.date[:4]
            and carried.notice.date[:4] in part
        ):
            # "那2019年的呢？" held to the notice of 2019: the year named the notice, and its
            # sentences need not say it.
            part = (
                ""
                if edition_year(part) == carried.notice.date[:4]
                else part.replace(carried.notice.date[:4], "").replace("年", "", 1)
            )
        # ("那延续注册这块改了什么？" asks of something of its own, words the notices use that
        # the last answer did not say: the items rewriting what it said are read, not
        # preferred.)
        repeated = ""
        if before:
            own = [
                w
                for w in question_words(question)
                if self.weights.passages_with(w) and w not in before
            ]
            # (So does one opening with the change before a question of its own: "那修改以后
            # 呢？静脉溶栓率现在得达到多少？")
            opening = opening_fragment(question)
            fragment = CHANGE_FRAGMENT.search(part_asked) or CHANGE_FRAGMENT.search(opening)
            repeated = before if fragment or not own else ""
        extractive = self.extractive.for_query(
            result.query_vector, question_terms(part), result.asked, result.ask_vectors, repeated
        )
        generator = extractive if self.generator is self.extractive else self.generator
        if result.implementing:
            # "各省如何落实国卫…号？" is answered by listing the implementing notices, each
            # with the clause that says so (the relation read at index time).
            generator = extractive
        if result.series and generator is not extractive:
            # "国卫医急发的文件有哪些？" is answered by listing the series from the notices'
            # metadata; a model shown only their headers has nothing to add and may omit some.
            generator = extractive
            notes.append("系列文件按通知元数据逐一列出，未调用生成模型")
        streamed = False
        try:
            # The extractive draft is instant; it is streamed after verification, with the
            # final numbering. An LLM streams as it writes.
            if stream and generator is not extractive:
                for item in generator.stream(focus, hits, self.notices):
                    if isinstance(item, Draft):
                        draft = item
                    else:
                        streamed = True
                        yield item
            elif result.implementing:
                draft = implementers_draft(result.implementing, hits, self.notices)
            else:
                draft = generator.generate(focus, hits, self.notices)
        except Exception as exc:  # a generator failure must not lose the question
            if generator is extractive:
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
            if answer is None and generator is not extractive:
                notes.append("LLM 回答没有通过引用核验，已改用抽取式回答")
        if answer is None and generator is not extractive:
            fallback = extractive.generate(focus, hits, self.notices)
            answer = self._verified(question, standalone, fallback, hits, support, notes)
        if answer is None:
            answer = self._refusal(question, standalone, hits, support, notes)
        timings["verify"] = (time.perf_counter() - t) * 1000
        if not answer.refused:
            t = time.perf_counter()
            answer = self.check.checked(focus, answer, hits, ask, bool(result.implementing))
            # (The question's value check, read once for every draft compared below, and only
            # when the constraint check found a value unmet.)
            values = (
                ValueCheck(focus, asks_value(focus), self._held)
                if generator is extractive
                and not result.implementing
                and not answer.refused
                and any(m.get("kind") == "value" for m in answer.unmet)
                else None
            )
            missing = _values_unmet(values, answer) if values is not None else 0
            if values is not None and missing:
                # The cited notices answer in part and do not state a value asked where the
                # answer read them: their other passages are read, and the answer drafted
                # again is taken when it states more of what was asked. (Not an answer the
                # check refused: a notice on the topic stating no such value is a near miss,
                # which its other passages must not talk round.)
                further = further_passages(
                    hits,
                    [c.notice_id for c in answer.citations],
                    self.notices,
                    self.topics.chunks_of,
                    passage_share(focus, self.weights),
                )
                have = {h.chunk.chunk_id for h in hits}
                added = [h.chunk.text for h in further if h.chunk.chunk_id not in have]
                # (Drafted again only when the passages added state a value missed.)
                if added and _values_unmet(values, answer, added) < missing:
                    again_notes = list(notes)
                    again = self._verified(
                        question,
                        standalone,
                        extractive.generate(focus, further, self.notices),
                        further,
                        support,
                        again_notes,
                    )
                    if again is not None:
                        again = self.check.checked(
                            focus, again, further, ask, bool(result.implementing)
                        )
                        if not again.refused and _values_unmet(values, again) < missing:
                            answer, hits, notes[:] = again, further, again_notes
                            retrieved = _also_read(retrieved, further)
            timings["constraints"] = (time.perf_counter() - t) * 1000
        lines: list[str] = []
        if not answer.refused:
            as_of = filters.as_of if filters is not None else None
            answer.citations = with_status(answer.citations, self.validity, as_of)
            routed = [h.chunk.notice_id for h in hits if h.routed and not result.implementing]
            lines = status_lines(
                dated,
                answer.citations,
                routed,
                self.validity,
                as_of,
                period,
                ask,
                retrieved=[h.chunk.notice_id for h in hits],
                articles=bool(result.articles),
            )
        unsaid = [n for n in result.mentioned if f"库中没有{n}本身" not in answer.text]
        if unsaid and not answer.refused:
            # Say plainly that the answer comes from documents citing the 文号, not from it
            # (unless the constraint check said so already).
            answer.text = f"索引中没有{'、'.join(unsaid)}本身；以下出自引用它的通知。" + answer.text
        if lines:
            # A validity question's status comes first, before any note on the sources.
            answer.text = "\n".join(lines) + "\n" + answer.text
        answer.text = self._as_printed(answer.text, answer.citations)
        answer.hits = list(retrieved)
        answer.support_parts = parts
        answer.timings_ms = {**timings, "total": (time.perf_counter() - t0) * 1000}
        if stream and not streamed:
            yield from (piece for piece in re.split(r"(?<=[。；\n])", answer.text) if piece)
        yield answer

    @functools.cached_property
    def _regions(self) -> frozenset[str]:
        """The provinces (and 全国) the index holds notices of."""
        return frozenset(n.region for n in self.notices.values() if n.region)

    def _amending(self, hits: Sequence[Hit]) -> dict[str, list[str]]:
        """The notices the validity index says amend a notice among ``hits``: amending
        notice → the notices among the hits it amends."""
        out: dict[str, list[str]] = {}
        for nid in dict.fromkeys(h.chunk.notice_id for h in hits):
            record = self.validity.get(nid)
            for other in record.amended_by if record is not None else ():
                out.setdefault(other.notice_id, []).append(nid)
        return out

    def _amenders(
        self,
        notice: Notice,
        filters: Filters | None,
        editions: bool = False,
        years: Collection[str] = (),
    ) -> list[tuple[Notice, list[Chunk]]]:
        """The notices amending ``notice`` (the validity index's relations) that ``filters``
        allow, each with its passages; with ``editions`` (a question comparing before and
        after), the editions it replaced or was replaced by too (a notice repealing it or
        repealed by it whose title shares most of its own: "从2020年试行版换成2023年正式版
        以后…从几张变成了几张" hears the 2020 edition, or of a year in ``years``, the years
        the question names: "2020年那个试行办法…现在的2025—2027年方案…")."""
        record = self.validity.get(notice.notice_id)
        found = [self.notices.get(i.notice_id) for i in record.amended_by] if record else []
        if record is not None and editions:
            linked = [i.notice_id for i in record.repealed_by] + [
                r.target_id for r in record.own.relations if r.kind == "repeals" and r.target_id
            ]
            for nid in linked:
                other = self.notices.get(nid)
                if (
                    other is not None
                    and other not in found
                    and (
                        one_documents_editions(notice.title, other.title) or other.date[:4] in years
                    )
                ):
                    found.append(other)
        return [
            (other, self.topics.chunks_of(other.notice_id))
            for other in found
            if other is not None and (filters is None or filters.allows(other))
        ]

    def _held_to(self, notice: Notice, focus: str, retrieved: Sequence[Hit]) -> list[Hit]:
        """``passages.held_to``: the follow-up's hits held to the conversation's notice."""
        return held_to(
            notice,
            self.topics.chunks_of(notice.notice_id),
            passage_share(focus, self.weights),
            retrieved,
            self.fusion.per_notice,
        )

    def _answered_by(self, question: str, turns: Sequence[Mapping[str, str]]) -> Notice | None:
        """The notice that answered ``question`` asked after ``turns``: made standalone by
        the rules, searched as ``_run`` searches, and the top hit's notice when support
        passes the bar an answer needs; None otherwise. Remembered, also from ``_run``
        itself: a chat's next follow-up asks it of the question just answered."""
        key = _turns_key(question, turns)
        if key not in self._answered:
            carried = self._carried(question, turns, None)
            k = max(self.settings.answer_k, self.search_k)
            result = self.retriever.search(carried.standalone, k=k, fusion=self.fusion)
            hits = result.hits
            if carried.notice is not None:
                hits = self._held_to(carried.notice, focus_of(question, turns), hits)
            hits = hits[: self.settings.answer_k]
            focus = focus_of(question, turns) if carried.standalone != question else question
            support = self._support(focus, result, hits, bool(turns))[0] if hits else 0.0
            self._remember(key, question, hits, support)
        nid = self._answered[key]
        return self.notices.get(nid) if nid else None

    def _remember(self, key: _TurnsKey, question: str, hits: Sequence[Hit], support: float) -> None:
        """Remember the notice that answered a question (``_answered_by``): the top hit's,
        or the first of the place the question names (an answer citing another place's
        notice is refused, ``AnswerCheck.checked``), when support passes the refusal threshold."""
        places = held_places(question)
        placed = [h for h in hits if not places or h.region in places] or list(hits)
        found = (
            placed[0].chunk.notice_id
            if placed and support >= self.settings.refusal_threshold
            else None
        )
        if len(self._answered) > 1024:  # a long-running server sees endless conversations
            self._answered = {}
        self._answered[key] = found

    def _carried(
        self, question: str, turns: Sequence[Mapping[str, str]], filters: Filters | None
    ) -> Carried:
        """A follow-up made standalone by the rules (``followup.carry``), with the notices
        an open search for it finds beside the conversation's (a topic switch)."""
        if not turns or find_doc_numbers(question) or not leans_on_conversation(question):
            return Carried(question)

        def found() -> list[str]:
            asked = focus_of(question, turns)
            hits = self.retriever.search(
                asked, k=self.settings.answer_k, filters=filters, fusion=self.fusion
            ).hits
            return list(dict.fromkeys(h.chunk.notice_id for h in hits))

        return carry(
            question, turns, self.topics, self._answered_by, found, self._linked, self._years_of
        )

    def _years_of(self, notice: Notice) -> set[str]:
        """The years an edition is known by: its date's, its 文号's and its 施行 date's."""
        years = {notice.date[:4]}
        number = parse_doc_number(notice.doc_number) if notice.doc_number else None
        if number is not None and number.year:
            years.add(str(number.year))
        if self.validity.get(notice.notice_id) is not None:
            # (its 施行 date, else its date again)
            years.add(self.validity.takes_effect(notice.notice_id)[:4])
        return years - {""}

    def _linked(self, notice: Notice) -> list[Notice]:
        """The notices the validity index links ``notice`` to: those it repeals or amends,
        and those repealing or amending it."""
        record = self.validity.get(notice.notice_id)
        if record is None:
            return []
        ids = [i.notice_id for i in [*record.repealed_by, *record.amended_by]] + [
            r.target_id
            for r in record.own.relations
            if r.kind in ("repeals", "amends") and r.target_id
        ]
        return [n for i in dict.fromkeys(ids) if (n := self.notices.get(i)) is not None]

    def _as_printed(self, text: str, citations: Sequence[Citation]) -> str:
        """``text`` with each cited notice's 文号 written as the notice prints its number
        (沪卫应急〔2020〕003号, where the normalised 文号 reads 3号)."""
        for c in citations:
            printed = self._printed.get(c.notice_id)
            if printed is None:
                notice = self.notices.get(c.notice_id)
                printed = printed_doc_number(notice) if notice is not None else ""
                self._printed[c.notice_id] = printed
            if printed and c.doc_number and printed != c.doc_number:
                text = text.replace(c.doc_number, printed)
        return text

    def _standalone(
        self,
        question: str,
        turns: Sequence[Mapping[str, str]],
        notes: list[str],
        filters: Filters | None = None,
    ) -> Carried:
        """The question rewritten to stand alone, using the chat history when it is a
        follow-up, and the conversation's notice it is held to (rules only)."""
        if not turns or find_doc_numbers(question):
            return Carried(question)
        condense = getattr(self.generator, "condense", None)
        if condense is not None:
            try:
                rewritten = condense(question, turns)
                if rewritten:
                    return Carried(str(rewritten))
            except Exception as exc:
                notes.append(f"LLM 改写追问失败（{_brief(exc)}），已按规则结合上文")
        return self._carried(question, turns, filters)

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
        nearest = closest(hits)
        lines = [REFUSAL_LEAD]
        elsewhere = self._elsewhere(parts or {})
        if elsewhere:
            lines.append(elsewhere)
        if nearest:
            lines.append("最相近的通知：")
            lines.extend(
                f"{i}. {c['doc_number'] or '无文号'}《{c['title']}》"
                for i, c in enumerate(nearest, 1)
            )
        if draft is not None and draft.refused:
            reason = "生成模型判断所给通知不足以回答"
        else:
            reason = (
                f"检索到的段落对问题的支持度 {support:.2f} 低于阈值 "
                f"{self.settings.refusal_threshold:.2f}"
            )
            if parts and parts.get("named_article") is False:
                reason += "（问题所问的条款不在所指文件中）"
            elif parts and parts.get("named_docno") is False:
                reason += "（问题所问的文号不在索引中）"
            elif parts and parts.get("place_lacks"):
                reason += f"（{parts.get('place')}的通知不涉及所问的主题）"
            elif parts and parts.get("dense") is not None and self.null is not None:
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
            closest=nearest,
            generator=draft.generator if draft is not None else self.generator.id,
            notes=list(notes),
            support=support,
        )


def _values_unmet(check: ValueCheck, answer: Answer, more: Sequence[str] = ()) -> int:
    """How many of the values the question of ``check`` asks the answer's citations (with the
    texts ``more``) do not state, of those the check knows what they are of (``value_head``:
    关联率 in "三级医院植入类耗材的关联率要达到多少？"); 0 when the constraint check found no
    value unmet. A value asked of nothing named ("中止服务协议6个月要记几分") is met by any value
    of its kind, which another passage of the notice will hold whether or not it answers: it
    is no reason to read further."""
    if not any(m.get("kind") == "value" for m in answer.unmet):
        return 0
    missed = check.missed([*(c.quote for c in answer.citations), *more])
    return sum(1 for k in missed if check.heads[k])


def _also_read(retrieved: Sequence[Hit], read: Sequence[Hit]) -> list[Hit]:
    """``retrieved`` with the passages of ``read`` it lacks after it: every passage an
    answer reads is one its citations may point at (``Answer.hits``)."""
    known = {h.chunk.chunk_id for h in retrieved}
    return [*retrieved, *(h for h in read if h.chunk.chunk_id not in known)]


def _asked(standalone: ValidityAsk, focus: ValidityAsk) -> ValidityAsk:
    """What the question asks about validity: its own words, with what the conversation
    carried ("它让之前哪个文件失效了" asks which documents; "那第二十八条呢？现在还有效吗"
    the status)."""
    return ValidityAsk(
        standalone.asks_status or focus.asks_status,
        standalone.asks_successor or focus.asks_successor,
        standalone.asks_targets or focus.asks_targets,
        standalone.as_of or focus.as_of,
    )


def printed_doc_number(notice: Notice) -> str:
    """The notice's 文号 with its serial number as the notice's text prints it: the
    normalised 文号 drops leading zeros (沪卫应急〔2020〕003 号 → 沪卫应急〔2020〕3号), which a
    reader looking the document up would not find. The normalised 文号 when the text prints
    no other form, "" for a notice without one."""
    if not notice.doc_number:
        return ""
    for m in find_doc_numbers(notice.text[:_HEAD_CHARS]):
        if m.doc_number.normalized != notice.doc_number:
            continue
        digits = re.search(r"(\d+)\s*号\s*$", m.raw)
        serial = re.search(r"(\d+)号$", notice.doc_number)
        if (
            digits
            and serial
            and digits.group(1) != serial.group(1)
            and digits.group(1).lstrip("0") == serial.group(1)
        ):
            return notice.doc_number[: serial.start(1)] + digits.group(1) + "号"
        break
    return notice.doc_number


# Where a notice prints its own 文号: the head (title lines, 文号 line), before the body.
_HEAD_CHARS = 600


# A question with the turns before it: what ``Answerer._answered_by`` remembers by.
_TurnsKey = tuple[str, tuple[tuple[str, str], ...]]


def _turns_key(question: str, turns: Sequence[Mapping[str, str]]) -> _TurnsKey:
    return question, tuple((t["role"], t["content"]) for t in turns)


def _brief(exc: BaseException) -> str:
    name = type(exc).__name__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text[:120]}" if text else name


# One answerer per index, opened on first use and reopened when the index changed on disk
# (a re-index while the process runs); the lock keeps threads from opening it twice.
_DEFAULT: dict[str, tuple[str, Answerer]] = {}
_DEFAULT_LOCK = threading.Lock()


def _index_version(settings: Settings, index: str | None) -> str:
    """What identifies one build of an index: its manifest's update time and contents."""
    from rag.store import NoticeStore

    path = settings.index_path(index)
    manifest = NoticeStore(path.parent, path.name).manifest()
    return json.dumps(
        [manifest.get("updated"), manifest.get("notices_hash"), manifest.get("vectors")],
        sort_keys=True,
        ensure_ascii=False,
    )


def ask(
    question: str,
    history: Sequence[Mapping[str, Any]] | None = None,
    *,
    index: str | None = None,
    filters: Filters | None = None,
    k: int | None = None,
) -> Answer:
    """Answer ``question`` from the configured index (opened once per process, and again
    after the index is rebuilt)."""
    settings = load_settings()
    key = str(settings.index_path(index))
    version = _index_version(settings, index)
    with _DEFAULT_LOCK:
        cached = _DEFAULT.get(key)
        if cached is None or cached[0] != version:
            _DEFAULT[key] = (version, Answerer.open(index, settings))
        answerer = _DEFAULT[key][1]
    return answerer.ask(question, history, filters=filters, k=k)
