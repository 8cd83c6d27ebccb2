"""The findings in words: each rule's finding written in the reader's language.

``core.findings`` chooses what the board is told (which rule fired, which dimensions,
departments and figures); this module only writes it. Every figure is written the way
the rest of the pack writes it (``Language.decimal``: two decimals, the reader's style).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cxmaturity.core import story
from cxmaturity.core.findings import Behind, End, Finding, Overall, OwnersAbove, Split
from cxmaturity.core.marks import N_
from cxmaturity.core.stages import Stage, reported
from cxmaturity.words.language import Language, language

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
"""``core.findings``' rules, in English; shown through ``Language.gettext``."""


@dataclass(frozen=True, slots=True)
class Worded:
    """A finding and its words: a headline and the text under it."""

    finding: Finding
    headline: str
    text: str

    @property
    def rule(self) -> int:
        return self.finding.rule

    @property
    def figures(self) -> tuple[float, ...]:
        """Every score the text quotes, as reported."""
        return self.finding.figures


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


def worded(found: Sequence[Finding], lang: Language | None = None) -> tuple[Worded, ...]:
    """Each finding with its headline and text, in ``lang``."""
    lang = lang or language()
    return tuple(word(finding, lang) for finding in found)


def word(finding: Finding, lang: Language) -> Worded:
    """One finding in words."""
    match finding:
        case Overall():
            return _overall(finding, lang)
        case End():
            return _end(finding, lang)
        case Behind():
            return _behind(finding, lang)
        case Split():
            return _widest(finding, lang)
        case OwnersAbove():
            return _owners_above(finding, lang)


def messages(found: Sequence[Worded]) -> tuple[str, ...]:
    """The board's short messages: the first sentence of each finding ``story`` chooses."""
    by_rule = {w.rule: w for w in found}
    chosen = story.message_rules([w.finding for w in found])
    return tuple(_first_sentence(by_rule[rule].text) for rule in chosen)


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _borderline(low: float, high: float, lang: Language) -> str:
    return " " + lang.gettext(
        "Borderline: the 95% interval ({low}–{high}) crosses a stage boundary."
    ).format(low=lang.decimal(low), high=lang.decimal(high))


def _overall(found: Overall, lang: Language) -> Worded:
    line, score = found.headline, found.score
    if line.capped_by is not None:
        text = lang.gettext(
            "Overall the organisation scores {score}, but it stands at {stage}: its "
            "foundation {name} is at {foundation} ({foundation_stage}), and the model places "
            "an organisation at a stage only when every foundation has reached the stage "
            "below it."
        ).format(
            score=lang.decimal(score),
            stage=lang.stage(line.stage or Stage.IGNORE),
            name=line.capped_by.name,
            foundation=lang.decimal(line.capped_by.score or 0.0),
            foundation_stage=lang.stage(line.capped_by.stage or Stage.IGNORE),
        )
    elif line.between is not None and found.interval is not None:
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
            score=lang.decimal(score),
            low=lang.stage(low),
            high=lang.stage(high),
            range_low=lang.decimal(found.interval.low),
            range_high=lang.decimal(found.interval.high),
        )
    else:
        text = lang.gettext("Overall the organisation scores {score}: {place}.").format(
            score=lang.decimal(score), place=place(score, lang)
        )
    text += " " + lang.ngettext(
        "{same} of {count} department is at this stage.",
        "{same} of {count} departments are at this stage.",
        found.departments,
    ).format(same=found.same, count=found.departments)
    return Worded(found, lang.gettext("Where the organisation stands"), text)


_ENDS = {
    1: (N_("{name} is the weakest dimension at {score}: {place}."), N_("Weakest: {name}")),
    2: (N_("{name} is the strongest dimension at {score}: {place}."), N_("Strongest: {name}")),
}


def _end(found: End, lang: Language) -> Worded:
    dim, neighbour = found.dimension, found.neighbour
    assert dim.score is not None
    sentence, headline = _ENDS[found.rule]
    text = lang.gettext(sentence).format(
        name=dim.name, score=lang.decimal(dim.score), place=place(dim.score, lang)
    )
    if neighbour is not None and neighbour.score is not None:
        text += " " + lang.gettext(
            "Its interval overlaps that of {name} ({score}), so the two cannot be told apart "
            "with confidence."
        ).format(name=neighbour.name, score=lang.decimal(neighbour.score))
    if dim.borderline and dim.interval is not None:
        text += _borderline(dim.interval.low, dim.interval.high, lang)
    return Worded(found, lang.gettext(headline).format(name=dim.name), text)


def _behind(found: Behind, lang: Language) -> Worded:
    shown = found.departments
    names = ", ".join(f"{d.name} ({lang.decimal(d.score or 0.0)})" for d in shown)
    first = shown[0]
    assert first.target is not None
    text = lang.gettext("Furthest below target: {names}.").format(names=names)
    text += " " + lang.ngettext(
        "{name} is {gap} stage short of {target}.",
        "{name} is {gap} stages short of {target}.",
        first.gap or 0,
    ).format(name=first.name, gap=first.gap, target=lang.stage(first.target))
    if found.below > len(shown):
        text += " " + lang.gettext("{below} of {count} departments are below their target.").format(
            below=found.below, count=found.count
        )
    return Worded(found, lang.gettext("Furthest below target"), text)


def _widest(found: Split, lang: Language) -> Worded:
    view = found.view
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
    return Worded(found, lang.gettext("Widest split: {name}").format(name=view.name), text)


def _owners_above(found: OwnersAbove, lang: Language) -> Worded:
    view = found.view
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
    if found.flagged > 1:
        text += " " + lang.gettext("{count} dimensions show such a gap; see Perspectives.").format(
            count=found.flagged
        )
    headline = lang.gettext("Owners see it higher: {name}").format(name=view.name)
    return Worded(found, headline, text)
