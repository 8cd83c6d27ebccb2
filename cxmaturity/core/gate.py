"""The CI gate rules: plain domain code, used by the CLI to choose exit 1.

Each rule is a list of ``Check``s, one per thing it looked at, passed or failed: the
CLI prints the failures, and a JUnit report shows every check as a test case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cxmaturity.core.result import DepartmentResult, DimensionResult, Result
from cxmaturity.core.stages import Stage

if TYPE_CHECKING:
    from cxmaturity.core.comparison import Change, Comparison


@dataclass(frozen=True)
class Check:
    """One thing a gate looked at: where (``group``, ``name``) and why it failed, if it did."""

    group: str
    name: str
    failure: str | None = None
    figures: tuple[tuple[str, str], ...] = ()
    """What was compared, as (label, value) pairs, e.g. ("score", "2.40")."""


def below_bar(result: Result, bar: Stage) -> str | None:
    """Why the organisation fails ``--fail-under``, or None if it passes."""
    org = result.organisation
    if org.stage is None:
        return f"the organisation's stage is undefined (too few answers); the bar is {bar.label}"
    if org.stage < bar:
        return (
            f"the organisation is at {org.stage.label} ({org.score:.2f}), "
            f"below the bar of {bar.label}"
        )
    return None


def bar_check(result: Result, bar: Stage) -> Check:
    org = result.organisation
    figures = (*_figures(org.score, org.stage), ("bar", bar.label))
    return Check("organisation", "organisation", below_bar(result, bar), figures)


def below_targets(result: Result) -> list[str]:
    """Every department and department x dimension below its target, or not measurable.

    A target that cannot be checked because too few answers gave a score fails too:
    a gate must not pass on what nobody could measure. A dimension with no question for
    the department was not asked there; it is never a failure.
    """
    return [check.failure for check in target_checks(result) if check.failure]


def target_checks(result: Result) -> list[Check]:
    """One check per department and department x dimension that has a target."""
    checks = []
    for dep in result.departments:
        areas: list[tuple[str, DepartmentResult | DimensionResult]] = [(dep.name, dep)]
        # A dimension with no question for the department was not asked there: nothing to
        # fall short of, so no check at all.
        areas += [(f"{dep.name} · {dim.name}", dim) for dim in dep.dimensions if dim.asked]
        for what, area in areas:
            if area.target is None:
                continue
            figures = (
                *_figures(area.score, area.stage),
                ("target", area.target.label),
                ("gap", "–" if area.gap is None else str(area.gap)),
            )
            reason = _reason(what, area.stage, area.target, area.gap)
            checks.append(Check(dep.name, what, reason, figures))
    return checks


def _reason(what: str, stage: Stage | None, target: Stage, gap: int | None) -> str | None:
    if stage is None:
        return f"{what} has no score (too few answers) to compare with its target {target.label}"
    if not gap:
        return None
    return (
        f"{what} is at {stage.label}, {gap} stage{'s' if gap > 1 else ''} below its target "
        f"{target.label}"
    )


def drop_checks(comparison: Comparison, stages: int) -> list[Check]:
    """One check per area on both sides: it fails when it fell by ``stages`` or more.

    With targets, an area also fails when it fell at all and now sits below its target:
    a department's own target is its own, tighter, bar.
    """
    checks = []
    for area in (comparison.organisation, *comparison.departments):
        group = area.overall.name
        changes = [(group, area.overall)]
        changes += [(f"{group} · {dim.name}", dim) for dim in area.dimensions]
        checks += [_drop_check(group, what, change, stages) for what, change in changes]
    return checks


def _drop_check(group: str, what: str, change: Change, stages: int) -> Check:
    moved = change.stages_moved
    before = change.baseline.stage if change.baseline else None
    after = change.current.stage if change.current else None
    figures: tuple[tuple[str, str], ...] = (
        ("baseline", _stage_text(before, change.baseline.score if change.baseline else None)),
        ("current", _stage_text(after, change.current.score if change.current else None)),
        ("stages moved", "–" if moved is None else f"{moved:+d}"),
        ("allowed drop", f"less than {stages}"),
    )
    if change.target is not None:
        figures += (("target", change.target.label),)
    if moved is None or moved >= 0 or before is None or after is None:
        return Check(group, what, None, figures)
    fell = f"{what} fell {-moved} stage{'s' if moved < -1 else ''}, {before.label} → {after.label}"
    if -moved >= stages:
        return Check(group, what, fell, figures)
    if change.target is not None and after < change.target:
        return Check(group, what, f"{fell}, below its target {change.target.label}", figures)
    return Check(group, what, None, figures)


def _figures(score: float | None, stage: Stage | None) -> tuple[tuple[str, str], ...]:
    return (("score", "–" if score is None else f"{score:.2f}"), ("stage", _stage_text(stage)))


def _stage_text(stage: Stage | None, score: float | None = None) -> str:
    if stage is None:
        return "undefined"
    return stage.label if score is None else f"{stage.label} ({score:.2f})"
