"""The CSV column contract shared by ``export -f csv`` (writes it) and ``import-csv`` (reads it).

One row per respondent: the respondent columns, then one column per question headed by
its id or its exact text.
"""

from __future__ import annotations

from typing import Literal

from cxmaturity.formats.csvcells import write_csv
from cxmaturity.model import Department, Questionnaire

Headers = Literal["id", "text"]
RESPONDENT_COLUMNS = ("name", "department", "role")
"""The columns a template starts with, in this order."""
META_COLUMNS = (*RESPONDENT_COLUMNS, "updated")
"""Every respondent column ``import-csv`` reads; ``role`` and ``updated`` are optional."""
REQUIRED_COLUMNS = ("name", "department")
META_ALIASES = {"timestamp": "updated"}
"""Headings form tools write for a respondent column."""


def template_csv(
    q: Questionnaire, department: Department | None = None, headers: Headers = "id"
) -> str:
    """The header row ``import-csv`` expects: respondent columns, then one per question."""
    chosen = q.questions if department is None else q.questions_for(department.id)
    names = [x.id if headers == "id" else x.text for x in chosen]
    return write_csv([[*RESPONDENT_COLUMNS, *names]])
