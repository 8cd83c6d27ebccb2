"""The improvement plan, worked out by hand on small inline questionnaires."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import Run

Write = Callable[[str, str], Path]
Cli = Callable[..., Run]


def steps(prefix: str) -> str:
    stages = ("ignore", "explore", "mobilise", "operationalise", "align", "embed")
    return "{" + ", ".join(f"{s}: {prefix}-{s}" for s in stages) + "}"


# Leadership weighs 0.5, so its step ranks low on priority alone; data requires it, so it
# still comes first. data-b comes before data-a in the file, so only the number of
# departments puts data-a first among the two actions of priority 2.
FORMAT_2 = f"""
format: cxmaturity.questionnaire/2
id: small
version: "1"
title: Small
departments:
  - {{id: exec, name: Executive}}
  - {{id: service, name: Service}}
  - {{id: it, name: IT}}
dimensions:
  - {{id: lead, name: Leadership, weight: 0.5, owners: [exec], kpis: [Sponsor hours]}}
  - {{id: data, name: Data, owners: [it, service], requires: [lead], kpis: [Record match rate]}}
questions:
  - {{id: lead-a, dimension: lead, text: L?, departments: [exec], options: [a, b, c, d, e, f],
     next_steps: {steps("L")}}}
  - {{id: data-b, dimension: data, text: B?, weight: 2, departments: [service, it],
     options: [a, b, c, d, e, f], next_steps: {steps("B")}}}
  - {{id: data-a, dimension: data, text: A?, departments: [service, it],
     options: [a, b, c, d, e, f], next_steps: {steps("A")}}}
  - {{id: data-c, dimension: data, text: C?, options: [a, b, c, d, e, f],
     next_steps: {steps("C")}}}
"""

# Department -> respondents' answers.
ANSWERS = {
    "exec": [{"lead-a": 2, "data-c": 3}],
    "service": [
        {"data-a": 2, "data-b": 4, "data-c": 1},
        {"data-a": 3, "data-b": 4, "data-c": 2},
    ],
    "it": [{"data-a": 2, "data-b": 3, "data-c": 5}],
}


def answer_files(write: Write, qid: str, answers: dict[str, list[dict[str, int]]]) -> Path:
    for dep, people in answers.items():
        for number, given in enumerate(people):
            body = ", ".join(f"{k}: {v}" for k, v in given.items())
            write(
                f"answers/{dep}-{number}.yaml",
                f"""
                format: cxmaturity.answers/1
                questionnaire: {{id: {qid}, version: "1"}}
                respondent: {{name: P{dep}{number}, department: {dep}}}
                answers: {{{body}}}
                """,
            )
    return write("answers/.keep", "").parent


@pytest.fixture
def small(write: Write) -> tuple[Path, Path]:
    return write("small.yaml", FORMAT_2), answer_files(write, "small", ANSWERS)


def plan_json(cli: Cli, *args: str | Path) -> dict[str, Any]:
    result = cli("plan", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def brief(actions: list[dict[str, Any]]) -> list[tuple[str, list[str], float]]:
    return [(a["id"], a["departments"], a["priority"]) for a in actions]


def test_hand_computed_plan(cli: Cli, small: tuple[Path, Path]) -> None:
    questionnaire, answers = small
    data = plan_json(cli, answers, "-q", questionnaire, "--target", "operationalise")
    assert data["target"] == "operationalise" and data["target_defaulted"] is False
    # Gap to Operationalise (4) x dimension weight x question weight:
    # lead-a: exec mean 2 (explore) -> 2 x 0.5 x 1 = 1, but data requires lead;
    # data-c: service mean 1.5 (ignore) -> 3; exec 3 (mobilise) -> 1; IT 5 is above;
    # data-a: service 2.5 and IT 2 (both explore) -> one action, 2, for two departments;
    # data-b: IT 3 -> 1 x 1 x 2 = 2; service answers 4 (at target) and never gets it.
    assert brief(data["actions"]) == [
        ("lead-a-explore", ["exec"], 1.0),
        ("data-c-ignore", ["service"], 3.0),
        ("data-a-explore", ["service", "it"], 2.0),
        ("data-b-mobilise", ["it"], 2.0),
        ("data-c-mobilise", ["exec"], 1.0),
    ]
    first, second = data["actions"][:2]
    assert first == {
        "id": "lead-a-explore",
        "title": "L-explore",
        "dimension": "lead",
        "question": "lead-a",
        "from_stage": "explore",
        "departments": ["exec"],
        "owner": "exec",
        "horizon": "90-days",
        "priority": 1.0,
        "requires": [],
        "kpis": ["Sponsor hours"],
    }
    assert second["title"] == "C-ignore" and second["owner"] == "it"
    assert second["requires"] == ["lead-a-explore"]
    assert second["kpis"] == ["Record match rate"]
    assert [a["horizon"] for a in data["actions"]] == [
        "90-days",
        "90-days",
        "90-days",
        "12-months",
        "12-months",
    ]
    assert data["total"] == 5
    departments = {k: [a["id"] for a in v["actions"]] for k, v in data["departments"].items()}
    assert departments == {
        "exec": ["lead-a-explore", "data-c-mobilise"],
        "service": ["data-c-ignore", "data-a-explore"],
        "it": ["data-a-explore", "data-b-mobilise"],
    }


def test_limit_cuts_the_organisation_list_not_the_departments(
    cli: Cli, small: tuple[Path, Path]
) -> None:
    questionnaire, answers = small
    data = plan_json(cli, answers, "-q", questionnaire, "--target", "4", "--limit", "2")
    assert [a["id"] for a in data["actions"]] == ["lead-a-explore", "data-c-ignore"]
    assert data["total"] == 5 and data["limit"] == 2
    assert len(data["departments"]["it"]["actions"]) == 2


def test_plan_and_the_packs_show_one_limit() -> None:
    # The CLI writes the limit out (importing the core would slow --help); one value still.
    from cxmaturity.cli.plan import LIMIT
    from cxmaturity.core.plan import DEFAULT_LIMIT

    assert LIMIT == DEFAULT_LIMIT


def test_department_target_scopes_the_steps(
    cli: Cli, small: tuple[Path, Path], write: Write
) -> None:
    questionnaire, answers = small
    targets = write(
        "targets.yaml",
        """
        format: cxmaturity.targets/1
        organisation: operationalise
        departments:
          service: {default: explore}
        """,
    )
    data = plan_json(cli, answers, "-q", questionnaire, "--targets", targets)
    # Service aims only at Explore: its explore means are at target, only data-c (1.5) is not.
    assert data["departments"]["service"]["actions"][0]["id"] == "data-c-ignore"
    assert [a["id"] for a in data["departments"]["service"]["actions"]] == ["data-c-ignore"]
    merged = next(a for a in data["actions"] if a["id"] == "data-a-explore")
    assert merged["departments"] == ["it"]


def test_default_target_is_said(cli: Cli, small: tuple[Path, Path]) -> None:
    questionnaire, answers = small
    data = plan_json(cli, answers, "-q", questionnaire)
    assert data["target_defaulted"] is True
    table = cli("plan", answers, "-q", questionnaire)
    assert table.exit_code == 0, table.stderr
    assert "one stage above the organisation's current stage" in table.stdout
    assert "(no target was set)" in table.stdout


FORMAT_1 = """
format: cxmaturity.questionnaire/1
id: tiny
version: "1"
title: Tiny
departments:
  - {id: ops, name: Operations}
  - {id: it, name: IT}
dimensions:
  - {id: lead, name: Leadership, weight: 2}
  - {id: data, name: Data}
  - {id: voice, name: Voice, weight: 1.5}
questions:
  - {id: lead-1, dimension: lead, text: Who owns CX?, options: [a, b, c, d, e, f]}
  - {id: data-1, dimension: data, text: Is the data clean?, options: [a, b, c, d, e, f]}
  - {id: voice-1, dimension: voice, text: Do you listen?, options: [a, b, c, d, e, f]}
recommendations:
  lead:
    explore: [lead from explore 1, lead from explore 2]
    mobilise: [lead from mobilise]
  data:
    ignore: [data from ignore]
    explore: [data from explore]
  voice:
    mobilise: [voice from mobilise]
"""


def test_format_1_plans_from_dimension_recommendations(cli: Cli, write: Write) -> None:
    questionnaire = write("tiny.yaml", FORMAT_1)
    answers = answer_files(
        write,
        "tiny",
        {
            "ops": [{"lead-1": 2, "data-1": 1, "voice-1": 3}],
            "it": [{"lead-1": 2, "data-1": 2, "voice-1": 5}],
        },
    )
    data = plan_json(cli, answers, "-q", questionnaire, "--target", "4")
    # Both lead at Explore: gap 2 x weight 2 = 4, for both; ops data at Ignore: 3 x 1;
    # it data at Explore: 2 x 1; ops voice at Mobilise: 1 x 1.5; it voice is above target.
    assert brief(data["actions"]) == [
        ("lead-explore-1", ["ops", "it"], 4.0),
        ("lead-explore-2", ["ops", "it"], 4.0),
        ("data-ignore-1", ["ops"], 3.0),
        ("data-explore-1", ["it"], 2.0),
        ("voice-mobilise-1", ["ops"], 1.5),
    ]
    assert data["actions"][0]["title"] == "lead from explore 1"
    assert data["actions"][0]["question"] is None
    assert data["actions"][0]["owner"] is None


def test_json_matches_schema_plan(cli: Cli, small: tuple[Path, Path]) -> None:
    questionnaire, answers = small
    schema = json.loads(cli("schema", "plan").stdout)
    data = plan_json(cli, answers, "-q", questionnaire, "--target", "4")
    jsonschema.validate(data, schema)
    assert schema["properties"]["format"]["const"] == "cxmaturity.plan/2"
    broken = dict(data, total="many")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_formats(cli: Cli, small: tuple[Path, Path], tmp_path: Path) -> None:
    questionnaire, answers = small
    common = (answers, "-q", questionnaire, "--target", "4")
    table = cli("plan", *common)
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "C-ignore" in table.stdout and "service, it" in table.stdout
    markdown = cli("plan", *common, "--format", "markdown").stdout
    assert "| 3 | A-explore | Data | Service, IT | IT | 90-days | 2.00 |" in markdown
    csv_text = cli("plan", *common, "--format", "csv").stdout
    rows = csv_text.splitlines()
    assert rows[0].startswith("rank,id,title,dimension_id")
    assert (
        rows[3]
        == "3,data-a-explore,A-explore,data,Data,data-a,explore,service; it,it,90-days,2.00,lead-a-explore,Record match rate"
    )
    out = tmp_path / "plan.json"
    written = cli("plan", *common, "--format", "json", "-o", out)
    assert written.exit_code == 0 and written.stdout == ""
    assert json.loads(out.read_text())["total"] == 5


def test_no_steps_when_everyone_is_at_target(cli: Cli, small: tuple[Path, Path]) -> None:
    questionnaire, answers = small
    result = cli("plan", answers, "-q", questionnaire, "--target", "1")
    assert result.exit_code == 0, result.stderr
    assert "No steps" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--limit", "0"), "Invalid value for '--limit'"),
        (("--target", "great"), "'great' is not a stage"),
        (("--format", "pdf"), "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2(
    cli: Cli, small: tuple[Path, Path], args: tuple[str, ...], message: str
) -> None:
    questionnaire, answers = small
    result = cli("plan", answers, "-q", questionnaire, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_bad_answer_file_is_one_located_line(
    cli: Cli, small: tuple[Path, Path], write: Write
) -> None:
    questionnaire, answers = small
    bad = write(
        "answers/broken.yaml",
        """
        format: cxmaturity.answers/1
        questionnaire: {id: small, version: "1"}
        respondent: {name: Bo, department: it}
        answers: {data-a: 9}
        """,
    )
    result = cli("plan", answers, "-q", questionnaire)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:4:")
    assert result.stderr.endswith(
        "answers.data-a: 9 is not an answer: use 1-6, a stage name "
        "(ignore, explore, mobilise, operationalise, align, embed), unknown or n/a\n"
    )
    assert result.stderr == cli("score", answers, "-q", questionnaire).stderr
    missing = cli("plan", "nowhere", "-q", questionnaire)
    assert missing.exit_code == 2 and missing.stderr == "error: nowhere: no such file or folder\n"
