"""A small text field driven by key names: typing, cursor moves, deleting, new lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rich.text import Text

from cxmaturity.core.cleaning import clean_text

Outcome = Literal["done", "cancel"] | None


@dataclass
class Editor:
    text: str = ""
    cursor: int = -1
    limit: int = 5_000
    multiline: bool = False

    def __post_init__(self) -> None:
        self.text = clean_text(self.text)[: self.limit]
        if not self.multiline:
            self.text = self.text.replace("\n", " ")
        if self.cursor < 0:
            self.cursor = len(self.text)

    def handle(self, key: str) -> Outcome:
        """Apply one key; ``done`` on Enter, ``cancel`` on Esc, otherwise None."""
        if key == "enter":
            return "done"
        if key == "escape":
            return "cancel"
        if key == "newline" and self.multiline:
            self.insert("\n")
        elif len(key) == 1:
            self.insert(key)
        else:
            self._move(key)
        return None

    def insert(self, chars: str) -> None:
        """Typed or pasted text at the cursor, cleaned, cut at the limit."""
        chars = clean_text(chars)
        if not self.multiline:
            chars = chars.replace("\n", " ")
        chars = chars[: max(self.limit - len(self.text), 0)]
        self.text = self.text[: self.cursor] + chars + self.text[self.cursor :]
        self.cursor += len(chars)

    def _move(self, key: str) -> None:
        if key == "backspace" and self.cursor > 0:
            self.text = self.text[: self.cursor - 1] + self.text[self.cursor :]
            self.cursor -= 1
        elif key == "delete":
            self.text = self.text[: self.cursor] + self.text[self.cursor + 1 :]
        elif key == "left":
            self.cursor = max(self.cursor - 1, 0)
        elif key == "right":
            self.cursor = min(self.cursor + 1, len(self.text))
        elif key == "home":
            self.cursor = 0
        elif key == "end":
            self.cursor = len(self.text)

    def render(self) -> Text:
        """The text with the cursor cell in reverse video (a space at the end)."""
        before, at, after = (
            self.text[: self.cursor],
            self.text[self.cursor : self.cursor + 1],
            self.text[self.cursor + 1 :],
        )
        # A newline under the cursor would swallow the highlight; show it as a space first.
        cell = " \n" if at == "\n" else (at or " ")
        return Text.assemble(before, (cell, "reverse"), after)
