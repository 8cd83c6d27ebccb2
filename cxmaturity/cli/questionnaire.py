"""Commands on questionnaires: list the bundled ones, export one for forms or paper."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import (
    LangOpt,
    OutOpt,
    app,
    emit,
    guard_output,
    handles_errors,
    say,
    warn,
)


@app.command()
@handles_errors
def questionnaires() -> None:
    """List the bundled questionnaires, with their languages and how complete each is."""
    from cxmaturity.usecases.questionnaires import bundled

    for found in bundled():
        q = found.questionnaire
        shown = ", ".join(
            language if complete == 1 else f"{language} {complete:.0%}"
            for language, complete in found.languages
        )
        typer.echo(
            f"{q.id}\t{q.version}\t{q.title} ({len(q.questions)} questions, "
            f"{len(q.dimensions)} dimensions, {len(q.departments)} departments)\t"
            f"languages: {shown}"
        )


class ExportFormat(StrEnum):
    csv = "csv"
    markdown = "markdown"
    pdf = "pdf"
    xlsx = "xlsx"


class HeaderKind(StrEnum):
    id = "id"
    text = "text"


@app.command()
@handles_errors
def export(
    questionnaire: Annotated[
        str, typer.Option("-q", "--questionnaire", help="Questionnaire file or bundled id.")
    ],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to export.")] = (
        ExportFormat.markdown
    ),
    department: Annotated[
        str | None,
        typer.Option("--department", "-d", help="Only the questions for this department."),
    ] = None,
    headers: Annotated[
        HeaderKind,
        typer.Option("--headers", help="CSV column headings: question ids or question texts."),
    ] = HeaderKind.id,
    show_stages: Annotated[
        bool,
        typer.Option(
            "--show-stages", help="Print each option's stage name (a facilitator's copy)."
        ),
    ] = False,
    out: OutOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Export a questionnaire: an empty CSV template for online forms (for `import`), an
    answer-entry workbook with drop-downs (xlsx, read back by `import`), or a printable
    copy with boxes to tick (markdown, pdf)."""
    from cxmaturity.usecases import questionnaires as use
    from cxmaturity.words.language import language

    guard_output(out, [questionnaire], format=format.value)
    reader = language(lang)
    copy = use.copy_of(questionnaire, reader.code, department, warn)
    chosen = use.ExportOptions(reader, out, headers.value, show_stages)
    exported = use.EXPORTS[format.value](copy, chosen)
    if exported.content is not None:
        emit(exported.content, out)
    elif out is not None:  # a PDF is written by its writer, and said here
        say(f"wrote {_shown(out)} ({exported.pages} pages)")


def _shown(out: Path) -> str:
    from cxmaturity.usecases.outputs import names_a_file

    return str(out) if names_a_file(out) else "the PDF to standard output"
