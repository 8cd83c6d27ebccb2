"""Typed data: questionnaires, answer files and targets, as pydantic v2 models.

The models check shape and types; ``check_questionnaire`` checks the cross-references
(unique ids, known dimensions and departments) and returns located problems.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from cxmaturity.core.cleaning import clean_line, clean_text
from cxmaturity.core.evidence import Evidence, parse_evidence
from cxmaturity.core.format_ids import (
    QUESTIONNAIRE_FORMAT_2,
    AnswersId,
    QuestionnaireId,
)
from cxmaturity.core.questionnaire_rules import check_format
from cxmaturity.core.stages import (
    NOT_APPLICABLE,
    STAGE_KEYS,
    UNKNOWN,
    Stage,
    parse_answer_word,
    parse_stage,
)

# Caps that keep every command bounded: a questionnaire of 5,000 questions or a department
# name of 10,000 characters made `report` run for many minutes and gigabytes. Each is
# checked where the file is read, with a located error.
MAX_QUESTIONS = 500
MAX_DEPARTMENTS = 100
MAX_DIMENSIONS = 50
MAX_NAME = 200
"""Characters in a name: department, dimension, title, respondent, role."""
MAX_OPTION = 500
MAX_TEXT = 2_000
"""Characters in a question, help text, description or next step."""
MAX_ANSWERS = 1_000
COMMENT_MAX = 5_000
"""Characters in one comment, in every door: survey, answer files, CSV, web."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
# Text from files is shown in terminals: control characters and escape sequences are
# dropped on the way in (the survey never saves them), newlines are kept.
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(clean_text)
]
Name = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_NAME), AfterValidator(clean_text)
]
MAX_SHORT_NAME = 32
ShortName = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_SHORT_NAME), AfterValidator(clean_text)
]
OptionText = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_OPTION), AfterValidator(clean_text)
]
Line = Annotated[str, StringConstraints(max_length=MAX_NAME), AfterValidator(clean_line)]
Weight = Annotated[float, Field(gt=0, allow_inf_nan=False)]

_STAGE_WORDS = ", ".join(STAGE_KEYS)


class _Model(BaseModel):
    # Deferred: a model nested in another (a Question in a Questionnaire) is then built
    # once, inside its parent, when first used, not also on its own at import; start-up
    # is part of every command's time.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


class Department(_Model):
    id: Id
    name: Name


class Dimension(_Model):
    id: Id
    name: Name
    short_name: ShortName | None = Field(
        default=None,
        description="A few words for a narrow place such as a heatmap column (format 2.1, "
        "optional); the full name is shown beside it.",
    )
    description: Text | None = None
    weight: Weight = 1.0
    owners: list[Id] = Field(
        default_factory=list, description="Departments that own this practice (format 2)."
    )
    requires: list[Id] = Field(
        default_factory=list, description="Dimensions whose foundations come first (format 2)."
    )
    kpis: list[Text] = Field(
        default_factory=list, description="Measures that show progress (format 2)."
    )
    foundation: bool = Field(
        default=False,
        description="Format 2: the organisation and a department are reported at a stage only "
        "when every foundation dimension has reached at least the stage below it.",
    )


def _parse_stage_key(value: Any) -> Stage:
    stage = parse_stage(value) if isinstance(value, str) else None
    if stage is None:
        raise PydanticCustomError("stage_name", f"expected a stage name ({_STAGE_WORDS})")
    return stage


StageKey = Annotated[
    Stage,
    PlainValidator(_parse_stage_key),
    WithJsonSchema({"type": "string", "enum": list(STAGE_KEYS)}),
]


Effort = Literal["small", "medium", "large"]
"""small: one team, within a month; medium: one team over a quarter, or two teams within
a month; large: more than a quarter, or several teams."""
Cost = Literal["low", "medium", "high"]
"""low: within a team's own budget; medium: needs a department head's approval;
high: needs the executive team or the board."""


class NextStep(_Model):
    """One concrete step out of a stage, with the work and money it takes when known."""

    text: Text
    effort: Effort | None = None
    cost: Cost | None = None


def _step_from_text(value: Any) -> Any:
    # Format 2.0 files give a step as plain text; it stays valid as a step of unknown size.
    return {"text": value} if isinstance(value, str) else value


_STEP_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
        {
            "type": "object",
            "properties": {
                "text": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                "effort": {"enum": ["small", "medium", "large"]},
                "cost": {"enum": ["low", "medium", "high"]},
            },
            "required": ["text"],
            "additionalProperties": False,
        },
    ]
}

Step = Annotated[NextStep, BeforeValidator(_step_from_text), WithJsonSchema(_STEP_SCHEMA)]

QuestionKind = Literal["practice", "fact"]
"""practice: how a department works, scored as a mean of its answers; fact: something that
is or is not so (a sponsor, a budget), held as one value per department."""


class Question(_Model):
    id: Id
    dimension: Id
    text: Text
    help: Text | None = None
    kind: QuestionKind = "practice"
    evidence: Text | None = Field(
        default=None,
        description="What an assessor can ask to see for the upper stages.",
    )
    weight: Weight = 1.0
    departments: list[Id] | None = Field(default=None, min_length=1)
    options: list[OptionText] = Field(min_length=6, max_length=6)
    next_steps: dict[StageKey, Step] | None = Field(
        default=None,
        description="Format 2: the concrete step out of each of the six stages; embed: how to "
        "keep it.",
    )

    def applies_to(self, department: str) -> bool:
        return self.departments is None or department in self.departments

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact"

    def step_text(self, stage: Stage) -> str | None:
        """The text of the step out of ``stage``, or None when there is none."""
        step = (self.next_steps or {}).get(stage)
        return step.text if step is not None else None


Recommendations = dict[Id, dict[StageKey, list[Text]]]


class Questionnaire(_Model):
    format: QuestionnaireId
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    title: Name
    description: Text | None = None
    departments: list[Department] = Field(min_length=1, max_length=MAX_DEPARTMENTS)
    dimensions: list[Dimension] = Field(min_length=1, max_length=MAX_DIMENSIONS)
    questions: list[Question] = Field(min_length=1, max_length=MAX_QUESTIONS)
    recommendations: Recommendations = Field(default_factory=dict)

    def department(self, department_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)

    # Scoring asks these for every answer of every file, so they are indexed once.
    @cached_property
    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def department_index(self) -> dict[str, dict[str, tuple[Question, ...]]]:
        """Per department, per dimension: the applicable questions in questionnaire order."""
        return {
            dep.id: {
                dim.id: tuple(
                    q for q in self.questions if q.dimension == dim.id and q.applies_to(dep.id)
                )
                for dim in self.dimensions
            }
            for dep in self.departments
        }

    @cached_property
    def applicable_ids(self) -> dict[str, frozenset[str]]:
        """Per department, the ids of the questions that apply to it."""
        return {
            dep: frozenset(q.id for questions in dims.values() for q in questions)
            for dep, dims in self.department_index.items()
        }

    def question(self, question_id: str) -> Question | None:
        return self.question_index.get(question_id)

    def questions_for(self, department_id: str) -> list[Question]:
        """The questions that apply to a department, in questionnaire order."""
        return [q for q in self.questions if q.applies_to(department_id)]

    def questions_in(self, department_id: str, dimension_id: str) -> tuple[Question, ...]:
        """The questions of one dimension that apply to a department."""
        return self.department_index.get(department_id, {}).get(dimension_id, ())

    def next_steps(self, dimension_id: str, stage: Stage) -> list[str]:
        """Format 1: the dimension-level recommendations for moving on from ``stage``."""
        return list(self.recommendations.get(dimension_id, {}).get(stage, []))

    @property
    def question_steps(self) -> bool:
        """True for format 2, whose next steps are per question rather than per dimension."""
        return self.format == QUESTIONNAIRE_FORMAT_2

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)


Problem = tuple[tuple[str | int, ...], str]


def check_questionnaire(q: Questionnaire) -> list[Problem]:
    """Cross-reference problems as (location, message), in file order."""
    problems: list[Problem] = []
    for field, items in (("departments", q.departments), ("dimensions", q.dimensions)):
        problems += _duplicates(field, [item.id for item in items])
    problems += _duplicates("questions", [question.id for question in q.questions])
    dimensions = {d.id for d in q.dimensions}
    departments = {d.id for d in q.departments}
    for index, question in enumerate(q.questions):
        if question.dimension not in dimensions:
            problems.append(
                (("questions", index, "dimension"), f"unknown dimension {question.dimension!r}")
            )
        for pos, dep in enumerate(question.departments or []):
            if dep not in departments:
                problems.append(
                    (("questions", index, "departments", pos), f"unknown department {dep!r}")
                )
    for dimension_id in q.recommendations:
        if dimension_id not in dimensions:
            problems.append(
                (("recommendations", dimension_id), f"unknown dimension {dimension_id!r}")
            )
    for dimension in q.dimensions:
        if not any(question.dimension == dimension.id for question in q.questions):
            problems.append((("dimensions",), f"dimension {dimension.id!r} has no questions"))
    problems += check_format(q, departments, dimensions)
    return problems


def _duplicates(field: str, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems: list[Problem] = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(((field, index, "id"), f"duplicate id {item!r}"))
        seen.add(item)
    return problems


class AnswerValue(BaseModel):
    """One answer, normalised: a stage, or unknown / n/a / none yet, with an optional comment."""

    model_config = ConfigDict(frozen=True)

    stage: Stage | None = None
    status: Literal["stage", "unknown", "n/a", "unanswered"] = "unanswered"
    comment: str | None = None
    evidence: Evidence | None = None

    @property
    def answered(self) -> bool:
        return self.status == "stage"

    def to_data(self) -> Any:
        """The compact form written to answer files."""
        plain: Any = int(self.stage) if self.stage is not None else self.status
        if self.comment is None and self.evidence is None:
            return plain
        data: dict[str, Any] = {} if self.status == "unanswered" else {"stage": plain}
        if self.comment is not None:
            data["comment"] = self.comment
        if self.evidence is not None:
            data["evidence"] = self.evidence.to_data()
        return data


_ANSWER_HINT = f"use 1-6, a stage name ({_STAGE_WORDS}), {UNKNOWN} or {NOT_APPLICABLE}"


def _parse_plain_answer(value: Any) -> AnswerValue:
    stage = parse_answer_word(value)
    if stage == UNKNOWN:
        return AnswerValue(status="unknown")
    if stage == NOT_APPLICABLE:
        return AnswerValue(status="n/a")
    if not isinstance(stage, Stage):
        raise PydanticCustomError(
            "answer",
            "{value} is not an answer: {hint}",
            {"value": _shown(value), "hint": _ANSWER_HINT},
        )
    return AnswerValue(stage=stage, status="stage")


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower()


def _common_answers() -> dict[int | str, AnswerValue]:
    common: dict[int | str, AnswerValue] = {
        int(stage): AnswerValue(stage=stage, status="stage") for stage in Stage
    }
    common |= {stage.key: common[int(stage)] for stage in Stage}
    common |= {UNKNOWN: AnswerValue(status="unknown"), NOT_APPLICABLE: AnswerValue(status="n/a")}
    return common


# Answers are immutable, so the few plain spellings that make up nearly every file share
# one instance each; this keeps validating a large batch of files cheap.
_COMMON = _common_answers()


def _parse_answer(value: Any) -> AnswerValue:
    kind = type(value)
    if kind is int or kind is str:  # not bool: True == 1 would find stage 1
        common = _COMMON.get(value)
        if common is not None:
            return common
    if not isinstance(value, dict):
        return _parse_plain_answer(value)
    unknown = set(value) - {"stage", "comment", "evidence"}
    if unknown:
        raise PydanticCustomError(
            "answer",
            "unknown key {key}: an answer takes stage, comment and evidence",
            {"key": repr(sorted(map(str, unknown))[0])},
        )
    comment = value.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise PydanticCustomError("answer", "comment must be text")
    if comment is not None and len(comment) > COMMENT_MAX:
        raise PydanticCustomError(
            "answer",
            "the comment is {length} characters long; the limit is {limit}",
            {"length": f"{len(comment):,}", "limit": f"{COMMENT_MAX:,}"},
        )
    base = _parse_plain_answer(value["stage"]) if "stage" in value else AnswerValue()
    evidence = parse_evidence(value["evidence"]) if value.get("evidence") is not None else None
    comment = clean_text(comment or "").strip() or None
    return base.model_copy(update={"comment": comment, "evidence": evidence})


_ANSWER_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 6},
        {"type": "string", "description": f"a stage name, {UNKNOWN} or {NOT_APPLICABLE}"},
        {
            "type": "object",
            "properties": {
                "stage": {
                    "anyOf": [{"type": "integer", "minimum": 1, "maximum": 6}, {"type": "string"}]
                },
                "comment": {"type": "string"},
                "evidence": {
                    "type": "object",
                    "description": "What backs the answer: a link or file name, its date, "
                    "who holds it, a note.",
                    "properties": {
                        "ref": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                        "holder": {"type": "string"},
                        "note": {"type": "string"},
                    },
                    "required": ["ref"],
                    "additionalProperties": False,
                },
            },
            "additionalProperties": False,
        },
    ]
}

Answer = Annotated[AnswerValue, PlainValidator(_parse_answer), WithJsonSchema(_ANSWER_SCHEMA)]


def iso_stamp(moment: datetime) -> str:
    """A timestamp as answer and scores files write it: ISO 8601, UTC as ``Z``."""
    return moment.isoformat().replace("+00:00", "Z")


class QuestionnaireRef(_Model):
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None


class Respondent(_Model):
    name: Annotated[Line, StringConstraints(min_length=1)]
    role: Line | None = None
    department: Id


def _aware(moment: datetime) -> datetime:
    # Stamps are compared (the newest file of a respondent wins), and Python cannot order
    # a stamp with an offset against one without; so one without is read as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


Timestamp = Annotated[datetime, Field(strict=False), AfterValidator(_aware)]
"""An ISO 8601 time; without an offset it is read as UTC."""


class AnswerFile(_Model):
    format: AnswersId
    questionnaire: QuestionnaireRef
    respondent: Respondent
    # The language the respondent answered in; recorded for the reader, never used in scoring.
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    started: Timestamp | None = None
    updated: Timestamp | None = None
    answers: dict[Annotated[str, StringConstraints(min_length=1, max_length=64)], Answer] = Field(
        default_factory=dict, max_length=MAX_ANSWERS
    )

    def to_data(self) -> dict[str, Any]:
        """The plain structure written to disk, in a stable order."""
        data: dict[str, Any] = {
            "format": self.format,
            "questionnaire": self.questionnaire.model_dump(exclude_none=True),
            "respondent": self.respondent.model_dump(exclude_none=True),
        }
        if self.language is not None:
            data["language"] = self.language
        for stamp in ("started", "updated"):
            value = getattr(self, stamp)
            if value is not None:
                data[stamp] = iso_stamp(value)
        data["answers"] = {qid: answer.to_data() for qid, answer in self.answers.items()}
        return data
