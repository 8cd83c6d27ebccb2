"""Versions of a bundled questionnaire, and the mapping that lets compare join them."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run

from cxmaturity.errors import InvalidFileError
from cxmaturity.mapping import read_mapping
from cxmaturity.model import Questionnaire

Write = Callable[[str, str], Path]


def tiny(version: str, ids: list[str]) -> Questionnaire:
    return Questionnaire.model_validate(
        {
            "format": "cxmaturity.questionnaire/1",
            "id": "tiny",
            "version": version,
            "title": "Tiny",
            "departments": [{"id": "ops", "name": "Ops"}],
            "dimensions": [{"id": "d", "name": "D"}],
            "questions": [
                {"id": i, "dimension": "d", "text": i, "options": list("abcdef")} for i in ids
            ],
        }
    )


OLD = tiny("1", ["a", "b", "c"])
NEW = tiny("2", ["a2", "b2", "n"])
GOOD = """
format: cxmaturity.mapping/1
from: {id: tiny, version: "1"}
to: {id: tiny, version: "2"}
questions:
  a: a2
  b: b2
"""


def test_a_good_mapping_reads(write: Write) -> None:
    mapping = read_mapping(write("m.yaml", GOOD), OLD, NEW)
    assert mapping.questions == {"a": "a2", "b": "b2"}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  b: b2", "  zz: b2", r":6:3: 'zz' is not a question of tiny 1"),
        ("  b: b2", "  b: zz", r":6:3: 'zz' is not a question of tiny 2"),
        ("  b: b2", "  b: a2", r":6:3: 'a2' is already the match of 'a'"),
        ('version: "1"}', 'version: "9"}', r":2:\d+: from is tiny 9, expected tiny 1"),
        (
            "questions:\n  a: a2\n  b: b2\n",
            "questions: {}\n",
            r":4:\d+: questions: Dictionary should have at least 1 item",
        ),
        (
            "mapping/1",
            "mapping/7",
            r":1:\d+: format is 'cxmaturity.mapping/7'; expected 'cxmaturity.mapping/1'",
        ),
    ],
)
def test_mapping_errors_are_located(write: Write, old: str, new: str, expected: str) -> None:
    path = write("m.yaml", GOOD.replace(old, new))
    with pytest.raises(InvalidFileError) as caught:
        read_mapping(path, OLD, NEW)
    assert re.search(re.escape(str(path)) + expected, str(caught.value)), str(caught.value)


def test_bundled_versions_are_listed_and_selectable(cli: Callable[..., Run]) -> None:
    listed = cli("questionnaires")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.startswith("cx-core\t1.0\t")
    one = cli("export", "-q", "cx-core@1.0", "-f", "csv")
    assert one.exit_code == 0 and "leadership-sponsor" in one.stdout
    missing = cli("export", "-q", "cx-core@0.9", "-f", "csv")
    assert missing.exit_code == 2
    assert missing.stderr.startswith(
        "error: no bundled questionnaire 'cx-core@0.9' (bundled: cx-core@1.0"
    )


def test_answers_naming_1_0_score_against_1_0(cli: Callable[..., Run]) -> None:
    samples = REPO / "questionnaires" / "samples"
    result = cli("score", samples, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"version": "1.0"' in result.stdout
    assert "scoring against" not in result.stderr
