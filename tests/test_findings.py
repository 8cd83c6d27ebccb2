"""Findings in words: the rules of cxmaturity.core.findings on small, hand-checked results."""

from __future__ import annotations

from conftest import REPO

from cxmaturity.core import findings
from cxmaturity.core.confidence import Interval
from cxmaturity.usecases.assessment import assess

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"


def test_place_inside_a_stage() -> None:
    assert findings.place(2.93) == "late Explore, 0.07 below Mobilise"
    assert findings.place(3.10) == "early Mobilise, 0.90 below Operationalise"
    assert findings.place(4.5) == "mid Operationalise, 0.50 below Align"
    assert findings.place(6.0) == "early Embed"


def test_overlapping_intervals_cannot_be_told_apart() -> None:
    assert findings.overlaps(Interval(2.0, 3.0, 3), Interval(2.9, 3.5, 3))
    assert not findings.overlaps(Interval(2.0, 2.5, 3), Interval(2.9, 3.5, 3))
    assert findings.overlaps(None, Interval(2.9, 3.5, 3))


def test_findings_from_the_mini_workshop() -> None:
    assessment = assess([ANSWERS], MINI, None)
    made = findings.findings(assessment.result, assessment.questionnaire.model)
    texts = [f.text for f in made]
    # Two departments: the range 1.00–6.00 places the organisation in no stage (issue 22).
    assert texts[0].startswith(
        "Overall the organisation scores 3.90, but its 95% range (1.00–6.00) runs from Ignore "
        "to Embed, so no stage can be claimed."
    )
    # d2 (3.25) is the weakest; d1 (3.35) has no interval (one department), so no ranking.
    assert texts[1].startswith("Dimension two is the weakest dimension at 3.25")
    assert "cannot be told apart with confidence" in texts[1]
    assert texts[2].startswith("Dimension three is the strongest dimension at 4.75")
    assert [f.rule for f in made] == sorted(f.rule for f in made)
    assert 4 <= len(made) <= 6


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
    assert made[-1].text.startswith("Beta rates Dimension three at 5.50; everyone else at 4.00")
