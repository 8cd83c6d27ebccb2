"""Where a command's output goes: the output rule, checked before any work, and the write.

The command line comes through here, never to ``formats.outputs`` itself, so the rule
(never overwrite an input, two outputs never one file, ``-`` is standard output) has one
door.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cxmaturity.core.errors import UsageError
from cxmaturity.formats.outputs import check_distinct, check_output, is_stdout, write_output

SUFFIXES: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "pptx": (".pptx",),
    "xlsx": (".xlsx",),
    "json": (".json",),
    "csv": (".csv",),
    "markdown": (".md", ".markdown"),
    "junit": (".xml",),
}
"""The file names each output format is written under. A text table has none of its own:
``.txt`` or no suffix suits any text."""

_OWNER = {suffix: name for name, suffixes in SUFFIXES.items() for suffix in suffixes}


def guard(
    outs: Sequence[Path | None],
    inputs: Sequence[Path | str | None],
    deep: Sequence[Path | None] = (),
    format: str | None = None,
) -> None:
    """Refuse outputs that break the output rule, before any work is done.

    ``inputs`` are what the command reads: paths, folders, and questionnaire references
    (a bundled id that names no file is no file to protect). With more than one output,
    no two may be the same file. With ``format``, the first output's name may not belong to
    another format (see ``check_suffix``).
    """
    if format is not None and outs and outs[0] is not None:
        check_suffix(outs[0], format)
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


def check_suffix(out: Path, format: str) -> None:
    """Refuse a file name that belongs to another format (``-o deck.pptx`` for a PDF,
    ``-o scores.xlsx`` for JSON): the file would open as nothing in the program its name
    promises. The format is never guessed from the name; the person says which is meant."""
    if is_stdout(out):
        return
    suffix = out.suffix.lower()
    owner = _OWNER.get(suffix)
    if owner is None or suffix in SUFFIXES.get(format, ()):
        return
    expected = SUFFIXES.get(format)
    rename = f", or name the file {out.stem}{expected[0]}" if expected else ""
    raise UsageError(
        f"--out {out.name} names a {suffix} file but --format is {format}: "
        f"add --format {owner}{rename}"
    )
