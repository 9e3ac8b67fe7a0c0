"""The HTTP API over the bundled corpus (hash embedder, extractive answers).

FastAPI's TestClient for most checks; a live uvicorn server on a free localhost port for
the real OpenAI client, curl and the README examples; `rag serve` as a subprocess once.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from conftest import ROOT, live_server, settings_for
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from typer.testing import CliRunner

from rag.answer import Answer, Citation
from rag.api import create_app
from rag.cli import app as cli_app
from rag.config import load_settings

DOCNO = "国卫办医函〔2020〕357号"
DEADLINE_Q = "国卫办医函[2020]357号要求各地在什么时候前完成委省共建？"


@pytest.fixture(scope="module")
def env(corpus_env):
    return corpus_env


@pytest.fixture(scope="module")
def settings_(env):
    return settings_for(env)


@pytest.fixture(scope="module")
def base_url(retriever, answerer, settings_):
    with live_server(create_app(retriever, answerer, settings_)) as url:
        yield url


# ---------------------------------------------------------------------------
# JSON endpoints


@pytest.mark.parametrize(
    "typed", ["国卫办医函[2020]357号讲了什么？", "国卫办医函(2020)357号的主要内容"]
)
def test_search_routes_a_docno_in_any_bracket_to_that_notice(client, typed):
    r = client.post("/search", json={"query": typed, "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["doc_numbers"] == [DOCNO]
    assert len(body["hits"]) == 3
    top = body["hits"][0]
    assert top["doc_number"] == DOCNO and top["routed"]
    assert {"title", "issuer", "date", "source", "text", "start", "end"} <= set(top)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_search_returns_exactly_k_hits_for_a_routed_docno(client, k):
    r = client.post("/search", json={"query": "国卫办医函[2020]357号讲了什么？", "k": k})
    assert len(r.json()["hits"]) == k


def test_search_filters_restrict_region_and_year(client):
    r = client.post(
        "/search",
        json={"query": "新冠病毒检测试剂集中采购", "k": 5, "filters": {"region": "福建"}},
    )
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits and all(h["region"] == "福建" for h in hits)
    r = client.post("/search", json={"query": "社区医院建设", "filters": {"year": 2023}})
    assert all(h["date"].startswith("2023") for h in r.json()["hits"])


def test_ask_with_the_real_answerer_cites_retrieved_passages(client, retriever):
    r = client.post("/ask", json={"question": DEADLINE_Q})
    assert r.status_code == 200
    body = r.json()
    assert not body["refused"] and body["generator"] == "extractive"
    assert "[1]" in body["answer"]
    retrieved = {h["chunk_id"] for h in body["hits"]}
    for c in body["citations"]:
        assert c["chunk_id"] in retrieved
        notice = retriever.notices[c["notice_id"]]
        assert notice.text[c["start"] : c["end"]] == c["quote"]
        assert c["doc_number"] == notice.doc_number and c["title"] and c["date"]
    assert body["citations"][0]["doc_number"] == DOCNO


def test_ask_follow_up_uses_history(client):
    first = client.post("/ask", json={"question": "国卫办医函[2020]357号讲了什么？"}).json()
    r = client.post(
        "/ask",
        json={
            "question": "它的发文机关是谁？",
            "history": [
                {"role": "user", "content": first["question"]},
                {"role": "assistant", "content": first["answer"]},
            ],
        },
    )
    assert r.status_code == 200
    body = r.json()
    assert "357" in body["standalone"]
    assert "国家卫生健康委办公厅" in body["answer"]


def test_ask_outside_the_corpus_is_a_refusal_with_closest_notices(client):
    body = client.post("/ask", json={"question": "2030年火星基地的医保报销比例是多少？"}).json()
    assert body["refused"] and body["citations"] == []
    assert body["closest"] and all("title" in c for c in body["closest"])


@pytest.mark.parametrize(
    "typed", ["国卫办医函[2020]357号", "国卫办医函(2020)357号", "国卫办医函 〔2020〕 357 号"]
)
def test_notice_by_docno_in_any_bracket(client, typed):
    r = client.get(f"/notices/{typed}")
    assert r.status_code == 200
    body = r.json()
    assert body["doc_number"] == DOCNO
    assert body["issuer"] == "国家卫生健康委办公厅" and DOCNO in body["text"]
    assert isinstance(body["cited_by"], list)


def test_missing_notice_is_404_naming_the_docno(client):
    r = client.get("/notices/国卫办医函[2099]1号")
    assert r.status_code == 404
    message = r.json()["error"]["message"]
    assert "国卫办医函〔2099〕1号" in message and "rag notices" in message


def test_health_reports_the_index(client, retriever):
    r = client.get("/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["index"] == "default"
    assert body["notices"] == len(retriever.notices) == body["manifest"]["counts"]["notices"]
    assert body["chunks"] == len(retriever.chunks) == body["manifest"]["vectors"]["chunks"]
    assert body["embedder"] == "hash-256" and body["generator"] == "extractive"


def test_openapi_docs_list_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/search", "/ask", "/notices/{doc_number}", "/health"} <= set(paths)
    assert {"/v1/chat/completions", "/v1/models"} <= set(paths)
    assert client.get("/docs").status_code == 200


def _fields_match(model, data, where="") -> None:
    """``data`` has exactly the fields ``model`` declares, nested models included (a field
    the library adds without the model, or the reverse, fails here)."""
    import types
    import typing

    from pydantic import BaseModel

    model.model_validate(data)
    optional = {n for n, f in model.model_fields.items() if not f.is_required()}
    assert set(model.model_fields) - optional <= set(data) <= set(model.model_fields), where
    for name, field in model.model_fields.items():
        if name not in data:
            continue
        kind = field.annotation
        if typing.get_origin(kind) in (typing.Union, types.UnionType):  # X | None
            kind = next(a for a in typing.get_args(kind) if a is not type(None))
        many = typing.get_origin(kind) is list
        inner = typing.get_args(kind)[0] if many else kind
        if isinstance(inner, type) and issubclass(inner, BaseModel) and data[name] is not None:
            for item in data[name] if many else [data[name]]:
                _fields_match(inner, item, f"{where}.{name}")


def test_responses_have_exactly_the_fields_their_models_declare(client):
    from rag.responses import AskResponse, NoticeDetail, NoticeRow, SearchResponse

    body = client.post("/search", json={"query": "社区医院建设", "filters": {"year": 2023}}).json()
    assert body["filters"] == {"year": 2023}  # unset filters stay absent, as before
    _fields_match(SearchResponse, body)
    for question in (DEADLINE_Q, "2030年火星基地的医保报销比例是多少？"):
        _fields_match(AskResponse, client.post("/ask", json={"question": question}).json())
    _fields_match(NoticeDetail, client.get(f"/notices/{DOCNO}").json())
    rows = client.get("/notices").json()
    assert all("status" in r["validity"] for r in rows)
    assert DOCNO in {r["doc_number"] for r in rows} and "text" not in rows[0]
    for row in rows:
        _fields_match(NoticeRow, row)
    unknown = client.get("/notices", params={"status": "未知", "as_of": "2021-01-01"}).json()
    assert unknown and len(unknown) < len(rows)
    assert {r["validity"]["status"] for r in unknown} == {"未知"}
    assert {r["validity"]["as_of"] for r in unknown} == {"2021-01-01"}
    assert client.get("/notices", params={"status": "有效"}).status_code == 422


def test_openapi_shows_the_response_schemas(client):
    spec = client.get("/openapi.json").json()
    paths, schemas = spec["paths"], spec["components"]["schemas"]

    def ok_schema(path, method):
        return paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]

    assert ok_schema("/search", "post")["$ref"].endswith("/SearchResponse")
    assert ok_schema("/ask", "post")["$ref"].endswith("/AskResponse")
    assert ok_schema("/notices/{doc_number}", "get")["$ref"].endswith("/NoticeDetail")
    assert ok_schema("/notices", "get")["items"]["$ref"].endswith("/NoticeRow")
    assert {"index", "doc_number", "title", "issuer", "date", "text"} <= set(
        schemas["HitOut"]["properties"]
    )
    assert "index" in schemas["CitationOut"]["properties"]
    for path, method in [(p, m) for p, ops in paths.items() for m in ops]:
        # FastAPI's default 422 body ({"detail": …}) is not what the API sends.
        error = paths[path][method]["responses"].get("422")
        assert error is None or error["content"]["application/json"]["schema"]["$ref"].endswith(
            "/ErrorResponse"
        ), path
    assert "indexes" in schemas["SearchRequest"]["properties"]


# ---------------------------------------------------------------------------
# Validation: 4xx with a clear message, never a 500


@pytest.mark.parametrize(
    ("path", "body", "fragment"),
    [
        ("/search", {"query": "   "}, "问题为空"),
        ("/search", {"query": "互联网诊疗", "k": 0}, "k 应不小于 1"),
        ("/search", {"query": "互联网诊疗", "k": 101}, "k=101 超出范围"),
        ("/search", {"query": "互联网诊疗", "k": "5"}, "k 应为整数"),
        ("/search", {"query": 42}, "query 应为字符串"),
        ("/search", {"k": 3}, "query 缺少必填字段"),
        ("/search", {"query": "社区医院", "filters": {"year": "2023"}}, "filters.year 应为整数"),
        (
            "/search",
            {"query": "社区医院", "filters": {"city": "厦门"}},
            "filters.city 是不认识的字段",
        ),
        ("/search", b'{"query": "\\ud800"}', "代理项"),
        ("/search", ["互联网诊疗"], "应为 JSON 对象"),
        ("/ask", {"question": ""}, "问题为空"),
        ("/ask", {"question": "它呢", "history": [{"role": "bot", "content": "x"}]}, "role"),
        ("/ask", {"question": "互联网诊疗", "history": "上一轮"}, "history 应为数组"),
        ("/v1/chat/completions", {"model": "policy-rag", "messages": []}, "至少需要 1 项"),
        (
            "/v1/chat/completions",
            {"messages": [{"role": "assistant", "content": "你好"}]},
            "应为 user",
        ),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": " "}]}, "消息为空"),
        (
            "/v1/chat/completions",
            {"messages": [{"role": "user", "content": "互联网诊疗"}], "stream": "yes"},
            "stream 应为 true 或 false",
        ),
    ],
)
def test_bad_requests_get_422_with_a_chinese_message(client, path, body, fragment):
    if isinstance(body, bytes):  # JSON that Python's encoder would refuse to write
        r = client.post(path, content=body, headers={"Content-Type": "application/json"})
    else:
        r = client.post(path, json=body)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert fragment in error["message"], error["message"]
    assert error["type"] == "invalid_request_error"


def test_broken_json_is_422(client):
    r = client.post("/search", content=b'{"query": ', headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert "不是合法的 JSON" in r.json()["error"]["message"]


def test_oversized_body_is_413_before_parsing(retriever, answerer, env):
    small = settings_for(env, api_max_body_bytes=2048)
    c = TestClient(create_app(retriever, answerer, small), raise_server_exceptions=False)
    big = {"query": "互联网诊疗" * 1000}
    r = c.post("/search", json=big)
    assert r.status_code == 413
    assert "2048 字节" in r.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        yield b'{"query": "'
        for _ in range(100):
            yield "互联网诊疗".encode() * 10
        yield b'"}'

    r = c.post("/search", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert c.post("/search", json={"query": "互联网诊疗", "k": 2}).status_code == 200


def test_unknown_route_and_method_are_json_errors(client):
    r = client.get("/nope")
    assert r.status_code == 404 and "/docs" in r.json()["error"]["message"]
    r = client.get("/search")
    assert r.status_code == 405 and "GET" in r.json()["error"]["message"]


class SlowAnswerer:
    """Follows the answerer contract, slowly."""

    generator = type("G", (), {"id": "extractive"})()

    def __init__(self, retriever, seconds: float) -> None:
        self.retriever = retriever
        self.seconds = seconds

    def ask(self, question, history=None, filters=None, k=None):
        time.sleep(self.seconds)
        raise AssertionError("the request should have timed out first")


def test_request_past_the_timeout_is_504(retriever, settings_):
    quick = settings_.model_copy(update={"api_timeout": 0.3})
    c = TestClient(create_app(retriever, SlowAnswerer(retriever, 1.5), quick))
    t = time.perf_counter()
    r = c.post("/ask", json={"question": "互联网诊疗有哪些要求？"})
    assert r.status_code == 504
    assert time.perf_counter() - t < 1.2
    assert "0.3 秒" in r.json()["error"]["message"]
    r = c.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "问"}]})
    assert r.status_code == 504


def test_missing_index_is_503_naming_the_build_command(tmp_path):
    empty = load_settings(index_dir=tmp_path / "none", embedder="hash")
    c = TestClient(create_app(settings=empty), raise_server_exceptions=False)
    for r in (c.post("/search", json={"query": "互联网诊疗"}), c.get("/health")):
        assert r.status_code == 503
        assert "rag ingest" in r.json()["error"]["message"]
        assert r.json()["error"]["code"] == "index_not_found"


def test_default_index_opens_lazily_from_settings(env, settings_):
    app = create_app(settings=settings_)
    assert app.state.backend._retriever is None  # nothing opened at creation
    c = TestClient(app)
    assert (
        c.post("/search", json={"query": DEADLINE_Q, "k": 1}).json()["hits"][0]["doc_number"]
        == DOCNO
    )
    assert c.post("/ask", json={"question": DEADLINE_Q}).json()["citations"]


# ---------------------------------------------------------------------------
# OpenAI wire format


class RecordingAnswerer:
    """A fake that follows the answerer contract and records what it was asked."""

    def __init__(self, retriever) -> None:
        self.retriever = retriever
        self.generator = type("G", (), {"id": "fake"})()
        self.calls: list[tuple[str, list[dict[str, str]]]] = []

    def ask(self, question, history=None, filters=None, k=None):
        self.calls.append((question, list(history or [])))
        hit = self.retriever.search(question, k=1).hits[0]
        quote = hit.chunk.text[:20]
        citation = Citation(
            1, hit.doc_number, hit.title, hit.issuer, hit.date, hit.source, quote,
            hit.chunk.notice_id, hit.chunk.chunk_id, hit.chunk.start, hit.chunk.start + 20,
        )  # fmt: skip
        return Answer(question, question, f"{quote}[1]。", [citation], False, "", [hit])


def test_chat_messages_map_to_question_and_history(retriever):
    fake = RecordingAnswerer(retriever)
    c = TestClient(create_app(retriever, fake, retriever.settings))
    messages = [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": "国卫办医函[2020]357号讲了什么？"},
        {"role": "assistant", "content": [{"type": "text", "text": "它讲了医学中心。"}]},
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "它的发文机关"},
                {"type": "text", "text": "是谁？"},
            ],
        },
    ]
    r = c.post("/v1/chat/completions", json={"model": "x", "messages": messages, "temperature": 0})
    assert r.status_code == 200
    assert fake.calls == [
        (
            "它的发文机关是谁？",
            [
                {"role": "user", "content": "国卫办医函[2020]357号讲了什么？"},
                {"role": "assistant", "content": "它讲了医学中心。"},
            ],
        )
    ]
    body = r.json()
    assert body["object"] == "chat.completion" and body["model"] == "x"
    content = body["choices"][0]["message"]["content"]
    assert "[1]" in content and "引用：" in content
    assert body["citations"][0]["chunk_id"] and body["usage"]["completion_tokens"] > 0


def test_sse_stream_format(client):
    r = client.post(
        "/v1/chat/completions",
        json={
            "stream": True,
            "stream_options": {"include_usage": True},
            "messages": [{"role": "user", "content": DEADLINE_Q}],
        },
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = [line[6:] for line in r.text.split("\n\n") if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    final = next(c for c in chunks if c["choices"] and c["choices"][0]["finish_reason"] == "stop")
    assert final["citations"][0]["doc_number"] == DOCNO
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] > 0
    assert len({c["id"] for c in chunks}) == 1


@pytest.fixture(scope="module")
def openai_client(base_url):
    from openai import OpenAI

    return OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0, timeout=60)


def test_openai_client_plain(openai_client, retriever):
    reply = openai_client.chat.completions.create(
        model="policy-rag", messages=[{"role": "user", "content": DEADLINE_Q}]
    )
    content = reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop"
    assert "[1]" in content and "引用：" in content and DOCNO in content
    citations = reply.model_extra["citations"]
    assert citations[0]["doc_number"] == DOCNO
    for c in citations:
        assert f"[{c['n']}]" in content
        assert retriever.notices[c["notice_id"]].text[c["start"] : c["end"]] == c["quote"]
    assert reply.usage.total_tokens > 0


def test_openai_client_streaming_matches_plain(openai_client):
    messages = [{"role": "user", "content": "长期处方最长能开多久？"}]
    plain = openai_client.chat.completions.create(model="policy-rag", messages=messages)
    pieces: list[str] = []
    citations = None
    for chunk in openai_client.chat.completions.create(
        model="policy-rag", messages=messages, stream=True
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
        if (chunk.model_extra or {}).get("citations"):
            citations = chunk.model_extra["citations"]
    assert len(pieces) > 1
    assert "".join(pieces) == plain.choices[0].message.content
    assert "12周" in "".join(pieces)
    assert citations == plain.model_extra["citations"]


def test_openai_client_models_and_errors(openai_client):
    import openai

    assert [m.id for m in openai_client.models.list()] == ["policy-rag"]
    with pytest.raises(openai.UnprocessableEntityError) as err:
        openai_client.chat.completions.create(
            model="policy-rag", messages=[{"role": "user", "content": "  "}]
        )
    assert "消息为空" in err.value.message
    with pytest.raises(openai.UnprocessableEntityError):
        openai_client.chat.completions.create(
            model="policy-rag", messages=[{"role": "user", "content": "x"}], extra_body={"k": 0}
        )


def test_langchain_chat_openai_against_the_server(base_url):
    pytest.importorskip("langchain_openai")
    from langchain_openai import ChatOpenAI

    chat = ChatOpenAI(base_url=f"{base_url}/v1", api_key="unused", model="policy-rag")
    message = chat.invoke(DEADLINE_Q)
    assert "[1]" in message.content and DOCNO in message.content


# ---------------------------------------------------------------------------
# Schema fuzzing: no input the schema describes (or violates) may cause a 5xx


class DeferredApp:
    """An ASGI app whose target is set by a fixture: the schema loads at import, the index later."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)


# The schema is read at collection time from an app whose index is never opened; each
# example then runs against the app over the test index (see the fuzz_app fixture).
FUZZ_APP = DeferredApp(create_app(settings=load_settings(embedder="hash")))
schema = schemathesis.openapi.from_asgi("/openapi.json", FUZZ_APP)


@pytest.fixture(scope="module")
def fuzz_app(retriever, answerer, settings_):
    FUZZ_APP.app = create_app(retriever, answerer, settings_)
    return FUZZ_APP


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_schema_fuzzing_never_500(case, fuzz_app):
    # Every answer, success or error, also has the shape /openapi.json declares for it.
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])


# ---------------------------------------------------------------------------
# rag serve and the README examples


def test_rag_serve_without_an_index_is_a_plain_error(tmp_path):
    result = CliRunner().invoke(
        cli_app, ["serve"], env={"RAG_INDEX_DIR": str(tmp_path), "RAG_EMBEDDER": "hash"}
    )
    assert result.exit_code == 4
    assert "rag ingest" in result.output and "Traceback" not in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_rag_serve_answers_on_localhost(env):
    port = _free_port()
    rag = Path(sys.executable).with_name("rag")
    proc = subprocess.Popen(
        [str(rag), "serve", "--port", str(port)],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "rag serve did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["embedder"] == "hash-256"
        r = httpx.post(f"http://127.0.0.1:{port}/ask", json={"question": DEADLINE_Q}, timeout=60)
        assert r.json()["citations"][0]["doc_number"] == DOCNO
    finally:
        proc.terminate()
        proc.wait(10)


def readme_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## HTTP API and LangChain")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else len(text)]


def readme_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", readme_section(), flags=re.S)


# What each README curl example must print: every endpoint shown is checked.
CURL_EXPECTS = {
    "/search": DOCNO,
    "/ask": DOCNO,
    "/notices/": "国家卫生健康委办公厅",
    "/health": '"status":"ok"',
    "/v1/chat/completions": "data: [DONE]",
    "/v1/models": "policy-rag",
}


def test_readme_curl_examples(base_url):
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    commands = [
        c
        for block in readme_blocks("bash")
        for c in block.replace("\\\n", " ").splitlines()
        if c.strip().startswith("curl")
    ]
    covered = set()
    for command in commands:
        command = command.split("  #")[0].replace("http://127.0.0.1:8000", base_url)
        run = subprocess.run(["bash", "-c", command], capture_output=True, timeout=60)
        out = run.stdout.decode("utf-8")
        assert run.returncode == 0, (command, run.stderr)
        path = next(p for p in CURL_EXPECTS if f"{base_url}{p}" in command)
        assert CURL_EXPECTS[path] in out, (command, out[:500])
        covered.add(path)
    assert covered == set(CURL_EXPECTS)


def test_readme_python_examples(base_url, env, monkeypatch):
    blocks = readme_blocks("python")
    assert len(blocks) >= 3
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(block.replace("http://127.0.0.1:8000", base_url), {"__name__": "readme"})
        assert DOCNO in out.getvalue(), (block, out.getvalue()[:500])
