"""The report's plan: the core's ``build_plan`` over the result the report shows.

The packs render this ``Plan`` and compute nothing of their own; ``cxmaturity plan``
makes the same call on the same result, so the roadmap and ``plan --format json``
list the same actions in the same order.
"""

from __future__ import annotations

from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import Plan, build_plan
from cxmaturity.core.result import Result
from cxmaturity.core.roadmap import TargetChoice

LIMIT = 15


def plan_for(result: Result, questionnaire: Questionnaire, target: TargetChoice) -> Plan:
    return build_plan(result, questionnaire, LIMIT, target_defaulted=target.defaulted)
