"""Validity over every written half, this code against an earlier commit in one run.

    .venv/bin/python benchmarks/validity_written.py --against f6a31ef [--skip heldout116 …]

Each folder of ``eval/validity/notices/`` (``dev``, ``heldout``, ``heldout2`` …) is ingested
as one throw-away index and scored against its ``truth.jsonl`` as ``benchmarks/validity.py``
scores a written half (effective, expires, 试行, repeals / amends / implements, status as of
2021-01-01 and 2026-12-02); the counts are summed over all of them. The earlier commit is
checked out in a git worktree and scored by its own code, in a process of its own, on the
same folders. ``--skip`` leaves out halves that are still fresh (a set scored only at the
start and end of a round is not read notice by notice); ``--only`` scores those halves alone
(a fresh set's, at the end of its round). Writes benchmarks/reports/validity-written.md and
.json (``--report NAME``: NAME.md and NAME.json).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTICES = ROOT / "eval" / "validity" / "notices"
REPORTS = ROOT / "benchmarks" / "reports"
FIELDS = ("effective", "expires", "trial", "repeals", "amends", "implements")
DAYS = ("2021-01-01", "2026-12-02")


def _rows(folder: Path) -> list[dict[str, Any]]:
    """A half's truth rows, older rows' relation lists (bare targets) read as newer ones."""
    rows = []
    for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        for kind in ("repeals", "amends", "implements"):
            row[kind] = [t if isinstance(t, dict) else {"target": t} for t in row.get(kind) or []]
        rows.append(row)
    return rows


def _worker(tree: Path, halves: list[str], out: Path) -> None:
    """Score ``halves`` with the code of ``tree`` (imported from there) into ``out``."""
    sys.path[:0] = [str(tree / "benchmarks"), str(tree)]
    import validity  # the tree's own benchmark, which imports the tree's rag

    # (the notices and truth of this checkout, whatever the tree holds)
    validity.TRUTH = NOTICES.parent

    totals: dict[str, Any] = {
        "notices": 0,
        "fields": {f: {"tp": 0, "fp": 0, "fn": 0} for f in FIELDS},
        "status": dict.fromkeys(DAYS, 0),
        "halves": {},
    }
    for half in halves:
        folder = NOTICES / half
        index, keyed = validity.written_set(f"notices-{half}", _rows(folder))
        summary = validity.score(keyed, index)
        n = summary["notices"]
        totals["notices"] += n
        for field in FIELDS:
            for key in ("tp", "fp", "fn"):
                totals["fields"][field][key] += summary["fields"][field][key]
        right = {}
        for day, share in summary["status_accuracy"].items():
            right[day] = round((share or 0.0) * n)
            totals["status"][day] += right[day]
        totals["halves"][half] = {"notices": n, "status": right}
    out.write_text(json.dumps(totals, ensure_ascii=False), encoding="utf-8")


def _score(tree: Path, halves: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="rag-validity-written-") as tmp:
        out = Path(tmp) / "out.json"
        env = {**os.environ, "PYTHONPATH": str(tree)}
        subprocess.run(
            [sys.executable, __file__, "--worker", str(tree), str(out), *halves],
            check=True,
            env=env,
        )
        return json.loads(out.read_text(encoding="utf-8"))


def _pr(c: dict[str, int]) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else None
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else None
    fmt = lambda x: "—" if x is None else f"{x:.3f}"  # noqa: E731
    return f"{fmt(p)} / {fmt(r)} ({c['tp']} / {c['fp']} / {c['fn']})"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        _worker(Path(sys.argv[2]), sys.argv[4:], Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", required=True, help="the earlier commit (any git ref)")
    parser.add_argument("--skip", nargs="*", default=[], help="halves left out (fresh ones)")
    parser.add_argument("--only", nargs="*", default=[], help="these halves alone")
    parser.add_argument(
        "--report", default="validity-written", help="report name under benchmarks/reports/"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from checkout import worktree
    from machine import describe, markdown_line

    halves = sorted(
        (p.name for p in NOTICES.iterdir() if (p / "truth.jsonl").is_file()),
        key=lambda h: (h.rstrip("0123456789"), int(h[len(h.rstrip("0123456789")) :] or 0)),
    )
    halves = [h for h in halves if h not in set(args.skip) and (not args.only or h in args.only)]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    with worktree(args.against, ROOT) as tree:
        before = _score(tree, halves)
    after = _score(ROOT, halves)
    results = {
        "machine": describe(),
        "against": args.against,
        "commit": commit,
        "skipped": args.skip,
        "before": before,
        "after": after,
    }
    n = after["notices"]
    lines = [
        "# Validity over every written half, against an earlier commit",
        "",
        f"`python benchmarks/validity_written.py --against {args.against}"
        + (f" --skip {' '.join(args.skip)}" if args.skip else "")
        + (f" --only {' '.join(args.only)}" if args.only else "")
        + (f" --report {args.report}`" if args.report != "validity-written" else "`")
        + f": {len(halves)} halves of `eval/validity/notices/`, {n} notices, each half "
        f"ingested as one index and scored against its `truth.jsonl`; {args.against} and this "
        f"code ({commit}) in one run. Cells: precision / recall (tp / fp / fn).",
        "",
        markdown_line(results["machine"]),
        "",
        f"| field | {args.against} | {commit} |",
        "|---|---|---|",
    ]
    for field in FIELDS:
        lines.append(
            f"| {field} | {_pr(before['fields'][field])} | {_pr(after['fields'][field])} |"
        )
    for day in DAYS:
        b, a = before["status"][day], after["status"][day]
        lines.append(f"| status as of {day} | {b} / {n} ({b / n:.3f}) | {a} / {n} ({a / n:.3f}) |")
    changed = [
        (h, before["halves"][h]["status"]["2026-12-02"], after["halves"][h]["status"]["2026-12-02"])
        for h in halves
        if before["halves"][h]["status"] != after["halves"][h]["status"]
    ]
    if changed:
        lines += [
            "",
            "Halves whose statuses changed (right as of 2026-12-02, before → after): "
            + ", ".join(f"{h} {b} → {a}" for h, b, a in changed)
            + ".",
        ]
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{args.report}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (REPORTS / f"{args.report}.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
