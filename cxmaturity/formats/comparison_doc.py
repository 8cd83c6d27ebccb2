"""The ``cxmaturity.comparison/1`` JSON format (``compare --format json``): one pydantic
model writes it and gives its schema (``schema comparison``)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

COMPARISON_FORMAT = "cxmaturity.comparison/1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideQuestionnaire(_Doc):
    id: str
    versions: list[str]
    sha256: str | None


class SideDoc(_Doc):
    source: str = Field(description="The folder or scores file the side was read from.")
    kind: Literal["answers", "scores"]
    date: str | None = Field(description="The latest `updated` stamp of the side's answers.")
    respondents: int
    questionnaire: SideQuestionnaire


class ScoredDoc(_Doc):
    score: float | None
    stage: int | None = Field(ge=1, le=6)
    stage_name: str | None = Field(description="The stage's English name.")


class ChangeDoc(_Doc):
    id: str
    name: str
    baseline: ScoredDoc | None = Field(description="Null when only the current side has it.")
    current: ScoredDoc | None = Field(description="Null when only the baseline has it.")
    delta: float | None = Field(description="Current minus baseline reported score.")
    stages_moved: int | None
    movement: str = Field(description="The stage movement in words.")
    # Written only when the comparison was aimed at targets.
    target: int | None = Field(default=None, ge=1, le=6)
    gap: int | None = Field(default=None, description="Whole stages still to climb.")


class AreaDoc(ChangeDoc):
    dimensions: list[ChangeDoc]


class ComparisonDoc(_Doc):
    """Progress between two surveys, ``cxmaturity compare --format json``."""

    format: Literal["cxmaturity.comparison/1"]
    baseline: SideDoc
    current: SideDoc
    organisation: AreaDoc
    departments: list[AreaDoc]
    only_in_baseline: list[str]
    only_in_current: list[str]
    warnings: list[str]
