"""The board report and the demo: ``report`` and ``demo``."""

from __future__ import annotations

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
    handles_errors,
    print_warnings,
    say,
)

DEFAULT_ORGANISATION = "The organisation"


@app.command()
@handles_errors
def report(
    paths: PathsArg,
    questionnaire: QuestionnaireOpt = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the PDF.")] = Path(
        "report.pdf"
    ),
    org: Annotated[
        str, typer.Option("--org", help="The organisation's name, for the cover and footers.")
    ] = DEFAULT_ORGANISATION,
    target: TargetOpt = None,
    targets: TargetsFileOpt = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write the exact HTML that was rendered.")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="A folder of templates, CSS or logo that override the bundled ones.",
        ),
    ] = None,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help="Leave respondents' names out of the report.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier survey (a folder of answers or a scores.json) to show progress "
            "against.",
        ),
    ] = None,
) -> None:
    """Write the PDF board report: stages, gaps, disagreements and next steps.

    Without --target or --targets, gaps are measured against one stage above the
    organisation's current stage, and the report says so. With --baseline it adds a
    "Progress since <date>" section and marks the baseline on the radars and heatmap.
    """
    from cxmaturity.api import assess, build_report, compare_with_baseline

    goal = build_targets(target, targets)
    assessment = assess(paths, questionnaire, goal)
    # Read before rendering, so a broken baseline fails fast and nothing is written.
    comparison = (
        None if baseline is None else compare_with_baseline(baseline, assessment, questionnaire)
    )
    if comparison is None:
        print_warnings(assessment.result)
    else:
        # The comparison's warnings include the current side's, marked "current:".
        for warning in comparison.warnings:
            say(f"warning: {warning}")
    # Scored once: the report only aims this result at a default target when none was set.
    outcome = build_report(
        assessment,
        goal,
        out,
        organisation=org,
        html_out=html,
        template_dir=template,
        anonymous=anonymous,
        comparison=comparison,
    )
    if html is not None:
        typer.echo(f"wrote {html}", err=True)
    typer.echo(f"wrote {out} ({outcome.pages} pages)", err=True)


@app.command()
@handles_errors
def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the answers, scores.json and report.pdf.")
    ] = Path("demo-output"),
) -> None:
    """Build a synthetic workshop on the bundled cx-core questionnaire and report on it."""
    from cxmaturity.demo import build_demo

    made = build_demo(out)
    typer.echo(f"answers:  {made.answers_dir}/ ({made.respondents} respondents)")
    typer.echo(f"scores:   {made.scores}")
    typer.echo(f"report:   {made.report} ({made.pages} pages)")
