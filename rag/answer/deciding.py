"""The support step of the Answerer: whether the retrieved passages hold an answer to the
question at all (the abstention decision, from ``rag.answer.support``'s word coverage and the
index's null similarity), and, for a question refused so, where the index's best match is when
the one place it asks of trails another. A mixin of ``Answerer``: it reads the answerer through
a protocol (``_Deciding``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from rag.answer.params import AnswerParams
from rag.answer.questions import mentioned_topic, question_words
from rag.answer.records import PlaceStanding, Searcher
from rag.answer.support import (
    RegionPassages,
    TermWeights,
    combine_support,
    known_share,
    support_of,
    topic_elsewhere,
    word_coverage,
)
from rag.config import Settings
from rag.query_filters import place_asked
from rag.records import Hit, Notice
from rag.retrieve import SearchResult


class _Deciding(Protocol):
    """What the support step reads of the answerer."""

    retriever: Searcher
    settings: Settings
    weights: TermWeights
    params: AnswerParams
    null: tuple[float, float] | None

    @property
    def notices(self) -> Mapping[str, Notice]: ...

    @property
    def _regions(self) -> frozenset[str]: ...

    @property
    def region_passages(self) -> RegionPassages: ...

    def _standing(self, focus: str, result: SearchResult) -> tuple[str, float, str] | None: ...


class SupportStep:
    """Support, the place a low-support question asks of, and the refusal's pointer elsewhere."""

    def _support(
        self: _Deciding,
        focus: str,
        result: SearchResult,
        hits: Sequence[Hit],
        followup: bool = False,
    ) -> tuple[float, dict[str, Any]]:
        """Whether the passages hold an answer to ``focus`` (0–1), and what decided it. For a
        ``followup`` (a question asked in a conversation) the cosine may raise support but
        not lower it: a turn that leans on the ones before it ("江西在这几个方面之外又加了
        什么指标？") is worded far from any passage even when one answers it, so what it
        asks is judged by its words."""
        words, best = word_coverage(focus, hits, self.weights)
        top = max((h.dense for h in hits if h.dense is not None), default=None)
        if hits and hits[best].dense is None:
            # The passage that covers the question best was not scored by the dense search
            # (a follow-up held to the conversation's notice, a passage read for one ask of
            # several): another passage's cosine says nothing of it, so words decide.
            top = None
        known = known_share(focus, self.weights)
        support = combine_support(
            words, top, self.null, self.params.support_weight, lift_only=followup, known=known
        )
        parts: dict[str, Any] = {
            "words": round(words, 4),
            "dense": top,
            "known": round(known, 4),
            "named_docno": None,
        }
        null = self.null
        if null is not None and support < self.settings.refusal_threshold:
            # "烟台一家三甲医院…上报多少起…": asked of one place whose own notices hold the
            # index's best match, the question is worded far from the notices, not asked of
            # a place lacking the topic (that place's best match trails another place's).
            standing = self._standing(focus, result) if not followup and words > 0 else None
            if standing is not None:
                place, behind, leader = standing
                parts["place"] = place
                parts["place_behind"] = round(behind / null[1], 4)
                parts["best_region"] = self.notices[leader].region
                parts["best_notice"] = leader
                if behind <= self.params.place_margin * null[1]:
                    support = combine_support(
                        words, top, null, self.params.support_weight, True, known
                    )
        topic = mentioned_topic(focus)
        if topic and any(not self.weights.passages_with(w) for w in question_words(topic)):
            # "哪些文件提到X" where no passage of the index holds a word of X: nothing
            # mentions it (the word share leaves such words out as the asker's wording).
            support = 0.0
        elif topic and support < 1.0 and support_of(topic, hits, self.weights) >= 1.0:
            # "哪些文件提到X": a passage holding every word of X is one that mentions it.
            support = 1.0
            parts["mentions"] = topic
        if support >= self.settings.refusal_threshold and not followup:
            # "呼和浩特的家庭病床，内蒙古…": the one place asked of holds notices, none on the
            # topic asked, which another place's notices hold.
            place = place_asked(focus, self._regions)
            found = (
                topic_elsewhere(
                    focus,
                    place,
                    hits,
                    self.region_passages,
                    self.weights,
                    self.params.place_share,
                    known,
                )
                if place
                else ""
            )
            if found:
                support = 0.0
                parts.update(place=place, best_notice=found, place_lacks=True)
                parts["best_region"] = self.notices[found].region
        if result.implementing and any(h.routed for h in hits):
            support = 1.0  # the notices implementing the document asked about
            parts["named_docno"] = "implementing"
        elif any(h.routed for h in hits):
            support = 1.0  # routed to the notice whose 文号 the question names
            parts["named_docno"] = True
        elif result.mentioned:
            support = 1.0  # no notice carries it, but these passages quote it (noted)
            parts["named_docno"] = "mentioned"
        elif result.doc_numbers:
            support = 0.0  # a 文号 was named and the index does not hold it
            parts["named_docno"] = False
        if result.missing_articles and not result.articles:
            support = 0.0  # the document named is in the index, the article asked is not
            parts["named_article"] = False
        return support, parts

    def _standing(
        self: _Deciding, focus: str, result: SearchResult
    ) -> tuple[str, float, str] | None:
        """The one place ``focus`` asks of, how far its notices' best match for the query
        trails the index's best (cosine) and the notice of the index's best; None when it
        asks of no place or several, or the searcher cannot tell."""
        if result.query_vector is None or not isinstance(self.retriever, PlaceStanding):
            return None
        place = place_asked(focus, self._regions)
        found = self.retriever.standing(result.query_vector, place) if place else None
        return (place, found.behind, found.best_notice) if found is not None else None

    def _elsewhere(self: _Deciding, parts: Mapping[str, Any]) -> str:
        """For a question refused for low support that asks of one place whose notices'
        best match trails another place's, or whose notices lack the topic another place's
        hold (``topic_elsewhere``): that the place's notices were searched, and
        where the index's best match is ("库中没有河南的此类通知；全库最相近的是山东的…"),
        so the user is not left to take a neighbour's rule for their own."""
        place, behind = parts.get("place"), parts.get("place_behind")
        notice = self.notices.get(str(parts.get("best_notice", "")))
        trails = parts.get("place_lacks") or (
            behind is not None and behind > self.params.place_margin
        )
        if not place or not trails or notice is None:
            return ""
        if notice.region == place:
            return ""
        where = "国家层面" if notice.region == "全国" else notice.region or "其他地区"
        doc = notice.doc_number or "无文号"
        return (
            f"库中没有{place}的此类通知；"
            f"全库最相近的是{where}的 {doc}《{notice.title}》（并非{place}的规定）"
        )
