"""Ingest files into an index: load → clean → split into notices → link → store.

Ingest is idempotent: a file whose bytes are unchanged is skipped; a changed file
replaces every notice that came from it; nothing is written when nothing changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rag.errors import UnreadableFileError
from rag.loaders import iter_supported_files, load_file
from rag.notices import link_references, parse_notices
from rag.records import Notice
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
            if source in sources and sources[source].sha256 == sha:
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
        notices = parse_notices(loaded.text, source)
        old = {n.notice_id: n for n in by_source.get(source, [])}
        new = {n.notice_id: n for n in notices}
        report.added += sum(1 for i in new if i not in old)
        report.updated += sum(
            1 for i, n in new.items() if i in old and old[i].content_hash != n.content_hash
        )
        report.removed += sum(1 for i in old if i not in new)
        status = "updated" if source in sources else "added"
        by_source[source] = notices
        sources[source] = SourceEntry(sha256=sha, path=str(path), notices=len(notices))
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
