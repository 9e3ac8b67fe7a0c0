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
