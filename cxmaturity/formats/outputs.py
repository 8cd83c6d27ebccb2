"""The one output rule, for every command that writes a file.

An output must be a regular file, or a missing name in a folder that exists; ``-`` means
standard output. It must not be any file the same command reads: ``score answers -o
answers/ana.yaml`` would otherwise replace an answer file with a table. Files are
compared by identity (device and inode), so a symlink, a hard link or another spelling
of the same path is caught too.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from cxmaturity.core.errors import OutputFileError
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.kinds import kind_of

STDOUT = "-"

_Identity = tuple[int, int]


def is_stdout(out: Path | str) -> bool:
    return str(out) == STDOUT


def check_output(out: Path, inputs: Iterable[Path] = (), *, deep: Iterable[Path] = ()) -> None:
    """Refuse ``out`` unless it may be (re)written by a command reading ``inputs``.

    ``inputs`` are files, or folders whose files are read (one level); ``deep`` are
    folders read at every level (a template folder). Standard output always passes.
    """
    if is_stdout(out):
        return
    try:
        info = out.stat()
    except FileNotFoundError:
        _check_folder(out)
        return
    except NotADirectoryError:
        raise OutputFileError("cannot write: a part of the path is not a folder", out) from None
    except OSError as exc:
        raise OutputFileError(f"cannot write: {exc.strerror or exc}", out) from None
    if not stat.S_ISREG(info.st_mode):
        raise OutputFileError(
            f"cannot write: it is {kind_of(info.st_mode)}, not a regular file "
            "(use -o - for standard output)",
            out,
        )
    if (info.st_dev, info.st_ino) in _identities(inputs, deep):
        raise OutputFileError(
            "cannot write: this file is an input of the same command, and writing would destroy it",
            out,
        )


def check_distinct(*outputs: Path | None) -> None:
    """Two outputs of one command must not be the same file."""
    seen: dict[str, Path] = {}
    for out in outputs:
        if out is None:
            continue
        key = STDOUT if is_stdout(out) else os.path.realpath(out)
        if key in seen:
            raise OutputFileError(f"cannot write: {seen[key]} is also an output", out)
        seen[key] = out


def _check_folder(out: Path) -> None:
    # A dangling symlink is written at its target, so that target's folder must exist.
    folder = Path(os.path.realpath(out)).parent
    if not folder.is_dir():
        raise OutputFileError(f"cannot write: the folder {folder} does not exist", out)


def _identities(inputs: Iterable[Path], deep: Iterable[Path]) -> set[_Identity]:
    files: list[Path] = []
    for path in inputs:
        files += _children(path) if path.is_dir() else [path]
    for folder in deep:
        for root, _dirs, names in os.walk(folder, followlinks=False):
            files += [Path(root, name) for name in names]
    return {found for path in files if (found := _identity(path)) is not None}


def _children(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in os.scandir(folder)]
    except OSError:
        return []


def _identity(path: Path) -> _Identity | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def write_output(out: Path | None, content: str | bytes) -> None:
    """Write to ``out`` atomically, or to standard output when ``out`` is None or ``-``."""
    if out is not None and not is_stdout(out):
        write_atomic(out, content)
        return
    if isinstance(content, bytes):
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
