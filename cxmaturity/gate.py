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
    """Every department and department x dimension that is below its target."""
    reasons = []
    for dep in result.departments:
        if dep.gap:
            reasons.append(_reason(dep.name, dep.stage, dep.target, dep.gap))
        for dim in dep.dimensions:
            if dim.gap:
                reasons.append(_reason(f"{dep.name} · {dim.name}", dim.stage, dim.target, dim.gap))
    return reasons


def _reason(what: str, stage: Stage | None, target: Stage | None, gap: int) -> str:
    at = stage.label if stage else "undefined"
    wanted = target.label if target else "?"
    return f"{what} is at {at}, {gap} stage{'s' if gap > 1 else ''} below its target {wanted}"
