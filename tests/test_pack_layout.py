"""Layout rules and bounds of both packs, measured on pages rendered with pdftoppm.

No page is less than a third full except the last page of a section, and the board pack
stays within twelve pages for a questionnaire at the caps (100 departments, 50
dimensions, names of 200 characters). Sections are the PDF's top-level bookmarks (one
per ``h1``), so "the last page of a section" is the page before the next one starts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from PIL import Image
from pypdf import PageObject, PdfReader

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm"),
]

A4_HEIGHT_MM = 297
TOP_MM, BOTTOM_MM = 20, 18
"""The page margins of report.css: running headers and footers sit outside them."""


def section_starts(pdf: Path) -> set[int]:
    reader = PdfReader(pdf)
    return {
        reader.get_destination_page_number(i) for i in reader.outline if not isinstance(i, list)
    }


def fills(pdf: Path, folder: Path) -> list[float]:
    """Per page: how far down its text area the lowest ink reaches (0 empty, 1 full)."""
    subprocess.run(["pdftoppm", "-gray", "-r", "30", str(pdf), str(folder / "p")], check=True)
    pages = sorted(folder.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    out = []
    for page in pages:
        with Image.open(page) as image:
            # Landscape pages have their own margins, but 20 and 18 mm of 297 are close.
            height = image.height
            top = height * TOP_MM // A4_HEIGHT_MM
            bottom = height * (A4_HEIGHT_MM - BOTTOM_MM) // A4_HEIGHT_MM
            body = image.crop((0, top, image.width, bottom))
            box = body.point(lambda v: 255 if v < 200 else 0).getbbox()
            out.append(0.0 if box is None else box[3] / (bottom - top))
    return out


def short_pages(pdf: Path, folder: Path) -> list[str]:
    """Pages under a third full that are not the last page of their section."""
    folder.mkdir()
    starts = section_starts(pdf)
    measured = fills(pdf, folder)
    assert len(measured) == len(PdfReader(pdf).pages)
    last = len(measured) - 1
    return [
        f"{pdf.name} page {i + 1}: {fill:.0%} full"
        for i, fill in enumerate(measured)
        if fill < 1 / 3 and i != last and i + 1 not in starts
    ]


@pytest.fixture(scope="module")
def demo(demo_output: Path) -> Path:
    return demo_output


def test_measuring_finds_a_short_page(tmp_path: Path) -> None:
    """The measure itself: a page with one line, followed by more of its section, fails."""
    from weasyprint import HTML

    html = "<h1>One</h1><p>a line</p><p style='break-before: page'>next page, same section</p>"
    pdf = tmp_path / "short.pdf"
    HTML(string=html).write_pdf(pdf)
    found = short_pages(pdf, tmp_path / "pages")
    assert len(found) == 1 and found[0].startswith("short.pdf page 1:"), found


@pytest.mark.parametrize("name", ["board-pack.pdf", "workshop-pack.pdf"])
def test_no_demo_page_is_less_than_a_third_full(demo: Path, tmp_path: Path, name: str) -> None:
    assert short_pages(demo / name, tmp_path / "pages") == []


def capped(root: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(REPO / "bench"))
    from bench_file_safety import answers, questionnaire

    from cxmaturity.core.model import MAX_DEPARTMENTS, MAX_DIMENSIONS, MAX_QUESTIONS

    q = root / "capped.yaml"
    q.write_text(questionnaire(MAX_QUESTIONS, MAX_DEPARTMENTS, MAX_DIMENSIONS))
    folder = root / "answers"
    folder.mkdir()
    for i in range(3 * MAX_DEPARTMENTS):
        text = answers(f"Person {i}", f"d{i % MAX_DEPARTMENTS}", MAX_QUESTIONS, i)
        (folder / f"p{i}.yaml").write_text(text)
    return q, folder


def test_board_pack_at_the_caps_stays_bounded_and_full(tmp_path: Path) -> None:
    q, folder = capped(tmp_path)
    out = tmp_path / "board.pdf"
    result = run_cli("report", folder, "-q", q, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(PdfReader(out).pages) <= 12
    assert short_pages(out, tmp_path / "pages") == []
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "the 10 lowest-scoring of 100 departments" in text
    assert "12 weakest of 50 dimensions" in text


def test_a_baseline_adds_one_full_page_to_the_board_pack(demo: Path, tmp_path: Path) -> None:
    """The progress section gives the heatmap's departments and dimensions one page; each
    department's own dimensions are the heatmap cells' third line, not six more pages."""
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.usecases.demo import load_demo, write_answers

    baseline = tmp_path / "baseline"
    write_answers(load_questionnaire("cx-core"), baseline, load_demo().seed + 1, 4)
    out = tmp_path / "board.pdf"
    result = run_cli("report", demo / "answers", "--baseline", baseline, "-o", out)
    assert result.exit_code == 0, result.stderr
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    assert len(pages) == len(PdfReader(demo / "board-pack.pdf").pages) + 1 <= 12
    [progress] = [page for page in pages if page.startswith("Progress since")]
    assert "Organisation by dimension" in progress and "Service recovery" in progress
    assert short_pages(out, tmp_path / "pages") == []


def test_board_pack_at_the_caps_with_a_baseline_stays_within_12_pages(tmp_path: Path) -> None:
    """Names of 200 characters would make the progress tables pages long: the progress is
    then given in sentences, after the summary."""
    q, folder = capped(tmp_path)
    out = tmp_path / "board.pdf"
    result = run_cli("report", folder, "-q", q, "--baseline", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert len(PdfReader(out).pages) <= 12
    assert short_pages(out, tmp_path / "pages") == []
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "Progress since" in text
    assert "No department or dimension shown in this pack changed stage." in text


def test_workshop_pack_at_the_caps_is_refused_with_its_bound(tmp_path: Path) -> None:
    q, folder = capped(tmp_path)
    out = tmp_path / "workshop.pdf"
    result = run_cli("report", folder, "-q", q, "-o", out, "--pack", "workshop")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: the workshop pack would list 50,000 question rows (100 departments); the limit "
        "is 2,500 (a few hundred pages): report fewer departments at a time, for example one "
        "folder of answer files per department\n"
    )
    assert not out.exists()


# ------------------------------------------------------- headings stay with what follows

MM = 72 / 25.4


def outline(pdf: Path) -> list[tuple[int, str]]:
    """Every heading the PDF bookmarks (WeasyPrint makes one per h1-h6): page, text."""
    reader = PdfReader(pdf)
    found: list[tuple[int, str]] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((reader.get_destination_page_number(item), item.title))

    walk(reader.outline)
    return found


def bodies(pdf: Path) -> list[str]:
    """Each page's text inside its margins, top line first: no running header or footer."""
    return [body(page) for page in PdfReader(pdf).pages]


def body(page: PageObject) -> str:
    height, width = float(page.mediabox.height), float(page.mediabox.width)
    # report.css: portrait margins 20 mm top and 18 mm bottom, landscape 16 mm.
    top, bottom = (16, 16) if width > height else (TOP_MM, BOTTOM_MM)
    runs: list[tuple[float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and bottom * MM < y < height - top * MM:
            runs.append((-round(y), x, text))

    page.extract_text(visitor_text=visit)
    return " ".join(text for _, _, text in sorted(runs))


def squashed(text: str) -> str:
    return "".join(text.split())


def stranded(pages: list[str], headings: list[tuple[int, str]]) -> list[str]:
    """Headings that are the last text on their page, their section left to the next."""
    return [
        f"page {page + 1}: {title}"
        for page, title in headings
        if squashed(pages[page]).endswith(squashed(title))
    ]


def test_a_page_ending_with_its_heading_is_found(tmp_path: Path) -> None:
    """The check itself, on made-up pages and on a PDF whose heading is forced to a page end."""
    pages = ["Intro text. Heading A", "Heading B and what it heads"]
    assert stranded(pages, [(0, "Heading A"), (1, "Heading B")]) == ["page 1: Heading A"]
    from weasyprint import HTML

    pdf = tmp_path / "stranded.pdf"
    html = "<h1>Kept</h1><p>text</p><h2 style='break-after: page'>Stranded</h2><p>its text</p>"
    HTML(string=html).write_pdf(pdf)
    assert stranded(bodies(pdf), outline(pdf)) == ["page 1: Stranded"]


@pytest.mark.parametrize("name", ["board-pack.pdf", "workshop-pack.pdf"])
def test_no_demo_page_ends_with_a_heading(demo: Path, name: str) -> None:
    pdf = demo / name
    headings = outline(pdf)
    assert len(headings) > 8
    assert stranded(bodies(pdf), headings) == []
