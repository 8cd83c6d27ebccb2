"""Presenting an explanation: ``RENDERERS`` maps ``explain``'s formats to plain text for
people and JSON (``cxmaturity.explain/1``) for tools.

The text shows each mean as its terms, so a reader can redo the sums by hand. Unrounded
figures are shown to four decimals with ``…`` when they go on; reported figures with two.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from cxmaturity.core import confidence
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.confidence import Interval
from cxmaturity.core.explain import (
    DepartmentExplanation,
    DimensionStep,
    RespondentStep,
    answer_label,
    counts_towards,
)
from cxmaturity.core.result import Item
from cxmaturity.core.scoring import MIN_COVERAGE
from cxmaturity.core.stages import Stage
from cxmaturity.formats.explain_doc import (
    EXPLAIN_FORMAT,
    DepartmentDoc,
    DimensionDoc,
    ExplainDoc,
    IntervalDoc,
    ItemDoc,
    QuestionnaireDoc,
    RespondentDoc,
)
from cxmaturity.render.numbers import fixed
from cxmaturity.render.renderer import Renderer
from cxmaturity.words.language import Language, language


def num(value: float, lang: Language | None = None) -> str:
    """A figure to at most four decimals, trailing zeros dropped, ``…`` if it was cut."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    if lang is not None and lang.code != "en":
        text = lang.decimal(float(text), places=len(text.partition(".")[2]))
    return text + "…" if abs(round(value, 4) - value) > 1e-12 else text


def _reported(score: float | None, stage: Stage | None, lang: Language) -> str:
    if score is None or stage is None:
        return lang.gettext("undefined (not enough answers)")
    return lang.gettext("{score} → stage {number} {name}").format(
        score=lang.decimal(score), number=int(stage), name=lang.stage(stage)
    )


def _target(target: Stage | None, gap: int | None, lang: Language) -> str:
    if target is None:
        return ""
    return lang.gettext("; target {target}, gap {gap}").format(
        target=lang.stage(target), gap=gap if gap is not None else "–"
    )


def render_text(explanation: DepartmentExplanation, lang: Language | None = None) -> str:
    lang = lang or language()
    dep = explanation.figures
    q = explanation.questionnaire
    people = lang.ngettext("{count} respondent", "{count} respondents", dep.respondents)
    lines = [
        f"{dep.name} ({dep.id}): {people.format(count=dep.respondents)} · "
        f"{q.title} ({q.id} {q.version})",
    ]
    for step in explanation.dimensions:
        lines += ["", *_dimension_lines(step, lang)]
    lines += ["", *_department_lines(explanation, lang)]
    return "\n".join(lines) + "\n"


def _dimension_lines(step: DimensionStep, lang: Language) -> list[str]:
    _ = lang.gettext
    dim = step.figures
    heading = _("{name} ({id}, dimension weight {weight})")
    lines = [heading.format(name=dim.name, id=dim.id, weight=num(dim.weight, lang))]
    if not dim.asked:
        # No question of this dimension applies here: nobody could have answered enough.
        lines.append("  " + _("not asked: no question of this dimension is for this department"))
        return lines
    for respondent in step.respondents:
        lines += _respondent_lines(respondent, lang)
    counted = step.counted
    if dim.raw is None or not counted:
        lines.append("  " + _("dimension score: undefined, no respondent answered enough"))
        return lines
    terms = " + ".join(num(s, lang) for s in counted)
    mean = lang.ngettext(
        "mean over {count} respondent: ({terms}) / {count} = {mean}",
        "mean over {count} respondents: ({terms}) / {count} = {mean}",
        len(counted),
    )
    lines.append("  " + mean.format(count=len(counted), terms=terms, mean=num(dim.raw, lang)))
    spread = fixed(dim.spread, lang)
    flag = " " + _("(disagreement: spread ≥ 2)") if dim.disagreement else ""
    lines.append("  " + _("spread (max − min): {spread}").format(spread=spread) + flag)
    reported = _reported(dim.score, dim.stage, lang) + _target(dim.target, dim.gap, lang)
    mark = " " + _("(borderline)") if dim.borderline else ""
    lines.append("  " + _("reported: {reported}").format(reported=reported) + mark)
    over = _("respondent scores")
    lines.append("  " + _interval_line(dim.raw, counted, dim.interval, over, lang))
    return lines


def _interval_line(
    centre: float | None,
    values: Sequence[float],
    interval: Interval | None,
    over: str,
    lang: Language,
) -> str:
    """How the 95% interval was made, term by term (see ``confidence``)."""
    _ = lang.gettext
    made = confidence.terms(values)
    if made is None or interval is None or centre is None:
        return _("95% interval: none, fewer than two values to measure the spread over")
    flag = " · " + _("borderline: it crosses a stage boundary") if interval.borderline else ""
    line = _(
        "95% interval: {centre} ± t({df}) {t} × s {sd} / √{n} ({over}) = {centre} ± {half} → "
        "{low}–{high} (kept within 1–6)"
    )
    return (
        line.format(
            centre=num(centre, lang),
            df=made.n - 1,
            t=lang.decimal(made.t, places=3),
            sd=num(made.sd, lang),
            n=made.n,
            over=over,
            half=num(made.half_width, lang),
            low=lang.decimal(interval.low),
            high=lang.decimal(interval.high),
        )
        + flag
    )


def _respondent_lines(r: RespondentStep, lang: Language) -> list[str]:
    _ = lang.gettext
    who = f"{r.name}, {r.role}" if r.role else r.name
    lines = [f"  {who} ({clean_line(r.source)})"]
    width = max((len(item.question_id) for item in r.items), default=0)
    weight = _("weight")
    for item in r.items:
        line = (
            f"    {item.question_id:<{width}}  {weight} {num(item.weight, lang):<4}  "
            f"{_answer_label(item, lang):<18}{_item_note(item, lang)}"
        )
        lines.append(line.rstrip())
    lines.append("    " + _("coverage: {coverage}").format(coverage=_coverage(r, lang)))
    lines.append("    " + _("weighted mean: {mean}").format(mean=_weighted_mean(r, lang)))
    return lines


def _answer_label(item: Item, lang: Language) -> str:
    stage: Stage | None = item.answer.stage
    if lang.code == "en" or (stage is None and item.answer.status == "n/a"):
        return answer_label(item)
    if stage is not None:
        return f"{int(stage)} {lang.stage(stage)}"
    if item.answer.status == "unknown":
        return lang.gettext("unknown")
    return lang.gettext("blank")


def _item_note(item: Item, lang: Language) -> str:
    kind = counts_towards(item)
    if kind == "excluded":
        return lang.gettext("not applicable: left out")
    if kind == "unanswered":
        return lang.gettext("counts as applicable, not answered")
    return ""


def _coverage(r: RespondentStep, lang: Language) -> str:
    _ = lang.gettext
    if r.coverage is None:
        return _("nothing applies")
    needed = _("enough") if r.score is not None else _("too few, so undefined")
    return _(
        "answered weight {answered} of {applicable} applicable ({share}; {needed_share} needed: "
        "{verdict})"
    ).format(
        answered=num(r.answered_weight, lang),
        applicable=num(r.applicable_weight, lang),
        share=lang.percent(r.coverage),
        needed_share=lang.percent(MIN_COVERAGE),
        verdict=needed,
    )


def _weighted_mean(r: RespondentStep, lang: Language) -> str:
    if r.score is None:
        return lang.gettext("undefined")
    terms = " + ".join(
        f"{num(item.weight, lang)}×{int(item.answer.stage)}"
        for item in r.items
        if item.answer.stage
    )
    answered = num(r.answered_weight, lang)
    return (
        f"({terms}) / {answered} = {num(r.weighted_sum, lang)} / {answered} = {num(r.score, lang)}"
    )


def _department_lines(explanation: DepartmentExplanation, lang: Language) -> list[str]:
    _ = lang.gettext
    dep = explanation.figures
    lines = [_("{name}: weighted mean over dimensions").format(name=dep.name)]
    defined = [d for d in dep.dimensions if d.raw is not None]
    if dep.raw is None or not defined:
        return [*lines, "  " + _("undefined: no dimension has a score")]
    terms = " + ".join(
        f"{num(d.weight, lang)}×{num(d.raw, lang)}" for d in defined if d.raw is not None
    )
    total = num(explanation.weight_total, lang)
    lines.append(
        f"  ({terms}) / {total} = {num(explanation.weighted_sum, lang)} / {total} = "
        f"{num(dep.raw, lang)}"
    )
    left_out = [d.id for d in dep.dimensions if d.raw is None]
    if left_out:
        lines.append("  " + _("left out (undefined): {ids}").format(ids=", ".join(left_out)))
    rounded = _("rounded to two decimals: {raw} → {score}")
    lines.append("  " + rounded.format(raw=num(dep.raw, lang), score=fixed(dep.score, lang)))
    stage = _("stage: the whole part of the reported score: {reported}").format(
        reported=_reported(dep.score, dep.stage, lang)
        + _target(dep.target, dep.gap, lang)
        + (" " + _("(borderline)") if dep.borderline else "")
    )
    lines.append("  " + stage)
    over = _("respondents overall")
    lines.append("  " + _interval_line(dep.raw, explanation.overall, dep.interval, over, lang))
    return lines


# ---------------------------------------------------------------------------- JSON


def _stage(stage: Stage | None) -> dict[str, Any]:
    return {
        "stage": int(stage) if stage is not None else None,
        "stage_name": stage.label if stage is not None else None,
    }


def _item_doc(item: Item) -> ItemDoc:
    return ItemDoc(
        question=item.question_id,
        weight=item.weight,
        answer=_plain(item),
        counts=counts_towards(item),
    )


def _plain(item: Item) -> int | str | None:
    """A stage number, ``unknown`` or ``n/a``; None for a question left blank."""
    if item.answer.stage is not None:
        return int(item.answer.stage)
    return None if item.answer.status == "unanswered" else item.answer.status


def _respondent_doc(r: RespondentStep) -> RespondentDoc:
    return RespondentDoc(
        name=r.name,
        role=r.role,
        source=r.source,
        items=[_item_doc(item) for item in r.items],
        applicable_weight=r.applicable_weight,
        answered_weight=r.answered_weight,
        coverage=r.coverage,
        weighted_sum=r.weighted_sum,
        score=r.score,
    )


def _dimension_doc(step: DimensionStep) -> DimensionDoc:
    dim = step.figures
    return DimensionDoc(
        id=dim.id,
        name=dim.name,
        weight=dim.weight,
        respondents=[_respondent_doc(r) for r in step.respondents],
        counted=list(step.counted),
        raw=dim.raw,
        score=dim.score,
        **_stage(dim.stage),
        spread=dim.spread,
        disagreement=dim.disagreement,
        target=int(dim.target) if dim.target is not None else None,
        gap=dim.gap,
        **_interval(dim.interval),
        # Only where there is no score, as in scores.json, so every other file is unchanged.
        **({} if dim.reason is None else {"reason": dim.reason}),
    )


def _interval(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {"interval": None, "borderline": False}
    doc = IntervalDoc(low=interval.low, high=interval.high, n=interval.n)
    return {"interval": doc, "borderline": interval.borderline}


def to_data(explanation: DepartmentExplanation) -> dict[str, Any]:
    """The ``cxmaturity.explain/1`` structure: raw (unrounded) and reported figures."""
    return document(explanation).model_dump(mode="json", exclude_unset=True)


def document(explanation: DepartmentExplanation) -> ExplainDoc:
    """The explanation as its ``cxmaturity.explain/1`` model (``schema explain``)."""
    dep = explanation.figures
    q = explanation.questionnaire
    return ExplainDoc(
        format=EXPLAIN_FORMAT,
        questionnaire=QuestionnaireDoc(id=q.id, version=q.version, sha256=q.sha256),
        department=DepartmentDoc(
            id=dep.id,
            name=dep.name,
            respondents=dep.respondents,
            dimensions=[_dimension_doc(step) for step in explanation.dimensions],
            partial=explanation.partial,
            weighted_sum=explanation.weighted_sum,
            weight_total=explanation.weight_total,
            raw=dep.raw,
            score=dep.score,
            **_stage(dep.stage),
            target=int(dep.target) if dep.target is not None else None,
            gap=dep.gap,
            **_interval(dep.interval),
            interval_method=confidence.METHOD,
        ),
    )


def render_json(explanation: DepartmentExplanation) -> str:
    return json.dumps(to_data(explanation), indent=2, ensure_ascii=False) + "\n"


RENDERERS: Mapping[str, Renderer[DepartmentExplanation]] = {
    "text": lambda explanation, options: render_text(explanation, options.lang),
    "json": lambda explanation, options: render_json(explanation),
}
