"""The scoring pipeline in one process vs libyaml parsing the same files in one process.

This isolates what `score` does per file (read, validate, check, score, render JSON) from
interpreter and import start-up, which bench_score.py includes. Limit: 1.3x.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from bench_score import write_workshop
from common import report

from cxmaturity.formats.scores_doc import scores_json
from cxmaturity.usecases.assessment import assess


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        answers = write_workshop(root, 1000)
        files = sorted(answers.glob("*.yaml"))

        def libyaml() -> None:
            for path in files:
                yaml.load(path.read_text(), Loader=yaml.CSafeLoader)

        def pipeline() -> None:
            scores_json(assess([answers], root / "q.yaml").result)

        ours, base = best(pipeline), best(libyaml)
    return report("score pipeline vs libyaml, in one process", ours, base, 1.3)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
