"""The demo workshop's plan, checked against what each department actually answered."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_cli

from cxmaturity.core.stages import Stage, stage_of
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases import demo


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo") / "answers"
    data = demo.load_demo()
    demo.write_answers(load_questionnaire(data.questionnaire), folder, data.seed)
    return folder


@pytest.fixture(scope="module")
def plan(answers: Path) -> dict[str, Any]:
    result = run_cli("plan", answers, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def department_means(answers: Path) -> dict[tuple[str, str], float]:
    """(department, question) -> mean of the stages its respondents gave."""
    given: dict[tuple[str, str], list[int]] = defaultdict(list)
    for path in answers.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for qid, answer in data["answers"].items():
            stage = answer["stage"] if isinstance(answer, dict) else answer
            if isinstance(stage, int):
                given[data["respondent"]["department"], qid].append(stage)
    return {key: sum(v) / len(v) for key, v in given.items()}


def test_the_demo_uses_cx_core_2_1(plan: dict[str, Any]) -> None:
    assert plan["questionnaire"]["id"] == "cx-core"
    assert plan["questionnaire"]["version"] == "2.1"
    assert plan["target_defaulted"] is True
    assert plan["total"] > len(plan["actions"]) == 15


def test_no_department_gets_a_step_twice(plan: dict[str, Any]) -> None:
    for dep, entry in plan["departments"].items():
        titles = [a["title"] for a in entry["actions"]]
        questions = [a["question"] for a in entry["actions"]]
        assert len(titles) == len(set(titles)), dep
        assert len(questions) == len(set(questions)), dep


def test_no_step_contradicts_what_a_department_answered(
    plan: dict[str, Any], answers: Path
) -> None:
    means = department_means(answers)
    target = Stage[plan["target"].upper()]
    checked = 0
    for dep, entry in plan["departments"].items():
        for action in entry["actions"]:
            stage = stage_of(means[dep, action["question"]])
            # The step moves on from exactly where this department stands on this question,
            # and the department is below both the stage it leads to and the target.
            assert stage is not None and stage.key == action["from_stage"], (dep, action["id"])
            assert stage < target
            checked += 1
    assert checked > 50
    # And no department at or above the target on a question gets a step from it.
    planned = {(dep, a["question"]) for dep, e in plan["departments"].items() for a in e["actions"]}
    for (dep, qid), mean in means.items():
        if (stage := stage_of(mean)) is not None and stage >= target:
            assert (dep, qid) not in planned


def test_merged_actions_list_every_department_that_needs_them(plan: dict[str, Any]) -> None:
    merged = [a for a in plan["actions"] if len(a["departments"]) > 1]
    assert merged
    for action in merged:
        for dep in action["departments"]:
            ids = [a["id"] for a in plan["departments"][dep]["actions"]]
            assert action["id"] in ids


def test_prerequisites_come_first(plan: dict[str, Any]) -> None:
    everything = {a["id"]: a for e in plan["departments"].values() for a in e["actions"]}
    for entry in plan["departments"].values():
        for action in entry["actions"]:
            assert set(action["requires"]) <= set(everything)
    order = [a["id"] for a in plan["actions"]]
    for position, action in enumerate(plan["actions"]):
        for needed in action["requires"]:
            if needed in order:
                assert order.index(needed) < position


def test_the_table_fits_100_columns(answers: Path) -> None:
    result = run_cli("plan", answers)
    assert result.exit_code == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert "(no target was set)" in result.stdout
