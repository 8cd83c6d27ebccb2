"""Long names wrap, in full, everywhere in both packs; nothing runs off the page.

A questionnaire whose department and dimension names run to 150-200 characters (the cap
is 200), each ending in its own word, so a name cut short is told from a whole one.
Read back from the PDFs the CLI writes: pypdf text per page, and pages drawn by pdftoppm.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, run_cli
from PIL import Image
from pypdf import PdfReader

from cxmaturity.core.model import MAX_NAME
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers

pytestmark = [
    pytest.mark.pdf,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm"),
]

DEPARTMENT_ENDS = (
    "Aardvark Bluebell Cormorant Dandelion Egret Foxglove Gannet Hawthorn Ibis Juniper"
)
DIMENSION_ENDS = (
    "Kestrel Lavender Marigold Nightjar Osprey Primrose Quail Rosemary Sandpiper Thistle "
    "Umber Verbena"
)
DEPARTMENT_TAIL = (
    " together with every regional office, shared service centre and partner team that works"
    " for it under a delegated agreement and reports through the same line of management"
)
DIMENSION_TAIL = (
    " as practised across the organisation, measured through the customer programme's own"
    " evidence, reviews and routines and compared with peers in the same industry and region"
)
RIGHT_MARGIN_MM = 12
"""Both page kinds keep at least this much of their right edge blank (17 and 14 mm)."""


def lengthen(name: str, tail: str, length: int, end: str) -> str:
    return (name + tail * 2)[:length].rstrip(" ,") + " " + end


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """cx-core with every name lengthened, 4 respondents a department, both packs."""
    root = tmp_path_factory.mktemp("names")
    doc = yaml.safe_load((REPO / "questionnaires" / "cx-core-2.0.yaml").read_text())
    for i, (dep, end) in enumerate(zip(doc["departments"], DEPARTMENT_ENDS.split(), strict=True)):
        dep["name"] = lengthen(dep["name"], DEPARTMENT_TAIL, 140 + 5 * i, end)
    for i, (dim, end) in enumerate(zip(doc["dimensions"], DIMENSION_ENDS.split(), strict=True)):
        dim["name"] = lengthen(dim["name"], DIMENSION_TAIL, 130 + 5 * i, end)
    names = [d["name"] for d in doc["departments"] + doc["dimensions"]]
    assert all(135 <= len(n) <= MAX_NAME for n in names)
    questionnaire = root / "long.yaml"
    questionnaire.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    write_answers(load_questionnaire(str(questionnaire)), root / "answers", load_demo().seed, 4)
    made: dict[str, Any] = {
        "root": root,
        "questionnaire": questionnaire,
        "departments": [d["name"] for d in doc["departments"]],
        "dimensions": [d["name"] for d in doc["dimensions"]],
    }
    for pack in ("board", "workshop"):
        out = root / f"{pack}.pdf"
        args = ("report", root / "answers", "-q", questionnaire, "-o", out, "--pack", pack)
        result = run_cli(*args)
        assert result.exit_code == 0, result.stderr
        made[pack] = out
    return made


def squashed(text: str) -> str:
    """Text with every space, line break and hyphen taken out: where a name wraps, and
    whether a break was hyphenated, does not matter; only its characters do."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def pages(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def section(texts: list[str], start: str, end: str) -> str:
    """The text of the pages from the one that starts with ``start`` up to ``end``'s."""
    flat = [" ".join(t.split()) for t in texts]
    first = next(i for i, t in enumerate(flat) if f"{start} " in t and end not in t)
    last = next(i for i in range(first + 1, len(flat)) if end in flat[i])
    return squashed(" ".join(texts[first:last]))


def missing(names: list[str], text: str) -> list[str]:
    return [name for name in names if squashed(name) not in text]


def test_board_pack_prints_every_name_in_full_where_it_shows_it(packs) -> None:
    texts = pages(packs["board"])
    assert len(texts) <= 12
    assert not [i + 1 for i, t in enumerate(texts) if "…" in t]
    heatmap = section(texts, "Heatmap: departments by dimension", "Departments: how sure")
    assert missing(packs["departments"], heatmap) == []
    assert missing(packs["dimensions"], heatmap) == []  # the key under the heatmap
    table = section(texts, "Departments: how sure each score is", "Perspectives")
    assert missing(packs["departments"], table) == []
    perspectives = section(texts, "Perspectives", "Roadmap")
    assert missing(packs["dimensions"], perspectives) == []


@pytest.mark.parametrize("lang", ["de", "fr", "es"])
def test_longer_languages_keep_long_names_whole_within_twelve_pages(
    packs, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"board-{lang}.pdf"
    root, questionnaire = packs["root"], packs["questionnaire"]
    result = run_cli("report", root / "answers", "-q", questionnaire, "-o", out, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    texts = pages(out)
    assert len(texts) <= 12
    assert not [i + 1 for i, t in enumerate(texts) if "…" in t]
    assert missing(packs["departments"] + packs["dimensions"], squashed(" ".join(texts))) == []


def test_workshop_pack_prints_every_name_in_full(packs) -> None:
    texts = pages(packs["workshop"])
    assert not [i + 1 for i, t in enumerate(texts) if "…" in t]
    # The consultant's list of contradicting comments (issue 22) names departments too.
    listing = ("Comments that contradict a high answer", "Id Department Answer Comment")
    texts = [t for t in texts if not t.startswith(listing)]
    # A department's first page (the first to carry its name, as heading and running
    # header) lists every dimension in full under the radar, whose axes are numbered.
    for name in packs["departments"]:
        first = next(squashed(t) for t in texts if squashed(name) in squashed(t))
        assert missing(packs["dimensions"], first) == [], name


def inked_right_edges(pdf: Path, folder: Path, last: int = 14) -> list[str]:
    """The pages (of the first ``last``) with any ink in their right margin's strip."""
    folder.mkdir()
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-l", str(last), str(pdf), str(folder / "p")],
        check=True,
    )
    inked = []
    for page in sorted(folder.glob("p-*.pgm")):
        with Image.open(page) as image:
            width_mm = 297 if image.width > image.height else 210
            strip = round(image.width * RIGHT_MARGIN_MM / width_mm)
            edge = image.crop((image.width - strip, 0, image.width, image.height))
            if edge.point(lambda v: 255 if v < 200 else 0).getbbox() is not None:
                inked.append(page.name)
    return inked


@pytest.mark.parametrize("pack", ["board", "workshop"])
def test_nothing_runs_into_the_right_margin(packs, tmp_path: Path, pack: str) -> None:
    assert inked_right_edges(packs[pack], tmp_path / "pages") == []


def test_the_margin_check_sees_a_line_too_wide_for_its_page(tmp_path: Path) -> None:
    """The measure itself: an unbreakable line that is let overflow is seen."""
    from weasyprint import HTML

    pdf = tmp_path / "wide.pdf"
    HTML(string=f"<p style='white-space: nowrap'>{'W' * 200}</p>").write_pdf(pdf)
    assert inked_right_edges(pdf, tmp_path / "pages") == ["p-1.pgm"]
