"""Follow-ups about one of several notices a conversation names, elliptical follow-ups, and
questions whose answer spans several notices: through the Answerer, over a small index of
notices written for these tests (tests/fixtures/conversation/: a national notice, a
province's implementation of it, two provinces' spot checks and a news report on it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from rag.answer import Answerer
from rag.records import Chunk, Notice
from rag.retrieve import Filters, Retriever, SearchResult
from tests.conftest import ask_over, build_index, index_env, settings_for

FIXTURES = Path(__file__).parent / "fixtures" / "conversation"
NATIONAL = "国卫基药发〔2031〕5号"
HUNAN = "湘卫基药发〔2031〕7号"
GANSU = "甘卫基药函〔2031〕12号"
FUJIAN = "闽卫基药函〔2031〕9号"
FUJIAN_PRINTED = "闽卫基药函〔2031〕009号"  # as the notice prints it
REPORT = "基层药品储备新规解读：乡村两级怎么备药"

# The answer names the national notice first (what the province implements), then the
# province's own: "它" is the province's notice, which holds what the follow-up asks.
IMPLEMENTS = [
    {"role": "user", "content": "湖南省是怎么落实国家基层药品储备工作要求的？"},
    {
        "role": "assistant",
        "content": f"根据国家卫生健康委《关于加强基层药品储备工作的通知》（{NATIONAL}）精神，"
        f"湖南省卫生健康委印发了{HUNAN}实施意见，对储备天数和储备评估作了规定。",
    },
]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = index_env(tmp_path_factory.mktemp("followups"))
    build_index(env, FIXTURES)
    return env


@pytest.fixture(scope="module")
def retriever(env):
    return Retriever.open(settings=settings_for(env))


@pytest.fixture(scope="module")
def answerer(retriever):
    return Answerer(retriever)


def _cited(answer) -> set[str]:
    return {c.doc_number or c.title for c in answer.citations}


def test_follow_up_is_about_the_named_notice_that_holds_what_it_asks(answerer):
    answer = answerer.ask("它对乡镇卫生院药品储备量有什么要求？", IMPLEMENTS)
    assert not answer.refused, answer.text
    assert HUNAN in answer.standalone
    assert "45天" in answer.text
    assert _cited(answer) == {HUNAN}


def test_follow_up_names_the_place_the_user_asked_about_when_both_notices_hold_it(answerer):
    # Both notices say something of 乡镇卫生院 and 储备; the user asked about 湖南省.
    answer = answerer.ask("它对乡镇卫生院储备药品有什么要求？", IMPLEMENTS)
    assert HUNAN in answer.standalone
    assert _cited(answer) == {HUNAN}


def test_follow_up_about_this_report_reads_the_report(answerer):
    history = [
        {"role": "user", "content": "国家基层药品储备新规有媒体解读吗？"},
        {
            "role": "assistant",
            "content": f"{NATIONAL}要求乡镇卫生院储备品种不少于80种。另据示例健康报"
            f"《{REPORT}》报道，村卫生室可以通过县域中心药房补货。",
        },
    ]
    answer = answerer.ask("这篇报道说村卫生室遇到缺药怎么办？", history)
    assert not answer.refused, answer.text
    assert "当天调剂" in answer.text
    assert _cited(answer) == {REPORT}


def test_a_notice_the_index_lacks_is_not_the_topic(answerer):
    # The answer names a 文号 no notice carries, then the report by its title.
    history = [
        {"role": "user", "content": "村卫生室补货有什么新办法？"},
        {
            "role": "assistant",
            "content": f"国卫基药发〔2030〕99号曾作过部署；示例健康报《{REPORT}》也有报道。",
        },
    ]
    answer = answerer.ask("这篇报道说村卫生室通过什么渠道补货？", history)
    assert not answer.refused, answer.text
    assert "县域中心药房" in answer.text
    assert _cited(answer) == {REPORT}


def test_elliptical_follow_up_keeps_the_frame_of_the_last_question(answerer):
    history = [
        {"role": "user", "content": "湖南省城市社区卫生服务中心多久开展一次药品储备评估？"},
        {"role": "assistant", "content": f"每年开展一次（{HUNAN}）。"},
    ]
    answer = answerer.ask("那农村呢？", history)
    assert not answer.refused, answer.text
    assert "药品储备评估" in answer.standalone  # the last question's frame
    assert "每半年" in answer.text
    assert "城市社区卫生服务中心每年" not in answer.text


def test_elliptical_follow_up_moved_to_another_place_reads_that_place(answerer):
    history = [
        {"role": "user", "content": "甘肃省基层药品储备抽查比例是多少？"},
        {"role": "assistant", "content": f"不低于辖区机构总数的30%（{GANSU}）。"},
    ]
    answer = answerer.ask("那福建省呢？", history)
    assert not answer.refused, answer.text
    assert "15%" in answer.text
    assert _cited(answer) == {FUJIAN}


def test_a_follow_up_opening_with_a_fragment_keeps_the_frame_of_the_last_question(answerer):
    # "福建省呢？比例是不是更低？" names no 那 and asks briefly of the fragment: it asks the
    # last question again, of 福建, and is answered from 福建's notice.
    history = [
        {"role": "user", "content": "甘肃省基层药品储备抽查比例是多少？"},
        {"role": "assistant", "content": f"不低于辖区机构总数的30%（{GANSU}）。"},
    ]
    from rag.answer import is_follow_up

    assert is_follow_up("福建省呢？比例是不是更低？")
    answer = answerer.ask("福建省呢？比例是不是更低？", history)
    assert not answer.refused, answer.text
    assert "15%" in answer.text
    assert _cited(answer) == {FUJIAN}


def test_a_list_introduced_by_a_colon_is_quoted_whole(answerer):
    answer = answerer.ask("短缺药品监测的主要内容包括哪些？")
    assert not answer.refused, answer.text
    for item in ("库存数量", "有效期", "到货时间", "缺药登记", "调剂使用记录"):
        assert item in answer.text


def test_which_documents_and_their_numbers_are_answered_for_each(answerer):
    answer = answerer.ask("甘肃和福建的基层药品储备抽查通知分别是什么文号？")
    assert not answer.refused, answer.text
    # The Fujian notice prints its number 009: the answer writes it so; the citation
    # carries the normalised 文号 every lookup uses.
    assert GANSU in answer.text and FUJIAN_PRINTED in answer.text
    assert FUJIAN not in answer.text
    assert _cited(answer) == {GANSU, FUJIAN}


class _OpeningsFirst:
    """A retriever that ranks each notice by its opening passages: what a search brings
    when a notice's other passages match the question's wording better than the one that
    answers it."""

    def __init__(self, retriever: Retriever) -> None:
        self.inner = retriever
        self.settings = retriever.settings

    @property
    def chunks(self) -> Sequence[Chunk]:
        return self.inner.chunks

    @property
    def notices(self) -> Mapping[str, Notice]:
        return self.inner.notices

    def search(
        self, query: str, k: int = 10, filters: Filters | None = None, *, fusion=None
    ) -> SearchResult:
        result = self.inner.search(query, k=k, filters=filters, fusion=fusion)
        hits, seen = [], set()
        for hit in result.hits:
            if hit.chunk.notice_id in seen:
                continue
            seen.add(hit.chunk.notice_id)
            opening = [c for c in self.inner.chunks if c.notice_id == hit.chunk.notice_id][:2]
            hits.extend(replace(hit, chunk=c) for c in opening)
        return replace(result, hits=[replace(h, rank=i + 1) for i, h in enumerate(hits[:k])])


def test_a_comparison_reads_each_notice_at_the_passage_that_answers(retriever):
    answerer = Answerer(_OpeningsFirst(retriever))
    answer = answerer.ask("甘肃和福建对基层药品储备的抽查比例分别是怎么要求的？")
    assert not answer.refused, answer.text
    assert "30%" in answer.text and "15%" in answer.text
    assert _cited(answer) == {GANSU, FUJIAN}
    # Every citation quotes a passage the answer lists among its hits.
    listed = {h.chunk.chunk_id for h in answer.hits}
    assert all(c.chunk_id in listed for c in answer.citations)


# A conversation that names its notice only loosely: the user asks about a province's rule
# in their own words, and the answer quotes it without title or 文号
# (tests/fixtures/conversation-loose/: the province's notice, which has no 文号, another
# province's notice on the same words, and a notice on another subject).
LOOSE = Path(__file__).parent / "fixtures" / "conversation-loose"
JIANGXI = "江西省卫生健康委关于做好村卫生室常用药品配送工作的通知"
HUBEI = "鄂医保函〔2031〕21号"
SHANDONG = "鲁卫疾控函〔2031〕6号"
DELIVERY = [
    {"role": "user", "content": "江西村卫生室的常用药品怎么配送？"},
    {"role": "assistant", "content": "由县级配送企业统一配送，每周至少配送一次。"},
]


def _answerer_over(tmp_path_factory, folder: Path) -> Answerer:
    """An answerer over an index of the notices in ``folder``, built as a user builds it."""
    env = index_env(tmp_path_factory.mktemp(folder.name))
    build_index(env, folder)
    return Answerer(Retriever.open(settings=settings_for(env)))


@pytest.fixture(scope="module")
def loose(tmp_path_factory):
    return _answerer_over(tmp_path_factory, LOOSE)


def test_an_unanchored_follow_up_is_about_the_notice_that_answered_the_conversation(loose):
    # Asked alone, the question is about 湖北's notice, which holds its words best.
    alone = loose.ask("配送费用由谁承担？")
    assert _cited(alone) == {HUBEI}, alone.text
    answer = loose.ask("配送费用由谁承担？", DELIVERY)
    assert not answer.refused, answer.text
    assert "县级财政" in answer.text
    assert _cited(answer) == {JIANGXI}


def test_the_conversations_notice_carries_through_several_loose_turns(loose):
    history = [
        *DELIVERY,
        {"role": "user", "content": "配送费用由谁承担？"},
        {"role": "assistant", "content": "由县级财政承担。"},
    ]
    # Asked alone, the question is about 湖北's notice again (它的台账保存不少于5年).
    assert _cited(loose.ask("配送台账要保存多长时间？")) == {HUBEI}
    answer = loose.ask("配送台账要保存多长时间？", history)
    assert not answer.refused, answer.text
    assert "不少于3年" in answer.text
    assert _cited(answer) == {JIANGXI}


def test_a_follow_up_on_another_subject_is_not_held_to_the_conversations_notice(loose):
    answer = loose.ask("那儿童疫苗冷藏冰箱每天记录几次温度？", DELIVERY)
    assert not answer.refused, answer.text
    assert JIANGXI not in answer.standalone
    assert "每日两次" in answer.text
    assert _cited(answer) == {SHANDONG}


def test_a_follow_up_that_names_another_place_reads_that_places_notice(loose):
    answer = loose.ask("湖北那边，这个配送费用由谁承担？", DELIVERY)
    assert not answer.refused, answer.text
    assert "由配送企业承担" in answer.text
    assert _cited(answer) == {HUBEI}


def test_a_filter_the_conversations_notice_fails_is_kept(loose):
    answer = loose.ask("配送费用由谁承担？", DELIVERY, filters=Filters(region="湖北"))
    assert not answer.refused, answer.text
    assert _cited(answer) == {HUBEI}


def test_a_year_no_notice_is_dated_in_does_not_narrow_the_search(retriever):
    # The notices date from 2031; "2019年那个…" names a document they only mention, and as a
    # filter it would leave only the undated news report.
    result = retriever.search("2019年那个基层药品储备的通知要求乡镇卫生院储备多少天？", k=5)
    assert result.filters.year is None
    assert {h.doc_number for h in result.hits} - {""}
    # A year that dates notices of the index still narrows.
    assert retriever.search("2031年基层药品储备的通知有哪些要求？", k=5).filters.year == 2031


def test_which_notices_mention_a_thing_hears_from_each_that_mentions_it(answerer):
    # 村卫生室 stands in Fujian's and Hunan's notices and in the report, not in the others.
    answer = answerer.ask("哪些文件提到了村卫生室？各自怎么说？")
    assert not answer.refused, answer.text
    cited = _cited(answer)
    assert len(cited) >= 2 and cited <= {FUJIAN, HUNAN, REPORT}
    # Only the national notice speaks of 储备品种: the provinces' spot checks, close in
    # words, are not heard.
    assert _cited(answerer.ask("哪些文件提到了乡镇卫生院储备品种？")) == {NATIONAL}
    # A thing no notice mentions is not found by the words around it.
    assert answerer.ask("哪些文件提到了储备药品的人工智能审核？").refused


# (tests/fixtures/conversation-city/: a province's 细则 and a city's notice carrying it out,
# two notices of one province sharing words of their titles, and a 办法 with a 解读 of it.)
CITY = Path(__file__).parent / "fixtures" / "conversation-city"
GANSU_RULES = "甘卫医政发〔2031〕9号"
TIANSHUI = "天卫医发〔2031〕21号"
HEBEI_CHECK = "冀卫医函〔2030〕22号"
ON_GANSU = [
    {"role": "user", "content": "甘肃的门诊预约诊疗实施细则什么时候施行？"},
    {"role": "assistant", "content": f"{GANSU_RULES}自2031年4月1日起施行，有效期五年。"},
]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    return _answerer_over(tmp_path_factory, CITY)


def test_a_city_of_the_notices_province_turns_to_that_citys_own_notice(city):
    answer = city.ask("天水市按这个细则发的预约诊疗通知呢，执行到什么时候？", ON_GANSU)
    assert GANSU_RULES not in answer.standalone
    assert _cited(answer) == {TIANSHUI}
    assert "2033年12月31日" in answer.text
    # Named bare, as people say it, the city is heard as well.
    bare = city.ask("那天水按这个细则发的预约诊疗通知呢，执行到什么时候？", ON_GANSU)
    assert _cited(bare) == {TIANSHUI}


def test_another_notice_named_by_more_of_its_title_than_a_second_is_the_one_turned_to(city):
    # 医用织物洗涤 stands in both 河北 titles; 医用织物洗涤服务专项检查 in one only.
    question = "那河北搞医用织物洗涤服务专项检查的那个通知呢？自查什么时候前完成？"
    answer = city.ask(question, ON_GANSU)
    assert HEBEI_CHECK in answer.standalone
    assert "2030年11月30日" in answer.text


def test_which_text_says_it_is_answered_with_the_status_of_that_text(city):
    answer = city.ask("有篇材料说病案首页评价结果等次从三个调整为四个，是哪篇？它本身有效力吗？")
    assert not answer.refused
    first = answer.text.splitlines()[0]
    assert "政策解读" in first and "未知" in first


def test_a_follow_up_asking_the_rule_is_about_the_rule_not_a_reading_of_it():
    # The answer cited the 办法; a reading of it, named by the 办法's title, retells the old
    # and new figures and so holds more of "报告出具时限和档案保存时间". Asked of the rule, the
    # conversation is about the 办法; asked what the reading says, about the reading.
    from rag.answer.followup import ConversationTopics
    from rag.answer.support import TermWeights

    rule_title = "示例省卫生健康委员会关于印发《示例省职业健康检查机构管理办法》的通知"
    read_title = "《示例省职业健康检查机构管理办法》解读——省卫生健康委负责人答问"
    rule = "第二条　检查机构应当自体检结束之日起20个工作日内出具职业健康检查报告。"
    read = "答：报告出具时限由30日内缩短为20个工作日内，检查档案保存时间由10年延长为15年。"
    notices = {
        "rule": Notice("rule", "示卫职健发〔2034〕8号", rule_title, "示例省卫生健康委员会",
                       "示例", "2034-03-01", "", "", (), "r.txt", rule),
        "read": Notice("read", "", read_title, "示例省卫生健康委员会", "示例", "2034-03-05",
                       "", "", (), "q.txt", read),
    }  # fmt: skip
    chunks = [
        Chunk("r-0", "rule", rule, (), 0, len(rule), 10),
        Chunk("q-0", "read", read, (), 0, len(read), 10),
    ]
    topics = ConversationTopics(notices, chunks, TermWeights([rule, read]), 0.1)
    turns = [
        {"role": "user", "content": "示例省的职业健康检查机构管理办法对报告出具时限有什么要求？"},
        {"role": "assistant",
         "content": "按示卫职健发〔2034〕8号印发的《示例省职业健康检查机构管理办法》第二条，"
                    "20个工作日内出具。"},
    ]  # fmt: skip
    asked = "那原来的试行版呢？报告出具时限和档案保存时间是怎么定的？"
    assert topics.resolve(asked, turns).notice_id == "rule"
    asked = "那篇解读里说，报告出具时限和档案保存时间是怎么调整的？"
    assert topics.resolve(asked, turns).notice_id == "read"


def test_an_edition_named_by_the_time_it_was_on_trial_opens_a_follow_up():
    # "那2021年刚开始试行的时候呢？…" names the 2021 edition by when it was on trial; "2021年
    # 的时候" is a time, not an edition.
    from rag.answer.followup.wording import _YEAR_ONLY, opening_fragment

    opening = opening_fragment("那2021年刚开始试行的时候呢？首次评估给多少天？")
    assert opening == "2021年刚开始试行的时候" and _YEAR_ONLY.fullmatch(opening)
    assert not _YEAR_ONLY.fullmatch("2021年的时候")


def test_a_turn_naming_a_notice_by_its_short_forms_names_it():
    from rag.answer.followup import ConversationTopics

    title = "示例省人民政府办公厅关于印发示例省深化医药卫生体制改革2031年重点工作任务的通知"
    other = "示例省人民政府关于推进健康示例行动的实施意见"
    notices = {
        nid: Notice(nid, number, t, "", "全国", "2031-05-01", "", "", (), "t.txt", t)
        for nid, number, t in (("tasks", "", title), ("action", "示政发〔2031〕13号", other))
    }
    topics = ConversationTopics(notices, [], None, 0.1)  # type: ignore[arg-type]
    turns = [
        {"role": "user", "content": "示政发〔2031〕13号对癌症防治定了什么目标？"},
        {"role": "assistant", "content": "到2030年总体癌症5年生存率不低于46.6%。"},
        {"role": "user", "content": "示例省2031年的医改重点任务对村卫生室药品有什么安排？"},
        {"role": "assistant", "content": "示例省深化医改2031年重点工作任务要求配备不少于80种。"},
    ]
    # 医改 for 医药卫生体制改革: the latest turn names the tasks, before the older 文号.
    assert topics.named(turns) == ["tasks", "action"]


def test_a_document_the_last_notice_mentions_named_after_that_is_turned_to(city):
    """ "它提到的那个门诊预约诊疗实施细则…" names the document the conversation's notice cites:
    the index holds it, so the follow-up is about it, not about the notice citing it."""
    on_tianshui = [
        {"role": "user", "content": "天水市门诊预约诊疗的通知执行到什么时候？"},
        {"role": "assistant", "content": f"{TIANSHUI}执行至2033年12月31日。"},
    ]
    answer = city.ask("它提到的那个门诊预约诊疗实施细则，有效期多久？", on_tianshui)
    assert _cited(answer) == {GANSU_RULES}, answer.text
    assert "有效期五年" in answer.text


def test_a_second_elliptical_follow_up_asks_the_question_before_both():
    # "内蒙古呢？" then "江西呢？": the second asks the first question again, of 江西, not the
    # fragment before it.
    from rag.answer.followup import focus_of

    turns = [
        {"role": "user", "content": "国家对麻风病新发现病例里2级畸残的比例定了什么目标？"},
        {"role": "assistant", "content": "到2025年底控制在20%以下。"},
        {"role": "user", "content": "内蒙古呢？"},
        {"role": "assistant", "content": "到2025年底控制在18%以下。"},
    ]
    focus = focus_of("江西呢？", turns)
    assert "2级畸残的比例" in focus and focus.endswith("江西呢？")
    assert "内蒙古" not in focus


def test_a_follow_up_asking_after_the_change_drops_the_year_of_the_edition_asked_before():
    # "浙江2022年的规范…" then "那修改以后呢？": the year named the edition the change
    # rewrote; the answer comes from the amending notice of a later year, which the year
    # check must not refuse.
    from rag.answer.followup import focus_of

    turns = [
        {"role": "user", "content": "浙江2022年的处方审核规范，药师要多快审完？"},
        {"role": "assistant", "content": "按第五条，药师应当在5分钟内完成人工审核。"},
    ]
    focus = focus_of("那修改以后呢？", turns)
    assert "2022" not in focus and "处方审核规范" in focus and focus.endswith("那修改以后呢？")
    assert "2022年" in focus_of("那急诊处方呢？", turns)


TRIAL = """浙江省卫生健康委员会关于印发《浙江省托育机构卫生保健管理办法（试行）》的通知

浙卫发〔2031〕8号

各市卫生健康委：

　　现将《浙江省托育机构卫生保健管理办法（试行）》印发给你们，请认真贯彻执行。

浙江省卫生健康委员会
2031年3月2日

浙江省托育机构卫生保健管理办法（试行）

　　第一条　为加强托育机构卫生保健工作，制定本办法。
　　第二条　托育机构保健人员每年参加卫生保健培训不少于16学时。
　　第三条　本办法自2031年4月1日起施行，试行期三年。
"""
FORMAL = """浙江省卫生健康委员会关于印发《浙江省托育机构卫生保健管理办法》的通知

浙卫发〔2034〕12号

各市卫生健康委：

　　现将《浙江省托育机构卫生保健管理办法》印发给你们，请认真贯彻执行。

浙江省卫生健康委员会
2034年3月5日

浙江省托育机构卫生保健管理办法

　　第一条　为加强托育机构卫生保健工作，制定本办法。
　　第二条　托育机构保健人员每年参加卫生保健培训不少于24学时。
　　第三条　本办法自2034年4月1日起施行。
　　《浙江省托育机构卫生保健管理办法（试行）》（浙卫发〔2031〕8号）同时废止。
"""


def test_an_edition_named_by_its_year_inside_a_follow_up_is_the_one_asked(tmp_path):
    """ "那2031年那个试行办法里定的是多少？" after an answer from the 2034 办法: the question
    names the edition the 2034 one repealed and asks the last question again of it."""
    from tests.conftest import ask_over

    history = [
        {"role": "user", "content": "浙江要求托育机构保健人员每年至少培训多少学时？"},
        {
            "role": "assistant",
            "content": "按浙卫发〔2034〕12号印发的《浙江省托育机构卫生保健管理办法》第二条，"
            "托育机构保健人员每年参加卫生保健培训不少于24学时。",
        },
    ]
    docs = {"trial.txt": TRIAL, "formal.txt": FORMAL}
    answer = ask_over(tmp_path, docs, "那2031年那个试行办法里定的是多少？", history)
    assert not answer.refused, answer.text
    assert "16学时" in answer.text, answer.text
    assert "浙卫发〔2031〕8号" in {c.doc_number for c in answer.citations}


def test_a_city_after_the_follow_ups_na_is_the_city_named(tmp_path):
    """ "那曲靖市里要求到多少？": 那 opens the follow-up; the city is 曲靖, not 那曲 (a city of
    西藏)."""
    from tests.conftest import ask_over

    province = (
        "云南省卫生健康委员会关于加强麻风病密切接触者随访管理的通知\n\n云卫疾控发〔2035〕21号\n\n"
        "各州、市卫生健康委：\n\n　　一、密切接触者预防服药覆盖率不低于90%。\n"
        "　　二、发现可疑症状者应当在24小时内报告。\n\n云南省卫生健康委员会\n2035年5月29日\n"
    )
    city = (
        "曲靖市卫生健康委员会关于做好2035年麻风病防治工作的通知\n\n曲卫发〔2035〕47号\n\n"
        "各县（市、区）卫生健康局：\n\n　　一、全市新发病例家庭密切接触者全部纳入随访管理，"
        "预防服药覆盖率达到95%。\n　　二、皮肤科门诊发现可疑症状者应当在12小时内报告。\n\n"
        "曲靖市卫生健康委员会\n2035年8月6日\n"
    )
    history = [
        {"role": "user", "content": "云南现在要求麻风病密切接触者的预防服药覆盖率达到多少？"},
        {
            "role": "assistant",
            "content": "按云卫疾控发〔2035〕21号，密切接触者预防服药覆盖率不低于90%。",
        },
    ]
    docs = {"yn.txt": province, "qj.txt": city}
    answer = ask_over(tmp_path, docs, "那曲靖市里要求到多少？", history)
    assert "那曲市" not in answer.standalone, answer.standalone
    assert "95%" in answer.text, answer.text


def test_a_district_named_in_full_turns_to_its_own_notice_though_another_province_shares_it(
    tmp_path,
):
    """ "那滨海新区呢？…" after a question answered by 天津's 办法: 滨海 names a 江苏 county too,
    but 天津 has a 滨海新区, so the follow-up asks of that district's own notice, not of the
    办法 again."""
    from tests.conftest import ask_over

    rules = (
        "天津市卫生健康委员会关于印发职业健康检查机构质量管理办法的通知\n\n津卫职健〔2034〕9号\n\n"
        "各区卫生健康委：\n\n　　第四条　职业健康检查报告自检查结束之日起20个工作日内出具；"
        "发现疑似职业病的，于2个工作日内告知劳动者本人。\n"
        "　　第五条　市质量控制中心每年对全市备案机构开展1次质控评估。\n\n"
        "天津市卫生健康委员会\n2034年5月6日\n"
    )
    district = (
        "天津市滨海新区卫生健康委员会关于做好2035年职业健康检查机构质量管理工作的通知\n\n"
        "滨海卫健发〔2035〕17号\n\n各街镇社区卫生服务中心，辖区各职业健康检查机构：\n\n"
        "　　一、区卫生健康委每季度组织1次现场抽查。\n"
        "　　二、机构发现疑似职业病的，除按规定告知本人外，还应在24小时内报告区卫生健康委。\n\n"
        "天津市滨海新区卫生健康委员会\n2035年3月5日\n"
    )
    history = [
        {"role": "user", "content": "天津的职业健康检查机构发现疑似职业病，多久要告诉本人？"},
        {
            "role": "assistant",
            "content": "按津卫职健〔2034〕9号第四条，发现疑似职业病的，于2个工作日内告知本人。",
        },
    ]
    docs = {"tj.txt": rules, "bh.txt": district}
    answer = ask_over(tmp_path, docs, "那滨海新区呢？发现疑似职业病还要另外报给谁？", history)
    assert "津卫职健〔2034〕9号" not in answer.standalone, answer.standalone
    assert "24小时内" in answer.text, answer.text
    assert [c.doc_number for c in answer.citations] == ["滨海卫健发〔2035〕17号"]


def test_what_a_follow_up_adds_is_found_in_a_traditional_character_repost(tmp_path):
    """ "那农村呢？" asks the last question of 农村, which a traditional-character repost
    writes 農村: its sentences are read in simplified characters."""
    from rag.grammar import simplified
    from tests.conftest import ask_over

    repost = (
        "示例省衛生健康委員會關於印發院前醫療急救反應時間標準的通知\n\n示衛醫發〔2035〕18號\n\n"
        "各市衛生健康委：\n\n　　一、城市地區平均急救反應時間不超過12分鐘。\n"
        "　　二、農村地區平均急救反應時間不超過25分鐘。\n"
        "　　三、各市每年對急救反應時間開展1次考核。\n\n示例省衛生健康委員會\n2035年3月2日\n"
    )
    assert simplified(repost) != repost
    history = [
        {"role": "user", "content": "示例省城市地区的平均急救反应时间要求是多少？"},
        {
            "role": "assistant",
            "content": "按示卫医发〔2035〕18号，城市地区平均急救反应时间不超过12分钟。",
        },
    ]
    answer = ask_over(tmp_path, {"jj.txt": repost}, "那农村呢？", history)
    assert "25分鐘" in answer.text, answer.text
    assert "12分鐘" not in answer.text, answer.text


HEBEI_TRIAL = """河北省卫生健康委员会关于印发丙型肝炎抗病毒治疗管理办法（试行）的通知
冀卫疾控〔2031〕27号
各市（含定州、辛集市）卫生健康委：
第五条　每个设区市至少确定1家丙肝抗病毒治疗定点医院。
第七条　本办法自2031年6月8日起试行，试行期三年。
河北省卫生健康委员会
2031年5月20日
"""
HEBEI = """河北省卫生健康委员会关于印发丙型肝炎抗病毒治疗管理办法的通知
冀卫疾控〔2034〕38号
各市（含定州、辛集市）卫生健康委：
第五条　每个县（市、区）至少确定1家丙肝抗病毒治疗定点医疗机构。
第八条　本办法自2034年6月8日起施行。冀卫疾控〔2031〕27号印发的《河北省丙型肝炎抗病毒治疗管理办法（试行）》同时停止执行。
河北省卫生健康委员会
2034年5月14日
"""  # noqa: E501


def test_a_follow_up_naming_the_trial_edition_by_its_year_reads_that_edition(tmp_path):
    # "那2031年试行那一版…" names the trial edition the 2034 办法 replaced, by its year and 版.
    history = [
        {"role": "user", "content": "河北现在丙肝抗病毒治疗的定点医疗机构是怎么布局的？"},
        {
            "role": "assistant",
            "content": "按冀卫疾控〔2034〕38号印发的管理办法第五条，每个县（市、区）至少要确定1家"
            "丙肝抗病毒治疗定点医疗机构。",
        },
    ]
    answer = ask_over(
        tmp_path,
        {"trial.txt": HEBEI_TRIAL, "hebei.txt": HEBEI},
        "那2031年试行那一版是怎么定的？",
        history,
    )
    assert not answer.refused, answer.text
    assert "每个设区市至少确定1家" in answer.text, answer.text
    assert {c.doc_number for c in answer.citations} == {"冀卫疾控〔2031〕27号"}, answer.text
