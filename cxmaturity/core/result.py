"""The one immutable result of scoring. Renderers only present it; none recomputes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.confidence import Interval, Reading, reading
from cxmaturity.core.facts import StageCap
from cxmaturity.core.model import Question
from cxmaturity.core.stages import Stage


@dataclass(frozen=True, slots=True)
class QuestionnaireInfo:
    id: str
    version: str
    sha256: str
    title: str


UNANSWERED = AnswerValue()


class Item(NamedTuple):
    """One applicable question in a respondent's dimension score."""

    question_id: str
    weight: float
    answer: AnswerValue


@dataclass(frozen=True, slots=True)
class RespondentDimension:
    dimension_id: str
    questions: tuple[Question, ...]
    """The applicable questions; shared by every respondent of a department."""
    answers: Mapping[str, AnswerValue]
    """The respondent's answers, shared by all their dimensions."""
    applicable_weight: float
    answered_weight: float
    score: float | None
    """Unrounded weighted mean, or None when too few answers (or nothing applies)."""

    @property
    def items(self) -> tuple[Item, ...]:
        """Each applicable question with its weight and the answer given (or none)."""
        return tuple(
            Item(q.id, q.weight, self.answers.get(q.id, UNANSWERED)) for q in self.questions
        )

    @property
    def coverage(self) -> float | None:
        if self.applicable_weight == 0:
            return None
        return self.answered_weight / self.applicable_weight


@dataclass(frozen=True, slots=True)
class RespondentResult:
    name: str
    role: str | None
    department: str
    source: str
    updated: datetime | None
    dimensions: tuple[RespondentDimension, ...]
    answers: Mapping[str, AnswerValue]


class _Read:
    """How a score with a confidence interval and a target is read: one rule for a
    dimension's, a department's and the organisation's score."""

    __slots__ = ()
    interval: Interval | None
    target: Stage | None

    @property
    def borderline(self) -> bool:
        return self.interval is not None and self.interval.borderline

    @property
    def reading(self) -> Reading:
        """How a board may read the score (``confidence.reading``)."""
        return reading(self.interval, self.target)


@dataclass(frozen=True, slots=True)
class DimensionResult(_Read):
    id: str
    name: str
    weight: float
    respondents: int
    """How many scores went into the mean: respondents, or departments at organisation level."""
    raw: float | None
    score: float | None
    stage: Stage | None
    spread: float | None
    disagreement: bool
    target: Stage | None = None
    gap: int | None = None
    interval: Interval | None = None
    """95% interval of the score (see ``confidence``); None with fewer than two scores."""
    asked: bool = True
    """False when no question of this dimension applies to the department (or, for the
    organisation, to any department): then there is no score because nothing was asked,
    not because too few answered, and no target can fail on it."""

    @property
    def reason(self) -> str | None:
        """Why there is no score: ``not asked`` or ``too few answers``; None with a score."""
        if self.score is not None:
            return None
        return NOT_ASKED if not self.asked else TOO_FEW


NOT_ASKED = "not asked"
TOO_FEW = "too few answers"


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """How one department answered one question."""

    question_id: str
    dimension_id: str
    counts: tuple[int, int, int, int, int, int]
    unknown: int
    not_applicable: int
    unanswered: int
    spread: int | None
    fact: bool = False
    """A question of fact: the department holds ``value``, not a mean of the answers."""
    value: Stage | None = None
    """On a fact, the one value the department holds (see ``facts``)."""
    agreed: bool = False
    """On a fact, whether ``value`` comes from a consensus record."""

    @property
    def answered(self) -> int:
        return sum(self.counts)

    @property
    def disagreement(self) -> bool:
        return self.spread is not None and self.spread >= 2

    @property
    def fact_disagreement(self) -> bool:
        """Two stages or more apart on a fact: the department disagrees on a fact."""
        return self.fact and self.disagreement


@dataclass(frozen=True, slots=True)
class DepartmentResult(_Read):
    id: str
    name: str
    respondents: int
    raw: float | None
    score: float | None
    stage: Stage | None
    dimensions: tuple[DimensionResult, ...]
    questions: tuple[QuestionStats, ...]
    target: Stage | None = None
    gap: int | None = None
    interval: Interval | None = None
    cap: StageCap | None = None
    """Set when a foundation dimension holds ``stage`` below the score's own stage."""

    def dimension(self, dimension_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dimension_id)


@dataclass(frozen=True, slots=True)
class OrganisationResult(_Read):
    raw: float | None
    score: float | None
    stage: Stage | None
    dimensions: tuple[DimensionResult, ...]
    target: Stage | None = None
    gap: int | None = None
    interval: Interval | None = None
    cap: StageCap | None = None
    """Set when a foundation dimension holds ``stage`` below the score's own stage."""


@dataclass(frozen=True, slots=True)
class Comment:
    department: str
    question_id: str
    dimension_id: str
    respondent: str
    role: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """Answer counts over every applicable question of every respondent."""

    answered: int
    unknown: int
    not_applicable: int
    unanswered: int

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.not_applicable + self.unanswered


@dataclass(frozen=True, slots=True)
class Result:
    questionnaire: QuestionnaireInfo
    respondents: tuple[RespondentResult, ...]
    organisation: OrganisationResult
    departments: tuple[DepartmentResult, ...]
    comments: tuple[Comment, ...]
    coverage: Coverage
    warnings: tuple[str, ...] = field(default=())

    def department(self, department_id: str) -> DepartmentResult | None:
        return next((d for d in self.departments if d.id == department_id), None)

    @property
    def updated(self) -> datetime | None:
        """The latest ``updated`` stamp of the answers: when the survey was last answered."""
        stamps = [r.updated for r in self.respondents if r.updated is not None]
        # Stamps without a zone are read as UTC only to order them against those with one.
        return max(stamps, key=lambda t: t if t.tzinfo else t.replace(tzinfo=UTC), default=None)
