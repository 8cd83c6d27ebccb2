"""The Starlette application: routes, static files, the guard, and errors as pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.marks import N_
from cxmaturity.web import facilitator, respondent, settle, visitor
from cxmaturity.web.figures import LiveFigures
from cxmaturity.web.security import MAX_BODY, Guard, RateLimit
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import package_dir

_HTTP_MESSAGES = {
    404: N_("There is no such page here."),
    405: N_("That is not how this page is used."),
    413: N_("What was sent is too large."),
}


@dataclass(frozen=True)
class Limits:
    """Requests a client may send: ``burst`` at once, then ``rate`` a second."""

    rate: float = 10.0
    burst: float = 60.0
    joins_per_minute: float = 6.0
    join_burst: float = 10.0


def build_app(
    workshop: Workshop,
    join_url: str,
    hosts: set[str],
    on_end: Callable[[], None] = lambda: None,
    limits: Limits = Limits(),
) -> Starlette:
    app = Starlette(
        routes=[
            *respondent.ROUTES,
            *facilitator.ROUTES,
            *settle.ROUTES,
            Mount("/static", StaticFiles(directory=package_dir("static")), name="static"),
        ],
        middleware=[Middleware(Guard, hosts=hosts, limit=RateLimit(limits.rate, limits.burst))],
        exception_handlers={
            Refused: _refused,
            HTTPException: _http_error,
            CxMaturityError: _not_saved,
        },
        max_body_size=MAX_BODY,
    )
    app.state.workshop = workshop
    app.state.figures = LiveFigures(workshop)
    app.state.join_url = join_url
    app.state.on_end = on_end
    app.state.join_limit = RateLimit(limits.joins_per_minute / 60, limits.join_burst)
    return app


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Refused)
    lang = visitor.language_of(request)
    return visitor.message(lang, exc.status, exc.text(lang))


async def _not_saved(request: Request, exc: Exception) -> Response:
    # A write the system refused (a full disk, a folder gone): the answer is not saved,
    # and the respondent is told so rather than shown a confirmation.
    assert isinstance(exc, CxMaturityError)
    reason = exc.message  # without the path: that is the facilitator's business
    lang = visitor.language_of(request)
    text = lang.gettext(
        "Your answer could not be saved ({reason}). Tell the facilitator, then try again."
    )
    return visitor.message(lang, 503, text.format(reason=reason))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    lang = visitor.language_of(request)
    known = _HTTP_MESSAGES.get(exc.status_code)
    text = lang.gettext(known) if known else str(exc.detail)
    return visitor.message(lang, exc.status_code, text)
