"""Index folder safety and settings precedence."""

from __future__ import annotations

import os

import pytest

from rag.config import load_settings
from rag.errors import ConfigError, IndexNotFoundError
from rag.records import Notice
from rag.store import NoticeStore


def _notice(i: int) -> Notice:
    return Notice(
        notice_id=f"id{i}",
        doc_number=f"国卫办医函〔2020〕{i}号",
        title=f"关于第{i}项工作的通知",
        issuer="国家卫生健康委办公厅",
        region="全国",
        written_date="2020-05-01",
        published_date="",
        category="医疗",
        keywords=("医疗",),
        source="a.txt",
        text="正文。",
    )


def test_write_and_read_back(tmp_path):
    store = NoticeStore(tmp_path, "default")
    store.write([_notice(1), _notice(2)], {})
    again = NoticeStore(tmp_path, "default")
    assert [n.doc_number for n in again.load_notices()] == [
        "国卫办医函〔2020〕1号",
        "国卫办医函〔2020〕2号",
    ]
    assert again.manifest()["counts"]["notices"] == 2


def test_crash_between_swaps_recovers_the_old_index(tmp_path):
    store = NoticeStore(tmp_path, "default")
    store.write([_notice(1)], {})
    # The process died after moving the live index aside, before moving the new one in.
    os.replace(tmp_path / "default", tmp_path / ".default.old")
    (tmp_path / ".default.tmp-999").mkdir()
    recovered = NoticeStore(tmp_path, "default")
    assert [n.notice_id for n in recovered.load_notices()] == ["id1"]


def test_other_files_in_the_index_folder_survive_a_rewrite(tmp_path):
    store = NoticeStore(tmp_path, "default")
    store.write([_notice(1)], {})
    (tmp_path / "default" / "vectors.npy").write_bytes(b"later stages keep files here")
    store.write([_notice(1), _notice(2)], {})
    assert (tmp_path / "default" / "vectors.npy").read_bytes().startswith(b"later")


def test_missing_index(tmp_path):
    with pytest.raises(IndexNotFoundError, match="rag ingest"):
        NoticeStore(tmp_path, "nope").load_notices()


def test_settings_precedence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RAG_INDEX_NAME", raising=False)
    assert load_settings().index_name == "default"
    (tmp_path / "rag.toml").write_text('index_name = "from_toml"\nmax_file_mb = 5\n', "utf-8")
    assert load_settings().index_name == "from_toml"
    assert load_settings().max_file_bytes == 5 * 1024 * 1024
    monkeypatch.setenv("RAG_INDEX_NAME", "from_env")
    assert load_settings().index_name == "from_env"
    assert load_settings(index_name="from_flag").index_name == "from_flag"


def test_broken_config_file_names_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rag.toml").write_text("index_name = [unterminated", "utf-8")
    with pytest.raises(ConfigError, match=r"rag\.toml"):
        load_settings()


def test_invalid_setting_value(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RAG_MAX_FILE_MB", "-3")
    with pytest.raises(ConfigError, match="max_file_mb"):
        load_settings()


def test_files_read_by_an_older_parser_are_read_again(tmp_path):
    import json

    from conftest import corpus_file

    from rag.ingest import ingest_paths
    from rag.notices import PARSER_VERSION

    store = NoticeStore(tmp_path / "index", "default")
    source = corpus_file("003")
    first = ingest_paths([source], store, max_bytes=10_000_000)
    assert [f.status for f in first.files] == ["added"]
    assert store.sources()[source.name].parser == PARSER_VERSION
    again = ingest_paths([source], store, max_bytes=10_000_000)
    assert [f.status for f in again.files] == ["unchanged"] and not again.written

    # An index written by the parser before this one: the same file is parsed again.
    manifest_path = store.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["sources"][source.name]["parser"] = PARSER_VERSION - 1
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    reread = ingest_paths([source], store, max_bytes=10_000_000)
    assert [f.status for f in reread.files] == ["updated"] and reread.written
    assert store.sources()[source.name].parser == PARSER_VERSION


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [("RAG_QUERY_ENGINE", "gpu", "torch-bf16"), ("RAG_API_WORKERS", "-1", "api_workers")],
)
def test_serving_settings_out_of_range_are_refused_by_name(
    tmp_path, monkeypatch, variable, value, named
):
    # A query engine that does not exist, or a negative worker count, is refused with the
    # setting named (and, for the engine, the values it may take).
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=named):
        load_settings()
