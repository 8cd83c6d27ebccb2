"""Helpers shared by the benchmarks: timing whole commands the way a user runs them."""

from __future__ import annotations

import compileall
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

PYTHON = sys.executable
PACKAGE = Path(__file__).resolve().parent.parent / "cxmaturity"


def compile_package() -> None:
    """Write the package's bytecode, as installing a wheel does.

    An editable install run with PYTHONDONTWRITEBYTECODE (as in some containers) would
    otherwise compile every module from source on every run, while the libraries on the
    baseline's side (PyYAML, Typer) were compiled when pip installed them.
    """
    compileall.compile_dir(PACKAGE, quiet=1)


def best_of(command: Sequence[str], repeat: int = 5) -> tuple[float, float]:
    """Best and median wall time of a command, in seconds, after one warm-up run."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


class Timing(NamedTuple):
    best: float
    median: float
    cpu: float
    """Median CPU time (user + system) of the command and every process it waited for."""


def interleaved(commands: Sequence[Sequence[str]], repeat: int = 5) -> list[Timing]:
    """Wall and CPU times of each command, run in turns after one warm-up each.

    Taking turns spreads a busy machine's load over every command alike, so the ratio of
    two medians measured this way holds up better than the times themselves; CPU time
    moves less with the load than wall time does.
    """
    for command in commands:
        subprocess.run(command, check=True, capture_output=True)
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, wall, cpu in zip(commands, walls, cpus, strict=True):
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall.append(time.perf_counter() - start)
            cpu.append(_children_cpu() - before)
    return [
        Timing(min(wall), statistics.median(wall), statistics.median(cpu))
        for wall, cpu in zip(walls, cpus, strict=True)
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(name: str, ours: float, baseline: float, limit: float, unit: str = "s") -> bool:
    ratio = ours / baseline
    verdict = "ok" if ratio <= limit else "TOO SLOW"
    print(
        f"{name}: {ours:.3f}{unit} vs baseline {baseline:.3f}{unit} = {ratio:.2f}x "
        f"(limit {limit}x) {verdict}"
    )
    return ratio <= limit
