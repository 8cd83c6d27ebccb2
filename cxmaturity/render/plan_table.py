"""The improvement plan as a terminal table that fits 100 columns."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import Plan
from cxmaturity.render.numbers import fixed
from cxmaturity.render.plan import count_line, dimension_name, horizon, target_line
from cxmaturity.words.language import Language, language


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
