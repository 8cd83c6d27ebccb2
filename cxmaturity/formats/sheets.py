"""Read a form tool's export, CSV, TSV or XLSX, as rows of text cells with their places.

Every export comes through here: the bytes under the one input rule, then the rows. A CSV
keeps the line each record starts on; a workbook the row number of its sheet. Cells are
text as the tool showed them: a whole number is ``4`` (not ``4.0``), a date and time is
ISO 8601 without a zone (the export's zone is the caller's to know).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from cxmaturity.core.errors import InvalidFileError, SyntaxProblem
from cxmaturity.formats.reading import decode_utf8, read_input

MAX_BYTES = 64 * 1024 * 1024
"""An export of a few thousand respondents, each cell an option's full text, is tens of MB."""
MAX_UNZIPPED = 512 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 2_000
XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Row:
    line: int
    """The CSV line the record starts on, or the sheet's row number."""
    cells: list[str]


@dataclass(frozen=True)
class Sheet:
    path: Path
    """Where errors point: the file, or ``file.xlsx#Sheet`` for a workbook's sheet."""
    name: str | None
    rows: list[Row]


def read_sheets(path: Path) -> list[Sheet]:
    """The file's sheets: one for CSV and TSV, every visible sheet of a workbook.

    A zip that is not a workbook is a tool's download (Google Forms and SurveyMonkey hand
    out their export zipped): the one export inside it is read.
    """
    raw = read_input(path, MAX_BYTES)
    if raw.startswith(XLSX_MAGIC):
        raw, path = _unzipped(raw, path)
    if raw.startswith(XLSX_MAGIC):
        return _workbook(raw, path)
    return [Sheet(path, None, list(_records(_decode(raw, path), path)))]


def _unzipped(raw: bytes, path: Path) -> tuple[bytes, Path]:
    """A workbook as it is; the one CSV, TSV or XLSX inside any other zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                return raw, path
            inside = [
                info
                for info in archive.infolist()
                if not info.is_dir() and info.filename.lower().endswith((".csv", ".tsv", ".xlsx"))
            ]
            if len(inside) != 1:
                found = ", ".join(i.filename for i in inside) or "none"
                raise InvalidFileError(
                    f"a zip holding one export (CSV, TSV or XLSX) was expected; it holds: {found}",
                    path,
                )
            if inside[0].file_size > MAX_BYTES:
                raise InvalidFileError(
                    f"{inside[0].filename} is {inside[0].file_size:,} bytes unzipped; "
                    f"the limit is {MAX_BYTES:,}",
                    path,
                )
            with archive.open(inside[0]) as member:
                data = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as exc:
        raise SyntaxProblem(f"not a readable zip ({exc})", path) from None
    if len(data) > MAX_BYTES:
        raise InvalidFileError(f"the export inside is larger than {MAX_BYTES:,} bytes", path)
    return data, Path(f"{path}#{inside[0].filename}")


def _decode(raw: bytes, path: Path) -> str:
    # Qualtrics writes TSV as UTF-16 with a byte-order mark; everything else is UTF-8.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise SyntaxProblem("not UTF-16 text despite its byte-order mark", path) from None
    return decode_utf8(raw, path, hint="save it as 'CSV UTF-8'")


def _records(text: str, path: Path) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    start = 1
    try:
        for cells in reader:
            yield Row(start, cells)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidFileError(f"not valid CSV: {exc}", path, reader.line_num) from None


def _delimiter(text: str) -> str:
    # Excel writes ';' where the decimal mark is a comma; the header row tells which.
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _workbook(raw: bytes, path: Path) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        check_unzipped_size(raw, path)
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            return [
                Sheet(Path(f"{path}#{ws.title}"), ws.title, _sheet_rows(ws, path))
                for ws in book.worksheets
                if ws.sheet_state == "visible"
            ]
        finally:
            book.close()
    except InvalidFileError:
        raise
    except Exception as exc:  # a broken file may fail anywhere inside openpyxl
        # Entity bombs (refused by defusedxml), broken zips, malformed XML: all one error.
        detail = str(exc) or type(exc).__name__
        raise SyntaxProblem(f"not a readable .xlsx workbook ({detail})", path) from None


def check_unzipped_size(raw: bytes, path: Path) -> list[str]:
    # A few MB of zip can unpack to gigabytes of XML; zipfile never reads past the sizes
    # its directory declares, so checking those bounds the work.
    """The member names of an Office file (a zip), once its unpacked size is in bounds."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        total = sum(info.file_size for info in archive.infolist())
        names = archive.namelist()
    if total > MAX_UNZIPPED:
        raise InvalidFileError(
            f"the file unpacks to {total:,} bytes; the limit is {MAX_UNZIPPED:,}", path
        )
    return names


def _sheet_rows(ws: Any, path: Path) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise InvalidFileError(f"more than {MAX_ROWS:,} rows", path, number)
        cells = [cell_text(v) for v in values[:MAX_COLUMNS]]
        while cells and not cells[-1]:
            cells.pop()  # a workbook's rows are as wide as its widest; trailing blanks are none
        rows.append(Row(number, cells))
    return rows


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV export of it would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
