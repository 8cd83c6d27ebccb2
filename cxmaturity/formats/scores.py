"""Reading ``cxmaturity.scores/1`` files back: a saved baseline as a comparison ``Snapshot``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cxmaturity.comparison import ORGANISATION, Area, Scored, Side, Snapshot
from cxmaturity.formats.loading import expect_format, validate
from cxmaturity.formats.yamlio import read_document
from cxmaturity.model import SCORES_FORMAT, Timestamp
from cxmaturity.stages import Stage, stage_of


class _Read(BaseModel):
    # Unknown keys are ignored, not refused: the scores format grows additively, and a
    # baseline written by a newer version must still be readable as a baseline.
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class _Figure(_Read):
    score: float | None
    stage: Annotated[int, Field(ge=1, le=6)] | None

    @model_validator(mode="after")
    def _stage_matches_score(self) -> _Figure:
        # A hand-edited baseline would otherwise show stage movements that never happened.
        expected = stage_of(self.score)
        if (int(expected) if expected else None) != self.stage:
            raise ValueError(f"stage {self.stage} does not match score {self.score}")
        return self


class ScoredEntry(_Figure):
    id: str
    name: str


class DepartmentScores(ScoredEntry):
    dimensions: list[ScoredEntry]


class OrganisationScores(_Figure):
    dimensions: list[ScoredEntry]


class ScoresQuestionnaire(_Read):
    id: str
    version: str
    sha256: str | None = None


class ScoresFile(_Read):
    """What ``compare`` needs from a ``cxmaturity.scores/1`` file."""

    format: Literal["cxmaturity.scores/1"]
    questionnaire: ScoresQuestionnaire
    respondents: int
    updated: Timestamp | None = None
    organisation: OrganisationScores
    departments: list[DepartmentScores]


def read_scores(path: Path) -> Snapshot:
    """A ``scores.json`` as one side of a comparison, its figures checked against each other."""
    doc = read_document(path)
    expect_format(doc, SCORES_FORMAT)
    data = validate(doc, ScoresFile)
    side = Side(
        label=str(path),
        kind="scores",
        questionnaire_id=data.questionnaire.id,
        versions=(data.questionnaire.version,),
        sha256=data.questionnaire.sha256,
        updated=data.updated,
        respondents=data.respondents,
    )
    org = data.organisation
    organisation = Area(
        Scored(ORGANISATION, "Organisation", org.score, _stage(org.stage)),
        tuple(_entry(d) for d in org.dimensions),
    )
    departments = tuple(
        Area(_entry(d), tuple(_entry(x) for x in d.dimensions)) for d in data.departments
    )
    return Snapshot(side, organisation, departments)


def _entry(entry: ScoredEntry) -> Scored:
    return Scored(entry.id, entry.name, entry.score, _stage(entry.stage))


def _stage(value: int | None) -> Stage | None:
    return None if value is None else Stage(value)
