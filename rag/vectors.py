"""The vector store of an index: FAISS (flat, HNSW, IVF-PQ) on one machine, or Milvus.

Every store holds L2-normalised float32 rows whose ids are their row numbers (the chunk's
position in ``chunks.jsonl``) and ranks by inner product, i.e. cosine. A store is built
from the whole matrix, saved into the index folder being written, and described in the
manifest's ``vectors.store`` section; :func:`open_vectors` reads that record back, so an
index is always searched with the kind of store that built it.

* ``FaissVectors`` – ``vectors.faiss`` in the index folder. ``flat`` (``IndexFlatIP``, exact,
  the default and the layout of every older index), ``hnsw`` (``IndexHNSWFlat``) or
  ``ivfpq`` (``IndexIVFPQ`` whose candidates are re-scored exactly by ``IndexRefineFlat``).
  The recorded type wins over the configured one (it is in the file); query-time settings
  (``hnsw_ef_search``, ``ivf_nprobe``) always come from the configuration.
* ``MilvusVectors`` – a Milvus collection through pymilvus: a milvus-lite database inside
  the index folder by default (``milvus.db``), or a Milvus server (a cluster) named by
  ``milvus_uri``. Each build writes a new collection and the manifest names it, so the swap
  stays atomic; the previous build's collection on a server is dropped after the swap.

Filtered search keeps only the allowed rows *inside* the index search (FAISS ``IDSelector``
search parameters; a Milvus ``id in [...]`` filter expression), so a restrictive filter
still returns the best allowed rows instead of an emptied top k. On HNSW and IVF-PQ a filter
that leaves few rows (≤ 20,000) is scored exactly over those rows instead, since a graph or
list walk that visits a small part of the index can miss most of them.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
import uuid
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from rag.errors import ConfigError, IndexCorruptError

log = logging.getLogger("rag.vectors")

FAISS_FILE = "vectors.faiss"
MILVUS_FILE = "milvus.db"
FAISS_TYPES = ("flat", "hnsw", "ivfpq")
BACKENDS = ("faiss", "milvus")
# k-means wants about this many training points per centroid (FAISS warns below it).
_POINTS_PER_CENTROID = 39
# A filter that leaves at most this many rows is searched exactly over those rows.
_EXACT_FILTER_ROWS = 20000


@runtime_checkable
class VectorStore(Protocol):
    """What the index needs from a vector store."""

    backend: str

    @property
    def ntotal(self) -> int:
        """How many vectors the store holds (ids 0 … ntotal-1)."""
        ...

    def build(self, vectors: np.ndarray) -> None:
        """Index an ``(n, d)`` float32 matrix of normalised rows; row i gets id i."""
        ...

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Top k by inner product for each query row: ``(scores, ids)``, each ``(nq, k)``.

        ``allowed`` restricts the result to some ids: a boolean mask over all ids or an array
        of ids. Missing results (fewer than k allowed rows) have id -1.
        """
        ...

    def save(self, folder: Path) -> None:
        """Write the store into ``folder`` (the index folder being committed)."""
        ...

    def describe(self) -> dict[str, Any]:
        """The manifest record from which :func:`open_vectors` reopens this store."""
        ...

    def close(self) -> None: ...


def _as_matrix(vectors: np.ndarray, dimension: int) -> np.ndarray:
    matrix = np.ascontiguousarray(vectors, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    if matrix.ndim != 2 or matrix.shape[1] != dimension:
        raise ValueError(f"expected vectors of shape (n, {dimension}), got {matrix.shape}")
    return matrix


def _faiss() -> Any:
    """The faiss module, imported on first use (``import rag`` stays fast), untyped."""
    import faiss

    return faiss


def _canonical(scores: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row ordered by score, equal scores (to 5 decimals) by id, missing (-1) last.

    Chunks with the same text (a notice repeated in two compilations) have identical
    vectors; backends break such ties differently and differ in the last float bits, so a
    fixed order makes every backend return the same ranking.
    """
    key_score = np.where(ids >= 0, -np.round(scores.astype(np.float64), 5), np.inf)
    key_id = np.where(ids >= 0, ids, np.iinfo(np.int64).max)
    order = np.lexsort((key_id, key_score), axis=1)
    return np.take_along_axis(scores, order, axis=1), np.take_along_axis(ids, order, axis=1)


def _allowed_ids(allowed: np.ndarray | None) -> np.ndarray | None:
    if allowed is None:
        return None
    allowed = np.asarray(allowed)
    if allowed.dtype == bool:
        return np.flatnonzero(allowed).astype(np.int64)
    return np.unique(allowed.astype(np.int64))


# --------------------------------------------------------------------------------------
# FAISS
# --------------------------------------------------------------------------------------


def ann_parameters(settings: Any) -> dict[str, Any]:
    """The HNSW / IVF / PQ parameters of the settings, shared by every store that has them."""
    return {
        "hnsw_m": settings.hnsw_m,
        "hnsw_ef_construction": settings.hnsw_ef_construction,
        "hnsw_ef_search": settings.hnsw_ef_search,
        "ivf_nlist": settings.ivf_nlist,
        "ivf_nprobe": settings.ivf_nprobe,
        "pq_m": settings.pq_m,
    }


class FaissVectors:
    """A FAISS index in ``vectors.faiss``: flat (exact), HNSW or IVF-PQ with exact refine."""

    backend = "faiss"

    def __init__(
        self,
        dimension: int,
        index_type: str = "flat",
        *,
        hnsw_m: int = 32,
        hnsw_ef_construction: int = 200,
        hnsw_ef_search: int = 512,
        ivf_nlist: int = 1024,
        ivf_nprobe: int = 32,
        pq_m: int = 96,
        refine_factor: int = 256,
    ) -> None:
        if index_type not in FAISS_TYPES:
            raise ConfigError(
                f"faiss_index={index_type!r} 无效：应为 {' / '.join(FAISS_TYPES)} 之一"
            )
        self.dimension = dimension
        self.index_type = index_type
        self.configured = index_type  # index_type may fall back to flat for tiny corpora
        self.hnsw_m = hnsw_m
        self.hnsw_ef_construction = hnsw_ef_construction
        self.hnsw_ef_search = hnsw_ef_search
        self.ivf_nlist = ivf_nlist
        self.ivf_nprobe = ivf_nprobe
        self.pq_m = pq_m
        self.pq_bits = 8
        self.refine_factor = refine_factor
        self.notes: list[str] = []
        self.index: Any = None
        self._parts: tuple[Any, ...] = ()

    @classmethod
    def from_settings(cls, settings: Any, dimension: int) -> FaissVectors:
        return cls(
            dimension,
            settings.faiss_index,
            refine_factor=settings.ivf_refine_factor,
            **ann_parameters(settings),
        )

    @property
    def ntotal(self) -> int:
        return 0 if self.index is None else int(self.index.ntotal)

    # -- build ---------------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        self.notes.append(message)
        log.warning(message)

    def _pq_m_for(self, d: int) -> int:
        """The sub-quantizer count nearest the setting that divides d."""
        divisors = [m for m in range(1, d + 1) if d % m == 0]
        return min(divisors, key=lambda m: (abs(m - self.pq_m), m))

    def _new_index(self, n: int) -> Any:
        faiss = _faiss()

        d = self.dimension
        if self.index_type == "hnsw":
            index = faiss.IndexHNSWFlat(d, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = self.hnsw_ef_construction
            index.hnsw.efSearch = self.hnsw_ef_search
            return index
        if self.index_type == "ivfpq":
            # Product-quantizer codebooks need 2^bits centroids per sub-space and the coarse
            # quantizer nlist lists, each with enough training points: a small corpus gets
            # smaller ones (it is searched about as fast either way).
            bits = min(8, int(math.log2(max(n // _POINTS_PER_CENTROID, 1))))
            if bits < 4:
                self._warn(
                    f"只有 {n} 个向量，不足以训练 IVF-PQ"
                    f"（至少需要 {16 * _POINTS_PER_CENTROID} 个），已改用精确的 flat 索引"
                )
                self.index_type = "flat"
                return faiss.IndexFlatIP(d)
            nlist = max(1, min(self.ivf_nlist, n // _POINTS_PER_CENTROID))
            m = self._pq_m_for(d)
            if nlist != self.ivf_nlist or bits != 8 or m != self.pq_m:
                self._warn(
                    f"{n} 个向量：IVF-PQ 参数调整为 nlist={nlist}、pq_m={m}、每段 {bits} 位"
                    f"（配置为 nlist={self.ivf_nlist}、pq_m={self.pq_m}、8 位）"
                )
            self.ivf_nlist, self.pq_m, self.pq_bits = nlist, m, bits
            quantizer = faiss.IndexFlatIP(d)
            ivf = faiss.IndexIVFPQ(quantizer, d, nlist, m, bits, faiss.METRIC_INNER_PRODUCT)
            refine = faiss.IndexRefineFlat(ivf)
            # The refine index does not own its base: keep the parts alive with the store.
            self._parts = (quantizer, ivf)
            return refine
        return faiss.IndexFlatIP(d)

    def _training_sample(self, matrix: np.ndarray) -> np.ndarray:
        """Enough rows for k-means (≈64 per coarse list), drawn evenly, not the whole set."""
        want = max(64 * self.ivf_nlist, 64 * (1 << self.pq_bits))
        if len(matrix) <= want:
            return matrix
        picked = np.random.default_rng(0).choice(len(matrix), size=want, replace=False)
        return matrix[np.sort(picked)]

    def build(self, vectors: np.ndarray) -> None:
        matrix = _as_matrix(vectors, self.dimension)
        index = self._new_index(len(matrix))
        if len(matrix):
            if not index.is_trained:
                index.train(self._training_sample(matrix))
            index.add(matrix)
        self.index = index

    # -- search --------------------------------------------------------------------------

    def _params(self, selector: Any, k: int) -> Any:
        faiss = _faiss()

        if self.index_type == "hnsw":
            return faiss.SearchParametersHNSW(efSearch=max(self.hnsw_ef_search, 1), sel=selector)
        if self.index_type == "ivfpq":
            base = faiss.SearchParametersIVF(nprobe=max(self.ivf_nprobe, 1), sel=selector)
            # min(k, 10) × factor candidates: the top 10 is re-scored as thoroughly at any k,
            # and a deep pool (the retriever asks for 100) does not multiply the cost.
            factor = max(1.0, self.refine_factor * min(k, 10) / k)
            return faiss.IndexRefineSearchParameters(k_factor=factor, base_index_params=base)
        return None if selector is None else faiss.SearchParameters(sel=selector)

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        faiss = _faiss()

        q = _as_matrix(queries, self.dimension)
        ids = _allowed_ids(allowed)
        if self.index is None or self.ntotal == 0 or k <= 0 or (ids is not None and not len(ids)):
            return (
                np.full((len(q), max(k, 0)), -np.inf, dtype=np.float32),
                np.full((len(q), max(k, 0)), -1, dtype=np.int64),
            )
        if ids is not None and self.index_type != "flat" and len(ids) <= _EXACT_FILTER_ROWS:
            return self._search_exact(q, k, ids[ids < self.ntotal])
        selector = None
        if ids is not None:
            # A bitmap selector costs ntotal/8 bytes; a batch selector hashes the ids.
            if len(ids) * 8 > self.ntotal:
                bitmap = np.zeros(self.ntotal, dtype=bool)
                bitmap[ids[ids < self.ntotal]] = True
                packed = np.packbits(bitmap, bitorder="little")
                selector = faiss.IDSelectorBitmap(self.ntotal, faiss.swig_ptr(packed))
                selector._packed = packed  # keep the buffer alive while the selector is used
            else:
                selector = faiss.IDSelectorBatch(ids)
        scores, found = self.index.search(q, k, params=self._params(selector, k))
        return _canonical(scores, found)

    def _search_exact(
        self, q: np.ndarray, k: int, ids: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Score every allowed row exactly: a graph or list walk that skips most rows can
        miss allowed ones, while a few thousand dot products cost well under a millisecond."""
        rows = self.index.reconstruct_batch(ids)
        sims = q @ rows.T
        scores = np.full((len(q), k), -np.inf, dtype=np.float32)
        found = np.full((len(q), k), -1, dtype=np.int64)
        take = min(k, len(ids))
        best = np.argsort(-sims, axis=1, kind="stable")[:, :take]
        scores[:, :take] = np.take_along_axis(sims, best, axis=1)
        found[:, :take] = ids[best]
        return _canonical(scores, found)

    # -- files ---------------------------------------------------------------------------

    def save(self, folder: Path) -> None:
        faiss = _faiss()

        faiss.write_index(self.index, str(Path(folder) / FAISS_FILE))

    @classmethod
    def load(cls, folder: Path, record: dict[str, Any], settings: Any) -> FaissVectors:
        faiss = _faiss()

        path = Path(folder) / record.get("file", FAISS_FILE)
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexCorruptError(
                f"{path} 无法读取（{exc}）。请运行：rag index --index {Path(folder).name} --rebuild"
            ) from exc
        found = _faiss_type(index)
        store = cls(int(index.d), found)
        store.hnsw_ef_search = settings.hnsw_ef_search
        store.ivf_nprobe = settings.ivf_nprobe
        store.refine_factor = settings.ivf_refine_factor
        if found == "hnsw":
            store.hnsw_m = record.get("params", {}).get("hnsw_m", store.hnsw_m)
        if found == "ivfpq":
            base = faiss.downcast_index(index.base_index)
            store.ivf_nlist, store.pq_m = int(base.nlist), int(base.pq.M)
            store.pq_bits = int(base.pq.nbits)
        store.index = index
        store.configured = record.get("configured", found)
        if settings.faiss_index not in (found, store.configured):
            store.notes.append(
                f"索引 '{Path(folder).name}' 按 {found} 类型构建，配置为 {settings.faiss_index}："
                f"使用 {found}（要改用 {settings.faiss_index} 请运行 rag index --rebuild）"
            )
        return store

    def describe(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.index_type == "hnsw":
            params = {"hnsw_m": self.hnsw_m, "hnsw_ef_construction": self.hnsw_ef_construction}
        elif self.index_type == "ivfpq":
            params = {"ivf_nlist": self.ivf_nlist, "pq_m": self.pq_m, "pq_bits": self.pq_bits}
        return {
            "backend": "faiss",
            "type": self.index_type,
            "configured": self.configured,
            "class": type(self.index).__name__ if self.index is not None else "",
            "file": FAISS_FILE,
            "params": params,
            "ntotal": self.ntotal,
        }

    def close(self) -> None:
        return None


def _faiss_type(index: Any) -> str:
    faiss = _faiss()

    if isinstance(index, faiss.IndexHNSW):
        return "hnsw"
    if isinstance(index, (faiss.IndexRefine, faiss.IndexIVF)):
        return "ivfpq"
    return "flat"


# --------------------------------------------------------------------------------------
# Milvus
# --------------------------------------------------------------------------------------

_MILVUS_INDEX = {"flat": "FLAT", "hnsw": "HNSW", "ivfpq": "IVF_PQ"}
_MILVUS_LITE_INDEX = {"flat": "FLAT", "hnsw": "HNSW", "ivfpq": "IVF_FLAT"}
# Longest ``id in [...]`` list sent in one filter expression; wider filters are inverted
# (``id not in [...]``) or, failing that, searched unfiltered with a larger k and cut here.
_MAX_FILTER_IDS = 20000


def _is_lite(uri: str) -> bool:
    return not uri or uri.endswith(".db")


def _collection_prefix(index_name: str) -> str:
    return f"policy_rag_{hashlib.sha1(index_name.encode('utf-8')).hexdigest()[:8]}_"


def _collection_name(index_name: str) -> str:
    """A new collection per build: index-name hash, time, random suffix (Milvus-safe)."""
    stamp = time.strftime("%Y%m%d%H%M%S")
    return f"{_collection_prefix(index_name)}{stamp}_{uuid.uuid4().hex[:6]}"


class MilvusVectors:
    """A Milvus collection (id INT64 primary key = row number, vector FLOAT_VECTOR, IP).

    ``uri`` empty means a milvus-lite database ``milvus.db`` inside the index folder; an
    ``http(s)://host:19530`` URI means a Milvus server, where the collection lives.
    """

    backend = "milvus"

    def __init__(
        self,
        dimension: int,
        *,
        uri: str = "",
        token: str = "",
        index_name: str = "default",
        index_type: str = "flat",
        hnsw_m: int = 32,
        hnsw_ef_construction: int = 200,
        hnsw_ef_search: int = 512,
        ivf_nlist: int = 1024,
        ivf_nprobe: int = 32,
        pq_m: int = 96,
        collection: str = "",
        folder: Path | None = None,
    ) -> None:
        self.dimension = dimension
        self.uri = uri
        self.token = token
        self.index_type = index_type
        self.hnsw_m = hnsw_m
        self.hnsw_ef_construction = hnsw_ef_construction
        self.hnsw_ef_search = hnsw_ef_search
        self.ivf_nlist = ivf_nlist
        self.ivf_nprobe = ivf_nprobe
        self.pq_m = pq_m
        self.collection = collection or _collection_name(index_name)
        self.folder = folder
        self.notes: list[str] = []
        self._ntotal = 0
        self._client: Any = None
        self._pending: np.ndarray | None = None

    @classmethod
    def from_settings(cls, settings: Any, dimension: int, index_name: str) -> MilvusVectors:
        return cls(
            dimension,
            uri=settings.milvus_uri,
            token=settings.milvus_token,
            index_name=index_name,
            index_type=settings.faiss_index,
            **ann_parameters(settings),
        )

    @property
    def ntotal(self) -> int:
        return self._ntotal

    @property
    def lite(self) -> bool:
        return _is_lite(self.uri)

    def _connect(self, folder: Path | None = None) -> Any:
        try:
            from pymilvus import MilvusClient
        except ImportError as exc:
            raise ConfigError(
                "vector_backend=milvus 需要 pymilvus 与 milvus-lite：请运行 "
                "pip install -e '.[milvus]'，或把 RAG_VECTOR_BACKEND 设回 faiss"
            ) from exc
        uri = str(Path(folder or self.folder or ".") / MILVUS_FILE) if self.lite else self.uri
        try:
            return MilvusClient(uri=uri, token=self.token)
        except Exception as exc:  # pymilvus raises its own exception types for any failure
            raise ConfigError(
                f"无法连接 Milvus（{uri}）：{exc}。请检查 RAG_MILVUS_URI，或把 "
                "RAG_VECTOR_BACKEND 设回 faiss"
            ) from exc

    def _index_params(self, client: Any) -> Any:
        table = _MILVUS_LITE_INDEX if self.lite else _MILVUS_INDEX
        kind = table.get(self.index_type, "FLAT")
        params: dict[str, Any] = {}
        if kind == "HNSW":
            params = {"M": self.hnsw_m, "efConstruction": self.hnsw_ef_construction}
        elif kind.startswith("IVF"):
            params = {"nlist": max(1, min(self.ivf_nlist, self._ntotal // _POINTS_PER_CENTROID))}
            if kind == "IVF_PQ":
                params.update(m=self.pq_m, nbits=8)
        index_params = client.prepare_index_params()
        index_params.add_index(
            field_name="vector", index_type=kind, metric_type="IP", params=params
        )
        return index_params

    def _search_params(self) -> dict[str, Any]:
        params: dict[str, Any] = {}
        if self.index_type == "hnsw":
            params = {"ef": self.hnsw_ef_search}
        elif self.index_type == "ivfpq":
            params = {"nprobe": self.ivf_nprobe}
        return {"metric_type": "IP", "params": params}

    def build(self, vectors: np.ndarray) -> None:
        # The data is written in save(): a milvus-lite database belongs in the folder being
        # committed, and a server collection is only created once the build succeeded.
        self._pending = _as_matrix(vectors, self.dimension)
        self._ntotal = len(self._pending)

    def save(self, folder: Path) -> None:
        from pymilvus import DataType

        if self._pending is None:
            raise RuntimeError("MilvusVectors.save() before build()")
        client = self._connect(folder)
        try:
            if client.has_collection(self.collection):
                client.drop_collection(self.collection)
            schema = client.create_schema(auto_id=False, enable_dynamic_field=False)
            schema.add_field("id", DataType.INT64, is_primary=True)
            schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dimension)
            client.create_collection(
                self.collection, schema=schema, index_params=self._index_params(client)
            )
            batch = 2000
            for start in range(0, len(self._pending), batch):
                rows = self._pending[start : start + batch]
                client.insert(
                    self.collection,
                    [{"id": start + i, "vector": row.tolist()} for i, row in enumerate(rows)],
                )
            client.flush(self.collection)
            stored = int(client.get_collection_stats(self.collection).get("row_count", -1))
            if stored != len(self._pending):
                raise IndexCorruptError(
                    f"Milvus 集合 {self.collection} 写入了 {stored} 个向量，"
                    f"应为 {len(self._pending)}"
                )
        finally:
            client.close()
            if self.lite:
                _release_lite(Path(folder) / MILVUS_FILE)

    @classmethod
    def load(
        cls, folder: Path, record: dict[str, Any], settings: Any, index_name: str
    ) -> MilvusVectors:
        recorded_uri = record.get("uri", "")
        if (recorded_uri or "") != (settings.milvus_uri or ""):
            where = recorded_uri or f"{MILVUS_FILE}（milvus-lite，索引目录内）"
            raise ConfigError(
                f"索引 '{index_name}' 的向量存放在 Milvus {where}，当前配置 RAG_MILVUS_URI="
                f"{settings.milvus_uri!r}：请把 RAG_MILVUS_URI 设回 {recorded_uri!r}，"
                f"或运行 rag index --index {index_name} --rebuild"
            )
        store = cls(
            int(record["dimension"]),
            uri=recorded_uri,
            token=settings.milvus_token,
            index_name=index_name,
            index_type=record.get("type", "flat"),
            hnsw_ef_search=settings.hnsw_ef_search,
            ivf_nprobe=settings.ivf_nprobe,
            collection=record["collection"],
            folder=Path(folder),
        )
        store._ntotal = int(record.get("ntotal", 0))
        client = store._connect()
        if not client.has_collection(store.collection):
            client.close()
            raise IndexCorruptError(
                f"Milvus 中没有索引 '{index_name}' 的集合 {store.collection}。"
                f"请运行：rag index --index {index_name} --rebuild"
            )
        client.load_collection(store.collection)
        store._client = client
        return store

    def search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        q = _as_matrix(queries, self.dimension)
        ids = _allowed_ids(allowed)
        scores = np.full((len(q), max(k, 0)), -np.inf, dtype=np.float32)
        found = np.full((len(q), max(k, 0)), -1, dtype=np.int64)
        if self._client is None or k <= 0 or (ids is not None and not len(ids)):
            return scores, found
        expr = ""
        limit = k
        if ids is not None and len(ids) < self._ntotal:
            if len(ids) <= _MAX_FILTER_IDS:
                expr = f"id in [{', '.join(str(int(i)) for i in ids)}]"
            else:
                excluded = np.setdiff1d(np.arange(self._ntotal), ids)
                if len(excluded) <= _MAX_FILTER_IDS:
                    expr = f"id not in [{', '.join(str(int(i)) for i in excluded)}]"
        # Milvus caps top k at 16384.
        limit = min(limit, 16384)
        result = self._client.search(
            self.collection,
            data=q.tolist(),
            limit=limit,
            filter=expr,
            anns_field="vector",
            search_params=self._search_params(),
            output_fields=["id"],
        )
        for row, hits in enumerate(result):
            for col, hit in enumerate(hits[:k]):
                found[row, col] = int(hit["id"])
                scores[row, col] = float(hit["distance"])
        return _canonical(scores, found)

    def describe(self) -> dict[str, Any]:
        return {
            "backend": "milvus",
            "type": self.index_type,
            "uri": self.uri,
            "collection": self.collection,
            "file": MILVUS_FILE if self.lite else "",
            "dimension": self.dimension,
            "ntotal": self._ntotal,
        }

    def drop(self) -> None:
        """Remove this collection from a Milvus server (a lite database goes with its folder)."""
        if self.lite:
            return
        client = self._client or self._connect()
        try:
            if client.has_collection(self.collection):
                client.drop_collection(self.collection)
        finally:
            if client is not self._client:
                client.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
            if self.lite and self.folder is not None:
                _release_lite(self.folder / MILVUS_FILE)


def _release_lite(path: Path) -> None:
    """Stop the in-process milvus-lite server of ``path`` so its files are complete."""
    try:
        from milvus_lite.server_manager import server_manager_instance
    except ImportError:
        return
    server_manager_instance.release_server(str(path))


# --------------------------------------------------------------------------------------
# Choosing and reopening a store
# --------------------------------------------------------------------------------------


def create_vectors(settings: Any, dimension: int, index_name: str) -> VectorStore:
    """A new, empty store of the configured backend and type."""
    if settings.vector_backend == "milvus":
        return MilvusVectors.from_settings(settings, dimension, index_name)
    return FaissVectors.from_settings(settings, dimension)


def recorded_store(built: dict[str, Any]) -> dict[str, Any]:
    """The manifest's store record; indexes written before there was one are flat FAISS."""
    store = built.get("store")
    if isinstance(store, dict) and store.get("backend"):
        return store
    return {"backend": "faiss", "type": "flat", "class": "IndexFlatIP", "file": FAISS_FILE}


STORE_FILES = (FAISS_FILE, MILVUS_FILE)
"""Files of the index folder that hold vectors (produced anew by every build)."""


def vectors_present(folder: Path, record: dict[str, Any]) -> bool:
    """Whether the index folder holds the recorded store's file (a server is not asked)."""
    name = record.get("file", FAISS_FILE)
    return (Path(folder) / name).exists() if name else True


def retire(old: dict[str, Any], new: dict[str, Any], folder: Path, settings: Any) -> None:
    """After a rebuild of the index at ``folder``, let go of the previous build's store.

    An in-process milvus-lite server still serving the replaced ``milvus.db`` is stopped (a
    later open starts one on the new file); a Milvus server drops the old collection.
    """
    if old.get("backend") != "milvus":
        return
    if _is_lite(old.get("uri", "")):
        _release_lite(Path(folder) / MILVUS_FILE)
        return
    if old.get("collection") == new.get("collection"):
        return
    # A copied index (e.g. an uploads index) points at its source's collection: only a
    # collection this index created is dropped.
    if not str(old.get("collection", "")).startswith(_collection_prefix(Path(folder).name)):
        return
    try:
        stale = MilvusVectors(
            int(old.get("dimension", 0)),
            uri=old["uri"],
            token=settings.milvus_token,
            collection=old["collection"],
        )
        stale.drop()
    except Exception as exc:  # the new index is in place; a leftover collection is harmless
        log.warning("旧的 Milvus 集合 %s 未能删除（%s），可手动删除", old.get("collection"), exc)


def config_matches(record: dict[str, Any], settings: Any) -> bool:
    """Whether the recorded store is what the settings would build now."""
    if record.get("backend", "faiss") != settings.vector_backend:
        return False
    if record.get("configured", record.get("type", "flat")) != settings.faiss_index:
        return False
    if record.get("backend") == "milvus" and record.get("uri", "") != settings.milvus_uri:
        return False
    params = record.get("params", {})
    wanted: dict[str, Any] = {}
    if settings.faiss_index == "hnsw":
        wanted = {"hnsw_m": settings.hnsw_m, "hnsw_ef_construction": settings.hnsw_ef_construction}
    return all(params.get(k, v) == v for k, v in wanted.items())


def open_vectors(
    folder: Path, built: dict[str, Any], settings: Any, index_name: str
) -> VectorStore:
    """Reopen the store recorded in the manifest section ``built``.

    The recorded FAISS type wins over ``faiss_index`` (a note says so); a different backend
    than the configured one is a ConfigError, since searching another store would silently
    return other results.
    """
    record = recorded_store(built)
    backend = record.get("backend", "faiss")
    if backend != settings.vector_backend:
        raise ConfigError(
            f"索引 '{index_name}' 的向量存放在 {backend}，当前配置 vector_backend="
            f"{settings.vector_backend}：请运行 rag index --index {index_name} --rebuild "
            f"以 {settings.vector_backend} 重建，或把 RAG_VECTOR_BACKEND 设回 {backend}"
        )
    if backend == "milvus":
        record = {**record, "dimension": record.get("dimension", built.get("dimension"))}
        return MilvusVectors.load(folder, record, settings, index_name)
    return FaissVectors.load(folder, record, settings)
