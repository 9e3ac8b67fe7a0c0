"""Chunk size and overlap, chosen by measurement: one index per (max_tokens, overlap) on the
bundled corpus, each scored on a question set with rag.evaluate.run_eval (retrieval only).

For every configuration: chunks (count, mean/max cl100k tokens), the tokens the embedder
sees (its own tokenizer, with the title and heading path that are embedded with each
chunk; texts past the model's window are embedded as several windows), how many gold
evidence passages some chunk can cover at all (the ceiling of evidence recall), index
build time with a cold embedding cache, and R@1/R@5/MRR@10 and evidence R@1/R@5.

Writes benchmarks/reports/chunking.md, chunking.json and chunking.png.

    nice -n 10 .venv/bin/python benchmarks/chunking.py [--grid 200:48 320:48 450:48 …]
        [--work /tmp/chunking] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

from rag.config import load_settings  # noqa: E402

# Fusion and ordering variants scored on the index of the default chunk size: settings
# overrides; "generic 文号 by rank" = the routed notice's passages ranked by the rest of the
# query even when it asks nothing more ("…号讲了什么？"), as before opening passages were
# preferred for such questions; "headers in place" = header chunks keep their fused rank
# instead of yielding it to their notice's best body passage (rag.ranking.headers_last).
FUSION_VARIANTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("settings in force", {}),
    ("max_per_notice 3", {"max_per_notice": 3}),
    ("dense_weight 0.3", {"dense_weight": 0.3}),
    ("dense_weight 0.75", {"dense_weight": 0.75}),
    ("max_per_notice 3, dense_weight 0.4", {"max_per_notice": 3, "dense_weight": 0.4}),
    ("generic 文号 by rank", {"_generic_by_rank": True}),
    ("headers in place", {"_headers_in_place": True}),
)
DEFAULT_GRID = ("200:48", "320:0", "320:48", "320:96", "450:48", "450:96", "600:48", "600:96")
METRICS = (
    "doc_recall@1",
    "doc_recall@5",
    "doc_mrr@10",
    "evidence_recall@1",
    "evidence_recall@5",
)


def _parse_grid(items: list[str]) -> list[tuple[int, int]]:
    grid = []
    for item in items:
        size, _, overlap = item.partition(":")
        grid.append((int(size), int(overlap or 0)))
    return grid


def evidence_ceiling(questions: list[Any], chunks: list[Any], notices: dict[str, Any]) -> float:
    """Share of gold evidence passages that at least one chunk of the index covers."""
    from rag.metrics import evidence_covered

    texts = [c.text for c in chunks]
    total = covered = 0
    for q in questions:
        for ev in q.evidences:
            total += 1
            covered += any(evidence_covered(t, ev) for t in texts)
    return covered / total if total else 0.0


def run_config(
    max_tokens: int,
    overlap: int,
    *,
    corpus: Path,
    qa: Path,
    work: Path,
    embedder: Any,
    questions: list[Any],
    cache: Path | None = None,
) -> dict[str, Any]:
    from rag.evaluate import run_eval
    from rag.ingest import build_index, dense_text, ingest_paths
    from rag.retrieve import Retriever
    from rag.store import NoticeStore

    name = f"c{max_tokens}-o{overlap}"
    # A cold cache per configuration, so build times compare, unless one shared cache is
    # given (then only chunks no earlier configuration had are embedded).
    settings = load_settings(
        index_dir=work / "index", cache_dir=cache or work / "cache" / name, embedder="default"
    )
    store = NoticeStore(settings.index_dir, name)
    ingest_paths([corpus], store, max_bytes=settings.max_file_bytes)
    report = build_index(
        store,
        embedder,
        cache_dir=settings.cache_dir,
        settings=settings,
        max_tokens=max_tokens,
        overlap_tokens=overlap,
        shipped=[],
        rebuild=True,
    )
    retriever = Retriever(store.path, settings=settings, embedder=embedder)
    t = time.perf_counter()
    ev = run_eval(qa, work / "eval" / name, retriever)
    eval_s = time.perf_counter() - t
    chunks = retriever.chunks
    tokens = [c.token_count for c in chunks]
    row: dict[str, Any] = {
        "max_tokens": max_tokens,
        "overlap_tokens": overlap,
        "chunks": len(chunks),
        "mean_tokens": statistics.mean(tokens),
        "max_tokens_seen": max(tokens),
        "build_s": report.seconds,
        "embedded": report.embedded,
        "rebuilt": report.rebuilt,
        "eval_s": eval_s,
        "evidence_ceiling": evidence_ceiling(questions, chunks, retriever.notices),
        "overall": {k: ev.metrics["overall"].get(k) for k in METRICS},
        "by_type": {
            t: {k: v.get(k) for k in METRICS} for t, v in ev.metrics.get("by_type", {}).items()
        },
    }
    count = getattr(embedder, "count_tokens", None)
    if count is not None:
        window = int(getattr(embedder, "max_tokens", 512))
        seen = [count(dense_text(retriever.notices[c.notice_id], c)) for c in chunks]
        row["model_tokens"] = {
            "sum": sum(seen),
            "mean": statistics.mean(seen),
            "max": max(seen),
            "over_window": sum(s > window for s in seen),
            "window": window,
        }
    if report.seconds > 0 and report.embedded:
        row["chunks_per_s"] = report.embedded / report.seconds
    return row


def fusion_rows(index: Path, qa: Path, work: Path, embedder: Any) -> list[dict[str, Any]]:
    """Each of FUSION_VARIANTS on one built index (no re-embedding)."""
    from unittest import mock

    import rag.retrieve
    from rag.evaluate import run_eval
    from rag.retrieve import Retriever

    out = []
    for label, overrides in FUSION_VARIANTS:
        overrides = dict(overrides)
        patches = contextlib.ExitStack()
        if overrides.pop("_generic_by_rank", False):
            patches.enter_context(
                mock.patch.object(rag.retrieve, "asks_for_topic", lambda rest: True)
            )
        if overrides.pop("_headers_in_place", False):
            patches.enter_context(
                mock.patch.object(rag.retrieve, "headers_last", lambda order, *_: list(order))
            )
        settings = load_settings(index_dir=index.parent, **overrides)
        retriever = Retriever(index, settings=settings, embedder=embedder)
        with patches:
            ev = run_eval(qa, work / "fusion" / str(len(out)), retriever)
        out.append({"variant": label, "overall": {k: ev.metrics["overall"][k] for k in METRICS}})
        print(f"fusion {label}: {out[-1]['overall']}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", nargs="+", default=list(DEFAULT_GRID), metavar="TOKENS:OVERLAP")
    parser.add_argument("--qa", type=Path, default=ROOT / "eval" / "qa" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--embedder", default="default")
    parser.add_argument("--work", type=Path, default=None, help="folder for the indexes")
    parser.add_argument("--keep", action="store_true", help="keep --work (default: deleted)")
    parser.add_argument(
        "--cache", type=Path, default=None, help="one embedding cache shared by all rows"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reports")
    args = parser.parse_args()

    from rag.chunking import DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS
    from rag.embeddings import make_embedder
    from rag.metrics import load_questions

    questions, errors = load_questions(args.qa)
    if errors:
        print("\n".join(errors), file=sys.stderr)
    embedder = make_embedder(args.embedder)
    work = args.work or Path(tempfile.mkdtemp(prefix="rag-chunking-"))
    rows = []
    grid = _parse_grid(args.grid)
    if (DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS) not in grid:
        # The chunker's own setting is always a row: the others are read against it, and
        # the fusion variants are scored on its index.
        grid.append((DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_TOKENS))
    try:
        for max_tokens, overlap in grid:
            t = time.perf_counter()
            row = run_config(
                max_tokens,
                overlap,
                corpus=args.corpus,
                qa=args.qa,
                work=work,
                embedder=embedder,
                questions=questions,
                cache=args.cache,
            )
            rows.append(row)
            o = row["overall"]
            print(
                f"{max_tokens}/{overlap}: {row['chunks']} chunks, build {row['build_s']:.1f} s, "
                + ", ".join(f"{k} {o[k]:.3f}" for k in METRICS)
                + f" ({time.perf_counter() - t:.0f} s, load {os.getloadavg()[0]:.1f})",
                flush=True,
            )
        default_index = work / "index" / f"c{DEFAULT_MAX_TOKENS}-o{DEFAULT_OVERLAP_TOKENS}"
        fusion = (
            fusion_rows(default_index, args.qa, work, embedder) if default_index.is_dir() else []
        )
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    result = {
        "question_set": str(args.qa.relative_to(ROOT) if args.qa.is_relative_to(ROOT) else args.qa),
        "questions": len(questions),
        "embedder": embedder.id,
        "defaults": {"max_tokens": DEFAULT_MAX_TOKENS, "overlap_tokens": DEFAULT_OVERLAP_TOKENS},
        "machine": describe(),
        "shared_cache": args.cache is not None,
        "rows": rows,
        "fusion": fusion,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "chunking.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    write_report(args.out / "chunking.md", result)
    plot(rows, args.out / "chunking.png")
    print((args.out / "chunking.md").read_text("utf-8"))


def _f(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def write_report(path: Path, result: dict[str, Any]) -> None:
    rows = result["rows"]
    d = result["defaults"]
    lines = [
        "# Chunk size and overlap",
        "",
        f"Question set `{result['question_set']}` ({result['questions']} questions), embedder "
        f"`{result['embedder']}`, bundled corpus. One index per row, "
        + (
            "all sharing one embedding cache (`--cache`), so `embedded` counts only the chunks "
            "no earlier row had and `build s` is not comparable across rows"
            if result.get("shared_cache")
            else "each built with a cold embedding cache"
        )
        + ", scored with `rag.evaluate.run_eval` (retrieval only, the fusion settings in "
        "force). Command: `nice -n 10 .venv/bin/python benchmarks/chunking.py`. Default: "
        f"**{d['max_tokens']}/{d['overlap_tokens']}**.",
        "",
        markdown_line(result["machine"]),
        "",
        "Tokens: `max` is the chunker's bound in cl100k tokens (tiktoken); `model tok` is what "
        "the embedder's own tokenizer sees per chunk (with the title and heading path embedded "
        "alongside), mean / max, and how many exceed its window. `ceiling` = share of gold "
        "evidence passages that some chunk covers at all. Embedding dominates a cold build and "
        "costs in proportion to `model tok sum` (tokens/s in build.md); `build s` here is the "
        "rest of the build when the cache is warm. The host is shared, so times read high.",
        "",
        "| max/overlap | chunks | mean tok | model tok mean/max (>window) | model tok sum | "
        "embedded | build s | ceiling | R@1 | R@5 | MRR@10 | ev R@1 | ev R@5 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        o = r["overall"]
        mt = r.get("model_tokens") or {}
        model = f"{mt['mean']:.0f} / {mt['max']} ({mt['over_window']})" if mt else "-"
        default = (r["max_tokens"], r["overlap_tokens"]) == (d["max_tokens"], d["overlap_tokens"])
        label = f"{r['max_tokens']}/{r['overlap_tokens']}" + (" (default)" if default else "")
        lines.append(
            f"| {label} | {r['chunks']} | {r['mean_tokens']:.0f} | {model} | "
            f"{mt.get('sum', '-')} | {r['embedded']} | {r['build_s']:.1f} | "
            f"{r['evidence_ceiling']:.3f} | " + " | ".join(_f(o[k]) for k in METRICS) + " |"
        )
    fitting = [r for r in rows if not (r.get("model_tokens") or {}).get("over_window")]
    if fitting:
        best = max(
            fitting,
            key=lambda r: (
                r["overall"]["evidence_recall@5"],
                r["overall"]["doc_recall@5"],
                r["overall"]["doc_mrr@10"],
                r["overall"]["evidence_recall@1"],
            ),
        )
        o = best["overall"]
        lines += [
            "",
            f"Best within the model's window: **{best['max_tokens']}/{best['overlap_tokens']}** "
            f"(evidence R@5 {o['evidence_recall@5']:.3f}, R@5 {o['doc_recall@5']:.3f}, MRR@10 "
            f"{o['doc_mrr@10']:.3f}, {best['chunks']} chunks). Overlap applies only inside a "
            "paragraph longer than the bound, which is why it barely moves the figures.",
        ]
    lines += ["", "Evidence recall@5 per question type:", ""]
    types = [t for t in rows[0]["by_type"] if t != "unanswerable"]
    lines.append("| max/overlap | " + " | ".join(types) + " |")
    lines.append("|---|" + "---|" * len(types))
    for r in rows:
        cells = [_f(r["by_type"][t].get("evidence_recall@5")) for t in types]
        lines.append(f"| {r['max_tokens']}/{r['overlap_tokens']} | " + " | ".join(cells) + " |")
    if result.get("fusion"):
        lines += [
            "",
            f"Fusion and ordering on the {d['max_tokens']}/{d['overlap_tokens']} index "
            "(Retriever.search; the settings in force are the first row):",
            "",
            "| variant | " + " | ".join(METRICS) + " |",
            "|---|" + "---|" * len(METRICS),
        ]
        for f in result["fusion"]:
            cells = " | ".join(_f(f["overall"][k]) for k in METRICS)
            lines.append(f"| {f['variant']} | {cells} |")
    lines += ["", "![chunking](chunking.png)", ""]
    path.write_text("\n".join(lines), "utf-8")


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [f"{r['max_tokens']}/{r['overlap_tokens']}" for r in rows]
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(12, 4.2))
    for key in METRICS:
        ax.plot(labels, [r["overall"][key] for r in rows], marker="o", label=key)
    ax.plot(labels, [r["evidence_ceiling"] for r in rows], "k--", label="evidence ceiling")
    ax.set_ylim(0.4, 1.02)
    ax.set_xlabel("max_tokens / overlap_tokens (cl100k)")
    ax.set_title("Retrieval on the dev set")
    ax.legend(fontsize=7, loc="lower right")
    ax.tick_params(axis="x", rotation=30)
    work = [(r.get("model_tokens") or {}).get("sum", 0) / 1000 for r in rows]
    over = [(r.get("model_tokens") or {}).get("over_window", 0) for r in rows]
    bx.bar(labels, work, color=["tab:red" if o else "tab:gray" for o in over])
    bx.set_ylabel("model tokens embedded (thousands)")
    bx.set_title("Embedding work; bar label = chunks (red: some over the window)")
    bx.tick_params(axis="x", rotation=30)
    for i, r in enumerate(rows):
        bx.text(i, work[i], str(r["chunks"]), ha="center", va="bottom", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    main()
