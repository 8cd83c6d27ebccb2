"""A piped survey of many answers vs the floor: appending and fsyncing one line per answer.

Every answer must be on disk before the next one is read, so the floor is one fsync per
answer; the survey should add little to it and stay linear as the questionnaire grows.
Both sides are whole processes, so the survey also pays ~0.3 s of start-up. Limit: 3x the
floor at the largest size (a few hundred fsyncs dominate on an ordinary disk).

    python bench/bench_survey.py [N ...]   # default: 100 and 500 answers
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import PYTHON, report

from cxmaturity.formats.yamlio import dump_yaml

FLOOR = """
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
for n, line in enumerate(sys.stdin):
    os.write(fd, b'{"id": "q-%d", "answer": %s}\\n' % (n, line.strip().encode()))
    os.fsync(fd)
"""


def questionnaire(count: int) -> dict[str, object]:
    return {
        "format": "cxmaturity.questionnaire/1",
        "id": "bench-long",
        "version": "1",
        "title": "A long questionnaire",
        "departments": [{"id": "ops", "name": "Operations"}],
        "dimensions": [{"id": f"dim-{d}", "name": f"Dimension {d}"} for d in range(8)],
        "questions": [
            {
                "id": f"q-{i}",
                "dimension": f"dim-{i % 8}",
                "text": f"Question {i}: how does the team handle this part of the journey?",
                "options": [
                    f"Option {s} describes a behaviour seen in practice." for s in "abcdef"
                ],
            }
            for i in range(count)
        ],
    }


def timed(command: list[str], stdin: str) -> float:
    start = time.perf_counter()
    subprocess.run(command, input=stdin.encode(), check=True, capture_output=True)
    return time.perf_counter() - start


def measure(root: Path, count: int) -> tuple[float, float]:
    q = root / f"q{count}.yaml"
    q.write_text(dump_yaml(questionnaire(count)), encoding="utf-8")
    stdin = "".join(f"{1 + i % 6}\n" for i in range(count))
    out = root / f"answers-{count}.yaml"
    survey = [PYTHON, "-m", "cxmaturity", "survey", "-q", str(q), "--out", str(out)]
    survey += ["--respondent", "Bench", "--department", "ops"]
    ours = timed(survey, stdin)
    scored = subprocess.run(
        [PYTHON, "-m", "cxmaturity", "score", str(out), "-q", str(q), "--format", "json"],
        capture_output=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stderr
    floor = timed([PYTHON, "-c", FLOOR, str(root / f"floor-{count}.log")], stdin)
    print(f"  {count} answers: survey {ours:.2f}s, floor {floor:.2f}s")
    return ours, floor


def main(sizes: list[int]) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        figures = [measure(Path(tmp), count) for count in sizes]
    ours, floor = figures[-1]
    return report(f"piped survey of {sizes[-1]} answers vs fsync floor", ours, floor, 3.0)


if __name__ == "__main__":
    sys.exit(0 if main([int(a) for a in sys.argv[1:]] or [100, 500]) else 1)
