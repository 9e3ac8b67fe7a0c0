"""Validity questions in everyday words: recognised, dated by the date they name (not by a
year naming the document), and answered with the status of the document they name first.
Question wording and notices are our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rag.answer.asking import as_of_in, read_ask, without_date
from rag.answer.records import Citation
from rag.answer.status import status_lines
from rag.notices.validity import ValidityIndex, earlier_editions
from rag.records import Notice


@pytest.mark.parametrize(
    "question",
    [
        "示例办法现在还管用吗？",
        "这个方案过期了没有？",
        "那个通知还在执行吗",
        "示例规范失效了吗？",
        "示例细则现在还适用吗？",
        "新标准施行了吗？",
        "试行期过了没有？",
        "示例办法是不是还有效？",
        "这份文件还算数吗",
        "它让之前哪个文件失效了？",
        "示例办法被什么取代了？",
        "示例办法被修订了吗？",
        "哪个文件替代了它？",
        "示例办法正式实施没有？",
        "这个规定还在用吗",
        "现在还按示例办法来吗？",
        "示例规范开始试行了没有？",
        "那现在还在试行吗？",
        "示例规定还是原来那一版吗？",
        "示例办法是不是已经不执行了？",
        "那时候已经按示例新程序接种了吗？",
        "那个更正通知是从哪天开始执行的？",
        "这个公告什么时候开始实施？",
        "示例办法管到哪年？",
        "那个试行办法到什么时候？",
        "那篇报道能当正式文件用吗？",
        "这份报告现在算有效文件吗？",
        "示例办法（试行）现在什么情况？",
        "试行版和正式版现在该按哪个？",
        "听说修订了，现在以哪个为准？",
        "试行版是不是已经被它废了？",
        # 被 and 废 around a document's whole name.
        "示例市2016年那个暂行规定，是不是已经被新的美容机构监管办法给废掉了？",
        # Whether what it said still holds: it may have been amended.
        "示例办法要求不少于几名？现在还是5名吗？",
        # Whether it was changed since.
        "门诊共济实施办法改过吗？",
        "试行期不是三年吗，后来延了没有？",
        # When a trial edition started; whether it had by a day named.
        "示例实施办法（试行）是哪天开始试行的？",
        "2024年10月20日那会儿已经开始了吗？",
    ],
)
def test_everyday_validity_wording_is_recognised(question):
    assert read_ask(question).asks_status


@pytest.mark.parametrize(
    "question",
    [
        "如何有效防控传染病？",
        "截至2020年5月，哪些省份已经签订了合作协议？",
        "到2025年底，全国要有多大比例的县建成医共体？",
        "病区每床净使用面积不少于多少平方米？",
        "修订后的示例评审办法规定评审周期是几年？",
        "哪些药物可以用于替代治疗？",
        "按照示例办法办理需要哪些材料？",
        "医院要从什么时候开始执行分时段预约？",
        "各地要到什么时候完成自查？",
        "中医医疗机构按哪个通知落实感染防控？",
        "它鼓励医院以哪个标准体系为指导开展评价？",
    ],
)
def test_other_questions_are_not_validity_questions(question):
    ask = read_ask(question)
    assert not ask.asks_status and ask.as_of is None


@pytest.mark.parametrize(
    ("question", "day"),
    [
        ("2021年初的时候，国卫医发〔2019〕8号还有效吗？", "2021-01-01"),
        ("截至2024年3月，示例标准施行了吗？", "2024-03-31"),
        ("2024年3月的时候，示例标准已经施行了吗？", "2024-03-01"),
        ("2022年底示例办法是否已经失效？", "2022-12-31"),
        ("到二〇二二年六月底为止，这个办法过期了没有？", "2022-06-30"),
        ("在2023年年中，示例细则还管用吗？", "2023-06-30"),
        ("2020年5月8日那会儿这个规定生效了没有？", "2020-05-08"),
        ("2021-03-05时示例办法还在执行吗", "2021-03-05"),
        ("2024年上半年示例办法还有效吗？", "2024-01-01"),
        ("截至2024年上半年，示例办法还有效吗？", "2024-06-30"),
        ("2021年元旦时示例办法还在用吗？", "2021-01-01"),
        ("按2021年1月1日算，示例办法还有效吗？", "2021-01-01"),
        ("示例办法在二〇二一年一月一日的效力状态如何？", "2021-01-01"),
        ("2026年12月2日这个时间点，示例办法是否有效？", "2026-12-02"),
        ("2032年它还能用吗？", "2032-01-01"),
        ("我2024年2月25日去社区申请家庭病床，那时候这个通知开始执行了没有？", "2024-02-25"),
        ("示例卡是2023年6月办的，当时示例办法还有效吗？", "2023-06-01"),
    ],
)
def test_a_date_attached_to_the_validity_question_is_the_as_of_date(question, day):
    period = read_ask(question).as_of
    assert period is not None and period.day == day


@pytest.mark.parametrize(
    "question",
    [
        "2024年的工作方案还有效吗？",
        "河北2016年制发的医院评审管理办法现在还适用吗？",
        "示例记分办法（2020年版）现在还管用吗？",
        "2019年那个社区医院试点的通知现在还有效吗？",
        "这个方案有效期到2025年底吗？",
        "自2020年6月1日起施行的那个办法还有效吗？",
        "《2021年医改重点任务》还在执行吗？",
        "截至2024年的工作方案还有效吗？",
        "我2024年2月去办过卡，那个2020年的办法现在还有效吗？",
    ],
)
def test_a_year_naming_the_document_is_not_an_as_of_date(question):
    assert read_ask(question).as_of is None


def test_the_date_is_taken_out_of_the_query_it_would_mislead():
    period = as_of_in("2024年3月的时候，示例标准已经施行了吗？")
    assert period is not None
    assert without_date("2024年3月的时候，示例标准已经施行了吗？", period) == (
        "示例标准已经施行了吗？"
    )


REVISED = """河北省示例卫生健康委关于印发《示例医院评审办法》的通知
冀示〔2020〕3号
各市卫生健康委：
为完善医院评审工作制度，我委对2016年制发的《示例医院评审办法》进行了修订，现印发给你们，请遵照执行。
河北省示例卫生健康委
2020年5月28日
"""

REPEALING = """示例省卫生健康委员会关于印发《示例记分办法（2020年版）》的通知
示卫〔2020〕49号
各市卫生健康委：
现将《示例记分办法（2020年版）》印发给你们。
本办法自2020年6月1日起施行。有效期三年。《示例记分办法（2016年版）》同时废止。
示例省卫生健康委员会
2020年5月20日
"""


def _notice(text: str, doc_number: str, title: str, date: str) -> Notice:
    return Notice(doc_number, doc_number, title, "", "河北", date, "", "", (), "t.txt", text)


def _cite(notice: Notice, sentence: str) -> Citation:
    start = notice.text.index(sentence)
    return Citation(
        1,
        notice.doc_number,
        notice.title,
        "",
        notice.date,
        "t.txt",
        sentence,
        notice.notice_id,
        f"{notice.notice_id}-0",
        start,
        start + len(sentence),
    )


@pytest.fixture(scope="module")
def notices() -> dict[str, Notice]:
    return {
        "revised": _notice(
            REVISED,
            "冀示〔2020〕3号",
            "河北省示例卫生健康委关于印发《示例医院评审办法》的通知",
            "2020-05-28",
        ),
        "repealing": _notice(
            REPEALING,
            "示卫〔2020〕49号",
            "示例省卫生健康委员会关于印发《示例记分办法（2020年版）》的通知",
            "2020-05-20",
        ),
    }


def test_a_notice_revising_its_own_earlier_edition(notices):
    (edition,) = earlier_editions(notices["revised"])
    assert edition.name == "2016年制发的《示例医院评审办法》"
    assert edition.title == "示例医院评审办法"


def test_the_old_edition_asked_about_is_revised_by_the_new_notice(notices):
    validity = ValidityIndex(notices.values())
    notice = notices["revised"]
    quote = (
        "为完善医院评审工作制度，我委对2016年制发的《示例医院评审办法》进行了修订，"
        "现印发给你们，请遵照执行。"
    )
    lines = status_lines(
        "河北2016年制发的示例医院评审办法现在还适用吗？哪个文件修订了它？",
        [_cite(notice, quote)],
        [],
        validity,
        "2026-12-02",
    )
    first = lines[0]
    assert first.startswith("截至2026年12月2日，2016年制发的《示例医院评审办法》：已修订")
    assert "冀示〔2020〕3号" in first and "进行了修订" in first


def test_the_edition_the_question_names_comes_first(notices):
    validity = ValidityIndex(notices.values())
    notice = notices["repealing"]
    cite = _cite(notice, "《示例记分办法（2016年版）》同时废止。")
    new = status_lines("示例记分办法（2020年版）现在还管用吗？", [cite], [], validity, "2022-01-01")
    assert new[0].startswith("截至2022年1月1日，示卫〔2020〕49号")
    assert "已过有效期" not in new[0] and "现行有效" in new[0]
    # Both clauses: the three years count from the effective date.
    assert "依据：「本办法自2020年6月1日起施行。」「有效期三年。」" in new[0]
    old = status_lines(
        "示例记分办法2016年版还能用吗？被什么替代了？", [cite], [], validity, "2024-01-01"
    )
    assert old[0].startswith("截至2024年1月1日，《示例记分办法（2016年版）》：已废止")
    assert "示卫〔2020〕49号" in old[0]
    # After the three years the new edition has lapsed too, and the line says so.
    later = status_lines("示例记分办法（2020年版）还有效吗？", [cite], [], validity, "2023-06-01")
    assert "已过有效期" in later[0] and "有效期至2023年5月31日" in later[0]


def test_a_question_about_what_a_notice_repealed_names_the_document(notices):
    validity = ValidityIndex(notices.values())
    notice = notices["repealing"]
    cite = _cite(notice, "现将《示例记分办法（2020年版）》印发给你们。")
    lines = status_lines(
        "它让之前哪个文件失效了？", [cite], [notice.notice_id], validity, "2021-01-01"
    )
    assert lines[0].startswith("截至2021年1月1日，《示例记分办法（2016年版）》：已废止")


def test_a_notice_without_validity_clauses_is_unknown_with_the_reason(notices):
    validity = ValidityIndex([notices["revised"]])
    notice = notices["revised"]
    cite = _cite(notice, "河北省示例卫生健康委")
    (line,) = status_lines("冀示〔2020〕3号现在还有效吗？", [cite], [], validity, "2026-12-02")
    assert "：未知（" in line and "文中未写明施行日期或有效期" in line


def test_the_notice_the_question_names_is_chosen_though_another_is_quoted(notices):
    validity = ValidityIndex(notices.values())
    quoted = notices["revised"]
    named = notices["repealing"]
    cite = _cite(quoted, "河北省示例卫生健康委")
    question = "示例省印发的示例记分办法（2020年版）还在执行吗？"
    lines = status_lines(
        question, [cite], [], validity, "2022-01-01", retrieved=[quoted.notice_id, named.notice_id]
    )
    assert lines[0].startswith("截至2022年1月1日，示卫〔2020〕49号") and "现行有效" in lines[0]
    # Not retrieved: the quoted notice is all there is to speak of.
    alone = status_lines(question, [cite], [], validity, "2022-01-01")
    assert alone[0].startswith("截至2022年1月1日，冀示〔2020〕3号")


COVER = """示例省卫生健康委员会关于印发《示例省互联网医院管理办法（试行）》的通知
示卫规〔2020〕3号
各市卫生健康委：
为规范互联网医院管理，我委组织制定了《示例省互联网医院管理办法（试行）》，现印发给你们，请遵照执行。
示例省卫生健康委员会
2020年5月23日
"""

OTHER = """示例省卫生健康委员会关于做好基层慢病随访工作的通知
示卫基〔2030〕8号
各市卫生健康委：
一、基层医疗卫生机构每季度至少随访一次高血压患者。
本通知自2030年6月1日起施行，有效期3年。
示例省卫生健康委员会
2030年5月20日
"""


# A notice that tells the fate of two documents the index does not hold.
FATE = """关于开展示例省基层医疗机构巡查工作的通知
示卫基函〔2031〕2号
各市卫生健康委：
为规范基层医疗机构巡查，现就有关事项通知如下。
一、认真贯彻落实国家卫生健康委新修订的《示例卫生监督体系建设规定》，明确市县两级监督机构职责。
二、鉴于巡查工作已全面推开，2019年印发的《示例省卫生健康委关于开展基层巡查试点的通知》（示卫基函〔2019〕7号）同时废止。
本通知自印发之日起施行。
示例省卫生健康委员会
2031年3月1日
"""


# A 办法 and the notice correcting it, which names it by 文号.
BLOOD = """示例省卫生健康委员会关于印发《示例省献血用血减免暂行办法》的通知
示卫规〔2030〕5号
各市卫生健康委：
现将《示例省献血用血减免暂行办法》印发给你们，请遵照执行。
第七条　献血量累计达到800毫升以上的，本人终身免费用血。
第十一条　本办法自2030年1月1日起施行，有效期五年。
示例省卫生健康委员会
2029年12月1日
"""

BLOOD_FIX = """示例省卫生健康委员会办公室关于更正《示例省献血用血减免暂行办法》有关内容的通知
示卫办函〔2030〕3号
各市卫生健康委：
经核查，《示例省献血用血减免暂行办法》（示卫规〔2030〕5号）第七条中“800毫升”有误，现更正为“1000毫升”。
示例省卫生健康委员会办公室
2030年1月6日
"""


BLOOD_MORE = """示例省卫生健康委员会关于《示例省献血用血减免暂行办法》的补充通知
示卫规〔2031〕2号
各市卫生健康委：
现就《示例省献血用血减免暂行办法》（示卫规〔2030〕5号）有关事项补充通知如下：
一、各地要做好献血者信息登记，按季度汇总报送。
本补充通知自2031年3月1日起施行。
示例省卫生健康委员会
2031年2月1日
"""


BLOOD_READING = """《示例省献血用血减免暂行办法》政策解读
为便于理解《示例省献血用血减免暂行办法》（以下简称《办法》），现就有关内容解读如下。
《办法》自2030年1月1日起施行，献血量累计达到规定数量的，本人终身免费用血。
"""


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    from rag.answer import Answerer
    from rag.retrieve import Retriever
    from tests.conftest import build_index, index_env, settings_for

    root = tmp_path_factory.mktemp("asking")
    docs = root / "docs"
    docs.mkdir()
    (docs / "cover.txt").write_text(COVER, encoding="utf-8")
    (docs / "other.txt").write_text(OTHER, encoding="utf-8")
    (docs / "fate.txt").write_text(FATE, encoding="utf-8")
    (docs / "blood.txt").write_text(BLOOD, encoding="utf-8")
    (docs / "blood_fix.txt").write_text(BLOOD_FIX, encoding="utf-8")
    (docs / "blood_reading.txt").write_text(BLOOD_READING, encoding="utf-8")
    (docs / "blood_more.txt").write_text(BLOOD_MORE, encoding="utf-8")
    env = index_env(root)
    build_index(env, docs)
    settings = settings_for(env)
    retriever = Retriever.open(None, settings)
    yield Answerer(retriever, settings)
    retriever.close()


def test_a_cover_letter_without_its_attachment_is_unknown_and_says_why(answerer):
    answer = answerer.ask("示例省互联网医院管理办法（试行）现在还管用吗？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "示卫规〔2020〕3号" in first and "：未知（" in first
    assert "附件《示例省互联网医院管理办法（试行）》的正文未收录" in first


def test_how_long_and_whether_in_force_is_answered_from_the_clause(answerer):
    answer = answerer.ask("示卫基〔2030〕8号的有效期是多久？2031年底的时候还有效吗？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert first.startswith("截至2031年12月31日（问题所说的2031年底），示卫基〔2030〕8号")
    assert "现行有效" in first and "有效期至2033年5月31日" in first
    assert "「本通知自2030年6月1日起施行，有效期3年。」" in first


def test_a_document_known_only_from_a_clause_on_its_fate_gets_that_status(answerer):
    # The index lacks 示卫基函〔2019〕7号; the clause that repeals it answers.
    answer = answerer.ask("2032年还能按示卫基函〔2019〕7号搞基层巡查试点吗？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "示卫基函〔2019〕7号" in first and "：已废止" in first
    assert answer.text.count("示卫基函〔2019〕7号本身") <= 1  # the note is said once
    # A document a clause calls newly revised: its earlier version is 已修订.
    revised = answerer.ask("2032年的时候，《示例卫生监督体系建设规定》还是原来那一版吗？")
    assert not revised.refused
    assert "《示例卫生监督体系建设规定》：已修订" in revised.text.splitlines()[0]


def test_a_follow_up_on_a_docno_the_index_lacks_asks_of_that_document(answerer):
    # The answer named a 文号 the index holds only through the clause repealing it.
    turns = [
        {"role": "user", "content": "2019年示例省的基层巡查试点通知文号是什么？"},
        {"role": "assistant", "content": "示卫基函〔2019〕7号。"},
    ]
    answer = answerer.ask("2032年它还能用吗？", history=turns)
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "示卫基函〔2019〕7号" in first and "：已废止" in first


def test_a_document_known_only_from_a_quoted_date_has_that_dates_status():
    text = (
        "示例省药监局关于实施新修订《示例生产办法》有关事宜的通知\n"
        "新修订的《示例生产办法》（示例令第28号）将于2030年7月1日起施行。现就有关事宜通知如下。\n"
    )
    notice = _notice(text, "示药监函〔2030〕95号", text.splitlines()[0], "2030-05-20")
    validity = ValidityIndex([notice])
    cite = _cite(notice, "新修订的《示例生产办法》（示例令第28号）将于2030年7月1日起施行。")
    before = status_lines("示例生产办法开始施行了吗？", [cite], [], validity, "2030-06-15")
    assert before[0].startswith("截至2030年6月15日，《示例生产办法》（库中没有其全文）：尚未施行")
    after = status_lines("示例生产办法现在还有效吗？", [cite], [], validity, "2031-12-31")
    assert "《示例生产办法》（库中没有其全文）：现行有效" in after[0]
    assert "示药监函〔2030〕95号" in after[0]
    # A notice that publishes the document speaks for it with its own record instead.
    own = _notice(
        "示例省关于印发《示例生产办法》的通知\n本办法自2030年7月1日起施行。\n",
        "示药监发〔2030〕1号",
        "示例省关于印发《示例生产办法》的通知",
        "2030-04-01",
    )
    both = ValidityIndex([notice, own])
    assert not any(
        "库中没有其全文" in line
        for line in status_lines("示例生产办法现在还有效吗？", [cite], [], both, "2031-12-31")
    )


def test_a_question_naming_only_the_document_a_notice_corrects_is_about_that_document():
    original = _notice(
        "海南省医疗保障局关于印发《海南省异地就医直接结算经办规程（试行）》的通知\n"
        "第十六条　本规程自2032年3月1日起试行，有效期2年。\n",
        "示医保规〔2032〕4号",
        "海南省医疗保障局关于印发《海南省异地就医直接结算经办规程（试行）》的通知",
        "2032-02-14",
    )
    correction = _notice(
        "海南省医疗保障局关于更正《海南省异地就医直接结算经办规程（试行）》有关内容的通知\n我局于2032年2月14日印发的《示例结算"
        "经办规程（试行）》（示医保规〔2032〕4号）中，个别内容表述有误，现予更正：\n一、《海南省异地就医直接结算经办规程（试行）》第八条“每月20日前”更正为“每月10日前”。\n本通知自印发之日起执行。\n",
        "示医保函〔2032〕19号",
        "海南省医疗保障局关于更正《海南省异地就医直接结算经办规程（试行）》有关内容的通知",
        "2032-03-10",
    )
    validity = ValidityIndex([original, correction])
    cite = _cite(
        correction,
        "一、《海南省异地就医直接结算经办规程（试行）》第八条“每月20日前”更正为“每月10日前”。",
    )
    lines = status_lines(
        "海南异地就医直接结算经办规程是试行的吗？现在还有效吗？", [cite], [], validity, "2033-01-01"
    )
    assert lines[0].startswith("截至2033年1月1日，示医保规〔2032〕4号")
    # Named by its own words (更正…有关内容的通知), the correction speaks for itself.
    lines = status_lines(
        "海南医保局更正经办规程有关内容的那个通知现在还有效吗？", [cite], [], validity, "2033-01-01"
    )
    assert lines[0].startswith("截至2033年1月1日，示医保函〔2032〕19号")


def test_the_trial_edition_a_question_names_is_the_one_answered():
    trial = _notice(
        "示例市卫生健康委关于印发《示例签约服务管理办法（试行）》的通知\n示卫基〔2019〕27号\n"
        "各区卫生健康委：\n现将《示例签约服务管理办法（试行）》印发给你们。本办法自印发之日起试行。\n"
        "示例市卫生健康委\n2019年8月6日\n",
        "示卫基〔2019〕27号",
        "示例市卫生健康委关于印发《示例签约服务管理办法（试行）》的通知",
        "2019-08-06",
    )
    final = _notice(
        "示例市卫生健康委关于印发《示例签约服务管理办法》的通知\n示卫基〔2022〕44号\n"
        "各区卫生健康委：\n现将《示例签约服务管理办法》印发给你们。\n"
        "本办法自2022年8月6日起施行。2019年印发的《示例签约服务管理办法（试行）》同时废止。\n"
        "示例市卫生健康委\n2022年7月20日\n",
        "示卫基〔2022〕44号",
        "示例市卫生健康委关于印发《示例签约服务管理办法》的通知",
        "2022-07-20",
    )
    validity = ValidityIndex([trial, final])
    cite = _cite(final, "现将《示例签约服务管理办法》印发给你们。")
    # Only the new edition is quoted; the question names the trial one, which retrieval found.
    lines = status_lines(
        "示例签约服务管理办法（试行）还有效吗？",
        [cite],
        [],
        validity,
        "2026-12-02",
        retrieved=[final.notice_id, trial.notice_id],
    )
    assert lines[0].startswith("截至2026年12月2日，示卫基〔2019〕27号")
    assert "已废止" in lines[0]
    # Without 试行 the question is about the edition in force.
    lines = status_lines(
        "示例签约服务管理办法还有效吗？",
        [cite],
        [],
        validity,
        "2026-12-02",
        retrieved=[final.notice_id, trial.notice_id],
    )
    assert lines[0].startswith("截至2026年12月2日，示卫基〔2022〕44号")
    # Named as "the trial 办法" without its bracketed mark.
    lines = status_lines(
        "示例签约服务的那个试行办法还有效吗？",
        [cite],
        [],
        validity,
        "2026-12-02",
        retrieved=[final.notice_id, trial.notice_id],
    )
    assert lines[0].startswith("截至2026年12月2日，示卫基〔2019〕27号")


def test_each_status_ask_of_a_question_hears_of_the_document_it_names(notices):
    validity = ValidityIndex(notices.values())
    revised, repealing = notices["revised"], notices["repealing"]
    cites = [
        _cite(revised, "现印发给你们，请遵照执行。"),
        _cite(repealing, "本办法自2020年6月1日起施行。"),
    ]
    # The 记分办法 is in force that day: only a question asking of it hears its status.
    one = status_lines("示例医院评审办法还适用吗？", cites, [], validity, "2021-06-01")
    assert "冀示〔2020〕3号" in one[0] and not any("示卫〔2020〕49号" in x for x in one)
    both = status_lines(
        "示例医院评审办法还适用吗？示例记分办法（2020年版）有效期到什么时候？",
        cites,
        [],
        validity,
        "2021-06-01",
    )
    assert "冀示〔2020〕3号" in both[0]
    assert any("示卫〔2020〕49号" in x and "现行有效" in x for x in both[1:])


def test_a_date_a_document_is_asked_to_have_lapsed_on_is_no_as_of_date():
    # "是不是2023年底就失效了": when it lapsed is what is asked; the status is today's.
    assert as_of_in("示例暂行办法是不是2023年底就失效了？") is None
    assert as_of_in("截至2023年底，示例暂行办法还有效吗？") is not None


def test_a_text_asked_about_as_itself_is_the_one_answered():
    rules = _notice(
        "示例局关于印发《示例日间诊疗规范》的通知\n示局发〔2029〕11号\n各省：\n"
        "现将《示例日间诊疗规范》印发给你们。本规范自2029年5月1日起施行。\n示例局\n2029年4月1日\n",
        "示局发〔2029〕11号",
        "示例局关于印发《示例日间诊疗规范》的通知",
        "2029-04-01",
    )
    reading = _notice(
        "《示例日间诊疗规范》政策解读\n\n《规范》自2029年5月1日起施行，明确了日间诊疗的范围。\n",
        "",
        "《示例日间诊疗规范》政策解读",
        "2029-04-10",
    )
    validity = ValidityIndex([rules, reading])
    cites = [_cite(reading, "《规范》自2029年5月1日起施行，明确了日间诊疗的范围。")]
    lines = status_lines(
        "示例日间诊疗规范出了篇解读，那篇解读本身算生效的文件吗？",
        cites,
        [],
        validity,
        "2031-01-01",
        retrieved=[rules.notice_id, reading.notice_id],
    )
    assert "政策解读" in lines[0].split("：")[0]
    lines = status_lines(
        "示例日间诊疗规范现在还有效吗？",
        cites,
        [],
        validity,
        "2031-01-01",
        retrieved=[rules.notice_id, reading.notice_id],
    )
    assert "示局发〔2029〕11号" in lines[0]


def _issued(notice: Notice, issuer: str) -> Notice:
    return replace(notice, issuer=issuer)


def test_a_news_report_whose_headline_names_a_document_does_not_stand_for_it():
    rules = _notice(
        "示例省卫生健康委员会关于印发《示例省远程会诊管理办法》的通知\n示卫医〔2029〕27号\n"
        "现将《示例省远程会诊管理办法》印发给你们。本办法自2029年8月1日起施行。\n",
        "示卫医〔2029〕27号",
        "示例省卫生健康委员会关于印发《示例省远程会诊管理办法》的通知",
        "2029-07-01",
    )
    report = _notice(
        "示例省远程会诊管理办法拟启动新一轮修订\n本报讯（记者 王一）近日，省卫生健康委表示，"
        "将对《示例省远程会诊管理办法》进行修订。\n",
        "",
        "示例省远程会诊管理办法拟启动新一轮修订",
        "2031-11-08",
    )
    validity = ValidityIndex([rules, report])
    cites = [_cite(report, "将对《示例省远程会诊管理办法》进行修订。")]
    retrieved = [report.notice_id, rules.notice_id]
    asked = "听说示例省远程会诊管理办法要整个重新修订，现在以哪个为准？"
    lines = status_lines(asked, cites, [], validity, "2032-01-01", retrieved=retrieved)
    assert "示卫医〔2029〕27号" in lines[0] and "现行有效" in lines[0]
    # Asked about as a report, it is the report.
    asked = "那篇报道说示例省远程会诊管理办法要修订，这篇报道本身算有效文件吗？"
    lines = status_lines(asked, cites, [], validity, "2032-01-01", retrieved=retrieved)
    assert "拟启动新一轮修订" in lines[0].split("：")[0]


def test_a_district_named_in_the_question_is_the_notice_it_issued():
    city = _issued(
        _notice(
            "示例市卫生健康委员会关于印发《示例市医疗废物管理规范》的通知\n示卫发〔2029〕14号\n"
            "本规范自2029年3月1日起施行。\n",
            "示卫发〔2029〕14号",
            "示例市卫生健康委员会关于印发《示例市医疗废物管理规范》的通知",
            "2029-02-01",
        ),
        "示例市卫生健康委员会",
    )
    district = _issued(
        _notice(
            "示例市甲北区卫生健康委员会关于落实《示例市医疗废物管理规范》的通知\n甲北卫发〔2029〕31号\n"
            "本通知自印发之日起执行，执行至2030年12月31日。\n",
            "甲北卫发〔2029〕31号",
            "示例市甲北区卫生健康委员会关于落实《示例市医疗废物管理规范》的通知",
            "2029-04-01",
        ),
        "示例市甲北区卫生健康委员会",
    )
    validity = ValidityIndex([city, district])
    cites = [_cite(city, "本规范自2029年3月1日起施行。")]
    retrieved = [district.notice_id, city.notice_id]
    asked = "甲北区落实医疗废物规范的那个通知现在还执行吗？"
    lines = status_lines(asked, cites, [], validity, "2032-01-01", retrieved=retrieved)
    assert "甲北卫发〔2029〕31号" in lines[0] and "已过有效期" in lines[0]
    lines = status_lines(
        "示例市医疗废物管理规范现在还执行吗？",
        cites,
        [],
        validity,
        "2032-01-01",
        retrieved=retrieved,
    )
    assert "示卫发〔2029〕14号" in lines[0]


def test_this_banfa_after_turns_naming_only_its_correction_is_the_banfa(answerer):
    history = [
        {"role": "user", "content": "示例省献血者用血费用减免办法后来更正过吗？"},
        {
            "role": "assistant",
            "content": "更正过。示卫办函〔2030〕3号把第七条的“800毫升”更正为“1000毫升”。",
        },
    ]
    answer = answerer.ask("那2031年1月1日那天，这个办法算什么状态？", history)
    assert "示卫规〔2030〕5号" in answer.standalone
    assert answer.text.startswith("截至2031年1月1日，示卫规〔2030〕5号")
    # "这个通知" is the correction the answer named.
    answer = answerer.ask("这个通知是哪天印发的？", history)
    assert "示卫办函〔2030〕3号" in answer.standalone


def test_a_follow_up_naming_a_reading_of_the_notice_turns_to_the_reading(answerer):
    history = [
        {"role": "user", "content": "示例省献血用血减免暂行办法什么时候开始施行？"},
        {"role": "assistant", "content": "示卫规〔2030〕5号规定本办法自2030年1月1日起施行。"},
    ]
    answer = answerer.ask("我还看到一篇对它的解读，那篇解读本身算有效文件吗？", history)
    assert "政策解读" in answer.standalone
    assert answer.refused or "政策解读" in answer.text.split("\n")[0].split("：")[0]
    # Without naming the reading, it is the 办法.
    answer = answerer.ask("它现在还有效吗？", history)
    assert "示卫规〔2030〕5号" in answer.standalone
    # A supplement named by its kind is the one asked about, and its status is told.
    answer = answerer.ask("那份补充通知本身现在还有效吗？从哪天起施行的？", history)
    assert "示卫规〔2031〕2号" in answer.standalone
    assert "示卫规〔2031〕2号" in answer.text.splitlines()[0]


def test_a_notice_described_by_the_change_it_made_is_the_one_answered():
    rules = _notice(
        "示例市卫生健康委员会关于印发《示例市医疗废物管理规范》的通知\n示卫发〔2029〕14号\n"
        "第九条　医疗机构使用纸质交接登记簿登记医疗废物。\n本规范自2029年3月1日起施行。\n",
        "示卫发〔2029〕14号",
        "示例市卫生健康委员会关于印发《示例市医疗废物管理规范》的通知",
        "2029-02-01",
    )
    change = _notice(
        "示例市卫生健康委员会关于修改《示例市医疗废物管理规范》的通知\n示卫发〔2031〕33号\n"
        "《示例市医疗废物管理规范》（示卫发〔2029〕14号）删去第九条。\n"
        "本通知自2031年8月1日起施行。\n",
        "示卫发〔2031〕33号",
        "示例市卫生健康委员会关于修改《示例市医疗废物管理规范》的通知",
        "2031-07-01",
    )
    validity = ValidityIndex([rules, change])
    cites = [
        _cite(rules, "第九条　医疗机构使用纸质交接登记簿登记医疗废物。"),
        _cite(change, "《示例市医疗废物管理规范》（示卫发〔2029〕14号）删去第九条。"),
    ]
    retrieved = [rules.notice_id, change.notice_id]
    asked = "示例市那个把医疗废物纸质交接登记簿取消掉的通知，现在还作数吗？"
    lines = status_lines(asked, cites, [], validity, "2032-01-01", retrieved=retrieved)
    assert "示卫发〔2031〕33号" in lines[0] and "现行有效" in lines[0]
    asked = "示例市医疗废物管理规范现在还作数吗？"
    lines = status_lines(asked, cites, [], validity, "2032-01-01", retrieved=retrieved)
    assert "示卫发〔2029〕14号" in lines[0] and "已修订" in lines[0]


def test_the_issuer_of_a_notice_extending_a_document_does_not_name_the_notice():
    # "河南…那个试行规范…现在算什么状态": the 规范, which the 中医管理局's extension amends;
    # the province both are of is no word of the extension's own.
    rules = _notice(
        "河南省中医管理局关于印发《河南省示例中医馆设置规范（试行）》的通知\n"
        "本规范自2031年7月1日起试行，试行期三年。\n",
        "豫中医管〔2031〕9号",
        "河南省中医管理局关于印发《河南省示例中医馆设置规范（试行）》的通知",
        "2031-06-01",
    )
    extension = _notice(
        "河南省中医管理局关于延长《河南省示例中医馆设置规范（试行）》试行期的通知\n"
        "《河南省示例中医馆设置规范（试行）》（豫中医管〔2031〕9号）自2031年7月1日起试行。\n"
        "一、《规范》试行期延长至2036年6月30日。\n本通知自印发之日起施行。\n",
        "豫中医管〔2034〕13号",
        "河南省中医管理局关于延长《河南省示例中医馆设置规范（试行）》试行期的通知",
        "2034-06-12",
    )
    rules, extension = (replace(n, issuer="河南省中医管理局") for n in (rules, extension))
    validity = ValidityIndex([rules, extension])
    cite = _cite(extension, "一、《规范》试行期延长至2036年6月30日。")
    asked = "河南示例中医馆那个试行规范，试行期不是三年吗，后来延了没有？现在算什么状态？"
    lines = status_lines(asked, [cite], [], validity, "2035-01-01", retrieved=[rules.notice_id])
    assert lines[0].startswith("截至2035年1月1日，豫中医管〔2031〕9号")


# A provincial notice ending an earlier one the index does not hold, by its 文号.
ENDING = """海南省医疗保障局关于调整医疗机构制剂医保支付范围的通知
琼医保发〔2023〕8号
各市、县医疗保障局：
一、医疗机构制剂按本通知所附目录纳入基本医疗保险支付范围。
二、本通知自2023年10月1日起执行。《海南省医疗保障局关于医疗机构制剂纳入基本医疗保险支付范围的通知》（琼医保发〔2020〕6号）同时停止执行。
海南省医疗保障局
2023年9月1日
"""


def test_a_docno_typed_after_its_province_is_the_one_a_clause_ends(tmp_path):
    # "海南琼医保发〔2020〕6号": the user puts the place before a 文号 the index knows only
    # from the clause that ends it.
    from tests.conftest import ask_over

    answer = ask_over(
        tmp_path,
        {"ending.txt": ENDING},
        "海南琼医保发〔2020〕6号那份制剂纳入医保的通知现在还在执行吗？",
    )
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "琼医保发〔2020〕6号" in first and "：已废止" in first


def test_a_rule_asked_about_through_the_report_on_it_is_the_rule_reported():
    rule = _notice(
        "示例省药品监督管理局关于推进医疗器械唯一标识实施工作的公告\n示药监公告〔2036〕4号\n"
        "一、实施范围为本省注册的第二类有源医疗器械。\n五、本公告自2037年1月1日起施行。\n",
        "示药监公告〔2036〕4号",
        "示例省药品监督管理局关于推进医疗器械唯一标识实施工作的公告",
        "2036-09-15",
    )
    report = _notice(
        "明年起我省二类医疗器械要有电子身份证\n本报讯（记者 李一）记者从省药品监督管理局获悉，"
        "省药监局日前发布《关于推进医疗器械唯一标识实施工作的公告》，明确自2037年1月1日起"
        "赋予唯一标识。\n",
        "",
        "明年起我省二类医疗器械要有电子身份证",
        "2036-09-18",
    )
    validity = ValidityIndex([rule, report])
    cites = [_cite(report, "省药监局日前发布《关于推进医疗器械唯一标识实施工作的公告》")]
    asked = "看报纸说明年起我省二类医疗器械都要有电子身份证，这规定现在已经生效了吗？"
    lines = status_lines(asked, cites, [], validity, "2036-12-01")
    assert "示药监公告〔2036〕4号" in lines[0] and "尚未施行" in lines[0]
    # Asked about as a report, it is the report.
    asked = "那篇电子身份证的报道本身算有效文件吗？"
    lines = status_lines(asked, cites, [], validity, "2036-12-01")
    assert "示药监公告" not in lines[0].split("：")[0]


def test_a_report_quoting_a_provincial_notice_by_title_meets_its_province():
    from rag.answer.constraints import constraints_of, unmet

    rule = Notice(
        "g",
        "粤示公告〔2036〕4号",
        "广东省示例局关于推进医疗器械唯一标识实施工作的公告",
        "广东省示例局",
        "广东",
        "2036-09-15",
        "",
        "",
        (),
        "t.txt",
        "五、本公告自2037年1月1日起施行。",
    )
    report = Notice(
        "r",
        "",
        "明年起我省医疗器械要有电子身份证",
        "",
        "",
        "2036-09-18",
        "",
        "",
        (),
        "t.txt",
        "本报讯 省示例局日前发布《关于推进医疗器械唯一标识实施工作的公告》，"
        "明确自2037年1月1日起施行。",
    )
    notices = {"g": rule, "r": report}
    quote = "省示例局日前发布《关于推进医疗器械唯一标识实施工作的公告》，明确自2037年1月1日起施行。"
    cite = Citation(1, "", report.title, "", "", "t.txt", quote, "r", "r-0", 0, len(quote))
    asked = constraints_of("广东推进医疗器械唯一标识实施的公告什么时候施行？")
    assert unmet(asked, [cite], notices) == []
    assert [
        m.kind
        for m in unmet(
            constraints_of("福建推进医疗器械唯一标识实施的公告什么时候施行？"), [cite], notices
        )
    ] == ["place"]


def test_a_document_the_quote_names_is_the_one_asked_though_none_of_its_passages_was_read():
    interim = _notice(
        "示例省卫生健康委员会关于印发《示例省血液透析中心管理暂行办法》的通知\n示卫医发〔2020〕15号\n"
        "本办法自2020年8月1日起施行，有效期3年。\n",
        "示卫医发〔2020〕15号",
        "示例省卫生健康委员会关于印发《示例省血液透析中心管理暂行办法》的通知",
        "2020-06-10",
    )
    extension = _notice(
        "示例省卫生健康委员会关于延长有效期的通知\n示卫医函〔2023〕52号\n"
        "《示例省血液透析中心管理暂行办法》（示卫医发〔2020〕15号）自2020年8月1日起施行，"
        "有效期3年。现将其有效期延长至2025年12月31日。本通知自印发之日起施行。\n",
        "示卫医函〔2023〕52号",
        "示例省卫生健康委员会关于延长有效期的通知",
        "2023-07-20",
    )
    formal = _notice(
        "示例省卫生健康委员会关于印发《示例省血液透析中心管理办法》的通知\n示卫医发〔2025〕21号\n"
        "本办法自2026年1月1日起施行。《示例省血液透析中心管理暂行办法》（示卫医发〔2020〕15号）同时废止。\n",
        "示卫医发〔2025〕21号",
        "示例省卫生健康委员会关于印发《示例省血液透析中心管理办法》的通知",
        "2025-10-28",
    )
    validity = ValidityIndex([interim, extension, formal])
    cites = [
        _cite(
            extension,
            "《示例省血液透析中心管理暂行办法》（示卫医发〔2020〕15号）自2020年8月1日起施行，"
            "有效期3年。",
        )
    ]
    asked = "示例省血透那个暂行办法后来是不是续过期？现在还能按它办吗？"
    lines = status_lines(asked, cites, [], validity, "2026-12-01", retrieved=[extension.notice_id])
    assert "示卫医发〔2020〕15号" in lines[0] and "已废止" in lines[0]


def test_a_forwarding_notice_asked_about_as_the_forwarding_is_the_one_answered():
    # 转发 is all its own title says of itself: a question saying 转发 names it, not the
    # national notice its quote names.
    national = _notice(
        "国家示例局办公室关于印发《示例病科建设与管理指南》的通知\n国示办发〔2020〕27号\n"
        "《指南》自2020年11月1日起施行。\n",
        "国示办发〔2020〕27号",
        "国家示例局办公室关于印发《示例病科建设与管理指南》的通知",
        "2020-10-10",
    )
    forwarding = _notice(
        "示例区示例局关于转发《示例病科建设与管理指南》的通知\n示区发〔2020〕33号\n"
        "现将《国家示例局办公室关于印发〈示例病科建设与管理指南〉的通知》（国示办发〔2020〕27号）"
        "转发给你们。本通知自2021年1月1日起施行，执行至2023年12月31日。\n",
        "示区发〔2020〕33号",
        "示例区示例局关于转发《示例病科建设与管理指南》的通知",
        "2020-12-01",
    )
    validity = ValidityIndex([national, forwarding])
    cites = [
        _cite(
            forwarding,
            "现将《国家示例局办公室关于印发〈示例病科建设与管理指南〉的通知》（国示办发〔2020〕27号）"
            "转发给你们。",
        )
    ]
    asked = "2021年1月1日那天，示例区转发示例病科建设与管理指南的通知已经生效了吗？"
    lines = status_lines(asked, cites, [], validity, "2021-01-01")
    assert "示区发〔2020〕33号" in lines[0] and "现行有效" in lines[0]


def test_a_docno_the_index_knows_only_as_repealed_has_that_status_though_the_clause_is_unquoted():
    # The answer quotes another line of the notice ending it; the status asked is still of the
    # 文号 the question names (with the province typed before it), not of the notice cited.
    ending = _notice(
        "示例省医疗保障局关于公布接续采购结果的通告\n示医保通告〔2035〕3号\n"
        "一、接续采购结果见附件。\n二、接续结果自2035年4月1日起执行。\n"
        "三、示医保通告〔2032〕7号自本通告执行之日起废止。\n",
        "示医保通告〔2035〕3号",
        "示例省医疗保障局关于公布接续采购结果的通告",
        "2035-03-06",
    )
    validity = ValidityIndex([ending])
    cites = [_cite(ending, "一、接续采购结果见附件。")]
    asked = "河北示医保通告〔2032〕7号公布的中选结果，现在还在执行吗？"
    (first, *_) = status_lines(asked, cites, [], validity, "2036-12-01")
    assert first.startswith("截至") and "示医保通告〔2032〕7号：已废止" in first
    assert "示医保通告〔2035〕3号" in first


def test_the_status_of_a_document_asked_with_what_replaced_it_is_its_own():
    trial = _notice(
        "示例市卫生健康委员会关于印发《示例市卒中急救地图管理暂行办法》的通知\n示卫通〔2029〕63号\n"
        "第二十条　本办法自2029年7月1日起施行，有效期3年。\n",
        "示卫通〔2029〕63号",
        "示例市卫生健康委员会关于印发《示例市卒中急救地图管理暂行办法》的通知",
        "2029-06-10",
    )
    formal = _notice(
        "示例市卫生健康委员会关于印发《示例市卒中急救地图管理办法》的通知\n示卫通〔2032〕41号\n"
        "《示例市卒中急救地图管理暂行办法》试行三年来，入图医院明显增加。\n"
        "第十五条　本办法自2032年7月1日起施行，有效期5年。"
        "《示例市卒中急救地图管理暂行办法》（示卫通〔2029〕63号）自本办法施行之日起废止。\n",
        "示卫通〔2032〕41号",
        "示例市卫生健康委员会关于印发《示例市卒中急救地图管理办法》的通知",
        "2032-06-15",
    )
    validity = ValidityIndex([trial, formal])
    cites = [_cite(formal, "《示例市卒中急救地图管理暂行办法》试行三年来，入图医院明显增加。")]
    asked = "示例市卒中急救地图管理暂行办法现在还有效吗？被什么文件替代了？"
    (first, *_) = status_lines(
        asked, cites, [], validity, "2034-12-01", retrieved=[formal.notice_id, trial.notice_id]
    )
    assert "示卫通〔2029〕63号" in first.split("：")[0] and "已废止" in first


def test_put_into_practice_in_everyday_words_asks_the_status():
    assert read_ask("那个评价办法已经开始实行了吗？").asks_status
    assert read_ask("这个办法现在还在实行吗？").asks_status
    assert not read_ask("实行分级诊疗有哪些要求？").asks_status


def test_a_document_extended_twice_says_both_and_quotes_the_latest_extension():
    trial = _notice(
        "示例省药品监督管理局关于印发《示例省临床试验机构检查暂行办法》的通知\n示药监发〔2021〕6号\n"
        "第三十条　本办法自2021年3月1日起施行，有效期2年。\n",
        "示药监发〔2021〕6号",
        "示例省药品监督管理局关于印发《示例省临床试验机构检查暂行办法》的通知",
        "2021-02-01",
    )
    first = _notice(
        "示例省药品监督管理局关于延长《示例省临床试验机构检查暂行办法》有效期的通知\n"
        "示药监发〔2023〕9号\n一、《示例省临床试验机构检查暂行办法》（示药监发〔2021〕6号）"
        "有效期延长至2024年12月31日。\n二、本通知自印发之日起施行。\n",
        "示药监发〔2023〕9号",
        "示例省药品监督管理局关于延长《示例省临床试验机构检查暂行办法》有效期的通知",
        "2023-02-20",
    )
    second = _notice(
        "示例省药品监督管理局关于再次延长《示例省临床试验机构检查暂行办法》有效期的通知\n"
        "示药监发〔2024〕31号\n一、《示例省临床试验机构检查暂行办法》（示药监发〔2021〕6号）"
        "有效期再次延长至2026年12月31日。\n二、本通知自2025年1月1日起施行。\n",
        "示药监发〔2024〕31号",
        "示例省药品监督管理局关于再次延长《示例省临床试验机构检查暂行办法》有效期的通知",
        "2024-12-10",
    )
    validity = ValidityIndex([trial, first, second])
    status = validity.status(trial.notice_id, "2026-06-01")
    assert status.label == "已修订"
    assert "示药监发〔2023〕9号" in status.reason and "示药监发〔2024〕31号" in status.reason
    assert "再次延长至2026年12月31日" in status.evidence
    # Before the second took effect, only the first is said.
    status = validity.status(trial.notice_id, "2024-06-01")
    assert "示药监发〔2024〕31号" not in status.reason


@pytest.mark.parametrize(
    "question",
    [
        "示例暂行办法还有效吗？后来换成哪个文件了？",
        "那个老办法改成什么了？",
        "示例办法被哪个文件废止了？",
    ],
)
def test_what_took_a_documents_place_is_asked(question):
    assert read_ask(question).asks_successor


def test_a_document_asked_with_which_file_took_its_place_is_not_the_reading_cited():
    """A question "X暂行办法还有效吗？后来换成哪个文件了？" answered from a 政策解读 of the
    new 办法: the status line is the 暂行办法's (repealed, by the new one), not the 解读's."""
    trial = _notice(
        "示例省卫生健康委员会关于印发《示例省家庭病床管理暂行办法》的通知\n示卫基层〔2029〕8号\n"
        "第十八条　本办法自2029年3月1日起施行，有效期2年。\n",
        "示卫基层〔2029〕8号",
        "示例省卫生健康委员会关于印发《示例省家庭病床管理暂行办法》的通知",
        "2029-02-01",
    )
    formal = _notice(
        "示例省卫生健康委员会关于印发《示例省家庭病床管理办法》的通知\n示卫基层〔2033〕5号\n"
        "第二十条　本办法自2033年5月1日起施行。"
        "《示例省家庭病床管理暂行办法》（示卫基层〔2029〕8号）同时废止。\n",
        "示卫基层〔2033〕5号",
        "示例省卫生健康委员会关于印发《示例省家庭病床管理办法》的通知",
        "2033-04-01",
    )
    reading = _notice(
        "《示例省家庭病床管理办法》政策解读\n问：为什么出台《办法》？\n"
        "答：2029年印发的《示例省家庭病床管理暂行办法》有效期已届满，需要制定新的办法。\n",
        "",
        "《示例省家庭病床管理办法》政策解读",
        "2033-04-05",
    )
    validity = ValidityIndex([trial, formal, reading])
    answered = "答：2029年印发的《示例省家庭病床管理暂行办法》有效期已届满，需要制定新的办法。"
    cites = [_cite(reading, answered)]
    asked = "示例省家庭病床管理暂行办法还有效吗？后来换成哪个文件了？"
    (first, *_) = status_lines(
        asked,
        cites,
        [],
        validity,
        "2034-12-01",
        retrieved=[reading.notice_id, trial.notice_id, formal.notice_id],
    )
    assert "示卫基层〔2029〕8号" in first.split("：")[0] and "已废止" in first
    assert "示卫基层〔2033〕5号" in first
