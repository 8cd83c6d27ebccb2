"""The facilitator's live figures: the folder scored by the use case ``cxmaturity score`` uses.

The answer files are read from disk and go through ``api.assess_folder``, the same
checks, the same rule for who counts (a file with no answer is no respondent) and the
same scoring as the command line, so the projector shows what ``score`` would. Results
are cached until the next answer arrives (or a few seconds pass, for files written by
a terminal survey), and recomputed at most once a second however many screens poll.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from typing import Any

from cxmaturity.api import assess_folder
from cxmaturity.errors import CxMaturityError, NoAnswersError
from cxmaturity.i18n import Language, language
from cxmaturity.result import Result
from cxmaturity.web.state import Workshop

TOP_DISAGREEMENTS = 5
MIN_INTERVAL = 1.0
"""Seconds between two computations of the figures."""
STALE_AFTER = 5.0
"""Seconds after which the folder is read again even if no phone answered."""


def folder_result(workshop: Workshop) -> Result | None:
    """The workshop folder scored as ``cxmaturity score DIR`` scores it; None before any answer."""
    try:
        return assess_folder(workshop.loaded, workshop.folder, []).result
    except NoAnswersError:
        return None


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
            age = time.monotonic() - self._when
            due = changes != self._seen or age > STALE_AFTER
            if due and not (age < MIN_INTERVAL and self._seen >= 0):
                self._figures = _versioned(figures(self.workshop))
                self._seen = changes
                self._when = time.monotonic()
            # The switches are cheap and must show at once, even between computations.
            return {
                **self._figures,
                "joining_open": self.workshop.joining_open,
                "ended": self.workshop.ended,
                "notices": list(self.workshop.notices),
            }


def _versioned(data: dict[str, Any]) -> dict[str, Any]:
    # The page redraws when this changes: after a phone's answer, and after a file
    # changed by a terminal survey, which no counter here sees.
    text = json.dumps({**data, "version": None}, sort_keys=True, default=str)
    return {**data, "version": hashlib.sha256(text.encode()).hexdigest()[:16]}


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
        "notices": list(workshop.notices),
    }
    try:
        result = folder_result(workshop)
    except CxMaturityError as exc:
        data["problem"] = str(exc)
        return data
    if result is None:
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
        }
        for stats, dep in found[:TOP_DISAGREEMENTS]
    ]
