"""The chat UI without a browser: rendering, the handlers, uploads, and what the server serves."""

from __future__ import annotations

import hashlib
import re
import socket
from pathlib import Path

import pytest
from conftest import CORPUS, corpus_file

from rag.config import load_settings
from rag.records import Notice

pytest.importorskip("gradio")

BASE_FILES = ("000", "001", "002", "003")  # 004 (平政办发〔2020〕81号) is uploaded by the tests
DOCNO_QUESTION = "国卫办医函[2020]357号要求各地在什么时候前完成委省共建？"


def build_index(root: Path, prefixes=BASE_FILES, **overrides):
    """A hash-embedder index of bundled corpus files under ``root``; returns its settings."""
    from rag.embeddings import make_embedder
    from rag.ingest import build_index as build
    from rag.ingest import ingest_paths
    from rag.store import NoticeStore

    settings = load_settings(
        index_dir=root / "index", cache_dir=root / "cache", embedder="hash", **overrides
    )
    store = NoticeStore(settings.index_dir, settings.index_name)
    files = [corpus_file(p) for p in prefixes]
    ingest_paths(files, store, max_bytes=settings.max_file_bytes)
    build(store, make_embedder("hash"), cache_dir=settings.cache_dir)
    return settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("ui"))


@pytest.fixture(scope="module")
def answerer(settings):
    from rag.answer import Answerer

    return Answerer.open(None, settings)


@pytest.fixture()
def service(answerer, settings):
    from ui.app import ChatService

    return ChatService(answerer, settings)


def run_chat(service, question, history=None, region="", year="", issuer=""):
    """Drive one streamed answer; returns (every chat state yielded, final history, citations)."""
    states = []
    citations = None
    hist = history or []
    for chat, hist_out, cites, _box, _tab in service.respond(
        question, [], hist, region, year, issuer
    ):
        states.append([dict(m) for m in chat])
        if isinstance(hist_out, list):
            hist = hist_out
        if isinstance(cites, str):
            citations = cites
    return states, hist, citations


def _notice(**fields) -> Notice:
    base = dict(
        notice_id="n1",
        doc_number="国卫办医函〔2020〕357号",
        title="测试",
        issuer="国家卫生健康委办公厅",
        region="全国",
        written_date="2020-05-01",
        published_date="",
        category="",
        keywords=(),
        source="x.txt",
        text="",
    )
    base.update(fields)
    return Notice(**base)


# -- rendering --------------------------------------------------------------------------


def test_notice_markup_is_shown_as_text_never_as_html():
    from ui.render import notice_html

    evil = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    notice = _notice(title=evil, text=f"第一条 {evil} 结束", warnings=(evil,))
    html = notice_html(notice, {}, [], highlight=(4, 4 + len(evil)))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # The highlighted passage is the escaped markup, inside <mark>.
    assert "<mark id='rag-quote'>&lt;script&gt;" in html


def test_chat_text_escapes_html_and_markdown():
    from ui.render import chat_text

    text = chat_text("见<b>第一条</b>[1]，*加粗*")
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert r"\[1\]" in text and r"\*加粗\*" in text


def test_citation_card_highlights_the_quote_in_its_context(answerer):
    from ui.render import citations_html

    answer = answerer.ask(DOCNO_QUESTION)
    assert not answer.refused
    html = citations_html(answer, answerer.notices)
    first = answer.citations[0]
    notice = answerer.notices[first.notice_id]
    assert notice.text[first.start : first.end] == first.quote
    marked = re.findall(r"<mark>(.*?)</mark>", html, re.S)
    assert marked[0].replace("&quot;", '"') == first.quote.replace("&", "&amp;")
    # Context on the side of the quote comes from the notice itself.
    before = notice.text[max(0, first.start - 20) : first.start]
    assert before.strip()[-5:] in html
    for label in ("国卫办医函〔2020〕357号", first.title, first.issuer, first.date):
        assert label in html
    assert f'data-notice-id="{first.notice_id}"' in html


def test_a_refusal_that_keeps_its_nearest_evidence_shows_its_cards(answerer):
    from dataclasses import replace

    from ui.render import citations_html

    answer = answerer.ask(DOCNO_QUESTION)
    assert answer.citations
    # As the constraint check leaves it: refused, citations kept, the miss said.
    answer = replace(
        answer,
        refused=True,
        closest=[{"doc_number": "", "title": "示例通知", "issuer": "", "date": ""}],
        unmet=[{"kind": "place", "wanted": "江苏", "message": "库中没有江苏的此类通知"}],
    )
    html = citations_html(answer, answerer.notices)
    # Every [n] of the answer text has its card, and the reader is told it does not answer.
    assert html.count('class="rag-cite" ') == len(answer.citations)
    assert "库中没有江苏的此类通知" in html and "仅供参考" in html
    assert "rag-closest" in html and "最相近的通知" in html


def test_citation_without_doc_number_says_so():
    from ui.render import _meta_line

    assert "无文号" in _meta_line("", "观点", "财新健康", "2021-08-15")


def test_status_line_names_index_size_embedder_and_generator(service, answerer):
    status = service.status()
    assert status == (
        f"索引 default · {len(answerer.notices)} 条通知 / {len(answerer.retriever.chunks)} 段"
        " · 向量模型 hash-256 · 回答：抽取式（无 LLM）"
    )
    from ui.render import generator_label

    assert generator_label("llm:qwen2.5-7b") == "LLM qwen2.5-7b"


def test_filter_choices_come_from_the_index(service):
    regions, years, issuers = service.choices()
    assert ("福建", "福建") in regions and regions[0] == ("全部地区", "")
    assert {"2020", "2023"} <= {v for _, v in years}
    assert ("国家卫生健康委", "国家卫生健康委") in issuers


# -- chat handler -----------------------------------------------------------------------


def test_answer_streams_then_shows_citations(service):
    states, history, cites = run_chat(service, DOCNO_QUESTION)
    assert states[0][-1]["content"] == "正在检索…"
    assert len(states) >= 3  # placeholder, at least one delta, the verified answer
    final = states[-1][-1]["content"]
    assert r"\[1\]" in final and "国卫办医函〔2020〕357号" in final
    assert "国卫办医函〔2020〕357号" in cites and "<mark>" in cites
    assert [t["role"] for t in history] == ["user", "assistant"]


def test_follow_up_uses_the_history(service):
    _, history, _ = run_chat(service, DOCNO_QUESTION)
    states, history, cites = run_chat(service, "它的发文机关是谁？", history)
    final = states[-1][-1]["content"]
    assert "国家卫生健康委办公厅" in final
    assert "结合上文理解为" in final and "国卫办医函〔2020〕357号" in cites
    assert len(history) == 4


def test_region_filter_restricts_the_cited_notices(service, answerer):
    question = "新冠病毒检测试剂集中采购有什么规定？"
    unfiltered = answerer.ask(question)
    assert any(answerer.notices[c.notice_id].region != "福建" for c in unfiltered.citations)
    _, _, cites = run_chat(service, question, region="福建")
    ids = re.findall(r'data-notice-id="([0-9a-f]+)"', cites)
    assert ids and all(answerer.notices[i].region == "福建" for i in ids)


def test_unanswerable_question_gets_refusal_with_closest_notices(service):
    states, _, cites = run_chat(service, "2024年火星基地医保报销比例是多少？")
    final = states[-1][-1]["content"]
    assert "没有找到能回答" in final and "最相近的通知" in final
    assert "rag-closest" in cites and "data-notice-id" in cites


def test_blank_question_is_a_plain_message(service):
    states, history, _ = run_chat(service, "   ")
    final = states[-1][-1]["content"]
    assert final.startswith("⚠") and "问题为空" in final
    assert history == []


def test_unexpected_failure_shows_no_traceback(settings, answerer, caplog):
    from ui.app import INTERNAL_ERROR, ChatService

    class Broken:
        retriever = answerer.retriever
        generator = answerer.generator
        notices = answerer.notices

        def stream(self, *args, **kwargs):
            raise KeyError("chunk 17 vanished")

    states, _, _ = run_chat(ChatService(Broken(), settings), "互联网诊疗有哪些要求？")
    final = states[-1][-1]["content"]
    assert "内部错误" in final and INTERNAL_ERROR.split("（")[0] in final
    assert "Traceback" not in final and "KeyError" not in final and "chunk 17" not in final
    assert "chunk 17 vanished" in caplog.text  # the detail goes to the server log


# -- notice viewer ------------------------------------------------------------------------


def test_viewer_shows_metadata_references_and_cited_by(service):
    html = service.lookup("联防联控机制综发(2020)169号")  # any bracket works
    assert "关于落实常态化疫情防控要求进一步加强医疗机构感染防控工作的通知" in html
    # It mentions 国卫办医函〔2020〕155号 (not in the index) and is cited by a 中医药 notice.
    assert "引用：国卫办医函〔2020〕155号（不在索引中）" in html
    cited_by = html.split("被以下通知提到", 1)[1]
    assert "国中医药办医政函〔2020〕116号" in cited_by and "data-notice-id=" in cited_by
    # Its validity: no clause dates it and nothing repeals it, so the status is 未知 and why.
    assert "rag-badge-unknown" in html and "库中也没有废止或修订它的文件" in html


def test_viewer_lookup_of_unknown_doc_number_is_a_message(service):
    html = service.lookup("平政办发〔2020〕81号")
    assert "rag-error" in html and "平政办发〔2020〕81号" in html


def test_viewer_highlights_a_clicked_citation(service, answerer):
    answer = answerer.ask(DOCNO_QUESTION)
    c = answer.citations[0]
    html = service.notice_view(c.notice_id, str(c.start), str(c.end))
    assert "<mark id='rag-quote'>" in html and "国家卫生健康委办公厅" in html


# -- uploads ------------------------------------------------------------------------------


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_upload_gbk_notice_reaches_the_answers_and_leaves_corpus_alone(tmp_path):
    from rag.answer import Answerer
    from ui.app import ChatService

    settings = build_index(tmp_path)
    service = ChatService(Answerer.open(None, settings), settings)
    base = settings.index_dir / "default"
    base_before, corpus_before = _tree_hash(base), _tree_hash(CORPUS)

    # A real notice (平凉, 004) saved as GBK, plus a line declaring 357号 废止.
    text = corpus_file("004").read_text(encoding="utf-8")
    text += "\n本通知自印发之日起施行，国卫办医函〔2020〕357号同时废止。\n"
    gbk = tmp_path / "平凉医改任务.txt"
    gbk.write_bytes(text.encode("gbk"))
    binary = tmp_path / "扫描件.txt"
    binary.write_bytes(bytes(range(256)) * 40)

    report = service.upload([str(gbk), str(binary)])
    assert "✓ 平凉医改任务.txt 已加入" in report
    assert "✗ 扫描件.txt 未加入" in report and str(tmp_path) not in report
    assert service.index_name == "default-uploads"
    assert "索引 default-uploads" in service.status()

    lookup = service.lookup("平政办发〔2020〕81号")
    assert "平凉市人民政府办公室" in lookup
    _, _, cites = run_chat(service, "平政办发〔2020〕81号要求哪些单位贯彻执行？")
    assert "平政办发〔2020〕81号" in cites
    # The repealed notice now shows its 失效 status, with the repealing notice.
    assert "已失效" in service.lookup("国卫办医函〔2020〕357号")

    assert _tree_hash(base) == base_before, "the base index must not change"
    assert _tree_hash(CORPUS) == corpus_before, "uploads must never touch data/corpus"

    # Uploading the same file again changes nothing and says so.
    assert "内容未变" in service.upload([str(gbk)])


def test_restarted_app_opens_the_current_uploads_index(tmp_path):
    from rag.answer import Answerer
    from ui.app import ChatService, open_answerer

    settings = build_index(tmp_path)
    service = ChatService(Answerer.open(None, settings), settings)
    upload = tmp_path / "平凉.txt"
    upload.write_bytes(corpus_file("004").read_bytes())
    service.upload([str(upload)])
    assert open_answerer(settings).retriever.name == "default-uploads"
    assert open_answerer(settings, "default").retriever.name == "default"


# -- what the server hands out ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(settings, answerer):
    from ui.app import launch

    small = settings.model_copy(update={"upload_max_mb": 0.05})
    port = _free_port()
    demo = launch("127.0.0.1", port, block=False, answerer=answerer, settings=small)
    yield f"http://127.0.0.1:{port}", small
    demo.close()


def test_server_refuses_files_outside_the_app(server):
    import httpx

    url, settings = server
    index = (settings.index_dir / "default").resolve()
    corpus = corpus_file("000").resolve()
    targets = [
        "/etc/passwd",
        str(index / "manifest.json"),
        str(index / "notices.jsonl"),
        str(corpus),
    ]
    routes = []
    for target in targets:
        routes += [f"/gradio_api/file={target}", f"/file={target}", f"/gradio_api/file/{target}"]
    routes += [
        "/gradio_api/file=../../../../../../etc/passwd",
        "/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/file=..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/../../../../etc/passwd",
        "/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/gradio_api/file=pyproject.toml",
    ]
    secrets = ("root:x:0:0", '"schema_version"', "国卫办医函", "notice_id")
    with httpx.Client(base_url=url, timeout=10) as client:
        assert client.get("/").status_code == 200
        for route in routes:
            response = client.get(route)
            leaked = [s for s in secrets if s in response.text]
            assert response.status_code >= 400 or not leaked, (route, response.status_code)
            assert not leaked, (route, leaked)


def test_server_rejects_uploads_over_the_size_limit(server):
    import httpx

    url, settings = server
    big = ("国家卫生健康委" * 20000).encode("utf-8")  # ~420 KB, limit is 0.05 MB
    assert len(big) > settings.upload_max_mb * 1024 * 1024
    with httpx.Client(base_url=url, timeout=30) as client:
        response = client.post(
            "/gradio_api/upload", files={"files": ("大文件.txt", big, "text/plain")}
        )
        assert response.status_code == 413
        small = client.post(
            "/gradio_api/upload", files={"files": ("小文件.txt", b"hello", "text/plain")}
        )
        assert small.status_code == 200


def test_rag_ui_on_a_missing_index_is_a_plain_error(tmp_path):
    from typer.testing import CliRunner

    from rag.cli import app

    env = {"RAG_INDEX_DIR": str(tmp_path / "none"), "RAG_EMBEDDER": "hash"}
    result = CliRunner().invoke(app, ["ui", "--port", str(_free_port())], env=env)
    assert result.exit_code == 4
    assert "rag ingest" in result.output and "Traceback" not in result.output
