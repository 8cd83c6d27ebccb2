"""The board pack's and the workshop pack's view models (``pack_models``), built.

Only lookups and grouping for presentation: findings, intervals and the plan come from
the core (``findings``, ``confidence`` via the Result, ``plan``) and their words from
``words``; nothing is scored here. Which departments a pack shows is its ``Selection``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from cxmaturity.core import confidence, findings, story
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.comparison import Change, Comparison
from cxmaturity.core.decisions import Decision
from cxmaturity.core.errors import UsageError
from cxmaturity.core.evidence import Claims
from cxmaturity.core.findings import MIN_GROUP
from cxmaturity.core.headline import headline
from cxmaturity.core.marks import N_
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import DEFAULT_LIMIT, Plan
from cxmaturity.core.result import Comment, DepartmentResult, Result
from cxmaturity.core.roadmap import Roadmap
from cxmaturity.core.schedule import Schedule
from cxmaturity.core.stages import Stage
from cxmaturity.render import board_story, charts
from cxmaturity.render.consensus_pack import ConsensusView
from cxmaturity.render.labels import RADAR_LABEL, fits, full_names, label_numbers
from cxmaturity.render.notes import cap_lines, department_cap_line
from cxmaturity.render.pack_models import (
    BoardPack,
    DepartmentSection,
    DimensionView,
    QuestionView,
    Selection,
    Shared,
    WorkshopPack,
    counts_head,
)
from cxmaturity.render.roadmap_rows import roadmap_rows
from cxmaturity.words.caveats import caveats, relied_on
from cxmaturity.words.findings import RULES, place, worded
from cxmaturity.words.headline import say
from cxmaturity.words.language import Language, language

if TYPE_CHECKING:
    from cxmaturity.render.html import Progress

DECISIONS = 3
BOARD_DEPARTMENTS = 10
"""At most this many departments on the board's heatmap, chart and table (the lowest)."""
BOARD_DIMENSIONS = 12
"""At most this many dimensions on the board's heatmap and perspectives (the weakest)."""
RADAR_WIDTH = 540
"""The workshop radar's drawing width: room for long axis labels left and right."""
WORKSHOP_ROWS = 2_500
"""At most this many question rows (departments shown × their questions) in one workshop
pack, a few hundred pages: 5,000 rows took 136 s of CPU and 860 MiB, and 100 departments
× 500 questions (50,000 rows) gigabytes. Larger workshops are reported a few departments
at a time."""
PROGRESS_NAME = (36, 2, 36)
"""A name in the board's progress tables: with every name this short, the two tables fill
one page; longer names get the progress in sentences instead, which the summary's page
holds, so the board keeps to 12 pages at the caps."""
HORIZONS = {"90-days": N_("90 days"), "12-months": N_("12 months"), "24-months": N_("24 months")}


@dataclass(frozen=True)
class Options:
    organisation: str
    today: date
    names: bool = False
    min_group: int = MIN_GROUP
    lang: Language = field(default_factory=language)
    quotes: tuple[str, ...] = ()
    """Comment ids the consultant chose to quote (``--quote``); else quotes by rule."""
    org_named: bool = True
    """False without --org: the cover then names no organisation."""


def _unplanned(plan: Plan, lang: Language) -> str:
    # Imported here: render.plan takes its horizon names from this module.
    from cxmaturity.render.plan import unplanned_line

    return unplanned_line(plan, lang) if plan.unplanned else ""


def shared(
    result: Result, q: Questionnaire, roadmap: Roadmap, plan: Plan, options: Options
) -> Shared:
    """What both packs show."""
    _ = options.lang.gettext
    return Shared(
        # Control characters typed into --org never reach the PDF's title or author.
        org=clean_line(options.organisation),
        org_named=options.org_named,
        today=options.today,
        q=q,
        result=result,
        plan=plan,
        stages=list(Stage),
        stage_descriptions={stage: options.lang.stage_description(stage) for stage in Stage},
        not_enough=_("not enough answers"),
        not_asked=_("not asked"),
        unplanned_line=_unplanned(plan, options.lang),
        department_names={d.id: d.name for d in q.departments},
        dimension_names={d.id: d.name for d in q.dimensions},
        short_names={d.id: d.short_name for d in q.dimensions if d.short_name},
        horizons={key: _(name) for key, name in HORIZONS.items()},
        interval_method=_(confidence.METHOD),
        palette_name=_(charts.PALETTE_NAME),
        pos=charts.position,
        names=options.names,
        min_group=options.min_group,
        target=roadmap.target,
    )


# ---------------------------------------------------------------------- the board


def board(
    result: Result,
    q: Questionnaire,
    roadmap: Roadmap,
    plan: Plan,
    options: Options,
    comparison: Comparison | None = None,
    *,
    timed: Schedule,
    asks: Sequence[Decision],
    consensus_view: ConsensusView | None = None,
    claims: Claims | None = None,
) -> BoardPack:
    """The board pack's view model: ``timed`` and ``asks`` are the use case's schedule of
    ``plan``'s every step and the decisions taken from it, worded here, never rebuilt;
    ``consensus_view`` and ``claims`` what the use case gathered beside the scores."""
    both = shared(result, q, roadmap, plan, options)
    lang, min_group = options.lang, options.min_group
    # The board never names people, so --names does not lift this rule.
    selection = Selection.of(result.departments, min_group)
    rows = tuple(roadmap_rows(plan.actions[:DEFAULT_LIMIT], both, lang, selection.hidden))
    found = worded(findings.findings(result, q, min_group), lang)
    views = findings.perspectives(result, q, min_group)
    # The widest splits between departments are what the board should see.
    keep = sorted(views, key=lambda v: -(v.spread or 0.0))[:BOARD_DIMENSIONS]
    shown_views = tuple(v for v in views if v in keep)
    departments = _board_departments(result, selection)
    columns = _board_columns(result)
    dims = result.organisation.dimensions
    looked_up = selection.progress(comparison, lang)
    department_ids = frozenset(d.id for d in departments)
    dimension_ids = frozenset(dims[i].id for i in columns)
    department_changes, dimension_changes = _changes(looked_up, department_ids, dimension_ids)
    bars, spreads, heat = label_numbers(selection.shown(departments), columns, both, shown_views)
    return BoardPack(
        shared=both,
        selection=selection,
        progress=looked_up,
        consensus_view=consensus_view,
        claims=claims,
        findings=found,
        rules=[lang.gettext(rule) for rule in RULES],
        # A stage a foundation holds back is said in words with the other limits on the
        # figures. (Facts in dispute are question-level, shown in the workshop pack.)
        caveats=(*caveats(result, min_group, lang), *cap_lines(result, lang, selection.hidden)),
        reliance=relied_on(result, lang),
        headline=say(headline(result, q), lang),
        board_method=lang.gettext(confidence.BOARD_METHOD),
        reading_rules=lang.gettext(confidence.READING_RULES),
        perspectives=shown_views,
        perspectives_left_out=len(views) - len(shown_views),
        board_departments=departments,
        charted_departments=selection.shown(departments),
        departments_left_out=len(result.departments) - len(departments),
        board_columns=columns,
        dimensions_left_out=len(dims) - len(columns),
        # The progress section shows the same departments and dimensions as the heatmap.
        board_department_ids=department_ids,
        board_dimension_ids=dimension_ids,
        department_changes=department_changes,
        dimension_changes=dimension_changes,
        progress_tables=all(
            fits(name, *PROGRESS_NAME)
            for name in [d.name for d in departments] + [dims[i].name for i in columns]
        ),
        owner_flag=findings.OWNER_FLAG,
        agreed=findings.AGREED,
        decisions=rows[:DECISIONS],
        roadmap_rows=rows,
        place=functools.partial(place, lang=lang),
        bar_numbers=bars,
        spread_numbers=spreads,
        heat_numbers=heat,
        heat_full_names=full_names(dims, columns, both.short_names, heat),
        story=board_story.timed(timed, asks, q, options.today, lang),
        so_what=board_story.so_what(result, q, min_group, options.quotes, found, looked_up, lang),
    )


def _changes(
    looked_up: Progress | None, department_ids: frozenset[str], dimension_ids: frozenset[str]
) -> tuple[list[Change], list[Change]]:
    """The changes of the departments and the organisation's dimensions the heatmap shows,
    for the progress section; none without a baseline."""
    if looked_up is None:
        return [], []
    comparison = looked_up.comparison
    return (
        [a.overall for a in comparison.departments if a.overall.id in department_ids],
        [d for d in comparison.organisation.dimensions if d.id in dimension_ids],
    )


def _board_departments(result: Result, selection: Selection) -> tuple[DepartmentResult, ...]:
    """The departments the board's pages show, so they stay bounded: up to
    ``BOARD_DEPARTMENTS``, the lowest-scoring shown ones first to be chosen (the board's
    concern), kept in the questionnaire's order. The rest are counted on the page."""
    departments = result.departments
    if len(departments) <= BOARD_DEPARTMENTS:
        return tuple(departments)
    ranked = sorted(
        departments,
        key=lambda d: (not selection.is_shown(d), d.score is None, d.score or 0.0),
    )
    keep = {d.id for d in ranked[:BOARD_DEPARTMENTS]}
    return tuple(d for d in departments if d.id in keep)


def _board_columns(result: Result) -> tuple[int, ...]:
    """The dimensions the board's pages show: up to ``BOARD_DIMENSIONS``, the organisation's
    weakest, in the questionnaire's order (their indexes)."""
    dims = result.organisation.dimensions
    columns = list(range(len(dims)))
    if len(columns) > BOARD_DIMENSIONS:
        ranked = sorted(columns, key=lambda i: (dims[i].score is None, dims[i].score or 0))
        columns = sorted(ranked[:BOARD_DIMENSIONS])
    return tuple(columns)


# ------------------------------------------------------------------- the workshop


def workshop(
    result: Result,
    q: Questionnaire,
    roadmap: Roadmap,
    plan: Plan,
    options: Options,
    comparison: Comparison | None = None,
    *,
    consensus_view: ConsensusView | None = None,
    claims: Claims | None = None,
) -> WorkshopPack:
    """The workshop pack's view model; ``consensus_view`` and ``claims`` as the board's."""
    selection = Selection.of(result.departments, options.min_group, lifted=options.names)
    _check_rows(selection.shown(result.departments))
    looked_up = selection.progress(comparison, options.lang)
    by_question: dict[tuple[str, str], list[Comment]] = {}
    for comment in result.comments:
        by_question.setdefault((comment.department, comment.question_id), []).append(comment)
    sections = tuple(
        _section(dep, result, q, by_question, plan, options, selection, looked_up)
        for dep in result.departments
    )
    return WorkshopPack(
        shared=shared(result, q, roadmap, plan, options),
        selection=selection,
        progress=looked_up,
        consensus_view=consensus_view,
        claims=claims,
        sections=sections,
        counts_head=counts_head(options.lang),
        radar_named=charts.RADAR_NAMED,
        contradictions=story.contradictions(result, 1 if options.names else options.min_group),
    )


def _check_rows(shown: Sequence[DepartmentResult]) -> None:
    rows = sum(len(dep.questions) for dep in shown)
    if rows > WORKSHOP_ROWS:
        raise UsageError(
            f"the workshop pack would list {rows:,} question rows ({len(shown)} departments); "
            f"the limit is {WORKSHOP_ROWS:,} (a few hundred pages): report fewer departments at a "
            f"time, for example one folder of answer files per department"
        )


def _section(
    dep: DepartmentResult,
    result: Result,
    q: Questionnaire,
    comments: dict[tuple[str, str], list[Comment]],
    plan: Plan,
    options: Options,
    selection: Selection,
    progress: Progress | None,
) -> DepartmentSection:
    texts = {question.id: question.text for question in q.questions}
    views = {
        stats.question_id: QuestionView(
            stats.question_id,
            texts.get(stats.question_id, stats.question_id),
            stats,
            tuple(comments.get((dep.id, stats.question_id), ())),
        )
        for stats in dep.questions
    }
    dimensions = tuple(
        DimensionView(
            dim.id,
            dim.name,
            tuple(v for v in views.values() if v.stats.dimension_id == dim.id),
        )
        for dim in q.dimensions
    )
    split = sorted(
        (v for v in views.values() if v.stats.disagreement), key=lambda v: -(v.stats.spread or 0)
    )
    dims = dep.dimensions
    named = len(dims) <= charts.RADAR_NAMED and all(fits(d.name, *RADAR_LABEL) for d in dims)
    radar = charts.radar(
        [d.name for d in dims],
        [d.score is not None for d in dims],
        width=RADAR_WIDTH,
        missing=f"({options.lang.gettext('not enough answers')})",
        named=named,
    )
    org = {d.id: d.score for d in result.organisation.dimensions}
    series = {
        "department": radar.path([d.score for d in dims]),
        "organisation": radar.path([org.get(d.id) for d in dims]),
        "target": radar.path([None if d.target is None else float(d.target) for d in dims]),
    }
    actions = tuple(plan.departments.get(dep.id, ()))
    baseline = None
    before = [progress.baseline_score(dep.id, d.id) for d in dims] if progress else []
    # The baseline's figures on today's axes; a department new since then gets none.
    if any(value is not None for value in before):
        baseline = (radar.path(before), radar.dots(before))
    return DepartmentSection(
        result=dep,
        shown=selection.is_shown(dep),
        radar=radar,
        radar_named=named,
        series=series,
        dots=radar.dots([d.score for d in dims]),
        discussion=tuple(split),
        dimensions=dimensions,
        actions=actions,
        baseline=baseline,
        cap_note=department_cap_line(result, dep.id, options.lang),
    )
