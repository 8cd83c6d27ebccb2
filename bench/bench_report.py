"""The board and workshop packs against a fixed floor and against yesterday's report.

1. Floor: WeasyPrint rendering the fixed 12-page ``reference.html`` in this folder, plus
   libyaml (``yaml.CSafeLoader``) parsing the 1,000 answer files, each a fresh process.
   The board pack for 1,000 respondents must take at most 1.5x that floor.
2. The board pack has the same page count for 100 and 1,000 respondents, and its peak
   memory at 1,000 is under 400 MB.
3. The workshop pack for 200 respondents must take at most a quarter of the time the
   report of ``BEFORE`` takes on the same files. ``BEFORE`` is ``main`` just before the
   packs were merged (the first parent of the ``report`` merge): the single report the
   issue measured. It runs from a temporary ``git worktree`` of that commit, its own
   code first on ``PYTHONPATH``, on the same 200 answer files: cx-core 2.0 (which both
   read), 15% of answers commented as in the issue. Set CXM_BEFORE_SECONDS to a figure
   measured earlier to skip its slow runs (it is not warmed up: each run is minutes).

Medians of REPEAT runs after one warm-up. The floor's two commands and the board pack are
run in turns instead (one of each, TURNS times), so a neighbour's load falls on all three alike.
The verdicts compare CPU time (user + system, children included); wall time is printed
too. The machine may be shared: say so with figures.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml
from pypdf import PdfReader

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers

PYTHON = sys.executable
HERE = Path(__file__).resolve().parent
REFERENCE = HERE / "reference.html"
BEFORE = "52072d6"
"""main before the packs: the first parent of the ``report`` merge (4f23dae)."""
COMMENTED = 0.15
REPEAT = 3
TURNS = 5
BOARD_LIMIT = 1.5
MEMORY_LIMIT_MB = 400
WORKSHOP_LIMIT = 0.25

PARSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


@dataclass(frozen=True)
class Sample:
    wall: float
    """Median wall time in seconds."""
    cpu: float
    """Median CPU time (user + system) in seconds: what the verdicts use, since on a
    shared machine wall time mostly measures the neighbours."""
    rss: int
    """Largest peak RSS in MiB."""


def timed(command: Sequence[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall time, CPU time (s) and peak RSS (MiB) of one run of ``command`` (in ``cwd``).

    With ``cwd``, that checkout's code comes first on the path (``PYTHONPATH`` and
    ``python -m``'s working directory), so it runs instead of the installed one.
    """
    env = dict(os.environ, PYTHONPATH=str(cwd)) if cwd else None
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(command)}")
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss // 1024  # Linux reports KiB


def median(command: Sequence[str], cwd: Path | None = None, warm: bool = True) -> Sample:
    """Medians of ``REPEAT`` runs, after one warm-up run unless ``warm`` is false."""
    if warm:
        timed(command, cwd)
    runs = [timed(command, cwd) for _ in range(REPEAT)]
    return Sample(
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def in_turns(*commands: Sequence[str]) -> list[Sample]:
    """Medians of ``TURNS`` runs of each command, taken one of each in turn after a warm-up."""
    for command in commands:
        timed(command)
    runs = [[timed(command) for command in commands] for _ in range(TURNS)]
    return [
        Sample(
            statistics.median(turn[i][0] for turn in runs),
            statistics.median(turn[i][1] for turn in runs),
            max(turn[i][2] for turn in runs),
        )
        for i in range(len(commands))
    ]


def pack(folder: Path, out: Path, kind: str) -> list[str]:
    return [PYTHON, "-m", "cxmaturity", "report", str(folder), "-o", str(out), "--pack", kind]


@contextmanager
def before_checkout(root: Path) -> Iterator[Path]:
    """A temporary ``git worktree`` of ``BEFORE``, removed afterwards."""
    repo = str(HERE.parent)
    subprocess.run(
        ["git", "-C", repo, "worktree", "add", "--detach", str(root), BEFORE],
        check=True,
        capture_output=True,
    )
    try:
        yield root
    finally:
        subprocess.run(["git", "-C", repo, "worktree", "remove", "--force", str(root)])


def commented_answers(folder: Path, respondents: int) -> Path:
    """cx-core 2.0 answers with ``COMMENTED`` of all answers carrying a comment."""
    q = load_questionnaire("cx-core")
    demo = load_demo()
    dimension = {question.id: question.dimension for question in q.model.questions}
    paths = write_answers(q, folder, demo.seed, respondents // 10)
    files = [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in paths]
    answers = [a for _, data in files for a in data["answers"].items()]
    have = sum(isinstance(value, dict) for _, value in answers)
    # The demo comments some answers already; top up to the share the issue measured.
    share = max(0.0, (COMMENTED * len(answers) - have) / (len(answers) - have))
    rng = random.Random(demo.seed)
    for path, data in files:
        for qid, value in data["answers"].items():
            if not isinstance(value, dict) and rng.random() < share:
                comment = rng.choice(demo.comments[dimension[qid]])
                data["answers"][qid] = {"stage": value, "comment": comment}
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return folder


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        q = load_questionnaire("cx-core")
        crowds = {n: folder / f"answers-{n}" for n in (100, 1000)}
        for n, path in crowds.items():
            write_answers(q, path, load_demo().seed, n // 10)
        crowds[200] = commented_answers(folder / "answers-200", 200)

        weasy, parse, board = in_turns(
            [PYTHON, "-m", "weasyprint", str(REFERENCE), str(folder / "ref.pdf")],
            [PYTHON, "-c", PARSE, str(crowds[1000])],
            pack(crowds[1000], folder / "b1000.pdf", "board"),
        )
        floor = weasy.cpu + parse.cpu
        reference_pages = len(PdfReader(folder / "ref.pdf").pages)
        timed(pack(crowds[100], folder / "b100.pdf", "board"))
        pages = {n: len(PdfReader(folder / f"b{n}.pdf").pages) for n in (100, 1000)}
        print(
            f"floor: WeasyPrint on the {reference_pages}-page reference CPU {weasy.cpu:.2f}s "
            f"(wall {weasy.wall:.2f}s)"
        )
        print(
            f"     + libyaml parsing 1,000 answer files CPU {parse.cpu:.2f}s "
            f"(wall {parse.wall:.2f}s) = CPU {floor:.2f}s"
        )
        ratio = board.cpu / floor
        wall_ratio = board.wall / (weasy.wall + parse.wall)
        print(
            f"board pack, 1,000 respondents: CPU {board.cpu:.2f}s (wall {board.wall:.2f}s) "
            f"= {ratio:.2f}x floor on CPU, {wall_ratio:.2f}x on wall (limit {BOARD_LIMIT}x) "
            f"{'ok' if ratio <= BOARD_LIMIT else 'TOO SLOW'}"
        )
        print(
            f"board pack pages: {pages[100]} at 100, {pages[1000]} at 1,000 "
            f"{'ok' if pages[100] == pages[1000] <= 12 else 'DIFFERENT'}"
        )
        print(
            f"board pack peak RSS at 1,000: {board.rss} MiB (limit {MEMORY_LIMIT_MB}) "
            f"{'ok' if board.rss < MEMORY_LIMIT_MB else 'TOO BIG'}"
        )
        ok = ratio <= BOARD_LIMIT and pages[100] == pages[1000] <= 12
        ok = ok and board.rss < MEMORY_LIMIT_MB

        workshop = median(pack(crowds[200], folder / "w200.pdf", "workshop"))
        wpages = len(PdfReader(folder / "w200.pdf").pages)
        given = os.environ.get("CXM_BEFORE_SECONDS")
        if given:
            before = Sample(float(given), float(given), 0)
            note = "given in CXM_BEFORE_SECONDS"
        else:
            with before_checkout(folder / "before") as old:
                command = [PYTHON, "-m", "cxmaturity", "report", str(crowds[200]), "-o"]
                before = median([*command, str(folder / "old.pdf")], cwd=old, warm=False)
            note = f"report at {BEFORE}, {len(PdfReader(folder / 'old.pdf').pages)} pages"
        share = workshop.cpu / before.cpu
        print(
            f"workshop pack, 200 respondents: CPU {workshop.cpu:.2f}s "
            f"(wall {workshop.wall:.2f}s), {wpages} pages, peak {workshop.rss} MiB"
        )
        print(
            f"  vs today's report CPU {before.cpu:.2f}s (wall {before.wall:.2f}s; {note}) "
            f"= {share:.2f} (limit {WORKSHOP_LIMIT}) "
            f"{'ok' if share <= WORKSHOP_LIMIT else 'TOO SLOW'}"
        )
        ok = ok and share <= WORKSHOP_LIMIT
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
