"""Issue 26, case 1: "not asked" is its own state, distinct from "too few answers".

A dimension with no question for a department has no score because nothing was asked
there; it never fails a target gate, and every surface says so. "Too few answers" on a
dimension that was asked still fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

Cli = Callable[..., Run]

# Data is asked of Sales alone: for Service it is "not asked", never "too few answers".
ROOM = """\
format: cxmaturity.questionnaire/1
id: room
version: "1"
title: Room
departments:
  - {id: sales, name: Sales}
  - {id: service, name: Service}
dimensions:
  - {id: lead, name: Leadership}
  - {id: data, name: Data}
questions:
  - {id: lead-a, dimension: lead, text: A, options: [a, b, c, d, e, f]}
  - {id: data-a, dimension: data, text: B, departments: [sales], options: [a, b, c, d, e, f]}
"""


def _person(folder: Path, name: str, department: str, answers: str) -> None:
    (folder / f"{department}-{name}.yaml").write_text(
        "format: cxmaturity.answers/1\n"
        'questionnaire: {id: room, version: "1"}\n'
        f"respondent: {{name: {name}, department: {department}}}\n"
        f"answers: {{{answers}}}\n"
    )


@pytest.fixture
def room(tmp_path: Path) -> tuple[Path, Path]:
    q = tmp_path / "room.yaml"
    q.write_text(ROOM)
    folder = tmp_path / "answers"
    folder.mkdir()
    _person(folder, "ana", "sales", "lead-a: 4, data-a: 4")
    _person(folder, "bo", "service", "lead-a: 4")
    return q, folder


def test_a_dimension_not_asked_never_fails_the_target_gate(cli: Cli, room) -> None:
    q, folder = room
    result = cli("score", folder, "-q", q, "--target", "2", "--fail-under-target")
    assert result.exit_code == 0, result.stderr
    assert "fail:" not in result.stderr


def test_too_few_answers_on_an_asked_dimension_still_fails(cli: Cli, room) -> None:
    q, folder = room
    _person(folder, "cy", "sales", "lead-a: 4")
    (folder / "sales-ana.yaml").unlink()
    result = cli("score", folder, "-q", q, "--target", "2", "--fail-under-target")
    assert result.exit_code == 1
    assert "Sales · Data has no score (too few answers)" in result.stderr, result.stderr
    assert "Service · Data" not in result.stderr


def test_json_gives_the_reason(cli: Cli, room) -> None:
    q, folder = room
    _person(folder, "cy", "sales", "lead-a: 4")
    (folder / "sales-ana.yaml").unlink()
    data = json.loads(cli("score", folder, "-q", q, "--format", "json").stdout)
    reasons = {
        (dep["id"], dim["id"]): dim.get("reason")
        for dep in data["departments"]
        for dim in dep["dimensions"]
    }
    assert reasons == {
        ("sales", "lead"): None,
        ("sales", "data"): "too few answers",
        ("service", "lead"): None,
        ("service", "data"): "not asked",
    }


def test_explain_says_not_asked_instead_of_too_few(cli: Cli, room) -> None:
    q, folder = room
    result = cli("explain", folder, "-q", q, "--department", "service")
    assert result.exit_code == 0, result.stderr
    assert "not asked" in result.stdout
    assert "nothing applies" not in result.stdout
    assert "no respondent answered enough" not in result.stdout


def test_the_table_and_markdown_say_not_asked(cli: Cli, tmp_path: Path) -> None:
    # Only Service answered, and Data is asked of Sales alone: nobody here was asked it.
    q = tmp_path / "room.yaml"
    q.write_text(ROOM)
    folder = tmp_path / "answers"
    folder.mkdir()
    _person(folder, "bo", "service", "lead-a: 4")
    table = cli("score", folder, "-q", q)
    assert table.exit_code == 0, table.stderr
    assert "not asked" in table.stdout and "not enough answers" not in table.stdout
    markdown = cli("score", folder, "-q", q, "--format", "markdown")
    assert "not asked" in markdown.stdout, markdown.stdout


def test_the_projector_heatmap_says_not_asked(room) -> None:
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.web.figures import figures
    from cxmaturity.web.state import Workshop

    q, folder = room
    workshop = Workshop(load_questionnaire(str(q)), folder, min_group=1)
    rows = {row["name"]: row for row in figures(workshop)["rows"]}
    service_data = rows["Service"]["cells"][1]
    assert service_data["asked"] is False and service_data["score"] is None
    sales_data = rows["Sales"]["cells"][1]
    assert sales_data["asked"] is True and sales_data["score"] is not None


@pytest.mark.pdf
def test_the_board_heatmap_says_not_asked(cli: Cli, room, tmp_path: Path) -> None:
    q, folder = room
    html = tmp_path / "board.html"
    result = cli(
        "report", folder, "-q", q, "--min-group", "1", "-o", tmp_path / "b.pdf", "--html", html
    )
    assert result.exit_code == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert '<span class="cell-none">not asked</span>' in text
