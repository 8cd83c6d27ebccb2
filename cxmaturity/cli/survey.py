"""The survey command: the interactive walk, or answers piped one per line."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import AskedQuestionnaireOpt, app, handles_errors, say


@app.command()
@handles_errors
def survey(
    questionnaire: AskedQuestionnaireOpt = "cx-core",
    department: Annotated[
        str | None,
        typer.Option("--department", help="The respondent's department id (asked if missing)."),
    ] = None,
    respondent: Annotated[
        str | None, typer.Option("--respondent", help="The respondent's name (asked if missing).")
    ] = None,
    role: Annotated[str | None, typer.Option("--role", help="The respondent's role.")] = None,
    out: Annotated[
        Path | None,
        typer.Option("-o", "--out", help="The answer file; an existing one is resumed."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Folder for one file per respondent, named <department>-<name>.yaml "
            "(default: the current folder); asks for the next respondent after each one.",
        ),
    ] = None,
    show_stages: Annotated[
        bool,
        typer.Option(
            "--show-stages", help="Show the stage name beside each option (for facilitators)."
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="Language the respondent reads and answers in: en, de, fr or es "
            "(default: the resumed file's language, else en). Recorded in the answer file.",
        ),
    ] = None,
) -> None:
    """Answer a questionnaire in the terminal; every answer is saved as it is given.

    Run the same command again to resume where you stopped.

    Input that is not a terminal gives one answer per line: 1-6, a stage name, unknown or n/a.

    Stage names may be English or in the --lang language (Mobilisieren, Movilizar).

    It then needs --respondent and --department, or --out with an existing answer file.

    Options are shown as numbered descriptions without stage names, so that no answer
    looks "better"; --show-stages shows the names.

    An answer file ending in .json is written as JSON. One survey at a time may have a
    file open: a second copy on the same file says who holds it and exits 2.

    Exit 0 when every question is answered, 1 when some are not, 2 on bad input or a
    file that cannot be saved, 130 on Ctrl-C or a closed terminal.
    """
    from cxmaturity.cli.console import make_console
    from cxmaturity.survey import SurveyIO, SurveyRequest, run_survey
    from cxmaturity.survey.terminal import TtyTerminal

    console = make_console()
    stdin = sys.stdin
    interactive = stdin is not None and stdin.isatty() and sys.stdout.isatty()
    if isinstance(stdin, io.TextIOWrapper):
        # A stray byte in piped input should read as a wrong answer, not a crash.
        stdin.reconfigure(errors="replace")
    from cxmaturity.words.language import check_language

    request = SurveyRequest(
        questionnaire,
        department,
        respondent,
        role,
        out,
        out_dir,
        show_stages,
        check_language(lang) if lang is not None else None,
    )
    survey_io = SurveyIO(
        console=console,
        say=say,
        stdin=stdin,
        terminal=TtyTerminal(console, stdin.fileno()) if interactive else None,
    )
    raise typer.Exit(int(run_survey(request, survey_io)))
