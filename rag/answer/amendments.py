"""Before and after: the sentence of a document an amending notice rewrites, and the item
rewriting it.

An amending notice changes its document item by item: "二、将第六条中的“不少于本院执业医师
总数的5%”修改为“不少于本院执业医师总数的8%”", "三、将第八条修改为：“……”", "将“30日”
修改为“15日”". A question asking how a rule changed ("原来规定多少个工作日？2025年修改以后
呢？") is answered by the pair: the document's sentence holding the words replaced (else the
sentence of the article rewritten that answers best) and the item rewriting it. The two
share few words with each other or with the question (the item names an article number and
a figure), so scoring alone quotes one of them, or another item of the same notice; each
found here brings the other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from rag.answer.records import hit_of
from rag.answer.scoring import Sentence, overlaps
from rag.answer.text import (
    amends_document,
    bigrams,
    document_changed_bare,
    documents_named,
    nows,
    split_sentences,
)
from rag.articles import article_at
from rag.clean import to_halfwidth
from rag.grammar import ARTICLE_REF, numeral_value, simplified
from rag.records import Chunk, Hit, Notice

# "将第六条中的“…”修改为", "将原第八条修改为", "将第三条第二款中的“…”调整为", "将“…”修改为",
# "将第二项中的“…”修改为" (an item of a notice without articles), "将第六条改写为：“…”",
# "第七条中的“…”调整为", "将第三条第（一）项中的“…”修改为“…”，第（二）项中的“…”修改为“…”",
# "将第六条中的“…”修改为“…”，“…”修改为“…”" (a further rewrite of the same article, named by
# its part alone or not at all), "《办法》第四条规定的记录率相应提高：" (a rule raised, lowered,
# shortened or extended to new figures).
_PART = r"第[（(]?[一二三四五六七八九十\d]+[）)]?[款项目句]"
_ITEM = re.compile(
    # ("将第七条的审核时限“15个工作日内”改为…", "将第六条规定的抽查比例“不低于10%”提高为…",
    # "将第五条的“48小时内”修改为…": the rule's name between article and words; the words
    # replaced written after 由 are ``_FROM_TO``'s)
    r"(?:将?(?:原)?第([零〇一二三四五六七八九十百千\d]+)条(?:" + _PART + r")*"
    r"(?:中的?|[^“”。；;，,\n的由]{0,4}的[^“”。；;，,\n由]{0,10}?)?(?:“([^”]{1,120})”)?"
    r"|将(?:原)?(?:(?:" + _PART + r")+中的?)?“([^”]{1,120})”"
    r"|(?<=[，,；;])(?:(?:" + _PART + r")+中的?)?“([^”]{1,120})”)"
    r"(?P<pre>[^。；;“”\n由]{0,10}?)(?:(?:修改|修订|调整|更改|变更|替换|改写|改)为"
    # ("《办法》第四条规定的记录率相应提高：…", "第六条规定的时限缩短至…")
    r"|(?:相应)?(?:提高|降低|放宽|缩短|延长|调整)(?:为|至|到|[：:]))"
)
# The words replaced after 由 / 从, quoted or not, then the verb moving them: "由45日内调整为",
# "从不低于15%提高至", "由“不低于5%”提高至".
_FROM_WORDS = (
    r"(?:由|从)(?:“([^”]{1,24})”|([^，,。；;“”\n由从]{1,24}?))"
    r"(?:调整|修改|缩短|延长|提高|降低|放宽|增加|减少|下调|上调|改)(?:为|至|到)"
)
# "《办法》第二条规定的接入时限由45日内调整为30日内": the words replaced follow 由, quoted or
# not ("第七条中的抽查比例由“不低于5%”提高至“不低于8%”").
_FROM_TO = re.compile(
    r"第([零〇一二三四五六七八九十百千\d]+)条(?:"
    + _PART
    + r")*[^。；;“”\n由从]{0,16}?"
    + _FROM_WORDS
)
# The words an item replaces told beside the new ones, not quoted: before the verb
# ("第五条规定的3年内不得申报调整为…"), after 由 / 从 ("将第五条的
# 抽查比例从不低于15%提高至不低于30%"), or in a note after them ("调整为不低于30%（原为不低于
# 15%）").
_WAS_BEFORE = re.compile(_FROM_WORDS)
_WAS_NOTE = re.compile(r"[^。；;\n（(]{0,40}[（(]原(?:为|来为|规定为|定为|是)([^）)]{1,24})[）)]")
# How an amending notice's title says what it does.
_AMENDING_TITLE = re.compile(r"修改|修订|调整|补充|延长|更正")


@dataclass(frozen=True)
class Rewrite:
    """One item of an amending notice: the article it rewrites (0 when it names none) and
    the words it replaces ("" when it rewrites the whole article), with its offsets."""

    article: int
    old: str
    start: int
    end: int
    # The words replaced as the item tells them outside quotes ("从不低于15%提高至…"), when
    # it quotes none.
    was: str = ""


def rewrites(text: str) -> list[Rewrite]:
    """The items of an amending notice's ``text`` that rewrite an article or replace words."""
    return list(_rewrites(text))


# (Read once per notice: every question with an amending notice among its hits reads its
# items, for its passages and again for its sentences.)
@functools.lru_cache(maxsize=256)
def _rewrites(text: str) -> tuple[Rewrite, ...]:
    out: list[Rewrite] = []
    for m in _ITEM.finditer(text):
        if m.group(4):
            # "…，第（二）项中的“…”修改为": the article of the rewrite before it.
            article = out[-1].article if out else 0
            out.append(Rewrite(article, m.group(4), m.start(), m.end()))
            continue
        number = numeral_value(m.group(1)) if m.group(1) else 0
        old = m.group(2) or m.group(3) or ""
        if number or old:
            was = ""
            if not old:
                told = _WAS_BEFORE.search(m.group(0)) or _WAS_NOTE.match(text, m.end())
                was = next((g for g in (told.groups() if told else ()) if g), "")
                if not was and _DIGITS.search(m.group("pre")):
                    # ("第五条规定的3年内不得申报调整为5年内不得申报": the rule's words, figure
                    # and all, right before the verb)
                    was = m.group("pre")
            out.append(Rewrite(number or 0, old, m.start(), m.end(), was))
    for m in _FROM_TO.finditer(text):
        if not any(r.start < m.end() and m.start() < r.end for r in out):
            old = m.group(2) or m.group(3)
            out.append(Rewrite(numeral_value(m.group(1)) or 0, old, m.start(), m.end()))
    return tuple(sorted(out, key=lambda r: r.start))


def amended_pairs(
    hits: Sequence[Hit], notices: Mapping[str, Notice], anywhere: bool = False
) -> dict[str, list[str]]:
    """Each notice among ``hits`` that amends another among them (its title says it amends,
    its text cites the other's 文号 or title): amending notice → the notices it amends.
    With ``anywhere``, the notices it amends may be any of ``notices``."""
    among = {h.chunk.notice_id for h in hits}
    out: dict[str, list[str]] = {}
    for nid in sorted(among):
        notice = notices.get(nid)
        if notice is None or not _AMENDING_TITLE.search(notice.title):
            continue
        targets = [
            r.notice_id
            for r in notice.references
            if r.notice_id
            and r.notice_id != nid
            and r.notice_id in notices
            and (anywhere or r.notice_id in among)
        ]
        # A title naming what it amends ("关于修改《X》部分条款的通知") amends that document,
        # not the others its text cites (the national notice it carries out).
        # (When that document is not among them, the others are not what it amends either:
        # 关于《河南省…管理办法》的补充通知 citing the national notice it carries out.)
        names = documents_named(notice.title)
        named = [t for t in targets if names and amends_document(notice.title, notices[t].title)]
        if not names:
            # A title naming it without 《》 ("关于修改…工作规范部分条款的通知") amends the
            # notice whose title holds that name, when one does.
            bare = document_changed_bare(notice.title)
            named = [t for t in targets if bare and bare in nows(simplified(notices[t].title))]
        if named or (targets and not names):
            out[nid] = list(dict.fromkeys(named or targets))
    return out


def paired_ranks(hits: Sequence[Hit], pairs: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """For a question asking how a rule changed: each notice among ``hits`` that amends
    another among them (``pairs``, from ``amended_pairs``), and each it amends, by the
    better rank of the two (the position of the first hit of either). The two are the rule
    as it was and as it is; the document's passage is often found only as its amending
    notice's partner (``paired_passages``, after it), and ranked there it would count less
    than the amending notice's other items."""
    first: dict[str, int] = {}
    for i, h in enumerate(hits):
        first.setdefault(h.chunk.notice_id, i)
    out: dict[str, int] = {}
    for amending, bases in pairs.items():
        for base in bases:
            if amending not in first or base not in first:
                continue  # (a document amended that no hit holds)
            rank = min(first[amending], first[base])
            for nid in (amending, base):
                out[nid] = min(out.get(nid, rank), rank)
    return out


def paired_passages(
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    chunks_of: Callable[[str], Sequence[Chunk]],
    said: str = "",
    most: int = 3,
    linked: Mapping[str, Sequence[str]] | None = None,
) -> list[Hit]:
    """``hits`` with the passages that complete a before-and-after pair: for a passage of an
    amending notice, the passage of the document it amends holding what an item of it
    rewrites (the words replaced, else the article); for a passage of an amended document,
    the amending notice's passage holding the item that rewrites it; and with ``said`` (the
    conversation's last answer, asked of again after a change), the amending notice's
    passage holding the item that rewrites what it quoted. Each added passage follows its
    partner; at most ``most`` are added.

    ``linked``: further pairs (amending notice → documents it amends, the validity index's
    relations), for an amending notice none of whose passages was retrieved."""
    pairs = amended_pairs(hits, notices, anywhere=True)
    for other, bases in (linked or {}).items():
        if other in notices:
            pairs[other] = list(dict.fromkeys([*pairs.get(other, ()), *bases]))
    if not pairs:
        return list(hits)
    have = {h.chunk.chunk_id for h in hits}
    after: dict[int, list[Hit]] = {}
    added = 0

    def add(at: int, notice: Notice, chunk: Chunk) -> None:
        nonlocal added
        if added < most and chunk.chunk_id not in have:
            have.add(chunk.chunk_id)
            after.setdefault(at, []).append(hit_of(notice, chunk))
            added += 1

    for amending, bases in pairs.items():
        items = rewrites(notices[amending].text)
        own = list(chunks_of(amending))
        if said and any(h.chunk.notice_id == amending for h in hits):
            first = next(i for i, h in enumerate(hits) if h.chunk.notice_id == amending)
            for r in items:
                chunk = _chunk_at(own, r.start)
                if chunk is not None and _said_of(r, said):
                    add(first, notices[amending], chunk)
        restating = _restating_chunks(own, hits, bases)
        for i, h in enumerate(hits):
            nid = h.chunk.notice_id
            if nid in bases and h.chunk.chunk_id in restating:
                add(i, notices[amending], restating[h.chunk.chunk_id])
            if nid == amending:
                for r in items:
                    if not h.chunk.start <= r.start < h.chunk.end:
                        continue
                    for base in bases:
                        chunk = _rewritten_chunk(r, notices[base].text, chunks_of(base))
                        if chunk is not None:
                            add(i, notices[base], chunk)
            elif nid in bases:
                text = nows(h.chunk.text)
                for r in items:
                    if (r.old and nows(r.old) in text) or (
                        not r.old and r.article and r.article in h.chunk.articles
                    ):
                        chunk = _chunk_at(own, r.start)
                        if chunk is not None:
                            add(i, notices[amending], chunk)
    if not added:
        return list(hits)
    out = [x for i, h in enumerate(hits) for x in (h, *after.get(i, ()))]
    return [replace(h, rank=i) for i, h in enumerate(out, start=1)]


# A figure, masked when two sentences' wording is compared.
_DIGITS = re.compile(r"[\d０-９]+(?:\.\d+)?")
# How much of a sentence's wording (figures masked) another must hold to say the same rule.
_RESTATES = 0.7


# (Read for every pair of an amending notice's sentence and a sentence of the document it
# amends, question after question: each text is masked once.)
@functools.lru_cache(maxsize=4096)
def _frame(text: str) -> frozenset[str]:
    """The bigrams of ``text`` with its figures masked and an item number dropped."""
    body = re.sub(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百\d]+条\s*)", "", text)
    return frozenset(bigrams(_DIGITS.sub("#", simplified(body))))


def _frame_share(sentence: str, base: str) -> float:
    mine = _frame(sentence)
    return len(mine & _frame(base)) / len(mine) if mine else 0.0


def restates(sentence: str, base: str) -> bool:
    """Whether ``sentence`` (of an amending notice) says ``base``'s rule anew with other
    figures: a supplementary notice's "二、主要研究者同期主持的药物临床试验原则上不超过10项"
    for the 办法's "…同期主持的药物临床试验原则上不超过15项". Most of its wording (figures
    masked, ``_RESTATES``) is the base's, and the figures differ."""
    said = _figures(sentence)
    if not said or said == _figures(base) or len(_frame(sentence)) < _LEAST_FRAME:
        return False
    return _frame_share(sentence, base) >= _RESTATES


# Dates and 文号 are no figures of a rule (a signature date says no rule anew).
_NOT_FIGURES = re.compile(
    r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|[〔\[（(【]\s*\d{4}\s*[〕\]）)】]\s*\d+\s*号"
)
# The fewest bigrams (figures masked) a sentence saying a rule anew holds.
_LEAST_FRAME = 6


def _figures(text: str) -> set[str]:
    """The figures of ``text`` that may state a rule: its numbers outside dates and 文号."""
    return set(_DIGITS.findall(_NOT_FIGURES.sub(" ", to_halfwidth(text))))


def _restating_chunks(
    own: Sequence[Chunk], hits: Sequence[Hit], bases: Sequence[str]
) -> dict[str, Chunk]:
    """For each passage among ``hits`` of the documents ``bases``, the amending notice's
    passage (of ``own``) holding a sentence that restates one of it (``restates``)."""
    out: dict[str, Chunk] = {}
    mine = [(c, [c.text[a:b] for a, b in split_sentences(c.text)]) for c in own]
    for h in hits:
        if h.chunk.notice_id not in bases or h.chunk.chunk_id in out:
            continue
        theirs = [h.chunk.text[a:b] for a, b in split_sentences(h.chunk.text)]
        for c, said in mine:
            if any(restates(x, y) for x in said for y in theirs):
                out[h.chunk.chunk_id] = c
                break
    return out


def item_rewriting(
    amending: Notice,
    base: Notice,
    answering: Chunk,
    chunks_of: Callable[[str], Sequence[Chunk]],
) -> Chunk | None:
    """The passage of ``amending`` holding the item that rewrites what the passage
    ``answering`` of the document it amends (``base``) says; None when no item does. A
    question asking of the amended document as it stands ("上海改过的…质控规范定的是多少")
    is answered by that item ("将第三条中的“不低于93%”修改为“不低于97%”"), which shares none
    of the question's words."""
    text = base.text
    for r in rewrites(amending.text):
        rewritten = _rewritten_chunk(r, text, chunks_of(base.notice_id))
        if rewritten is not None and rewritten.chunk_id == answering.chunk_id:
            return _chunk_at(chunks_of(amending.notice_id), r.start)
    return None


def _chunk_at(chunks: Sequence[Chunk], offset: int) -> Chunk | None:
    """The passage of ``chunks`` holding ``offset`` of its notice's text."""
    return next((c for c in chunks if c.start <= offset < c.end), None)


def _rewritten_chunk(r: Rewrite, text: str, chunks: Sequence[Chunk]) -> Chunk | None:
    """The passage of the amended document (``text``) holding what item ``r`` rewrites."""
    if r.old:
        at = text.find(r.old)
        if at >= 0:
            found = _chunk_at(chunks, at)
            if found is not None:
                return found
    if r.article:
        return next((c for c in chunks if r.article in c.articles), None)
    return None


def with_counterparts(
    chosen: Sequence[Sentence],
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    said: str = "",
    after_only: bool = False,
    holds: Callable[[str], bool] | None = None,
    terms: Collection[str] = (),
) -> list[Sentence]:
    """``chosen`` with, for each chosen sentence of an amended document, the item among
    ``sentences`` of the notice amending it that rewrites it, and for each chosen item of an
    amending notice, the sentence among ``sentences`` of the document it rewrites. Each
    counterpart follows its sentence.

    ``after_only``: the question asks of the document as amended ("修改后的办法…是多少"),
    not what the rule was. An item is then quoted without the sentence it rewrote, and a
    rewritten sentence gives way to the item rewriting it, unless what the item leaves of it
    answers too (``_says_more``; ``holds``: whether a text holds the kind of value asked;
    ``terms``: the whole question's terms, when the sentence was chosen for one of its asks).

    ``said``: what the conversation's last answer said, when a follow-up asks it again after
    the change ("2025年修改以后呢？"). The items rewriting what it quoted (its words replaced,
    else its article) answer, in place of the amending notices' other sentences.
    """
    pairs = amended_pairs(hits, notices, anywhere=bool(said))
    if not pairs:
        return list(chosen)
    amenders: dict[str, list[str]] = {}
    for amending, bases in pairs.items():
        for base in bases:
            amenders.setdefault(base, []).append(amending)
    items = {nid: rewrites(notices[nid].text) for nid in pairs}
    if said:
        meant = [
            t
            for t in sentences
            if _of(t, hits) in pairs
            and (r := _item_at(items[_of(t, hits)], _span(t, hits))) is not None
            and _said_of(r, said)
        ]
        # (An item of a notice amending the very document the last answer cited by its 文号
        # comes first: "按湘卫疾控发〔2022〕24号…4小时内" then "那修改以后呢？" is 湖南's
        # change, not another province's item on the same figure.)
        own = [
            t
            for t in meant
            if any(
                notices[base].doc_number and notices[base].doc_number in said
                for base in pairs[_of(t, hits)]
                if base in notices
            )
        ]
        if meant:
            # (What the amended document said, the conversation has just said: the item
            # rewriting it answers, beside what other notices say.)
            best = max(own or meant, key=lambda t: t.score)
            # (Each item of that notice rewriting what it said: "现在清单多久调一次，库存要备
            # 多少？" after an answer quoting both rules.)
            also = [
                t
                for t in meant
                if _of(t, hits) == _of(best, hits) and t is not best and not overlaps(t, best)
            ]
            chosen = [
                best,
                *sorted(also, key=lambda t: -t.score),
                *(s for s in chosen if _of(s, hits) not in pairs and _of(s, hits) not in amenders),
            ]
    out: list[Sentence] = []
    for s in chosen:
        nid = hits[s.hit_index].chunk.notice_id
        found: list[Sentence] = []
        if nid in pairs and not said and not after_only:
            # (After the change, what the rule was is what the last answer said.)
            item = _item_at(items[nid], _span(s, hits))
            if item is not None:
                found += [
                    b
                    for base in pairs[nid]
                    if (b := _rewritten(item, base, sentences, hits, notices)) is not None
                ]
        olds: list[str] = []  # the words of ``s`` its items replace
        for amending in amenders.get(nid, ()):
            r = _rewriting(s, items[amending], hits, notices)
            if r is not None:
                at = [t for t in sentences if _of(t, hits) == amending and _holds(t, r, hits)]
                if at:
                    found.append(max(at, key=lambda t: t.score))
                    olds.append(r.old or r.was)
                continue
            # (A supplementary notice may say the rule anew with its new figure.)
            again = [t for t in sentences if _of(t, hits) == amending and restates(t.text, s.text)]
            if again:
                found.append(max(again, key=lambda t: _frame_share(t.text, s.text)))
        # (A sentence saying more of what is asked than the items rewriting it stays: "每月
        # 至少巡检1次…；电池、电极片…30日内更换" when only the 巡检 was rewritten.)
        replaced = (
            after_only
            and nid in amenders
            and found
            and not _says_more(s, found, olds, holds, terms)
        )
        if after_only and not replaced and holds is not None and not said:
            # (The sentence stays, its value as it was: an item rewriting another clause of
            # it — "派驻医师不少于2名" when how long each stays is asked — answers nothing.)
            found = [t for t in found if holds(t.text)]
        if not replaced and not any(overlaps(s, c) for c in out):
            out.append(s)
        for t in found:
            if not any(overlaps(t, c) for c in out):
                out.append(t)
    return out


def heard_as_rewritten(
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    pairs: Mapping[str, Sequence[str]],
) -> list[Sentence]:
    """``sentences`` with each item of an amending notice that rewrites a sentence among
    them scored at least as that sentence is, for a question asking how a rule changed
    ("原来规定多长时间内报告？2025年改了以后呢？"). An item names an article and a figure
    ("二、第四条中的“48小时内”修改为“24小时内”") and shares few words with the question,
    so another item of the notice that does (one adding an article on the same matter)
    would be quoted in its place; the rule it changes is worded as the question is.
    ``with_counterparts`` then brings the sentence it rewrites beside it. ``pairs``: the
    amending notices among the hits and what they amend (``amended_pairs``, anywhere)."""
    if not pairs:
        return list(sentences)
    items = {nid: rewrites(notices[nid].text) for nid in pairs}
    out: list[Sentence] = []
    for t in sentences:
        nid = _of(t, hits)
        item = _item_at(items[nid], _span(t, hits)) if nid in pairs else None
        if item is not None:
            found = [
                b.score
                for base in pairs[nid]
                if (b := _rewritten(item, base, sentences, hits, notices)) is not None
            ]
            if found and max(found) > t.score:
                t = replace(t, score=max(found))
        out.append(t)
    return out


def _says_more(
    s: Sentence,
    items: Sequence[Sentence],
    olds: Sequence[str],
    holds: Callable[[str], bool] | None,
    terms: Collection[str] = (),
) -> bool:
    """Whether a clause of sentence ``s`` that its ``items`` leave as it was (it holds none
    of the words they replace, ``olds``, and is not what one of them says anew) answers:
    it holds a term of the question (``covered``, or of ``terms``: an ask's sentence
    "…协议期限不少于2年" chosen for "陕西的管理办法各是怎么要求的？" holds the question's
    服务协议) and the kind of value asked (``holds``), or, no kind asked, two of its terms."""
    asked = set(s.covered) | set(terms)
    for clause in _CLAUSE.split(s.text):
        plain = nows(simplified(clause))
        if len(plain) < 4 or any(
            old
            and (
                nows(old) in plain
                or plain in nows(old)
                # (its figures, worded otherwise: 不低于85% for 85%以上)
                or ((figures := _figures(old)) and figures <= _figures(clause))
            )
            for old in olds
        ):
            continue
        if any(_frame_share(clause, t.text) >= _RESTATES for t in items):
            continue  # (said anew by an item: "同期主持的…不超过15项" by "…不超过10项")
        shared = len(asked & set(bigrams(simplified(clause))))
        if (holds is not None and shared and holds(clause)) or (holds is None and shared >= 2):
            return True
    return False


_CLAUSE = re.compile(r"[，,；;。：:]")


def _said_of(r: Rewrite, said: str) -> bool:
    """Whether ``said`` quotes what item ``r`` rewrites: the words it replaces, else (an
    item rewriting a whole article) that article by its number."""
    if r.old:
        return nows(r.old) in nows(said)
    return bool(r.article) and any(
        numeral_value(m.group(1)) == r.article for m in ARTICLE_REF.finditer(said)
    )


def _of(s: Sentence, hits: Sequence[Hit]) -> str:
    return hits[s.hit_index].chunk.notice_id


def _span(s: Sentence, hits: Sequence[Hit]) -> tuple[int, int]:
    """The sentence's offsets in its notice's text."""
    base = hits[s.hit_index].chunk.start
    return base + s.start, base + s.end


def _holds(s: Sentence, r: Rewrite, hits: Sequence[Hit]) -> bool:
    start, end = _span(s, hits)
    return start <= r.start < end


def _item_at(items: Sequence[Rewrite], span: tuple[int, int]) -> Rewrite | None:
    start, end = span
    return next((r for r in items if start <= r.start < end), None)


def _rewritten(
    item: Rewrite,
    base: str,
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
) -> Sentence | None:
    """The sentence of ``base`` that ``item`` rewrites: the best holding the words it
    replaces, else the best of the article it names."""
    own = [t for t in sentences if _of(t, hits) == base]
    if item.old:
        holding = [t for t in own if nows(item.old) in nows(t.text)]
        if holding:
            return max(holding, key=lambda t: t.score)
    if not item.article:
        return None
    text = notices[base].text
    within = [
        t
        for t in own
        if (a := article_at(text, _span(t, hits)[0])) is not None and a.number == item.article
    ]
    return max(within, key=lambda t: t.score) if within else None


def _rewriting(
    s: Sentence, items: Sequence[Rewrite], hits: Sequence[Hit], notices: Mapping[str, Notice]
) -> Rewrite | None:
    """The item rewriting sentence ``s`` of an amended document: one replacing words it
    holds, else one rewriting its whole article, else one of its article replacing
    figures it holds, worded otherwise ("第七条的…达标率由85%以上提高到93%以上" rewrites "第七条
    …达标率不低于85%")."""
    said = nows(s.text)
    at = article_at(notices[_of(s, hits)].text, _span(s, hits)[0])
    number = at.number if at is not None else 0
    for r in items:
        if r.old and nows(r.old) in said and (not r.article or not number or r.article == number):
            return r
    if not number:
        return None
    whole = next((r for r in items if not r.old and r.article == number), None)
    if whole is not None:
        return whole
    figures = _figures(s.text)
    return next(
        (r for r in items if r.article == number and (old := _figures(r.old)) and old <= figures),
        None,
    )
