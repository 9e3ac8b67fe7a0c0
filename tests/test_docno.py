"""Tests for rag.docno: parsing, normalising and finding 文号 in health-policy notices."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rag.docno import (
    MAX_AGENCY_LEN,
    MAX_PREFIX_LEN,
    PROVINCE_ABBREVIATIONS,
    DocNumber,
    DocNumberMatch,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
)

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

BRACKET_PAIRS = [
    ("〔", "〕"),
    ("[", "]"),
    ("(", ")"),
    ("（", "）"),
    ("【", "】"),
    ("［", "］"),
    ("｛", "｝"),
]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# Characters of real agency prefixes that cannot combine into a stop word (印发, 通知, 的 …).
PREFIX_ALPHABET = "国卫办医函发药监综械管保京闽黑川政疾控妇幼基层财务老龄健康委厅局联防机制中规"
PUNCTUATION = re.compile(r"[\s\W\d0-9A-Za-z]")


def _corpus_text(name_start: str) -> str:
    paths = sorted(CORPUS.glob(f"{name_start}_*.txt"))
    if not paths:
        pytest.skip(f"corpus file {name_start}_*.txt not present")
    return paths[0].read_text(encoding="utf-8")


# --- parse / normalise -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("国卫办医函〔2020〕357号", "国卫办医函〔2020〕357号"),
        ("国卫办医函〔2020〕357 号", "国卫办医函〔2020〕357号"),
        ("国卫办医函 [ 2020 ] 357号", "国卫办医函〔2020〕357号"),
        ("联防联控机制综发〔2020〕169\n\n号", "联防联控机制综发〔2020〕169号"),
        ("联防联控机制医疗发〔2020〕\n\n225 号", "联防联控机制医疗发〔2020〕225号"),
        ("发改环资〔2020〕696 号", "发改环资〔2020〕696号"),
        ("国卫办基层函〔2019〕210号", "国卫办基层函〔2019〕210号"),
        ("国中医药办医政函〔2020〕116\n\n号", "国中医药办医政函〔2020〕116号"),
        ("全国老龄办发〔2020〕1 号", "全国老龄办发〔2020〕1号"),
        ("沪卫应急〔2020〕003 号", "沪卫应急〔2020〕3号"),
        ("民发〔\n\n2019〕88 号", "民发〔2019〕88号"),
        ("国卫办医\n\n函〔2019〕903号", "国卫办医函〔2019〕903号"),
        ("综 合 浙 医 改 联 席 办〔2020〕2\n号", "综合浙医改联席办〔2020〕2号"),
        ("赣药监药品经营〔2020〕38 号", "赣药监药品经营〔2020〕38号"),
        ("国卫办医函（２０２０）３５７号", "国卫办医函〔2020〕357号"),
        ("国卫办医函〔2020]357号", "国卫办医函〔2020〕357号"),
        ("国卫办医函2020〕357号", "国卫办医函〔2020〕357号"),
        ("国卫办医函〔2020 357号", "国卫办医函〔2020〕357号"),
        ("国卫办医函 2020 357 号", "国卫办医函〔2020〕357号"),
        ("国卫办医函〔2020〕357", "国卫办医函〔2020〕357号"),
        ("  （国卫办医函〔2020〕155 号）。", "国卫办医函〔2020〕155号"),
        ("公告 2020 年第 62 号", "公告2020年第62号"),
        ("通告 2020 年第 2 号", "通告2020年第2号"),
        ("公告２０２０年第６２号", "公告2020年第62号"),
        ("国家药监局公告2020年第62号", "公告2020年第62号"),
        ("公告（2020年第62号）", "公告2020年第62号"),
    ],
)
def test_parse_real_variants(raw: str, expected: str) -> None:
    doc = parse_doc_number(raw)
    assert doc is not None
    assert doc.normalized == expected
    assert normalize_doc_number(raw) == expected


def test_parse_fields() -> None:
    assert parse_doc_number("国卫办医函〔2020〕357 号") == DocNumber(
        prefix="国卫办医函", year=2020, serial=357, form="bracket"
    )
    assert parse_doc_number("公告 2020 年第 62 号") == DocNumber(
        prefix="公告", year=2020, serial=62, form="announcement"
    )


def test_announcement_keeps_agency_in_prefix_only() -> None:
    with_agency = parse_doc_number("国家药监局公告2020年第62号")
    without = parse_doc_number("公告2020年第62号")
    assert with_agency is not None and without is not None
    assert with_agency.prefix == "国家药监局公告"
    assert without.prefix == "公告"
    assert with_agency.normalized == without.normalized == "公告2020年第62号"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "2020年",
        "第2号",
        "2020年第62号",
        "2020年第3季度",
        "2020年3月5日",
        "0931-8123456",
        "（0931）8123456",
        "（2020 年版）",
        "国卫办医函",
        "国卫办医函〔1800〕1号",
        "国卫办医函〔2020〕0号",
        "国〔2020〕1号",
        "《国卫办医函〔2020〕1号",
        "关于印发国卫办医函〔2020〕1号",
        "ABC〔2020〕1号",
        "国卫办医函〔2020〕357号 国卫办医函〔2020〕358号",
        "本公告2020年第1号",
        "特此公告",
    ],
)
def test_parse_rejects_non_doc_numbers(text: str) -> None:
    assert parse_doc_number(text) is None
    assert normalize_doc_number(text) == ""


def test_docnumber_rejects_unknown_form() -> None:
    with pytest.raises(ValueError, match="form"):
        DocNumber(prefix="国卫办医函", year=2020, serial=1, form="other")


# --- region_prefix ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "region"),
    [
        ("闽药监科函", "福建"),
        ("黑医保发", "黑龙江"),
        ("京医保发", "北京"),
        ("川卫发", "四川"),
        ("川府发", "四川"),
        ("内卫疾控发", "内蒙古"),
        ("湘药监发", "湖南"),
        ("国卫办医函", "全国"),
        ("国办发", "全国"),
        ("国中医药办医政函", "全国"),
        ("联防联控机制综发", "全国"),
        ("发改环资", "全国"),
        ("民发", "全国"),
        ("医保办发", "全国"),
        ("药监综械管", "全国"),
        ("全国老龄办发", "全国"),
        ("国发明电", "全国"),
        ("平政办发", None),
        ("局函", None),
    ],
)
def test_region_prefix_bracket(prefix: str, region: str | None) -> None:
    assert DocNumber(prefix, 2020, 1, "bracket").region_prefix == region


def test_region_prefix_announcement() -> None:
    assert DocNumber("公告", 2020, 62, "announcement").region_prefix == "全国"
    assert DocNumber("通告", 2020, 2, "announcement").region_prefix == "全国"
    assert DocNumber("国家药监局公告", 2020, 62, "announcement").region_prefix == "全国"
    assert DocNumber("北京市药监局公告", 2020, 1, "announcement").region_prefix == "北京"


def test_province_abbreviations_cover_every_province() -> None:
    assert len(set(PROVINCE_ABBREVIATIONS.values())) == 31
    assert PROVINCE_ABBREVIATIONS["蜀"] == PROVINCE_ABBREVIATIONS["川"] == "四川"
    assert PROVINCE_ABBREVIATIONS["陇"] == "甘肃"
    assert all(len(k) == 1 for k in PROVINCE_ABBREVIATIONS)


# --- find in running text --------------------------------------------------------------


def _found(text: str) -> list[str]:
    matches = find_doc_numbers(text)
    for m in matches:
        assert m.raw == text[m.start : m.end]
    return [m.doc_number.normalized for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "按照《新型冠状病毒肺炎防控方案》（国卫办医函〔2020〕155号）做好防护。",
            ["国卫办医函〔2020〕155号"],
        ),
        ("按照国卫办医函〔2020〕155号要求", ["国卫办医函〔2020〕155号"]),
        ("关于印发国卫办医函〔2020〕155号文件", ["国卫办医函〔2020〕155号"]),
        (
            "工作的通知\n发文字号： 联防联控机制综发〔2020〕169\n\n号\n发布日期： 2020-07-28",
            ["联防联控机制综发〔2020〕169号"],
        ),
        (
            "加强医疗机构感染防控工作的通知\n\n联防联控机制综发〔2020〕169 号\n\n各省、自治区",
            ["联防联控机制综发〔2020〕169号"],
        ),
        (
            "印发推进医疗服务价格改革意见的通知》（发改价格\n\n〔2016〕1431 号）、《国务",
            ["发改价格〔2016〕1431号"],
        ),
        (
            "工作的通知》（国\n\n卫办基层函〔2017〕956 号）文件要求",
            ["国卫办基层函〔2017〕956号"],
        ),
        ("指导意见》( 国发\n\n明电〔2020〕14 号 )，做好", ["国发明电〔2020〕14号"]),
        ("考核工作的通知》（国卫办医\n\n函〔2019〕903号）和《关于", ["国卫办医函〔2019〕903号"]),
        ("服务消费的实施意见》（民发〔\n\n2019〕88 号）要求", ["民发〔2019〕88号"]),
        ("审评审批制度的意见》（国发〔2015〕\n\n44 号）、《国务", ["国发〔2015〕44号"]),
        (
            "发文字号： 综 合 浙 医 改 联 席 办〔2020〕2\n号\n\n发布日期",
            ["综合浙医改联席办〔2020〕2号"],
        ),
        ("任务及分工的通知\n\n平政办发〔2020〕81号 2020年10月", ["平政办发〔2020〕81号"]),
        ("（国卫办医发〔2019〕23 号 ,以下简称“考核通知”）", ["国卫办医发〔2019〕23号"]),
        (
            "国卫办医函〔2020〕1号国卫办医函〔2020〕2号",
            ["国卫办医函〔2020〕1号", "国卫办医函〔2020〕2号"],
        ),
        ("国卫办医函 [ 2020 ] 357号", ["国卫办医函〔2020〕357号"]),
        ("（国卫办医函（２０２０）３５７号）", ["国卫办医函〔2020〕357号"]),
        ("工作的公告\n发文字号： 公告 2020 年第 62 号 发布日期：", ["公告2020年第62号"]),
        ("技术要求 》等 3 个文件的通告\n\n通告 2020 年第 2 号\n\n为加强", ["通告2020年第2号"]),
        (
            "有关事项的公告》（2019 年第 103 号，以下简称“103 号公告”）",
            ["公告2019年第103号"],
        ),
        ("有关事宜的公告》(2020 年第 46 号）等相关规定", ["公告2020年第46号"]),
        ("有关事项的公告》（2018\n\n年第 102 号）等有关规定", ["公告2018年第102号"]),
        (
            "按照国家局关联审评审批公告（2016\n\n年第 134 号、"
            "2017 年第 146 号和 2019 年第 56 号）的要求",
            ["公告2016年第134号", "公告2017年第146号", "公告2019年第56号"],
        ),
        ("根据国家药监局公告2020年第62号", ["公告2020年第62号"]),
        # A 公告's own bracket 文号 keeps 公告 in its prefix; 的公告 / 本公告 have no prefix.
        ("的公告\n\n新卫公告〔2026〕7号\n\n根据", ["新卫公告〔2026〕7号"]),
        ("（苏医保公告〔2024〕5号）", ["苏医保公告〔2024〕5号"]),
        ("关于发布X的公告〔2020〕3号", []),
        ("本公告〔2020〕1号", []),
        # How a text says a number is printed is no part of it.
        ("该通知（库中文号印作黑医保发〔2020〕32号）", ["黑医保发〔2020〕32号"]),
        ("误写为国卫办医函〔2020〕33号", ["国卫办医函〔2020〕33号"]),
        # A series written once for several numbers of one agency and year.
        (
            "冀卫规（2020）1号、2号、3号分别是什么文件",
            ["冀卫规〔2020〕1号", "冀卫规〔2020〕2号", "冀卫规〔2020〕3号"],
        ),
        ("国卫办医函〔2020〕357号和405号", ["国卫办医函〔2020〕357号", "国卫办医函〔2020〕405号"]),
        # … but not a number of something else after a comma, or a count.
        ("国卫办医函〔2020〕357号，2号楼", ["国卫办医函〔2020〕357号"]),
        ("国卫办医函〔2020〕357号和5个省", ["国卫办医函〔2020〕357号"]),
    ],
)
def test_find_in_real_text(text: str, expected: list[str]) -> None:
    assert _found(text) == expected


def test_find_prefix_starts_at_agency() -> None:
    text = "按照《关于印发新冠肺炎技术指南的通知》（国卫办医函〔2020〕155号）要求"
    (m,) = find_doc_numbers(text)
    assert m.raw == "国卫办医函〔2020〕155号"
    assert m.doc_number.prefix == "国卫办医函"
    assert text[m.start - 1] == "（"


@pytest.mark.parametrize("adverb", ["后来", "随后", "然后", "先后", "最后", "又"])
def test_a_chat_turns_adverb_is_not_part_of_the_prefix(adverb: str) -> None:
    # An answer in the history tells events in turn: "后来医保办发〔2024〕19号把试行期延长了".
    (m,) = find_doc_numbers(f"{adverb}医保办发〔2024〕19号把试行期延长到了2026年10月31日。")
    assert m.doc_number.normalized == "医保办发〔2024〕19号"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上海市医疗保障局沪医保规〔2024〕2号补充通知规定", "沪医保规〔2024〕2号"),
        ("湖南省卫生健康委员会湘卫医发〔2021〕22号", "湘卫医发〔2021〕22号"),
        ("国家中医药管理局国中医药办医政发〔2020〕9号", "国中医药办医政发〔2020〕9号"),
        # Short names as users write them.
        ("山东药监局鲁药监函〔2020〕95号对", "鲁药监函〔2020〕95号"),
        ("国家卫健委国卫办医函〔2020〕357号", "国卫办医函〔2020〕357号"),
        ("省卫健委湘卫医发〔2021〕22号", "湘卫医发〔2021〕22号"),
    ],
)
def test_the_issuers_full_name_before_its_doc_number_is_not_its_prefix(
    text: str, expected: str
) -> None:
    (m,) = find_doc_numbers(text)
    assert m.doc_number.normalized == expected


def test_find_announcement_agency_in_prefix() -> None:
    (m,) = find_doc_numbers("根据国家药监局公告2020年第62号规定")
    assert m.raw == "国家药监局公告2020年第62号"
    assert m.doc_number.prefix == "国家药监局公告"
    assert m.doc_number.form == "announcement"


def test_find_announcement_after_title_raw_starts_at_kind() -> None:
    (m,) = find_doc_numbers("有关事项的公告》（2019 年第 103 号）规定")
    assert m.raw == "公告》（2019 年第 103 号"
    assert m.doc_number.prefix == "公告"
    assert parse_doc_number(m.raw) == m.doc_number


@pytest.mark.parametrize(
    "text",
    [
        "2020年第3季度全省完成任务的第2号目标。",
        "请于2020年3月5日前报送，联系电话：0931-8123456，（0931）8123456。",
        "《医疗机构不良执业行为记分管理办法（2020 年版）》同时废止。",
        "健康中国行动（2019-2030年）》和三年行动（2018—2020 年）",
        "第2号令已于2020年发布，本公告自发布之日起施行，特此公告。",
        "实施方案（2020）》的通知",
        "办法（2020）3个附件",
        "截至2020）3号楼",
        "国卫办医函〔1900〕5号",
        "“103 号公告”",
    ],
)
def test_find_no_false_positives(text: str) -> None:
    assert find_doc_numbers(text) == []


def test_find_results_are_ordered_and_disjoint() -> None:
    text = (
        "（国卫办医函〔2020〕1号）、（国办发〔2019〕2号）和公告2020年第3号及"
        "《京医保发〔2020〕20 号》"
    )
    matches = find_doc_numbers(text)
    assert [m.doc_number.normalized for m in matches] == [
        "国卫办医函〔2020〕1号",
        "国办发〔2019〕2号",
        "公告2020年第3号",
        "京医保发〔2020〕20号",
    ]
    for a, b in itertools.pairwise(matches):
        assert a.end <= b.start


def test_match_is_frozen_dataclass() -> None:
    m = find_doc_numbers("国办发〔2020〕25号")[0]
    raw = "国办发〔2020〕25号"
    assert m == DocNumberMatch(DocNumber("国办发", 2020, 25, "bracket"), raw, 0, len(raw))
    with pytest.raises(AttributeError):
        m.start = 3  # type: ignore[misc]


# --- property tests --------------------------------------------------------------------

prefixes = st.text(alphabet=PREFIX_ALPHABET, min_size=2, max_size=12)
years = st.integers(min_value=1949, max_value=2100)
serials = st.integers(min_value=1, max_value=99999)
spaces = st.sampled_from(["", "", " ", "  ", "\u3000"])


@st.composite
def rendered_bracket(draw: st.DrawFn, *, for_running_text: bool = False) -> tuple[str, str]:
    """A bracket-form 文号 written the way scraped text writes it, and its canonical form."""
    prefix = draw(prefixes)
    year = draw(years)
    serial = draw(serials)
    canonical = f"{prefix}〔{year}〕{serial}号"
    open_, close = draw(st.sampled_from(BRACKET_PAIRS))
    if draw(st.booleans()):
        close = draw(st.sampled_from(BRACKET_PAIRS))[1]
    year_s = str(year)
    serial_s = "0" * draw(st.integers(0, 2)) + str(serial)
    if draw(st.booleans()):
        year_s = year_s.translate(FULLWIDTH)
    if draw(st.booleans()):
        serial_s = serial_s.translate(FULLWIDTH)
    canonical_brackets = open_ == "〔" and close == "〕"
    hao = "号"
    if not (for_running_text and not canonical_brackets) and draw(st.booleans()):
        hao = ""
    elif draw(st.booleans()):
        hao = "\n\n号"
    gaps = [draw(spaces) for _ in range(5)]
    if not for_running_text:
        prefix = draw(st.sampled_from([" ", "\n"])).join(prefix) if draw(st.booleans()) else prefix
    year_part = f"{open_}{gaps[1]}{year_s}{gaps[2]}{close}"
    text = f"{prefix}{gaps[0]}{year_part}{gaps[3]}{serial_s}{gaps[4]}{hao}"
    return text, canonical


@st.composite
def rendered_announcement(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(["公告", "通告"]))
    year = draw(years)
    serial = draw(serials)
    canonical = f"{kind}{year}年第{serial}号"
    year_s, serial_s = str(year), str(serial)
    if draw(st.booleans()):
        year_s, serial_s = year_s.translate(FULLWIDTH), serial_s.translate(FULLWIDTH)
    g = [draw(spaces) for _ in range(4)]
    return f"{kind}{g[0]}{year_s}{g[1]}年{g[2]}第{g[3]}{serial_s} 号", canonical


@given(rendered_bracket())
def test_parse_any_bracket_rendering(case: tuple[str, str]) -> None:
    text, canonical = case
    assert normalize_doc_number(text) == canonical


@given(rendered_announcement())
def test_parse_any_announcement_rendering(case: tuple[str, str]) -> None:
    text, canonical = case
    assert normalize_doc_number(text) == canonical


@given(st.one_of(rendered_bracket(), rendered_announcement()))
def test_normalize_is_idempotent(case: tuple[str, str]) -> None:
    once = normalize_doc_number(case[0])
    assert once
    assert normalize_doc_number(once) == once


@given(st.text(max_size=30))
def test_normalize_is_idempotent_on_any_text(text: str) -> None:
    once = normalize_doc_number(text)
    assert normalize_doc_number(once) == once


SENTENCES = [
    "为进一步加强医疗机构管理，",
    "现将有关事项通知如下。",
    "各省、自治区、直辖市卫生健康委：",
    "请认真贯彻执行。\n\n",
    "截至2020年第3季度，",
    "联系电话：0931-8123456。",
]
CONTEXTS = ["（{}）", "，{}，", "根据{}", "按照{}要求", "。\n{}\n", "《通知》（{}）精神"]


@given(
    st.lists(
        st.tuples(
            st.one_of(rendered_bracket(for_running_text=True), rendered_announcement()),
            st.sampled_from(CONTEXTS),
            st.sampled_from(SENTENCES),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_find_every_embedded_doc_number(
    parts: list[tuple[tuple[str, str], str, str]],
) -> None:
    text = ""
    expected = []
    for (rendered, canonical), context, sentence in parts:
        text += sentence + context.format(rendered)
        expected.append(canonical)
    text += "特此通知。"
    matches = find_doc_numbers(text)
    assert [m.doc_number.normalized for m in matches] == expected
    for m in matches:
        assert m.raw == text[m.start : m.end]
        assert parse_doc_number(m.raw) == m.doc_number


@given(st.text(alphabet="年第号月日公告（）〔〕 0123456789国卫发的，。", max_size=40))
def test_find_invariants_on_noise(text: str) -> None:
    last_end = 0
    for m in find_doc_numbers(text):
        assert m.raw == text[m.start : m.end]
        assert m.start >= last_end
        last_end = m.end
        assert not PUNCTUATION.search(m.doc_number.prefix)


# --- whole corpus ----------------------------------------------------------------------

KNOWN = {
    "000": ["国卫办医函〔2020〕357号", "联防联控机制综发〔2020〕169号", "公告2020年第62号"],
    "002": ["国卫通〔2023〕14号", "国卫办基层发〔2023〕22号", "国卫办基层函〔2019〕210号"],
    "003": ["国办发〔2020〕25号"],
    "004": ["平政办发〔2020〕81号", "国办发〔2020〕25号"],
}


@pytest.mark.parametrize("name_start", sorted(KNOWN))
def test_corpus_known_doc_numbers(name_start: str) -> None:
    found = {m.doc_number.normalized for m in find_doc_numbers(_corpus_text(name_start))}
    for expected in KNOWN[name_start]:
        assert expected in found


def test_corpus_matches_are_clean() -> None:
    paths = sorted(CORPUS.glob("*.txt"))
    if not paths:
        pytest.skip("corpus not present")
    for path in paths:
        text = path.read_text(encoding="utf-8")
        matches = find_doc_numbers(text)
        covered: set[int] = set()
        last_end = 0
        for m in matches:
            assert m.raw == text[m.start : m.end]
            assert m.start >= last_end
            last_end = m.end
            covered.update(range(m.start, m.end))
            prefix = m.doc_number.prefix
            assert not PUNCTUATION.search(prefix), (path.name, m.raw)
            # A bracket prefix is an abbreviation; a 公告 or 令 carries the body's full name.
            longest = MAX_PREFIX_LEN if m.doc_number.form == "bracket" else MAX_AGENCY_LEN + 2
            assert 2 <= len(prefix) <= longest
            # List items after the first (公告（2016年第134号、2017年第146号）) carry no 公告.
            if not m.raw[0].isdigit():
                assert parse_doc_number(m.raw) == m.doc_number, m.raw
        # Every 〔 in the corpus belongs to a 文号.
        for bracket in re.finditer("〔", text):
            assert bracket.start() in covered, text[bracket.start() - 20 : bracket.end() + 10]


def test_a_serial_printed_with_di_after_the_year_bracket_is_the_same_number():
    from rag.docno import find_doc_numbers, normalize_doc_number

    assert normalize_doc_number("示卫医发〔2023〕第5号") == "示卫医发〔2023〕5号"
    found = find_doc_numbers("按照《示范通知》（示卫医发[2023]第5号）要求")
    assert [m.doc_number.normalized for m in found] == ["示卫医发〔2023〕5号"]


@pytest.mark.parametrize(
    "text",
    [
        "广西壮族自治区药品监督管理局公告2031年第7号",
        "新疆维吾尔自治区药品监督管理局 公告 2031年第7号",
    ],
)
def test_announcement_with_a_long_full_agency_name_is_one_number(text: str) -> None:
    # A provincial bureau's full name is longer than any bracket prefix; the number must
    # still parse (a header printed so would otherwise give no own 文号 at all).
    parsed = parse_doc_number(text)
    assert parsed is not None
    assert parsed.normalized == "公告2031年第7号"
    assert parsed.prefix.endswith("监督管理局公告")


def test_a_prefix_may_hold_the_year_word_of_an_office_name():
    # 老年 (an office for the elderly) in a prefix is not the 年 of a date; a date's 年
    # still ends what comes before a number.
    assert normalize_doc_number("京卫老年〔2029〕12号") == "京卫老年〔2029〕12号"
    found = find_doc_numbers("二〇二九年京卫老年〔2029〕12号印发后，2030年国卫老龄发〔2030〕3号")
    assert [m.doc_number.normalized for m in found] == [
        "京卫老年〔2029〕12号",
        "国卫老龄发〔2030〕3号",
    ]


def test_a_prefix_may_open_with_the_day_word_of_a_city_name():
    # 日喀则's and 日照's prefixes open with 日; the 日 of a date (5日, 十五日) still ends what
    # comes before a number.
    found = find_doc_numbers(
        "日喀则市医疗保障局\n日医保发〔2029〕40号\n根据日政发〔2029〕3号，3月5日国卫医发〔2029〕7号"
        "与二〇二九年三月十五日京卫发〔2029〕1号"
    )
    assert [m.doc_number.normalized for m in found] == [
        "日医保发〔2029〕40号",
        "日政发〔2029〕3号",
        "国卫医发〔2029〕7号",
        "京卫发〔2029〕1号",
    ]


def test_a_docno_in_traditional_characters_reads_as_the_simplified_one():
    # A user quoting a traditional-character repost names the notice the index lists as
    # 桂中医药发〔2020〕33号 (ingest reads a notice's own 文号 from its simplified view).
    found = find_doc_numbers(
        "桂中醫藥發〔2020〕33號自2021年1月1日起施行，見國衛辦醫函〔2020〕357號"
    )
    assert [m.doc_number.normalized for m in found] == [
        "桂中医药发〔2020〕33号",
        "国卫办医函〔2020〕357号",
    ]
    assert found[0].raw.startswith("桂中醫藥發")


@pytest.mark.parametrize(
    "question",
    [
        "2021年初的时候国卫医发〔2019〕8号还管用吗？",
        "请问国卫医发〔2019〕8号还管用吗？",
        "那天国卫医发〔2019〕8号已经施行了吗？",
        "江西那个国卫医发〔2019〕8号呢？",
        "那国卫医发〔2019〕8号的两个指南，执行中遇到问题向谁反馈？",
        "这国卫医发〔2019〕8号是哪年施行的？",
    ],
)
def test_a_doc_number_typed_straight_after_question_words_is_read_without_them(
    question: str,
) -> None:
    assert [m.doc_number.normalized for m in find_doc_numbers(question)] == ["国卫医发〔2019〕8号"]


def test_a_prefix_opening_its_line_may_begin_with_a_conjunction_word():
    # 和平区's prefix 和平卫健 opens with 和: under a title, in a 文号 field or in brackets
    # nothing stands before it for a conjunction to join. Between two numbers, or after a
    # closing mark, 和 still joins them.
    found = find_doc_numbers(
        "关于印发《和平区细则》的通知\n和平卫健〔2026〕14号\n发文字号：和平卫健〔2026〕15号"
        "（和平卫健〔2026〕16号）国卫医发〔2029〕7号和国卫办医函〔2029〕8号，《办法》和京卫发〔2029〕1号"
    )
    assert [m.doc_number.normalized for m in found] == [
        "和平卫健〔2026〕14号",
        "和平卫健〔2026〕15号",
        "和平卫健〔2026〕16号",
        "国卫医发〔2029〕7号",
        "国卫办医函〔2029〕8号",
        "京卫发〔2029〕1号",
    ]
    assert normalize_doc_number("和平卫健〔2026〕14号") == "和平卫健〔2026〕14号"


def test_a_conjunction_word_after_one_character_is_part_of_the_prefix():
    # 沈和卫健 is 沈阳市和平区's prefix: 沈 alone is joined to nothing by 和. After a word of
    # two characters (国家和省卫健) and between two numbers, 和 still joins.
    found = find_doc_numbers(
        "沈和卫健〔2025〕13号\n依据沈和卫健〔2025〕14号，（辽卫医发〔2024〕29号和沈和卫健〔2025〕15号）"
        "按照国家和省卫健〔2025〕3号"
    )
    assert [m.doc_number.normalized for m in found] == [
        "沈和卫健〔2025〕13号",
        "沈和卫健〔2025〕14号",
        "辽卫医发〔2024〕29号",
        "沈和卫健〔2025〕15号",
        "省卫健〔2025〕3号",
    ]


def test_a_number_alone_on_its_line_keeps_a_county_prefix_that_reads_as_a_stop_word():
    # A county's prefix may open with a character that elsewhere ends a phrase (于 of 于都,
    # 即 of 即墨). On the head's own line nothing else stands before the number, so the
    # character is the prefix's; in running text, and before a prefix naming its own
    # province or the nation, it is the word it reads as.
    head = (
        "某县卫生健康委员会关于开展2031年学校卫生检查的通知\n于卫健字〔2031〕12号\n各乡镇卫生院："
    )
    assert [m.doc_number.normalized for m in find_doc_numbers(head)] == ["于卫健字〔2031〕12号"]
    dated = "即卫发〔2031〕7号　2031年3月2日"
    assert [m.doc_number.normalized for m in find_doc_numbers(dated)] == ["即卫发〔2031〕7号"]
    prose = "根据于卫健字〔2031〕12号文件要求，各校于5月底前完成自查。"
    assert [m.doc_number.normalized for m in find_doc_numbers(prose)] == ["卫健字〔2031〕12号"]
    for line in ("据国卫办医函〔2031〕5号", "见苏卫医〔2031〕3号"):
        (found,) = find_doc_numbers(line)
        assert found.doc_number.normalized == line[1:], line
