"""Presenting an explanation: ``RENDERERS`` maps ``explain``'s formats to plain text for
people and JSON for tools (the ``cxmaturity.explain/1`` format, written by
``formats.explain_doc``).

The text shows each mean as its terms, so a reader can redo the sums by hand. Unrounded
figures are shown to four decimals with ``…`` when they go on; reported figures with two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
from cxmaturity.formats.explain_doc import explain_json
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


RENDERERS: Mapping[str, Renderer[DepartmentExplanation]] = {
    "text": lambda explanation, options: render_text(explanation, options.lang),
    "json": lambda explanation, options: explain_json(explanation),
}
