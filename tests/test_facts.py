"""Questionnaire 2.1 rules through the CLI: facts hold one value, foundations cap the
reported stage, horizons follow effort, and translations notice a changed English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

STEPS = (
    "{ignore: {text: s1, effort: large, cost: high}, explore: {text: s2, effort: small, "
    "cost: low}, mobilise: s3, operationalise: s4, align: s5, embed: s6}"
)

QUESTIONNAIRE = f"""format: cxmaturity.questionnaire/2
id: facts
version: "1"
title: Facts
departments:
  - {{id: exec, name: Executive}}
dimensions:
  - id: lead
    name: Leadership
    owners: [exec]
    foundation: true
  - id: ops
    name: Operations
    owners: [exec]
questions:
  - id: sponsor
    dimension: lead
    kind: fact
    evidence: The sponsor's role description
    text: Who sponsors?
    options: [a, b, c, d, e, f]
    next_steps: {STEPS}
  - id: habits
    dimension: lead
    text: Habits?
    options: [a, b, c, d, e, f]
    next_steps: {STEPS}
  - id: ops-a
    dimension: ops
    text: Ops?
    options: [a, b, c, d, e, f]
    next_steps: {STEPS}
"""


def _answers(name: str, sponsor: int, habits: int, ops: int) -> str:
    return (
        "format: cxmaturity.answers/1\n"
        'questionnaire: {id: facts, version: "1"}\n'
        f"respondent: {{name: {name}, department: exec}}\n"
        f"answers: {{sponsor: {sponsor}, habits: {habits}, ops-a: {ops}}}\n"
    )


@pytest.fixture
def survey(write: Callable[[str, str], Path]) -> Callable[..., tuple[Path, Path]]:
    def make(*people: tuple[int, int, int]) -> tuple[Path, Path]:
        q = write("facts.yaml", QUESTIONNAIRE)
        for index, (sponsor, habits, ops) in enumerate(people):
            write(f"answers/p{index}.yaml", _answers(f"P{index}", sponsor, habits, ops))
        return q, q.parent / "answers"

    return make


def _json(cli: Callable[..., Run], q: Path, answers: Path) -> Any:
    result = cli("score", answers, "-q", q, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _lead(data: Any) -> float:
    exec_ = data["departments"][0]
    return float(next(d["score"] for d in exec_["dimensions"] if d["id"] == "lead"))


def test_a_fact_is_the_lowest_answer_given_twice_not_a_mean(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]]
) -> None:
    # The sponsor: two say 5, one says 2. A mean would make it 4; the fact is 5.
    q, answers = survey((5, 2, 2), (5, 2, 2), (2, 2, 2))
    assert _lead(_json(cli, q, answers)) == 3.5  # (5 + 2) / 2 for every respondent


def test_a_fact_nobody_repeats_is_the_median(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]]
) -> None:
    # Sponsor answers 2, 3 and 6: the median is 3 (a mean would be 3.67).
    q, answers = survey((2, 2, 2), (3, 2, 2), (6, 2, 2))
    assert _lead(_json(cli, q, answers)) == 2.5  # (3 + 2) / 2 for every respondent


def test_a_practice_question_is_still_a_mean(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]], tmp_path: Path
) -> None:
    q, answers = survey((5, 2, 2), (5, 2, 2), (2, 2, 2))
    q.write_text(q.read_text().replace("    kind: fact\n", ""))
    assert _lead(_json(cli, q, answers)) == 3.0  # ((3.5 + 3.5 + 2) / 3)


def test_agreed_value_wins_over_the_answers() -> None:
    from cxmaturity.core.facts import fact_value
    from cxmaturity.core.stages import Stage

    assert fact_value([5, 5, 2], Stage.EXPLORE) == Stage.EXPLORE
    assert fact_value([5, 5, 2]) == Stage.ALIGN
    assert fact_value([3, 3, 6, 6]) == Stage.MOBILISE
    assert fact_value([2, 5]) == Stage.EXPLORE
    assert fact_value([]) is None


def test_a_spread_on_a_fact_is_a_disagreement_on_a_fact(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]]
) -> None:
    q, answers = survey((5, 2, 2), (5, 2, 2), (2, 2, 2))
    markdown = cli("score", answers, "-q", q, "-f", "markdown").stdout
    assert "Executive disagrees on a fact: sponsor (answers 2 to 5; held as Align)" in markdown
    table = cli("score", answers, "-q", q).stdout
    assert "disagrees on a fact" in table
    # Practice answers as far apart are a spread, never a fact in dispute.
    q.write_text(q.read_text().replace("    kind: fact\n", ""))
    assert "disagrees on a fact" not in cli("score", answers, "-q", q, "-f", "markdown").stdout


def test_a_foundation_caps_the_reported_stage_and_says_so(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]]
) -> None:
    # Leadership (the foundation) at Explore, operations at Embed: the score says
    # Operationalise, the report says Mobilise, and why.
    q, answers = survey((2, 2, 6), (2, 2, 6))
    data = _json(cli, q, answers)
    exec_ = data["departments"][0]
    assert (exec_["score"], exec_["stage"], exec_["capped_from"]) == (4.0, 3, 4)
    assert data["organisation"]["stage"] == 3
    markdown = cli("score", answers, "-q", q, "-f", "markdown").stdout
    assert (
        "Executive is reported at Mobilise, not Operationalise: a stage counts only when the "
        "foundations have reached the stage below it (Leadership at Explore)."
    ) in markdown
    q.write_text(q.read_text().replace("    foundation: true\n", ""))
    data = _json(cli, q, answers)
    assert data["departments"][0]["stage"] == 4 and "capped_from" not in data["departments"][0]


def test_a_capped_scores_file_reads_back_as_a_baseline(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]], tmp_path: Path
) -> None:
    q, answers = survey((2, 2, 6), (2, 2, 6))
    out = tmp_path / "scores.json"
    assert cli("score", answers, "-q", q, "-f", "json", "-o", out).exit_code == 0
    result = cli("compare", out, out)
    assert result.exit_code == 0, result.stderr


def test_the_plan_takes_its_horizon_from_effort(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]]
) -> None:
    # Out of Ignore the step is large (24 months), out of Explore small (90 days): the
    # stage alone would have put both at 90 days.
    q, answers = survey((1, 1, 2), (1, 1, 2))
    result = cli("plan", answers, "-q", q, "--target", "embed", "-f", "json")
    assert result.exit_code == 0, result.stderr
    horizons = {a["id"]: a["horizon"] for a in json.loads(result.stdout)["actions"]}
    assert horizons["habits-ignore"] == "24-months"
    assert horizons["ops-a-explore"] == "90-days"


def _translation(q: Path, stamp: str) -> str:
    return (
        "format: cxmaturity.translation/1\n"
        'questionnaire: {id: facts, version: "1"}\n'
        "language: de\n"
        "questions:\n"
        f"  habits: {{source: {stamp}, text: Gewohnheiten?}}\n"
    )


def test_validate_names_the_texts_whose_english_changed(
    cli: Callable[..., Run], write: Callable[[str, str], Path]
) -> None:
    from cxmaturity.core.translation import source_hash
    from cxmaturity.formats.loading import load_questionnaire

    q = write("facts.yaml", QUESTIONNAIRE)
    stamp = source_hash(load_questionnaire(q).model, "questions.habits")
    translation = write("facts.de.yaml", _translation(q, stamp))
    current = cli("validate", translation)
    assert current.exit_code == 0, current.stderr
    assert "English changed" not in current.stdout + current.stderr
    q.write_text(q.read_text().replace("text: Habits?", "text: Which habits?"))
    stale = cli("validate", translation)
    assert stale.exit_code == 0
    assert "the English changed since these were translated: questions.habits" in (
        stale.stdout + stale.stderr
    )


def test_a_malformed_source_stamp_is_refused(
    cli: Callable[..., Run], write: Callable[[str, str], Path]
) -> None:
    q = write("facts.yaml", QUESTIONNAIRE)
    result = cli("validate", write("facts.de.yaml", _translation(q, "nothex!!")))
    assert result.exit_code == 2
    assert "expected the 8-character source hash" in result.stderr


@pytest.mark.pdf
def test_the_workshop_pack_says_when_a_foundation_holds_a_stage_back(
    cli: Callable[..., Run], survey: Callable[..., tuple[Path, Path]], tmp_path: Path
) -> None:
    q, answers = survey((2, 2, 6), (2, 2, 6), (2, 2, 6))
    html = tmp_path / "workshop.html"
    result = cli(
        "report", answers, "-q", q, "--pack", "workshop", "-o", tmp_path / "w.pdf", "--html", html
    )
    assert result.exit_code == 0, result.stderr
    page = " ".join(html.read_text(encoding="utf-8").split())
    assert "Executive is reported at Mobilise, not Operationalise" in page
