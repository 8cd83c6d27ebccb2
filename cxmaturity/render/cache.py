"""The user's cache folder for what rendering can keep between runs.

Only a folder of this user's, closed to others, is used (as Jinja does for its own
default): anything found in it is trusted to be ours. Everything kept there can be made
again, so a folder that cannot be used simply means no cache.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from cxmaturity.core.errors import OutputFileError
from cxmaturity.formats.atomic import write_atomic


def cache_folder(name: str) -> Path | None:
    """``<cache>/cxmaturity/<name>``, created if need be, or None when it is not safe to use."""
    given = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG rule: a relative path is to be ignored.
    base = Path(given) if Path(given).is_absolute() else Path("~/.cache").expanduser()
    folder = base / "cxmaturity" / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(found.st_mode) or found.st_uid != os.getuid() or found.st_mode & 0o077:
        return None
    return folder


def read_kept(file: Path) -> object:
    """What ``keep`` wrote to ``file``, or None when it is missing or unreadable; the caller
    checks its shape, since anything there is only a cache."""
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def keep(file: Path, data: object) -> None:
    """Write ``data`` to ``file`` as JSON. A cache that cannot be written costs its work
    again next time, nothing more: it never fails a command."""
    with contextlib.suppress(OutputFileError, OSError):
        write_atomic(file, json.dumps(data, ensure_ascii=False))
