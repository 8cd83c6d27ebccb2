"""The use cases: what each command does, between the files it reads and what it renders.

``assess`` (paths on disk to one scored Result) is the pipeline every command shares;
``compare``, ``validate_files`` and ``chosen_department`` build on the same loading.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cxmaturity.comparison import Comparison, Snapshot, compare_snapshots, snapshot_of
from cxmaturity.errors import (
    CxMaturityError,
    InputFileError,
    InvalidFileError,
    ManyErrors,
    MismatchError,
    NotFoundError,
    UsageError,
)
from cxmaturity.formats.loading import (
    check_answers,
    collect_paths,
    file_format,
    load_questionnaire,
    located,
    read_answer_file,
)
from cxmaturity.formats.targets_file import check_targets
from cxmaturity.formats.yamlio import read_document
from cxmaturity.inputs import AnswerSet, LoadedQuestionnaire
from cxmaturity.model import (
    ANSWERS_FORMAT,
    QUESTIONNAIRE_FORMAT,
    QUESTIONNAIRE_FORMAT_2,
    QUESTIONNAIRE_FORMATS,
    SCORES_FORMAT,
    TARGETS_FORMAT,
    Department,
    Questionnaire,
)
from cxmaturity.result import Result
from cxmaturity.scoring import score
from cxmaturity.targets import Targets


@dataclass(frozen=True)
class Assessment:
    questionnaire: LoadedQuestionnaire
    answer_sets: tuple[AnswerSet, ...]
    result: Result


def assess(
    paths: Sequence[Path],
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
) -> Assessment:
    """Load, check and score answer files; every broken file is reported, not just the first."""
    with _collector_paused():
        return _assess(paths, questionnaire, targets)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A batch keeps every file's data alive and makes no reference cycles, so the cyclic
    # collector would only rescan a growing heap again and again (about 10% of the time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _assess(
    paths: Sequence[Path], questionnaire: str | Path | None, targets: Targets | None
) -> Assessment:
    warnings: list[str] = []
    answer_sets = _load_all(paths, warnings)
    loaded = load_questionnaire(questionnaire or _named_questionnaire(answer_sets))
    if targets is not None:
        check_targets(targets, loaded.model)
    errors: list[CxMaturityError] = []
    for answer_set in answer_sets:
        try:
            check_answers(loaded, answer_set, warnings)
        except CxMaturityError as exc:
            errors.append(exc)
    _raise_if(errors)
    result = score(loaded, answer_sets, targets, warnings)
    return Assessment(loaded, tuple(answer_sets), result)


def _load_all(paths: Sequence[Path], warnings: list[str]) -> list[AnswerSet]:
    errors: list[CxMaturityError] = []
    sets: list[AnswerSet] = []
    for path, in_folder in collect_paths(paths):
        try:
            answer_set = read_answer_file(path, in_folder, warnings)
        except CxMaturityError as exc:
            errors.append(exc)
            continue
        if answer_set is not None:
            sets.append(answer_set)
    _raise_if(errors)
    if not sets:
        raise InputFileError("no answer files found", ", ".join(str(p) for p in paths))
    return sets


def _named_questionnaire(answer_sets: list[AnswerSet]) -> str:
    ids = sorted({s.file.questionnaire.id for s in answer_sets})
    if len(ids) > 1:
        raise MismatchError(
            f"the answer files name different questionnaires ({', '.join(ids)}); pick one with -q"
        )
    return ids[0]


def _raise_if(errors: list[CxMaturityError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ManyErrors(errors)


# ------------------------------------------------------------------ compare


def compare(
    baseline: Path,
    current: Path,
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
) -> Comparison:
    """Load both sides and compare them; targets apply to the current side."""
    before = load_side(baseline, questionnaire)
    after = load_side(current, questionnaire)
    if targets is not None and targets.any:
        _check_targets(targets, after, questionnaire)
    return compare_snapshots(before, after, targets)


def compare_with_baseline(
    baseline: Path, current: Assessment, questionnaire: str | Path | None = None
) -> Comparison:
    """A baseline (folder, answer file or ``scores.json``) against an assessment in hand.

    What ``report --baseline`` shows: the current side is the very result being reported,
    not scored a second time. Targets stay out: the report shows gaps on its own pages.
    """
    return compare_snapshots(load_side(baseline, questionnaire), snapshot_of_assessment(current))


def _check_targets(targets: Targets, after: Snapshot, questionnaire: str | Path | None) -> None:
    # Targets name departments and dimensions of the questionnaire the current side used.
    try:
        loaded = load_questionnaire(questionnaire or after.side.questionnaire_id)
    except NotFoundError:
        return
    check_targets(targets, loaded.model)


def load_side(path: Path, questionnaire: str | Path | None = None) -> Snapshot:
    """A folder of answers (scored now), an answer file, or a ``scores.json``."""
    if path.is_file() and file_format(read_document(path)) == SCORES_FORMAT:
        from cxmaturity.formats.scores import read_scores

        return read_scores(path)
    return snapshot_of_assessment(assess([path], questionnaire))


def snapshot_of_assessment(assessment: Assessment) -> Snapshot:
    """The reported figures of a fresh assessment, labelled by where its answers are."""
    versions = sorted({s.file.questionnaire.version for s in assessment.answer_sets})
    return snapshot_of(assessment.result, _label(assessment), tuple(versions))


def _label(assessment: Assessment) -> str:
    folders = {str(s.path.parent) for s in assessment.answer_sets}
    return folders.pop() if len(folders) == 1 else f"{len(assessment.answer_sets)} answer files"


# ------------------------------------------------------------------ validate


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
        from cxmaturity.formats.targets_file import load_targets

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


# ------------------------------------------------------------------ export


def chosen_department(q: Questionnaire, department_id: str | None) -> Department | None:
    """The department a copy is for, or None for everyone."""
    if department_id is None:
        return None
    department = q.department(department_id)
    if department is None:
        known = ", ".join(d.id for d in q.departments)
        raise UsageError(f"unknown department {department_id!r} (use one of: {known})")
    return department
