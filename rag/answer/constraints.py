"""The constraint check: what a question pins down must hold for what the answer cites.

A question names a place (江苏省), a year or a range of years (2022年, 2024—2025年), a
document 《X》, or asks for a kind of value (多少天, 多少元, 哪一天). The best passages can be
on the topic and still miss one of these: another province's notice, last year's plan, the
cover letter of an attachment the index does not hold, a sentence on the topic without the
number asked for. ``unmet`` lists what a drafted and verified answer misses, from the cited
notices' metadata and the quoted sentences; the Answerer then refuses and says why, keeping
the nearest evidence as a labelled reference instead of substituting it silently. The same
check runs on an LLM's draft, after citation verification.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.answer.questions import (
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    WHICH_DOC,
    named_places,
    question_words,
    segment,
)
from rag.answer.records import Citation
from rag.answer.text import bigrams
from rag.docno import find_doc_numbers
from rag.grammar import (
    CJK,
    DOC_KINDS,
    ORG_ENDINGS,
    SIGNING_OFFICES,
    YEAR_RANGE,
    document_years,
)
from rag.places import CITY_PROVINCE, PROVINCES, places_in
from rag.records import Notice

# The kind of value a question asks for, and what a sentence holding one looks like. Only
# wording that asks for a value and nothing else: "服务时间有什么要求" asks about hours
# in general, "哪几个方面" for a list.
_NUM = r"[\d一二三四五六七八九十两百千万]+(\.\d+)?"
# Counting words and units of measure: "多少公斤" is answered by "12.5公斤", "几类" by "四类".
_UNITS = (
    "个|家|名|项|批|种|类|级|所|人|张|次|床|例|剂|针|份|条|公斤|千克|克|毫克|毫升|升|米|平方米"
    "|公里|千米|岁|周岁|分|倍|台|套|支|盒|部门|部委|单位|机构|省|市|县"
)
VALUE_KINDS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        # "哪几天" asks for dates, not a length of time.
        re.compile(
            r"多久|多长时间"
            r"|(?<!哪)(多少|几)个?(天|日|小时|工作日|周|星期|个?月|年)(?![级龄])"
        ),
        re.compile(
            rf"{_NUM}\s*(个)?(小时|天|日|周|个月|月|年|分钟|工作日)"
            r"|半年|半个月|长期|永久"
        ),
    ),
    "percent": (
        re.compile(
            r"多少%|百分之几|百分之多少|多大比例|几成"
            r"|(比例|占比|比率|比重|幅度|率)[^，,。？?；;]{0,6}?(多少|几)(?![天年月个次])"
        ),
        re.compile(r"\d+(\.\d+)?\s*[%％]|百分之|个百分点|[一二三四五六七八九十]成"),
    ),
    "money": (
        re.compile(
            r"多少元|多少钱|多少万元|多少亿元|费用(是|为)多少"
            r"|(补助|补贴|标准|限额|价格|金额|费用|奖励|津贴|罚款|罚金|经费|资金|拨款)"
            r"[^，,。？?；;]{0,6}?多少(?![天年月个次%％分种项家名批所人例])"
            r"|(罚|拨|给|补)多少(钱|经费|资金)?(?![天年月个次%％分种项家名批所人例])"
        ),
        re.compile(rf"{_NUM}\s*(万|亿)?元"),
    ),
    "count": (
        re.compile(rf"(?<!哪)(多少|几)\s*({_UNITS})"),
        re.compile(rf"{_NUM}\s*({_UNITS})"),
    ),
    "date": (
        re.compile(
            r"什么时候|何时|哪天|哪一天|几月几日|几号(起|前|开始)|哪一年|哪年|截止(到)?(什么时候|哪天)"
        ),
        re.compile(
            r"\d{4}\s*年|\d{1,2}\s*月(\d{1,2}\s*日|底|初|中旬|上旬|下旬)?|之日起|即日起|年底|年内|月底"
            r"|[一二三四五六七八九十]+月|季度|上半年|下半年|每年|每月|同步"
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
_NAMED_TITLE = re.compile(r"《([^《》]{2,80})》")
# A cover letter that publishes an attachment: "关于印发《X》的通知", "现将《X》印发给你们".
# A call for comments on a draft publishes it the same way: "公开征求《X（征求意见稿）》意见",
# "关于X（征求意见稿）公开征求意见的公告", the draft "（见附件）".
_COVER_TITLE = re.compile(
    r"关于(?:发布实施|印发实施|印发|发布|颁布|推广)(.+?)的(?:通知|函)"
    r"|征求(《[^《》]+》)(?:[（(]征求意见稿[）)])?的?意见"
    r"|关于(.+?[（(]征求意见稿[）)])(?:公开)?征求意见"
)
_HANDS_OVER = re.compile(
    r"印发给你们|现(将|把|予)?印发|现将.{0,60}印发"
    r"|[（(](?:详)?见附件\d?[）)]|现(向社会)?(公开|广泛)?征求(社会各界|各单位)?意见"
)
# A notice's list of attachments ("附件：1.…方案 2.…名单"): it names them, and says nothing
# of what they hold.
_ATTACHMENT_LIST = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]")
# An item of that list quoted on its own ("2. 医疗机构废弃物专项整治执法案件汇总表").
_LISTED_ITEM = re.compile(r"^\s*\d+\s*[.．、]\s*[^。；;]*$")
# A question about the attachments themselves (有哪些附件, 附件几是什么).
_ASKS_ATTACHMENTS = re.compile(r"附件")
# What a cover letter says of itself, beside handing the attachment over: who drew it up or
# issued it, when, why, and where comments go. A question asking anything else asks what
# the attachment says.
_ABOUT_LETTER = re.compile(
    r"(谁|哪|几|什么|多少)[^，,。？?]{0,8}(起草|制定|印发|发布|出台|下发)"
    r"|(起草|制定|印发|发布|出台|下发)(了|的)?(是)?(什么|哪)"
    r"|谁|哪个部门|哪些部门|哪个单位|哪些单位|哪个机构|什么时候|何时|哪天|哪一天|几月几日|截止"
    r"|反馈|邮箱|联系(人|方式|电话)|目的|为什么|为何|依据(是|什么|哪)|审议|审定|批准"
)
# "…印发的是什么办法": what a cover letter publishes is in the cover letter.
_PUBLISHED = re.compile(r"印发(的|了)(是)?(什么|哪)")
_FULL_SENTENCE = re.compile(r"[^。！？\n]{15,}[。！？]")


@dataclass(frozen=True)
class Constraints:
    """What a question pins down."""

    places: tuple[str, ...] = ()  # province short names of the provinces and cities named
    years: tuple[int, int] | None = None  # inclusive
    titles: tuple[str, ...] = ()  # documents named in 《》
    values: tuple[str, ...] = ()  # kinds of value asked for (keys of VALUE_KINDS)
    about_metadata: bool = False  # asks who issued a notice, when, or its 文号
    about_notice: bool = False  # asks which notice says or publishes something
    subject: tuple[str, ...] = ()  # the question's subject words (questions.question_words)
    question: str = ""
    doc_numbers: tuple[str, ...] = ()  # 文号 named, normalised
    # Bodies named as issuing a document ("国家医保局印发的《X》"), each with the 《title》
    # it is said to have issued ("" when not named in 《》, "关于" when the body heads the
    # title the question writes out: named_issuers).
    issuers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Unmet:
    """One constraint the cited evidence does not meet, said for the reader."""

    kind: str  # place / year / title / issuer / value / attachment / mentioned (a note only)
    wanted: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "wanted": self.wanted, "message": self.message}


def held_places(question: str) -> list[str]:
    """The places ``question`` holds an answer to (``Constraints.places``): provinces and
    cities it names. 国家 / 全国 beside a province often names where a rule comes from
    ("依据国家哪个文件"), not where it applies."""
    places = [p for p in named_places(question) if p != "全国"]
    for p in places_in(question):
        if p not in places:
            places.append(p)
    return places


def named_titles(question: str) -> tuple[str, ...]:
    """The documents ``question`` names in 《》."""
    return tuple(t.strip() for t in _NAMED_TITLE.findall(question) if t.strip())


def constraints_of(question: str) -> Constraints:
    """The place, years, named documents and kind of value ``question`` pins down."""
    places = held_places(question)
    years: tuple[int, int] | None = None
    span = YEAR_RANGE.search(question)
    if span:
        lo, hi = sorted((int(span.group(1)), int(span.group(2))))
        years = (lo, hi)
    else:
        # Years that date documents, not a deadline or start it names (2026年4月1日起).
        found = sorted(document_years(question))
        if found:
            years = (found[0], found[-1])
    titles = named_titles(question)
    about_metadata = bool(
        ISSUER_QUESTION.search(question)
        or DATE_QUESTION.search(question)
        or DOCNO_QUESTION.search(question)
    )
    about_notice = bool(WHICH_DOC.search(question) or _PUBLISHED.search(question))
    values = tuple(asks_value(question))
    return Constraints(
        tuple(places),
        years,
        titles,
        values,
        about_metadata,
        about_notice,
        tuple(question_words(question)),
        question,
        tuple(dict.fromkeys(m.doc_number.normalized for m in find_doc_numbers(question))),
        tuple(named_issuers(question)),
    )


def unmet(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """The constraints that no cited notice (metadata) or quoted sentence meets.

    Kinds: ``place``, ``year``, ``title``, ``value`` and ``attachment`` are misses the
    Answerer refuses for; ``mentioned`` (a named document only quoted by the cited notices)
    is said in a note before the answer.
    """
    if not citations:
        return []
    cited = [notices[c.notice_id] for c in citations if c.notice_id in notices]
    quotes = "".join(_fold(c.quote) for c in citations)
    out: list[Unmet] = []
    if constraints.places:
        out.extend(_places(constraints.places, cited, quotes))
        if not any(m.kind == "place" for m in out):
            out.extend(_cities(constraints.question, cited))
    if constraints.years is not None:
        lo, hi = constraints.years
        # "2021年重点工作任务": the year names the document, so a quote that mentions the year
        # ("到2021年底") in another year's notice does not meet it.
        # A quote meets it when it names a document of that year too ("2019年印发的《…》").
        strict = bool(_YEAR_NAMES_DOCUMENT.search(constraints.question))
        named_years = [
            int(m.group(1))
            for c in citations
            for pattern in (_YEAR_NAMES_DOCUMENT, _EDITION_YEAR)
            for m in pattern.finditer(c.quote)
        ]
        by_quote = any(lo <= y <= hi for y in named_years) or (
            not strict and any(str(y) in quotes for y in range(lo, hi + 1))
        )
        if not any(_in_years(n, lo, hi, strict) for n in cited) and not by_quote:
            wanted = f"{lo}年" if lo == hi else f"{lo}—{hi}年"
            out.append(Unmet("year", wanted, f"库中没有{wanted}的此类通知"))
    # "哪些地方出台了落实《X》的文件": the notices resting on it are the answer.
    uses = bool(_USES_DOCUMENT.search(_without_names(constraints.question)))
    for title in constraints.titles:
        if any(names_document(n.title, title) for n in cited):
            continue
        if _fold(title) not in quotes:
            out.append(Unmet("title", title, f"库中没有《{title}》"))
        elif constraints.about_notice:
            continue  # "《X》是哪个文件发布的": the notice that names it answers
        elif constraints.about_metadata and not (
            DATE_QUESTION.search(constraints.question)
            and any(_issue_dated(_fold(c.quote), _fold(title)) for c in citations)
        ):
            # Its 文号, issuer or date cannot come from a notice that only names it, unless
            # the quote tells when it was issued ("2019年8月，我委印发了《X》").
            out.append(Unmet("title", title, f"库中没有《{title}》本身，只有提及它的通知"))
        elif constraints.about_metadata:
            message = f"索引中没有《{title}》本身；它的印发时间出自提及它的通知"
            out.append(Unmet("mentioned", title, message))
        elif not uses and not any(_reports(_fold(c.quote), _fold(title)) for c in citations):
            # Named only as the basis of another notice ("根据《X》…制定本方案", "现将《X》转发
            # 给你们"): nothing of what it says is quoted.
            message = f"库中没有《{title}》本身；所引通知只是提到它，没有写它的内容"
            out.append(Unmet("title", title, message))
        else:
            # Quoted by the cited notices: what they say of it, not the document itself.
            message = f"索引中没有《{title}》本身；以下出自提及它的通知"
            out.append(Unmet("mentioned", title, message))
    out.extend(_issuers(constraints.issuers, cited))
    # Who issued a 文号 or which notice cites it is told by the sentence citing it.
    named_missing = any(m.kind == "title" for m in out)
    about = constraints.about_metadata or constraints.about_notice or uses
    for number in () if about else constraints.doc_numbers:
        if named_missing or any(n.doc_number == number for n in cited):
            continue
        # Where the quotes print it, and whether one goes on to say what it says.
        places = [
            (c.quote, m)
            for c in citations
            for m in find_doc_numbers(c.quote)
            if m.doc_number.normalized == number
        ]
        if places and not any(_says_what_it_says(q, m.start, m.end) for q, m in places):
            message = f"库中没有{number}本身；所引通知只是提到它，没有写它的内容"
            out.append(Unmet("title", number, message))
    of_notice = constraints.about_metadata or constraints.about_notice
    if constraints.values and not of_notice:
        sentences = [s for c in citations for s in _SENTENCE_END.split(c.quote) if s.strip()]
        heads = {k: value_head(constraints.question, k) for k in constraints.values}
        patterns = {k: count_pattern(constraints.question) if k == "count" else None for k in heads}
        missed = [
            k for k in constraints.values if not _value_stated(k, heads[k], sentences, patterns[k])
        ]
        if missed:
            names = "、".join(VALUE_NAMES[k] for k in missed)
            of = "、".join(dict.fromkeys(heads[k] for k in missed if heads[k]))
            message = f"所引通知没有写明所问的{names}" + (f"（{of}）" if of else "")
            out.append(Unmet("value", names, message))
    if not of_notice:
        out.extend(_attachments(constraints, citations, notices))
    return out


# A year that is part of a document's name: "2021年重点工作任务", "2022年版的方案".
_YEAR_NAMES_DOCUMENT = re.compile(
    r"((?:19|20)\d{2})\s*年(?:版|度)?[^，,。？?；;、]{0,16}?"
    r"(?:要点|方案|计划|通知|意见|办法|清单|目录|规划|任务|报告|指南|标准|规范|决定|公告|《)"
)
# An edition's year after the document's name: "《…记分管理办法（2016年版）》同时废止".
_EDITION_YEAR = re.compile(rf"(?:{DOC_KINDS})\s*[（(]\s*((?:19|20)\d{{2}})\s*年\s*版")
# A value question inside a yes-or-no question ("会不会限制开多少药") asks whether, not how much.
_YES_NO = re.compile(r"会不会|能不能|可不可以|是不是|是否|有没有|要不要|可否|能否|有无")
# "山西、河北、青海几家部门…": after a list, 几 means "these several", it asks nothing.
_LISTED = re.compile(r"、[^，,。？?、]{1,8}$")
_CLAUSE_END = re.compile(r"[，,；;。？?！!]")
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])|\u0000")
# Words between what a value is of and the asking words: "起付标准具体是每月多少元".
_VALUE_FILLER = re.compile(
    r"(具体|统一|大概|大约|一般|平均|一共|总共|共|最多|最少|最高|最低|都|能|可以|可|要|需要|需"
    r"|是|为|按照|按|达到|有|在|占|约|每人|每年|每月|每天|每日|每次|每位|每个|每例|每床"
    # Verbs of paying out: "每个月能给多少钱" asks an amount of nothing named before it.
    r"|给|发|拿|领|补|赔|每个月|每一个月|个月|一个月|一年|分别|各自|定了)+$"
)
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
# How far after what it is of a value may stand in its sentence ("补助标准为…每人每年80元").
_VALUE_REACH = 40


def asks_value(question: str) -> list[str]:
    """The kinds of value ``question`` asks for (keys of VALUE_KINDS); a value asked only
    inside a yes-or-no question ("会不会卡开多少药、花多少钱") is not asked for."""
    out: list[str] = []
    taken: list[tuple[int, int]] = []  # "多少个工作日" asks for a duration, not also a count
    for name, (asks, _) in VALUE_KINDS.items():
        for m in asks.finditer(question):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            clause = _CLAUSE_END.split(question[: m.start()])[-1]
            listed = m.group(0).startswith("几") and _LISTED.search(clause)
            if not _YES_NO.search(clause) and not listed:
                out.append(name)
                taken.append(m.span())
                break
    return out


def value_head(question: str, kind: str) -> str:
    """What the amount or share asked for is of: the last words before the asking words in
    their clause, after the last 的 ("起付标准具体是多少元" → 起付标准, "企业所得税应税所得率
    统一按多少计算" → 应税所得率); "" for other kinds and when nothing stands there."""
    m = VALUE_KINDS[kind][0].search(question)
    if m is None or kind not in _HEADED or question[m.end() : m.end() + 1] == "的":
        return ""  # "多大比例的机构…": what the value is of follows it
    ask = re.search(r"多少|几|多大|多久|多长|百分之", question[m.start() : m.end()])
    end = m.start() + (ask.start() if ask else 0)
    noun = _RATE_NOUN.match(question, m.start())
    if noun:
        # "规范管理率定的目标是多少": the value is of the rate the asking words open with.
        end = noun.end()
    before = _CLAUSE_END.split(question[:end])[-1]
    before = _VALUE_FILLER.sub("", before)
    before = before.rsplit("的", 1)[-1]
    found = re.search(r"[\u4e00-\u9fff]{2,}$", before)
    if not found:
        return ""
    # Its last words, up to _HEAD_CHARS characters: 企业所得税应税所得率 → 应税所得率.
    head = ""
    for word in reversed(segment(found.group(0))):
        if head and len(word) + len(head) > _HEAD_CHARS:
            break
        head = word + head
    return head


# The noun a percent question opens with ("率定的目标是多少", "比例为多少").
_RATE_NOUN = re.compile(r"比例|占比|比率|比重|幅度|率")
# Counting words that answer for one another: "多少名医师" is answered by "5人".
_UNIT_GROUPS = ("名|人|位", "个|家|所|座", "项|条|类|种|批|件")


def count_pattern(question: str) -> re.Pattern[str]:
    """What answers a count question: a number with the counting word asked (or one of its
    group: 名 / 人 / 位), not any number with any unit ("多少名成员" is not met by "三级医院")."""
    m = VALUE_KINDS["count"][0].search(question)
    if m is None:
        return VALUE_KINDS["count"][1]
    unit = m.group(2)
    group = next((g for g in _UNIT_GROUPS if unit in g.split("|")), re.escape(unit))
    # "几个部门" is answered by "8部门", "几个人" by "2人": the noun counted stands for its
    # classifier.
    noun = re.match(r"[\u4e00-\u9fff]{1,2}", question[m.end() :])
    if noun and unit in _UNIT_GROUPS[1].split("|"):
        group += "|" + re.escape(noun.group(0))
    # "多少县基本建成" is answered by "90%以上的县": a share of what is counted.
    share = rf"\d+(?:\.\d+)?\s*[%％](?:及?以上|以下|左右)?的?(?:{group})"
    return re.compile(rf"{_NUM}\s*({group})|{share}")


def _value_stated(
    kind: str, head: str, sentences: Sequence[str], pattern: re.Pattern[str] | None = None
) -> bool:
    """Whether a quoted sentence states a value of ``kind`` for ``head``: in the clause that
    names it, or after it in its sentence (within ``_VALUE_REACH`` characters). A head the
    quotes never name needs a value in a clause sharing two words of it; without a head,
    any value of the kind will do. ``pattern`` narrows what a value of the
    kind looks like."""
    pattern = pattern or VALUE_KINDS[kind][1]

    def holds(text: str) -> bool:
        if kind == "duration":
            text = _DATE.sub("", text)
        return bool(pattern.search(text))

    if not any(holds(s) for s in sentences):
        return False
    grams = set(bigrams(head))
    if not grams:
        return True
    named = False
    for sentence in sentences:
        clauses = _CLAUSE_END.split(sentence)
        for i, clause in enumerate(clauses):
            at = [m.end() for m in re.finditer(re.escape(head), clause)]
            if not at:
                if 2 * len(grams & set(bigrams(clause))) > len(grams) and holds(clause):
                    return True  # most of the head's words and a value in one clause
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
    clauses = [c for sentence in sentences for c in _CLAUSE_END.split(sentence)]
    # A clause sharing a word of the head by chance ("标准" of 财政补助标准 for
    # 个人缴费标准) is not enough: it must share two.
    return any(len(grams & set(bigrams(c))) >= min(2, len(grams)) and holds(c) for c in clauses)


def _attachments(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """A cover letter standing in for the attachment it publishes, which the index lacks.

    Either the question names the attachment and the answer leads with the cover letter,
    or every quote is the sentence handing the attachment over.
    """
    listing = any(_ATTACHMENT_LIST.match(c.quote) for c in citations) and all(
        _ATTACHMENT_LIST.match(c.quote) or _LISTED_ITEM.match(c.quote) for c in citations
    )
    if listing and not _ASKS_ATTACHMENTS.search(constraints.question):
        # Only the list of attachments is quoted: their text is not in the index.
        listed = _ATTACHMENT_LIST.sub("", citations[0].quote).strip()[:60]
        return [Unmet("attachment", listed, f"所引只是通知的附件清单（{listed}），附件正文未收录")]
    missing = {
        c.notice_id: attachment_missing(notices[c.notice_id])
        for c in citations
        if c.notice_id in notices
    }
    lead = missing.get(citations[0].notice_id, "")
    asked = _fold(constraints.question)
    named = bool(lead) and (
        any(names_document(lead, t) for t in constraints.titles)
        or _fold(lead) in asked
        or any(_said_in(part, asked) for part in _NAMED_TITLE.findall(lead))
    )
    handed = all(missing.values()) and all(_HANDS_OVER.search(c.quote) for c in citations)
    if not (named or handed):
        return []
    # The cover letter answers what it says of itself: who drew the attachment up, when,
    # where comments go. The question is read without the attachment's and the letter's
    # names, which hold words such as 征求意见 and 印发.
    rest = asked
    for name in [*missing.values(), *(notices[n].title for n in missing)]:
        rest = rest.replace(_fold(name), "")
    if _ABOUT_LETTER.search(rest):
        return []
    if named and not handed:
        # A passage of the letter beyond the hand-over may answer: it does when the quotes
        # hold most of the question's subject words beyond the attachment's name and the
        # letter's title (a preamble naming the topic holds a few).
        names_text = _fold("".join(missing.values()) + "".join(notices[n].title for n in missing))
        beyond = [w for w in constraints.subject if _fold(w) not in names_text]
        quotes = "".join(_fold(c.quote) for c in citations)
        if beyond and 2 * sum(_fold(w) in quotes for w in beyond) >= len(beyond):
            return []
    names = lead if named else "、".join(dict.fromkeys(m for m in missing.values() if m))
    return [Unmet("attachment", names, f"印发通知在库中，附件{names}的正文未收录")]


# A body named as the issuer of a document: "国家医保局印发的《X》", "商务部发布的X方案",
# "省卫健委联合下发的《X》". The body ends as an organisation's name does; what stands before
# it in its clause (请问, 那个, 由) is trimmed by ``_ORG_START``.
_ISSUED_BY = re.compile(
    rf"([{CJK}]{{2,24}}?(?:{ORG_ENDINGS}))(?:等[一二三四五六七八九十\d]*(?:个)?部门)?"
    r"(?:联合|共同|会同[^，,。？?《》]{1,20})?(?:印发|发布|出台|下发|制定|公布|发出|颁布)(?:了|的){0,2}"
    r"(《[^《》]{2,80}》)?"
)
# "江西省卫生健康委员会关于…工作方案": a title with its issuer, the issuer before 关于.
_TITLED_BY = re.compile(
    rf"([{CJK}]{{2,24}}?(?:{ORG_ENDINGS}))关于[^，,。？?《》]{{4,60}}?(?:{DOC_KINDS})"
)
_ORG_START = re.compile(
    r"^(?:请问|请教|想问|问一下|那个|这个|那份|这份|这是|那是|就是|由|是|被|据说|听说|据|我看到|看到|年度|年|月份|月|日"
    r"|今年|去年|当年|近日|最近|此前)+"
)
_ORG_JOIN = re.compile(r"[和与及、]")
# "哪些省的药监局印发了…" asks who issued it: no body is named.
_ASKS_WHO = re.compile(r"哪|什么|谁|几|的|各|多少")
# Short and long forms of the same body: compared in their short form.
_ORG_FORMS = (
    ("卫生健康委员会", "卫生健康委"),
    ("卫健委", "卫生健康委"),
    ("卫生和计划生育委员会", "卫生计生委"),
    ("卫计委", "卫生计生委"),
    ("医疗保障局", "医保局"),
    ("药品监督管理局", "药监局"),
    ("中医药管理局", "中医药局"),
    ("疾病预防控制局", "疾控局"),
    ("发展和改革委员会", "发展改革委"),
    ("发改委", "发展改革委"),
    ("市场监督管理总局", "市场监管总局"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障", "人力资源社会保障"),
    ("人社部", "人力资源社会保障部"),
    ("人社厅", "人力资源社会保障厅"),
    ("住房和城乡建设", "住房城乡建设"),
    ("工信部", "工业和信息化部"),
    ("委员会", "委"),
)
_OFFICE_PART = re.compile(rf"(?:{SIGNING_OFFICES})$")


def named_issuers(question: str) -> list[tuple[str, str]]:
    """The bodies ``question`` names as issuing a document, each with the 《title》 it is
    said to have issued ("" when none is named in 《》; "关于" when the body heads a title the
    question writes out: 江西省卫生健康委员会关于…工作方案)."""
    found: list[tuple[str, str]] = []
    matches = [(m, (m.group(2) or "").strip("《》")) for m in _ISSUED_BY.finditer(question)]
    matches += [(m, "关于") for m in _TITLED_BY.finditer(question)]
    for m, title in matches:
        start = max(question.rfind(c, 0, m.start(1) + 1) for c in "，,。？?；;：:、 《》")
        named = _org_form(question[max(start + 1, m.start(1)) : m.end(1)])
        # "民政部和国家卫健委联合印发": each body is an issuer.
        for part in _ORG_JOIN.split(named):
            body = _OFFICE_PART.sub("", _ORG_START.sub("", part))
            if (
                len(body) >= 3
                and re.search(f"(?:{ORG_ENDINGS})$", body)
                and not _ASKS_WHO.search(body)
            ):
                found.append((body, title))
    return found


def _org_form(text: str) -> str:
    text = _fold(text)
    for long, short in _ORG_FORMS:
        text = text.replace(long, short)
    # 黑龙江药监局 for 黑龙江省药品监督管理局: a province by its short name.
    return _PROVINCE_SUFFIX.sub(r"\1", text)


_PROVINCE_SUFFIX = re.compile(
    "(" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")(?:省|市|(?:[^省市]{0,4}?)?自治区)"
)


def _issuers(named: Sequence[tuple[str, str]], cited: Sequence[Notice]) -> list[Unmet]:
    """A body named as a document's issuer must be among the issuers of the cited notice
    that is that document (its 《title》): an answer about the same document issued by
    another body substitutes it silently. A document not named in 《》 ("国家医保局、民政部
    出台的评估标准") may be one the cited notice reports on: the body must be named in it."""
    out: list[Unmet] = []
    for body, title in named:
        headed = title == "关于"  # the body heads the title the question writes out
        notices = [n for n in cited if not title or headed or names_document(n.title, title)]
        if not notices or any(not n.issuer for n in notices):
            continue  # the title check speaks for a document not cited; an unread issuer can't
        # A document not named in 《》 may be one the cited text reports on.
        if any(body in _org_form(n.issuer + n.title + ("" if title else n.text)) for n in notices):
            continue
        actual = "、".join(dict.fromkeys(n.issuer for n in notices))
        what = f"《{title}》" if title and not headed else "所引通知"
        message = f"库中没有{body}印发的此文；{what}的发文机关是{actual}"
        out.append(Unmet("issuer", body, message))
    return out


def _said_in(name: str, asked: str) -> bool:
    """Whether the question names the document ``name`` without its 《》, in its own
    shortening ("海南远程医疗中心…指南" for 《海南省远程医疗中心…指南》): one stretch of at least
    half the name (six characters at least) stands in the question."""
    name = _fold(name)
    need = max(6, len(name) // 2)
    return any(name[i : i + need] in asked for i in range(len(name) - need + 1))


def attachment_missing(notice: Notice) -> str:
    """The attachment a cover letter publishes when the index holds only the letter, else "".

    A cover letter (关于印发X的通知) whose text, after the sentence handing X over, has fewer
    than three full sentences: what follows is the signature and the attachment's name.
    """
    m = _COVER_TITLE.search(notice.title)
    if not m:
        return ""
    text = notice.text
    hand = _HANDS_OVER.search(text)
    if hand is None:
        return ""
    if len(_FULL_SENTENCE.findall(text[hand.end() :])) >= 3:
        return ""
    name = next(g for g in m.groups() if g)
    return name if name.startswith("《") else f"《{name}》"


def _cities(question: str, cited: Sequence[Notice]) -> list[Unmet]:
    """A city the question names, answered only from other cities' own notices ("天水市…"
    answered from 平凉市's): the province matches, the city does not. A provincial or
    national notice may still answer for the city, so only a cited notice that is another
    city's own (its title or issuer names that city, not this one) counts against."""
    out: list[Unmet] = []
    # Named as a city (天水市, 甘南州): a bare two-character name may sit inside other words
    # (保定 in 确保定点).
    for city in (c for c in CITY_PROVINCE if re.search(f"{c}(?:市|州|地区|盟)", question)):
        if any(city in n.title + n.issuer for n in cited):
            continue
        others = [
            [o for o in CITY_PROVINCE if o != city and o in n.title + n.issuer] for n in cited
        ]
        if cited and all(others):
            names = "、".join(dict.fromkeys(o for found in others for o in found))
            out.append(Unmet("place", city, f"库中没有{city}的此类通知（所引为{names}的通知）"))
    return out


# How much of a notice whose region was not read says where it is about (its title and a
# news report's lead), rather than a place it mentions in passing.
_OPENING = 300


def _places(places: Sequence[str], cited: Sequence[Notice], quotes: str) -> list[Unmet]:
    """Each place must be some cited notice's region, or named in its title or a quote;
    a cited notice whose region is unknown meets it when its opening names the place.

    A question about one province answered only from a national notice is unmet too: the
    national rule may apply there, but the province's own notice is not in the index.
    """
    out: list[Unmet] = []
    regions = {n.region for n in cited}
    for place in places:
        if place in regions:
            continue
        if any(not n.region and _names_place(n.text[:_OPENING], place) for n in cited):
            continue  # a notice whose region was not read, about the place from its opening
        if any(place in n.title for n in cited) or place in quotes:
            continue
        others = "、".join(sorted(r for r in regions if r and r != "全国")) or ""
        if "全国" in regions:
            others = (others + "、" if others else "") + "国家层面"
        message = f"库中没有{place}的此类通知"
        if others:
            message += f"（所引为{others}的通知）"
        out.append(Unmet("place", place, message))
    return out


# What follows a document's name in a sentence that says what the document says:
# "《X》规定…", "《X》（…号）明确…", "《X》中的…", "《X》对…提出". A sentence that only rests on it
# ("根据《X》，制定本方案") or hands it on ("现将《X》转发给你们") has none of these after it.
_REPORTED = re.compile(
    r"^([（(][^（）()]{0,60}[）)])?[，,]?(中|里|也)?(的|所|已|还|又|进一步)?"
    r"(规定|明确|要求|提出|指出|强调|规范|确定|设定|列出|载明|写明|第[一二三四五六七八九十百\d]+|对|将|把|是|为|共|包括|分为)"
)


# "根据《X》要求，我省决定…": a clause that opens by resting on a document says what this
# notice decides, whatever verb follows the name.
_RESTS_ON = re.compile(r"(根据|依据|按照|依照|遵照|参照|贯彻|落实|执行|转发|现将)[^，,。；;]*$")


# A question about the notices that carry a document out, hand it on or cite it.
_USES_DOCUMENT = re.compile(
    r"落实|贯彻|配套|据此|转发|出台|学习|宣传|响应|细化|实施细则|实施方案|引用|提到|提及"
)


def _without_names(question: str) -> str:
    """``question`` without the documents it names (《…》 and 文号)."""
    text = _NAMED_TITLE.sub("", question)
    for m in reversed(find_doc_numbers(text)):
        text = text[: m.start] + text[m.end :]
    return text


def _reports(quote: str, name: str) -> bool:
    """Whether ``quote`` (folded) says what the document ``name`` (folded) says."""
    start = quote.find(name)
    while start >= 0:
        if _says_what_it_says(quote, start, start + len(name)):
            return True
        start = quote.find(name, start + 1)
    return False


def _says_what_it_says(text: str, start: int, end: int) -> bool:
    """Whether the document named at ``text[start:end]`` is reported, not rested on."""
    if _RESTS_ON.search(text[max(0, start - 80) : start]):
        return False
    return bool(_REPORTED.match(_closing(text[end:])))


def _closing(text: str) -> str:
    """``text`` after a name without the brackets closing it ("）", "〕")."""
    return text.lstrip("）)〕]】」』")


def _names_place(text: str, place: str) -> bool:
    return place in text or place in places_in(text)


def _in_years(notice: Notice, lo: int, hi: int, strict: bool = False) -> bool:
    """The notice is dated within the years or its title names one; an undated notice
    meets them when its text names one, unless ``strict`` (the year names the document
    asked about: only its title will do)."""
    dates = [d for d in (notice.written_date, notice.published_date) if d[:4].isdigit()]
    if any(lo <= int(d[:4]) <= hi for d in dates):
        return True
    where = notice.title if dates or strict else notice.text
    return any(str(y) in where for y in range(lo, hi + 1))


# A clause that tells a document's fate: it lapsed, was repealed, replaced or revised.
_FATE = re.compile(r"失效|废止|作废|停止执行|不再执行|不再施行|取代|替代|修订|修改")


def fate_told(named: str, citations: Sequence[Citation]) -> bool:
    """Whether a quoted clause names the document ``named`` (title or 文号) and tells its
    fate ("…（国卫办基层函〔2019〕210号）失效", "新修订的《…》"): a validity question about a
    document the index holds only through such a clause is answered from it."""
    want = _fold(named)
    for c in citations:
        for clause in re.split(r"[。；;]", _fold(c.quote)):
            if want and want in clause and _FATE.search(clause):
                return True
    return False


def names_document(title: str, named: str) -> bool:
    """Whether a notice titled ``title`` is the document ``named`` (or publishes it).

    The name occurs in the title, shortened names included: 《药品管理法》 for
    中华人民共和国药品管理法.
    """
    a, b = _fold(title), _fold(named)
    return bool(b) and (b in a or (len(a) >= 6 and a in b))


def _issue_dated(quote: str, title: str) -> bool:
    """Whether ``quote`` (folded) tells when the document ``title`` was issued: a date
    before 印发了《X》 in one clause, or after it in an aside (《X》（2019年8月印发）)."""
    at = quote.find(title)
    if at < 0:
        return False
    before = re.search(
        r"\d{4}年\d{1,2}月(?:\d{1,2}日)?[^。；]{0,20}?(?:印发|发布|出台|颁布|下发)了?$",
        quote[:at],
    )
    after = re.match(
        r"[^。；]{0,12}?\d{4}年\d{1,2}月(?:\d{1,2}日)?[^。；]{0,4}?(?:印发|发布|出台|颁布|下发)",
        quote[at + len(title) :],
    )
    return bool(before or after)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s《》〈〉<>“”\"'‘’]", "", text)
