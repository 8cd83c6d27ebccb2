"""`export`: the CSV template for import-csv and the printable questionnaire."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini_workshop import write_questionnaire

from cxmaturity.formats.loading import load_questionnaire


@pytest.fixture
def q(write) -> Path:
    return write_questionnaire(write)


def test_csv_template_by_id_and_by_text(cli, q) -> None:
    by_id = cli("export", "-q", q, "--format", "csv")
    assert by_id.exit_code == 0, by_id.stderr
    # The runner's stdout is text; the CRLF line ends are checked on a written file below.
    assert by_id.stdout.splitlines() == ["name,department,role,lead-a,lead-b,data-a,data-b"]
    by_text = cli("export", "-q", q, "--format", "csv", "--headers", "text")
    assert by_text.stdout.splitlines() == [
        "name,department,role,Who leads *customer* work?,Is there a plan?,"
        "Is data joined up?,Is data clean?"
    ]


def test_csv_template_for_one_department(cli, q) -> None:
    sales = cli("export", "-q", q, "-f", "csv", "--department", "sales")
    # data-b is for service only
    assert sales.stdout.splitlines() == ["name,department,role,lead-a,lead-b,data-a"]


def test_bundled_csv_template_has_every_question(cli) -> None:
    result = cli("export", "-q", "cx-core", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    header = result.stdout.rstrip("\r\n").split(",")
    newest = load_questionnaire("cx-core").model
    assert newest.version == "2.1"
    assert header == ["name", "department", "role", *(q.id for q in newest.questions)]


def test_markdown_lists_options_with_boxes(cli, q) -> None:
    result = cli("export", "-q", q, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "# Mini check"
    assert "**Department** (tick one): ☐ Sales  ☐ Service  ☐ IT" in lines
    assert "## 1. Leadership" in lines
    assert "*Who drives it.*" in lines
    # Markdown in question text is printed literally, not interpreted.
    assert r"### 1.1 Who leads \*customer\* work?" in lines
    assert "Question id: `lead-a`" in lines
    assert "*Think of the last year.*" in lines
    # Respondents see the keys 1-6, never the stage names that would rank the options.
    start = lines.index("- ☐ **1**: Nobody")
    assert lines[start : start + 7] == [
        "- ☐ **1**: Nobody",
        "- ☐ **2**: A few",
        "- ☐ **3**: A sponsor",
        "- ☐ **4**: A forum",
        "- ☐ **5**: Everyone senior",
        "- ☐ **6**: Everyone",
        "- ☐ Don't know   ☐ Not applicable",
    ]
    for stage in ("Ignore", "Explore", "Mobilise", "Operationalise", "Align", "Embed"):
        assert f" {stage}**" not in result.stdout
    assert "### 2.2 Is data clean?" in lines
    assert "Only for: Service." in lines
    assert result.stdout.count("☐ Don't know") == 4


def test_facilitator_copy_shows_stage_names(cli, q) -> None:
    result = cli("export", "-q", q, "--format", "markdown", "--show-stages")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("- ☐ **1 Ignore**: Nobody")
    assert lines[start + 3] == "- ☐ **4 Operationalise**: A forum"
    assert lines[start + 5] == "- ☐ **6 Embed**: Everyone"


def test_markdown_for_one_department(cli, q, tmp_path) -> None:
    out = tmp_path / "sales.md"
    result = cli("export", "-q", q, "-f", "markdown", "-d", "sales", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Mini check: Sales\n")
    assert "**Department:** Sales" in text
    assert "Is data clean?" not in text
    assert "Only for" not in text
    assert text.count("☐ Don't know") == 3


def test_unknown_department_is_exit_2(cli, q) -> None:
    result = cli("export", "-q", q, "-f", "csv", "-d", "legal")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown department 'legal' (use one of: sales, service, it)\n"


def test_unknown_questionnaire_is_exit_2(cli) -> None:
    result = cli("export", "-q", "nope", "-f", "markdown")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no bundled questionnaire 'nope'")


@pytest.mark.pdf
def test_pdf_reads_back_with_boxes_and_options(cli, q, tmp_path) -> None:
    import pypdf

    out = tmp_path / "paper.pdf"
    result = cli("export", "-q", q, "--format", "pdf", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {out} (2 pages)\n"
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Mini check" in text
    assert "1.1 Who leads *customer* work?" in text
    assert "4: A forum" in text
    assert "Operationalise" not in text and "Mobilise" not in text
    assert "Only for: Service." in text
    assert text.count("☐") == 3 + 4 * 8  # departments, then 6 options + 2 per question
    staged = tmp_path / "facilitator.pdf"
    assert cli("export", "-q", q, "-f", "pdf", "--show-stages", "-o", staged).exit_code == 0
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(staged).pages)
    assert "4 Operationalise: A forum" in text


def test_pdf_needs_an_output_file(cli, q) -> None:
    result = cli("export", "-q", q, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr == "error: --format pdf needs -o FILE.pdf\n"


@pytest.mark.pdf
def test_pdf_in_german_reads_back_in_german(cli, tmp_path) -> None:
    import pypdf

    out = tmp_path / "fragebogen.pdf"
    html = tmp_path / "fragebogen.html"
    result = cli("export", "-q", "cx-core", "-f", "pdf", "--lang", "de", "--show-stages", "-o", out)
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(out).pages).split())
    for german in ("Fragebogen cx-core, Version 2.1", "Funktion:", "Weiß nicht", "Mobilisieren"):
        assert german in text
    for english in ("Questionnaire cx-core", "Role:", "Don't know", "Not applicable"):
        assert english not in text
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.render.paper import paper
    from cxmaturity.render.questionnaire_pdf import render_html

    html.write_text(render_html(paper(load_questionnaire("cx-core").model), "de"))
    assert '<html lang="de">' in html.read_text()
