"""The on-disk embedding cache and the embeddings shipped for the bundled corpus."""

from __future__ import annotations

import hashlib
import io
import json
import re
import threading
import time
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embeddings.base import Embedder, ProgressCallback, _check_output, _normalise_rows
from rag.store import atomic_write_bytes

# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def text_key(text: str) -> str:
    """Cache key of a text: sha256 of its UTF-8 bytes (lone surrogates escaped)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _npy_bytes(matrix: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, matrix, allow_pickle=False)
    return buffer.getvalue()


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=None).encode("utf-8")


class EmbeddingCache:
    """Embeddings on disk, keyed by (embedder id, sha256 of the text).

    Layout under ``root``: one folder per embedder id (a readable slug plus a hash of the
    id) holding ``meta.json`` and shards ``<name>.npy`` (float32 matrix, ``allow_pickle``
    off) + ``<name>.json`` (the key of each row). Every file is written to a temporary file
    and moved into place; a shard counts only once its ``.json`` exists, so an interrupted
    write leaves nothing half-read. Unreadable or inconsistent shards are deleted with a
    warning (``RuntimeWarning``, also appended to :attr:`warnings`) and their texts are
    simply embedded again. Many small shards are merged once there are more than
    ``max_shards``.

    ``shipped`` names read-only folders of shipped embeddings (see :func:`write_shipped`),
    consulted after ``root`` for texts it lacks: the bundled corpus's vectors ship with the
    repository, so a fresh machine embeds only what the corpus gained since. A shipped file
    that cannot be read is skipped with a warning and never modified.
    """

    FORMAT = 1

    def __init__(
        self, root: str | Path, *, max_shards: int = 32, shipped: Sequence[str | Path] = ()
    ) -> None:
        self.root = Path(root)
        self.max_shards = max_shards
        self.shipped = [Path(p) for p in shipped]
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        # folder -> shard name -> (keys, matrix); shards are immutable once written.
        self._loaded: dict[Path, dict[str, tuple[list[str], np.ndarray]]] = {}
        # shipped file -> (key -> row, float32 matrix), read once.
        self._shipped: dict[Path, tuple[dict[str, int], np.ndarray]] = {}

    @staticmethod
    def slug(embedder_id: str) -> str:
        """File-system name for an embedder id: a readable part plus a hash of the id."""
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id).strip("._")[:60] or "embedder"
        digest = hashlib.sha256(embedder_id.encode("utf-8")).hexdigest()[:12]
        return f"{slug}-{digest}"

    def folder(self, embedder_id: str) -> Path:
        return self.root / self.slug(embedder_id)

    def _shipped_layers(
        self, embedder_id: str, dimension: int
    ) -> list[tuple[dict[str, int], np.ndarray]]:
        layers = []
        for base in self.shipped:
            path = shipped_file(base, embedder_id)
            if path not in self._shipped:
                if not path.is_file():
                    continue
                try:
                    self._shipped[path] = read_shipped(path, embedder_id, dimension)
                except ValueError as exc:
                    self._warn(f"随附的嵌入文件 {path} 无法使用（{exc}），已忽略，将重新计算")
                    self._shipped[path] = ({}, np.zeros((0, dimension), dtype=np.float32))
            layers.append(self._shipped[path])
        return layers

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        warnings.warn(message, RuntimeWarning, stacklevel=4)

    def _drop(self, folder: Path, name: str, reason: str) -> None:
        self._warn(f"嵌入缓存文件 {folder / name}.npy 已损坏（{reason}），已删除，将重新计算")
        for suffix in (".npy", ".json"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
        self._loaded.get(folder, {}).pop(name, None)

    def _read_shard(self, folder: Path, name: str, dimension: int) -> None:
        key_file = folder / f"{name}.json"
        try:
            keys = json.loads(key_file.read_text(encoding="utf-8"))
            matrix = np.load(folder / f"{name}.npy", allow_pickle=False)
        except FileNotFoundError:
            # Merged away by another process between listing and reading (the key list
            # goes first), unless the key list is still there without its matrix.
            if key_file.exists():
                self._drop(folder, name, "缺少 .npy 文件")
            return
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self._drop(folder, name, f"{type(exc).__name__}: {exc}")
            return
        if (
            not isinstance(keys, list)
            or not all(isinstance(k, str) and len(k) == 64 for k in keys)
            or matrix.dtype != np.float32
            or matrix.shape != (len(keys), dimension)
            or not np.isfinite(matrix).all()
        ):
            self._drop(folder, name, f"形状或内容不符：{matrix.shape}, {len(keys)} 个键")
            return
        self._loaded.setdefault(folder, {})[name] = (keys, matrix)

    def _refresh(self, embedder_id: str, dimension: int) -> dict[str, tuple[list[str], np.ndarray]]:
        folder = self.folder(embedder_id)
        loaded = self._loaded.setdefault(folder, {})
        if not folder.is_dir():
            loaded.clear()
            return loaded
        names = {p.stem for p in folder.glob("*.json") if p.name != "meta.json"}
        for gone in set(loaded) - names:
            del loaded[gone]
        for name in sorted(names - set(loaded)):
            self._read_shard(folder, name, dimension)
        return loaded

    def get_many(
        self, embedder_id: str, dimension: int, keys: Iterable[str]
    ) -> dict[str, np.ndarray]:
        """The cached vectors among ``keys`` (missing keys are absent from the result)."""
        wanted = set(keys)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for shard_keys, matrix in self._refresh(embedder_id, dimension).values():
                for row, key in enumerate(shard_keys):
                    if key in wanted and key not in found:
                        found[key] = matrix[row]
            if len(found) < len(wanted):
                for index, vectors in self._shipped_layers(embedder_id, dimension):
                    for key in wanted - found.keys():
                        at = index.get(key)
                        if at is not None:
                            found[key] = vectors[at]
        return found

    def count(self, embedder_id: str, dimension: int) -> int:
        with self._lock:
            shards = self._refresh(embedder_id, dimension).values()
            return len({k for keys, _ in shards for k in keys})

    def _write_shard(self, folder: Path, keys: list[str], matrix: np.ndarray) -> str:
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        atomic_write_bytes(folder / f"{name}.npy", _npy_bytes(matrix))
        atomic_write_bytes(folder / f"{name}.json", _json_bytes(keys))
        return name

    def put_many(
        self, embedder_id: str, dimension: int, keys: Sequence[str], vectors: np.ndarray
    ) -> None:
        """Store one vector per key (a new shard; merges shards past ``max_shards``)."""
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        if matrix.shape != (len(keys), dimension):
            raise ValueError(f"expected {(len(keys), dimension)} vectors, got {matrix.shape}")
        if not keys:
            return
        folder = self.folder(embedder_id)
        with self._lock:
            folder.mkdir(parents=True, exist_ok=True)
            meta = folder / "meta.json"
            if not meta.is_file():
                record = {"embedder_id": embedder_id, "dimension": dimension, "format": self.FORMAT}
                atomic_write_bytes(meta, _json_bytes(record))
            name = self._write_shard(folder, list(keys), matrix)
            self._loaded.setdefault(folder, {})[name] = (list(keys), matrix)
            if len(self._loaded[folder]) > self.max_shards:
                self._compact(folder)

    def _compact(self, folder: Path) -> None:
        shards = self._loaded[folder]
        seen: dict[str, np.ndarray] = {}
        for keys, matrix in shards.values():
            for row, key in enumerate(keys):
                seen.setdefault(key, matrix[row])
        keys = list(seen)
        matrix = np.stack([seen[k] for k in keys]).astype(np.float32)
        old = list(shards)
        name = self._write_shard(folder, keys, matrix)
        for stale in old:
            # .json first: a shard without its key list is ignored by readers.
            (folder / f"{stale}.json").unlink(missing_ok=True)
            (folder / f"{stale}.npy").unlink(missing_ok=True)
        self._loaded[folder] = {name: (keys, matrix)}


SHIPPED_FORMAT = 1


def shipped_file(folder: str | Path, embedder_id: str) -> Path:
    """The shipped-embeddings file for ``embedder_id`` inside ``folder``."""
    return Path(folder) / f"{EmbeddingCache.slug(embedder_id)}.npz"


def pack_keys(keys: Sequence[str]) -> np.ndarray:
    """sha256 hex keys (:func:`text_key`) as an ``(n, 32)`` uint8 array, for ``.npz`` files."""
    raw = np.frombuffer(b"".join(bytes.fromhex(k) for k in keys), dtype=np.uint8)
    return raw.reshape(len(keys), 32)


def unpack_keys(raw: np.ndarray) -> list[str]:
    """The hex keys of a :func:`pack_keys` array, row for row."""
    return [bytes(row).hex() for row in raw]


def write_shipped(
    folder: str | Path, embedder_id: str, keys: Sequence[str], vectors: np.ndarray
) -> Path:
    """Write ``vectors`` (one row per sha256 ``key``, see :func:`text_key`) as a shipped
    embeddings file: an ``.npz`` holding the raw 32-byte keys (sorted), the vectors as
    float16 (a quarter of the float32 size; rows are re-normalised on reading) and a JSON
    header with the embedder id and dimension. Written to a temporary file and renamed."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(keys):
        raise ValueError(f"expected {len(keys)} vectors, got {matrix.shape}")
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    header = {
        "embedder_id": embedder_id,
        "dimension": int(matrix.shape[1]),
        "format": SHIPPED_FORMAT,
        "count": len(keys),
    }
    buffer = io.BytesIO()
    np.savez(
        buffer,
        header=np.array(json.dumps(header, ensure_ascii=False)),
        keys=pack_keys([keys[i] for i in order]),
        vectors=matrix[order].astype(np.float16),
    )
    path = shipped_file(folder, embedder_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def read_shipped(
    path: str | Path, embedder_id: str, dimension: int
) -> tuple[dict[str, int], np.ndarray]:
    """(key → row, float32 L2-normalised matrix) of a shipped embeddings file; ``ValueError``
    when it is unreadable or was written for another embedder or dimension."""
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            raw = np.asarray(data["keys"])
            matrix = np.asarray(data["vectors"])
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != SHIPPED_FORMAT:
        raise ValueError(f"格式不符：{header!r}")
    if header.get("embedder_id") != embedder_id or header.get("dimension") != dimension:
        raise ValueError(
            f"为 {header.get('embedder_id')}（{header.get('dimension')} 维）生成，"
            f"而不是 {embedder_id}（{dimension} 维）"
        )
    if (
        raw.dtype != np.uint8
        or raw.ndim != 2
        or raw.shape[1] != 32
        or matrix.shape != (raw.shape[0], dimension)
    ):
        raise ValueError(f"形状不符：{raw.shape} 个键，{matrix.shape} 个向量")
    vectors = _normalise_rows(matrix.astype(np.float32))
    if not np.isfinite(vectors).all():
        raise ValueError("含有非有限数值")
    index = {key: i for i, key in enumerate(unpack_keys(raw))}
    return index, vectors


def embed_documents_cached(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache | None = None,
    *,
    batch_size: int = 32,
    progress: ProgressCallback | None = None,
    sort_by_length: bool = True,
    reuse: bool = True,
) -> np.ndarray:
    """Embeddings of ``texts`` (float32, ``(len(texts), dimension)``), computing only those
    the cache lacks; each text is embedded once however often it repeats. Each computed
    batch is stored before the next starts, so an interrupted run keeps its work.
    ``progress(done, total)`` counts texts actually embedded, starting at ``(0, total)``.
    ``sort_by_length`` embeds texts of similar length together, which cuts padding
    (benchmarks/build.py). ``reuse=False`` reads nothing from the cache (every text is
    embedded again, ``rag index --embed-all``) but still stores what it computes."""
    texts = list(texts)
    dimension = embedder.dimension
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    if not texts:
        return out
    keys = [text_key(t) for t in texts]
    found = cache.get_many(embedder.id, dimension, keys) if cache is not None and reuse else {}
    todo: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found and key not in todo:
            todo[key] = text
    missing = list(todo.items())
    if sort_by_length:  # the model pads every text of a batch to the batch's longest
        missing.sort(key=lambda item: len(item[1]))
    step = max(1, batch_size)
    if progress is not None and missing:
        progress(0, len(missing))
    for start in range(0, len(missing), step):
        batch = missing[start : start + step]
        vectors = _check_output(
            embedder.id,
            embedder.embed_documents([text for _, text in batch]),
            len(batch),
            dimension,
        )
        batch_keys = [key for key, _ in batch]
        if cache is not None:
            cache.put_many(embedder.id, dimension, batch_keys, vectors)
        found.update(zip(batch_keys, vectors, strict=True))
        if progress is not None:
            progress(min(start + step, len(missing)), len(missing))
    for row, key in enumerate(keys):
        out[row] = found[key]
    return out
