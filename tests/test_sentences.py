"""Sentence vectors: built with the index, read by the answer stage, and what they change:
a sentence that means what the question asks is quoted even when it shares few words."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from rag.answer import Answerer
from rag.answer.extractive import ExtractiveGenerator
from rag.answer.params import AnswerParams
from rag.answer.scoring import score_sentences
from rag.answer.support import TermWeights
from rag.cli import app
from rag.embeddings import HashEmbedder
from rag.records import Chunk, Hit
from rag.retrieve import Retriever
from rag.sentences import SENTENCES, sentence_texts
from tests.conftest import build_index, index_env, settings_for

NOTICE = """示例市卫生健康委员会关于做好定点医院医务人员防护保障的通知
示卫发〔2031〕5号
各区卫生健康局：
一、定点医院医务人员实行闭环管理，下班后统一安排驻地住宿，住宿实行单人单间。
二、医务人员每日上岗前进行健康监测，出现发热等症状立即报告。
三、各区要保障医务人员的防护物资供应，防护物资储备不少于30天用量。
示例市卫生健康委员会
2031年4月1日
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("sentences")
    (root / "docs").mkdir()
    (root / "docs" / "n.txt").write_text(NOTICE, encoding="utf-8")
    env = index_env(root)
    build_index(env, root / "docs")
    return env


def test_the_index_holds_a_vector_for_every_distinct_sentence(env):
    settings = settings_for(env)
    retriever = Retriever.open(settings=settings)
    expected = sentence_texts(retriever.chunks)
    assert retriever.sentences is not None and len(retriever.sentences) == len(expected)
    assert retriever.manifest["vectors"]["sentences"] == len(expected)
    # Each stored vector is the embedder's vector of that sentence.
    embedder = HashEmbedder(256)
    query = embedder.embed_query("下班后住哪里")
    sentence = next(t for t in expected if "单人单间" in t)
    (cosine,) = retriever.sentences.similarities([sentence], query)
    direct = float(embedder.embed_documents([sentence])[0] @ query)
    assert cosine == pytest.approx(direct, abs=1e-5)
    assert retriever.sentences.similarities(["索引里没有的一句话。"], query) == [None]


def test_an_index_built_before_sentence_vectors_still_answers_and_rag_index_adds_them(env):
    settings = settings_for(env)
    path = settings.index_path(None) / SENTENCES
    path.unlink()
    retriever = Retriever.open(settings=settings)
    assert retriever.sentences is None
    answer = Answerer(retriever, settings.model_copy(update={"refusal_threshold": 0.0})).ask(
        "定点医院医务人员住宿有什么要求？"
    )
    assert "单人单间" in answer.text
    # A search ranks passages by dense and BM25 alone (no best-sentence ranking to read).
    found = retriever.search("医务人员下班后住在哪里？", k=3)
    assert found.hits and "单人单间" in found.hits[0].chunk.text
    result = CliRunner().invoke(app, ["index"], env=env)
    assert result.exit_code == 0, result.output
    assert path.exists()
    # The sentences' vectors come from the embedding cache: nothing is embedded again.
    assert "新计算向量 0 条" in result.output


def test_a_traditional_repost_is_embedded_as_its_simplified_text(tmp_path):
    # A question in simplified characters meets a traditional-character repost as it meets
    # the same notice in simplified characters: passages, sentences and the question are all
    # embedded in simplified characters, and an index embedded otherwise is embedded again.
    from rag.grammar import simplified

    traditional = NOTICE.replace("示例市卫生健康委员会关于", "示例市衛生健康委員會關於").replace(
        "一、定点医院医务人员实行闭环管理，下班后统一安排驻地住宿，住宿实行单人单间。",
        "一、定點醫院醫務人員實行閉環管理，下班後統一安排駐地住宿，住宿實行單人單間。",
    )
    assert simplified(traditional) == NOTICE
    question = "定点医院医务人员下班后住宿有什么安排？"
    found = {}
    for name, text in (("simplified", NOTICE), ("traditional", traditional)):
        root = tmp_path / name
        (root / "docs").mkdir(parents=True)
        (root / "docs" / "n.txt").write_text(text, encoding="utf-8")
        env = index_env(root)
        build_index(env, root / "docs")
        retriever = Retriever.open(settings=settings_for(env))
        hit = retriever.search(question, k=1).hits[0]
        sentence = next(t for t in sentence_texts(retriever.chunks) if "住宿" in simplified(t))
        query = HashEmbedder(256).embed_query(question)
        found[name] = (hit.dense, retriever.sentences.similarities([sentence], query)[0])
    assert found["traditional"] == pytest.approx(found["simplified"], abs=1e-5)
    # An index embedded before texts were read so (its manifest does not say how) is
    # embedded again by `rag index`.
    path = settings_for(env).index_path(None) / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["vectors"]["view"]
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["index"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(path.read_text(encoding="utf-8"))["vectors"]["view"] == "simplified"


def _hit(text: str) -> Hit:
    chunk = Chunk("c0", "n0", text, (), 0, len(text), len(text))
    return Hit(1, chunk, "", "示例通知", "", "", "", "n.txt", 1.0)


def test_meaning_decides_between_sentences_the_words_do_not_tell_apart():
    text = "一、甲类事项按程序办理。二、乙类事项按程序办理。"
    hit = _hit(text)
    weights = TermWeights([text])
    favoured = "二、乙类事项按程序办理。"

    def similarity(texts):
        return [0.9 if t == favoured else 0.5 for t in texts]

    plain = score_sentences("事项怎么办理？", [hit], weights)
    assert plain[0].score == pytest.approx(plain[1].score)
    meant = score_sentences("事项怎么办理？", [hit], weights, similarity=similarity)
    assert max(meant, key=lambda s: s.score).text == favoured
    off = score_sentences(
        "事项怎么办理？", [hit], weights, params=AnswerParams(semantic=0.0), similarity=similarity
    )
    assert [s.score for s in off] == [s.score for s in plain]


def test_the_shared_generator_is_never_bound_to_one_query():
    class Table:
        def similarities(self, texts, query):
            return [float(query[0])] * len(texts)

    shared = ExtractiveGenerator(TermWeights(["文本"]), sentences=Table())  # type: ignore[arg-type]
    bound = shared.for_query(np.array([0.5]))
    assert bound is not shared and bound.similarity is not None
    assert shared.similarity is None
    assert shared.for_query(None) is shared


@pytest.mark.parametrize("damage", ["garbage", "wrong width"])
def test_a_damaged_sentence_file_is_a_clear_error_and_rag_index_rebuild_mends_it(env, damage):
    from rag.errors import IndexCorruptError

    settings = settings_for(env)
    path = settings.index_path(None) / SENTENCES
    if damage == "garbage":
        path.write_bytes(b"\x00not an npz file" * 20)
    else:
        with path.open("wb") as fh:
            np.savez(fh, keys=np.zeros((2, 32), np.uint8), vectors=np.zeros((2, 7)))
    with pytest.raises(IndexCorruptError, match="rag index --index default --rebuild"):
        Retriever.open(settings=settings)
    result = CliRunner().invoke(app, ["index", "--rebuild"], env=env)
    assert result.exit_code == 0, result.output
    assert Retriever.open(settings=settings).sentences is not None


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_passage_is_ranked_by_its_best_sentence_not_by_the_mean_of_its_points():
    from rag.embeddings import text_key
    from rag.sentences import PassageSentences, SentenceVectors

    plan = "一、推进甲项工作。二、推进乙项工作。三、严肃查处出具虚假报告的机构。四、推进丁项工作。"
    other = "做好相关监督工作。加强监督检查。"
    chunks = [
        Chunk("c0", "n0", plan, (), 0, len(plan), len(plan)),
        Chunk("c1", "n1", other, (), 0, len(other), len(other)),
    ]
    texts = sentence_texts(chunks)
    # The question means the third point of the plan; the other notice's sentences are
    # near it, the plan's other points far from it.
    query = _unit(1, 0, 0, 0)
    vectors = {
        "三、严肃查处出具虚假报告的机构。": _unit(0.95, 0.3, 0, 0),
        "做好相关监督工作。": _unit(0.7, 0, 0.7, 0),
        "加强监督检查。": _unit(0.7, 0, 0, 0.7),
    }
    rows = np.stack([vectors.get(t, _unit(0, 0.2, 0.7, 0.7)) for t in texts])
    table = SentenceVectors([text_key(t) for t in texts], rows)
    # Its mean would put the plan behind the short passage; its best sentence puts it first.
    assert float(rows[:4].mean(axis=0) @ query) < float(rows[4:].mean(axis=0) @ query)
    by_sentence = PassageSentences(chunks, table)
    assert by_sentence.ranking(query, 2) == [0, 1]
    assert by_sentence.ranking(query, 5) == [0, 1]  # no more than there are
    assert by_sentence.ranking(query, 2, allowed=np.array([False, True])) == [1]
    # A passage none of whose sentences the table holds is not ranked.
    only_other = SentenceVectors([text_key(t) for t in texts[4:]], rows[4:])
    assert PassageSentences(chunks, only_other).ranking(query, 2) == [1]


def test_the_retriever_reads_each_passage_at_its_best_sentence(tmp_path):
    """A question on one task of a long work plan: the passage-level embedding of the plan is
    the mean of all its tasks, its best sentence is the task asked of."""
    tasks = "".join(
        f"（{n}）{task}。"
        for n, task in zip(
            "一二三四五六七八",
            [
                "统筹推进紧密型医联体建设，完善牵头医院与成员单位的分工协作机制",
                "持续开展优质服务基层行活动，提升乡镇卫生院的急诊急救能力",
                "落实家庭医生签约服务费政策，合理确定签约居民的个人负担",
                "严肃查处放射卫生技术服务机构出具虚假检测报告的违法行为",
                "加快建设县域医学影像中心与心电诊断中心，推进检查结果互认",
                "完善村卫生室基本药物配备使用，保障村医的合理收入水平",
                "推进电子健康档案向居民本人开放，方便群众查询自身健康信息",
                "做好重点人群的健康管理，提高高血压和糖尿病患者规范管理率",
            ],
            strict=True,
        )
    )
    plan = (
        "示例省卫生健康委关于印发2031年卫生健康重点工作的通知\n示卫发〔2031〕8号\n"
        f"各市卫生健康委：\n{tasks}\n"
    )
    short = (
        "示例市卫生健康委关于加强技术服务机构监管的通知\n示市卫发〔2031〕3号\n各区卫生健康局：\n"
        "各区要查处放射卫生技术服务机构的违法行为，核查其出具的检测报告。\n"
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plan.txt").write_text(plan, encoding="utf-8")
    (tmp_path / "docs" / "short.txt").write_text(short, encoding="utf-8")
    env = index_env(tmp_path)
    build_index(env, tmp_path / "docs")
    question = "严肃查处放射卫生技术服务机构出具虚假检测报告"

    def first_notice(**weights: float) -> str:
        settings = settings_for(env, lexical_weight=0.0, **weights)
        retriever = Retriever.open(settings=settings)
        try:
            return retriever.search(question, k=3).hits[0].title
        finally:
            retriever.close()

    assert "技术服务机构监管" in first_notice(dense_weight=1.0, sentence_weight=0.0)
    assert "重点工作" in first_notice(dense_weight=0.0, sentence_weight=1.0)
