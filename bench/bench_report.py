"""`report` end to end vs WeasyPrint alone on the same HTML, for 200 respondents.

The issue's bar: the whole command (read 200 answer files, score, plan, render HTML,
write the PDF) takes at most 1.25x what WeasyPrint's own command line takes to turn the
HTML that `report --html` wrote into a PDF. Both run as fresh processes, so both pay for
Python start-up and importing WeasyPrint. Peak memory is each process's maximum RSS.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

from cxmaturity.demo import load_demo, write_answers
from cxmaturity.formats.loading import load_questionnaire

PYTHON = sys.executable
LIMIT = 1.25
REPEAT = 3


def timed(command: Sequence[str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MiB of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024  # Linux reports KiB


def measure(command: Sequence[str]) -> tuple[float, float, int]:
    """Best and median time, and the largest peak RSS, after one warm-up run."""
    timed(command)
    runs = [timed(command) for _ in range(REPEAT)]
    times = [t for t, _ in runs]
    return min(times), statistics.median(times), max(m for _, m in runs)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_answers(
            load_questionnaire("cx-core"), folder / "answers", load_demo().seed, 20
        )
        html, ours_pdf, base_pdf = folder / "r.html", folder / "r.pdf", folder / "w.pdf"
        cxm = [PYTHON, "-m", "cxmaturity", "report", str(folder / "answers"), "-o", str(ours_pdf)]
        report = [*cxm, "--html", str(html), "--org", "Benchmark Ltd"]
        weasy = [PYTHON, "-m", "weasyprint", str(html), str(base_pdf)]
        ours_best, ours_median, ours_rss = measure(report)
        base_best, base_median, base_rss = measure(weasy)
        pages = len(PdfReader(ours_pdf).pages)
        base_pages = len(PdfReader(base_pdf).pages)
    ratio = ours_best / base_best
    print(f"{len(paths)} respondents in 10 departments, {pages} pages (baseline {base_pages})")
    for name, best, median, rss in (
        ("report end to end", ours_best, ours_median, ours_rss),
        ("WeasyPrint alone ", base_best, base_median, base_rss),
    ):
        print(f"{name}: best {best:.2f}s, median {median:.2f}s, peak RSS {rss} MiB")
    verdict = "ok" if ratio <= LIMIT else "TOO SLOW"
    print(f"ratio {ratio:.2f}x (limit {LIMIT}x) {verdict}")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
