"""The constraint check: an answer never silently substitutes another province, another
year, another document, a sentence without the value asked for, or a cover letter for the
attachment it publishes. The notices below were written for these tests."""

from __future__ import annotations

import pytest

from rag.answer import Answerer
from rag.answer.constraints import (
    Constraints,
    attachment_missing,
    constraints_of,
    holds_document,
    names_document,
    unmet,
    value_head,
)
from rag.answer.constraints.regions import local_own
from rag.answer.records import Answer, Citation
from rag.records import Notice
from rag.retrieve import Retriever
from tests.conftest import ask_over, build_index, index_env, settings_for
from tests.fake_openai import FakeOpenAI

ZHEJIANG = """浙江省卫生健康委员会关于规范互联网医院登记管理的通知
浙卫发〔2031〕7号
各市卫生健康委：
为规范互联网医院登记管理，现就有关事项通知如下。
一、申请设置互联网医院的医疗机构，应当提交设置申请书、可行性研究报告和信息安全等级保护证明。
二、互联网医院的执业登记有效期为5年，期满前30日内申请校验。
三、各地卫生健康行政部门应当在受理申请后20个工作日内作出是否批准的决定。
浙江省卫生健康委员会
2031年3月2日
"""

COVER = """示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知
示卫医发〔2031〕3号
各设区市卫生健康委：
现将《示例省远程会诊服务规范》印发给你们，请结合实际认真贯彻执行。
示例省卫生健康委员会
2031年5月6日
附件：示例省远程会诊服务规范
"""

NATIONAL = """国家卫生健康委办公厅关于加强家庭医生签约服务随访管理的通知
国卫办基层函〔2031〕12号
各省、自治区、直辖市卫生健康委：
家庭医生团队应当对签约的高血压患者每季度至少随访一次，随访内容包括血压测量和用药指导。
对签约的糖尿病患者，家庭医生团队应当每年至少开展一次较全面的健康体检。
国家卫生健康委办公厅
2031年6月1日
"""


CONSULTATION = """示例省药品监督管理局公开征求《关于加强药店歇业管理的意见（征求意见稿）》意见
为规范药品零售经营行为，省药品监督管理局组织起草了《关于加强药店歇业管理的意见（征求意见稿）》（见附件），现公开征求意见，反馈截止时间：2031年6月10日。
示例省药品监督管理局
2031年5月20日
"""

PREMIUM = """示例省医疗保障局关于做好2031年城乡居民医疗保险参保缴费工作的通知
示医保发〔2031〕9号
各市医疗保障局：
一、2031年城乡居民医保人均财政补助标准增加30元，稳步提高个人缴费标准。
二、大病保险起付标准以上部分累加5万元以内的费用，由大病保险资金支付60%。
示例省医疗保障局
2031年8月1日
"""


def _notice(nid: str, title: str, region: str, date: str, text: str = "") -> Notice:
    return Notice(nid, "", title, "", region, date, "", "", (), "t.txt", text or title)


def _cite(nid: str, quote: str) -> Citation:
    return Citation(1, "", "", "", "", "t.txt", quote, nid, f"{nid}-0", 0, len(quote))


def _checked(notices: dict[str, Notice], nid: str, quote: str, question: str) -> Answer:
    """The constraint check of an answer quoting ``quote`` of notice ``nid``."""
    from rag.answer.checking import AnswerCheck

    answer = Answer(question, question, f"{quote}[1]", [_cite(nid, quote)], False, "", [])
    return AnswerCheck(notices).checked(question, answer, [])


# -- reading a question ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "places", "years", "titles", "values"),
    [
        ("江苏省互联网医院登记要提交什么材料？", ("江苏",), None, (), ()),
        ("杭州市的互联网医院执业登记有效期几年？", ("浙江",), None, (), ("duration",)),
        ("国家和湖北省分别怎么规定的？", ("湖北",), None, (), ()),
        ("2024—2025年的行动方案有哪些任务？", (), (2024, 2025), (), ()),
        ("2022年版的方案什么时候印发的？", (), (2022, 2022), (), ("date",)),
        ("《药品管理法》第十条说了什么？", (), None, ("药品管理法",), ()),
        ("家庭医生签约服务费每人每年多少元？", (), None, (), ("money",)),
        ("远程会诊规范从哪几个方面提出要求？", (), None, (), ()),
        # A share asked of what it is of: 率 / 幅度 / 比例 before 多少.
        ("企业所得税应税所得率统一按多少计算？", (), None, (), ("percent",)),
        ("中选药品的平均降价幅度是多少？", (), None, (), ("percent",)),
        # "费用按多少比例报销" asks a share of the cost, not an amount of money.
        ("门诊慢特病费用按多少比例报销？", (), None, (), ("percent",)),
        ("大病保险的起付标准具体是多少元？", (), None, (), ("money",)),
        # An amount named by 额 (保额), not a quota (名额) nor a share (份额).
        ("统一购买的意外伤害保险每人保额是多少？", (), None, (), ("money",)),
        ("每个监测点的培训名额是多少？", (), None, (), ()),
        # A value inside a yes-or-no question asks whether, not how much.
        ("医保会不会限制一张处方开多少药、花多少钱？", (), None, (), ()),
        # 几 after a list is "these several"; 哪几天 asks for dates, not a length of time.
        ("甲、乙、丙几家单位征求意见，反馈截止时间分别是哪天？", (), None, (), ("date",)),
        ("征求意见的反馈时间是哪几天？", (), None, (), ()),
        # Working days are a length of time (and not also a count of 个).
        ("执法后多少个工作日内录入系统？", (), None, (), ("duration",)),
        # A city named bare, as askers do, is its province; 朝阳 is also a 北京 district.
        ("我在喀什开澡堂子，卫生许可证多久能拿到？", ("新疆",), None, (), ("duration",)),
        ("南通和杭州的长护险有什么不同？", ("江苏", "浙江"), None, (), ()),
        ("福建的伊蚊监测，福州、厦门有什么要求？", ("福建",), None, (), ()),
        # (朝阳 bare is 北京's district or 辽宁's city; 怀柔 and 延庆 are 北京's districts.)
        ("那朝阳、怀柔和延庆区要完成什么审核？", ("北京",), None, (), ()),
        ("杨浦一家奶茶店的店员健康证丢了怎么补？", ("上海",), None, (), ()),
        # 十几年 tells a length, asking none; 啥时候 asks a date.
        ("跟师傅学了十几年推拿，考核啥时候报名？", (), None, (), ("date",)),
        # 这几年, 近几年: a time referred to; the share asked is the value.
        ("试行这几年，自体输血率从多少涨到了多少？", (), None, (), ("percent",)),
        ("近几年门诊量增长的比例是多少？", (), None, (), ("percent",)),
    ],
)
def test_a_question_says_what_it_pins_down(question, places, years, titles, values):
    c = constraints_of(question)
    assert (c.places, c.years, c.titles, c.values) == (places, years, titles, values)


@pytest.mark.parametrize(
    "question",
    [
        "这份通知是什么时候印发的？",
        "哪个文件要求留观30分钟？",
        "琼卫规〔2031〕3号印发的是什么办法？",
    ],
)
def test_a_question_about_the_notice_itself_is_not_held_to_its_content(question):
    c = constraints_of(question)
    assert c.about_metadata or c.about_notice


# -- checking cited evidence -------------------------------------------------------------------


def test_another_province_or_only_a_national_notice_does_not_meet_a_named_province():
    notices = {
        "zj": _notice("zj", "浙江省关于互联网医院的通知", "浙江", "2031-03-02"),
        "cn": _notice("cn", "国家关于互联网医院的通知", "全国", "2031-01-01"),
    }
    asked = Constraints(places=("江苏",))
    (miss,) = unmet(asked, [_cite("zj", "应当提交设置申请书")], notices)
    assert miss.kind == "place" and "江苏" in miss.message and "浙江" in miss.message
    (miss,) = unmet(asked, [_cite("cn", "应当提交设置申请书")], notices)
    assert "国家层面" in miss.message
    assert unmet(Constraints(places=("浙江",)), [_cite("zj", "应当提交")], notices) == []
    # Unknown metadata is judged by the text: a notice whose region or date was not read
    # meets a place or year its text names, and only then.
    notices["un"] = _notice("un", "关于互联网医院的通知", "", "", "南京市、苏州市2019年起试点。")
    assert unmet(asked, [_cite("un", "应当提交设置申请书")], notices) == []
    assert unmet(Constraints(years=(2019, 2019)), [_cite("un", "应当提交")], notices) == []
    assert [
        m.kind for m in unmet(Constraints(places=("上海",)), [_cite("un", "应当")], notices)
    ] == ["place"]
    # A national notice about the province (its title names it) meets it.
    notices["hb"] = _notice("hb", "关于做好支援湖北省医疗队保障的通知", "全国", "2031-01-01")
    assert unmet(Constraints(places=("湖北",)), [_cite("hb", "医疗队")], notices) == []
    # A quote about the city the question names meets its province ("那篇报道说，南通市…"),
    # and only the city named: another city of the province in a quote does not.
    notices["news"] = _notice("news", "长护险报道", "全国", "2031-05-01")
    asked = constraints_of("那篇报道说，南通市本级财政直接投入了多少钱？")
    assert asked.places == ("江苏",)
    assert unmet(asked, [_cite("news", "南通市本级财政直接投入2.8亿元")], notices) == []
    assert "place" in [
        m.kind for m in unmet(asked, [_cite("news", "苏州市财政投入1亿元")], notices)
    ]


def test_a_year_is_met_by_the_notice_date_title_or_the_quote_not_by_the_topic():
    notices = {"p": _notice("p", "2023年行动方案", "全国", "2023-02-01")}
    assert unmet(Constraints(years=(2023, 2023)), [_cite("p", "开展行动")], notices) == []
    assert unmet(Constraints(years=(2024, 2025)), [_cite("p", "到2025年底覆盖")], notices) == []
    (miss,) = unmet(Constraints(years=(2022, 2022)), [_cite("p", "开展行动")], notices)
    assert miss.kind == "year" and "2022年" in miss.message


def test_a_year_is_met_by_a_year_the_notice_is_known_by():
    # An edition issued in 2020 and in force from 2021 is "2021年开始试行的那版" too.
    notices = {"t": _notice("t", "某省实施办法（试行）", "某省", "2020-11-25")}
    asked = constraints_of("2021年开始试行的那版，一年下去几次？")
    assert [m.kind for m in unmet(asked, [_cite("t", "每年不少于2次")], notices)] == ["year"]
    known = {"t": {"2020", "2021"}}
    assert unmet(asked, [_cite("t", "每年不少于2次")], notices, lambda n: known[n.notice_id]) == []
    # A year said of a change, not of when the document took effect, is not met by the
    # year it took effect.
    asked = constraints_of("2021年修改的那版，一年下去几次？")
    (miss,) = unmet(asked, [_cite("t", "每年不少于2次")], notices, lambda n: known[n.notice_id])
    assert miss.kind == "year"
    # A year it is not known by stays a miss.
    asked = constraints_of("2022年开始试行的那版，一年下去几次？")
    (miss,) = unmet(asked, [_cite("t", "每年不少于2次")], notices, lambda n: known[n.notice_id])
    assert miss.kind == "year" and "2022年" in miss.message


def test_a_named_document_is_met_by_its_title_and_only_noted_when_a_quote_names_it():
    notices = {"law": _notice("law", "中华人民共和国药品管理法", "全国", "2019-08-26")}
    assert unmet(Constraints(titles=("药品管理法",)), [_cite("law", "第十条")], notices) == []
    (miss,) = unmet(Constraints(titles=("疫苗管理法",)), [_cite("law", "自施行")], notices)
    assert miss.kind == "title" and "《疫苗管理法》" in miss.message
    quoting = [_cite("law", "《疫苗管理法》规定，国家实行免疫规划制度。")]
    (miss,) = unmet(Constraints(titles=("疫苗管理法",)), quoting, notices)
    assert miss.kind == "mentioned" and "本身" in miss.message
    # A notice that only rests on it says nothing of what it says: a miss, not a note.
    resting = [_cite("law", "依照《疫苗管理法》，结合本省实际，制定本办法。")]
    (miss,) = unmet(Constraints(titles=("疫苗管理法",)), resting, notices)
    assert miss.kind == "title" and "没有写它的内容" in miss.message
    # Its 文号 or date cannot come from a notice that only names it.
    asked = Constraints(titles=("疫苗管理法",), about_metadata=True)
    assert [m.kind for m in unmet(asked, quoting, notices)] == ["title"]
    # Which document publishes it is answered by the one that names it.
    asked = Constraints(titles=("疫苗管理法",), about_notice=True)
    assert unmet(asked, quoting, notices) == []


def test_a_value_kind_needs_a_quote_holding_such_a_value():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = Constraints(values=("money",))
    (miss,) = unmet(
        asked, [_cite("n", "签约服务费由医保基金、公共卫生经费和居民共同分担。")], notices
    )
    assert miss.kind == "value" and "金额" in miss.message
    assert unmet(asked, [_cite("n", "签约服务费标准为每人每年120元。")], notices) == []
    assert unmet(Constraints(values=("duration",)), [_cite("n", "有效期为5年")], notices) == []


@pytest.mark.parametrize(
    ("question", "kind", "stated", "not_stated"),
    [
        # Everyday units: a 钟头 is an hour, a 课时 a 学时, a 回 a 次, a 块 a 元.
        (
            "碰到疑似甲类传染病，网上直报得在几个钟头里弄完？",
            "duration",
            "发现甲类传染病疑似病人时，应当于2小时内完成网络直报。",
            "责任报告单位应当及时完成网络直报。",
        ),
        (
            "护工上岗前得培训多少个课时？",
            "count",
            "医疗护理员上岗前应当接受不少于150学时的培训。",
            "培训合格证书有效期2年。",
        ),
        (
            "人多的地方走几分钟就要能拿到除颤仪？",
            "duration",
            "应保证在任一区域步行3分钟内可取得AED。",
            "人员密集场所原则上每5000人配置不少于1台。",
        ),
        (
            "核酸检测一次多少块钱？",
            "money",
            "核酸检测价格每次不超过60元。",
            "核酸检测费用由医保支付。",
        ),
        ("一年要抽查几回？", "count", "每年抽查不少于2次。", "抽查结果向社会公布。"),
        # A deduction and a bound are stated by a share or a multiple too.
        (
            "要是考核不合格，补助会扣多少？",
            "money",
            "考核不合格的，扣发当季度岗位补助的30%。",
            "考核不合格的，责令限期整改。",
        ),
        (
            "住院费用超过多少才够得上申报特例单议？",
            "money",
            "住院总费用超过该病组支付标准3倍的，可以申报特例单议。",
            "住院费用由医保基金按病组支付。",
        ),
    ],
)
def test_a_value_asked_in_everyday_units_is_met_by_the_notices_units(
    question, kind, stated, not_stated
):
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of(question)
    assert asked.values == (kind,)
    assert unmet(asked, [_cite("n", stated)], notices) == []
    assert [m.kind for m in unmet(asked, [_cite("n", not_stated)], notices)] == ["value"]


@pytest.mark.parametrize(
    ("question", "kind", "head"),
    [
        ("大病保险的起付标准具体是多少元？", "money", "起付标准"),
        ("企业所得税应税所得率统一按多少计算？", "percent", "应税所得率"),
        ("新生儿个人缴费标准是每人每年多少元？", "money", "个人缴费标准"),
        ("财政给每位乡村医生的养老补助是每月多少元？", "money", "养老补助"),
        ("年底前多大比例的养老机构要达标？", "percent", ""),  # what it is of follows
        ("长期处方最长能开多少天？", "duration", ""),  # a length of time is asked of a verb
        ("河北省的抽查比例分别定了多少？", "percent", "抽查比例"),
        # The rate the asking words open with is what the share is of, not 目标.
        ("示例号对糖尿病患者规范管理率定的目标是多少？", "percent", "规范管理率"),
        # Words saying when, or what may become of it, stand between and name nothing.
        ("那项补助标准目前是多少元？", "money", "补助标准"),
        ("现在报销比例是多少？", "percent", "报销比例"),
        ("考核不合格的，补助会扣多少钱？", "money", "补助"),
        # A place or a time inside the words is checked on its own; a bound is no noun.
        ("浙江和四川现在顺产各给多少钱？", "money", "顺产"),
        ("住院天数、住院费用分别超过多少元才能申报？", "money", "住院费用"),
        # 市里 / 省里 are the government asked of, a place.
        ("国医堂评上市级示范，市里奖多少钱？", "money", ""),
        ("街道做这项工作，省里每年给多少补助？", "money", ""),
        ("绵阳的新生儿做听力初筛，四川省里每例补助多少钱？", "money", "每例补助"),
        # (each one of a thing, however the sentence counts it: 每名学生…最高不超过800元)
        ("补助方案里，每个学生最多补多少钱？", "money", "学生"),
        # Words saying how much or whether one may end the head, also inside a word the
        # segmenter guessed (各能, 能奖); a dictionary word (能力) is no such word.
        ("三个省现在每人每年最多各能补助多少钱？", "money", "补助"),
        ("征集健康科普小视频，拿头奖能奖多少钱？", "money", ""),
        ("基层服务能力达标率要达到多少？", "percent", "能力达标率"),
        # A time said loosely, or words saying the value comes on top of another, name
        # nothing either.
        ("福建的一次性救助金，2031年试行那会儿最多给多少钱？", "money", ""),
        ("市里在省里的补助之外还另外给多少钱？", "money", "补助"),
        # A document named past a verb: the value is asked of what it rules, not of it.
        ("哨点医院采标本，2031年的试行办法要求按多大比例采？", "percent", ""),
        # A document before the words is no part of what the value is of (a follow-up's
        # question carries the conversation's 办法 in), 至少 says how much, and 一年 / 每年
        # how often.
        ("青海医养结合管理办法每年抽查多大比例？", "percent", "抽查"),
        ("那修改以后呢？现在每个月至少点评百分之多少？", "percent", "点评"),
        ("海南那边呢？省里现在一年复核多大比例？", "percent", "复核"),
    ],
)
def test_an_amount_or_share_is_asked_of_the_words_before_it(question, kind, head):
    assert kind in constraints_of(question).values
    assert value_head(question, kind) == head


def test_a_value_asked_of_what_the_conversation_named_is_met_by_its_value():
    # "这个比例" points back at the rate the conversation was about: a quote stating that
    # rate's new value answers, though it never says 这个.
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("后来又发过补充通知，这个比例调成多少了？")
    assert "percent" in asked.values
    stated = "二、将第十四条中的“每年抽查比例不低于20%”修改为“每年抽查比例不低于30%”。"
    assert unmet(asked, [_cite("n", stated)], notices) == []


def test_a_value_must_be_stated_for_what_it_is_of():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    # Its words may stand apart in the clause stating it ("每年抽" in 每年…抽取); an amount
    # goes to whom 给 names, which is no head.
    asked = constraints_of("已经建成的无烟机关，每年抽多大比例复核？")
    apart = "每年对已建成的无烟党政机关抽取不少于20%进行复核。"
    assert unmet(asked, [_cite("n", apart)], notices) == []
    assert value_head("省财政给每个工作室补多少钱？", "money") == ""
    asked = constraints_of("城乡居民医保个人缴费标准是每人每年多少元？")
    # The head named without its amount, beside another thing's amount: not stated.
    quote = "城乡居民医保人均财政补助标准增加30元，稳步提高个人缴费标准。"
    (miss,) = unmet(asked, [_cite("n", quote)], notices)
    assert miss.kind == "value" and "金额" in miss.message and "个人缴费标准" in miss.message
    stated = "城乡居民医保个人缴费标准为每人每年320元。"
    assert unmet(asked, [_cite("n", stated)], notices) == []
    # "起付标准以上部分…5万元": the threshold as a bound of other spending, not its amount.
    asked = constraints_of("大病保险的起付标准具体是多少元？")
    bound = "起付标准以上部分累加5万元以内的费用，由大病保险资金支付60%。"
    assert [m.kind for m in unmet(asked, [_cite("n", bound)], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "大病保险起付标准为1.5万元。")], notices) == []
    # An amount for another thing altogether does not answer.
    asked = constraints_of("财政给每位乡村医生的养老补助是每月多少元？")
    other = "按照每个村卫生室1万—3万元的标准预拨医保费用，用于药品采购周转。"
    assert [m.kind for m in unmet(asked, [_cite("n", other)], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "乡村医生养老补助每人每月300元。")], notices) == []


def test_a_value_after_the_clause_naming_its_head_in_other_words_states_it():
    # "村卫生室那块" is named by the clause 由村卫生室承担的服务任务 (most of its words), and
    # the share follows in the next clause of the sentence, as a value follows a head named
    # outright; a share in another sentence does not.
    notices = {"n": _notice("n", "办法", "河北", "2031-01-01")}
    asked = constraints_of("基本公卫钱里，村卫生室那块至少得占几成？")
    after = "第五条　由村卫生室承担的服务任务，相应资金不低于总经费的40%，按照服务数量和质量核拨。"
    assert unmet(asked, [_cite("n", after)], notices) == []
    apart = "第五条　由村卫生室承担的服务任务，按照服务数量和质量核拨。年度考核优秀率达到40%。"
    assert [m.kind for m in unmet(asked, [_cite("n", apart)], notices)] == ["value"]


def test_an_amount_asked_is_stated_by_a_share_of_a_fund():
    # "预拨多少" is answered by 预拨比例不低于当年资金的70%: a share of the money itself. A
    # share of something else (a coverage rate) states no amount.
    notices = {"n": _notice("n", "办法", "天津", "2031-01-01")}
    asked = constraints_of("各区收到补助资金后预拨多少？")
    share = "各区财政部门收到补助资金后，应当在10个工作日内拨付，预拨比例不低于当年资金的70%。"
    assert unmet(asked, [_cite("n", share)], notices) == []
    asked = constraints_of("每位签约居民补助多少钱？")
    rate = "签约居民补助覆盖率达到70%。"
    assert [m.kind for m in unmet(asked, [_cite("n", rate)], notices)] == ["value"]


def test_what_a_fund_pays_asked_in_no_unit_is_stated_by_its_share():
    # "统筹基金支付多少？" asks how much the fund pays, in no unit: 支付比例不低于60% says it.
    # Asked in 元 or 钱, the share is no answer.
    notices = {"n": _notice("n", "办法", "辽宁", "2031-01-01")}
    share = "第七条　门诊慢特病政策范围内费用的统筹基金支付比例不低于60%。"
    asked = constraints_of("门诊慢特病政策范围内费用统筹基金支付多少？")
    assert unmet(asked, [_cite("n", share)], notices) == []
    for question in ("门诊慢特病费用统筹基金支付多少钱？", "门诊慢特病费用统筹基金支付多少元？"):
        asked = constraints_of(question)
        assert [m.kind for m in unmet(asked, [_cite("n", share)], notices)] == ["value"], question


def test_a_measure_of_something_else_does_not_state_the_measure_asked():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    # 培训覆盖率 shares only the measure (覆盖率) with 筛查覆盖率: another thing's rate.
    asked = constraints_of("养殖、屠宰人员查布病，筛查覆盖率要求达到多少？")
    other = "二级以上医疗机构感染科、呼吸科医务人员培训覆盖率达到100%。"
    assert [m.kind for m in unmet(asked, [_cite("n", other)], notices)] == ["value"]
    stated = "高危人群血清学筛查覆盖率达到90%以上。"
    assert unmet(asked, [_cite("n", stated)], notices) == []
    # 财政补助 for 财政补贴涨了: the word that says whose amount is there, in other wording.
    asked = constraints_of("国家给每个参加城乡居民医保的人的财政补贴涨了多少钱？")
    raised = "城乡居民医保人均财政补助标准增加30元，稳步提高个人缴费标准。"
    assert unmet(asked, [_cite("n", raised)], notices) == []


def test_an_amount_named_by_what_it_is_for_is_asked_for():
    """多少财政资金, 多少奖补资金, 多少治疗费用: an amount, with what it is for between."""
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    for question in (
        "示例工程给每个建设项目安排多少财政资金？",
        "每家机构能拿到多少奖补资金？",
        "每名患者每年最多能报销多少治疗费用？",
    ):
        asked = constraints_of(question)
        assert asked.values == ("money",), question
        none = "通过以奖代补等形式引导和帮助机构配置消防设施。"
        assert [m.kind for m in unmet(asked, [_cite("n", none)], notices)] == ["value"]
        assert unmet(asked, [_cite("n", "每个项目补助200万元。")], notices) == []


def test_a_fine_is_asked_of_the_fine_not_of_what_it_is_for():
    """ "劝了不听要罚多少钱": the amount is the fine's; a clause naming the offence in other
    words and the fine in Chinese numerals answers it, a sentence with no amount does not."""
    notices = {"n": _notice("n", "条例", "山东", "2031-01-01")}
    question = "示例市控烟条例里，在医院里抽烟劝了不听要罚多少钱？"
    assert value_head(question, "money") == ""
    asked = constraints_of(question)
    fine = (
        "违反本条例规定，在禁止吸烟场所吸烟且不听劝阻的，由卫生健康主管部门责令改正，"
        "处五十元以上二百元以下罚款。"
    )
    assert unmet(asked, [_cite("n", fine)], notices) == []
    no_amount = "在禁止吸烟场所吸烟且不听劝阻的，由卫生健康主管部门依法处理。"
    assert [m.kind for m in unmet(asked, [_cite("n", no_amount)], notices)] == ["value"]
    # A fine suffered in a condition is not one imposed: "受到1000元以下罚款处罚的，记2分"
    # does not say what is fined after 12 points.
    asked = constraints_of("示例记分办法里，医疗机构被记满12分以后要罚款多少钱？")
    suffered = "受到警告、1000元以下（含1000元）罚款处罚的，记2分。"
    assert [m.kind for m in unmet(asked, [_cite("n", suffered)], notices)] == ["value"]


def test_a_count_needs_the_counting_word_asked():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("巡查组一般由多少名成员组成？")
    other = "三级综合医院巡查时间原则上不少于7天。"
    assert [m.kind for m in unmet(asked, [_cite("n", other)], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "巡查组由5至7人组成。")], notices) == []
    # "几个部门" is answered by "8部门".
    asked = constraints_of("是几个部门联合制定的方案？")
    assert unmet(asked, [_cite("n", "自治区卫生健康委等8部门联合制定了方案。")], notices) == []
    # "几个人" by "2人以上"; "多少县" by a share of the counties.
    asked = constraints_of("每组检查专家至少几个人？")
    assert unmet(asked, [_cite("n", "每组专家2人以上，至少1名病案管理专家。")], notices) == []
    asked = constraints_of("到2035年全国多少县要建成医共体？")
    assert unmet(asked, [_cite("n", "力争全国90%以上的县基本建成医共体。")], notices) == []
    # A bare 几个 counts what was named before it, in whatever classifier the notice writes.
    asked = constraints_of("乡卫生院建国医堂，中医大夫最少得配几个？")
    assert unmet(asked, [_cite("n", "国医堂应当配备中医类别医师不少于2名。")], notices) == []
    assert [m.kind for m in unmet(asked, [_cite("n", "国医堂设在门诊楼一层。")], notices)] == [
        "value"
    ]
    assert [
        m.kind for m in unmet(asked, [_cite("n", "县域医共体建设取得明显进展。")], notices)
    ] == ["value"]
    # "几个试验项目" is counted in the classifier its last word opens with (项目 → 10项).
    asked = constraints_of("主要研究者同时最多能挂几个试验项目？")
    assert unmet(asked, [_cite("n", "主要研究者同期主持的药物临床试验不超过10项。")], notices) == []
    other = "主要研究者应当具有高级职称。"
    assert [m.kind for m in unmet(asked, [_cite("n", other)], notices)] == ["value"]


def test_an_amount_paid_in_is_asked_of_nothing_and_a_word_opening_with_a_unit_counts_nothing():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    # Before a verb of paying in stands who pays ("老人一年自己交多少钱"), not what the
    # amount is of: any amount quoted answers it.
    for question, quote in (
        ("示例区的长护险，老人一年自己交多少钱？", "每年只需交90元，政府补贴90元。"),
        ("抗体检测每项最多收多少钱？", "抗体测定项目价格不超过25元 / 项。"),
        # 自己出 is paying in too: the deductible one pays before the fund does.
        ("看慢性病门诊，一年得先自己出多少钱才开始报？", "门诊慢特病起付标准为每年300元。"),
    ):
        assert value_head(question, "money") == ""
        asked = constraints_of(question)
        assert unmet(asked, [_cite("n", quote)], notices) == []
        assert [m.kind for m in unmet(asked, [_cite("n", "政府给予补贴。")], notices)] == ["value"]
    # Another payer's share named (医保基金出多少) is asked of that payer: the asker's own
    # share does not answer it.
    asked = constraints_of("签约服务费每人每年120元，其中医保基金具体出多少钱？")
    own_share = "由医保基金、公共卫生经费和居民个人分担，其中居民个人每人每年负担12元。"
    assert [m.kind for m in unmet(asked, [_cite("n", own_share)], notices)] == ["value"]
    # … but only an amount said of paying: what the government adds is not what one pays.
    asked = constraints_of("新生儿参加城乡居民医保，个人每年要交多少钱？")
    subsidy = "城乡居民医保人均财政补助标准增加30元，稳步提高个人缴费标准。"
    assert [m.kind for m in unmet(asked, [_cite("n", subsidy)], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "个人缴费标准为每人每年280元。")], notices) == []
    # "多少支付待遇": 支 opens 支付, it counts nothing; 几个专家 are counted in 人.
    assert constraints_of("每人每月能享受多少支付待遇？").values == ()
    asked = constraints_of("每组一般来几个专家？")
    assert unmet(asked, [_cite("n", "每组专家2人以上。")], notices) == []
    assert [m.kind for m in unmet(asked, [_cite("n", "每组配置2台设备。")], notices)] == ["value"]
    # … and so are people named after a modifier: 几个经过培训的工作人员.
    asked = constraints_of("每台AED要有几个经过培训的工作人员？")
    quote = "每台AED有不少于6名经培训合格的工作人员。"
    assert unmet(asked, [_cite("n", quote)], notices) == []


def test_an_edition_year_in_the_title_is_the_year_of_the_document_asked():
    # Issued in 2020, the notice publishes the 2019 list: asked for the 2020 list, it is
    # another edition.
    notices = {
        "tj": _notice("tj", "关于印发2019年示例市短缺药品清单的通知", "天津", "2020-05-19"),
        "tj20": _notice("tj20", "关于印发2020年示例市短缺药品清单的通知", "天津", "2021-05-10"),
    }
    asked = constraints_of("2020年示例市短缺药品清单是会同哪些部门形成的？")
    quote = "我委会同发展改革等部门形成了清单。"
    assert [m.kind for m in unmet(asked, [_cite("tj", quote)], notices)] == ["year"]
    assert unmet(asked, [_cite("tj20", quote)], notices) == []


def test_an_amount_named_after_the_asking_words_is_asked():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("市财政每年给每个区域医联体安排多少经费？")
    assert asked.values == ("money",)
    assert [m.kind for m in unmet(asked, [_cite("n", "市财政给予支持。")], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "每个区域医联体每年安排200万元。")], notices) == []


def test_a_national_list_naming_cities_of_the_province_meets_it():
    notices = {"cn": _notice("cn", "国务院关于设立试验区的批复", "全国", "2031-04-27")}
    asked = constraints_of("新设的试验区里，江苏省有哪几个城市？")
    listing = "同意在大同市、常州市、连云港市、宿迁市、湖州市设立试验区。"
    assert unmet(asked, [_cite("cn", listing)], notices) == []
    # One city of the province in passing is no list of its places.
    single = "同意在大同市、常州市、湖州市设立试验区。"
    assert [m.kind for m in unmet(asked, [_cite("cn", single)], notices)] == ["place"]
    # … unless one city is what is asked for.
    one = constraints_of("新设的试验区里，江苏省的是哪个城市？")
    assert unmet(one, [_cite("cn", single)], notices) == []


def test_a_year_naming_the_document_is_not_met_by_a_quote_mentioning_the_year():
    notices = {"p": _notice("p", "示例省卫生应急工作要点", "示例", "2030-03-01")}
    asked = constraints_of("示例省2031年卫生应急工作要点要求开展几次演练？")
    quote = [_cite("p", "到2031年底，每年开展2次综合演练。")]
    assert [m.kind for m in unmet(asked, quote, notices)] == ["year"]
    # Without a document named by it, a year in the quote will do.
    asked = constraints_of("示例省到2031年每年开展几次演练？")
    assert unmet(asked, quote, notices) == []
    # A quote naming a document of that year ("2029年印发的《…》") meets it.
    asked = constraints_of("2029年那份应急预案的通知现在还有效吗？")
    named = [_cite("p", "2029年印发的《示例省卫生应急预案》同时废止。")]
    assert unmet(asked, named, notices) == []


def test_how_often_is_met_by_a_frequency_and_when_by_a_time_set_elsewhere():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    often = constraints_of("牵头医院多久上报一次数据信息？")
    assert unmet(often, [_cite("n", "牵头医院按季度上报数据信息。")], notices) == []
    assert unmet(often, [_cite("n", "秘书处每月通报任务进展。")], notices) == []
    assert [
        m.kind for m in unmet(often, [_cite("n", "牵头医院要及时上报数据信息。")], notices)
    ] == ["value"]
    when = constraints_of("疾控机构用财政资金采购的试剂，货款什么时候结算？")
    assert unmet(when, [_cite("n", "使用财政资金采购的，按合同约定的时间结算。")], notices) == []
    # A date named by the event that sets it answers "哪天".
    dated = constraints_of("持有人自行修改说明书的，修订日期该写哪天？")
    quote = "持有人可依据批准信息自行修改说明书，修订日期应为批件的核准日期。"
    assert unmet(dated, [_cite("n", quote)], notices) == []
    assert [m.kind for m in unmet(dated, [_cite("n", "持有人可自行修改说明书。")], notices)] == [
        "value"
    ]


def test_a_doc_number_and_the_public_name_no_issuer():
    asked = constraints_of("示卫医发〔2031〕39号要求实地巡查开始前向社会公布哪些信息？")
    assert asked.issuers == ()
    # "山东、河北两省药监局关于…": the bodies of the places listed, counted — none alone.
    asked = constraints_of("山东、黑龙江、河北三省药监局关于药品说明书的通知各是哪天成文的？")
    assert asked.issuers == ()


def test_a_title_the_question_uses_inside_a_measure_the_quote_states_is_met():
    notices = {"n": _notice("n", "示例省健康行动实施意见", "示例", "2031-01-01")}
    quote = "到2032年，城乡居民达到《国民体质测定标准》合格以上的人数比例不少于90%。"
    asked = constraints_of("示例省对《国民体质测定标准》合格以上人数比例定了什么目标？")
    assert [m.kind for m in unmet(asked, [_cite("n", quote)], notices)] == ["mentioned"]
    # Asked about the document itself, it is not in the index.
    asked = constraints_of("《国民体质测定标准》把体质分为哪几个等级？")
    assert [m.kind for m in unmet(asked, [_cite("n", quote)], notices)] == ["title"]


def test_a_date_is_no_duration():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = Constraints(values=("duration",))
    dated = [_cite("n", "现公开征求意见，反馈截止时间：2031年6月10日。")]
    assert [m.kind for m in unmet(asked, dated, notices)] == ["value"]
    assert unmet(asked, [_cite("n", "歇业超过3个月的，应当报告。")], notices) == []


def test_a_call_for_comments_stands_in_for_its_draft_like_a_cover_letter():
    title = "示例省药品监督管理局公开征求《关于加强药店歇业管理的意见（征求意见稿）》意见"
    call = _notice("c", title, "示例", "2031-05-20", CONSULTATION)
    assert attachment_missing(call) == "《关于加强药店歇业管理的意见（征求意见稿）》"
    quote = CONSULTATION.splitlines()[1]
    # What the draft says is not in the letter ...
    asked = constraints_of("示例省关于药店歇业管理的意见规定歇业多久要报告？")
    kinds = [m.kind for m in unmet(asked, [_cite("c", quote)], {"c": call})]
    assert "attachment" in kinds
    # ... where comments go and by when is.
    asked = constraints_of("示例省药监局就药店歇业管理意见征求意见，反馈截止到哪天？")
    assert unmet(asked, [_cite("c", quote)], {"c": call}) == []


def test_a_hand_over_sentence_naming_the_topic_does_not_answer_what_the_attachment_says():
    cover = _notice(
        "c", "示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知", "示例", "", COVER
    )
    quote = "现将《示例省远程会诊服务规范》印发给你们，请切实做到会诊“三及时”。"
    asked = constraints_of("示例省要求远程会诊做到的“三及时”具体是哪三个方面？")
    (miss,) = unmet(asked, [_cite("c", quote)], {"c": cover})
    assert miss.kind == "attachment" and "正文未收录" in miss.message


PLAN = """示例省卫生健康委员会关于开展二级医院考核工作的通知
示卫医发〔2031〕8号
各设区市卫生健康委：
一、工作目标
2031年，全省45家二级医院纳入年度考核范围（名单见附件2）。到2033年，建立较为完善的考核制度。
二、申报
近期，我委将组织开展考核医院申报和确认工作，具体申报材料及确认流程详见附件3。
对考核结果有异议的，可在收到《考核结果通知书》之日起5个工作日内申请复核。
三、项目
首批考核项目为门诊质量、住院质量、病案质量等项目（见附件1）。
示例省卫生健康委员会
2031年5月6日
附件：1. 考核项目目录
      2. 纳入考核的医院名单
      3. 考核医院申报相关事项
      4. 考核结果通知书
      5. 示例省二级医院考核重点任务分工
"""


def test_an_attachment_the_notice_only_lists_does_not_answer_what_it_holds():
    plan = _notice("p", "示例省卫生健康委员会关于开展二级医院考核工作的通知", "示例", "", PLAN)
    notices = {"p": plan}
    body = "2031年，全省45家二级医院纳入年度考核范围（名单见附件2）。"
    # Named by the question: the table of tasks is not in the index.
    asked = constraints_of("示例省二级医院考核重点任务分工表把病案质量的任务分给了谁来牵头？")
    (miss,) = unmet(asked, [_cite("p", body)], notices)
    assert miss.kind == "attachment" and "重点任务分工" in miss.message
    # An attachment the notice's own text speaks of is asked about through that text.
    asked = constraints_of("示例省医院对考核结果通知书有异议，要在多长时间内申请复核？")
    told = "对考核结果有异议的，可在收到《考核结果通知书》之日起5个工作日内申请复核。"
    assert unmet(asked, [_cite("p", told)], notices) == []
    # Left to an attachment by the sentence that best matches the question.
    asked = constraints_of("示例省纳入年度考核的45家二级医院具体是哪些？")
    (miss,) = unmet(asked, [_cite("p", body)], notices)
    assert miss.kind == "attachment" and "附件2" in miss.message
    # Or by a sentence naming what the question asks for, quoted or not.
    asked = constraints_of("示例省考核医院申报要准备哪些申报材料？确认流程怎么走？")
    other = "2031年，全省45家二级医院纳入年度考核范围。"
    assert [m.kind for m in unmet(asked, [_cite("p", other)], notices)] == ["attachment"]
    # How many is answered by the sentence itself.
    asked = constraints_of("示例省有多少家二级医院纳入年度考核？")
    assert unmet(asked, [_cite("p", body)], notices) == []
    # A sentence listing the items itself answers which ones.
    asked = constraints_of("示例省首批考核项目有哪些？")
    listed = "首批考核项目为门诊质量、住院质量、病案质量等项目（见附件1）。"
    assert unmet(asked, [_cite("p", listed)], notices) == []
    # What the attachments are is in the notice.
    asked = constraints_of("示例省这份考核通知有哪些附件？")
    assert unmet(asked, [_cite("p", body)], notices) == []


def test_a_doc_number_only_cited_by_another_notice_is_a_miss():
    notices = {"p": _notice("p", "示例省转发国家通知的通知", "示例", "2031-02-01")}
    asked = constraints_of("国卫基层函〔2030〕5号对签约服务包有什么要求？")
    handed = "现将《国家卫生健康委关于做好签约服务的通知》（国卫基层函〔2030〕5号）转发给你们。"
    (miss,) = unmet(asked, [_cite("p", handed)], notices)
    assert miss.kind == "title" and "国卫基层函〔2030〕5号" in miss.message
    # "根据《X》要求，我省决定…" rests on it, whatever verb follows the name.
    rests = "根据《关于做好签约服务的通知》（国卫基层函〔2030〕5号）要求，我省决定试点。"
    assert [m.kind for m in unmet(asked, [_cite("p", rests)], notices)] == ["title"]
    # Which notices carry it out is told by the ones resting on it.
    carried = constraints_of("哪些地方出台了落实国卫基层函〔2030〕5号的文件？")
    assert unmet(carried, [_cite("p", rests)], notices) == []
    told = "《国家卫生健康委关于做好签约服务的通知》（国卫基层函〔2030〕5号）明确，服务包分为两类。"
    assert unmet(asked, [_cite("p", told)], notices) == []


def test_a_cover_letter_without_its_attachment_is_told_apart_from_one_with_it():
    cover = _notice(
        "c", "示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知", "示例", "", COVER
    )
    assert attachment_missing(cover) == "《示例省远程会诊服务规范》"
    full = COVER + "".join(
        f"第{i}条 远程会诊应当由具备资质的医师在规定平台上完成并留存记录{i}。\n"
        for i in range(1, 6)
    )
    assert attachment_missing(_notice("f", cover.title, "示例", "", full)) == ""
    quote = "现将《示例省远程会诊服务规范》印发给你们，请结合实际认真贯彻执行。"
    (miss,) = unmet(Constraints(), [_cite("c", quote)], {"c": cover})
    assert miss.kind == "attachment" and "正文未收录" in miss.message
    # The cover letter itself answers who adopted the attachment and when.
    adopted = "《示例省远程会诊服务规范》已经委主任会议审议通过，现印发给你们，请遵照执行。"
    asked = constraints_of("示卫医发〔2031〕3号印发的规范经什么会议审议通过？")
    assert unmet(asked, [_cite("c", adopted)], {"c": cover}) == []
    # A preamble naming the topic does not answer what the attachment itself says.
    asked = constraints_of("《示例省远程会诊服务规范》规定会诊申请要在几天内答复？会议怎么开？")
    assert [m.kind for m in unmet(asked, [_cite("c", adopted)], {"c": cover})] == [
        "value",
        "attachment",
    ]
    # A letter with items of its own whose list of attachments names the document it
    # publishes, without that document's text, still stands in for a missing attachment;
    # without the list it is read as holding what it publishes.
    items = "".join(
        f"{n}、各市应当于2031年{i}月底前完成第{i}批会诊平台接入工作并报送进展。\n"
        for i, n in ((3, "一"), (6, "二"), (9, "三"))
    )
    own = COVER.replace("认真贯彻执行。\n", "认真贯彻执行。\n" + items)
    assert own != COVER
    assert (
        attachment_missing(_notice("l", cover.title, "示例", "", own))
        == "《示例省远程会诊服务规范》"
    )
    unlisted = own.replace("附件：示例省远程会诊服务规范\n", "")
    assert attachment_missing(_notice("u", cover.title, "示例", "", unlisted)) == ""


def test_a_letter_that_drew_up_its_attachment_and_lists_it_without_its_text_stands_in_for_it():
    # "我委制定了《X》，有关事项通知如下" hands nothing over in so many words; its list of
    # attachments names X, and no text of X follows: asked what X's 检查表 holds, the letter's
    # own items (who is checked, how often) do not answer.
    text = (
        "示例市某区卫生健康委员会关于印发《某区医疗技术督导检查办法》的通知\n"
        "某卫健〔2031〕17号\n"
        "区属各医疗机构：\n"
        "针对部分医疗机构技术准入把关不严等问题，我委制定了《某区医疗技术督导检查办法》，"
        "有关事项通知如下：\n"
        "一、辖区11家二级以上医疗机构全部纳入督导检查范围，每半年开展1次现场督导。\n"
        "二、督导发现问题的，被督导单位应当在20个工作日内整改完毕。\n"
        "三、《督导办法》有效期三年，自2031年12月8日起施行。\n"
        "附件：某区医疗技术督导检查办法\n"
        "示例市某区卫生健康委员会\n"
        "2031年10月28日\n"
    )
    letter = _notice("c", text.splitlines()[0], "示例", "2031-10-28", text)
    assert attachment_missing(letter) == "《某区医疗技术督导检查办法》"
    asked = constraints_of("《某区医疗技术督导检查办法》的督导检查表有哪些项目？每项怎么扣分？")
    quote = "一、辖区11家二级以上医疗机构全部纳入督导检查范围，每半年开展1次现场督导。"
    assert "attachment" in [m.kind for m in unmet(asked, [_cite("c", quote)], {"c": letter})]


def test_the_sentence_handing_an_attachment_over_does_not_say_what_it_holds():
    # "针对…巡诊记录不完整等问题，我委制定了《X》，随文印发" names what X is about; asked how
    # many points X gives the 巡诊记录, it answers nothing of X.
    text = COVER.replace(
        "现将《示例省远程会诊服务规范》印发给你们，请结合实际认真贯彻执行。",
        "针对会诊记录不完整、会诊结果反馈不及时等问题，我委制定了《示例省远程会诊服务规范》，"
        "随文印发。\n一、全省二级以上医院全部纳入考核，每半年考核1次。\n"
        "二、考核结果通报后，被考核单位应当在10个工作日内完成整改。\n"
        "三、本通知自印发之日起施行。",
    )
    letter = _notice("c", COVER.splitlines()[0], "示例", "2031-05-06", text)
    asked = constraints_of("《示例省远程会诊服务规范》里会诊记录这一项占多少分？考核结果怎么运用？")
    handed = (
        "针对会诊记录不完整、会诊结果反馈不及时等问题，我委制定了《示例省远程会诊服务规范》，"
        "随文印发。"
    )
    own = "二、考核结果通报后，被考核单位应当在10个工作日内完成整改。"
    kinds = [m.kind for m in unmet(asked, [_cite("c", handed), _cite("c", own)], {"c": letter})]
    assert "attachment" in kinds


def test_a_share_left_to_another_body_to_set_is_not_stated_by_another_share():
    # "用于薪酬支出的具体比例由各省份结合实际确定": the notice sets no share for 薪酬; the 50%
    # of another sentence is the share of something else.
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("留用资金用于医务人员薪酬的比例至少是多少？")
    left = "留用资金主要用于医务人员薪酬支出，用于薪酬支出的具体比例由各省份结合实际确定。"
    other = "医疗机构完成约定采购量的，按照不低于结余资金50%的比例核定留用资金。"
    kinds = [m.kind for m in unmet(asked, [_cite("n", left), _cite("n", other)], notices)]
    assert kinds == ["value"]
    stated = "用于薪酬支出的比例不低于60%，具体由各省份确定。"
    assert unmet(asked, [_cite("n", stated)], notices) == []


def test_what_a_value_is_asked_of_in_words_no_passage_holds_is_the_askers_own():
    # "来回的车费能补多少？": no notice says 车费; the 交通补助 of the quote is what is asked.
    # Over an index that does hold 车费, the quote must name it.
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("去镇上的康复站做康复，来回的车费能补多少？")
    quote = "答：患者到站康复的交通补助由每人次10元提高到15元。"
    index = ("康复站", "交通补助", "患者", "康复")
    assert unmet(asked, [_cite("n", quote)], notices, held=lambda w: w in index) == []
    kinds = [m.kind for m in unmet(asked, [_cite("n", quote)], notices, held=lambda w: True)]
    assert kinds == ["value"]
    # (what is taken off a subsidy, asked as 扣掉多少, is a share of the subsidy)
    asked = constraints_of("年底考核没通过，当年的补助会扣掉多少？")
    quote = "二、年度考核不合格的，扣减当年岗位补助的50%。"
    assert unmet(asked, [_cite("n", quote)], notices) == []


def test_each_length_of_time_asked_is_no_count_too():
    # "几个工作日内…、多少个工作日内…": both ask lengths of time; the second is no count of 个
    # that "2个工作日" would have to state.
    asked = constraints_of("企业提出异议后，省局要在几个工作日内填报系统、多少个工作日内调查核实？")
    assert asked.values == ("duration",)
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    quote = "省局应当在2个工作日内填报系统，并在10个工作日内完成调查核实。"
    assert unmet(asked, [_cite("n", quote)], notices) == []


@pytest.mark.parametrize(
    ("question", "kind", "stated", "not_stated"),
    [
        # A number of days counted in 个 is a length, not a count of the things asked.
        (
            "每个省份要设几家新生儿疾病筛查中心？",
            "count",
            "每个省份设置2家新生儿疾病筛查中心。",
            "筛查中心应当在3个工作日内通知监护人复查。",
        ),
        # A 几 before a further ask listed with 、 asks too ("几年执业经历、什么职称").
        (
            "项目负责人要有几年执业经历、什么职称？",
            "duration",
            "项目负责人应当具有5年以上执业经历和副高级以上职称。",
            "项目负责人的执业年限和职称要求，由省级卫生健康行政部门确定。",
        ),
        # How often, told as the interval between two readings.
        (
            "温度数据多长时间采集一次？",
            "duration",
            "温度数据采集间隔不超过10分钟。",
            "温度数据应当保存不少于2年。",
        ),
        # A share asked as what a thing 占到: 占比 states it.
        (
            "基本药物的品种起码要占到几成？",
            "percent",
            "基层医疗卫生机构基本药物配备品种占比不低于92%。",
            "基层医疗卫生机构应当优先配备使用基本药物。",
        ),
    ],
)
def test_a_value_is_told_apart_from_one_of_another_kind(question, kind, stated, not_stated):
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of(question)
    assert kind in asked.values
    assert unmet(asked, [_cite("n", stated)], notices) == []
    assert [m.kind for m in unmet(asked, [_cite("n", not_stated)], notices)] == ["value"]


# -- through the Answerer ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def answerer(tmp_path_factory):
    root = tmp_path_factory.mktemp("constraints")
    docs = root / "docs"
    docs.mkdir()
    (docs / "zhejiang.txt").write_text(ZHEJIANG, encoding="utf-8")
    (docs / "cover.txt").write_text(COVER, encoding="utf-8")
    (docs / "national.txt").write_text(NATIONAL, encoding="utf-8")
    (docs / "consultation.txt").write_text(CONSULTATION, encoding="utf-8")
    (docs / "premium.txt").write_text(PREMIUM, encoding="utf-8")
    env = index_env(root)
    build_index(env, docs)
    settings = settings_for(env, refusal_threshold=0.0)
    return Answerer(Retriever.open(settings=settings), settings)


def test_the_named_province_is_answered(answerer):
    answer = answerer.ask("浙江省申请设置互联网医院要提交哪些材料？")
    assert not answer.refused and not answer.unmet
    assert "设置申请书" in answer.text


def test_another_province_is_refused_with_the_nearest_evidence_labelled(answerer):
    answer = answerer.ask("江苏省申请设置互联网医院要提交哪些材料？")
    assert answer.refused
    assert [u["kind"] for u in answer.unmet] == ["place"]
    assert "库中没有江苏的此类通知" in answer.text and "浙江" in answer.text
    assert "仅供参考" in answer.text and answer.closest
    # The nearest evidence keeps verified citations to what was retrieved.
    retrieved = {h.chunk.chunk_id for h in answer.hits}
    assert answer.citations and all(c.chunk_id in retrieved for c in answer.citations)


def test_another_year_is_refused(answerer):
    answer = answerer.ask("2029年互联网医院执业登记有效期是几年？")
    assert answer.refused and "2029年" in answer.text


def test_a_sentence_on_the_topic_without_the_number_is_refused(answerer):
    answer = answerer.ask("家庭医生签约服务费每人每年多少元？")
    assert answer.refused
    assert any(u["kind"] == "value" for u in answer.unmet)


def test_a_sentence_naming_the_thing_asked_without_its_amount_is_refused(answerer):
    answer = answerer.ask("示例省城乡居民医保个人缴费标准是每人每年多少元？")
    assert answer.refused and any(u["kind"] == "value" for u in answer.unmet), answer.text
    assert "所引通知没有写明所问的金额（个人缴费标准）" in answer.text
    # The nearest evidence stays, quoted verbatim, below the refusal.
    assert "稳步提高个人缴费标准" in answer.text and "仅供参考" in answer.text


def test_the_draft_of_a_call_for_comments_is_not_passed_off_by_the_call(answerer):
    answer = answerer.ask("示例省关于加强药店歇业管理的意见规定，药店歇业超过多长时间要报告？")
    assert answer.refused, answer.text
    assert "正文未收录" in answer.text
    deadline = answerer.ask("示例省药监局就药店歇业管理的意见征求意见，反馈截止到哪天？")
    assert not deadline.refused and "2031年6月10日" in deadline.text


def test_the_cover_letter_is_not_passed_off_as_its_attachment(answerer):
    answer = answerer.ask("《示例省远程会诊服务规范》对会诊医师有什么要求？")
    assert answer.refused
    assert any(u["kind"] == "attachment" for u in answer.unmet), answer.text
    assert "附件《示例省远程会诊服务规范》的正文未收录" in answer.text


def test_an_llm_answering_from_the_wrong_province_is_caught(answerer):
    sentence = (
        "一、申请设置互联网医院的医疗机构，"
        "应当提交设置申请书、可行性研究报告和信息安全等级保护证明。"
    )
    hits = answerer.retriever.search("江苏省申请设置互联网医院要提交哪些材料？", k=5).hits
    n = next(i for i, h in enumerate(hits, 1) if sentence in h.chunk.text)
    with FakeOpenAI() as fake:
        fake.replies = [
            {"content": f"江苏省要求提交设置申请书[{n}]。\n引用：\n[{n}]「{sentence}」"}
        ]
        llm = answerer.settings.model_copy(
            update={"llm_base_url": fake.base_url, "llm_model": "fake-qwen"}
        )
        answer = Answerer(answerer.retriever, llm).ask("江苏省申请设置互联网医院要提交哪些材料？")
    assert answer.generator == "llm:fake-qwen"
    assert answer.refused and [u["kind"] for u in answer.unmet] == ["place"]
    assert answer.text.startswith("现有通知中没有找到")


def test_fines_and_funds_are_amounts_and_other_wording_is_read_as_such():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    # 罚款多少 / 拨多少经费 ask for an amount; 多少种 counts, it is no amount.
    assert "money" in constraints_of("对迟报的单位罚款多少？").values
    assert "money" in constraints_of("省里每年给每个专项行动拨多少经费？").values
    assert "money" not in constraints_of("付费标准先调整多少种？").values
    asked = constraints_of("对迟报的单位罚款多少？")
    no_amount = "对迟报、瞒报的单位，依法依规追究相关人员责任。"
    assert [m.kind for m in unmet(asked, [_cite("n", no_amount)], notices)] == ["value"]
    # "每个月能给多少钱" names nothing the amount is of: the amount stated answers.
    asked = constraints_of("家里老人请人护理的话每个月能给多少钱？")
    assert value_head("家里老人请人护理的话每个月能给多少钱？", "money") == ""
    quote = "在定点机构接受护理服务，每人每月可享受2100元的支付待遇。"
    assert unmet(asked, [_cite("n", quote)], notices) == []


def test_an_attachment_named_in_the_question_without_brackets_is_still_missing():
    cover = _notice(
        "c", "示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知", "示例", "", COVER
    )
    quote = "现将《示例省远程会诊服务规范》印发给你们，请结合实际认真贯彻执行。"
    asked = constraints_of("示例远程会诊服务规范对会诊响应时间有什么要求？")
    (miss,) = unmet(asked, [_cite("c", quote)], {"c": cover})
    assert miss.kind == "attachment"


def test_an_attachment_another_notice_publishes_is_not_stood_in_for_by_a_third():
    """ "示例远程会诊服务规范对…有什么要求？" answered from a notice that never names the
    规范, while the index holds the letter publishing it without its text: refused as an
    attachment not held; a notice that names the 规范 may still answer."""
    cover = _notice(
        "c", "示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知", "示例", "", COVER
    )
    other = _notice("o", "示例省互联网医院管理办法", "示例", "2031-01-01")
    notices = {"c": cover, "o": other}
    asked = constraints_of("示例省远程会诊服务规范对会诊响应时间有什么要求？")
    quote = "互联网医院应当在30分钟内响应患者的会诊申请。"
    (miss,) = unmet(asked, [_cite("o", quote)], notices)
    assert miss.kind == "attachment" and "示例省远程会诊服务规范" in miss.message
    naming = _notice(
        "m",
        "示例市落实远程会诊的通知",
        "示例",
        "2031-01-01",
        "按照《示例省远程会诊服务规范》，会诊申请应当在30分钟内响应。",
    )
    notices["m"] = naming
    quote = "按照《示例省远程会诊服务规范》，会诊申请应当在30分钟内响应。"
    assert unmet(asked, [_cite("m", quote)], notices) == []
    # A name's shared tail (…服务规范) names no one document.
    del notices["m"]
    asked = constraints_of("示例市家庭医生服务规范对签约有什么要求？")
    assert unmet(asked, [_cite("o", quote)], notices) == []


def test_a_city_is_not_met_by_another_citys_own_notice():
    other = _notice("p", "关于印发乙凉市医改重点任务的通知", "示例", "2031-01-01")
    province = _notice("s", "示例省医改重点任务", "示例", "2031-01-01")
    from rag.answer.constraints import regions as module

    cities = dict(module.CITY_PROVINCE)
    try:
        module.CITY_PROVINCE.update({"甲水": "示例", "乙凉": "示例"})
        asked = Constraints(places=("示例",), question="甲水市医改中医馆覆盖率要达到多少？")
        (miss,) = unmet(asked, [_cite("p", "乙凉市中医馆覆盖率达到76%。")], {"p": other})
        assert miss.kind == "place" and "甲水" in miss.message and "乙凉" in miss.message
        # A bare name inside other words names no city.
        inside = Constraints(places=("示例",), question="如何确保甲水质量达标？")
        assert unmet(inside, [_cite("p", "乙凉市水质达标。")], {"p": other}) == []
        # The province's own notice may answer for its city.
        assert unmet(asked, [_cite("s", "中医馆覆盖率达到76%。")], {"s": province}) == []
    finally:
        module.CITY_PROVINCE.clear()
        module.CITY_PROVINCE.update(cities)


def test_a_county_of_another_city_is_another_citys_own():
    # 定边 is a county of 榆林, 泰来 of 齐齐哈尔: a county's own notice names no city, and is
    # still not the city asked of's; a district of the city asked of (宝塔, 延安's) is its own.
    from rag.answer.constraints.regions import other_cities_own

    title = "定边县卫生健康局关于做好2025年布鲁氏菌病监测工作的通知"
    assert other_cities_own("延安", title, "定边县卫生健康局")
    assert not other_cities_own("榆林", title, "定边县卫生健康局")
    assert other_cities_own("黑河", "泰來縣衛生健康局關於做好監測工作的通知", "")
    baota = "宝塔区卫生健康局"
    assert not other_cities_own("延安", f"{baota}关于做好监测工作的通知", baota)


def test_a_document_handed_over_with_the_letter_is_an_attachment_the_index_lacks():
    # "…制定了《示例区照护安全督查工作细则》，随文印发。有关要求如下：" then three items of the
    # letter's own and the list of attachments: the 细则 goes with the letter and its text is
    # not here. Asked what the 细则 checks, the letter's hand-over does not answer.
    from rag.answer.constraints.attachments import attachment_missing

    title = "示例区卫生健康局关于印发《示例区医养结合机构照护安全督查工作细则》的通知"
    text = (
        f"{title}\n示区卫健〔2036〕15号\n各医养结合机构：\n"
        "根据上级要求，区卫生健康局制定了《示例区医养结合机构照护安全督查工作细则》，随文印发。"
        "有关要求如下：\n一、辖区14家医养结合机构全部纳入督查范围，督查结果按季度通报。\n"
        "二、一年内两次督查不合格的机构，区卫生健康局约谈其法定代表人。\n"
        "三、《细则》自2037年1月11日起施行，有效期三年。\n"
        "附件：示例区医养结合机构照护安全督查工作细则\n示例区卫生健康局\n2036年11月20日\n"
    )
    letter = _notice("l", title, "示例", "2036-11-20", text)
    assert attachment_missing(letter) == "《示例区医养结合机构照护安全督查工作细则》"
    quote = "根据上级要求，区卫生健康局制定了《示例区医养结合机构照护安全督查工作细则》，随文印发。"
    answer = _checked(
        {"l": letter},
        "l",
        quote,
        "《示例区医养结合机构照护安全督查工作细则》里，督查要查哪些项目？",
    )
    assert answer.refused and "正文未收录" in answer.text, answer.text


def test_an_ask_naming_only_places_rescues_a_value_noted_not_a_place_missed():
    # "…多久结算一次？国家卫健委的通知和宁夏的通知各怎么规定？": 宁夏's notice is cited and
    # meets the place; the frequency it does not state is said before the answer, as before.
    notices = {"nx": _notice("nx", "宁夏回族自治区关于做好互联网医疗服务财务管理工作的通知", "宁夏",
                             "2031-01-01")}  # fmt: skip
    quote = "医疗机构间结算时间原则上不超过3个月。"
    question = (
        "开展互联网医疗服务时医疗机构之间多久结算一次？国家卫健委的通知和宁夏的通知各怎么规定？"
    )
    answer = _checked(notices, "nx", quote, question)
    assert not answer.refused and answer.text.startswith("所引通知没有写明"), answer.text


def test_a_list_of_attachments_answers_only_what_the_attachments_are():
    from rag.answer.constraints.attachments import lists_attachments

    line = "附件：浙江省省级及杭州市基本医疗保险住院费用DRGs点数付费实施细则（试行）"
    assert lists_attachments(line, "点值是怎么算的？")
    assert not lists_attachments(line, "那份通知的附件叫什么？")
    assert not lists_attachments("现将《实施细则》印发给你们。", "点值是怎么算的？")


def test_a_districts_own_document_asked_of_is_not_met_by_its_provinces():
    # "岳麓区2024年的…工作通知里…": the district's own notice is asked of; the province's
    # reading of its 办法 does not answer for it. Asked of the district's doctors bare, the
    # province's rule may.
    from rag.answer.constraints.regions import names_city_document

    question = "岳麓区2024年的严重精神障碍患者免费服药工作通知里，辖区有多少家基层医疗卫生机构？"
    assert names_city_document(question, "岳麓")
    assert names_city_document("鹤庆县的实施方案要求多少？", "鹤庆")
    assert not names_city_document("岳麓区的医生多久随访一次？", "岳麓")
    province = _notice("hn", "湖南省严重精神障碍患者免费服药管理办法解读", "湖南", "2024-04-01")
    quote = "截至2023年底，全省基层医疗卫生机构2300家。"
    (miss,) = unmet(constraints_of(question), [_cite("hn", quote)], {"hn": province})
    assert miss.kind == "place" and "岳麓" in miss.message


def test_a_document_said_to_be_issued_by_another_body_is_a_miss():
    issued = Notice(
        "w",
        "国卫办医函〔2031〕389号",
        "关于开展医疗机构废弃物专项整治工作的通知",
        "国家卫生健康委办公厅、生态环境部办公厅",
        "全国",
        "2031-05-14",
        "",
        "",
        (),
        "t.txt",
        "各地要开展医疗机构废弃物专项整治。",
    )
    notices = {"w": issued}
    quote = "各地要开展医疗机构废弃物专项整治。"
    asked = constraints_of(
        "国家医保局印发的《关于开展医疗机构废弃物专项整治工作的通知》是什么文号？"
    )
    assert asked.issuers == (("国家医保局", "关于开展医疗机构废弃物专项整治工作的通知"),)
    (miss,) = unmet(asked, [_cite("w", quote)], notices)
    assert miss.kind == "issuer" and "国家卫生健康委办公厅" in miss.message
    # The body that did issue it, in its short or long form, meets it.
    for body in ("国家卫健委", "国家卫生健康委员会", "生态环境部"):
        question = f"{body}印发的《关于开展医疗机构废弃物专项整治工作的通知》是什么文号？"
        assert unmet(constraints_of(question), [_cite("w", quote)], notices) == [], body
    # Asking who issued it names no body.
    assert (
        constraints_of("哪些部门印发了《关于开展医疗机构废弃物专项整治工作的通知》？").issuers == ()
    )
    # A document not named in 《》 may be one the cited text reports: named there, it is met.
    report = Notice(
        "r",
        "",
        "长护险评估标准出台",
        "",
        "全国",
        "2031-01-01",
        "",
        "",
        (),
        "t.txt",
        "国家医保局、民政部近日出台长期护理失能等级评估标准。",
    )
    asked = constraints_of("国家医保局、民政部出台的长期护理失能等级评估标准有几个一级指标？")
    assert unmet(asked, [_cite("r", "评估标准包括3个一级指标。")], {"r": report}) == []


def test_the_wrong_issuer_is_refused_with_the_one_that_issued_it(answerer):
    answer = answerer.ask("国家医保局印发的《示例省远程会诊服务规范》是哪天印发的？")
    assert answer.refused
    assert "示例省卫生健康委员会" in answer.text


def test_an_editions_year_is_met_by_a_quote_naming_that_edition():
    notices = {
        "s": _notice("s", "关于印发《示例记分办法（2020年版）》的通知", "四川", "2020-05-20")
    }
    asked = constraints_of("现在还能按2016年版的示例记分办法给医院记分吗？")
    repeal = "《示例记分办法（2016年版）》同时废止。"
    assert [m for m in unmet(asked, [_cite("s", repeal)], notices) if m.kind == "year"] == []
    other = "本办法自2020年6月1日起施行。"
    assert any(m.kind == "year" for m in unmet(asked, [_cite("s", other)], notices))


def test_a_list_of_attachments_does_not_answer_what_they_hold():
    notices = {"m": _notice("m", "关于印发示例抽检检验方案的通知", "全国", "2031-05-01")}
    listed = "附件：1.示例抽检检验方案2.示例复检机构推荐名单"
    asked = constraints_of("示例复检机构推荐名单里推荐了哪些复检机构？")
    (miss,) = unmet(asked, [_cite("m", listed)], notices)
    assert miss.kind == "attachment" and "附件正文未收录" in miss.message
    # Asked which attachments the notice has, the list answers.
    assert unmet(constraints_of("这个通知有哪些附件？"), [_cite("m", listed)], notices) == []


def test_a_notice_issuing_guides_for_use_is_a_cover_letter_too():
    text = (
        "示例省药监局关于发布实施《示例注册人试点实施指南（试行）》的通知\n各市局：\n"
        "为保障试点顺利开展，制定《示例注册人试点实施指南（试行）》，现印发给你们，请认真贯彻实施。\n"
        "示例省药监局\n2031年3月1日\n附件：示例注册人试点实施指南（试行）\n"
    )
    cover = _notice(
        "c",
        "示例省药监局关于发布实施《示例注册人试点实施指南（试行）》的通知",
        "示例",
        "2031-03-01",
        text,
    )
    assert attachment_missing(cover) == "《示例注册人试点实施指南（试行）》"


def test_a_date_a_rule_starts_from_is_no_year_of_the_document():
    # "2026年4月1日起" asks from when, not for a notice of 2026.
    asked = constraints_of("2026年4月1日起长沙县还按每人每月1000元发岗位补助吗？")
    assert asked.years is None
    assert constraints_of("2026年长沙县的岗位补助通知有哪些？").years == (2026, 2026)


def test_an_issuer_heading_the_title_asked_about_must_issue_the_cited_notice():
    issued = Notice(
        "q",
        "示药监械〔2031〕14号",
        "江西省药品监督管理局关于印发《示例医疗器械清网行动工作方案》的通知",
        "江西省药品监督管理局",
        "示例",
        "2031-05-18",
        "",
        "",
        (),
        "t.txt",
        "开展清网行动。",
    )
    notices = {"q": issued}
    quote = "开展清网行动。"
    asked = constraints_of("江西省卫生健康委员会关于医疗器械清网行动的工作方案是哪个文号？")
    (miss,) = unmet(asked, [_cite("q", quote)], notices)
    assert miss.kind == "issuer" and "江西省药品监督管理局" in miss.message
    # The body that issued it, in its short form and without 省, meets it.
    same = constraints_of("江西药监局关于医疗器械清网行动的工作方案是哪个文号？")
    assert unmet(same, [_cite("q", quote)], notices) == []


def test_quoting_only_the_items_of_an_attachment_list_is_a_miss_and_a_推广_notice_is_a_cover():
    notices = {"m": _notice("m", "关于开展示例专项整治工作的通知", "全国", "2031-05-01")}
    asked = constraints_of("示例专项整治的主要指标情况表里列了哪几项指标？")
    quotes = [
        _cite("m", "附件：1. 示例专项整治主要指标情况表"),
        _cite("m", "2. 示例执法案件汇总表"),
    ]
    (miss,) = unmet(asked, quotes, notices)
    assert miss.kind == "attachment"
    text = (
        "关于推广示例市发热门诊建设管理工作经验的通知\n各省卫生健康委：\n"
        "我们整理了示例市发热门诊建设管理工作经验，现印发你委，供学习借鉴。\n"
    )
    cover = _notice("c", "关于推广示例市发热门诊建设管理工作经验的通知", "全国", "2031-06-01", text)
    assert attachment_missing(cover) == "《示例市发热门诊建设管理工作经验》"


def test_a_notice_of_unread_region_meets_a_place_its_opening_names_not_one_in_passing():
    lead = "日前，河南卫生健康委印发通知，重申院感防控十项要点。"
    passing = "全国多地推进集中采购。" + "各地稳步推进。" * 60 + "江西等省份也在探索。"
    notices = {
        "a": _notice("a", "院感防控十项要点再次重申", "", "2031-01-05", lead),
        "b": _notice("b", "集采规则背后的逻辑", "", "2031-01-05", passing),
    }
    henan = constraints_of("河南重申的院感防控要求里陪护人员要有几天内的核酸报告？")
    assert [
        m
        for m in unmet(henan, [_cite("a", "陪护人员须持48小时内核酸阴性证明。")], notices)
        if m.kind == "place"
    ] == []
    jiangxi = constraints_of("江西省检测试剂集中采购入围几家？")
    assert any(
        m.kind == "place" for m in unmet(jiangxi, [_cite("b", "最多允许10家企业入围。")], notices)
    )


def test_by_when_something_must_be_issued_is_no_question_about_the_notices_date():
    # "什么时候前出台…方案" asks a deadline the notice sets, not when the notice was issued.
    assert not constraints_of("试点地区要在什么时候前出台试点实施方案？").about_metadata
    assert constraints_of("这个通知是什么时候印发的？").about_metadata


def test_a_portal_call_for_comments_titled_with_its_draft_stands_in_for_the_draft():
    title = "示例省医疗保障局《关于进一步做好药品挂网工作的通知（征求意见稿）》公开征求意见"
    text = (
        f"{title}\n我局研究起草了《关于进一步做好药品挂网工作的通知（征求意见稿）》，现向社会"
        "公开征求意见。公众可在2031年6月13日前反映。\n1. 电子邮箱：a@example.org。\n"
        "附件：示例省医疗保障局关于进一步做好药品挂网工作的通知（征求意见稿）\n"
    )
    call = _notice("c", title, "示例", "2031-05-29", text)
    assert attachment_missing(call) == "《关于进一步做好药品挂网工作的通知（征求意见稿）》"
    asked = constraints_of(
        "示例省医保局《关于进一步做好药品挂网工作的通知（征求意见稿）》对挂网价格高的药品怎么处理？"
    )
    quote = "1. 电子邮箱：a@example.org。"
    assert [m.kind for m in unmet(asked, [_cite("c", quote)], {"c": call})] == ["attachment"]
    # Which places drew up documents resting on another is told by the call itself.
    asked = constraints_of("中发〔2030〕5号出来后，哪些地方医保部门据此出了文件？")
    rests = (
        "根据《关于深化医疗保障制度改革的意见》（中发〔2030〕5号），我局研究起草了"
        "《关于进一步做好药品挂网工作的通知（征求意见稿）》，现向社会公开征求意见。"
    )
    assert unmet(asked, [_cite("c", rests)], {"c": call}) == []


FORMS = """示例省卫生健康委员会关于规范产前筛查服务的通知
示卫妇幼函〔2031〕5号
各设区市卫生健康委：
一、建立考核指标框架，逐步固定考核指标。各机构要规范开展相关技术服务，根据要求使用全省统一格式的知情同意书、检测申请单、临床报告单等文书（见附件1）。
二、建立相对稳定的考核指标框架（见附件2）。
示例省卫生健康委员会
2031年5月15日
附件：1. 示例省产前筛查机构统一文书格式
      2. 示例省产前筛查考核指标框架
"""


def test_forms_or_a_framework_left_to_an_attachment_do_not_answer_what_they_hold():
    notice = _notice("f", "示例省卫生健康委员会关于规范产前筛查服务的通知", "示例", "", FORMS)
    notices = {"f": notice}
    forms = (
        "各机构要规范开展相关技术服务，根据要求使用全省统一格式的知情同意书、检测申请单、"
        "临床报告单等文书（见附件1）。"
    )
    # The forms the question names are only listed: what they hold is in the attachment.
    asked = constraints_of("示例省统一格式的知情同意书、临床报告单都包括哪些栏目？")
    (miss,) = unmet(asked, [_cite("f", forms)], notices)
    assert miss.kind == "attachment" and "附件1" in miss.message
    # Whether there are such forms is answered by the sentence that lists them.
    asked = constraints_of("示例省对知情同意书这些文书有统一格式吗？")
    assert unmet(asked, [_cite("f", forms)], notices) == []
    framework = "二、建立相对稳定的考核指标框架（见附件2）。"
    asked = constraints_of("示例省产前筛查考核指标框架里具体有哪些考核指标？")
    (miss,) = unmet(asked, [_cite("f", framework)], notices)
    assert miss.kind == "attachment" and "附件2" in miss.message


MANUAL = """示例市卫生健康委员会关于印发《示例市包虫病监测点工作手册》的通知
示市卫发〔2031〕8号
各县（区）卫生健康局：
现将《示例市包虫病监测点工作手册》（以下简称《工作手册》）印发给你们，并就有关事项通知如下：
一、监测点每年4月开展犬粪检测，5月底前将结果报市疾病预防控制中心。
二、犬粪采样方法、记录表格和样本送检要求按《工作手册》执行。
三、各监测点每年检测犬粪样本不少于200份。
附件：示例市包虫病监测点工作手册
示例市卫生健康委员会
2031年3月2日
"""


def test_what_a_notice_leaves_to_a_document_the_index_lacks_is_not_answered_by_it():
    letter = _notice(
        "m", "示例市卫生健康委员会关于印发《示例市包虫病监测点工作手册》的通知", "示例", "", MANUAL
    )
    notices = {"m": letter}
    deferral = "二、犬粪采样方法、记录表格和样本送检要求按《工作手册》执行。"
    # The sentence names what was asked and leaves it to the manual, whose text is not held.
    asked = constraints_of("示例市包虫病监测点的犬粪样本送检有什么要求？记录表格填哪些内容？")
    (miss,) = unmet(asked, [_cite("m", deferral)], notices)
    assert miss.kind == "attachment" and "示例市包虫病监测点工作手册" in miss.message
    # What the letter says itself is answered by it.
    asked = constraints_of("示例市包虫病监测点每年要检测多少份犬粪样本？")
    quote = "三、各监测点每年检测犬粪样本不少于200份。"
    assert unmet(asked, [_cite("m", quote)], notices) == []
    # With the manual's own text in the index, the sentence points at what the index holds.
    manual = _notice(
        "w", "示例市包虫病监测点工作手册", "示例", "", "样本送检应当在采样后48小时内完成。"
    )
    asked = constraints_of("示例市包虫病监测点的犬粪样本送检有什么要求？记录表格填哪些内容？")
    assert unmet(asked, [_cite("m", deferral)], {**notices, "w": manual}) == []


def test_a_notice_acting_on_a_law_does_not_hold_the_law():
    law = "中华人民共和国基本医疗卫生与健康促进法"
    assert holds_document(f"关于印发《{law}》的通知", law)
    assert holds_document(law, "基本医疗卫生与健康促进法")
    for title in (
        f"国家卫生健康委关于学习宣传贯彻《{law}》的通知",
        "示例省药品监督管理局关于实施新修订《药品生产监督管理办法》有关事宜的通知",
    ):
        named = law if law in title else "药品生产监督管理办法"
        assert names_document(title, named) and not holds_document(title, named)
    study = _notice("s", f"国家卫生健康委关于学习宣传贯彻《{law}》的通知", "全国", "2031-01-01")
    asked = constraints_of(f"《{law}》第六十九条对公民自己的健康责任是怎么规定的？")
    quote = f"《{law}》已于2030年12月28日审议通过，自2031年6月1日起施行。"
    assert [m.kind for m in unmet(asked, [_cite("s", quote)], {"s": study})] == ["title"]


def test_an_issuer_named_before_a_title_written_without_brackets_must_have_issued_it():
    reply = Notice(
        "g",
        "国函〔2031〕47号",
        "国务院关于同意在示例新区等46个城市和地区设立跨境电子商务综合试验区的批复",
        "国务院",
        "全国",
        "2031-04-27",
        "",
        "",
        (),
        "t.txt",
        "同意在示例新区等46个城市和地区设立跨境电子商务综合试验区，由商务部牵头推进。",
    )
    asked = constraints_of(
        "商务部印发的关于同意在示例新区等46个城市和地区设立跨境电子商务综合试验区的批复，文号是多少？"
    )
    (miss,) = unmet(asked, [_cite("g", reply.text)], {"g": reply})
    assert miss.kind == "issuer" and "国务院" in miss.message
    asked = constraints_of(
        "国务院印发的关于同意在示例新区等46个城市和地区设立跨境电子商务综合试验区的批复，文号是多少？"
    )
    assert unmet(asked, [_cite("g", reply.text)], {"g": reply}) == []


def test_asking_whether_a_body_issued_a_document_names_that_body_as_its_issuer():
    alliance = Notice(
        "a",
        "",
        "示例市医疗保障局关于组织开展医用耗材集中带量采购的公告",
        "示例市医疗保障局",
        "重庆",
        "2031-04-01",
        "",
        "",
        (),
        "t.txt",
        "重庆市医疗保障局建立联盟采购协调小组。",
    )
    asked = constraints_of("重庆市卫健委有没有印发城市医疗联合体建设试点城市工作推进方案？")
    assert [body for body, _ in asked.issuers] == ["重庆卫生健康委"]
    (miss,) = unmet(asked, [_cite("a", alliance.text)], {"a": alliance})
    assert miss.kind == "issuer" and "示例市医疗保障局" in miss.message


def test_a_value_one_ask_of_several_leaves_unquoted_is_noted_not_refused():
    notices = {"news": _notice("news", "专家谈信息互联互通测评经验", "全国", "2031-05-01")}
    quote = "全院无线网络覆盖率达到80%以上。"

    # The rate one ask asks for is quoted; the level the other asks for is not: the miss
    # is said before the answer.
    answer = _checked(
        notices, "news", quote, "示例医院的无线网络覆盖率达到多少？等级保护测评通过了几级？"
    )
    assert not answer.refused and [m["kind"] for m in answer.unmet] == ["value"]
    assert answer.text.startswith("所引通知没有写明所问的数量") and "80%" in answer.text
    # Asked alone, the level no quote holds refuses the answer.
    assert _checked(notices, "news", quote, "示例医院的等级保护测评通过了几级？").refused


def test_words_that_only_look_like_a_value_asked_and_values_a_change_or_dose_is_given_in():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    # 好几个 ("quite a few") and 举几个例子 ask for no count.
    assert constraints_of("医生屋里总是挤着好几个人，能不能一个医生一个诊室？").values == ()
    assert constraints_of("对药品广告有哪些禁止性规定（举几个例子）？").values == ()
    # A change is stated as a share too.
    asked = constraints_of("那篇文章说，销售费用同比变了多少钱？")
    assert unmet(asked, [_cite("n", "销售费用同比减少6%。")], notices) == []
    asked = constraints_of("报告说上市公司销售费用是多少钱？")
    assert [m.kind for m in unmet(asked, [_cite("n", "销售费用同比减少6%。")], notices)] == [
        "value"
    ]
    # 几针 is answered in 剂次.
    asked = constraints_of("麻疹疫苗现在要打几针？")
    assert unmet(asked, [_cite("n", "含麻疹成分疫苗接种2剂次。")], notices) == []


def test_a_count_of_people_covered_is_stated_by_a_coverage_rate():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("政府说到2031年底家庭医生签约要覆盖到多少人？")
    assert unmet(asked, [_cite("n", "持证残疾人家庭医生签约率达到70%以上。")], notices) == []
    asked = constraints_of("示例市签约了多少人？")
    assert [m.kind for m in unmet(asked, [_cite("n", "签约率达到70%以上。")], notices)] == ["value"]


def test_what_a_thing_is_divided_into_is_answered_by_naming_the_parts():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("那考核结果分几个等次？")
    named = "考核结果分为优秀、良好、合格和不合格。"
    assert unmet(asked, [_cite("n", named)], notices) == []
    # A sentence naming no parts still does not answer.
    vague = "考核结果作为评先评优的重要依据。"
    assert [m.kind for m in unmet(asked, [_cite("n", vague)], notices)] == ["value"]
    # A count of people is not answered by a list of kinds of people.
    asked = constraints_of("巡查组一般由多少名成员组成？")
    listed = "巡查组由医师、护士、药师和管理人员组成。"
    assert [m.kind for m in unmet(asked, [_cite("n", listed)], notices)] == ["value"]
    # The 分 of a score divides nothing: a list of bodies does not state the full marks.
    asked = constraints_of("服务点验收评分满分多少、多少分算合格？")
    listed = "二、市卫生健康委、市民政局于2031年9月组织验收，验收合格的服务点奖补3万元。"
    assert [m.kind for m in unmet(asked, [_cite("n", listed)], notices)] == ["value"]


def test_these_few_things_already_named_ask_for_no_count():
    assert "count" not in constraints_of("这几个技术要求是按照哪份程序文件的要求发布的？").values
    assert "count" in constraints_of("药审中心发布了几个技术要求？").values
    # Places run together before 几 are the several named, as a list is.
    assert "count" not in constraints_of("重庆贵州云南河南几个省一起团购，还能再砍价吗？").values


def test_a_document_named_inside_the_name_of_the_notice_asked_about_is_met_by_that_notice():
    title = "示例省药品监督管理局关于实施新修订《药品生产监督管理办法》有关事宜的通知"
    notices = {"n": _notice("n", title, "示例省", "2031-01-01")}
    quote = [_cite("n", "上市前GMP符合性检查，不作为行政许可事项管理。")]
    asked = constraints_of(
        "示例省药监局实施新修订《药品生产监督管理办法》的通知，对上市前检查怎么管？"
    )
    assert [m.kind for m in unmet(asked, quote, notices)] == []
    # Asked about the 办法 itself, the notice acting on it does not hold it.
    asked = constraints_of("《药品生产监督管理办法》第五十二条怎么规定？")
    assert [m.kind for m in unmet(asked, quote, notices)] == ["title"]


def test_a_document_named_beside_the_docno_of_the_notice_about_it_is_met_by_that_notice():
    title = "示例省药品监督管理局关于实施新修订《药品生产监督管理办法》有关事宜的通知"
    notice = Notice(
        "n", "示药监函〔2031〕95号", title, "", "示例省", "2031-01-01", "", "", (), "t.txt", title
    )
    quote = [_cite("n", "2031年7月1日后，省局不再办理关键设施设备变更备案事项。")]
    asked = constraints_of("示药监函[2031]95号：新修订《药品生产监督管理办法》哪天起施行？")
    assert [m.kind for m in unmet(asked, quote, {"n": notice})] == []


def test_a_name_shortened_by_leaving_characters_out_is_met_by_the_notice_it_names():
    title = "示例委关于印发《突发事件医疗应急工作管理办法（试行）》的通知"
    notices = {"n": _notice("n", title, "全国", "2031-01-01")}
    quote = [_cite("n", "第七条　责任报告单位应当在2小时内向属地卫生健康行政部门报告。")]
    asked = constraints_of("《突发事件医疗应急办法》第七条对信息报告时限是怎么规定的？")
    assert [m.kind for m in unmet(asked, quote, notices)] == []
    # Characters put in that make another document: a name the notice quotes in its own
    # right is not a shortening of the one its title names.
    title = (
        "关于公开征求《真实世界证据支持儿童药物研发与审评的技术指导原则（征求意见稿）》意见的通知"
    )
    said = "国家药监局发布了《真实世界证据支持药物研发与审评的指导原则》，明确了研发策略。"
    notices = {"m": _notice("m", title, "全国", "2031-01-01", f"{title}\n{said}")}
    asked = constraints_of("《真实世界证据支持药物研发与审评的指导原则》是哪天发布的？")
    assert unmet(asked, [_cite("m", said)], notices) != []


def test_another_batch_of_a_series_does_not_answer_for_the_batch_asked():
    title = "示例省：关于公布我省第一批“互联网+”医疗服务试行项目的通知"
    notices = {"n": _notice("n", title, "示例省", "2031-06-01")}
    quote = [_cite("n", "第一批试行项目为互联网复诊、远程会诊等项目，试行期一年。")]
    asked = constraints_of("示例省公布的第二批“互联网+”医疗服务试行项目有哪些？")
    missed = unmet(asked, quote, notices)
    assert [m.kind for m in missed] == ["batch"]
    assert "第二批" in missed[0].message and "第一批" in missed[0].message
    # The batch asked, in the title or a quote, meets it; a title naming no batch says nothing.
    assert unmet(constraints_of("第一批试行项目有哪些？"), quote, notices) == []
    plain = {
        "n": _notice("n", "示例省：关于公布“互联网+”医疗服务项目的通知", "示例省", "2031-06-01")
    }
    assert unmet(asked, [_cite("n", "试行项目为互联网复诊。")], plain) == []


def test_an_amount_asked_of_a_raise_is_met_by_the_increase_stated():
    notices = {"n": _notice("n", "示例省城乡居民医疗保险参保缴费通知", "示例省", "2031-08-01")}
    asked = constraints_of("城乡居民医保人均财政补助标准各提高多少？")
    raised = "一、2031年城乡居民医保人均财政补助标准增加30元，稳步提高个人缴费标准。"
    assert [m.kind for m in unmet(asked, [_cite("n", raised)], notices)] == []
    vague = "一、稳步提高城乡居民医保人均财政补助标准和个人缴费标准。"
    assert [m.kind for m in unmet(asked, [_cite("n", vague)], notices)] == ["value"]


def test_a_documents_short_name_in_title_marks_is_no_document_asked_for():
    # "以下简称《意见》": 《意见》, 《实施细则》 stand for a document named in full elsewhere.
    assert constraints_of("那文章说《意见》对个人账户有什么限制？").titles == ()
    assert constraints_of("《实施细则》第五条怎么说？").titles == ()
    assert constraints_of("《药品管理法》第十条怎么说？").titles == ("药品管理法",)
    assert constraints_of("《长期处方管理规范》规定最长开几周？").titles == ("长期处方管理规范",)


def test_an_ask_that_names_no_place_asks_of_the_place_the_question_named():
    """A question "甲省…签约率定的目标是多少？签约服务里…补助多少钱？" over a 乙省 notice
    that states the 补助: the second ask is of the same 甲省 document, so the question is
    refused, not answered from 乙省 with a note. An ask naming its own place is answered."""
    title = "山东省卫生健康委员会关于进一步加强残疾人家庭医生签约服务工作的实施意见"
    notices = {"sd": _notice("sd", title, "山东", "2031-05-01")}
    quote = "基本支持性服务由残联按照服务人数每人不低于10元/年标准补助。"

    first = "山西省对残疾人家庭医生签约率定的目标是多少？"
    assert _checked(
        notices, "sd", quote, first + "家庭医生签约服务里基本支持性服务每人补助多少钱？"
    ).refused
    apart = first + "山东的家庭医生签约服务里基本支持性服务每人补助多少钱？"
    answer = _checked(notices, "sd", quote, apart)
    assert not answer.refused and answer.text.startswith("库中没有山西")


def test_an_ask_naming_only_a_province_asks_the_question_of_it():
    """ "长沙的医养结合机构…多长时间内要完成风险评估？湖南是怎么规定的？": the second ask names
    湖南 and asks nothing else, so the first is asked of 湖南 too. A national notice's rule,
    the only one the index holds, is no answer: the question is refused, the rule shown as
    the closest. Asked from 长沙 alone, where the asker is, the national rule answers."""
    title = "国家卫生健康委办公厅关于加强医养结合机构老年人照护安全风险防控的通知"
    notices = {"cn": _notice("cn", title, "全国", "2031-09-20")}
    quote = "医养结合机构应当在老年人入住后72小时内完成照护风险评估。"
    asked = "长沙的医养结合机构，老人入住后多长时间内要完成风险评估？"
    answer = _checked(notices, "cn", quote, asked + "湖南是怎么规定的？")
    assert answer.refused and "库中没有湖南" in answer.text, answer.text
    assert not _checked(notices, "cn", quote, asked).refused


def test_the_deductible_is_a_thing_asked_of_not_a_verb_of_paying():
    notices = {"n": _notice("n", "示例市医疗保障局关于门诊共济的补充通知", "示例", "2031-01-01")}
    asked = constraints_of("示例市普通门诊统筹，在职职工现在的起付标准是多少？")
    quote = "普通门诊统筹起付标准，在职职工由200元调整为100元，退休人员由100元调整为50元。"
    assert unmet(asked, [_cite("n", quote)], notices) == []
    # An amount paid in still needs a clause saying the paying.
    asked = constraints_of("老人一年自己交多少钱？")
    assert [m.kind for m in unmet(asked, [_cite("n", "财政补助标准为80元。")], notices)] == [
        "value"
    ]


def test_what_a_document_only_reported_on_provides_is_refused_not_noted():
    """ "《X》把…分成几个等级？" over a report on X: what X itself provides is not what a
    report says of it, so the question is refused (the report stays below as the nearest
    evidence). A measure X names, or the notices resting on X, are still answered with the
    note."""
    notices = {"news": _notice("news", "示例日报：长护险评估标准出台", "全国", "2031-05-01")}
    quote = "近日出台的《示例失能等级评估标准》提出，评估由3个一级指标和17个二级指标组成。"

    refused = _checked(notices, "news", quote, "《示例失能等级评估标准》把失能分成几个等级？")
    assert refused.refused and [m["kind"] for m in refused.unmet] == ["reported"]
    assert "17个二级指标" in refused.text  # the report, below the refusal
    # The document named inside a measure, and the documents resting on it: noted.
    noted = _checked(
        notices, "news", quote, "《示例失能等级评估标准》合格以上的人数比例定了什么目标？"
    )
    assert not noted.refused and noted.text.startswith("索引中没有《示例失能等级评估标准》本身")
    resting = _checked(notices, "news", quote, "哪些地方出台了落实《示例失能等级评估标准》的文件？")
    assert not resting.refused
    # An article of it asked (《X》第十二条规定…哪些), over a notice citing that article.
    notice = {"n": _notice("n", "示例省药监局关于说明书备案的公告", "示例", "2031-05-01")}
    cites = "持有人按照《示例药品法》第十二条的有关规定更新说明书和标签中的持有人信息。"
    article = _checked(notice, "n", cites, "《示例药品法》第十二条规定说明书必须注明哪些内容？")
    assert article.refused and [m["kind"] for m in article.unmet] == ["reported"]


def test_an_issuer_heading_a_title_that_quotes_another_must_have_issued_it():
    """ "国家医保局关于学习宣传贯彻《示例法》的通知": the title quotes the law it is about;
    the body heading it is still its issuer, and a province's notice of that title is not it."""
    province = Notice(
        "h",
        "示卫法规函〔2031〕16号",
        "示例省卫生健康委关于学习宣传贯彻《示例健康促进法》的通知",
        "示例省卫生健康委",
        "示例",
        "2031-02-01",
        "",
        "",
        (),
        "t.txt",
        "要通过举办培训班、研讨会等方式分期分批开展培训。",
    )
    asked = constraints_of("国家医保局关于学习宣传贯彻《示例健康促进法》的通知，要求怎样开展培训？")
    (miss,) = unmet(asked, [_cite("h", province.text)], {"h": province})
    assert miss.kind == "issuer" and "示例省卫生健康委" in miss.message
    own = constraints_of("示例省卫健委关于学习宣传贯彻《示例健康促进法》的通知，要求怎样开展培训？")
    assert unmet(own, [_cite("h", province.text)], {"h": province}) == []


def test_a_quota_raised_by_how_much_is_an_amount_and_a_later_day_is_no_duration():
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    asked = constraints_of("定点医疗机构的医保周转金额度最多可以提高多少？")
    assert asked.values == ("money",)
    none = "各地医保部门依申请可适当提高定点医疗机构周转金额度用于结算。"
    assert [m.kind for m in unmet(asked, [_cite("n", none)], notices)] == ["value"]
    assert unmet(asked, [_cite("n", "周转金额度最多提高至500万元。")], notices) == []
    # "几天后…又印发了…" tells when the next notice came; it asks no length of time.
    assert "duration" not in constraints_of("几天后省卫健委又印发了一份通知，是发给谁的？").values
    assert "duration" in constraints_of("材料要在几天内报送？").values


def test_a_value_asked_of_a_place_is_not_met_by_another_places_notice():
    notices = {
        "t": _notice("t", "天津市卫生健康委关于印发短缺药品清单的通知", "天津", "2031-01-01"),
        "h": _notice("h", "河北省卫生健康委关于加强药事管理的实施意见", "河北", "2031-01-01"),
    }
    asked = constraints_of("天津市要求药学专业技术人员至少占卫生专业技术人员的多大比例？")
    own = _cite("t", "各医疗机构要加强药学部门建设和人员配备。")
    other = _cite("h", "药学专业技术人员数量不得少于医院卫生专业技术人员总数的8%。")
    assert [m.kind for m in unmet(asked, [own, other], notices)] == ["value"]
    stated = _cite("t", "药学专业技术人员不得少于卫生专业技术人员总数的8%。")
    assert unmet(asked, [stated, other], notices) == []


def test_a_city_named_bare_is_not_met_by_another_provinces_notice():
    """ "我在喀什开澡堂子…" asks of 新疆: a 福建 notice's rule does not answer it, silently.
    The asker only says where they are: a national rule answers there too, and a 吉林 notice
    answers for 长春 (吉林 is the province, not another city)."""
    notices = {
        "f": _notice("f", "福建省卫生健康委员会关于告知承诺制的通知", "福建", "2031-01-01"),
        "x": _notice("x", "新疆维吾尔自治区卫生健康委员会告知承诺制通知", "新疆", "2031-01-01"),
        "n": _notice("n", "国家卫生健康委关于公共场所卫生监督的通知", "全国", "2031-01-01"),
        "j": _notice("j", "吉林省卫生健康委员会关于护士执业注册的通知", "吉林", "2031-01-01"),
    }
    asked = constraints_of("我在喀什开澡堂子，拿了卫生许可证之后多久会有人来查？")
    fujian = _cite("f", "现场核查应当在发证后2个月内完成。")
    assert [m.kind for m in unmet(asked, [fujian], notices)] == ["place"]
    own = _cite("x", "许可机关应当自发证之日起20个工作日内完成现场核查。")
    assert unmet(asked, [own], notices) == []
    assert unmet(asked, [_cite("n", "发证后3个月内完成现场核查。")], notices) == []
    # Another city's own notice does not answer for the city named bare.
    chengdu = _notice("c", "成都市医疗保障局关于长期护理保险居家护理的通知", "四川", "2031-01-01")
    asked = constraints_of("绵阳的长护险居家护理，每个月能给多少钱？")
    (miss,) = unmet(asked, [_cite("c", "居家护理每人每月支付1200元。")], {"c": chengdu})
    assert miss.kind == "place" and "绵阳" in miss.message and "成都" in miss.message
    nurse = constraints_of("我在长春读的护理，考完证4年没注册，还能注册吗？")
    assert unmet(nurse, [_cite("j", "应当自通过考试之日起3年内提出注册申请。")], notices) == []


def test_a_turn_opening_with_na_names_the_body_after_it():
    """ "那北京市卫健委印发…的那份通知呢" names 北京市卫健委, which issued the cited notice."""
    notice = Notice(
        "b",
        "",
        "北京市卫生健康委员会关于印发《2031年职业健康工作要点》的通知",
        "北京市卫生健康委员会",
        "北京",
        "2031-05-20",
        "",
        "",
        (),
        "t.txt",
        "现将《2031年职业健康工作要点》印发给你们。",
    )
    asked = constraints_of("那北京市卫健委印发2031年职业健康工作要点的那份通知呢，是哪天发布的？")
    assert unmet(asked, [_cite("b", notice.text)], {"b": notice}) == []


def test_why_a_notice_was_issued_is_asked_of_its_cover_letter():
    """The purpose of publishing an attachment the index does not hold is in the cover
    letter: no attachment miss."""
    cover = _notice(
        "s",
        "示例省卫生健康委员会关于印发《示例省新型冠状病毒肺炎中医药防治方案》的通知",
        "示例",
        "2031-05-01",
        "为巩固疫情防控成果，我委组织专家制定了《示例省新型冠状病毒肺炎中医药防治方案》，"
        "现印发给你们。\n附件：示例省新型冠状病毒肺炎中医药防治方案\n示例省卫生健康委员会\n",
    )
    quote = cover.text.split("\n")[0]
    why = constraints_of("示例省卫健委印发新冠肺炎中医药防治方案是出于什么考虑？")
    assert unmet(why, [_cite("s", quote)], {"s": cover}) == []


def test_a_fee_is_an_amount_and_项目的_asks_for_no_purpose():
    # "每个评价项目的报名费是多少钱": 目的 across 项目的 asks nothing of what a notice is for;
    # the fee is an amount a quote must state.
    asked = constraints_of("参加全国室间质评，每个评价项目的报名费是多少钱？")
    assert asked.values == ("money",) and not asked.about_notice
    assert constraints_of("讲师每创作一件作品能拿多少稿费？").values == ("money",)
    assert constraints_of("这个文件印发的目的是什么？").about_notice
    notices = {"n": _notice("n", "通知", "全国", "2031-01-01")}
    no_fee = "每名成员每年创作健康科普作品不少于2件。"
    assert [
        m.kind
        for m in unmet(
            constraints_of("讲师每创作一件作品能拿多少稿费？"), [_cite("n", no_fee)], notices
        )
    ] == ["value"]


def test_an_amount_asked_of_a_named_document_has_no_head():
    # "那个地贫防控办法每例补多少" asks the amount the 办法 sets, of nothing it names; a
    # 标准 asked of is still a thing (起付标准).
    question = "2019年那个地贫防控办法每例补多少？现在的出生缺陷综合防治方案补多少？"
    assert value_head(question, "money") == ""
    assert value_head("起付标准具体是多少元", "money") == "起付标准"


@pytest.mark.parametrize(
    "issuer, province, place",
    [
        ("重庆市万州区卫生健康委员会、重庆市万州区司法局", "重庆", "万州"),
        ("上海市浦东新区卫生健康委员会", "上海", "浦东"),
        ("绵阳市卫生健康委员会", "四川", "绵阳"),
        ("内蒙古自治区包头市卫生健康委员会", "内蒙古", "包头"),
        ("重庆市卫生健康委员会　重庆市司法局", "重庆", ""),
        ("新疆自治区医疗保障局、自治区卫生健康委员会", "新疆", ""),
        ("四川省市场监督管理局", "四川", ""),
    ],
)
def test_a_notice_of_a_place_below_the_province_is_told_by_its_issuer(issuer, province, place):
    # Which notices are a city's or district's own, not the province's: the place its issuer
    # names after the province's name (a 区 after 万州 makes 州 part of the name), or a city
    # it names; 市场监督管理局 and the province's own shortened name are no place below it.
    assert local_own("", issuer, province) == place


def test_a_body_and_what_its_document_does_name_the_issuer_of_that_document():
    """ "国家卫健委办公厅推进…适老化服务的那份通知，要求…几辆轮椅？" asks of the national notice:
    a city's notice saying it of the city is another document, and the answer says whose it
    is. "省卫健委…的那份通知" names no one body."""
    city = Notice(
        "c",
        "示卫发〔2031〕19号",
        "示例市卫生健康委员会关于做好老年人就医适老化服务工作的通知",
        "示例市卫生健康委员会",
        "示例",
        "2031-05-18",
        "",
        "",
        (),
        "t.txt",
        "二级以上医院门急诊轮椅不少于15辆。",
    )
    quote = "二级以上医院门急诊轮椅不少于15辆。"
    asked = constraints_of(
        "国家卫健委办公厅推进医疗机构老年人就医适老化服务的那份通知，要求二级以上医院门急诊至少配几辆轮椅？"
    )
    (miss,) = unmet(asked, [_cite("c", quote)], {"c": city})
    assert miss.kind == "issuer" and "示例市卫生健康委员会" in miss.message
    vague = constraints_of("省卫健委推进老年人就医适老化服务的那份通知，要求至少配几辆轮椅？")
    assert vague.issuers == ()


def test_an_attachment_named_by_its_title_is_missing_whatever_notice_leads_the_answer():
    """ "《示例市…服务规范》里，…多久回复？" where the letter publishing it without its text is
    cited after another notice's rule on the topic: the attachment is not in the index, and
    the other rule is of another document. Asked whom a result goes to (通报给哪些部门), the
    question asks what the attachment says, not who sent the letter."""
    cover = _notice(
        "c", "示例省卫生健康委员会关于印发《示例省远程会诊服务规范》的通知", "示例", "", COVER
    )
    other = _notice("o", "示例省互联网医院管理办法", "示例", "2031-01-01")
    notices = {"c": cover, "o": other}
    rule = "互联网医院应当在30分钟内响应患者的会诊申请。"
    listed = "附件：示例省远程会诊服务规范"
    asked = constraints_of("《示例省远程会诊服务规范》里，会诊申请要在多久内响应？")
    (miss,) = unmet(asked, [_cite("o", rule), _cite("c", listed)], notices)
    assert miss.kind == "attachment" and "示例省远程会诊服务规范" in miss.message
    whom = constraints_of("《示例省远程会诊服务规范》规定会诊结论要通报给哪些部门？")
    (miss,) = unmet(whom, [_cite("c", listed), _cite("o", "会诊结论通报省医保局。")], notices)
    assert miss.kind == "attachment"
    sent = constraints_of("印发《示例省远程会诊服务规范》的那份通知是发给哪些单位的？")
    assert unmet(sent, [_cite("c", "各设区市卫生健康委：")], notices) == []


def test_a_length_asked_in_a_unit_is_stated_only_by_a_number_of_that_unit():
    from rag.answer.constraints.values import duration_pattern

    years = duration_pattern("包上扫码留下的记录得存几年？")
    assert years is not None
    assert years.search("追溯记录保存不少于5年。")
    assert not years.search("受托机构每周收送器械不少于1次。")  # how often, not how long
    assert not years.search("本办法自2035年1月1日起施行。")  # a date, not a number of years
    days = duration_pattern("多少个工作日内办完？")
    assert days is not None and days.search("5个工作日内办结") and not days.search("每周1次")
    # Which month or day is a date: it narrows nothing.
    assert duration_pattern("防溺水宣传月定在几月？") is None
    assert duration_pattern("权责清单要在几月几日前向社会公开？") is None
    assert duration_pattern("要多久？") is None


def test_how_often_asked_is_stated_by_a_frequency_not_a_length_of_time():
    # "多久评一次？" is answered by 评估每半年组织1次, not by 有效期两年 beside it.
    from rag.answer.constraints.values import duration_pattern

    for question in ("多久评一次？分数低了怎么处理？", "几天报一次？", "乙肝多久得查一回？"):
        often = duration_pattern(question)
        assert often is not None
        for frequency in (
            "评估每半年组织1次。",
            "每2年复评1次。",
            "一年一次。",
            "按季度上报。",
            "检验周期为3年。",
        ):
            assert often.search(frequency), (question, frequency)
        assert not often.search("《评估办法》有效期两年，自2025年10月20日起施行。")
    # Once more, or the first time, is asked by when: no frequency narrows what states it.
    for question in ("最晚出生后多少天要再测一次？", "医院最晚多久要做第一次随访？"):
        by_when = duration_pattern(question)
        assert by_when is None or by_when.search("出生后42天内完成复筛。"), question


def test_an_amending_item_states_the_value_of_the_sentence_it_rewrites():
    # "那修改以后呢？现在保额至少多少？": the item "第六条中的“不低于30万元”修改为“不低于50万
    # 元”" states the 保险金额 of the 办法's sentence it rewrites, which names what the amount
    # is of; it answers, and is not refused as stating no such amount.
    from rag.records import Reference

    base = Notice("base", "苏卫应急〔2031〕12号", "江苏省卫生应急队伍管理办法（试行）", "", "江苏",
                  "2031-01-01", "", "", (), "b.txt",
                  "第六条　队员意外伤害保险的保险金额不低于30万元。")  # fmt: skip
    item = "四、第六条中的“不低于30万元”修改为“不低于50万元”"
    cited = (Reference("苏卫应急〔2031〕12号", "cites", "", "base"),)
    amending = Notice("amd", "苏卫应急〔2034〕29号", "关于修改《江苏省卫生应急队伍管理办法》的通知",
                      "", "江苏", "2034-01-01", "", "", (), "a.txt", item + "。",
                      references=cited)  # fmt: skip
    notices = {"base": base, "amd": amending}
    asked = constraints_of(
        "江苏的卫生应急队伍管理办法修改以后，队员意外伤害保险的保险金额至少多少？"
    )
    assert asked.values == ("money",)
    assert unmet(asked, [_cite("amd", item)], notices) == []
    # An item replacing words the documents it cites do not hold states nothing more.
    lone = Notice("lone", "苏卫应急〔2034〕30号", "关于修改某办法的通知", "", "江苏", "2034-01-01",
                  "", "", (), "l.txt", "四、第二条中的“每年”修改为“每半年”。")  # fmt: skip
    quoted = [_cite("lone", "四、第二条中的“每年”修改为“每半年”")]
    assert [m.kind for m in unmet(asked, quoted, {"lone": lone})] == ["value"]


def test_several_years_told_asks_no_length_of_time():
    # "卧床好几年了" tells how long, it does not ask: the answer need not state a duration.
    from rag.answer.constraints.values import asks_value
    from rag.answer.questions import answer_types

    told = "我妈卧床好几年了，住进定点护理院以后长护险给报多少？"
    assert "duration" not in asks_value(told) and "duration" not in answer_types(told)
    assert "duration" in asks_value("这个病要治几年？")
    assert "duration" in answer_types("补助最长能领几年？")


def test_people_counted_in_everyday_words_are_met_by_the_notices_classifier():
    # "多少个孩子以上要配2个" counts children; the notice counts them in 名.
    from rag.answer.constraints.values import ValueCheck, asks_value

    question = "那时候收多少个孩子以上要配2个保健人员？"
    check = ValueCheck(question, asks_value(question))
    rule = "托育机构收托婴幼儿80名以下的，配备卫生保健人员不少于1名；收托80名以上的，不少于2名。"
    assert check.missed([rule]) == []
    assert check.missed(["托育机构应当每年组织2次卫生保健培训。"]) == ["count"]


def test_an_answer_missing_the_value_asked_reads_the_rest_of_its_notice():
    from rag.answer.passages import further_passages, passage_share
    from rag.answer.support import TermWeights
    from rag.records import Chunk, Hit, Notice

    # The search read the notice's 入库 passage; the 关联率 the question also asks stands in
    # another passage of the same notice, which is read next to it (a passage without the
    # question's words is not).
    texts = [
        "一、扫码入库。入库信息在验收后24小时内录入院内耗材管理系统。",
        "二、使用即关联。植入类耗材唯一标识与患者病历关联，三级医院关联率不低于90%。",
        "三、本通知自2034年1月1日起施行。",
        "四、各地要加强组织领导。",
    ]
    chunks, at = [], 0
    for i, t in enumerate(texts):
        chunks.append(Chunk(f"c{i}", "n0", t, (), at, at + len(t), len(t)))
        at += len(t) + 1
    notice = Notice(
        "n0",
        "示卫医函〔2033〕9号",
        "示例委关于推进耗材唯一标识应用的通知",
        "示例委",
        "全国",
        "2033-12-01",
        "2033-12-01",
        "",
        (),
        "n.txt",
        "\n".join(texts),
    )
    other = Chunk("d0", "n1", "医疗机构应当建立耗材管理制度。", (), 0, 16, 16)

    def hit(c: Chunk, n: Notice) -> Hit:
        return Hit(1, c, n.doc_number, n.title, n.issuer, n.date, n.region, n.source, 1.0)

    hits = [hit(chunks[0], notice), hit(other, notice)]
    question = "验收后多少小时内录入系统？三级医院植入类耗材的关联率要达到多少？"
    share = passage_share(question, TermWeights(texts))
    out = further_passages(hits, ["n0"], {"n0": notice}, lambda nid: chunks, share)
    assert [h.chunk.chunk_id for h in out] == ["c0", "c1", "d0"]
    assert [h.rank for h in out] == [1, 2, 3]
    # Nothing to add: the hits as they were.
    assert further_passages(out, ["n0"], {"n0": notice}, lambda nid: chunks, share) == out


def test_a_name_holding_a_bracket_is_the_name_asked_of():
    # "市州按…" asks of 市（州）: the bracket within the name is no part of it.
    from rag.answer.constraints.values import value_stated

    rule = "第七条　市（州）卫生健康委每年按照不低于5%的比例抽查辖区机构的检查报告。"
    assert value_stated("percent", "市州", [rule])
    assert not value_stated("percent", "市州", ["省卫生健康委每年按照不低于5%的比例抽查。"])


def test_who_acts_at_a_rate_is_not_what_the_rate_is_of():
    # "医保部门每年按多大比例抽查…": before 按 stands who does it (医保部门, 市州), and the
    # share is of the doing; a rule naming the body otherwise (省医疗保障局) states it.
    from rag.answer.constraints.values import ValueCheck, asks_value, value_head

    question = "四川的医保部门每年按多大比例抽查结余留用的核算资料？"
    assert value_head(question, "percent") == ""
    assert value_head("那青海呢？市州按多大比例抽查检查报告？", "percent") == ""
    assert value_head("住院报销比例是多少？", "percent") == "住院报销比例"
    check = ValueCheck(question, asks_value(question))
    assert (
        check.missed(["第八条　省医疗保障局每年按照不低于10%的比例抽查各市（州）核算资料。"]) == []
    )
    assert check.missed(["第二条　医保部门应当在每个采购周期结束后3个月内完成核算。"]) == [
        "percent"
    ]


def test_a_noun_counted_that_ends_in_a_classifier_is_counted_in_it():
    # "几个病例就要报？" is answered by "3例以上": 病例 is counted in 例.
    from rag.answer.constraints.values import count_pattern

    cases = count_pattern("现在几个病例就要报，几小时内报？")
    assert cases.search("同一班级1天内出现3例以上相同症状病例的")
    assert not cases.search("学校应当在2小时内报告属地疾控机构。")
    # "几个胚胎" is answered by "不超过2枚": 个 stands for the classifier an object is counted
    # in; a number of times is still no count of them.
    embryos = count_pattern("一次最多能移植几个胚胎？")
    assert embryos.search("每个移植周期移植胚胎数不超过2枚。")
    assert not embryos.search("每个周期最多移植1次。")


def test_a_question_naming_only_an_attachments_topic_is_answered_by_the_letters_own_items():
    # "…做临床营养质量评价，要是连着两回排在最后会怎么样？" names the topic of 《…临床营养质量评价
    # 细则》, not the 细则 (it says no 细则): the letter's own item on it answers. Asked of the
    # 细则 by name, the letter still stands in for it.
    title = "示例区卫生健康局关于印发《示例区医疗机构临床营养质量评价细则》的通知"
    text = (
        f"{title}\n示区卫健〔2036〕21号\n区属各医疗机构：\n"
        "一、辖区8家二级以上医院全部纳入临床营养质量评价，评价结果每季度通报1次。\n"
        "二、连续2次评价排名末位的医院，由区卫生健康局约谈其分管负责人，当年评先评优实行一票否决。\n"
        "根据上级要求，区卫生健康局制定了《示例区医疗机构临床营养质量评价细则》，现印发给你们。\n"
        "附件：示例区医疗机构临床营养质量评价细则\n示例区卫生健康局\n2036年3月1日\n"
    )
    letter = _notice("l", title, "示例", "", text)
    assert attachment_missing(letter) == "《示例区医疗机构临床营养质量评价细则》"
    item = (
        "二、连续2次评价排名末位的医院，由区卫生健康局约谈其分管负责人，当年评先评优实行一票否决。"
    )
    topic = constraints_of("示例区的医院做临床营养质量评价，要是连着两回排在最后会怎么样？")
    assert unmet(topic, [_cite("l", item)], {"l": letter}) == []
    named = constraints_of("示例区医疗机构临床营养质量评价细则里，盲样考核不合格扣几分？")
    assert [m.kind for m in unmet(named, [_cite("l", item)], {"l": letter})][-1] == "attachment"


def test_how_fast_asks_a_length_of_time_held_in_minutes_or_working_days():
    # "接到请求后要多快到现场？" asks how long it may take: 城区30分钟内 answers, and the value
    # check wants a length of time (a sentence with none does not answer).
    from rag.answer.constraints.values import ValueCheck, asks_value
    from rag.answer.scoring import holds_asked

    question = "应急处置队伍接到请求后要多快到现场？"
    assert "duration" in asks_value(question)
    holds = holds_asked(question)
    assert holds is not None
    assert holds("县级应急处置小组接到处置请求后，城区30分钟内、乡镇1小时内到达现场。")
    assert not holds("为保障在册患者规律服药，及时处置病情急性发作，制定本办法。")
    assert ValueCheck(question, asks_value(question)).missed(["城区30分钟内到达现场。"]) == []
    assert holds_asked("多长时间内要上传？")("应当在5个工作日内上传结果。")
    # How fast is answered by a time limit, not by any length of time a sentence holds.
    fast = holds_asked("冷藏车温度超了，运输公司得多快跟药厂说？")
    assert fast is not None and fast("承运单位应当在2小时内向持有人报告。")
    assert not fast("温度记录间隔时间不超过5分钟。")
    assert not fast("温度监测记录应当保存至疫苗有效期满后不少于5年。")
    # Beside 多久, any length of time answers the other ask.
    both = holds_asked("从进医院门到打通血管最多能拖多久？心电图多快得做上？")
    assert both is not None and both("进门到导丝通过时间不超过75分钟。")


def test_more_given_on_top_of_an_allowance_names_no_thing_the_amount_is_of():
    # "市里每个月还额外多给多少钱？": 额外 is "on top", 多 "more", 每个月 how often; none is
    # what the amount is of, and "每人每月再增加50元" states it.
    from rag.answer.constraints.values import ValueCheck, asks_value, value_head

    question = "临沂的村医除了省里发的岗位补助，市里每个月还额外多给多少钱？"
    assert value_head(question, "money") == ""
    check = ValueCheck(question, asks_value(question))
    assert check.missed(["市级财政在省级岗位补助基础上，对在岗乡村医生每人每月再增加50元。"]) == []
    assert value_head("医保每个月报销多大比例？", "percent") == "医保报销"
    # Who acts stands before how often, and 要 says it must: "每年要抽检" asks of 抽检.
    assert value_head("小区二次供水设施，卫生监督部门每年要抽检多大比例？", "percent") == "抽检"


def test_once_a_term_states_how_often():
    # "多久请家长进去看看伙食？": 每学期至少举办1次 says how often; the value check hears it.
    from rag.answer.constraints.values import ValueCheck, asks_value

    question = "托育园多久请家长进去看看孩子们的伙食？"
    check = ValueCheck(question, asks_value(question))
    assert check.missed(["托育机构每学期至少举办1次家长膳食开放日。"]) == []
    often = ValueCheck("视力多久查一次？", asks_value("视力多久查一次？"))
    assert often.missed(["学校每学期组织1次视力筛查。"]) == []
    assert often.missed(["筛查结果保存3年。"]) == ["duration"]


def test_a_count_of_visits_asked_in_trips_is_a_count_of_times():
    # "一星期至少能来几趟？" counts visits: 每周至少3次 answers, a sentence without a count
    # of times does not.
    from rag.answer.constraints.values import ValueCheck, asks_value
    from rag.answer.scoring import holds_asked

    question = "社区医生一星期至少能来几趟？"
    holds = holds_asked(question)
    assert holds is not None and holds("居家上门服务调整为每周至少3次。")
    assert not holds("签约医疗机构提供居家上门服务。")
    check = ValueCheck(question, asks_value(question))
    assert check.missed(["居家上门服务调整为每周至少3次。"]) == []
    assert check.missed(["签约医疗机构提供居家上门服务。"]) == ["count"]


@pytest.mark.parametrize(
    ("question", "stated", "not_stated"),
    [
        # a population, written with what it is of between number and 人口
        (
            "县城的固定献血屋，按规定多少人口就得设一个？",
            "第五条　设区市按照每20万服务人口不少于1个的标准设置固定采血点。",
            "第五条　固定采血点的设置数量由省级卫生健康行政部门统筹确定。",
        ),
        # a kind of the unit asked: 学分 of 几分, 周岁 of 几岁, 人份 of 多少份
        (
            "医生在网上学的最多能算几分？",
            "其中通过网络学习取得的学分不超过12学分。",
            "网络学习的学分由省级继续医学教育委员会认定。",
        ),
        (
            "孩子长到几岁的时候要随访？",
            "各机构应当在子代满2周岁、满4周岁时各至少开展1次健康随访。",
            "各机构应当定期开展子代健康随访。",
        ),
        (
            "门诊平时至少得备着多少份免疫球蛋白？",
            "处置门诊被动免疫制剂库存不少于15人份。",
            "处置门诊应当储备被动免疫制剂。",
        ),
        # who requires, before 要求, is not what the share is of
        (
            "2031年的工作规范要求覆盖多大比例？",
            "第三条　每年对已备案机构开展日常监督检查，覆盖比例不低于35%。",
            "第三条　每年对已备案机构开展日常监督检查。",
        ),
        # people counted without a classifier
        (
            "一个体检医生一天最多给多少学生体检？",
            "每名体检医师每日体检学生不超过100人。",
            "每名体检医师每日体检时间不超过8小时。",
        ),
    ],
)
def test_a_value_asked_is_met_in_the_words_a_notice_writes_it_in(question, stated, not_stated):
    from rag.answer.constraints.values import ValueCheck, asks_value

    kinds = asks_value(question)
    assert kinds == ["count"] or kinds == ["percent"], kinds
    check = ValueCheck(question, kinds)
    assert check.missed([stated]) == []
    assert check.missed([not_stated]) == kinds


def test_a_word_opening_with_a_unit_asks_no_length_of_time():
    # 周 of 周转金 is no week; 给多少学生 asks how many students, not an amount.
    from rag.answer.constraints.values import asks_value

    assert "duration" not in asks_value("医保给配送企业预付多少周转金？")
    assert asks_value("这个病要几周才能好？") == ["duration"]
    assert "money" not in asks_value("一个医生一天最多给多少学生体检？")
    assert asks_value("复核不合格的要罚多少？") == ["money"]


def test_several_places_named_before_another_asking_word_ask_no_count():
    # "鲁南几个市县级医院的社工督导是怎么安排的" asks how; its 几个市 is "the several cities".
    from rag.answer.constraints.values import asks_value
    from rag.answer.questions import answer_types

    question = "鲁卫医政〔2035〕12号 对鲁南几个市县级医院的社工督导是怎么安排的？"
    assert asks_value(question) == [] and answer_types(question) == []
    assert asks_value("要配几个社工？怎么考核？") == ["count"]
    assert answer_types("要配几个社工？怎么考核？") == ["count"]


LAST_YEAR_REPORT = """医院一键报警全覆盖　安检查获管制刀具两千余把
云南日报2036年2月17日第6版
本报讯　记者从省卫生健康委获悉，医院安全秩序管理持续加强。数据显示，去年全省共有1126家医院完成一键报警装置联网，医院安检查获管制刀具2317把。
"""  # noqa: E501


def test_a_report_telling_last_year_meets_the_year_it_tells(tmp_path):
    answer = ask_over(
        tmp_path,
        {"report.txt": LAST_YEAR_REPORT},
        "云南日报报道，2035年全省有多少家医院完成了一键报警联网？",
    )
    assert not answer.refused, answer.text
    assert "1126家" in answer.text and not answer.unmet, answer.text


def test_a_kind_of_person_said_long_term_states_no_length_of_time():
    # 异地长期居住人员 names who; the sentence leaving the time to the provinces states none.
    from rag.answer.constraints.values import ValueCheck, asks_value

    question = "国家医保局的备案通知，规定异地长期居住人员备案后满多久才能变更或取消？"
    check = ValueCheck(question, asks_value(question))
    left = (
        "异地长期居住人员办理备案后申请变更或者取消备案的时间要求，由各省级医疗保障部门自行确定。"
    )
    assert check.missed([left]) == ["duration"]
    assert check.missed(["备案信息长期有效。"]) == []
    assert check.missed(["备案资料长期保存，不得销毁。"]) == []


def test_a_letter_sending_its_document_as_an_attachment_stands_in_for_it():
    # "制定了《X》，作为附件一并印发" hands X over as the letter's attachment; the letter's own
    # three requirements are not X's text.
    title = "示例市卫生健康委员会关于印发《示例市门诊预约服务评价细则》的通知"
    text = (
        title + "\n示卫〔2031〕52号\n各区卫生健康委：\n"
        "依据省里的管理办法，市卫生健康委制定了《示例市门诊预约服务评价细则》，作为附件一并印发，"
        "同时提出以下工作要求：\n"
        "一、各区各确定1名预约服务质控员，负责评价数据的收集和核实。\n"
        "二、群众对预约服务的投诉，医院应当在5个工作日内答复。\n"
        "三、《细则》有效期三年，从2031年2月8日开始施行。\n"
        "附件：示例市门诊预约服务评价细则\n示例市卫生健康委员会\n2031年1月19日\n"
    )
    assert (
        attachment_missing(_notice("z", title, "示例", "", text))
        == "《示例市门诊预约服务评价细则》"
    )
