"""Answer files on disk to one scored result: the pipeline every command shares.

``assess`` reads, checks and scores the files a command names; ``score_sets`` is the one
rule for who counts and what they score, which the workshop's projector uses too
(``usecases.workshop``), so both always show the same respondents and figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cxmaturity.core.consensus import ConsensusFile, agreed_sets
from cxmaturity.core.errors import (
    CxMaturityError,
    InputFileError,
    ManyErrors,
    MismatchError,
    NoAnswersError,
    NotFoundError,
)
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.result import Result
from cxmaturity.core.scoring import score
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets, apply_targets
from cxmaturity.formats.answers import check_answers
from cxmaturity.formats.batch import read_answer_files
from cxmaturity.formats.bundled import ref_for
from cxmaturity.formats.loading import collect_paths, load_questionnaire
from cxmaturity.formats.translation_files import localise


@dataclass(frozen=True)
class Assessment:
    questionnaire: LoadedQuestionnaire
    answer_sets: tuple[AnswerSet, ...]
    """The answers as given (before any agreement)."""
    result: Result
    """With the consensus round's agreed stages, where there are any."""
    raw: Result | None = None
    """The same answers scored without the agreed stages; None when nothing was agreed."""
    consensus: ConsensusFile | None = None


def assess(
    paths: Sequence[Path],
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
    language: str | None = None,
    raw: bool = False,
) -> Assessment:
    """Load, check and score answer files; every broken file is reported, not just the first.

    With a ``language``, names and texts come from the questionnaire's translation; the
    scores never depend on it. A folder's consensus file (the workshop's agreed stages)
    is applied unless ``raw``.
    """
    warnings: list[str] = []
    answer_sets = _load_all(paths, warnings)
    loaded = load_questionnaire(questionnaire) if questionnaire else _named(answer_sets)
    if language:
        loaded = localise(loaded, language, warnings)
    if targets is not None:
        from cxmaturity.formats.targets_file import check_targets

        check_targets(targets, loaded.model)
    agreed = None if raw else folders_consensus(paths)
    return score_sets(loaded, answer_sets, warnings, targets, agreed)


def assess_folder(
    loaded: LoadedQuestionnaire,
    folder: Path,
    warnings: list[str],
    read: Callable[[Path, bool, list[str]], AnswerSet | None] | None = None,
) -> Assessment:
    """``assess`` for a questionnaire already loaded: the workshop's live figures.

    ``read`` may stand in for reading one file (the workshop keeps files it already
    parsed); whatever reads them, the same rule then checks and scores them.
    """
    if read is None:
        sets = _load_all([folder], warnings)
    else:
        found = [
            s for p, in_folder in collect_paths([folder]) if (s := read(p, in_folder, warnings))
        ]
        if not found:
            raise NoAnswersError("no answer files found", str(folder))
        sets = found
    return score_sets(loaded, sets, warnings, consensus=folders_consensus([folder]))


def folders_consensus(paths: Sequence[Path]) -> ConsensusFile | None:
    """The agreed stages of the folders among ``paths`` (one file per workshop folder)."""
    from cxmaturity.formats.consensus_file import read_consensus

    found = [c for p in paths if p.is_dir() and (c := read_consensus(p)) is not None]
    if not found:
        return None
    merged = found[0]
    for more in found[1:]:
        for agreed in more.agreed:
            merged = merged.with_agreed(agreed)
    return merged


def score_sets(
    loaded: LoadedQuestionnaire,
    answer_sets: list[AnswerSet],
    warnings: list[str],
    targets: Targets | None = None,
    consensus: ConsensusFile | None = None,
) -> Assessment:
    """Check and score answer sets: the one rule for who counts and what they score.

    ``score``, the reports and the workshop's projector all come through here, so they
    always agree on the respondents (files with no answer are dropped) and the figures.
    With a ``consensus``, the result uses its agreed stages and ``raw`` keeps the figures
    as answered.
    """
    errors: list[CxMaturityError] = []
    for answer_set in answer_sets:
        try:
            check_answers(loaded, answer_set, warnings)
        except CxMaturityError as exc:
            errors.append(exc)
    _raise_if(errors)
    answer_sets = _without_empty(answer_sets, warnings)
    if consensus is not None:
        _check_consensus(loaded, consensus)
    if consensus is None or not consensus.agreed:
        result = score(loaded, answer_sets, warnings)
        if targets is not None:
            result = apply_targets(result, targets)
        return Assessment(loaded, tuple(answer_sets), result, consensus=consensus)
    raw = score(loaded, answer_sets, list(warnings))
    # Facts take the agreed value as the department's one value (scoring rule 8).
    agreed = {(a.department, a.question): Stage(a.stage) for a in consensus.agreed}
    by_department: dict[str, dict[str, Stage]] = {}
    for (department, question), stage in agreed.items():
        by_department.setdefault(department, {})[question] = stage
    result = score(loaded, agreed_sets(answer_sets, consensus), warnings, by_department)
    if targets is not None:
        raw, result = apply_targets(raw, targets), apply_targets(result, targets)
    return Assessment(loaded, tuple(answer_sets), result, raw, consensus)


def _check_consensus(loaded: LoadedQuestionnaire, consensus: ConsensusFile) -> None:
    ref = consensus.questionnaire
    if ref.id != loaded.model.id:
        raise MismatchError(
            f"the consensus file is for questionnaire {ref.id!r}, not {loaded.model.id!r}; "
            "use --raw to score without it"
        )


def _load_all(paths: Sequence[Path], warnings: list[str]) -> list[AnswerSet]:
    # A missing path is one more broken input: it is reported with the others, in one pass.
    missing: list[CxMaturityError] = [
        InputFileError("no such file or folder", path) for path in paths if not path.exists()
    ]
    present = [path for path in paths if path.exists()]
    sets, errors = read_answer_files(collect_paths(present), warnings)
    _raise_if(missing + errors)
    if not sets:
        raise NoAnswersError("no answer files found", ", ".join(str(p) for p in paths))
    return sets


def _without_empty(sets: list[AnswerSet], warnings: list[str]) -> list[AnswerSet]:
    """Files with no answer at all (a survey quit at its first screen) are no respondents."""
    kept: list[AnswerSet] = []
    empty: list[str] = []
    for answer_set in sets:
        # One pass: a membership test against `kept` made large folders quadratic.
        if any(a.status != "unanswered" for a in answer_set.file.answers.values()):
            kept.append(answer_set)
        else:
            empty.append(str(answer_set.path))
    if not kept:
        raise NoAnswersError("no answers in any answer file", ", ".join(empty))
    if empty:
        plural = "s" if len(empty) > 1 else ""
        names = ", ".join(empty)
        warnings.append(f"skipped {len(empty)} answer file{plural} with no answers: {names}")
    return kept


def _named(answer_sets: list[AnswerSet]) -> LoadedQuestionnaire:
    """The questionnaire the answers name; when none of that id ships, say how to give it."""
    ref = named_questionnaire(answer_sets)
    try:
        return load_questionnaire(ref)
    except NotFoundError as exc:
        raise NotFoundError(
            f"{exc.message}; the answers name questionnaire {ref!r}: give its file with -q FILE"
        ) from None


def named_questionnaire(answer_sets: list[AnswerSet]) -> str:
    """The questionnaire the answers name: the bundled version they were given on, when it
    ships and they all agree on it; otherwise its id (the newest version, with a warning)."""
    ids = sorted({s.file.questionnaire.id for s in answer_sets})
    if len(ids) > 1:
        raise MismatchError(
            f"the answer files name different questionnaires ({', '.join(ids)}); pick one with -q"
        )
    versions = {s.file.questionnaire.version for s in answer_sets}
    if len(versions) == 1:
        return ref_for(ids[0], versions.pop()) or ids[0]
    return ids[0]


def _raise_if(errors: list[CxMaturityError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ManyErrors(errors)
