"""The ``cxmaturity.explain/1`` JSON format (``explain --format json``): one pydantic model
writes it (``explain_json``) and gives its schema (``schema explain``). Figures are raw
(unrounded) and reported."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.core import confidence
from cxmaturity.core.confidence import Interval
from cxmaturity.core.explain import (
    DepartmentExplanation,
    DimensionStep,
    RespondentStep,
    counts_towards,
)
from cxmaturity.core.format_ids import EXPLAIN_FORMAT, ExplainId
from cxmaturity.core.result import Item
from cxmaturity.core.stages import Stage


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
    reason: Literal["not asked", "too few answers"] | None = Field(
        default=None,
        description="Why there is no score (written only then): no question of this dimension "
        "is for the department, or it was asked and too few answered.",
    )


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

    format: ExplainId
    questionnaire: QuestionnaireDoc
    department: DepartmentDoc


# ----------------------------------------------------------------------- writing


def _stage(stage: Stage | None) -> dict[str, Any]:
    return {
        "stage": int(stage) if stage is not None else None,
        "stage_name": stage.label if stage is not None else None,
    }


def _item_doc(item: Item) -> ItemDoc:
    return ItemDoc(
        question=item.question_id,
        weight=item.weight,
        answer=_plain(item),
        counts=counts_towards(item),
    )


def _plain(item: Item) -> int | str | None:
    """A stage number, ``unknown`` or ``n/a``; None for a question left blank."""
    if item.answer.stage is not None:
        return int(item.answer.stage)
    return None if item.answer.status == "unanswered" else item.answer.status


def _respondent_doc(r: RespondentStep) -> RespondentDoc:
    return RespondentDoc(
        name=r.name,
        role=r.role,
        source=r.source,
        items=[_item_doc(item) for item in r.items],
        applicable_weight=r.applicable_weight,
        answered_weight=r.answered_weight,
        coverage=r.coverage,
        weighted_sum=r.weighted_sum,
        score=r.score,
    )


def _dimension_doc(step: DimensionStep) -> DimensionDoc:
    dim = step.figures
    return DimensionDoc(
        id=dim.id,
        name=dim.name,
        weight=dim.weight,
        respondents=[_respondent_doc(r) for r in step.respondents],
        counted=list(step.counted),
        raw=dim.raw,
        score=dim.score,
        **_stage(dim.stage),
        spread=dim.spread,
        disagreement=dim.disagreement,
        target=int(dim.target) if dim.target is not None else None,
        gap=dim.gap,
        **_interval(dim.interval),
        # Only where there is no score, as in scores.json, so every other file is unchanged.
        **({} if dim.reason is None else {"reason": dim.reason}),
    )


def _interval(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"interval": None, "borderline": False}
    doc = IntervalDoc(low=interval.low, high=interval.high, n=interval.n)
    return {"interval": doc, "borderline": interval.borderline}


def explain_json(explanation: DepartmentExplanation) -> str:
    """The JSON text of an explanation's ``cxmaturity.explain/1`` document: raw
    (unrounded) and reported figures."""
    data = _document(explanation).model_dump(mode="json", exclude_unset=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _document(explanation: DepartmentExplanation) -> ExplainDoc:
    dep = explanation.figures
    q = explanation.questionnaire
    return ExplainDoc(
        format=EXPLAIN_FORMAT,
        questionnaire=QuestionnaireDoc(id=q.id, version=q.version, sha256=q.sha256),
        department=DepartmentDoc(
            id=dep.id,
            name=dep.name,
            respondents=dep.respondents,
            dimensions=[_dimension_doc(step) for step in explanation.dimensions],
            partial=explanation.partial,
            weighted_sum=explanation.weighted_sum,
            weight_total=explanation.weight_total,
            raw=dep.raw,
            score=dep.score,
            **_stage(dep.stage),
            target=int(dep.target) if dep.target is not None else None,
            gap=dep.gap,
            **_interval(dep.interval),
            interval_method=confidence.METHOD,
        ),
    )
