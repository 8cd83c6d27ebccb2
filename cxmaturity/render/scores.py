"""Presenting a scored result: ``RENDERERS`` maps each format of ``score`` to its renderer.

The terminal table, CSV, Markdown and the gate's JUnit report are made here; the JSON is
the ``cxmaturity.scores/1`` file format, written by ``formats.scores_doc``. Nothing is
recomputed: the caller hands over the result, its consensus round, its evidence counts
and its gate checks in one ``ScoresView``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.consensus import ConsensusFile
from cxmaturity.core.evidence import Claims
from cxmaturity.core.gate import Check
from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.formats.scores_doc import scores_json
from cxmaturity.render.consensus import claims_line, raw_to_agreed
from cxmaturity.render.junit import render_junit
from cxmaturity.render.markdown import md
from cxmaturity.render.notes import cap_lines, fact_lines
from cxmaturity.render.numbers import cell, fixed, two_places
from cxmaturity.render.renderer import Options, Renderer
from cxmaturity.render.text import as_text, stage_text
from cxmaturity.words.language import Language, language


@dataclass(frozen=True)
class ScoresView:
    """What ``score`` shows: the result, and beside it what the formats that carry it add."""

    result: Result
    raw: Result | None = None
    """The scores as answered, when a consensus round's agreed stages were used."""
    consensus: ConsensusFile | None = None
    claims: Claims | None = None
    checks: Sequence[Check] = ()
    """The gate's checks (``--fail-under``, targets), for the JUnit report."""


def _json(view: ScoresView, options: Options) -> str:
    return scores_json(view.result, options.with_targets, view.raw, view.consensus, view.claims)


def _csv(view: ScoresView, options: Options) -> str:
    return render_csv(view.result, options.with_targets)


def _markdown(view: ScoresView, options: Options) -> str:
    text = render_markdown(view.result, options.with_targets, options.lang)
    return text + _notes(view, options.lang)


def _table(view: ScoresView, options: Options) -> str:
    table = render_table(view.result, options.with_targets, options.lang)
    return as_text(table, options) + _notes(view, options.lang)


def _junit(view: ScoresView, options: Options) -> str:
    return render_junit("cxmaturity score", view.checks)


def _notes(view: ScoresView, lang: Language) -> str:
    """Under the table and the Markdown: the consensus round's moves and the evidence count."""
    notes = ""
    if view.raw is not None and view.consensus is not None:
        notes = "\n" + raw_to_agreed(view.raw, view.result, view.consensus, lang)
    if view.claims is not None and view.claims.evidenced:
        notes += "\n" + claims_line(view.claims)
    return notes


RENDERERS: Mapping[str, Renderer[ScoresView]] = {
    "table": _table,
    "json": _json,
    "csv": _csv,
    "markdown": _markdown,
    "junit": _junit,
}


CSV_COLUMNS = (
    "department_id",
    "department",
    "dimension_id",
    "dimension",
    "respondents",
    "score",
    "stage",
    "stage_name",
    "spread",
    "disagreement",
    "target",
    "gap",
    "interval_low",
    "interval_high",
    "borderline",
)
"""The interval columns come last, so readers of the older columns by position still work."""


def render_csv(result: Result, with_targets: bool = False) -> str:
    """One row per department x dimension."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for dep in result.departments:
        for dim in dep.dimensions:
            writer.writerow(
                cell(v)
                for v in (
                    dep.id,
                    dep.name,
                    dim.id,
                    dim.name,
                    dim.respondents,
                    two_places(dim.score),
                    int(dim.stage) if dim.stage else None,
                    dim.stage.label if dim.stage else None,
                    two_places(dim.spread),
                    "yes" if dim.disagreement else "no",
                    int(dim.target) if dim.target else None,
                    dim.gap,
                    two_places(dim.interval.low) if dim.interval else None,
                    two_places(dim.interval.high) if dim.interval else None,
                    "yes" if dim.borderline else "no",
                )
            )
    return out.getvalue()


def _md_score(
    score: float | None, stage: Stage | None, lang: Language, borderline: bool = False
) -> str:
    if score is None or stage is None:
        return lang.gettext("not enough answers")
    return f"{lang.decimal(score)} {_md_stage(stage, lang, borderline)}"


def _md_stage(stage: Stage | None, lang: Language, borderline: bool, asked: bool = True) -> str:
    if stage is None:
        # As stage_text says it: nothing asked is not the same as too few answers.
        return lang.gettext("not enough answers") if asked else lang.gettext("not asked")
    name = lang.stage(stage)
    return f"{name} {lang.gettext('(borderline)')}" if borderline else name


def render_markdown(
    result: Result, with_targets: bool = False, lang: Language | None = None
) -> str:
    """A short summary for a CI job page or a pull request."""
    lang = lang or language()
    _ = lang.gettext
    org = result.organisation
    q = result.questionnaire
    summary = lang.ngettext(
        "{title} ({id} {version}), {respondents} respondent in {departments} departments.",
        "{title} ({id} {version}), {respondents} respondents in {departments} departments.",
        len(result.respondents),
    )
    lines = [
        _("## CX maturity: {score}").format(
            score=_md_score(org.score, org.stage, lang, org.borderline)
        ),
        "",
        summary.format(
            title=md(q.title),
            id=md(q.id),
            version=md(q.version),
            respondents=len(result.respondents),
            departments=len(result.departments),
        ),
        "",
        _row(_("Department"), _("Respondents"), _("Score"), _("Stage"))
        + (_row(_("Target"), _("Gap"))[1:] if with_targets else ""),
        "|---|---:|---:|---|" + ("---|---:|" if with_targets else ""),
    ]
    for dep in result.departments:
        row = (
            f"| {md(dep.name)} | {dep.respondents} | {fixed(dep.score, lang)} | "
            f"{_md_stage(dep.stage, lang, dep.borderline)} |"
        )
        if with_targets:
            row += f" {lang.stage(dep.target) if dep.target else '–'} | {_none(dep.gap)} |"
        lines.append(row)
    if with_targets:
        lines += _dimension_gaps(result, lang)
    lines += [
        "",
        _row(_("Dimension"), _("Organisation score"), _("Stage"), _("Spread across departments")),
        "|---|---:|---|---:|",
    ]
    for dim in org.dimensions:
        stage = _md_stage(dim.stage, lang, dim.borderline, dim.asked)
        lines.append(
            f"| {md(dim.name)} | {fixed(dim.score, lang)} | {stage} | {fixed(dim.spread, lang)} |"
        )
    spread = _("{department} · {dimension}: spread {spread}")
    disagreements = [
        "- "
        + spread.format(
            department=md(dep.name), dimension=md(dim.name), spread=lang.decimal(dim.spread)
        )
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    disagreements += [f"- {md(line)}" for line in fact_lines(result, lang)]
    marked = [org.borderline, *(d.borderline for d in result.departments)]
    if any(marked) or any(d.borderline for d in org.dimensions):
        note = _(
            "_(borderline): the score's 95% interval crosses a stage boundary; "
            "`cxmaturity explain` shows how it is made._"
        )
        lines += ["", note]
    if disagreements:
        heading = _("**Disagreements** ({count}):").format(count=len(disagreements))
        lines += ["", heading, "", *disagreements]
    capped = cap_lines(result, lang)
    if capped:
        lines += ["", *(md(line) for line in capped)]
    if result.warnings:
        lines += ["", _("**Warnings:**"), "", *(f"- {md(w)}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def _dimension_gaps(result: Result, lang: Language) -> list[str]:
    """Every department x dimension short of its target, or with no score to compare.

    A department at its target overall can still fail ``--fail-under-target`` on a
    dimension: these rows show which, with the figures the gate used.
    """
    _ = lang.gettext
    rows = [
        f"| {md(dep.name)} · {md(dim.name)} | {fixed(dim.score, lang)} | "
        f"{_md_stage(dim.stage, lang, dim.borderline)} | {lang.stage(dim.target)} | "
        f"{_none(dim.gap)} |"
        for dep in result.departments
        for dim in dep.dimensions
        if dim.target is not None and (dim.gap or dim.stage is None)
    ]
    if not rows:
        return []
    head = _row(_("Department · dimension"), _("Score"), _("Stage"), _("Target"), _("Gap"))
    return ["", head, "|---|---:|---|---|---:|", *rows]


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _none(value: int | None) -> str:
    return "–" if value is None else str(value)


# ---------------------------------------------------------------------------- table


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
