"""What the deck (``report --format pptx``) and the workbook (``--format xlsx``) show.

Both are read off the board pack's own context (``packs.board``): the same findings,
decisions, departments and dimensions chosen for the board, the same small-group rule and
the same plan. This module only looks up and labels; the two renderers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from cxmaturity.core.result import DepartmentResult, DimensionResult, OrganisationResult, Result
from cxmaturity.core.stages import Stage
from cxmaturity.render import charts
from cxmaturity.render.board_story import DecisionRow
from cxmaturity.render.numbers import fixed
from cxmaturity.words.language import Language

HORIZON_DAYS = {"90-days": 90, "12-months": 365, "24-months": 730}
"""When an action on each horizon is due, counted from the report's date."""


@dataclass(frozen=True)
class HeatCell:
    text: str
    """The score as the PDF prints it, with ≈ (borderline) and ± (respondents split)."""
    score: float | None
    stage: Stage | None
    fill: str
    ink: str


@dataclass(frozen=True)
class HeatRow:
    name: str
    respondents: int | None
    cells: tuple[HeatCell, ...] | None
    """None for a department too small to show on its own."""


@dataclass(frozen=True)
class PlanRow:
    rank: int
    action: str
    dimension: str
    departments: str
    owner: str
    horizon: str
    due: date
    after: str


@dataclass(frozen=True)
class IntervalRow:
    name: str
    respondents: int | None
    score: float | None
    low: float | None
    high: float | None
    stage: str
    target: str


@dataclass(frozen=True)
class CommentRow:
    department: str
    dimension: str
    question: str
    text: str
    respondent: str
    role: str


@dataclass(frozen=True)
class OfficeView:
    organisation: str
    title: str
    today: date
    findings: tuple[tuple[str, str], ...]
    decisions: tuple[DecisionRow, ...]
    """The board pack's own decisions, as its summary page lists them."""
    caveats: tuple[str, ...]
    heat_columns: tuple[str, ...]
    heat_rows: tuple[HeatRow, ...]
    heat_total: HeatRow
    chart: tuple[tuple[str, float], ...]
    """Each charted department's score (small groups left out), lowest first as the board."""
    intervals: tuple[IntervalRow, ...]
    plan: tuple[PlanRow, ...]
    comments: tuple[CommentRow, ...]
    stage_names: dict[int, str]
    min_group: int
    names: bool
    shown_note: str
    """What was left out of the heatmap and chart, or nothing."""
    labels: dict[str, str]
    """Headings in the reader's language, where the board pack has the same words."""


def office_view(context: dict[str, Any], lang: Language) -> OfficeView:
    """The deck's and the workbook's content, from the board pack's context."""
    result: Result = context["result"]
    too_few: frozenset[str] = context["too_few"]
    columns: list[int] = context["board_columns"]
    departments: list[DepartmentResult] = context["board_departments"]
    org = result.organisation
    plan = tuple(
        _plan_row(r, context["horizons"], context["today"]) for r in context["roadmap_rows"]
    )
    return OfficeView(
        organisation=context["org"],
        title=context["q"].title,
        today=context["today"],
        findings=tuple((f.headline, f.text) for f in context["findings"]),
        decisions=tuple(context["decision_rows"]),
        caveats=tuple(context["caveats"]),
        heat_columns=tuple(org.dimensions[i].name for i in columns),
        heat_rows=tuple(
            HeatRow(d.name, d.respondents, None if d.id in too_few else _cells(d, columns, lang))
            for d in departments
        ),
        heat_total=HeatRow(lang.gettext("Organisation"), None, _cells(org, columns, lang)),
        chart=tuple(
            (d.name, d.score) for d in departments if d.id not in too_few and d.score is not None
        ),
        intervals=(
            _interval(lang.gettext("Organisation"), None, org, lang),
            *tuple(
                _interval(d.name, d.respondents, d, lang)
                for d in departments
                if d.id not in too_few
            ),
        ),
        plan=plan,
        comments=_comments(context),
        stage_names={int(s): lang.stage(s) for s in Stage},
        min_group=context["min_group"],
        names=context["names"],
        shown_note=_shown_note(context),
        labels=labels(lang, context["min_group"]),
    )


def labels(lang: Language, min_group: int) -> dict[str, str]:
    """The board pack's own headings, so a German deck reads as the German PDF does; the
    few headings the PDF has no words for stay English."""
    _ = lang.gettext
    return {
        "findings": _("What the survey found"),
        "decisions": _("Decisions for the board"),
        "decision": _("Decision asked of the board"),
        "accountable": _("Accountable"),
        "cost": _("Cost"),
        "by_day_90": _("By day 90:"),
        "kpi": _("KPI:"),
        "heatmap": _("Heatmap: departments by dimension"),
        "roadmap": _("Roadmap"),
        "caveats": _("Caveats"),
        "department": _("Department"),
        "departments": _("Departments"),
        "dimension": _("Dimension"),
        "overall": _("Overall"),
        "owner": _("Owner"),
        "horizon": _("Horizon"),
        "step": _("Step"),
        "score": _("Score"),
        "respondents": _("Respondents"),
        "stage": _("Stage"),
        "target": _("Target"),
        "too_few": _(
            "too few respondents to show on their own (fewer than %(min_group)s); counted in "
            "the organisation's figures"
        )
        % {"min_group": min_group},
    }


def _cells(
    item: DepartmentResult | OrganisationResult, columns: list[int], lang: Language
) -> tuple[HeatCell, ...]:
    return (
        _cell(item, False, lang),
        *tuple(_cell(item.dimensions[i], item.dimensions[i].disagreement, lang) for i in columns),
    )


def _cell(
    item: DepartmentResult | OrganisationResult | DimensionResult, split: bool, lang: Language
) -> HeatCell:
    text = fixed(item.score, lang) + (" ≈" if item.borderline else "") + (" ±" if split else "")
    return HeatCell(text, item.score, item.stage, charts.fill(item.stage), charts.ink(item.stage))


def _interval(
    name: str,
    respondents: int | None,
    item: DepartmentResult | OrganisationResult,
    lang: Language,
) -> IntervalRow:
    low, high = (None, None) if item.interval is None else (item.interval.low, item.interval.high)
    return IntervalRow(
        name,
        respondents,
        item.score,
        low,
        high,
        "–" if item.stage is None else lang.stage(item.stage),
        "–" if item.target is None else lang.stage(item.target),
    )


def decision_text(row: DecisionRow, words: dict[str, str]) -> str:
    """One decision in words, as the board pack's summary gives it."""
    due = f" ({row.milestone_due.isoformat()})" if row.milestone_due else ""
    return (
        f"{row.verb}: {row.ask}\n{words['by_day_90']} {row.milestone}{due}\n"
        f"{words['kpi']} {row.kpi}"
    )


def _plan_row(row: Any, horizons: dict[str, str], today: date) -> PlanRow:
    action = row.action
    return PlanRow(
        rank=row.rank,
        action=action.title,
        dimension=row.dimension,
        departments=row.departments,
        owner=row.owner,
        horizon=horizons.get(action.horizon, action.horizon),
        due=today + timedelta(days=HORIZON_DAYS.get(action.horizon, 0)),
        after=row.after,
    )


def _comments(context: dict[str, Any]) -> tuple[CommentRow, ...]:
    """Comments as the workshop pack shows them: anonymous unless ``names``, and none from
    a department under ``min_group`` (unless ``names``, which lifts the rule there too)."""
    result: Result = context["result"]
    names: bool = context["names"]
    small = {d.id for d in result.departments if d.respondents < context["min_group"]}
    texts = {q.id: q.text for q in context["q"].questions}
    rows = []
    for c in result.comments:
        if c.department in small and not names:
            continue
        rows.append(
            CommentRow(
                department=context["department_names"].get(c.department, c.department),
                dimension=context["dimension_names"].get(c.dimension_id, c.dimension_id),
                question=texts.get(c.question_id, c.question_id),
                text=c.text,
                respondent=c.respondent if names else "",
                role=(c.role or "") if names else "",
            )
        )
    return tuple(rows)


def _shown_note(context: dict[str, Any]) -> str:
    parts = []
    if context["departments_left_out"]:
        parts.append(
            f"the {len(context['board_departments'])} lowest-scoring of "
            f"{len(context['result'].departments)} departments"
        )
    if context["dimensions_left_out"]:
        parts.append(
            f"the {len(context['board_columns'])} weakest of "
            f"{len(context['result'].organisation.dimensions)} dimensions"
        )
    return ("Shown: " + "; ".join(parts) + ".") if parts else ""
