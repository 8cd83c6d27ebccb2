"""Confidence intervals: the method by hand, and the figures in `score --format json`."""

from __future__ import annotations

import json
import math

import pytest
from conftest import REPO

from cxmaturity.core import confidence

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"


@pytest.mark.parametrize(
    ("df", "expected"),
    # Published two-sided 95% values (e.g. NIST/SEMATECH e-Handbook, Table 1.3.6.7.2).
    [(1, 12.706205), (9, 2.262157), (30, 2.042272), (31, 2.039513), (100, 1.983972),
     (1000, 1.962339), (10**6, 1.959966)],
)  # fmt: skip
def test_t_critical_is_exact_for_every_degree_of_freedom(df: int, expected: float) -> None:
    # The old table fell back to 1.96 from 31 respondents: 4% too narrow there.
    assert confidence.t_critical(df) == pytest.approx(expected, abs=2e-6)


def test_t_critical_needs_a_degree_of_freedom() -> None:
    with pytest.raises(ValueError):
        confidence.t_critical(0)


def test_a_board_reads_uncertain_borderline_or_firm() -> None:
    from cxmaturity.core.stages import Stage

    wide = confidence.Interval(2.40, 3.60, 4)
    assert confidence.reading(wide, Stage.ALIGN) == "uncertain"
    assert confidence.reading(None, Stage.ALIGN) == "uncertain"
    # Crosses the Explore/Mobilise boundary, but the target is Operationalise: firm.
    assert confidence.reading(confidence.Interval(2.80, 3.30, 9), Stage.OPERATIONALISE) == "firm"
    assert confidence.reading(confidence.Interval(3.80, 4.30, 9), Stage.OPERATIONALISE) == (
        "borderline"
    )


def test_a_change_carries_an_interval_and_a_move_is_claimed_only_clear_of_the_boundary() -> None:
    from cxmaturity.core.comparison import Change, Scored
    from cxmaturity.core.stages import Stage

    before = Scored("x", "X", 2.80, Stage.EXPLORE, confidence.Interval(2.60, 3.00, 9))
    close = Scored("x", "X", 3.10, Stage.MOBILISE, confidence.Interval(2.90, 3.30, 9))
    clear = Scored("x", "X", 3.40, Stage.MOBILISE, confidence.Interval(3.10, 3.70, 9))
    assert not Change("x", "X", before, close).move_claimed
    assert Change("x", "X", before, clear).move_claimed
    span = Change("x", "X", before, close).interval
    assert span is not None
    # √(0.2² + 0.2²) = 0.28 around +0.30
    assert (span.low, span.high) == (0.02, 0.58) and span.clear


def test_interval_of_a_mean_by_hand() -> None:
    values = [3.0, 3.2, 3.4, 3.6, 3.8]
    # mean 3.4, s = sqrt(0.1), t(4) = 2.776: half-width 2.776 * sqrt(0.1 / 5) = 0.3926
    interval = confidence.of_mean(values)
    assert interval == confidence.Interval(3.01, 3.79, 5)
    assert not interval.borderline
    assert math.isclose(
        confidence.half_width(values) or 0, 2.776445 * math.sqrt(0.1 / 5), rel_tol=1e-6
    )


def test_no_interval_from_one_value_and_clipping_to_the_scale() -> None:
    assert confidence.of_mean([4.0]) is None
    assert confidence.of_mean([]) is None
    wide = confidence.of_mean([1.0, 6.0])
    assert wide == confidence.Interval(1.0, 6.0, 2)


def test_borderline_when_the_ends_lie_in_different_stages() -> None:
    # 2.93 with a half-width of 0.2: from late Explore into Mobilise.
    assert confidence.around(2.93, [2.73, 3.13]) is not None
    assert confidence.Interval(2.80, 3.06, 3).borderline
    assert not confidence.Interval(3.01, 3.79, 5).borderline


def test_score_json_carries_every_interval(cli) -> None:
    result = cli("score", ANSWERS, "-q", MINI, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    alpha = data["departments"][0]
    d1 = alpha["dimensions"][0]
    # Alpha's respondents score d1 at 3.5 and 3.2: 3.35 ± 12.706 * 0.15.
    assert d1["interval"] == {"low": 1.44, "high": 5.26, "n": 2}
    assert d1["borderline"] is True
    # d3 has one respondent in alpha: no interval.
    assert alpha["dimensions"][2]["interval"] is None
    assert alpha["interval"]["n"] == 2
    org = data["organisation"]
    assert org["interval"] == {"low": 1.0, "high": 6.0, "n": 2}
    assert [d["interval"] is None for d in org["dimensions"]] == [True, False, False]


def test_explain_shows_how_the_interval_was_made(cli) -> None:
    result = cli("explain", ANSWERS, "-q", MINI, "-d", "alpha", "--dimension", "d1")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "reported: 3.35 → stage 3 Mobilise (borderline)" in text
    assert "95% interval: 3.35 ± t(1) 12.706 × s 0.2121… / √2 (respondent scores)" in text
    assert "→ 1.44–5.26 (kept within 1–6) · borderline" in text
    data = cli("explain", ANSWERS, "-q", MINI, "-d", "alpha", "--format", "json").stdout
    department = json.loads(data)["department"]
    assert department["dimensions"][0]["interval"] == {"low": 1.44, "high": 5.26, "n": 2}
    assert "Student-t" in department["interval_method"]


def test_the_score_table_marks_borderline_stages(cli) -> None:
    result = cli("score", ANSWERS, "-q", MINI)
    assert result.exit_code == 0, result.stderr
    # The organisation's interval (1.00-6.00) spans every stage.
    assert "Organisation: 3.90  Mobilise (borderline)" in result.stdout
