"""Rich console helpers shared by the CLI and the survey."""

from __future__ import annotations

import os
import sys

from rich.console import Console, RenderableType


def make_console(stderr: bool = False) -> Console:
    # Rich honours NO_COLOR itself; highlighting is off so numbers in user text keep their look.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def capture(renderable: RenderableType) -> str:
    """Render to a string for stdout, with colour only when stdout is a terminal."""
    console = Console(
        highlight=False,
        force_terminal=sys.stdout.isatty() and "NO_COLOR" not in os.environ,
        width=None if sys.stdout.isatty() else 100,
    )
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()
