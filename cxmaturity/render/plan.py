"""Renderings of one ``Plan``: JSON (``cxmaturity.plan/1``, the contract), CSV, Markdown and
a terminal table. They present the plan; none chooses, orders or counts a step itself.
"""

from __future__ import annotations

import csv
import io
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.model import Questionnaire
from cxmaturity.plan import PLAN_FORMAT, Action, Horizon, Plan
from cxmaturity.render.data import _cell
from cxmaturity.render.markdown import md
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


def render_json(plan: Plan, q: Questionnaire, info: QuestionnaireInfo, limit: int) -> str:
    return to_doc(plan, q, info, limit).model_dump_json(indent=2) + "\n"


def _department_name(q: Questionnaire, dep_id: str) -> str:
    department = q.department(dep_id)
    return department.name if department is not None else dep_id


def _dimension_name(q: Questionnaire, dim_id: str) -> str:
    dimension = q.dimension(dim_id)
    return dimension.name if dimension is not None else dim_id


def target_line(plan: Plan) -> str:
    """Which target the gaps were measured against, and whether nobody set it."""
    if plan.target is None:
        return "No target: set one with --target or --targets to measure gaps."
    if plan.target_defaulted:
        return (
            f"Target: {plan.target.label}, one stage above the organisation's current stage "
            "(no target was set)."
        )
    return f"Target: {plan.target.label}."


def _count_line(plan: Plan) -> str:
    if plan.total == 0:
        return "No steps: every department is at or above its target on every question."
    if len(plan.actions) < plan.total:
        return f"The first {len(plan.actions)} of {plan.total} steps, highest priority first."
    return f"{plan.total} step{'s' if plan.total != 1 else ''}, highest priority first."


CSV_COLUMNS = (
    "rank",
    "id",
    "title",
    "dimension_id",
    "dimension",
    "question_id",
    "from_stage",
    "departments",
    "owner",
    "horizon",
    "priority",
    "requires",
    "kpis",
)


def render_csv(plan: Plan, q: Questionnaire) -> str:
    """One row per action of the organisation's list; lists are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for rank, a in enumerate(plan.actions, start=1):
        row = (
            rank,
            a.id,
            a.title,
            a.dimension,
            _dimension_name(q, a.dimension),
            a.question,
            a.from_stage.key,
            "; ".join(a.departments),
            a.owner,
            a.horizon,
            f"{a.priority:.2f}",
            "; ".join(a.requires),
            "; ".join(a.kpis),
        )
        writer.writerow(_cell(v) for v in row)
    return out.getvalue()


def render_markdown(plan: Plan, q: Questionnaire) -> str:
    lines = [
        "## CX improvement plan",
        "",
        md(target_line(plan)) + " " + md(_count_line(plan)),
    ]
    if plan.actions:
        lines += [
            "",
            "| # | Step | Dimension | Departments | Owner | Horizon | Priority |",
            "|---:|---|---|---|---|---|---:|",
        ]
    for rank, a in enumerate(plan.actions, start=1):
        departments = ", ".join(md(_department_name(q, d)) for d in a.departments)
        owner = md(_department_name(q, a.owner)) if a.owner else "–"
        lines.append(
            f"| {rank} | {md(a.title)} | {md(_dimension_name(q, a.dimension))} | "
            f"{departments} | {owner} | {a.horizon} | {a.priority:.2f} |"
        )
    return "\n".join(lines) + "\n"


def render_table(plan: Plan, q: Questionnaire) -> RenderableType:
    """The organisation's list as a table that fits 100 columns (departments by id)."""
    heading = Text.assemble(
        ("CX improvement plan\n", "bold"), target_line(plan), "\n", (_count_line(plan), "dim")
    )
    table = Table(expand=False, show_lines=True, width=100)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Step", ratio=5)
    table.add_column("Dimension", ratio=2)
    table.add_column("Departments", ratio=2)
    table.add_column("Owner", min_width=10)
    table.add_column("When", no_wrap=True)
    table.add_column("Prio", justify="right", no_wrap=True)
    for rank, a in enumerate(plan.actions, start=1):
        table.add_row(
            str(rank),
            Text(a.title),
            Text(f"{_dimension_name(q, a.dimension)}\nfrom {a.from_stage.label}"),
            Text(", ".join(a.departments)),
            Text(a.owner or "–"),
            a.horizon,
            f"{a.priority:.2f}",
        )
    return Group(heading, table) if plan.actions else heading
