from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"


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
