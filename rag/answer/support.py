"""Support: whether the retrieved passages hold an answer at all (the abstention decision)."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from rag.answer.questions import question_words
from rag.answer.text import bigrams, nows
from rag.clean import to_halfwidth
from rag.grammar import YEAR_RANGE, relative_years, simplified
from rag.places import cities_named, provinces_named
from rag.records import Chunk, Hit, Notice


class TermWeights:
    """Inverse document frequency of bigrams and words over the index's passages."""

    def __init__(self, texts: Sequence[str]) -> None:
        df: Counter[str] = Counter()
        for text in texts:
            df.update(set(bigrams(text)))
        self.n = max(1, len(texts))
        self._df = df
        self._texts = [nows(t) for t in texts]
        self._word_df: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, term: str) -> float:
        # Smoothed idf; a term the index has never seen is as informative as the rarest.
        return math.log((self.n + 1) / (self._df.get(term, 0) + 0.5))

    def weights(self, terms: Sequence[str]) -> dict[str, float]:
        return {t: self(t) for t in terms}

    def word(self, word: str) -> float:
        """idf of a whole word (substring presence in passages)."""
        return math.log((self.n + 1) / (self.passages_with(word) + 0.5))

    def passages_with(self, word: str) -> int:
        """How many passages hold ``word``.

        Safe under the API's worker threads: a count is read once into a local (another
        thread may reset the cache between a check and a read), and the cache is reset by
        swapping in a new dict under a lock rather than cleared in place.
        """
        count = self._word_df.get(word)
        if count is None:
            count = sum(1 for t in self._texts if word in t)
            with self._lock:
                if len(self._word_df) > 100_000:  # a long-running server sees endless words
                    self._word_df = {}
                self._word_df[word] = count
        return count


def support_of(question: str, hits: Sequence[Hit], weights: TermWeights) -> float:
    """How well the best single passage covers the question's subject words (0–1); see
    ``word_coverage``."""
    return word_coverage(question, hits, weights)[0]


def word_coverage(question: str, hits: Sequence[Hit], weights: TermWeights) -> tuple[float, int]:
    """How well the best single passage covers the question's subject words (0–1), and the
    index of that passage's hit (0 when none is told apart).

    idf-weighted share of the question's words found in one passage (with its title and
    date), among the words some passage of the index holds. A year the question names that
    no passage retrieved mentions or tells relative to its date (去年 in a report of the year
    after), or a Latin-letter name (HPV, DRG) that neither they nor any other passage of the
    index holds, means the question is about something the corpus does not hold ("2024年…"
    over notices of 2020–2023, "HPV疫苗…" over notices that never name it): support 0.
    """
    words = question_words(question)
    if not words or not hits:
        return (0.0 if not hits else 1.0), 0
    texts = [nows(simplified(h.title + h.date + h.chunk.text)) for h in hits]
    # A word no passage of the index holds is the asker's own wording (打工, 跑一趟, 拉黑):
    # it says nothing of which passage answers, and would weigh most of all. Left out of
    # the share; what the corpus does not hold is told by the year and name checks below
    # and by the dense term.
    w = {
        word: weights.word(word)
        for word in words
        if weights.passages_with(word) or any(word in t for t in texts)
    }
    total = sum(w.values()) or 1.0
    covered = [sum(v for x, v in w.items() if x in t) for t in texts]
    best = max(range(len(hits)), key=lambda i: covered[i])
    span = YEAR_RANGE.search(question)
    if span:
        # 2024—2025年: some year of the range must be mentioned.
        lo, hi = sorted((int(span.group(1)), int(span.group(2))))
        if not any(str(y) in t for y in range(lo, hi + 1) for t in texts):
            return 0.0, best
    # (a year a hit tells relative to its date counts: 去年 in a report of the year after)
    told = {str(y) for h in hits for y in relative_years(h.chunk.text, h.date)}
    for year in re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", YEAR_RANGE.sub("", question)):
        if year not in told and not any(year in t for t in texts):
            return 0.0, best
    names = re.findall(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])", to_halfwidth(question))
    if names:
        # (a name some passage of the index holds, though not these ("做CT的操作人员" over
        # a notice saying 大型医用设备), is a word of the share like any other)
        folded = [to_halfwidth(t).lower() for t in texts]
        if any(
            not any(name.lower() in t for t in folded)
            and not (weights.passages_with(name) or weights.passages_with(name.upper()))
            for name in names
        ):
            return 0.0, best
    return covered[best] / total, best


class RegionPassages:
    """Every passage of the index with its title, by the region (province, 全国) of its
    notice, as ``word_coverage`` reads passages: what the place a question asks of holds
    beside what the other places hold."""

    def __init__(self, chunks: Sequence[Chunk], notices: Mapping[str, Notice]) -> None:
        self._rows: list[tuple[str, str, str]] = []  # region, notice_id, folded text
        for c in chunks:
            n = notices.get(c.notice_id)
            if n is not None:
                self._rows.append((n.region, c.notice_id, nows(simplified(n.title + c.text))))

    def best_elsewhere(self, place: str, w: Mapping[str, float]) -> tuple[float, str]:
        """The most of the weighted words ``w`` one passage of another region than ``place``
        holds, and that passage's notice ("" when none holds any)."""
        best, notice = 0.0, ""
        for region, nid, text in self._rows:
            if region == place:
                continue
            got = sum(v for x, v in w.items() if x in text)
            if got > best:
                best, notice = got, nid
        return best, notice


def topic_elsewhere(
    question: str,
    place: str,
    hits: Sequence[Hit],
    passages: RegionPassages,
    weights: TermWeights,
    share: float,
    known: float,
) -> str:
    """For a question asking of one ``place`` whose passages alone were retrieved: the
    notice of another region whose passage holds the question's words (its places aside)
    when the place's best passage holds less than ``share`` × ``known`` (the question's
    ``known_share``, as support read it) of what that one holds; "" when the place's
    passages hold the topic. "呼和浩特的家庭病床，内蒙古…每周至少查几次床" over 内蒙古's
    notices on other topics: 家庭病床 is in another province's notices, not in 内蒙古's."""
    if not hits or any(h.region != place for h in hits):
        return ""
    named = [*provinces_named(question), *cities_named(question)]
    w = {
        x: weights.word(x)
        for x in question_words(question)
        if weights.passages_with(x) and not any(n in x or x in n for n in named)
    }
    if not w:
        return ""
    texts = [nows(simplified(h.title + h.chunk.text)) for h in hits]
    own = max(sum(v for x, v in w.items() if x in t) for t in texts)
    other, notice = passages.best_elsewhere(place, w)
    # (A question in everyday words shares words with any passage by chance, the notices'
    # words the place's notice holds for them too: the share asked of the place is lowered
    # in the measure the question is worded in words the notices do not use.)
    return notice if own < share * known * other else ""


def known_share(question: str, weights: TermWeights) -> float:
    """The share of the question's wording (its words, by characters) that some passage of
    the index holds: 1.0 for a question in the notices' own words, less for one in everyday
    words the notices never use (打摆子, 搓澡, 化验室). 1.0 for a question without words."""
    words = question_words(question)
    total = sum(len(w) for w in words)
    if not total:
        return 1.0
    return sum(len(w) for w in words if weights.passages_with(w)) / total


def null_of(manifest: Mapping[str, Any]) -> tuple[float, float] | None:
    """The index's null similarity (mean, spread) from its manifest (``rag.calibration``);
    None for an index built before it was measured or too small to measure."""
    found = (manifest.get("vectors") or {}).get("calibration")
    if not isinstance(found, Mapping):
        return None
    mean, std = found.get("mean"), found.get("std")
    if not isinstance(mean, int | float) or not isinstance(std, int | float) or std <= 0:
        return None
    return float(mean), float(std)


def combine_support(
    words: float,
    dense: float | None,
    null: tuple[float, float] | None,
    weight: float,
    lift_only: bool = False,
    known: float = 1.0,
) -> float:
    """Word support plus the dense term, in 0–1.

    The dense term reads the top cosine against the index's own null similarity: ``weight ×
    (cosine − mean) / spread``, where mean and spread are what a related question whose
    answer the index lacks scores (``rag.calibration``). A question that shares many words
    with some passage but means something else sits below that mean. Without a measured
    null (an older index) support is word overlap alone. ``lift_only``: the cosine may raise
    support but not lower it (a follow-up, worded against the conversation rather than
    against the passages).

    ``known``: the share of the question's wording the index holds (``known_share``). The
    null is measured with the index's own sentences as questions, in the notices' words; a
    question in words the notices never use scores lower cosines against every passage,
    the one answering it too. A cosine below the null lowers support only in the measure
    the question is worded as the null's questions are.
    """
    if null is None or dense is None:
        return words
    mean, std = null
    z = (dense - mean) / std
    if lift_only:
        z = max(0.0, z)
    elif z < 0:
        z *= min(1.0, max(0.0, known))
    return min(1.0, max(0.0, words + weight * z))
