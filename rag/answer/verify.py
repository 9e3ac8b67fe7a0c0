"""Verification: every [n] of a draft names a retrieved passage and quotes it verbatim."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rag.answer.records import Citation, Draft
from rag.answer.text import locate, looks_like_instruction, similarity, split_sentences
from rag.articles import article_at
from rag.records import Hit, Notice

_MARKER = re.compile(r"\[(\d{1,3})\]")


def verify_citations(
    draft: Draft, hits: Sequence[Hit], notices: Mapping[str, Notice]
) -> tuple[str, list[Citation], dict[str, int]]:
    """Check every [n] of a draft against the retrieved passages.

    A marker naming no retrieved passage is dropped. A quote must occur in its passage
    (whitespace aside); one that does not is repaired with the passage sentence most like it
    (or like the answer sentence carrying the marker) when that sentence is close enough,
    and dropped otherwise. Citations are renumbered 1..m in order of first use.
    """
    checks = {"markers": 0, "verified": 0, "repaired": 0, "dropped": 0, "unknown_source": 0}
    text = draft.text
    renumber: dict[int, list[int]] = {}
    citations: list[Citation] = []

    def claim_for(n: int) -> str:
        m = re.search(rf"([^。；\n]*)\[{n}\]", text)
        return m.group(1) if m else ""

    for m in _MARKER.finditer(text):
        n = int(m.group(1))
        checks["markers"] += 1
        if n in renumber:
            continue
        if not 1 <= n <= len(hits):
            checks["unknown_source"] += 1
            renumber[n] = []
            continue
        hit = hits[n - 1]
        notice = notices.get(hit.chunk.notice_id)
        given = [q for q in (draft.quotes.get(n) or "").split("\u0000") if q.strip()]
        if not given:
            given = [""]
        numbers: list[int] = []
        for quote in given:
            span = locate(quote, hit.chunk.text) if quote else None
            if span is not None and looks_like_instruction(hit.chunk.text[span[0] : span[1]]):
                # Text planted in a notice for the model: quoting it is obeying it, even
                # though it does occur in the passage.
                checks["dropped"] += 1
                continue
            if span is not None:
                checks["verified"] += 1
            else:
                span = _repair(quote or claim_for(n), hit.chunk.text)
                if span is None:
                    checks["dropped"] += 1
                    continue
                checks["repaired"] += 1
            s, e = span
            offset = hit.chunk.start
            notice_text = notice.text if notice is not None else ""
            exact = hit.chunk.text[s:e]
            start, end = offset + s, offset + e
            if notice_text[start:end] != exact:
                found = locate(exact, notice_text)
                if found is None:
                    checks["dropped"] += 1
                    continue
                start, end = found
            article = article_at(notice_text, start) if notice_text else None
            citations.append(
                Citation(
                    n=len(citations) + 1,
                    doc_number=hit.doc_number,
                    title=hit.title,
                    issuer=hit.issuer,
                    date=hit.date,
                    source=hit.source,
                    quote=exact,
                    notice_id=hit.chunk.notice_id,
                    chunk_id=hit.chunk.chunk_id,
                    start=start,
                    end=end,
                    index=hit.index,
                    article=article.label if article else "",
                )
            )
            numbers.append(len(citations))
        renumber[n] = numbers

    seen: Counter[int] = Counter()
    markers = Counter(_MARKER.findall(text))

    def replace(m: re.Match[str]) -> str:
        n = int(m.group(1))
        numbers = renumber.get(n, [])
        seen[n] += 1
        # A passage quoted in several places: the k-th marker carries the k-th quote.
        if len(numbers) > 1 and seen[n] <= len(numbers) and markers[m.group(1)] == len(numbers):
            return f"[{numbers[seen[n] - 1]}]"
        return "".join(f"[{i}]" for i in numbers)

    text = _MARKER.sub(replace, text)
    text = re.sub(r"[ \t]+([。；，])", r"\1", text).strip()
    return text, citations, checks


def _repair(claim: str, passage: str) -> tuple[int, int] | None:
    """The passage sentence that a paraphrased quote or claim most resembles, if close."""
    if not claim.strip():
        return None
    best: tuple[float, tuple[int, int]] | None = None
    for s, e in split_sentences(passage):
        sentence = passage[s:e]
        if looks_like_instruction(sentence):
            continue
        score = similarity(claim, sentence)
        if best is None or score > best[0]:
            best = (score, (s, e))
    if best is None or best[0] < 0.5:
        return None
    return best[1]
