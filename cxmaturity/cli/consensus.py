"""``consensus``: what a workshop folder has to settle, and recording what the room agreed."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cxmaturity.cli.app import QuestionnaireOpt, app, emit, fail, handles_errors, say

MIN_GROUP = 3


class RoundFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
@handles_errors
def consensus(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The workshop folder of answer files.")
    ],
    questionnaire: QuestionnaireOpt = None,
    set_: Annotated[
        str | None,
        typer.Option(
            "--set",
            metavar="DEPARTMENT/QUESTION=STAGE",
            help="Record the stage the room agreed for one department's question.",
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why the room agreed (one line; with --set).")
    ] = None,
    format: Annotated[RoundFormat, typer.Option("--format", "-f", help="Output format.")] = (
        RoundFormat.table
    ),
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            min=1,
            help="Show how many gave each stage only in departments at least this large.",
        ),
    ] = MIN_GROUP,
) -> None:
    """List the questions a department split on (answers two or more stages apart, or any
    difference on a fact), or record what the room agreed with --set and --reason.

    Agreed stages go into DIR/consensus.yaml, never into anyone's answer file; `score`,
    `plan` and the packs use them (and show raw → agreed) unless given --raw.
    """
    from cxmaturity.core.stages import parse_stage
    from cxmaturity.usecases.consensus_round import folder_round, settle_in_folder
    from cxmaturity.words.language import language

    if not folder.is_dir():
        raise fail(f"error: {folder}: not a folder")
    if set_ is not None:
        pair, equals, stage_text = set_.partition("=")
        stage = parse_stage(stage_text.strip()) if equals else None
        if stage is None:
            raise fail(f"error: --set takes DEPARTMENT/QUESTION=STAGE (1-6), not {set_!r}")
        if reason is None:
            raise fail("error: --set needs --reason: one line on why the room agreed")
        path = settle_in_folder(folder, questionnaire, pair, int(stage), reason)
        say(f"agreed: {pair} at stage {int(stage)} ({stage.label}); saved in {path}", err=False)
        return
    if reason is not None:
        raise fail("error: --reason goes with --set")
    found = folder_round(folder, questionnaire, min_group)
    from cxmaturity.cli.console import render_options
    from cxmaturity.render import consensus as render
    from cxmaturity.render.renderer import renderer

    emit(renderer(render.RENDERERS, format)(found, render_options(language("en"))), None)
