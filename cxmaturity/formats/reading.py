"""The one input rule: regular files only, size-capped before reading, UTF-8 with a place.

Every file the tool reads comes through ``read_input``. A named pipe would block a read
forever and ``/dev/zero`` would never end, so the path is looked at before it is opened,
and the size is checked before a byte is read. The descriptor is opened without blocking
and looked at again, so a file swapped for a pipe in between is still refused.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path

from cxmaturity.core.errors import InputFileError, SyntaxProblem
from cxmaturity.formats.kinds import kind_of

_CHUNK = 1 << 20


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; InputFileError for anything else."""
    try:
        _check(path.stat(), path, max_bytes)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except PermissionError:
        raise InputFileError("permission denied", path) from None
    except OSError as exc:
        raise InputFileError(exc.strerror or str(exc), path) from None
    try:
        _check(os.fstat(fd), path, max_bytes)
        return _read_capped(fd, path, max_bytes)
    except OSError as exc:
        raise InputFileError(exc.strerror or str(exc), path) from None
    finally:
        os.close(fd)


def input_size(path: Path, max_bytes: int) -> int:
    """The size of a regular file within the cap, checked without opening it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except OSError as exc:
        raise InputFileError(exc.strerror or str(exc), path) from None
    _check(info, path, max_bytes)
    return info.st_size


def _check(info: os.stat_result, path: Path, max_bytes: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"not a regular file: it is {kind_of(info.st_mode)}", path)
    if info.st_size > max_bytes:
        raise InputFileError(
            f"the file is {info.st_size:,} bytes; the limit is {max_bytes:,}", path
        )


def _read_capped(fd: int, path: Path, max_bytes: int) -> bytes:
    # A file that grows while it is read is still cut off at the cap.
    chunks: list[bytes] = []
    total = 0
    while chunk := os.read(fd, _CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise InputFileError(f"the file grew past the limit of {max_bytes:,} bytes", path)
        chunks.append(chunk)
    return b"".join(chunks)


def decode_utf8(raw: bytes, path: Path, hint: str = "is this a binary file?") -> str:
    """UTF-8 text (a leading byte-order mark dropped); a located error for anything else."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SyntaxProblem(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); {hint}", path, line, column
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise SyntaxProblem(f"contains a NUL byte; {hint}", path, line) from None
    return text


def read_text(path: Path, max_bytes: int, hint: str = "is this a binary file?") -> str:
    """``read_input`` and ``decode_utf8`` in one."""
    return decode_utf8(read_input(path, max_bytes), path, hint)


def read_inside(root: Path, path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file under ``root``, opened once and checked as opened.

    Checking a path and then opening it again lets a file be swapped for a symlink in
    between. So the file is opened once, without following a final symlink (a link
    inside the folder is first resolved to its target, and that target opened the same
    way), and the *opened descriptor* is then checked: a regular file within the size
    cap whose real location is inside ``root``. Only that descriptor is read.
    """
    outside = InputFileError("a symlink that leads outside the template folder", path)
    target = path.resolve() if path.is_symlink() else path
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # swapped for a symlink since it was looked at
            raise outside from None
        raise InputFileError(exc.strerror or str(exc), path) from None
    try:
        info = os.fstat(fd)
        _check(info, path, max_bytes)
        if not _opened_inside(fd, info, target, root.resolve()):
            raise outside
        return _read_capped(fd, path, max_bytes)
    except OSError as exc:
        raise InputFileError(exc.strerror or str(exc), path) from None
    finally:
        os.close(fd)


def _opened_inside(fd: int, info: os.stat_result, target: Path, root: Path) -> bool:
    opened = _opened_path(fd)
    if opened is not None:
        return opened.is_relative_to(root)
    # No way to ask where a descriptor points: the path must still resolve inside the
    # folder and name the very file that was opened.
    real = target.resolve()
    try:
        return real.is_relative_to(root) and os.path.samestat(info, real.stat())
    except OSError:
        return False


def _opened_path(fd: int) -> Path | None:
    """Where an open descriptor really is (Linux: /proc; macOS: F_GETPATH), or None."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/self/fd/{fd}").readlink()
    get_path = getattr(fcntl, "F_GETPATH", None)
    if get_path is not None:
        with contextlib.suppress(OSError):
            raw = fcntl.fcntl(fd, get_path, bytes(1024))
            return Path(os.fsdecode(raw.split(b"\0", 1)[0]))
    return None


def walk_folder(folder: Path, max_depth: int, max_entries: int) -> list[Path]:
    """Every entry under ``folder``, sorted, walked with a list rather than recursion, so
    a folder 1,200 levels deep is one error instead of a RecursionError."""
    found: list[Path] = []
    pending = [(folder, 0)]
    while pending:
        current, depth = pending.pop()
        if depth >= max_depth:
            raise InputFileError(f"folders nested deeper than {max_depth} levels", current)
        try:
            children = sorted(current.iterdir())
        except OSError as exc:
            raise InputFileError(exc.strerror or str(exc), current) from None
        for child in children:
            found.append(child)
            if len(found) > max_entries:
                raise InputFileError(f"more than {max_entries:,} files in the folder", folder)
            if child.is_dir() and not child.is_symlink():
                pending.append((child, depth + 1))
    return sorted(found)
