"""Chinese place names → province-level region, for reading the region of a government notice.

A notice's region shows in its issuer (``杭州市卫生健康委员会``), in the prefix of its 文号
(``杭卫发〔2020〕1号``) and in the places its text names. This module holds the data to read all
three and two functions over it; the province of a place is always given by its short name
(``"浙江"``).

* :data:`PROVINCE_NAMES` — province-level short name → full name (``"广西"`` →
  ``"广西壮族自治区"``), the one table of province-level names; :data:`PROVINCES` — the same
  short names longest first, as the 文号 parser, notice parser, retriever and answerer use them.
* :data:`CITY_PROVINCE` — prefecture-level division (and a few county-level cities that issue
  notices of their own) by its name without the generic suffix → province short name.
* :data:`CITY_DOCNO_PREFIX` — city abbreviation that starts a city-level 文号 → city short name.
* :func:`local_province` — province short name of a city or of a district or county of one
  province (杨浦, 万州), the latter read from the division codes the ``cpca`` package ships;
  :func:`prefecture_of` — the city such a district lies in.
* :func:`province_of_place` — province short name of one place name, with or without suffix.
* :func:`places_in` — province short names of the places a text names, in order of appearance.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from rag.grammar import simplified

__all__ = [
    "BARE_AMBIGUOUS",
    "CENTRE",
    "CITY_DOCNO_PREFIX",
    "CITY_PROVINCE",
    "PROVINCES",
    "PROVINCE_NAMES",
    "bare_cities",
    "cities_named",
    "cities_with_suffix",
    "city_own",
    "jieba_module",
    "listed_bare_cities",
    "local_province",
    "places_in",
    "prefecture_of",
    "province_of_place",
    "provinces_named",
]

PROVINCE_NAMES: dict[str, str] = {
    "北京": "北京市",
    "天津": "天津市",
    "上海": "上海市",
    "重庆": "重庆市",
    "河北": "河北省",
    "山西": "山西省",
    "内蒙古": "内蒙古自治区",
    "辽宁": "辽宁省",
    "吉林": "吉林省",
    "黑龙江": "黑龙江省",
    "江苏": "江苏省",
    "浙江": "浙江省",
    "安徽": "安徽省",
    "福建": "福建省",
    "江西": "江西省",
    "山东": "山东省",
    "河南": "河南省",
    "湖北": "湖北省",
    "湖南": "湖南省",
    "广东": "广东省",
    "广西": "广西壮族自治区",
    "海南": "海南省",
    "四川": "四川省",
    "贵州": "贵州省",
    "云南": "云南省",
    "西藏": "西藏自治区",
    "陕西": "陕西省",
    "甘肃": "甘肃省",
    "青海": "青海省",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区",
    "澳门": "澳门特别行政区",
    "台湾": "台湾省",
}
"""Province-level short name → full name: 23 provinces (台湾 included), 5 autonomous regions,
4 municipalities and 2 special administrative regions; the municipalities first, then the
provinces and autonomous regions in the order of their division codes, then 香港, 澳门, 台湾.
The one table of province-level names: :data:`PROVINCES` is read from it."""

PROVINCES: tuple[str, ...] = tuple(sorted(PROVINCE_NAMES, key=len, reverse=True))
"""The 34 province-level short names, longest first (内蒙古, 黑龙江, then the two-character
names in :data:`PROVINCE_NAMES` order), so that in an alternation or a loop over prefixes
"内蒙古" and "黑龙江" win over shorter overlaps."""

PROVINCE_PATTERN = re.compile("|".join(PROVINCES))
"""Any province-level short name (longest first, as :data:`PROVINCES`)."""

# Prefecture-level cities (地级市), 地区 and 盟 by province, names without 市/地区/盟. The four
# municipalities have none. Ambiguous names:
# * 吉林 is a city in 吉林 province as well as the province: both read 吉林.
# * 朝阳 is the 辽宁 city; 北京 and 长春 have 朝阳区 districts, which are not listed.
# * 兴安 is 兴安盟 (内蒙古); 广西 has a 兴安县, which is not listed.
_CITIES: dict[str, str] = {
    "河北": "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水",
    "山西": "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁",
    # 兴安, 锡林郭勒 and 阿拉善 are 盟.
    "内蒙古": (
        "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布"
        " 兴安 锡林郭勒 阿拉善"
    ),
    "辽宁": "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛",
    "吉林": "长春 吉林 四平 辽源 通化 白山 松原 白城",
    # 大兴安岭 is a 地区.
    "黑龙江": "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭",
    "江苏": "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁",
    "浙江": "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水",
    "安徽": "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城",
    "福建": "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德",
    "江西": "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶",
    "山东": "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽",
    "河南": (
        "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳"
        " 周口 驻马店"
    ),
    "湖北": "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州",
    "湖南": "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底",
    "广东": (
        "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远"
        " 东莞 中山 潮州 揭阳 云浮"
    ),
    "广西": "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
    "海南": "海口 三亚 三沙 儋州",
    "四川": (
        "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安"
        " 巴中 资阳"
    ),
    "贵州": "贵阳 六盘水 遵义 安顺 毕节 铜仁",
    "云南": "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧",
    # 阿里 is a 地区.
    "西藏": "拉萨 日喀则 昌都 林芝 山南 那曲 阿里",
    "陕西": "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛",
    "甘肃": "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南",
    "青海": "西宁 海东",
    "宁夏": "银川 石嘴山 吴忠 固原 中卫",
    # 阿克苏, 喀什, 和田, 塔城 and 阿勒泰 are 地区.
    "新疆": "乌鲁木齐 克拉玛依 吐鲁番 哈密 阿克苏 喀什 和田 塔城 阿勒泰",
}  # fmt: skip

# Autonomous prefectures (自治州) by province, by the short form notices write (恩施州 for
# 恩施土家族苗族自治州). 青海's 海南藏族自治州 is left out: "海南" is the province. It is read
# through _STANDALONE below instead.
_AUTONOMOUS_PREFECTURES: dict[str, str] = {
    "吉林": "延边",
    "湖北": "恩施",
    "湖南": "湘西",
    "四川": "阿坝 甘孜 凉山",
    "贵州": "黔西南 黔东南 黔南",
    "云南": "楚雄 红河 文山 西双版纳 大理 德宏 怒江 迪庆",
    "甘肃": "临夏 甘南",
    "青海": "海北 黄南 果洛 玉树 海西",
    "新疆": "昌吉 博尔塔拉 巴音郭楞 克孜勒苏 伊犁",
}

# County-level cities that issue notices of their own, and county-level units administered
# directly by their province (省直辖), which statistics treat like prefectures. 东兴 is the
# 广西 city (内江 has a 东兴区). 海南's 东方市 is left out: "东方市" also reads as 东方市场.
_COUNTY_LEVEL: dict[str, str] = {
    "江苏": "昆山 江阴 张家港 常熟",
    "浙江": "义乌 慈溪 余姚 瑞安 乐清 海宁 诸暨",
    "福建": "晋江 石狮",
    "广东": "顺德",  # 佛山市顺德区
    "陕西": "神木",
    "内蒙古": "满洲里 二连浩特",
    "云南": "瑞丽",
    "广西": "凭祥 东兴",
    "河南": "济源",  # 省直辖
    "湖北": "仙桃 潜江 天门",  # 省直辖
    "海南": "五指山 琼海 文昌 万宁",  # 省直辖
    # 库尔勒 is the seat of 巴音郭楞; the rest are 新疆生产建设兵团 cities (自治区直辖).
    "新疆": "库尔勒 石河子 阿拉尔 图木舒克 五家渠 北屯 铁门关 双河 可克达拉 昆玉 胡杨河 新星",
}

# Prefecture-level names of the past that older notices still use.
_FORMER: dict[str, str] = {
    "山东": "莱芜",  # merged into 济南 in 2019
    "安徽": "巢湖",  # dissolved in 2011; now a county-level city of 合肥
    "湖北": "襄樊",  # renamed 襄阳 in 2010
    "云南": "思茅",  # renamed 普洱 in 2007
}


def _by_name(*tables: dict[str, str]) -> dict[str, str]:
    return {
        name: province
        for table in tables
        for province, names in table.items()
        for name in names.split()
    }


_AUTONOMOUS: dict[str, str] = _by_name(_AUTONOMOUS_PREFECTURES)

CITY_PROVINCE: dict[str, str] = {
    **_by_name(_CITIES, _AUTONOMOUS_PREFECTURES, _COUNTY_LEVEL, _FORMER),
    "新疆生产建设兵团": "新疆",
}
"""Prefecture-level division (地级市, 地区, 自治州, 盟) by name without its suffix → province
short name (``"杭州"`` → ``"浙江"``, ``"延边"`` → ``"吉林"``), plus a few county-level cities that
issue notices themselves (义乌, 昆山, 石河子 …), the province-administered county-level cities,
former prefecture names (莱芜, 巢湖, 襄樊, 思茅) and 新疆生产建设兵团. 青海's 海南藏族自治州 is not
a key ("海南" is the province); :func:`province_of_place` still reads its full name."""

BARE_AMBIGUOUS: frozenset[str] = frozenset({"朝阳", "中山"})
"""City names that, written bare, more often name something else: 朝阳 a district of 北京 or
长春 (朝阳区), 中山 a hospital's or university's name (中山医院, 中山大学)."""

# Whole names that need no suffix. 海南州 is how notices write 青海's 海南藏族自治州.
_STANDALONE: dict[str, str] = {
    "新疆生产建设兵团": "新疆",
    "海南藏族自治州": "青海",
    "海南州": "青海",
}

# Short forms :func:`province_of_place` accepts but :func:`places_in` does not look for in
# running text (too short to be safe there). 巴州 (巴音郭楞) is left out: 巴中 has a 巴州区.
_ALIASES: dict[str, str] = {
    "内蒙": "内蒙古",
    "博州": "新疆",  # 博尔塔拉蒙古自治州
    "克州": "新疆",  # 克孜勒苏柯尔克孜自治州
}

CITY_DOCNO_PREFIX: dict[str, str] = {
    "杭": "杭州",  # 杭卫发, 杭政办
    "甬": "宁波",  # 甬卫发, 甬政发
    "温": "温州",
    "绍": "绍兴",
    "衢": "衢州",
    "舟": "舟山",
    "徐": "徐州",
    "扬": "扬州",
    "镇": "镇江",
    "盐": "盐城",
    "穗": "广州",  # 穗卫, 穗府
    "深": "深圳",  # 深卫健, 深府
    "珠": "珠海",
    "佛": "佛山",
    "厦": "厦门",
    "榕": "福州",  # 榕政综
    "泉": "泉州",
    "漳": "漳州",
    "莆": "莆田",
    "成": "成都",  # 成府发
    "蓉": "成都",
    "筑": "贵阳",  # 筑府发
    "邕": "南宁",
    "洪": "南昌",  # 洪府发
    "并": "太原",  # 并政发
    "沈": "沈阳",
    "郑": "郑州",
    "汴": "开封",
    "洛": "洛阳",
    "合": "合肥",
    "烟": "烟台",
    "潍": "潍坊",
    "淄": "淄博",
    "兰": "兰州",
    "遵": "遵义",
    "株": "株洲",
    "岳": "岳阳",
    "襄": "襄阳",
    "柳": "柳州",
    "唐": "唐山",
    "邯": "邯郸",
}
"""Abbreviation that starts a city-level 文号 prefix → city short name (a key of
:data:`CITY_PROVINCE`): ``杭卫发〔2020〕1号`` → 杭州. Only abbreviations that name one city and
are no province-level abbreviation (京 津 冀 … 宁 新, see
:data:`rag.docno.PROVINCE_ABBREVIATIONS`) are listed. Left out as ambiguous: 宁 (南京/宁夏),
苏 (江苏), 常 (常州/常德/常熟), 长 (长沙/长春/长治), 青 (青岛/青海), 济 (济南/济宁/济源),
昆 (昆明/昆山), 锡 (无锡/锡林郭勒), 哈 (哈尔滨/哈密), 秦 (秦皇岛/陕西), 银 (银川/银保监),
泰, 淮, 嘉, 金, 台, 丽, 汕, 宜, 荆, 临, 张, 大, 通, 乌, 呼, 石."""

# The part of an autonomous region's or prefecture's full name that names its peoples:
# 朝鲜族, 土家族苗族, 蒙古族藏族; 蒙古, 哈萨克, 柯尔克孜 and 维吾尔 come without 族.
_PEOPLES = r"(?:[\u4e00-\u9fff]{1,3}?族|蒙古|哈萨克|柯尔克孜|维吾尔)"
# Agencies a province's short name is written before without 省/市/自治区 (广东卫健委).
_AGENCIES = "卫生健康委|卫健委|卫生计生委|卫计委|医保局|医疗保障局|药监局|人民政府"


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


_OTHER_CITIES = {k: v for k, v in CITY_PROVINCE.items() if k not in _AUTONOMOUS}

# Place named in running text: a name followed by its suffix. Within each group the names go
# longest first (马鞍山 before 鞍山); the standalone names come first, ahead of 海南 and 新疆.
# The leading lookahead on the names' first characters lets the scan skip other text quickly
# (about 40 times faster than trying every alternative at every position).
_FIRST_CHARS = "".join(sorted({n[0] for n in (*_STANDALONE, *PROVINCE_NAMES, *CITY_PROVINCE)}))
_PLACES = re.compile(
    f"(?=[{_FIRST_CHARS}])"
    f"(?:(?P<standalone>{_alternation(_STANDALONE)})"
    f"|(?P<autonomous>{_alternation(_AUTONOMOUS)})(?:{_PEOPLES}*自治州|州|市)"
    f"|(?P<province>{_alternation(PROVINCE_NAMES)})"
    f"(?:{_PEOPLES}?自治区|省|市|特别行政区|(?={_AGENCIES}))"
    f"|(?P<city>{_alternation(_OTHER_CITIES)})(?:市|地区|盟))"
)

# One place name, whole: the same names with the suffix optional.
_PLACE_NAME = re.compile(
    f"(?P<standalone>{_alternation(_STANDALONE)})"
    f"|(?P<autonomous>{_alternation(_AUTONOMOUS)}){_PEOPLES}*(?:自治州|州|市)?"
    f"|(?P<province>{_alternation(PROVINCE_NAMES)}){_PEOPLES}?(?:自治区|省|市|特别行政区)?"
    f"|(?P<city>{_alternation(_OTHER_CITIES)})(?:市|地区|盟)?"
)


def _province(match: re.Match[str]) -> str:
    group = match.lastgroup
    name = match.group(group) if group else ""
    if group == "standalone":
        return _STANDALONE[name]
    if group == "province":
        return name
    return CITY_PROVINCE.get(name, "")


def province_of_place(name: str) -> str:
    """The province short name of a place name given with or without its suffix, or "".

    ``杭州市`` and ``杭州`` → ``浙江``; ``延边朝鲜族自治州``, ``延边州`` → ``吉林``;
    ``广西壮族自治区`` → ``广西``; ``内蒙古自治区`` → ``内蒙古``; ``海南藏族自治州`` → ``青海``.
    The whole name must be a place: ``朝阳区`` or ``杭州市卫健委`` give "".
    """
    text = "".join(name.split())
    if text in _ALIASES:
        return _ALIASES[text]
    match = _PLACE_NAME.fullmatch(text)
    return _province(match) if match else ""


def provinces_named(text: str) -> list[str]:
    """The provinces ``text`` names by their short names (广东, 内蒙古), in ``PROVINCES``
    order."""
    return [p for p in PROVINCES if p in text]


def cities_with_suffix(text: str) -> list[str]:
    """The cities of ``CITY_PROVINCE`` that ``text`` names as cities, with 市, 州, 地区 or 盟
    after the name (天水市, 甘南州), in ``CITY_PROVINCE`` order."""
    return [c for c in CITY_PROVINCE if re.search(f"{c}(?:市|州|地区|盟)", text)]


# The centre named as the national level (中央), not a kind of plant (中央空调, 中央厨房).
CENTRE = r"中央(?!空调|厨房)"


def cities_named(text: str) -> list[str]:
    """The cities (and districts, counties) ``text`` names: as cities (``cities_with_suffix``:
    天水市, 甘南州), then bare (``bare_cities``: "绵阳的长护险", "宁波一家检验所")."""
    return list(dict.fromkeys(cities_with_suffix(text) + bare_cities(text)))


def places_in(text: str) -> list[str]:
    """Province short names of the places ``text`` names, in order of first appearance.

    A province-level name counts when followed by 省, 市, 自治区 or 特别行政区 (``广东省``,
    ``广西壮族自治区``) or by an agency (``广东卫健委``, ``浙江人民政府``); a prefecture-level or
    listed county-level name when followed by 市, 地区 or 盟 (``杭州市``, ``阿里地区``); an
    autonomous prefecture by 自治州 or 州 (``恩施土家族苗族自治州``, ``恩施州``) or 市. A bare
    name (``杭州``) is not counted: too many of them are also ordinary words.
    """
    found: dict[str, None] = {}
    for match in _PLACES.finditer(text):
        province = _province(match)
        if province:
            found.setdefault(province, None)
    return list(found)


@functools.cache
def jieba_module() -> ModuleType:
    """The jieba module, its logger quietened once (setting a logger's level clears every
    logger's cache under logging's lock: not something to do for every question)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def bare_cities(text: str) -> list[str]:
    """The cities ``text`` names without 市/州/地区 ("我在喀什开澡堂子", "遵义的医院"): words of
    its segmentation that are city names. A question names a city so far more often than a
    notice does; running text is read by ``places_in``, which wants the suffix. The word
    must be one the segmenter's dictionary holds, not one it guessed from characters it
    does not know ("甲水" of 甲水质量).

    A district or county of one province (``local_province``) counts as a city does, by
    its name without 区/县 ("杨浦一家奶茶店", "万州那边") where the segmenter's dictionary
    knows that name as a place's or a proper name, or with it ("柯桥区的…"); it is given by
    that name (杨浦, 柯桥)."""
    return list(_bare_cities(text))


# A question's bare cities are read by the place, city and follow-up stages alike: segmented
# once per text.
@functools.lru_cache(maxsize=1024)
def _bare_cities(text: str) -> tuple[str, ...]:
    # (segmented first: the segmenter loads its dictionary on first use)
    tokens = list(jieba_module().tokenize(text))
    known = jieba_module().dt.FREQ
    full, bare, _, city_of = _districts()
    found: list[str] = []

    def is_city(w: str) -> bool:
        # (吉林 bare is the province: a city of that name is written 吉林市.)
        return (
            len(w) >= 2
            and w in CITY_PROVINCE
            and w not in BARE_AMBIGUOUS
            and w not in PROVINCE_NAMES
        )

    for w, start, _end in tokens:
        if is_city(w) and w in known:
            # A city the segmenter cut from the end of another that opens before it is that
            # other: "晋中卫健部门" names 晋中 (山西), cut 晋 / 中卫 (宁夏's 中卫).
            # (Not past a word of one character the question opens the city with: "那曲靖呢？"
            # is 那 / 曲靖, not 西藏's 那曲.)
            if start == 0 or text[start - 1] not in _LEADING_WORDS:
                w = next(
                    (
                        text[start - k : start - k + size]
                        for size in (3, 2)
                        for k in range(1, size)
                        if start - k >= 0 and is_city(text[start - k : start - k + size])
                    ),
                    w,
                )
            found.append(w)
        elif w in bare and w in known:
            found.append(w)
        elif w in full:
            found.append(_DISTRICT_SUFFIX.sub("", w))
        elif _named_after_city(w):
            found.append(w[:-1])
    # (A full name the segmenter cut apart: 柯桥 + 区.)
    for m in _DISTRICT_SUFFIX_IN_TEXT.finditer(text):
        for size in range(6, 2, -1):
            name = text[max(0, m.end() - size) : m.end()]
            if len(name) == size and name in full:
                found.append(_DISTRICT_SUFFIX.sub("", name))
                break
    # (A district named with its city, 洛阳涧西区, is a place of that city's: the city is the
    # one asked of.)
    return tuple(dict.fromkeys(p for p in found if city_of.get(p) not in found))


# Words of one character a city name may follow in a question (那曲靖呢, 在遵义, 去中卫).
_LEADING_WORDS = frozenset("那这在去到从往回来是和与及的给对向说")


def _named_after_city(word: str) -> bool:
    """Whether ``word`` is a county or district named after its city (上饶县, 南昌县; one no
    longer in the division codes too), a place of that city's: not a division of that name
    in another province only (吉林's 西安区)."""
    city = word[:-1]
    if word[-1:] not in ("县", "区") or city not in CITY_PROVINCE or city in BARE_AMBIGUOUS:
        return False
    held = _division_provinces().get(word)
    return held is None or CITY_PROVINCE[city] in held


def city_own(city: str, title: str, issuer: str = "") -> bool:
    """Whether a notice of ``title`` and ``issuer`` is ``city``'s own: either names it, in
    simplified characters (洛陽市衛生健康委員會 is 洛阳's)."""
    return city in simplified(title) or city in simplified(issuer)


def prefecture_of(name: str) -> str:
    """The city a district or county (given without suffix: 涧西, 鹤庆) lies in, where that
    is a city of ``CITY_PROVINCE`` (洛阳, 大理); "" for any other name."""
    return _districts()[3].get(name, "")


def districts_of(text: str, province: str) -> list[str]:
    """The districts and counties of ``province`` (a short name) that ``text`` names in full
    (滨海新区, 和平区): where the conversation is about that province, a name other
    provinces' divisions share too (天津's 滨海新区, 江苏's 滨海县) is its own."""
    names = _divisions_of(province)
    return list(dict.fromkeys(names.findall(text))) if names else []


@functools.cache
def _divisions_of(province: str) -> re.Pattern[str] | None:
    """One pattern of the full names of ``province``'s county-level divisions, longest first."""
    names = [full for full, held in _division_provinces().items() if province in held]
    if not names:
        return None
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))


@functools.cache
def _division_table() -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The division codes ``cpca`` ships, (adcode, name) rows, and each province's code → its
    short name (a province's code is its first two digits: 11 北京市, 13 河北省); empty when
    ``cpca`` is not installed."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return [], {}
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with path.open(encoding="utf-8") as f:
        table = [(row["adcode"], row["name"]) for row in csv.DictReader(f)]
    short = {full: name for name, full in PROVINCE_NAMES.items()}
    return table, {code[:2]: short[name] for code, name in table if name in short}


@functools.cache
def _division_provinces() -> dict[str, frozenset[str]]:
    """Each county-level division's full name of three or more characters (two or more
    without its suffix) → the provinces holding a division of that full name."""
    table, provinces = _division_table()
    held: dict[str, set[str]] = {}
    for code, name in table:
        if code[6:].strip("0") or code[:2] not in provinces or code[4:6] == "00":
            continue  # a province, a prefecture, or below a county
        if len(name) >= 3 and len(_DISTRICT_SUFFIX.sub("", name)) >= 2:
            held.setdefault(name, set()).add(provinces[code[:2]])
    return {name: frozenset(found) for name, found in held.items()}


def local_province(name: str) -> str:
    """The province short name of a city or of a district or county of one province, given
    by its name without suffix (杭州, 杨浦, 万州); "" for any other name."""
    return CITY_PROVINCE.get(name) or _districts()[2].get(name, "")


# County-level divisions end in these (自治县 and 自治旗 before 县 and 旗).
_DISTRICT_SUFFIX = re.compile(r"(?:自治县|自治旗|林区|特区|新区|区|县|旗|市)$")
_DISTRICT_SUFFIX_IN_TEXT = re.compile(r"自治县|自治旗|林区|特区|区|县|旗|市")
# Tags the segmenter's dictionary gives a place's or a proper name (杨浦 is tagged a
# person's name): a district named bare by such a word is a place; one that is an ordinary
# word (平安, 大方, 公安) is not.
_NAME_TAGS = frozenset({"ns", "nr", "nrt"})


@functools.cache
def _districts() -> tuple[frozenset[str], frozenset[str], dict[str, str], dict[str, str]]:
    """The county-level divisions (districts, counties, county-level cities, banners) whose
    name, without its suffix, only one province has and that is no city's or province's
    name, from the division codes ``cpca`` ships: their full names (杨浦区; three or more
    characters), the names that may stand bare (those the segmenter's dictionary tags as a
    place's or proper name), each name without suffix → province short name, and → the
    name of the prefecture it lies in (涧西 → 洛阳), where that is a city of
    ``CITY_PROVINCE``."""
    table, provinces = _division_table()
    rows: dict[str, list[str]] = {}
    fulls: dict[str, str] = {}
    prefectures: dict[str, str] = {}
    within: dict[str, str] = {}
    for code, name in table:
        if code[6:].strip("0") or code[:2] not in provinces:
            continue  # below a county
        if code[4:6] == "00":
            if code[2:4] != "00":
                # (大理白族自治州 → 大理: the longest city name it opens with)
                prefectures[code[:4]] = max(
                    (c for c in CITY_PROVINCE if name.startswith(c)), key=len, default=""
                )
            continue
        base = _DISTRICT_SUFFIX.sub("", name)
        rows.setdefault(base, []).append(provinces[code[:2]])
        fulls[name] = base
        within[base] = code[:4]
    province = {
        base: found[0]
        for base, found in rows.items()
        if len(found) == 1
        and len(base) >= 2
        and base not in CITY_PROVINCE
        and base not in PROVINCE_NAMES
    }
    full = frozenset(n for n, b in fulls.items() if b in province and len(n) >= 3)
    if province:
        jieba_module()
        import jieba.posseg  # (its dictionary's tags, read once: ~0.5 s)

        tags = jieba.posseg.dt.word_tag_tab
    else:
        tags = {}
    bare = frozenset(b for b in province if tags.get(b) in _NAME_TAGS)
    city = {
        b: prefectures[within[b]] for b in province if prefectures.get(within[b]) in CITY_PROVINCE
    }
    return full, bare, province, city


def listed_bare_cities(text: str) -> list[str]:
    """The cities ``text`` names bare (``bare_cities``) where it lists them as places: joined
    to another by 和 / 、 / 与 / 及 / 跟 (its suffix between: "万州区和吉林市"), followed by
    的 / 那边 / 这边 ("苏州和重庆万州区的…", "重庆万州区、苏州的…"), or opening the text or a
    clause ("绵阳2025年的…和大理州…"). Beside a province named outright, a bare name standing
    alone is too often a word of something else (中卫 of 专项救治中卫健部门)."""
    return [
        c
        for c in bare_cities(text)
        if re.search(
            f"(?:^|[，,。；;？?和、与及跟]){c}|{c}(?:区|县|市|州|旗)?(?:[和、与及跟]|的|那边|这边)",
            text,
        )
    ]
