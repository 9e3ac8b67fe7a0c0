"""Turn files (.txt .md .html .pdf .docx) into text.

This module only reads: it decodes bytes, strips markup and extracts text, and says
precisely why a file cannot be read. It never cleans or rewrites the content itself;
that is the next stage's job.

Heavy parsers (pypdf, python-docx) are imported inside the functions that need them,
so ``import rag.loaders`` stays cheap for callers that only handle plain text.
"""

from __future__ import annotations

import codecs
import functools
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from rag.errors import UnreadableFileError
from rag.records import LoadedText

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "iter_supported_files",
    "load_file",
    "load_paths",
]

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_HTML_SUFFIXES = frozenset({".html", ".htm"})
_SUPPORTED_LIST = " ".join(SUPPORTED_SUFFIXES)
_BINARY_HINT = "请提供 .txt/.md/.html/.pdf/.docx 文本"

# Share of control characters above which decoded "text" is treated as binary. Real text
# has almost none (tabs and newlines are not counted); binary that happens to decode
# (e.g. as GB18030, which accepts most byte pairs) has roughly one in ten.
_MAX_CONTROL_SHARE = 0.05
# Binary-ness and encoding plausibility are judged on a prefix: enough to be reliable,
# and it keeps a 50 MB file from being scanned character by character in Python.
_SAMPLE_CHARS = 20_000
# Below this share of common characters a GB18030 decoding is suspected to be Big5
# mojibake (real GBK text scores ~1.0; Big5 read as GBK scores ~0.4).
_MIN_GB_PLAUSIBILITY = 0.9

_UTF8_BOM = codecs.BOM_UTF8
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Legacy Word (.doc) and password-protected Office files are OLE compound documents.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_ENCODING_WARNINGS = {
    "gb18030": "以 GB18030 解码",
    "big5": "以 Big5 解码（繁体中文）",
    "utf-16": "以 UTF-16 解码",
}


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes, detecting the encoding; return ``(text, encoding_name)``.

    Order: UTF-8 BOM (``utf-8-sig``), UTF-16 BOM (``utf-16``), strict UTF-8,
    GB18030, then Big5. The BOM is removed; nothing else about the text is changed.
    Raises ``ValueError`` with a user-facing (Chinese) message when the data looks
    binary or no candidate encoding decodes it.
    """
    if data.startswith(_UTF8_BOM):
        try:
            return _checked(data.decode("utf-8-sig")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ValueError(
                f"文件以 UTF-8 BOM 开头，但第 {exc.start} 字节处不是合法的 UTF-8，"
                "文件可能已损坏，请重新另存为 UTF-8"
            ) from exc
    if data.startswith(_UTF16_BOMS):
        try:
            # The "utf-16" codec reads the BOM to pick the byte order, then drops it.
            return _checked(data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError as exc:
            raise ValueError(
                "文件以 UTF-16 BOM 开头，但内容不是合法的 UTF-16，请重新另存为 UTF-8"
            ) from exc

    # Outside UTF-16, a NUL byte never occurs in text but is everywhere in binary formats.
    _reject_nul(data)

    # UTF-8 first: it is self-validating, so non-UTF-8 text almost never passes a strict
    # decode, whereas the legacy double-byte codecs below accept most byte sequences.
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass

    # GB18030 second: it is a superset of GBK and GB2312, so one strict decoder accepts
    # every mainland legacy encoding (files labelled GB2312 routinely contain GBK-only
    # characters that a strict gb2312 decoder would reject), and mainland government
    # notices are by far the most common non-UTF-8 input here.
    try:
        gb_text: str | None = _checked(data.decode("gb18030"))
    except UnicodeDecodeError:
        gb_text = None

    # Big5 last. Its byte ranges lie inside GBK's, so Big5 files nearly always *decode*
    # as GB18030 — into nonsense full of rare and private-use characters. So Big5 is
    # tried when GB18030 fails, and also when the GB18030 result is implausible; it
    # is chosen only if it reads as more plausible Chinese.
    gb_score = _plausibility(gb_text, _is_common_gb) if gb_text is not None else 0.0
    if gb_text is None or gb_score < _MIN_GB_PLAUSIBILITY:
        try:
            big5_text = _checked(data.decode("big5"))
        except (UnicodeDecodeError, ValueError):
            big5_text = None
        if big5_text is not None and _plausibility(big5_text, _is_common_big5) > gb_score:
            return big5_text, "big5"
    if gb_text is not None:
        return gb_text, "gb18030"
    raise ValueError(
        "无法识别文本编码（已尝试 UTF-8、UTF-16、GB18030、Big5），请用文本编辑器另存为 UTF-8 后重试"
    )


def _reject_nul(data: bytes) -> None:
    if b"\x00" in data:
        raise ValueError(
            f"看起来是二进制文件（含 NUL 字节），{_BINARY_HINT}；"
            "如果是没有 BOM 的 UTF-16 文本，请另存为 UTF-8"
        )


def _checked(text: str) -> str:
    """Return ``text`` unless it is mostly control characters (binary that decoded)."""
    sample = text[:_SAMPLE_CHARS]
    if sample:
        controls = sum(
            1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f"
        )
        if controls / len(sample) > _MAX_CONTROL_SHARE:
            raise ValueError(f"看起来是二进制文件（含大量控制字符），{_BINARY_HINT}")
    return text


def _is_cjk_or_private(ch: str) -> bool:
    # Private-use code points count as "Chinese-looking" so that mojibake made of them
    # drags the score down instead of being ignored.
    return "\u4e00" <= ch <= "\u9fff" or "\ue000" <= ch <= "\uf8ff"


def _is_common_gb(ch: str) -> bool:
    """GB2312 holds the ~6,700 characters that cover nearly all simplified text."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _is_common_big5(ch: str) -> bool:
    """Big5 level 1 (lead bytes 0xA4–0xC6) holds the 5,401 common traditional characters."""
    try:
        encoded = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA4 <= encoded[0] <= 0xC6


def _plausibility(text: str, is_common: Callable[[str], bool]) -> float:
    """Share of Chinese-looking characters that are common ones; 1.0 if there are none."""
    chars = [ch for ch in text[:_SAMPLE_CHARS] if _is_cjk_or_private(ch)]
    if not chars:
        return 1.0
    return sum(1 for ch in chars if is_common(ch)) / len(chars)


def _normalise_newlines(text: str) -> str:
    # A stray BOM can survive (e.g. a BOM-less decode of a file that had two); drop it.
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_warnings(encoding: str) -> list[str]:
    warning = _ENCODING_WARNINGS.get(encoding)
    return [warning] if warning else []


# --------------------------------------------------------------------------- HTML

# The HTML spec looks for the charset declaration in the first 1024 bytes; real pages
# sometimes put long comments first, so look a little further.
_META_SCAN_BYTES = 4096
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)", re.IGNORECASE
)
# Labels browsers decode with GBK; GB18030 is a strict superset, so it reads them all.
_GB_LABELS = frozenset(
    {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "csgb2312", "chinese", "gb18030"}
)

# codecs.lookup() names of labels that decode every byte (so a wrong one never fails).
_WESTERN_CODECS = frozenset({"iso8859-1", "cp1252", "ascii"})


def _sniff_html_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:_META_SCAN_BYTES])
    return match.group(1).decode("ascii").lower() if match else None


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    """Decode an HTML page: BOM first, then ``<meta charset>``, then detection."""
    declared = _sniff_html_charset(data)
    if declared is None or data.startswith((_UTF8_BOM, *_UTF16_BOMS)):
        # A BOM overrides <meta> (as in browsers); with neither, detect.
        text, encoding = decode_bytes(data)
        return text, encoding, _encoding_warnings(encoding)

    if declared in _GB_LABELS:
        codec_name = "gb18030"
    elif declared.startswith("utf-16"):
        # A page that is really UTF-16 starts with a BOM (handled above); browsers treat a
        # UTF-16 label inside ASCII-compatible bytes as UTF-8, and so do we.
        codec_name = "utf-8"
    else:
        try:
            codec_name = codecs.lookup(declared).name
        except LookupError:
            text, encoding = decode_bytes(data)
            return text, encoding, [f"网页声明的编码 {declared} 无法识别，已自动检测为 {encoding}"]

    _reject_nul(data)
    if codec_name in _WESTERN_CODECS and not data.isascii():
        # Single-byte Western codecs decode any bytes, so a mislabel never fails; Chinese
        # pages carrying a template's latin-1 label are common. Prefer detection when it
        # finds a Chinese/Unicode encoding, and trust the label otherwise.
        try:
            text, encoding = decode_bytes(data)
        except ValueError:
            pass
        else:
            return text, encoding, [_mismatch_warning(declared, encoding)]
    try:
        text = _checked(data.decode(codec_name))
    except UnicodeDecodeError:
        # Mislabelled pages are common (e.g. GBK content under a copied utf-8 <meta>).
        text, encoding = decode_bytes(data)
        return text, encoding, [_mismatch_warning(declared, encoding)]
    return text, codec_name, []


def _mismatch_warning(declared: str, detected: str) -> str:
    return f"网页声明的编码 {declared} 与内容不符，已自动检测为 {detected}"


class _HTMLTextExtractor(HTMLParser):
    """Collect the visible text of a page; markup is dropped, never interpreted."""

    # head holds metadata, script/style hold code; template and noscript are never shown
    # to a reader of the page as it is rendered with scripts on.
    _SKIP = frozenset({"head", "script", "style", "template", "noscript"})
    _BLOCK = frozenset(
        {
            "address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
            "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
            "tbody", "tfoot", "thead", "title", "tr", "ul",
        }
    )  # fmt: skip
    _CELL = frozenset({"td", "th"})
    _VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
    )  # fmt: skip

    def __init__(self) -> None:
        # convert_charrefs: entities arrive already unescaped, as plain text.
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_stack: list[str] = []
        self._pre_depth = 0
        self.saw_pre = False
        self._title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._skip_stack:
            # <body> implicitly closes an unclosed <head>; without this a missing </head>
            # would swallow the whole page.
            self._close_skipped("head")
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self._skip_stack.append(tag)
            return
        if self._skip_stack:
            return
        if tag == "br":
            self._parts.append("\n")
        elif tag in self._BLOCK:
            self._newline()
            if tag == "pre":
                self._pre_depth += 1
                self.saw_pre = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # "<div/>" is not self-closing in HTML, but treating it as open-and-close keeps a
        # stray "<script/>" from hiding the rest of the page.
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP:
            self._close_skipped(tag)
            return
        if self._skip_stack:
            return
        if tag in self._BLOCK:
            self._newline()
            if tag == "pre" and self._pre_depth:
                self._pre_depth -= 1
        elif tag in self._CELL:
            self._parts.append("\t")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        if self._skip_stack:
            return
        if not self._pre_depth:
            # Collapse HTML (ASCII) whitespace only, as browsers do: source line breaks are
            # not paragraph breaks, and U+3000 / &nbsp; are content and stay.
            data = re.sub(r"[ \t\n\r\f]+", " ", data)
            if data == " " and (not self._parts or self._parts[-1].endswith("\n")):
                # Indentation between block tags; keeping it would defeat _newline's
                # check and leave blank lines between paragraphs.
                return
        self._parts.append(data)

    def _close_skipped(self, tag: str) -> None:
        """Close the innermost open ``tag`` and anything left open inside it."""
        for index in range(len(self._skip_stack) - 1, -1, -1):
            if self._skip_stack[index] == tag:
                del self._skip_stack[index:]
                return

    def _newline(self) -> None:
        if self._parts and not self._parts[-1].endswith("\n"):
            self._parts.append("\n")

    def title(self) -> str:
        """The page's <title>, whitespace collapsed."""
        return re.sub(r"\s+", " ", "".join(self._title)).strip()

    def text(self) -> str:
        lines = [line.strip(" \t") for line in "".join(self._parts).split("\n")]
        lines = [re.sub(r" *\t *", "\t", line) for line in lines]
        # Keep at most one blank line in a row (from <br><br>), none at the ends.
        out: list[str] = []
        for line in lines:
            if line or (out and out[-1]):
                out.append(line)
        while out and not out[-1]:
            out.pop()
        return "\n".join(out)


def _html_to_text(html: str) -> tuple[str, str, bool]:
    """(visible text, <title>, whether its line breaks are all the page's own) of a page:
    text in <pre> keeps the line breaks it was typed with, which may wrap sentences."""
    parser = _HTMLTextExtractor()
    parser.feed(html)
    parser.close()
    return parser.text(), parser.title(), not parser.saw_pre


# --------------------------------------------------------------------------- PDF


# Image-only pages read by OCR per file: beyond this a scan is left for a dedicated OCR run.
MAX_OCR_PAGES = 50
_SCANNED_REASON = (
    "PDF 中没有可提取的文字（扫描件）。安装 OCR 扩展后即可读取："
    "pip install 'policy-rag[ocr]'（RapidOCR，模型随包安装），或先做 OCR 再导入"
)


@functools.lru_cache(maxsize=1)
def _ocr_engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def _ocr_pages(pages: list[Any]) -> list[str] | None:
    """The text of each image-only page by RapidOCR, lines in reading order; ``None`` when the
    ``ocr`` extra is not installed."""
    try:
        engine = _ocr_engine()
    except ImportError:
        return None
    import numpy as np

    out = []
    for page in pages:
        lines: list[str] = []
        for image in page.images:
            result, _ = engine(np.asarray(image.image.convert("RGB")))
            lines.extend(_reading_order(result or []))
        out.append("\n".join(lines))
    return out


def _reading_order(boxes: list[Any]) -> list[str]:
    """OCR boxes ([corners, text, score]) as lines, top to bottom; boxes whose vertical
    centres fall within half a line of each other share a line, left to right."""
    items = []
    for corners, text, _score in boxes:
        ys = [p[1] for p in corners]
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(p[0] for p in corners), text))
    items.sort()
    lines: list[list[tuple[float, str]]] = []
    last_y, height = None, 0.0
    for y, h, x, text in items:
        if last_y is not None and abs(y - last_y) <= max(height, h) / 2:
            lines[-1].append((x, text))
        else:
            lines.append([(x, text)])
            last_y, height = y, h
    return ["  ".join(t for _, t in sorted(line)) for line in lines]


def _read_pdf(display: str, data: bytes) -> tuple[str, list[str]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise UnreadableFileError(
            display, "不是有效的 PDF 文件（缺少 %PDF 文件头），可能扩展名有误或文件已损坏"
        )
    truncated = b"%%EOF" not in data[-2048:]
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many "encrypted" PDFs only restrict printing/copying and open with an empty
            # user password; only a real user password stops us.
            try:
                outcome = reader.decrypt("")
            except DependencyError as exc:
                raise UnreadableFileError(
                    display,
                    "PDF 使用 AES 加密，读取需要 cryptography 库：pip install cryptography",
                ) from exc
            if outcome == PasswordType.NOT_DECRYPTED:
                raise UnreadableFileError(display, "PDF 已加密（需要打开密码），请提供未加密的文件")
        pages = list(reader.pages)
        if not pages:
            raise UnreadableFileError(display, "PDF 中没有任何页面，请检查文件是否完整")
        by_page: dict[int, str] = {}
        empty_pages: list[int] = []
        for number, page in enumerate(pages, start=1):
            page_text = _normalise_newlines(page.extract_text() or "")
            if page_text.strip():
                by_page[number] = page_text
            else:
                empty_pages.append(number)
    except UnreadableFileError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # pypdf surfaces damage as its own errors but also as plain KeyError/TypeError
        # from half-parsed objects; all of them mean the same thing to the user.
        if truncated:
            reason = (
                "PDF 文件不完整（缺少 %%EOF 结尾，可能下载或复制中断），"
                f"解析失败：{exc}；请重新获取原文件"
            )
        else:
            reason = f"PDF 文件已损坏，无法解析（{type(exc).__name__}: {exc}），请重新获取原文件"
        raise UnreadableFileError(display, reason) from exc

    read: list[str] | None = None
    if empty_pages:
        # Scanned pages: read with OCR when the extra is installed.
        try:
            read = _ocr_pages([pages[n - 1] for n in empty_pages[:MAX_OCR_PAGES]])
        except (PyPdfError, ValueError, OSError) as exc:  # an image pypdf cannot decode
            read = None
            warnings.append(f"扫描页的图片无法解码，未能 OCR：{exc}")
        if read is not None:
            done = [n for n, text in zip(empty_pages, read, strict=False) if text.strip()]
            by_page.update((n, text) for n, text in zip(empty_pages, read, strict=False))
            if done:
                listed = "、".join(str(n) for n in done[:20])
                warnings.append(f"第 {listed} 页是图片，文字由 OCR 识别，请核对引文")
            empty_pages = [n for n in empty_pages if n not in done]
    texts = [by_page[n] for n in sorted(by_page) if by_page[n].strip()]
    if not texts:
        if read is not None:
            raise UnreadableFileError(
                display, "PDF 中没有可提取的文字，OCR 也没有识别出文字（页面空白或图片不清晰）"
            )
        raise UnreadableFileError(display, _SCANNED_REASON)
    if empty_pages:
        listed = "、".join(str(n) for n in empty_pages[:20])
        more = f" 等 {len(empty_pages)} 页" if len(empty_pages) > 20 else ""
        warnings.append(f"第 {listed}{more} 页没有可提取的文字（可能是图片），已跳过")
    if truncated:
        warnings.append("PDF 缺少 %%EOF 结尾标记，文件可能被截断，内容可能不完整")
    return "\n\n".join(texts), warnings


# --------------------------------------------------------------------------- DOCX


def _read_docx(display: str, data: bytes) -> str:
    import docx

    if data.startswith(_OLE_MAGIC):
        raise UnreadableFileError(
            display,
            "这是旧版 Word（.doc）或设置了打开密码的文件，不是 .docx；"
            "请在 Word 中取消密码并另存为 .docx",
        )
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document.element.body, document))
    except Exception as exc:
        # A damaged package fails in many ways (zipfile.BadZipFile, KeyError for a missing
        # part, lxml syntax errors, python-docx's own errors); the remedy is the same.
        raise UnreadableFileError(
            display,
            f"DOCX 文件已损坏或不是有效的 Word 文档（{type(exc).__name__}: {exc}），"
            "请用 Word 打开后重新另存为 .docx",
        ) from exc
    text = _normalise_newlines("\n".join(lines))
    if not text.strip():
        raise UnreadableFileError(
            display,
            "DOCX 正文和表格中没有文字（文本框、页眉页脚中的文字不会读取），请检查文件内容",
        )
    return text


def _docx_lines(element: Any, parent: Any) -> Iterator[str]:
    """Paragraph texts and table rows under ``element``, in document order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent).text
        elif child.tag == qn("w:tbl"):
            table = Table(child, parent)
            for row in table.rows:
                cells: list[str] = []
                previous = None
                for cell in row.cells:
                    # A horizontally merged cell is returned once per grid column.
                    if cell._tc is previous:
                        continue
                    previous = cell._tc
                    cells.append("\n".join(_docx_lines(cell._tc, cell)).strip())
                yield "\t".join(cells)
        elif child.tag == qn("w:sdt"):
            # Content controls wrap ordinary paragraphs and tables.
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_lines(content, parent)


# --------------------------------------------------------------------------- files


def _format_size(num_bytes: int) -> str:
    if num_bytes < 1024:
        return f"{num_bytes} 字节"
    if num_bytes < 1024 * 1024:
        value, unit = num_bytes / 1024, "KB"
    else:
        value, unit = num_bytes / (1024 * 1024), "MB"
    return f"{value:.1f}".removesuffix(".0") + f" {unit}"


def _unsupported_reason(suffix: str) -> str:
    if not suffix:
        return f"没有扩展名，无法判断文件类型，支持：{_SUPPORTED_LIST}"
    reason = f"不支持的文件类型 {suffix}，支持：{_SUPPORTED_LIST}"
    if suffix in {".doc", ".wps"}:
        reason += "；请用 Word/WPS 另存为 .docx"
    elif suffix in {".xls", ".xlsx", ".et"}:
        reason += "；表格请另存为 .docx 或 .txt"
    return reason


def load_file(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Read one file and return its text.

    ``source`` is the file name, ``path`` the path as given. Raises
    ``UnreadableFileError`` (reason in Chinese, with the fix) for a missing file, a
    folder, an unsupported type, an empty or oversized file, binary data, an unknown
    encoding, a corrupt/encrypted/scanned PDF or a corrupt DOCX.
    """
    display = str(path)
    file_path = Path(path)
    try:
        stat = file_path.stat()
    except FileNotFoundError:
        raise UnreadableFileError(display, "文件不存在，请检查路径是否正确") from None
    except PermissionError:
        raise UnreadableFileError(display, "没有权限访问该文件，请检查文件权限") from None
    except OSError as exc:
        raise UnreadableFileError(display, f"无法访问文件（{exc.strerror or exc}）") from exc

    if file_path.is_dir():
        raise UnreadableFileError(
            display, "这是一个文件夹，不是文件；要读取整个文件夹请使用 load_paths"
        )
    if not file_path.is_file():
        # FIFOs and devices would block or never end when read.
        raise UnreadableFileError(display, "不是普通文件（可能是管道或设备），请提供普通文件")

    suffix = file_path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(display, _unsupported_reason(suffix))
    if stat.st_size == 0:
        raise UnreadableFileError(display, "文件为空（0 字节），请检查文件是否完整")
    if stat.st_size > max_bytes:
        raise UnreadableFileError(display, _oversized_reason(stat.st_size, max_bytes))

    try:
        with file_path.open("rb") as handle:
            # Read one byte past the limit: a file that grew since stat() is still caught
            # without reading all of it.
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise UnreadableFileError(display, "没有读取权限，请检查文件权限") from None
    except OSError as exc:
        raise UnreadableFileError(
            display, f"读取文件时出错（{exc.strerror or exc}），请检查文件是否被占用或磁盘是否正常"
        ) from exc
    if len(data) > max_bytes:
        raise UnreadableFileError(display, _oversized_reason(len(data), max_bytes))
    if not data:
        raise UnreadableFileError(display, "文件为空（0 字节），请检查文件是否完整")

    warnings: list[str] = []
    page_title = ""
    paragraphs = False
    if suffix == ".pdf":
        text, warnings = _read_pdf(display, data)
        encoding = "pdf"
    elif suffix == ".docx":
        text = _read_docx(display, data)
        encoding = "docx"
        paragraphs = True
    else:
        try:
            if suffix in _HTML_SUFFIXES:
                raw, detected, warnings = _decode_html(data)
            else:
                raw, detected = decode_bytes(data)
                warnings = _encoding_warnings(detected)
        except ValueError as exc:
            raise UnreadableFileError(display, str(exc)) from exc
        raw = _normalise_newlines(raw)
        if suffix in _HTML_SUFFIXES:
            try:
                text, page_title, paragraphs = _html_to_text(raw)
            except (AssertionError, ValueError) as exc:
                # Older html.parser versions assert on some malformed declarations.
                raise UnreadableFileError(
                    display, f"网页结构无法解析（{exc}），请另存为 .txt 后重试"
                ) from exc
            encoding = f"html:{detected}"
        else:
            text, encoding = raw, detected

    if not text.strip():
        what = "网页中没有可见文字" if suffix in _HTML_SUFFIXES else "文件只有空白字符，没有文字"
        raise UnreadableFileError(display, f"{what}，请检查文件内容")
    return LoadedText(
        source=file_path.name,
        path=display,
        text=text,
        encoding=encoding,
        warnings=tuple(warnings),
        page_title=page_title,
        paragraphs=paragraphs,
    )


def _oversized_reason(size: int, max_bytes: int) -> str:
    return (
        f"文件大小 {_format_size(size)} 超过上限 {_format_size(max_bytes)}，"
        "可通过 RAG_MAX_FILE_MB 调整"
    )


def _is_hidden(name: str) -> bool:
    # "~$name.docx" are Office lock files: hidden on Windows, never real documents.
    return name.startswith((".", "~$"))


def _as_path_list(paths: Iterable[Path | str] | Path | str) -> list[Path | str]:
    # A lone string is iterable too; without this "data/" would become "d", "a", ...
    if isinstance(paths, str | Path):
        return [paths]
    return list(paths)


def iter_supported_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand ``paths`` into the files to load.

    Directories are walked recursively in sorted order, keeping supported types and
    skipping hidden files and folders (and Office ``~$`` lock files). Paths given
    explicitly are kept as they are — unsupported, hidden or missing ones included —
    so that ``load_file`` reports on them instead of them vanishing. Each file is
    listed once.
    """
    result: list[Path] = []
    seen: set[Path] = set()

    def add(candidate: Path) -> None:
        try:
            key = candidate.resolve()
        except OSError:
            key = candidate.absolute()
        if key not in seen:
            seen.add(key)
            result.append(candidate)

    for given in _as_path_list(paths):
        path = Path(given)
        if not path.is_dir():
            add(path)
            continue
        found: list[Path] = []
        for root, dirnames, filenames in os.walk(path):
            # Pruning in place stops os.walk from descending into hidden folders.
            dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
            for name in filenames:
                if not _is_hidden(name) and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(Path(root, name))
        for file_path in sorted(found):
            add(file_path)
    return result


def load_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[LoadedText], list[UnreadableFileError]]:
    """Load every file under ``paths``; return ``(loaded, errors)``.

    One unreadable file never stops the others: each failure becomes one
    ``UnreadableFileError`` in ``errors``, in the same order as the files.
    """
    loaded: list[LoadedText] = []
    errors: list[UnreadableFileError] = []
    for file_path in iter_supported_files(paths):
        try:
            loaded.append(load_file(file_path, max_bytes=max_bytes))
        except UnreadableFileError as exc:
            errors.append(exc)
    return loaded, errors
