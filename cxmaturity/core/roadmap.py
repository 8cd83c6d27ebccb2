"""What the report recommends: next steps, highlights and discussion points.

Pure domain code over one scored ``Result`` and its ``Questionnaire``: it selects and
orders, it never recomputes a score. Gaps come from the core, which scored the answers
against the targets; when no organisation-wide target was given, the report aims one
stage above where the organisation stands today, and says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import ALL_STEPS, Action, Plan, build_plan
from cxmaturity.core.result import DimensionResult, QuestionStats, Result
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets, apply_targets


@dataclass(frozen=True)
class TargetChoice:
    """The organisation-wide target the report measured gaps against, and where it came from."""

    stage: Stage | None
    defaulted: bool
    """True when nobody set a target and the report chose one stage above today's."""
    from_file: bool = False


@dataclass(frozen=True)
class StageSteps:
    """The questionnaire's recommendations for moving on from one stage."""

    stage: Stage
    steps: tuple[str, ...]


@dataclass(frozen=True)
class DimensionPlan:
    dimension_id: str
    name: str
    weight: float
    score: float | None
    stage: Stage
    target: Stage
    gap: int
    stages: tuple[StageSteps, ...]

    @property
    def weighted_gap(self) -> float:
        return self.gap * self.weight

    @property
    def steps(self) -> tuple[str, ...]:
        return tuple(step for stage in self.stages for step in stage.steps)


@dataclass(frozen=True)
class DepartmentPlan:
    department_id: str
    name: str
    dimensions: tuple[DimensionPlan, ...]


@dataclass(frozen=True)
class DiscussionPoint:
    """A question on which one department's respondents are two or more stages apart."""

    department_id: str
    department: str
    question_id: str
    question: str
    dimension: str
    stats: QuestionStats

    @property
    def spread(self) -> int:
        return self.stats.spread or 0


@dataclass(frozen=True)
class Highlights:
    strongest: tuple[DimensionResult, ...]
    weakest: tuple[DimensionResult, ...]
    largest_gaps: tuple[DimensionPlan, ...]
    disagreements: int
    """Department x dimension pairs whose respondents' scores are two or more stages apart."""
    discussion_points: int


@dataclass(frozen=True)
class Roadmap:
    target: TargetChoice
    organisation: tuple[DimensionPlan, ...]
    departments: tuple[DepartmentPlan, ...]
    discussion: tuple[DiscussionPoint, ...]
    highlights: Highlights


def default_target(result: Result) -> Stage | None:
    """One stage above the organisation's current stage, capped at Embed."""
    current = result.organisation.stage
    return None if current is None else Stage(min(int(current) + 1, int(Stage.EMBED)))


def with_default_target(result: Result, targets: Targets | None) -> tuple[Result, TargetChoice]:
    """``result`` (already aimed at ``targets``), aimed one stage higher when no target was set.

    Only targets and gaps change: the scores, and so the warnings, stay those of ``result``.
    """
    from_file = targets is not None and targets.source is not None
    if targets is not None and targets.organisation is not None:
        return result, TargetChoice(targets.organisation, defaulted=False, from_file=from_file)
    stage = default_target(result)
    if stage is None:
        return result, TargetChoice(None, defaulted=False, from_file=from_file)
    chosen = (targets or Targets()).with_default(stage)
    return apply_targets(result, chosen), TargetChoice(stage, True, from_file)


def plan(dimensions: Iterable[DimensionResult], q: Questionnaire) -> tuple[DimensionPlan, ...]:
    """Next steps for every dimension below its target, highest weighted gap first.

    Each dimension gets the questionnaire's recommendations for its current stage, then
    the next stage's, up to the stage just below its target. Ties go to the dimension
    further behind (lower score), then to questionnaire order.
    """
    plans = [
        _dimension_plan(dim, q)
        for dim in dimensions
        if dim.gap and dim.stage is not None and dim.target is not None
    ]
    order = {dim.id: index for index, dim in enumerate(q.dimensions)}
    return tuple(
        sorted(
            plans,
            key=lambda p: (-p.weighted_gap, p.score or 0.0, order.get(p.dimension_id, 0)),
        )
    )


def _dimension_plan(dim: DimensionResult, q: Questionnaire) -> DimensionPlan:
    assert dim.stage is not None and dim.target is not None and dim.gap is not None
    stages = tuple(
        StageSteps(Stage(level), tuple(q.next_steps(dim.id, Stage(level))))
        for level in range(int(dim.stage), int(dim.target))
    )
    return DimensionPlan(
        dim.id, dim.name, dim.weight, dim.score, dim.stage, dim.target, dim.gap, stages
    )


ORGANISATION_STEPS = 5
"""At most this many steps per dimension in the organisation-wide roadmap (format 2)."""


def _answer_driven(
    result: Result,
    organisation: tuple[DimensionPlan, ...],
    departments: tuple[DepartmentPlan, ...],
    steps: Plan,
) -> tuple[tuple[DimensionPlan, ...], tuple[DepartmentPlan, ...]]:
    """Format 2: the steps under each dimension are the improvement plan's, chosen from
    each department's answers to each question, not the dimension's stage."""
    with_org = tuple(_steps_from(p, steps.actions, ORGANISATION_STEPS) for p in organisation)
    with_deps = tuple(
        replace(dep, dimensions=_department_steps(result, dep, steps.departments))
        for dep in departments
    )
    return with_org, with_deps


def _department_steps(
    result: Result, dep: DepartmentPlan, lists: Mapping[str, tuple[Action, ...]]
) -> tuple[DimensionPlan, ...]:
    mine = lists.get(dep.department_id, ())
    with_steps = (_steps_from(p, mine, None) for p in (*dep.dimensions, *_at_target(result, dep)))
    # A dimension at target whose questions all are too has nothing to show.
    return tuple(p for p in with_steps if p.gap or p.stages)


def _at_target(result: Result, dep: DepartmentPlan) -> list[DimensionPlan]:
    """A department's dimensions at target on average but with a question below it: the
    plan has steps for them too, so they follow the dimensions below target."""
    department = result.department(dep.department_id)
    listed = {p.dimension_id for p in dep.dimensions}
    if department is None:
        return []
    return [
        DimensionPlan(d.id, d.name, d.weight, d.score, d.stage, d.target, 0, ())
        for d in department.dimensions
        if d.id not in listed and d.stage is not None and d.target is not None
    ]


def _steps_from(
    dim_plan: DimensionPlan, actions: Sequence[Action], limit: int | None
) -> DimensionPlan:
    mine = [a for a in actions if a.dimension == dim_plan.dimension_id][:limit]
    stages = tuple(
        StageSteps(stage, tuple(a.title for a in mine if a.from_stage == stage))
        for stage in Stage
        if any(a.from_stage == stage for a in mine)
    )
    return replace(dim_plan, stages=stages)


def discussion_points(result: Result, q: Questionnaire) -> tuple[DiscussionPoint, ...]:
    """Questions where a department's answers spread over two or more stages.

    Grouped by department (in questionnaire order), widest spread first within each.
    """
    names = {dim.id: dim.name for dim in q.dimensions}
    points: list[DiscussionPoint] = []
    for dep in result.departments:
        split = sorted(
            (stats for stats in dep.questions if stats.disagreement),
            key=lambda stats: -(stats.spread or 0),
        )
        for stats in split:
            question = q.question(stats.question_id)
            text = question.text if question is not None else stats.question_id
            points.append(
                DiscussionPoint(
                    dep.id,
                    dep.name,
                    stats.question_id,
                    text,
                    names.get(stats.dimension_id, stats.dimension_id),
                    stats,
                )
            )
    return tuple(points)


def highlights(
    result: Result, organisation_plan: Sequence[DimensionPlan], points: int, count: int = 3
) -> Highlights:
    """Strongest and weakest organisation dimensions, the largest gaps, disagreement counts."""
    defined = [dim for dim in result.organisation.dimensions if dim.raw is not None]
    by_score = sorted(defined, key=lambda dim: dim.raw or 0.0)
    disagreements = sum(dim.disagreement for dep in result.departments for dim in dep.dimensions)
    return Highlights(
        strongest=tuple(reversed(by_score[-count:])),
        weakest=tuple(by_score[:count]),
        largest_gaps=tuple(organisation_plan[: count + 2]),
        disagreements=disagreements,
        discussion_points=points,
    )


def build_roadmap(
    result: Result, q: Questionnaire, target: TargetChoice, steps: Plan | None = None
) -> Roadmap:
    """Everything the report recommends, from a result scored against its targets.

    ``steps`` is the improvement plan of every step when the caller has built it already
    (the report does, once, for its pack and this roadmap); otherwise it is built here.
    """
    organisation = plan(result.organisation.dimensions, q)
    departments = tuple(
        DepartmentPlan(dep.id, dep.name, plan(dep.dimensions, q)) for dep in result.departments
    )
    if q.question_steps:
        every = steps if steps is not None else build_plan(result, q, ALL_STEPS)
        organisation, departments = _answer_driven(result, organisation, departments, every)
    points = discussion_points(result, q)
    return Roadmap(
        target=target,
        organisation=organisation,
        departments=departments,
        discussion=points,
        highlights=highlights(result, organisation, len(points)),
    )
