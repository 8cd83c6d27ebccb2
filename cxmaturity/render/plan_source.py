"""Where the report's plan comes from: the core's ``build_plan`` when it is there.

The improvement plan is owned by ``cxmaturity.plan`` (the cx-core 2.0 work). Until its
``build_plan`` is merged, a stand-in of the agreed shape (``Plan`` of ``Action``) is built
from today's roadmap, so the packs' templates render the same fields either way. The
stand-in only re-shapes what ``roadmap`` chose; it scores nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from typing import Any

from cxmaturity.model import Questionnaire
from cxmaturity.plan import Action, Horizon, Plan
from cxmaturity.result import Result
from cxmaturity.roadmap import DimensionPlan, Roadmap

LIMIT = 15


def plan_for(result: Result, questionnaire: Questionnaire, roadmap: Roadmap) -> Any:
    """The core's plan for ``result`` (scored against its targets), or the stand-in."""
    build = getattr(importlib.import_module("cxmaturity.plan"), "build_plan", None)
    if build is None:
        return standin(result, roadmap)
    return build(result, questionnaire, limit=LIMIT)


def standin(result: Result, roadmap: Roadmap) -> Plan:
    behind: dict[str, tuple[str, ...]] = {}
    for dep in result.departments:
        for dim in dep.dimensions:
            if dim.gap:
                behind[dim.id] = (*behind.get(dim.id, ()), dep.id)
    actions = _actions(roadmap.organisation, behind)
    departments = {
        plan.department_id: tuple(
            _actions(
                plan.dimensions, {d.dimension_id: (plan.department_id,) for d in plan.dimensions}
            )
        )
        for plan in roadmap.departments
    }
    target = roadmap.target
    return Plan(target.stage, target.defaulted, tuple(actions[:LIMIT]), len(actions), departments)


def _actions(plans: Sequence[DimensionPlan], behind: Mapping[str, tuple[str, ...]]) -> list[Action]:
    actions: list[Action] = []
    for plan in plans:
        previous: str | None = None
        for group in plan.stages:
            for n, step in enumerate(group.steps, start=1):
                action_id = f"{plan.dimension_id}-{group.stage.key}-{n}"
                actions.append(
                    Action(
                        id=action_id,
                        title=step,
                        dimension=plan.dimension_id,
                        question=None,
                        from_stage=group.stage,
                        departments=behind.get(plan.dimension_id, ()),
                        owner=None,
                        horizon=_horizon(len(actions)),
                        priority=plan.weighted_gap,
                        requires=(previous,) if previous else (),
                        kpis=(),
                    )
                )
                previous = action_id
    return actions


def _horizon(rank: int) -> Horizon:
    return "90-days" if rank < 5 else ("12-months" if rank < 10 else "24-months")
