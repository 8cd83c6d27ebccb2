"""Which form tool wrote an export, and what its rows and metadata columns are.

Each tool lays out its export its own way (the README's "Importing a form tool's export"
shows each):

- Google Forms (CSV): one header row of question titles after ``Timestamp`` and, when
  collected, ``Email Address``.
- Microsoft Forms (XLSX): one header row; ``ID``, ``Start time``, ``Completion time``,
  ``Email``, ``Name`` (and ``Last modified time``) before the questions.
- Qualtrics (CSV or TSV): three header rows (internal ids such as ``QID3`` or ``Q3``, the
  question text, then ``{"ImportId": ...}``) and a dozen metadata columns; ``Finished`` says
  whether the response was submitted, the ImportId row the zone of its dates.
- SurveyMonkey (CSV or XLSX): two header rows, the question text over ``Response`` (or
  over each choice, or ``Other (please specify)``), and nine metadata columns.
- cxmaturity's own answer workbook (``export --format xlsx``): question texts over an id
  row on each department's sheet.
- A plain CSV: ``name``, ``department``, ``role``, ``updated`` and question columns.

This module only finds the layout; matching headings to questions is the importer's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Literal

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.formats.folding import fold
from cxmaturity.formats.sheets import Row, Sheet
from cxmaturity.formats.stamps import zone

Tool = Literal["plain", "google", "microsoft", "qualtrics", "surveymonkey", "workbook"]
TOOLS: dict[str, str] = {
    "plain": "plain CSV",
    "google": "Google Forms",
    "microsoft": "Microsoft Forms",
    "qualtrics": "Qualtrics",
    "surveymonkey": "SurveyMonkey",
    "workbook": "cxmaturity answer workbook",
}
Role = Literal[
    "ignore", "started", "updated", "email", "name", "first", "last", "finished", "id", "status"
]
WORKBOOK_MARK = "cxmaturity answer workbook"
"""The first cell of the workbook's Instructions sheet, which tells its layout apart."""

# Each tool's own metadata headings (folded), and what each one is used for.
_GOOGLE_TIME = ("timestamp", "zeitstempel", "horodateur", "marca temporal")
"""Google's first heading, in the sheet owner's language (English, German, French, Spanish)."""
_GOOGLE: dict[str, Role] = {
    **dict.fromkeys(_GOOGLE_TIME, "updated"),
    "email address": "email",
    "email": "email",
    "e-mail-adresse": "email",
    "adresse e-mail": "email",
    "dirección de correo electrónico": "email",
    "score": "ignore",
    "punkte": "ignore",
    "points": "ignore",
    "puntuación": "ignore",
}
_MICROSOFT: dict[str, Role] = {
    "id": "id",
    "start time": "started",
    "completion time": "updated",
    "email": "email",
    "name": "name",
    "last modified time": "ignore",
    "total points": "ignore",
    "quiz feedback": "ignore",
    "grade posted time": "ignore",
}
_QUALTRICS: dict[str, Role] = {
    "startdate": "started",
    "enddate": "updated",
    "status": "status",
    "ipaddress": "ignore",
    "progress": "ignore",
    "duration (in seconds)": "ignore",
    "finished": "finished",
    "recordeddate": "ignore",
    "responseid": "id",
    "recipientlastname": "last",
    "recipientfirstname": "first",
    "recipientemail": "email",
    "externalreference": "ignore",
    "externaldatareference": "ignore",
    "locationlatitude": "ignore",
    "locationlongitude": "ignore",
    "distributionchannel": "ignore",
    "userlanguage": "ignore",
    "q_recaptchascore": "ignore",
    "q_relevantidduplicate": "ignore",
    "q_relevantidduplicatescore": "ignore",
    "q_relevantidfraudscore": "ignore",
    "q_relevantidlaststartdate": "ignore",
}
_SURVEYMONKEY: dict[str, Role] = {
    "respondent id": "id",
    "collector id": "ignore",
    "start date": "started",
    "end date": "updated",
    "ip address": "ignore",
    "email address": "email",
    "first name": "first",
    "last name": "last",
    "custom data": "ignore",
    "custom data 1": "ignore",
}
_ROLES: dict[str, dict[str, Role]] = {
    "google": _GOOGLE,
    "microsoft": _MICROSOFT,
    "qualtrics": _QUALTRICS,
    "surveymonkey": _SURVEYMONKEY,
}
TEST_RESPONSES = {
    "survey preview": "Survey Preview",
    "1": "Survey Preview",
    "survey test": "Survey Test",
    "2": "Survey Test",
    "spam": "Spam",
    "8": "Spam",
}
"""Qualtrics' Status values (text, or the numeric export's code) of responses that are not
a respondent's: the survey builder's previews and tests, and what Qualtrics flagged as spam."""
_SELECTED = " - Selected Choice"
"""Qualtrics' suffix on a question's heading when the question has an "Other" box."""
_SM_ANSWER = {"response", "open-ended response"}
"""SurveyMonkey's sub-headings over a column that holds the question's one answer."""


@dataclass
class Layout:
    """Where an export's headings and respondents are, and its metadata columns."""

    tool: str
    sheet: Sheet
    headings: list[str]
    """The heading of each column, as matched against questions (text, or ids)."""
    body: list[Row]
    alternates: list[str] = field(default_factory=list)
    """A second heading per column to try (Qualtrics' internal ids), or none."""
    roles: dict[int, Role] = field(default_factory=dict)
    skipped: dict[int, str] = field(default_factory=dict)
    """Columns left out on purpose, with why (SurveyMonkey's "Other" columns)."""
    zone: tzinfo | None = None
    """The zone the export states for its times."""
    department: str | None = None
    """The sheet's own department (a workbook's sheet name), when it has no column for it."""
    heading_line: int = 1
    """The row whose headings are matched, for errors about a column."""


def detect(sheet: Sheet, workbook: bool = False) -> str:
    """The tool that wrote this sheet, from its headings."""
    rows = sheet.rows
    first = [fold(c) for c in rows[0].cells] if rows else []
    third = rows[2].cells if len(rows) > 2 else []
    if workbook:
        return "workbook"
    if any(c.lstrip().startswith('{"ImportId"') for c in third) or {
        "responseid",
        "finished",
    } <= set(first):
        return "qualtrics"
    if {"respondent id", "collector id"} <= set(first):
        return "surveymonkey"
    if {"id", "start time", "completion time"} <= set(first):
        return "microsoft"
    if first[:1] and first[0] in _GOOGLE_TIME:
        return "google"
    return "plain"


def layout(sheet: Sheet, tool: str) -> Layout:
    """The sheet read the way ``tool`` writes its exports."""
    rows = sheet.rows
    if not rows:
        raise InvalidFileError("the file has no header row", sheet.path, 1)
    if tool == "qualtrics":
        return _qualtrics(sheet)
    if tool == "surveymonkey":
        return _surveymonkey(sheet)
    if tool == "workbook":
        return Layout(tool, sheet, _cells(rows, 1), rows[2:], heading_line=2)
    found = Layout(tool, sheet, list(rows[0].cells), rows[1:])
    own = _ROLES.get(tool, {})
    found.roles = {i: own[fold(h)] for i, h in enumerate(found.headings) if fold(h) in own}
    return found


def _cells(rows: Sequence[Row], index: int) -> list[str]:
    return list(rows[index].cells) if len(rows) > index else []


def _qualtrics(sheet: Sheet) -> Layout:
    rows = sheet.rows
    ids, texts, imports = _cells(rows, 0), _cells(rows, 1), _cells(rows, 2)
    has_import_row = any(c.lstrip().startswith('{"ImportId"') for c in imports)
    found = Layout(
        "qualtrics", sheet, texts, rows[3 if has_import_row else 2 :], ids, heading_line=2
    )
    for index, key in enumerate(fold(h) for h in ids):
        if key in _QUALTRICS:
            found.roles[index] = _QUALTRICS[key]
        elif key.endswith("_text"):
            # The text typed into a choice's "Other" box: not a stage answer.
            found.skipped[index] = repr(ids[index])
        elif index < len(texts) and texts[index].endswith(_SELECTED):
            found.headings[index] = texts[index][: -len(_SELECTED)]
    found.zone = _import_zone(imports)
    return found


def _import_zone(cells: Sequence[str]) -> tzinfo | None:
    # {"ImportId":"startDate","timeZone":"America/Denver"}: the zone of the dates.
    for cell in cells:
        try:
            data = json.loads(cell)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("timeZone"), str):
            try:
                return zone(data["timeZone"])
            except ValueError:
                return None
    return None


def _surveymonkey(sheet: Sheet) -> Layout:
    rows = sheet.rows
    titles, subs = _cells(rows, 0), _cells(rows, 1)
    found = Layout("surveymonkey", sheet, list(titles), rows[2:])
    current = ""
    for index, title in enumerate(titles):
        key = fold(title)
        sub = subs[index] if index < len(subs) else ""
        if key in _SURVEYMONKEY:
            found.roles[index] = _SURVEYMONKEY[key]
            continue
        current = title if title.strip() else current
        if sub.strip() and fold(sub) not in _SM_ANSWER:
            # A choice's own column, or "Other (please specify)": not a stage answer.
            found.skipped[index] = f"{current.strip()!r} / {sub.strip()!r}"
            found.headings[index] = ""
        elif not title.strip():
            found.headings[index] = current
    return found
