"""The words an export may use for a questionnaire: its own, and each of its translations'.

A client who ran the form in German exports German headings, statements and department
names; each is matched, folded, to the same question, stage and department as the
questionnaire's own text, so the answers score exactly as the same answers in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Question, Questionnaire
from cxmaturity.formats.folding import fold
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
