"""The consensus round: questions a department split on, and the stage it then agreed.

A question needs settling in a department when its answers there are two or more stages
apart, or, for a question of ``kind: fact``, when they differ at all (a fact has one
right answer). The agreed stage and a one-line reason are kept in a consensus file
(``cxmaturity.consensus/1``) beside the answers, never in anyone's answer file: scoring
with it replaces, for that department and question only, every stage given by the
agreed one, so the raw answers stay as they were given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from cxmaturity.core.agreement import alpha
from cxmaturity.core.answer_file import AnswerValue, QuestionnaireRef, Timestamp
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.format_ids import CONSENSUS_FORMAT, ConsensusId
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import Id, Question, Questionnaire
from cxmaturity.core.stages import Stage

MAX_REASON = 200
SPLIT_AT = 2
"""Answers this many stages apart (or more) split a department."""

Reason = Annotated[
    str,
    AfterValidator(clean_line),
    StringConstraints(min_length=1, max_length=MAX_REASON),
]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Agreed(_Model):
    """One department's agreed stage for one question, and why."""

    department: Id
    question: Id
    stage: Annotated[int, Field(ge=1, le=6)]
    reason: Reason
    settled: Timestamp
    raw: list[Annotated[int, Field(ge=0)]] = Field(
        min_length=6,
        max_length=6,
        description="How many answered each stage (Ignore to Embed) when it was agreed.",
    )


class ConsensusFile(_Model):
    """A ``cxmaturity.consensus/1`` file: the agreed stages of one workshop folder."""

    format: ConsensusId
    questionnaire: QuestionnaireRef
    agreed: list[Agreed] = Field(default_factory=list)

    def find(self, department: str, question: str) -> Agreed | None:
        return next(
            (a for a in self.agreed if a.department == department and a.question == question),
            None,
        )

    def with_agreed(self, agreed: Agreed) -> ConsensusFile:
        """This file with ``agreed`` recorded, replacing an earlier one for the same pair."""
        kept = [
            a
            for a in self.agreed
            if (a.department, a.question) != (agreed.department, agreed.question)
        ]
        return self.model_copy(update={"agreed": [*kept, agreed]})


def empty(questionnaire: Questionnaire) -> ConsensusFile:
    ref = QuestionnaireRef(id=questionnaire.id, version=questionnaire.version)
    return ConsensusFile(format=CONSENSUS_FORMAT, questionnaire=ref)


def is_fact(question: Question) -> bool:
    # `kind` arrives with cx-core 2.1; a questionnaire without it asks about practice.
    return getattr(question, "kind", None) == "fact"


@dataclass(frozen=True)
class Split:
    """A question one department's answers disagree on."""

    department: str
    question: Question
    counts: tuple[int, ...]
    """How many answered each stage, Ignore to Embed."""
    fact: bool
    agreed: Agreed | None

    @property
    def spread(self) -> int:
        given = [i for i, n in enumerate(self.counts) if n]
        return given[-1] - given[0] if given else 0

    @property
    def answered(self) -> int:
        return sum(self.counts)


def stage_counts(
    answer_sets: Iterable[AnswerSet], department: str, question_id: str
) -> tuple[int, ...]:
    counts = [0] * len(Stage)
    for answer_set in answer_sets:
        if answer_set.file.respondent.department != department:
            continue
        value = answer_set.file.answers.get(question_id)
        if value is not None and value.status == "stage" and value.stage is not None:
            counts[int(value.stage) - 1] += 1
    return tuple(counts)


def splits(
    questionnaire: Questionnaire,
    answer_sets: Sequence[AnswerSet],
    consensus: ConsensusFile | None = None,
) -> list[Split]:
    """Every question to settle, widest first; settled ones stay, with their agreement."""
    found: list[Split] = []
    for department in questionnaire.departments:
        for question in questionnaire.questions_for(department.id):
            counts = stage_counts(answer_sets, department.id, question.id)
            fact = is_fact(question)
            split = Split(
                department.id,
                question,
                counts,
                fact,
                consensus.find(department.id, question.id) if consensus else None,
            )
            wide = split.spread >= SPLIT_AT or (fact and split.spread > 0)
            if split.answered >= 2 and wide:
                found.append(split)
    found.sort(key=lambda s: (-s.spread, -s.answered))
    return found


def agreed_sets(answer_sets: Sequence[AnswerSet], consensus: ConsensusFile) -> list[AnswerSet]:
    """The answer sets as scoring should see them once the round agreed: each stage given
    to a settled question in its department becomes the agreed stage (comments kept);
    "don't know" and "not applicable" stay as they were."""
    if not consensus.agreed:
        return list(answer_sets)
    by_pair = {(a.department, a.question): a.stage for a in consensus.agreed}
    changed: list[AnswerSet] = []
    for answer_set in answer_sets:
        department = answer_set.file.respondent.department
        answers = dict(answer_set.file.answers)
        touched = False
        for question_id, value in answers.items():
            stage = by_pair.get((department, question_id))
            if stage is not None and value.status == "stage" and value.stage != stage:
                answers[question_id] = _at(value, stage)
                touched = True
        if touched:
            file = answer_set.file.model_copy(update={"answers": answers})
            answer_set = AnswerSet(answer_set.path, file)
        changed.append(answer_set)
    return changed


def _at(value: AnswerValue, stage: int) -> AnswerValue:
    return value.model_copy(update={"stage": Stage(stage)})


def record(
    consensus: ConsensusFile,
    questionnaire: Questionnaire,
    answer_sets: Sequence[AnswerSet],
    department: str,
    question: str,
    stage: int,
    reason: str,
    when: datetime,
) -> ConsensusFile:
    """The file with one more agreement; raises ValueError naming what is wrong."""
    if questionnaire.department(department) is None:
        known = ", ".join(d.id for d in questionnaire.departments)
        raise ValueError(f"unknown department {department!r} (known: {known})")
    asked = questionnaire.questions_for(department)
    if not any(q.id == question for q in asked):
        raise ValueError(f"question {question!r} is not asked in {department}")
    if not 1 <= stage <= len(Stage):
        raise ValueError(f"stage {stage} is not a stage: use 1-6")
    if not clean_line(reason):
        raise ValueError("the reason is empty: say in one line why the room agreed")
    counts = stage_counts(answer_sets, department, question)
    agreed = Agreed.model_validate(
        {
            "department": department,
            "question": question,
            "stage": stage,
            "reason": reason,
            "settled": when,
            "raw": list(counts),
        }
    )
    return consensus.with_agreed(agreed)


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha of one department, as answered and after the round."""

    department: str
    name: str
    respondents: int
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Round:
    questionnaire: LoadedQuestionnaire
    splits: tuple[Split, ...]
    agreement: tuple[Agreement, ...]
    respondents: dict[str, int]
    """Respondents per department, as ``score`` counts them."""
    min_group: int

    def shown(self, split: Split) -> bool:
        """False when the department is too small for its answers to be shown anonymously."""
        return self.respondents.get(split.department, 0) >= self.min_group

    @property
    def open(self) -> list[Split]:
        return [s for s in self.splits if s.agreed is None]


def round_of(
    loaded: LoadedQuestionnaire,
    answer_sets: Sequence[AnswerSet],
    consensus: ConsensusFile | None,
    min_group: int,
    with_alpha: bool = True,
) -> Round:
    q = loaded.model
    after = agreed_sets(answer_sets, consensus) if consensus else list(answer_sets)
    respondents = {
        d.id: sum(s.file.respondent.department == d.id for s in answer_sets) for d in q.departments
    }
    agreement = tuple(
        Agreement(
            d.id,
            d.name,
            respondents[d.id],
            alpha(q, answer_sets, d.id),
            alpha(q, after, d.id),
        )
        for d in q.departments
        if respondents[d.id] and with_alpha
    )
    found = tuple(splits(q, answer_sets, consensus))
    return Round(loaded, found, agreement, respondents, min_group)
