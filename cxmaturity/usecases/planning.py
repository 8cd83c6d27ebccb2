"""``plan`` and the packs' plan: the result aimed at its target, and one plan built from it.

The improvement plan of every step is built once; the organisation's short list (the
first ``DEFAULT_LIMIT`` actions), the roadmap and the schedule are all read from it, so
the packs and ``plan --format json`` list the same actions in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cxmaturity.core.decisions import Decision, decide
from cxmaturity.core.evidence import Claims, claims
from cxmaturity.core.findings import MIN_GROUP
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import ALL_STEPS, DEFAULT_LIMIT, Plan, build_plan
from cxmaturity.core.result import Result
from cxmaturity.core.roadmap import TargetChoice, with_default_target
from cxmaturity.core.schedule import Schedule, build_schedule
from cxmaturity.core.targets import Targets
from cxmaturity.usecases.assessment import Assessment, assess


@dataclass(frozen=True)
class Aimed:
    """A result aimed at its target (one stage above today's when none was set), planned."""

    result: Result
    target: TargetChoice
    every_step: Plan
    """Every action: what the roadmap and the schedule time."""
    limit: int

    @property
    def plan(self) -> Plan:
        """The organisation's list as shown: the first ``limit`` actions."""
        return self.every_step.first(self.limit)


def aimed(
    result: Result, targets: Targets | None, q: Questionnaire, limit: int = DEFAULT_LIMIT
) -> Aimed:
    """Aim ``result`` at ``targets`` (or the default target) and build its plan once."""
    aimed_result, choice = with_default_target(result, targets)
    every = build_plan(aimed_result, q, ALL_STEPS, target_defaulted=choice.defaulted)
    return Aimed(aimed_result, choice, every, limit)


@dataclass(frozen=True)
class Scheduled:
    """Every step of one plan timed, and the decisions the board is asked from it."""

    schedule: Schedule
    asks: tuple[Decision, ...]


def scheduled(found: Aimed, q: Questionnaire, min_group: int = MIN_GROUP) -> Scheduled:
    """Time ``found``'s whole plan once and take the board's decisions from that schedule:
    ``plan`` and the board pack read both from here, so neither plans or times again."""
    schedule = build_schedule(found.every_step, found.result, q)
    return Scheduled(schedule, decide(found.result, q, schedule, min_group))


@dataclass(frozen=True)
class PlanOutcome:
    assessment: Assessment
    aimed: Aimed
    claims: Claims
    """Align and Embed claims against their evidence, for the line under the plan."""
    timed: Schedule
    """Every step timed (the roadmap), not only the first ``limit``."""
    asks: tuple[Decision, ...]
    """The decisions asked of the board, as the board pack asks them."""
    today: date


def plan(
    paths: Sequence[Path],
    questionnaire: str | None,
    targets: Targets | None,
    language: str,
    *,
    limit: int = DEFAULT_LIMIT,
    raw: bool = False,
) -> PlanOutcome:
    """The improvement plan of the answers in ``paths``, its schedule and its decisions."""
    assessment = assess(paths, questionnaire, targets, language, raw=raw)
    q = assessment.questionnaire.model
    found = aimed(assessment.result, targets, q, limit)
    steps = scheduled(found, q)
    today = date.today()
    return PlanOutcome(
        assessment, found, claims(assessment.answer_sets, today), steps.schedule, steps.asks, today
    )
