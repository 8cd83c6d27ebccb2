"""What every request passes before a page sees it: the Host check (DNS rebinding), a
per-client rate limit, and the headers that keep pages to the tool's own scripts and
styles. Also the CSRF tokens that every form carries.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CLIENT_COOKIE = "cxw_client"
TOKEN_COOKIE = "cxw_token"
MAX_BODY = 64 * 1024
"""A comment of 5,000 characters, percent-encoded, fits with room to spare."""

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]


def csrf_token(secret: bytes, client_id: str) -> str:
    """The form token for one browser: bound to its cookie, so another site cannot know it."""
    return hmac.new(secret, b"csrf:" + client_id.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_ok(secret: bytes, client_id: str | None, sent: str | None) -> bool:
    if not client_id or not sent:
        return False
    return hmac.compare_digest(csrf_token(secret, client_id).encode(), sent.encode())


def same_secret(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode(), given.encode())


@dataclass
class Bucket:
    tokens: float
    stamp: float


@dataclass
class RateLimit:
    """A token bucket per client: ``burst`` requests at once, then ``rate`` a second."""

    rate: float
    burst: float
    clock: Callable[[], float] = time.monotonic
    buckets: dict[str, Bucket] = field(default_factory=dict)

    def allow(self, client: str) -> bool:
        now = self.clock()
        bucket = self.buckets.get(client)
        if bucket is None:
            if len(self.buckets) > 10_000:
                self._forget_idle(now)
            bucket = self.buckets[client] = Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.rate)
        bucket.stamp = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def _forget_idle(self, now: float) -> None:
        # A full bucket holds no memory worth keeping; forgetting it changes nothing.
        full = [k for k, b in self.buckets.items() if b.tokens + (now - b.stamp) * self.rate >= 1]
        for key in full:
            del self.buckets[key]


class Guard:
    """ASGI middleware: refuse foreign Host headers and floods; add the security headers."""

    def __init__(self, app: ASGIApp, hosts: set[str], limit: RateLimit) -> None:
        self.app = app
        self.hosts = hosts
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if host.lower() not in self.hosts:
            reply = PlainTextResponse(
                "This server does not answer to that host name. Use the address the "
                "facilitator gave you.",
                status_code=421,
            )
            await reply(scope, receive, self._with_headers(send))
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        if not self.limit.allow(client):
            reply = PlainTextResponse(
                "Too many requests: wait a few seconds, then try again.",
                status_code=429,
                headers={"retry-after": "2"},
            )
            await reply(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + _HEADERS
            await send(message)

        return sending


def allowed_hosts(addresses: list[str], port: int) -> set[str]:
    """Host header values that name this server: each address with and without the port."""
    hosts: set[str] = set()
    for address in addresses:
        shown = f"[{address}]" if ":" in address else address
        hosts |= {shown.lower(), f"{shown}:{port}".lower()}
    return hosts
