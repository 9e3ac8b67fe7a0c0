"""The place stage: a province or city the question names must be a cited notice's own."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from rag.answer.constraints.records import Unmet
from rag.grammar import simplified
from rag.places import (
    CITY_PROVINCE,
    PROVINCE_NAMES,
    cities_named,
    city_own,
    local_province,
    places_in,
    prefecture_of,
)
from rag.records import Notice


def cities_asked(question: str) -> list[str]:
    """The cities ``question`` names: as cities (天水市, 甘南州), in ``CITY_PROVINCE`` order,
    then bare, as words of their own (``bare_cities``: "绵阳的长护险"; a bare name inside
    other words, 保定 in 确保定点, is none)."""
    return cities_named(question)


def province_apart(question: str, cities: Sequence[str]) -> bool:
    """Whether ``question`` names a province apart from the cities it names, as the one
    whose rule is asked ("襄阳新开一家…，湖北省要求…"), not as where a city is (四川绵阳,
    四川省绵阳市)."""
    named = [p for p in PROVINCE_NAMES if p in question]
    return any(
        not any(re.search(f"{p}(?:省|市|自治区)?{c}", question) for c in cities) for p in named
    )


# A place below the province opening what follows a province's name in an issuer (重庆市
# 万州区卫生健康委员会, 四川省绵阳市…), not a body (市场监督管理局, 市级…).
_BELOW = re.compile(
    r"([\u4e00-\u9fff]{1,6}?)(自治州|自治县|自治旗|新区|市|区|县|州|盟|旗)([区县市])?(?![场级直属])"
)


_PROVINCE_SUFFIX = re.compile(r"^(?:省|市|(?:维吾尔|壮族|回族)?自治区)")


def local_own(title: str, issuer: str, province: str) -> str:
    """The place below ``province`` whose own a notice with ``title`` and ``issuer`` is
    (its issuer, else its title, names it before its body: 重庆市万州区卫生健康委员会 →
    万州, 绵阳市卫生健康委员会 → 绵阳), without its 市/区/县; "" for the province's own."""
    named = simplified(issuer or title).strip()
    full = PROVINCE_NAMES.get(province, "")
    for prefix in (full, province):
        if prefix and named.startswith(prefix):
            # (新疆自治区医疗保障局: the province's own name, however it is shortened)
            rest = _PROVINCE_SUFFIX.sub("", named[len(prefix) :])
            m = _BELOW.match(rest)
            if m is None:
                return ""
            # (万州区: 州 is part of the name when a 区 follows)
            return m.group(1) + m.group(2) if m.group(3) else m.group(1)
    return next((c for c in CITY_PROVINCE if c not in PROVINCE_NAMES and city_own(c, named)), "")


def other_cities_own(city: str, title: str, issuer: str = "") -> bool:
    """Whether a notice is another city's own than ``city``'s (it names another city of
    ``CITY_PROVINCE`` in its title or issuer, and not ``city``)."""
    above = prefecture_of(city)  # (a county's city speaks for it: 襄阳 for 老河口)
    if city_own(city, title, issuer) or (above and city_own(above, title, issuer)):
        return False
    # (a county or district of another city, named without its city: 定边县卫生健康局 is
    # 榆林's, not 延安's)
    for text in (issuer, title):
        m = _COUNTY_ISSUER.match(simplified(text))
        lies_in = prefecture_of(m.group(1)) if m else ""
        if lies_in and lies_in not in (city, above):
            return True
    return any(
        city_own(o, title, issuer) for o in CITY_PROVINCE if o != city and o not in PROVINCE_NAMES
    )


# A county's or district's own body opening an issuer or title: 定边县卫生健康局, 泰来县….
_COUNTY_ISSUER = re.compile(
    r"([\u4e00-\u9fff]{1,4}?)(?:自治县|自治旗|县|区|旗)(?:卫生|人民政府|医疗保障|疾病)"
)


def unmet_cities(
    cities: Sequence[str], cited: Sequence[Notice], question: str = "", quotes: str = ""
) -> list[Unmet]:
    """A city the question names (``cities_asked``), answered only from other cities' own
    notices ("天水市…"
    answered from 平凉市's): the province matches, the city does not. A provincial or
    national notice may still answer for the city, so only a cited notice that is another
    city's own (its title or issuer names that city, not this one) counts against — unless
    the question asks of the city's own document ("包头2024年的…建设工作通知里…"): then only
    that city's own notice meets it. A district or county is met by its city's own notice
    too, and by a quote naming it (大理's notice: "鹤庆县查螺410万平方米")."""
    out: list[Unmet] = []
    for city in cities:
        if any(city_own(city, n.title, n.issuer) for n in cited):
            continue
        above = prefecture_of(city)
        if city not in CITY_PROVINCE and (
            city in quotes or (above and any(city_own(above, n.title, n.issuer) for n in cited))
        ):
            continue
        if cited and names_city_document(question, city):
            out.append(Unmet("place", city, f"库中没有{city}的此类通知（所引不是{city}的通知）"))
            continue
        others = [
            [
                o
                for o in CITY_PROVINCE
                if o != city and o not in PROVINCE_NAMES and city_own(o, n.title, n.issuer)
            ]
            for n in cited
        ]
        if cited and all(others):
            names = "、".join(dict.fromkeys(o for found in others for o in found))
            out.append(Unmet("place", city, f"库中没有{city}的此类通知（所引为{names}的通知）"))
    return out


def names_city_document(question: str, city: str) -> bool:
    """Whether ``question`` asks of ``city``'s own document: the city, maybe a year, then a
    document's kind in one clause ("包头2024年的胸痛中心…建设工作通知里", "天水市的实施方案"),
    not asking which document it is ("西安执行的是哪个文件")."""
    m = re.search(
        rf"{city}(?:市|州|地区|盟|区|县|旗)?(?:(?:19|20)\d{{2}}年)?的?(?P<rest>[^，,。？?；;]{{0,20}}?)"
        r"(?:通知|方案|办法|细则|意见|规定|规范|要点)",
        question,
    )
    return m is not None and not re.search(r"哪|什么|按|参照|依据|执行|落实", m.group("rest"))


# How much of a notice whose region was not read says where it is about (its title and a
# news report's lead), rather than a place it mentions in passing.
_OPENING = 300


def unmet_places(
    places: Sequence[str],
    cited: Sequence[Notice],
    quotes: str,
    cities: Sequence[str] = (),
    reported: Collection[str] = (),
    asks_city: bool = False,
    located: Collection[str] = (),
) -> list[Unmet]:
    """Each place must be some cited notice's region, or named in its title or a quote (a
    city of it the question names, one of ``cities``, in a quote meets it too); a cited
    notice whose region is unknown meets it when its opening names the place, or when it
    quotes by title a notice of that place (``reported``: a news report on a 广东 公告).

    A question about one province answered only from a national notice is unmet too: the
    national rule may apply there, but the province's own notice is not in the index —
    unless the national text lists the province's own places: two of its cities, or one
    when the question asks which city ("…试验区里，甘肃的是哪个城市？"), or when the place
    is ``located``: only the province of a city named bare, where the asker is ("我在喀什开
    澡堂子…"), which a national rule answers for as well as the province's own.
    """
    out: list[Unmet] = []
    regions = {n.region for n in cited}
    for place in places:
        if place in regions:
            continue
        if any(not n.region and _names_place(n.text[:_OPENING], place) for n in cited):
            continue  # a notice whose region was not read, about the place from its opening
        if place in reported:
            continue
        if any(place in n.title for n in cited) or place in quotes:
            continue
        if any(
            local_province(city) == place
            and (
                city in quotes
                # (a report whose region was not read, about the city: in its opening, or
                # anywhere when the city was named bare, "南通的居家上门护理…")
                or any(
                    not n.region and city in (n.text if place in located else n.text[:_OPENING])
                    for n in cited
                )
            )
            for city in cities
        ):
            continue  # "那篇报道说，南通市…投入了多少": a quote or report about the city asked
        if place in located and "全国" in regions:
            continue
        if "全国" in regions and _lists_cities_of(place, quotes, 1 if asks_city else 2):
            continue  # "…试验区里，江苏省有哪几个城市": a national list naming its cities
        others = "、".join(sorted(r for r in regions if r and r != "全国")) or ""
        if "全国" in regions:
            others = (others + "、" if others else "") + "国家层面"
        message = f"库中没有{place}的此类通知"
        if others:
            message += f"（所引为{others}的通知）"
        out.append(Unmet("place", place, message))
    return out


def _lists_cities_of(place: str, quotes: str, least: int) -> bool:
    """Whether ``quotes`` name at least ``least`` cities of the province ``place`` as
    cities (常州市、连云港市、宿迁市)."""
    named = [
        c
        for c, p in CITY_PROVINCE.items()
        if p == place and re.search(f"{c}(?:市|州|地区|盟)", quotes)
    ]
    return len(named) >= least


def _names_place(text: str, place: str) -> bool:
    return place in text or place in places_in(text)
