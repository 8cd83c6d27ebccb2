"""``import-csv``: one answer file per CSV row, all or nothing.

The CSV is what online form tools export: one row per respondent, with columns
``name``, ``department`` and ``role`` (``role`` and ``updated`` optional), then one per
question headed by its id or its exact text. A cell holds a stage number 1-6, a stage
name, the exact text of one of the question's options, ``unknown``, ``n/a``, or nothing.

Every row is checked before anything is written, and every problem is reported as
``file:line:column: message``. An answer file that already exists is left alone when it
would be written unchanged, and is only replaced with ``overwrite`` (``--overwrite``):
otherwise a re-import could silently undo answers corrected by hand since the last one.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from cxmaturity.cleaning import clean_line, name_key, slug
from cxmaturity.errors import CxMaturityError, InvalidFileError, ManyErrors, OutputFileError
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.csvcolumns import META_ALIASES, META_COLUMNS, REQUIRED_COLUMNS
from cxmaturity.formats.inputs import read_text
from cxmaturity.formats.loading import expect_format, validate
from cxmaturity.formats.outputs import check_output
from cxmaturity.formats.yamlio import MAX_BYTES, dump_yaml, read_document
from cxmaturity.inputs import LoadedQuestionnaire
from cxmaturity.model import (
    ANSWERS_FORMAT,
    MAX_NAME,
    AnswerFile,
    Question,
    Questionnaire,
    iso_stamp,
)
from cxmaturity.stages import NOT_APPLICABLE, STAGE_KEYS, UNKNOWN, Stage, parse_answer_word


@dataclass(frozen=True)
class Columns:
    """What each column holds: a respondent field or a question (0-based positions)."""

    meta: dict[str, int]
    questions: dict[int, Question]
    width: int


@dataclass(frozen=True)
class PlannedFile:
    path: Path
    text: str
    name: str
    department: str
    answered: int
    blank: int
    status: Literal["new", "unchanged", "replace"]
    previous: bytes | None = None
    """What the file held before, to put back if the import fails half-way."""


@dataclass(frozen=True)
class ImportPlan:
    files: tuple[PlannedFile, ...]
    warnings: tuple[str, ...] = ()

    @property
    def to_write(self) -> tuple[PlannedFile, ...]:
        return tuple(f for f in self.files if f.status != "unchanged")


@dataclass
class _Problems:
    """Problems gathered over the whole file, so one run reports them all."""

    path: Path
    fallback_time: datetime
    """When answers without an ``updated`` cell count as given: the CSV's own time."""
    errors: list[CxMaturityError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, message: str, line: int | None, column: int | None = None) -> None:
        self.errors.append(InvalidFileError(message, self.path, line, column))

    def warn(self, message: str, line: int, column: int | None = None) -> None:
        where = f"{self.path}:{line}" + (f":{column}" if column else "")
        self.warnings.append(f"{where}: {message}")

    def raise_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ManyErrors(self.errors)


def plan_import(
    csv_path: Path, loaded: LoadedQuestionnaire, out_dir: Path, overwrite: bool = False
) -> ImportPlan:
    """Check the whole CSV and work out every answer file; nothing is written."""
    problems = _Problems(csv_path, _file_time(csv_path))
    records = list(_records(csv_path))
    if not records:
        raise InvalidFileError("the file has no header row", csv_path, 1)
    header_line, header = records[0]
    columns = map_columns(header, loaded.model, header_line, problems)
    problems.raise_any()
    _check_folder(out_dir)
    files: list[PlannedFile] = []
    seen: dict[tuple[str, str], int] = {}
    targets = _Targets(out_dir, overwrite, (csv_path, *_source(loaded)), problems)
    for line, cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank rows at the end
        data = _row_data(cells, line, columns, loaded, problems)
        if data is None or _is_repeat(data, line, columns, seen, problems):
            continue
        planned = _planned(data, targets, loaded, line)
        if planned is not None:
            files.append(planned)
    if not files and not problems.errors:
        problems.error("no respondents: the file has a header row only", header_line)
    problems.raise_any()
    return ImportPlan(tuple(files), tuple(problems.warnings))


def write_plan(plan: ImportPlan) -> list[Path]:
    """Write the new and changed answer files, each atomically, all or nothing.

    When a write fails (a full disk, a folder turned read-only), what this run wrote is
    undone: new files are removed and replaced ones get their old bytes back.
    """
    written: list[PlannedFile] = []
    try:
        for planned in plan.to_write:
            write_atomic(planned.path, planned.text)
            written.append(planned)
    except BaseException as exc:
        undone = _undo(written)
        if isinstance(exc, CxMaturityError) and written:
            exc.message += f"; nothing imported: {undone} file(s) written before it were undone"
        raise
    return [planned.path for planned in written]


def _undo(written: list[PlannedFile]) -> int:
    undone = 0
    for planned in reversed(written):
        with contextlib.suppress(OSError, CxMaturityError):
            if planned.previous is None:
                planned.path.unlink()
            else:
                write_atomic(planned.path, planned.previous)
            undone += 1
    return undone


def _check_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFileError("--out-dir: not a folder", out_dir)


def _source(loaded: LoadedQuestionnaire) -> tuple[Path, ...]:
    path = Path(loaded.source)
    return (path,) if path.is_file() else ()


# --------------------------------------------------------------------- reading


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each CSV record."""
    # utf-8-sig drops the byte-order mark Excel puts in front of "CSV UTF-8" files.
    text = read_text(path, MAX_BYTES, hint="save it as 'CSV UTF-8'")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidFileError(f"not valid CSV: {exc}", path, reader.line_num) from None


def _delimiter(text: str) -> str:
    # Excel writes ';' where the decimal mark is a comma; the header row tells which.
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _file_time(path: Path) -> datetime:
    # Without an `updated` column, the export's own time stands for when answers were given;
    # it keeps a re-import of the same file byte-for-byte identical.
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def map_columns(header: list[str], q: Questionnaire, line: int, problems: _Problems) -> Columns:
    """Match each heading to a respondent field or a question, by id or exact text."""
    by_key = {q_.id: q_ for q_ in q.questions} | {_plain(q_.text): q_ for q_ in q.questions}
    meta: dict[str, int] = {}
    questions: dict[int, Question] = {}
    for index, heading in enumerate(header):
        key = _plain(heading)
        field_name = META_ALIASES.get(key, key)
        taken = meta.get(field_name) if field_name in META_COLUMNS else None
        question = by_key.get(key)
        if not key:
            problems.error("the column has no heading", line, index + 1)
        elif field_name in META_COLUMNS and taken is None:
            meta[field_name] = index
        elif question is not None and question not in questions.values():
            questions[index] = question
        elif taken is not None or question is not None:
            problems.error(f"column {heading.strip()!r} appears twice", line, index + 1)
        else:
            problems.error(
                f"unknown column {heading.strip()!r}: not name, department, role, updated, "
                f"or a question id or text of {q.id}",
                line,
                index + 1,
            )
    for name in REQUIRED_COLUMNS:
        if name not in meta:
            problems.error(f"no {name!r} column", line)
    return Columns(meta, questions, len(header))


# ------------------------------------------------------------------------ rows


def _row_data(
    cells: list[str],
    line: int,
    columns: Columns,
    loaded: LoadedQuestionnaire,
    problems: _Problems,
) -> dict[str, Any] | None:
    """The answer-file data of one row, or None (with problems noted) if it is broken."""
    before = len(problems.errors)
    if len(cells) < columns.width or any(cell.strip() for cell in cells[columns.width :]):
        # A short row is as broken as a long one: its cells cannot be matched to columns.
        problems.error(
            f"the row has {len(cells)} cells; the header has {columns.width}",
            line,
            min(len(cells), columns.width) + 1,
        )
        return None
    respondent = _respondent(cells, line, columns, loaded.model, problems)
    answers = _answers(cells, line, columns, respondent.get("department"), problems)
    stamp = _updated(cells, line, columns, problems)
    if len(problems.errors) > before:
        return None
    return {
        "format": ANSWERS_FORMAT,
        "questionnaire": {
            "id": loaded.model.id,
            "version": loaded.model.version,
            "sha256": loaded.sha256,
        },
        "respondent": respondent,
        **({"updated": iso_stamp(stamp)} if stamp else {}),
        "answers": answers,
    }


def _cell(cells: list[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _respondent(
    cells: list[str], line: int, columns: Columns, q: Questionnaire, problems: _Problems
) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in ("name", "role"):
        # As in the survey: what is saved carries no control characters or escapes.
        value = clean_line(_cell(cells, columns.meta.get(name)))
        if len(value) > MAX_NAME:
            problems.error(
                f"{name} is longer than {MAX_NAME} characters", line, _col(columns, name)
            )
            found[name] = value  # reported once; the row is dropped anyway
        elif value:
            found[name] = value
    if "name" not in found:
        problems.error("the name is blank", line, _col(columns, "name"))
    department = _department(_cell(cells, columns.meta.get("department")), q)
    if department is None:
        known = ", ".join(d.id for d in q.departments)
        shown = _cell(cells, columns.meta.get("department"))
        problems.error(
            f"unknown department {shown!r} (use one of: {known})",
            line,
            _col(columns, "department"),
        )
    else:
        found["department"] = department
    return found


def _col(columns: Columns, name: str) -> int | None:
    index = columns.meta.get(name)
    return None if index is None else index + 1


def _department(value: str, q: Questionnaire) -> str | None:
    """A department id, from its id or its name in any case."""
    key = _plain(value)
    return next((d.id for d in q.departments if key in (d.id, _plain(d.name))), None)


def _answers(
    cells: list[str],
    line: int,
    columns: Columns,
    department: str | None,
    problems: _Problems,
) -> dict[str, int | str]:
    answers: dict[str, int | str] = {}
    for index, question in columns.questions.items():
        value = _cell(cells, index)
        if not value:
            continue
        try:
            answer = parse_cell(value, question)
        except ValueError as exc:
            problems.error(f"{question.id}: {exc}", line, index + 1)
            continue
        if department is not None and not question.applies_to(department):
            problems.warn(
                f"answer to {question.id!r} left out: it does not apply to {department!r}",
                line,
                index + 1,
            )
            continue
        answers[question.id] = answer
    return answers


def parse_cell(value: str, question: Question) -> int | str:
    """A cell as an answer-file value: a stage number, ``unknown`` or ``n/a``.

    A cell takes the words an answer file takes (``stages.parse_answer_word``) and, as the
    one addition, the exact text of one of the question's options: what a form shows.
    """
    word = parse_answer_word(value)
    if isinstance(word, Stage):
        return int(word)
    if word is not None:
        return word
    key = _plain(value)
    for position, option in enumerate(question.options, start=1):
        if key == _plain(option):
            return position
    raise ValueError(
        f"{value!r} is not an answer: use 1-6, a stage name ({', '.join(STAGE_KEYS)}), "
        f"an option's text, {UNKNOWN}, {NOT_APPLICABLE}, or leave it blank"
    )


def _updated(cells: list[str], line: int, columns: Columns, problems: _Problems) -> datetime | None:
    value = _cell(cells, columns.meta.get("updated"))
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        problems.error(
            f"{value!r} is not an ISO 8601 time such as 2026-11-05T16:22:00Z",
            line,
            _col(columns, "updated"),
        )
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _is_repeat(
    data: dict[str, Any],
    line: int,
    columns: Columns,
    seen: dict[tuple[str, str], int],
    problems: _Problems,
) -> bool:
    person = data["respondent"]
    key = (name_key(person["name"]), person["department"])
    if key in seen:
        problems.error(
            f"{person['name']} ({person['department']}) already has a row, on line {seen[key]}",
            line,
            _col(columns, "name"),
        )
        return True
    seen[key] = line
    return False


# ----------------------------------------------------------------------- files


@dataclass
class _Targets:
    """Where each respondent's file goes, judged against what is already on disk.

    An existing file is read under the input rule and belongs to a respondent when it
    holds the same person (the person key) in the same department. Someone else's file
    is never replaced: the new respondent gets ``-2`` and on, as in the survey.
    """

    out_dir: Path
    overwrite: bool
    inputs: tuple[Path, ...]
    problems: _Problems
    taken: set[str] = field(default_factory=set)

    def place(
        self, person: dict[str, str], line: int
    ) -> tuple[Path, AnswerFile | None, bytes | None] | None:
        stem = f"{person['department']}-{slug(person['name'])}"
        for number in range(1, _MAX_TWINS + 1):
            name = f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"
            path = self.out_dir / name
            if name in self.taken:
                continue
            found = self.existing(path, line)
            if found is False:
                return None
            if found is None or _same_person(found[0], person):
                self.taken.add(name)
                return (path, *found) if found else (path, None, None)
        self.problems.error(f"too many files named {stem}-*.yaml", line)
        return None

    def existing(self, path: Path, line: int) -> tuple[AnswerFile, bytes] | Literal[False] | None:
        """The answers a file already holds; None when there is no file; False if unreadable."""
        if not path.exists() and not path.is_symlink():
            return None
        try:
            check_output(path, self.inputs)
            doc = read_document(path)
            expect_format(doc, ANSWERS_FORMAT)
            return validate(doc, AnswerFile), doc.raw
        except CxMaturityError as exc:
            self.problems.error(
                f"{path} exists and cannot be read as answers, so it is not replaced ({exc})",
                line,
            )
            return False


_MAX_TWINS = 99


def _same_person(existing: AnswerFile, person: dict[str, str]) -> bool:
    theirs = existing.respondent
    return (
        name_key(theirs.name) == name_key(person["name"])
        and theirs.department == person["department"]
    )


def _planned(
    data: dict[str, Any], targets: _Targets, loaded: LoadedQuestionnaire, line: int
) -> PlannedFile | None:
    person = data["respondent"]
    placed = targets.place(person, line)
    if placed is None:
        return None
    path, existing, previous = placed
    text = _stamped(data, existing, previous, iso_stamp(targets.problems.fallback_time))
    status = _status(path, text, previous, targets.overwrite, targets.problems, line)
    applicable = len(loaded.model.questions_for(person["department"]))
    given = len(data["answers"])
    return PlannedFile(
        path,
        text,
        person["name"],
        person["department"],
        given,
        applicable - given,
        status,
        previous,
    )


def _text(data: dict[str, Any]) -> str:
    # Going through the model guarantees that what is written reads back as valid answers.
    return dump_yaml(AnswerFile.model_validate(data).to_data())


def _stamped(
    data: dict[str, Any], existing: AnswerFile | None, previous: bytes | None, fallback: str
) -> str:
    """The file's text. Without an ``updated`` cell, an unchanged file keeps its own stamp,
    so re-importing a re-exported CSV does not churn every file."""
    if "updated" in data:
        return _text(data)
    if existing is not None and existing.updated is not None and previous is not None:
        text = _text({**data, "updated": iso_stamp(existing.updated)})
        if previous == text.encode("utf-8"):
            return text
    return _text({**data, "updated": fallback})


def _status(
    path: Path,
    text: str,
    previous: bytes | None,
    overwrite: bool,
    problems: _Problems,
    line: int,
) -> Literal["new", "unchanged", "replace"]:
    if previous is None:
        return "new"
    if previous == text.encode("utf-8"):
        return "unchanged"
    if not overwrite:
        problems.error(
            f"{path} already exists with other content; use --overwrite to replace it", line
        )
    return "replace"
