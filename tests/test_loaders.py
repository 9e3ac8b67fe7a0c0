"""Tests for rag.loaders: every file type, every encoding, and every way a file can be bad.

Fixtures are built in tmp_path at test time (no binary fixtures checked in). Chinese text
comes from a real notice in the corpus. PDFs use ASCII text only: fpdf2 needs a CJK
font to write Chinese, and CI machines may have none.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import encrypt_pdf, make_pdf

from rag.errors import UnreadableFileError
from rag.loaders import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    decode_bytes,
    iter_supported_files,
    load_file,
    load_paths,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILE = REPO_ROOT / "data" / "corpus" / "003_2860dffb50d675a5.txt"

# A Traditional-Chinese passage (as a Taiwan or Hong Kong notice would be written).
TRADITIONAL = (
    "衛生福利部關於加強醫療機構感染管制的通知\n"
    "各縣市政府衛生局：為落實傳染病防治，請督導轄區醫院確實辦理下列事項。\n"
    "一、門診及急診應設置發燒篩檢站。二、住院病人訪客應實施實名登記。\n"
)


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def passage() -> str:
    """The first 2000 characters of a real notice (Simplified Chinese, UTF-8 on disk)."""
    return CORPUS_FILE.read_text(encoding="utf-8")[:2000]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def load_error(path: Path, **kwargs: int) -> str:
    """Load ``path`` expecting failure; return the message a user would see."""
    with pytest.raises(UnreadableFileError) as info:
        load_file(path, **kwargs)
    message = str(info.value)
    # Every message names the file so the user knows which one to fix.
    assert path.name in message
    assert info.value.path == str(path)
    return message


def make_docx(path: Path, before: list[str], table: list[list[str]], after: list[str]) -> Path:
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    grid = document.add_table(rows=len(table), cols=len(table[0]))
    for row_cells, row in zip(grid.rows, table, strict=True):
        for cell, text in zip(row_cells.cells, row, strict=True):
            cell.text = text
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# --------------------------------------------------------------------------- plain text


def test_utf8_text_is_returned_unchanged(tmp_path: Path, passage: str) -> None:
    path = write(tmp_path, "notice.txt", passage.encode("utf-8"))
    loaded = load_file(path)
    assert loaded.text == passage
    assert "国办发〔2020〕25号" in loaded.text
    assert loaded.encoding == "utf-8"
    assert loaded.source == "notice.txt"
    assert loaded.path == str(path)
    assert loaded.warnings == ()


def test_utf8_bom_is_stripped(tmp_path: Path, passage: str) -> None:
    path = write(tmp_path, "bom.md", b"\xef\xbb\xbf" + passage.encode("utf-8"))
    loaded = load_file(path)
    assert loaded.text == passage
    assert not loaded.text.startswith("\ufeff")
    assert loaded.encoding == "utf-8-sig"


def test_gbk_file_decodes_as_gb18030_with_warning(tmp_path: Path, passage: str) -> None:
    path = write(tmp_path, "gbk.txt", passage.encode("gbk"))
    loaded = load_file(path)
    assert loaded.text == passage
    assert loaded.encoding == "gb18030"
    assert "以 GB18030 解码" in loaded.warnings


def test_gbk_only_characters_outside_gb2312_decode(tmp_path: Path) -> None:
    # 喆 and 镕 are in GBK but not GB2312: a strict gb2312 decoder would fail here.
    text = "关于表彰陶喆、朱镕等同志的通知\n"
    path = write(tmp_path, "rare.txt", text.encode("gbk"))
    assert load_file(path).text == text


def test_traditional_text_in_gbk_is_not_mistaken_for_big5(tmp_path: Path) -> None:
    path = write(tmp_path, "trad-gbk.txt", TRADITIONAL.encode("gbk"))
    loaded = load_file(path)
    assert loaded.text == TRADITIONAL
    assert loaded.encoding == "gb18030"


def test_utf16_with_bom(tmp_path: Path, passage: str) -> None:
    for codec in ("utf-16", "utf-16-be"):
        data = passage.encode(codec)
        if codec == "utf-16-be":
            data = b"\xfe\xff" + data
        path = write(tmp_path, f"{codec}.txt", data)
        loaded = load_file(path)
        assert loaded.text == passage
        assert loaded.encoding == "utf-16"
        assert "以 UTF-16 解码" in loaded.warnings


def test_big5_traditional_chinese(tmp_path: Path) -> None:
    path = write(tmp_path, "big5.txt", TRADITIONAL.encode("big5"))
    loaded = load_file(path)
    assert loaded.text == TRADITIONAL
    assert loaded.encoding == "big5"
    assert any("Big5" in w for w in loaded.warnings)


def test_newlines_are_normalised_and_nothing_else_changes(tmp_path: Path) -> None:
    # Full-width spaces, tabs and trailing spaces are content; only CR/CRLF change.
    raw = "第一条\u3000总则\r\n\t各地区 \r\n\r\n第二条\r结束"
    path = write(tmp_path, "crlf.txt", raw.encode("utf-8"))
    assert load_file(path).text == "第一条\u3000总则\n\t各地区 \n\n第二条\n结束"


def test_uppercase_suffix_is_supported(tmp_path: Path) -> None:
    path = write(tmp_path, "NOTICE.TXT", "通知正文".encode())
    assert load_file(path).text == "通知正文"


def test_decode_bytes_reports_encoding_names(passage: str) -> None:
    assert decode_bytes(passage.encode("utf-8")) == (passage, "utf-8")
    assert decode_bytes(passage.encode("gb18030")) == (passage, "gb18030")
    assert decode_bytes(TRADITIONAL.encode("big5")) == (TRADITIONAL, "big5")
    assert decode_bytes(b"\xef\xbb\xbfabc") == ("abc", "utf-8-sig")
    assert decode_bytes("abc".encode("utf-16")) == ("abc", "utf-16")


def test_decode_bytes_rejects_binary_and_undecodable() -> None:
    with pytest.raises(ValueError, match="NUL"):
        decode_bytes(b"abc\x00def")
    with pytest.raises(ValueError, match="控制字符"):
        decode_bytes(b"\x01\x02\x03\x04abc" * 50)
    # 0x80 and 0xFF are invalid as lead bytes in UTF-8, GB18030 and Big5 alike.
    with pytest.raises(ValueError, match="无法识别文本编码"):
        decode_bytes(b"\x80\xff\x80\xff" * 50)


# --------------------------------------------------------------------------- bad files


def test_png_header_is_reported_as_binary(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(64)
    message = load_error(write(tmp_path, "image.txt", png))
    assert "二进制" in message
    assert "NUL" in message


def test_random_bytes_are_rejected(tmp_path: Path) -> None:
    data = random.Random(1234).randbytes(4096) + b"\x00"
    message = load_error(write(tmp_path, "random.md", data))
    assert "二进制" in message


def test_undecodable_bytes_say_how_to_fix(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "latin.txt", b"\x80\xff" * 40))
    assert "无法识别文本编码" in message
    assert "UTF-8" in message


def test_zero_byte_file(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "empty.txt", b""))
    assert "文件为空（0 字节）" in message


def test_whitespace_only_file(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "blank.txt", " \n\t\r\n\u3000\n".encode()))
    assert "空白" in message


def test_oversized_file_uses_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "正文".encode() * 100)
    message = load_error(path, max_bytes=100)
    assert "超过上限 100 字节" in message
    assert "RAG_MAX_FILE_MB" in message
    # A limit at least the file's size lets it through.
    assert load_file(path, max_bytes=path.stat().st_size).text == "正文" * 100


def test_oversized_default_limit_is_checked_from_size(tmp_path: Path) -> None:
    # A sparse 80 MB file: costs no disk, and shows the size in the message.
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(80 * 1024 * 1024)
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    message = load_error(path)
    assert "文件大小 80 MB 超过上限 50 MB" in message


def test_unsupported_suffix_lists_supported_ones(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "table.xls", b"data"))
    assert "不支持的文件类型 .xls" in message
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in message


def test_legacy_doc_suffix_suggests_docx(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "old.doc", b"data"))
    assert "另存为 .docx" in message


def test_missing_file(tmp_path: Path) -> None:
    message = load_error(tmp_path / "nowhere.txt")
    assert "文件不存在" in message


def test_directory_given_to_load_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    message = load_error(folder)
    assert "文件夹" in message


# --------------------------------------------------------------------------- folders


def test_directory_expansion_loads_good_files_and_reports_bad_ones(
    tmp_path: Path, passage: str
) -> None:
    root = tmp_path / "corpus"
    write(root, "b.txt", passage.encode("utf-8"))
    write(root, "a.md", "甲文件".encode("gbk"))
    write(root, "sub/c.html", "<p>丙文件</p>".encode())
    write(root, "sub/deeper/d.txt", "丁文件".encode())
    write(root, "sub/empty.txt", b"")
    write(root, "sub/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root, "sub/notes.xls", b"skipped: unsupported inside a folder")
    write(root, ".hidden.txt", "隐藏文件".encode())
    write(root, ".git/inside.txt", "版本库".encode())
    write(root, "sub/~$lock.docx", b"office lock file")

    files = iter_supported_files([root])
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a.md",
        "b.txt",
        "sub/binary.txt",
        "sub/c.html",
        "sub/deeper/d.txt",
        "sub/empty.txt",
    ]

    loaded, errors = load_paths([root])
    assert [item.source for item in loaded] == ["a.md", "b.txt", "c.html", "d.txt"]
    assert [item.text for item in loaded] == ["甲文件", passage, "丙文件", "丁文件"]
    assert [Path(err.path).name for err in errors] == ["binary.txt", "empty.txt"]
    assert "二进制" in str(errors[0])
    assert "文件为空" in str(errors[1])
    assert all("隐藏" not in item.text and "版本库" not in item.text for item in loaded)


def test_explicit_paths_are_kept_even_if_unsupported_missing_or_hidden(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "正文".encode())
    hidden = write(tmp_path, ".hidden.txt", "隐藏但被点名".encode())
    unsupported = write(tmp_path, "data.xls", b"x")
    missing = tmp_path / "missing.txt"

    files = iter_supported_files([good, hidden, unsupported, missing, good])
    assert files == [good, hidden, unsupported, missing]  # duplicates listed once

    loaded, errors = load_paths([good, hidden, unsupported, missing])
    assert [item.text for item in loaded] == ["正文", "隐藏但被点名"]
    assert len(errors) == 2
    assert "不支持的文件类型 .xls" in str(errors[0])
    assert "文件不存在" in str(errors[1]) and "missing.txt" in str(errors[1])


def test_load_paths_accepts_a_single_string(tmp_path: Path) -> None:
    write(tmp_path, "one.txt", "单个路径".encode())
    # A str is itself an iterable of str; it must not be walked character by character.
    loaded, errors = load_paths(str(tmp_path))
    assert [item.text for item in loaded] == ["单个路径"]
    assert errors == []


# --------------------------------------------------------------------------- HTML


def test_html_drops_script_style_head_and_unescapes_entities(tmp_path: Path) -> None:
    html = """<!DOCTYPE html>
<html><head><title>页面标题</title><style>p { color: red }</style></head>
<body>
<script>alert(1)</script>
<h1>关于开展
    卫生健康工作的通知</h1>
<p>第一段：&lt;b&gt;不是标签&lt;/b&gt; &amp; 符号</p><p>第二段<br>换行</p>
<ul><li>一</li><li>二</li></ul>
<table><tr><td>序号</td><td>名称</td></tr><tr><td>1</td><td>医院</td></tr></table>
<!-- 注释 -->
</body></html>"""
    loaded = load_file(write(tmp_path, "page.html", html.encode("utf-8")))
    text = loaded.text
    assert "alert" not in text
    assert "color" not in text
    assert "页面标题" not in text
    assert "注释" not in text
    assert "<b>不是标签</b> & 符号" in text
    assert "&lt;" not in text
    assert text.split("\n") == [
        "关于开展 卫生健康工作的通知",
        "第一段：<b>不是标签</b> & 符号",
        "第二段",
        "换行",
        "一",
        "二",
        "序号\t名称",
        "1\t医院",
    ]
    assert loaded.encoding == "html:utf-8"


def test_html_without_closing_head_keeps_body(tmp_path: Path) -> None:
    html = "<html><head><title>标题</title><body><p>正文内容</p></body></html>"
    assert load_file(write(tmp_path, "nohead.htm", html.encode())).text == "正文内容"


def test_html_meta_charset_gbk(tmp_path: Path, passage: str) -> None:
    body = passage.split("\n")[3]
    html = f'<html><head><meta charset="gbk"></head><body><p>{body}</p></body></html>'
    loaded = load_file(write(tmp_path, "gbk.html", html.encode("gbk")))
    assert loaded.text == body
    assert loaded.encoding == "html:gb18030"
    assert loaded.warnings == ()


def test_html_http_equiv_gb2312_with_gbk_only_characters(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "</head><body><div>陶喆同志</div></body></html>"
    )
    loaded = load_file(write(tmp_path, "gb2312.htm", html.encode("gbk")))
    assert loaded.text == "陶喆同志"


def test_html_mislabelled_charset_falls_back_to_detection(tmp_path: Path, passage: str) -> None:
    body = passage.split("\n")[4]
    html = f'<meta charset="utf-8"><p>{body}</p>'
    loaded = load_file(write(tmp_path, "wrong.html", html.encode("gbk")))
    assert loaded.text == body
    assert loaded.encoding == "html:gb18030"
    assert any("utf-8" in w and "不符" in w for w in loaded.warnings)


def test_html_latin1_label_on_chinese_page_is_overridden(tmp_path: Path, passage: str) -> None:
    # latin-1 decodes any byte, so a wrong latin-1 label would silently give mojibake.
    body = passage.split("\n")[1]
    html = f'<meta charset="iso-8859-1"><p>{body}</p>'
    loaded = load_file(write(tmp_path, "latin.html", html.encode("gbk")))
    assert loaded.text == body
    assert any("iso-8859-1" in w for w in loaded.warnings)


def test_html_latin1_label_is_trusted_for_western_text(tmp_path: Path) -> None:
    html = '<meta charset="iso-8859-1"><p>caf\xe9 cr\xe8me</p>'
    loaded = load_file(write(tmp_path, "western.html", html.encode("latin-1")))
    assert loaded.text == "caf\xe9 cr\xe8me"
    assert loaded.encoding == "html:iso8859-1"


def test_html_without_visible_text(tmp_path: Path) -> None:
    html = "<html><head><title>只有标题</title></head><body><script>x()</script></body></html>"
    message = load_error(write(tmp_path, "empty.html", html.encode()))
    assert "没有可见文字" in message


# --------------------------------------------------------------------------- DOCX


def test_docx_paragraphs_and_table_in_document_order(tmp_path: Path, passage: str) -> None:
    lines = passage.split("\n")
    path = make_docx(
        tmp_path / "notice.docx",
        before=[lines[0], lines[1]],
        table=[["项目", "负责单位"], ["医保支付改革", "国家医保局"]],
        after=[lines[2]],
    )
    loaded = load_file(path)
    assert loaded.encoding == "docx"
    assert loaded.text.split("\n") == [
        lines[0],
        lines[1],
        "项目\t负责单位",
        "医保支付改革\t国家医保局",
        lines[2],
    ]


def test_docx_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "附件：重点任务分工表"
    for cell, text in zip(table.rows[1].cells, ["序号", "任务", "单位"], strict=True):
        cell.text = text
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert load_file(path).text == "附件：重点任务分工表\n序号\t任务\t单位"


def test_docx_without_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    message = load_error(path)
    assert "没有文字" in message


def test_corrupt_docx(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "broken.docx", b"PK\x03\x04 this is not a zip"))
    assert "DOCX 文件已损坏" in message
    assert "另存为 .docx" in message


def test_truncated_docx(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx", ["正文"], [["a", "b"]], [])
    data = good.read_bytes()
    message = load_error(write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert "DOCX 文件已损坏" in message


def test_legacy_or_encrypted_word_file_named_docx(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    message = load_error(write(tmp_path, "legacy.docx", ole))
    assert ".doc" in message
    assert "密码" in message


# --------------------------------------------------------------------------- PDF


def test_pdf_pages_joined_with_blank_line(tmp_path: Path) -> None:
    path = write(tmp_path, "notice.pdf", make_pdf("First page text", "Second page text"))
    loaded = load_file(path)
    assert loaded.text == "First page text\n\nSecond page text"
    assert loaded.encoding == "pdf"
    assert loaded.warnings == ()


def test_pdf_blank_page_among_text_pages_is_skipped_with_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.pdf", make_pdf("Page one", "", "Page three"))
    loaded = load_file(path)
    assert loaded.text == "Page one\n\nPage three"
    assert any("第 2 页" in w for w in loaded.warnings)


def test_truncated_pdf(tmp_path: Path) -> None:
    data = make_pdf("Some text that will be cut off")
    message = load_error(write(tmp_path, "cut.pdf", data[: len(data) // 2]))
    assert "PDF 文件不完整" in message


def test_pdf_with_damaged_body(tmp_path: Path) -> None:
    data = bytearray(make_pdf("Some text"))
    # Keep header and trailer, wipe the objects in between.
    data[20:-60] = b"#" * (len(data) - 80)
    message = load_error(write(tmp_path, "damaged.pdf", bytes(data)))
    assert "PDF 文件已损坏" in message


def test_file_named_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "page.pdf", "<html>网页</html>".encode()))
    assert "不是有效的 PDF" in message


def test_encrypted_pdf_with_user_password(tmp_path: Path) -> None:
    data = encrypt_pdf(make_pdf("Secret content"), user_password="letmein")
    message = load_error(write(tmp_path, "locked.pdf", data))
    assert "PDF 已加密" in message
    assert "未加密" in message
    assert "Secret" not in message


def test_encrypted_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    # Permission-only encryption: opens without a password, as in any PDF viewer.
    data = encrypt_pdf(make_pdf("Readable content"), user_password="")
    assert load_file(write(tmp_path, "restricted.pdf", data)).text == "Readable content"


def test_image_only_pdf_asks_for_ocr(tmp_path: Path) -> None:
    message = load_error(write(tmp_path, "scan.pdf", make_pdf("", "")))
    assert "没有可提取的文字" in message
    assert "OCR" in message


# --------------------------------------------------------------------------- import cost


def test_import_does_not_load_heavy_parsers() -> None:
    code = (
        "import sys, rag.loaders; "
        "print(sorted(m for m in ('pypdf', 'docx', 'lxml') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------------------- scanned PDFs

SCAN = Path(__file__).parent / "fixtures" / "scanned-notice.png"  # a page rendered as an image


def _scanned_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(SCAN), x=10, y=10, w=190)
    return bytes(pdf.output())


def test_a_scanned_pdf_is_read_by_ocr_and_parsed_as_a_notice(tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    from rag.notices import parse_notices

    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned_pdf())
    loaded = load_file(path)
    assert "关于开展基层义诊活动的通知" in loaded.text
    assert any("OCR" in w for w in loaded.warnings)  # the reader is told to check quotes
    (notice,) = parse_notices(loaded.text, path.name)
    assert notice.doc_number == "示卫发〔2024〕3号"
    assert notice.title == "关于开展基层义诊活动的通知"
    assert notice.written_date == "2024-05-06"


def test_a_scanned_pdf_without_the_ocr_extra_names_the_install(tmp_path, monkeypatch):
    import rag.loaders as loaders

    def missing():  # type: ignore[no-untyped-def]
        raise ImportError("No module named 'rapidocr_onnxruntime'")

    monkeypatch.setattr(loaders, "_ocr_engine", missing)
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scanned_pdf())
    with pytest.raises(UnreadableFileError, match=r"policy-rag\[ocr\]"):
        load_file(path)
