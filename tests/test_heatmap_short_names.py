"""The board heatmap's column headers and cells in a narrow layout (issue 22, item 6).

A dimension's ``short_name`` from the questionnaire (or its translation) heads its
column, whole, and the full names are listed under the heatmap; a questionnaire without
short names keeps the full names, hyphenated. A stage name inside a cell is never
hyphenated. Read back from the German board pack's PDF with pypdf.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run, run_cli
from pypdf import PdfReader

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers

QUESTIONNAIRES = REPO / "questionnaires"
HYPHENS = "-\u2010\u00ad"
"""A hyphen as the PDF's text holds it: ASCII, U+2010 (WeasyPrint's) or a soft hyphen."""


def heatmap_page(pdf: Path) -> str:
    texts = [page.extract_text() or "" for page in PdfReader(pdf).pages]
    return next(text for text in texts if text.startswith("Heatmap"))


def board(questionnaire: str, folder: Path) -> str:
    answers = folder / "answers"
    write_answers(load_questionnaire(questionnaire), answers, load_demo().seed, 4)
    out = folder / "board.pdf"
    run = run_cli("report", answers, "-o", out, "--lang", "de")
    assert run.exit_code == 0, run.stderr
    return heatmap_page(out)


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> str:
    return board("cx-core@2.1", tmp_path_factory.mktemp("short"))


@pytest.mark.pdf
def test_german_headers_are_the_short_names_whole(german: str) -> None:
    header = german.split("Bereich", 1)[1].split("Geschäftsleitung", 1)[0]
    for short in ("Führung", "Kundenstimme", "Mitarbeitende", "Beschwerden", "Kundenreisen"):
        assert re.search(rf"(?<!\w){short}(?!\w)", header), (short, header)
    # No dimension name broken mid-word over its column (issue 22).
    assert not re.search(rf"Mitarbeite[{HYPHENS}]", german)
    assert not re.search(rf"Beschwer[{HYPHENS}]", german)
    # Every full name stays readable, in the key under the heatmap.
    flat = " ".join(german.split())
    assert "Mitarbeitende: Mitarbeitererlebnis und Kultur" in flat
    assert "Beschwerden: Beschwerdemanagement und Kundenbetreuung" in flat


@pytest.mark.pdf
def test_stage_names_in_cells_are_never_hyphenated(german: str) -> None:
    assert "Operationalisieren" in german
    assert not re.search(rf"Operationalisie[{HYPHENS}]", german)
    assert not re.search(r"Operationalisie\s", german)


@pytest.mark.pdf
def test_a_questionnaire_without_short_names_keeps_its_full_names(tmp_path: Path) -> None:
    assert not any(d.short_name for d in load_questionnaire("cx-core@2.0").model.dimensions)
    page = board("cx-core@2.0", tmp_path)
    header = " ".join(page.split("Bereich", 1)[1].split("Geschäftsleitung", 1)[0].split())
    assert "Stimme des Kunden" in header
    assert "Kundenstimme" not in page
    # No key of short names under the heatmap.
    assert "Führung: Führung" not in " ".join(page.split())


def test_validate_accepts_short_names_and_the_translations_stay_complete(
    cli: Callable[..., Run],
) -> None:
    files = sorted(QUESTIONNAIRES.glob("cx-core-2.1*.yaml"))
    assert len(files) == 4
    run = cli("validate", *files)
    assert run.exit_code == 0, run.stderr
    # Complete, and no item's English changed since its translation was stamped.
    assert run.stdout.count("100% complete") == 3
    assert run.stderr == ""
    model = load_questionnaire("cx-core@2.1").model
    assert all(d.short_name for d in model.dimensions)


def test_a_short_name_is_translated_and_checked(cli: Callable[..., Run], tmp_path: Path) -> None:
    english = (QUESTIONNAIRES / "cx-core-2.1.yaml").read_text("utf-8")
    german = (QUESTIONNAIRES / "cx-core-2.1.de.yaml").read_text("utf-8")
    (tmp_path / "cx-core-2.1.yaml").write_text(english, "utf-8")
    # Without its short names the translation is incomplete, and says which.
    (tmp_path / "cx-core-2.1.de.yaml").write_text(
        re.sub(r'\n    short_name: "[^"]*"', "", german), "utf-8"
    )
    run = cli("validate", tmp_path / "cx-core-2.1.de.yaml")
    assert run.exit_code == 0, run.stderr
    assert "98% complete" in run.stdout
    assert "lacks 12 texts (dimensions.leadership.short_name," in run.stderr
    # A short name longer than a column allows is refused with its place.
    (tmp_path / "long.yaml").write_text(
        english.replace("short_name: Leadership", "short_name: " + "L" * 40, 1), "utf-8"
    )
    run = cli("validate", tmp_path / "long.yaml")
    assert run.exit_code == 2
    assert "long.yaml:30:5: dimensions[leadership].short_name: String should have at most 32" in (
        run.stderr
    )
