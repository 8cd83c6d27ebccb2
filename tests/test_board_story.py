"""The board pack as a board reads it (issue 22): confidence, headline, decisions, roadmap,
the "so what" page and its language, read back from the demo's PDFs with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from pypdf import PdfReader

from cxmaturity.demo import load_demo, write_answers
from cxmaturity.formats.loading import load_questionnaire

pytestmark = pytest.mark.pdf


def pages_of(pdf: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's folder: answers, scores.json and its board pack (English)."""
    root = tmp_path_factory.mktemp("demo") / "out"
    result = run_cli("demo", "--out", root)
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def board(demo: Path) -> list[str]:
    return pages_of(demo / "board-pack.pdf")


@pytest.fixture(scope="module")
def with_baseline(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("baseline")
    write_answers(load_questionnaire("cx-core"), root / "before", load_demo().seed + 7, 4)
    out = root / "board.pdf"
    result = run_cli(
        "report", demo / "answers", "--baseline", root / "before", "-o", out, "--org", "Acme"
    )
    assert result.exit_code == 0, result.stderr
    return pages_of(out)


def test_board_pages_speak_no_formula(board: list[str], with_baseline: list[str]) -> None:
    for text in (*board, *with_baseline):
        assert "√" not in text and "s/" not in text


def test_the_summary_says_what_the_board_can_rely_on(board: list[str]) -> None:
    summary = next(page for page in board if page.startswith("Summary"))
    assert "What the board can rely on:" in summary
    assert "too uncertain to place in a stage" in summary


def test_wide_cells_read_uncertain_not_a_stage(board: list[str]) -> None:
    heatmap = next(page for page in board if page.startswith("Heatmap"))
    assert "uncertain" in heatmap
    # ≈ is kept for the few cells whose range straddles their target, not most of them.
    assert heatmap.count("≈") < 15


def test_changes_carry_an_interval(with_baseline: list[str]) -> None:
    progress = " ".join(page for page in with_baseline if "Progress since" in page)
    assert " to " in progress
