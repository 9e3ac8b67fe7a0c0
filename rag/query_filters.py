"""What a query says of itself before it is searched: the 文号 it names, the filters it
implies (a province or a year named in it), and whether anything but a 文号 is asked.

A province named in a query is a filter when it is the one place the query names: a city of
another province (平凉市), a national word (国家, 国务院) or a national body of the index (read
from its national notices' issuers: 民政部, 全国老龄办) beside it makes the province part of
the topic. A year is a filter when it dates the notice asked about, not a deadline, target or
start (``grammar.document_years``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rag.docno import find_doc_numbers, normalize_doc_number
from rag.grammar import SIGNING_OFFICES, YEAR_RANGE, document_years
from rag.places import (
    CENTRE,
    CITY_PROVINCE,
    PROVINCES,
    cities_named,
    cities_with_suffix,
    listed_bare_cities,
    local_province,
    places_in,
    provinces_named,
)
from rag.records import Notice

_NATIONAL_WORDS = ("国家", "全国", "国务院", "中央", "国卫", "国办")
_NATIONAL_NAMED = re.compile("|".join(_NATIONAL_WORDS).replace("中央", CENTRE))
# What is left of "国办发〔2020〕25号是什么文件？" once the 文号 is gone asks for no topic.
_GENERIC_ASK = re.compile(
    r"主要内容|讲了什么|说了什么|讲的是什么|讲什么|是什么|什么|关于|内容|文件|通知|哪个|哪份"
    r"|介绍|一下|请问|主要|这份|这个|该|是|的|了|吗|呢|啥|[\W_]"
)


def asks_for_topic(rest: str) -> bool:
    """Whether a query, its 文号 removed, still names a topic (not just "讲了什么？")."""
    return len(_GENERIC_ASK.sub("", rest)) >= 2


@dataclass(frozen=True)
class Filters:
    """Restrictions on which notices may be returned; empty fields restrict nothing.

    ``year_to`` makes ``year`` the first of a range (2024—2025年). ``keep_unknown`` keeps
    notices whose region or date was never read: a province or year named in a question
    (inferred filters) excludes notices known to be of another one, not those unknown.
    """

    region: str = ""
    year: int | None = None
    issuer: str = ""
    category: str = ""
    year_to: int | None = None
    keep_unknown: bool = False
    # The question asks what a report says (报道, 日报, 解读): its year may be the year the
    # report tells of, and the report printed after it (``_reports_on_year``).
    reports: bool = False
    # Validity: keep only notices of these statuses (现行有效, 已过有效期, …) as of ``as_of``
    # (ISO date; None = today). ``as_of`` alone restricts nothing: it dates the statuses
    # hits carry and the ranking of notices no longer in force.
    status: tuple[str, ...] = ()
    as_of: str | None = None

    def allows(self, notice: Notice) -> bool:
        unknown_region = self.keep_unknown and not notice.region
        # (A province read from a question keeps a national notice whose title names it:
        # 关于推广上海市发热门诊建设管理工作经验的通知 is about 上海.)
        about_region = self.keep_unknown and notice.region == "全国" and self.region in notice.title
        if self.region and notice.region != self.region and not (unknown_region or about_region):
            return False
        if self.year is not None:
            year = notice.date[:4]
            if not year.isdigit():
                if not self.keep_unknown:
                    return False
            elif not self.year <= int(year) <= (self.year_to or self.year) and not (
                self.keep_unknown and self._reports_on_year(notice, int(year))
            ):
                return False
        if self.issuer and self.issuer not in notice.issuer:
            return False
        return not (self.category and self.category != notice.category)

    def _reports_on_year(self, notice: Notice, dated: int) -> bool:
        """A text without 文号 (a news report, a reading) printed after the year a question
        asking what a report says names, and telling of that year: kept, as a province keeps
        a national notice titled with it. "解放日报报道，2024年上海有多少家互联网医院？" names
        the year of the figures, and the paper printing "2024年全市已有互联网医院142家" is of
        January 2025; a notice with a 文号 is dated by its issuing."""
        if not self.reports or notice.doc_number or self.year is None:
            return False
        last = self.year_to or self.year
        return dated > last and any(f"{y}年" in notice.text for y in range(self.year, last + 1))

    def is_empty(self) -> bool:
        return not (self.region or self.year or self.issuer or self.category or self.status)


_BODY_SPLIT = re.compile(r"[、，,；;\s]+|和|及|与")
_OFFICE = re.compile(rf"(?:{SIGNING_OFFICES}|医疗救治组)?等?$")


def national_bodies(notices: Collection[Notice]) -> frozenset[str]:
    """The issuing bodies of an index's national notices (民政部, 国家医保局, 全国老龄办), read
    from their issuer lines without the office that signs for them (办公厅, 综合司)."""
    bodies: set[str] = set()
    for n in notices:
        if n.region != "全国":
            continue
        for part in _BODY_SPLIT.split(n.issuer):
            body = _OFFICE.sub("", part.strip())
            if len(body) >= 3:
                bodies.add(body)
    return frozenset(bodies)


# Words asking what a report or reading says ("解放日报报道，…", "湖南日报的报道说", "解读里说").
_ASKS_OF_REPORT = re.compile(r"报道|日报|晚报|报纸|新闻|记者|采访|解读|问答")


def analyse_query(
    query: str, regions: set[str], national_bodies: Collection[str] = ()
) -> tuple[list[str], Filters, str]:
    """文号 named in the query, filters read from it, and the query with the 文号 removed.

    A province is a filter only when it is the one place the query names: a city of another
    province (平凉市), a national word (国家, 国务院) or a national body of the index
    (``national_bodies``: 民政部, 全国老龄办) beside it makes the province part of the topic.
    """
    doc_numbers: list[str] = []
    rest = query
    for m in reversed(find_doc_numbers(query)):
        doc_numbers.insert(0, m.doc_number.normalized)
        rest = rest[: m.start] + " " + rest[m.end :]
    if not doc_numbers:
        # "国卫办医函 2020 357号"-style queries typed without brackets.
        whole = normalize_doc_number(query.strip().rstrip("？?。讲了什么的主要内容是"))
        if whole:
            doc_numbers = [whole]
    named = {p for p in PROVINCES if p in rest and p in regions}
    # "浙江的…和平凉市的…": a city's province counts as a place named; so does a province
    # the index has no notice of ("山东和河南各是哪支医疗队…": not a question about 山东's).
    places = set(places_in(rest)) | {p for p in PROVINCES if p in rest}
    if places:
        # ("苏州和重庆万州区的…": a city named bare beside a province is a second place.)
        places |= {local_province(c) for c in listed_bare_cities(rest)}
    # "国家和河北省…", "民政部等五部门的通知和河北的意见…": a national body named beside the
    # province makes the province part of the topic, not a restriction.
    national = bool(_NATIONAL_NAMED.search(rest)) or any(body in rest for body in national_bodies)
    region = named.pop() if len(named) == 1 and len(places) == 1 and not national else ""
    span = YEAR_RANGE.search(rest)
    year: int | None
    year_to: int | None
    if span:
        first, last = sorted((int(span.group(1)), int(span.group(2))))
        year, year_to = first, (last if last != first else None)
    else:
        # A year the question dates the notice by ("2020年国家卫健委…"), not a deadline or
        # target it asks about ("到2021年…达到多少", "2021年底前", "从2024年起").
        years = document_years(rest)
        year, year_to = (years.pop() if len(years) == 1 else None), None
    if len(places) + national >= 2:
        # "国家的通知、四川的管理规范和山西2024年的办法各要求…": a year dates one place's
        # document of several asked about, not them all.
        year, year_to = None, None
    inferred = Filters(
        region=region,
        year=year,
        year_to=year_to,
        keep_unknown=True,
        reports=year is not None and bool(_ASKS_OF_REPORT.search(rest)),
    )
    return doc_numbers, inferred, rest.strip()


def places_asked(query: str, regions: set[str]) -> list[str]:
    """The places a query asks about in turn ("云南的任务、平凉市的分工…各怎么安排"): the
    provinces of the index it names, a named city's, and a city named beside its province
    named outright (辽宁省的办法和鞍山的通知: 辽宁, 鞍山); [] when it names fewer than two."""
    places = [p for p in PROVINCES if p in query and p in regions]
    places += [p for p in places_in(query) if p not in places and p in regions]
    # ("苏州和重庆万州区的…": a city named bare, 苏州, asks of 江苏.)
    places += [
        p
        for p in dict.fromkeys(local_province(c) for c in listed_bare_cities(query))
        if p not in places and p in regions
    ]
    if places and "全国" in regions and _NATION_ASKED.search(query):
        # "国家的通知、福建2024年的办法和厦门2025年的通知分别…": the nation is a place asked of.
        places.append("全国")
    # "辽宁省的管理办法和鞍山今年的通知又分别…": a city named beside its province named
    # outright is a place asked of too, its own notice beside the province's.
    outright = provinces_named(query)
    if outright:
        places += [
            c
            for c in dict.fromkeys(cities_with_suffix(query) + listed_bare_cities(query))
            if c not in places and local_province(c) in outright
        ]
    return places if len(places) >= 2 else []


def place_asked(query: str, regions: Collection[str]) -> str:
    """The one province of ``regions`` a query asks of, named outright or by a city or a
    district of it ("烟台一家三甲医院…" asks of 山东); "" when it names none, or several."""
    cities = [local_province(c) for c in cities_named(query)]
    found = list(dict.fromkeys([*provinces_named(query), *filter(None, cities)]))
    return found[0] if len(found) == 1 and found[0] in regions else ""


def city_asked(query: str, regions: Collection[str]) -> str:
    """The one city (or district, county) a query names, with its suffix or bare ("那曲靖市
    里…", "宁波一家检验所…"), in a province of ``regions``; "" when it names none, or
    several."""
    cities = cities_named(query)
    return cities[0] if len(cities) == 1 and local_province(cities[0]) in regions else ""


# The nation named as one of the places asked of ("国家、上海、宁夏各…", "人工接通率国家是怎么
# 要求的"), not a country a notice speaks of (疟疾流行国家, 其他国家).
_NATION_ASKED = re.compile(
    r"(?<!流行)(?<!发达)(?<!其他)(?<!相关)(?<!有关)(?<![各外])(?:国家|全国|中央)"
    r"(?=的|、|和|与|及|跟|是|对(?!口)|怎么|如何|要求|规定|层面|级|卫生|卫健|文件|通知|又|呢|[，,])"
)


# What asks something: a part of a question without any of these only names a notice
# ("国家的通知和…") or a topic ("那农村呢？").
ASKS = re.compile(
    r"什么|哪|多少|几|怎么|怎样|如何|吗|是否|何时|多久|多长|多大|多高|多快|要不要|能不能|是不是|谁|啥"
)


# A list of documents a question asks the same thing of ("浙江“三医联动”通知、2023年紧密型县域
# 医共体指导意见和四川城市医联体推进方案分别怎么说？"): the stretch before 分别 / 各 in one
# clause, its items joined by 、 / 和 / 与 / 及 / 以及, each ending in a kind of document.
_LISTED = re.compile(
    r"(?P<list>[^，,。？?；;：:]{4,160}?)(?:分别|各自|各)"
    r"(?=怎|如何|是|有|提|规定|要求|对|作|做|说|讲|明确|部署|安排|强调|写|定)"
)
_LIST_JOINT = re.compile(r"、|以及|和|与|及|跟")
_DOCUMENT_END = re.compile(
    r"(?:通知|意见|方案|办法|规范|细则|要点|任务|行动|规划|决定|公告|指南|标准|文件|计划|条例"
    r"|规定|纲要|批复|函|法|政策|措施|清单|目录)[”\"》）)]*(?:里|中|上|当中)?$"
)


def listed_documents(question: str) -> list[str]:
    """The documents a question names in one list and asks the same thing of, each as its
    own ask (the document's words, then the rest of the question), so that each is
    searched with the filters its own words imply: the year of one (2023年…指导意见) does
    not keep the others (浙江…通知) out. [] when fewer than two are listed."""
    m = _LISTED.search(question)
    if not m:
        return []
    items: list[str] = []
    pending = ""
    stretch = m.group("list")
    at = 0
    for joint in [*_LIST_JOINT.finditer(stretch), None]:
        end = joint.start() if joint else len(stretch)
        pending += stretch[at:end]
        if _DOCUMENT_END.search(pending.strip()):
            items.append(pending.strip())
            pending = ""
        elif joint:
            pending += joint.group()
        at = joint.end() if joint else at
    if pending.strip() or len(items) < 2:
        return []
    rest = (question[: m.start("list")] + question[m.end() :]).strip()
    return [f"{item}：{rest}" for item in items]


def searched_asks(question: str) -> list[str]:
    """What a question asks, each searched on its own: its asks in turn
    (:func:`separate_asks`) and the documents it lists (:func:`listed_documents`). An ask
    naming only the places or documents it is asked of ("…出结果？国家、上海、宁夏各是怎么规定
    的？") asks what the ask before it did, and is not searched alone: it would find any rule of
    those places (:func:`names_only`)."""
    asks = [a for a in separate_asks(question) if not names_only(a)]
    return list(dict.fromkeys([*_topics_carried(asks), *listed_documents(question)]))


# What an ask says besides places and the frame around them when it asks only again, of
# other places or after a change ("海南改过以后和贵州又各是多少？").
_AGAIN = re.compile(r"(?:改过|修改|修订|调整|改)了?(?:以后|之后|后)?|现行|现在|多少|几")


def _topics_carried(asks: Sequence[str]) -> list[str]:
    """``asks`` with each ask that names only places (or a change of theirs) and asks
    "how much" again searched with the topic of the ask before it, in one ask that ends with
    it: "医院里…每年要培训多少学时？海南改过以后和贵州又各是多少？" searches the second for 学时
    in 海南 and 贵州, not for whatever those places changed."""
    out: list[str] = []
    topic = ""
    for ask in asks:
        rest = _PLACES_FRAME.sub("", _AGAIN.sub("", _without_places(ask, " ")))
        if topic and rest != ask and not rest.strip():
            # (one ask still: searched alone, it is not split again)
            out.append(topic.rstrip("？?。 ") + "，" + ask)
        else:
            out.append(ask)
            topic = ask
    return out


def names_only(ask: str) -> bool:
    """Whether ``ask`` names places or documents and asks nothing else of them ("国家、上海、
    宁夏各是怎么规定的？", "国家的通知、福建2024年的办法和厦门2025年的通知分别是怎么规定的？"; not
    "湖北和河南又分别定了多少？")."""
    rest = ask
    listed = _LISTED.search(ask)
    if listed and listed_documents(ask):
        rest = ask[: listed.start("list")] + " " + ask[listed.end("list") :]
    rest = _without_places(rest, " ")
    if rest == ask:
        return False
    return not _PLACES_FRAME.sub("", rest).strip()


# The names of places an ask may name, longest first (内蒙古 before 蒙古…).
_PLACE_NAMES = tuple(sorted({*PROVINCES, *CITY_PROVINCE, *_NATIONAL_WORDS}, key=len, reverse=True))


def _without_places(text: str, by: str = "") -> str:
    """``text`` with every place name of ``_PLACE_NAMES`` replaced by ``by``."""
    for name in _PLACE_NAMES:
        text = text.replace(name, by)
    return text


# The words asking a question of places in turn, and nothing of its own.
_PLACES_FRAME = re.compile(
    r"[省市县区州]|自治区|那边|这边|当地|又|各自|各|分别|都|是|怎么|如何|怎样|规定|要求|定|说|讲|写"
    r"|的|了|呢|吗|[？?，,、和与及跟\s]"
)


def separate_asks(question: str) -> list[str]:
    """The asks of a question that asks several things in turn, each its own sentence
    ending in ？ ("…多长时间为一个周期？到2021年覆盖率分别要达到多少？"); [] for one ask."""
    # A title may hold a question mark (《长期处方药怎么开？是否须本人领取？…》): no ask ends
    # inside 《》.
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(question):
        if ch == "《":
            depth += 1
        elif ch == "》":
            depth = max(0, depth - 1)
        elif ch in "？?" and depth == 0:
            parts.append(question[start : i + 1])
            start = i + 1
    parts = [p for p in [*parts, question[start:]] if p.strip()]
    asks = [
        p
        for i, p in enumerate(parts)
        if len(p.strip()) >= 4
        and (ASKS.search(p) or (i and ASKS.search(parts[0]) and _asked_again(p)))
    ]
    return asks if len(asks) >= 2 else []


# Two things asked of in one clause ("药品储备量和再次随访时限是怎么定的？", "接入平台的时限和资料
# 保存时间分别是多少？"): two names, each of three characters or more, joined by 和 / 与 / 及
# / 以及 / 跟, then the asking words and nothing else.
_JOINT_ASK = re.compile(
    r"(?P<a>[\u4e00-\u9fff]{3,14})(?:和|与|及|以及|跟)(?P<b>[\u4e00-\u9fff]{3,14}?)"
    r"(?:分别|各自|各)?(?:是|要|为|有)?"
    r"(?:怎么|如何|怎样|多少|多长|多久|几)[^，,。；;？?]{0,8}[？?]?$"
)


def joint_asks(question: str) -> list[str]:
    """A question's two asks joined in its last clause ("那2021年试行的那一版呢？药品储备量和
    再次随访时限是怎么定的？"): the question up to the first thing's name, and the second
    thing's name with the asking words; [] when the clause asks one thing, or names places or
    documents in turn ("国家的通知和陕西的管理办法各是怎么要求的？"). Else the asks of a
    last sentence each in a clause of its own (``_comma_asks``: "…空气检测多久一次，投诉几天
    内核查？")."""
    clause_at = max(question.rfind(c, 0, len(question.rstrip("？?"))) for c in "，,。；;？?") + 1
    m = _JOINT_ASK.fullmatch(question[clause_at:].strip())
    if m is None:
        return _comma_asks(question)
    for name in (m.group("a"), m.group("b")):
        if len(_without_places(name)) < 3 or _DOCUMENT_END.search(name) or ASKS.search(name):
            return []
    offset = clause_at + (len(question[clause_at:]) - len(question[clause_at:].lstrip()))
    return [question[: offset + m.end("a")], question[offset + m.start("b") :]]


def _comma_asks(question: str) -> list[str]:
    """Two asks of the last sentence each in a clause of its own ("那2021年试行的那一版呢？空气
    检测多久一次，投诉几天内核查？"): the question up to the end of the first asking clause,
    then each later one; [] unless every clause from the first asking one on asks a value
    (多少, 多久, 几天…) and none is a condition ("要是…", "…的") or names a place, a year
    or a document in turn (those are asked of notice by notice)."""
    body = question.rstrip("？? ")
    start = max(body.rfind("？"), body.rfind("?")) + 1
    starts = [start] + [i + 1 for i in range(start, len(body)) if body[i] in "，,"]
    clauses = [body[a : b - 1] for a, b in zip(starts, [*starts[1:], len(body) + 1], strict=True)]
    asking = [i for i, c in enumerate(clauses) if _CLAUSE_ASK.search(c)]
    if len(asking) < 2 or asking != list(range(asking[0], len(clauses))):
        return []
    for c in clauses[asking[0] :]:
        c = c.strip()
        if (
            _CONDITION.search(c)
            or _without_places(c) != c
            or re.search(r"\d{4}年", c)
            or _DOCUMENT_END.search(c)
        ):
            return []
    cuts = starts[asking[0] + 1 :]
    bounds = [0, *cuts, len(question) + 1]
    return [question[x : y - 1].strip() for x, y in itertools.pairwise(bounds)]


# A clause asking a value: 多少, 多久, 几天 (not 好几, 那几, 十几: told, not asked), when.
_CLAUSE_ASK = re.compile(
    r"多少|多久|多长|多快|多大|(?<![好那这十近哪百千万])几[^，,。？?\s]|什么时候|何时|哪天|哪几"
)
# A clause setting a condition rather than asking: "要是…", "如果…", "…的".
_CONDITION = re.compile(r"^(?:要是|如果|假如|若|万一|一旦)|(?:的|时候)$")


def _asked_again(part: str) -> bool:
    """Whether ``part`` asks of a thing of its own what the ask before it asked ("…健康管理率的
    要求是多少？体检报告抽查比例呢？"): words naming it, then 呢 — not a place, an edition or a
    time alone ("江西呢？", "那修改以后呢？", "2021年那版呢？" ask the same thing again)."""
    m = _ASKED_AGAIN.fullmatch(part.strip())
    if m is None:
        return False
    return len(_NOT_A_THING.sub("", _without_places(m.group(1)))) >= 4


_ASKED_AGAIN = re.compile(r"(?:那么?|还有)?([\u4e00-\u9fff\d]{2,16})呢[？?]")
# Words of a place, an edition or a time, which name no thing asked of.
_NOT_A_THING = re.compile(
    r"\d+年?|[省市县区州]|自治区|修改|修订|调整|改了|改过|以后|之后|以前|之前|原来|现在|后来|当时"
    r"|试行|正式|新版|旧版|[那这哪]?一?[版次个]|的"
)
