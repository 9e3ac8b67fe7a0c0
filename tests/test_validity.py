"""Which rules are in force: effective dates, expiry, repeals and implementation chains, read
from the notices and used by search, answers, the CLI and the API. The notices below were
written for these tests; every status is asked as of an explicit date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag.notices.validity import ValidityIndex, parse_as_of, read_validity
from rag.records import Notice
from tests.conftest import ask_over, build_index, index_env, settings_for

OLD = """国家卫生健康委关于印发《示例病区管理办法（2019年版）》的通知
国卫医发〔2019〕8号
各省、自治区、直辖市卫生健康委：
现将《示例病区管理办法（2019年版）》印发给你们，请遵照执行。
一、病区每床净使用面积不少于6平方米，床间距不少于1米。
二、病区应当设置独立的污物处置间。
本办法自 2019 年 3 月 1 日起施行，有效期5年。
国家卫生健康委
2019年2月20日
"""

NEW = """国家卫生健康委关于印发《示例病区管理办法（2024年版）》的通知
国卫医发〔2024〕3号
各省、自治区、直辖市卫生健康委：
现将《示例病区管理办法（2024年版）》印发给你们，请遵照执行。
一、病区每床净使用面积不少于6平方米，床间距不少于1米。
二、病区应当设置独立的污物处置间和洗消间。
本办法自二〇二四年二月一日起施行。《示例病区管理办法（2019年版）》（国卫医发〔2019〕8号）同时废止。
国家卫生健康委
2024年1月10日
"""

ZHEJIANG = """浙江省卫生健康委员会关于落实示例病区管理办法的实施意见
浙卫发〔2019〕20号
各市卫生健康委：
为贯彻落实《示例病区管理办法（2019年版）》（国卫医发〔2019〕8号），结合我省实际，制定本实施意见。
一、各地应当在2019年底前完成病区改造评估。
本意见自印发之日起施行，有效期至2021年12月31日。
浙江省卫生健康委员会
2019年5月10日
"""

FUJIAN = """福建省卫生健康委员会关于做好示例病区管理工作的通知
闽卫医〔2019〕33号
各设区市卫生健康委：
根据《示例病区管理办法（2019年版）》（国卫医发〔2019〕8号）要求，结合我省实际，现就有关事项通知如下。
一、三级医院应当率先完成病区污物处置间建设。
福建省卫生健康委员会
2019年6月3日
"""

PENDING = """国家卫生健康委关于实施示例护理服务规范的通知
国卫医发〔2031〕1号
各省、自治区、直辖市卫生健康委：
一、护理单元应当配备夜间值守人员。
本规范自2031年1月1日起施行。
国家卫生健康委
2030年10月8日
"""


def _notice(text: str, doc_number: str, title: str, date: str, region: str = "全国") -> Notice:
    return Notice(doc_number, doc_number, title, "", region, date, "", "", (), "t.txt", text)


@pytest.fixture(scope="module")
def validity() -> ValidityIndex:
    return ValidityIndex(
        [
            _notice(
                OLD,
                "国卫医发〔2019〕8号",
                "国家卫生健康委关于印发《示例病区管理办法（2019年版）》的通知",
                "2019-02-20",
            ),
            _notice(
                NEW,
                "国卫医发〔2024〕3号",
                "国家卫生健康委关于印发《示例病区管理办法（2024年版）》的通知",
                "2024-01-10",
            ),
            _notice(
                ZHEJIANG,
                "浙卫发〔2019〕20号",
                "浙江省卫生健康委员会关于落实示例病区管理办法的实施意见",
                "2019-05-10",
                "浙江",
            ),
            _notice(
                FUJIAN,
                "闽卫医〔2019〕33号",
                "福建省卫生健康委员会关于做好示例病区管理工作的通知",
                "2019-06-03",
                "福建",
            ),
            _notice(
                PENDING,
                "国卫医发〔2031〕1号",
                "国家卫生健康委关于实施示例护理服务规范的通知",
                "2030-10-08",
            ),
        ]
    )


# -- one notice's record -------------------------------------------------------------------


def test_effective_date_with_spaces_and_expiry_counted_from_it(validity):
    own = validity.get("国卫医发〔2019〕8号").own  # type: ignore[union-attr]
    assert own.effective == "2019-03-01"
    # Five years from 2019-03-01: the last day in force is 2024-02-29 (a leap year).
    assert own.expires == "2024-02-29"
    assert "有效期5年" in own.expiry_clause


def test_chinese_numeral_date_and_repeal_by_title_and_number(validity):
    own = validity.get("国卫医发〔2024〕3号").own  # type: ignore[union-attr]
    assert own.effective == "2024-02-01"
    (repeal,) = own.of_kind("repeals")
    assert repeal.target_doc_number == "国卫医发〔2019〕8号"
    assert repeal.target_id == "国卫医发〔2019〕8号"  # resolved inside the index


def test_effective_on_issue_is_the_signature_date(validity):
    own = validity.get("浙卫发〔2019〕20号").own  # type: ignore[union-attr]
    assert (own.effective, own.expires) == ("2019-05-10", "2021-12-31")


@pytest.mark.parametrize(
    ("doc_number", "day", "status"),
    [
        ("国卫医发〔2019〕8号", "2019-01-01", "尚未施行"),
        ("国卫医发〔2019〕8号", "2020-01-01", "现行有效"),
        # The repeal is signed 2024-01-10 but applies from the new edition's 2024-02-01.
        ("国卫医发〔2019〕8号", "2024-01-20", "现行有效"),
        ("国卫医发〔2019〕8号", "2024-06-01", "已废止"),
        ("浙卫发〔2019〕20号", "2021-12-31", "现行有效"),
        ("浙卫发〔2019〕20号", "2022-01-01", "已过有效期"),
        ("闽卫医〔2019〕33号", "2022-01-01", "未知"),
        ("国卫医发〔2031〕1号", "2030-12-01", "尚未施行"),
        ("国卫医发〔2031〕1号", "2031-01-01", "现行有效"),
    ],
)
def test_status_as_of_a_date(validity, doc_number, day, status):
    assert validity.status(doc_number, day).label == status


def test_repealed_status_names_the_repealing_notice_and_its_clause(validity):
    status = validity.status("国卫医发〔2019〕8号", "2024-06-01")
    assert status.evidence_notice_id == "国卫医发〔2024〕3号"
    assert "同时废止" in status.evidence
    timeline = [e["event"] for e in validity.timeline("国卫医发〔2019〕8号")]
    assert timeline[0] == "成文" and any(e.startswith("被废止") for e in timeline)


def test_implementers_listed_also_for_a_document_outside_the_index(validity):
    found = validity.implementers_of(doc_number="国卫医发〔2019〕8号")
    assert {n.region for n, _ in found} == {"浙江", "福建"}
    assert all("国卫医发〔2019〕8号" in clause for _, clause in found)
    # The national notice is in this index too: its record lists them as implemented_by.
    assert {n.region for n in validity.implementers("国卫医发〔2019〕8号")} == {"浙江", "福建"}


def test_contradictory_expiry_is_unknown_with_a_warning():
    text = (
        "示例通知\n示卫发〔2030〕2号\n各单位：\n一、做好示例工作。\n"
        "本通知自2030年1月1日起施行，有效期3年。\n本通知有效期至2035年12月31日。\n"
    )
    own = read_validity(_notice(text, "示卫发〔2030〕2号", "示例通知", "2029-12-01"))
    assert own.effective == "2030-01-01"
    assert own.expires == ""
    assert any("说法不一" in w for w in own.warnings)
    # A status answer says so, quoting each clause with the end it gives.
    from rag.answer.status import status_line

    notice = _notice(text, "示卫发〔2030〕2号", "示例通知", "2029-12-01")
    index = ValidityIndex([notice])
    line = status_line(notice, index.status(notice.notice_id, "2031-01-01"), index)
    assert "现行有效" in line and "有效期说法不一" in line
    assert "「本通知自2030年1月1日起施行，有效期3年。」至 2032-12-31" in line
    assert "「本通知有效期至2035年12月31日。」至 2035-12-31" in line


def test_contradictory_dates_give_the_status_every_reading_agrees_on():
    # Two expiries, both past on the day asked: lapsed under either reading.
    text = (
        "示例通知\n示卫发〔2030〕2号\n各单位：\n一、做好示例工作。\n"
        "本通知自2030年1月1日起施行，有效期3年。\n本通知有效期至2035年12月31日。\n"
    )
    notice = _notice(text, "示卫发〔2030〕2号", "示例通知", "2029-12-01")
    index = ValidityIndex([notice])
    assert index.status(notice.notice_id, "2036-01-01").label == "已过有效期"
    # Between the two ends, the readings disagree: it stays in force, as with one start.
    assert index.status(notice.notice_id, "2034-01-01").label == "现行有效"
    # Two effective dates: before both, not yet; after both, in force; between, unknown.
    text = (
        "示例办法通知\n示卫发〔2030〕3号\n各单位：\n一、本通知自2030年2月1日起施行。\n"
        "附件\n示例办法\n第九条　本办法自2030年3月1日起施行。\n"
    )
    notice = _notice(text, "示卫发〔2030〕3号", "示例办法通知", "2030-01-06")
    own = read_validity(notice)
    assert own.effective == "" and own.effective_said == ("2030-02-01", "2030-03-01")
    index = ValidityIndex([notice])
    assert index.status(notice.notice_id, "2030-01-20").label == "尚未施行"
    between = index.status(notice.notice_id, "2030-02-15")
    assert between.label == "未知" and "说法不一" in between.reason
    after = index.status(notice.notice_id, "2031-01-01")
    assert after.label == "现行有效" and "2030-02-01、2030-03-01" in after.reason


def test_an_expiry_at_the_end_of_a_year_or_month_is_its_last_day():
    text = (
        "示例通知\n示医保发〔2030〕4号\n各单位：\n一、本通知自印发之日起执行，有效期至2030年底。\n"
    )
    own = read_validity(_notice(text, "示医保发〔2030〕4号", "示例通知", "2030-05-20"))
    assert own.expires == "2030-12-31"
    text = text.replace("2030年底", "2031年6月底")
    own = read_validity(_notice(text, "示医保发〔2030〕4号", "示例通知", "2030-05-20"))
    assert own.expires == "2031-06-30"


def test_a_validity_period_without_a_start_is_not_guessed():
    text = "示例方案\n各单位：\n一、做好示例工作。\n本方案有效期五年。\n"
    own = read_validity(_notice(text, "", "示例方案", "2030-02-01"))
    assert (own.effective, own.expires) == ("", "")
    assert own.warnings


def test_another_documents_dates_are_not_the_notices_own():
    text = (
        "关于学习宣传贯彻《示例医疗法》的通知\n示卫法函〔2030〕5号\n各单位：\n"
        "《示例医疗法》自2030年6月1日起施行，请认真组织学习。\n"
    )
    notice = _notice(
        text, "示卫法函〔2030〕5号", "关于学习宣传贯彻《示例医疗法》的通知", "2030-05-01"
    )
    assert read_validity(notice).effective == ""


def test_a_new_edition_repealing_the_old_one_does_not_also_amend_it():
    text = (
        "示例卫生健康委关于印发《示例营养科管理办法》的通知\n示卫医发〔2031〕4号\n各单位：\n"
        "我委对《示例营养科管理办法（试行）》进行了修订，形成了《示例营养科管理办法》，现印发给你们。\n"
        "第二十条 本办法自2031年3月1日起施行。"
        "原《示例营养科管理办法（试行）》（示卫医发〔2028〕9号）同时废止。\n"
    )
    title = "示例卫生健康委关于印发《示例营养科管理办法》的通知"
    own = read_validity(_notice(text, "示卫医发〔2031〕4号", title, "2031-01-10"))
    kinds = [(r.kind, r.target_doc_number) for r in own.relations]
    assert ("repeals", "示卫医发〔2028〕9号") in kinds
    assert not any(kind == "amends" for kind, _ in kinds)


def test_rules_adjusted_as_follows_are_amended():
    text = (
        "示例医保局关于调整门诊慢病待遇有关规定的通知\n示医保发〔2031〕7号\n各市医保局：\n"
        "现对《示例门诊慢病待遇管理办法》（示医保发〔2029〕18号）有关规定调整如下：\n"
        "一、将第九条中的“60%”修改为“65%”。\n本通知自2031年4月1日起执行。\n"
    )
    title = "示例医保局关于调整门诊慢病待遇有关规定的通知"
    own = read_validity(_notice(text, "示医保发〔2031〕7号", title, "2031-02-20"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示医保发〔2029〕18号")
    ]


def test_clauses_revised_in_a_list_and_a_supplement_that_changes_a_rule_are_amendments():
    title = "示例卫生健康委关于废止和修订部分规范性文件的决定"
    text = (
        f"{title}\n示卫法规发〔2031〕3号\n各市卫生健康委：\n决定对部分规范性文件予以废止或修订：\n"
        "一、《示例统计调查管理办法》（示卫规划发〔2027〕14号）予以废止。\n"
        "二、《示例护士培训管理办法》（示卫医发〔2029〕25号）以下条款予以修订：\n"
        "（一）第三条中的“2年”修订为“1年至2年”。\n本决定自公布之日起施行。\n"
    )
    own = read_validity(_notice(text, "示卫法规发〔2031〕3号", title, "2031-06-18"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫医发〔2029〕25号"),
        ("repeals", "示卫规划发〔2027〕14号"),
    ]
    title = "示例卫生健康委关于药学门诊服务有关事项的补充通知"
    opening = (
        f"{title}\n示卫发〔2031〕29号\n各市卫生健康局：\n"
        "现就《示例药学门诊服务规范》（示卫发〔2029〕17号）有关事项补充通知如下：\n"
    )
    changed = opening + "一、原规范第二条规定的出诊药师条件，调整为“具有药师以上职称”。\n"
    added = opening + "一、县级医院可以依托上级医院以远程方式开设药学门诊。\n"
    amended = read_validity(_notice(changed, "示卫发〔2031〕29号", title, "2031-09-03"))
    assert [(r.kind, r.target_doc_number) for r in amended.relations] == [
        ("amends", "示卫发〔2029〕17号")
    ]
    # A supplement that only adds to the rules amends the document too: its rules change.
    only_added = read_validity(_notice(added, "示卫发〔2031〕29号", title, "2031-09-03"))
    assert [(r.kind, r.target_doc_number) for r in only_added.relations] == [
        ("amends", "示卫发〔2029〕17号")
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "《示例药学服务评价指南》（示卫药发〔2029〕9号）删去第十九条，其后条文序号依次前移。",
        "对《示例药店供应保障暂行办法》（示卫药发〔2029〕9号）作出如下补充规定：",
        "对《示例制剂注册管理实施细则》（示卫药发〔2029〕9号）部分内容进行调整，现公告如下：",
        "《示例签约服务费管理办法》（示卫药发〔2029〕9号）第六条规定的基础签约服务费标准，"
        "由每人每年120元调整为每人每年150元。",
        "将《示例药品目录管理办法》（示卫药发〔2029〕9号）第四条第二项中的“三年”替换为“两年”。",
        "在《示例药品目录管理办法》（示卫药发〔2029〕9号）第七条后增加一款。",
        "对《示例药品目录管理办法》（示卫药发〔2029〕9号）附件作相应调整。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第八条变更为：“每年调整一次。”",
        # One provision stops, the rest holds: an amendment, not a repeal.
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第五条第（四）项不再执行，其余条款继续执行。",
        # A value moved, words inserted, an attachment of X replaced, X's figures adjusted.
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第十四条规定的整改时限由“30日”缩短为“15日”。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第五条“应当公示”之后增加“并每季度更新”。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）附件2《示例申请表》自2031年1月1日起停止使用。",
        "决定对《示例药品目录管理办法》（示卫药发〔2029〕9号）附件中3个品种的限价予以调整，"
        "调整前后对照如下：",
        # What is done to one part of X: suspended, no longer applied, renamed, replaced.
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第十一条关于年度复评的规定暂停执行。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第十条第二款的规定不再适用，"
        "相应内容以本通知第二项代替。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）附件3所列指标，以本通知附件所列指标取代。",
        "取消《示例药品目录管理办法》（示卫药发〔2029〕9号）第五条第（三）项规定的推荐函要求。",
        "《示例药品目录管理办法》（示卫药发〔2029〕9号）第三部分“过渡安排”自印发之日起废止；"
        "该办法其余部分继续有效。",
        "决定对《示例药品目录管理办法》（示卫药发〔2029〕9号）作两处改动。",
        "删去《示例药品目录管理办法》（示卫药发〔2029〕9号）第二十三条。",
        "将《示例药品目录管理办法》（示卫药发〔2029〕9号）第五条规定的病种由28种增加至32种。",
        "决定将《示例药品目录管理办法》（示卫药发〔2029〕9号）有效期延长至2032年12月31日，"
        "其他内容不变。",
    ],
)
def test_amendment_wordings(clause):
    title = "示例卫生健康委关于调整有关规定的通知"
    text = f"{title}\n示卫发〔2031〕5号\n各市卫生健康委：\n{clause}\n本通知自印发之日起施行。\n"
    own = read_validity(_notice(text, "示卫发〔2031〕5号", title, "2031-03-01"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫药发〔2029〕9号")
    ]


def test_an_edit_list_under_a_lead_naming_a_document_amends_it():
    title = "示例医保局关于更新门诊慢病病种范围的通知"
    lead = (
        f"{title}\n示医保发〔2031〕12号\n各市医保局：\n"
        "为扩大保障范围，经研究，《示例门诊慢病管理办法》（示医保发〔2029〕6号）所附病种清单更新如下：\n"
    )
    ends = "本通知自2031年7月1日起施行。\n示例医保局\n2031年5月8日\n"
    for items in (
        "一、新增帕金森病等3个病种。\n二、各地要做好系统维护。\n",
        "一、“糖尿病（需胰岛素治疗）”调整为“糖尿病”。\n",
        "一、清单第五项规定的“每年认定一次”，改按“每两年认定一次”执行。\n",
    ):
        own = read_validity(
            _notice(lead + items + ends, "示医保发〔2031〕12号", title, "2031-05-08")
        )
        assert [(r.kind, r.target_doc_number) for r in own.relations] == [
            ("amends", "示医保发〔2029〕6号")
        ], items
    # The same lead whose items only ask for work changes no provision of the document.
    work = "一、各地要于2031年6月底前完成病种认定。\n二、加强基金监管。\n"
    own = read_validity(_notice(lead + work + ends, "示医保发〔2031〕12号", title, "2031-05-08"))
    assert not own.relations
    # A list under a basis (根据《X》…调整如下) changes the notice's own rules, not X.
    based = (
        f"{title}\n示医保发〔2031〕12号\n各市医保局：\n"
        "根据《示例门诊慢病管理办法》（示医保发〔2029〕6号），现将我市病种范围调整如下：\n"
        "一、“糖尿病（需胰岛素治疗）”调整为“糖尿病”。\n" + ends
    )
    own = read_validity(_notice(based, "示医保发〔2031〕12号", title, "2031-05-08"))
    assert not [r for r in own.relations if r.kind == "amends"]


def test_an_article_as_revised_amends_its_document_and_its_date_is_not_the_notices():
    title = "示例卫生健康委关于修订急救派车时限有关条款的通知"
    text = (
        f"{title}\n示卫发〔2031〕21号\n各市卫生健康委：\n现将有关事项通知如下：\n"
        "一、修订后的《示例院前急救管理办法》（示卫发〔2029〕8号）第十六条自2031年9月1日起执行。\n"
        "二、原第十六条同时停止执行。\n本通知自印发之日起施行。\n示例卫生健康委\n2031年6月3日\n"
    )
    own = read_validity(_notice(text, "示卫发〔2031〕21号", title, "2031-06-03"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫发〔2029〕8号")
    ]
    # 本通知自印发之日起 is said of the notice; 2031-09-01 is when one revised article applies.
    assert own.effective == "2031-06-03"


def test_a_numbered_first_item_stating_the_basis_of_its_document_is_what_it_implements():
    title = "示例中医药局关于印发示例中医诊所服务规范的通知"
    text = (
        f"{title}\n示中医药发〔2031〕2号\n各市中医药主管部门：\n现将规范印发给你们，请遵照执行。\n"
        "示例中医药局\n2031年3月2日\n示例中医诊所服务规范\n"
        "一、依据《示例中医药条例》有关规定，制定本规范。\n二、诊所应当公示服务价格。\n"
    )
    own = read_validity(_notice(text, "示中医药发〔2031〕2号", title, "2031-03-02"))
    assert [(r.kind, r.target_title) for r in own.relations] == [("implements", "示例中医药条例")]


def test_a_lead_referring_back_amends_the_documents_its_paragraph_named():
    title = "示例卫生健康委关于统一感染报告时限的通知"
    text = (
        f"{title}\n示卫医〔2031〕52号\n各区卫生健康委：\n"
        "此前，我委先后印发了《示例耐药菌防控规范》（示卫医〔2028〕27号）和《示例暴发处置办法》"
        "（示卫医〔2029〕63号）。为统一要求，现对上述文件中的报告时限统一修改如下：\n"
        "一、发现聚集性病例的，由“24小时内”报告改为“12小时内”报告。\n"
        "本通知自2031年10月1日起施行。\n示例卫生健康委\n2031年9月1日\n"
    )
    own = read_validity(_notice(text, "示卫医〔2031〕52号", title, "2031-09-01"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫医〔2028〕27号"),
        ("amends", "示卫医〔2029〕63号"),
    ]
    title = "示例药监局关于远程审方有关事项的补充通知"
    text = (
        f"{title}\n示药监〔2031〕37号\n各市市场监管局：\n"
        "2030年5月，我局印发了《关于印发〈示例远程审方暂行规定〉的通知》（示药监〔2030〕21号，"
        "以下简称原通知）。经研究，现补充通知如下：\n"
        "一、原通知附件第九条规定的过渡期，截止时间由2031年6月30日延长至2032年6月30日。\n"
        "本通知自印发之日起施行。\n示例药监局\n2031年6月16日\n"
    )
    own = read_validity(_notice(text, "示药监〔2031〕37号", title, "2031-06-16"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示药监〔2030〕21号")
    ]


def test_a_correction_amends_the_one_document_its_lead_names_as_the_occasion():
    title = "示例卫生健康委办公室关于更正《示例康复门诊管理规范》有关内容的通知"
    text = (
        f"{title}\n示卫办发〔2031〕8号\n各市卫生健康委：\n"
        "《关于印发〈示例康复门诊管理规范〉的通知》（示卫发〔2031〕2号）印发后，经核查，"
        "附件部分内容有误，现更正如下：\n"
        "一、第四条“3年以上”更正为“2年以上”。\n"
        "规范其他内容不变。\n示例卫生健康委办公室\n2031年4月2日\n"
    )
    own = read_validity(_notice(text, "示卫办发〔2031〕8号", title, "2031-04-02"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫发〔2031〕2号")
    ]
    # A list that changes the issuer's own rules (我市…) does not amend the document
    # whose issue occasioned it.
    text = (
        f"{title}\n示卫办发〔2031〕8号\n各市卫生健康委：\n"
        "《示例甲办法》（示卫发〔2031〕2号）印发后，"
        "现将我市有关做法修改如下：\n一、第四条“3年以上”修改为“2年以上”。\n"
        "示例卫生健康委办公室\n2031年4月2日\n"
    )
    own = read_validity(_notice(text, "示卫办发〔2031〕8号", title, "2031-04-02"))
    assert not [r for r in own.relations if r.kind == "amends"]


def test_a_term_extended_by_a_length_amends_the_document():
    title = "示例卫生健康委办公厅关于延长《示例会诊规范（试行）》试行期的通知"
    text = (
        f"{title}\n示卫办函〔2031〕12号\n各省卫生健康委：\n"
        "经研究，决定将《示例会诊规范（试行）》（示卫办发〔2028〕19号）试行期延长两年，"
        "至2033年10月31日止。\n本通知自印发之日起施行。\n示例卫生健康委办公厅\n2031年10月8日\n"
    )
    own = read_validity(_notice(text, "示卫办函〔2031〕12号", title, "2031-10-08"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫办发〔2028〕19号")
    ]


def test_a_repeal_table_with_bar_separated_cells_repeals_its_rows_not_their_replacements():
    title = "示例市卫生健康委关于公布规范性文件清理结果的通知"
    text = (
        f"{title}\n示卫法〔2031〕6号\n各区卫生健康局：\n"
        "一、经清理，决定对下列2件规范性文件予以废止：\n"
        "序号｜文件名称｜文号｜废止理由\n"
        "1｜示例绩效考核办法｜示卫发〔2026〕33号｜已被新的考核办法替代\n"
        "2｜示例安宁疗护暂行办法｜示卫发〔2027〕58号｜已被《示例安宁疗护服务规范》替代\n"
        "本通知自公布之日起施行。\n示例市卫生健康委\n2031年3月20日\n"
    )
    own = read_validity(_notice(text, "示卫法〔2031〕6号", title, "2031-03-20"))
    assert sorted((r.kind, r.target_doc_number or r.target_title) for r in own.relations) == [
        ("repeals", "示卫发〔2026〕33号"),
        ("repeals", "示卫发〔2027〕58号"),
    ]


def test_a_years_narrative_of_another_bodys_repeal_is_not_this_notices():
    title = "示例县卫生健康局关于调整中医馆建设有关事项的通知"
    text = (
        f"{title}\n示县卫发〔2031〕31号\n各乡镇卫生院：\n"
        "2029年以来，省中医药管理局转发了国家《示例中医馆建设指引》，并明确2026年印发的"
        "《示例省中医馆建设标准（暂行）》即行废止。\n"
        "一、将《示例县中医馆建设方案》（示县卫发〔2030〕9号）第三部分中“1名”调整为“2名”。\n"
        "示例县卫生健康局\n2031年11月3日\n"
    )
    own = read_validity(_notice(text, "示县卫发〔2031〕31号", title, "2031-11-03"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示县卫发〔2030〕9号")
    ]


def test_an_attachment_listing_repealed_documents_repeals_them():
    title = "示例省药监局关于印发《示例制剂调剂管理办法》的通知"
    text = (
        f"{title}\n示药监规〔2031〕3号\n各市局：\n现将《示例制剂调剂管理办法》印发给你们。"
        "附件2所列文件自2031年5月1日起废止。\n附件：1.示例制剂调剂管理办法\n　　　2.废止文件目录\n"
        "示例省药监局\n2031年3月15日\n附件2\n废止文件目录\n序号　文件名称　文号\n"
        "1　示例制剂审批规定　示药监〔2024〕87号\n"
        "2　关于制剂调剂有关问题的通知　示药监办〔2026〕205号\n"
    )
    own = read_validity(_notice(text, "示药监规〔2031〕3号", title, "2031-03-15"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("repeals", "示药监〔2024〕87号"),
        ("repeals", "示药监办〔2026〕205号"),
    ]


def test_repeal_table_rows_whose_title_cell_opens_with_a_national_body():
    # "2国家…" (the loader joins a row's number to its first cell) is no count of 家; a
    # 《》 inside a row's title cell names no second document.
    title = "示例局关于印发《示例清单填报质量管理办法》的通知"
    text = (
        f"{title}\n示保发〔2031〕38号\n各省局：\n现将《示例清单填报质量管理办法》印发给你们。"
        "《办法》自2032年1月1日起施行，附件2所列文件同时废止。\n附件：1.示例清单填报质量管理办法\n"
        "　　　2.废止文件目录\n示例局\n2031年11月5日\n附件2\n废止文件目录\n"
        "序号　文件名称　文号　发文日期\n"
        "1示例清单填报质量管理暂行办法　示保办发〔2028〕47号2028年10月12日\n"
        "2国家示例局办公室关于《示例清单填报质量管理暂行办法》的补充通知　示保办发〔2030〕26号"
        "2030年5月20日\n"
        "3示例清单编码质量评价试点工作方案　示保办函〔2029〕88号2029年6月30日\n"
    )
    own = read_validity(_notice(text, "示保发〔2031〕38号", title, "2031-11-05"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == sorted(
        [
            ("repeals", "示保办发〔2028〕47号"),
            ("repeals", "示保办发〔2030〕26号"),
            ("repeals", "示保办函〔2029〕88号"),
        ]
    )


def test_an_erratum_table_amends_what_its_lead_names_a_proofreading_fix_does_not():
    title = "示例省医保局关于《示例慢特病认定管理办法》有关内容的勘误通知"
    text = (
        f"{title}\n示医保函〔2031〕3号\n各市医保局：\n"
        "我局印发的《示例慢特病认定管理办法》（示医保发〔2030〕41号）部分内容有误，现勘误如下：\n"
        "勘误表\n1｜第九条｜每季度集中认定一次｜每月集中认定一次\n"
        "2｜第十四条｜按70%的比例报销｜按65%的比例报销\n"
        "请各地按勘误后的内容执行。\n示例省医保局\n2031年1月6日\n"
    )
    own = read_validity(_notice(text, "示医保函〔2031〕3号", title, "2031-01-06"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示医保发〔2030〕41号")
    ]
    title = "示例委办公厅关于《示例复制服务规范》的更正通知"
    text = (
        f"{title}\n各省卫生健康委：\n"
        "我委印发的《示例复制服务规范》（示办发〔2030〕6号）因校对疏漏，部分文字有误，现更正如下：\n"
        "一、附件第九条中“病例资料”应为“病历资料”。\n"
        "请各地以更正后的文本为准。\n示例委办公厅\n2030年3月25日\n"
    )
    own = read_validity(_notice(text, "", title, "2030-03-25"))
    assert [r.kind for r in own.relations] == []


def test_a_correction_saying_what_was_wrong_and_a_supplement_after_an_aside_amend():
    title = "示例局办公室关于《示例评价标准（试行）》的更正通知"
    text = (
        f"{title}\n示办函〔2031〕63号\n各省中医药主管部门：\n"
        "我局印发的《示例评价标准（试行）》（示办发〔2031〕9号）附件第（三）项中“不少于6类”有误，"
        "应为“不少于4类”。现予更正。\n示例局办公室\n2031年7月2日\n"
    )
    own = read_validity(_notice(text, "示办函〔2031〕63号", title, "2031-07-02"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示办发〔2031〕9号")
    ]
    title = "示例市医保局关于《示例居家照护管理办法》有关问题的补充通知"
    text = (
        f"{title}\n示医保规〔2031〕2号\n各区医保局：\n"
        "现就《示例居家照护管理办法》（示医保规〔2029〕5号，以下简称《办法》）有关问题补充通知如下：\n"
        "一、独居的参保人员，每周可增加上门服务1次。\n示例市医保局\n2031年3月1日\n"
    )
    own = read_validity(_notice(text, "示医保规〔2031〕2号", title, "2031-03-01"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示医保规〔2029〕5号")
    ]
    # A sentence saying what a document requires is no correction of it.
    text = (
        f"{title}\n示医保规〔2031〕2号\n各区医保局：\n"
        "《示例居家照护管理办法》（示医保规〔2029〕5号）明确，服务机构应为参保人员建立档案。\n"
        "示例市医保局\n2031年3月1日\n"
    )
    own = read_validity(_notice(text, "示医保规〔2031〕2号", title, "2031-03-01"))
    assert not [r for r in own.relations if r.kind == "amends"]


def test_a_forwarded_document_with_requirements_listed_after_it_is_implemented_not_amended():
    title = "示例区疾控局关于转发《示例冷链监测规定》的通知"
    text = (
        f"{title}\n示疾控发〔2031〕19号\n各县疾控局：\n"
        "现将《示例冷链监测规定》（国示疾控〔2031〕12号，以下简称《规定》）转发给你们，"
        "请认真贯彻执行，并提出以下要求：\n"
        "一、为与《规定》相衔接，《示例接种门诊建设标准》（示卫疾控〔2029〕15号）第十二条修订为："
        "“冷藏设备应当配备温度自动监测装置。”\n示例区疾控局\n2031年8月22日\n"
    )
    own = read_validity(_notice(text, "示疾控发〔2031〕19号", title, "2031-08-22"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫疾控〔2029〕15号"),
        ("implements", "国示疾控〔2031〕12号"),
    ]


def test_a_draft_amends_and_repeals_nothing_and_a_document_taken_out_of_use_is_repealed():
    title = (
        "示例卫生健康委办公厅关于征求《关于修改〈示例输液管理规范〉部分条款的决定"
        "（征求意见稿）》意见的函"
    )
    text = (
        f"{title}\n各市卫生健康委：\n现征求你们意见，请于2031年10月31日前反馈。\n"
        "示例卫生健康委办公厅\n2031年9月30日\n附件\n"
        "示例卫生健康委决定对《示例输液管理规范》（示卫医发〔2029〕8号）作以下修改：\n"
        "一、第八条中的“二级以上医院”修改为“各级各类医疗机构”。\n"
    )
    assert not read_validity(_notice(text, "", title, "2031-09-30")).relations
    title = "示例卫生健康委关于印发示例口腔器械消毒规范的通知"
    text = (
        f"{title}\n示卫发〔2031〕41号\n各市卫生健康委：\n现将规范印发给你们。\n"
        "本规范自2031年12月1日起施行，《示例口腔器械消毒规范（2012年版）》同时停止使用。\n"
        "《示例病历书写规范（2019年版）》（示卫发〔2019〕4号附件）同时废止。\n"
    )
    own = read_validity(_notice(text, "示卫发〔2031〕41号", title, "2031-10-12"))
    assert sorted((r.kind, r.target) for r in own.relations) == [
        ("repeals", "示例口腔器械消毒规范（2012年版）"),
        ("repeals", "示卫发〔2019〕4号"),
    ]


def test_tables_of_changed_and_repealed_documents_and_a_repeal_of_the_notice_named_before():
    title = "示例卫生健康委关于修改和废止部分规范性文件的决定"
    text = (
        f"{title}\n示卫规〔2031〕3号\n各市卫生健康委：\n委主任会议审议决定：对2件规范性文件的条款作出"
        "修改，修改情况见附件1；对1件文件即行废止，目录见附件2。\n本决定自公布之日起施行。\n"
        "示例卫生健康委\n2031年3月20日\n附件1\n部分规范性文件条款修改情况表\n"
        "序号　文件名称及文号　涉及条款　现行表述　新表述\n"
        "1　《示例设备配置管理办法》（示卫规〔2029〕9号）　第八条第（二）项　营业执照复印件"
        "　统一社会信用代码\n"
        "2　《示例执业备案细则》（示卫医字〔2028〕44号）　第六条第二款　同意证明"
        "　（本款内容取消）\n"
        "附件2\n即行废止的规范性文件目录\n"
        "1．《示例互联网诊疗监管细则（试行）》（示卫医字〔2030〕16号）\n"
    )
    own = read_validity(_notice(text, "示卫规〔2031〕3号", title, "2031-03-20"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫医字〔2028〕44号"),
        ("amends", "示卫规〔2029〕9号"),
        ("repeals", "示卫医字〔2030〕16号"),
    ]
    title = "示例卫生健康委关于规范性文件清理结果的通知"
    text = (
        f"{title}\n示卫发〔2031〕31号\n各市卫生健康委：\n现将清理结果公布如下（见附件）。\n"
        "示例卫生健康委\n2031年12月16日\n附件\n规范性文件清理结果表\n"
        "序号　文件名称　文号　清理意见\n"
        "1　示例卫生健康委关于开展慢病管理试点工作的通知　示卫通〔2029〕15号　宣布失效\n"
        "2　示例临床检验结果互认实施办法　示卫发〔2026〕40号　拟修改\n"
        "3　示例医疗机构校验规程　示卫发〔2027〕8号　继续有效\n"
    )
    own = read_validity(_notice(text, "示卫发〔2031〕31号", title, "2031-12-16"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("repeals", "示卫通〔2029〕15号")
    ]
    title = "示例市卫生健康委员会关于撤销民营医院设置有关通知的决定"
    text = (
        f"{title}\n示卫法〔2031〕3号\n各区卫生健康委：\n《示例市卫生健康委员会关于民营医院设置审批"
        "有关事项的通知》（示卫〔2029〕21号）中的有关规定缺乏上位法依据。经研究，决定撤销该通知。\n"
    )
    own = read_validity(_notice(text, "示卫法〔2031〕3号", title, "2031-11-05"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("repeals", "示卫〔2029〕21号")
    ]


def test_a_repeal_list_ends_where_its_numbering_changes_and_a_replaced_part_is_no_repeal():
    title = "示例市卫生健康委员会关于废止和修改部分规范性文件的决定"
    text = (
        f"{title}\n示卫规〔2031〕3号\n各县区卫生健康局：\n经审议，决定：\n"
        "一、对调整对象已消失的2件规范性文件予以废止：\n"
        "（一）《示例输液管理通知》（示卫医〔2028〕42号）；\n"
        "（二）《示例乡村医生培养暂行办法》（示卫〔2027〕105号）。\n"
        "二、对《示例医疗废物管理规定》（示卫规〔2030〕6号）作如下修改：将第十四条中的“48小时”"
        "修改为“24小时”。\n本决定自公布之日起施行。\n"
    )
    own = read_validity(_notice(text, "示卫规〔2031〕3号", title, "2031-11-28"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫规〔2030〕6号"),
        ("repeals", "示卫〔2027〕105号"),
        ("repeals", "示卫医〔2028〕42号"),
    ]
    title = "示例卫生健康委办公厅关于修订《示例心电诊断中心建设规范》附件2的通知"
    text = (
        f"{title}\n示卫办基层函〔2031〕211号\n各省卫生健康委：\n"
        "我委印发了《示例心电诊断中心建设规范》（示卫办基层函〔2029〕376号，以下简称《规范》）。"
        "我委对《规范》附件2《示例设备配置标准》进行了修订，现将修订后的附件2印发给你们，"
        "原附件2同时停止使用。\n"
    )
    own = read_validity(_notice(text, "示卫办基层函〔2031〕211号", title, "2031-10-12"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫办基层函〔2029〕376号")
    ]


def test_trial_from_its_own_title_and_clauses_only_and_a_repeal_notice_takes_effect_on_issue():
    title = "示例省卫生健康委员会关于印发示例互联网诊疗监督管理实施细则（试行）的通知"
    text = f"{title}\n示卫医发〔2031〕47号\n各市卫生健康委：\n现将细则印发给你们。\n"
    assert read_validity(_notice(text, "示卫医发〔2031〕47号", title, "2031-06-20")).trial
    title = "示例省卫生健康委员会关于家庭病床服务管理有关事项的补充通知"
    text = (
        f"{title}\n示卫基层〔2031〕19号\n各市卫生健康委：\n"
        "一、《示例家庭病床服务管理暂行办法》（示卫基层〔2030〕58号，以下简称《暂行办法》）第五条"
        "第（三）项调整为：“（三）年满75周岁的老年人；”。\n"
        "本通知自印发之日起执行，《暂行办法》其他内容不变。\n"
    )
    assert not read_validity(_notice(text, "示卫基层〔2031〕19号", title, "2031-04-12")).trial
    title = "示例省卫生健康委员会关于废止部分规范性文件的通知"
    text = (
        f"{title}\n示卫通〔2031〕14号\n各市卫生健康委：\n决定对《示例质控中心管理办法》"
        "（示卫发〔2023〕27号）予以废止，自本通知印发之日起停止执行。\n示例省卫生健康委员会\n"
        "2031年6月30日\n"
    )
    own = read_validity(_notice(text, "示卫通〔2031〕14号", title, "2031-06-30"))
    assert own.effective == "2031-06-30"
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("repeals", "示卫发〔2023〕27号")
    ]


def test_a_correction_far_from_its_title_a_replaced_attachment_and_trial_periods_of_another():
    title = "关于《示例家庭医生签约服务管理办法》有关内容的更正说明"
    text = (
        f"{title}\n各县区卫生健康局：\n经核查，我委印发的《示例家庭医生签约服务管理办法》"
        "（示卫健发〔2030〕36号）第九条中“签约服务费由医保基金、公共卫生经费和签约居民付费分担”"
        "表述有误，现更正为“签约服务费由医保基金等渠道分担”。\n"
    )
    own = read_validity(_notice(text, "", title, "2030-06-09"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫健发〔2030〕36号")
    ]
    title = "示例自治区医疗保障局关于做好结算异常数据核查工作的通知"
    text = (
        f"{title}\n示医保发〔2031〕9号\n各地医保局：\n"
        "《示例智能监控工作规程》（示医保发〔2029〕14号）附件3“疑点数据处理流程图”由本通知附件替换。\n"
    )
    own = read_validity(_notice(text, "示医保发〔2031〕9号", title, "2031-03-09"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示医保发〔2029〕14号")
    ]
    title = "示例医疗保障局关于延长《示例异常数据核查办法（试行）》试行期的通知"
    text = f"{title}\n示医保发〔2031〕31号\n各省医保局：\n本通知自2031年1月1日起施行。\n"
    assert not read_validity(_notice(text, "示医保发〔2031〕31号", title, "2030-12-01")).trial
    title = "《示例哨点医院管理实施细则（试行）》政策解读"
    text = f"{title}\n《细则》自2031年8月1日起试行，试行期三年。\n"
    assert not read_validity(_notice(text, "", title, "2031-07-20")).trial
    title = "示例中医药局关于印发《示例中医医院信息化建设规范（2031年版）》的通知"
    text = (
        f"{title}\n示中医药发〔2031〕8号\n各省中医药主管部门：\n我局对规范进行了修订，形成了"
        "《示例中医医院信息化建设规范（2031年版）》（以下简称2031年版《规范》），现印发给你们。\n"
        "2031年版《规范》自2031年7月1日起施行。\n"
    )
    assert read_validity(_notice(text, "示中医药发〔2031〕8号", title, "2031-05-10")).effective == (
        "2031-07-01"
    )


def test_a_draft_or_a_news_report_gives_no_dates_of_its_own():
    title = "示例市卫生健康委员会关于公开征求《示例社区医院建设管理办法（征求意见稿）》意见的通知"
    text = (
        f"{title}\n现向社会公开征求意见，请于2031年10月17日前反馈。\n示例市卫生健康委员会\n"
        "2031年9月18日\n附件\n示例社区医院建设管理办法\n（征求意见稿）\n"
        "第十条　本办法自2032年1月1日起施行，有效期5年。\n"
    )
    draft = read_validity(_notice(text, "", title, "2031-09-18"))
    assert (draft.effective, draft.expires) == ("", "")
    # What the attached draft rests on is carried out only once it is issued.
    text = (
        f"{title}\n现向社会公开征求意见。\n示例市卫生健康委员会\n2031年9月18日\n附件\n"
        "示例社区医院建设管理办法\n（征求意见稿）\n"
        "第一条　根据《示例基层卫生条例》等规定，结合本市实际，制定本办法。\n"
    )
    assert read_validity(_notice(text, "", title, "2031-09-18")).relations == ()
    title = "示例市出台长期护理保险失能等级评估管理办法"
    text = (
        f"{title}\n近日，示例市医疗保障局印发《示例失能等级评估管理办法》（以下简称《办法》）。"
        "《办法》自2032年1月1日起施行，有效期3年，原《示例失能评定暂行办法》同时废止。\n"
    )
    news = Notice("n1", "", title, "", "全国", "", "2031-12-18", "", (), "t.txt", text)
    own = read_validity(news)
    assert (own.effective, own.expires, own.relations) == ("", "", ())
    index = ValidityIndex([news])
    assert index.status(news.notice_id, "2031-06-01").label == "尚未施行"  # not yet published
    assert index.status(news.notice_id, "2032-06-01").label == "未知"
    # A reading titled …答问 or …有关问题解答 tells what the notice it reads does: the
    # document it names beside the repeal is the notice read, not one it repeals.
    # A 文号 before the title it issued ("…17号印发的《X》同日废止") names one document.
    title = "示例省卫生健康委员会关于印发双向转诊管理办法的通知"
    text = (
        f"{title}\n示卫医政〔2031〕9号\n各市卫生健康委：\n第八条　本办法自2031年5月20日起施行。"
        "示卫医政〔2028〕17号印发的《示例省双向转诊管理办法（试行）》同日废止。\n"
    )
    own = read_validity(_notice(text, "示卫医政〔2031〕9号", title, "2031-04-30"))
    assert [(r.target_doc_number, r.target_title) for r in own.of_kind("repeals")] == [
        ("示卫医政〔2028〕17号", "示例省双向转诊管理办法（试行）")
    ]
    for title in ("《示例双向转诊管理办法》答问", "示例双向转诊管理办法有关问题解答"):
        text = (
            f"{title}\n4月30日，省卫生健康委以示卫医政〔2031〕9号印发《示例双向转诊管理办法》，"
            "自2031年5月20日起施行，原试行办法同时废止。\n"
        )
        assert read_validity(_notice(text, "", title, "2031-05-06")).relations == (), title


def test_documents_named_together_are_each_amended_and_a_repeal_heading_counts_its_documents():
    title = "示例市卫生健康局关于调整基层绩效考核指标的通知"
    text = (
        f"{title}\n示卫发〔2031〕41号\n各县区卫生健康局：\n决定对《示例基层绩效考核实施办法》"
        "（示卫发〔2030〕15号）和《示例乡村医生绩效考核细则》（示卫发〔2030〕16号）附件中的考核指标"
        "作如下调整：\n一、“签约率”权重由10分调整为15分。\n"
    )
    own = read_validity(_notice(text, "示卫发〔2031〕41号", title, "2031-03-01"))
    assert sorted(r.target_doc_number for r in own.of_kind("amends")) == [
        "示卫发〔2030〕15号",
        "示卫发〔2030〕16号",
    ]
    title = "示例市卫生健康委员会关于公布规范性文件清理结果的通知"
    text = (
        f"{title}\n示卫法规〔2031〕12号\n各县区卫生健康委：\n现将清理结果公布如下：\n"
        "一、废止的规范性文件（2件）\n1．《示例病媒生物防控管理办法》（示卫〔2026〕21号）\n"
        "2．《示例药事管理暂行规定》（示卫〔2027〕58号）\n二、继续有效的规范性文件（1件）\n"
        "1．《示例签约服务费管理办法》（示卫〔2030〕27号）\n"
    )
    own = read_validity(_notice(text, "示卫法规〔2031〕12号", title, "2031-06-30"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("repeals", "示卫〔2026〕21号"),
        ("repeals", "示卫〔2027〕58号"),
    ]


def test_a_cleanup_decision_whose_lines_run_on_and_changes_of_the_document_named_before():
    title = "示例县卫生健康局关于废止和修改部分规范性文件的决定"
    text = (
        f"{title}\n示卫健发〔2031〕58号\n各乡镇卫生院：\n经清理，决定：\n"
        "一、对以下2件规范性文件予以废止：\n"
        "1.《示例乡村医生考核管理暂行办法》（示卫计发〔2026〕21号）\n"
        "2.《示例医疗机构院内感染管理考核办法》（示卫计发〔2027〕33号）\n"
        "二、对以下1件规范性文件的部分条款予以修改：\n"
        "1.将《示例绩效考核办法》（示卫健发〔2029〕17号）第八条中的“每半年”修改为“每年”。\n"
    )
    own = read_validity(_notice(text, "示卫健发〔2031〕58号", title, "2031-06-30"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫健发〔2029〕17号"),
        ("repeals", "示卫计发〔2026〕21号"),
        ("repeals", "示卫计发〔2027〕33号"),
    ]
    title = "示例省药品监督管理局关于延长示例制剂调剂细则有效期的通知"
    text = (
        f"{title}\n示药监规〔2031〕8号\n各市市场监管局：\n"
        "《示例制剂调剂使用管理实施细则（暂行）》（示药监规〔2029〕4号）将于2031年12月31日有效期届满。"
        "经研究，决定将该细则有效期延长至2033年12月31日。\n"
    )
    own = read_validity(_notice(text, "示药监规〔2031〕8号", title, "2031-11-20"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示药监规〔2029〕4号")
    ]
    # 该办法 after a national 通知 named in the same sentence: the 办法 named before it is the
    # one extended and changed; the 通知 is carried out.
    title = (
        "示例省卫生健康委员会关于延长《示例省窝沟封闭项目管理办法（试行）》"
        "试行期并修改部分条款的通知"
    )
    text = (
        f"{title}\n示卫疾控发〔2034〕29号\n各市卫生健康局：\n"
        "《示例省窝沟封闭项目管理办法（试行）》（示卫疾控发〔2031〕37号）试行期将于2034年8月31日届满。"
        "为做好工作衔接，落实《国家卫生健康委办公厅关于加强儿童口腔疾病综合干预工作的通知》"
        "（国卫办疾控函〔2033〕214号）要求，经研究，决定将该办法试行期延长至2037年8月31日，"
        "并对部分条款作如下修改：\n一、将第五条中的“每颗牙40元”修改为“每颗牙55元”。\n"
    )
    own = read_validity(_notice(text, "示卫疾控发〔2034〕29号", title, "2034-08-12"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫疾控发〔2031〕37号"),
        ("implements", "国卫办疾控函〔2033〕214号"),
    ]
    title = "示例县卫生健康局关于2031年上半年重点工作进展情况的通报"
    text = (
        f"{title}\n各乡镇卫生院：\n一、制度建设稳步推进。4月，县卫生健康局、县医疗保障局联合印发"
        "《示例医共体打包支付管理办法》，明确自2031年7月1日起施行，原《示例总额付费暂行办法》同时废止。"
        "5月，我局修订了《示例乡村医生绩效考核办法》，将考核权重由40%提高到50%。\n示例县卫生健康局\n"
        "2031年8月6日\n"
    )
    report = read_validity(_notice(text, "", title, "2031-08-06"))
    assert (report.effective, report.relations) == ("", ())


def test_that_document_named_earlier_in_the_same_sentence_is_the_one_changed():
    # 该办法 after the 办法 named in the same sentence (with a national 通知 before both):
    # the 办法 is changed and its term extended; the 通知 is carried out.
    title = (
        "示例省卫生健康委员会　示例省水利厅关于修改《示例省水质抽检管理办法（试行）》"
        "并延长试行期的通知"
    )
    text = (
        f"{title}\n示卫联发〔2035〕6号\n各市卫生健康局、水利局：\n"
        "按照《国家示例局综合司关于加强水质抽检工作的通知》（国示综发〔2034〕12号）要求，"
        "两部门决定修改《示例省水质抽检管理办法（试行）》（示卫联发〔2032〕9号）的3个条款、"
        "新增1条，并将该办法的试行期顺延至2038年6月30日。具体修改如下：\n"
        "（一）第四条中“不少于20项”改为“不少于26项”。\n"
    )
    own = read_validity(_notice(text, "示卫联发〔2035〕6号", title, "2035-05-10", "示例"))
    assert sorted((r.kind, r.target_doc_number) for r in own.relations) == [
        ("amends", "示卫联发〔2032〕9号"),
        ("implements", "国示综发〔2034〕12号"),
    ]


def test_a_trial_period_extended_with_yan_zhi_is_a_change_of_that_document():
    # 试行期延至… says 延长至 in one character: the 办法 named before 该办法 is changed.
    title = "示例省卫生健康委员会关于修改《示例省器械集中处置管理办法（试行）》并延长试行期的通知"
    text = (
        f"{title}\n示卫医发〔2035〕29号\n各市卫生健康委：\n"
        "省卫生健康委决定修改《示例省器械集中处置管理办法（试行）》（示卫医发〔2032〕36号）中的"
        "3个条款，增加1条，并将该办法的试行期延至2037年9月9日。具体修改事项如下：\n"
        "（一）第三条中“72小时内”改为“36小时内”。\n"
    )
    own = read_validity(_notice(text, "示卫医发〔2035〕29号", title, "2035-08-21", "示例"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫医发〔2032〕36号")
    ]


def test_a_cover_letter_and_its_attachment_are_one_document_and_a_work_report_changes_nothing():
    title = "示例省卫生健康委员会关于贯彻落实《示例中药饮片调剂质量管理规范》的实施意见"
    text = (
        f"{title}\n示卫中医药发〔2031〕15号\n各市卫生健康委：\n根据《示例中医药局办公室关于印发"
        "示例中药饮片调剂质量管理规范的通知》（示中医药办医政发〔2030〕19号）要求，结合我省实际，"
        "现就贯彻落实《示例中药饮片调剂质量管理规范》提出如下实施意见：\n"
    )
    own = read_validity(_notice(text, "示卫中医药发〔2031〕15号", title, "2031-04-01"))
    assert [r.target_doc_number for r in own.of_kind("implements")] == [
        "示中医药办医政发〔2030〕19号"
    ]
    title = "示例省卫生健康委员会关于2030年度全省规范性文件管理工作情况的通报"
    text = (
        f"{title}\n示卫法规函〔2031〕3号\n各市卫生健康委：\n全年共制发规范性文件11件。其中，"
        "对《示例乡村医生执业管理办法》第十二条等条款作了修改；废止了《示例绩效考核暂行办法》等5件文件。\n"
    )
    assert not read_validity(_notice(text, "示卫法规函〔2031〕3号", title, "2031-02-01")).relations


def test_a_report_of_what_a_notice_repeals_repeals_nothing():
    title = "省医保局出台基金飞行检查实施办法"
    text = (
        f"{title}\n本报讯 日前，省医保局印发《示例飞行检查实施办法》。省医保局有关负责人表示，"
        "《实施办法》施行后，2030年印发的《示例专项检查工作规程（试行）》同时废止。\n"
    )
    assert not read_validity(_notice(text, "", title, "2031-04-02")).relations
    title = "自治区医保局：我区全面落实新版药品目录"
    text = (
        f"{title}\n近日，自治区医疗保障局联合印发《示例执行新版药品目录的通知》（示医保发〔2031〕39号），"
        "明确自2032年1月1日起执行新版目录，原《示例执行旧版目录的通知》（示医保发〔2030〕51号）同时废止。\n"
    )
    assert not read_validity(_notice(text, "", title, "2031-12-20")).relations


def test_an_amendment_issued_names_two_documents_and_is_no_trial_of_the_one_it_amends():
    title = "示例卫生健康委关于印发《示例护理人力配置管理办法（试行）》修正案的通知"
    text = (
        f"{title}\n示卫医护发〔2031〕12号\n各省卫生健康委：\n"
        "现将《示例护理人力配置管理办法（试行）》（示卫医护发〔2029〕31号）修正案印发给你们，请遵照执行。\n"
        "本修正案自2031年7月1日起施行。\n"
    )
    own = read_validity(_notice(text, "示卫医护发〔2031〕12号", title, "2031-05-20"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫医护发〔2029〕31号")
    ]
    assert not own.trial
    title = "示例药监局关于统一检查用语的通知"
    text = (
        f"{title}\n示药监药〔2031〕19号\n各市市场监管局：\n"
        "《示例零售企业检查办法》（示药监药〔2028〕45号）和《示例批发企业检查程序》（示药监药〔2030〕18号）"
        "中的“认证检查”，一律改称“符合性检查”。\n"
    )
    own = read_validity(_notice(text, "示药监药〔2031〕19号", title, "2031-05-20"))
    assert sorted(r.target_doc_number for r in own.of_kind("amends")) == [
        "示药监药〔2028〕45号",
        "示药监药〔2030〕18号",
    ]


def test_a_plan_a_lapse_and_an_interpretation_repeal_and_amend_nothing():
    title = "示例卫生健康委办公室关于印发2031年度规范性文件制定计划的通知"
    text = (
        f"{title}\n各处室：\n《示例二级医院评审细则》（示卫发〔2026〕22号），待《示例医院评审办法》"
        "出台后一并废止。\n《示例病案质量评价标准》（示卫发〔2029〕9号）拟修订第三条。\n"
    )
    assert not read_validity(_notice(text, "", title, "2031-01-10")).relations
    title = "示例卫生健康委关于加强护理人力配置管理的通知"
    text = (
        f"{title}\n示卫医护〔2031〕8号\n各市卫生健康委：\n《示例护理人力配置实施细则》（示卫医护〔2028〕23号）"
        "有效期已于2030年9月14日届满，按规定自然失效。\n"
    )
    assert not read_validity(_notice(text, "示卫医护〔2031〕8号", title, "2031-02-10")).relations
    title = "《示例门诊慢病保障政策的通知》政策解读"
    text = (
        f"{title}\n《通知》自2031年1月1日起执行，原《示例门诊慢病管理办法》（示医保发〔2028〕19号）"
        "同时废止。\n"
    )
    assert not read_validity(_notice(text, "", title, "2030-12-20")).relations


def test_a_revision_announced_for_later_or_made_under_a_basis_amends_nothing():
    title = "示例卫生健康委关于做好陪护管理的通知"
    text = (
        f"{title}\n示卫发〔2031〕6号\n各市卫生健康委：\n"
        "《示例陪护管理办法》（示卫医发〔2029〕3号）将另行修订。各医院要修订本单位陪护管理制度。\n"
        "按照《示例收费管理办法》（示卫医发〔2029〕4号）规定，陪护费标准调整为每日80元。\n"
        "待《示例探视管理规定》（示卫医发〔2029〕5号）修订后，探视时间调整为每日两次。\n"
        "经审核，予以核发《示例执业许可证》或增加执业范围。\n"
    )
    own = read_validity(_notice(text, "示卫发〔2031〕6号", title, "2031-03-01"))
    assert not [r for r in own.relations if r.kind == "amends"]


def test_a_forward_is_no_trial_for_the_interim_rules_it_forwards():
    title = "示例省医保局转发国家医保局关于印发示例审核规则管理暂行办法的通知"
    text = f"{title}\n示医保发〔2031〕29号\n各市医保局：\n现将通知转发给你们，请认真贯彻执行。\n"
    assert not read_validity(_notice(text, "示医保发〔2031〕29号", title, "2031-10-12")).trial
    own_title = "示例省医保局关于印发示例审核规则管理暂行办法的通知"
    text = f"{own_title}\n示医保发〔2031〕30号\n各市医保局：\n现印发给你们。\n"
    assert read_validity(_notice(text, "示医保发〔2031〕30号", own_title, "2031-10-12")).trial


def test_a_forward_whose_attachment_line_names_the_trial_notice_is_no_trial():
    title = "示例市卫生健康委员会关于转发《示例省妇幼保健机构绩效评价实施方案（试行）》的通知"
    text = (
        f"{title}\n示卫发〔2031〕64号\n各区卫生健康委：\n"
        "现将《示例省卫生健康委员会关于印发〈示例省妇幼保健机构绩效评价实施方案（试行）〉的通知》"
        "（示卫妇幼发〔2031〕19号）转发给你们，请一并贯彻执行。\n示例市卫生健康委员会\n2031年5月6日\n"
        "附件：示例省卫生健康委员会关于印发《示例省妇幼保健机构绩效评价实施方案（试行）》的通知\n"
    )
    assert not read_validity(_notice(text, "示卫发〔2031〕64号", title, "2031-05-06")).trial


def test_a_report_is_dated_by_the_date_line_it_ends_with():
    from rag.notices import parse_notices

    text = (
        "示例省远程医疗服务实现乡镇卫生院全覆盖\n\n"
        "本报讯（记者　王一）11月7日，记者从省卫生健康委获悉，"
        "全省乡镇卫生院已全部接入远程医疗平台。"
        "下一步，省卫生健康委将启动《示例省远程医疗服务管理办法》的修订。\n\n2031年11月8日\n"
    )
    (report,) = parse_notices(text, "report.txt")
    assert report.published_date == "2031-11-08"
    index = ValidityIndex([report])
    assert index.status(report.notice_id, "2031-01-01").label == "尚未施行"
    assert index.status(report.notice_id, "2032-01-01").label == "未知"


def test_as_of_forms_and_a_clear_error():
    assert parse_as_of("2021/1/1") == "2021-01-01"
    assert parse_as_of("2021年1月1日") == "2021-01-01"
    assert parse_as_of("") is None
    with pytest.raises(ValueError, match="2021-01-01"):
        parse_as_of("2021-13-01")


# -- through search, answers, CLI and API -----------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("validity")
    docs = root / "docs"
    docs.mkdir()
    for name, text in (
        ("old.txt", OLD),
        ("new.txt", NEW),
        ("zhejiang.txt", ZHEJIANG),
        ("fujian.txt", FUJIAN),
        ("pending.txt", PENDING),
    ):
        (docs / name).write_text(text, encoding="utf-8")
    env = index_env(root)
    build_index(env, docs)
    return env


@pytest.fixture(scope="module")
def retriever(env):
    from rag.retrieve import Retriever

    settings = settings_for(env)
    r = Retriever.open(None, settings)
    yield r
    r.close()


def _numbers(result) -> list[str]:
    return [h.doc_number for h in result.hits]


def test_hits_carry_status_and_in_force_edition_ranks_first(retriever):
    from rag.retrieve import Filters

    query = "病区每床净使用面积不少于多少平方米"
    later = retriever.search(query, k=5, filters=Filters(as_of="2025-01-01"))
    earlier = retriever.search(query, k=5, filters=Filters(as_of="2020-01-01"))
    order_later, order_earlier = _numbers(later), _numbers(earlier)
    # The same rule in two editions: the one in force on the date comes first.
    assert order_later.index("国卫医发〔2024〕3号") < order_later.index("国卫医发〔2019〕8号")
    assert order_earlier.index("国卫医发〔2019〕8号") < order_earlier.index("国卫医发〔2024〕3号")
    status = {h.doc_number: h.status for h in later.hits}
    assert status["国卫医发〔2019〕8号"] == "已废止"
    assert status["国卫医发〔2024〕3号"] == "现行有效"


def test_status_filter_keeps_only_that_status(retriever):
    from rag.retrieve import Filters

    result = retriever.search(
        "病区管理", k=10, filters=Filters(status=("现行有效",), as_of="2025-01-01")
    )
    assert result.hits
    assert {h.status for h in result.hits} == {"现行有效"}
    assert "国卫医发〔2019〕8号" not in _numbers(result)


def test_answer_says_a_cited_notice_is_repealed_with_the_clause(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("国卫医发〔2019〕8号现在还有效吗？", filters=Filters(as_of="2025-01-01"))
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "已废止" in first and "国卫医发〔2024〕3号" in first and "同时废止" in first
    assert {c.status for c in answer.citations if c.doc_number == "国卫医发〔2019〕8号"} == {
        "已废止"
    }
    # The same question as of 2020 finds it in force.
    earlier = answerer.ask("国卫医发〔2019〕8号现在还有效吗？", filters=Filters(as_of="2020-01-01"))
    assert "现行有效" in earlier.text.splitlines()[0]


def test_answer_warns_about_a_lapsed_notice_it_quotes(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask(
        "浙江要求各地什么时候前完成病区改造评估？", filters=Filters(as_of="2023-01-01")
    )
    assert not answer.refused
    assert "2019年底" in answer.text
    assert any(
        "已过有效期" in line and "有效期至2021年12月31日" in line
        for line in answer.text.splitlines()
    )


def test_each_ask_dated_on_its_own_hears_the_status_then(env, retriever):
    from rag.answer import Answerer

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("2021年初的时候国卫医发〔2019〕8号还管用吗？现在还有效吗？")
    first, second = answer.text.splitlines()[:2]
    assert first.startswith("截至2021年1月1日（问题所说的2021年初）") and "现行有效" in first
    assert "已废止" in second and "国卫医发〔2024〕3号" in second


def test_a_date_in_the_question_is_the_date_the_status_is_for(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters

    answerer = Answerer(retriever, settings_for(env))
    early = answerer.ask("2021年初的时候，国卫医发〔2019〕8号还管用吗？")
    first = early.text.splitlines()[0]
    assert first.startswith("截至2021年1月1日（问题所说的2021年初），国卫医发〔2019〕8号")
    assert "现行有效" in first
    late = answerer.ask("二〇二四年底国卫医发〔2019〕8号是否已经失效？")
    first = late.text.splitlines()[0]
    assert "2024年12月31日" in first and "已废止" in first and "国卫医发〔2024〕3号" in first
    # The caller's date wins over the question's.
    given = answerer.ask(
        "2021年初的时候，国卫医发〔2019〕8号还管用吗？", filters=Filters(as_of="2025-01-01")
    )
    assert given.text.splitlines()[0].startswith("截至2025年1月1日，")
    assert "已废止" in given.text.splitlines()[0]


def test_a_dated_follow_up_asks_the_same_status_as_of_that_date(env, retriever):
    from rag.answer import Answerer

    answerer = Answerer(retriever, settings_for(env))
    history = [
        {"role": "user", "content": "国卫医发〔2019〕8号现在还有效吗？"},
        {"role": "assistant", "content": "已废止。"},
    ]
    for follow in ("2021年初的时候呢？", "那二〇二〇年底呢？"):
        answer = answerer.ask(follow, history)
        first = answer.text.splitlines()[0]
        assert "国卫医发〔2019〕8号" in first and "现行有效" in first, follow
        assert first.startswith(("截至2021年1月1日", "截至2020年12月31日")), follow


def test_a_status_that_changed_within_the_period_asked_is_said(env, retriever):
    from rag.answer import Answerer

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("在2024年时，国卫医发〔2019〕8号还有效吗？")
    first = answer.text.splitlines()[0]
    assert first.startswith("截至2024年1月1日") and "现行有效" in first
    assert "在2024年内效力有变化" in first and "2024年12月31日时为已废止" in first


def test_not_yet_in_force_as_of_the_questions_date(env, retriever):
    from rag.answer import Answerer

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("截至2030年12月，国卫医发〔2031〕1号的护理服务规范施行了吗？")
    first = answer.text.splitlines()[0]
    assert first.startswith("截至2030年12月31日") and "尚未施行" in first
    assert "自2031年1月1日起施行" in first


def test_when_and_whether_in_force_is_answered_not_refused(env, retriever):
    from rag.answer import Answerer

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("浙卫发〔2019〕20号从什么时候开始实施？现在还管用吗？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "浙卫发〔2019〕20号" in first and "已过有效期" in first
    assert "「本意见自印发之日起施行，有效期至2021年12月31日。」" in first
    unknown = answerer.ask("闽卫医〔2019〕33号现在还在执行吗？")
    first = unknown.text.splitlines()[0]
    assert "闽卫医〔2019〕33号" in first and "：未知（文中未写明施行日期或有效期" in first


def test_which_document_a_notice_repealed_follow_up(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters

    answerer = Answerer(retriever, settings_for(env))
    history = [
        {"role": "user", "content": "国卫医发〔2024〕3号讲了什么？"},
        {"role": "assistant", "content": "它印发了示例病区管理办法（2024年版）。"},
    ]
    answer = answerer.ask("它让之前哪个文件失效了？", history, filters=Filters(as_of="2025-01-01"))
    first = answer.text.splitlines()[0]
    assert "国卫医发〔2019〕8号" in first and "已废止" in first


def test_which_provinces_implemented_a_national_notice(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("各省如何落实国卫医发〔2019〕8号？", filters=Filters(as_of="2020-01-01"))
    assert not answer.refused
    assert "浙江" in answer.text and "福建" in answer.text
    cited = {c.doc_number for c in answer.citations}
    assert cited == {"浙卫发〔2019〕20号", "闽卫医〔2019〕33号"}
    notices = retriever.notices
    for c in answer.citations:
        # Each citation quotes the implementing clause, verbatim from its notice.
        assert "国卫医发〔2019〕8号" in c.quote
        assert c.quote in notices[c.notice_id].text


def test_cli_notices_status_filter_and_show(env):
    from rag.cli import app

    runner = CliRunner()
    listed = runner.invoke(app, ["notices", "--as-of", "2024-06-01", "--status", "已废止"], env=env)
    assert listed.exit_code == 0, listed.output
    rows = [line for line in listed.stdout.splitlines() if line.strip()]
    assert len(rows) == 1 and rows[0].startswith("国卫医发〔2019〕8号")
    shown = runner.invoke(
        app, ["notices", "show", "国卫医发[2019]8号", "--as-of", "2024-06-01"], env=env
    )
    assert shown.exit_code == 0, shown.output
    assert "效力（截至 2024-06-01）：已废止" in shown.stdout
    assert "时间线" in shown.stdout and "被废止于：国卫医发〔2024〕3号" in shown.stdout
    data = json.loads(
        runner.invoke(app, ["notices", "show", "国卫医发〔2019〕8号", "--json"], env=env).stdout
    )
    assert data["validity"]["effective"] == "2019-03-01"
    assert data["validity"]["repealed_by"][0]["doc_number"] == "国卫医发〔2024〕3号"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["notices", "--as-of", "2024-13-01"], "2021-01-01"),
        (["notices", "--status", "无效"], "现行有效"),
        (["search", "病区", "--as-of", "明天"], "2021-01-01"),
    ],
)
def test_cli_bad_validity_options_are_clear_errors(env, args, message):
    from rag.cli import app

    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code != 0
    assert message in result.output


def test_api_as_of_status_filter_and_notice_validity(env, retriever):
    from fastapi.testclient import TestClient

    from rag.api import create_app

    client = TestClient(create_app(retriever=retriever, settings=settings_for(env)))
    hits = client.post("/search", json={"query": "病区管理", "k": 5, "as_of": "2025-01-01"}).json()[
        "hits"
    ]
    assert {h["doc_number"]: h["status"] for h in hits}["国卫医发〔2019〕8号"] == "已废止"
    kept = client.post(
        "/search",
        json={
            "query": "病区管理",
            "k": 5,
            "as_of": "2025-01-01",
            "filters": {"status": ["现行有效"]},
        },
    ).json()["hits"]
    assert kept and {h["status"] for h in kept} == {"现行有效"}
    bad = client.post("/search", json={"query": "病区", "filters": {"status": ["无效"]}})
    assert bad.status_code == 422
    detail = client.get("/notices/国卫医发[2019]8号", params={"as_of": "2020-01-01"}).json()
    assert detail["validity"]["status"] == "现行有效"
    assert detail["validity"]["expires"] == "2024-02-29"


def test_ui_viewer_and_cards_show_status(env, retriever):
    from rag.answer import Answerer
    from rag.retrieve import Filters
    from ui import render

    answerer = Answerer(retriever, settings_for(env))
    answer = answerer.ask("国卫医发〔2019〕8号还有效吗", filters=Filters(as_of="2025-01-01"))
    cards = render.citations_html(answer, retriever.notices)
    assert "rag-badge-repealed" in cards
    notice = next(n for n in retriever.notices.values() if n.doc_number == "国卫医发〔2019〕8号")
    html = render.notice_html(
        notice,
        retriever.notices,
        [],
        None,
        answerer.validity.to_dict(notice.notice_id, "2025-01-01"),
    )
    assert "已废止" in html and "rag-timeline" in html


def test_bundled_corpus_lapsed_notice(corpus_notices):
    """A bundled notice valid for five years from its signature has lapsed by 2026."""
    index = ValidityIndex(corpus_notices)
    (hebei,) = [
        n for n in corpus_notices if n.doc_number == "冀卫规〔2020〕1号" and n.region == "河北"
    ]
    assert index.status(hebei.notice_id, "2021-01-01").label == "现行有效"
    assert index.status(hebei.notice_id, "2026-12-02").label == "已过有效期"


def test_a_law_published_but_not_yet_in_force():
    """A law's last article dates it (本法自2027年1月1日起施行): 尚未施行 until then."""
    from rag.notices import parse_notices

    path = Path(__file__).parent / "fixtures" / "laws" / "primary_health_law.txt"
    (law,) = parse_notices(path.read_text(encoding="utf-8"), path.name)
    index = ValidityIndex([law])
    assert index.get(law.notice_id).own.effective == "2027-01-01"  # type: ignore[union-attr]
    assert index.status(law.notice_id, "2026-12-02").label == "尚未施行"
    assert index.status(law.notice_id, "2027-01-01").label == "现行有效"


def test_an_amendment_marks_the_amended_notice():
    base = (
        "示例省卫生健康委员会关于印发《示例省家庭病床服务规范》的通知\n示卫发〔2028〕4号\n各市卫生健康委：\n"
        "现将《示例省家庭病床服务规范》印发给你们。\n一、家庭病床每周查床不少于一次。\n"
        "本规范自2028年3月1日起施行。\n"
    )
    change = (
        "示例省卫生健康委员会关于修改家庭病床服务规范的通知\n示卫发〔2030〕9号\n各市卫生健康委：\n"
        "现对《示例省家庭病床服务规范》作如下修改：将第一条中的“每周查床不少于一次”改为“每周查床不少于两次”。\n"
        "本通知自印发之日起施行。\n"
    )
    index = ValidityIndex(
        [
            _notice(
                base,
                "示卫发〔2028〕4号",
                "示例省卫生健康委员会关于印发《示例省家庭病床服务规范》的通知",
                "2028-02-01",
            ),
            _notice(
                change,
                "示卫发〔2030〕9号",
                "示例省卫生健康委员会关于修改家庭病床服务规范的通知",
                "2030-05-06",
            ),
        ]
    )
    (amend,) = index.get("示卫发〔2030〕9号").own.of_kind("amends")  # type: ignore[union-attr]
    assert amend.target_id == "示卫发〔2028〕4号"
    assert index.status("示卫发〔2028〕4号", "2029-01-01").label == "现行有效"
    status = index.status("示卫发〔2028〕4号", "2030-06-01")
    assert status.label == "已修订" and "作如下修改" in status.evidence


def test_a_clause_naming_the_document_by_issuer_and_title_implements_it():
    national = (
        "国家卫生健康委办公厅关于推进示例远程会诊工作的通知\n国卫办医函〔2030〕330号\n"
        "各省、自治区、直辖市卫生健康委：\n一、三级医院应当开展远程会诊。\n"
    )
    # The 文号 is mistyped (33号) and the title is given apart from its issuer.
    local = (
        "示例省卫生健康委办公室关于做好远程会诊工作的通知\n各设区市卫生健康委：\n"
        "按照国家卫生健康委办公厅《关于推进示例远程会诊工作的通知》（国卫办医函〔2030〕33号）"
        "要求，结合我省实际，现就有关事项通知如下：\n一、各市应当明确远程会诊牵头医院。\n"
    )
    # Named by its title alone, without a 文号.
    other = (
        "示例市卫生健康委关于落实远程会诊工作的通知\n示市卫〔2030〕2号\n各区卫生健康局：\n"
        "为贯彻落实《国家卫生健康委办公厅关于推进示例远程会诊工作的通知》，结合本市实际，"
        "现将有关事项通知如下：\n一、区级医院应当接入远程会诊平台。\n"
    )
    index = ValidityIndex(
        [
            _notice(
                national,
                "国卫办医函〔2030〕330号",
                "国家卫生健康委办公厅关于推进示例远程会诊工作的通知",
                "2030-05-01",
            ),
            Notice(
                "local",
                "",
                "示例省卫生健康委办公室关于做好远程会诊工作的通知",
                "",
                "示例省",
                "2030-05-10",
                "",
                "",
                (),
                "t.txt",
                local,
            ),
            _notice(
                other,
                "示市卫〔2030〕2号",
                "示例市卫生健康委关于落实远程会诊工作的通知",
                "2030-05-12",
                "示例市",
            ),
        ]
    )
    found = {n.notice_id for n, _ in index.implementers_of(doc_number="国卫办医函〔2030〕330号")}
    assert found == {"local", "示市卫〔2030〕2号"}


def test_whether_a_place_implemented_a_document_routes_to_its_notice(retriever):
    result = retriever.search("福建有没有出台落实国卫医发〔2019〕8号的文件？", k=5)
    assert result.implementing == ["国卫医发〔2019〕8号"]
    assert "闽卫医〔2019〕33号" in _numbers(result)


def test_cli_ask_dates_the_status_by_the_question_unless_as_of_is_given(env):
    from rag.cli import app

    runner = CliRunner()
    question = "2021年初的时候，国卫医发〔2019〕8号还管用吗？"
    dated = runner.invoke(app, ["ask", question], env=env)
    assert dated.exit_code == 0, dated.output
    assert "截至2021年1月1日（问题所说的2021年初）" in dated.stdout
    given = runner.invoke(app, ["ask", question, "--as-of", "2025-01-01"], env=env)
    assert given.exit_code == 0, given.output
    assert "截至2025年1月1日，国卫医发〔2019〕8号" in given.stdout and "已废止" in given.stdout


# -- kinds of phrasing, each in a short notice written for the test ---------------------------


def _read(body: str, title: str = "示例省卫生健康委员会关于做好示例工作的通知", number: str = ""):
    """The validity record of a notice parsed as ingest parses it: title, 文号, salutation,
    body, issuer and signature date (2023-06-02)."""
    from rag.notices import parse_notices

    head = f"{title}\n{number}\n" if number else f"{title}\n"
    text = f"{head}各市卫生健康委：\n{body}\n示例省卫生健康委员会\n2023年6月2日\n"
    (notice,) = parse_notices(text, "t.txt")
    return read_validity(notice)


def _targets(own, kind: str) -> list[str]:
    return sorted(r.target for r in own.of_kind(kind))


@pytest.mark.parametrize(
    ("body", "effective", "expires"),
    [
        # Another thing's period (a certificate, an assessment result) is not the notice's.
        (
            "一、门诊资格证书有效期为3年。\n本通知自2023年7月1日起施行，有效期2年。",
            "2023-07-01",
            "2025-06-30",
        ),
        (
            "一、做好工作。\n本通知自印发之日起实施，执行至2025年12月31日。",
            "2023-06-02",
            "2025-12-31",
        ),
        (
            "一、做好工作。\n本方案自2023年7月1日起实施，至2025年6月30日止。",
            "2023-07-01",
            "2025-06-30",
        ),
        ("一、做好工作。\n本通知有效期自2023年7月1日至2026年6月30日。", "2023-07-01", "2026-06-30"),
        (
            "一、做好工作。\n本通知自二〇二三年七月一日起执行，执行期限为两年。",
            "2023-07-01",
            "2025-06-30",
        ),
        ("一、做好工作。\n本办法自2023年7月1日起试行二年。", "2023-07-01", "2025-06-30"),
        ("一、做好工作。\n本办法试行一年，自2023年7月1日起施行。", "2023-07-01", "2024-06-30"),
        ("一、做好工作。\n本通知自2023年7月1日零时起执行。", "2023-07-01", ""),
        ("一、做好工作。\n本办法自2023年7月1日施行。", "2023-07-01", ""),
        # A deadline for a task is no effective date.
        ("一、各地于2023年9月1日实施抽查。", "", ""),
        # 本通知下发之日起 (no 自, no 施行) dates the rules from the signature ...
        ("一、本通知下发之日起，各机构必须通过平台采购。", "2023-06-02", ""),
        # ... and a delay counted from it dates them that long after: the thirtieth day, or
        # the same day three months on.
        ("一、做好工作。\n本通知自印发之日起三十日后施行。", "2023-07-02", ""),
        ("一、做好工作。\n本办法自发布之日起30日后施行，有效期5年。", "2023-07-02", "2028-07-01"),
        ("一、做好工作。\n本办法自印发之日起满3个月后施行。", "2023-09-02", ""),
        # Another document's period, in a clause whose subject it is, is not the notice's.
        (
            "三、省《示例规范》自2020年10月1日起施行，有效期三年。\n"
            "四、本通知自2023年7月1日起执行，执行至2025年12月31日。",
            "2023-07-01",
            "2025-12-31",
        ),
    ],
)
def test_effective_and_expiry_phrasings(body, effective, expires):
    own = _read(body)
    assert (own.effective, own.expires) == (effective, expires)


def test_trial_only_when_the_notice_itself_is_a_trial_version():
    amending = _read(
        "现对《示例门诊暂行办法》（示卫发〔2019〕2号）作如下修改：\n一、第三条修改为：“……”",
        title="示例省卫生健康委员会关于修订《示例门诊暂行办法》部分条款的通知",
    )
    assert not amending.trial
    assert _targets(amending, "amends") == ["示卫发〔2019〕2号"]
    issuing = _read(
        "现将两个指南印发给你们。",
        title="示例省药品监督管理局关于发布实施《示例甲指南》《示例乙指南（试行）》的通知",
    )
    assert issuing.trial


def test_a_notice_publishing_a_standard_takes_effect_with_it():
    # 关于发布食品安全地方标准《X》的公告: X is the notice's own, and its date the notice's.
    own = _read(
        "根据《中华人民共和国食品安全法》规定，经审查通过，现发布食品安全地方标准《示例豆粉》"
        "（DBS99/001—2023），自2024年3月1日起实施。",
        title="示例省卫生健康委员会关于发布食品安全地方标准《示例豆粉》的公告",
        number="示卫公告〔2023〕7号",
    )
    assert own.effective == "2024-03-01"


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        (
            "一、做好工作。\n本办法自2024年3月1日起施行，同时废止《示例门诊办法》（示卫发〔2019〕3号）。",
            ["示卫发〔2019〕3号"],
        ),
        ("一、做好工作。\n示卫发〔2018〕4号文件同时作废。", ["示卫发〔2018〕4号"]),
        (
            "一、做好工作。\n《示例门诊办法》（示卫发〔2017〕2号）自本通知印发之日起不再施行。",
            ["示卫发〔2017〕2号"],
        ),
        # The verb's own clause names the target; the basis before it is no target.
        (
            "一、做好工作。\n根据《示例条例》规定，《示例门诊办法》（示卫发〔2017〕2号）予以废止。",
            ["示卫发〔2017〕2号"],
        ),
        (
            "经清理，决定废止以下文件：\n1.《示例甲办法》（示卫发〔2018〕3号）\n2.《示例乙办法》（示卫发〔2019〕5号）",
            ["示卫发〔2018〕3号", "示卫发〔2019〕5号"],
        ),
        # A fact about another document, and 失效 of medicines, repeal nothing.
        ("一、鉴于《示例旧办法》（示卫发〔2015〕2号）已于2020年废止，相关工作按本通知执行。", []),
        ("一、按照《示例药品条例》规定，对过期失效药品一律予以销毁。", []),
    ],
)
def test_repeal_phrasings(body, targets):
    assert _targets(_read(body), "repeals") == sorted(targets)


def test_an_earlier_edition_named_by_title_is_repealed_not_the_notices_own():
    own = _read(
        "现将《示例护理规范》印发给你们。\n本规范自2024年3月1日起施行，《示例护理规范（2019年版）》"
        "同时废止，《示例护理规范（试行）》不再执行。",
        title="示例省卫生健康委员会关于印发《示例护理规范》的通知",
    )
    assert _targets(own, "repeals") == ["示例护理规范（2019年版）", "示例护理规范（试行）"]


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        (
            "现将《示例门诊办法》（示卫发〔2017〕2号）第五条修改为：“门诊每日开放不少于8小时。”",
            ["示卫发〔2017〕2号"],
        ),
        # Comments asked on a draft, and a revised edition issued, amend nothing.
        ("请对《示例门诊办法》提出修改意见，于6月底前反馈。", []),
        ("我委对《示例门诊办法》进行了修订，现予发布。", []),
    ],
)
def test_amendment_phrasings(body, targets):
    assert _targets(_read(body), "amends") == sorted(targets)


@pytest.mark.parametrize(
    ("body", "targets"),
    [
        # A comma inside the bracket after a title does not end the basis clause.
        (
            "为认真贯彻《示例甲法》、《示例乙办法》（示例省卫生健康委令第5号，以下简称新《办法》）和《示例丙公告》"
            "（示卫发〔2022〕9号），现就有关事宜通知如下：\n一、按照新《办法》做好工作。",
            ["示例省卫生健康委令第5号", "示卫发〔2022〕9号", "示例甲法"],
        ),
        # Basis clauses in a chain; a document cited after the basis clause is not one.
        (
            "按照省委统一部署，根据《示例意见》（示发〔2022〕1号），参照《示例参考做法》，"
            "结合我省实际，制定本方案。",
            ["示发〔2022〕1号"],
        ),
        # A purpose clause that goes on names what the notice carries out.
        (
            "为贯彻党的二十大精神，落实《示例甲意见》《示例乙意见》，决定开展示例行动。",
            ["示例乙意见", "示例甲意见"],
        ),
        # The notice's own work names the document by the short name given before.
        (
            "新修订的《示例生产办法》（示例省卫生健康委令第28号）（以下简称《生产办法》）将于2023年7月1日起施行。"
            "根据有关要求，结合我省实际，现就贯彻实施《生产办法》有关事宜通知如下：",
            ["示例省卫生健康委令第28号"],
        ),
        (
            "现将《示例工作通知》（示卫发〔2023〕9号）转发给你们，请结合实际认真贯彻落实。",
            ["示卫发〔2023〕9号"],
        ),
        (
            "国家卫生健康委印发了《示例甲通知》《示例乙通知》。\n请各地认真落实上述文件要求。",
            ["示例乙通知", "示例甲通知"],
        ),
        (
            "国家卫生健康委印发了《示例工作方案》（示卫发〔2023〕12号）。为做好贯彻落实工作，"
            "现将有关事项通知如下：\n一、提高认识。",
            ["示卫发〔2023〕12号"],
        ),
        # Recounting earlier work, and a document cited in the provisions, are no basis.
        ("近年来，我省依据《示例条例》开展了大量工作。为做好示例工作，现就有关事项通知如下：", []),
        ("各地：\n一、总体要求\n按照《示例规划》要求，推进签约服务。", []),
    ],
)
def test_implementation_phrasings(body, targets):
    assert _targets(_read(body), "implements") == sorted(targets)


def test_an_attached_documents_opening_states_its_basis():
    own = _read(
        "现将《示例信息公开制度》印发给你们，请认真贯彻执行。\n示例省卫生健康委员会\n2023年6月2日\n"
        "示例信息公开制度\n为加强诚信建设，根据《示例信用条例》和《示例监督办法》精神，决定建立"
        "违规信息公开制度。\n一、公开对象\n附件2\n申报表\n根据《示例填报规范》填写以下内容。",
        title="示例省卫生健康委员会关于印发《示例信息公开制度》的通知",
    )
    assert _targets(own, "implements") == ["示例信用条例", "示例监督办法"]


def test_a_title_names_what_the_notice_implements_when_the_body_does_not():
    own = _read(
        "《示例医疗法》已由全国人大常委会通过，自2024年1月1日起施行。请认真组织学习。",
        title="示例省卫生健康委员会关于学习宣传贯彻《示例医疗法》的通知",
    )
    assert _targets(own, "implements") == ["示例医疗法"]
    assert own.effective == ""  # the law's date, not the notice's


def test_title_only_relations_resolve_to_the_notice_that_issues_the_document():
    plan = """示例省卫生健康委员会关于印发示例省日间病房评估实施方案的通知
示卫医发〔2021〕40号
各市卫生健康委：
我委制定了《示例省日间病房评估实施方案》，现印发给你们，请认真组织实施。
本方案自印发之日起实施，有效期二年。
示例省卫生健康委员会
2021年8月16日
"""
    city = """示例市卫生健康委员会关于开展日间病房评估工作的通知
各区卫生健康委：
按照省卫生健康委《示例省日间病房评估实施方案》要求，结合我市实际，现就有关工作通知如下：
一、2021年底前完成评估。
示例市卫生健康委员会
2021年9月20日
"""
    clean_up = """示例省卫生健康委员会关于废止部分规范性文件的通知
示卫法规发〔2023〕3号
各市卫生健康委：
经清理，《示例省卫生健康委员会关于印发示例省日间病房评估实施方案的通知》同时废止。
示例省卫生健康委员会
2023年5月1日
"""
    from rag.notices import parse_notices

    notices = [
        n for name, t in (("p", plan), ("c", city), ("r", clean_up)) for n in parse_notices(t, name)
    ]
    index = ValidityIndex(notices)
    plan_id = next(n.notice_id for n in notices if n.source == "p")
    assert [n.source for n in index.implementers(plan_id)] == ["c"]
    assert index.status(plan_id, "2022-01-01").label == "现行有效"
    assert index.status(plan_id, "2023-06-01").label == "已废止"


def test_a_forwarding_notice_implements_what_it_forwards():
    title = "示例省卫生健康委员会关于转发《国家卫生健康委关于做好示例工作的通知》的通知"
    body = (
        "现将《国家卫生健康委关于做好示例工作的通知》（国卫发〔2023〕3号）转发给你们，请认真执行。"
    )
    assert _targets(_read(body, title=title), "implements") == ["国卫发〔2023〕3号"]
    # With no clause in the body, the title says what it forwards.
    bare = _read("请结合实际认真贯彻执行。", title=title)
    assert _targets(bare, "implements") == ["国家卫生健康委关于做好示例工作的通知"]


def test_a_title_names_the_document_repealed_when_the_body_does_not():
    own = _read(
        "经研究，决定予以废止。\n本决定自印发之日起施行。",
        title="示例省卫生健康委员会关于废止《示例门诊管理办法》的决定",
    )
    assert _targets(own, "repeals") == ["示例门诊管理办法"]


def test_a_case_sent_to_another_documents_procedure_is_not_what_the_notice_implements():
    own = _read(
        "为贯彻落实《示例国家委关于规范示例门诊的通知》（示卫发〔2029〕3号），结合我省实际，"
        "我委制定了《示例门诊管理细则》，现印发给你们。\n"
        "门诊涉及诊疗科目变更的，按照《示例省医疗机构登记办法》有关规定办理。\n"
        "本细则自2030年1月1日起施行。",
        title="示例省卫生健康委员会关于印发示例门诊管理细则的通知",
    )
    assert _targets(own, "implements") == ["示卫发〔2029〕3号"]


def test_a_trial_document_carried_out_by_the_notice_does_not_make_it_a_trial():
    carried = _read(
        "根据《示例结算暂行办法》（示保发〔2029〕8号），结合我省实际，现提出如下实施意见。",
        title="示例省医疗保障局关于贯彻示例结算暂行办法的实施意见",
    )
    assert carried.trial is False
    issued = _read(
        "现将《示例结算暂行办法》印发给你们，请遵照执行。",
        title="示例省医疗保障局关于印发示例结算暂行办法的通知",
    )
    assert issued.trial is True


def test_dates_told_of_an_earlier_issue_and_a_changed_documents_trial_are_not_the_notices():
    title = "示例省卫生健康委关于延长示例结果互认管理办法（试行）试行期的通知"
    text = (
        f"{title}\n示卫医函〔2032〕26号\n各市卫生健康委：\n2030年6月，我委印发了示例结果互认管理办法"
        "（试行），自2030年8月1日起施行，试行期2年。经研究，决定将《示例结果互认管理办法（试行）》"
        "（示卫医发〔2030〕11号）试行期延长至2034年7月31日。\n示例省卫生健康委\n2032年7月20日\n"
    )
    own = read_validity(_notice(text, "示卫医函〔2032〕26号", title, "2032-07-20", "示例"))
    assert (own.effective, own.expires, own.trial) == ("", "", False)
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示卫医发〔2030〕11号")
    ]
    # The notice's own clause, after the same narrative, is still read.
    text = text.replace("\n示例省卫生健康委\n", "本通知自印发之日起施行。\n示例省卫生健康委\n")
    own = read_validity(_notice(text, "示卫医函〔2032〕26号", title, "2032-07-20", "示例"))
    assert own.effective == "2032-07-20"


def test_a_report_on_the_years_work_repeals_nothing():
    title = "示例市卫生健康委员会关于2031年度法治政府建设情况的报告"
    text = (
        f"{title}\n示市卫〔2032〕6号\n市人民政府：\n全年制定规范性文件4件，修订《示例自查管理办法》"
        "等2件，废止《示例院前急救管理暂行规定》等3件。\n示例市卫生健康委员会\n2032年1月20日\n"
    )
    assert not read_validity(_notice(text, "示市卫〔2032〕6号", title, "2032-01-20")).relations


def test_a_repeal_table_under_its_heading_is_read_and_its_titles_are_no_trial():
    title = "示例市卫生健康委员会关于修改和废止部分规范性文件的通知"
    text = (
        f"{title}\n示市卫法规〔2032〕3号\n各区卫生健康委：\n经清理，决定对3件规范性文件予以废止。\n"
        "一、废止的规范性文件\n序号\t文件名称\t文号\n"
        # The loader joins a row's number to its first cell.
        "1示例预约诊疗服务管理暂行办法\t示市卫医〔2029〕21号\n"
        "2示例绩效考核实施细则（试行）\t示市卫基〔2027〕12号\n"
        "二、本通知自印发之日起施行。\n示例市卫生健康委员会\n2032年3月18日\n"
    )
    own = read_validity(_notice(text, "示市卫法规〔2032〕3号", title, "2032-03-18"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("repeals", "示市卫医〔2029〕21号"),
        ("repeals", "示市卫基〔2027〕12号"),
    ]
    assert (own.effective, own.trial) == ("2032-03-18", False)


def test_a_planned_revision_a_revision_history_and_a_meetings_report_change_nothing():
    title = "示例卫生健康委关于开展示例陪护服务管理办法（试行）实施情况评估工作的通知"
    text = (
        f"{title}\n示卫办函〔2032〕96号\n各省卫生健康委：\n我委将根据评估结果对《示例陪护服务管理办法"
        "（试行）》进行修订，修订后的管理办法拟于2033年印发。\n示例卫生健康委\n2032年3月6日\n"
    )
    own = read_validity(_notice(text, "示卫办函〔2032〕96号", title, "2032-03-06"))
    assert (own.relations, own.trial) == ((), False)
    title = "示例省药监局关于调整示例制剂调剂使用数量的通知"
    text = (
        f"{title}\n示药监发〔2032〕21号\n各市局：\n现将《示例制剂调剂使用管理办法》（示药监发〔2030〕14号"
        "印发，示药监发〔2031〕9号修改）第十二条中的“不超过20%”修改为“不超过30%”。\n"
    )
    own = read_validity(_notice(text, "示药监发〔2032〕21号", title, "2032-05-01"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("amends", "示药监发〔2030〕14号")
    ]
    title = "市医保局召开示例长期护理保险推进会"
    text = (
        f"{title}\n11月6日，市医疗保障局召开示例长期护理保险推进会。\n会议指出，《示例长期护理保险办法》"
        "将于2033年1月1日起施行，届时《示例长期护理保险试点办法》同时废止。\n"
    )
    assert not read_validity(_notice(text, "", title, "2032-11-10")).relations


def test_a_document_a_notice_changes_is_not_one_it_implements_and_a_supplement_is_no_trial():
    title = "示例卫生健康委关于延长《示例陪护服务管理办法（试行）》试行期的通知"
    text = (
        f"{title}\n示卫办函〔2033〕512号\n各省卫生健康委：\n经研究，决定将《示例陪护服务管理办法（试行）》"
        "（示卫发〔2031〕27号）试行期延长至2035年10月31日。延长试行期间，各地要继续按照《示例陪护服务"
        "管理办法（试行）》要求，加强服务监管。\n本通知自印发之日起执行。\n"
    )
    own = read_validity(_notice(text, "示卫办函〔2033〕512号", title, "2033-10-20"))
    assert [r.kind for r in own.relations] == ["amends"]
    title = "示例药监局关于示例平台检查工作指南（暂行）的补充通知"
    text = f"{title}\n示药监函〔2034〕132号\n本通知自2034年6月1日起施行。\n"
    assert not read_validity(_notice(text, "示药监函〔2034〕132号", title, "2034-04-26")).trial


def test_a_change_told_as_done_by_another_body_is_not_this_notices():
    title = "示例市卫生健康委员会关于进一步加强临床用血管理工作的通知"
    text = (
        f"{title}\n示市卫发〔2035〕47号\n各医疗机构：\n为贯彻落实《示例临床用血管理办法（试行）》"
        "（示卫医字〔2030〕12号，以下简称《办法》），现就有关工作通知如下。自治区卫生健康委已将《办法》"
        "试行期延长至2035年12月31日。\n"
    )
    own = read_validity(_notice(text, "示市卫发〔2035〕47号", title, "2035-06-18"))
    assert [(r.kind, r.target_doc_number) for r in own.relations] == [
        ("implements", "示卫医字〔2030〕12号")
    ]


def test_a_call_for_comments_on_a_portal_page_repeals_nothing():
    # A portal page: breadcrumb, labelled fields, then the 公告's title, whose 《…》 once kept
    # it from ending a title line, so the body was joined to it and a field line became the
    # title. The draft's 同时废止 is not in force: the 2016 rules stay in force.
    from rag.notices import parse_notices

    page = (
        "当前位置：首页 > 互动交流 > 意见征集\n\n信息索引号：430100-05-2031-000187\n"
        "发布机构：示例市卫生健康委员会\n发布日期：2031-06-10\n浏览次数：3042\n\n"
        "示例市卫生健康委员会关于公开征求《示例市医疗美容机构监督管理办法（征求意见稿）》意见的公告\n\n"
        "为加强医疗美容机构监督管理，规范医疗美容服务行为，我委起草了《示例市医疗美容机构监督管理"
        "办法（征求意见稿）》，现向社会公开征求意见。有关单位和个人可于2031年7月10日前反馈意见。\n\n"
        "示例市卫生健康委员会\n2031年6月10日\n\n附件\n\n示例市医疗美容机构监督管理办法\n（征求意见稿）\n\n"
        "第一条　为加强医疗美容机构监督管理，结合本市实际，制定本办法。\n"
        "第二十条　本办法自印发之日起施行。"
        "《示例市医疗美容管理暂行规定》（示卫发〔2026〕22号）同时废止。\n"
    )
    (notice,) = parse_notices(page, "call.txt")
    assert notice.title.startswith("示例市卫生健康委员会关于公开征求")
    assert notice.title.endswith("意见的公告")
    assert read_validity(notice).relations == ()


def test_status_reasons_write_dates_as_read_and_leave_index_numbers_alone():
    from rag.answer.status import _in_words

    assert (
        _in_words("有效期至 2022-12-31 ，自2021-01-01起")
        == "有效期至2022年12月31日，自2021年1月1日起"
    )
    assert "430100-05-2025-000187" in _in_words("《信息索引号：430100-05-2025-000187》")


@pytest.mark.parametrize("half", ["dev", "heldout"])
def test_every_bundled_truth_row_names_a_notice_the_corpus_parses_to(corpus_notices, half):
    # The bundled truth is keyed by notice id: a parser change that moves an id would leave
    # its row unscored (the benchmark would silently read fewer notices).
    truth = Path(__file__).resolve().parents[1] / "eval" / "validity" / f"truth-{half}.jsonl"
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines() if line]
    parsed = {n.notice_id: n for n in corpus_notices}
    lost = [r["title"] for r in rows if r["notice_id"] not in parsed]
    assert lost == []
    assert all(parsed[r["notice_id"]].title == r["title"] for r in rows)


def test_a_document_published_under_the_regulation_it_rests_on_takes_effect_on_its_date():
    # "根据《条例》，…组织制定了《X》，现予发布，自…起施行": the date is X's, which the
    # 公告 publishes; the regulation named after 根据 is only what it rests on.
    own = _read(
        "为加强医疗器械临床使用安全管理，根据《医疗器械监督管理条例》，我委组织制定了"
        "《示例省医疗器械临床使用安全事件报告规范》，现予发布，自2023年9月1日起施行。",
        title="示例省卫生健康委员会关于发布《示例省医疗器械临床使用安全事件报告规范》的公告",
    )
    assert own.effective == "2023-09-01"
    # A date said of another document the clause names is still not this notice's.
    other = _read("《示例省护理管理办法》自2023年9月1日起施行。")
    assert other.effective != "2023-09-01"


NATIONAL_RULES = """国家卫生健康委办公厅关于印发《示例远程诊疗质量监管规范》的通知
国卫办医政发〔2034〕38号
各省、自治区、直辖市卫生健康委：
为加强远程诊疗质量监管，我委组织制定了《示例远程诊疗质量监管规范》。现印发给你们，请认真贯彻执行。
国家卫生健康委办公厅
2034年12月20日
"""
PROVINCE_RULES = """四川省卫生健康委员会关于印发《四川省示例远程诊疗质量监管实施细则》的通知
川卫规〔2035〕6号
各市（州）卫生健康委：
为贯彻落实《国家卫生健康委办公厅关于印发〈示例远程诊疗质量监管规范〉的通知》（国卫办医政发〔2034〕38号），我委制定了《四川省示例远程诊疗质量监管实施细则》，现印发给你们，请认真贯彻执行。
四川省卫生健康委员会
2035年1月20日
"""
CITY_RULES = """成都市卫生健康委员会关于做好远程诊疗质量监管工作的通知
成卫发〔2035〕11号
各区（市）县卫生健康局：
按照《四川省示例远程诊疗质量监管实施细则》要求，结合我市实际，现就做好远程诊疗质量监管工作通知如下。
成都市卫生健康委员会
2035年4月2日
"""


def test_implementers_of_a_document_named_by_its_words_include_those_of_its_implementers(
    tmp_path,
):
    # No 文号, no 《》: the question names the national rules by their words; the city that
    # carries out the province's rules is listed after the province.
    docs = {"national.txt": NATIONAL_RULES, "province.txt": PROVINCE_RULES, "city.txt": CITY_RULES}
    answer = ask_over(
        tmp_path,
        docs,
        "国家卫生健康委办公厅印发示例远程诊疗质量监管规范以后，四川省和省内哪些市发文落实了？",
    )
    assert not answer.refused
    cited = [c.doc_number for c in answer.citations]
    assert cited[:2] == ["川卫规〔2035〕6号", "成卫发〔2035〕11号"]
    assert "按照《四川省示例远程诊疗质量监管实施细则》要求" in answer.citations[1].quote


ARTICLE_RULES = """示例市卫生健康委员会关于印发《示例市医疗美容服务管理办法》的通知
示卫发〔2021〕31号
各区卫生健康局：
现将《示例市医疗美容服务管理办法》印发给你们，请遵照执行。
附件
示例市医疗美容服务管理办法
第十七条　医疗美容机构应当公示收费标准。
第十八条　医疗美容机构应当建立术后随访制度，术后7日内至少随访1次。
第十九条　本办法自2021年3月1日起施行。
示例市卫生健康委员会
2021年2月1日
"""
ARTICLE_AMENDMENT = """示例市卫生健康委员会关于修改《示例市医疗美容服务管理办法》第十八条的决定
示卫发〔2024〕12号
各区卫生健康局：
经委主任办公会议研究，决定对《示例市医疗美容服务管理办法》（示卫发〔2021〕31号印发）第十八条作如下修改：
将第十八条修改为：“医疗美容机构应当建立术后随访制度，术后24小时内、7日内和30日内各随访1次。”
本决定自公布之日起施行。
示例市卫生健康委员会
2024年6月16日
"""


def test_an_amended_article_is_quoted_with_the_amendment_that_rewrites_it(tmp_path):
    docs = {"rules.txt": ARTICLE_RULES, "amendment.txt": ARTICLE_AMENDMENT}
    answer = ask_over(tmp_path, docs, "《示例市医疗美容服务管理办法》第十八条现在怎么规定？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "示卫发〔2021〕31号" in first and "已修订" in first
    assert "术后24小时内、7日内和30日内各随访1次" in answer.text
    assert "（修改第十八条）" in answer.text
    assert {c.doc_number for c in answer.citations} == {"示卫发〔2021〕31号", "示卫发〔2024〕12号"}


RULES = """示例省卫生健康委员会关于印发《示例省互联网医院管理办法（试行）》的通知
示卫规〔2021〕3号
各市县卫生健康委：
现将《示例省互联网医院管理办法（试行）》印发给你们，请认真贯彻执行。
第一条　为规范互联网医院管理，制定本办法。
第二条　本办法自2021年6月1日起施行。
示例省卫生健康委员会
2021年5月23日
"""

GUIDES = (
    (
        "示例省卫生健康委员会关于印发《示例省远程医疗中心事前监管指南（第一版）》"
        "《示例省互联网医院事前监管指南（第一版）》的通知\n"
    )
    + """示卫医函〔2021〕193号
各市县卫生健康委：
按照《示例省互联网医院管理办法（试行）》（示卫规〔2021〕3号）有关规定，我委制定了《示例省远程医疗中心事前监管指南（第一版）》和《示例省互联网医院事前监管指南（第一版）》，现印发给你们，请遵照执行。
附件：1.示例省远程医疗中心事前监管指南（第一版）
2.示例省互联网医院事前监管指南（第一版）
示例省卫生健康委员会
2021年6月27日
"""
)


def test_what_was_issued_on_the_strength_of_a_document_lists_its_implementers(tmp_path):
    # "依据它…又出了哪两份指南": the notices resting on it, which a cover letter answers by
    # what it issues, though the guides' own text is not in the index.
    answer = ask_over(
        tmp_path,
        {"rules.txt": RULES, "guides.txt": GUIDES},
        "示卫规〔2021〕3号 依据它，后来又出了哪两份事前监管指南？",
    )
    assert not answer.refused
    assert "示卫医函〔2021〕193号" in answer.text
    assert {c.doc_number for c in answer.citations} == {"示卫医函〔2021〕193号"}


@pytest.mark.parametrize(
    ("clause", "effective", "expires"),
    [
        # the document issued, by a short name that keeps its last words and kind
        ("三、《考核办法》自2031年11月10日起施行，有效期两年。", "2031-11-10", "2033-11-09"),
        ("三、《细则》有效期三年，自2031年1月15日起施行。", "2031-01-15", "2034-01-14"),
        # the day said as the date of taking effect
        ("三、《细则》的施行日期为2031年1月12日，有效期为三年。", "2031-01-12", "2034-01-11"),
        # on the day it is issued, said without 之日起
        ("四、本通知印发后即行施行。", "2030-12-20", ""),
        # the work it sets, ending on a day
        (
            "四、本通知自印发之日起施行，各项工作安排执行至2031年12月31日。",
            "2030-12-20",
            "2031-12-31",
        ),
        ("五、本通知自印发之日起生效，有效至2031年6月30日。", "2030-12-20", "2031-06-30"),
        # an item's number before 本通知
        (
            "（五）本通知有效期截至2032年6月30日，自2031年1月15日起施行。",
            "2031-01-15",
            "2032-06-30",
        ),
        # the campaign it sets, named before its tasks or its period
        (
            "四、本通知自印发之日起施行，专项整治各项任务执行至2031年12月31日。",
            "2030-12-20",
            "2031-12-31",
        ),
        (
            "四、本通知印发即执行，行动期限自印发之日起至2031年11月30日止。",
            "2030-12-20",
            "2031-11-30",
        ),
        (
            "五、本通知印发之日起执行，创建工作各项任务的执行期限至2031年5月31日止。",
            "2030-12-20",
            "2031-05-31",
        ),
        # the campaign it runs, ending on a day (截至, 截止, 至…结束, 于…结束, 截止时间为)
        (
            "四、本通知自印发之日起施行，试点扩面工作截至2031年12月31日，届时开展总结评估。",
            "2030-12-20",
            "2031-12-31",
        ),
        ("四、本通知自印发之日起执行，专项行动截止2031年12月31日。", "2030-12-20", "2031-12-31"),
        (
            "四、本通知自印发之日起施行，质量提升行动至2031年12月31日结束。",
            "2030-12-20",
            "2031-12-31",
        ),
        (
            "四、本通知自印发之日起施行，工作任务截止时间为2031年6月30日。",
            "2030-12-20",
            "2031-06-30",
        ),
        # another thing's period is not the notice's own
        ("四、本通知自印发之日起施行，评定结果有效期至2033年1月1日。", "2030-12-20", ""),
    ],
)
def test_a_cover_notice_dates_the_document_it_issues_however_it_names_it(
    clause, effective, expires
):
    kind = "实施细则" if "细则" in clause else "考核办法"
    title = f"某市卫生健康委员会关于印发《某市托育机构卫生保健{kind}》的通知"
    text = (
        f"{title}\n某卫发〔2030〕9号\n各区卫生健康局：\n"
        f"　　现将《某市托育机构卫生保健{kind}》印发给你们，请认真执行。\n　　{clause}\n"
    )
    own = read_validity(_notice(text, "某卫发〔2030〕9号", title, "2030-12-20", "某省"))
    assert (own.effective, own.expires) == (effective, expires)


def test_a_whole_name_a_notice_ends_with_is_the_document_it_carries_out():
    # 某市医疗废物管理条例 ends with the name of the national 《医疗废物管理条例》 it carries
    # out: that is another document, not a short name of its own.
    text = (
        "某市医疗废物管理条例\n第一条　根据《医疗废物管理条例》，结合本市实际，制定本条例。\n"
        "第二十条　本条例自2031年3月1日起施行。\n"
    )
    notice = _notice(text, "", "某市医疗废物管理条例", "2030-12-20", "某省")
    own = read_validity(notice)
    assert own.effective == "2031-03-01"
    assert any("医疗废物管理条例" in r.target for r in own.of_kind("implements"))


def _tried_measures():
    """某省's 出生医学证明管理办法（试行）, tried for two years from 2029-10-15."""
    return _notice(
        "第二条　签发时限为30个工作日。\n第七条　本办法自2029年10月15日起试行，试行期二年。\n",
        "某卫妇幼发〔2029〕4号",
        "某省卫生健康委员会关于印发某省出生医学证明管理办法（试行）的通知",
        "2029-09-01",
        "某省",
    )


def test_a_supplement_and_a_change_of_what_has_been_tried_amend_their_document():
    # 关于《X》的补充通知 adds to X; "《X（试行）》（文号）试行以来…。…决定对该办法部分条款予以
    # 修改" changes X, named as what has been tried, whatever the sentence between cites.
    base = _tried_measures()
    changed = _notice(
        "　　《某省出生医学证明管理办法（试行）》（某卫妇幼发〔2029〕4号）试行以来，签发工作逐步"
        "规范。对照国卫办妇幼发〔2031〕6号文件要求，省卫生健康委决定对该办法部分条款予以修改，"
        "试行期延长至2033年10月14日。\n　　（一）第二条中的“30个工作日”修改为“20个工作日”。\n",
        "某卫妇幼发〔2031〕9号",
        "某省卫生健康委员会关于修改出生医学证明管理办法（试行）并延长试行期的通知",
        "2031-09-20",
        "某省",
    )
    supplement = _notice(
        "　　为落实国卫办医政函〔2031〕20号文件要求，现对贯彻《某省健康体检机构执业管理办法》"
        "（某卫医字〔2030〕44号）补充通知如下：\n　　一、重要异常结果应当在24小时内告知受检者。\n",
        "某卫医字〔2031〕8号",
        "某省卫生健康委员会关于《某省健康体检机构执业管理办法》的补充通知",
        "2031-03-02",
        "某省",
    )
    expected = ((changed, "某卫妇幼发〔2029〕4号"), (supplement, "某卫医字〔2030〕44号"))
    for notice, target in expected:
        amends = read_validity(notice).of_kind("amends")
        assert [r.target_doc_number for r in amends] == [target], notice.title
    index = ValidityIndex([base, changed])
    assert index.status(base.notice_id, "2032-01-01").label == "已修订"


@pytest.mark.parametrize(
    "changing",
    [
        "依据《国家卫生健康委办公厅关于加强出生医学证明管理的通知》（国卫办妇幼发〔2031〕6号），"
        "现对该办法部分条款予以修改，试行期延长至2033年10月14日。",
        "根据《国家卫生健康委办公厅关于加强出生医学证明管理的通知》（国卫办妇幼发〔2031〕6号），"
        "我委对该办法部分条款进行了修改，试行期相应延至2033年10月14日。",
        "为落实《国家卫生健康委办公厅关于加强出生医学证明管理的通知》（国卫办妇幼发〔2031〕6号），"
        "我委对该办法作出修改并增加1条，试行期一并延长至2033年10月14日。",
    ],
)
def test_that_measure_is_the_one_tried_not_the_basis_named_between(changing):
    # "《X（试行）》（文号）实施以来…。依据《Y》（文号），现对该办法…修改": the change is X's,
    # however the sentence says it, and the national notice named as its basis is not
    # amended; a trial extended by the change is amended, not lapsed, when its term is over.
    base = _tried_measures()
    changed = _notice(
        "　　《某省出生医学证明管理办法（试行）》（某卫妇幼发〔2029〕4号）实施以来，签发工作逐步"
        f"规范。{changing}\n　　（一）第二条中的“30个工作日”修改为“20个工作日”。\n",
        "某卫妇幼发〔2031〕9号",
        "某省卫生健康委员会关于修改出生医学证明管理办法（试行）并延长试行期的通知",
        "2031-09-20",
        "某省",
    )
    amends = read_validity(changed).of_kind("amends")
    assert [r.target_doc_number for r in amends] == ["某卫妇幼发〔2029〕4号"]
    index = ValidityIndex([base, changed])
    assert index.status(base.notice_id, "2032-01-01").label == "已修订"


def test_a_supplement_naming_its_document_short_amends_that_document_only():
    # "现对《X管理办法》（文号）补充规定如下：…将《办法》第五条…": 《办法》 is X by its short
    # name, not another document of that name.
    supplement = _notice(
        "　　为落实国卫办医政函〔2031〕20号文件要求，现对《某省健康体检机构执业管理办法》"
        "（某卫医字〔2030〕44号）补充规定如下：\n"
        "　　（一）将《办法》第五条的抽查比例从不低于15%提高至不低于30%。\n"
        "　　（二）《办法》第六条规定的3年内不得申报调整为5年内不得申报。\n",
        "某卫医字〔2031〕8号",
        "某省卫生健康委员会关于《某省健康体检机构执业管理办法》的补充通知",
        "2031-03-02",
        "某省",
    )
    amends = read_validity(supplement).of_kind("amends")
    assert [r.target for r in amends] == ["某卫医字〔2030〕44号"]
