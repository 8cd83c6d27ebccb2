"""One flat tree of errors. Each carries the file and, where known, the location.

Only the CLI prints them; everything below it raises.
"""

from __future__ import annotations

from pathlib import Path


class CxMaturityError(Exception):
    """Base of every error the tool reports to the user as one line."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = [part for part in (self.path, self.line, self.column) if part is not None]
        prefix = ":".join(str(part) for part in where)
        return f"{prefix}: {self.message}" if prefix else self.message


class InputFileError(CxMaturityError):
    """The file is missing, unreadable, too large or not text."""


class NoAnswersError(InputFileError):
    """No answer file, or none with any answer in it: nothing to score yet."""


class OutputFileError(CxMaturityError):
    """A file or folder the tool was asked to write cannot be written."""


class LockedError(OutputFileError):
    """Another writer (a survey, a workshop) holds the lock on the file or folder."""


class ChangedOnDiskError(OutputFileError):
    """Someone else changed an answer file since this writer last read it; it was kept."""


class SyntaxProblem(CxMaturityError):
    """The file is not well-formed YAML or JSON, or uses a forbidden construct."""


class InvalidFileError(CxMaturityError):
    """The file parses but breaks the format's rules."""


class MismatchError(CxMaturityError):
    """Answers do not fit the questionnaire they are scored against."""


class UsageError(CxMaturityError):
    """The command line asks for something that cannot be done."""


class NotFoundError(CxMaturityError):
    """A bundled resource (questionnaire, template) does not exist."""


class RefusedURL(CxMaturityError):
    """A document asked for something outside the template folders (raised inside WeasyPrint's
    fetcher, which reports it by this class's name)."""


class ManyErrors(CxMaturityError):
    """Several files were broken; each error is still one line."""

    def __init__(self, errors: list[CxMaturityError]) -> None:
        super().__init__(f"{len(errors)} files have problems")
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)
