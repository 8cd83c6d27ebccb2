"""The consensus round's use cases: what a folder has to settle, and recording a settlement.

``cxmaturity consensus`` and the workshop's projector both come through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cxmaturity.core.consensus import Agreed, Round, empty, record, round_of
from cxmaturity.core.errors import UsageError
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.result import Result
from cxmaturity.formats.consensus_file import read_consensus, write_consensus
from cxmaturity.formats.respondent_file import utc_now
from cxmaturity.usecases.assessment import Assessment, assess


def folder_round(
    folder: Path, questionnaire: str | Path | None, min_group: int, language: str | None = None
) -> Round:
    """What the folder has to settle (and has settled), from its answers as given."""
    assessment = assess([folder], questionnaire, language=language, raw=True)
    loaded = assessment.questionnaire
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


def agreed_in(folder: Path, department: str, question: str) -> Agreed | None:
    """What the room agreed for ``department``'s ``question``, if it has yet."""
    consensus = read_consensus(folder)
    return consensus.find(department, question) if consensus else None


def settle_in_folder(
    folder: Path, questionnaire: str | Path | None, pair: str, stage: int, reason: str
) -> Path:
    """``consensus --set``: record what the room agreed, stamped now."""
    assessment = assess([folder], questionnaire, raw=True)
    loaded = assessment.questionnaire
    return settle(loaded, folder, assessment.answer_sets, pair, stage, reason, utc_now())


# -- what the packs show -------------------------------------------------------------


def claims_view(assessment: Assessment, today: date) -> Any:
    """Align and Embed claims against their evidence; None while no answer has any."""
    from cxmaturity.core.evidence import claims

    found = claims(assessment.answer_sets, today)
    return found if found.evidenced else None


def consensus_view(assessment: Assessment, result: Result, min_group: int, lang: Any) -> Any:
    """What the packs show of the consensus round; None when none was used."""
    if assessment.raw is None or assessment.consensus is None:
        return None
    from cxmaturity.render.consensus_pack import consensus_view as view

    loaded = assessment.questionnaire
    found = round_of(loaded, assessment.answer_sets, assessment.consensus, min_group)
    raw = assessment.raw
    return view(raw, result, assessment.consensus, found, loaded.model, lang)
