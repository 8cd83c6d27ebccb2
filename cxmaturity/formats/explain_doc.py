"""The ``cxmaturity.explain/1`` JSON format (``explain --format json``): one pydantic model
writes it and gives its schema (``schema explain``). Figures are raw (unrounded) and reported."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EXPLAIN_FORMAT = "cxmaturity.explain/1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IntervalDoc(_Doc):
    low: float
    high: float
    n: int


class ItemDoc(_Doc):
    question: str
    weight: float
    answer: int | str | None = Field(
        description="A stage number, `unknown` or `n/a`; null when left blank."
    )
    counts: Literal["answered", "excluded", "unanswered"] = Field(
        description="Which sums the answer enters."
    )


class RespondentDoc(_Doc):
    name: str
    role: str | None
    source: str
    items: list[ItemDoc]
    applicable_weight: float
    answered_weight: float
    coverage: float | None
    weighted_sum: float
    score: float | None


# Fields are declared in the order the file has always listed them.


class DimensionDoc(_Doc):
    id: str
    name: str
    weight: float
    respondents: list[RespondentDoc]
    counted: list[float] = Field(description="The defined respondent scores averaged.")
    raw: float | None
    score: float | None
    stage: int | None = Field(ge=1, le=6)
    stage_name: str | None
    spread: float | None
    disagreement: bool
    target: int | None = Field(ge=1, le=6)
    gap: int | None
    interval: IntervalDoc | None
    borderline: bool


class DepartmentDoc(_Doc):
    id: str
    name: str
    respondents: int
    dimensions: list[DimensionDoc]
    partial: bool = Field(description="True when only some dimensions are shown.")
    weighted_sum: float
    weight_total: float
    raw: float | None
    score: float | None
    stage: int | None = Field(ge=1, le=6)
    stage_name: str | None
    target: int | None = Field(ge=1, le=6)
    gap: int | None
    interval: IntervalDoc | None
    borderline: bool
    interval_method: str


class QuestionnaireDoc(_Doc):
    id: str
    version: str
    sha256: str | None


class ExplainDoc(_Doc):
    """How a department's score is derived, ``cxmaturity explain --format json``."""

    format: Literal["cxmaturity.explain/1"]
    questionnaire: QuestionnaireDoc
    department: DepartmentDoc
