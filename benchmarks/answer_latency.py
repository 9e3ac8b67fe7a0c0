"""Warm `ask` latency of this answerer against an earlier commit's, paired in one run.

    .venv/bin/python benchmarks/answer_latency.py --against bba40d9 [--qa eval/qa/dev.jsonl …]
        [--rounds 2]

The earlier commit is checked out into a temporary git worktree that reads this checkout's
`index/`. Each round runs the earlier answerer and then this one, each in a fresh process
that answers every question once to warm up and then times a second pass; alternating the
two within a round is what pairs them on a shared machine, and the order alternates between
rounds (the earlier code first in odd rounds, this code first in even ones), so that neither
always runs second. Writes
benchmarks/reports/answer_latency.md and answer_latency.json (p50 / p95 per process, and
the ratios this / earlier per round).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkout import worktree  # noqa: E402
from machine import describe, markdown_line  # noqa: E402

# What each timed process runs: the answerer of the code on its sys.path, warm, twice over.
_TIMER = """
import json, sys, time
from rag.answer import Answerer
questions = []
for name in sys.argv[1:]:
    for line in open(name, encoding="utf-8"):
        q = json.loads(line)
        questions.append((q["question"], q.get("history")))
answerer = Answerer.open()
for question, history in questions:
    answerer.ask(question, history)
times = []
for question, history in questions:
    start = time.perf_counter()
    answerer.ask(question, history)
    times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({"n": len(times), "p50": times[len(times) // 2],
                  "p95": times[min(len(times) - 1, int(len(times) * 0.95))]}))
"""


def _time(code_root: Path, qa: list[Path]) -> dict[str, float]:
    """Warm p50 / p95 of the answerer whose package lies in ``code_root``."""
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, *map(str, qa)],
        cwd=code_root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", required=True, help="the earlier commit (any git ref)")
    parser.add_argument(
        "--qa",
        nargs="+",
        type=Path,
        default=[ROOT / "eval/qa/dev.jsonl", ROOT / "eval/qa/blind4.jsonl"],
    )
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    qa = [p.resolve() for p in args.qa]
    rounds: list[dict[str, Any]] = []
    with worktree(args.against, ROOT) as tree:
        index = tree / "index"
        if index.is_dir() and not index.is_symlink():
            subprocess.run(["rm", "-rf", str(index)], check=True)
        index.symlink_to(ROOT / "index")
        for k in range(args.rounds):
            # The order alternates, so that neither code always runs second on a shared
            # machine whose load drifts within a round.
            if k % 2 == 0:
                earlier = _time(tree, qa)
                this = _time(ROOT, qa)
            else:
                this = _time(ROOT, qa)
                earlier = _time(tree, qa)
            rounds.append(
                {
                    "round": k + 1,
                    "earlier": earlier,
                    "this": this,
                    "p50_ratio": this["p50"] / earlier["p50"],
                    "p95_ratio": this["p95"] / earlier["p95"],
                }
            )
            print(json.dumps(rounds[-1]))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    results = {
        "machine": describe(),
        "against": args.against,
        "this": commit,
        "qa": [str(p.relative_to(ROOT)) for p in qa],
        "rounds": rounds,
    }
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "answer_latency.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    n = rounds[0]["this"]["n"] if rounds else 0
    lines = [
        "# Warm `ask` latency against an earlier answerer, paired",
        "",
        f"`python benchmarks/answer_latency.py --against {args.against}`: {n} questions "
        f"({', '.join(results['qa'])}), this code ({commit}) against {args.against}, each "
        "in a fresh process that answers every question once to warm up and times a second "
        "pass; the two alternate within each round, the earlier first in odd rounds and this "
        "code first in even ones.",
        "",
        markdown_line(results["machine"]),
        "",
        "| round | earlier p50 / p95 ms | this p50 / p95 ms | ratio p50 | ratio p95 |",
        "|---|---|---|---|---|",
    ]
    for r in rounds:
        e, t = r["earlier"], r["this"]
        lines.append(
            f"| {r['round']} | {e['p50']:.1f} / {e['p95']:.1f} | {t['p50']:.1f} / {t['p95']:.1f}"
            f" | ×{r['p50_ratio']:.2f} | ×{r['p95_ratio']:.2f} |"
        )
    (REPORTS / "answer_latency.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
