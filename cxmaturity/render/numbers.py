"""How every renderer writes numbers, deltas and spreadsheet cells: one place, one look."""

from __future__ import annotations

from typing import Any

from cxmaturity.formats.csvcells import guard_cell
from cxmaturity.words.language import Language

DASH = "–"
"""Shown where a figure is undefined (too few answers) or absent."""


def two_places(value: float | None) -> str | None:
    """A reported score or spread: two decimals; None stays None (an empty cell)."""
    return None if value is None else f"{value:.2f}"


def fixed(value: float | None, lang: Language | None = None) -> str:
    """A reported score or spread for reading: two decimals (in ``lang``'s style when
    given), or a dash."""
    if value is None:
        return DASH
    return f"{value:.2f}" if lang is None else lang.decimal(value)


MINUS = "\u2212"
"""The true minus sign, for typeset pages; text for terminals and files keeps ``-``."""


def signed(value: float | None, lang: Language | None = None, minus: str = "-") -> str:
    """A change with its sign: ``+0.42``, ``-0.10``, ``0.00`` (in ``lang``'s style when
    given, with ``minus`` for a fall); a dash when undefined. The one way every renderer
    writes a delta."""
    if value is None:
        return DASH
    if value == 0:
        return fixed(0.0, lang)
    return ("+" if value > 0 else minus) + fixed(abs(value), lang)


def cell(value: Any) -> Any:
    """A CSV cell: empty for None; text a spreadsheet would run as a formula is quoted,
    numbers (``-0.73`` too) are not: the one guard every CSV writer uses."""
    return guard_cell(value)
