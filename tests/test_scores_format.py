"""`cxmaturity.scores/1`: one model writes it, reads it back and gives `schema scores`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
from conftest import SAMPLES, Run

from cxmaturity.formats.scores import read_scores
from cxmaturity.formats.scores_doc import scores_json
from cxmaturity.usecases.assessment import assess
from cxmaturity.usecases.comparing import snapshot_of_assessment


def test_written_scores_match_the_schema_command(cli: Callable[..., Run], tmp_path: Path) -> None:
    for extra in ([], ["--target", "4"]):
        run = cli("score", SAMPLES, "-f", "json", *extra)
        assert run.exit_code == 0, run.stderr
        schema = json.loads(cli("schema", "scores").stdout)
        jsonschema.validate(json.loads(run.stdout), schema)
    assert schema["title"] == "ScoresFile"


def test_scores_read_back_give_the_figures_that_were_written(tmp_path: Path) -> None:
    assessment = assess([SAMPLES])
    path = tmp_path / "scores.json"
    path.write_text(scores_json(assessment.result, with_targets=True))
    read = read_scores(path)
    fresh = snapshot_of_assessment(assessment)
    assert read.organisation == fresh.organisation
    assert read.departments == fresh.departments
    assert read.side.updated == fresh.side.updated
    assert read.side.respondents == fresh.side.respondents == 4


def test_a_stage_that_does_not_match_its_score_is_refused(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    data = json.loads(scores_json(assess([SAMPLES]).result))
    data["departments"][0]["dimensions"][1]["stage"] = 5
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(data, indent=2))
    run = cli("compare", path, SAMPLES)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"error: {path}:")
    assert "does not match score" in run.stderr


def test_intervals_are_written_and_a_file_without_them_is_still_a_baseline(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    result = assess([SAMPLES]).result
    data = json.loads(scores_json(result))
    org = result.organisation
    assert org.interval is not None
    assert data["organisation"]["interval"] == {
        "low": org.interval.low,
        "high": org.interval.high,
        "n": org.interval.n,
    }
    assert data["organisation"]["borderline"] is org.borderline
    # One respondent: no interval, written as null rather than left out.
    single = next(d for d in data["departments"] if d["respondents"] == 1)
    assert single["interval"] is None and single["borderline"] is False
    for area in [data["organisation"], *data["departments"]]:
        for entry in [area, *area["dimensions"]]:
            del entry["interval"], entry["borderline"]
    old = tmp_path / "old-scores.json"
    old.write_text(json.dumps(data, indent=2))
    run = cli("compare", old, SAMPLES, "-f", "json")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["organisation"]["delta"] == 0.0
