"""The one input rule: regular files only, size-capped before reading, UTF-8 with a place.

Every file the tool reads comes through ``read_input``. A named pipe would block a read
forever and ``/dev/zero`` would never end, so the path is looked at before it is opened,
and the size is checked before a byte is read. The descriptor is opened without blocking
and looked at again, so a file swapped for a pipe in between is still refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cxmaturity.errors import InputFileError, SyntaxProblem
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
