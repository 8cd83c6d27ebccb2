"""Findings: the rules of cxmaturity.core.findings on small, hand-checked results, and the
words cxmaturity.words.findings writes for them."""

from __future__ import annotations

from conftest import REPO

from cxmaturity.core import findings
from cxmaturity.core.confidence import Interval
from cxmaturity.usecases.assessment import assess
from cxmaturity.words.findings import messages, place, worded
from cxmaturity.words.language import language

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"


def test_place_inside_a_stage() -> None:
    assert place(2.93) == "late Explore, 0.07 below Mobilise"
    assert place(3.10) == "early Mobilise, 0.90 below Operationalise"
    assert place(4.5) == "mid Operationalise, 0.50 below Align"
    assert place(6.0) == "early Embed"
    assert place(2.93, language("de")) == "spätes Erkunden, 0,07 unter Mobilisieren"


def test_overlapping_intervals_cannot_be_told_apart() -> None:
    assert findings.overlaps(Interval(2.0, 3.0, 3), Interval(2.9, 3.5, 3))
    assert not findings.overlaps(Interval(2.0, 2.5, 3), Interval(2.9, 3.5, 3))
    assert findings.overlaps(None, Interval(2.9, 3.5, 3))


def test_findings_from_the_mini_workshop_are_structured() -> None:
    assessment = assess([ANSWERS], MINI, None)
    made = findings.findings(assessment.result, assessment.questionnaire.model)
    assert [f.rule for f in made] == sorted(f.rule for f in made)
    assert 4 <= len(made) <= 6
    overall, weakest, strongest = made[:3]
    assert isinstance(overall, findings.Overall) and overall.headline.too_wide
    assert (overall.score, overall.departments) == (3.9, 2)
    # d2 (3.25) is the weakest; d1 (3.35) has no interval (one department), so no ranking.
    assert isinstance(weakest, findings.End) and weakest.dimension.id == "d2"
    assert weakest.neighbour is not None and weakest.neighbour.id == "d1"
    assert weakest.figures == (3.25, weakest.neighbour.score)
    assert isinstance(strongest, findings.End) and strongest.dimension.id == "d3"


def test_findings_from_the_mini_workshop_in_words() -> None:
    assessment = assess([ANSWERS], MINI, None)
    made = worded(findings.findings(assessment.result, assessment.questionnaire.model))
    texts = [f.text for f in made]
    # Two departments: the range 1.00–6.00 places the organisation in no stage (issue 22).
    assert texts[0].startswith(
        "Overall the organisation scores 3.90, but its 95% range (1.00–6.00) runs from Ignore "
        "to Embed, so no stage can be claimed."
    )
    assert made[0].headline == "Where the organisation stands"
    assert texts[1].startswith("Dimension two is the weakest dimension at 3.25")
    assert "cannot be told apart with confidence" in texts[1]
    assert made[1].headline == "Weakest: Dimension two"
    assert texts[2].startswith("Dimension three is the strongest dimension at 4.75")
    german = worded(
        findings.findings(assessment.result, assessment.questionnaire.model), language("de")
    )
    assert german[1].headline != made[1].headline and "3,25" in german[1].text


def test_messages_are_the_first_sentences_of_the_chosen_findings() -> None:
    assessment = assess([ANSWERS], MINI, None)
    made = worded(findings.findings(assessment.result, assessment.questionnaire.model))
    said = messages(made)
    assert said and said[0] == made[1].text.split(". ")[0] + "."
    assert all(m.endswith(".") for m in said)


def test_owners_against_everyone_else() -> None:
    assessment = assess([ANSWERS], MINI, None)
    q = assessment.questionnaire.model
    owned = q.model_copy(
        update={
            "dimensions": [
                d.model_copy(update={"owners": ["beta"]}) if d.id == "d3" else d
                for d in q.dimensions
            ]
        }
    )
    views = {v.dimension_id: v for v in findings.perspectives(assessment.result, owned)}
    d3 = views["d3"]
    # Beta scores d3 at 5.50, Alpha at 4.00: owners 1.50 above everyone else, flagged.
    assert (d3.owners, d3.owners_score, d3.others_score) == (("Beta",), 5.5, 4.0)
    assert d3.difference == 1.5 and d3.flagged
    assert not views["d1"].flagged
    made = findings.findings(assessment.result, owned)
    last = made[-1]
    assert isinstance(last, findings.OwnersAbove) and last.view.dimension_id == "d3"
    assert last.figures == (5.5, 4.0)
    assert worded(made)[-1].text.startswith(
        "Beta rates Dimension three at 5.50; everyone else at 4.00"
    )
