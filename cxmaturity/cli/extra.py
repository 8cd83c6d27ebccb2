"""Commands beyond scoring: explain, compare, import-csv and export."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import (
    PathsArg,
    QuestionnaireOpt,
    TargetOpt,
    TargetsFileOpt,
    app,
    build_targets,
    emit,
    handles_errors,
    print_warnings,
)

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
) -> None:
    """Show how a department's score is derived, step by step, as `score` computes it."""
    from cxmaturity.assess import assess
    from cxmaturity.explain import explain as derive
    from cxmaturity.render import explain as render

    result = assess(paths, questionnaire, build_targets(target, targets)).result
    print_warnings(result)
    explanation = derive(result, department, dimension)
    text = (
        render.render_json(explanation)
        if format is ExplainFormat.json
        else render.render_text(explanation)
    )
    emit(text, out)
