"""Crash safety: ``rag ingest`` and ``rag index`` killed with SIGKILL at random moments.

After every kill the index must open at either the state before the command or the state
after it (compared by notice hashes and the vector store the manifest records), never a
mix; the next run of the command must finish the job and leave no temporary folders. A
reader that keeps opening and searching the index while it is rebuilt must never fail.
Kill delays are random but seeded, so a failure can be replayed.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, corpus_file

from rag.config import load_settings
from rag.errors import IndexCorruptError
from rag.retrieve import Retriever
from rag.store import NoticeStore, notices_hash

pytestmark = pytest.mark.slow  # about 24 kill runs of a real subprocess: ~40 s

OLD_FILES = ("003",)
ADDED_FILES = ("004", "002")
KILLS_PER_COMMAND = 12
QUERY = "深化医药卫生体制改革重点工作任务"


def _env(root: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "RAG_INDEX_DIR": str(root / "index"),
            "RAG_CACHE_DIR": str(root / "cache"),
            "RAG_EMBEDDER": "hash",
            "PYTHONPATH": str(ROOT),
            **extra,
        }
    )
    return env


def _rag(*args: str) -> list[str]:
    return [sys.executable, "-m", "rag.cli", *args]


def _run(env: dict[str, str], *args: str) -> float:
    t = time.monotonic()
    done = subprocess.run(_rag(*args), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - t


def _kill_during(env: dict[str, str], delay: float, *args: str) -> bool:
    """Start the command, SIGKILL it after ``delay`` s; True if it was still running."""
    proc = subprocess.Popen(
        _rag(*args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True


def _leftovers(index_dir: Path) -> list[str]:
    return sorted(
        p.name for p in index_dir.iterdir() if p.name.startswith(".default.") and p.is_dir()
    )


def _state(index_dir: Path) -> tuple[str, int]:
    """(notices hash, notice count) as read through the store, checked against the manifest."""
    store = NoticeStore(index_dir, "default")
    notices = store.load_notices()
    digest = notices_hash(notices)
    assert store.manifest()["notices_hash"] == digest
    return digest, len(notices)


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    """A pristine "old" index (one file, flat vectors) and the states the commands reach."""
    root = tmp_path_factory.mktemp("crash")
    pristine = root / "pristine"
    env = _env(pristine)
    _run(env, "ingest", *(str(corpus_file(p)) for p in OLD_FILES))
    _run(env, "index")
    old = _state(pristine / "index")

    after = root / "after-ingest"
    shutil.copytree(pristine, after)
    ingest_seconds = _run(_env(after), "ingest", *(str(corpus_file(p)) for p in ADDED_FILES))
    new = _state(after / "index")
    assert new != old

    rebuilt = root / "after-index"
    shutil.copytree(pristine, rebuilt)
    index_seconds = _run(_env(rebuilt, RAG_FAISS_INDEX="hnsw"), "index")
    return {
        "root": root,
        "pristine": pristine,
        "old": old,
        "new": new,
        "ingest_seconds": ingest_seconds,
        "index_seconds": index_seconds,
    }


def _fresh(states, name: str) -> Path:
    work = states["root"] / name
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(states["pristine"], work)
    return work


def test_kill_9_during_ingest_leaves_the_old_or_the_new_notices(states):
    rng = random.Random(20240901)
    seen = {"old": 0, "new": 0, "killed": 0}
    paths = [str(corpus_file(p)) for p in ADDED_FILES]
    for run in range(KILLS_PER_COMMAND):
        work = _fresh(states, "ingest-kill")
        env = _env(work)
        # Most of a run is start-up; aim the kills at the second half, where files are written.
        delay = rng.uniform(0.35, 1.05) * states["ingest_seconds"]
        seen["killed"] += _kill_during(env, delay, "ingest", *paths)
        state = _state(work / "index")
        assert state in (states["old"], states["new"]), f"run {run}: half-written notices"
        seen["old" if state == states["old"] else "new"] += 1
        if state == states["old"]:
            # The old state is fully usable: its vectors still match its notices.
            assert Retriever.open(settings=_settings(work)).search(QUERY, k=3).hits
        else:
            with pytest.raises(IndexCorruptError, match="rag index"):
                Retriever.open(settings=_settings(work))
        # Running the command again finishes the job and cleans up after the killed one.
        _run(env, "ingest", *paths)
        assert _state(work / "index") == states["new"]
        assert _leftovers(work / "index") == []
    assert seen["killed"] >= KILLS_PER_COMMAND // 2, seen
    print(f"ingest kills: {seen}")


def test_kill_9_during_index_leaves_the_old_or_the_new_vectors(states):
    rng = random.Random(20240902)
    seen = {"flat": 0, "hnsw": 0, "killed": 0}
    for run in range(KILLS_PER_COMMAND):
        work = _fresh(states, "index-kill")
        env = _env(work, RAG_FAISS_INDEX="hnsw")
        delay = rng.uniform(0.35, 1.05) * states["index_seconds"]
        seen["killed"] += _kill_during(env, delay, "index")
        assert _state(work / "index") == states["old"]  # notices are never touched
        retriever = Retriever.open(settings=_settings(work))
        kind = retriever.manifest["vectors"]["store"]["type"]
        assert kind in ("flat", "hnsw"), f"run {run}: {kind}"
        assert retriever._vectors.ntotal == len(retriever.chunks)
        assert retriever.search(QUERY, k=3).hits
        seen[kind] += 1
        _run(env, "index")
        assert Retriever.open(settings=_settings(work)).manifest["vectors"]["store"]["type"] == (
            "hnsw"
        )
        assert _leftovers(work / "index") == []
    assert seen["killed"] >= KILLS_PER_COMMAND // 2, seen
    print(f"index kills: {seen}")


def _settings(work: Path):
    return load_settings(
        index_dir=work / "index", cache_dir=work / "cache", embedder="hash", faiss_index="flat"
    )


def test_reader_never_sees_a_half_swapped_index_during_rebuilds(states):
    work = _fresh(states, "readers")
    env = _env(work)
    stop = threading.Event()
    errors: list[BaseException] = []
    opened = [0]

    def read() -> None:
        while not stop.is_set():
            try:
                retriever = Retriever.open(settings=_settings(work))
                assert len(retriever.chunks) == retriever._vectors.ntotal
                assert {c.notice_id for c in retriever.chunks} <= set(retriever.notices)
                assert retriever.search(QUERY, k=5).hits
                opened[0] += 1
            except BaseException as exc:
                errors.append(exc)
                return

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    rng = random.Random(7)
    try:
        for run in range(4):
            if run % 2:
                _kill_during(
                    env, rng.uniform(0.5, 1.0) * states["index_seconds"], "index", "--rebuild"
                )
            else:
                _run(env, "index", "--rebuild")
    finally:
        stop.set()
        for t in readers:
            t.join(60)
    assert not errors, repr(errors[0])
    assert opened[0] >= 4
    print(f"reader opens during rebuilds: {opened[0]}")


# ---------------------------------------------------------------------------------------
# Deterministic crash points inside one commit (a forked child dies at step n)


def _die_at(root: Path, step: str) -> None:
    """In a child process: rewrite the index, dying (os._exit, like SIGKILL) at ``step``."""
    import rag.store as store_mod
    from rag.records import Notice

    calls = {"replace": 0}
    real_replace = os.replace

    def replace(src, dst):  # type: ignore[no-untyped-def]
        calls["replace"] += 1
        if step == f"replace-{calls['replace']}":
            os._exit(9)
        real_replace(src, dst)

    def fsync_tree(folder):  # type: ignore[no-untyped-def]
        if step == "writing":
            os._exit(9)

    store_mod.os.replace = replace  # type: ignore[attr-defined]
    store_mod._fsync_tree = fsync_tree  # type: ignore[attr-defined]
    notice = Notice(
        notice_id="new",
        doc_number="国卫办医函〔2099〕1号",
        title="新通知",
        issuer="国家卫生健康委办公厅",
        region="全国",
        written_date="2099-01-01",
        published_date="",
        category="",
        keywords=(),
        source="new.txt",
        text="正文。",
    )
    store = NoticeStore(root, "default")
    store.write([*store.load_notices(), notice], {})
    os._exit(0)


@pytest.mark.parametrize("step", ["writing", "replace-1", "replace-2", "replace-3"])
def test_death_at_each_step_of_a_commit(states, tmp_path, step):
    work = tmp_path / "w"
    shutil.copytree(states["pristine"] / "index", work)
    child = multiprocessing.get_context("fork").Process(target=_die_at, args=(work, step))
    child.start()
    child.join(60)
    assert child.exitcode == 9
    digest, count = _state(work)
    # Before the live folder is replaced the old notices stand; after it, the new ones.
    expected_new = step == "replace-3"
    assert count == states["old"][1] + (1 if expected_new else 0)
    assert (digest == states["old"][0]) != expected_new
    # The next writer clears what the dead one left.
    NoticeStore(work, "default").write(NoticeStore(work, "default").load_notices(), {})
    assert _leftovers(work) == []
