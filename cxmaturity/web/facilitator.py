"""The facilitator's pages: the live projector view, the full-screen QR code, and the
three switches (close or open joining, end the session). Only the facilitator token in
the path opens them.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator, Callable

import segno
from markupsafe import Markup
from sse_starlette import EventSourceResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from cxmaturity.core.marks import N_
from cxmaturity.web.figures import LiveFigures, members
from cxmaturity.web.security import CLIENT_COOKIE, csrf_token, same_secret
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import page
from cxmaturity.web.visitor import client_of, form_of, set_cookie, workshop_of
from cxmaturity.words.language import language


def checked(request: Request) -> Workshop:
    workshop = workshop_of(request)
    if not same_secret(workshop.facilitator_token, str(request.path_params["token"])):
        raise Refused(404, N_("This facilitator link is not valid."))
    return workshop


def base_of(request: Request) -> str:
    return f"/f/{request.path_params['token']}"


async def dashboard(request: Request) -> Response:
    workshop = checked(request)
    live: LiveFigures = request.app.state.figures
    data = await run_in_threadpool(live.current)
    client, new = client_of(request)
    response = page(
        "facilitator.html.j2",
        language(workshop.language),
        title=workshop.loaded.model.title,
        data=data,
        base=base_of(request),
        join_url=request.app.state.join_url,
        code=workshop.join_code,
        people=members(workshop),
        csrf=csrf_token(workshop.secret, client),
    )
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


async def figures(request: Request) -> Response:
    checked(request)
    live: LiveFigures = request.app.state.figures
    return JSONResponse(await run_in_threadpool(live.current))


PUSH_EVERY = 0.25
"""Seconds between two looks at the figures for each open projector."""
HEARTBEAT = 2.0
"""Seconds of quiet after which a projector is sent the figures anyway: its sign of life."""


async def events(request: Request) -> Response:
    """The live figures pushed as server-sent events: at once when they change, and
    every two seconds regardless, so a page that hears nothing knows it lost the server."""
    checked(request)
    live: LiveFigures = request.app.state.figures

    async def stream() -> AsyncIterator[dict[str, str]]:
        last, quiet = None, 0.0
        while True:
            data = await run_in_threadpool(live.current)
            if data["version"] != last or quiet >= HEARTBEAT:
                last, quiet = data["version"], 0.0
                yield {"event": "figures", "data": json.dumps(data)}
            await asyncio.sleep(PUSH_EVERY)
            quiet += PUSH_EVERY

    return EventSourceResponse(stream(), send_timeout=5, headers={"cache-control": "no-store"})


async def resume_link(request: Request) -> Response:
    """A one-time link (and its QR code) that moves a person's session to a new phone."""
    workshop = checked(request)
    fields = await form_of(request)
    who = fields.get("who", "")
    token = await run_in_threadpool(workshop.issue_resume, who)
    member = workshop.member_named(who)
    assert member is not None  # issue_resume refuses anyone unknown
    url = request.app.state.join_url.split("/join/")[0] + f"/resume/{token}"
    return page(
        "resume.html.j2",
        language(workshop.language),
        title=workshop.loaded.model.title,
        base=base_of(request),
        name=member.session.respondent.name,
        url=url,
        # segno's own SVG of the link: markup we made, with nothing a person typed in it.
        qr=Markup(_qr_svg(url, scale=8).decode("utf-8")),
    )


async def qr_page(request: Request) -> Response:
    workshop = checked(request)
    return page(
        "qr.html.j2",
        language(workshop.language),
        title=workshop.loaded.model.title,
        base=base_of(request),
        join_url=request.app.state.join_url,
        code=workshop.join_code,
    )


async def qr_svg(request: Request) -> Response:
    checked(request)
    svg = _qr_svg(request.app.state.join_url, scale=10)
    return Response(svg, media_type="image/svg+xml")


def _qr_svg(url: str, scale: int) -> bytes:
    """A link as a QR code in SVG: black on white, medium error correction."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=scale, dark="#111", light="#fff", xmldecl=False
    )
    return buffer.getvalue()


def _switch(act: Callable[[Workshop], None]) -> Callable[[Request], object]:
    async def handler(request: Request) -> Response:
        workshop = checked(request)
        await form_of(request)
        act(workshop)
        if workshop.ended:
            request.app.state.on_end()
            lang = language(workshop.language)
            title, text = lang.gettext("Session ended"), lang.gettext(_ENDED)
            return page("message.html.j2", lang, title=title, text=text)
        return RedirectResponse(base_of(request), status_code=303)

    return handler


_ENDED = N_("The session has ended. Every answer is saved in the workshop folder.")

ROUTES = [
    Route("/f/{token}", dashboard),
    Route("/f/{token}/figures.json", figures),
    Route("/f/{token}/events", events),
    Route("/f/{token}/resume", resume_link, methods=["POST"]),
    Route("/f/{token}/qr", qr_page),
    Route("/f/{token}/qr.svg", qr_svg),
    Route("/f/{token}/close", _switch(lambda w: w.set_joining(False)), methods=["POST"]),
    Route("/f/{token}/open", _switch(lambda w: w.set_joining(True)), methods=["POST"]),
    Route("/f/{token}/end", _switch(Workshop.end), methods=["POST"]),
]
