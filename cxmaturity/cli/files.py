"""Commands on files: validate, schema and import-csv."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import app, handles_errors, say
from cxmaturity.exitcodes import ExitCode


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
    require_evidence: Annotated[
        str | None,
        typer.Option(
            "--require-evidence",
            metavar="STAGE",
            help="Fail answers at this stage or above that carry no evidence (e.g. align).",
        ),
    ] = None,
) -> None:
    """Check questionnaires and answer files (recognised by their `format`).

    Evidence dated more than a year ago is a warning.
    """
    from cxmaturity.api import validate_files
    from cxmaturity.cli.app import stage_option

    report = validate_files(files, questionnaire, stage_option(require_evidence))
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
    scores = "scores"
    plan = "plan"
    consensus = "consensus"


@app.command()
@handles_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format, for editor autocompletion."""
    from cxmaturity.formats.schemas import json_schema

    sys.stdout.write(json_schema(kind.value))


@app.command("import-csv")
@handles_errors
def import_csv(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="CSV with one row per respondent.")],
    questionnaire: Annotated[
        str, typer.Option("-q", "--questionnaire", help="Questionnaire file or bundled id.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out-dir", help="Folder for the answer files (created if needed).")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would be written; write nothing.")
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="Replace answer files that exist with other content."),
    ] = False,
) -> None:
    """Turn a CSV of answers (e.g. an online form's export) into one answer file per row.

    Columns: name, department, role (optional), updated (optional, ISO 8601), then one
    per question headed by its id or exact text. Cells: 1-6, a stage name, an option's
    text, unknown, n/a, or blank. Nothing is written unless every row is valid.
    """
    from cxmaturity.formats.csvimport import plan_import, write_plan
    from cxmaturity.formats.loading import load_questionnaire

    plan = plan_import(file, load_questionnaire(questionnaire), out_dir, overwrite)
    for warning in plan.warnings:
        say(f"warning: {warning}")
    if not dry_run:
        write_plan(plan)
    verbs = {
        "new": "would write" if dry_run else "wrote",
        "replace": "would replace" if dry_run else "replaced",
        "unchanged": "unchanged",
    }
    for planned in plan.files:
        typer.echo(
            f"{verbs[planned.status]} {planned.path}: {planned.name} ({planned.department}), "
            f"{planned.answered} answers, {planned.blank} blank"
        )
