"""The ``rag`` command. Thin: parse arguments, call the library, format output.

Library errors (``RagError``) become a one-line message on stderr and a non-zero exit
code; no traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from rag.config import Settings, load_settings
from rag.errors import RagError

app = typer.Typer(
    help="policy-rag：卫生健康政策通知的检索问答。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
notices_app = typer.Typer(help="列出或查看索引中的通知。", invoke_without_command=True)
app.add_typer(notices_app, name="notices")

F = TypeVar("F", bound=Callable[..., Any])

IndexOpt = Annotated[str | None, typer.Option("--index", help="索引名（默认 default）")]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON")]
IndexesOpt = Annotated[
    str | None,
    typer.Option("--index", help="索引名（默认 default）；多个用逗号分隔，如 default,mine"),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="按此日期判断效力（默认今天），如 2021-01-01"),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        help="只要这些效力状态（可重复）：现行有效/已过有效期/已废止/已修订/尚未施行/未知",
    ),
]


def _fail(exc: RagError) -> None:
    typer.echo(f"错误：{exc}", err=True)
    raise typer.Exit(exc.exit_code)


def handles_errors(func: F) -> F:
    """Turn library errors into a message and exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except RagError as exc:
            _fail(exc)

    return wrapper  # type: ignore[return-value]


def _store(settings: Settings, name: str | None):
    from rag.store import NoticeStore

    return NoticeStore(settings.index_dir, name or settings.index_name)


def _settings_for(index: str | None) -> tuple[Settings, list[str]]:
    """Settings and the index names of an ``--index`` that may name several ("a,b")."""
    from rag.fused import parse_index_names

    names = parse_index_names(index)
    return load_settings(index_name=names[0] if len(names) == 1 else None), names


def _progress(desc: str) -> Callable[[Iterable[Path]], Iterable[Path]]:
    from tqdm import tqdm

    def wrap(items: Iterable[Path]) -> Iterable[Path]:
        items = list(items)
        return tqdm(items, desc=desc, unit="文件", file=sys.stderr, disable=len(items) < 2)

    return wrap


def _emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
@handles_errors
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或文件夹（.txt .md .html .pdf .docx）")],
    index: IndexOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """解析文件中的通知并加入索引（重复运行不会重复加入）。"""
    from rag.ingest import ingest_paths

    settings = load_settings(index_name=index)
    store = _store(settings, index)
    report = ingest_paths(
        paths, store, max_bytes=settings.max_file_bytes, progress=_progress("解析")
    )
    if as_json:
        _emit_json(
            {
                "index": store.name,
                "files": [vars(f) for f in report.files],
                "added": report.added,
                "updated": report.updated,
                "removed": report.removed,
                "unchanged": report.unchanged,
                "total": report.total,
            }
        )
    else:
        for f in report.files:
            if f.status == "rejected":
                typer.echo(f"  ✗ {f.source}: {f.error}", err=True)
            else:
                label = {"added": "新增", "updated": "更新", "unchanged": "未变"}[f.status]
                typer.echo(f"  {label} {f.source}: {f.notices} 条通知，{f.warnings} 条警告")
        typer.echo(
            f"索引 '{store.name}'：共 {report.total} 条通知（新增 {report.added}，更新 "
            f"{report.updated}，删除 {report.removed}），拒绝 {len(report.rejected)} 个文件"
        )
        if report.total:
            notices = store.load_notices()
            missing = sum(1 for n in notices if not n.doc_number)
            flagged = sum(1 for n in notices if n.warnings)
            typer.echo(f"  无文号 {missing} 条；带警告 {flagged} 条（rag notices 查看详情）")
    if report.rejected:
        # A script must notice a rejected file even when the others went in.
        if report.total and not as_json:
            typer.echo(
                f"{len(report.rejected)} 个文件被拒绝（原因见上）；其余文件已加入索引",
                err=True,
            )
        raise typer.Exit(3)


@app.command("index")
@handles_errors
def index_cmd(
    index: IndexOpt = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="即使索引已是最新也重建")] = False,
    embed_all: Annotated[
        bool,
        typer.Option(
            "--embed-all",
            help="重建并为每个段落重新计算向量，不读取缓存和随附的向量（data/embeddings/）",
        ),
    ] = False,
) -> None:
    """切分段落、计算向量、建立 FAISS 与 BM25 索引（只为变化的段落计算向量）。"""
    from tqdm import tqdm

    from rag.embeddings import make_embedder
    from rag.ingest import build_index

    settings = load_settings(index_name=index)
    store = _store(settings, index)
    embedder = make_embedder(settings.embedder)
    with tqdm(desc="向量", unit="条", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            if bar.total != total:  # known once the cache has been read: show 0/total
                bar.total = total
                bar.refresh()
            bar.update(done - bar.n)

        report = build_index(
            store,
            embedder,
            cache_dir=settings.cache_dir,
            rebuild=rebuild,
            progress=progress,
            settings=settings,
            embed_all=embed_all,
        )
    if not report.rebuilt:
        typer.echo(
            f"索引 '{store.name}' 已是最新（{report.chunks} 段，{report.embedder}）；"
            "--rebuild 可强制重建"
        )
        return
    typer.echo(
        f"索引 '{store.name}'：{report.notices} 条通知，{report.chunks} 段、"
        f"{report.sentences} 句，新计算向量 {report.embedded} 条，"
        f"向量模型 {report.embedder}（{report.dimension} 维），"
        f"用时 {report.seconds:.1f} 秒"
    )


def _read_queries(path: Path) -> list[str]:
    from rag.errors import InvalidQueryError

    queries = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidQueryError(f"无法读取问题文件 {path}：{exc}") from exc
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            queries.append(item["question"] if isinstance(item, dict) else str(item))
        except (json.JSONDecodeError, KeyError) as exc:
            raise InvalidQueryError(
                f'{path} 第 {line_no} 行格式错误（{exc}）：每行应为 JSON，如 {{"question": "…"}}'
            ) from exc
    return queries


@app.command()
@handles_errors
def search(
    query: Annotated[str | None, typer.Argument(help="问题，例如：互联网诊疗有哪些要求？")] = None,
    k: Annotated[int, typer.Option("--k", help="返回段落数")] = 10,
    index: IndexesOpt = None,
    as_json: JsonOpt = False,
    queries: Annotated[Path | None, typer.Option("--queries", help="JSONL 批量问题文件")] = None,
    region: Annotated[str, typer.Option("--region", help="地区，如 福建")] = "",
    year: Annotated[int | None, typer.Option("--year", help="年份，如 2023")] = None,
    issuer: Annotated[str, typer.Option("--issuer", help="发文机关（包含匹配）")] = "",
    as_of: AsOfOpt = None,
    status: StatusOpt = None,
) -> None:
    """检索相关段落，附文号、标题、发文机关、日期与效力状态。"""
    from rag.errors import InvalidQueryError
    from rag.fused import open_searcher
    from rag.notices.validity import validity_options
    from rag.retrieve import Filters

    if (query is None) == (queries is None):
        raise InvalidQueryError("请给出一个问题，或用 --queries FILE.jsonl 批量检索（二选一）")
    day, statuses = validity_options(as_of, status or ())
    settings, names = _settings_for(index)
    retriever = open_searcher(names, settings)
    filters = Filters(region=region, year=year, issuer=issuer, status=statuses, as_of=day)
    for q in _read_queries(queries) if queries else [query or ""]:
        result = retriever.search(q, k=k, filters=filters)
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
            continue
        for w in result.warnings:
            typer.echo(f"⚠ {w}", err=True)
        several = len(names) > 1
        for h in result.hits:
            where = f"[{h.index}] " if several else ""
            typer.echo(
                f"[{h.rank}] {where}{h.doc_number or '无文号'} {h.title}"
                f"（{h.issuer or '发文机关不详'}，{h.date or '日期不详'}）"
                f"{'【' + h.status + '】' if h.status else ''}"
                f"{' > ' + h.heading if h.heading else ''}"
            )
            snippet = h.chunk.text.replace("\n", " ")
            typer.echo(f"    {snippet[:160]}{'…' if len(snippet) > 160 else ''}")


def _read_history(path: Path) -> list[dict[str, Any]]:
    """Chat turns from a JSON list or a JSONL file of {"role", "content"} objects."""
    from rag.errors import InvalidQueryError

    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidQueryError(f"无法读取对话历史 {path}：{exc}") from exc
    try:
        data = (
            json.loads(text)
            if text.startswith("[")
            else [json.loads(line) for line in text.splitlines() if line.strip()]
        )
    except json.JSONDecodeError as exc:
        raise InvalidQueryError(
            f'对话历史 {path} 不是 JSON（{exc}）：应为 [{{"role": "user", "content": "…"}}, …]'
        ) from exc
    if not isinstance(data, list):
        raise InvalidQueryError(f"对话历史 {path} 应为列表")
    return data


def _print_answer(answer: Any, several: bool = False) -> None:
    for note in answer.notes:
        typer.echo(f"⚠ {note}", err=True)
    typer.echo(answer.text)
    if answer.citations:
        typer.echo("")
        typer.echo("引用：")
    for c in answer.citations:
        quote = " ".join(c.quote.split())
        typer.echo(
            f"[{c.n}] {c.doc_number or '无文号'}{' ' + c.article if c.article else ''}"
            f"《{c.title}》{c.issuer or '发文机关不详'}，"
            f"{c.date or '日期不详'}{'【' + c.status + '】' if c.status else ''}"
            f"{f'（索引 {c.index}）' if several else ''}"
        )
        typer.echo(f"    「{quote[:200]}{'…' if len(quote) > 200 else ''}」")


@app.command()
@handles_errors
def ask(
    question: Annotated[
        str | None, typer.Argument(help="问题，例如：长期处方最长能开多久？")
    ] = None,
    history: Annotated[
        Path | None, typer.Option("--history", help="对话历史 JSON/JSONL（追问时用）")
    ] = None,
    queries: Annotated[
        Path | None, typer.Option("--queries", help="JSONL 批量问题（可带 history）")
    ] = None,
    k: Annotated[int | None, typer.Option("--k", help="用于回答的段落数")] = None,
    index: IndexesOpt = None,
    as_json: JsonOpt = False,
    region: Annotated[str, typer.Option("--region", help="地区，如 福建")] = "",
    year: Annotated[int | None, typer.Option("--year", help="年份，如 2023")] = None,
    issuer: Annotated[str, typer.Option("--issuer", help="发文机关（包含匹配）")] = "",
    as_of: AsOfOpt = None,
    status: StatusOpt = None,
) -> None:
    """回答问题：附带经过核验的引用（文号、标题、发文机关、日期、原文）与所引通知的效力。"""
    from rag.answer import Answerer
    from rag.errors import InvalidQueryError
    from rag.fused import open_searcher
    from rag.notices.validity import validity_options
    from rag.retrieve import Filters

    if (question is None) == (queries is None):
        raise InvalidQueryError("请给出一个问题，或用 --queries FILE.jsonl 批量提问（二选一）")
    day, statuses = validity_options(as_of, status or ())
    settings, names = _settings_for(index)
    answerer = Answerer(open_searcher(names, settings), settings)
    filters = Filters(region=region, year=year, issuer=issuer, status=statuses, as_of=day)
    items: list[tuple[str, list[dict[str, Any]]]] = []
    if queries is not None:
        try:
            lines = queries.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidQueryError(
                f"无法读取问题文件 {queries}：{exc}。请给出 UTF-8 编码的 JSONL 文件"
            ) from exc
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                items.append(
                    (item["question"], item.get("history") or [])
                    if isinstance(item, dict)
                    else (str(item), [])
                )
            except (json.JSONDecodeError, KeyError) as exc:
                raise InvalidQueryError(
                    f"{queries} 第 {line_no} 行格式错误（{exc}）："
                    '每行应为 JSON，如 {"question": "…"}'
                ) from exc
    else:
        items.append((question or "", _read_history(history) if history else []))
    for q, turns in items:
        answer = answerer.ask(q, turns, filters=filters, k=k)
        if as_json:
            typer.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        else:
            _print_answer(answer, several=len(names) > 1)
            if len(items) > 1:
                typer.echo("")


@app.command("eval")
@handles_errors
def eval_cmd(
    qa: Annotated[Path, typer.Option("--qa", help="问题集 JSONL（格式见 docs/eval-format.md）")],
    out: Annotated[Path, typer.Option("--out", help="输出文件夹")],
    k: Annotated[int, typer.Option("--k", help="每题检索段落数")] = 10,
    index: IndexOpt = None,
    retrieval_only: Annotated[
        bool, typer.Option("--retrieval-only", help="只评测检索，不生成回答")
    ] = False,
) -> None:
    """在问题集上评测检索与回答：写出 predictions.jsonl、metrics.json（按题型）与 metrics.png。"""
    from tqdm import tqdm

    from rag.evaluate import run_eval
    from rag.retrieve import Retriever

    settings = load_settings(index_name=index)
    retriever = Retriever.open(index, settings)
    answerer = None
    if not retrieval_only:
        from rag.answer import Answerer

        answerer = Answerer(retriever, settings)
    report = run_eval(
        qa,
        out,
        retriever,
        k=k,
        answerer=answerer,
        progress=lambda qs: tqdm(list(qs), desc="评测", unit="题", file=sys.stderr),
    )
    for e in report.errors:
        typer.echo(f"⚠ {e}", err=True)
    overall = report.metrics["overall"]
    keys: tuple[str, ...] = (
        "doc_recall@1",
        "doc_recall@5",
        "doc_recall@10",
        "doc_mrr@10",
        "evidence_recall@5",
    )
    if answerer is not None:
        keys += (
            "must_include",
            "citation_precision",
            "quote_fidelity",
            "refusal_recall",
            "false_refusal",
        )
    typer.echo("题型\t数量\t" + "\t".join(keys))
    rows = [("全部", overall), *report.metrics.get("by_type", {}).items()]
    for name, summary in rows:
        values = [summary.get(key) for key in keys]
        cells = ["-" if v is None else f"{v:.3f}" for v in values]
        typer.echo(f"{name}\t{summary.get('n')}\t" + "\t".join(cells))
    total = overall.get("latency_ms", {}).get("total") or overall.get("latency_ms", {}).get(
        "retrieve", {}
    )
    if total:
        typer.echo(f"延迟 p50 {total.get('p50', 0):.1f} ms，p95 {total.get('p95', 0):.1f} ms")
    written = [report.predictions_path, report.metrics_path, report.plot_path]
    typer.echo("已写出 " + "、".join(str(p) for p in written if p))


def _print_validity(v: dict[str, Any]) -> None:
    """A notice's validity as `rag notices show` prints it: status, reason, clause, relations
    in both directions and the timeline."""
    typer.echo(f"效力（截至 {v['as_of']}）：{v['status']}（{v['reason']}）")
    if v["evidence"]:
        typer.echo(f"    依据：「{' '.join(v['evidence'].split())}」")
    if v["trial"]:
        typer.echo("    试行 / 暂行")
    verbs = {"repeals": "废止", "amends": "修订", "implements": "落实"}
    for r in v["relations"]:
        target = r["doc_number"] or f"《{r['title']}》"
        where = "" if r["notice_id"] else "（不在索引中）"
        typer.echo(f"{verbs[r['kind']]}：{target}{where}")
    for key, verb in (("repealed_by", "被废止于"), ("amended_by", "被修订于")):
        for o in v[key]:
            typer.echo(f"{verb}：{o['doc_number'] or '无文号'} {o['title']}")
    for o in v["implemented_by"]:
        typer.echo(
            f"被落实于：{o['region'] or '地区不明'} {o['doc_number'] or '无文号'} {o['title']}"
        )
    if v["timeline"]:
        typer.echo("时间线：")
        for e in v["timeline"]:
            typer.echo(f"    {e['date']}  {e['event']}")
    for w in v["warnings"]:
        typer.echo(f"⚠ {w}")


@notices_app.callback()
@handles_errors
def notices_list(
    ctx: typer.Context,
    index: IndexOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
    status: StatusOpt = None,
) -> None:
    """列出索引中的全部通知（含效力状态）。"""
    if ctx.invoked_subcommand is not None:
        return
    from rag.notices.validity import ValidityIndex, validity_options
    from rag.store import notice_row

    day, statuses = validity_options(as_of, status or ())
    settings = load_settings(index_name=index)
    notices = _store(settings, index).load_notices()
    validity = ValidityIndex(notices)
    if statuses:
        notices = [n for n in notices if validity.status(n.notice_id, day).label in statuses]
    if as_json:
        _emit_json([notice_row(n, validity, day) for n in notices])
        return
    for n in notices:
        number = n.doc_number or "无文号"
        flag = f"  ⚠ {'；'.join(n.warnings)}" if n.warnings else ""
        label = validity.status(n.notice_id, day).label
        typer.echo(
            f"{number}\t{n.title}\t{n.issuer}\t{n.region or '-'}\t{n.date or '-'}\t{label}{flag}"
        )
    typer.echo(f"共 {len(notices)} 条", err=True)


@notices_app.command("show")
@handles_errors
def notices_show(
    doc_number: Annotated[str, typer.Argument(help="文号（任意括号与空格均可），或 notice_id")],
    index: IndexOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
) -> None:
    """查看一条通知：元数据、效力与时间线、警告、引用与被引用。"""
    from rag.notices.validity import ValidityIndex, validity_options
    from rag.store import citing, find_notice, notice_detail

    day, _ = validity_options(as_of)
    settings = load_settings(index_name=index)
    notices = _store(settings, index).load_notices()
    validity = ValidityIndex(notices)
    if as_json:
        _emit_json(notice_detail(notices, doc_number, day, validity))
        return
    notice = find_notice(notices, doc_number)
    cited = citing(notices, notice)
    for label, value in notice.labelled_fields():
        if value:
            typer.echo(f"{label}：{value}")
    _print_validity(validity.to_dict(notice.notice_id, day))
    for w in notice.warnings:
        typer.echo(f"⚠ {w}")
    by_id = {n.notice_id: n for n in notices}
    for r in notice.references:
        target = by_id.get(r.notice_id)
        verb = "宣布失效" if r.relation == "repeals" else "引用"
        where = f"→ {target.title}" if target else "（不在索引中）"
        typer.echo(f"{verb}：{r.doc_number} {where}")
    for n, rel in cited:
        verb = "被宣布失效于" if rel == "repeals" else "被引用于"
        typer.echo(f"{verb}：{n.doc_number or '无文号'} {n.title}")
    typer.echo("")
    typer.echo(notice.text)


@app.command()
@handles_errors
def serve(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
    index: IndexesOpt = None,
) -> None:
    """启动 HTTP API：/search /ask /notices /health 与 OpenAI 兼容的 /v1/chat/completions。"""
    import uvicorn

    from rag.api import create_app
    from rag.fused import open_searcher
    from rag.query_batch import for_serving

    settings, names = _settings_for(index)
    # Concurrent clients' query embeddings are batched unless the settings say otherwise.
    settings = for_serving(settings)
    # Keys and index are read before listening: a bad key file or a missing index is a
    # plain error, not 401s or 503s later.
    keys = _api_keys(settings, host)
    app_ = create_app(retriever=open_searcher(names, settings), settings=settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    guarded = f"需要 API 密钥（{len(keys)} 个）  " if keys else ""
    typer.echo(
        f"HTTP API：http://{shown}:{port}  接口文档 /docs  {guarded}（Ctrl+C 结束）", err=True
    )
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _api_keys(settings: Settings, host: str) -> tuple[str, ...]:
    """The configured API keys; warns on stderr when ``host`` is reachable and there are none."""
    from rag.auth import exposure_warning, load_api_keys

    keys = load_api_keys(settings)
    warning = exposure_warning(host, keys)
    if warning:
        typer.echo(warning, err=True)
    return keys


@app.command()
@handles_errors
def mcp(
    http: Annotated[
        bool, typer.Option("--http", help="用 streamable HTTP（/mcp）代替 stdio")
    ] = False,
    host: Annotated[str, typer.Option("--host", help="监听地址（--http）")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口（--http）")] = 8765,
    index: IndexOpt = None,
) -> None:
    """启动 MCP 服务：检索、回答、按文号查看与列出通知（默认 stdio，供桌面客户端启动）。"""
    from rag.answer import Answerer
    from rag.errors import ConfigError
    from rag.fused import open_searcher

    try:
        from rag import mcp_server
    except ImportError as exc:
        raise ConfigError(
            f"MCP 服务需要 mcp 包（{exc}）：请运行 pip install 'mcp>=2.3,<3'"
        ) from exc
    settings = load_settings(index_name=index)
    keys = _api_keys(settings, host) if http else ()
    # --index a,b serves several indexes as one (each citation names its index).
    retriever = open_searcher(index, settings)
    answerer = Answerer(retriever, settings)
    if http:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        guarded = f"需要 API 密钥（{len(keys)} 个）  " if keys else ""
        typer.echo(
            f"MCP（streamable HTTP）：http://{shown}:{port}{mcp_server.MCP_PATH}  {guarded}"
            "（Ctrl+C 结束）",
            err=True,
        )
    mcp_server.run(retriever, answerer, settings, http=http, host=host, port=port, keys=keys)


@app.command()
@handles_errors
def ui(
    host: Annotated[str, typer.Option("--host", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 7860,
    index: IndexOpt = None,
) -> None:
    """启动聊天界面（Gradio）：提问、查看引用与通知全文、上传文件。"""
    from ui.app import launch, open_answerer

    settings = load_settings(index_name=index)
    # Open the index before printing the address, so a missing index is a plain error.
    answerer = open_answerer(settings, index)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(f"聊天界面：http://{shown}:{port}  （Ctrl+C 结束）", err=True)
    launch(host, port, index, answerer=answerer, settings=settings)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
