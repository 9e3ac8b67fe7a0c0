"""policy-rag: retrieval-augmented QA over Chinese health-policy notices.

Importing this package is cheap: heavy libraries (torch, faiss, gradio) load only
when the stage that needs them runs.
"""

from rag.errors import RagError
from rag.records import Notice, Reference

__all__ = ["Notice", "RagError", "Reference"]
__version__ = "0.1.0"
