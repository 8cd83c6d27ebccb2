"""Scoring rule v1: pure functions from questionnaire and answers to one ``Result``.

1. A question applies to a respondent when it applies to their department; ``n/a``
   removes it from that respondent's set; ``unknown`` and missing answers stay in it.
2. Respondent x dimension: the weighted mean of answered stages, undefined when the
   answered weight is under half of the applicable weight.
3. Department x dimension: the mean of its respondents' defined scores; spread is
   max - min of them, and a spread of 2 or more is a disagreement.
4. Department: the mean of its defined dimension scores, weighted by dimension weight.
   Organisation: the mean of defined department scores, and per dimension the mean
   over departments.
5. Means are kept unrounded; reported scores have two decimals and a score's stage is
   the whole part of its reported value.
6. A question of fact (``kind: fact``) is not averaged: the department holds one value
   (``facts.fact_value``: the agreed one, else the lowest stage chosen more than once,
   else the median), and that value stands in for each respondent's stage on it.
7. Foundation dimensions cap the reported stage of a department and of the organisation
   at one above their lowest stage (``facts.foundation_cap``); the score is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cxmaturity.core import confidence
from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.facts import Agreed, StageCap, department_facts, foundation_cap
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import Dimension, Question, Questionnaire
from cxmaturity.core.result import (
    UNANSWERED,
    Comment,
    Coverage,
    DepartmentResult,
    DimensionResult,
    OrganisationResult,
    QuestionnaireInfo,
    QuestionStats,
    RespondentDimension,
    RespondentResult,
    Result,
)
from cxmaturity.core.stages import Stage, reported, stage_of

DISAGREEMENT = 2.0
MIN_COVERAGE = 0.5
"""The share of a respondent's applicable weight that must be answered for a score."""


def score(
    loaded: LoadedQuestionnaire,
    answer_sets: Sequence[AnswerSet],
    warnings: Iterable[str] = (),
    agreed: Agreed | None = None,
) -> Result:
    """Score answer sets (already checked against the questionnaire) into one Result.

    ``agreed`` holds the values departments agreed on fact questions (a consensus record);
    without one a fact's value comes from the answers. The result carries no targets:
    ``targets.apply_targets`` aims it afterwards.
    """
    q = loaded.model
    all_warnings = list(warnings)
    kept = _drop_duplicates(answer_sets, all_warnings)
    facts = {
        dep.id: department_facts(
            q,
            dep.id,
            (s.file.answers for s in kept if s.file.respondent.department == dep.id),
            agreed,
        )
        for dep in q.departments
    }
    respondents = tuple(
        _score_respondent(q, answer_set, facts[answer_set.file.respondent.department])
        for answer_set in kept
    )
    departments = tuple(
        _score_department(q, dep.id, dep.name, members, facts[dep.id], agreed)
        for dep in q.departments
        if (members := [r for r in respondents if r.department == dep.id])
    )
    return Result(
        questionnaire=QuestionnaireInfo(q.id, q.version, loaded.sha256, q.title),
        respondents=respondents,
        organisation=_score_organisation(q, departments),
        departments=departments,
        comments=_comments(q, kept),
        coverage=_coverage(respondents),
        warnings=tuple(all_warnings),
    )


def _drop_duplicates(answer_sets: Sequence[AnswerSet], warnings: list[str]) -> list[AnswerSet]:
    """Keep one file per respondent (same name and department): the most recently updated."""
    chosen: dict[tuple[str, str], AnswerSet] = {}
    for answer_set in answer_sets:
        person = answer_set.file.respondent
        key = person.key
        previous = chosen.get(key)
        if previous is None:
            chosen[key] = answer_set
            continue
        newer = _newest(previous, answer_set)
        older = answer_set if newer is previous else previous
        warnings.append(
            f"respondent {person.name!r} ({person.department}) is present twice: "
            f"using {newer.path}, ignoring {older.path}"
        )
        chosen[key] = newer
    order = {id(s): i for i, s in enumerate(answer_sets)}
    return sorted(chosen.values(), key=lambda s: order[id(s)])


def _newest(a: AnswerSet, b: AnswerSet) -> AnswerSet:
    # Stamps are aware (a stamp without an offset is read as UTC), so different offsets
    # compare as the instants they are.
    stamp_a, stamp_b = a.file.updated, b.file.updated
    if stamp_a is not None and stamp_b is not None:
        return a if stamp_a > stamp_b else b
    return b


def _score_respondent(
    q: Questionnaire, answer_set: AnswerSet, facts: dict[str, Stage]
) -> RespondentResult:
    person = answer_set.file.respondent
    answers = answer_set.file.answers
    dimensions = tuple(
        _respondent_dimension(dim.id, q.questions_in(person.department, dim.id), answers, facts)
        for dim in q.dimensions
    )
    return RespondentResult(
        name=person.name,
        role=person.role,
        department=person.department,
        source=str(answer_set.path),
        updated=answer_set.file.updated,
        dimensions=dimensions,
        answers=answers,
    )


def _respondent_dimension(
    dimension_id: str,
    questions: tuple[Question, ...],
    answers: dict[str, AnswerValue],
    facts: dict[str, Stage],
) -> RespondentDimension:
    # One pass and no per-question objects: this runs for every respondent x dimension.
    applicable = answered = total = 0.0
    for question in questions:
        answer = answers.get(question.id, UNANSWERED)
        weight = question.weight
        if answer.status != "n/a":
            applicable += weight
        if answer.stage is not None:
            answered += weight
            # On a fact, the respondent's stage gives way to the department's one value.
            total += weight * facts.get(question.id, answer.stage)
    value: float | None = None
    # The half-weight rule compares with a little slack so float sums of 0.1s behave.
    if applicable > 0 and answered >= MIN_COVERAGE * applicable - 1e-9:
        value = total / answered
    return RespondentDimension(dimension_id, questions, answers, applicable, answered, value)


def _score_department(
    q: Questionnaire,
    department_id: str,
    name: str,
    members: list[RespondentResult],
    facts: dict[str, Stage],
    agreed: Agreed | None,
) -> DepartmentResult:
    asked = {question.dimension for question in q.questions_for(department_id)}
    dimensions = tuple(
        _department_dimension(dim, index, members, dim.id in asked)
        for index, dim in enumerate(q.dimensions)
    )
    raw = _weighted_mean((d.raw, d.weight) for d in dimensions)
    result_score = None if raw is None else reported(raw)
    cap = _cap(q, stage_of(raw), dimensions)
    overall = overall_scores(members, dimensions)
    return DepartmentResult(
        id=department_id,
        name=name,
        respondents=len(members),
        raw=raw,
        score=result_score,
        stage=cap.reported if cap is not None else stage_of(raw),
        dimensions=dimensions,
        questions=_question_stats(
            q.questions_for(department_id),
            members,
            facts,
            frozenset((agreed or {}).get(department_id, {})),
        ),
        interval=confidence.around(raw, overall),
        cap=cap,
    )


def _cap(
    q: Questionnaire, stage: Stage | None, dimensions: Sequence[DimensionResult]
) -> StageCap | None:
    foundations = {dim.id for dim in q.dimensions if dim.foundation}
    return foundation_cap(stage, ((d.id, d.stage) for d in dimensions if d.id in foundations))


def overall_scores(
    members: Sequence[RespondentResult], dimensions: Sequence[DimensionResult]
) -> list[float]:
    """Each respondent's own weighted mean over the dimensions they scored.

    Used only to measure how much a department's people differ overall, for the
    interval of the department's score (see ``confidence``).
    """
    return [
        value
        for m in members
        if (
            value := _weighted_mean(
                (rd.score, d.weight) for rd, d in zip(m.dimensions, dimensions, strict=True)
            )
        )
        is not None
    ]


def _department_dimension(
    dim: Dimension, index: int, members: list[RespondentResult], asked: bool
) -> DimensionResult:
    scores = [s for m in members if (s := m.dimensions[index].score) is not None]
    return _dimension_result(dim, scores, asked)


def _dimension_result(dim: Dimension, scores: list[float], asked: bool = True) -> DimensionResult:
    raw = sum(scores) / len(scores) if scores else None
    spread = reported(max(scores) - min(scores)) if scores else None
    stage = stage_of(raw)
    return DimensionResult(
        id=dim.id,
        name=dim.name,
        weight=dim.weight,
        respondents=len(scores),
        raw=raw,
        score=None if raw is None else reported(raw),
        stage=stage,
        spread=spread,
        disagreement=spread is not None and spread >= DISAGREEMENT,
        interval=confidence.of_mean(scores),
        asked=asked,
    )


def _weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    defined = [(value, weight) for value, weight in pairs if value is not None]
    total_weight = sum(weight for _, weight in defined)
    if not defined or total_weight <= 0:
        return None
    return sum(value * weight for value, weight in defined) / total_weight


def _score_organisation(
    q: Questionnaire, departments: tuple[DepartmentResult, ...]
) -> OrganisationResult:
    dimensions = tuple(
        _dimension_result(
            dim,
            [s for d in departments if (s := d.dimensions[index].raw) is not None],
            any(d.dimensions[index].asked for d in departments) or not departments,
        )
        for index, dim in enumerate(q.dimensions)
    )
    defined = [d.raw for d in departments if d.raw is not None]
    raw = sum(defined) / len(defined) if defined else None
    cap = _cap(q, stage_of(raw), dimensions)
    return OrganisationResult(
        raw=raw,
        score=None if raw is None else reported(raw),
        stage=cap.reported if cap is not None else stage_of(raw),
        dimensions=dimensions,
        interval=confidence.of_mean(defined),
        cap=cap,
    )


def _question_stats(
    questions: list[Question],
    members: list[RespondentResult],
    facts: dict[str, Stage],
    agreed: frozenset[str],
) -> tuple[QuestionStats, ...]:
    stats = []
    for question in questions:
        given = [m.answers.get(question.id, UNANSWERED) for m in members]
        stages = [int(a.stage) for a in given if a.stage is not None]
        counts = tuple(stages.count(stage) for stage in range(1, 7))
        statuses = [a.status for a in given]
        stats.append(
            QuestionStats(
                question_id=question.id,
                dimension_id=question.dimension,
                counts=counts,  # type: ignore[arg-type]
                unknown=statuses.count("unknown"),
                not_applicable=statuses.count("n/a"),
                unanswered=statuses.count("unanswered"),
                spread=max(stages) - min(stages) if stages else None,
                fact=question.is_fact,
                value=facts.get(question.id),
                agreed=question.is_fact and question.id in agreed,
            )
        )
    return tuple(stats)


def _comments(q: Questionnaire, answer_sets: list[AnswerSet]) -> tuple[Comment, ...]:
    comments = []
    order = {question.id: index for index, question in enumerate(q.questions)}
    for answer_set in answer_sets:
        person = answer_set.file.respondent
        answers = answer_set.file.answers
        # Only the few commented answers are put in questionnaire order.
        commented = [qid for qid, answer in answers.items() if answer.comment]
        for question_id in sorted(commented, key=lambda qid: order.get(qid, -1)):
            answer = answers[question_id]
            question = q.question(question_id)
            if answer.comment and question and question.applies_to(person.department):
                comments.append(
                    Comment(
                        person.department,
                        question.id,
                        question.dimension,
                        person.name,
                        person.role,
                        answer.comment,
                    )
                )
    return tuple(comments)


def _coverage(respondents: tuple[RespondentResult, ...]) -> Coverage:
    statuses = [
        dimension.answers.get(question.id, UNANSWERED).status
        for respondent in respondents
        for dimension in respondent.dimensions
        for question in dimension.questions
    ]
    return Coverage(
        answered=statuses.count("stage"),
        unknown=statuses.count("unknown"),
        not_applicable=statuses.count("n/a"),
        unanswered=statuses.count("unanswered"),
    )
