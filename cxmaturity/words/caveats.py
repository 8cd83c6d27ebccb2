"""What limits how far the figures can be trusted, in words: the board's caveats and the
one sentence on what it can rely on.

Which departments are too small to show, which rest on one or two people, and how the
scores read are ``core.findings``' rules; this module only says them.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from cxmaturity.core.findings import FEW_RESPONDENTS, reliance, thin, too_few
from cxmaturity.core.result import DepartmentResult, Result
from cxmaturity.words.language import Language, language

LISTED = 12
"""Caveats name at most this many departments, so the summary stays one page."""


def caveats(result: Result, min_group: int = 1, lang: Language | None = None) -> tuple[str, ...]:
    """What limits how far the figures can be trusted, in words, in ``lang``."""
    lang = lang or language()
    _ = lang.gettext
    out = []
    hidden = too_few(result.departments, min_group)
    few = thin(result.departments, min_group)
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


def relied_on(result: Result, lang: Language | None = None) -> str | None:
    """One sentence on what the board can rely on: how many department-by-dimension
    scores can be read as they stand, how many straddle their target and how many are
    too uncertain to place in a stage (``core.findings.reliance``)."""
    lang = lang or language()
    counts = reliance(result)
    if counts is None:
        return None
    return lang.gettext(
        "What the board can rely on: {firm} of {count} department-by-dimension scores can be "
        "read as they stand; {borderline} sit so close to their target that more answers "
        "could change whether they meet it (≈), and {uncertain} are too uncertain to place in "
        "a stage (drawn pale)."
    ).format(
        count=counts.count,
        firm=counts.firm,
        borderline=counts.borderline,
        uncertain=counts.uncertain,
    )


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
