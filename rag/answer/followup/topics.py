"""The notices a conversation names (by 文号 or title), and which of them a follow-up is
about (``ConversationTopics``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from rag.answer.followup.wording import _DOCUMENT_REF, last_user_turn
from rag.answer.questions import (
    conversation_places,
    index_names,
    names_few,
    naming_spans,
    notice_name,
    question_words,
)
from rag.answer.scoring import asks_about_text, is_report
from rag.answer.text import nows, without_doc_numbers
from rag.docno import find_doc_numbers
from rag.notices.validity import own_name, own_titles
from rag.notices.validity.relations import norm_title
from rag.places import PROVINCE_NAMES

if TYPE_CHECKING:
    from rag.answer.support import TermWeights
    from rag.records import Chunk, Notice


class AnsweredBy(Protocol):
    """The notice that answered ``question`` when it was asked after ``turns``; None when
    nothing in the index answered it (the answerer's own search and support decide)."""

    def __call__(self, question: str, turns: Sequence[Mapping[str, str]]) -> Notice | None: ...


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
        if not any(asks_about_text(t) for t in (question, last_user_turn(turns))):
            # Asked of the rule, the conversation is about a rule it names, not a reading or
            # report retelling it in more of the question's words ("那2021年试行的那一版
            # 呢？报告出具时限…" after an answer citing the 办法: not its 负责人答问).
            rules = [nid for nid in candidates if not is_report(self.notices[nid])]
            candidates = rules or candidates
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


# The words a follow-up names a news article by.
_ARTICLE_WORDS = ("报道", "文章", "新闻", "刊文")
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
