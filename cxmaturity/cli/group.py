"""The command group: usage errors as one ``error:`` line, and flags shown as flags.

Typer draws a usage error in a Rich box over several lines; a CI log and a person at a
terminal both read the one line every other error uses, with exit 2 as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup, TyperOption

try:  # Typer 0.29 on carries its own copy of Click, whose classes these are
    from typer._click import Context, Parameter
    from typer._click.exceptions import ClickException, UsageError
except ImportError:  # pragma: no cover - older Typer runs on Click itself
    from click import (  # type: ignore[assignment]
        ClickException,
        Context,
        Parameter,
        UsageError,
    )

from cxmaturity.core.cleaning import clean_text

__all__ = ["ClickException", "OneLineGroup"]


class OneLineGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._argv: list[str] = []
        for command in self.commands.values():
            _flags_as_flags(command.params)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Context | None = None,
        **extra: Any,
    ) -> Context:
        self._argv = list(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as exc:
            raise _one_line(exc, self._argv) from None

    def get_params(self, ctx: Context) -> list[Parameter]:
        # The root's own flags, --help and the shell-completion ones included.
        params: list[Parameter] = super().get_params(ctx)
        _flags_as_flags(params)
        return params

    def invoke(self, ctx: Context) -> Any:
        # Each command makes its --help option on first use: made here, it shows as a flag.
        for command in self.commands.values():
            help_option = command.get_help_option(ctx)
            _flags_as_flags([help_option] if help_option is not None else [])
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise _one_line(exc, self._argv) from None


def _one_line(exc: UsageError, argv: Sequence[str]) -> UsageError | typer.Exit:
    if type(exc).__name__ == "NoArgsIsHelpError":
        return exc  # `cxmaturity` alone shows the help, as before
    message = " ".join(exc.format_message().split())
    hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
    typer.echo(clean_text(f"error: {message}{hint}"), err=True)
    if _asks_for_json(argv):
        # A CI job that asked for JSON parses the failure too, even one the parser found.
        from cxmaturity.core.errors import UsageError as CxUsageError
        from cxmaturity.usecases.documents import error_document

        typer.echo(error_document([CxUsageError(message)]))
    return typer.Exit(exc.exit_code)


def _asks_for_json(argv: Sequence[str]) -> bool:
    pairs = zip(argv, [*argv[1:], ""], strict=True)
    return "--format=json" in argv or any(
        flag in ("--format", "-f") and value == "json" for flag, value in pairs
    )


def _flags_as_flags(params: Sequence[Parameter]) -> None:
    # Typer labels an on/off flag `<bool>`, which reads as if it wanted a value
    # (`--fail-under-target true` then takes `true` for a file).
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""
