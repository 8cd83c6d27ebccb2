"""The facilitator's live figures: the folder scored by the use case ``cxmaturity score`` uses.

The answer files are read from disk and go through ``usecases.workshop``, the same
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

from cxmaturity.core.consensus import Round, round_of
from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.result import Result
from cxmaturity.usecases.answering import Member
from cxmaturity.usecases.workshop import KeptFiles, folder_assessment
from cxmaturity.web.state import Workshop
from cxmaturity.words.language import Language, language

TOP_DISAGREEMENTS = 5
MIN_INTERVAL = 0.5
"""Seconds between two computations of the figures."""
STALE_AFTER = 5.0
"""Seconds after which the folder is read again even if no phone answered."""


class LiveFigures:
    def __init__(self, workshop: Workshop) -> None:
        self.workshop = workshop
        self._lock = threading.Lock()
        self._seen = -1
        self._when = 0.0
        self._figures: dict[str, Any] = {}
        self._kept = KeptFiles()

    def refresh(self) -> None:
        """Recompute at the next look: the facilitator just changed what the figures show."""
        with self._lock:
            self._when = 0.0
            self._seen = -2

    def current(self) -> dict[str, Any]:
        with self._lock:
            changes = self.workshop.changes
            age = time.monotonic() - self._when
            due = changes != self._seen or age > STALE_AFTER
            if due and not (age < MIN_INTERVAL and self._seen >= 0):
                self._figures = _versioned(figures(self.workshop, self._kept))
                self._seen = changes
                self._when = time.monotonic()
            # The switches are cheap and must show at once, even between computations.
            workshop = self.workshop
            switches = (workshop.joining_open, workshop.ended, len(workshop.notices))
            return {
                **self._figures,
                "version": f"{self._figures['version']}-{'-'.join(map(str, switches))}",
                "joining_open": workshop.joining_open,
                "ended": workshop.ended,
                "notices": list(workshop.notices),
            }


def _versioned(data: dict[str, Any]) -> dict[str, Any]:
    # The page redraws when this changes: after a phone's answer, and after a file
    # changed by a terminal survey, which no counter here sees.
    text = json.dumps({**data, "version": None}, sort_keys=True, default=str)
    return {**data, "version": hashlib.sha256(text.encode()).hexdigest()[:16]}


def _shown(value: float | None, lang: Language) -> str | None:
    return None if value is None else lang.decimal(value)


def figures(workshop: Workshop, kept: KeptFiles | None = None) -> dict[str, Any]:
    """Plain data for the page and its script: counts, heatmap, disagreements."""
    q = workshop.loaded.model
    lang = language(workshop.language)
    data: dict[str, Any] = {
        "version": workshop.changes,
        "joining_open": workshop.joining_open,
        "ended": workshop.ended,
        "people": _people(workshop),
        "members": members(workshop),
        "dimensions": [d.name for d in q.dimensions],
        "rows": [],
        "disagreements": [],
        "settled": 0,
        "problem": None,
        "notices": list(workshop.notices),
    }
    try:
        assessment = folder_assessment(workshop.loaded, workshop.folder, kept)
    except CxMaturityError as exc:
        data["problem"] = str(exc)
        return data
    if assessment is None:
        data["rows"] = _heatmap(workshop, None, lang)
        return data
    result = assessment.result
    data["rows"] = _heatmap(workshop, result, lang)
    sets, agreed = assessment.answer_sets, assessment.consensus
    found = round_of(workshop.loaded, sets, agreed, workshop.min_group, with_alpha=False)
    data["disagreements"] = _disagreements(workshop, found)
    data["settled"] = len(found.splits) - len(found.open)
    return data


def state_of(member: Member) -> str:
    """joined (nothing answered yet), answering, or finished."""
    session = member.session
    if session.complete:
        return "finished"
    return "answering" if session.answered else "joined"


def _people(workshop: Workshop) -> list[dict[str, Any]]:
    """Per department, people counted apart: joined only, answering, finished."""
    counts: dict[str, dict[str, int]] = {}
    for member in workshop.members:
        department = member.session.respondent.department
        found = counts.setdefault(department, {"joined": 0, "answering": 0, "finished": 0})
        found[state_of(member)] += 1
    return [
        {"id": d.id, "department": d.name, **counts[d.id], "total": sum(counts[d.id].values())}
        for d in workshop.loaded.model.departments
        if d.id in counts
    ]


def members(workshop: Workshop) -> list[dict[str, Any]]:
    """Who joined, for the facilitator's list (never shown on the projector's figures)."""
    names = {d.id: d.name for d in workshop.loaded.model.departments}
    return [
        {
            "id": m.session.path.name,
            "name": m.session.respondent.name,
            "department": names.get(m.session.respondent.department, ""),
            "state": state_of(m),
            "answered": m.session.answered,
            "total": m.session.total,
        }
        for m in sorted(workshop.members, key=lambda m: m.session.respondent.name.casefold())
    ]


def _cell(value: float | None, stage: Any, show_stages: bool, lang: Language) -> dict[str, Any]:
    label = lang.stage(stage) if (stage is not None and show_stages) else ""
    shown = _shown(value, lang)
    return {"score": shown, "stage": int(stage) if stage else 0, "label": label, "asked": True}


_NOT_ASKED = {"score": None, "stage": 0, "label": "", "asked": False}


def _heatmap(workshop: Workshop, result: Result | None, lang: Language) -> list[dict[str, Any]]:
    """A row per department with respondents or people in the room, then the organisation."""
    show, q = workshop.show_stages, workshop.loaded.model
    people = {row["id"]: row for row in _people(workshop)}
    scored = {dep.id: dep for dep in result.departments} if result else {}
    rows = []
    for department in q.departments:
        dep = scored.get(department.id)
        if dep is None and department.id not in people:
            continue
        asked = {x.dimension for x in q.questions_for(department.id)}
        figures = {d.id: d for d in dep.dimensions} if dep else {}
        cells = [
            _NOT_ASKED
            if d.id not in asked
            else _cell(f.score, f.stage, show, lang)
            if (f := figures.get(d.id))
            else _cell(None, None, show, lang)
            for d in q.dimensions
        ]
        rows.append(
            {
                "name": department.name,
                "respondents": dep.respondents if dep else 0,
                "cells": cells,
                "overall": _cell(
                    dep.score if dep else None, dep.stage if dep else None, show, lang
                ),
                "people": people.get(department.id),
                "organisation": False,
            }
        )
    if result is not None and len(result.departments) > 1:
        org = result.organisation
        rows.append(
            {
                "name": lang.gettext("Organisation"),
                "respondents": len(result.respondents),
                "cells": [_cell(d.score, d.stage, show, lang) for d in org.dimensions],
                "overall": _cell(org.score, org.stage, show, lang),
                "people": None,
                "organisation": True,
            }
        )
    return rows


def _disagreements(workshop: Workshop, found: Round) -> list[dict[str, Any]]:
    """The widest splits still to settle, then how many are settled."""
    names = {d.id: d.name for d in workshop.loaded.model.departments}
    return [
        {
            "question": split.question.text,
            "question_id": split.question.id,
            "department": names.get(split.department, split.department),
            "department_id": split.department,
            "spread": split.spread,
            "fact": split.question.is_fact,
            "counts": list(split.counts) if found.shown(split) else None,
        }
        for split in found.open[:TOP_DISAGREEMENTS]
    ]
