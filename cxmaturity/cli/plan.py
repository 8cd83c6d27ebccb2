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

ALL = 1_000_000
MIN_GROUP = 3
"""As the packs: no decision rests on a department of fewer respondents."""


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
    ] = 15,
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
    from datetime import date

    from cxmaturity.api import assess
    from cxmaturity.cli.console import render_options
    from cxmaturity.core.decisions import decide
    from cxmaturity.core.evidence import claims
    from cxmaturity.core.plan import build_plan
    from cxmaturity.core.roadmap import with_default_target
    from cxmaturity.core.schedule import build_schedule
    from cxmaturity.render import plan as render
    from cxmaturity.render.consensus import claims_line, raw_to_agreed
    from cxmaturity.render.renderer import renderer
    from cxmaturity.words.language import language

    guard_output(out, [*paths, questionnaire, targets])
    goal = build_targets(target, targets)
    # The steps, names and KPIs come from the translation, the headings from the catalogue.
    reader = language(lang)
    assessment = assess(paths, questionnaire, goal, reader.code, raw=raw)
    result, choice = with_default_target(assessment.result, goal)
    print_warnings(result)
    q = assessment.questionnaire.model
    made = build_plan(result, q, limit, target_defaulted=choice.defaulted)
    # The roadmap times every step, not only the first ``limit``.
    timed = build_schedule(build_plan(result, q, ALL), result, q)
    asks = decide(result, q, timed, MIN_GROUP)
    backed = claims(assessment.answer_sets, date.today())
    if backed.evidenced:
        say(claims_line(backed).rstrip())
    moved = ""
    if assessment.raw is not None and assessment.consensus is not None:
        moved = raw_to_agreed(assessment.raw, assessment.result, assessment.consensus, reader)
        if format not in render.NOTED:
            say(moved.rstrip())
    view = render.PlanView(made, q, result.questionnaire, limit, timed, asks, date.today(), moved)
    emit(renderer(render.RENDERERS, format)(view, render_options(reader)), out)
