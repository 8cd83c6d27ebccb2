"""The scoring rule on a case worked out by hand (see tests/data/mini*.yaml).

Alpha, Ann:  d1 = (2*1 + 4*3) / 4 = 3.5 (q7 is n/a)   d2 = (.1*5 + .2*5) / .3 = 5.0
             d3 = undefined (only q6, unknown)
Alpha, Al:   d1 = (6*1 + 3*3 + 1*1) / 5 = 3.2           d2 = 2.0 (q3 unknown, 0.2 of 0.3 answered)
             d3 = 4
Alpha:       d1 = 3.35 (spread .3)  d2 = 3.5 (spread 3: disagreement)  d3 = 4.0 (one respondent)
             department = (3.35*2 + 3.5 + 4) / 4 = 3.55, Mobilise
Beta, "no":  d1 = undefined (1 of 4 weight answered)  d2 = 3.0 (q4 n/a)  d3 = (6 + 5) / 2 = 5.5
Beta:        department = (3.0 + 5.5) / 2 = 4.25, Operationalise
Organisation = (3.55 + 4.25) / 2 = 3.90, Mobilise; d1 3.35, d2 3.25, d3 4.75
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from cxmaturity.core.model import Question

DATA = REPO / "tests" / "data"
MINI = DATA / "mini.yaml"
ANSWERS = DATA / "mini-answers"


def scores(cli, *extra: str | Path) -> dict:
    result = cli("score", ANSWERS, "-q", MINI, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def dims(entry: dict) -> dict[str, dict]:
    return {d["id"]: d for d in entry["dimensions"]}


def test_hand_computed_departments(cli) -> None:
    data = scores(cli)
    alpha, beta = data["departments"]
    assert (alpha["id"], alpha["respondents"], alpha["score"], alpha["stage_name"]) == (
        "alpha",
        2,
        3.55,
        "Mobilise",
    )
    a = dims(alpha)
    assert (a["d1"]["score"], a["d1"]["spread"], a["d1"]["disagreement"]) == (3.35, 0.3, False)
    assert (a["d2"]["score"], a["d2"]["spread"], a["d2"]["disagreement"]) == (3.5, 3.0, True)
    assert (a["d3"]["score"], a["d3"]["respondents"], a["d3"]["stage_name"]) == (
        4.0,
        1,
        "Operationalise",
    )
    assert (beta["score"], beta["stage"]) == (4.25, 4)
    b = dims(beta)
    assert b["d1"] == {
        "id": "d1",
        "name": "Dimension one",
        "respondents": 0,
        "score": None,
        "stage": None,
        "stage_name": None,
        "interval": None,
        "borderline": False,
        "spread": None,
        "disagreement": False,
        "reason": "too few answers",  # asked of beta, but nobody answered enough
    }
    assert (b["d2"]["score"], b["d3"]["score"], b["d3"]["stage_name"]) == (3.0, 5.5, "Align")


def test_hand_computed_organisation(cli) -> None:
    data = scores(cli)
    org = data["organisation"]
    assert (org["score"], org["stage"], org["stage_name"]) == (3.9, 3, "Mobilise")
    o = dims(org)
    assert [o[d]["score"] for d in ("d1", "d2", "d3")] == [3.35, 3.25, 4.75]
    assert [o[d]["departments"] for d in ("d1", "d2", "d3")] == [1, 2, 2]
    assert data["respondents"] == 3
    assert data["questionnaire"]["id"] == "mini"
    assert len(data["questionnaire"]["sha256"]) == 64


def test_target_gives_gaps(cli) -> None:
    data = scores(cli, "--target", "align")
    alpha, beta = data["departments"]
    assert (data["organisation"]["target"], data["organisation"]["gap"]) == (5, 2)
    assert (alpha["target"], alpha["gap"], beta["gap"]) == (5, 2, 1)
    assert [d["gap"] for d in alpha["dimensions"]] == [2, 2, 1]
    assert [d["gap"] for d in beta["dimensions"]] == [None, 2, 0]


def test_no_target_means_no_target_keys(cli) -> None:
    data = scores(cli)
    assert "target" not in data["departments"][0]
    assert "gap" not in data["departments"][0]["dimensions"][0]


def test_float_weights_never_drop_a_stage(cli, write) -> None:
    # 0.1*5 + 0.2*5 over 0.3 is 4.999999999999999 in floats; it must read 5.00, Align.
    answers = write(
        "one/ann.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: Ann, department: alpha}
        answers: {q3: 5, q4: 5}
        """,
    )
    result = cli("score", answers, "-q", MINI, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    d2 = dims(data["departments"][0])["d2"]
    assert (d2["score"], d2["stage"], d2["stage_name"]) == (5.0, 5, "Align")
    assert data["organisation"]["score"] == 5.0
    assert data["organisation"]["stage_name"] == "Align"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("csv", "alpha,Alpha,d2,Dimension two,2,3.50,3,Mobilise,3.00,yes,,"),
        ("markdown", "| Alpha | 2 | 3.55 | Mobilise (borderline) |"),
        ("table", "Alpha"),
    ],
)
def test_other_formats_carry_the_same_figures(cli, fmt: str, expected: str) -> None:
    result = cli("score", ANSWERS, "-q", MINI, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert expected in result.stdout


def test_table_marks_disagreement_and_undefined(cli) -> None:
    result = cli("score", ANSWERS, "-q", MINI)
    assert "3.55  Mobilise" in result.stdout
    assert "Alpha · Dimension two: respondents differ by 3.00 stages" in result.stdout


def test_csv_rows_are_department_by_dimension(cli) -> None:
    result = cli("score", ANSWERS, "-q", MINI, "--format", "csv")
    rows = result.stdout.strip().splitlines()
    assert rows[0].startswith("department_id,department,dimension_id")
    assert len(rows) == 1 + 2 * 3
    assert "beta,Beta,d1,Dimension one,0,,,,,no,,,,,no" in rows


# ------------------------------------------------------------- one answer vocabulary

VOCABULARY = [
    ("4", 4),
    ("4.0", 4),
    (" Operationalise ", 4),
    ("mobilize", 3),
    ("Don't know", "unknown"),
    ("dont know", "unknown"),
    ("Not applicable", "n/a"),
    ("NA", "n/a"),
]
NOT_ANSWERS = ["?", "4.5", "7", "0", "maybe"]


@pytest.mark.parametrize(("word", "meaning"), VOCABULARY)
def test_every_door_takes_the_same_words(word: str, meaning: int | str) -> None:
    from cxmaturity.core.answer_file import AnswerFile
    from cxmaturity.formats.vocabulary import parse_cell
    from cxmaturity.survey.session import parse_answer

    expected = AnswerFile.model_validate(
        {
            "format": "cxmaturity.answers/1",
            "questionnaire": {"id": "x", "version": "1"},
            "respondent": {"name": "A", "department": "d"},
            "answers": {"q": meaning},
        }
    ).answers["q"]
    from_yaml = AnswerFile.model_validate(
        {
            "format": "cxmaturity.answers/1",
            "questionnaire": {"id": "x", "version": "1"},
            "respondent": {"name": "A", "department": "d"},
            "answers": {"q": word},
        }
    ).answers["q"]
    question = _any_question()
    assert from_yaml == expected
    assert parse_answer(word) == expected
    assert parse_cell(word, question) == meaning


@pytest.mark.parametrize("word", NOT_ANSWERS)
def test_every_door_refuses_the_same_words(word: str) -> None:
    from pydantic import ValidationError

    from cxmaturity.core.answer_file import AnswerFile
    from cxmaturity.formats.vocabulary import parse_cell
    from cxmaturity.survey.session import parse_answer

    with pytest.raises(ValidationError):
        AnswerFile.model_validate(
            {
                "format": "cxmaturity.answers/1",
                "questionnaire": {"id": "x", "version": "1"},
                "respondent": {"name": "A", "department": "d"},
                "answers": {"q": word},
            }
        )
    assert parse_answer(word) is None
    with pytest.raises(ValueError, match="is not an answer"):
        parse_cell(word, _any_question())


def _any_question() -> Question:
    from cxmaturity.formats.loading import load_questionnaire

    return load_questionnaire("cx-core").model.questions[0]
