"""The respondent's pages: join, one question per screen, review, done.

Each handler parses the request, asks the workshop to act (which saves before it
returns) and answers with a page or a redirect. The pages need no script at all.
"""

from __future__ import annotations

import time
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from cxmaturity.core.marks import N_
from cxmaturity.core.model import COMMENT_MAX
from cxmaturity.core.stages import Stage
from cxmaturity.usecases.answering import Member
from cxmaturity.web.negotiation import names, pick
from cxmaturity.web.security import (
    CLIENT_COOKIE,
    TOKEN_COOKIE,
    csrf_token,
    same_secret,
)
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import page
from cxmaturity.web.visitor import (
    client_of,
    form_of,
    language_of,
    member_of,
    set_cookie,
    workshop_of,
)
from cxmaturity.words.language import Language, language


def resume_url(member: Member) -> str:
    """Where a returning respondent goes on: the first question left, else the review."""
    session = member.session
    first = session.first_unanswered()
    return "/review" if first is None else f"/q/{first + 1}"


# -- joining ---------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    """Back to where this phone left off; a phone that has not joined is asked for the code."""
    workshop = workshop_of(request)
    member = workshop.member(request.cookies.get(TOKEN_COOKIE))
    if member is not None:
        return RedirectResponse(resume_url(member), status_code=303)
    return _code_page(request, workshop, None, 200)


async def join_by_code(request: Request) -> Response:
    """``/join?code=FV5PGW``: the code read off the projector, typed in."""
    workshop = workshop_of(request)
    typed = request.query_params.get("code")
    if typed is None:
        return _code_page(request, workshop, None, 200)
    code = "".join(typed.split()).upper()[:32]
    if not same_secret(workshop.join_code, code):
        lang = language_of(request)
        text = lang.gettext("That is not this workshop's code. Check it on the projector.")
        return _code_page(request, workshop, text, 404)
    return RedirectResponse(f"/join/{code}", status_code=303)


def _code_page(request: Request, workshop: Workshop, error: str | None, status: int) -> Response:
    lang = language_of(request)
    return page(
        "code.html.j2",
        lang,
        status=status,
        title=workshop.loaded.model.title,
        error=error,
        ended=workshop.ended,
    )


async def resume(request: Request) -> Response:
    """A resume link from the facilitator: this phone takes over the person's session."""
    workshop = workshop_of(request)
    token, member = await run_in_threadpool(workshop.resume, str(request.path_params["token"]))
    response = RedirectResponse(resume_url(member), status_code=303)
    set_cookie(response, TOKEN_COOKIE, token)
    return response


def _check_code(request: Request) -> Workshop:
    workshop = workshop_of(request)
    given = str(request.path_params["code"]).upper()
    if not same_secret(workshop.join_code, given):
        raise Refused(
            404, N_("This join code is not valid. Check the link or scan the QR code again.")
        )
    return workshop


async def join_form(request: Request) -> Response:
    workshop = _check_code(request)
    member = workshop.member(request.cookies.get(TOKEN_COOKIE))
    if member is not None:
        return RedirectResponse(resume_url(member), status_code=303)
    if workshop.ended:
        raise Refused(410, N_("The workshop has ended."))
    return _join_page(request, workshop, {}, None, 200)


def _join_language(request: Request, workshop: Workshop, fields: dict[str, str]) -> Language:
    """The join page's language: the one its form was sent in, or the one chosen or offered."""
    asked = fields.get("language") or request.query_params.get("lang")
    header = request.headers.get("accept-language")
    return language(pick(asked, workshop.languages, workshop.default_language, header))


def _join_page(
    request: Request, workshop: Workshop, fields: dict[str, str], error: str | None, status: int
) -> Response:
    client, new = client_of(request)
    lang = _join_language(request, workshop, fields)
    model = workshop.localised(lang.code).model
    response = page(
        "join.html.j2",
        lang,
        status=status,
        title=model.title,
        departments=model.departments,
        languages=names(workshop.languages),
        joining_open=workshop.joining_open,
        fields=fields,
        error=error,
        csrf=csrf_token(workshop.secret, client),
    )
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


async def join(request: Request) -> Response:
    workshop = _check_code(request)
    fields = await form_of(request)
    client = (request.client.host if request.client else "unknown") + ":join"
    if not request.app.state.join_limit.allow(client):
        raise Refused(429, N_("Too many people joined from this device just now: wait a minute."))
    try:
        token, member = await run_in_threadpool(
            workshop.join,
            fields.get("name", ""),
            fields.get("anonymous") == "yes",
            fields.get("role"),
            fields.get("department", ""),
            fields.get("language"),
        )
    except Refused as exc:
        if exc.status in (400, 409):
            lang = _join_language(request, workshop, fields)
            return _join_page(request, workshop, fields, exc.text(lang), exc.status)
        raise
    response = RedirectResponse(resume_url(member), status_code=303)
    set_cookie(response, TOKEN_COOKIE, token)
    return response


# -- questions ----------------------------------------------------------------------------


def _number(request: Request, member: Member) -> int:
    # Read here, not by the route's int converter: 5,000 digits are past what int() reads,
    # and no page number has more than a few.
    given: str = request.path_params["number"]
    number = int(given) if given.isdecimal() and len(given) <= 6 else 0
    if not 1 <= number <= member.session.total:
        raise Refused(404, N_("There is no question {number}."), number=given[:12])
    return number


async def question(request: Request) -> Response:
    workshop = workshop_of(request)
    member = member_of(request)
    number = _number(request, member)
    if workshop.ended:
        raise Refused(410, N_("The workshop has ended. Thank you: your answers are saved."))
    return _question_page(request, member, number)


def _question_page(
    request: Request,
    member: Member,
    number: int,
    problem: str | None = None,
    typed: str | None = None,
    status: int = 200,
) -> Response:
    workshop = workshop_of(request)
    session = member.session
    current = session.questions[number - 1]
    client, new = client_of(request)
    lang = language(workshop.language_of(member))
    response = page(
        "question.html.j2",
        lang,
        title=session.loaded.model.title,
        number=number,
        total=session.total,
        answered=session.answered,
        question=current,
        dimension=session.dimension_name(current),
        options=_options(current.options, workshop.show_stages, lang),
        answer=session.answer_for(current),
        # The questionnaire's hint on what backs an upper answer (cx-core 2.1), if it has one.
        hint=getattr(current, "evidence", None),
        saved=request.query_params.get("saved") == "1",
        csrf=csrf_token(workshop.secret, client),
        problem=problem,
        typed=typed,
    )
    response.status_code = status
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


def _options(texts: list[str], show_stages: bool, lang: Language) -> list[dict[str, Any]]:
    return [
        {"value": str(int(stage)), "text": text, "stage": lang.stage(stage) if show_stages else ""}
        for stage, text in zip(Stage, texts, strict=True)
    ]


async def answer(request: Request) -> Response:
    began = time.perf_counter()
    workshop = workshop_of(request)
    member = member_of(request)
    number = _number(request, member)
    fields = await form_of(request)
    question_id = fields.get("question", "")
    comment = fields.get("comment")
    if comment is not None:
        # Browsers count a line break as one character for maxlength and send it as two
        # (CRLF); measured as sent, a comment at the limit would be refused.
        comment = comment.replace("\r\n", "\n").replace("\r", "\n")
    if comment is not None and len(comment) > COMMENT_MAX:
        return await _comment_too_long(request, member, question_id, fields, comment)
    evidence = (
        {key: fields.get(f"evidence_{key}", "") for key in ("ref", "date", "holder", "note")}
        if "evidence_ref" in fields
        else None
    )
    index = await run_in_threadpool(
        workshop.answer,
        member,
        question_id,
        fields.get("answer", ""),
        comment,
        evidence,
    )
    # From the handler's start to the answer on disk, for the load benchmark.
    timing = f"save;dur={(time.perf_counter() - began) * 1000:.1f}"
    go = fields.get("go", "next")
    total = member.session.total
    if go == "back":
        target = f"/q/{max(index, 1)}"
    elif go == "stay":
        target = f"/q/{index + 1}?saved=1"
    elif index + 1 >= total or go == "review":
        target = "/review"
    else:
        target = f"/q/{index + 2}"
    del number  # the page's number only had to exist; the question id says what was answered
    return RedirectResponse(target, status_code=303, headers={"server-timing": timing})


async def _comment_too_long(
    request: Request, member: Member, question_id: str, fields: dict[str, str], comment: str
) -> Response:
    """The chosen answer is kept; the person is back on the question with their text as
    typed and told the limit, never on a dead-end page with everything lost."""
    workshop = workshop_of(request)
    index = await run_in_threadpool(
        workshop.answer, member, question_id, fields.get("answer", ""), None
    )
    lang = language(workshop.language_of(member))
    problem = Refused(
        413, N_("The comment is longer than {limit} characters."), limit=COMMENT_MAX
    ).text(lang)
    return _question_page(request, member, index + 1, problem, comment, 413)


async def review(request: Request) -> Response:
    workshop = workshop_of(request)
    member = member_of(request)
    session = member.session
    lang = language(workshop.language_of(member))
    rows = []
    for number, current in enumerate(session.questions, start=1):
        value = session.answer_for(current)
        described = _describe(value, current, lang)
        rows.append({"number": number, "question": current, "answer": described})
    client, new = client_of(request)
    response = page(
        "review.html.j2",
        lang,
        title=session.loaded.model.title,
        rows=rows,
        answered=session.answered,
        total=session.total,
        name=session.respondent.name,
        languages=names(workshop.languages),
        csrf=csrf_token(workshop.secret, client),
    )
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


async def change_language(request: Request) -> Response:
    """The respondent switches language: every page from now on, and their answer file."""
    workshop = workshop_of(request)
    member = member_of(request)
    fields = await form_of(request)
    await run_in_threadpool(workshop.set_language, member, fields.get("language", ""))
    return RedirectResponse("/review", status_code=303)


def _describe(value: Any, current: Any, lang: Language) -> str:
    if value.status == "stage":
        return str(current.options[int(value.stage) - 1])
    if value.status == "unknown":
        return lang.gettext("Don't know")
    return lang.gettext("Not applicable") if value.status == "n/a" else ""


async def done(request: Request) -> Response:
    member = member_of(request)
    session = member.session
    lang = language(workshop_of(request).language_of(member))
    return page(
        "done.html.j2",
        lang,
        title=lang.gettext("Thank you"),
        answered=session.answered,
        total=session.total,
    )


ROUTES = [
    Route("/", home),
    Route("/join", join_by_code, methods=["GET"]),
    Route("/resume/{token}", resume, methods=["GET"]),
    Route("/join/{code}", join_form, methods=["GET"]),
    Route("/join/{code}", join, methods=["POST"]),
    Route("/q/{number}", question, methods=["GET"]),
    Route("/q/{number}", answer, methods=["POST"]),
    Route("/review", review),
    Route("/language", change_language, methods=["POST"]),
    Route("/done", done),
]
