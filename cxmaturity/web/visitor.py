"""Who is asking: a request's workshop, its reader's language, its browser, its member and
its posted form, and the one-message page.

Shared by every page of the workshop (the respondent's, the facilitator's and the
settling of facts), so each handler reads a request the same way: a form without this
browser's CSRF token or a page asked for by someone who has not joined is refused here.
"""

from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import Response

from cxmaturity.core.marks import N_
from cxmaturity.usecases.answering import Member
from cxmaturity.web.negotiation import pick
from cxmaturity.web.security import CLIENT_COOKIE, MAX_BODY, TOKEN_COOKIE, csrf_ok
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import page
from cxmaturity.words.language import Language, language

COOKIE_AGE = 7 * 24 * 3600
# A field may fill the whole body: a comment of 5,000 four-byte characters is 60 kB
# percent-encoded, and must reach the length check (a clear message, the text kept), not
# a bare 400 from the form parser.
_FORM_LIMITS = {"max_files": 0, "max_fields": 20, "max_part_size": MAX_BODY}


def workshop_of(request: Request) -> Workshop:
    workshop: Workshop = request.app.state.workshop
    return workshop


def message(lang: Language, status: int, text: str, title: str | None = None) -> Response:
    """A page with one message; ``text`` and ``title`` are already in ``lang``."""
    heading = title if title is not None else lang.gettext("Sorry")
    return page("message.html.j2", lang, status=status, title=heading, text=text)


def language_of(request: Request) -> Language:
    """The language this browser reads: its respondent's, once joined; before that, the
    one chosen on the join page (``?lang=``), the facilitator's ``--lang``, or the browser's."""
    workshop = workshop_of(request)
    member = workshop.member(request.cookies.get(TOKEN_COOKIE))
    if member is not None:
        return language(workshop.language_of(member))
    asked = request.query_params.get("lang")
    header = request.headers.get("accept-language")
    return language(pick(asked, workshop.languages, workshop.default_language, header))


def client_of(request: Request) -> tuple[str, bool]:
    """The browser's id from its cookie, or a new one (True when new)."""
    found = request.cookies.get(CLIENT_COOKIE)
    return (found, False) if found else (secrets.token_urlsafe(18), True)


def set_cookie(response: Response, name: str, value: str) -> None:
    response.set_cookie(name, value, max_age=COOKIE_AGE, httponly=True, samesite="lax")


async def form_of(request: Request) -> dict[str, str]:
    """The posted fields as text; refuses (403) a form without this browser's CSRF token."""
    form = await request.form(**_FORM_LIMITS)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    secret = workshop_of(request).secret
    if not csrf_ok(secret, request.cookies.get(CLIENT_COOKIE), fields.get("csrf")):
        raise Refused(
            403,
            N_(
                "This form has expired or did not come from this workshop. "
                "Go back, reload the page and try again."
            ),
        )
    return fields


def member_of(request: Request) -> Member:
    member = workshop_of(request).member(request.cookies.get(TOKEN_COOKIE))
    if member is None:
        raise Refused(
            403,
            N_(
                "You have not joined this workshop on this device. Scan the QR code or open "
                "the join link the facilitator shows."
            ),
        )
    return member
