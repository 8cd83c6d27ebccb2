"""Commands on scored answers: score, explain and compare."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxmaturity.cli.app import (
    LangOpt,
    OutOpt,
    PathsArg,
    QuestionnaireOpt,
    RawOpt,
    TargetOpt,
    TargetsFileOpt,
    app,
    build_targets,
    emit,
    fail,
    guard_output,
    handles_errors,
    print_warnings,
    say,
    stage_option,
)
from cxmaturity.exitcodes import ExitCode

if TYPE_CHECKING:
    from cxmaturity.api import Assessment
    from cxmaturity.comparison import Comparison
    from cxmaturity.i18n import Language


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command()
@handles_errors
def score(
    paths: PathsArg,
    questionnaire: QuestionnaireOpt = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScoreFormat.table
    ),
    target: TargetOpt = None,
    targets: TargetsFileOpt = None,
    fail_under: Annotated[
        str | None,
        typer.Option("--fail-under", help="Exit 1 when the organisation's stage is below this."),
    ] = None,
    fail_under_target: Annotated[
        bool,
        typer.Option(
            "--fail-under-target",
            help="Exit 1 when any department or dimension is below its target.",
        ),
    ] = False,
    out: OutOpt = None,
    lang: LangOpt = "en",
    raw: RawOpt = False,
) -> None:
    """Score answer files per dimension, department and organisation.

    A workshop folder's agreed stages (its consensus.yaml) are used, and shown beside the
    raw figures, unless --raw.
    """
    from cxmaturity.api import assess
    from cxmaturity.gate import below_bar, below_targets
    from cxmaturity.i18n import language

    guard_output(out, [*paths, questionnaire, targets])
    reader = language(lang)
    bar = stage_option(fail_under)
    goal = build_targets(target, targets)
    if fail_under_target and goal is None:
        raise fail("error: --fail-under-target needs --target or --targets")
    assessment = assess(paths, questionnaire, goal, reader.code, raw=raw)
    result = assessment.result
    print_warnings(result)
    text = _render_scores(assessment, format, goal is not None, reader)
    emit(text, out)
    failures = []
    if bar is not None and (reason := below_bar(result, bar)):
        failures.append(reason)
    if fail_under_target:
        failures += below_targets(result)
    if failures:
        for reason in failures:
            say(f"fail: {reason}")
        raise typer.Exit(int(ExitCode.BELOW_BAR))


def _render_scores(
    assessment: Assessment, format: ScoreFormat, with_targets: bool, lang: Language
) -> str:
    from datetime import date

    from cxmaturity.evidence import claims

    result, raw, agreed = assessment.result, assessment.raw, assessment.consensus
    backed = claims(assessment.answer_sets, date.today())
    if format is ScoreFormat.json:
        from cxmaturity.formats.scores import scores_json

        return scores_json(result, with_targets, raw, agreed, backed)
    from cxmaturity.render import data

    if format is ScoreFormat.csv:
        if raw is not None:
            say("note: the scores use the consensus round's agreed stages (--raw: as answered)")
        return data.render_csv(result, with_targets)
    from cxmaturity.render.consensus import claims_line, raw_to_agreed

    moved = ""
    if raw is not None and agreed is not None:
        moved = "\n" + raw_to_agreed(raw, result, agreed, lang)
    if backed.evidenced:
        moved += "\n" + claims_line(backed)
    if format is ScoreFormat.markdown:
        return data.render_markdown(result, with_targets, lang) + moved
    from cxmaturity.cli.console import capture
    from cxmaturity.render.text import render_table

    return capture(render_table(result, with_targets, lang)) + moved


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
@handles_errors
def explain(
    paths: PathsArg,
    department: Annotated[
        str, typer.Option("--department", "-d", help="The department to explain (its id).")
    ],
    dimension: Annotated[
        str | None,
        typer.Option("--dimension", help="Only this dimension (its id); default: all of them."),
    ] = None,
    questionnaire: QuestionnaireOpt = None,
    target: TargetOpt = None,
    targets: TargetsFileOpt = None,
    format: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExplainFormat.text
    ),
    out: OutOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Show how a department's score is derived, step by step, as `score` computes it."""
    from cxmaturity.api import assess
    from cxmaturity.explain import explain as derive
    from cxmaturity.i18n import language
    from cxmaturity.render import explain as render

    guard_output(out, [*paths, questionnaire, targets])
    reader = language(lang)
    result = assess(paths, questionnaire, build_targets(target, targets), reader.code).result
    print_warnings(result)
    explanation = derive(result, department, dimension)
    text = (
        render.render_json(explanation)
        if format is ExplainFormat.json
        else render.render_text(explanation, reader)
    )
    emit(text, out)


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"


SideArg = Annotated[
    Path, typer.Argument(help="A folder of answer files, or a scores.json from `score -f json`.")
]


@app.command()
@handles_errors
def compare(
    baseline: SideArg,
    current: SideArg,
    questionnaire: QuestionnaireOpt = None,
    target: TargetOpt = None,
    targets: TargetsFileOpt = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = (
        CompareFormat.table
    ),
    out: OutOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Show progress between two surveys: score deltas and stage movements.

    With --lang, headings, stage names, numbers and the names of departments and
    dimensions (from the questionnaire's translation) are in that language; JSON keeps
    its keys, ids, stage keys and English stage names, and CSV its column keys.
    """
    from cxmaturity.api import compare as run_compare
    from cxmaturity.i18n import language

    reader = language(lang)
    guard_output(out, [baseline, current, questionnaire, targets])
    comparison = run_compare(
        baseline, current, questionnaire, build_targets(target, targets), reader.code
    )
    for warning in comparison.warnings:
        say(f"warning: {warning}")
    emit(_render_comparison(comparison, format, reader), out)


def _render_comparison(comparison: Comparison, format: CompareFormat, lang: Language) -> str:
    from cxmaturity.render import compare as render

    if format is CompareFormat.json:
        return render.render_json(comparison)
    if format is CompareFormat.csv:
        return render.render_csv(comparison, lang)
    if format is CompareFormat.markdown:
        return render.render_markdown(comparison, lang)
    from cxmaturity.cli.console import capture

    return capture(render.render_table(comparison, lang))
