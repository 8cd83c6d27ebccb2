"""Every broken file ends in exit 2 with one located line on stderr, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

MINI = REPO / "tests" / "data" / "mini.yaml"
GOOD = SAMPLES / "finance-li-wei.yaml"

HEADER = 'format: cxmaturity.answers/1\nquestionnaire: {id: cx-core, version: "1.0"}\n'
PERSON = "respondent: {name: Kim, department: finance}\n"

BAD_ANSWER_FILES: dict[str, tuple[str | bytes, str]] = {
    "malformed": (
        HEADER + PERSON + "answers: {journey-map: [1, 2\n",
        r":5:1: .*expected ',' or '\]'",
    ),
    "root-list": ("- 1\n- 2\n", r":1:1: expected a mapping at the top level, found a list"),
    "root-text": ("just some words\n", r"expected a mapping at the top level, found text"),
    "binary": (bytes(range(256)) * 4, r": not UTF-8 text \(byte 0x80\); is this a binary file\?"),
    "nul": (b"format: x\n\x00\x01\x02", r":2: contains a NUL byte"),
    "empty": ("", r": the file is empty"),
    "blank": ("\n\n   \n", r": the file is empty"),
    "python-tag": (
        HEADER + PERSON + "answers: !!python/object/apply:os.system ['touch /tmp/cx-pwned']\n",
        r":4:10: the tag !!python/object/apply:os.system is not allowed",
    ),
    "alias-bomb": (
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
        r":2:8: aliases \(\*name\) are not allowed",
    ),
    # Where the parser stops depends on the libyaml release (column 65 by our count, 1001 by
    # libyaml 0.2.5's own limit); the located line and its words do not.
    "deep-flow": ("[" * 40_000 + "]" * 40_000, r":1:\d+: nested deeper than 64 levels"),
    "deep-block": (
        "".join("  " * i + "-\n" for i in range(70)),
        r":65:129: nested deeper than 64 levels",
    ),
    "duplicate-key": (
        HEADER + PERSON + "answers: {}\nanswers: {}\n",
        r":5:1: duplicate key 'answers'",
    ),
    "stage-7": (
        HEADER + PERSON + "answers:\n  journey-map: 7\n",
        r":5:3: answers\.journey-map: 7 is not an answer",
    ),
    "stage-0": (HEADER + PERSON + "answers:\n  journey-map: 0\n", r"0 is not an answer"),
    "stage-nan": (HEADER + PERSON + "answers:\n  journey-map: .nan\n", r"nan is not an answer"),
    "stage-float": (HEADER + PERSON + "answers:\n  journey-map: 3.5\n", r"3.5 is not an answer"),
    "stage-on": (HEADER + PERSON + "answers:\n  journey-map: on\n", r"'on' is not an answer"),
    "stage-yes": (HEADER + PERSON + "answers:\n  journey-map: yes\n", r"'yes' is not an answer"),
    "stage-no": (HEADER + PERSON + "answers:\n  journey-map: no\n", r"'no' is not an answer"),
    "stage-true": (HEADER + PERSON + "answers:\n  journey-map: true\n", r"true is not an answer"),
    "unknown-department": (
        HEADER + "respondent: {name: Kim, department: legal}\nanswers: {}\n",
        r":3:\d+: unknown department 'legal'",
    ),
    "unknown-question": (
        HEADER + PERSON + "answers:\n  journey-mapp: 3\n",
        r":5:3: unknown question 'journey-mapp'",
    ),
    "other-questionnaire": (
        'format: cxmaturity.answers/1\nquestionnaire: {id: hr-pulse, version: "1.0"}\n'
        + PERSON
        + "answers: {}\n",
        r":2:\d+: answers are for questionnaire 'hr-pulse', not 'cx-core'",
    ),
    "unknown-key": (HEADER + PERSON + "answers: {}\nextra: 1\n", r":5:1: extra: unknown key"),
    "missing-key": (HEADER + "answers: {}\n", r"respondent: required key is missing"),
    "wrong-format": (
        "format: something/9\n",
        r":1:\d+: format is 'something/9'; expected '?cxmaturity",
    ),
    "comment-not-text": (
        HEADER + PERSON + "answers:\n  journey-map: {stage: 3, comment: [1]}\n",
        r"comment must be text",
    ),
}


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def _assert_one_clean_line(stderr: str, path: Path, pattern: str) -> None:
    lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"error: {path}"), stderr
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in stderr


@pytest.mark.parametrize("case", sorted(BAD_ANSWER_FILES))
def test_score_rejects_bad_file_even_beside_a_good_one(cli, tmp_path: Path, case: str) -> None:
    content, pattern = BAD_ANSWER_FILES[case]
    bad = _write(tmp_path, case, content)
    result = cli("score", GOOD, bad, "-q", "cx-core@1.0", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    # No scores on stdout: only the error document a CI job can parse (issue 25).
    document = json.loads(result.stdout)
    assert document["format"] == "cxmaturity.error/1"
    assert [error["file"] for error in document["errors"]] == [str(bad)]
    _assert_one_clean_line(result.stderr, bad, pattern)


@pytest.mark.parametrize("case", sorted(BAD_ANSWER_FILES))
def test_validate_rejects_bad_file(cli, tmp_path: Path, case: str) -> None:
    content, pattern = BAD_ANSWER_FILES[case]
    bad = _write(tmp_path, case, content)
    result = cli("validate", GOOD, bad, "-q", "cx-core@1.0")
    assert result.exit_code == 2
    assert f"ok: {GOOD}" in result.stdout
    _assert_one_clean_line(result.stderr, bad, pattern)


def test_python_tag_is_never_executed(cli, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = _write(
        tmp_path,
        "tag",
        HEADER + PERSON + f"answers: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    cli("score", bad)
    cli("validate", bad)
    assert not marker.exists()


def test_missing_file(cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = cli("score", missing)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {missing}: no such file or folder"


def test_oversized_file(cli, tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(HEADER + PERSON + "answers: {}\n" + "# padding\n" * 500_000)
    result = cli("score", big)
    assert result.exit_code == 2
    assert re.fullmatch(
        rf"error: {re.escape(str(big))}: the file is [\d,]+ bytes; the limit is 4,194,304\n",
        result.stderr,
    )


def test_several_broken_files_each_get_a_line(cli, tmp_path: Path) -> None:
    one = _write(tmp_path, "one", "")
    two = _write(tmp_path, "two", "- a\n")
    result = cli("score", one, GOOD, two)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: {one}: the file is empty",
        f"error: {two}:1:1: expected a mapping at the top level, found a list",
    ]


def test_a_respondent_named_no_is_text(cli, tmp_path: Path) -> None:
    answers = _write(
        tmp_path,
        "no",
        'format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: "2"}\n'
        "respondent: {name: no, role: off, department: alpha}\nanswers: {q1: 3, q2: 3}\n",
    )
    result = cli("validate", answers, "-q", MINI)
    assert result.exit_code == 0, result.stderr
    assert "answers from no (alpha)" in result.stdout


BAD_QUESTIONNAIRES: dict[str, tuple[str, str]] = {
    "duplicate-question": (
        "questions:\n  - {id: q1, dimension: d1, text: A, options: [a, b, c, d, e, f]}\n"
        "  - {id: q1, dimension: d1, text: B, options: [a, b, c, d, e, f]}\n",
        r":9:6: questions\[q1\]\.id: duplicate id 'q1'",
    ),
    "unknown-dimension": (
        "questions:\n  - {id: q1, dimension: d9, text: A, options: [a, b, c, d, e, f]}\n"
        "  - {id: q2, dimension: d1, text: B, options: [a, b, c, d, e, f]}\n",
        r":8:\d+: questions\[q1\]\.dimension: unknown dimension 'd9'",
    ),
    "unknown-department": (
        "questions:\n  - {id: q1, dimension: d1, text: A, departments: [zz], "
        "options: [a, b, c, d, e, f]}\n",
        r":8:\d+: questions\[q1\]\.departments, item 1: unknown department 'zz'",
    ),
    "five-options": (
        "questions:\n  - {id: q1, dimension: d1, text: A, options: [a, b, c, d, e]}\n",
        r"questions\[q1\]\.options: List should have at least 6 items",
    ),
    "seven-options": (
        "questions:\n  - {id: q1, dimension: d1, text: A, options: [a, b, c, d, e, f, g]}\n",
        r"questions\[q1\]\.options: List should have at most 6 items",
    ),
    "zero-weight": (
        "questions:\n  - {id: q1, dimension: d1, text: A, weight: 0, options: [a, b, c, d, e, f]}\n",
        r":8:\d+: questions\[q1\]\.weight: Input should be greater than 0",
    ),
    "negative-weight": (
        "questions:\n  - {id: q1, dimension: d1, text: A, weight: -1, options: [a, b, c, d, e, f]}\n",
        r"questions\[q1\]\.weight: Input should be greater than 0",
    ),
    "nan-weight": (
        "questions:\n  - {id: q1, dimension: d1, text: A, weight: .nan, options: [a, b, c, d, e, f]}\n",
        r"questions\[q1\]\.weight: Input should be a finite number",
    ),
    "unknown-key": (
        "questions:\n  - {id: q1, dimension: d1, text: A, colour: red, options: [a, b, c, d, e, f]}\n",
        r":8:\d+: questions\[q1\]\.colour: unknown key",
    ),
    "bad-id": (
        "questions:\n  - {id: Q One, dimension: d1, text: A, options: [a, b, c, d, e, f]}\n",
        r"questions\[Q One\]\.id: String should match pattern",
    ),
    "recommendation-stage": (
        "questions:\n  - {id: q1, dimension: d1, text: A, options: [a, b, c, d, e, f]}\n"
        "recommendations:\n  d1:\n    excellent: [x]\n",
        r"recommendations\.d1\.excellent: expected a stage name",
    ),
}

Q_HEAD = """format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny
departments: [{id: dep, name: Dep}]
dimensions: [{id: d1, name: D1}]
"""


@pytest.mark.parametrize("case", sorted(BAD_QUESTIONNAIRES))
def test_bad_questionnaire(cli, tmp_path: Path, case: str) -> None:
    body, pattern = BAD_QUESTIONNAIRES[case]
    path = _write(tmp_path, case, Q_HEAD + body)
    result = cli("validate", path)
    assert result.exit_code == 2, result.stdout
    _assert_one_clean_line(result.stderr, path, pattern)


def test_bad_questionnaire_used_for_scoring(cli, tmp_path: Path) -> None:
    body = "questions:\n  - {id: q1, dimension: d9, text: A, options: [a, b, c, d, e, f]}\n"
    pattern = BAD_QUESTIONNAIRES["unknown-dimension"][1]
    path = _write(tmp_path, "q", Q_HEAD + body)
    result = cli("score", GOOD, "-q", path)
    assert result.exit_code == 2
    # Both of the file's problems, each on its own located line (issue 25).
    first, second = result.stderr.splitlines()
    assert re.search(pattern, first), first
    assert second == f"error: {path}:6:1: dimensions: dimension 'd1' has no questions"


def test_unknown_bundled_questionnaire(cli) -> None:
    result = cli("score", GOOD, "-q", "nope")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "error: no bundled questionnaire 'nope' (bundled: cx-core@1.0, cx-core@2.0, cx-core@2.1)"
    )
