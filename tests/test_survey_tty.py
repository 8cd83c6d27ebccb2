"""The real program in a real pseudo-terminal (80×24): keys, Ctrl-C, resume, finish.

Screens are matched on the output with escape sequences removed, waiting for specific
text with generous timeouts, so slow machines wait longer rather than fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from survey_support import ESCAPES, Screen, run_cli, strip_ansi, write_mini

from cxmaturity.formats.loading import load_questionnaire

pytestmark = pytest.mark.tty

ENTER, LEFT, UP, DOWN, ESC = "\r", "\x1b[D", "\x1b[A", "\x1b[B", "\x1b"


def cx_core_ids(department: str) -> list[str]:
    return [q.id for q in load_questionnaire("cx-core").model.questions_for(department)]


def test_walk_change_comment_interrupt_resume_review_and_finish(tmp_path: Path) -> None:
    ids = cx_core_ids("service")
    total = len(ids)
    screen = Screen(tmp_path, "--out-dir", tmp_path)
    screen.wait("Your name:")
    screen.send("Ana Lima", ENTER)
    screen.wait("Your role:")
    screen.send("Head of Service", ENTER)
    screen.wait("Your department:")
    screen.send("4", ENTER)
    intro = screen.wait("Press Enter to begin.")
    assert f"{total} questions for Customer service" in intro
    screen.send(ENTER)

    # Answer three, each confirmed with Enter (arrows for the second).
    screen.wait(f"1 of {total}")
    screen.send("3", ENTER)
    screen.wait(f"2 of {total}")
    screen.send(DOWN, DOWN, ENTER)  # from nothing: Ignore, then Explore
    screen.wait(f"3 of {total}")
    screen.send("5", ENTER)
    screen.wait(f"4 of {total}")

    # Go back to question 2: its saved answer is pre-selected; change it to 4.
    screen.send(LEFT, LEFT)
    screen.wait(f"2 of {total}")
    screen.wait("Saved: option 2")
    screen.send("4", ENTER)
    screen.wait(f"3 of {total}")
    screen.send(ENTER)  # keep 5
    screen.wait(f"4 of {total}")

    # A comment, then don't know.
    screen.send("c")
    screen.wait("Enter save comment")
    screen.send("Budget [bold]is[/bold] unclear", ENTER)
    screen.wait("Comment saved.")
    screen.send("d", ENTER)
    screen.wait(f"5 of {total}")

    # Ctrl-C while typing a comment: saved, told how to resume, exit 130.
    screen.send("c")
    screen.wait("Enter save comment")
    screen.send("half a thou")
    screen.wait("half a thou")
    screen.child.sendintr()
    screen.wait("resume with:")
    # In a workshop (--out-dir), Ctrl-C ends this respondent only; q stops.
    screen.wait("Next respondent? [Enter = yes, q = stop]")
    screen.send("q")
    assert screen.finish() == 130
    path = tmp_path / "service-ana-lima.yaml"
    said = strip_ansi(screen.raw)
    assert f"interrupted: 4 of {total} answers are saved in {path}" in said
    assert f"resume with: cxmaturity survey --out {path}\r\n" in said
    text = path.read_text()
    assert f"  {ids[0]}: 3\n  {ids[1]}: 4\n  {ids[2]}: 5\n" in text
    assert f"  {ids[3]}:\n    stage: unknown\n    comment: Budget [bold]is[/bold] unclear\n" in text
    assert f"  {ids[4]}:\n    comment: half a thou\n" in text

    # Resume with the command it printed: continues at question 5, comment kept.
    screen = Screen(tmp_path, "--out", path)
    assert f"Welcome back: 4 of {total} answered; continuing at question 5." in screen.wait(
        "Press Enter to begin."
    )
    screen.send(ENTER)
    screen.wait(f"5 of {total}")
    screen.wait("✎ half a thou")
    for number in range(5, total + 1):
        screen.send("2", ENTER)
        screen.wait(f"{number + 1} of {total}" if number < total else "Your profile")

    # Review: jump to question 1, change it, come back, finish.
    screen.wait("Every question is answered.")
    screen.send("r")
    screen.wait("Review your answers")
    screen.send("\x1b[H", ENTER)  # Home, then change
    screen.wait(f"1 of {total}")
    screen.send("6", ENTER)
    screen.wait(f"{total} of {total} answered")
    screen.wait("›  1 option 6")
    screen.send(ESC)
    screen.wait("Your profile · Ana Lima · Customer service")
    screen.send(ENTER)
    screen.wait(f"saved {total} answers to {path}")
    assert screen.finish() == 0

    text = path.read_text()
    assert f"  {ids[0]}: 6\n" in text
    assert f"  {ids[-1]}: 2\n" in text
    scored = run_cli("score", path, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    (department,) = json.loads(scored.stdout)["departments"]
    assert department["id"] == "service"
    assert department["respondents"] == 1
    # The profile printed at the end shows the same figures score reports.
    for dimension in department["dimensions"]:
        if dimension["score"] is not None:
            row = f"{dimension['name']}"
            figure = f"{dimension['score']:.2f}  {dimension['stage_name']}"
            assert re.search(
                re.escape(row) + r"\s+\S+\s+" + re.escape(figure),
                screen.rest + strip_ansi(screen.raw),
            )


def test_quit_key_saves_and_exits_1_with_the_resume_line(tmp_path: Path) -> None:
    questionnaire = write_mini(tmp_path)
    args = ("-q", questionnaire, "--respondent", "Eve", "--department", "sales")
    screen = Screen(tmp_path, *args, "--out", tmp_path / "eve.yaml")
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("2", ENTER)
    screen.wait("2 of 3")
    screen.send("q")
    out = screen.wait("resume with:")
    assert "incomplete: 2 unanswered" in out
    assert screen.finish() == 1
    assert "q1: 2" in (tmp_path / "eve.yaml").read_text()


def test_a_corrupt_existing_file_is_one_error_line_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    content = b"format: cxmaturity.answers/1\nanswers: {q1: [\n"
    path.write_bytes(content)
    screen = Screen(tmp_path, "--out", path)
    assert screen.finish() == 2
    lines = [line for line in screen.rest.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_markup_and_escapes_from_files_and_people_are_shown_literally(tmp_path: Path) -> None:
    questionnaire = write_mini(tmp_path)
    args = ("-q", questionnaire, "--department", "service", "--out", tmp_path / "a.yaml")
    screen = Screen(tmp_path, *args)
    screen.wait("Your name:")
    screen.send("[red]Eve[/red]", ENTER, ENTER)
    intro = screen.wait("Press Enter to begin.")
    assert "Mini [bold]CX[/bold] check" in intro
    assert "Answering as [red]Eve[/red]." in intro
    assert "for Service [i]desk[/i]" in intro
    screen.send(ENTER)
    question = screen.wait("q save and quit")
    assert "Who owns [bold]customer[/bold] experience?" in question
    assert "Nobody [red]owns[/red] it." in question
    assert "Leadership [u]and[/u] ownership" in question
    screen.send("q")
    assert screen.finish() == 1
    # The raw output: no injected sequence, no bell. The one clear-screen is the
    # survey's own, when it opens the alternate screen.
    assert "A short check. It has four questions." in " ".join(strip_ansi(screen.raw).split())
    for escape in ESCAPES:
        assert screen.raw.count(escape) == (1 if escape == "\x1b[2J" else 0), escape


def test_a_wide_terminal_is_used_and_a_resize_redraws(tmp_path: Path) -> None:
    questionnaire = write_mini(tmp_path)
    args = ("-q", questionnaire, "--respondent", "Eve", "--department", "sales")
    screen = Screen(tmp_path, *args, "--out", tmp_path / "a.yaml")
    screen.child.setwinsize(40, 140)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    wide = "1 of 3" + screen.wait("\n").rstrip()
    # The progress bar sits at the right edge of a 100-column page (lines stay readable).
    assert 90 < len(wide) <= 100, wide
    screen.child.setwinsize(24, 60)
    screen.wait("1 of 3")  # redrawn without a key press
    narrow = "1 of 3" + screen.wait("\n").rstrip()
    assert 40 < len(narrow) <= 60, narrow
    screen.send("q")
    assert screen.finish() == 1


@pytest.mark.parametrize("colour", [False, True])
def test_no_color_is_respected(tmp_path: Path, colour: bool) -> None:
    questionnaire = write_mini(tmp_path)
    args = ("-q", questionnaire, "--respondent", "Eve", "--department", "sales")
    screen = Screen(tmp_path, *args, "--out", tmp_path / "a.yaml", colour=colour)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("q save and quit")
    screen.send("q")
    assert screen.finish() == 1
    # Foreground colours are SGR 30-39 and 90-97, alone or as 38;5;n.
    colours = re.findall(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|9[0-7])(?:;[0-9;]*)?m", screen.raw)
    assert bool(colours) is colour


def test_ctrl_c_before_any_answer_file_exists_says_nothing_was_saved(tmp_path: Path) -> None:
    screen = Screen(tmp_path, "--out-dir", tmp_path)
    screen.wait("Your name:")
    screen.send("Ev")
    screen.child.sendintr()
    screen.wait("interrupted; nothing was saved")
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 130
    assert list(tmp_path.iterdir()) == []
