"""The facilitator's live figures: the folder scored as ``cxmaturity score`` scores it.

The answer files, as last saved, go through the same checks and the same scoring rule
as the command line, so the projector shows what is saved, and nothing is counted
that is not. Results are cached until the next answer arrives, and recomputed at most
once a second however many screens poll.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from cxmaturity.errors import CxMaturityError
from cxmaturity.formats.loading import check_answers
from cxmaturity.i18n import Language, language
from cxmaturity.inputs import AnswerSet
from cxmaturity.result import Result
from cxmaturity.scoring import score
from cxmaturity.web.state import Workshop

TOP_DISAGREEMENTS = 5
MIN_INTERVAL = 1.0
"""Seconds between two computations of the figures."""


def folder_result(workshop: Workshop) -> Result:
    """Score every answer file of the workshop, as the files on disk hold them.

    The workshop holds each file's content in memory exactly as it last saved it (a
    failed save is rolled back), so nothing is read back or parsed again here.
    """
    warnings: list[str] = []
    sets = [AnswerSet(m.session.path, m.file) for m in workshop.members]
    for answer_set in sets:
        check_answers(workshop.loaded, answer_set, warnings)
    return score(workshop.loaded, sets, warnings)


class LiveFigures:
    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self._lock = threading.Lock()
        self._seen = -1
        self._when = 0.0
        self._figures: dict[str, Any] = {}

    def current(self) -> dict[str, Any]:
        with self._lock:
            changes = self.workshop.changes
            fresh = time.monotonic() - self._when < MIN_INTERVAL
            if changes != self._seen and not (fresh and self._seen >= 0):
                self._figures = figures(self.workshop)
                self._seen = changes
                self._when = time.monotonic()
            # The switches are cheap and must show at once, even between computations.
            return {
                **self._figures,
                "joining_open": self.workshop.joining_open,
                "ended": self.workshop.ended,
            }


def _shown(value: float | None, lang: Language) -> str | None:
    return None if value is None else lang.decimal(value)


def figures(workshop: Workshop) -> dict[str, Any]:
    """Plain data for the page and its script: counts, heatmap, disagreements."""
    q = workshop.loaded.model
    lang = language(workshop.language)
    data: dict[str, Any] = {
        "version": workshop.changes,
        "joining_open": workshop.joining_open,
        "ended": workshop.ended,
        "people": _people(workshop),
        "dimensions": [d.name for d in q.dimensions],
        "rows": [],
        "disagreements": [],
        "problem": None,
    }
    try:
        result = folder_result(workshop)
    except CxMaturityError as exc:
        data["problem"] = str(exc)
        return data
    data["rows"] = _heatmap(result, workshop.show_stages, lang)
    data["disagreements"] = _disagreements(workshop, result)
    return data


def _people(workshop: Workshop) -> list[dict[str, Any]]:
    joined: dict[str, int] = {}
    finished: dict[str, int] = {}
    for member in workshop.members:
        department = member.session.respondent.department
        joined[department] = joined.get(department, 0) + 1
        finished[department] = finished.get(department, 0) + member.session.complete
    return [
        {"department": d.name, "joined": joined[d.id], "finished": finished[d.id]}
        for d in workshop.loaded.model.departments
        if d.id in joined
    ]


def _cell(value: float | None, stage: Any, show_stages: bool, lang: Language) -> dict[str, Any]:
    label = lang.stage(stage) if (stage is not None and show_stages) else ""
    return {"score": _shown(value, lang), "stage": int(stage) if stage else 0, "label": label}


def _heatmap(result: Result, show_stages: bool, lang: Language) -> list[dict[str, Any]]:
    rows = [
        {
            "name": dep.name,
            "respondents": dep.respondents,
            "cells": [_cell(d.score, d.stage, show_stages, lang) for d in dep.dimensions],
            "overall": _cell(dep.score, dep.stage, show_stages, lang),
        }
        for dep in result.departments
    ]
    if len(result.departments) > 1:
        org = result.organisation
        rows.append(
            {
                "name": lang.gettext("Organisation"),
                "respondents": len(result.respondents),
                "cells": [_cell(d.score, d.stage, show_stages, lang) for d in org.dimensions],
                "overall": _cell(org.score, org.stage, show_stages, lang),
            }
        )
    return rows


def _disagreements(workshop: Workshop, result: Result) -> list[dict[str, Any]]:
    q = workshop.loaded.model
    found = [
        (stats, dep) for dep in result.departments for stats in dep.questions if stats.disagreement
    ]
    found.sort(key=lambda pair: (-(pair[0].spread or 0), -pair[0].answered))
    return [
        {
            "question": question.text if (question := q.question(stats.question_id)) else "",
            "department": dep.name,
            "spread": stats.spread,
            "counts": list(stats.counts),
            "fact": stats.fact,
        }
        for stats, dep in found[:TOP_DISAGREEMENTS]
    ]
