"""Hybrid retrieval: 文号 and article routing, filters, dense (FAISS) + lexical (BM25)
fusion, diversity.

A query is analysed first: a 文号 in it (any bracket or spacing) routes to that notice,
whose chunks are then ranked by the rest of the query — naming a 文号 asks about that
notice, but the header chunk alone rarely answers. An article it names (《药品管理法》第十条,
or 第十条 beside a 文号) routes to the passages holding that article of that document,
first of all (``rag.articles``). A single province or year named in the
query becomes a filter when the index holds notices for it. Dense and lexical rankings
are fused with weighted reciprocal-rank fusion: measured on this corpus, BM25 alone beat
an unweighted 0.5/0.5 fusion, so the weights are settings tuned on the dev set.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.config import Settings, load_settings
from rag.docno import find_doc_numbers
from rag.embeddings.base import embedded_view
from rag.errors import (
    EmbedderMismatchError,
    IndexCorruptError,
    IndexNotFoundError,
    InvalidQueryError,
)
from rag.grammar import article_label
from rag.places import local_province
from rag.query_batch import QueryBatchEmbedder
from rag.query_filters import (
    Filters,
    analyse_query,
    asks_for_topic,
    city_asked,
    national_bodies,
    places_asked,
    searched_asks,
    separate_asks,
)
from rag.ranking import Fusion, diversify, fuse_rrf, headers_last, near_copy
from rag.records import Chunk, Hit
from rag.retrieve.ordering import PassageOrder
from rag.retrieve.routing import SHORT_NUMBER, NamedDocuments

if TYPE_CHECKING:
    from rag.notices.validity import ValidityIndex
    from rag.sentences import PassageSentences

CHUNKS = "chunks.jsonl"
VECTORS = "vectors.faiss"
LEXICAL = "lexical"


@dataclass
class SearchResult:
    """Hits plus what the retriever understood of the query."""

    query: str
    hits: list[Hit]
    doc_numbers: list[str] = field(default_factory=list)
    # 文号 prefixes asked about as a series ("2023年国卫医急发的文件有哪些？")
    series: list[str] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)
    warnings: list[str] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    # 文号 asked about that no notice carries but some passage quotes (those come first).
    mentioned: list[str] = field(default_factory=list)
    # Notices whose implementing notices were asked for ("各省如何落实国卫…号"); the hits
    # are those implementing notices, each at the passage that says so.
    implementing: list[str] = field(default_factory=list)
    # Articles named in the query and found ("第十条"), and those whose document was found
    # without them (a message each: "《…》没有第四十条（共十二条）").
    articles: list[str] = field(default_factory=list)
    missing_articles: list[str] = field(default_factory=list)
    # The query's embedding, for scoring sentences against it (not serialised).
    query_vector: np.ndarray | None = field(default=None, repr=False, compare=False)
    # A query of several asks ("…？…？"): each ask and the notice its own search ranks first.
    asked: dict[str, str] = field(default_factory=dict)
    # Each ask's own query embedding, from its own search (keys as in ``asked``).
    ask_vectors: dict[str, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "hits": [h.to_dict() for h in self.hits],
            "doc_numbers": self.doc_numbers,
            "series": self.series,
            "mentioned": self.mentioned,
            "implementing": self.implementing,
            "articles": self.articles,
            "missing_articles": self.missing_articles,
            "filters": {
                k: v
                for k, v in vars(self.filters).items()
                if v and k not in ("keep_unknown", "reports")
            },
            "warnings": self.warnings,
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }


# Passages of a notice named by 文号 that open the hits when the question asks about a topic
# in it.
_TOPICAL_ROUTED = 5
# How many times better a passage of another year must hold the question's words than any
# of the year the question names for that year not to narrow the search.
_YEAR_OUTWEIGHED = 1.5


@dataclass(frozen=True)
class Standing:
    """How a region's notices stand for a query against the whole index (``Retriever.standing``)."""

    # The index's best cosine less the region's best: 0 when a passage of the region is the
    # index's best match.
    behind: float
    # The notice of the index's best passage.
    best_notice: str


class Retriever(PassageOrder):
    """Search one built index. ``Retriever.open()`` opens the configured default."""

    def __init__(
        self,
        path: Path,
        *,
        settings: Settings | None = None,
        embedder: Any = None,
        reranker: Any = None,
    ) -> None:
        from rag.store import NoticeStore

        # Every file is read under the index's read lock, so a rebuild swapping the folder
        # meanwhile cannot hand this retriever the manifest of one version and the chunks
        # or vectors of another.
        with NoticeStore(path.parent, path.name).reading():
            self._load(path, settings=settings, embedder=embedder, reranker=reranker)

    def _load(self, path: Path, *, settings: Settings | None, embedder: Any, reranker: Any) -> None:
        from rag.lexical import LexicalIndex
        from rag.sentences import SentenceVectors
        from rag.store import NoticeStore
        from rag.vectors import open_vectors, recorded_store, vectors_present

        self.settings = settings or load_settings()
        store = NoticeStore(path.parent, path.name)
        manifest = store.manifest()
        built = manifest.get("vectors")
        if not built or not vectors_present(path, recorded_store(built)):
            raise IndexNotFoundError(
                f"索引 '{path.name}' 还没有向量与词法索引。请运行：rag index --index {path.name}"
            )
        if built.get("notices_hash") != manifest.get("notices_hash"):
            raise IndexCorruptError(
                f"索引 '{path.name}' 的通知已更新，向量索引已过期。"
                f"请运行：rag index --index {path.name}"
            )
        self.name = path.name
        self.manifest = manifest
        self.embedder = embedder or _embedder_for(built, self.settings, path.name)
        self.notices = {n.notice_id: n for n in store.load_notices()}
        self.chunks = _load_chunks(path / CHUNKS)
        self._notice_of = [c.notice_id for c in self.chunks]
        # The notices, passages and articles a query names (文号, series, articles).
        self.named = NamedDocuments(self.notices, self.chunks, lambda: self.validity)
        self._chunks_of = self.named.chunks_of
        self._regions = {n.region for n in self.notices.values() if n.region}
        # Which passages are of a region's notices, by region (``standing``), built on first use.
        self._region_masks: dict[str, np.ndarray] = {}
        self.national_bodies = national_bodies(self.notices.values())
        # A notice's header: its first chunk, when more follow, holding no full sentence
        # (title lines, 文号, salutation). News articles have none.
        self._headers = {
            members[0]
            for nid, members in self._chunks_of.items()
            if len(members) > 1
            and self.notices[nid].kind != "article"
            and "。" not in self.chunks[members[0]].text
        }
        # One vector per distinct sentence, for the answer stage (None: an older index).
        self.sentences = SentenceVectors.load(path, self.embedder.dimension)
        self._vectors = open_vectors(path, built, self.settings, path.name)
        self._vector_notes: list[str] = list(getattr(self._vectors, "notes", []))
        if self._vectors.ntotal != len(self.chunks):
            self._vectors.close()
            raise IndexCorruptError(
                f"索引 '{path.name}' 不一致：{self._vectors.ntotal} 个向量对应 "
                f"{len(self.chunks)} 个段落。"
                f"请运行：rag index --index {path.name} --rebuild"
            )
        self._lexical = LexicalIndex.load(path / LEXICAL)
        self.reranker = reranker or (
            CrossEncoderReranker(self.settings.reranker) if self.settings.reranker else None
        )

    @functools.cached_property
    def validity(self) -> ValidityIndex:
        """The notices' validity records and relations (read from their text on first use)."""
        from rag.notices.validity import ValidityIndex

        return ValidityIndex(self.notices.values())

    def status_of(self, notice_id: str, as_of: str | None = None) -> str:
        """The notice's status label (现行有效, 已过有效期, …) as of ``as_of`` (today: None)."""
        return self.validity.status(notice_id, as_of).label

    def close(self) -> None:
        """Let go of the vector store's connection (a Milvus client) and the query batcher's
        thread; searching ends."""
        from rag.query_batch import BatchedQueries

        self._vectors.close()
        if isinstance(self.embedder, BatchedQueries):
            self.embedder.close()

    @classmethod
    def open(cls, name: str | None = None, settings: Settings | None = None) -> Retriever:
        settings = settings or load_settings()
        return cls(settings.index_path(name), settings=settings)

    # -- search -------------------------------------------------------------------------

    def _validate(self, query: str, k: int) -> tuple[str, list[str]]:
        warnings: list[str] = []
        if not isinstance(query, str) or not query.strip():
            raise InvalidQueryError("问题为空：请输入要检索的内容，例如「互联网诊疗有哪些要求？」")
        if not 1 <= k <= self.settings.max_k:
            raise InvalidQueryError(f"k={k} 超出范围：应在 1 到 {self.settings.max_k} 之间")
        query = "".join(ch for ch in query if ch.isprintable() or ch in "\n\t").strip()
        limit = self.settings.max_query_chars
        if len(query) > limit:
            warnings.append(f"问题过长（{len(query)} 字），只使用前 {limit} 字")
            query = query[:limit]
        return query, warnings

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        *,
        regions: Collection[str] | None = None,
        national: Collection[str] | None = None,
        vectors: Mapping[str, np.ndarray] | None = None,
        fusion: Fusion | None = None,
    ) -> SearchResult:
        """Ranked passages for ``query``; filters given here override those read from it.

        ``regions``: the provinces a province named in the query is read as a filter for
        (default: those this index holds notices for; several indexes searched together
        pass all of theirs, so each reads the same filter); ``national``: likewise, the
        national bodies that keep a province named beside them from being a filter.
        ``vectors``: query embeddings already computed, by the text embedded.
        ``fusion``: how passages are ordered (default ``Fusion.for_search`` of the settings;
        the answerer passes ``Fusion.for_answers``).
        """
        t0 = time.perf_counter()
        fusion = fusion or Fusion.for_search(self.settings)
        query, warnings = self._validate(query, k)
        warnings = self._vector_notes + warnings
        known = self._regions if regions is None else set(regions)
        bodies = self.national_bodies if national is None else national
        doc_numbers, inferred, rest = analyse_query(query, known, bodies)
        doc_numbers = [self.named.held_number(d) for d in doc_numbers] or self.named.short_numbers(
            query
        )
        active = filters if filters is not None and not filters.is_empty() else inferred
        if active is inferred:
            active = self._narrowing(inferred)
        t = time.perf_counter()
        lex_scores = self._lexical.scores(rest or query)
        lexical_ms = (time.perf_counter() - t) * 1000
        if (
            active is not filters
            and active.year is not None
            and not doc_numbers
            and not self.named.series_in(rest)
        ):
            # (A 文号 or series the year goes with is matched by its prefix in every year.)
            active = self._year_heard(active, lex_scores)
        as_of = filters.as_of if filters is not None else None
        timings: dict[str, float] = {}

        allowed = None
        if not active.is_empty():
            statuses = set(active.status)
            ok = {
                nid: active.allows(n) and (not statuses or self.status_of(nid, as_of) in statuses)
                for nid, n in self.notices.items()
            }
            allowed = np.array([ok[nid] for nid in self._notice_of], dtype=bool)
            if not allowed.any():
                # Filters read from the question only narrow the search when they can;
                # the user is told only about filters they set.
                if active is filters:
                    warnings.append("没有符合筛选条件的通知，已忽略筛选条件")
                allowed, active = None, Filters()

        t = time.perf_counter()
        if vectors is None:
            vectors = self._embedded_with_asks(rest or query, known, bodies)
        qvec = vectors.get(rest or query)
        if qvec is None:
            qvec = self.embedder.embed_query(embedded_view(rest or query))
        timings["embed"] = (time.perf_counter() - t) * 1000
        pool = min(len(self.chunks), max(100, 10 * k))

        t = time.perf_counter()
        dense_rank, dense_score = self._dense(qvec, pool, allowed)
        timings["dense"] = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        if allowed is not None:
            lex_scores = np.where(allowed, lex_scores, -1.0)
        lex_rank = [int(i) for i in np.argsort(-lex_scores)[:pool] if lex_scores[i] > 0]
        timings["lexical"] = lexical_ms + (time.perf_counter() - t) * 1000

        t = time.perf_counter()
        sentence_rank = (
            self._passage_sentences.ranking(qvec, pool, allowed)
            if self._passage_sentences is not None and fusion.sentence
            else []
        )
        timings["sentences"] = (time.perf_counter() - t) * 1000
        fused = fuse_rrf(
            [dense_rank, lex_rank, sentence_rank],
            [fusion.dense, fusion.lexical, fusion.sentence],
        )
        order = sorted(fused, key=lambda i: -fused[i])
        rerank_scores: dict[int, float] = {}
        if self.reranker is not None and order:
            t = time.perf_counter()
            head = order[: self.settings.rerank_pool]
            scores = self.reranker.score(rest or query, [self.chunks[i].text for i in head])
            rerank_scores = {i: float(s) for i, s in zip(head, scores, strict=True)}
            order = sorted(head, key=lambda i: -rerank_scores[i]) + order[len(head) :]
            timings["rerank"] = (time.perf_counter() - t) * 1000
        order = headers_last(order, self._notice_of, self._headers)
        order = self._in_force_first(order, k, as_of)

        routed_ids = [nid for d in doc_numbers for nid in self.named.by_number.get(d, [])]
        routed_chunks: list[int] = []
        mentions: list[int] = []
        mentioned: list[str] = []
        if doc_numbers and not routed_ids:
            # No notice carries it as its own: passages that quote it come first.
            mentions = self.named.mentioning(doc_numbers)
            if mentions:
                mentioned = list(doc_numbers)
                mentions.sort(key=lambda i: -fused.get(i, 0.0))
                warnings.append(
                    f"索引中没有文号 {'、'.join(doc_numbers)} 的通知本身，以下段落引用了它"
                )
            else:
                warnings.append(f"索引中没有文号 {'、'.join(doc_numbers)} 的通知，以下为相近结果")
        series = [] if doc_numbers else self.named.series_in(rest)
        implementing = self.named.implementing(doc_numbers, rest)
        if implementing:
            # "各省如何落实国卫…号？": the notices implementing it, each at the passage that
            # says so, take the place of the notice itself.
            routed_ids = []
            mentions, mentioned = [], []
            warnings = [w for w in warnings if not w.startswith("索引中没有文号")]
        named_articles, missing_articles = (
            ([], []) if series or implementing else self.named.articles_named(query, routed_ids)
        )
        warnings.extend(missing_articles)
        # A named article's passages open its notice's routed list, its notice first.
        article_of: dict[int, tuple[int, ...]] = {}
        article_first: dict[str, list[int]] = {}
        for match in named_articles:
            # The article where it opens, then where a notice amending it rewrites it ("将第十
            # 八条修改为：…"): what the article says now.
            for nid, i in [
                *((match.notice_id, i) for i in self.named.article_chunks(match)),
                *self.named.rewriting_chunks(match),
            ]:
                if i not in article_of:
                    article_first.setdefault(nid, []).append(i)
                if match.number not in article_of.get(i, ()):
                    article_of[i] = (*article_of.get(i, ()), match.number)
        if article_first:
            routed_ids = [*article_first, *(n for n in routed_ids if n not in article_first)]
        topical = asks_for_topic(rest)
        if series:
            # Each notice of the series (in the year asked, when one is) by its header,
            # which carries its title and 文号: the answer lists them.
            routed_ids = [
                nid
                for prefix in series
                for nid in self.named.by_prefix[prefix]
                if active.allows(self.notices[nid])
            ]
            topical = False
            if len(routed_ids) > k:
                warnings.append(
                    f"{'、'.join(series)} 共有 {len(routed_ids)} 份通知，只列出前 {k} 份；"
                    "可加上年份缩小范围，或增大 k"
                )
        # A question of several asks about the notice a 文号 routes to ("赣医保字〔2020〕17号
        # 对…怎么处理？“互联网+”中医复诊怎样才能纳入医保支付？") reads its best passage for
        # each ask in turn: the whole question's ranking may put one ask's passages first.
        ask_scores = (
            [self._lexical.scores(a) for a in separate_asks(rest)]
            if routed_ids and topical and not series
            else []
        )
        per_routed: list[list[int]] = []
        for nid in routed_ids:
            members = self._chunks_of.get(nid, [])
            first = article_first.get(nid, [])
            if first:
                members = [i for i in members if i not in first]
            if series:
                per_routed.append(members[:1])
            elif topical or first:
                # The notice's chunks ranked by the rest of the query; unseen ones keep order.
                ranked = sorted(members, key=lambda i: -fused.get(i, 0.0))
                if len(ask_scores) > 1:
                    ranked = _taking_turns(
                        [ranked, *(sorted(members, key=lambda i: -a[i]) for a in ask_scores)]
                    )
                per_routed.append(first + ranked)
            elif self.notices[nid].kind != "article" and len(members) > 1:
                # No topic left ("…号讲了什么？"): the opening passages say what the notice
                # is and asks; its header (title, 文号) travels with every hit anyway.
                per_routed.append(members[1:] + members[:1])
            else:
                per_routed.append(list(members))
        # Several 文号 named ("357号和389号分别…"): their passages take turns, so each
        # notice is among the first hits.
        routed_chunks.extend(_taking_turns(per_routed))
        if implementing:
            routed_chunks = self.named.implementing_chunks(implementing, active)
            if len(routed_chunks) > k:
                warnings.append(f"共有 {len(routed_chunks)} 份落实文件，只列出前 {k} 份；可增大 k")
            per_routed = [[i] for i in routed_chunks]
        routed_set = set(routed_chunks)
        per_notice = fusion.per_notice
        # A question on a named notice's topic ("…号的规范从什么时候开始试行？") reads more
        # of that notice: the passage that answers may rank below its opening ones.
        per_routed_notice = _TOPICAL_ROUTED if topical and not series else max(per_notice, 3)
        head_size = min(k, per_routed_notice * max(1, len(per_routed)))
        head = routed_chunks[:head_size] if routed_chunks else mentions[:k]
        taken = routed_set | set(head)
        tail = (
            diversify(
                [i for i in order if i not in taken],
                self._notice_of,
                k - len(head),
                per_notice,
            )
            if k > len(head)
            else []
        )
        chosen = head + tail
        places = places_asked(rest, known)
        city = "" if places else city_asked(rest, known)
        if not routed_chunks and not mentions and allowed is None:
            # "云南的任务、平凉市的分工和国家的指导意见各怎么安排": each place asked about is
            # read at its best passage, in place of a passage of a place already read.
            chosen = self._each_place(chosen, order, places)
            if city:
                # "那曲靖市里要求到多少？": the one city asked of is read at its own notice's
                # best passage too, in place of a second passage of a notice read twice;
                # so is its province, named or not ("泸州的娃娃…" is answered by 四川's
                # notice when 泸州 has none), without keeping other places' notices out.
                province = local_province(city)
                held = [province] if province in known else []
                chosen = self._each_place(chosen, order, [city, *held], twice_only=True)
        if mentions or implementing:
            asks = []
        elif routed_chunks:
            # "国家卫健委405号文鼓励…？云南2020年医改重点任务提出…？": the asks that name no
            # 文号 are searched on their own beside the notice the 文号 routes to; so is the
            # ask naming it, whose own words then rank that notice's sentences ("琼卫妇幼〔2025〕
            # 9号对随访有什么时间要求？市县多久报一次…？").
            every = separate_asks(query)
            unrouted = [a for a in every if not find_doc_numbers(a) and not SHORT_NUMBER.search(a)]
            asks = every if unrouted else []
        else:
            asks = searched_asks(rest)
        asked: dict[str, str] = {}
        ask_vectors: dict[str, np.ndarray] = {}
        if asks:
            # "广西加入了哪个省牵头的联盟？牵头省的方案又把价格上限定在多少？": each ask is
            # searched on its own, with the filters its own words imply, and its best
            # passage is read among the first hits (the 广西 filter the whole question
            # implies would keep 广东's notice out).
            firsts: dict[str, Hit] = {}
            for a in asks:
                own = self.search(
                    a,
                    k=1,
                    filters=filters,
                    regions=regions,
                    national=national,
                    vectors=vectors,
                    fusion=fusion,
                )
                if own.query_vector is not None:
                    ask_vectors[a] = own.query_vector
                if own.hits:
                    firsts[a] = own.hits[0]
            asked = {a: hit.chunk.notice_id for a, hit in firsts.items()}
            own_best = [self._position[hit.chunk.chunk_id] for hit in firsts.values()]
            chosen = self._each_ask(chosen, own_best, places if allowed is None else ())
            own_asks = separate_asks(rest)  # (not the documents a query lists)
            if not routed_chunks and len(own_asks) > 1 and chosen:
                chosen = self._each_passage(
                    chosen,
                    self._lead_passages(chosen, own_asks),
                    own_best,
                    # (a question of several places needs each place's notice read)
                    spare_others=len(places) < 2,
                )

        hits = []
        for rank, i in enumerate(chosen, start=1):
            c = self.chunks[i]
            n = self.notices[c.notice_id]
            hits.append(
                Hit(
                    rank=rank,
                    chunk=c,
                    doc_number=n.doc_number,
                    title=n.title,
                    issuer=n.issuer,
                    date=n.date,
                    region=n.region,
                    source=n.source,
                    score=fused.get(i, 0.0) + (1.0 if i in routed_set else 0.0),
                    dense=dense_score.get(i),
                    lexical=float(lex_scores[i]) if lex_scores[i] > 0 else None,
                    rerank=rerank_scores.get(i),
                    routed=i in routed_set,
                    index=self.name,
                    status=self.status_of(c.notice_id, as_of),
                    named_articles=article_of.get(i, ()),
                )
            )
        timings["total"] = (time.perf_counter() - t0) * 1000
        return SearchResult(
            query,
            hits,
            doc_numbers,
            series,
            active,
            warnings,
            timings,
            mentioned=mentioned,
            implementing=implementing,
            articles=[article_label(m.number) for m in named_articles],
            missing_articles=missing_articles,
            query_vector=qvec,
            asked=asked,
            ask_vectors=ask_vectors,
        )

    @functools.cached_property
    def _passage_sentences(self) -> PassageSentences | None:
        """The passages by their sentences' vectors (None: an index built without them)."""
        from rag.sentences import PassageSentences

        if self.sentences is None:
            return None
        return PassageSentences(self.chunks, self.sentences)

    @functools.cached_property
    def _position(self) -> dict[str, int]:
        """Each passage's place in ``chunks``, by its chunk id."""
        return {c.chunk_id: i for i, c in enumerate(self.chunks)}

    def _embedded_with_asks(
        self, text: str, known: set[str], bodies: Collection[str]
    ) -> dict[str, np.ndarray]:
        """The query's embedding and, for a question of several asks (each searched on its
        own), each ask's, from one embedder call: one forward pass instead of one per ask.
        {} for a question of one ask, or an embedder that embeds one query at a time."""
        asks = searched_asks(text)
        if len(asks) < 2 or not isinstance(self.embedder, QueryBatchEmbedder):
            return {}
        own = [analyse_query(a.strip(), known, bodies)[2] or a.strip() for a in asks]
        texts = list(dict.fromkeys([text, *own]))
        return dict(
            zip(texts, self.embedder.embed_queries(list(map(embedded_view, texts))), strict=True)
        )

    def _narrowing(self, inferred: Filters) -> Filters:
        """A year read from the question narrows the search only when some notice is dated
        in it: "哈尔滨2017年那个暂行办法" in an index with no notice of 2017 names a document
        the index only mentions, and would otherwise keep only the undated notices."""
        if inferred.year is None:
            return inferred
        dated = Filters(year=inferred.year, year_to=inferred.year_to)
        if any(dated.allows(n) for n in self.notices.values()):
            return inferred
        return replace(inferred, year=None, year_to=None)

    def _year_heard(self, inferred: Filters, lexical: np.ndarray) -> Filters:
        """A year read from the question narrows the search, unless a passage of a notice
        dated otherwise holds the question's words far better (``_YEAR_OUTWEIGHED`` times
        the lexical score) than any passage of that year: in "那篇长护险报道说，南通市本级
        财政2016年到2020年直接投入了多少钱" the years date the spending, not the report."""
        dated = Filters(year=inferred.year, year_to=inferred.year_to, keep_unknown=True)
        ok = {nid: dated.allows(n) for nid, n in self.notices.items()}
        inside = np.array([ok[nid] for nid in self._notice_of], dtype=bool)
        if not inside.any() or inside.all():
            return inferred
        best_in = float(lexical[inside].max())
        best_out = float(lexical[~inside].max())
        if best_out > _YEAR_OUTWEIGHED * max(best_in, 0.0):
            return replace(inferred, year=None, year_to=None)
        return inferred

    def _in_force_first(self, order: list[int], k: int, as_of: str | None) -> list[int]:
        """``order`` with a passage of a notice no longer (or not yet) in force placed behind
        a lower-ranked passage on the same point from a notice in force: one from the notice
        that repealed it, or a near-copy of its text (a new edition, a repost)."""
        from rag.notices.validity import NOT_IN_FORCE

        head = order[: max(3 * k, 30)]
        status = {nid: self.status_of(nid, as_of) for nid in {self._notice_of[i] for i in head}}
        stale = [i for i in head if status[self._notice_of[i]] in NOT_IN_FORCE]
        if not stale:
            return order
        out = list(head)
        for i in stale:
            nid = self._notice_of[i]
            record = self.validity.get(nid)
            successors = {inc.notice_id for inc in record.repealed_by} if record else set()
            place = out.index(i)
            for j in out[place + 1 :]:
                other = self._notice_of[j]
                if status[other] != "现行有效":
                    continue
                if other in successors or near_copy(self.chunks[i].text, self.chunks[j].text):
                    out.remove(j)
                    out.insert(out.index(i), j)
                    break
        return out + order[len(head) :]

    def standing(self, qvec: np.ndarray, region: str) -> Standing | None:
        """How the best passage of ``region``'s notices (a province, 全国) stands against the
        best passage of the whole index for the query embedding ``qvec``; None when the
        index holds no notice of that region."""
        mask = self._region_masks.get(region)
        if mask is None:
            mask = np.array([self.notices[n].region == region for n in self._notice_of], bool)
            self._region_masks[region] = mask
        if not mask.any():
            return None
        ranking, scores = self._dense(qvec, 1, None)
        own, own_scores = self._dense(qvec, 1, mask)
        if not ranking or not own:
            return None
        best = ranking[0]
        return Standing(
            behind=max(0.0, scores[best] - own_scores[own[0]]),
            best_notice=self._notice_of[best],
        )

    def _dense(
        self, qvec: np.ndarray, pool: int, allowed: np.ndarray | None
    ) -> tuple[list[int], dict[int, float]]:
        q = np.asarray(qvec, dtype=np.float32).reshape(1, -1)
        if allowed is not None:
            pool = min(pool, int(allowed.sum()))
        scores, ids_found = self._vectors.search(q, pool, allowed)
        ranking = [int(i) for i in ids_found[0] if i >= 0]
        return ranking, {
            int(i): float(s) for i, s in zip(ids_found[0], scores[0], strict=True) if i >= 0
        }


class CrossEncoderReranker:
    """sentence-transformers ``CrossEncoder`` scoring (query, passage) pairs; off by default.

    The model is a name or local path from the ``reranker`` setting and is never downloaded:
    a model that is not on disk is a configuration error.
    """

    def __init__(self, model: str) -> None:
        import os

        from rag.errors import ConfigError

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder

            self._model = CrossEncoder(model, max_length=512)
        except Exception as exc:  # any load failure is a settings problem
            raise ConfigError(
                f"重排序模型 {model!r} 无法加载（{exc}）。请把 RAG_RERANKER 设为本地模型路径，"
                "或留空以关闭重排序"
            ) from exc

    def score(self, query: str, passages: Sequence[str]) -> list[float]:
        return [float(s) for s in self._model.predict([(query, p) for p in passages])]


def _load_chunks(path: Path) -> list[Chunk]:
    import json

    try:
        with path.open(encoding="utf-8") as fh:
            return [Chunk.from_dict(json.loads(line)) for line in fh if line.strip()]
    except (OSError, ValueError, TypeError) as exc:
        raise IndexCorruptError(f"{path} 无法读取（{exc}）。请运行：rag index --rebuild") from exc


def _embedder_for(built: dict[str, Any], settings: Settings, name: str) -> Any:
    from rag.embeddings import make_embedder
    from rag.query_batch import with_query_batching

    embedder = make_embedder(settings.embedder)
    if embedder.id != built.get("embedder") or embedder.dimension != built.get("dimension"):
        raise EmbedderMismatchError(
            f"索引 '{name}' 由 {built.get('embedder')}（{built.get('dimension')} 维）构建，"
            f"当前配置为 {embedder.id}（{embedder.dimension} 维）："
            f"请运行 rag index --index {name} --rebuild，"
            f"或把 RAG_EMBEDDER 设回 {built.get('embedder')}"
        )
    return with_query_batching(embedder, settings)


def _taking_turns(rankings: Sequence[Sequence[int]]) -> list[int]:
    """The passages of several rankings of the same passages, each ranking's best not yet
    taken in turn."""
    out: list[int] = []
    seen: set[int] = set()
    for turn in range(max((len(r) for r in rankings), default=0)):
        for r in rankings:
            if turn < len(r) and r[turn] not in seen:
                seen.add(r[turn])
                out.append(r[turn])
    return out
