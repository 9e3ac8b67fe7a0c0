"""Questions about several notices in the extractive generator: each notice asked of is
heard (``_cover_notices``), at its own ask (``_per_notice``), and each ask of a question of
several asks is answered (``_each_ask``). A mixin of ``ExtractiveGenerator``: it reads the
generator's weights, parameters and each ask's own notice through ``_Generating``."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Protocol

from rag.answer.asking import read_ask
from rag.answer.constraints.attachments import lists_attachments
from rag.answer.constraints.regions import (
    cities_asked,
    city_own,
)
from rag.answer.naming import (
    COMPARES_BACK,
    editions_of_one,
    named_notices,
    names_by_title_word,
    names_by_year_only,
    names_own,
    names_place_only,
    of_places,
)
from rag.answer.params import AnswerParams
from rag.answer.questions import (
    named_places,
    separate_asks,
)
from rag.answer.scoring import (
    Sentence,
    Similarity,
    asks_about_text,
    dice,
    overlaps,
    reporting,
    score_sentences,
)
from rag.answer.support import TermWeights
from rag.answer.text import (
    bigrams,
    nows,
)
from rag.answer.topics import Topics
from rag.places import provinces_named
from rag.query_filters import joint_asks
from rag.records import Hit, Notice


class _Generating(Protocol):
    """What the several-notice steps read of the extractive generator."""

    weights: TermWeights
    topics: Topics
    params: AnswerParams
    similarity: Similarity | None
    asked: Mapping[str, str]

    def _key_of(self, ask: str) -> str: ...

    def _similarity_of(self, ask: str) -> Similarity | None: ...

    def _select(self, sentences: Sequence[Sentence], multi: bool = False) -> list[Sentence]: ...


class SeveralNotices:
    """The extractive generator's steps for a question about several notices or of several
    asks."""

    def _cover_notices(
        self: _Generating,
        chosen: list[Sentence],
        sentences: Sequence[Sentence],
        hits: Sequence[Hit],
        places: Sequence[str] = (),
        named: Sequence[str] = (),
        mentioning: Sequence[str] = (),
        question: str = "",
        changing: Sequence[str] = (),
    ) -> list[Sentence]:
        """A question about several notices hears from each of them, when at all relevant.

        "哪些文件提到X" hears from each notice ``mentioning`` X, and from no other.

        With places named ("国家和河北省分别…", "福建和甘肃…"), the best sentence from a
        notice of each place the selection left out; otherwise the best sentence of every
        notice among the first hits. Notices the question ``named`` by title or issuer
        ("全国老龄办的通知和国务院2020年下半年医改任务…") come first: of a place's notices,
        the named one answers for it, and a named notice the selection left out is heard
        whenever its best sentence scores above ``no_match`` (shares more than its rank).
        """
        best = max(s.score for s in chosen)
        have = {hits[s.hit_index].chunk.notice_id for s in chosen}
        groups: list[list[Sentence]] = []
        shaped_groups: set[int] = set()
        if places:
            # (A city's own notice speaks for the city asked, not for its province named
            # outright beside it: "江西省的办法和九江市的通知分别…" hears both.)
            cities = cities_asked(question)
            outright = set(provinces_named(question))

            def of_city(h: Hit) -> bool:
                return h.region in outright and any(city_own(c, h.title, h.issuer) for c in cities)

            covered = {hits[s.hit_index].region for s in chosen if not of_city(hits[s.hit_index])}
            # (For a province or city named that the selection left out, a sentence shaped
            # like the lead's is heard counting that likeness; 国家 is too often a word of a
            # term, 国家区域医疗中心, to count so.)
            for place in places:
                if place not in covered:
                    own = [s for s in sentences if hits[s.hit_index].region == place]
                    own = [s for s in own if not of_city(hits[s.hit_index])] or own
                    among = [s for s in own if hits[s.hit_index].chunk.notice_id in named]
                    if place != "全国":
                        shaped_groups.add(len(groups))
                    groups.append(among or own)
            # "苏州的三甲医院…和江苏省的细则、国家卫健委的通知比": a city named is a place of
            # its own beside its province; its own notice (whose title or issuer names it)
            # is heard when the selection left it out.
            for city in cities:
                city_hits = {i for i, h in enumerate(hits) if city_own(city, h.title, h.issuer)}
                if not any(s.hit_index in city_hits for s in chosen):
                    groups.append([s for s in sentences if s.hit_index in city_hits])
            # "健康云南行动和国办2020年下半年医改重点任务各怎么提": a notice named by title
            # and of no place named is heard beside the places' notices.
            grouped = {hits[g[0].hit_index].chunk.notice_id for g in groups if g}
            region = {h.chunk.notice_id: h.region for h in hits}
            groups += [
                [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid]
                for nid in named
                if nid not in have
                and nid not in grouped
                # (and a notice changing a named one, of whatever place: ``changing``; and
                # each notice named of the one place named)
                and (region.get(nid) not in places or nid in changing or len(places) == 1)
            ]
        else:
            wanted = [nid for nid in named if nid not in have]
            if mentioning:
                wanted = [nid for nid in mentioning if nid not in have]
            elif not wanted:
                for h in hits[: self.params.cover_top]:
                    if h.chunk.notice_id not in have and h.chunk.notice_id not in wanted:
                        wanted.append(h.chunk.notice_id)
            groups = [
                [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid] for nid in wanted
            ]
        # "河北和四川…分别…": each notice answers in a sentence shaped like the lead's
        # ("抽查比例达到…12%" beside "抽查比例不低于…20%"), so a sentence sharing the lead's
        # wording gains ``parallel`` × that share (bigram Dice).
        lead = max(chosen, key=lambda s: s.score)
        lead_grams = set(bigrams(lead.text))

        def shaped(s: Sentence) -> float:
            return s.score + self.params.parallel * dice(s.text, lead_grams)

        extra: list[Sentence] = []
        topic = self.topics.topic_words(question) if mentioning else {}
        for g, own in enumerate(groups):
            # "哪些文件提到X": the notice's sentence that mentions X, when one does.
            own = [s for s in own if self.topics.mentions(nows(s.text), topic)] or own
            if own:
                pick = max(own, key=shaped)
                asked = hits[pick.hit_index].chunk.notice_id in named
                # A notice named, or one that mentions what is asked about, is heard
                # whenever its sentence shares more than its rank. Another is heard when
                # it scores ``cover_min`` of the best; for a place named that the selection
                # left out, counting its likeness to the lead: 陕西's "…每年按照不低于8%的
                # 比例抽查统筹地区核算结果" beside 四川's "…每年按照不低于10%的比例抽查各市
                # （州）核算资料".
                heard = asked or (topic and self.topics.mentions(nows(pick.text), topic))
                floor = self.params.no_match if heard else self.params.cover_min * best
                if (
                    pick.score >= self.params.no_match
                    and (shaped(pick) if g in shaped_groups else pick.score) >= floor
                    and not any(overlaps(pick, e) for e in extra)
                ):
                    extra.append(pick)
        return chosen + extra

    def _mentioning(self: _Generating, question: str, hits: Sequence[Hit]) -> list[str]:
        """The notices whose retrieved passages hold most of what a which-notices-mention
        question asks about ("哪些文件提到X"), in rank order; [] for another question."""
        words = self.topics.topic_words(question)
        found: list[str] = []
        for h in hits:
            nid = h.chunk.notice_id
            if nid not in found and self.topics.mentions(nows(h.title + h.chunk.text), words):
                found.append(nid)
        return found

    def _each_ask(
        self: _Generating,
        question: str,
        chosen: list[Sentence],
        hits: Sequence[Hit],
        notices: Mapping[str, Notice],
        several: bool = False,
        silenced: Collection[str] = (),
        placed_out: Collection[str] = (),
    ) -> list[Sentence]:
        """A question of several asks ("…多长时间为一个周期？到2021年覆盖率要达到多少？")
        hears each: the best sentence for each ask, of the notice the ask's own search ranked
        first (``asked``: "…辽宁的卫生应急工作要点要求…？2023年的三年行动方案又要求…？")
        or else of the notices already chosen, joins when the chosen ones do not already
        answer it (its best sentence is not among them). In a question about ``several``
        notices ("两篇集采文章里，…多久搞一轮？…竞争的重点发生了什么变化？"), an ask naming no
        document may be about the notice its own search ranked first as well. A notice the
        place check left out (``placed_out``: another city's own) is no ask's own."""
        # (or two things asked in one clause: "药品储备量和再次随访时限是怎么定的？")
        asks = separate_asks(question) or joint_asks(question)
        if len(asks) < 2:
            return chosen
        notices_chosen = {hits[s.hit_index].chunk.notice_id for s in chosen}
        out = list(chosen)
        naming = named_notices(question, hits, notices, ()) if self.asked else {}
        # A report on notices among the hits (a reading, a news story) speaks through them:
        # it is no ask's own notice ("2031年的试行办法是多少？" does not name the reading of
        # the 2034 办法 that retells it).
        retelling = (
            set()
            if asks_about_text(question)
            else {hits[i].chunk.notice_id for i in reporting(hits, notices).reporting}
        )
        # Each ask's sentences, scored once (an ask may be read again for another's sake).
        scored_by: dict[str, list[Sentence]] = {}

        def scored_for(ask: str) -> list[Sentence]:
            if ask not in scored_by:
                scored_by[ask] = score_sentences(
                    ask, hits, self.weights, notices, self.params, self._similarity_of(ask)
                )
            return scored_by[ask]

        at = 0
        for ask in asks:
            start = question.find(ask, at)
            at = start + len(ask) if start >= 0 else at
            # The notice the ask's own search ranked first, when the ask names a document
            # of its own (by place, year, 《title》, 文号 or issuer, or words of that notice's
            # title): an ask naming none asks on about the one named before it.
            # (In a question a 文号 routes, words of another notice's title are no name:
            # "赣医保字〔2020〕17号…？“互联网+”中医复诊怎样才能纳入医保支付？" asks on about
            # the routed notice.)
            nid = self.asked.get(self._key_of(ask), "")
            nid = "" if nid in retelling or nid in placed_out else nid
            if nid in notices and not names_by_title_word(ask, nid, notices, places=False):
                # Another edition of that document named by a word of its title and its
                # kind ("…暂行规定时期要求多少？换成管理办法后提高到多少？": the 暂行规定 the
                # 管理办法 replaced, whose search ranks the 管理办法 first) is the ask's own.
                nid = next(
                    (
                        other
                        for other in dict.fromkeys(h.chunk.notice_id for h in hits)
                        if other != nid
                        and other not in retelling
                        and other not in placed_out
                        and names_by_title_word(ask, other, notices, places=False)
                        and editions_of_one(notices[other], notices[nid])
                    ),
                    nid,
                )
            if nid in silenced and names_place_only(ask, nid, notices):
                # (江西's 控烟 notice for "南昌的食品企业…企业标准备案，江西省规定…？备案后
                # 多久公开？": of the place named, on another topic)
                nid = ""
            named = bool(nid) and (
                names_own(ask, nid, notices)
                or (
                    not any(h.routed for h in hits)
                    and any(start <= a < at for a, _ in naming.get(nid, ()))
                )
            )
            # A notice of the ask's own search, not chosen already, joins only when it is on
            # the topic of the rest of the question: "…多长时间内转到县妇幼复筛？跟国家通知定的
            # 时限比哪个更紧？" searched alone finds any national 时限. (Read once, when asked.)
            rest = question[:start] + question[at:]
            if (
                named
                and nid not in notices_chosen
                and names_by_year_only(ask)
                and not names_by_title_word(ask, nid, notices, changes=False)
                # (nor by a stretch of its title: 2023年医疗监督执法工作规范)
                and not any(start <= a < at for a, _ in naming.get(nid, ()))
            ):
                # Named by a year only ("2024年的新管理办法改成了多长？"): the notice must be
                # about what the rest of the question asks.
                named = self.topics.joins(rest, nid, hits, notices_chosen)
            on_topic: bool | None = None
            if (
                named
                and several
                and nid not in notices_chosen
                and COMPARES_BACK.search(ask)
                and names_place_only(ask, nid, notices)
            ):
                # "跟国家通知定的时限比哪个更紧？" compares with what the ask before asked, and
                # names a national notice, not which: its own search's first one off the
                # question's topic is none it names.
                on_topic = self.topics.on_topic(rest, nid, hits)
                named = on_topic
            referred = {nid} if named else set()
            placed: set[str] = set()
            if named and not several and not names_own(ask, nid, notices):
                # One place asked of ("那大同呢？…医院什么时候要全部做到一码通用？"): an ask
                # naming a notice of elsewhere only by words of its title (a national one's
                # 一码通用) is answered by the place's notice already chosen where that says
                # it nearly as well (within ``other`` of the best).
                place = [p for p in named_places(question) if p != "全国"]
                if len(place) == 1 and not of_places(question, nid, notices):
                    placed = notices_chosen
                    referred |= placed
            if (
                several
                and nid
                and not named
                and on_topic is not False
                and (
                    nid in notices_chosen
                    or (self.topics.on_topic(rest, nid, hits) and of_places(question, nid, notices))
                )
            ):
                referred = {nid, *notices_chosen}
            scored = scored_for(ask)
            own = [
                s
                for s in scored
                if hits[s.hit_index].chunk.notice_id in (referred or notices_chosen)
            ]
            # (``_select`` reads in passage order; the ask is heard by its best sentence,
            # or by its next best when that one already answers another ask — not for an
            # ask whether the document is in force, which its status line answers.)
            # (A list of attachments answers no ask but what they are: "…点值是怎么算的？"
            # is not heard by "附件：…点数付费实施细则".)
            own = [s for s in own if not lists_attachments(s.text, ask)]
            ranked = sorted(self._select(own), key=lambda s: -s.score)
            if placed and ranked:
                top = ranked[0].score
                ranked.sort(
                    key=lambda s: (
                        not (
                            hits[s.hit_index].chunk.notice_id in placed
                            and s.score >= self.params.other * top
                        ),
                        -s.score,
                    )
                )
            if ranked and read_ask(ask).asks_status and any(overlaps(ranked[0], c) for c in out):
                ranked = []
            best = [s for s in ranked if not any(overlaps(s, c) for c in out)][:1]
            if (
                ranked
                and not best
                and any(overlaps(ranked[0], c) for c in out)
                and _answers_other(ranked[0], ask, asks, scored_for)
            ):
                # Its best sentence is another ask's, which it answers better ("…多久做一次
                # 康复评估？家长每年至少要接受多少学时…？": the 12学时 sentence): the ask is
                # heard by its own next sentence holding the kind of value it asks for (or
                # its next sentence, when it asks a value of no kind a sentence holds:
                # "区级储备中心要备多少库存？" → "…区级储备中心不少于3个月平均用量").
                # (Only an ask of an amount: "案件按什么类别统计？" asks none, and its next
                # sentence is no answer of it.)
                typed = any(s.typed for s in own) or not _AMOUNT_ASKED.search(ask)
                best = [
                    s
                    for s in sorted(own, key=lambda s: -s.score)
                    if (s.typed or not typed)
                    and s.score > self.params.no_match
                    and not any(overlaps(s, c) for c in out)
                ][:1]
            # An ask naming a notice no 文号 routed to is not held against the routed
            # notice's passages, which the 文号 put first for another ask.
            rivals = (
                [s for s in scored if not hits[s.hit_index].routed]
                if named and not any(h.routed and h.chunk.notice_id == nid for h in hits)
                else scored
            ) or scored
            if (
                best
                and hits[best[0].hit_index].chunk.notice_id not in notices_chosen
                and best[0].score < self.params.keep * max(s.score for s in rivals)
            ):
                # A notice not chosen speaks for its ask only with a sentence that holds
                # its own against the best any passage has for it.
                best = []
            if best and not any(overlaps(best[0], c) for c in out):
                out.append(best[0])
        return out

    def _per_notice(
        self: _Generating,
        chosen: list[Sentence],
        sentences: Sequence[Sentence],
        hits: Sequence[Hit],
        named: Sequence[str],
        places: Sequence[str],
        own_scored: Mapping[str, Sequence[Sentence]] | None = None,
    ) -> list[Sentence]:
        """Each notice the question asks about by name or place, in a question about
        several, answers as it would alone: the sentences a question about that notice
        only would quote (``_select`` over its sentences), at most ``per_notice`` of them,
        so a notice covered by one sentence worded like the lead's also says what the
        lead's sentence did not. Other notices keep the one sentence they were heard in."""
        out: list[Sentence] = []
        for nid in dict.fromkeys(hits[s.hit_index].chunk.notice_id for s in chosen):
            mine = [s for s in chosen if hits[s.hit_index].chunk.notice_id == nid]
            if own_scored and own_scored.get(nid):
                # The question asks this notice its own thing ("国家的通知鼓励哪些地区…，
                # 湖南的意见又要求什么时候…"): its sentences are chosen by that part.
                picks = self._select(own_scored[nid])[: self.params.per_notice]
                if picks:
                    mine = [
                        *picks,
                        *(s for s in mine if not any(overlaps(s, p) for p in picks)),
                    ][: self.params.per_notice]
            out.extend(mine)
            if nid not in named and hits[mine[0].hit_index].region not in places:
                continue
            own = [s for s in sentences if hits[s.hit_index].chunk.notice_id == nid]
            room = self.params.per_notice - len(mine)
            for s in self._select(own)[: self.params.per_notice]:
                if room <= 0:
                    break
                if s not in out and not any(overlaps(s, c) for c in out):
                    out.append(s)
                    room -= 1
        return out


# An amount asked, of whatever kind (多少库存, 几个): what a next sentence may state.
_AMOUNT_ASKED = re.compile(r"多少|几")


def _answers_other(
    sentence: Sentence,
    ask: str,
    asks: Sequence[str],
    scored_for: Callable[[str], Sequence[Sentence]],
) -> bool:
    """Whether ``sentence``, the best for ``ask``, is another ask's best too and scores
    higher for it (``scored_for``: an ask's scored sentences): it is that ask's answer."""
    for other in asks:
        if other == ask:
            continue
        top = max(scored_for(other), key=lambda s: s.score, default=None)
        if top is not None and overlaps(top, sentence) and top.score > sentence.score:
            return True
    return False
