"""The workshop server over plain HTTP (httpx against a real server in a subprocess):
refusals, bad input, isolation between respondents, restarts and stopping.
"""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import run_cli
from tests.workshop_server import (
    Server,
    answer,
    csrf_of,
    join,
    read_lines,
    snapshot,
    start,
)


def answers_of(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["format"] == "cxmaturity.answers/1"
    return dict(data["answers"])


def only_file(folder: Path) -> Path:
    files = sorted(folder.glob("*.yaml"))
    assert len(files) == 1, files
    return files[0]


def test_an_answer_is_on_disk_when_the_page_confirms_it(server: Server) -> None:
    with server.client() as c:
        assert join(c, server, "Ana Lima", "sales", role="Head of sales") == "/q/1"
        path = only_file(server.folder)
        assert answer(c, 1, "lead-a", "4", "Board talks, little action").status_code == 303
        assert answers_of(path) == {"lead-a": {"stage": 4, "comment": "Board talks, little action"}}
        reply = answer(c, 2, "lead-b", "unknown")
        assert reply.headers["location"] == "/q/3"
        assert answer(c, 3, "data-a", "n/a").status_code == 303
        assert answers_of(path) == {
            "lead-a": {"stage": 4, "comment": "Board talks, little action"},
            "lead-b": "unknown",
            "data-a": "n/a",
        }
        # The last question leads to the review page.
        assert answer(c, 4, "data-b", "6").headers["location"] == "/review"
        review = c.get("/review")
        assert "4 of 4 questions answered" in review.text
    text = path.read_text(encoding="utf-8")
    assert server.code not in text and server.facilitator_url.rsplit("/", 1)[1] not in text
    assert "cxw" not in text and "csrf" not in text


def test_every_page_carries_a_strict_content_security_policy(server: Server) -> None:
    with server.client() as c:
        pages = [c.get(f"/join/{server.code}"), c.get("/"), c.get(server.facilitator_url)]
        pages.append(c.get("/static/workshop.css"))
    for page in pages:
        policy = page.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in pages[2].text  # the one script is a file, not inline
    assert 'src="/static/facilitator.js"' in pages[2].text


def test_tokens_are_never_written_into_answer_files(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Bo", "service")
        token = c.cookies["cxw_token"]
        answer(c, 1, "lead-a", "2")
    for path in server.folder.glob("*.yaml"):
        assert token not in path.read_text(encoding="utf-8")
    state = (server.folder / ".workshop" / "state.json").read_text(encoding="utf-8")
    assert token not in state  # only its hash is kept
    assert (server.folder / ".workshop" / "state.json").stat().st_mode & 0o077 == 0


def test_without_the_join_code_nobody_gets_in(server: Server) -> None:
    before = snapshot(server.folder)
    with server.client() as c:
        home = c.get("/")  # asks for the code, and lets nobody in without it
        assert home.status_code == 200 and 'name="code"' in home.text
        wrong = c.get("/join/AAAAAA")
        assert wrong.status_code == 404 and "join code is not valid" in wrong.text
        good_form = c.get(f"/join/{server.code}")
        data = {"csrf": csrf_of(good_form.text), "name": "Eve", "department": "sales"}
        assert c.post("/join/AAAAAA", data=data).status_code == 404
        assert c.get("/q/1").status_code == 403
        assert c.post("/q/1", data={"csrf": data["csrf"], "question": "lead-a"}).status_code == 403
    assert snapshot(server.folder) == before


def test_without_the_facilitator_token_nothing_opens(server: Server) -> None:
    base = server.facilitator_url.rsplit("/", 1)[0]
    with server.client() as c:
        assert c.get(server.facilitator_url).status_code == 200
        page = c.get(server.facilitator_url)
        csrf = csrf_of(page.text)
        before = snapshot(server.folder)
        for path in ("", "/figures.json", "/qr", "/qr.svg"):
            assert c.get(f"{base}/not-the-token{path}").status_code == 404
        for action in ("close", "end"):
            reply = c.post(f"{base}/not-the-token/{action}", data={"csrf": csrf})
            assert reply.status_code == 404
        assert c.get(f"{server.facilitator_url}/figures.json").json()["joining_open"] is True
    assert snapshot(server.folder) == before
    assert server.proc.poll() is None


def test_a_wrong_csrf_token_is_refused_and_writes_nothing(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        before = snapshot(server.folder)
        data = {"csrf": "0" * 32, "question": "lead-a", "answer": "3"}
        reply = c.post("/q/1", data=data)
        assert reply.status_code == 403 and "did not come from this workshop" in reply.text
        assert c.post("/q/1", data={"question": "lead-a", "answer": "3"}).status_code == 403
        join_data = {"csrf": "0" * 32, "name": "Bo", "department": "sales"}
        assert c.post(f"/join/{server.code}", data=join_data).status_code == 403
        close = f"{server.facilitator_url}/close"
        assert c.post(close, data={"csrf": "0" * 32}).status_code == 403
    # Another browser's token is no good either: the token is bound to the cookie.
    with server.client() as other:
        form = other.get(f"/join/{server.code}")
        stolen = csrf_of(form.text)
    with server.client() as c:
        c.get(f"/join/{server.code}")
        data = {"csrf": stolen, "name": "Mallory", "department": "sales"}
        assert c.post(f"/join/{server.code}", data=data).status_code == 403
    assert snapshot(server.folder) == before


def test_a_foreign_host_header_is_refused(server: Server) -> None:
    before = snapshot(server.folder)
    with server.client() as c:
        reply = c.get(f"/join/{server.code}", headers={"host": "attacker.example"})
        assert reply.status_code == 421
        form = c.get(f"/join/{server.code}")
        data = {"csrf": csrf_of(form.text), "name": "Eve", "department": "sales"}
        reply = c.post(
            f"/join/{server.code}", data=data, headers={"host": f"evil.test:{server.port}"}
        )
        assert reply.status_code == 421
        assert c.get(server.facilitator_url, headers={"host": "10.0.0.9"}).status_code == 421
        # localhost on the same port is this server.
        assert c.get("/", headers={"host": f"localhost:{server.port}"}).status_code == 200
    assert snapshot(server.folder) == before


@pytest.mark.parametrize(
    ("field", "value", "status", "message"),
    [
        ("question", "no-such-question", 400, "Unknown question"),
        ("answer", "7", 400, "is not an answer"),
        ("answer", "0", 400, "is not an answer"),
        ("answer", "embed", 400, "is not an answer"),
        # A comment too long keeps the chosen answer (issue 26): see test_workshop_hostile.
    ],
)
def test_bad_answers_get_a_clear_4xx_and_change_nothing(
    server: Server, field: str, value: str, status: int, message: str
) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        answer(c, 1, "lead-a", "2")
        before = snapshot(server.folder)
        page = c.get("/q/2")
        data = {"csrf": csrf_of(page.text), "question": "lead-b", "answer": "3", field: value}
        reply = c.post("/q/2", data=data)
        assert reply.status_code == status, reply.text
        assert message in reply.text
    assert snapshot(server.folder) == before


def test_a_question_of_another_department_is_unknown_to_this_respondent(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Bo", "service")
        before = snapshot(server.folder)
        page = c.get("/q/1")
        reply = c.post(
            "/q/1", data={"csrf": csrf_of(page.text), "question": "data-b", "answer": "3"}
        )
        assert reply.status_code == 400
        assert c.get("/q/4").status_code == 404  # service has three questions
    assert snapshot(server.folder) == before


def test_a_forged_department_or_empty_name_is_refused(server: Server) -> None:
    with server.client() as c:
        form = c.get(f"/join/{server.code}")
        csrf = csrf_of(form.text)
        reply = c.post(
            f"/join/{server.code}", data={"csrf": csrf, "name": "Eve", "department": "board"}
        )
        assert reply.status_code == 400 and "Pick your department" in reply.text
        reply = c.post(
            f"/join/{server.code}", data={"csrf": csrf, "name": "  ", "department": "sales"}
        )
        assert reply.status_code == 400 and "name is empty" in reply.text
    assert list(server.folder.glob("*.yaml")) == []


def test_oversized_bodies_are_refused(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        before = snapshot(server.folder)
        page = c.get("/q/1")
        data = {"csrf": csrf_of(page.text), "question": "lead-a", "answer": "3"}
        data["comment"] = "é" * 40_000  # 80 kB of UTF-8, far more percent-encoded
        assert c.post("/q/1", data=data).status_code == 413
    assert snapshot(server.folder) == before


def test_an_answer_that_cannot_be_saved_is_not_confirmed_nor_counted(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        answer(c, 1, "lead-a", "3")
        path = server.folder / "sales-ana.yaml"
        path.unlink()
        path.mkdir()  # the system now refuses to put a file there
        reply = answer(c, 2, "lead-b", "6")
        assert reply.status_code == 503 and "could not be saved" in reply.text
        assert str(server.folder) not in reply.text
        figures = c.get(f"{server.facilitator_url}/figures.json").json()
        path.rmdir()
        # The projector reads the folder as `score` does: the file is gone, so nothing of
        # Ana's counts (her row shows her in the room, with no respondent), least of all
        # the 6 that was never saved.
        assert [row["respondents"] for row in figures["rows"]] == [0]
        assert "6.00" not in json.dumps(figures)
        assert answer(c, 2, "lead-b", "5").status_code == 303
    assert answers_of(path) == {"lead-a": 3, "lead-b": 5}


def test_a_name_clash_never_joins_someone_elses_file(server: Server) -> None:
    with server.client() as ana:
        join(ana, server, "Ana Lima", "sales")
        answer(ana, 1, "lead-a", "5")
    before = snapshot(server.folder)
    with server.client() as other:
        form = other.get(f"/join/{server.code}")
        data = {"csrf": csrf_of(form.text), "name": "ana  LIMA", "department": "sales"}
        reply = other.post(f"/join/{server.code}", data=data)
        assert reply.status_code == 409 and "already joined" in reply.text
        assert "cxw_token" not in other.cookies
        assert other.get("/review").status_code == 403
    assert snapshot(server.folder) == before
    # The same name in another department is another person, with another file.
    with server.client() as other:
        join(other, server, "Ana Lima", "service")
        assert "Ana Lima" in other.get("/review").text
    assert len(list(server.folder.glob("*.yaml"))) == 2


def test_respondents_see_and_change_only_their_own_answers(server: Server) -> None:
    with server.client() as ana, server.client() as bo:
        join(ana, server, "Ana", "sales")
        join(bo, server, "Bo", "sales")
        answer(ana, 1, "lead-a", "5", "Ana's private note")
        answer(bo, 1, "lead-a", "1")
        assert "Ana's private note" not in bo.get("/q/1").text
        assert "Ana" not in bo.get("/review").text
    assert answers_of(server.folder / "sales-ana.yaml") == {
        "lead-a": {"stage": 5, "comment": "Ana's private note"}
    }
    assert answers_of(server.folder / "sales-bo.yaml") == {"lead-a": 1}


def test_anonymous_respondents_get_distinct_names_and_files(server: Server) -> None:
    for _ in range(2):
        with server.client() as c:
            join(c, server, "", "sales", anonymous="yes")
    names = sorted(
        yaml.safe_load(p.read_text(encoding="utf-8"))["respondent"]["name"]
        for p in server.folder.glob("*.yaml")
    )
    assert names == ["Anonymous 1", "Anonymous 2"]


def test_closing_joining_keeps_newcomers_out_but_not_those_inside(server: Server) -> None:
    with server.client() as inside, server.client() as facilitator:
        join(inside, server, "Ana", "sales")
        page = facilitator.get(server.facilitator_url)
        reply = facilitator.post(
            f"{server.facilitator_url}/close", data={"csrf": csrf_of(page.text)}
        )
        assert reply.status_code == 303
        with server.client() as late:
            assert "Joining is closed" in late.get(f"/join/{server.code}").text
        assert answer(inside, 1, "lead-a", "3").status_code == 303
        page = facilitator.get(server.facilitator_url)
        assert "Open joining" in page.text
        facilitator.post(f"{server.facilitator_url}/open", data={"csrf": csrf_of(page.text)})
        with server.client() as late:
            join(late, server, "Bo", "sales")


def test_a_flood_from_one_client_is_slowed_down_not_written(server: Server) -> None:
    with server.client() as c:
        statuses = [c.get(f"/join/{server.code}").status_code for _ in range(150)]
        assert 429 in statuses
        assert statuses[0] == 200
    # Another client is not held up by the first one's flood.
    with server.client(local_address="127.0.0.2") as other:
        assert other.get(f"/join/{server.code}").status_code == 200


def test_joins_from_one_client_are_capped(server: Server) -> None:
    statuses = []
    with server.client(local_address="127.0.0.3") as c:
        for number in range(20):
            c.cookies.clear()
            form = c.get(f"/join/{server.code}")
            data = {"csrf": csrf_of(form.text), "name": f"P{number}", "department": "sales"}
            statuses.append(c.post(f"/join/{server.code}", data=data).status_code)
    assert statuses.count(303) == 10 and statuses.count(429) == 10
    assert len(list(server.folder.glob("*.yaml"))) == 10


def test_killed_and_restarted_nothing_is_lost_and_respondents_resume(
    tmp_path: Path, questionnaire: Path
) -> None:
    folder = tmp_path / "answers"
    first = start(folder, questionnaire)
    ana, bo = first.client(), first.client(local_address="127.0.0.2")
    try:
        join(ana, first, "Ana", "sales")
        join(bo, first, "Bo", "service")
        for number, (qid, value) in enumerate([("lead-a", "4"), ("lead-b", "2")], start=1):
            assert answer(ana, number, qid, value, f"note {number}").status_code == 303
        assert answer(bo, 1, "lead-a", "1").status_code == 303
        first.kill()  # SIGKILL: no chance to tidy up
        saved = snapshot(folder)
        second = start(folder, questionnaire, port=first.port)
        try:
            assert (second.join_url, second.facilitator_url) == (
                first.join_url,
                first.facilitator_url,
            )
            # Both phones resume where they were, with their cookies.
            assert ana.get("/").headers["location"] == "/q/3"
            assert bo.get("/").headers["location"] == "/q/2"
            assert answers_of(folder / "sales-ana.yaml") == {
                "lead-a": {"stage": 4, "comment": "note 1"},
                "lead-b": {"stage": 2, "comment": "note 2"},
            }
            assert answer(ana, 3, "data-a", "5").status_code == 303
            assert answers_of(folder / "sales-ana.yaml")["data-a"] == 5
            assert snapshot(folder)["service-bo.yaml"] == saved["service-bo.yaml"]
        finally:
            assert second.stop() == 0
    finally:
        ana.close()
        bo.close()


def test_ctrl_c_stops_cleanly_with_everything_on_disk(tmp_path: Path, questionnaire: Path) -> None:
    running = start(tmp_path / "answers", questionnaire)
    with running.client() as c:
        join(c, running, "Ana", "sales")
        answer(c, 1, "lead-a", "3")
    running.proc.send_signal(signal.SIGINT)
    assert running.proc.wait(timeout=15) == 0
    err = running.stderr()
    running.stop()
    assert "Traceback" not in err
    assert "stopped; 1 answer files" in err
    assert answers_of(tmp_path / "answers" / "sales-ana.yaml") == {"lead-a": 3}


def test_the_facilitator_ends_the_session(tmp_path: Path, questionnaire: Path) -> None:
    running = start(tmp_path / "answers", questionnaire)
    with running.client() as c:
        join(c, running, "Ana", "sales")
        answer(c, 1, "lead-a", "3")
        page = c.get(running.facilitator_url)
        reply = c.post(f"{running.facilitator_url}/end", data={"csrf": csrf_of(page.text)})
        assert reply.status_code == 200 and "Every answer is saved" in reply.text
    assert running.proc.wait(timeout=15) == 0
    running.stop()
    assert answers_of(tmp_path / "answers" / "sales-ana.yaml") == {"lead-a": 3}


def test_facilitator_figures_are_the_scores_of_the_folder(
    server: Server, questionnaire: Path
) -> None:
    with server.client() as ana, server.client() as bo:
        join(ana, server, "Ana", "sales")
        join(bo, server, "Bo", "sales")
        for c, values in ((ana, ["2", "3", "5", "6"]), (bo, ["5", "6", "1", "3"])):
            for number, (qid, value) in enumerate(
                zip(["lead-a", "lead-b", "data-a", "data-b"], values, strict=True), start=1
            ):
                answer(c, number, qid, value)
        figures = ana.get(f"{server.facilitator_url}/figures.json").json()
    scored = run_cli("score", "-q", questionnaire, "-f", "json", server.folder)
    assert scored.exit_code == 0, scored.stderr
    expected = json.loads(scored.stdout)
    sales = next(d for d in expected["departments"] if d["id"] == "sales")
    row = figures["rows"][0]
    assert row["name"] == "Sales" and row["respondents"] == 2
    assert [c["score"] for c in row["cells"]] == [f"{d['score']:.2f}" for d in sales["dimensions"]]
    assert row["overall"]["score"] == f"{sales['score']:.2f}"
    assert figures["people"] == [
        {
            "id": "sales",
            "department": "Sales",
            "joined": 0,
            "answering": 0,
            "finished": 2,
            "total": 2,
        }
    ]
    # Ana and Bo are 3 or more stages apart on every question, most on data-a.
    assert len(figures["disagreements"]) == 4
    assert figures["disagreements"][0] == {
        "question": "Is customer data joined up?",
        "question_id": "data-a",
        "department": "Sales",
        "department_id": "sales",
        "spread": 4,
        "counts": None,  # two people: fewer than --min-group 3, so not shown
        "fact": False,  # a split on a question of fact is flagged as such (core21)
    }


def test_stage_names_are_shown_only_with_show_stages(tmp_path: Path, questionnaire: Path) -> None:
    for flags, shown in (((), False), (("--show-stages",), True)):
        running = start(tmp_path / f"answers{shown}", questionnaire, *flags)
        try:
            with running.client() as c:
                join(c, running, "Ana", "sales")
                text = c.get("/q/1").text
        finally:
            running.stop()
        assert ("Operationalise" in text) is shown
        assert ("Embed" in text) is shown


def test_bad_command_lines_are_one_clear_error(tmp_path: Path) -> None:
    result = run_cli("workshop", "--out-dir", tmp_path, "-q", "no-such-questionnaire")
    assert result.exit_code == 2
    assert re.fullmatch(r"error: no bundled questionnaire .*\n", result.stderr)
    state = tmp_path / "room" / ".workshop" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json", encoding="utf-8")
    result = run_cli("workshop", "--out-dir", tmp_path / "room")
    assert result.exit_code == 2
    assert "state.json: not a workshop state file" in result.stderr
    assert "Traceback" not in result.stderr


def test_lan_mode_prints_a_qr_code(tmp_path: Path, questionnaire: Path) -> None:
    # --host keeps the test on loopback; --lan still prints the code for phones.
    running = start(tmp_path / "answers", questionnaire, "--lan", "--host", "127.0.0.1")
    try:
        qr = read_lines(running, until="▀")
        with httpx.Client(timeout=10) as c:
            assert c.get(running.join_url).status_code == 200
    finally:
        running.stop()
    assert sum("█" in line or "▀" in line for line in qr) >= 10
