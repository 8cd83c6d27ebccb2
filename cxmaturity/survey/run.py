"""One ``cxmaturity survey`` run: choose the file, walk it (on a terminal or from piped
lines), and turn how it ended into an exit code and a message that says what to do next.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from rich.console import Console

from cxmaturity.core.answer_file import Respondent
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.errors import ChangedOnDiskError, MismatchError, OutputFileError, UsageError
from cxmaturity.core.exitcodes import ExitCode
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.formats.answer_store import AnswerStore
from cxmaturity.formats.answers import candidates, read_answer_file
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.formats.respondent_file import Clock, make_respondent, utc_now
from cxmaturity.formats.translation_files import localise
from cxmaturity.survey.interactive import Interactive
from cxmaturity.survey.pages import ClashView, profile_table
from cxmaturity.survey.paths import DEFAULT_QUESTIONNAIRE, check_folders, resume_command
from cxmaturity.survey.piped import feed, lines
from cxmaturity.survey.session import Session
from cxmaturity.survey.terminal import HangUp, Terminal
from cxmaturity.survey.walk import Walk
from cxmaturity.words.language import SOURCE, Language, language

# Exit 1 means "not there yet": below the bar for `score`, unanswered questions here.
INCOMPLETE = ExitCode.BELOW_BAR
Outcome = Literal["finished", "quit", "interrupted"]


@dataclass(frozen=True)
class SurveyRequest:
    questionnaire: str = DEFAULT_QUESTIONNAIRE
    department: str | None = None
    respondent: str | None = None
    role: str | None = None
    out: Path | None = None
    out_dir: Path | None = None
    show_stages: bool = False
    language: str | None = None
    """What the respondent reads: None means the resumed file's language, else English."""


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
    lang = language(request.language or _recorded_language(request.out) or SOURCE)
    warnings: list[str] = []
    # The hash stays the original's, so the answers score the same in every language.
    loaded = localise(load_questionnaire(request.questionnaire), lang.code, warnings)
    for warning in warnings:
        io.say(f"warning: {warning}")
    created = check_folders(request.out, request.out_dir)
    if created:
        io.say(created)
    return _Run(request, io, loaded, lang).run()


def _recorded_language(out: Path | None) -> str | None:
    """The language an existing answer file was answered in, so a resume keeps it."""
    if out is None or not out.is_file():
        return None
    try:
        found = read_answer_file(out, in_folder=False, warnings=[])
    except Exception:  # a bad file is reported properly once the survey opens it
        return None
    recorded = found.file.language if found is not None else None
    try:
        return language(recorded).code if recorded else None
    except UsageError:  # a language the tool has no catalogue for: English, as before
        return None


class _Run:
    def __init__(
        self, request: SurveyRequest, io: SurveyIO, loaded: LoadedQuestionnaire, lang: Language
    ):
        self.request = request
        self.io = io
        self.loaded = loaded
        self.lang = lang
        self.session: Session | None = None

    def run(self) -> ExitCode:
        try:
            if self.io.terminal is None:
                return self._piped()
            return self._interactive(self.io.terminal)
        except HangUp:
            return self._hung_up()
        except KeyboardInterrupt:
            return self._interrupted()
        except ChangedOnDiskError:
            raise
        except OutputFileError as exc:
            if self.session is None:
                raise
            # Every earlier answer is on disk: say so, and how to go on once it is fixed.
            self.io.say(f"error: {exc}")
            self._say_resume(self.session)
            return ExitCode.INVALID
        finally:
            # After an error the journal may not fold; it stays, and readers replay it.
            with contextlib.suppress(OutputFileError):
                self._close()

    # -- the file ------------------------------------------------------------------------

    def _open(self, wanted: Respondent, ui: Interactive | None = None) -> Session:
        """The session for this respondent: resumed if their file exists, else new and saved."""
        if self.request.out is not None:
            return self._open_path(self.request.out, wanted)
        for path in candidates(self.request.out_dir or Path(), wanted.name, wanted.department):
            if not path.exists():
                return self._open_path(path, wanted)
            found = Session.resume(self.loaded, path, self.io.clock)
            if not self._same(found.respondent, wanted):
                continue
            if ui is None or ui.is_this_you(self._clash(found)):
                return self._open_path(path, wanted, new_role=wanted.role)
        raise AssertionError("candidates end with a free path")  # pragma: no cover

    def _open_path(
        self, path: Path, wanted: Respondent | None, new_role: str | None = None
    ) -> Session:
        store = AnswerStore(path)
        store.open()  # the lock first: nobody else may change the file while we read it
        try:
            if not path.exists():
                assert wanted is not None  # a new file needs a respondent
                self.session = Session.new(
                    self.loaded, path, wanted, self.io.clock, store, self.lang.code
                )
                self.session.save()
                return self.session
            self.session = self._resume(path, wanted, store)
        except BaseException:
            if self.session is None:
                store.close()
            raise
        session = self.session
        if store.has_journal:
            session.save()  # a hard stop left a journal: fold it in now
        if session.language != self.lang.code:
            # The file records the language of the latest answers, so readers know.
            session.language = self.lang.code
            session.save()
        if new_role and new_role != session.respondent.role:
            session.respondent = session.respondent.model_copy(update={"role": new_role})
            session.save()
        return session

    def _same(self, found: Respondent, wanted: Respondent) -> bool:
        return found.key == wanted.key

    def _clash(self, found: Session) -> ClashView:
        department = self.loaded.model.department(found.respondent.department)
        saved = found.updated.strftime("%Y-%m-%d %H:%M UTC") if found.updated else "unknown"
        return ClashView(
            name=found.respondent.name,
            department=department.name if department else found.respondent.department,
            role=found.respondent.role,
            saved=saved,
            answered=found.answered,
            total=found.total,
        )

    def _resume(self, path: Path, wanted: Respondent | None, store: AnswerStore) -> Session:
        session = Session.resume(self.loaded, path, self.io.clock, store)
        found = session.respondent
        if wanted is not None and not self._same(found, wanted):
            raise MismatchError(
                f"this file holds answers from {clean_line(found.name)!r} ({found.department}), "
                f"not {wanted.name!r} ({wanted.department})",
                path,
            )
        for warning in session.warnings:
            self.io.say(f"warning: {warning}")
        return session

    def _say_resume(self, session: Session) -> None:
        line = self.lang.gettext("resume with: {command}")
        self.io.say(line.format(command=self._resume_command(session)))

    def _wanted_from_flags(self) -> Respondent | None:
        name, department = self.request.respondent, self.request.department
        if name is None or department is None:
            return None
        return make_respondent(self.loaded, name, self.request.role, department, self.lang)

    def _close(self) -> None:
        """Fold the journal into the whole file and let go of the lock."""
        session, self.session = self.session, None
        if session is None:
            return
        try:
            session.store.finish(session.file_bytes)
        finally:
            session.store.close()

    # -- the two ways in -----------------------------------------------------------------

    def _piped(self) -> ExitCode:
        out = self.request.out
        if out is not None and out.exists():
            self.session = self._open_path(out, self._wanted_from_flags())
        elif self.request.respondent is None or self.request.department is None:
            raise UsageError(
                self.lang.gettext(
                    "input is not a terminal: give --respondent and --department "
                    "(or --out with an existing answer file to continue it)"
                )
            )
        else:
            wanted = self._wanted_from_flags()
            assert wanted is not None
            self.session = self._open(wanted)
        session = self.session
        _ = self.lang.gettext
        if session.resumed:
            line = _("resuming {path}: {answered} of {total} answered")
            self.io.say(
                line.format(path=session.path, answered=session.answered, total=session.total)
            )
        fed = feed(session, lines(self.io.stdin), self.lang)
        if fed.extra_line is not None:
            line = _("warning: every question was answered; ignored input from line {line}")
            self.io.say(line.format(line=fed.extra_line))
        code = self._ended(session, show_profile=session.complete)
        self._close()
        return code

    def _interactive(self, terminal: Terminal) -> ExitCode:
        ui = Interactive(self.io.console, terminal, self.request.show_stages, self.lang)
        loop = self.request.out is None and self.request.out_dir is not None
        first = True
        codes: list[ExitCode] = []
        while True:
            try:
                outcome = self._one_respondent(ui, terminal, first)
            except EOFError:
                # A script ran out of keys; answers are saved.
                if self.session is None:
                    self.io.say(
                        self.lang.gettext("input ended before the survey began; nothing was saved")
                    )
                    return INCOMPLETE
                outcome = "quit"
            except KeyboardInterrupt as exc:
                if not loop or isinstance(exc, HangUp):
                    raise
                # In a workshop, Ctrl-C ends this respondent, not the whole session.
                codes.append(self._interrupted())
                self._close()
                outcome = "interrupted"
            if outcome != "interrupted":
                codes.append(self._ended(self._current(), show_profile=outcome == "finished"))
                self._close()
            if not loop:
                return codes[-1]
            # Between two people the screen is cleared, so nothing of one is left for the next.
            try:
                going_on = ui.next_respondent()
            except KeyboardInterrupt as exc:
                if isinstance(exc, HangUp):
                    raise
                self.io.console.print()
                codes.append(ExitCode.INTERRUPTED)  # everyone's answers are already saved
                going_on = False
            if not going_on:
                return max(codes, key=_severity)
            terminal.clear_all()
            first = False

    def _one_respondent(self, ui: Interactive, terminal: Terminal, first: bool) -> Outcome:
        self.session = None
        out = self.request.out
        if out is not None and out.exists():
            # Before the screen changes, so a bad file is one plain error line.
            self.session = self._open_path(out, self._wanted_from_flags())
        with terminal.fullscreen():
            if self.session is None:
                name, role, department = ui.ask_respondent(
                    self.loaded,
                    self.request.respondent if first else None,
                    self.request.role if first else None,
                    self.request.department,
                )
                wanted = make_respondent(self.loaded, name, role, department, self.lang)
                self.session = self._open(wanted, ui)
            return Walk(ui, self.session).run()

    def _current(self) -> Session:
        assert self.session is not None  # set by every path that reaches here
        return self.session

    # -- how it ended --------------------------------------------------------------------

    def _ended(self, session: Session, show_profile: bool) -> ExitCode:
        _ = self.lang.gettext
        if show_profile or session.complete:
            profile = profile_table(session.profile(), session.respondent.name, self.lang)
            self.io.console.print(profile)
        if session.complete:
            line = self.lang.ngettext(
                "saved {count} answer to {path}",
                "saved {count} answers to {path}",
                session.answered,
            )
            self.io.say(line.format(count=session.answered, path=session.path))
            return ExitCode.OK
        line = _(
            "incomplete: {unanswered} unanswered; {answered} of {total} answers are saved in {path}"
        )
        self.io.say(
            line.format(
                unanswered=session.unanswered,
                answered=session.answered,
                total=session.total,
                path=session.path,
            )
        )
        self._say_resume(session)
        return INCOMPLETE

    def _interrupted(self) -> ExitCode:
        session = self.session
        _ = self.lang.gettext
        if session is None:
            self.io.say(_("interrupted; nothing was saved"))
            return ExitCode.INTERRUPTED
        session.save()
        with contextlib.suppress(OSError):
            line = _("interrupted: {answered} of {total} answers are saved in {path}")
            self.io.say(
                line.format(answered=session.answered, total=session.total, path=session.path)
            )
            self._say_resume(session)
        return ExitCode.INTERRUPTED

    def _hung_up(self) -> ExitCode:
        """The terminal is gone: save, and say nothing (there is no one to read it)."""
        if self.session is not None:
            self.session.save()
        _silence_output()
        return ExitCode.INTERRUPTED

    def _resume_command(self, session: Session) -> str:
        return resume_command(session.path, self.request.questionnaire)


def _severity(code: ExitCode) -> int:
    return {ExitCode.OK: 0, INCOMPLETE: 1, ExitCode.INTERRUPTED: 2}.get(code, 3)


def _silence_output() -> None:
    # Writing to a closed terminal raises EIO, and Python would print that at exit.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                with contextlib.suppress(OSError, ValueError):
                    os.dup2(devnull, stream.fileno())
