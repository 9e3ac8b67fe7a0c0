"""How much of a question's words a notice's passages or a title hold: whether a notice is
on the question's topic (``placing.TopicJudge``), and which notices mention what a
which-notices-mention question asks about. Words are weighed by their idf over the index's
passages, so the judgement is relative to the index, whatever its corpus."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rag.answer.questions import mentioned_topic, question_words
from rag.answer.support import TermWeights
from rag.answer.text import nows
from rag.grammar import simplified
from rag.records import Hit

# How much of what a which-notices-mention question asks about (by idf weight) a passage
# must hold to mention it.
MENTION_SHARE = 0.6

# How much of the rest of a several-notice question (by idf weight) the passages of a notice
# one ask's own search found must hold for that notice to join.
TOPIC_SHARE = 0.3
# ... and how much of the share the most on-topic notice already chosen holds.
TOPIC_OF_CHOSEN = 0.5


class Topics:
    """The topic judgement over one index's term weights."""

    def __init__(self, weights: TermWeights) -> None:
        self.weights = weights

    def on_topic(self, rest: str, nid: str, hits: Sequence[Hit]) -> bool:
        """Whether the retrieved passages of notice ``nid`` hold a share of ``rest``'s words
        (by idf, among the words some passage of the index holds) of at least
        ``TOPIC_SHARE``; a ``rest`` holding no such word leaves every notice on topic."""
        return self._topic_share(rest, nid, hits) >= TOPIC_SHARE

    def joins(self, rest: str, nid: str, hits: Sequence[Hit], chosen: Iterable[str]) -> bool:
        """Whether notice ``nid``, found by one ask's own search, is on the topic of the
        rest of the question (``rest``) as the notices already chosen are: it holds at least
        ``TOPIC_SHARE`` of its topic words, and at least ``TOPIC_OF_CHOSEN`` of the share
        the most on-topic chosen notice holds."""
        share = self._topic_share(rest, nid, hits)
        best = max((self._topic_share(rest, c, hits) for c in chosen), default=0.0)
        return share >= TOPIC_SHARE and share >= TOPIC_OF_CHOSEN * best

    def share_in(self, rest: str, text: str) -> float:
        """The share of ``rest``'s words (by idf, among the words some passage of the index
        holds) that ``text`` holds (1.0 when ``rest`` has none)."""
        words = {
            w: self.weights.word(w) for w in question_words(rest) if self.weights.passages_with(w)
        }
        total = sum(words.values())
        if not total:
            return 1.0
        text = nows(simplified(text))
        return sum(v for w, v in words.items() if w in text) / total

    def _topic_share(self, rest: str, nid: str, hits: Sequence[Hit]) -> float:
        """The share of ``rest``'s words the retrieved passages of notice ``nid`` hold."""
        return self.share_in(
            rest, "".join(h.title + h.chunk.text for h in hits if h.chunk.notice_id == nid)
        )

    def topic_words(self, question: str) -> dict[str, float]:
        """The words of what a which-notices-mention question asks about, with their idf."""
        topic = mentioned_topic(question)
        return {w: self.weights.word(w) for w in question_words(topic)} if topic else {}

    @staticmethod
    def mentions(text: str, words: Mapping[str, float]) -> bool:
        """Whether ``text`` (no spaces) holds most of ``words`` by weight (``MENTION_SHARE``):
        "推进医疗器械唯一标识（UDI）" is mentioned by "实施医疗器械唯一标识" without UDI."""
        total = sum(words.values())
        held = sum(w for word, w in words.items() if word in text)
        return total > 0 and held >= MENTION_SHARE * total
