"""Core commands: score, validate, schema, questionnaires."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxmaturity.cli.app import (
    LangOpt,
    PathsArg,
    QuestionnaireOpt,
    TargetOpt,
    TargetsFileOpt,
    app,
    build_targets,
    emit,
    fail,
    handles_errors,
    print_warnings,
    say,
    stage_option,
)
from cxmaturity.exitcodes import ExitCode

if TYPE_CHECKING:
    from cxmaturity.i18n import Language
    from cxmaturity.result import Result


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
    out: Annotated[
        Path | None, typer.Option("-o", "--out", help="Write here instead of stdout.")
    ] = None,
    lang: LangOpt = "en",
) -> None:
    """Score answer files per dimension, department and organisation."""
    from cxmaturity.assess import assess
    from cxmaturity.gate import below_bar, below_targets
    from cxmaturity.i18n import language

    reader = language(lang)
    bar = stage_option(fail_under)
    goal = build_targets(target, targets)
    if fail_under_target and goal is None:
        raise fail("error: --fail-under-target needs --target or --targets")
    result = assess(paths, questionnaire, goal, reader.code).result
    print_warnings(result)
    emit(_render_scores(result, format, goal is not None, reader), out)
    failures = []
    if bar is not None and (reason := below_bar(result, bar)):
        failures.append(reason)
    if fail_under_target:
        failures += below_targets(result)
    if failures:
        for reason in failures:
            say(f"fail: {reason}")
        raise typer.Exit(int(ExitCode.BELOW_BAR))


def _render_scores(result: Result, format: ScoreFormat, with_targets: bool, lang: Language) -> str:
    from cxmaturity.render import data

    if format is ScoreFormat.json:
        return data.render_json(result, with_targets)
    if format is ScoreFormat.csv:
        return data.render_csv(result, with_targets)
    if format is ScoreFormat.markdown:
        return data.render_markdown(result, with_targets, lang)
    from cxmaturity.console import capture
    from cxmaturity.render.text import render_table

    return capture(render_table(result, with_targets, lang))


@app.command()
@handles_errors
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Questionnaire, answer or targets files."),
    ],
    questionnaire: Annotated[
        str | None,
        typer.Option(
            "-q", "--questionnaire", help="Also check answers against this questionnaire."
        ),
    ] = None,
) -> None:
    """Check questionnaires and answer files (recognised by their `format`)."""
    from cxmaturity.validation import validate_files

    report = validate_files(files, questionnaire)
    for line in report.ok:
        say(f"ok: {line}", err=False)
    for warning in report.warnings:
        say(f"warning: {warning}")
    for error in report.errors:
        say(f"error: {error}")
    if report.errors:
        raise typer.Exit(int(ExitCode.INVALID))


class SchemaKind(StrEnum):
    questionnaire = "questionnaire"
    answers = "answers"
    targets = "targets"


@app.command()
@handles_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format, for editor autocompletion."""
    from cxmaturity.schemas import json_schema

    sys.stdout.write(json_schema(kind.value))


@app.command()
@handles_errors
def questionnaires() -> None:
    """List the bundled questionnaires, with their languages and how complete each is."""
    from cxmaturity.formats.translations import languages
    from cxmaturity.loading import bundled_ids, load_questionnaire

    for qid in bundled_ids():
        loaded = load_questionnaire(qid)
        q = loaded.model
        shown = ", ".join(
            s.language if s.complete == 1 else f"{s.language} {s.complete:.0%}"
            for s in languages(loaded)
        )
        typer.echo(
            f"{q.id}\t{q.version}\t{q.title} ({len(q.questions)} questions, "
            f"{len(q.dimensions)} dimensions, {len(q.departments)} departments)\t"
            f"languages: {shown}"
        )
