"""The improvement plan's JSON format, ``cxmaturity.plan/2``: one pydantic model writes it
(``plan --format json``) and describes it (``schema plan``).

plan/2 adds to plan/1 the timed roadmap (``schedule``): each action's ``depends_on``,
``effort``, ``cost``, ``workstream``, ``start`` and ``end``; the workstreams with one KPI
each; the late starts of the dimensions that should begin in the first quarter; and the
board's decisions (``decisions``). Dates are months from ``start`` turned into days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.core.decisions import Decision, Rule, Verb
from cxmaturity.core.format_ids import PLAN_FORMAT, PlanId
from cxmaturity.core.model import Cost, Effort, Questionnaire
from cxmaturity.core.plan import Action, Horizon, Plan
from cxmaturity.core.result import QuestionnaireInfo
from cxmaturity.core.schedule import Kpi, Reason, Schedule, Step, in_months
from cxmaturity.core.stages import STAGE_KEYS

StageName = Literal["ignore", "explore", "mobilise", "operationalise", "align", "embed"]
assert get_args(StageName) == STAGE_KEYS


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionDoc(_Doc):
    id: str
    title: str = Field(description="The step to take.")
    dimension: str
    question: str | None = Field(description="Null for a format 1 dimension recommendation.")
    from_stage: StageName = Field(description="The stage the step moves on from.")
    departments: list[str] = Field(description="Department ids that need the step.")
    owner: str | None = Field(description="The dimension's first owner department, if any.")
    horizon: Horizon
    priority: float = Field(description="Gap in stages x dimension weight x question weight.")
    requires: list[str] = Field(description="Ids of actions that must come first.")
    kpis: list[str]


class StepDoc(_Doc):
    id: str
    title: str
    dimension: str
    question: str | None
    from_stage: StageName
    departments: list[str]
    owner: str | None
    priority: float
    effort: Effort = Field(
        description="small 1 month, medium 3, large 6 (from the step, else its stage)."
    )
    cost: Cost | None = Field(
        description="From the questionnaire's sized step; null when it gives none."
    )
    depends_on: list[str] = Field(description="Ids of the actions that must end first.")
    workstream: str
    start: date
    end: date


class KpiDoc(_Doc):
    measure: str
    dimension: str
    baseline: float | None = Field(description="The dimension's score today.")
    target: StageName | None
    target_score: float | None = Field(description="The target stage as a score.")
    due: date


class WorkstreamDoc(_Doc):
    id: str
    name: str
    dimensions: list[str]
    owner: str | None = Field(description="Owner department id.")
    actions: list[str]
    start: date
    end: date
    kpi: KpiDoc | None


class LateStartDoc(_Doc):
    dimension: str
    reason: Reason
    start: date
    blocked_by: list[str] = Field(description="The prerequisites that keep it out of Q1.")


class DecisionDoc(_Doc):
    rule: Rule
    dimension: str
    question: str | None
    verb: Verb
    accountable: str = Field(description="The accountable executive role.")
    cost: Cost | None
    milestone: str | None = Field(description="Id of the action due within 90 days.")
    milestone_due: date | None
    kpi: KpiDoc | None


class DepartmentDoc(_Doc):
    name: str
    actions: list[ActionDoc] = Field(description="The department's full ordered list.")


class QuestionnaireDoc(_Doc):
    id: str
    version: str
    sha256: str


class PlanDoc(_Doc):
    """The improvement plan, ``cxmaturity plan --format json``."""

    format: PlanId
    questionnaire: QuestionnaireDoc
    target: StageName | None = Field(description="The organisation-wide target.")
    target_defaulted: bool = Field(
        description="True when no target was set and one stage above today's was chosen."
    )
    limit: int
    total: int = Field(description="How many actions there are before the limit.")
    actions: list[ActionDoc] = Field(description="The organisation's list, at most `limit`.")
    departments: dict[str, DepartmentDoc]
    start: date = Field(description="The roadmap's first day.")
    decisions: list[DecisionDoc] = Field(description="3-5 asks of the board (rules in docs).")
    workstreams: list[WorkstreamDoc] = Field(description="At most 10, by dimension.")
    roadmap: list[StepDoc] = Field(description="Every action, timed, in the plan's order.")
    late_starts: list[LateStartDoc]


def _action_doc(action: Action) -> ActionDoc:
    return ActionDoc(
        id=action.id,
        title=action.title,
        dimension=action.dimension,
        question=action.question,
        from_stage=action.from_stage.key,
        departments=list(action.departments),
        owner=action.owner,
        horizon=action.horizon,
        priority=round(action.priority, 2),
        requires=list(action.requires),
        kpis=list(action.kpis),
    )


def plan_json(
    plan: Plan,
    q: Questionnaire,
    info: QuestionnaireInfo,
    limit: int,
    timed: Schedule,
    asks: tuple[Decision, ...],
    start: date,
) -> str:
    """The JSON text of a plan's ``cxmaturity.plan/2`` document."""
    return _document(plan, q, info, limit, timed, asks, start).model_dump_json(indent=2) + "\n"


def _document(
    plan: Plan,
    q: Questionnaire,
    info: QuestionnaireInfo,
    limit: int,
    timed: Schedule,
    asks: tuple[Decision, ...],
    start: date,
) -> PlanDoc:
    def day(month: int) -> date:
        return in_months(start, month)

    return PlanDoc(
        format=PLAN_FORMAT,
        questionnaire=QuestionnaireDoc(id=info.id, version=info.version, sha256=info.sha256),
        target=plan.target.key if plan.target else None,
        target_defaulted=plan.target_defaulted,
        limit=limit,
        total=plan.total,
        actions=[_action_doc(a) for a in plan.actions],
        departments={
            dep_id: DepartmentDoc(
                name=_department_name(q, dep_id), actions=[_action_doc(a) for a in actions]
            )
            for dep_id, actions in plan.departments.items()
        },
        start=start,
        decisions=[_decision_doc(d, day) for d in asks],
        workstreams=[
            WorkstreamDoc(
                id=w.id,
                name=w.name,
                dimensions=list(w.dimensions),
                owner=w.owner,
                actions=list(w.steps),
                start=day(w.start),
                end=day(w.end),
                kpi=_kpi_doc(w.kpi, day),
            )
            for w in timed.workstreams
        ],
        roadmap=[_step_doc(s, day) for s in timed.steps],
        late_starts=[
            LateStartDoc(
                dimension=late.dimension,
                reason=late.reason,
                start=day(late.start),
                blocked_by=list(late.blocked_by),
            )
            for late in timed.late_starts
        ],
    )


def _step_doc(step: Step, day: Callable[[int], date]) -> StepDoc:
    return StepDoc(
        id=step.id,
        title=step.title,
        dimension=step.dimension,
        question=step.question,
        from_stage=step.from_stage.key,
        departments=list(step.departments),
        owner=step.owner,
        priority=round(step.priority, 2),
        effort=step.effort,
        cost=step.cost,
        depends_on=list(step.depends_on),
        workstream=step.workstream,
        start=day(step.start),
        end=day(step.end),
    )


def _kpi_doc(kpi: Kpi | None, day: Callable[[int], date]) -> KpiDoc | None:
    if kpi is None:
        return None
    return KpiDoc(
        measure=kpi.measure,
        dimension=kpi.dimension,
        baseline=kpi.baseline,
        target=kpi.target.key if kpi.target else None,
        target_score=float(kpi.target) if kpi.target else None,
        due=day(kpi.due),
    )


def _decision_doc(ask: Decision, day: Callable[[int], date]) -> DecisionDoc:
    return DecisionDoc(
        rule=ask.rule,
        dimension=ask.dimension,
        question=ask.question,
        verb=ask.verb,
        accountable=ask.accountable,
        cost=ask.cost,
        milestone=ask.milestone.id if ask.milestone else None,
        milestone_due=day(ask.milestone.end) if ask.milestone else None,
        kpi=_kpi_doc(ask.kpi, day),
    )


def _department_name(q: Questionnaire, dep_id: str) -> str:
    department = q.department(dep_id)
    return department.name if department is not None else dep_id
