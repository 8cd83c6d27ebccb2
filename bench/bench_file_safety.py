"""Issue 9: the caps keep every command bounded, and a bad file costs no more than a good one.

Each case runs the real command as a fresh process and reports its wall time and peak
RSS (the process's own maximum resident set):

- a questionnaire at the caps (500 questions, 50 dimensions, 100 departments, names of 200
  characters): `validate` and `score` with 100 respondents, both `report` packs with 300
  (three per department, the --min-group default);
- a questionnaire over the question cap (5,000 questions): refused, and how fast;
- an invalid answer file at the 4 MiB size cap (a million-item list, with a `*` that
  used to force the slow path): its located error;
- `import-csv --dry-run` at 5,000 and 20,000 rows: linear, not quadratic.

Limits (a few seconds, 300 MiB) are the issue's; the machine is shared, so figures vary.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

from cxmaturity.core.model import MAX_DEPARTMENTS, MAX_DIMENSIONS, MAX_NAME, MAX_QUESTIONS
from cxmaturity.formats.yamlio import MAX_BYTES

PYTHON = sys.executable
FEW_SECONDS = 5.0
MEMORY_MIB = 300
REPORT_TIMEOUT = 900


def run(
    command: Sequence[str | Path], timeout: float | None = None
) -> tuple[float, float, int, int]:
    """Wall time (s), CPU time (s), peak RSS (MiB) and exit code of one run.

    The verdicts use CPU time (user + system): on a shared machine wall time mostly
    measures the neighbours. Both are printed.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # Reaped here, not by Popen.wait, so the child's resource usage is ours to read.
    deadline = None if timeout is None else start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def cli(*args: str | Path) -> list[str | Path]:
    return [PYTHON, "-m", "cxmaturity", *args]


def questionnaire(questions: int, departments: int, dimensions: int) -> str:
    long = "n" * (MAX_NAME - len("Department 00 "))
    lines = [
        "format: cxmaturity.questionnaire/1",
        "id: capped",
        'version: "1"',
        f"title: {'T' * MAX_NAME}",
        "departments:",
        *(f"  - {{id: d{i}, name: Department {i:02d} {long}}}" for i in range(departments)),
        "dimensions:",
        *(f"  - {{id: m{i}, name: Dimension {i:02d} {long}}}" for i in range(dimensions)),
        "questions:",
    ]
    options = ", ".join(f"Option {n} for this practice described in one sentence" for n in range(6))
    for i in range(questions):
        lines.append(
            f"  - {{id: q{i}, dimension: m{i % dimensions}, "
            f"text: 'Question {i}: how far has the organisation come on this?', "
            f"options: [{options}]}}"
        )
    return "\n".join(lines) + "\n"


def answers(name: str, department: str, questions: int, seed: int) -> str:
    given = ", ".join(f"q{i}: {1 + (i * 7 + seed) % 6}" for i in range(questions))
    return (
        "format: cxmaturity.answers/1\n"
        'questionnaire: {id: capped, version: "1"}\n'
        f"respondent: {{name: {name}, department: {department}}}\n"
        f"answers: {{{given}}}\n"
    )


def case(name: str, command: Sequence[str | Path], expect: int, limit: float) -> bool:
    wall, cpu, mib, code = run(command)
    ok = code == expect and cpu <= limit and mib <= MEMORY_MIB
    verdict = "ok" if ok else "MISSED"
    print(
        f"{name}: CPU {cpu:.2f} s (wall {wall:.2f} s), peak {mib} MiB, exit {code} "
        f"(limit {limit:g} s, {MEMORY_MIB} MiB) {verdict}"
    )
    return ok


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        q = root / "capped.yaml"
        q.write_text(questionnaire(MAX_QUESTIONS, MAX_DEPARTMENTS, MAX_DIMENSIONS))
        folder = root / "answers"
        folder.mkdir()
        for i in range(100):
            text = answers(f"Person {i}", f"d{i % MAX_DEPARTMENTS}", MAX_QUESTIONS, i)
            (folder / f"p{i}.yaml").write_text(text)
        print(f"questionnaire at the caps: {q.stat().st_size:,} bytes, 100 respondents")
        ok &= case("validate (questionnaire at the caps)", cli("validate", q), 0, FEW_SECONDS)
        ok &= case("score, 100 respondents", cli("score", folder, "-q", q), 0, FEW_SECONDS)
        # Three respondents per department, so no department falls under --min-group.
        crowd = root / "answers-300"
        crowd.mkdir()
        for i in range(3 * MAX_DEPARTMENTS):
            text = answers(f"Person {i}", f"d{i % MAX_DEPARTMENTS}", MAX_QUESTIONS, i)
            (crowd / f"p{i}.yaml").write_text(text)
        board = cli("report", crowd, "-q", q, "-o", root / "board.pdf")
        ok &= case("report --pack board, 300 respondents", board, 0, FEW_SECONDS)
        # 100 departments x 500 questions is 50,000 question rows: over the workshop
        # pack's bound, refused at once rather than laid out for minutes.
        workshop = cli("report", crowd, "-q", q, "-o", root / "w.pdf", "--pack", "workshop")
        ok &= case("report --pack workshop, 300 respondents (refused)", workshop, 2, FEW_SECONDS)
        # At the bound: five departments of three, 2,500 question rows. Measured, not held
        # to seconds: every question of every department is laid out.
        few = root / "answers-15"
        few.mkdir()
        for name in (f"p{d + MAX_DEPARTMENTS * k}.yaml" for d in range(5) for k in range(3)):
            (few / name).write_bytes((crowd / name).read_bytes())
        out = root / "w5.pdf"
        command = cli("report", few, "-q", q, "-o", out, "--pack", "workshop")
        wall, cpu, mib, code = run(command, timeout=REPORT_TIMEOUT)
        pages = len(PdfReader(out).pages) if code == 0 else 0
        print(
            f"report --pack workshop at its bound (5 departments x 500 questions): CPU "
            f"{cpu:.1f} s (wall {wall:.1f} s), peak {mib} MiB, exit {code}, {pages} pages"
        )
        ok &= code == 0

        over = root / "over.yaml"
        over.write_text(questionnaire(5_000, 10, 10))
        print(f"5,000 questions: {over.stat().st_size:,} bytes")
        ok &= case("report on 5,000 questions (refused)", cli("report", folder, "-q", over), 2, 5)

        bad = root / "bad.yaml"
        head = (
            "format: cxmaturity.answers/1\nquestionnaire: {id: capped, version: '1'}\n"
            "respondent: {name: A, department: d0}\n# a * here\nanswers:\n"
        )
        bad.write_text(head + "- 1\n" * ((MAX_BYTES - len(head)) // 4))
        print(f"bad answer file at the size cap: {bad.stat().st_size:,} bytes")
        ok &= case("validate (located error)", cli("validate", bad), 2, FEW_SECONDS)
        ok &= case("score on a folder with it", cli("score", bad, folder, "-q", q), 2, FEW_SECONDS)

        cpu_per_row = []
        for rows in (5_000, 20_000):
            source = root / f"in-{rows}.csv"
            lines = ["name,department,q0,q1,q2"] + [
                f"Ana Lima {i},d{i % 10},3,4,5" for i in range(rows)
            ]
            source.write_text("\n".join(lines) + "\n")
            command = cli("import-csv", source, "-q", q, "--out-dir", root / "out", "--dry-run")
            wall, cpu, mib, code = run(command)
            cpu_per_row.append(cpu / rows)
            print(f"import-csv --dry-run, {rows:,} rows: CPU {cpu:.2f} s (wall {wall:.2f} s),")
            print(f"  peak {mib} MiB, exit {code}, {1000 * cpu / rows:.2f} ms per row")
        linear = cpu_per_row[1] <= 1.5 * cpu_per_row[0]
        print(f"import-csv linear (per-row cost at 20,000 within 1.5x of 5,000): {linear}")
        ok &= linear
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
