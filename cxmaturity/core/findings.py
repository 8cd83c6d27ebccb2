"""What the board is told, in words: findings written from one Result by fixed rules.

Pure domain code. Every figure quoted is one the Result already reports (two decimals,
as in ``score --format json``); the only new figures are the owners' and everyone
else's means in ``perspectives``, formed the same way the organisation's dimension
scores are (a mean over departments). The rules, in order (``RULES`` prints them):

0. the organisation's overall score and its place inside its stage;
1. the weakest organisation dimension, with its place inside its stage;
2. the strongest organisation dimension, the same way;
   either says so when its interval overlaps the next one's, so no false ranking;
3. the departments furthest below their target (largest whole-stage gap, then lowest score);
4. the dimension on which departments differ most (largest spread between departments);
5. the dimension whose owners rate it furthest above everyone else (1.0 or more apart).

At most six findings; a rule that has nothing to say is skipped.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.core.confidence import Interval
from cxmaturity.core.headline import headline
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.result import DepartmentResult, DimensionResult, Result
from cxmaturity.core.stages import Stage, reported
from cxmaturity.words.language import N_, Language, language

OWNER_FLAG = 1.0
"""Owners and everyone else this far apart (or more) are flagged."""
AGREED = 1.0
"""A spread between departments under this reads as agreement."""
FEW_RESPONDENTS = 3

RULES: tuple[str, ...] = (
    N_("The organisation's overall score, with its place inside its stage."),
    N_("The weakest dimension, with its place inside its stage."),
    N_(
        "The strongest dimension, the same way; when two intervals overlap the text says the "
        "two cannot be told apart."
    ),
    N_("The departments furthest below their target."),
    N_("The dimension on which departments differ most (spread between departments)."),
    N_("The dimension whose owners rate it furthest above everyone else, when 1.0 or more apart."),
)
"""In English; shown through ``Language.gettext``."""


@dataclass(frozen=True, slots=True)
class Finding:
    rule: int
    """Which of ``RULES`` (0-based) wrote it."""
    headline: str
    text: str
    figures: tuple[float, ...]
    """Every score quoted, as reported."""


@dataclass(frozen=True, slots=True)
class Perspective:
    """One dimension seen by its owners and by everyone else, and across departments."""

    dimension_id: str
    name: str
    owners: tuple[str, ...]
    """Names of the owner departments that answered."""
    owners_score: float | None
    others_score: float | None
    spread: float | None
    lowest: tuple[str, float] | None
    highest: tuple[str, float] | None

    @property
    def difference(self) -> float | None:
        if self.owners_score is None or self.others_score is None:
            return None
        return reported(self.owners_score - self.others_score)

    @property
    def flagged(self) -> bool:
        return self.difference is not None and abs(self.difference) >= OWNER_FLAG

    @property
    def agreed(self) -> bool:
        return self.spread is not None and self.spread < AGREED


_PARTS = {"early": N_("early {stage}"), "mid": N_("mid {stage}"), "late": N_("late {stage}")}


def place(score: float, lang: Language | None = None) -> str:
    """Where a score sits inside its stage: ``late Explore, 0.07 below Mobilise``."""
    lang = lang or language()
    stage = Stage(min(max(math.floor(score), 1), 6))
    within = score - int(stage)
    part = "early" if within < 1 / 3 else ("mid" if within < 2 / 3 else "late")
    where = lang.gettext(_PARTS[part]).format(stage=lang.stage(stage))
    if stage == Stage.EMBED:
        return where
    below = reported(int(stage) + 1 - score)
    return lang.gettext("{place}, {gap} below {stage}").format(
        place=where, gap=lang.decimal(below), stage=lang.stage(Stage(int(stage) + 1))
    )


def overlaps(a: Interval | None, b: Interval | None) -> bool:
    """True when two intervals share any value, or either is missing (cannot separate)."""
    return a is None or b is None or (a.low <= b.high and b.low <= a.high)


def perspectives(
    result: Result, questionnaire: Questionnaire, min_group: int = 1
) -> tuple[Perspective, ...]:
    """Per organisation dimension: owners against everyone else, and the departments' spread.

    Departments with fewer than ``min_group`` respondents take no part: a group of one or
    two would show its people's own answers.
    """
    out = []
    for index, dim in enumerate(result.organisation.dimensions):
        owner_ids = set(_owners(questionnaire, dim.id))
        scored = [
            (dep, raw)
            for dep in shown(result.departments, min_group)
            if (raw := dep.dimensions[index].raw) is not None
        ]
        mine = [raw for dep, raw in scored if dep.id in owner_ids]
        theirs = [raw for dep, raw in scored if dep.id not in owner_ids]
        ends = sorted(scored, key=lambda pair: pair[1])
        out.append(
            Perspective(
                dimension_id=dim.id,
                name=dim.name,
                owners=tuple(dep.name for dep, _ in scored if dep.id in owner_ids),
                owners_score=_mean(mine),
                others_score=_mean(theirs),
                spread=dim.spread,
                lowest=(ends[0][0].name, reported(ends[0][1])) if ends else None,
                highest=(ends[-1][0].name, reported(ends[-1][1])) if ends else None,
            )
        )
    return tuple(out)


def shown(departments: Sequence[DepartmentResult], min_group: int) -> list[DepartmentResult]:
    """The departments large enough to be shown on their own."""
    return [dep for dep in departments if dep.respondents >= min_group]


def too_few(departments: Sequence[DepartmentResult], min_group: int) -> list[DepartmentResult]:
    """The departments too small to be shown on their own (their answers still count)."""
    return [dep for dep in departments if dep.respondents < min_group]


def _owners(questionnaire: Questionnaire, dimension_id: str) -> Sequence[str]:
    # Format 2 names owner departments per dimension; format 1 has none.
    dimension = next((d for d in questionnaire.dimensions if d.id == dimension_id), None)
    return tuple(getattr(dimension, "owners", ()) or ())


def _mean(values: Sequence[float]) -> float | None:
    return reported(sum(values) / len(values)) if values else None


def findings(
    result: Result,
    questionnaire: Questionnaire,
    min_group: int = 1,
    lang: Language | None = None,
) -> tuple[Finding, ...]:
    """Four to six findings (fewer only when the data cannot support them), in ``lang``.

    No finding names a department of fewer than ``min_group`` respondents.
    """
    lang = lang or language()
    ranked = sorted(
        (d for d in result.organisation.dimensions if d.raw is not None),
        key=lambda d: d.raw or 0.0,
    )
    out: list[Finding] = []
    overall = _overall(result, questionnaire, lang)
    if overall:
        out.append(overall)
    if ranked:
        out.append(_end(1, ranked[0], ranked[1] if len(ranked) > 1 else None, lang))
    if len(ranked) > 1:
        out.append(_end(2, ranked[-1], ranked[-2], lang))
    behind = _behind(shown(result.departments, min_group), lang)
    if behind:
        out.append(behind)
    views = perspectives(result, questionnaire, min_group)
    spread = _widest(views, lang)
    if spread:
        out.append(spread)
    owners = _owners_above(views, lang)
    if owners:
        out.append(owners)
    return tuple(out[:6])


def _borderline(interval: Interval, lang: Language) -> str:
    return " " + lang.gettext(
        "Borderline: the 95% interval ({low}–{high}) crosses a stage boundary."
    ).format(low=lang.decimal(interval.low), high=lang.decimal(interval.high))


def _overall(result: Result, q: Questionnaire, lang: Language) -> Finding | None:
    org = result.organisation
    if org.score is None:
        return None
    line = headline(result, q)
    same = sum(dep.stage == org.stage for dep in result.departments)
    if line.capped_by is not None:
        text = lang.gettext(
            "Overall the organisation scores {score}, but it stands at {stage}: its "
            "foundation {name} is at {foundation} ({foundation_stage}), and the model places "
            "an organisation at a stage only when every foundation has reached the stage "
            "below it."
        ).format(
            score=lang.decimal(org.score),
            stage=lang.stage(line.stage or Stage.IGNORE),
            name=line.capped_by.name,
            foundation=lang.decimal(line.capped_by.score or 0.0),
            foundation_stage=lang.stage(line.capped_by.stage or Stage.IGNORE),
        )
    elif line.between is not None and org.interval is not None:
        low, high = line.between
        # A range across more than one boundary claims no stage; across one, it names both.
        wording = (
            N_(
                "Overall the organisation scores {score}, but its 95% range ({range_low}–"
                "{range_high}) runs from {low} to {high}, so no stage can be claimed."
            )
            if line.too_wide
            else N_(
                "Overall the organisation scores {score}: on the boundary between {low} and "
                "{high} (its 95% range is {range_low}–{range_high}), so neither stage can be "
                "claimed yet."
            )
        )
        text = lang.gettext(wording).format(
            score=lang.decimal(org.score),
            low=lang.stage(low),
            high=lang.stage(high),
            range_low=lang.decimal(org.interval.low),
            range_high=lang.decimal(org.interval.high),
        )
    else:
        text = lang.gettext("Overall the organisation scores {score}: {place}.").format(
            score=lang.decimal(org.score), place=place(org.score, lang)
        )
    text += " " + lang.ngettext(
        "{same} of {count} department is at this stage.",
        "{same} of {count} departments are at this stage.",
        len(result.departments),
    ).format(same=same, count=len(result.departments))
    headline_text = lang.gettext("Where the organisation stands")
    return Finding(0, headline_text, text, (org.score,))


_ENDS = {
    1: (N_("{name} is the weakest dimension at {score}: {place}."), N_("Weakest: {name}")),
    2: (N_("{name} is the strongest dimension at {score}: {place}."), N_("Strongest: {name}")),
}


def _end(
    rule: int, dim: DimensionResult, neighbour: DimensionResult | None, lang: Language
) -> Finding:
    assert dim.score is not None
    sentence, headline = _ENDS[rule]
    text = lang.gettext(sentence).format(
        name=dim.name, score=lang.decimal(dim.score), place=place(dim.score, lang)
    )
    figures: tuple[float, ...] = (dim.score,)
    if (
        neighbour is not None
        and neighbour.score is not None
        and overlaps(dim.interval, neighbour.interval)
    ):
        text += " " + lang.gettext(
            "Its interval overlaps that of {name} ({score}), so the two cannot be told apart "
            "with confidence."
        ).format(name=neighbour.name, score=lang.decimal(neighbour.score))
        figures += (neighbour.score,)
    if dim.borderline and dim.interval is not None:
        text += _borderline(dim.interval, lang)
    return Finding(rule, lang.gettext(headline).format(name=dim.name), text, figures)


def _behind(departments: Sequence[DepartmentResult], lang: Language) -> Finding | None:
    gaps = [d for d in departments if d.gap and d.score is not None and d.target is not None]
    if not gaps:
        return None
    gaps.sort(key=lambda d: (-(d.gap or 0), d.score or 0.0))
    shown = gaps[:3]
    names = ", ".join(f"{d.name} ({lang.decimal(d.score or 0.0)})" for d in shown)
    first = shown[0]
    assert first.target is not None
    text = lang.gettext("Furthest below target: {names}.").format(names=names)
    text += " " + lang.ngettext(
        "{name} is {gap} stage short of {target}.",
        "{name} is {gap} stages short of {target}.",
        first.gap or 0,
    ).format(name=first.name, gap=first.gap, target=lang.stage(first.target))
    if len(gaps) > len(shown):
        text += " " + lang.gettext("{below} of {count} departments are below their target.").format(
            below=len(gaps), count=len(departments)
        )
    headline = lang.gettext("Furthest below target")
    return Finding(3, headline, text, tuple(d.score or 0.0 for d in shown))


def _widest(views: Sequence[Perspective], lang: Language) -> Finding | None:
    spread = [v for v in views if v.spread is not None and v.lowest and v.highest]
    if not spread:
        return None
    view = max(spread, key=lambda v: v.spread or 0.0)
    assert view.lowest is not None and view.highest is not None and view.spread is not None
    (low_name, low), (high_name, high) = view.lowest, view.highest
    sentence = (
        N_(
            "Departments differ most on {name}: from {low_name} ({low}) to {high_name} "
            "({high}), a spread of {spread}; even here they broadly agree."
        )
        if view.agreed
        else N_(
            "Departments differ most on {name}: from {low_name} ({low}) to {high_name} "
            "({high}), a spread of {spread}. They see it very differently."
        )
    )
    text = lang.gettext(sentence).format(
        name=view.name,
        low_name=low_name,
        low=lang.decimal(low),
        high_name=high_name,
        high=lang.decimal(high),
        spread=lang.decimal(view.spread),
    )
    headline = lang.gettext("Widest split: {name}").format(name=view.name)
    return Finding(4, headline, text, (low, high, view.spread))


def _owners_above(views: Sequence[Perspective], lang: Language) -> Finding | None:
    flagged = [v for v in views if v.flagged and v.difference is not None and v.difference > 0]
    if not flagged:
        return None
    view = max(flagged, key=lambda v: v.difference or 0.0)
    assert view.owners_score is not None and view.others_score is not None
    assert view.difference is not None
    owners = lang.gettext(" and ").join(view.owners)
    text = lang.ngettext(
        "{owners} rates {name} at {owners_score}; everyone else at {others_score}.",
        "{owners} rate {name} at {owners_score}; everyone else at {others_score}.",
        len(view.owners),
    ).format(
        owners=owners,
        name=view.name,
        owners_score=lang.decimal(view.owners_score),
        others_score=lang.decimal(view.others_score),
    )
    text += " " + lang.gettext(
        "Owners see their own practice {difference} higher than the rest of the organisation."
    ).format(difference=lang.decimal(view.difference))
    if len(flagged) > 1:
        text += " " + lang.gettext("{count} dimensions show such a gap; see Perspectives.").format(
            count=len(flagged)
        )
    headline = lang.gettext("Owners see it higher: {name}").format(name=view.name)
    return Finding(5, headline, text, (view.owners_score, view.others_score))


def caveats(result: Result, min_group: int = 1, lang: Language | None = None) -> tuple[str, ...]:
    """What limits how far the figures can be trusted, in words, in ``lang``."""
    lang = lang or language()
    _ = lang.gettext
    out = []
    hidden = too_few(result.departments, min_group)
    few = [d for d in shown(result.departments, min_group) if d.respondents < FEW_RESPONDENTS]
    out.append(
        _("Respondents per department: {counts}.").format(
            counts=_per_department(result.departments, lang)
        )
    )
    if hidden:
        names = _listed([f"{d.name} ({d.respondents})" for d in hidden], lang)
        out.append(
            _(
                "Too few to show on their own (fewer than {min_group} respondents): {names}. "
                "Their answers count in the organisation's figures; their own scores are not "
                "shown."
            ).format(min_group=min_group, names=names)
        )
    if few:
        names = _listed([d.name for d in few], lang)
        out.append(
            _(
                "Fewer than {few} respondents: {names}. Their scores rest on one or two people "
                "and carry wide or no intervals."
            ).format(few=FEW_RESPONDENTS, names=names)
        )
    cov = result.coverage
    applicable = cov.total - cov.not_applicable
    if applicable:
        out.append(
            _(
                "Coverage: {share} of applicable questions were answered with a stage; "
                "{unknown} answers were “don't know” and {blank} were left blank."
            ).format(
                share=lang.percent(cov.answered / applicable),
                unknown=lang.decimal(cov.unknown, 0),
                blank=lang.decimal(cov.unanswered, 0),
            )
        )
    return tuple(out)


def reliance(result: Result, lang: Language | None = None) -> str | None:
    """One sentence on what the board can rely on: how many department-by-dimension
    scores can be read as they stand, how many straddle their target and how many are
    too uncertain to place in a stage (``confidence.reading``)."""
    lang = lang or language()
    cells = [dim for dep in result.departments for dim in dep.dimensions if dim.score is not None]
    if not cells:
        return None
    counts = {kind: sum(dim.reading == kind for dim in cells) for kind in _READINGS}
    return lang.gettext(
        "What the board can rely on: {firm} of {count} department-by-dimension scores can be "
        "read as they stand; {borderline} sit so close to their target that more answers "
        "could change whether they meet it (≈), and {uncertain} are too uncertain to place in "
        "a stage (drawn pale)."
    ).format(count=len(cells), **counts)


_READINGS = ("firm", "borderline", "uncertain")


LISTED = 12
"""Caveats name at most this many departments, so the summary stays one page."""


def _listed(names: Sequence[str], lang: Language) -> str:
    if len(names) <= LISTED:
        return ", ".join(names)
    return lang.gettext("{names} and {count} more").format(
        names=", ".join(names[:LISTED]), count=len(names) - LISTED
    )


def _per_department(departments: Sequence[DepartmentResult], lang: Language) -> str:
    if len(departments) <= LISTED:
        return ", ".join(f"{d.name} {d.respondents}" for d in departments)
    counts = sorted(d.respondents for d in departments)
    median = statistics.median(counts)
    return lang.gettext("{low} to {high} in each of {count} departments (median {median})").format(
        low=counts[0],
        high=counts[-1],
        count=len(departments),
        median=int(median) if median == int(median) else lang.decimal(median, 1),
    )
