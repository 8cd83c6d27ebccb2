"""How sure a score is: a 95% Student-t interval around every mean the scoring rule forms.

The method, in words (``explain`` and the report's method page print ``METHOD``):

- a department's score on a dimension is the mean of its respondents' scores, so its
  interval is the mean ± t(0.975, n-1) × s / √n over those respondent scores;
- a department's score is a weighted mean of its dimension scores; its interval has the
  same centre and the half-width of a t-interval over each respondent's own weighted
  mean across the dimensions they scored (how much the people in it differ overall);
- the organisation's score on a dimension is the mean over departments, and the
  organisation's score the mean of department scores: t-intervals over departments.

Intervals are clipped to the scale (1 to 6). With fewer than two values there is no
spread to measure, so there is no interval, and the score is reported as uncertain.
A score is *borderline* when its interval reaches across a stage boundary: the
stages of its two ends differ, so more answers could move it to another stage.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cxmaturity.core.marks import N_
from cxmaturity.core.stages import Stage, reported, stage_of

LEVEL = 0.95
LOWEST, HIGHEST = 1.0, 6.0

METHOD = N_(
    "95% Student-t intervals: a department's dimension score is the mean of its "
    "respondents' scores, so its interval is that mean ± t × s/√n over them; a "
    "department's score uses the spread of its respondents' overall scores; the "
    "organisation's scores are means over departments, so their intervals are "
    "t-intervals over the department scores. Intervals are clipped to 1–6; with fewer "
    "than two values there is none. A score is borderline when its interval crosses a "
    "stage boundary."
)

TAIL = 1 - LEVEL
"""The two tails together: an interval misses the true mean this often."""


def _beta_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of the regularised incomplete beta function (modified Lentz).

    The textbook evaluation (Numerical Recipes' ``betacf``); it converges in a few dozen
    terms for the arguments Student's t gives, up to millions of degrees of freedom.
    """
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10_000):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def _incomplete_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b), the regularised incomplete beta function, for 0 <= x <= 1."""
    if x <= 0 or x >= 1:
        return max(0.0, min(1.0, x))
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _beta_fraction(x, a, b) / a
    return 1 - front * _beta_fraction(1 - x, b, a) / b


def two_sided_tail(t: float, df: int) -> float:
    """P(|T| > t) for Student's t with ``df`` degrees of freedom: I_{df/(df+t²)}(df/2, 1/2)."""
    return _incomplete_beta(df / (df + t * t), df / 2, 0.5)


@functools.lru_cache(maxsize=4096)
def t_critical(df: int) -> float:
    """The two-sided 95% critical value of Student's t with ``df`` degrees of freedom.

    Exact for every ``df`` (no table, no normal value beyond 30): the root of
    ``two_sided_tail(t, df) = 0.05``, found by bisection to 1e-12. SciPy would give
    the same figure but weighs tens of megabytes and a second of import for one
    function; the incomplete beta function is the standard route and a few lines.
    """
    if df < 1:
        raise ValueError("at least one degree of freedom is needed")
    low, high = 1.9, 12.71  # the normal value (df -> infinity) and df = 1 bracket every root
    while high - low > 1e-12:
        middle = (low + high) / 2
        if two_sided_tail(middle, df) > TAIL:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True, slots=True)
class Interval:
    """A reported (two-decimal) 95% interval over ``n`` values."""

    low: float
    high: float
    n: int

    @property
    def half_width(self) -> float:
        return reported((self.high - self.low) / 2)

    @property
    def borderline(self) -> bool:
        """True when the two ends lie in different stages."""
        return stage_of(self.low) != stage_of(self.high)

    def stages(self) -> tuple[Stage, Stage]:
        low, high = stage_of(self.low), stage_of(self.high)
        assert low is not None and high is not None
        return low, high


@dataclass(frozen=True, slots=True)
class Terms:
    """The figures an interval is made of, for ``explain`` to print."""

    n: int
    mean: float
    sd: float
    t: float
    half_width: float


def terms(values: Sequence[float]) -> Terms | None:
    """n, mean, standard deviation, t and half-width over ``values``; None with fewer than two."""
    n = len(values)
    if n < 2:
        return None
    mean = sum(values) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    t = t_critical(n - 1)
    return Terms(n, mean, sd, t, t * sd / math.sqrt(n))


def half_width(values: Sequence[float]) -> float | None:
    """t × s/√n over ``values``; None with fewer than two."""
    made = terms(values)
    return None if made is None else made.half_width


def around(centre: float | None, values: Sequence[float]) -> Interval | None:
    """The interval of ``centre`` with the half-width that ``values`` give."""
    width = half_width(values)
    if centre is None or width is None:
        return None
    low = max(LOWEST, centre - width)
    high = min(HIGHEST, centre + width)
    return Interval(reported(low), reported(high), len(values))


def of_mean(values: Sequence[float]) -> Interval | None:
    """The interval of the mean of ``values``."""
    return around(sum(values) / len(values) if values else None, values)


def borderline(interval: Interval | None) -> bool:
    return interval is not None and interval.borderline


# ------------------------------------------------------------- what a board reads

Reading = Literal["firm", "borderline", "uncertain"]

UNCERTAIN_WIDTH = 1.0
"""An interval wider than one stage (high - low > 1.0) cannot place a score in a stage."""

READING_RULES = N_(
    "A cell is uncertain (drawn pale) when its 95% interval is wider than one stage or there "
    "were too few answers for one; it is borderline (≈) only when its interval straddles its "
    "target, so whether it has reached the target could change with more answers; every other "
    "score can be read as it stands."
)


def reading(interval: Interval | None, target: Stage | None) -> Reading:
    """How a board may read one score: ``uncertain``, ``borderline`` or ``firm``.

    A stage boundary crossed inside the interval matters to a board only where it changes
    what the board reads: whether the score meets its target. So ``borderline`` is kept
    for an interval that straddles the target's boundary, and ``uncertain`` for one so
    wide (or missing) that no stage can be read from it.
    """
    if interval is None or interval.high - interval.low > UNCERTAIN_WIDTH:
        return "uncertain"
    if target is not None and interval.low < int(target) <= interval.high:
        return "borderline"
    return "firm"


@dataclass(frozen=True, slots=True)
class Difference:
    """A change between two reported scores with its approximate 95% interval."""

    delta: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """True when the interval excludes zero: the change is more than noise."""
        return self.low > 0 or self.high < 0


def difference(before: Interval | None, after: Interval | None, delta: float) -> Difference | None:
    """The interval of ``delta`` (after minus before) from the two sides' own intervals.

    The two surveys ask different people at different times, so their errors are
    independent and the half-widths add in quadrature: √(w₁² + w₂²), the usual
    combination (close to Welch's interval when the two sides are of similar size).
    """
    if before is None or after is None:
        return None
    width = math.hypot(before.half_width, after.half_width)
    return Difference(delta, reported(delta - width), reported(delta + width))


def clears(interval: Interval | None, boundary: int) -> bool:
    """True when ``interval`` lies wholly on one side of the stage ``boundary``."""
    return interval is not None and (interval.low >= boundary or interval.high < boundary)


BOARD_METHOD = N_(
    "Every score comes with a range that has a 95% chance of holding the figure that all "
    "of a department's people would give; the fewer the answers and the more they differ, "
    "the wider the range. The board can rely on any score whose range stays inside one "
    "stage; a change between two surveys counts only when its own range stays clear of "
    "zero, and a stage move only when today's range has cleared the boundary."
)
