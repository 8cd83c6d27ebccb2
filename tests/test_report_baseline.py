"""`report --baseline`: the progress section and the baseline on the radars and heatmap.

The two workshops and every figure checked here are worked out by hand in
mini_workshop.py: Sales moves, Service took part only in the baseline, IT is new.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import run_cli
from mini_workshop import BASELINE, workshop, write_folder
from pypdf import PdfReader

from cxmaturity.core.errors import NotFoundError
from cxmaturity.render import charts
from cxmaturity.render.html import render_template
from cxmaturity.render.packs import RADAR_WIDTH

SINCE = "Progress since 15 January 2026"
BASELINE_COLOUR = "#7a4f9a"


class Workshop:
    """The mini workshop written once per module: questionnaire, baseline and current."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.questionnaire, self.baseline, self.current = workshop(self.write)

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def report(self, name: str, *extra: str | Path) -> tuple[int, str, Path]:
        out = self.root / f"{name}.pdf"
        args = ("report", self.current, "-q", self.questionnaire, "-o", out)
        result = run_cli(*args, "--html", self.root / f"{name}.html", *extra)
        return result.exit_code, result.stderr, out


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Workshop:
    return Workshop(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="module")
def workshop_with_baseline(mini: Workshop) -> list[str]:
    """The workshop pack's pages (radars per department) with the baseline folder."""
    code, stderr, out = mini.report(
        "workshop-baseline", "--baseline", mini.baseline, "--pack", "workshop", "--min-group", "1"
    )
    assert code == 0, stderr
    return pages(out)


@pytest.fixture(scope="module")
def with_baseline(mini: Workshop) -> list[str]:
    """The text of each page of the report rendered with the baseline folder."""
    # The mini workshop's departments have one or two respondents: shown here on purpose.
    code, stderr, out = mini.report(
        "with-baseline", "--baseline", mini.baseline, "--min-group", "1"
    )
    assert code == 0, stderr
    return pages(out)


def pages(path: Path) -> list[str]:
    """Each page's text, with runs of whitespace made single spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def without_ranges(text: str) -> str:
    """The text without the changes' ranges, so rows read as before they had them."""
    return re.sub(r" ?\([−+][\d.]+ to [−+][\d.]+\) ?", " ", text).replace("†", "")


def page_with(texts: list[str], start: str) -> str:
    found = [text for text in texts if text.startswith(start)]
    assert len(found) == 1, f"{len(found)} pages start with {start!r}"
    return found[0]


# ------------------------------------------------------------------ the progress section


@pytest.mark.pdf
def test_progress_section_has_the_baseline_date_and_overall_change(with_baseline) -> None:
    progress = page_with(with_baseline, SINCE)
    assert (
        "The organisation's overall score has moved from 3.44 to 3.00 (−0.44) since the "
        "baseline of 15 January 2026: Mobilise, unchanged." in progress
    )
    assert "Baseline: 4 respondents, questionnaire mini version 1" in progress
    # It comes right after the executive summary, before the heatmap.
    titles = [text.split(" ")[0] for text in with_baseline]
    assert titles.index("Progress") < titles.index("Heatmap:")


@pytest.mark.pdf
def test_progress_rows_show_deltas_and_stage_movements(
    with_baseline, workshop_with_baseline
) -> None:
    rows = (
        "Organisation 3.44 3.00 ▼ −0.44 Mobilise, unchanged",
        "Sales 3.00 3.33 ▲ +0.33 Mobilise, unchanged",
        # The organisation's dimensions.
        "Leadership 3.92 3.00 ▼ −0.92 Mobilise, unchanged",
        "Data 2.50 3.00 ▲ +0.50 Explore → Mobilise",
    )
    # Sales's own dimensions follow it in the workshop pack's full table; the board leaves
    # that table out (its heatmap's cells carry the changes) to stay within 12 pages.
    per_department = (
        "Sales 3.00 3.33 ▲ +0.33 Mobilise, unchanged Leadership 2.50 3.00 ▲ +0.50 "
        "Explore → Mobilise Data 4.00 4.00 = 0.00 "
        "Operationalise, unchanged"
    )
    board, workshop = page_with(with_baseline, SINCE), page_with(workshop_with_baseline, SINCE)
    # Each change carries its 95% range (issue 22): "▼ −0.44 (−3.98 to +3.10)".
    assert "▼ −0.44 (−3.98 to +3.10)" in board
    # A stage move whose range has not cleared the boundary is not claimed as one.
    assert "Explore → Mobilise†" in board
    board, workshop = without_ranges(board), without_ranges(workshop)
    assert all(row in board and row in workshop for row in rows)
    assert per_department in workshop
    assert per_department not in board and "By department and dimension" not in board
    assert "third line of the heatmap's cells" in board


@pytest.mark.pdf
def test_departments_on_one_side_only_are_listed(with_baseline, workshop_with_baseline) -> None:
    board, workshop = page_with(with_baseline, SINCE), page_with(workshop_with_baseline, SINCE)
    for progress in (board, workshop):
        assert "Only in the baseline, not surveyed this time: department Service." in progress
        assert "New since the baseline: department IT." in progress
        assert "IT – 2.67 – new (Explore)" in progress
    # The board's tables hold the heatmap's departments, so Service only in words there.
    assert "Service 3.89 – – only in baseline (Mobilise)" in workshop
    assert "Leadership 5.33 – – only in baseline (Align)" in workshop
    assert "Service 3.89" not in board


# ------------------------------------------------------------------ radars and heatmap


@pytest.mark.pdf
def test_heatmap_cells_and_legend_show_the_change(with_baseline) -> None:
    heatmap = page_with(with_baseline, "Heatmap:")
    # Ranges wider than one stage read "uncertain" instead of a stage (issue 22).
    assert "Sales (2) 3.33 uncertain ▲ +0.33 3.00 ± uncertain ▲ +0.50" in heatmap
    assert "IT (1) 2.67 uncertain new" in heatmap
    assert "Organisation 3.00 uncertain ▼ −0.44 3.00 Mobilise ▼ −0.92" in heatmap
    assert "the change since the baseline of 15 January 2026" in heatmap
    assert "Only in the baseline, so not shown: department Service." in heatmap


@pytest.mark.pdf
def test_radar_legend_names_the_baseline_for_departments_it_covers(workshop_with_baseline) -> None:
    with_baseline = workshop_with_baseline
    sales = page_with(with_baseline, "DEPARTMENT Sales")
    assert "Since 15 January 2026: 3.00 → 3.33 (+0.33), Mobilise, unchanged." in sales
    assert "Baseline, 15 January 2026" in sales
    it = page_with(with_baseline, "DEPARTMENT IT")
    assert "Since 15 January 2026: new, not surveyed at the baseline." in it
    assert "Baseline, 15 January 2026" not in it  # nothing to draw, so no key for it


@pytest.mark.pdf
def test_radar_draws_the_baseline_scores(mini, workshop_with_baseline) -> None:
    html = (mini.root / "workshop-baseline.html").read_text(encoding="utf-8")
    # Sales's baseline: leadership 2.50, data 4.00, on the same axes as today's polygon.
    radar = charts.radar(["Leadership", "Data"], [True, True], width=RADAR_WIDTH)
    assert f'd="{radar.path([2.5, 4.0])}" fill="none" stroke="{BASELINE_COLOUR}"' in html
    assert html.count(f'fill="none" stroke="{BASELINE_COLOUR}"') == 1  # Sales only, not IT


# ------------------------------------------------------------------ other baselines


@pytest.mark.pdf
def test_without_baseline_there_is_no_progress(mini) -> None:
    code, stderr, out = mini.report("plain")
    assert code == 0, stderr
    text = " ".join(pages(out))
    assert "Progress since" not in text
    assert "Baseline," not in text
    assert "since the baseline" not in text
    html = (mini.root / "plain.html").read_text(encoding="utf-8")
    assert BASELINE_COLOUR not in html.split("</style>", 1)[1]
    assert "cell-delta" not in html.split("</style>", 1)[1]


@pytest.mark.pdf
def test_scores_json_baseline_gives_the_same_progress(mini, with_baseline) -> None:
    saved = mini.root / "scores-2026-01.json"
    scored = run_cli("score", mini.baseline, "-q", mini.questionnaire, "-f", "json", "-o", saved)
    assert scored.exit_code == 0, scored.stderr
    code, stderr, out = mini.report("from-scores", "--baseline", saved, "--min-group", "1")
    assert code == 0, stderr
    progress = page_with(pages(out), SINCE)
    # A long path wraps where the line ends, so compare it with the breaks taken out.
    assert f"(readfrom{saved})" in "".join(progress.split())
    # The source paths differ and wrap wherever their length takes them; all else is equal.
    unsourced = re.compile(r"\(read from [^)]*\)")
    assert unsourced.sub("", progress) == unsourced.sub("", page_with(with_baseline, SINCE))


@pytest.mark.pdf
def test_different_questionnaire_versions_warn_in_the_report(mini) -> None:
    older = write_folder(mini.write, "baseline-0.9", BASELINE, version="0.9")
    code, stderr, out = mini.report("versions", "--baseline", older)
    assert code == 0, stderr
    warning = "the baseline used mini version 0.9 and the current side version 1"
    assert f"warning: {warning}" in stderr
    progress = page_with(pages(out), SINCE)
    assert f"Warning: {warning}: questions may differ" in progress


def test_broken_baseline_is_one_located_error_and_writes_nothing(mini) -> None:
    broken = mini.write("broken/sales-ann.yaml", "format: cxmaturity.answers/1\nanswers: [\n")
    code, stderr, out = mini.report("broken", "--baseline", broken.parent)
    assert code == 2
    assert stderr.startswith(f"error: {broken}:")
    assert stderr.count("\n") == 1
    assert not out.exists()


def test_broken_scores_baseline_is_located(mini, tmp_path) -> None:
    saved = tmp_path / "scores.json"
    scored = run_cli("score", mini.baseline, "-q", mini.questionnaire, "-f", "json", "-o", saved)
    assert scored.exit_code == 0, scored.stderr
    text = saved.read_text(encoding="utf-8")
    saved.write_text(text.replace('"stage": 3,', '"stage": 4,', 1), encoding="utf-8")
    code, stderr, out = mini.report("broken-scores", "--baseline", saved)
    assert code == 2
    assert stderr.startswith(f"error: {saved}:")
    assert "stage 4 does not match score 3.44" in stderr
    assert stderr.count("\n") == 1
    assert not out.exists()


def test_missing_baseline_is_an_error(mini, tmp_path) -> None:
    code, stderr, _ = mini.report("missing", "--baseline", tmp_path / "nowhere")
    assert (code, stderr) == (2, f"error: {tmp_path / 'nowhere'}: no such file or folder\n")


# ------------------------------------------------------------------ render_template


def test_render_template_uses_the_shared_environment(tmp_path) -> None:
    (tmp_path / "hello.html.j2").write_text("{{ name }} {{ 0.4 | delta }}", encoding="utf-8")
    # Autoescaped, with the report's filters, from the override folder; and "name" is
    # free for the template's own use.
    assert render_template("hello.html.j2", tmp_path, name="<b>") == "&lt;b&gt; +0.40"
    assert render_template("hello.html.j2", template_dir=tmp_path, name="x") == "x +0.40"
    with pytest.raises(NotFoundError, match=r"not found: nowhere\.html\.j2"):
        render_template("nowhere.html.j2")
