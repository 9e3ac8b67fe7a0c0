"""Which notices speak for the place a question asks of.

A question asking of one place ("我在喀什…", "江苏省…", "那温州呢？") is answered by the
notices that can meet it: the place's own, a national one where the place is only where the
asker is, a city's own where the city is asked of. Another province's notice, another city's
and, asked of the province, a district's say the same kind of thing of somewhere else; the
place check (``constraints.regions``) names them when they are all there is. A national list
grouped by province answers for the place by its entries (``place_group``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from rag.answer.constraints import names_own_document
from rag.answer.constraints.regions import (
    cities_asked,
    city_own,
    local_own,
    other_cities_own,
    province_apart,
)
from rag.answer.params import AnswerParams
from rag.answer.questions import named_outright, named_places
from rag.answer.scoring import Sentence, asks_about_text
from rag.answer.text import bigram_set, shares_topic
from rag.places import PROVINCE_NAMES, local_province
from rag.query_filters import separate_asks
from rag.records import Hit


class TopicJudge(Protocol):
    """Whether a notice's retrieved passages are on a question's topic (the extractive
    generator judges by the idf weights of the question's words)."""

    def on_topic(self, rest: str, nid: str, hits: Sequence[Hit]) -> bool: ...

    def joins(self, rest: str, nid: str, hits: Sequence[Hit], chosen: Iterable[str]) -> bool: ...

    def share_in(self, rest: str, text: str) -> float: ...


def of_place(
    question: str,
    place: str,
    sentences: list[Sentence],
    hits: Sequence[Hit],
    params: AnswerParams,
    topics: TopicJudge,
) -> list[Sentence]:
    """The sentences that speak for the one place a question asks of (``place``, a
    province short name).

    - A city asked of is heard from its own notice where that answers (``_own_city``).
    - Another city's own notice says nothing for the city asked of, nor a city's or
      district's own notice for its province asked of, where the rest hold their own.
    - When the best sentence's notice meets the place, the notices that cannot meet it
      say nothing beside it; when that notice is national and the place is only where the
      asker is (a city named bare), the place's own notices speak instead where they hold
      their own.
    - When it cannot meet the place, the notices that could speak (of the place, or of no
      region read, or whose title or sentences name the place; a national notice too when
      the place is only where the asker is), if one of them is on the question's topic.
      When none is, and the best is another province's notice whose title names the topic,
      the place's notices on another topic say nothing either (the place check then says
      the place has no such notice).
    """
    if not sentences:
        return sentences
    # (named outright, not only where the asker is: a city named bare)
    outright = place in named_outright(question)
    kept = {place, ""}
    if not outright:
        kept.add("全国")
    said: dict[str, str] = {}
    for s in sentences:
        nid = hits[s.hit_index].chunk.notice_id
        said[nid] = said.get(nid, "") + s.text
    first: dict[str, Hit] = {}
    for h in hits:
        first.setdefault(h.chunk.notice_id, h)
    meets = {
        nid
        for nid, text in said.items()
        if first[nid].region in kept or place in first[nid].title or place in text
    }
    best = max(sentences, key=lambda s: s.score)
    lead = hits[best.hit_index].chunk.notice_id
    cities = cities_asked(question)
    if len(cities) == 1 and not province_apart(question, cities):
        own_city = _own_city(question, cities[0], sentences, hits, first, params, topics)
        if own_city:
            return own_city
    if len(cities) == 1:
        # "玉溪，宝宝出生证…": another city's own notice (大理's) does not speak for this
        # city; the province's may.
        others = {nid for nid, h in first.items() if other_cities_own(cities[0], h.title, h.issuer)}
    elif outright:
        # "那重庆的医调委…": asked of the province and of no place below it, a city's or
        # district's own notice does not speak beside the province's.
        others = {
            nid
            for nid, h in first.items()
            if h.region == place
            and (local := local_own(h.title, h.issuer, place))
            and local not in question
        }
    else:
        others = set()
    rest = [s for s in sentences if hits[s.hit_index].chunk.notice_id not in others]
    # (When what the rest say holds its own against the best: else the other place's
    # notice is the closest, and the place check says so.)
    if others and any(s.score >= params.keep * best.score for s in rest):
        sentences = rest
        best = max(sentences, key=lambda s: s.score)
        lead = hits[best.hit_index].chunk.notice_id
    if lead in meets:
        # (Read on the ask naming the place: "…2023年…指导意见鼓励…？江西医保局对…怎么支持？"
        # asks the other notice the other ask.)
        asks = separate_asks(question)
        own_ask = next((a for a in asks if place in a or any(c in a for c in cities)), question)
        if first[lead].region == place:
            # The best is the place's notice on another topic (江西's 控烟 notice, whose
            # 2个工作日内 is another time limit, for "南昌的食品企业…企业标准备案，江西省规定多少个
            # 工作日内办完"), while a notice of elsewhere is on it: the place's notices on
            # another topic say nothing, and the place check says it has no such notice.
            off = _off_topic(
                own_ask,
                place,
                [nid for nid in meets if first[nid].region == place],
                first,
                hits,
                topics,
            )
            if lead in off:
                return [s for s in sentences if hits[s.hit_index].chunk.notice_id not in off]
        if first[lead].region == "全国" and not outright and not asks_about_text(question):
            # "我在杭州一家医院拍过片子…": asked where the asker is, the province's own
            # notice on the topic speaks before the nation's, where it holds its own.
            own_place = [
                s for s in sentences if first[hits[s.hit_index].chunk.notice_id].region == place
            ]
            if own_place and max(s.score for s in own_place) >= params.keep * best.score:
                return own_place
            # The place's own sentence saying what the nation's says, in its own figure
            # ("经治医师应当在患者死亡后12小时内签发证明书" beside the nation's "…24小时内签发
            # 《死亡医学证明（推断）书》", scored lower for the words it does not repeat): the
            # rule where the asker is.
            restating = [
                s
                for s in own_place
                if s.score > 0 and (s.typed or not best.typed) and _restates(s.text, best.text)
            ]
            if restating:
                return restating
        # (Another province's notices say nothing beside it: a 长春 notice is no part of
        # an answer for 兰州. A national one may where the question names the nation too;
        # else not beside the place's own: "在安庆做了个…小手术，…会打电话回访吗" is
        # answered by 安徽's rule, not also by the nation's.)
        nation = (
            first[lead].region != place
            or "全国" in named_places(question)
            # (or another ask names a document of its own: "辽宁2020年…要点要求…？2023年社区
            # 医院建设三年行动要求…？")
            or any(a != own_ask and names_own_document(a) for a in asks)
        )

        def heard(s: Sentence) -> bool:
            nid = hits[s.hit_index].chunk.notice_id
            return nation if first[nid].region == "全国" else nid in meets

        return [s for s in sentences if heard(s)]
    # What the question names of the best sentence's notice (its title's words the
    # question holds) is the topic: a notice of the place on another topic does not
    # answer (重庆's 尘肺病随访 for "重庆市的高危孕产妇专案管理…多久随访").
    if bigram_set(question) & bigram_set(hits[best.hit_index].title):
        on_topic = {
            nid
            for nid in meets
            if shares_topic(question, hits[best.hit_index].title, first[nid].title + said[nid])
        }
    else:
        # (The best notice's title shares no words with the question — a repost's
        # headline, everyday words: a notice of the place holding the question's
        # topic words is on topic, and so is one whose passage the question's meaning
        # finds as close as the best notice's: "宁波一家第三方检验所查出…指标危险…" shares
        # no word with 浙江's 危急值 rule, which the dense search ranks above 江苏's.)
        lead_cosine = _closest(lead, hits)
        on_topic = {
            nid
            for nid in meets
            if topics.on_topic(question, nid, hits)
            or (lead_cosine is not None and (_closest(nid, hits) or -1.0) >= lead_cosine)
        }
    own = [s for s in sentences if hits[s.hit_index].chunk.notice_id in on_topic]
    if any(s.score > params.no_match for s in own):
        return own
    lead_region = first[lead].region
    if lead_region not in ("", "全国", place) and _topic_of(question, place, first[lead].title):
        # The best is another province's notice whose title names the topic asked, and no
        # notice of the place is on it (宁夏's 健康检查 办法 for "宁夏是怎么判定水痘聚集性疫情
        # 的", beside 上海's 水痘 notice): the place's notices on another topic say nothing
        # for it, and the place check says the place has no such notice.
        off = {nid for nid in meets if first[nid].region == place} - on_topic
        return [s for s in sentences if hits[s.hit_index].chunk.notice_id not in off] or sentences
    return sentences


def _restates(text: str, other: str) -> bool:
    """Whether ``text`` says what ``other`` says: half of its bigrams or more are
    ``other``'s."""
    own = bigram_set(text)
    return bool(own) and len(own & bigram_set(other)) >= len(own) / 2


def _closest(nid: str, hits: Sequence[Hit]) -> float | None:
    """The best dense cosine of notice ``nid``'s retrieved passages (None when no passage
    of it was found by the dense search)."""
    cosines = [h.dense for h in hits if h.chunk.notice_id == nid and h.dense is not None]
    return max(cosines, default=None)


def _off_topic(
    question: str,
    place: str,
    candidates: Sequence[str],
    first: Mapping[str, Hit],
    hits: Sequence[Hit],
    topics: TopicJudge,
) -> set[str]:
    """The notices of ``candidates`` (of the place asked) on another topic than the
    question's while a document of elsewhere among the hits is on it: the other's title
    names some of the question (``_topic_of``) and holds at least ``_TITLE_NAMES`` of its
    words, and its passages hold enough of them (``TopicJudge.on_topic``), while the
    notice's passages hold too little beside them (``TopicJudge.joins``) and its title under
    half of what the other's holds, the places' names aside (炭疽 in both titles: on one
    topic)."""
    rest = _without_places(question, place)
    on_topic = [
        (other, held)
        for other, h in first.items()
        if h.region not in ("", place)
        and h.issuer  # (a document's title: a report's headline names no document)
        and _topic_of(question, place, h.title)
        and (held := topics.share_in(rest, h.title)) >= _TITLE_NAMES
        and topics.on_topic(rest, other, hits)
    ]
    if not on_topic:
        return set()
    off: set[str] = set()
    for nid in candidates:
        own = topics.share_in(rest, first[nid].title)
        if any(
            2 * own < held and not topics.joins(rest, nid, hits, [other])
            for other, held in on_topic
        ):
            off.add(nid)
    return off


# The share of a question's words (by idf, the places' names aside) a title must hold to name
# what the question asks about: a headline sharing one everyday word (片子) names nothing.
_TITLE_NAMES = 0.3


def _without_places(question: str, place: str) -> str:
    """The question without the place asked, the cities it names and the nation: what it
    asks about, whoever's rule it is."""
    names = {PROVINCE_NAMES.get(place, place), place, *cities_asked(question), *_NATION}
    for name in sorted(names, key=len, reverse=True):
        question = question.replace(name, " ")
    return question


_NATION = ("国家", "全国", "国务院", "中央")


def _topic_of(question: str, place: str, title: str) -> frozenset[str]:
    """The bigrams ``title`` shares with ``question`` besides those of the place asked and
    of the cities the question names: what of the question the title names."""
    names = [PROVINCE_NAMES.get(place, place), *(f"{c}市" for c in cities_asked(question))]
    return (bigram_set(question) & bigram_set(title)) - bigram_set(" ".join(names))


# Provinces by their full and short names, longest first.
_PLACE_NAMES = re.compile(
    "|".join(
        map(re.escape, sorted({*PROVINCE_NAMES, *PROVINCE_NAMES.values()}, key=len, reverse=True))
    )
)


def _own_city(
    question: str,
    city: str,
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    first: Mapping[str, Hit],
    params: AnswerParams,
    topics: TopicJudge,
) -> list[Sentence]:
    """ "那在武汉呢？…多久能知道结果？", "那温州呢？市里有没有…再加项目？": the sentences of
    the city's own notice, where one was retrieved and the best sentence is another's,
    when they speak for the city rather than the province's or the nation's: its notice is
    on the question's topic as the best one's is (``TopicJudge.joins``; the city's notice
    on another topic, 无烟医疗机构 for "曲靖的碘缺乏病监测…", does not speak), and their best
    holds its own against the best (``keep``) or answers (above ``no_match``, holding the
    kind of value asked, if any). A report asked of is read as it is. Else none."""
    best = max(sentences, key=lambda s: s.score)
    lead = hits[best.hit_index].chunk.notice_id
    if city_own(city, first[lead].title) or asks_about_text(question):
        return []
    own = [s for s in sentences if city_own(city, first[hits[s.hit_index].chunk.notice_id].title)]
    if not own:
        return []
    top = max(own, key=lambda s: s.score)
    # (The place's names, which the city's own notice holds whatever its topic, say nothing
    # of it: "上海浦东新区的狂犬病…门诊" is not on the topic of 浦东's 健康检查 notice.)
    topic = re.sub(rf"{re.escape(city)}(?:新区|地区|区|县|市|州|盟|旗)?", " ", question)
    topic = _PLACE_NAMES.sub(" ", topic)
    joins = topics.joins(topic, hits[top.hit_index].chunk.notice_id, hits, [lead])
    if top.score >= params.keep * best.score and joins:
        return own
    answers = (
        top.score > params.no_match
        and (top.typed or not any(s.typed for s in sentences))
        and not asks_about_text(question)
    )
    if answers and joins:
        return own
    return []


# A line of a list grouped by province that heads one province's entries ("北京市（1个）",
# "四川省（3名）"): the place, then how many entries follow.
_GROUP_COUNT = r"\s*[（(]\s*\d+\s*[个名项家所人]\s*[）)]\s*$"
_GROUP_ENTRIES = 12


def place_group(
    places: Sequence[str], hits: Sequence[Hit], sentences: Sequence[Sentence]
) -> list[Sentence]:
    """The entries a national list gives under the heading of the place asked about
    ("…上海评上的是哪支队伍" read from a list headed "上海市（1个）"), heading first, when no
    passage read is that place's own notice: [] otherwise."""
    asked = [p for p in places if p != "全国"]
    if not asked or any(h.region in asked for h in hits):
        return []
    heading = re.compile(
        rf"^(?:{'|'.join(map(re.escape, asked))})"
        rf"(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)?{_GROUP_COUNT}"
    )
    another = re.compile(rf"^[\u4e00-\u9fff]{{2,12}}{_GROUP_COUNT}")
    for s in sentences:
        if not heading.match(s.text):
            continue
        group = [s]
        after = sorted(
            (t for t in sentences if t.hit_index == s.hit_index and t.start >= s.end),
            key=lambda t: t.start,
        )
        for t in after[:_GROUP_ENTRIES]:
            if another.match(t.text):
                break
            group.append(t)
        return group
    return []


def provinces_own(question: str, chosen: list[Sentence], hits: Sequence[Hit]) -> list[Sentence]:
    """In a question of several places, a province named outright and of no place below it
    (国家、上海、宁夏各…) is heard from its own notice: a city's or district's own notice of
    it (银川's) says nothing beside the province's, as ``of_place`` has it for one place."""
    outright = set(named_outright(question))
    first: dict[str, Hit] = {}
    for h in hits:
        first.setdefault(h.chunk.notice_id, h)
    heard = {hits[s.hit_index].chunk.notice_id for s in chosen}
    # The place below its province each heard notice is the own of ("" for the province's
    # own), and of those of a province named outright.
    mine = {nid: local_own(first[nid].title, first[nid].issuer, first[nid].region) for nid in heard}
    local = {nid: place for nid, place in mine.items() if first[nid].region in outright}
    own = {first[nid].region for nid, place in local.items() if not place}
    below = {
        nid
        for nid, place in local.items()
        if place and first[nid].region in own and place not in question
    }
    # The reverse: cities or districts asked bare ("大连和永川的医院各…") whose own notices
    # are heard are answered by them; their province's own notice and, the nation not
    # asked, a national one say the same thing of somewhere else.
    cities = [c for c in cities_asked(question) if local_province(c) not in outright]
    answered = {c for c in cities if c in mine.values()}
    if answered and len(answered) == len(cities):
        asked = {local_province(c) for c in cities} | set(outright)
        above = {
            nid
            for nid, place in mine.items()
            if not place
            and (
                (first[nid].region in asked and first[nid].region not in outright)
                or (first[nid].region == "全国" and "全国" not in named_places(question))
            )
        }
        below |= above
    return [s for s in chosen if hits[s.hit_index].chunk.notice_id not in below]


def give_way(
    chosen: Sequence[Sentence],
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    keep: float,
    to: Callable[[Sentence], Callable[[str], bool] | None],
) -> list[Sentence]:
    """``chosen`` with each sentence for which ``to`` names the notices it gives way to (a
    test of notice ids; None: it stays) replaced by the best sentence among ``sentences`` of
    one of them, when that one holds the kind of value asked as it does and scores at least
    ``keep`` × its score."""
    out: list[Sentence] = []
    for s in chosen:
        wanted = to(s)
        instead = (
            []
            if wanted is None
            else [
                t
                for t in sentences
                if wanted(hits[t.hit_index].chunk.notice_id)
                and (t.typed or not s.typed)
                and t.score >= keep * s.score
            ]
        )
        best = max(instead, key=lambda t: t.score, default=None)
        out.append(s if best is None else best)
    return list({(t.hit_index, t.start): t for t in out}.values())


def province_heard(
    question: str,
    chosen: list[Sentence],
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    keep: float,
    repealed: Iterable[str] = (),
) -> list[Sentence]:
    """In a question of several places, a province named outright and heard only from a
    notice of a place below it (泉州's for 福建, asked "福建和甘肃现在各是怎么规定的") is heard
    from its own notice instead (``give_way``): the best sentence among ``sentences`` of a
    notice of the province itself (none of ``repealed``)."""
    outright = set(named_outright(question))
    first: dict[str, Hit] = {}
    for h in hits:
        first.setdefault(h.chunk.notice_id, h)

    def below(nid: str) -> str:
        h = first[nid]
        return local_own(h.title, h.issuer, h.region)

    heard = {hits[s.hit_index].chunk.notice_id for s in chosen}
    own = {first[nid].region for nid in heard if not below(nid)}

    def to(s: Sentence) -> Callable[[str], bool] | None:
        nid = hits[s.hit_index].chunk.notice_id
        region, place = first[nid].region, below(nid)
        if region not in outright or region in own or not place or place in question:
            return None
        return lambda other: (
            other not in repealed and first[other].region == region and not below(other)
        )

    return give_way(chosen, sentences, hits, keep, to)
