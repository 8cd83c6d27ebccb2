"""Evidence behind an answer: in answer files, on phones, in validate, score and plan."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli
from tests.mini_workshop import answer_file, write_questionnaire
from tests.workshop_server import Server, answer, csrf_of, join, start
from tests.workshop_server import write_questionnaire as write_room

Write = Callable[[str, str], Path]
RECENT = (date.today() - timedelta(days=30)).isoformat()
OLD = (date.today() - timedelta(days=400)).isoformat()


@pytest.fixture
def folder(write: Write) -> tuple[Path, Path]:
    q = write_questionnaire(write)
    backed = (
        "{lead-a: {stage: 5, evidence: {ref: 'https://intranet/cx-forum.pdf', date: "
        f"'{RECENT}', holder: CX office, note: Minutes of the forum}}}}, lead-b: 6, "
        f"data-a: {{stage: 5, evidence: {{ref: data-audit.xlsx, date: '{OLD}'}}}}}}"
    )
    write("room/sales-ann.yaml", answer_file("Ann", "sales", "2026-11-02T10:00:00Z", backed, "1"))
    plain = "{lead-a: 2, lead-b: 3, data-a: 4}"
    write("room/sales-bob.yaml", answer_file("Bob", "sales", "2026-11-02T10:00:00Z", plain, "1"))
    return q, q.parent / "room"


def test_evidence_is_read_and_counted_by_score_and_plan(folder: tuple[Path, Path]) -> None:
    q, room = folder
    scored = run_cli("score", room, "-q", q, "-f", "json")
    assert scored.exit_code == 0, scored.stderr
    assert json.loads(scored.stdout)["evidence"] == {"claimed": 3, "evidenced": 2, "stale": 1}
    table = run_cli("score", room, "-q", q).stdout
    assert "Claimed vs evidenced: 3 answers at Align or Embed, 2 with evidence" in table
    plan = run_cli("plan", room, "-q", q)
    assert "2 with evidence; 1 older than a year" in plan.stderr


def test_validate_requires_evidence_from_a_stage_up_and_flags_old_evidence(
    folder: tuple[Path, Path],
) -> None:
    _, room = folder
    ann = room / "sales-ann.yaml"
    ok = run_cli("validate", ann)
    assert ok.exit_code == 0 and "more than a year ago" in ok.stderr and "data-a" in ok.stderr
    assert run_cli("validate", ann, "--require-evidence", "align").exit_code == 2
    failed = run_cli("validate", ann, "--require-evidence", "align")
    [line] = [x for x in failed.stderr.splitlines() if x.startswith("error:")]
    assert f"{ann}:" in line and "lead-b: stage 6 with no evidence" in line
    assert run_cli("validate", ann, "--require-evidence", "embed").exit_code == 2
    assert run_cli("validate", room / "sales-bob.yaml", "--require-evidence", "5").exit_code == 0
    bad = run_cli("validate", ann, "--require-evidence", "7")
    assert bad.exit_code == 2 and "not a stage" in bad.stderr


@pytest.mark.parametrize(
    ("evidence", "says"),
    [
        ("{date: '2026-01-01'}", "evidence needs a ref"),
        ("{ref: x.pdf, date: 'last spring'}", "is not a date"),
        ("{ref: x.pdf, by: me}", "unknown evidence key 'by'"),
    ],
)
def test_bad_evidence_is_one_located_line(write: Write, evidence: str, says: str) -> None:
    answers = f"{{lead-a: {{stage: 5, evidence: {evidence}}}}}"
    path = write("bad.yaml", answer_file("Ann", "sales", "2026-11-02T10:00:00Z", answers, "1"))
    run = run_cli("validate", path)
    assert run.exit_code == 2
    [line] = [x for x in run.stderr.splitlines() if x.startswith("error:")]
    assert f"{path}:5:" in line and says in line


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = start(tmp_path / "answers", write_room(tmp_path))
    yield running
    running.stop()


def test_a_phone_attaches_keeps_and_removes_evidence(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        [path] = sorted(server.folder.glob("*.yaml"))
        page = c.get("/q/1")
        assert 'name="evidence_ref"' in page.text
        fields = {
            "csrf": csrf_of(page.text),
            "question": "lead-a",
            "answer": "5",
            "evidence_ref": "https://intranet/forum-minutes",
            "evidence_date": "2026-10-01",
            "evidence_holder": "CX office",
            "evidence_note": "",
        }
        assert c.post("/q/1", data=fields).status_code == 303
        saved = yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]["lead-a"]
        assert saved == {
            "stage": 5,
            "evidence": {
                "ref": "https://intranet/forum-minutes",
                "date": "2026-10-01",
                "holder": "CX office",
            },
        }
        # Answering again from a page without the fields keeps it; the form shows it.
        assert answer(c, 1, "lead-a", "6").status_code == 303
        assert yaml.safe_load(path.read_text())["answers"]["lead-a"]["evidence"]["ref"]
        assert "forum-minutes" in c.get("/q/1").text
        bad = c.post("/q/1", data={**fields, "evidence_date": "soon"})
        assert bad.status_code == 400 and "not a date" in bad.text
        cleared = {**fields, "evidence_ref": "", "answer": "4"}
        assert c.post("/q/1", data=cleared).status_code == 303
        assert yaml.safe_load(path.read_text())["answers"]["lead-a"] == 4


def test_the_terminal_survey_attaches_evidence_on_one_line(tmp_path: Path) -> None:
    from cxmaturity.core.stages import Stage
    from tests.test_survey_screens import answers, survey

    line = "https://intranet/forum.pdf; 2026-10-01; CX office; monthly minutes"
    keys = ["enter", "5", "enter", "left", "e", *line, "enter", "e", "x", "escape"]
    _, terminal, _, _ = survey(tmp_path, [*keys, "q"], "respondent", "Eve", "department", "sales")
    assert terminal.seen("Evidence (link or file; date; who holds it; note):")
    assert terminal.seen("Evidence saved.")
    assert "evidence: https://intranet/forum.pdf" in terminal.screen
    saved = answers(tmp_path / "sales-eve.yaml")["q1"]
    assert saved.stage == Stage.ALIGN and saved.evidence is not None
    assert (saved.evidence.ref, str(saved.evidence.date)) == (
        "https://intranet/forum.pdf",
        "2026-10-01",
    )
    assert (saved.evidence.holder, saved.evidence.note) == ("CX office", "monthly minutes")


def test_bad_evidence_in_the_terminal_is_said_and_nothing_saved(tmp_path: Path) -> None:
    from tests.test_survey_screens import answers, survey

    keys = ["enter", "e", *"report.pdf; soon", "enter", "escape", "q"]
    _, terminal, _, _ = survey(tmp_path, keys, "respondent", "Ann", "department", "sales")
    assert terminal.seen("is not a date")
    path = tmp_path / "sales-ann.yaml"
    assert not path.exists() or answers(path).get("q1") is None


def test_the_questionnaires_evidence_hint_stands_beside_the_upper_options(tmp_path: Path) -> None:
    """cx-core 2.1 says, per question, what backs an Align or Embed answer: the phone shows
    it beside options 5 and 6 only, as text (it is data, escaped like any other)."""
    from cxmaturity.formats.loading import load_questionnaire

    model = load_questionnaire("cx-core").model
    server = start(tmp_path, "cx-core")
    try:
        with server.client() as c:
            join(c, server, "Ana", "marketing")
            page = c.get("/q/1").text
    finally:
        server.stop()
    first = next(q for q in model.questions if "marketing" in q.departments or not q.departments)
    assert first.evidence
    hints = re.findall(r'<span class="evidence-hint">(.*?)</span>', page, re.S)
    assert len(hints) == 2, hints  # beside option 5 and option 6, not the lower four
    assert all(html.unescape(h).endswith(first.evidence) for h in hints)
