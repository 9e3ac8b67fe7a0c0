"""The items of an amending notice, and what each rewrites (rag.answer.amendments)."""

from rag.answer.amendments import rewrites

AMENDING = """经研究，决定对《示例省某办法》（示卫规〔2031〕2号）作如下修改：
一、将第三条中的“20万至50万人”修改为“20万至60万人”。
二、将第六条修改为：“牵头医院每年派驻医师不少于8%。”
三、第七条中的“不少于2年”调整为“不少于3年”。
四、将原第八条中的“600元”修改为“1000元”。
五、将“30日内”修改为“15日内”。
六、在第九条后增加一条，作为第十条：“本办法由省卫生健康委负责解释。”
本通知自2032年1月1日起施行。《办法》根据本通知作相应修改，重新公布。
"""


def test_each_item_of_an_amending_notice_names_what_it_rewrites():
    found = [(r.article, r.old) for r in rewrites(AMENDING)]
    assert found == [
        (3, "20万至50万人"),
        (6, ""),  # the whole article rewritten
        (7, "不少于2年"),  # an item without 将
        (8, "600元"),  # 原第八条
        (0, "30日内"),  # words replaced wherever they stand
    ]
    # Each item's offsets open at the item itself, not at its list number.
    for r in rewrites(AMENDING):
        assert AMENDING[r.start] in "将第"


def test_an_item_may_name_a_part_without_an_article_and_say_gai_wei():
    # A notice without articles is rewritten by its 项 ("将第二项中的“…”修改为"), and an item
    # may say 改为 for 修改为.
    text = (
        "一、将第二项中的“全省统一互认项目180项”修改为“全省统一互认项目240项”。\n"
        "二、第四条中的“10日内”改为“7日内”，“15日内”改为“10日内”。\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [
        (0, "全省统一互认项目180项"),
        (4, "10日内"),
        (4, "15日内"),
    ]


def test_an_item_may_raise_or_shorten_an_articles_figures():
    # A 补充通知 raises a rule's figures without 修改为: "《办法》第四条规定的记录率相应提高：…"
    # rewrites 第四条 as "将第四条修改为" would.
    text = (
        "一、《办法》第四条规定的记录率相应提高：门诊病历吸烟史记录率应当达到65%以上。\n"
        "二、第六条规定的办结时限缩短至5个工作日。\n"
        "三、医务人员每年参加控烟培训不少于4学时。\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [(4, ""), (6, "")]


def test_a_question_asking_of_a_document_as_amended_is_told():
    from rag.answer.questions import asks_after_only

    assert asks_after_only("浙江2024年的办法和安徽2025年改过的规程分别是怎么定的？")
    assert asks_after_only("江西修改后的实施细则规定多少天？")
    assert not asks_after_only("这个办法改过没有？")
    assert not asks_after_only("修改后的办法和原来的办法相比变了多少？")


def test_a_notice_that_rewrites_nothing_has_no_items():
    assert rewrites("《办法》根据本通知作相应修改，重新公布。现将《实施方案》印发给你们。") == []


def test_the_years_a_question_names_documents_by_are_not_its_deadlines():
    from rag.answer.questions import edition_years

    # "到2025年底达到多少" is a target, not an edition the question names.
    assert edition_years("国家卫健委2023年那份通知和山西的通知分别要求到2025年底达到多少？") == {
        "2023"
    }
    assert edition_years("2021年的试行办法和2024年的新办法分别怎么要求？") == {"2021", "2024"}
    # A plan named by its span is dated by any year of it.
    assert {"2020", "2025"} <= edition_years("2020年那个试行办法和现在的2025—2027年方案各是多少？")


def test_an_item_rewriting_several_parts_of_an_article_names_each():
    # "将第三条第（一）项中的“…”修改为“…”，第（二）项中的“…”修改为“…”": each rewrite after
    # the first is named by its 项 alone, or by its words alone, and rewrites the same
    # article; a 句 is a part too.
    text = (
        "一、将第三条第（一）项中的“满2年”修改为“满1年”，第（二）项中的“20%”修改为“25%”，"
        "第（三）项中的“85%”修改为“90%”。\n"
        "二、将第六条第三句修改为：“公示无异议的，由省爱卫会命名。”\n"
        "三、将第九条中的“不少于4名”修改为“不少于6名”，“有效期2年”修改为“有效期3年”。\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [
        (3, "满2年"),
        (3, "20%"),
        (3, "85%"),
        (6, ""),
        (9, "不少于4名"),
        (9, "有效期2年"),  # named by its words alone
    ]


def test_a_report_among_the_hits_brings_the_passage_of_its_notice_that_says_what_it_retells():
    # A reading retells two figures of the 办法 it reads (3个月, 2周); the 办法's passage
    # holding them is read beside it, not its first passage (施行 and its subject only).
    from rag.answer.passages import with_reported
    from rag.records import Chunk, Hit, Notice, Reference

    rule_text = (
        "第一条　为防止输入再传播，制定本办法。\n第三条　返回人员入境后3个月内每2周随访1次。"
    )
    cut = rule_text.index("第三条")
    rule = Notice(
        "rule",
        "示卫疾控〔2035〕9号",
        "示例省防止输入再传播管理办法",
        "",
        "示例",
        "2035-03-01",
        "",
        "",
        (),
        "rule.txt",
        rule_text,
    )
    reading_text = (
        "《示例省防止输入再传播管理办法》政策解读\n"
        "答：随访由1个月内每周1次，调整为3个月内每2周1次。"
    )
    reading = Notice(
        "reading",
        "",
        "《示例省防止输入再传播管理办法》政策解读",
        "",
        "示例",
        "2035-03-05",
        "",
        "",
        (),
        "reading.txt",
        reading_text,
        references=(Reference("示卫疾控〔2035〕9号", "cites", "", "rule"),),
    )
    chunks = {
        "rule": [
            Chunk("r0", "rule", rule_text[:cut], (), 0, cut, cut),
            Chunk("r1", "rule", rule_text[cut:], (), cut, len(rule_text), len(rule_text) - cut),
        ]
    }
    report_chunk = Chunk("p0", "reading", reading_text, (), 0, len(reading_text), 40)
    hits = [Hit(1, report_chunk, "", reading.title, "", "", "示例", "reading.txt", 1.0)]
    read = with_reported(
        hits, {"rule": rule, "reading": reading}, lambda nid: chunks.get(nid, []), lambda t, c: 0.0
    )
    assert [h.chunk.chunk_id for h in read] == ["p0", "r1"]
    # A notice whose passage is among the hits already brings nothing more.
    assert (
        with_reported(read, {"rule": rule, "reading": reading}, chunks.get, lambda t, c: 0.0)
        == read
    )
