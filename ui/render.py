"""HTML for the chat UI: citations, the notice viewer, the status line.

Every piece of notice text goes through :func:`html.escape` here, so a notice that
contains markup (``<script>``, ``<img onerror=…>``) is shown as text, never run. Pure
functions over rag's records; the Gradio wiring lives in ``ui.app``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from rag.records import Hit, Notice

# Characters of the notice shown on each side of a quoted passage.
CONTEXT_CHARS = 80
# Markdown that would otherwise reformat notice text inside the chat bubble.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|~$])")


def esc(text: object) -> str:
    """Text as HTML: markup characters and quotes escaped."""
    return escape(str(text), quote=True)


def chat_text(text: str) -> str:
    """Answer text for the chat bubble (rendered as Markdown): no HTML, no stray formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", esc(text))


def generator_label(generator_id: str) -> str:
    """How the status line names what writes the answers."""
    if generator_id.startswith("llm:"):
        return f"LLM {generator_id.removeprefix('llm:')}"
    return "抽取式（无 LLM）"


def status_text(
    index_name: str, notices: int, chunks: int, embedder: str, generator_id: str
) -> str:
    """One line: index, size, embedder, answer generator."""
    return (
        f"索引 {index_name} · {notices} 条通知 / {chunks} 段 · 向量模型 {embedder or '未知'}"
        f" · 回答：{generator_label(generator_id)}"
    )


def status_html(text: str) -> str:
    return f'<div class="rag-status" id="rag-status">{esc(text)}</div>'


def passage_in_context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The passage ``text[start:end]`` highlighted with ``<mark>``, with its surroundings."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    before = ("…" if lo > 0 else "") + text[lo:start]
    after = text[end:hi] + ("…" if hi < len(text) else "")
    return f"{esc(before)}<mark>{esc(text[start:end])}</mark>{esc(after)}"


def _meta_line(doc_number: str, title: str, issuer: str, date: str, article: str = "") -> str:
    cited = f' <span class="rag-article">{esc(article)}</span>' if article else ""
    return (
        f'<span class="rag-docno">{esc(doc_number or "无文号")}</span>{cited} '
        f'<span class="rag-title">《{esc(title.strip("《》") or "无标题")}》</span>'
        f'<div class="rag-meta">{esc(issuer or "发文机关不详")} · {esc(date or "日期不详")}</div>'
    )


def citations_html(answer: Any, notices: Mapping[str, Notice]) -> str:
    """The citation cards of an answer; a refusal lists the closest notices instead, after
    the cards of the nearest evidence when the refusal kept some (the question pinned down
    a place, year, document or value the evidence misses).

    Each card carries ``data-notice-id`` (and the quote's offsets): clicking it opens the
    notice in the viewer.
    """
    if answer is None:
        return '<div class="rag-empty">回答的引用会显示在这里；点击引用可查看通知全文。</div>'
    parts: list[str] = []
    if answer.refused:
        if answer.citations:
            misses = "；".join(u.get("message", "") for u in getattr(answer, "unmet", []) or [])
            parts.append(
                '<div class="rag-refused">最相近的内容不满足问题的条件'
                f"{'（' + esc(misses) + '）' if misses else ''}，仅供参考：</div>"
            )
            parts.extend(_card(c, notices) for c in answer.citations)
        parts.append('<div class="rag-refused">没有找到能回答的内容。最相近的通知：</div>')
        for item in answer.closest:
            notice_id = _closest_notice_id(item, answer.hits)
            meta = _meta_line(*(item.get(k, "") for k in ("doc_number", "title", "issuer", "date")))
            parts.append(
                f'<div class="rag-cite rag-closest" role="button" tabindex="0"'
                f' data-notice-id="{esc(notice_id)}">{meta}</div>'
            )
        if not answer.closest:
            parts.append('<div class="rag-empty">索引中没有相近的通知。</div>')
        return "\n".join(parts)
    return "\n".join(_card(c, notices) for c in answer.citations)


def _card(c: Any, notices: Mapping[str, Notice]) -> str:
    """One citation card: [n], the notice's 文号 / title / issuer / date, the quote in context."""
    notice = notices.get(c.notice_id)
    if notice is not None and notice.text[c.start : c.end] == c.quote:
        context = passage_in_context(notice.text, c.start, c.end)
    else:
        context = f"<mark>{esc(c.quote)}</mark>"
    return (
        f'<div class="rag-cite" role="button" tabindex="0" data-notice-id="{esc(c.notice_id)}"'
        f' data-start="{int(c.start)}" data-end="{int(c.end)}" data-n="{int(c.n)}">'
        f'<div class="rag-cite-head"><span class="rag-n">[{int(c.n)}]</span> '
        f"{_meta_line(c.doc_number, c.title, c.issuer, c.date, c.article)}"
        f"{status_badge(getattr(c, 'status', ''))}</div>"
        f'<div class="rag-context">{context}</div>'
        '<div class="rag-open">查看全文 →</div>'
        "</div>"
    )


# Status label → CSS modifier of its badge.
_STATUS_CLASS = {
    "现行有效": "in-force",
    "已过有效期": "lapsed",
    "已废止": "repealed",
    "已修订": "amended",
    "尚未施行": "pending",
    "未知": "unknown",
}


def status_badge(label: str) -> str:
    """A notice's validity status as a small badge ("" when there is none)."""
    if not label:
        return ""
    css = _STATUS_CLASS.get(label, "unknown")
    return f'<span class="rag-badge rag-badge-{css}">{esc(label)}</span> '


def validity_html(v: Mapping[str, Any], by_id: Mapping[str, Notice]) -> str:
    """A notice's validity (``ValidityIndex.to_dict``): status as of a date with the reason
    and its clause, the documents it repeals, amends or implements, those that repealed,
    amended or implemented it (linked when in the index), and its timeline."""
    verbs = {"repeals": "废止", "amends": "修订", "implements": "落实"}
    out = ['<div class="rag-validity">']
    out.append(
        f'<div class="rag-validity-head">{status_badge(v["status"])}'
        f"截至 {esc(v['as_of'])}：{esc(v['reason'])}</div>"
    )
    if v.get("evidence"):
        out.append(f'<div class="rag-validity-evidence">依据：「{esc(v["evidence"])}」</div>')
    items: list[str] = []
    for r in v.get("relations", []):
        target = by_id.get(r["notice_id"]) if r.get("notice_id") else None
        name = r["doc_number"] or f"《{r['title']}》"
        where = (
            _notice_link(target.notice_id, f"{name} {target.title}")
            if target is not None
            else f"{esc(name)}（不在索引中）"
        )
        items.append(f"<li>{verbs.get(r['kind'], r['kind'])}：{where}</li>")
    for key, verb in (
        ("repealed_by", "被废止于"),
        ("amended_by", "被修订于"),
        ("implemented_by", "被落实于"),
    ):
        for o in v.get(key, []):
            region = f"{o['region']} " if o.get("region") else ""
            label = f"{region}{o['doc_number'] or '无文号'}《{o['title']}》"
            items.append(f"<li>{verb}：{_notice_link(o['notice_id'], label)}</li>")
    if items:
        out.append(f'<ul class="rag-validity-relations">{"".join(items)}</ul>')
    if v.get("timeline"):
        out.append('<ol class="rag-timeline">')
        out.extend(
            f'<li><span class="rag-when">{esc(e["date"])}</span> {esc(e["event"])}</li>'
            for e in v["timeline"]
        )
        out.append("</ol>")
    out.extend(f'<div class="rag-warn">⚠ {esc(w)}</div>' for w in v.get("warnings", []))
    out.append("</div>")
    return "\n".join(out)


def _closest_notice_id(item: Mapping[str, str], hits: Iterable[Hit]) -> str:
    for h in hits:
        if h.doc_number == item.get("doc_number", "") and h.title == item.get("title", ""):
            return h.chunk.notice_id
    return ""


def repealed_by(notice: Notice, cited: Sequence[tuple[Notice, str]]) -> list[Notice]:
    """The notices in the index that declare ``notice`` 失效/废止."""
    return [n for n, relation in cited if relation == "repeals"]


def _notice_link(notice_id: str, label: str) -> str:
    return (
        f'<a href="#" class="rag-link" role="button" data-notice-id="{esc(notice_id)}">'
        f"{esc(label)}</a>"
    )


def notice_html(
    notice: Notice,
    by_id: Mapping[str, Notice],
    cited: Sequence[tuple[Notice, str]],
    highlight: tuple[int, int] | None = None,
    validity: Mapping[str, Any] | None = None,
) -> str:
    """The whole notice: metadata, validity (status, clauses, relations both ways, timeline),
    warnings, references, cited-by, full text.

    ``cited`` is what ``rag.store.citing`` returns for this notice; ``highlight`` marks a
    quoted passage (offsets into ``notice.text``); ``validity`` is the notice's
    ``ValidityIndex.to_dict``.
    """
    rows = notice.labelled_fields()
    out = [f'<div class="rag-notice" data-viewing="{esc(notice.notice_id)}">']
    out.append(f'<h3 class="rag-notice-title">{esc(notice.title or "无标题")}</h3>')
    repealers = repealed_by(notice, cited)
    if repealers:
        links = "、".join(
            _notice_link(n.notice_id, f"{n.doc_number or '无文号'}《{n.title}》") for n in repealers
        )
        out.append(f'<div class="rag-repealed">已失效：被 {links} 宣布失效或废止</div>')
    elif validity is None:
        out.append('<div class="rag-valid">索引中没有宣布本通知失效的文件</div>')
    if validity is not None:
        out.append(validity_html(validity, by_id))
    out.append('<table class="rag-fields">')
    out.extend(
        f"<tr><th>{esc(label)}</th><td>{esc(value)}</td></tr>" for label, value in rows if value
    )
    out.append("</table>")
    if notice.warnings:
        out.append('<div class="rag-warnings"><b>请核对：</b><ul>')
        out.extend(f"<li>⚠ {esc(w)}</li>" for w in notice.warnings)
        out.append("</ul></div>")
    if notice.references:
        out.append('<div class="rag-refs"><b>本通知提到的文件</b><ul>')
        for r in notice.references:
            verb = "宣布失效" if r.relation == "repeals" else "引用"
            target = by_id.get(r.notice_id) if r.notice_id else None
            where = (
                _notice_link(target.notice_id, f"{r.doc_number}《{target.title}》")
                if target is not None
                else f"{esc(r.doc_number)}（不在索引中）"
            )
            out.append(f"<li>{verb}：{where}</li>")
        out.append("</ul></div>")
    if cited:
        out.append('<div class="rag-citedby"><b>被以下通知提到</b><ul>')
        for n, relation in cited:
            verb = "宣布其失效" if relation == "repeals" else "引用"
            label = f"{n.doc_number or '无文号'}《{n.title}》"
            out.append(f"<li>{_notice_link(n.notice_id, label)} {verb}</li>")
        out.append("</ul></div>")
    text = notice.text
    if highlight is not None and 0 <= highlight[0] < highlight[1] <= len(text):
        s, e = highlight
        body = f"{esc(text[:s])}<mark id='rag-quote'>{esc(text[s:e])}</mark>{esc(text[e:])}"
    else:
        body = esc(text)
    out.append('<div class="rag-text-head">全文</div>')
    out.append(f'<pre class="rag-text">{body}</pre>')
    out.append("</div>")
    return "\n".join(out)


def message_html(text: str, kind: str = "info") -> str:
    """A short message (errors, lookups that found nothing) as escaped HTML."""
    return f'<div class="rag-message rag-{esc(kind)}">{esc(text)}</div>'
