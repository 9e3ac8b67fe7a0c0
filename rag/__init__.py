"""policy-rag: retrieval-augmented QA over Chinese health-policy notices.

Importing this package is cheap: heavy libraries (torch, faiss, gradio) load only
when the stage that needs them runs.
"""

from rag.errors import RagError
from rag.records import Notice, Reference

__all__ = ["Filters", "Notice", "RagError", "Reference", "Retriever"]


def __getattr__(name: str) -> object:
    # Retriever pulls in numpy/faiss; load it on first use so `import rag` stays cheap.
    if name in ("Retriever", "Filters"):
        from rag import retrieve

        return getattr(retrieve, name)
    raise AttributeError(f"module 'rag' has no attribute {name!r}")


__version__ = "0.1.0"
