"""What each pack's templates are given: the board pack and the workshop pack.

Only lookups and grouping for presentation: findings, intervals and the plan come from
the core (``findings``, ``confidence`` via the Result, ``plan``); nothing is scored here.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cxmaturity.core import confidence, findings, headline, story
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.errors import UsageError
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import DEFAULT_LIMIT
from cxmaturity.core.result import Comment, DepartmentResult, QuestionStats, Result
from cxmaturity.core.roadmap import Roadmap
from cxmaturity.core.stages import Stage
from cxmaturity.render import board_story, charts
from cxmaturity.render.notes import cap_lines, department_cap_line
from cxmaturity.words.language import N_, Language, language

DECISIONS = 3
BOARD_DEPARTMENTS = 10
"""At most this many departments on the board's heatmap, chart and table (the lowest)."""
BOARD_DIMENSIONS = 12
"""At most this many dimensions on the board's heatmap and perspectives (the weakest)."""
MIN_GROUP = 3
RADAR_WIDTH = 540
"""The workshop radar's drawing width: room for long axis labels left and right."""
WORKSHOP_ROWS = 2_500
"""At most this many question rows (departments shown × their questions) in one workshop
pack, a few hundred pages: 5,000 rows took 136 s of CPU and 860 MiB, and 100 departments
× 500 questions (50,000 rows) gigabytes. Larger workshops are reported a few departments
at a time."""
NAMES_LISTED = 4
"""A roadmap action lists at most this many departments by name; the rest are counted."""
NAMES_CHARS = 160
"""...and names only while their text stays this short: every name is printed in full,
so a questionnaire's 200-character names count rather than fill the roadmap's pages."""
BAR_LABEL = (26, 2, 26)
"""A department's name beside its bar: at most 2 lines of 26 characters (lines, then the
longest word a line may hold: the labels' column in the chart has no more room)."""
SPREAD_LABEL = (34, 2, 34)
"""A dimension's name beside its row of the perspectives chart."""
RADAR_LABEL = (18, 3, 22)
"""A dimension's name at the end of its radar axis: a word a little longer than a line
(Beschwerdemanagement) stays whole, as there is room beyond the axis' end."""
HEAT_HEADER = 42
"""A dimension's name over a heatmap column: at most this long, else the columns are
numbered and the names listed in full under the heatmap."""
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


def _unplanned(plan: Any, lang: Language) -> str:
    # Imported here: render.plan takes its horizon names from this module.
    from cxmaturity.render.plan import unplanned_line

    return unplanned_line(plan, lang) if getattr(plan, "unplanned", 0) else ""


def common(result: Result, q: Questionnaire, plan: Any, options: Options) -> dict[str, Any]:
    departments = {d.id: d.name for d in q.departments}
    _ = options.lang.gettext
    return {
        # Control characters typed into --org never reach the PDF's title or author.
        "org": clean_line(options.organisation),
        "org_named": options.org_named,
        "today": options.today,
        "q": q,
        "result": result,
        "plan": plan,
        "stages": list(Stage),
        "stage_descriptions": {stage: options.lang.stage_description(stage) for stage in Stage},
        "not_enough": _("not enough answers"),
        "not_asked": _("not asked"),
        # Filled by the use case when a consensus round or evidence exists; a pack without
        # them is still a whole pack.
        "consensus_view": None,
        "claims": None,
        # Below-target gaps the questionnaire has no step for: said, never "targets met".
        "unplanned_line": _unplanned(plan, options.lang),
        "department_names": departments,
        "dimension_names": {d.id: d.name for d in q.dimensions},
        # A heatmap column is headed by the questionnaire's short name where it gives one
        # (the full name listed under the heatmap); else by the name, hyphenated.
        "short_names": {d.id: d.short_name for d in q.dimensions if d.short_name},
        "horizons": {key: _(name) for key, name in HORIZONS.items()},
        "interval_method": _(confidence.METHOD),
        "palette_name": _(charts.PALETTE_NAME),
        "pos": charts.position,
        "names": options.names,
        "min_group": options.min_group,
    }


# ---------------------------------------------------------------------- the board


@dataclass(frozen=True)
class RoadmapRow:
    rank: int
    action: Any
    dimension: str
    departments: str
    owner: str
    after: str


def board(
    result: Result,
    q: Questionnaire,
    roadmap: Roadmap,
    plan: Any,
    options: Options,
    progress: Any = None,
) -> dict[str, Any]:
    context = common(result, q, plan, options)
    lang = options.lang
    # The board never names people, so --names does not lift this rule.
    hidden = frozenset(dep.id for dep in findings.too_few(result.departments, options.min_group))
    rows = _roadmap_rows(plan.actions[:DEFAULT_LIMIT], context, lang, hidden)
    context.update(
        findings=findings.findings(result, q, options.min_group, lang),
        rules=[lang.gettext(rule) for rule in findings.RULES],
        # A stage a foundation holds back is said in words with the other limits on the
        # figures. (Facts in dispute are question-level, shown in the workshop pack.)
        caveats=(
            *findings.caveats(result, options.min_group, lang),
            *cap_lines(result, lang, hidden),
        ),
        reliance=findings.reliance(result, lang),
        headline=headline.say(headline.headline(result, q), lang),
        board_method=lang.gettext(confidence.BOARD_METHOD),
        reading_rules=lang.gettext(confidence.READING_RULES),
        perspectives=findings.perspectives(result, q, options.min_group),
        too_few=hidden,
        hidden_departments=hidden,
        **_board_selection(result, options.min_group),
        owner_flag=findings.OWNER_FLAG,
        agreed=findings.AGREED,
        decisions=rows[:DECISIONS],
        roadmap_rows=rows,
        target=roadmap.target,
        place=functools.partial(findings.place, lang=lang),
    )
    context.update(board_story.timed(result, q, options.today, options.min_group, lang))
    context.update(
        board_story.so_what(
            result, q, options.min_group, options.quotes, context["findings"], progress, lang
        )
    )
    views = context["perspectives"]
    if len(views) > BOARD_DIMENSIONS:
        # The widest splits between departments are what the board should see.
        keep = sorted(views, key=lambda v: -(v.spread or 0.0))[:BOARD_DIMENSIONS]
        context["perspectives"] = [v for v in views if v in keep]
    context["perspectives_left_out"] = len(views) - len(context["perspectives"])
    context.update(_keys(context))
    context["heat_full_names"] = _full_names(context)
    return context


def _full_names(context: dict[str, Any]) -> list[tuple[str, str]]:
    """Each heatmap column headed by a short name, as (short name, full name)."""
    if context["heat_numbers"]:
        return []  # the columns are numbered and every name is listed in full already
    dims = context["result"].organisation.dimensions
    short = context["short_names"]
    columns = [dims[i] for i in context["board_columns"]]
    return [(short[d.id], d.name) for d in columns if short.get(d.id, d.name) != d.name]


def _keys(context: dict[str, Any]) -> dict[str, dict[Any, int]]:
    """Numbers that stand in for names too long for a chart or a heatmap column.

    No name is ever shortened: where one would not fit, every label of that chart becomes
    a number and the names are listed in full beside it (the departments' and the
    perspectives' tables carry the numbers; the heatmap lists its columns under it).
    Each map is empty when every name fits, and the charts show the names themselves.
    """
    charted = [d for d in context["board_departments"] if d.id not in context["too_few"]]
    dims = context["result"].organisation.dimensions
    columns = [dims[i] for i in context["board_columns"]]
    short = context["short_names"]
    views = context["perspectives"]
    return {
        "bar_numbers": _numbered([d.id for d in charted], [d.name for d in charted], BAR_LABEL),
        "spread_numbers": _numbered(
            [v.dimension_id for v in views], [v.name for v in views], SPREAD_LABEL
        ),
        "heat_numbers": {}
        if all(len(short.get(d.id, d.name)) <= HEAT_HEADER for d in columns)
        else {d.id: n for n, d in enumerate(columns, start=1)},
    }


def _numbered(
    ids: Sequence[str], names: Sequence[str], room: tuple[int, int, int]
) -> dict[str, int]:
    if all(fits(name, *room) for name in names):
        return {}
    return {key: n for n, key in enumerate(ids, start=1)}


def fits(name: str, width: int, lines: int, longest: int) -> bool:
    """Whether ``name`` wraps at words into ``lines`` lines of ``width`` characters, a
    line that is one long word running to ``longest``."""
    wrapped = textwrap.wrap(name, width, break_long_words=False)
    return len(wrapped) <= lines and all(len(line) <= longest for line in wrapped)


def _board_selection(result: Result, min_group: int) -> dict[str, Any]:
    """Which departments and dimensions the board's pages show, so they stay bounded.

    Up to ``BOARD_DEPARTMENTS`` departments, the lowest-scoring first to be chosen (the
    board's concern), and up to ``BOARD_DIMENSIONS`` dimensions, the organisation's
    weakest; both kept in the questionnaire's order. The rest are counted on the page.
    """
    departments = list(result.departments)
    if len(departments) > BOARD_DEPARTMENTS:
        small = {d.id for d in findings.too_few(departments, min_group)}
        ranked = sorted(departments, key=lambda d: (d.id in small, d.score is None, d.score or 0.0))
        keep = {d.id for d in ranked[:BOARD_DEPARTMENTS]}
        departments = [d for d in departments if d.id in keep]
    dims = result.organisation.dimensions
    columns = list(range(len(dims)))
    if len(columns) > BOARD_DIMENSIONS:
        ranked_dims = sorted(columns, key=lambda i: (dims[i].score is None, dims[i].score or 0))
        columns = sorted(ranked_dims[:BOARD_DIMENSIONS])
    return {
        "board_departments": departments,
        "departments_left_out": len(result.departments) - len(departments),
        "board_columns": columns,
        "dimensions_left_out": len(dims) - len(columns),
        # The progress section shows the same departments and dimensions as the heatmap.
        "board_department_ids": frozenset(d.id for d in departments),
        "board_dimension_ids": frozenset(dims[i].id for i in columns),
        "progress_tables": all(
            fits(name, *PROGRESS_NAME)
            for name in [d.name for d in departments] + [dims[i].name for i in columns]
        ),
    }


def _roadmap_rows(
    actions: Sequence[Any], context: dict[str, Any], lang: Language, hidden: frozenset[str]
) -> list[RoadmapRow]:
    departments, dimensions = context["department_names"], context["dimension_names"]
    rank = {action.id: index for index, action in enumerate(actions, start=1)}
    rows = []
    for index, action in enumerate(actions, start=1):
        needs = [f"#{rank[r]}" for r in action.requires if r in rank]
        outside = len([r for r in action.requires if r not in rank])
        if outside:
            needs.append(
                lang.ngettext("{count} earlier step", "{count} earlier steps", outside).format(
                    count=outside
                )
            )
        rows.append(
            RoadmapRow(
                rank=index,
                action=action,
                dimension=dimensions.get(action.dimension, action.dimension),
                departments=_names(action.departments, departments, hidden, lang),
                owner=departments.get(action.owner, action.owner) if action.owner else "–",
                after=", ".join(needs) or "–",
            )
        )
    return rows


def _names(
    ids: Sequence[str], names: dict[str, str], hidden: frozenset[str], lang: Language
) -> str:
    """The departments an action is for, in words: full names, the rest counted.

    A department under --min-group is never named (that it needs the action says how its
    few people answered): it is counted as a small group instead.
    """
    if not ids:
        return "–"
    if len(ids) > 1 and set(ids) >= set(names):
        return lang.gettext("All {count} departments").format(count=len(names))
    shown = [names.get(i, i) for i in ids if i not in hidden]
    small = len(ids) - len(shown)
    listed = _listed(shown)
    more = len(shown) - len(listed)
    text = ", ".join(listed)
    if more and small:
        return lang.ngettext(
            "{names}, {more} more and {count} small group",
            "{names}, {more} more and {count} small groups",
            small,
        ).format(names=text, more=more, count=small)
    if more:
        return lang.gettext("{names} and {count} more").format(names=text, count=more)
    if small and listed:
        return lang.ngettext(
            "{names} and {count} small group", "{names} and {count} small groups", small
        ).format(names=text, count=small)
    if small:
        return lang.ngettext("{count} small group", "{count} small groups", small).format(
            count=small
        )
    return text


def _listed(names: Sequence[str]) -> list[str]:
    """The names to print: all when few and short, else the first that fit the budget."""
    if len(names) <= NAMES_LISTED and len(", ".join(names)) <= NAMES_CHARS:
        return list(names)
    listed = [names[0]]
    for name in names[1 : NAMES_LISTED - 1]:
        if len(", ".join([*listed, name])) > NAMES_CHARS:
            break
        listed.append(name)
    return listed


# ------------------------------------------------------------------- the workshop


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    stats: QuestionStats
    comments: tuple[Comment, ...]

    @property
    def counts_line(self) -> str:
        """The answer counts as one monospaced line, a slot per column of ``counts_head``.

        One text run per question instead of ten table cells: the workshop pack lays
        out hundreds of these, and each cell costs WeasyPrint a line box of its own.
        """
        stats = self.stats
        slots = [*stats.counts, stats.unknown, stats.not_applicable, stats.unanswered]
        spread = (
            "–" if stats.spread is None else f"{stats.spread}{'±' if stats.disagreement else ''}"
        )
        return "".join(f"{n or '·':>4}" for n in slots) + f"{spread:>7}"


def counts_head(lang: Language) -> str:
    """The heading over ``counts_line``: a slot per stage, then ?, n/a, – and the spread.

    The marks are symbols in every language (the pack's reading guide says what they
    mean); only the spread is a word, six letters at most in each catalogue.
    """
    slots = ("1", "2", "3", "4", "5", "6", "?", "n/a", "–")
    # Translators: the answer-count table's last column; at most six letters.
    spread = lang.gettext("spread")
    return "".join(f"{h:>4}" for h in slots) + f"{spread:>7}"


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class DepartmentSection:
    result: DepartmentResult
    shown: bool
    """False when the group is smaller than --min-group and names are not shown."""
    radar: charts.Radar
    radar_named: bool
    """False when the radar's axes are numbered and the names listed under it."""
    series: dict[str, str]
    dots: tuple[charts.Point, ...]
    discussion: tuple[QuestionView, ...]
    dimensions: tuple[DimensionView, ...]
    actions: tuple[Any, ...]
    baseline: Any = None
    """The baseline's polygon and dots on this department's radar, with --baseline."""
    cap_note: str | None = None
    """In words, when a foundation dimension holds the department's stage back."""


def workshop(
    result: Result,
    q: Questionnaire,
    roadmap: Roadmap,
    plan: Any,
    options: Options,
    progress: Any = None,
) -> dict[str, Any]:
    context = common(result, q, plan, options)
    by_question: dict[tuple[str, str], list[Comment]] = {}
    for comment in result.comments:
        by_question.setdefault((comment.department, comment.question_id), []).append(comment)
    _check_rows(result, options)
    sections = [
        _section(dep, result, q, by_question, plan, options, progress) for dep in result.departments
    ]
    context.update(
        sections=sections,
        target=roadmap.target,
        counts_head=counts_head(options.lang),
        hidden_departments=frozenset()
        if options.names
        else frozenset(d.id for d in findings.too_few(result.departments, options.min_group)),
        radar_named=charts.RADAR_NAMED,
        contradictions=story.contradictions(result, 1 if options.names else options.min_group),
    )
    return context


def _check_rows(result: Result, options: Options) -> None:
    shown = [
        dep for dep in result.departments if options.names or dep.respondents >= options.min_group
    ]
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
    plan: Any,
    options: Options,
    progress: Any,
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
        shown=options.names or dep.respondents >= options.min_group,
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
