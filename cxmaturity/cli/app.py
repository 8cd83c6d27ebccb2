"""The Typer app and what every command shares: error mapping, options, output.

Heavy modules (pydantic, rich, jinja2, weasyprint) are imported inside the commands so
that ``--version`` and ``--help`` start quickly.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from cxmaturity import __version__
from cxmaturity.cli import messages
from cxmaturity.cli.group import ClickException, OneLineGroup
from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.exitcodes import ExitCode

if TYPE_CHECKING:
    from cxmaturity.core.result import Result
    from cxmaturity.core.stages import Stage
    from cxmaturity.core.targets import Targets

app = typer.Typer(
    name="cxmaturity",
    help="Measure customer-experience maturity against the six Temkin Group stages.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    cls=OneLineGroup,
)

F = TypeVar("F", bound=Callable[..., Any])


def say(message: str, err: bool = True) -> None:
    """Print one informational message (progress, "wrote …"); ``--quiet`` drops it."""
    if not messages.is_quiet():
        messages.line(message, err)


def shout(message: str) -> None:
    """Print an error or a gate failure: even ``--quiet`` keeps these."""
    messages.line(message, True)


def gate_failed(reason: str) -> None:
    """Why a gate fails (``fail: …``): even ``--quiet`` keeps these."""
    messages.gate_failure(reason)


def warn(text: str) -> None:
    """One ``warning: …`` line (and a GitHub annotation in Actions); ``--quiet`` drops it."""
    messages.warning(text)


def fail(message: str, code: ExitCode = ExitCode.INVALID) -> typer.Exit:
    shout(message)
    return typer.Exit(int(code))


def handles_errors(command: F) -> F:
    """Turn the tool's errors into one line each on stderr, and Ctrl-C into exit 130.

    Every command it wraps also gets ``--quiet``; with ``--format json`` an error is
    a ``cxmaturity.error/1`` document on stdout as well.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, quiet: bool = False, **kwargs: Any) -> Any:
        messages.set_quiet(quiet)
        as_json = str(kwargs.get("format", "")) == "json"
        try:
            return command(*args, **kwargs)
        except CxMaturityError as exc:
            messages.report_errors(exc, as_json)
            raise typer.Exit(int(ExitCode.INVALID)) from None
        except ClickException as exc:
            if not as_json:
                raise
            messages.report_errors(CxMaturityError(exc.format_message()), as_json)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            raise fail("interrupted", ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # The reader went away (`| head`): nothing left to tell anyone.
            _silence_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as exc:
            # The last guard: the system refused a read or write the core did not foresee.
            where = exc.filename if exc.filename else None
            error = CxMaturityError(str(exc.strerror or exc), where)
            messages.report_errors(error, as_json)
            raise typer.Exit(int(ExitCode.INVALID)) from None

    messages.add_quiet_option(wrapper, command)
    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    # Python would otherwise report the broken pipe again when it flushes at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cxmaturity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Measure customer-experience maturity against the six Temkin Group stages."""


def stage_option(value: str | None) -> Stage | None:
    if value is None:
        return None
    from cxmaturity.core.stages import STAGE_KEYS, parse_stage

    stage = parse_stage(value)
    if stage is None:
        raise typer.BadParameter(f"{value!r} is not a stage: use 1-6 or {', '.join(STAGE_KEYS)}")
    return stage


QuestionnaireOpt = Annotated[
    str | None,
    typer.Option(
        "-q",
        "--questionnaire",
        help="Questionnaire file, or the id of a bundled one. Default: the one the answers name.",
    ),
]
AskedQuestionnaireOpt = Annotated[
    str,
    typer.Option("-q", "--questionnaire", help="Questionnaire file, or the id of a bundled one."),
]
"""The questionnaire the survey and the workshop ask (there are no answers yet to name it)."""
PathsArg = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH", help="Answer files, or folders of them (*.yaml, *.yml, *.json)."
    ),
]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language people read: en, de, fr or es (names, headings, stage names, numbers).",
    ),
]
TargetOpt = Annotated[
    str | None,
    typer.Option("--target", help="Target stage for every department and dimension (1-6 or name)."),
]
TargetsFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets", help="A cxmaturity.targets/1 file: targets per department and dimension."
    ),
]

RawOpt = Annotated[
    bool,
    typer.Option(
        "--raw", help="Score the answers as given, without the consensus round's agreed stages."
    ),
]
OutOpt = Annotated[Path | None, typer.Option("-o", "--out", help="Write here instead of stdout.")]


def build_targets(target: str | None, targets_file: Path | None) -> Targets | None:
    from cxmaturity.usecases.targets import chosen_targets

    return chosen_targets(stage_option(target), targets_file)


def guard_output(
    out: Path | None,
    inputs: Sequence[Path | str | None],
    deep: Sequence[Path | None] = (),
    format: str | None = None,
) -> None:
    """Refuse an output that breaks the output rule, before any work is done.

    ``inputs`` are what the command reads: paths, folders, and questionnaire references
    (a bundled id that names no file is no file to protect). ``format`` is the output
    format chosen, whose file names ``out`` must not contradict.
    """
    if out is None:
        return
    from cxmaturity.usecases.outputs import guard

    guard([out], inputs, deep, format)


def emit(text: str | bytes, out: Path | None) -> None:
    """Data goes to stdout (no ``out``, or ``-o -``), or atomically to ``out``."""
    from cxmaturity.usecases.outputs import deliver

    if deliver(text, out):
        say(f"wrote {out}")


def print_warnings(result: Result) -> None:
    for warning in result.warnings:
        warn(warning)


def unwrap_help() -> None:
    """Join the docstrings' hard-wrapped lines into paragraphs.

    Typer 0.29 keeps single line breaks in a command's help, so a docstring wrapped at 95
    columns shows as ragged lines in an 80-column terminal; rich re-wraps a paragraph to the
    terminal's width by itself.
    """
    for info in app.registered_commands:
        doc = inspect.getdoc(info.callback) if info.help is None and info.callback else None
        if doc:
            info.help = "\n\n".join(" ".join(p.split()) for p in doc.split("\n\n"))


def main() -> None:
    """Console-script entry point, and the one place that tunes the process (see
    ``cli.process``): the user's cache folder for the renderers, a helper process for a
    large batch when a core is free, fewer collections for a command that ends when its
    work is done, and for one that lays out a PDF a quick exit once it succeeded."""
    from cxmaturity.cli import process
    from cxmaturity.formats.batch import lend_cores
    from cxmaturity.render.cache import RenderCache, lend

    lend(RenderCache.of_user())
    lend_cores(process.a_core_is_free)
    name = process.command(sys.argv[1:])
    makes_pdf = name in process.PDF_COMMANDS
    if name not in process.LONG_RUNNING:
        process.collect_less()
    try:
        app()
    except SystemExit as done:
        # Only when no other thread runs: one might still be writing.
        if makes_pdf and done.code == 0 and threading.active_count() == 1:
            process.end_now(0)
        raise
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(int(ExitCode.INTERRUPTED))
