"""`score` on 1,000 answer files of a 64-question questionnaire vs libyaml parsing them alone.

Limit: 1.3x, on medians. Both sides are whole processes, as a CI job would run them, so
`score` also pays a fixed start-up for the interpreter, Typer and pydantic; a 5,000-file run
is printed too, to show how that fixed cost weighs less as the batch grows. `score` reads a
large folder in two processes when a core is free; the one-process figure is printed too.
The variants run in turns, so a busy machine weighs on each alike, and CPU time is printed
beside wall time. Last, the parse alone, in this process: the strict reader against libyaml's
own loader.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from common import PYTHON, compile_package, interleaved, report

from cxmaturity.cli.process import ONE_PROCESS
from cxmaturity.formats import yamlevents
from cxmaturity.formats.yamlio import dump_yaml

DEPARTMENTS = [f"dep-{i}" for i in range(8)]
DIMENSIONS = [f"dim-{i}" for i in range(8)]


def questionnaire() -> dict[str, object]:
    questions = [
        {
            "id": f"q-{i:02d}",
            "dimension": DIMENSIONS[i % 8],
            "text": f"Question {i} about how the team works with customers?",
            "weight": [1, 1.5, 0.5, 2][i % 4],
            **({"departments": DEPARTMENTS[:4]} if i % 16 == 5 else {}),
            "options": [f"Option {s} describes a behaviour seen in practice." for s in "abcdef"],
        }
        for i in range(64)
    ]
    return {
        "format": "cxmaturity.questionnaire/1",
        "id": "bench",
        "version": "1",
        "title": "Bench",
        "departments": [{"id": d, "name": d.title()} for d in DEPARTMENTS],
        "dimensions": [{"id": d, "name": d.title()} for d in DIMENSIONS],
        "questions": questions,
    }


def answer_file(rng: random.Random, n: int, q: dict[str, object]) -> dict[str, object]:
    dep = DEPARTMENTS[n % 8]
    answers: dict[str, object] = {}
    for question in q["questions"]:  # type: ignore[attr-defined]
        if "departments" in question and dep not in question["departments"]:
            continue
        roll = rng.random()
        value: object = rng.randint(1, 6)
        if roll < 0.05:
            value = "unknown"
        elif roll < 0.08:
            value = "n/a"
        elif roll < 0.12:
            value = {"stage": value, "comment": "A comment a respondent typed about this."}
        answers[question["id"]] = value
    return {
        "format": "cxmaturity.answers/1",
        "questionnaire": {"id": "bench", "version": "1"},
        "respondent": {"name": f"Person {n}", "role": "Manager", "department": dep},
        "started": "2026-11-23T09:00:00Z",
        "updated": "2026-11-23T09:20:00Z",
        "answers": answers,
    }


BASELINE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
"""


def main() -> bool:
    compile_package()
    ok = measure(1000)
    readers(1000)
    measure(5000)
    return ok


def write_workshop(root: Path, count: int) -> Path:
    """Write the questionnaire to root/q.yaml and ``count`` answer files to root/answers/."""
    rng = random.Random(7)
    q = questionnaire()
    (root / "q.yaml").write_text(dump_yaml(q))
    answers = root / "answers"
    answers.mkdir()
    for n in range(count):
        (answers / f"r{n:04d}.yaml").write_text(dump_yaml(answer_file(rng, n, q)))
    return answers


def measure(count: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        answers = write_workshop(root, count)
        command = [PYTHON, "-m", "cxmaturity", "score", str(answers), "-q", str(root / "q.yaml")]
        command += ["--format", "json"]
        # In turns, so a busy machine weighs on every variant alike.
        ours, one, base = interleaved(
            [
                command,
                ["env", f"{ONE_PROCESS}=1", *command],
                [PYTHON, "-c", BASELINE, str(answers)],
            ],
            repeat=7,
        )
    print(
        f"score, {count:,} files x 64 questions: median {ours.median:.3f}s "
        f"(best {ours.best:.3f}s, CPU {ours.cpu:.3f}s); in one process: median "
        f"{one.median:.3f}s (CPU {one.cpu:.3f}s); libyaml alone: median {base.median:.3f}s "
        f"(best {base.best:.3f}s, CPU {base.cpu:.3f}s)"
    )
    report(f"score vs libyaml, {count:,} files, one process, CPU", one.cpu, base.cpu, 1.3)
    report(f"score vs libyaml, {count:,} files, one process", one.median, base.median, 1.3)
    return report(
        f"score vs libyaml, {count:,} files, whole processes", ours.median, base.median, 1.3
    )


def readers(count: int) -> None:
    """CPU time of the strict event reader against libyaml's own C loader, in this process.

    Both get the same texts: this is the parse alone, without reading files or start-up.
    """
    with tempfile.TemporaryDirectory() as tmp:
        texts = [p.read_text() for p in sorted(write_workshop(Path(tmp), count).glob("*"))]
    ours = _cpu(lambda: [yamlevents.load(text) for text in texts])
    theirs = _cpu(lambda: [yaml.load(text, Loader=yaml.CSafeLoader) for text in texts])
    print(
        f"parsing {count:,} answer files in-process (CPU, best of 5): strict event reader "
        f"{ours:.3f}s, yaml.CSafeLoader {theirs:.3f}s = {ours / theirs:.2f}x"
    )


def _cpu(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
