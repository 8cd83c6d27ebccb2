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
    gate_failed,
    guard_output,
    handles_errors,
    print_warnings,
    say,
    stage_option,
    warn,
)
from cxmaturity.core.errors import UsageError
from cxmaturity.core.exitcodes import ExitCode

if TYPE_CHECKING:
    from cxmaturity.core.targets import Targets
    from cxmaturity.usecases.assessment import Assessment
    from cxmaturity.usecases.scoring import ScoreOutcome
    from cxmaturity.words.language import Language


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
    junit = "junit"


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

    --format junit writes the gate as a JUnit report: one test case per department and
    dimension with a target (and one for --fail-under), a gap being a failure.

    A workshop folder's agreed stages (its consensus.yaml) are used, and shown beside the
    raw figures, unless --raw.
    """
    from cxmaturity.usecases.scoring import score as run_score
    from cxmaturity.words.language import language

    guard_output(out, [*paths, questionnaire, targets], format=format.value)
    reader = language(lang)
    bar = stage_option(fail_under)
    goal = build_targets(target, targets)
    if fail_under_target and goal is None:
        raise UsageError("--fail-under-target needs --target or --targets")
    for path in paths:
        # `--fail-under-target true` leaves `true` as a path: say what happened.
        if path.name.lower() in ("true", "false", "yes", "no") and not path.exists():
            raise UsageError(
                f"{path}: no such file or folder (--fail-under-target is a flag: it takes no value)"
            )
    if format is ScoreFormat.junit and goal is None and bar is None:
        raise UsageError("--format junit needs a gate: --fail-under, --target or --targets")
    outcome = run_score(paths, questionnaire, goal, reader.code, bar=bar, raw=raw)
    print_warnings(outcome.result)
    bar_checks, goal_checks = list(outcome.bar_checks), list(outcome.target_checks)
    if format is ScoreFormat.xlsx:
        _workbook(outcome.assessment, goal, out, reader.code)
    else:
        emit(_render_scores(outcome, format, goal is not None, reader), out)
    gate = bar_checks + (goal_checks if fail_under_target else [])
    failures = [check.failure for check in gate if check.failure]
    if failures:
        for reason in failures:
            gate_failed(reason)
        raise typer.Exit(int(ExitCode.BELOW_BAR))


def _workbook(assessment: Assessment, goal: Targets | None, out: Path | None, code: str) -> None:
    """The board's figures, plan and comments as a workbook (``report --format xlsx`` too)."""
    from cxmaturity.usecases.office import build_office

    if out is None:
        raise UsageError("--format xlsx needs -o FILE.xlsx")
    build_office(assessment, goal, out, "xlsx", organisation=None, language=code)
    say(f"wrote {out}")


def _render_scores(
    outcome: ScoreOutcome, format: ScoreFormat, with_targets: bool, lang: Language
) -> str:
    from cxmaturity.cli.console import render_options
    from cxmaturity.render import scores
    from cxmaturity.render.renderer import renderer

    raw, agreed = outcome.assessment.raw, outcome.assessment.consensus
    if format is ScoreFormat.csv and raw is not None:
        say("note: the scores use the consensus round's agreed stages (--raw: as answered)")
    checks = [*outcome.bar_checks, *outcome.target_checks]
    view = scores.ScoresView(outcome.result, raw, agreed, outcome.claims, checks)
    return renderer(scores.RENDERERS, format)(view, render_options(lang, with_targets))


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
    from cxmaturity.cli.console import render_options
    from cxmaturity.render import explain as render
    from cxmaturity.render.renderer import renderer
    from cxmaturity.usecases.scoring import explain as derive
    from cxmaturity.words.language import language

    guard_output(out, [*paths, questionnaire, targets], format=format.value)
    reader = language(lang)
    goal = build_targets(target, targets)
    explanation = derive(paths, questionnaire, goal, reader.code, warn, department, dimension)
    emit(renderer(render.RENDERERS, format)(explanation, render_options(reader)), out)


class CompareFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    junit = "junit"


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
    fail_on_drop: Annotated[
        int | None,
        typer.Option(
            "--fail-on-drop",
            metavar="STAGES",
            min=1,
            max=5,
            help="Exit 1 when the organisation, a department or a dimension fell this many "
            "stages or more (with targets: any fall that leaves it below its target).",
        ),
    ] = None,
    out: OutOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Show progress between two surveys: score deltas and stage movements.

    With --fail-on-drop it is a regression gate; --format junit writes its checks as a
    JUnit report, one test case per organisation, department and dimension.

    With --lang, headings, stage names, numbers and the names of departments and
    dimensions (from the questionnaire's translation) are in that language; JSON keeps
    its keys, ids, stage keys and English stage names, and CSV its column keys.
    """
    from cxmaturity.usecases.comparing import compare as run_compare
    from cxmaturity.words.language import language

    reader = language(lang)
    guard_output(out, [baseline, current, questionnaire, targets], format=format.value)
    if format is CompareFormat.junit and fail_on_drop is None:
        raise UsageError("--format junit needs a gate: --fail-on-drop STAGES")
    goal = build_targets(target, targets)
    outcome = run_compare(baseline, current, questionnaire, goal, reader.code, fail_on_drop)
    comparison, checks = outcome.comparison, list(outcome.checks)
    for warning in comparison.warnings:
        warn(warning)
    from cxmaturity.cli.console import render_options
    from cxmaturity.render import comparison as render
    from cxmaturity.render.renderer import renderer

    view = render.ComparisonView(comparison, checks)
    emit(renderer(render.RENDERERS, format)(view, render_options(reader)), out)
    failures = [check.failure for check in checks if check.failure]
    for reason in failures:
        gate_failed(reason)
    if failures:
        raise typer.Exit(int(ExitCode.BELOW_BAR))
