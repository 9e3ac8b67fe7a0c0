"""The order of the passages a search returns: what the first ``answer_k`` (what an
answer reads) must hold besides the fused ranking — each place a question asks of in turn
(``_each_place``), each ask's own notice (``_each_ask``), the first notice's passage for each
ask (``_lead_passages``, ``_each_passage``). A mixin of ``Retriever``, reading the index
through ``_Ordered``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from rag.places import PROVINCES, city_own

if TYPE_CHECKING:
    from rag.config import Settings
    from rag.lexical import LexicalIndex
    from rag.records import Chunk, Notice


class _Ordered(Protocol):
    """What the ordering steps read of the retriever."""

    settings: Settings
    notices: dict[str, Notice]
    chunks: list[Chunk]
    _notice_of: list[str]
    _chunks_of: dict[str, list[int]]
    _lexical: LexicalIndex

    def _of_place(self, i: int, place: str) -> bool: ...


class PassageOrder:
    """The retriever's steps that put passages among the first ``answer_k``."""

    def _each_place(
        self: _Ordered,
        chosen: list[int],
        order: Sequence[int],
        places: list[str],
        twice_only: bool = False,
    ) -> list[int]:
        """``chosen`` with each of ``places`` read among the first ``answer_k`` passages (what
        an answer reads): the place's best-ranked passage (in ``order``) moves up, or comes
        in, before the lowest-ranked of those whose place is not asked about or is read
        there twice; what it displaces moves down, and the list keeps its length. With
        ``twice_only``, it takes the place of the lowest-ranked of those whose notice is read
        there twice, and that passage moves to just after the first places."""
        out = list(chosen)
        window = min(self.settings.answer_k, len(out))

        def region(i: int) -> str:
            return self.notices[self._notice_of[i]].region

        of_place = self._of_place
        cities = [p for p in places if p not in PROVINCES and p != "全国"]
        for place in places:
            head = out[:window]
            if any(of_place(i, place) for i in head):
                continue
            best = next((i for i in order if of_place(i, place)), None)
            if best is None:
                continue
            slot = next(
                (
                    j
                    for j in range(window - 1, -1, -1)
                    if (
                        sum(self._notice_of[i] == self._notice_of[head[j]] for i in head) > 1
                        if twice_only
                        else region(head[j]) not in places
                        or sum(region(i) == region(head[j]) for i in head) > 1
                    )
                    # (never the one passage read of a city asked of)
                    and not any(
                        of_place(head[j], c) and sum(of_place(i, c) for i in head) == 1
                        for c in cities
                    )
                ),
                None,
            )
            if slot is None:
                continue
            if twice_only:
                # (the second passage it displaces moves to just after the first places, so
                # no notice read there once drops out)
                _put_in(out, best, slot, window)
                continue
            if best in out:
                out.remove(best)
            else:
                out.pop()
            out.insert(slot, best)
        return out

    def _of_place(self: _Ordered, i: int, place: str) -> bool:
        """Whether passage ``i`` is of ``place``: a province (or 全国) by its notice's region;
        a city by the notice being its own (its title or issuer names the city)."""
        notice = self.notices[self._notice_of[i]]
        if place in PROVINCES or place == "全国":
            return notice.region == place
        return city_own(place, notice.title, notice.issuer)

    def _each_ask(
        self: _Ordered, chosen: list[int], best: Sequence[int], places: Sequence[str] = ()
    ) -> list[int]:
        """``chosen`` with the notice of each ask's best passage (``best``, one per ask, from
        the ask's own search) read among the first ``answer_k`` passages: a notice not read
        there comes in at its best passage, in place of the lowest-ranked passage of a notice
        read there twice or no ask's own (what it displaces moves to just after them, so an
        earlier ask's notice is not pushed out; the list keeps its length). Of the
        ``places`` a question asks of in turn (``_each_place``), the one passage read of a
        place gives way only when nothing else can."""
        out = list(chosen)
        window = min(self.settings.answer_k, len(out))
        asked = {self._notice_of[i] for i in best}
        for i in best:
            head = out[:window]
            nid = self._notice_of[i]
            if any(self._notice_of[j] == nid for j in head):
                continue
            notices = [self._notice_of[j] for j in head]
            open_ = [
                j
                for j in range(window - 1, -1, -1)
                if notices[j] not in asked or notices.count(notices[j]) > 1
            ]
            # ("国家通知的要求和湖北省办法的要求一样吗？": the national notice read for 全国.)
            alone = {
                j
                for j in open_
                for p in places
                if self._of_place(head[j], p) and sum(self._of_place(x, p) for x in head) == 1
            }
            slot = next((j for j in open_ if j not in alone), open_[0] if open_ else None)
            if slot is not None:
                _put_in(out, i, slot, window)
        return out

    def _lead_passages(self: _Ordered, chosen: Sequence[int], asks: Sequence[str]) -> list[int]:
        """For a question of several asks ("…每年至少抽查几次？结果多长时间内公开？"), each ask's
        best passage (by the ask's own words) of the notice ranked first, where no passage of
        that notice among the first ``answer_k`` holds the ask nearly as well (``_HELD_SHARE``;
        another notice's passage holding its words is another notice's rule): the whole
        question's ranking may leave out the passage one ask needs. A passage read that writes
        the value an ask asks for is wanted as well: another ask's passage coming in does not
        take its place. An ask for a kind of value (多少钱, 几天内) is held only by a passage
        writing one, where the notice has such a passage holding its words nearly as well as
        its best (``_HELD_SHARE``): "…补助方案里，每个学生最多补多少钱？" is asked of the 方案's
        补助标准 (…最高不超过800元), not of its opening, which holds the title's words."""
        from rag.answer.constraints.values import VALUE_KINDS, asks_value

        members = self._chunks_of.get(self._notice_of[chosen[0]], [])
        read = chosen[: self.settings.answer_k]
        out: list[int] = []
        for a in asks:
            if len(_ASK_WORDS.sub("", a)) < _LEAD_ASK_CHARS:
                continue  # "谁来组织？": too few words of its own to rank passages by
            scores = self._lexical.scores(a)
            kinds = [VALUE_KINDS[kind][1] for kind in asks_value(a)]
            top = max((scores[j] for j in members), default=0.0)
            # (nearly as good a match as the notice's best: a cover letter's 考核得分低于80分
            # does not stand in for the 占多少分 of the 方案 it only names)
            valued = [
                j
                for j in members
                if scores[j] >= _HELD_SHARE * top > 0
                and all(k.search(self.chunks[j].text) for k in kinds)
            ]
            pool = valued if kinds and valued else members
            best = max(pool, key=lambda j: scores[j], default=None)
            if best is None or scores[best] <= 0:
                continue
            in_pool = set(pool)
            held = max((j for j in read if j in in_pool), key=lambda j: scores[j], default=None)
            # (a passage read that writes the value an ask asks for is wanted too, so that
            # another ask's passage coming in does not take its place)
            if held is not None and scores[held] >= _HELD_SHARE * scores[best]:
                if kinds and valued:
                    out.append(held)
            else:
                out.append(best)
        return out

    def _each_passage(
        self: _Ordered,
        chosen: list[int],
        wanted: Sequence[int],
        kept: Sequence[int],
        spare_others: bool = False,
    ) -> list[int]:
        """``chosen`` with each of ``wanted`` (passages of the first passage's notice) read
        among the first ``answer_k`` passages: one not read there comes in, in place of the
        lowest-ranked passage there of that same notice that is neither wanted nor ``kept``
        (never the first); with ``spare_others``, failing that, of a notice no ask's own
        search ranked first. What it displaces moves to just after them and the list keeps
        its length."""
        out = list(chosen)
        window = min(self.settings.answer_k, len(out))
        keep = {*wanted, *kept}
        lead = self._notice_of[out[0]]
        owned = {lead, *(self._notice_of[j] for j in kept)}

        def spare(of: Callable[[str], bool]) -> int | None:
            """The lowest-ranked place in the window (never the first) whose passage is
            neither wanted nor kept and whose notice ``of`` accepts."""
            return next(
                (
                    j
                    for j in range(window - 1, 0, -1)
                    if out[j] not in keep and of(self._notice_of[out[j]])
                ),
                None,
            )

        for i in dict.fromkeys(wanted):
            if i in out[:window]:
                continue
            slot = spare(lambda nid: nid == lead)
            if slot is None and spare_others:
                # No passage of that notice to spare: the lowest-ranked passage of a
                # notice that no ask found first makes room, when the question asks of
                # at most one place.
                slot = spare(lambda nid: nid not in owned)
            if slot is not None:
                _put_in(out, i, slot, window)
        return out


# A passage read holds an ask when it scores this share of the ask's best passage.
_HELD_SHARE = 0.9
# An ask ranks the first notice's passages by its own words when it has this many
# characters besides its asking words and punctuation.
_LEAD_ASK_CHARS = 6
_ASK_WORDS = re.compile(
    r"[\s，,。？?！!、；;：:“”]|什么|哪些|哪个|哪里|多少|多久|多长|怎么|怎样|如何|是否|有没有|要不要"
    r"|能不能|吗|呢|谁|几"
)


def _put_in(out: list[int], passage: int, slot: int, window: int) -> None:
    """Put ``passage`` at ``slot`` of ``out`` (taking it from further down if it is there);
    what stood there moves to just after the first ``window`` and ``out`` keeps its length."""
    length = len(out)
    if passage in out:
        out.remove(passage)
    displaced = out[slot]
    out[slot] = passage
    out.insert(window, displaced)
    del out[length:]
