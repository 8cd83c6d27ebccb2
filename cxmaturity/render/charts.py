"""Geometry and colours for the report's charts.

The templates draw the charts as inline SVG, so their text stays selectable in the PDF;
this module only works out where things go. Every score axis starts at stage 1.

Stage colours are six evenly spaced steps of the viridis scale (yellow, through green
and teal, to deep purple): its lightness falls steadily from one step to the next, so
the stages stay apart in greyscale and for the common forms of colour blindness, and
the hue changes as well, so neighbours do not merge as three pale blues did. Ink is
chosen per colour for a WCAG contrast of at least 4.5:1.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.core.marks import N_
from cxmaturity.core.stages import Stage

DARK_INK = "#14213d"
LIGHT_INK = "#ffffff"
NO_SCORE_FILL = "#ffffff"

# (fill, ink) per stage, lightest for Ignore, darkest for Embed: viridis, reversed.
PALETTE: dict[Stage, tuple[str, str]] = {
    Stage.IGNORE: ("#fde725", DARK_INK),
    Stage.EXPLORE: ("#7ad151", DARK_INK),
    Stage.MOBILISE: ("#22a884", DARK_INK),
    Stage.OPERATIONALISE: ("#2a788e", LIGHT_INK),
    Stage.ALIGN: ("#414487", LIGHT_INK),
    Stage.EMBED: ("#440154", LIGHT_INK),
}
PALETTE_NAME = N_("viridis (six evenly spaced steps, the lightest for the first stage)")
LOWEST = 1.0
HIGHEST = 6.0


def position(score: float, length: float) -> float:
    """Where ``score`` falls along an axis of ``length`` that runs from stage 1 to 6."""
    return length * (min(max(score, LOWEST), HIGHEST) - LOWEST) / (HIGHEST - LOWEST)


def fill(stage: Stage | None) -> str:
    return NO_SCORE_FILL if stage is None else PALETTE[stage][0]


def tone(stage: Stage | None) -> str:
    """The CSS class that carries a stage's fill and ink (the templates write its rules)."""
    return "tone-none" if stage is None else f"tone-{int(stage)}"


def ink(stage: Stage | None) -> str:
    return DARK_INK if stage is None else PALETTE[stage][1]


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Axis:
    end: Point
    label_at: Point
    anchor: str
    lines: tuple[str, ...]
    defined: bool


@dataclass(frozen=True)
class Radar:
    size: tuple[float, float]
    centre: Point
    rings: tuple[tuple[int, str], ...]
    """(stage, polygon points) for the rings at stages 1 to 6."""
    axes: tuple[Axis, ...]
    ring_labels: tuple[tuple[int, Point], ...]

    def path(self, values: Sequence[float | None]) -> str:
        """An SVG path through the defined values; it breaks where a value is undefined.

        A missing value is never drawn at the centre: that would read as a score of zero.
        """
        points = [None if v is None else self._at(i, v) for i, v in enumerate(values)]
        if all(p is not None for p in points):
            return "M " + " L ".join(_xy(p) for p in points if p is not None) + " Z"
        parts: list[str] = []
        count = len(points)
        for i, p in enumerate(points):
            nxt = points[(i + 1) % count]
            if p is not None and nxt is not None:
                parts.append(f"M {_xy(p)} L {_xy(nxt)}")
        return " ".join(parts)

    def dots(self, values: Sequence[float | None]) -> tuple[Point, ...]:
        return tuple(self._at(i, v) for i, v in enumerate(values) if v is not None)

    def _at(self, index: int, value: float) -> Point:
        # The centre is stage 1, the outer ring stage 6: the scale starts where scores do.
        return _polar(self.centre, position(value, self._radius), index, len(self.axes))

    @property
    def _radius(self) -> float:
        end = self.axes[0].end
        return math.hypot(end.x - self.centre.x, end.y - self.centre.y)


RADAR_NAMED = 16
"""Up to this many axes carry their names; more are numbered (see ``radar``)."""


def radar(
    labels: Sequence[str],
    defined: Sequence[bool],
    width: float = 440,
    height: float = 330,
    radius: float = 118,
    missing: str = "(not enough answers)",
    named: bool | None = None,
) -> Radar:
    """A radar of len(labels) axes from stage 1 (the centre) to stage 6 (the outer ring).

    ``missing`` is the line added under the label of an axis with no score. ``named``
    False numbers the axes (the caller lists the names); by default up to RADAR_NAMED
    axes carry their names, which the caller has checked fit three lines.
    """
    centre = Point(width / 2, height / 2 + 4)
    count = len(labels)
    axes = []
    for index, label in enumerate(labels):
        end = _polar(centre, radius, index, count)
        at = _polar(centre, radius + 14, index, count)
        dx = at.x - centre.x
        anchor = "middle" if abs(dx) < 8 else ("start" if dx > 0 else "end")
        # Past RADAR_NAMED axes, or with names too long for three lines, axes are
        # numbered and the template lists the names, in full, under the chart. A word
        # a little longer than a line (Mitarbeitererlebnis) stays whole rather than split.
        if named is None:
            named = count <= RADAR_NAMED
        wrapped = tuple(textwrap.wrap(label, 18, break_long_words=False)) or ("",)
        lines = wrapped if named else (str(index + 1),)
        if not defined[index]:
            lines += (missing,) if named else ("*",)
        # Labels above the centre grow upwards, so their last line sits next to the axis.
        shift = -(len(lines) - 1) * 10 if at.y < centre.y - 8 else 0
        axes.append(Axis(end, Point(at.x, at.y + shift + 3), anchor, lines, defined[index]))
    rings = tuple(
        (
            level,
            " ".join(_xy(_polar(centre, position(level, radius), i, count)) for i in range(count)),
        )
        for level in range(2, 7)
    )
    ring_labels = tuple(
        (level, Point(centre.x + 3, centre.y - position(level, radius) + 3))
        for level in range(1, 7)
    )
    return Radar((width, height), centre, rings, tuple(axes), ring_labels)


def _polar(centre: Point, distance: float, index: int, count: int) -> Point:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return Point(centre.x + distance * math.cos(angle), centre.y + distance * math.sin(angle))


def _xy(point: Point) -> str:
    return f"{point.x:.1f},{point.y:.1f}"


@dataclass(frozen=True)
class Step:
    stage: Stage
    x: float
    y: float
    width: float
    height: float
    fill: str
    ink: str
    current: bool
    target: bool


def ladder(
    current: Stage | None,
    target: Stage | None,
    width: float = 480,
    base: float = 150,
) -> tuple[Step, ...]:
    """Six rising steps; the current stage in its colour, the others pale."""
    gap = 6.0
    step_width = (width - gap * 5) / 6
    steps = []
    for stage in Stage:
        height = 34 + (int(stage) - 1) * 18
        # Today's step is solid navy so it stands out whatever its stage colour.
        colour, text = (DARK_INK, LIGHT_INK) if stage == current else ("#f4f5f8", DARK_INK)
        steps.append(
            Step(
                stage,
                x=(int(stage) - 1) * (step_width + gap),
                y=base - height,
                width=step_width,
                height=height,
                fill=colour,
                ink=text,
                current=stage == current,
                target=stage == target,
            )
        )
    return tuple(steps)


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio between two #rrggbb colours."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
