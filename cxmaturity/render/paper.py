"""A questionnaire laid out for paper: what ``export -f markdown`` and ``-f pdf`` print.

The layout is shared by the Markdown and PDF renderers: sections per dimension, each
question with its six options and boxes to tick.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.model import Department, Dimension, Question, Questionnaire
from cxmaturity.core.stages import Stage

INSTRUCTIONS = (
    "For each question, tick one box: the description closest to how things are in your "
    "department today. Tick Don't know if you cannot tell, and Not applicable if the "
    "question does not concern your department. Leave a question blank rather than guess."
)


def questions(q: Questionnaire, department: Department | None) -> list[Question]:
    return q.questions if department is None else q.questions_for(department.id)


@dataclass(frozen=True)
class Option:
    stage: Stage
    text: str


@dataclass(frozen=True)
class PaperQuestion:
    number: str
    """Printed number, e.g. ``2.3``: section and position, stable within one copy."""
    question: Question
    options: tuple[Option, ...]
    only_for: tuple[str, ...]
    """Names of the departments it is limited to; empty when it applies to everyone."""


@dataclass(frozen=True)
class PaperSection:
    number: int
    dimension: Dimension
    questions: tuple[PaperQuestion, ...]


@dataclass(frozen=True)
class Paper:
    """A printable questionnaire, for everyone or for one department."""

    questionnaire: Questionnaire
    department: Department | None
    sections: tuple[PaperSection, ...]
    show_stages: bool = False
    """Print each option's stage name; off for respondents, who would pick the "better" one."""


def paper(
    q: Questionnaire, department: Department | None = None, show_stages: bool = False
) -> Paper:
    chosen = questions(q, department)
    names = {d.id: d.name for d in q.departments}
    sections: list[PaperSection] = []
    for dimension in q.dimensions:
        mine = [x for x in chosen if x.dimension == dimension.id]
        if not mine:
            continue
        number = len(sections) + 1
        sections.append(
            PaperSection(
                number,
                dimension,
                tuple(
                    _paper_question(f"{number}.{i}", x, names, department)
                    for i, x in enumerate(mine, start=1)
                ),
            )
        )
    return Paper(q, department, tuple(sections), show_stages)


def _paper_question(
    number: str, question: Question, names: dict[str, str], department: Department | None
) -> PaperQuestion:
    options = tuple(Option(Stage(i), text) for i, text in enumerate(question.options, start=1))
    # A copy for one department needs no "only for" note: every question in it applies.
    limited = question.departments if department is None else None
    only_for = tuple(names[d] for d in limited or ())
    return PaperQuestion(number, question, options, only_for)
