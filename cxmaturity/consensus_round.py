"""The consensus round's use cases: what a folder has to settle, and recording a settlement.

``cxmaturity consensus`` and the workshop's projector both come through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from cxmaturity.api import assess, assess_folder
from cxmaturity.consensus import Round, empty, record, round_of
from cxmaturity.errors import UsageError
from cxmaturity.formats.consensus_file import read_consensus, write_consensus
from cxmaturity.inputs import AnswerSet, LoadedQuestionnaire


def folder_round(
    folder: Path, questionnaire: str | Path | None, min_group: int, language: str | None = None
) -> Round:
    """What the folder has to settle (and has settled), from its answers as given."""
    assessment = assess([folder], questionnaire, language=language, raw=True)
    loaded = assessment.questionnaire
    return round_of(loaded, assessment.answer_sets, read_consensus(folder), min_group)


def loaded_round(loaded: LoadedQuestionnaire, folder: Path, min_group: int) -> Round:
    """``folder_round`` for a questionnaire already loaded (the workshop's)."""
    assessment = assess_folder(loaded, folder, [])
    return round_of(loaded, assessment.answer_sets, read_consensus(folder), min_group)


def settle(
    loaded: LoadedQuestionnaire,
    folder: Path,
    answer_sets: Sequence[AnswerSet],
    pair: str,
    stage: int,
    reason: str,
    when: datetime,
) -> Path:
    """Record ``DEPARTMENT/QUESTION`` as agreed at ``stage``; returns the consensus file."""
    department, slash, question = pair.partition("/")
    if not slash or not department or not question:
        raise UsageError(f"--set takes DEPARTMENT/QUESTION=STAGE, not {pair!r}")
    current = read_consensus(folder) or empty(loaded.model)
    try:
        updated = record(
            current, loaded.model, answer_sets, department, question, stage, reason, when
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return write_consensus(folder, updated)


def settle_in_folder(
    folder: Path,
    questionnaire: str | Path | None,
    pair: str,
    stage: int,
    reason: str,
    when: datetime,
) -> Path:
    assessment = assess([folder], questionnaire, raw=True)
    loaded = assessment.questionnaire
    return settle(loaded, folder, assessment.answer_sets, pair, stage, reason, when)
