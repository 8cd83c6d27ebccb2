"""Run ``cxmaturity workshop`` in a subprocess on a free loopback port, and talk to it.

Shared by the workshop tests and the workshop benchmark.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import httpx

# A small questionnaire: two departments, one question only for sales, so the pages,
# the progress bar and the scores all have something to show in a few clicks.
QUESTIONNAIRE = textwrap.dedent(
    """
    format: cxmaturity.questionnaire/1
    id: room
    version: "1"
    title: Room check
    departments:
      - {id: sales, name: Sales}
      - {id: service, name: Customer service}
    dimensions:
      - {id: lead, name: Leadership}
      - {id: data, name: Data and insight}
    questions:
      - id: lead-a
        dimension: lead
        text: Who owns the customer experience at the top?
        help: Think of what people below the board would say.
        options: [Nobody does, A few talk about it, A named sponsor, A funded forum, The whole board, Everyone acts on it]
      - {id: lead-b, dimension: lead, text: Do leaders act on customer feedback?, options: [Never, Rarely, Sometimes, Often, Usually, Always]}
      - {id: data-a, dimension: data, text: Is customer data joined up?, options: [Not at all, In spots, In a pilot, Mostly, Yes, Yes and live]}
      - {id: data-b, dimension: data, text: Do sales see service history?, departments: [sales], options: [No, Rarely, Partly, Mostly, Yes, Always]}
    """
).lstrip()

_URL = re.compile(r"(Join|Facilitator)[^:]*:\s+(\S+)")


class Lines:
    """Lines from a pipe, read straight from its descriptor so that none wait unseen in a
    buffer while ``select`` says there is nothing to read."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.fd = stream.fileno()
        self.pending = b""

    def read(self, timeout: float) -> str | None:
        """The next line, or None when none came in time or the pipe closed."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode("utf-8", "replace") + "\n"


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    folder: Path
    join_url: str
    facilitator_url: str
    out: Lines

    @property
    def base(self) -> str:
        return self.join_url.split("/join/")[0]

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    @property
    def code(self) -> str:
        return self.join_url.rsplit("/", 1)[1]

    def client(self, local_address: str | None = None) -> httpx.Client:
        transport = httpx.HTTPTransport(local_address=local_address)
        return httpx.Client(base_url=self.base, transport=transport, timeout=10)

    def stop(self) -> int:
        """Ctrl-C, as a person would; returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=15)
        finally:
            _close(self.proc)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=15)
        _close(self.proc)

    def stderr(self) -> str:
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")


def _close(proc: subprocess.Popen[bytes]) -> None:
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def write_questionnaire(folder: Path) -> Path:
    path = folder / "room.yaml"
    path.write_text(QUESTIONNAIRE, encoding="utf-8")
    return path


def start(
    folder: Path, questionnaire: str | Path, *extra: str, port: int = 0, timeout: float = 20
) -> Server:
    """Start the server and wait for its two URLs."""
    command = [sys.executable, "-m", "cxmaturity", "workshop", "--out-dir", str(folder)]
    proc = subprocess.Popen(
        [*command, "-q", str(questionnaire), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    out = Lines(proc.stdout)
    urls: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    while len(urls) < 2 and time.monotonic() < deadline:
        line = out.read(deadline - time.monotonic())
        if line is None:
            break
        found = _URL.search(line)
        if found:
            urls[found.group(1)] = found.group(2)
    if len(urls) < 2:
        proc.kill()
        proc.wait()
        err = proc.stderr.read().decode() if proc.stderr else ""
        _close(proc)
        raise RuntimeError(f"the workshop server did not start: {err}")
    return Server(proc, folder, urls["Join"], urls["Facilitator"], out)


def read_lines(server: Server, until: str, timeout: float = 10) -> list[str]:
    """Lines the server prints after its URLs, up to a quiet second after ``until`` shows."""
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = server.out.read(1 if any(until in x for x in lines) else 5)
        if line is None:
            break
        lines.append(line)
    return lines


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, html
    return found.group(1)


def join(client: httpx.Client, server: Server, name: str, department: str, **more: str) -> str:
    """Join as a respondent; returns the page the server sends them to."""
    form = client.get(f"/join/{server.code}")
    data = {"csrf": csrf_of(form.text), "name": name, "department": department, **more}
    reply = client.post(f"/join/{server.code}", data=data)
    assert reply.status_code == 303, reply.text
    return reply.headers["location"]


def answer(
    client: httpx.Client, number: int, question: str, value: str, comment: str | None = None
) -> httpx.Response:
    page = client.get(f"/q/{number}")
    data = {"csrf": csrf_of(page.text), "question": question, "answer": value}
    if comment is not None:
        data["comment"] = comment
    return client.post(f"/q/{number}", data=data)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder (the state folder included) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
