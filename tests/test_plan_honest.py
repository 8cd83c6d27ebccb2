"""Issue 26, case 2: a plan below target with no step to give says so.

"No steps" must never read as "every target is met" when the questionnaire simply has
nothing to suggest; and `validate` warns about a questionnaire without steps.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
from test_plan import FORMAT_1, answer_files

Cli = Callable[..., Run]
Write = Callable[[str, str], Path]

NO_STEPS = FORMAT_1.split("recommendations:")[0]


def test_format_1_without_recommendations_is_honest_below_target(cli: Cli, write: Write) -> None:
    questionnaire = write("tiny.yaml", NO_STEPS)
    answers = answer_files(
        write, "tiny", {"ops": [{"lead-1": 2, "data-1": 3, "voice-1": 3}], "it": [{"lead-1": 5}]}
    )
    result = cli("plan", answers, "-q", questionnaire, "--target", "5")
    assert result.exit_code == 0, result.stderr
    assert "at or above its target" not in result.stdout
    assert "3 dimensions below their target have no next step" in result.stdout, result.stdout


def test_validate_warns_about_a_questionnaire_without_steps(cli: Cli, write: Write) -> None:
    result = cli("validate", write("tiny.yaml", NO_STEPS))
    assert result.exit_code == 0, result.stderr
    assert "no next steps" in result.stderr
    assert "no next steps" not in cli("validate", write("full.yaml", FORMAT_1)).stderr


@pytest.mark.pdf
def test_the_board_pack_says_the_gaps_have_no_step(cli: Cli, write: Write, tmp_path: Path) -> None:
    questionnaire = write("tiny.yaml", NO_STEPS)
    answers = answer_files(
        write, "tiny", {"ops": [{"lead-1": 2, "data-1": 3, "voice-1": 3}], "it": [{"lead-1": 2}]}
    )
    html = tmp_path / "board.html"
    result = cli(
        "report",
        answers,
        "-q",
        questionnaire,
        "--target",
        "5",
        "--min-group",
        "1",
        "-o",
        tmp_path / "board.pdf",
        "--html",
        html,
    )
    assert result.exit_code == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert "every dimension with a score has reached its target" not in text
    assert "have no next step in this questionnaire" in text
    assert "first 0 actions" not in text
