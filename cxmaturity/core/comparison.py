"""Progress over time: two scored sides, compared per department and dimension.

A side is a folder of answer files (scored now) or a ``scores.json`` written by
``score --format json`` (read back by ``formats.scores``). Both become a ``Snapshot`` of
reported figures, so a saved baseline and a re-scored folder compare alike.
Deltas are between reported (two-decimal) scores, as the reader sees them.

The ``Comparison`` is meant to be presented as it is by the table, JSON, CSV and
Markdown renderers, and by a report's "Progress since <date>" section: each side carries
its date (the latest ``updated`` stamp of its answers) and every change its two figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from cxmaturity.core.confidence import Difference, Interval, clears, difference
from cxmaturity.core.result import DimensionResult, Result
from cxmaturity.core.stages import Stage, reported
from cxmaturity.core.targets import Targets, gap

ORGANISATION = "organisation"

# ---------------------------------------------------------------------- one side


@dataclass(frozen=True)
class Scored:
    """One reported figure on one side: a department, a dimension or the organisation."""

    id: str
    name: str
    score: float | None
    stage: Stage | None
    interval: Interval | None = None
    """The score's 95% interval, when the side had one (older scores.json files do not)."""


@dataclass(frozen=True)
class Area:
    """An organisation or department: its overall figure and one per dimension."""

    overall: Scored
    dimensions: tuple[Scored, ...]

    def dimension(self, dimension_id: str) -> Scored | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


@dataclass(frozen=True)
class Side:
    """Where a side came from and what it was answered with."""

    label: str
    kind: Literal["answers", "scores"]
    questionnaire_id: str
    versions: tuple[str, ...]
    sha256: str | None
    updated: datetime | None
    """The latest ``updated`` stamp of the side's answers: the date to show for it."""
    respondents: int
    bridge: str | None = None
    """How two questionnaire versions were joined to compare them, when they were."""


@dataclass(frozen=True)
class Snapshot:
    side: Side
    organisation: Area
    departments: tuple[Area, ...]
    warnings: tuple[str, ...] = ()

    def department(self, department_id: str) -> Area | None:
        return next((d for d in self.departments if d.overall.id == department_id), None)


def _areas(result: Result) -> tuple[Area, tuple[Area, ...]]:
    org = result.organisation
    organisation = Area(
        Scored(ORGANISATION, "Organisation", org.score, org.stage, org.interval),
        tuple(_scored(d) for d in org.dimensions),
    )
    departments = tuple(
        Area(
            Scored(d.id, d.name, d.score, d.stage, d.interval),
            tuple(_scored(x) for x in d.dimensions),
        )
        for d in result.departments
    )
    return organisation, departments


def _scored(dim: DimensionResult) -> Scored:
    return Scored(dim.id, dim.name, dim.score, dim.stage, dim.interval)


def snapshot_of(result: Result, label: str, versions: tuple[str, ...]) -> Snapshot:
    """The reported figures of a fresh result; ``label`` and ``versions`` name its answers."""
    side = Side(
        label=label,
        kind="answers",
        questionnaire_id=result.questionnaire.id,
        versions=versions,
        sha256=result.questionnaire.sha256,
        updated=result.updated,
        respondents=len(result.respondents),
    )
    return Snapshot(side, *_areas(result), warnings=result.warnings)


# ------------------------------------------------------------------- the changes


@dataclass(frozen=True)
class Change:
    """One figure on both sides; either may be missing when the area is on one side only."""

    id: str
    name: str
    baseline: Scored | None
    current: Scored | None
    target: Stage | None = None
    gap: int | None = None
    """Whole stages the current side still has to climb to its target."""

    @property
    def delta(self) -> float | None:
        """Current minus baseline reported score, itself reported to two decimals."""
        if self.baseline is None or self.current is None:
            return None
        if self.baseline.score is None or self.current.score is None:
            return None
        return reported(self.current.score - self.baseline.score)

    @property
    def stages_moved(self) -> int | None:
        if self.baseline is None or self.current is None:
            return None
        if self.baseline.stage is None or self.current.stage is None:
            return None
        return int(self.current.stage) - int(self.baseline.stage)

    @property
    def interval(self) -> Difference | None:
        """The change's 95% interval, from both sides' intervals (see ``confidence``)."""
        delta = self.delta
        if delta is None or self.baseline is None or self.current is None:
            return None
        return difference(self.baseline.interval, self.current.interval, delta)

    @property
    def move_claimed(self) -> bool:
        """A stage move the board may be told of: the stage changed and today's interval
        lies wholly inside the new stage's side of the boundary it crossed."""
        moved = self.stages_moved
        if not moved or self.current is None or self.current.stage is None:
            return False
        boundary = int(self.current.stage) + (0 if moved > 0 else 1)
        return clears(self.current.interval, boundary)


@dataclass(frozen=True, slots=True)
class OneSided:
    """A department or dimension that only one side of a comparison has."""

    kind: Literal["department", "dimension"]
    name: str
    department: str | None = None
    """For one department's dimension, the department's name; else None."""


@dataclass(frozen=True)
class AreaChange:
    overall: Change
    dimensions: tuple[Change, ...]


@dataclass(frozen=True)
class Comparison:
    baseline: Side
    current: Side
    organisation: AreaChange
    departments: tuple[AreaChange, ...]
    warnings: tuple[str, ...]
    with_targets: bool = False

    @property
    def only_in_baseline(self) -> tuple[OneSided, ...]:
        return self.one_sided(current_missing=True)

    @property
    def only_in_current(self) -> tuple[OneSided, ...]:
        return self.one_sided(current_missing=False)

    def one_sided(self, current_missing: bool) -> tuple[OneSided, ...]:
        """What only one side has: whole departments, departments' dimensions, then the
        organisation's dimensions (``words.comparison`` says them)."""

        def missing(change: Change) -> bool:
            return (change.current if current_missing else change.baseline) is None

        found: list[OneSided] = []
        for area in self.departments:
            if missing(area.overall):
                found.append(OneSided("department", area.overall.name))
                continue
            found += [
                OneSided("dimension", d.name, area.overall.name)
                for d in area.dimensions
                if missing(d)
            ]
        found += [OneSided("dimension", d.name) for d in self.organisation.dimensions if missing(d)]
        return tuple(found)


def compare_snapshots(
    before: Snapshot, after: Snapshot, targets: Targets | None = None
) -> Comparison:
    """Pair up departments and dimensions of two snapshots; pure."""
    goal = targets or Targets()
    organisation = _area_change(before.organisation, after.organisation, goal, None)
    departments = tuple(
        _area_change(b, a, goal, dep_id)
        for dep_id in _ids([d.overall.id for d in after.departments], before.departments)
        for b, a in [(before.department(dep_id), after.department(dep_id))]
    )
    warnings = (
        *(f"baseline: {w}" for w in before.warnings),
        *(f"current: {w}" for w in after.warnings),
        *_version_warnings(before.side, after.side),
    )
    return Comparison(before.side, after.side, organisation, departments, tuple(warnings), goal.any)


def _ids(first: list[str], second: Sequence[Area]) -> list[str]:
    """The current side's order, then what only the baseline has."""
    return first + [a.overall.id for a in second if a.overall.id not in first]


def _area_change(
    before: Area | None, after: Area | None, goal: Targets, department_id: str | None
) -> AreaChange:
    either = after or before
    assert either is not None  # an id comes from one side or the other
    overall_target = (
        goal.organisation if department_id is None else goal.for_department(department_id)
    )
    overall = _change(
        either.overall,
        before.overall if before else None,
        after.overall if after else None,
        overall_target,
    )
    dim_ids = _dim_ids(before, after)
    dimensions = tuple(
        _change(
            _pick(before, after, dim_id),
            before.dimension(dim_id) if before else None,
            after.dimension(dim_id) if after else None,
            goal.organisation
            if department_id is None
            else goal.for_dimension(department_id, dim_id),
        )
        for dim_id in dim_ids
    )
    return AreaChange(overall, dimensions)


def _dim_ids(before: Area | None, after: Area | None) -> list[str]:
    first = [d.id for d in after.dimensions] if after else []
    rest = [d.id for d in before.dimensions] if before else []
    return first + [i for i in rest if i not in first]


def _pick(before: Area | None, after: Area | None, dim_id: str) -> Scored:
    found = (after.dimension(dim_id) if after else None) or (
        before.dimension(dim_id) if before else None
    )
    assert found is not None
    return found


def _change(
    named: Scored, before: Scored | None, after: Scored | None, target: Stage | None
) -> Change:
    stage = after.stage if after else None
    return Change(named.id, named.name, before, after, target, gap(target, stage))


def _version_warnings(before: Side, after: Side) -> list[str]:
    if after.bridge is not None:
        return [after.bridge]
    if before.questionnaire_id != after.questionnaire_id:
        return [
            f"the sides used different questionnaires ({before.questionnaire_id}, "
            f"{after.questionnaire_id}); only ids present on both are compared"
        ]
    if before.versions != after.versions:
        return [
            f"the baseline used {before.questionnaire_id} version {', '.join(before.versions)} "
            f"and the current side version {', '.join(after.versions)}: questions may "
            "differ, so part of a change may come from the questionnaire"
        ]
    if before.sha256 and after.sha256 and before.sha256 != after.sha256:
        return [
            f"{before.questionnaire_id} {before.versions[0]} changed between the two sides "
            "although its version did not"
        ]
    return []
