"""Names on the board's charts and heatmap: whether each fits its room, and the numbers
that stand in for them where one does not (no name is ever shortened)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from cxmaturity.core.findings import Perspective
from cxmaturity.core.result import DepartmentResult, DimensionResult
from cxmaturity.render.pack_models import Shared

BAR_LABEL = (26, 2, 26)
"""A department's name beside its bar: at most 2 lines of 26 characters (lines, then the
longest word a line may hold: the labels' column in the chart has no more room)."""
SPREAD_LABEL = (34, 2, 34)
"""A dimension's name beside its row of the perspectives chart."""
RADAR_LABEL = (18, 3, 22)
"""A dimension's name at the end of its radar axis: a word a little longer than a line
(Beschwerdemanagement) stays whole, as there is room beyond the axis' end."""
HEAT_HEADER = 42
"""A dimension's name over a heatmap column: at most this long, else the columns are
numbered and the names listed in full under the heatmap."""


def full_names(
    dims: Sequence[DimensionResult],
    columns: Sequence[int],
    short: dict[str, str],
    heat_numbers: dict[str, int],
) -> tuple[tuple[str, str], ...]:
    """Each heatmap column headed by a short name, as (short name, full name)."""
    if heat_numbers:
        return ()  # the columns are numbered and every name is listed in full already
    shown = [dims[i] for i in columns]
    return tuple((short[d.id], d.name) for d in shown if short.get(d.id, d.name) != d.name)


def label_numbers(
    charted: Sequence[DepartmentResult],
    columns: Sequence[int],
    both: Shared,
    views: Sequence[Perspective],
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Numbers that stand in for names too long for a chart or a heatmap column: the bars',
    the perspectives' and the heatmap's.

    No name is ever shortened: where one would not fit, every label of that chart becomes
    a number and the names are listed in full beside it (the departments' and the
    perspectives' tables carry the numbers; the heatmap lists its columns under it).
    Each map is empty when every name fits, and the charts show the names themselves.
    """
    dims = both.result.organisation.dimensions
    shown = [dims[i] for i in columns]
    short = both.short_names
    return (
        _numbered([d.id for d in charted], [d.name for d in charted], BAR_LABEL),
        _numbered([v.dimension_id for v in views], [v.name for v in views], SPREAD_LABEL),
        {}
        if all(len(short.get(d.id, d.name)) <= HEAT_HEADER for d in shown)
        else {d.id: n for n, d in enumerate(shown, start=1)},
    )


def _numbered(
    ids: Sequence[str], names: Sequence[str], room: tuple[int, int, int]
) -> dict[str, int]:
    if all(fits(name, *room) for name in names):
        return {}
    return {key: n for n, key in enumerate(ids, start=1)}


def fits(name: str, width: int, lines: int, longest: int) -> bool:
    """Whether ``name`` wraps at words into ``lines`` lines of ``width`` characters, a
    line that is one long word running to ``longest``."""
    wrapped = textwrap.wrap(name, width, break_long_words=False)
    return len(wrapped) <= lines and all(len(line) <= longest for line in wrapped)
