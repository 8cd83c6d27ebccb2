"""The interactive walk on a scripted terminal: keys as strings, screens as plain lines.

The pseudo-terminal tests (test_survey_tty.py) prove the real keyboard and Ctrl-C; these
prove the layout and the walk's logic quickly, screen by screen.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from survey_support import ESCAPES, write_mini

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.exitcodes import ExitCode
from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.survey import SurveyIO, SurveyRequest, run_survey
from cxmaturity.survey.screens import QuestionView, question_frame
from cxmaturity.survey.session import Session


class Scripted:
    """A terminal that types the given keys and keeps every frame it was shown."""

    def __init__(self, keys: list[str], width: int = 80, height: int = 24) -> None:
        self.keys = list(keys)
        self.frames: list[list[str]] = []
        self.size = (width, height)

    def read_key(self) -> str:
        if not self.keys:
            raise EOFError
        key = self.keys.pop(0)
        if key == "ctrl-c":
            raise KeyboardInterrupt
        return key

    def show(self, lines: list[str]) -> None:
        width, height = self.size
        assert len(lines) <= height, "\n".join(lines)
        assert all(len(line) <= width for line in lines), "\n".join(lines)
        self.frames.append(lines)

    @contextlib.contextmanager
    def fullscreen(self) -> Iterator[None]:
        yield

    @contextlib.contextmanager
    def raw(self) -> Iterator[None]:
        yield

    def pending(self) -> bool:
        return bool(self.keys) and self.keys[0] != "ctrl-c"

    def clear_all(self) -> None:
        self.frames.append(["<cleared>"])

    @property
    def screen(self) -> str:
        return "\n".join(self.frames[-1])

    def seen(self, text: str) -> bool:
        return any(text in "\n".join(frame) for frame in self.frames)


def plain_console(width: int = 80) -> Console:
    return Console(file=io.StringIO(), width=width, height=24, color_system=None)


def survey(
    tmp_path: Path, keys: list[str], *args: str, **options: object
) -> tuple[ExitCode, Scripted, list[str], Console]:
    terminal = Scripted(keys, **options)  # type: ignore[arg-type]
    said: list[str] = []
    console = plain_console(terminal.size[0])
    request = SurveyRequest(
        questionnaire=str(write_mini(tmp_path)),
        out_dir=tmp_path,
        **dict(zip(args[::2], args[1::2], strict=True)),  # type: ignore[arg-type]
    )
    code = run_survey(request, SurveyIO(console=console, say=said.append, terminal=terminal))
    return code, terminal, said, console


def answers(path: Path) -> dict[str, AnswerValue]:
    return Session.resume(load_questionnaire(path.parent / "mini.yaml"), path).answers


def test_asks_who_then_walks_and_finishes_with_a_profile(tmp_path: Path) -> None:
    keys = ["E", "v", "e", "enter", "enter", "2", "enter", "enter"]  # name, no role, Service
    keys += ["3", "enter", "down", "down", "enter", "d", "enter", "n", "enter"]
    keys += ["enter"]  # profile: finish
    code, terminal, said, console = survey(tmp_path, keys)
    assert code == ExitCode.OK, said
    path = tmp_path / "service-eve.yaml"
    assert answers(path) == {
        "q1": AnswerValue(stage=Stage.MOBILISE, status="stage"),
        "q2": AnswerValue(stage=Stage.EXPLORE, status="stage"),
        "q3": AnswerValue(status="unknown"),
        "q4": AnswerValue(status="n/a"),
    }
    assert terminal.seen("4 questions for Service [i]desk[/i], about 5 minutes.")
    assert terminal.seen("Your profile · Eve · Service [i]desk[/i]")
    assert said == [f"saved 4 answers to {path}"]
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Leadership [u]and[/u] ownership" in printed
    assert "2.50  Explore" in printed


def test_question_screen_shows_progress_dimension_help_and_options(tmp_path: Path) -> None:
    _, terminal, _, _ = survey(tmp_path, ["enter", "q"], "respondent", "Eve", "department", "sales")
    screen = terminal.screen
    assert screen.startswith("1 of 3  ·  Leadership [u]and[/u] ownership")
    assert "Who owns [bold]customer[/bold] experience?" in screen
    assert "Think about  the board." in screen
    for label in ("1 Nobody [red]owns[/red] it.", "6 It is how we lead."):
        assert label in screen
    # Stage names invite picking the "better" answer: only --show-stages shows them.
    assert not any(stage.label in screen for stage in Stage)
    _, terminal, _, _ = survey(
        tmp_path, ["enter", "q"], "respondent", "Bo", "department", "sales", "show_stages", True
    )
    for label in ("1 Ignore · Nobody [red]owns[/red] it.", "6 Embed · It is how we lead."):
        assert label in terminal.screen
    assert "d Don't know" in screen and "n Not applicable" in screen


def test_hostile_text_never_reaches_the_screen(tmp_path: Path) -> None:
    _, terminal, _, _ = survey(
        tmp_path, ["enter", "q"], "respondent", "[red]Eve\x1b[2J", "department", "sales"
    )
    everything = "\n".join("\n".join(frame) for frame in terminal.frames)
    assert "Answering as [red]Eve." in everything
    assert "Mini [bold]CX[/bold] check" in everything
    for escape in ESCAPES:
        assert escape not in everything


def test_back_shows_the_saved_answer_selected_and_changes_it(tmp_path: Path) -> None:
    keys = ["enter", "3", "enter", "4", "enter", "left", "left"]
    keys += ["down", "enter"]  # q1 was 3: one down is 4
    _, terminal, _, _ = survey(tmp_path, [*keys, "q"], "respondent", "Eve", "department", "sales")
    assert "› 3 A sponsor is named." in "\n".join(terminal.frames[-3])  # back on q1, 3 pre-selected
    assert terminal.screen.startswith("2 of 3")
    assert answers(tmp_path / "sales-eve.yaml")["q1"].stage == Stage.OPERATIONALISE


def test_enter_without_a_choice_asks_for_one(tmp_path: Path) -> None:
    _, terminal, _, _ = survey(
        tmp_path, ["enter", "enter", "q"], "respondent", "Eve", "department", "sales"
    )
    assert "Choose an answer first" in terminal.screen


def test_comment_is_saved_and_shown_and_escape_cancels(tmp_path: Path) -> None:
    keys = ["enter", "c", *"Hi [b]", "newline", "x", "enter", "c", "z", "escape"]
    _, terminal, _, _ = survey(tmp_path, [*keys, "q"], "respondent", "Eve", "department", "sales")
    assert terminal.seen("Comment saved.")
    assert "✎ Hi [b] x" in terminal.screen
    assert answers(tmp_path / "sales-eve.yaml")["q1"] == AnswerValue(comment="Hi [b]\nx")


def test_ctrl_c_mid_comment_keeps_what_was_typed(tmp_path: Path) -> None:
    keys = ["enter", "2", "enter", "c", *"half", "ctrl-c"]
    code, _, said, _ = survey(tmp_path, keys, "respondent", "Eve", "department", "sales")
    path = tmp_path / "sales-eve.yaml"
    assert code == ExitCode.INTERRUPTED
    assert answers(path)["q2"] == AnswerValue(comment="half")
    assert said == [
        f"interrupted: 1 of 3 answers are saved in {path}",
        f"resume with: cxmaturity survey -q {tmp_path / 'mini.yaml'} --out {path}",
    ]


def test_end_of_input_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    code, _, said, _ = survey(
        tmp_path, ["enter", "5", "enter"], "respondent", "Eve", "department", "sales"
    )
    assert code == ExitCode.BELOW_BAR
    assert said[0].startswith("incomplete: 2 unanswered;")
    assert said[1].startswith("resume with: cxmaturity survey")


def test_review_jumps_to_a_question_and_comes_back(tmp_path: Path) -> None:
    keys = ["enter", "1", "enter", "2", "enter", "3", "enter"]  # all three: profile
    keys += ["r", "home", "down", "enter", "6", "enter"]  # change q2 from review
    _, terminal, _, _ = survey(tmp_path, [*keys, "f"], "respondent", "Eve", "department", "sales")
    assert terminal.seen("Your profile · Eve · Sales")
    assert terminal.screen.startswith("Review your answers   3 of 3 answered")
    assert "›  2 option 6 " in terminal.screen
    assert answers(tmp_path / "sales-eve.yaml")["q2"].stage == Stage.EMBED


def test_resume_says_how_many_and_continues_at_the_first_unanswered(tmp_path: Path) -> None:
    survey(tmp_path, ["enter", "1", "enter", "q"], "respondent", "Eve", "department", "sales")
    keys = ["y", "enter", "q"]  # "Is this you?" yes
    _, terminal, _, _ = survey(tmp_path, keys, "respondent", "eve", "department", "sales")
    assert terminal.seen("Is this you? [y/N]")
    assert terminal.seen("Welcome back: 1 of 3 answered; continuing at question 2.")
    assert terminal.screen.startswith("2 of 3")


def test_out_dir_offers_the_next_respondent(tmp_path: Path) -> None:
    one = ["enter", "1", "enter", "2", "enter", "3", "enter", "enter"]
    keys = [*one, "enter", *"Bo", "enter", "enter", *one, "q"]
    code, _terminal, said, _ = survey(tmp_path, keys, "respondent", "Eve", "department", "sales")
    assert code == ExitCode.OK
    assert (tmp_path / "sales-eve.yaml").exists() and (tmp_path / "sales-bo.yaml").exists()
    assert said == [
        f"saved 3 answers to {tmp_path / 'sales-eve.yaml'}",
        f"saved 3 answers to {tmp_path / 'sales-bo.yaml'}",
    ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 16)])
def test_every_cx_core_question_fits_the_screen(size: tuple[int, int]) -> None:
    width, height = size
    loaded = load_questionnaire("cx-core")
    console = plain_console(width)
    for question in loaded.model.questions:
        for choice in (None, 0, 3, 5, 7):
            view = QuestionView(7, 42, "Dimension", question, AnswerValue(), choice, "msg")
            lines = question_frame(console, view, width, height)
            assert len(lines) <= height
            assert all(len(line) <= width for line in lines)
            if choice is not None and choice < 6:
                # The chosen option is always shown whole, however small the screen.
                option = question.options[choice]
                assert option.split()[-1] in "\n".join(lines)


def test_at_80_by_24_every_cx_core_option_is_shown_in_full() -> None:
    loaded = load_questionnaire("cx-core")
    console = plain_console()
    for question in loaded.model.questions:
        view = QuestionView(7, 42, "Leadership and ownership", question, AnswerValue(), None)
        screen = " ".join(" ".join(question_frame(console, view, 80, 24)).split())
        assert all(option in screen for option in question.options), question.id


def test_ctrl_c_between_respondents_stops_without_claiming_nothing_was_saved(
    tmp_path: Path,
) -> None:
    one = ["enter", "1", "enter", "2", "enter", "3", "enter", "enter"]
    code, _, said, _ = survey(
        tmp_path, [*one, "ctrl-c"], "respondent", "Eve", "department", "sales"
    )
    assert code == ExitCode.INTERRUPTED
    assert said == [f"saved 3 answers to {tmp_path / 'sales-eve.yaml'}"]
