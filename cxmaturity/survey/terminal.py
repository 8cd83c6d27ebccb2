"""The real terminal: key events in, whole frames out.

The survey talks to a ``Terminal``; tests give it a scripted one. ``TtyTerminal`` reads
raw bytes with termios and draws each frame from the top-left of the alternate screen,
so the respondent's scrollback is left as it was.

Signals are keys here: ISIG is off, so Ctrl-C and Ctrl-Z arrive in the byte stream at
the place they were typed (nothing typed before them is lost, and never mid-save).
Ctrl-Z, a ``kill -TSTP`` and a later SIGCONT give the terminal back in its own modes and
take raw mode again on return, with a redraw. A closed window (SIGHUP, EIO or end of
input on the terminal) raises ``HangUp``.
"""

from __future__ import annotations

import collections
import contextlib
import os
import select
import signal
import termios
from collections.abc import Iterator
from types import FrameType
from typing import Protocol

from rich.console import Console

from cxmaturity.survey.keys import INTERRUPT, SUSPEND, Decoder, Event

# How long to wait for the rest of an escape sequence before taking ESC as the Esc key,
# and for the next piece of a large paste, which a busy terminal sends in chunks.
_ESC_WAIT = 0.05
_PASTE_WAIT = 2.0
# How often an idle reader looks for a resized window, to redraw without a key press.
_POLL = 0.25
_ENTER_SCREEN = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[H\x1b[2J"
_LEAVE_SCREEN = "\x1b[?2004l\x1b[?25h\x1b[?1049l"


class HangUp(KeyboardInterrupt):
    """The terminal went away: save what there is and stop, telling no one."""


class Terminal(Protocol):
    """What the interactive survey needs from a terminal."""

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in cells."""
        ...

    def read_key(self) -> Event:
        """The next key (a character, or a name such as ``up``, ``enter``, ``resize``,
        ``redraw``) or a ``Paste``.

        Raises EOFError when input ends, KeyboardInterrupt on Ctrl-C, HangUp when the
        terminal is gone.
        """
        ...

    def pending(self) -> bool:
        """More input is already waiting: a caller can apply it before redrawing."""
        ...

    def show(self, lines: list[str]) -> None:
        """Replace the screen with these lines (already rendered, at most ``height``)."""
        ...

    def fullscreen(self) -> contextlib.AbstractContextManager[None]:
        """Raw keys and the alternate screen, for the walk itself."""
        ...

    def clear_all(self) -> None:
        """Clear the normal screen and its scrollback, for the next respondent."""
        ...

    def raw(self) -> contextlib.AbstractContextManager[None]:
        """Raw keys on the normal screen, for a one-key question."""
        ...


class TtyTerminal:
    def __init__(self, console: Console, fd: int) -> None:
        self.console = console
        self.fd = fd
        self._last_size = self.size
        self._decoder = Decoder()
        self._events: collections.deque[Event] = collections.deque()
        self._modes: list[str] = []  # "raw", then "screen" when the alternate screen is on
        self._saved: list[list[int | list[bytes | int]]] = []
        self._redraw = False

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

    def clear_all(self) -> None:
        self._write("\x1b[H\x1b[2J\x1b[3J")

    # -- modes -----------------------------------------------------------------------

    @contextlib.contextmanager
    def raw(self) -> Iterator[None]:
        self._saved.append(termios.tcgetattr(self.fd))
        self._modes.append("raw")
        self._apply_raw()
        self._typed_ahead()
        try:
            with _signals(self):
                yield
        finally:
            self._modes.pop()
            # The terminal may be gone (a closed window): nothing left to restore.
            with contextlib.suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved.pop())

    @contextlib.contextmanager
    def fullscreen(self) -> Iterator[None]:
        with self.raw():
            self._write(_ENTER_SCREEN)
            self._modes.append("screen")
            try:
                yield
            finally:
                self._modes.pop()
                with contextlib.suppress(OSError):
                    self._write(_LEAVE_SCREEN)

    def _apply_raw(self) -> None:
        new = termios.tcgetattr(self.fd)
        # No echo, no line editing, no signals from keys; Enter stays \r so Ctrl-J can
        # mean "new line", and Ctrl-S is a key rather than a freeze.
        new[0] &= ~(termios.ICRNL | termios.IXON)
        new[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        new[6][termios.VMIN] = 1
        new[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSADRAIN, new)

    def _typed_ahead(self) -> None:
        """Keys typed before raw mode (during start-up) count, Enter included.

        The line discipline turned their Enter into a new line (ICRNL), which in raw
        mode means Ctrl-J; here it is Enter again, as the person meant it.
        """
        with contextlib.suppress(OSError):
            if self._readable(0):
                data = os.read(self.fd, 65536).replace(b"\n", b"\r")
                self._events.extend(self._decoder.feed(data))

    def suspend(self) -> None:
        """Give the terminal back as it was, stop (as Ctrl-Z would), and take it again."""
        if not self._modes:
            return
        with contextlib.suppress(termios.error, OSError):
            if "screen" in self._modes:
                self._write(_LEAVE_SCREEN)
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved[0])
        previous = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)  # stops here until `fg`
        finally:
            signal.signal(signal.SIGTSTP, previous)
        self.resume()

    def resume(self) -> None:
        """Raw mode and the screen again (after SIGCONT), and a redraw on the next read."""
        if not self._modes:
            return
        with contextlib.suppress(termios.error, OSError):
            self._apply_raw()
            if "screen" in self._modes:
                self._write(_ENTER_SCREEN)
        self._redraw = True

    # -- input -----------------------------------------------------------------------

    def read_key(self) -> Event:
        while not self._events:
            self._fill()
        event = self._events.popleft()
        if event == INTERRUPT:
            raise KeyboardInterrupt
        if event == SUSPEND:
            self.suspend()
            return self.read_key()
        return event

    def pending(self) -> bool:
        return bool(self._events) or self._readable(0)

    def _fill(self) -> None:
        if self._redraw:
            self._redraw = False
            self._events.append("redraw")
            return
        if self._decoder.waiting:
            wait = _PASTE_WAIT if self._decoder.buffer.startswith(b"\x1b[200~") else _ESC_WAIT
            if not self._readable(wait):
                self._events.extend(self._decoder.flush())
                return
        elif not self._readable(_POLL):
            if self.size != self._last_size:
                self._last_size = self.size
                self._events.append("resize")
            return
        self._events.extend(self._decoder.feed(self._read()))

    def _readable(self, timeout: float) -> bool:
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout)
        except OSError as exc:
            raise HangUp from exc
        return bool(ready)

    def _read(self) -> bytes:
        try:
            data = os.read(self.fd, 65536)
        except OSError as exc:  # EIO: the terminal went away
            raise HangUp from exc
        if not data:
            raise HangUp
        return data


@contextlib.contextmanager
def _signals(terminal: TtyTerminal) -> Iterator[None]:
    """SIGHUP hangs up, SIGTERM interrupts (both save), SIGTSTP and SIGCONT keep raw mode."""

    # Each stops the survey once: a second hang-up (the terminal sends one, the kernel
    # another) must not interrupt the save the first one started.
    def hang_up(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        raise HangUp

    def interrupt(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt

    def stop(signum: int, frame: FrameType | None) -> None:
        terminal.suspend()

    def cont(signum: int, frame: FrameType | None) -> None:
        terminal.resume()

    handlers = {
        signal.SIGHUP: hang_up,
        signal.SIGTERM: interrupt,
        signal.SIGTSTP: stop,
        signal.SIGCONT: cont,
    }
    previous = {sig: signal.signal(sig, handler) for sig, handler in handlers.items()}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
