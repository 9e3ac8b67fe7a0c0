"""The MCP server (`rag mcp`) through the MCP SDK's own client.

Over stdio, `python -m rag.cli mcp` runs as a subprocess, as a desktop client launches it;
over streamable HTTP, the app runs in a live uvicorn (with and without API keys), and
`rag mcp --http` once as a subprocess. Bad arguments must come back as tool errors that say
what was wrong, and the next call must still be answered.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from conftest import ROOT, live_server, settings_for
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from rag.answer import Answerer
from rag.mcp_server import create_server, http_app
from rag.notices.validity import STATUSES
from rag.retrieve import Retriever

DOCNO = "国卫办医函〔2020〕357号"
DEADLINE_Q = "国卫办医函[2020]357号要求各地在什么时候前完成委省共建？"
# Cited by 国中医药办医政函〔2020〕116号 in the bundled corpus.
CITED = "国卫办医函〔2020〕330号"
CITER = "国中医药办医政函〔2020〕116号"
TOOLS = {"search_notices", "ask", "get_notice", "list_notices"}


@pytest.fixture(scope="module")
def settings_(corpus_env):
    return settings_for(corpus_env)


def run(session: Callable[[], Awaitable[None]]) -> None:
    anyio.run(session)


def data(result: Any) -> dict[str, Any]:
    """A successful call's structured result (the text content is the same JSON)."""
    assert not result.is_error, result.content
    assert json.loads(result.content[0].text) == result.structured_content
    return dict(result.structured_content)


def error_text(result: Any) -> str:
    assert result.is_error, result.structured_content
    return str(result.content[0].text)


def readme_client_config() -> dict[str, Any]:
    """The `mcpServers` entry the README tells users to put in their client's config."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## MCP server")
    section = text[start : text.index("\n## ", start + 1)]
    (block,) = re.findall(r"```json\n(.*?)```", section, flags=re.S)
    entry: dict[str, Any] = json.loads(block)["mcpServers"]["policy-rag"]
    return entry


def stdio_server(env: dict[str, str], cwd: str) -> StdioServerParameters:
    """`rag mcp` as the README's client config launches it (this checkout's code, the test
    index in place of the README's)."""
    entry = readme_client_config()
    assert Path(entry["command"]).name == "rag" and set(entry["env"]) <= set(env)
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "rag.cli", *entry["args"]],
        env={**os.environ, **entry["env"], **env, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
    )


# ---------------------------------------------------------------------------
# stdio: the CLI as a subprocess


def test_stdio_tools_answer_with_docno_title_issuer_date_and_verbatim_quotes(corpus_env, tmp_path):
    async def session() -> None:
        async with Client(stdio_server(corpus_env, str(tmp_path))) as client:
            tools = {t.name: t for t in (await client.list_tools()).tools}
            assert set(tools) == TOOLS
            assert all(t.annotations and t.annotations.read_only_hint for t in tools.values())

            notice = data(await client.call_tool("get_notice", {"doc_number": DOCNO}))
            found = data(
                await client.call_tool(
                    "search_notices", {"query": "国卫办医函[2020]357号讲了什么？", "k": 3}
                )
            )
            hits = found["hits"]
            assert len(hits) == 3 and hits[0]["doc_number"] == DOCNO and hits[0]["routed"]
            for hit in hits:
                assert hit["title"] and hit["issuer"] and hit["date"]
                if hit["notice_id"] == notice["notice_id"]:
                    assert notice["text"][hit["start"] : hit["end"]] == hit["text"]

            answer = data(await client.call_tool("ask", {"question": DEADLINE_Q}))
            assert not answer["refused"] and "[1]" in answer["answer"]
            first = answer["citations"][0]
            assert first["doc_number"] == DOCNO
            assert first["title"] == notice["title"] and first["issuer"] == notice["issuer"]
            assert first["date"] == notice["date"]
            assert first["quote"] and first["quote"] in notice["text"]
            assert "hits" not in answer

            # A follow-up leans on the history for its 文号.
            follow = data(
                await client.call_tool(
                    "ask",
                    {
                        "question": "它的发文机关是谁？",
                        "history": [
                            {"role": "user", "content": "国卫办医函[2020]357号讲了什么？"},
                            {"role": "assistant", "content": "……"},
                        ],
                    },
                )
            )
            assert follow["citations"][0]["doc_number"] == DOCNO
            assert notice["issuer"] in follow["answer"]

    run(session)


def test_stdio_bad_arguments_are_tool_errors_and_the_server_keeps_answering(corpus_env, tmp_path):
    async def session() -> None:
        async with Client(stdio_server(corpus_env, str(tmp_path))) as client:
            cases: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
                (
                    "search_notices",
                    {"query": "互联网诊疗", "k": 0},
                    ("参数无效", "k", "greater than", "收到 0"),
                ),
                ("search_notices", {"query": "互联网诊疗", "k": 5000}, ("k", "less than", "100")),
                ("search_notices", {"k": 3}, ("query", "required")),
                ("search_notices", {"query": ""}, ("query", "at least 1")),
                ("search_notices", {"query": "   "}, ("问题为空",)),
                ("search_notices", {"query": "x", "year": "二〇二〇"}, ("year", "integer")),
                (
                    "ask",
                    {"question": "它呢？", "history": [{"role": "robot", "content": "x"}]},
                    ("history.0.role", "'user' or 'assistant'"),
                ),
                (
                    "get_notice",
                    {"doc_number": "国卫办医函[2099]1号"},
                    ("国卫办医函〔2099〕1号", "list_notices"),
                ),
                ("list_notices", {"year": 3000}, ("year", "2100")),
                ("no_such_tool", {}, ("no_such_tool",)),
            ]
            for tool, arguments, fragments in cases:
                text = error_text(await client.call_tool(tool, arguments))
                assert "Traceback" not in text
                for fragment in fragments:
                    assert fragment in text, (tool, arguments, text)
            # Still serving, and right.
            hits = data(await client.call_tool("search_notices", {"query": DOCNO, "k": 1}))
            assert hits["hits"][0]["doc_number"] == DOCNO

    run(session)


def test_rag_mcp_without_an_index_is_a_plain_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "rag.cli", "mcp"],
        env={
            **os.environ,
            "RAG_INDEX_DIR": str(tmp_path),
            "RAG_EMBEDDER": "hash",
            "PYTHONPATH": str(ROOT),
        },
        cwd=tmp_path,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 4
    err = result.stderr.decode("utf-8")
    assert "rag ingest" in err and "Traceback" not in err
    assert result.stdout == b""  # stdout is the protocol channel: nothing else goes there


# ---------------------------------------------------------------------------
# Tools in-process (what no subprocess is needed for)


def test_get_notice_in_any_bracket_form_with_references_and_cited_by(
    retriever, answerer, settings_
):
    server = create_server(retriever, answerer, settings_)

    async def session() -> None:
        async with Client(server) as client:
            forms = [
                CITED,
                "国卫办医函[2020]330号",
                "国卫办医函(2020)330号",
                "国卫办医函【2020】330号",
                " 国卫办医函 〔2020〕 330 号 ",
            ]
            seen = [data(await client.call_tool("get_notice", {"doc_number": f})) for f in forms]
            assert {n["notice_id"] for n in seen} == {seen[0]["notice_id"]}
            notice = seen[0]
            assert notice["doc_number"] == CITED and notice["title"] and notice["issuer"]
            assert notice["date"] and notice["text"]
            assert CITER in {c["doc_number"] for c in notice["cited_by"]}
            citer = data(
                await client.call_tool("get_notice", {"doc_number": CITER, "include_text": False})
            )
            assert "text" not in citer
            assert any(
                r["doc_number"] == CITED and r["notice_id"] == notice["notice_id"]
                for r in citer["references"]
            )
            validity = notice["validity"]
            assert validity["status"] in STATUSES and validity["reason"]
            assert {"effective", "expires", "relations", "timeline"} <= set(validity)

    run(session)


def test_get_notice_says_whether_it_is_still_in_force(retriever, answerer, settings_):
    server = create_server(retriever, answerer, settings_)

    async def session() -> None:
        async with Client(server) as client:
            # 试行期一年 from 2020-06-01: lapsed by any date this test runs on.
            got = data(await client.call_tool("get_notice", {"doc_number": "湘医保发[2020]20号"}))
            validity = got["validity"]
            assert (validity["effective"], validity["expires"]) == ("2020-06-01", "2021-05-31")
            assert validity["status"] == "已过有效期"
            assert "试行期一年" in validity["evidence"]

    run(session)


def test_notice_record_carries_validity_when_given_the_index(by_number):
    from rag.notices.validity import ValidityIndex
    from rag.store import notice_record

    notice = by_number["湘医保发〔2020〕20号"]
    assert notice_record(notice).get("validity") is None
    record = notice_record(notice, ValidityIndex([notice]), "2021-01-01")
    assert record["validity"]["status"] == "现行有效"
    assert json.loads(json.dumps(record, ensure_ascii=False))["doc_number"] == notice.doc_number


def test_list_notices_by_region_year_and_issuer(retriever, answerer, settings_):
    server = create_server(retriever, answerer, settings_)
    notices = list(retriever.notices.values())

    async def session() -> None:
        async with Client(server) as client:
            everything = data(await client.call_tool("list_notices", {}))
            assert everything["count"] == len(notices) == len(everything["notices"])
            dates = [n["date"] for n in everything["notices"]]
            assert dates == sorted(dates)
            assert all("text" not in n for n in everything["notices"])

            hebei = data(await client.call_tool("list_notices", {"region": "河北"}))
            want = {n.notice_id for n in notices if n.region == "河北"}
            assert want and {n["notice_id"] for n in hebei["notices"]} == want
            assert hebei["filters"] == {"region": "河北"}

            y2021 = data(await client.call_tool("list_notices", {"year": 2021}))
            assert y2021["count"] and all(n["date"].startswith("2021") for n in y2021["notices"])
            assert y2021["count"] == sum(n.date.startswith("2021") for n in notices)

            both = data(
                await client.call_tool(
                    "list_notices", {"region": "全国", "issuer": "国家卫生健康委办公厅"}
                )
            )
            assert both["count"] and all(
                n["region"] == "全国"
                and "国家卫生健康委办公厅" in n["issuer"]
                and n["doc_number"] is not None
                and n["title"]
                for n in both["notices"]
            )
            assert both["count"] < everything["count"]

    run(session)


def test_search_filters_match_rag_search(retriever, answerer, settings_):
    from rag.retrieve import Filters

    server = create_server(retriever, answerer, settings_)
    query = "社区医院建设"
    want = retriever.search(query, k=5, filters=Filters(region="全国", year=2020)).to_dict()

    async def session() -> None:
        async with Client(server) as client:
            got = data(
                await client.call_tool(
                    "search_notices", {"query": query, "k": 5, "region": "全国", "year": 2020}
                )
            )
            assert [h["chunk_id"] for h in got["hits"]] == [h["chunk_id"] for h in want["hits"]]
            assert got["hits"] and all(
                h["region"] == "全国" and h["date"].startswith("2020") for h in got["hits"]
            )

    run(session)


# ---------------------------------------------------------------------------
# Streamable HTTP


@dataclass
class Http:
    url: str
    key: str


@pytest.fixture(scope="module")
def http_server(retriever, answerer, settings_):
    key = "mcp-test-key-7f3a"
    server = create_server(retriever, answerer, settings_)
    with live_server(http_app(server, retriever, (key,), "127.0.0.1"), lifespan="on") as url:
        yield Http(url, key)


def http_client(url: str, key: str | None) -> Client:
    from mcp.client.streamable_http import streamable_http_client
    from mcp.shared._httpx_utils import create_mcp_http_client

    headers = {"Authorization": f"Bearer {key}"} if key else None
    transport = streamable_http_client(
        f"{url}/mcp", http_client=create_mcp_http_client(headers=headers)
    )
    return Client(transport)


def test_http_with_the_key_serves_tools_and_survives_bad_arguments(http_server):
    async def session() -> None:
        async with http_client(http_server.url, http_server.key) as client:
            assert {t.name for t in (await client.list_tools()).tools} == TOOLS
            text = error_text(await client.call_tool("ask", {"question": DEADLINE_Q, "k": -1}))
            assert "k" in text and "greater than" in text
            text = error_text(await client.call_tool("get_notice", {"doc_number": "not a docno"}))
            assert "无法识别为文号" in text
            answer = data(await client.call_tool("ask", {"question": DEADLINE_Q}))
            assert answer["citations"][0]["doc_number"] == DOCNO

    run(session)


def test_http_without_or_with_a_wrong_key_is_401_and_health_stays_open(http_server):
    url = http_server.url
    init = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"}):
        r = httpx.post(f"{url}/mcp", json=init, headers=headers, timeout=30)
        assert r.status_code == 401, headers
        assert r.json()["error"]["code"] == "invalid_api_key"
        assert r.headers["www-authenticate"] == "Bearer"
    health = httpx.get(f"{url}/health", timeout=30)
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert health.json()["notices"] > 0

    async def session() -> None:
        async with http_client(url, "wrong"):
            pass

    from mcp.shared.exceptions import MCPError

    with pytest.raises(BaseExceptionGroup) as err:  # the SDK client cannot connect
        run(session)
    assert err.group_contains(MCPError)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_rag_mcp_http_on_all_interfaces_warns_without_keys_and_serves(corpus_env, tmp_path):
    port = _free_port()
    err_path = tmp_path / "stderr.txt"
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rag.cli",
                "mcp",
                "--http",
                "--host",
                "0.0.0.0",
                "--port",
                str(port),
            ],
            env={**os.environ, **corpus_env, "PYTHONPATH": str(ROOT)},
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, err_path.read_text(encoding="utf-8")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "rag mcp --http did not start"
            time.sleep(0.2)

        async def session() -> None:
            async with http_client(f"http://127.0.0.1:{port}", None) as client:
                hits = data(await client.call_tool("search_notices", {"query": DOCNO, "k": 2}))
                assert hits["hits"][0]["doc_number"] == DOCNO

        run(session)
        stderr = err_path.read_text(encoding="utf-8")
        assert "未设置 API 密钥" in stderr and "RAG_API_KEYS" in stderr
        assert f":{port}/mcp" in stderr
    finally:
        proc.terminate()
        proc.wait(10)


def test_tools_search_and_ask_across_several_indexes(tmp_path):
    """`indexes` searches several indexes as one: a question answered from the second cites
    it by name; an index that does not exist is a tool error, and the next call works."""
    from conftest import index_env
    from typer.testing import CliRunner

    from rag.cli import app

    docs = {
        "a": "甲省卫生健康委员会关于做好示例甲项工作的通知\n甲卫发〔2030〕1号\n各市：\n"
        "一、示例甲项工作由县级卫生健康部门统一组织。\n甲省卫生健康委员会\n2030年3月1日\n",
        "b": "乙省卫生健康委员会关于规范示例乙项服务的通知\n乙卫发〔2030〕2号\n各市：\n"
        "一、示例乙项服务每次收费不超过十五元。\n乙省卫生健康委员会\n2030年4月1日\n",
    }
    env = index_env(tmp_path)
    runner = CliRunner()
    for name, text in docs.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        for args in (["ingest", str(path), "--index", name], ["index", "--index", name]):
            result = runner.invoke(app, args, env=env)
            assert result.exit_code == 0, result.output
    settings = settings_for(env, index_name="a")
    served = Retriever.open("a", settings)
    server = create_server(served, Answerer(served, settings), settings)

    async def session() -> None:
        async with Client(server) as client:
            hits = data(
                await client.call_tool(
                    "search_notices", {"query": "示例乙项服务收费", "indexes": ["a", "b"]}
                )
            )["hits"]
            assert {h["index"] for h in hits} == {"a", "b"}
            assert {h["doc_number"] for h in hits if h["index"] == "b"} == {"乙卫发〔2030〕2号"}
            answer = data(
                await client.call_tool(
                    "ask", {"question": "示例乙项服务每次收费多少？", "indexes": ["a", "b"]}
                )
            )
            assert "十五元" in answer["answer"]
            assert {c["index"] for c in answer["citations"]} == {"b"}
            missing = error_text(
                await client.call_tool("search_notices", {"query": "收费", "indexes": ["nope"]})
            )
            assert "nope" in missing
            again = data(await client.call_tool("search_notices", {"query": "示例甲项工作"}))
            assert {h["index"] for h in again["hits"]} == {"a"}

    run(session)
