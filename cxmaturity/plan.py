"""The improvement plan: concrete steps from each department's own answers.

Pure domain code over one scored ``Result`` and its ``Questionnaire``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cxmaturity.stages import Stage

PLAN_FORMAT = "cxmaturity.plan/1"
DEFAULT_LIMIT = 15

Horizon = Literal["90-days", "12-months", "24-months"]


@dataclass(frozen=True, slots=True)
class Action:
    """One step the organisation should take, for the departments that need it."""

    id: str
    title: str
    dimension: str
    question: str | None
    from_stage: Stage
    departments: tuple[str, ...]
    owner: str | None
    horizon: Horizon
    priority: float
    requires: tuple[str, ...]
    kpis: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    target: Stage | None
    target_defaulted: bool
    actions: tuple[Action, ...]
    total: int
    departments: Mapping[str, tuple[Action, ...]]
