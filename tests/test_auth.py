"""API keys for `rag serve` (and the MCP HTTP transport, tests/test_mcp.py) and the chat
UI's password: who gets in, what the others are told, and that a key never reaches a log.
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import httpx
import pytest
from conftest import live_server, settings_for
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rag.api import create_app
from rag.auth import bearer_token, exposure_warning, is_loopback, key_matches, load_api_keys
from rag.cli import app as cli_app
from rag.config import load_settings
from rag.errors import ConfigError

DOCNO = "国卫办医函〔2020〕357号"
KEY_A = "sk-policy-alpha-51c0"
KEY_B = "sk-policy-beta-9e2d"


@pytest.fixture(scope="module")
def settings_(corpus_env):
    return settings_for(corpus_env, api_keys=f"{KEY_A}, {KEY_B}")


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# ---------------------------------------------------------------------------
# Where keys come from


def test_keys_from_the_setting_and_the_key_file(tmp_path, monkeypatch):
    key_file = tmp_path / "keys.txt"
    key_file.write_text(
        "# team keys\nfile-key-1\n\n  file-key-2   # the CI runner\nenv-key\n", encoding="utf-8"
    )
    monkeypatch.setenv("RAG_API_KEYS", "env-key, second-env-key,,")
    monkeypatch.setenv("RAG_API_KEY_FILE", str(key_file))
    keys = load_api_keys(load_settings())
    assert keys == ("env-key", "second-env-key", "file-key-1", "file-key-2")


def test_keys_listed_in_rag_toml(tmp_path, monkeypatch):
    config = tmp_path / "rag.toml"
    config.write_text('api_keys = ["toml-key-1", "toml-key-2"]\n', encoding="utf-8")
    monkeypatch.delenv("RAG_API_KEYS", raising=False)
    monkeypatch.delenv("RAG_API_KEY_FILE", raising=False)
    monkeypatch.setenv("RAG_CONFIG", str(config))
    assert load_api_keys(load_settings()) == ("toml-key-1", "toml-key-2")


def test_no_keys_by_default(monkeypatch):
    monkeypatch.delenv("RAG_API_KEYS", raising=False)
    monkeypatch.delenv("RAG_API_KEY_FILE", raising=False)
    assert load_api_keys(load_settings()) == ()


def test_an_unreadable_key_file_is_a_config_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(ConfigError) as err:
        load_api_keys(load_settings(api_key_file=missing))
    assert str(missing) in str(err.value) and "api_key_file" in str(err.value)
    result = CliRunner().invoke(
        cli_app, ["serve"], env={"RAG_API_KEY_FILE": str(missing), "RAG_INDEX_DIR": str(tmp_path)}
    )
    assert result.exit_code == 2 and str(missing) in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("line", ["secret part-two", "secret密钥", "secret\x07bell"])
def test_a_key_no_header_can_carry_is_refused_without_echoing_it(tmp_path, line):
    key_file = tmp_path / "keys.txt"
    key_file.write_text(f"{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_api_keys(load_settings(api_key_file=key_file))
    assert "secret" not in str(err.value) and "ASCII" in str(err.value)


def test_token_parsing_and_matching():
    assert bearer_token("Bearer abc") == "abc" and bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") == "" and bearer_token("") == ""
    assert key_matches("k2", ("k1", "k2")) and not key_matches("k", ("k1", "k2"))
    assert not key_matches("", ("k1",)) and not key_matches("k1x", ("k1",))


# ---------------------------------------------------------------------------
# rag serve's API with keys


@pytest.mark.parametrize(
    "headers",
    [
        {},
        auth("sk-wrong"),
        auth(KEY_A + "x"),
        {"Authorization": f"Basic {KEY_A}"},
        {"Authorization": KEY_A},
    ],
)
def test_requests_without_the_right_key_are_401_in_the_openai_shape(client, headers):
    r = client.post("/search", json={"query": DOCNO, "k": 1}, headers=headers)
    assert r.status_code == 401
    error = r.json()["error"]
    assert error["type"] == "authentication_error" and error["code"] == "invalid_api_key"
    assert "Bearer" in error["message"] or "密钥" in error["message"]
    assert r.headers["www-authenticate"] == "Bearer"
    assert KEY_A not in r.text
    for path in ("/v1/models", "/notices/" + DOCNO, "/docs", "/openapi.json"):
        assert client.get(path, headers=headers).status_code == 401, path


def test_either_configured_key_gets_in(client):
    for key in (KEY_A, KEY_B):
        r = client.post("/search", json={"query": DOCNO, "k": 1}, headers=auth(key))
        assert r.status_code == 200 and r.json()["hits"][0]["doc_number"] == DOCNO
        assert client.get("/v1/models", headers=auth(key)).json()["data"][0]["id"] == "policy-rag"


def test_health_stays_open(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_a_missing_key_says_how_to_send_one(client):
    message = client.post("/ask", json={"question": "x"}).json()["error"]["message"]
    assert "Authorization: Bearer" in message


def test_oversized_body_without_a_key_is_401_not_413(client):
    # The key is checked before the body is read.
    r = client.post("/ask", content=b"x" * 2_000_000, headers={"content-type": "application/json"})
    assert r.status_code == 401


def test_openai_client_with_the_key_and_without(retriever, answerer, settings_):
    import openai
    from openai import OpenAI

    with live_server(create_app(retriever, answerer, settings_)) as url:
        good = OpenAI(base_url=f"{url}/v1", api_key=KEY_B, max_retries=0, timeout=60)
        reply = good.chat.completions.create(
            model="policy-rag", messages=[{"role": "user", "content": f"{DOCNO}讲了什么？"}]
        )
        assert reply.model_extra["citations"][0]["doc_number"] == DOCNO
        bad = OpenAI(base_url=f"{url}/v1", api_key="sk-not-ours", max_retries=0, timeout=60)
        with pytest.raises(openai.AuthenticationError) as err:
            bad.models.list()
        assert err.value.status_code == 401 and "API 密钥无效" in str(err.value)


def test_keys_never_reach_the_logs(retriever, answerer, settings_, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    with live_server(create_app(retriever, answerer, settings_)) as url:
        for key in (KEY_A, "sk-wrong-guess-1234"):
            httpx.post(f"{url}/search", json={"query": DOCNO, "k": 1}, headers=auth(key))
            httpx.post(f"{url}/nowhere", headers=auth(key))
    logged = caplog.text + "".join(capfd.readouterr())
    for secret in (KEY_A, KEY_B, "sk-wrong-guess-1234"):
        assert secret not in logged
        assert secret not in repr(settings_) and secret not in str(settings_.model_dump())


def test_api_without_keys_stays_open(retriever, answerer, corpus_env):
    open_app = create_app(retriever, answerer, settings_for(corpus_env))
    r = TestClient(open_app).post("/search", json={"query": DOCNO, "k": 1})
    assert r.status_code == 200


# ---------------------------------------------------------------------------
# The warning for a reachable address without keys


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback
    assert bool(exposure_warning(host, ())) is not loopback
    assert exposure_warning(host, ("k",)) == ""


def _serve_stderr(monkeypatch, env: dict[str, str], *args: str) -> tuple[int, str, dict]:
    """`rag serve ARGS` with uvicorn.run recorded instead of listening."""
    import uvicorn

    ran: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(app=app, **kw))
    result = CliRunner().invoke(cli_app, ["serve", *args], env=env)
    return result.exit_code, result.stderr, ran


def test_serve_on_all_interfaces_without_keys_warns(monkeypatch, corpus_env):
    env = {**corpus_env, "RAG_API_KEYS": ""}
    code, stderr, ran = _serve_stderr(monkeypatch, env, "--host", "0.0.0.0")
    assert code == 0 and ran["host"] == "0.0.0.0"
    assert "警告" in stderr and "未设置 API 密钥" in stderr and "RAG_API_KEYS" in stderr

    code, stderr, ran = _serve_stderr(monkeypatch, env)
    assert code == 0 and ran["host"] == "127.0.0.1" and "警告" not in stderr

    with_keys = {**env, "RAG_API_KEYS": KEY_A}
    code, stderr, ran = _serve_stderr(monkeypatch, with_keys, "--host", "0.0.0.0")
    assert code == 0 and "警告" not in stderr and "需要 API 密钥" in stderr
    assert KEY_A not in stderr
    served = TestClient(ran["app"])
    assert served.get("/v1/models").status_code == 401
    assert served.get("/v1/models", headers=auth(KEY_A)).status_code == 200


# ---------------------------------------------------------------------------
# The chat UI's password


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_ui_password_puts_a_login_in_front_of_the_chat(answerer, corpus_env, tmp_path: Path):
    from ui.app import launch, launch_options

    assert "auth" not in launch_options(settings_for(corpus_env))
    settings = settings_for(corpus_env, ui_password="open-sesame-42")
    check = launch_options(settings)["auth"]
    assert check("anyone", "open-sesame-42") and not check("anyone", "open-sesame-4")

    port = _free_port()
    demo = launch("127.0.0.1", port, block=False, answerer=answerer, settings=settings)
    try:
        url = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{url}/config", timeout=30).status_code == 401
        wrong = httpx.post(f"{url}/login", data={"username": "u", "password": "nope"}, timeout=30)
        assert wrong.status_code >= 400
        with httpx.Client(base_url=url, timeout=30) as session:
            right = session.post("/login", data={"username": "u", "password": "open-sesame-42"})
            assert right.status_code == 200
            assert session.get("/config").status_code == 200
    finally:
        demo.close()
