"""Issue 9: every file in and out is safe. One test (or a few) per numbered case.

Devices and pipes are made with mknod/mkfifo inside tmp_path, never the system's own:
the old code renamed a temp file over whatever ``-o`` named, and a test run against it
must not be able to break ``/dev/null`` for the machine.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from mini_workshop import workshop

TINY = """
format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny
departments:
  - {id: sales, name: Sales}
  - {id: it, name: IT}
dimensions:
  - {id: lead, name: Leadership}
questions:
  - {id: q1, dimension: lead, text: First, options: [a, b, c, d, e, f]}
  - {id: q2, dimension: lead, text: Second, options: [a, b, c, d, e, f]}
"""

Cli = Callable[..., Run]


def answers(
    name: str, department: str = "sales", q1: int = 3, q2: int = 3, updated: str | None = None
) -> str:
    stamp = f"updated: {updated}\n" if updated else ""
    return (
        "format: cxmaturity.answers/1\n"
        'questionnaire: {id: tiny, version: "1"}\n'
        f"respondent: {{name: {json.dumps(name)}, department: {department}}}\n"
        f"{stamp}answers: {{q1: {q1}, q2: {q2}}}\n"
    )


@pytest.fixture
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    """The questionnaire and a folder with two respondents."""
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    folder = tmp_path / "answers"
    folder.mkdir()
    (folder / "sales-ana.yaml").write_text(answers("Ana Lima", q1=2, q2=4))
    (folder / "it-bo.yaml").write_text(answers("Bo Chen", "it", q1=5, q2=5))
    return q, folder


def program(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The real program in a child process (for what CliRunner cannot show: pipes, limits)."""
    if "input" not in kwargs:
        kwargs["stdin"] = subprocess.DEVNULL
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "cxmaturity", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        **kwargs,
    )


def one_error(result: Run, *parts: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    for part in parts:
        assert part in result.stderr, result.stderr


# ------------------------------------------------------------- 1. -o onto an input


@pytest.mark.parametrize("command", ["score", "explain", "report"])
def test_output_onto_an_input_answer_file_is_refused(cli: Cli, tiny, command: str) -> None:
    q, folder = tiny
    target = folder / "sales-ana.yaml"
    before = target.read_bytes()
    extra = ["-d", "sales"] if command == "explain" else []
    result = cli(command, folder, "-q", q, *extra, "-o", target)
    one_error(result, str(target), "is an input of the same command")
    assert target.read_bytes() == before
    assert cli("score", folder, "-q", q).exit_code == 0


def test_output_onto_an_input_by_another_spelling_or_link_is_refused(cli: Cli, tiny) -> None:
    q, folder = tiny
    link = folder.parent / "link.yaml"
    link.symlink_to(folder / "it-bo.yaml")
    hard = folder.parent / "hard.yaml"
    os.link(folder / "sales-ana.yaml", hard)
    for out in (link, hard, folder / ".." / "answers" / "it-bo.yaml", q):
        one_error(cli("score", folder, "-q", q, "-o", out), "is an input")
    one_error(cli("export", "-q", q, "--format", "csv", "-o", q), "is an input")
    one_error(cli("compare", folder, folder, "-q", q, "-o", folder / "it-bo.yaml"), "is an input")


def test_report_html_and_pdf_must_be_different_files(cli: Cli, tiny, tmp_path) -> None:
    q, folder = tiny
    out = tmp_path / "r.pdf"
    one_error(cli("report", folder, "-q", q, "-o", out, "--html", out), "is also an output")
    assert not out.exists()


# ------------------------------------------------------------ 2. -o onto a device


def _device(tmp_path: Path) -> Path:
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("needs root to make a device node")
    return node


def test_output_onto_a_device_or_fifo_is_refused_and_the_node_kept(cli: Cli, tiny, tmp_path):
    q, folder = tiny
    device = _device(tmp_path)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for node, kind in ((device, "a character device"), (fifo, "a named pipe")):
        one_error(cli("score", folder, "-q", q, "-o", node), kind, "use -o - for standard output")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    one_error(cli("score", folder, "-q", q, "-o", tmp_path), "a folder, not a regular file")
    one_error(cli("score", folder, "-q", q, "-o", tmp_path / "no" / "x.txt"), "does not exist")


def test_a_link_to_a_device_is_refused_by_the_writer_itself(tmp_path: Path) -> None:
    # The atomic writer guards every writer (survey, import) even without the CLI check.
    from cxmaturity.core.errors import OutputFileError
    from cxmaturity.formats.atomic import write_atomic

    device = _device(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(device)
    with pytest.raises(OutputFileError, match="character device"):
        write_atomic(link, "x")
    assert stat.S_ISCHR(device.stat().st_mode) and link.is_symlink()


def test_dev_stdout_is_refused_and_dash_means_stdout(tiny, tmp_path: Path) -> None:
    q, folder = tiny
    # /dev/stdout itself is a link to /proc/self/fd/1; a copy in tmp_path behaves the same,
    # and an old build that renames over it cannot break the system's own.
    stdout = tmp_path / "stdout"
    stdout.symlink_to("/proc/self/fd/1")
    piped = program("score", folder, "-q", q, "-o", stdout)
    assert piped.returncode == 2
    assert "wrote" not in piped.stderr and "use -o - for standard output" in piped.stderr
    dashed = program("score", folder, "-q", q, "-f", "json", "-o", "-")
    assert dashed.returncode == 0, dashed.stderr
    assert json.loads(dashed.stdout)["respondents"] == 2
    assert "wrote" not in dashed.stderr
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


# ---------------------------------------------------------- 3. symlinked outputs


def test_symlinked_output_is_written_at_its_target_and_the_link_kept(cli: Cli, tiny, tmp_path):
    q, folder = tiny
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "scores.json").write_text("stale")
    link = tmp_path / "link.json"
    link.symlink_to(Path("shared") / "scores.json")
    result = cli("score", folder, "-q", q, "-f", "json", "-o", link)
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads((shared / "scores.json").read_text())["respondents"] == 2
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(shared / "new.csv")
    assert cli("score", folder, "-q", q, "-f", "csv", "-o", dangling).exit_code == 0
    assert dangling.is_symlink() and (shared / "new.csv").read_text().startswith("department_id")


def test_survey_resumes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    first = program(
        "survey", "--respondent", "Li", "--department", "finance", "--out", shared / "li.yaml",
        input="3\n",
    )  # fmt: skip
    assert first.returncode == 1, first.stderr
    link = tmp_path / "link.yaml"
    link.symlink_to(shared / "li.yaml")
    again = program("survey", "--out", link, input="5\n")
    assert again.returncode == 1, again.stderr
    assert link.is_symlink()
    text = (shared / "li.yaml").read_text()
    assert ": 3\n" in text and ": 5\n" in text


def test_stale_temp_files_of_a_killed_run_are_removed(cli: Cli, tiny, tmp_path) -> None:
    q, folder = tiny
    out = tmp_path / "scores.json"
    dead = _dead_pid()
    stale = tmp_path / f".scores.json.{dead}-abcd1234.tmp"
    stale.write_text("half")
    legacy = tmp_path / ".scores.json.k2j4h5g6.tmp"
    legacy.write_text("half")
    os.utime(legacy, (1, 1))
    live = tmp_path / f".scores.json.{os.getppid()}-zzzz9999.tmp"
    live.write_text("another writer at work")
    other = tmp_path / ".notes.txt.k2j4h5g6.tmp"
    other.write_text("not beside this output")
    os.utime(other, (1, 1))
    assert cli("score", folder, "-q", q, "-f", "json", "-o", out).exit_code == 0
    assert not stale.exists() and not legacy.exists()
    assert live.exists() and other.exists()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_sigkill_during_a_write_leaves_the_old_file_and_no_temp_after_the_next(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("old")
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from cxmaturity.formats import atomic
        real = os.replace
        def killed(src, dst):
            os.kill(os.getpid(), signal.SIGKILL)
        atomic.os.replace = killed
        atomic.write_atomic(Path({str(out)!r}), "new")
        """
    )
    done = subprocess.run([sys.executable, "-c", script], check=False)
    assert done.returncode == -signal.SIGKILL
    assert out.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    from cxmaturity.formats.atomic import write_atomic

    write_atomic(out, "newer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


# --------------------------------------------------------------------- 4. CSV cells


def test_csv_headers_are_guarded_and_negative_numbers_stay_numbers(cli: Cli, write, tmp_path):
    q = tmp_path / "hostile.yaml"
    q.write_text(
        TINY.replace("text: First", 'text: \'=HYPERLINK("http://x.invalid","x")\'')
        .replace("text: Second", "text: \"+cmd|' /C calc'!A0\"")
        .replace("{id: lead, name: Leadership}", "{id: lead, name: '@SUM(A1:A9)'}")
    )
    result = cli("export", "-q", q, "--format", "csv", "--headers", "text")
    assert result.exit_code == 0, result.stderr
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[3:] == ['\'=HYPERLINK("http://x.invalid","x")', "'+cmd|' /C calc'!A0"]
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.yaml").write_text(answers("Ana").replace("tiny", "tiny", 1))
    scored = cli("score", folder, "-q", q, "-f", "csv")
    assert "'@SUM(A1:A9)" in scored.stdout

    wq, baseline, current = workshop(write)
    compared = cli("compare", baseline, current, "-q", wq, "--format", "csv")
    assert compared.exit_code == 0, compared.stderr
    rows = list(csv.DictReader(io.StringIO(compared.stdout)))
    organisation = rows[0]
    assert organisation["delta"] == "-0.44"
    assert all(not r["delta"].startswith("'") for r in rows)


# ------------------------------------------------------------------------- 5. names


def test_a_zero_width_space_does_not_make_a_second_person(cli: Cli, tiny) -> None:
    q, folder = tiny
    (folder / "sales-ana-2.yaml").write_text(answers("Ana\u200b Lima", q1=6, q2=6))
    (folder / "sales-ana-3.yaml").write_text(answers("ＡＮＡ  LIMA\u2060", q1=6, q2=6))
    result = cli("score", folder, "-q", q, "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    sales = next(d for d in data["departments"] if d["id"] == "sales")
    assert sales["respondents"] == 1
    assert result.stderr.count("is present twice") == 2


def test_names_from_a_scores_file_reach_the_terminal_clean(cli: Cli, write) -> None:
    q, baseline, current = workshop(write)
    scored = cli("score", baseline, "-q", q, "-f", "json")
    data = json.loads(scored.stdout)
    # Service is only in the baseline, so its names come from the scores file alone.
    for department in data["departments"]:
        department["name"] += "\x1b]0;owned\x07\x1b[2J"
        department["dimensions"][0]["name"] += "\x9b31m"
    saved = baseline.parent / "scores.json"
    saved.write_text(json.dumps(data))
    for fmt in ("table", "markdown", "csv", "json"):
        result = cli("compare", saved, current, "-q", q, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
        assert "\\u001b" not in result.stdout
        assert "Service" in result.stdout


# -------------------------------------------------------------------- 6. timestamps


def test_stamps_with_different_offsets_compare_as_instants(cli: Cli, tiny) -> None:
    q, folder = tiny
    # Read in this order (sorted names): the newer file first, the older second.
    (folder / "sales-ana-new.yaml").write_text(
        answers("Ana Lima", q1=6, q2=6, updated="2026-11-23T12:00:00+01:00")
    )
    (folder / "sales-ana.yaml").write_text(
        answers("Ana Lima", q1=1, q2=1, updated="2020-01-01T00:00:00Z")
    )
    (folder / "it-bo-naive.yaml").write_text(
        answers("Bo Chen", "it", q1=1, q2=1, updated="2019-01-01T00:00:00")
    )
    result = cli("score", folder, "-q", q, "-f", "json")
    assert result.exit_code == 0, result.stderr
    deps = {d["id"]: d["score"] for d in json.loads(result.stdout)["departments"]}
    assert deps == {"sales": 6.0, "it": 5.0}
    assert "using " + str(folder / "sales-ana-new.yaml") in result.stderr


# ------------------------------------------------------------------------- 7. sizes


def _questionnaire(questions: int, name: str = "Sales") -> str:
    items = "\n".join(
        f"  - {{id: q{i}, dimension: lead, text: Q{i}, options: [a, b, c, d, e, f]}}"
        for i in range(questions)
    )
    return (
        TINY.split("questions:")[0].replace("name: Sales", f"name: {name}")
        + "questions:\n"
        + items
        + "\n"
    )


def test_caps_on_questions_names_comments_and_answers(cli: Cli, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(_questionnaire(501))
    one_error(cli("validate", big), f"{big}:11:1", "questions", "at most 500")
    long_name = tmp_path / "long.yaml"
    long_name.write_text(_questionnaire(2, "S" * 201))
    one_error(cli("validate", long_name), f"{long_name}:7:17", "at most 200 characters")
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    talk = tmp_path / "talk.yaml"
    talk.write_text(
        answers("Ana").replace("q2: 3}", "q2: {stage: 3, comment: " + "x" * 5001 + "}}")
    )
    one_error(cli("validate", talk), f"{talk}:4:18", "the limit is 5,000")
    many = tmp_path / "many.yaml"
    many.write_text(answers("Ana").replace("{q1: 3, q2: 3}", "{" + ", ".join(
        f"x{i}: 3" for i in range(1001)) + "}"))  # fmt: skip
    one_error(cli("validate", many), f"{many}:4:1", "at most 1000 items")


# --------------------------------------------------------- 8. import-csv odd targets


def _memory_capped() -> None:
    limit = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("kind", ["latin-1", "fifo", "zero"])
def test_import_csv_against_an_odd_existing_target(tmp_path: Path, kind: str) -> None:
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    source = tmp_path / "in.csv"
    source.write_text("name,department,q1\nAna Lima,sales,3\n")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "sales-ana-lima.yaml"
    if kind == "latin-1":
        target.write_bytes(answers("Jos").replace("Jos", "Jos\xe9").encode("latin-1"))
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to("/dev/zero")
    done = program(
        "import-csv", source, "-q", q, "--out-dir", out, "--dry-run",
        timeout=60, preexec_fn=_memory_capped,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert f"{target} exists and cannot be read as answers" in done.stderr
    expected = {"latin-1": "not UTF-8", "fifo": "named pipe", "zero": "character device"}[kind]
    assert expected in done.stderr


# ----------------------------------------------------------- 9. other people's data


def test_import_overwrite_never_replaces_another_persons_file(cli: Cli, tmp_path: Path) -> None:
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "sales-ana-lima.yaml"
    theirs.write_text(answers("Ana Lima", q1=6, q2=6))
    source = tmp_path / "in.csv"
    source.write_text("name,department,q1,q2\nÁna Lima,sales,2,2\n")
    result = cli("import-csv", source, "-q", q, "--out-dir", out, "--overwrite")
    assert result.exit_code == 0, result.stderr
    assert theirs.read_text() == answers("Ana Lima", q1=6, q2=6)
    assert "Ána Lima" in (out / "sales-ana-lima-2.yaml").read_text()
    # The same person (by the person key) is replaced with --overwrite, and only then.
    source.write_text("name,department,q1,q2\nANA  LIMA,sales,1,1\n")
    refused = cli("import-csv", source, "-q", q, "--out-dir", out)
    one_error(refused, "already exists with other content")
    assert cli("import-csv", source, "-q", q, "--out-dir", out, "--overwrite").exit_code == 0
    assert "q1: 1" in theirs.read_text()


def test_demo_refuses_a_real_workshop_folder(cli: Cli, tiny, tmp_path: Path) -> None:
    _q, folder = tiny
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    one_error(cli("demo", "--out", folder), "an earlier demo did not write")
    workshop_dir = tmp_path / "workshop"
    (workshop_dir / "answers").mkdir(parents=True)
    (workshop_dir / "answers" / "sales-ana.yaml").write_text(answers("Ana Lima"))
    (workshop_dir / "report.pdf").write_bytes(b"%PDF real")
    one_error(cli("demo", "--out", workshop_dir), "an earlier demo did not write")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert (workshop_dir / "report.pdf").read_bytes() == b"%PDF real"


def _file_size_capped() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (400, 400))


def test_failed_import_removes_what_it_wrote_and_restores_what_it_replaced(tmp_path):
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "sales-ana.yaml"
    kept.write_text(answers("Ana", q1=6, q2=6))
    long_role = "r" * 190
    rows = ["name,department,role,q1,q2", "Ana,sales,,1,1", "Bo,sales,,2,2", "Cy,it,,3,3"]
    rows.append(f"Dee,it,{long_role},4,4")  # the one file over 400 bytes
    source = tmp_path / "in.csv"
    source.write_text("\n".join(rows) + "\n")
    done = program(
        "import-csv", source, "-q", q, "--out-dir", out, "--overwrite",
        preexec_fn=_file_size_capped,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "nothing imported" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["sales-ana.yaml"]
    assert kept.read_text() == answers("Ana", q1=6, q2=6)


# --------------------------------------------------------------- 10. cost of bad files


def test_template_asset_size_is_checked_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.svg"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: no disk used, 3 GB claimed
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cxmaturity.core.errors import RefusedURL\n"
        "from cxmaturity.render.pdf import TEMPLATE_BASE, template_asset\n"
        "try:\n"
        f"    template_asset(TEMPLATE_BASE + 'huge.svg', [Path({str(tmp_path)!r})])\n"
        "except RefusedURL as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        preexec_fn=_memory_capped,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "template file too large: huge.svg" in done.stdout


def _address_space_300_mib() -> None:
    limit = 300 << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_a_bad_answer_file_at_the_size_cap_is_located_in_300_mib(tmp_path: Path) -> None:
    # Not a timing test: a memory bound. The old reader composed a node per item and
    # re-parsed in pure Python to place the error ("*" forced that path from the start).
    from cxmaturity.formats.yamlio import MAX_BYTES

    head = (
        "format: cxmaturity.answers/1\nquestionnaire: {id: tiny, version: '1'}\n"
        "respondent: {name: A, department: it}\n# a * and an & in a comment\nanswers:\n"
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text(head + "- 1\n" * ((MAX_BYTES - len(head)) // 4))
    assert MAX_BYTES - 4 < bad.stat().st_size <= MAX_BYTES
    done = program("validate", bad, preexec_fn=_address_space_300_mib)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"error: {bad}:5:1: answers: Input should be a valid dictionary\n"


# ------------------------------------------------------------------------ 11. smaller


def test_import_csv_short_rows_and_long_names_are_one_error_each(cli: Cli, tmp_path: Path):
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    source = tmp_path / "in.csv"
    source.write_text(f"name,department,q1,q2\nAna,sales\n{'N' * 201},sales,3,3\n")
    result = cli("import-csv", source, "-q", q, "--out-dir", tmp_path / "out")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"error: {source}:2:3: the row has 2 cells; the header has 4",
        f"error: {source}:3:1: name is longer than 200 characters",
    ]
    assert not (tmp_path / "out").exists()
