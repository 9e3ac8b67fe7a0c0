"""rag.grammar and rag.places as the one home of document grammar: numbered headings and
province-level names are defined once and read from there by every stage."""

from __future__ import annotations

import re

import pytest

from rag import chunking, clean, digest, docno, grammar, places, query_filters
from rag.answer import dependents, extractive, questions, text
from rag.chunking import heading_level, sections
from rag.notices import compilation
from tests.conftest import ROOT

# -- numbered headings ---------------------------------------------------------------------


def test_cleaner_chunker_and_answer_stage_read_headings_from_grammar():
    assert clean.HEADING_START is grammar.HEADING_START
    assert text.HEADING_START is grammar.HEADING_START
    assert text.NUMBER_START is grammar.NUMBER_START
    assert sections.HEADINGS is grammar.HEADINGS
    assert dependents.opens_heading is text.opens_heading
    # No stage keeps a copy of its own.
    for module in (clean, chunking, sections, text, extractive, dependents):
        own = {
            name
            for name, value in vars(module).items()
            if isinstance(value, re.Pattern) and "HEADING" in name.upper()
        }
        assert own <= {"HEADING_START"}, (module.__name__, own)


@pytest.mark.parametrize(
    "line",
    [
        "第一章 总则",
        "第二节 机构资质",
        "第十五条 机构资质监督执法的主要内容包括：",
        "第3条 适用范围",
        "一、总体要求",
        "十二．保障措施",
        "（一）加强组织领导。",
        "(二)经费保障",
        "1. 科学佩戴口罩。",
        "12、加强宣传引导",
        "（1）定点医疗机构",
        "附件",
        "附件2：",
    ],
)
def test_every_kind_of_heading_opens_a_block_for_every_stage(line):
    assert heading_level(line) is not None  # the chunker nests it
    assert grammar.HEADING_START.match(line)
    assert clean._starts_block(line)  # the cleaner never joins it to the line above
    assert text.opens_heading(line)  # the answer stage reads it as a heading


def test_where_the_stages_read_a_line_differently():
    # Spaces that extraction leaves inside a marker: the chunker still nests the heading;
    # the cleaner and the answer stage read markers as written.
    assert heading_level("( 一 ) 组织管理") == 2
    assert heading_level("第 五 章 附则") == 0
    assert not grammar.HEADING_START.match("( 一 ) 组织管理")
    # 附件 opens a block wherever it starts a line; only a line of its own is an attachment.
    assert grammar.HEADING_START.match("附件：医疗废物集中处置设施能力建设实施方案")
    assert heading_level("附件：医疗废物集中处置设施能力建设实施方案") is None
    # 附表 and 第X部分 open a block without taking part in the nesting.
    for line in ("附表1 统计表", "第一部分 工作目标"):
        assert grammar.HEADING_START.match(line)
        assert heading_level(line) is None
    # Outline numbers and items that open with a figure are headings to the answer stage
    # only; a decimal at the start of a line is no heading to the cleaner or the chunker.
    for line in ("1.1国家组织药品集中带量采购", "1.2020年5月—11月，启动实施阶段。"):
        assert text.opens_heading(line)
        assert not grammar.HEADING_START.match(line)
        assert heading_level(line) is None
    assert not clean._starts_block("46.6%。")
    # A divider opens a block for the cleaner; it is no heading.
    assert clean._starts_block("-----本期内容-----")
    assert not text.opens_heading("-----本期内容-----")


def test_heading_kinds_levels_and_ranks():
    kinds = {pattern.pattern: (level, rank) for pattern, level, rank in grammar.HEADINGS}
    assert kinds[grammar.ATTACHMENT.pattern] == (0, -1.0)
    assert kinds[grammar.CHAPTER.pattern] == (0, 0.0)
    assert kinds[grammar.SECTION.pattern] == (1, 0.5)
    assert kinds[grammar.ARTICLE.pattern] == (1, 1.0)
    assert kinds[grammar.CN_ITEM.pattern] == (1, 1.0)
    assert kinds[grammar.CN_PAREN_ITEM.pattern] == (2, 2.0)
    assert kinds[grammar.NUM_ITEM.pattern] == (3, 3.0)
    assert kinds[grammar.NUM_PAREN_ITEM.pattern] == (4, 4.0)


# -- province-level names ------------------------------------------------------------------

# The order every caller has always seen: longest first, then the municipalities, the
# provinces and autonomous regions by division code, 香港, 澳门, 台湾.
_PROVINCES = (
    "内蒙古", "黑龙江", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林",
    "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港",
    "澳门", "台湾",
)  # fmt: skip


def test_province_table_has_one_source():
    assert tuple(sorted(places.PROVINCE_NAMES, key=len, reverse=True)) == places.PROVINCES
    for module in (docno, query_filters, digest, compilation, questions):
        assert module.PROVINCES is places.PROVINCES, module.__name__
    import rag.notices

    assert rag.notices.PROVINCES is places.PROVINCES
    # The 文号 abbreviations name provinces of the same table.
    assert set(docno.PROVINCE_ABBREVIATIONS.values()) <= set(places.PROVINCES)
    # No other module spells out the province-level names.
    spelled = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "rag").rglob("*.py"))
        if all(name in path.read_text(encoding="utf-8") for name in ("香港", "澳门", "内蒙古"))
    ]
    assert spelled == ["rag/places.py"]


def test_provinces_keep_their_names_and_order():
    assert places.PROVINCES == _PROVINCES
    assert len(places.PROVINCE_NAMES) == 34
    assert all(places.PROVINCE_NAMES[p].startswith(p) for p in places.PROVINCES)


def test_a_menu_with_about_us_is_navigation_not_a_title():
    from rag.grammar import is_nav

    assert is_nav("首页 ｜ 政务公开 ｜ 办事服务 ｜ 关于我们")
    assert is_nav("網站首頁 | 新聞中心 | 聯繫我們 | 關於本站".replace("網站首頁", "首页"))
    assert not is_nav("关于做好乡村医生岗位培训的通知")
    assert not is_nav("首页 > 关于印发乡村医生培训办法的通知")


def test_a_district_or_county_of_one_province_is_a_place_of_it():
    # Named bare as askers do (杨浦), or with its suffix (柯桥区), a district or county is a
    # place of its province; one whose name two provinces share (安宁: 昆明's 安宁市 and
    # 兰州's 安宁区) is none, nor is an ordinary word (大方 of 贵州's 大方县).
    assert places.local_province("杨浦") == "上海"
    assert places.local_province("万州") == "重庆"
    assert places.local_province("杭州") == "浙江"
    assert places.local_province("安宁") == ""
    assert places.prefecture_of("涧西") == "洛阳"
    assert places.bare_cities("杨浦一家奶茶店的店员健康证丢了") == ["杨浦"]
    assert places.bare_cities("柯桥区的征求意见稿") == ["柯桥"]
    assert places.bare_cities("它对安宁疗护服务的收费是怎么规定的？") == []
    assert places.bare_cities("说话大方一点") == []
    # A district named with its city is a place of that city: the city is asked of.
    assert places.bare_cities("洛阳涧西区大医院带的联合体") == ["洛阳"]


def test_a_county_named_after_its_city_is_a_place_of_that_city():
    # "上饶县里的犬伤门诊…": 上饶县 (one word to the segmenter, and no longer in the division
    # codes) is a place of 上饶, so of 江西; 辽源's 西安区 is no place of 陕西's 西安.
    assert places.bare_cities("上饶县里的犬伤门诊晚上有人值班吗？") == ["上饶"]
    assert places.bare_cities("我在长沙县上班") == ["长沙"]
    assert "西安" not in places.bare_cities("辽源西安区的医院")


def test_a_district_of_the_province_asked_of_is_found_by_its_full_name():
    # 滨海新区 is 天津's, 滨海县 江苏's: in a conversation about 天津 the name is 天津's district.
    assert places.districts_of("那滨海新区呢？", "天津") == ["滨海新区"]
    assert places.districts_of("那滨海新区呢？", "河北") == []


def test_a_city_the_segmenter_cuts_into_its_neighbour_is_still_the_city_named():
    # "晋中卫健部门…" is cut 晋 / 中卫 / 健: 中卫 is a city of 宁夏, but the city the words
    # open with is 晋中, of 山西. A city named on its own stays itself.
    assert places.bare_cities("晋中卫健部门抽检的样品留多久？") == ["晋中"]
    assert places.bare_cities("中卫的医院怎么收费？") == ["中卫"]
    assert places.bare_cities("我在遵义上班") == ["遵义"]
    # (那 opening "那曲靖呢？" is "and what of", not the first character of 西藏's 那曲)
    assert places.bare_cities("那曲靖呢？市里多久通报一次？") == ["曲靖"]
