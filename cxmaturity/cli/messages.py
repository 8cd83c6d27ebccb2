"""How the CLI speaks to people and to CI: one line per message, ``--quiet``, GitHub
annotations and ``cxmaturity.error/1`` documents.

Only this module decides whether a line is printed; the commands say what happened.
"""

from __future__ import annotations

import contextlib
import inspect
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.errors import CxMaturityError, ManyErrors

MAX_SHOWN = 100
"""At most this many errors are printed, one a line; the last line counts the rest."""

_quiet = False

QuietOpt = Annotated[
    bool,
    typer.Option("--quiet", help="Print errors only: no warnings, progress or 'wrote' lines."),
]


def set_quiet(value: bool) -> None:
    global _quiet
    _quiet = value


def is_quiet() -> bool:
    return _quiet


def line(message: str, err: bool = True) -> None:
    """Print one message; file names and text in it may carry escapes, which are dropped."""
    typer.echo(clean_text(message), err=err)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def warning(text: str) -> None:
    if _quiet:
        return
    line(f"warning: {text}")
    if in_github_actions():
        path, message = _split_path(text)
        line(annotation("warning", message, path))


def gate_failure(reason: str) -> None:
    """A ``fail: …`` line (exit 1 follows); in Actions, an error annotation as well."""
    line(f"fail: {reason}")
    if in_github_actions():
        line(annotation("error", reason))


def _split_path(text: str) -> tuple[str | None, str]:
    # Warnings name their file first ("answers/a.yaml: …"): the annotation points at it.
    head, sep, rest = text.partition(": ")
    if sep and Path(head).is_file():
        return head, rest
    return None, text


def flatten(exc: CxMaturityError) -> list[CxMaturityError]:
    """Every single error: several files, each with several problems, one a line."""
    if not isinstance(exc, ManyErrors):
        return [exc]
    return [single for error in exc.errors for single in flatten(error)]


def report_errors(exc: CxMaturityError, as_json: bool) -> None:
    """Every error, one line each (capped), as annotations in Actions, as JSON if asked."""
    errors = flatten(exc)
    shown = errors[:MAX_SHOWN]
    for error in shown:
        for text in str(error).splitlines():
            line(f"error: {text}")
        if in_github_actions():
            line(annotation("error", error.message, error.path, error.line, error.column))
    if len(errors) > len(shown):
        line(f"error: … and {len(errors) - len(shown)} more (the first {MAX_SHOWN} are shown)")
    if as_json:
        # When stdout itself is what failed (a full disk), the lines above said so.
        from cxmaturity.usecases.documents import error_document

        with contextlib.suppress(OSError):
            typer.echo(error_document(errors))


def annotation(
    kind: str,
    message: str,
    path: str | None = None,
    line_no: int | None = None,
    column: int | None = None,
) -> str:
    """A GitHub Actions workflow command that shows ``message`` on the file's line."""
    props = [("file", path), ("line", line_no), ("col", column)]
    shown = ",".join(f"{key}={_escape_property(str(v))}" for key, v in props if v is not None)
    return f"::{kind}{' ' + shown if shown else ''}::{_escape_data(clean_text(message))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return re.sub(r"[:,]", lambda m: "%3A" if m.group() == ":" else "%2C", _escape_data(text))


def add_quiet_option(wrapper: Callable[..., Any], command: Callable[..., Any]) -> None:
    """Give a command's wrapper the command's own parameters plus ``--quiet``.

    Typer reads a command's options from its signature, so the one decorator every
    command wears adds the option to all of them.
    """
    signature = inspect.signature(command, eval_str=True)
    quiet = inspect.Parameter(
        "quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=QuietOpt
    )
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), quiet]
    )
    wrapper.__annotations__ = {**command.__annotations__, "quiet": QuietOpt}
