"""Reading a batch of answer files, in two processes when the batch is large enough to pay.

Parsing YAML is most of the time ``score`` spends on a large folder. A forked second
process reads the second half of the files while this one reads the first; each file's
outcome comes back in order, so the answer sets, warnings and errors are exactly those
of reading the files one by one. A file that fails in the helper is read again here, so
its error is raised by the same code, with the same location, as without the helper.

Whether this process may fork at all is its owner's decision: the console script's
``main()`` lends a probe that says when a core is free (``lend_cores``); a library caller
that lends none reads every file in its own process. This module imports little, so
``main()`` can lend the probe before any command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from cxmaturity.core.errors import CxMaturityError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from cxmaturity.core.loaded import AnswerSet

PARALLEL_FROM = 200
"""Below this many files, starting a second process costs more than it saves."""

_free_core: Callable[[], bool] | None = None


def lend_cores(free_core: Callable[[], bool] | None) -> None:
    """Let a large batch be read in two processes whenever ``free_core()`` says a core is
    idle; None takes the loan back. Called by the console script's ``main()`` only."""
    global _free_core
    _free_core = free_core


Found = Sequence[tuple[Path, bool]]
Outcome: TypeAlias = "tuple[AnswerSet | None, list[str]] | None"
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
    """Whether to fork a helper: a large batch, a core lent and free now, and ``fork`` to
    start it with (fork shares the imported modules for free; other start methods would
    import them again)."""
    if count < PARALLEL_FROM or sys.platform != "linux" or _free_core is None:
        return False
    return _free_core()


def _read_here(
    found: Found, sets: list[AnswerSet], errors: list[CxMaturityError], warnings: list[str]
) -> None:
    from cxmaturity.formats.answers import read_answer_file

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
    from cxmaturity.formats.answers import read_answer_file

    outcomes: list[Outcome] = []
    for path, in_folder in share:
        file_warnings: list[str] = []
        try:
            outcomes.append((read_answer_file(path, in_folder, file_warnings), file_warnings))
        except CxMaturityError:
            outcomes.append(None)
    return outcomes
