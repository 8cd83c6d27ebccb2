"""What the board is told: findings chosen from one Result by fixed rules.

Pure domain code. Each finding says which rule fired and which dimensions, departments
and figures it is about; ``words.findings`` writes it in the reader's language. Every
figure is one the Result already reports (two decimals, as in ``score --format json``);
the only new figures are the owners' and everyone else's means in ``perspectives``,
formed the same way the organisation's dimension scores are (a mean over departments).
The rules, in order (``words.findings.RULES`` prints them):

0. the organisation's overall score and its place inside its stage;
1. the weakest organisation dimension, with its place inside its stage;
2. the strongest organisation dimension, the same way;
   either says so when its interval overlaps the next one's, so no false ranking;
3. the departments furthest below their target (largest whole-stage gap, then lowest score);
4. the dimension on which departments differ most (largest spread between departments);
5. the dimension whose owners rate it furthest above everyone else (1.0 or more apart).

At most six findings; a rule that has nothing to say is skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from cxmaturity.core.confidence import Interval
from cxmaturity.core.headline import Headline, headline
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import DepartmentResult, DimensionResult, Result
from cxmaturity.core.stages import reported

OWNER_FLAG = 1.0
"""Owners and everyone else this far apart (or more) are flagged."""
AGREED = 1.0
"""A spread between departments under this reads as agreement."""
FEW_RESPONDENTS = 3
"""A department shown with fewer respondents than this gets a caveat: one or two people."""


@dataclass(frozen=True, slots=True)
class Perspective:
    """One dimension seen by its owners and by everyone else, and across departments."""

    dimension_id: str
    name: str
    owners: tuple[str, ...]
    """Names of the owner departments that answered."""
    owners_score: float | None
    others_score: float | None
    spread: float | None
    lowest: tuple[str, float] | None
    highest: tuple[str, float] | None

    @property
    def difference(self) -> float | None:
        if self.owners_score is None or self.others_score is None:
            return None
        return reported(self.owners_score - self.others_score)

    @property
    def flagged(self) -> bool:
        return self.difference is not None and abs(self.difference) >= OWNER_FLAG

    @property
    def agreed(self) -> bool:
        return self.spread is not None and self.spread < AGREED


@dataclass(frozen=True, slots=True)
class Overall:
    """Rule 0: the organisation's overall score and the stage its headline allows."""

    score: float
    headline: Headline
    interval: Interval | None
    same: int
    """How many departments are at the organisation's stage."""
    departments: int
    rule: ClassVar[int] = 0

    @property
    def figures(self) -> tuple[float, ...]:
        return (self.score,)


@dataclass(frozen=True, slots=True)
class End:
    """Rules 1 and 2: the weakest or the strongest organisation dimension."""

    rule: Literal[1, 2]
    dimension: DimensionResult
    neighbour: DimensionResult | None
    """The next dimension in the ranking when the two intervals overlap: no ranking."""

    @property
    def figures(self) -> tuple[float, ...]:
        scored = (self.dimension, self.neighbour)
        return tuple(d.score for d in scored if d is not None and d.score is not None)


@dataclass(frozen=True, slots=True)
class Behind:
    """Rule 3: the departments furthest below their target (three at most)."""

    departments: tuple[DepartmentResult, ...]
    below: int
    """How many departments are below their target, of ``count`` shown."""
    count: int
    rule: ClassVar[int] = 3

    @property
    def figures(self) -> tuple[float, ...]:
        return tuple(d.score or 0.0 for d in self.departments)


@dataclass(frozen=True, slots=True)
class Split:
    """Rule 4: the dimension on which departments differ most."""

    view: Perspective
    rule: ClassVar[int] = 4

    @property
    def figures(self) -> tuple[float, ...]:
        assert self.view.lowest and self.view.highest and self.view.spread is not None
        return (self.view.lowest[1], self.view.highest[1], self.view.spread)


@dataclass(frozen=True, slots=True)
class OwnersAbove:
    """Rule 5: the dimension whose owners rate it furthest above everyone else."""

    view: Perspective
    flagged: int
    """How many dimensions show such a gap."""
    rule: ClassVar[int] = 5

    @property
    def figures(self) -> tuple[float, ...]:
        assert self.view.owners_score is not None and self.view.others_score is not None
        return (self.view.owners_score, self.view.others_score)


Finding = Overall | End | Behind | Split | OwnersAbove
"""One finding: which rule fired, and what about."""


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    """True when two intervals share any value, or either is missing (cannot separate)."""
    return a is None or b is None or (a.low <= b.high and b.low <= a.high)


def widest_of(views: Sequence[Perspective]) -> str | None:
    """The dimension on which departments differ most: the widest split, if any."""
    split = [v for v in views if v.spread is not None]
    return max(split, key=lambda v: v.spread or 0.0).dimension_id if split else None


def perspectives(
    result: Result, questionnaire: Questionnaire, min_group: int = 1
) -> tuple[Perspective, ...]:
    """Per organisation dimension: owners against everyone else, and the departments' spread.

    Departments with fewer than ``min_group`` respondents take no part: a group of one or
    two would show its people's own answers.
    """
    out = []
    for index, dim in enumerate(result.organisation.dimensions):
        owner_ids = set(_owners(questionnaire, dim.id))
        scored = [
            (dep, raw)
            for dep in shown(result.departments, min_group)
            if (raw := dep.dimensions[index].raw) is not None
        ]
        mine = [raw for dep, raw in scored if dep.id in owner_ids]
        theirs = [raw for dep, raw in scored if dep.id not in owner_ids]
        ends = sorted(scored, key=lambda pair: pair[1])
        out.append(
            Perspective(
                dimension_id=dim.id,
                name=dim.name,
                owners=tuple(dep.name for dep, _ in scored if dep.id in owner_ids),
                owners_score=_mean(mine),
                others_score=_mean(theirs),
                spread=dim.spread,
                lowest=(ends[0][0].name, reported(ends[0][1])) if ends else None,
                highest=(ends[-1][0].name, reported(ends[-1][1])) if ends else None,
            )
        )
    return tuple(out)


MIN_GROUP = 3
"""The fewest respondents a department may have and still be shown on its own, unless told
otherwise (``--min-group``): fewer, and a reader could tell who answered what."""


def shown(departments: Sequence[DepartmentResult], min_group: int) -> list[DepartmentResult]:
    """The departments large enough to be shown on their own."""
    return [dep for dep in departments if dep.respondents >= min_group]


def too_few(departments: Sequence[DepartmentResult], min_group: int) -> list[DepartmentResult]:
    """The departments too small to be shown on their own (their answers still count)."""
    return [dep for dep in departments if dep.respondents < min_group]


def _owners(questionnaire: Questionnaire, dimension_id: str) -> Sequence[str]:
    # Format 2 names owner departments per dimension; format 1 has none.
    dimension = next((d for d in questionnaire.dimensions if d.id == dimension_id), None)
    return tuple(getattr(dimension, "owners", ()) or ())


def _mean(values: Sequence[float]) -> float | None:
    return reported(sum(values) / len(values)) if values else None


def findings(
    result: Result, questionnaire: Questionnaire, min_group: int = 1
) -> tuple[Finding, ...]:
    """Four to six findings (fewer only when the data cannot support them), in rule order.

    No finding names a department of fewer than ``min_group`` respondents.
    """
    ranked = sorted(
        (d for d in result.organisation.dimensions if d.raw is not None),
        key=lambda d: d.raw or 0.0,
    )
    out: list[Finding] = []
    overall = _overall(result, questionnaire)
    if overall:
        out.append(overall)
    if ranked:
        out.append(_end(1, ranked[0], ranked[1] if len(ranked) > 1 else None))
    if len(ranked) > 1:
        out.append(_end(2, ranked[-1], ranked[-2]))
    behind = _behind(shown(result.departments, min_group))
    if behind:
        out.append(behind)
    views = perspectives(result, questionnaire, min_group)
    spread = _widest(views)
    if spread:
        out.append(spread)
    owners = _owners_above(views)
    if owners:
        out.append(owners)
    return tuple(out[:6])


def _overall(result: Result, q: Questionnaire) -> Overall | None:
    org = result.organisation
    if org.score is None:
        return None
    same = sum(dep.stage == org.stage for dep in result.departments)
    return Overall(org.score, headline(result, q), org.interval, same, len(result.departments))


def _end(rule: Literal[1, 2], dim: DimensionResult, neighbour: DimensionResult | None) -> End:
    assert dim.score is not None
    if neighbour is not None and (
        neighbour.score is None or not overlaps(dim.interval, neighbour.interval)
    ):
        neighbour = None
    return End(rule, dim, neighbour)


def _behind(departments: Sequence[DepartmentResult]) -> Behind | None:
    gaps = [d for d in departments if d.gap and d.score is not None and d.target is not None]
    if not gaps:
        return None
    gaps.sort(key=lambda d: (-(d.gap or 0), d.score or 0.0))
    return Behind(tuple(gaps[:3]), len(gaps), len(departments))


def _widest(views: Sequence[Perspective]) -> Split | None:
    spread = [v for v in views if v.spread is not None and v.lowest and v.highest]
    if not spread:
        return None
    return Split(max(spread, key=lambda v: v.spread or 0.0))


def _owners_above(views: Sequence[Perspective]) -> OwnersAbove | None:
    flagged = [v for v in views if v.flagged and v.difference is not None and v.difference > 0]
    if not flagged:
        return None
    return OwnersAbove(max(flagged, key=lambda v: v.difference or 0.0), len(flagged))


def thin(departments: Sequence[DepartmentResult], min_group: int) -> list[DepartmentResult]:
    """The departments shown on their own whose scores rest on one or two people."""
    return [d for d in shown(departments, min_group) if d.respondents < FEW_RESPONDENTS]


@dataclass(frozen=True, slots=True)
class Reliance:
    """How the department-by-dimension scores may be read (``confidence.reading``)."""

    count: int
    firm: int
    borderline: int
    uncertain: int


def reliance(result: Result) -> Reliance | None:
    """How many department-by-dimension scores are firm, borderline and uncertain."""
    cells = [dim for dep in result.departments for dim in dep.dimensions if dim.score is not None]
    if not cells:
        return None
    return Reliance(
        len(cells),
        *(
            sum(dim.reading == kind for dim in cells)
            for kind in ("firm", "borderline", "uncertain")
        ),
    )
