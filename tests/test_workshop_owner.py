"""The workshop shares its answer files and its folder: with the terminal survey, with a
second server, and with `score` (issue 20's three consequences, against a real server)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import yaml

from cxmaturity.formats.lock import FileLock
from tests.conftest import run_cli
from tests.workshop_server import Server, answer, join, start


def answers_of(path: Path) -> dict[str, object]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def figures(server: Server, client: httpx.Client) -> dict[str, object]:
    reply = client.get(server.facilitator_url + "/figures.json")
    assert reply.status_code == 200
    data: dict[str, object] = reply.json()
    return data


def test_phone_then_terminal_then_phone_keeps_every_answer(
    server: Server, questionnaire: Path
) -> None:
    with server.client() as phone:
        join(phone, server, "Ana Lima", "sales")
        [path] = sorted(server.folder.glob("*.yaml"))
        assert answer(phone, 1, "lead-a", "2").status_code == 303
        # She finishes questions 2-4 at a terminal, in the same file.
        run = run_cli("survey", "-q", questionnaire, "--out", path, input="3\n4\n5\n")
        assert run.exit_code == 0, run.stderr
        assert answers_of(path) == {"lead-a": 2, "lead-b": 3, "data-a": 4, "data-b": 5}
        # Then changes her first answer on the phone.
        assert answer(phone, 1, "lead-a", "6").status_code == 303
    assert answers_of(path) == {"lead-a": 6, "lead-b": 3, "data-a": 4, "data-b": 5}
    assert not list(server.folder.glob("*.conflict-*"))


def test_a_file_a_survey_holds_open_is_kept_and_the_facilitator_told(server: Server) -> None:
    with server.client() as phone:
        join(phone, server, "Ana Lima", "sales")
        [path] = sorted(server.folder.glob("*.yaml"))
        assert answer(phone, 1, "lead-a", "2").status_code == 303
        before = path.read_bytes()
        survey = FileLock(path)  # a terminal survey has the file open
        survey.acquire()
        try:
            assert answer(phone, 2, "lead-b", "5").status_code == 303
            assert path.read_bytes() == before  # not replaced
            [kept] = server.folder.glob("*.conflict-*")
            assert answers_of(kept) == {"lead-a": 2, "lead-b": 5}
            notices = figures(server, phone)["notices"]
            assert isinstance(notices, list) and kept.name in notices[0]
            page = phone.get(server.facilitator_url).text
            assert kept.name in page and "in use by another survey" in page
        finally:
            survey.release()
        # Once the survey let go, the next answer brings the kept one in too.
        assert answer(phone, 3, "data-a", "4").status_code == 303
    assert answers_of(path) == {"lead-a": 2, "lead-b": 5, "data-a": 4}


def test_a_second_workshop_on_the_same_folder_refuses_naming_the_first(
    server: Server, questionnaire: Path
) -> None:
    command = [sys.executable, "-m", "cxmaturity", "workshop", "--out-dir", str(server.folder)]
    second = subprocess.run(
        [*command, "-q", str(questionnaire), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert second.returncode == 2
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert "already running" in lines[0]
    assert f"pid {server.proc.pid}" in lines[0] and f"port {server.port}" in lines[0]
    assert "Join" not in second.stdout


def test_a_workshop_that_died_does_not_block_the_next(tmp_path: Path, questionnaire: Path) -> None:
    folder = tmp_path / "answers"
    first = start(folder, questionnaire)
    first.kill()  # kill -9: no clean-up ran, the lock file stays
    assert list((folder / ".workshop").glob(".*.lock"))
    second = start(folder, questionnaire)
    try:
        with second.client() as c:
            assert c.get(second.facilitator_url).status_code == 200
    finally:
        second.stop()


def test_the_projector_counts_the_respondents_score_counts(
    server: Server, questionnaire: Path
) -> None:
    with server.client() as ana, server.client() as ben, server.client() as cy:
        join(ana, server, "Ana Lima", "sales")
        join(ben, server, "Ben Ode", "sales")
        join(cy, server, "Cy Ray", "service")
        assert answer(ana, 1, "lead-a", "2").status_code == 303
        assert answer(cy, 1, "lead-a", "5").status_code == 303
        # Ben joined and answered nothing: `score` drops his file with a warning.
        run = run_cli("score", server.folder, "-q", questionnaire, "--format", "json")
        assert run.exit_code == 0, run.stderr
        assert "skipped 1 answer file" in run.stderr
        scored = json.loads(run.stdout)
        data = figures(server, ana)
    shown = {row["name"]: row["respondents"] for row in data["rows"]}  # type: ignore[attr-defined]
    expected = {d["name"]: d["respondents"] for d in scored["departments"]}
    expected["Organisation"] = scored["respondents"]
    assert shown == expected == {"Sales": 1, "Customer service": 1, "Organisation": 2}
    sales = next(row for row in data["rows"] if row["name"] == "Sales")  # type: ignore[attr-defined]
    assert sales["overall"]["score"] == _two(scored["departments"][0]["score"])


def _two(value: float) -> str:
    return f"{value:.2f}"
