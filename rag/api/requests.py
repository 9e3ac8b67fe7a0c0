"""The request bodies of the JSON endpoints and the chat endpoint (pydantic models shown in
/docs)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from rag.api.errors import MODEL_ID
from rag.config import check_index_name
from rag.retrieve import Filters

# ---------------------------------------------------------------------------
# Request models


def _encodable(value: str) -> str:
    # A lone UTF-16 surrogate ("\ud800") is valid JSON but cannot be written back as UTF-8.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(
            "文本含有无法编码的字符（单独的 UTF-16 代理项），请检查输入的编码"
        ) from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]
IndexName = Annotated[
    str,
    Field(min_length=1, max_length=100),
    AfterValidator(_encodable),
    AfterValidator(check_index_name),
]
INDEXES_HELP = (
    "要检索的索引名（默认为服务启动时的索引）；多个索引的结果在同一尺度上融合，"
    "每条段落与引用的 index 字段注明出处"
)


StatusName = Literal["现行有效", "已过有效期", "已废止", "已修订", "尚未施行", "未知"]
# The date statuses are judged on (YYYY-MM-DD); today when absent.
AsOf = Annotated[
    dt.date | None,
    Field(None, strict=False, description="按此日期判断通知效力，如 2021-01-01（默认今天）"),
]


class FiltersIn(BaseModel):
    """Restrict results to notices of one region, year, issuer or category."""

    model_config = ConfigDict(strict=True, extra="forbid")

    region: Text = Field("", max_length=50, description="省级地区简称，如 福建；全国 表示国家层面")
    year: int | None = Field(None, ge=1900, le=2100, description="年份，如 2023")
    issuer: Text = Field("", max_length=200, description="发文机关（包含匹配）")
    category: Text = Field("", max_length=100, description="类别（完全匹配）")
    status: list[StatusName] = Field(
        default_factory=list, max_length=6, description="只要这些效力状态（按 as_of 日期判断）"
    )

    def to_filters(self, as_of: str | None = None) -> Filters:
        return Filters(
            region=self.region.strip(),
            year=self.year,
            issuer=self.issuer.strip(),
            category=self.category.strip(),
            status=tuple(dict.fromkeys(self.status)),
            as_of=as_of,
        )


def _filters(filters: FiltersIn | None, as_of: dt.date | None) -> Filters | None:
    day = as_of.isoformat() if as_of else None
    if filters is not None:
        return filters.to_filters(day)
    return Filters(as_of=day) if day else None


class SearchRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={"examples": [{"query": "国卫办医函[2020]357号讲了什么？", "k": 5}]},
    )

    query: Text = Field(..., description="问题或关键词；文号（任意括号）会直达该通知")
    k: int = Field(10, ge=1, le=1000, description="返回段落数（上限为 max_k 设置，默认 100）")
    filters: FiltersIn | None = None
    indexes: list[IndexName] | None = Field(
        None, min_length=1, max_length=8, description=INDEXES_HELP
    )
    as_of: AsOf = None


class Turn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: Text


class AskRequest(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        json_schema_extra={"examples": [{"question": "长期处方最长能开多久？"}]},
    )

    question: Text = Field(..., description="问题")
    history: list[Turn] = Field(
        default_factory=list, max_length=200, description="此前的对话（追问时用），OpenAI 格式"
    )
    k: int | None = Field(None, ge=1, le=1000, description="用于回答的段落数（默认 answer_k）")
    filters: FiltersIn | None = None
    indexes: list[IndexName] | None = Field(
        None, min_length=1, max_length=8, description=INDEXES_HELP
    )
    as_of: AsOf = None


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Text
    text: Text | None = None


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: Text | list[ContentPart] | None = None


class StreamOptions(BaseModel):
    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class ChatRequest(BaseModel):
    """OpenAI chat-completions request; sampling fields (temperature, top_p…) are ignored."""

    model_config = ConfigDict(
        strict=True,
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "model": MODEL_ID,
                    "messages": [{"role": "user", "content": "国卫办医函[2020]357号讲了什么？"}],
                }
            ]
        },
    )

    model: Text = Field(
        MODEL_ID, description=f"模型名（任意；回显于响应，/v1/models 列出 {MODEL_ID}）"
    )
    messages: list[ChatMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False
    stream_options: StreamOptions | None = None
    k: int | None = Field(None, ge=1, le=1000, description="policy-rag 扩展：用于回答的段落数")
    filters: FiltersIn | None = Field(None, description="policy-rag 扩展：筛选条件")
    references: bool = Field(True, description="policy-rag 扩展：在回答文本末尾附引用列表")
