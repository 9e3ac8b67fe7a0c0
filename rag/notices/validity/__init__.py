"""Whether a notice's rules are in force, and why.

Read from a notice's own text (:func:`read_validity`): when its rules take effect (施行 /
执行 / 实施 dates, or 自印发/发布之日起), when they expire (有效期N年 counted from the
effective date, 有效期至…), whether they are 试行 / 暂行, and the documents it repeals
(废止 / 失效 / 停止执行), amends (对《X》作如下修改) or implements (根据 / 按照 / 贯彻落实
《X》（文号）…结合本地实际). Every value keeps the sentence it was read from.

Across an index (:class:`ValidityIndex`) those relations are resolved to the notices they
name — by 文号, else by title (a 《X》 matches the notice titled X or the cover letter
关于印发《X》的通知) — which gives each notice its repealed-by, amended-by and
implemented-by lists, and a :class:`Status` as of any date: 现行有效 / 已过有效期 / 已废止 /
已修订 / 尚未施行 / 未知. Nothing is guessed: with no clause that says, the status is 未知.
Contradictory clauses (two different 施行 dates or expiries) leave the value unknown and a
warning, never a wrong status.
"""

from rag.notices.validity.index import (
    NOT_IN_FORCE,
    REPEALED,
    STATUSES,
    Incoming,
    NoticeValidity,
    Status,
    StatusLabel,
    ValidityIndex,
    check_statuses,
    parse_as_of,
    validity_options,
)
from rag.notices.validity.reading import (
    Edition,
    Validity,
    earlier_editions,
    own_name,
    own_titles,
    read_validity,
    sentences,
)
from rag.notices.validity.relations import Relation, RelationName

__all__ = [
    "NOT_IN_FORCE",
    "REPEALED",
    "STATUSES",
    "Edition",
    "Incoming",
    "NoticeValidity",
    "Relation",
    "RelationName",
    "Status",
    "StatusLabel",
    "Validity",
    "ValidityIndex",
    "check_statuses",
    "earlier_editions",
    "own_name",
    "own_titles",
    "parse_as_of",
    "read_validity",
    "sentences",
    "validity_options",
]
