"""What a chosen sentence cannot stand without: the items a colon introduces, the body
under a heading, the exception after an "in principle" rule, a section's next sentences,
the rest of a quotation it opens.

The last stage of choosing an extractive answer's sentences (``with_dependents``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.scoring import SENTENCE_CLOSE, Sentence, overlaps
from rag.answer.text import nows, opens_heading
from rag.grammar import HEADINGS
from rag.records import Hit

# A rule stated "in principle" is followed by its exception ("原则上由患者本人领取。
# 特殊情况下…可由…代为领取"); a numbered heading by the sentences that carry it out.
_IN_PRINCIPLE = re.compile(r"原则上")
_EXCEPTION = re.compile(r"^(但|但是|特殊情况|确需|确有|如确|因特殊|对特殊|除.{1,20}外|特殊)")
_DEPENDENTS = 3
# A list introduced by a colon is quoted whole up to this many items (a longer one is a
# section, not an answer).
_MAX_ITEMS = 10
# A sentence announcing the list after it as a colon does ("…进一步采取以下措施。").
_ANNOUNCES = re.compile(r"(?:如下|以下|下列)[\u4e00-\u9fff]{0,6}[。：:]$")


def _is_heading(sentence: str) -> bool:
    """A numbered heading line ("（四）做好秋冬季新冠肺炎疫情防控。"): it names a topic."""
    return opens_heading(sentence) and len(nows(sentence)) <= 30


def _opens_section(s: Sentence, sentences: Sequence[Sentence]) -> bool:
    """Whether ``s`` is the first sentence under a numbered heading of its passage."""
    before = [t for t in sentences if t.hit_index == s.hit_index and t.end <= s.start]
    return bool(before) and _is_heading(max(before, key=lambda t: t.end).text)


def with_dependents(
    chosen: list[Sentence], sentences: Sequence[Sentence], params: AnswerParams = DEFAULT_PARAMS
) -> list[Sentence]:
    """Each chosen sentence with what it cannot stand without: a sentence ending in a colon
    with the items it introduces, a heading with the first sentences under it, an "in
    principle" rule with the exception that follows it. A sentence that opens a section
    (the first under a numbered heading) brings the section's next sentences: it states the
    section's aim, and they say how."""
    out = list(chosen)
    for s in chosen:
        rest = [t for t in sentences if t.hit_index == s.hit_index and t.start >= s.end]
        after = rest[:_DEPENDENTS]
        if s.text.rstrip().endswith(("：", ":")) or _ANNOUNCES.search(s.text.rstrip()):
            # "…是指：" / "…包括：" / "…采取以下措施。" introduces the items that answer: all
            # of a numbered list ("（一）…（七）…"), else the next sentences.
            follow = _items(rest) or after
        elif _is_heading(s.text):
            follow = _body(after)
        elif params.exceptions and _IN_PRINCIPLE.search(s.text):
            follow = [t for t in after[:1] if _EXCEPTION.match(t.text.lstrip())]
        elif s.text.count("“") > s.text.count("”"):
            # "“现代化…基础。把这件事抓牢…理念。”今年3月23日，…在福建考察时指出。": a
            # quotation goes on to its closing mark, and to who said it, where and when.
            follow = _quotation_rest(after)
        elif params.section_body and _opens_section(s, sentences):
            follow = _body(after[: _DEPENDENTS - 1])
        else:
            follow = []
        out.extend(t for t in follow if not any(overlaps(t, c) for c in out))
    return out


def _quotation_rest(after: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of ``after`` up to the one closing the open quotation (none when it
    does not close within them)."""
    for i, t in enumerate(after):
        if "”" in t.text:
            closed = list(after[: i + 1])
            said = after[i + 1 : i + 2]
            # "…理念。”" then "今年3月23日，习近平总书记在福建考察时指出。"
            if said and _ATTRIBUTION.search(said[0].text.strip()) and len(said[0].text) <= 60:
                closed += said
            return closed
        if "“" in t.text:
            return []
    return []


# A sentence saying who said the quotation before it, where and when.
_ATTRIBUTION = re.compile(r"(?:指出|强调|表示|说|谈到|讲到|提到|回应|介绍)[。！!]?$")


def _items(after: Sequence[Sentence]) -> list[Sentence]:
    """The numbered list that opens ``after``: each sentence up to the first that opens
    with another kind of marker (or a higher heading), at most ``_MAX_ITEMS`` items; [] when
    ``after`` does not open with a numbered item."""
    kind = _marker_kind(after[0].text) if after else None
    if kind is None:
        return []
    out: list[Sentence] = []
    items = 0
    for t in after:
        own = _marker_kind(t.text)
        if own is not None and own != kind:
            break
        if own == kind:
            items += 1
            if items > _MAX_ITEMS:
                break
        out.append(t)
    return out


def _marker_kind(sentence: str) -> int | None:
    """Which kind of numbered heading marker opens ``sentence`` (its index in
    ``grammar.HEADINGS``), or None."""
    text = sentence.strip()
    for i, (pattern, _, _) in enumerate(HEADINGS):
        if pattern.match(text):
            return i
    return None


def _body(after: Sequence[Sentence]) -> list[Sentence]:
    """The sentences of ``after`` up to the next heading or a line that is no sentence (the
    issuer's name signing the notice)."""
    out: list[Sentence] = []
    for t in after:
        if _is_heading(t.text) or not SENTENCE_CLOSE.search(t.text.rstrip()):
            break
        out.append(t)
    return out


# An attachment list's opening line: 附件：1. X.
_ATTACHED = re.compile(r"^\s*附\s*件\s*[:：]\s*")


def carried_on(
    chosen: list[Sentence], sentences: Sequence[Sentence], hits: Sequence[Hit]
) -> list[Sentence]:
    """Each chosen numbered item that ends its passage (附件：1. X) with the items that carry
    its list on at the start of the notice's next passage (2. Y), when that passage was read
    too: a list the chunker cut in two is quoted whole."""
    out = list(chosen)
    for s in chosen:
        kind = _marker_kind(_ATTACHED.sub("", s.text))
        if kind is None or any(t.hit_index == s.hit_index and t.start >= s.end for t in sentences):
            continue
        chunk = hits[s.hit_index].chunk
        following = [
            i
            for i, h in enumerate(hits)
            if h.chunk.notice_id == chunk.notice_id and 0 <= h.chunk.start - chunk.end <= 1
        ]
        if not following:
            continue
        head = sorted((t for t in sentences if t.hit_index == following[0]), key=lambda t: t.start)
        items = [t for t in _items(head) if _marker_kind(t.text) == kind]
        out.extend(t for t in items if not any(overlaps(t, c) for c in out))
    return out
