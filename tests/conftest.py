"""Shared fixtures: run the real CLI and write small inline files."""

from __future__ import annotations

import fcntl
import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cxmaturity.cli import app
from tests.workshop_server import Server, start, write_questionnaire

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "questionnaires" / "samples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes = b""
    """What was written, before Click's test runner turns \r\n into \n."""


def run_cli(*args: str | Path, input: str | None = None) -> Run:
    result = CliRunner().invoke(app, [str(a) for a in args], input=input)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr, result.stdout_bytes)


@pytest.fixture
def cli() -> Callable[..., Run]:
    return run_cli


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`cxmaturity demo` run once for the whole test run, shared read-only by every test.

    Under pytest-xdist each worker has its own base folder; their common parent holds the one
    copy, and a lock makes the first worker render it while the others wait (the pattern
    xdist's documentation gives for session fixtures). Rendering both packs is the costliest
    thing the suite does, so it is done once, not once per module or per worker.
    """
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = root / "shared-demo"
    done = root / "shared-demo.done"
    with (root / "shared-demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            result = run_cli("demo", "--out", out)
            assert result.exit_code == 0, result.stderr
            done.write_text(result.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def demo_stdout(demo_output: Path) -> str:
    """What the shared demo run printed."""
    return (demo_output.parent / "shared-demo.done").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small workshop questionnaire the live-server tests share."""
    return write_questionnaire(tmp_path_factory.mktemp("q"))


@pytest.fixture
def server(tmp_path: Path, questionnaire: Path) -> Iterator[Server]:
    """A real workshop server on loopback, stopped after the test."""
    running = start(tmp_path / "answers", questionnaire)
    yield running
    running.stop()
