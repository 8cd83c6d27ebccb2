"""CI-facing renderings of a Result: CSV and Markdown.

The JSON form is the ``cxmaturity.scores/1`` file format, written by ``formats.scores``.
"""

from __future__ import annotations

import csv
import io

from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.render.markdown import md
from cxmaturity.render.notes import cap_lines, fact_lines
from cxmaturity.render.numbers import cell, fixed, two_places
from cxmaturity.words.language import Language, language

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


def _md_stage(stage: Stage | None, lang: Language, borderline: bool) -> str:
    if stage is None:
        return lang.gettext("not enough answers")
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
        stage = _md_stage(dim.stage, lang, dim.borderline)
        if not dim.asked and dim.score is None:
            stage = lang.gettext("not asked")
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
