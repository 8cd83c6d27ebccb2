"""Why a department got its score: the scoring rule's steps, laid out from a Result.

Nothing here scores anything. Every figure comes from the Result that ``scoring.score``
built; the only sums formed here are the numerators and denominators of the means the
Result already holds, so that the derivation can be printed term by term.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.errors import UsageError
from cxmaturity.core.result import (
    DepartmentResult,
    DimensionResult,
    Item,
    QuestionnaireInfo,
    RespondentDimension,
    RespondentResult,
    Result,
)
from cxmaturity.core.scoring import overall_scores
from cxmaturity.core.stages import Stage

"""The share of applicable weight that must be answered (scoring rule, step 2)."""


@dataclass(frozen=True)
class RespondentStep:
    """One respondent's weighted mean for one dimension."""

    name: str
    role: str | None
    source: str
    items: tuple[Item, ...]
    applicable_weight: float
    answered_weight: float
    coverage: float | None
    weighted_sum: float
    score: float | None
    """Unrounded, exactly as the Result holds it; None when too few answers."""


@dataclass(frozen=True)
class DimensionStep:
    """A department's score on one dimension: the mean of its respondents' scores."""

    figures: DimensionResult
    respondents: tuple[RespondentStep, ...]

    @property
    def counted(self) -> tuple[float, ...]:
        """The defined respondent scores that the mean is taken over."""
        return tuple(r.score for r in self.respondents if r.score is not None)


@dataclass(frozen=True)
class DepartmentExplanation:
    questionnaire: QuestionnaireInfo
    figures: DepartmentResult
    dimensions: tuple[DimensionStep, ...]
    weighted_sum: float
    """Σ dimension weight × unrounded dimension score, over defined dimensions."""
    weight_total: float
    """Σ dimension weight, over the same defined dimensions."""
    partial: bool
    """True when only some dimensions are shown (``--dimension``)."""
    overall: tuple[float, ...] = ()
    """Each respondent's own overall score: what the department's interval is made from."""


def explain(
    result: Result, department_id: str, dimension_id: str | None = None
) -> DepartmentExplanation:
    """The derivation of one department's score, or of one of its dimensions."""
    department = result.department(department_id)
    if department is None:
        known = ", ".join(d.id for d in result.departments)
        raise UsageError(f"no answers from department {department_id!r} (answered: {known})")
    members = [r for r in result.respondents if r.department == department_id]
    chosen = _chosen_dimensions(department, dimension_id)
    defined = [d for d in department.dimensions if d.raw is not None]
    return DepartmentExplanation(
        questionnaire=result.questionnaire,
        figures=department,
        dimensions=tuple(DimensionStep(d, _respondent_steps(members, d.id)) for d in chosen),
        weighted_sum=sum(d.weight * d.raw for d in defined if d.raw is not None),
        weight_total=sum(d.weight for d in defined),
        partial=dimension_id is not None,
        overall=tuple(overall_scores(members, department.dimensions)),
    )


def _chosen_dimensions(
    department: DepartmentResult, dimension_id: str | None
) -> tuple[DimensionResult, ...]:
    if dimension_id is None:
        return department.dimensions
    chosen = tuple(d for d in department.dimensions if d.id == dimension_id)
    if not chosen:
        known = ", ".join(d.id for d in department.dimensions)
        raise UsageError(f"unknown dimension {dimension_id!r} (dimensions: {known})")
    return chosen


def _respondent_steps(
    members: list[RespondentResult], dimension_id: str
) -> tuple[RespondentStep, ...]:
    steps = []
    for member in members:
        scored = next(d for d in member.dimensions if d.dimension_id == dimension_id)
        steps.append(_respondent_step(member, scored))
    return tuple(steps)


def _respondent_step(member: RespondentResult, scored: RespondentDimension) -> RespondentStep:
    return RespondentStep(
        name=member.name,
        role=member.role,
        source=member.source,
        items=scored.items,
        applicable_weight=scored.applicable_weight,
        answered_weight=scored.answered_weight,
        coverage=scored.coverage,
        weighted_sum=sum(
            item.weight * int(item.answer.stage) for item in scored.items if item.answer.stage
        ),
        score=scored.score,
    )


def answer_label(item: Item) -> str:
    """How an answer reads in a derivation: ``3 Mobilise``, ``unknown``, ``n/a``, ``blank``."""
    stage: Stage | None = item.answer.stage
    if stage is not None:
        return f"{int(stage)} {stage.label}"
    return {"unknown": "unknown", "n/a": "n/a"}.get(item.answer.status, "blank")


def counts_towards(item: Item) -> str:
    """Which sums an item enters: both, applicable weight only, or neither (n/a)."""
    if item.answer.stage is not None:
        return "answered"
    if item.answer.status == "n/a":
        return "excluded"
    return "unanswered"
