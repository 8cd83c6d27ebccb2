"""Direct tests of the core below the CLI: the targets layer and the gate rules.

The workshop is tests/data/mini*.yaml, worked out by hand in test_scoring.py: Alpha
3.55 Mobilise (d1 3.35, d2 3.50, d3 4.00), Beta 4.25 Operationalise (d1 undefined),
organisation 3.90 Mobilise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cxmaturity.core.gate import below_bar, below_targets
from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import DepartmentTarget, Targets, apply_targets
from cxmaturity.usecases.assessment import assess

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def result() -> Result:
    return assess([DATA / "mini-answers"], DATA / "mini.yaml").result


def test_apply_targets_sets_targets_and_gaps_and_changes_no_score(result: Result) -> None:
    goal = Targets(
        organisation=Stage.ALIGN,
        departments={"alpha": DepartmentTarget(Stage.OPERATIONALISE, {"d2": Stage.EMBED})},
    )
    aimed = apply_targets(result, goal)
    alpha, beta = aimed.departments
    assert (alpha.target, alpha.gap) == (Stage.OPERATIONALISE, 1)
    assert [(d.id, d.target, d.gap) for d in alpha.dimensions] == [
        ("d1", Stage.OPERATIONALISE, 1),
        ("d2", Stage.EMBED, 3),
        ("d3", Stage.OPERATIONALISE, 0),
    ]
    assert (beta.target, beta.gap) == (Stage.ALIGN, 1)
    assert beta.dimensions[0].gap is None  # d1 has no score in Beta: no gap to tell
    assert (aimed.organisation.target, aimed.organisation.gap) == (Stage.ALIGN, 2)
    # Only targets and gaps differ: clearing them gives back the result as scored.
    assert apply_targets(aimed, None) == result
    assert [d.score for d in aimed.departments] == [d.score for d in result.departments]


def test_scoring_alone_sets_no_target(result: Result) -> None:
    assert result.organisation.target is None
    assert all(d.target is None and d.gap is None for d in result.departments)


def test_assess_with_targets_is_scoring_then_the_targets_layer(result: Result) -> None:
    goal = Targets.uniform(Stage.ALIGN)
    aimed = assess([DATA / "mini-answers"], DATA / "mini.yaml", goal).result
    assert aimed == apply_targets(result, goal)


@pytest.mark.parametrize(
    ("bar", "reason"),
    [
        (Stage.MOBILISE, None),
        (Stage.OPERATIONALISE, "the organisation is at Mobilise (3.90), below the bar of "),
    ],
)
def test_below_bar(result: Result, bar: Stage, reason: str | None) -> None:
    found = below_bar(result, bar)
    assert found == (None if reason is None else reason + bar.label)


def test_below_targets_names_every_gap_and_what_cannot_be_measured(result: Result) -> None:
    reasons = below_targets(apply_targets(result, Targets.uniform(Stage.OPERATIONALISE)))
    assert reasons == [
        "Alpha is at Mobilise, 1 stage below its target Operationalise",
        "Alpha · Dimension one is at Mobilise, 1 stage below its target Operationalise",
        "Alpha · Dimension two is at Mobilise, 1 stage below its target Operationalise",
        "Beta · Dimension one has no score (too few answers) to compare with its target "
        "Operationalise",
        "Beta · Dimension two is at Mobilise, 1 stage below its target Operationalise",
    ]


def test_no_targets_means_no_gate_failures(result: Result) -> None:
    assert below_targets(result) == []


def test_report_scores_once_and_renders_the_result_whose_warnings_it_printed(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cxmaturity.usecases.assessment as api
    from cxmaturity.render import packs, pdf

    scored: list[Result] = []
    rendered: list[Result] = []
    real_score, real_board = api.score, packs.board

    def score_spy(*args: Any, **kwargs: Any) -> Result:
        scored.append(real_score(*args, **kwargs))
        return scored[-1]

    def board_spy(result: Result, *args: Any, **kwargs: Any) -> dict[str, Any]:
        rendered.append(result)
        return real_board(result, *args, **kwargs)

    monkeypatch.setattr(api, "score", score_spy)
    monkeypatch.setattr(packs, "board", board_spy)
    monkeypatch.setattr(pdf, "write_pdf", lambda text, out, dirs: 1)
    # Two files for one person: a warning that must come from the one scoring pass.
    answers = tmp_path / "answers"
    answers.mkdir()
    for name in ("a1.yaml", "a2.yaml", "b1.json"):
        (answers / name).write_bytes((DATA / "mini-answers" / name).read_bytes())
    (answers / "a1-again.yaml").write_bytes((DATA / "mini-answers" / "a1.yaml").read_bytes())
    run = cli("report", answers, "-q", DATA / "mini.yaml", "-o", tmp_path / "r.pdf")
    assert run.exit_code == 0, run.stderr
    assert len(scored) == 1 and len(rendered) == 1
    # The very respondents scored once, not a second scoring pass's copies.
    assert rendered[0].respondents is scored[0].respondents
    assert rendered[0].warnings == scored[0].warnings
    printed = [
        line.removeprefix("warning: ")
        for line in run.stderr.splitlines()
        if line.startswith("warning: ")
    ]
    assert printed == list(rendered[0].warnings) and "present twice" in printed[0]
    # No target was given: the rendered result is the scored one, aimed one stage higher.
    assert rendered[0].organisation.target == Stage.OPERATIONALISE
    assert [d.score for d in rendered[0].departments] == [d.score for d in scored[0].departments]
