"""The improvement plan: concrete steps chosen from each department's own answers.

Pure domain code over one scored ``Result`` (already measured against its targets) and
its ``Questionnaire``. The rules:

1. A department gets a question's step when its mean answer to that question is below its
   target for the question's dimension. The step is the question's next step out of the
   stage of that mean, so a department already at or above the stage the step leads to
   never gets it, and no department gets two steps from one question.
2. The same step needed by several departments is one action listing them.
3. Priority = gap in stages (target minus the step's stage; the largest over its
   departments) x dimension weight x question weight. Higher first; ties go to the step
   more departments need, then to questionnaire order.
4. The horizon follows the step's effort when the questionnaire gives it (small: 90
   days, medium: 12 months, large: 24 months); a step without one falls back to its
   stage (``HORIZONS``).
5. An action whose dimension ``requires`` others comes after every action of those
   dimensions, and lists their ids in ``requires``.
6. Format 1 questionnaires have no question steps: each department x dimension below its
   target gets the dimension's recommendations for its current stage.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from cxmaturity.core.model import Effort, Questionnaire
from cxmaturity.core.result import DepartmentResult, QuestionStats, Result
from cxmaturity.core.stages import Stage, stage_of

DEFAULT_LIMIT = 15
"""How many actions the organisation's list shows: `plan` by default, and both packs."""
ALL_STEPS = 1_000_000
"""A limit no plan reaches: every step (the roadmap and the schedule time them all)."""

Horizon = Literal["90-days", "12-months", "24-months"]


@dataclass(frozen=True, slots=True)
class Action:
    """One step the organisation should take, for the departments that need it."""

    id: str
    title: str
    dimension: str
    question: str | None
    from_stage: Stage
    departments: tuple[str, ...]
    owner: str | None
    horizon: Horizon
    priority: float
    requires: tuple[str, ...]
    kpis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    target: Stage | None
    target_defaulted: bool
    actions: tuple[Action, ...]
    total: int
    departments: Mapping[str, tuple[Action, ...]]
    unplanned: int = 0
    """Questions (or, in a format 1 questionnaire, dimensions) below target in some
    department for which the questionnaire has no next step: gaps the plan cannot fill,
    so "no steps" never reads as "every target is met"."""
    unplanned_are_dimensions: bool = False

    def first(self, limit: int) -> Plan:
        """The same plan listing only its first ``limit`` actions (the departments' lists
        stay whole): the report and ``plan`` show a short list of the one plan built."""
        return replace(self, actions=self.actions[: max(limit, 0)])


HORIZONS: dict[Stage, Horizon] = {
    Stage.IGNORE: "90-days",
    Stage.EXPLORE: "90-days",
    Stage.MOBILISE: "12-months",
    Stage.OPERATIONALISE: "12-months",
    Stage.ALIGN: "24-months",
    Stage.EMBED: "24-months",
}
"""The horizon rule: first steps out of Ignore or Explore can start and show within 90 days;
steps that turn pilots into routine (out of Mobilise or Operationalise) take about a year;
steps that realign structures and incentives (out of Align or Embed) take up to two years.
Used only for steps that do not say their effort."""

EFFORT_HORIZONS: dict[Effort, Horizon] = {
    "small": "90-days",
    "medium": "12-months",
    "large": "24-months",
}
"""The horizon of a step of known effort: how much work it is, not how mature its stage."""


@dataclass
class _Draft:
    """An action while departments are still being added to it."""

    key: tuple[str, str, Stage, int]
    title: str
    dimension: str
    question: str | None
    from_stage: Stage
    weight: float
    order: int
    effort: Effort | None = None
    gap: int = 0
    departments: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        if self.question is not None:
            return f"{self.question}-{self.from_stage.key}"
        return f"{self.dimension}-{self.from_stage.key}-{self.key[3]}"


def build_plan(
    result: Result,
    questionnaire: Questionnaire,
    limit: int = DEFAULT_LIMIT,
    *,
    target_defaulted: bool = False,
) -> Plan:
    """The organisation's ordered actions (at most ``limit``) and every department's full list.

    A department gets a question's step when its mean answer is below its target for that
    dimension; the step is the one out of the stage of that mean, so a department already
    at or above the stage a step leads to never gets it. Format 1 questionnaires, which
    have no per-question steps, plan from their dimension-level recommendations.
    """
    drafts: dict[tuple[str, str, Stage, int], _Draft] = {}
    gather = _question_steps if questionnaire.question_steps else _dimension_steps
    unplanned: set[str] = set()
    for department in result.departments:
        for draft, gap in gather(department, questionnaire, unplanned):
            kept = drafts.setdefault(draft.key, draft)
            kept.gap = max(kept.gap, gap)
            kept.departments.append(department.id)
    ordered = _in_order(list(drafts.values()), questionnaire)
    per_department = {
        department.id: tuple(a for a in ordered if department.id in a.departments)
        for department in result.departments
    }
    return Plan(
        target=result.organisation.target,
        target_defaulted=target_defaulted,
        actions=tuple(ordered[: max(limit, 0)]),
        total=len(ordered),
        departments=per_department,
        unplanned=len(unplanned),
        unplanned_are_dimensions=not questionnaire.question_steps,
    )


def _question_steps(
    department: DepartmentResult, q: Questionnaire, unplanned: set[str]
) -> Iterator[tuple[_Draft, int]]:
    position = {question.id: index for index, question in enumerate(q.questions)}
    for stats in department.questions:
        question = q.question(stats.question_id)
        target = department.dimension(stats.dimension_id).target
        stage = stage_of(mean_answer(stats))
        if question is None or target is None or stage is None or stage >= target:
            continue
        if question.next_steps is None or stage not in question.next_steps:
            unplanned.add(question.id)  # below target, and nothing in the questionnaire to do
            continue
        yield (
            _Draft(
                key=(question.dimension, question.id, stage, 0),
                title=question.next_steps[stage].text,
                effort=question.next_steps[stage].effort,
                dimension=question.dimension,
                question=question.id,
                from_stage=stage,
                weight=_dimension_weight(q, question.dimension) * question.weight,
                order=position[question.id],
            ),
            int(target) - int(stage),
        )


def _dimension_steps(
    department: DepartmentResult, q: Questionnaire, unplanned: set[str]
) -> Iterator[tuple[_Draft, int]]:
    for order, dim in enumerate(department.dimensions):
        if dim.stage is None or dim.target is None or dim.stage >= dim.target:
            continue
        steps = q.next_steps(dim.id, dim.stage)
        if not steps:
            unplanned.add(dim.id)
        for number, step in enumerate(steps, start=1):
            draft = _Draft(
                key=(dim.id, "", dim.stage, number),
                title=step,
                dimension=dim.id,
                question=None,
                from_stage=dim.stage,
                weight=dim.weight,
                order=order * 1000 + number,
            )
            yield draft, int(dim.target) - int(dim.stage)


def mean_answer(stats: QuestionStats) -> float | None:
    """A department's mean answer to one question, over those who gave a stage."""
    if stats.answered == 0:
        return None
    return sum(stage * count for stage, count in enumerate(stats.counts, start=1)) / stats.answered


def _dimension_weight(q: Questionnaire, dimension_id: str) -> float:
    dimension = q.dimension(dimension_id)
    return dimension.weight if dimension is not None else 1.0


def _in_order(drafts: list[_Draft], q: Questionnaire) -> list[Action]:
    """Highest priority first, ties to the step more departments need, then file order;
    but never before the actions of the dimensions its dimension requires."""
    ranked = sorted(drafts, key=lambda d: (-d.gap * d.weight, -len(d.departments), d.order))
    by_dimension: dict[str, list[str]] = {}
    for draft in ranked:
        by_dimension.setdefault(draft.dimension, []).append(draft.id)
    requires = {
        draft.id: tuple(
            action_id
            for needed in required(q, draft.dimension)
            for action_id in by_dimension.get(needed, [])
        )
        for draft in ranked
    }
    placed: list[_Draft] = []
    done: set[str] = set()
    while ranked:
        # The format forbids requires cycles, so some remaining draft is always ready.
        ready = next(d for d in ranked if done.issuperset(requires[d.id]))
        ranked.remove(ready)
        placed.append(ready)
        done.add(ready.id)
    return [_action(draft, q, requires[draft.id]) for draft in placed]


def _horizon(draft: _Draft) -> Horizon:
    if draft.effort is not None:
        return EFFORT_HORIZONS[draft.effort]
    return HORIZONS[draft.from_stage]


def required(q: Questionnaire, dimension_id: str) -> list[str]:
    """The dimensions ``dimension_id`` requires first (never itself)."""
    dimension = q.dimension(dimension_id)
    return [] if dimension is None else [r for r in dimension.requires if r != dimension_id]


def _action(draft: _Draft, q: Questionnaire, requires: tuple[str, ...]) -> Action:
    dimension = q.dimension(draft.dimension)
    owners = dimension.owners if dimension is not None else []
    order = {dep.id: index for index, dep in enumerate(q.departments)}
    return Action(
        id=draft.id,
        title=draft.title,
        dimension=draft.dimension,
        question=draft.question,
        from_stage=draft.from_stage,
        departments=tuple(sorted(draft.departments, key=lambda d: order.get(d, 0))),
        owner=owners[0] if owners else None,
        horizon=_horizon(draft),
        priority=float(draft.gap * draft.weight),
        requires=requires,
        kpis=tuple(dimension.kpis) if dimension is not None else (),
    )
