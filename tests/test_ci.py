"""What a CI job reads (issue 25): JSON errors, JUnit reports, annotations, the gates, --quiet,
one-line usage errors. Everything through the real CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import typer.main
import xmlschema
from conftest import REPO, SAMPLES
from mini_workshop import workshop

from cxmaturity.cli import app

JUNIT_XSD = xmlschema.XMLSchema(REPO / "tests" / "data" / "junit.xsd")
MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def _with_an_empty_file(write) -> Path:
    """The mini answers and a file with no answers, which `score` skips with a warning."""
    for source in MINI_ANSWERS.iterdir():
        write(f"answers/{source.name}", source.read_text(encoding="utf-8"))
    empty = "format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: '2'}\n"
    empty += "respondent: {name: Eve, department: alpha}\nanswers: {}\n"
    return write("answers/empty.yaml", empty).parent


def _broken(write, name: str = "broken.yaml") -> Path:
    return write(name, "format: cxmaturity.answers/1\nanswers: [\n")


# ------------------------------------------------------------------ JSON errors

JSON_COMMANDS = [
    ("score",),
    ("explain", "--department", "alpha"),
    ("plan",),
    ("compare", MINI_ANSWERS),
]


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=lambda c: c[0])
def test_format_json_error_is_a_document_on_stdout(cli, write, command) -> None:
    bad = _broken(write)
    name, *rest = command
    args = [name, *rest, bad] if name == "compare" else [name, bad, *rest]
    result = cli(*args, "-q", MINI, "--format", "json")
    assert result.exit_code == 2, result.stderr
    document = json.loads(result.stdout)
    assert document == {
        "format": "cxmaturity.error/1",
        "errors": [
            {"file": str(bad), "line": 3, "column": 1, "message": document["errors"][0]["message"]}
        ],
    }
    assert document["errors"][0]["message"]
    assert result.stderr.startswith(f"error: {bad}:3:1: ")


def test_format_json_usage_problem_is_a_document_too(cli) -> None:
    result = cli("score", MINI_ANSWERS, "-q", MINI, "--fail-under", "9", "--format", "json")
    assert result.exit_code == 2
    errors = json.loads(result.stdout)["errors"]
    assert errors[0]["file"] is None
    assert "is not a stage" in errors[0]["message"]


# ------------------------------------------------------------ every broken file


def test_every_broken_file_and_missing_path_in_one_pass(cli, write, tmp_path) -> None:
    first = _broken(write, "one.yaml")
    second = write("two.yaml", "format: cxmaturity.answers/1\n\tanswers: {}\n")
    result = cli("score", first, second, tmp_path / "gone.yaml", "-q", MINI)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"error: {tmp_path / 'gone.yaml'}: no such file or folder",
        *(line for line in lines if line.startswith((f"error: {first}:", f"error: {second}:"))),
    ]
    assert len(lines) == 3


def test_many_broken_files_are_capped_with_a_count(cli, write) -> None:
    for number in range(103):
        _broken(write, f"many/{number:03d}.yaml")
    result = cli("score", Path(write("many/.keep", "").parent), "-q", MINI)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 101
    assert all(line.startswith("error: ") and ".yaml:3:1: " in line for line in lines[:100])
    assert lines[-1] == "error: … and 3 more (the first 100 are shown)"


# ------------------------------------------------------------------------ JUnit


def _junit(text: str) -> dict:
    JUNIT_XSD.validate(text)
    decoded: dict = JUNIT_XSD.to_dict(text)
    return decoded


def test_score_junit_one_case_per_target_a_gap_fails_with_its_figures(cli) -> None:
    result = cli("score", SAMPLES, "--target", "4", "--format", "junit")
    assert result.exit_code == 0, result.stderr  # no --fail-under-target: a report, no gate
    suite = _junit(result.stdout)["testsuite"][0]
    cases = suite["testcase"]
    # 3 departments x (1 overall + 10 dimensions), each with a target.
    assert len(cases) == int(suite["@tests"]) == 33
    failed = [case for case in cases if "failure" in case]
    assert int(suite["@failures"]) == len(failed) == 32
    finance = next(case for case in cases if case["@name"] == "Finance")
    assert finance["@classname"] == "Finance"
    failure = finance["failure"]
    assert failure["@message"] == "Finance is at Ignore, 3 stages below its target Operationalise"
    assert failure["$"].splitlines() == [
        "score: 1.73",
        "stage: Ignore",
        "target: Operationalise",
        "gap: 3",
    ]
    passed = [case for case in cases if "failure" not in case]
    assert [case["@name"] for case in passed] == ["Customer service · Service recovery"]


def test_score_junit_with_the_gate_exits_1_and_names_the_gaps(cli) -> None:
    result = cli(
        "score", SAMPLES, "--target", "4", "--fail-under", "2", "--format", "junit",
        "--fail-under-target",
    )  # fmt: skip
    assert result.exit_code == 1
    suite = _junit(result.stdout)["testsuite"][0]
    assert suite["testcase"][0]["@name"] == "organisation"
    assert "failure" not in suite["testcase"][0]
    assert "fail: Finance is at Ignore, 3 stages below its target Operationalise" in result.stderr


def test_junit_needs_a_gate(cli) -> None:
    result = cli("score", SAMPLES, "--format", "junit")
    assert result.exit_code == 2
    assert (
        result.stderr == "error: --format junit needs a gate: --fail-under, --target or --targets\n"
    )


# ------------------------------------------------------------- the compare gate


@pytest.fixture
def fell(write) -> tuple[Path, Path, Path]:
    """(questionnaire, baseline, current): the mini workshop backwards, so that Sales ·
    Leadership falls Mobilise → Explore and the organisation's Data too."""
    q, earlier, later = workshop(write)
    return q, later, earlier


def test_fail_on_drop_names_what_fell(cli, fell) -> None:
    q, baseline, current = fell
    result = cli("compare", baseline, current, "-q", q, "--fail-on-drop", "1")
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("fail:")]
    assert failures == [
        "fail: Organisation · Data fell 1 stage, Mobilise → Explore",
        "fail: Sales · Leadership fell 1 stage, Mobilise → Explore",
    ]
    assert "Progress since" in result.stdout  # the table is still shown


def test_a_smaller_drop_than_allowed_passes(cli, fell) -> None:
    q, baseline, current = fell
    result = cli("compare", baseline, current, "-q", q, "--fail-on-drop", "2")
    assert result.exit_code == 0, result.stderr
    assert "fail:" not in result.stderr


def test_with_targets_any_fall_below_its_target_fails(cli, fell, write) -> None:
    q, baseline, current = fell
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        departments:
          sales: mobilise
        """,
    )
    result = cli("compare", baseline, current, "-q", q, "--fail-on-drop", "2", "--targets", targets)
    assert result.exit_code == 1, result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("fail:")]
    assert failures == [
        "fail: Sales · Leadership fell 1 stage, Mobilise → Explore, below its target Mobilise"
    ]


def test_compare_junit_report(cli, fell) -> None:
    q, baseline, current = fell
    result = cli("compare", baseline, current, "-q", q, "--fail-on-drop", "1", "--format", "junit")
    assert result.exit_code == 1
    suite = _junit(result.stdout)["testsuite"][0]
    assert suite["@name"] == "cxmaturity compare"
    failed = {
        case["@name"]: case["failure"]["$"] for case in suite["testcase"] if "failure" in case
    }
    assert set(failed) == {"Organisation · Data", "Sales · Leadership"}
    assert (
        "baseline: Mobilise (3.00)\ncurrent: Explore (2.50)\nstages moved: -1"
        in failed["Sales · Leadership"]
    )


def test_compare_junit_needs_the_gate(cli, fell) -> None:
    q, baseline, current = fell
    result = cli("compare", baseline, current, "-q", q, "--format", "junit")
    assert result.exit_code == 2
    assert "--fail-on-drop" in result.stderr


# --------------------------------------------------------------- GitHub Actions


def test_github_annotations_point_at_the_line(cli, write, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    bad = write("bad, name.yaml", "format: cxmaturity.answers/1\nanswers: [\n")
    result = cli("score", bad, "-q", MINI)
    assert result.exit_code == 2
    annotation = f"::error file={str(bad).replace(',', '%2C')},line=3,col=1::"
    assert any(line.startswith(annotation) for line in result.stderr.splitlines())


def test_github_warning_and_gate_annotations(cli, write, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    answers = _with_an_empty_file(write)
    result = cli("score", answers, "-q", MINI, "--target", "6", "--fail-under-target")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("::warning") for line in lines), result.stderr
    assert "::error::Alpha is at" in result.stderr


def test_no_annotations_outside_github(cli, write, monkeypatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = cli("score", _broken(write), "-q", MINI)
    assert "::error" not in result.stderr


# ---------------------------------------------------------------------- --quiet


def _commands() -> dict:
    group = typer.main.get_command(app)
    return group.commands  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_quiet(name: str) -> None:
    assert "quiet" in [param.name for param in _commands()[name].params]


def test_quiet_keeps_errors_and_failures_only(cli, write) -> None:
    answers = _with_an_empty_file(write)
    loud = cli("score", answers, "-q", MINI, "--target", "6", "--fail-under-target")
    assert "warning: skipped 1 answer file with no answers" in loud.stderr
    quiet = cli("score", answers, "-q", MINI, "--target", "6", "--fail-under-target", "--quiet")
    assert quiet.exit_code == 1
    assert "warning:" not in quiet.stderr
    assert quiet.stderr and all(line.startswith("fail:") for line in quiet.stderr.splitlines())


def test_quiet_drops_wrote_lines(cli, tmp_path) -> None:
    out = tmp_path / "scores.json"
    result = cli("score", MINI_ANSWERS, "-q", MINI, "--format", "json", "-o", out, "--quiet")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert out.exists()


# --------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "pattern"),
    [
        (
            ("score", "--bogus"),
            r"^error: No such option: --bogus.*\(see 'cxmaturity score --help'\)$",
        ),
        (("--bogus",), r"^error: No such option: --bogus"),
        (("score", str(SAMPLES), "--format", "xml"), r"^error: Invalid value for '--format'"),
        (("compare", "a"), r"^error: Missing argument 'current'"),
    ],
)
def test_usage_errors_are_one_line(cli, args, pattern) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert re.search(pattern, result.stderr.strip()), result.stderr
    assert "╭" not in result.stderr


@pytest.mark.parametrize("args", [("score", "--help"), ("--help",), ("import-csv", "--help")])
def test_boolean_flags_are_shown_as_flags(cli, args) -> None:
    result = cli(*args)
    assert result.exit_code == 0
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout


# ---------------------------------------------------------------------- schemas

SCHEMA_KINDS = ["questionnaire", "answers", "targets", "scores", "plan", "comparison", "explain"]


def _schema(cli, kind: str) -> dict:
    result = cli("schema", kind)
    assert result.exit_code == 0, result.stderr
    schema: dict = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("kind", [*SCHEMA_KINDS, "error"])
def test_every_schema_has_an_id_with_its_version(cli, kind: str) -> None:
    schema = _schema(cli, kind)
    assert re.fullmatch(rf"urn:cxmaturity:{kind}:\d+", schema["$id"])
    version = schema["$id"].rsplit(":", 1)[1]
    formats = schema["properties"]["format"]
    assert f"cxmaturity.{kind}/{version}" in formats.get("enum", [formats.get("const")])


def _valid(cli, kind: str, text: str) -> dict:
    document: dict = json.loads(text)
    jsonschema.validate(document, _schema(cli, kind))
    return document


def test_compare_json_validates_against_schema_comparison(cli, fell, write) -> None:
    q, baseline, current = fell
    plain = cli("compare", baseline, current, "-q", q, "--format", "json")
    assert "target" not in _valid(cli, "comparison", plain.stdout)["organisation"]
    aimed = cli("compare", baseline, current, "-q", q, "--format", "json", "--target", "3")
    assert _valid(cli, "comparison", aimed.stdout)["organisation"]["target"] == 3


def test_explain_json_validates_against_schema_explain(cli) -> None:
    result = cli("explain", SAMPLES, "-d", "marketing", "--format", "json")
    assert _valid(cli, "explain", result.stdout)["department"]["id"] == "marketing"


def test_error_document_validates_against_schema_error(cli, write) -> None:
    result = cli("score", _broken(write), "-q", MINI, "--format", "json")
    assert _valid(cli, "error", result.stdout)["errors"][0]["line"] == 3


def test_schema_comparison_rejects_a_wrong_document(cli) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"format": "cxmaturity.comparison/1"}, _schema(cli, "comparison"))


def test_a_value_after_a_flag_is_explained(cli) -> None:
    result = cli("score", SAMPLES, "--target", "3", "--fail-under-target", "true")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: true: no such file or folder (--fail-under-target is a flag: it takes no value)\n"
    )


def test_a_parse_time_usage_error_with_format_json_is_a_document_too(cli) -> None:
    result = cli("plan", SAMPLES, "--limit", "0", "--format", "json")
    assert result.exit_code == 2
    [error] = json.loads(result.stdout)["errors"]
    assert error["message"].startswith("Invalid value for '--limit'")
    assert len(result.stderr.splitlines()) == 1
