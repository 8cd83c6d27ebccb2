"""The keyboard front end: who is answering, one-key questions, and the walk itself.

Keys arrive as events; a paste is text, never keys: it goes whole into a text field
(new lines and all in a comment) and anywhere else is ignored with a one-line hint.
"""

from __future__ import annotations

from rich.console import Console

from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.marks import N_
from cxmaturity.core.model import MAX_NAME, Questionnaire
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.keys import Event, Paste
from cxmaturity.survey.pages import (
    ClashView,
    clash_frame,
    department_frame,
    prompt_frame,
    yes_keys,
)
from cxmaturity.survey.terminal import Terminal
from cxmaturity.words.language import Language, language

MAX_WIDTH = 100
PASTE_HINT = N_("Pasted text is only taken in a comment (press c first); it was ignored.")
# Keys 1-9 and 0 for the first ten departments, then letters that no screen uses.
DEPARTMENT_KEYS = "1234567890abcefghilmoprstuvwxyz"
BACK = "back"


class Interactive:
    def __init__(
        self,
        console: Console,
        terminal: Terminal,
        show_stages: bool = False,
        lang: Language | None = None,
    ) -> None:
        self.console = console
        self.terminal = terminal
        self.show_stages = show_stages
        self.lang = lang or language()
        self.notice = ""

    # -- input and output --------------------------------------------------------------

    def key(self) -> str:
        """The next command key; letters in either case, a paste only noted."""
        event = self.terminal.read_key()
        if isinstance(event, Paste):
            self.notice = self.lang.gettext(PASTE_HINT)
            return "paste"
        self.notice = ""
        return event.lower() if len(event) == 1 else event

    def event(self) -> Event:
        """The next key or paste, as typed, for text fields."""
        self.notice = ""
        return self.terminal.read_key()

    def edit(self, editor: Editor, event: Event) -> str | None:
        """Apply a key or a paste to a text field; ``done`` or ``cancel`` when it ends."""
        if isinstance(event, Paste):
            editor.insert(event.text)
            return None
        return editor.handle(event)

    def show(self, lines: list[str]) -> None:
        if self.notice:
            height = self.size[1]
            lines = [*lines[: max(height - 1, 0)], self.notice[: self.size[0]]]
        self.terminal.show(lines)

    @property
    def size(self) -> tuple[int, int]:
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
        """Ask for whatever the command line did not give; Esc goes back a step."""
        title = loaded.model.title
        steps = [
            s for s, given in (("name", name), ("role", name), ("dep", department)) if not given
        ]
        values = {"name": name or "", "role": role or "", "dep": department or ""}
        at = 0
        while at < len(steps):
            step = steps[at]
            back = False
            if step == "dep":
                answer = self._pick_department(loaded.model, at > 0)
                back = answer == BACK
            else:
                label = self.lang.gettext(N_("Your name:") if step == "name" else N_("Your role:"))
                label += " "
                back, answer = self._ask_text(title, label, values[step], step == "name", at > 0)
            if not back or step != "dep":
                values[step] = answer
            at += -1 if back else 1
        return values["name"], values["role"] or None, values["dep"]

    def _ask_text(
        self, title: str, label: str, text: str, required: bool, can_go_back: bool
    ) -> tuple[bool, str]:
        """(went back, the text): Esc goes back a step, keeping what was typed."""
        editor = Editor(text, limit=MAX_NAME)
        _ = self.lang.gettext
        hint = (
            _("Enter to continue") if required else _("Enter to continue (optional, may be empty)")
        )
        hint += "  ·  " + _("Esc back") if can_go_back else ""
        while True:
            frame = prompt_frame(self.console, title, label, editor, hint, *self.size, self.lang)
            self.show(frame)
            outcome = self.edit(editor, self.event())
            if outcome == "cancel" and can_go_back:
                return True, editor.text
            if outcome == "done":
                if clean_line(editor.text) or not required:
                    return False, clean_line(editor.text)
                hint = _("A name is needed: it goes in the answer file and the report.")

    def _pick_department(self, q: Questionnaire, can_go_back: bool) -> str:
        cursor, count = 0, len(q.departments)
        keys = DEPARTMENT_KEYS[:count]
        while True:
            frame = department_frame(
                self.console,
                q.title,
                q.departments,
                cursor,
                keys,
                can_go_back,
                *self.size,
                self.lang,
            )
            self.show(frame)
            key = self.key()
            if key == "up":
                cursor = max(cursor - 1, 0)
            elif key == "down":
                cursor = min(cursor + 1, count - 1)
            elif len(key) == 1 and key in keys:
                cursor = keys.index(key)
            elif key == "enter":
                return q.departments[cursor].id
            elif key == "escape" and can_go_back:
                return BACK

    def is_this_you(self, view: ClashView) -> bool:
        """An answer file for someone with the same name exists: y resumes it, else a new one."""
        while True:
            self.show(clash_frame(self.console, view, *self.size, self.lang))
            key = self.key()
            if key in (*yes_keys(self.lang), "n", "enter", "escape"):
                return key in yes_keys(self.lang)

    def next_respondent(self) -> bool:
        """Between respondents, on the normal screen: Enter goes on, q (or Ctrl-D) stops."""
        with self.terminal.raw():
            ask = self.lang.gettext("Next respondent? [Enter = yes, q = stop]")
            self.console.print(ask + " ", end="", markup=False)
            while True:
                try:
                    key = self.key()
                except EOFError:
                    key = "q"
                if key in ("enter", "q", "ctrl-d"):
                    break
            self.console.print("" if key == "enter" else "q", markup=False)
        return key == "enter"
