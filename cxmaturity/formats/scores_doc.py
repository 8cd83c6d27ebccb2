"""The ``cxmaturity.scores/1`` format: one model that writes it and gives its schema.

``score --format json`` writes it (what CI consumes); ``formats.scores`` reads it back,
through the same model, as one side of a comparison; ``schema scores`` prints the JSON
Schema of the model. Targets and gaps are written only when the scores were aimed at
targets. Nothing here reads a file, so the renderers may write the format.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_serializer,
    model_validator,
)

from cxmaturity.core.answer_file import Timestamp, iso_stamp
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.confidence import Interval
from cxmaturity.core.consensus import ConsensusFile
from cxmaturity.core.evidence import Claims
from cxmaturity.core.facts import StageCap
from cxmaturity.core.format_ids import SCORES_FORMAT, ScoresId
from cxmaturity.core.result import DimensionResult, Result
from cxmaturity.core.stages import Stage, stage_of

StageNumber = Annotated[int, Field(ge=1, le=6)]
# A score is a mean of answers on the 1-6 scale, so anything outside it (99.0, 1e30, inf,
# NaN) is a forged or broken baseline; refused before any sum or rounding is tried on it.
ScoreValue = Annotated[float, Field(ge=1, le=6, allow_inf_nan=False)]
# A spread is the distance between two scores.
SpreadValue = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False)]
GapValue = Annotated[int, Field(ge=-5, le=5)]
Reason = Literal["not asked", "too few answers"]
Count = Annotated[int, Field(ge=0, le=1_000_000_000)]


# A scores file is read like any other: control characters and escape sequences in its
# text never reach a terminal (a name could otherwise retitle the window or clear it).
Shown = Annotated[str, AfterValidator(clean_line)]


class _Model(BaseModel):
    # Unknown keys are ignored, not refused: the format grows additively, and a baseline
    # written by a newer version must still be readable as a baseline. Deferred, as in
    # ``model``: nested models are built inside their parent on first use.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True, defer_build=True)


class _Figure(_Model):
    """A score and its stage; each subclass declares them where they go in the file."""

    @model_validator(mode="after")
    def _stage_matches_score(self) -> _Figure:
        # A hand-edited baseline would otherwise show stage movements that never happened.
        score, stage = getattr(self, "score", None), getattr(self, "stage", None)
        expected = stage_of(score)
        # A stage held back by a foundation names the stage its score alone would give.
        capped = getattr(self, "capped_from", None)
        if capped is not None and stage is not None and capped > stage:
            stage = capped
        if (int(expected) if expected else None) != stage:
            raise ValueError(f"stage {stage} does not match score {score}")
        return self


class ScoresInterval(_Model):
    """A 95% interval of a score over ``n`` values (see ``confidence``)."""

    low: ScoreValue
    high: ScoreValue
    n: Count


class OrganisationDimension(_Figure):
    """A dimension across departments: its spread is between departments."""

    id: Shown
    name: Shown
    departments: Count = 0
    score: ScoreValue | None
    stage: StageNumber | None
    stage_name: str | None = None
    interval: ScoresInterval | None = None
    """None with fewer than two values; always written, so "no interval" is told from an
    older file without the field."""
    borderline: bool = False
    spread: SpreadValue | None = None
    target: StageNumber | None = None
    gap: GapValue | None = None
    reason: Reason | None = None
    """Why there is no score: nothing was asked there, or too few answered."""


class DepartmentDimension(_Figure):
    id: Shown
    name: Shown
    respondents: Count = 0
    score: ScoreValue | None
    stage: StageNumber | None
    stage_name: str | None = None
    interval: ScoresInterval | None = None
    borderline: bool = False
    spread: SpreadValue | None = None
    disagreement: bool = False
    target: StageNumber | None = None
    gap: GapValue | None = None
    reason: Reason | None = None
    """Why there is no score: nothing was asked there, or too few answered."""


class OrganisationScores(_Figure):
    score: ScoreValue | None
    stage: StageNumber | None
    stage_name: str | None = None
    interval: ScoresInterval | None = None
    borderline: bool = False
    capped_from: StageNumber | None = None
    """Written only when a foundation dimension holds ``stage`` below the score's stage."""
    target: StageNumber | None = None
    gap: GapValue | None = None
    dimensions: list[OrganisationDimension]


class DepartmentScores(_Figure):
    id: Shown
    name: Shown
    respondents: Count = 0
    score: ScoreValue | None
    stage: StageNumber | None
    stage_name: str | None = None
    interval: ScoresInterval | None = None
    borderline: bool = False
    capped_from: StageNumber | None = None
    """Written only when a foundation dimension holds ``stage`` below the score's stage."""
    target: StageNumber | None = None
    gap: GapValue | None = None
    dimensions: list[DepartmentDimension]


class ScoresQuestionnaire(_Model):
    id: Shown
    version: Shown
    sha256: str | None = None


class AgreedAnswer(_Model):
    """One answer the consensus round settled, with how the room had answered it."""

    department: Shown
    question: Shown
    raw: list[int]
    """How many gave each stage, Ignore to Embed."""
    agreed: StageNumber
    reason: Shown


class RawFigure(_Model):
    """A department's (or the organisation's) score from the answers as given."""

    id: Shown
    score: float | None
    stage: StageNumber | None


class ConsensusScores(_Model):
    """The consensus round behind these figures: what was agreed, and the raw scores."""

    agreed: list[AgreedAnswer]
    raw: list[RawFigure]
    """The organisation (id ``organisation``) and each department, without the agreements."""


class EvidenceCounts(_Model):
    """Answers at Align or Embed, and how many carry evidence (some older than a year)."""

    claimed: int
    evidenced: int
    stale: int


class ScoresFile(_Model):
    """A ``cxmaturity.scores/1`` file: figures per organisation, department and dimension."""

    format: ScoresId
    questionnaire: ScoresQuestionnaire
    respondents: Count
    updated: Timestamp | None = None
    """The latest ``updated`` stamp of the answers: the date of the survey."""
    organisation: OrganisationScores
    departments: list[DepartmentScores]
    warnings: list[str] = Field(default_factory=list)
    consensus: ConsensusScores | None = None
    """Only when a consensus round's agreed stages were used."""
    evidence: EvidenceCounts | None = None
    """Only when some answer carries evidence."""

    @field_serializer("updated")
    def _stamp(self, moment: datetime | None) -> str | None:
        # Written like the answer files' stamps, so a scores file dates its survey the same way.
        return None if moment is None else iso_stamp(moment)


# ----------------------------------------------------------------------- writing


def scores_json(
    result: Result,
    with_targets: bool = False,
    raw: Result | None = None,
    consensus: ConsensusFile | None = None,
    claims: Claims | None = None,
) -> str:
    """The JSON text of a result's scores file, ordered as the questionnaire is; targets
    appear only when they were set, the consensus round and evidence only when there are."""
    scores = _scores_of(result, with_targets)
    if raw is not None and consensus is not None:
        scores = scores.model_copy(update={"consensus": _consensus(raw, consensus)})
    if claims is not None and claims.evidenced:
        counts = EvidenceCounts(
            claimed=claims.claimed, evidenced=claims.evidenced, stale=claims.stale
        )
        scores = scores.model_copy(update={"evidence": counts})
    data = scores.model_dump(exclude_unset=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _consensus(raw: Result, consensus: ConsensusFile) -> ConsensusScores:
    org = raw.organisation
    figures = [RawFigure(id="organisation", **_point(org.score, org.stage))]
    figures += [RawFigure(id=d.id, **_point(d.score, d.stage)) for d in raw.departments]
    agreed = [
        AgreedAnswer(
            department=a.department, question=a.question, raw=a.raw, agreed=a.stage, reason=a.reason
        )
        for a in consensus.agreed
    ]
    return ConsensusScores(agreed=agreed, raw=figures)


def _point(score: float | None, stage: Stage | None) -> dict[str, Any]:
    return {"score": score, "stage": None if stage is None else int(stage)}


def _scores_of(result: Result, with_targets: bool) -> ScoresFile:
    org = result.organisation
    q = result.questionnaire
    return ScoresFile(
        format=SCORES_FORMAT,
        questionnaire=ScoresQuestionnaire(id=q.id, version=q.version, sha256=q.sha256),
        respondents=len(result.respondents),
        updated=result.updated,
        organisation=OrganisationScores(
            **_figure(org.score, org.stage),
            **_capped(org.cap),
            **_sure(org.interval),
            **_aim(org.target, org.gap, with_targets),
            dimensions=[_org_dimension(d, with_targets) for d in org.dimensions],
        ),
        departments=[
            DepartmentScores(
                id=dep.id,
                name=dep.name,
                respondents=dep.respondents,
                **_figure(dep.score, dep.stage),
                **_capped(dep.cap),
                **_sure(dep.interval),
                **_aim(dep.target, dep.gap, with_targets),
                dimensions=[_dep_dimension(d, with_targets) for d in dep.dimensions],
            )
            for dep in result.departments
        ],
        warnings=list(result.warnings),
    )


def _figure(score: float | None, stage: Stage | None) -> dict[str, Any]:
    return {
        "score": score,
        "stage": None if stage is None else int(stage),
        "stage_name": None if stage is None else stage.label,
    }


def _capped(cap: StageCap | None) -> dict[str, Any]:
    return {} if cap is None else {"capped_from": int(cap.scored)}


def _sure(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"interval": None, "borderline": False}
    return {
        "interval": ScoresInterval(low=interval.low, high=interval.high, n=interval.n),
        "borderline": interval.borderline,
    }


def _aim(target: Stage | None, gap: int | None, with_targets: bool) -> dict[str, Any]:
    if not with_targets:
        return {}
    return {"target": None if target is None else int(target), "gap": gap}


def _org_dimension(dim: DimensionResult, with_targets: bool) -> OrganisationDimension:
    return OrganisationDimension(
        id=dim.id,
        name=dim.name,
        departments=dim.respondents,
        **_figure(dim.score, dim.stage),
        **_sure(dim.interval),
        spread=dim.spread,
        **_aim(dim.target, dim.gap, with_targets),
        **_why(dim),
    )


def _why(dim: DimensionResult) -> dict[str, Any]:
    # Written only where there is no score, so files with every score are unchanged.
    return {} if dim.reason is None else {"reason": dim.reason}


def _dep_dimension(dim: DimensionResult, with_targets: bool) -> DepartmentDimension:
    return DepartmentDimension(
        id=dim.id,
        name=dim.name,
        respondents=dim.respondents,
        **_figure(dim.score, dim.stage),
        **_sure(dim.interval),
        spread=dim.spread,
        disagreement=dim.disagreement,
        **_aim(dim.target, dim.gap, with_targets),
        **_why(dim),
    )
