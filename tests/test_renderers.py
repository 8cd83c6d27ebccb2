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

from cxmaturity.core.explain import explain
from cxmaturity.core.roadmap import build_roadmap
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.render import compare as render_compare
from cxmaturity.render import data, html, packs, questionnaire_md, text
from cxmaturity.render import explain as render_explain
from cxmaturity.render.numbers import cell, fixed, signed, two_places
from cxmaturity.render.paper import paper
from cxmaturity.usecases.assessment import Assessment, assess
from cxmaturity.usecases.comparing import compare_with_baseline
from cxmaturity.usecases.planning import aimed

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess([DATA / "mini-answers"], DATA / "mini.yaml", Targets.uniform(Stage.ALIGN))


def _plain(renderable: object) -> str:
    console = Console(width=100, no_color=True, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def test_table(assessment: Assessment) -> None:
    out = _plain(text.render_table(assessment.result, with_targets=True))
    assert "Organisation: 3.90  Mobilise" in out
    assert "Alpha · Dimension two: respondents differ by 3.00 stages" in out


def test_csv_rows_are_department_by_dimension(assessment: Assessment) -> None:
    rows = data.render_csv(assessment.result, with_targets=True).split("\r\n")
    assert rows[1] == "alpha,Alpha,d1,Dimension one,2,3.35,3,Mobilise,0.30,no,5,2,1.44,5.26,yes"
    assert rows[2].startswith("alpha,Alpha,d2,Dimension two,2,3.50,3,Mobilise,3.00,yes,")
    assert len(rows) == 1 + 2 * 3 + 1  # header, six rows, the final line end


def test_markdown_summary(assessment: Assessment) -> None:
    out = data.render_markdown(assessment.result, with_targets=True)
    assert out.startswith("## CX maturity: 3.90 Mobilise (borderline)\n")
    assert "| Alpha | 2 | 3.55 | Mobilise (borderline) | Align | 2 |" in out
    assert "| Beta | 1 | 4.25 | Operationalise | Align | 1 |" in out
    assert "_(borderline): the score's 95% interval crosses a stage boundary" in out
    assert "- Alpha · Dimension two: spread 3.00" in out


def test_explanation_text_and_json(assessment: Assessment) -> None:
    explanation = explain(assessment.result, "alpha", "d1")
    out = render_explain.render_text(explanation)
    assert "3.35" in out and "Dimension one" in out
    as_json = json.loads(render_explain.render_json(explanation))
    assert as_json == render_explain.to_data(explanation)


def test_comparison_renderers_agree(assessment: Assessment) -> None:
    comparison = compare_with_baseline(DATA / "mini-answers", assessment, str(DATA / "mini.yaml"))
    as_json = json.loads(render_compare.render_json(comparison))
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
    context = packs.board(result, q, build_roadmap(result, q, choice), found.plan, options)
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
