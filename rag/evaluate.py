"""Run a question set through retrieval and answering, and score it (rag.metrics).

Writes ``predictions.jsonl`` (one line per question, the format of docs/eval-format.md),
``metrics.json`` (overall and per question type) and ``metrics.png`` (metrics per type)
into the output folder. Malformed lines of the question set are reported with their line
numbers; the good lines still run. Without an answerer only retrieval is scored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.errors import InvalidQueryError
from rag.metrics import Question, aggregate, load_questions, score_question
from rag.store import atomic_write_bytes

# Without an answerer the answer metrics are left out; zeros would read as failures.
_ANSWER_METRICS = ("must_include", "citation_precision", "quote_fidelity")
PLOT_METRICS = (
    "doc_recall@5",
    "evidence_recall@5",
    "must_include",
    "citation_precision",
    "quote_fidelity",
)


@dataclass
class EvalReport:
    """What an evaluation run produced."""

    metrics: dict[str, Any]
    predictions_path: Path
    metrics_path: Path
    errors: list[str]
    plot_path: Path | None = None


def retrieval_query(question: Question) -> str:
    """The text to retrieve with: a follow-up carries its last user turn along."""
    earlier = [t.content for t in question.history if t.role == "user"]
    return f"{earlier[-1]} {question.question}" if earlier else question.question


def run_eval(
    qa_path: Path,
    out_dir: Path,
    retriever: Any,
    *,
    k: int = 10,
    answerer: Any = None,
    progress: Callable[[Iterable[Question]], Iterable[Question]] = lambda xs: xs,
) -> EvalReport:
    """Answer (or, without an answerer, retrieve for) every question of ``qa_path``;
    write predictions, metrics and a plot to ``out_dir``."""
    if not Path(qa_path).is_file():
        raise InvalidQueryError(
            f"问题集 {qa_path} 不存在：请给出 JSONL 文件路径，例如 eval/qa/dev.jsonl"
        )
    questions, errors = load_questions(qa_path)
    if not questions:
        raise InvalidQueryError(
            f"问题集 {qa_path} 中没有可用的问题：" + ("；".join(errors[:5]) or "文件为空")
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {n.notice_id: n.text for n in retriever.notices.values()}
    predictions, records = [], []
    if answerer is not None:
        answerer.search_k = max(answerer.search_k, k)
    for q in progress(questions):
        try:
            if answerer is not None:
                history = [{"role": t.role, "content": t.content} for t in q.history]
                answer = answerer.ask(q.question, history)
                hits = answer.hits[:k]
                timings = dict(answer.timings_ms)
            else:
                t = time.perf_counter()
                hits = retriever.search(retrieval_query(q), k=k).hits
                timings = {"retrieve": (time.perf_counter() - t) * 1000}
        except InvalidQueryError as exc:
            # One question the library refuses (e.g. k above max_k) must not sink the run.
            errors.append(f"问题 {q.id}：{exc}")
            continue
        prediction = {
            "id": q.id,
            "hits": [
                {
                    "doc_number": h.doc_number,
                    "title": h.title,
                    "source": h.source,
                    "text": h.chunk.text,
                    "notice_id": h.chunk.notice_id,
                }
                for h in hits
            ],
            "answer": answer.text if answerer is not None else "",
            "citations": ([c.to_dict() for c in answer.citations] if answerer is not None else []),
            "refused": answer.refused if answerer is not None else False,
            "timings_ms": {stage: round(ms, 2) for stage, ms in timings.items()},
        }
        if answerer is not None:
            prediction["standalone"] = answer.standalone
            prediction["support"] = round(answer.support, 4)
            prediction["support_parts"] = answer.support_parts
            prediction["unmet"] = answer.unmet
            prediction["notes"] = answer.notes
        predictions.append(prediction)
        record = score_question(q, prediction, texts)
        if answerer is None:
            for key in _ANSWER_METRICS:
                record[key] = None
            record["refused"] = None
        records.append(record)
    metrics = aggregate(records)
    metrics["question_set"] = str(qa_path)
    metrics["index"] = getattr(retriever, "name", "")
    metrics["errors"] = errors
    metrics["generator"] = getattr(getattr(answerer, "generator", None), "id", None)
    predictions_path = out_dir / "predictions.jsonl"
    metrics_path = out_dir / "metrics.json"
    atomic_write_bytes(
        predictions_path,
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions).encode("utf-8"),
    )
    atomic_write_bytes(
        metrics_path, (json.dumps(metrics, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )
    plot_path = out_dir / "metrics.png"
    plot_metrics(metrics, plot_path)
    return EvalReport(metrics, predictions_path, metrics_path, errors, plot_path)


def plot_metrics(metrics: dict[str, Any], path: Path) -> None:
    """Grouped bars: each metric per question type, refusal recall for unanswerable ones."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    by_type = metrics.get("by_type", {})
    types = list(by_type)
    series = [m for m in PLOT_METRICS if any(by_type[t].get(m) is not None for t in types)]
    if any(by_type[t].get("refusal_recall") is not None for t in types):
        series.append("refusal_recall")  # none in a retrieval-only run
    fig, ax = plt.subplots(figsize=(max(8, 1.3 * len(types)), 4.5))
    width = 0.8 / len(series)
    for j, name in enumerate(series):
        values = [by_type[t].get(name) for t in types]
        xs = [i + (j - (len(series) - 1) / 2) * width for i in range(len(types))]
        ax.bar(xs, [v if v is not None else 0 for v in values], width, label=name)
    ax.set_xticks(range(len(types)), types, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score")
    overall = metrics.get("overall", {})
    ax.set_title(
        f"{Path(str(metrics.get('question_set', ''))).name} — "
        f"generator {metrics.get('generator') or 'none (retrieval only)'}, "
        f"must_include {_fmt(overall.get('must_include'))}, "
        f"MRR@10 {_fmt(overall.get('doc_mrr@10'))}"
    )
    ax.legend(fontsize=8, ncol=len(series), loc="upper center", bbox_to_anchor=(0.5, -0.14))
    fig.tight_layout()
    tmp = path.with_name(f".{path.name}.tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.3f}"
