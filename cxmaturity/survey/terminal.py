"""The real terminal: single keys in, whole frames out.

The survey talks to a ``Terminal``; tests give it a scripted one. ``TtyTerminal``
reads raw bytes with termios (no line buffering, no echo) and draws each frame from the
top-left of the alternate screen, so the respondent's scrollback is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import termios
from collections.abc import Iterator
from types import FrameType
from typing import Protocol

from rich.console import Console

# Escape sequences for the keys the survey uses, in both the normal and the
# "application" cursor modes that terminals switch between.
_SEQUENCES = {
    "[A": "up",
    "[B": "down",
    "[C": "right",
    "[D": "left",
    "OA": "up",
    "OB": "down",
    "OC": "right",
    "OD": "left",
    "[H": "home",
    "[F": "end",
    "OH": "home",
    "OF": "end",
    "[1~": "home",
    "[7~": "home",
    "[4~": "end",
    "[8~": "end",
    "[3~": "delete",
    "[5~": "pageup",
    "[6~": "pagedown",
}
_SINGLE = {
    "\r": "enter",
    "\n": "newline",  # Ctrl-J: Enter arrives as \r because ICRNL is off
    "\t": "tab",
    "\x7f": "backspace",
    "\x08": "backspace",
    "\x04": "ctrl-d",
}
# How long to wait for the rest of an escape sequence before taking ESC as the Esc key.
_ESC_WAIT = 0.05
# How often an idle reader looks for a resized window, to redraw without a key press.
_POLL = 0.25


class Terminal(Protocol):
    """What the interactive survey needs from a terminal."""

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in cells."""
        ...

    def read_key(self) -> str:
        """The next key: a character, or a name such as ``up``, ``enter``, ``resize``.

        Raises EOFError when input ends and KeyboardInterrupt on Ctrl-C.
        """
        ...

    def show(self, lines: list[str]) -> None:
        """Replace the screen with these lines (already rendered, at most ``height``)."""
        ...

    def fullscreen(self) -> contextlib.AbstractContextManager[None]:
        """Raw keys and the alternate screen, for the walk itself."""
        ...

    def raw(self) -> contextlib.AbstractContextManager[None]:
        """Raw keys on the normal screen, for a one-key question."""
        ...


class TtyTerminal:
    def __init__(self, console: Console, fd: int) -> None:
        self.console = console
        self.fd = fd
        self._last_size = self.size

    @property
    def size(self) -> tuple[int, int]:
        width, height = self.console.size
        return width, height

    def _write(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()

    def show(self, lines: list[str]) -> None:
        # Clear each line before writing it: clearing after a full-width line would
        # erase its last character, where the cursor waits to wrap.
        body = "\r\n".join(f"\x1b[2K{line}" for line in lines[: self.size[1]])
        self._write(f"\x1b[H{body}\x1b[J")

    @contextlib.contextmanager
    def raw(self) -> Iterator[None]:
        old = termios.tcgetattr(self.fd)
        new = termios.tcgetattr(self.fd)
        # No echo, no line editing; Enter stays \r so Ctrl-J can mean "new line", and
        # Ctrl-S is a key rather than a freeze. ISIG stays on: Ctrl-C is SIGINT, which
        # Python raises as KeyboardInterrupt wherever the program is, mid-save included.
        new[0] &= ~(termios.ICRNL | termios.IXON)
        new[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)
        new[6][termios.VMIN] = 1
        new[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN, new)
        try:
            with _signals_as_interrupt():
                yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, old)

    @contextlib.contextmanager
    def fullscreen(self) -> Iterator[None]:
        with self.raw():
            self._write("\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J")
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    self._write("\x1b[?25h\x1b[?1049l")

    def read_key(self) -> str:
        while True:
            ready, _, _ = select.select([self.fd], [], [], _POLL)
            if ready:
                key = self._decode(self._byte())
                if key:
                    return key
            elif self.size != self._last_size:
                self._last_size = self.size
                return "resize"

    def _byte(self) -> bytes:
        try:
            data = os.read(self.fd, 1)
        except OSError:  # EIO: the terminal went away
            data = b""
        if not data:
            raise EOFError
        return data

    def _decode(self, first: bytes) -> str:
        if first == b"\x03":  # only reaches us if ISIG was turned off elsewhere
            raise KeyboardInterrupt
        if first == b"\x1b":
            return self._escape()
        if first[0] >= 0x80:
            return self._utf8(first)
        char = first.decode("ascii")
        if char in _SINGLE:
            return _SINGLE[char]
        return char if char.isprintable() else ""

    def _escape(self) -> str:
        tail = ""
        while len(tail) < 8 and select.select([self.fd], [], [], _ESC_WAIT)[0]:
            tail += self._byte().decode("latin-1")
            if tail[-1].isalpha() or tail[-1] == "~":
                break
        if not tail:
            return "escape"
        return _SEQUENCES.get(tail, "")

    def _utf8(self, first: bytes) -> str:
        lead = first[0]
        extra = 1 if lead >= 0xC0 else 0
        extra += lead >= 0xE0
        extra += lead >= 0xF0
        data = first + b"".join(self._byte() for _ in range(extra))
        char = data.decode("utf-8", errors="replace")
        return char if char.isprintable() and char != "\ufffd" else ""


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[None]:
    """A closed window (SIGHUP) or a polite kill (SIGTERM) saves and stops like Ctrl-C."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, interrupt) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
