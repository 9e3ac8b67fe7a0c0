"""Documents added from the chat UI: a separate index, never the bundled corpus.

Uploads go to ``index/<name>-uploads``: on the first upload it starts as an atomic copy of
the index the chat was using, then every upload takes the same path as ``rag ingest`` +
``rag index`` (idempotent ingest, only changed chunks embedded). ``data/corpus/`` and the
base index are never written. The chat then answers from the uploads index.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rag.config import Settings
from rag.errors import IndexNotFoundError
from rag.ingest import build_index, ingest_paths
from rag.store import MANIFEST, NoticeStore
from rag.vectors import recorded_store, vectors_present

UPLOAD_SUFFIX = "-uploads"


def uploads_index_name(base: str) -> str:
    """The index that receives uploads made while chatting over ``base``."""
    return base if base.endswith(UPLOAD_SUFFIX) else f"{base}{UPLOAD_SUFFIX}"


def uploads_index_current(settings: Settings, base: str) -> bool:
    """Whether an uploads index for ``base`` exists and its vectors match its notices."""
    store = NoticeStore(settings.index_dir, uploads_index_name(base))
    if base.endswith(UPLOAD_SUFFIX) or not store.exists():
        return False
    try:
        manifest = store.manifest()
    except Exception:  # a broken uploads index is ignored; the base index still works
        return False
    built = manifest.get("vectors") or {}
    return (
        bool(built)
        and built.get("notices_hash") == manifest.get("notices_hash")
        and vectors_present(store.path, recorded_store(built))
    )


def _copy_index(settings: Settings, base: str, target: NoticeStore) -> None:
    """Start the uploads index as a copy of ``base``, swapped into place atomically."""
    source = NoticeStore(settings.index_dir, base)
    manifest = source.manifest()  # raises IndexNotFoundError with the fix when missing

    def copy(folder: Path) -> None:
        for entry in source.path.iterdir():
            if entry.name == MANIFEST:
                continue
            if entry.is_dir():
                shutil.copytree(entry, folder / entry.name)
            else:
                shutil.copy2(entry, folder / entry.name)

    # Read lock on the source: a rebuild of it must not swap files under the copy.
    with source.reading():
        manifest = source.manifest()
        carried = {k: v for k, v in manifest.items() if k not in ("name", "created", "updated")}
        target.commit(copy, {**carried, "copied_from": base})


@dataclass
class UploadOutcome:
    """What happened to an upload, in lines a user can read."""

    index_name: str
    lines: list[str] = field(default_factory=list)
    accepted: int = 0
    rejected: int = 0
    changed: bool = False


def add_uploads(
    paths: Sequence[Path | str],
    settings: Settings,
    base: str,
    embedder: object,
) -> UploadOutcome:
    """Ingest uploaded files into the uploads index and bring its vectors up to date.

    ``embedder`` is the one the chat already uses (the index's own), so nothing is
    loaded twice. Rejected files (binary, empty, oversized, unsupported) are reported by
    name with the loader's reason; the others are still added.
    """
    target = NoticeStore(settings.index_dir, uploads_index_name(base))
    outcome = UploadOutcome(target.name)
    if not target.exists():
        if base == target.name:
            raise IndexNotFoundError(f"上传索引 '{base}' 不存在")
        _copy_index(settings, base, target)
    max_bytes = min(settings.max_file_bytes, int(settings.upload_max_mb * 1024 * 1024))
    report = ingest_paths([Path(p) for p in paths], target, max_bytes=max_bytes)
    for f in report.files:
        if f.status == "rejected":
            outcome.rejected += 1
            reason = f.error.replace(f.path, f.source) if f.path else f.error
            outcome.lines.append(f"✗ {f.source} 未加入：{reason}")
        else:
            outcome.accepted += 1
            label = {"added": "已加入", "updated": "已更新", "unchanged": "内容未变"}[f.status]
            extra = f"，{f.warnings} 条警告" if f.warnings else ""
            outcome.lines.append(f"✓ {f.source} {label}：{f.notices} 条通知{extra}")
    index = build_index(target, embedder, cache_dir=settings.cache_dir)
    outcome.changed = report.written or index.rebuilt
    return outcome
