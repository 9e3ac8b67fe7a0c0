"""Any sentence-transformers model already on disk (nothing is downloaded)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from rag.embeddings.base import _check_output, _set_offline
from rag.errors import ConfigError

# --------------------------------------------------------------------------------------
# sentence-transformers
# --------------------------------------------------------------------------------------

_E5_NAME_RE = re.compile(r"(?:^|[^a-z0-9])e5(?:[^a-z0-9]|$)")


def is_e5_name(name: str) -> bool:
    """True for E5-family names (``intfloat/multilingual-e5-small``, ``/models/e5-base``…)."""
    return bool(_E5_NAME_RE.search(name.lower()))


def _pick_device(device: str | None) -> str:
    if device:
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class SentenceTransformerEmbedder:
    """Any sentence-transformers model already on disk (a folder, or a name in the local
    Hugging Face cache). Loading never downloads: a missing model is a ``ConfigError``.

    Prefixes: explicit ``query_prefix`` / ``document_prefix`` win; otherwise the model's
    own ``query`` / ``document`` (or ``passage``) prompts; otherwise ``"query: "`` /
    ``"passage: "`` when the name looks like an E5 model; otherwise none. Inputs longer than
    the model's ``max_seq_length`` are truncated by sentence-transformers. ``device``
    defaults to ``"cuda"`` when available; ``threads`` calls ``torch.set_num_threads``,
    which applies to the whole process.
    """

    def __init__(
        self,
        model: str,
        *,
        device: str | None = None,
        batch_size: int = 32,
        query_prefix: str | None = None,
        document_prefix: str | None = None,
        threads: int | None = None,
    ) -> None:
        model = model.strip()
        if not model:
            raise ConfigError(
                "st: 后面需要模型名或本地目录，例如 st:/models/bge-small-zh "
                "(st: needs a model name or a local folder)"
            )
        if batch_size < 1:
            raise ConfigError(f"batch_size 必须 ≥ 1，当前为 {batch_size}")
        path = Path(model).expanduser()
        looks_like_path = model.startswith((".", "/", "~")) or os.sep in model.replace("/", "")
        if looks_like_path and not path.is_dir():
            raise ConfigError(
                f"嵌入模型目录 {model} 不存在。请确认路径，或把模型复制到本地后用 st:<目录> 指定 "
                f"(model folder {model} does not exist)"
            )
        source = str(path) if path.is_dir() else model
        _set_offline()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigError(
                "未安装 sentence-transformers，无法使用 st: 嵌入模型。请运行 "
                "`pip install 'sentence-transformers>=3.0'`，或改用 embedder = \"default\" "
                f"(sentence-transformers is not installed: {exc})"
            ) from exc
        if threads:
            import torch

            torch.set_num_threads(int(threads))
        self.device = _pick_device(device)
        try:
            self._model = SentenceTransformer(source, device=self.device, local_files_only=True)
        except Exception as exc:
            raise ConfigError(
                f"无法离线加载嵌入模型 {model!r}：{type(exc).__name__}: {exc}。本项目不在运行时下载"
                "模型：请把 sentence-transformers 模型放到本地目录并用 st:<目录> 指定，或改用 "
                f'embedder = "default" (model {model!r} is not available offline)'
            ) from exc
        self.model_name = model
        self.batch_size = batch_size
        # get_embedding_dimension is the sentence-transformers >= 5 name.
        get_dim = getattr(self._model, "get_embedding_dimension", None)
        dimension = get_dim() if get_dim else self._model.get_sentence_embedding_dimension()
        if not dimension:
            raise ConfigError(f"嵌入模型 {model!r} 没有固定的向量维度，无法用于索引")
        self.dimension = int(dimension)
        auto_query, auto_document = self._default_prefixes(model)
        self.query_prefix = auto_query if query_prefix is None else query_prefix
        self.document_prefix = auto_document if document_prefix is None else document_prefix
        self.id = f"st:{model}"
        if (self.query_prefix, self.document_prefix) != (auto_query, auto_document):
            digest = hashlib.sha256(
                f"{self.query_prefix}\0{self.document_prefix}".encode()
            ).hexdigest()[:8]
            self.id += f"#prefix-{digest}"

    def _default_prefixes(self, name: str) -> tuple[str, str]:
        prompts: dict[str, str] = dict(getattr(self._model, "prompts", None) or {})
        # sentence-transformers >= 5 fills in empty "query"/"document" prompts for every
        # model, so only non-empty prompts count as the model's own.
        query = prompts.get("query") or ""
        document = prompts.get("document") or prompts.get("passage") or ""
        if query or document:
            return query, document
        if is_e5_name(name):
            return "query: ", "passage: "
        return "", ""

    def _encode(self, texts: list[str]) -> np.ndarray:
        # prompt="" stops a model's default prompt from being added on top of ours.
        out = self._model.encode(
            texts,
            prompt="",
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _check_output(self.id, np.asarray(out), len(texts), self.dimension)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode([self.document_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._encode([self.query_prefix + t for t in texts])
