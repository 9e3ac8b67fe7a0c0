"""Split notices into passages (``Chunk``) for embedding, indexing and citation.

Structure-aware: a notice's text is a sequence of paragraphs (one per line). Lines that
open a numbered section are headings (``rag.grammar.HEADINGS``)::

    附件 / 附件1        level 0   (an attachment; everything after it nests under it)
    第一章 总则          level 0
    第一节 机构资质      level 1   (nests between 章 and 条)
    第一条 …            level 1   (an article)
    一、…               level 1
    （一）…             level 2
    1. … / 1、…         level 3
    （1）…             level 4

How a notice is cut:

* the header — title lines, 文号 and salutation (各省、自治区…：) — is the first chunk;
* the body is divided into *parts* at a closing line (a date line such as 2020年4月30日,
  or 信息公开形式/此件公开发布) and at an 附件 heading, because what follows is another
  document (the attachment); heading nesting restarts in each part;
* inside a part, each heading of the part's highest level opens a *top-level section*;
  a chunk never spans two of them (loose paragraphs before the first one form their own
  section; short title lines there are glued to the next section instead);
* inside a section, whole paragraphs are packed up to ``max_tokens`` by a small dynamic
  programme that prefers cutting before higher-level headings, keeps a heading's block
  (e.g. one 第X条 with its items) whole when it fits, keeps chunks balanced rather than
  leaving a tiny tail, and never ends a chunk on a title line;
* a paragraph longer than ``max_tokens`` is cut at sentence ends (。！？；) into windows
  whose starts overlap the previous window by up to ``overlap_tokens`` (the overlap may
  start at a clause boundary); a sentence longer than ``max_tokens`` is cut at clause
  marks (，、：), and only an unbroken run of text is cut at a character position.
  ``max_tokens`` is a hard limit on every chunk's real token count.

Every chunk is an exact slice of the notice text (``chunk.text ==
notice.text[chunk.start:chunk.end]``), starts and ends on non-whitespace, and together the
chunks cover every non-blank character. ``heading_path`` is the chain of headings that
encloses the whole chunk (each truncated to its title: the text up to the first 。/：, at
most 40 characters; an article is named by its number alone, e.g. "第十五条").
``articles`` lists the numbers of the articles (第X条) whose text the chunk holds
(``rag.articles.article_spans``), so a question naming 第十条 can be routed to it.

Token counts are cl100k_base counts from tiktoken, loaded from a local BPE rank file
(see ``token_counter``); nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from rag.articles import article_spans, articles_within
from rag.chunking.packing import _pack_section, _within_bound
from rag.chunking.sections import _sections, heading_label, heading_level
from rag.chunking.tokens import (
    BPE_FILE_ENV,
    CL100K_SHA256,
    ENCODING_NAME,
    bpe_file_candidates,
    load_encoding,
    token_counter,
)
from rag.records import Chunk, Notice

__all__ = [
    "BPE_FILE_ENV",
    "CHUNKER_VERSION",
    "CL100K_SHA256",
    "DEFAULT_MAX_TOKENS",
    "DEFAULT_OVERLAP_TOKENS",
    "ENCODING_NAME",
    "bpe_file_candidates",
    "chunk_id",
    "chunk_notice",
    "chunk_notices",
    "heading_label",
    "heading_level",
    "load_encoding",
    "token_counter",
]


# Chosen on the dev set (benchmarks/reports/chunking.md): the largest bound whose passages,
# embedded with their title and heading path, still fit multilingual-e5's 512-token window
# on the bundled corpus (≤ 498 model tokens). Larger passages raised evidence recall@5 from
# 0.80 (320) to 0.93 and notice MRR from 0.962 to 0.978; overlap barely matters, because it
# only applies inside single paragraphs longer than the bound.
DEFAULT_MAX_TOKENS = 800
DEFAULT_OVERLAP_TOKENS = 48
# Bump when a change here moves chunk boundaries or what a chunk records, so that stored
# indexes are rebuilt (3: chunks record the articles they hold).
CHUNKER_VERSION = 3

# ---------------------------------------------------------------------------
# Public API (stages: tokens.py counts, sections.py cuts a notice into sections,
# packing.py packs each section into passages)


def chunk_id(notice_id: str, start: int, end: int, text: str) -> str:
    """Stable id of a passage: a hash of where it is and what it says."""
    payload = f"{notice_id}\x1f{start}\x1f{end}\x1f{text}".encode()
    return hashlib.sha1(payload).hexdigest()[:20]


def chunk_notice(
    notice: Notice,
    *,
    max_tokens: int = DEFAULT_MAX_TOKENS,
    overlap_tokens: int = DEFAULT_OVERLAP_TOKENS,
) -> list[Chunk]:
    """The notice's passages in text order (the header first)."""
    if max_tokens < 8:
        raise ValueError(f"max_tokens must be at least 8, got {max_tokens}")
    if overlap_tokens < 0 or overlap_tokens >= max_tokens:
        raise ValueError(f"overlap_tokens must be in [0, max_tokens), got {overlap_tokens}")
    count = token_counter()
    text = notice.text
    chunks: list[Chunk] = []
    seen: set[tuple[int, int]] = set()
    spans = article_spans(text)
    for section in _sections(text, count, has_header=notice.kind != "article"):
        for span_start, span_end, path in _pack_section(
            text, section, max_tokens, overlap_tokens, count
        ):
            for start, end in _within_bound(text, span_start, span_end, max_tokens, count):
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                passage = text[start:end]
                chunks.append(
                    Chunk(
                        chunk_id=chunk_id(notice.notice_id, start, end, passage),
                        notice_id=notice.notice_id,
                        text=passage,
                        heading_path=path,
                        start=start,
                        end=end,
                        token_count=count(passage),
                        articles=articles_within(spans, start, end),
                    )
                )
    chunks.sort(key=lambda c: (c.start, c.end))
    return chunks


def chunk_notices(notices: Iterable[Notice], **kw: Any) -> list[Chunk]:
    """Chunks of every notice, notice by notice (keyword arguments as ``chunk_notice``)."""
    out: list[Chunk] = []
    for notice in notices:
        out.extend(chunk_notice(notice, **kw))
    return out
