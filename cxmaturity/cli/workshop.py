"""The workshop command: a local web server where a room answers from their phones."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cxmaturity.cli.app import AskedQuestionnaireOpt, app, handles_errors, say, warn

if TYPE_CHECKING:
    from cxmaturity.web.server import Serving


@app.command()
@handles_errors
def workshop(
    out_dir: Annotated[
        Path,
        typer.Option("--out-dir", help="Folder for the answer files, one per respondent."),
    ],
    questionnaire: AskedQuestionnaireOpt = "cx-core",
    lan: Annotated[
        bool,
        typer.Option("--lan", help="Serve on this computer's network address, for phones."),
    ] = False,
    host: Annotated[
        str | None,
        typer.Option("--host", help="The address to serve on (with --lan, if not found)."),
    ] = None,
    port: Annotated[int, typer.Option("--port", help="The port (0 picks a free one).")] = 8000,
    show_stages: Annotated[
        bool,
        typer.Option("--show-stages", help="Show stage names beside the answers."),
    ] = False,
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            min=1,
            help="Show how many gave each stage only for departments at least this large.",
        ),
    ] = 3,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="The facilitator's language (en, de, fr or es), and the join page's first "
            "choice; without it respondents start in their browser's language.",
        ),
    ] = None,
) -> None:
    """Run a live workshop: respondents answer on their phones, the projector shows results.

    Prints a join URL for the room and a facilitator URL (keep it to yourself). Every
    answer is saved in DIR as it is given, in the same files `score` and `report` read;
    run the command again on the same folder to pick up where it stopped.

    Without --lan the server listens on 127.0.0.1 only. Ctrl-C stops it.

    Each respondent picks their language on the join page; their answer file records it.
    """
    from cxmaturity.usecases.questionnaires import questionnaire as load_questionnaire
    from cxmaturity.web.server import LOOPBACK, claim_folder, lan_address, serve
    from cxmaturity.web.state import Workshop
    from cxmaturity.words.language import check_language

    loaded = load_questionnaire(questionnaire)
    out_dir.mkdir(parents=True, exist_ok=True)
    claimed = claim_folder(out_dir)
    chosen = check_language(lang) if lang is not None else None
    room = Workshop(loaded, out_dir, show_stages=show_stages, language=chosen, min_group=min_group)
    for warning in room.warnings:
        warn(warning)
    address = host or (lan_address() if lan else LOOPBACK)

    def announce(serving: Serving) -> None:
        claimed.describe(f"port {serving.port}")
        typer.echo(f"Join (respondents):  {serving.join_url}")
        typer.echo(f"Facilitator (you):   {serving.facilitator_url}")
        if lan:
            import segno

            segno.make(serving.join_url, error="m").terminal(compact=True)
        typer.echo(f"Answers are saved in {out_dir}. Press Ctrl-C to stop.", err=True)

    # Ctrl-C is the ordinary way to stop: every answer is already on disk.
    with contextlib.suppress(KeyboardInterrupt):
        serve(room, address, port, announce)
    say(f"stopped; {len(room.members)} answer files in {out_dir}")
