"""The attachment stage: a cover letter or a notice's list of attachments standing in for an
attachment whose text the index does not hold."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rag.answer.constraints.documents import NAMED_TITLE, names_document
from rag.answer.constraints.records import Constraints, Unmet
from rag.answer.records import Citation
from rag.answer.text import fold_name
from rag.records import Notice

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
_FULL_SENTENCE = re.compile(r"[^。！？\n]{15,}[。！？]")


def unmet_attachments(
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
    asked = fold_name(constraints.question)
    named = bool(lead) and (
        any(names_document(lead, t) for t in constraints.titles)
        or fold_name(lead) in asked
        or any(_said_in(part, asked) for part in NAMED_TITLE.findall(lead))
    )
    handed = all(missing.values()) and all(_HANDS_OVER.search(c.quote) for c in citations)
    if not (named or handed):
        return []
    # The cover letter answers what it says of itself: who drew the attachment up, when,
    # where comments go. The question is read without the attachment's and the letter's
    # names, which hold words such as 征求意见 and 印发.
    rest = asked
    for name in [*missing.values(), *(notices[n].title for n in missing)]:
        rest = rest.replace(fold_name(name), "")
    if _ABOUT_LETTER.search(rest):
        return []
    if named and not handed:
        # A passage of the letter beyond the hand-over may answer: it does when the quotes
        # hold most of the question's subject words beyond the attachment's name and the
        # letter's title (a preamble naming the topic holds a few).
        names_text = fold_name(
            "".join(missing.values()) + "".join(notices[n].title for n in missing)
        )
        beyond = [w for w in constraints.subject if fold_name(w) not in names_text]
        quotes = "".join(fold_name(c.quote) for c in citations)
        if beyond and 2 * sum(fold_name(w) in quotes for w in beyond) >= len(beyond):
            return []
    names = lead if named else "、".join(dict.fromkeys(m for m in missing.values() if m))
    return [Unmet("attachment", names, f"印发通知在库中，附件{names}的正文未收录")]


def _said_in(name: str, asked: str) -> bool:
    """Whether the question names the document ``name`` without its 《》, in its own
    shortening ("海南远程医疗中心…指南" for 《海南省远程医疗中心…指南》): one stretch of at least
    half the name (six characters at least) stands in the question."""
    name = fold_name(name)
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
