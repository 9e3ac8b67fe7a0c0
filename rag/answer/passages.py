"""Passages an answer reads beside the search's ranking.

A follow-up's hits are held to the conversation's notice (``held_to``); a question asking
whether or how a rule changed hears the notices amending the one it is about
(``with_amenders``); a report on a notice (a news story, a 政策解读) brings the notice it
reports on (``with_reported``). Each reads a notice at its passages holding most of the
question's words (``passage_share``), whether or not the search returned them. A question
about several notices reads each at the passage holding its best sentence, and a question of
one city its own notice at the passages that compete with the best read (``notice_passages``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from rag.answer.amendments import amended_pairs, item_rewriting
from rag.answer.constraints.regions import cities_asked, city_own, province_apart
from rag.answer.naming import NAME_CHARS, named_as_document, named_notices
from rag.answer.params import AnswerParams
from rag.answer.questions import (
    answer_types,
    asks_about_several,
    asks_one_document,
    editions_asked_in_turn,
    named_places,
    notice_asks,
    question_anchors,
    question_words,
)
from rag.answer.records import hit_of
from rag.answer.scoring import Sentence, asks_about_text, figures, is_report, score_sentences
from rag.answer.support import TermWeights
from rag.answer.text import bigram_set, nows, shares_topic
from rag.query_filters import separate_asks
from rag.records import Chunk, Hit, Notice

# The idf-weighted share of a question's words a passage (its notice's title, its text) holds.
Share = Callable[[str, str], float]


def passage_share(focus: str, weights: TermWeights) -> Share:
    """The idf-weighted share of ``focus``'s words a passage holds, its title read with it."""
    words = question_words(focus)
    weight = {w: weights.word(w) for w in words}
    total = sum(weight.values()) or 1.0

    def share(title: str, chunk_text: str) -> float:
        text = nows(title) + nows(chunk_text)
        return sum(weight[w] for w in words if w in text) / total

    return share


def held_to(
    notice: Notice,
    chunks: Sequence[Chunk],
    share: Share,
    retrieved: Sequence[Hit],
    max_per_notice: int,
) -> list[Hit]:
    """The hits of a follow-up held to the conversation's notice (its ``chunks``, in index
    order): its passages that hold most of what the follow-up asks come first
    (``max_per_notice`` of them, the retrieved ones before others as good), the rest of the
    search after them. Hits routed to it by its 文号 are already its own and stay as ranked."""
    nid = notice.notice_id
    own = {h.chunk.chunk_id: h for h in retrieved if h.chunk.notice_id == nid}
    if any(h.routed for h in own.values()):
        return list(retrieved)
    order = {c.chunk_id: i for i, c in enumerate(chunks)}
    ranked = sorted(
        chunks,
        key=lambda c: (-share(notice.title, c.text), c.chunk_id not in own, order[c.chunk_id]),
    )
    status = next((h.status for h in own.values()), "")
    held = [own.get(c.chunk_id) or hit_of(notice, c, status) for c in ranked[:max_per_notice]]
    rest = [h for h in retrieved if h.chunk.notice_id != nid]
    return [replace(h, rank=i) for i, h in enumerate([*held, *rest], start=1)]


def with_amenders(
    notice: Notice,
    amenders: Sequence[tuple[Notice, Sequence[Chunk]]],
    share: Share,
    hits: Sequence[Hit],
) -> list[Hit]:
    """The hits with each notice amending ``notice`` (each with its passages) read at its
    passage holding most of the question's words, right after ``notice``'s first hit, unless
    one of its passages is among the hits already; the last hits make room, a notice's second
    passage before any notice's only one."""
    have = {h.chunk.notice_id for h in hits}
    added: list[Hit] = []
    for other, chunks in amenders:
        if other.notice_id in have or not chunks:
            continue
        best = max(chunks, key=lambda c: share(other.title, c.text))
        added.append(hit_of(other, best))
        have.add(other.notice_id)
    if not added:
        return list(hits)
    at = next((i + 1 for i, h in enumerate(hits) if h.chunk.notice_id == notice.notice_id), 1)
    out = [*hits[:at], *added, *hits[at:]]
    while len(out) > len(hits):
        # (Room is made by a notice's second passage before any notice's only one: "国家卫健委的
        # 通知、湖南修改后的规范和海南现行的办法…" keeps the national notice's one passage.)
        counts = Counter(h.chunk.notice_id for h in out)
        spare = [i for i, h in enumerate(out) if counts[h.chunk.notice_id] > 1 and h not in added]
        del out[spare[-1] if spare else -1]
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


def with_reported(
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    share: Share,
    most: int = 2,
) -> list[Hit]:
    """The hits with, right after a report's passage (``is_report``: a news story, a 政策解读)
    whose notice has no passage among them, the notice's passage that says what the report
    retells: the one holding most of the figures of the report's passages among the hits,
    else most of the question's words. A report is written in the words people ask in and
    outranks its notice; the notice is what says the rule, and with its passage among the
    hits the report gives way to it (``reporting``). The notice reported on is the first the report
    cites ("近日，省卫生健康委印发《X》（文号）…"); at most ``most`` are added."""
    have = {h.chunk.notice_id for h in hits}
    out: list[Hit] = []
    added = 0
    for h in hits:
        out.append(h)
        report = notices.get(h.chunk.notice_id)
        if added >= most or report is None or not is_report(report):
            continue
        cited = next((r.notice_id for r in report.references if r.notice_id in notices), "")
        chunks = chunks_of(cited) if cited and cited not in have else ()
        if not chunks:
            continue
        notice = notices[cited]
        # (what the report's passages among the hits say, all of them)
        said = frozenset().union(
            *(figures(o.chunk.text) for o in hits if o.chunk.notice_id == report.notice_id)
        )
        best = max(chunks, key=lambda c: (len(said & figures(c.text)), share(notice.title, c.text)))
        out.append(hit_of(notice, best))
        have.add(cited)
        added += 1
    if not added:
        return list(hits)
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


def further_passages(
    hits: Sequence[Hit],
    cited: Sequence[str],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    share: Share,
    most: int = 3,
) -> list[Hit]:
    """``hits`` with the passages of the ``cited`` notices they lack: for an answer whose
    citations do not state the value asked ("…三级医院植入类耗材的关联率要达到多少？" answered
    only with the notice's 入库 rule), the rest of those notices is read. Each notice's
    unread passages holding the question's words, at most ``most``, the most of its words
    first, follow its last passage among the hits. ``hits`` unchanged when there are none."""
    read = {h.chunk.chunk_id for h in hits}
    after: dict[int, list[Hit]] = {}
    for nid in dict.fromkeys(cited):
        notice = notices.get(nid)
        last = max((i for i, h in enumerate(hits) if h.chunk.notice_id == nid), default=None)
        if notice is None or last is None:
            continue
        unread = [c for c in chunks_of(nid) if c.chunk_id not in read]
        ranked = sorted(unread, key=lambda c: -share(notice.title, c.text))
        chosen = [c for c in ranked if share("", c.text) > 0][:most]
        after.setdefault(last, []).extend(hit_of(notice, c) for c in chosen)
    if not any(after.values()):
        return list(hits)
    out = [x for i, h in enumerate(hits) for x in (h, *after.get(i, ()))]
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


def notice_passages(
    question: str,
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    weights: TermWeights,
    params: AnswerParams,
) -> list[Hit]:
    """The hits with notices read at the passages that answer, beside the ranking.

    A question about several notices (or asking whom a notice was sent to, of the first
    notice) has each of the first ``cover_top`` notices read at its best passage: the one
    holding its best sentence (scored as the extractive generator scores them, rank aside),
    when no retrieved passage of the notice holds one as good (its other passages may have
    ranked higher, and max_per_notice kept this one out). The passage takes the notice's
    first place among the hits, and the notice's weakest retrieved passage makes room, so
    every other notice keeps its places.

    A question asking of one city (``_city_passages``) has the city's own notice among the
    first ``cover_top`` read at its passages that compete with the best sentence the search
    read: a notice's passages are short, and the one retrieved may only announce it.
    """
    if not hits:
        return []
    # ("2021年的试行办法要求多少？2024年的正式办法呢？": two editions, the later asked in turn.)
    several = (
        asks_about_several(question, hits) or editions_asked_in_turn(question)
    ) and not asks_one_document(question)
    # Whom a notice was sent to is the line under its title ("各州、市人民政府，省直有关
    # 部门："), in a header passage retrieval ranks low: it holds no words of the topic.
    recipients = "recipients" in answer_types(question)
    flat = replace(params, rank_decay=0.0)
    # The first hit of each of the first ``cover_top`` notices (a notice named by 文号
    # fills several of the first places: "发改环资〔2020〕696…？医疗机构废弃物专项整治中…？").
    first: dict[str, Hit] = {}
    for h in hits:
        first.setdefault(h.chunk.notice_id, h)
    # "…解读…办法的那篇文章里说，试行三年全省筛了多少…？": a question asking what a report says
    # reads each report among the first notices at its best passage (its answer may stand in
    # a 问答 far below its headline, which ranked).
    leads = [h for h in list(first.values())[: params.cover_top] if h.chunk.notice_id in notices]
    reports = (
        [h for h in leads if is_report(notices[h.chunk.notice_id])]
        # (when a rule ranks first: a report ranking first is read where it ranked)
        if asks_about_text(question)
        and not several
        and not recipients
        and leads
        and not is_report(notices[leads[0].chunk.notice_id])
        else []
    )
    if not (several or recipients or reports):
        return _city_passages(
            question,
            hits,
            list(first.values())[: params.cover_top],
            notices,
            chunks_of,
            weights,
            flat,
        )
    places = named_places(question)
    out = list(hits)
    firsts = reports or list(first.values())[: params.cover_top if several else 1]
    naming = named_notices(question, hits, notices, ())
    if several:
        # (and each notice the question names by its title's words, wherever it ranks: "国家…的
        # 通知、浙江现行的…办法、上海改过的…规范，各自…" asks of three documents, one of
        # which a reading of another may rank behind; a reading or a report, whose title
        # repeats the name of the document it is about, is not one of them)
        firsts += [
            h
            for nid, h in first.items()
            if h not in firsts
            and sum(b - a for a, b in naming.get(nid, ())) >= NAME_CHARS
            and not (nid in notices and is_report(notices[nid]))
        ]
    # Each is read at the passage that answers what the question asks of it
    # (questions.notice_asks: "国家的通知鼓励哪些地区…，湖南的意见又要求什么时候…").
    asks = _asks(question, naming, firsts)
    for hit in firsts:
        nid = hit.chunk.notice_id
        if places and hit.region and hit.region not in places:
            continue  # "福建和甘肃…": a notice of a third place is not asked about
        own = [replace(hit, chunk=c) for c in chunks_of(nid)]
        scored = _scored(asks.get(nid, question), hit, own, notices, weights, flat)
        if not scored:
            continue
        top = _chunk_tops(scored, own)
        best = own[max(scored, key=lambda s: s.score).hit_index]
        found = _amending_item(asks.get(nid, question), hit, notices, chunks_of, weights, flat)
        if found is not None and found[0] > top[best.chunk.chunk_id]:
            # An amending notice is read at its item rewriting the rule asked, which the
            # document it amends says in the question's words better than anything the
            # amending notice says itself (its items name an article and a figure).
            item = found[1]
            top[item.chunk_id] = max(top.values())
            best = replace(hit, chunk=item)
        slots = [i for i, h in enumerate(out) if h.chunk.notice_id == nid]
        if best.chunk.chunk_id in {out[i].chunk.chunk_id for i in slots}:
            continue
        kept = sorted(slots, key=lambda i: -top.get(out[i].chunk.chunk_id, 0.0))[:-1]
        passages = [_read(best), *(out[i] for i in sorted(kept))]
        for i, passage in zip(slots, passages, strict=True):
            out[i] = passage
    return out


def _amending_item(
    ask: str,
    hit: Hit,
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    weights: TermWeights,
    flat: AnswerParams,
) -> tuple[float, Chunk] | None:
    """For a notice amending others (``amended_pairs``), the passage of its item rewriting
    the passage of a document it amends that best answers ``ask``, with the score of that
    document's best sentence; None otherwise."""
    nid = hit.chunk.notice_id
    bases = amended_pairs([hit], notices, anywhere=True).get(nid, [])
    found: list[tuple[float, Chunk]] = []
    for base in (notices[b] for b in bases if b in notices):
        theirs = [hit_of(base, c) for c in chunks_of(base.notice_id)]
        scored = _scored(ask, theirs[0], theirs, notices, weights, flat) if theirs else []
        if not scored:
            continue
        answering = max(scored, key=lambda s: s.score)
        item = item_rewriting(notices[nid], base, theirs[answering.hit_index].chunk, chunks_of)
        if item is not None:
            found.append((answering.score, item))
    return max(found, key=lambda f: f[0]) if found else None


def _city_passages(
    question: str,
    hits: Sequence[Hit],
    firsts: Sequence[Hit],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    weights: TermWeights,
    flat: AnswerParams,
) -> list[Hit]:
    """The hits with the own notice of the one city asked of, among ``firsts`` and on the
    topic of the first (``shares_topic``), read at up to ``per_notice`` more passages: those
    holding a sentence above ``keep`` × the best sentence read (the hits', or its own) whose
    words, the kind of value asked aside, match the question as well as ``keep`` × the best
    read (每5年 is a duration of anything). Each follows the notice's last retrieved passage.
    Not when the question names the province apart as the one whose rule is asked
    ("襄阳新开一家…，湖北省要求…"). A question asking of no city has its first notice read
    so. Each ask of the question is read on its own."""
    cities = cities_asked(question)
    if province_apart(question, cities):
        cities = []
    places = named_places(question)
    owned = [
        hit
        for hit in firsts
        if any(city_own(c, hit.title, hit.issuer) for c in cities)
        and shares_topic(question, firsts[0].title, hit.title + hit.chunk.text)
        and not (places and hit.region and hit.region not in places)
    ]
    if not owned and not cities and firsts:
        # Asked of no city, the first notice is read so: its retrieved passage
        # may be its header or another rule of it ("…考核细则…一年考几回？分数太低会有什么后果？"
        # finds the 细则's cover lines and its item on low scores, not the one setting
        # 每年1月和7月).
        owned = [firsts[0]]
    if not owned:
        return list(hits)
    asks = _asks(question, named_notices(question, hits, notices, ()), firsts)

    def plain(s: Sentence) -> float:
        return s.score - flat.type_bonus * s.typed

    read = score_sentences(question, hits, weights, notices, flat)
    overall = max((s.score for s in read), default=0.0)
    overall_plain = max((plain(s) for s in read), default=0.0)
    out = list(hits)
    # (each ask of the notice read on its own: "…一年考几回？分数太低会有什么后果？")
    each = [
        (hit, ask)
        for hit in owned
        for ask in separate_asks(asks.get(hit.chunk.notice_id, question))
        or [asks.get(hit.chunk.notice_id, question)]
    ]
    for hit, asked in each:
        nid = hit.chunk.notice_id
        own = [replace(hit, chunk=c) for c in chunks_of(nid)]
        scored = _scored(asked, hit, own, notices, weights, flat)
        if not scored:
            continue
        top = _chunk_tops(scored, own)
        bar = max(flat.no_match, flat.keep * max(overall, *top.values()))
        worded = {
            own[s.hit_index].chunk.chunk_id for s in scored if plain(s) >= flat.keep * overall_plain
        }
        have = {h.chunk.chunk_id for h in out}
        extra = sorted(
            (
                h
                for h in own
                if top.get(h.chunk.chunk_id, 0.0) > bar
                and h.chunk.chunk_id in worded
                and h.chunk.chunk_id not in have
            ),
            key=lambda h: -top[h.chunk.chunk_id],
        )[: flat.per_notice]
        at = max(i for i, h in enumerate(out) if h.chunk.notice_id == nid) + 1
        out[at:at] = [_read(h) for h in extra]
    return out


def _asks(
    question: str, naming: Mapping[str, list[tuple[int, int]]], firsts: Sequence[Hit]
) -> dict[str, str]:
    """What ``question`` asks of each notice of ``firsts``, by notice id
    (``questions.notice_asks``: "国家的通知鼓励哪些地区…，湖南的意见又要求什么时候…"), the
    notices it names being ``naming`` (``named_notices``)."""
    asks = notice_asks(question, naming, question_anchors(question, naming, firsts))
    # The words naming a notice as a document ask nothing of it: its sentences repeating its
    # title ("…儿童…视力检查覆盖率…建立屈光发育档案" of 关于加强儿童屈光发育档案建立和视力筛查
    # 质量管理工作的通知) do not answer "复查率要达到多少" for holding them. (Unless nothing else
    # is asked: "《X办法》讲了什么？")
    for nid, ask in asks.items():
        spans = naming.get(nid, ())
        if not named_as_document(question, spans):
            # (named by words of its topic — DIP付费, 跨境电子商务综合试验区 — not as a
            # document by its title and kind)
            continue
        bare = ask
        for a, b in spans:
            bare = bare.replace(question[a:b], " ")
        if len(_ASKING.sub("", bare)) >= _ASK_CHARS:
            asks[nid] = bare
    return asks


# What is left of an ask once the notice's name is taken out must hold this many characters
# besides asking words and punctuation to rank the notice's passages by.
_ASK_CHARS = 6
_ASKING = re.compile(
    r"[^\u4e00-\u9fff]|什么|哪些|哪个|多少|多久|多长|怎么|怎样|如何|是否|分别|各是|各|要求|规定|吗|呢|的"
)


def _scored(
    question: str,
    hit: Hit,
    own: Sequence[Hit],
    notices: Mapping[str, Notice],
    weights: TermWeights,
    flat: AnswerParams,
) -> list[Sentence]:
    """The sentences of a notice's passages (``own``) scored against ``question``, less the
    header's title line, which restates what every passage is about and answers nothing."""
    title = nows(hit.title)
    named = bigram_set(hit.title)
    return [
        s
        for s in score_sentences(question, own, weights, notices, flat)
        if not (len(title) >= 8 and title in nows(s.text)) and not _mostly_title(s, named)
    ]


def _chunk_tops(scored: Sequence[Sentence], own: Sequence[Hit]) -> dict[str, float]:
    """Each passage's best sentence score, by chunk id."""
    top: dict[str, float] = {}
    for s in scored:
        cid = own[s.hit_index].chunk.chunk_id
        top[cid] = max(top.get(cid, s.score), s.score)
    return top


def _read(hit: Hit) -> Hit:
    """A passage read beside the ranking: no rank or scores of its own."""
    return replace(hit, rank=0, score=0.0, dense=None, lexical=None, rerank=None)


def _mostly_title(sentence: Sentence, title: frozenset[str] | set[str]) -> bool:
    """Whether a sentence is mostly its notice's title (the attached document's heading,
    "《X》已经市政府同意，现印发给你们"): four in five of its word pairs are the title's."""
    grams = bigram_set(sentence.text)
    return bool(grams) and 5 * len(grams & title) >= 4 * len(grams)
