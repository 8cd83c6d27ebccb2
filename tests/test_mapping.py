"""Versions of a bundled questionnaire, and the mapping that lets compare join them."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import REPO, Run

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.model import Questionnaire
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.formats.mapping import read_mapping

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


def _as_2_0(
    source: Path, target: Path, mapping: dict[str, str], extra: int, bump: str = ""
) -> None:
    """A 1.0 sample answered again on 2.0: the same answers to the shared questions, every
    question new in 2.0 answered ``extra``, and ``bump`` (a 2.0 id) raised to 6."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    newer = load_questionnaire("cx-core@2.0").model
    department = data["respondent"]["department"]
    answers = {mapping[k]: v for k, v in data["answers"].items() if k in mapping}
    for question in newer.questions_for(department):
        if question.id not in mapping.values():
            answers[question.id] = extra
    raised = None
    if bump:
        asked = {q.id for q in newer.questions_for(department)}
        qid = next(
            k
            for k, v in answers.items()
            if k in asked and k in mapping.values() and isinstance(v, int) and v < 6
        )
        answers[qid] = 6
        raised = qid.split("-")[0]
    data["questionnaire"] = {"id": "cx-core", "version": "2.0"}
    data["answers"] = answers
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return raised


def test_compare_from_1_0_to_2_0_on_the_shared_questions(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    samples = REPO / "questionnaires" / "samples"
    mapping = yaml.safe_load((REPO / "questionnaires" / "cx-core-1.0-to-2.0.yaml").read_text())
    shared = mapping["questions"]
    current = tmp_path / "current"
    current.mkdir()
    raised = None
    for sample in samples.glob("*.yaml"):
        # Questions new in 2.0 all answered 6: they must not move the comparison.
        finance = sample.name.startswith("finance")
        raised = _as_2_0(sample, current / sample.name, shared, extra=6, bump=finance) or raised
    assert raised is not None
    result = cli("compare", samples, current, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (
        f"compared on the {len(shared)} questions cx-core 1.0 and 2.0 share "
        "(cx-core-1.0-to-2.0.yaml)" in result.stderr
    )
    data = json.loads(result.stdout)
    newer = load_questionnaire("cx-core@2.0").model
    mapped_dimensions = [
        d.id
        for d in newer.dimensions
        if any(q.dimension == d.id for q in newer.questions if q.id in shared.values())
    ]
    for department in data["departments"]:
        assert [d["id"] for d in department["dimensions"]] == mapped_dimensions
        for dim in department["dimensions"]:
            moved = department["id"] == "finance" and dim["id"] == raised
            assert (dim["delta"] not in (0.0, None)) == moved, (department["id"], dim)
    assert data["baseline"]["questionnaire"]["versions"] == ["1.0"]
    assert data["current"]["questionnaire"]["versions"] == ["2.0"]


def test_compare_without_a_mapping_warns_that_questions_differ(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    samples = REPO / "questionnaires" / "samples"
    result = cli("compare", samples, samples, "-q", "cx-core@1.0", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "share" not in result.stderr
