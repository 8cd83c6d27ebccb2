"""From paths on disk to one scored Result: the pipeline every command shares."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cxmaturity.errors import CxMaturityError, InputFileError, ManyErrors, MismatchError
from cxmaturity.loading import (
    AnswerSet,
    LoadedQuestionnaire,
    check_answers,
    collect_paths,
    load_questionnaire,
    read_answer_file,
)
from cxmaturity.result import Result
from cxmaturity.scoring import score
from cxmaturity.targets import Targets
from cxmaturity.targets_file import check_targets


@dataclass(frozen=True)
class Assessment:
    questionnaire: LoadedQuestionnaire
    answer_sets: tuple[AnswerSet, ...]
    result: Result


def assess(
    paths: Sequence[Path],
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
    language: str | None = None,
) -> Assessment:
    """Load, check and score answer files; every broken file is reported, not just the first.

    With a ``language``, names and texts come from the questionnaire's translation; the
    scores never depend on it.
    """
    with _collector_paused():
        return _assess(paths, questionnaire, targets, language)


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
    paths: Sequence[Path],
    questionnaire: str | Path | None,
    targets: Targets | None,
    language: str | None,
) -> Assessment:
    warnings: list[str] = []
    answer_sets = _load_all(paths, warnings)
    loaded = load_questionnaire(questionnaire or _named_questionnaire(answer_sets))
    if language:
        from cxmaturity.formats.translations import localise

        loaded = localise(loaded, language, warnings)
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
