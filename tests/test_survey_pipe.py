"""`cxmaturity survey` with piped standard input, through the real program."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from survey_support import ESCAPES, run_cli, write_mini

from cxmaturity.formats.loading import load_questionnaire

WHO = ("--respondent", "Li Wei", "--department", "finance")


def ids(department: str = "finance") -> list[str]:
    return [q.id for q in load_questionnaire("cx-core").model.questions_for(department)]


def applicable(department: str) -> int:
    return len(ids(department))


def test_a_complete_run_exits_0_and_scores_as_answered(tmp_path: Path) -> None:
    # Every answer 4, one dimension's answers 6: score must say exactly that back.
    model = load_questionnaire("cx-core").model
    questions = model.questions_for("finance")
    stages = ["6" if q.dimension == "people" else "4" for q in questions]
    done = run_cli("survey", *WHO, "--out-dir", tmp_path, input="\n".join(stages) + "\n")
    path = tmp_path / "finance-li-wei.yaml"
    assert done.returncode == 0, done.stderr
    assert f"saved {len(questions)} answers to {path}" in done.stderr
    assert "Your profile · Li Wei · Finance" in done.stdout
    assert "6.00  Embed" in done.stdout
    scored = run_cli("score", path, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    (department,) = json.loads(scored.stdout)["departments"]
    assert (department["id"], department["respondents"]) == ("finance", 1)
    dims = {d["id"]: d["score"] for d in department["dimensions"]}
    asked = {q.dimension for q in questions}
    assert dims == {
        d.id: (6.0 if d.id == "people" else 4.0) if d.id in asked else None
        for d in model.dimensions
    }


def test_stage_names_unknown_and_na_are_accepted(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    done = run_cli(
        "survey", *WHO, "--out", out, input="Mobilize\n# a note\n\nunknown\nn/a\nEMBED\n"
    )
    assert done.returncode == 1
    text = out.read_text()
    first = ids()[:4]
    for qid, value in zip(first, ["3", "unknown", "n/a", "6"], strict=True):
        assert f"  {qid}: {value}\n" in text


def test_eof_part_way_exits_1_and_resume_continues(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    total = applicable("finance")
    first = run_cli("survey", *WHO, "--out", out, input="2\n2\n2\n")
    assert first.returncode == 1
    assert f"incomplete: {total - 3} unanswered" in first.stderr
    assert f"resume with: cxmaturity survey --out {out}" in first.stderr
    rest = run_cli("survey", "--out", out, input="5\n" * (total - 3))
    assert rest.returncode == 0, rest.stderr
    assert f"resuming {out}: 3 of {total} answered" in rest.stderr
    text = out.read_text()
    assert all(f"  {qid}: 2\n" in text for qid in ids()[:3])  # the first three kept
    assert text.count(": 5\n") == total - 3


def test_a_bad_line_is_a_clear_error_and_earlier_answers_stay(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    done = run_cli("survey", *WHO, "--out", out, input="4\nsometimes\n4\n")
    assert done.returncode == 2
    assert done.stderr.startswith("error: stdin line 2: 'sometimes' is not an answer")
    assert len(done.stderr.strip().splitlines()) == 1
    assert f"{ids()[0]}: 4" in out.read_text()


def test_bytes_that_are_not_utf8_are_a_wrong_answer_not_a_crash(tmp_path: Path) -> None:
    done = run_cli("survey", *WHO, "--out", tmp_path / "a.yaml", input=b"3\n\xff\xfe\n")
    assert done.returncode == 2
    assert "stdin line 2" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("close", [True, False])
def test_no_input_at_all_is_survivable(tmp_path: Path, close: bool) -> None:
    out = tmp_path / "a.yaml"
    done = run_cli("survey", *WHO, "--out", out, close_stdin=close)
    assert done.returncode == 1, done.stderr
    assert f"incomplete: {applicable('finance')} unanswered" in done.stderr
    assert "Traceback" not in done.stderr
    assert "respondent:\n  name: Li Wei" in out.read_text()


def test_more_lines_than_questions_are_ignored_with_a_warning(tmp_path: Path) -> None:
    total = applicable("finance")
    done = run_cli("survey", *WHO, "--out", tmp_path / "a.yaml", input="1\n" * (total + 2))
    assert done.returncode == 0
    assert f"ignored input from line {total + 1}" in done.stderr


def test_without_respondent_and_department_piped_input_fails_clearly(tmp_path: Path) -> None:
    done = run_cli("survey", "--out", tmp_path / "a.yaml", input="3\n")
    assert done.returncode == 2
    assert "give --respondent and --department" in done.stderr
    assert not (tmp_path / "a.yaml").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("--out", "a.yaml", "--out-dir", "."),
        ("--department", "nope", "--respondent", "X"),
        ("-q", "no-such-questionnaire", *WHO),
    ],
)
def test_bad_command_lines_exit_2_with_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    done = run_cli("survey", *args, input="3\n", cwd=tmp_path)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: ")


@pytest.mark.parametrize(
    "content",
    [
        b"format: cxmaturity.answers/1\nrespondent: [\n",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"format: cxmaturity.answers/1\nquestionnaire: {id: other, version: '1'}\n"
        b"respondent: {name: A, department: sales}\nanswers: {}\n",
    ],
)
def test_an_existing_file_that_does_not_fit_is_left_untouched(
    tmp_path: Path, content: bytes
) -> None:
    out = tmp_path / "a.yaml"
    out.write_bytes(content)
    done = run_cli("survey", *WHO, "--out", out, input="3\n3\n")
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {out}")
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert out.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_someone_elses_file_is_not_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    assert run_cli("survey", *WHO, "--out", out, input="3\n").returncode == 1
    before = out.read_bytes()
    done = run_cli("survey", "--respondent", "Ana", "--department", "finance", "--out", out)
    assert done.returncode == 2
    assert "holds answers from 'Li Wei' (finance), not 'Ana' (finance)" in done.stderr
    assert out.read_bytes() == before


def test_out_dir_names_files_from_department_and_name(tmp_path: Path) -> None:
    args = ("--respondent", "Ána de la Peña ../x", "--department", "sales")
    done = run_cli("survey", *args, "--out-dir", tmp_path / "workshop", input="1\n")
    assert done.returncode == 1
    assert [p.name for p in (tmp_path / "workshop").iterdir()] == ["sales-ana-de-la-pena-x.yaml"]


def test_saved_text_has_no_control_characters(tmp_path: Path) -> None:
    questionnaire = write_mini(tmp_path)
    args = ("--respondent", "Eve\x1b[2J [b]", "--role", "Boss\x07\x1b]0;x\x07", "-q", questionnaire)
    done = run_cli("survey", *args, "--department", "sales", "--out", tmp_path / "a.yaml")
    assert done.returncode == 1
    text = (tmp_path / "a.yaml").read_text()
    assert "name: Eve [b]" in text and "role: Boss" in text
    assert not any(escape in text for escape in ESCAPES)
