"""LangChain adapters: the retriever as a ``BaseRetriever``, our embedders as ``Embeddings``.

The core does not depend on LangChain; these classes sit at the edge so that chains,
agents and vector stores built with LangChain can use policy-rag's index and embedders.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, PrivateAttr

from rag.errors import InvalidQueryError
from rag.records import Hit
from rag.retrieve import Filters


def hit_document(hit: Hit) -> Document:
    """A Document whose metadata says what a citation needs and how the passage scored."""
    return Document(
        id=hit.chunk.chunk_id,
        page_content=hit.chunk.text,
        metadata={
            "doc_number": hit.doc_number,
            "title": hit.title,
            "issuer": hit.issuer,
            "date": hit.date,
            "region": hit.region,
            "source": hit.source,
            "score": hit.score,
            "rank": hit.rank,
            "heading": hit.heading,
            "notice_id": hit.chunk.notice_id,
            "chunk_id": hit.chunk.chunk_id,
            "start": hit.chunk.start,
            "end": hit.chunk.end,
            "routed": hit.routed,
            "index": hit.index,
        },
    )


def _filters(value: Filters | dict[str, Any] | None) -> Filters | None:
    if value is None or isinstance(value, Filters):
        return value
    if not isinstance(value, dict):
        raise InvalidQueryError(
            "filters 应为 rag.Filters 或字典（region/year/issuer/category），"
            f"收到 {type(value).__name__}"
        )
    unknown = set(value) - {"region", "year", "issuer", "category"}
    if unknown:
        raise InvalidQueryError(
            f"filters 中有不认识的字段 {sorted(unknown)}：可用 region、year、issuer、category"
        )
    return Filters(**value)


class PolicyRetriever(BaseRetriever):
    """policy-rag hybrid search as a LangChain retriever.

    ``PolicyRetriever(k=5)`` opens the configured index on first use (``index`` names
    another one, or several: ``"a,b"``); ``PolicyRetriever(retriever=Retriever.open(...))``
    reuses an open one.
    ``invoke(query, k=3, filters={"region": "福建"})`` overrides k and filters per call.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    k: int = Field(5, ge=1, description="Passages returned per query")
    filters: dict[str, Any] | None = Field(
        None, description="region / year / issuer / category restrictions"
    )
    index: str | None = Field(
        None, description='Index name, or several ("a,b"); None = the configured default'
    )
    retriever: Any = Field(None, exclude=True, description="An open rag.retrieve.Retriever")
    _opened: Any = PrivateAttr(None)

    def _core(self) -> Any:
        if self.retriever is not None:
            return self.retriever
        if self._opened is None:
            from rag.fused import open_searcher

            self._opened = open_searcher(self.index)
        return self._opened

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        filters: Filters | dict[str, Any] | None = None,
    ) -> list[Document]:
        result = self._core().search(
            query,
            k=self.k if k is None else k,
            filters=_filters(filters if filters is not None else self.filters),
        )
        return [hit_document(h) for h in result.hits]


class PolicyEmbeddings(Embeddings):
    """A rag embedder (``"hash"``, ``"default"``, ``"st:<path>"``…, or an instance) for LangChain.

    Vectors are L2-normalised, so LangChain's cosine and inner-product stores agree.
    """

    def __init__(self, embedder: Any = "default") -> None:
        self.spec = embedder if isinstance(embedder, str) else getattr(embedder, "id", "")
        self._embedder = None if isinstance(embedder, str) else embedder

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from rag.embeddings import make_embedder

            self._embedder = make_embedder(self.spec)
        return self._embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        matrix = np.asarray(self.embedder.embed_documents(list(texts)), dtype=np.float32)
        return matrix.astype(np.float64).tolist()

    def embed_query(self, text: str) -> list[float]:
        vector = np.asarray(self.embedder.embed_query(text), dtype=np.float32)
        return vector.astype(np.float64).tolist()
