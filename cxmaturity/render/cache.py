"""The user's cache folder for what rendering can keep between runs.

Only a folder of this user's, closed to others, is used (as Jinja does for its own
default): anything found in it is trusted to be ours. Everything kept there can be made
again, so a folder that cannot be used simply means no cache.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


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
