"""What the console script changes about its own process; ``main()`` alone calls these.

A command run from a shell is a short process that is the machine's to use: it may
fork a helper onto an idle core, hold the cyclic garbage collector back while it reads
and builds, and end without tearing a PDF's objects down. A library caller (the tests, a
notebook, the web server's handlers) gets none of this unless it asks: the use cases,
renderers and readers below make no such decision themselves.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

ONE_PROCESS = "CXMATURITY_ONE_PROCESS"
"""Set (to anything) to read every file in this process, e.g. to compare timings."""

PDF_COMMANDS = frozenset({"report", "demo", "export"})
"""The commands that lay out a PDF: hundreds of thousands of boxes, all alive until the
file is written, which the collector would rescan again and again, and which are not worth
freeing one by one at exit."""


LONG_RUNNING = frozenset({"survey", "workshop"})
"""The commands that stay up while people answer: they keep the collector's defaults."""


def command(args: Sequence[str]) -> str | None:
    """The command named on the command line (the app's own options take no value)."""
    return next((arg for arg in args if not arg.startswith("-")), None)


def a_core_is_free() -> bool:
    """Whether a core is idle now: a helper process on a busy machine only adds work."""
    if os.environ.get(ONE_PROCESS) or not hasattr(os, "sched_getaffinity"):
        return False
    cores = len(os.sched_getaffinity(0))
    return cores > 1 and busy_cores() < cores


def busy_cores() -> float:
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


def collect_less() -> None:
    """Hold the cyclic garbage collector back for the rest of this run.

    A command keeps what it builds alive until it ends and makes few reference cycles: a
    batch of answer files (about 5% of ``score`` on 1,000 files) and, above all, a PDF's
    layout, hundreds of thousands of boxes (about a tenth of a board pack's CPU time). Each
    of the collector's default passes scans that growing heap and frees nothing. What
    start-up made is frozen (never scanned again) and passes are rarer. Peak memory is
    unchanged (measured).
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def end_now(code: int) -> NoReturn:
    """End without tearing this run's objects down one by one.

    Once a PDF is written, freeing WeasyPrint's boxes, fonts and cffi handles at exit costs
    about 0.4 s of a 3.5 s report; nothing in them needs it. What a normal exit still does
    is done: exit handlers (temporary folders, logging), then flushing.
    """
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
