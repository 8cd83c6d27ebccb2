"""The human-facing terminal rendering of a Result, as Rich renderables.

Every piece of text from files goes in as ``Text``, never as markup, so brackets in a
name are shown, not interpreted.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.render.notes import cap_lines, fact_lines
from cxmaturity.render.numbers import fixed
from cxmaturity.words.language import Language, language

STAGE_STYLES: dict[Stage, str] = {
    Stage.IGNORE: "red",
    Stage.EXPLORE: "dark_orange",
    Stage.MOBILISE: "yellow",
    Stage.OPERATIONALISE: "green_yellow",
    Stage.ALIGN: "green",
    Stage.EMBED: "bright_green",
}


def stage_text(
    score: float | None,
    stage: Stage | None,
    lang: Language | None = None,
    borderline: bool = False,
    asked: bool = True,
) -> Text:
    """``3.24  Mobilise``, with ``(borderline)`` when the 95% interval crosses a stage."""
    lang = lang or language()
    if not asked and score is None:
        return Text(lang.gettext("not asked"), style="dim")
    if score is None or stage is None:
        return Text(lang.gettext("not enough answers"), style="dim")
    text = Text(f"{lang.decimal(score)}  {lang.stage(stage)}", style=STAGE_STYLES[stage])
    if borderline:
        text.append(" " + lang.gettext("(borderline)"), style="dim")
    return text


def render_table(
    result: Result, with_targets: bool = False, lang: Language | None = None
) -> RenderableType:
    lang = lang or language()
    _ = lang.gettext
    org = result.organisation
    q = result.questionnaire
    people = lang.ngettext("{count} respondent", "{count} respondents", len(result.respondents))
    units = lang.ngettext("{count} department", "{count} departments", len(result.departments))
    heading = Text.assemble(
        (_("Organisation:") + " ", "bold"),
        stage_text(org.score, org.stage, lang, org.borderline),
        (
            f"   {people.format(count=len(result.respondents))}, "
            f"{units.format(count=len(result.departments))}",
            "dim",
        ),
        # On its own line: a "(borderline)" mark would otherwise wrap a long title mid-name.
        (f"\n{q.title} {q.version}", "dim"),
    )
    departments = Table(title=_("Departments"), title_justify="left", expand=False)
    departments.add_column(_("Department"))
    departments.add_column(_("People"), justify="right")
    departments.add_column(_("Score and stage"))
    if with_targets:
        departments.add_column(_("Target"))
        departments.add_column(_("Gap"), justify="right")
    departments.add_column(_("Disagreements"), justify="right")
    for dep in result.departments:
        flagged = sum(d.disagreement for d in dep.dimensions)
        row: list[RenderableType] = [
            Text(dep.name),
            str(dep.respondents),
            stage_text(dep.score, dep.stage, lang, dep.borderline),
        ]
        if with_targets:
            row += [Text(lang.stage(dep.target) if dep.target else "–"), _gap(dep.gap)]
        row.append(Text(f"⚠ {flagged}", style="bold yellow") if flagged else Text("–", "dim"))
        departments.add_row(*row)
    dimensions = Table(title=_("Dimensions (mean over departments)"), title_justify="left")
    dimensions.add_column(_("Dimension"))
    dimensions.add_column(_("Score and stage"))
    dimensions.add_column(_("Spread"), justify="right")
    for dim in org.dimensions:
        dimensions.add_row(
            Text(dim.name),
            stage_text(dim.score, dim.stage, lang, dim.borderline, dim.asked),
            Text(fixed(dim.spread, lang)),
        )
    parts: list[RenderableType] = [heading, departments, dimensions]
    differ = _("⚠ {department} · {dimension}: respondents differ by {spread} stages")
    flags = [
        Text(
            differ.format(department=dep.name, dimension=dim.name, spread=lang.decimal(dim.spread))
        )
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    flags += [Text("⚠ " + line) for line in fact_lines(result, lang)]
    if flags:
        parts += [Text(_("Disagreements (spread ≥ 2)"), style="bold"), *flags]
    parts += [Text(line, style="yellow") for line in cap_lines(result, lang)]
    parts.append(
        Text(
            _(
                "borderline: the score's 95% interval crosses a stage boundary "
                "(explain shows how it is made)"
            ),
            style="dim",
        )
    )
    return Group(*parts)


def _gap(value: int | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    return Text(str(value), style="bold red" if value else "green")
