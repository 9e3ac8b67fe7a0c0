"""Ingest files into an index: load → clean → split into notices → link → store.

Ingest is idempotent: a file whose bytes are unchanged is skipped; a changed file
replaces every notice that came from it; nothing is written when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.errors import UnreadableFileError
from rag.loaders import iter_supported_files, load_file
from rag.notices import PARSER_VERSION, link_references, parse_notices
from rag.records import Chunk, Notice
from rag.store import NoticeStore, SourceEntry


@dataclass
class FileReport:
    """What happened to one file."""

    source: str
    path: str
    status: str  # "added" | "updated" | "unchanged" | "rejected"
    notices: int = 0
    warnings: int = 0
    error: str = ""


@dataclass
class IngestReport:
    """Summary of one ingest run."""

    files: list[FileReport] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    total: int = 0
    written: bool = False

    @property
    def rejected(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "rejected"]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    paths: Iterable[Path | str],
    store: NoticeStore,
    *,
    max_bytes: int,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda xs: xs,
) -> IngestReport:
    """Parse every supported file under ``paths`` into ``store``; bad files are reported."""
    # One writer at a time: two ingests reading the same notices would lose one's changes.
    with store.writing():
        return _ingest_locked(paths, store, max_bytes=max_bytes, progress=progress)


def _ingest_locked(
    paths: Iterable[Path | str],
    store: NoticeStore,
    *,
    max_bytes: int,
    progress: Callable[[Iterable[Path]], Iterable[Path]],
) -> IngestReport:
    report = IngestReport()
    sources = store.sources()
    existing = store.load_notices() if store.exists() else []
    by_source: dict[str, list[Notice]] = {}
    for n in existing:
        by_source.setdefault(n.source, []).append(n)

    changed = False
    for path in progress(iter_supported_files(paths)):
        source = path.name
        try:
            if not path.is_file():
                # load_file gives the precise message (missing, a folder, …).
                load_file(path, max_bytes=max_bytes)
            sha = _sha256(path)
            known = sources.get(source)
            # An unchanged file is skipped unless the parser that read it has changed since.
            if known and known.sha256 == sha and known.parser == PARSER_VERSION:
                count = len(by_source.get(source, []))
                report.files.append(FileReport(source, str(path), "unchanged", count))
                continue
            loaded = load_file(path, max_bytes=max_bytes)
        except UnreadableFileError as exc:
            report.files.append(FileReport(source, str(path), "rejected", error=str(exc)))
            continue
        except OSError as exc:
            report.files.append(
                FileReport(source, str(path), "rejected", error=f"无法读取 {path}：{exc}")
            )
            continue
        notices = parse_notices(
            loaded.text, source, loaded.page_title, paragraphs=loaded.paragraphs
        )
        if not notices:
            report.files.append(
                FileReport(
                    source,
                    str(path),
                    "rejected",
                    error=f"{path}：没有找到通知正文（页面只有导航、页脚等内容），请提供通知本身",
                )
            )
            continue
        old = {n.notice_id: n for n in by_source.get(source, [])}
        new = {n.notice_id: n for n in notices}
        report.added += sum(1 for i in new if i not in old)
        report.updated += sum(
            1 for i, n in new.items() if i in old and old[i].content_hash != n.content_hash
        )
        report.removed += sum(1 for i in old if i not in new)
        status = "updated" if source in sources else "added"
        by_source[source] = notices
        sources[source] = SourceEntry(
            sha256=sha, path=str(path), notices=len(notices), parser=PARSER_VERSION
        )
        report.files.append(
            FileReport(
                source, str(path), status, len(notices), sum(len(n.warnings) for n in notices)
            )
        )
        changed = True

    merged = [n for src in sorted(by_source) for n in by_source[src]]
    linked = link_references(merged)
    report.total = len(linked)
    report.unchanged = report.total - report.added - report.updated
    if changed:
        store.write(linked, sources)
        report.written = True
    return report


@dataclass
class IndexReport:
    """Summary of one index build."""

    notices: int
    chunks: int
    embedded: int  # passages and sentences whose vectors were computed (not from a cache)
    embedder: str
    dimension: int
    seconds: float
    rebuilt: bool
    sentences: int = 0  # distinct sentences with a vector (rag.sentences)


def lexical_text(notice: Notice, chunk: Chunk) -> str:
    """What BM25 indexes for a chunk: the notice's title and 文号 weight every passage."""
    return f"{notice.title}\n{notice.doc_number}\n{' '.join(chunk.heading_path)}\n{chunk.text}"


def dense_text(notice: Notice, chunk: Chunk) -> str:
    """What is embedded for a chunk: the title gives a short passage its context; read in
    simplified characters (``embedded_view``)."""
    from rag.embeddings import embedded_view

    return embedded_view(f"{notice.title}\n{' '.join(chunk.heading_path)}\n{chunk.text}")


def build_index(
    store: NoticeStore,
    embedder: Any,
    *,
    cache_dir: Path,
    rebuild: bool = False,
    progress: Callable[[int, int], None] | None = None,
    settings: Any = None,
    max_tokens: int | None = None,
    overlap_tokens: int | None = None,
    shipped: Iterable[Path] | None = None,
    embed_all: bool = False,
) -> IndexReport:
    """Chunk every notice, embed (through the cache), build vectors + BM25, swap in atomically.

    The vector store (FAISS flat/HNSW/IVF-PQ or Milvus) follows ``settings`` (default: the
    loaded configuration). An index that is already current for these notices, this embedder
    and this vector store is left alone unless ``rebuild`` is set. ``max_tokens`` /
    ``overlap_tokens`` override the chunker's defaults (benchmarks/chunking.py compares them).
    Vectors come from the embedding cache under ``cache_dir`` first, then from the cache
    shipped with the bundled corpus (``shipped``, default ``data/embeddings/``), and only
    the rest is embedded. ``embed_all`` rebuilds and embeds every passage again, reading
    neither cache (``rag index --embed-all``); what it computes still goes to the cache.
    """
    import time

    import numpy as np

    from rag.calibration import null_similarity
    from rag.chunking import (
        CHUNKER_VERSION,
        DEFAULT_MAX_TOKENS,
        DEFAULT_OVERLAP_TOKENS,
        chunk_notices,
    )
    from rag.config import load_settings
    from rag.embeddings import (
        EMBEDDED_VIEW,
        SHIPPED_EMBEDDINGS,
        EmbeddingCache,
        embed_documents_cached,
        embedded_view,
        text_key,
    )
    from rag.lexical import LexicalIndex
    from rag.retrieve import CHUNKS, LEXICAL
    from rag.sentences import SENTENCES, SentenceVectors, sentence_texts
    from rag.vectors import (
        STORE_FILES,
        config_matches,
        create_vectors,
        recorded_store,
        retire,
        vectors_present,
    )

    settings = settings or load_settings()
    chunker = {
        "version": CHUNKER_VERSION,
        "max_tokens": DEFAULT_MAX_TOKENS if max_tokens is None else max_tokens,
        "overlap_tokens": DEFAULT_OVERLAP_TOKENS if overlap_tokens is None else overlap_tokens,
    }
    t0 = time.perf_counter()
    manifest = store.manifest()
    notices = store.load_notices()
    built = manifest.get("vectors") or {}
    current = (
        built.get("notices_hash") == manifest.get("notices_hash")
        and built.get("embedder") == embedder.id
        and built.get("chunker") == chunker
        and vectors_present(store.path, recorded_store(built))
        and config_matches(recorded_store(built), settings)
        and (store.path / SENTENCES).exists()
        and "calibration" in built
        and built.get("view") == EMBEDDED_VIEW
    )
    if current and not (rebuild or embed_all):
        return IndexReport(
            len(notices),
            built.get("chunks", 0),
            0,
            embedder.id,
            embedder.dimension,
            time.perf_counter() - t0,
            False,
            built.get("sentences", 0),
        )
    by_id = {n.notice_id: n for n in notices}
    chunks = chunk_notices(
        notices, max_tokens=chunker["max_tokens"], overlap_tokens=chunker["overlap_tokens"]
    )
    texts = [dense_text(by_id[c.notice_id], c) for c in chunks]
    sentences = sentence_texts(chunks)
    embedded = 0

    def counted(done: int, total: int) -> None:
        nonlocal embedded
        embedded = total
        if progress is not None:
            progress(done, total)

    layers = [SHIPPED_EMBEDDINGS] if shipped is None else list(shipped)
    cache = EmbeddingCache(cache_dir, shipped=[] if embed_all else layers)
    # Passages and their sentences in one pass: one progress bar, one cache lookup.
    # (A sentence is embedded as read, ``embedded_view``, and found by its own text.)
    both = embed_documents_cached(
        embedder,
        [*texts, *map(embedded_view, sentences)],
        cache,
        progress=counted,
        reuse=not embed_all,
    )
    vectors = np.ascontiguousarray(both[: len(texts)], dtype=np.float32)
    sentence_vectors = SentenceVectors([text_key(t) for t in sentences], both[len(texts) :])
    calibration = null_similarity(
        lambda text: embedder.embed_query(embedded_view(text)), chunks, vectors
    )
    vector_store = create_vectors(settings, embedder.dimension, store.name)
    vector_store.build(vectors)
    lexical = LexicalIndex.build([lexical_text(by_id[c.notice_id], c) for c in chunks])

    def write(folder: Path) -> None:
        with (folder / CHUNKS).open("w", encoding="utf-8") as fh:
            for c in chunks:
                fh.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")
        vector_store.save(folder)
        lexical.save(folder / LEXICAL)
        sentence_vectors.save(folder)

    store.commit(
        write,
        {
            "vectors": {
                "embedder": embedder.id,
                "dimension": embedder.dimension,
                **(
                    {"faiss": vector_store.describe()["class"]}
                    if vector_store.backend == "faiss"
                    else {}
                ),
                "store": vector_store.describe(),
                "chunker": chunker,
                "chunks": len(chunks),
                "sentences": len(sentences),
                "calibration": calibration,
                "view": EMBEDDED_VIEW,
                "notices_hash": manifest.get("notices_hash"),
            }
        },
        replace=(CHUNKS, *STORE_FILES, LEXICAL, SENTENCES),
    )
    retire(recorded_store(built), vector_store.describe(), store.path, settings)
    return IndexReport(
        len(notices),
        len(chunks),
        embedded,
        embedder.id,
        embedder.dimension,
        time.perf_counter() - t0,
        True,
        len(sentences),
    )


def corpus_dense_texts(
    corpus: Path, *, max_bytes: int, sentences: bool = False, **chunk_kw: Any
) -> list[str]:
    """What ``build_index`` embeds for the notices under ``corpus`` with the default chunker
    (or ``chunk_kw``: max_tokens, overlap_tokens), parsed into a throw-away store; nothing
    is embedded. The passages' texts, followed with ``sentences`` by their distinct
    sentences (``rag.sentences``)."""
    import tempfile

    from rag.chunking import chunk_notices
    from rag.embeddings import embedded_view
    from rag.sentences import sentence_texts

    with tempfile.TemporaryDirectory(prefix="rag-corpus-") as tmp:
        store = NoticeStore(Path(tmp), "corpus")
        ingest_paths([corpus], store, max_bytes=max_bytes)
        notices = store.load_notices() if store.exists() else []
    by_id = {n.notice_id: n for n in notices}
    chunks = chunk_notices(notices, **chunk_kw)
    texts = [dense_text(by_id[c.notice_id], c) for c in chunks]
    return [*texts, *map(embedded_view, sentence_texts(chunks))] if sentences else texts


def ship_embeddings(
    corpus: Path,
    out_dir: Path,
    embedder: Any,
    *,
    cache_dir: Path,
    max_bytes: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Path, int, int]:
    """Write the shipped embeddings of ``corpus`` (``make embeddings``): one vector per chunk
    the current chunker makes and per distinct sentence of those chunks, taken from the
    caches where present; stale vectors are dropped. Returns (file, vectors written,
    vectors computed)."""
    from rag.embeddings import EmbeddingCache, embed_documents_cached, text_key, write_shipped

    texts = list(dict.fromkeys(corpus_dense_texts(corpus, max_bytes=max_bytes, sentences=True)))
    computed = 0

    def counted(done: int, total: int) -> None:
        nonlocal computed
        computed = total
        if progress is not None:
            progress(done, total)

    cache = EmbeddingCache(cache_dir, shipped=[out_dir])
    vectors = embed_documents_cached(embedder, texts, cache, progress=counted)
    path = write_shipped(out_dir, embedder.id, [text_key(t) for t in texts], vectors)
    return path, len(texts), computed


def _ship_main() -> None:
    """``python -m rag.ingest`` (``make embeddings``): regenerate data/embeddings/ from
    data/corpus/ with the configured embedder, embedding only chunks no cache holds."""
    import sys

    from tqdm import tqdm

    from rag.config import load_settings
    from rag.embeddings import SHIPPED_EMBEDDINGS, make_embedder

    settings = load_settings()
    embedder = make_embedder(settings.embedder)
    bar = tqdm(desc="向量", unit="条", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    path, written, computed = ship_embeddings(
        settings.corpus_dir,
        SHIPPED_EMBEDDINGS,
        embedder,
        cache_dir=settings.cache_dir,
        max_bytes=settings.max_file_bytes,
        progress=progress,
    )
    bar.close()
    print(f"{path}：{written} 条向量（段落与句子，{embedder.id}），新计算 {computed} 条")


if __name__ == "__main__":
    _ship_main()
