"""Targets: which stage each department and dimension should reach, as a layer over scores.

Scoring knows nothing of targets; ``apply_targets`` sets every target and gap on a scored
``Result`` without touching a score, so a command scores once and may aim it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from cxmaturity.core.result import DepartmentResult, DimensionResult, Result
from cxmaturity.core.stages import Stage


@dataclass(frozen=True)
class DepartmentTarget:
    default: Stage | None = None
    dimensions: dict[str, Stage] = field(default_factory=dict)


@dataclass(frozen=True)
class Targets:
    """A default for everyone, refined per department and per department × dimension."""

    organisation: Stage | None = None
    departments: dict[str, DepartmentTarget] = field(default_factory=dict)
    source: Path | None = None
    """The targets file these came from, if any."""

    @classmethod
    def uniform(cls, stage: Stage | None) -> Targets:
        return cls(organisation=stage)

    def for_department(self, department_id: str) -> Stage | None:
        specific = self.departments.get(department_id)
        if specific is not None and specific.default is not None:
            return specific.default
        return self.organisation

    def for_dimension(self, department_id: str, dimension_id: str) -> Stage | None:
        specific = self.departments.get(department_id)
        if specific is not None and dimension_id in specific.dimensions:
            return specific.dimensions[dimension_id]
        return self.for_department(department_id)

    def with_default(self, stage: Stage) -> Targets:
        """The same targets with ``stage`` as the organisation-wide default."""
        return replace(self, organisation=stage)

    @property
    def any(self) -> bool:
        return self.organisation is not None or bool(self.departments)


def gap(target: Stage | None, stage: Stage | None) -> int | None:
    """Whole stages still to climb: max(0, target - stage); None if either is unknown."""
    if target is None or stage is None:
        return None
    return max(0, int(target) - int(stage))


def apply_targets(result: Result, targets: Targets | None) -> Result:
    """``result`` with every target and gap set from ``targets`` (cleared when None)."""
    goal = targets or Targets()
    org = result.organisation
    organisation = replace(
        org,
        target=goal.organisation,
        gap=gap(goal.organisation, org.stage),
        dimensions=tuple(_aimed(d, goal.organisation) for d in org.dimensions),
    )
    departments = tuple(_aimed_department(dep, goal) for dep in result.departments)
    return replace(result, organisation=organisation, departments=departments)


def _aimed_department(dep: DepartmentResult, goal: Targets) -> DepartmentResult:
    target = goal.for_department(dep.id)
    return replace(
        dep,
        target=target,
        gap=gap(target, dep.stage),
        dimensions=tuple(_aimed(d, goal.for_dimension(dep.id, d.id)) for d in dep.dimensions),
    )


def _aimed(dim: DimensionResult, target: Stage | None) -> DimensionResult:
    return replace(dim, target=target, gap=gap(target, dim.stage))
