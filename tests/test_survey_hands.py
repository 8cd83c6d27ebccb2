"""Issue 12: the survey in a real pseudo-terminal, handled as people really handle it.

One test (or a few) per numbered case of the issue: pastes, name clashes, review,
suspend and a second copy, hang-ups, empty files, fast comments, the workshop loop, and
the smaller items. Each one failed on the survey before the fix.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from survey_support import Screen, run_cli, strip_ansi, write_mini

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.survey.session import Session

pytestmark = pytest.mark.tty

ENTER, LEFT, RIGHT, UP, DOWN, ESC = "\r", "\x1b[D", "\x1b[C", "\x1b[A", "\x1b[B", "\x1b"


def paste(text: str) -> str:
    """What a terminal in bracketed-paste mode sends for pasted text (line ends as CR)."""
    return f"\x1b[200~{text.replace(chr(10), chr(13))}\x1b[201~"


def answers(path: Path) -> dict[str, AnswerValue]:
    questionnaire = load_questionnaire(path.parent / "mini.yaml")
    return Session.resume(questionnaire, path).answers


def survey(tmp_path: Path, *args: str | Path, **spawn: object) -> Screen:
    return Screen(tmp_path, "-q", tmp_path / "mini.yaml", *args, **spawn)


def eve(tmp_path: Path, *args: str | Path) -> Screen:
    """Eve in sales (questions q1, q2, q4), at question 1."""
    write_mini(tmp_path)
    screen = survey(tmp_path, "--respondent", "Eve", "--department", "sales", *args)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    return screen


# -- 1. a multi-line paste ----------------------------------------------------------------


def test_1_a_multi_line_paste_goes_whole_into_the_comment_and_is_never_keys(
    tmp_path: Path,
) -> None:
    out = tmp_path / "eve.yaml"
    screen = eve(tmp_path, "--out", out)
    # Outside a comment, a paste is ignored with a hint: its "2", "3" and "q" are not keys.
    screen.send(paste("2\n3\nq"))
    screen.wait("Pasted text is only taken in a comment")
    screen.send("c")
    screen.wait("Enter save comment")
    screen.send(paste("Good start\nnot yet\nquarterly"))
    screen.wait("quarterly")
    screen.send(ENTER)
    screen.wait("Comment saved.")
    screen.send("q")
    assert screen.finish() == 1
    assert answers(out) == {"q1": AnswerValue(comment="Good start\nnot yet\nquarterly")}


# -- 2. the same name twice in a workshop folder -------------------------------------------


def _who(screen: Screen, name: str, role: str) -> None:
    screen.wait("Your name:")
    screen.send(name, ENTER)
    screen.wait("Your role:")
    screen.send(role, ENTER)
    screen.wait("Your department:")
    screen.send("1", ENTER)


def test_2_a_second_person_of_the_same_name_is_asked_and_gets_a_file_of_their_own(
    tmp_path: Path,
) -> None:
    write_mini(tmp_path)
    first = tmp_path / "sales-p-one.yaml"
    screen = survey(tmp_path, "--out-dir", tmp_path)
    _who(screen, "P One", "Head of Sales")
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("2", ENTER)
    screen.wait("2 of 3")
    screen.send("q")
    screen.wait("Next respondent?")
    before = first.read_bytes()

    screen.send(ENTER)
    _who(screen, "p  one", "Intern")
    clash = " ".join(screen.wait("Is this you? [y/N]").split())
    assert "There is already an answer file for P One in Sales" in clash
    assert "role: Head of Sales" in clash
    assert re.search(r"last saved: 20\d\d-\d\d-\d\d \d\d:\d\d UTC, 1 of 3 answered", clash)
    screen.send(ENTER)  # no: a new file
    screen.wait("Press Enter to begin.")
    screen.send("q")
    screen.wait("Next respondent?")

    screen.send(ENTER)
    _who(screen, "P One", "")
    screen.wait("Is this you? [y/N]")
    screen.send("y")
    assert "Welcome back: 1 of 3 answered" in screen.wait("Press Enter to begin.")
    screen.send("q")
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 1

    assert first.read_bytes() == before
    second = Session.resume(
        load_questionnaire(tmp_path / "mini.yaml"), first.with_stem(f"{first.stem}-2")
    )
    assert (second.respondent.name, second.respondent.role) == ("p one", "Intern")
    assert second.answers == {}


# -- 3. review -------------------------------------------------------------------------------


def _bar(screen: Screen, header: str) -> int:
    line = header + screen.wait("\n")
    return line.count("━")


def test_3_review_returns_only_when_asked_and_finishing_early_asks_first(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    screen = eve(tmp_path, "--out", out)
    screen.send("2", ENTER)
    screen.wait("2 of 3")
    screen.send(RIGHT)
    screen.wait("3 of 3")
    screen.send(RIGHT)
    screen.wait("2 questions unanswered.")
    # Enter on the profile with questions unanswered asks first; n goes back.
    screen.send(ENTER)
    screen.wait("2 questions are still unanswered.")
    screen.wait("Finish anyway? [y/N]")
    screen.send("n")
    screen.wait("2 questions unanswered.")
    # The progress bar counts answers (1 of 3), not the position (3 of 3).
    screen.send(LEFT)
    screen.wait("3 of 3")
    assert _bar(screen, "3 of 3") == round(20 / 3)

    # Opened from the review list: answering returns to the list ...
    screen.send("r")
    screen.wait("Review your answers")
    screen.send(ENTER)
    screen.wait("3 of 3")
    screen.send("5", ENTER)
    screen.wait("Review your answers   2 of 3 answered")
    # ... but ← moves to the previous question, as anywhere else.
    screen.send(UP, ENTER)
    screen.wait("2 of 3")
    screen.send(LEFT)
    screen.wait("1 of 3")
    # One key continues at the first unanswered question.
    screen.send("r")
    screen.wait("Review your answers")
    screen.send("u")
    screen.wait("2 of 3")
    screen.send("q")
    assert screen.finish() == 1
    assert answers(out)["q4"].stage == Stage(5)


# -- 4. suspend, a second copy, and a file changed underneath -----------------------------


def test_4_ctrl_z_and_fg_keep_raw_mode_and_a_second_copy_is_refused(tmp_path: Path) -> None:
    write_mini(tmp_path)
    out = tmp_path / "eve.yaml"
    command = [sys.executable, "-m", "cxmaturity", "survey", "-q", str(tmp_path / "mini.yaml")]
    command += ["--respondent", "Eve", "--department", "sales", "--out", str(out)]
    screen = Screen(tmp_path, command=["bash", "--norc", "--noprofile", "-i"])
    screen.send("PS1='$ '\r")
    screen.send(shlex.join(command) + "\r")
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("\x1a")  # Ctrl-Z
    screen.wait("Stopped")

    # A second copy on the same file is refused while the first holds it.
    screen.send(shlex.join(command) + "; echo rc=$?\r")
    refused = " ".join(screen.wait("rc=2").split())
    assert "in use by another survey (pid" in refused

    screen.send("fg\r")
    screen.wait("1 of 3")  # redrawn
    screen.send("2", ENTER)  # raw mode again: Enter confirms at once
    screen.wait("2 of 3")
    screen.send("q")
    screen.wait("resume with:")
    screen.send("exit\r")
    screen.finish()
    assert answers(out)["q1"].stage == Stage.EXPLORE
    assert not (tmp_path / ".eve.yaml.lock").exists()


def test_4_a_file_changed_by_someone_else_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    screen = eve(tmp_path, "--out", out)
    screen.send("2", ENTER)
    screen.wait("2 of 3")
    theirs = out.read_text().replace("name: Eve", "name: Eve (edited by hand)")
    out.write_text(theirs)
    screen.send("3", ENTER)
    said = " ".join(screen.wait("error:").split()) + " ".join(screen.rest.split())
    assert screen.finish() == 2
    assert "changed on disk by someone else" in said + screen.rest
    assert out.read_text() == theirs
    (kept,) = tmp_path.glob("eve.yaml.conflict-*")
    text = kept.read_text()
    assert "q1: 2" in text and "q2: 3" in text and "name: Eve\n" in text


# -- 5. the window closes mid-comment ------------------------------------------------------


def test_5_a_hang_up_saves_the_half_typed_comment_and_exits_130_quietly(tmp_path: Path) -> None:
    write_mini(tmp_path)
    out = tmp_path / "eve.yaml"
    command = [sys.executable, "-m", "cxmaturity", "survey", "-q", str(tmp_path / "mini.yaml")]
    command += ["--respondent", "Eve", "--department", "sales", "--out", str(out)]
    shell = f"exec {shlex.join(command)} 2>{shlex.quote(str(tmp_path / 'err.txt'))}"
    screen = Screen(tmp_path, command=["sh", "-c", shell])
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("c")
    screen.wait("Enter save comment")
    screen.send("half typed")
    screen.wait("half typed")
    # Close the terminal: the kernel hangs up the session.
    child = screen.child
    child.ptyproc.fileobj.close()
    child.ptyproc.closed = child.closed = True
    _, status = os.waitpid(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 130
    errors = (tmp_path / "err.txt").read_text()
    assert "Traceback" not in errors and "Error" not in errors, errors
    assert answers(out) == {"q1": AnswerValue(comment="half typed")}


# -- 6. empty files are no respondents -----------------------------------------------------


def test_6_a_survey_quit_at_its_first_screen_is_no_respondent(tmp_path: Path) -> None:
    write_mini(tmp_path)
    folder = tmp_path / "answers"
    folder.mkdir()
    screen = survey(tmp_path, "--out-dir", folder)
    _who(screen, "Quitter", "")
    screen.wait("Press Enter to begin.")
    screen.send("q")
    screen.wait("Next respondent?")
    screen.send(ENTER)
    _who(screen, "Ann", "")
    screen.wait("Press Enter to begin.")
    screen.send(ENTER, "1", ENTER, "2", ENTER, "3", ENTER)
    screen.wait("Every question is answered.")
    screen.send(ENTER)
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 1
    scored = run_cli("score", folder, "-q", tmp_path / "mini.yaml")
    assert scored.returncode == 0, scored.stderr
    assert "1 respondent," in scored.stdout
    warnings = [line for line in scored.stderr.splitlines() if "no answers" in line]
    assert warnings == [
        f"warning: skipped 1 answer file with no answers: {folder / 'sales-quitter.yaml'}"
    ]


# -- 7. long comments are drawn in batches, and Ctrl-C loses nothing -----------------------


def test_7_a_long_comment_is_drawn_in_batches_and_ctrl_c_keeps_every_key(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    screen = eve(tmp_path, "--out", out)
    screen.send("c")
    screen.wait("Enter save comment")
    long = "abcdefghi " * 200  # 2,000 characters, typed (not pasted) in one burst
    screen.send(long, ENTER)
    screen.wait("Comment saved.")
    # Far fewer redraws than keys: the editor applies what is queued before drawing.
    assert strip_ansi(screen.raw).count("Comment: ") < 100
    screen.send(RIGHT)
    screen.wait("2 of 3")
    screen.send("c")
    screen.wait("Enter save comment")
    screen.send("Half-typed note\x03")  # Ctrl-C right behind the last key
    screen.wait("resume with:")
    assert screen.finish() == 130
    saved = answers(out)
    assert saved["q1"].comment == long.strip()
    assert saved["q2"].comment == "Half-typed note"


# -- 8. the workshop loop --------------------------------------------------------------------


def test_8_q_and_ctrl_c_end_one_respondent_and_the_screen_is_cleared_between(
    tmp_path: Path,
) -> None:
    write_mini(tmp_path)
    folder = tmp_path / "answers"
    screen = survey(tmp_path, "--out-dir", folder, "--department", "sales")
    screen.wait("Your name:")
    screen.send("Ann", ENTER, ENTER)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("4", ENTER)
    screen.wait("2 of 3")
    screen.send("q")
    screen.wait("Next respondent? [Enter = yes, q = stop]")
    mark = len(screen.raw)
    screen.send("y")  # not a choice here: ignored, so it cannot become the next name
    screen.send(ENTER)
    screen.wait("Your name:")
    assert "\x1b[3J" in screen.raw[mark:]  # scrollback cleared too
    assert "Your name: y" not in strip_ansi(screen.raw[mark:])
    screen.send("Bo", ENTER, ENTER)
    screen.wait("Press Enter to begin.")
    screen.child.sendintr()
    screen.wait("interrupted: 0 of 3 answers are saved")
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 130
    assert answers_in(folder / "sales-ann.yaml", tmp_path)["q1"].stage == Stage.OPERATIONALISE
    assert (folder / "sales-bo.yaml").exists()


def answers_in(path: Path, root: Path) -> dict[str, AnswerValue]:
    return Session.resume(load_questionnaire(root / "mini.yaml"), path).answers


# -- 9. the smaller items ---------------------------------------------------------------------


def test_9_keys_typed_during_start_up_are_kept_and_esc_goes_back_to_the_name(
    tmp_path: Path,
) -> None:
    write_mini(tmp_path)
    screen = survey(tmp_path, "--out-dir", tmp_path)
    screen.send("Ana", ENTER)  # before anything is on screen
    screen.wait("Your role:")
    screen.send("Lead", ESC)
    screen.wait("Your name: Ana")
    screen.send(" Lima", ENTER)
    screen.wait("Your role: Lead")
    screen.send(ENTER)
    screen.wait("Your department:")
    screen.send(ESC)
    screen.wait("Your role: Lead")
    screen.send(ENTER, "2", ENTER)
    screen.wait("Answering as Ana Lima.")
    screen.send("q")
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 1


def test_9_the_tenth_department_has_a_key(tmp_path: Path) -> None:
    screen = Screen(tmp_path, "--out-dir", tmp_path, "--respondent", "Li Wei")
    department = screen.wait("Enter confirm")
    assert re.search(r"\b0 Finance\b", department)
    screen.send("0", ENTER)
    assert "for Finance" in " ".join(screen.wait("Press Enter to begin.").split())
    screen.send("q")
    screen.wait("Next respondent?")
    screen.send("q")
    assert screen.finish() == 1


def test_9_capital_letters_work_and_the_review_mark_keeps_its_space(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    write_mini(tmp_path)
    screen = survey(tmp_path, "--respondent", "Eve", "--department", "sales", "--out", out)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    screen.wait("1 of 3")
    screen.send("4", "C")
    screen.wait("Enter save comment")
    screen.send("why", ENTER)
    screen.wait("Comment saved.")
    screen.send(ENTER)
    screen.wait("2 of 3")
    screen.send("D", ENTER)  # don't know
    screen.wait("3 of 3")
    screen.send("R")
    screen.wait("Review your answers")
    assert re.search(r"option 4 +✎ Who owns", screen.wait("Who hears complaints?"))
    screen.send("Q")
    assert screen.finish() == 1
    assert answers(out)["q2"] == AnswerValue(status="unknown")


def test_9_show_stages_names_the_stages_with_room_for_the_mark(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    write_mini(tmp_path)
    args = ("--respondent", "Eve", "--department", "sales", "--out", out, "--show-stages")
    screen = survey(tmp_path, *args)
    screen.wait("Press Enter to begin.")
    screen.send(ENTER)
    assert "4 Operationalise · A forum runs it monthly." in screen.wait("q save and quit")
    screen.send("4", "c", "why", ENTER)
    screen.wait("Comment saved.")
    screen.send(ENTER)
    screen.wait("2 of 3")
    screen.send("r")
    screen.wait("Review your answers")
    assert "4 Operationalise ✎" in screen.wait("How clear is the ambition?")
    screen.send("q")
    assert screen.finish() == 1


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[None]:
    """A small tmpfs on ``folder`` (as root in a container); the test skips where not allowed."""
    folder.mkdir(exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_9_a_read_only_folder_is_refused_before_any_question(tmp_path: Path) -> None:
    write_mini(tmp_path)
    folder = tmp_path / "locked"
    with mounted(folder, "ro,size=1m"):
        screen = survey(tmp_path, "--out-dir", folder)
        assert screen.finish() == 2
    said = " ".join(strip_ansi(screen.raw).split())
    assert "Your name" not in said
    assert f"error: {folder}: the folder is not writable" in said


def test_9_a_failed_save_says_how_to_resume(tmp_path: Path) -> None:
    write_mini(tmp_path)
    folder = tmp_path / "small"
    out = folder / "eve.yaml"
    with mounted(folder, "size=256k"):
        args = ("--respondent", "Eve", "--department", "sales", "--out", out)
        screen = survey(tmp_path, *args)
        screen.wait("Press Enter to begin.")
        screen.send(ENTER)
        screen.wait("1 of 3")
        # Fill the disk: the next answer cannot be written.
        with contextlib.suppress(OSError), (folder / "filler").open("wb") as filler:
            while True:
                filler.write(b"x" * 65536)
                filler.flush()
        screen.send("2", ENTER)
        screen.wait("resume with:")
        assert screen.finish() == 2
        said = " ".join(strip_ansi(screen.raw).split())
        assert f"error: {out}: cannot write: No space left on device" in said
        assert f"resume with: cxmaturity survey -q {tmp_path / 'mini.yaml'} --out {out}" in said
        assert answers_in(out, tmp_path) == {}


def test_9_out_into_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    write_mini(tmp_path)
    out = tmp_path / "missing" / "a.yaml"
    args = ("survey", "-q", tmp_path / "mini.yaml", "--respondent", "A", "--department", "sales")
    done = run_cli(*args, "--out", out, input="1\n")
    assert done.returncode == 2
    assert done.stderr == f"error: {out}: no such folder: {out.parent}\n"
    assert not out.parent.exists()


# -- issue 9 in the survey: JSON files and the journal ------------------------------------


def test_out_json_writes_json_that_score_reads(tmp_path: Path) -> None:
    write_mini(tmp_path)
    out = tmp_path / "li.json"
    args = ("survey", "-q", tmp_path / "mini.yaml", "--respondent", "Li", "--department", "sales")
    done = run_cli(*args, "--out", out, input="1\n2\n3\n")
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["answers"] == {"q1": 1, "q2": 2, "q4": 3}
    scored = run_cli("score", out, "-q", tmp_path / "mini.yaml", "--format", "json")
    assert scored.returncode == 0, scored.stderr


def test_answers_given_before_a_kill_9_are_scored_from_the_journal(tmp_path: Path) -> None:
    out = tmp_path / "eve.yaml"
    screen = eve(tmp_path, "--out", out)
    screen.send("2", ENTER)
    screen.wait("2 of 3")
    screen.send("5", ENTER)
    screen.wait("3 of 3")
    screen.child.kill(signal.SIGKILL)
    screen.finish()
    assert (tmp_path / ".eve.yaml.journal").exists()  # not folded: the process had no chance
    scored = run_cli("score", out, "-q", tmp_path / "mini.yaml", "--format", "json")
    assert scored.returncode == 0, scored.stderr
    assert answers(out) == {
        "q1": AnswerValue(stage=Stage.EXPLORE, status="stage"),
        "q2": AnswerValue(stage=Stage(5), status="stage"),
    }
    # The next survey on the file folds the journal in and goes on from there.
    screen = survey(tmp_path, "--out", out)
    assert "Welcome back: 2 of 3 answered" in screen.wait("Press Enter to begin.")
    assert not (tmp_path / ".eve.yaml.journal").exists()
    assert "q2: 5" in out.read_text()
    screen.send("q")
    assert screen.finish() == 1


def test_4_a_stop_and_continue_from_outside_redraws_the_screen(tmp_path: Path) -> None:
    screen = eve(tmp_path, "--out", tmp_path / "eve.yaml")
    screen.send("2")
    screen.wait("q save and quit")
    for stop in (signal.SIGTSTP, signal.SIGSTOP):
        screen.child.kill(stop)  # `kill -TSTP` (handled) and `kill -STOP` (not catchable)
        screen.child.kill(signal.SIGCONT)
        screen.wait("1 of 3")  # drawn again without a key
    screen.send(ENTER)  # and the keys still work as keys
    screen.wait("2 of 3")
    screen.send("q")
    assert screen.finish() == 1
