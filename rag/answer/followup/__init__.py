"""Follow-up questions: the chat history checked, and a question made to stand alone
without a model. The package's stages: how a follow-up is worded (``wording``), which of the
notices a conversation names it is about (``topics``), and the standalone question it becomes
(``carry``)."""

from rag.answer.followup.carry import Carried, carry, carry_over
from rag.answer.followup.topics import AnsweredBy, ConversationTopics, subject_of
from rag.answer.followup.wording import (
    CHANGE_FRAGMENT,
    asks_nothing_new,
    clean_history,
    edition_year,
    elliptical_part,
    focus_of,
    is_elliptical,
    is_follow_up,
    last_answer,
    last_user_turn,
    leans_on_conversation,
    names_own_anchor,
    opening_fragment,
    points_back,
)

__all__ = [
    "CHANGE_FRAGMENT",
    "AnsweredBy",
    "Carried",
    "ConversationTopics",
    "asks_nothing_new",
    "carry",
    "carry_over",
    "clean_history",
    "edition_year",
    "elliptical_part",
    "focus_of",
    "is_elliptical",
    "is_follow_up",
    "last_answer",
    "last_user_turn",
    "leans_on_conversation",
    "names_own_anchor",
    "opening_fragment",
    "points_back",
    "subject_of",
]
