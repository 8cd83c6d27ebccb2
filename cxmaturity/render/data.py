"""CI-facing renderings of a Result: CSV and Markdown.

The JSON form is the ``cxmaturity.scores/1`` file format, written by ``formats.scores``.
"""

from __future__ import annotations

import csv
import io

from cxmaturity.render.markdown import md
from cxmaturity.render.numbers import cell, two_places
from cxmaturity.result import Result
from cxmaturity.stages import Stage

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


BORDERLINE_NOTE = (
    "_(borderline): the score's 95% interval crosses a stage boundary; "
    "`cxmaturity explain` shows how it is made._"
)


def _md_score(score: float | None, stage: Stage | None, borderline: bool = False) -> str:
    if score is None or stage is None:
        return "not enough answers"
    return f"{score:.2f} {_md_stage(stage, borderline)}"


def _md_stage(stage: Stage | None, borderline: bool) -> str:
    if stage is None:
        return "not enough answers"
    return f"{stage.label} (borderline)" if borderline else stage.label


def render_markdown(result: Result, with_targets: bool = False) -> str:
    """A short summary for a CI job page or a pull request."""
    org = result.organisation
    q = result.questionnaire
    lines = [
        f"## CX maturity: {_md_score(org.score, org.stage, org.borderline)}",
        "",
        f"{md(q.title)} ({md(q.id)} {md(q.version)}), {len(result.respondents)} "
        f"respondent{'' if len(result.respondents) == 1 else 's'} "
        f"in {len(result.departments)} departments.",
        "",
        "| Department | Respondents | Score | Stage |"
        + (" Target | Gap |" if with_targets else ""),
        "|---|---:|---:|---|" + ("---|---:|" if with_targets else ""),
    ]
    for dep in result.departments:
        row = (
            f"| {md(dep.name)} | {dep.respondents} | {two_places(dep.score) or '–'} | "
            f"{_md_stage(dep.stage, dep.borderline)} |"
        )
        if with_targets:
            row += f" {dep.target.label if dep.target else '–'} | {_none(dep.gap)} |"
        lines.append(row)
    lines += [
        "",
        "| Dimension | Organisation score | Stage | Spread across departments |",
        "|---|---:|---|---:|",
    ]
    for dim in org.dimensions:
        stage = _md_stage(dim.stage, dim.borderline)
        lines.append(
            f"| {md(dim.name)} | {two_places(dim.score) or '–'} | {stage} | "
            f"{two_places(dim.spread) or '–'} |"
        )
    disagreements = [
        f"- {md(dep.name)} · {md(dim.name)}: spread {dim.spread:.2f}"
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    marked = [org.borderline, *(d.borderline for d in result.departments)]
    if any(marked) or any(d.borderline for d in org.dimensions):
        lines += ["", BORDERLINE_NOTE]
    if disagreements:
        lines += ["", f"**Disagreements** ({len(disagreements)}):", "", *disagreements]
    if result.warnings:
        lines += ["", "**Warnings:**", "", *(f"- {md(w)}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def _none(value: int | None) -> str:
    return "–" if value is None else str(value)
