"""The CI gate rules: plain domain code, used by the CLI to choose exit 1."""

from __future__ import annotations

from cxmaturity.result import Result
from cxmaturity.stages import Stage


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


def below_targets(result: Result) -> list[str]:
    """Every department and department x dimension below its target, or not measurable.

    A target that cannot be checked because too few answers gave a score fails too:
    a gate must not pass on what nobody could measure. A dimension with no question for
    the department was not asked there; it is never a failure.
    """
    reasons = []
    for dep in result.departments:
        reasons += _reason(dep.name, dep.stage, dep.target, dep.gap)
        for dim in dep.dimensions:
            if not dim.asked:
                continue  # nothing was asked, so there is nothing to fall short of
            reasons += _reason(f"{dep.name} · {dim.name}", dim.stage, dim.target, dim.gap)
    return reasons


def _reason(what: str, stage: Stage | None, target: Stage | None, gap: int | None) -> list[str]:
    if target is None:
        return []
    if stage is None:
        return [f"{what} has no score (too few answers) to compare with its target {target.label}"]
    if not gap:
        return []
    return [
        f"{what} is at {stage.label}, {gap} stage{'s' if gap > 1 else ''} below its target "
        f"{target.label}"
    ]
