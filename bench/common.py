"""Helpers shared by the benchmarks: timing whole commands the way a user runs them."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence

PYTHON = sys.executable


def best_of(command: Sequence[str], repeat: int = 5) -> tuple[float, float]:
    """Best and median wall time of a command, in seconds, after one warm-up run."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def report(name: str, ours: float, baseline: float, limit: float, unit: str = "s") -> bool:
    ratio = ours / baseline
    verdict = "ok" if ratio <= limit else "TOO SLOW"
    print(
        f"{name}: {ours:.3f}{unit} vs baseline {baseline:.3f}{unit} = {ratio:.2f}x "
        f"(limit {limit}x) {verdict}"
    )
    return ratio <= limit
