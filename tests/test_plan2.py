"""``plan --format json`` as ``cxmaturity.plan/2`` (issue 22): a roadmap that keeps time,
workstreams with one KPI each, and the board's decisions, on the demo's answers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import run_cli

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases.demo import load_demo, write_answers

MONTHS = {"small": 1, "medium": 3, "large": 6}


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plan2") / "answers"
    write_answers(load_questionnaire("cx-core"), folder, load_demo().seed, 5)
    return folder


def plan(answers: Path, *extra: str) -> dict[str, Any]:
    result = run_cli("plan", answers, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture(scope="module")
def doc(answers: Path) -> dict[str, Any]:
    return plan(answers)


def months(start: str, end: str) -> int:
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    return (b.year - a.year) * 12 + b.month - a.month


def test_plan2_matches_its_schema(doc: dict[str, Any]) -> None:
    schema = json.loads(run_cli("schema", "plan").stdout)
    jsonschema.validate(doc, schema)
    assert doc["format"] == "cxmaturity.plan/2"


def test_each_action_ends_by_its_effort_and_starts_after_its_prerequisites(
    doc: dict[str, Any],
) -> None:
    steps = {s["id"]: s for s in doc["roadmap"]}
    assert steps and all(s["depends_on"] is not None for s in steps.values())
    for step in steps.values():
        assert months(step["start"], step["end"]) == MONTHS[step["effort"]]
        for needed in step["depends_on"]:
            assert steps[needed]["end"] <= step["start"], (needed, step["id"])

    # Dependencies are per action, not per dimension: an action waits for some actions of
    # the dimensions it depends on, not for every one of them (plan/1's requires did).
    def per_action(step: dict[str, Any]) -> bool:
        dims = {steps[d]["dimension"] for d in step["depends_on"]}
        return 0 < len(step["depends_on"]) < sum(s["dimension"] in dims for s in steps.values())

    assert any(per_action(step) for step in steps.values())


def test_at_most_ten_workstreams_each_with_one_dated_kpi(doc: dict[str, Any]) -> None:
    streams = doc["workstreams"]
    assert 1 <= len(streams) <= 10
    covered = [a for w in streams for a in w["actions"]]
    assert sorted(covered) == sorted(s["id"] for s in doc["roadmap"])
    for stream in streams:
        kpi = stream["kpi"]
        assert kpi["baseline"] is not None and kpi["target"] and kpi["due"] == stream["end"]


def test_weakest_and_furthest_below_target_start_in_the_first_quarter_or_say_why(
    answers: Path, doc: dict[str, Any]
) -> None:
    scores = json.loads(run_cli("score", answers, "--format", "json").stdout)
    dims = scores["organisation"]["dimensions"]
    weakest = min(dims, key=lambda d: d["score"])["id"]
    late = {x["dimension"]: x for x in doc["late_starts"]}
    for dimension in {weakest, *late}:
        first = min(s["start"] for s in doc["roadmap"] if s["dimension"] == dimension)
        if months(doc["start"], first) >= 3:
            # Only a prerequisite may hold it back, and the plan names it.
            blockers = late[dimension]["blocked_by"]
            assert (
                blockers
                and all(
                    any(s["id"] == b and s["end"] == first for s in doc["roadmap"])
                    for b in blockers
                )
                is not None
            )
        else:
            assert dimension not in late


def test_a_target_two_stages_up_goes_stage_by_stage(answers: Path) -> None:
    doc = plan(answers, "--target", "align")
    steps = {s["id"]: s for s in doc["roadmap"]}
    chains = [
        s
        for s in steps.values()
        if s["from_stage"] == "operationalise"
        and any(steps[d]["from_stage"] == "mobilise" for d in s["depends_on"])
    ]
    assert chains, "no step out of Operationalise follows its step out of Mobilise"


def test_three_to_five_decisions_each_with_a_role_a_milestone_and_a_dated_kpi(
    doc: dict[str, Any],
) -> None:
    asks = doc["decisions"]
    assert 3 <= len(asks) <= 5
    assert len({a["dimension"] for a in asks}) == len(asks)
    for ask in asks:
        assert ask["accountable"] and ask["milestone"] and ask["milestone_due"]
        assert ask["kpi"]["baseline"] is not None and ask["kpi"]["due"]
        # "Approve and resource" only where there is something to pay for.
        assert (ask["verb"] == "approve-and-resource") == (ask["cost"] in ("medium", "high"))
