"""Questionnaire format 2: owners, requires, KPIs and per-question next steps, with located errors."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run

from cxmaturity.core.stages import Stage

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
        r":22:\d+: questions\[lead-a\]\.next_steps\.ignore\.text: String should have at least 1 "
        r"character",
    ),
    "recommendations-in-2": (
        "questions:\n",
        "recommendations: {lead: {ignore: [x]}}\nquestions:\n",
        r":17:\d+: recommendations: format 2 gives next steps per question",
    ),
    "unknown-kind": (
        "    text: Who leads?\n",
        "    text: Who leads?\n    kind: opinion\n",
        r":21:5: questions\[lead-a\]\.kind: Input should be 'practice' or 'fact'",
    ),
    "unknown-effort": (
        "ignore: s1,",
        "ignore: {text: s1, effort: huge},",
        r":22:\d+: questions\[lead-a\]\.next_steps\.ignore\.effort: Input should be 'small', 'medium' "
        r"or 'large'",
    ),
    "unknown-cost": (
        "ignore: s1,",
        "ignore: {text: s1, cost: free},",
        r":22:\d+: questions\[lead-a\]\.next_steps\.ignore\.cost: Input should be 'low', 'medium' "
        r"or 'high'",
    ),
    "step-without-text": (
        "ignore: s1,",
        "ignore: {effort: small},",
        r":22:\d+: questions\[lead-a\]\.next_steps\.ignore\.text: required key is missing",
    ),
    "foundation-not-bool": (
        "    owners: [exec]\n",
        "    owners: [exec]\n    foundation: maybe\n",
        r":12:5: dimensions\[lead\]\.foundation: Input should be a valid boolean",
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


RICH = (
    GOOD.replace(
        "    text: Who leads?\n",
        "    text: Who leads?\n    kind: fact\n    evidence: The minutes\n",
    )
    .replace("    owners: [exec]\n", "    owners: [exec]\n    foundation: true\n")
    .replace("{ignore: s1,", "{ignore: {text: s1, effort: small, cost: low},", 1)
)


def test_format_2_1_fields_load(write: Callable[[str, str], Path]) -> None:
    from cxmaturity.formats.loading import load_questionnaire

    q = load_questionnaire(write("rich.yaml", RICH)).model
    lead, data = q.questions
    assert (lead.kind, lead.evidence, lead.is_fact) == ("fact", "The minutes", True)
    assert (data.kind, data.evidence, data.is_fact) == ("practice", None, False)
    step = lead.next_steps[Stage.IGNORE] if lead.next_steps else None
    assert step is not None and (step.text, step.effort, step.cost) == ("s1", "small", "low")
    # A plain-text step (format 2.0) is a step of unknown effort and cost.
    plain = lead.step_text(Stage.EXPLORE), lead.next_steps and lead.next_steps[Stage.EXPLORE]
    assert plain[0] == "s2" and plain[1] and plain[1].effort is None
    assert [d.foundation for d in q.dimensions] == [True, False]


def test_format_2_0_bundled_file_still_valid(cli: Callable[..., Run]) -> None:
    result = cli("validate", REPO / "questionnaires" / "cx-core-2.0.yaml")
    assert result.exit_code == 0, result.stderr


def test_format_1_refuses_format_2_1_fields(
    cli: Callable[..., Run], write: Callable[[str, str], Path]
) -> None:
    text = (
        RICH.replace("questionnaire/2", "questionnaire/1")
        .replace("    owners: [exec]\n", "")
        .replace("    owners: [service]\n", "")
        .replace("    requires: [lead]\n", "")
        .replace('    kpis: ["Sponsor hours"]\n', "")
        .replace(f"    next_steps: {STEPS}\n", "")
        .replace("    next_steps: {ignore: {text: s1, effort: small, cost: low},", "    x: {")
    )
    text = re.sub(r"    x: \{[^\n]*\n", "", text)
    result = cli("validate", write("one.yaml", text))
    assert result.exit_code == 2
    assert "foundation needs format 'cxmaturity.questionnaire/2'" in result.stderr, result.stderr


def test_format_1_still_loads(cli: Callable[..., Run]) -> None:
    result = cli("validate", REPO / "tests" / "data" / "mini.yaml")
    assert result.exit_code == 0, result.stderr


def test_schema_shows_format_2_fields(cli: Callable[..., Run]) -> None:
    schema = json.loads(cli("schema", "questionnaire").stdout)
    defs = schema["$defs"]
    assert {"owners", "requires", "kpis", "foundation"} <= set(defs["Dimension"]["properties"])
    assert {"kind", "evidence"} <= set(defs["Question"]["properties"])
    steps = defs["Question"]["properties"]["next_steps"]
    assert "cxmaturity.questionnaire/2" in json.dumps(schema["properties"]["format"])
    assert "embed" in json.dumps(steps)
    assert '"effort"' in json.dumps(steps) and '"cost"' in json.dumps(steps)
