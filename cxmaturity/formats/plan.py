"""The improvement plan's JSON format, ``cxmaturity.plan/1``: one pydantic model writes it
(``plan --format json``) and describes it (``schema plan``)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.model import Questionnaire
from cxmaturity.plan import PLAN_FORMAT, Action, Horizon, Plan
from cxmaturity.result import QuestionnaireInfo
from cxmaturity.stages import STAGE_KEYS

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


class DepartmentDoc(_Doc):
    name: str
    actions: list[ActionDoc] = Field(description="The department's full ordered list.")


class QuestionnaireDoc(_Doc):
    id: str
    version: str
    sha256: str


class PlanDoc(_Doc):
    """The improvement plan, ``cxmaturity plan --format json``."""

    format: Literal["cxmaturity.plan/1"]
    questionnaire: QuestionnaireDoc
    target: StageName | None = Field(description="The organisation-wide target.")
    target_defaulted: bool = Field(
        description="True when no target was set and one stage above today's was chosen."
    )
    limit: int
    total: int = Field(description="How many actions there are before the limit.")
    actions: list[ActionDoc] = Field(description="The organisation's list, at most `limit`.")
    departments: dict[str, DepartmentDoc]


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


def to_doc(plan: Plan, q: Questionnaire, info: QuestionnaireInfo, limit: int) -> PlanDoc:
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
    )


def _department_name(q: Questionnaire, dep_id: str) -> str:
    department = q.department(dep_id)
    return department.name if department is not None else dep_id
