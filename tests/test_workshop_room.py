"""Nobody shut out, pushed figures and the consensus round, over HTTP against a real server."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from cxmaturity.render.charts import PALETTE
from tests.conftest import run_cli
from tests.workshop_server import (
    Server,
    answer,
    csrf_of,
    join,
    snapshot,
    start,
    write_questionnaire,
)


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_questionnaire(tmp_path_factory.mktemp("q"))


@pytest.fixture
def server(tmp_path: Path, questionnaire: Path) -> Iterator[Server]:
    running = start(tmp_path / "answers", questionnaire, "--min-group", "1")
    yield running
    running.stop()


def answers_of(path: Path) -> dict[str, object]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def test_a_typed_join_code_lets_a_phone_in(server: Server) -> None:
    before = snapshot(server.folder)
    with server.client() as c:
        home = c.get("/")
        assert home.status_code == 200 and 'action="/join"' in home.text
        assert c.get("/join").status_code == 200
        wrong = c.get("/join", params={"code": "ZZZZZZ"})
        assert wrong.status_code == 404 and "not this workshop" in wrong.text
        typed = " ".join(server.code.lower())  # lower case, with spaces, as thumbs type
        reply = c.get("/join", params={"code": typed})
        assert reply.status_code == 303 and reply.headers["location"] == f"/join/{server.code}"
        assert snapshot(server.folder) == before  # asking is not joining
        assert join(c, server, "Ana Lima", "sales") == "/q/1"


def test_a_resume_link_moves_a_person_to_a_new_phone_once(server: Server) -> None:
    with server.client() as old, server.client() as new, server.client() as facilitator:
        join(old, server, "Sam Service", "service")
        assert answer(old, 1, "lead-a", "3").status_code == 303
        [path] = sorted(server.folder.glob("*.yaml"))
        # The cookie is lost: joining again by name is refused, and says what to do.
        form = new.get(f"/join/{server.code}")
        data = {"csrf": csrf_of(form.text), "name": "Sam Service", "department": "service"}
        refused = new.post(f"/join/{server.code}", data=data)
        assert refused.status_code == 409 and "resume link" in refused.text
        page = facilitator.get(server.facilitator_url)
        assert "Sam Service" in page.text
        issued = facilitator.post(
            server.facilitator_url + "/resume", data={"csrf": csrf_of(page.text), "who": path.name}
        )
        assert issued.status_code == 200 and "<svg" in issued.text
        link = re.search(r"/resume/[A-Za-z0-9_-]+", issued.text)
        assert link is not None
        moved = new.get(link.group(0))
        assert moved.status_code == 303 and moved.headers["location"] == "/q/2"
        assert answer(new, 2, "lead-b", "4").status_code == 303
        assert answers_of(path) == {"lead-a": 3, "lead-b": 4}  # one respondent, one file
        assert len(list(server.folder.glob("*.yaml"))) == 1
        assert old.get("/q/1").status_code == 403  # the old phone is signed out
        again = facilitator.get(link.group(0))
        assert again.status_code == 404 and "already used" in again.text


def test_joined_answering_and_finished_are_counted_apart(
    server: Server, questionnaire: Path
) -> None:
    with server.client() as a, server.client() as b, server.client() as c:
        join(a, server, "Ana", "sales")
        join(b, server, "Bo", "sales")
        join(c, server, "Cy", "sales")
        answer(b, 1, "lead-a", "2")
        for number, qid in enumerate(["lead-a", "lead-b", "data-a", "data-b"], start=1):
            answer(c, number, qid, "4")
        figures = a.get(server.facilitator_url + "/figures.json").json()
    [row] = [r for r in figures["people"] if r["id"] == "sales"]
    assert (row["joined"], row["answering"], row["finished"]) == (1, 1, 1)
    [sales] = [r for r in figures["rows"] if r["name"] == "Sales"]
    scored = json.loads(run_cli("score", server.folder, "-q", questionnaire, "-f", "json").stdout)
    assert sales["respondents"] == scored["departments"][0]["respondents"] == 2
    states = {m["name"]: m["state"] for m in figures["members"]}
    assert states == {"Ana": "joined", "Bo": "answering", "Cy": "finished"}


def test_an_answer_is_pushed_to_the_projector_within_a_second(server: Server) -> None:
    with server.client() as phone, server.client() as projector:
        join(phone, server, "Ana", "sales")
        with projector.stream("GET", server.facilitator_url + "/events") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.iter_lines()
            first = _next_figures(lines)
            assert first["rows"][0]["respondents"] == 0
            began = time.monotonic()
            assert answer(phone, 1, "lead-a", "5").status_code == 303
            while True:
                pushed = _next_figures(lines)
                if pushed["version"] != first["version"]:
                    break
            waited = time.monotonic() - began
    assert pushed["rows"][0]["respondents"] == 1
    assert waited < 1.0, waited


def _next_figures(lines: Iterator[str]) -> dict[str, object]:
    for line in lines:
        if line.startswith("data:"):
            data: dict[str, object] = json.loads(line[5:])
            return data
    raise AssertionError("the stream ended")


def test_a_split_is_settled_on_the_projector_never_in_an_answer_file(
    server: Server, questionnaire: Path
) -> None:
    with server.client() as a, server.client() as b, server.client() as facilitator:
        join(a, server, "Ana", "sales")
        join(b, server, "Bo", "sales")
        answer(a, 1, "lead-a", "1", "Nobody owns it")
        answer(b, 1, "lead-a", "5", "The board <b>sponsors</b> it")
        figures = facilitator.get(server.facilitator_url + "/figures.json").json()
        [split] = figures["disagreements"]
        assert (split["department_id"], split["question_id"], split["spread"]) == (
            "sales",
            "lead-a",
            4,
        )
        before = snapshot(server.folder)
        url = f"{server.facilitator_url}/settle/sales/lead-a"
        page = facilitator.get(url)
        assert page.status_code == 200 and 'id="distribution"' in page.text
        assert "The board &lt;b&gt;sponsors&lt;/b&gt; it" in page.text  # escaped, anonymous
        assert "Ana" not in page.text and "Bo" not in page.text
        empty = facilitator.post(url, data={"csrf": csrf_of(page.text), "stage": "3"})
        assert empty.status_code == 400 and "reason is empty" in empty.text
        done = facilitator.post(
            url, data={"csrf": csrf_of(page.text), "stage": "3", "reason": "A sponsor, no forum"}
        )
        assert done.status_code == 303
        after = facilitator.get(server.facilitator_url + "/figures.json").json()
    assert after["disagreements"] == [] and after["settled"] == 1
    changed = {k for k, v in snapshot(server.folder).items() if before.get(k) != v}
    assert changed == {"consensus.yaml"}  # no answer file touched
    scored = json.loads(run_cli("score", server.folder, "-q", questionnaire, "-f", "json").stdout)
    assert scored["consensus"]["agreed"][0]["agreed"] == 3


def test_the_projector_uses_the_packs_stage_colours() -> None:
    css = (Path(__file__).parent.parent / "cxmaturity/web/static/workshop.css").read_text()
    for stage, (fill, ink) in PALETTE.items():
        rule = re.search(rf"\.s{int(stage)} {{ background: (#\w+); color: (#\w+); }}", css)
        assert rule is not None and rule.groups() == (fill, ink), stage


def test_the_distribution_is_withheld_below_min_group(tmp_path: Path, questionnaire: Path) -> None:
    running = start(tmp_path / "answers", questionnaire)  # --min-group 3 by default
    try:
        with running.client() as a, running.client() as b:
            join(a, running, "Ana", "sales")
            join(b, running, "Bo", "sales")
            answer(a, 1, "lead-a", "1", "Nobody owns it")
            answer(b, 1, "lead-a", "5")
            [split] = a.get(running.facilitator_url + "/figures.json").json()["disagreements"]
            page = a.get(f"{running.facilitator_url}/settle/sales/lead-a")
    finally:
        running.stop()
    assert split["counts"] is None
    assert page.status_code == 200 and 'id="distribution"' not in page.text
    assert "fewer than 3 people" in page.text and "Nobody owns it" not in page.text
