"""Where a command's output goes: the output rule, checked before any work, and the write.

The command line comes through here, never to ``formats.outputs`` itself, so the rule
(never overwrite an input, two outputs never one file, ``-`` is standard output) has one
door.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cxmaturity.formats.outputs import check_distinct, check_output, is_stdout, write_output


def guard(
    outs: Sequence[Path | None],
    inputs: Sequence[Path | str | None],
    deep: Sequence[Path | None] = (),
) -> None:
    """Refuse outputs that break the output rule, before any work is done.

    ``inputs`` are what the command reads: paths, folders, and questionnaire references
    (a bundled id that names no file is no file to protect). With more than one output,
    no two may be the same file.
    """
    if len(outs) > 1:
        check_distinct(*outs)
    files = [Path(item) for item in inputs if item is not None and Path(item).exists()]
    folders = [folder for folder in deep if folder is not None]
    for out in outs:
        if out is not None:
            check_output(out, files, deep=folders)


def deliver(content: str | bytes, out: Path | None) -> bool:
    """Write to standard output (no ``out``, or ``-``) or atomically to ``out``; True when
    a file was written."""
    write_output(out, content)
    return out is not None and not is_stdout(out)


def names_a_file(out: Path) -> bool:
    """Whether ``out`` is a file, not ``-`` (standard output)."""
    return not is_stdout(out)
