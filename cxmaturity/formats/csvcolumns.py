"""The CSV template ``export -f csv`` writes for ``import`` (``importcolumns`` reads it).

One row per respondent: the respondent columns, then one column per question headed by
its id or its exact text.
"""

from __future__ import annotations

from typing import Literal

from cxmaturity.core.model import Department, Questionnaire
from cxmaturity.formats.csvcells import write_csv

Headers = Literal["id", "text"]
RESPONDENT_COLUMNS = ("name", "department", "role")
"""The columns a template starts with, in this order."""


def template_csv(
    q: Questionnaire, department: Department | None = None, headers: Headers = "id"
) -> str:
    """The header row ``import`` expects: respondent columns, then one per question."""
    chosen = q.questions if department is None else q.questions_for(department.id)
    names = [x.id if headers == "id" else x.text for x in chosen]
    return write_csv([[*RESPONDENT_COLUMNS, *names]])
