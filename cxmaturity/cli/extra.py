"""Commands beyond scoring: explain, compare, import-csv and export."""

from __future__ import annotations

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
    handles_errors,
    print_warnings,
    say,
)

if TYPE_CHECKING:
    from cxmaturity.compare import Comparison
    from cxmaturity.export import Paper

OutOpt = Annotated[Path | None, typer.Option("-o", "--out", help="Write here instead of stdout.")]


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
    from cxmaturity.assess import assess
    from cxmaturity.explain import explain as derive
    from cxmaturity.i18n import language
    from cxmaturity.render import explain as render

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
) -> None:
    """Show progress between two surveys: score deltas and stage movements."""
    from cxmaturity.compare import compare as run_compare

    comparison = run_compare(baseline, current, questionnaire, build_targets(target, targets))
    for warning in comparison.warnings:
        say(f"warning: {warning}")
    emit(_render_comparison(comparison, format), out)


def _render_comparison(comparison: Comparison, format: CompareFormat) -> str:
    from cxmaturity.render import compare as render

    if format is CompareFormat.json:
        return render.render_json(comparison)
    if format is CompareFormat.csv:
        return render.render_csv(comparison)
    if format is CompareFormat.markdown:
        return render.render_markdown(comparison)
    from cxmaturity.console import capture

    return capture(render.render_table(comparison))


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
    from cxmaturity.csvimport import plan_import, write_plan
    from cxmaturity.loading import load_questionnaire

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


class ExportFormat(StrEnum):
    csv = "csv"
    markdown = "markdown"
    pdf = "pdf"


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
    out: OutOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Export a questionnaire: an empty CSV template for online forms (for `import-csv`),
    or a printable copy with boxes to tick (markdown, pdf)."""
    from cxmaturity import export as exporting
    from cxmaturity.formats.translations import localise
    from cxmaturity.i18n import language
    from cxmaturity.loading import load_questionnaire

    reader = language(lang)
    warnings: list[str] = []
    q = localise(load_questionnaire(questionnaire), reader.code, warnings).model
    for warning in warnings:
        say(f"warning: {warning}")
    chosen = exporting.chosen_department(q, department)
    if format is ExportFormat.csv:
        emit(exporting.template_csv(q, chosen, headers.value), out)
        return
    sheet = exporting.paper(q, chosen)
    if format is ExportFormat.markdown:
        from cxmaturity.render.questionnaire_md import render_markdown

        emit(render_markdown(sheet, reader), out)
        return
    _export_pdf(sheet, out)


def _export_pdf(sheet: Paper, out: Path | None) -> None:
    from cxmaturity.errors import UsageError

    if out is None:
        raise UsageError("--format pdf needs -o FILE.pdf")
    from cxmaturity.render.questionnaire_pdf import write_questionnaire_pdf

    pages = write_questionnaire_pdf(sheet, out)
    typer.echo(f"wrote {out} ({pages} pages)", err=True)
