"""An output's file name never contradicts its format: ``-o scores.xlsx`` with JSON, or
``-o template.csv`` for a workbook, is refused in one line with exit 2 and nothing
written, since the file would open as nothing in the program its name promises."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES, run_cli

ANSWERS = sorted(SAMPLES.glob("*.yaml"))


def _command(name: str, out: Path, fmt: str) -> list[str | Path]:
    given: dict[str, list[str | Path]] = {
        "score": ["score", *ANSWERS],
        "plan": ["plan", *ANSWERS],
        "explain": ["explain", *ANSWERS, "--department", "marketing"],
        "compare": ["compare", SAMPLES, SAMPLES],
        "export": ["export", "-q", "cx-core@2.1"],
        "report": ["report", *ANSWERS],
    }
    return [*given[name], "--format", fmt, "--out", out]


@pytest.mark.parametrize(
    ("command", "fmt", "name", "owner"),
    [
        ("score", "json", "scores.xlsx", "xlsx"),
        ("score", "xlsx", "scores.json", "json"),
        ("score", "csv", "scores.md", "markdown"),
        ("plan", "json", "plan.csv", "csv"),
        ("explain", "json", "why.markdown", "markdown"),
        ("compare", "csv", "changes.json", "json"),
        ("export", "csv", "template.xlsx", "xlsx"),
        ("export", "xlsx", "template.csv", "csv"),
        ("export", "markdown", "copy.PDF", "pdf"),
        ("report", "pptx", "board.pdf", "pdf"),
    ],
)
def test_a_name_of_another_format_is_refused(
    tmp_path: Path, command: str, fmt: str, name: str, owner: str
) -> None:
    out = tmp_path / name
    result = run_cli(*_command(command, out, fmt))
    assert result.exit_code == 2, result.stderr
    suffix = Path(name).suffix.lower()
    assert result.stderr == (
        f"error: --out {name} names a {suffix} file but --format is {fmt}: "
        f"add --format {owner}, or name the file {Path(name).stem}{'.md' if fmt == 'markdown' else '.' + fmt}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("command", "fmt", "name"),
    [
        ("score", "json", "scores.json"),
        ("score", "table", "scores.txt"),
        ("score", "markdown", "scores.markdown"),
        ("plan", "csv", "plan"),
        ("export", "csv", "TEMPLATE.CSV"),
    ],
)
def test_a_name_that_fits_or_names_no_format_is_written(
    tmp_path: Path, command: str, fmt: str, name: str
) -> None:
    out = tmp_path / name
    result = run_cli(*_command(command, out, fmt))
    assert result.exit_code == 0, result.stderr
    assert out.stat().st_size > 0
