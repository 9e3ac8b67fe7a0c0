"""What a question asks about validity, read from its wording: whether it asks if a rule is
in force (in everyday words: 还管用吗, 过期了没有, 还在执行吗, 施行了吗), what replaced a
document or what a document replaced, and the date it is asked for.

A date in a validity question is its as-of date when it governs the status phrase: it is
introduced by 截至 / 截止到 / 到…为止 / 在…时 / 按…算 / 以…为准, followed by 的时候 / 时 /
那会儿 / 那天 / a comma, opens the clause as a time (2022年底国卫…号是否已经失效), or is
pointed back to by a later 那时候 / 当时 (我2024年2月25日去申请，那时候开始执行了没有).
A date that names the document ("2024年的工作方案", "2016年制发的办法", "2020年版",
"2019年那个通知") is its subject, not its date. Dates are read in Arabic and Chinese
numerals, with 元旦 / 年初 / 年中 / 年底 / 上半年 / 月初 / 月中 / 月底 / 上旬 / 下旬; a
period (a year, a month) is read as its first day, or its last after 截至 / 到…为止 / 底 /
末, and :func:`period_of` keeps both ends so that an answer can say when the status
changed within it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rag.grammar import numeral_value
from rag.query_filters import separate_asks

# A question about whether a rule applies, when it took effect or lapses, or what replaced
# it. "有效" alone is too common ("有效防控", "有效衔接"): it counts as 有效期, after a word
# asking whether (还/仍/是否/继续 有效), or before 吗 / 么 / 没有 / 与否.
ASKS_STATUS = re.compile(
    r"有效期|试行期|执行期|实施期|(?:还|仍|仍然|依然|是否|继续|现行|一直|都)(?:是)?有效|有效(?:吗|么|嘛|没|与否|的吗|性)"
    r"|有没有效|失效|废止|作废|被[^。？?，,]{0,20}?废(?:了|掉)|过期|到期|期满|届满|现行|(?:还|仍然|仍|是否|现在)(?:还)?适用"
    r"|适用吗|还能用|还能不能用|还可以用|还用吗|还管用|管不管用|还算数|还作数|算不算数|还生效"
    r"|还执行|还在执行|继续执行|停止执行|不再执行|还要执行|执行到"
    r"|还在用|还用不用|能不能用|还可以用|还可以执行|可以继续|继续适用|仍可执行|仍在执行|还作不作数"
    r"|施行|生效|(?:开始|正式)?(?:实施|执行|试行|实行)了?(?:吗|没有?|与否)|(?:实施|执行|试行|实行)了没"
    r"|还在(?:试行|实施|执行|施行|实行)"
    # "那个更正通知是从哪天开始执行的？": when the document itself took effect (the ask
    # ends there; "什么时候开始执行分时段预约" asks about a rule).
    r"|(?:哪天|哪一天|什么时候|何时|几号)(?:开始|起)?(?:执行|实施|施行|生效|试行|实行)(?:的)?(?:呢|啊)?[？?]?$"
    # "2024年10月20日那会儿已经开始了吗": whether it had taken effect by then.
    r"|已经开始了?(?:吗|没有?)"
    # "管到哪年？", "办法到什么时候？": until when the document holds (the ask ends there;
    # "各地到什么时候完成" asks for a deadline).
    r"|管到|(?:有效|执行|施行|实施|试行|用)?到(?:哪年|哪一年|什么时候|何时|几时|哪天|哪一天)"
    r"(?:为止|止)?(?:呢|啊)?[？?]?$"
    # "还按2016年那个办法来吗", "现在还能照…办吗": whether the document still governs.
    r"|(?:还|仍|仍然|依然|已经)(?:能|可以|要|得|应该?)?(?:按|照|按照|依|依照|参照)[^。？?]{1,30}?(?:吗|么|没有|不)"
    r"|不(?:再)?(?:执行|实施|施行|适用)了|(?:已经|是否|是不是)(?:停止|不再)"
    r"|(?:原来|原先|之前|老|旧)的?那?一?(?:版|版本)[^。？?]{0,6}(?:吗|么)|最新(?:版|的版本)|哪一?版"
    r"|(?:试行期|有效期|执行期)?过了(?:吗|没有?)|(?:结束|截止)了(?:吗|没有?)"
    # 修订 / 取代 ask about the document's fate, not "修订后的办法规定…" or 替代治疗.
    r"|被[^。？?]{0,12}(?:取代|替代|代替|替换|修订|修改)|(?:取代|替代|代替|替换|修订|修改)(?:了|过)"
    r"|(?:取代|替代|代替|替换)(?:它|其|这个|该)|有没有(?:修订|修改)|是否(?:修订|修改)"
    # "门诊共济实施办法改过吗", "试行期后来延了没有": whether the document was changed since.
    r"|(?:改|改动|调整|延|延长|延期)(?:过|了)(?:吗|么|没有?)|有没有(?:改|调整|延长|延期)"
    r"|新版|撤销|作废|效力|时效|(?:什么|哪种)状态|状态(?:如何|怎样|是什么)"
    # "…办法（试行）现在什么情况", "现在该按哪个", "以哪个为准": which document governs now.
    r"|(?:现在|目前|如今)(?:是)?(?:什么|啥)(?:情况|状况)"
    r"|(?:该|应该|应当)(?:按|以|依|照)哪(?:个|份|一个|一份|一?版)(?:为准|执行|来)?(?:呢|啊)?[？?]?$"
    r"|以哪(?:个|份|一个|一份|一?版)为准"
    # "那篇报道能当正式文件用吗", "这份报告算有效文件吗": whether a text is in force at all
    r"|(?:能|可以)?当(?:作|成)?正式文件|算(?:不算)?(?:是)?(?:有效|生效|正式)"
    # "现在还是5名吗": whether what the document said still holds (it may have been amended).
    r"|(?:现在|目前|如今)(?:还|仍然?|依然)是[^，,。？?]{1,12}(?:吗|么|嘛)"
)
# "被什么取代了", "被哪个文件废止": what replaced, repealed or amended the document.
ASKS_SUCCESSOR = re.compile(
    r"被(?:什么|哪个|哪份|哪些|哪一?[个份项]?)[^。？?]{0,10}?(?:取代|替代|代替|替换|废止|废掉|修订|修改"
    r"|宣布失效|撤销)|(?:谁|什么|哪个文件|哪份文件)(?:[^。？?]{0,6})(?:取代|替代|代替|替换)了?(?:它|这)"
    r"|(?:哪个|什么|哪份)(?:文件|通知|办法)?(?:把它|将它)?(?:修订|修改|废止|取代)了它"
    r"|新版(?:是|叫)|(?:取代|替代|代替)(?:它|其)的是"
    # "后来换成哪个文件了": what took its place.
    r"|(?:换成|换为|改成|改为)了?(?:哪|什么)(?:一?[个份项])?(?:文件|通知|办法|规定)?"
)
# "它让之前哪个文件失效了", "废止了哪些文件", "取代了哪个": the documents it repealed or
# amended.
ASKS_TARGETS = re.compile(
    r"(?:让|使|令|宣布|把)(?:之前|以前|此前|原来|原先)?(?:的)?(?:哪|什么)[^。？?]{0,8}?(?:失效|废止|作废|停止执行)"
    r"|(?:废止|废除|取代|替代|代替|修订|修改|失效)了(?:之前|以前|此前|原来)?(?:的)?(?:哪|什么)"
    r"|(?:哪些|哪个|哪份|什么)(?:文件|通知|办法|规定)?(?:因它|因此|随之|同时)(?:失效|废止|被废止)"
)

_CN = "〇零○一二三四五六七八九十两"
_YEAR = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN}]{{4}})\s*年"
_MONTH = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?"
_DAY = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]"
# 2021年, 2021年初/中/底/末, 上半年/下半年, 2021年3月, 3月初/中/底/末/上旬/中旬/下旬, 2021年3月5日.
_DATE = re.compile(
    rf"{_YEAR}(?:\s*(?P<yp>初|年初|中|年中|底|年底|末|年末|上半年|下半年|元旦)"
    rf"|\s*{_MONTH}(?:\s*{_DAY}|\s*(?P<mp>初|中|中旬|底|末|上旬|下旬))?)?"
    r"|(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})(?:[-/.](?P<id>\d{1,2}))?(?![\d])"
)
# Before a date: it frames the status (截至 2024年3月, 到 2022年底 为止, 在 2021年 时).
_FRAME_BEFORE = re.compile(
    r"(?:截至|截止到?|截止至|直到|到了?|至|在|于|当|按|以|按照|放在|回到)\s*$"
)
# After a date: it is the time the question is about (…的时候, …时, …为止, a comma).
_FRAME_AFTER = re.compile(
    r"^\s*(?:的时候|的时间|时候|之时|时|那会儿?|那时|当时|为止|止|以前|之前|前后|期间|[，,、：:]"
    r"|(?:那|这|当)一?天|算|来看|为准|这个时间点|那个时间点"
    r"|(?:它|其)?(?:是否|还|仍|已经|已|就|有没有|到底))"
)
# Later in its question, words pointing back to a date as the time asked about.
_POINTED_BACK = re.compile(r"那时候?|那个时候|当时|那会儿?|那一?天|届时")
# After a date: it names the document (2024年的工作方案, 2020年版, 2016年制发的, 2019年那个).
_SUBJECT_AFTER = re.compile(
    r"^\s*(?:的(?!时候|时间)|版|度|制发|印发|发布|出台|颁布|制定|下发|修订|那[个份件项](?!时间点)"
    r"|这[个份件项](?!时间点)"
    r"|起|开始|以来|后)"
)
# After a framed date, what makes it a document's name still (截至2024年的工作方案 is rare,
# 截至2024年的效力 is not).
_DOCUMENT_AFTER = re.compile(
    r"^\s*(?:的\s*)?(?:[^，,。？?的]{0,8}?(?:方案|办法|通知|文件|规定|意见|标准|细则|规划|政策|要点"
    r"|计划|版)|版|度)"
)
_UNTIL_AFTER = re.compile(r"^\s*(?:为止|止|以前|之前)")
# Before a date: it is what the question asks about, not when (有效期到2025年底吗, 执行到…).
_CONTENT_BEFORE = re.compile(
    r"(?:期|期限|执行|实施|施行|有效|适用|延长|延续)\s*(?:为|是|只)?\s*(?:至|到|截至|截止到?)\s*$"
)
# After a date: when the document lapsed is what is asked (是不是2023年底就失效了).
_LAPSE_AFTER = re.compile(
    r"^\s*(?:就|便|已经?|已然)?\s*(?:失效|过期|到期|期满|届满|截止|废止|作废|停止执行|不再执行)"
)
# Words that put the question in the present, whatever else it dates.
_NOW = re.compile(r"现在|目前|如今|当前|眼下|今天|今年|至今|现阶段")


@dataclass(frozen=True)
class Period:
    """A date as a question says it: its first and last day, the day it stands for, and the
    words it was written in."""

    start: str
    end: str
    day: str
    said: str


@dataclass(frozen=True)
class ValidityAsk:
    """What a question asks about validity."""

    asks_status: bool = False
    asks_successor: bool = False
    asks_targets: bool = False
    # The date it is asked for, when the question names one (None: today, or the caller's).
    as_of: Period | None = None


def read_ask(question: str) -> ValidityAsk:
    """The validity intent of ``question`` and the as-of date it names."""
    asks = bool(ASKS_STATUS.search(question))
    successor = bool(ASKS_SUCCESSOR.search(question))
    targets = bool(ASKS_TARGETS.search(question))
    asks = asks or successor or targets
    return ValidityAsk(asks, successor, targets, as_of_in(question) if asks else None)


def ask_dates(question: str) -> list[Period]:
    """The dates the asks of a question give themselves ("…2020年11月30日那天已经开始试行
    了吗？现在还有效吗？": the first ask's), when the question as a whole names none."""
    return [
        asked.as_of
        for part in separate_asks(question)
        if (asked := read_ask(part)).asks_status and asked.as_of is not None
    ]


def as_of_in(question: str) -> Period | None:
    """The as-of date a validity question names, or None (the question's subject years,
    and a question in the present, name none)."""
    found: list[Period] = []
    for m in _DATE.finditer(question):
        before, after = question[: m.start()], question[m.end() :]
        if _CONTENT_BEFORE.search(before[-8:]) or _LAPSE_AFTER.match(after):
            continue
        framed = bool(_FRAME_BEFORE.search(before[-4:]))
        if _SUBJECT_AFTER.match(after) and not (framed and not _DOCUMENT_AFTER.match(after)):
            continue
        if not framed:
            if _inside_brackets(before):
                continue  # （2020年版）, 〔2020〕: part of a name or a 文号
            specific = bool(m.group("m") or m.group("yp") or m.group("iy"))
            # "我2024年2月25日去申请，那时候开始执行了没有": a day the question points back to.
            timed = bool(_FRAME_AFTER.match(after)) or (
                specific and bool(_POINTED_BACK.search(re.split(r"[？?]", after)[0]))
            )
            # A bare year opening a clause before a noun (2021年健康中国行动…) names the
            # document; a month, a day or 年底 there is a time.
            opens = not before.strip() or before.rstrip()[-1] in "，,。？?！!；;：:那"
            if not (timed or (opens and specific)):
                continue
        period = _period(m, until=(framed and _is_until(before)) or bool(_UNTIL_AFTER.match(after)))
        if period is not None:
            found.append(period)
    if not found:
        return None
    # 截至 2024年3月 …现在还有效吗: an explicit date wins over "现在" only when framed; the
    # first date found is the one the status phrase is asked for.
    if _NOW.search(question) and not any(_explicit(question, p) for p in found):
        return None
    return found[0]


def without_date(question: str, period: Period) -> str:
    """The question without its as-of date and the words framing it, for retrieval: a
    year said as a date (2024年3月的时候) is not the year of the notices asked about."""
    at = question.find(period.said)
    if at < 0:
        return question
    before = re.sub(r"(?:截至|截止到?|截止至|直到|到了?|至|在|于|当)\s*$", "", question[:at])
    after = re.sub(
        r"^\s*(?:的时候|的时间|时候|之时|时|那会儿?|那时|当时|为止|止|以前|之前)?\s*[，,、：:]?",
        "",
        question[at + len(period.said) :],
    )
    return (before + after).strip() or question


def _explicit(question: str, period: Period) -> bool:
    at = question.find(period.said)
    return at >= 0 and bool(re.search(r"(?:截至|截止到?|截止至|直到|到|在|于)\s*$", question[:at]))


def _is_until(before: str) -> bool:
    return bool(re.search(r"(?:截至|截止到?|截止至|直到|到了?|至)\s*$", before[-4:]))


def _inside_brackets(before: str) -> bool:
    opened = max(before.rfind(c) for c in "（(〔[【《")
    closed = max(before.rfind(c) for c in "）)〕]】》")
    return opened > closed


def period_of(text: str) -> Period | None:
    """The first date written in ``text`` as a period (2021年初, 2024年3月, 2022-12-31)."""
    m = _DATE.search(text)
    return _period(m, until=False) if m else None


def _period(m: re.Match[str], until: bool) -> Period | None:
    """The period a date match names; its day is the last one when ``until`` (截至 …) or
    the words say its end (年底, 月末), else the first."""
    year: int | None
    month: int | None
    day: int | None
    if m.group("iy"):
        year, month = int(m.group("iy")), int(m.group("im"))
        day = int(m.group("id")) if m.group("id") else None
        yp = mp = None
    else:
        year = _year(m.group("y"))
        month = _number(m.group("m")) if m.group("m") else None
        day = _number(m.group("d")) if m.group("d") else None
        yp, mp = m.group("yp"), m.group("mp")
    if year is None or not 1949 <= year <= 2100:
        return None
    try:
        if month is None:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
            if yp == "元旦":
                first = last = point = dt.date(year, 1, 1)
            elif yp in ("初", "年初"):
                last = dt.date(year, 1, 31)
                point = first
            elif yp in ("中", "年中"):
                first, last = dt.date(year, 6, 1), dt.date(year, 7, 31)
                point = dt.date(year, 6, 30)
            elif yp in ("底", "年底", "末", "年末"):
                first = dt.date(year, 12, 1)
                point = last
            elif yp == "上半年":
                last = dt.date(year, 6, 30)
                point = last if until else first
            elif yp == "下半年":
                first = dt.date(year, 7, 1)
                point = last if until else first
            else:
                point = last if until else first
        else:
            end_day = calendar.monthrange(year, month)[1]
            first, last = dt.date(year, month, 1), dt.date(year, month, end_day)
            if day is not None:
                first = last = point = dt.date(year, month, day)
            elif mp == "初":
                last = dt.date(year, month, 10)
                point = first
            elif mp in ("中", "中旬"):
                first, last = dt.date(year, month, 11), dt.date(year, month, 20)
                point = dt.date(year, month, 15)
            elif mp in ("底", "末"):
                first = dt.date(year, month, 21)
                point = last
            elif mp == "上旬":
                last = dt.date(year, month, 10)
                point = last if until else first
            elif mp == "下旬":
                first = dt.date(year, month, 21)
                point = last if until else first
            else:
                point = last if until else first
    except ValueError:
        return None
    said = re.sub(r"\s+", "", m.group(0))
    return Period(first.isoformat(), last.isoformat(), point.isoformat(), said)


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    values = [digits.get(c) for c in text]
    if any(v is None for v in values):
        return None
    return int("".join(str(v) for v in values))


def _number(text: str) -> int | None:
    value = numeral_value(text)
    return value if value is not None and value > 0 else None


def chinese_date(iso: str) -> str:
    """2024-03-01 as 2024年3月1日."""
    y, m, d = iso.split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


__all__ = [
    "ASKS_STATUS",
    "ASKS_SUCCESSOR",
    "ASKS_TARGETS",
    "Period",
    "ValidityAsk",
    "as_of_in",
    "chinese_date",
    "period_of",
    "read_ask",
    "without_date",
]
