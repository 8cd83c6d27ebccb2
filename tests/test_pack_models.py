"""The packs' typed view models: one Selection of the departments shown, read by every
part of the pack (tables, charts, progress lookup) and by the templates by name."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from conftest import REPO

from cxmaturity.core.comparison import compare_snapshots, snapshot_of
from cxmaturity.core.roadmap import build_roadmap
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets
from cxmaturity.render import packs
from cxmaturity.render.pack_models import BoardPack, Selection, WorkshopPack
from cxmaturity.usecases.assessment import Assessment, assess
from cxmaturity.usecases.planning import aimed, scheduled

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"
# Alpha has two respondents, Beta one: a minimum group of two hides Beta.


@pytest.fixture(scope="module")
def assessment() -> Assessment:
    return assess([ANSWERS], MINI, None)


def _pack(assessment: Assessment, kind: str, **options: object) -> BoardPack | WorkshopPack:
    q = assessment.questionnaire.model
    found = aimed(assessment.result, Targets.uniform(Stage.ALIGN), q, 15)
    result = found.result
    before = snapshot_of(assessment.result, "before", ("1",))
    comparison = compare_snapshots(before, before)
    made = packs.Options("Acme", date(2026, 11, 23), **options)
    roadmap = build_roadmap(result, q, found.target, found.every_step)
    if kind == "workshop":
        return packs.workshop(result, q, roadmap, found.plan, made, comparison)
    steps = scheduled(found, q, made.min_group)
    return packs.board(
        result, q, roadmap, found.plan, made, comparison, timed=steps.schedule, asks=steps.asks
    )


def test_a_selection_hides_the_small_groups_unless_names_lift_the_rule(
    assessment: Assessment,
) -> None:
    departments = assessment.result.departments
    selection = Selection.of(departments, min_group=2)
    assert selection.hidden == {"beta"}
    assert [d.id for d in selection.shown(departments)] == ["alpha"]
    assert Selection.of(departments, min_group=2, lifted=True).hidden == frozenset()


def test_the_board_reads_its_departments_from_one_selection(assessment: Assessment) -> None:
    pack = _pack(assessment, "board", min_group=2, names=True)
    assert isinstance(pack, BoardPack)
    # The board never names people: --names does not lift the rule there.
    assert pack.selection.hidden == {"beta"}
    assert [d.id for d in pack.board_departments] == ["alpha", "beta"]
    assert [d.id for d in pack.charted_departments] == ["alpha"]
    assert pack.progress is not None and pack.progress.change("beta") is None
    assert pack.progress.change("alpha") is not None and pack.progress.left_out == 1
    names = pack.variables()
    assert names["too_few"] == names["hidden_departments"] == {"beta"}
    # The shared fields and the story's parts are read by their own names.
    assert names["org"] == "Acme" and "decision_rows" in names and "messages" in names


def test_the_workshop_lifts_the_rule_with_names(assessment: Assessment) -> None:
    hidden = _pack(assessment, "workshop", min_group=2)
    named = _pack(assessment, "workshop", min_group=2, names=True)
    assert isinstance(hidden, WorkshopPack) and isinstance(named, WorkshopPack)
    assert [s.shown for s in hidden.sections] == [True, False]
    assert [s.shown for s in named.sections] == [True, True]
    assert hidden.variables()["hidden_departments"] == {"beta"}
    assert named.selection.hidden == frozenset()


def test_a_pack_is_built_whole_and_never_changed_after(assessment: Assessment) -> None:
    pack = _pack(assessment, "board")
    # The use case passes the consensus view and the claims in; nothing sets them later.
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.claims = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        pack["claims"] = None  # type: ignore[index]
