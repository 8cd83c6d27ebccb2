"""Atomic writes: a file holds either its old content or all of the new, never a mix.

The new content goes to a temp file beside the target, is flushed to disk, and is renamed
over the target. Three things make this safe for every writer (commands, survey, import):

- A symlink is written through: the temp file sits beside the link's *target* and replaces
  it, so the link stays and whatever else points at that file sees the new content.
- Only regular files are replaced. Renaming over ``/dev/null`` as root would swap the
  system's device for a plain file; a FIFO or a folder is refused the same way.
- Temp files carry the writing process's id, so one left by a killed run is recognised
  (its process is gone) and removed on the next write beside it.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from cxmaturity.core.errors import OutputFileError
from cxmaturity.formats.kinds import kind_of

_NAME_PART = 80
# Temp files of versions that did not record their process id count as stale after this.
_LEGACY_STALE_SECONDS = 60
_OURS = re.compile(r"^(?P<pid>[0-9]+)-[A-Za-z0-9_]+\.tmp$")
_LEGACY = re.compile(r"^[A-Za-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` so that ``path`` holds either the old content or all of the new.

    A symlink is followed and kept. A missing parent folder is created; anything the
    system refuses becomes one OutputFileError naming the path.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = Path(os.path.realpath(path))
    try:
        _refuse_special(target, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(target)
        _replace_with(target, data)
    except FileExistsError as exc:
        raise OutputFileError(f"cannot write: {exc.filename} is not a folder", path) from None
    except OSError as exc:
        raise OutputFileError(f"cannot write: {exc.strerror or exc}", path) from None


def _refuse_special(target: Path, path: Path) -> None:
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        raise OutputFileError(
            f"cannot write: it is {kind_of(mode)}, not a regular file (use -o - for stdout)",
            path,
        )


def _temp_prefix(target: Path) -> str:
    return f".{target.name[:_NAME_PART]}."


def _replace_with(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(
        prefix=f"{_temp_prefix(target)}{os.getpid()}-", suffix=".tmp", dir=target.parent
    )
    try:
        # mkstemp makes the file private; give it the mode a plain write would have.
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # The rename is what makes the write atomic; spelled out because it is the point.
        os.replace(tmp, target)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    _fsync_dir(target.parent)


def remove_stale_temps(target: Path) -> list[Path]:
    """Remove temp files for ``target`` that no running process is still writing."""
    prefix = _temp_prefix(target)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if entry.name.startswith(prefix) and _stale(entry, entry.name[len(prefix) :]):
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
    return removed


def _stale(entry: os.DirEntry[str], rest: str) -> bool:
    ours = _OURS.match(rest)
    if not (ours or _LEGACY.match(rest)) or not entry.is_file(follow_symlinks=False):
        return False
    if ours is None:
        try:
            age = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            return False
        return age > _LEGACY_STALE_SECONDS
    return not _alive(int(ours["pid"]))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
