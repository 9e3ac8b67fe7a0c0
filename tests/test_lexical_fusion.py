"""BM25 tokenisation, fusion and query analysis: the pure parts of retrieval."""

from __future__ import annotations

from rag.lexical import LexicalIndex, tokenize
from rag.query_filters import place_asked, places_asked, searched_asks
from rag.records import Notice
from rag.retrieve import Filters, analyse_query, diversify, fuse_rrf, national_bodies


def test_tokenize_chinese_unigrams_and_bigrams():
    assert tokenize("互联网医院") == ["互", "联", "网", "医", "院", "互联", "联网", "网医", "医院"]
    assert tokenize("DRG付费 2020年") == ["drg", "付", "费", "付费", "2020", "年"]
    assert tokenize("，。！") == []


def test_bm25_ranks_the_matching_passage_first(tmp_path):
    docs = [
        "各地要加快推进国家医学中心和国家区域医疗中心设置工作。",
        "每个地级以上城市至少建成1个符合运行要求的医疗废物集中处置设施。",
        "互联网医院应当严格执行信息安全和医疗数据保密的有关法律法规。",
    ]
    index = LexicalIndex.build(docs)
    scores = index.scores("医疗废物处置设施要建几个？")
    assert scores.argmax() == 1
    assert index.scores("qqq").sum() == 0
    index.save(tmp_path / "lex")
    again = LexicalIndex.load(tmp_path / "lex")
    assert (again.scores("互联网医院") == index.scores("互联网医院")).all()


def test_a_traditional_character_passage_is_found_by_a_simplified_question(tmp_path):
    docs = [
        "河南省住院医师规范化培训学员生活补助每人每月不低于3000元。",
        "洛陽市衛生健康委員會：培訓基地向學員發放的生活補助每人每月不低於3300元。",
    ]
    index = LexicalIndex.build(docs)
    assert index.scores("洛阳市的住培学员生活补助每月多少？").argmax() == 1
    assert index.scores("洛陽市的生活補助").argmax() == 1
    # An index saved before passages were read in simplified characters is queried as it
    # was built.
    index.save(tmp_path / "lex")
    meta = tmp_path / "lex" / "lexical.json"
    meta.write_text(meta.read_text("utf-8").replace(', "simplified": true', ""), "utf-8")
    assert not LexicalIndex.load(tmp_path / "lex").fold


def test_weighted_rrf():
    fused = fuse_rrf([[1, 2, 3], [3, 2]], weights=[1.0, 1.0], k=60)
    assert max(fused, key=fused.get) in (2, 3)
    only_lexical = fuse_rrf([[1, 2, 3], [3, 2]], weights=[0.0, 1.0])
    assert max(only_lexical, key=only_lexical.get) == 3 and 1 not in only_lexical
    # A weight shifts the winner: the same item at rank 1 in the heavier list wins.
    heavy = fuse_rrf([[1, 2], [2, 1]], weights=[2.0, 1.0])
    assert heavy[1] > heavy[2]


def test_diversify_caps_chunks_per_notice_and_fills_up():
    order = [0, 1, 2, 3, 4]
    notice_of = ["a", "a", "a", "b", "a"]
    assert diversify(order, notice_of, k=3, per_notice=2) == [0, 1, 3]
    # Fewer distinct notices than k: held-back chunks fill the list.
    assert diversify(order, notice_of, k=5, per_notice=2) == [0, 1, 3, 2, 4]


def test_analyse_query_reads_docno_region_and_year():
    numbers, filters, rest = analyse_query("国卫办医函[2020]357号讲了什么？", {"福建", "全国"})
    assert numbers == ["国卫办医函〔2020〕357号"]
    assert "357" not in rest
    _, filters, _ = analyse_query("福建省对新冠检测试剂采购有什么规定？", {"福建", "全国"})
    # Read from the question: notices of unknown region are kept.
    assert filters == Filters(region="福建", keep_unknown=True)
    _, filters, _ = analyse_query("2023年国家对紧密型县域医共体有什么要求", {"全国"})
    assert filters.year == 2023
    # Two provinces, or a province the index does not hold, filter nothing.
    _, filters, _ = analyse_query("福建和四川有什么不同", {"福建", "四川"})
    assert filters.is_empty()
    _, filters, _ = analyse_query("西藏有什么规定", {"福建"})
    assert filters.is_empty()
    # …nor does a province beside one the index does not hold ("山东和河南各是哪支医疗队").
    _, filters, _ = analyse_query("表彰决定里山东和河南各是哪支医疗队？", {"山东", "全国"})
    assert filters.is_empty()


def test_a_province_read_from_a_question_keeps_a_national_notice_titled_with_it():
    def notice(title: str, region: str) -> Notice:
        return Notice("n", "", title, "", region, "2020-05-11", "", "", (), "t.txt", title)

    inferred = Filters(region="上海", keep_unknown=True)
    about = notice("关于推广上海市发热门诊建设管理工作经验的通知", "全国")
    assert inferred.allows(about)
    assert not inferred.allows(notice("关于推广发热门诊建设管理工作经验的通知", "全国"))
    assert not inferred.allows(notice("关于推广上海市发热门诊经验的通知", "江苏"))
    # A filter the user set is kept to the notices of that province.
    assert not Filters(region="上海").allows(about)


def test_a_year_read_from_a_question_keeps_a_report_printed_after_the_year_it_tells_of():
    def text(doc_number: str, body: str, date: str = "2025-01-21") -> Notice:
        title = "网上开的药 药师半小时内审完"
        return Notice("n", doc_number, title, "", "上海", date, "", "", (), "t.txt", body)

    report = text("", "本报讯 据统计，2024年全市已有互联网医院142家，抽查合格率为98.6%。")
    _, inferred, _ = analyse_query("解放日报报道，2024年上海有多少家互联网医院？", {"上海"})
    assert (inferred.region, inferred.year, inferred.reports) == ("上海", 2024, True)
    assert inferred.allows(report)
    assert Filters(year=2023, year_to=2024, keep_unknown=True, reports=True).allows(report)
    # It must tell of the year asked and be printed after it; a notice with a 文号 is dated
    # by its issuing.
    assert not Filters(year=2023, keep_unknown=True, reports=True).allows(report)
    assert not inferred.allows(text("", report.text, "2023-12-01"))
    assert not inferred.allows(text("沪卫药政〔2025〕3号", report.text))
    # A question not asking of a report names the year of the document it asks about.
    _, dated, _ = analyse_query("上海2024年公布的互联网医院名单有多少家？", {"上海"})
    assert dated.year == 2024 and not dated.allows(report)
    # A year the user set is kept to the texts dated in it.
    assert not Filters(region="上海", year=2024, reports=True).allows(report)


def test_a_deadline_or_target_year_is_no_year_filter():
    # The year a question asks a target for is not the year of the notice that sets it:
    # a 2020 notice says what coverage to reach "到2021年".
    for question in (
        "河北省合理用药考核到2021年各级医疗机构覆盖率要达到多少？",
        "要求2021年底前建立全国医疗废物信息平台的是哪个文件？",
        "从2024年起门诊统筹怎么报销？",
        "2026年4月1日起长沙县还按每人每月1000元发乡村医生岗位补助吗？",
    ):
        _, filters, _ = analyse_query(question, {"河北", "全国"})
        assert filters.year is None, question
    _, filters, _ = analyse_query("2021年河北省印发的合理用药考核文件有哪些？", {"河北", "全国"})
    assert filters.year == 2021


def test_a_year_or_place_of_one_of_several_places_asked_is_no_filter():
    # The year dates 山西's 办法, not the national notice or 四川's 规范 asked beside it.
    regions = {"全国", "四川", "山西", "江苏", "重庆"}
    question = (
        "营养午餐每周至少多少种食物？国家的通知、四川的管理规范和山西2024年的办法各要求多少种？"
    )
    _, filters, _ = analyse_query(question, regions)
    assert filters.is_empty()
    # (The nation is one of the places asked of: its notice is read among the first.)
    assert set(places_asked(question, regions)) == {"全国", "四川", "山西"}
    # 苏州 (江苏's), named bare and listed beside 重庆, is a second place: 重庆 filters nothing.
    _, filters, _ = analyse_query(
        "乡镇卫生院医责险保费，苏州和重庆万州区的财政分别补助多少？", regions
    )
    assert filters.is_empty()
    # 中卫 of 专项救治中卫健部门 is no place.
    _, filters, _ = analyse_query("重庆大病专项救治中卫健部门管什么？", regions)
    assert filters.region == "重庆"


def test_province_beside_a_national_body_is_a_topic_not_a_filter():
    regions = {"河北", "上海", "全国"}
    _, filters, _ = analyse_query(
        "国家和河北省关于学习宣传《基本医疗卫生与健康促进法》发了什么文件？", regions
    )
    assert filters.is_empty()
    _, filters, _ = analyse_query("国家层面推广上海市发热门诊建设管理经验的是哪个文件？", regions)
    assert filters.is_empty()


def test_a_province_beside_another_place_or_a_national_body_is_no_filter():
    regions = {"河北", "浙江", "甘肃", "全国"}
    notices = [
        Notice(
            "n1",
            "民发〔2030〕46号",
            "关于做好养老院服务质量建设专项行动工作的通知",
            "民政部、住房城乡建设部、国家卫生健康委办公厅",
            "全国",
            "2030-04-22",
            "",
            "",
            (),
            "t.txt",
            "",
        ),
        Notice(
            "n2",
            "",
            "示例通知",
            "河北省卫生健康委员会",
            "河北",
            "2030-01-01",
            "",
            "",
            (),
            "t.txt",
            "",
        ),
    ]
    bodies = national_bodies(notices)
    assert {"民政部", "住房城乡建设部", "国家卫生健康委"} <= bodies
    assert not any("河北" in b for b in bodies)
    # A national body the index holds, named beside a province: both are asked about.
    question = "民政部等五部门的养老院专项行动通知和河北老年健康服务体系意见分别提出了什么办法？"
    _, filters, _ = analyse_query(question, regions, bodies)
    assert filters.region == ""
    # Without the index's bodies the same question reads 河北 as a filter.
    assert analyse_query(question, regions)[1].region == "河北"
    # A city of another province is a second place.
    _, filters, _ = analyse_query("浙江的医改通知和平凉市的分工各是怎么定的？", regions, bodies)
    assert filters.region == ""
    # A province alone still filters.
    _, filters, _ = analyse_query("河北省老年健康服务体系有哪些措施？", regions, bodies)
    assert filters.region == "河北"


def test_the_nation_listed_among_the_places_asked_is_read_with_them():
    # "国家、上海、宁夏各…": the national notice is one of three asked of, so the first
    # passages read hold one of its own; a country a notice speaks of is no such place.
    regions = {"全国", "上海", "宁夏", "湖北"}
    question = "办健康证体检完，机构要在几个工作日内出结果？国家、上海、宁夏各是怎么规定的？"
    assert set(places_asked(question, regions)) == {"全国", "上海", "宁夏"}
    assert set(places_asked("人工接通率国家是怎么要求的？湖北的通知又定了多少？", regions)) == {
        "全国",
        "湖北",
    }
    assert places_asked("疟疾流行国家回国人员，上海和湖北分别怎么管？", regions) == ["上海", "湖北"]
    # "国家对…要求": the nation asked of, before what it requires.
    assert set(places_asked("国家对三级医院要求多少？湖北的通知又定了多少？", regions)) == {
        "全国",
        "湖北",
    }


def test_a_city_named_beside_its_province_is_a_place_asked_of_too():
    # "江西省的办法和九江今年的通知": the city's own notice is asked of beside the
    # province's; a city standing for its province alone ("九江的医院…") is not listed.
    regions = {"全国", "江西", "湖北"}
    question = "国家对三级医院要求不低于多少？江西省的办法和九江今年的通知又分别定到多少？"
    assert places_asked(question, regions) == ["江西", "全国", "九江"]
    assert set(places_asked("九江的医院和湖北的医院分别要求多少？", regions)) == {"江西", "湖北"}


def test_the_one_place_a_question_asks_of_is_its_province_named_or_by_a_city():
    regions = {"全国", "山东", "河南", "江西"}
    # A bare city, a city with its suffix and a district stand for their province.
    assert place_asked("烟台一家三甲医院每百名出院病人得上报多少起？", regions) == "山东"
    assert place_asked("洛阳市的医院发生了Ⅰ级不良事件要几小时内报告？", regions) == "河南"
    assert place_asked("住涧西区，社区医生多久随访一次？", regions) == "河南"
    # A city named beside its province is still that one place.
    assert place_asked("洛阳的医院，河南省规定要在几小时内报告？", regions) == "河南"
    # Two places, no place, or a province the index holds no notice of: none.
    assert place_asked("烟台和洛阳的医院分别要报几起？", regions) == ""
    assert place_asked("九江的医院，河南省规定要几小时？", regions) == ""
    assert place_asked("医院每百名出院病人得上报多少起？", regions) == ""
    assert place_asked("南京的医院要几小时内报告？", regions) == ""


def test_an_ask_naming_only_the_places_or_documents_asked_of_is_not_searched_alone():
    # Searched alone, "国家、上海、宁夏各是怎么规定的？" finds any rule of those places (a
    # 狂犬病 门诊 rule), which would push the national notice on the topic out of the
    # passages read; it asks what the ask before it did.
    asks = searched_asks(
        "办健康证体检完，机构要在几个工作日内出结果？国家、上海、宁夏各是怎么规定的？"
    )
    assert asks == ["办健康证体检完，机构要在几个工作日内出结果？"]
    listed = searched_asks(
        "申请人道救助以后多久能审完？国家的通知、福建2034年的办法和厦门2035年的通知分别是怎么规定的？"
    )
    assert listed and all("多久能审完" in a for a in listed), listed
    # An ask of its own stays: "湖北和河南又分别定了多少？" asks a figure of them, the
    # figure the ask before it names: it is searched with that topic, in one ask ending in it.
    own = searched_asks("人工接通率国家是怎么要求的？湖北和河南又分别定了多少？")
    assert own[-1] == "人工接通率国家是怎么要求的，湖北和河南又分别定了多少？", own
    # ("海南改过以后和贵州又各是多少？" is searched for 学时 there, not for whatever 海南 and
    # 贵州 changed.)
    carried = searched_asks(
        "医院里运送医疗废物的人每年要培训多少学时？国家怎么要求的？海南改过以后和贵州又各是多少？"
    )
    assert carried == [
        "医院里运送医疗废物的人每年要培训多少学时？",
        "医院里运送医疗废物的人每年要培训多少学时，海南改过以后和贵州又各是多少？",
    ]
