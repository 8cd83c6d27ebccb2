"""Presenting a Comparison: ``RENDERERS`` maps each format of ``compare`` to its renderer.

A Rich table, CSV, Markdown and the drop gate's JUnit report; the JSON is the
``cxmaturity.comparison/1`` format, written by ``formats.comparison_doc``. Nothing is
recomputed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.core.comparison import ORGANISATION, AreaChange, Change, Comparison, Scored, Side
from cxmaturity.core.gate import Check
from cxmaturity.core.stages import Stage
from cxmaturity.formats.comparison_doc import comparison_json
from cxmaturity.render.junit import render_junit
from cxmaturity.render.markdown import md
from cxmaturity.render.numbers import cell, fixed, signed
from cxmaturity.render.renderer import Options, Renderer
from cxmaturity.render.text import as_text
from cxmaturity.words.comparison import movement, one_sided
from cxmaturity.words.language import Language, language


@dataclass(frozen=True)
class ComparisonView:
    """What ``compare`` shows: the comparison, and the drop gate's checks for JUnit."""

    comparison: Comparison
    checks: Sequence[Check] = ()


def _table_text(view: ComparisonView, options: Options) -> str:
    return as_text(render_table(view.comparison, options.lang), options)


RENDERERS: Mapping[str, Renderer[ComparisonView]] = {
    "table": _table_text,
    "json": lambda view, options: comparison_json(view.comparison),
    "markdown": lambda view, options: render_markdown(view.comparison, options.lang),
    "csv": lambda view, options: render_csv(view.comparison, options.lang),
    "junit": lambda view, options: render_junit("cxmaturity compare", view.checks),
}


def side_date(side: Side) -> str:
    """The date a side stands for, e.g. ``2026-11-05``, or ``undated``."""
    return side.updated.date().isoformat() if side.updated else "undated"


def _long_date(side: Side, lang: Language) -> str:
    """The date for reading: ``2026-11-05`` in English as before, ``5. November 2026`` in German."""
    if lang.code == "en":
        return side_date(side)
    return lang.date(side.updated) if side.updated else lang.gettext("undated")


def _side_title(side: Side, lang: Language) -> str:
    return lang.ngettext(
        "{label} ({date}, {count} respondent, {questionnaire} {versions})",
        "{label} ({date}, {count} respondents, {questionnaire} {versions})",
        side.respondents,
    ).format(
        label=side.label,
        date=_long_date(side, lang),
        count=side.respondents,
        questionnaire=side.questionnaire_id,
        versions=", ".join(side.versions),
    )


def _figure(scored: Scored | None, lang: Language) -> str:
    if scored is None:
        return lang.gettext("absent")
    if scored.score is None or scored.stage is None:
        return lang.gettext("undefined")
    return f"{lang.decimal(scored.score)} {lang.stage(scored.stage)}"


def _score(scored: Scored | None, lang: Language) -> str:
    if scored is None:
        return lang.gettext("absent")
    return fixed(scored.score, lang)


def _target(stage: Stage | None, lang: Language) -> str:
    return lang.stage(stage) if stage else "–"


def _gap(value: int | None) -> str:
    return "–" if value is None else str(value)


def rows(comparison: Comparison) -> Iterator[tuple[AreaChange, Change | None]]:
    """Every change in reading order: organisation first, each area then its dimensions."""
    for area in (comparison.organisation, *comparison.departments):
        yield area, None
        for dim in area.dimensions:
            yield area, dim


# ---------------------------------------------------------------------------- table


def render_table(comparison: Comparison, lang: Language | None = None) -> RenderableType:
    lang = lang or language()
    _ = lang.gettext
    labels = (_("baseline:"), _("current:"))
    width = max(len(label) for label in labels) + 1
    heading = Text.assemble(
        (_("Progress since {date}").format(date=_long_date(comparison.baseline, lang)), "bold"),
        "\n",
        (labels[0].ljust(width), "dim"),
        _side_title(comparison.baseline, lang),
        "\n",
        (labels[1].ljust(width), "dim"),
        _side_title(comparison.current, lang),
    )
    t = comparison.with_targets
    areas = _table(_("Organisation and departments"), _("Department"), t, lang)
    for area in (comparison.organisation, *comparison.departments):
        areas.add_row(*_table_row(area.overall.name, area.overall, t, lang))
    dims = _table(_("By dimension"), _("Dimension"), t, lang)
    for area, dim in rows(comparison):
        if dim is None:
            dims.add_section()
            dims.add_row(Text(area.overall.name, style="bold"))
        else:
            dims.add_row(*_table_row(f"  {dim.name}", dim, t, lang))
    parts: list[RenderableType] = [heading, areas, dims, *_one_sided_texts(comparison, lang)]
    return Group(*parts)


def _table(title: str, first: str, with_targets: bool, lang: Language) -> Table:
    _ = lang.gettext
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(first, no_wrap=True)
    table.add_column(_("Baseline"), justify="right")
    table.add_column(_("Current"), justify="right")
    table.add_column("Δ", justify="right")
    table.add_column(_("Stage movement"), no_wrap=True)
    if with_targets:
        table.add_column(_("Target"))
        table.add_column(_("Gap"), justify="right")
    return table


def _table_row(
    where: str, change: Change, with_targets: bool, lang: Language
) -> list[RenderableType]:
    style = "green" if (change.delta or 0) > 0 else "red" if (change.delta or 0) < 0 else ""
    row: list[RenderableType] = [
        Text(where),
        Text(_score(change.baseline, lang)),
        Text(_score(change.current, lang)),
        Text(signed(change.delta, lang), style=style),
        Text(movement(change, lang)),
    ]
    if with_targets:
        row += [Text(_target(change.target, lang)), Text(_gap(change.gap))]
    return row


def _one_sided(comparison: Comparison, lang: Language) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (lang.gettext("Only in the baseline"), one_sided(comparison, True, lang)),
        (lang.gettext("Only in the current side"), one_sided(comparison, False, lang)),
    ]


def _one_sided_texts(comparison: Comparison, lang: Language) -> list[Text]:
    return [
        Text(f"{title}: {', '.join(items)}")
        for title, items in _one_sided(comparison, lang)
        if items
    ]


# ------------------------------------------------------------------------------ CSV

CSV_COLUMNS = (
    "department_id",
    "department",
    "dimension_id",
    "dimension",
    "baseline_score",
    "baseline_stage",
    "current_score",
    "current_stage",
    "delta",
    "stages_moved",
    "movement",
    "target",
    "gap",
)


def render_csv(comparison: Comparison, lang: Language | None = None) -> str:
    """One row per area (dimension blank) and per area x dimension; organisation first.

    The columns are keys and the figures plain numbers, as in JSON, so a script reads any
    language's file alike; names and the movement are in ``lang``.
    """
    lang = lang or language()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for area, dim in rows(comparison):
        change = dim or area.overall
        writer.writerow(
            cell(v)
            for v in (
                area.overall.id,
                area.overall.name,
                dim.id if dim else None,
                dim.name if dim else None,
                _csv_score(change.baseline),
                _csv_stage(change.baseline),
                _csv_score(change.current),
                _csv_stage(change.current),
                None if change.delta is None else f"{change.delta:.2f}",
                change.stages_moved,
                movement(change, lang),
                int(change.target) if change.target else None,
                change.gap,
            )
        )
    return out.getvalue()


def _csv_score(scored: Scored | None) -> str | None:
    return None if scored is None or scored.score is None else f"{scored.score:.2f}"


def _csv_stage(scored: Scored | None) -> int | None:
    return None if scored is None or scored.stage is None else int(scored.stage)


# ------------------------------------------------------------------------- Markdown


def render_markdown(comparison: Comparison, lang: Language | None = None) -> str:
    """A progress summary for a pull request, a wiki page or a board pack."""
    lang = lang or language()
    _ = lang.gettext
    t = comparison.with_targets
    lines = [
        "## "
        + _("CX maturity: progress since {date}").format(
            date=_long_date(comparison.baseline, lang)
        ),
        "",
        "- " + _("Baseline: {side}").format(side=md(_side_title(comparison.baseline, lang))),
        "- " + _("Current: {side}").format(side=md(_side_title(comparison.current, lang))),
        "",
        *_md_table(_("Department"), t, lang),
    ]
    for area in (comparison.organisation, *comparison.departments):
        name = area.overall.name
        lines.append(
            _md_row(
                f"**{md(name)}**" if area.overall.id == ORGANISATION else md(name),
                area.overall,
                t,
                lang,
            )
        )
    lines += ["", *_md_table(_("Department · dimension"), t, lang)]
    for area, dim in rows(comparison):
        if dim is not None:
            lines.append(_md_row(f"{md(area.overall.name)} · {md(dim.name)}", dim, t, lang))
    for title, items in [*_one_sided(comparison, lang), (_("Warnings"), comparison.warnings)]:
        if items:
            lines += ["", f"**{title}:**", "", *(f"- {md(item)}" for item in items)]
    return "\n".join(lines) + "\n"


def _md_table(first: str, with_targets: bool, lang: Language) -> list[str]:
    _ = lang.gettext
    head = f"| {first} | {_('Baseline')} | {_('Current')} | Δ | {_('Stage movement')} |"
    rule = "|---|---:|---:|---:|---|"
    if with_targets:
        head += f" {_('Target')} | {_('Gap')} |"
        rule += "---|---:|"
    return [head, rule]


def _md_row(where: str, change: Change, with_targets: bool, lang: Language) -> str:
    row = (
        f"| {where} | {_figure(change.baseline, lang)} | {_figure(change.current, lang)} | "
        f"{signed(change.delta, lang)} | {md(movement(change, lang))} |"
    )
    if with_targets:
        row += f" {_target(change.target, lang)} | {_gap(change.gap)} |"
    return row
