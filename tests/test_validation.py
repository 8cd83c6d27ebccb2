"""`validate_files` directly: each file recognised by its format, each problem on its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxmaturity.usecases.validation import validate_files

DATA = Path(__file__).resolve().parent / "data"
Write = Callable[[str, str], Path]


def test_each_kind_of_file_is_recognised(write: Write) -> None:
    targets = write("targets.yaml", "format: cxmaturity.targets/1\norganisation: 4\n")
    report = validate_files(
        [DATA / "mini.yaml", DATA / "mini-answers" / "a1.yaml", targets], str(DATA / "mini.yaml")
    )
    assert report.errors == []
    assert report.ok[0].endswith("questionnaire mini 2, 7 questions, 3 dimensions, 2 departments")
    assert report.ok[1].endswith("answers from Ann One (alpha), 6 answers")
    assert report.ok[2].endswith("targets")


def test_every_bad_file_is_reported_with_its_place(write: Write) -> None:
    unknown = write("other.yaml", "format: something/1\n")
    typo = write(
        "typo.yaml",
        """\
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: Bo, department: alpha}
        answers:
          q1: 2
          q9: 3
        """,
    )
    good = DATA / "mini-answers" / "a2.yaml"
    report = validate_files([unknown, typo, good], str(DATA / "mini.yaml"))
    assert [str(e) for e in report.errors] == [
        f"{unknown}:1:1: format is 'something/1'; expected cxmaturity.questionnaire/1, "
        "cxmaturity.questionnaire/2, cxmaturity.answers/1, cxmaturity.targets/1, "
        "cxmaturity.mapping/1 or cxmaturity.translation/1",
        f"{typo}:6:3: unknown question 'q9'",
    ]
    assert len(report.ok) == 1 and report.ok[0].startswith(str(good))


def test_answers_are_only_matched_to_a_questionnaire_when_one_is_given(write: Write) -> None:
    typo = write(
        "typo.yaml",
        """\
        format: cxmaturity.answers/1
        questionnaire: {id: mini, version: "2"}
        respondent: {name: Bo, department: nowhere}
        answers: {q9: 3}
        """,
    )
    assert validate_files([typo], None).errors == []
    assert "unknown department 'nowhere'" in str(
        validate_files([typo], str(DATA / "mini.yaml")).errors[0]
    )
