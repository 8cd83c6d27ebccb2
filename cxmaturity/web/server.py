"""Serving a workshop with uvicorn: pick the address, bind, announce the URLs, run.

The socket is bound before the URLs are announced, so a printed URL always works, and
``--port 0`` (used by the tests) gets a free port.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from cxmaturity.core.errors import UsageError
from cxmaturity.usecases.workshop import FolderLock, hold_folder
from cxmaturity.web.app import Limits, build_app
from cxmaturity.web.guard import ACCEPT_BURST, KEEP_ALIVE_SECONDS, GuardedH11, quiet_logs
from cxmaturity.web.security import allowed_hosts
from cxmaturity.web.state import STATE_DIR, Workshop

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Serving:
    address: str
    port: int
    join_url: str
    facilitator_url: str


def claim_folder(folder: Path) -> FolderLock:
    """One workshop per folder: hold the folder's lock (beside ``state.json``), or raise
    naming its holder."""
    return hold_folder(folder, folder / STATE_DIR)


def lan_address() -> str:
    """This machine's own non-loopback IPv4 address, as its host name resolves.

    Nothing is sent anywhere to find it out.
    """
    found: list[str] = []
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        found = [str(info[4][0]) for info in infos]
    usable = [a for a in found if not ipaddress.ip_address(a).is_loopback]
    if not usable:
        raise UsageError("could not find this computer's network address; give it with --host")
    return usable[0]


def bind(address: str, port: int) -> socket.socket:
    if not 0 <= port <= 65535:
        raise UsageError(f"--port {port}: a port is a number from 0 to 65535")
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((address, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = getattr(exc, "strerror", None) or exc
        raise UsageError(f"cannot listen on {address}:{port}: {reason}") from None
    sock.listen(128)
    return sock


def serve(
    workshop: Workshop,
    address: str,
    port: int,
    announce: Callable[[Serving], None],
    limits: Limits = Limits(),
) -> None:
    """Run until Ctrl-C or the facilitator ends the session."""
    sock = bind(address, port)
    port = sock.getsockname()[1]
    shown = f"[{address}]" if ":" in address else address
    base = f"http://{shown}:{port}"
    serving = Serving(
        address,
        port,
        f"{base}/join/{workshop.join_code}",
        f"{base}/f/{workshop.facilitator_token}",
    )
    names = [address, "localhost"] if address == LOOPBACK else [address]
    server: list[uvicorn.Server] = []

    def stop() -> None:
        server[0].should_exit = True

    app = build_app(workshop, serving.join_url, allowed_hosts(names, port), stop, limits)
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
        server_header=False,
        # Hostile traffic (see guard): every request has a deadline, connections are
        # capped below the file limit, and each cause of trouble is one log line.
        http=GuardedH11,
        # Accepted per turn of the loop before the cap can look at them: small, so a
        # burst never takes the last free descriptors.
        backlog=ACCEPT_BURST,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        # Never trust X-Forwarded-For: from loopback uvicorn would by default, and any
        # client could then pick the address the join rate limit counts.
        proxy_headers=False,
        forwarded_allow_ips="",
    )
    server.append(uvicorn.Server(config))
    quiet_logs()
    announce(serving)
    try:
        server[0].run(sockets=[sock])
    finally:
        sock.close()
