"""The `rag` command as a user runs it: ingest, list, show, and what goes wrong."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import CORPUS, corpus_file
from typer.testing import CliRunner

from rag.cli import app


@pytest.fixture
def runner(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.chdir(tmp_path)
    return CliRunner()


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """The bundled corpus ingested once; tests read it through the CLI."""
    root = tmp_path_factory.mktemp("idx")
    mp = pytest.MonkeyPatch()
    mp.setenv("RAG_INDEX_DIR", str(root))
    result = CliRunner().invoke(app, ["ingest", str(CORPUS)])
    mp.undo()
    assert result.exit_code == 0, result.output
    return root, result.output


def _invoke(root, *args):
    return CliRunner().invoke(app, list(args), env={"RAG_INDEX_DIR": str(root)})


def test_ingest_prints_a_summary_per_file(corpus_index):
    _, output = corpus_index
    for prefix in ("000", "001", "002", "003", "004"):
        assert corpus_file(prefix).name in output
    assert "条通知" in output and "无文号" in output


def test_notices_json_lists_every_field(corpus_index):
    root, _ = corpus_index
    result = _invoke(root, "notices", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) >= 120
    row = next(r for r in rows if r["doc_number"] == "国卫办医函〔2020〕357号")
    for key in (
        "notice_id",
        "title",
        "issuer",
        "region",
        "written_date",
        "published_date",
        "category",
        "keywords",
        "source",
        "warnings",
        "references",
    ):
        assert key in row
    assert "text" not in row


@pytest.mark.parametrize(
    "typed",
    [
        "国卫办医函〔2020〕357号",
        "国卫办医函[2020]357号",
        "国卫办医函(2020)357号",
        "国卫办医函 〔 2020 〕 357 号",
        "国卫办医函【２０２０】357号",
    ],
)
def test_show_finds_a_notice_however_the_docno_is_typed(corpus_index, typed):
    root, _ = corpus_index
    result = _invoke(root, "notices", "show", typed, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["doc_number"] == "国卫办医函〔2020〕357号"
    assert "国家医学中心" in data["title"]


def test_show_lists_references_and_cited_by(corpus_index):
    root, _ = corpus_index
    shown = _invoke(root, "notices", "show", "国办发[2020]25号")
    assert shown.exit_code == 0, shown.output
    assert "被引用于：平政办发〔2020〕81号" in shown.stdout
    city = json.loads(_invoke(root, "notices", "show", "平政办发(2020)81号", "--json").stdout)
    assert any(
        r["doc_number"] == "国办发〔2020〕25号" and r["notice_id"] for r in city["references"]
    )
    repeal = _invoke(root, "notices", "show", "国卫办基层发〔2023〕22号")
    assert "宣布失效：国卫办基层函〔2019〕210号" in repeal.stdout


def test_show_wrong_region_warning(corpus_index):
    root, _ = corpus_index
    shown = _invoke(root, "notices", "show", "闽药监科函 〔2020〕 49号")
    assert shown.exit_code == 0
    assert "⚠" in shown.stdout and "福建" in shown.stdout


def test_show_unknown_docno_is_a_clear_error(corpus_index):
    root, _ = corpus_index
    result = _invoke(root, "notices", "show", "国卫办医函[2099]1号")
    assert result.exit_code == 6
    assert "国卫办医函〔2099〕1号" in result.stderr and "Traceback" not in result.output


def test_missing_index_names_the_command_that_builds_it(runner):
    result = runner.invoke(app, ["notices"])
    assert result.exit_code == 4
    assert "rag ingest" in result.stderr


def test_ingest_is_idempotent_and_replaces_changed_files(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(corpus_file("003"), docs)
    shutil.copy(corpus_file("004"), docs)
    first = runner.invoke(app, ["ingest", str(docs), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["added"] == 2
    manifest = tmp_path / "index" / "default" / "manifest.json"
    before = manifest.read_bytes()

    again = json.loads(runner.invoke(app, ["ingest", str(docs), "--json"]).stdout)
    assert (again["added"], again["updated"], again["total"]) == (0, 0, 2)
    assert {f["status"] for f in again["files"]} == {"unchanged"}
    assert manifest.read_bytes() == before  # nothing rewritten

    city = docs / corpus_file("004").name
    city.write_text(city.read_text(encoding="utf-8").replace("平凉", "平凉市"), encoding="utf-8")
    changed = json.loads(runner.invoke(app, ["ingest", str(docs), "--json"]).stdout)
    assert (changed["added"], changed["updated"], changed["total"]) == (0, 1, 2)
    shown = runner.invoke(app, ["notices", "show", "平政办发〔2020〕81号", "--json"])
    assert "平凉市市" in json.loads(shown.stdout)["text"]


def test_bad_files_are_rejected_and_the_rest_still_ingest(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(corpus_file("003"), docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (docs / "gbk.txt").write_bytes(corpus_file("004").read_text(encoding="utf-8").encode("gbk"))
    result = runner.invoke(app, ["ingest", str(docs)])
    # Exit 3 tells a script that files were rejected; the good ones are in the index.
    assert result.exit_code == 3, result.output
    assert "empty.txt" in result.stderr and "image.txt" in result.stderr
    assert "其余文件已加入索引" in result.stderr
    assert "Traceback" not in result.output
    listed = runner.invoke(app, ["notices"])
    assert "国办发〔2020〕25号" in listed.stdout
    assert "平政办发〔2020〕81号" in listed.stdout  # read from GBK


def test_only_bad_files_exit_non_zero(runner, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    result = runner.invoke(app, ["ingest", str(bad)])
    assert result.exit_code == 3
    assert "bad.pdf" in result.stderr


def test_corrupt_index_is_a_clear_error(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(corpus_file("003"), docs)
    assert runner.invoke(app, ["ingest", str(docs)]).exit_code == 0
    (tmp_path / "index" / "default" / "notices.jsonl").write_text('{"notice_id": ', "utf-8")
    result = runner.invoke(app, ["notices"])
    assert result.exit_code == 5
    assert "rag ingest" in result.stderr and "Traceback" not in result.output


def test_invalid_index_name_is_rejected(runner):
    result = runner.invoke(app, ["notices", "--index", "../etc"])
    assert result.exit_code == 2
    assert "索引名" in result.stderr


def test_embed_all_embeds_every_passage_again_ignoring_the_cache(tmp_path):
    from conftest import index_env

    env = index_env(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus_file("003"))], env=env).exit_code == 0

    def embedded(*args: str) -> int:
        result = runner.invoke(app, ["index", *args], env=env)
        assert result.exit_code == 0, result.output
        return int(result.output.split("新计算向量 ")[1].split(" 条")[0])

    chunks = embedded()
    assert chunks > 5
    assert embedded("--rebuild") == 0  # every vector comes from the cache
    assert embedded("--embed-all") == chunks  # none does, though the index was current
    assert "已是最新" in runner.invoke(app, ["index"], env=env).output


def test_a_rejected_file_exits_non_zero_even_into_an_existing_index(runner, tmp_path):
    assert runner.invoke(app, ["ingest", str(corpus_file("003"))]).exit_code == 0
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 256)
    result = runner.invoke(app, ["ingest", str(binary)])
    assert result.exit_code == 3, result.output
    assert "scan.txt" in result.stderr
    # The index that was there is untouched and still lists its notice.
    assert "国办发〔2020〕25号" in runner.invoke(app, ["notices"]).stdout
