"""Character n-gram feature hashing: deterministic, instant, no model."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Sequence

import numpy as np

from rag.errors import ConfigError

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
