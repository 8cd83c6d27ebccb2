"""The CSV column contract shared by ``export -f csv`` (writes it) and ``import-csv`` (reads it).

One row per respondent: the respondent columns, then one column per question headed by
its id or its exact text.
"""

from __future__ import annotations

import csv
import io
from typing import Literal

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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    chosen = q.questions if department is None else q.questions_for(department.id)
    writer.writerow([*RESPONDENT_COLUMNS, *(x.id if headers == "id" else x.text for x in chosen)])
    return out.getvalue()
