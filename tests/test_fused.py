"""Several indexes at once: `--index a,b`, the API's `indexes` field, FusedRetriever.

Three small hash-embedder indexes of bundled notices: "gov" holds 国办发〔2020〕25号 (the
State Council's 2020 reform tasks), "city" holds 平政办发〔2020〕81号 (平凉's tasks, which
cites 国办发〔2020〕25号), and "city128" holds the same 平凉 file built with another
embedder (hash-128).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import corpus_file, index_env, settings_for
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rag.answer import Answerer
from rag.api import create_app
from rag.cli import app as cli_app
from rag.errors import IndexNotFoundError
from rag.fused import FusedRetriever, on_null_scale, open_searcher
from rag.retrieve import Filters, Retriever
from rag.sentences import SentenceVectors

GOV = "国办发〔2020〕25号"
CITY = "平政办发〔2020〕81号"
# Answered only by 平凉's notice: "做到发现新冠肺炎病例2小时内报告".
CITY_Q = "发现新冠肺炎病例多长时间内报告？"


def _build(env: dict[str, str], name: str, path: str) -> None:
    runner = CliRunner()
    ingested = runner.invoke(cli_app, ["ingest", path, "--index", name], env=env)
    assert ingested.exit_code == 0, ingested.output
    built = runner.invoke(cli_app, ["index", "--index", name], env=env)
    assert built.exit_code == 0, built.output


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("fused")
    env = index_env(root)
    _build(env, "gov", str(corpus_file("003")))
    _build(env, "city", str(corpus_file("004")))
    _build({**env, "RAG_EMBEDDER": "hash-128"}, "city128", str(corpus_file("004")))
    return env


@pytest.fixture(scope="module")
def settings_(env):
    return settings_for(env)


@pytest.fixture(scope="module")
def fused(settings_):
    return open_searcher("gov,city", settings_)


def _cli(env, *args):
    return CliRunner().invoke(cli_app, list(args), env=env)


def test_a_question_answered_from_the_second_index_cites_it_by_name(env, fused, settings_):
    assert isinstance(fused, FusedRetriever)
    answer = Answerer(fused, settings_).ask(CITY_Q)
    assert not answer.refused, answer.reason
    assert "2小时内报告" in answer.text
    assert answer.citations and {c.index for c in answer.citations} == {"city"}
    assert answer.citations[0].doc_number == CITY
    for c in answer.citations:  # still a verbatim quote of the cited notice
        assert fused.notices[c.notice_id].text[c.start : c.end] == c.quote
    assert {h.index for h in answer.hits} == {"gov", "city"}

    result = _cli(env, "ask", CITY_Q, "--index", "gov,city", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert [c["index"] for c in body["citations"]] == ["city"] * len(body["citations"])
    assert body["citations"][0]["doc_number"] == CITY
    printed = _cli(env, "ask", CITY_Q, "--index", "gov,city")
    assert "（索引 city）" in printed.output


def test_hits_from_both_indexes_are_ranked_once_each_on_one_scale(fused):
    result = fused.search("深化医药卫生体制改革重点工作任务 公共卫生体系建设", k=10)
    assert [h.rank for h in result.hits] == list(range(1, 11))
    assert {h.index for h in result.hits} == {"gov", "city"}
    # Each index's own order is kept inside the merged list.
    for name in ("gov", "city"):
        alone = fused.retrievers[0 if name == "gov" else 1].search(result.query, k=10)
        mine = [h.chunk.chunk_id for h in result.hits if h.index == name]
        assert mine == [h.chunk.chunk_id for h in alone.hits][: len(mine)]
    scores = [h.score for h in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_a_docno_routes_to_whichever_index_holds_it(fused, settings_):
    result = fused.search(f"{CITY}讲了什么？", k=5)
    assert result.hits[0].index == "city" and result.hits[0].routed
    assert result.hits[0].doc_number == CITY
    assert not any("索引中没有文号" in w for w in result.warnings)
    # City quotes 国办发〔2020〕25号, gov holds it: gov's notice comes first, and nothing
    # says the document is missing.
    result = open_searcher("city,gov", settings_).search(f"{GOV}讲了什么？", k=5)
    assert [h.index for h in result.hits[:3]] == ["gov"] * 3
    assert all(h.routed for h in result.hits[:3]) and result.mentioned == []
    assert not any("索引中没有文号" in w for w in result.warnings)
    # City alone does not hold it: its quoting passages come first, as before.
    alone = Retriever.open("city", settings_).search(f"{GOV}讲了什么？", k=5)
    assert alone.mentioned == [GOV] and alone.hits[0].index == "city"
    # A 文号 no index holds is said once.
    result = fused.search("国卫办医函〔2099〕1号讲了什么？", k=3)
    missing = [w for w in result.warnings if "索引中没有文号" in w]
    assert len(missing) == 1 and "国卫办医函〔2099〕1号" in missing[0]


def test_filters_apply_across_indexes_as_over_one(fused, settings_):
    # 甘肃 is named and only city holds 甘肃 notices: over both, the question is read as
    # about 甘肃 (as one index holding both notices would read it), so gov's national
    # notice adds nothing; gov alone does not know 甘肃 and does not filter.
    query = "甘肃省深化医药卫生体制改革有哪些重点工作任务？"
    result = fused.search(query, k=5)
    assert result.filters.region == "甘肃"
    assert {h.index for h in result.hits} == {"city"}
    assert fused.retrievers[0].search(query, k=5).hits[0].index == "gov"
    # A filter set by the user: the index without a matching notice adds nothing, and
    # nobody is told it was ignored.
    national = fused.search("公共卫生体系建设", k=5, filters=Filters(region="全国"))
    assert {h.region for h in national.hits} == {"全国"}
    assert {h.index for h in national.hits} == {"gov"}
    assert not any("忽略筛选条件" in w for w in national.warnings)
    # A 文号 named still routes to its notice, whatever the filters, as in one index.
    routed = fused.search(f"{CITY}讲了什么？", k=3, filters=Filters(region="全国"))
    assert routed.hits[0].doc_number == CITY and routed.hits[0].routed
    # No index has a match: each searches unfiltered and says so, as one index would.
    nowhere = fused.search("公共卫生体系建设", k=5, filters=Filters(region="西藏"))
    assert {h.index for h in nowhere.hits} == {"gov", "city"}
    assert any("忽略筛选条件" in w for w in nowhere.warnings)


# Two notices of our own writing: the 2023 edition repeals the 2019 one, each in its own index.
OLD_EDITION = """福建省卫生健康委员会关于印发福建省家庭医生签约服务管理办法的通知

闽卫基层发〔2019〕5号

各设区市卫生健康委，平潭综合实验区社会事业局：

现将《福建省家庭医生签约服务管理办法》印发给你们，请结合实际认真贯彻执行。

一、家庭医生团队原则上由全科医生、社区护士和公共卫生医师组成，每个团队签约居民一般不超过2000人。

二、签约服务周期原则上为一年，期满后居民可续约或选择其他家庭医生团队。

福建省卫生健康委员会

2019年3月1日
"""
NEW_EDITION = """福建省卫生健康委员会关于印发福建省家庭医生签约服务管理办法（2023年修订）的通知

闽卫基层发〔2023〕12号

各设区市卫生健康委，平潭综合实验区社会事业局：

现将修订后的《福建省家庭医生签约服务管理办法》印发给你们，请认真贯彻执行。

一、家庭医生团队可吸收专科医生、药师和健康管理师参加，每个团队签约居民一般不超过2500人。

二、本办法自2023年5月1日起施行，《福建省卫生健康委员会关于印发福建省家庭医生签约服务管理办法的通知》（闽卫基层发〔2019〕5号）同时废止。

福建省卫生健康委员会

2023年4月10日
"""


def test_a_repeal_across_indexes_counts_as_in_one_index(tmp_path):
    env = index_env(tmp_path)
    for name, text in (("old", OLD_EDITION), ("new", NEW_EDITION)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        _build(env, name, str(path))
    settings = settings_for(env)
    alone = Retriever.open("old", settings).search("家庭医生签约服务管理办法", k=2)
    assert alone.hits[0].status != "已废止"  # the old index cannot know
    both = open_searcher("old,new", settings)
    result = both.search("家庭医生签约服务管理办法", k=4)
    status = {h.doc_number: h.status for h in result.hits}
    assert status == {"闽卫基层发〔2019〕5号": "已废止", "闽卫基层发〔2023〕12号": "现行有效"}
    assert result.hits[0].index == "new"  # the repealed edition goes behind its successor
    answer = Answerer(both, settings).ask("家庭医生团队签约居民最多多少人？")
    assert "2500人" in answer.text and "2000人" not in answer.text
    assert answer.citations[0].index == "new" and answer.citations[0].status == "现行有效"
    c = TestClient(create_app(retriever=both, settings=settings))
    detail = c.get("/notices/闽卫基层发〔2019〕5号").json()
    assert detail["validity"]["status"] == "已废止"
    assert detail["validity"]["repealed_by"][0]["doc_number"] == "闽卫基层发〔2023〕12号"


def test_an_article_named_routes_to_the_index_holding_it(tmp_path):
    from conftest import ROOT

    laws = ROOT / "tests" / "fixtures" / "laws"  # our own wording
    env = index_env(tmp_path)
    _build(env, "reg", str(laws / "primary_health_regulation.txt"))
    _build(env, "law", str(laws / "primary_health_law.txt"))
    both = open_searcher("reg,law", settings_for(env))
    # Each index alone routes the name to its own document (the regulation's title holds
    # the law's name); over both, as over one index, the law is the document named.
    result = both.search("《基层健康服务促进法》第十条规定了什么？", k=5)
    assert result.articles == ["第十条"] and result.missing_articles == []
    top = result.hits[0]
    assert top.index == "law" and top.routed and top.named_articles == (10,)
    assert {h.index for h in result.hits if h.routed} == {"law"}
    answer = Answerer(both, settings_for(env)).ask("《基层健康服务促进法》第十条规定了什么？")
    assert answer.citations[0].index == "law" and answer.citations[0].article == "第十条"
    result = both.search("《基层健康服务促进法实施条例》第十条", k=5)
    assert {h.index for h in result.hits if h.routed} == {"reg"}


def test_indexes_built_with_different_embedders_fuse(settings_):
    both = open_searcher("gov,city128", settings_)
    assert isinstance(both, FusedRetriever)
    assert both.embedders == {"gov": "hash-256", "city128": "hash-128"}
    answer = Answerer(both, settings_).ask(CITY_Q)
    assert not answer.refused and answer.citations[0].index == "city128"
    assert "2小时内报告" in answer.text


def test_the_same_passage_in_two_indexes_is_kept_once(settings_):
    both = open_searcher("city,city128", settings_)
    result = both.search("公共卫生体系建设", k=10)
    keys = [(h.doc_number, h.chunk.text) for h in result.hits]
    assert len(keys) == 10 and len(set(keys)) == 10
    # Both indexes hold the same file: each passage once, from whichever ranks it first.
    assert len({h.chunk.chunk_id for h in result.hits}) == 10
    assert {h.index for h in result.hits} <= {"city", "city128"}


def test_a_missing_index_is_named_with_how_to_build_it(env, settings_):
    with pytest.raises(IndexNotFoundError) as err:
        open_searcher("gov,nowhere", settings_)
    assert "'nowhere'" in str(err.value) and "rag index --index nowhere" in str(err.value)
    result = _cli(env, "search", "公共卫生", "--index", "gov,nowhere")
    assert result.exit_code == 4
    assert "nowhere" in result.output and "rag ingest" in result.output
    assert "Traceback" not in result.output
    bad = _cli(env, "search", "公共卫生", "--index", "gov,,city")
    assert bad.exit_code == 2 and "索引名" in bad.output


def test_one_index_behaves_as_before(env, settings_):
    alone = open_searcher("city", settings_)
    assert type(alone) is Retriever
    result = _cli(env, "search", CITY_Q, "--index", "city", "--json", "--k", "5")
    body = json.loads(result.output)
    expected = Retriever.open("city", settings_).search(CITY_Q, k=5).to_dict()
    strip = lambda d: {k: v for k, v in d.items() if k != "timings_ms"}  # noqa: E731
    assert strip(body) == strip(expected)
    assert {h["index"] for h in body["hits"]} == {"city"}
    printed = _cli(env, "search", CITY_Q, "--index", "city", "--k", "1").output
    assert "[1] 平政办发" in printed  # no index label with one index


def test_cli_search_labels_each_hit_with_its_index(env):
    result = _cli(env, "search", "公共卫生体系建设", "--index", "gov,city", "--k", "6")
    assert result.exit_code == 0, result.output
    assert "[gov]" in result.output and "[city]" in result.output


def test_dense_scores_are_read_against_each_index_s_own_null(settings_):
    first, own = (0.80, 0.02), (0.30, 0.10)  # e.g. an e5 index and a hash one
    placed = on_null_scale(0.5, own, first)
    assert placed is not None
    assert (placed - first[0]) / first[1] == pytest.approx((0.5 - own[0]) / own[1])
    assert on_null_scale(0.5, first, first) == pytest.approx(0.5)
    assert on_null_scale(0.5, None, first) == 0.5 and on_null_scale(None, own, first) is None
    # One-notice indexes have no measured null: the fused searcher offers none either, so
    # support reads word overlap alone rather than compare cosines of two embedders.
    both = open_searcher("gov,city128", settings_)
    assert "calibration" not in (both.manifest.get("vectors") or {})
    assert set(both.manifest["indexes"]) == {"gov", "city128"}


def test_joined_sentence_vectors_give_each_sentence_its_own_embedders_cosine():
    from rag.embeddings import text_key

    rng = np.random.default_rng(0)

    def unit(n, d):
        v = rng.normal(size=(n, d)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    a, b = unit(2, 4), unit(2, 6)
    ta = SentenceVectors([text_key("甲"), text_key("乙")], a)
    tb = SentenceVectors([text_key("乙"), text_key("丙")], b)
    qa, qb = unit(1, 4)[0], unit(1, 6)[0]
    joined = SentenceVectors.joined([[ta], [tb]])
    sims = joined.similarities(["甲", "乙", "丙", "丁"], np.concatenate([qa, qb]))
    assert sims[0] == pytest.approx(float(a[0] @ qa))
    assert sims[1] == pytest.approx(float(a[1] @ qa))  # held by both: the first table's
    assert sims[2] == pytest.approx(float(b[1] @ qb))
    assert sims[3] is None


def test_langchain_documents_name_their_index(env, monkeypatch):
    from rag.langchain import PolicyRetriever

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    docs = PolicyRetriever(index="gov,city", k=6).invoke(CITY_Q)
    assert {d.metadata["index"] for d in docs} == {"gov", "city"}


# ---------------------------------------------------------------------------
# The API's indexes field


@pytest.fixture(scope="module")
def client(settings_):
    app = create_app(retriever=Retriever.open("gov", settings_), settings=settings_)
    return TestClient(app, raise_server_exceptions=False)


def test_api_indexes_field_searches_and_answers_across_indexes(client):
    r = client.post("/search", json={"query": CITY_Q, "k": 6, "indexes": ["gov", "city"]})
    assert r.status_code == 200, r.text
    assert {h["index"] for h in r.json()["hits"]} == {"gov", "city"}
    r = client.post("/ask", json={"question": CITY_Q, "indexes": ["gov", "city"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert not body["refused"] and body["citations"][0]["index"] == "city"
    assert body["citations"][0]["doc_number"] == CITY
    # Without the field: the served index only.
    r = client.post("/search", json={"query": CITY_Q, "k": 3})
    assert {h["index"] for h in r.json()["hits"]} == {"gov"}
    r = client.post("/search", json={"query": CITY_Q, "k": 3, "indexes": ["city"]})
    assert {h["index"] for h in r.json()["hits"]} == {"city"}


@pytest.mark.parametrize("names", [["gov", "nowhere"], ["nowhere"]])
def test_api_unknown_index_is_a_404_naming_it(client, names):
    r = client.post("/search", json={"query": CITY_Q, "indexes": names})
    assert r.status_code == 404
    error = r.json()["error"]
    assert error["code"] == "index_not_found"
    assert "nowhere" in error["message"] and "rag index --index nowhere" in error["message"]
    r = client.post("/ask", json={"question": CITY_Q, "indexes": names})
    assert r.status_code == 404 and "nowhere" in r.json()["error"]["message"]


@pytest.mark.parametrize(
    "names", [["../gov"], [".hidden"], [""], ["a,b"], [], ["中" * 90], ["a\u0000b"], ["a\nb"]]
)
def test_api_invalid_index_names_are_refused(client, names):
    r = client.post("/search", json={"query": CITY_Q, "indexes": names})
    assert r.status_code == 422, r.text
    assert "indexes" in r.json()["error"]["message"]


def test_api_indexes_field_works_without_the_default_index(settings_):
    # The served index ("default") was never built: naming others must not need it.
    c = TestClient(create_app(settings=settings_), raise_server_exceptions=False)
    r = c.post("/ask", json={"question": CITY_Q, "indexes": ["gov", "city"]})
    assert r.status_code == 200 and r.json()["citations"][0]["index"] == "city"
    assert c.post("/search", json={"query": CITY_Q}).status_code == 503


def test_rag_serve_over_several_indexes_reports_them(settings_):
    app = create_app(retriever=open_searcher("gov,city128", settings_), settings=settings_)
    c = TestClient(app)
    health = c.get("/health").json()
    assert health["index"] == "gov,city128" and health["embedder"] == "hash-256,hash-128"
    r = c.post("/ask", json={"question": CITY_Q})
    assert r.json()["citations"][0]["index"] == "city128"
    assert c.get(f"/notices/{CITY}").json()["doc_number"] == CITY
