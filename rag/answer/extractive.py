"""The extractive generator: the passage sentences that answer the question, verbatim."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rag.answer.amendments import (
    amended_pairs,
    heard_as_rewritten,
    paired_ranks,
    with_counterparts,
)
from rag.answer.constraints.regions import (
    cities_asked,
    other_cities_own,
)
from rag.answer.covering import SeveralNotices
from rag.answer.dependents import carried_on, with_dependents
from rag.answer.metadata import metadata_answer, with_content
from rag.answer.naming import (
    changing_notices,
    edition_of_year,
    edition_spans,
    joined,
    named_as_document,
    named_by_year,
    named_notices,
    names_own,
)
from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.placing import give_way, of_place, place_group, province_heard, provinces_own
from rag.answer.questions import (
    ANSWER_TYPES,
    CHANGE_ASKED,
    EDITIONS_COMPARED,
    NATIONAL,
    NUMBER_QUESTION,
    WHICH_DOC,
    answer_types,
    asks_about_several,
    asks_after_only,
    asks_for_series,
    asks_one_document,
    edition_years,
    named_outright,
    named_places,
    national_only,
    notice_asks,
    notice_name,
    question_anchors,
    question_terms,
    refers_to_document,
)
from rag.answer.records import EXTRACTIVE, Draft
from rag.answer.routed import articles, listing, summary
from rag.answer.scoring import (
    Sentence,
    Similarity,
    asks_reports_only,
    heard_by_kind,
    holds_asked,
    is_report,
    names_rule_beside_report,
    overlaps,
    rules_retold,
    score_sentences,
)
from rag.answer.support import TermWeights
from rag.answer.text import (
    bigrams,
    cite_label,
    clip,
    date_phrase,
    display,
    without_doc_numbers,
)
from rag.answer.topics import Topics
from rag.docno import PROVINCE_ABBREVIATIONS, find_doc_numbers
from rag.grammar import simplified
from rag.notices.validity import REPEALED
from rag.places import (
    CITY_PROVINCE,
    city_own,
    districts_of,
    local_province,
    prefecture_of,
    provinces_named,
)
from rag.query_filters import asks_for_topic
from rag.records import Hit, Notice

# Words naming an earlier edition: a question that says them asks of it too.
_EARLIER_EDITION = re.compile(
    r"暂行|试行|旧版|老版|原来|原先|过去"
    # (以前 / 之前 on their own, "以前规定几年？", "跟之前比", not what happens before something:
    # "护工上岗之前得培训多久", "每月10日以前报送")
    r"|(?:^|(?<=[，,。？?！!\s那跟和比从在]))(?:以前|之前)|(?:以前|之前)(?=的|规定|是|呢|要求|定)"
)

if TYPE_CHECKING:
    import numpy as np

    from rag.sentences import SentenceVectors


def of_places_named(
    question: str, chosen: Sequence[Sentence], hits: Sequence[Hit], places: Sequence[str]
) -> list[Sentence]:
    """Of a question about several notices of the ``places`` it names, the sentences of
    those places' notices and national ones: another province's notice answers none of its
    asks ("河南…2020年的试行办法和2023年的正式办法各是多少" is not answered from 新疆's 2020
    试行办法, whose year and kind the ask names). A province the question mentions in any
    way — by name, by a city of it (朝阳, which ``places`` may leave out as ambiguous) or by
    its one-character name (渝黔滇豫四省市) — is named too. All of them when none is such."""
    named = {
        *places,
        "全国",
        "",
        *provinces_named(question),
        *(p for c, p in CITY_PROVINCE.items() if c in question),
        *(p for a, p in PROVINCE_ABBREVIATIONS.items() if a in question),
    }
    return [s for s in chosen if hits[s.hit_index].region in named] or list(chosen)


def _cities_own(question: str, chosen: Sequence[Sentence], hits: Sequence[Hit]) -> list[Sentence]:
    """Of a question asking of two or more cities or districts and of no province or nation
    on its own, the sentences of their own notices, when each has one among ``chosen``."""
    cities = cities_asked(question)
    if len(cities) < 2 or NATIONAL.search(question):
        return list(chosen)
    rest = question
    for city in cities:
        # (with the names before it that say where it is: 哈尔滨南岗区, 上海徐汇区)
        for above in {prefecture_of(city), local_province(city)} - {""}:
            rest = re.sub(rf"{above}(?:省|市|自治区)?(?={city})", "", rest)
        rest = rest.replace(city, "")
    for place in named_places(rest):
        for district in districts_of(rest, place):
            rest = rest.replace(district, "")  # (哈尔滨南岗区: the district of the city)
    if named_places(rest):
        return list(chosen)  # "江苏和南京、苏州…": a province asked of on its own too

    def own(s: Sentence, city: str) -> bool:
        hit = hits[s.hit_index]
        return city_own(city, hit.title, hit.issuer)

    if not all(any(own(s, c) for s in chosen) for c in cities):
        return list(chosen)
    return [s for s in chosen if any(own(s, c) for c in cities)]


def _without_nation(
    question: str,
    chosen: Sequence[Sentence],
    hits: Sequence[Hit],
    naming: Mapping[str, object],
) -> list[Sentence]:
    """Of a question asking of two or more provinces and not of the nation, the sentences of
    notices other than national ones the question does not name (``naming``: "2023年紧密型
    县域医共体指导意见" names one by its title), when each province has a notice of its own
    among ``chosen``."""
    places = [p for p in named_places(question) if p != "全国"]
    if len(places) < 2 or NATIONAL.search(question):
        return list(chosen)
    regions = {hits[s.hit_index].region for s in chosen}
    if not all(p in regions for p in places):
        return list(chosen)
    return [
        s
        for s in chosen
        if hits[s.hit_index].region != "全国" or hits[s.hit_index].chunk.notice_id in naming
    ]


def _in_force_for(
    chosen: Sequence[Sentence],
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    naming: Collection[str],
    keep: float,
) -> list[Sentence]:
    """``chosen`` with each sentence of a repealed notice the question does not name as a
    document (``naming``: notice ids) replaced by the best sentence among ``sentences`` of a
    notice repealing it, when that one holds the kind of value asked as it does and scores
    at least ``keep`` × its score."""
    successors: dict[str, set[str]] = {}
    for h in hits:
        notice = notices.get(h.chunk.notice_id)
        for r in notice.references if notice is not None else ():
            if r.relation == "repeals" and r.notice_id:
                successors.setdefault(r.notice_id, set()).add(h.chunk.notice_id)

    def to(s: Sentence) -> Callable[[str], bool] | None:
        nid = hits[s.hit_index].chunk.notice_id
        if hits[s.hit_index].status != REPEALED or nid in naming or nid not in successors:
            return None
        return successors[nid].__contains__

    return give_way(chosen, sentences, hits, keep, to)


class ExtractiveGenerator(SeveralNotices):
    """Answers with the passage sentences that best cover the question; no model involved."""

    id = EXTRACTIVE

    def __init__(
        self,
        weights: TermWeights,
        params: AnswerParams = DEFAULT_PARAMS,
        sentences: SentenceVectors | None = None,
        similarity: Similarity | None = None,
        required: tuple[str, ...] = (),
        asked: Mapping[str, str] | None = None,
        ask_vectors: Mapping[str, np.ndarray] | None = None,
        said: str = "",
    ) -> None:
        self.weights = weights
        # Whether a notice is on a question's topic, by the same weights.
        self.topics = Topics(weights)
        self.params = params
        self.sentences = sentences
        self.similarity = similarity
        self.required = required
        # Each ask of a question of several and the notice its own search ranked first
        # (``SearchResult.asked``): the notice that ask is answered from.
        self.asked: Mapping[str, str] = asked or {}
        # Each such ask's own query embedding: its sentences are scored by their cosine
        # with the ask, not with the whole question.
        self.ask_vectors: Mapping[str, np.ndarray] = ask_vectors or {}
        # What the conversation's last answer said, for a follow-up asking it again after a
        # change ("2025年修改以后呢？"): the item rewriting what it quoted answers.
        self.said = said

    def for_query(
        self,
        vector: np.ndarray | None,
        required: Sequence[str] = (),
        asked: Mapping[str, str] | None = None,
        ask_vectors: Mapping[str, np.ndarray] | None = None,
        said: str = "",
    ) -> ExtractiveGenerator:
        """This generator scoring sentences also by their cosine with the query ``vector``,
        quoting only sentences that hold one of the ``required`` bigrams when any do, and
        answering each ask of ``asked`` from its notice, its sentences scored by the ask's
        own vector (``ask_vectors``) when there is one, and a follow-up asking again after a
        change answered by the item rewriting what the last answer ``said`` (a new object:
        the shared one is never changed, so threads cannot cross)."""
        table = self.sentences
        if table is None or vector is None or not self.params.semantic:
            if not required and not asked and not said:
                return self
            return ExtractiveGenerator(
                self.weights,
                self.params,
                table,
                self.similarity,
                tuple(required),
                asked,
                said=said,
            )

        return ExtractiveGenerator(
            self.weights,
            self.params,
            table,
            _by_cosine(table, vector),
            tuple(required),
            asked,
            ask_vectors,
            said,
        )

    def _key_of(self, ask: str) -> str:
        """The ask as its own search was keyed: as asked, or with what the question was
        made to stand alone by before it (a follow-up's 文号: "遵市卫健发〔2025〕71号 那这个
        细则从什么时候开始执行？" for "那这个细则从什么时候开始执行？")."""
        if ask in self.asked or ask in self.ask_vectors:
            return ask
        keys = [k for k in {*self.asked, *self.ask_vectors} if k.endswith(ask)]
        return keys[0] if len(keys) == 1 else ask

    def _similarity_of(self, ask: str) -> Similarity | None:
        """Sentence similarity for one ask of several: by the ask's own vector when its own
        search gave one (by the whole question's, a sentence answering another ask comes
        first and this ask goes unheard), else by the whole question's."""
        table, vector = self.sentences, self.ask_vectors.get(self._key_of(ask))
        if table is None or vector is None:
            return self.similarity
        return _by_cosine(table, vector)

    def generate(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        if not hits:
            return Draft("", refused=True)

        def relevant(asked: str) -> list[int]:
            return self._relevant_notices(asked, hits, notices)

        meta = metadata_answer(question, hits, notices, relevant)
        if meta is not None:
            return with_content(
                question,
                meta,
                hits,
                notices,
                lambda rest: self._content(rest, hits, notices),
                relevant,
            )
        return self._content(question, hits, notices)

    def _content(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        """The answer from the passages' own sentences (an article, a series, a summary or
        the sentences that answer the question)."""
        if any(h.named_articles for h in hits):
            # "《药品管理法》第十条…": the answer quotes that article.
            return articles(
                question,
                hits,
                notices,
                lambda q: score_sentences(
                    q, hits, self.weights, notices, self.params, self.similarity
                ),
                self.params.no_match,
            )
        routed = [i for i, h in enumerate(hits) if h.routed]
        if routed and asks_for_series(question, [hits[i] for i in routed]):
            # "国卫医急发的文件有哪些？": the answer lists the notices of the series.
            return listing(hits, routed)
        if routed and not asks_for_topic(without_doc_numbers(question)):
            # "国卫办医函[2020]357号讲了什么？": nothing is asked beyond the notice itself.
            return summary(hits, routed)
        # Whether the question asks how a rule changed or compares editions; if so (and the
        # conversation has not just said what the rule was), the amending notices among the
        # hits and what they amend: the rule as it was and as it is.
        changes = bool(CHANGE_ASKED.search(question) or EDITIONS_COMPARED.search(question))
        pairs = amended_pairs(hits, notices, anywhere=True) if changes and not self.said else {}
        sentences = score_sentences(
            question,
            hits,
            self.weights,
            notices,
            self.params,
            self.similarity,
            # ("原来规定多长时间内报告？2025年改了以后呢？")
            lent=paired_ranks(hits, pairs) if pairs else None,
        )
        if "recipients" in answer_types(question):
            # "是发给哪些单位的？": only the line under a title naming them answers, and it
            # shares no words with the topic; it leads, whatever its meaning scores.
            lines = ANSWER_TYPES["recipients"][1]
            top = max((s.score for s in sentences), default=0.0)
            sentences = [
                replace(s, score=top + s.score) if lines.search(s.text) else s for s in sentences
            ]
        if self.required:
            # "那农村呢？" asks the last question of 农村: a sentence without it answers the
            # last question again. A notice's title holds it for all its sentences ("那福建省
            # 呢？" is answered by the 福建 notice's sentences). Read in simplified characters:
            # "那遵义呢？" is held by 遵義's traditional repost.
            required = set(self.required)
            holding = [
                s
                for s in sentences
                if set(bigrams(simplified(s.text + " " + hits[s.hit_index].title))) & required
            ]
            sentences = holding or sentences
        if asks_reports_only(question) and not names_rule_beside_report(question):
            # "…解读…的那篇文章里说，试行三年全省筛了多少新生儿？": a report's sentence that
            # shares something with the question answers, before a rule's sentence scoring
            # higher on the rule's words (召回复查率不低于95%, what the 办法 requires).
            told = [
                s
                for s in sentences
                if (notice := notices.get(hits[s.hit_index].chunk.notice_id)) is not None
                and is_report(notice)
                and s.score > self.params.no_match
            ]
            sentences = told or sentences
        rewriting: list[Sentence] = []
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
            # when nothing in it matches the rest of the question, it is summarised. (Its
            # other asks, naming a document of their own but no 文号, are answered from their
            # own notices; an ask naming none asks on about the routed notice: "那冀卫规〔2020〕
            # 3号又是什么文件？修订的是哪一版？")
            # ("那份更正…？更正通知本身从哪天起执行？" names the 更正 notice by a word of its
            # title and its kind.)
            others = {nid for ask, nid in self.asked.items() if names_own(ask, nid, notices)}
            others |= {h.chunk.notice_id for h in hits if h.routed}
            if CHANGE_ASKED.search(question):
                # "…后来改过没有？": the notice changing it speaks of the same rule, and "…号
                # 把…改成了多少？" is heard with the sentence it rewrites (what the rule was).
                others |= set(changing_notices(sorted(others), hits, notices))
                # (Not when the conversation's last answer just said it: "2025年改了以后呢？")
                amended = amended_pairs(hits, notices) if not self.said else {}
                others |= {base for nid in list(others) for base in amended.get(nid, ())}
            else:
                # (Asked of as it stands, the notice's rule may have been rewritten since:
                # the items of a notice amending it are heard beside its sentences, as
                # ``with_counterparts`` finds them. "那内蒙古呢？…多少年内不能再申报？"
                # carried to the 办法 that a 补充通知 among the hits changed.)
                since = set(changing_notices(sorted(others), hits, notices))
                rewriting = [s for s in sentences if hits[s.hit_index].chunk.notice_id in since]
            sentences = [s for s in sentences if hits[s.hit_index].chunk.notice_id in others]
            if not sentences or max(s.score for s in sentences) <= self.params.no_match:
                return summary(hits, routed)
        places = named_places(question)
        if pairs:
            # An item rewriting a sentence is heard as that sentence. (After the change,
            # what the rule was is what the last answer said: the items rewriting it are
            # found by ``with_counterparts``.)
            sentences = heard_as_rewritten(sentences, hits, notices, pairs)
        # The editions the question names by their years.
        named_editions = edition_years(question)
        multi = asks_about_several(question, hits) and not asks_one_document(question)
        which_doc = not multi and bool(WHICH_DOC.search(question))
        # When none of the place's notices speaks for the place asked of (all are on another
        # topic), none is an ask's own by its place alone either.
        silenced: set[str] = set()
        # (The item rewriting a chosen sentence is found among every sentence: the place's
        # amending notice may say nothing else on the topic.)
        unplaced = [*sentences, *rewriting]
        # The notices the place check left out: no ask of the question hears them either.
        placed_out: set[str] = set()
        if len(places) == 1 and not multi:
            placed = of_place(question, places[0], sentences, hits, self.params, self.topics)
            # (Another place's: a province's notice the city's own answered in place of is
            # still the one an ask naming the province hears.)
            cities = cities_asked(question)
            placed_out = {
                h.chunk.notice_id
                for h in (hits[s.hit_index] for s in sentences)
                if h.region not in (places[0], "全国", "")
                or (len(cities) == 1 and other_cities_own(cities[0], h.title, h.issuer))
            } - {hits[s.hit_index].chunk.notice_id for s in placed}
            if not any(hits[s.hit_index].region == places[0] for s in placed):
                silenced = {
                    hits[s.hit_index].chunk.notice_id
                    for s in sentences
                    if hits[s.hit_index].region == places[0]
                }
            sentences = placed
        if sentences and not multi:
            # "那2021年试行的那一版呢？": one edition named by its year is heard from that
            # year's edition of the best sentence's document among the hits, when it has
            # something to say (the year check would refuse the other edition).
            leading = hits[max(sentences, key=lambda s: s.score).hit_index].chunk.notice_id
            of_edition = edition_of_year(question, notices[leading], hits, notices)
            of_year = [s for s in sentences if hits[s.hit_index].chunk.notice_id in of_edition]
            if any(s.score > self.params.no_match for s in of_year):
                sentences = of_year
        national = national_only(question)
        if national:
            # "国家对…有没有硬指标？" asks the national rule: where a national notice's
            # sentence holds its own against the best, a province's does not answer beside
            # or before it. (A report keeps its say: a reply to a deputy's proposal retells
            # national rules.)
            own = [s for s in sentences if _national_or_report(s, hits, notices)]
            best = max((s.score for s in sentences), default=0.0)
            if any(
                hits[s.hit_index].region == "全国" and s.score >= self.params.keep * best
                for s in own
            ):
                sentences = own
        chosen = self._select(sentences, multi=multi)
        if not chosen:
            return Draft("", refused=True)
        said = [(s.text, notice_name(hits[s.hit_index])) for s in chosen]
        naming = named_notices(question, hits, notices, said)
        region = {h.chunk.notice_id: h.region for h in hits}
        # (Two notices named of the one place named: both must be that place's; a notice of
        # another place named by some words is no second notice asked of.)
        own_place = len(places) == 1 and all(region.get(nid) == places[0] for nid in naming)
        # ("2021年的试行办法和2024年的新办法…": editions named by their years.)
        by_year = named_by_year(question, hits, notices)
        if not (multi or which_doc or (places and not own_place)) and (
            joined(question, list(naming.values())) or len(by_year) > 1
        ):
            # "国务院2020年下半年医改任务是怎么提的？2023年的指导意见又要求…", "湖南2019年的暂行
            # 办法和2023年的实施办法各设多少家": two notices named, joined by 和 / 、 or asked in
            # turn, are heard from each (also two of the one place named).
            multi = True
            chosen = self._select(sentences, multi=True)
        if not (multi or which_doc) and len(naming) == 1 and refers_to_document(question):
            # "国家卫健委办公厅关于…的那个通知，规定每个县至少设几家哨点医院？": the one document
            # referred to answers, with the notices amending it; another's sentence (a
            # province's reading with a figure of its own) says nothing of what that one says.
            (only,) = naming
            referred = {only, *changing_notices([only], hits, notices)}
            own = [s for s in sentences if hits[s.hit_index].chunk.notice_id in referred]
            if own:
                chosen = [
                    s for s in chosen if hits[s.hit_index].chunk.notice_id in referred
                ] or self._select(own, multi=False)
        # (Where each edition named by its year is named so: "2021年试行", "2024年新办法".)
        editions = (
            {nid: edition_spans(question, notices[nid]) for nid in by_year}
            if len(by_year) > 1
            else {}
        )
        if multi:
            if editions:
                # "2021年试行那会儿最多给多少？2024年新办法出来以后呢？": each edition is referred
                # to where its year stands, and asked the part that follows it.
                naming = {
                    **naming,
                    **{nid: [*naming.get(nid, []), *spans] for nid, spans in editions.items()},
                }
            asked = list(naming)
            if len(asked) < 2 and len(by_year) > 1:
                # "2021年的试行办法和2024年的新办法…分别…": editions named by their years.
                asked = list(dict.fromkeys([*asked, *by_year]))
            # (Comparing notices, an earlier edition a named one cites speaks too: "云南2021年
            # 定的、2026年新调的…各是多少"; so does a notice amending one, when a change or an
            # edition is asked of. Asked of as they stand — "福建和贵州…比例各是多少？" — an
            # amending notice speaks only through the item rewriting a quoted sentence
            # (``with_counterparts``), not by its own best sentence on another rule.)
            changing = (
                changing_notices(asked, hits, notices, editions=True)
                if named_editions or changes
                else []
            )
            asked += changing
            if len(asked) > 1:
                # The question names the notices it compares: a notice it does not name
                # speaks only when none it names has anything to say.
                # (When the selection heard only reports — a reading retelling the named
                # notices in more of the question's words — the best sentence of those named
                # leads.)
                of_asked = [s for s in sentences if hits[s.hit_index].chunk.notice_id in asked]
                retold = of_asked and all(
                    is_report(notices[hits[s.hit_index].chunk.notice_id]) for s in chosen
                )
                chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id in asked] or (
                    [max(of_asked, key=lambda s: s.score)] if retold else chosen
                )
            lead = hits[max(chosen, key=lambda s: s.score).hit_index].chunk.notice_id
            mentioning = self._mentioning(question, hits)
            if places or asked != [lead] or len(mentioning) > 1:
                if mentioning:
                    # "哪些文件提到X": only the notices that mention it are heard.
                    chosen = [
                        s for s in chosen if hits[s.hit_index].chunk.notice_id in mentioning
                    ] or chosen
                chosen = self._cover_notices(
                    chosen, sentences, hits, places, asked, mentioning, question, changing
                )
                anchors = question_anchors(question, naming, [hits[s.hit_index] for s in chosen])
                for nid, years in editions.items():
                    # An edition named by its year is referred to where its year stands, not
                    # at the place or the title words it shares with the other edition.
                    if years and nid in anchors:
                        anchors[nid] = (years[0][0], anchors[nid][1])
                own_asks = notice_asks(question, naming, anchors)
                own_scored = {
                    nid: [
                        s
                        for s in score_sentences(
                            ask, hits, self.weights, notices, self.params, self.similarity
                        )
                        if hits[s.hit_index].chunk.notice_id == nid
                    ]
                    for nid, ask in own_asks.items()
                }
                chosen = self._per_notice(chosen, sentences, hits, asked, places, own_scored)
            else:
                # "《X办法》规定特别重大事件和重大事件分别多久报告" compares within the one
                # notice it names: the others do not speak.
                chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id == lead]
        elif which_doc:
            # "哪个文件…" names one notice: the answer cites that one only.
            lead = hits[max(chosen, key=lambda s: s.score).hit_index].chunk.notice_id
            chosen = [s for s in chosen if hits[s.hit_index].chunk.notice_id == lead]
        chosen = self._each_ask(
            question,
            chosen,
            hits,
            notices,
            several=multi,
            silenced=silenced,
            placed_out=placed_out,
        )
        after_only = asks_after_only(question)
        as_it_stands = not ((changes and not after_only) or _EARLIER_EDITION.search(question))
        if as_it_stands:
            # A rule asked of as it stands (no change asked): a repealed edition the question
            # does not name, by its title or its year, gives way to the notice in force of its
            # place ("山西现行的办法…" is not also answered from the 试行办法 it replaced;
            # "黑龙江2023年的伦理审查管理办法" not from the 2020 暂行规定 it replaced).
            # (Named as a document, by its title and kind; its topic's words, which an
            # edition's title may share with the question — "碘缺乏病监测…" of 甘肃's repealed
            # 碘缺乏病监测和水碘调查工作规范 — name no edition.)
            documents = {nid for nid, spans in naming.items() if named_as_document(question, spans)}
            in_force = {
                hits[s.hit_index].region for s in chosen if hits[s.hit_index].status != REPEALED
            }
            chosen = [
                s
                for s in chosen
                if not (
                    hits[s.hit_index].status == REPEALED
                    and hits[s.hit_index].region in in_force
                    and hits[s.hit_index].chunk.notice_id not in documents
                    and hits[s.hit_index].date[:4] not in named_editions
                )
            ] or chosen
            if not named_editions:
                # One the notice repealing it answers too, among the sentences read, gives
                # way to that notice's sentence ("国家卫健委、安徽和江西分别要求…多少小时内报
                # 上去？": 安徽's 2024 办法, not the 2021 试行办法 it repealed).
                chosen = _in_force_for(
                    chosen, sentences, hits, notices, documents, self.params.keep
                )
        if multi and places:
            chosen = of_places_named(question, chosen, hits, places)
        if multi:
            # "哈尔滨南岗区和上海徐汇区2025年各设了多少张…床位？": each place asked of is a city
            # or district whose own notice answers; the province's rule beside them is no
            # part of the answer. So is the nation's beside the provinces asked of, each
            # answered by its own ("辽宁和吉林分别要求至少保存几年？").
            chosen = _without_nation(question, _cities_own(question, chosen, hits), hits, naming)
        if (multi and len(places) > 1) or (
            places and places[0] in named_outright(question) and not cities_asked(question)
        ):
            # (One province named outright and no place below it asked of too: "安徽…原来的
            # 规范…2025年修改以后…" is 安徽's own rule and its change, not 安庆's notice; so
            # is one place asked of, an ask of its own naming a year a city's notice meets:
            # "吉林…2022年的规范要求多久复查一次？2025年修改以后呢？" is not 白山's 2025 notice.)
            chosen = provinces_own(question, chosen, hits) or chosen
            if multi and len(places) > 1:
                chosen = province_heard(
                    question,
                    chosen,
                    sentences,
                    hits,
                    self.params.keep,
                    {h.chunk.notice_id for h in hits if h.status == REPEALED},
                )
        # (A report beside the rule it retells, or the rule beside the report asked of; also
        # when several notices are asked of: "透析用水的内毒素多久检测一次？天津和辽宁的规定一样
        # 吗？" is answered by the two rules, not also by a reading of 天津's.)
        chosen = rules_retold(
            question, chosen, sentences, hits, notices, self.params.no_match, several=multi
        )
        chosen = heard_by_kind(question, chosen, hits, notices, several=multi, named=naming)
        if national:
            heard = [s for s in chosen if _national_or_report(s, hits, notices)]
            if any(hits[s.hit_index].region == "全国" for s in heard):
                chosen = heard
        terms = question_terms(question)
        if changes:
            # "原来规定多少个工作日？2025年修改以后呢？": a rewritten sentence and the item
            # rewriting it are quoted together.
            chosen = with_counterparts(
                chosen,
                unplaced,
                hits,
                notices,
                self.said,
                after_only,
                holds_asked(question),
                terms,
            )
        elif not named_editions:
            # A rule asked of as it stands, no edition named: a sentence an amending notice
            # among the hits rewrote gives way to the item rewriting it.
            chosen = with_counterparts(
                chosen,
                unplaced,
                hits,
                notices,
                after_only=True,
                holds=holds_asked(question),
                terms=terms,
            )
        if self.said and CHANGE_ASKED.search(question) and not EDITIONS_COMPARED.search(question):
            # "那修改以后呢？现在是几天？": what the rule was, the conversation's last answer
            # said; the document an amending notice quoted here amends gives way to it.
            amending = amended_pairs(hits, notices, anywhere=True)
            quoted = {hits[s.hit_index].chunk.notice_id for s in chosen}
            said_before = {b for a in quoted & set(amending) for b in amending[a]}
            chosen = [
                s for s in chosen if hits[s.hit_index].chunk.notice_id not in said_before
            ] or chosen
        group = place_group(places, hits, sentences)
        chosen = [*group, *(s for s in chosen if not any(overlaps(s, g) for g in group))]
        chosen = carried_on(with_dependents(chosen, sentences, self.params), sentences, hits)
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
            if (not new and not s.typed) or any(overlaps(s, c) for c in chosen):
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
                if s not in chosen and not any(overlaps(s, c) for c in chosen):
                    chosen.append(s)
        # Read in passage order: rank of the hit, then position in it.
        return sorted(chosen, key=lambda s: (s.hit_index, s.start))

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


def _national_or_report(s: Sentence, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> bool:
    """Whether sentence ``s`` is a national notice's (or one of no region read), or a report's."""
    hit = hits[s.hit_index]
    return hit.region in ("全国", "") or is_report(notices[hit.chunk.notice_id])


def _by_cosine(table: SentenceVectors, vector: np.ndarray) -> Similarity:
    """Sentence similarity as each sentence's cosine with ``vector`` (the question's, or
    one ask's)."""

    def similarity(texts: Sequence[str]) -> list[float | None]:
        return table.similarities(texts, vector)

    return similarity
