"""Every PDF is a tagged PDF/UA-1 (issue 25): a screen reader gets the structure, the
language, the headings as bookmarks, tables with their headers and each chart in words.

Read back with pikepdf from real PDFs written through the CLI. veraPDF is not packaged by
Debian, so the PDF/UA rules are checked here as far as a reader of the structure can.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from conftest import run_cli

pytestmark = pytest.mark.pdf


@pytest.fixture
def demo(demo_output: Path) -> Path:
    """The demo's answers and both packs (53 respondents), rendered once per test run."""
    return demo_output


@pytest.fixture(scope="module")
def printable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paper") / "questionnaire.pdf"
    result = run_cli("export", "-q", "cx-core", "--format", "pdf", "-o", out, "--lang", "de")
    assert result.exit_code == 0, result.stderr
    return out


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under ``node``, in reading order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


@dataclass(frozen=True)
class Tag:
    kind: str
    alt: str
    headers: int
    """How many header cells a table cell is linked to."""


def _tags(path: Path) -> list[Tag]:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        return [
            Tag(str(e.S), str(e.get("/Alt", "")), len(e.A.get("/Headers", [])) if "/A" in e else 0)
            for e in _elements(root.StructTreeRoot)
        ]


def _kinds(elements: list[Tag]) -> list[str]:
    return [element.kind for element in elements]


def _ua(path: Path) -> tuple[str, str, list[str]]:
    """(language, the PDF/UA part in the XMP metadata, the bookmarks' titles)."""
    with pikepdf.open(path) as pdf:
        with pdf.open_metadata() as meta:
            part = meta.get("{http://www.aiim.org/pdfua/ns/id/}part", "")
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        return str(pdf.Root.Lang), part, titles


@pytest.mark.parametrize("pack", ["board-pack.pdf", "workshop-pack.pdf"])
def test_packs_are_tagged_pdf_ua(demo: Path, pack: str) -> None:
    elements = _tags(demo / pack)
    kinds = _kinds(elements)
    assert kinds[0] == "/Document"
    for kind in ("/H1", "/H2", "/Table", "/THead", "/TH", "/TD", "/L", "/LI", "/P", "/Figure"):
        assert kind in kinds, kind
    # The reading order starts where the page does: the cover's organisation name.
    assert kinds.index("/H1") < kinds.index("/Table")
    language, part, bookmarks = _ua(demo / pack)
    assert (language, part) == ("en", "1")
    assert "Harbourside Energy" in bookmarks[0]
    assert len(bookmarks) >= 5


@pytest.mark.parametrize("pack", ["board-pack.pdf", "workshop-pack.pdf"])
def test_every_figure_has_its_figures_in_words(demo: Path, pack: str) -> None:
    figures = [e for e in _tags(demo / pack) if e.kind == "/Figure"]
    assert figures
    assert all(figure.alt.strip() for figure in figures)


def test_the_board_charts_say_their_scores(demo: Path) -> None:
    alts = [e.alt for e in _tags(demo / "board-pack.pdf") if e.kind == "/Figure"]
    bars = next(alt for alt in alts if "95% interval" in alt and ":" in alt and "Target" in alt)
    # One entry per department: name, score, stage, interval and target.
    assert "Marketing: 2.94, 2 Explore (95% interval 2.53–3.34); Target 4 Operationalise" in bars
    spread = next(alt for alt in alts if "Owners" in alt and "Everyone else" in alt and "–" in alt)
    assert spread.startswith("Leadership and governance: ")


def test_the_workshop_radar_says_each_dimension(demo: Path) -> None:
    alts = [e.alt for e in _tags(demo / "workshop-pack.pdf") if e.kind == "/Figure"]
    radar = next(alt for alt in alts if alt.startswith("Marketing: "))
    assert radar.count(";") >= 9  # ten dimensions, each with its score and stage
    assert "Operationalise" in radar


def test_row_and_column_headers_are_linked_to_cells(demo: Path) -> None:
    elements = _tags(demo / "board-pack.pdf")
    linked = [e for e in elements if e.kind == "/TD" and e.headers >= 2]
    # Heatmap cells name both their department (row) and their dimension (column).
    assert len(linked) >= 40


def test_printable_questionnaire_is_tagged_in_its_language(printable: Path) -> None:
    kinds = _kinds(_tags(printable))
    assert {"/H1", "/H2", "/L", "/LI"} <= set(kinds)
    language, part, bookmarks = _ua(printable)
    assert (language, part) == ("de", "1")
    assert bookmarks
