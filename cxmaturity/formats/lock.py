"""One writer per answer file: an advisory lock that names who holds it.

The lock is ``fcntl.flock`` on a hidden file beside the answers, ``.<file name>.lock``.
The kernel releases it when the process ends however it ends (even ``kill -9``), so a
stale lock cannot block anyone; the file itself is removed on a clean exit and only
tells a second copy who holds the lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import os
import socket
import time
from pathlib import Path

from cxmaturity.core.errors import LockedError, OutputFileError

_BUSY = (
    "in use by another survey ({holder}); finish or quit that one first "
    "(a survey stopped with Ctrl-Z still holds it: `fg` in its terminal)"
)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class FileLock:
    def __init__(self, path: Path, busy: str = _BUSY) -> None:
        self.path = lock_path(path)
        self.target = path
        self.busy = busy
        """The error when someone holds the lock; ``{holder}`` names them."""
        self.fd: int | None = None
        self._extra = ""

    def acquire(self) -> None:
        """Take the lock or raise one error line naming who holds it."""
        for _ in range(5):
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = self._holder(fd)
                os.close(fd)
                raise LockedError(self.busy.format(holder=holder), self.target) from None
            # Someone may have removed the lock file between our open and our flock.
            if self._same_file(fd):
                self.fd = fd
                self._write_holder(fd)
                return
            os.close(fd)
        raise OutputFileError("could not lock the answer file", self.target)

    def describe(self, extra: str) -> None:
        """Add to what the lock tells a second copy about its holder (a port, say)."""
        self._extra = f", {extra}"
        if self.fd is not None:
            self._write_holder(self.fd)

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        except OSError as exc:
            raise OutputFileError(f"cannot lock: {exc.strerror or exc}", self.target) from None

    def _same_file(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), self.path.stat())
        except OSError:
            return False

    def _write_holder(self, fd: int) -> None:
        stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        who = f"pid {os.getpid()}, {_user()}@{socket.gethostname()}, since {stamp}{self._extra}"
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, who.encode("utf-8"), 0)

    @staticmethod
    def _holder(fd: int) -> str:
        with contextlib.suppress(OSError):
            text = os.pread(fd, 300, 0).decode("utf-8", "replace").strip()
            if text:
                return " ".join(text.split())
        return "holder unknown"


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "someone"
