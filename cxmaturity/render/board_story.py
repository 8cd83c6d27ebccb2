"""The board's story in words: decisions, the timed roadmap, messages, risks, trend and
quotes. Only presentation: every choice and every date comes from the core (``decisions``,
``schedule``, ``story``, ``findings``), the schedule and the decisions as the use case built
them once from its plan; this module words it in the reader's language."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cxmaturity.core import decisions, schedule, story
from cxmaturity.core.marks import N_
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.render.numbers import MINUS, signed
from cxmaturity.words.findings import Worded, messages
from cxmaturity.words.language import Language

if TYPE_CHECKING:
    from cxmaturity.render.html import Progress

STORY_RULES = (
    N_(
        "Decisions: one per dimension, in this order: the weakest foundation, the furthest "
        "below target, the widest split, owners rating themselves higher, a fact the "
        "executives disagree on, then the weakest up to three; cost from the steps, milestone "
        "due by day 90."
    ),
    N_(
        "Roadmap: a workstream per dimension (ten at most); steps of 1, 3 or 6 months by "
        "effort, each after the steps it depends on."
    ),
    N_(
        "Risks: vulnerable customers, accessibility, AI safeguards and complaints where a "
        "department answers below Mobilise. Quotes: on the weakest dimension, then the widest "
        "split, one per department, none that contradicts its answer unless chosen."
    ),
)

STREAM_LABEL = 34

ASKS = {
    "weakest-foundation": N_("Fix the foundation: {name}"),
    "furthest-below-target": N_("Close the largest gap: {name}"),
    "widest-split": N_("Agree one view across departments: {name}"),
    "owners-higher": N_("Test the owners' view against everyone else's: {name}"),
    "fact-disagreement": N_("Settle a fact the executive team disagrees on: {name}"),
    "weakest": N_("Lift one of the weakest dimensions: {name}"),
}
VERBS = {"approve-and-resource": N_("Approve and resource"), "mandate": N_("Mandate")}
COSTS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}
QUARTERS = 8
"""The timeline chart's width: two years by quarter; later work is counted."""


@dataclass(frozen=True)
class DecisionRow:
    rank: int
    verb: str
    ask: str
    accountable: str
    cost: str
    milestone: str
    milestone_due: date | None
    kpi: str


@dataclass(frozen=True)
class StreamRow:
    label: str
    """The chart's label: the dimension, or for the shared workstream how many it holds."""
    name: str
    owner: str
    bars: tuple[tuple[int, int], ...]
    """(first quarter, last quarter) of each step, 0-based, capped at ``QUARTERS``."""
    later: int
    kpi: str


@dataclass(frozen=True)
class Timed:
    """The timed roadmap and the board's decisions, in words."""

    story_rules: list[str]
    decision_rows: list[DecisionRow]
    stream_rows: list[StreamRow]
    streams_numbered: bool
    """A chart label holds one line of ``STREAM_LABEL`` characters; else rows are numbered."""
    late_starts: list[str]
    quarters: list[str]
    timed_steps: int
    timed_months: int


def timed(
    timed: schedule.Schedule,
    asks: Sequence[decisions.Decision],
    q: Questionnaire,
    today: date,
    lang: Language,
) -> Timed:
    """The timed roadmap and the board's decisions, put into words: both were built once
    by the use case (``usecases.planning.scheduled``) from its one plan."""
    _ = lang.gettext
    names = {d.id: d.name for d in q.dimensions}
    departments = {d.id: d.name for d in q.departments}

    def day(month: int) -> date:
        return schedule.in_months(today, month)

    def kpi(k: schedule.Kpi | None) -> str:
        if k is None or k.baseline is None or k.target is None:
            return "–"
        return _("{measure}: maturity {baseline} today, {target} by {due}").format(
            measure=k.measure,
            baseline=lang.decimal(k.baseline),
            target=lang.decimal(float(k.target)),
            due=lang.date(day(k.due)),
        )

    rows = [
        DecisionRow(
            rank=n,
            verb=_(VERBS[a.verb]),
            ask=_sentence(_(ASKS[a.rule]).format(name=_asked(a, q, names))),
            accountable=_(a.accountable) if a.owned else a.accountable,
            cost=_(COSTS[a.cost]) if a.cost else _("not yet costed"),
            milestone=a.milestone.action.title if a.milestone else "–",
            milestone_due=day(a.milestone.end) if a.milestone else None,
            kpi=kpi(a.kpi),
        )
        for n, a in enumerate(asks, start=1)
    ]
    streams = [
        StreamRow(
            label=w.name
            if len(w.dimensions) == 1
            else _("{count} further dimensions").format(count=len(w.dimensions)),
            name=w.name,
            owner=departments.get(w.owner, w.owner) if w.owner else "–",
            bars=tuple(
                (s.start // 3, min((s.end - 1) // 3, QUARTERS - 1))
                for s in timed.steps
                if s.workstream == w.id and s.start // 3 < QUARTERS
            ),
            later=sum(s.workstream == w.id and s.start // 3 >= QUARTERS for s in timed.steps),
            kpi=kpi(w.kpi),
        )
        for w in timed.workstreams
    ]
    late = [
        _("{name} cannot start in the first quarter: it waits for “{blocker}”.").format(
            name=names.get(x.dimension, x.dimension),
            blocker="; ".join(timed.step(b).action.title for b in x.blocked_by),
        )
        for x in timed.late_starts
    ]
    quarters = [
        _("Q{number} {year}").format(number=(day(3 * i).month - 1) // 3 + 1, year=day(3 * i).year)
        for i in range(QUARTERS)
    ]
    return Timed(
        story_rules=[lang.gettext(rule) for rule in STORY_RULES],
        decision_rows=rows,
        stream_rows=streams,
        streams_numbered=any(len(row.label) > STREAM_LABEL for row in streams),
        late_starts=late,
        quarters=quarters,
        timed_steps=len(timed.steps),
        timed_months=timed.months,
    )


RISK_AREAS = {
    "vulnerable": N_("Customers in vulnerable circumstances"),
    "accessibility": N_("Accessibility"),
    "ai": N_("Safeguards on AI that serves customers"),
    "complaints": N_("Complaint handling"),
}


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    department: str


def _sentence(text: str) -> str:
    """``text`` ending as a sentence: a full stop unless it ends in one already (a "?")."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _asked(ask: decisions.Decision, q: Questionnaire, names: dict[str, str]) -> str:
    """What an ask is about: its dimension, or for a fact the question itself."""
    question = q.question(ask.question) if ask.question else None
    if question is not None:
        return f"{names.get(ask.dimension, ask.dimension)} – {question.text}"
    return names.get(ask.dimension, ask.dimension)


@dataclass(frozen=True)
class SoWhat:
    """The summary page's story: messages, risks, trend and quotes."""

    risk_floor: str
    messages: tuple[str, ...]
    risks: list[str]
    quotes: list[QuoteView]
    quotes_chosen: bool
    trend: str | None


def so_what(
    result: Result,
    q: Questionnaire,
    min_group: int,
    chosen_ids: tuple[str, ...],
    found: Sequence[Worded],
    progress: Progress | None,
    lang: Language,
) -> SoWhat:
    """The summary page's story: messages, risks, trend and quotes, from the core."""
    _ = lang.gettext
    widest = story.widest_split(result, q, min_group)
    risks = [
        _("{area}: {where} at {lowest} ({stage}); the organisation {score}.").format(
            area=_(RISK_AREAS[r.area]),
            where=r.department or _("a small group"),
            lowest=lang.decimal(r.lowest),
            stage=lang.stage(Stage(max(int(r.lowest), 1))),
            score=lang.decimal(r.score),
        )
        for r in story.risks(result, q, min_group)
    ]
    chosen = story.quotes(result, q, min_group, chosen_ids, widest)
    return SoWhat(
        risk_floor=lang.stage(Stage.MOBILISE),
        messages=messages(found),
        risks=risks,
        quotes=[QuoteView(x.id, named_emoji(x.text), x.department) for x in chosen],
        quotes_chosen=bool(chosen_ids),
        trend=_trend(progress, lang) if progress is not None else None,
    )


def _trend(progress: Progress, lang: Language) -> str | None:
    change = progress.comparison.organisation.overall
    if change.delta is None or change.baseline is None or change.current is None:
        return None
    # A delta is there only when both sides have a score.
    assert change.baseline.score is not None and change.current.score is not None
    span = change.interval
    text = lang.gettext("Since {since} the overall score moved from {before} to {now} ({delta}).")
    text = text.format(
        since=progress.since,
        before=lang.decimal(change.baseline.score),
        now=lang.decimal(change.current.score),
        delta=signed(change.delta, lang, MINUS),
    )
    if span is not None:
        verdict = (
            N_("Its 95% range ({low} to {high}) excludes zero: a real change.")
            if span.clear
            else N_("Its 95% range ({low} to {high}) includes zero: not yet a clear change.")
        )
        text += " " + lang.gettext(verdict).format(
            low=signed(span.low, lang, MINUS), high=signed(span.high, lang, MINUS)
        )
    return text


def named_emoji(text: str) -> str:
    """Emoji named in words (“[thumbs up sign]”): the report's fonts draw none of them."""
    return "".join(
        f"[{unicodedata.name(char, '').lower()}]"
        if unicodedata.category(char) == "So" and ord(char) >= 0x1F000
        else char
        for char in text
        if char not in "\ufe0f\u200d"
    )
