"""How the retriever orders passages: reciprocal-rank fusion of its rankings, a notice's
header behind its body passages, at most a few passages per notice, and whether two passages
say the same thing (a new edition, a repost)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rag.config import Settings

# Reciprocal-rank fusion constant from Cormack et al. (2009): 60 damps the head of each
# ranking so that one list's first place does not decide alone.
RRF_K = 60


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def near_copy(a: str, b: str) -> bool:
    """Two passages say the same thing: the longer covers the shorter by the evaluation's
    evidence-coverage rule (≥ 60 % of its character trigrams)."""
    from rag.metrics import forms_covered

    (len_a, form_a), (len_b, form_b) = _copy_form(a), _copy_form(b)
    # The shorter without whitespace is the evidence; on a tie, ``a``.
    return forms_covered(form_b, form_a) if len_a <= len_b else forms_covered(form_a, form_b)


@functools.lru_cache(maxsize=4096)
def _copy_form(text: str) -> tuple[int, str]:
    """A passage as ``near_copy`` reads it: its length without whitespace and its evidence
    form, kept because the same passages are compared for query after query."""
    from rag.metrics import evidence_form

    return len(squashed(text)), evidence_form(text)


@dataclass(frozen=True)
class Fusion:
    """How a search orders passages: the weights of its dense, BM25 and best-sentence
    rankings in reciprocal-rank fusion, and how many passages of one notice its first k hold.

    Two readers want two orders. A list of results (``rag search``, the API's ``/search``,
    the LangChain retriever) is best with the passages that hold what is asked first, up to
    ``max_per_notice`` (4) of one notice: ``for_search``. The answerer reads only the first
    ``answer_k`` (5) passages, and a question about several notices needs each of them among
    those, at most ``answer_max_per_notice`` (2) of one notice, in the order its rank prior
    and several-notice rules were measured on: ``for_answers`` (no sentence ranking,
    ``answer_sentence_weight`` 0). benchmarks/reports/retrieval-read.md measures the first
    against BM25, the answer benchmarks the second."""

    dense: float
    lexical: float
    sentence: float
    per_notice: int

    @classmethod
    def for_search(cls, settings: Settings) -> Fusion:
        return cls(
            settings.dense_weight,
            settings.lexical_weight,
            settings.sentence_weight,
            settings.max_per_notice,
        )

    @classmethod
    def for_answers(cls, settings: Settings) -> Fusion:
        return cls(
            settings.dense_weight,
            settings.lexical_weight,
            settings.answer_sentence_weight,
            settings.answer_max_per_notice,
        )


def fuse_rrf(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: int = RRF_K
) -> dict[int, float]:
    """Weighted reciprocal-rank fusion: item → Σ weight / (k + rank), ranks from 1."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if weight == 0:
            continue
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return fused


def headers_last(order: Sequence[int], notice_of: Sequence[str], headers: set[int]) -> list[int]:
    """``order`` with each notice's header chunk (title lines, 文号, salutation) moved behind
    that notice's other chunks in it. Every notice keeps the places it held, so notice-level
    ranks do not change; the place the header won (its title matches the query) goes to
    the notice's best body passage, which is what answers. The header still travels with
    every hit as its title and 文号."""
    places: dict[str, list[int]] = {}
    for place, item in enumerate(order):
        places.setdefault(notice_of[item], []).append(place)
    out = list(order)
    for positions in places.values():
        items = [order[p] for p in positions]
        if len(items) > 1 and any(i in headers for i in items):
            items = [i for i in items if i not in headers] + [i for i in items if i in headers]
            for place, item in zip(positions, items, strict=True):
                out[place] = item
    return out


def diversify(order: Sequence[int], notice_of: Sequence[str], k: int, per_notice: int) -> list[int]:
    """Top k of ``order`` with at most ``per_notice`` chunks of any one notice.

    When the filtered list is shorter than k (few notices match), the held-back chunks fill
    the rest in their original order rather than leaving the list short.
    """
    taken: list[int] = []
    held: list[int] = []
    counts: dict[str, int] = {}
    for item in order:
        notice = notice_of[item]
        if counts.get(notice, 0) < per_notice:
            taken.append(item)
            counts[notice] = counts.get(notice, 0) + 1
        else:
            held.append(item)
        if len(taken) == k:
            return taken
    return (taken + held)[:k]
