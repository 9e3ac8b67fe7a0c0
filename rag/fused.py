"""Search and answer across several indexes at once.

Each index keeps its own Retriever — its own embedder (the one that built it: indexes built
with different embedders fuse, each embedding the query itself), 文号 routing, inferred
filters, hybrid ranking and diversity — and ``FusedRetriever`` merges their hits.

One scale: a hit's ``score`` is already rank-based within its index (weighted reciprocal
ranks of its dense and lexical places, plus 1 when routed to a 文号 named in the query), so
it does not depend on how large one index's cosines or BM25 scores run, and scores from
different indexes compare. The merge keeps every index's own order (its reranking, headers
and diversity stay as that index decided): hits routed to a named 文号 come first, taking
turns between indexes, then passages that quote a 文号 no index holds, then the rest by
score. The same passage (same notice 文号 or title, same text) found in two indexes is
kept once, where it ranks best. With one index nothing changes: ``open_searcher`` returns
the plain Retriever.

The Answerer works over the fused searcher unchanged (``rag.answer.records.Searcher``):
its notices and passages are the union of the indexes', every hit and citation names its
index, and the dense scores the abstention reads are put on one scale — each index's
cosine read against that index's own null similarity (``rag.calibration``) and placed on
the first index's, so support means what it means for the first index alone.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from rag.config import Settings, check_index_name, load_settings
from rag.docno import find_doc_numbers
from rag.errors import ConfigError, IndexNotFoundError
from rag.query_filters import Filters, analyse_query, national_bodies
from rag.ranking import Fusion
from rag.records import Chunk, Hit, Notice
from rag.retrieve import Retriever, SearchResult

if TYPE_CHECKING:
    from rag.articles import ArticleIndex
    from rag.notices.validity import ValidityIndex
    from rag.sentences import SentenceVectors

# The retriever's own warning about a named 文号 its index lacks; the fused result says it
# once, and only when no index holds the 文号.
_MISSING_DOCNO = "索引中没有文号"


def parse_index_names(value: str | Sequence[str] | None) -> list[str]:
    """Index names from ``"a,b"`` (or a list), in order, each once; [] for None or "".

    ``ConfigError`` names an empty or invalid entry.
    """
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    if isinstance(value, str) and not value.strip():
        return []
    names: list[str] = []
    for part in parts:
        name = part.strip()
        try:
            check_index_name(name)
        except ValueError as exc:
            raise ConfigError(
                f"{exc}（--index 给出的是 {value!r}；多个索引用逗号分隔，如 --index default,mine）"
            ) from None
        if name not in names:
            names.append(name)
    return names


def missing_indexes(names: Sequence[str], settings: Settings) -> list[str]:
    """The names among ``names`` that have no index folder."""
    from rag.store import NoticeStore

    return [n for n in names if not NoticeStore(settings.index_dir, n).exists()]


def not_found(missing: Sequence[str], settings: Settings) -> IndexNotFoundError:
    """The error for indexes that do not exist: each name, where it was looked for, and
    the two commands that build it."""
    where = "、".join(f"'{n}'（{settings.index_path(n)}）" for n in missing)
    build = "；".join(f"rag ingest <文件夹> --index {n} && rag index --index {n}" for n in missing)
    return IndexNotFoundError(f"索引 {where} 不存在。请先构建：{build}")


def open_searcher(
    names: str | Sequence[str] | None, settings: Settings | None = None
) -> Retriever | FusedRetriever:
    """The searcher over ``names`` ("a,b" or a list): the plain Retriever for one index
    (or the configured default for none), a FusedRetriever for several."""
    settings = settings or load_settings()
    chosen = parse_index_names(names) or [settings.index_name]
    if len(chosen) == 1:
        return Retriever.open(chosen[0], settings)
    return FusedRetriever.open(chosen, settings)


def recorded_embedder_id(name: str, settings: Settings) -> str:
    """The id of the embedder that built index ``name`` (from its manifest)."""
    from rag.store import NoticeStore

    built = NoticeStore(settings.index_dir, name).manifest().get("vectors") or {}
    spec = built.get("embedder")
    if not spec:
        raise IndexNotFoundError(
            f"索引 '{name}' 还没有向量与词法索引。请运行：rag index --index {name}"
        )
    return str(spec)


@dataclass(frozen=True)
class _Block:
    """Indexes that share one embedder whose vectors carry meaning: their sentence
    vectors form one block of the fused sentence table."""

    embedder: str
    members: tuple[int, ...]  # positions of the retrievers in this block


class FusedRetriever:
    """Several indexes searched as one; a ``Searcher`` the Answerer takes as is."""

    def __init__(self, retrievers: Sequence[Retriever], settings: Settings | None = None) -> None:
        if len(retrievers) < 2:
            raise ValueError("FusedRetriever needs at least two retrievers")
        self.retrievers = list(retrievers)
        self.settings = settings or self.retrievers[0].settings
        self.name = ",".join(r.name for r in self.retrievers)
        self._notices: dict[str, Notice] = {}
        seen_chunks: set[str] = set()
        self._chunks: list[Chunk] = []
        for r in self.retrievers:
            for nid, notice in r.notices.items():
                self._notices.setdefault(nid, notice)
            for c in r.chunks:
                if c.chunk_id not in seen_chunks:
                    seen_chunks.add(c.chunk_id)
                    self._chunks.append(c)
        self._held = [
            {n.doc_number for n in r.notices.values() if n.doc_number} for r in self.retrievers
        ]
        self._nulls = [_null(r.manifest) for r in self.retrievers]
        self._regions = {n.region for n in self._notices.values() if n.region}
        self._bodies = national_bodies(self._notices.values())
        # Which indexes hold a notice the filters allow, by filters (few distinct ones).
        self._holding: dict[Filters, list[int]] = {}
        self._articles: ArticleIndex | None = None  # built on the first article asked for
        self._blocks = _blocks(self.retrievers)
        self.sentences = _joined_sentences(self.retrievers, self._blocks)

    @classmethod
    def open(cls, names: Sequence[str], settings: Settings | None = None) -> FusedRetriever:
        """The indexes ``names``, each opened with the embedder that built it (one
        embedder object per distinct embedder)."""
        from rag.embeddings import make_embedder

        settings = settings or load_settings()
        missing = missing_indexes(names, settings)
        if missing:
            raise not_found(missing, settings)
        embedders: dict[str, Any] = {}
        retrievers: list[Retriever] = []
        try:
            for name in names:
                spec = recorded_embedder_id(name, settings)
                if spec not in embedders:
                    embedders[spec] = make_embedder(spec)
                embedder = embedders[spec]
                retrievers.append(
                    Retriever(settings.index_path(name), settings=settings, embedder=embedder)
                )
        except BaseException:
            for r in retrievers:
                r.close()
            raise
        return cls(retrievers, settings)

    def close(self) -> None:
        for r in self.retrievers:
            r.close()

    # -- the Searcher protocol --------------------------------------------------------

    @property
    def chunks(self) -> Sequence[Chunk]:
        """Every passage of every index, each chunk_id once, in index order."""
        return self._chunks

    @property
    def notices(self) -> Mapping[str, Notice]:
        """Every index's notices by notice_id (the first index's where two share an id)."""
        return self._notices

    @property
    def manifest(self) -> dict[str, Any]:
        """Each index's manifest by name; ``vectors.calibration`` is the first index's null
        similarity when every index has one (the scale fused dense scores are put on)."""
        out: dict[str, Any] = {"indexes": {r.name: r.manifest for r in self.retrievers}}
        if all(n is not None for n in self._nulls):
            out["vectors"] = {
                "calibration": (self.retrievers[0].manifest.get("vectors") or {}).get("calibration")
            }
        return out

    @functools.cached_property
    def validity(self) -> ValidityIndex:
        """Validity over every index's notices: a notice in one index repealed by a notice
        in another is repealed, as it would be in one index holding both."""
        from rag.notices.validity import ValidityIndex

        return ValidityIndex(self._notices.values())

    @property
    def embedders(self) -> dict[str, str]:
        """Each index's embedder id, by index name."""
        return {r.name: r.embedder.id for r in self.retrievers}

    def search(
        self,
        query: str,
        k: int = 10,
        filters: Filters | None = None,
        *,
        fusion: Fusion | None = None,
    ) -> SearchResult:
        """Every index's hits for ``query`` merged on one scale (see the module docstring).

        Filters mean what they mean for one index holding every notice: a province named in
        the query is a filter when any index holds notices of it, and an index none of whose
        notices the filters allow adds nothing (unless no index has such a notice: then
        each searches as a single index would, unfiltered, with its warning).
        """
        t0 = time.perf_counter()
        # The first retriever's checks (empty query, k, length) are every retriever's.
        checked, _ = self.retrievers[0]._validate(query, k)
        named, inferred, _ = analyse_query(checked, self._regions, self._bodies)
        wanted = filters if filters is not None and not filters.is_empty() else inferred
        # A 文号 named routes to its notice whatever the filters, as in one index.
        routing = {i for i, h in enumerate(self._held) if any(d in h for d in named)}
        searched = sorted(set(self._holders(wanted)) | routing) or range(len(self.retrievers))
        found = {
            i: self.retrievers[i].search(
                query,
                k=k,
                filters=filters,
                regions=self._regions,
                national=self._bodies,
                fusion=fusion,
            )
            for i in searched
        }
        results = list(found.values())
        doc_numbers = _union(d for res in results for d in res.doc_numbers)
        held = {d for d in doc_numbers if any(d in h for h in self._held)}
        quoted = [] if held else _union(d for res in results for d in res.mentioned)

        as_of = filters.as_of if filters is not None else None
        owners = self._article_owners(checked, named)
        lists = [
            [self._fused_hit(i, h, as_of, owners, named) for h in found[i].hits]
            if i in found
            else []
            for i in range(len(self.retrievers))
        ]
        merged = self._in_force_first(_merge(lists, sum(map(len, lists)), set(quoted)), k)
        hits = [replace(h, rank=rank) for rank, h in enumerate(merged[:k], start=1)]
        warnings = [w for res in results for w in res.warnings if not w.startswith(_MISSING_DOCNO)]
        if doc_numbers and not held:
            if quoted:
                warnings.append(
                    f"{_MISSING_DOCNO} {'、'.join(doc_numbers)} 的通知本身，以下段落引用了它"
                )
            else:
                warnings.append(f"{_MISSING_DOCNO} {'、'.join(doc_numbers)} 的通知，以下为相近结果")
        timings: dict[str, float] = {}
        for res in results:
            for key, value in res.timings_ms.items():
                if key != "total":
                    timings[key] = timings.get(key, 0.0) + value
        timings["total"] = (time.perf_counter() - t0) * 1000
        active = next((res.filters for res in results if not res.filters.is_empty()), Filters())
        return SearchResult(
            results[0].query,
            hits,
            doc_numbers,
            _union(s for res in results for s in res.series),
            active,
            _union(warnings),
            timings,
            mentioned=quoted,
            implementing=_union(d for res in results for d in res.implementing),
            articles=_union(a for res in results for a in res.articles),
            missing_articles=_union(m for res in results for m in res.missing_articles),
            query_vector=self._joined_query({i: res.query_vector for i, res in found.items()}),
        )

    # -- scales -----------------------------------------------------------------------

    def _on_scale(self, i: int, cosine: float | None) -> float | None:
        """Index ``i``'s cosine placed on the first index's null scale."""
        return on_null_scale(cosine, self._nulls[i], self._nulls[0])

    def _in_force_first(self, hits: list[Hit], k: int) -> list[Hit]:
        """``hits`` with a passage of a notice no longer (or not yet) in force placed behind
        a lower-ranked passage on the same point from a notice in force — one from the notice
        that repealed it, or a near-copy — as ``Retriever`` does inside one index; here the
        two may come from different indexes (statuses read over all of them)."""
        from rag.notices.validity import NOT_IN_FORCE
        from rag.ranking import near_copy

        head = hits[: max(3 * k, 30)]
        if not any(h.status in NOT_IN_FORCE for h in head):
            return hits
        out = list(head)
        for hit in [h for h in head if h.status in NOT_IN_FORCE]:
            record = self.validity.get(hit.chunk.notice_id)
            successors = {inc.notice_id for inc in record.repealed_by} if record else set()
            place = out.index(hit)
            for other in out[place + 1 :]:
                if other.status != "现行有效":
                    continue
                if other.chunk.notice_id in successors or near_copy(
                    hit.chunk.text, other.chunk.text
                ):
                    out.remove(other)
                    out.insert(out.index(hit), other)
                    break
        return out + hits[len(head) :]

    def _article_owners(self, query: str, named: Sequence[str]) -> set[str] | None:
        """The notices holding the articles the query names (第十条 of 《…法》), resolved over
        every index as over one; None when it names none or none is found."""
        from rag.articles import ArticleIndex, article_refs

        refs = article_refs(query)
        if not refs:
            return None
        if self._articles is None:
            self._articles = ArticleIndex(self._notices.values())
        routed = [nid for nid, n in self._notices.items() if n.doc_number in named]
        found = {m.notice_id for ref in refs if (m := self._articles.resolve(ref, routed))}
        return found or None

    def _fused_hit(
        self,
        i: int,
        hit: Hit,
        as_of: str | None,
        owners: set[str] | None,
        named: Sequence[str],
    ) -> Hit:
        """Index ``i``'s hit on the fused scales. A hit an index routed to the article a
        query names, when another index holds the document that query names (the law, not
        its 实施条例), is an ordinary hit: each index resolves the name among its own
        documents only."""
        hit = replace(hit, dense=self._on_scale(i, hit.dense), status=self._status(hit, as_of))
        if (
            owners is not None
            and hit.routed
            and hit.chunk.notice_id not in owners
            and hit.doc_number not in named
        ):
            hit = replace(hit, routed=False, score=hit.score - 1.0, named_articles=())
        return hit

    def _status(self, hit: Hit, as_of: str | None) -> str:
        """The hit's status read over every index ("" stays "": validity not read)."""
        if not hit.status or hit.chunk.notice_id not in self._notices:
            return hit.status
        return self.validity.status(hit.chunk.notice_id, as_of).label

    def _holders(self, filters: Filters) -> list[int]:
        """The indexes holding a notice ``filters`` allows (all of them for no filters)."""
        if filters.is_empty():
            return list(range(len(self.retrievers)))
        if filters not in self._holding:
            if len(self._holding) >= 256:  # filters come from requests: keep the memo small
                self._holding.clear()
            self._holding[filters] = [
                i
                for i, r in enumerate(self.retrievers)
                if any(filters.allows(n) for n in r.notices.values())
            ]
        return self._holding[filters]

    def _joined_query(self, vectors: Mapping[int, np.ndarray | None]) -> np.ndarray | None:
        """The query vectors of the sentence table's blocks side by side (zeros for a block
        whose indexes were not searched: none of its sentences is among the hits)."""
        if self.sentences is None:
            return None
        parts = []
        for block in self._blocks:
            searched = [vectors[i] for i in block.members if vectors.get(i) is not None]
            width = self.retrievers[block.members[0]].embedder.dimension
            vector = searched[0] if searched else np.zeros(width, dtype=np.float32)
            parts.append(np.asarray(vector, dtype=np.float32).reshape(-1))
        return np.concatenate(parts)


def on_null_scale(
    cosine: float | None, own: tuple[float, float] | None, first: tuple[float, float] | None
) -> float | None:
    """``cosine``, read against its index's null similarity ``own`` (mean, spread), placed
    at the same distance from the ``first`` index's null; as is when either is unmeasured
    (support then reads word overlap alone and never compares cosines)."""
    if cosine is None or own is None or first is None:
        return cosine
    return first[0] + first[1] * (cosine - own[0]) / own[1]


def _null(manifest: Mapping[str, Any]) -> tuple[float, float] | None:
    from rag.answer.support import null_of

    return null_of(manifest)


def _union(items: Any) -> list[Any]:
    return list(dict.fromkeys(items))


def _tier(hit: Hit, quoted: set[str]) -> int:
    """2: routed to a 文号 the query names; 1: quotes a named 文号 no index holds; 0: other."""
    if hit.routed:
        return 2
    if quoted and any(m.doc_number.normalized in quoted for m in find_doc_numbers(hit.chunk.text)):
        return 1
    return 0


def _merge(lists: Sequence[Sequence[Hit]], k: int, quoted: set[str]) -> list[Hit]:
    """The top ``k`` of several ranked lists, each list's order kept (see the module
    docstring); the same passage in two lists is kept once."""
    heads = [0] * len(lists)
    turns = [dict[int, int]() for _ in lists]  # hits taken per tier, per list
    taken: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    while len(taken) < k:
        best: tuple[tuple[int, float], int] | None = None
        for li, hits in enumerate(lists):
            while heads[li] < len(hits) and _passage_key(hits[heads[li]]) in seen:
                heads[li] += 1
            if heads[li] == len(hits):
                continue
            hit = hits[heads[li]]
            tier = _tier(hit, quoted)
            # Routed and quoting hits take turns between indexes; the rest go by score.
            value = -float(turns[li].get(tier, 0)) if tier else hit.score
            if best is None or (tier, value) > best[0]:
                best = ((tier, value), li)
        if best is None:
            break
        (tier, _), li = best
        hit = lists[li][heads[li]]
        heads[li] += 1
        turns[li][tier] = turns[li].get(tier, 0) + 1
        seen.add(_passage_key(hit))
        taken.append(replace(hit, rank=len(taken) + 1))
    return taken


def _passage_key(hit: Hit) -> tuple[str, str]:
    """What makes two hits the same passage: the notice (文号, else title) and the text."""
    return (hit.doc_number or hit.title, hit.chunk.text)


def _blocks(retrievers: Sequence[Retriever]) -> list[_Block]:
    """One block per distinct embedder that captures meaning and has sentence vectors."""
    members: dict[str, list[int]] = {}
    for i, r in enumerate(retrievers):
        if r.sentences is None or not getattr(r.embedder, "captures_meaning", True):
            continue
        members.setdefault(r.embedder.id, []).append(i)
    return [_Block(e, tuple(m)) for e, m in members.items()]


def _joined_sentences(
    retrievers: Sequence[Retriever], blocks: Sequence[_Block]
) -> SentenceVectors | None:
    from rag.sentences import SentenceVectors

    if not blocks:
        return None
    tables = [[t for i in b.members if (t := retrievers[i].sentences) is not None] for b in blocks]
    return SentenceVectors.joined(tables)
