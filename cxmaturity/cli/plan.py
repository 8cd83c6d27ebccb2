"""``plan``: the improvement plan, step by step, from the answers."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import (
    LangOpt,
    PathsArg,
    QuestionnaireOpt,
    RawOpt,
    TargetOpt,
    TargetsFileOpt,
    app,
    build_targets,
    emit,
    guard_output,
    handles_errors,
    print_warnings,
    say,
)

LIMIT = 15
"""``core.plan.DEFAULT_LIMIT``, written out: importing the core here would load pydantic
for every ``--help`` and ``--version`` (tests/test_plan.py checks the two agree)."""


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


@app.command()
@handles_errors
def plan(
    paths: PathsArg,
    questionnaire: QuestionnaireOpt = None,
    target: TargetOpt = None,
    targets: TargetsFileOpt = None,
    limit: Annotated[
        int,
        typer.Option("--limit", min=1, help="How many actions the organisation's list shows."),
    ] = LIMIT,
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlanFormat.table
    ),
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write here instead of stdout.")
    ] = None,
    lang: LangOpt = "en",
    raw: RawOpt = False,
) -> None:
    """The improvement plan: the next step on each question where a department is below target.

    Steps needed by several departments are merged; they are ordered by gap x dimension
    weight x question weight, after the steps of the dimensions they require. Without
    --target or --targets the target is one stage above the organisation's current stage.
    JSON also holds every department's full list. A workshop folder's agreed stages
    (consensus.yaml) are used unless --raw.
    """
    from cxmaturity.cli.console import render_options
    from cxmaturity.render import plan as render
    from cxmaturity.render.consensus import claims_line, raw_to_agreed
    from cxmaturity.render.renderer import renderer
    from cxmaturity.usecases.planning import plan as make_plan
    from cxmaturity.words.language import language

    guard_output(out, [*paths, questionnaire, targets], format=format.value)
    goal = build_targets(target, targets)
    # The steps, names and KPIs come from the translation, the headings from the catalogue.
    reader = language(lang)
    found = make_plan(paths, questionnaire, goal, reader.code, limit=limit, raw=raw)
    result, assessment = found.aimed.result, found.assessment
    print_warnings(result)
    if found.claims.evidenced:
        say(claims_line(found.claims).rstrip())
    moved = ""
    if assessment.raw is not None and assessment.consensus is not None:
        moved = raw_to_agreed(assessment.raw, assessment.result, assessment.consensus, reader)
        if format not in render.NOTED:
            say(moved.rstrip())
    q, info = assessment.questionnaire.model, result.questionnaire
    view = render.PlanView(
        found.aimed.plan, q, info, limit, found.timed, found.asks, found.today, moved
    )
    emit(renderer(render.RENDERERS, format)(view, render_options(reader)), out)
