"""`compare` on two workshops whose differences are worked out in mini_workshop.py."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Run
from mini_workshop import BASELINE, CURRENT, workshop, write_folder, write_questionnaire


@pytest.fixture
def sides(write) -> tuple[Path, Path, Path]:
    return workshop(write)


def _json(cli, *args: Any) -> dict[str, Any]:
    result: Run = cli("compare", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _department(data: dict[str, Any], dep_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(d for d in data["departments"] if d["id"] == dep_id)
    return found


def _figures(change: dict[str, Any]) -> tuple[Any, ...]:
    before = change["baseline"]["score"] if change["baseline"] else None
    after = change["current"]["score"] if change["current"] else None
    return before, after, change["delta"], change["movement"]


def test_folders_deltas_and_movements(cli, sides) -> None:
    q, baseline, current = sides
    data = _json(cli, baseline, current, "-q", q)
    org = data["organisation"]
    assert _figures(org) == (3.44, 3.0, -0.44, "Mobilise, unchanged")
    lead, data_dim = org["dimensions"]
    assert _figures(lead) == (3.92, 3.0, -0.92, "Mobilise, unchanged")
    assert _figures(data_dim) == (2.5, 3.0, 0.5, "Explore → Mobilise")
    assert data_dim["stages_moved"] == 1
    sales = _department(data, "sales")
    assert _figures(sales) == (3.0, 3.33, 0.33, "Mobilise, unchanged")
    assert _figures(sales["dimensions"][0]) == (2.5, 3.0, 0.5, "Explore → Mobilise")
    assert _figures(sales["dimensions"][1]) == (4.0, 4.0, 0.0, "Operationalise, unchanged")


def test_departments_on_one_side_only(cli, sides) -> None:
    q, baseline, current = sides
    data = _json(cli, baseline, current, "-q", q)
    assert [d["id"] for d in data["departments"]] == ["sales", "it", "service"]
    assert _figures(_department(data, "it")) == (None, 2.67, None, "new (Explore)")
    service = _department(data, "service")
    assert _figures(service) == (3.89, None, None, "only in baseline (Mobilise)")
    assert data["only_in_baseline"] == ["department Service"]
    assert data["only_in_current"] == ["department IT"]


def test_sides_are_dated_by_their_latest_answer(cli, sides) -> None:
    q, baseline, current = sides
    data = _json(cli, baseline, current, "-q", q)
    assert data["baseline"]["date"] == "2026-01-15T09:30:00Z"
    assert data["current"]["date"] == "2026-11-05T16:22:00Z"
    assert (data["baseline"]["respondents"], data["current"]["respondents"]) == (4, 3)


def test_scores_json_baseline_gives_the_same_comparison(cli, sides, tmp_path) -> None:
    q, baseline, current = sides
    saved = tmp_path / "scores-2026-01.json"
    scored = cli("score", baseline, "-q", q, "--format", "json", "-o", saved)
    assert scored.exit_code == 0, scored.stderr
    from_file = _json(cli, saved, current, "-q", q)
    from_folder = _json(cli, baseline, current, "-q", q)
    assert from_file["baseline"]["kind"] == "scores"
    assert from_file["baseline"]["date"] == "2026-01-15T09:30:00Z"
    for key in ("organisation", "departments", "only_in_baseline", "only_in_current"):
        assert from_file[key] == from_folder[key]


def test_table_and_markdown(cli, sides) -> None:
    q, baseline, current = sides
    table = cli("compare", baseline, current, "-q", q)
    assert table.exit_code == 0, table.stderr
    assert "Progress since 2026-01-15" in table.stdout
    assert "Explore → Mobilise" in table.stdout
    assert "Only in the baseline: department Service" in table.stdout
    markdown = cli("compare", baseline, current, "-q", q, "--format", "markdown")
    assert markdown.exit_code == 0, markdown.stderr
    lines = markdown.stdout.splitlines()
    assert lines[0] == "## CX maturity: progress since 2026-01-15"
    assert "| Sales | 3.00 Mobilise | 3.33 Mobilise | +0.33 | Mobilise, unchanged |" in lines
    assert "| **Organisation** | 3.44 Mobilise | 3.00 Mobilise | -0.44 | Mobilise, unchanged |" in (
        lines
    )
    assert "| Sales · Leadership | 2.50 Explore | 3.00 Mobilise | +0.50 | Explore → Mobilise |" in (
        lines
    )


def test_csv_rows(cli, sides) -> None:
    q, baseline, current = sides
    result = cli("compare", baseline, current, "-q", q, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # organisation + 2 dims, then sales, it and service with 2 dims each
    assert len(rows) == 12
    lead = next(r for r in rows if r["department_id"] == "sales" and r["dimension_id"] == "lead")
    assert (lead["baseline_score"], lead["current_score"], lead["delta"]) == (
        "2.50",
        "3.00",
        "0.50",
    )
    assert (lead["baseline_stage"], lead["current_stage"], lead["stages_moved"]) == ("2", "3", "1")
    gone = next(r for r in rows if r["department_id"] == "service" and not r["dimension_id"])
    assert (gone["current_score"], gone["delta"]) == ("", "")


def test_targets_apply_to_the_current_side(cli, sides, write) -> None:
    q, baseline, current = sides
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        organisation: operationalise
        departments:
          sales: {default: align, dimensions: {data: mobilise}}
        """,
    )
    data = _json(cli, baseline, current, "-q", q, "--targets", targets)
    assert (data["organisation"]["target"], data["organisation"]["gap"]) == (4, 1)
    sales = _department(data, "sales")
    assert (sales["target"], sales["gap"]) == (5, 2)
    assert [(d["target"], d["gap"]) for d in sales["dimensions"]] == [(5, 2), (3, 0)]
    it = _department(data, "it")
    assert (it["target"], it["gap"]) == (4, 2)  # the organisation default; it is at Explore
    service = _department(data, "service")
    assert service["gap"] is None  # not surveyed now: no current stage to measure


def test_unknown_department_in_targets_is_located(cli, sides, write) -> None:
    q, baseline, current = sides
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        departments:
          sails: align
        """,
    )
    result = cli("compare", baseline, current, "-q", q, "--targets", targets)
    assert result.exit_code == 2
    assert result.stderr == f"error: {targets}:3:3: unknown department 'sails'\n"


def test_different_questionnaire_versions_warn(cli, write) -> None:
    q = write_questionnaire(write)
    baseline = write_folder(write, "baseline", BASELINE, version="0.9")
    current = write_folder(write, "current", CURRENT)
    result = cli("compare", baseline, current, "-q", q, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert (
        "warning: the baseline used mini version 0.9 and the current side version 1: "
        "questions may differ" in result.stderr
    )
    assert any("version 0.9" in w for w in json.loads(result.stdout)["warnings"])


def test_broken_scores_file_is_located(cli, sides, tmp_path) -> None:
    q, baseline, current = sides
    saved = tmp_path / "scores.json"
    assert cli("score", baseline, "-q", q, "-f", "json", "-o", saved).exit_code == 0
    text = saved.read_text(encoding="utf-8")
    # The organisation is 3.44, stage 3; a hand edit to stage 4 must not pass unnoticed.
    saved.write_text(text.replace('"stage": 3,', '"stage": 4,', 1), encoding="utf-8")
    result = cli("compare", saved, current, "-q", q)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {saved}:")
    assert "stage 4 does not match score 3.44" in result.stderr
    assert result.stderr.count("\n") == 1


def test_missing_side_is_an_error(cli, sides, tmp_path) -> None:
    q, baseline, _ = sides
    result = cli("compare", baseline, tmp_path / "nowhere", "-q", q)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"


def test_demo_workshop_with_one_changed_department(cli, tmp_path) -> None:
    """Two demo-sized folders: HR left out and one finance answer raised to 6 in the second."""
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.usecases import demo

    loaded = load_questionnaire("cx-core")
    before, after = tmp_path / "before", tmp_path / "after"
    demo.write_answers(loaded, before, demo.load_demo().seed)
    paths = demo.write_answers(loaded, after, demo.load_demo().seed)
    for path in paths:
        if path.name.startswith("hr-"):
            path.unlink()
    changed = next(p for p in paths if p.name.startswith("finance-") and _below_6(p))
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("measurement-link: ", "measurement-link: 6 #"), "utf-8")
    data = _json(cli, before, after)
    assert data["only_in_baseline"] == ["department People and HR"]
    assert data["only_in_current"] == []
    for dep in data["departments"]:
        if dep["id"] not in ("finance", "hr"):
            assert dep["delta"] == 0.0, dep["id"]
            assert dep["movement"].endswith(", unchanged")
            # Dimensions a department is not asked about have no delta on either side.
            assert all(d["delta"] in (0.0, None) for d in dep["dimensions"])
    finance = _department(data, "finance")
    assert [d["id"] for d in finance["dimensions"] if d["delta"] not in (0.0, None)] == [
        "measurement"
    ]
    assert next(d for d in finance["dimensions"] if d["id"] == "measurement")["delta"] > 0
    assert finance["delta"] >= 0


def _below_6(path: Path) -> bool:
    import yaml

    answer = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"].get("measurement-link")
    return isinstance(answer, int) and answer < 6
