"""Two versions of one questionnaire, joined on the questions they share.

A mapping pairs each question of the older version with the question of the newer one
that asks the same thing. Comparing across versions scores both sides on the newer
version restricted to those questions, so a change is not an artefact of new questions.
Pure: the mapping file itself is read by ``formats.mapping``.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.answer_file import QuestionnaireRef
from cxmaturity.core.loaded import AnswerSet
from cxmaturity.core.model import Questionnaire


@dataclass(frozen=True)
class Mapping:
    source: str
    questions: dict[str, str]
    """Older question id -> newer question id."""


def restricted(q: Questionnaire, question_ids: set[str]) -> Questionnaire:
    """``q`` with only the given questions, and only the dimensions that keep one."""
    questions = [question for question in q.questions if question.id in question_ids]
    kept = {question.dimension for question in questions}
    fields = {name: getattr(q, name) for name in type(q).model_fields}
    fields |= {
        "questions": questions,
        "dimensions": [d for d in q.dimensions if d.id in kept],
        "recommendations": {k: v for k, v in q.recommendations.items() if k in kept},
    }
    # Built from an already validated questionnaire, so validating again would add nothing.
    return Questionnaire.model_construct(**fields)


def translated(answer_set: AnswerSet, mapping: Mapping, to: Questionnaire) -> AnswerSet:
    """An older answer file as if given on the newer version: mapped answers only."""
    file = answer_set.file
    answers = {mapping.questions[k]: v for k, v in file.answers.items() if k in mapping.questions}
    ref = QuestionnaireRef(id=to.id, version=to.version)
    return AnswerSet(
        answer_set.path, file.model_copy(update={"answers": answers, "questionnaire": ref})
    )


def only(answer_set: AnswerSet, question_ids: set[str]) -> AnswerSet:
    file = answer_set.file
    answers = {k: v for k, v in file.answers.items() if k in question_ids}
    return AnswerSet(answer_set.path, file.model_copy(update={"answers": answers}))
