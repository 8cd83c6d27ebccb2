"""``export --format xlsx``: an answer-entry workbook that ``import`` reads back.

For a client who collects answers in Excel rather than in a form tool: an Instructions
sheet first (its first cell marks the layout, so ``import`` knows it), then one sheet per
department named after it, each with the question texts over an id row and a drop-down of
the options in every answer cell. The options live on a hidden sheet, as Excel's list
validation holds at most 255 characters inline. Every text is written as text: a question
starting with ``=`` stays a question, never a formula.
"""

from __future__ import annotations

import io
import re
from typing import Any

from cxmaturity.core.model import Department, Questionnaire
from cxmaturity.formats.formtools import WORKBOOK_MARK

ENTRY_ROWS = 200
"""Rows with drop-downs on each department's sheet: room for a large department."""
DONT_KNOW, NOT_APPLICABLE = "Don't know", "Not applicable"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def sheet_name(department: Department, taken: set[str]) -> str:
    """Excel's sheet names are at most 31 characters without ``[]:*?/\\``; the import
    finds the department again from its name, or its id when the name does not fit."""
    for candidate in (department.name, department.id):
        name = _SHEET_FORBIDDEN.sub(" ", candidate).strip()[:31]
        if name == candidate and name.casefold() not in taken and name != "Instructions":
            taken.add(name.casefold())
            return name
    raise ValueError(f"department {department.id!r} has no name Excel takes for a sheet")


def answer_workbook(q: Questionnaire, department: Department | None = None) -> bytes:
    """The workbook's bytes: instructions, one entry sheet per department, the lists."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, **_OPTIONS})
    styles = _styles(book)
    chosen = q.departments if department is None else [department]
    intro = book.add_worksheet("Instructions")
    lists = book.add_worksheet("Lists")
    taken: set[str] = set()
    names = [(d, sheet_name(d, taken)) for d in chosen]
    _instructions(intro, q, names, styles)
    ranges = _lists(lists, q)
    for dep, name in names:
        _entry_sheet(book.add_worksheet(name), q, dep, ranges, styles)
    lists.hide()
    intro.activate()
    book.close()
    return out.getvalue()


def _styles(book: Any) -> dict[str, Any]:
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "head": book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4", "border": 1}
        ),
        "id": book.add_format({"font_color": "#808080", "font_size": 8, "bg_color": "#F4F4F4"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "entry": book.add_format({"text_wrap": True, "valign": "top", "border": 1}),
    }


def _instructions(ws: Any, q: Questionnaire, names: list[tuple[Department, str]], st: Any) -> None:
    lines = [
        f"{q.title} (questionnaire {q.id}, version {q.version})",
        "",
        "How to fill this workbook in:",
        "1. Each department has its own sheet. Write one person per row, from row 3 on.",
        "2. Name is needed; role is optional.",
        "3. For each question, pick the statement that fits best from the cell's list.",
        f"   Pick '{DONT_KNOW}' when unsure, '{NOT_APPLICABLE}' when it does not apply,",
        "   or leave the cell blank.",
        "4. Keep the grey id row (row 2) and the sheet names as they are: the import",
        "   reads them to know which question and department each answer is for.",
        f"5. Read it back with: cxmaturity import THIS.xlsx -q {q.id} --out-dir answers/",
        "",
        "Sheets:",
        *(
            f"   {name}: {dep.name} ({len(q.questions_for(dep.id))} questions)"
            for dep, name in names
        ),
    ]
    ws.write_string(0, 0, WORKBOOK_MARK, st["title"])
    for row, text in enumerate(lines, start=1):
        ws.write_string(row, 0, text)
    ws.set_column(0, 0, 100)


def _lists(ws: Any, q: Questionnaire) -> dict[str, str]:
    """Each question's choices in a column of the hidden sheet; the range to validate by."""
    ranges: dict[str, str] = {}
    for col, question in enumerate(q.questions):
        choices = [*question.options, DONT_KNOW, NOT_APPLICABLE]
        for row, text in enumerate(choices):
            ws.write_string(row, col, text)
        letter = _column(col)
        ranges[question.id] = f"=Lists!${letter}$1:${letter}${len(choices)}"
    return ranges


def _column(index: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(index))


def _entry_sheet(
    ws: Any, q: Questionnaire, dep: Department, ranges: dict[str, str], st: Any
) -> None:
    questions = q.questions_for(dep.id)
    heads = ["Name", "Role", *(x.text for x in questions)]
    ids = ["name", "role", *(x.id for x in questions)]
    for col, (head, ident) in enumerate(zip(heads, ids, strict=True)):
        ws.write_string(0, col, head, st["head"])
        ws.write_string(1, col, ident, st["id"])
    ws.set_row(0, 90)
    ws.set_column(0, 1, 22)
    ws.set_column(2, len(heads) - 1, 34, st["entry"])
    last = 1 + ENTRY_ROWS
    for col, question in enumerate(questions, start=2):
        ws.data_validation(
            2,
            col,
            last,
            col,
            {
                "validate": "list",
                "source": ranges[question.id],
                "error_type": "warning",
                "error_title": "Not one of the statements",
                "error_message": "Pick a statement from the list, or leave the cell blank.",
            },
        )
    ws.freeze_panes(2, 1)
