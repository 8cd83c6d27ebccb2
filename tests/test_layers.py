"""The layers hold, and a planted import across them fails the lint (so the contracts can fail)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "cxmaturity", tmp_path / "cxmaturity", symlinks=True)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _lint_imports(where: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "lint-imports"), "--config", "pyproject.toml", "--no-cache"],
        cwd=where,
        env={**os.environ, "PYTHONPATH": str(where)},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_layers_hold(tmp_path: Path) -> None:
    result = _lint_imports(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "planted", "broken"),
    [
        ("core/gate.py", "import yaml", "cxmaturity.core.gate -> yaml"),
        (
            "core/scoring.py",
            "import cxmaturity.formats.loading",
            "cxmaturity.core.scoring -> cxmaturity.formats.loading",
        ),
        ("core/model.py", "import rich", "cxmaturity.core.model -> rich"),
        # The core returns structured results; only words/ writes them as sentences.
        (
            "core/findings.py",
            "import cxmaturity.words.language",
            "cxmaturity.core.findings -> cxmaturity.words.language",
        ),
        (
            "core/comparison.py",
            "from cxmaturity.words.findings import place",
            "cxmaturity.core.comparison -> cxmaturity.words.findings",
        ),
        # The two front ends share what they need through the layers below, never each other.
        (
            "web/state.py",
            "import cxmaturity.survey.session",
            "cxmaturity.web.state -> cxmaturity.survey.session",
        ),
        (
            "survey/walk.py",
            "import cxmaturity.web.state",
            "cxmaturity.survey.walk -> cxmaturity.web.state",
        ),
        # Words are below the formats and the renderers, above the core.
        (
            "words/findings.py",
            "import cxmaturity.formats.loading",
            "cxmaturity.words.findings -> cxmaturity.formats.loading",
        ),
        (
            "formats/plan.py",
            "import cxmaturity.render.text",
            "cxmaturity.formats.plan -> cxmaturity.render.text",
        ),
        ("render/scores.py", "import jinja2", "Only render.html"),
        ("render/text.py", "import weasyprint", "Only render.pdf imports WeasyPrint"),
        ("render/comparison.py", "import cxmaturity.formats.loading", "read no files"),
        ("render/plan.py", "import cxmaturity.formats.outputs", "Renderers return text"),
        ("render/html.py", "import cxmaturity.formats.atomic", "Renderers return text"),
        (
            "formats/scores.py",
            "import cxmaturity.usecases.assessment",
            "cxmaturity.formats.scores -> cxmaturity.usecases.assessment",
        ),
        (
            "usecases/reporting.py",
            "import cxmaturity.cli.app",
            "cxmaturity.usecases.reporting -> cxmaturity.cli.app",
        ),
        # The front ends go through the use cases, never to a file format themselves.
        (
            "cli/plan.py",
            "import cxmaturity.formats.outputs",
            "cxmaturity.cli.plan -> cxmaturity.formats.outputs",
        ),
        (
            "web/figures.py",
            "import cxmaturity.formats.loading",
            "cxmaturity.web.figures -> cxmaturity.formats.loading",
        ),
    ],
)
def test_an_import_across_the_layers_breaks_a_contract(
    tmp_path: Path, module: str, planted: str, broken: str
) -> None:
    where = _copy(tmp_path)
    with (where / "cxmaturity" / module).open("a") as f:
        f.write(f"\n{planted}  # planted by the test\n")
    result = _lint_imports(where)
    assert result.returncode != 0
    assert broken in result.stdout, result.stdout


def test_the_core_writes_no_prose(tmp_path: Path) -> None:
    """Importing the wording layer from the core breaks the contract that says so."""
    where = _copy(tmp_path)
    with (where / "cxmaturity" / "core" / "headline.py").open("a") as f:
        f.write("\nfrom cxmaturity.words.language import language  # planted by the test\n")
    result = _lint_imports(where)
    assert result.returncode != 0
    assert "The core writes no prose: it imports nothing from the words layer BROKEN" in (
        result.stdout
    ), result.stdout


@pytest.mark.parametrize(
    ("module", "planted"),
    [("render/numbers.py", "import jinja2"), ("render/markdown.py", "import rich")],
)
def test_ruff_bans_the_library_outside_its_files(tmp_path: Path, module: str, planted: str) -> None:
    where = _copy(tmp_path)
    with (where / "cxmaturity" / module).open("a") as f:
        f.write(f"\n{planted}  # noqa: F401\n")
    result = subprocess.run(
        [str(BIN / "ruff"), "check", "--select", "TID251", f"cxmaturity/{module}"],
        cwd=where,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert "TID251" in result.stdout
