"""What a question pins down (``Constraints``) and one constraint an answer misses (``Unmet``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Constraints:
    """What a question pins down."""

    places: tuple[str, ...] = ()  # province short names of the provinces and cities named
    years: tuple[int, int] | None = None  # inclusive
    titles: tuple[str, ...] = ()  # documents named in 《》
    values: tuple[str, ...] = ()  # kinds of value asked for (keys of values.VALUE_KINDS)
    about_metadata: bool = False  # asks who issued a notice, when, or its 文号
    about_notice: bool = False  # asks which notice says or publishes something
    subject: tuple[str, ...] = ()  # the question's subject words (questions.question_words)
    question: str = ""
    doc_numbers: tuple[str, ...] = ()  # 文号 named, normalised
    # Bodies named as issuing a document ("国家医保局印发的《X》"), each with the 《title》
    # it is said to have issued ("" when not named in 《》, "关于" when the body heads the
    # title the question writes out: named_issuers).
    issuers: tuple[tuple[str, str], ...] = ()
    # The places held only by a city named bare, where the asker is ("我在喀什…"): a
    # national rule answers there too (questions.bare_cities).
    located: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unmet:
    """One constraint the cited evidence does not meet, said for the reader."""

    # place / year / batch / title / issuer / value / attachment / reported (a document only
    # reported on, asked what it provides) / mentioned (a note)
    kind: str
    wanted: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "wanted": self.wanted, "message": self.message}
