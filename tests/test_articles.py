"""Articles (第X条) of laws, regulations and 办法: numerals, where each article runs, the
articles a chunk holds, routing a question that names one, citations that name it, and the
header of a law (issuer, adopted / revised / published dates, 施行 date).

The fixtures in tests/fixtures/laws/ are our own wording: a 41-article law (so 第一条 /
第四条 / 第十条 / 第十一条 / 第四十条 can be confused) whose last article takes effect in
2027, and a 12-article regulation whose name contains the law's."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict

import pytest
from typer.testing import CliRunner

from rag.answer import Answerer, carry_over, is_follow_up
from rag.api import chat_content
from rag.articles import (
    ArticleRef,
    article_at,
    article_refs,
    article_spans,
    name_key,
    rewrite_of,
)
from rag.chunking import chunk_notice
from rag.cli import app
from rag.grammar import ARTICLE_REF, article_label, cn_numeral, numeral_value
from rag.notices import parse_notices, read_law
from rag.records import Notice
from rag.retrieve import Retriever
from tests.conftest import ROOT, ask_over, build_index, corpus_file, index_env, settings_for

LAWS = ROOT / "tests" / "fixtures" / "laws"
LAW = LAWS / "primary_health_law.txt"
REGULATION = LAWS / "primary_health_regulation.txt"
TWO_MEASURES = LAWS / "two_measures_notice.txt"  # a letter issuing two 办法, each from 第一条
LAW_TITLE = "中华人民共和国基层健康服务促进法"
REGULATION_TITLE = "中华人民共和国基层健康服务促进法实施条例"
PATROL = "国卫医急发〔2023〕39号"  # the bundled 医院巡查工作管理办法（试行）


def _notice(path):
    (notice,) = parse_notices(path.read_text(encoding="utf-8"), path.name)
    return notice


# -- numerals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("四十", 40),
        ("四十一", 41),
        ("一百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("两百", 200),
        ("一〇一", 101),
        ("10", 10),
        ("１０", 10),
    ],
)
def test_numerals_read_and_written(written, value):
    assert numeral_value(written) == value
    if written.isdigit() or "〇" in written or "两" in written:
        return
    assert cn_numeral(value) == written


def test_article_labels_and_references_in_text():
    assert [article_label(n) for n in (1, 10, 11, 40)] == [
        "第一条",
        "第十条",
        "第十一条",
        "第四十条",
    ]
    cited = [m.group(1) for m in ARTICLE_REF.finditer("第十条第二款、第 4 条和第十一条；本条例")]
    assert cited == ["十", "4", "十一"]
    assert numeral_value("条") is None and numeral_value("") is None


def test_article_refs_read_the_document_named_beside_them():
    (ref,) = article_refs("《药品管理法》第十条是什么？")
    assert ref == ArticleRef(10, ("药品管理法",), ref.start, ref.end)
    (bare,) = article_refs("请问基层健康服务促进法第4条怎么规定？")
    assert bare.number == 4 and "基层健康服务促进法" in bare.names
    (alone,) = article_refs("第四十条规定了什么？")
    assert alone.number == 40 and alone.names == ()
    assert name_key("《中华人民共和国药品管理法（2019年修订）》") == "药品管理法"


# -- where articles run, and the chunks that hold them ---------------------------------------


def test_article_spans_run_from_one_article_to_the_next():
    notice = _notice(LAW)
    spans = article_spans(notice.text)
    assert [s.number for s in spans] == list(range(1, 42))
    ten = notice.text[spans[9].start : spans[9].end]
    assert ten.startswith("第十条") and "签约服务期限一般为一年" in ten
    assert "第十一条" not in ten and "三个工作日" not in ten
    # The last article of a chapter stops before the next chapter's heading.
    six = notice.text[spans[5].start : spans[5].end]
    assert "第二章" not in six
    assert article_at(notice.text, spans[39].start + 5).label == "第四十条"
    assert article_at(notice.text, 0) is None  # the title is in no article


def test_every_article_is_held_by_some_chunk_and_chunks_name_only_their_own():
    notice = _notice(LAW)
    spans = {s.number: s for s in article_spans(notice.text)}
    chunks = chunk_notice(notice, max_tokens=120, overlap_tokens=16)
    assert len(chunks) > 5
    assert {n for c in chunks for n in c.articles} == set(range(1, 42))
    for c in chunks:
        opened = {
            numeral_value(m.group(1))
            for m in re.finditer(r"(?m)^第([一二三四五六七八九十]+)条", c.text)
        }
        assert opened <= set(c.articles)
        # Any other article it names is the one it starts inside.
        for n in set(c.articles) - opened:
            assert spans[n].start < c.start < spans[n].end


# -- a law's header --------------------------------------------------------------------------


def test_law_header_gives_issuer_dates_and_the_effective_date_of_its_last_article():
    notice = _notice(LAW)
    law = notice.law
    assert law is not None
    assert law.issuer == "全国人民代表大会常务委员会"
    assert (law.adopted, law.revised, law.published) == ("2025-06-27", ("2026-10-30",), "")
    assert law.effective == "2027-01-01"  # published, not yet in force before that day
    # The notice carries them too, so citations show an issuer and a date.
    assert notice.issuer == "全国人民代表大会常务委员会"
    assert notice.date == "2026-10-30"
    assert notice.title == LAW_TITLE
    assert "无文号" not in notice.warnings
    assert Notice.from_dict(json.loads(json.dumps(notice.to_dict()))) == notice
    assert ("施行日期", "2027-01-01") in notice.labelled_fields()


def test_regulation_published_by_order_takes_effect_on_publication():
    law = _notice(REGULATION).law
    assert law is not None
    assert law.issuer == "国务院"
    assert (law.published, law.revised, law.adopted) == ("2026-03-02", ("2026-09-15",), "")
    assert law.effective == "2026-03-02"  # 本条例自公布之日起施行


def test_chinese_numeral_dates_in_a_header_are_read():
    text = (
        "示例规定\n（二〇二四年三月一日国家卫生健康委员会令第9号公布）\n"
        "第一条　为了示例，制定本规定。\n第二条　本规定自2024年5月1日起施行。"
    )
    law = read_law(text)
    assert law is not None
    assert (law.issuer, law.published, law.effective) == (
        "国家卫生健康委员会",
        "2024-03-01",
        "2024-05-01",
    )


def test_a_notice_with_articles_but_no_law_header_is_no_law(by_number):
    notice = by_number[PATROL]
    assert article_spans(notice.text)  # its 办法 has articles
    assert notice.law is None
    # It hashes as notices did before laws were read: re-ingesting it changes nothing.
    fields = sorted((k, v) for k, v in asdict(notice).items() if k not in ("notice_id", "law"))
    assert notice.content_hash == hashlib.sha256(repr(fields).encode()).hexdigest()[:16]


# -- asking for an article -------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("articles")
    docs = root / "docs"
    docs.mkdir()
    for path in (LAW, REGULATION, TWO_MEASURES, corpus_file("002")):
        (docs / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    env = index_env(root)
    build_index(env, docs)
    return env


@pytest.fixture(scope="module")
def answerer(env):
    settings = settings_for(env)
    return Answerer(Retriever.open(settings=settings), settings)


def _assert_quotes_article(answer, notices, label, title, phrase):
    assert not answer.refused, answer.text
    assert answer.citations, answer.text
    for c in answer.citations:
        assert c.article == label, (c.article, c.quote)
        notice = notices[c.notice_id]
        assert title in notice.title
        assert notice.text[c.start : c.end] == c.quote
        span = article_at(notice.text, c.start)
        assert span is not None and span.label == label
        assert span.start <= c.start and c.end <= span.end
    assert phrase in "".join(c.quote for c in answer.citations)
    assert phrase in answer.text


@pytest.mark.parametrize(
    ("question", "label", "title", "phrase"),
    [
        ("《基层健康服务促进法》第十条规定了什么？", "第十条", LAW_TITLE, "签约服务期限一般为一年"),
        (
            "《中华人民共和国基层健康服务促进法》第十一条是怎么规定的？",
            "第十一条",
            LAW_TITLE,
            "三个工作日内回复",
        ),
        ("基层健康服务促进法第4条说了什么？", "第四条", LAW_TITLE, "纳入国民经济和社会发展规划"),
        ("《基层健康服务促进法》第四十条", "第四十条", LAW_TITLE, "村卫生室、医务室和诊所"),
        ("《基层健康服务促进法》第一条是什么？", "第一条", LAW_TITLE, "均衡发展"),
        ("《基层健康服务促进法实施条例》第十条", "第十条", REGULATION_TITLE, "不超过十二周"),
        ("《医院巡查工作管理办法》第十八条是什么？", "第十八条", "医院巡查", "不干预医院日常工作"),
        (f"{PATROL}第十一条规定了什么？", "第十一条", "医院巡查", "行业作风建设"),
        # Two 办法 issued by one letter, each numbered from 第一条: the one named is quoted
        # (the first one's title is wrapped onto two lines).
        ("《示范县上门护理服务管理办法》第二条", "第二条", "上门护理", "不少于三十分钟"),
        ("《示范县家庭病床管理办法》第二条", "第二条", "家庭病床", "不超过九十天"),
        ("示范县上门护理服务管理办法第3条是什么？", "第三条", "上门护理", "注册执业满三年"),
        # A name shortened by dropping characters, its first and last kept.
        ("基层健康促进法第十条规定了什么？", "第十条", LAW_TITLE, "签约服务期限一般为一年"),
    ],
)
def test_question_naming_an_article_is_answered_from_that_article(
    answerer, question, label, title, phrase
):
    answer = answerer.ask(question)
    _assert_quotes_article(answer, answerer.notices, label, title, phrase)
    assert answer.hits[0].named_articles == (numeral_value(label[1:-1]),)


def test_follow_ups_name_other_articles_of_the_same_document(answerer):
    first = answerer.ask("《基层健康服务促进法》第十条规定了什么？")
    history = [
        {"role": "user", "content": "《基层健康服务促进法》第十条规定了什么？"},
        {"role": "assistant", "content": first.text},
    ]
    for question, label, phrase in [
        ("第十一条呢？", "第十一条", "三个工作日内回复"),
        ("那第一条呢？", "第一条", "均衡发展"),
        ("第四十条规定了什么？", "第四十条", "村卫生室、医务室和诊所"),
    ]:
        answer = answerer.ask(question, history)
        _assert_quotes_article(answer, answerer.notices, label, LAW_TITLE, phrase)


def test_follow_up_article_of_a_notice_found_by_its_docno(answerer):
    history = [
        {"role": "user", "content": f"{PATROL}是什么文件？"},
        {
            "role": "assistant",
            "content": f"《关于印发《医院巡查工作管理办法（试行）》的通知》（{PATROL}）",
        },
    ]
    answer = answerer.ask("第十八条呢？", history)
    _assert_quotes_article(answer, answerer.notices, "第十八条", "医院巡查", "不干预医院日常工作")


def test_an_article_the_document_does_not_have_is_refused_with_its_extent(answerer):
    answer = answerer.ask("《基层健康服务促进法》第五十条规定了什么？")
    assert answer.refused
    assert "条款不在所指文件中" in answer.reason
    assert any("没有第五十条" in n and "共四十一条" in n for n in answer.notes)


def test_any_quote_from_an_article_names_it(answerer):
    answer = answerer.ask("基层健康服务促进法规定家庭医生签约服务期限是多长？")
    assert not answer.refused
    assert answer.citations[0].article == "第十条"
    assert "一年" in answer.citations[0].quote


def test_article_follow_up_carries_the_document_not_the_article_asked_before():
    turns = [
        {"role": "user", "content": "《基层健康服务促进法》第十条规定了什么？"},
        {
            "role": "assistant",
            "content": "根据《中华人民共和国基层健康服务促进法》：第十条　家庭医生…",
        },
    ]
    assert is_follow_up("第十一条规定了什么？")
    assert not is_follow_up("《基层健康服务促进法》第十一条规定了什么？")
    standalone = carry_over("第十一条规定了什么？", turns)
    assert [r.number for r in article_refs(standalone)] == [11]
    later = carry_over("它什么时候施行？", turns)
    assert article_refs(later) == [] and "基层健康服务促进法" in later


def _renamed_rules() -> str:
    """A province's 实施办法 revised and renamed 规定, its articles numbered 第一条…第二十条."""
    articles = "\n".join(
        f"{article_label(n)}　示范条款{n}。"
        + ("同一患者一天申请备血量少于800毫升的，由上级医师核准。" if n == 12 else "")
        + ("血液出库后应当在30分钟内开始输注，4小时内输完。" if n == 19 else "")
        for n in range(1, 21)
    )
    return (
        "示范省卫生健康委员会关于修订《示范省医疗机构临床用血管理实施办法》的通知\n"
        "示卫规〔2030〕5号\n各市（州）卫生健康委：\n"
        "　　我委对《示范省医疗机构临床用血管理实施办法》进行了修订，并更名为"
        "《示范省医疗机构临床用血管理规定》，现印发给你们，请遵照执行。\n"
        "示范省卫生健康委员会\n2030年8月1日\n附件\n示范省医疗机构临床用血管理规定\n"
        f"{articles}\n"
    )


def test_a_bare_article_after_one_named_with_its_document_stays_with_that_document(tmp_path):
    city = (
        "示范市卫生健康委员会关于贯彻落实《示范省医疗机构临床用血管理规定》的通知\n"
        "示市卫发〔2030〕44号\n各区卫生健康局：\n"
        "　　《示范省医疗机构临床用血管理规定》已于2030年9月1日起施行，结合我市实际，通知如下。\n"
        "　　一、落实分级审批。用血申请按用血量分级审批。\n"
        "　　二、开展用血评价。每季度公示临床科室用血情况。\n"
        "示范市卫生健康委员会\n2030年10月8日\n"
    )
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "rules.txt").write_text(_renamed_rules(), encoding="utf-8")
    (folder / "city.txt").write_text(city, encoding="utf-8")
    env = index_env(tmp_path)
    build_index(env, folder)
    settings = settings_for(env)
    retriever = Retriever.open(None, settings)
    try:
        answerer = Answerer(retriever, settings)
        history = [
            {"role": "user", "content": "示范省临床用血规定第十二条说的是什么？"},
            {
                "role": "assistant",
                "content": "《示范省医疗机构临床用血管理规定》第十二条：少于800毫升的"
                "由上级医师核准。",
            },
        ]
        answer = answerer.ask("那第十九条呢？", history)
        _assert_quotes_article(answer, answerer.notices, "第十九条", "关于修订", "4小时内输完")
    finally:
        retriever.close()


def test_cli_and_api_show_the_article_beside_the_docno(env):
    runner = CliRunner()
    result = runner.invoke(app, ["ask", "《基层健康服务促进法》第十条规定了什么？"], env=env)
    assert result.exit_code == 0, result.output
    assert f"[1] 无文号 第十条《{LAW_TITLE}》全国人民代表大会常务委员会" in result.output
    as_json = runner.invoke(app, ["ask", "--json", f"{PATROL}第十一条规定了什么？"], env=env)
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.output)
    assert data["citations"][0]["article"] == "第十一条"
    assert data["hits"][0]["named_articles"] == ["第十一条"]


def test_chat_content_names_the_article(answerer):
    answer = answerer.ask("《基层健康服务促进法》第十一条")
    assert "[1] 无文号 第十一条《" in chat_content(answer, references=True)


def test_ui_citation_card_names_the_article(answerer):
    from ui.render import citations_html

    answer = answerer.ask("《基层健康服务促进法》第十一条")
    html = citations_html(answer, answerer.notices)
    assert '<span class="rag-docno">无文号</span> <span class="rag-article">第十一条</span>' in html


def test_two_articles_named_are_both_quoted(answerer):
    answer = answerer.ask("《基层健康服务促进法》第十一条和第十条分别规定了什么？")
    assert not answer.refused, answer.text
    assert {c.article for c in answer.citations} == {"第十条", "第十一条"}
    assert "签约服务期限一般为一年" in answer.text and "三个工作日内回复" in answer.text


def test_an_article_quoted_is_said_with_whether_its_law_is_in_force(answerer):
    from rag.retrieve import Filters

    # In force: the regulation took effect on publication (2026-03-02).
    answer = answerer.ask(
        "《基层健康服务促进法实施条例》第十条", filters=Filters(as_of="2026-12-02")
    )
    first = answer.text.splitlines()[0]
    assert first.startswith("截至2026年12月2日") and REGULATION_TITLE in first
    assert "现行有效" in first
    # Before it took effect, the same line says so.
    early = answerer.ask(
        "《基层健康服务促进法实施条例》第十条", filters=Filters(as_of="2026-01-01")
    )
    assert "尚未施行" in early.text.splitlines()[0]


def test_an_amendment_rewriting_quoted_words_of_an_article_rewrites_that_article():
    amending = "一、将第八条中的“转诊单自开具之日起7日内有效”修改为“转诊单自开具之日起30日内有效”。"
    assert rewrite_of(amending, 8) is not None
    assert rewrite_of(amending, 18) is None
    assert rewrite_of("二、将第十八条修改为：“入图医院每年评估一次。”", 18) is not None
    # An article named beside quoted words it does not change is not rewritten.
    assert rewrite_of("第八条规定的“转诊单”应当保存两年。", 8) is None


def test_an_article_of_a_law_the_index_only_tells_to_study_is_refused(answerer):
    """The corpus holds notices telling to study the 基本医疗卫生与健康促进法, not the law: its
    第七十八条 is in no passage, so the question is refused and the note says why, rather
    than answered with a notice's call to study it."""
    answer = answerer.ask("《基本医疗卫生与健康促进法》第七十八条讲的是什么？")
    assert answer.refused
    assert any("第七十八条" in note and "条文" in note for note in answer.notes)


def test_a_bare_article_asked_of_a_notice_rewriting_it_reads_the_document_it_amends(tmp_path):
    """A follow-up "那它第十条现在要求…？" after an answer naming the notice that rewrites
    第十条 of a 办法: the article is the 办法's, quoted with the rewrite beside it, and the
    answer opens with the 办法 being amended."""
    rules = (
        "示例省卫生健康委员会关于印发《示例省家庭病床管理办法》的通知\n示卫基层〔2023〕15号\n"
        "各市卫生健康委：\n　　现将《示例省家庭病床管理办法》印发给你们，请遵照执行。\n"
        "示例省卫生健康委员会\n2023年4月10日\n附件\n示例省家庭病床管理办法\n"
        "第一条　为规范家庭病床服务，制定本办法。\n"
        "第十条　医疗机构应当为每张家庭病床配备责任医师不少于1名，每周查床不少于1次。\n"
        "第十一条　家庭病床的收费按照医疗服务价格有关规定执行。\n"
        "第十二条　本办法自2023年6月1日起施行。\n"
    )
    amending = (
        "示例省卫生健康委员会关于修改《示例省家庭病床管理办法》部分条款的通知\n示卫基层〔2025〕9号\n"
        "各市卫生健康委：\n　　经研究，决定对《示例省家庭病床管理办法》（示卫基层〔2023〕15号）"
        "部分条款作如下修改：\n"
        "　　一、将第十条修改为：“第十条　医疗机构应当为每张家庭病床配备责任医师不少于2名，"
        "每周查床不少于2次。”\n"
        "　　二、本通知自2025年7月1日起施行。\n示例省卫生健康委员会\n2025年6月12日\n"
    )
    history = [
        {"role": "user", "content": "示例省家庭病床管理办法现在还是原样执行吗？"},
        {
            "role": "assistant",
            "content": "已修订。示卫基层〔2025〕9号修改了该办法第十条，自2025年7月1日起施行。",
        },
    ]
    answer = ask_over(
        tmp_path,
        {"rules.txt": rules, "amending.txt": amending},
        "那它第十条现在要求配几名责任医师？",
        history,
    )
    assert "已修订" in answer.text.splitlines()[0]
    assert "不少于2名" in answer.text and "修改第十条" in answer.text
