"""Single notices in the layouts users bring them in: what a user sees in `rag notices`.

The pages here are written for these tests, in the layouts of portal pages, red-header
documents, reposts and news reports. Quality over many layouts is measured by
benchmarks/metadata.py on eval/layouts/; these pin the behaviour a user would notice.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rag.cli import app
from rag.notices import parse_notices

PORTAL = """<html><head>
<title>关于做好2024年夏季医疗机构防暑降温工作的通知_示范省卫生健康委员会</title></head>
<body><div class="nav">首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流</div>
<div>您当前的位置：首页 > 政务公开 > 通知公告</div>
<h1>示范省卫生健康委员会关于做好2024年夏季医疗机构防暑降温工作的通知</h1>
<div>发布时间：2024-06-03 09:30　来源：医政处　浏览次数：312　字号：[大 中 小]</div>
<p style="text-align:right">浙卫发〔2024〕21号</p>
<p>各市卫生健康委，委直属各单位：</p>
<p>为做好夏季高温期间医疗服务保障，根据《国家卫生健康委办公厅关于做好高温中暑防治工作的通知》（国卫办医政函〔2023〕188号）要求，现将有关事项通知如下。</p>
<p>一、各医疗机构要完善中暑患者救治流程，急诊科应当配备降温设备。</p>
<p>二、基层医疗卫生机构要加强对老年人、户外劳动者的健康提示。</p>
<p>浙江省卫生健康委员会</p><p>2024年6月1日</p>
<div>网站标识码：3300000001　浙ICP备05001234号-1　浙公网安备 33010602001234号</div>
<div><a href="/art/2024/6/3/art_1229_2024〔21〕.html">打印本页</a> 关闭窗口</div>
</body></html>"""

RED_HEADER = """示范市卫生健康委员会文件

                 杭卫发〔2023〕 7 号

    关于印发示范市基层医疗卫生机构
        药品配备管理办法的通知

各区、县（市）卫生健康局：

    现将《示范市基层医疗卫生机构药品配备管理办法》印发给你们，请遵照执行。原《示范市基层药品配备指导意见》（杭卫发〔2019〕33号）同时废止。

    附件：示范市基层医疗卫生机构药品配备管理办法

                              杭州市卫生健康委员会
                                二〇二三年三月五日
"""

REPOST = """【轉載】國家衛生健康委辦公廳關於加強醫療機構藥事管理的通知
發(fā)文字號 國衛辦醫政發〔2022〕15號
各省、自治區、直轄市衛生健康委：
為進一步規範醫療機構藥事管理，現就有關事項通知如下。
一、醫療機構應當健全藥事管理與藥物治療學委員會。
國家衛生健康委辦公廳
2022年8月9日
"""

NEWS = """<html><head><title>三部门联合发文推进老年护理服务_示范日报</title></head><body>
<div>示范日报 > 要闻 > 健康</div>
<h1>三部门联合发文推进老年护理服务</h1>
<div>来源：示范日报　记者 王明　发布时间：2024-09-12</div>
<p>本报讯　近日，省卫生健康委、省民政厅、省医保局联合印发《关于加快发展老年护理服务的通知》
（苏卫老龄〔2024〕12号），提出到2025年底每个县至少建成一所护理院。</p>
<p>省卫生健康委有关负责人表示，将加大对护理人员的培训力度。</p>
</body></html>"""


def _one(text: str, source: str, page_title: str = ""):
    (notice,) = parse_notices(text, source, page_title)
    return notice


def test_a_portal_page_reads_as_the_notice_without_its_furniture():
    from rag.loaders import _html_to_text

    text, title, _ = _html_to_text(PORTAL)
    notice = _one(text, "portal.html", title)
    assert notice.doc_number == "浙卫发〔2024〕21号"  # not the ICP number, not the URL
    assert notice.title == "示范省卫生健康委员会关于做好2024年夏季医疗机构防暑降温工作的通知"
    assert notice.issuer == "浙江省卫生健康委员会"
    assert notice.written_date == "2024-06-01" and notice.published_date == "2024-06-03"
    assert notice.region == "浙江"
    assert [r.doc_number for r in notice.references] == ["国卫办医政函〔2023〕188号"]
    for furniture in ("浏览次数", "ICP", "打印本页", "您当前的位置"):
        assert furniture not in notice.text


def test_a_red_header_document_gives_its_own_number_title_and_chinese_numeral_date():
    notice = _one(RED_HEADER, "red.txt")
    assert notice.doc_number == "杭卫发〔2023〕7号"
    assert notice.title == "关于印发示范市基层医疗卫生机构药品配备管理办法的通知"
    assert notice.issuer == "杭州市卫生健康委员会"
    assert notice.written_date == "2023-03-05"
    assert notice.region == "浙江"  # from the city, though the issuer names no province
    (repealed,) = notice.references
    assert (repealed.doc_number, repealed.relation) == ("杭卫发〔2019〕33号", "repeals")


def test_a_traditional_repost_is_read_through_simplified_characters_and_kept_as_written():
    notice = _one(REPOST, "repost.txt")
    assert notice.doc_number == "国卫办医政发〔2022〕15号"
    assert notice.title == "国家卫生健康委办公厅关于加强医疗机构药事管理的通知"
    assert notice.issuer == "国家卫生健康委办公厅" and notice.region == "全国"
    assert notice.written_date == "2022-08-09"
    # Quotes come from the text as printed (traditional), without the pinyin gloss.
    assert "醫療機構應當健全藥事管理" in notice.text and "(fā)" not in notice.text


def test_a_news_report_has_no_own_number_and_cites_the_notice_it_reports():
    from rag.loaders import _html_to_text

    text, title, _ = _html_to_text(NEWS)
    notice = _one(text, "news.html", title)
    assert notice.doc_number == "" and notice.issuer == ""
    assert notice.title == "三部门联合发文推进老年护理服务"
    assert notice.date == "2024-09-12"
    assert [r.doc_number for r in notice.references] == ["苏卫老龄〔2024〕12号"]
    assert notice.region == "江苏"  # the region of the notice it reports on


def test_numbers_in_urls_icp_and_index_numbers_are_never_a_notice_number():
    page = (
        "示范县卫生健康局\n首页 > 通知公告\n关于开展健康义诊活动的通知\n"
        "索引号：11330000002482-2024-00031\n各乡镇卫生院：\n"
        "定于下月开展健康义诊活动，请做好准备。\n示范县卫生健康局\n2024年5月6日\n"
        "苏ICP备10001234号-1 苏公网安备 32010202010317号\n"
        "http://www.example.gov.cn/art/2024/5/6/art_1229_2024〔5〕.html\n"
    )
    notice = _one(page, "no-number.txt")
    assert notice.doc_number == ""
    assert notice.references == ()
    assert notice.title == "关于开展健康义诊活动的通知"


def test_two_notices_glued_into_one_file_stay_two(tmp_path):
    signature = "示范省卫生健康委员会\n"
    first = "关于甲事项的通知\n示卫发〔2021〕1号\n各单位：\n甲事项按此办理。\n"
    second = "关于乙事项的通知\n示卫发〔2021〕2号\n各单位：\n乙事项按此办理。\n"
    first += signature + "2021年1月5日\n"
    second += signature + "2021年2月5日\n"
    notices = parse_notices(first + second, "two.txt")
    assert [n.doc_number for n in notices] == ["示卫发〔2021〕1号", "示卫发〔2021〕2号"]
    assert [n.title for n in notices] == ["关于甲事项的通知", "关于乙事项的通知"]


def test_a_page_of_navigation_only_is_rejected_with_a_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    page = tmp_path / "nav.html"
    page.write_text(
        "<html><body><div>首页 | 机构概况 | 政务公开 | 政务服务 | 互动交流</div>"
        "<div>您当前的位置：首页 > 政务公开</div><div>浙ICP备05001234号 网站标识码：330000001"
        "</div></body></html>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(page), "--json"])
    assert result.exit_code == 3
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["status"] == "rejected" and "没有找到通知正文" in entry["error"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("二〇二一年三月五日", "2021-03-05"),
        ("二○二二年 十 月 八 日", "2022-10-08"),
        ("二〇一九年十一月三十日", "2019-11-30"),
        ("2022 年 10 月 8 日", "2022-10-08"),
        ("二00五年四月十八日", "2005-04-18"),  # zeros typed as digits
        ("二OO八年七月一日", "2008-07-01"),  # or as the letter O
    ],
)
def test_signature_dates_in_chinese_numerals_or_with_spaces(text, iso):
    from rag.grammar import DATE_LINE, iso_date

    assert DATE_LINE.match(text) and iso_date(text) == iso


DISCLOSURE = """<html><head>
<title>示范省卫生健康委员会关于规范门诊处方点评工作的通知-示范省卫生健康委员会</title></head>
<body><div>首页 > 政府信息公开 > 规范性文件</div>
<div>相关文件</div><ul><li>关于开展处方专项检查的通知（示卫发〔2022〕3号）</li></ul>
<table><tr><td>索引号</td><td>00812345/2023-00011</td><td>主题分类</td><td>医药管理</td></tr>
<tr><td>发文机关</td><td>示范省卫生健康委员会</td><td>成文日期</td><td>2023年02月10日</td></tr>
<tr><td>标题</td><td>示范省卫生健康委员会关于规范门诊处方点评工作的通知</td></tr>
<tr><td>发文字号</td><td>示卫发〔2023〕5号</td><td>发布日期</td><td>2023年02月14日</td></tr></table>
<h1>示范省卫生健康委员会关于规范门诊处方点评工作的通知</h1>
<p>各市卫生健康委：</p>
<p>为规范门诊处方点评，现就有关事项通知如下。</p>
<p>示范省卫生健康委员会</p><p>2023年2月10日</p></body></html>"""


def test_a_disclosure_table_page_keeps_its_rows_apart(tmp_path):
    """A web page's lines are its own blocks: the 相关文件 link above the table is not glued
    to the rows, so the title is the page's, not the linked notice's."""
    from rag.loaders import load_file

    page = tmp_path / "disclosure.html"
    page.write_text(DISCLOSURE, encoding="utf-8")
    loaded = load_file(page)
    assert loaded.paragraphs
    (notice,) = parse_notices(
        loaded.text, page.name, loaded.page_title, paragraphs=loaded.paragraphs
    )
    assert notice.title == "示范省卫生健康委员会关于规范门诊处方点评工作的通知"
    assert notice.doc_number == "示卫发〔2023〕5号"
    assert notice.written_date == "2023-02-10" and notice.published_date == "2023-02-14"


def test_a_repost_number_under_a_counter_line_is_not_glued_to_it():
    page = (
        "首页 > 行业资讯\n國家醫療保障局關於做好異地就醫結算工作的通知\n"
        "時間：2021-09-18 10:21 來源：示范资讯网 瀏覽次數：2847 打印本页 关闭窗口 分享到微信\n"
        "醫(yī)保發(fā)〔2021〕77號(hào)\n各省、自治區、直轄市醫療保障局：\n"
        "現就有關事項通知如下。\n國家醫療保障局\n2021年9月13日\n"
    )
    notice = _one(page, "repost.txt")
    assert notice.doc_number == "医保发〔2021〕77号"
    assert notice.written_date == "2021-09-13"


def test_an_e_paper_headline_is_not_the_papers_name_or_the_edition():
    page = (
        "示范日报数字报\n往期回顾 | 版面导航\n2024年03月05日星期二\n第03版：要闻\n"
        "我省推进县域医共体建设\n来源：示范日报  作者：记者张三  发布时间：2024-03-05\n"
        "本报讯 近日，省卫健委印发通知，要求各地加快推进县域医共体建设，到年底实现全覆盖。\n"
    )
    notice = _one(page, "epaper.txt")
    assert notice.title == "我省推进县域医共体建设"
    assert notice.doc_number == "" and notice.issuer == ""


def test_a_related_files_link_above_the_title_does_not_lend_its_number():
    """A page without a 文号 of its own: the numbers of the related files listed above its
    title are those files', so the notice has none (a wrong 文号 is worse than none)."""
    page = (
        "首页 > 通知公告\n相关文件：\n关于印发示范市传染病监测方案的通知（杭卫发〔2022〕15号）\n"
        "关于加强发热门诊管理的通知（杭卫发〔2023〕2号）\n"
        "关于做好2024年冬春季呼吸道传染病防治工作的通知\n发布日期：2024-11-20\n"
        "各区、县（市）卫生健康局：\n为做好冬春季呼吸道传染病防治工作，现将有关事项通知如下。\n"
        "杭州市卫生健康委员会\n2024年11月18日\n"
    )
    notice = _one(page, "related.txt")
    assert notice.doc_number == ""
    assert notice.title == "关于做好2024年冬春季呼吸道传染病防治工作的通知"
    assert notice.issuer == "杭州市卫生健康委员会" and notice.written_date == "2024-11-18"


def test_a_pdf_extract_with_a_split_number_and_a_wrapped_title():
    """The red header is a line of its own, the 文号 cut after its year's bracket is one
    again, and the title wrapped before （2023—2025年）的通知 is one title."""
    text = (
        "国 家 卫 生 健 康 委 员 会 文 件\n\n国卫医急发〔2023〕\n29号\n\n"
        "国家卫生健康委关于印发急诊急救能力提升行动方案\n（2023—2025年）的通知\n\n"
        "各省、自治区、直辖市卫生健康委：\n"
        "为提升急诊急救服务能力，我委制定了行动方案。现印发给你们，请认真组织实施。\n\n"
        "国家卫生健康委\n2023年10月16日\n"
    )
    notice = _one(text, "red.pdf.txt")
    assert notice.doc_number == "国卫医急发〔2023〕29号"
    assert notice.title == "国家卫生健康委关于印发急诊急救能力提升行动方案（2023—2025年）的通知"
    assert notice.written_date == "2023-10-16"


def test_an_announcement_without_a_salutation_is_signed_at_its_end():
    text = (
        "国家药品监督管理局\n公　告\n2024年第15号\n\n关于发布药品注册核查要点与判定原则的公告\n\n"
        "为规范药品注册核查工作，国家药监局组织制定了核查要点，现予发布。\n\n特此公告。\n\n"
        "国家药监局\n2024年2月6日\n"
    )
    notice = _one(text, "gonggao.txt")
    assert notice.doc_number == "公告2024年第15号"
    assert notice.issuer == "国家药监局" and notice.written_date == "2024-02-06"


def test_a_provincial_sites_news_is_of_its_province_though_it_cites_a_national_notice():
    page = (
        "福建省卫生健康委员会\n首页 > 新闻动态 > 卫健要闻\n我省启动基本公共卫生服务项目绩效评价\n"
        "信息来源：基层卫生处  发布时间：2024-10-15\n"
        "近日，省卫生健康委按照《关于做好2024年基本公共卫生服务工作的通知》（国卫基层发〔2024〕21号）"
        "要求，启动全省项目绩效评价工作，对各设区市实施情况开展评价。\n"
    )
    notice = _one(page, "news.txt")
    assert notice.doc_number == "" and notice.issuer == ""
    assert notice.region == "福建"
    assert [r.doc_number for r in notice.references] == ["国卫基层发〔2024〕21号"]


def test_a_seal_mark_beside_the_signing_body_is_not_part_of_its_name():
    text = (
        "关于公布2024年度示范市临床重点专科名单的通知\n示卫医〔2024〕19号\n各区卫生健康局：\n"
        "经组织专家评审和公示，确定20个专科为市级临床重点专科，现予公布。\n"
        "示范市卫生健康委员会（盖章）　　2024年9月3日\n附件\n临床重点专科名单\n"
    )
    notice = _one(text, "seal.txt")
    assert notice.issuer == "示范市卫生健康委员会" and notice.written_date == "2024-09-03"


@pytest.mark.parametrize(
    "title",
    ["关于2024年度示范市卫生健康系统拟表彰对象的公示", "关于2025年元旦春节期间医疗服务工作的安排"],
)
def test_the_issuing_body_printed_under_a_title_is_not_part_of_it(title):
    page = (
        f"首页 > 公示公告\n{title}\n示范市卫生健康委员会\n发布日期：2024-12-02\n"
        "根据工作安排，经单位推荐和评审，现将有关事项予以公布，请各单位遵照执行。\n"
        "示范市卫生健康委员会\n2024年11月29日\n"
    )
    notice = _one(page, "byline.txt")
    assert notice.title == title
    assert notice.issuer == "示范市卫生健康委员会" and notice.written_date == "2024-11-29"


def test_a_number_alone_in_an_articles_sidebar_is_not_the_articles():
    page = (
        "示范日报\n相关文件\n国卫医政发〔2023〕12号\n医院门诊将全面推行分时段预约诊疗\n"
        "2024-05-06 08:00  来源：示范日报  记者 张三\n"
        "本报讯 记者从省卫生健康委获悉，全省二级以上医院门诊将全面推行分时段预约诊疗，"
        "缩短患者等候时间。\n"
    )
    notice = _one(page, "article.txt")
    assert notice.doc_number == "" and notice.issuer == ""
    assert notice.title == "医院门诊将全面推行分时段预约诊疗"


def test_a_label_spaced_out_on_a_line_of_its_own_labels_the_line_below():
    page = (
        "首页 > 政策文件\n发文机关：\n示范省医疗保障局\n文  号：\n示医保发〔2022〕31号\n"
        "成文日期：\n2022年09月07日\n关于完善日间手术医保支付政策的通知\n各市医疗保障局：\n"
        "为规范日间手术医保支付，现就有关事项通知如下。\n示范省医疗保障局\n2022年9月7日\n"
    )
    notice = _one(page, "labels.txt")
    assert notice.doc_number == "示医保发〔2022〕31号"
    assert notice.issuer == "示范省医疗保障局" and notice.written_date == "2022-09-07"


def test_a_long_menu_listed_one_item_to_a_line_is_furniture(tmp_path):
    from rag.loaders import load_file

    items = (
        "首页 机构概况 领导信息 机构职能 内设机构 直属单位 政务公开 政策文件 政策解读 规划计划 "
        "统计信息 财政资金 人事信息 建议提案 政务服务 办事指南 在线办理 办件查询 互动交流 领导信箱 "
        "在线访谈 意见征集 常见问题 医政医管 基层卫生 疾病控制 妇幼健康 老龄健康 中医中药 综合监督 "
        "食品安全 职业健康 爱国卫生 健康科普 专题专栏 医改专栏 党建工作 无偿献血 数据发布 统计年鉴 "
        "卫生资源 医疗服务 公共卫生 便民服务 医院查询 医生查询 预约挂号 药品查询 网站地图 联系我们 "
        "无障碍 长者模式 English 手机版 微信 微博 帮助 繁体版 登录 注册 搜索"
    )
    menu = "".join(f"<li><a href='#'>{x}</a></li>" for x in items.split())
    page = tmp_path / "menu.html"
    page.write_text(
        f"<html><head><title>示范省卫生健康委员会</title></head><body><ul>{menu}</ul>"
        "<h1>关于做好2024年国家基本公共卫生服务项目工作的通知</h1>"
        "<p>示卫基层函〔2024〕66号</p><p>各市卫生健康委：</p>"
        "<p>为做好基本公共卫生服务项目工作，现将有关事项通知如下。</p>"
        "<p>示范省卫生健康委员会</p><p>2024年8月30日</p></body></html>",
        encoding="utf-8",
    )
    loaded = load_file(page)
    (notice,) = parse_notices(loaded.text, page.name, loaded.page_title, paragraphs=True)
    assert notice.title == "关于做好2024年国家基本公共卫生服务项目工作的通知"
    assert notice.doc_number == "示卫基层函〔2024〕66号"
    assert notice.issuer == "示范省卫生健康委员会" and notice.written_date == "2024-08-30"
    assert "办事指南" not in notice.text


def test_two_traditional_notices_in_one_file_stay_two_with_their_numbers():
    signature = "示範省衛生健康委員會\n"
    first = "關於甲事項的通知\n示衛發〔2021〕1號\n各單位：\n甲事項按此辦理。\n"
    second = "關於乙事項的通知\n示衛發〔2021〕2號\n各單位：\n乙事項按此辦理。\n"
    first += signature + "2021年1月5日\n"
    second += signature + "2021年2月5日\n"
    notices = parse_notices(first + second, "two-trad.txt")
    assert [n.doc_number for n in notices] == ["示卫发〔2021〕1号", "示卫发〔2021〕2号"]
    assert "甲事項按此辦理" in notices[0].text  # the text as written


def test_a_menu_copied_without_its_spaces_is_not_an_articles_headline():
    page = (
        "首页机构概况政务公开政务服务互动交流健康示范\n《示范省出生缺陷综合防治实施方案》政策解读\n"
        "发布时间：2023-06-01\n近日，省卫生健康委印发实施方案，现就有关内容解读如下，供各地参考。\n"
    )
    notice = _one(page, "interp.txt")
    assert notice.title == "《示范省出生缺陷综合防治实施方案》政策解读"


def test_a_related_files_list_above_an_article_gives_it_no_number_or_title():
    page = (
        "相关文件：\n关于印发示范工作方案的通知（国卫办医政发〔2019〕7号）\n"
        "关于加强示范管理的通知（示卫发〔2020〕3号）\n我省出台新政加快发展居家护理服务\n"
        "2023-11-09  来源：示范日报  记者 李四\n"
        "本报讯 省卫生健康委等部门近日印发通知，加快发展居家护理服务，让失能老人在家享受护理。\n"
    )
    notice = _one(page, "article.txt")
    assert notice.doc_number == ""
    assert notice.title == "我省出台新政加快发展居家护理服务"
    # The linked files are still cited by the page.
    assert {r.doc_number for r in notice.references} == {
        "国卫办医政发〔2019〕7号",
        "示卫发〔2020〕3号",
    }


def test_the_forwarded_documents_number_under_a_forwarding_title_is_not_the_notices():
    text = (
        "示范省卫生健康委员会\n关于转发《国家卫生健康委关于加强医疗机构\n临床营养科建设的通知》的通知\n"
        "（国卫医政发〔2023〕16号）\n各市卫生健康委：\n"
        "现将《国家卫生健康委关于加强医疗机构临床营养科建设的通知》转发给你们，请一并贯彻执行。\n"
        "示范省卫生健康委员会\n2023年7月18日\n"
    )
    notice = _one(text, "forward.txt")
    assert notice.doc_number == ""
    assert "国卫医政发〔2023〕16号" in {r.doc_number for r in notice.references}


def test_a_letterhead_naming_the_titles_own_body_is_not_part_of_the_title():
    text = (
        "国家卫生健康委员会办公厅\n国家卫生健康委办公厅关于做好2024年乡村医生队伍建设\n重点工作的通知\n"
        "各省、自治区、直辖市卫生健康委：\n为稳定和优化乡村医生队伍，现就有关工作通知如下。\n"
        "国家卫生健康委办公厅\n2024年3月5日\n"
    )
    notice = _one(text, "letterhead.txt")
    assert notice.title == "国家卫生健康委办公厅关于做好2024年乡村医生队伍建设重点工作的通知"
    assert notice.issuer == "国家卫生健康委办公厅"


def test_a_related_files_list_does_not_split_a_single_notice():
    text = (
        "相关文件：\n关于印发示范工作方案的通知（国卫办医政发〔2019〕7号）\n"
        "关于加强示范管理的通知（示卫发〔2020〕3号）\n"
        "冀卫医〔2005〕23号　示范省卫生厅关于开展医院管理年活动的通知\n各设区市卫生局：\n"
        "为进一步加强医院管理，决定在全省开展医院管理年活动，请认真组织实施。\n"
        "示范省卫生厅\n二00五年四月十八日\n"
    )
    (notice,) = parse_notices(text, "one.txt")
    assert notice.doc_number == "冀卫医〔2005〕23号"
    assert notice.title == "示范省卫生厅关于开展医院管理年活动的通知"
    assert notice.written_date == "2005-04-18"


def test_a_report_citing_a_national_and_a_provincial_notice_is_of_the_province():
    page = (
        "居家护理服务扩面提质\n2023-09-07  来源：示范晚报  记者 王五\n"
        "本报讯 按照《关于开展“互联网+护理服务”试点工作的通知》（国卫办医函〔2019〕80号）"
        "和《关于推进“互联网+护理服务”的实施意见》（粤卫医函〔2023〕12号）要求，"
        "我省“互联网+护理服务”试点医院已达到120家。\n"
    )
    notice = _one(page, "report.txt")
    assert notice.issuer == "" and notice.region == "广东"


def test_a_report_on_what_a_national_body_issued_is_national():
    text = (
        "新华社北京3月5日电（记者 周明）国家医保局5日发布通知，要求各地在年底前全面实现医保药品"
        "耗材追溯码应用。\n据介绍，定点医药机构销售药品须扫码结算，医保部门将依托追溯码开展智能监管。\n"
    )
    notice = _one(text, "xinhua.txt")
    assert notice.issuer == "" and notice.doc_number == "" and notice.region == "全国"


@pytest.mark.parametrize("date", ["2023-05-06", "2023.5.6", "2023/05/06"])
def test_a_signature_dated_in_figures_gives_issuer_and_date(date):
    text = (
        "关于开展示范工作的通知\n示卫发〔2023〕5号\n各市卫生健康委：\n"
        f"为做好示范工作，现将有关事项通知如下，请遵照执行。\n示范省卫生健康委员会\n{date}\n"
    )
    notice = _one(text, "figures.txt")
    assert notice.issuer == "示范省卫生健康委员会" and notice.written_date == "2023-05-06"


def test_a_date_in_figures_alone_under_an_article_does_not_make_it_a_notice():
    page = (
        "市卫健局召开医疗质量安全工作推进会\n6月17日，市卫健局召开全市医疗质量安全工作推进会，"
        "部署下半年重点工作，要求各医疗机构逐项落实。\n2024-06-18\n"
    )
    notice = _one(page, "dongtai.txt")
    assert notice.issuer == "" and notice.written_date == ""
    assert notice.title == "市卫健局召开医疗质量安全工作推进会"


def test_a_link_to_an_interpretation_does_not_make_a_notice_a_news_report():
    page = (
        "您所在的位置：首页 > 通知公告\n示范省卫生健康委关于开展互联网诊疗服务专项检查的函\n"
        "发布时间：2023-05-22  信息来源：医政医管处\n"
        "相关解读：《示范省互联网诊疗监督管理办法》政策解读（示卫规〔2022〕5号）\n各设区市卫生健康委：\n"
        "近年来互联网诊疗服务发展较快，决定开展专项检查，请认真组织实施。\n"
        "示范省卫生健康委员会\n2023年5月19日\n"
    )
    notice = _one(page, "han.txt")
    assert notice.doc_number == ""
    assert notice.title == "示范省卫生健康委关于开展互联网诊疗服务专项检查的函"
    assert notice.issuer == "示范省卫生健康委员会" and notice.written_date == "2023-05-19"


def test_a_public_account_repost_with_a_lead_is_read_as_the_notice_it_reprints():
    """A public account's post opens with its headline and a lead paragraph, then prints the
    notice whole: its title and 文号 are the page's, not the headline; a page that prints
    no notice head under its lead stays a report."""
    page = (
        "划重点！示范市门诊慢特病认定有新变化\n\n原创　示范医保　2025年03月02日 09:15　示范省\n\n"
        "点击上方蓝字　关注我们\n\n"
        "　　近日，市医保局印发《关于调整门诊慢特病认定办法的通知》，认定材料更少了，一起来看↓\n\n"
        "示范市医疗保障局关于调整门诊慢特病认定办法的通知\n\n示医保发〔2025〕7号\n\n"
        "各区医疗保障分局，各定点医疗机构：\n\n"
        "　　一、认定材料。申请人提交近一年的门诊病历即可。\n\n"
        "　　二、本通知自2025年3月1日起执行，有效期3年。\n\n"
        "示范市医疗保障局\n2025年2月20日\n\n- END -\n\n来源：示范市医疗保障局\n阅读原文\n"
    )
    notice = _one(page, "post.txt")
    assert notice.doc_number == "示医保发〔2025〕7号"
    assert notice.title == "示范市医疗保障局关于调整门诊慢特病认定办法的通知"
    assert notice.issuer == "示范市医疗保障局"
    assert "近日，市医保局印发" in notice.text  # the lead stays in the text

    report = (
        "划重点！示范市门诊慢特病认定有新变化\n\n原创　示范医保　2025年03月02日 09:15\n\n"
        "　　近日，市医保局印发《关于调整门诊慢特病认定办法的通知》，认定材料更少了。\n\n"
        "　　通知明确，申请人提交近一年的门诊病历即可，自2025年3月1日起执行。\n"
    )
    notice = _one(report, "report.txt")
    assert notice.doc_number == "" and notice.title == "划重点！示范市门诊慢特病认定有新变化"


def test_a_repost_whose_lead_asks_questions_and_ends_with_a_colon_is_read_as_its_notice():
    """A lead paragraph may ask the reader's questions, name the commission and end with
    "通知原文如下：": it closes sentences before its colon, so it is no recipients line, and
    the notice printed under it heads the page."""
    page = (
        "送检要提前3天预约！示范市今年这样管体检机构\n\n"
        "示范卫健在线　2025年03月17日 20:12　示范省\n\n"
        "　　单位体检的报告几天能拿到？体检结论有没有人复核？近日，市卫生健康委下发通知，"
        "部署全市体检机构监管。通知原文如下：\n\n"
        "示范市卫生健康委员会关于加强2025年体检机构监管的通知\n\n示卫健发〔2025〕21号\n\n"
        "甲区、乙区、丙县卫生健康局，市直有关医疗卫生单位：\n\n"
        "　　一、报告复核。市卫生健康委每季度组织1次报告复核，每家机构抽取不少于20份。\n\n"
        "示范市卫生健康委员会\n2025年3月12日\n"
    )
    notice = _one(page, "post.txt")
    assert notice.doc_number == "示卫健发〔2025〕21号"
    assert notice.title == "示范市卫生健康委员会关于加强2025年体检机构监管的通知"


@pytest.mark.parametrize(
    "recipients",
    [
        # districts and counties listed before the body they end with, a project's bodies
        "东城区、西城区、南湖县卫生健康局，市疾病预防控制中心，各项目承担机构：",
        # township hospitals and the county's units, in no fixed wording
        "各乡镇卫生院，县直各医疗卫生单位：",
        # a law-enforcement brigade among them
        "各街镇社区卫生服务中心，区疾控中心，区卫生健康综合执法支队，辖区各检查机构：",
    ],
)
def test_a_repost_whose_notice_has_recipients_of_any_wording_is_read_as_that_notice(recipients):
    """The recipients line under the reprinted notice's head names bodies and places in
    whatever words its issuer uses; it still ends the head, so the notice's own title and
    文号 are the page's, not the post's headline."""
    page = (
        "每颗牙再补15元！示范市今年免费做窝沟封闭\n\n示范卫健　2025年04月09日 19:20　示范省\n\n"
        "　　孩子的大牙怎么防蛀？今年我市继续为小学二、三年级和六年级学生免费做窝沟封闭，"
        "为幼儿园小朋友免费涂氟，家长签好知情同意书就行。以下为通知全文。\n\n"
        "示范市卫生健康委员会关于开展2025年学龄儿童窝沟封闭工作的通知\n\n示卫发〔2025〕31号\n\n"
        f"{recipients}\n\n"
        "　　一、在自治区补助标准基础上，市级财政对窝沟封闭每颗牙另行补助15元。\n\n"
        "示范市卫生健康委员会\n2025年4月3日\n"
    )
    notice = _one(page, "post.txt")
    assert notice.doc_number == "示卫发〔2025〕31号"
    assert notice.title == "示范市卫生健康委员会关于开展2025年学龄儿童窝沟封闭工作的通知"


def test_a_posts_byline_is_never_joined_to_its_headline_or_lead():
    """A plain-text post whose lines are as short as its headline reads as a narrow column,
    whose lines a PDF would wrap; the byline (account, day, time, place) still stands alone,
    so the lead is not run onto it, and the notice under them is the page's."""
    from rag.clean import rejoin_lines

    items = [
        "一、二级以上医院全部设置临床营养科和营养门诊。",
        "二、住院患者营养风险筛查率要达到九成以上。",
        "三、营养病历抽查比例不低于百分之三十以上。",
    ]
    head = [
        "入院一天就筛查！示范市营养科建设有新规矩",
        "示范健康在线　2025年07月31日 18:25　示范省",
        "　　住院病人吃得对不对，谁来管？以下是通知原文。",
    ]
    notice = ["示范市卫生健康委员会关于推进临床营养科建设的通知", "示卫医发〔2025〕22号"]
    lines = [*head, *notice, "各县（区）卫生健康局，市直各医疗机构：", *items]
    assert rejoin_lines(lines)[:3] == head
    page = "\n\n".join([*lines, "示范市卫生健康委员会", "2025年7月28日"]) + "\n"
    parsed = _one(page, "post.txt")
    assert (parsed.doc_number, parsed.title) == ("示卫医发〔2025〕22号", notice[0])


def test_a_regulation_promulgated_by_an_announcement_is_named_as_the_regulation():
    """A 人大 page prints the standing committee's 公告 over the 条例 it promulgates: the
    notice is the 条例 (its users ask for it by that name), issued by the committee; an
    announcement of something else keeps its own heading."""
    page = (
        "示范市人大网　>　法规规章　>　地方性法规\n\n示范市控制吸烟条例\n\n"
        "来源：市人大常委会法制工作委员会　　发布时间：2026-10-12 09:30\n\n"
        "示范市人民代表大会常务委员会公告\n（第十八号）\n\n"
        "　　《示范市控制吸烟条例》已于2026年6月24日经示范市人民代表大会常务委员会第二十九次会议"
        "通过，现予公布，自2027年1月1日起施行。\n\n"
        "示范市人民代表大会常务委员会\n2026年10月9日\n\n示范市控制吸烟条例\n\n"
        "第一条　为了减少烟草烟雾危害，制定本条例。\n"
        "第二条　本条例自2027年1月1日起施行。\n"
    )
    notice = _one(page, "tiaoli.txt")
    assert notice.title == "示范市控制吸烟条例"
    assert notice.issuer == "示范市人民代表大会常务委员会"

    other = (
        "示范市人民代表大会常务委员会公告\n（第十九号）\n\n"
        "　　示范市第十八届人民代表大会常务委员会第三十次会议决定，接受张某辞去职务的请求，"
        "现予公告。\n\n示范市人民代表大会常务委员会\n2026年10月20日\n"
    )
    assert _one(other, "gonggao.txt").title == "示范市人民代表大会常务委员会公告"
