"""Passages an answer reads beside the search's ranking.

A follow-up's hits are held to the conversation's notice (``held_to``); a question asking
whether or how a rule changed hears the notices amending the one it is about
(``with_amenders``); a report on a notice (a news story, a 政策解读) brings the notice it
reports on (``with_reported``). Each reads a notice at its passages holding most of the
question's words (``passage_share``), whether or not the search returned them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from rag.answer.questions import question_words
from rag.answer.scoring import figures, is_report
from rag.answer.support import TermWeights
from rag.answer.text import nows
from rag.records import Chunk, Hit, Notice

# The idf-weighted share of a question's words a passage (its notice's title, its text) holds.
Share = Callable[[str, str], float]


def passage_share(focus: str, weights: TermWeights) -> Share:
    """The idf-weighted share of ``focus``'s words a passage holds, its title read with it."""
    words = question_words(focus)
    weight = {w: weights.word(w) for w in words}
    total = sum(weight.values()) or 1.0

    def share(title: str, chunk_text: str) -> float:
        text = nows(title) + nows(chunk_text)
        return sum(weight[w] for w in words if w in text) / total

    return share


def hit_of(notice: Notice, chunk: Chunk, status: str = "") -> Hit:
    """A passage of ``notice`` the search did not return, as a hit (no score of its own)."""
    return Hit(
        rank=0,
        chunk=chunk,
        doc_number=notice.doc_number,
        title=notice.title,
        issuer=notice.issuer,
        date=notice.date,
        region=notice.region,
        source=notice.source,
        score=0.0,
        status=status,
    )


def held_to(
    notice: Notice,
    chunks: Sequence[Chunk],
    share: Share,
    retrieved: Sequence[Hit],
    max_per_notice: int,
) -> list[Hit]:
    """The hits of a follow-up held to the conversation's notice (its ``chunks``, in index
    order): its passages that hold most of what the follow-up asks come first
    (``max_per_notice`` of them, the retrieved ones before others as good), the rest of the
    search after them. Hits routed to it by its 文号 are already its own and stay as ranked."""
    nid = notice.notice_id
    own = {h.chunk.chunk_id: h for h in retrieved if h.chunk.notice_id == nid}
    if any(h.routed for h in own.values()):
        return list(retrieved)
    order = {c.chunk_id: i for i, c in enumerate(chunks)}
    ranked = sorted(
        chunks,
        key=lambda c: (-share(notice.title, c.text), c.chunk_id not in own, order[c.chunk_id]),
    )
    status = next((h.status for h in own.values()), "")
    held = [own.get(c.chunk_id) or hit_of(notice, c, status) for c in ranked[:max_per_notice]]
    rest = [h for h in retrieved if h.chunk.notice_id != nid]
    return [replace(h, rank=i) for i, h in enumerate([*held, *rest], start=1)]


def with_amenders(
    notice: Notice,
    amenders: Sequence[tuple[Notice, Sequence[Chunk]]],
    share: Share,
    hits: Sequence[Hit],
) -> list[Hit]:
    """The hits with each notice amending ``notice`` (each with its passages) read at its
    passage holding most of the question's words, right after ``notice``'s first hit, unless
    one of its passages is among the hits already; the last hits make room."""
    have = {h.chunk.notice_id for h in hits}
    added: list[Hit] = []
    for other, chunks in amenders:
        if other.notice_id in have or not chunks:
            continue
        best = max(chunks, key=lambda c: share(other.title, c.text))
        added.append(hit_of(other, best))
        have.add(other.notice_id)
    if not added:
        return list(hits)
    at = next((i + 1 for i, h in enumerate(hits) if h.chunk.notice_id == notice.notice_id), 1)
    out = [*hits[:at], *added, *hits[at:]][: len(hits)]
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


def with_reported(
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    share: Share,
    most: int = 2,
) -> list[Hit]:
    """The hits with, right after a report's passage (``is_report``: a news story, a 政策解读)
    whose notice has no passage among them, the notice's passage that says what the report
    retells: the one holding most of the figures of the report's passages among the hits,
    else most of the question's words. A report is written in the words people ask in and
    outranks its notice; the notice is what says the rule, and with its passage among the
    hits the report gives way to it (``reporting``). The notice reported on is the first the report
    cites ("近日，省卫生健康委印发《X》（文号）…"); at most ``most`` are added."""
    have = {h.chunk.notice_id for h in hits}
    out: list[Hit] = []
    added = 0
    for h in hits:
        out.append(h)
        report = notices.get(h.chunk.notice_id)
        if added >= most or report is None or not is_report(report):
            continue
        cited = next((r.notice_id for r in report.references if r.notice_id in notices), "")
        chunks = chunks_of(cited) if cited and cited not in have else ()
        if not chunks:
            continue
        notice = notices[cited]
        # (what the report's passages among the hits say, all of them)
        said = frozenset().union(
            *(figures(o.chunk.text) for o in hits if o.chunk.notice_id == report.notice_id)
        )
        best = max(chunks, key=lambda c: (len(said & figures(c.text)), share(notice.title, c.text)))
        out.append(hit_of(notice, best))
        have.add(cited)
        added += 1
    if not added:
        return list(hits)
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]
