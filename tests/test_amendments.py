"""The items of an amending notice, and what each rewrites (rag.answer.amendments)."""

from rag.answer.amendments import rewrites
from tests.conftest import ask_over

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
        # (a whole article written anew: 改写为)
        "三、将第六条改写为：“门诊大厅轮椅配备数量不少于8台。”\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [
        (0, "全省统一互认项目180项"),
        (4, "10日内"),
        (4, "15日内"),
        (6, ""),
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


def test_an_item_may_name_the_rule_before_the_words_it_replaces():
    # "将第七条的审核时限“15个工作日内”改为…" names the rule between the article and the words;
    # "第二条规定的接入时限由45日内调整为30日内" writes the words replaced after 由.
    text = (
        "一、将第七条的审核时限“15个工作日内”改为“10个工作日内”。\n"
        "二、《办法》第二条规定的接入时限由45日内调整为30日内。\n"
        "三、第五条规定的抽查比例由不低于10%提高至不低于15%。\n"
        "四、牧区患者复诊的，由村医协助完成身份核验。\n"
        "五、第七条中的抽查比例由“不低于5%”提高至“不低于8%”，并增加一款。\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [
        (7, "15个工作日内"),
        (2, "45日内"),
        (5, "不低于10%"),
        (7, "不低于5%"),  # the words replaced quoted after 由
    ]


def test_an_item_may_name_the_rule_by_what_states_it_or_by_de_alone():
    # "将第六条规定的抽查比例“…”" names the rule by 规定的 and its name; "将第五条的“…”"
    # by 的 alone, the words replaced following at once.
    text = (
        "三、将第六条规定的抽查比例“不低于10%”提高为“不低于15%”。\n"
        "四、将第五条的“48小时内”修改为“24小时内”。\n"
    )
    assert [(r.article, r.old) for r in rewrites(text)] == [
        (6, "不低于10%"),
        (5, "48小时内"),
    ]


def test_a_supplementary_notice_naming_the_document_with_its_place_amends_its_notice():
    # 《重庆市基层…管理办法》 is issued by a notice whose title names it without 重庆市, which
    # its issuer holds; the 补充通知 naming it amends that notice, not the national one cited.
    from rag.answer.text import amends_document

    title = "重庆市中医管理局关于《重庆市基层医疗卫生机构国医堂建设管理办法》的补充通知"
    assert amends_document(
        title, "重庆市中医管理局关于印发基层医疗卫生机构国医堂建设管理办法的通知"
    )
    assert not amends_document(title, "国家中医药局办公室关于加强基层中医馆建设的通知")
    # (贵州省 is the province, not a 州 named 贵州 before a name opening with 省)
    title = "贵州省卫生健康委员会关于《贵州省接种单位疫苗冷链设备管理办法》的补充通知"
    assert amends_document(title, "贵州省卫生健康委员会关于印发接种单位疫苗冷链设备管理办法的通知")


def test_a_question_asking_of_a_document_as_amended_is_told():
    from rag.answer.questions import asks_after_only

    assert asks_after_only("浙江2024年的办法和安徽2025年改过的规程分别是怎么定的？")
    assert asks_after_only("江西修改后的实施细则规定多少天？")
    # (a document's name may run long between the change and its kind)
    assert asks_after_only("国家的通知、上海改过的医用计量器具和医学装备质控规范，各自定的是多少？")
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


def test_a_rule_and_its_amendment_are_quoted_as_it_was_and_as_it_is():
    """ "原来要求多长时间内报告？2035年改了以后呢？": the document's article is read only as the
    partner of the item rewriting it, after the amending notice's other passages. The two
    take the better rank of the pair, so the article (worded as the question is) and the
    item (an article number and two figures) are quoted, not only the amending notice's
    other item that shares more words (an article it adds on the same matter)."""
    from rag.answer.amendments import amended_pairs, paired_ranks
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.scoring import score_sentences
    from rag.answer.support import TermWeights
    from rag.records import Chunk, Hit, Notice, Reference

    rule_text = (
        "第三条　协管员对辖区集中式供水单位每半年巡查1次，巡查情况当日录入信息系统。\n"
        "第四条　发现非法行医、非法采供血等线索的，协管员应当在48小时内报告县级卫生健康监督机构。"
    )
    amend_items = (
        "一、第三条中的“每半年巡查1次”修改为“每季度巡查1次”。\n"
        "二、第四条中的“应当在48小时内报告”修改为“应当在24小时内报告”。\n"
        "三、第五条中的“90%以上”修改为“95%以上”。"
    )
    amend_added = (
        "五、增加一条，作为第十条：“交界地区的乡镇卫生院，应当每月开展1次非法行医和非法采供血"
        "线索排查，排查结果报县级卫生健康监督机构。”原第十条顺延为第十一条。\n"
        "本通知自2035年5月6日起施行。"
    )
    amend_text = amend_items + "\n" + amend_added
    city_text = "全市卫生监督协管员每季度集中培训1次，培训结果报县级卫生健康监督机构备案。"
    title_rule = "示例省卫生健康委员会关于印发《示例省卫生监督协管服务工作规范》的通知"
    title_amend = "示例省卫生健康委员会关于修改《示例省卫生监督协管服务工作规范》的通知"
    title_city = "示例市卫生健康委员会关于加强卫生监督协管员培训的通知"

    def notice(nid: str, number: str, title: str, text: str, refs=()) -> Notice:
        return Notice(nid, number, title, "", "示例", "2035-01-01", "", "", (), f"{nid}.txt", text,
                      references=refs)  # fmt: skip

    notices = {
        "rule": notice("rule", "示卫监督〔2030〕3号", title_rule, rule_text),
        "amend": notice(
            "amend",
            "示卫监督〔2035〕8号",
            title_amend,
            amend_text,
            (Reference("示卫监督〔2030〕3号", "cites", "", "rule"),),
        ),
        "city": notice("city", "示市卫〔2035〕2号", title_city, city_text),
    }
    cut = len(amend_items) + 1

    def hit(rank: int, nid: str, start: int, end: int) -> Hit:
        n = notices[nid]
        chunk = Chunk(f"{nid}{start}", nid, n.text[start:end], (), start, end, end - start)
        return Hit(rank, chunk, n.doc_number, n.title, "", n.date, "示例", n.source, 1.0 / rank)

    hits = [
        hit(1, "amend", cut, len(amend_text)),
        hit(2, "city", 0, len(city_text)),
        hit(3, "city", 0, len(city_text)),
        hit(4, "amend", 0, cut),
        hit(5, "rule", 0, len(rule_text)),
    ]
    generator = ExtractiveGenerator(TermWeights([rule_text, amend_text, city_text]))
    question = (
        "示例省的卫生监督协管员发现有人非法行医，原来的工作规范要求多长时间内报给县里的卫生监督机构？"
        "2035年改了以后呢？"
    )
    draft = generator.generate(question, hits, notices)
    # The rule's article, found only as the item's partner (last), scores at the pair's
    # better rank: above the amending notice's added article and the city's notice.
    scored = score_sentences(
        question,
        hits,
        generator.weights,
        notices,
        lent=paired_ranks(hits, amended_pairs(hits, notices, anywhere=True)),
    )
    rule_score = max(x.score for x in scored if "48小时内报告县级" in x.text)
    assert rule_score > max(x.score for x in scored if x.text.startswith("五、"))
    assert rule_score > max(x.score for x in scored if hits[x.hit_index].source == "city.txt")
    assert not draft.refused
    assert "48小时内报告县级" in draft.text and "24小时内报告" in draft.text, draft.text


def test_two_editions_named_by_their_years_are_each_read_at_the_passage_that_answers():
    """ "2031年的试行办法要求按多大比例采？2034年的正式办法呢？" asks two notices: each is
    read at its passage holding what is asked, though the search found another passage of
    the formal edition (its 哨点医院 article, sharing more of the question's words)."""
    from rag.answer.params import DEFAULT_PARAMS
    from rag.answer.passages import notice_passages
    from rag.answer.support import TermWeights
    from rag.records import Chunk, Hit, Notice

    trial_text = "第五条　哨点医院对腹泻病例按照不低于5%的比例采集生物标本。"
    formal_parts = [
        "第二条　全省二级以上综合医院均为食源性疾病病例监测哨点医院，哨点医院不少于2家。",
        "第五条　腹泻病例生物标本采集比例不低于15%。",
        "第六条　哨点医院接诊医生每年参加监测报告培训不少于6学时。",
    ]
    formal_text = "\n".join(formal_parts)

    def notice(nid: str, title: str, date: str, text: str) -> Notice:
        return Notice(nid, "", title, "", "示例", date, "", "", (), f"{nid}.txt", text)

    notices = {
        "trial": notice(
            "trial", "示例省食源性疾病病例监测管理办法（试行）", "2031-03-01", trial_text
        ),
        "formal": notice("formal", "示例省食源性疾病病例监测管理办法", "2034-03-01", formal_text),
    }
    chunks: dict[str, list[Chunk]] = {"trial": [Chunk("t0", "trial", trial_text, (), 0, 30, 30)]}
    at = 0
    for i, part in enumerate(formal_parts):
        chunks.setdefault("formal", []).append(
            Chunk(f"f{i}", "formal", part, (), at, at + len(part), len(part))
        )
        at += len(part) + 1

    def hit(rank: int, chunk: Chunk) -> Hit:
        n = notices[chunk.notice_id]
        return Hit(rank, chunk, "", n.title, "", n.date, "示例", n.source, 1.0 / rank)

    hits = [hit(1, chunks["formal"][0]), hit(2, chunks["trial"][0]), hit(3, chunks["formal"][2])]
    question = (
        "哨点医院给拉肚子的病人采标本，2031年的试行办法要求按多大比例采？2034年的正式办法呢？"
    )
    weights = TermWeights([trial_text, *formal_parts])
    read = notice_passages(question, hits, notices, chunks.get, weights, DEFAULT_PARAMS)
    assert "f1" in [h.chunk.chunk_id for h in read]


def _notices_and_hits(rows):
    from rag.records import Chunk, Hit, Notice

    notices, hits = {}, []
    for i, (nid, number, title, region, text, refs) in enumerate(rows):
        notices[nid] = Notice(nid, number, title, "", region, "2035-01-01", "", "", (),
                              f"{nid}.txt", text, references=refs)  # fmt: skip
        hits.append(Hit(i + 1, Chunk(f"{nid}-0", nid, text, (), 0, len(text), 10), number, title,
                        "", "2035-01-01", region, f"{nid}.txt", 1.0))  # fmt: skip
    return notices, hits


def test_a_supplementary_notice_changes_the_document_its_title_names_not_one_its_text_cites():
    """ "…服务协议最短要签多久？国家的通知和陕西的管理办法各是怎么要求的？": 陕西's 补充通知 cites
    the national notice it carries out and names the 办法 it supplements in its title. It
    changes the 办法 only: the national notice is heard on its own, and 陕西's 办法 keeps
    its article, whose clause the supplement leaves as it was (协议期限不少于2年)."""
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.naming import changing_notices
    from rag.answer.support import TermWeights
    from rag.answer.text import amends_document
    from rag.records import Reference

    national = "国卫办医政函〔2035〕243号"
    measures = "《陕西省医院消毒供应中心质量管理办法》"
    rows = [
        ("cn", national, "国家卫生健康委办公厅关于规范委托消毒供应服务的通知", "全国",
         "医疗机构委托其他医院消毒供应中心提供消毒供应服务的，双方应当签订书面服务协议，"
         "协议期限不少于1年。", ()),
        ("sx", "陕卫医管发〔2035〕62号", f"陕西省卫生健康委员会关于印发{measures}的通知", "陕西",
         "第七条　医院为其他医疗机构提供消毒供应服务的，应当签订服务协议，协议期限不少于2年；"
         "器械自接收之日起48小时内返还。", ()),
        ("sup", "陕卫医管发〔2036〕9号", f"陕西省卫生健康委员会关于{measures}的补充通知", "陕西",
         "为落实国卫办医政函〔2035〕243号文件要求，现就《办法》补充通知如下："
         "一、《办法》第七条规定的器械返还时限缩短为自接收之日起24小时内。",
         (Reference(national, "cites", "", "cn"),
          Reference("陕卫医管发〔2035〕62号", "cites", "", "sx"))),
    ]  # fmt: skip
    notices, hits = _notices_and_hits(rows)
    assert amends_document(rows[2][2], rows[1][2]) and not amends_document(rows[2][2], rows[0][2])
    assert changing_notices(["cn"], hits, notices) == []
    assert changing_notices(["sx"], hits, notices) == ["sup"]
    question = (
        "医院替别的医疗机构消毒器械，双方签的服务协议最短要签多久？"
        "国家的通知和陕西的管理办法各是怎么要求的？"
    )
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "不少于1年" in draft.text and "不少于2年" in draft.text, draft.text


def test_a_title_naming_what_it_amends_without_brackets_amends_that_document_only():
    """ "关于修改陕西省严重精神障碍患者应急处置工作规范部分条款的通知" names the 规范 it amends
    without 《》 and its text cites the national notice it carries out. It amends the 规范
    only: asked what the nation and the amended 规范 each require, the national rule is
    quoted beside the item, not taken for a sentence the item rewrote (both say 2小时内)."""
    from rag.answer.amendments import amended_pairs
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.support import TermWeights
    from rag.answer.text import document_changed_bare
    from rag.records import Reference

    national = "国卫办疾控函〔2035〕158号"
    rows = [
        ("cn", national, "国家卫生健康委办公厅关于做好严重精神障碍患者应急处置工作的通知", "全国",
         "县级卫生健康行政部门组建应急医疗处置队伍，接到处置请求后，2小时内到达现场。", ()),
        ("base", "陕卫疾控〔2032〕41号",
         "陕西省卫生健康委员会关于印发严重精神障碍患者应急处置工作规范的通知", "陕西",
         "第四条　市县应急处置队伍接到处置请求后，应当在2小时内到达现场。", ()),
        ("amend", "陕卫疾控〔2035〕14号",
         "陕西省卫生健康委员会关于修改严重精神障碍患者应急处置工作规范部分条款的通知", "陕西",
         f"为落实{national}文件，省卫生健康委决定对《陕西省严重精神障碍患者应急处置工作规范》"
         "（陕卫疾控〔2032〕41号）作如下修改：\n一、第四条中的“2小时内”修改为“1小时内”。",
         (Reference(national, "cites", "", "cn"),
          Reference("陕卫疾控〔2032〕41号", "cites", "", "base"))),
    ]  # fmt: skip
    notices, hits = _notices_and_hits(rows)
    assert document_changed_bare(rows[2][2]) == "严重精神障碍患者应急处置工作规范"
    assert amended_pairs(hits, notices) == {"amend": ["base"]}
    question = (
        "严重精神障碍患者病情急性发作，应急处置队伍接到请求后要多快到现场？"
        "国家的通知和陕西省修改后的规范分别怎么规定？"
    )
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "1小时内" in draft.text, draft.text
    assert "接到处置请求后，2小时内" in draft.text, draft.text


def test_an_item_rewriting_another_clause_of_the_sentence_asked_is_not_quoted():
    """ "每人至少要连续派驻多久？": the 规范's article says how many are sent and how long each
    stays; the amending notice raised how many only. The article answers as it stands, and
    the item (a count, when a length of time is asked) is no part of the answer."""
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.support import TermWeights
    from rag.records import Reference

    rows = [
        ("base", "示卫发〔2032〕9号",
         "示例省卫生健康委员会关于印发紧密型县域医共体运行管理规范的通知", "示例",
         "第二条　牵头医院每年向每个成员乡镇卫生院派驻医师不少于2名，"
         "每人连续派驻不少于6个月。", ()),
        ("amend", "示卫发〔2035〕5号",
         "示例省卫生健康委员会关于修改紧密型县域医共体运行管理规范部分条款的通知", "示例",
         "省卫生健康委决定对《示例省紧密型县域医共体运行管理规范》（示卫发〔2032〕9号）作如下修改：\n"
         "一、将第二条中的“派驻医师不少于2名”修改为“派驻医师不少于3名”。",
         (Reference("示卫发〔2032〕9号", "cites", "", "base"),)),
    ]  # fmt: skip
    notices, hits = _notices_and_hits(rows)
    question = "示例省医共体牵头医院派到乡镇卫生院的医生，每人至少要连续派驻多久？"
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "不少于6个月" in draft.text, draft.text
    assert {hits[n - 1].doc_number for n in draft.quotes} == {"示卫发〔2032〕9号"}, draft.text


def test_an_item_tells_the_words_it_replaces_before_its_verb_after_from_or_in_a_note():
    # Unquoted: "第五条规定的3年内不得申报调整为…", "抽查比例从不低于15%提高至…" and
    # "调整为不低于30%（原为不低于15%）" each say what the rule was.
    text = (
        "（一）将《办法》第五条的抽查比例从不低于15%提高至不低于30%。\n"
        "（二）《办法》第四条所定抽查比例调整为不低于30%（原为不低于15%）。\n"
        "（三）《办法》第六条规定的3年内不得申报调整为5年内不得申报。\n"
        "（四）将第八条修改为：“申报材料应当在线提交。”\n"
    )
    found = [(r.article, r.old, r.was) for r in rewrites(text)]
    assert found == [
        (5, "", "不低于15%"),
        (4, "", "不低于15%"),
        (6, "", "3年内不得申报"),
        (8, "", ""),  # the whole article rewritten: nothing told
    ]


def _supplement_rows():
    from rag.records import Reference

    measures = "《示例省营养健康餐厅建设与管理办法》"
    return [
        ("base", "示卫食〔2033〕17号", f"示例省卫生健康委员会关于印发{measures}的通知", "示例",
         "第五条　省卫生健康委每年按照不低于15%的比例抽查营养健康餐厅运行情况。\n"
         "第六条　弄虚作假取得命名的，3年内不得再次申报。", ()),
        ("sup", "示卫食〔2035〕4号", f"示例省卫生健康委员会关于{measures}的补充通知", "示例",
         f"现对{measures}（示卫食〔2033〕17号）作如下补充规定：\n"
         "（一）将《办法》第五条的抽查比例从不低于15%提高至不低于30%。\n"
         "（二）《办法》第六条规定的3年内不得再次申报调整为5年内不得再次申报。",
         (Reference("示卫食〔2033〕17号", "cites", "", "base"),)),
    ]  # fmt: skip


def test_a_rule_asked_of_as_amended_is_quoted_from_the_item_not_the_figure_it_replaced():
    """ "修改后的…办法…最低多少？": the 办法's 第五条 (15%) was raised by the 补充通知's item,
    which tells the figure it replaced after 从; the answer quotes the item alone."""
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.support import TermWeights

    rows = _supplement_rows()
    notices, hits = _notices_and_hits(rows)
    question = "示例省修改后的营养健康餐厅管理办法，每年抽查餐厅的比例最低是多少？"
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "不低于30%" in draft.text, draft.text
    assert "按照不低于15%的比例" not in draft.text, draft.text


def test_a_notice_asked_of_by_its_number_is_heard_with_the_item_rewriting_its_rule():
    """ "示卫食〔2033〕17号…多少年内不得再次申报？": asked of as it stands, the 办法's article
    has been rewritten by the 补充通知 among the hits; its item answers beside it."""
    from dataclasses import replace

    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.support import TermWeights

    rows = _supplement_rows()
    notices, hits = _notices_and_hits(rows)
    hits = [replace(hits[0], routed=True), hits[1]]
    question = "示卫食〔2033〕17号规定，弄虚作假取得命名的，多少年内不得再次申报？"
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "5年内不得再次申报" in draft.text, draft.text
    assert "示卫食〔2035〕4号" in {hits[n - 1].doc_number for n in draft.quotes}, draft.text


NATIONAL_EQUIPMENT = """国家卫生健康委办公厅关于加强医疗机构在用医学装备预防性维护工作的通知
国卫办规划函〔2022〕37号
各省、自治区、直辖市卫生健康委：
四、完好状态。生命支持类医学装备完好率不低于95%。
国家卫生健康委办公厅
2022年3月1日
"""
ZHEJIANG_EQUIPMENT = """浙江省卫生健康委员会关于印发医疗机构医学装备维护管理办法的通知
浙卫规信〔2023〕9号
各市卫生健康委：
第四条　生命支持类医学装备完好率不低于96%。
浙江省卫生健康委员会
2023年3月1日
"""
SHANGHAI_EQUIPMENT = """上海市卫生健康委员会关于印发医疗机构医学装备质控规范的通知
沪卫规划〔2022〕11号
各区卫生健康委：
第三条　生命支持类医学装备完好率不低于93%。
第七条　医学装备使用科室应当每日开机检查并记录。
上海市卫生健康委员会
2022年5月1日
"""
SHANGHAI_AMENDMENT = """上海市卫生健康委员会关于修改医疗机构医学装备质控规范部分条款的通知
沪卫规划〔2024〕5号
各区卫生健康委：
现对《上海市医疗机构医学装备质控规范》（沪卫规划〔2022〕11号）作如下修改：
一、将第三条中的“不低于93%”修改为“不低于97%”。
二、将第四条中的“每年至少1次”修改为“每半年至少1次”，检测报告由设备管理部门归档备查。
三、将第五条中的“30日内”修改为“15日内”，逾期未完成整改的，暂停该设备临床使用。
四、将第六条中的“3名”修改为“5名”，其中具有中级以上职称的医学工程人员不少于2名。
五、在第七条后增加一条，作为第八条：“呼吸机、除颤仪、监护仪等生命支持类医学装备每季度至少开展1次预防性维护，维护记录保存不少于5年，完好情况每季度向区卫生健康委报告。”
上海市卫生健康委员会
2024年6月1日
"""
ZHEJIANG_READING = """医院里的设备谁来管、多久修？——《浙江省医疗机构医学装备维护管理办法》问答
浙江省卫生健康委员会
问：生命支持类医学装备的完好率有什么要求？
答：呼吸机、监护仪等生命支持类医学装备的完好率不低于96%，医院每季度自查完好情况。
问：医学装备的维护由谁负责？
答：由医院设备管理部门统一负责，使用科室配合做好日常保养。
"""


def test_a_document_asked_of_as_amended_beside_others_is_answered_by_the_item_rewriting_it(
    tmp_path,
):
    # "上海改过的…质控规范" among three documents asked of: its rule as amended is the item
    # "将第三条中的“不低于93%”修改为“不低于97%”", which holds none of the question's words;
    # the amendment's other item, on the same equipment, does not answer.
    answer = ask_over(
        tmp_path,
        {
            "national.txt": NATIONAL_EQUIPMENT,
            "zhejiang.txt": ZHEJIANG_EQUIPMENT,
            "shanghai.txt": SHANGHAI_EQUIPMENT,
            "amendment.txt": SHANGHAI_AMENDMENT,
            "reading.txt": ZHEJIANG_READING,
        },
        "医院里呼吸机这类生命支持类设备，完好率得保持在多少？国家卫健委关于在用医学装备预防性维护的"
        "通知、浙江的医学装备维护管理办法、上海改过的医学装备质控规范，各自定的是多少？",
    )
    assert not answer.refused, answer.text
    assert all(f in answer.text for f in ("95%", "96%", "97%")), answer.text


def test_the_item_rewriting_the_passage_that_answers_is_found():
    # The passage of the 规范 saying 完好率不低于93% is rewritten by item 一 of the amending
    # notice; the passage on daily checks by none (item 五 adds an article after it).
    from rag.answer.amendments import item_rewriting
    from rag.records import Chunk, Notice

    def notice(nid: str, text: str) -> Notice:
        return Notice(nid, "", text.split("\n")[0], "", "上海", "", "", "", (), "t.txt", text)

    def lines(n: Notice) -> list[Chunk]:
        out, at = [], 0
        for i, line in enumerate(n.text.split("\n")):
            out.append(Chunk(f"{n.notice_id}-{i}", n.notice_id, line, (), at, at + len(line), 10))
            at += len(line) + 1
        return out

    base, amending = notice("b", SHANGHAI_EQUIPMENT), notice("a", SHANGHAI_AMENDMENT)
    chunks = {"b": lines(base), "a": lines(amending)}
    rate = next(c for c in chunks["b"] if "93%" in c.text)
    daily = next(c for c in chunks["b"] if "每日开机检查" in c.text)
    item = item_rewriting(amending, base, rate, chunks.__getitem__)
    assert item is not None and "不低于97%" in item.text
    assert item_rewriting(amending, base, daily, chunks.__getitem__) is None


def test_a_rule_asked_of_as_it_stands_is_quoted_from_the_item_raising_its_figure():
    """ "母婴室的建设达标率现在要求多少？": the 办法's 第七条 says 不低于85%; the 补充通知's
    item raises "85%以上" to 93%以上, its figure worded otherwise. The item answers."""
    from rag.answer.extractive import ExtractiveGenerator
    from rag.answer.support import TermWeights
    from rag.records import Reference

    rows = [
        ("base", "示卫妇幼〔2033〕26号",
         "示例省卫生健康委员会关于印发医疗机构母婴设施建设管理办法的通知", "示例",
         "第三条　每个县至少有1家助产机构达到爱婴医院标准。\n"
         "第七条　二级以上医疗机构的母婴室建设达标率不低于85%。", ()),
        ("amend", "示卫妇幼〔2035〕9号",
         "示例省卫生健康委员会关于《示例省医疗机构母婴设施建设管理办法》的补充通知", "示例",
         "现对《示例省医疗机构母婴设施建设管理办法》（示卫妇幼〔2033〕26号）作如下补充规定：\n"
         "（一）《办法》第七条的母婴室建设达标率由85%以上提高到93%以上。",
         (Reference("示卫妇幼〔2033〕26号", "cites", "", "base"),)),
    ]  # fmt: skip
    notices, hits = _notices_and_hits(rows)
    question = "示例省二级以上医疗机构母婴室的建设达标率现在要求多少？"
    draft = ExtractiveGenerator(TermWeights([r[4] for r in rows])).generate(question, hits, notices)
    assert "93%以上" in draft.text, draft.text
    assert "不低于85%" not in draft.text, draft.text
