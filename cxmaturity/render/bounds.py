"""Limits on what a template may make: text size, output size and time.

A ``--template`` folder is data from someone else. Jinja's sandbox keeps it away from
Python's internals, but ``{{ "x" * 2000000000 }}`` or ``{{ "x"|center(1000000000) }}``
are plain text operations that would run for minutes and write a gigabyte. Every
operation that can make text much longer than its inputs is checked here *before* it
runs; the output is counted as it streams; and the whole render has a deadline. This
module knows nothing of Jinja: ``render.html`` calls it from its sandbox's hooks.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any

from cxmaturity.core.errors import CxMaturityError, InvalidFileError

MAX_TEXT = 10_000_000
"""Characters one value may have; a board pack's whole HTML is about a megabyte."""
MAX_OUTPUT = 64 * 1024 * 1024
"""Characters one rendered template may have."""
MAX_SECONDS = 60.0
"""Wall time one render may take; the bundled packs take well under a second."""
MAX_WIDTH = 100_000
"""The largest width, count or padding a template may ask a text operation for."""
MAX_POWER_BITS = 100_000

_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_BRACE_FIELD = re.compile(r"\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class TemplateLimit(CxMaturityError):
    """A template asked for more text, output or time than a report may take."""


def checked_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**`` and ``%`` whose result would be too large, before computing it."""
    if operator == "*":
        _check_repeat(left, right)
        _check_repeat(right, left)
    elif operator == "**" and _is_int(left) and _is_int(right):
        if right > 0 and abs(left) > 1 and abs(left).bit_length() * right > MAX_POWER_BITS:
            raise TemplateLimit(f"{left} ** {right} is too large a number")
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_repeat(sequence: Any, count: Any) -> None:
    sized = isinstance(sequence, str | bytes | list | tuple) and _is_int(count)
    if sized and len(sequence) * count > MAX_TEXT:
        raise TemplateLimit(f"repeating a text {count:,} times makes it too long")


def check_percent_format(text: str) -> None:
    """``"%0999999999d" % 1`` pads to a gigabyte; widths past MAX_WIDTH are refused."""
    for match in _PERCENT_FIELD.finditer(text):
        for size in match.groups():
            if size == "*" or (size and int(size) > MAX_WIDTH):
                raise TemplateLimit(f"a format width of {size} is too large")


def check_brace_format(text: str) -> None:
    """``"{:>999999999}".format(1)``: the same limit for ``str.format`` fields."""
    for match in _BRACE_FIELD.finditer(text):
        if int(match.group(1)) > MAX_WIDTH:
            raise TemplateLimit(f"a format width of {match.group(1)} is too large")


def checked_call(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a str method call whose result would be too large (``center``, ``replace``...)."""
    # Jinja's sandbox hands out str.format wrapped (to format safely); look through it.
    function = getattr(function, "__wrapped__", function)
    owner = getattr(function, "__self__", None)
    name = getattr(function, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in _WIDTH_METHODS:
        check_sizes(name, args, kwargs)
        if name == "expandtabs":
            size = int(args[0]) if args and _is_int(args[0]) else 8
            if owner.count("\t") * size > MAX_TEXT:
                raise TemplateLimit("expanding the tabs makes the text too long")
    elif name == "replace" and len(args) >= 2:
        check_replace(owner, args[0], args[1])
    elif name in {"format", "format_map"}:
        check_brace_format(owner)


def check_sizes(name: str, args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    """Refuse a width, count or padding past MAX_WIDTH given to ``name``."""
    for value in [*args, *kwargs.values()]:
        if _is_int(value) and abs(value) > MAX_WIDTH:
            raise TemplateLimit(f"{name}({value}) asks for too large a width or count")


def check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = len(text) + 1 if old == "" else text.count(old)
        if len(text) + count * len(new) > MAX_TEXT:
            raise TemplateLimit("the replacement makes the text too long")


def check_result(value: Any) -> Any:
    """A value a call returned: refused when it is already too long to go further."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise TemplateLimit(f"a text of {len(value):,} characters is too long")
    return value


def bounded_output(chunks: Iterable[str], seconds: float | None = None) -> str:
    """Join a render's chunks, counting the output and watching the clock as they come."""
    seconds = MAX_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    total = 0
    with _alarm(seconds):
        for chunk in chunks:
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise TemplateLimit(f"the output passed {MAX_OUTPUT:,} characters")
            if time.monotonic() > deadline:
                raise TemplateLimit(f"rendering took more than {seconds:g} seconds")
            parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    # A loop that writes nothing never reaches the check above; in the main thread a
    # timer interrupts it. (Elsewhere there are no signals, and the checks above remain.)
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TemplateLimit(f"rendering took more than {seconds:g} seconds")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def said(exc: BaseException) -> str:
    """A template's own mistake (1/0, "%d" % "x", a macro calling itself) in a few words."""
    if isinstance(exc, RecursionError):
        return "a macro or include calls itself without end"
    return f"{type(exc).__name__}: {exc}"[:300]


def template_error(message: str, exc: BaseException, name: str) -> InvalidFileError:
    """The error at the template line the traceback (as Jinja rewrites it) ends in."""
    where, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            where, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    if where == "<template>":
        where = f"bundled template {name}"
    return InvalidFileError(message, where, line)
