"""The workshop's folder: held by one server at a time, and scored as ``score`` scores it.

The projector rescores the folder after every answer through ``assess_folder``, so it
shows the same respondents and figures as ``cxmaturity score DIR``; ``KeptFiles`` spares
it parsing unchanged files again.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from cxmaturity.core.errors import InvalidFileError, NoAnswersError
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.formats.answers import read_answer_file
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.journal import journal_path
from cxmaturity.formats.lock import FileLock
from cxmaturity.formats.yamlio import read_bytes
from cxmaturity.usecases.assessment import Assessment, assess_folder

FolderLock = FileLock
"""The lock a running workshop holds on its folder; ``describe`` says where it serves."""


def hold_folder(folder: Path, state: Path) -> FolderLock:
    """One workshop per folder: hold the lock in ``state`` (the server's own folder inside
    ``folder``), or raise naming its holder.

    Two servers would each keep their own tokens and lock people out of their own answers.
    The kernel drops the lock when the process ends, however it ends, so a server that
    died leaves nothing that blocks the next one.
    """
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    busy = (
        "a workshop is already running on this folder ({holder}); stop it or use another --out-dir"
    )
    lock = FileLock(state / "server", busy=busy)
    lock.target = folder
    lock.acquire()
    return lock


class KeptFiles:
    """Answer files as last parsed, read again only when they (or their journal) changed.

    The projector rescores the folder after every answer; parsing fifty unchanged files
    each time would take the time the phones' answers need.
    """

    def __init__(self) -> None:
        self._kept: dict[Path, tuple[tuple[int, ...], AnswerSet | None]] = {}
        self._lock = threading.Lock()

    def read(self, path: Path, in_folder: bool, warnings: list[str]) -> AnswerSet | None:
        mark = _mark(path)
        with self._lock:
            kept = self._kept.get(path)
        if kept is not None and kept[0] == mark:
            return kept[1]
        found = read_answer_file(path, in_folder, warnings)
        with self._lock:
            self._kept[path] = (mark, found)
        return found


def _mark(path: Path) -> tuple[int, ...]:
    mark: tuple[int, ...] = ()
    for each in (path, journal_path(path)):
        try:
            st = each.stat()
        except FileNotFoundError:
            mark += (0,)
            continue
        mark += (st.st_ino, st.st_size, st.st_mtime_ns)
    return mark


def folder_assessment(
    loaded: LoadedQuestionnaire, folder: Path, kept: KeptFiles | None = None
) -> Assessment | None:
    """The workshop folder scored as ``cxmaturity score DIR`` scores it; None before any answer."""
    try:
        read = kept.read if kept is not None else None
        return assess_folder(loaded, folder, [], read)
    except NoAnswersError:
        return None


def read_state(path: Path) -> dict[str, Any]:
    """A workshop's ``state.json`` (its codes and hashed tokens), or nothing before the first
    run; a file that is not one is refused rather than replaced."""
    if not path.exists():
        return {}
    try:
        data = json.loads(read_bytes(path))
    except ValueError as exc:
        raise InvalidFileError(f"not a workshop state file ({exc})", path) from None
    valid = (
        isinstance(data, dict)
        and all(isinstance(data.get(k), str) for k in ("join_code", "facilitator_token"))
        and isinstance(data.get("secret"), str)
        and isinstance(data.get("respondents"), dict)
    )
    if not valid:
        raise InvalidFileError("not a workshop state file (delete it to start afresh)", path)
    state: dict[str, Any] = data
    return state


def write_state(path: Path, state: dict[str, Any]) -> None:
    """Write ``state.json`` atomically, readable by its owner only (it holds the
    facilitator's token)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    write_atomic(path, json.dumps(state, indent=1) + "\n")
