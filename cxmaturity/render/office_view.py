"""What the deck (``report --format pptx``) and the workbook (``--format xlsx``) show.

Both are read off the board pack's own view model (``packs.board``): the same findings,
decisions, departments and dimensions chosen for the board, the same small-group rule and
the same plan. This module only looks up and labels; the two renderers only lay it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cxmaturity.core.result import DepartmentResult, DimensionResult, OrganisationResult
from cxmaturity.core.stages import Stage
from cxmaturity.render import charts
from cxmaturity.render.board_story import DecisionRow
from cxmaturity.render.numbers import fixed
from cxmaturity.render.pack_models import BoardPack, RoadmapRow, Selection, Shared
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


def office_view(pack: BoardPack, lang: Language) -> OfficeView:
    """The deck's and the workbook's content, from the board pack's view model."""
    both = pack.shared
    columns = pack.board_columns
    org = both.result.organisation
    plan = tuple(_plan_row(r, both.horizons, both.today) for r in pack.roadmap_rows)
    return OfficeView(
        organisation=both.org,
        title=both.q.title,
        today=both.today,
        findings=tuple((f.headline, f.text) for f in pack.findings),
        decisions=tuple(pack.story.decision_rows),
        caveats=pack.caveats,
        heat_columns=tuple(org.dimensions[i].name for i in columns),
        heat_rows=tuple(
            HeatRow(
                d.name,
                d.respondents,
                _cells(d, columns, lang) if pack.selection.is_shown(d) else None,
            )
            for d in pack.board_departments
        ),
        heat_total=HeatRow(lang.gettext("Organisation"), None, _cells(org, columns, lang)),
        chart=tuple((d.name, d.score) for d in pack.charted_departments if d.score is not None),
        intervals=(
            _interval(lang.gettext("Organisation"), None, org, lang),
            *(_interval(d.name, d.respondents, d, lang) for d in pack.charted_departments),
        ),
        plan=plan,
        comments=_comments(both),
        stage_names={int(s): lang.stage(s) for s in Stage},
        min_group=both.min_group,
        names=both.names,
        shown_note=_shown_note(pack),
        labels=labels(lang, both.min_group),
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
    item: DepartmentResult | OrganisationResult, columns: Sequence[int], lang: Language
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


def _plan_row(row: RoadmapRow, horizons: dict[str, str], today: date) -> PlanRow:
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


def _comments(both: Shared) -> tuple[CommentRow, ...]:
    """Comments as the workshop pack shows them: anonymous unless ``names``, and none from
    a department under ``min_group`` (unless ``names``, which lifts the rule there too)."""
    result, names = both.result, both.names
    small = Selection.of(result.departments, both.min_group, lifted=names).hidden
    texts = {q.id: q.text for q in both.q.questions}
    rows = []
    for c in result.comments:
        if c.department in small:
            continue
        rows.append(
            CommentRow(
                department=both.department_names.get(c.department, c.department),
                dimension=both.dimension_names.get(c.dimension_id, c.dimension_id),
                question=texts.get(c.question_id, c.question_id),
                text=c.text,
                respondent=c.respondent if names else "",
                role=(c.role or "") if names else "",
            )
        )
    return tuple(rows)


def _shown_note(pack: BoardPack) -> str:
    result = pack.shared.result
    parts = []
    if pack.departments_left_out:
        parts.append(
            f"the {len(pack.board_departments)} lowest-scoring of "
            f"{len(result.departments)} departments"
        )
    if pack.dimensions_left_out:
        parts.append(
            f"the {len(pack.board_columns)} weakest of "
            f"{len(result.organisation.dimensions)} dimensions"
        )
    return ("Shown: " + "; ".join(parts) + ".") if parts else ""
