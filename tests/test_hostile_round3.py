"""Issue 26: hostile files, round 3, forged baselines and `validate` agreeing with `score`.

Every bad file ends in one located line with exit 2, fast; none is believed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

Cli = Callable[..., Run]

TINY = """\
format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny
departments:
  - {id: sales, name: Sales}
dimensions:
  - {id: lead, name: Leadership}
questions:
  - {id: q1, dimension: lead, text: First, options: [a, b, c, d, e, f]}
  - {id: q2, dimension: lead, text: Second, options: [a, b, c, d, e, f]}
"""

HEAD = (
    "format: cxmaturity.answers/1\n"
    'questionnaire: {id: tiny, version: "1"}\n'
    "respondent: {name: Ana, department: sales}\n"
)


def one_error(result: Run, *parts: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for part in parts:
        assert part in result.stderr, result.stderr


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    q = tmp_path / "tiny.yaml"
    q.write_text(TINY)
    return q


def _answers(folder: Path, body: str, name: str = "sales-ana.yaml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(HEAD + body)
    return path


# ---------------------------------------------------- 10. YAML 1.1 integer forms


def test_a_huge_base_60_answer_is_refused_at_once(cli: Cli, tiny: Path, tmp_path: Path) -> None:
    # 640,000 parts: PyYAML's own conversion runs past a minute.
    big = "1" + ":59" * 640_000
    path = _answers(tmp_path / "a", f"answers: {{q1: {big}, q2: 3}}\n")
    started = time.perf_counter()
    result = cli("score", tmp_path / "a", "-q", tiny)
    assert time.perf_counter() - started < 10
    one_error(result, f"{path}:4:", "base-60")


@pytest.mark.parametrize(
    ("value", "form"),
    [
        ("1:30", "base-60"),
        ("0x3", "hexadecimal"),
        ("0b11", "binary"),
        ("03", "octal"),
        ("0o3", None),
        ("1_0", "underscores"),
        ("1:30.5", "base-60"),
    ],
)
def test_yaml_11_number_forms_are_never_counted_as_answers(
    cli: Cli, tiny: Path, tmp_path: Path, value: str, form: str | None
) -> None:
    # 0x3 used to count as an answer of 3; every such form is now refused where it stands.
    path = _answers(tmp_path / "a", f"answers:\n  q1: {value}\n  q2: 3\n")
    result = cli("validate", path, "-q", tiny)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"{path}:5:" in result.stderr, result.stderr
    if form:
        assert form in result.stderr


# ---------------------------------------------------- 11. tracebacks with exit 1


@pytest.mark.parametrize(
    "stamp", ["2026-02-30", "2026-13-01", "2026-11-01T25:00:00Z", "2026-11-01 10:61:00"]
)
def test_impossible_dates_are_one_located_line(
    cli: Cli, tiny: Path, tmp_path: Path, stamp: str
) -> None:
    path = _answers(tmp_path / "a", f"updated: {stamp}\nanswers: {{q1: 3, q2: 3}}\n")
    one_error(cli("score", tmp_path / "a", "-q", tiny), f"{path}:4:", "not a valid date")


@pytest.mark.parametrize("where", ["answer", "respondent"])
def test_a_5000_digit_integer_in_yaml_is_one_located_line(
    cli: Cli, tiny: Path, tmp_path: Path, where: str
) -> None:
    digits = "7" * 5000
    body = (
        f"answers: {{q1: {digits}, q2: 3}}\n"
        if where == "answer"
        else f"started: {digits}\nanswers: {{q1: 3, q2: 3}}\n"
    )
    path = _answers(tmp_path / "a", body)
    one_error(cli("score", tmp_path / "a", "-q", tiny), f"{path}:4:", "digits")


def test_a_5000_digit_integer_in_json_is_one_located_line(
    cli: Cli, tiny: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    data = {
        "format": "cxmaturity.answers/1",
        "questionnaire": {"id": "tiny", "version": "1"},
        "respondent": {"name": "Ana", "department": "sales"},
        "answers": {"q1": 3, "q2": 3},
    }
    text = json.dumps(data, indent=1).replace('"q1": 3', '"q1": ' + "9" * 5000)
    (folder / "ana.json").write_text(text)
    one_error(cli("score", folder, "-q", tiny), "ana.json:", "digits")


def test_a_100000_deep_journal_line_is_one_located_line(
    cli: Cli, tiny: Path, tmp_path: Path
) -> None:
    from cxmaturity.formats.journal import digest, header_line, journal_path

    path = _answers(tmp_path / "a", "answers: {q1: 3, q2: 3}\n")
    journal = journal_path(path)
    journal.write_bytes(header_line(digest(path.read_bytes())) + b"[" * 100_000 + b"\n")
    one_error(cli("score", tmp_path / "a", "-q", tiny), f"{journal}:2:", "nested")


@pytest.mark.parametrize(
    "body",
    [
        "updated: 2026-02-30\nanswers: {q1: 3, q2: 3}\n",
        f"answers: {{q1: {'7' * 5000}, q2: 3}}\n",
        "answers: {q1: 1:30, q2: 3}\n",
    ],
)
def test_workshop_start_up_on_a_hostile_folder_is_one_line(
    tiny: Path, tmp_path: Path, body: str
) -> None:
    _answers(tmp_path / "a", body)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cxmaturity",
            "workshop",
            "-q",
            str(tiny),
            "--out-dir",
            str(tmp_path / "a"),
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr and "sales-ana.yaml:" in done.stderr, done.stderr


# ---------------------------------------------------- 4. forged baselines


def _baseline(tmp_path: Path, cli: Cli, tiny: Path) -> tuple[Path, dict[str, object]]:
    folder = tmp_path / "now"
    _answers(folder, "answers: {q1: 3, q2: 4}\n")
    result = cli("score", folder, "-q", tiny, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return folder, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("score", "stage", "expect"),
    [
        ("99.0", 6, "less than or equal to 6"),
        ("1e30", 6, "less than or equal to 6"),
        ("0.5", 1, "greater than or equal to 1"),
        ("1e999", 6, "too large"),
        ("4.2", 2, "does not match"),
    ],
)
def test_forged_baseline_scores_are_refused(
    cli: Cli, tiny: Path, tmp_path: Path, score: str, stage: int, expect: str
) -> None:
    folder, data = _baseline(tmp_path, cli, tiny)
    org = data["organisation"]
    assert isinstance(org, dict)
    org["score"], org["stage"] = "SCORE", stage
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(data, indent=2).replace('"SCORE"', score))
    for command in (["compare", path, folder, "-q", tiny],):
        one_error(cli(*command), f"{path}:", expect)


def test_a_forged_department_dimension_is_refused_too(cli: Cli, tiny: Path, tmp_path: Path) -> None:
    folder, data = _baseline(tmp_path, cli, tiny)
    dim = data["departments"][0]["dimensions"][0]  # type: ignore[index]
    dim["score"], dim["stage"] = 6.0, 6
    dim["spread"] = 1e300
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(data, indent=2))
    one_error(cli("compare", path, folder, "-q", tiny), f"{path}:", "spread")


# ---------------------------------------------------- 3. validate agrees with score


def test_validate_without_q_checks_answers_like_score(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "ana.yaml"
    path.write_text(
        "format: cxmaturity.answers/1\n"
        "questionnaire: {id: cx-core, version: '2.0'}\n"
        "respondent: {name: Ana, department: digital}\n"
        "answers: {no-such-question: 3}\n"
    )
    scored = cli("score", path)
    assert scored.exit_code == 2
    validated = cli("validate", path)
    assert validated.exit_code == 2, validated.stdout
    assert "no-such-question" in validated.stderr and "ok:" not in validated.stdout


def test_validate_without_q_on_an_unbundled_questionnaire_warns(cli: Cli, tmp_path: Path) -> None:
    path = _answers(tmp_path / "a", "answers: {q1: 3}\n")
    result = cli("validate", path)
    assert result.exit_code == 0, result.stderr
    assert "not bundled" in result.stderr and "-q" in result.stderr
