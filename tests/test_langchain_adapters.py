"""The LangChain adapters: langchain-tests' standard suites plus what a chain needs from us."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import settings_for
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda
from langchain_core.vectorstores import InMemoryVectorStore
from langchain_tests.integration_tests import EmbeddingsIntegrationTests, RetrieversIntegrationTests
from langchain_tests.unit_tests import EmbeddingsUnitTests

from rag.embeddings import HashEmbedder
from rag.errors import ConfigError, InvalidQueryError
from rag.langchain import PolicyEmbeddings, PolicyRetriever
from rag.retrieve import Filters, Retriever

DOCNO = "国卫办医函〔2020〕357号"


@pytest.fixture(scope="module")
def env(corpus_env):
    return corpus_env


@pytest.fixture(scope="module")
def core(env):
    return Retriever.open(settings=settings_for(env))


class TestPolicyRetrieverStandard(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _index(self, core):
        self.core = core

    @property
    def retriever_constructor(self) -> type[PolicyRetriever]:
        return PolicyRetriever

    @property
    def retriever_constructor_params(self) -> dict:
        return {"retriever": self.core}

    @property
    def retriever_query_example(self) -> str:
        return "国卫办医函[2020]357号讲了什么？"


class TestPolicyEmbeddingsUnit(EmbeddingsUnitTests):
    @property
    def embeddings_class(self) -> type[PolicyEmbeddings]:
        return PolicyEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"embedder": "hash"}


class TestPolicyEmbeddingsIntegration(EmbeddingsIntegrationTests):
    @property
    def embeddings_class(self) -> type[PolicyEmbeddings]:
        return PolicyEmbeddings

    @property
    def embedding_model_params(self) -> dict:
        return {"embedder": "hash"}


def test_documents_carry_citation_metadata(core):
    docs = PolicyRetriever(retriever=core, k=4).invoke("国卫办医函[2020]357号讲了什么？")
    assert len(docs) == 4
    top = docs[0].metadata
    assert top["doc_number"] == DOCNO and top["routed"]
    assert top["issuer"] == "国家卫生健康委办公厅" and top["date"].startswith("2020")
    assert top["title"] and top["source"].endswith(".txt") and top["score"] > 0
    for doc in docs:
        m = doc.metadata
        notice = core.notices[m["notice_id"]]
        assert notice.text[m["start"] : m["end"]] == doc.page_content
        assert doc.id == m["chunk_id"] and "heading" in m
    scores = [d.metadata["score"] for d in docs]
    assert scores == sorted(scores, reverse=True)


def test_filters_per_retriever_and_per_call(core):
    fujian = PolicyRetriever(retriever=core, k=3, filters={"region": "福建"})
    assert all(d.metadata["region"] == "福建" for d in fujian.invoke("新冠病毒检测试剂采购"))
    plain = PolicyRetriever(retriever=core, k=3)
    docs = plain.invoke("社区医院建设", filters=Filters(year=2023))
    assert docs and all(d.metadata["date"].startswith("2023") for d in docs)
    with pytest.raises(InvalidQueryError, match="city"):
        plain.invoke("社区医院建设", filters={"city": "厦门"})


def test_empty_query_is_our_error(core):
    with pytest.raises(InvalidQueryError, match="问题为空"):
        PolicyRetriever(retriever=core).invoke("  ")


def test_opens_the_configured_index_lazily(env, monkeypatch):
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    retriever = PolicyRetriever(k=2)
    assert retriever.retriever is None
    docs = retriever.invoke("国办发(2020)25号的主要内容")
    assert docs[0].metadata["doc_number"] == "国办发〔2020〕25号"


def test_retriever_in_a_chain(core):
    chain = PolicyRetriever(retriever=core, k=3) | RunnableLambda(
        lambda docs: [d.metadata["doc_number"] for d in docs]
    )
    assert chain.invoke("国卫办医函[2020]357号讲了什么？")[0] == DOCNO


def test_embeddings_equal_the_wrapped_embedder():
    wrapped = PolicyEmbeddings("hash")
    direct = HashEmbedder()
    texts = ["互联网诊疗监管", "长期处方最长不超过12周"]
    assert np.allclose(wrapped.embed_documents(texts), direct.embed_documents(texts))
    assert np.allclose(wrapped.embed_query(texts[0]), direct.embed_query(texts[0]))
    assert PolicyEmbeddings(direct).embed_query(texts[1]) == wrapped.embed_query(texts[1])
    assert wrapped.embed_documents([]) == []


def test_embeddings_in_a_langchain_vector_store(core):
    notices = [n for n in core.notices.values() if n.doc_number][:30]
    store = InMemoryVectorStore(PolicyEmbeddings("hash"))
    store.add_documents(
        [Document(page_content=n.title, metadata={"doc_number": n.doc_number}) for n in notices]
    )
    target = notices[7]
    found = store.similarity_search(target.title, k=1)
    assert found[0].metadata["doc_number"] == target.doc_number


def test_unknown_embedder_is_a_config_error():
    with pytest.raises(ConfigError, match="未知的嵌入模型"):
        PolicyEmbeddings("no-such-model").embed_query("互联网诊疗")
