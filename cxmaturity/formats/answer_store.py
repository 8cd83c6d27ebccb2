"""The one writer of answer files: locked, checked before every write, journalled.

The survey, the workshop, the import and the demo all write answer files here, so each
takes the same lock (``lock``) and none replaces a file that changed under it.

A survey holds the lock while it runs. Each change is one line appended to the journal
(see ``formats.journal``) and fsynced before the call returns; the whole file is
rewritten atomically when the journal has grown as long as the file (so the total work
stays linear), on resume, and at the end. Before every write, the file and the journal
must be exactly as this survey last left them: a file that someone else changed is never
overwritten. This survey's own version then goes beside it (``<file>.conflict-<time>``)
so both are kept. The workshop, the import and the demo take the lock for one write
each (``write_briefly``, ``write_planned``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from cxmaturity.core.errors import ChangedOnDiskError, OutputFileError
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.journal import digest, entry_line, header_line, journal_path
from cxmaturity.formats.lock import FileLock

# Below this many changes a rewrite is cheap anyway; fold then only at the end.
FOLD_AT_LEAST = 64

Content = Callable[[], bytes]


class AnswerStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.journal = journal_path(path)
        self.lock = FileLock(path)
        self._opened = False
        self._conflict: ChangedOnDiskError | None = None
        self._seen: tuple[int, int, int] | None = None  # inode, size, mtime of the file
        self._base = ""  # digest of the bytes the file holds now
        self._fd: int | None = None  # the open journal
        self._journal_size = 0
        self._entries = 0
        self._size_at_fold = 0

    # -- opening and closing ---------------------------------------------------------

    def open(self) -> None:
        """Take the lock (or raise naming its holder) and note the file as it is now."""
        self.lock.acquire()
        self.note()

    def finish(self, content: Content) -> None:
        """Fold what the journal holds into the whole file, if it holds anything."""
        if self._fd is not None and self._conflict is None:
            self.write_whole(content)

    def close(self) -> None:
        self._close_journal()
        self.lock.release()

    # -- writing ---------------------------------------------------------------------

    def write_whole(self, content: Content) -> None:
        """The whole file, atomically; the journal is folded in and removed."""
        with _signals_held():
            self._write_whole(content)

    def _write_whole(self, content: Content) -> None:
        data = content()
        self.check(content)
        write_atomic(self.path, data)
        self._seen = _signature(self.path)
        self._base = digest(data)
        self._size_at_fold = max(data.count(b"\n"), FOLD_AT_LEAST)
        self._close_journal()
        with contextlib.suppress(FileNotFoundError):
            self.journal.unlink()

    def append(self, question_id: str, answer: object, updated: str, content: Content) -> None:
        """One change, on disk (fsynced) before returning."""
        with _signals_held():
            self._append(question_id, answer, updated, content)

    def _append(self, question_id: str, answer: object, updated: str, content: Content) -> None:
        if self._fd is None and not self._base:
            self._write_whole(content)  # nothing on disk yet for a journal to continue
            return
        self.check(content)
        line = entry_line(question_id, answer, updated)
        try:
            if self._fd is None:
                self._start_journal(line)
            else:
                _write_all(self._fd, line)
                os.fdatasync(self._fd)
        except OSError as exc:
            raise OutputFileError(f"cannot write: {exc.strerror or exc}", self.path) from None
        self._journal_size += len(line)
        self._entries += 1
        if self._entries >= self._size_at_fold:
            self._write_whole(content)

    def check(self, content: Content) -> None:
        """Raise (keeping this survey's version beside it) if someone else changed the file."""
        if self._conflict is not None:
            raise self._conflict
        if not self._opened or self._unchanged():
            return
        self._close_journal()
        kept = self.keep_aside(content)
        # From now on this survey writes nothing more to the file.
        self._conflict = ChangedOnDiskError(
            "changed on disk by someone else while this survey had it open; it was not "
            f"overwritten, and this survey's answers were saved to {kept}",
            self.path,
        )
        raise self._conflict

    def _unchanged(self) -> bool:
        if _signature(self.path) != self._seen:
            return False
        # Same size and time can still hide a rewrite within one clock tick: the bytes decide.
        if self._seen is not None and self._base and _digest_of(self.path) != self._base:
            return False
        if self._fd is None:
            return True
        try:
            same = os.path.samestat(os.fstat(self._fd), self.journal.stat())
            return same and self.journal.stat().st_size == self._journal_size
        except OSError:
            return False

    def _start_journal(self, line: bytes) -> None:
        head = header_line(self._base)
        fd = os.open(self.journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
        self._fd = fd
        _write_all(fd, head + line)
        os.fsync(fd)
        _fsync_folder(self.path.parent)  # the journal's name must survive a crash too
        self._journal_size = len(head)
        self._entries = 0

    def _close_journal(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None
        self._journal_size = 0
        self._entries = 0

    # -- writers that do not keep the file open (the workshop, the import, the demo) ----

    def note(self) -> None:
        """Take the file as it is now for what this writer last saw (read at start-up)."""
        self._opened = True
        self._seen = _signature(self.path)
        self._base = _digest_of(self.path) if self._seen is not None else ""

    def write_briefly(self, content: Content, merge: Callable[[], None]) -> None:
        """Lock, write the whole file, unlock: one write by a writer that shares the file.

        If the file (or a journal beside it) changed since this writer last saw it,
        ``merge`` first folds what is on disk into what ``content`` gives. A file
        someone else holds open (a running survey) raises the lock's error naming them,
        and nothing is written.
        """
        self.lock.acquire()
        try:
            with _signals_held():
                changed = self.has_journal or (self._opened and not self._unchanged())
                if changed and self.path.is_file():
                    merge()
                data = content()
                write_atomic(self.path, data)
                with contextlib.suppress(FileNotFoundError):
                    self.journal.unlink()  # merged in: its answers are in the file now
                self._opened = True
                self._seen = _signature(self.path)
                self._base = digest(data)
        finally:
            self.lock.release()

    def write_planned(self, data: str | bytes, expected: bytes | None) -> None:
        """Lock, write the whole file if it still holds ``expected``, unlock.

        For a writer that read the folder once and then planned every file (the import,
        the demo): ``expected`` is what the file held then (None: there was none). A file
        changed since, or held open by a running survey, raises and is left as it is.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError as exc:
            raise OutputFileError(
                f"cannot write: {exc.filename} is not a folder", self.path
            ) from None
        except OSError as exc:
            raise OutputFileError(f"cannot write: {exc.strerror or exc}", self.path) from None
        self.lock.acquire()
        try:
            with _signals_held():
                if held(self.path) != expected:
                    raise ChangedOnDiskError(
                        "changed on disk since it was read; it was not replaced", self.path
                    )
                write_atomic(self.path, data)
        finally:
            self.lock.release()

    def keep_aside(self, content: Content) -> Path:
        """This writer's version beside the file, for a person to reconcile."""
        kept = self.path.with_name(f"{self.path.name}.conflict-{_stamp()}")
        write_atomic(kept, content())
        return kept

    @property
    def has_journal(self) -> bool:
        return self.journal.exists()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C, a hang-up or a kill arriving mid-write waits until the write is done.

    Otherwise the exception could land between the write and the note of what was
    written, and this survey would take its own write for someone else's.
    """
    held = {signal.SIGINT, signal.SIGHUP, signal.SIGTERM, signal.SIGTSTP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stamp() -> str:
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime())


def held(path: Path) -> bytes | None:
    """What the file holds now (None: no file), for ``write_planned`` to expect later."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputFileError(f"cannot read: {exc.strerror or exc}", path) from None


def _digest_of(path: Path) -> str:
    try:
        return digest(path.read_bytes())
    except OSError:
        return ""


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
