"""Evaluation metrics for question sets in the format of ``docs/eval-format.md``.

Everything here is pure: no index, no model, no files except :func:`load_questions`.
Hits and citations are plain mappings with the keys of the predictions format
(``doc_number``, ``title``, ``source``, ``text`` for hits; ``quote`` instead of ``text`` for
citations), so predictions read back from ``predictions.jsonl`` can be scored directly.

Definitions (docs/eval-format.md):

* a hit *matches* a gold notice when the normalised 文号 are equal, or — for a gold notice
  without 文号 (news-digest articles) — when the titles are equal after a place label
  before 关于, whitespace and punctuation are removed (:func:`doc_matches`);
* ``doc_recall@k`` is the share of the gold notices matched by a hit among the top ``k``
  (for multi-gold questions: the fraction of gold notices covered); ``doc_mrr@k`` is the
  reciprocal rank of the first matching hit;
* a hit *covers* an evidence passage when ≥ 60 % of the passage's character trigrams
  (whitespace removed) occur in the hit text (:func:`evidence_covered`);
* ``must_include``: the answer contains every must-include string, compared in the
  scorer's normal form (NFKC, casefolded, whitespace removed, brackets as 〔〕);
* ``citation_precision``: share of citations that point at a gold notice;
* ``quote_fidelity``: share of citation quotes found verbatim (whitespace aside) in the
  cited notice;
* ``refusal_recall`` / ``false_refusal`` and latency percentiles per stage are computed by
  :func:`aggregate` over per-question records (see :func:`score_question`).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.docno import normalize_doc_number
from rag.grammar import simplified

__all__ = [
    "EVIDENCE_COVERAGE",
    "KS",
    "QUESTION_TYPES",
    "GoldNotice",
    "Question",
    "Turn",
    "aggregate",
    "citation_precision",
    "doc_matches",
    "doc_mrr_at_k",
    "doc_recall_at_k",
    "evidence_covered",
    "evidence_recall_at_k",
    "load_questions",
    "must_include_ok",
    "normalize_answer",
    "normalize_docno",
    "normalize_title",
    "percentile",
    "quote_fidelity",
    "score_question",
]

QUESTION_TYPES: tuple[str, ...] = (
    "fact",
    "number",
    "which_doc",
    "docno_lookup",
    "multi_doc",
    "regional",
    "paraphrase",
    "unanswerable",
    "followup",
)
UNANSWERABLE = "unanswerable"
EVIDENCE_COVERAGE = 0.6
"""Share of an evidence passage's character trigrams a hit must contain to cover it."""
KS: tuple[int, ...] = (1, 5, 10)
"""The cut-offs ``doc_recall@k`` and ``evidence_recall@k`` are reported at."""
MRR_K = 10

Hit = Mapping[str, Any]
Citation = Mapping[str, Any]

_WS = re.compile(r"\s+")
_BRACKETS = str.maketrans({c: "〔" for c in "[(【［（﹝"} | {c: "〕" for c in "])】］）﹞"})


@dataclass(frozen=True)
class GoldNotice:
    """A notice that answers a question; ``doc_number`` is ``""`` for notices without 文号."""

    doc_number: str
    title: str
    file: str = ""


@dataclass(frozen=True)
class Turn:
    """One earlier turn of a follow-up question's conversation."""

    role: str
    content: str


@dataclass(frozen=True)
class Question:
    """One line of a question set (docs/eval-format.md)."""

    id: str
    question: str
    type: str
    gold: tuple[GoldNotice, ...]
    answer: str
    must_include: tuple[str, ...]
    evidence: str
    history: tuple[Turn, ...] = ()
    evidence_extra: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.type != UNANSWERABLE

    @property
    def evidences(self) -> tuple[str, ...]:
        """The evidence passage followed by any extra ones (multi_doc), empty ones left out."""
        return tuple(e for e in (self.evidence, *self.evidence_extra) if _nows(e))


# ---------------------------------------------------------------------------
# Normal forms


def _nows(text: str | None) -> str:
    return _WS.sub("", text or "")


def normalize_docno(text: str | None) -> str:
    """Canonical 文号 (``rag.docno``), or the raw string without whitespace if it is none; in
    simplified characters, so that a set giving a traditional repost's 文号 as printed
    (雲衛醫發〔2022〕38號) matches the notice's (云卫医发〔2022〕38号)."""
    raw = simplified(text or "")
    return normalize_doc_number(raw) or _nows(raw)


# A compilation's label of the province a notice comes from ("湖南：关于…"): a set may give
# the title with it, as printed, or without it.
_PLACE_LABEL = re.compile(r"^\s*[^：:\s]{2,8}\s*[：:]\s*(?=关于)")


def normalize_title(text: str | None) -> str:
    """Title for comparison: NFKC, simplified characters, casefolded, without a compilation's
    place label, whitespace, punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", _PLACE_LABEL.sub("", simplified(text or ""))).casefold()
    return "".join(
        ch
        for ch in folded
        if not ch.isspace() and not unicodedata.category(ch).startswith(("P", "S"))
    )


def normalize_answer(text: str | None) -> str:
    """The scorer's normal form for must_include: NFKC, simplified characters, casefold, no
    whitespace, 〔〕 brackets."""
    return _nows(unicodedata.normalize("NFKC", simplified(text or "")).casefold()).translate(
        _BRACKETS
    )


def evidence_form(text: str | None) -> str:
    """A text as evidence coverage compares it: NFKC, whitespace removed."""
    return _nows(unicodedata.normalize("NFKC", text or ""))


# ---------------------------------------------------------------------------
# Loading


_REQUIRED: dict[str, type] = {
    "id": str,
    "question": str,
    "type": str,
    "gold": list,
    "answer": str,
    "must_include": list,
    "evidence": str,
}
_TYPE_NAMES: dict[type, str] = {str: "字符串", list: "列表"}


def load_questions(path: str | Path) -> tuple[list[Question], list[str]]:
    """Read a JSONL question set; returns (good questions, errors).

    Malformed lines (bad JSON or UTF-8, missing or mistyped fields, unknown type, malformed
    gold/history entries, a repeated id) are reported as ``"第 N 行：…"`` and skipped; every
    other line is returned. Blank lines are ignored; unknown extra fields are tolerated.
    Raises ``OSError`` when the file cannot be read at all.
    """
    raw_lines = Path(path).read_bytes().split(b"\n")
    good: list[Question] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(raw_lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            errors.append(f"第 {number} 行：不是合法的 UTF-8（{exc.reason}）")
            continue
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"第 {number} 行：不是合法的 JSON（{exc.msg}，第 {exc.colno} 列）")
            continue
        if not isinstance(data, dict):
            errors.append(f"第 {number} 行：应为 JSON 对象，实为 {type(data).__name__}")
            continue
        problems: list[str] = []
        question = _parse_question(data, problems)
        if question is None:
            errors.extend(f"第 {number} 行：{p}" for p in problems)
            continue
        if question.id in seen:
            errors.append(f"第 {number} 行：id {question.id!r} 与第 {seen[question.id]} 行重复")
            continue
        seen[question.id] = number
        good.append(question)
    return good, errors


def _parse_question(data: dict[str, Any], problems: list[str]) -> Question | None:
    for key, kind in _REQUIRED.items():
        if key not in data:
            problems.append(f"缺少字段 {key}")
        elif not isinstance(data[key], kind):
            problems.append(f"字段 {key} 应为{_TYPE_NAMES[kind]}")
    if problems:
        return None
    if not data["id"].strip():
        problems.append("字段 id 为空")
    if not data["question"].strip():
        problems.append("字段 question 为空")
    if data["type"] not in QUESTION_TYPES:
        problems.append(f"未知题型 {data['type']!r}（应为 {'、'.join(QUESTION_TYPES)} 之一）")

    gold: list[GoldNotice] = []
    for i, entry in enumerate(data["gold"]):
        fields = ("doc_number", "title", "file")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(f), str) for f in fields):
            problems.append(f"gold[{i}] 应为含字符串字段 doc_number、title、file 的对象")
            continue
        gold.append(GoldNotice(entry["doc_number"], entry["title"], entry["file"]))

    if not all(isinstance(m, str) for m in data["must_include"]):
        problems.append("字段 must_include 应为字符串列表")

    history: list[Turn] = []
    raw_history = data.get("history", [])
    if not isinstance(raw_history, list):
        problems.append("字段 history 应为列表")
    else:
        for i, turn in enumerate(raw_history):
            if (
                not isinstance(turn, dict)
                or turn.get("role") not in ("user", "assistant")
                or not isinstance(turn.get("content"), str)
            ):
                problems.append(f"history[{i}] 应为 {{role: user|assistant, content: 字符串}}")
                continue
            history.append(Turn(turn["role"], turn["content"]))

    extra = data.get("evidence_extra", [])
    if not isinstance(extra, list) or not all(isinstance(e, str) for e in extra):
        problems.append("字段 evidence_extra 应为字符串列表")
        extra = []

    if problems:
        return None
    return Question(
        id=data["id"],
        question=data["question"],
        type=data["type"],
        gold=tuple(gold),
        answer=data["answer"],
        must_include=tuple(data["must_include"]),
        evidence=data["evidence"],
        history=tuple(history),
        evidence_extra=tuple(extra),
    )


# ---------------------------------------------------------------------------
# Retrieval


def _as_gold(gold: GoldNotice | Mapping[str, Any]) -> GoldNotice:
    if isinstance(gold, GoldNotice):
        return gold
    return GoldNotice(
        str(gold.get("doc_number") or ""), str(gold.get("title") or ""), str(gold.get("file") or "")
    )


def doc_matches(
    hit_doc_number: str | None, hit_title: str | None, gold: GoldNotice | Mapping[str, Any]
) -> bool:
    """Whether a hit (or citation) is the gold notice.

    With a gold 文号: the normalised 文号 are equal (an empty hit 文号 never matches). Without
    one: the titles are equal after :func:`normalize_title` (an empty title never matches).
    """
    g = _as_gold(gold)
    if _nows(g.doc_number):
        hit_no = normalize_docno(hit_doc_number)
        return bool(hit_no) and hit_no == normalize_docno(g.doc_number)
    want = normalize_title(g.title)
    return bool(want) and normalize_title(hit_title) == want


def _hit_matches(hit: Hit, gold: GoldNotice | Mapping[str, Any]) -> bool:
    return doc_matches(hit.get("doc_number"), hit.get("title"), gold)


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")


def doc_recall_at_k(
    hits: Sequence[Hit], gold: Sequence[GoldNotice | Mapping[str, Any]], k: int
) -> float:
    """Fraction of the gold notices matched by at least one of the top ``k`` hits.

    With no gold notices (unanswerable questions) there is nothing to find: 0.0.
    """
    _check_k(k)
    if not gold:
        return 0.0
    top = hits[:k]
    found = sum(1 for g in gold if any(_hit_matches(h, g) for h in top))
    return found / len(gold)


def doc_mrr_at_k(
    hits: Sequence[Hit], gold: Sequence[GoldNotice | Mapping[str, Any]], k: int = MRR_K
) -> float:
    """1/rank of the first of the top ``k`` hits that matches any gold notice, else 0.0."""
    _check_k(k)
    for rank, hit in enumerate(hits[:k], start=1):
        if any(_hit_matches(hit, g) for g in gold):
            return 1.0 / rank
    return 0.0


def _trigrams(text: str) -> list[str]:
    return [text[i : i + 3] for i in range(len(text) - 2)]


def evidence_covered(hit_text: str | None, evidence: str | None) -> bool:
    """Whether ≥ 60 % of the evidence's character trigrams (whitespace removed) are in the hit.

    Both sides are NFKC-normalised too, so full-width digits or punctuation in one and
    half-width in the other do not count as differences. An evidence passage shorter than
    three characters must occur as a whole; an empty one is never covered.
    """
    return forms_covered(evidence_form(hit_text), evidence_form(evidence))


def forms_covered(text: str, ev: str) -> bool:
    """``evidence_covered`` of texts already in evidence form (``evidence_form``)."""
    if not ev:
        return False
    grams = _trigrams(ev)
    if not grams:
        return ev in text
    have = set(_trigrams(text))
    inside = sum(1 for g in grams if g in have)
    return inside >= EVIDENCE_COVERAGE * len(grams)


def evidence_recall_at_k(hits: Sequence[Hit], evidence: str | Sequence[str], k: int) -> float:
    """Fraction of the evidence passages covered by at least one of the top ``k`` hits.

    ``evidence`` is one passage or several (``[evidence, *evidence_extra]`` for multi_doc);
    empty passages are ignored, and with none left the result is 0.0.
    """
    _check_k(k)
    passages = [evidence] if isinstance(evidence, str) else list(evidence)
    passages = [p for p in passages if _nows(p)]
    if not passages:
        return 0.0
    texts = [str(h.get("text") or "") for h in hits[:k]]
    covered = sum(1 for p in passages if any(evidence_covered(t, p) for t in texts))
    return covered / len(passages)


# ---------------------------------------------------------------------------
# Answers and citations


def must_include_ok(answer: str | None, must_include: Iterable[str]) -> bool:
    """Whether the answer contains every must-include string (in :func:`normalize_answer` form).

    An empty must_include list is trivially satisfied.
    """
    have = normalize_answer(answer)
    return all(normalize_answer(m) in have for m in must_include)


def citation_precision(
    citations: Sequence[Citation], gold: Sequence[GoldNotice | Mapping[str, Any]]
) -> float | None:
    """Share of citations that point at a gold notice; ``None`` when there are no citations."""
    if not citations:
        return None
    good = sum(1 for c in citations if any(_hit_matches(c, g) for g in gold))
    return good / len(citations)


def _text_index(notice_text_by_id_or_docno: Mapping[str, str]) -> dict[str, str]:
    """Look-up keys for every notice: the key as given, as a 文号 and as a title."""
    index: dict[str, str] = {}
    for key, text in notice_text_by_id_or_docno.items():
        for variant in (
            f"raw:{key}",
            f"no:{normalize_docno(key)}",
            f"title:{normalize_title(key)}",
        ):
            if not variant.endswith(":"):
                index.setdefault(variant, text)
    return index


def _cited_text(citation: Citation, index: Mapping[str, str]) -> str | None:
    for field in ("notice_id", "doc_number"):
        value = citation.get(field)
        if value and f"raw:{value}" in index:
            return index[f"raw:{value}"]
    number = normalize_docno(citation.get("doc_number"))
    if number and f"no:{number}" in index:
        return index[f"no:{number}"]
    title = normalize_title(citation.get("title"))
    if title and f"title:{title}" in index:
        return index[f"title:{title}"]
    return None


def quote_fidelity(
    citations: Sequence[Citation], notice_text_by_id_or_docno: Mapping[str, str]
) -> float | None:
    """Share of citations whose ``quote`` occurs in the cited notice's text.

    The notice is looked up in ``notice_text_by_id_or_docno`` by the citation's
    ``notice_id`` (if present), its 文号 (normalised on both sides) and, for notices without
    文号, its title (normalised). Quotes are compared with whitespace removed, since notice
    text keeps the line breaks of the source. An empty quote, or a citation whose notice is
    not in the mapping, is not faithful. ``None`` when there are no citations.
    """
    if not citations:
        return None
    index = _text_index(notice_text_by_id_or_docno)
    faithful = 0
    for citation in citations:
        quote = _nows(str(citation.get("quote") or ""))
        text = _cited_text(citation, index)
        if quote and text is not None and quote in _nows(text):
            faithful += 1
    return faithful / len(citations)


# ---------------------------------------------------------------------------
# Per-question records and aggregation


def score_question(
    question: Question,
    prediction: Mapping[str, Any],
    notice_text_by_id_or_docno: Mapping[str, str] | None = None,
    ks: Sequence[int] = KS,
) -> dict[str, Any]:
    """One per-question record for :func:`aggregate` from a line of predictions.jsonl.

    Retrieval, must_include and citation metrics are ``None`` for unanswerable questions;
    ``quote_fidelity`` is ``None`` when no notice texts are given.
    """
    hits: list[Hit] = list(prediction.get("hits") or [])
    citations: list[Citation] = list(prediction.get("citations") or [])
    answer = str(prediction.get("answer") or "")
    timings = prediction.get("timings_ms") or {}
    record: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "answerable": question.answerable,
        "refused": bool(prediction.get("refused", False)),
        "timings_ms": {str(k): float(v) for k, v in timings.items() if _is_number(v)},
        "n_citations": len(citations),
    }
    answerable = question.answerable
    for k in ks:
        record[f"doc_recall@{k}"] = doc_recall_at_k(hits, question.gold, k) if answerable else None
        record[f"evidence_recall@{k}"] = (
            evidence_recall_at_k(hits, question.evidences, k)
            if answerable and question.evidences
            else None
        )
    record[f"doc_mrr@{MRR_K}"] = doc_mrr_at_k(hits, question.gold, MRR_K) if answerable else None
    record["must_include"] = must_include_ok(answer, question.must_include) if answerable else None
    record["citation_precision"] = (
        citation_precision(citations, question.gold) if answerable else None
    )
    record["quote_fidelity"] = (
        quote_fidelity(citations, notice_text_by_id_or_docno)
        if notice_text_by_id_or_docno is not None
        else None
    )
    return record


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


# Share-of-citations metrics are averaged over citations, not questions.
_WEIGHTED = {"citation_precision": "n_citations", "quote_fidelity": "n_citations"}
_FIXED_KEYS = {"id", "type", "answerable", "refused", "timings_ms", "n_citations"}


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0–100) with linear interpolation; ``None`` for no values."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, not {q}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def _metric_keys(records: Sequence[Mapping[str, Any]]) -> list[str]:
    keys: list[str] = []
    for record in records:
        for key, value in record.items():
            if key in _FIXED_KEYS or key in keys:
                continue
            if value is None or _is_number(value):
                keys.append(key)
    return keys


def _mean(records: Sequence[Mapping[str, Any]], key: str) -> float | None:
    total = 0.0
    weight = 0.0
    for record in records:
        value = record.get(key)
        if value is None or not _is_number(value):
            continue
        w = float(record.get(_WEIGHTED[key], 1)) if key in _WEIGHTED else 1.0
        if w <= 0:
            continue
        total += float(value) * w
        weight += w
    return total / weight if weight else None


def _summary(records: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> dict[str, Any]:
    answerable: list[Mapping[str, Any]] = []
    unanswerable: list[Mapping[str, Any]] = []
    for record in records:
        is_answerable = record.get("answerable", record.get("type") != UNANSWERABLE)
        (answerable if is_answerable else unanswerable).append(record)
    out: dict[str, Any] = {
        "n": len(records),
        "n_answerable": len(answerable),
        "n_unanswerable": len(unanswerable),
    }
    for key in keys:
        out[key] = _mean(records, key)
    # A run that answered nothing (`rag eval --retrieval-only`) records refused = None: it
    # has no refusal rates, which is not the same as refusing nothing.
    out["refusal_recall"] = _refusal_share(
        [r for r in unanswerable if r.get("refused", False) is not None]
    )
    out["false_refusal"] = _refusal_share(
        [r for r in answerable if r.get("refused", False) is not None]
    )
    stages: dict[str, list[float]] = {}
    for record in records:
        for stage, ms in (record.get("timings_ms") or {}).items():
            if _is_number(ms):
                stages.setdefault(str(stage), []).append(float(ms))
    out["latency_ms"] = {
        stage: {"p50": percentile(values, 50), "p95": percentile(values, 95)}
        for stage, values in sorted(stages.items())
    }
    return out


def _refusal_share(records: Sequence[Mapping[str, Any]]) -> float | None:
    return sum(1 for r in records if r.get("refused")) / len(records) if records else None


def _group_order(key: str, values: Iterable[str]) -> list[str]:
    if key == "type":
        rank = {t: i for i, t in enumerate(QUESTION_TYPES)}
        return sorted(values, key=lambda v: (rank.get(v, len(rank)), v))
    return sorted(values)


def aggregate(
    per_question: Sequence[Mapping[str, Any]], by: Sequence[str] = ("type",)
) -> dict[str, Any]:
    """Overall and per-group means of per-question records (see :func:`score_question`).

    Returns ``{"overall": summary, "by_<key>": {value: summary}}`` for every key in ``by``.
    A summary holds ``n``/``n_answerable``/``n_unanswerable``; the mean of every numeric
    metric over the records where it is not ``None`` (booleans count as 0/1;
    ``citation_precision`` and ``quote_fidelity`` are weighted by ``n_citations``, i.e.
    shares of citations); ``refusal_recall`` (share of unanswerable questions refused) and
    ``false_refusal`` (share of answerable questions refused), ``None`` without such
    questions; and ``latency_ms``: ``{stage: {"p50", "p95"}}`` over ``timings_ms``.
    """
    records = [_with_bool_metrics(r) for r in per_question]
    keys = _metric_keys(records)
    result: dict[str, Any] = {"overall": _summary(records, keys)}
    for key in by:
        groups: dict[str, list[Mapping[str, Any]]] = {}
        for record in records:
            groups.setdefault(str(record.get(key, "")), []).append(record)
        result[f"by_{key}"] = {
            value: _summary(groups[value], keys) for value in _group_order(key, groups)
        }
    return result


def _with_bool_metrics(record: Mapping[str, Any]) -> dict[str, Any]:
    """Booleans among metric values (must_include) as 0.0/1.0 so that they average."""
    return {
        k: (float(v) if isinstance(v, bool) and k not in _FIXED_KEYS else v)
        for k, v in record.items()
    }
