"""Plain records that flow between stages. Chinese text is kept as is."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from rag.grammar import article_label

if TYPE_CHECKING:
    from rag.notices.law import LawHeader

RelationKind = Literal["cites", "repeals"]
NoticeKind = Literal["notice", "article"]


@dataclass(frozen=True)
class Reference:
    """One 文号 a notice mentions; ``relation`` is "repeals" when the text declares it 失效/废止."""

    doc_number: str
    relation: RelationKind = "cites"
    context: str = ""
    # Filled in when the referenced 文号 belongs to a notice in the same index.
    notice_id: str = ""


@dataclass(frozen=True)
class Notice:
    """One notice (or, for news digests, one article) with its metadata and full text."""

    notice_id: str
    doc_number: str
    title: str
    issuer: str
    region: str
    written_date: str
    published_date: str
    category: str
    keywords: tuple[str, ...]
    source: str
    text: str
    kind: NoticeKind = "notice"
    # Digest articles: the 来源 (outlet) and 【提要】 (summary) lines.
    outlet: str = ""
    summary: str = ""
    warnings: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    # A law or regulation (《…法》, 条例, a rule issued by 令): its header's issuer and dates
    # and its 施行 date (``rag.notices.law``); None for a notice.
    law: LawHeader | None = None

    @property
    def date(self) -> str:
        """The date a citation shows: written date, else published date."""
        return self.written_date or self.published_date

    def labelled_fields(self) -> list[tuple[str, str]]:
        """The notice's metadata as (Chinese label, value) rows, 文号 first ("无文号" when
        it has none); empty values are kept so that callers decide what to show."""
        return [
            ("文号", self.doc_number or "无文号"),
            ("标题", self.title),
            ("发文机关", self.issuer),
            ("地区", self.region),
            ("成文日期", self.written_date),
            ("发布日期", self.published_date),
            ("类别", self.category),
            ("关键字", "、".join(self.keywords)),
            ("来源文件", self.source),
            *(
                [
                    ("通过日期", self.law.adopted),
                    ("修订日期", "、".join(self.law.revised)),
                    ("公布日期", self.law.published),
                    ("施行日期", self.law.effective),
                ]
                if self.law is not None
                else []
            ),
        ]

    @property
    def content_hash(self) -> str:
        """Hash of everything but the id: equal hashes mean re-ingesting changes nothing."""
        # A notice that is no law hashes as it did before laws were read.
        payload = repr(
            sorted(
                (k, v)
                for k, v in asdict(self).items()
                if k != "notice_id" and not (k == "law" and v is None)
            )
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        data = dict(data)
        data["keywords"] = tuple(data.get("keywords", ()))
        data["warnings"] = tuple(data.get("warnings", ()))
        data["references"] = tuple(Reference(**r) for r in data.get("references", ()))
        if data.get("law") is not None:
            from rag.notices.law import LawHeader

            data["law"] = LawHeader.from_dict(data["law"])
        return cls(**data)


def make_notice_id(source: str, key: str) -> str:
    """Stable id from the source file name and the notice's identity (文号, else title)."""
    return hashlib.sha1(f"{source}\n{key}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class LoadedText:
    """What a loader returns: the decoded text and how it was read."""

    source: str
    path: str
    text: str
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # A web page's <title> (its site name included): a fallback for the notice's title.
    page_title: str = ""
    # Every line break is the document's own (HTML blocks and <br>, DOCX paragraphs and table
    # rows), never where a PDF's or a text file's column wrapped a sentence.
    paragraphs: bool = False


@dataclass(frozen=True)
class Chunk:
    """A passage of one notice: what is embedded, indexed and cited.

    ``start``/``end`` are character offsets into ``Notice.text`` (``text`` equals
    ``notice.text[start:end]``); ``heading_path`` is the chain of section headings above
    the passage (e.g. ("三、主要任务", "（二）积极推进…")); ``articles`` the numbers of the
    articles (第X条) whose text it holds, in text order (``rag.articles``).
    """

    chunk_id: str
    notice_id: str
    text: str
    heading_path: tuple[str, ...]
    start: int
    end: int
    token_count: int
    articles: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        data = dict(data)
        data["heading_path"] = tuple(data.get("heading_path", ()))
        data["articles"] = tuple(data.get("articles", ()))
        return cls(**data)


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with what a citation needs and how it scored."""

    rank: int
    chunk: Chunk
    doc_number: str
    title: str
    issuer: str
    date: str
    region: str
    source: str
    score: float
    dense: float | None = None
    lexical: float | None = None
    rerank: float | None = None
    routed: bool = False  # reached through a 文号 named in the query
    index: str = ""  # name of the index the passage was found in
    # The notice's validity status as of the search's date (现行有效, 已过有效期, 已废止,
    # 已修订, 尚未施行, 未知); "" when the searcher does not read validity.
    status: str = ""
    # The articles (第X条) named in the query that this passage holds, when routed to them.
    named_articles: tuple[int, ...] = ()

    @property
    def heading(self) -> str:
        return " > ".join(self.chunk.heading_path)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` shape of docs/architecture.md's search output."""
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "doc_number": self.doc_number,
            "title": self.title,
            "issuer": self.issuer,
            "date": self.date,
            "region": self.region,
            "source": self.source,
            "heading": self.heading,
            "text": self.chunk.text,
            "start": self.chunk.start,
            "end": self.chunk.end,
            "notice_id": self.chunk.notice_id,
            "chunk_id": self.chunk.chunk_id,
            "scores": {"dense": self.dense, "lexical": self.lexical, "rerank": self.rerank},
            "routed": self.routed,
            "index": self.index,
            "status": self.status,
            "named_articles": [article_label(n) for n in self.named_articles],
        }
