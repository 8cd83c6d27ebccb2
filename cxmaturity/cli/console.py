"""Rich console helpers shared by the CLI and the survey."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from cxmaturity.render.renderer import Options
    from cxmaturity.words.language import Language


def make_console(stderr: bool = False) -> Console:
    # Rich honours NO_COLOR itself; highlighting is off so numbers in user text keep their look.
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def render_options(lang: Language, with_targets: bool = False) -> Options:
    """What the renderers are told of stdout: colour and the terminal's width only when it
    is a terminal (and NO_COLOR is unset), else plain text 100 columns wide."""
    from cxmaturity.render.renderer import Options

    terminal = sys.stdout.isatty()
    return Options(
        lang,
        with_targets,
        colour=terminal and "NO_COLOR" not in os.environ,
        width=None if terminal else 100,
    )
