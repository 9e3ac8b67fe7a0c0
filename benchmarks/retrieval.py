"""Retrieval benchmark: this retriever against two baselines, in one run, on a question set.

Baselines:
  (a) the LangChain tutorial recipe — RecursiveCharacterTextSplitter(1000, 200) over each
      notice, the same embedder, a flat FAISS inner-product index, top k by similarity;
  (b) BM25 only — our Chinese BM25 over our chunks, no dense ranking, no routing.

Writes benchmarks/reports/retrieval.md (R@1/5/10, MRR@10, evidence R@5, p50/p95 latency,
index build time, ratios against the recipe; per question type, this retriever against BM25)
and retrieval.png.

    .venv/bin/python benchmarks/retrieval.py [--qa eval/qa/dev.jsonl] [--embedder default]

With ``--index NAME`` an index already built (under ``RAG_INDEX_DIR``) is searched instead of
one built from ``--corpus``; several ``--qa`` sets are then scored together, each question on
the index the set was written for (a set's notices and the bundled corpus, as
``benchmarks/validity_corpus.py`` builds them):

    RAG_INDEX_DIR=DIR .venv/bin/python benchmarks/retrieval.py --index b40 \
        --qa eval/qa/blind40.jsonl --report retrieval-blind40

The LangChain recipe embeds every notice again, so it is left out with ``--index`` unless
``--recipe`` asks for it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
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


def run_system(search: Any, questions: list[Any], texts: dict[str, str]) -> tuple[list, list]:
    """Per-question records and latencies (ms) of one system over ``questions``."""
    records, latencies = [], []
    if questions:  # warm-up: model caches, FAISS pages
        search(questions[0].question, 10)
    for q in questions:
        t = time.perf_counter()
        items = search(retrieval_query(q), 10)
        latencies.append((time.perf_counter() - t) * 1000)
        records.append(score_question(q, {"hits": _hits(items)}, texts))
    return records, latencies


def _open_index(name: str, embedder_spec: str | None) -> Any:
    from rag.retrieve import Retriever

    settings = load_settings(embedder=embedder_spec) if embedder_spec else load_settings()
    return Retriever.open(name, settings)


def _systems(ours: Any, recipe: bool) -> list[tuple[str, Any, float | None]]:
    """(name, search, build seconds) for this retriever and its baselines over ``ours``."""

    def search_ours(query: str, k: int) -> list[tuple[Any, str]]:
        return [(ours.notices[h.chunk.notice_id], h.chunk.text) for h in ours.search(query, k).hits]

    bm25 = BM25Baseline(ours)
    systems: list[tuple[str, Any, float | None]] = [(HYBRID, search_ours, None)]
    if recipe:
        baseline = RecipeBaseline(list(ours.notices.values()), ours.embedder)
        systems.append((RECIPE, baseline.search, baseline.build_s))
    systems.append((BM25, bm25.search, bm25.build_s))
    return systems


HYBRID = "policy-rag (hybrid)"
RECIPE = "LangChain recipe (1000/200 + FAISS)"
BM25 = "BM25 only"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--qa", type=Path, action="append", help="question set (repeat for several)"
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "corpus")
    parser.add_argument(
        "--index",
        action="append",
        help="search this built index, not one built from --corpus (once, or once per --qa)",
    )
    parser.add_argument(
        "--recipe", action="store_true", help="with --index: run the LangChain recipe too"
    )
    parser.add_argument("--embedder", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "reports")
    parser.add_argument("--report", default="retrieval", help="report file name, without suffix")
    args = parser.parse_args()
    qa_paths: list[Path] = args.qa or [ROOT / "eval" / "qa" / "dev.jsonl"]
    indexes: list[str] = args.index or []
    if len(indexes) not in (0, 1, len(qa_paths)):
        parser.error(
            f"give --index once, or once for each --qa ({len(qa_paths)}), not {len(indexes)} times"
        )
    if len(indexes) == 1:
        indexes = indexes * len(qa_paths)
    embedder_spec = args.embedder or (None if indexes else load_settings().embedder)

    per_set: list[tuple[Path, str, list[dict]]] = []
    records: dict[str, list[dict]] = {}
    latencies: dict[str, list[float]] = {}
    builds: dict[str, float | None] = {}
    ingest_s: float | None = None
    chunk_counts: list[int] = []
    embedder_id = ""
    work = Path(tempfile.mkdtemp(prefix="rag-bench-"))
    try:
        # An index and its baselines, built once for every set searched on it.
        searched: dict[str, tuple[Any, list[tuple[str, Any, float | None]]]] = {}
        for n, qa in enumerate(qa_paths):
            questions, errors = load_questions(qa)
            if errors:
                print("\n".join(errors), file=sys.stderr)
            label = indexes[n] if indexes else "built from " + _shown(args.corpus)
            if label not in searched:
                if indexes:
                    ours = _open_index(label, embedder_spec)
                else:
                    ours, ingest_s, index_s = build_ours(
                        args.corpus, work, embedder_spec or "default"
                    )
                    builds[HYBRID] = index_s
                searched[label] = (ours, _systems(ours, args.recipe or not indexes))
            ours, systems = searched[label]
            chunk_counts.append(len(ours.chunks))
            embedder_id = ours.embedder.id
            texts = {nt.notice_id: nt.text for nt in ours.notices.values()}
            results = []
            for name, search, build_s in systems:
                builds.setdefault(name, build_s)
                got, ms = run_system(search, questions, texts)
                records.setdefault(name, []).extend(got)
                latencies.setdefault(name, []).extend(ms)
                results.append(_summarised(name, got, ms))
            per_set.append((qa, label, results))
            print(
                f"{_shown(qa)} on {label}: "
                + "; ".join(
                    f"{r['name']} R@5 {_fmt(r['overall'].get('doc_recall@5'))} "
                    f"evidence R@5 {_fmt(r['overall'].get('evidence_recall@5'))}"
                    for r in results
                ),
                file=sys.stderr,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    results = [_summarised(name, records[name], latencies[name]) for name in records]
    for r in results:
        r["build_s"] = builds.get(r["name"])
    args.out.mkdir(parents=True, exist_ok=True)
    machine = describe()
    (args.out / f"{args.report}.json").write_text(
        json.dumps(
            {
                "machine": machine,
                "results": results,
                "sets": [
                    {"qa": _shown(qa), "index": label, "results": rs} for qa, label, rs in per_set
                ],
            },
            ensure_ascii=False,
            indent=2,
            default=float,
        ),
        "utf-8",
    )
    write_report(args, results, per_set, ingest_s, embedder_id, chunk_counts, machine)
    plot(results, args.out / f"{args.report}.png")
    print((args.out / f"{args.report}.md").read_text("utf-8"))


def _shown(path: Path) -> str:
    full = path.resolve()
    return str(full.relative_to(ROOT) if full.is_relative_to(ROOT) else path)


def _summarised(name: str, records: list[dict], latencies: list[float]) -> dict:
    summary = aggregate(records)
    summary["latency_ms"] = {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)}
    summary["name"] = name
    return summary


def _fmt(v: Any) -> str:
    return "-" if v is None else f"{v:.3f}"


def write_report(args, results, per_set, ingest_s, embedder_id, chunk_counts, machine) -> None:
    keys = [f"doc_recall@{k}" for k in KS] + ["doc_mrr@10", "evidence_recall@5"]
    by_name = {r["name"]: r for r in results}
    base_name = RECIPE if RECIPE in by_name else BM25
    base = by_name[base_name]["overall"]
    command = (
        " ".join(a if not a.startswith("/") else _shown(Path(a)) for a in sys.argv[1:])
        or f"--embedder {args.embedder or 'default'}"
    )
    n_questions = results[0]["overall"]["n"]
    sets = ", ".join(f"`{_shown(qa)}`" for qa, _, _ in per_set)
    built = f", ingest {ingest_s:.1f} s" if ingest_s is not None else ""
    lines = [
        "# Retrieval benchmark",
        "",
        f"Question sets {sets} ({n_questions} questions), embedder `{embedder_id}`, "
        f"{' + '.join(str(c) for c in chunk_counts)} chunks{built}. "
        f"Command: `.venv/bin/python benchmarks/retrieval.py {command}`.",
        "",
        markdown_line(machine),
        "",
        "| system | " + " | ".join(keys) + " | p50 ms | p95 ms | build s |",
        "|---|" + "---|" * (len(keys) + 3),
    ]
    for r in results:
        o, lat = r["overall"], r["latency_ms"]
        cells = [_fmt(o.get(k)) for k in keys]
        build = "-" if r.get("build_s") is None else f"{r['build_s']:.1f}"
        cells += [f"{lat['p50']:.1f}", f"{lat['p95']:.1f}", build]
        lines.append(f"| {r['name']} | " + " | ".join(cells) + " |")
    lines += ["", f"Ratios against {base_name} (same run):", ""]
    for r in results:
        o = r["overall"]
        ratios = [
            f"{k} ×{o[k] / base[k]:.2f}"
            for k in ("doc_recall@5", "doc_mrr@10", "evidence_recall@5")
            if base.get(k)
        ]
        lines.append(f"- {r['name']}: " + ", ".join(ratios))
    per_type = ("doc_recall@5", "doc_mrr@10", "evidence_recall@5")
    lines += ["", "Per question type (doc_recall@5 / doc_mrr@10 / evidence_recall@5):", ""]
    types = [t for t in results[0].get("by_type", {}) if t != "unanswerable"]
    lines.append("| type | n | " + " | ".join(r["name"] for r in results) + " |")
    lines.append("|---|---|" + "---|" * len(results))
    for t in types:
        cells = []
        for r in results:
            s = r["by_type"].get(t, {})
            cells.append(" / ".join(_fmt(s.get(k)) for k in per_type))
        n = results[0]["by_type"][t].get("n", 0)
        lines.append(f"| {t} | {n} | " + " | ".join(cells) + " |")
    lines += _against_bm25(by_name, types, per_type)
    if len(per_set) > 1:
        lines += [
            "",
            "Per set (doc_mrr@10 / evidence_recall@5):",
            "",
            "| set | index | n | " + " | ".join(r["name"] for r in per_set[0][2]) + " |",
            "|---|---|---|" + "---|" * len(per_set[0][2]),
        ]
        for qa, label, rs in per_set:
            cells = [
                " / ".join(_fmt(r["overall"].get(k)) for k in ("doc_mrr@10", "evidence_recall@5"))
                for r in rs
            ]
            lines.append(
                f"| {qa.stem} | {label} | {rs[0]['overall']['n']} | " + " | ".join(cells) + " |"
            )
    lines += ["", f"![retrieval]({args.report}.png)", ""]
    (args.out / f"{args.report}.md").write_text("\n".join(lines), "utf-8")


def _against_bm25(by_name: dict, types: list[str], keys: Sequence[str]) -> list[str]:
    """This retriever minus BM25 per type and metric; a negative difference is marked."""
    if HYBRID not in by_name or BM25 not in by_name:
        return []
    ours, bm25 = by_name[HYBRID]["by_type"], by_name[BM25]["by_type"]
    lines = [
        "",
        f"{HYBRID} minus {BM25}, per type (**bold**: BM25 ahead):",
        "",
        "| type | " + " | ".join(keys) + " |",
        "|---|" + "---|" * len(keys),
    ]
    for t in types:
        cells = []
        for k in keys:
            a, b = ours.get(t, {}).get(k), bm25.get(t, {}).get(k)
            if a is None or b is None:
                cells.append("-")
                continue
            d = a - b
            cells.append(f"**{d:+.3f}**" if d < 0 else f"{d:+.3f}")
        lines.append(f"| {t} | " + " | ".join(cells) + " |")
    return lines


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
