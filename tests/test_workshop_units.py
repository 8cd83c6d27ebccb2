"""The workshop's small pure parts: answer parsing, the rate limit, hosts, CSRF tokens."""

from __future__ import annotations

import pytest

from cxmaturity.core.stages import Stage
from cxmaturity.web.security import RateLimit, allowed_hosts, csrf_ok, csrf_token
from cxmaturity.web.state import Refused, new_code, parse_value


@pytest.mark.parametrize(
    ("text", "stage", "status"),
    [("1", Stage.IGNORE, "stage"), ("6", Stage.EMBED, "stage"), ("unknown", None, "unknown")],
)
def test_posted_answers_are_1_to_6_unknown_or_na(text: str, stage: Stage, status: str) -> None:
    value = parse_value(text)
    assert value is not None and value.stage == stage and value.status == status
    assert parse_value("") is None  # keep what is there


@pytest.mark.parametrize("text", ["7", "0", "-1", "10", "embed", "3.0", " 3", "Unknown", "na"])
def test_anything_else_is_refused_with_a_400(text: str) -> None:
    with pytest.raises(Refused) as caught:
        parse_value(text)
    assert caught.value.status == 400 and "is not an answer" in caught.value.message


def test_the_rate_limit_allows_a_burst_then_the_rate() -> None:
    now = [0.0]
    limit = RateLimit(rate=2, burst=3, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limit.allow("b")  # another client has its own bucket
    now[0] += 0.5  # one more request's worth
    assert limit.allow("a") and not limit.allow("a")


def test_the_rate_limit_forgets_idle_clients_so_memory_stays_bounded() -> None:
    now = [0.0]
    limit = RateLimit(rate=1, burst=1, clock=lambda: now[0])
    for number in range(10_001):
        limit.allow(f"10.0.{number // 256}.{number % 256}")
    now[0] += 5
    limit.allow("late")
    assert len(limit.buckets) == 1


def test_hosts_with_and_without_the_port() -> None:
    assert allowed_hosts(["127.0.0.1", "localhost"], 8000) == {
        "127.0.0.1",
        "127.0.0.1:8000",
        "localhost",
        "localhost:8000",
    }
    assert "[::1]:9000" in allowed_hosts(["::1"], 9000)


def test_csrf_tokens_belong_to_one_browser() -> None:
    secret = b"k" * 32
    token = csrf_token(secret, "browser-a")
    assert csrf_ok(secret, "browser-a", token)
    assert not csrf_ok(secret, "browser-b", token)
    assert not csrf_ok(b"x" * 32, "browser-a", token)
    assert not csrf_ok(secret, None, token) and not csrf_ok(secret, "browser-a", None)


def test_join_codes_are_short_and_unambiguous() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 6 and not set(c) & set("01IO") for c in codes)


def test_the_lan_address_is_the_first_non_loopback_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from cxmaturity.core.errors import UsageError
    from cxmaturity.web import server

    def resolving(*found: str) -> object:
        return lambda *_args, **_kw: [(socket.AF_INET, 1, 6, "", (a, 0)) for a in found]

    monkeypatch.setattr(socket, "getaddrinfo", resolving("127.0.1.1", "192.168.4.20"))
    assert server.lan_address() == "192.168.4.20"
    monkeypatch.setattr(socket, "getaddrinfo", resolving("127.0.1.1"))
    with pytest.raises(UsageError, match="give it with --host"):
        server.lan_address()
