"""``score`` and ``explain``: the answers scored, the gates checked, one department derived."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.core.evidence import Claims, claims
from cxmaturity.core.gate import Check, bar_check, target_checks
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets
from cxmaturity.usecases.assessment import Assessment, assess

if TYPE_CHECKING:
    from cxmaturity.core.explain import DepartmentExplanation
    from cxmaturity.core.result import Result


@dataclass(frozen=True)
class ScoreOutcome:
    assessment: Assessment
    bar_checks: tuple[Check, ...]
    """The ``--fail-under`` check, when a bar was set."""
    target_checks: tuple[Check, ...]
    """One check per department and dimension with a target, when targets were set."""
    claims: Claims
    """Align and Embed claims against their evidence."""

    @property
    def result(self) -> Result:
        return self.assessment.result


def score(
    paths: Sequence[Path],
    questionnaire: str | None,
    targets: Targets | None,
    language: str,
    *,
    bar: Stage | None = None,
    raw: bool = False,
) -> ScoreOutcome:
    """Score the answers in ``paths`` and check them against the bar and the targets."""
    assessment = assess(paths, questionnaire, targets, language, raw=raw)
    result = assessment.result
    bars = (bar_check(result, bar),) if bar is not None else ()
    goals = tuple(target_checks(result)) if targets is not None else ()
    return ScoreOutcome(assessment, bars, goals, claims(assessment.answer_sets, date.today()))


def explain(
    paths: Sequence[Path],
    questionnaire: str | None,
    targets: Targets | None,
    language: str,
    warn: Callable[[str], None],
    department: str,
    dimension: str | None = None,
) -> DepartmentExplanation:
    """How ``department``'s score (or one dimension's) is derived, as ``score`` computes it.

    ``warn`` is told the scoring's warnings first: an unknown department still shows them.
    """
    from cxmaturity.core.explain import explain as derive

    result = assess(paths, questionnaire, targets, language).result
    for warning in result.warnings:
        warn(warning)
    return derive(result, department, dimension)
