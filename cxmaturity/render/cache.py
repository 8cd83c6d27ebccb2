"""What rendering keeps: compiled templates, hyphenated words, fonts' character maps.

The caller builds one ``RenderCache`` and hands it to the renderers that use it
(``html``, ``hyphens``, ``glyphs``); none of them keeps anything of its own. Its folder
is one of the user's, closed to others (as Jinja does for its own default): anything
found in it is trusted to be ours. Everything kept there can be made again, so a folder
that cannot be used simply means no cache.

Where to keep files is the process's decision: the console script's ``main()`` lends the
user's cache folder to the renderers (``lend``); a caller that passes no cache gets the
lent one, or else one that keeps things in memory only.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar, cast

from cxmaturity.core.errors import OutputFileError
from cxmaturity.formats.atomic import write_atomic

Made = TypeVar("Made")

KEPT_IN_MEMORY = 64
"""Objects one cache holds at most (environments, languages' words, fonts' maps)."""


class RenderCache:
    """Files kept between runs under ``base`` (None: none), and objects made in this run."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = base
        self._made: OrderedDict[Hashable, object] = OrderedDict()

    @classmethod
    def of_user(cls) -> RenderCache:
        """``<cache>/cxmaturity``: ``$XDG_CACHE_HOME`` when absolute, else ``~/.cache``."""
        given = os.environ.get("XDG_CACHE_HOME", "")
        # The XDG rule: a relative path is to be ignored.
        base = Path(given) if Path(given).is_absolute() else Path("~/.cache").expanduser()
        return cls(base / "cxmaturity")

    def folder(self, name: str) -> Path | None:
        """``<base>/<name>``, created if need be, or None when it is not safe to use."""
        if self.base is None:
            return None
        folder = self.base / name
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            found = folder.lstat()
        except OSError:
            return None
        mode = found.st_mode
        if not stat.S_ISDIR(mode) or found.st_uid != os.getuid() or mode & 0o077:
            return None
        return folder

    def made(self, key: Hashable, make: Callable[[], Made]) -> Made:
        """What ``make()`` returns for ``key``, made once while this cache holds it."""
        if key in self._made:
            self._made.move_to_end(key)
        else:
            self._made[key] = make()
            if len(self._made) > KEPT_IN_MEMORY:
                self._made.popitem(last=False)
        return cast(Made, self._made[key])


_lent = RenderCache()


def lend(cache: RenderCache) -> None:
    """Make ``cache`` the one renderers use when their caller passes none (``main()``)."""
    global _lent
    _lent = cache


def lent(cache: RenderCache | None = None) -> RenderCache:
    """``cache``, or the one lent to this process."""
    return _lent if cache is None else cache


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
