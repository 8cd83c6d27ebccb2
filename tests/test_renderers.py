"""Each renderer directly: it presents the one Result (or comparison) it is given, as is.

The workshop is tests/data/mini*.yaml (figures in test_scoring.py): Alpha 3.55 Mobilise
with a disagreement on d2 (spread 3.00), Beta 4.25 Operationalise, organisation 3.90.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console

from cxmaturity.core.errors import UsageError
from cxmaturity.core.explain import explain
from cxmaturity.core.roadmap import build_roadmap
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.render import comparison as render_compare
from cxmaturity.render import consensus as render_consensus
from cxmaturity.render import explain as render_explain
from cxmaturity.render import html, packs, questionnaire_md, scores
from cxmaturity.render import plan as render_plan
from cxmaturity.render.numbers import MINUS, cell, fixed, signed, two_places
from cxmaturity.render.paper import paper
from cxmaturity.render.renderer import Options, renderer
from cxmaturity.usecases.assessment import Assessment, assess
from cxmaturity.usecases.comparing import compare_with_baseline
from cxmaturity.usecases.planning import aimed, scheduled
from cxmaturity.words.language import language

DATA = Path(__file__).resolve().parent / "data"
ENGLISH = Options(language())


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess([DATA / "mini-answers"], DATA / "mini.yaml", Targets.uniform(Stage.ALIGN))


def _plain(renderable: object) -> str:
    console = Console(width=100, no_color=True, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def test_table(assessment: Assessment) -> None:
    out = _plain(scores.render_table(assessment.result, with_targets=True))
    assert "Organisation: 3.90  Mobilise" in out
    assert "Alpha · Dimension two: respondents differ by 3.00 stages" in out


def test_csv_rows_are_department_by_dimension(assessment: Assessment) -> None:
    rows = scores.render_csv(assessment.result, with_targets=True).split("\r\n")
    assert rows[1] == "alpha,Alpha,d1,Dimension one,2,3.35,3,Mobilise,0.30,no,5,2,1.44,5.26,yes"
    assert rows[2].startswith("alpha,Alpha,d2,Dimension two,2,3.50,3,Mobilise,3.00,yes,")
    assert len(rows) == 1 + 2 * 3 + 1  # header, six rows, the final line end


def test_markdown_summary(assessment: Assessment) -> None:
    out = scores.render_markdown(assessment.result, with_targets=True)
    assert out.startswith("## CX maturity: 3.90 Mobilise (borderline)\n")
    assert "| Alpha | 2 | 3.55 | Mobilise (borderline) | Align | 2 |" in out
    assert "| Beta | 1 | 4.25 | Operationalise | Align | 1 |" in out
    assert "_(borderline): the score's 95% interval crosses a stage boundary" in out
    assert "- Alpha · Dimension two: spread 3.00" in out


def test_explanation_text_and_json(assessment: Assessment) -> None:
    explanation = explain(assessment.result, "alpha", "d1")
    out = render_explain.render_text(explanation)
    assert "3.35" in out and "Dimension one" in out
    as_json = json.loads(renderer(render_explain.RENDERERS, "json")(explanation, ENGLISH))
    assert as_json["format"] == "cxmaturity.explain/1"
    assert as_json["department"]["id"] == "alpha"


def test_comparison_renderers_agree(assessment: Assessment) -> None:
    comparison = compare_with_baseline(DATA / "mini-answers", assessment, str(DATA / "mini.yaml"))
    view = render_compare.ComparisonView(comparison)
    as_json = json.loads(renderer(render_compare.RENDERERS, "json")(view, ENGLISH))
    assert as_json["organisation"]["delta"] == 0.0
    assert as_json["organisation"]["movement"] == "Mobilise, unchanged"
    assert "0.00" in render_compare.render_markdown(comparison)
    assert render_compare.render_csv(comparison).startswith("department_id,")
    assert "Mobilise, unchanged" in _plain(render_compare.render_table(comparison))


def test_html_report_escapes_and_presents(assessment: Assessment) -> None:
    q = assessment.questionnaire.model
    found = aimed(assessment.result, Targets.uniform(Stage.ALIGN), q)
    result, choice = found.result, found.target
    options = packs.Options("<Acme & Co>", date(2026, 11, 23))
    steps = scheduled(found, q)
    roadmap = build_roadmap(result, q, choice)
    context = packs.board(
        result, q, roadmap, found.plan, options, timed=steps.schedule, asks=steps.asks
    )
    page = html.render_pack("board", context)
    assert "&lt;Acme &amp; Co&gt;" in page and "<Acme" not in page
    assert "3.90" in page


def test_printable_questionnaire() -> None:
    q = load_questionnaire(DATA / "mini.yaml").model
    out = questionnaire_md.render_markdown(paper(q))
    assert out.startswith("# Mini questionnaire\n")
    assert out.count(questionnaire_md.BOX) >= 6 * len(q.questions)


def test_one_set_of_number_formatters() -> None:
    assert [fixed(None), fixed(2.5), two_places(None), two_places(3)] == ["–", "2.50", None, "3.00"]
    assert [signed(0.0), signed(0.42), signed(-0.1), signed(None)] == [
        "0.00",
        "+0.42",
        "-0.10",
        "–",
    ]
    assert [cell("=SUM(A1)"), cell(None), cell(3)] == ["'=SUM(A1)", "", 3]


def test_one_signed_delta_in_every_language_and_on_paper() -> None:
    german = language("de")
    assert [signed(-0.5, german), signed(0.0, german), signed(None, german)] == [
        "-0,50",
        "0,00",
        "–",
    ]
    assert signed(-0.3, language(), MINUS) == "\u22120.30"
    assert signed(1.25, german, MINUS) == "+1,25"


TABLES = {
    "scores": scores.RENDERERS,
    "comparison": render_compare.RENDERERS,
    "explain": render_explain.RENDERERS,
    "plan": render_plan.RENDERERS,
    "consensus": render_consensus.RENDERERS,
}


@pytest.mark.parametrize("subject", sorted(TABLES))
def test_an_unknown_format_is_refused_through_the_table(subject: str) -> None:
    with pytest.raises(UsageError, match="--format 'yaml' is not one of "):
        renderer(TABLES[subject], "yaml")


def test_each_format_of_score_is_one_entry_in_its_table(assessment: Assessment) -> None:
    assert set(scores.RENDERERS) == {"table", "json", "csv", "markdown", "junit"}
    view = scores.ScoresView(assessment.result)
    options = Options(language(), with_targets=True)
    out = renderer(scores.RENDERERS, "markdown")(view, options)
    assert out == scores.render_markdown(assessment.result, with_targets=True)
    table = renderer(scores.RENDERERS, "table")(view, options)
    assert table == _plain(scores.render_table(assessment.result, with_targets=True))
    assert json.loads(renderer(scores.RENDERERS, "json")(view, options))["format"] == (
        "cxmaturity.scores/1"
    )


def test_every_format_the_cli_offers_is_an_entry_in_its_table() -> None:
    from cxmaturity.cli.consensus import RoundFormat
    from cxmaturity.cli.plan import PlanFormat
    from cxmaturity.cli.scoring import CompareFormat, ExplainFormat, ScoreFormat

    # The workbook is the board pack's, written by the report's use case, not a rendering.
    assert {str(f) for f in ScoreFormat} - {"xlsx"} == set(scores.RENDERERS)
    assert {str(f) for f in CompareFormat} == set(render_compare.RENDERERS)
    assert {str(f) for f in ExplainFormat} == set(render_explain.RENDERERS)
    assert {str(f) for f in PlanFormat} == set(render_plan.RENDERERS)
    assert {str(f) for f in RoundFormat} == set(render_consensus.RENDERERS)
