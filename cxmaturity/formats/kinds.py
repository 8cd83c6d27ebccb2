"""Naming what kind of thing a path is, for messages that refuse it."""

from __future__ import annotations

import stat

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """``a folder``, ``a character device`` ... for anything that is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")
