"""Issue 26, cases 6-9: the workshop under hostile traffic, against a real uvicorn."""

from __future__ import annotations

import json
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import run_cli
from tests.workshop_server import Server, answer, csrf_of, join, start

WORKSHOP = [sys.executable, "-m", "cxmaturity", "workshop"]


def _stop(server: Server) -> tuple[int, str]:
    """Ctrl-C, then everything the server wrote to its terminal's error stream."""
    server.proc.send_signal(signal.SIGINT)
    code = server.proc.wait(timeout=15)
    return code, server.stderr()


def _post_join(c: httpx.Client, server: Server, name: str, **more: str) -> httpx.Response:
    form = c.get(f"/join/{server.code}")
    data = {"csrf": csrf_of(form.text), "name": name, "department": "sales", **more}
    return c.post(f"/join/{server.code}", data=data)


# ---------------------------------------------------- 6. half-sent requests


def test_half_sent_requests_are_closed_and_a_real_join_gets_through(
    tmp_path: Path, questionnaire: Path
) -> None:
    # A laptop's open-file limit, inherited by the server.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (128, hard))
    try:
        server = start(tmp_path / "answers", questionnaire)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    slow: list[socket.socket] = []
    try:
        for _ in range(150):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(b"GET /join/x HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never finished
            slow.append(sock)
        joined = None
        deadline = time.monotonic() + 25
        while joined is None and time.monotonic() < deadline:
            try:
                with server.client() as c:
                    reply = _post_join(c, server, "Ana")
                    joined = reply.status_code if reply.status_code == 303 else None
            except (httpx.HTTPError, AssertionError):
                time.sleep(0.5)
        assert joined == 303
        for sock in slow:  # every half-sent request was closed by the server
            sock.settimeout(15)
            try:
                while sock.recv(1024):
                    pass  # a 503 for those past the cap, then the close
            except ConnectionResetError:
                pass
    finally:
        for sock in slow:
            sock.close()
        code, errors = _stop(server)
    assert code == 0, errors
    assert "Traceback" not in errors and "Too many open files" not in errors, errors[:2000]
    assert len(errors.splitlines()) <= 6, errors[:2000]


# ---------------------------------------------------- 9. proxies, page numbers, disk, port


def test_x_forwarded_for_does_not_lift_the_join_cap(server: Server) -> None:
    statuses = []
    with server.client() as c:  # from 127.0.0.1, which uvicorn trusted by default
        for number in range(20):
            c.cookies.clear()
            c.headers["X-Forwarded-For"] = f"10.0.0.{number}"
            statuses.append(_post_join(c, server, f"P{number}").status_code)
    assert statuses.count(303) == 10 and statuses.count(429) == 10


def test_a_page_number_of_many_digits_is_a_404(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
        for digits in (29, 40, 400, 5000):
            assert c.get("/q/" + "9" * digits).status_code == 404
    code, errors = _stop(server)
    assert code == 0 and "Traceback" not in errors, errors


def test_a_join_that_cannot_be_saved_leaves_no_file(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Ana", "sales")
    state = next(server.folder.glob(".*/state.json"))
    kept = state.read_bytes()
    state.unlink()
    state.mkdir()  # the state can no longer be written, as on a full disk
    with server.client() as c:
        assert _post_join(c, server, "Bo").status_code == 503
    assert not list(server.folder.glob("sales-bo*"))
    state.rmdir()
    state.write_bytes(kept)
    with server.client() as c:
        assert _post_join(c, server, "Bo").status_code == 303
    assert [p.name for p in server.folder.glob("sales-bo*")] == ["sales-bo.yaml"]


def test_a_port_out_of_range_is_one_clear_error(tmp_path: Path, questionnaire: Path) -> None:
    done = subprocess.run(
        [*WORKSHOP, "--out-dir", str(tmp_path / "a"), "-q", str(questionnaire), "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "70000" in done.stderr, done.stderr


# ---------------------------------------------------- 7. comments with line breaks


def _answers(server: Server) -> dict[str, object]:
    (path,) = server.folder.glob("*.yaml")
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["answers"])


def test_a_comment_at_the_limit_with_line_breaks_is_saved(server: Server) -> None:
    # 5,000 characters as the browser counts them, 5,049 as it sends them (CRLF).
    comment = "\r\n".join(["x" * 100] * 50)[: 5000 + 49]
    assert len(comment.replace("\r\n", "\n")) == 5000
    with server.client() as c:
        join(c, server, "Ana", "sales")
        assert answer(c, 1, "lead-a", "4", comment).status_code == 303
    saved = _answers(server)["lead-a"]
    assert isinstance(saved, dict) and saved["stage"] == 4
    assert saved["comment"] == comment.replace("\r\n", "\n")


@pytest.mark.parametrize("char", ["x", "\U0001f600"])
def test_a_comment_too_long_keeps_the_answer_and_the_text(server: Server, char: str) -> None:
    comment = char * 5001
    with server.client() as c:
        join(c, server, "Ana", "sales")
        reply = answer(c, 1, "lead-a", "5", comment)
        assert reply.status_code == 413
        assert "longer than 5,000 characters" in reply.text
        assert f">{comment}</textarea>" in reply.text  # back on the question, text intact
        assert 'name="question" value="lead-a"' in reply.text
    assert _answers(server) == {"lead-a": 5}


# ---------------------------------------------------- 8. one name rule for every door


@pytest.mark.parametrize(
    "twin", ["Ana\u034f Lima", "Ana Lima\ufe0f", "Ana\u3164 Lima", "ＡＮＡ LIMA"]
)
def test_invisible_characters_do_not_make_a_second_person_in_the_room(
    server: Server, twin: str
) -> None:
    with server.client() as c:
        join(c, server, "Ana Lima", "sales")
    with server.client() as c:
        assert _post_join(c, server, twin).status_code == 409
    assert len(list(server.folder.glob("*.yaml"))) == 1


def test_a_fullwidth_anonymous_name_does_not_block_anonymous_joins(server: Server) -> None:
    with server.client() as c:
        join(c, server, "Anonymous \uff11", "sales")
    with server.client() as c:
        assert _post_join(c, server, "", anonymous="yes").status_code == 303
    names = sorted(
        yaml.safe_load(p.read_text(encoding="utf-8"))["respondent"]["name"]
        for p in server.folder.glob("*.yaml")
    )
    assert names == ["Anonymous 2", "Anonymous \uff11"]


def test_invisible_characters_do_not_make_a_second_person_in_answer_files(
    tmp_path: Path, questionnaire: Path
) -> None:
    folder = tmp_path / "answers"
    folder.mkdir()
    for number, name in enumerate(
        ["Ana Lima", "Ana\u034f Lima", "Ana Lima\ufe0f", "Ana\u3164 Lima"]
    ):
        (folder / f"f{number}.yaml").write_text(
            "format: cxmaturity.answers/1\n"
            'questionnaire: {id: room, version: "1"}\n'
            f"respondent: {json.dumps({'name': name, 'department': 'sales'})}\n"
            f"updated: 2026-11-0{number + 1}T10:00:00Z\n"
            "answers: {lead-a: 3, lead-b: 3, data-a: 3, data-b: 3}\n",
            encoding="utf-8",
        )
    result = run_cli("score", folder, "-q", questionnaire, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["respondents"] == 1, result.stderr


def test_invisible_characters_do_not_make_a_second_person_on_import(
    tmp_path: Path, questionnaire: Path
) -> None:
    table = tmp_path / "rows.csv"
    table.write_text(
        "name,department,lead-a,lead-b\nAna Lima,sales,3,3\nAna\u034f Lima,sales,4,4\n",
        encoding="utf-8",
    )
    out = tmp_path / "imported"
    result = run_cli("import-csv", table, "-q", questionnaire, "--out-dir", out)
    assert result.exit_code == 2, result.stdout
    assert "already has a row, on line 2" in result.stderr
    assert not list(out.glob("*.yaml"))
