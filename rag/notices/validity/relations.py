"""Which documents a notice repeals, amends or implements, read from its text.

Repeals (《X》同时废止, …号 失效, 决定废止以下文件：), amendments (对《X》作如下修改, what becomes
of X's text: 《X》第N条…修改为, and an edit list under a lead naming X whose items change its
provisions) and implementation (根据 / 按照 / 贯彻落实《X》（文号）…结合本地实际, in the
notice's opening sentences or before its own work: :mod:`rag.notices.validity.basis`). Each
relation keeps the sentence it was read from; :func:`read_relations` is the stage of
:func:`rag.notices.validity.read_validity` that reads them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rag.docno import find_doc_numbers
from rag.grammar import (
    DOC_KINDS,
    HEADING_NUMERALS,
    HEADING_START,
    NUMBER_START,
    READING_TITLE,
    clause_end,
    simplified,
)
from rag.notices.validity.basis import (
    ANAPHOR,
    ATTACHED_WORK,
    BACKGROUND,
    OWN_WORK_STRONG,
    TITLE,
    TITLE_IMPLEMENTS,
    basis_segments,
    forwarded,
    opening_sentences,
)
from rag.records import Notice

RelationName = Literal["repeals", "amends", "implements"]

_REPEAL = re.compile(
    r"(?:同时|一并|相应)?(?:废止|失效|作废|停止执行|不再执行|予以撤销|停止施行|不再施行|停止使用"
    r"|终止执行|终止实施|失去效力)"
)
# 决定废止以下文件： / 下列文件同时废止： — the documents are the list items that follow.
_REPEAL_LIST = re.compile(
    rf"(?:{_REPEAL.pattern})[^。；]{{0,12}}?(?:以下|下列|如下)"
    rf"|(?:以下|下列)[^。；]{{0,20}}?(?:{_REPEAL.pattern})"
)
# …的2件规范性文件予以废止： the documents are the list items that follow.
_REPEAL_BEFORE_COLON = re.compile(rf"(?:{_REPEAL.pattern})\s*[：:]$")
# 即行废止的规范性文件目录: a heading line, the documents are the items under it.
_REPEAL_HEADING = re.compile(
    rf"^[^。；，,：:]{{0,20}}(?:{_REPEAL.pattern})的?[^。；，,：:]{{0,20}}"
    r"(?:目录|清单|名单|文件)(?:\s*[（(]\d+件[）)])?$"
)
# 决定撤销该通知 / 上述文件同时废止: a repeal of the document named before.
_REPEAL_THAT = re.compile(rf"(?:撤销|{_REPEAL.pattern})\s*(?:该|此)(?:{DOC_KINDS}|文件)\s*[。；]?$")
# A news report's opening (本报讯, 记者, 近日，某局印发《X》…).
_NEWS_OPENING = re.compile(
    r"本报讯|记者|通讯员|(?:近日|日前|近期)[，,][^。；]{0,60}?(?:印发|出台|发布|制定)"
    # a meeting's report: 11月6日，市医保局召开…推进会 / 会议指出，…
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[，,][^。；]{0,40}?召开"
    r"|会议(?:指出|强调|要求|认为|明确)"
)
# Reported speech (有关负责人表示，…同时废止 / 据介绍): a news report of what a notice does.
_REPORTED = re.compile(
    r"(?:负责人|记者|据)[^。；]{0,12}?(?:表示|介绍|指出|说|了解到|获悉)|据悉|据了解|记者"
    # 近日，X联合印发《Y》…，明确…原《Z》同时废止: news of another body's notice
    r"|^\s*(?:近日|日前|近期)[，,][^。；]{0,60}?(?:印发|出台|发布)"
    # 4月，县卫生健康局联合印发《X》… / 5月，我局修订了《X》…: a work report's narrative
    r"|^\s*(?:[一二三四五六七八九十]+、[^。；]{0,16}?。)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:份|上旬|中旬|下旬|底)?[，,][^。；]{0,60}?(?:印发|出台|发布|修订了|修改了)"
    # 2023年以来，省中医药管理局转发了《X》，并明确《Y》即行废止: a year's narrative
    r"|^\s*\d{4}年(?:以来|初|底|末|上半年|下半年)?[，,][^。；]{0,60}?"
    r"(?:(?:印发|出台|发布|转发)了|修订了|修改了)"
)
# A table row's last cell that repeals the document of its row (清理意见: 宣布失效 / 废止).
_REPEAL_CELL = re.compile(r"^(?:宣布失效|失效|废止|即行废止|予以废止|停止执行)$")
# A table whose header or title says its rows change provisions (修改情况表, 现行表述 / 新表述).
_CHANGE_TABLE = re.compile(r"修改|修订|现行表述|新表述|调整前|调整后|原表述")
# A clause naming only a part of a document (原附件2, 第三条).
_PART_ONLY = re.compile(rf"附[件表]\s*\d|第[{HEADING_NUMERALS}\d]+[条款项]")
# 已于2020年废止 / 已经失效 / 拟废止: a fact about, or a plan for, another document.
_NOT_THIS_REPEAL = re.compile(
    r"(?:已|拟)(?:经|于|被)?[^，,。；《》]{0,12}$"
    # 待《X》出台后一并废止 (a plan), 有效期已届满，按规定自然失效 (it lapsed by itself)
    r"|待[^。；]{0,40}(?:后|时)[^，,。；]{0,6}$|(?:届满|到期)[^。；]{0,20}$|自然$"
)
# What a provision becomes (修改为 / 调整为 / 改按 …), and a value moved from one figure to
# another (由“30个工作日”缩短为“15个工作日”, 由…下调至…).
_BECOMES = (
    r"替换为|修改为|修订为|调整为|改为|改按|更正为|勘误为|更改为|变更为|更新为"
    # “…”有误，应为“…” (a correction)
    r"|有误[，,]?\s*应(?:为|改为|更正为)"
)
_MOVED = (
    r"由[^。；]{0,40}?(?:下调|上调|提高|降低|延长|缩短|调减|调增|调整|放宽|增加|减少)(?:至|为|到)"
)
# 《A》（…号）和《B》（…号）: documents named together, each with its asides.
_JOINED = (
    r"《[^》]{2,80}》(?:\s*[（(][^（()）]*[）)])?"
    r"(?:\s*(?:和|、|及|与|以及)\s*《[^》]{2,80}》(?:\s*[（(][^（()）]*[）)])?)*"
)
# A list item's note of what replaces it (已被《Y》替代, 由《Y》取代).
_REPLACED_BY = re.compile(
    r"(?:已|现)?(?:被|由)\s*《[^》]{2,80}》[^。；｜|\t]{0,6}?(?:所)?(?:替代|取代|代替|替换)"
)
# A term extended: 有效期延长至…, 有效期再次延长至…, 试行期延长两年（，至…止）, 试行期延至….
_EXTENDED = (
    r"(?:有效期|执行期限?|试行期)(?:再次|再|继续|又)?(?:延长|延续|顺延|延(?=至|到))"
    r"(?:至|到|[一二三四五六七八九十两\d]+(?:个)?(?:年|月|个月))"
)
# 将该细则有效期延长至… / 对该办法作如下修改 / 该办法第八条…修改为: a change of the document
# named before (by 该 / 此 and its kind).
_AMEND_THAT = re.compile(
    rf"(?:该|此)(?:{DOC_KINDS}|文件)[^。；]{{0,40}}?"
    rf"(?:{_EXTENDED}|作如下修改|予以修改|(?:进行了?|作出了?|作了)(?:相应的?)?(?:修改|修订)|{_BECOMES})"
)
# The kind of document 该 / 此 points back at (该办法 → 办法).
_THAT_KIND = re.compile(rf"(?:该|此)({DOC_KINDS}|文件)")
# 对《X》作如下修改 / 将《X》第三条修改为 / 《X》第五条修改为…
_AMEND = re.compile(
    r"(?:对|将)\s*(?P<t>《[^》]{2,80}》)[^。；]{0,40}?(?:作如下|作出如下|进行|予以)?"
    r"(?:修改|修订|修正|补充规定)"
    # 对《X》作两处改动
    r"|(?:对|将)\s*《[^》]{2,80}》[^。；《》]{0,20}?(?:作|进行)[^。；《》]{0,4}改动"
    # 对《X》（…号）附件中5个病种的年度支付限额予以调整
    rf"|对\s*{_JOINED}[^。；《》]{{0,40}}?(?:予以|进行了?|作出了?|作)(?:相应|如下|以下)?调整"
    # 对《X》（…号）部分内容进行调整
    r"|对\s*《[^》]{2,80}》[^。；《》]{0,30}?(?:部分|有关|个别)(?:内容|条款|规定)"
    r"(?:进行|予以|作)?(?:调整|修改|修订)"
    rf"|《[^》]{{2,80}}》[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+条[^。；《》]{{0,40}}?"
    r"(?:修改为|修订为|改为|调整为)"
    # 《X》（…号）删去第十九条 / 增加一条，作为第十五条
    rf"|《[^》]{{2,80}}》[^。；《》]{{0,30}}?(?:删去|删除|增加|增设|新增)"
    rf"(?:第[{HEADING_NUMERALS}\d]+[条款项]|一条|一款|一项)"
    # 现对《X》（…号）有关规定调整如下：
    rf"|对\s*{_JOINED}[^。；《》]{{0,40}}?(?:调整|修改|修订)如下"
    # 《X》（…号）以下条款予以修订： / 《X》部分条款作如下修改
    r"|《[^》]{2,80}》[^。；《》]{0,30}?(?:以下|下列|部分|个别|有关)条款"
    r"(?:予以|作如下|作出如下|进行)?(?:修改|修订|修正)"
)
# 《X》…第N条第N项中的“…”替换为“…” / 在《X》第N条后增加… / 对《X》附件作相应调整 / 更正:
# a change of X's own text by a verb that says what becomes of it. Not when 《X》 is the
# basis the change follows (按照《X》规定，将…调整为…), nor a revision to come (待《X》修订后).
_AMEND_TEXT = re.compile(
    rf"《[^》]{{2,80}}》[^。；《》]{{0,80}}?(?:{_BECOMES}|删除|删去|{_MOVED})"
    # 将《X》（…号）有效期延长至…: X's own term changed
    rf"|《[^》]{{2,80}}》[^。；《》]{{0,30}}?{_EXTENDED}"
    # 《X》第五条第一款“…”之后增加“…”
    r"|《[^》]{2,80}》[^。；《》]{0,60}?”\s*(?:之后|后)(?:增加|增写|插入|补充)"
    r"|在\s*《[^》]{2,80}》[^。；《》]{0,30}?(?:后|中|之后)(?:增加|增设|新增|补充)"
    r"|对\s*《[^》]{2,80}》[^。；《》]{0,40}?作(?:相应|如下|以下)?(?:调整|修改|修订|修正|更正)"
)
_BASIS_BEFORE = re.compile(r"(?:根据|按照|依据|依照|参照|遵照|贯彻|落实|待|执行)[^。；，,]{0,12}$")
# 《X》（…号）第五条第（四）项不再执行: one provision of X stops, the rest of X holds — an
# amendment of X, not its repeal.
_PARTIAL_REPEAL = re.compile(
    rf"《[^》]{{2,80}}》(?:[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+[条款项]"
    rf"(?:第?[（(]?[{HEADING_NUMERALS}\d]+[）)]?[款项])?[^。；《》]{{0,6}}?"
    # 《X》第三部分“过渡期安排”，因…，自…起废止
    rf"|[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+部分[^。；《》]{{0,30}}?"
    # 《X》（…号）附件2《…申请表》自2025年1月1日起停止使用: one attachment of X, right
    # after X and its 文号 (not 《X》（…号附件）同时废止: X is the attachment of that notice,
    # and goes whole)
    r"|(?:\s*[（(][^（()）]*[）)])?\s*附[件表]\s*(?:\d+\s*(?:《[^》]{1,60}》)?|《[^》]{1,60}》)"
    r"[^。；《》）)]{0,16}?)"
    r"(?:不再执行|停止执行|予以废止|废止|停止使用|不再使用)"
)
# 修订后的《X》（…号）第十六条自…起执行: X's article as revised — X is amended (unless the
# revised X is issued whole: 修订后的《X》现予印发).
_REVISED_ARTICLE = re.compile(
    rf"(?:修订|修改|修正|调整)后的\s*《[^》]{{2,80}}》[^。；《》]{{0,30}}?"
    rf"第[{HEADING_NUMERALS}\d]+[条款项]"
)
# An edit list: a lead sentence that names a document and ends 如下： / 以下：, then numbered
# items, one of which changes a provision's text (第六项规定的…改按…, “…”调整为“…”, 删去第N条,
# 新增…4个病种, 第N条不再执行).
_LEAD = re.compile(r"(?:如下|以下|下列)[^。；《》]{0,6}[：:]\s*$")
_ITEM_EDIT = re.compile(
    rf"(?:第[{HEADING_NUMERALS}\d]+[条款项]|原|“[^”]{{1,60}}”)[^。；]{{0,60}}?(?:{_BECOMES})"
    rf"|{_MOVED}"
    rf"|(?:删去|删除)(?:第[{HEADING_NUMERALS}\d]+[条款项]|“)"
    rf"|(?:新增|增加|增补|增列)(?:第[{HEADING_NUMERALS}\d]+[条款项]|一条|一款|一项"
    r"|[^。；，,]{0,30}?(?:病种|项目|品种|条目|情形))"
    rf"|第[{HEADING_NUMERALS}\d]+[条款项][^。；]{{0,20}}?(?:不再执行|停止执行|废止)"
)
# A lead that corrects or revises what it names (现更正如下： / 现将有关内容修改如下：).
_CORRECTS = re.compile(r"(?:更正|勘误|修改|修订)(?:如下|以下)[^。；《》]{0,6}[：:]\s*$")
# What a correcting lead says of the document it names (部分内容有误).
_WRONG = re.compile(r"有误|错误|有错|差错|疏漏")
_TYPO_FIX = re.compile(r"”\s*应(?:为|改为)")
# The issuer's own rules (《X》印发后，现将我市有关做法修改如下：), not the document named.
_OWN_RULES = re.compile(r"(?:我|本)(?:省|市|区|县|州|盟|旗)")
# A lead that hands the documents it names on (转发给你们, 印发给你们): their list is not an edit.
_HANDED_ON = re.compile(r"(?:转发|印发|发)给你们")
# A lead that names no document but refers back to those named before it.
_BACK_REFERENCE = re.compile(
    r"(?:上述|前述|以上|原)(?:文件|通知|规定|办法|规范|意见|方案)|补充(?:通知|规定)如下"
)
# The line that opens an attached document (附件 / 附件2).
_ATTACHMENT_LINE = re.compile(r"^[ \t\u3000]*附\s*件\s*\d*[ \t\u3000]*$", re.M)
# A draft (征求意见稿, 草案), or words about another notice's changes (政策解读, 答记者问):
# the changes it names are not made by it.
# A draft put out for comments, by its title.
DRAFT_TITLE = re.compile(r"征求[^。]{0,80}?意见|意见稿|草案|送审稿")
_DRAFT = re.compile(
    DRAFT_TITLE.pattern + "|" + READING_TITLE + "|负责人就"
    # a report on work done (…工作情况的通报, 进展情况的通报, 工作总结)
    r"|情况的?通报|工作总结|工作报告|(?:情况|工作)的?报告$"
)
# 《X》（…号）附件2《Y》 / 所附《Y》: a title naming a part of the document named before it.
_PART_TITLE = re.compile(
    rf"((?:》|{DOC_KINDS})[^《》]{{0,24}}?(?:附件|附表|所附)\s*\d*\s*)《[^》]*》"
)
# What is done to a part of X (its 第N条 / 附件N / 所列… / 关于…的规定), after X is named:
# 暂停执行, 不再适用, 作局部修订, 一律改称, 扩大到, 增列, 以…取代 — and X's 修正案.
_PART_OF = rf"(?:第[{HEADING_NUMERALS}\d]+[条款项部分]|附[件表]\s*\d*|所附|所列|中的?|关于|其)"
_PART_CHANGE = re.compile(
    rf"^[^。；《》]{{0,12}}?{_PART_OF}[^。；《》]{{0,60}}?"
    r"(?:暂停执行|暂停实施|不再适用|局部修订|改称|改写为|改由|扩大到|扩大至|缩小到|缩小至"
    r"|增列|增补|增设|相应增加|取代|代替|替换|取消)"
    r"|^\s*(?:修正案|修订案)"
)
# 取消《X》第五条第（三）项规定的…要求: the operator before X.
_CANCEL_PART = re.compile(
    rf"(?:取消|删去|删除)\s*《[^》]{{2,80}}》[^。；《》]{{0,30}}?第[{HEADING_NUMERALS}\d]+[条款项]"
)
# How many sentences after a lead its list is read for an edit.
_EDIT_ITEMS = 12
# A document named as the occasion, not the object (《X》印发以来 / 实施后 / 出台后).
_OCCASION_AFTER = re.compile(r"[^。；，,《》]{0,20}?(?:以来|之后|后[，,])")
# A change to come or only planned anywhere in a sentence (拟修订, 待…修订后, 将适时修订).
_CHANGE_TO_COME_ANYWHERE = re.compile(
    r"拟(?:修订|修改|废止|调整)|将(?:适时|另行)|待[^。；]{0,30}后"
)
_CHANGE_TO_COME = re.compile(r"(?:将另行|另行|拟|将适时|待)[^。；]{0,6}$")
# 已将《X》… / 已经对《X》…: a change another notice made, told as done.
_DONE_BEFORE = re.compile(r"(?:已|已经)(?:将|把|对)\s*$")
# 我委将根据评估结果对《X》进行修订: a revision this clause plans (not 现将 / 将《X》…修改为).
_WILL = re.compile(r"(?:(?<![现并])将(?!《)|拟|计划|准备|下一步)[^。；，,《》]{0,20}$")
# 现就《X》（…号）有关事项补充通知如下： a supplement, which amends X (adding to its rules
# changes them, as every truth set records it).
_SUPPLEMENT = re.compile(
    r"(?:就|对)\s*《[^》]{2,80}》(?:\s*[（(][^（()）]*[）)])?[^。；《》]{0,40}?补充(?:通知|规定|说明)如下"
)
# 原规范第二条规定的…，调整为… / 第三条中的“…”改为“…”
# After 对《X》…修订: a new edition issued (，现予发布), or comments asked for (修改意见).
_NOT_AMENDED = re.compile(
    r"[，,。]?\s*(?:现予|现|并)?(?:予以)?(?:印发|发布|公布|颁布)|\s*的?(?:意见|建议|稿|完善)"
)
# A title that names the document the notice implements (关于学习宣传贯彻《X》的通知, 关于实施
# 新修订《X》有关事宜的通知, 关于转发《X》的通知), amends (关于修订《X》部分条款的通知) or repeals
# (关于废止《X》的决定). Read only when the body states none (the body is the better evidence).
_TITLE_AMENDS = re.compile(
    r"关于(?:修改|修订|修正)\s*《([^《》]{2,100})》\s*(?:(?:的?部分|有关|个别)(?:条款|内容|规定)|并)"
    # (关于《X》的补充通知: a supplement adds to X's rules)
    r"|关于\s*《([^《》]{2,100})》\s*的?补充(?:通知|规定|意见)"
)
_TITLE_REPEALS = re.compile(r"关于(?:废止|宣布废止|宣布失效|停止执行)\s*《([^《》]{2,100})》")
# A short name given to a document (以下简称《办法》, 简称“《通知》”).
_SHORT_NAME = re.compile(
    r"(?:以下简称|简称|以下称|下称)[^，,。；《》（）()]{0,8}《([^《》]{1,40})》"
)


@dataclass(frozen=True)
class Relation:
    """A document this notice repeals, amends or implements, as its text names it."""

    kind: RelationName
    target_doc_number: str  # normalised 文号, "" when the clause names only a title
    target_title: str  # the 《title》 as written (without 《》), "" when only a 文号
    sentence: str
    # The notice in the same index the clause names, when there is one.
    target_id: str = ""

    @property
    def target(self) -> str:
        return self.target_doc_number or self.target_title


def norm_title(title: str) -> str:
    """A title as compared: NFKC, simplified, no spaces, quotes or brackets of any width."""
    text = unicodedata.normalize("NFKC", simplified(title))
    return re.sub(r"[\s《》〈〉<>“”\"'（）()〔〕\[\]【】]", "", text)


def is_own(title: str, own: set[str]) -> bool:
    """A normalised title is one of the notice's own names, or the start of one (《X》 for
    its own X（试行）); X（2019年版） or X（试行） for its own X is another edition. A short
    name keeping the last words of its own document's name and its kind (《细则》, 《考核办法》
    for the 某市…考核办法 it issues) is its own too, said or not with 以下简称."""
    return any(
        (title.startswith(o) and not _EDITION_MARK.search(title[len(o) :]))
        or o.startswith(title)
        or (_is_short_name(title) and o.endswith(title))
        for o in own
    )


def _is_short_name(title: str) -> bool:
    """A document's kind with at most two characters before it (办法, 细则, 考核办法, 工作规程):
    a short name. A longer one (处方管理办法, 医疗废物管理条例) is a document's whole name,
    which a notice's own may end with (某省…长期处方管理办法, 某市医疗废物管理条例)."""
    kind = _SHORT_KIND.search(title)
    return kind is not None and len(title) - len(kind.group(0)) <= _SHORT_LEAD


# The kind a short name ends with (办法, 细则, 方案), and how many characters may lead it.
_SHORT_KIND = re.compile(rf"(?:{DOC_KINDS})$")
_SHORT_LEAD = 2


# What makes a title longer than the notice's own another edition: a year (（2019年版）), or
# 试行/暂行 when the notice issues the edition without it.
_EDITION_MARK = re.compile(r"(?:19|20)\d\d|试行|暂行")


# Between a 文号 and the title of the document it issued: "…17号印发的《X》", "…号文件发布的《X》".
_ISSUED_AS = re.compile(r"\s*(?:文件)?(?:印发|发布|公布|下发|颁布)的?\s*")


def _targets(
    sentence: str,
    own: set[str],
    own_number: str,
    names: dict[str, tuple[str, str]] | None = None,
) -> list[tuple[str, str]]:
    """(normalised 文号, title) of each document a sentence names, the notice's own left out.
    A 文号 in brackets right after a 《title》 goes with that title; a title or short name
    the notice gives a 文号 elsewhere (``names``) takes that document's 文号 and title."""
    found: list[tuple[str, str]] = []
    numbers = [(m.start, m.end, m.doc_number.normalized) for m in find_doc_numbers(sentence)]
    used: set[int] = set()
    for m in TITLE.finditer(sentence):
        title = m.group(1)
        if re.search(
            r"(?:简称|以下称|下称)[^，,。；《》（）()]{0,3}$",
            sentence[max(0, m.start() - 8) : m.start()],
        ):
            continue  # (以下简称《公告》): a short name for a document already named
        number = ""
        for k, (start, end, value) in enumerate(numbers):
            # In brackets right after the title; a 公告 number's match may start inside
            # it ("…的公告》（2019年第103号）" reads as 公告2019年第103号).
            if k not in used and m.start() < start <= m.end() + 2 and end > m.end():
                number = value
                used.add(k)
                break
        if not number:
            # Before the title, issuing it: "鄂卫医政〔2021〕17号印发的《X》同日废止".
            for k, (_start, end, value) in enumerate(numbers):
                if k not in used and _ISSUED_AS.fullmatch(sentence, end, m.start()):
                    number = value
                    used.add(k)
                    break
        if not number and names and norm_title(title) in names:
            number, title = names[norm_title(title)]
        if not number and is_own(norm_title(title), own):
            continue
        if number and number == own_number:
            continue
        found.append((number, title))
    for k, (_start, end, value) in enumerate(numbers):
        # （A号印发，B号修改）: B is the notice that amended the document before, not one
        # this sentence names as changed.
        if k not in used and value != own_number and not _HISTORY.match(sentence, end):
            found.append((value, ""))
    return found


_HISTORY = re.compile(r"\s*(?:修改|修订|修正|第[一二三四五六七八九十\d]+次修订)")


def document_names(text: str, own: set[str], own_number: str) -> dict[str, tuple[str, str]]:
    """What the notice's 《titles》 and short names stand for: a title given once with its 文号
    in brackets (《X》（国卫…号）) and each short name given to a document (《X》（…，以下简称
    《Y》）) → (文号, title) of that document, so that a later bare 《X》 or 《Y》 names it."""
    names: dict[str, tuple[str, str]] = {}
    for m in TITLE.finditer(text):
        end = m.end()
        # Up to two bracketed asides right after the title: its 文号, its short name.
        for _ in range(2):
            aside = re.match(r"\s*[（(]", text[end:])
            if not aside:
                break
            end = clause_end(text, end + aside.end(), "）)") + 1
        if end == m.end():
            continue
        named = _targets(text[m.start() : end], set(), "")
        number, title = next(((n, t) for n, t in named if t), ("", m.group(1)))
        if number and number != own_number:
            names.setdefault(norm_title(title), (number, title))
        short = _SHORT_NAME.search(text, m.end(), end)
        if short and (number or not is_own(norm_title(title), own)):
            names.setdefault(norm_title(short.group(1)), (number, title))
        elif short:
            own.add(norm_title(short.group(1)))
    return names


class _Relations:
    """The relations read so far, one per (kind, document): a document named again (with
    spacing of its own, or by a short name) adds nothing."""

    def __init__(self) -> None:
        self.found: list[Relation] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, kind: RelationName, targets: list[tuple[str, str]], sentence: str) -> None:
        for number, title in targets:
            keys = {(kind, number), (kind, norm_title(title))} - {(kind, "")}
            if keys & self._seen:
                continue
            name = norm_title(title)
            if (
                not number
                and _is_short_name(name)
                and any(
                    r.kind == kind and norm_title(r.target_title).endswith(name) for r in self.found
                )
            ):
                # ("现对《X管理办法》（…号）补充规定如下：…将《办法》第五条…": 《办法》 is X
                # by its short name.)
                continue
            self._seen |= keys
            # (and the other way round: 《办法》 first, X named in full after)
            self.found = [
                r
                for r in self.found
                if not (
                    r.kind == kind
                    and not r.target_doc_number
                    and _is_short_name(norm_title(r.target_title))
                    and name.endswith(norm_title(r.target_title))
                )
            ]
            self.found.append(Relation(kind, number, title, sentence))

    def has(self, kind: RelationName) -> bool:
        return any(r.kind == kind for r in self.found)


def operative(notice: Notice) -> bool:
    """Whether what the notice's text says of dates and documents is its own doing: not a
    draft (征求意见稿, 草案), an interpretation or press Q&A (解读, 答记者问), nor a news report
    of another body's notice (no own 文号, and 本报讯 / 记者 / 近日…印发 in its opening)."""
    if _DRAFT.search(simplified(notice.title)):
        return False
    return bool(notice.doc_number) or not _NEWS_OPENING.search(notice.text[:400])


def _ignore(kind: RelationName, targets: list[tuple[str, str]], sentence: str) -> None:
    """A relation not added (what a reported sentence says another notice does)."""


def read_relations(
    notice: Notice,
    whole: str,
    parts: list[tuple[int, str]],
    own: set[str],
    names: dict[str, tuple[str, str]] | None = None,
) -> tuple[Relation, ...]:
    """The documents ``notice`` repeals, amends or implements. ``whole`` is its text as read
    (simplified characters, same length), ``parts`` its sentences (offset, sentence), ``own``
    the names of its own document and ``names`` what its titles and short names stand for
    (``document_names``, read here when not given); each relation quotes the original
    sentence."""
    text = notice.text
    own_number = notice.doc_number
    relations = _Relations()
    if names is None:
        names = document_names(whole, own, own_number)
    opening = opening_sentences(parts)
    for index, (offset, view) in enumerate(parts):
        sentence = text[offset : offset + len(view)]
        # What a notice repeals or amends, unless the sentence reports another's doing so.
        change = _ignore if _REPORTED.search(view) else relations.add
        partial = list(_PARTIAL_REPEAL.finditer(view))
        for m in partial:
            # X's provision or attachment: a title after it names that part of X.
            targets = _targets(view[m.start() : m.end()], own, own_number, names)[:1]
            change("amends", targets, sentence)
        for choices in [] if partial else _repeal_segments(view):
            # The first of a verb's stretches that names a document is its target.
            found = (
                [t for a, b in [c] for t in _targets(view[a:b], own, own_number, names)]
                for c in choices
            )
            change("repeals", next((f for f in found if f), []), sentence)
        if _REPEAL_THAT.search(view) and not _CHANGE_TO_COME_ANYWHERE.search(view):
            # 决定撤销该通知: the document named before it in the paragraph.
            for stretch in _named_before(parts, offset, whole):
                change("repeals", _targets(stretch, own, own_number, names), sentence)
        for kind, cells in _table_row(view, parts, index):
            # A row cut at its ； ("将…修改为…；将…修改为…") is quoted whole: every change it
            # makes to the document is evidence of the one relation.
            change(
                kind, _targets(cells, own, own_number, names), _whole_line(text, offset, sentence)
            )
        listing = view.endswith(("：", ":")) and (
            _REPEAL_LIST.search(view) or _REPEAL_BEFORE_COLON.search(view)
        )
        if listing or _REPEAL_HEADING.search(view):
            first = ""
            over = False
            for item_offset, item in parts[index + 1 :]:
                # Lines without a full stop run on as one "sentence": read them one by one.
                line_offset = item_offset
                for entry in item.split("\n"):
                    here, line_offset = line_offset, line_offset + len(entry) + 1
                    if not entry.strip() or re.match(r"\s*序号", entry):
                        continue  # a table's header row
                    numbering = _item_kind(entry)
                    if not numbering or (first and numbering != first):
                        over = True  # the list is over (二、对《X》作如下修改 after （一）（二）)
                        break
                    first = first or numbering
                    original = text[here : here + len(entry)]
                    # "已被《Y》替代": Y is what replaces the listed document, not repealed.
                    entry = _REPLACED_BY.sub("", entry)
                    targets = _targets(entry, own, own_number, names)
                    if any(number for number, _ in targets):
                        # 2　…关于《X》的补充通知　医保办发〔2022〕26号: an item with a 文号 is
                        # that one document; a 《》 in its title cell names no other.
                        targets = [t for t in targets if t[0]]
                    change("repeals", targets, original)
                if over:
                    break
        stretches = [view[a:b] for a, b in _amending(view)]
        stretches += _parts_changed(view)
        that = _AMEND_THAT.search(view)
        if not stretches and that:
            # 决定将该细则有效期延长至…: the document named before it in the paragraph; when
            # the sentence names documents of another kind first ("…落实《…的通知》要求，经研
            # 究，决定将该办法试行期延长至…"), the one of the kind 该 names.
            # ("决定修改《X办法（试行）》（…号）的4个条款，并将该办法的试行期顺延至…": the
            # last of that kind named before it in the sentence, with its 文号.)
            pointed = _THAT_KIND.match(view, that.start())
            named_here = list(TITLE.finditer(view, 0, that.start()))
            of_kind = [t for t in named_here if pointed and pointed.group(1) in t.group(0)]
            if not named_here:
                # (else the one of its kind named as what has been tried: "《X办法（试行）》…
                # 试行以来…。对照…文件要求，…决定对该办法部分条款予以修改")
                stretches = _named_before(parts, offset, whole) or [
                    b
                    for b in _named_before(parts, offset, whole, occasion=True)
                    if pointed and pointed.group(1) in b
                ]
            elif of_kind:
                last = of_kind[-1]
                after = TITLE.search(view, last.end(), that.start())
                stretches = [view[last.start() : after.start() if after else that.start()]]
            elif pointed:
                # ("《X办法（试行）》…试行以来…。根据《…通知》…，决定修改该办法部分条款": X,
                # named as what has been tried, is what 该办法 points back at.)
                stretches = [
                    b
                    for b in _named_before(parts, offset, whole, occasion=True)
                    if pointed.group(1) in b
                ]
        for stretch in stretches + _edited_documents(parts, index, whole):
            # 《X》附件2《Y》: Y is a part of X, which is what is amended.
            stretch = _PART_TITLE.sub(r"\1", stretch)
            change("amends", _targets(stretch, own, own_number, names), sentence)
        # In a notice's opening sentences, or anywhere when the sentence goes on to the
        # notice's own work (…制定本办法): an attachment's 第一条 states its basis too.
        segments = basis_segments(view)
        if index in opening:
            segments += forwarded(view)
        # An attached document's opening sentence counts when it goes on to that document's
        # own work (…，决定建立…制度 / 制定本办法); a form's 根据《X》填写 does not.
        leads_on = (
            index in opening
            and not BACKGROUND.search(view)
            and (not opening[index] or bool(ATTACHED_WORK.search(view)))
        )
        if segments and (leads_on or OWN_WORK_STRONG.search(view)):
            for a, b in segments:
                relations.add("implements", _targets(view[a:b], own, own_number, names), sentence)
        if leads_on and ANAPHOR.search(view):
            # 认真落实上述文件要求: the documents of the paragraph before and of this one so far.
            line = whole.rfind("\n", 0, offset)
            earlier = whole[whole.rfind("\n", 0, max(line, 0)) + 1 : offset]
            relations.add("implements", _targets(earlier, own, own_number, names), sentence)
    by_title: tuple[tuple[RelationName, re.Pattern[str]], ...] = (
        ("implements", TITLE_IMPLEMENTS),
        ("amends", _TITLE_AMENDS),
        ("repeals", _TITLE_REPEALS),
    )
    for kind, pattern in by_title:
        if not relations.has(kind):
            for m in pattern.finditer(simplified(notice.title)):
                title = next(g for g in m.groups() if g)
                named = names.get(norm_title(title), ("", title))
                relations.add(kind, [named], notice.title)
    result = _one_record(_change_over_basis(_repeal_over_amend(relations.found)))
    if not operative(notice):
        # 关于征求《关于修改〈X〉…的决定（征求意见稿）》意见的函: a draft's changes are not made.
        result = [r for r in result if r.kind == "implements"]
        attached = _ATTACHMENT_LINE.search(text)
        if attached and DRAFT_TITLE.search(simplified(notice.title)):
            # What the attached draft's 第一条 rests on (根据《X》…制定本办法) is carried out
            # only once it is issued; the cover's own basis (为贯彻《X》，起草了…) stands.
            result = [r for r in result if text.find(r.sentence) < attached.start()]
    return tuple(result)


def _repeal_segments(view: str) -> list[list[tuple[int, int]]]:
    """Where a sentence names the documents it repeals: before each 废止 / 失效 / 停止执行
    (《X》同时废止), or after it when the verb leads straight into them (同时废止《X》, 决定
    废止国卫…号) — then the words before it are not the target (根据《A》，决定废止《B》).
    Each verb gives its stretches in order of preference."""
    out: list[list[tuple[int, int]]] = []
    previous = 0
    for verb in _REPEAL.finditer(view):
        clause = previous
        while (end := clause_end(view, clause, "，,；;")) < verb.start():
            clause = end + 1
        if _NOT_THIS_REPEAL.search(view, clause, verb.start()):
            pass
        elif re.match(r"\s*(?:了)?\s*(?:[《〈]|[^\s，。；]{0,12}〔)", view[verb.end() :]):
            out.append([(verb.end(), clause_end(view, verb.end(), "。；;"))])
        elif _PART_ONLY.search(view, clause, verb.start()) and not re.search(
            r"[《〈〔]", view[clause : verb.start()]
        ):
            pass  # 原附件2同时停止使用: a part of a document, not a document
        elif re.match(r"\s*(?:[。；;，,：:）)]|$)", view[verb.end() :]):
            # The verb ends its clause (《X》同时废止。): the documents are in that clause, or
            # before it when it only dates the repeal (《X》（…），自本通知印发之日起废止).
            out.append([(clause, verb.start()), (previous, clause)])
        previous = verb.end()
    return out


def _amending(view: str) -> list[tuple[int, int]]:
    """The stretches of a sentence that amend a document they name: 对《X》作如下修改 and
    the other fixed wordings (``_AMEND``), what becomes of X's text (``_AMEND_TEXT``: not
    when 《X》 is the basis of the change or its revision is still to come), and a
    supplement on X (``_SUPPLEMENT``). A new edition issued or comments asked for after the
    verb (``_NOT_AMENDED``) amend nothing."""
    found = [
        m.span()
        for m in _AMEND.finditer(view)
        if not _NOT_AMENDED.match(view, m.end()) and not _WILL.search(view, 0, m.start())
    ]
    found += [
        m.span()
        for m in _AMEND_TEXT.finditer(view)
        if not _BASIS_BEFORE.search(view, 0, m.start())
        # 自治区卫生健康委已将《办法》试行期延长至…: a change made before, reported
        and not _DONE_BEFORE.search(view, 0, m.start())
        # a cue of what is to come close before the verb (its last two characters aside)
        and not _CHANGE_TO_COME.search(view, 0, m.end() - 2)
        and not _NOT_AMENDED.match(view, m.end())
    ]
    found += [
        m.span() for m in _REVISED_ARTICLE.finditer(view) if not _NOT_AMENDED.match(view, m.end())
    ]
    # 现就《X》…补充通知如下： a supplement adds to X's rules, which changes X.
    found += [m.span() for m in _SUPPLEMENT.finditer(view)]
    # ("依据《Y》（…号），现对该办法部分条款予以修改": what is changed is the document 该办法
    # points back at, not Y, named before it as the change's basis.)
    return [
        (a, b) for a, b in found if not _THAT_KIND.search(view, max(view.find("》", a, b), a), b)
    ]


def _edited_documents(parts: list[tuple[int, str]], index: int, whole: str) -> list[str]:
    """The stretches naming the documents that sentence ``index``'s edit list changes: the
    sentence leads a list (…《X》（…号）所附目录更新如下：) whose numbered items change a
    provision's text (_ITEM_EDIT), and X is the first document it names neither as the basis
    or aim of the notice (根据 / 贯彻落实《X》) nor as its occasion (《X》印发以来). A lead that
    names none but refers back (现对上述文件中…修改如下：, 现补充通知如下：) changes the documents
    its paragraph named before it. Empty when the sentence leads no such list."""
    offset, view = parts[index]
    if not _LEAD.search(view) or _HANDED_ON.search(view):
        # (现将《X》转发给你们…，并提出以下要求： hands X on; an item changing a provision
        # names its own document)
        return []
    items: list[str] = []
    for item_offset, item in parts[index + 1 : index + 1 + _EDIT_ITEMS]:
        line_start = whole.rfind("\n", 0, item_offset) + 1
        opens_line = not whole[line_start:item_offset].strip()
        if opens_line and not (HEADING_START.match(item) or NUMBER_START.match(item)):
            break  # a paragraph without a number: the list is over
        items.append(item)
    # 《X》（…号）部分内容有误，现勘误如下：, then a table of what was wrong and what is right
    # (its rows may follow a caption such as 勘误表): each row corrects X. Proofreading fixes
    # told as “…”应为“…” change no rule (the convention eval/validity/notices/README.md settles).
    following = [v for _o, v in parts[index + 1 : index + 3]]
    rows = (
        _CORRECTS.search(view)
        and _WRONG.search(view)
        and any(NUMBER_START.match(v) or _item_kind(v) for v in following)
        and not any(_TYPO_FIX.search(v) for v in following)
    )
    if not rows and not any(_ITEM_EDIT.search(item) for item in items):
        return []
    named = _objects(view)
    if named:
        return [view[a:b] for a, b in named[:1]]
    occasion = _objects(view, occasion=True)
    if (
        len(occasion) == 1
        and _CORRECTS.search(view)
        and not _OWN_RULES.search(view, occasion[0][1])
    ):
        # 《X》（…号）印发后，经核查，附件部分内容有误，现更正如下： the one document the lead
        # names is both the occasion and what the list corrects.
        return [view[a:b] for a, b in occasion]
    if not _BACK_REFERENCE.search(view):
        return []
    return _named_before(parts, offset, whole)


def _named_before(
    parts: list[tuple[int, str]], offset: int, whole: str, occasion: bool = False
) -> list[str]:
    """The stretches naming the documents (``_objects``) of the paragraph's sentences before
    ``offset``: what 该通知 / 上述文件 / 补充通知如下 refers back to (``occasion``: also a
    document named as the occasion, "《X（试行）》…试行以来")."""
    paragraph = whole.rfind("\n", 0, offset) + 1
    return [v[a:b] for o, v in parts if paragraph <= o < offset for a, b in _objects(v, occasion)]


def _item_kind(item: str) -> str:
    """The numbering of a list item (（一）, 一、, 1. or a table row 1　《X》, 《X》), "" for
    text that is no item."""
    for kind, pattern in (
        ("paren", rf"\s*[（(][{HEADING_NUMERALS}\d]+[）)]"),
        ("cn", rf"\s*[{HEADING_NUMERALS}]+、"),
        ("number", r"\s*\d+\s*(?:[.．、　《｜|]|\s)"),
        # A table row whose number the loader joined to its first cell (1苏州市…办法\t文号).
        ("number", r"\s*\d{1,3}(?=[\u4e00-\u9fff])(?!(?:年|月|日|号|个|家|项|条|件))"),
        ("title", r"\s*[《〈]"),
    ):
        if re.match(pattern, item):
            return kind
    return "heading" if HEADING_START.match(item) else ""


def _whole_line(text: str, offset: int, sentence: str) -> str:
    """The line of ``text`` that ``sentence`` (at ``offset``) is part of, when it is a part
    of one line; else the sentence."""
    if "\n" in sentence.strip():
        return sentence
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


def _table_row(
    view: str, parts: list[tuple[int, str]], index: int
) -> list[tuple[RelationName, str]]:
    """A table row (cells set apart by full-width spaces) that names documents: repealed
    when its last cell says so (…　鄂卫通〔2020〕15号　宣布失效), amended when the table's
    header or title speaks of changes and the row names a provision (…　第八条第（二）项　现行
    表述　新表述). Rows under 拟修改 / 继续有效 change nothing."""
    out: list[tuple[RelationName, str]] = []
    for row in view.split("\n"):  # rows without a full stop run on as one "sentence"
        cells = [c for c in re.split(r"\s*(?:　+|[｜|])\s*|\t+", row.strip()) if c]
        if len(cells) < 3 or not (TITLE.search(row) or find_doc_numbers(row)):
            continue
        if _REPEAL_CELL.match(cells[-1]):
            out.append(("repeals", row))
        elif re.search(rf"第[{HEADING_NUMERALS}\d]+[条款项]", row):
            lines = [ln for _o, v in parts[max(0, index - 8) : index + 1] for ln in v.split("\n")]
            for above in reversed(lines[: lines.index(row)] if row in lines else lines):
                if not (TITLE.search(above) or find_doc_numbers(above)):
                    if _CHANGE_TABLE.search(above):
                        out.append(("amends", row))
                    break
    return out


def _parts_changed(view: str) -> list[str]:
    """Stretches naming the documents a sentence changes a part of: X (not the basis or the
    occasion) followed by what is done to its provision (《X》第十一条…暂停执行, 《X》附件3所列
    指标，以…取代, 《A》和《B》中的“…”一律改称“…”, X's 修正案), or 取消《X》第N条…. Documents
    joined by 和 / 、 share what follows the last of them."""
    if _CHANGE_TO_COME_ANYWHERE.search(view):
        return []
    out = [view[m.start() : m.end()] for m in _CANCEL_PART.finditer(view)]
    named = _objects(view)
    group: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(named):
        group.append((a, b))
        following = named[k + 1][0] if k + 1 < len(named) else len(view)
        if k + 1 < len(named) and re.fullmatch(r"\s*(?:和|、|及|与|以及)\s*", view[b:following]):
            continue  # 《A》和《B》…: A shares what is done to B
        if _PART_CHANGE.search(view[b:following]):
            out.extend(view[x:y] for x, y in group)
        group = []
    return out


def is_basis(view: str, start: int, basis: Sequence[tuple[int, int]]) -> bool:
    """Whether the document named at ``start`` of ``view`` is what the sentence rests on:
    inside one of its ``basis_segments``, or just after a basis cue (根据《X》, 落实《X》)."""
    return any(a <= start < b for a, b in basis) or bool(_BASIS_BEFORE.search(view, 0, start))


def _objects(view: str, occasion: bool = False) -> list[tuple[int, int]]:
    """The documents a sentence names (each with its asides: （…号）, （以下简称…）) that are
    neither the basis or aim of the notice nor (unless ``occasion``) its occasion."""
    basis = basis_segments(view)
    named = [(m.start(), m.end()) for m in TITLE.finditer(view)]
    named += [(m.start, m.end) for m in find_doc_numbers(view)]
    out: list[tuple[int, int]] = []
    for start, end in sorted(named):
        if any(a <= start < b for a, b in out):
            continue  # a 文号 inside a title's aside
        if is_basis(view, start, basis):
            continue
        if re.search(r"(?:附件|附表|所附)\s*\d*\s*$", view[:start]):
            continue  # 规范附表《…评估表》: a part of a document, not one
        while aside := re.match(r"\s*[（(][^（()）]*[）)]", view[end:]):
            end += aside.end()
        if occasion or not _OCCASION_AFTER.match(view, end):
            out.append((start, end))
    return out


def _one_record(found: list[Relation]) -> list[Relation]:
    """The relations without a title-only one naming what another relation of its kind names
    with its cover letter (《X》 beside 《…关于印发X的通知》（文号）: notice and attachment are one
    record; a forward, 关于转发…印发X的通知, is not X's cover)."""
    out = []
    for r in found:
        title = norm_title(r.target_title)
        if not r.target_doc_number and any(
            o is not r
            and o.kind == r.kind
            and o.target_doc_number
            and title
            and re.search(f"(?:印发|发布|公布|颁布){re.escape(title)}", norm_title(o.target_title))
            and "转发" not in o.target_title  # a forward is a document of its own
            for o in found
        ):
            continue
        out.append(r)
    return out


def _change_over_basis(found: list[Relation]) -> list[Relation]:
    """The relations without an implementation of a document the notice amends or repeals:
    a notice extending X's trial period asks that X go on being followed (继续按照《X》要求);
    it changes X, it does not rest on it."""
    changed = {
        key
        for r in found
        if r.kind != "implements"
        for key in (r.target_doc_number, norm_title(r.target_title))
        if key
    }
    return [
        r
        for r in found
        if not (
            r.kind == "implements"
            and {r.target_doc_number, norm_title(r.target_title)} - {""} & changed
        )
    ]


def _repeal_over_amend(found: list[Relation]) -> list[Relation]:
    """The relations without an amendment of a document the notice also repeals: 对《X（试行）》
    进行了修订…原《X（试行）》同时废止 replaces the old edition, it does not amend it."""
    repealed = {
        key
        for r in found
        if r.kind == "repeals"
        for key in (r.target_doc_number, norm_title(r.target_title))
        if key
    }
    return [
        r
        for r in found
        if not (
            r.kind == "amends"
            and {r.target_doc_number, norm_title(r.target_title)} - {""} & repealed
        )
    ]
