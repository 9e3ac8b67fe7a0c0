"""Notices parsed out of the real, messy corpus."""

from __future__ import annotations

import re

from conftest import corpus_file

from rag.notices import cited_by, iso_date, parse_notices, region_of_issuer


def _from(notices, prefix):
    return [n for n in notices if n.source.startswith(prefix)]


def test_every_metadata_block_of_the_compilation_is_a_notice(corpus_notices):
    raw = corpus_file("000").read_text(encoding="utf-8")
    blocks = len(re.findall(r"^发文机关\s*[:：]", raw, flags=re.M))
    notices = _from(corpus_notices, "000")
    assert blocks >= 90
    assert len(notices) == blocks
    for n in notices:
        assert n.title and n.date, n
        # One block has an empty 发文机关 and the notice no signature: that is said, not guessed.
        assert n.issuer or "发文机关不详：元数据与落款均未写明" in n.warnings, n
        assert "发文机关：" not in n.text and "标  题：" not in n.text


def test_compilation_notice_fields(by_number):
    n = by_number["国卫办医函〔2020〕357号"]
    assert "国家医学中心" in n.title and "国家区域医疗中心" in n.title
    assert n.issuer == "国家卫生健康委办公厅"
    assert n.region == "全国"
    assert (n.written_date, n.published_date) == ("2020-05-01", "2020-05-08")
    assert n.category == "医疗"
    assert "医学中心" in n.keywords
    assert "心血管" in n.text


def test_docno_split_over_lines_and_spaced_is_normalised(by_number):
    # The first notice writes its 文号 as "联防联控机制综发〔2020〕169\n\n号".
    n = by_number["联防联控机制综发〔2020〕169号"]
    assert "感染防控" in n.title
    assert "陪护" in n.text  # text after the mid-notice metadata block stays with the notice
    assert "院内感染" in n.text


def test_table_of_contents_does_not_create_notices_or_text(corpus_notices):
    for n in _from(corpus_notices, "000"):
        assert not re.search(r"^1\d\d\s*山东省卫生健康委员会", n.text, flags=re.M)
    first = _from(corpus_notices, "000")[0]
    assert first.text.startswith("关于落实常态化疫情防控要求")


def test_page_headers_are_removed(corpus_notices):
    for n in corpus_notices:
        assert "WWW.DRUGNET.COM.CN" not in n.text
        assert "医药先锋系列" not in n.text
        assert "下载附件请登录" not in n.text
        assert "委员会公报" not in n.text  # a gazette's running head, kept once by the extract


def test_a_periodical_running_head_seen_once_is_a_page_header():
    from rag.clean import clean_text

    text = (
        "对重大突发事件，省级卫生健康\n\n国家卫生健康委员会公报 2023·12\n\n- 17 -\n"
        "行政部门应由专人对接。\n"
    )
    assert "省级卫生健康行政部门应由专人对接。" in clean_text(text)
    # A sentence that merely names a gazette stays.
    kept = "本办法已在国家卫生健康委员会公报2023年第12期刊登。"
    assert kept in clean_text(kept + "\n")


def test_a_line_opening_with_a_closing_mark_continues_the_line_before():
    from rag.clean import clean_text

    # The PDF broke the line after "…250403069) " (a full-width line ending with a bracket,
    # which may end a paragraph); the next line opens with ” and cannot begin one.
    text = (
        "（二）调整项目价格。“严重急性呼吸综合征冠状病毒抗体测定（包括 IgG、IgM，250403069) \n\n"
        "”医疗服务价格项目修改为：价格不超过 25 元 / 项，同时检测 IgG、IgM 的加收\n\n"
        "40%，抗体检测试剂列入“除外内容”。\n\n"
        "（三）保证试剂供应。中选生产企业必须保障中选试剂按照合同约定及时供应。\n"
    )
    lines = clean_text(text).split("\n")
    price = next(line for line in lines if "25元" in line)
    assert price.startswith("（二）调整项目价格。“严重急性呼吸综合征冠状病毒抗体测定")
    assert "（三）保证试剂供应" not in price


def test_notice_text_ends_before_the_next_notice(by_number):
    # 发改环资〔2020〕696号 is followed by the 国函〔2020〕47号 批复, whose first page
    # (its salutation) comes before its metadata block.
    waste = by_number["发改环资〔2020〕696号"]
    approval = by_number["国函〔2020〕47号"]
    assert "跨境电子商务" not in waste.text
    assert approval.text.startswith("河北省、山西省")
    assert "医疗废物" not in approval.text


def test_wrong_region_doc_numbers_are_flagged(by_number):
    sichuan = by_number["闽药监科函〔2020〕49号"]
    assert sichuan.region == "四川"
    assert any("福建" in w and "不符" in w for w in sichuan.warnings)
    fujian = by_number["黑医保发〔2020〕32号"]
    assert fujian.region == "福建"
    assert any("黑龙江" in w for w in fujian.warnings)
    # A national notice numbered nationally carries no such warning.
    assert not any("不符" in w for w in by_number["国卫办医函〔2020〕357号"].warnings)


def test_empty_metadata_doc_number_is_warned(corpus_notices):
    warned = [n for n in _from(corpus_notices, "000") if "元数据发文字号为空" in n.warnings]
    assert len(warned) >= 10
    # Without a 文号 anywhere the notice says so, and is still fully described.
    for n in warned:
        assert n.doc_number or "无文号" in n.warnings
        assert n.title and n.date


def test_2023_national_notices(corpus_notices, by_number):
    expected = [
        "国卫通〔2023〕14号",
        "国卫办基层发〔2023〕22号",
        "国卫医急发〔2023〕35号",
        "国卫国际发〔2023〕36号",
        "国卫医急发〔2023〕37号",
        "国卫医急发〔2023〕39号",
        "国卫医政发〔2023〕40号",
        "国卫基层发〔2023〕41号",
    ]
    numbers = [n.doc_number for n in _from(corpus_notices, "002")]
    assert numbers == expected
    plan = by_number["国卫医政发〔2023〕40号"]
    assert "药品浪费" in plan.title
    assert plan.region == "全国"
    assert by_number["国卫通〔2023〕14号"].written_date == "2023-12-04"


def test_repeal_statement_is_a_link(by_number):
    n = by_number["国卫办基层发〔2023〕22号"]
    repeals = [r for r in n.references if r.relation == "repeals"]
    assert [r.doc_number for r in repeals] == ["国卫办基层函〔2019〕210号"]
    assert "失效" in repeals[0].context
    assert repeals[0].notice_id == ""  # the 2019 notice is not in the corpus


def test_single_notices_and_their_citation(corpus_notices, by_number):
    state = by_number["国办发〔2020〕25号"]
    assert len(_from(corpus_notices, "003")) == 1
    assert state.issuer == "国务院办公厅"
    assert state.written_date == "2020-07-16"
    assert state.region == "全国"

    city = by_number["平政办发〔2020〕81号"]
    assert len(_from(corpus_notices, "004")) == 1
    assert city.issuer == "平凉市人民政府办公室"
    assert city.written_date == "2020-10-30"
    assert city.region == "甘肃"
    ref = next(r for r in city.references if r.doc_number == "国办发〔2020〕25号")
    assert ref.relation == "cites"
    assert ref.notice_id == state.notice_id
    assert (city.notice_id, "cites") in cited_by(corpus_notices)[state.notice_id]


def test_digest_articles_are_records_without_docno(corpus_notices):
    articles = _from(corpus_notices, "001")
    assert len(articles) >= 10
    assert all(a.kind == "article" and a.doc_number == "" for a in articles)


def test_ids_are_unique_and_stable(corpus_notices):
    ids = [n.notice_id for n in corpus_notices]
    assert len(ids) == len(set(ids))
    again = parse_notices(corpus_file("002").read_text(encoding="utf-8"), corpus_file("002").name)
    assert [n.notice_id for n in again] == [n.notice_id for n in _from(corpus_notices, "002")]


def test_a_red_header_title_wrapped_after_a_document_kind_is_read_whole():
    # The title's first line ends in 标准, a kind of document, but its 关于 is not closed by
    # 的…通知 until the next line: the two lines are one title, not a title and its tail.
    text = (
        "国 家 卫 生 健 康 委 员 会 办 公 厅\n\n国卫办食品函〔2031〕117号\n\n"
        "　　　　国家卫生健康委办公厅关于规范食品安全企业标准\n"
        "　　　　　　　　备案和加强风险监测结果应用的通知\n\n"
        "各省、自治区、直辖市卫生健康委：\n\n"
        "　　为规范企业标准备案管理，发挥风险监测对食品安全标准工作的支撑作用，"
        "现就有关工作通知如下：\n\n"
        "　　一、省级卫生健康行政部门每年按照不低于5%的比例抽查已备案企业标准。\n"
        "国家卫生健康委办公厅\n2031年3月11日\n"
    )
    (n,) = parse_notices(text, "red.txt")
    assert n.title == "国家卫生健康委办公厅关于规范食品安全企业标准备案和加强风险监测结果应用的通知"
    assert n.doc_number == "国卫办食品函〔2031〕117号"


def test_document_without_header_is_kept_as_one_notice():
    text = "关于做好夏季防暑工作的提示\n各单位要做好防暑降温工作，合理安排作息时间。\n"
    (n,) = parse_notices(text, "tip.txt")
    assert "防暑降温" in n.text
    assert "无文号" in n.warnings


def test_helpers():
    assert iso_date("成文日期： 2020 年 4 月 30 日") == "2020-04-30"
    assert iso_date("2020年13月1日") == ""
    assert region_of_issuer("福建省医疗保障局、福建省卫生健康委员会") == "福建"
    assert region_of_issuer("国家卫生健康委办公厅") == "全国"
    assert region_of_issuer("广西壮族自治区卫生健康委员会") == "广西"
    assert region_of_issuer("平凉市人民政府办公室") == ""


def test_title_does_not_take_the_last_line_of_the_previous_notice(by_number):
    # In the 2023 file the list of commended people ends "…队员 / 芜湖市中医医院主治中医师"
    # right above the next notice's title.
    n = by_number["国卫医急发〔2023〕37号"]
    assert n.title == "国家卫生健康委关于印发《突发事件医疗应急工作管理办法（试行）》的通知"
    assert n.issuer == "国家卫生健康委"
    assert "芜湖市中医医院主治中医师" in by_number["国卫国际发〔2023〕36号"].text
    assert by_number["国办发〔2020〕25号"].title.startswith("国务院办公厅关于印发")


def test_red_header_with_drawn_rule_prefix_on_its_own_line_and_label_without_place():
    # A red header as plain text: the prefix of the 文号 on one line and its bracketed year
    # on the next, a rule drawn with ═ under it, and a 发布单位 label that leaves out the
    # province, which only the signature names in full.
    text = "\n".join(
        [
            "【发布单位】省卫生健康委　　【发布日期】2031-4-2",
            "",
            "江西省卫生健康委员会文件",
            "",
            "赣卫基层",
            "〔 2031 〕 12号",
            "",
            "═════════════════════════════════════",
            "",
            "江西省卫生健康委员会",
            "关于做好乡村医生岗位培训的通知",
            "",
            "各设区市卫生健康委：",
            "",
            "　　为提升乡村医生服务能力，现就岗位培训有关事项通知如下。",
            "　　一、培训于每年第二季度完成，每人不少于40学时。",
            "",
            "　　　　　　　　　　　　　　　　江西省卫生健康委员会",
            "　　　　　　　　　　　　　　　　　　2031年3月28日",
        ]
    )
    (n,) = parse_notices(text, "jx.txt")
    assert n.doc_number == "赣卫基层〔2031〕12号"
    assert n.title == "江西省卫生健康委员会关于做好乡村医生岗位培训的通知"
    assert n.issuer == "江西省卫生健康委员会"
    assert n.region == "江西"


def test_a_county_whose_prefix_looks_like_a_province_takes_the_province_its_text_names():
    text = "\n".join(
        [
            "新兴县卫生健康局关于开展老年人健康体检的通知",
            "新卫健〔2031〕7号",
            "各镇卫生院：",
            "　　请于5月底前完成体检，结果录入广东省基本公共卫生服务信息系统。",
            "　　　　　　　　　　新兴县卫生健康局",
            "　　　　　　　　　　2031年4月2日",
        ]
    )
    (n,) = parse_notices(text, "xx.txt")
    assert n.doc_number == "新卫健〔2031〕7号"
    assert n.region == "广东"
    # A provincial prefix with no local issuer still gives its province.
    (m,) = parse_notices(
        text.replace("新兴县卫生健康局", "新疆维吾尔自治区卫生健康委员会"), "xj.txt"
    )
    assert m.region == "新疆"


def test_a_document_opening_with_a_bracketed_year_and_serial_is_read_not_a_crash():
    # Nothing above the number to join it to: it stays a line of its own.
    text = "\n".join(
        [
            "〔2031〕8号",
            "关于做好示例工作的通知",
            "各市卫生健康委：",
            "　　请认真落实。",
            "示例省卫生健康委员会",
            "2031年2月8日",
        ]
    )
    (n,) = parse_notices(text, "x.txt")
    assert n.title == "关于做好示例工作的通知"
    assert "请认真落实" in n.text


def test_a_compilation_label_gives_the_province_nothing_else_names(corpus_notices):
    # "宁夏：关于做好公立医疗机构…的通知": no 文号, no issuer, a text naming no province; the
    # compilation's label says where it comes from, and the title keeps it, as printed (a
    # citation names the notice as the reader finds it).
    forwarded = [
        n
        for n in _from(corpus_notices, "000")
        if "项目技术规范及财务管理工作" in n.title and not n.doc_number
    ]
    assert [n.region for n in forwarded] == ["宁夏"]
    assert forwarded[0].title.startswith("宁夏：关于")


def test_a_reading_page_keeps_its_title_off_its_first_question():
    # A 政策解读 page in 问/答 form: the title is as long as the page's longest line, so it
    # looks cut by a column width; but it ends a reading's title and the next line opens a
    # question, so neither is joined to the other, and the page is read as the reading it is.
    text = "\n".join(
        [
            "《示例省医疗保障局关于规范中药饮片代煎服务价格的通知》政策解读",
            "问：为什么要出台这个通知？",
            "答：原收费标准制定较早，各地代煎收费项目不统一。",
            "问：代煎怎么收费？",
            "答：常规代煎每剂不超过3.5元，7剂最多24.5元。",
        ]
    )
    (n,) = parse_notices(text, "reading.txt")
    assert n.title == "《示例省医疗保障局关于规范中药饮片代煎服务价格的通知》政策解读"
    assert "问：为什么要出台这个通知？" in n.text


def test_a_notice_whose_number_opens_with_a_place_beginning_with_he_keeps_its_number_and_title():
    # 和平区's 文号 under the title: the 和 is the place's, not a tail of the title's line.
    text = (
        "天津市和平区卫生健康委员会关于印发《和平区处方点评细则》的通知\n\n"
        "和平卫健〔2031〕14号\n\n"
        "区属各医疗卫生机构：\n\n"
        "　　一、连续3个月门诊抗菌药物处方不合理率超过10%的机构，由区卫生健康委约谈其负责人。\n"
        "天津市和平区卫生健康委员会\n2031年11月16日\n"
    )
    (n,) = parse_notices(text, "hp.txt")
    assert n.doc_number == "和平卫健〔2031〕14号"
    assert n.title == "天津市和平区卫生健康委员会关于印发《和平区处方点评细则》的通知"


def _interpretation_page(above: str, heading: str) -> str:
    """A portal's 政策解读 page in 问/答 form: ``above`` its heading, then its date line."""
    return (
        f"{above}\n\n{heading}\n\n发布时间：2031-06-19　　来源：职业健康处\n\n"
        "　　问：为什么要修订试行办法？\n"
        "　　答：试行办法到2031年5月31日试行期满，全省共有放射诊疗机构2316家。\n"
    )


def test_a_breadcrumb_naming_the_site_is_not_the_title_of_an_interpretation():
    # A portal's breadcrumb over a 政策解读: its first step is the site's name with a section
    # beside it, or it opens with a bare 位置：. The interpretation's own heading is the title.
    crumbs = ("某省卫生健康委员会　政务公开 ＞ 政策解读", "位置：网站首页 ＞ 政策解读 ＞ 文件解读")
    for crumb in crumbs:
        text = _interpretation_page(crumb, "《某省放射工作人员职业健康管理办法》解读")
        (n,) = parse_notices(text, "jd.txt")
        assert n.title == "《某省放射工作人员职业健康管理办法》解读", crumb


def test_a_portal_columns_label_is_not_part_of_an_interpretations_title():
    # "一图读懂｜《X》解读", "权威解读丨…": the label of the column the site files the page
    # under; the page's own heading follows it. A heading with no label keeps its words.
    for label in ("一图读懂｜", "权威解读丨", "一问一答 | ", ""):
        text = _interpretation_page(
            "某省卫生健康委员会\n当前位置：首页 ＞ 政策解读",
            f"{label}《某省放射工作人员职业健康管理办法》解读",
        )
        (n,) = parse_notices(text, "jd.txt")
        assert n.title == "《某省放射工作人员职业健康管理办法》解读", label


def test_a_repost_whose_lead_addresses_readers_prints_the_notice_under_it():
    # An account's repost: its headline, its byline, a lead that opens by calling to readers
    # ("…的注意了：") and names the body in its prose, then the notice, head and all. The
    # notice is what the page holds; the lead addresses no one as a salutation does.
    text = (
        "孕妇建档有新变化！这些材料可以网上传了\n\n"
        "健康某市　2031年04月02日 18:12　某省\n\n"
        "　　准备建档的准妈妈们注意了：今年起建档材料可以网上提交。要带哪些材料？近日，市卫生"
        "健康委印发通知，对孕产妇建档服务作出安排。以下为通知全文。\n\n"
        "某市卫生健康委员会关于优化2031年孕产妇建档服务的通知\n\n"
        "某卫妇幼发〔2031〕6号\n\n"
        "各区县卫生健康局，市直有关医疗卫生单位，市卫生健康综合行政执法队：\n\n"
        "　　一、建档材料可通过小程序上传，医疗机构在3个工作日内完成审核。\n\n"
        "某市卫生健康委员会\n2031年3月30日\n\n"
        "来源：某市卫生健康委员会\n编辑：王某　　审核：李某\n阅读原文\n阅读 2106　　赞 35\n"
    )
    (n,) = parse_notices(text, "repost.txt")
    assert n.doc_number == "某卫妇幼发〔2031〕6号"
    assert n.title == "某市卫生健康委员会关于优化2031年孕产妇建档服务的通知"
    # Its recipients may end in 承办单位：, which labels a site's runner only with a name after it.
    text = text.replace("市卫生健康综合行政执法队：", "各热线承办单位：")
    (n,) = parse_notices(text, "repost.txt")
    assert n.doc_number == "某卫妇幼发〔2031〕6号"


def test_a_labelled_breadcrumb_and_a_site_footer_are_page_furniture():
    # A breadcrumb after a label of the portal's own wording (当前所在：), and the footer
    # naming who runs the site, are neither the title of an interpretation nor its text.
    text = (
        "某省卫生健康委员会\n当前所在：首页 ＞ 信息公开 ＞ 政策解读\n\n"
        "《某省院前急救站点管理办法》政策问答\n\n"
        "发布日期：2031-04-03　　信息来源：医政医管处　　浏览量：310\n\n"
        "　　问一：为什么要出台《办法》？\n"
        "　　答：试行办法施行三年来，全省急救站点增加到412个，平均派车用时缩短到2分10秒。\n\n"
        "打印本页 | 关闭窗口\n\n"
        "某省卫生健康委员会主办　　通讯地址：某市某区　　咨询电话：0000-00000000\n"
    )
    (n,) = parse_notices(text, "qa.txt")
    assert n.title == "《某省院前急救站点管理办法》政策问答"
    assert "当前所在" not in n.text and "主办" not in n.text
    # A law's page: the font-size switch on the line under its name is no part of the name.
    law = (
        "某市人大网　>　立法工作　>　地方性法规\n\n某市社区卫生服务条例\n\n"
        "来源：市人大常委会法制工作委员会　　发布时间：2031-10-12 09:30　　【大　中　小】\n\n"
        "（2031年6月26日某市第十七届人民代表大会常务委员会第三十一次会议通过）\n\n"
        "第一章　总　　则\n\n第一条　为了规范社区卫生服务，制定本条例。\n"
    )
    (n,) = parse_notices(law, "law.txt")
    assert n.title == "某市社区卫生服务条例"
