"""The ``cxmaturity.comparison/1`` JSON format (``compare --format json``): one pydantic
model writes it (``comparison_json``) and gives its schema (``schema comparison``)."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.core.answer_file import iso_stamp
from cxmaturity.core.comparison import AreaChange, Change, Comparison, Scored, Side
from cxmaturity.core.format_ids import COMPARISON_FORMAT, ComparisonId
from cxmaturity.words.comparison import movement, one_sided


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideQuestionnaire(_Doc):
    id: str
    versions: list[str]
    sha256: str | None


class SideDoc(_Doc):
    source: str = Field(description="The folder or scores file the side was read from.")
    kind: Literal["answers", "scores"]
    date: str | None = Field(description="The latest `updated` stamp of the side's answers.")
    respondents: int
    questionnaire: SideQuestionnaire


class ScoredDoc(_Doc):
    score: float | None
    stage: int | None = Field(ge=1, le=6)
    stage_name: str | None = Field(description="The stage's English name.")


class ChangeDoc(_Doc):
    id: str
    name: str
    baseline: ScoredDoc | None = Field(description="Null when only the current side has it.")
    current: ScoredDoc | None = Field(description="Null when only the baseline has it.")
    delta: float | None = Field(description="Current minus baseline reported score.")
    stages_moved: int | None
    movement: str = Field(description="The stage movement in words.")
    # Written only when the comparison was aimed at targets.
    target: int | None = Field(default=None, ge=1, le=6)
    gap: int | None = Field(default=None, description="Whole stages still to climb.")


class AreaDoc(ChangeDoc):
    dimensions: list[ChangeDoc]


class ComparisonDoc(_Doc):
    """Progress between two surveys, ``cxmaturity compare --format json``."""

    format: ComparisonId
    baseline: SideDoc
    current: SideDoc
    organisation: AreaDoc
    departments: list[AreaDoc]
    only_in_baseline: list[str]
    only_in_current: list[str]
    warnings: list[str]


# ----------------------------------------------------------------------- writing


def _side_doc(side: Side) -> SideDoc:
    return SideDoc(
        source=side.label,
        kind=side.kind,
        date=None if side.updated is None else iso_stamp(side.updated),
        respondents=side.respondents,
        questionnaire=SideQuestionnaire(
            id=side.questionnaire_id, versions=list(side.versions), sha256=side.sha256
        ),
    )


def _scored_doc(scored: Scored | None) -> ScoredDoc | None:
    if scored is None:
        return None
    return ScoredDoc(
        score=scored.score,
        stage=int(scored.stage) if scored.stage else None,
        stage_name=scored.stage.label if scored.stage else None,
    )


def _change_fields(change: Change, with_targets: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": change.id,
        "name": change.name,
        "baseline": _scored_doc(change.baseline),
        "current": _scored_doc(change.current),
        "delta": change.delta,
        "stages_moved": change.stages_moved,
        "movement": movement(change),
    }
    if with_targets:
        # Set only with targets: an unset target and gap stay out of the file.
        fields |= {"target": int(change.target) if change.target else None, "gap": change.gap}
    return fields


def _area_doc(area: AreaChange, with_targets: bool) -> AreaDoc:
    return AreaDoc(
        **_change_fields(area.overall, with_targets),
        dimensions=[ChangeDoc(**_change_fields(d, with_targets)) for d in area.dimensions],
    )


def comparison_json(comparison: Comparison) -> str:
    """The JSON text of a comparison's ``cxmaturity.comparison/1`` document."""
    data = _document(comparison).model_dump(mode="json", exclude_unset=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _document(comparison: Comparison) -> ComparisonDoc:
    t = comparison.with_targets
    return ComparisonDoc(
        format=COMPARISON_FORMAT,
        baseline=_side_doc(comparison.baseline),
        current=_side_doc(comparison.current),
        organisation=_area_doc(comparison.organisation, t),
        departments=[_area_doc(area, t) for area in comparison.departments],
        only_in_baseline=list(one_sided(comparison, True)),
        only_in_current=list(one_sided(comparison, False)),
        warnings=list(comparison.warnings),
    )
