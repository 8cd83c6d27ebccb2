"""``validate``: check any mix of cxmaturity files, reporting each one on its own line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cxmaturity.errors import CxMaturityError, InvalidFileError
from cxmaturity.loading import (
    AnswerSet,
    LoadedQuestionnaire,
    check_answers,
    file_format,
    load_questionnaire,
    located,
    read_answer_file,
)
from cxmaturity.model import (
    ANSWERS_FORMAT,
    QUESTIONNAIRE_FORMAT,
    QUESTIONNAIRE_FORMAT_2,
    QUESTIONNAIRE_FORMATS,
    TARGETS_FORMAT,
)
from cxmaturity.yamlio import read_document


@dataclass
class ValidationReport:
    ok: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[CxMaturityError] = field(default_factory=list)


def validate_files(files: Sequence[Path], questionnaire: str | None) -> ValidationReport:
    report = ValidationReport()
    against = load_questionnaire(questionnaire) if questionnaire else None
    for path in files:
        try:
            report.ok.append(_validate_one(path, against, report.warnings))
        except CxMaturityError as exc:
            report.errors.append(exc)
    return report


def _validate_one(path: Path, against: LoadedQuestionnaire | None, warnings: list[str]) -> str:
    doc = read_document(path)
    fmt = file_format(doc)
    if fmt in QUESTIONNAIRE_FORMATS:
        q = load_questionnaire(path).model
        return (
            f"{path}: questionnaire {q.id} {q.version}, {len(q.questions)} questions, "
            f"{len(q.dimensions)} dimensions, {len(q.departments)} departments"
        )
    if fmt == ANSWERS_FORMAT:
        answer_set = read_answer_file(path, in_folder=False, warnings=warnings)
        assert answer_set is not None  # only folder members are ever skipped
        if against is not None:
            check_answers(against, answer_set, warnings)
        return f"{path}: answers from {_who(answer_set)}"
    if fmt == TARGETS_FORMAT:
        from cxmaturity.targets_file import check_targets, load_targets

        targets = load_targets(path)
        if against is not None:
            check_targets(targets, against.model)
        return f"{path}: targets"
    found = f"format is {fmt!r}" if fmt else "no 'format' key"
    expected = (
        f"{QUESTIONNAIRE_FORMAT}, {QUESTIONNAIRE_FORMAT_2}, {ANSWERS_FORMAT} or {TARGETS_FORMAT}"
    )
    raise located(doc, ("format",), f"{found}; expected {expected}", InvalidFileError)


def _who(answer_set: AnswerSet) -> str:
    person = answer_set.file.respondent
    count = len(answer_set.file.answers)
    return f"{person.name} ({person.department}), {count} answers"
