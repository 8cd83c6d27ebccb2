"""Renderings of one ``Plan``: JSON (``cxmaturity.plan/1``, the contract), CSV and Markdown
(the terminal table is in ``plan_table``). They present the plan; none chooses, orders or
counts a step itself.
"""

from __future__ import annotations

import csv
import io

from cxmaturity.formats.plan import to_doc
from cxmaturity.model import Questionnaire
from cxmaturity.plan import Plan
from cxmaturity.render.markdown import md
from cxmaturity.render.numbers import cell
from cxmaturity.result import QuestionnaireInfo


def render_json(plan: Plan, q: Questionnaire, info: QuestionnaireInfo, limit: int) -> str:
    return to_doc(plan, q, info, limit).model_dump_json(indent=2) + "\n"


def department_name(q: Questionnaire, dep_id: str) -> str:
    department = q.department(dep_id)
    return department.name if department is not None else dep_id


def dimension_name(q: Questionnaire, dim_id: str) -> str:
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


def count_line(plan: Plan) -> str:
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
            dimension_name(q, a.dimension),
            a.question,
            a.from_stage.key,
            "; ".join(a.departments),
            a.owner,
            a.horizon,
            f"{a.priority:.2f}",
            "; ".join(a.requires),
            "; ".join(a.kpis),
        )
        writer.writerow(cell(v) for v in row)
    return out.getvalue()


def render_markdown(plan: Plan, q: Questionnaire) -> str:
    lines = [
        "## CX improvement plan",
        "",
        md(target_line(plan)) + " " + md(count_line(plan)),
    ]
    if plan.actions:
        lines += [
            "",
            "| # | Step | Dimension | Departments | Owner | Horizon | Priority |",
            "|---:|---|---|---|---|---|---:|",
        ]
    for rank, a in enumerate(plan.actions, start=1):
        departments = ", ".join(md(department_name(q, d)) for d in a.departments)
        owner = md(department_name(q, a.owner)) if a.owner else "–"
        lines.append(
            f"| {rank} | {md(a.title)} | {md(dimension_name(q, a.dimension))} | "
            f"{departments} | {owner} | {a.horizon} | {a.priority:.2f} |"
        )
    return "\n".join(lines) + "\n"
