"""The use cases on the demo workshop: what they build, and how often."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cxmaturity.core import decisions, roadmap, schedule
from cxmaturity.core import plan as core_plan
from cxmaturity.render.pack_models import BoardPack
from cxmaturity.usecases import demo, planning
from cxmaturity.usecases.assessment import Assessment, assess
from cxmaturity.usecases.questionnaires import questionnaire
from cxmaturity.usecases.reporting import PackOptions, pack_context


@pytest.fixture(scope="module")
def assessment(tmp_path_factory: pytest.TempPathFactory) -> Assessment:
    folder = tmp_path_factory.mktemp("demo") / "answers"
    data = demo.load_demo()
    demo.write_answers(questionnaire(data.questionnaire), folder, data.seed)
    return assess([folder])


def test_a_pack_builds_its_plan_once_for_its_list_and_its_roadmap(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> core_plan.Plan:
        built.append(1)
        return core_plan.build_plan(*args, **kwargs)

    def refused(*args: Any, **kwargs: Any) -> core_plan.Plan:
        raise AssertionError("the roadmap planned again")

    monkeypatch.setattr(planning, "build_plan", counted)
    monkeypatch.setattr(roadmap, "build_plan", refused)
    shown = pack_context(assessment, None, "board", PackOptions("Acme", today=date(2026, 12, 8)))
    assert built == [1]
    assert assessment.questionnaire.model.question_steps  # the roadmap reads the plan's steps
    assert shown.plan.total > len(shown.plan.actions) == core_plan.DEFAULT_LIMIT
    assert shown.context.shared.plan is shown.plan


def _count_calls(monkeypatch: pytest.MonkeyPatch, *functions: Any) -> dict[str, int]:
    """Count the calls of ``functions`` under every name a cxmaturity module holds them by."""
    calls = {f.__name__: 0 for f in functions}

    def counting(real: Any) -> Any:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[real.__name__] += 1
            return real(*args, **kwargs)

        return counted

    for module in [m for name, m in sys.modules.items() if name.startswith("cxmaturity")]:
        for name, value in list(vars(module).items()):
            if any(value is f for f in functions):
                monkeypatch.setattr(module, name, counting(value))
    return calls


def test_a_board_pack_plans_times_and_decides_once_in_its_use_case(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxmaturity.render import board_story, packs  # loaded, so their names are counted too

    del board_story, packs
    calls = _count_calls(
        monkeypatch, core_plan.build_plan, schedule.build_schedule, decisions.decide
    )
    shown = pack_context(assessment, None, "board", PackOptions("Acme", today=date(2026, 12, 8)))
    assert calls == {"build_plan": 1, "build_schedule": 1, "decide": 1}
    assert isinstance(shown.context, BoardPack)
    # The roadmap the board shows times every step of the one plan, the use case's.
    q = assessment.questionnaire.model
    whole = planning.scheduled(planning.aimed(assessment.result, None, q), q).schedule
    assert shown.context.story.timed_steps == len(whole.steps)


def test_the_office_workbook_plans_times_and_decides_once(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cxmaturity.render import board_story, packs  # loaded, so their names are counted too
    from cxmaturity.usecases.office import build_office

    del board_story, packs
    calls = _count_calls(
        monkeypatch, core_plan.build_plan, schedule.build_schedule, decisions.decide
    )
    build_office(assessment, None, tmp_path / "book.xlsx", "xlsx", organisation="Acme")
    assert calls == {"build_plan": 1, "build_schedule": 1, "decide": 1}


def test_plan_times_and_decides_once(
    assessment: Assessment, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_calls(
        monkeypatch, core_plan.build_plan, schedule.build_schedule, decisions.decide
    )
    planning.plan([assessment.answer_sets[0].path.parent], None, None, "en")
    assert calls == {"build_plan": 1, "build_schedule": 1, "decide": 1}


def test_the_short_list_is_the_first_actions_of_the_whole_plan(assessment: Assessment) -> None:
    q = assessment.questionnaire.model
    found = planning.aimed(assessment.result, None, q, limit=4)
    direct = core_plan.build_plan(found.result, q, 4, target_defaulted=True)
    assert found.plan == direct
    assert found.every_step.actions[:4] == found.plan.actions
    assert found.plan.departments == found.every_step.departments


def test_the_roadmap_from_the_plan_is_the_roadmap_it_would_build(assessment: Assessment) -> None:
    q = assessment.questionnaire.model
    found = planning.aimed(assessment.result, None, q)
    given = roadmap.build_roadmap(found.result, q, found.target, found.every_step)
    assert given == roadmap.build_roadmap(found.result, q, found.target)


def test_plan_times_every_step_of_the_one_plan(assessment: Assessment) -> None:
    folder = assessment.answer_sets[0].path.parent
    found = planning.plan([folder], None, None, "en", limit=3)
    assert len(found.aimed.plan.actions) == 3
    # Each action of the whole plan is timed (with the later steps on its route).
    timed = {step.action.id for step in found.timed.steps}
    assert {action.id for action in found.aimed.every_step.actions} <= timed


def test_each_export_and_office_format_is_one_entry_in_its_use_cases_table() -> None:
    from cxmaturity.cli.questionnaire import ExportFormat
    from cxmaturity.usecases.office import OFFICE_WRITERS
    from cxmaturity.usecases.questionnaires import EXPORTS

    assert set(EXPORTS) == {f.value for f in ExportFormat}
    assert set(OFFICE_WRITERS) == {"pptx", "xlsx"}


def test_every_min_group_default_is_the_cores() -> None:
    """The commands write their --min-group default out (importing the core would slow
    --help); each still says what core.findings.MIN_GROUP says."""
    import typer.main

    from cxmaturity.cli.app import app
    from cxmaturity.core.findings import MIN_GROUP

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    defaults = {
        name: param.default
        for name, command in commands.items()
        for param in command.params
        if param.name == "min_group"
    }
    assert set(defaults) >= {"report", "workshop", "consensus"}
    assert defaults == dict.fromkeys(defaults, MIN_GROUP)
