"""Reading a ``cxmaturity.scores/1`` file back, through the model that writes it
(``formats.scores_doc``): ``compare`` and ``report --baseline`` take it as one side.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.core.confidence import Interval
from cxmaturity.core.format_ids import SCORES_FORMAT
from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import expect_format, validate
from cxmaturity.formats.scores_doc import (
    DepartmentDimension,
    DepartmentScores,
    OrganisationDimension,
    ScoresFile,
    ScoresInterval,
)
from cxmaturity.formats.yamlio import read_document

if TYPE_CHECKING:
    # Only reading a scores file back needs the comparison; `score` writes one and is
    # timed from start-up, so it is imported where it is used.
    from cxmaturity.core.comparison import Scored, Snapshot


def read_scores(path: Path) -> Snapshot:
    """A ``scores.json`` as one side of a comparison, its figures checked against each other."""
    from cxmaturity.core.comparison import ORGANISATION, Area, Scored, Side, Snapshot

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
        Scored(ORGANISATION, "Organisation", org.score, _stage(org.stage), _interval(org.interval)),
        tuple(_scored(d) for d in org.dimensions),
    )
    departments = tuple(
        Area(_scored(d), tuple(_scored(x) for x in d.dimensions)) for d in data.departments
    )
    return Snapshot(side, organisation, departments)


def _scored(entry: OrganisationDimension | DepartmentDimension | DepartmentScores) -> Scored:
    from cxmaturity.core.comparison import Scored

    return Scored(entry.id, entry.name, entry.score, _stage(entry.stage), _interval(entry.interval))


def _interval(entry: ScoresInterval | None) -> Interval | None:
    return None if entry is None else Interval(entry.low, entry.high, entry.n)


def _stage(value: int | None) -> Stage | None:
    return None if value is None else Stage(value)
