"""Calibration of abstention: when the answerer refuses, on the dev and held-out sets.

    .venv/bin/python benchmarks/refusal.py [--qa eval/qa/dev.jsonl]
        [--heldout eval/qa/heldout.jsonl] [--index default]

Support is word coverage plus a dense term, ``words + weight × (top cosine − center)``,
and a question is refused below ``refusal_threshold`` (rag/answer.py, DENSE_SUPPORT). This
asks every question once, records the two parts of its support, and sweeps the weight and
the threshold: refusal recall (unanswerable questions refused) against false refusal
(answerable ones refused) on each set. The weight and threshold are chosen on dev; the
held-out columns show whether the choice carries over. A question that names a 文号 has a
fixed support (1 when the index holds the notice, 0 when it does not): it counts in the
rates, as in `rag eval`, but is not plotted.
Writes benchmarks/reports/refusal.md, refusal.json and refusal.png.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "benchmarks" / "reports"
sys.path.insert(0, str(ROOT))

WEIGHTS = (0.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0)
THRESHOLDS = (0.15, 0.20, 0.25, 0.30, 0.35)
TARGET_RECALL = 0.90
TARGET_FALSE = 0.05


def _points(qa: Path, answerer: Any) -> list[dict[str, Any]]:
    """(words, dense, answerable) of every question; ``fixed`` is the support of one that
    names a 文号 (or has no dense score), which no weight or threshold changes."""
    from rag.evaluate import run_eval
    from rag.metrics import load_questions

    questions, _ = load_questions(qa)
    answerable = {q.id: q.answerable for q in questions}
    with tempfile.TemporaryDirectory() as tmp:
        report = run_eval(qa, Path(tmp), answerer.retriever, answerer=answerer)
        lines = report.predictions_path.read_text(encoding="utf-8").splitlines()
    points = []
    for line in lines:
        p = json.loads(line)
        parts = p.get("support_parts") or {}
        named = parts.get("named_docno")
        points.append(
            {
                "id": p["id"],
                "words": parts.get("words", p["support"]),
                "dense": parts.get("dense"),
                "answerable": answerable[p["id"]],
                "fixed": float(named) if named is not None else None,
            }
        )
    return points


def _rates(
    points: list[dict[str, Any]], center: float, weight: float, threshold: float
) -> tuple[float, float]:
    from rag.answer import combine_support

    def refused(p: dict[str, Any]) -> bool:
        if p["fixed"] is not None:
            return bool(p["fixed"] < threshold)
        return combine_support(p["words"], p["dense"], (center, weight)) < threshold

    un = [p for p in points if not p["answerable"]]
    an = [p for p in points if p["answerable"]]
    recall = sum(map(refused, un)) / len(un) if un else 0.0
    false = sum(map(refused, an)) / len(an) if an else 0.0
    return recall, false


def _plot(
    sets: dict[str, list[dict[str, Any]]],
    center: float,
    weight: float,
    threshold: float,
    path: Path,
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5))
    styles = {
        ("dev", True): dict(marker="o", color="C0", label="dev, answerable"),
        ("dev", False): dict(marker="X", color="C3", label="dev, unanswerable"),
        ("held-out", True): dict(marker="o", facecolors="none", edgecolors="C0"),
        ("held-out", False): dict(marker="X", facecolors="none", edgecolors="C3"),
    }
    for name, points in sets.items():
        for answerable in (True, False):
            chosen = [
                p
                for p in points
                if p["answerable"] is answerable and p["fixed"] is None and p["dense"] is not None
            ]
            style = dict(styles[(name, answerable)])
            style.setdefault("label", f"{name}, {'answerable' if answerable else 'unanswerable'}")
            ax.scatter([p["dense"] for p in chosen], [p["words"] for p in chosen], s=28, **style)
    xs = [p["dense"] for points in sets.values() for p in points if p["dense"] is not None]
    lo, hi = min(xs) - 0.005, max(xs) + 0.005
    # Refused below the line words = threshold − weight × (cosine − center).
    ax.plot(
        [lo, hi],
        [threshold - weight * (lo - center), threshold - weight * (hi - center)],
        "k--",
        label=f"refusal line: weight {weight:g}, center {center:g}, threshold {threshold:g}",
    )
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("top passage cosine (e5)")
    ax.set_ylabel("word support (idf share of question words in best passage)")
    ax.set_title("support of each question; below the line = refused")
    ax.legend(fontsize=7, loc="center left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=ROOT / "eval" / "qa" / "dev.jsonl")
    parser.add_argument("--heldout", type=Path, default=ROOT / "eval" / "qa" / "heldout.jsonl")
    parser.add_argument("--index", default=None)
    args = parser.parse_args()

    from rag.answer import Answerer
    from rag.config import load_settings

    settings = load_settings()
    answerer = Answerer.open(args.index, settings)
    if answerer.calibration is None:
        sys.exit(
            f"{answerer.retriever.embedder.id} has no dense calibration in DENSE_SUPPORT: "
            "support is word coverage alone"
        )
    center, configured = answerer.calibration
    threshold = settings.refusal_threshold
    sets = {"dev": _points(args.qa, answerer)}
    if args.heldout.is_file():
        sets["held-out"] = _points(args.heldout, answerer)

    rows = []
    for weight in WEIGHTS:
        for t in THRESHOLDS:
            row: dict[str, Any] = {"weight": weight, "threshold": t}
            for name, points in sets.items():
                row[name] = dict(
                    zip(
                        ("refusal_recall", "false_refusal"),
                        _rates(points, center, weight, t),
                        strict=True,
                    )
                )
            rows.append(row)

    REPORTS.mkdir(parents=True, exist_ok=True)
    data = {
        "embedder": answerer.retriever.embedder.id,
        "center": center,
        "weight": configured,
        "refusal_threshold": threshold,
        "points": sets,
        "sweep": rows,
    }
    (REPORTS / "refusal.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _plot(sets, center, configured, threshold, REPORTS / "refusal.png")

    names = list(sets)
    counts = ", ".join(
        f"{name}: {sum(not p['answerable'] for p in pts)} unanswerable / "
        f"{sum(p['answerable'] for p in pts)} answerable"
        for name, pts in sets.items()
    )
    lines = [
        "# Refusal calibration",
        "",
        f"`python benchmarks/refusal.py`, index `{answerer.retriever.name}` built with "
        f"`{data['embedder']}`. Support = words + weight × (top cosine − {center:g}); refused "
        f"below the threshold. Configured: weight **{configured:g}**, threshold "
        f"**{threshold:g}**. Questions: {counts}; those naming a 文号 have a fixed support.",
        "",
        f"Each cell: refusal recall / false refusal. ✓ = dev meets recall ≥ {TARGET_RECALL} "
        f"with false refusal ≤ {TARGET_FALSE}; **bold** = configured.",
        "",
        "| weight | threshold | " + " | ".join(names) + " | |",
        "|---|---|" + "---|" * len(names) + "---|",
    ]
    for row in rows:
        cells = [f"{row[n]['refusal_recall']:.2f} / {row[n]['false_refusal']:.3f}" for n in names]
        dev = row["dev"]
        ok = dev["refusal_recall"] >= TARGET_RECALL and dev["false_refusal"] <= TARGET_FALSE
        mine = row["weight"] == configured and abs(row["threshold"] - threshold) < 1e-9
        w, t = f"{row['weight']:g}", f"{row['threshold']:.2f}"
        if mine:
            w, t, cells = f"**{w}**", f"**{t}**", [f"**{c}**" for c in cells]
        lines.append(f"| {w} | {t} | " + " | ".join(cells) + f" | {'✓' if ok else ''} |")
    lines += ["", "![refusal](refusal.png)", ""]
    (REPORTS / "refusal.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
