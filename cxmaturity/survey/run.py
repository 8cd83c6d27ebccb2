"""One ``cxmaturity survey`` run: choose the file, walk it (on a terminal or from piped
lines), and turn how it ended into an exit code and a message that says what to do next.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rich.console import Console

from cxmaturity.cleaning import clean_line
from cxmaturity.errors import MismatchError, UsageError
from cxmaturity.exitcodes import ExitCode
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.inputs import LoadedQuestionnaire
from cxmaturity.model import Respondent
from cxmaturity.survey.interactive import Interactive, Outcome
from cxmaturity.survey.pages import profile_table
from cxmaturity.survey.paths import DEFAULT_QUESTIONNAIRE, answer_path, resume_command
from cxmaturity.survey.piped import feed, lines
from cxmaturity.survey.session import (
    Clock,
    Session,
    make_respondent,
    new_session,
    resume_session,
    same_person,
    utc_now,
)
from cxmaturity.survey.terminal import Terminal

# Exit 1 means "not there yet": below the bar for `score`, unanswered questions here.
INCOMPLETE = ExitCode.BELOW_BAR


@dataclass(frozen=True)
class SurveyRequest:
    questionnaire: str = DEFAULT_QUESTIONNAIRE
    department: str | None = None
    respondent: str | None = None
    role: str | None = None
    out: Path | None = None
    out_dir: Path | None = None


@dataclass
class SurveyIO:
    """Everything the survey touches outside itself, so tests can hand in their own."""

    console: Console
    say: Callable[[str], None]
    """One line for the person at the keyboard (stderr in the CLI)."""
    stdin: TextIO | None = None
    terminal: Terminal | None = None
    """A terminal for the interactive walk; None reads answers from ``stdin``."""
    clock: Clock = utc_now


def run_survey(request: SurveyRequest, io: SurveyIO) -> ExitCode:
    if request.out is not None and request.out_dir is not None:
        raise UsageError("give --out or --out-dir, not both")
    return _Run(request, io, load_questionnaire(request.questionnaire)).run()


class _Run:
    def __init__(self, request: SurveyRequest, io: SurveyIO, loaded: LoadedQuestionnaire):
        self.request = request
        self.io = io
        self.loaded = loaded
        self.session: Session | None = None

    def run(self) -> ExitCode:
        try:
            if self.io.terminal is None:
                return self._piped()
            return self._interactive(self.io.terminal)
        except KeyboardInterrupt:
            return self._interrupted()

    # -- the file ------------------------------------------------------------------------

    def _open(self, name: str, role: str | None, department: str) -> Session:
        """The session for this respondent: resumed if their file exists, else new and saved."""
        wanted = make_respondent(self.loaded, name, role, department)
        path = self.request.out or answer_path(
            self.request.out_dir or Path(), wanted.name, department, self._belongs_to(wanted)
        )
        if path.exists():
            return self._resume(path, wanted)
        session = new_session(self.loaded, path, wanted, self.io.clock)
        session.save()
        return session

    def _belongs_to(self, wanted: Respondent) -> Callable[[Path], bool]:
        def check(path: Path) -> bool:
            found = resume_session(self.loaded, path, self.io.clock).respondent
            return same_person(found.name, wanted.name) and found.department == wanted.department

        return check

    def _resume(self, path: Path, wanted: Respondent | None) -> Session:
        session = resume_session(self.loaded, path, self.io.clock)
        found = session.respondent
        if wanted is not None and not (
            same_person(found.name, wanted.name) and found.department == wanted.department
        ):
            raise MismatchError(
                f"this file holds answers from {clean_line(found.name)!r} ({found.department}), "
                f"not {wanted.name!r} ({wanted.department})",
                path,
            )
        for warning in session.warnings:
            self.io.say(f"warning: {warning}")
        return session

    def _wanted_from_flags(self) -> Respondent | None:
        name, department = self.request.respondent, self.request.department
        if name is None or department is None:
            return None
        return make_respondent(self.loaded, name, self.request.role, department)

    # -- the two ways in -----------------------------------------------------------------

    def _piped(self) -> ExitCode:
        out = self.request.out
        if out is not None and out.exists():
            self.session = self._resume(out, self._wanted_from_flags())
        elif self.request.respondent is None or self.request.department is None:
            raise UsageError(
                "input is not a terminal: give --respondent and --department "
                "(or --out with an existing answer file to continue it)"
            )
        else:
            self.session = self._open(
                self.request.respondent, self.request.role, self.request.department
            )
        session = self.session
        if session.resumed:
            self.io.say(f"resuming {session.path}: {session.answered} of {session.total} answered")
        fed = feed(session, lines(self.io.stdin))
        if fed.extra_line is not None:
            self.io.say(
                f"warning: every question was answered; ignored input from line {fed.extra_line}"
            )
        return self._ended(session, show_profile=session.complete)

    def _interactive(self, terminal: Terminal) -> ExitCode:
        ui = Interactive(self.io.console, terminal)
        first = True
        outcome: Outcome
        while True:
            try:
                outcome = self._one_respondent(ui, terminal, first)
            except EOFError:
                # The terminal went away (or a script ran out of keys); answers are saved.
                if self.session is None:
                    self.io.say("input ended before the survey began; nothing was saved")
                    return INCOMPLETE
                outcome = "quit"
            code = self._ended(self._current(), show_profile=outcome == "finished")
            # One file was named: there is no "next respondent" to offer.
            if outcome != "finished" or self.request.out is not None:
                return code
            if not ui.confirm("Start the next respondent? [y/N] "):
                return code
            first = False

    def _one_respondent(self, ui: Interactive, terminal: Terminal, first: bool) -> Outcome:
        self.session = None
        out = self.request.out
        if out is not None and out.exists():
            # Before the screen changes, so a bad file is one plain error line.
            self.session = self._resume(out, self._wanted_from_flags())
        with terminal.fullscreen():
            if self.session is None:
                name, role, department = ui.ask_respondent(
                    self.loaded,
                    self.request.respondent if first else None,
                    self.request.role if first else None,
                    self.request.department,
                )
                self.session = self._open(name, role, department)
            return ui.walk(self.session)

    def _current(self) -> Session:
        assert self.session is not None  # set by every path that reaches here
        return self.session

    # -- how it ended --------------------------------------------------------------------

    def _ended(self, session: Session, show_profile: bool) -> ExitCode:
        if show_profile or session.complete:
            self.io.console.print(profile_table(session.profile(), session.respondent.name))
        if session.complete:
            self.io.say(f"saved {session.answered} answers to {session.path}")
            return ExitCode.OK
        self.io.say(
            f"incomplete: {session.unanswered} unanswered; "
            f"{session.answered} of {session.total} answers are saved in {session.path}"
        )
        self.io.say(f"resume with: {self._resume_command(session)}")
        return INCOMPLETE

    def _interrupted(self) -> ExitCode:
        session = self.session
        if session is None:
            self.io.say("interrupted; nothing was saved")
            return ExitCode.INTERRUPTED
        # Again, in case the Ctrl-C landed mid-write: the atomic write kept the old file,
        # so without this the answer being saved at that instant would be lost.
        session.save()
        with contextlib.suppress(OSError):  # the terminal may be gone (SIGHUP)
            self.io.say(
                f"interrupted: {session.answered} of {session.total} answers are saved in "
                f"{session.path}"
            )
            self.io.say(f"resume with: {self._resume_command(session)}")
        return ExitCode.INTERRUPTED

    def _resume_command(self, session: Session) -> str:
        return resume_command(session.path, self.request.questionnaire)
