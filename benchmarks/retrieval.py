"""Retrieval benchmark: this retriever against two baselines, in one run, on a question set.

Baselines:
  (a) the LangChain tutorial recipe — RecursiveCharacterTextSplitter(1000, 200) over each
      notice, the same embedder, a flat FAISS inner-product index, top k by similarity;
  (b) BM25 only — our Chinese BM25 over our chunks, no dense ranking, no routing.

Writes benchmarks/reports/retrieval.md (R@1/5/10, MRR@10, evidence R@5, p50/p95 latency,
index build time, ratios against the recipe) and retrieval.png.

    .venv/bin/python benchmarks/retrieval.py [--qa eval/qa/dev.jsonl] [--embedder default]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

from rag.config import load_settings  # noqa: E402
from rag.evaluate import retrieval_query  # noqa: E402
from rag.metrics import aggregate, load_questions, percentile, score_question  # noqa: E402

KS = (1, 5, 10)


def _hits(items: list[tuple[Any, str]]) -> list[dict[str, str]]:
    """(notice, text) pairs in rank order → prediction hits."""
    return [
        {"doc_number": n.doc_number, "title": n.title, "source": n.source, "text": text}
        for n, text in items
    ]


def build_ours(corpus: Path, work: Path, embedder_spec: str) -> tuple[Any, float, float]:
    """Ingest + index into ``work``; returns (retriever, ingest seconds, index seconds)."""
    from rag.embeddings import make_embedder
    from rag.ingest import build_index, ingest_paths
    from rag.retrieve import Retriever
    from rag.store import NoticeStore

    settings = load_settings(
        index_dir=work / "index", cache_dir=work / "cache", embedder=embedder_spec
    )
    store = NoticeStore(settings.index_dir, "bench")
    t = time.perf_counter()
    ingest_paths([corpus], store, max_bytes=settings.max_file_bytes)
    ingest_s = time.perf_counter() - t
    embedder = make_embedder(embedder_spec)
    t = time.perf_counter()
    # A cold cache and no shipped embeddings: the build embeds every chunk, as the recipe does.
    build_index(store, embedder, cache_dir=settings.cache_dir, settings=settings, shipped=[])
    index_s = time.perf_counter() - t
    return Retriever(store.path, settings=settings, embedder=embedder), ingest_s, index_s


class RecipeBaseline:
    """The LangChain tutorial: 1000/200 character splits, same embedder, flat FAISS."""

    def __init__(self, notices: list[Any], embedder: Any) -> None:
        import faiss
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        t = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        self.items: list[tuple[Any, str]] = []
        for n in notices:
            for piece in splitter.split_text(n.text):
                self.items.append((n, piece))
        vectors = embedder.embed_documents([text for _, text in self.items])
        self.index = faiss.IndexFlatIP(embedder.dimension)
        self.index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        self.embedder = embedder
        self.build_s = time.perf_counter() - t

    def search(self, query: str, k: int) -> list[tuple[Any, str]]:
        q = np.asarray(self.embedder.embed_query(query), dtype=np.float32).reshape(1, -1)
        _, ids = self.index.search(q, k)
        return [self.items[i] for i in ids[0] if i >= 0]


class BM25Baseline:
    """Our chunks and Chinese BM25, nothing else."""

    def __init__(self, retriever: Any) -> None:
        from rag.ingest import lexical_text
        from rag.lexical import LexicalIndex

        t = time.perf_counter()
        self.retriever = retriever
        self.lexical = LexicalIndex.build(
            [lexical_text(retriever.notices[c.notice_id], c) for c in retriever.chunks]
        )
        self.build_s = time.perf_counter() - t

    def search(self, query: str, k: int) -> list[tuple[Any, str]]:
        scores = self.lexical.scores(query)
        order = np.argsort(-scores)[:k]
        chunks = self.retriever.chunks
        return [(self.retriever.notices[chunks[i].notice_id], chunks[i].text) for i in order]


def run_system(name: str, search: Any, questions: list[Any], texts: dict[str, str]) -> dict:
    records, latencies = [], []
    for _ in range(2):  # warm-up pass: model caches, FAISS pages
        search(questions[0].question, 10)
        break
    for q in questions:
        t = time.perf_counter()
        items = search(retrieval_query(q), 10)
        latencies.append((time.perf_counter() - t) * 1000)
        records.append(score_question(q, {"hits": _hits(items)}, texts))
    summary = aggregate(records)
    summary["latency_ms"] = {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)}
    summary["name"] = name
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qa", type=Path, default=ROOT / "eval" / "qa" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument("--embedder", default=load_settings().embedder)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reports")
    args = parser.parse_args()

    questions, errors = load_questions(args.qa)
    if errors:
        print("\n".join(errors), file=sys.stderr)
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    try:
        ours, ingest_s, index_s = build_ours(args.corpus, work, args.embedder)
        notices = list(ours.notices.values())
        texts = {n.notice_id: n.text for n in notices}
        recipe = RecipeBaseline(notices, ours.embedder)
        bm25 = BM25Baseline(ours)

        def search_ours(query: str, k: int) -> list[tuple[Any, str]]:
            return [
                (ours.notices[h.chunk.notice_id], h.chunk.text) for h in ours.search(query, k).hits
            ]

        results = [
            run_system("policy-rag (hybrid)", search_ours, questions, texts),
            run_system("LangChain recipe (1000/200 + FAISS)", recipe.search, questions, texts),
            run_system("BM25 only", bm25.search, questions, texts),
        ]
        results[0]["build_s"] = index_s
        results[1]["build_s"] = recipe.build_s
        results[2]["build_s"] = bm25.build_s
    finally:
        shutil.rmtree(work, ignore_errors=True)

    args.out.mkdir(parents=True, exist_ok=True)
    machine = describe()
    (args.out / "retrieval.json").write_text(
        json.dumps(
            {"machine": machine, "results": results}, ensure_ascii=False, indent=2, default=float
        ),
        "utf-8",
    )
    write_report(
        args, results, ingest_s, ours.embedder.id, len(ours.chunks), len(questions), machine
    )
    plot(results, args.out / "retrieval.png")
    print((args.out / "retrieval.md").read_text("utf-8"))


def _fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def write_report(args, results, ingest_s, embedder_id, n_chunks, n_questions, machine) -> None:
    keys = [f"doc_recall@{k}" for k in KS] + ["doc_mrr@10", "evidence_recall@5"]
    base = results[1]["overall"]
    lines = [
        "# Retrieval benchmark",
        "",
        f"Question set `{args.qa.relative_to(ROOT) if args.qa.is_relative_to(ROOT) else args.qa}`"
        f" ({n_questions} questions), embedder `{embedder_id}`, {n_chunks} chunks, "
        f"ingest {ingest_s:.1f} s. Command: `.venv/bin/python benchmarks/retrieval.py "
        f"--embedder {args.embedder}`.",
        "",
        markdown_line(machine),
        "",
        "| system | " + " | ".join(keys) + " | p50 ms | p95 ms | build s |",
        "|---|" + "---|" * (len(keys) + 3),
    ]
    for r in results:
        o, lat = r["overall"], r["latency_ms"]
        cells = [_fmt(o.get(k)) for k in keys]
        cells += [f"{lat['p50']:.1f}", f"{lat['p95']:.1f}", f"{r['build_s']:.1f}"]
        lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    lines += ["", "Ratios against the LangChain recipe (same run):", ""]
    for r in results:
        o = r["overall"]
        ratios = [
            f"{k} ×{o[k] / base[k]:.2f}" for k in ("doc_recall@5", "doc_mrr@10") if base.get(k)
        ]
        lines.append(f"- {r['name']}: " + ", ".join(ratios))
    lines += ["", "Per question type (doc_recall@5 / doc_mrr@10):", ""]
    types = list(results[0].get("by_type", {}))
    lines.append("| type | " + " | ".join(r["name"] for r in results) + " |")
    lines.append("|---|" + "---|" * len(results))
    for t in types:
        cells = []
        for r in results:
            s = r["by_type"].get(t, {})
            cells.append(f"{_fmt(s.get('doc_recall@5'))} / {_fmt(s.get('doc_mrr@10'))}")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    lines += ["", "![retrieval](retrieval.png)", ""]
    (args.out / "retrieval.md").write_text("\n".join(lines), "utf-8")


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = [t for t in results[0]["by_type"] if t != "unanswerable"]
    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / len(results)
    for i, r in enumerate(results):
        values = [r["by_type"][t].get("doc_recall@5") or 0 for t in types]
        ax.bar(np.arange(len(types)) + i * width, values, width, label=r["name"])
    ax.set_xticks(np.arange(len(types)) + width * (len(results) - 1) / 2, types, rotation=20)
    ax.set_ylabel("doc_recall@5")
    ax.set_ylim(0, 1.05)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Notice recall@5 per question type")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


if __name__ == "__main__":
    main()
