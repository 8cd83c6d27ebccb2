"""Confidence intervals: the method by hand, and the figures in `score --format json`."""

from __future__ import annotations

import json
import math

import pytest
from conftest import REPO

from cxmaturity import confidence

MINI = REPO / "tests" / "data" / "mini.yaml"
ANSWERS = REPO / "tests" / "data" / "mini-answers"


def test_t_critical_values_from_the_table_and_the_normal_beyond() -> None:
    assert confidence.t_critical(1) == 12.706
    assert confidence.t_critical(9) == 2.262
    assert confidence.t_critical(30) == 2.042
    assert confidence.t_critical(200) == 1.96
    with pytest.raises(ValueError):
        confidence.t_critical(0)


def test_interval_of_a_mean_by_hand() -> None:
    values = [3.0, 3.2, 3.4, 3.6, 3.8]
    # mean 3.4, s = sqrt(0.1), t(4) = 2.776: half-width 2.776 * sqrt(0.1 / 5) = 0.3926
    interval = confidence.of_mean(values)
    assert interval == confidence.Interval(3.01, 3.79, 5)
    assert not interval.borderline
    assert math.isclose(confidence.half_width(values) or 0, 2.776 * math.sqrt(0.1 / 5))


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
