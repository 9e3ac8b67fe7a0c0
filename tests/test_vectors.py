"""Vector stores: FAISS flat / HNSW / IVF-PQ and Milvus (milvus-lite) behind one Retriever.

Every index here is built from the bundled corpus with the hash embedder, in temp dirs.
"""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from conftest import CORPUS, ROOT
from typer.testing import CliRunner

from rag.cli import app
from rag.config import load_settings
from rag.embeddings import HashEmbedder
from rag.errors import ConfigError
from rag.ingest import build_index, ingest_paths
from rag.metrics import load_questions
from rag.retrieve import Filters, Retriever
from rag.store import MANIFEST, NoticeStore
from rag.vectors import FaissVectors, MilvusVectors, config_matches, open_vectors

VARIANTS = {
    "flat": {},
    "hnsw": {"faiss_index": "hnsw"},
    # The default refine re-scores more candidates than the bundled corpus has chunks; a
    # small one keeps the test about the product-quantizer ranking.
    "ivfpq": {"faiss_index": "ivfpq", "ivf_refine_factor": 20},
    "milvus": {"vector_backend": "milvus"},
}


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    """One ingest of the bundled corpus, then one index per vector-store variant."""
    root = tmp_path_factory.mktemp("vectors")
    base = NoticeStore(root / "index", "flat")
    ingest_paths([CORPUS], base, max_bytes=50 << 20)
    for name in VARIANTS:
        if name != "flat":
            shutil.copytree(base.path, root / "index" / name)
    for name, overrides in VARIANTS.items():
        settings = settings_for(root, **overrides)
        build_index(
            NoticeStore(root / "index", name),
            HashEmbedder(),
            cache_dir=settings.cache_dir,
            settings=settings,
        )
    return root


def settings_for(root, **overrides):
    return load_settings(
        index_dir=root / "index", cache_dir=root / "cache", embedder="hash", **overrides
    )


@pytest.fixture(scope="module")
def retrievers(root):
    opened = {
        name: Retriever(
            root / "index" / name, settings=settings_for(root, **overrides), embedder=HashEmbedder()
        )
        for name, overrides in VARIANTS.items()
    }
    yield opened
    for r in opened.values():
        r.close()


@pytest.fixture(scope="module")
def questions():
    qs, errors = load_questions(ROOT / "eval" / "qa" / "dev.jsonl")
    assert not errors and len(qs) > 50
    return [q.question for q in qs]


def top_ids(retriever, question, k=10, filters=None):
    return [h.chunk.chunk_id for h in retriever.search(question, k=k, filters=filters).hits]


def manifest(root, name):
    return json.loads((root / "index" / name / MANIFEST).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "backend", "kind", "file"),
    [
        ("flat", "faiss", "flat", "vectors.faiss"),
        ("hnsw", "faiss", "hnsw", "vectors.faiss"),
        ("ivfpq", "faiss", "ivfpq", "vectors.faiss"),
        ("milvus", "milvus", "flat", "milvus.db"),
    ],
)
def test_manifest_records_the_vector_store(root, name, backend, kind, file):
    built = manifest(root, name)["vectors"]
    store = built["store"]
    assert (store["backend"], store["type"], store["file"]) == (backend, kind, file)
    assert store["ntotal"] == built["chunks"] > 500
    assert (root / "index" / name / file).exists()
    other = "milvus.db" if file == "vectors.faiss" else "vectors.faiss"
    assert not (root / "index" / name / other).exists()


def test_flat_index_keeps_the_layout_older_indexes_have(root):
    built = manifest(root, "flat")["vectors"]
    assert built["faiss"] == "IndexFlatIP"
    assert manifest(root, "hnsw")["vectors"]["faiss"] == "IndexHNSWFlat"


def test_ivfpq_on_a_small_corpus_shrinks_its_lists_and_records_them(root):
    params = manifest(root, "ivfpq")["vectors"]["store"]["params"]
    chunks = manifest(root, "ivfpq")["vectors"]["chunks"]
    # 1024 lists would leave most of them empty for ~1.7k chunks.
    assert 1 <= params["ivf_nlist"] <= chunks // 39
    assert params["pq_bits"] < 8 and 256 % params["pq_m"] == 0


@pytest.mark.parametrize("name", ["hnsw", "ivfpq"])
def test_approximate_indexes_return_what_flat_returns(retrievers, questions, name):
    overlaps = []
    for q in questions:
        exact, approx = top_ids(retrievers["flat"], q), top_ids(retrievers[name], q)
        overlaps.append(len(set(exact) & set(approx)) / len(exact))
    # Fused top 10 (dense pool of 100 + BM25): an approximate dense ranking moves little.
    assert np.mean(overlaps) >= 0.9, np.mean(overlaps)
    assert min(overlaps) >= 0.5, min(overlaps)


def test_milvus_gives_the_same_results_as_faiss_flat(retrievers, questions):
    for q in questions:
        assert top_ids(retrievers["milvus"], q) == top_ids(retrievers["flat"], q), q


@pytest.mark.parametrize("name", list(VARIANTS))
def test_filters_work_with_every_store(retrievers, name):
    r = retrievers[name]
    result = r.search("新冠病毒检测试剂集中采购有什么规定？", k=5, filters=Filters(region="福建"))
    assert result.hits and all(h.region == "福建" for h in result.hits)
    assert any(h.dense is not None for h in result.hits)
    year = r.search("社区医院建设", k=5, filters=Filters(year=2023))
    assert year.hits and all(h.date.startswith("2023") for h in year.hits)
    assert top_ids(r, "社区医院建设", k=5, filters=Filters(year=2023)) == top_ids(
        retrievers["flat"], "社区医院建设", k=5, filters=Filters(year=2023)
    )


@pytest.mark.parametrize("name", list(VARIANTS))
def test_store_search_keeps_only_allowed_ids_and_fills_k(root, name):
    settings = settings_for(root, **VARIANTS[name])
    built = manifest(root, name)["vectors"]
    store = open_vectors(root / "index" / name, built, settings, name)
    try:
        query = HashEmbedder().embed_query("医疗机构感染防控")
        allowed = np.arange(3, store.ntotal, 97)  # a sparse set, far from the natural top k
        scores, ids = store.search(query, 10, allowed)
        assert set(ids[0]) <= set(allowed.tolist()) and (ids[0] >= 0).all()
        mask = np.zeros(store.ntotal, dtype=bool)
        mask[allowed[:4]] = True  # fewer allowed rows than k: the rest is empty (-1)
        _, few = store.search(query, 10, mask)
        assert sorted(few[0][:4].tolist()) == allowed[:4].tolist() and (few[0][4:] == -1).all()
        assert np.all(np.diff(scores[0]) <= 1e-6)  # best first
    finally:
        store.close()


def test_backend_mismatch_is_a_clear_error_naming_rebuild(root):
    with pytest.raises(ConfigError) as info:
        Retriever(
            root / "index" / "flat",
            settings=settings_for(root, vector_backend="milvus"),
            embedder=HashEmbedder(),
        )
    assert "rag index --index flat --rebuild" in str(info.value) and "faiss" in str(info.value)
    with pytest.raises(ConfigError, match="--rebuild"):
        Retriever(root / "index" / "milvus", settings=settings_for(root), embedder=HashEmbedder())


def test_recorded_faiss_type_wins_over_the_configured_one(root, retrievers):
    # Configured flat, built HNSW: the HNSW file is searched and the result says so.
    r = Retriever(root / "index" / "hnsw", settings=settings_for(root), embedder=HashEmbedder())
    assert isinstance(r._vectors, FaissVectors) and r._vectors.index_type == "hnsw"
    result = r.search("互联网医院管理", k=5)
    assert any("hnsw" in w and "rag index --rebuild" in w for w in result.warnings)
    assert top_ids(r, "互联网医院管理") == top_ids(retrievers["hnsw"], "互联网医院管理")


def test_cli_search_with_the_wrong_backend_exits_with_the_message(root):
    env = {
        "RAG_INDEX_DIR": str(root / "index"),
        "RAG_CACHE_DIR": str(root / "cache"),
        "RAG_EMBEDDER": "hash",
        "RAG_VECTOR_BACKEND": "milvus",
    }
    result = CliRunner().invoke(app, ["search", "社区医院建设", "--index", "flat"], env=env)
    assert result.exit_code == ConfigError.exit_code
    assert "--rebuild" in result.output and "Traceback" not in result.output


def test_changing_the_index_type_rebuilds_vectors_and_unchanged_config_does_not(root):
    shutil.copytree(root / "index" / "flat", root / "index" / "switch")
    store = NoticeStore(root / "index", "switch")
    same = build_index(store, HashEmbedder(), cache_dir=root / "cache", settings=settings_for(root))
    assert not same.rebuilt
    hnsw = settings_for(root, faiss_index="hnsw")
    switched = build_index(store, HashEmbedder(), cache_dir=root / "cache", settings=hnsw)
    assert switched.rebuilt and manifest(root, "switch")["vectors"]["store"]["type"] == "hnsw"
    assert switched.embedded == 0  # vectors came from the embedding cache
    # Then to Milvus and back: each time the old store's file leaves the folder.
    lite = settings_for(root, vector_backend="milvus")
    build_index(store, HashEmbedder(), cache_dir=root / "cache", settings=lite)
    assert (store.path / "milvus.db").exists() and not (store.path / "vectors.faiss").exists()
    r = Retriever(store.path, settings=lite, embedder=HashEmbedder())
    assert r.search("社区医院建设", k=3).hits
    r.close()
    build_index(store, HashEmbedder(), cache_dir=root / "cache", settings=settings_for(root))
    assert (store.path / "vectors.faiss").exists() and not (store.path / "milvus.db").exists()


def test_index_written_before_store_records_opens_as_flat(root, retrievers):
    shutil.copytree(root / "index" / "flat", root / "index" / "old")
    path = root / "index" / "old" / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["vectors"]["store"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = Retriever(root / "index" / "old", settings=settings_for(root), embedder=HashEmbedder())
    assert top_ids(r, "互联网医院管理") == top_ids(retrievers["flat"], "互联网医院管理")


def test_ivfpq_with_too_few_vectors_falls_back_to_flat_with_a_warning(caplog):
    rng = np.random.default_rng(0)
    data = rng.standard_normal((200, 32)).astype(np.float32)
    data /= np.linalg.norm(data, axis=1, keepdims=True)
    store = FaissVectors(32, "ivfpq")
    with caplog.at_level("WARNING", logger="rag.vectors"):
        store.build(data)
    assert "flat" in caplog.text and "IVF-PQ" in caplog.text
    assert store.describe()["type"] == "flat" and store.describe()["configured"] == "ivfpq"
    # What was asked for is recorded, so the next `rag index` sees the index as current.
    assert config_matches(store.describe(), load_settings(faiss_index="ivfpq"))
    _, ids = store.search(data[:3], 1)
    assert ids[:, 0].tolist() == [0, 1, 2]


def test_milvus_server_uri_that_cannot_be_reached_is_a_config_error(tmp_path):
    store = MilvusVectors(8, uri="http://127.0.0.1:9", collection="policy_rag_x")
    store.build(np.eye(8, dtype=np.float32))
    with pytest.raises(ConfigError, match="RAG_MILVUS_URI"):
        store.save(tmp_path)
