"""The one guard for every CSV the tool writes, headers included.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a tab or
carriage return) as a formula, so text from questionnaires and answers could run
commands on the reader's machine. Such text gets a leading apostrophe, which a
spreadsheet shows as text. A number is not a formula: ``-0.73`` is written as it is.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$")


def guard_cell(value: Any) -> Any:
    """A cell as it may be written: numbers as numbers, formula-like text made inert."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[Iterable[Any]]) -> str:
    """Rows (the first one the header) as CSV text, every cell guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([guard_cell(cell) for cell in row])
    return out.getvalue()
