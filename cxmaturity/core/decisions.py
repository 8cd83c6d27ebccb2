"""Decisions for the board: three to five organisation-level asks, chosen by fixed rules.

Pure domain code over the scored ``Result``, its ``Questionnaire`` and the timed roadmap
(``schedule``). The rules, in order; each names a dimension, and a dimension is asked
about once (a later rule that lands on an asked dimension is skipped):

1. ``weakest-foundation``: the lowest-scoring foundation dimension (format 2.1);
2. ``furthest-below-target``: the dimension furthest below its target (stages x weight);
3. ``widest-split``: the dimension on which departments differ most;
4. ``owners-higher``: the dimension whose owners rate it furthest above everyone else
   (``findings.OWNER_FLAG`` or more);
5. ``fact-disagreement``: a fact question (format 2.1) on which the executive team's own
   answers are two or more stages apart;
6. ``weakest``: the weakest dimensions not yet asked about, until there are three asks.

Each ask names the accountable executive role (from the dimension's first owner
department, ``ROLES``), a cost band (the highest ``cost`` of the dimension's steps in the
first year; ``None`` when none is costed), a 90-day milestone (the dimension's first step
ending by month 3, else its first step) and the workstream's KPI (baseline today, target,
due month). The verb is "approve and resource" only when the cost band is medium or high:
with nothing to pay for, the board is asked to mandate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cxmaturity.core.findings import OWNER_FLAG, perspectives, widest_of
from cxmaturity.core.marks import N_
from cxmaturity.core.model import Cost, Questionnaire
from cxmaturity.core.result import Result
from cxmaturity.core.schedule import Kpi, Schedule, Step

Rule = Literal[
    "weakest-foundation",
    "furthest-below-target",
    "widest-split",
    "owners-higher",
    "fact-disagreement",
    "weakest",
]
Verb = Literal["approve-and-resource", "mandate"]

MOST, FEWEST = 5, 3
FIRST_YEAR = 12
DAYS_90 = 3
"""Months."""
EXECUTIVE_DEPARTMENT = "executive"
ROLES: dict[str, str] = {
    "executive": N_("Chief Executive"),
    "marketing": N_("Chief Marketing Officer"),
    "sales": N_("Chief Commercial Officer"),
    "service": N_("Chief Customer Officer"),
    "product": N_("Chief Product Officer"),
    "digital": N_("Chief Digital Officer"),
    "operations": N_("Chief Operating Officer"),
    "it": N_("Chief Information Officer"),
    "hr": N_("Chief People Officer"),
    "finance": N_("Chief Financial Officer"),
}
"""Owner department id -> the executive role accountable for it (cx-core's departments);
any other department is "the executive responsible for <its name>"."""
_COSTS: tuple[Cost, ...] = ("low", "medium", "high")


@dataclass(frozen=True, slots=True)
class Decision:
    rule: Rule
    dimension: str
    question: str | None
    """The fact question, for ``fact-disagreement``."""
    verb: Verb
    accountable: str
    """In English; ``owned`` says whether it is one of ``ROLES`` (a catalogue entry)."""
    owned: bool
    cost: Cost | None
    milestone: Step | None
    kpi: Kpi | None


def decide(
    result: Result, q: Questionnaire, schedule: Schedule, min_group: int = 1
) -> tuple[Decision, ...]:
    """Three to five asks (fewer only when the plan has fewer dimensions to act on)."""
    planned = {s.action.dimension for s in schedule.steps}
    found: list[tuple[Rule, str, str | None]] = []
    for rule, dimension, question in _candidates(result, q, min_group):
        # The weakest dimension only fills up to three asks.
        if rule == "weakest" and len(found) >= FEWEST:
            break
        if dimension in planned and all(dimension != d for _, d, _ in found):
            found.append((rule, dimension, question))
    return tuple(_decision(r, d, qid, q, schedule) for r, d, qid in found[:MOST])


def _candidates(
    result: Result, q: Questionnaire, min_group: int
) -> list[tuple[Rule, str, str | None]]:
    org = [d for d in result.organisation.dimensions if d.score is not None]
    out: list[tuple[Rule, str, str | None]] = []
    foundations = [d for d in org if getattr(q.dimension(d.id), "foundation", False)]
    if foundations:
        out.append(("weakest-foundation", min(foundations, key=lambda d: d.score or 0.0).id, None))
    aimed = [d for d in org if d.target is not None and d.gap]
    if aimed:
        far = max(aimed, key=lambda d: (int(d.target or 1) - (d.score or 0.0)) * d.weight)
        out.append(("furthest-below-target", far.id, None))
    views = perspectives(result, q, min_group)
    widest = widest_of(views)
    if widest is not None:
        out.append(("widest-split", widest, None))
    higher = [v for v in views if (v.difference or 0.0) >= OWNER_FLAG]
    if higher:
        out.append(
            ("owners-higher", max(higher, key=lambda v: v.difference or 0.0).dimension_id, None)
        )
    out += _fact_disagreements(result)
    out += [("weakest", d.id, None) for d in sorted(org, key=lambda d: d.score or 0.0)]
    return out


def _fact_disagreements(result: Result) -> list[tuple[Rule, str, str | None]]:
    executive = result.department(EXECUTIVE_DEPARTMENT)
    if executive is None:
        return []
    split = [s for s in executive.questions if s.fact_disagreement]
    top = max(split, key=lambda s: s.spread or 0, default=None)
    return [] if top is None else [("fact-disagreement", top.dimension_id, top.question_id)]


def _decision(
    rule: Rule, dimension_id: str, question: str | None, q: Questionnaire, schedule: Schedule
) -> Decision:
    steps = [s for s in schedule.steps if s.action.dimension == dimension_id]
    year = [s.cost for s in steps if s.start < FIRST_YEAR and s.cost is not None]
    cost = max(year, key=_COSTS.index) if year else None
    early = [s for s in steps if s.end <= DAYS_90]
    milestone = early[0] if early else min(steps, key=lambda s: s.start, default=None)
    stream = next((w for w in schedule.workstreams if dimension_id in w.dimensions), None)
    role = _role(q, dimension_id)
    return Decision(
        rule=rule,
        dimension=dimension_id,
        question=question,
        verb="approve-and-resource" if cost in ("medium", "high") else "mandate",
        accountable=role,
        owned=role in ROLES.values(),
        cost=cost,
        milestone=milestone,
        kpi=stream.kpi if stream is not None else None,
    )


def _role(q: Questionnaire, dimension_id: str) -> str:
    dimension = q.dimension(dimension_id)
    owners = list(getattr(dimension, "owners", None) or [])
    if not owners:
        return ROLES[EXECUTIVE_DEPARTMENT]
    department = q.department(owners[0])
    name = department.name if department is not None else owners[0]
    return ROLES.get(owners[0], f"The executive responsible for {name}")
