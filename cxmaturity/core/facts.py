"""Questions of fact and foundation dimensions: the two rules that are not a mean.

A **fact** (``kind: fact``: is there a sponsor, a budget, a roadmap?) is something that is
or is not so; three executives' differing answers are not an average opinion. So each
department holds one value per fact question:

1. the value the department agreed, when a consensus record gives one (``Agreed``);
2. otherwise the lowest stage that more than one respondent chose (a claim two people
   make independently is the safest reading, and the lowest of them errs towards what
   can be shown);
3. otherwise (no stage chosen twice) the median answer, the lower middle one when the
   count is even, so the value is always a stage somebody chose.

The held value replaces each respondent's own answer in their dimension score, and a
spread of two stages or more on a fact is reported as a disagreement on a fact: the
disagreement is itself the finding.

A **foundation** dimension (``foundation: true``) caps the stage reported for the
organisation and for each department: a stage is reported only when every foundation
dimension has reached at least the stage below it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median_low

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.stages import Stage

Agreed = Mapping[str, Mapping[str, Stage]]
"""Department id -> question id -> the agreed stage: the hook a consensus record fills."""


def fact_value(stages: Sequence[int], agreed: Stage | None = None) -> Stage | None:
    """The one value a department holds on a fact question (see the module's rule)."""
    if agreed is not None:
        return agreed
    if not stages:
        return None
    repeated = [stage for stage in set(stages) if stages.count(stage) > 1]
    if repeated:
        return Stage(min(repeated))
    return Stage(median_low(stages))


def department_facts(
    q: Questionnaire,
    department_id: str,
    answers: Iterable[Mapping[str, AnswerValue]],
    agreed: Agreed | None = None,
) -> dict[str, Stage]:
    """The value a department holds on each of its fact questions that has one."""
    given = list(answers)
    mine = (agreed or {}).get(department_id, {})
    values: dict[str, Stage] = {}
    for question in q.questions_for(department_id):
        if not question.is_fact:
            continue
        stages = [stage for a in given if (stage := _stage(a, question.id)) is not None]
        value = fact_value(stages, mine.get(question.id))
        if value is not None:
            values[question.id] = value
    return values


def _stage(answers: Mapping[str, AnswerValue], question_id: str) -> int | None:
    answer = answers.get(question_id)
    return None if answer is None or answer.stage is None else int(answer.stage)


@dataclass(frozen=True, slots=True)
class StageCap:
    """Why a reported stage is lower than its score's: the foundations it waits for."""

    scored: Stage
    """The stage the score alone would give."""
    reported: Stage
    foundations: tuple[tuple[str, Stage], ...]
    """The foundation dimensions that hold it back, each with its stage."""


def foundation_cap(
    stage: Stage | None, foundations: Iterable[tuple[str, Stage | None]]
) -> StageCap | None:
    """The cap on ``stage`` from the foundation dimensions' stages, or None when none applies.

    A foundation without a stage (too few answers) neither caps nor releases: nothing is
    known of it.
    """
    if stage is None:
        return None
    known = [(dim_id, s) for dim_id, s in foundations if s is not None]
    if not known:
        return None
    ceiling = min(int(s) for _, s in known) + 1
    if int(stage) <= ceiling:
        return None
    holding = tuple((dim_id, s) for dim_id, s in known if int(s) + 1 < int(stage))
    return StageCap(scored=stage, reported=Stage(ceiling), foundations=holding)
