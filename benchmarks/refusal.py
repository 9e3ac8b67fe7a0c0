"""Calibration of abstention: when the answerer refuses, on the dev and held-out sets.

    .venv/bin/python benchmarks/refusal.py [--qa eval/qa/dev.jsonl eval/qa/dev-nearmiss.jsonl]
        [--heldout eval/qa/heldout.jsonl] [--index default]

Support is word coverage plus a dense term read against the index's own null similarity,
``words + weight × (top cosine − mean) / spread`` (rag/answer/support.py; mean and spread
measured by ``rag index``, rag/calibration.py), and a question is refused below
``refusal_threshold``, or when its evidence misses what the question pins down (the
constraint check, rag/answer/constraints.py, which no threshold changes). This asks every
question once, records the parts of its support and whether the constraint check refused
it, and sweeps the weight (``AnswerParams.support_weight``) and the threshold: refusal
recall (unanswerable questions refused) against false refusal (answerable ones refused).

How the threshold is chosen, for each weight: the dev labels decide the thresholds where
dev meets the targets (refusal recall and false refusal); among them the threshold goes
where it is farthest from every question's support in every set, labels unused. That
distance (the margin) is what keeps decisions stable on other machines: the word part of
support is exact arithmetic on text, but a cosine moves in its 4th decimal between CPUs
(and the bundled engine's int8 activations amplify that), and the dense term multiplies it
by weight / spread. The margin × spread / weight is the cosine shift a decision survives.
The held-out labels are never used; its questions only count as positions to keep clear of.

A question that names a 文号 has a fixed support (1 when the index holds the notice, 0
when it does not): it counts in the rates, as in `rag eval`, but is not plotted and sets
no margin. Writes benchmarks/reports/refusal.md, refusal.json and refusal.png.
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

from machine import describe, markdown_line  # noqa: E402  (benchmarks/ is on sys.path)

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.8)
THRESHOLDS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40)
TARGET_RECALL = 0.90
TARGET_FALSE = 0.05
STEP = 0.0005  # grid of thresholds searched for the widest margin


def _points(qa: Path, answerer: Any) -> list[dict[str, Any]]:
    """(words, dense, answerable) of every question; ``fixed`` is the support of one that
    names a 文号 (or has no dense score), which no weight or threshold changes; ``blocked``:
    refused whatever the support (the constraint check, or no sentence to quote). The
    answerer asked runs at threshold 0, so that only those refuse."""
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
                # True or "mentioned" (passages quote it): 1; False (held nowhere): 0.
                "fixed": None if named is None else (0.0 if named is False else 1.0),
                "blocked": bool(p["refused"]) and named is None,
            }
        )
    return points


def _support(p: dict[str, Any], null: tuple[float, float], weight: float) -> float:
    from rag.answer import combine_support

    if p["fixed"] is not None:
        return float(p["fixed"])
    return combine_support(p["words"], p["dense"], null, weight)


def _rates(
    points: list[dict[str, Any]], null: tuple[float, float], weight: float, threshold: float
) -> tuple[float, float]:
    def refused(p: dict[str, Any]) -> bool:
        return p["blocked"] or _support(p, null, weight) < threshold

    un = [p for p in points if not p["answerable"]]
    an = [p for p in points if p["answerable"]]
    recall = sum(map(refused, un)) / len(un) if un else 0.0
    false = sum(map(refused, an)) / len(an) if an else 0.0
    return recall, false


def margin(
    points: list[dict[str, Any]], null: tuple[float, float], weight: float, threshold: float
) -> float:
    """Distance from ``threshold`` to the nearest support that a cosine moves and that the
    threshold decides (labels unused): a question the constraint check refuses is refused
    whatever its support."""
    moving = [_support(p, null, weight) for p in points if p["fixed"] is None and not p["blocked"]]
    return min((abs(s - threshold) for s in moving), default=1.0)


def choose_threshold(
    dev: list[dict[str, Any]],
    everything: list[dict[str, Any]],
    null: tuple[float, float],
    weight: float,
) -> dict[str, Any] | None:
    """The threshold for ``weight``: among the thresholds where dev meets the targets, the
    one farthest from every question's support over ``everything`` (labels unused there).
    Meeting the targets is enough; squeezing the last dev question into the best recall
    would leave the threshold where float noise or one new question decides."""
    grid = [round(i * STEP, 6) for i in range(1, int(1 / STEP))]
    feasible = []
    for t in grid:
        recall, false = _rates(dev, null, weight, t)
        if recall >= TARGET_RECALL and false <= TARGET_FALSE:
            feasible.append(t)
    if not feasible:
        return None
    t = max(feasible, key=lambda x: (margin(everything, null, weight, x), -x))
    recall, false = _rates(dev, null, weight, t)
    m = margin(everything, null, weight, t)
    lo = hi = feasible.index(t)
    while lo > 0 and abs(feasible[lo - 1] - (feasible[lo] - STEP)) < 1e-9:
        lo -= 1
    while hi + 1 < len(feasible) and abs(feasible[hi + 1] - (feasible[hi] + STEP)) < 1e-9:
        hi += 1
    return {
        "threshold": t,
        "dev_refusal_recall": recall,
        "dev_false_refusal": false,
        "interval": [feasible[lo], feasible[hi]],
        "margin": m,
        "cosine_margin": m * null[1] / weight if weight else None,
    }


def nearest(
    points: list[dict[str, Any]], null: tuple[float, float], weight: float, threshold: float
) -> list[tuple[str, float]]:
    """The closest question on each side of the threshold: (id, support)."""
    moving = [
        (p["id"], _support(p, null, weight))
        for p in points
        if p["fixed"] is None and not p["blocked"]
    ]
    below = [x for x in moving if x[1] < threshold]
    above = [x for x in moving if x[1] >= threshold]
    out = []
    if below:
        out.append(max(below, key=lambda x: x[1]))
    if above:
        out.append(min(above, key=lambda x: x[1]))
    return out


def _plot(
    sets: dict[str, list[dict[str, Any]]],
    null: tuple[float, float],
    weight: float,
    threshold: float,
    path: Path,
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mean, std = null
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
            z = [(p["dense"] - mean) / std for p in chosen]
            ax.scatter(z, [p["words"] for p in chosen], s=28, **style)
            blocked = [p for p in chosen if p["blocked"]]
            ax.scatter(
                [(p["dense"] - mean) / std for p in blocked],
                [p["words"] for p in blocked],
                s=90,
                facecolors="none",
                edgecolors="0.4",
                label=None,
            )
    xs = [(p["dense"] - mean) / std for ps in sets.values() for p in ps if p["dense"] is not None]
    lo, hi = min(xs) - 0.3, max(xs) + 0.3
    # Refused below the line words = threshold − weight × z.
    ax.plot(
        [lo, hi],
        [threshold - weight * lo, threshold - weight * hi],
        "k--",
        label=f"refusal line: weight {weight:g}, threshold {threshold:g}",
    )
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel(
        f"top passage cosine as a z-score against the index's null ({mean:.4f} ± {std:.4f})"
    )
    ax.set_ylabel("word support (idf share of question words in best passage)")
    ax.set_title("support of each question; below the line = refused (ringed: constraint check)")
    ax.legend(fontsize=7, loc="center left")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--qa",
        type=Path,
        nargs="+",
        default=[ROOT / "eval" / "qa" / "dev.jsonl", ROOT / "eval" / "qa" / "dev-nearmiss.jsonl"],
    )
    parser.add_argument("--heldout", type=Path, default=ROOT / "eval" / "qa" / "heldout.jsonl")
    parser.add_argument("--index", default=None)
    args = parser.parse_args()

    from rag.answer import Answerer
    from rag.config import load_settings

    settings = load_settings()
    threshold = settings.refusal_threshold
    # At threshold 0 only the constraint check (and nothing to quote) refuses; the points
    # record support so that any threshold can be applied afterwards.
    answerer = Answerer.open(args.index, settings.model_copy(update={"refusal_threshold": 0.0}))
    if answerer.null is None:
        sys.exit("the index has no null similarity: run `rag index` to measure it")
    null = answerer.null
    configured = answerer.params.support_weight
    sets = {"dev": [p for qa in args.qa for p in _points(qa, answerer)]}
    if args.heldout.is_file():
        sets["held-out"] = _points(args.heldout, answerer)

    rows = []
    for weight in WEIGHTS:
        for t in sorted({*THRESHOLDS, threshold}):
            row: dict[str, Any] = {"weight": weight, "threshold": t}
            for name, points in sets.items():
                row[name] = dict(
                    zip(
                        ("refusal_recall", "false_refusal"),
                        _rates(points, null, weight, t),
                        strict=True,
                    )
                )
            rows.append(row)

    everything = [p for points in sets.values() for p in points]
    choices = {w: choose_threshold(sets["dev"], everything, null, w) for w in WEIGHTS}
    for w, choice in choices.items():
        if choice is not None and "held-out" in sets:
            recall, false = _rates(sets["held-out"], null, w, choice["threshold"])
            choice["heldout_refusal_recall"], choice["heldout_false_refusal"] = recall, false
    configured_margin = margin(everything, null, configured, threshold)
    closest = nearest(everything, null, configured, threshold)

    REPORTS.mkdir(parents=True, exist_ok=True)
    data = {
        "embedder": answerer.retriever.embedder.id,
        "machine": describe(),
        "null": {"mean": null[0], "std": null[1]},
        "weight": configured,
        "refusal_threshold": threshold,
        "margin": configured_margin,
        "nearest": closest,
        "choices": {f"{w:g}": c for w, c in choices.items()},
        "points": sets,
        "sweep": rows,
    }
    (REPORTS / "refusal.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    _plot(sets, null, configured, threshold, REPORTS / "refusal.png")

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
        f"`{data['embedder']}`. Support = words + weight × (top cosine − {null[0]:.4f}) / "
        f"{null[1]:.4f}, the index's null similarity (rag/calibration.py); refused below the "
        f"threshold, or by the constraint check whatever the support. Configured: weight "
        f"**{configured:g}**, threshold **{threshold:g}**. Questions: {counts} (dev = "
        + " + ".join(f"`{p.name}`" for p in args.qa)
        + "); those naming a 文号 have a fixed support.",
        "",
        markdown_line(),
        "",
        "## Margin: how far decisions sit from the threshold",
        "",
        f"At the configured point the nearest question's support is **{configured_margin:.4f}** "
        f"from the threshold, i.e. a cosine shift of "
        f"**{configured_margin * null[1] / configured:.5f}** (support moves by weight × the "
        "cosine shift / spread; the word part is exact). Nearest on "
        "each side: "
        + ", ".join(f"{qid} {sup:.4f}" for qid, sup in closest)
        + ". Cosines of the same query differ between CPUs in the 4th decimal "
        "(tests/test_default_answers.py perturbs every embedding by ±1e-4 and checks that no "
        "decision on either set changes).",
        "",
        "For each weight, the threshold chosen as the module docstring says: among the "
        f"thresholds where dev meets the targets (recall ≥ {TARGET_RECALL}, false refusal ≤ "
        f"{TARGET_FALSE}), the point farthest from every question's support (labels unused). "
        "Held-out labels only score it.",
        "",
        "| weight | dev interval | threshold | dev recall / false | margin | cosine margin "
        "| held-out recall / false |",
        "|---|---|---|---|---|---|---|",
    ]
    for w, c in choices.items():
        if c is None:
            lines.append(f"| {w:g} | targets not met | | | | | |")
            continue
        held = (
            f"{c['heldout_refusal_recall']:.2f} / {c['heldout_false_refusal']:.3f}"
            if "heldout_refusal_recall" in c
            else "-"
        )
        cos = f"{c['cosine_margin']:.5f}" if c["cosine_margin"] is not None else "-"
        mark = " (configured weight)" if w == configured else ""
        lines.append(
            f"| {w:g}{mark} | {c['interval'][0]:.4f}–{c['interval'][1]:.4f} | "
            f"{c['threshold']:.4f} | {c['dev_refusal_recall']:.2f} / "
            f"{c['dev_false_refusal']:.3f} | {c['margin']:.4f} | {cos} | {held} |"
        )
    lines += [
        "",
        "## Sweep",
        "",
        f"Each cell: refusal recall / false refusal. ✓ = dev meets recall ≥ {TARGET_RECALL} "
        f"with false refusal ≤ {TARGET_FALSE}; **bold** = configured.",
        "",
        "| weight | threshold | " + " | ".join(names) + " | |",
        "|---|---|" + "---|" * len(names) + "---|",
    ]
    grid = sorted({*THRESHOLDS, threshold})
    for weight in WEIGHTS:
        for t in grid:
            row = next(
                (r for r in rows if r["weight"] == weight and abs(r["threshold"] - t) < 1e-9),
                None,
            )
            if row is None:
                continue
            cells = [
                f"{row[n]['refusal_recall']:.2f} / {row[n]['false_refusal']:.3f}" for n in names
            ]
            dev = row["dev"]
            ok = dev["refusal_recall"] >= TARGET_RECALL and dev["false_refusal"] <= TARGET_FALSE
            mine = row["weight"] == configured and abs(row["threshold"] - threshold) < 1e-9
            wl, tl = f"{row['weight']:g}", f"{row['threshold']:.3f}"
            if mine:
                wl, tl, cells = f"**{wl}**", f"**{tl}**", [f"**{c}**" for c in cells]
            lines.append(f"| {wl} | {tl} | " + " | ".join(cells) + f" | {'✓' if ok else ''} |")
    lines += ["", "![refusal](refusal.png)", ""]
    (REPORTS / "refusal.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
