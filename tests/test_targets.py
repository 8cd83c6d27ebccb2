"""Targets per department and dimension (`--targets FILE`), on the bundled samples.

Sample figures (from `score`): marketing 2.49 Explore (leadership 2.50, data 2.14),
service 3.30 Mobilise, finance 1.73 Ignore (leadership 2.17 Explore, data 1.89 Ignore),
organisation 2.51 Explore.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLES

ISSUE_EXAMPLE = """
format: cxmaturity.targets/1
organisation: align            # default for everyone
departments:
  service: embed
  finance: {default: operationalise, dimensions: {data: align}}
"""


@pytest.fixture
def targets(write) -> Path:
    return write("targets.yaml", ISSUE_EXAMPLE)


def _scores(cli, *args: Any) -> dict[str, Any]:
    result = cli("score", SAMPLES, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _dep(data: dict[str, Any], dep_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in data["departments"] if d["id"] == dep_id)
    return found


def _dim(dep: dict[str, Any], dim_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in dep["dimensions"] if d["id"] == dim_id)
    return found


def test_gaps_per_department_and_dimension(cli, targets) -> None:
    data = _scores(cli, "--targets", targets)
    assert (data["organisation"]["target"], data["organisation"]["gap"]) == (5, 3)
    marketing = _dep(data, "marketing")
    assert (marketing["target"], marketing["gap"]) == (5, 3)  # organisation default
    assert (_dim(marketing, "leadership")["target"], _dim(marketing, "leadership")["gap"]) == (5, 3)
    service = _dep(data, "service")
    assert (service["target"], service["gap"]) == (6, 3)  # Embed 6 − Mobilise 3
    assert all(d["target"] == 6 for d in service["dimensions"])
    finance = _dep(data, "finance")
    assert (finance["target"], finance["gap"]) == (4, 3)  # Operationalise 4 − Ignore 1
    assert (_dim(finance, "leadership")["target"], _dim(finance, "leadership")["gap"]) == (4, 2)
    assert (_dim(finance, "data")["target"], _dim(finance, "data")["gap"]) == (5, 4)


def test_target_option_overrides_only_the_default(cli, targets) -> None:
    data = _scores(cli, "--targets", targets, "--target", "mobilise")
    assert _dep(data, "marketing")["target"] == 3
    assert _dep(data, "service")["target"] == 6
    assert _dim(_dep(data, "finance"), "data")["target"] == 5


def test_fail_under_target_exits_1_and_lists_what_is_below(cli, write) -> None:
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        departments:
          service: {dimensions: {recovery: embed}}
          finance: {dimensions: {data: explore}}
        """,
    )
    result = cli("score", SAMPLES, "--targets", targets, "--fail-under-target")
    assert result.exit_code == 1
    fails = [line for line in result.stderr.splitlines() if line.startswith("fail: ")]
    # Service recovery is (5 + 2×4 + 5 + 4 + 4)/6 = 4.33 (Operationalise); finance data is
    # 1.89 (Ignore). Nothing else has a target.
    assert fails == [
        "fail: Customer service · Service recovery is at Operationalise, "
        "2 stages below its target Embed",
        "fail: Finance · Data and insight is at Ignore, 1 stage below its target Explore",
    ]


def test_fail_under_target_passes_when_every_target_is_met(cli, write) -> None:
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        organisation: ignore
        departments:
          service: {default: explore, dimensions: {recovery: operationalise}}
        """,
    )
    result = cli("score", SAMPLES, "--targets", targets, "--fail-under-target")
    assert result.exit_code == 0, result.stderr
    assert "fail:" not in result.stderr


def test_table_shows_targets_and_gaps(cli, targets) -> None:
    result = cli("score", SAMPLES, "--targets", targets)
    assert result.exit_code == 0, result.stderr
    assert "Target" in result.stdout and "Gap" in result.stdout
    finance_row = next(line for line in result.stdout.splitlines() if "Finance" in line)
    assert "Operationalise" in finance_row and "3" in finance_row


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            """
            format: cxmaturity.targets/1
            departments:
              service: embed
              sales-team: align
            """,
            "4:3: unknown department 'sales-team'",
        ),
        (
            """
            format: cxmaturity.targets/1
            departments:
              finance: {default: operationalise, dimensions: {data: align, money: embed}}
            """,
            "3:64: unknown dimension 'money'",
        ),
    ],
)
def test_unknown_ids_are_located(cli, write, text, expected) -> None:
    path = write("targets.yaml", text)
    result = cli("score", SAMPLES, "--targets", path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:{expected}\n"


def test_bad_stage_is_located(cli, write) -> None:
    path = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        organisation: align
        departments:
          service: expert
        """,
    )
    result = cli("score", SAMPLES, "--targets", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}:4:3: departments.service: 'expert' is not a stage: "
        "use 1-6 or ignore, explore, mobilise, operationalise, align, embed\n"
    )


def test_unknown_key_and_wrong_format_are_refused(cli, write) -> None:
    path = write("targets.yaml", "format: cxmaturity.targets/1\norganization: align\n")
    result = cli("score", SAMPLES, "--targets", path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {path}:2:1: organization: unknown key\n"
    other = write("other.yaml", "format: cxmaturity.answers/1\n")
    result = cli("score", SAMPLES, "--targets", other)
    assert result.exit_code == 2
    assert "format is 'cxmaturity.answers/1'; expected 'cxmaturity.targets/1'" in result.stderr


def test_missing_targets_file(cli, tmp_path) -> None:
    result = cli("score", SAMPLES, "--targets", tmp_path / "none.yaml")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none.yaml'}: no such file\n"
