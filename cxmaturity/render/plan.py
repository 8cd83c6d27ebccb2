"""Presenting one ``Plan``: ``RENDERERS`` maps ``plan``'s formats to the terminal table,
JSON (``cxmaturity.plan/2``, the contract, written by ``formats.plan``), CSV and
Markdown. They present the plan; none chooses, orders, times or counts a step itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.decisions import Decision
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import Plan
from cxmaturity.core.result import QuestionnaireInfo
from cxmaturity.core.schedule import Schedule
from cxmaturity.formats.plan import plan_json
from cxmaturity.render.markdown import md
from cxmaturity.render.numbers import cell, fixed
from cxmaturity.render.packs import HORIZONS
from cxmaturity.render.renderer import Options, Renderer
from cxmaturity.render.text import as_text
from cxmaturity.words.language import Language, language


@dataclass(frozen=True)
class PlanView:
    """What ``plan`` shows: the first ``limit`` steps, and for JSON the roadmap that times
    every step and the decisions asked of the board."""

    plan: Plan
    questionnaire: Questionnaire
    info: QuestionnaireInfo
    limit: int
    timed: Schedule
    asks: tuple[Decision, ...]
    start: date
    note: str = ""
    """Shown under the table and the Markdown (the consensus round's moves)."""


def _json(view: PlanView, options: Options) -> str:
    return plan_json(
        view.plan, view.questionnaire, view.info, view.limit, view.timed, view.asks, view.start
    )


def _markdown(view: PlanView, options: Options) -> str:
    return render_markdown(view.plan, view.questionnaire, options.lang) + _under(view)


def _table(view: PlanView, options: Options) -> str:
    table = render_table(view.plan, view.questionnaire, options.lang)
    return as_text(table, options) + _under(view)


def _under(view: PlanView) -> str:
    return "\n" + view.note if view.note else ""


RENDERERS: Mapping[str, Renderer[PlanView]] = {
    "table": _table,
    "json": _json,
    "markdown": _markdown,
    "csv": lambda view, options: render_csv(view.plan, view.questionnaire),
}
NOTED = frozenset({"table", "markdown"})
"""The formats whose text carries the view's note; the caller says it beside the others."""


def department_name(q: Questionnaire, dep_id: str) -> str:
    department = q.department(dep_id)
    return department.name if department is not None else dep_id


def dimension_name(q: Questionnaire, dim_id: str) -> str:
    dimension = q.dimension(dim_id)
    return dimension.name if dimension is not None else dim_id


def target_line(plan: Plan, lang: Language | None = None) -> str:
    """Which target the gaps were measured against, and whether nobody set it."""
    lang = lang or language()
    _ = lang.gettext
    if plan.target is None:
        return _("No target: set one with --target or --targets to measure gaps.")
    if plan.target_defaulted:
        return _(
            "Target: {stage}, one stage above the organisation's current stage (no target was set)."
        ).format(stage=lang.stage(plan.target))
    return _("Target: {stage}.").format(stage=lang.stage(plan.target))


def count_line(plan: Plan, lang: Language | None = None) -> str:
    lang = lang or language()
    if plan.total == 0 and plan.unplanned:
        return lang.gettext("No steps to give.") + " " + unplanned_line(plan, lang)
    if plan.total == 0:
        return lang.gettext(
            "No steps: every department is at or above its target on every question."
        )
    if plan.unplanned:
        return _counted(plan, lang) + " " + unplanned_line(plan, lang)
    return _counted(plan, lang)


def _counted(plan: Plan, lang: Language) -> str:
    if len(plan.actions) < plan.total:
        return lang.gettext("The first {shown} of {total} steps, highest priority first.").format(
            shown=len(plan.actions), total=plan.total
        )
    return lang.ngettext(
        "{count} step, highest priority first.",
        "{count} steps, highest priority first.",
        plan.total,
    ).format(count=plan.total)


def unplanned_line(plan: Plan, lang: Language | None = None) -> str:
    """Below-target gaps with no step to give, said as such; empty when there are none."""
    lang = lang or language()
    if not plan.unplanned:
        return ""
    if plan.unplanned_are_dimensions:
        said = lang.ngettext(
            "{count} dimension below its target has no next step in this questionnaire.",
            "{count} dimensions below their target have no next step in this questionnaire.",
            plan.unplanned,
        )
    else:
        said = lang.ngettext(
            "{count} question below its target has no next step in this questionnaire.",
            "{count} questions below their target have no next step in this questionnaire.",
            plan.unplanned,
        )
    return said.format(count=plan.unplanned)


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


def render_markdown(plan: Plan, q: Questionnaire, lang: Language | None = None) -> str:
    lang = lang or language()
    _ = lang.gettext
    lines = [
        "## " + _("CX improvement plan"),
        "",
        md(target_line(plan, lang)) + " " + md(count_line(plan, lang)),
    ]
    if plan.actions:
        head = (_("Step"), _("Dimension"), _("Departments"), _("Owner"), _("Horizon"))
        lines += [
            "",
            "| # | " + " | ".join(head) + " | " + _("Priority") + " |",
            "|---:|---|---|---|---|---|---:|",
        ]
    for rank, a in enumerate(plan.actions, start=1):
        departments = ", ".join(md(department_name(q, d)) for d in a.departments)
        owner = md(department_name(q, a.owner)) if a.owner else "–"
        lines.append(
            f"| {rank} | {md(a.title)} | {md(dimension_name(q, a.dimension))} | "
            f"{departments} | {owner} | {horizon(a.horizon, lang)} | "
            f"{fixed(a.priority, lang)} |"
        )
    return "\n".join(lines) + "\n"


def horizon(key: str, lang: Language) -> str:
    """A horizon key (``90-days``) for reading; English keeps the key, as it always showed."""
    return key if lang.code == "en" else lang.gettext(HORIZONS.get(key, key))


def render_table(plan: Plan, q: Questionnaire, lang: Language | None = None) -> RenderableType:
    """The organisation's list as a table that fits 100 columns (departments by id)."""
    lang = lang or language()
    _ = lang.gettext
    heading = Text.assemble(
        (_("CX improvement plan") + "\n", "bold"),
        target_line(plan, lang),
        "\n",
        (count_line(plan, lang), "dim"),
    )
    table = Table(expand=False, show_lines=True, width=100)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(_("Step"), ratio=5)
    table.add_column(_("Dimension"), ratio=2)
    table.add_column(_("Departments"), ratio=2)
    table.add_column(_("Owner"), min_width=10)
    table.add_column(_("When"), no_wrap=True)
    table.add_column(_("Prio"), justify="right", no_wrap=True)
    for rank, a in enumerate(plan.actions, start=1):
        since = _("from {stage}").format(stage=lang.stage(a.from_stage))
        table.add_row(
            str(rank),
            Text(a.title),
            Text(f"{dimension_name(q, a.dimension)}\n{since}"),
            Text(", ".join(a.departments)),
            Text(a.owner or "–"),
            horizon(a.horizon, lang),
            fixed(a.priority, lang),
        )
    return Group(heading, table) if plan.actions else heading
