"""Reading a question: its subject words and terms, the kind of value it asks for, the
notices and places it names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rag.answer.text import RATIO, bigrams, without_doc_numbers
from rag.clean import to_halfwidth
from rag.docno import find_doc_numbers, parse_doc_number
from rag.grammar import DOC_KINDS, YEAR, YEAR_RANGE, document_years
from rag.places import (
    CENTRE,
    CITY_PROVINCE,
    PROVINCE_NAMES,
    PROVINCE_PATTERN,
    PROVINCES,
    bare_cities,
    jieba_module,
    listed_bare_cities,
    local_province,
    places_in,
)
from rag.query_filters import ASKS, separate_asks
from rag.records import Hit, Notice

# Question words and filler: they say what kind of answer is wanted, not what it is about.
_QUESTION_WORDS = (
    "什么", "哪些", "哪个", "哪份", "哪一", "哪里", "多少", "多久", "多长", "多大", "几天",
    # (the time asked, which a value answers: "有什么时间要求" is not answered by 驻点时间)
    "多长时间", "什么时间", "啥时间",
    "怎么", "怎样", "如何", "是否", "有没有", "有无", "是谁", "请问", "一下", "介绍",
    "主要内容", "内容", "讲了", "说了", "关于", "吗", "呢", "吧", "了", "的", "是", "有",
)  # fmt: skip
ANAPHORA = re.compile(r"^(那|那么|它|其|该|此|这|上述|里面|还有|另外|后来|之后|此后|然后|接着)")
ANAPHORA_ANYWHERE = re.compile(
    r"它|其中|里面|文中|这些|这个|这份|这项|上述|此文|此件"
    r"|该(通知|文件|公告|办法|意见|方案|规定|规范|政策)"
)
NUMBER_QUESTION = re.compile(
    r"多少|几[天日周月年个次项家人%％]|多长|多久|多大|比例|标准是|上限|下限|时限|期限"
)
WHICH_DOC = re.compile(
    r"哪个文件|哪份文件|哪一个文件|什么文件|哪个通知|哪份通知|哪一份|是哪个|出自|依据.{0,6}文件|哪个公告|哪一个"
    r"|是哪篇|哪一篇"
)
# Who issued the notice; "由谁牵头", "哪些部门负责" ask about the content instead.
ISSUER_QUESTION = re.compile(
    r"发文机关|发文单位|发文部门|印发单位|发布机构|发布单位"
    r"|(由谁|谁|哪[几两三四五六七八九十]?个部门|哪些部门|哪几?家单位|哪[几两三四五六七八九十]?个单位"
    r"|哪些单位|什么单位|哪个机关|什么机关|哪几?个机构|哪些机构|什么机构)"
    r"(?:联合|一起|一块儿?|共同)?(印发|发布|发的|出的|下发|出台|制定|签发)"
    r"|是(哪个|哪家|什么)(单位|机关|机构|部门)([？?]?$|、?(在)?(什么时候|何时|哪天|哪一天))"
    # "参与联合印发的有哪些部门": who issued it, asked after the issuing.
    r"|(?:联合|一起|一块儿?|共同)(?:印发|发布|发文|下发|发)的(?:有|是)?"
    r"(?:哪些|哪几?个|哪几?家|什么)(?:部门|单位|机关|机构)"
)
_ISSUING = r"印发|发布|成文|下发|出台|签发|落款"
DATE_QUESTION = re.compile(
    # (not "什么时候前出台…": by when something must be issued is a deadline it sets)
    rf"(什么时候|何时|啥时候|啥时|几时|哪天|哪一天|日期|哪年)(?![之以]?前)[^前]{{0,4}}"
    rf"({_ISSUING}|发的|出的)"
    rf"|({_ISSUING}).{{0,4}}(时间|日期)"
    # "成文和发布分别是哪天", "落款是哪天": the day asked after the issuing (only such words
    # between, not "印发之日起多长时间").
    rf"|({_ISSUING})(?:{_ISSUING}|和|与|及|、|的|分别|各|各自|具体|是|为|在|于){{0,6}}"
    r"(?:哪天|哪一天|什么时候|何时|几号|几月几[日号]|哪年哪月)"
)
# Answer types (classic factoid QA): what the question asks for, and what an answer holds.
# A count of things asked ("多少家", "几个"), and a count of times ("一年考几回", "巡查几次").
THINGS_ASKED = re.compile(r"多少个|几个|多少家|几家|多少名|多少项|几项|几批|多少批|多少种|多少所")
# (趟 / 遍 after 了 tell trips made, not asked: "跑了几趟，事情还是办不成")
TIMES_ASKED = re.compile(r"(?<![这那哪])(?:几|多少)(?:次|回)|(?<![这那哪了])(?:几|多少)(?:趟|遍)")
ANSWER_TYPES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "duration": (
        re.compile(
            # (多快: "接到请求后要多快到现场" asks the time it may take)
            r"多久|多长时间|多长|期限|时限|周期|多快"
            r"|(?<![好十百千万\d这那近])(?:几天|多少天|几个月|几年)(?!后[^，,。？?]{0,12}?(?:又|也|再|还))"
        ),
        re.compile(
            r"(?<![\d年月])\d{1,3}(\.\d+)?\s*(个)?(小时|分钟|工作日|天|日|周|个月|月|年)(?!\d)"
            # (not a date written in numerals: 二〇三五年七月一日)
            r"|(?<![〇零一二三四五六七八九十两年月])[一二三四五六七八九十两]+(个)?"
            r"(小时|分钟|工作日|天|日|周|个月|年)"
        ),
    ),
    "percent": (
        re.compile(r"比例|百分之|多少%|覆盖率|达到多少|多大比例|报销比例|[率]"),
        # (a ratio is a share written as two figures: 床护比不低于1:0.6, 医护比1比1.25)
        re.compile(r"\d+(\.\d+)?\s*[%％]|百分之|个百分点|" + RATIO),
    ),
    "money": (
        re.compile(r"多少元|多少钱|费用是|标准是多少|补助.{0,4}多少|缴费.{0,4}多少"),
        re.compile(r"\d+(\.\d+)?\s*(万|亿)?元"),
    ),
    "count": (
        # (and how many times: 一年考几回, 每周巡查几次)
        re.compile(f"{THINGS_ASKED.pattern}|{TIMES_ASKED.pattern}"),
        re.compile(r"\d+\s*(个|家|名|项|批|种|类|所|人)"),
    ),
    # "定了什么目标", "指标是多少": a target is a figure to reach by a year.
    "target": (
        re.compile(r"目标|指标"),
        re.compile(
            r"(?:到|至)\s*\d{4}\s*年[^。；]{0,60}?\d"
            r"|(?:达到|不低于|不少于|控制在|提高到|降低到|降至|提升到)[^。；]{0,12}?\d"
        ),
    ),
    # "印发给了哪些单位", "主送哪些部门": the recipients line under a title (各区卫生健康委，
    # 市卫生健康监督所：).
    "recipients": (
        re.compile(
            r"(?:发|印发|下发|转发|送|抄送)给了?[^，,。？?哪]{0,4}(?:哪些|哪几|哪个|谁)|主送"
            r"|(?:发|下发)(?:到|至)了?[^，,。？?哪]{0,4}哪些|发往哪"
        ),
        re.compile(
            r"^\s*各[^。；;]{1,200}[：:]\s*$|^[^。；;]{2,200}[，、][^。；;]{2,200}[：:]\s*$"
        ),
    ),
    # "意见发给谁", "有问题能找哪些人问", "寄到哪儿": whom to contact, and how.
    "contact": (
        re.compile(
            r"找谁|联系谁|联系人|联系方式|联系电话|咨询电话|邮箱|电子邮件|通讯地址|邮寄地址"
            r"|向谁(?:反馈|咨询|报送|提交|提出|寄|报告)|(?:发|寄|交|报|送|反馈)(?:给|到)(?:谁|哪)"
            r"|找[^，,。？?]{0,6}问"
        ),
        re.compile(
            r"联系人|联系电话|联系方式|咨询电话|电\s*话\s*[:：]|传\s*真|邮\s*箱|电子邮件|(?i:e-?mail)"
            r"|@|地\s*址\s*[:：]|邮\s*编|\d{3,4}-\d{7,8}|(?<!\d)\d{8}(?!\d)|(?<!\d)1\d{10}(?!\d)"
        ),
    ),
    # "那份是为了什么出的？", "出这个公告是图啥？": what a notice is for, in the clause its
    # preamble opens with (为优化营商环境，…).
    "purpose": (
        re.compile(
            # (目的, not the 目的 across 项目的 / 科目的: "每个评价项目的报名费")
            r"为了(?:什么|啥)|为啥(?:要|这么)?(?:出|发|印发|制定|出台|下发|提倡|搞)|图啥"
            r"|(?<![项题条栏节名科])目的|初衷|用意"
            r"|出于什么|为什么要?(?:出|发|印发|制定|出台|下发)"
        ),
        re.compile(r"^\s*(?:为了?|旨在)[^，,。；;]{4,}[，,]"),
    ),
    # "经谁同意后印发的？", "报哪里批准": who approved it (经省政府同意，现印发给你们).
    "approval": (
        re.compile(
            r"经(?:过)?(?:谁|哪个|哪些|哪一?级|什么)[^，,。？?]{0,6}(?:同意|批准|审议|审定|审核)"
            r"|(?:谁|哪个部门|哪一?级)(?:同意|批准|审议通过|审定)"
        ),
        re.compile(r"经[^，,。；;]{1,40}?(?:同意|批准|审议通过|审定|审议)"),
    ),
    "date": (
        re.compile(
            r"什么时候|啥时候?|何时|哪天|哪一天|几月|日期|起执行|开始执行|开始实施|生效|截止|时间"
        ),
        re.compile(
            r"\d{4}\s*年\s*(\d{1,2}\s*月|年?底|前|内|起)|自.{0,12}之日起|\d{1,2}\s*月\s*\d{1,2}\s*日"
            # A day of the week: "每月第一个星期三为院长接待日".
            r"|(?:星期|礼拜)[一二三四五六日天]|每周[一二三四五六日]"
        ),
    ),
}


# An asking word later in the clause: "苏北几个市县级医院的社工督导是怎么安排的" asks how, and
# its 几个 says "the several", asking no count.
_ASKED_LATER = re.compile(r"怎么|怎样|如何|什么|哪些|哪个|哪里|啥")
# A 、 opening another ask: a list of asks, not of things (几个市、县 lists things).
_NEXT_ASK = re.compile(r"、(?=(?:还|又|以及|和|要|需要?|是)?(?:怎么|怎样|如何|什么|哪|啥|多少|几))")
# Where a clause ends.
CLAUSE_END = re.compile(r"[，,；;。？?！!]")


def several_told(question: str, start: int, end: int) -> bool:
    """Whether the 几 at ``question[start:end]`` ("几个市") tells "several" rather than asks
    how many: another asking word follows it in its clause (a clause asks one thing), not
    after a 、 that lists a further ask."""
    if not question.startswith("几", start):
        return False
    rest = CLAUSE_END.split(question[end:], maxsplit=1)[0]
    # (asks listed with 、 are asks of their own: "要有几年执业经历、什么职称" asks both)
    rest = _NEXT_ASK.split(rest, maxsplit=1)[0]
    return bool(_ASKED_LATER.search(rest))


def answer_types(question: str) -> list[str]:
    """The kinds of value the question asks for (duration, percent, money, count, date). A
    time asked by the bare word 时间 may be a point or a length ("平均急救反应时间有什么要求"
    is answered by 15分钟以内): it asks for either. A 几 telling "several" asks nothing
    (``several_told``)."""
    kinds = [
        name
        for name, (asks, _) in ANSWER_TYPES.items()
        if any(not several_told(question, *m.span()) for m in asks.finditer(question))
    ]
    if (
        "date" in kinds
        and "duration" not in kinds
        and not ANSWER_TYPES["date"][0].search(_BARE_TIME.sub("", question))
        and not _WHETHER_TIME.search(question)
    ):
        kinds.insert(kinds.index("date"), "duration")
    return kinds


_BARE_TIME = re.compile(r"时间")
# A time asked of whether it is there ("有没有周末或者晚上的时间"): a slot, no length.
_WHETHER_TIME = re.compile(r"(?:有没有|有无|是否|会不会|能不能|可不可以)[^，,。？?；;]*时间")


NEGATION = re.compile(r"不能|不可以|不可|不允许|禁止|不得")
# A rule as it was and as it is ("结算周期一开始定的多长，后来怎么调的", "修改后多了什么",
# "前后有什么变化", "远程审方那条后来改过没有"): the notice that set it and the one that
# changed it.
_CHANGE = (
    r"怎么变|变化|变成|变为|前后|后来|一开始|起初|最初|(?:修改|修订|调整)(?:以|之)?后|改成|改为"
    # (改了 asks after a change when the question goes on to ask of it — 改了吗, 改了以后,
    # 改了多少 — not when it tells what someone did: "方子被药师拦下改了十几张",
    # "厂子改了厂名")
    r"|调成|调为|新旧|旧版|老版|改过|改了(?=吗|没|以后|之后|后|什么|哪|多少|几|成|为|\s*[？?，,。；;])"
    r"|修改过|调整过|有没有(?:调整|修改|改动|变动)"
)
CHANGE_ASKED = re.compile(_CHANGE)
# A change asked of as a comparison of before and after ("从几张变成了几张", "前后有什么变化",
# "旧版怎么规定"), which an earlier edition answers too — not "修订后的标准…", asked of the
# new edition alone.
EDITIONS_COMPARED = re.compile(
    r"怎么变|变化|变成|变为|变了|前后|一开始|起初|最初|原来|新旧|旧版|老版|改成|改为|调成|调为|换成"
)
# The rule as it stands after a change, asked of the amended document by name ("江西修改后的
# 实施细则", "2025年修订以后的办法分别是多少", "安徽2025年改过的规程"), without asking what
# it was: the item rewriting the rule answers, and the sentence it rewrote (what the rule was)
# is no part of the answer.
_AFTER_DOCUMENT = re.compile(
    r"(?:修改|修订|调整|改)(?:过的|过?(?:以|之)?后的?)[^，。？；、]{0,24}?(?:版|文件|"
    + DOC_KINDS
    + ")"
)


def asks_after_only(question: str) -> bool:
    """Whether the question asks of an amended document as it now stands, not of the change."""
    return bool(_AFTER_DOCUMENT.search(question)) and not EDITIONS_COMPARED.search(question)


# A question that compares or lists several notices: "国家和湖南省分别…", "有什么不同",
# 各 as the adverb "each" before what is asked ("…和…各怎么说", "各是什么要求"; not the
# determiner of 各地 / 各级), "两份文件" / "哪两个方案".
_COMPARISON = re.compile(
    r"分别|各自|各(?:是|提|涉及|有|怎|如何|规定|要求|说|定)|不同|相同|区别|差异|关系|对比|比较"
    r"|(?:两|哪两)(?:份|个|部|项)(?:文件|通知|方案|办法|意见|规定|公告)"
    rf"|{_CHANGE}|一样吗|一致吗"
    # "两篇集采文章里…", "这三份医保文件…": the documents counted, words between.
    r"|(?:两|三|哪两|哪三)(?:份|个|部|项|篇|则)[^，,。？?、]{0,8}?"
    r"(?:文件|通知|方案|办法|意见|规定|公告|文章|报道|新闻|解读)"
)
# "哪些文件提到了…", "在哪些医保扶贫文件里有要求": the answer lists every notice that does.
_WHICH_DOCS = re.compile(r"哪(?:些|几个|几份|几项).{0,8}?(?:文件|通知|公告|政策|规定)")
# The nation named: 国家, 全国, the State Council, the centre.
NATIONAL = re.compile(rf"国家|全国|国务院|国办|{CENTRE}")
# "哪些文件提到X？", "哪几个通知提及了X": which notices mention X; X is what is asked for.
_MENTIONS = re.compile(
    r"哪(?:些|几个|几份|几项)(?:文件|通知|政策|规定|地方|省份|省市|部门)[^，,。？?]{0,4}?"
    r"(?:提到|提及|涉及|说到|讲到|写到)(?:了|过)?(?P<topic>[^，,。；;？?]{2,30})"
)


def mentioned_topic(question: str) -> str:
    """What a which-notices-mention question asks about ("推进医疗器械唯一标识（UDI）" in
    "哪些文件提到推进医疗器械唯一标识（UDI）？各自怎么表述？"); "" for another question."""
    m = _MENTIONS.search(question)
    return m.group("topic").strip() if m else ""


# A document referred to by its title's shape ("国家卫健委办公厅关于食源性疾病暴发事件报告和
# 现场调查处置的那个通知") or in 《》: the question asks what that one says.
_DOCUMENT_REFERRED = re.compile(
    rf"关于[^，,。？?；;、]{{2,40}}?的(?:那个|这个|那份|这份|那一份|这一份)?(?:{DOC_KINDS})"
    r"|《[^》]{4,80}》"
)


def refers_to_document(question: str) -> bool:
    """Whether the question refers to a document by its title's shape or in 《》."""
    return bool(_DOCUMENT_REFERRED.search(question))


ONE_DOC = re.compile(r"哪个文件|哪份文件|哪一个文件|哪个通知|哪份通知|哪一份|哪个公告|哪一个")
# (批准文号 is a drug's approval number, not a document's.)
DOCNO_QUESTION = re.compile(r"(?<!批准)文号|发文字号|字号是")


def question_terms(question: str) -> list[str]:
    """The bigrams a passage must share with the question to be about it."""
    text = without_doc_numbers(question)
    for word in sorted(_QUESTION_WORDS, key=len, reverse=True):
        text = text.replace(word, " ")
    seen: dict[str, None] = {}
    for b in bigrams(text):
        seen.setdefault(b, None)
    return list(seen)


# Words that frame a question rather than name its subject; a passage need not contain them.
_FRAMING_WORDS = frozenset(
    (  # noqa: SIM905 - one readable block of words
        "什么 哪些 哪个 哪份 哪篇 哪一个 哪里 多少 多久 多长 多长时间 多大 几个 怎么 怎样 "
        "如何 是否 有没有 能不能 可不可以 请问 主要 内容 关于 现在 目前 还要 要求 规定 文件 "
        "通知 有何 可以 能否 需要 应该 应当 一下 情况 方面 进行 开展 提出 提了 具体 包括 "
        "相关 有关 已经 还有 这个 那个 这些 那些 这份 那份 这种 什么时候 时候 分别 各自 "
        "出台 发了 出过 里面 其中 以后 之后 后来 此后 当时 最近 如今 最多 最少 一次 开始 属于 层面 "
        "措施 文章"
    ).split()
)


def question_words(question: str) -> list[str]:
    """The subject words of a question (jieba segmentation, framing words dropped)."""
    text = without_doc_numbers(question)
    out: list[str] = []
    for word in segment(to_halfwidth(text)):
        word = word.strip()
        if (len(word) < 2 and not word.isdigit()) or word in _FRAMING_WORDS:
            continue
        if re.search(r"[\u3400-\u9fffA-Za-z0-9]", word) and word not in out:
            out.append(word)
    return out


def segment(text: str) -> list[str]:
    """``text`` cut into words (jieba, imported on first use)."""
    return list(jieba_module().lcut(text))


def known_word(word: str) -> bool:
    """Whether the segmenter's dictionary holds ``word`` (能力, 要求), rather than the
    segmenter having guessed it from characters it does not know (各能, 能奖)."""
    jieba = jieba_module()
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(word))


def asks_for_series(question: str, routed: Sequence[Hit]) -> bool:
    """Whether the routed hits are several notices of one 文号 prefix that the question
    names without a full 文号 (the retriever's series routing)."""
    if find_doc_numbers(question) or len({h.chunk.notice_id for h in routed}) < 2:
        return False
    prefixes = {p.prefix if (p := parse_doc_number(h.doc_number)) else "" for h in routed}
    return len(prefixes) == 1 and bool(prefix := prefixes.pop()) and prefix in question


def asks_about_several(question: str, hits: Sequence[Hit]) -> bool:
    """Whether the question compares or joins several notices.

    Comparison words say so ("分别", "有什么不同"), and so do two places ("福建和甘肃",
    "国家卫健委的通知，陕西省是怎么落实的") unless one notice is issued by all of them
    (the 渝黔滇豫 joint procurement names four provinces in one title).
    """
    if _COMPARISON.search(question) or _WHICH_DOCS.search(question):
        return True
    places = named_places(question)
    if len(places) < 2:
        return False
    lead = hits[0].title + hits[0].issuer if hits else ""
    return not all(p in lead for p in places)


def notice_name(notice: Notice | Hit) -> str:
    """A notice's title and issuer, as ``naming_spans`` reads a question against them."""
    return notice.title + " " + notice.issuer


def index_names(notices: Mapping[str, Notice]) -> list[str]:
    """Every notice's ``notice_name``: the ``names`` ``naming_spans`` counts a stretch in."""
    return [notice_name(n) for n in notices.values()]


def naming_spans(question: str, name: str, names: Sequence[str]) -> list[tuple[int, int, int]]:
    """Where the question may name one notice: its maximal stretches (3+ characters) that
    also stand in ``name`` (the notice's title and issuer), each with how many of the
    index's ``names`` hold it. Bare dates and numbers name nothing, nor do kinds of document
    and joining words before a 的 (规定的 of "办法规定的比例")."""
    found: list[tuple[int, int, int]] = []
    n = len(question)
    for i in range(n - 2):
        if found and i < found[-1][1]:
            continue  # inside a stretch already kept: no longer one starts here
        j = i + 2
        while j <= n and question[i:j] in name:
            j += 1
        end = j - 1
        if (
            end - i < 3
            or _DATE_OR_NUMBER.fullmatch(question[i:end])
            or _KIND_ONLY.fullmatch(question[i:end])
        ):
            continue
        found.append((i, end, sum(question[i:end] in other for other in names)))
    return found


def names_few(count: int, titles: int) -> bool:
    """Whether a stretch that ``count`` of an index's ``titles`` hold names a notice: at most
    a twentieth of them (three at least) do. Relative to the index, so a stretch every title
    shares (关于印发, 的通知, 国家卫生健康委) names nothing, while 全国老龄办, 平凉市 or
    紧密型县域医 names its notice."""
    return count <= max(3, titles // 20)


_DATE_OR_NUMBER = re.compile(r"[\d年月日号第〔〕（）()\[\]]+")
# A stretch of kinds of document and joining words ending with 的 ("管理办法规定的比例" has
# 规定的, which "…暂行规定的通知" holds): the question says what a document states, it names
# no title. (Ending a title, "…一致性评价的公告" names the 公告 and not the 通告.)
_KIND_ONLY = re.compile(
    r"(?:的|和|与|及|之|关于|印发|通知|意见|方案|办法|要点|任务|文件|公告|规定|细则|指南|决定"
    r"|分工|规划|计划)*的"
)


def named_places(question: str) -> list[str]:
    """Provinces the question names (a city's: 平凉市 → 甘肃), plus 全国 when it sets a
    national body beside them ("国家卫健委的通知和云南…", "国务院和平凉市…"; not a body
    reported to: "…要多久上报国家卫健委")."""
    places = _provinces_named(question)
    if places and any(
        not _REPORTED_TO.search(question, 0, m.start()) for m in NATIONAL.finditer(question)
    ):
        places.append("全国")
    return places


# A body a report goes to ("…要多久上报国家卫健委"), not a body whose document is asked of.
_REPORTED_TO = re.compile(r"(?:上报|报送|报告|报|向|提交|呈报)\s*$")


# A place's mention that names a document: a word for a document follows within its clause
# ("浙江自己的医改通知", "国务院办公厅2020年下半年的任务").
_DOCUMENT_WORD = re.compile(
    r"[^，,。；;？?]{0,14}?(通知|意见|方案|办法|要点|任务|文件|公告|规定|细则|指南|决定|分工|规划"
    r"|计划|报道|文章|专访|新闻)"
)


def _provinces_named(text: str) -> list[str]:
    """The provinces ``text`` names (``named_outright``), then those of the cities it names
    bare (``bare_cities``), beside one named outright only when listed as places
    (``listed_bare_cities``: "苏州和重庆万州区的…" names 江苏 beside 重庆)."""
    outright = named_outright(text)
    bare = listed_bare_cities(text) if outright else bare_cities(text)
    return list(dict.fromkeys([*outright, *(local_province(c) for c in bare)]))


def named_outright(text: str) -> list[str]:
    """The provinces ``text`` names by their short names, then those of the cities it names
    as cities (``places_in``: 平凉市, 恩施州)."""
    places = [p for p in PROVINCES if p in text]
    return places + [p for p in places_in(text) if p not in places]


# A national body as the one whose rule is asked of: a ministry or commission (国家卫健委,
# 国家医保局), the State Council, or 国家 saying or requiring something ("国家对…有没有硬指标",
# "国家要求…"); not 国家 naming a programme or a standard (国家组织集采, 国家标准).
_NATIONAL_RULE = re.compile(
    rf"国务院|国办|{CENTRE}|国家(?:[\u4e00-\u9fff]{{0,5}}?(?:委|局|部|办公厅))|国家(?:层面|对|要求|规定|明确|提出|的)"
)


def national_only(question: str) -> bool:
    """Whether the question asks of a national body's rule and of no province or city
    ("国家对医院主动报告不良事件的数量有没有硬指标？", "国家医保局对…有什么要求？"; not
    "…要多久上报国家卫健委")."""
    if _provinces_named(question):
        return False
    return any(
        not _REPORTED_TO.search(question, 0, m.start()) for m in _NATIONAL_RULE.finditer(question)
    )


def conversation_places(text: str) -> list[str]:
    """The places a turn asks about: provinces named (short names, or a city's province),
    else 全国 when it names only a national body ("国务院办公厅部署…")."""
    places = _provinces_named(text)
    if not places and NATIONAL.search(text):
        places.append("全国")
    return places


def asks_one_document(question: str) -> bool:
    """Whether the question asks which one document says something ("哪个文件规定了…"),
    not when that is only one of its asks ("北京发的是哪个文件？湖南的…安排在几月？")."""
    if not ONE_DOC.search(question):
        return False
    asks = separate_asks(question)
    return not asks or all(ONE_DOC.search(a) for a in asks)


def question_anchors(
    question: str, naming: Mapping[str, Sequence[tuple[int, int]]], hits: Sequence[Hit]
) -> dict[str, tuple[int, list[tuple[int, int]]]]:
    """Where the question refers to each notice of ``hits``, with the stretches that refer
    to it: the names it gives the notice (``naming``), the notice's province ("湖南的实施
    意见"), or a national body's words for a national notice ("国家五部门的通知"). The
    reference starts at the place when one is named, else at the first name."""
    out: dict[str, tuple[int, list[tuple[int, int]]]] = {}
    for hit in hits:
        nid = hit.chunk.notice_id
        if nid in out:
            continue
        spans = list(naming.get(nid, ()))
        words = NATIONAL if hit.region == "全国" else re.compile(re.escape(hit.region))
        places = list(words.finditer(question)) if hit.region else []
        # Of the place's mentions, the one that goes on to name a document ("浙江自己的医改
        # 通知", not "浙江在委省共建…上进展如何").
        found = next(
            (m for m in places if _DOCUMENT_WORD.match(question, m.end())),
            places[0] if places else None,
        )
        if found:
            # The place is where a reference begins ("湖南的实施意见"); a title word the
            # question opens with may be the topic all parts share ("二级公立医院绩效考核，
            # 上海的实施方案…").
            spans.append(found.span())
            out[nid] = (found.start(), spans)
        elif spans:
            out[nid] = (min(a for a, _ in spans), spans)
    return out


def _parts(
    question: str, anchors: Mapping[str, tuple[int, Sequence[tuple[int, int]]]]
) -> dict[str, tuple[int, int, int]]:
    """Where the question asks each notice it refers to its own thing: for each notice,
    where the shared topic ends and where its own part starts and ends.

    The question is cut where each notice is first referred to (``anchors``); a notice's
    part runs to the next notice's, and the words before the first (the topic all parts
    share) lead every part: "医保扶贫怎么衔接？国家五部门的通知鼓励哪些地区…，湖南的实施意见
    又要求什么时候…" asks the national notice one thing and the Hunan one another. Notices
    first referred to at one place share a part. A part asking nothing of its own but ending
    in 呢 ("…最多给多少？2024年新办法出来以后呢？") runs from where the part before it starts: it
    asks that part's question. When some other part asks nothing beyond its names ("X和Y各提了
    什么？"), there are no parts: nothing is returned."""
    starts = sorted({start for start, _ in anchors.values()})
    if len(starts) < 2:
        return {}
    blank = [False] * len(question)
    for _, spans in anchors.values():
        for a, b in spans:
            blank[a:b] = [True] * (b - a)
    for m in (*PROVINCE_PATTERN.finditer(question), *NATIONAL.finditer(question)):
        blank[m.start() : m.end()] = [True] * (m.end() - m.start())
    ends: dict[int, int] = {}
    opens: dict[int, int] = {}
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(question)
        rest = "".join(c for i, c in enumerate(question[start:end], start) if not blank[i])
        opens[start] = start
        if not ASKS.search(rest):
            if k == 0 or not _ELLIPTICAL_PART.search(rest):
                return {}
            # "…最多给多少？2024年新办法出来以后呢？": a part asking nothing of its own but
            # ending in 呢 asks what the part before it asked.
            opens[start] = opens[starts[k - 1]]
        ends[start] = end
    return {nid: (starts[0], opens[start], ends[start]) for nid, (start, _) in anchors.items()}


_ELLIPTICAL_PART = re.compile(r"呢\s*[？?]?\s*$")


def notice_asks(
    question: str,
    naming: Mapping[str, Sequence[tuple[int, int]]],
    anchors: Mapping[str, tuple[int, Sequence[tuple[int, int]]]],
) -> dict[str, str]:
    """What a question about several notices asks each notice it names or refers to.

    A notice asked its own thing is asked its part (``_parts``); one asked what all are
    asked ("基层人员的高级岗位比例，X和Y分别怎么说？") is asked the whole question. Either way
    the stretches naming the other notices ask nothing of it, nor do the place and the time
    naming it ("平凉市…2020年下半年医改分工…"): its sentences restating its own name
    (2020年下半年全市深化医药卫生体制改革要…) answer nothing. Its topic words stay: they may
    be what is asked."""
    cuts = _parts(question, anchors)
    each = {} if cuts else _respectively(question, anchors)
    # A time just before a name is part of it ("2023年“优质服务基层行”三年行动方案").
    naming = {
        nid: [*spans, *(m.span() for a, _ in spans if (m := _TIME_BEFORE.search(question, 0, a)))]
        for nid, spans in naming.items()
    }
    out: dict[str, str] = {}
    for nid in dict.fromkeys([*naming, *anchors]):
        own = naming.get(nid, ())
        spans = [span for span in own if _place_or_time(question[span[0] : span[1]])]
        # Another notice's name ("紧密型县域医共体指导意见") asks nothing of this one; words of
        # its title that are the topic asked of both ("新生儿参保") stay.
        spans += [
            (a, b)
            for other, named in naming.items()
            if other != nid
            for a, b in named
            if _KIND.search(question, a, b) or _place_or_time(question[a:b])
        ]
        if nid in each:
            # "X和Y分别对等级评价、首诊制度提了什么": the other notices' topics are theirs,
            # and what is asked of this one is its topic, not the words naming it.
            spans += [span for other, span in each.items() if other != nid]
            spans += [s for named in naming.values() for s in named]
        text = list(question)
        for a, b in spans:
            text[a:b] = " " * (b - a)
        blanked = "".join(text)
        if nid in cuts:
            topic, a, b = cuts[nid]
            blanked = blanked[:topic] + blanked[a:b]
        out[nid] = re.sub(r"\s+", " ", blanked).strip()
    return out


def _respectively(
    question: str, anchors: Mapping[str, tuple[int, Sequence[tuple[int, int]]]]
) -> dict[str, tuple[int, int]]:
    """For "X和Y分别对A、B提了什么", each notice's own topic (X: A, Y: B), in the order the
    question refers to them: the list after 分别 / 各自 when it has as many items as the
    notices; else nothing."""
    order = sorted(anchors, key=lambda nid: anchors[nid][0])
    if len(order) < 2 or len({anchors[n][0] for n in order}) < len(order):
        return {}
    last = max(b for _, spans in anchors.values() for _, b in spans)
    m = _EACH_LIST.search(question, last)
    if m is None:
        return {}
    items = list(_LIST_JOIN.finditer(m.group("items")))
    if len(items) != len(order):
        return {}
    at = m.start("items")
    return {nid: (at + i.start(), at + i.end()) for nid, i in zip(order, items, strict=True)}


# "分别对基层机构等级评价、家庭医生首诊提了什么", "各自在A和B上怎么规定".
_EACH_LIST = re.compile(
    r"(?:分别|各自|各)(?:对|在|就|关于|从)(?P<items>[^，,。？?；;]{4,60}?)"
    r"(?:上|方面|问题)?(?:提了|提出|作了|做了|有|是|怎么|如何|规定|要求|作出)"
)
_LIST_JOIN = re.compile(r"[^、和与及]+")
_KIND = re.compile(f"(?:{DOC_KINDS})")
_TIME_BEFORE = re.compile(r"(?:19|20)\d{2}\s*年(?:上半年|下半年|度)?的?[“《\"]?$")


def _place_or_time(words: str) -> bool:
    """Whether a naming stretch is a place (平凉市, 山东省) or a time (2020年下半年)."""
    bare = re.sub(r"(?:省|市|自治区|自治州|州|县|区)$", "", words)
    return bool(YEAR.search(words)) or bare in PROVINCE_NAMES or bare in CITY_PROVINCE


def editions_asked_in_turn(question: str) -> bool:
    """Whether the question names two editions by their years and asks the later what it
    asked the earlier ("2021年的试行办法要求按多大比例采？2024年的正式办法呢？"): a later ask
    asking nothing of its own but ending in 呢."""
    parts = [p for p in re.split(r"(?<=[？?])", question) if p.strip()]
    return len(edition_years(question)) > 1 and any(
        _ELLIPTICAL_PART.search(p) and not ASKS.search(p) for p in parts[1:]
    )


def edition_years(question: str) -> set[str]:
    """The years a question names documents by ("2021年的试行办法和2024年的新办法", the span of
    "2025—2027年方案"), not the deadlines or targets it names ("到2025年底达到多少")."""
    years = {str(y) for y in document_years(question)}
    for m in YEAR_RANGE.finditer(question):
        lo, hi = sorted((int(m.group(1)), int(m.group(2))))
        years |= {str(y) for y in range(lo, hi + 1)}
    return years
