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

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.i18n import N_
from cxmaturity.stages import Stage, reported, stage_of

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

# Two-sided 95% critical values of Student's t by degrees of freedom (standard tables);
# beyond 30 the normal value is within 2% and is used.
_T95: tuple[float, ...] = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z95 = 1.960


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


def t_critical(df: int) -> float:
    """The two-sided 95% critical value of Student's t with ``df`` degrees of freedom."""
    if df < 1:
        raise ValueError("at least one degree of freedom is needed")
    return _T95[df - 1] if df <= len(_T95) else _Z95


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
