"""A follow-up made to stand alone without a model (``carry``): the conversation's notice it
is held to, else its titles or last question."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answer.asking import read_ask
from rag.answer.constraints.regions import city_own
from rag.answer.followup.topics import AnsweredBy, ConversationTopics, subject_of
from rag.answer.followup.wording import (
    _EDITION_NAMED,
    _YEAR_ONLY,
    CHANGE_FRAGMENT,
    elliptical_part,
    focus_of,
    is_follow_up,
    last_answer,
    last_user_turn,
    leans_on_conversation,
    opening_fragment,
    points_back,
)
from rag.answer.questions import (
    DOCNO_QUESTION,
    bare_cities,
    conversation_places,
)
from rag.answer.text import bigrams, without_doc_numbers
from rag.articles import article_refs, article_spans, rewrite_of
from rag.docno import find_doc_numbers
from rag.grammar import ARTICLE_REF, YEAR
from rag.places import CITY_PROVINCE, districts_of, local_province

if TYPE_CHECKING:
    from rag.records import Notice


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
            label = _label(commentary)
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
        local = (
            districts_of(elliptical_part(question) or opening_fragment(question), notice.region)
            if notice is not None and not moved and not cities
            else []
        )
        if (
            notice is not None
            and local
            and not any(city_own(d, notice.title, notice.issuer) for d in local)
        ):
            # "那滨海新区呢？…" after a question about 天津's 办法: a district of the notice's
            # province (its full name, which another province's division may share) asks
            # about that district's own notice, as a city does.
            return Carried(f"{subject_of(notice.title)} {' '.join(local)} {asked}".strip())
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
                    return Carried(f"{_label(other)} {asked}", other)
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
                    return Carried(f"{_label(other)} {asked}", other)
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
                return Carried(f"{_label(other)} {asked}", other)
            return Carried(f"{subject_of(notice.title)} {asked}".strip())
        if (
            notice is not None
            and found is not None
            and not points_back(question)
            and not topics.keeps(notice.notice_id, asked, found())
        ):
            return Carried(asked)
        if notice is not None:
            return Carried(f"{_label(notice)} {asked}", notice)
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


def _label(notice: Notice) -> str:
    """A notice as a standalone question names it: its 文号, else its 《title》."""
    return notice.doc_number or "《" + notice.title + "》"


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
