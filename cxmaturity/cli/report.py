"""The board report and the demo: ``report`` and ``demo``."""

from __future__ import annotations

import sys
from collections.abc import Callable
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
    guard_output,
    handles_errors,
    say,
    warn,
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
    pack: Annotated[
        str,
        typer.Option(
            "--pack",
            help="board: at most 12 pages for the board (default); workshop: every "
            "department, question and comment, for the facilitator.",
        ),
    ] = "board",
    names: Annotated[
        bool,
        typer.Option("--names", help="Workshop pack: name respondents next to their comments."),
    ] = False,
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            min=1,
            help="Show no department of fewer respondents than this on its own "
            "(workshop pack: unless --names).",
        ),
    ] = 3,
    anonymous: Annotated[
        bool,
        typer.Option("--anonymous", help="Kept for old scripts: both packs are anonymous now."),
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="An earlier survey (a folder of answers or a scores.json) to show progress "
            "against.",
        ),
    ] = None,
    quote: Annotated[
        list[str] | None,
        typer.Option(
            "--quote",
            help="Board pack: quote this comment (its id from the workshop pack); repeatable. "
            "Without it the quotes are chosen by rule, never one that contradicts its answer.",
        ),
    ] = None,
    quotes: Annotated[
        Path | None,
        typer.Option("--quotes", help="A text file of comment ids to quote, one a line."),
    ] = None,
    lang: LangOpt = "en",
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="pdf (default); pptx: the board pack as an editable deck (--template "
            "DECK.pptx for a slide master); xlsx: the board's figures, plan and comments.",
        ),
    ] = "pdf",
    raw: RawOpt = False,
) -> None:
    """Write a PDF pack: the board pack (default) or the workshop pack.

    The board pack is at most 12 pages whatever the number of respondents: findings,
    three decisions, caveats, heatmap, perspectives, roadmap and method. The workshop
    pack has one section per department with every question's answers and comments;
    it is anonymous unless --names. --lang writes either pack in German, French or
    Spanish: headings, findings, stage names, numbers and dates, and the questionnaire's
    own translation. Without --target or --targets, gaps are measured
    against one stage above today's, stated once in small type. With --baseline a
    "Progress since <date>" section is added. --format pptx writes the board pack as an
    editable deck (--template DECK.pptx for a slide master), --format xlsx its figures, plan
    and comments as a workbook.
    """
    from cxmaturity.core.errors import UsageError

    if pack not in ("board", "workshop"):
        raise UsageError(f"--pack: {pack!r} is not board or workshop")
    if names and anonymous:
        raise UsageError("--names and --anonymous contradict each other")
    if format != "pdf":
        if pack != "board" or baseline is not None or html is not None:
            raise UsageError(
                f"--format {format} is the board pack's: --pack, --baseline and --html are PDF only"
            )
        _office(
            paths,
            questionnaire,
            out,
            org,
            target,
            targets,
            template,
            names,
            min_group,
            lang,
            format,
        )
        return
    from cxmaturity.usecases.outputs import guard, names_a_file
    from cxmaturity.usecases.reporting import ReportRequest, quote_ids
    from cxmaturity.usecases.reporting import report as write_report
    from cxmaturity.words.language import check_language

    code = check_language(lang)
    chosen = (*(quote or []), *quote_ids(quotes))
    guard([out, html], [*paths, questionnaire, targets, baseline], [template], format)
    request = ReportRequest(
        paths,
        out,
        organisation=None if org == DEFAULT_ORGANISATION else org,
        questionnaire=questionnaire,
        targets=build_targets(target, targets),
        pack="workshop" if pack == "workshop" else "board",
        html_out=html,
        template_dir=template,
        names=names,
        min_group=min_group,
        baseline=baseline,
        language=code,
        quotes=chosen,
        raw=raw,
    )
    outcome = write_report(request, warn, _progress())
    for warning in outcome.warnings:
        warn(warning)
    if html is not None and names_a_file(html):
        say(f"wrote {html}")
    shown = str(out) if names_a_file(out) else "the PDF to standard output"
    say(f"wrote {shown} ({pack} pack, {outcome.pages} pages)")


def _office(
    paths: list[Path],
    questionnaire: str | None,
    out: Path,
    org: str,
    target: str | None,
    targets: Path | None,
    template: Path | None,
    names: bool,
    min_group: int,
    lang: str,
    kind: str,
) -> None:
    """``report --format pptx|xlsx``: the board pack's story for the client's office."""
    from cxmaturity.core.errors import UsageError
    from cxmaturity.usecases.office import OFFICE_WRITERS, office
    from cxmaturity.words.language import check_language

    if kind not in OFFICE_WRITERS:
        raise UsageError(f"--format: {kind!r} is not pdf, pptx or xlsx")
    if template is not None and (kind != "pptx" or template.is_dir()):
        raise UsageError("--template with --format pptx takes a .pptx file (its slide master)")
    out = Path(f"report.{kind}") if out == Path("report.pdf") else out
    code = check_language(lang)
    guard_output(out, [*paths, questionnaire, targets, template], format=kind)
    office(
        paths,
        questionnaire,
        build_targets(target, targets),
        out,
        kind,
        warn,
        organisation=None if org == DEFAULT_ORGANISATION else org,
        names=names,
        min_group=min_group,
        language=code,
        template=template,
    )
    say(f"wrote {out}")


def _progress() -> Callable[[str, int], None]:
    """Steps on stderr while the pack is made, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return lambda step, respondents: None

    def show(step: str, respondents: int) -> None:
        say(f"report: {step} ({respondents} respondents)…")

    return show


@app.command()
@handles_errors
def demo(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the answers, scores.json and both packs.")
    ] = Path("demo-output"),
) -> None:
    """Build a synthetic workshop on the bundled cx-core questionnaire and write both packs."""
    from cxmaturity.usecases.demo import build_demo

    made = build_demo(out)
    say(f"answers:  {made.answers_dir}/ ({made.respondents} respondents)", err=False)
    say(f"scores:   {made.scores}", err=False)
    say(f"board:    {made.report} ({made.pages} pages)", err=False)
    say(f"workshop: {made.workshop} ({made.workshop_pages} pages)", err=False)
