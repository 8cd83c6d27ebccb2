"""``import``: one answer file per respondent of a form tool's export, all or nothing.

The export is read as its tool writes it (``formtools``): a plain CSV with ``name``,
``department``, ``role`` and ``updated`` columns, or Google Forms, Microsoft Forms,
Qualtrics, SurveyMonkey or cxmaturity's own answer workbook as they come. A question's
column is headed by its id or its text; the respondent's name, role and department may be
questions of the form too. A cell holds a stage number 1-6, a stage name, the text of one
of the question's options, ``unknown``, ``n/a``, or nothing. Headings and choices are
compared after typographic folding (``folding``), and the closest candidate is named when
nothing matches.

Every row is checked before anything is written, and every problem in the file is
reported in the one run as ``file:row:column: message`` (``importfiles`` writes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from cxmaturity.core.answer_file import iso_stamp, person_key
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.errors import InvalidFileError, UsageError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import MAX_NAME
from cxmaturity.formats import formtools
from cxmaturity.formats.answers import answer_head
from cxmaturity.formats.folding import did_you_mean, fold
from cxmaturity.formats.formtools import TOOLS, WORKBOOK_MARK, Layout
from cxmaturity.formats.importcolumns import Columns, department_id, map_columns
from cxmaturity.formats.importfiles import (
    ImportPlan,
    PlannedFile,
    Problems,
    Targets,
    check_folder,
    planned_file,
    write_plan,
)
from cxmaturity.formats.sheets import Row, Sheet, read_sheets
from cxmaturity.formats.stamps import StampReader, day_first, has_zone
from cxmaturity.formats.vocabulary import Vocabulary, parse_cell, vocabulary

__all__ = ["ImportPlan", "PlannedFile", "plan_import", "write_plan"]

Partial = Literal["import", "skip"]
NUMBERED = ("qualtrics", "surveymonkey")
"""Tools whose numeric exports give a choice's position, the department's too."""


@dataclass(frozen=True)
class Settings:
    zone: tzinfo | None
    partial: Partial


def plan_import(
    path: Path,
    loaded: LoadedQuestionnaire,
    out_dir: Path,
    overwrite: bool = False,
    *,
    tool: str | None = None,
    timezone: tzinfo | None = None,
    partial: Partial = "import",
) -> ImportPlan:
    """Check the whole export and work out every answer file; nothing is written."""
    if tool is not None and tool not in TOOLS:
        raise UsageError(f"--from: {tool!r} is not one of {', '.join(TOOLS)}")
    problems = Problems(path, datetime.fromtimestamp(int(path.stat().st_mtime), UTC))
    words = vocabulary(loaded)
    layouts = _layouts(read_sheets(path), tool, words, problems)
    check_folder(out_dir)
    targets = Targets(out_dir, overwrite, (path, *_source(loaded)), problems)
    files: list[PlannedFile] = []
    seen: dict[tuple[str, str], str] = {}
    settings = Settings(timezone, partial)
    for found in layouts:
        columns = map_columns(found, words, problems)
        reader = _stamps(found, columns, settings, problems)
        for row in found.body:
            data = _row_data(row, found, columns, loaded, words, reader, settings, problems)
            if data is None or _is_repeat(data, row.line, found, columns, seen, problems):
                continue
            if problems.errors:
                continue  # nothing will be written: the rest is only checked
            planned = planned_file(data, targets, loaded, row.line)
            if planned is not None:
                files.append(planned)
    if not files and not problems.errors:
        problems.error("no respondents: the file has a header row only", layouts[0].heading_line)
    problems.raise_any()
    return ImportPlan(tuple(files), tuple(problems.warnings), tuple(problems.notes))


def _source(loaded: LoadedQuestionnaire) -> tuple[Path, ...]:
    source = Path(loaded.source)
    return (source,) if source.is_file() else ()


def _layouts(
    sheets: list[Sheet], tool: str | None, words: Vocabulary, problems: Problems
) -> list[Layout]:
    q = words.q
    workbook = any(
        s.name == "Instructions" and s.rows and s.rows[0].cells[:1] == [WORKBOOK_MARK]
        for s in sheets
    )
    # The workbook's own sheets: its instructions, and the lists its drop-downs read.
    data = [s for s in sheets if not (workbook and s.name in ("Instructions", "Lists"))]
    if not data or not data[0].rows:
        raise InvalidFileError("the file has no header row", sheets[0].path if sheets else None, 1)
    if len(data) > 1 and not workbook:
        data = data[:1]  # a tool's workbook holds its responses on the first sheet
        problems.note(f"only the first sheet, {data[0].name!r}, is read")
    found = []
    for sheet in data:
        name = tool or formtools.detect(sheet, workbook)
        lay = formtools.layout(sheet, name)
        if workbook:
            lay.department = department_id(sheet.name or "", words)
            if not any(c.strip() for row in lay.body for c in row.cells):
                continue  # a department's sheet nobody filled in
            if lay.department is None:
                near = did_you_mean(sheet.name or "", [d.name for d in q.departments])
                problems.error(
                    f"the sheet {sheet.name!r} is not a department of {q.id}{near}: "
                    "name the sheet after its department",
                    None,
                    at=sheet.path,
                )
                continue
        found.append(lay)
    if not found:
        problems.raise_any()
        raise InvalidFileError("no respondents: every sheet is empty", data[0].path, 3)
    return found


def _stamps(found: Layout, columns: Columns, settings: Settings, problems: Problems) -> StampReader:
    """How this sheet's times are read: its zone, and whether dates put the day first."""
    where = [i for i, r in found.roles.items() if r in ("started", "updated")]
    where += [columns.fields["updated"]] if "updated" in columns.fields else []
    values = [r.cells[i] for r in found.body for i in where if i < len(r.cells)]
    try:
        first = day_first(values)
    except ValueError as exc:
        problems.error(str(exc), found.heading_line, where[0] + 1, found.sheet.path)
        first = None
    given = settings.zone or found.zone
    if given is None and found.tool != "plain" and not all(has_zone(v) for v in values if v):
        problems.note("times without a zone are read as UTC (use --timezone)", at=found.sheet.path)
    return StampReader(given or UTC, bool(first))


# ------------------------------------------------------------------------ rows


def _cell(row: Row, index: int | None) -> str:
    if index is None or index >= len(row.cells):
        return ""
    return row.cells[index].strip()


def _role(found: Layout, role: str) -> int | None:
    return next((i for i, r in found.roles.items() if r == role), None)


def _row_data(
    row: Row,
    found: Layout,
    columns: Columns,
    loaded: LoadedQuestionnaire,
    words: Vocabulary,
    reader: StampReader,
    settings: Settings,
    problems: Problems,
) -> dict[str, Any] | None:
    """The answer-file data of one row, or None (with problems noted) if it is broken."""
    at, line = found.sheet.path, row.line
    if not any(cell.strip() for cell in row.cells):
        return None  # spreadsheets leave blank rows at the end
    if found.sheet.name is None and (
        len(row.cells) < columns.width or any(c.strip() for c in row.cells[columns.width :])
    ):
        # A short row is as broken as a long one: its cells cannot be matched to columns.
        problems.error(
            f"the row has {len(row.cells)} cells; the header has {columns.width}",
            line,
            min(len(row.cells), columns.width) + 1,
            at,
        )
        return None
    if _skipped(row, found, columns, settings, problems):
        return None
    before = len(problems.errors)
    respondent = _respondent(row, found, columns, words, problems)
    answers = _answers(row, found, columns, words, respondent.get("department"), problems)
    stamps = {
        name: _time(row, index, reader, found, problems)
        for name, index in (
            ("started", _role(found, "started")),
            ("updated", columns.fields.get("updated", _role(found, "updated"))),
        )
    }
    if len(problems.errors) > before:
        return None
    return {
        **answer_head(loaded),
        "respondent": respondent,
        **{name: iso_stamp(stamp) for name, stamp in stamps.items() if stamp is not None},
        "answers": answers,
    }


def _skipped(
    row: Row, found: Layout, columns: Columns, settings: Settings, problems: Problems
) -> bool:
    """Partial and empty responses: skipped, or imported as far as they go, said in a line."""
    at = found.sheet.path
    given = sum(1 for i in columns.questions if _answer_text(row, i, found))
    if not given:
        problems.note("no answers (an opened but empty response): skipped", row.line, at)
        return True
    status = formtools.TEST_RESPONSES.get(fold(_cell(row, _role(found, "status"))))
    if status is not None:
        problems.note(f"a {status} response (Status), not a respondent's: skipped", row.line, at)
        return True
    finished = _cell(row, _role(found, "finished"))
    if fold(finished) in ("false", "0"):
        if settings.partial == "skip":
            problems.note("partial response (Finished is False): skipped", row.line, at)
            return True
        problems.note(
            f"partial response (Finished is False): imported with {given} "
            + ("answer" if given == 1 else "answers"),
            row.line,
            at,
        )
    return False


def _respondent(
    row: Row, found: Layout, columns: Columns, words: Vocabulary, problems: Problems
) -> dict[str, str]:
    q = words.q
    at, line = found.sheet.path, row.line
    person: dict[str, str] = {}
    name, name_col = _name(row, found, columns)
    role = clean_line(_cell(row, columns.fields.get("role")))
    for key, value, col in (("name", name, name_col), ("role", role, columns.fields.get("role"))):
        if len(value) > MAX_NAME:
            problems.error(f"{key} is longer than {MAX_NAME} characters", line, _col(col), at)
        if value:
            person[key] = value
    if not name:
        problems.error("the name is blank", line, _col(name_col), at)
    if "department" not in columns.fields:
        if found.department is not None:
            person["department"] = found.department
        return person  # with no department column, that error was given once, for the header
    index = columns.fields["department"]
    department = department_id(_cell(row, index), words, numbered=found.tool in NUMBERED)
    if department is None:
        shown = _cell(row, index)
        near = did_you_mean(shown, [d.name for d in q.departments])
        known = ", ".join(d.id for d in q.departments)
        problems.error(
            f"unknown department {shown!r}{near} (use one of: {known})", line, index + 1, at
        )
    else:
        person["department"] = department
    return person


def _name(row: Row, found: Layout, columns: Columns) -> tuple[str, int | None]:
    """The respondent's name: the form's own name question, the tool's name, first and
    last name, e-mail, in that order; an anonymous export numbers its respondents."""
    for index in (columns.fields.get("name"), _role(found, "name")):
        if index is not None and _known(_cell(row, index)):
            return clean_line(_cell(row, index)), index
    first, last = _cell(row, _role(found, "first")), _cell(row, _role(found, "last"))
    if first or last:
        return clean_line(f"{first} {last}".strip()), _role(found, "first")
    for index in (columns.fields.get("email"), _role(found, "email")):
        if index is not None and _known(_cell(row, index)):
            return clean_line(_cell(row, index)), index
    if found.tool == "plain" or columns.fields.get("name") is not None:
        return "", columns.fields.get("name")
    ident = _cell(row, _role(found, "id"))
    return f"Respondent {ident or row.line}", None


def _known(value: str) -> bool:
    # Microsoft Forms writes "anonymous" in Name and Email when it records no one.
    return bool(value) and fold(value) != "anonymous"


def _col(index: int | None) -> int | None:
    return None if index is None else index + 1


def _answer_text(row: Row, index: int, found: Layout) -> str:
    value = _cell(row, index)
    # Qualtrics' numeric export writes -99 for a question seen and left unanswered.
    return "" if found.tool == "qualtrics" and value == "-99" else value


def _answers(
    row: Row,
    found: Layout,
    columns: Columns,
    words: Vocabulary,
    department: str | None,
    problems: Problems,
) -> dict[str, int | str]:
    answers: dict[str, int | str] = {}
    at = found.sheet.path
    for index, question in columns.questions.items():
        value = _answer_text(row, index, found)
        if not value:
            continue
        try:
            answer = parse_cell(value, question, words.options[question.id][1:])
        except ValueError as exc:
            problems.error(f"{question.id}: {exc}", row.line, index + 1, at)
            continue
        if department is not None and not question.applies_to(department):
            problems.warn(
                f"answer to {question.id!r} left out: it does not apply to {department!r}",
                row.line,
                index + 1,
                at,
            )
            continue
        answers[question.id] = answer
    return answers


def _time(
    row: Row, index: int | None, reader: StampReader, found: Layout, problems: Problems
) -> datetime | None:
    value = _cell(row, index)
    if not value or index is None:
        return None
    try:
        return reader.read(value)
    except ValueError as exc:
        problems.error(str(exc), row.line, index + 1, found.sheet.path)
        return None


def _is_repeat(
    data: dict[str, Any],
    line: int,
    found: Layout,
    columns: Columns,
    seen: dict[tuple[str, str], str],
    problems: Problems,
) -> bool:
    person = data["respondent"]
    if "department" not in person:
        return False  # no department column: nothing will be written, and it was said
    key = person_key(person["name"], person["department"])
    if key in seen:
        problems.error(
            f"{person['name']} ({person['department']}) already has a row, on {seen[key]}",
            line,
            _col(columns.fields.get("name")),
            found.sheet.path,
        )
        return True
    seen[key] = f"line {line}" if found.sheet.name is None else f"row {line} of {found.sheet.name}"
    return False
