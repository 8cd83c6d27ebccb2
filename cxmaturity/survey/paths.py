"""Where a respondent's answers go, and the command line that picks them up again."""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

from cxmaturity.core.errors import OutputFileError, UsageError
from cxmaturity.formats.naming import file_names, too_many

DEFAULT_QUESTIONNAIRE = "cx-core"


def candidates(out_dir: Path, name: str, department: str) -> Iterator[Path]:
    """``DIR/<department>-<name>.yaml``, then ``...-2.yaml`` and on, up to the first free one."""
    for file_name in file_names(department, name):
        candidate = out_dir / file_name
        yield candidate
        if not candidate.exists():
            return
    raise UsageError(too_many(department, name), out_dir)


def answer_path(
    out_dir: Path, name: str, department: str, is_theirs: Callable[[Path], bool]
) -> Path:
    """The first candidate that is free or that ``is_theirs`` claims (then it is resumed)."""
    for candidate in candidates(out_dir, name, department):
        if not candidate.exists() or is_theirs(candidate):
            return candidate
    raise AssertionError("candidates end with a free path")  # pragma: no cover


def check_folders(out: Path | None, out_dir: Path | None) -> str | None:
    """Refuse, before any question, a folder that is missing (for --out) or read-only.

    A missing --out-dir is created; the line returned says so.
    """
    if out is not None:
        folder = out.parent
        if not folder.is_dir():
            raise UsageError(f"no such folder: {folder}", out)
        _writable(folder)
        return None
    folder = out_dir or Path()
    if folder.exists() and not folder.is_dir():
        raise UsageError("not a folder", folder)
    if folder.exists():
        _writable(folder)
        return None
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise OutputFileError(f"cannot create the folder: {exc.strerror or exc}", folder) from None
    return f"created the folder {folder}"


def _writable(folder: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFileError("the folder is not writable; answers could not be saved", folder)


def resume_command(path: Path, questionnaire: str) -> str:
    """The exact command that continues this file, quoted for a POSIX shell."""
    parts = ["cxmaturity", "survey"]
    if questionnaire != DEFAULT_QUESTIONNAIRE:
        parts += ["-q", questionnaire]
    parts += ["--out", str(path)]
    return shlex.join(parts)
