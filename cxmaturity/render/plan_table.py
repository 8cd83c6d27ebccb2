"""The improvement plan as a terminal table that fits 100 columns."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.model import Questionnaire
from cxmaturity.plan import Plan
from cxmaturity.render.plan import count_line, dimension_name, target_line


def render_table(plan: Plan, q: Questionnaire) -> RenderableType:
    """The organisation's list as a table that fits 100 columns (departments by id)."""
    heading = Text.assemble(
        ("CX improvement plan\n", "bold"), target_line(plan), "\n", (count_line(plan), "dim")
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
            Text(f"{dimension_name(q, a.dimension)}\nfrom {a.from_stage.label}"),
            Text(", ".join(a.departments)),
            Text(a.owner or "–"),
            a.horizon,
            f"{a.priority:.2f}",
        )
    return Group(heading, table) if plan.actions else heading
