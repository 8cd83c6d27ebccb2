"""The one shape every renderer has, and the one lookup that picks it (as coverage.py's reporters).

Each subject module (``scores``, ``comparison``, ``explain``, ``plan``, ``consensus``)
exports ``RENDERERS``, a table from a format's name to a function that takes the
subject and the ``Options`` and returns the text. Adding a format is one entry in a
table; the CLI only looks the format up, so it has no branch per format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from cxmaturity.core.errors import UsageError
from cxmaturity.words.language import Language

Subject = TypeVar("Subject", contravariant=True)
Chosen = TypeVar("Chosen")


@dataclass(frozen=True)
class Options:
    """What a renderer is told besides its subject: the reader's language, whether targets
    were set, and what the terminal can show (used by the table renderers only)."""

    lang: Language
    with_targets: bool = False
    colour: bool = False
    width: int | None = 100
    """Columns of a terminal table; None lets the terminal say."""


class Renderer(Protocol[Subject]):
    """Present one subject in one format; a renderer computes nothing and writes nothing."""

    def __call__(self, subject: Subject, options: Options, /) -> str: ...


def renderer(table: Mapping[str, Chosen], format: str) -> Chosen:
    """The table's renderer for ``format``; an unknown format is refused, naming the known."""
    try:
        return table[format]
    except KeyError:
        known = ", ".join(table)
        raise UsageError(f"--format {format!r} is not one of {known}") from None
