"""A roadmap that keeps time: the plan's steps with dependencies, workstreams and dates.

Pure domain code over the improvement plan (``plan.build_plan``), the scored ``Result``
and the ``Questionnaire``. Times are whole months from the roadmap's start. The rules:

1. **Steps.** Every action of the plan is a step. With a target two or more stages above a
   step's stage, the route goes stage by stage: the same question's steps out of each
   stage in between are added (``{question}-{stage}``), each after the one before.
2. **Effort and cost** come from the questionnaire's sized steps (format 2.1). A step
   without an effort takes the one its stage suggests: out of Ignore or Explore small,
   out of Mobilise or Operationalise medium, out of Align or Embed large. A step without a
   cost has none (``null``): nothing is invented.
3. **Durations:** small 1 month, medium 3 months (a quarter), large 6 months.
4. **Dependencies are per step.** A step depends on its own question's step out of the
   stage below (rule 1), and on the lead step (the plan's first) of every dimension its
   dimension requires, among that dimension's steps out of the same stage or a lower one.
5. **Workstreams** are the dimensions, in the plan's order of their first step; with more
   than ``WORKSTREAMS`` dimensions, the last ones share one workstream ("further").
   Each is owned by its first dimension's first owner department.
6. **Time.** One team per dimension: its steps run one after another in the plan's order,
   each starting when the workstream is free and every step it depends on has ended, never
   before. So a dimension starts in the first quarter unless a prerequisite forbids it.
7. **KPI, once per workstream:** its first dimension's first KPI, with the dimension's
   score today as the baseline, its target stage as the target, due when the workstream's
   last step ends.
8. **First quarter:** the weakest dimension and the one furthest below its target should
   start in months 0-2; when a prerequisite forbids it, ``late_starts`` says which.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from cxmaturity.core.model import Cost, Effort, Questionnaire
from cxmaturity.core.plan import Action, Plan, required
from cxmaturity.core.result import DimensionResult, Result
from cxmaturity.core.stages import Stage

Reason = Literal["weakest", "furthest-below-target"]

MONTHS: dict[str, int] = {"small": 1, "medium": 3, "large": 6}
WORKSTREAMS = 10
FURTHER = "further"
QUARTER = 3
STAGE_EFFORT: dict[Stage, Effort] = {
    Stage.IGNORE: "small",
    Stage.EXPLORE: "small",
    Stage.MOBILISE: "medium",
    Stage.OPERATIONALISE: "medium",
    Stage.ALIGN: "large",
    Stage.EMBED: "large",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One action of the plan, placed in time: what the plan says, plus effort, cost and dates."""

    action: Action
    effort: Effort
    cost: Cost | None
    depends_on: tuple[str, ...]
    workstream: str
    start: int
    """Months from the roadmap's start."""
    end: int


@dataclass(frozen=True, slots=True)
class Kpi:
    measure: str
    dimension: str
    baseline: float | None
    """The dimension's score today."""
    target: Stage | None
    due: int
    """Months from the roadmap's start."""


@dataclass(frozen=True, slots=True)
class Workstream:
    id: str
    name: str
    dimensions: tuple[str, ...]
    owner: str | None
    steps: tuple[str, ...]
    start: int
    end: int
    kpi: Kpi | None


@dataclass(frozen=True, slots=True)
class LateStart:
    """A dimension that should start in the first quarter but cannot."""

    dimension: str
    reason: Reason
    start: int
    blocked_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Schedule:
    steps: tuple[Step, ...]
    workstreams: tuple[Workstream, ...]
    firsts: tuple[tuple[Reason, str], ...]
    """(reason, dimension id) for the weakest and the furthest-below-target dimensions."""
    late_starts: tuple[LateStart, ...]

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.action.id == step_id)

    @property
    def months(self) -> int:
        return max((s.end for s in self.steps), default=0)


@dataclass
class _Draft:
    action: Action
    effort: Effort
    cost: Cost | None
    depends_on: list[str] = field(default_factory=list)


def build_schedule(plan: Plan, result: Result, q: Questionnaire) -> Schedule:
    """The plan's steps (``plan.actions`` in order, so pass a plan with no limit), timed."""
    drafts = _with_route(list(plan.actions), plan.target, q)
    _link_requires(drafts, q)
    streams = _workstreams(drafts, q)
    steps = _timed(drafts, streams)
    works = tuple(_workstream(key, name, dims, steps, result, q) for key, name, dims in streams)
    firsts = _firsts(result)
    late = tuple(
        LateStart(dim, reason, first.start, first.depends_on)
        for reason, dim in firsts
        if (first := _first_of(dim, steps)) is not None and first.start >= QUARTER
    )
    return Schedule(tuple(steps), works, firsts, late)


def _sized(q: Questionnaire, question_id: str | None, stage: Stage) -> tuple[Effort, Cost | None]:
    question = q.question(question_id) if question_id else None
    step = (question.next_steps or {}).get(stage) if question is not None else None
    effort = getattr(step, "effort", None) or STAGE_EFFORT[stage]
    return effort, getattr(step, "cost", None)


def _with_route(actions: list[Action], target: Stage | None, q: Questionnaire) -> list[_Draft]:
    """The plan's actions, each followed by its question's steps up to the target (rule 1)."""
    have = {a.id for a in actions}
    drafts: list[_Draft] = []
    for action in actions:
        drafts.append(_Draft(action, *_sized(q, action.question, action.from_stage)))
        question = q.question(action.question) if action.question else None
        if question is None or target is None:
            continue
        for level in range(int(action.from_stage) + 1, int(target)):
            stage = Stage(level)
            title = question.step_text(stage)
            step_id = f"{question.id}-{stage.key}"
            if title is None:
                break
            if step_id not in have:
                have.add(step_id)
                follow = Action(
                    id=step_id,
                    title=title,
                    dimension=action.dimension,
                    question=question.id,
                    from_stage=stage,
                    departments=action.departments,
                    owner=action.owner,
                    horizon=action.horizon,
                    priority=action.priority / 2,
                    requires=(),
                    kpis=action.kpis,
                )
                # Its link to the step below comes from _question_order, as every step's does.
                drafts.append(_Draft(follow, *_sized(q, question.id, stage)))
    return _question_order(drafts)


def _question_order(drafts: list[_Draft]) -> list[_Draft]:
    """Each question's steps out of lower stages depend on nothing of their own; a step out
    of a higher stage depends on the same question's step out of the stage below."""
    by_key = {(d.action.question, d.action.from_stage): d.action.id for d in drafts}
    for draft in drafts:
        below = by_key.get((draft.action.question, Stage(max(int(draft.action.from_stage) - 1, 1))))
        fresh = below is not None and below not in (draft.action.id, *draft.depends_on)
        if draft.action.question and below is not None and fresh:
            draft.depends_on.append(below)
    return drafts


def _link_requires(drafts: list[_Draft], q: Questionnaire) -> None:
    for draft in drafts:
        for needed in required(q, draft.action.dimension):
            lead = next(
                (
                    d.action.id
                    for d in drafts
                    if d.action.dimension == needed
                    and d.action.from_stage <= draft.action.from_stage
                ),
                None,
            )
            if lead is not None and lead not in draft.depends_on:
                draft.depends_on.append(lead)


def _workstreams(drafts: list[_Draft], q: Questionnaire) -> list[tuple[str, str, tuple[str, ...]]]:
    order: list[str] = []
    for draft in drafts:
        if draft.action.dimension not in order:
            order.append(draft.action.dimension)
    names = {d.id: d.name for d in q.dimensions}
    if len(order) <= WORKSTREAMS:
        return [(dim, names.get(dim, dim), (dim,)) for dim in order]
    own = order[: WORKSTREAMS - 1]
    rest = tuple(order[WORKSTREAMS - 1 :])
    streams = [(dim, names.get(dim, dim), (dim,)) for dim in own]
    return [*streams, (FURTHER, ", ".join(names.get(d, d) for d in rest), rest)]


def _timed(drafts: list[_Draft], streams: Sequence[tuple[str, str, tuple[str, ...]]]) -> list[Step]:
    stream_of = {dim: key for key, _, dims in streams for dim in dims}
    free = dict.fromkeys(stream_of, 0)
    ends: dict[str, int] = {}
    steps: list[Step] = []
    waiting = list(drafts)
    while waiting:
        # Dependencies point to steps of lower stages or required dimensions: acyclic.
        ready = next(d for d in waiting if all(dep in ends for dep in d.depends_on))
        waiting.remove(ready)
        action, stream = ready.action, stream_of[ready.action.dimension]
        start = max([free[action.dimension], *(ends[dep] for dep in ready.depends_on)])
        end = start + MONTHS[ready.effort]
        free[action.dimension] = ends[action.id] = end
        steps.append(
            Step(
                action=action,
                effort=ready.effort,
                cost=ready.cost,
                depends_on=tuple(ready.depends_on),
                workstream=stream,
                start=start,
                end=end,
            )
        )
    return steps


def _workstream(
    key: str,
    name: str,
    dims: tuple[str, ...],
    steps: Sequence[Step],
    result: Result,
    q: Questionnaire,
) -> Workstream:
    mine = [s for s in steps if s.workstream == key]
    dimension = q.dimension(dims[0])
    owners = getattr(dimension, "owners", None) or []
    org = _org_dimension(result, dims[0])
    end = max(s.end for s in mine)
    kpis = list(getattr(dimension, "kpis", None) or [])
    kpi = (
        Kpi(kpis[0], dims[0], org.score if org else None, org.target if org else None, end)
        if kpis
        else None
    )
    return Workstream(
        id=key,
        name=name,
        dimensions=dims,
        owner=owners[0] if owners else None,
        steps=tuple(s.action.id for s in mine),
        start=min(s.start for s in mine),
        end=end,
        kpi=kpi,
    )


def _org_dimension(result: Result, dimension_id: str) -> DimensionResult | None:
    return next((d for d in result.organisation.dimensions if d.id == dimension_id), None)


def _firsts(result: Result) -> tuple[tuple[Reason, str], ...]:
    scored = [d for d in result.organisation.dimensions if d.score is not None]
    if not scored:
        return ()
    weakest = min(scored, key=lambda d: d.score or 0.0)
    aimed = [d for d in scored if d.target is not None]
    out: list[tuple[Reason, str]] = [("weakest", weakest.id)]
    if aimed:
        furthest = max(aimed, key=lambda d: (int(d.target or 1) - (d.score or 0.0)) * d.weight)
        out.append(("furthest-below-target", furthest.id))
    return tuple(out)


def _first_of(dimension_id: str, steps: Sequence[Step]) -> Step | None:
    return min(
        (s for s in steps if s.action.dimension == dimension_id),
        key=lambda s: s.start,
        default=None,
    )


def in_months(start: date, months: int) -> date:
    """The day ``months`` whole months after ``start`` (the month's last day when shorter)."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
