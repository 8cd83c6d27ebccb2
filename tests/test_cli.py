"""Exit codes, streams and the CI gate, through the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"


@pytest.mark.parametrize(
    ("bar", "code"), [("mobilise", 0), ("3", 0), ("Operationalise", 1), ("embed", 1)]
)
def test_fail_under_gate(cli, bar: str, code: int) -> None:
    # The organisation scores 3.90, Mobilise.
    result = cli("score", ANSWERS, "-q", MINI, "--format", "json", "--fail-under", bar)
    assert result.exit_code == code
    assert json.loads(result.stdout)["organisation"]["stage_name"] == "Mobilise"
    if code:
        assert "fail: the organisation is at Mobilise (3.90), below the bar of" in result.stderr
    else:
        assert "fail:" not in result.stderr


def test_fail_under_with_undefined_organisation(cli, write) -> None:
    answers = write(
        "a.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: Ann, department: alpha}
        answers: {q1: unknown}
        """,
    )
    result = cli("score", answers, "-q", MINI, "--format", "json", "--fail-under", "1")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["organisation"]["score"] is None
    assert "the organisation's stage is undefined" in result.stderr


@pytest.mark.parametrize("option", ["--fail-under", "--target"])
@pytest.mark.parametrize("value", ["7", "0", "great", "yes"])
def test_bad_stage_option_is_a_usage_error(cli, option: str, value: str) -> None:
    result = cli("score", ANSWERS, "-q", MINI, option, value)
    assert result.exit_code == 2
    assert f"'{value}' is not a stage" in result.stderr


def test_unknown_format_is_a_usage_error(cli) -> None:
    result = cli("score", ANSWERS, "-q", MINI, "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_output_file_is_written_and_stdout_stays_empty(cli, tmp_path: Path) -> None:
    # The output rule (issue 9): a missing name in a folder that exists; no folders made.
    out = tmp_path / "scores.json"
    result = cli("score", ANSWERS, "-q", MINI, "--format", "json", "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["organisation"]["score"] == 3.9


def test_warnings_go_to_stderr_and_data_to_stdout(cli, tmp_path: Path) -> None:
    folder = tmp_path / "answers"
    shutil.copytree(ANSWERS, folder)
    text = (folder / "a1.yaml").read_text().replace('version: "2"', 'version: "1"')
    (folder / "a1.yaml").write_text(text + "  q99: 3\n  q5: 4\n")
    shutil.copy(folder / "a2.yaml", folder / "a2-again.yaml")
    (folder / "scores.json").write_text('{"format": "cxmaturity.scores/1"}')
    result = cli("score", folder, "-q", MINI, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    warnings = data["warnings"]
    assert [line.removeprefix("warning: ") for line in result.stderr.splitlines()] == warnings
    a1 = folder / "a1.yaml"
    assert f"{a1}: answers are for mini version 1; scoring against 2" in warnings
    assert f"{a1}: ignored answer to unknown question 'q99'" in warnings
    assert f"{a1}: ignored answer to 'q5', which does not apply to 'alpha'" in warnings
    assert (
        f"{folder / 'scores.json'}: skipped, it is a cxmaturity.scores/1 file, not answers"
        in warnings
    )
    assert any("respondent 'Al Two' (alpha) is present twice" in w for w in warnings)
    assert data["respondents"] == 3


def test_answers_naming_different_questionnaires_need_q(cli, write) -> None:
    other = write(
        "x.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: Ann, department: alpha}
        """,
    )
    result = cli("score", other, SAMPLES / "finance-li-wei.yaml")
    assert result.exit_code == 2
    assert "name different questionnaires (cx-core, mini); pick one with -q" in result.stderr


def test_uses_the_bundled_questionnaire_named_in_the_answers(cli) -> None:
    result = cli("score", SAMPLES, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["questionnaire"]["id"] == "cx-core"


def test_empty_folder(cli, tmp_path: Path) -> None:
    result = cli("score", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path}: no answer files found"


@pytest.mark.parametrize("kind", ["questionnaire", "answers", "targets"])
def test_schema_is_json_schema(cli, kind: str) -> None:
    result = cli("schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert "format" in schema["required"]


def test_schema_accepts_the_bundled_samples() -> None:
    import jsonschema

    from cxmaturity.formats.schemas import json_schema
    from cxmaturity.formats.yamlio import read_document

    schema = json.loads(json_schema("answers"))
    for path in SAMPLES.glob("*.yaml"):
        data = json.loads(json.dumps(read_document(path).data, default=str))
        jsonschema.validate(data, schema)


def test_questionnaires_lists_the_bundled_one(cli) -> None:
    result = cli("questionnaires")
    assert result.exit_code == 0
    assert result.stdout.startswith("cx-core\t1.0\tCustomer Experience Maturity (")


def test_validate_reports_each_kind(cli) -> None:
    result = cli(
        "validate",
        REPO / "questionnaires" / "cx-core-1.0.yaml",
        MINI,
        *ANSWERS.iterdir(),
        "-q",
        MINI,
    )
    assert result.exit_code == 0, result.stderr
    assert "questionnaire cx-core 1.0, " in result.stdout
    assert "questionnaire mini 2, 7 questions, 3 dimensions, 2 departments" in result.stdout
    assert "answers from no (beta), 5 answers" in result.stdout


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )


def test_python_dash_m_and_version() -> None:
    result = _run("-m", "cxmaturity", "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("cxmaturity 0.")


PROBE = """
import sys
from cxmaturity.cli import main
sys.argv = ["cxmaturity", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("weasyprint", "jinja2") if m in sys.modules)
print("HEAVY:", ",".join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--version"], ["score", str(SAMPLES), "--format", "json"], ["score", str(SAMPLES)]]
)
def test_version_and_score_never_import_weasyprint_or_jinja(args: list[str]) -> None:
    result = _run("-c", PROBE, *args)
    assert "HEAVY: \n" in result.stderr, result.stderr


def test_interrupt_exits_130(tmp_path: Path) -> None:
    # A SIGINT while scoring must end with 130 and one line, never a traceback.
    probe = (
        "import sys, signal\n"
        "import cxmaturity.usecases.scoring as a\n"
        "def boom(*args, **kwargs): raise KeyboardInterrupt\n"
        "a.assess = boom\n"
        "from cxmaturity.cli import main\n"
        f"sys.argv = ['cxmaturity', 'score', {str(SAMPLES)!r}]\n"
        "main()\n"
    )
    result = _run("-c", probe)
    assert result.returncode == 130
    assert result.stderr.strip() == "interrupted"


def test_escape_sequences_in_files_never_reach_the_terminal(cli, write) -> None:
    answers = write(
        "eve.yaml",
        r"""
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: "Eve \e[2J\e]0;pwned\a [bold]Evil[/bold]", department: alpha}
        answers: {q1: {stage: 3, comment: "one\ntwo \e[31mred"}, q2: 3}
        """,
    )
    for args in (
        ["score", answers, "-q", MINI],
        ["explain", answers, "-q", MINI, "--department", "alpha"],
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    explained = cli("explain", answers, "-q", MINI, "--department", "alpha").stdout
    assert "Eve [bold]Evil[/bold]" in explained


def test_markdown_output_shows_file_text_literally(cli, write) -> None:
    q = write(
        "q.yaml",
        """
        format: cxmaturity.questionnaire/1
        id: hostile
        version: "1"
        title: "<img src=https://example.invalid/pixel.png> *Title*"
        departments: [{id: a, name: "Dept <b>A</b> | [link](https://x.invalid) &lt;"}]
        dimensions: [{id: d, name: "<details>D</details>"}]
        questions:
          - {id: q, dimension: d, text: Q, options: [a, b, c, d, e, f]}
        """,
    )
    answers = write(
        "a.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: hostile, version: "1"}
        respondent: {name: Ann, department: a}
        answers: {q: 4}
        """,
    )
    result = cli("score", answers, "-q", q, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    import re

    # Every character that could start HTML, a link, an entity or a cell break is escaped.
    assert not re.search(r"(?<!\\)[<>\[\]&*]", out.replace("**", "")), out
    assert r"Dept \<b\>A\</b\> \| \[link\](https://x.invalid) \&lt;" in out
    assert r"\<img src=https://example.invalid/pixel.png\> \*Title\*" in out


def test_unwritable_output_is_one_line_exit_2(cli, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for out, reason in (
        (tmp_path, "it is a folder, not a regular file (use -o - for standard output)"),
        (blocker / "x.json", "a part of the path is not a folder"),
    ):
        result = cli("score", ANSWERS, "-q", MINI, "--format", "json", "-o", out)
        assert result.exit_code == 2
        assert result.stderr == f"error: {out}: cannot write: {reason}\n"
    assert blocker.read_text() == "x"


def test_output_file_gets_ordinary_permissions(cli, tmp_path: Path) -> None:
    import os

    out = tmp_path / "scores.json"
    cli("score", ANSWERS, "-q", MINI, "--format", "json", "-o", out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    out.chmod(0o640)
    cli("score", ANSWERS, "-q", MINI, "--format", "json", "-o", out)
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_on_stdout_is_one_line_exit_2() -> None:
    with Path("/dev/full").open("w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "cxmaturity", "score", str(SAMPLES), "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == "error: No space left on device\n"


def test_escapes_in_file_names_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    hostile = folder / "a\x1b]0;pwned\x07\x1b[2J.yaml"
    hostile.write_text("- not a mapping\n")
    for args in (["score", folder], ["validate", hostile]):
        result = cli(*args)
        assert result.exit_code == 2
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "expected a mapping at the top level" in result.stderr


def test_fail_under_target_fails_on_what_could_not_be_scored(cli) -> None:
    # Beta has no score on d1 (one quarter of the weight answered): a target there cannot
    # be checked, so the gate fails and says why; with a target of 1 nothing else is below.
    result = cli(
        "score", ANSWERS, "-q", MINI, "--format", "json", "--target", "1", "--fail-under-target"
    )
    assert result.exit_code == 1
    fails = [line for line in result.stderr.splitlines() if line.startswith("fail:")]
    assert fails == [
        "fail: Beta · Dimension one has no score (too few answers) to compare with its target Ignore"
    ]


def test_command_help_is_reflowed_to_the_terminal_width() -> None:
    """A docstring wrapped at 95 columns must not show as ragged lines at 80 columns."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "report", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = [line.strip() for line in done.stdout.splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("The board pack is"))
    paragraph = lines[at : lines.index("", at)]
    # Every line but the last is filled to near the width: no short line left by a hard break.
    assert all(len(line) > 60 for line in paragraph[:-1]), paragraph
