"""`explain`: the derivation printed is the scoring rule's, figure for figure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES, Run, run_cli
from mini_workshop import BASELINE, write_folder, write_questionnaire


@pytest.fixture
def mini(write) -> tuple[Path, Path]:
    return write_questionnaire(write), write_folder(write, "baseline", BASELINE)


def test_text_shows_each_step_for_a_dimension(cli, mini) -> None:
    q, folder = mini
    result: Run = cli("explain", folder, "-q", q, "--department", "sales", "--dimension", "lead")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # Ann: lead-a 4 (weight 2), lead-b 1 (weight 1).
    assert "weighted mean: (2×4 + 1×1) / 3 = 9 / 3 = 3" in out
    # Bob: lead-b unknown stays applicable, so 2 of 3 is answered: still enough.
    assert "answered weight 2 of 3 applicable (67%; 50% needed: enough)" in out
    assert "weighted mean: (2×2) / 2 = 4 / 2 = 2" in out
    assert "mean over 2 respondents: (3 + 2) / 2 = 2.5" in out
    assert "spread (max − min): 1.00" in out
    assert "reported: 2.50 → stage 2 Explore" in out
    assert "data-a" not in out  # only the chosen dimension
    assert "(2×2.5 + 1×4) / 3 = 9 / 3 = 3" in out
    assert "rounded to two decimals: 3 → 3.00" in out
    assert "3.00 → stage 3 Mobilise" in out


def test_text_shows_undefined_and_excluded_answers(cli, mini) -> None:
    q, folder = mini
    result = cli("explain", folder, "-q", q, "-d", "service")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    # Dee answered 1 of 3 on lead and nothing on data: both undefined, left out of the means.
    assert "answered weight 1 of 3 applicable (33%; 50% needed: too few, so undefined)" in out
    assert "answered weight 0 of 4 applicable (0%; 50% needed: too few, so undefined)" in out
    assert "weighted mean: (2×5 + 1×6) / 3 = 16 / 3 = 5.3333…" in out
    assert "mean over 1 respondent: (5.3333…) / 1 = 5.3333…" in out
    # Cy's data-a is n/a: out of the applicable weight, so data is 3×1 / 3.
    assert "not applicable: left out" in out
    assert "weighted mean: (3×1) / 3 = 3 / 3 = 1" in out
    assert "(2×5.3333… + 1×1) / 3 = 11.6667… / 3 = 3.8889…" in out
    assert "rounded to two decimals: 3.8889… → 3.89" in out
    assert "3.89 → stage 3 Mobilise" in out


def test_json_carries_raw_and_reported_figures(cli, mini) -> None:
    q, folder = mini
    result = cli("explain", folder, "-q", q, "-d", "sales", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "cxmaturity.explain/1"
    dep = data["department"]
    assert (dep["raw"], dep["score"], dep["stage_name"]) == (3.0, 3.0, "Mobilise")
    assert (dep["weighted_sum"], dep["weight_total"]) == (9.0, 3.0)
    lead, data_dim = dep["dimensions"]
    bob = lead["respondents"][1]
    assert bob["items"] == [
        {"question": "lead-a", "weight": 2.0, "answer": 2, "counts": "answered"},
        {"question": "lead-b", "weight": 1.0, "answer": "unknown", "counts": "unanswered"},
    ]
    assert (bob["applicable_weight"], bob["answered_weight"], bob["score"]) == (3.0, 2.0, 2.0)
    assert (data_dim["counted"], data_dim["raw"], data_dim["spread"]) == ([3.0, 5.0], 4.0, 2.0)
    assert data_dim["disagreement"] is True


def test_targets_show_in_the_derivation(cli, mini, write) -> None:
    q, folder = mini
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        departments:
          sales: {default: align, dimensions: {data: operationalise}}
        """,
    )
    result = cli("explain", folder, "-q", q, "-d", "sales", "--targets", targets)
    assert result.exit_code == 0, result.stderr
    assert "reported: 4.00 → stage 4 Operationalise; target Operationalise, gap 0" in result.stdout
    assert "3.00 → stage 3 Mobilise; target Align, gap 2" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-d", "marketing"), "error: no answers from department 'marketing' (answered: sales"),
        (("-d", "sales", "--dimension", "cx"), "error: unknown dimension 'cx' (dimensions: lead"),
    ],
)
def test_unknown_department_or_dimension_is_one_line_exit_2(cli, mini, args, message) -> None:
    q, folder = mini
    result = cli("explain", folder, "-q", q, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def _same_figures_as_score(paths: list[Path], extra: tuple[str, ...] = ()) -> int:
    """Check every department's explained figures against `score --format json`."""
    scored = run_cli("score", *paths, *extra, "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    departments = json.loads(scored.stdout)["departments"]
    for expected in departments:
        explained = run_cli("explain", *paths, *extra, "-d", expected["id"], "-f", "json")
        assert explained.exit_code == 0, explained.stderr
        dep = json.loads(explained.stdout)["department"]
        assert (dep["score"], dep["stage"]) == (expected["score"], expected["stage"])
        for mine, theirs in zip(dep["dimensions"], expected["dimensions"], strict=True):
            assert mine["id"] == theirs["id"]
            assert (mine["score"], mine["stage"], mine["spread"]) == (
                theirs["score"],
                theirs["stage"],
                theirs["spread"],
            )
            assert len(mine["counted"]) == theirs["respondents"]
            # The printed mean is the mean of the printed respondent scores.
            if mine["counted"]:
                assert mine["raw"] == pytest.approx(sum(mine["counted"]) / len(mine["counted"]))
        if dep["weight_total"]:
            assert dep["raw"] == pytest.approx(dep["weighted_sum"] / dep["weight_total"])
    return len(departments)


def test_every_sample_department_matches_score() -> None:
    assert _same_figures_as_score([SAMPLES]) == 3


def test_every_demo_department_matches_score(tmp_path: Path) -> None:
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.usecases import demo

    folder = tmp_path / "demo"
    demo.write_answers(load_questionnaire("cx-core"), folder, demo.load_demo().seed)
    assert _same_figures_as_score([folder]) == 11
