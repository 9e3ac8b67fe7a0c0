"""Bad input on every surface: what a user sees when a query, a file, a question set or an
index is wrong.

Each case checks the three things a user notices: a clear Chinese message that says what
was wrong and how to fix it (never a traceback), the right exit code or HTTP status (never
500), and that nothing is lost (the index still opens, the good files still ingest, the
good questions still run). One small index (hash embedder, one bundled notice file) is
built per module and copied where a case has to damage it.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import corpus_file, encrypt_pdf, make_pdf
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rag.answer import Answerer
from rag.api import create_app
from rag.cli import app as cli_app
from rag.config import load_settings
from rag.errors import (
    EmbedderMismatchError,
    IndexCorruptError,
    IndexNotFoundError,
    InvalidQueryError,
    RagError,
)
from rag.retrieve import Retriever

BASE_FILE = "003"  # 国办发〔2020〕25号, 深化医药卫生体制改革2020年下半年重点工作任务
TOPIC = "深化医药卫生体制改革重点工作任务"
_HAN = re.compile(r"[\u4e00-\u9fff]")


def assert_user_message(text: str) -> None:
    """A message a user can act on: Chinese, and no traceback or internal frames."""
    assert _HAN.search(text), text
    assert "Traceback" not in text and 'File "' not in text, text


def _env(root: Path) -> dict[str, str]:
    return {
        "RAG_INDEX_DIR": str(root / "index"),
        "RAG_CACHE_DIR": str(root / "cache"),
        "RAG_EMBEDDER": "hash",
    }


def _settings(env: dict[str, str], **overrides):
    return load_settings(
        index_dir=Path(env["RAG_INDEX_DIR"]),
        cache_dir=Path(env["RAG_CACHE_DIR"]),
        embedder=env["RAG_EMBEDDER"],
        **overrides,
    )


def _cli(env: dict[str, str], *args: str):
    return CliRunner().invoke(cli_app, list(args), env=env)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A built index (one real notice file) under ``base/index/default``; never modified."""
    root = tmp_path_factory.mktemp("bad-input-base")
    env = _env(root)
    assert _cli(env, "ingest", str(corpus_file(BASE_FILE))).exit_code == 0
    built = _cli(env, "index")
    assert built.exit_code == 0, built.output
    return root


def copy_of(base: Path, tmp_path: Path) -> dict[str, str]:
    """A private copy of the base index (and its embedding cache); returns its env."""
    shutil.copytree(base, tmp_path / "copy")
    return _env(tmp_path / "copy")


@pytest.fixture(scope="module")
def env(base) -> dict[str, str]:
    return _env(base)


@pytest.fixture(scope="module")
def settings(env):
    return _settings(env)


@pytest.fixture(scope="module")
def retriever(settings):
    return Retriever.open(settings=settings)


@pytest.fixture(scope="module")
def answerer(retriever, settings):
    return Answerer(retriever, settings)


@pytest.fixture(scope="module")
def client(retriever, answerer, settings):
    return TestClient(create_app(retriever, answerer, settings), raise_server_exceptions=False)


# ---------------------------------------------------------------------------------------
# Queries × surfaces

QUERIES = {
    "empty": "",
    "blank": " \n\t\u3000 ",
    "100k-chars": ("深化医药卫生体制改革" * 10_000),
    "control-chars": "\x00\x07深化医药卫生\x1b[31m体制改革\x7f重点工作\x08",
    "emoji": "😷🏥 深化医改有哪些重点工作任务？👍",
    "mixed-script": "深化醫藥衛生體制改革 reform реформа 개혁 有哪些任务？",
    "zero-width-and-rtl": "\u200b\u202e深化医改\u200d重点任务\ufeff",
    "emoji-only": "😷😷🏥？？",
}
INVALID = {"empty", "blank"}


def _search_python(ctx, query):
    try:
        result = ctx["retriever"].search(query, k=5)
    except RagError as exc:
        return "error", exc.exit_code, str(exc), None
    return "ok", 0, json.dumps(result.to_dict(), ensure_ascii=False), result.warnings


def _ask_python(ctx, query):
    try:
        answer = ctx["answerer"].ask(query)
    except RagError as exc:
        return "error", exc.exit_code, str(exc), None
    return "ok", 0, json.dumps(answer.to_dict(), ensure_ascii=False), answer.notes


def _http(path, field):
    def run(ctx, query):
        r = ctx["client"].post(path, json={field: query} if field else _chat(query))
        body = r.json()
        if r.status_code != 200:
            return "error", r.status_code, body["error"]["message"], None
        warnings = {"/search": body.get("warnings"), "/ask": body.get("notes")}.get(path)
        if warnings is None:
            warnings = body["policy_rag"]["notes"]
        return "ok", r.status_code, r.text, warnings

    return run


def _chat(query):
    return {"model": "policy-rag", "messages": [{"role": "user", "content": query}]}


def _cli_run(command):
    def run(ctx, query):
        result = _cli(ctx["env"], command, query, "--json")
        if result.exit_code != 0:
            return "error", result.exit_code, result.stderr, None
        data = json.loads(result.stdout.splitlines()[0])
        return "ok", 0, result.stdout, data.get("warnings") or data.get("notes")

    return run


SURFACES = {
    "python-search": (_search_python, InvalidQueryError.exit_code),
    "python-ask": (_ask_python, InvalidQueryError.exit_code),
    "http-search": (_http("/search", "query"), 422),
    "http-ask": (_http("/ask", "question"), 422),
    "http-chat": (_http("/v1/chat/completions", None), 422),
    "cli-search": (_cli_run("search"), InvalidQueryError.exit_code),
    "cli-ask": (_cli_run("ask"), InvalidQueryError.exit_code),
}


@pytest.fixture(scope="module")
def ctx(env, retriever, answerer, client):
    return {"env": env, "retriever": retriever, "answerer": answerer, "client": client}


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("kind", list(QUERIES))
def test_query(ctx, kind, surface):
    run, invalid_code = SURFACES[surface]
    outcome, code, text, warnings = run(ctx, QUERIES[kind])
    assert "Traceback" not in text
    if kind in INVALID:
        assert (outcome, code) == ("error", invalid_code)
        assert "问题为空" in text or "为空" in text, text
        assert "例如" in text  # says what to type instead
        assert_user_message(text)
        return
    assert (outcome, code) == ("ok", 0 if surface.startswith(("python", "cli")) else 200), text
    assert "\\u0000" not in text and "\x00" not in text  # control characters are dropped
    if kind == "100k-chars" and "chat" not in surface:
        assert any("问题过长" in w for w in warnings), warnings


@pytest.mark.parametrize(
    ("surface", "k"),
    [
        ("python-search-0", 0),
        ("python-search-over-max", 101),
        ("python-ask-negative", -1),
        ("python-ask-over-max", 101),
        ("http-search-over-max", 500),
        ("http-search-zero", 0),
        ("http-ask-negative", -3),
        ("cli-search-zero", 0),
        ("cli-ask-negative", -1),
    ],
)
def test_k_out_of_range(ctx, surface, k):
    if surface.startswith("python"):
        call = ctx["retriever"].search if "search" in surface else ctx["answerer"].ask
        with pytest.raises(InvalidQueryError) as info:
            call(TOPIC, k=k)
        message = str(info.value)
        assert "1 到 100" in message
    elif surface.startswith("http"):
        path, field = ("/search", "query") if "search" in surface else ("/ask", "question")
        r = ctx["client"].post(path, json={field: TOPIC, "k": k})
        assert r.status_code == 422
        message = r.json()["error"]["message"]
        assert "k" in message
    else:
        result = _cli(ctx["env"], surface.split("-")[1], TOPIC, "--k", str(k))
        assert result.exit_code == InvalidQueryError.exit_code
        message = result.stderr
        assert "1 到 100" in message
    assert_user_message(message)


def test_lone_surrogate_over_http_is_422(client):
    # Valid JSON, but no UTF-8 text can hold it.
    body = '{"query": "\\ud800深化医改"}'.encode()
    r = client.post("/search", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert_user_message(r.json()["error"]["message"])


def test_history_of_the_wrong_shape_via_cli(ctx, tmp_path):
    history = tmp_path / "history.json"
    history.write_text('["不是对象", 3]', encoding="utf-8")
    result = _cli(ctx["env"], "ask", "它的发文机关是谁？", "--history", str(history))
    assert result.exit_code == InvalidQueryError.exit_code
    assert "对话历史第 1 条" in result.stderr
    assert_user_message(result.stderr)


@pytest.mark.parametrize("command", ["search", "ask"])
def test_missing_batch_file_via_cli(ctx, tmp_path, command):
    result = _cli(ctx["env"], command, "--queries", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == InvalidQueryError.exit_code
    assert "nope.jsonl" in result.stderr
    assert_user_message(result.stderr)


# ---------------------------------------------------------------------------------------
# Files: one CLI ingest and one UI upload of a folder of good and bad files

TRADITIONAL = (
    "衛生福利部關於加強醫療機構感染管制的通知\n"
    "衛福醫字第1090001號\n"
    "各縣市政府衛生局：為落實傳染病防治，請督導轄區醫院確實辦理下列事項。\n"
    "一、門診及急診應設置發燒篩檢站。二、住院病人訪客應實施實名登記。\n"
)


def _encrypted_pdf() -> bytes:
    return encrypt_pdf(make_pdf("Secret notice text"), user_password="letmein")


def _files() -> dict[str, tuple[bytes, str | None]]:
    """name → (bytes, fragment of the rejection reason; None = accepted)."""
    notice_004 = corpus_file("004").read_text(encoding="utf-8")
    notice_002 = corpus_file("002").read_text(encoding="utf-8")[:6000]
    pdf = make_pdf("Health notice text " * 20)
    rng = random.Random(9)
    return {
        "gbk-notice.txt": (notice_004.encode("gb18030"), None),
        "big5-notice.txt": (TRADITIONAL.encode("big5"), None),
        "utf16-notice.txt": (notice_002.encode("utf-16"), None),
        "binary-png.txt": (
            b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600)),
            "二进制",
        ),
        "random-bytes.md": (bytes(rng.randrange(256) for _ in range(4000)), "二进制"),
        "utf16-no-bom.txt": (notice_004[:300].encode("utf-16-le"), "UTF-16"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "不完整"),
        "encrypted.pdf": (_encrypted_pdf(), "已加密"),
        "image-only.pdf": (make_pdf("", ""), "OCR"),
        "not-a-pdf.pdf": ("<html>通知</html>".encode(), "不是有效的 PDF"),
        "zero-byte.txt": (b"", "0 字节"),
        "zero-byte.pdf": (b"", "0 字节"),
        "whitespace-only.md": ("  \n\u3000\n".encode(), "空白"),
        "corrupt.docx": (b"PK\x03\x04 not really a zip", "DOCX"),
        "legacy.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".docx"),
    }


FILES = _files()
ACCEPTED = [name for name, (_, reason) in FILES.items() if reason is None]


def _write_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in FILES.items():
        (folder / name).write_bytes(data)
    return sorted(folder / name for name in FILES)


@pytest.fixture(scope="module")
def cli_ingest(base, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli-ingest")
    env = copy_of(base, tmp)
    paths = _write_files(tmp / "files")
    result = _cli(env, "ingest", *map(str, paths))
    indexed = _cli(env, "index")
    return env, result, indexed


@pytest.mark.parametrize("name", list(FILES))
def test_cli_ingest_file(cli_ingest, name):
    env, result, indexed = cli_ingest
    assert result.exit_code == 3  # some files were rejected; the good ones still went in
    assert "Traceback" not in result.output
    reason = FILES[name][1]
    if reason is None:
        assert re.search(rf"新增 {re.escape(name)}: [1-9]\d* 条通知", result.stdout), result.stdout
        return
    line = next(x for x in result.stderr.splitlines() if f"✗ {name}" in x)
    assert reason in line, line
    assert_user_message(line)
    # Nothing lost: the good files of the same run are in the index, which still opens.
    assert indexed.exit_code == 0, indexed.output
    notices = json.loads(_cli(env, "notices", "--json").stdout)
    sources = {n["source"] for n in notices}
    assert set(ACCEPTED) | {corpus_file(BASE_FILE).name} <= sources


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("gbk-notice.txt", "平凉市深化医药卫生体制改革分工", "平凉"),
        ("big5-notice.txt", "醫療機構感染管制 發燒篩檢站", "發燒篩檢站"),
        ("utf16-notice.txt", "妊娠期糖尿病妇女体重增长推荐值标准", "妊娠期糖尿病"),
    ],
)
def test_ingested_encodings_are_searchable_as_text(cli_ingest, name, query, expected):
    env, _, _ = cli_ingest
    result = _cli(env, "search", query, "--k", "3", "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)["hits"]
    assert any(h["source"] == name and expected in h["text"] + h["title"] for h in hits), hits


@pytest.fixture(scope="module")
def ui_upload(base, tmp_path_factory):
    pytest.importorskip("gradio")
    from ui.app import ChatService

    tmp = tmp_path_factory.mktemp("ui-upload")
    env = copy_of(base, tmp)
    settings = _settings(env)
    service = ChatService(Answerer.open(None, settings), settings)
    paths = _write_files(tmp / "files")
    hostile = tmp / "files" / "<img src=x onerror=alert(1)>.txt"
    hostile.write_bytes(b"")
    html = service.upload([str(p) for p in [*paths, hostile]])
    return env, settings, service, html


@pytest.mark.parametrize("name", list(FILES))
def test_ui_upload_file(ui_upload, name):
    _, settings, service, html = ui_upload
    assert "Traceback" not in html
    reason = FILES[name][1]
    entries = re.findall(r">([✓✗][^<]*)<", html)
    entry = next(e for e in entries if f" {name} " in e)
    if reason is None:
        assert entry.startswith(f"✓ {name} 已加入")
    else:
        assert entry.startswith(f"✗ {name} 未加入：") and reason in entry, entry
        assert_user_message(entry)
        assert str(settings.index_dir) not in entry  # no server paths shown
    # Nothing lost: answers come from the uploads index, which holds the good files too.
    assert service.index_name == "default-uploads"
    sources = {n.source for n in service.notices.values()}
    assert set(ACCEPTED) | {corpus_file(BASE_FILE).name} <= sources


def test_ui_upload_file_name_with_markup_is_escaped(ui_upload):
    _, _, _, html = ui_upload
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;.txt 未加入" in html


def test_ui_upload_of_nothing_is_a_message(ui_upload):
    _, _, service, _ = ui_upload
    html = service.upload([])
    assert "没有收到文件" in html
    assert_user_message(html)


def test_ui_upload_over_the_size_limit_is_rejected_with_the_limit(base, tmp_path):
    pytest.importorskip("gradio")
    from ui.app import ChatService

    env = copy_of(base, tmp_path)
    settings = _settings(env, upload_max_mb=0.01)
    service = ChatService(Answerer.open(None, settings), settings)
    big = tmp_path / "big.txt"
    big.write_text(corpus_file("004").read_text(encoding="utf-8"), encoding="utf-8")
    html = service.upload([str(big)])
    assert "✗ big.txt 未加入" in html and "超过上限" in html
    assert_user_message(html)


# ---------------------------------------------------------------------------------------
# Question sets (rag eval)


def _question(qid: str, question: str = "国办发〔2020〕25号讲了什么？", **extra) -> dict:
    return {
        "id": qid,
        "question": question,
        "type": "docno_lookup",
        "gold": [{"doc_number": "国办发〔2020〕25号", "title": "", "file": ""}],
        "answer": "",
        "must_include": [],
        "evidence": "",
        **extra,
    }


def _line(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


# line number → (raw bytes, fragment of the reported problem; None = a good line)
QA_LINES: dict[int, tuple[bytes, str | None]] = {
    1: (_line(_question("g1")), None),
    2: (b'{"id": "b2", "question": "unterminated', "不是合法的 JSON"),
    3: (_line(_question("g3", TOPIC)), None),
    4: (b'["an", "array"]', "应为 JSON 对象"),
    5: (_line({k: v for k, v in _question("b5").items() if k != "type"}), "缺少字段 type"),
    6: (_line(_question("b6", gold="国办发〔2020〕25号")), "字段 gold 应为列表"),
    7: (_line({**_question("b7"), "type": "riddle"}), "未知题型"),
    8: (_line(_question("b8", "   ")), "字段 question 为空"),
    9: ('{"id": "b9", "question": "坏'.encode() + b"\xff\xfe" + b'"}', "不是合法的 UTF-8"),
    10: (_line(_question("g1")), "重复"),
    11: (
        _line(
            _question(
                "g11",
                "它的发文机关是谁？",
                history=[{"role": "user", "content": "国办发〔2020〕25号讲了什么？"}],
            )
        ),
        None,
    ),
    12: (_line(_question("b12", history="not a list")), "字段 history 应为列表"),
    13: (_line(_question("b13", history=[{"role": "robot", "content": "x"}])), "history[0]"),
}


@pytest.fixture(scope="module")
def eval_run(env, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("eval")
    qa = tmp / "qa.jsonl"
    qa.write_bytes(b"\n".join(raw for _, (raw, _) in sorted(QA_LINES.items())) + b"\n")
    out = tmp / "out"
    result = _cli(env, "eval", "--qa", str(qa), "--out", str(out))
    return result, out


@pytest.mark.parametrize("number", list(QA_LINES), ids=lambda n: f"line{n}")
def test_eval_question_set_line(eval_run, number):
    result, out = eval_run
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    raw, problem = QA_LINES[number]
    predicted = [json.loads(x)["id"] for x in (out / "predictions.jsonl").read_text().splitlines()]
    if problem is None:
        assert json.loads(raw)["id"] in predicted
        return
    reported = [x for x in result.stderr.splitlines() if f"第 {number} 行" in x]
    assert reported and problem in reported[0], result.stderr
    assert_user_message(reported[0])
    errors = json.loads((out / "metrics.json").read_text(encoding="utf-8"))["errors"]
    assert any(e.startswith(f"第 {number} 行") for e in errors)
    assert predicted == ["g1", "g3", "g11"]  # the good lines still ran


@pytest.mark.parametrize(
    ("case", "content"),
    [
        ("missing-file", None),
        ("empty-file", b""),
        ("all-lines-bad", b"not json\n[1]\n"),
        ("gbk-encoded", json.dumps(_question("x1"), ensure_ascii=False).encode("gb18030")),
        ("a-folder", "folder"),
    ],
)
def test_eval_question_set_unusable(env, tmp_path, case, content):
    qa = tmp_path / "qa.jsonl"
    if content == "folder":
        qa.mkdir()
    elif content is not None:
        qa.write_bytes(content)
    result = _cli(env, "eval", "--qa", str(qa), "--out", str(tmp_path / "out"), "--retrieval-only")
    assert result.exit_code == InvalidQueryError.exit_code, result.output
    assert "问题集" in result.stderr and str(qa) in result.stderr
    assert_user_message(result.stderr)
    assert not (tmp_path / "out" / "metrics.json").exists()


# ---------------------------------------------------------------------------------------
# Damaged index files


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _set_manifest(folder: Path, **changes) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(manifest.get(key), dict):
            manifest[key].update(value)
        else:
            manifest[key] = value
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def _bm25_file(folder: Path) -> Path:
    return sorted(p for p in (folder / "lexical").rglob("*") if p.is_file())[0]


# name → (damage, error class, fix the message names)
DAMAGE = {
    "manifest-missing": (lambda f: (f / "manifest.json").unlink(), IndexNotFoundError, "ingest"),
    "manifest-truncated": (lambda f: _truncate(f / "manifest.json"), IndexCorruptError, "ingest"),
    "manifest-not-an-object": (
        lambda f: (f / "manifest.json").write_text("[1, 2]"),
        IndexCorruptError,
        "ingest",
    ),
    "manifest-future-schema": (
        lambda f: _set_manifest(f, schema_version=99),
        IndexCorruptError,
        "ingest",
    ),
    "notices-missing": (lambda f: (f / "notices.jsonl").unlink(), IndexCorruptError, "ingest"),
    "notices-truncated": (lambda f: _truncate(f / "notices.jsonl"), IndexCorruptError, "ingest"),
    "notices-line-not-an-object": (
        lambda f: (f / "notices.jsonl").write_text('"just a string"\n'),
        IndexCorruptError,
        "ingest",
    ),
    "chunks-missing": (lambda f: (f / "chunks.jsonl").unlink(), IndexCorruptError, "rebuild"),
    "chunks-truncated": (lambda f: _truncate(f / "chunks.jsonl"), IndexCorruptError, "rebuild"),
    "vectors-missing": (lambda f: (f / "vectors.faiss").unlink(), IndexNotFoundError, "rag index"),
    "vectors-truncated": (lambda f: _truncate(f / "vectors.faiss"), IndexCorruptError, "rebuild"),
    "vectors-garbage": (
        lambda f: (f / "vectors.faiss").write_bytes(b"\x00garbage" * 64),
        IndexCorruptError,
        "rebuild",
    ),
    "lexical-missing": (lambda f: shutil.rmtree(f / "lexical"), IndexCorruptError, "rebuild"),
    "lexical-file-truncated": (lambda f: _truncate(_bm25_file(f)), IndexCorruptError, "rebuild"),
    "mismatched-embedder": (
        lambda f: _set_manifest(f, vectors={"embedder": "hash-512", "dimension": 512}),
        EmbedderMismatchError,
        "rebuild",
    ),
}


@pytest.mark.parametrize("surface", ["python", "cli", "http"])
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index(base, tmp_path, damage, surface):
    env = copy_of(base, tmp_path)
    folder = Path(env["RAG_INDEX_DIR"]) / "default"
    harm, error, fix = DAMAGE[damage]
    harm(folder)
    if surface == "python":
        with pytest.raises(error) as info:
            Retriever.open(settings=_settings(env))
        message = str(info.value)
    elif surface == "cli":
        result = _cli(env, "search", TOPIC)
        assert result.exit_code == error.exit_code, result.output
        message = result.stderr
    else:
        client = TestClient(create_app(settings=_settings(env)), raise_server_exceptions=False)
        r = client.post("/search", json={"query": TOPIC})
        assert r.status_code == 503, r.text
        message = r.json()["error"]["message"]
    assert_user_message(message)
    assert fix in message, message
    if surface != "python":
        return
    # The fix the message names brings the index back; the corpus file is untouched.
    if fix == "ingest":
        shutil.rmtree(folder)
        assert _cli(env, "ingest", str(corpus_file(BASE_FILE))).exit_code == 0
        assert _cli(env, "index").exit_code == 0
    else:
        assert _cli(env, "index", "--rebuild").exit_code == 0
    assert Retriever.open(settings=_settings(env)).search(TOPIC, k=3).hits


def test_wrong_embedder_setting_is_a_clear_error_on_every_surface(env):
    settings = _settings({**env, "RAG_EMBEDDER": "hash-512"})
    with pytest.raises(EmbedderMismatchError) as info:
        Retriever.open(settings=settings)
    assert "hash-256" in str(info.value) and "--rebuild" in str(info.value)
    client = TestClient(create_app(settings=settings), raise_server_exceptions=False)
    r = client.post("/ask", json={"question": TOPIC})
    assert r.status_code == 503 and r.json()["error"]["code"] == "embedder_mismatch"
    assert_user_message(r.json()["error"]["message"])


def test_unknown_embedder_setting_is_a_config_error(env):
    result = _cli({**env, "RAG_EMBEDDER": "no-such-model"}, "search", TOPIC)
    assert result.exit_code == 2
    assert "no-such-model" in result.stderr
    assert_user_message(result.stderr)
