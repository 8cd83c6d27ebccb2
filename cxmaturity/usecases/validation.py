"""``validate``: each file checked by its ``format``, every broken one reported.

Answers are checked against the questionnaire they name, found as ``score`` finds it, so
``validate`` never passes a file that ``score`` refuses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cxmaturity.core.errors import CxMaturityError, InvalidFileError, NotFoundError
from cxmaturity.core.format_ids import (
    ANSWERS_FORMAT,
    CONSENSUS_FORMAT,
    MAPPING_FORMAT,
    QUESTIONNAIRE_FORMAT,
    QUESTIONNAIRE_FORMAT_2,
    QUESTIONNAIRE_FORMATS,
    TARGETS_FORMAT,
    TRANSLATION_FORMAT,
)
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.stages import Stage
from cxmaturity.core.translation import completeness, missing_texts
from cxmaturity.formats.answers import answers_from, check_answers
from cxmaturity.formats.loading import (
    file_format,
    load_questionnaire,
    located,
    questionnaire_from,
)
from cxmaturity.formats.translation_files import (
    fallback_warning,
    questionnaire_for,
    read_translation,
    source_warnings,
)
from cxmaturity.formats.yamlio import read_document
from cxmaturity.usecases.assessment import named_questionnaire


@dataclass
class ValidationReport:
    ok: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[CxMaturityError] = field(default_factory=list)


def validate_files(
    files: Sequence[Path],
    questionnaire: str | None,
    require_evidence: Stage | None = None,
    today: date | None = None,
) -> ValidationReport:
    """Check each file; answers at or above ``require_evidence`` must carry evidence, and
    evidence older than a year is a warning."""
    report = ValidationReport()
    against = load_questionnaire(questionnaire) if questionnaire else None
    named = _NamedQuestionnaires(report.warnings)
    rule = (require_evidence, today or date.today())
    for path in files:
        try:
            report.ok.append(_validate_one(path, against, report.warnings, named, rule))
        except CxMaturityError as exc:
            report.errors.append(exc)
    return report


def _has_steps(q: Questionnaire) -> bool:
    if q.question_steps:
        return any(question.next_steps for question in q.questions)
    return any(any(steps.values()) for steps in q.recommendations.values())


class _NamedQuestionnaires:
    """Without ``-q``, answers are checked against the questionnaire they name, found as
    ``score`` finds it, so ``validate`` never passes a file that ``score`` refuses."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self.loaded: dict[str, LoadedQuestionnaire | None] = {}

    def of(self, answer_set: AnswerSet) -> LoadedQuestionnaire | None:
        ref = named_questionnaire([answer_set])
        if ref not in self.loaded:
            try:
                self.loaded[ref] = load_questionnaire(ref)
            except NotFoundError:
                self.warnings.append(
                    f"{answer_set.path}: questionnaire {ref!r} is not bundled, so its answers "
                    "were checked only for form; name its file with -q to check them fully"
                )
                self.loaded[ref] = None
        return self.loaded[ref]


def _validate_one(
    path: Path,
    against: LoadedQuestionnaire | None,
    warnings: list[str],
    named: _NamedQuestionnaires,
    rule: tuple[Stage | None, date] = (None, date.min),
) -> str:
    doc = read_document(path)
    fmt = file_format(doc)
    if fmt in QUESTIONNAIRE_FORMATS:
        q = questionnaire_from(doc, str(path)).model
        if not _has_steps(q):
            warnings.append(
                f"{path}: the questionnaire has no next steps, so `plan` and the board pack "
                "can suggest nothing for a score below its target"
            )
        return (
            f"{path}: questionnaire {q.id} {q.version}, {len(q.questions)} questions, "
            f"{len(q.dimensions)} dimensions, {len(q.departments)} departments"
        )
    if fmt == ANSWERS_FORMAT:
        answer_set = answers_from(doc, in_folder=False, warnings=warnings)
        assert answer_set is not None  # only folder members are ever skipped
        reference = against or named.of(answer_set)
        if reference is not None:
            check_answers(reference, answer_set, warnings)
        from cxmaturity.formats.evidence_check import check_evidence

        check_evidence(doc, answer_set, rule, warnings)
        return f"{path}: answers from {_who(answer_set)}"
    if fmt == TRANSLATION_FORMAT:
        return _validate_translation(path, against, warnings)
    if fmt == CONSENSUS_FORMAT:
        from cxmaturity.core.consensus import ConsensusFile
        from cxmaturity.formats.loading import validate

        agreed = validate(doc, ConsensusFile).agreed
        return f"{path}: consensus round, {len(agreed)} agreed stage{'s' * (len(agreed) != 1)}"
    if fmt == TARGETS_FORMAT:
        from cxmaturity.formats.targets_file import check_targets, load_targets

        targets = load_targets(path)
        if against is not None:
            check_targets(targets, against.model)
        return f"{path}: targets"
    if fmt == MAPPING_FORMAT:
        from cxmaturity.formats.mapping import check_mapping_file

        return f"{path}: {check_mapping_file(path)}"
    found = f"format is {fmt!r}" if fmt else "no 'format' key"
    expected = (
        f"{QUESTIONNAIRE_FORMAT}, {QUESTIONNAIRE_FORMAT_2}, {ANSWERS_FORMAT}, {TARGETS_FORMAT}, "
        f"{MAPPING_FORMAT} or {TRANSLATION_FORMAT}"
    )
    raise located(doc, ("format",), f"{found}; expected {expected}", InvalidFileError)


def _validate_translation(
    path: Path, against: LoadedQuestionnaire | None, warnings: list[str]
) -> str:
    q = (against or questionnaire_for(path)).model
    translation = read_translation(path, q)
    missing = missing_texts(q, translation)
    if missing:
        warnings.append(f"{path}: {fallback_warning(path.name, missing)}")
    warnings += source_warnings(path, q, translation)
    done = completeness(q, translation)
    return f"{path}: {translation.language} translation of {q.id} {q.version}, {done:.0%} complete"


def _who(answer_set: AnswerSet) -> str:
    person = answer_set.file.respondent
    count = len(answer_set.file.answers)
    return f"{person.name} ({person.department}), {count} answer{'' if count == 1 else 's'}"
