"""The packs' view of the consensus round: what was agreed, what it moved, and agreement.

Built only when a consensus file was used, so a pack without a round is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from cxmaturity.core.consensus import ConsensusFile, Round
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.words.language import Language


@dataclass(frozen=True)
class AgreedRow:
    department: str
    question: str
    given: str
    """How the room answered (empty when the group is too small to show it)."""
    agreed: str
    reason: str


@dataclass(frozen=True)
class MovedRow:
    name: str
    raw: str
    agreed: str


@dataclass(frozen=True)
class AlphaRow:
    name: str
    respondents: int
    before: str
    after: str


@dataclass(frozen=True)
class ConsensusView:
    rows: tuple[AgreedRow, ...]
    moved: tuple[MovedRow, ...]
    agreement: tuple[AlphaRow, ...]


def consensus_view(
    raw: Result,
    result: Result,
    consensus: ConsensusFile,
    found: Round,
    q: Questionnaire,
    lang: Language,
) -> ConsensusView:
    departments = {d.id: d.name for d in q.departments}
    questions = {x.id: x.text for x in q.questions}
    rows = tuple(
        AgreedRow(
            departments.get(a.department, a.department),
            questions.get(a.question, a.question),
            _given(a.raw, lang)
            if found.respondents.get(a.department, 0) >= found.min_group
            else "",
            f"{a.stage} {lang.stage(Stage(a.stage))}",
            a.reason,
        )
        for a in consensus.agreed
    )
    before = {d.id: d.score for d in raw.departments}
    moved = [
        MovedRow(d.name, _score(before.get(d.id), lang), _score(d.score, lang))
        for d in result.departments
        if before.get(d.id) != d.score
    ]
    if raw.organisation.score != result.organisation.score:
        org = (raw.organisation.score, result.organisation.score)
        moved.append(MovedRow(lang.gettext("Organisation"), *(_score(s, lang) for s in org)))
    agreement = tuple(
        AlphaRow(a.name, a.respondents, _alpha(a.before, lang), _alpha(a.after, lang))
        for a in found.agreement
        if a.respondents >= found.min_group
    )
    return ConsensusView(rows, tuple(moved), agreement)


def _big_enough(found: Round, department: str) -> bool:
    return found.respondents.get(department, 0) >= found.min_group


def _given(counts: list[int], lang: Language) -> str:
    return ", ".join(f"{lang.stage(Stage(i + 1))} {n}" for i, n in enumerate(counts) if n)


def _score(value: float | None, lang: Language) -> str:
    return "–" if value is None else lang.decimal(value)


def _alpha(value: float | None, lang: Language) -> str:
    return "–" if value is None else lang.decimal(value)
