"""Choosing the answer stage's parameters (rag/answer/params.py) by cross-validation.

    .venv/bin/python benchmarks/params.py [--qa eval/qa/dev.jsonl eval/qa/dev-nearmiss.jsonl]
        [--heldout eval/qa/heldout.jsonl] [--folds 5] [--index default]

The parameters of ``AnswerParams`` are chosen together, on every question set that may be
tuned on, by k-fold cross-validation: the questions are split into folds by a hash of their
id; for each fold the grid point with the best score on the other folds is scored on it.
The cross-validated score of that procedure is reported beside the score of the defaults
(the same folds, the same run), and the point chosen on all tuning questions is what the
defaults should be. A question scores 1 when answered with every ``must_include`` string
(answerable) or refused (unanswerable), else 0: the share of questions a user gets right.

The wording rules (``negation_terms``, ``faq_reply``, ``exceptions``, ``section_body``),
each first written for one dev question, are ablated one at a time: a rule stays only if
turning it off loses on questions it was not written for (every tuning set but ``dev``, and the
held-out set, whose labels choose nothing else). Retrieval runs once per question; the grid
varies only what happens after it. Writes benchmarks/reports/params.md and params.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402  (benchmarks/ is on sys.path)

GRID = {
    "semantic": (0.0, 0.05, 0.1, 0.2, 0.4),
    "keep": (0.4, 0.5, 0.6),
    "rank_decay": (0.25, 0.5, 1.0),
    "type_bonus": (0.2, 0.4),
}
RULES = ("negation_terms", "faq_reply", "exceptions", "section_body")


class CachedSearch:
    """A retriever whose searches are remembered: every grid point sees the same hits."""

    def __init__(self, retriever: Any) -> None:
        self._retriever = retriever
        self._seen: dict[tuple[Any, ...], Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._retriever, name)

    def search(self, query: str, k: int = 10, filters: Any = None, *, fusion: Any = None) -> Any:
        key = (query, k, repr(filters), fusion)
        if key not in self._seen:
            self._seen[key] = self._retriever.search(query, k=k, filters=filters, fusion=fusion)
        return self._seen[key]


def _questions(paths: Sequence[Path]) -> list[tuple[str, Any]]:
    from rag.metrics import load_questions

    out = []
    for path in paths:
        questions, _ = load_questions(path)
        out.extend((path.stem, q) for q in questions)
    return out


def _score_all(answerer: Any, questions: Sequence[tuple[str, Any]]) -> list[int]:
    from rag.metrics import must_include_ok

    scores = []
    for _, q in questions:
        history = [{"role": t.role, "content": t.content} for t in q.history]
        answer = answerer.ask(q.question, history)
        if q.answerable:
            scores.append(int(not answer.refused and must_include_ok(answer.text, q.must_include)))
        else:
            scores.append(int(answer.refused))
    return scores


def _fold(qid: str, folds: int) -> int:
    return zlib.crc32(qid.encode("utf-8")) % folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--qa",
        type=Path,
        nargs="+",
        default=[ROOT / "eval" / "qa" / "dev.jsonl", ROOT / "eval" / "qa" / "dev-nearmiss.jsonl"],
    )
    parser.add_argument("--heldout", type=Path, default=ROOT / "eval" / "qa" / "heldout.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--index", default=None)
    args = parser.parse_args()

    from tqdm import tqdm

    from rag.answer import Answerer
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.params import DEFAULT_PARAMS, AnswerParams
    from rag.config import load_settings
    from rag.retrieve import Retriever

    settings = load_settings()
    retriever = CachedSearch(Retriever.open(args.index, settings))
    answerer = Answerer(retriever, settings)  # type: ignore[arg-type]
    tuning = _questions(args.qa)
    heldout = _questions([args.heldout]) if args.heldout.is_file() else []

    def run(params: AnswerParams, questions: Sequence[tuple[str, Any]]) -> list[int]:
        answerer.params = params
        answerer.extractive = ExtractiveGenerator(
            answerer.weights, params, sentences=answerer.extractive.sentences
        )
        answerer.generator = answerer.extractive
        return _score_all(answerer, questions)

    # Ties go to the defaults: a grid point must score higher to replace them.
    defaults = DEFAULT_PARAMS
    points = [
        dataclasses.replace(DEFAULT_PARAMS, **dict(zip(GRID, values, strict=True)))
        for values in itertools.product(*GRID.values())
    ]
    scores: dict[int, list[int]] = {}
    for i, params in enumerate(tqdm(points, desc="网格", unit="组", file=sys.stderr)):
        scores[i] = run(params, tuning)
    default_scores = run(DEFAULT_PARAMS, tuning)

    ids = [q.id for _, q in tuning]
    fold_of = [_fold(qid, args.folds) for qid in ids]
    cv_chosen, cv_default, per_fold = 0, 0, []
    for f in range(args.folds):
        train = [j for j, g in enumerate(fold_of) if g != f]
        test = [j for j, g in enumerate(fold_of) if g == f]
        best = max(
            scores, key=lambda i: (sum(scores[i][j] for j in train), points[i] == defaults, -i)
        )
        got = sum(scores[best][j] for j in test)
        base = sum(default_scores[j] for j in test)
        cv_chosen += got
        cv_default += base
        per_fold.append(
            {
                "fold": f,
                "questions": len(test),
                "chosen": {k: getattr(points[best], k) for k in GRID},
                "chosen_score": got / len(test) if test else None,
                "default_score": base / len(test) if test else None,
            }
        )
    overall = max(scores, key=lambda i: (sum(scores[i]), points[i] == defaults, -i))
    chosen = points[overall]

    # Ablation of the wording rules on the questions they were not written for.
    not_written_for = [q for q in tuning if q[0] != "dev"] + heldout
    ablation = []
    dev_only = [q for q in tuning if q[0] == "dev"]
    for rule in RULES:
        flipped = dataclasses.replace(chosen, **{rule: not getattr(chosen, rule)})
        on, off = (chosen, flipped) if getattr(chosen, rule) else (flipped, chosen)
        ablation.append(
            {
                "rule": rule,
                "default": getattr(chosen, rule),
                "on_not_written_for": sum(run(on, not_written_for)),
                "off_not_written_for": sum(run(off, not_written_for)),
                "on_dev": sum(run(on, dev_only)),
                "off_dev": sum(run(off, dev_only)),
            }
        )
    heldout_default = sum(run(DEFAULT_PARAMS, heldout)) if heldout else None
    heldout_chosen = sum(run(chosen, heldout)) if heldout else None

    n = len(tuning)
    data = {
        "machine": describe(),
        "tuning_sets": [str(p.resolve().relative_to(ROOT)) for p in args.qa],
        "questions": n,
        "folds": args.folds,
        "grid": GRID,
        "defaults": dataclasses.asdict(DEFAULT_PARAMS),
        "cv_score_chosen": cv_chosen / n,
        "cv_score_defaults": cv_default / n,
        "per_fold": per_fold,
        "chosen_on_all": {k: getattr(chosen, k) for k in GRID},
        "chosen_on_all_score": sum(scores[overall]) / n,
        "defaults_score": sum(default_scores) / n,
        "ablation": ablation,
        "heldout": {
            "questions": len(heldout),
            "defaults": heldout_default / len(heldout) if heldout else None,
            "chosen": heldout_chosen / len(heldout) if heldout else None,
        },
    }
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "params.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [
        "# Answer parameters by cross-validation",
        "",
        f"`python benchmarks/params.py`: {n} tuning questions ("
        + " + ".join(f"`{p.name}`" for p in args.qa)
        + f"), {args.folds} folds by a hash of the question id, grid of {len(points)} points "
        "over " + ", ".join(f"`{k}` {list(v)}" for k, v in GRID.items()) + ". Score: share "
        "of questions answered with every must_include string (answerable) or refused "
        "(unanswerable).",
        "",
        markdown_line(),
        "",
        "| | score |",
        "|---|---|",
        f"| cross-validated: point chosen on the other folds, scored on each fold | "
        f"**{cv_chosen / n:.3f}** |",
        f"| the defaults (`AnswerParams()`), same folds | {cv_default / n:.3f} "
        f"(ratio chosen / defaults {cv_chosen / max(cv_default, 1):.3f}) |",
        f"| point chosen on all tuning questions (in-sample) | {sum(scores[overall]) / n:.3f} |",
        "",
        "Chosen on all tuning questions: "
        + ", ".join(f"`{k}` = {getattr(chosen, k)}" for k in GRID)
        + "; defaults: "
        + ", ".join(f"`{k}` = {getattr(DEFAULT_PARAMS, k)}" for k in GRID)
        + ".",
        "",
        "| fold | questions | chosen on the other folds | fold score | defaults |",
        "|---|---|---|---|---|",
    ]
    for row in per_fold:
        chosen_text = ", ".join(f"{k} {v}" for k, v in row["chosen"].items())
        lines.append(
            f"| {row['fold']} | {row['questions']} | {chosen_text} | "
            f"{row['chosen_score']:.3f} | {row['default_score']:.3f} |"
        )
    lines += [
        "",
        "## Wording rules",
        "",
        f"Each rule on and off at the chosen point; questions right out of "
        f"{len(not_written_for)} it was not written for (every tuning set but dev, and the "
        f"held-out set) and out of "
        f"{sum(1 for q in tuning if q[0] == 'dev')} dev questions.",
        "",
        "| rule | not written for: on / off | dev: on / off | helps where not written for? "
        "| default |",
        "|---|---|---|---|---|",
    ]
    for row in ablation:
        helps = "yes" if row["on_not_written_for"] > row["off_not_written_for"] else "no"
        lines.append(
            f"| `{row['rule']}` | {row['on_not_written_for']} / {row['off_not_written_for']} | "
            f"{row['on_dev']} / {row['off_dev']} | {helps} | {'on' if row['default'] else 'off'} |"
        )
    if heldout:
        lines += [
            "",
            f"Held-out ({len(heldout)} questions, nothing chosen on them): defaults "
            f"{heldout_default / len(heldout):.3f}, point chosen on all tuning questions "
            f"{heldout_chosen / len(heldout):.3f}.",
        ]
    (REPORTS / "params.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
