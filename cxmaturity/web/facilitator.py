"""The facilitator's pages: the live projector view, the full-screen QR code, and the
three switches (close or open joining, end the session). Only the facilitator token in
the path opens them.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import segno
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from cxmaturity.i18n import N_, language
from cxmaturity.web.figures import LiveFigures
from cxmaturity.web.respondent import client_of, form_of, set_cookie, workshop_of
from cxmaturity.web.security import CLIENT_COOKIE, csrf_token, same_secret
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import page


def _checked(request: Request) -> Workshop:
    workshop = workshop_of(request)
    if not same_secret(workshop.facilitator_token, str(request.path_params["token"])):
        raise Refused(404, N_("This facilitator link is not valid."))
    return workshop


def _base(request: Request) -> str:
    return f"/f/{request.path_params['token']}"


async def dashboard(request: Request) -> Response:
    workshop = _checked(request)
    live: LiveFigures = request.app.state.figures
    data = await run_in_threadpool(live.current)
    client, new = client_of(request)
    response = page(
        "facilitator.html.j2",
        language(workshop.language),
        title=workshop.loaded.model.title,
        data=data,
        base=_base(request),
        join_url=request.app.state.join_url,
        csrf=csrf_token(workshop.secret, client),
    )
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


async def figures(request: Request) -> Response:
    _checked(request)
    live: LiveFigures = request.app.state.figures
    return JSONResponse(await run_in_threadpool(live.current))


async def qr_page(request: Request) -> Response:
    workshop = _checked(request)
    return page(
        "qr.html.j2",
        language(workshop.language),
        title=workshop.loaded.model.title,
        base=_base(request),
        join_url=request.app.state.join_url,
        code=workshop.join_code,
    )


async def qr_svg(request: Request) -> Response:
    _checked(request)
    buffer = io.BytesIO()
    code = segno.make(request.app.state.join_url, error="m")
    code.save(buffer, kind="svg", scale=10, dark="#111", light="#fff", xmldecl=False)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


def _switch(act: Callable[[Workshop], None]) -> Callable[[Request], object]:
    async def handler(request: Request) -> Response:
        workshop = _checked(request)
        await form_of(request)
        act(workshop)
        if workshop.ended:
            request.app.state.on_end()
            lang = language(workshop.language)
            title, text = lang.gettext("Session ended"), lang.gettext(_ENDED)
            return page("message.html.j2", lang, title=title, text=text)
        return RedirectResponse(_base(request), status_code=303)

    return handler


_ENDED = N_("The session has ended. Every answer is saved in the workshop folder.")

ROUTES = [
    Route("/f/{token}", dashboard),
    Route("/f/{token}/figures.json", figures),
    Route("/f/{token}/qr", qr_page),
    Route("/f/{token}/qr.svg", qr_svg),
    Route("/f/{token}/close", _switch(lambda w: w.set_joining(False)), methods=["POST"]),
    Route("/f/{token}/open", _switch(lambda w: w.set_joining(True)), methods=["POST"]),
    Route("/f/{token}/end", _switch(Workshop.end), methods=["POST"]),
]
