"""Commands on files: validate, schema and import-csv."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import app, handles_errors, say, warn
from cxmaturity.cli.messages import report_errors
from cxmaturity.core.errors import ManyErrors
from cxmaturity.core.exitcodes import ExitCode


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
    from cxmaturity.cli.app import stage_option
    from cxmaturity.usecases.validation import validate_files

    report = validate_files(files, questionnaire, stage_option(require_evidence))
    for line in report.ok:
        say(f"ok: {line}", err=False)
    for warning in report.warnings:
        warn(warning)
    if report.errors:
        report_errors(ManyErrors(report.errors), as_json=False)
        raise typer.Exit(int(ExitCode.INVALID))


class SchemaKind(StrEnum):
    questionnaire = "questionnaire"
    answers = "answers"
    targets = "targets"
    scores = "scores"
    plan = "plan"
    comparison = "comparison"
    explain = "explain"
    error = "error"
    consensus = "consensus"


@app.command()
@handles_errors
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file format.")],
) -> None:
    """Print the JSON Schema of a file format, for editor autocompletion."""
    from cxmaturity.usecases.documents import schema as json_schema

    sys.stdout.write(json_schema(kind.value))


def import_answers(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A form tool's export (CSV, TSV or XLSX) or a CSV with one row per respondent.",
        ),
    ],
    questionnaire: Annotated[
        str, typer.Option("-q", "--questionnaire", help="Questionnaire file or bundled id.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out-dir", help="Folder for the answer files (created if needed).")
    ],
    tool: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="Which tool wrote the file: google, microsoft, qualtrics, surveymonkey, "
            "workbook or plain. Default: told from its headings.",
        ),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone", help="Zone of times the export gives without one (Europe/Berlin, +01:00)."
        ),
    ] = None,
    partial: Annotated[
        str,
        typer.Option(
            "--partial", help="Responses not finished: import (as far as they go) or skip."
        ),
    ] = "import",
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would be written; write nothing.")
    ] = False,
    overwrite: Annotated[
        bool,
        typer.Option("--overwrite", help="Replace answer files that exist with other content."),
    ] = False,
) -> None:
    """Turn a survey export into one answer file per respondent.

    Reads Google Forms (CSV), Microsoft Forms (XLSX), Qualtrics (CSV or TSV, choice text or
    numeric values), SurveyMonkey (CSV or XLSX) and cxmaturity's own answer workbook as
    exported, and a plain CSV: name, department, role (optional), updated (optional), then
    one column per question headed by its id or text. Cells: 1-6, a stage name, an option's
    text, unknown, n/a, or blank. Every problem is reported at once; nothing is written
    unless every row is valid.
    """
    from cxmaturity.core.errors import UsageError
    from cxmaturity.usecases.importing import import_answers as run_import

    if partial not in ("import", "skip"):
        raise UsageError(f"--partial: {partial!r} is not import or skip")
    plan = run_import(
        file,
        questionnaire,
        out_dir,
        tool=tool,
        timezone=timezone,
        partial="skip" if partial == "skip" else "import",
        overwrite=overwrite,
        dry_run=dry_run,
        note=lambda told: say(f"note: {told}"),
        warn=warn,
    )
    verbs = {
        "new": "would write" if dry_run else "wrote",
        "replace": "would replace" if dry_run else "replaced",
        "unchanged": "unchanged",
    }
    for planned in plan.files:
        say(
            f"{verbs[planned.status]} {planned.path}: {planned.name} ({planned.department}), "
            f"{planned.answered} answer{'' if planned.answered == 1 else 's'}, "
            f"{planned.blank} blank",
            err=False,
        )


# The command's first name, kept for scripts written before it read other tools' exports.
app.command("import")(handles_errors(import_answers))
app.command("import-csv", hidden=True)(handles_errors(import_answers))
