"""The consensus round on the projector: one split question opened, then settled.

The page shows how the department answered (anonymously: counts only, and none for a
group under ``--min-group``) and what they wrote, and records the agreed stage and a
one-line reason in the folder's consensus file, never in anyone's answer file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from cxmaturity.core.consensus import MAX_REASON, stage_counts
from cxmaturity.core.errors import UsageError
from cxmaturity.core.marks import N_
from cxmaturity.core.stages import Stage
from cxmaturity.usecases.assessment import assess_folder
from cxmaturity.usecases.consensus_round import agreed_in, settle
from cxmaturity.web.facilitator import base_of, checked
from cxmaturity.web.security import CLIENT_COOKIE, csrf_token
from cxmaturity.web.state import Refused, Workshop
from cxmaturity.web.templates import page
from cxmaturity.web.visitor import client_of, form_of, set_cookie
from cxmaturity.words.language import language


@dataclass(frozen=True)
class Opened:
    department: str
    department_name: str
    question: Any
    counts: tuple[int, ...] | None
    answered: int
    comments: tuple[str, ...]
    agreed: Any


def _opened(workshop: Workshop, department: str, question_id: str) -> Opened:
    q = workshop.loaded.model
    found = q.department(department)
    question = next((x for x in q.questions_for(department) if x.id == question_id), None)
    if found is None or question is None:
        raise Refused(404, N_("There is no such question for that department."))
    sets = assess_folder(workshop.loaded, workshop.folder, []).answer_sets
    mine = [s for s in sets if s.file.respondent.department == department]
    counts = stage_counts(mine, department, question_id)
    comments = tuple(
        sorted(
            value.comment
            for s in mine
            if (value := s.file.answers.get(question_id)) is not None and value.comment
        )
    )
    return Opened(
        department,
        found.name,
        question,
        counts if len(mine) >= workshop.min_group else None,
        sum(counts),
        comments if len(mine) >= workshop.min_group else (),
        agreed_in(workshop.folder, department, question_id),
    )


async def opened(request: Request) -> Response:
    workshop = checked(request)
    department, question = request.path_params["department"], request.path_params["question"]
    found = await run_in_threadpool(_opened, workshop, department, question)
    return _page(request, workshop, found, None, 200)


def _page(
    request: Request, workshop: Workshop, found: Opened, error: str | None, status: int
) -> Response:
    client, new = client_of(request)
    lang = language(workshop.language)
    top = max(found.counts or (0,)) or 1
    bars = [
        {"stage": int(stage), "name": lang.stage(stage), "count": n, "width": round(100 * n / top)}
        for stage, n in zip(Stage, found.counts or (), strict=False)
    ]
    response = page(
        "settle.html.j2",
        lang,
        status=status,
        title=workshop.loaded.model.title,
        base=base_of(request),
        found=found,
        bars=bars,
        options=[
            (int(s), lang.stage(s), t) for s, t in zip(Stage, found.question.options, strict=True)
        ],
        min_group=workshop.min_group,
        max_reason=MAX_REASON,
        error=error,
        csrf=csrf_token(workshop.secret, client),
    )
    if new:
        set_cookie(response, CLIENT_COOKIE, client)
    return response


async def record(request: Request) -> Response:
    workshop = checked(request)
    department, question = request.path_params["department"], request.path_params["question"]
    fields = await form_of(request)
    found = await run_in_threadpool(_opened, workshop, department, question)
    stage = fields.get("stage", "")
    try:
        if not (stage.isdigit() and 1 <= int(stage) <= len(Stage)):
            raise UsageError(language(workshop.language).gettext("Pick the agreed stage."))
        await run_in_threadpool(_settle, workshop, department, question, int(stage), fields)
    except UsageError as exc:
        return _page(request, workshop, found, exc.message, 400)
    request.app.state.figures.refresh()
    return RedirectResponse(base_of(request), status_code=303)


def _settle(
    workshop: Workshop, department: str, question: str, stage: int, fields: dict[str, str]
) -> None:
    sets = assess_folder(workshop.loaded, workshop.folder, []).answer_sets
    reason = fields.get("reason", "")
    settle(
        workshop.loaded,
        workshop.folder,
        sets,
        f"{department}/{question}",
        stage,
        reason,
        workshop.clock(),
    )
    workshop.changes += 1


ROUTES = [
    Route("/f/{token}/settle/{department}/{question}", opened, methods=["GET"]),
    Route("/f/{token}/settle/{department}/{question}", record, methods=["POST"]),
]
