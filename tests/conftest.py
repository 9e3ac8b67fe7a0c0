from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"


def make_pdf(*pages: str) -> bytes:
    """A PDF with one page per string; an empty string gives a page with no text."""
    from fpdf import FPDF

    pdf = FPDF()
    for text in pages:
        pdf.add_page()
        if text:
            pdf.set_font("Helvetica", size=12)
            pdf.multi_cell(0, 10, text)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, user_password: str) -> bytes:
    """``data`` encrypted with ``user_password`` ("" = opens without one)."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corpus_file(prefix: str) -> Path:
    """The bundled corpus file whose name starts with prefix ("000", "001", …)."""
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def corpus_notices():
    """Every bundled file parsed and linked, as the index would hold them."""
    from rag.notices import link_references, parse_notices

    notices = []
    for path in sorted(CORPUS.glob("*.txt")):
        notices.extend(parse_notices(path.read_text(encoding="utf-8"), path.name))
    return link_references(notices)


@pytest.fixture(scope="session")
def by_number(corpus_notices):
    return {n.doc_number: n for n in corpus_notices if n.doc_number}


def index_env(root: Path, embedder: str = "hash") -> dict[str, str]:
    """``RAG_*`` settings of an index (and its embedding cache) under ``root``."""
    return {
        "RAG_INDEX_DIR": str(root / "index"),
        "RAG_CACHE_DIR": str(root / "cache"),
        "RAG_EMBEDDER": embedder,
    }


def build_index(env: dict[str, str], *paths: Path | str) -> None:
    """`rag ingest PATHS` then `rag index` under ``env``, as a user would run them."""
    from typer.testing import CliRunner

    from rag.cli import app

    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", *map(str, paths)], env=env)
    assert ingested.exit_code == 0, ingested.output
    built = runner.invoke(app, ["index"], env=env)
    assert built.exit_code == 0, built.output


@pytest.fixture(scope="session")
def corpus_env(tmp_path_factory) -> dict[str, str]:
    """``RAG_*`` settings of a hash-embedder index of the bundled corpus, built once per run.

    For test modules that only read the index; a test that changes an index builds its own.
    """
    env = index_env(tmp_path_factory.mktemp("corpus-index"))
    build_index(env, CORPUS)
    return env


def settings_for(env: dict[str, str], **overrides: Any) -> Any:
    """The settings a process started with ``env`` would load (plus ``overrides``)."""
    from rag.config import load_settings

    mp = pytest.MonkeyPatch()
    for key, value in env.items():
        mp.setenv(key, value)
    try:
        return load_settings(**overrides)
    finally:
        mp.undo()


def index_over(root: Path, docs: dict[str, str], **overrides: Any) -> Any:
    """Index ``docs`` (file name → text) under ``root`` as a user would; the settings that
    open it (plus ``overrides``)."""
    folder = root / "docs"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    env = index_env(root)
    build_index(env, folder)
    return settings_for(env, **overrides)


def ask_over(
    root: Path, docs: dict[str, str], question: str, history: list[dict[str, str]] | None = None
) -> Any:
    """Index ``docs`` (file name → text) under ``root`` as a user would, and ask ``question``
    (after the chat turns ``history``) of it with the extractive answerer; the retriever is
    closed after."""
    from rag.answer import Answerer
    from rag.retrieve import Retriever

    settings = index_over(root, docs)
    retriever = Retriever.open(None, settings)
    try:
        return Answerer(retriever, settings).ask(question, history)
    finally:
        retriever.close()


# A module that serves the corpus index defines ``settings_`` (its settings, e.g. with API keys);
# these open the retriever, answerer and a test client over it once per module.
@pytest.fixture(scope="module")
def retriever(settings_: Any) -> Any:
    from rag.retrieve import Retriever

    return Retriever.open(settings=settings_)


@pytest.fixture(scope="module")
def answerer(retriever: Any, settings_: Any) -> Any:
    from rag.answer import Answerer

    return Answerer(retriever, settings=settings_)


@pytest.fixture(scope="module")
def client(retriever: Any, answerer: Any, settings_: Any) -> Any:
    from fastapi.testclient import TestClient

    from rag.api import create_app

    return TestClient(create_app(retriever, answerer, settings_), raise_server_exceptions=False)


@contextlib.contextmanager
def live_server(app: Any, lifespan: str = "off") -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free localhost port; yields the base URL.

    ``lifespan="on"`` for apps that start something at startup (the MCP session manager).
    """
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan=lifespan))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()
