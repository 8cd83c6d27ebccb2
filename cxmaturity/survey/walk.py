"""The walk through one respondent's questions: intro, questions, profile and review.

It owns no state beyond where the respondent is; the ``Session`` holds the answers and
saves every change before the next screen is drawn.
"""

from __future__ import annotations

from typing import Literal

from cxmaturity.core.evidence import EVIDENCE_LINE_MAX, evidence_from_line, evidence_line
from cxmaturity.core.marks import N_
from cxmaturity.core.model import COMMENT_MAX
from cxmaturity.core.stages import Stage
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.interactive import Interactive
from cxmaturity.survey.pages import (
    IntroView,
    ReviewRow,
    finish_frame,
    intro_frame,
    profile_frame,
    review_frame,
    yes_keys,
)
from cxmaturity.survey.screens import (
    CHOICES,
    DONT_KNOW,
    NOT_APPLICABLE,
    QuestionView,
    choice_of,
    question_frame,
)
from cxmaturity.survey.session import Session

Outcome = Literal["finished", "quit"]
Step = Literal["answered", "back", "skip", "review", "quit"]
Place = Literal["questions", "review", "profile", "quit"]
_PAGE = 10
_STEPS: dict[str, Step] = {
    "left": "back",
    "b": "back",
    "backspace": "back",
    "right": "skip",
    "tab": "skip",
    "r": "review",
    "q": "quit",
}


class Walk:
    def __init__(self, ui: Interactive, session: Session) -> None:
        self.ui = ui
        self.session = session
        self.cursor = 0  # on the review list
        self.from_review = False  # the open question was chosen from the review list

    def run(self) -> Outcome:
        """Until the respondent finishes (confirmed when questions are unanswered) or quits."""
        if not self._intro():
            return "quit"
        place: Place = "profile" if self.session.complete else "questions"
        while place != "quit":
            if place == "questions" and self.session.total:
                place = self._after_question(self._question())
                continue
            action = self._review() if place == "review" else self._profile()
            if action in ("finished", "quit"):
                return "finished" if action == "finished" else "quit"
            place = self._go(action)
        return "quit"

    def _after_question(self, step: Step) -> Place:
        session = self.session
        from_review, self.from_review = self.from_review, False
        if step == "quit":
            return "quit"
        if step == "review" or (step == "answered" and from_review):
            self.cursor = session.index
            return "review"
        if step == "back":
            session.back()
        elif not session.forward():
            return "profile"
        return "questions"

    def _go(self, action: str) -> Place:
        """Where a key on the review list or the profile leads."""
        session = self.session
        if action == "edit":
            session.go_to(self.cursor)
            self.from_review = True
            return "questions"
        if action == "continue":
            first = session.first_unanswered()
            session.go_to(first if first is not None else session.index)
            return "questions"
        if action == "back" and session.total:
            session.go_to(session.total - 1)
            return "questions"
        return "review" if action == "review" else "profile"

    # -- screens ---------------------------------------------------------------------

    def _intro(self) -> bool:
        session = self.session
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
            lang=self.ui.lang,
        )
        while True:
            self.ui.show(intro_frame(self.ui.console, view, *self.ui.size))
            key = self.ui.key()
            if key in ("enter", " "):
                return True
            if key == "q":
                return False

    def _question(self) -> Step:
        session = self.session
        choice = choice_of(session.answer_for(session.current))
        message = ""
        while True:
            self._draw(choice, message or self.ui.notice)
            key = self.ui.key()
            message = ""
            if len(key) == 1 and key in "123456":
                choice = int(key) - 1
            elif key in ("d", "?", "n"):
                choice = NOT_APPLICABLE if key == "n" else DONT_KNOW
            elif key in ("up", "k", "down", "j"):
                choice = _moved(choice, -1 if key in ("up", "k") else 1)
            elif key == "enter" and choice is None:
                message = self.ui.lang.gettext(
                    "Choose an answer first: 1-6, d or n (→ skips the question)."
                )
            elif key == "enter" and choice is not None:
                _record(session, choice)
                return "answered"
            elif key == "c":
                message = self._comment(choice)
            elif key == "e":
                message = self._evidence(choice)
            elif key in _STEPS:
                return _STEPS[key]

    def _draw(
        self,
        choice: int | None,
        message: str,
        editor: Editor | None = None,
        evidence: bool = False,
    ) -> None:
        session = self.session
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
            answered=session.answered,
            show_stages=self.ui.show_stages,
            lang=self.ui.lang,
            evidence=evidence,
        )
        self.ui.terminal.show(question_frame(self.ui.console, view, *self.ui.size))

    def _edit(self, editor: Editor) -> str | None:
        """One key into the editor, then everything already typed or pasted before the next
        frame: a paste of many lines is drawn once, not once per key."""
        outcome = self.ui.edit(editor, self.ui.event())
        while outcome is None and self.ui.terminal.pending():
            outcome = self.ui.edit(editor, self.ui.event())
        return outcome

    def _comment(self, choice: int | None) -> str:
        session = self.session
        before = session.answer_for(session.current).comment
        editor = Editor(before or "", limit=COMMENT_MAX, multiline=True)
        try:
            while True:
                self._draw(choice, "", editor)
                outcome = self._edit(editor)
                if outcome == "cancel":
                    return ""
                if outcome == "done":
                    session.set_comment(editor.text)
                    saved = N_("Comment saved.") if editor.text.strip() else N_("No comment.")
                    return self.ui.lang.gettext(saved)
        except (KeyboardInterrupt, EOFError):
            # Whatever was typed so far is kept: the walk is about to stop.
            session.set_comment(editor.text)
            raise

    def _evidence(self, choice: int | None) -> str:
        """One line: link or file; date; who holds it; note (all but the first optional)."""
        session = self.session
        before = session.answer_for(session.current).evidence
        editor = Editor(evidence_line(before), limit=EVIDENCE_LINE_MAX, multiline=False)
        problem = ""
        while True:
            self._draw(choice, problem, editor, evidence=True)
            outcome = self._edit(editor)
            if outcome == "cancel":
                return ""
            if outcome == "done":
                try:
                    found = evidence_from_line(editor.text)
                except ValueError as exc:
                    problem = str(exc)
                    continue
                session.set_evidence(found)
                saved = N_("Evidence saved.") if found else N_("No evidence.")
                return self.ui.lang.gettext(saved)

    def _profile(self) -> str:
        session = self.session
        profile = session.profile()
        while True:
            frame = profile_frame(
                self.ui.console,
                profile,
                session.respondent.name,
                session.unanswered,
                *self.ui.size,
                self.ui.lang,
            )
            self.ui.show(frame)
            key = self.ui.key()
            if key == "enter" and self._really_finish():
                return "finished"
            if key in ("r", "q"):
                return "review" if key == "r" else "quit"
            if key in ("left", "b", "backspace"):
                return "back"
            if key == "u" and session.unanswered:
                return "continue"

    def _really_finish(self) -> bool:
        if self.session.complete:
            return True
        while True:
            lang = self.ui.lang
            self.ui.show(
                finish_frame(self.ui.console, self.session.unanswered, *self.ui.size, lang)
            )
            key = self.ui.key()
            if key in (*yes_keys(lang), "n", "enter", "escape"):
                return key in yes_keys(lang)

    def _review(self) -> str:
        session = self.session
        last = max(session.total - 1, 0)
        self.cursor = min(max(self.cursor, 0), last)
        moves = {"up": -1, "k": -1, "down": 1, "j": 1, "pageup": -_PAGE, "pagedown": _PAGE}
        while True:
            rows = [ReviewRow(q, session.answer_for(q)) for q in session.questions]
            frame = review_frame(
                self.ui.console, rows, self.cursor, self.ui.show_stages, *self.ui.size, self.ui.lang
            )
            self.ui.show(frame)
            key = self.ui.key()
            if key in moves:
                self.cursor = min(max(self.cursor + moves[key], 0), last)
            elif key in ("home", "end"):
                self.cursor = 0 if key == "home" else last
            elif key == "enter" and session.total:
                return "edit"
            elif key == "u" and session.unanswered:
                return "continue"
            elif key in ("escape", "left", "p"):
                return "profile"
            elif key == "f" and self._really_finish():
                return "finished"
            elif key == "q":
                return "quit"


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
