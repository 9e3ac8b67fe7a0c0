"""The value stage: a question asking for a kind of value (多少天, 多少元, 哪一天) is met only
by a quoted sentence stating one, of what the question asks it of."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from rag.answer.constraints.records import Constraints, Unmet
from rag.answer.questions import CLAUSE_END, known_word, segment, several_told
from rag.answer.records import Citation
from rag.answer.text import RATIO, bigrams
from rag.places import PROVINCES, province_of_place

# A number counted in 个 before a unit of time or a share is a length or a share, not a count
# of things: 3个工作日, 6个月, 2个百分点.
_NOT_TIME = r"(?!(?<=个)(?:工作日|月|小时|钟头|星期|礼拜|季度|学期|学年|百分点))"
# The kind of value a question asks for, and what a sentence holding one looks like. Only
# wording that asks for a value and nothing else: "服务时间有什么要求" asks about hours
# in general, "哪几个方面" for a list.
_NUM = r"[\d一二三四五六七八九十两百千万]+(\.\d+)?"
# Words saying "now" (现在报销比例, 补助标准目前是多少): when a value holds, not what it is of.
_NOW = "现在|目前|如今|当前|眼下"
_COUNTED_PEOPLE = "学生|患者|病人|老人|儿童|孩子|医师|医生|护士|人员"
# Counting words and units of measure: "多少公斤" is answered by "12.5公斤", "几类" by "四类".
# (A counting word that opens a longer word counts nothing: 多少支付待遇, 几份额, 多少家庭.)
_UNITS = (
    "个|家(?!庭)|名|项|批|种|类|级|所(?!得)|人口|人|张|次|回(?![复访应收])|(?<!了几)(?<!了多少)[趟遍]|床|例|剂|针|份(?!额)"
    "|条(?!件)|公斤|千克|克|毫克|毫升|升|米|平方米|公里|千米|岁|周岁|分(?!钟)|倍|台(?!账)|套"
    "|支(?![付持出撑])|盒|部门|部委|单位|机构|省|市(?!场)|县|学时|课时"
    # People counted without a classifier ("最多给多少学生体检"): answered in 名 / 人 / 位.
    f"|{_COUNTED_PEOPLE}"
)
VALUE_KINDS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        # "哪几天" asks for dates, not a length of time.
        re.compile(
            # (多快: "接到请求后要多快到现场" asks the time it may take)
            r"多久|多长时间|多快"
            # ("几天后省卫健委又印发了…" tells when, in the past, the next thing happened)
            # (also in everyday units: 几个钟头, 几分钟, 几个礼拜)
            # (十几年, 二十几天: ten-odd years, a length told, not asked; 这几年, 那几天, 近几年:
            # a time referred to, not asked)
            # (好几年, 好几天: "several", told, not asked — "卧床好几年了")
            r"|(?<![哪好十百千万\d这那近])(多少|几)个?(天|日|小时|钟头|分钟|秒钟?|工作日|周(?![转边期岁])|星期|礼拜|个?月|年)"
            r"(?![级龄])"
            r"(?!后[^，,。？?]{0,12}?(?:又|也|再|还))"
        ),
        re.compile(
            # (not a date: 2025年, 7月1日 — a year, a month and a day of it are no length)
            rf"(?<![\d年月〇零.一二三四五六七八九十两百千万])(?!(?:19|20)\d{{2}}\s*年){_NUM}\s*(个)?"
            # (a training's length in class hours: 培训时间不少于120学时)
            r"(小时|钟头|天|日|周|个月|月(?!\d{1,2}\s*[日号])|年|分钟|秒|工作日|学时|课时)"
            # (长期 as a length — 长期有效, 长期保存 — not 长期居住人员, 长期处方: a kind of thing)
            r"|半年|半个月|(?:长期|永久)(?=有效|保存|保管|保留|[，,。；;）)]|$)"
            # How often ("多久上报一次"): 按季度上报, 每月通报.
            r"|按(?:季度|月|年|周|半年|旬|学期)|每(?:个)?(?:季度|月|年|周|天|日|半年|旬|学期|学年)"
        ),
    ),
    "percent": (
        re.compile(
            r"多少%|百分之几|百分之多少|多大比例|多少(?:的)?比例|几成"
            r"|(比例|占比|比率|比重|幅度|率)[^，,。？?；;]{0,6}?(多少|几)(?![天年月个次])"
        ),
        re.compile(r"\d+(\.\d+)?\s*[%％]|百分之|个百分点|[一二三四五六七八九十]成|" + RATIO),
    ),
    "money": (
        re.compile(
            r"多少元|多少钱|多少万元|多少亿元|费用(是|为)多少|多少块|几块钱"
            # (保额, 赔付额: an amount named by 额, not a quota's 名额 nor a share's 份额)
            r"|(补助|补贴|标准|(?<![名份])额(?!外)|额度|价格|费用|奖励|津贴|罚款|罚金|经费|资金|拨款"
            r"|保费|押金|保证金|奖金)"
            r"[^，,。？?；;]{0,6}?多少(?![天年月个次%％分种项家名批所人例比])"
            # (not "给多少学生体检": a noun after the asking words is what is counted)
            r"|(罚|拨|给|补)多少(钱|经费|资金)?(?=[呢啊吗呀]|[^\u4e00-\u9fff]|$)"
            # "安排多少经费", "能拿多少补贴": the amount's noun after the asking words.
            # (with a word of what it is for between: 多少财政资金, 多少奖补资金, 多少治疗费用)
            r"|多少(?:[\u4e00-\u9fff]{1,2}?)?(?:经费|资金|费用|补助|补贴|奖金|奖励|罚款|工资|津贴|报酬"
            # (a fee named by 费: 多少稿费, 多少劳务费)
            r"|[\u4e00-\u9fff]?费(?![用率]))"
        ),
        # (or a share of a fund: "预拨多少" is answered by 预拨不低于当年资金的70%)
        re.compile(
            rf"{_NUM}\s*(万|亿)?元"
            rf"|(?:资金|经费|费用|金额|款项?)的?(?:不低于|不少于|不超过|不高于|约)?\s*{_NUM}\s*[%％]"
        ),
    ),
    "count": (
        # (Not 好几个, "quite a few", nor 举几个例子, asking for examples, nor 这几个 / 那几项,
        # pointing at things already named.)
        re.compile(rf"(?<![哪好举这那十百千万\d])(多少|几)\s*({_UNITS})(?!例子|个例子)"),
        re.compile(rf"{_NUM}\s*({_UNITS}){_NOT_TIME}"),
    ),
    "date": (
        re.compile(
            r"什么时候|啥时候?|何时|哪天|哪一天|几月几日|几号(起|前|开始)|哪一年|哪年"
            r"|截止(到)?(什么时候|哪天)"
        ),
        re.compile(
            r"\d{4}\s*年|\d{1,2}\s*月(\d{1,2}\s*日|底|初|中旬|上旬|下旬)?|之日起|即日起|年底|年内|月底"
            r"|[一二三四五六七八九十]+月|季度|上半年|下半年|每年|每月|同步"
            # A day of the week: 每月第一个星期三.
            r"|(?:星期|礼拜)[一二三四五六日天]|每周[一二三四五六日]"
            # A time set elsewhere or by the event: 按合同约定的时间结算, 当日, 即时.
            r"|按[^，,。；;]{0,10}?约定的?时间|约定的时间|当日|当天|即时|实时|次日|适时|另行通知"
            # A date named by the event that sets it: 修订日期应为批件的核准日期.
            r"|(?:应为|为|是|以)[^，,。；;]{0,12}?(?:日期|之日)"
        ),
    ),
}
VALUE_NAMES = {
    "duration": "期限或时长",
    "percent": "比例",
    "money": "金额",
    "count": "数量",
    "date": "日期或时间",
}
# A value question inside a yes-or-no question ("会不会限制开多少药") asks whether, not how much.
_YES_NO = re.compile(r"会不会|能不能|可不可以|是不是|是否|有没有|要不要|可否|能否|有无")
# "山西、河北、青海几家部门…": after a list, 几 means "these several", it asks nothing.
_LISTED = re.compile(r"、[^，,。？?、]{1,8}$")
# … and after places run together ("重庆贵州云南河南几个省一起团购").
_PLACE_RUN = re.compile("(?:" + "|".join(PROVINCES) + "){2,}$")
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])|\u0000")
# Words between what a value is of and the asking words: "起付标准具体是每月多少元".
_VALUE_FILLER = re.compile(
    r"(具体|统一|大概|大约|一般|平均|一共|总共|共|最多|最少|最高|最低|都|能|可以|可|要|需要|需"
    r"|是|为|按照|按|达到|有|在|占到|占|约|每人|每年|每月|每天|每日|每次|每位|每个|每例|每床"
    # Verbs of paying out: "每个月能给多少钱" asks an amount of nothing named before it.
    r"|给|发|拿|领|补|赔|每个月|每一个月|个月|一个月|一年|一天|一次|一回|分别|各自|定了"
    # … and of paying in: "老人一年自己交多少钱", "每项最多收多少钱".
    r"|收|交|缴|付|花|报|出|自己|先|得|每项|每件|每份|每剂|每支|每盒|每台"
    # A change asked of it: "销售费用同比变了多少" asks of 销售费用.
    r"|各|变了|变化了|增加了|增加|减少了|减少|下降了|下降|降低了|降低|增长了|增长|上涨了|上涨"
    r"|提高了|提高|提升了|提升|上调了|上调|下调了|下调|调高了|调高|调低了|调低"
    r"|省了|省下|节省了|节省|减轻了|减轻|同比|环比"
    # When it holds and what may become of it: "补助标准目前是多少元", "补助会扣多少".
    rf"|{_NOW}|会|将|扣掉|扣|扣减|扣除|核减"
    # A bound the value sets: "住院费用分别超过多少才…", "覆盖率要不低于多少".
    r"|超过|超出|高于|低于|不低于|不少于|不超过|不高于|至少|起码|以上|以下)+$"
)
# (自己出, "the asker pays out of pocket"; 基金出多少 asks the fund's share, of the fund)
_PAYING = re.compile(r"收|交|缴|付|花|报|自己出")
# The words a clause stating an amount paid in uses for each verb of paying ("每年只需交90元",
# "价格不超过25元", "个人缴费180元").
_PAID_WORDS = {
    "收": "收|价格|费",
    "交": "交|缴",
    "缴": "交|缴",
    "付": "付|费",
    "花": "花|费|价格",
    "报": "报|销|支付|补",
    "自己出": "付|费|负担",  # "得先自己出多少钱": what one pays oneself (起付标准, 自付)
}


def paid_in(question: str) -> re.Pattern[str] | None:
    """For an amount asked of a verb of paying ("一年自己交多少钱", "每项最多收多少钱"), what a
    clause stating it says of the paying; None for an amount asked of a thing."""
    m = VALUE_KINDS["money"][0].search(question)
    if m is None:
        return None
    before = CLAUSE_END.split(question[: m.start()])[-1]
    # 起付标准 / 起付线 (the deductible) names a thing, not a verb of paying.
    before = re.sub(r"起付(?=标准|线|金额|额|$)", "", before)
    filler = _VALUE_FILLER.search(before)
    verbs = _PAYING.findall(filler.group(0)) if filler else []
    if not verbs:
        return None
    return re.compile("|".join(dict.fromkeys(_PAID_WORDS[v] for v in verbs)))


# A fine asked ("劝了不听要罚多少钱", "罚款多少"), and a clause imposing one: 处五十元以上
# 二百元以下罚款, 罚款1000元, 处以…元罚款 — not a fine suffered in a condition (受到1000元以下
# 罚款处罚的，记2分).
_FINE_ASKED = re.compile(r"罚(?:款|金)?$")
_FINE_IMPOSED = re.compile(
    rf"(?<!受到)(?:处以?|并处|罚款|罚金|罚)[^，,；;。受]{{0,24}}?{_NUM}\s*(?:万|亿)?元"
)


def fine_imposed(question: str) -> re.Pattern[str] | None:
    """For an amount asked of a fine, what a clause stating one says; None otherwise."""
    m = VALUE_KINDS["money"][0].search(question)
    if m is None:
        return None
    before, _ = _asked_of(question, m)
    return _FINE_IMPOSED if _FINE_ASKED.search(before) else None


# A date is no duration: "2020年6月10日" holds 年 and 日 but says no length of time.
_DATE = re.compile(
    r"\d{4}\s*年(\s*\d{1,2}\s*月(\s*\d{1,2}\s*[日号])?)?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]"
)
# "起付标准以上的部分": the thing asked about as a bound of something else, not given a value.
_AS_BOUND = re.compile(r"^\s*[（(]?(以上|以下|以内|以外|之外|之内|之上|之下)")
# Kinds whose question names what the value is of before asking ("报销比例是多少",
# "补助标准为多少元"); a duration or a count is asked of a verb ("最长能开多少天").
_HEADED = ("money", "percent")
_HEAD_CHARS = 6
# A clause opening on another part or party than the one before it (其中居民个人…, 另…).
_ANOTHER_PART = re.compile(r"\s*(?:其中|另外?|而|但|此外|同时|以及)")
# How far after what it is of a value may stand in its sentence ("补助标准为…每人每年80元").
_VALUE_REACH = 40


def asks_value(question: str) -> list[str]:
    """The kinds of value ``question`` asks for (keys of VALUE_KINDS); a value asked only
    inside a yes-or-no question ("会不会卡开多少药、花多少钱") is not asked for."""
    out: list[str] = []
    # "多少个工作日" asks for a duration, not also a count; so does each further ask of the
    # kind ("几个工作日内填报、多少个工作日内核实")
    taken: list[tuple[int, int]] = []
    for name, (asks, _) in VALUE_KINDS.items():
        for m in asks.finditer(question):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            clause = CLAUSE_END.split(question[: m.start()])[-1]
            listed = m.group(0).startswith("几") and (
                _LISTED.search(clause) or _PLACE_RUN.search(clause)
            )
            if not _YES_NO.search(clause) and not listed and not several_told(question, *m.span()):
                if name not in out:
                    out.append(name)
                taken.append(m.span())
    return out


def value_head(question: str, kind: str) -> str:
    """What the amount or share asked for is of: the last words before the asking words in
    their clause, after the last 的 ("起付标准具体是多少元" → 起付标准, "企业所得税应税所得率
    统一按多少计算" → 应税所得率); "" for other kinds and when nothing stands there."""
    m = VALUE_KINDS[kind][0].search(question)
    if m is None or kind not in _HEADED or question[m.end() : m.end() + 1] == "的":
        return ""  # "多大比例的机构…": what the value is of follows it
    if m.group(0).startswith("多少") and len(m.group(0)) > 3:
        return ""  # "安排多少经费": the amount's own noun says what it is of
    before, filler = _asked_of(question, m)
    if _PAYING.search(filler):
        # "老人一年自己交多少钱": before a verb of paying in stands who pays, not what; the
        # amount is asked of the paying (``paid_in``).
        return ""
    if _FINE_ASKED.search(before):
        return ""  # "劝了不听要罚多少钱": the amount is the fine's (``fine_imposed``)
    if _BY_RATE.search(filler):
        # "市州按多大比例抽查检查报告": before 按 stands who acts (市州, 医保部门), and the
        # share is of the doing that follows, as in "多大比例的机构…".
        return ""
    before = before.rsplit("的", 1)[-1]
    if _DOCUMENT_NAMED.search(before):
        return ""  # "2019年那个地贫防控办法每例补多少": asked of the document, not of a thing
    found = re.search(r"[\u4e00-\u9fff]{2,}$", before)
    if not found:
        return ""
    # Its last words, up to _HEAD_CHARS characters: 企业所得税应税所得率 → 应税所得率.
    head = ""
    later = ""  # the word after this one
    for word in reversed(segment(found.group(0))):
        if word in ("每个", "每") and _HEAD_SKIP.fullmatch(later):
            continue  # "每个月" cut as 每个 / 月: how often, with its unit
        later = word
        if word in _HEAD_STOP or _DOCUMENT_WORD.search(word):
            # "浙江和四川…": what stands before 和 is another thing asked of; "…办法每年抽
            # 多大比例": the document stands before what it sets
            break
        modal = _MODAL.match(word)
        if modal and (modal.end() == len(word) or not known_word(word)):
            # "每人每年最多各能补助多少钱" asks of 补助: a word saying how much, or whether one
            # may (最多, 各能, the segmenter's 能奖 of 拿头奖能奖) ends the head, and what
            # follows it in that word is the head's.
            head = word[modal.end() :] + head
            break
        if word in _TO_WHOM:
            return ""  # "给每个工作室补多少钱": who is paid stands there, not what
        if head and _EVERY.fullmatch(word):
            break
        if head and word in ("要求", "规定"):
            break  # "工作规范要求覆盖多大比例": before the verb stands who requires it
        if _HEAD_SKIP.fullmatch(word) or province_of_place(word):
            continue  # a place or a time is checked on its own (the place and year checks)
        if head and len(word) + len(head) > _HEAD_CHARS:
            break
        head = word + head
    # "这个比例调成多少了", "现在报销比例是多少": a word pointing back, or saying when,
    # names nothing the quote must hold.
    head = _POINTING.sub("", head)
    # "每个学生最多补多少钱": the amount is of a 学生, each; the sentence may count them in its
    # own word (每名学生…最高不超过800元).
    head = _EACH.sub("", head)
    if _DOCUMENT_NAMED.search(head):
        return ""  # "2021年的试行办法要求按多大比例采": the document's, past a verb
    if _RATE_NOUN.fullmatch(head):
        return ""  # "派驻医师的比例不少于多少": the bare 比例 names nothing a share is of
    return head if len(head) >= 2 else ""


# The asking words taken as the rate something is done by (按多大比例, 按照多少元的标准).
_BY_RATE = re.compile(r"(?:按照?|依照|依)$")


# A document named before the asking words ("地贫防控办法每例补多少"): the value is asked of
# the document, not of a thing it names (a 标准 or 目录 may be such a thing: 起付标准).
_DOCUMENT_NAMED = re.compile(r"(?:办法|方案|通知|细则|意见|规范|指南|条例)$")


# A word naming a document (办法, 管理办法, 通知): never part of what a value is of (规范 and
# 意见 may be: 规范管理率).
_DOCUMENT_WORD = re.compile(r"(?:办法|方案|通知|细则|条例)$")


# Words saying how much or whether one may (最多, 各, 能, 可以): what stands before them is
# not what the value is of.
# How often: a time, not what a value is of ("一年复核多大比例" asks of 复核); before it stands
# who acts ("卫生监督部门每年要抽检…").
_EVERY = re.compile(r"[一每](?:年|个?月|季度?|周|天|日)")
_MODAL = re.compile(
    r"(?:最多|最少|至少|起码|最高|最低|一共|总共|大概|大约|一般|都|各|能|可以|可|需要|需"
    # (or must: "卫生监督部门每年要抽检多大比例" asks of 抽检)
    r"|要|应当|应该|应)+"
)
# Words of a head that say where or when, not what ("四川现在顺产各给多少" asks of 顺产), and
# words joining two things asked of.
_HEAD_SKIP = re.compile(
    rf"{_NOW}|现行|今年|明年|去年|当时|以后|以前|原来|原先|当初|起初|最初|后来"
    # A time said loosely, or an edition by its year and kind ("2021年试行那会儿最多给多少"):
    # the year check reads it.
    r"|年|那会儿?|那时候?|这时候?|时候|期间|试行|暂行"
    # How often, not what: "一年复核多大比例" asks of 复核.
    rf"|{_EVERY.pattern}"
    # (as the segmenter may cut it: 每个 / 月, the 每个 read with its unit)
    r"|个?月|季度?|周|天"
    # Words saying the value comes on top of another ("补助之外还另外给多少"): what it is of
    # stands before them.
    r"|之外|以外|另外|额外|还|再|又|也"
    # (多 / 少 before the verb: "每个月还额外多给多少钱" gives more, of nothing named there)
    r"|多|少"
    # A verb of setting the value, not what it is of: "原来规定占多大比例".
    r"|规定|要求"
    # The government asked of, in everyday words ("市里奖多少钱", "省里给多少"): a place.
    r"|[省市县区镇乡村]?里|当地|本地"
)
_HEAD_STOP = {"和", "与", "及", "或", "跟", "同", "、", "，"}
# Words before whom an amount goes to ("给每个工作室补多少钱", "对每家机构奖励多少元").
_TO_WHOM = {"给", "对", "向", "为"}
# Each one of what follows (每个学生, 每名医师): the value is of the thing, however it is counted.
_EACH = re.compile(r"^每(?:个|名|位)(?=[\u4e00-\u9fff]{2})")
# Words pointing back at what the conversation named (这个比例, 那项补助, 该标准), or saying
# when (现在报销比例).
_POINTING = re.compile(rf"^(?:{_NOW})?(?:这个|那个|这些|那些|这项|那项|这一|那一|这|那|该|此|其)?")


def _asked_of(question: str, asked: re.Match[str]) -> tuple[str, str]:
    """The words before the asking words ``asked`` in their clause, without the filler
    ending them ("起付标准具体是多少元" → 起付标准, 具体是), and that filler."""
    ask = re.search(r"多少|几|多大|多久|多长|百分之", question[asked.start() : asked.end()])
    end = asked.start() + (ask.start() if ask else 0)
    noun = _RATE_NOUN.match(question, asked.start())
    if noun:
        # "规范管理率定的目标是多少": the value is of the rate the asking words open with.
        end = noun.end()
    before = CLAUSE_END.split(question[:end])[-1]
    filler = _VALUE_FILLER.search(before)
    return (before[: filler.start()], filler.group(0)) if filler else (before, "")


# The noun a percent question opens with ("率定的目标是多少", "比例为多少").
_RATE_NOUN = re.compile(r"比例|占比|比率|比重|幅度|率")
# Counting words that answer for one another: "多少名医师" is answered by "5人".
_UNIT_GROUPS = (
    "名|人|位",
    "个|家|所|座",
    "项|条|类|种|批|件",
    "针|剂|剂次",
    "次|回|趟|遍",
    "学时|课时",
    # (a kind of the unit asked: 几岁 is answered by 满3周岁, 几分 by 15学分, 多少份 by 20人份)
    "岁|周岁",
    "分|学分",
    "份|人份",
)
# The classifiers things are counted in, for which 个 stands in speech: "几个胚胎" is answered
# by "不超过2枚".
_THING_CLASSIFIERS = "枚|只|台|套|颗|辆|支"
# How the names of people end (专家, 人员, 医师, 护士, 学生, 患者, 院长).
_PERSON_ENDINGS = "员师士生者人家长手工"
# People named in everyday words ending otherwise ("多少个孩子以上要配2名", 几个老人).
_PERSON_NOUN = re.compile(r"孩子|小孩|儿童|婴幼儿|婴儿|幼儿|老人|病人|妇女|孕妇|产妇|居民|群众")


def count_pattern(question: str) -> re.Pattern[str]:
    """What answers a count question: a number with the counting word asked (or one of its
    group: 名 / 人 / 位), not any number with any unit ("多少名成员" is not met by "三级医院")."""
    m = VALUE_KINDS["count"][0].search(question)
    if m is None:
        return VALUE_KINDS["count"][1]
    unit = m.group(2)
    if unit == "人口":
        # "多少人口设一个" is answered by "每30万服务人口不少于1个", "每万人": a population.
        return re.compile(rf"{_NUM}\s*[\u4e00-\u9fff]{{0,4}}?人口|{_NUM}\s*万人")
    group = next((g for g in _UNIT_GROUPS if unit in g.split("|")), re.escape(unit))
    if unit in _COUNTED_PEOPLE.split("|"):
        # (or as a share of them: "全省要求多少孩子都得测" is answered by 筛查率达到98%以上)
        people = f"{_UNIT_GROUPS[0]}|{unit}"
        return re.compile(rf"{_NUM}\s*({people})|\d+(?:\.\d+)?\s*[%％]")
    # "几个部门" is answered by "8部门", "几个人" by "2人": the noun counted stands for its
    # classifier.
    noun = re.match(r"[\u4e00-\u9fff]{1,2}", question[m.end() :])
    if noun and unit in _UNIT_GROUPS[1].split("|"):
        group += "|" + re.escape(noun.group(0))
        # "几个病例" is answered by "3例以上": a counted noun ending in a classifier (病例,
        # 人次) is counted in it.
        last_char = noun.group(0)[-1]
        if (
            len(noun.group(0)) == 2
            and last_char in _UNITS.split("|")
            and last_char not in _UNIT_GROUPS[0].split("|")
        ):
            group += "|" + re.escape(last_char)
        # "多少个课时" is answered by "150学时": a counted noun that is itself a unit
        # stands for its group.
        group += "".join("|" + g for g in _UNIT_GROUPS if noun.group(0) in g.split("|"))
        # (the phrase counted may run on past a modifier: 几个经过培训的工作人员)
        phrase = re.match(r"[\u4e00-\u9fff]{1,12}", question[m.end() :])
        if (
            noun.group(0)[-1] in _PERSON_ENDINGS
            or (phrase and phrase.group(0)[-1] in _PERSON_ENDINGS)
            or (phrase and _PERSON_NOUN.match(phrase.group(0)))
        ):
            # "几个专家" is answered by "2人以上": people are counted in 名 / 人 / 位.
            group += "|" + _UNIT_GROUPS[0]
        elif unit == "个":
            # (a thing, in the classifier it is counted in: 几个胚胎 → 2枚)
            group += "|" + _THING_CLASSIFIERS
        if phrase and len(phrase.group(0)) > 2:
            # "几个试验项目" is answered by "10项": the phrase's last word opens with the
            # classifier it is counted in (项目 → 项, 条款 → 条, 批次 → 批).
            last = phrase.group(0)[-2]
            group += "".join("|" + g for g in _UNIT_GROUPS[2:] if last in g.split("|"))
    elif unit == "个":
        # "中医大夫最少得配几个？": 个 counts whatever was named before it, in the
        # classifier a notice writes for it (不少于3名).
        group = "|".join(_UNIT_GROUPS)
    # "多少县基本建成" is answered by "90%以上的县": a share of what is counted.
    share = rf"\d+(?:\.\d+)?\s*[%％](?:及?以上|以下|左右)?的?(?:{group})"
    return re.compile(rf"{_NUM}\s*({group}){_NOT_TIME}|{share}")


# The unit a length of time is asked in ("存几年", "多少个工作日", "几分钟内"), and the units
# that state one in it: "几年" is answered by "不少于5年", not by how often (每周收送1次) nor by
# a length in days.
_DURATION_ASKED = re.compile(
    # (几月几日 asks a date)
    r"(?<![哪十百千万\d这那近月])(?:多少|几)(?:个?(天|日|小时|钟头|分钟|秒钟?|工作日|周|星期|礼拜|年)"
    # (几月 asks which month, a date; 几个月 how many)
    r"|个(月))(?![级龄])"
)
# (A length asked in days is answered in hours too: "能多等几天" by 72小时.)
_DURATION_UNITS = {
    "天": "天|日|工作日|小时",
    "日": "天|日|工作日|小时",
    "工作日": "工作日|天|日",
    "小时": "小时|钟头",
    "钟头": "小时|钟头",
    "分钟": "分钟",
    "秒": "秒",
    "秒钟": "秒",
    "周": "周|星期",
    "星期": "周|星期",
    "礼拜": "周|星期",
    "月": r"个月|月(?!\d{1,2}\s*[日号])",
    "年": "年",
}
# "…一次" after how long, saying how often (多久评一次), not once more or the first time
# (多少天要再测一次, 多久要做第一次随访: by when).
_EVERY_SO_OFTEN = re.compile(r"^[^，,。？?；;再又第首]{0,4}(?:一|1)(?:次|回)")
# How often asked: 多久评一次, 几天报一次, 多长时间复评一次.
_HOW_OFTEN = re.compile(
    r"多久|多长时间|(?<![哪十百千万\d这那近])(?:多少|几)个?(?:天|日|小时|工作日|周|星期|礼拜|月|季度|年)"
)
# What states how often: every so long (每半年, 每2年, 每季度, 按月), so long once (一年一次,
# 半年1次), a cycle (检验周期为3年) or an interval (采集间隔不超过10分钟). A length of time
# alone (有效期两年) says how long, not how often.
_FREQUENCY = re.compile(
    rf"每隔?\s*(?:{_NUM})?\s*个?(?:季度|月|年|周|星期|天|日|半年|旬|工作日|小时|学期|学年)"
    # (a cycle's length: 检验周期为3年)
    rf"|周期[^，,。；;\d]{{0,4}}?(?:{_NUM})\s*个?(?:季度|月|年|周|天|日)"
    r"|按(?:季度|月|年|周|半年|旬|学期)"
    rf"|(?:{_NUM}\s*个?|半)(?:季度|月|年|周|天|日)[^，,。；;]{{0,8}}?(?:一|1)次"
    # (the interval between two times: 温度数据采集间隔不超过10分钟)
    rf"|间隔[^，,。；;\d]{{0,6}}?(?:{_NUM})\s*个?(?:秒|分钟|小时|天|日|周|月|季度|年)"
)


# How fast asked ("接到请求后要多快到现场？"): a time limit answers (30分钟内, 24小时以内,
# 立即, 当日), not any length of time (温度记录间隔不超过5分钟, 记录保存5年).
_HOW_FAST = re.compile(r"多快")
_TIME_LIMIT = re.compile(
    rf"{_NUM}\s*个?(?:分钟|小时|钟头|工作日|日|天|周|星期|月)(?:以)?内"
    r"|立即|立刻|马上|即时|第一时间|当日|当天|随时"
)


def duration_pattern(question: str) -> re.Pattern[str] | None:
    """What states the length of time ``question`` asks for in the unit it asks it in (a
    number of that unit, not a date: 2025年 is no number of years); asked how often
    ("多久评一次", "几天报一次"), what states a frequency; asked how fast, what states a time
    limit; None when it asks without a unit ("多久")."""
    often = _HOW_OFTEN.search(question)
    if often and _EVERY_SO_OFTEN.match(question[often.end() :]):
        return _FREQUENCY
    m = _DURATION_ASKED.search(question)
    if m is None:
        # (多快 beside 多久 / 多长时间: any length of time answers the other ask)
        fast = _HOW_FAST.search(question) and not re.search(r"多久|多长", question)
        return _TIME_LIMIT if fast else None
    unit = m.group(1) or m.group(2)
    group = _DURATION_UNITS[unit]
    half = "|半年|半个月" if unit in ("月", "年") else ""
    return re.compile(
        rf"(?<![\d年月〇零.一二三四五六七八九十两百千万])(?!(?:19|20)\d{{2}}\s*年){_NUM}\s*(个)?"
        rf"(?:{group}){half}"
    )


# Round brackets, which a name may hold a part of (市（州）, 县（市、区）).
_NAME_BRACKETS = re.compile(r"[（）()]")


def value_stated(
    kind: str, head: str, sentences: Sequence[str], pattern: re.Pattern[str] | None = None
) -> bool:
    """Whether a quoted sentence states a value of ``kind`` for ``head``: in the clause that
    names it, or after it in its sentence (within ``_VALUE_REACH`` characters). A head the
    quotes never name needs a value in a clause sharing two words of it; without a head,
    any value of the kind will do. ``pattern`` narrows what a value of the
    kind looks like."""
    pattern = pattern or VALUE_KINDS[kind][1]
    # A bracket within a name is no part of it: 市（州） is the 市州 asked of.
    head = _NAME_BRACKETS.sub("", head)
    sentences = [_NAME_BRACKETS.sub("", s) for s in sentences]

    def holds(text: str) -> bool:
        if kind == "duration":
            text = _DATE.sub("", text)
        return bool(pattern.search(text))

    if not any(holds(s) for s in sentences):
        return False
    grams = set(bigrams(head))
    if not grams:
        return True
    words = segment(head)
    named = False
    for sentence in sentences:
        clauses = CLAUSE_END.split(sentence)
        for i, clause in enumerate(clauses):
            at = [m.end() for m in re.finditer(re.escape(head), clause)]
            if not at:
                if (
                    2 * len(grams & set(bigrams(clause))) > len(grams)
                    or all(w in clause for w in words)
                ) and (
                    holds(clause)
                    or (
                        i + 1 < len(clauses)
                        and not _ANOTHER_PART.match(clauses[i + 1])
                        and holds(clauses[i + 1])
                    )
                ):
                    # most of the head's bigrams, or each of its words apart ("每年抽" in
                    # 每年…抽取), and a value in that clause or the next, which goes on about
                    # it ("由村卫生室承担的服务任务，相应资金不低于总经费的40%" for 村卫生室那块;
                    # not "由医保基金…分担，其中居民个人每人每年负担12元" for 医保基金出多少)
                    return True
                if (
                    i
                    and len(words) > 1
                    and words[-1] in clause
                    and all(w in clauses[i - 1] + clause for w in words)
                    and not re.search(r"\d", clauses[i - 1])
                    and holds(clause)
                ):
                    # the head's words over a clause stating no value and the next, the value
                    # beside its last ("…接受产前诊断，项目按每例1500元的标准给予补助" for
                    # 产前诊断补助; not "产前诊断率达到90%，基因检测每例补助1000元")
                    return True
                continue
            named = True
            for end in at:
                if _AS_BOUND.match(clause[end:]):
                    continue
                rest = clause[end:] + "，" + "，".join(clauses[i + 1 :])
                if holds(clause[: end - len(head)]) or holds(rest[:_VALUE_REACH]):
                    return True
    if named:
        return False
    # A clause sharing a word of the head by chance ("标准" of 财政补助标准 for
    # 个人缴费标准) is not enough: it must share two bigrams, and not only the measure the
    # head ends in while its sentence lacks what the head says it is of (培训覆盖率 shares
    # 覆盖率 alone with 筛查覆盖率).
    return any(
        len(grams & set(bigrams(c))) >= min(2, len(grams))
        and not _measure_only(head, words, grams & set(bigrams(c)), sentence)
        and holds(c)
        for sentence in sentences
        for c in CLAUSE_END.split(sentence)
    )


def _measure_only(head: str, words: Sequence[str], shared: set[str], sentence: str) -> bool:
    """Whether the ``shared`` bigrams lie within the last word of ``head`` (its segmentation,
    ``words``), the measure, while ``sentence`` holds none of the words before it that say
    whose: 培训覆盖率 shares only 覆盖率 with 筛查覆盖率; 财政补助 shares 财政 with 财政补贴涨了;
    "到2020年底，…签约率达到70%" holds 年底 of 年底签约率."""
    owner: list[int] = []
    for i, w in enumerate(words):
        owner += [i] * len(w)
    content = [i for i, w in enumerate(words) if len(w) >= 2]
    if len(content) < 2:
        return False
    touched = {
        owner[j + k]
        for j in range(min(len(head), len(owner)) - 1)
        if head[j : j + 2] in shared
        for k in (0, 1)
    }
    return touched == {content[-1]} and not any(words[i] in sentence for i in content[:-1])


# An amount or a number asked of a change ("销售费用同比变了多少", "能省多少钱") or of a
# coverage ("到2020年底要覆盖到多少人": 签约率达到70%以上): a share states it as well.
_CHANGE = re.compile(
    r"变了|变化|增加|增长|减少|下降|降低|上涨|上升|节省|省下|省了|省多少|减轻|覆盖"
    r"|提高|提升|上调|下调|调高|调低|上浮|下浮|涨"
    # A deduction ("补助会扣多少": 扣发…补助的30%).
    r"|扣"
)
# A bound asked of ("住院费用超过多少才…"): a multiple states it (超过…支付标准3倍).
_BOUND_ASKED = re.compile(r"超过|超出|高于|低于")
# A fund or insurer paying out ("统筹基金支付多少", "大病保险报多少"), and the units an amount
# is asked in ("多少元", "多少钱").
_PAID_OUT = re.compile(r"支付|报销|报|赔付|补偿|统筹")
_MONEY_UNIT = re.compile(r"万?元|钱|块")


# "考核结果分几个等次": what something is divided into is answered by naming the parts
# ("分为优秀、良好、合格和不合格"), whether or not their number is written. The 分 of a score
# (满分多少, 得分多少, 扣几分) divides nothing.
_DIVIDED = re.compile(r"(?<![满得评总打扣加积学记])分(?:为|成)?\s*(?:多少|几)")
_ENUMERATION = re.compile(
    r"[\u4e00-\u9fff“”]{1,12}(?:、[\u4e00-\u9fff“”]{1,12})+(?:和|及|与|、)[\u4e00-\u9fff“”]{1,12}"
)


# The measure a share is asked of, and a clause leaving a value to another body to set
# ("具体比例由各省份结合实际确定", "由省级卫生健康行政部门…自行确定", "另行规定").
_MEASURE = re.compile(r"比例|占比|比率|比重")
_LEFT_TO = re.compile(
    r"由[^，,。；;]{2,40}?(?:自行|统筹|分别|结合[^，,。；;]{0,20}?)?(?:确定|制定|规定|明确)"
    r"|另行(?:确定|制定|规定|明确)"
)


def _own_head(head: str, held: Callable[[str], bool] | None) -> str:
    """``head``, or "" when none of its words is one ``held`` says the index holds."""
    if not head or held is None or any(held(w) for w in segment(head) if len(w) >= 2):
        return head
    return ""


def _clause_before(question: str, asked: re.Match[str]) -> str:
    """The clause of ``question`` up to the end of the asking words ``asked``."""
    return CLAUSE_END.split(question[: asked.end()])[-1]


class ValueCheck:
    """What a quote must state to answer the values ``question`` asks for (``kinds``, keys of
    VALUE_KINDS): read from the question once, then applied to any quotes (``missed``)."""

    def __init__(
        self, question: str, kinds: Sequence[str], held: Callable[[str], bool] | None = None
    ) -> None:
        self.kinds = tuple(kinds)
        # (A head none of whose words any passage of the index holds — ``held`` — is the
        # asker's own wording: "来回的车费能补多少" is answered by 交通补助…15元. Any value of
        # the kind then states it.)
        self.heads = {k: _own_head(value_head(question, k), held) for k in self.kinds}
        self.patterns: dict[str, re.Pattern[str] | None] = {
            k: count_pattern(question)
            if k == "count"
            else duration_pattern(question)
            if k == "duration"
            else None
            for k in self.heads
        }
        share = VALUE_KINDS["percent"][1].pattern
        asked = {k: VALUE_KINDS[k][0].search(question) for k in ("money", "count")}
        for k in [k for k in ("money", "count") if k in self.patterns]:
            m = asked[k]
            if m is None:
                continue
            # (the change in the asking clause: "…覆盖率达到多少？测评通过了几级？" asks the
            # level of no change)
            before = _clause_before(question, m)
            own = (self.patterns[k] or VALUE_KINDS[k][1]).pattern
            if _CHANGE.search(before) or _BOUND_ASKED.search(before):
                self.patterns[k] = re.compile(rf"{own}|{share}|{_NUM}\s*倍")
            elif (
                k == "money"
                and not _MONEY_UNIT.search(question, m.start(), m.end() + 2)
                and _PAID_OUT.search(before)
            ):
                # "统筹基金支付多少" asks how much a fund pays, in no unit: its share of the
                # cost (支付比例不低于60%) answers as an amount does.
                self.patterns[k] = re.compile(rf"{own}|{share}")
        self.paying = paid_in(question) if "money" in self.heads else None
        self.fine = fine_imposed(question) if "money" in self.heads else None
        # The measure a share is asked of (比例, 占比, 比率, 比重), as a clause leaving it to
        # others names it.
        found = _MEASURE.search(question) if "percent" in self.kinds else None
        self.measure = found.group(0) if found else ""
        asked_count = asked["count"]
        self.divides = asked_count is not None and bool(
            _DIVIDED.search(_clause_before(question, asked_count))
        )

    def missed(self, quotes: Sequence[str]) -> list[str]:
        """The kinds asked for that no sentence of ``quotes`` states, or that a quoted
        clause naming the share asked leaves to another body to set ("用于薪酬支出的具体比例
        由各省份结合实际确定": the notice sets no share, whatever other shares it states)."""
        sentences = [s for quote in quotes for s in _SENTENCE_END.split(quote) if s.strip()]
        clauses = [c for sentence in sentences for c in CLAUSE_END.split(sentence)]
        left = [
            k
            for k in self.kinds
            if k == "percent"
            and self.measure
            and any(
                self.measure in c and _LEFT_TO.search(c) and not VALUE_KINDS[k][1].search(c)
                for c in clauses
            )
        ]
        divided = self.divides and any(_ENUMERATION.search(c) for c in clauses)
        paying, fine = self.paying, self.fine
        missed = [
            k
            for k in self.kinds
            if not (k == "count" and divided)
            and not (
                value_stated(k, self.heads[k], sentences, self.patterns[k])
                and (
                    k != "money"
                    or paying is None
                    or any(
                        paying.search(c) and (self.patterns[k] or VALUE_KINDS[k][1]).search(c)
                        for c in clauses
                    )
                )
                and (k != "money" or fine is None or any(fine.search(c) for c in clauses))
            )
        ]
        return [k for k in self.kinds if k in left or k in missed]


def unmet_values(
    constraints: Constraints,
    citations: Sequence[Citation],
    held: Callable[[str], bool] | None = None,
) -> list[Unmet]:
    """The kinds of value asked for that no quoted sentence states (``held``: whether some
    passage of the index holds a word, ``ValueCheck``)."""
    check = ValueCheck(constraints.question, constraints.values, held)
    missed = check.missed([c.quote for c in citations])
    if not missed:
        return []
    names = "、".join(VALUE_NAMES[k] for k in missed)
    of = "、".join(dict.fromkeys(check.heads[k] for k in missed if check.heads[k]))
    message = f"所引通知没有写明所问的{names}" + (f"（{of}）" if of else "")
    return [Unmet("value", names, message)]
