"""Where an import's answer files go, and writing them all or nothing.

Each file is written through ``AnswerStore``, the one writer of answer files: one that
a running survey holds, or that changed on disk since the import read it, is not
replaced, and the whole import is undone.

An answer file that already exists is left alone when it would be written unchanged, and
is only replaced with ``overwrite`` (``--overwrite``): otherwise a re-import could silently
undo answers corrected by hand since the last one.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from cxmaturity.core.answer_file import AnswerFile, Respondent, iso_stamp, person_key
from cxmaturity.core.errors import CxMaturityError, InvalidFileError, ManyErrors, OutputFileError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.formats.answer_store import AnswerStore
from cxmaturity.formats.answers import answer_text_of, answers_from, file_names, too_many
from cxmaturity.formats.outputs import check_output
from cxmaturity.formats.yamlio import read_document


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
    notes: tuple[str, ...] = ()
    """What was recognised and how it was used: the tool, its metadata, partial rows."""

    @property
    def to_write(self) -> tuple[PlannedFile, ...]:
        return tuple(f for f in self.files if f.status != "unchanged")


@dataclass
class Problems:
    """Problems gathered over the whole file, so one run reports them all."""

    path: Path
    fallback_time: datetime
    """When answers without an ``updated`` cell count as given: the file's own time."""
    errors: list[CxMaturityError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(
        self, message: str, line: int | None, column: int | None = None, at: Path | None = None
    ) -> None:
        self.errors.append(InvalidFileError(message, at or self.path, line, column))

    def warn(
        self, message: str, line: int, column: int | None = None, at: Path | None = None
    ) -> None:
        where = f"{at or self.path}:{line}" + (f":{column}" if column else "")
        self.warnings.append(f"{where}: {message}")

    def note(self, message: str, line: int | None = None, at: Path | None = None) -> None:
        where = f"{at or self.path}" + (f":{line}" if line else "")
        self.notes.append(f"{where}: {message}")

    def raise_any(self) -> None:
        # In reading order, whichever check found them: row by row, left to right.
        self.errors.sort(key=lambda e: (e.path or "", e.line or 0, e.column or 1 << 30))
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ManyErrors(self.errors)


def write_plan(plan: ImportPlan) -> list[Path]:
    """Write the new and changed answer files, each atomically, all or nothing.

    When a write fails (a full disk, a folder turned read-only, a file a survey holds or
    that changed since the plan read it), what this run wrote is undone: new files are
    removed and replaced ones get their old bytes back.
    """
    written: list[PlannedFile] = []
    try:
        for planned in plan.to_write:
            AnswerStore(planned.path).write_planned(planned.text, planned.previous)
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
                AnswerStore(planned.path).write_planned(
                    planned.previous, planned.text.encode("utf-8")
                )
            undone += 1
    return undone


def check_folder(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFileError("--out-dir: not a folder", out_dir)


@dataclass
class Targets:
    """Where each respondent's file goes, judged against what is already on disk.

    An existing file is read under the input rule and belongs to a respondent when it
    holds the same person (the person key) in the same department. Someone else's file
    is never replaced: the new respondent gets ``-2`` and on, as in the survey.
    """

    out_dir: Path
    overwrite: bool
    inputs: tuple[Path, ...]
    problems: Problems
    taken: set[str] = field(default_factory=set)

    def place(
        self, person: dict[str, str], line: int
    ) -> tuple[Path, AnswerFile | None, bytes | None] | None:
        for name in file_names(person["department"], person["name"]):
            path = self.out_dir / name
            if name in self.taken:
                continue
            found = self.existing(path, line)
            if found is False:
                return None
            if found is None or _same_person(found[0].respondent, person):
                self.taken.add(name)
                return (path, *found) if found else (path, None, None)
        self.problems.error(too_many(person["department"], person["name"]), line)
        return None

    def existing(self, path: Path, line: int) -> tuple[AnswerFile, bytes] | Literal[False] | None:
        """The answers a file already holds; None when there is no file; False if unreadable."""
        if not path.exists() and not path.is_symlink():
            return None
        try:
            check_output(path, self.inputs)
            doc = read_document(path)
            found = answers_from(doc, in_folder=False, warnings=[])
            assert found is not None  # only files in a folder are passed over
            return found.file, doc.raw
        except CxMaturityError as exc:
            self.problems.error(
                f"{path} exists and cannot be read as answers, so it is not replaced ({exc})",
                line,
            )
            return False


def _same_person(theirs: Respondent, person: dict[str, str]) -> bool:
    return theirs.key == person_key(person["name"], person["department"])


def planned_file(
    data: dict[str, Any], targets: Targets, loaded: LoadedQuestionnaire, line: int
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


def _stamped(
    data: dict[str, Any], existing: AnswerFile | None, previous: bytes | None, fallback: str
) -> str:
    """The file's text. Without an ``updated`` cell, an unchanged file keeps its own stamp,
    so re-importing a re-exported CSV does not churn every file."""
    if "updated" in data:
        return answer_text_of(data)
    if existing is not None and existing.updated is not None and previous is not None:
        text = answer_text_of({**data, "updated": iso_stamp(existing.updated)})
        if previous == text.encode("utf-8"):
            return text
    return answer_text_of({**data, "updated": fallback})


def _status(
    path: Path,
    text: str,
    previous: bytes | None,
    overwrite: bool,
    problems: Problems,
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
