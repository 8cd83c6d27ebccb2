"""`report --format pptx|xlsx` and `score --format xlsx`: what the client's office opens.

The deck and the workbook are read back with python-pptx and openpyxl; the deck's
findings are checked against the board PDF's own text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import SAMPLES, run_cli
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.render import charts
from cxmaturity.usecases.demo import load_demo, write_answers


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic workshop of 100 respondents (10 per department)."""
    folder = tmp_path_factory.mktemp("crowd") / "answers"
    write_answers(load_questionnaire("cx-core"), folder, load_demo().seed, 10)
    return folder


@pytest.fixture(scope="module")
def deck(crowd: Path) -> Path:
    out = crowd.parent / "board.pptx"
    result = run_cli("report", crowd, "-q", "cx-core", "--org", "Acme", "-f", "pptx", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def _texts(path: Path) -> list[str]:
    found = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            if shape.has_table:
                found += [c.text for row in shape.table.rows for c in row.cells]
    return found


def _flat(text: str) -> str:
    # PDF text breaks lines and hyphenates words; compare letters and digits only.
    return "".join(ch for ch in text.replace("\u00ad", "") if ch.isalnum()).casefold()


def test_deck_has_native_table_and_charts(deck) -> None:
    prs = Presentation(str(deck))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[:6] == [
        "Acme",
        "What the survey found",
        "Decisions for the board",
        "Heatmap: departments by dimension",
        "Departments: overall score",
        "Roadmap: steps per horizon",
    ]
    assert len(prs.slides) <= 12  # the board pack's own bound
    heat = next(sh for sh in prs.slides[3].shapes if sh.has_table).table
    assert len(heat.rows) == 1 + 10 + 1  # departments and the organisation
    score_cell = heat.cell(1, 1)
    stage = Stage(int(float(score_cell.text.split()[0])))
    assert str(score_cell.fill.fore_color.rgb) == charts.PALETTE[stage][0].lstrip("#").upper()
    bars = next(sh for sh in prs.slides[4].shapes if sh.shape_type == MSO_SHAPE_TYPE.CHART)
    assert len(list(bars.chart.plots[0].categories)) == 10
    assert all(0 < v <= 6 for v in bars.chart.series[0].values)
    roadmap = next(sh for sh in prs.slides[5].shapes if sh.shape_type == MSO_SHAPE_TYPE.CHART)
    assert sum(sum(s.values) for s in roadmap.chart.series) == 15  # the board's 15 steps


@pytest.mark.pdf
def test_deck_findings_match_the_board_pdf(demo_output, tmp_path) -> None:
    """The demo's board pack (rendered once for the test run) and a deck of the same answers."""
    deck = tmp_path / "demo.pptx"
    result = run_cli("report", demo_output / "answers", "-f", "pptx", "-o", deck)
    assert result.exit_code == 0, result.stderr
    pdf = demo_output / "board-pack.pdf"
    pdf_text = _flat(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages))
    findings = Presentation(str(deck)).slides[1]
    paragraphs = [
        p.text for sh in findings.shapes if sh.has_text_frame for p in sh.text_frame.paragraphs
    ]
    assert len(paragraphs) >= 3
    for paragraph in paragraphs:
        assert _flat(paragraph) in pdf_text, paragraph
    # The decisions are the board pack's own: each ask and its accountable role.
    table = next(sh for sh in Presentation(str(deck)).slides[2].shapes if sh.has_table).table
    asks = [(row.cells[1].text.split("\n")[0], row.cells[2].text) for row in list(table.rows)[1:]]
    assert len(asks) >= 3
    for ask, accountable in asks:
        assert _flat(ask) in pdf_text and _flat(accountable) in pdf_text, ask


def test_small_groups_are_not_shown_and_nobody_is_named(cli, tmp_path) -> None:
    out = tmp_path / "deck.pptx"
    result = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--names")
    assert result.exit_code == 0, result.stderr
    texts = " ".join(_texts(out))
    assert "too few respondents to show on their own (fewer than 3); counted in" in texts
    for person in ("Li Wei", "Priya Shah", "Tom Okafor", "Ana Lima"):
        assert person not in texts  # the board never names people, --names or not
    prs = Presentation(str(out))
    charts_on = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == MSO_SHAPE_TYPE.CHART]
    assert len(charts_on) == 1  # no department chart: every group is under 3


def test_template_slide_master_is_used_and_its_slides_dropped(cli, tmp_path) -> None:
    template = Presentation()
    template.slide_width, template.slide_height = 9_144_000, 5_143_500
    example = template.slides.add_slide(template.slide_layouts[0])
    example.shapes.title.text = "Client example slide"
    template_path = tmp_path / "client.pptx"
    template.save(str(template_path))
    out = tmp_path / "deck.pptx"
    result = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--template", template_path)
    assert result.exit_code == 0, result.stderr
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9_144_000, 5_143_500)
    assert "Client example slide" not in " ".join(_texts(out))
    folder = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--template", tmp_path)
    assert folder.exit_code == 2
    assert "takes a .pptx file" in folder.stderr


def _hostile_samples(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    shutil.copytree(SAMPLES, folder)
    path = folder / "finance-li-wei.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["answers"]["leadership-investment"]["comment"] = '=HYPERLINK("http://x.test","y")'
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def test_workbook_formatting_plan_comments_and_no_formulas(cli, tmp_path) -> None:
    folder = _hostile_samples(tmp_path)
    out = tmp_path / "report.xlsx"
    result = cli(
        "report", folder, "-f", "xlsx", "-o", out, "--names", "--min-group", "1", "--org", "@Acme"
    )
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Heatmap", "Intervals", "Plan", "Comments"]
    rules = [r for cf in book["Heatmap"].conditional_formatting for r in cf.rules]
    assert len(rules) == 6 and {r.operator for r in rules} == {"between"}
    assert [c.value for c in book["Plan"][1]] == [
        "#",
        "Action",
        "Dimension",
        "Departments",
        "Owner",
        "Horizon",
        "Due",
        "After",
    ]
    assert book["Plan"]["G2"].is_date
    comments = [[c.value for c in row] for row in book["Comments"].iter_rows(min_row=2)]
    hostile = next(row for row in comments if row[3] and row[3].startswith("=HYPERLINK"))
    assert hostile[4] == "Li Wei"  # named: --names
    assert book["Summary"]["A1"].value.startswith("@Acme")
    for ws in book.worksheets:
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row)  # text, never a formula


def test_workbook_comments_anonymous_and_small_groups_left_out(cli, tmp_path) -> None:
    out = tmp_path / "scores.xlsx"
    anonymous = cli("report", SAMPLES, "-f", "xlsx", "-o", out, "--min-group", "1")
    assert anonymous.exit_code == 0, anonymous.stderr
    book = openpyxl.load_workbook(out)
    heads = [c.value for c in book["Comments"][1]]
    assert heads == ["Department", "Dimension", "Question", "Comment"]
    rows = list(book["Comments"].iter_rows(min_row=2, values_only=True))
    assert any(r[3] for r in rows) and not any("Li Wei" in str(v) for r in rows for v in r)
    small = cli("score", SAMPLES, "-f", "xlsx", "-o", out)  # --min-group 3: all under it
    assert small.exit_code == 0, small.stderr
    book = openpyxl.load_workbook(out)
    assert [r[3] for r in book["Comments"].iter_rows(min_row=2, values_only=True)] == [
        None,
        None,
    ]  # a blank row, then the note: no comment from a group under 3
    assert book["Heatmap"]["C2"].value.startswith("too few respondents")


def test_office_formats_refuse_pdf_only_options(cli, tmp_path) -> None:
    out = tmp_path / "deck.pptx"
    result = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--pack", "workshop")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --format pptx is the board pack's: --pack, --baseline and --html are PDF only\n"
    )
    assert not out.exists()
    odd = cli("report", SAMPLES, "-f", "docx", "-o", out)
    assert odd.exit_code == 2 and "is not pdf, pptx or xlsx" in odd.stderr


def test_deck_speaks_the_reports_language(cli, tmp_path) -> None:
    out = tmp_path / "deck.pptx"
    result = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--lang", "de", "--min-group", "1")
    assert result.exit_code == 0, result.stderr
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles[0] == "Die Organisation"
    assert titles[1:4] == [
        "Was die Befragung zeigt",
        "Entscheidungen für die Geschäftsleitung",  # the German board pack's own heading
        "Heatmap: Bereiche nach Dimension",
    ]


def test_a_template_that_is_not_a_deck_is_one_error(cli, tmp_path) -> None:
    fake = tmp_path / "fake.pptx"
    fake.write_text("not a deck", encoding="utf-8")
    out = tmp_path / "deck.pptx"
    result = cli("report", SAMPLES, "-f", "pptx", "-o", out, "--template", fake)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"error: {fake}: --template: not a PowerPoint deck (.pptx)\n")
    assert not out.exists()
