"""`workshop` under load: 50 phones answer the whole of cx-core at once.

Each simulated respondent has its own loopback address (127.0.1.N), as each phone in a
room has its own, joins, then posts every answer of its department as fast as the
server replies. The server answers only once the answer file is on disk (written and
renamed atomically), so the time from sending an answer to its reply is the time from
request to answer on disk. One projector listens to the live figures meanwhile, pushed by
server-sent events (as the facilitator page does), and one more polls them.

Reported: p50/p99 of that time, the server's peak memory (VmHWM), and whether every
answer given is in the files afterwards. The goal is p99 under 100 ms. Loopback only;
every loop is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxmaturity.formats.loading import load_questionnaire  # noqa: E402
from tests.workshop_server import Server, csrf_of, start  # noqa: E402

RESPONDENTS = 50
GOAL_P99_MS = 100.0
SEED = 13
THINK = 1.0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def respondent(
    server: Server,
    number: int,
    department: str,
    plan: list[tuple[str, str]],
    times: list[float],
    think: float,
    inside: list[float],
) -> list[int]:
    """Join and answer every question; returns the statuses that were not a redirect."""
    pause = random.Random(number)
    transport = httpx.AsyncHTTPTransport(local_address=f"127.0.1.{number + 1}")
    bad: list[int] = []
    async with httpx.AsyncClient(base_url=server.base, transport=transport, timeout=30) as c:
        form = await c.get(f"/join/{server.code}")
        csrf = csrf_of(form.text)
        data = {"csrf": csrf, "name": f"Person {number}", "department": department}
        joined = await c.post(f"/join/{server.code}", data=data)
        if joined.status_code != 303:
            return [joined.status_code]
        for index, (question, value) in enumerate(plan, start=1):
            if think:
                await asyncio.sleep(think * pause.uniform(0.5, 1.5))
            body = {"csrf": csrf, "question": question, "answer": value}
            sent = time.perf_counter()
            reply = await c.post(f"/q/{index}", data=body)
            times.append(time.perf_counter() - sent)
            timing = reply.headers.get("server-timing", "")
            if timing.startswith("save;dur="):
                inside.append(float(timing.split("=", 1)[1]) / 1000)
            if reply.status_code != 303:
                bad.append(reply.status_code)
    return bad


async def projector(server: Server, stop: asyncio.Event) -> int:
    """The facilitator page's push: count the figures the server sends until the room ends."""
    pushed = [0]

    async def listen() -> None:
        async with (
            httpx.AsyncClient(timeout=None) as c,
            c.stream("GET", f"{server.facilitator_url}/events") as stream,
        ):
            async for line in stream.aiter_lines():
                pushed[0] += line.startswith("event: figures")

    task = asyncio.create_task(listen())
    await stop.wait()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return pushed[0]


async def facilitator(server: Server, stop: asyncio.Event) -> int:
    polls = 0
    async with httpx.AsyncClient(timeout=30) as c:
        for _ in range(600):  # bounded: at most 15 minutes of polling
            await c.get(f"{server.facilitator_url}/figures.json")
            polls += 1
            try:
                await asyncio.wait_for(stop.wait(), timeout=1.5)
                break
            except TimeoutError:
                continue
    return polls


Plans = dict[int, tuple[str, list[tuple[str, str]]]]


async def room(server: Server, plans: Plans, think: float) -> tuple:
    times: list[float] = []
    inside: list[float] = []
    stop = asyncio.Event()
    poller = asyncio.create_task(facilitator(server, stop))
    listener = asyncio.create_task(projector(server, stop))
    started = time.perf_counter()
    results = await asyncio.gather(
        *(
            respondent(server, n, dep, plan, times, think, inside)
            for n, (dep, plan) in plans.items()
        )
    )
    wall = time.perf_counter() - started
    stop.set()
    polls = await poller
    pushed = await listener
    return times, inside, [s for bad in results for s in bad], wall, (polls, pushed)


def lost_answers(folder: Path, plans: Plans) -> int:
    lost = 0
    files = {
        (data := yaml.safe_load(p.read_text(encoding="utf-8")))["respondent"]["name"]: data
        for p in folder.glob("*.yaml")
    }
    for number, (_, plan) in plans.items():
        saved = files.get(f"Person {number}", {}).get("answers", {})
        lost += sum(str(saved.get(q)) != value for q, value in plan)
    return lost


def percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    if p == 50:
        return statistics.median(sorted_ms)
    return sorted_ms[min(len(sorted_ms) - 1, max(0, round(p / 100 * len(sorted_ms)) - 1))]


def make_plans() -> Plans:
    q = load_questionnaire("cx-core").model
    rng = random.Random(SEED)
    plans = {}
    for number in range(RESPONDENTS):
        department = q.departments[number % len(q.departments)].id
        questions = q.questions_for(department)
        values = [rng.choice(["1", "2", "3", "4", "5", "6", "unknown", "n/a"]) for _ in questions]
        plans[number] = (department, [(x.id, v) for x, v in zip(questions, values, strict=True)])
    return plans


def run(label: str, plans: Plans, think: float) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "answers"
        server = start(folder, "cx-core")
        try:
            cpu_before = cpu_seconds(server.proc.pid)
            own_before = time.process_time()
            times, inside, bad, wall, (polls, pushed) = asyncio.run(room(server, plans, think))
            cpu = cpu_seconds(server.proc.pid) - cpu_before
            own = time.process_time() - own_before
            peak = peak_rss_mib(server.proc.pid)
        finally:
            server.stop()
        lost = lost_answers(folder, plans)
    ms = sorted(t * 1000 for t in times)
    p50, p99 = percentile(ms, 50), percentile(ms, 99)
    handler = sorted(t * 1000 for t in inside)
    print(
        f"workshop, {label}: {RESPONDENTS} respondents, {len(ms)} answers in {wall:.1f} s "
        f"({len(ms) / wall:.0f}/s), {polls} facilitator polls, {pushed} pushes to the projector"
    )
    print(f"  request -> on disk: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms")
    print(
        f"  of which in the handler (parse, check, write, fsync): "
        f"p50 {percentile(handler, 50):.1f} ms, p99 {percentile(handler, 99):.1f} ms"
    )
    print(
        f"  CPU: server {cpu:.1f} s ({cpu / len(ms) * 1000:.1f} ms an answer), "
        f"simulated phones {own:.1f} s"
    )
    print(f"  server peak memory: {peak:.0f} MiB; refused: {len(bad)}; answers lost: {lost}")
    ok = p99 < GOAL_P99_MS and lost == 0 and not bad
    print(f"  goal p99 < {GOAL_P99_MS:.0f} ms, nothing lost: {'ok' if ok else 'MISSED'}")
    return ok


def main() -> int:
    plans = make_plans()
    # A person takes many seconds to read a question and its six anchors; one second
    # between answers is already a room answering far faster than any room does.
    paced = run("one answer a second each", plans, THINK)
    # Then every phone posts its next answer the moment the last one is confirmed: the
    # server's ceiling. Latency here is queueing: 50 requests always waiting.
    run("flat out, no pause", plans, 0.0)
    return 0 if paced else 1


if __name__ == "__main__":
    sys.exit(main())
