"""The attachment stage: a cover letter or a notice's list of attachments standing in for an
attachment whose text the index does not hold."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rag.answer.constraints.documents import NAMED_TITLE, names_document
from rag.answer.constraints.records import Constraints, Unmet
from rag.answer.records import Citation
from rag.answer.text import fold_name
from rag.grammar import DOC_KINDS
from rag.places import PROVINCES
from rag.records import Notice

# A cover letter that publishes an attachment: "关于印发《X》的通知", "现将《X》印发给你们".
# A call for comments on a draft publishes it the same way: "公开征求《X（征求意见稿）》意见",
# "关于X（征求意见稿）公开征求意见的公告", the draft "（见附件）".
_COVER_TITLE = re.compile(
    r"关于(?:发布实施|印发实施|印发|发布|颁布|推广)(.+?)的(?:通知|函)"
    r"|征求(《[^《》]+》)(?:[（(]征求意见稿[）)])?的?意见"
    r"|关于(.+?[（(]征求意见稿[）)])(?:公开)?征求意见"
    r"|(《[^《》]+[（(]征求意见稿[）)]》)(?:公开)?征求意见"
)
_HANDS_OVER = re.compile(
    r"印发给你们|现(将|把|予)?印发|现将.{0,60}印发"
    # (the document goes with the letter: 随文印发, 随本通知一并印发)
    r"|随(?:本|此)?(?:文|通知|文件)(?:一并)?印发"
    # (制定了《X》，作为附件一并印发)
    r"|(?:作为|以)附件(?:形式)?(?:一并)?(?:印发|下发|发布)"
    r"|[（(](?:详)?见附件\d?[）)]|现(向社会)?(公开|广泛)?征求(社会各界|各单位)?意见"
)
# A notice's list of attachments ("附件：1.…方案 2.…名单"): it names them, and says nothing
# of what they hold.
_ATTACHMENT_LIST = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]")
# An item of that list quoted on its own ("2. 医疗机构废弃物专项整治执法案件汇总表").
_LISTED_ITEM = re.compile(r"^\s*\d+\s*[.．、]\s*[^。；;]*$")
# A question about the attachments themselves (有哪些附件, 附件几是什么, 附件叫什么).
_ASKS_ATTACHMENTS = re.compile(
    r"(哪些|哪几个|几个|多少个|什么)附件|附件\s*[\d一二三四五六七八九十几]*\s*(是|叫|为)(什么|哪)"
    r"|附件[^，,。？?]{0,6}(名称|标题|题目|名字)"
)
# An item of a list of attachments, on the list's first line or a line of its own
# ("附件：1. 湖南省…清单", "      2. 湖南省…清单", "附件2：…名单").
_LIST_HEAD = re.compile(r"^\s*附\s*件\s*(\d*)\s*[:：]\s*(?:(\d+)\s*[.．、]\s*)?(.*?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(\d+)\s*[.．、]\s*(.+?)\s*$")
# A heading of an attachment's own text ("附件1", "附件 2：").
_ATTACHMENT_HEADING = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
# A sentence that leaves what it is about to an attachment: "（名单见附件2）", "具体申报资料及流程
# 见附件", "中选企业及品种详见附件". What stands before it in its clause is what is left there.
_DEFERS = re.compile(r"([^，,。；;：:（(]*?)[（(]?\s*(?:详见|参见|见)\s*附\s*件\s*(\d*)")
# A question asking for the items of a list or for specifics: which ones, what materials,
# what steps.
_ASKS_ITEMS = re.compile(
    r"哪些|哪几|名单|清单|具体(是|有|包括|为)"
    r"|什么(材料|资料|条件|流程|程序|格式|样式|品种|项目|内容)|流程|程序|格式|样式"
)
# What a deferring clause says the attachment lists: "名单见附件2", "具体事项详见附件3",
# "中选企业及品种详见附件" (not "…个性化康复服务（详见附件）", which only points to details).
_LIST_NOUN = re.compile(
    r"(名单|清单|目录|事项|品种|资料|材料|流程|职责|表|框架|指标体系|文书|格式|样式|模板|范本)$"
)
# A list in a sentence ("远程心电监测、远程病理会诊"), not a heading's number ("一、").
_ENUMERATES = re.compile(r"(?<![一二三四五六七八九十\d\s])、")
# Words of a deferring clause that name no subject of their own.
_DEFER_FILLER = re.compile(r"具体|有关|相关|事项|内容|情况|要求|详细|等")
# Asking who issued the letter or when: the letter answers that itself.
_ABOUT_ISSUE = re.compile(
    r"(谁|哪|几|什么|多少)[^，,。？?]{0,8}(起草|制定|印发|发布|出台|下发)"
    r"|(起草|制定|印发|发布|出台|下发)(了|的)?(是)?(什么|哪)|什么时候|何时|哪天|哪一天|几月几日"
)
_NOT_REPORTED = r"(?<!报给)(?<!报送)(?<!送给)(?<!通报)(?<!报告)"
# What a cover letter says of itself, beside handing the attachment over: who drew it up or
# issued it, when, why, and where comments go. A question asking anything else asks what
# the attachment says.
_ABOUT_LETTER = re.compile(
    # (not whom a result is reported to: "会商结论要通报给哪些部门" asks what the attachment
    # says; "是发给哪些单位的" asks whom the letter went to)
    _ABOUT_ISSUE.pattern
    + r"|谁|"
    + _NOT_REPORTED
    + r"哪(?:个|些)(?:部门|单位)|"
    + _NOT_REPORTED
    + r"哪个机构|截止"
    r"|反馈|邮箱|联系(人|方式|电话)|寄到|寄往|寄给|寄送|邮寄|(?:提交|交|送)(?:到|至)哪"
    r"|目的|为什么|为何|依据的?(是|什么|哪)|审议|审定|批准"
    # (哪些地方据此出了文件: the documents a letter rests on, which it says itself)
    r"|据此|配套"
    # (在哪些方案的基础上制定的: what the letter says the attachment was drawn up from)
    r"|基础上"
)
_FULL_SENTENCE = re.compile(r"[^。！？\n]{15,}[。！？]")


@dataclass(frozen=True)
class Attachment:
    """One item of a notice's list of attachments."""

    label: str  # its number ("1", "2"), "" for a lone attachment
    name: str
    held: bool  # its text follows in the notice


def attachments_of(notice: Notice) -> tuple[Attachment, ...]:
    """The attachments ``notice`` lists, each with whether its text is in the notice."""
    return _attachments_in(notice.text)


@functools.lru_cache(maxsize=2048)
def _attachments_in(text: str) -> tuple[Attachment, ...]:
    lines = text.splitlines()
    items: list[tuple[str, str, int]] = []  # label, name, line of the list
    listing = False
    for i, line in enumerate(lines):
        head = _LIST_HEAD.match(line)
        if head and head.group(3):
            label = head.group(1) or head.group(2) or ""
            items.append((label, head.group(3), i))
            listing = bool(head.group(2))
            continue
        if not line.strip():
            continue
        item = _LIST_ITEM.match(line) if listing else None
        if item and not _FULL_SENTENCE.search(line):
            items.append((item.group(1), item.group(2), i))
        else:
            listing = False
    out: list[Attachment] = []
    for label, name, at in items:
        want = fold_name(name)[:10]
        held = False
        for j in range(at + 1, len(lines)):
            line = fold_name(_LIST_HEAD.sub(r"\3", lines[j]))
            if len(want) >= 4 and line.startswith(want) and not _LIST_ITEM.match(lines[j]):
                rest = "\n".join(lines[j + 1 :])
                if len(_FULL_SENTENCE.findall(rest)) >= 3:
                    held = True
                    break
        out.append(Attachment(label, name.strip(), held))
    return tuple(out)


def _missing_named(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """The question names an attachment a cited notice lists without its text, and asks
    what it holds ("…重点任务分工表把…分给了哪些部门", "附件里的…清单都有哪些品种")."""
    asked = fold_name(constraints.question)
    if _ASKS_ATTACHMENTS.search(constraints.question) or _ABOUT_ISSUE.search(asked):
        return []
    for c in citations:
        notice = notices.get(c.notice_id)
        if notice is None:
            continue
        title = fold_name(notice.title)
        for a in attachments_of(notice):
            tail = _own_tail(fold_name(a.name), title)
            if a.held or not tail or tail not in asked:
                continue
            if tail in _body(notice.text):
                continue  # the notice's own text speaks of it ("对记分通知书有异议的…")
            if fold_name(a.name) in asked or _said_in(a.name, asked):
                label = f"附件{a.label}" if a.label else "附件"
                message = f"所引通知只列出{label}《{a.name}》，其正文未收录"
                return [Unmet("attachment", a.name, message)]
    return []


@functools.lru_cache(maxsize=512)
def _body(text: str) -> str:
    """A notice's text without its list of attachments, folded."""
    lines = text.splitlines()
    return fold_name(
        "\n".join(x for x in lines if not (_LIST_HEAD.match(x) or _LIST_ITEM.match(x)))
    )


def _own_tail(name: str, title: str) -> str:
    """The shortest ending of an attachment's ``name`` (four characters at least) that the
    notice's ``title`` does not hold ("…重点任务分工" → 任务分工): what tells the attachment
    apart from the notice. "" when the title holds the whole name (the document a cover
    letter publishes)."""
    for k in range(4, len(name) + 1):
        if name[-k:] not in title:
            return name[-k:]
    return ""


def _deferred(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """A cited notice leaves what the question asks for to an attachment it does not hold.

    The question asks for items or specifics; a sentence of the notice says a list is in
    the attachment ("名单见附件2", "具体申报资料及流程见附件"); and either that sentence is the
    quote sharing most of the question's words, or it names two of them. A sentence that
    names the items itself before pointing to the attachment answers.
    """
    asked = constraints.question
    if not _ASKS_ITEMS.search(asked) or _ASKS_ATTACHMENTS.search(asked):
        return []
    words = [fold_name(w) for w in constraints.subject if len(w) >= 2]

    def shared(text: str) -> int:
        text = fold_name(text)
        return sum(w in text for w in words)

    best = max((shared(c.quote) for c in citations), default=0)
    for c in citations:
        notice = notices.get(c.notice_id)
        if notice is None:
            continue
        listed = attachments_of(notice)
        for m in _DEFERS.finditer(notice.text):
            label = m.group(2)
            known = [a for a in listed if a.label == label or not label]
            if any(a.held for a in known):
                continue
            sentence = re.split(r"[。！？；;]", notice.text[: m.start(2)])[-1]
            items = [fold_name(x)[-4:] for x in re.split(r"、|和|及|等", m.group(1))]
            named = sum(len(x) == 4 and x in fold_name(asked) for x in items)
            if _ENUMERATES.search(sentence) and named < 2:
                # It names the items itself ("…远程心电监测、…等项目（见附件）"), unless the
                # question names them too and asks what they hold ("知情同意书、临床报告单
                # 都包括哪些栏目").
                continue
            clause = _DEFER_FILLER.sub("", m.group(1))
            quoted = m.group(0) in c.quote or fold_name(m.group(0)) in fold_name(c.quote)
            if not _LIST_NOUN.search(m.group(1).strip()):
                continue
            if (quoted and best and shared(c.quote) >= best) or shared(clause) >= 2:
                name = next((a.name for a in known if a.name), "")
                where = f"附件{label}" + (f"《{name}》" if name else "")
                return [Unmet("attachment", where, f"所问内容见{where}，其正文未收录")]
    return []


# A sentence that leaves what it names to a document: "复核评估的指标、分值和评分方法，按照
# 《…复核评估细则》执行", "查螺方法…和样本送检要求按《工作手册》执行".
_DEFERS_TO = re.compile(
    r"(?:按照|依照|参照|按)\s*(《[^《》]{2,60}》)(?:[（(][^（）()]{0,40}[）)])?"
    r"(?:的?(?:规定|要求))?(?:执行|实施|办理)"
)


def _deferred_to_document(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """A quoted sentence leaves what the question asks for to a document whose text the
    index does not hold ("叶酸发放流程、发放登记表式…按照《实施细则》执行" asked which items the
    登记表 has): the sentence names the things asked, not what they are.

    The clause before 按照 must name two of the question's subject words beyond the
    document's own name, and either the question names the document or that quote is the
    one sharing most of the question's words. A document is held when some notice of the
    index is it, or publishes it with its text.
    """
    asked = fold_name(constraints.question)
    if _ABOUT_ISSUE.search(asked) or _ASKS_ATTACHMENTS.search(constraints.question):
        return []
    words = [fold_name(w) for w in constraints.subject if len(w) >= 2]

    def shared(text: str, leave: str = "") -> int:
        text = fold_name(text)
        return sum(w in text and w not in leave for w in words)

    best = max((shared(c.quote) for c in citations), default=0)
    held: dict[str, bool] = {}
    for c in citations:
        notice = notices.get(c.notice_id)
        if notice is None:
            continue
        for m in _DEFERS_TO.finditer(c.quote):
            name = _resolved(m.group(1), notice)
            core = fold_name(name).strip("《》")
            if len(core) >= 4 and core not in held:
                # (each document is looked for among the index's notices once per answer)
                held[core] = _held_anywhere(core, notices)
            if len(core) < 4 or held[core]:
                continue
            sentence = re.split(r"[。！？；;]", c.quote[: m.start()])[-1]
            clause = re.split(r"[，,]", sentence.rstrip("，, "))[-1]
            if shared(clause, core) < 2:
                continue
            if _said_in(core, asked) or shared(c.quote) >= best:
                return [Unmet("attachment", name, f"所问内容按{name}执行，其正文未收录")]
    return []


def _resolved(name: str, notice: Notice) -> str:
    """A document's short name (《实施细则》, 《工作手册》) as the notice names it in full: the
    document it publishes or lists as an attachment whose name ends so; else ``name``."""
    short = fold_name(name).strip("《》")
    candidates = [_published(notice.title), *(a.name for a in attachments_of(notice))]
    for full in filter(None, candidates):
        folded = fold_name(full).strip("《》")
        if folded != short and folded.endswith(short):
            return full if full.startswith("《") else f"《{full}》"
    return name


def _held_anywhere(core: str, notices: Mapping[str, Notice]) -> bool:
    """Whether some notice of the index is the document ``core`` (folded, without 《》) or
    holds its text: a title naming it that is not a cover letter publishing it, or a cover
    letter or list of attachments that carries its text."""
    for n in notices.values():
        if not names_document(n.title, core):
            continue
        published = fold_name(_published(n.title)).strip("《》")
        if not published or core not in published:
            return True  # the document itself, or one holding it by name
        listed = [a for a in attachments_of(n) if core in fold_name(a.name)]
        if any(a.held for a in listed) or (not listed and not _missing_attachment(n)):
            return True  # a cover letter followed by the document's text
    return False


def unmet_attachments(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """A cover letter standing in for the attachment it publishes, which the index lacks.

    Either the question names the attachment and the answer leads with the cover letter,
    or every quote is the sentence handing the attachment over.
    """
    found = (
        _missing_named(constraints, citations, notices)
        or _deferred(constraints, citations, notices)
        or _deferred_to_document(constraints, citations, notices)
    )
    if found:
        return found
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
    asked = fold_name(constraints.question)

    def asked_of(attachment: str) -> bool:
        return bool(attachment) and (
            any(names_document(attachment, t) for t in constraints.titles)
            or fold_name(attachment) in asked
            or any(_said_in(part, asked) for part in NAMED_TITLE.findall(attachment))
        )

    lead = missing.get(citations[0].notice_id, "")
    named = asked_of(lead)
    if not named:
        # "《滨海新区医疗美容机构“一码通查”服务规范》里…" names by its 《title》 the attachment
        # a cited letter publishes without its text, which no notice of the index holds:
        # what the other cited notices say is of other documents.
        lead = next(
            (
                m
                for m in missing.values()
                if asked_of(m)
                and any(names_document(m, t) for t in constraints.titles)
                and not _held_anywhere(fold_name(m).strip("《》"), notices)
            ),
            "",
        )
        named = bool(lead)
    handed = all(missing.values()) and all(_HANDS_OVER.search(c.quote) for c in citations)
    if not (named or handed):
        return _named_elsewhere(constraints, citations, notices)
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
        # (the letters' own quotes: another notice's rule is no passage of the letter; nor
        # is the sentence handing the attachment over, which says what it is about — "针对
        # …巡诊记录不完整等问题，我委制定了《X》，随文印发" — not what it says)
        quotes = "".join(
            fold_name(c.quote)
            for c in citations
            if missing.get(c.notice_id) and not _HANDS_OVER.search(c.quote)
        )
        if beyond and 2 * sum(fold_name(w) in quotes for w in beyond) >= len(beyond):
            return []
    names = lead if named else "、".join(dict.fromkeys(m for m in missing.values() if m))
    return [Unmet("attachment", names, f"印发通知在库中，附件{names}的正文未收录")]


def _named_elsewhere(
    constraints: Constraints, citations: Sequence[Citation], notices: Mapping[str, Notice]
) -> list[Unmet]:
    """The question names, without its 《》, an attachment another notice of the index
    publishes without its text ("公共卫生防控救治能力建设方案要求…" over the letter 关于印发公共
    卫生防控救治能力建设方案的通知), and no cited notice names it: the answer stands in a
    different document for the one asked about."""
    asked = fold_name(constraints.question)
    cited: str | None = None  # the cited notices' folded texts, read once when first needed
    for notice in notices.values():
        name = _missing_attachment(notice)
        if not (name and _named_whole(name, asked)):
            continue
        if cited is None:
            cited = "".join(
                fold_name(notices[c.notice_id].text) for c in citations if c.notice_id in notices
            )
        if fold_name(name).strip("《》") not in cited:
            return [
                Unmet(
                    "attachment",
                    name,
                    f"印发通知{notice.doc_number or '《' + notice.title + '》'}在库中，"
                    f"附件{name}的正文未收录",
                )
            ]
    return []


def _named_whole(name: str, asked: str) -> bool:
    """Whether the question writes out the name, its place aside ("公共卫生防控救治能力建设
    方案", "互联网医院管理办法（试行）" for 《海南省互联网医院管理办法（试行）》): a name's
    shared tail (管理办法（试行）) names no one document."""
    core = fold_name(name).strip("《》")
    core = _PLACE_HEAD.sub("", core)
    return len(core) >= 8 and core in asked


_PLACE_HEAD = re.compile("^(?:" + "|".join(PROVINCES) + r")(?:省|市|(?:[^省市]{0,4}?)?自治区)?")


@functools.lru_cache(maxsize=8192)
def _missing_attachment(notice: Notice) -> str:
    return attachment_missing(notice)


def _said_in(name: str, asked: str) -> bool:
    """Whether the question names the document ``name`` without its 《》, in its own
    shortening ("海南远程医疗中心…指南" for 《海南省远程医疗中心…指南》): one stretch of at least
    half the name (six characters at least) stands in the question, and so does the kind of
    document the name ends with (…指南): "做临床营养质量评价" names the topic of 《…临床营养
    质量评价细则》, not the 细则."""
    name = fold_name(name)
    need = max(6, len(name) // 2)
    kind = _KIND_AT_END.search(name)
    if kind and kind.group(1) not in asked:
        return False
    return any(name[i : i + need] in asked for i in range(len(name) - need + 1))


# The kind of document a name ends with, before an edition's bracket (…办法（试行）).
_KIND_AT_END = re.compile(rf"({DOC_KINDS})(?:[（(〔][^（()）〔〕]*[）)〕])?$")


def _published(title: str) -> str:
    """The document a cover letter's ``title`` publishes (关于印发《X》的通知 → 《X》), as the
    title writes it; "" for a title that publishes none."""
    m = _COVER_TITLE.search(title)
    return next(g for g in m.groups() if g) if m else ""


def lists_attachments(sentence: str, question: str) -> bool:
    """Whether ``sentence`` is a notice's list of attachments ("附件：…细则") and ``question``
    does not ask what the attachments are: the list names documents and says nothing of
    what they hold."""
    return bool(_ATTACHMENT_LIST.match(sentence)) and not _ASKS_ATTACHMENTS.search(question)


def attachment_missing(notice: Notice) -> str:
    """The attachment a cover letter publishes when the index holds only the letter, else "".

    A cover letter (关于印发X的通知) whose text, after the sentence handing X over, has fewer
    than three full sentences: what follows is the signature and the attachment's name; or
    one that lists X as its attachment and holds no text of it after the list.
    """
    name = _published(notice.title)
    if not name:
        return ""
    text = notice.text
    hand = _HANDS_OVER.search(text)
    name = name if name.startswith("《") else f"《{name}》"
    if hand is None:
        # ("我委制定了《X》，有关事项通知如下" and X listed as its attachment without its text:
        # the letter says things of its own, and X is still not in the index)
        return name if _lists_unheld(notice, name) else ""
    if len(_FULL_SENTENCE.findall(text[hand.end() :])) >= 3 and not _lists_unheld(notice, name):
        return ""
    return name


def _lists_unheld(notice: Notice, name: str) -> bool:
    """Whether ``notice``'s list of attachments names the document ``name`` it publishes
    without holding its text ("附件：宜昌市…建设规范.pdf" under a letter of four items of its
    own): the letter says things of its own, and the document is still not in the index."""
    core = fold_name(name).strip("《》")
    if len(core) < 4 or not any(
        not a.held and (core in fold_name(a.name) or fold_name(a.name) in core)
        for a in attachments_of(notice)
        if len(fold_name(a.name)) >= 4
    ):
        return False
    # (Text of its own after the list, even without the document's name as its heading,
    # is the document.)
    lines = notice.text.splitlines()
    at = max((i for i, line in enumerate(lines) if _LIST_HEAD.match(line)), default=len(lines))
    return len(_FULL_SENTENCE.findall("\n".join(lines[at + 1 :]))) < 3
