"""The demo workshop and its PDF, rendered once per session and read back with pypdf."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image
from pypdf import PdfReader
from test_report import attachments, image_xobjects, text_of

from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="session")
def demo(demo_output: Path, demo_stdout: str) -> Path:
    assert str(demo_output / "board-pack.pdf") in demo_stdout
    assert str(demo_output / "workshop-pack.pdf") in demo_stdout
    assert str(demo_output / "scores.json") in demo_stdout
    return demo_output


@pytest.fixture(scope="session")
def pdf_text(demo: Path) -> str:
    return text_of(demo / "board-pack.pdf")


@pytest.fixture(scope="session")
def workshop_text(demo: Path) -> str:
    return text_of(demo / "workshop-pack.pdf")


@pytest.fixture(scope="session")
def scores(demo: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((demo / "scores.json").read_text(encoding="utf-8"))


def test_demo_writes_answers_for_every_department(demo: Path, scores: dict) -> None:  # type: ignore[type-arg]
    files = sorted((demo / "answers").glob("*.yaml"))
    q = load_questionnaire("cx-core").model
    assert [d["id"] for d in scores["departments"]] == [d.id for d in q.departments]
    assert all(3 <= d["respondents"] <= 6 for d in scores["departments"])
    assert len(files) == scores["respondents"]
    assert run_cli("validate", *files).exit_code == 0


def test_demo_profiles_differ_and_some_disagree(scores: dict) -> None:  # type: ignore[type-arg]
    stages = {d["stage"] for d in scores["departments"]}
    department_scores = [d["score"] for d in scores["departments"]]
    assert len(stages) >= 2
    assert max(department_scores) - min(department_scores) >= 0.8
    flagged = [dim for d in scores["departments"] for dim in d["dimensions"] if dim["disagreement"]]
    assert flagged
    undefined = [
        dim for d in scores["departments"] for dim in d["dimensions"] if dim["score"] is None
    ]
    assert undefined, "the demo should show a 'not enough answers' cell"


def test_demo_is_seeded(tmp_path: Path) -> None:
    loaded = load_questionnaire("cx-core")
    first = write_answers(loaded, tmp_path / "a", 7)
    second = write_answers(loaded, tmp_path / "b", 7)
    other = write_answers(loaded, tmp_path / "c", 8)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    assert [p.read_text() for p in first] != [p.read_text() for p in other]


def test_every_department_and_stage_name_is_in_the_pdf(pdf_text: str, scores: dict) -> None:  # type: ignore[type-arg]
    for dep in scores["departments"]:
        assert dep["name"] in pdf_text
    for stage in Stage:
        assert stage.label in pdf_text
    assert "Harbourside Energy" in pdf_text


def test_the_default_target_is_stated(pdf_text: str, scores: dict) -> None:  # type: ignore[type-arg]
    org = scores["organisation"]
    assert org["target"] == min(org["stage"] + 1, 6)
    target = Stage(org["target"]).label
    # Once, in small type, at the end of the summary: not the headline.
    said = f"No target was set, so gaps and actions are measured against one stage above today's: {target}"
    assert pdf_text.count(said) == 1
    assert pdf_text.index(said) > pdf_text.index("Caveats")


def test_next_steps_are_the_plans(demo: Path, workshop_text: str) -> None:
    """The workshop pack lists each department's plan, as `cxmaturity plan` has it."""
    pdf_text = workshop_text
    result = run_cli("plan", demo / "answers", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    flat = _flat(pdf_text)
    expected = {a["title"] for entry in data["departments"].values() for a in entry["actions"]}
    assert expected
    missing = [step for step in expected if _flat(step) not in flat]
    assert not missing
    # Nothing is recommended out of a stage no department is in on that question.
    q = load_questionnaire("cx-core").model
    never = {
        step.text
        for question in q.questions
        for stage, step in (question.next_steps or {}).items()
        if not any(
            a["question"] == question.id and a["from_stage"] == stage.key
            for entry in data["departments"].values()
            for a in entry["actions"]
        )
    }
    assert never
    assert not [s for s in never if _flat(s) in flat]


def _flat(text: str) -> str:
    # Lines in the PDF may break after a hyphen (front-|line): joined back without a space.
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def test_undefined_scores_read_not_enough_answers(pdf_text: str) -> None:
    assert "not enough answers" in pdf_text


def test_the_hostile_comment_comes_out_literally(demo: Path, workshop_text: str) -> None:
    assert "<script>alert(1)</script> & [bold]x[/bold]" in workshop_text
    assert load_demo().special_comments["it"].comment in workshop_text


def test_long_words_wrap_instead_of_running_off(workshop_text: str) -> None:
    assert "move-in-journey-v7-final-FINAL-reviewed.pdf" in workshop_text.replace(" ", "")


def test_every_page_has_the_organisation_and_page_x_of_y(demo: Path) -> None:
    reader = PdfReader(demo / "board-pack.pdf")
    count = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {count}" in text
        assert "Harbourside Energy" in text


def test_no_images_and_no_attachments(demo: Path) -> None:
    assert image_xobjects(demo / "board-pack.pdf") == []
    assert attachments(demo / "board-pack.pdf") == []


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pages_render_to_real_pictures(demo: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "24", str(demo / "board-pack.pdf"), str(tmp_path / "p")],
        check=True,
    )
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == len(PdfReader(demo / "board-pack.pdf").pages)
    for png in pngs:
        with Image.open(png) as image:
            grey = image.convert("L")
            dark = sum(grey.histogram()[:200])
            assert dark > 0.002 * grey.width * grey.height, f"{png.name} looks blank"
    # The heatmap has a landscape page of its own; the rest are portrait.
    sizes = [Image.open(png).size for png in pngs]
    landscape = [i for i, (w, h) in enumerate(sizes) if w > h]
    assert len(landscape) == 1
    heatmap = tmp_path / "heat"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "24",
            "-f",
            str(landscape[0] + 1),
            "-l",
            str(landscape[0] + 1),
            str(demo / "board-pack.pdf"),
            str(heatmap),
        ],
        check=True,
    )
    with Image.open(next(tmp_path.glob("heat*.png"))) as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 24)}
    # Coloured cells: at least four of the six stage colours appear.
    from cxmaturity.render.charts import PALETTE

    wanted = {tuple(int(f[i : i + 2], 16) for i in (1, 3, 5)) for f, _ in PALETTE.values()}
    assert len(wanted & colours) >= 3
