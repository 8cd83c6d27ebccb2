"""What the survey tests share: a small hostile questionnaire, the CLI in a child process,
and ``Screen``, the survey in a real pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect

TIMEOUT = 20

# Four questions, two departments; every text a file can carry is hostile on purpose:
# Rich markup that must show as brackets, and escapes (clear screen, retitle window,
# bell) that must never reach the terminal or the saved file.
MINI = r"""
format: cxmaturity.questionnaire/1
id: mini
version: "2"
title: "Mini [bold]CX[/bold] check"
description: "A short check.\e[2J It has \e]0;pwned\a four questions."
departments:
  - {id: sales, name: Sales}
  - {id: service, name: "Service [i]desk[/i]"}
dimensions:
  - {id: lead, name: "Leadership [u]and[/u] ownership"}
  - {id: voice, name: Voice of the customer}
questions:
  - id: q1
    dimension: lead
    text: "Who owns [bold]customer[/bold] experience?\e[31m"
    help: "Think about \e]0;pwned\a the board."
    options:
      - "Nobody [red]owns[/red] it."
      - "Some leaders are curious."
      - "A sponsor is named."
      - "A forum runs it monthly."
      - "All leaders share it."
      - "It is how we lead."
  - id: q2
    dimension: lead
    text: How clear is the ambition?
    options: [one a, two a, three a, four a, five a, six a]
  - id: q3
    dimension: voice
    departments: [service]
    text: How is feedback handled?
    options: [one b, two b, three b, four b, five b, six b]
  - id: q4
    dimension: voice
    text: Who hears complaints?
    options: [one c, two c, three c, four c, five c, six c]
"""

ESCAPES = ("\x1b[2J", "\x1b]0;pwned", "\x07", "\x1b[31m")
_ANSI = re.compile(
    r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>]"
)


def write_mini(folder: Path) -> Path:
    path = folder / "mini.yaml"
    path.write_text(MINI.lstrip(), encoding="utf-8")
    return path


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(NO_COLOR="1", TERM="xterm-256color", COLUMNS="80", LINES="24")
    return env


def run_cli(
    *args: str | Path,
    input: str | bytes = b"",
    cwd: Path | None = None,
    close_stdin: bool = False,
) -> subprocess.CompletedProcess[str]:
    """The real program in a child process, with piped (not terminal) standard input.

    ``close_stdin`` closes fd 0 in the child, so ``sys.stdin`` is None: the harshest
    form of "no input".
    """
    done = subprocess.run(
        [sys.executable, "-m", "cxmaturity", *map(str, args)],
        input=None if close_stdin else (input.encode() if isinstance(input, str) else input),
        stdin=subprocess.DEVNULL if close_stdin else None,
        capture_output=True,
        cwd=cwd,
        env=cli_env(),
        timeout=60,
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


class Screen:
    """A pexpect child read as plain text: everything since the last thing waited for."""

    def __init__(
        self,
        cwd: Path,
        *args: str | Path,
        colour: bool = False,
        command: list[str] | None = None,
        **spawn: Any,
    ) -> None:
        # Without COLUMNS and LINES, so the program asks the terminal for its size.
        drop = ("COLUMNS", "LINES", "NO_COLOR") if colour else ("COLUMNS", "LINES")
        argv = command or [sys.executable, "-m", "cxmaturity", "survey", *map(str, args)]
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            cwd=str(cwd),
            env={k: v for k, v in cli_env().items() if k not in drop},
            dimensions=(24, 80),
            encoding="utf-8",
            codec_errors="replace",
            timeout=TIMEOUT,
            **spawn,
        )
        self.raw = ""
        self.seen = 0

    def wait(self, text: str) -> str:
        """Wait until ``text`` appears after what was last waited for; return what came."""
        pattern = re.compile(re.escape(text))
        while True:
            plain = strip_ansi(self.raw)
            found = pattern.search(plain, self.seen)
            if found:
                chunk = plain[self.seen : found.end()]
                self.seen = found.end()
                return chunk
            try:
                self.raw += self.child.read_nonblocking(65536, timeout=TIMEOUT)
            except (pexpect.TIMEOUT, pexpect.EOF) as exc:
                tail = strip_ansi(self.raw)[-1500:]
                raise AssertionError(f"{text!r} never appeared; last output:\n{tail}") from exc

    def send(self, *keys: str) -> None:
        for key in keys:
            self.child.send(key)

    def finish(self) -> int:
        """Read to the end; the exit status (or 128 + signal)."""
        try:
            while True:
                self.raw += self.child.read_nonblocking(65536, timeout=TIMEOUT)
        except pexpect.EOF:
            pass
        self.child.close()
        status = self.child.exitstatus
        return status if status is not None else 128 + self.child.signalstatus

    @property
    def rest(self) -> str:
        return strip_ansi(self.raw)[self.seen :]
