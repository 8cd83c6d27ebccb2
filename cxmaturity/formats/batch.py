"""Reading a batch of answer files, in two processes when the batch is large enough to pay.

Parsing YAML is most of the time ``score`` spends on a large folder. A forked second
process reads the second half of the files while this one reads the first; each file's
outcome comes back in order, so the answer sets, warnings and errors are exactly those
of reading the files one by one. A file that fails in the helper is read again here, so
its error is raised by the same code, with the same location, as without the helper.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.loaded import AnswerSet
from cxmaturity.formats.answers import read_answer_file

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PARALLEL_FROM = 200
"""Below this many files, starting a second process costs more than it saves."""

ONE_PROCESS = "CXMATURITY_ONE_PROCESS"
"""Set (to anything) to read every file in this process, e.g. to compare timings."""

Found = Sequence[tuple[Path, bool]]
Outcome = tuple[AnswerSet | None, list[str]] | None
"""One file read in the helper: its answer set (None if skipped) and warnings; None if it failed."""


def read_answer_files(
    found: Found, warnings: list[str]
) -> tuple[list[AnswerSet], list[CxMaturityError]]:
    """Every answer set and every error of ``found`` (paths, and whether from a folder)."""
    split = len(found) // 2 if worth_a_second_process(len(found)) else len(found)
    sets: list[AnswerSet] = []
    errors: list[CxMaturityError] = []
    if split == len(found):
        _read_here(found, sets, errors, warnings)
        return sets, errors
    pool, future = _start(found[split:])
    try:
        _read_here(found[:split], sets, errors, warnings)
        outcomes = future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for item, outcome in zip(found[split:], outcomes, strict=True):
        if outcome is None:
            _read_here([item], sets, errors, warnings)
            continue
        answer_set, file_warnings = outcome
        warnings += file_warnings
        if answer_set is not None:
            sets.append(answer_set)
    return sets, errors


def worth_a_second_process(count: int) -> bool:
    """Whether to fork a helper: a large batch, a free core, and ``fork`` to start it with.

    fork shares the imported modules for free (other start methods would import them
    again); on a machine whose cores are all busy a helper only adds work.
    """
    if count < PARALLEL_FROM or sys.platform != "linux" or os.environ.get(ONE_PROCESS):
        return False
    cores = len(os.sched_getaffinity(0))
    return cores > 1 and _busy_cores() < cores


def _busy_cores() -> float:
    """How many cores are busy now, this process included.

    The kernel's count of runnable tasks is what is true this instant; the one-minute load
    average lags, so a run of commands (a CI job, a benchmark) saw its own earlier runs as
    load and never forked.
    """
    try:
        running = Path("/proc/loadavg").read_text().split()[3].split("/")[0]
        return int(running)
    except (OSError, IndexError, ValueError):
        return os.getloadavg()[0] + 1


def _read_here(
    found: Found, sets: list[AnswerSet], errors: list[CxMaturityError], warnings: list[str]
) -> None:
    for path, in_folder in found:
        try:
            answer_set = read_answer_file(path, in_folder, warnings)
        except CxMaturityError as exc:
            errors.append(exc)
            continue
        if answer_set is not None:
            sets.append(answer_set)


def _start(share: Found) -> tuple[ProcessPoolExecutor, Future[list[Outcome]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_ignore_interrupts,
    )
    return pool, pool.submit(_read_share, list(share))


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group: only the parent reports it, once.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _read_share(share: list[tuple[Path, bool]]) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for path, in_folder in share:
        file_warnings: list[str] = []
        try:
            outcomes.append((read_answer_file(path, in_folder, file_warnings), file_warnings))
        except CxMaturityError:
            outcomes.append(None)
    return outcomes
