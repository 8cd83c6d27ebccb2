"""The survey's folders, checked before any question, and the command line that resumes."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from cxmaturity.core.errors import OutputFileError, UsageError

DEFAULT_QUESTIONNAIRE = "cx-core"


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
