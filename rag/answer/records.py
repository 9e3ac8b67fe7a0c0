"""What the answer stage hands around: citations, answers, drafts, and the seams it is
built on (a ``Generator`` drafts, a ``Searcher`` retrieves)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from rag.records import Chunk, Hit, Notice

if TYPE_CHECKING:
    import numpy as np

    from rag.config import Settings
    from rag.ranking import Fusion
    from rag.retrieve import Filters, SearchResult, Standing

EXTRACTIVE = "extractive"
REFUSAL_LEAD = "现有通知中没有找到能回答这个问题的内容。"


@dataclass(frozen=True)
class Citation:
    """One numbered source of an answer: the notice and the verbatim passage quoted."""

    n: int
    doc_number: str
    title: str
    issuer: str
    date: str
    source: str
    quote: str
    notice_id: str
    chunk_id: str
    start: int  # offsets of ``quote`` in the notice's full text
    end: int
    index: str = ""  # name of the index the cited passage was found in
    # The notice's validity status as of the question's date (现行有效, 已过有效期, …).
    status: str = ""
    # The article (第X条) the quote comes from, when the notice is a 办法 / 条例 / 法 … with
    # numbered articles; "" otherwise.
    article: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def label(self) -> str:
        """文号 or 无文号 (with the article quoted, 第十条), title, issuer, date: what a
        reader needs to find the passage."""
        where = f"{self.doc_number or '无文号'}{' ' + self.article if self.article else ''}"
        return f"{where}《{self.title}》{self.issuer} {self.date}".strip()


@dataclass
class Answer:
    """A grounded answer, or a refusal with the closest notices."""

    question: str
    standalone: str
    text: str
    citations: list[Citation]
    refused: bool
    reason: str
    hits: list[Hit]
    closest: list[dict[str, str]] = field(default_factory=list)
    generator: str = EXTRACTIVE
    notes: list[str] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)
    support: float = 0.0
    # What support was made of: ``words`` (idf share of the question's words in the best
    # passage), ``dense`` (top passage cosine, None without dense scores) and ``named_docno``
    # (True: routed to a 文号 the question names; "mentioned": no notice carries it but
    # passages quote it; False: the index holds it nowhere).
    support_parts: dict[str, Any] = field(default_factory=dict)
    # What the question pins down that the cited evidence does not meet (constraints.Unmet
    # as dicts: kind, wanted, message); a refusal for that reason keeps its citations as
    # the nearest evidence, labelled as such.
    unmet: list[dict[str, str]] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The `rag ask --json` shape of docs/architecture.md, plus what was checked."""
        return {
            "question": self.question,
            "standalone": self.standalone,
            "answer": self.text,
            "citations": [c.to_dict() for c in self.citations],
            "refused": self.refused,
            "reason": self.reason,
            "closest": self.closest,
            "generator": self.generator,
            "notes": self.notes,
            "checks": self.checks,
            "support": round(self.support, 4),
            "support_parts": self.support_parts,
            "unmet": self.unmet,
            "hits": [h.to_dict() for h in self.hits],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


@dataclass
class Draft:
    """What a generator proposes: text with [n] markers (n = 1-based hit number) and quotes."""

    text: str
    quotes: dict[int, str] = field(default_factory=dict)
    refused: bool = False
    generator: str = EXTRACTIVE
    notes: list[str] = field(default_factory=list)


class Generator(Protocol):
    """Drafts an answer from numbered passages; the Answerer verifies it."""

    id: str

    def generate(self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Draft:
        """A draft answer to ``question`` citing ``hits`` by 1-based number."""
        ...

    def stream(
        self, question: str, hits: Sequence[Hit], notices: Mapping[str, Notice]
    ) -> Iterator[str | Draft]:
        """Text deltas as they are produced, then the complete Draft."""
        ...


class Searcher(Protocol):
    """What the Answerer needs of a retriever (``rag.retrieve.Retriever`` is one)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def chunks(self) -> Sequence[Chunk]:
        """Every passage of the index, in index order."""
        ...

    @property
    def notices(self) -> Mapping[str, Notice]:
        """The index's notices by notice_id."""
        ...

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        *,
        fusion: Fusion | None = None,
    ) -> SearchResult:
        """Ranked passages for ``query``, ordered as ``fusion`` says (``rag.ranking``)."""
        ...


@runtime_checkable
class PlaceStanding(Protocol):
    """A searcher that tells how one region's notices stand for a query against the whole
    index (``rag.retrieve.Retriever`` is one). Over a searcher without it, support reads the
    cosine as it does for a question that asks of no place."""

    def standing(self, qvec: np.ndarray, region: str) -> Standing | None:
        """How ``region``'s best passage for the query embedding stands against the index's."""
        ...


def hit_of(notice: Notice, chunk: Chunk, status: str = "") -> Hit:
    """A passage of ``notice`` the search did not return, as a hit (no score of its own)."""
    return Hit(
        rank=0,
        chunk=chunk,
        doc_number=notice.doc_number,
        title=notice.title,
        issuer=notice.issuer,
        date=notice.date,
        region=notice.region,
        source=notice.source,
        score=0.0,
        status=status,
    )
