"""The Gradio chat: questions in Chinese, streamed answers, citations, notice viewer, uploads.

Thin: it calls rag's public API (``rag.answer.Answerer``, ``rag.retrieve.Filters``,
``rag.store``, ``rag.ingest`` through ``ui.uploads``) and renders with ``ui.render``.
Library errors become a plain message in the chat; anything unexpected is logged on the
server and the user sees a one-line apology, never a traceback.

Serving is locked down (``launch_options``): no extra ``allowed_paths``, the index folder
blocked, an upload size limit, no flagging (Blocks has none), no analytics or share link.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator, Sequence
from typing import Any

# Gradio reports usage to its servers unless told not to; this app runs offline.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from rag.config import Settings, load_settings
from rag.errors import RagError
from rag.notices.validity import STATUSES
from rag.records import Notice
from ui import render

log = logging.getLogger("rag.ui")

EXAMPLES = [
    "国卫办医函[2020]357号要求各地在什么时候前完成委省共建？",
    "福建省新冠病毒检测试剂集中采购有什么规定？",
    "互联网诊疗有哪些要求？",
    "医疗机构的医疗废物应该如何处置？",
]
UPLOAD_TYPES = [".txt", ".md", ".pdf", ".docx"]
INTERNAL_ERROR = "出错了：处理时发生内部错误（详情已记入服务器日志），请重试或换个问法。"

# Citation cards and notice links carry data-notice-id; one delegated listener on the
# component turns a click (or Enter) on any of them into a Gradio event with that id.
_CLICK_JS = """
const fire = (el) => trigger('click', {
  notice_id: el.dataset.noticeId || '', start: el.dataset.start || '', end: el.dataset.end || ''
});
element.addEventListener('click', (e) => {
  const el = e.target.closest('[data-notice-id]');
  if (el && el.dataset.noticeId) { e.preventDefault(); fire(el); }
});
element.addEventListener('keydown', (e) => {
  const el = e.target.closest('[data-notice-id]');
  if (e.key === 'Enter' && el && el.dataset.noticeId) { e.preventDefault(); fire(el); }
});
"""
_SCROLL_TO_QUOTE_JS = """
() => { setTimeout(() => {
  const m = document.getElementById('rag-quote');
  if (m) m.scrollIntoView({block: 'center'});
}, 150); }
"""
CSS = """
.rag-status { font-size: 0.9em; color: var(--body-text-color-subdued); }
.rag-cite { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px;
  margin-bottom: 8px; cursor: pointer; }
.rag-cite:hover, .rag-cite:focus { border-color: var(--color-accent); outline: none; }
.rag-n { font-weight: 700; color: var(--color-accent); }
.rag-docno { font-weight: 600; }
.rag-article { font-weight: 600; color: #b45309; }
.rag-meta { font-size: 0.85em; color: var(--body-text-color-subdued); }
.rag-context { margin-top: 6px; line-height: 1.6; }
.rag-context mark, .rag-text mark { background: #fde68a; color: inherit; }
.rag-open { font-size: 0.8em; color: var(--color-accent); text-align: right; }
.rag-refused { font-weight: 600; margin-bottom: 6px; }
.rag-repealed { color: #b91c1c; font-weight: 700; margin: 6px 0; }
.rag-valid { color: var(--body-text-color-subdued); font-size: 0.85em; margin: 6px 0; }
.rag-fields { border-collapse: collapse; margin: 6px 0; font-size: 0.9em; }
.rag-fields th, .rag-fields td { border: none !important; border-bottom: 1px solid
  var(--border-color-primary) !important; padding: 3px 8px 3px 0 !important; text-align: left; }
.rag-fields th { white-space: nowrap; color: var(--body-text-color-subdued); }
.rag-text-head { margin-top: 10px; padding-top: 6px; border-top: 1px solid
  var(--border-color-primary); font-weight: 600; }
.rag-warnings { color: #92400e; margin: 6px 0; }
.rag-text { white-space: pre-wrap; word-break: break-all; max-height: 60vh; overflow-y: auto;
  font-family: inherit; font-size: 0.95em; line-height: 1.7; }
.rag-link { cursor: pointer; }
.rag-badge { font-size: 0.8em; border-radius: 4px; padding: 0 4px; margin-right: 4px;
  border: 1px solid currentColor; white-space: nowrap; }
.rag-badge-in-force { color: #15803d; }
.rag-badge-lapsed, .rag-badge-repealed { color: #b91c1c; }
.rag-badge-amended, .rag-badge-pending { color: #b45309; }
.rag-badge-unknown { color: var(--body-text-color-subdued); }
.rag-validity { margin: 6px 0; font-size: 0.9em; }
.rag-validity-evidence { color: var(--body-text-color-subdued); margin: 2px 0; }
.rag-timeline { margin: 4px 0 4px 18px; }
.rag-when { font-variant-numeric: tabular-nums; color: var(--body-text-color-subdued); }
.rag-error { color: #b91c1c; }
"""


class ChatService:
    """What the handlers call; the answerer is swapped for a new one after uploads."""

    def __init__(self, answerer: Any, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._set(answerer)

    def _set(self, answerer: Any) -> None:
        self.answerer = answerer
        # The date the last question was asked for: the viewer shows validity as of it.
        self.as_of: str | None = None
        self.notices: dict[str, Notice] = dict(answerer.notices)
        self._ordered = list(self.notices.values())

    @property
    def index_name(self) -> str:
        return str(getattr(self.answerer.retriever, "name", self.settings.index_name))

    def status(self) -> str:
        retriever = self.answerer.retriever
        manifest = getattr(retriever, "manifest", {}) or {}
        embedder = (manifest.get("vectors") or {}).get("embedder") or getattr(
            getattr(retriever, "embedder", None), "id", ""
        )
        return render.status_text(
            self.index_name,
            len(self.notices),
            len(getattr(retriever, "chunks", ())),
            str(embedder),
            str(getattr(self.answerer.generator, "id", "extractive")),
        )

    def choices(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[tuple[str, str]]]:
        """Region, year and issuer choices from the notices of the index ("" = any)."""
        from collections import Counter

        regions = sorted({n.region for n in self._ordered if n.region})
        years = sorted({n.date[:4] for n in self._ordered if n.date[:4].isdigit()}, reverse=True)
        issuers = Counter(n.issuer for n in self._ordered if n.issuer)
        return (
            [("全部地区", ""), *((r, r) for r in regions)],
            [("全部年份", ""), *((y, y) for y in years)],
            [("全部发文机关", ""), *((i, i) for i, _ in issuers.most_common())],
        )

    # -- chat ---------------------------------------------------------------------------

    def respond(
        self,
        message: str,
        chat: list[dict[str, Any]] | None,
        history: list[dict[str, str]] | None,
        region: str | None,
        year: str | None,
        issuer: str | None,
        as_of: str | None = None,
        status: str | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream one answer: (chat messages, history, citations HTML, textbox, side tab).

        ``as_of`` (效力日期, "" = today) dates the validity of what is cited; ``status``
        ("" = any) keeps only notices of that status."""
        from rag.notices.validity import validity_options
        from rag.retrieve import Filters

        chat = list(chat or [])
        history = list(history or [])
        chat.append({"role": "user", "content": render.chat_text(message or "")})
        chat.append({"role": "assistant", "content": "正在检索…"})
        yield chat, history, gr.skip(), "", gr.skip()
        answerer = self.answerer
        try:
            day, statuses = validity_options(as_of, [status] if status else [])
            self.as_of = day
            filters = Filters(
                region=region or "",
                year=int(year) if year else None,
                issuer=issuer or "",
                status=statuses,
                as_of=day,
            )
            partial = ""
            answer = None
            for item in answerer.stream(message or "", history=history, filters=filters):
                if isinstance(item, str):
                    partial += item
                    chat[-1] = {"role": "assistant", "content": render.chat_text(partial)}
                    yield chat, history, gr.skip(), gr.skip(), gr.skip()
                else:
                    answer = item
            if answer is None:
                raise RuntimeError("answerer.stream ended without an Answer")
        except RagError as exc:
            chat[-1] = {"role": "assistant", "content": "⚠ " + render.chat_text(str(exc))}
            yield chat, history, gr.skip(), gr.skip(), gr.skip()
            return
        except Exception:
            log.exception("answering %r failed", message)
            chat[-1] = {"role": "assistant", "content": "⚠ " + render.chat_text(INTERNAL_ERROR)}
            yield chat, history, gr.skip(), gr.skip(), gr.skip()
            return
        chat[-1] = {"role": "assistant", "content": answer_markdown(answer)}
        history += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": answer.text},
        ]
        notices = answerer.notices
        # The side panel turns to the citations of the new answer.
        cites = render.citations_html(answer, notices)
        yield chat, history, cites, gr.skip(), gr.Tabs(selected="cites")

    # -- notice viewer ------------------------------------------------------------------

    def notice_view(self, notice_id: str, start: str = "", end: str = "") -> str:
        from rag.store import citing

        notice = self.notices.get(notice_id or "")
        if notice is None:
            return render.message_html(
                "索引中没有这条通知（可能已被上传的文件更新），请重新提问后再点击引用。", "error"
            )
        highlight = None
        if str(start).isdigit() and str(end).isdigit():
            highlight = (int(start), int(end))
        validity = self.answerer.validity.to_dict(notice.notice_id, self.as_of)
        return render.notice_html(
            notice, self.notices, citing(self._ordered, notice), highlight, validity
        )

    def lookup(self, doc_number: str) -> str:
        from rag.store import find_notice

        if not (doc_number or "").strip():
            return render.message_html("请输入文号，例如 国卫办医函〔2020〕357号", "error")
        try:
            notice = find_notice(self._ordered, doc_number)
        except RagError as exc:
            return render.message_html(str(exc).replace("rag notices", "筛选栏"), "error")
        return self.notice_view(notice.notice_id)

    # -- uploads ------------------------------------------------------------------------

    def upload(self, paths: Sequence[str] | None) -> str:
        """Add uploaded files to the uploads index and answer from it; a readable report."""
        from rag.answer import Answerer
        from rag.retrieve import Retriever
        from ui.uploads import add_uploads

        if not paths:
            return render.message_html("没有收到文件。", "error")
        try:
            with self._lock:
                retriever = self.answerer.retriever
                outcome = add_uploads(paths, self.settings, self.index_name, retriever.embedder)
                if outcome.changed or outcome.index_name != self.index_name:
                    path = self.settings.index_dir / outcome.index_name
                    fresh = Retriever(path, settings=self.settings, embedder=retriever.embedder)
                    self._set(Answerer(fresh, self.settings, generator=self._llm_generator()))
        except RagError as exc:
            return render.message_html(f"上传失败：{exc}", "error")
        except Exception:
            log.exception("upload of %s failed", list(paths))
            return render.message_html(INTERNAL_ERROR, "error")
        kind = "error" if outcome.rejected and not outcome.accepted else "info"
        lines = [*outcome.lines, f"现在回答使用索引 {outcome.index_name}（原始语料未改动）。"]
        return "".join(render.message_html(line, kind) for line in lines)

    def _llm_generator(self) -> Any:
        generator = getattr(self.answerer, "generator", None)
        extractive = getattr(self.answerer, "extractive", None)
        # An LLM generator carries over; the extractive one is rebuilt for the new index.
        return None if generator is extractive else generator


def answer_markdown(answer: Any) -> str:
    """The answer as the chat bubble shows it: text, then how a follow-up was read, notes."""
    parts = [render.chat_text(answer.text)]
    if answer.standalone and answer.standalone != answer.question:
        parts.append(f"*（结合上文理解为：{render.chat_text(answer.standalone)}）*")
    parts.extend(f"*注：{render.chat_text(note)}*" for note in answer.notes)
    return "\n\n".join(parts)


def open_answerer(settings: Settings, name: str | None = None) -> Any:
    """The answerer for ``name``; with no name, the uploads index when it is current."""
    from rag.answer import Answerer
    from ui.uploads import uploads_index_current, uploads_index_name

    base = name or settings.index_name
    if name is None and uploads_index_current(settings, base):
        try:
            return Answerer.open(uploads_index_name(base), settings)
        except RagError as exc:
            log.warning("uploads index not usable (%s); using %s", exc, base)
    return Answerer.open(base, settings)


def build_app(answerer: Any = None, settings: Settings | None = None) -> Any:
    """The Gradio Blocks app over ``answerer`` (default: the configured index)."""
    settings = settings or (getattr(answerer, "settings", None) if answerer else None)
    settings = settings or load_settings()
    service = ChatService(answerer or open_answerer(settings), settings)
    regions, years, issuers = service.choices()

    # Uploaded files are copied into the index; Gradio's copies are deleted after a day.
    with gr.Blocks(
        title="policy-rag 政策问答", analytics_enabled=False, delete_cache=(3600, 86400)
    ) as demo:
        gr.Markdown("## 卫生健康政策问答\n回答只依据索引中的通知，每句都注明出处（文号）。")
        status = gr.HTML(render.status_html(service.status()))
        with gr.Row():
            region = gr.Dropdown(regions, value="", label="地区", elem_id="filter-region")
            year = gr.Dropdown(years, value="", label="年份", elem_id="filter-year")
            issuer = gr.Dropdown(issuers, value="", label="发文机关", elem_id="filter-issuer")
            status_filter = gr.Dropdown(
                [("全部效力状态", ""), *((s, s) for s in STATUSES)],
                value="",
                label="效力",
                elem_id="filter-status",
            )
            as_of = gr.Textbox(
                value="",
                label="效力日期",
                placeholder="默认今天，如 2021-01-01",
                elem_id="filter-as-of",
                max_lines=1,
            )
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    label="对话",
                    elem_id="chat",
                    height=520,
                    sanitize_html=True,
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=["copy", "copy_all"],
                    placeholder="输入问题，例如「互联网诊疗有哪些要求？」；可接着追问。",
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="请输入问题，回车发送",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_lines=4,
                    )
                    send = gr.Button(
                        "发送", variant="primary", scale=0, min_width=90, elem_id="send"
                    )
                    clear = gr.Button("新对话", scale=0, min_width=90, elem_id="clear")
                gr.Examples(EXAMPLES, inputs=[question], label="示例问题")
            with gr.Column(scale=2), gr.Tabs(selected="cites", elem_id="side") as tabs:
                with gr.Tab("引用", id="cites", elem_id="tab-cites"):
                    cites = gr.HTML(
                        render.citations_html(None, {}),
                        elem_id="citations",
                        js_on_load=_CLICK_JS,
                    )
                with gr.Tab("通知全文", id="viewer", elem_id="tab-viewer"):
                    with gr.Row():
                        docno = gr.Textbox(
                            placeholder="按文号查找，如 国卫办医函[2020]357号",
                            show_label=False,
                            scale=4,
                            elem_id="docno",
                        )
                        find = gr.Button("查找", scale=1, elem_id="find")
                    viewer = gr.HTML(
                        render.message_html("点击引用，或输入文号查看通知全文。"),
                        elem_id="viewer",
                        js_on_load=_CLICK_JS,
                    )
                with gr.Tab("添加文件", id="upload", elem_id="tab-upload"):
                    gr.Markdown(
                        f"上传 .txt / .md / .pdf / .docx（每个不超过 "
                        f"{settings.upload_max_mb:g} MB）。文件加入单独的上传索引，"
                        "不会改动原始语料。"
                    )
                    files = gr.File(
                        file_count="multiple",
                        file_types=UPLOAD_TYPES,
                        type="filepath",
                        label="上传文件",
                        elem_id="upload-files",
                    )
                    upload_report = gr.HTML("", elem_id="upload-report")

        history = gr.State([])
        ask_inputs = [question, chatbot, history, region, year, issuer, as_of, status_filter]
        ask_outputs = [chatbot, history, cites, question, tabs]
        for trigger in (question.submit, send.click):
            trigger(service.respond, ask_inputs, ask_outputs, api_visibility="private")

        def new_chat() -> tuple[Any, ...]:
            return [], [], render.citations_html(None, {})

        clear.click(new_chat, None, [chatbot, history, cites], api_visibility="private")
        # The chatbot's own clear (trash) button must forget the history too.
        chatbot.clear(new_chat, None, [chatbot, history, cites], api_visibility="private")

        def open_clicked(evt: gr.EventData) -> tuple[str, Any]:
            data = getattr(evt, "_data", None) or {}
            html = service.notice_view(
                str(data.get("notice_id", "")), str(data.get("start", "")), str(data.get("end", ""))
            )
            return html, gr.Tabs(selected="viewer")

        for source in (cites, viewer):
            source.click(open_clicked, None, [viewer, tabs], api_visibility="private").then(
                None, js=_SCROLL_TO_QUOTE_JS
            )
        for trigger in (docno.submit, find.click):
            trigger(service.lookup, [docno], [viewer], api_visibility="private")

        def uploaded(paths: list[str] | None) -> tuple[Any, ...]:
            report = service.upload(paths)
            r, y, i = service.choices()
            return (
                report,
                render.status_html(service.status()),
                gr.Dropdown(choices=r),
                gr.Dropdown(choices=y),
                gr.Dropdown(choices=i),
            )

        files.upload(
            uploaded,
            [files],
            [upload_report, status, region, year, issuer],
            api_visibility="private",
        )
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """Serving settings that keep the app from handing out files it does not own."""
    from rag.auth import password_check

    blocked = [str(settings.index_dir.resolve())]
    if settings.corpus_dir.exists():
        blocked.append(str(settings.corpus_dir.resolve()))
    login: dict[str, Any] = {}
    check = password_check(settings)
    if check is not None:  # the ui_password setting (RAG_UI_PASSWORD): a login page first
        login = {"auth": check, "auth_message": "请输入密码（用户名任意）"}
    return {
        **login,
        "allowed_paths": [],
        "blocked_paths": blocked,
        "max_file_size": int(settings.upload_max_mb * 1024 * 1024),
        "show_error": False,
        "share": False,
        "mcp_server": False,
        "ssr_mode": False,
        "pwa": False,
        "enable_monitoring": False,
        "footer_links": [],
        "css": CSS,
        # System fonts: the default theme would fetch web fonts, and the app runs offline.
        "theme": _theme(),
    }


def _theme() -> Any:
    return gr.themes.Default(
        font=["PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )


def launch(
    host: str = "127.0.0.1",
    port: int = 7860,
    index: str | None = None,
    *,
    block: bool = True,
    answerer: Any = None,
    settings: Settings | None = None,
) -> Any:
    """Serve the chat on ``host:port``; with ``block=False`` return the running Blocks."""
    settings = settings or load_settings(index_name=index)
    if answerer is None:
        answerer = open_answerer(settings, index)
    demo = build_app(answerer, settings)
    demo.queue(default_concurrency_limit=4)
    demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=not block,
        quiet=not block,
        **launch_options(settings),
    )
    return demo
