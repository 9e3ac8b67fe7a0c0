"""Run a question set through retrieval and score it (metrics defined in rag.metrics).

Writes ``predictions.jsonl`` (one line per question, the format of EVAL_FORMAT.md) and
``metrics.json`` (overall and per question type) into the output folder. Malformed lines
of the question set are reported with their line numbers; the good lines still run.
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

# Answer metrics are left out until an answerer runs; zeros would read as failures.
_ANSWER_METRICS = ("must_include", "citation_precision", "quote_fidelity")


@dataclass
class EvalReport:
    """What an evaluation run produced."""

    metrics: dict[str, Any]
    predictions_path: Path
    metrics_path: Path
    errors: list[str]


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
    progress: Callable[[Iterable[Question]], Iterable[Question]] = lambda xs: xs,
) -> EvalReport:
    """Retrieve for every question of ``qa_path``, write predictions and metrics to ``out_dir``."""
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
    for q in progress(questions):
        t = time.perf_counter()
        result = retriever.search(retrieval_query(q), k=k)
        elapsed = (time.perf_counter() - t) * 1000
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
                for h in result.hits
            ],
            "answer": "",
            "citations": [],
            "refused": False,
            "timings_ms": {"retrieve": round(elapsed, 2)},
        }
        predictions.append(prediction)
        record = score_question(q, prediction, texts)
        for key in _ANSWER_METRICS:
            record[key] = None
        record["refused"] = None
        records.append(record)
    metrics = aggregate(records)
    metrics["question_set"] = str(qa_path)
    metrics["index"] = getattr(retriever, "name", "")
    metrics["errors"] = errors
    predictions_path = out_dir / "predictions.jsonl"
    metrics_path = out_dir / "metrics.json"
    atomic_write_bytes(
        predictions_path,
        "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions).encode("utf-8"),
    )
    atomic_write_bytes(
        metrics_path, (json.dumps(metrics, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )
    return EvalReport(metrics, predictions_path, metrics_path, errors)
