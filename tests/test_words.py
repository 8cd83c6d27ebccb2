"""The wording layer on the core's structured results: movements, one-sided lists, the
headline and the caveats, in English and in another language."""

from __future__ import annotations

from conftest import REPO

from cxmaturity.core.comparison import Change, Scored, compare_snapshots, snapshot_of
from cxmaturity.core.findings import Reliance, reliance
from cxmaturity.core.headline import headline
from cxmaturity.core.stages import Stage
from cxmaturity.usecases.assessment import assess
from cxmaturity.words.caveats import caveats, relied_on
from cxmaturity.words.comparison import movement, one_sided
from cxmaturity.words.headline import say
from cxmaturity.words.language import language

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"
ALPHA = [ANSWERS / "a1.yaml", ANSWERS / "a2.yaml"]


def _scored(stage: Stage | None) -> Scored:
    return Scored("sales", "Sales", None if stage is None else float(stage) + 0.5, stage)


def test_a_movement_in_words() -> None:
    up = Change("sales", "Sales", _scored(Stage.MOBILISE), _scored(Stage.OPERATIONALISE))
    assert movement(up) == "Mobilise → Operationalise"
    assert movement(up, language("de")) == "Mobilisieren → Operationalisieren"
    same = Change("sales", "Sales", _scored(Stage.EXPLORE), _scored(Stage.EXPLORE))
    assert movement(same) == "Explore, unchanged"
    assert movement(Change("sales", "Sales", None, _scored(Stage.EXPLORE))) == "new (Explore)"
    gone = Change("sales", "Sales", _scored(None), None)
    assert movement(gone) == "only in baseline (undefined)"


def test_what_only_one_side_has_is_structured_and_then_worded() -> None:
    before = snapshot_of(assess(ALPHA, MINI, None).result, "before", ("1",))
    after = snapshot_of(assess([ANSWERS], MINI, None).result, "after", ("1",))
    comparison = compare_snapshots(before, after)
    (new,) = comparison.only_in_current
    assert (new.kind, new.name, new.department) == ("department", "Beta", None)
    assert comparison.only_in_baseline == ()
    assert one_sided(comparison, False) == ("department Beta",)
    assert one_sided(comparison, False, language("de")) != ("department Beta",)
    assert one_sided(compare_snapshots(after, before), True) == ("department Beta",)


def test_the_headline_in_words() -> None:
    assessment = assess([ANSWERS], MINI, None)
    line = headline(assessment.result, assessment.questionnaire.model)
    # Two departments: the interval runs from Ignore to Embed, so no stage is named.
    assert line.too_wide
    assert say(line) == "3.90: uncertain, somewhere from Ignore to Embed"
    assert say(line, language("de")).startswith("3,90: ")


def test_caveats_name_the_small_groups_and_count_the_answers() -> None:
    result = assess([ANSWERS], MINI, None).result
    said = caveats(result, min_group=2)
    assert said[0] == "Respondents per department: Alpha 2, Beta 1."
    assert said[1].startswith("Too few to show on their own (fewer than 2 respondents): Beta (1).")
    assert not any("Fewer than 3 respondents" in line and "Beta" in line for line in said)
    assert any(line.startswith("Fewer than 3 respondents: Alpha.") for line in said)
    assert said[-1].startswith("Coverage: ")
    assert "Too few" not in " ".join(caveats(result, min_group=1))


def test_what_the_board_can_rely_on() -> None:
    result = assess([ANSWERS], MINI, None).result
    counts = reliance(result)
    assert isinstance(counts, Reliance)
    assert counts.count == counts.firm + counts.borderline + counts.uncertain > 0
    said = relied_on(result)
    assert said is not None
    assert said.startswith(
        f"What the board can rely on: {counts.firm} of {counts.count} department-by-dimension"
    )
