"""A comparison in words: a stage movement, and what only one side has.

``core.comparison`` pairs the two sides' figures and says which stage each change starts
and ends in; this module says it in the reader's language, for every renderer alike.
"""

from __future__ import annotations

from cxmaturity.core.comparison import Change, Comparison, OneSided, Scored
from cxmaturity.words.language import Language, language


def movement(change: Change, lang: Language | None = None) -> str:
    """The stage movement: ``Mobilise → Operationalise``, ``Explore, unchanged``, ``new (…)``."""
    lang = lang or language()
    _ = lang.gettext
    if change.current is None:
        return _("only in baseline ({stage})").format(stage=_stage_name(change.baseline, lang))
    if change.baseline is None:
        return _("new ({stage})").format(stage=_stage_name(change.current, lang))
    before, after = _stage_name(change.baseline, lang), _stage_name(change.current, lang)
    if before == after:
        return _("{stage}, unchanged").format(stage=after)
    return f"{before} → {after}"


def _stage_name(scored: Scored | None, lang: Language) -> str:
    if scored is None or scored.stage is None:
        return lang.gettext("undefined")
    return lang.stage(scored.stage)


def one_sided(
    comparison: Comparison, current_missing: bool, lang: Language | None = None
) -> tuple[str, ...]:
    """What only one side has, in words (``department Sales``, ``Sales · Journeys``)."""
    lang = lang or language()
    return tuple(_one(item, lang) for item in comparison.one_sided(current_missing))


def _one(item: OneSided, lang: Language) -> str:
    if item.kind == "department":
        return lang.gettext("department {name}").format(name=item.name)
    if item.department is not None:
        return f"{item.department} · {item.name}"
    return lang.gettext("dimension {name}").format(name=item.name)
