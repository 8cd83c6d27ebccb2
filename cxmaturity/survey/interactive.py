"""The interactive walk: keys in, screens out, every answer saved before the next screen.

It owns no state of its own beyond the cursor on the screen; the ``Session`` holds the
answers and the position, and saves on every change.
"""

from __future__ import annotations

from typing import Literal

from rich.console import Console

from cxmaturity.cleaning import clean_line
from cxmaturity.inputs import LoadedQuestionnaire
from cxmaturity.model import Questionnaire
from cxmaturity.stages import Stage
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.pages import (
    IntroView,
    ReviewRow,
    department_frame,
    intro_frame,
    profile_frame,
    prompt_frame,
    review_frame,
)
from cxmaturity.survey.screens import (
    CHOICES,
    DONT_KNOW,
    NOT_APPLICABLE,
    QuestionView,
    choice_of,
    question_frame,
)
from cxmaturity.survey.session import COMMENT_MAX, NAME_MAX, Session
from cxmaturity.survey.terminal import Terminal

Outcome = Literal["finished", "quit"]
Step = Literal["next", "back", "skip", "review", "quit"]
_PAGE = 10
MAX_WIDTH = 100


class Interactive:
    def __init__(self, console: Console, terminal: Terminal) -> None:
        self.console = console
        self.terminal = terminal

    def _show(self, lines: list[str]) -> None:
        self.terminal.show(lines)

    @property
    def _size(self) -> tuple[int, int]:
        # Past about 100 columns, lines get too long to read comfortably in a workshop.
        width, height = self.terminal.size
        return min(width, MAX_WIDTH), height

    # -- who is answering --------------------------------------------------------------

    def ask_respondent(
        self,
        loaded: LoadedQuestionnaire,
        name: str | None,
        role: str | None,
        department: str | None,
    ) -> tuple[str, str | None, str]:
        """Ask for whatever the command line did not give; the role only with the name."""
        title = loaded.model.title
        if name is None:
            name = self._ask_text(title, "Your name: ", required=True)
            role = role if role is not None else self._ask_text(title, "Your role: ", False)
        if department is None:
            department = self._pick_department(loaded.model)
        return name, role or None, department

    def _ask_text(self, title: str, label: str, required: bool) -> str:
        editor = Editor(limit=NAME_MAX)
        hint = "Enter to continue" if required else "Enter to continue (optional, may be empty)"
        while True:
            self._show(prompt_frame(self.console, title, label, editor, hint, *self._size))
            if editor.handle(self.terminal.read_key()) == "done":
                if clean_line(editor.text) or not required:
                    return clean_line(editor.text)
                hint = "A name is needed: it goes in the answer file and the report."

    def _pick_department(self, q: Questionnaire) -> str:
        cursor, count = 0, len(q.departments)
        while True:
            self._show(department_frame(self.console, q.title, q.departments, cursor, *self._size))
            key = self.terminal.read_key()
            if key in ("up", "k"):
                cursor = max(cursor - 1, 0)
            elif key in ("down", "j"):
                cursor = min(cursor + 1, count - 1)
            elif len(key) == 1 and key.isdigit() and 0 < int(key) <= min(count, 9):
                cursor = int(key) - 1
            elif key == "enter":
                return q.departments[cursor].id

    def confirm(self, question: str) -> bool:
        """A y/N question on the normal screen; anything but y (or end of input) is no."""
        with self.terminal.raw():
            self.console.print(question, end="", markup=False)
            try:
                key = self.terminal.read_key()
            except EOFError:
                key = ""
            self.console.print(key if len(key) == 1 else "", markup=False)
        return key.lower() == "y"

    # -- the walk ------------------------------------------------------------------------

    def walk(self, session: Session) -> Outcome:
        """Intro, questions, profile and review, until the respondent finishes or quits."""
        if not self._intro(session):
            return "quit"
        place = "profile" if session.complete else "questions"
        from_review = False
        cursor = 0
        while True:
            if place == "questions" and session.total:
                step = self._question(session)
                if step == "quit":
                    return "quit"
                if step == "review" or from_review:
                    place, cursor, from_review = "review", session.index, False
                elif step == "back":
                    session.back()
                elif not session.forward():
                    place = "profile"
            elif place == "review":
                action, cursor = self._review(session, cursor)
                if action in ("finished", "quit"):
                    return "finished" if action == "finished" else "quit"
                if action == "edit":
                    session.go_to(cursor)
                    place, from_review = "questions", True
                else:
                    place = "profile"
            else:
                action = self._profile(session)
                if action in ("finished", "quit"):
                    return "finished" if action == "finished" else "quit"
                if action == "back" and session.total:
                    session.go_to(session.total - 1)
                place = "review" if action == "review" else "questions"

    def _intro(self, session: Session) -> bool:
        q = session.loaded.model
        department = q.department(session.respondent.department)
        first = session.first_unanswered()
        view = IntroView(
            questionnaire=q,
            respondent=session.respondent.name,
            department=department.name if department else session.respondent.department,
            questions=session.total,
            path=str(session.path),
            answered=session.answered,
            resume_at=None if first is None else first + 1,
        )
        while True:
            self._show(intro_frame(self.console, view, *self._size))
            key = self.terminal.read_key()
            if key in ("enter", " "):
                return True
            if key == "q":
                return False

    def _question(self, session: Session) -> Step:
        choice = choice_of(session.answer_for(session.current))
        message = ""
        while True:
            self._draw(session, choice, message)
            key = self.terminal.read_key()
            message = ""
            if len(key) == 1 and key in "123456":
                choice = int(key) - 1
            elif key in ("d", "?", "n"):
                choice = NOT_APPLICABLE if key == "n" else DONT_KNOW
            elif key in ("up", "k", "down", "j"):
                choice = _moved(choice, -1 if key in ("up", "k") else 1)
            elif key == "enter" and choice is None:
                message = "Choose an answer first: 1-6, d or n (→ skips the question)."
            elif key == "enter" and choice is not None:
                _record(session, choice)
                return "next"
            elif key == "c":
                message = self._comment(session, choice)
            elif key in _STEPS:
                return _STEPS[key]

    def _draw(
        self, session: Session, choice: int | None, message: str, editor: Editor | None = None
    ) -> None:
        question = session.current
        view = QuestionView(
            number=session.index + 1,
            total=session.total,
            dimension=session.dimension_name(question),
            question=question,
            saved=session.answer_for(question),
            choice=choice,
            message=message,
            editor=editor,
        )
        self._show(question_frame(self.console, view, *self._size))

    def _comment(self, session: Session, choice: int | None) -> str:
        before = session.answer_for(session.current).comment
        editor = Editor(before or "", limit=COMMENT_MAX, multiline=True)
        try:
            while True:
                self._draw(session, choice, "", editor)
                outcome = editor.handle(self.terminal.read_key())
                if outcome == "cancel":
                    return ""
                if outcome == "done":
                    session.set_comment(editor.text)
                    return "Comment saved." if editor.text.strip() else "No comment."
        except (KeyboardInterrupt, EOFError):
            # Whatever was typed so far is kept: the walk is about to stop.
            session.set_comment(editor.text)
            raise

    def _profile(self, session: Session) -> str:
        profile = session.profile()
        while True:
            frame = profile_frame(
                self.console, profile, session.respondent.name, session.unanswered, *self._size
            )
            self._show(frame)
            key = self.terminal.read_key()
            if key == "enter":
                return "finished"
            if key in ("r", "q"):
                return "review" if key == "r" else "quit"
            if key in ("left", "b", "backspace"):
                return "back"

    def _review(self, session: Session, cursor: int) -> tuple[str, int]:
        cursor = min(max(cursor, 0), max(session.total - 1, 0))
        while True:
            rows = [ReviewRow(q, session.answer_for(q)) for q in session.questions]
            self._show(review_frame(self.console, rows, cursor, *self._size))
            key = self.terminal.read_key()
            moves = {"up": -1, "k": -1, "down": 1, "j": 1, "pageup": -_PAGE, "pagedown": _PAGE}
            if key in moves:
                cursor = min(max(cursor + moves[key], 0), max(session.total - 1, 0))
            elif key in ("home", "end"):
                cursor = 0 if key == "home" else max(session.total - 1, 0)
            elif key == "enter" and session.total:
                return "edit", cursor
            elif key in ("escape", "left", "p"):
                return "profile", cursor
            elif key in ("f", "q"):
                return ("finished" if key == "f" else "quit"), cursor


_STEPS: dict[str, Step] = {
    "left": "back",
    "b": "back",
    "backspace": "back",
    "right": "skip",
    "tab": "skip",
    "r": "review",
    "q": "quit",
}


def _moved(choice: int | None, step: int) -> int:
    if choice is None:
        return 0 if step > 0 else CHOICES - 1
    return min(max(choice + step, 0), CHOICES - 1)


def _record(session: Session, choice: int) -> None:
    if choice == DONT_KNOW:
        session.record_status("unknown")
    elif choice == NOT_APPLICABLE:
        session.record_status("n/a")
    else:
        session.record_stage(Stage(choice + 1))
