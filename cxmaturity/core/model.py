"""Typed data: questionnaires, as pydantic v2 models (answer files: ``core.answer_file``).

The models check shape and types; ``check_questionnaire`` checks the cross-references
(unique ids, known dimensions and departments) and returns located problems.
"""

from __future__ import annotations

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
from cxmaturity.core.format_ids import (
    QUESTIONNAIRE_FORMAT_2,
    QuestionnaireId,
)
from cxmaturity.core.questionnaire_rules import check_format
from cxmaturity.core.stages import (
    STAGE_KEYS,
    Stage,
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

STAGE_WORDS = ", ".join(STAGE_KEYS)


class Model(BaseModel):
    # Deferred: a model nested in another (a Question in a Questionnaire) is then built
    # once, inside its parent, when first used, not also on its own at import; start-up
    # is part of every command's time.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


class Department(Model):
    id: Id
    name: Name


class Dimension(Model):
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
        raise PydanticCustomError("stage_name", f"expected a stage name ({STAGE_WORDS})")
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


class NextStep(Model):
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


class Question(Model):
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


class Questionnaire(Model):
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
