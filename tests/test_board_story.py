"""The board pack as a board reads it (issue 22): confidence, headline, decisions, roadmap,
the "so what" page and its language, read back from the demo's PDFs with pypdf."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from conftest import run_cli
from pypdf import PdfReader

from cxmaturity.core import findings, headline
from cxmaturity.core.confidence import Interval
from cxmaturity.core.facts import foundation_cap
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import (
    Coverage,
    DimensionResult,
    OrganisationResult,
    QuestionnaireInfo,
    Result,
)
from cxmaturity.core.stages import Stage, stage_of
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers
from cxmaturity.words.findings import worded
from cxmaturity.words.headline import say

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


def test_the_pack_says_what_the_board_can_rely_on(board: list[str]) -> None:
    summary = next(page for page in board if page.startswith("Findings and confidence"))
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


# ------------------------------------------------------------------ the headline


def test_a_score_whose_range_crosses_a_boundary_is_on_the_boundary(
    demo: Path, board: list[str]
) -> None:
    org = json.loads((demo / "scores.json").read_text(encoding="utf-8"))["organisation"]
    low, high = org["interval"]["low"], org["interval"]["high"]
    assert int(low) + 1 == int(high), "the demo's overall range should cross one boundary"
    names = ["Ignore", "Explore", "Mobilise", "Operationalise", "Align", "Embed"]
    said = f"{org['score']:.2f}: on the boundary between {names[int(low) - 1]} and {names[int(high) - 1]}"
    cover, summary, found = board[0], board[1], board[2]
    # Not "early Mobilise": the range reaches into the stage below.
    assert f"Organisation stage {said}" in cover
    assert summary.startswith(f"Summary {said}")
    assert f"{said} (its 95% range is {low:.2f}–{high:.2f})" in found
    assert "early Mobilise" not in summary + found


def _with_foundation(foundation_score: float) -> tuple[Result, Questionnaire]:
    """An organisation at 4.20 (Operationalise) whose foundation scores ``foundation_score``."""

    def dim(key: str, score: float) -> DimensionResult:
        return DimensionResult(key, key.title(), 1.0, 3, score, score, stage_of(score), None, False)

    base = dim("base", foundation_score)
    assert base.stage is not None
    cap = foundation_cap(Stage.OPERATIONALISE, [("base", base.stage)])
    org = OrganisationResult(
        4.2,
        4.2,
        cap.reported if cap else Stage.OPERATIONALISE,
        (base, dim("top", 5.5)),
        interval=Interval(4.05, 4.35, 3),
        cap=cap,
    )
    result = Result(QuestionnaireInfo("t", "1", "", "T"), (), org, (), (), Coverage(0, 0, 0, 0))
    dims = [SimpleNamespace(id="base", foundation=True), SimpleNamespace(id="top")]
    return result, cast(Questionnaire, SimpleNamespace(dimensions=dims))


def test_foundations_cap_the_headline_stage_and_say_why() -> None:
    result, q = _with_foundation(2.40)  # Explore: Operationalise is two stages above it
    line = headline.headline(result, q)
    assert line.stage == Stage.MOBILISE and line.capped
    found = findings.findings(result, q)[0]
    assert isinstance(found, findings.Overall) and found.headline.capped_by is not None
    said = worded([found])[0].text
    assert (
        "scores 4.20, but it stands at Mobilise: its foundation Base is at 2.40 (Explore)" in said
    )
    assert say(line).startswith("Mobilise, held there by its foundation Base")


def test_a_foundation_one_stage_below_does_not_cap() -> None:
    result, q = _with_foundation(3.40)  # Mobilise: the stage below Operationalise
    line = headline.headline(result, q)
    assert line.stage == Stage.OPERATIONALISE and not line.capped
    assert say(line) == "4.20: Operationalise"


# ------------------------------------------------------- decisions and the roadmap


def test_decisions_are_organisation_level_asks_with_role_cost_milestone_and_kpi(
    demo: Path, board: list[str]
) -> None:
    planned = run_cli("plan", demo / "answers", "--format", "json")
    asks = json.loads(planned.stdout)["decisions"]
    summary = next(page for page in board if page.startswith("Summary"))
    shown = summary.split("Decisions for the board", 1)[1].split("Risks in the answers", 1)[0]
    assert shown.count("By day 90:") == len(asks) >= 3 and shown.count("KPI:") == len(asks)
    assert "today," in shown and " by " in shown
    # "Approve and resource" only where the steps carry a medium or high cost.
    resourced = sum(a["verb"] == "approve-and-resource" for a in asks)
    assert shown.count("Approve and resource:") == resourced
    assert shown.count("Mandate:") == len(asks) - resourced
    for ask in asks:
        assert ask["accountable"] in shown


def test_the_roadmap_is_a_quarterly_timeline_with_workstreams_on_one_page(
    board: list[str],
) -> None:
    roadmap = [page for page in board if page.startswith("Roadmap")]
    assert len(roadmap) == 1
    page = roadmap[0]
    assert "Q1 2027" in page and "Q4 2027" in page
    assert "KPI: baseline, target and date" in page
    # The weakest dimension cannot start in the first quarter: the pack says which step
    # it waits for.
    assert "cannot start in the first quarter: it waits for" in page


# ------------------------------------------------------------------ the "so what"


def test_the_summary_page_tells_the_story(board: list[str]) -> None:
    summary = board[1]
    assert summary.startswith("Summary")
    for part in ("Three messages", "Decisions for the board", "Risks in the answers"):
        assert part in summary
    messages = summary.split("Three messages", 1)[1].split("Decisions for the board", 1)[0]
    assert messages.count(". ") >= 2 and "weakest dimension" in messages
    # Risks come from the answers: the demo's marketing team handles complaints below
    # Mobilise.
    assert "customers can come to harm and regulators can act" in summary
    assert re.search(r"Complaint handling: Marketing at 2\.\d\d \(Explore\)", summary)


def test_quotes_are_anonymous_and_never_contradict_their_answer(
    demo: Path, board: list[str]
) -> None:
    summary = board[1]
    assert "In their own words" in summary
    assert summary.count("– a respondent in ") in (2, 3)
    # A comment whose writer answered Operationalise or above but says something is missing
    # is for the consultant (workshop pack), not the board.
    assert "hear about the customer promise at induction and never again" not in summary
    # A comment under a department score at Operationalise or above is not the rule's to
    # quote, whatever its own writer answered: Customer service scores Align on service
    # recovery, and its "good at apologising" comment was quoted before this rule.
    from cxmaturity.core.story import HIGH, all_quotes, quotes, widest_split
    from cxmaturity.usecases.assessment import assess

    assessment = assess([demo / "answers"], None, None, "en")
    result = assessment.result
    score = {(d.name, dim.id): dim.score for d in result.departments for dim in d.dimensions}
    pool = all_quotes(result, 3)
    assert any((score[(x.department, x.dimension_id)] or 0) >= HIGH for x in pool)
    q = assessment.questionnaire.model
    picked = quotes(result, q, 3, (), widest_split(result, q, 3))  # as the board pack does
    assert picked and all((score[(x.department, x.dimension_id)] or 0) < HIGH for x in picked)
    assert not any(x.department == "Customer service" and "apologising" in x.text for x in picked)
    workshop = " ".join(pages_of(demo / "workshop-pack.pdf"))
    assert "Comments that contradict a high answer" in workshop
    assert "at induction and never again" in workshop


def test_the_consultant_can_choose_a_quote(demo: Path, tmp_path: Path) -> None:
    from cxmaturity.core.story import contradictions
    from cxmaturity.usecases.assessment import assess

    chosen = contradictions(assess([demo / "answers"], None, None, "en").result, 3)[0]
    listing = tmp_path / "quotes.txt"
    listing.write_text(f"# for the board\n{chosen.id}\n", encoding="utf-8")
    out = tmp_path / "board.pdf"
    result = run_cli("report", demo / "answers", "-o", out, "--quotes", listing)
    assert result.exit_code == 0, result.stderr
    summary = pages_of(out)[1]
    assert chosen.text in summary and "Quotes chosen by the consultant." in summary
    # Without --org the cover names no organisation.
    assert "The organisation" not in pages_of(out)[0]


def test_with_a_baseline_the_summary_gives_the_trend_with_its_range(
    with_baseline: list[str],
) -> None:
    summary = with_baseline[1]
    assert "the overall score moved from" in summary
    assert "Its 95% range (" in summary and (
        "a real change" in summary or "not yet a clear" in summary
    )
    assert len(with_baseline) <= 12


# ------------------------------------------------------------- language and type


@pytest.fixture(scope="module")
def german(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("de") / "board.pdf"
    result = run_cli("report", demo / "answers", "-o", out, "--org", "Acme", "--lang", "de")
    assert result.exit_code == 0, result.stderr
    return pages_of(out)


def test_every_sentence_of_the_german_pack_has_comma_decimals(german: list[str]) -> None:
    text = " ".join(german)
    # Babel writes every figure: 3,05 and never 3.05, in sentences as in tables.
    assert not re.search(r"\b\d\.\d\d\b", text), re.findall(r".{30}\b\d\.\d\d\b", text)[:3]
    assert "3,99 ist noch Mobilisieren" in text
    # Counts too: thousands grouped the German way on the method page.
    assert re.search(r"gaben \d\.\d{3} Antworten", text)
    assert "Entscheidungen für die Geschäftsleitung" in german[1]
    assert "an der Grenze zwischen Erkunden und Mobilisieren" in german[1]
    assert len(german) <= 12


def test_emoji_in_a_quote_are_named_in_words() -> None:
    from cxmaturity.render.board_story import named_emoji

    assert named_emoji("Great work \U0001f44d\ufe0f") == "Great work [thumbs up sign]"
    assert named_emoji("No emoji – 3,5 ✓") == "No emoji – 3,5 ✓"


def test_method_page_keeps_each_swatch_with_its_stage(demo: Path) -> None:
    html = demo / "board.html"
    result = run_cli("report", demo / "answers", "-o", demo / "b.pdf", "--html", html)
    assert result.exit_code == 0, result.stderr
    method = html.read_text(encoding="utf-8").split('class="method"', 1)[1]
    swatches = re.findall(
        r'<span class="swatch-label"><span class="swatch [^"]+"></span> (\w+)', method
    )
    assert len(swatches) == 6
