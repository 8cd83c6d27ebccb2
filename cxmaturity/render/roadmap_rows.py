"""The board's roadmap rows in words: which departments a step is for, who owns it and
what it waits for. A department under --min-group is never named there: it is counted."""

from __future__ import annotations

from collections.abc import Sequence

from cxmaturity.core.plan import Action
from cxmaturity.render.pack_models import RoadmapRow, Shared
from cxmaturity.words.language import Language

NAMES_LISTED = 4
"""A roadmap action lists at most this many departments by name; the rest are counted."""
NAMES_CHARS = 160
"""...and names only while their text stays this short: every name is printed in full,
so a questionnaire's 200-character names count rather than fill the roadmap's pages."""


def roadmap_rows(
    actions: Sequence[Action], both: Shared, lang: Language, hidden: frozenset[str]
) -> list[RoadmapRow]:
    """The board's roadmap table: each step with its dimension, departments, owner and
    the steps it waits for (by rank, or counted when they are beyond the table)."""
    departments, dimensions = both.department_names, both.dimension_names
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
