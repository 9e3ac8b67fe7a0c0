"""Follow-up questions: the chat history checked, and a question made to stand alone
without a model."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from rag.answer.asking import read_ask
from rag.answer.constraints.regions import city_own
from rag.answer.questions import (
    ANAPHORA,
    ANAPHORA_ANYWHERE,
    DATE_QUESTION,
    DOCNO_QUESTION,
    ISSUER_QUESTION,
    bare_cities,
    conversation_places,
    index_names,
    names_few,
    naming_spans,
    notice_name,
    question_words,
)
from rag.answer.text import bigrams, nows, without_doc_numbers
from rag.articles import article_refs, article_spans, rewrite_of
from rag.docno import find_doc_numbers
from rag.errors import InvalidQueryError
from rag.grammar import ARTICLE_REF, DOC_KINDS, YEAR
from rag.notices.validity import own_name, own_titles
from rag.notices.validity.relations import norm_title
from rag.places import CITY_PROVINCE, PROVINCE_NAMES, local_province

if TYPE_CHECKING:
    from rag.answer.support import TermWeights
    from rag.records import Chunk, Notice


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


class AnsweredBy(Protocol):
    """The notice that answered ``question`` when it was asked after ``turns``; None when
    nothing in the index answered it (the answerer's own search and support decide)."""

    def __call__(self, question: str, turns: Sequence[Mapping[str, str]]) -> Notice | None: ...


@dataclass(frozen=True)
class Carried:
    """A follow-up made to stand alone, and the conversation's notice it is held to (None
    when it is searched openly)."""

    standalone: str
    notice: Notice | None = None


def carry_over(
    question: str, turns: Sequence[Mapping[str, str]], topics: ConversationTopics | None = None
) -> str:
    """A standalone question without an LLM (``carry`` without the answerer's search)."""
    return carry(question, turns, topics).standalone


def carry(
    question: str,
    turns: Sequence[Mapping[str, str]],
    topics: ConversationTopics | None = None,
    answered_by: AnsweredBy | None = None,
    found: Callable[[], Sequence[str]] | None = None,
    linked: Callable[[Notice], Sequence[Notice]] | None = None,
    years_of: Callable[[Notice], set[str]] | None = None,
) -> Carried:
    """A standalone question without an LLM: carry the notice the conversation is about,
    else its titles or last question.

    A question leans on the conversation when it is worded as a follow-up or pins down no
    anchor of its own (``leans_on_conversation``); any other is searched as asked.

    With ``topics`` (the index's notices), the notice is chosen among every notice the
    conversation names by 文号 or title (``ConversationTopics.resolve``): the one that holds
    what the follow-up asks, and among near ties the one of the place the user asked about.
    Without it, or when the conversation names no notice of the index, the 文号 is read from
    the latest turn that holds one (so "它" still means the notice an earlier answer named
    when the last answer named none). A user's turn names its notice itself; an answer may
    name several (the notice asked for, the national notice it implements, a related one),
    and the notice the conversation is about is the one whose clause shares most with what
    the user asked ("湖南这个通知…", the last user question). Without a 文号, the titles 《…》
    and the last user question carry the topic ("那危重病例超过5例的呢？").

    When the turns name no notice of the index (the user asked loosely, the answer named
    no title or 文号), the conversation's notice is the one that answered the latest user
    question that was answered (``answered_by``: the answerer retrieves for it, made
    standalone in turn, and takes its top notice when support passes).

    An elliptical follow-up ("那农村呢？") keeps the frame of the last user question; one
    that moves it to another place ("那福建省呢？") is not held to the last notice, nor is
    one that does not point back at it (``points_back``) and whose words the notice holds
    clearly less than a notice open retrieval finds for the question alone (``found``,
    called only then: "那县域医共体呢…" after questions about 社区医院). One that turns to
    another year ("那2019年的呢？") is held to the notice of that year among those ``linked``
    to the last one (the editions it repealed or was repealed by, its amendments; dated
    that year, else known by it through ``years_of``: its 文号's or 施行 year), else
    searched by the year.
    """
    if not turns or not leans_on_conversation(question):
        return Carried(question)
    last_user = last_user_turn(turns)
    last_assistant = last_answer(turns)
    number = _topic_number(question, turns)
    asked = focus_of(question, turns)
    # The place a follow-up turns to: its fragment's ("那福建省呢？"), else any province
    # or city it names ("牵头的广东那边，这个采购周期…" after a question about 广西).
    moved = conversation_places(elliptical_part(question)) or [
        p for p in conversation_places(question) if p != "全国"
    ]
    # The cities it names ("天水市…", or bare where a name starts: "那赣州按这个细则…").
    cities = _cities_named(elliptical_part(question) or question)
    if not moved:
        moved = list(dict.fromkeys(local_province(c) for c in cities))
    if topics is not None:
        notice = topics.resolve(question, turns, number)
        named = _article_document(question, turns, notice)
        if named:
            # "那第十九条呢？" after "四川临床用血规定第十二条…": the article of the document the
            # user named with an article before, when the conversation's notice (one that
            # only names that document: a city's notice carrying it out) has no such article.
            return Carried(named)
        if (
            notice is None
            and number
            and not moved
            and answered_by is not None
            and _answer_named_only(number, turns, question)
        ):
            # "陕西…的通知要参照哪份文件？" — "参照《…》（陕卫办医发〔2020〕9号）。" — "它对…提了
            # 什么要求？": a 文号 only the answer named is what the user's notice refers to;
            # 它 is the notice the user asked about, when the index answered that question.
            notice = topics.answered(turns, answered_by)
        if notice is None and number and not moved:
            # The conversation named a 文号 the index does not hold ("国卫办基层函〔2019〕
            # 210号。" then "它现在还能用吗？"): 它 is that document, which passages may quote.
            return Carried(f"{number} {asked}")
        if notice is None and answered_by is not None:
            notice = topics.answered(turns, answered_by)
        switched = topics.switched_to(question, notice) if notice is not None else None
        if switched is not None:
            # "那换到全国老龄办那份通知，它对…": the follow-up names another notice of the
            # index by words only its name holds, as the one it now asks about (a notice
            # without a 文号 is named by the question itself, and held to).
            return Carried(f"{switched.doc_number} {asked}".strip(), switched)
        commentary = topics.commentary_on(question, notice) if notice is not None else None
        if commentary is not None:
            # "我还看到一篇对它的解读，那篇解读…": named by its kind only, the text is named
            # by its 文号 or title.
            label = commentary.doc_number or "《" + commentary.title + "》"
            return Carried(f"{label} {asked}", commentary)
        if (
            notice is not None
            and moved
            and notice.region in moved
            and cities
            and not any(city_own(c, notice.title, notice.issuer) for c in cities)
        ):
            # "天水市按这个细则发的通知呢？" after a question about 甘肃's 细则: a city of
            # the notice's province that its title and issuer do not name asks about that
            # city's own notice, found by the city as "那福建省呢？" is by the province. A
            # city named bare (那天水…) is searched for by its name as a city.
            bare = " ".join(f"{c}市" for c in cities if f"{c}市" not in asked)
            return Carried(f"{subject_of(notice.title)} {bare} {asked}".strip())
        if notice is not None and moved and notice.region not in moved:
            # "那福建省呢？" after a question about 甘肃省: the same question of another
            # place's notice, which retrieval finds by the place; the notice's subject
            # (its title without place and shell) says what kind of notice that is.
            return Carried(f"{subject_of(notice.title)} {asked}".strip())
        part = elliptical_part(question)
        fragment = _YEAR_ONLY.fullmatch(part)
        if fragment is None:
            # "2025年那版呢？还用登报吗？": an edition named by its year, then a question
            # of its own asked of it.
            opening = opening_fragment(question)
            fragment = _YEAR_ONLY.fullmatch(opening) if opening else None
        change = CHANGE_FRAGMENT.fullmatch(part)
        years = {fragment.group(1)} if fragment else set()
        if change:
            # "2024年调整以后呢？" names the notice of that year changing it; "修改以后呢？"
            # the one notice linked to it that came after it.
            years = set(YEAR.findall(part))
            if notice is not None and linked is not None and not years and not moved:
                later = [o for o in linked(notice) if o.date > notice.date]
                if len(later) == 1:
                    other = later[0]
                    return Carried(
                        f"{other.doc_number or '《' + other.title + '》'} {asked}", other
                    )
        if notice is not None and not years and not moved and linked is not None:
            # "那2021年那个试行办法里定的是多少？" after a question answered by the 2024 办法:
            # an edition named by its year while the question asks of it is held to the one
            # notice linked to the last that is of that year; else the question stays with
            # the last notice (a year may be a target's, "2025年的方案要求达到多少").
            named_years = {a or b for a, b in _EDITION_NAMED.findall(question)}
            own = {notice.date[:4], *(years_of(notice) if years_of is not None else ())}
            if named_years and not named_years & own:
                dated = [
                    o
                    for o in linked(notice)
                    if o.date[:4] in named_years
                    or (years_of is not None and named_years & years_of(o))
                ]
                if len(dated) == 1:
                    other = dated[0]
                    return Carried(
                        f"{other.doc_number or '《' + other.title + '》'} {asked}", other
                    )
        if notice is not None and years and not moved and notice.date[:4] not in years:
            # "那2019年的呢？" after a question answered by the 2024 方案: the same question
            # of that year's notice. The one it repealed, was repealed by or amended of that
            # year is held to; else retrieval finds it by the year beside the notice's
            # subject ("2027年的呢？": the amendment setting a 2027 target).
            others = linked(notice) if linked else []
            dated = [o for o in others if o.date[:4] in years]
            if not dated and years_of is not None:
                # "2021年试行的那版" of a 试行办法 issued in 2020 and in force from 2021: a
                # year the edition is known by (its 文号's, its 施行 date's).
                dated = [o for o in others if years & years_of(o)]
            if len(dated) == 1:
                other = dated[0]
                return Carried(f"{other.doc_number or '《' + other.title + '》'} {asked}", other)
            return Carried(f"{subject_of(notice.title)} {asked}".strip())
        if (
            notice is not None
            and found is not None
            and not points_back(question)
            and not topics.keeps(notice.notice_id, asked, found())
        ):
            return Carried(asked)
        if notice is not None:
            return Carried(f"{notice.doc_number or '《' + notice.title + '》'} {asked}", notice)
    if not is_follow_up(question):
        # Pinning down nothing, it leans on the conversation's notice; without one, it is
        # asked as it stands (an earlier question's words would only steer it elsewhere).
        return Carried(question)
    if number and not moved:
        return Carried(f"{number} {asked}")
    if moved:
        return Carried(asked)
    titles = re.findall(r"《([^《》]{4,80})》", last_assistant)
    context = " ".join([last_user, *(f"《{t}》" for t in titles[:1])]).strip()
    # The document is carried, not an article asked about before: "第十一条呢？" and
    # "它什么时候施行？" ask about the document again, not about that article.
    context = ARTICLE_REF.sub(" ", context)
    return Carried(f"{context} {question}".strip())


def _article_document(
    question: str, turns: Sequence[Mapping[str, str]], notice: Notice | None
) -> str:
    """The question with the document name put before its bare 第N条, taken from the latest
    user turn that named an article with its document, else from ``notice``'s title when
    ``notice`` rewrites that article of the 《X》 its title names (关于修改《X》部分条款的通知);
    "" when the question names a document (or no article), neither is found, or ``notice``
    holds that article itself."""
    refs = article_refs(question)
    if not refs or any(ref.names for ref in refs) or find_doc_numbers(question):
        return ""
    if notice is not None and {s.number for s in article_spans(notice.text)} & {
        ref.number for ref in refs
    }:
        return ""
    for turn in reversed(turns):
        if turn["role"] != "user":
            continue
        earlier = [ref for ref in article_refs(turn["content"]) if ref.names]
        if earlier:
            name, ref = earlier[0].names[0], refs[0]
            return question[: ref.start] + name + question[ref.start :]
    changed = re.search(r"《([^《》]+)》", notice.title) if notice is not None else None
    if notice is not None and changed and rewrite_of(notice.text, refs[0].number):
        # "那它第十条现在要求…？" about a notice that rewrites the 第十条 of 《X》 (关于修改《X》
        # 部分条款的通知): the article is X's, which is read with the rewrite beside it.
        ref = refs[0]
        return f"{question[: ref.start]}《{changed.group(1)}》{question[ref.start :]}"
    return ""


def _cities_named(text: str) -> list[str]:
    """The cities ``text`` names as cities (天水市, 甘南州), or bare where a name starts ("那
    赣州按这个细则…", "和九江的呢"): a bare two-character name may sit inside other words
    (保定 in 确保定点)."""
    # (A follow-up's 那 before a city's name is no part of it: "那曲靖市里…" names 曲靖, not
    # 那曲.)
    text = _THEN_CITY.sub("", text, count=1)
    found = {m.group("suffixed") or m.group("bare") for m in _CITY_NAMED.finditer(text)}
    # (and the districts and counties it names: "那万州区那边呢？")
    local = [c for c in bare_cities(text) if c not in CITY_PROVINCE]
    return [*(c for c in CITY_PROVINCE if c in found), *local]


_CITY_NAMES = "|".join(sorted(map(re.escape, CITY_PROVINCE), key=len, reverse=True))
_THEN_CITY = re.compile(rf"^\s*那么?(?=(?:{_CITY_NAMES}))")
_CITY_NAMED = re.compile(
    rf"(?P<suffixed>{_CITY_NAMES})(?:市|州|地区|盟)|(?:^|(?<=[那这和跟及与、，,]))(?P<bare>{_CITY_NAMES})(?![市州])"
)


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
    r"|开始|起|施行|实施|实行)*"
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
    + r"|((?:19|20)\d{2})年的?[那这]?一?版"
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
    if YEAR.search(question):
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


class ConversationTopics:
    """The index's notices as a conversation names them (by 文号 or title), and which of
    them a follow-up is about."""

    def __init__(
        self,
        notices: Mapping[str, Notice],
        chunks: Sequence[Chunk],
        weights: TermWeights,
        margin: float,
    ) -> None:
        self.notices = notices
        self.chunks = chunks
        self.weights = weights
        self.margin = margin
        self._by_number: dict[str, list[str]] = {}
        self._names: list[tuple[str, str]] = []
        for n in notices.values():
            if n.doc_number:
                self._by_number.setdefault(n.doc_number, []).append(n.notice_id)
            self._names.extend((name, n.notice_id) for name in _names_of(n.title))
        self._all_names = index_names(notices)
        self._chunks_of: dict[str, list[int]] = {}
        for i, c in enumerate(chunks):
            self._chunks_of.setdefault(c.notice_id, []).append(i)

    def chunks_of(self, notice_id: str) -> list[Chunk]:
        """The notice's passages, in index order."""
        return [self.chunks[i] for i in self._chunks_of.get(notice_id, [])]

    def named(self, turns: Sequence[Mapping[str, str]]) -> list[str]:
        """Notice ids the turns name, the latest turn first, each turn in reading order."""
        out: list[str] = []
        for turn in reversed(turns):
            text = turn["content"]
            found = [
                (m.start, nid)
                for m in find_doc_numbers(text)
                for nid in self._by_number.get(m.doc_number.normalized, [])
            ]
            flat = _short_forms(nows(without_doc_numbers(text)))
            for name, nid in self._names:
                at = flat.find(name)
                if at >= 0:
                    found.append((at, nid))
            for _, nid in sorted(found, key=lambda f: f[0]):
                if nid not in out:
                    out.append(nid)
        return out

    def answered(
        self, turns: Sequence[Mapping[str, str]], answered_by: AnsweredBy
    ) -> Notice | None:
        """The notice that answered the latest user turn that was answered; None when
        none was."""
        for i in range(len(turns) - 1, -1, -1):
            if turns[i]["role"] != "user":
                continue
            notice = answered_by(turns[i]["content"], turns[:i])
            if notice is not None:
                return notice
        return None

    def switched_to(self, question: str, current: Notice) -> Notice | None:
        """The notice a follow-up turns to by naming it as a document (…那份通知, …的那个
        方案): a stretch of 4+ characters that few of the index's names hold, standing in
        that notice's title or issuer and not in the conversation's notice's; None when no
        one notice is so named, or none by a longer stretch than the others."""
        ref = _DOCUMENT_REF.search(question)
        if ref is None:
            return None
        # The name before the reference (全国老龄办那份通知), or in it (那…建设方案, 它提到的
        # 那个出院患者功能障碍康复方案: six or more characters of a name, not a kind of
        # document described, 这份考核方案).
        before = question[: ref.end()]
        inside = ref.start() if not ref.group("named") else len(before)
        mine = notice_name(current)
        names = self._all_names
        named: list[tuple[int, Notice]] = []
        for n in self.notices.values():
            if n.notice_id == current.notice_id:
                continue
            spans = naming_spans(before, notice_name(n), names)
            longest = max(
                (
                    b - a
                    for a, b, df in spans
                    if b - a >= (6 if b > inside else 4)
                    and names_few(df, len(names))
                    and before[a:b] not in mine
                ),
                default=0,
            )
            if longest:
                named.append((longest, n))
        # Several named: the one named by the longest stretch ("医用织物洗涤服务专项检查的那个
        # 通知" names the 专项检查 notice, not the 医用织物洗涤消毒管理办法 sharing 6 of it).
        named.sort(key=lambda x: -x[0])
        if len(named) == 1 or (len(named) > 1 and named[0][0] > named[1][0]):
            return named[0][1]
        return None

    def commentary_on(self, question: str, current: Notice) -> Notice | None:
        """The text a follow-up names by its kind that is about the conversation's notice
        ("我还看到一篇对它的解读…那篇解读本身…", "那篇报道…", "那份补充通知…"): the one
        notice whose title holds that kind and a 《name》 of the current notice's own
        document; None when the question names no such kind, the current notice is of it,
        or none or several are."""
        kinds = [k for k in _TEXT_KINDS.findall(question) if k not in current.title]
        if not kinds:
            return None
        owns = own_titles(current)
        found = [
            n
            for n in self.notices.values()
            if n.notice_id != current.notice_id
            and any(k in n.title for k in kinds)
            and any(
                norm_title(name) in owns
                for name in re.findall(r"[《〈]([^《》〈〉]{2,100})[》〉]", n.title)
            )
        ]
        return found[0] if len(found) == 1 else None

    def keeps(self, notice_id: str, question: str, found: Sequence[str]) -> bool:
        """Whether a follow-up stays with the conversation's notice: no notice of
        ``found`` (those open retrieval finds for it) holds its words by more than
        ``margin`` better, with at least two words the notice's best passage lacks. One
        word is no new subject: "谈下来的价格怎么用？" has two subject words, and a news
        report holding 下来 beside 价格 is no reason to leave the notice about prices."""
        if notice_id not in self.notices:
            return False
        words = question_words(question)
        weight = {w: self.weights.word(w) for w in words}
        total = sum(weight.values())
        own, held = self._best(notice_id, words, weight, total)
        for nid in found:
            if nid == notice_id or nid not in self.notices:
                continue
            score, theirs = self._best(nid, words, weight, total)
            if score > own + self.margin and len(theirs - held) >= 2:
                return False
        return True

    def resolve(
        self, question: str, turns: Sequence[Mapping[str, str]], default: str = ""
    ) -> Notice | None:
        """The notice a follow-up is about, among those the conversation names; None when
        it names none the index holds.

        A follow-up that names the kind of document ("这篇报道", "这个规范") is about one of
        that kind. Among the rest, it is about the notice that holds what it asks: the
        idf-weighted share of its words found in the notice's best passage, as support
        reads it. Notices within ``margin`` of the best are near ties, settled by the place
        the user asked about (the follow-up's own, else the latest user turn that names one:
        "湖南省的实施意见…" then "它…"), then by ``default`` (the 文号 of the older rule), then
        by recency.
        """
        candidates = self.named(turns)
        if not candidates:
            return None
        by_default = self._by_number.get(default, [])
        candidates.sort(key=lambda nid: nid not in by_default)
        candidates = self._of_kind(question, candidates)
        words = question_words(question)
        weight = {w: self.weights.word(w) for w in words}
        total = sum(weight.values())
        scores = {nid: self._holds(nid, words, weight, total) for nid in candidates}
        best = max(scores.values())
        near = [nid for nid in candidates if scores[nid] >= best - self.margin]
        places = conversation_places(question) or next(
            (
                found
                for t in reversed(turns)
                if t["role"] == "user" and (found := conversation_places(t["content"]))
            ),
            [],
        )
        placed = [nid for nid in near if self.notices[nid].region in places]
        return self.notices[(placed or near)[0]]

    def _holds(
        self, notice_id: str, words: Sequence[str], weight: Mapping[str, float], total: float
    ) -> float:
        """The idf-weighted share of ``words`` in the notice's best passage (with its title)."""
        return self._best(notice_id, words, weight, total)[0]

    def _best(
        self, notice_id: str, words: Sequence[str], weight: Mapping[str, float], total: float
    ) -> tuple[float, frozenset[str]]:
        """The idf-weighted share of ``words`` in the notice's best passage (with its
        title), and the words that passage holds."""
        if not words or total <= 0:
            return 0.0, frozenset()
        title = self.notices[notice_id].title
        best: tuple[float, frozenset[str]] = (0.0, frozenset())
        for i in self._chunks_of.get(notice_id, []):
            text = nows(title + self.chunks[i].text)
            held = frozenset(w for w in words if w in text)
            share = sum(weight[w] for w in held) / total
            if share > best[0]:
                best = (share, held)
        return best

    def _of_kind(self, question: str, candidates: list[str]) -> list[str]:
        """The candidates of the kind of document the follow-up names, when any are."""
        m = _DOC_KIND.search(question)
        if not m:
            return candidates
        kind = m.group("kind") or m.group("kind2")
        if kind in _ARTICLE_WORDS:
            kept = [nid for nid in candidates if _is_report(self.notices[nid])]
        else:
            # "这个办法": the notice issuing a 办法, before one that corrects or forwards
            # another's (关于更正《…办法》有关内容的通知).
            kept = [nid for nid in candidates if kind in own_name(self.notices[nid])]
            if not kept:
                # "这个办法" after turns naming only the notice that corrects it: the 办法
                # that notice names by 文号.
                named = [
                    r.notice_id
                    for nid in candidates
                    for r in self.notices[nid].references
                    if r.notice_id in self.notices
                ]
                kept = [nid for nid in dict.fromkeys(named) if kind in own_name(self.notices[nid])]
            kept = kept or [nid for nid in candidates if kind in self.notices[nid].title]
        return kept or candidates


_ARTICLE_WORDS = ("报道", "文章", "新闻", "刊文")
# Texts about another document, named by their kind in a follow-up.
# The kinds of text written about another document, named as a follow-up's subject ("那篇
# 解读", "那份补充通知本身还有效吗"): a title holding the kind and that document's 《name》.
_TEXT_KINDS = re.compile(r"解读|答记者问|报道|补充通知|补充规定|补充意见")
# "这篇报道", "该规范", "这个工作要点", "文章里说": the kind of document a follow-up points at.
# 通知 and 文件 name no kind: nearly every notice is one.
_DOC_KIND = re.compile(
    r"(?:这|该|此|那|本)(?:篇|则|个|份|项|一)?(?:工作)?"
    r"(?P<kind>报道|文章|新闻|刊文|办法|规范|方案|意见|决定|公告|要点|指南|细则|规定|规划|计划|纲要)"
    r"|^(?P<kind2>报道|文章|新闻)(?:里|中|说)"
)


def _is_report(notice: Notice) -> bool:
    """A news report or article: a digest's article, or a page with neither 文号 nor issuer
    (``rag.notices.single`` reads a reporter's page so)."""
    return notice.kind == "article" or not (notice.doc_number or notice.issuer)


_PLACE_WORDS = re.compile(
    "|".join(
        sorted(
            (re.escape(n) for n in (*PROVINCE_NAMES.values(), *PROVINCE_NAMES)),
            key=len,
            reverse=True,
        )
    )
)


def subject_of(title: str) -> str:
    """What a notice is about, from its title: without the issuer, the 关于…的通知 shell
    and the places it names ("广西…关于做好新冠检测试剂集中采购工作的通知" → "做好新冠检测
    试剂集中采购工作")."""
    core = re.sub(r"^.*?关于(?:印发)?", "", title)
    core = re.sub(r"的(?:通知|决定|公告|函|批复|意见)$", "", core)
    return _PLACE_WORDS.sub("", core.replace("《", "").replace("》", "")).strip()


def _names_of(title: str) -> list[str]:
    """How a turn may name a notice: its title, a 《document》 its title carries, or the
    title without its issuer and 关于…的通知 shell; names under 8 characters are too
    generic to tell notices apart."""
    names = [title, *re.findall(r"《([^《》]+)》", title)]
    core = re.sub(r"^.*?关于(?:印发)?", "", title)
    core = re.sub(r"的(?:通知|决定|公告|函|批复|意见)$", "", core)
    names.append(core)
    out: list[str] = []
    for name in names:
        flat = _short_forms(nows(name).strip("《》"))
        if len(flat) >= 8 and flat not in out:
            out.append(flat)
    return out


# The short forms a turn names a notice by (云南省深化医改2020年重点工作任务 for its title's
# 深化医药卫生体制改革): names and turns are compared in them.
_SHORT_FORMS = (
    ("医药卫生体制改革", "医改"),
    ("医疗卫生共同体", "医共体"),
    ("医疗联合体", "医联体"),
    ("医疗保障", "医保"),
    ("卫生健康委员会", "卫健委"),
)


def _short_forms(text: str) -> str:
    for long, short in _SHORT_FORMS:
        text = text.replace(long, short)
    return text


def _answer_named_only(number: str, turns: Sequence[Mapping[str, str]], question: str) -> bool:
    """Whether only an answer named the 文号, as what the user's notice refers to, and the
    follow-up asks what a text says: not when the user asked for the number itself ("…的文号
    是多少？") or asks whether it still holds ("它现在还有效吗？"), both asked of that document."""
    for t in turns:
        if t["role"] != "user":
            continue
        if any(m.doc_number.normalized == number for m in find_doc_numbers(t["content"])):
            return False
    return not (DOCNO_QUESTION.search(last_user_turn(turns)) or read_ask(question).asks_status)


def _topic_number(question: str, turns: Sequence[Mapping[str, str]]) -> str:
    """The 文号 the conversation is about, from the latest turn that names one; "" if none."""
    for i in range(len(turns) - 1, -1, -1):
        text = turns[i]["content"]
        found = find_doc_numbers(text)
        if not found:
            continue
        if turns[i]["role"] == "user" or len(found) == 1:
            return found[0].doc_number.normalized
        asked_before = next((t["content"] for t in reversed(turns[:i]) if t["role"] == "user"), "")
        asked = set(bigrams(without_doc_numbers(asked_before + " " + question)))

        shared = [
            len(asked & set(bigrams(without_doc_numbers(_clause(text, m.start, m.end)))))
            for m in found
        ]
        best = max(range(len(found)), key=lambda j: (shared[j], -found[j].start))
        return found[best].doc_number.normalized
    return ""


_CLAUSE_ENDS = "。；！？，,\n"


def _clause(text: str, start: int, end: int) -> str:
    """The clause of ``text`` around ``start:end``: from the previous to the next 。；！？，
    or line break, so a 文号 keeps the 《title》 written beside it."""
    lo = max(text.rfind(c, 0, start) for c in _CLAUSE_ENDS) + 1
    ends = [j for j in (text.find(c, end) for c in _CLAUSE_ENDS) if j >= 0]
    return text[lo : min(ends) if ends else len(text)]
