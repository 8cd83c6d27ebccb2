"""Questionnaire format 2: owners, requires, KPIs and per-question next steps, with located errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run

STEPS = "{ignore: s1, explore: s2, mobilise: s3, operationalise: s4, align: s5, embed: s6}"

GOOD = f"""format: cxmaturity.questionnaire/2
id: mini2
version: "1"
title: Mini two
departments:
  - {{id: exec, name: Executive}}
  - {{id: service, name: Service}}
dimensions:
  - id: lead
    name: Leadership
    owners: [exec]
    kpis: ["Sponsor hours"]
  - id: data
    name: Data
    owners: [service]
    requires: [lead]
questions:
  - id: lead-a
    dimension: lead
    text: Who leads?
    options: [a, b, c, d, e, f]
    next_steps: {STEPS}
  - id: data-a
    dimension: data
    text: Data?
    options: [a, b, c, d, e, f]
    next_steps: {STEPS}
"""

# Each case: (old, new) replaced once in GOOD, and the one located line expected.
BROKEN: dict[str, tuple[str, str, str]] = {
    "unknown-owner": (
        "owners: [exec]",
        "owners: [bogus]",
        r":11:14: dimensions\[lead\]\.owners, item 1: unknown owner department 'bogus'",
    ),
    "unknown-required": (
        "requires: [lead]",
        "requires: [lead, nope]",
        r":16:22: dimensions\[data\]\.requires, item 2: unknown dimension 'nope'",
    ),
    "requires-cycle": (
        '    kpis: ["Sponsor hours"]\n',
        '    kpis: ["Sponsor hours"]\n    requires: [data]\n',
        r":13:16: dimensions\[lead\]\.requires, item 1: requires cycle: lead -> data -> lead",
    ),
    "requires-itself": (
        "requires: [lead]",
        "requires: [data]",
        r":16:16: dimensions\[data\]\.requires, item 1: requires cycle: data requires itself",
    ),
    "missing-step": (
        "align: s5, embed: s6}",
        "align: s5}",
        r":22:5: questions\[lead-a\]\.next_steps: missing next step for embed",
    ),
    "not-a-stage": (
        "align: s5, embed: s6}",
        "aligned: s5, embed: s6}",
        r":22:\d+: questions\[lead-a\]\.next_steps\.aligned: expected a stage name",
    ),
    "no-next-steps": (
        f"    next_steps: {STEPS}\n",
        "",
        r":18:5: questions\[lead-a\]: next_steps: required key is missing",
    ),
    "empty-step": (
        "ignore: s1,",
        "ignore: '',",
        r":22:\d+: questions\[lead-a\]\.next_steps\.ignore: String should have at least 1 character",
    ),
    "recommendations-in-2": (
        "questions:\n",
        "recommendations: {lead: {ignore: [x]}}\nquestions:\n",
        r":17:\d+: recommendations: format 2 gives next steps per question",
    ),
    "format-1-with-owners": (
        "questionnaire/2",
        "questionnaire/1",
        r":11:5: dimensions\[lead\]\.owners: owners needs format 'cxmaturity.questionnaire/2'\n",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_format_2_errors_are_located(
    case: str, cli: Callable[..., Run], write: Callable[[str, str], Path]
) -> None:
    old, new, expected = BROKEN[case]
    assert old in GOOD
    path = write(f"{case}.yaml", GOOD.replace(old, new, 1))
    result = cli("validate", path)
    assert result.exit_code == 2, result.stdout
    # Every problem is listed, one a line (issue 25): the first is the one expected.
    first = result.stderr.splitlines(keepends=True)[0]
    assert re.search(re.escape(str(path)) + expected, first), result.stderr
    if case != "format-1-with-owners":
        assert result.stderr.count("\n") == 1, result.stderr


def test_good_format_2_validates(
    cli: Callable[..., Run], write: Callable[[str, str], Path]
) -> None:
    result = cli("validate", write("good.yaml", GOOD))
    assert result.exit_code == 0, result.stderr
    assert "questionnaire mini2 1, 2 questions, 2 dimensions" in result.stdout


def test_format_1_still_loads(cli: Callable[..., Run]) -> None:
    result = cli("validate", REPO / "tests" / "data" / "mini.yaml")
    assert result.exit_code == 0, result.stderr


def test_schema_shows_format_2_fields(cli: Callable[..., Run]) -> None:
    schema = json.loads(cli("schema", "questionnaire").stdout)
    defs = schema["$defs"]
    assert {"owners", "requires", "kpis"} <= set(defs["Dimension"]["properties"])
    steps = defs["Question"]["properties"]["next_steps"]
    assert "cxmaturity.questionnaire/2" in json.dumps(schema["properties"]["format"])
    assert "embed" in json.dumps(steps)
