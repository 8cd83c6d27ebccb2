"""The board's "so what": three messages, the risks in the answers and participants' voices.

Pure domain code over one scored ``Result`` and its ``Questionnaire``. The rules:

**Messages** (three at most): the first sentence of the findings of the weakest dimension,
of the departments furthest below target, and of the widest split or, failing that,
the owners who rate themselves higher (``findings`` rules 1, 3, 4, 5, in that order).

**Risks**: regulatory and customer-harm exposure read from the answers. Each area is one
question of cx-core (``RISK_QUESTIONS``); an area is a risk when any department's mean
answer to it is below Mobilise (3.0): harm happens wherever a customer meets the weakest
practice, not at the average. Each risk gives that lowest department (named only when it
has at least ``min_group`` respondents) and the organisation's mean. Lowest first.

**Quotes** (two or three): comments from departments of at least ``min_group``
respondents, never with a name or a role. Unless the consultant chose quotes by id
(``--quote``), the rules are: a comment on an answer, or on a department score, at
Operationalise or above is never chosen (a word list cannot tell whether it contradicts
that score, so the rule does not try); comments of 30 to 240 characters; those on the
organisation's weakest dimension first, then on its widest split, then the rest in
questionnaire order; at most one per department.

**Contradictions**, for the consultant: a comment whose respondent answered that question,
or whose department scores that dimension, at Operationalise or above, while its words say
something is missing (``NEGATIVE``
markers such as "no", "only", "nobody", "secondment"). They are listed in the workshop
pack with their ids, and reach the board only when the consultant names them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from cxmaturity.core.findings import Finding, perspectives, widest_of
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import mean_answer
from cxmaturity.core.result import Comment, Result
from cxmaturity.core.stages import Stage

RiskArea = Literal["vulnerable", "accessibility", "ai", "complaints"]
RISK_QUESTIONS: dict[RiskArea, str] = {
    "vulnerable": "care-vulnerable",
    "accessibility": "care-accessibility",
    "ai": "technology-ai-safeguards",
    "complaints": "care-complaints",
}
RISK_BELOW = 3.0
MESSAGE_RULES = (1, 3, 4, 5)
MESSAGES = 3
QUOTES = 3
QUOTE_CHARS = (30, 240)
HIGH = Stage.OPERATIONALISE
NEGATIVE = re.compile(
    r"\b(no|not|never|nobody|none|nothing|only|lack|lacks|missing|ad hoc|secondment|"
    r"on paper|in theory|doesn't|don't|isn't|aren't|hardly|rarely)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Risk:
    area: RiskArea
    question_id: str
    score: float
    """The organisation's mean answer to the question (over departments)."""
    lowest: float
    department: str | None
    """The lowest department's name; None when it is under ``min_group``."""


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    text: str
    department: str
    """The department's name (every quoted department has at least ``min_group`` people)."""
    dimension_id: str
    question_id: str
    stage: Stage | None
    """The respondent's own answer to the question."""
    contradicts: bool
    on_high: bool = False
    """Its own answer, or its department's score on the dimension, is at Operationalise or
    above: whether the words contradict that is the consultant's call, never a rule's."""


def message_rules(found: Sequence[Finding]) -> tuple[int, ...]:
    """Which findings give the board's short messages (their first sentences), in order."""
    have = {f.rule for f in found}
    chosen = [rule for rule in MESSAGE_RULES if rule in have]
    if 4 in have and 5 in have:
        chosen.remove(5)
    return tuple(chosen[:MESSAGES])


def risks(result: Result, q: Questionnaire, min_group: int = 1) -> tuple[Risk, ...]:
    """The risk areas where some department's answer is below Mobilise, lowest first."""
    out = []
    for area, question_id in RISK_QUESTIONS.items():
        if q.question(question_id) is None:
            continue
        means = [
            (m, dep)
            for dep in result.departments
            for stats in dep.questions
            if stats.question_id == question_id and (m := mean_answer(stats)) is not None
        ]
        if not means:
            continue
        lowest, dep = min(means, key=lambda pair: pair[0])
        if lowest < RISK_BELOW:
            average = round(sum(m for m, _ in means) / len(means), 2)
            named = dep.name if dep.respondents >= min_group else None
            out.append(Risk(area, question_id, average, round(lowest, 2), named))
    return tuple(sorted(out, key=lambda r: r.lowest))


def quote_id(comment: Comment) -> str:
    """A stable id for a comment, for ``--quote``: it names neither person nor department."""
    key = f"{comment.department}|{comment.question_id}|{comment.respondent}"
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:6]


def all_quotes(result: Result, min_group: int = 1) -> tuple[Quote, ...]:
    """Every comment from a department of at least ``min_group``, with its contradiction."""
    names = {d.id: d.name for d in result.departments if d.respondents >= min_group}
    answers = {(r.department, r.name): r.answers for r in result.respondents}
    strong = {
        (d.id, dim.id)
        for d in result.departments
        for dim in d.dimensions
        if dim.score is not None and dim.score >= HIGH
    }
    out = []
    for comment in result.comments:
        if comment.department not in names:
            continue
        given = answers.get((comment.department, comment.respondent), {})
        answer = given.get(comment.question_id)
        stage = answer.stage if answer is not None else None
        high = stage is not None and stage >= HIGH
        # "We are good at apologising, less at stopping the failure" under a department that
        # scores Align there contradicts the score even when its writer answered low.
        on_high = high or (comment.department, comment.dimension_id) in strong
        out.append(
            Quote(
                id=quote_id(comment),
                text=comment.text.strip(),
                department=names[comment.department],
                dimension_id=comment.dimension_id,
                question_id=comment.question_id,
                stage=stage,
                contradicts=on_high and NEGATIVE.search(comment.text) is not None,
                on_high=on_high,
            )
        )
    return tuple(out)


def contradictions(result: Result, min_group: int = 1) -> tuple[Quote, ...]:
    """Comments whose words contradict their own high answer: for the consultant."""
    return tuple(quote for quote in all_quotes(result, min_group) if quote.contradicts)


def widest_split(result: Result, q: Questionnaire, min_group: int) -> str | None:
    """The dimension on which departments differ most (the findings' widest split)."""
    return widest_of(perspectives(result, q, min_group))


def quotes(
    result: Result,
    q: Questionnaire,
    min_group: int,
    chosen: Collection[str] = (),
    widest: str | None = None,
) -> tuple[Quote, ...]:
    """Two or three quotes for the board, by the consultant's choice or by the rules."""
    pool = all_quotes(result, min_group)
    if chosen:
        return tuple(quote for quote in pool if quote.id in chosen)[:QUOTES]
    low, high = QUOTE_CHARS
    fit = [x for x in pool if not x.on_high and low <= len(x.text) <= high]
    scored = [d for d in result.organisation.dimensions if d.score is not None]
    weakest = min(scored, key=lambda d: d.score or 0.0).id if scored else None
    order = {question.id: n for n, question in enumerate(q.questions)}
    fit.sort(
        key=lambda x: (
            x.dimension_id != weakest,
            x.dimension_id != widest,
            order.get(x.question_id, 0),
            x.id,
        )
    )
    picked: list[Quote] = []
    for quote in fit:
        if all(quote.department != p.department for p in picked) and quote.text not in {
            p.text for p in picked
        }:
            picked.append(quote)
    return tuple(picked[:QUOTES])
