"""The words an export may use for a questionnaire: its own, and each of its translations'.

A client who ran the form in German exports German headings, statements and department
names; each is matched, folded, to the same question, stage and department as the
questionnaire's own text, so the answers score exactly as the same answers in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Question, Questionnaire
from cxmaturity.core.stages import NOT_APPLICABLE, STAGE_KEYS, UNKNOWN, Stage, parse_answer_word
from cxmaturity.formats.folding import did_you_mean, fold
from cxmaturity.formats.translation_files import localise, translation_files


@dataclass(frozen=True)
class Vocabulary:
    q: Questionnaire
    questions: dict[str, Question]
    """Folded id or text, in any language, to the question."""
    options: dict[str, tuple[tuple[str, ...], ...]]
    """Each question's statements, once per language (the questionnaire's own first)."""
    departments: dict[str, str]
    """Folded id or name, in any language, to the department's id."""
    languages: tuple[str, ...]


def vocabulary(loaded: LoadedQuestionnaire) -> Vocabulary:
    versions = [loaded.model]
    codes = []
    for code in sorted(translation_files(loaded)):
        try:
            versions.append(localise(loaded, code, []).model)
            codes.append(code)
        except CxMaturityError:
            continue  # a broken translation only costs its words here; `validate` says why
    q = loaded.model
    questions: dict[str, Question] = {fold(x.id): x for x in q.questions}
    departments: dict[str, str] = {fold(d.id): d.id for d in q.departments}
    options: dict[str, list[tuple[str, ...]]] = {x.id: [] for x in q.questions}
    for version in versions:
        own = {x.id: x for x in q.questions}
        for question in version.questions:
            questions.setdefault(fold(question.text), own[question.id])
            options[question.id].append(tuple(question.options))
        for dep in version.departments:
            departments.setdefault(fold(dep.name), dep.id)
    return Vocabulary(
        q,
        questions,
        {key: tuple(lists) for key, lists in options.items()},
        departments,
        tuple(codes),
    )


def parse_cell(
    value: str, question: Question, translated: Sequence[Sequence[str]] = ()
) -> int | str:
    """A cell as an answer-file value: a stage number, ``unknown`` or ``n/a``.

    A cell takes the words an answer file takes (``stages.parse_answer_word``) and, as the
    one addition, the text of one of the question's options (compared folded), in the
    questionnaire's language or one of its ``translated`` versions: what a form shows.
    """
    word = parse_answer_word(fold(value))
    if isinstance(word, Stage):
        return int(word)
    if word is not None:
        return word
    key = fold(value)
    for options in (question.options, *translated):
        for position, option in enumerate(options, start=1):
            if key == fold(option):
                return position
    near = did_you_mean(value, question.options)
    raise ValueError(
        f"{value!r} is not an answer{near}: use 1-6, a stage name ({', '.join(STAGE_KEYS)}), "
        f"an option's text, {UNKNOWN}, {NOT_APPLICABLE}, or leave it blank"
    )
