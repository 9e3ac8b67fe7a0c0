"""The document stage: the years, 《titles》 and 文号 a question names must be the cited
notices' own, or told by a quoted sentence that says what the named document says."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence

from rag.answer.constraints.records import Constraints, Unmet
from rag.answer.questions import DATE_QUESTION
from rag.answer.records import Citation
from rag.answer.text import fold_name
from rag.articles import is_shortening, name_key
from rag.docno import find_doc_numbers
from rag.grammar import DOC_KINDS, cn_numeral, numeral_value, relative_years
from rag.records import Notice

NAMED_TITLE = re.compile(r"《([^《》]{2,80})》")
# A year that is part of a document's name: "2021年重点工作任务", "2022年版的方案".
_YEAR_NAMES_DOCUMENT = re.compile(
    r"((?:19|20)\d{2})\s*年(?:版|度)?[^，,。？?；;、]{0,16}?"
    r"(?:要点|方案|计划|通知|意见|办法|清单|目录|规划|任务|报告|指南|标准|规范|决定|公告|《)"
)
# An edition's year after the document's name: "《…记分管理办法（2016年版）》同时废止".
_EDITION_YEAR = re.compile(rf"(?:{DOC_KINDS})\s*[（(]\s*((?:19|20)\d{{2}})\s*年\s*版")


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
    text = NAMED_TITLE.sub("", question)
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


def _in_years(notice: Notice, lo: int, hi: int, strict: bool = False) -> bool:
    """The notice is dated within the years or its title names one; an undated notice
    meets them when its text names one, unless ``strict`` (the year names the document
    asked about: only its title will do)."""
    titled = [int(m.group(1)) for m in _YEAR_NAMES_DOCUMENT.finditer(notice.title)]
    if strict and titled:
        # "2020年天津市短缺药品清单" asked of 关于印发2019年天津市短缺药品清单的通知, issued
        # in 2020: the year in its title names its edition; its date does not.
        return any(lo <= y <= hi for y in titled)
    dates = [d for d in (notice.written_date, notice.published_date) if d[:4].isdigit()]
    if any(lo <= int(d[:4]) <= hi for d in dates):
        return True
    where = notice.title if dates or strict else notice.text
    return any(str(y) in where for y in range(lo, hi + 1))


def of_years(notice: Notice, question: str, lo: int, hi: int) -> bool:
    """Whether ``notice`` meets the years ``question`` asks of by itself (its dates or its
    title), as the year check reads it: "2021年重点工作任务" only by its title's year."""
    return _in_years(notice, lo, hi, bool(_YEAR_NAMES_DOCUMENT.search(question)))


# A clause that tells a document's fate: it lapsed, was repealed, replaced or revised.
_FATE = re.compile(r"失效|废止|作废|停止执行|不再执行|不再施行|取代|替代|修订|修改")


def fate_told(named: str, citations: Sequence[Citation]) -> bool:
    """Whether a quoted clause names the document ``named`` (title or 文号) and tells its
    fate ("…（国卫办基层函〔2019〕210号）失效", "新修订的《…》"): a validity question about a
    document the index holds only through such a clause is answered from it."""
    want = fold_name(named)
    for c in citations:
        for clause in re.split(r"[。；;]", fold_name(c.quote)):
            if want and want in clause and _FATE.search(clause):
                return True
    return False


def names_document(title: str, named: str) -> bool:
    """Whether a notice titled ``title`` is the document ``named`` (or publishes it).

    The name occurs in the title, shortened names included: 《药品管理法》 for
    中华人民共和国药品管理法.
    """
    a, b = fold_name(title), fold_name(named)
    return bool(b) and (b in a or (len(a) >= 6 and a in b))


def shortens_name(notice: Notice, named: str) -> bool:
    """Whether ``named`` is the name of the notice's document shortened by leaving characters
    out (《突发事件医疗应急办法》 for 突发事件医疗应急工作管理办法（试行）): of a name its title
    quotes in 《》, else of the title itself. Not when the notice quotes ``named`` itself in
    《》: that is another document (《X指导原则》 beside the 《X儿童…技术指导原则》 it leads to)."""
    if f"《{named}》" in notice.text:
        return False
    short = name_key(named)
    names = re.findall(r"《([^《》]+)》", notice.title) or [notice.title]
    return any(is_shortening(short, name_key(n)) for n in names)


# A document a text quotes in 《》, long enough to name one (six characters at least).
_QUOTED_NAME = re.compile(r"《([^《》]{6,100})》")


def quoted_documents(text: str, notices: Iterable[Notice]) -> list[Notice]:
    """The notices that are a document ``text`` quotes in 《》 (``names_document``), in the
    order quoted, then the order of ``notices``: a news report's 《关于推进…的公告》 is the
    公告 the index holds under that title."""
    pool = list(notices)
    out: dict[str, Notice] = {}
    for name in _QUOTED_NAME.findall(text):
        out.update((n.notice_id, n) for n in pool if names_document(n.title, name))
    return list(out.values())


# A title that acts on a document it does not hold: "关于学习宣传贯彻《X》的通知", "关于实施
# 新修订《X》有关事宜的通知". The words stand just before the name.
_ACTS_ON = re.compile(
    r"(?:学习|宣传|贯彻|落实|实施|执行|施行|解读)(?:好|新修订的?|修订后的?|新版)?$"
)


def holds_document(title: str, named: str) -> bool:
    """Whether a notice titled ``title`` holds the text of the document ``named``: it names
    it (``names_document``) and does not only act on it (学习宣传贯彻《X》, 实施新修订《X》)."""
    if not names_document(title, named):
        return False
    folded = fold_name(title)
    at = folded.find(fold_name(named))
    return at < 0 or not _ACTS_ON.search(folded[:at])


# What follows a 《title》 inside the name of the notice the question asks about
# ("实施新修订《X》有关事宜的通知", "贯彻《X》的实施意见").
_NAME_GOES_ON = re.compile(r"[^，,。？?；;：:《]{0,10}?(?:通知|意见|方案|公告|通告|决定)")


def _in_name_asked(question: str, title: str) -> bool:
    """Whether ``question`` names ``title`` inside the name of another document it asks
    about: 《X》 followed, in the same clause, by a kind of notice."""
    at = question.find(f"《{title}》")
    return at >= 0 and bool(_NAME_GOES_ON.match(question, at + len(title) + 2))


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


def uses_document(question: str) -> bool:
    """ "哪些地方出台了落实《X》的文件": the notices resting on X are the answer."""
    return bool(_USES_DOCUMENT.search(_without_names(question)))


# A year said as when a document took effect: 2021年开始试行, 2024年起施行, 2023年实施的.
_IN_FORCE_FROM = re.compile(
    r"(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?[^，,。？?；;]{0,3}?"
    r"(?:开始|起)?(?:试行|施行|实施|实行|生效)"
)


def unmet_years(
    years: tuple[int, int],
    question: str,
    citations: Sequence[Citation],
    cited: Sequence[Notice],
    years_of: Callable[[Notice], Collection[str]] | None = None,
) -> list[Unmet]:
    """The years asked, met by a cited notice's date or title, by a quote, or, when the
    question says the year as when a document took effect, by a year ``years_of`` says it
    is known by (its 文号's, its 施行 date's)."""
    lo, hi = years
    quotes = "".join(fold_name(c.quote) for c in citations)
    # "2021年重点工作任务": the year names the document, so a quote that mentions the year
    # ("到2021年底") in another year's notice does not meet it.
    # A quote meets it when it names a document of that year too ("2019年印发的《…》").
    strict = bool(_YEAR_NAMES_DOCUMENT.search(question))
    named_years = [
        int(m.group(1))
        for c in citations
        for pattern in (_YEAR_NAMES_DOCUMENT, _EDITION_YEAR)
        for m in pattern.finditer(c.quote)
    ]
    by_quote = any(lo <= y <= hi for y in named_years) or (
        not strict
        and (
            any(str(y) in quotes for y in range(lo, hi + 1))
            or any(lo <= y <= hi for c in citations for y in relative_years(c.quote, c.date))
        )
    )
    if any(_in_years(n, lo, hi, strict) for n in cited) or by_quote:
        return []
    if not strict and years_of is not None and _IN_FORCE_FROM.search(question):
        # "2021年开始试行的那版": the edition issued in 2020 and in force from 2021. (Only a
        # year said as when a document took effect: "2023年修改…" asks of a change made that
        # year, not of a notice of 2022 in force from 2023.)
        wanted_years = {str(y) for y in range(lo, hi + 1)}
        if any(wanted_years & set(years_of(n)) for n in cited):
            return []
    wanted = f"{lo}年" if lo == hi else f"{lo}—{hi}年"
    return [Unmet("year", wanted, f"库中没有{wanted}的此类通知")]


# A batch of a series: 第二批 (公布我省第一批…试行项目的通知).
_BATCH = re.compile(r"第\s*([一二三四五六七八九十两\d]{1,3})\s*批")


def _batches(text: str) -> set[int]:
    return {v for m in _BATCH.findall(text) if (v := numeral_value(m))}


def unmet_batches(
    question: str, citations: Sequence[Citation], cited: Sequence[Notice]
) -> list[Unmet]:
    """A batch asked ("第二批…试行项目有哪些"): when the cited notices' titles name batches
    and none the one asked, nor does a quote, another batch's notice is no answer."""
    asked = _batches(question)
    if not asked:
        return []
    titled = {b for n in cited for b in _batches(n.title)}
    quoted = {b for c in citations for b in _batches(c.quote)}
    if not titled or asked & (titled | quoted):
        return []
    wanted = "、".join(f"第{cn_numeral(n)}批" for n in sorted(asked))
    said = "、".join(f"第{cn_numeral(n)}批" for n in sorted(titled))
    return [Unmet("batch", wanted, f"库中没有{wanted}的此类通知（所引为{said}）")]


def unmet_titles(
    constraints: Constraints, citations: Sequence[Citation], cited: Sequence[Notice]
) -> list[Unmet]:
    """Each 《title》 asked: a cited notice's own, or what the quotes say of it (a note)."""
    out: list[Unmet] = []
    quotes = "".join(fold_name(c.quote) for c in citations)
    uses = uses_document(constraints.question)
    numbers = set(constraints.doc_numbers)
    for title in constraints.titles:
        if any(holds_document(n.title, title) or shortens_name(n, title) for n in cited):
            continue
        if any(
            names_document(n.title, title)
            and (_in_name_asked(constraints.question, title) or n.doc_number in numbers)
            for n in cited
        ):
            # "山东实施新修订《X》的通知…": 《X》 is part of the cited notice's name; "局函〔2020〕
            # 95号：新修订《X》哪天起施行": the notice asked for by its 文号 is about X.
            continue
        if fold_name(title) not in quotes:
            out.append(Unmet("title", title, f"库中没有《{title}》"))
        elif constraints.about_notice:
            continue  # "《X》是哪个文件发布的": the notice that names it answers
        elif constraints.about_metadata and not (
            DATE_QUESTION.search(constraints.question)
            and any(_issue_dated(fold_name(c.quote), fold_name(title)) for c in citations)
        ):
            # Its 文号, issuer or date cannot come from a notice that only names it, unless
            # the quote tells when it was issued ("2019年8月，我委印发了《X》").
            out.append(Unmet("title", title, f"库中没有《{title}》本身，只有提及它的通知"))
        elif constraints.about_metadata:
            message = f"索引中没有《{title}》本身；它的印发时间出自提及它的通知"
            out.append(Unmet("mentioned", title, message))
        elif not uses and not any(
            _reports(fold_name(c.quote), fold_name(title))
            or _same_phrase(constraints.question, c.quote, title)
            for c in citations
        ):
            # Named only as the basis of another notice ("根据《X》…制定本方案", "现将《X》转发
            # 给你们"): nothing of what it says is quoted.
            message = f"库中没有《{title}》本身；所引通知只是提到它，没有写它的内容"
            out.append(Unmet("title", title, message))
        elif uses or not _ASKS_ITS_CONTENT.search(
            constraints.question.split(f"《{title}》", 1)[-1]
        ):
            # Quoted by the cited notices: what they say of it, not the document itself.
            message = f"索引中没有《{title}》本身；以下出自提及它的通知"
            out.append(Unmet("mentioned", title, message))
        else:
            # "《X》把失能分成几个等级？": what X itself provides, which a report on it need not
            # say; its words stay below the refusal as the nearest evidence.
            message = f"库中没有《{title}》本身，只有提及它的通知"
            out.append(Unmet("reported", title, message))
    return out


# What a question asks right after naming a document, when it asks what the document itself
# provides ("《X》把…分成几级", "《X》对…有什么限制", "《X》中的…具体是哪些"), not a measure
# it names ("《国民体质测定标准》合格以上人数比例") nor when it was issued.
_ASKS_ITS_CONTENT = re.compile(
    r"^\s*(?:[（(][^）)]{0,20}[）)])?\s*"
    # (an article between: "《X》第四十九条规定…")
    r"(?:第[一二三四五六七八九十百零〇\d]+条(?:第[一二三四五六七八九十\d]+款)?(?:的)?)?"
    r"(?:把|对于|对|中的|中|里的|里面|里|当中|规定|要求|提出|明确"
    r"|是怎么|是如何|怎么|如何|怎样|具体|包括|列出|列了|分为|分成|将)"
)


def unmet_doc_numbers(
    constraints: Constraints, citations: Sequence[Citation], cited: Sequence[Notice]
) -> list[Unmet]:
    """Each 文号 asked about (not who issued it or which notice cites it: the sentence citing
    it tells those): a cited notice's own, or a quote that says what it says."""
    if constraints.about_metadata or constraints.about_notice:
        return []
    if uses_document(constraints.question):
        return []
    out: list[Unmet] = []
    for number in constraints.doc_numbers:
        if any(n.doc_number == number for n in cited):
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
    return out


def _same_phrase(question: str, quote: str, title: str) -> bool:
    """Whether the question names 《title》 inside a phrase the quote says too: "…《国民体质
    测定标准》合格以上人数比例…" asks about a measure the quote states ("达到《…》合格以上的人数
    比例…"), not about the document. The four characters after the name in the question
    stand within the eight after it in the quote."""
    q, s, name = fold_name(question), fold_name(quote), fold_name(title)
    if not name:
        return False
    afters = [q[m.end() : m.end() + 4] for m in re.finditer(re.escape(name), q)]
    nexts = [s[m.end() : m.end() + 8] for m in re.finditer(re.escape(name), s)]
    # (Words, not the brackets of a 文号 both print after the name.)
    return any(re.fullmatch(r"[\u4e00-\u9fff]{4}", a) and a in n for a in afters for n in nexts)
