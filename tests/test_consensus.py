"""The consensus round from the command line: what to settle, recording it, and every
figure that then uses the agreed stage (with the raw one beside it)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from pypdf import PdfReader

from cxmaturity.core.agreement import alpha
from cxmaturity.core.consensus import is_fact
from cxmaturity.formats.answers import read_answer_file
from cxmaturity.formats.loading import load_questionnaire
from tests.conftest import Run, run_cli
from tests.mini_workshop import BASELINE, write_folder, write_questionnaire

Write = Callable[[str, str], Path]


@pytest.fixture
def room(write: Write) -> tuple[Path, Path]:
    """(questionnaire, folder): sales split on lead-a (4 vs 2) and data-a (3 vs 5)."""
    return write_questionnaire(write), write_folder(write, "room", BASELINE)


def consensus(*args: str | Path) -> Run:
    return run_cli("consensus", *args)


def test_lists_what_a_department_split_on(room: tuple[Path, Path]) -> None:
    q, folder = room
    run = consensus(folder, "-q", q, "--min-group", "1", "-f", "json")
    assert run.exit_code == 0, run.stderr
    data = json.loads(run.stdout)
    found = {(s["department"], s["question"]): s for s in data["to_settle"]}
    # Two stages apart or more: sales' lead-a (4, 2) and data-a (3, 5), service's lead-b
    # (6, 3); sales' lead-b (1, unknown) and service's data-b (1, unknown) are not.
    assert set(found) == {("sales", "lead-a"), ("sales", "data-a"), ("service", "lead-b")}
    assert found[("sales", "lead-a")]["counts"] == [0, 1, 0, 1, 0, 0]
    assert found[("sales", "lead-a")]["agreed"] is None
    table = consensus(folder, "-q", q, "--min-group", "1")
    assert "lead-a" in table.stdout and "to settle" in table.stdout and "Explore 1" in table.stdout


def test_counts_are_withheld_below_min_group(room: tuple[Path, Path]) -> None:
    q, folder = room
    data = json.loads(consensus(folder, "-q", q, "-f", "json").stdout)  # default 3; sales has 2
    assert data["min_group"] == 3
    assert all(s["counts"] is None for s in data["to_settle"])
    table = consensus(folder, "-q", q).stdout
    assert "not shown" in table and "Explore 1" not in table


def test_setting_records_in_the_consensus_file_never_an_answer_file(
    room: tuple[Path, Path],
) -> None:
    q, folder = room
    before = {p.name: p.read_bytes() for p in folder.glob("*.yaml")}
    run = consensus(folder, "-q", q, "--set", "sales/lead-a=3", "--reason", "A sponsor, no forum")
    assert run.exit_code == 0, run.stderr
    assert {p.name: p.read_bytes() for p in folder.glob("*.yaml") if p.name in before} == before
    saved = yaml.safe_load((folder / "consensus.yaml").read_text(encoding="utf-8"))
    assert saved["format"] == "cxmaturity.consensus/1"
    [agreed] = saved["agreed"]
    assert agreed["department"] == "sales" and agreed["question"] == "lead-a"
    assert agreed["stage"] == 3 and agreed["reason"] == "A sponsor, no forum"
    assert agreed["raw"] == [0, 1, 0, 1, 0, 0]
    # Settled again: replaced, not added.
    consensus(folder, "-q", q, "--set", "sales/lead-a=4", "--reason", "Second look")
    saved = yaml.safe_load((folder / "consensus.yaml").read_text(encoding="utf-8"))
    assert [(a["stage"], a["reason"]) for a in saved["agreed"]] == [(4, "Second look")]
    listed = json.loads(consensus(folder, "-q", q, "--min-group", "1", "-f", "json").stdout)
    lead = next(s for s in listed["to_settle"] if s["question"] == "lead-a")
    assert lead["agreed"] == {"stage": 4, "reason": "Second look"}
    # The file passes the schema `schema consensus` prints.
    import jsonschema

    schema = json.loads(run_cli("schema", "consensus").stdout)
    jsonschema.validate(json.loads(json.dumps(saved, default=str)), schema)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--set", "sales/lead-a=9", "--reason", "x"], "DEPARTMENT/QUESTION=STAGE"),
        (["--set", "sales/lead-a=3"], "needs --reason"),
        (["--set", "sales-lead-a=3", "--reason", "x"], "DEPARTMENT/QUESTION"),
        (["--set", "sales/data-b=3", "--reason", "x"], "not asked in sales"),
        (["--set", "nowhere/lead-a=3", "--reason", "x"], "unknown department"),
        (["--set", "sales/lead-a=3", "--reason", "  "], "reason is empty"),
        (["--reason", "x"], "--reason goes with --set"),
    ],
)
def test_bad_settlements_are_one_line_and_exit_2(
    room: tuple[Path, Path], args: list[str], says: str
) -> None:
    q, folder = room
    run = consensus(folder, "-q", q, *args)
    assert run.exit_code == 2
    assert says in run.stderr and len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert not (folder / "consensus.yaml").exists()


def test_score_uses_the_agreed_stage_and_shows_raw_beside_it(room: tuple[Path, Path]) -> None:
    q, folder = room
    raw_before = json.loads(run_cli("score", folder, "-q", q, "-f", "json").stdout)
    consensus(folder, "-q", q, "--set", "sales/data-a=5", "--reason", "One shared view exists")
    scored = json.loads(run_cli("score", folder, "-q", q, "-f", "json").stdout)
    sales = next(d for d in scored["departments"] if d["id"] == "sales")
    data = next(d for d in sales["dimensions"] if d["id"] == "data")
    assert data["score"] == 5.0  # (3, 5) agreed at 5
    raw_sales = next(d for d in raw_before["departments"] if d["id"] == "sales")
    shown_raw = {f["id"]: f["score"] for f in scored["consensus"]["raw"]}
    assert shown_raw["sales"] == raw_sales["score"] == 3.0
    assert shown_raw["organisation"] == raw_before["organisation"]["score"]
    assert scored["consensus"]["agreed"] == [
        {
            "department": "sales",
            "question": "data-a",
            "raw": [0, 0, 1, 0, 1, 0],
            "agreed": 5,
            "reason": "One shared view exists",
        }
    ]
    assert sales["score"] != raw_sales["score"]
    # --raw scores the answers as given, and says nothing of the round.
    assert json.loads(run_cli("score", folder, "-q", q, "-f", "json", "--raw").stdout) == raw_before
    table = run_cli("score", folder, "-q", q).stdout
    assert "raw → agreed" in table and "Sales: 3.00 → 3.33" in table
    assert "raw → agreed" not in run_cli("score", folder, "-q", q, "--raw").stdout
    plan = run_cli("plan", folder, "-q", q)
    assert plan.exit_code == 0 and "Sales: 3.00 → 3.33" in plan.stdout
    assert "raw → agreed" not in run_cli("plan", folder, "-q", q, "--raw").stdout


def test_a_consensus_file_is_no_respondent(room: tuple[Path, Path]) -> None:
    q, folder = room
    consensus(folder, "-q", q, "--set", "sales/data-a=5", "--reason", "Agreed")
    run = run_cli("score", folder, "-q", q, "-f", "json")
    assert json.loads(run.stdout)["respondents"] == 4
    assert "consensus.yaml" not in run.stderr


def test_alpha_rises_when_the_split_is_settled(room: tuple[Path, Path]) -> None:
    q, folder = room
    loaded = load_questionnaire(str(q))
    sets = [
        found
        for p in sorted(folder.glob("*.yaml"))
        if (found := read_answer_file(p, True, [])) is not None
    ]
    before = alpha(loaded.model, sets, "sales")
    assert before is not None and before < 0.5
    assert alpha(loaded.model, sets, "it") is None  # nobody: undefined
    consensus(folder, "-q", q, "--set", "sales/lead-a=4", "--reason", "x")
    consensus(folder, "-q", q, "--set", "sales/data-a=4", "--reason", "y")
    listed = json.loads(consensus(folder, "-q", q, "-f", "json").stdout)
    sales = next(a for a in listed["agreement"] if a["department"] == "sales")
    assert sales["alpha_before"] == pytest.approx(before)
    assert sales["alpha_after"] == 1.0  # lead-b (1 vs unknown) leaves nothing to differ on


def test_kind_fact_is_optional_and_practice_without_it(room: tuple[Path, Path]) -> None:
    q, _ = room
    loaded = load_questionnaire(str(q))
    assert not is_fact(loaded.model.questions[0])  # no `kind` key: a practice question
    assert is_fact(SimpleNamespace(kind="fact"))  # type: ignore[arg-type]


@pytest.mark.pdf
def test_both_packs_show_raw_and_agreed_and_the_workshop_pack_alpha(
    room: tuple[Path, Path], tmp_path: Path
) -> None:
    q, folder = room
    consensus(folder, "-q", q, "--set", "sales/data-a=5", "--reason", "One shared view exists")
    bob = folder / "sales-bob.yaml"
    bob.write_text(
        bob.read_text().replace("data-a: 5", "data-a: {stage: 5, evidence: {ref: audit.xlsx}}")
    )
    texts = {}
    for pack in ("workshop", "board"):
        out = tmp_path / f"{pack}.pdf"
        run = run_cli("report", folder, "-q", q, "--pack", pack, "-o", out, "--min-group", "1")
        assert run.exit_code == 0, run.stderr
        texts[pack] = " ".join((page.extract_text() or "") for page in PdfReader(out).pages)
    for text in texts.values():
        assert "Consensus round" in text and "One shared view exists" in text
        assert "3.00 → 3.33" in " ".join(text.split())
    assert "Krippendorff" in texts["workshop"] and "Krippendorff" not in texts["board"]
    for text in texts.values():
        said = " ".join(text.split())
        assert "Claimed vs evidenced" in said
        assert "3 answers claim Align or Embed; 1 of them carry evidence" in said


def test_validate_knows_a_consensus_file(room: tuple[Path, Path]) -> None:
    q, folder = room
    consensus(folder, "-q", q, "--set", "sales/lead-a=3", "--reason", "A sponsor, no forum")
    run = run_cli("validate", folder / "consensus.yaml")
    assert run.exit_code == 0 and "consensus round, 1 agreed stage" in run.stdout
    path = folder / "consensus.yaml"
    path.write_text(path.read_text().replace("stage: 3", "stage: 9"))
    bad = run_cli("validate", path)
    assert bad.exit_code == 2 and f"{path}:" in bad.stderr
