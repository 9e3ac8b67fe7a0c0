"""MCP server over one index (``rag mcp``): search, ask, look up and list notices.

Thin, like the CLI and the HTTP API: the SDK (``mcp``, MCPServer) validates a call's
arguments against each tool's schema, the library does the work (``Retriever.search``,
``Answerer.ask``, ``store.notice_detail``), and library errors (``RagError``) become tool
errors here — an ``is_error`` result whose text says what was wrong and how to fix it, which
the model reads; the server keeps serving. Results are the ``--json`` shapes of the CLI, so
every passage, citation and notice carries 文号, title, issuer and date, and quotes are
verbatim text of the notice.

Transports: stdio (the default; what desktop MCP clients launch) or streamable HTTP at
``/mcp`` (``rag mcp --http``), behind the API keys of ``rag/auth.py`` when any are set.
"""

# No ``from __future__ import annotations``: the SDK reads each tool's signature at run
# time, and the limits in it (max_k) are closure variables that a string cannot name.
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, Literal

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rag.config import Settings
from rag.errors import NoticeNotFoundError, RagError
from rag.retrieve import Filters

if TYPE_CHECKING:
    from starlette.types import ASGIApp

    from rag.answer import Answerer
    from rag.fused import FusedRetriever
    from rag.retrieve import Retriever

SERVER_NAME = "policy-rag"
MCP_PATH = "/mcp"

INSTRUCTIONS = (
    "检索与回答中国卫生健康政策通知（通知、意见、办法）。每条结果都带文号、标题、发文机关、日期与原文。"
    "search_notices 检索段落；ask 给出带 [n] 引用的回答（证据不足时拒答并列出最接近的通知）；"
    "get_notice 按文号（任意括号：〔〕[]()【】）查看一条通知及其引用、被引用；"
    "list_notices 按地区、年份、发文机关列出通知。"
    " Chinese health-policy notices: search passages, ask with verified citations, look up a "
    "notice by its 文号 (document number), list notices by region/year/issuer."
)

_READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, open_world_hint=False)

Region = Annotated[
    str, Field(max_length=50, description="省级地区简称，如 福建；全国 表示国家层面。空 = 不限")
]
Year = Annotated[int | None, Field(ge=1900, le=2100, description="年份，如 2023。空 = 不限")]
Issuer = Annotated[
    str, Field(max_length=200, description="发文机关（包含匹配），如 国家卫生健康委。空 = 不限")
]


class ChatTurn(BaseModel):
    """One earlier turn of the conversation, in the OpenAI shape."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant"]
    content: str


class _Server(MCPServer[Any]):
    """MCPServer whose argument errors name each bad argument, the value and the limit."""

    async def call_tool(self, name: str, arguments: dict[str, Any], context: Any = None) -> Any:
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as exc:
            cause = exc.__cause__
            if type(exc) is ToolError and isinstance(cause, ValidationError):
                raise ToolError(argument_problems(name, cause)) from cause
            raise


def argument_problems(tool: str, error: ValidationError) -> str:
    """One line per bad argument: where, what pydantic expected, and what was given."""
    parts = []
    for err in error.errors()[:8]:
        where = ".".join(str(p) for p in err.get("loc", ())) or "参数"
        given = err.get("input")
        shown = "" if err.get("type") == "missing" else f"（收到 {given!r:.60}）"
        parts.append(f"{where}: {err.get('msg')}{shown}")
    return f"工具 {tool} 的参数无效：" + "；".join(parts) + "。参数说明见该工具的 inputSchema"


@contextmanager
def _as_tool_error() -> Iterator[None]:
    """A library error reaches the model as the tool's error text (no traceback)."""
    try:
        yield
    except RagError as exc:
        raise ToolError(str(exc)) from exc


def _filters(region: str, year: int | None, issuer: str) -> Filters:
    return Filters(region=region.strip(), year=year, issuer=issuer.strip())


Indexes = Annotated[
    list[str] | None,
    Field(
        max_length=20,
        description='在这些索引中一起检索（如 ["default", "mine"]）；空 = 服务所开的索引',
    ),
]


class _Searchers:
    """The served searcher and answerer, and those over other sets of indexes a call names
    (opened on first use, kept for the life of the server, like the API's)."""

    def __init__(self, retriever: Any, answerer: Any, settings: Settings) -> None:
        self.served = (retriever, answerer)
        self.settings = settings
        self._opened: dict[tuple[str, ...], tuple[Any, Any]] = {}
        self._lock = threading.Lock()

    def get(self, indexes: list[str] | None) -> tuple[Any, Any]:
        from rag.fused import parse_index_names

        names = tuple(parse_index_names(indexes or None))
        if not names or ",".join(names) == getattr(self.served[0], "name", None):
            return self.served
        with self._lock:
            if names not in self._opened:
                from rag.answer import Answerer
                from rag.fused import open_searcher

                searcher = open_searcher(list(names), self.settings)
                self._opened[names] = (searcher, Answerer(searcher, self.settings))
            return self._opened[names]


def create_server(
    retriever: "Retriever | FusedRetriever", answerer: "Answerer", settings: Settings
) -> MCPServer[Any]:
    """The MCP server's tools over ``retriever`` (and ``answerer``, sharing it)."""
    server = _Server(
        SERVER_NAME,
        title="policy-rag",
        instructions=INSTRUCTIONS,
        version="0.1.0",
        # INFO would put every call on stderr; a desktop client keeps stderr as its log.
        log_level="WARNING",
    )
    max_k = settings.max_k
    searchers = _Searchers(retriever, answerer, settings)

    @server.tool(annotations=_READ_ONLY)
    def search_notices(
        query: Annotated[
            str,
            Field(min_length=1, description="问题或关键词；含文号（任意括号）时直达该通知"),
        ],
        k: Annotated[int, Field(ge=1, le=max_k, description="返回段落数")] = 5,
        region: Region = "",
        year: Year = None,
        issuer: Issuer = "",
        indexes: Indexes = None,
    ) -> dict[str, Any]:
        """检索通知段落。Search passages of the notices (hybrid dense + BM25; a 文号 in the
        query routes to that notice). Each hit: doc_number (文号, "" = none), title, issuer,
        date, region, heading, text (the passage, verbatim), notice_id, rank, score, index,
        status (validity today). `indexes` searches several indexes as one."""
        with _as_tool_error():
            searcher, _ = searchers.get(indexes)
            result = searcher.search(query, k=k, filters=_filters(region, year, issuer))
            return result.to_dict()

    @server.tool(annotations=_READ_ONLY)
    def ask(
        question: Annotated[
            str, Field(min_length=1, description="问题，如 长期处方最长能开多久？")
        ],
        history: Annotated[
            list[ChatTurn] | None,
            Field(max_length=200, description="此前的对话（追问时用），最早的在前"),
        ] = None,
        k: Annotated[
            int | None, Field(ge=1, le=max_k, description="用于回答的段落数（默认 answer_k）")
        ] = None,
        region: Region = "",
        year: Year = None,
        issuer: Issuer = "",
        indexes: Indexes = None,
    ) -> dict[str, Any]:
        """回答问题，附经核验的引用。Answer from the notices: `answer` has [n] markers; each
        citation has n, doc_number (文号), title, issuer, date and quote (verbatim from the
        passage). `refused` is true when the notices do not cover the question; `closest`
        then lists the nearest notices. Follow-ups: pass earlier turns as `history`."""
        turns = [t.model_dump() for t in history or ()]
        with _as_tool_error():
            _, chosen = searchers.get(indexes)
            answer = chosen.ask(
                question, turns, filters=_filters(region, year, issuer), k=k
            ).to_dict()
        # The citations carry the evidence; the ranked passages behind them are search's.
        answer.pop("hits", None)
        return answer

    @server.tool(annotations=_READ_ONLY)
    def get_notice(
        doc_number: Annotated[
            str,
            Field(
                min_length=1,
                description="文号，任意括号与空格均可（国卫办医函〔2020〕357号、"
                "国卫办医函[2020]357号），或 notice_id",
            ),
        ],
        include_text: Annotated[bool, Field(description="是否返回全文")] = True,
    ) -> dict[str, Any]:
        """按文号查看一条通知。One notice: 文号, title, issuer, region, dates, warnings,
        `references` (文号 it cites or repeals), `cited_by` (notices that cite or repeal
        it), `validity` (status today, the clause that decides it, what it repeals, amends
        or implements and who repealed, amended or implemented it, timeline), and the full
        text."""
        from rag.store import notice_detail

        try:
            data = notice_detail(
                list(retriever.notices.values()), doc_number, None, retriever.validity
            )
        except NoticeNotFoundError as exc:
            raise ToolError(f"{exc}（或用 list_notices 按地区、年份列出通知）") from exc
        if not include_text:
            data.pop("text", None)
        return data

    @server.tool(annotations=_READ_ONLY)
    def list_notices(
        region: Region = "",
        year: Year = None,
        issuer: Issuer = "",
    ) -> dict[str, Any]:
        """按地区、年份、发文机关列出通知（不含全文）。List notices, oldest first: 文号,
        title, issuer, region, date, references, warnings, validity (status today). Use
        get_notice for a full text."""
        from rag.store import notice_row

        wanted = _filters(region, year, issuer)
        notices = sorted(
            (n for n in retriever.notices.values() if wanted.allows(n)),
            key=lambda n: (n.date, n.doc_number, n.title),
        )
        return {
            "count": len(notices),
            "filters": {k: v for k, v in vars(wanted).items() if v and k != "keep_unknown"},
            "notices": [notice_row(n, retriever.validity) for n in notices],
        }

    return server


def health(retriever: "Retriever | FusedRetriever") -> Mapping[str, Any]:
    return {
        "status": "ok",
        "server": SERVER_NAME,
        "index": retriever.name,
        "notices": len(retriever.notices),
    }


def http_app(
    server: MCPServer[Any],
    retriever: "Retriever | FusedRetriever",
    keys: tuple[str, ...],
    host: str,
) -> "ASGIApp":
    """The streamable-HTTP app (endpoint ``/mcp``, open ``/health``), behind ``keys`` when set."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse, Response

    from rag.auth import BearerAuth

    @server.custom_route("/health", methods=["GET"])
    async def _health(request: Request) -> Response:
        return JSONResponse(dict(health(retriever)))

    app: ASGIApp = server.streamable_http_app(streamable_http_path=MCP_PATH, host=host)
    if keys:
        app = BearerAuth(app, keys)
    return app


def run(
    retriever: "Retriever | FusedRetriever",
    answerer: "Answerer",
    settings: Settings,
    *,
    http: bool = False,
    host: str = "127.0.0.1",
    port: int = 8765,
    keys: tuple[str, ...] = (),
) -> None:
    """Serve until stopped: stdio, or streamable HTTP on ``host:port``."""
    server = create_server(retriever, answerer, settings)
    if not http:
        server.run("stdio")
        return
    import uvicorn

    uvicorn.run(http_app(server, retriever, keys, host), host=host, port=port, log_level="warning")
