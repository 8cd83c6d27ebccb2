"""The human-facing terminal rendering of a Result, as Rich renderables.

Every piece of text from files goes in as ``Text``, never as markup, so brackets in a
name are shown, not interpreted.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.render.numbers import fixed
from cxmaturity.result import Result
from cxmaturity.stages import Stage

STAGE_STYLES: dict[Stage, str] = {
    Stage.IGNORE: "red",
    Stage.EXPLORE: "dark_orange",
    Stage.MOBILISE: "yellow",
    Stage.OPERATIONALISE: "green_yellow",
    Stage.ALIGN: "green",
    Stage.EMBED: "bright_green",
}


def stage_text(score: float | None, stage: Stage | None, borderline: bool = False) -> Text:
    """``3.24  Mobilise``, with ``(borderline)`` when the 95% interval crosses a stage."""
    if score is None or stage is None:
        return Text("not enough answers", style="dim")
    text = Text(f"{score:.2f}  {stage.label}", style=STAGE_STYLES[stage])
    if borderline:
        text.append(" (borderline)", style="dim")
    return text


def render_table(result: Result, with_targets: bool = False) -> RenderableType:
    org = result.organisation
    q = result.questionnaire
    heading = Text.assemble(
        ("Organisation: ", "bold"),
        stage_text(org.score, org.stage, org.borderline),
        (
            f"   {_count(len(result.respondents), 'respondent')}, "
            f"{_count(len(result.departments), 'department')}",
            "dim",
        ),
        # On its own line: a "(borderline)" mark would otherwise wrap a long title mid-name.
        (f"\n{q.title} {q.version}", "dim"),
    )
    departments = Table(title="Departments", title_justify="left", expand=False)
    departments.add_column("Department")
    departments.add_column("People", justify="right")
    departments.add_column("Score and stage")
    if with_targets:
        departments.add_column("Target")
        departments.add_column("Gap", justify="right")
    departments.add_column("Disagreements", justify="right")
    for dep in result.departments:
        flagged = sum(d.disagreement for d in dep.dimensions)
        row: list[RenderableType] = [
            Text(dep.name),
            str(dep.respondents),
            stage_text(dep.score, dep.stage, dep.borderline),
        ]
        if with_targets:
            row += [Text(dep.target.label if dep.target else "–"), _gap(dep.gap)]
        row.append(Text(f"⚠ {flagged}", style="bold yellow") if flagged else Text("–", "dim"))
        departments.add_row(*row)
    dimensions = Table(title="Dimensions (mean over departments)", title_justify="left")
    dimensions.add_column("Dimension")
    dimensions.add_column("Score and stage")
    dimensions.add_column("Spread", justify="right")
    for dim in org.dimensions:
        dimensions.add_row(
            Text(dim.name),
            stage_text(dim.score, dim.stage, dim.borderline),
            Text(fixed(dim.spread)),
        )
    parts: list[RenderableType] = [heading, departments, dimensions]
    flags = [
        Text(f"⚠ {dep.name} · {dim.name}: respondents differ by {dim.spread:.2f} stages")
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    if flags:
        parts += [Text("Disagreements (spread ≥ 2)", style="bold"), *flags]
    parts.append(
        Text(
            "borderline: the score's 95% interval crosses a stage boundary "
            "(explain shows how it is made)",
            style="dim",
        )
    )
    return Group(*parts)


def _gap(value: int | None) -> Text:
    if value is None:
        return Text("–", style="dim")
    return Text(str(value), style="bold red" if value else "green")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
