"""Bytes from a terminal into key events, in the order they were typed.

Pure: the terminal hands in whatever ``read`` returned (one key or a whole pasted page)
and takes out events. A bracketed paste (``ESC[200~ … ESC[201~``) comes out whole as one
``Paste``, so none of its characters can act as a key; Ctrl-C and Ctrl-Z come out as
events at their place in the stream, so nothing typed before them is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

PASTE_START = b"\x1b[200~"
PASTE_END = b"\x1b[201~"
INTERRUPT = "ctrl-c"
SUSPEND = "ctrl-z"

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
    "[Z": "shift-tab",
}
_SINGLE = {
    "\r": "enter",
    "\n": "newline",  # Ctrl-J: Enter arrives as \r because ICRNL is off
    "\t": "tab",
    "\x7f": "backspace",
    "\x08": "backspace",
    "\x04": "ctrl-d",
    "\x03": INTERRUPT,
    "\x1a": SUSPEND,
}
_MAX_SEQUENCE = 32


@dataclass(frozen=True)
class Paste:
    """Text the terminal marked as pasted: never keys, whatever it holds."""

    text: str


Event = str | Paste


class Decoder:
    def __init__(self) -> None:
        self.buffer = b""

    def feed(self, data: bytes) -> list[Event]:
        """Every whole event in what has arrived so far; a partial one waits for more."""
        self.buffer += data
        events: list[Event] = []
        while self.buffer:
            event, used = _next(self.buffer)
            if used == 0:
                break
            self.buffer = self.buffer[used:]
            if event:
                events.append(event)
        return events

    def flush(self) -> list[Event]:
        """No more bytes are coming soon: a lone ESC is the Esc key, a cut paste is text."""
        if not self.buffer:
            return []
        if self.buffer.startswith(PASTE_START):
            text = _pasted(self.buffer[len(PASTE_START) :])
            self.buffer = b""
            return [Paste(text)] if text else []
        data, self.buffer = self.buffer, b""
        if data[0] != 0x1B:
            return []  # half a UTF-8 character: nothing to show
        return ["escape", *self.feed(data[1:])]

    @property
    def waiting(self) -> bool:
        """Part of an event (an escape sequence, a paste) is still to come."""
        return bool(self.buffer)


def _next(buffer: bytes) -> tuple[Event, int]:
    """The first event in ``buffer`` and the bytes it used; 0 bytes when it is incomplete."""
    first = buffer[0]
    if first == 0x1B:
        return _escape(buffer)
    if first >= 0x80:
        return _utf8(buffer)
    char = chr(first)
    if char in _SINGLE:
        return _SINGLE[char], 1
    return (char if char.isprintable() else ""), 1


def _escape(buffer: bytes) -> tuple[Event, int]:
    if buffer.startswith(PASTE_START):
        end = buffer.find(PASTE_END, len(PASTE_START))
        if end < 0:
            return "", 0
        return Paste(_pasted(buffer[len(PASTE_START) : end])), end + len(PASTE_END)
    if PASTE_START.startswith(buffer) and len(buffer) < len(PASTE_START):
        return "", 0
    if len(buffer) < 2:
        return "", 0
    kind = chr(buffer[1])
    if kind == "O":  # SS3: one more character names the key
        if len(buffer) < 3:
            return "", 0
        return _SEQUENCES.get(buffer[1:3].decode("latin-1"), ""), 3
    if kind != "[":
        # ESC then a plain key: Alt+key in most terminals; the Esc key, then the key.
        return "escape", 1
    # CSI: parameter and intermediate bytes, then one final byte. Unknown ones are
    # dropped whole, so none of their characters is ever typed as text.
    for end in range(2, min(len(buffer), _MAX_SEQUENCE)):
        if 0x40 <= buffer[end] <= 0x7E:
            return _SEQUENCES.get(buffer[1 : end + 1].decode("latin-1"), ""), end + 1
        if not 0x20 <= buffer[end] <= 0x3F:
            return "", end  # broken: drop what came so far
    return ("", 0) if len(buffer) < _MAX_SEQUENCE else ("", _MAX_SEQUENCE)


def _utf8(buffer: bytes) -> tuple[Event, int]:
    lead = buffer[0]
    size = 1 + (lead >= 0xC0) + (lead >= 0xE0) + (lead >= 0xF0)
    if len(buffer) < size:
        return "", 0
    char = buffer[:size].decode("utf-8", errors="replace")
    return (char if char.isprintable() and char != "\ufffd" else ""), size


def _pasted(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    # Terminals send pasted line ends as CR; the comment keeps them as new lines.
    return text.replace("\r\n", "\n").replace("\r", "\n")
