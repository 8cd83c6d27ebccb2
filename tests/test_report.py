"""The report command: options, safety of rendering hostile answers, and the fetcher."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES, Run
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from cxmaturity.core.errors import RefusedURL
from cxmaturity.core.stages import Stage
from cxmaturity.render import charts, pdf
from cxmaturity.render.html import bundled_templates

Write = Callable[[str, str], Path]


# ------------------------------------------------------------------ PDF helpers


def text_of(path: Path) -> str:
    """All the PDF's text with runs of whitespace made single spaces."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def image_xobjects(path: Path) -> list[str]:
    """Names of every /Image XObject, also inside form XObjects (where SVG ends up)."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(resources: Any) -> None:
        resources = _resolve(resources)
        if not isinstance(resources, DictionaryObject):
            return
        xobjects = _resolve(resources.get("/XObject")) or {}
        for name, ref in xobjects.items():
            obj = _resolve(ref)
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            if obj.get("/Subtype") == "/Image":
                found.append(str(name))
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))
        for pattern in (_resolve(resources.get("/Pattern")) or {}).values():
            walk(_resolve(pattern).get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def attachments(path: Path) -> list[str]:
    """Embedded files (document level) and file-attachment annotations."""
    reader = PdfReader(path)
    found: list[str] = []
    names = _resolve(reader.trailer["/Root"].get("/Names"))
    if names is not None and "/EmbeddedFiles" in names:
        found.append("/EmbeddedFiles")
    for page in reader.pages:
        for annot in _resolve(page.get("/Annots")) or []:
            if _resolve(annot).get("/Subtype") == "/FileAttachment":
                found.append("/FileAttachment")
    return found


# ------------------------------------------------------------------ inputs

QUESTIONNAIRE = """
format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny questionnaire
departments:
  - {id: ops, name: Operations}
  - {id: it, name: IT and technology}
dimensions:
  - {id: lead, name: Leadership}
  - {id: data, name: Data}
questions:
  - {id: lead-1, dimension: lead, text: Who owns CX?, options: [a, b, c, d, e, f]}
  - {id: data-1, dimension: data, text: Is the data clean?, options: [a, b, c, d, e, f]}
recommendations:
  lead:
    explore: [Name a sponsor for customer experience.]
    mobilise: [Give the sponsor a budget.]
  data:
    ignore: [Count the customer databases.]
    explore: [Agree one customer identifier.]
"""

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "</style><style>@import url(http://127.0.0.1:{port}/evil.css);</style>",
    '<link rel="attachment" href="file:///etc/hostname">',
    "body {{ background: url(http://127.0.0.1:{port}/x.png) }}",
    "<script>alert(1)</script> & [bold]x[/bold]",
]


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that records any connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connections(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


@pytest.fixture
def hostile(write: Write, tmp_path: Path, listener: socket.socket) -> Path:
    """Answer files whose names, roles and comments try to break out of the HTML."""
    port = listener.getsockname()[1]
    write("tiny.yaml", QUESTIONNAIRE)
    for index, text in enumerate(HOSTILE):
        comment = text.format(port=port).replace('"', '\\"')
        write(
            f"answers/r{index}.yaml",
            f"""
            format: cxmaturity.answers/1
            questionnaire: {{id: tiny, version: "1"}}
            respondent:
              name: "Resp{index} <b>bold</b>"
              role: "<i>role</i> url(http://127.0.0.1:{port}/role)"
              department: {"ops" if index % 2 else "it"}
            answers:
              lead-1: {{stage: {2 + index % 3}, comment: "{comment}"}}
              data-1: {1 + index % 2}
            """,
        )
    return tmp_path


@pytest.fixture
def tiny(write: Write, tmp_path: Path) -> Path:
    write("tiny.yaml", QUESTIONNAIRE)
    for name, dep, lead, data in (
        ("Ann Lee", "ops", 2, 1),
        ("Bo Chan", "ops", 4, 1),
        ("Cy Diaz", "it", 3, "unknown"),
    ):
        write(
            f"answers/{name.split()[0].lower()}.yaml",
            f"""
            format: cxmaturity.answers/1
            questionnaire: {{id: tiny, version: "1"}}
            respondent: {{name: {name}, role: Analyst, department: {dep}}}
            answers:
              lead-1: {{stage: {lead}, comment: "Said by {name.split()[0]}."}}
              data-1: {data}
            """,
        )
    return tmp_path


# ------------------------------------------------------------------ the command


@pytest.mark.pdf
def test_report_writes_pdf_and_the_exact_html(cli: Callable[..., Run], tiny: Path) -> None:
    out, html = tiny / "r.pdf", tiny / "r.html"
    result = cli(
        "report",
        tiny / "answers",
        "-q",
        tiny / "tiny.yaml",
        "-o",
        out,
        "--html",
        html,
        "--org",
        "Acme & Sons",
    )
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stderr
    text = text_of(out)
    assert "Acme & Sons" in text and "Acme &amp; Sons" not in text
    assert "Acme &amp; Sons" in html.read_text(encoding="utf-8")
    # The IT department answered only "don't know" on data.
    assert "not enough answers" in text
    # The board pack names nobody.
    for name in ("Ann Lee", "Bo Chan", "Said by Ann."):
        assert name not in text
    # Default target: organisation at Explore (2.xx), so Mobilise, said once in small type.
    assert "The target is stage" not in text
    assert (
        text.count(
            "No target was set, so gaps and actions are measured against one stage above today's: Mobilise"
        )
        == 1
    )
    # Operations is at Ignore on data: two stages to climb. Leadership (3.00) is on target.
    # The roadmap is the plan's: out of today's stage (test_packs checks the whole order).
    assert "Count the customer databases." in text
    assert "Name a sponsor for customer experience." not in text
    assert "Give the sponsor a budget." not in text


@pytest.mark.pdf
def test_explicit_target_and_anonymous(cli: Callable[..., Run], tiny: Path) -> None:
    out = tiny / "anon.pdf"
    result = cli(
        "report",
        tiny / "answers",
        "-q",
        tiny / "tiny.yaml",
        "-o",
        out,
        "--target",
        "4",
        "--anonymous",
    )
    assert result.exit_code == 0, result.stderr
    text = text_of(out)
    assert "No target was set" not in text
    assert "The target is stage 4, Operationalise" in text
    assert "Give the sponsor a budget." in text
    assert "Name a sponsor for customer experience." not in text
    for name in ("Ann Lee", "Bo Chan", "Cy Diaz"):
        assert name not in text
    workshop = tiny / "workshop.pdf"
    args = ("report", tiny / "answers", "-q", tiny / "tiny.yaml", "-o", workshop)
    result = cli(*args, "--pack", "workshop", "--min-group", "1")
    assert result.exit_code == 0, result.stderr
    text = text_of(workshop)
    assert "Said by Ann." in text
    for name in ("Ann Lee", "Bo Chan", "Cy Diaz"):
        assert name not in text
    assert cli(*args, "--pack", "workshop", "--names", "--anonymous").exit_code == 2


def test_report_rejects_a_bad_target_and_a_missing_template(
    cli: Callable[..., Run], tiny: Path
) -> None:
    args = ("report", tiny / "answers", "-q", tiny / "tiny.yaml", "-o", tiny / "x.pdf")
    assert cli(*args, "--target", "7").exit_code == 2
    missing = cli(*args, "--template", tiny / "nope")
    assert missing.exit_code == 2
    assert "is not a folder" in missing.stderr
    assert not (tiny / "x.pdf").exists()


def test_broken_override_template_is_one_line_error(
    cli: Callable[..., Run], tiny: Path, write: Write
) -> None:
    write("brand/board_cover.html.j2", "{% if %}")
    result = cli(
        "report",
        tiny / "answers",
        "-q",
        tiny / "tiny.yaml",
        "-o",
        tiny / "x.pdf",
        "--template",
        tiny / "brand",
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")


# ------------------------------------------------------------------ safety


@pytest.mark.pdf
def test_hostile_answers_stay_text_and_fetch_nothing(
    cli: Callable[..., Run],
    hostile: Path,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    real = pdf.template_asset

    def recording(url: str, dirs: Any) -> tuple[str, bytes]:
        asked.append(url)
        return real(url, dirs)

    monkeypatch.setattr(pdf, "template_asset", recording)
    out, html = hostile / "h.pdf", hostile / "h.html"
    result = cli(
        "report",
        hostile / "answers",
        "-q",
        hostile / "tiny.yaml",
        "-o",
        out,
        "--html",
        html,
        "--org",
        '<img src="file:///etc/passwd">',
        "--pack",
        "workshop",
        "--names",
        "--min-group",
        "1",
    )
    assert result.exit_code == 0, result.stderr
    port = listener.getsockname()[1]
    text = text_of(out)
    # Long URLs wrap in the comment column, so compare without the line breaks' spaces.
    flat = text.replace(" ", "")
    for raw in HOSTILE:
        assert raw.format(port=port).replace(" ", "") in flat
    assert '<img src="file:///etc/passwd">' in text
    assert "Resp1 <b>bold</b>" in text
    markup = html.read_text(encoding="utf-8")
    assert "<img" not in markup and "<link" not in markup and "<script" not in markup
    assert asked == []
    assert _connections(listener) == 0
    assert image_xobjects(out) == []
    assert attachments(out) == []
    assert "root:" not in text


@pytest.mark.pdf
def test_override_templates_load_only_their_own_files(
    cli: Callable[..., Run],
    tiny: Path,
    write: Write,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = listener.getsockname()[1]
    # A branding folder that (foolishly) points at the network and at local files.
    write("brand/brand.css", ".wordmark { color: #123456; }")
    write(
        "brand/logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
        '<rect width="40" height="10" fill="#123456"/>'
        f'<image href="http://127.0.0.1:{port}/in-svg.png" width="5" height="5"/></svg>',
    )
    write(
        "brand/custom.css",
        f"""
        .cover {{ background: url(http://127.0.0.1:{port}/bg.png); }}
        .wordmark {{ background: url(file:///etc/passwd); }}
        @font-face {{ font-family: X; src: url(http://127.0.0.1:{port}/f.woff); }}
        h1 {{ font-family: X, serif; }}
        """,
    )
    write(
        "brand/logo.html.j2",
        f"""
        <style>
        @import url(http://127.0.0.1:{port}/evil.css);
        @import url(file:///etc/passwd);
        @import url(brand.css);
        </style>
        <div class="wordmark">Acme Consulting</div>
        <img class="logo" src="logo.svg" alt="Acme">
        <img src="http://127.0.0.1:{port}/logo.png">
        <img src="file:///etc/passwd">
        <img src="../../../../../etc/passwd">
        <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==">
        <a rel="attachment" href="file:///etc/hostname">x</a>
        <a rel="attachment" href="brand.css">brand</a>
        <link rel="attachment" href="brand.css">
        """,
    )
    served: list[str] = []
    refused: list[str] = []
    real = pdf.template_asset

    def recording(url: str, dirs: Any) -> tuple[str, bytes]:
        try:
            name, data = real(url, dirs)
        except RefusedURL:
            refused.append(url)
            raise
        served.append(name)
        return name, data

    monkeypatch.setattr(pdf, "template_asset", recording)
    out = tiny / "brand.pdf"
    result = cli(
        "report",
        tiny / "answers",
        "-q",
        tiny / "tiny.yaml",
        "-o",
        out,
        "--template",
        tiny / "brand",
    )
    assert result.exit_code == 0, result.stderr
    assert "acme consulting" in text_of(out).lower()
    # The folder's own stylesheet and logo load; the same stylesheet as an attachment does not.
    assert sorted(set(served)) == ["brand.css", "logo.svg"]
    assert any("127.0.0.1" in url for url in refused)
    assert any(url.startswith("file:///etc/") for url in refused)
    assert any(url.startswith("data:") for url in refused)
    assert _connections(listener) == 0
    assert image_xobjects(out) == []
    assert attachments(out) == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.css",
        "https://example.com/logo.png",
        "file:///etc/passwd",
        "file:///cxmaturity-templates/../../etc/passwd",
        "file:///cxmaturity-templates/%2e%2e/%2e%2e/etc/passwd",
        "file:///cxmaturity-templates/",
        "file:///cxmaturity-templates/nope.css",
        "file:///cxmaturity-templates/sub\\..\\x",
        "data:text/css,body{color:red}",
        "ftp://example.com/x",
    ],
)
def test_the_fetcher_refuses_everything_outside_the_templates(url: str) -> None:
    with pytest.raises(RefusedURL):
        pdf.template_asset(url, [bundled_templates()])


def test_the_fetcher_serves_template_files_override_first(tmp_path: Path) -> None:
    (tmp_path / "report.css").write_text("/* mine */", encoding="utf-8")
    dirs = [tmp_path, bundled_templates()]
    assert pdf.template_asset(pdf.TEMPLATE_BASE + "report.css", dirs) == (
        "report.css",
        b"/* mine */",
    )
    name, data = pdf.template_asset(pdf.TEMPLATE_BASE + "custom.css", dirs)
    assert name == "custom.css" and b"Branding" in data


def test_the_fetcher_does_not_follow_symlinks_out(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "logo.svg").symlink_to(secret)
    with pytest.raises(RefusedURL):
        pdf.template_asset(pdf.TEMPLATE_BASE + "logo.svg", [brand])


# ------------------------------------------------------------------ the pieces


def test_stage_colours_are_readable_and_ordered() -> None:
    lightness = []
    for stage in Stage:
        fill, ink = charts.PALETTE[stage]
        assert charts.contrast(ink, fill) >= 4.5, stage
        lightness.append(charts.contrast(fill, "#000000"))
    # A sequential scale: each stage darker than the one before, so it reads without hue.
    assert lightness == sorted(lightness, reverse=True)


def test_radar_never_draws_a_missing_score_at_the_centre() -> None:
    radar = charts.radar(["a", "b", "c", "d"], [True, False, True, True])
    full = radar.path([3.0, 3.0, 3.0, 3.0])
    broken = radar.path([3.0, None, 3.0, 3.0])
    assert full.endswith("Z") and full.count("M") == 1
    centre = f"{radar.centre.x:.1f},{radar.centre.y:.1f}"
    assert centre not in broken and "Z" not in broken
    assert broken.count("M") == 2  # c-d and d-a; the segments touching b are left out
    assert radar.axes[1].lines[-1] == "(not enough answers)"
    assert len(radar.dots([3.0, None, 3.0, 3.0])) == 3


def test_radar_distance_is_proportional_to_score_above_stage_1() -> None:
    radar = charts.radar(["a", "b", "c"], [True, True, True])
    top = radar.dots([6.0, None, None])[0]
    half = radar.dots([3.5, None, None])[0]
    bottom = radar.dots([1.0, None, None])[0]
    # The scale starts at stage 1, at the centre: 3.5 is halfway from 1 to 6.
    assert radar.centre.y - top.y == pytest.approx(2 * (radar.centre.y - half.y))
    assert (bottom.x, bottom.y) == pytest.approx((radar.centre.x, radar.centre.y))


def test_ladder_marks_today_and_target() -> None:
    steps = charts.ladder(Stage.MOBILISE, Stage.ALIGN)
    assert [s.stage for s in steps if s.current] == [Stage.MOBILISE]
    assert [s.stage for s in steps if s.target] == [Stage.ALIGN]
    heights = [s.height for s in steps]
    assert heights == sorted(heights) and len(set(heights)) == 6


def test_version_and_score_import_neither_jinja_nor_weasyprint() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from cxmaturity.cli import app\n"
        "runner = CliRunner()\n"
        "assert runner.invoke(app, ['--version']).exit_code == 0\n"
        f"assert runner.invoke(app, ['score', {str(SAMPLES)!r}]).exit_code == 0\n"
        "heavy = sorted(m for m in ('jinja2', 'weasyprint') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


@pytest.mark.pdf
def test_unmeasured_dimension_is_not_called_on_target(cli, write, tmp_path: Path) -> None:
    q = write(
        "hq.yaml",
        """
        format: cxmaturity.questionnaire/1
        id: hq
        version: "1"
        title: HQ
        departments: [{id: a, name: A}, {id: b, name: B}]
        dimensions: [{id: d1, name: One}, {id: d2, name: Two}]
        questions:
          - {id: q1, dimension: d1, text: Q1, options: [a, b, c, d, e, f]}
          - {id: q2, dimension: d2, text: Q2, options: [a, b, c, d, e, f]}
        """,
    )
    answers = write(
        "ans/b.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: hq, version: "1"}
        respondent: {name: Bee, department: b}
        answers: {q1: n/a, q2: 5}
        """,
    )
    out = tmp_path / "hq.pdf"
    result = cli("report", answers.parent, "-q", q, "-o", out, "--target", "3")
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "Every dimension has reached its target" not in text
    assert "One: not enough answers, so no gap can be measured" in text
