"""The JSON the HTTP API answers with, as pydantic models: what /docs and /openapi.json show
and what generated clients are built from.

The shapes are those of the library's ``to_dict`` methods (``SearchResult``, ``Answer``,
``Notice``), which the CLI's ``--json`` prints too; the endpoints return those dicts as they
are (the models describe them, they do not re-serialise them), and the tests validate every
shape against these models, so a field added to one and not the other fails there. Models
allow extra fields: a client generated from them keeps working when a field is added.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# A notice's validity status as of a date (rag.notices.validity.STATUSES); "" when the
# searcher does not read validity.
Status = Literal["现行有效", "已过有效期", "已废止", "已修订", "尚未施行", "未知", ""]


class _Out(BaseModel):
    model_config = ConfigDict(extra="allow")


class Scores(_Out):
    """How a passage scored in its index: cosine, BM25 and cross-encoder (null when unused)."""

    dense: float | None = Field(
        ..., description="查询与段落向量的余弦（多个索引时已换算到第一个索引的尺度）"
    )
    lexical: float | None = Field(..., description="BM25 分数")
    rerank: float | None = Field(..., description="交叉编码器重排分数（未启用时为 null）")


class HitOut(_Out):
    """One retrieved passage with what a citation needs (`rag search --json`'s hits)."""

    rank: int = Field(..., description="名次，从 1 起")
    score: float = Field(
        ..., description="融合分数（基于名次，跨索引可比；命中所问文号的段落加 1）"
    )
    doc_number: str = Field(..., description="文号；无文号时为空字符串")
    title: str
    issuer: str = Field(..., description="发文机关")
    date: str = Field(..., description="成文日期，否则发布日期（ISO）；不详时为空")
    region: str = Field(..., description="省级地区简称，全国 表示国家层面")
    source: str = Field(..., description="来源文件名")
    heading: str = Field(..., description="段落所在的章节标题路径，以 > 连接")
    text: str = Field(..., description="段落原文")
    start: int = Field(..., description="段落在通知全文中的起始字符位置")
    end: int
    notice_id: str
    chunk_id: str
    scores: Scores
    routed: bool = Field(..., description="是否经问题中的文号直达")
    index: str = Field(..., description="段落所在的索引名")
    status: Status = Field(..., description="通知在所问日期的效力状态")
    named_articles: list[str] = Field(..., description="问题所问、本段包含的条款，如 第十条")


class FiltersOut(_Out):
    """The filters applied: those given, else those read from the query; unset ones absent."""

    region: str | None = None
    year: int | None = None
    year_to: int | None = Field(None, description="年份范围的末年（2024—2025年）")
    issuer: str | None = None
    category: str | None = None
    status: list[Status] | None = Field(None, description="只要这些效力状态")
    as_of: str | None = Field(None, description="判断效力的日期（ISO）")


class SearchResponse(_Out):
    """Ranked passages and what the retriever understood of the query."""

    query: str
    hits: list[HitOut]
    doc_numbers: list[str] = Field(..., description="问题中的文号（规范化）")
    series: list[str] = Field(..., description="按系列询问的文号前缀")
    mentioned: list[str] = Field(..., description="没有通知本身、只有段落引用的文号")
    implementing: list[str] = Field(..., description="问及其落实文件的通知（文号或标题）")
    articles: list[str] = Field(..., description="问题所问、已找到的条款，如 第十条")
    missing_articles: list[str] = Field(..., description="所问条款在其文件中不存在的说明")
    filters: FiltersOut
    warnings: list[str]
    timings_ms: dict[str, float]


class CitationOut(_Out):
    """One numbered source of an answer: the notice and the verbatim passage quoted."""

    n: int = Field(..., description="回答中的 [n] 编号")
    doc_number: str = Field(..., description="文号；无文号时为空字符串")
    title: str
    issuer: str
    date: str
    source: str
    quote: str = Field(..., description="逐字引用的原文")
    notice_id: str
    chunk_id: str
    start: int = Field(..., description="quote 在通知全文中的起始字符位置")
    end: int
    index: str = Field(..., description="被引段落所在的索引名")
    status: Status = Field(..., description="被引通知在所问日期的效力状态")
    article: str = Field(..., description="引文所在的条款（第X条）；没有为空")


class ClosestOut(_Out):
    """A notice a refusal points to."""

    doc_number: str
    title: str
    issuer: str
    date: str


class SupportParts(_Out):
    """What a question's support was made of."""

    words: float | None = Field(None, description="问题词在最佳段落中的 idf 加权覆盖")
    dense: float | None = Field(None, description="最相近段落的余弦")
    known: float | None = Field(
        None, description="问题用词中索引段落用过的比例（按字数）；余弦低于零假设时只计这一比例"
    )
    named_docno: bool | Literal["mentioned"] | None = Field(
        None,
        description="true：直达所问文号；mentioned：只有引用它的段落；false：索引中没有",
    )
    place: str | None = Field(
        None, description="支持度低于阈值时，问题所问的唯一地区（点名的省份或其城市所在省）"
    )
    place_behind: float | None = Field(
        None,
        description="该地区通知的最佳余弦落后全库最佳余弦多少（以零假设的离散度为单位）；"
        "0 表示全库最相近的段落就出自该地区",
    )
    best_region: str | None = Field(None, description="全库最相近段落所属地区")
    best_notice: str | None = Field(None, description="全库最相近段落所属通知的 notice_id")


class UnmetOut(_Out):
    """Something the question pins down that the cited evidence does not meet."""

    kind: str
    wanted: str
    message: str


class AskResponse(_Out):
    """A grounded answer with [n] markers and verified citations, or a refusal."""

    question: str
    standalone: str = Field(..., description="结合对话历史改写后的独立问题")
    answer: str = Field(..., description="回答正文，带 [n] 引用标记")
    citations: list[CitationOut]
    refused: bool = Field(..., description="是否拒答（通知中没有能回答的内容）")
    reason: str = Field(..., description="拒答的原因；回答时为空")
    closest: list[ClosestOut] = Field(..., description="拒答时最相近的通知")
    generator: str = Field(..., description="extractive 或 llm:<模型名>")
    notes: list[str]
    checks: dict[str, int] = Field(..., description="引用核验的计数")
    support: float
    support_parts: SupportParts
    unmet: list[UnmetOut]
    hits: list[HitOut]
    timings_ms: dict[str, float]


class ReferenceOut(_Out):
    """A 文号 a notice mentions."""

    doc_number: str
    relation: Literal["cites", "repeals"]
    context: str
    notice_id: str = Field(..., description="被引通知在索引中时的 notice_id，否则为空")


class CitedByOut(_Out):
    """A notice that cites (or repeals) this one."""

    notice_id: str
    doc_number: str
    title: str
    relation: Literal["cites", "repeals"]


class RelationOut(_Out):
    """A document this notice repeals, amends or implements, as its text says."""

    kind: Literal["repeals", "amends", "implements"]
    doc_number: str
    title: str
    sentence: str = Field(..., description="说明这一关系的原文句子")
    notice_id: str = Field(..., description="对方在索引中时的 notice_id，否则为空")


class IncomingOut(_Out):
    """A notice that repeals, amends or implements this one."""

    notice_id: str
    doc_number: str
    title: str
    sentence: str


class ImplementerOut(IncomingOut):
    region: str


class EventOut(_Out):
    """A dated event of the notice: written, published, in force, expiry, repealed…"""

    date: str
    event: str
    notice_id: str = Field(..., description="事件来自另一份通知时为其 notice_id")


class ValidityOut(_Out):
    """A notice's validity as of a date: status, reason and evidence, dates, relations."""

    status: Status
    as_of: str = Field(..., description="判断效力的日期（ISO）")
    reason: str
    evidence: str = Field(..., description="决定状态的原文句子")
    evidence_notice_id: str
    effective: str | None = Field(..., description="施行日期（ISO）；原文未写明为 null")
    effective_clause: str
    expires: str | None = Field(..., description="有效期最后一天（ISO）；没有为 null")
    expiry_clause: str
    trial: bool = Field(..., description="是否试行")
    relations: list[RelationOut]
    repealed_by: list[IncomingOut]
    amended_by: list[IncomingOut]
    implemented_by: list[ImplementerOut]
    timeline: list[EventOut]
    warnings: list[str]


class LawOut(_Out):
    """A law or regulation's header: issuer and dates (ISO; "" when not stated)."""

    issuer: str
    adopted: str = Field(..., description="通过日期")
    revised: list[str] = Field(..., description="每次修订、修正的日期")
    published: str = Field(..., description="公布日期")
    effective: str = Field(..., description="施行日期")


class NoticeRow(_Out):
    """A notice's metadata, without its full text (`rag notices --json`)."""

    notice_id: str
    doc_number: str = Field(..., description="文号；无文号时为空字符串")
    title: str
    issuer: str
    region: str
    written_date: str
    published_date: str
    date: str = Field(..., description="成文日期，否则发布日期")
    category: str
    keywords: list[str]
    source: str
    kind: Literal["notice", "article"]
    outlet: str
    summary: str
    warnings: list[str]
    references: list[ReferenceOut]
    law: LawOut | None = Field(
        ..., description="法律、法规、规章的通过、修订、施行日期；通知为 null"
    )
    validity: ValidityOut | None = Field(None, description="效力（有效力记录时）")


class NoticeDetail(NoticeRow):
    """One notice with its full text and the notices that cite it (`rag notices show --json`)."""

    text: str
    cited_by: list[CitedByOut]


class ErrorBody(_Out):
    message: str = Field(..., description="说明哪里错了以及如何改正（中文）")
    type: str
    code: str


class ErrorResponse(_Out):
    """Every error, in the OpenAI shape."""

    error: ErrorBody
