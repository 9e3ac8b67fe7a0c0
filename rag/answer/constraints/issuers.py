"""The issuer stage: a body the question names as a document's issuer must have issued a
cited notice."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer.constraints.documents import names_document
from rag.answer.constraints.records import Unmet
from rag.answer.text import fold_name
from rag.docno import find_doc_numbers
from rag.grammar import CJK, DOC_KINDS, ORG_ENDINGS, SIGNING_OFFICES
from rag.places import PROVINCES
from rag.records import Notice

# A body named as the issuer of a document: "国家医保局印发的《X》", "商务部发布的X方案",
# "商务部印发的关于同意…的批复" (a title written out without 《》),
# "省卫健委联合下发的《X》", "重庆市卫健委有没有印发…方案" (asked whether it did). The body ends
# as an organisation's name does; what stands before it in its clause (请问, 那个, 由) is
# trimmed by ``_ORG_START``.
_ISSUED_BY = re.compile(
    rf"([{CJK}]{{2,24}}?(?:{ORG_ENDINGS}))(?:等[一二三四五六七八九十\d]*(?:个)?部门)?"
    r"(?:有没有|是否|是不是|已经|曾经|曾)?"
    r"(?:联合|共同|会同[^，,。？?《》]{1,20})?(?:印发|发布|出台|下发|制定|公布|发出|颁布)(?:了|的|过){0,2}"
    rf"(《[^《》]{{2,80}}》|关于[^，,。？?《》]{{4,60}}?(?:{DOC_KINDS}|批复))?"
)
# "江西省卫生健康委员会关于…工作方案": a title with its issuer, the issuer before 关于 (the
# title may quote another: 国家医保局关于学习宣传贯彻《基本医疗卫生与健康促进法》的通知).
_TITLED_BY = re.compile(
    rf"([{CJK}]{{2,24}}?(?:{ORG_ENDINGS}))关于(?:[^，,。？?《》]|《[^《》]{{1,40}}》){{4,60}}?"
    rf"(?:{DOC_KINDS})"
)
# "国家卫健委办公厅推进…适老化服务的那份通知": a body and what its document does, pointed at
# as one document (那份 / 这个): the body issued it, as a title it heads.
_DESCRIBED_BY = re.compile(
    rf"([{CJK}]{{2,24}}?(?:{ORG_ENDINGS}))[^，,。？?《》]{{2,40}}?的(?:那|这)(?:份|个|篇)"
    rf"(?:{DOC_KINDS}|文件)"
)
_FULL_BODY = re.compile("^(?:国家|国务院|" + "|".join(PROVINCES) + ")")
_ORG_START = re.compile(
    r"^(?:请问|请教|想问|问一下|那个|这个|那份|这份|这是|那是|就是|由|是|被|据说|听说|据|我看到|看到|年度|年|月份|月|日"
    # (a turn opening with 那 / 这: "那北京市卫健委印发…"; 那曲 is a city)
    r"|那(?!曲)|这"
    r"|今年|去年|当年|近日|最近|此前)+"
)
_ORG_JOIN = re.compile(r"[和与及、]")
# Words ending as a body's name does that name none: 向社会公布, 向全会印发.
_NOT_BODIES = ("社会", "全会", "大会")
# "哪些省的药监局印发了…" asks who issued it: no body is named.
_ASKS_WHO = re.compile(r"哪|什么|谁|几|的|各|多少")
# "山东、黑龙江、河北三省药监局": bodies counted, each of the places listed before — no one body.
_COUNTED = re.compile(r"[两二三四五六七八九十\d]+个?(?:省|市|区|县|地|家|部门|部委|单位)")
# Short and long forms of the same body: compared in their short form.
_ORG_FORMS = (
    ("卫生健康委员会", "卫生健康委"),
    ("卫健委", "卫生健康委"),
    ("卫生和计划生育委员会", "卫生计生委"),
    ("卫计委", "卫生计生委"),
    ("医疗保障局", "医保局"),
    ("药品监督管理局", "药监局"),
    ("中医药管理局", "中医药局"),
    ("疾病预防控制局", "疾控局"),
    ("发展和改革委员会", "发展改革委"),
    ("发改委", "发展改革委"),
    ("市场监督管理总局", "市场监管总局"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障", "人力资源社会保障"),
    ("人社部", "人力资源社会保障部"),
    ("人社厅", "人力资源社会保障厅"),
    ("住房和城乡建设", "住房城乡建设"),
    ("工信部", "工业和信息化部"),
    ("委员会", "委"),
)
_OFFICE_PART = re.compile(rf"(?:{SIGNING_OFFICES})$")


def named_issuers(question: str) -> list[tuple[str, str]]:
    """The bodies ``question`` names as issuing a document, each with the 《title》 it is
    said to have issued ("" when none is named in 《》; "关于" when the body heads a title the
    question writes out: 江西省卫生健康委员会关于…工作方案)."""
    found: list[tuple[str, str]] = []
    # A 文号 is no part of a body's name ("…39号要求…向社会公布" names no body).
    for number in reversed(find_doc_numbers(question)):
        gap = "，" * (number.end - number.start)
        question = question[: number.start] + gap + question[number.end :]
    matches = [(m, (m.group(2) or "").strip("《》")) for m in _ISSUED_BY.finditer(question)]
    matches += [(m, "关于") for m in _TITLED_BY.finditer(question)]
    # (only a body named in full, of the nation or a province: "省卫健委…的那份通知" may
    # be any province's)
    matches += [
        (m, "关于")
        for m in _DESCRIBED_BY.finditer(question)
        if _FULL_BODY.match(_ORG_START.sub("", m.group(1)))
    ]
    for m, title in matches:
        start = max(question.rfind(c, 0, m.start(1) + 1) for c in "，,。？?；;：:、 《》")
        named = _org_form(question[max(start + 1, m.start(1)) : m.end(1)])
        # "民政部和国家卫健委联合印发": each body is an issuer.
        for part in _ORG_JOIN.split(named):
            body = _OFFICE_PART.sub("", _ORG_START.sub("", part))
            if (
                len(body) >= 3
                and re.search(f"(?:{ORG_ENDINGS})$", body)
                and not _ASKS_WHO.search(body)
                and not _COUNTED.search(body)
                and not body.endswith(_NOT_BODIES)
            ):
                found.append((body, title))
    return found


def _org_form(text: str) -> str:
    text = fold_name(text)
    for long, short in _ORG_FORMS:
        text = text.replace(long, short)
    # 黑龙江药监局 for 黑龙江省药品监督管理局: a province by its short name.
    return _PROVINCE_SUFFIX.sub(r"\1", text)


_PROVINCE_SUFFIX = re.compile(
    "(" + "|".join(sorted(PROVINCES, key=len, reverse=True)) + ")(?:省|市|(?:[^省市]{0,4}?)?自治区)"
)


def unmet_issuers(named: Sequence[tuple[str, str]], cited: Sequence[Notice]) -> list[Unmet]:
    """A body named as a document's issuer must be among the issuers of the cited notice
    that is that document (its 《title》): an answer about the same document issued by
    another body substitutes it silently. A document not named in 《》 ("国家医保局、民政部
    出台的评估标准") may be one the cited notice reports on: the body must be named in it."""
    out: list[Unmet] = []
    for body, title in named:
        headed = title == "关于"  # the body heads the title the question writes out
        notices = [n for n in cited if not title or headed or names_document(n.title, title)]
        if not notices or any(not n.issuer for n in notices):
            continue  # the title check speaks for a document not cited; an unread issuer can't
        # A document not named in 《》 may be one the cited text reports on.
        if any(body in _org_form(n.issuer + n.title + ("" if title else n.text)) for n in notices):
            continue
        actual = "、".join(dict.fromkeys(n.issuer for n in notices))
        what = f"《{title}》" if title and not headed else "所引通知"
        message = f"库中没有{body}印发的此文；{what}的发文机关是{actual}"
        out.append(Unmet("issuer", body, message))
    return out
