"""Sentences every result view shows: stages held back by a foundation, and facts in dispute.

Plain strings in the reader's language; each renderer adds its own marks.
"""

from __future__ import annotations

from cxmaturity.core.facts import StageCap
from cxmaturity.core.result import Result
from cxmaturity.words.language import Language


def cap_lines(result: Result, lang: Language, hidden: frozenset[str] = frozenset()) -> list[str]:
    """One sentence per capped stage: the organisation first, then each department shown."""
    names = {dim.id: dim.name for dim in result.organisation.dimensions}
    capped: list[tuple[str, StageCap]] = []
    if result.organisation.cap is not None:
        capped.append((lang.gettext("The organisation"), result.organisation.cap))
    capped += [
        (dep.name, dep.cap)
        for dep in result.departments
        if dep.cap is not None and dep.id not in hidden
    ]
    return [_cap_line(who, cap, names, lang) for who, cap in capped]


def department_cap_line(result: Result, dep_id: str, lang: Language) -> str | None:
    """The sentence for one department's capped stage, or None when nothing holds it back."""
    dep = result.department(dep_id)
    if dep is None or dep.cap is None:
        return None
    names = {dim.id: dim.name for dim in result.organisation.dimensions}
    return _cap_line(dep.name, dep.cap, names, lang)


def _cap_line(who: str, cap: StageCap, names: dict[str, str], lang: Language) -> str:
    held = ", ".join(
        lang.gettext("{dimension} at {stage}").format(
            dimension=names.get(dim_id, dim_id), stage=lang.stage(stage)
        )
        for dim_id, stage in cap.foundations
    )
    return lang.gettext(
        "{who} is reported at {reported}, not {scored}: a stage counts only when the "
        "foundations have reached the stage below it ({held})."
    ).format(who=who, reported=lang.stage(cap.reported), scored=lang.stage(cap.scored), held=held)


def fact_lines(result: Result, lang: Language, hidden: frozenset[str] = frozenset()) -> list[str]:
    """One line per department shown and fact question whose answers lie two stages or more
    apart; a department too small to show is left out, as its answers would be."""
    line = lang.gettext(
        "{department} disagrees on a fact: {question} (answers {low} to {high}; held as {value})"
    )
    return [
        line.format(
            department=dep.name,
            question=stats.question_id,
            low=_low(stats.counts),
            high=_high(stats.counts),
            value=lang.stage(stats.value) if stats.value is not None else "–",
        )
        for dep in result.departments
        if dep.id not in hidden
        for stats in dep.questions
        if stats.fact_disagreement
    ]


def _low(counts: tuple[int, ...]) -> int:
    return next(stage for stage, n in enumerate(counts, start=1) if n)


def _high(counts: tuple[int, ...]) -> int:
    return max(stage for stage, n in enumerate(counts, start=1) if n)
