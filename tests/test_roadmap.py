"""Next steps, default targets, highlights and discussion points, on small inline data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cxmaturity.core.roadmap import build_roadmap, default_target, plan, with_default_target
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import DepartmentTarget, Targets
from cxmaturity.usecases.assessment import Assessment, assess

QUESTIONNAIRE = """
format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny
departments:
  - {id: ops, name: Operations}
  - {id: it, name: IT}
dimensions:
  - {id: lead, name: Leadership, weight: 2}
  - {id: data, name: Data}
  - {id: voice, name: Voice, weight: 1.5}
questions:
  - {id: lead-1, dimension: lead, text: Who owns CX?, options: [a, b, c, d, e, f]}
  - {id: data-1, dimension: data, text: Is the data clean?, options: [a, b, c, d, e, f]}
  - {id: voice-1, dimension: voice, text: Do you listen?, options: [a, b, c, d, e, f]}
recommendations:
  lead:
    explore: [lead from explore 1, lead from explore 2]
    mobilise: [lead from mobilise]
    operationalise: [lead from operationalise]
  data:
    ignore: [data from ignore]
    explore: [data from explore]
    mobilise: [data from mobilise]
  voice:
    explore: [voice from explore]
    mobilise: [voice from mobilise]
"""

Write = Callable[[str, str], Path]


def _answers(write: Write, name: str, dep: str, lead: object, data: object, voice: object) -> None:
    write(
        f"answers/{name}.yaml",
        f"""
        format: cxmaturity.answers/1
        questionnaire: {{id: tiny, version: "1"}}
        respondent: {{name: {name}, department: {dep}}}
        answers: {{lead-1: {lead}, data-1: {data}, voice-1: {voice}}}
        """,
    )


@pytest.fixture
def workshop(write: Write, tmp_path: Path) -> Callable[..., Assessment]:
    questionnaire = write("tiny.yaml", QUESTIONNAIRE)
    # Operations: lead 2, data 1 (undefined for nobody), voice spread 2 -> 1 and 3.
    _answers(write, "ann", "ops", 2, 1, 1)
    _answers(write, "bob", "ops", 2, 1, 3)
    # IT: only "unknown" on data, so its data score is undefined.
    _answers(write, "cy", "it", 3, "unknown", 3)

    def run(targets: Targets | None = None) -> Assessment:
        return assess([tmp_path / "answers"], questionnaire, targets)

    return run


def test_default_target_is_one_above_the_organisation(workshop: Callable[..., Assessment]) -> None:
    assessment = workshop()
    assert assessment.result.organisation.stage == Stage.EXPLORE
    assert default_target(assessment.result) == Stage.MOBILISE


def test_default_target_is_capped_at_embed(write: Write, tmp_path: Path) -> None:
    questionnaire = write("tiny.yaml", QUESTIONNAIRE)
    _answers(write, "ann", "ops", 6, 6, 6)
    result = assess([tmp_path / "answers"], questionnaire).result
    assert default_target(result) == Stage.EMBED


def test_default_target_is_scored_by_the_core_and_flagged(
    workshop: Callable[..., Assessment],
) -> None:
    result, choice = with_default_target(workshop().result, None)
    assert choice.stage == Stage.MOBILISE and choice.defaulted
    ops = result.department("ops")
    assert ops is not None
    assert [(d.id, d.target, d.gap) for d in ops.dimensions] == [
        ("lead", Stage.MOBILISE, 1),
        ("data", Stage.MOBILISE, 2),
        ("voice", Stage.MOBILISE, 1),
    ]


def test_an_explicit_target_is_kept_and_not_flagged(workshop: Callable[..., Assessment]) -> None:
    targets = Targets.uniform(Stage.OPERATIONALISE)
    assessment = workshop(targets)
    result, choice = with_default_target(assessment.result, targets)
    assert result is assessment.result
    assert choice.stage == Stage.OPERATIONALISE and not choice.defaulted


def test_department_targets_without_a_default_still_get_one(
    workshop: Callable[..., Assessment],
) -> None:
    targets = Targets(departments={"it": DepartmentTarget(Stage.ALIGN)})
    result, choice = with_default_target(workshop(targets).result, targets)
    assert choice.defaulted and choice.stage == Stage.MOBILISE
    it, ops = result.department("it"), result.department("ops")
    assert it is not None and ops is not None
    assert it.target == Stage.ALIGN and ops.target == Stage.MOBILISE


def test_next_steps_run_from_the_current_stage_up_to_below_target(
    workshop: Callable[..., Assessment],
) -> None:
    targets = Targets.uniform(Stage.OPERATIONALISE)
    result = workshop(targets).result
    ops = result.department("ops")
    assert ops is not None
    plans = {p.dimension_id: p for p in plan(ops.dimensions, workshop().questionnaire.model)}
    # lead is at Explore (2.00), target Operationalise: Explore's then Mobilise's list.
    assert plans["lead"].steps == (
        "lead from explore 1",
        "lead from explore 2",
        "lead from mobilise",
    )
    assert [s.stage for s in plans["lead"].stages] == [Stage.EXPLORE, Stage.MOBILISE]
    # data is at Ignore: three stages to climb.
    assert plans["data"].steps == ("data from ignore", "data from explore", "data from mobilise")


def test_next_steps_put_the_highest_weighted_gap_first(
    workshop: Callable[..., Assessment],
) -> None:
    targets = Targets.uniform(Stage.OPERATIONALISE)
    assessment = workshop(targets)
    ops = assessment.result.department("ops")
    assert ops is not None
    order = [
        (p.dimension_id, p.gap, p.weighted_gap)
        for p in plan(ops.dimensions, assessment.questionnaire.model)
    ]
    # lead: gap 2 x 2 = 4; voice (2.00): gap 2 x 1.5 = 3; data: gap 3 x 1 = 3, but lower score.
    assert order == [("lead", 2, 4.0), ("data", 3, 3.0), ("voice", 2, 3.0)]


def test_undefined_scores_get_no_next_steps(workshop: Callable[..., Assessment]) -> None:
    targets = Targets.uniform(Stage.OPERATIONALISE)
    assessment = workshop(targets)
    it = assessment.result.department("it")
    assert it is not None and it.dimension("data").score is None
    ids = [p.dimension_id for p in plan(it.dimensions, assessment.questionnaire.model)]
    assert "data" not in ids and ids == ["lead", "voice"]


def test_dimensions_at_target_need_nothing(workshop: Callable[..., Assessment]) -> None:
    targets = Targets.uniform(Stage.IGNORE)
    assessment = workshop(targets)
    roadmap = build_roadmap(
        assessment.result,
        assessment.questionnaire.model,
        with_default_target(assessment.result, targets)[1],
    )
    assert roadmap.organisation == ()
    assert all(dep.dimensions == () for dep in roadmap.departments)


def test_discussion_points_are_questions_spread_two_or_more(
    workshop: Callable[..., Assessment],
) -> None:
    assessment = workshop()
    result, choice = with_default_target(assessment.result, None)
    roadmap = build_roadmap(result, assessment.questionnaire.model, choice)
    assert [(p.department, p.question_id, p.question, p.spread) for p in roadmap.discussion] == [
        ("Operations", "voice-1", "Do you listen?", 2)
    ]
    assert roadmap.highlights.discussion_points == 1
    # Dimension-level: ops respondents score voice 1 and 3, a disagreement too.
    assert roadmap.highlights.disagreements == 1


def test_highlights_rank_organisation_dimensions(workshop: Callable[..., Assessment]) -> None:
    assessment = workshop()
    result, choice = with_default_target(assessment.result, None)
    roadmap = build_roadmap(result, assessment.questionnaire.model, choice)
    # Organisation means: lead (2+3)/2 = 2.5, voice (2+3)/2 = 2.5, data 1 (IT undefined).
    assert [d.id for d in roadmap.highlights.weakest][:1] == ["data"]
    assert [d.id for d in roadmap.highlights.strongest][-1:] == ["data"]
    assert roadmap.highlights.largest_gaps[0].dimension_id == "data"
