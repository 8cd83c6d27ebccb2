"""Messages people read when a file is wrong (issue 25): where, by id and key; every problem,
capped; YAML's usual traps explained. Through the real CLI."""

from __future__ import annotations

from conftest import REPO

MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"

QUESTIONNAIRE = MINI.read_text(encoding="utf-8")


def _errors(result) -> list[str]:
    assert result.exit_code == 2, result.stdout + result.stderr
    return result.stderr.splitlines()


def test_unquoted_version_says_to_quote_it(cli, write) -> None:
    path = write("q.yaml", QUESTIONNAIRE.replace('version: "2"', "version: 0.10"))
    [line] = _errors(cli("validate", path))
    assert line == (
        f'error: {path}:4:1: version: Input should be a valid string; put it in quotes ("0.1"): '
        "unquoted, YAML reads it as a number and drops trailing zeros"
    )


def test_a_colon_in_an_option_says_to_quote_it(cli, write) -> None:
    text = QUESTIONNAIRE.replace("text: Q1, options: [a,", "text: Q1, options: [Ad hoc: none,")
    path = write("q.yaml", text)
    [line] = _errors(cli("validate", path))
    assert "questions[q1].options, item 1: Input should be a valid string" in line
    assert 'put it in quotes ("Ad hoc: none"): a colon followed by a space' in line


def test_a_tab_reads_the_same_in_answers_and_questionnaires(cli, write) -> None:
    answers = write(
        "a.yaml",
        "format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: '2'}\n"
        "respondent: {name: A, department: alpha}\nanswers:\n\tq1: 2\n",
    )
    questionnaire = write("q.yaml", "format: cxmaturity.questionnaire/1\n\tid: x\n")
    said = [line.split(": ", 2)[-1] for line in _errors(cli("validate", answers, questionnaire))]
    assert (
        said
        == ["a tab character: YAML indents with spaces only, so replace the tab with spaces"] * 2
    )


def test_every_problem_is_listed_by_question_id(cli, write) -> None:
    text = QUESTIONNAIRE.replace("options: [a, b, c, d, e, f]}", "options: [a, b, c, d, e]}")
    path = write("q.yaml", text)
    lines = _errors(cli("validate", path))
    ids = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]
    assert [line.split(": ")[2] for line in lines] == [f"questions[{i}].options" for i in ids]
    assert not any("more problem" in line for line in lines)


def test_problems_are_capped_with_a_count(cli, write) -> None:
    questions = "".join(
        f"  - {{id: x{n}, dimension: d1, text: X, options: [a]}}\n" for n in range(25)
    )
    path = write("q.yaml", QUESTIONNAIRE.replace("questions:\n", "questions:\n" + questions))
    lines = _errors(cli("validate", path))
    assert len(lines) == 21
    assert lines[-1] == (f"error: {path}: … and 5 more problems (the first 20 are listed)")


def test_one_answer_is_singular(cli, write) -> None:
    path = write(
        "a.yaml",
        "format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: '2'}\n"
        "respondent: {name: A, department: alpha}\nanswers: {q1: 2}\n",
    )
    result = cli("validate", path)
    assert result.stdout == f"ok: {path}: answers from A (alpha), 1 answer\n"


def test_custom_questionnaire_without_q_suggests_it(cli) -> None:
    [line] = _errors(cli("score", MINI_ANSWERS))
    assert line.startswith("error: no bundled questionnaire 'mini'")
    assert line.endswith("give its file with -q FILE")


def test_failing_markdown_gate_shows_the_dimension_gaps(cli) -> None:
    # Both departments reach Mobilise overall (gap 0): Beta fails on a dimension.
    result = cli(
        "score", MINI_ANSWERS, "-q", MINI, "--target", "3", "--format", "markdown",
        "--fail-under-target",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "| Beta | 1 | 4.25 | Operationalise | Mobilise | 0 |" in result.stdout
    assert "| Beta · Dimension one | – | not enough answers | Mobilise | – |" in result.stdout
    assert "fail: Beta · Dimension one has no score" in result.stderr


def test_a_survey_of_one_question_saves_1_answer(cli, write, tmp_path) -> None:
    questionnaire = write(
        "one.yaml",
        """
        format: cxmaturity.questionnaire/1
        id: one
        version: "1"
        title: One question
        departments: [{id: dep, name: Dep}]
        dimensions: [{id: d1, name: D1}]
        questions:
          - {id: q1, dimension: d1, text: Q, options: [a, b, c, d, e, f]}
        """,
    )
    out = tmp_path / "answers"
    result = cli(
        "survey", "-q", questionnaire, "--respondent", "Ann", "--department", "dep",
        "--out-dir", out, input="3\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"saved 1 answer to {out / 'dep-ann.yaml'}" in result.stderr
