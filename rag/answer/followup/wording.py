"""How a follow-up is worded: whether it leans on the conversation, the fragment it adds
("那农村呢？", "2025年那版呢？"), and what it asks in its own words (``focus_of``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rag.answer.questions import (
    ANAPHORA,
    ANAPHORA_ANYWHERE,
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    bare_cities,
    conversation_places,
)
from rag.answer.text import nows
from rag.articles import article_refs
from rag.docno import find_doc_numbers
from rag.errors import InvalidQueryError
from rag.grammar import ARTICLE_REF, DOC_KINDS, YEAR
from rag.places import local_province

if TYPE_CHECKING:
    pass


def clean_history(
    history: Sequence[Mapping[str, Any]] | None, max_turns: int
) -> list[dict[str, str]]:
    if not history:
        return []
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise InvalidQueryError(
            '对话历史格式错误：应为 [{"role": "user"|"assistant", "content": "…"}] 列表'
        )
    turns: list[dict[str, str]] = []
    for i, turn in enumerate(history, 1):
        if not isinstance(turn, Mapping):
            raise InvalidQueryError(f"对话历史第 {i} 条不是对象：应为 {{'role', 'content'}}")
        role = str(turn.get("role", ""))
        content = turn.get("content", "")
        if role not in ("user", "assistant", "system"):
            raise InvalidQueryError(
                f"对话历史第 {i} 条的 role={role!r} 无效：应为 user 或 assistant"
            )
        if not isinstance(content, str):
            raise InvalidQueryError(f"对话历史第 {i} 条的 content 应为文本")
        if role != "system" and content.strip():
            turns.append({"role": role, "content": content.strip()})
    return turns[-max_turns:] if max_turns else []


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (它、这个通知、那…、short fragments, one
    opening with a fragment ("岳阳呢？…"), an article named without its document: "第十一条
    规定了什么？")."""
    q = question.strip()
    return bool(
        ANAPHORA.match(q)
        or ANAPHORA_ANYWHERE.search(q)
        or len(nows(q)) <= 8
        or is_elliptical(q)
        # ("岳阳呢？市里是不是要求更快？": a fragment, then a brief ask of it)
        or _elliptical_lead(q)
        or (any(not ref.names for ref in article_refs(q)) and not find_doc_numbers(q))
    )


# A document named in 《》: the question says itself what it is about.
_NAMED_DOCUMENT = re.compile(r"《[^《》]{2,80}》")


def names_own_anchor(question: str) -> bool:
    """Whether a question pins down by itself what it is about: a 文号, a 《document》, a
    province or city, or a national body (an issuer is named by one of these: 山东省医保局,
    国家卫生健康委)."""
    return bool(
        find_doc_numbers(question)
        or _NAMED_DOCUMENT.search(question)
        or conversation_places(question)
    )


# "它…", "该通知…", "这个…": the question points at what the conversation is about. "那…",
# "还有…", "另外…" only go on talking, and may turn to something else.
_POINTS_BACK = re.compile(r"^(?:它|其|该|此|这|上述|里面)")


# A follow-up's reference to a document it names (全国老龄办那份通知, …的那个方案).
_DOCUMENT_REF = re.compile(
    rf"(?:那|这)(?:份|个|篇)[\u4e00-\u9fff]{{0,16}}?(?:{DOC_KINDS}|文件|报道)"
    # "那公共卫生防控救治能力建设方案是…": 那 before a name of its own, kind last.
    r"|(?P<named>(?:^|[，,。？?；;])那(?![份个篇些按照依])"
    rf"(?:(?![它其对是的么呢吗怎这那])[\u4e00-\u9fff]){{4,24}}?(?:{DOC_KINDS}|报道))"
)


def points_back(question: str) -> bool:
    """Whether a follow-up points at the conversation's notice itself: a pronoun for it
    ("它的发文机关是谁？", "里面说的…"), or a question about a notice's own metadata (who
    issued it, when, its 文号), which its text need not hold in words."""
    q = question.strip()
    return bool(
        _POINTS_BACK.match(q)
        or ANAPHORA_ANYWHERE.search(q)
        or ISSUER_QUESTION.search(q)
        or DATE_QUESTION.search(q)
        or DOCNO_QUESTION.search(q)
    )


def leans_on_conversation(question: str) -> bool:
    """Whether a question asked after earlier turns leans on them: worded as a follow-up
    (``is_follow_up``), or pinning down nothing of its own ("货款呢，多久之内要付？" after a
    question about one notice is about that notice)."""
    return is_follow_up(question) or not names_own_anchor(question)


# "那农村呢？", "那2021年呢", "城市呢": a fragment that borrows the rest of the last question.
_ELLIPSIS = re.compile(r"^(?:那么|那|还有|另外)?(?P<rest>.{1,12}?)(?:呢|怎么样|又如何)[？?。]?$")
_LONG_FRAGMENT = re.compile(r"^(?:那么|那)?(?P<rest>.{13,24}?)呢[？?。]?$")
_YEAR_WORD = re.compile(YEAR.pattern + r"\s*年")
# A change said as a time, and nothing else: 2025年修改以后, 2022年调整之后的, 改了以后, 修订后,
# 2025年那次修改以后.
CHANGE_FRAGMENT = re.compile(
    r"(?:(?:19|20)\d{2}年)?(?:[那这]一?[次回])?(?:修改|修订|调整|改过|改了|改)(?:了)?(?:以|之)?后"
    r"(?:的|来)?"
)
_ASKING = re.compile(r"什么|哪|多少|多久|几|怎么|如何|是否|吗|谁")
# A clause opening a follow-up that names something and asks nothing of it ("2025年那版呢？…").
_OPENING_FRAGMENT = re.compile(r"\s*(?:那么?|那个)?([^，,。？?；;]{2,16}?)呢[？?，,]")
# A year alone, naming a notice of that year ("那2019年的呢？"), not a time (到2023年, 2021年底).
# ("2020年发的那版试行办法": the year it was issued, 印发, 出台; "2021年开始试行的那版": the
# year it took effect.)
_EDITION = (
    r"(?:的|[那这]?一?[版个]|暂行|试行|正式|新|旧|老|[印下颁]?发|出台?|发布"
    # (刚开始试行的那版, 最早出的那版: when in its life the edition is, said in passing; 刚开始
    # 试行的时候: the time it was on trial, which that edition says)
    r"|刚|才|最早|最初|当初|开始|起|施行|实施|实行|(?<=行的|施的)时候)*"
)
_YEAR_ONLY = re.compile(
    r"((?:19|20)\d{2})年?"
    + _EDITION
    # (and the kind of document it is, in either order: 2019年那版暂行办法, 2021年的试行方案,
    # 2021年试行的那版)
    + r"(?:(?:办法|方案|规范|细则|意见|规定|通知|标准|指南|文件)"
    + _EDITION
    + ")?"
)
# An edition named by its year inside a question that asks something of it ("那2021年那个试行
# 办法里定的是多少？", "2024年那版是怎么规定的？"): the year, then the kind of document or 版.
_EDITION_NAMED = re.compile(
    r"((?:19|20)\d{2})年"
    + _EDITION
    + r"(?:办法|方案|规范|细则|意见|规定|通知|标准|指南|文件)"
    # ("2021年试行那一版": the year, then what the edition was, then 版)
    + r"|((?:19|20)\d{2})年"
    + _EDITION
    + r"(?<=版)"
)
# A date said as a time, and nothing else: 截至2021年初, 2022年6月底的时候, 在二〇二一年时.
_DATE_FRAGMENT = re.compile(
    r"(?:截至|截止到?|到|在)?(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年"
    r"(?:初|中|底|末|上半年|下半年|[\d一二三四五六七八九十]{1,3}月(?:份|初|中|底|末|上旬|中旬|下旬"
    r"|[\d一二三四五六七八九十]{1,3}[日号])?)?"
    r"(?:的时候|时候|时|那会儿?|为止)?"
)


def opening_fragment(question: str) -> str:
    """What a follow-up opening with a fragment names before asking a question of its own
    ("那修改以后呢？静脉溶栓率现在得达到多少？" → 修改以后), else ""."""
    m = _OPENING_FRAGMENT.match(question)
    return m.group(1) if m else ""


def edition_year(part: str) -> str:
    """The year of a follow-up's part that only names an edition by it ("2019年那版暂行办法",
    "那2019年的"), else ""."""
    m = _YEAR_ONLY.fullmatch(part.strip().removeprefix("那"))
    return m.group(1) if m else ""


def elliptical_part(question: str) -> str:
    """What an elliptical follow-up ("那农村呢？") adds to the last question ("农村"); "" for
    a question that asks something of its own."""
    m = _ELLIPSIS.match(nows(question))
    if m is None:
        # An edition named at length is a fragment too ("2020年发的那版试行办法呢？").
        m = _LONG_FRAGMENT.match(nows(question))
        return m.group("rest") if m and _YEAR_ONLY.fullmatch(m.group("rest")) else ""
    rest = m.group("rest")
    # "2021年初的时候呢？" is a fragment too: a date, however many characters it takes.
    # (So is an edition named by its year and kind: "2019年那版暂行办法呢？".)
    dated = (
        _DATE_FRAGMENT.fullmatch(rest)
        or CHANGE_FRAGMENT.fullmatch(rest)
        or _YEAR_ONLY.fullmatch(rest)
    )
    return "" if _ASKING.search(rest) or (len(rest) > 8 and not dated) else rest


def asks_nothing_new(question: str) -> bool:
    """Whether a follow-up ending in 呢 asks nothing of its own, however long what it names
    ("那陕西据此发的评估工作通知呢？"): it asks the last question again, of that."""
    m = _ELLIPSIS.match(nows(question))
    return m is not None and not _ASKING.search(m.group("rest"))


def is_elliptical(question: str) -> bool:
    """Whether a follow-up is a fragment that only makes sense inside the last question
    ("那农村呢？"): it ends in 呢 and asks nothing of its own."""
    return bool(elliptical_part(question))


def _elliptical_lead(question: str) -> bool:
    """Whether a follow-up opens with a fragment and then asks briefly of it ("那固原呢？定在
    哪天？"): the fragment moves the last question, and the brief ask narrows it."""
    m = re.match(r"([^？?]+[？?])(.{1,12})$", nows(question))
    return m is not None and is_elliptical(m.group(1))


# What asks a value again without naming it: "里定的是多少", "是怎么规定的", "又是怎么写的".
_ASKS_AGAIN = re.compile(
    r"(?:那么?|那个|这个|里面?|中|上|的|是|又|就|当时|原来|怎么|怎样|如何|定|规定|要求|写|说"
    r"|多少|几|什么|了|呢|吗|[？?，,。\s])*"
)


def _asks_of_edition(question: str) -> bool:
    """Whether a follow-up names an edition by its year and asks the last question again of
    it, in words that name nothing else ("那2021年那个试行办法里定的是多少？")."""
    m = _EDITION_NAMED.search(question)
    if m is None:
        return False
    rest = question[: m.start()] + " " + question[m.end() :]
    return bool(_ASKS_AGAIN.fullmatch(rest))


def last_answer(turns: Sequence[Mapping[str, str]]) -> str:
    """What the assistant said last in ``turns`` ("" when it never spoke)."""
    return next((t["content"] for t in reversed(turns) if t["role"] == "assistant"), "")


def last_user_turn(turns: Sequence[Mapping[str, str]]) -> str:
    """What the user asked last in ``turns`` ("" when the user never spoke)."""
    return next((t["content"] for t in reversed(turns) if t["role"] == "user"), "")


def focus_of(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """What a follow-up asks, in its own words: the question itself, or for an elliptical
    one ("那农村呢？") the last user question with the fragment beside it. A year or place
    the fragment names takes the place of the one the last question named ("2020年城市…"
    then "那2021年呢" asks about 2021 only)."""
    if not turns or not (
        is_elliptical(question) or _elliptical_lead(question) or _asks_of_edition(question)
    ):
        return question
    # The last question that asked something of its own: after "国家…定了什么目标？",
    # "内蒙古呢？", the next "江西呢？" asks the first again.
    asked = [t["content"] for t in turns if t["role"] == "user"]
    frame = next((q for q in reversed(asked) if not is_elliptical(q)), "")
    if not frame:
        return question
    if YEAR.search(question) or CHANGE_FRAGMENT.search(question):
        # ("浙江2022年的规范…多快审完？" then "那修改以后呢？": the year named the edition the
        # change rewrote, not the one now asked of.)
        frame = _YEAR_WORD.sub("", frame)
    if ARTICLE_REF.search(question):
        # "那第十一条呢？" after 第十条: the article named replaces the one asked before.
        frame = ARTICLE_REF.sub(" ", frame)
    if conversation_places(question):
        for place in conversation_places(frame):
            if place != "全国":
                frame = re.sub(re.escape(place) + "(?:省|市|自治区)?", "", frame)
                for city in bare_cities(frame):
                    if local_province(city) == place:
                        frame = frame.replace(city, "")
    return f"{frame} {question}".strip()
