"""Choosing ``AnswerParams.place_margin`` by cross-validation over question sets.

    .venv/bin/python benchmarks/place_margin.py [--set eval/qa/dev.jsonl=default ...]

A question refused for low support that asks of one place (a province named, or a city or
district of it) is heard again when that place's notices hold the index's best match for
it: its low cosine then may not lower support (rag/answer/answerer.py, ``_support``). How
far the place's best passage may trail the index's best and still count as "the place's
own" is ``place_margin``, in units of the index's null spread (rag/calibration.py), so that
it reads the same under any embedder.

Every question of every set is asked once with the rule on at any distance, which records
each low-support question's distance (``support_parts.place_behind``); the questions the
rule changed are asked again with it off. A margin ``m`` then changes exactly those at a
distance ≤ ``m``: its outcome on every set follows without asking again. The margin is
chosen leave-one-set-out: for each set, the grid point with the best score on the other
sets (answers right gained, less twice the near-miss refusals lost; ties to the smaller
margin) is scored on it. The report gives that held-out total, the margin each fold chose
and the margin chosen on all sets. Writes benchmarks/reports/place_margin.md and .json.

A set is ``PATH=INDEX`` (an index built by ``rag index`` or benchmarks/validity_corpus.py);
without ``--set`` the bundled sets run over the default index.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402  (benchmarks/ is on sys.path)

GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0)
DEFAULT_SETS = ("dev", "dev-nearmiss", "heldout", "blind")
# A near-miss question answered costs this many right answers.
LOST_REFUSAL_COST = 2


@dataclasses.dataclass(frozen=True)
class Change:
    """A question whose outcome the rule changed: its set, id, distance (null spreads) and
    what changed: answers right (+1/−1/0), near-miss refusals kept (−1 when lost)."""

    set: str
    qid: str
    behind: float
    right: int
    refusal: int


def _right(question: Any, answer: Any) -> bool:
    from rag.metrics import must_include_ok

    if not question.gold:
        return bool(answer.refused)
    return not answer.refused and must_include_ok(answer.text, question.must_include)


def measure(sets: list[tuple[str, Path, str]]) -> tuple[list[Change], dict[str, int]]:
    """Ask every question with the rule on at any distance, then those it changed with it
    off. Returns the changes and each set's question count."""
    from tqdm import tqdm

    from rag.answer import Answerer, AnswerParams
    from rag.config import load_settings
    from rag.metrics import load_questions
    from rag.retrieve import Retriever

    settings = load_settings()
    changes: list[Change] = []
    sizes: dict[str, int] = {}
    opened: dict[str, Any] = {}
    for name, path, index in sets:
        if index not in opened:
            opened[index] = Retriever.open(index, settings)
        retriever = opened[index]
        on = Answerer(retriever, settings, params=AnswerParams(place_margin=float("inf")))
        off = Answerer(retriever, settings, params=AnswerParams(place_margin=-1.0))
        questions, _ = load_questions(path)
        sizes[name] = len(questions)
        for q in tqdm(questions, desc=name, unit="问"):
            history = [{"role": t.role, "content": t.content} for t in q.history]
            lifted = on.ask(q.question, history)
            behind = lifted.support_parts.get("place_behind")
            if behind is None:
                continue
            plain = off.ask(q.question, history)
            if plain.refused == lifted.refused and (plain.refused or plain.text == lifted.text):
                continue
            right = int(_right(q, lifted)) - int(_right(q, plain))
            refusal = 0 if q.gold else int(lifted.refused) - int(plain.refused)
            changes.append(Change(name, q.id, float(behind), right if q.gold else 0, refusal))
    for retriever in opened.values():
        retriever.close()
    return changes, sizes


def outcome(changes: list[Change], margin: float) -> tuple[int, int]:
    """Answers right gained and near-miss refusals lost at ``margin``."""
    on = [c for c in changes if c.behind <= margin]
    return sum(c.right for c in on), -sum(c.refusal for c in on)


def chosen(changes: list[Change]) -> float:
    def score(m: float) -> tuple[int, float]:
        right, lost = outcome(changes, m)
        return right - LOST_REFUSAL_COST * lost, -m

    return max(GRID, key=score)


def cross_validate(changes: list[Change], names: list[str]) -> dict[str, Any]:
    folds = []
    for held in names:
        margin = chosen([c for c in changes if c.set != held])
        right, lost = outcome([c for c in changes if c.set == held], margin)
        folds.append({"set": held, "margin": margin, "right": right, "lost": lost})
    return {
        "folds": folds,
        "right": sum(f["right"] for f in folds),
        "lost": sum(f["lost"] for f in folds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], help="PATH=INDEX (repeatable)")
    parser.add_argument("--out", type=Path, default=REPORTS)
    args = parser.parse_args(argv)
    specs = args.set or [f"eval/qa/{s}.jsonl=default" for s in DEFAULT_SETS]
    sets = []
    for spec in specs:
        path, _, index = spec.partition("=")
        sets.append((Path(path).stem, Path(path), index or "default"))
    changes, sizes = measure(sets)
    names = [name for name, _, _ in sets]
    cv = cross_validate(changes, names)
    sweep = []
    for m in GRID:
        right, lost = outcome(changes, m)
        sweep.append({"margin": m, "right": right, "lost": lost})
    best = chosen(changes)
    report = {
        "machine": describe(),
        "sets": sizes,
        "changes": [dataclasses.asdict(c) for c in changes],
        "sweep": sweep,
        "cross_validation": cv,
        "chosen": best,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "place_margin.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    margins = ", ".join(sorted({f"{f['margin']:g}" for f in cv["folds"]}))
    lines = [
        "# place_margin: how far a place's best match may trail the index's",
        "",
        markdown_line(),
        "",
        f"`python benchmarks/place_margin.py {' '.join('--set ' + s for s in specs)}`",
        "",
        f"{sum(sizes.values())} questions in {len(sizes)} sets; the rule changed "
        f"{len(changes)} of them at some distance.",
        "",
        "| margin (null spreads) | answers right gained | near-miss refusals lost |",
        "|---|---|---|",
        *(f"| {r['margin']:g} | {r['right']:+d} | {r['lost']} |" for r in sweep),
        "",
        f"A margin scores the answers right it gains less {LOST_REFUSAL_COST} × the near-miss "
        "refusals it loses; ties go to the smaller margin.",
        "",
        f"Leave-one-set-out: each set scored at the margin the other sets chose gains "
        f"{cv['right']:+d} answers right and loses {cv['lost']} near-miss refusals. Margins "
        f"chosen: {margins}. Chosen on all sets: **{best:g}**.",
        "",
    ]
    (args.out / "place_margin.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
