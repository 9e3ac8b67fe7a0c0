"""Evaluation metrics on hand-made cases, and the dev question set against the corpus."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from conftest import CORPUS, ROOT

from rag.metrics import (
    QUESTION_TYPES,
    GoldNotice,
    Question,
    aggregate,
    citation_precision,
    doc_matches,
    doc_mrr_at_k,
    doc_recall_at_k,
    evidence_covered,
    evidence_recall_at_k,
    load_questions,
    must_include_ok,
    normalize_docno,
    normalize_title,
    percentile,
    quote_fidelity,
    score_question,
)

DEV = ROOT / "eval" / "qa" / "dev.jsonl"
HELDOUT = ROOT / "eval" / "qa" / "heldout.jsonl"

G357 = GoldNotice(
    "国卫办医函〔2020〕357号", "国家卫生健康委办公厅关于加快推进国家医学中心…的通知", "000.txt"
)
G330 = GoldNotice(
    "国卫办医函〔2020〕330号", "关于进一步推动互联网医疗服务发展和规范管理的通知", "000.txt"
)
ARTICLE = GoldNotice("", "国家医保局：中成药集采已在路上", "001.txt")


def hit(doc_number: str = "", title: str = "", text: str = "", source: str = "000.txt"):
    return {"doc_number": doc_number, "title": title, "source": source, "text": text}


# ---------------------------------------------------------------------------
# doc_matches


@pytest.mark.parametrize(
    "written",
    [
        "国卫办医函〔2020〕357号",
        "国卫办医函[2020]357号",
        "国卫办医函（2020）357号",
        "国卫办医函【2020】357 号",
        "国卫办医函 〔2020〕 357号",
        "国卫办医函〔2020〕0357号",
    ],
)
def test_doc_numbers_match_in_any_spelling(written):
    assert doc_matches(written, "whatever title", G357)


def test_doc_number_mismatch_and_empty_hit_number():
    assert not doc_matches("国卫办医函〔2020〕330号", G357.title, G357)
    # A gold notice with a 文号 is matched by 文号 only: an empty hit number never matches.
    assert not doc_matches("", G357.title, G357)
    assert not doc_matches(None, None, G357)


def test_unparseable_doc_numbers_compare_without_spaces():
    gold = GoldNotice("某某 内部 编号 7", "t")
    assert normalize_docno("某某 内部 编号 7") == "某某内部编号7"
    assert doc_matches("某某内部编号 7", "", gold)
    assert not doc_matches("某某内部编号8", "", gold)


def test_gold_without_doc_number_matches_by_title():
    assert doc_matches("", "国家医保局：中成药集采已在路上", ARTICLE)
    assert doc_matches("", " 国家医保局:中成药集采\n已在路上！", ARTICLE)
    assert doc_matches("", "国家医保局 中成药集采已在路上", ARTICLE)
    assert not doc_matches("", "国家医保局：中成药集采", ARTICLE)
    assert not doc_matches("", "", GoldNotice("", ""))
    # A compilation's place label before 关于 may be printed in the gold or in the hit.
    labelled = GoldNotice("", "贵州：关于印发《省卫生健康委2020年政务公开工作方案》的通知")
    assert doc_matches("", "关于印发《省卫生健康委2020年政务公开工作方案》的通知", labelled)
    bare = GoldNotice("", "关于印发《省卫生健康委2020年政务公开工作方案》的通知")
    assert doc_matches("", "贵州：关于印发《省卫生健康委2020年政务公开工作方案》的通知", bare)
    assert not doc_matches("", "贵州：关于印发《省卫生健康委2021年政务公开工作方案》的通知", bare)


def test_gold_may_be_a_plain_dict():
    assert doc_matches("国卫办医函[2020]357号", "", {"doc_number": G357.doc_number, "title": ""})


# ---------------------------------------------------------------------------
# doc_recall@k / doc_mrr@k


def test_doc_recall_single_gold():
    hits = [hit("国卫办医函〔2020〕330号"), hit("国卫办医函[2020]357号"), hit("民发〔2020〕46号")]
    assert doc_recall_at_k(hits, [G357], 1) == 0.0
    assert doc_recall_at_k(hits, [G357], 2) == 1.0
    assert doc_recall_at_k(hits, [G357], 10) == 1.0


def test_doc_recall_multi_gold_is_fraction_of_gold_covered():
    hits = [hit("国卫办医函〔2020〕357号"), hit("x"), hit("", "国家医保局：中成药集采已在路上")]
    gold = [G357, G330, ARTICLE]
    assert doc_recall_at_k(hits, gold, 1) == pytest.approx(1 / 3)
    assert doc_recall_at_k(hits, gold, 3) == pytest.approx(2 / 3)
    # The same gold notice hit twice counts once.
    assert doc_recall_at_k([hit(G357.doc_number)] * 3, gold, 3) == pytest.approx(1 / 3)


def test_doc_recall_and_mrr_edge_cases():
    assert doc_recall_at_k([], [G357], 5) == 0.0
    assert doc_mrr_at_k([], [G357]) == 0.0
    assert doc_recall_at_k([hit(G357.doc_number)], [], 5) == 0.0
    with pytest.raises(ValueError):
        doc_recall_at_k([], [G357], 0)


def test_doc_mrr_uses_first_matching_hit_within_k():
    hits = [hit("a"), hit("b"), hit(G330.doc_number), hit(G357.doc_number)]
    assert doc_mrr_at_k(hits, [G357]) == pytest.approx(1 / 4)
    assert doc_mrr_at_k(hits, [G357, G330]) == pytest.approx(1 / 3)
    assert doc_mrr_at_k(hits, [G357], k=3) == 0.0
    assert doc_mrr_at_k([hit("", "国家医保局：中成药集采已在路上")], [ARTICLE]) == 1.0


# ---------------------------------------------------------------------------
# evidence


EVIDENCE = "二级以上医院应当普遍建立预约诊疗制度，提供门诊分时段预约、住院预约和择期手术预约"


def test_evidence_covered_ignores_whitespace_and_line_breaks():
    wrapped = (
        "一、加快建立完善预约诊疗制度\n二级以上医院应当普遍建立预约诊疗\n\n"
        "制度，提供门诊分时段 预约、住院预约和择期手术预约，其中"
    )
    assert evidence_covered(wrapped, EVIDENCE)
    assert evidence_covered(EVIDENCE, "二级以上医院应当普遍建立\n  预约诊疗制度")


def test_evidence_covered_threshold_is_sixty_percent_of_trigrams():
    ev = "abcdefghijkl"  # 10 trigrams
    assert evidence_covered("abcdefgh", ev)  # abc..fgh: 6 of 10
    assert not evidence_covered("abcdefg", ev)  # 5 of 10
    assert not evidence_covered("完全无关的一段文字", EVIDENCE)


def test_evidence_covered_edge_cases():
    assert not evidence_covered("任何文本", "")
    assert not evidence_covered("", EVIDENCE)
    assert not evidence_covered(None, EVIDENCE)
    assert evidence_covered("第五条", "五条")  # shorter than a trigram: substring
    # Full-width digits in one side and half-width in the other are the same characters.
    assert evidence_covered("分时段预约精确到３０分钟", "分时段预约精确到30分钟")


def test_evidence_recall_at_k():
    hits = [
        hit(text="无关内容，毫不相干的文字"),
        hit(text=EVIDENCE),
        hit(text="另一段证据文本内容在此"),
    ]
    assert evidence_recall_at_k(hits, EVIDENCE, 1) == 0.0
    assert evidence_recall_at_k(hits, EVIDENCE, 2) == 1.0
    assert evidence_recall_at_k(hits, [EVIDENCE, "另一段证据文本内容在此"], 2) == 0.5
    assert evidence_recall_at_k(hits, [EVIDENCE, "另一段证据文本内容在此"], 3) == 1.0
    assert evidence_recall_at_k([], EVIDENCE, 5) == 0.0
    assert evidence_recall_at_k(hits, "", 5) == 0.0
    assert evidence_recall_at_k([{"doc_number": "x"}], EVIDENCE, 5) == 0.0  # hit without text


# ---------------------------------------------------------------------------
# answers and citations


def test_must_include():
    answer = "依据国卫办医函[2020]405号，分时段预约精确到 30 分钟。"
    assert must_include_ok(answer, ["30分钟", "国卫办医函〔2020〕405号"])
    assert must_include_ok(answer, [])
    assert not must_include_ok(answer, ["30分钟", "15分钟"])
    assert not must_include_ok("", ["30分钟"])
    assert must_include_ok("ＩｇＭ／IgG 抗体", ["igm/igg"])  # NFKC and case


def test_citation_precision():
    citations = [
        {"doc_number": "国卫办医函[2020]357号", "title": "", "source": "", "quote": "q"},
        {"doc_number": "民发〔2020〕46号", "title": "", "source": "", "quote": "q"},
        {"doc_number": "", "title": "国家医保局：中成药集采已在路上", "quote": "q"},
        {"doc_number": "国卫办医函〔2020〕330号", "title": "", "quote": "q"},
    ]
    assert citation_precision(citations, [G357]) == 0.25
    assert citation_precision(citations, [G357, ARTICLE, G330]) == 0.75
    assert citation_precision([], [G357]) is None
    assert citation_precision(citations, []) == 0.0


def test_a_traditional_repost_is_the_same_notice_in_either_script():
    """A set gives a traditional repost's 文号 and title as printed (雲衛醫發…號); the answer
    cites the notice by its parsed, simplified 文号: the same notice. must_include strings
    match across the scripts too."""
    printed = GoldNotice(
        "雲衛醫發〔2031〕38號", "雲南省衛生健康委員會關於做好護士執業註冊工作的通知", "y.txt"
    )
    cited = {"doc_number": "云卫医发〔2031〕38号", "title": "", "quote": "q"}
    assert citation_precision([cited], [printed]) == 1.0
    untitled = GoldNotice("", "雲南省護士執業註冊問答", "q.txt")
    assert (
        citation_precision([{"doc_number": "", "title": "云南省护士执业注册问答"}], [untitled])
        == 1.0
    )
    assert must_include_ok("應當在有效期屆滿前45日提出延續註冊申請", ["45日提出延续注册"])
    assert citation_precision([{"doc_number": "云卫医发〔2031〕39号"}], [printed]) == 0.0


def test_quote_fidelity():
    texts = {
        "国卫办医函〔2020〕405号": "二级以上医院应当普遍建立预约诊疗制度，\n提供门诊分时段预约",
        "国家医保局：中成药集采已在路上": "从价高量大的品种入手，科学稳妥推进中成药集采。",
        "n-abc": "按照有关规定迅速报告和隔离。",
    }
    citations = [
        {
            "doc_number": "国卫办医函[2020]405号",
            "quote": "普遍建立预约诊疗制度，提供门诊分时段预约",
        },
        {
            "doc_number": "",
            "title": "国家医保局:中成药集采已在路上",
            "quote": "从价高量大的品种入手",
        },
        {"notice_id": "n-abc", "doc_number": "", "title": "", "quote": "迅速报告和隔离"},
        {"doc_number": "国卫办医函〔2020〕405号", "quote": "三级医院还应当提供"},  # not in the text
        {"doc_number": "民发〔2020〕46号", "quote": "任何"},  # notice not given
        {"doc_number": "国卫办医函〔2020〕405号", "quote": ""},  # empty quote
    ]
    assert quote_fidelity(citations[:3], texts) == 1.0
    assert quote_fidelity(citations, texts) == 0.5
    assert quote_fidelity([], texts) is None


# ---------------------------------------------------------------------------
# per-question records and aggregation


def _question(qid, typ, gold=(G357,), must=("30分钟",), evidence=EVIDENCE):
    return Question(qid, "问题", typ, tuple(gold), "答案", tuple(must), evidence)


def test_score_question_answerable_and_unanswerable():
    q = _question("d1", "fact")
    pred = {
        "id": "d1",
        "hits": [hit("x", text="无关"), hit("国卫办医函〔2020〕357号", text=EVIDENCE)],
        "answer": "分时段预约精确到30分钟[1]",
        "citations": [{"doc_number": "国卫办医函〔2020〕357号", "quote": "普遍建立预约诊疗制度"}],
        "refused": False,
        "timings_ms": {"retrieve": 12.0, "answer": 30.0},
    }
    rec = score_question(q, pred, {"国卫办医函〔2020〕357号": EVIDENCE})
    assert rec["doc_recall@1"] == 0.0 and rec["doc_recall@5"] == 1.0
    assert rec["doc_mrr@10"] == 0.5
    assert rec["evidence_recall@1"] == 0.0 and rec["evidence_recall@10"] == 1.0
    assert rec["must_include"] is True
    assert rec["citation_precision"] == 1.0 and rec["quote_fidelity"] == 1.0
    assert rec["timings_ms"] == {"retrieve": 12.0, "answer": 30.0}

    u = score_question(_question("d2", "unanswerable", gold=(), must=(), evidence=""), {})
    assert u["refused"] is False and u["answerable"] is False
    assert u["doc_recall@5"] is None and u["must_include"] is None
    assert u["citation_precision"] is None and u["quote_fidelity"] is None


def test_percentile():
    assert percentile([], 50) is None
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([float(i) for i in range(1, 101)], 95) == pytest.approx(95.05)


def test_aggregate_overall_per_type_refusals_and_latency():
    records = [
        {
            "id": "a",
            "type": "fact",
            "answerable": True,
            "refused": False,
            "doc_recall@5": 1.0,
            "must_include": True,
            "citation_precision": 1.0,
            "n_citations": 3,
            "timings_ms": {"retrieve": 10.0, "answer": 100.0},
        },
        {
            "id": "b",
            "type": "fact",
            "answerable": True,
            "refused": True,
            "doc_recall@5": 0.0,
            "must_include": False,
            "citation_precision": 0.0,
            "n_citations": 1,
            "timings_ms": {"retrieve": 30.0},
        },
        {
            "id": "c",
            "type": "number",
            "answerable": True,
            "refused": False,
            "doc_recall@5": 0.5,
            "must_include": True,
            "citation_precision": None,
            "n_citations": 0,
            "timings_ms": {"retrieve": 20.0, "answer": 50.0},
        },
        {
            "id": "u1",
            "type": "unanswerable",
            "answerable": False,
            "refused": True,
            "doc_recall@5": None,
            "must_include": None,
            "citation_precision": None,
            "n_citations": 0,
            "timings_ms": {"retrieve": 40.0},
        },
        {
            "id": "u2",
            "type": "unanswerable",
            "answerable": False,
            "refused": False,
            "doc_recall@5": None,
            "must_include": None,
            "citation_precision": None,
            "n_citations": 0,
            "timings_ms": {},
        },
    ]
    out = aggregate(records)
    overall = out["overall"]
    assert (overall["n"], overall["n_answerable"], overall["n_unanswerable"]) == (5, 3, 2)
    assert overall["doc_recall@5"] == pytest.approx(0.5)
    assert overall["must_include"] == pytest.approx(2 / 3)
    # Share of citations, not of questions: 3 good of 4.
    assert overall["citation_precision"] == pytest.approx(0.75)
    assert overall["refusal_recall"] == 0.5
    assert overall["false_refusal"] == pytest.approx(1 / 3)
    assert overall["latency_ms"]["retrieve"] == {"p50": 25.0, "p95": pytest.approx(38.5)}
    assert overall["latency_ms"]["answer"]["p50"] == 75.0

    by_type = out["by_type"]
    assert list(by_type) == ["fact", "number", "unanswerable"]
    assert by_type["fact"]["doc_recall@5"] == 0.5
    assert by_type["fact"]["false_refusal"] == 0.5
    assert by_type["fact"]["refusal_recall"] is None
    assert by_type["number"]["citation_precision"] is None
    assert by_type["unanswerable"]["doc_recall@5"] is None
    assert by_type["unanswerable"]["refusal_recall"] == 0.5

    assert set(aggregate(records, by=()).keys()) == {"overall"}
    empty = aggregate([])
    assert empty["overall"]["n"] == 0 and empty["by_type"] == {}


def test_aggregate_of_scored_questions():
    qs = [_question("a", "fact"), _question("u", "unanswerable", gold=(), must=(), evidence="")]
    preds = [
        {"hits": [hit(G357.doc_number, text=EVIDENCE)], "answer": "30分钟", "refused": False},
        {"hits": [], "answer": "未找到依据", "refused": True},
    ]
    out = aggregate([score_question(q, p) for q, p in zip(qs, preds, strict=True)])
    assert out["overall"]["doc_recall@1"] == 1.0
    assert out["overall"]["evidence_recall@1"] == 1.0
    assert out["overall"]["must_include"] == 1.0
    assert out["overall"]["refusal_recall"] == 1.0
    assert out["overall"]["false_refusal"] == 0.0


# ---------------------------------------------------------------------------
# load_questions


def _line(**overrides):
    item = {
        "id": "q1",
        "question": "国卫办医函[2020]357号讲了什么？",
        "type": "docno_lookup",
        "gold": [{"doc_number": G357.doc_number, "title": G357.title, "file": "000.txt"}],
        "answer": "国家医学中心",
        "must_include": ["国家医学中心"],
        "evidence": "推进国家医学中心和国家区域医疗中心设置",
    }
    item.update(overrides)
    return json.dumps({k: v for k, v in item.items() if v is not ...}, ensure_ascii=False)


def test_load_questions_reports_bad_lines_and_keeps_good_ones(tmp_path):
    lines = [
        _line(id="q1"),
        "{not json",
        "",
        _line(id="q2", answer=...),  # missing field
        _line(id="q3", type="trivia"),  # unknown type
        _line(
            id="q4",
            type="followup",
            history=[{"role": "user", "content": "上一问"}, {"role": "assistant", "content": "答"}],
        ),
        _line(id="q5", gold="国卫办医函〔2020〕357号"),  # gold not a list
        _line(id="q6", gold=[{"doc_number": "x"}]),  # gold entry incomplete
        _line(id="q1"),  # repeated id
        "[1, 2]",
        _line(id="q7", type="unanswerable", gold=[], must_include=[], evidence="", answer=""),
        _line(id="q8", history=[{"role": "robot", "content": "?"}]),
        _line(id="q9", type="multi_doc", evidence_extra=["第二段证据"]),
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, errors = load_questions(path)

    assert [q.id for q in good] == ["q1", "q4", "q7", "q9"]
    assert [e.split("：")[0] for e in errors] == [
        "第 2 行",
        "第 4 行",
        "第 5 行",
        "第 7 行",
        "第 8 行",
        "第 9 行",
        "第 10 行",
        "第 12 行",
    ]
    assert "answer" in errors[1] and "trivia" in errors[2] and "重复" in errors[5]
    q1, q4, q7, q9 = good
    assert q1.gold == (GoldNotice(G357.doc_number, G357.title, "000.txt"),)
    assert q1.must_include == ("国家医学中心",) and q1.answerable and q1.history == ()
    assert [t.role for t in q4.history] == ["user", "assistant"]
    assert not q7.answerable and q7.gold == () and q7.evidences == ()
    assert q9.evidences == ("推进国家医学中心和国家区域医疗中心设置", "第二段证据")


def test_load_questions_bad_utf8_and_bom(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + _line(id="a").encode() + b"\n\xff\xfe\n" + _line(id="b").encode()
    )
    good, errors = load_questions(path)
    assert [q.id for q in good] == ["a", "b"]
    assert len(errors) == 1 and errors[0].startswith("第 2 行：")


# ---------------------------------------------------------------------------
# the question sets: dev (weights are chosen on it) and held-out (never tuned on)


@pytest.fixture(scope="module", params=[DEV, HELDOUT], ids=["dev", "heldout"])
def dev_set(request):
    questions, errors = load_questions(request.param)
    assert errors == []
    return questions


def test_heldout_set_shares_no_question_with_the_dev_set():
    dev, _ = load_questions(DEV)
    held, _ = load_questions(HELDOUT)
    assert not {_nows(q.question) for q in dev} & {_nows(q.question) for q in held}
    assert not {q.id for q in dev} & {q.id for q in held}


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_dev_set_size_and_types(dev_set):
    assert len(dev_set) >= 60
    counts = Counter(q.type for q in dev_set)
    assert set(counts) == set(QUESTION_TYPES)
    assert all(n >= 4 for n in counts.values()), counts
    assert counts["unanswerable"] >= 6
    assert len({q.id for q in dev_set}) == len(dev_set)


def test_dev_set_gold_and_evidence_come_from_the_corpus(dev_set, corpus_notices):
    numbers = {normalize_docno(n.doc_number) for n in corpus_notices if n.doc_number}
    titles = {(n.source, normalize_title(n.title)) for n in corpus_notices}
    texts = {p.name: _nows(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.txt")}
    for q in dev_set:
        if not q.answerable:
            assert q.gold == () and not q.must_include and not _nows(q.evidence), q.id
            continue
        assert q.gold and q.evidences, q.id
        for g in q.gold:
            assert g.file in texts, q.id
            if g.doc_number:
                assert normalize_docno(g.doc_number) in numbers, (q.id, g.doc_number)
            else:
                assert (g.file, normalize_title(g.title)) in titles, (q.id, g.title)
        for ev in q.evidences:
            assert any(_nows(ev) in texts[g.file] for g in q.gold), (q.id, ev)
        assert must_include_ok(q.answer, q.must_include), q.id
        if q.type == "followup":
            assert q.history, q.id
        if q.type == "multi_doc":
            assert len(q.gold) >= 2, q.id


def test_dev_set_followups_and_docno_lookups(dev_set):
    followups = [q for q in dev_set if q.type == "followup"]
    assert len(followups) >= 4 and all(q.history[0].role == "user" for q in followups)
    brackets = str.maketrans({c: "〔" for c in "[(【［（"} | {c: "〕" for c in "])】］）"})
    for q in dev_set:
        if q.type == "docno_lookup":
            asked = _nows(q.question).translate(brackets)
            assert any(g.doc_number and g.doc_number in asked for g in q.gold), q.id


def test_a_run_that_answered_nothing_has_no_refusal_rates():
    # `rag eval --retrieval-only` records refused = None: no rate, rather than 0.0.
    records = [
        {"id": "a", "type": "fact", "answerable": True, "refused": None},
        {"id": "b", "type": "unanswerable", "answerable": False, "refused": None},
    ]
    overall = aggregate(records)["overall"]
    assert overall["refusal_recall"] is None and overall["false_refusal"] is None
    answered = [{**records[0], "refused": False}, {**records[1], "refused": True}]
    overall = aggregate(answered)["overall"]
    assert overall["refusal_recall"] == 1.0 and overall["false_refusal"] == 0.0
