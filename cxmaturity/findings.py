"""What the board is told, in words: findings written from one Result by fixed rules.

Pure domain code. Every figure quoted is one the Result already reports (two decimals,
as in ``score --format json``); the only new figures are the owners' and everyone
else's means in ``perspectives``, formed the same way the organisation's dimension
scores are (a mean over departments). The rules, in order (``RULES`` prints them):

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

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.confidence import Interval
from cxmaturity.model import Questionnaire
from cxmaturity.result import DepartmentResult, DimensionResult, Result
from cxmaturity.stages import Stage, reported

OWNER_FLAG = 1.0
"""Owners and everyone else this far apart (or more) are flagged."""
AGREED = 1.0
"""A spread between departments under this reads as agreement."""
FEW_RESPONDENTS = 3

RULES: tuple[str, ...] = (
    "The organisation's overall score, with its place inside its stage.",
    "The weakest dimension, with its place inside its stage.",
    "The strongest dimension, the same way; when two intervals overlap the text says the "
    "two cannot be told apart.",
    "The departments furthest below their target.",
    "The dimension on which departments differ most (spread between departments).",
    "The dimension whose owners rate it furthest above everyone else, when 1.0 or more apart.",
)


@dataclass(frozen=True, slots=True)
class Finding:
    rule: int
    """Which of ``RULES`` (0-based) wrote it."""
    headline: str
    text: str
    figures: tuple[float, ...]
    """Every score quoted, as reported."""


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


def place(score: float) -> str:
    """Where a score sits inside its stage: ``late Explore, 0.07 below Mobilise``."""
    stage = Stage(min(max(math.floor(score), 1), 6))
    within = score - int(stage)
    part = "early" if within < 1 / 3 else ("mid" if within < 2 / 3 else "late")
    if stage == Stage.EMBED:
        return f"{part} {stage.label}"
    below = reported(int(stage) + 1 - score)
    return f"{part} {stage.label}, {below:.2f} below {Stage(int(stage) + 1).label}"


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    """True when two intervals share any value, or either is missing (cannot separate)."""
    return a is None or b is None or (a.low <= b.high and b.low <= a.high)


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
    """Four to six findings (fewer only when the data cannot support them).

    No finding names a department of fewer than ``min_group`` respondents.
    """
    ranked = sorted(
        (d for d in result.organisation.dimensions if d.raw is not None),
        key=lambda d: d.raw or 0.0,
    )
    out: list[Finding] = []
    overall = _overall(result)
    if overall:
        out.append(overall)
    if ranked:
        out.append(_end(1, "weakest", ranked[0], ranked[1] if len(ranked) > 1 else None))
    if len(ranked) > 1:
        out.append(_end(2, "strongest", ranked[-1], ranked[-2]))
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


def _overall(result: Result) -> Finding | None:
    org = result.organisation
    if org.score is None:
        return None
    same = sum(dep.stage == org.stage for dep in result.departments)
    text = (
        f"Overall the organisation scores {org.score:.2f}: {place(org.score)}. "
        f"{same} of {len(result.departments)} departments are at this stage."
    )
    if org.borderline and org.interval is not None:
        text += (
            f" Borderline: the 95% interval ({org.interval.low:.2f}–{org.interval.high:.2f}) "
            f"crosses a stage boundary."
        )
    return Finding(0, "Where the organisation stands", text, (org.score,))


def _end(rule: int, which: str, dim: DimensionResult, neighbour: DimensionResult | None) -> Finding:
    assert dim.score is not None
    text = f"{dim.name} is the {which} dimension at {dim.score:.2f}: {place(dim.score)}."
    figures: tuple[float, ...] = (dim.score,)
    if (
        neighbour is not None
        and neighbour.score is not None
        and overlaps(dim.interval, neighbour.interval)
    ):
        text += (
            f" Its interval overlaps that of {neighbour.name} ({neighbour.score:.2f}), "
            f"so the two cannot be told apart with confidence."
        )
        figures += (neighbour.score,)
    if dim.borderline and dim.interval is not None:
        text += (
            f" Borderline: the 95% interval ({dim.interval.low:.2f}–{dim.interval.high:.2f}) "
            f"crosses a stage boundary."
        )
    headline = f"{'Weakest' if which == 'weakest' else 'Strongest'}: {dim.name}"
    return Finding(rule, headline, text, figures)


def _behind(departments: Sequence[DepartmentResult]) -> Finding | None:
    gaps = [d for d in departments if d.gap and d.score is not None and d.target is not None]
    if not gaps:
        return None
    gaps.sort(key=lambda d: (-(d.gap or 0), d.score or 0.0))
    shown = gaps[:3]
    names = ", ".join(f"{d.name} ({d.score:.2f})" for d in shown)
    first = shown[0]
    assert first.target is not None
    text = (
        f"Furthest below target: {names}. "
        f"{first.name} is {first.gap} stage{'s' if first.gap != 1 else ''} short of "
        f"{first.target.label}."
    )
    if len(gaps) > len(shown):
        text += f" {len(gaps)} of {len(departments)} departments are below their target."
    return Finding(3, "Furthest below target", text, tuple(d.score or 0.0 for d in shown))


def _widest(views: Sequence[Perspective]) -> Finding | None:
    spread = [v for v in views if v.spread is not None and v.lowest and v.highest]
    if not spread:
        return None
    view = max(spread, key=lambda v: v.spread or 0.0)
    assert view.lowest is not None and view.highest is not None and view.spread is not None
    (low_name, low), (high_name, high) = view.lowest, view.highest
    verdict = "broadly agree" if view.agreed else "see it very differently"
    text = (
        f"Departments differ most on {view.name}: from {low_name} ({low:.2f}) to {high_name} "
        f"({high:.2f}), a spread of {view.spread:.2f}; even here they {verdict}."
        if view.agreed
        else f"Departments differ most on {view.name}: from {low_name} ({low:.2f}) to "
        f"{high_name} ({high:.2f}), a spread of {view.spread:.2f}. They {verdict}."
    )
    return Finding(4, f"Widest split: {view.name}", text, (low, high, view.spread))


def _owners_above(views: Sequence[Perspective]) -> Finding | None:
    flagged = [v for v in views if v.flagged and v.difference is not None and v.difference > 0]
    if not flagged:
        return None
    view = max(flagged, key=lambda v: v.difference or 0.0)
    assert view.owners_score is not None and view.others_score is not None
    owners = " and ".join(view.owners)
    text = (
        f"{owners} rate{'s' if len(view.owners) == 1 else ''} {view.name} at "
        f"{view.owners_score:.2f}; everyone else at {view.others_score:.2f}. Owners see "
        f"their own practice {view.difference:.2f} higher than the rest of the organisation."
    )
    if len(flagged) > 1:
        text += f" {len(flagged)} dimensions show such a gap; see Perspectives."
    return Finding(
        5, f"Owners see it higher: {view.name}", text, (view.owners_score, view.others_score)
    )


def caveats(result: Result, min_group: int = 1) -> tuple[str, ...]:
    """What limits how far the figures can be trusted, in words."""
    out = []
    hidden = too_few(result.departments, min_group)
    few = [d for d in shown(result.departments, min_group) if d.respondents < FEW_RESPONDENTS]
    out.append(f"Respondents per department: {_per_department(result.departments)}.")
    if hidden:
        names = _listed([f"{d.name} ({d.respondents})" for d in hidden])
        out.append(
            f"Too few to show on their own (fewer than {min_group} respondents): {names}. "
            f"Their answers count in the organisation's figures; their own scores are not shown."
        )
    if few:
        names = _listed([d.name for d in few])
        out.append(
            f"Fewer than {FEW_RESPONDENTS} respondents: {names}. Their scores rest on one or "
            f"two people and carry wide or no intervals."
        )
    cov = result.coverage
    applicable = cov.total - cov.not_applicable
    if applicable:
        share = cov.answered / applicable
        out.append(
            f"Coverage: {share:.0%} of applicable questions were answered with a stage; "
            f"{cov.unknown} answers were “don't know” and {cov.unanswered} were left blank."
        )
    cells = [dim for dep in result.departments for dim in dep.dimensions if dim.score is not None]
    shaky = sum(dim.borderline for dim in cells)
    if cells:
        out.append(
            f"Confidence: {shaky} of {len(cells)} department-by-dimension scores are borderline: "
            f"their 95% interval crosses a stage boundary, so their stage could change with "
            f"more answers."
        )
    return tuple(out)


LISTED = 12
"""Caveats name at most this many departments, so the summary stays one page."""


def _listed(names: Sequence[str]) -> str:
    if len(names) <= LISTED:
        return ", ".join(names)
    return ", ".join(names[:LISTED]) + f" and {len(names) - LISTED} more"


def _per_department(departments: Sequence[DepartmentResult]) -> str:
    if len(departments) <= LISTED:
        return ", ".join(f"{d.name} {d.respondents}" for d in departments)
    counts = sorted(d.respondents for d in departments)
    return (
        f"{counts[0]} to {counts[-1]} in each of {len(departments)} departments "
        f"(median {statistics.median(counts):g})"
    )
