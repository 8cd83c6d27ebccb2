"""Presenting an explanation: plain text for people, JSON for tools.

The text shows each mean as its terms, so a reader can redo the sums by hand. Unrounded
figures are shown to four decimals with ``…`` when they go on; reported figures with two.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cxmaturity import confidence
from cxmaturity.cleaning import clean_line
from cxmaturity.confidence import Interval
from cxmaturity.explain import (
    DepartmentExplanation,
    DimensionStep,
    RespondentStep,
    answer_label,
    counts_towards,
)
from cxmaturity.render.numbers import fixed
from cxmaturity.result import Item
from cxmaturity.scoring import MIN_COVERAGE
from cxmaturity.stages import Stage

EXPLAIN_FORMAT = "cxmaturity.explain/1"


def num(value: float) -> str:
    """A figure to at most four decimals, trailing zeros dropped, ``…`` if it was cut."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text + "…" if abs(round(value, 4) - value) > 1e-12 else text


def _reported(score: float | None, stage: Stage | None) -> str:
    if score is None or stage is None:
        return "undefined (not enough answers)"
    return f"{score:.2f} → stage {int(stage)} {stage.label}"


def _target(target: Stage | None, gap: int | None) -> str:
    if target is None:
        return ""
    return f"; target {target.label}, gap {gap if gap is not None else '–'}"


def render_text(explanation: DepartmentExplanation) -> str:
    dep = explanation.figures
    q = explanation.questionnaire
    lines = [
        f"{dep.name} ({dep.id}): {dep.respondents} respondent"
        f"{'s' if dep.respondents != 1 else ''} · {q.title} ({q.id} {q.version})",
    ]
    for step in explanation.dimensions:
        lines += ["", *_dimension_lines(step)]
    lines += ["", *_department_lines(explanation)]
    return "\n".join(lines) + "\n"


def _dimension_lines(step: DimensionStep) -> list[str]:
    dim = step.figures
    lines = [f"{dim.name} ({dim.id}, dimension weight {num(dim.weight)})"]
    for respondent in step.respondents:
        lines += _respondent_lines(respondent)
    counted = step.counted
    if dim.raw is None or not counted:
        lines.append("  dimension score: undefined, no respondent answered enough")
        return lines
    terms = " + ".join(num(s) for s in counted)
    lines.append(
        f"  mean over {len(counted)} respondent{'s' if len(counted) != 1 else ''}: "
        f"({terms}) / {len(counted)} = {num(dim.raw)}"
    )
    spread = fixed(dim.spread)
    flag = " (disagreement: spread ≥ 2)" if dim.disagreement else ""
    lines.append(f"  spread (max − min): {spread}{flag}")
    mark = " (borderline)" if dim.borderline else ""
    lines.append(
        f"  reported: {_reported(dim.score, dim.stage)}{_target(dim.target, dim.gap)}{mark}"
    )
    lines.append(f"  {_interval_line(dim.raw, counted, dim.interval, 'respondent scores')}")
    return lines


def _interval_line(
    centre: float | None, values: Sequence[float], interval: Interval | None, over: str
) -> str:
    """How the 95% interval was made, term by term (see ``confidence``)."""
    made = confidence.terms(values)
    if made is None or interval is None or centre is None:
        return "95% interval: none, fewer than two values to measure the spread over"
    flag = " · borderline: it crosses a stage boundary" if interval.borderline else ""
    return (
        f"95% interval: {num(centre)} ± t({made.n - 1}) {made.t:.3f} × s {num(made.sd)} / "
        f"√{made.n} ({over}) = {num(centre)} ± {num(made.half_width)} → "
        f"{interval.low:.2f}–{interval.high:.2f} (kept within 1–6){flag}"
    )


def _respondent_lines(r: RespondentStep) -> list[str]:
    who = f"{r.name}, {r.role}" if r.role else r.name
    lines = [f"  {who} ({clean_line(r.source)})"]
    width = max((len(item.question_id) for item in r.items), default=0)
    for item in r.items:
        line = (
            f"    {item.question_id:<{width}}  weight {num(item.weight):<4}  "
            f"{answer_label(item):<18}{_item_note(item)}"
        )
        lines.append(line.rstrip())
    lines.append(f"    coverage: {_coverage(r)}")
    lines.append(f"    weighted mean: {_weighted_mean(r)}")
    return lines


def _item_note(item: Item) -> str:
    return {
        "answered": "",
        "excluded": "not applicable: left out",
        "unanswered": "counts as applicable, not answered",
    }[counts_towards(item)]


def _coverage(r: RespondentStep) -> str:
    if r.coverage is None:
        return "nothing applies"
    needed = "enough" if r.score is not None else "too few, so undefined"
    return (
        f"answered weight {num(r.answered_weight)} of {num(r.applicable_weight)} applicable "
        f"({r.coverage:.0%}; {MIN_COVERAGE:.0%} needed: {needed})"
    )


def _weighted_mean(r: RespondentStep) -> str:
    if r.score is None:
        return "undefined"
    terms = " + ".join(
        f"{num(item.weight)}×{int(item.answer.stage)}" for item in r.items if item.answer.stage
    )
    return (
        f"({terms}) / {num(r.answered_weight)} = {num(r.weighted_sum)} / "
        f"{num(r.answered_weight)} = {num(r.score)}"
    )


def _department_lines(explanation: DepartmentExplanation) -> list[str]:
    dep = explanation.figures
    lines = [f"{dep.name}: weighted mean over dimensions"]
    defined = [d for d in dep.dimensions if d.raw is not None]
    if dep.raw is None or not defined:
        return [*lines, "  undefined: no dimension has a score"]
    terms = " + ".join(f"{num(d.weight)}×{num(d.raw)}" for d in defined if d.raw is not None)
    lines.append(
        f"  ({terms}) / {num(explanation.weight_total)} = {num(explanation.weighted_sum)} / "
        f"{num(explanation.weight_total)} = {num(dep.raw)}"
    )
    left_out = [d.id for d in dep.dimensions if d.raw is None]
    if left_out:
        lines.append(f"  left out (undefined): {', '.join(left_out)}")
    lines.append(f"  rounded to two decimals: {num(dep.raw)} → {fixed(dep.score)}")
    lines.append(
        f"  stage: the whole part of the reported score: "
        f"{_reported(dep.score, dep.stage)}{_target(dep.target, dep.gap)}"
        f"{' (borderline)' if dep.borderline else ''}"
    )
    lines.append(
        f"  {_interval_line(dep.raw, explanation.overall, dep.interval, 'respondents overall')}"
    )
    return lines


# ---------------------------------------------------------------------------- JSON


def _stage(stage: Stage | None) -> dict[str, Any]:
    return {
        "stage": int(stage) if stage is not None else None,
        "stage_name": stage.label if stage is not None else None,
    }


def _item_data(item: Item) -> dict[str, Any]:
    return {
        "question": item.question_id,
        "weight": item.weight,
        "answer": _plain(item),
        "counts": counts_towards(item),
    }


def _plain(item: Item) -> int | str | None:
    """A stage number, ``unknown`` or ``n/a``; None for a question left blank."""
    if item.answer.stage is not None:
        return int(item.answer.stage)
    return None if item.answer.status == "unanswered" else item.answer.status


def _respondent_data(r: RespondentStep) -> dict[str, Any]:
    return {
        "name": r.name,
        "role": r.role,
        "source": r.source,
        "items": [_item_data(item) for item in r.items],
        "applicable_weight": r.applicable_weight,
        "answered_weight": r.answered_weight,
        "coverage": r.coverage,
        "weighted_sum": r.weighted_sum,
        "score": r.score,
    }


def _dimension_data(step: DimensionStep) -> dict[str, Any]:
    dim = step.figures
    return {
        "id": dim.id,
        "name": dim.name,
        "weight": dim.weight,
        "respondents": [_respondent_data(r) for r in step.respondents],
        "counted": list(step.counted),
        "raw": dim.raw,
        "score": dim.score,
        **_stage(dim.stage),
        "spread": dim.spread,
        "disagreement": dim.disagreement,
        "target": int(dim.target) if dim.target is not None else None,
        "gap": dim.gap,
        **_interval_data(dim.interval),
    }


def _interval_data(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"interval": None, "borderline": False}
    low, high = interval.low, interval.high
    return {
        "interval": {"low": low, "high": high, "n": interval.n},
        "borderline": interval.borderline,
    }


def to_data(explanation: DepartmentExplanation) -> dict[str, Any]:
    """The ``cxmaturity.explain/1`` structure: raw (unrounded) and reported figures."""
    dep = explanation.figures
    q = explanation.questionnaire
    return {
        "format": EXPLAIN_FORMAT,
        "questionnaire": {"id": q.id, "version": q.version, "sha256": q.sha256},
        "department": {
            "id": dep.id,
            "name": dep.name,
            "respondents": dep.respondents,
            "dimensions": [_dimension_data(step) for step in explanation.dimensions],
            "partial": explanation.partial,
            "weighted_sum": explanation.weighted_sum,
            "weight_total": explanation.weight_total,
            "raw": dep.raw,
            "score": dep.score,
            **_stage(dep.stage),
            "target": int(dep.target) if dep.target is not None else None,
            "gap": dep.gap,
            **_interval_data(dep.interval),
            "interval_method": confidence.METHOD,
        },
    }


def render_json(explanation: DepartmentExplanation) -> str:
    return json.dumps(to_data(explanation), indent=2, ensure_ascii=False) + "\n"
