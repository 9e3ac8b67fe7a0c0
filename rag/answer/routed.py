"""Answers to a question routed to a notice rather than searched: what a notice named by 文号
is (``summary``), the notices of a 文号 series (``listing``), and the articles a question names
(``articles``), each quoted from where it opens, beside the notice that rewrote it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rag.answer.records import Draft
from rag.answer.scoring import METADATA_LINE, Sentence
from rag.answer.text import (
    cite_label,
    date_phrase,
    display,
    ends_with_docno_line,
    locate,
    looks_like_instruction,
    metadata_quote,
    nows,
    split_sentences,
    without_doc_numbers,
)
from rag.articles import ArticleSpan, article_spans, rewrite_of, without_article_refs
from rag.query_filters import asks_for_topic
from rag.records import Chunk, Hit, Notice

# How much of a named article is quoted from its start (characters); a longer article is
# quoted up to the sentence that passes this, plus the sentence that answers the question.
_ARTICLE_QUOTE = 300


def summary(hits: Sequence[Hit], routed: Sequence[int]) -> Draft:
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
            part, quote, found = _opening(hits[i], i + 1)
            if found or i == ordered[-1]:
                break
        parts.append(part)
        quotes[i + 1] = quote
    return Draft("\n".join(parts), quotes)


def articles(
    question: str,
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    score: Callable[[str], list[Sentence]],
    no_match: float,
) -> Draft:
    """Each article the question names, quoted from the passage where it opens: its
    sentences from the start, up to ``_ARTICLE_QUOTE`` characters, and the sentence of it
    that best answers what else the question asks (``score``: the passages' sentences scored
    for a question; above ``no_match``). A notice amending the article is quoted where it
    rewrites it, labelled （修改第X条）."""
    topic = asks_for_topic(without_article_refs(without_doc_numbers(question)))
    scored = score(question) if topic else []
    # (notice, article) → (hit index, the article's span, whether it opens in that
    # passage): the passage where the article opens wins.
    where: dict[tuple[str, int], tuple[int, ArticleSpan, bool]] = {}
    rewrites: set[tuple[str, int]] = set()  # articles an amending notice rewrites
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
            if span is None:
                # A notice amending the article: where it rewrites it.
                span = _rewrite_span(c, number)
                rewrites.add(key)
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
        if best is not None and best.score > no_match and (best.start, best.end) not in picked:
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
        if (c.notice_id, span.number) in rewrites:
            label = f"（修改{span.label}）"
        parts.append(
            f"根据{cite_label(hits[i])}{label}："
            + "……".join(display(t) for t in texts)
            + f"[{i + 1}]"
        )
        quotes[i + 1] = (quotes[i + 1] + "\u0000" if i + 1 in quotes else "") + "\u0000".join(texts)
    if not parts:
        return Draft("", refused=True)
    return Draft("\n".join(parts), quotes)


def listing(hits: Sequence[Hit], routed: Sequence[int]) -> Draft:
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
        if METADATA_LINE.fullmatch(nows(sentence)) or ends_with_docno_line(sentence):
            continue  # its 文号 or date line, or its title over its 文号
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


def _rewrite_span(chunk: Chunk, number: int) -> ArticleSpan | None:
    """Where a passage of an amending notice rewrites article ``number`` ("将第十八条修改
    为：“…”"), from that sentence to the end of its paragraph, in the notice's offsets."""
    m = rewrite_of(chunk.text, number)
    if m is None:
        return None
    end = chunk.text.find("\n", m.end())
    end = len(chunk.text) if end < 0 else end
    return ArticleSpan(number, chunk.start + m.start(), chunk.start + end)
