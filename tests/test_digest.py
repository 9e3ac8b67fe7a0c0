"""Tests for rag.digest: splitting a 医周药事-style news digest into article records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.digest import BODY_MISSING_WARNING, is_digest, split_digest
from rag.records import Notice

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
DIGEST_NAME = "001_6b101652983aaebf.txt"
NOTICE_NAMES = (
    "000_297add7834e2deca.txt",
    "002_55d9cc36d7393000.txt",
    "003_2860dffb50d675a5.txt",
    "004_53fe58415a4af089.txt",
)


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def digest_text() -> str:
    return _read(DIGEST_NAME)


@pytest.fixture(scope="module")
def articles(digest_text: str) -> list[Notice]:
    return split_digest(digest_text, DIGEST_NAME)


def _by_title(articles: list[Notice], fragment: str) -> Notice:
    found = [a for a in articles if fragment in a.title]
    assert len(found) == 1, f"expected one article titled …{fragment}…, got {len(found)}"
    return found[0]


# --- detection ---------------------------------------------------------------------------


def test_digest_file_is_detected(digest_text: str) -> None:
    assert is_digest(digest_text)


@pytest.mark.parametrize("name", NOTICE_NAMES)
def test_notice_files_are_not_digests(name: str) -> None:
    assert not is_digest(_read(name))


def test_split_of_a_notice_is_empty() -> None:
    assert split_digest(_read(NOTICE_NAMES[2]), NOTICE_NAMES[2]) == []


# --- the real digest ---------------------------------------------------------------------


def test_one_article_per_toc_entry(digest_text: str, articles: list[Notice]) -> None:
    # Counted independently of the module: TOC links "[标题](#)" other than 返回目录.
    toc_links = [m for m in re.findall(r"\[([^\]\n]+)\]\(#\)", digest_text) if "返回目录" not in m]
    assert len(toc_links) == digest_text.count("【提要】") == 14
    assert len(articles) == len(toc_links)


def test_every_article_has_title_outlet_summary(articles: list[Notice]) -> None:
    for article in articles:
        assert article.title and article.outlet and article.summary, article.title
        assert article.kind == "article"
        assert article.doc_number == ""
        assert article.issuer == article.outlet
        assert article.published_date == "2021-08-15"
        assert article.written_date == ""
        assert article.warnings and article.warnings[0].startswith("无文号")
        assert BODY_MISSING_WARNING not in article.warnings, article.title
        assert "[" not in article.title and "](#)" not in article.title
        assert not article.title.startswith(("▶", "►", "▣"))


def test_titles_outlets_and_sections(articles: list[Notice]) -> None:
    first = articles[0]
    assert first.title == (
        "灯塔 | 为中华民族伟大复兴打下坚实健康基础——习近平总书记关于健康中国重要论述综述"
    )
    assert first.outlet == "新华网"
    assert first.category == "健康中国"
    assert _by_title(articles, "长护险").outlet == "人民日报"
    # The 来源 of this TOC entry wraps over two lines ("（来" / "源：中国政府网）").
    assert _by_title(articles, "跨省通办").outlet == "中国政府网"
    assert _by_title(articles, "跨省通办").category == "医保快讯"
    assert _by_title(articles, "成本控制").outlet == "DRG 变量"
    assert _by_title(articles, "跨区域联盟采购").category == "专家观点"
    assert _by_title(articles, "待遇清单").category == "分析解读"
    assert {a.category for a in articles} == {
        "健康中国",
        "专家观点",
        "医院信息化",
        "医药速递",
        "分析解读",
        "医院管理",
        "医保快讯",
    }


def test_summary_is_one_paragraph(articles: list[Notice]) -> None:
    platform = _by_title(articles, "医保信息平台")
    # This 【提要】 is split over two lines in the TOC ("国家医保信" / "息平台在广东汕尾").
    assert "国家医保信息平台在广东汕尾率先落地应用" in platform.summary
    for article in articles:
        assert "\n" not in article.summary
        assert not article.summary.startswith("【提要】")


def test_body_text_is_the_article(articles: list[Notice]) -> None:
    xinhua = _by_title(articles, "健康中国重要论述")
    assert "把保障人民健康放在优先发展的战略位置" in xinhua.text
    assert (
        "健康是促进人的全面发展的必然要求，是经济社会发展的基础条件，是民族昌盛和国家富强的"
        "重要标志，也是广大人民群众的共同追求。"
    ) in xinhua.text
    # The next article's body must not leak into this one.
    assert "我国已进入老龄化社会" not in xinhua.text
    ltc = _by_title(articles, "长护险")
    assert ltc.text.startswith("我国已进入老龄化社会")
    assert "来源：人民日报" not in ltc.text


def test_no_toc_or_navigation_in_text(articles: list[Notice]) -> None:
    for article in articles:
        assert "——第" not in article.text, article.title
        assert "【提要】" not in article.text, article.title
        assert "](#)" not in article.text, article.title
        assert "本期内容" not in article.text, article.title
        assert not re.search(r"^[·•] .+ [·•]$", article.text, re.M), article.title
    # The publisher's back page after the last article is not part of it.
    assert "扫一扫" not in articles[-1].text
    assert "一窗综办" in articles[-1].title


def test_region_only_when_clearly_named(articles: list[Notice]) -> None:
    assert _by_title(articles, "一窗综办").region == "北京"
    assert _by_title(articles, "长护险").region == ""
    assert _by_title(articles, "中成药集采").region == ""


def test_ids_unique_and_stable(digest_text: str, articles: list[Notice]) -> None:
    ids = [a.notice_id for a in articles]
    assert len(set(ids)) == len(ids)
    again = split_digest(digest_text, DIGEST_NAME)
    assert [a.notice_id for a in again] == ids
    assert [a.content_hash for a in again] == [a.content_hash for a in articles]
    assert split_digest(digest_text, "other.txt")[0].notice_id != ids[0]


# --- synthetic digests: the rules are not keyed to this issue -------------------------------

SYNTHETIC = """某某周刊

2023.03.06-2023.03.12

· 政策速递 ·

► [甲省：基层医疗卫生改革新举措](#)（来源：健康报）——第 3 页

【提要】甲省出台措施推进基层改革，

重点提升县域医疗服务能力。

• 行业观察 •

▣ [数字医疗——机遇与挑战](#)（来

源：Health Insight）——第 8 页

【提要】数字医疗快速发展。

▶ [未收录正文的文章](#)（来源：某网站）——第 12 页

【提要】这篇文章只有提要。

-----本期内容-----

· 政策速递 ·

甲省：基层医疗卫生改革 新举措（节选）

来源：健康报

近日，甲省印发通知，推进基层医疗卫生改革。

各地要加强县域医共体建设。

[返回目录](#)

• 行业观察 •

数字医疗—机遇与挑战

来源：Health Insight

数字医疗正在改变就医方式。

广东省已建成互联网医院一百余家。

[返回目录](#)

关注我们
"""


def test_synthetic_digest() -> None:
    assert is_digest(SYNTHETIC)
    notices = split_digest(SYNTHETIC, "syn.txt")
    assert [n.title for n in notices] == [
        "甲省：基层医疗卫生改革新举措",
        "数字医疗——机遇与挑战",
        "未收录正文的文章",
    ]
    first, second, third = notices
    assert first.outlet == "健康报"
    assert first.category == "政策速递"
    assert first.summary == "甲省出台措施推进基层改革，重点提升县域医疗服务能力。"
    assert first.text == "近日，甲省印发通知，推进基层医疗卫生改革。\n各地要加强县域医共体建设。"
    assert first.published_date == "2023-03-12"
    assert first.region == ""

    assert second.outlet == "Health Insight"
    assert second.category == "行业观察"
    assert second.text.startswith("数字医疗正在改变就医方式。")
    assert "关注我们" not in second.text
    assert "行业观察" not in first.text

    # No body for the third entry: its summary stands in, with a warning.
    assert third.text == "这篇文章只有提要。"
    assert BODY_MISSING_WARNING in third.warnings
    assert BODY_MISSING_WARNING not in first.warnings


def test_synthetic_without_marker_or_period() -> None:
    text = SYNTHETIC.replace("-----本期内容-----", "").replace("2023.03.06-2023.03.12", "")
    notices = split_digest(text, "syn.txt")
    assert len(notices) == 3
    assert notices[0].published_date == ""
    # The last summary stops at the body; the body is still found.
    assert notices[2].summary == "这篇文章只有提要。"
    assert notices[0].text.startswith("近日，甲省印发通知")
    assert notices[1].text.startswith("数字医疗正在改变就医方式。")


def test_region_from_title() -> None:
    text = SYNTHETIC.replace("甲省", "河南省")
    assert split_digest(text, "syn.txt")[0].region == "河南"
    # Two provinces named: a cross-regional piece, no single region.
    text = SYNTHETIC.replace("甲省：", "河南、湖北：")
    assert split_digest(text, "syn.txt")[0].region == ""


def test_body_title_wrapped_or_reworded() -> None:
    # Body title wrapped over two lines, and a second one reworded (same outlet): both are
    # still matched, and a cover link without 来源 or 提要 is not an entry.
    text = (
        SYNTHETIC.replace("某某周刊", "某某周刊\n\n[订阅本刊](#)")
        .replace("甲省：基层医疗卫生改革 新举措（节选）", "甲省：基层医疗卫生\n\n改革新举措")
        .replace("数字医疗—机遇与挑战\n", "观察｜数字医疗迎来机遇\n")
    )
    notices = split_digest(text, "syn.txt")
    assert len(notices) == 3
    assert notices[0].text.startswith("近日，甲省印发通知")
    assert "改革新举措" not in notices[0].text
    assert notices[1].text.startswith("数字医疗正在改变就医方式。")
    assert BODY_MISSING_WARNING not in notices[1].warnings


def test_spaces_typeset_around_numbers_are_removed(articles: list[Notice]) -> None:
    # The digest's PDF set "14 个子系统", "2021 年 6 月": a search or answer for
    # "14个子系统" must find the figure as written in every other notice.
    platform = next(a for a in articles if "医保信息平台" in a.title)
    assert "14个子系统" in platform.text
    text = "".join(a.text for a in articles)
    assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", text)
    # Titles too: citations and the closest-notices list show "74项“跨省通办”".
    assert any("74项“跨省通办”" in a.title for a in articles)
    titles = "".join(a.title for a in articles)
    assert not re.search(r"[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]", titles)
    # Tabs separate the cells of extracted tables and stay.
    assert any("\t" in a.text for a in articles)
