"""Retrieval over the bundled corpus with the deterministic hash embedder."""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, build_index, index_env
from typer.testing import CliRunner

from rag.cli import app
from rag.config import load_settings
from rag.errors import EmbedderMismatchError, IndexNotFoundError, InvalidQueryError
from rag.retrieve import Filters, Retriever, analyse_query


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = index_env(tmp_path_factory.mktemp("retrieve"))
    build_index(env, CORPUS)
    return env


@pytest.fixture(scope="module")
def retriever(env):
    mp = pytest.MonkeyPatch()
    for k, v in env.items():
        mp.setenv(k, v)
    r = Retriever.open()
    mp.undo()
    return r


def test_docno_query_routes_to_that_notice_and_its_answering_passage(retriever):
    result = retriever.search("国卫办医函[2020]357号要求各地在什么时候前完成委省共建？", k=5)
    assert result.doc_numbers == ["国卫办医函〔2020〕357号"]
    top = result.hits[0]
    assert top.doc_number == "国卫办医函〔2020〕357号" and top.routed
    assert all(h.doc_number == "国卫办医函〔2020〕357号" for h in result.hits[:2])


def test_a_question_on_a_named_notices_topic_reads_five_of_its_passages(retriever):
    # The passage that answers may rank below the notice's opening ones.
    result = retriever.search("国卫医急发（2023）35号这个规范从什么时候开始试行？", k=10)
    routed = [h for h in result.hits if h.routed]
    chunks = [c for c in retriever.chunks if c.notice_id == routed[0].chunk.notice_id]
    assert len(routed) == min(5, len(chunks)) and len(chunks) > 3
    assert result.hits[: len(routed)] == routed
    assert any("起试行" in h.chunk.text for h in routed)


def test_every_docno_named_is_among_the_first_hits(retriever):
    # "A和B分别…": the second 文号 must not be crowded out by the first notice's passages.
    result = retriever.search("国卫办医函〔2020〕357号和国卫办医函〔2020〕389号分别讲了什么？", k=4)
    assert result.doc_numbers == ["国卫办医函〔2020〕357号", "国卫办医函〔2020〕389号"]
    assert [h.doc_number for h in result.hits[:2]] == result.doc_numbers
    assert all(h.routed for h in result.hits)


def test_a_docno_with_its_province_written_before_it_routes_to_that_provinces_notice(retriever):
    # "山东局函(2020)95号": 局函〔2020〕95号 of the Shandong notice, the place added by the user.
    result = retriever.search("山东局函(2020)95号对申请核发药品生产许可证的企业有什么要求？", k=5)
    assert result.doc_numbers == ["局函〔2020〕95号"]
    assert result.hits[0].routed and result.hits[0].doc_number == "局函〔2020〕95号"
    # Another province's name before it is no such 文号: not routed, said to be missing.
    other = retriever.search("湖北局函(2020)95号对申请核发药品生产许可证的企业有什么要求？", k=5)
    assert not any(h.routed for h in other.hits)


def test_a_docno_named_by_its_serial_alone_routes_to_the_one_notice_with_it(retriever):
    # "国家卫健委405号文": the index holds one notice numbered …〔…〕405号.
    result = retriever.search("国家卫健委405号文要求按照什么标准推进医院信息系统集成整合？", k=5)
    assert result.doc_numbers == ["国卫办医函〔2020〕405号"]
    assert result.hits[0].routed and result.hits[0].doc_number == "国卫办医函〔2020〕405号"
    # A serial no notice has, or a full 文号's tail, routes nothing by serial.
    assert retriever.search("9999号文讲了什么？", k=5).doc_numbers == []


def test_a_docno_prefix_with_a_listing_word_routes_the_whole_series(retriever):
    result = retriever.search("2023年国卫医急发的文件有哪些？", k=5)
    assert result.series == ["国卫医急发"]
    numbers = [h.doc_number for h in result.hits if h.routed]
    assert numbers == ["国卫医急发〔2023〕35号", "国卫医急发〔2023〕37号", "国卫医急发〔2023〕39号"]
    # Without a listing word the prefix is just part of the topic.
    assert retriever.search("国卫医急发对医院巡查有什么要求？", k=5).series == []
    # A year that the series does not have leaves nothing routed.
    assert not any(h.routed for h in retriever.search("2020年国卫医急发的文件有哪些？").hits)


@pytest.mark.parametrize("typed", ["国办发〔2020〕25号", "国办发(2020)25号", "国办发 [2020] 25 号"])
def test_docno_lookup_recall_at_1_for_any_bracket(retriever, typed):
    assert retriever.search(f"{typed}的主要内容", k=3).hits[0].doc_number == "国办发〔2020〕25号"


def test_region_in_query_filters_results(retriever):
    result = retriever.search("福建省新冠病毒检测试剂集中采购有什么规定？", k=5)
    assert result.filters.region == "福建"
    assert result.hits[0].region == "福建"
    # A province named in the question excludes notices of other provinces, not those
    # whose region was never read.
    assert all(h.region in ("福建", "") for h in result.hits)


def test_unknown_metadata_is_not_excluded_by_a_question_but_is_by_an_explicit_filter():
    from rag.records import Notice

    def notice(region: str, date: str) -> Notice:
        return Notice("n", "", "t", "", region, date, "", "", (), "s.txt", "正文")

    inferred = analyse_query("2024—2025年福建省护理工作要点", {"福建"})[1]
    assert (inferred.year, inferred.year_to, inferred.region) == (2024, 2025, "福建")
    assert inferred.allows(notice("", "")) and inferred.allows(notice("福建", "2025-03-01"))
    assert not inferred.allows(notice("甘肃", "2025-03-01"))
    assert not inferred.allows(notice("福建", "2023-12-31"))
    explicit = Filters(region="福建", year=2024)
    assert not explicit.allows(notice("", "")) and explicit.allows(notice("福建", "2024-01-02"))


def test_a_docno_no_notice_carries_is_found_where_a_passage_quotes_it(retriever):
    # 国办发〔2019〕47号 is cited in the corpus but is not one of its notices.
    result = retriever.search("国办发〔2019〕47号是什么文件？", k=3)
    assert result.mentioned == ["国办发〔2019〕47号"]
    assert "引用了它" in result.warnings[-1]
    assert "〔2019〕47号" in result.hits[0].chunk.text.replace("﹝", "〔").replace("﹞", "〕")


def test_explicit_filters_override_and_year(retriever):
    result = retriever.search("社区医院建设", k=5, filters=Filters(year=2023))
    assert result.hits and all(h.date.startswith("2023") for h in result.hits)


def test_one_notice_does_not_flood_the_top_k(retriever):
    result = retriever.search("医疗废物集中处置设施建设", k=10)
    counts = {}
    for h in result.hits:
        counts[h.chunk.notice_id] = counts.get(h.chunk.notice_id, 0) + 1
    assert max(counts.values()) <= load_settings().max_per_notice


def test_hits_carry_citation_fields_and_exact_offsets(retriever):
    for h in retriever.search("互联网医院管理", k=5).hits:
        notice = retriever.notices[h.chunk.notice_id]
        assert notice.text[h.chunk.start : h.chunk.end] == h.chunk.text
        assert h.title and h.source and (h.doc_number or h.title)


def test_bad_queries(retriever):
    with pytest.raises(InvalidQueryError, match="为空"):
        retriever.search("   ")
    for k in (0, -1, 10_000):
        with pytest.raises(InvalidQueryError, match="k="):
            retriever.search("互联网医院", k=k)
    long = retriever.search("互联网医院" * 20_000, k=3)
    assert long.hits and any("过长" in w for w in long.warnings)


def test_unknown_docno_says_so(retriever):
    result = retriever.search("国卫办医函〔2099〕1号", k=3)
    assert any("国卫办医函〔2099〕1号" in w for w in result.warnings)


def test_search_cli_json_shape(env):
    result = CliRunner().invoke(
        app, ["search", "互联网诊疗有哪些要求？", "--k", "3", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == "互联网诊疗有哪些要求？" and len(data["hits"]) == 3
    for key in (
        "rank",
        "score",
        "doc_number",
        "title",
        "issuer",
        "date",
        "source",
        "heading",
        "text",
        "start",
        "end",
    ):
        assert key in data["hits"][0]
    assert "total" in data["timings_ms"]


def test_search_cli_batch_and_bad_lines(env, tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"question": "互联网医院"}\n{"question": "医疗废物"}\n', "utf-8")
    result = CliRunner().invoke(app, ["search", "--queries", str(queries), "--json"], env=env)
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 2
    queries.write_text('{"question": "互联网医院"}\nnot json\n', "utf-8")
    bad = CliRunner().invoke(app, ["search", "--queries", str(queries)], env=env)
    assert bad.exit_code == 2 and "第 2 行" in bad.stderr


def test_empty_query_cli_is_a_clear_error(env):
    result = CliRunner().invoke(app, ["search", "  "], env=env)
    assert result.exit_code == 2 and "为空" in result.stderr and "Traceback" not in result.output


def test_missing_vectors_name_the_index_command(tmp_path):
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_EMBEDDER": "hash"}
    runner = CliRunner()
    assert (
        runner.invoke(app, ["ingest", str(CORPUS / "003_2860dffb50d675a5.txt")], env=env).exit_code
        == 0
    )
    result = runner.invoke(app, ["search", "医改"], env=env)
    assert result.exit_code == IndexNotFoundError.exit_code
    assert "rag index" in result.stderr


def test_mismatched_embedder_is_a_clear_error(env):
    result = CliRunner().invoke(app, ["search", "医改"], env={**env, "RAG_EMBEDDER": "hash-512"})
    assert result.exit_code == EmbedderMismatchError.exit_code
    assert "--rebuild" in result.stderr and "hash-256" in result.stderr


def test_reindex_is_a_no_op(env):
    again = CliRunner().invoke(app, ["index"], env=env)
    assert "已是最新" in again.stdout


def test_stale_index_after_ingest_is_reported_then_rebuilt(tmp_path):
    env = {
        "RAG_INDEX_DIR": str(tmp_path / "index"),
        "RAG_EMBEDDER": "hash",
        "RAG_CACHE_DIR": str(tmp_path / "cache"),
    }
    runner = CliRunner()
    doc = tmp_path / "n.txt"
    doc.write_text((CORPUS / "003_2860dffb50d675a5.txt").read_text("utf-8"), "utf-8")
    assert runner.invoke(app, ["ingest", str(doc)], env=env).exit_code == 0
    assert runner.invoke(app, ["index"], env=env).exit_code == 0
    doc.write_text(doc.read_text("utf-8") + "\n新增一段：试点城市名单另行公布。\n", "utf-8")
    assert runner.invoke(app, ["ingest", str(doc)], env=env).exit_code == 0
    stale = runner.invoke(app, ["search", "试点城市名单"], env=env)
    assert stale.exit_code != 0 and "rag index" in stale.stderr
    rebuilt = runner.invoke(app, ["index"], env=env)
    assert rebuilt.exit_code == 0
    # Only the changed passage is embedded again; the rest comes from the cache.
    embedded = int(rebuilt.stdout.split("新计算向量 ")[1].split(" ")[0])
    assert 1 <= embedded <= 3
    found = runner.invoke(app, ["search", "试点城市名单另行公布", "--json"], env=env)
    assert "试点城市名单另行公布" in json.loads(found.stdout)["hits"][0]["text"]


def test_public_api_import_is_light_and_exposes_retriever():
    import subprocess
    import sys

    code = (
        "import sys, rag; assert 'faiss' not in sys.modules and 'torch' not in sys.modules; "
        "print(rag.Retriever.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Retriever"


class _PreferTerm:
    """A scripted reranker: passages containing the term score highest."""

    def __init__(self, term):
        self.term = term
        self.calls = 0

    def score(self, query, passages):
        self.calls += 1
        return [1.0 if self.term in p else 0.0 for p in passages]


def test_reranker_reorders_the_fused_candidates(env):
    mp = pytest.MonkeyPatch()
    for k, v in env.items():
        mp.setenv(k, v)
    settings = load_settings()
    reranker = _PreferTerm("发热门诊")
    r = Retriever(settings.index_path(), settings=settings, reranker=reranker)
    mp.undo()
    result = r.search("医疗机构感染防控要求", k=5)
    assert reranker.calls == 1 and "rerank" in result.timings_ms
    assert "发热门诊" in result.hits[0].chunk.text and result.hits[0].rerank == 1.0


def test_unloadable_reranker_is_a_config_error(env):
    from rag.errors import ConfigError
    from rag.retrieve import CrossEncoderReranker

    with pytest.raises(ConfigError, match="RAG_RERANKER"):
        CrossEncoderReranker("/nonexistent/cross-encoder")


class _CountingEmbedder:
    """The index's embedder, counting the calls that embed queries."""

    def __init__(self, inner, batched: bool = True) -> None:
        self.inner, self.id, self.dimension = inner, inner.id, inner.dimension
        self.calls: list[int] = []
        if not batched:
            self.embed_queries = None  # type: ignore[assignment]

    def embed_documents(self, texts):
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        self.calls.append(1)
        return self.inner.embed_query(text)

    def embed_queries(self, texts):
        self.calls.append(len(texts))
        return self.inner.embed_queries(texts)


def test_a_question_of_several_asks_embeds_them_in_one_call(retriever):
    question = "辽宁的卫生应急工作要点要求什么？突发事件医疗应急工作管理办法要求什么？"
    inner = retriever.embedder
    try:
        retriever.embedder = _CountingEmbedder(inner, batched=False)
        one_by_one = retriever.search(question, k=5)
        assert len(retriever.embedder.calls) == 3  # the question, then each ask on its own
        retriever.embedder = counting = _CountingEmbedder(inner)
        together = retriever.search(question, k=5)
    finally:
        retriever.embedder = inner
    assert counting.calls == [3]
    assert [h.chunk.chunk_id for h in together.hits] == [h.chunk.chunk_id for h in one_by_one.hits]
    assert together.asked == one_by_one.asked


def test_a_year_dating_what_a_passage_tells_does_not_narrow_the_search_away_from_it(retriever):
    # The years date the spending the 2021 report tells of, not the report: a passage of
    # another year holding the question's words far better keeps the year from narrowing.
    result = retriever.search(
        "那篇长护险报道说，南通市本级财政2016年到2020年直接投入了多少钱？占基金总量多大比例？",
        k=5,
    )
    assert "长护险" in result.hits[0].title
    # A year the notices asked about are dated by still narrows the search.
    result = retriever.search("2023年紧密型县域医共体建设的指导意见要求什么时候全面推开？", k=5)
    assert all(h.date.startswith("2023") for h in result.hits)


def test_the_null_similarity_sample_moves_by_one_sentence_when_one_is_added():
    # Sampled by content hash, a sentence added to the index changes at most one of the
    # sentences the null similarity is measured on (every n-th hash would shift them all).
    import numpy as np

    from rag.calibration import null_similarity
    from rag.records import Chunk

    def chunks_of(count: int) -> list[Chunk]:
        out = []
        for i in range(count):
            text = f"第{i}条规定的内容是示例条款编号{i}的说明文字。"
            out.append(Chunk(f"c{i}", f"n{i % 7}", text, (), 0, len(text), len(text)))
        return out

    def sampled(chunks: list[Chunk]) -> set[str]:
        seen: list[str] = []

        def embed(text: str) -> np.ndarray:
            seen.append(text)
            return np.ones(4, dtype=np.float32)

        vectors = np.ones((len(chunks), 4), dtype=np.float32)
        assert null_similarity(embed, chunks, vectors, samples=20) is not None
        return set(seen)

    before, after = sampled(chunks_of(100)), sampled(chunks_of(101))
    assert len(before) == len(after) == 20
    assert len(before - after) <= 1


SHANDONG_EVENTS = """山东省卫生健康委员会关于印发《山东省医疗质量安全不良事件报告管理办法》的通知
鲁卫医字〔2035〕19号
第四条　三级医院每百名出院患者主动报告医疗质量安全不良事件不少于3例次。
山东省卫生健康委员会
2035年3月1日
"""
HENAN_DRUGS = """河南省卫生健康委员会关于印发《河南省医疗机构麻醉药品管理办法》的通知
豫卫医〔2035〕41号
第五条　麻醉药品储存区域的监控录像保存不少于180天。
河南省卫生健康委员会
2035年4月1日
"""


def test_a_regions_best_match_is_told_against_the_whole_indexs(tmp_path):
    """``standing`` says whether a province's notices hold the index's best match for a
    query, and how far behind it their best falls when they do not."""
    from conftest import index_over

    settings = index_over(tmp_path, {"sd.txt": SHANDONG_EVENTS, "hn.txt": HENAN_DRUGS})
    retriever = Retriever.open(None, settings)
    try:
        query = retriever.search("医院每百名出院患者主动报告不良事件不少于几例次？", k=2)
        assert query.query_vector is not None
        own = retriever.standing(query.query_vector, "山东")
        other = retriever.standing(query.query_vector, "河南")
        assert own is not None and other is not None
        shandong = next(n for n in retriever.notices.values() if n.region == "山东")
        assert own.behind == 0.0 and own.best_notice == shandong.notice_id
        assert other.behind > 0.05 and other.best_notice == shandong.notice_id, other
        assert retriever.standing(query.query_vector, "西藏") is None  # no notice of it
    finally:
        retriever.close()


def _notice(nid: str, region: str, title: str):
    """A notice of ``region`` known by ``title`` alone (no text), for the passage-order steps."""
    from rag.records import Notice

    return Notice(nid, "", title, "", region, "2035-01-01", "", "", (), f"{nid}.txt", "")


def _ordering_retriever(notices, notice_of):
    """A retriever holding only what the passage-order steps read: the notices, each
    passage's notice (``notice_of``) and answer_k = 5."""
    from rag.config import Settings

    retriever = object.__new__(Retriever)
    retriever.settings = Settings(answer_k=5)
    retriever.notices = notices
    retriever._notice_of = notice_of
    return retriever


def test_an_asks_own_notice_does_not_displace_the_one_passage_read_of_a_place_asked_of():
    """ "…多少学时？国家通知的要求和湖北省办法的要求一样吗？" asks of 湖北 and the nation: the
    national notice's one passage among the first five stays when the second ask's own
    search brings in another notice; a passage of a place read twice makes room instead."""
    notices = {
        "hb": _notice("hb", "湖北", "湖北省卫生监督协管服务管理办法"),
        "hb_trial": _notice("hb_trial", "湖北", "湖北省卫生监督协管服务管理办法（试行）"),
        "hebei": _notice("hebei", "河北", "河北省卫生监督协管服务工作规范"),
        "nation": _notice("nation", "全国", "国家卫生健康委办公厅关于加强卫生监督协管的通知"),
        "other": _notice("other", "湖北", "湖北省医疗质量安全不良事件报告办法"),
    }
    retriever = _ordering_retriever(notices, ["hb", "hebei", "hb", "hb_trial", "nation", "other"])
    chosen = [0, 1, 2, 3, 4, 5]
    out = retriever._each_ask(chosen, [0, 5], ["湖北", "全国"])
    head = [retriever._notice_of[i] for i in out[:5]]
    assert "nation" in head and "other" in head
    # Without places asked, the lowest-ranked passage no ask found makes room, as before.
    plain = retriever._each_ask(chosen, [0, 5])
    assert "nation" not in [retriever._notice_of[i] for i in plain[:5]]


def test_the_one_city_asked_of_is_read_in_place_of_a_second_passage_of_a_notice_read_twice():
    """ "那曲靖市里要求到多少？": the city's own notice, ranked below the first five, is read
    there in place of a second passage of a notice read twice; a notice read once (a city
    report whose headline does not name the city) keeps its one passage."""
    from rag.query_filters import city_asked

    notices = {
        "yn": _notice("yn", "云南", "云南省麻风病密切接触者随访管理规范"),
        "amd": _notice("amd", "云南", "关于修改《云南省麻风病密切接触者随访管理规范》的通知"),
        "cn": _notice("cn", "全国", "国家疾控局综合司关于加强麻风病防治工作的通知"),
        "qj": _notice("qj", "云南", "曲靖市卫生健康委员会关于做好麻风病防治工作的通知"),
        "news": _notice("news", "云南", "发现可疑皮损12小时内报告"),
    }
    assert city_asked("那曲靖市里要求到多少？", {"云南", "全国"}) == "曲靖"
    assert city_asked("云南和四川各要求多少？", {"云南", "四川"}) == ""
    retriever = _ordering_retriever(notices, ["amd", "amd", "yn", "yn", "cn", "news", "qj"])
    order = list(range(7))
    out = retriever._each_place(order[:6], order, ["曲靖"], twice_only=True)
    head = [retriever._notice_of[i] for i in out[:5]]
    assert "qj" in head and "cn" in head and head.count("yn") == 1, head
    # With no notice read twice among the first five, nothing makes room.
    retriever._notice_of = ["amd", "yn", "cn", "news", "other", "x", "qj"]
    notices["other"] = _notice("other", "云南", "云南省结核病防治规划")
    notices["x"] = _notice("x", "云南", "云南省地方病防治规划")
    out = retriever._each_place(order[:6], order, ["曲靖"], twice_only=True)
    assert "qj" not in [retriever._notice_of[i] for i in out[:5]]


_FEEDING_RULES = (
    "产后{m}分钟内开始母乳喂养，医院落实早接触、早吸吮。",
    "母乳喂养咨询门诊每周开诊不少于{n}个半天，产后妇女开始母乳喂养遇到困难的可预约。",
    "医院母乳喂养培训每年不少于{n}学时，产科医护人员产后指导开始母乳喂养。",
    "产后母乳喂养随访在出院后{n}日内完成，开始母乳喂养率纳入考核。",
)


def _feeding_notice(issuer: str, number: str, minutes: int, start: int) -> str:
    rules = [_FEEDING_RULES[(start + k) % 4] for k in range(3)]
    return (
        f"{issuer}关于加强产后母乳喂养促进工作的通知\n{number}\n各有关单位：\n"
        + "".join(
            f"{'一二三'[k]}、" + rule.format(m=minutes, n=minutes // 10 + k) + "\n"
            for k, rule in enumerate(rules)
        )
        + f"{issuer}\n2034年3月1日\n"
    )


def test_a_city_named_bare_has_its_provinces_notice_read_without_keeping_others_out(tmp_path):
    """ "泸州的医院…多久开始喂奶？": 泸州 names no province, so no filter keeps the other
    provinces' notices out; but 四川's own notice, ranked below their passages, is read among
    the first ``answer_k`` in place of a second passage of a notice read twice."""
    from conftest import index_over

    from rag.ranking import Fusion
    from rag.retrieve import Retriever

    docs = {
        "gd.txt": _feeding_notice("广东省卫生健康委员会", "粤卫妇幼〔2034〕3号", 30, 0),
        "hb.txt": _feeding_notice("湖北省卫生健康委员会", "鄂卫妇幼〔2034〕4号", 20, 1),
        "hn.txt": _feeding_notice("湖南省卫生健康委员会", "湘卫妇幼〔2034〕5号", 40, 2),
        "zj.txt": _feeding_notice("浙江省卫生健康委员会", "浙卫妇幼〔2034〕7号", 50, 3),
        "sc.txt": "四川省卫生健康委员会关于爱婴医院管理的通知\n川卫妇幼〔2034〕6号\n"
        "各市（州）卫生健康委：\n一、新生儿出生后1小时内由产妇怀抱开始哺乳。\n二、爱婴医院每三年复核一次。\n"
        "四川省卫生健康委员会\n2034年4月1日\n",
    }
    settings = index_over(tmp_path, docs)
    retriever = Retriever.open(settings=settings)
    try:
        question = "泸州的医院，产后多久内要开始母乳喂养？"
        result = retriever.search(
            question, k=settings.answer_k, fusion=Fusion.for_answers(settings)
        )
        regions = [h.region for h in result.hits]
        assert "四川" in regions, regions
        assert len(set(regions) - {"四川"}) >= 3, regions  # (no filter keeps them out)
    finally:
        retriever.close()


def test_search_results_hold_more_of_one_notice_than_the_answerer_reads(retriever):
    """A list of results gives the notice that holds what is asked up to ``max_per_notice``
    passages; the answerer's searches keep to ``answer_max_per_notice`` of one notice, so a
    question about several notices finds each among the five passages it reads."""
    from rag.ranking import Fusion

    settings = retriever.settings
    assert settings.max_per_notice > settings.answer_max_per_notice
    query = "医疗监督执法工作规范中医疗卫生人员资质、医疗技术、药品和医疗器械的监督执法内容"

    def most_of_one(result) -> int:
        counts: dict[str, int] = {}
        for h in result.hits:
            counts[h.chunk.notice_id] = counts.get(h.chunk.notice_id, 0) + 1
        return max(counts.values())

    listed = retriever.search(query, k=8)
    answered = retriever.search(query, k=8, fusion=Fusion.for_answers(settings))
    assert most_of_one(listed) > settings.answer_max_per_notice
    assert most_of_one(listed) <= settings.max_per_notice
    assert most_of_one(answered) <= settings.answer_max_per_notice
    assert len({h.chunk.notice_id for h in answered.hits}) > len(
        {h.chunk.notice_id for h in listed.hits}
    )
