"""The cross-reference rules of questionnaire format 2, and the format 1 fields they keep out.

Format 2 adds owners, prerequisites and KPIs to dimensions and a next step out of every
stage to each question; these checks return located problems as ``check_questionnaire``
does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cxmaturity.core.format_ids import QUESTIONNAIRE_FORMAT_2
from cxmaturity.core.stages import Stage

if TYPE_CHECKING:
    from cxmaturity.core.model import Problem, Questionnaire


_FORMAT_2_DIMENSION_KEYS = ("owners", "requires", "kpis", "foundation")


def check_format(q: Questionnaire, departments: set[str], dimensions: set[str]) -> list[Problem]:
    """Format 2: owners, requires and next steps; format 1: none of the format 2 fields."""
    if not q.question_steps:
        return _format_1_extras(q)
    problems: list[Problem] = []
    if q.recommendations:
        problems.append(
            (
                ("recommendations",),
                "format 2 gives next steps per question (next_steps); "
                "dimension-level recommendations belong to format 1",
            )
        )
    for index, dimension in enumerate(q.dimensions):
        for pos, owner in enumerate(dimension.owners):
            if owner not in departments:
                problems.append(
                    (("dimensions", index, "owners", pos), f"unknown owner department {owner!r}")
                )
        for pos, required in enumerate(dimension.requires):
            if required not in dimensions:
                problems.append(
                    (("dimensions", index, "requires", pos), f"unknown dimension {required!r}")
                )
    problems += _requires_cycles(q)
    for index, question in enumerate(q.questions):
        if question.next_steps is None:
            problems.append((("questions", index), "next_steps: required key is missing"))
            continue
        missing = [stage.key for stage in Stage if stage not in question.next_steps]
        if missing:
            problems.append(
                (
                    ("questions", index, "next_steps"),
                    f"missing next step for {', '.join(missing)}",
                )
            )
    return problems


def _format_1_extras(q: Questionnaire) -> list[Problem]:
    wrong = f"needs format {QUESTIONNAIRE_FORMAT_2!r}"
    problems: list[Problem] = []
    for index, dimension in enumerate(q.dimensions):
        for key in _FORMAT_2_DIMENSION_KEYS:
            if getattr(dimension, key):
                problems.append((("dimensions", index, key), f"{key} {wrong}"))
    for index, question in enumerate(q.questions):
        if question.next_steps is not None:
            problems.append((("questions", index, "next_steps"), f"next_steps {wrong}"))
        if question.evidence is not None:
            problems.append((("questions", index, "evidence"), f"evidence {wrong}"))
    return problems


def _requires_cycles(q: Questionnaire) -> list[Problem]:
    """A dimension that requires itself, directly or through others, can never come first."""
    graph = {d.id: [r for r in d.requires if r != d.id] for d in q.dimensions}
    index = {d.id: i for i, d in enumerate(q.dimensions)}
    problems: list[Problem] = []
    for dimension in q.dimensions:
        if dimension.id in dimension.requires:
            pos = dimension.requires.index(dimension.id)
            problems.append(
                (
                    ("dimensions", index[dimension.id], "requires", pos),
                    f"requires cycle: {dimension.id} requires itself",
                )
            )
    cycle = _find_cycle(graph)
    if cycle:
        first = cycle[0]
        pos = q.dimensions[index[first]].requires.index(cycle[1])
        problems.append(
            (("dimensions", index[first], "requires", pos), f"requires cycle: {' -> '.join(cycle)}")
        )
    return problems


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle of the graph as a closed path (a -> b -> a), or None; known nodes only."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for succ in graph.get(node, []):
            if succ not in graph:
                continue
            if state.get(succ) == 1:
                return [*path[path.index(succ) :], succ]
            if succ not in state and (found := visit(succ)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state and (found := visit(node)):
            return found
    return None
