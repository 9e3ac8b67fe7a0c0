"""Sentence scoring: every sentence of the retrieved passages weighed against the question.

The first stage of an extractive answer. A passage's sentences are read once and kept by
text (``passage_sentences``); ``score_sentences`` gives each an idf-weighted share of the
question's terms, the kind of value asked for, and, with sentence vectors, its meaning.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from rag.answer.constraints import names_own_document
from rag.answer.constraints.values import VALUE_KINDS, count_pattern, duration_pattern
from rag.answer.params import DEFAULT_PARAMS, AnswerParams
from rag.answer.questions import (
    ANSWER_TYPES,
    CHANGE_ASKED,
    EDITIONS_COMPARED,
    NEGATION,
    NUMBER_QUESTION,
    THINGS_ASKED,
    TIMES_ASKED,
    answer_types,
    asks_about_several,
    question_terms,
)
from rag.answer.support import TermWeights
from rag.answer.text import (
    bigram_set,
    bigrams,
    ends_with_docno_line,
    looks_like_instruction,
    nows,
    opens_heading,
    split_sentences,
)
from rag.clean import to_halfwidth
from rag.grammar import DOC_KINDS, LABEL_LINE, READING_TITLE, YEAR, simplified
from rag.notices.signature import org_tokens
from rag.notices.validity.reading import own_titles
from rag.notices.validity.relations import norm_title
from rag.places import PROVINCE_NAMES
from rag.query_filters import separate_asks
from rag.records import Hit, Notice

# Cosines of sentences with the question; None for a sentence without a vector.
Similarity = Callable[[Sequence[str]], list[float | None]]

METADATA_LINE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|[\u4e00-\u9fff]{1,12}[〔\[(（【]\d{4}[〕\])）】]\d+号|[（(]此件[^）)]*[）)]"
    # A repost's byline: the account, when it posted, from where ("岳阳卫健2025年07月30日18:05
    # 湖南", "发布时间：2025-07-30 18:05").
    r"|[^。；;，,！？!?]{0,20}?\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?\d{1,2}:\d{2}(?::\d{2})?"
    r"[\u4e00-\u9fff]{0,10}"
)
# A page's credits and counters, in the body's lines below a repost ("来源：某市卫生健康委员会",
# "编辑：某某　校对：某某", "阅读 1527　赞 28"): fields of the page, no sentence of the notice.
_PAGE_CREDITS = re.compile(
    r"(?:责任编辑|责编|编辑|校对|审核|审校|作者|供稿|摄影|通讯员)\s*[:：]|(?:阅读|在看|点赞|赞)\s*\d+"
)
_BOILERPLATE = re.compile(r"为(深入)?贯彻|以习近平|现将|现就|经.{0,12}同意，")
# "…现就有关事项通知如下：" announces what follows and says nothing itself.
SENTENCE_CLOSE = re.compile(r"[。！？!?；;：:][”’」』）)]*$")
_ANNOUNCES = re.compile(r"(如下|以下|下列)[：:]$")
_PURPOSE = ANSWER_TYPES["purpose"][1]
_APPROVAL = ANSWER_TYPES["approval"][1]
# A sentence holds the kind of value asked when the answer type's pattern finds one or, for a
# time, the value check's does: it also reads a limit in working days (5个工作日内), how often
# (每季度随访1次, 按月) and a date set by an event (当日, 年底). For counts, amounts and shares
# the check's units flag nearly any sentence with a number (over the tuned sets: +2 / −2
# answers and one refusal fewer), so those keep the answer type's narrower pattern.
_HOLDS: dict[str, tuple[re.Pattern[str], ...]] = {
    name: (sentence, VALUE_KINDS[name][1]) if name in ("duration", "date") else (sentence,)
    for name, (_, sentence) in ANSWER_TYPES.items()
}


# A number of times (每年…各考核1次): what holds how many times is asked (``TIMES_ASKED``).
_TIMES = re.compile(r"(?:\d+|[一两二三四五六七八九十])\s*(?:次|回|趟|遍)(?![数级])")


def _wanted(question: str) -> list[re.Pattern[str]]:
    """What holds the kinds of value ``question`` asks for; a length of time asked in a unit
    ("存几年") is held only by a number of that unit (``duration_pattern``), and a count of
    times by a number of times."""
    unit = duration_pattern(question)
    out: list[re.Pattern[str]] = []
    kinds = answer_types(question)
    if (
        "count" not in kinds
        and VALUE_KINDS["count"][0].search(question)
        and asks_about_several(question, ())
    ):
        # Asked of several notices, a count in any counting word the value check reads
        # ("每年要培训多少学时？国家…海南…贵州各是多少？") is held by a number of that word or its
        # group: each notice's sentence giving it is found. (Asked of one notice, a sentence
        # counting another thing in that word is no answer, and scoring does not seek it: the
        # value check then says the count is not there.)
        out.append(count_pattern(question))
    for name in kinds:
        if name == "duration" and unit is not None:
            out.append(unit)
        elif name == "count" and TIMES_ASKED.search(question):
            # (and a count of things only when one is asked too: "1个月" holds no times)
            out += [_TIMES, *(_HOLDS[name] if THINGS_ASKED.search(question) else ())]
        else:
            out += _HOLDS[name]
    return out


def holds_asked(question: str) -> Callable[[str], bool] | None:
    """Whether a text holds the kind of value ``question`` asks for (its answer types: a
    duration, an amount…); None when it asks for none."""
    wanted = _wanted(question)
    if not wanted:
        return None
    return lambda text: any(p.search(text) for p in wanted)


# The line under a title naming whom the notice is sent to (各区卫生健康委，委直属各单位：;
# 辖区各定点医疗机构，区医疗保障事务中心：, with a word of where before 各).
_SALUTATION = re.compile(r"\s*[^。；;！？!?：:，,、\s]{0,4}各[^。；;！？!?]{1,200}[：:]\s*$")


@dataclass(frozen=True)
class Sentence:
    hit_index: int  # 0-based position in the hits
    start: int  # offsets in the hit's chunk text
    end: int
    text: str
    score: float
    covered: frozenset[str]
    typed: bool = False  # holds the kind of value the question asks for


@dataclass(frozen=True)
class PassageSentence:
    """One sentence of a passage with what scoring reads of it that no question changes."""

    start: int  # offsets in the passage text
    end: int
    text: str
    grams: frozenset[str]  # its bigrams (``bigrams``)
    asks: bool  # a question ("…？"): a news FAQ's heading, whose reply follows
    skip: bool  # never an answer: too short, an instruction, a date / 文号 / signature line,
    # or "…如下：" announcing what follows
    heading: bool  # no closing punctuation and short: names a topic
    digit: bool  # holds a digit
    boilerplate: bool  # a preamble ("为贯彻落实…")
    announces: bool = False  # "…现就有关事项通知如下：": says nothing itself, unless what the
    # notice is for is asked (its opening clause: 为优化营商环境，…)
    salutation: bool = False  # "各市卫生健康委，委直属各单位：": answers only whom it was sent to
    view: str = ""  # its text in simplified characters, as the flags and bigrams read it


_RESPONSIBLE = re.compile(
    r"[﹝（(【\[〔][^﹝﹞（）()【】\[\]〔〕]{1,80}?(?:负责|牵头|配合|参与)[^﹝﹞（）()【】\[\]〔〕]{0,40}"
    r"[﹞）)】\]〕][。；;]?"
)


@functools.lru_cache(maxsize=2048)
def passage_sentences(text: str) -> tuple[PassageSentence, ...]:
    """The sentences of a passage (``split_sentences``), each read once: every answer
    scores the sentences of the passages it retrieved, and the same passages come back
    for question after question."""
    out: list[PassageSentence] = []
    # Read in simplified characters (the same length: offsets carry over), so that a
    # traditional repost (重新註冊) holds the question's words (重新注册); quoted as written.
    view = simplified(text)
    for s, e in split_sentences(text):
        sentence = view[s:e]
        squashed = nows(sentence)
        closed = sentence.rstrip("”’」』）) ")
        skip = (
            len(squashed) < 6
            or looks_like_instruction(sentence)
            or bool(METADATA_LINE.fullmatch(squashed))
            or (
                (bool(LABEL_LINE.match(sentence)) or bool(_PAGE_CREDITS.search(sentence)))
                and not SENTENCE_CLOSE.search(sentence.rstrip())
                and len(squashed) <= 60
            )
            or ends_with_docno_line(sentence)  # a title over its 文号
            or (not SENTENCE_CLOSE.search(sentence.rstrip()) and bool(org_tokens(sentence)))
            # A note naming only who is responsible (﹝省医保局、省卫生健康委负责﹞) answers
            # nothing asked of the task it follows.
            or bool(_RESPONSIBLE.fullmatch(sentence.strip()))
        )
        out.append(
            PassageSentence(
                s,
                e,
                text[s:e],
                frozenset(map(sys.intern, bigrams(sentence))),
                asks=closed.endswith(("？", "?")),
                skip=skip,
                heading=not re.search(r"[。！；!;：:]$", closed) and len(sentence) < 40,
                digit=bool(re.search(r"\d", sentence)),
                boilerplate=bool(_BOILERPLATE.match(sentence.lstrip())),
                announces=bool(_ANNOUNCES.search(sentence.rstrip())),
                salutation=bool(_SALUTATION.match(sentence)),
                view=sentence,
            )
        )
    return tuple(out)


def score_sentences(
    question: str,
    hits: Sequence[Hit],
    weights: TermWeights,
    notices: Mapping[str, Notice] | None = None,
    params: AnswerParams = DEFAULT_PARAMS,
    similarity: Similarity | None = None,
    lent: Mapping[str, int] | None = None,
) -> list[Sentence]:
    """Every sentence of the hits scored against the question.

    A sentence's score is the idf-weighted share of the question's bigrams it contains, plus
    a bonus for carrying a number when a number is asked and a small prior for hit rank;
    with ``similarity`` (cosines of sentences with the question), plus its meaning: the
    z-score of its cosine among the candidates, times ``params.semantic``. ``lent``: a rank
    some notices take for the rank prior in place of their hits' own (notice id → rank).
    """
    # A year naming a document ("福建2024年的办法") names it, and says nothing its sentences
    # must hold: the line saying when that document took effect would match it.
    terms = question_terms(_YEAR_NAMING.sub(" ", question))
    named = {m.group(1) for m in _YEAR_NAMING.finditer(question)}
    if params.negation_terms and NEGATION.search(question):
        # "哪些药不能开…": the notices write 不得 / 禁止.
        terms += [t for t in ("不得", "禁止") if t not in terms]
    w = weights.weights(terms)
    total = sum(w.values()) or 1.0
    wants_number = bool(NUMBER_QUESTION.search(question))
    kinds = answer_types(question)
    wanted = _wanted(question)
    years = [y for y in YEAR.findall(question) if y not in named]
    purpose, recipients = "purpose" in kinds, "recipients" in kinds
    # (Comparing editions, the line saying which one replaced which tells them apart.)
    validity_asked = bool(
        _VALIDITY_ASKED.search(question)
        or CHANGE_ASKED.search(question)
        or EDITIONS_COMPARED.search(question)
        or len(named) > 1
    )
    approval = "approval" in kinds
    sentences: list[Sentence] = []
    about_text = asks_about_text(question)
    reports = (
        reporting(hits, notices)
        if notices and params.secondary != 1.0 and not about_text
        else Reports()
    )
    for i, hit in enumerate(hits):
        text = hit.chunk.text
        # Terms the notice's title and issuer already match told us which notice this is;
        # within it, the sentence that answers is the one with the rest of the question.
        known = bigram_set(hit.title + " " + hit.issuer)
        wh = {t: v * (0.25 if t in known else 1.0) for t, v in w.items()}
        total_h = sum(wh.values()) or total
        asked = 0.0  # a question heading in the passage (news FAQ): its score goes to the reply
        spans = passage_sentences(text)
        notice = notices.get(hit.chunk.notice_id) if notices else None
        # A repost's lead ends where the notice it carries begins (0: no such line).
        lead_end = _reposted_from(notice.text) if notice is not None else 0
        # The page's first line, when a headline (a title, a post's push line): the citation
        # names it, and quoting it answers nothing ("乙肝妈妈也能生出健康宝宝！").
        headline_end = _headline_end(notice.text) if notice is not None and not about_text else 0
        own_title = nows(simplified(hit.title))
        # The titles the notice goes by (its own, the 《X》 it issues): a line that is one of
        # them is a heading over the document, and one opening with its title runs on into
        # its 文号 and recipients (a header read as one sentence); neither answers.
        titles = _titles(notice) if notice is not None else frozenset()
        if notice is not None and spans:
            # A chunk that starts or ends mid-sentence holds a fragment there; never quote it.
            before = notice.text[hit.chunk.start - 1 : hit.chunk.start]
            if before and before not in "。！？!?；;\n":
                spans = spans[1:]
            after = notice.text[hit.chunk.end : hit.chunk.end + 1]
            if (
                spans
                and after
                and not re.search(r"[。！？!?；;：:”’」』）)]$", text[: spans[-1].end])
                # (a list line — 附件：1. X, 2. Y — ends where its line does)
                and not (after == "\n" and opens_heading(spans[-1].text))
            ):
                spans = spans[:-1]
        for span in spans:
            sentence = span.view
            grams = span.grams
            # Summed in the question's term order: a set's order changes with the hash seed,
            # and with it the rounding that breaks near-ties between sentences.
            found = [t for t in w if t in grams]
            present = frozenset(found)
            score = (
                params.title_blend * sum(wh[t] for t in found) / total_h
                + (1 - params.title_blend) * sum(w[t] for t in found) / total
            )
            if span.asks:
                asked = score if params.faq_reply else 0.0
                continue
            if (
                span.skip
                or hit.chunk.start + span.end <= headline_end
                or (
                    not about_text
                    and (
                        nows(sentence) == own_title
                        or (len(own_title) >= 8 and nows(sentence).startswith(own_title))
                        # (a portal's breadcrumb run into the title line under it)
                        or (len(own_title) >= 8 and nows(sentence).endswith(own_title))
                        or norm_title(sentence) in titles
                    )
                )
                or (span.announces and not _says_of_itself(sentence, purpose, approval))
                or (span.salutation and not recipients)
            ):
                continue
            if span.heading:
                score *= 0.5  # a heading names a topic; the sentences under it answer
            if asked:
                score = max(score, 0.9 * asked)
                asked = 0.0
            if not validity_asked and _OWN_VALIDITY.search(sentence):
                # "本办法自2024年7月1日起施行，有效期5年，原…同时废止": when the document holds,
                # not a rule of it; its dates and terms answer no other question.
                continue
            typed = bool(wanted) and any(p.search(sentence) for p in wanted)
            if typed:
                score += params.type_bonus
            elif wants_number and span.digit:
                score += 0.1
            if any(y in sentence for y in years):
                score += 0.1
            if span.boilerplate and not (purpose or approval):
                # "为贯彻落实…": a preamble restates the topic, not the rule (unless what the
                # notice is for, or who approved it, is asked)
                score *= 0.6
            if hit.chunk.start + span.start < lead_end:
                # A repost's lead, before "以下为通知全文": the reposter's words about the
                # notice that follows, which says the rule itself.
                score *= params.secondary
            rank = i
            if i in reports.reporting:
                said = figures(sentence) if span.digit else frozenset()
                written, retrieved = reports.said[hit.chunk.notice_id]
                if said and said <= written and said & retrieved:
                    # It restates its notice, whose passage saying so is among the hits.
                    continue
                score *= params.secondary
            else:
                rank = min(i, reports.rank.get(hit.chunk.notice_id, i))
            if lent:
                rank = min(rank, lent.get(hit.chunk.notice_id, rank))
            score = score / (1 + params.rank_decay * rank) + 0.05 / (1 + rank)
            sentences.append(Sentence(i, span.start, span.end, span.text, score, present, typed))
    if similarity is not None and params.semantic and len(sentences) > 1:
        sentences = _with_meaning(sentences, similarity, params.semantic)
    return sentences


# A year naming a document ("福建2024年的办法", "2021年试行的那版"), not a time a figure is of.
_YEAR_NAMING = re.compile(
    rf"((?:19|20)\d{{2}})\s*年(?=[^，,。；;？?]{{0,8}}?(?:{DOC_KINDS}|文件|版))"
)
# The line saying when a document takes effect, for how long, and what it repeals (of the
# document itself, or of the one its cover letter issues: "《考核办法》有效期三年，从…起施行").
_OWN_VALIDITY = re.compile(
    r"本(?:办法|通知|方案|规范|细则|意见|规定|标准|指南|制度|规程|决定|公告)[^。；;]{0,24}?"
    r"(?:起施行|起执行|起实施|起试行|有效期|废止)"
    # (not 原《X》同时废止: the fate of another document, which a question of it asks after)
    r"|(?<!原)《[^《》]{0,30}?(?:办法|方案|规范|细则|意见|规定|标准|指南|制度|规程)》"
    r"[^。；;]{0,24}?(?:起施行|起执行|起实施|起试行|有效期)"
)
# A question about when a document holds: from when, until when, whether still.
_VALIDITY_ASKED = re.compile(
    r"施行|生效|有效|废止|执行|实施|试行期|过期|到期|失效|作废|还能用|还管用|什么时候|何时|哪天"
    r"|哪一天|几号|截止|替代|取代|代替|停止"
)


# Where a repost turns from its own lead to the notice it carries: "以下为通知全文",
# "通知全文如下", "以下是文件原文".
_FULL_TEXT_FOLLOWS = re.compile(
    r"以下[为是][^。！？\n]{0,8}(?:全文|原文)|(?:全文|原文)如下|附[^。！？\n]{0,4}(?:全文|原文)[：:]"
)


@functools.lru_cache(maxsize=1024)
def _reposted_from(text: str) -> int:
    """Where the notice a repost carries starts in ``text`` (after the line announcing it);
    0 when the text announces none."""
    m = _FULL_TEXT_FOLLOWS.search(text)
    return m.end() if m else 0


# A question about a report or reading itself ("那篇解读怎么说", "报道里提到…").
_ABOUT_TEXT = re.compile(
    r"报道|解读|文章|新闻|问答|一问一答|记者|读懂|日报|晚报"
    # (an interview as a text — 接受采访时说, 那篇专访里, 访谈中 —, not the act: 现场要访谈
    # 多少个产妇)
    r"|(?:采访|专访|访谈)(?=中|里|时|上|稿|说|节目)|(?<=接受)(?:采访|专访|访谈)"
    r"|(?<=篇)(?:采访|专访|访谈)"
)
# The kind of a rule's document ending its name, as a question names one beside a report
# ("…联盟采购公告和…的文章"; not 标准 of 企业标准备案, nor 规定 the verb).
_RULE_KIND = re.compile(
    r"(?:通知|公告|办法|意见|方案|细则|规范|条例|决定|指南)(?=[和与及、，,里中上的]|分别|各|$)"
)
_INTERPRETS = re.compile(READING_TITLE + "|一问一答")
# A reporter's opening (本报讯, 记者…): a page without 文号 opening so is a news report.
_NEWS = re.compile(r"本报讯|本报记者|记者|通讯员|新华社|日电")


def asks_about_text(question: str) -> bool:
    """Whether the question asks about a report or reading itself ("那篇解读怎么说")."""
    return bool(_ABOUT_TEXT.search(question))


# A rule's kind named beside a report, as another thing asked of ("…联盟采购公告和…的文章"),
# not as what the report is about ("解读…管理办法的那篇文章").
_RULE_BESIDE = re.compile(
    r"(?:通知|公告|办法|意见|方案|细则|规范|条例|决定|指南)(?=[和与及、，,]|分别|各)"
)


def names_rule_beside_report(question: str) -> bool:
    """Whether the question names a rule's document beside the report it asks of."""
    return bool(_RULE_BESIDE.search(question))


def asks_reports_only(question: str) -> bool:
    """Whether every ask of the question asks what a report or reading says, or names no
    document of its own ("…解读…的那篇文章里说，试行三年筛了多少？召回复查率提高到了多少？");
    not when an ask names a rule of its own ("…那篇文章说…？湖南的实施意见对…？")."""
    if not asks_about_text(question):
        return False
    asks = separate_asks(question)
    return all(asks_about_text(a) or not names_own_document(a) for a in asks)


# A report's sentence telling someone's experience: its dateline running into a quotation
# (本报讯（记者　某某）“…”), a sentence that is a quotation, or one giving a resident's words
# (家住…的李大爷说, 市民王女士告诉记者, 内科医生孙女士说).
_ANECDOTE = re.compile(
    # (the dateline's bylines in brackets, or run on to 报道： / 电：)
    r"^\s*(?:本报讯|本台讯|本报[^，。（(]{0,8}讯)"
    r"(?:\s*[（(][^）)]{0,40}[）)]|[^“。：:]{0,30}(?:报道|电)[：:])\s*“"
    r"|^\s*“[^”]{8,}”[。！？!?]?\s*$"
    r"|^\s*(?:家住|市民|村民|居民|患者家属|家长)[^，。“”]{0,20}(?:说|告诉记者|表示)"
    # (someone called by surname and title: "在…一家乡镇卫生院，内科医生孙女士说，她…")
    r"|^[^。；“”]{0,30}?[\u4e00-\u9fff]"
    r"(?:女士|先生|大爷|大妈|大娘|阿姨|师傅|大姐|大哥|奶奶|爷爷|老人)(?:说|告诉记者|对记者说)"
)

# A report's sentence telling what is planned rather than what a rule says: "有关负责人
# 表示，今年还将制定《…》", "下一步将在…组织流动内镜车下乡".
_PLANNED = re.compile(
    r"(?:今年|明年|下一步|下阶段|下一阶段|今后|接下来|年内)[^。；，,]{0,3}?(?:还将|将|计划|拟)"
)
# A report's sentence of figures gathered ("据统计，2024年全市已有互联网医院142家…", "据了解，
# …全年签发…21.7万份"): what was done, not what a rule says.
_TALLIED = re.compile(r"^\s*(?:据统计|据不完全统计|据了解|统计显示|数据显示)[，,]")


def is_report(notice: Notice) -> bool:
    """A text about a notice rather than a notice: a digest's article, a page without 文号
    opening as a reporter's (本报讯, 记者), or one titled a reading (《X》政策解读, 问答)."""
    return (
        notice.kind == "article"
        or bool(_INTERPRETS.search(notice.title))
        or (not notice.doc_number and bool(_NEWS.search(notice.text[:300])))
    )


def rules_retold(
    question: str,
    chosen: Sequence[Sentence],
    sentences: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    floor: float,
    several: bool = False,
) -> list[Sentence]:
    """A rule asked of is quoted from a rule. Where a report's sentences are chosen and no
    rule's sentence of its place is (of any place, asked of one notice), the best sentence
    scored above ``floor`` of a notice the report reports on (by 文号 or title), or of one
    citing that notice (its amendment), that the report retells speaks: every figure of it
    is among those of the report's text, and it holds the kind of value asked where the
    report's chosen sentences do ("记者从省卫生健康委获悉，修改后的《…规范（试行）》…每旬
    至少开展1次鼠密度调查…" → the amending notice's item "…每旬至少开展1次鼠密度调查。").
    It takes the place of the report's sentence retelling it, and joins the report's other
    sentences, which ``heard_by_kind`` then hears beside a rule (a story told of someone, a
    tally). A report retelling no rule among those scored stands; so does every one when the
    question asks of the text itself (解读里说, 报道)."""
    if asks_about_text(question):
        return list(chosen)

    def nid(s: Sentence) -> str:
        return hits[s.hit_index].chunk.notice_id

    def report(s: Sentence) -> bool:
        return is_report(notices[nid(s)])

    def region(s: Sentence) -> str:
        return hits[s.hit_index].region

    def of_reported(rule: str, text: str) -> bool:
        """Whether the report (its folded ``text``) names, by 文号 or title (``_names``), the
        rule's notice or a notice it cites (an amending notice cites the document it amends)."""
        cited = [ref.notice_id for ref in notices[rule].references if ref.notice_id in notices]
        return any(name in text for n in (rule, *cited) for name in _names(notices[n]))

    out = list(chosen)
    for r_id in dict.fromkeys(nid(s) for s in chosen if report(s)):
        mine = [s for s in out if nid(s) == r_id]
        if not mine or any(
            not report(r) and (not several or region(r) == region(mine[0])) for r in out
        ):
            continue
        typed = any(s.typed for s in mine)
        folded = _folded(notices[r_id])
        # (what the whole report tells: the passage retelling the rule may not be read)
        told = figures(notices[r_id].text)
        retold = [
            r
            for r in sentences
            if r.score > floor
            and not report(r)
            and (not several or region(r) == region(mine[0]))
            and (r.typed or not typed)
            and figures(r.text)
            and figures(r.text) <= told
            and of_reported(nid(r), folded)
        ]
        if not retold:
            continue
        rule = max(retold, key=lambda r: r.score)
        said = figures(rule.text)
        retelling = next((s for s in mine if said <= figures(s.text)), None)
        if retelling is not None:
            out[out.index(retelling)] = rule
        else:
            out.insert(out.index(mine[0]), rule)
    return list(dict.fromkeys(out))


def heard_by_kind(
    question: str,
    chosen: Sequence[Sentence],
    hits: Sequence[Hit],
    notices: Mapping[str, Notice],
    several: bool = False,
    named: Collection[str] = (),
) -> list[Sentence]:
    """The chosen sentences of the kind of text asked of. A question asking what a report
    or reading says ("北京卫健委的解读里说，…全市一共受理了多少件？") is answered by the
    reports' sentences; one asking the rule is answered by the notices', a report's sentence
    joining only with something of the question they do not hold (a term, or the kind of
    value asked where they hold none).

    ``named``: the notices the question names (``naming.named_notices``).

    ``several``: the question asks of several notices, each ask perhaps answered by text of
    another kind; a report's sentence is then weighed only against the sentences of the
    notices of its place it reports on, else of its place ("…天津和辽宁的规定一样吗？": a
    reading of 天津's 办法 beside that 办法's sentence), and a report of a place no chosen
    notice is of answers for itself."""

    def nid(s: Sentence) -> str:
        return hits[s.hit_index].chunk.notice_id

    def report(s: Sentence) -> bool:
        return is_report(notices[nid(s)])

    reports = [s for s in chosen if report(s)]
    rules = [s for s in chosen if not report(s)]
    if not reports or not rules:
        return list(chosen)
    if asks_about_text(question):
        # (Unless an ask names a document of its own: "…那篇文章说…？湖南的实施意见对…？")
        if asks_reports_only(question):
            # (A notice the question names by its kind beside the text keeps its say: "…联盟
            # 采购公告和细数国家集采规则的文章分别怎么说？")
            kept = named if _RULE_KIND.search(question) else ()
            return [s for s in chosen if report(s) or nid(s) in kept]
        return list(chosen)
    retold = reporting(hits, notices).retold if several else {}

    def retells(s: Sentence) -> bool:
        if _ANECDOTE.search(s.text) or _PLANNED.search(s.text):
            # A story's dateline opening on someone's words, or a resident's words alone
            # ("本报讯（记者…）“以前在网上复诊开药…”", "家住…的李大爷说，…"): beside the rule
            # they tell what happened to someone, not what the rule is; a plan
            # (``_PLANNED``) tells what is still to come.
            return True
        if _TALLIED.search(s.text) and (not s.typed or any(r.typed for r in rules)):
            # (holding the kind of value asked where no rule does, it may be what is asked:
            # "全市有多少家…")
            return True
        peers_of = rules
        if several:
            # (Of its own place: 四川's reading of its 办法, which cites the national notice
            # it carries out, speaks for 四川 beside that notice.)
            place = hits[s.hit_index].region
            of_place = [r for r in rules if place and hits[r.hit_index].region == place]
            # (else the rules of its place it names none of: a news story on 广东's change
            # beside 广东's item)
            peers_of = [r for r in of_place if nid(r) in retold.get(nid(s), ())] or of_place
            if not peers_of:
                return False
        # The figures the rules' sentences write: a report's sentence writing only those
        # says the rule again ("…7日内上门…每年补贴3000元" beside the 办法's 7日内 and
        # 3000元), in whatever everyday words it holds that they do not.
        said = figures(s.text)
        if said and said <= frozenset().union(*(figures(r.text) for r in peers_of)):
            return True
        # Where the rules' sentences hold the kind of value asked, a report's sentence
        # holding none joins with words alone ("本报讯…以前卫生院的中医馆只有一个老中医…"
        # beside the item "排班变更后2个工作日内更新" when 几天内 is asked).
        if not s.typed and any(r.typed for r in peers_of):
            return True
        # What the rule's sentences as relevant as it hold (a preamble citing the topic's
        # title holds its words and answers nothing).
        peers = [r for r in peers_of if r.score >= s.score or r.typed]
        covered = frozenset().union(*(r.covered for r in peers))
        return bool(peers) and s.covered <= covered and (not s.typed or any(r.typed for r in peers))

    return [s for s in chosen if not report(s) or not retells(s)]


@dataclass(frozen=True)
class Reports:
    """The hits that report on another notice among the hits, and the rank each such notice
    takes: the best of its own hits' and its reports'."""

    reporting: frozenset[int] = frozenset()  # positions of the reports' hits
    rank: Mapping[str, int] = field(default_factory=dict)  # notice id → rank lent to it
    # report id → the figures (``figures``) its notices write, and those of their passages
    # among the hits
    said: Mapping[str, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    # report id → the notices among the hits it reports on
    retold: Mapping[str, frozenset[str]] = field(default_factory=dict)


# A figure as written: a number and the unit or word after it (20万, 60%, 15个, 2025年).
_FIGURE = re.compile(r"\d+(?:\.\d+)?[^\d\s，。；、,.;]?")


_TITLES: dict[tuple[str, str], frozenset[str]] = {}


def _titles(notice: Notice) -> frozenset[str]:
    """The notice's own names (``own_titles``) of 6 characters or more, as compared (read
    once per notice)."""
    key = (notice.notice_id, notice.title)
    found = _TITLES.get(key)
    if found is None:
        if len(_TITLES) > 4096:
            _TITLES.clear()
        found = _TITLES[key] = frozenset(t for t in own_titles(notice) if len(t) >= 6)
    return found


@functools.lru_cache(maxsize=1024)
def _headline_end(text: str) -> int:
    """Where the first line of a notice's text ends, when it is a headline: short, and no
    sentence closes inside it (0 otherwise: a page copied without line breaks)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    return end if 0 < len(line) <= 80 and not re.search(r"[。；;]", line) else 0


@functools.lru_cache(maxsize=4096)
def figures(text: str) -> frozenset[str]:
    """The figures ``text`` writes (``_FIGURE``), full-width digits read as digits."""
    return frozenset(_FIGURE.findall(to_halfwidth(text)))


def reporting(hits: Sequence[Hit], notices: Mapping[str, Notice]) -> Reports:
    """The hits whose notice reports on another notice among the hits (names its 文号 or one
    of its own titles): there the notice itself says it. A report ranking above the notice it
    reports on lends the notice its rank."""
    found = {h.chunk.notice_id: notices.get(h.chunk.notice_id) for h in hits}
    reports = {nid: n for nid, n in found.items() if n is not None and is_report(n)}
    if not reports:
        return Reports()
    names = {nid: _names(n) for nid, n in found.items() if n is not None and nid not in reports}
    first: dict[str, int] = {}
    for i, h in enumerate(hits):
        first.setdefault(h.chunk.notice_id, i)
    rank: dict[str, int] = {}
    reported: dict[str, list[str]] = {}
    for nid, report in reports.items():
        text = _folded(report)
        for primary_id, own in names.items():
            if any(name in text for name in own):
                reported.setdefault(nid, []).append(primary_id)
                rank[primary_id] = min(rank.get(primary_id, first[primary_id]), first[nid])
    # What a report retells of a notice, the notices among the hits changing it say too
    # (a report on the 办法 "修改…后" gives the amendment's figure).
    changed_by = {
        primary: [
            other
            for other, n in found.items()
            if n is not None
            and other not in reports
            and any(r.notice_id == primary for r in n.references)
        ]
        for primaries in reported.values()
        for primary in primaries
    }
    said = {
        nid: (
            frozenset().union(
                *(figures(notices[q].text) for p in primaries for q in [p, *changed_by[p]])
            ),
            frozenset().union(
                *(
                    figures(h.chunk.text)
                    for h in hits
                    if h.chunk.notice_id in primaries
                    or any(h.chunk.notice_id in changed_by[p] for p in primaries)
                )
            ),
        )
        for nid, primaries in reported.items()
    }
    return Reports(
        frozenset(i for i, h in enumerate(hits) if h.chunk.notice_id in reported),
        rank,
        said,
        {nid: frozenset(primaries) for nid, primaries in reported.items()},
    )


# A notice's names and a report's text, folded once: every answer scores its hits' sentences
# several times (the question, each ask, each notice's own passages), over the same notices.
@functools.lru_cache(maxsize=1024)
def _names(notice: Notice) -> tuple[str, ...]:
    """What a report names a notice by: its 文号 and its own titles (six characters or more)."""
    own = [notice.doc_number] * bool(notice.doc_number)
    titles = [t for t in own_titles(notice) if len(t) >= 6]
    own += titles
    # A report names a place's document without the place or its edition mark ("省卫生健康委
    # 去年修改独立设置的血液透析中心管理办法后" for 湖南省独立设置的…管理办法（试行）), when what
    # is left is long enough to name one document.
    if notice.region:
        # (the place as a title opens with it: 湖南省, 广西壮族自治区, else its short name)
        heads = (PROVINCE_NAMES.get(notice.region, notice.region), notice.region)
        for t in titles:
            head = next((h for h in heads if t.startswith(h)), "")
            bare = _EDITION_TAIL.sub("", t[len(head) :])
            if bare != t and len(bare) >= _BARE_NAME:
                own.append(bare)
    return tuple(dict.fromkeys(folded for name in own if (folded := nows(name))))


# A title's edition mark at its end (试行, 暂行, 2024年版), and the fewest characters a
# place's document name keeps without its place and that mark.
_EDITION_TAIL = re.compile(r"(?:试行|暂行|(?:19|20)\d{2}年?版)$")
_BARE_NAME = 8


@functools.lru_cache(maxsize=256)
def _folded(report: Notice) -> str:
    return nows(report.title + report.text)


def _says_of_itself(sentence: str, purpose: bool, approval: bool) -> bool:
    """Whether a sentence announcing what follows ("…现就有关事项通知如下：") says what the
    question asks of the notice itself: what it is for (为优化营商环境，…), or who approved
    it (…经省政府同意，现就…)."""
    return (purpose and bool(_PURPOSE.search(sentence))) or (
        approval and bool(_APPROVAL.search(sentence))
    )


def _with_meaning(
    sentences: list[Sentence], similarity: Similarity, weight: float
) -> list[Sentence]:
    """Each sentence's score plus ``weight`` × the z-score of its cosine with the question
    among these sentences; a sentence without a vector keeps its score."""
    cosines = similarity([s.text for s in sentences])
    known = [c for c in cosines if c is not None]
    if len(known) < 2:
        return sentences
    mean = sum(known) / len(known)
    spread = math.sqrt(sum((c - mean) ** 2 for c in known) / len(known))
    if spread <= 1e-6:
        return sentences
    return [
        s
        if c is None
        else Sentence(
            s.hit_index,
            s.start,
            s.end,
            s.text,
            s.score + weight * (c - mean) / spread,
            s.covered,
            s.typed,
        )
        for s, c in zip(sentences, cosines, strict=True)
    ]


def dice(text: str, grams: set[str]) -> float:
    """Bigram Dice overlap of ``text`` with a sentence's bigram set."""
    own = set(bigrams(text))
    return 2 * len(own & grams) / (len(own) + len(grams)) if own and grams else 0.0


def overlaps(a: Sentence, b: Sentence) -> bool:
    return a.hit_index == b.hit_index and a.start < b.end and b.start < a.end
