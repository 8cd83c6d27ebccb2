"""Connections under hostile traffic: time limits, a cap below the file limit, quiet logs.

Uvicorn never times out a request that is sent slowly: ten sockets that send half a
header stay open for ever, and on a laptop with 256 open files a few dozen of them
leave no descriptor for a real phone's join, while every failed ``accept`` prints a
traceback. Here each connection must finish sending its request within a few seconds
of opening (or of its previous response), connections past a cap set well below the
process's file limit are turned away at once, and each cause of trouble is logged as
one line, once a minute at most.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_SECONDS = 10.0
"""Time a client has to send a whole request: headers and body."""
KEEP_ALIVE_SECONDS = 5
SPARE_FILES = 64
"""Descriptors kept free for answer files, the state folder and the listening socket."""
MOST_CONNECTIONS = 500
ACCEPT_BURST = 16

_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nConnection: close\r\n"
    b"Content-Length: 29\r\nRetry-After: 5\r\n\r\nToo busy; try again shortly.\n"
)


def connection_cap() -> int:
    """How many connections may be open at once: below the open-file limit, with room."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MOST_CONNECTIONS
    return max(8, min(MOST_CONNECTIONS, soft - SPARE_FILES, soft // 2))


class GuardedH11(H11Protocol):
    """Uvicorn's HTTP/1.1 protocol with a deadline per request and a connection cap."""

    cap = connection_cap()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if len(self.connections) >= self.cap:
            once("too many connections at once; newcomers are told to retry")
            transport.write(_BUSY)  # type: ignore[attr-defined]
            transport.close()
            return
        super().connection_made(transport)  # type: ignore[arg-type]
        self._start_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.transport is None:  # turned away in connection_made
            return
        self._stop_deadline()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):
            self._stop_deadline()  # the whole request is in; the app has it now

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._start_deadline()  # for the next request on this connection

    def _start_deadline(self) -> None:
        self._stop_deadline()
        self._deadline = self.loop.call_later(REQUEST_SECONDS, self._expire)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.transport.is_closing() or self.conn.their_state is h11.DONE:
            return
        once("a client took too long to send its request; its connection was closed")
        self.transport.close()


_LAST_SAID: dict[str, float] = {}
_LOGGER = logging.getLogger("cxmaturity.workshop")


def once(cause: str, every: float = 60.0) -> None:
    """Log one line for ``cause``, at most once per ``every`` seconds."""
    now = time.monotonic()
    if now - _LAST_SAID.get(cause, -every) >= every:
        _LAST_SAID[cause] = now
        _LOGGER.warning("workshop: %s", cause)


class OneLinePerCause(logging.Filter):
    """Turns a logged error with a traceback into one line, said once a minute per cause.

    asyncio logs every failed ``accept`` (Too many open files) with its traceback; a
    busy room would otherwise fill the facilitator's terminal with them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == _LOGGER.name:
            return True
        cause = record.getMessage().splitlines()[0][:200]
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            cause = f"{cause}: {type(error).__name__}: {error}"[:300]
        record.exc_info = None
        record.exc_text = None
        record.msg, record.args = "workshop: %s", (cause,)
        now = time.monotonic()
        if now - _LAST_SAID.get(cause, -60.0) < 60.0:
            return False
        _LAST_SAID[cause] = now
        return True


def quiet_logs() -> None:
    """Install the one-line rule on the loggers a server's trouble is told through."""
    rule = OneLinePerCause()
    for name in ("asyncio", "uvicorn.error", _LOGGER.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLinePerCause) for f in logger.filters):
            logger.addFilter(rule)
    if not _LOGGER.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.propagate = False
