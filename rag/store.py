"""The index folder: ``index/<name>/`` with ``manifest.json`` and ``notices.jsonl``.

Everything is readable (JSON, JSON Lines; never pickle). A change is written to a
temporary sibling folder and swapped into place with renames, so a crash at any point
leaves either the old index or the new one, never a half-written mix: if the process
dies between the two renames, the next open finds the old folder and restores it.

Two lock files beside the folder (``flock``, so they hold across processes and threads and
vanish with a killed process) keep concurrent use safe: ``.<name>.write.lock`` lets one
writer at a time read-modify-write the index (two ingests would otherwise lose one's
changes), and ``.<name>.lock`` is held shared while a reader opens the index's files and
exclusively for the instant of the swap, so a reader never mixes files of two versions and
never mistakes a swap in progress for a crash.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.docno import normalize_doc_number
from rag.errors import IndexCorruptError, IndexNotFoundError, NoticeNotFoundError
from rag.notices import cited_by
from rag.records import Notice

if TYPE_CHECKING:
    from rag.notices.validity import ValidityIndex

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
NOTICES = "notices.jsonl"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; single-process use only
    fcntl = None  # type: ignore[assignment]

# Locks this thread holds: lock file → [fd, depth, exclusive]. flock is per open file, so
# re-acquiring through a new descriptor in the same thread would deadlock; nesting is
# counted here instead.
_held = threading.local()


@contextmanager
def file_lock(path: Path, *, exclusive: bool, wait: bool = True) -> Iterator[bool]:
    """Hold ``flock`` on ``path`` (created if needed); re-entrant within a thread.

    Yields whether the lock is held: with ``wait=False`` a lock held elsewhere yields False
    at once. Where the lock file cannot be created (a read-only index folder, which no
    writer can change either) the block runs unlocked.
    """
    held: dict[str, list[Any]] = _held.__dict__.setdefault("locks", {})
    key = str(path)
    if key in held:
        entry = held[key]
        upgrade = exclusive and not entry[2]
        if upgrade and fcntl is not None:
            fcntl.flock(entry[0], fcntl.LOCK_EX)
            entry[2] = True
        entry[1] += 1
        try:
            yield True
        finally:
            entry[1] -= 1
            if upgrade and fcntl is not None:
                fcntl.flock(entry[0], fcntl.LOCK_SH)
                entry[2] = False
        return
    if fcntl is None:
        yield True
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield True
        return
    try:
        try:
            mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
            fcntl.flock(fd, mode if wait else mode | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        held[key] = [fd, 1, exclusive]
        try:
            yield True
        finally:
            del held[key]
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@dataclass(frozen=True)
class SourceEntry:
    """What the index knows of one ingested file."""

    sha256: str
    path: str
    notices: int
    parser: int = 0  # rag.notices.PARSER_VERSION that parsed it; 0 = before versions


class NoticeStore:
    """Read and atomically rewrite the notices of one index folder."""

    def __init__(self, root: Path, name: str) -> None:
        self.root = Path(root)
        self.name = name
        self.path = self.root / name
        self._old = self.root / f".{name}.old"
        self._swap_lock = self.root / f".{name}.lock"
        self._write_lock = self.root / f".{name}.write.lock"
        self._recover()

    def _recover(self) -> None:
        self._sweep()
        if not self._old.exists():
            return
        # Under the swap lock: without it, a writer between its two renames would look
        # exactly like a crash there, and "recovering" would break its swap.
        with file_lock(self._swap_lock, exclusive=True):
            # A crash between "move old away" and "move new in" leaves only the old copy.
            if not self.path.exists() and self._old.exists():
                os.replace(self._old, self.path)
            elif self._old.exists():
                shutil.rmtree(self._old, ignore_errors=True)

    def _sweep(self) -> None:
        """Delete what killed writers left beside the index (temporary and trash folders)."""
        try:
            names = [p for p in self.root.iterdir() if p.name.startswith(f".{self.name}.")]
        except OSError:
            return
        trash = [p for p in names if p.name.startswith(f".{self.name}.trash-")]
        tmp = [p for p in names if p.name.startswith(f".{self.name}.tmp-")]
        for folder in trash:  # never needed again, whoever is deleting it
            shutil.rmtree(folder, ignore_errors=True)
        if tmp:
            # A temporary folder is a live writer's work unless no writer holds the lock.
            with file_lock(self._write_lock, exclusive=True, wait=False) as idle:
                if idle:
                    for folder in tmp:
                        shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold while reading several files of the index: no swap happens meanwhile."""
        with file_lock(self._swap_lock, exclusive=False):
            yield

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold across a read-modify-write of the index: one writer at a time."""
        self.root.mkdir(parents=True, exist_ok=True)
        with file_lock(self._write_lock, exclusive=True):
            yield

    def exists(self) -> bool:
        return (self.path / MANIFEST).is_file()

    def manifest(self) -> dict[str, Any]:
        if not self.exists():
            raise IndexNotFoundError(
                f"索引 '{self.name}' 不存在（{self.path}）。"
                f"请先运行：rag ingest data/corpus --index {self.name}"
            )
        try:
            data = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise IndexCorruptError(
                f"索引 '{self.name}' 的 {MANIFEST} 已损坏（{exc}）。"
                f"请删除 {self.path} 后重新运行 rag ingest"
            ) from exc
        if not isinstance(data, dict):
            raise IndexCorruptError(
                f"索引 '{self.name}' 的 {MANIFEST} 不是 JSON 对象。"
                f"请删除 {self.path} 后重新运行 rag ingest"
            )
        if data.get("schema_version") != SCHEMA_VERSION:
            raise IndexCorruptError(
                f"索引 '{self.name}' 的格式版本为 {data.get('schema_version')}，当前程序需要 "
                f"{SCHEMA_VERSION}。请删除 {self.path} 后重新运行 rag ingest"
            )
        return data

    def sources(self) -> dict[str, SourceEntry]:
        if not self.exists():
            return {}
        raw = self.manifest().get("sources", {})
        return {k: SourceEntry(**v) for k, v in raw.items()}

    def load_notices(self) -> list[Notice]:
        with self.reading():
            return self._load_notices()

    def _load_notices(self) -> list[Notice]:
        manifest = self.manifest()
        path = self.path / NOTICES
        notices = []
        line_no = 0
        try:
            with path.open(encoding="utf-8") as fh:
                for line_no, line in enumerate(fh, start=1):  # noqa: B007 - used in the message
                    if line.strip():
                        notices.append(Notice.from_dict(json.loads(line)))
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            # ValueError covers bad JSON and UTF-8; the others a line of the wrong shape.
            raise IndexCorruptError(
                f"索引 '{self.name}' 的 {NOTICES} 第 {line_no} 行无法读取（{exc}）。"
                f"请删除 {self.path} 后重新运行 rag ingest"
            ) from exc
        expected = manifest.get("counts", {}).get("notices")
        if expected is not None and expected != len(notices):
            raise IndexCorruptError(
                f"索引 '{self.name}' 不完整：清单记录 {expected} 条通知，"
                f"文件中有 {len(notices)} 条。"
                f"请删除 {self.path} 后重新运行 rag ingest"
            )
        return notices

    def write(self, notices: Iterable[Notice], sources: dict[str, SourceEntry]) -> None:
        """Replace the notices atomically; other files in the folder are kept."""
        notices = list(notices)

        def write_notices(folder: Path) -> None:
            with (folder / NOTICES).open("w", encoding="utf-8") as fh:
                for n in notices:
                    fh.write(json.dumps(n.to_dict(), ensure_ascii=False) + "\n")

        self.commit(
            write_notices,
            {
                "counts": {
                    "notices": len(notices),
                    "sources": len(sources),
                    "without_doc_number": sum(1 for n in notices if not n.doc_number),
                    "with_warnings": sum(1 for n in notices if n.warnings),
                },
                "notices_hash": notices_hash(notices),
                "sources": {k: vars(v) for k, v in sorted(sources.items())},
            },
            replace=(NOTICES,),
        )

    def commit(
        self,
        write: Callable[[Path], None],
        manifest_update: dict[str, Any],
        replace: Iterable[str] = (),
    ) -> None:
        """Copy the folder aside, let ``write`` change the copy, then swap it into place.

        ``replace`` names files and folders that ``write`` produces anew (they are not
        copied over). The manifest is updated with ``manifest_update`` in the same swap,
        so files and manifest always agree.
        """
        with self.writing():
            self._commit(write, manifest_update, replace)

    def _commit(
        self,
        write: Callable[[Path], None],
        manifest_update: dict[str, Any],
        replace: Iterable[str],
    ) -> None:
        self._recover()  # this writer holds the write lock, so every leftover goes
        tmp = self.root / f".{self.name}.tmp-{os.getpid()}"
        trash = self.root / f".{self.name}.trash-{os.getpid()}"
        previous = self.manifest() if self.exists() else {}
        try:
            if self.path.exists():
                shutil.copytree(self.path, tmp, ignore=shutil.ignore_patterns(MANIFEST, *replace))
            else:
                tmp.mkdir()
            write(tmp)
            now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            manifest = {
                **previous,
                **manifest_update,
                "schema_version": SCHEMA_VERSION,
                "name": self.name,
                "created": previous.get("created", now),
                "updated": now,
            }
            (tmp / MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            _fsync_tree(tmp)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        with file_lock(self._swap_lock, exclusive=True):
            if self.path.exists():
                os.replace(self.path, self._old)
            os.replace(tmp, self.path)
            _fsync_dir(self.root)
            # Renamed out of the way at once, so ".old" outside this lock always means a
            # crash between the renames; deleting it may take a while and needs no lock.
            if self._old.exists():
                os.replace(self._old, trash)
        shutil.rmtree(trash, ignore_errors=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then move it over ``path``."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_tree(folder: Path) -> None:
    """Flush every file so the rename never exposes data still in the page cache."""
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make the renames in ``folder`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def notices_hash(notices: Iterable[Notice]) -> str:
    """One hash over all notice contents: the vector index records which notices it embeds."""
    digest = hashlib.sha256()
    for n in sorted(notices, key=lambda n: n.notice_id):
        digest.update(f"{n.notice_id}:{n.content_hash}\n".encode())
    return digest.hexdigest()[:16]


def find_notice(notices: list[Notice], query: str) -> Notice:
    """The notice whose 文号 matches query (any bracket or spacing), or whose id equals it."""
    wanted = normalize_doc_number(query)
    for n in notices:
        if (wanted and n.doc_number == wanted) or n.notice_id == query.strip():
            return n
    hint = f"（规范化为 {wanted}）" if wanted else "（无法识别为文号）"
    raise NoticeNotFoundError(
        f"索引中没有文号为 {query!r} 的通知{hint}。可运行 rag notices 查看全部通知"
    )


def citing(notices: list[Notice], target: Notice) -> list[tuple[Notice, str]]:
    """Notices that cite (or repeal) ``target``, with the relation."""
    by_id = {n.notice_id: n for n in notices}
    return [(by_id[i], rel) for i, rel in cited_by(notices).get(target.notice_id, [])]


def notice_row(
    notice: Notice, validity: ValidityIndex | None = None, as_of: str | None = None
) -> dict[str, Any]:
    """A notice as a listing shows it: every field but the text, the citation date, and its
    validity as of ``as_of`` (today: None) when a ``ValidityIndex`` is given."""
    data = notice_record(notice, validity, as_of)
    data.pop("text")
    return data


def notice_record(
    notice: Notice, validity: ValidityIndex | None = None, as_of: str | None = None
) -> dict[str, Any]:
    """Every field of a notice, the citation ``date``, and its ``validity`` (status as of
    ``as_of``, clauses, relations, timeline) when a ``ValidityIndex`` is given."""
    data = notice.to_dict()
    data["date"] = notice.date
    if validity is not None and validity.get(notice.notice_id) is not None:
        data["validity"] = validity.to_dict(notice.notice_id, as_of)
    return data


def notice_detail(
    notices: list[Notice],
    query: str,
    as_of: str | None = None,
    validity: ValidityIndex | None = None,
) -> dict[str, Any]:
    """One notice by 文号 (any bracket or spacing) or notice_id (`rag notices show --json`,
    ``GET /notices/…``, the MCP ``get_notice`` tool): its fields and text, ``cited_by`` (the
    notices that cite or repeal it) and its validity as of ``as_of`` (today: None);
    ``validity`` is the index's prebuilt ``ValidityIndex``, else one is read here."""
    from rag.notices.validity import ValidityIndex

    notice = find_notice(notices, query)
    data = notice_record(notice, validity or ValidityIndex(notices), as_of)
    data["cited_by"] = [
        {"notice_id": n.notice_id, "doc_number": n.doc_number, "title": n.title, "relation": rel}
        for n, rel in citing(notices, notice)
    ]
    return data
