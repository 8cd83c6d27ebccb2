"""Presenting a Comparison: a Rich table, JSON, CSV and Markdown. Nothing is recomputed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cxmaturity.comparison import ORGANISATION, AreaChange, Change, Comparison, Scored, Side
from cxmaturity.render.markdown import md
from cxmaturity.render.numbers import cell, fixed, signed, stamp
from cxmaturity.stages import Stage

COMPARISON_FORMAT = "cxmaturity.comparison/1"


def side_date(side: Side) -> str:
    """The date a side stands for, e.g. ``2026-11-05``, or ``undated``."""
    return side.updated.date().isoformat() if side.updated else "undated"


def _side_title(side: Side) -> str:
    versions = ", ".join(side.versions)
    return (
        f"{side.label} ({side_date(side)}, {side.respondents} respondents, "
        f"{side.questionnaire_id} {versions})"
    )


def _figure(scored: Scored | None) -> str:
    if scored is None:
        return "absent"
    if scored.score is None or scored.stage is None:
        return "undefined"
    return f"{scored.score:.2f} {scored.stage.label}"


def _score(scored: Scored | None) -> str:
    if scored is None:
        return "absent"
    return fixed(scored.score)


def _target(stage: Stage | None) -> str:
    return stage.label if stage else "–"


def _gap(value: int | None) -> str:
    return "–" if value is None else str(value)


def rows(comparison: Comparison) -> Iterator[tuple[AreaChange, Change | None]]:
    """Every change in reading order: organisation first, each area then its dimensions."""
    for area in (comparison.organisation, *comparison.departments):
        yield area, None
        for dim in area.dimensions:
            yield area, dim


# ---------------------------------------------------------------------------- table


def render_table(comparison: Comparison) -> RenderableType:
    heading = Text.assemble(
        ("Progress since ", "bold"),
        (side_date(comparison.baseline), "bold"),
        "\n",
        ("baseline: ", "dim"),
        _side_title(comparison.baseline),
        "\n",
        ("current:  ", "dim"),
        _side_title(comparison.current),
    )
    areas = _table("Organisation and departments", "Department", comparison.with_targets)
    for area in (comparison.organisation, *comparison.departments):
        areas.add_row(*_table_row(area.overall.name, area.overall, comparison.with_targets))
    dims = _table("By dimension", "Dimension", comparison.with_targets)
    for area, dim in rows(comparison):
        if dim is None:
            dims.add_section()
            dims.add_row(Text(area.overall.name, style="bold"))
        else:
            dims.add_row(*_table_row(f"  {dim.name}", dim, comparison.with_targets))
    parts: list[RenderableType] = [heading, areas, dims, *_one_sided_texts(comparison)]
    return Group(*parts)


def _table(title: str, first: str, with_targets: bool) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(first, no_wrap=True)
    table.add_column("Baseline", justify="right")
    table.add_column("Current", justify="right")
    table.add_column("Δ", justify="right")
    table.add_column("Stage movement", no_wrap=True)
    if with_targets:
        table.add_column("Target")
        table.add_column("Gap", justify="right")
    return table


def _table_row(where: str, change: Change, with_targets: bool) -> list[RenderableType]:
    style = "green" if (change.delta or 0) > 0 else "red" if (change.delta or 0) < 0 else ""
    row: list[RenderableType] = [
        Text(where),
        Text(_score(change.baseline)),
        Text(_score(change.current)),
        Text(signed(change.delta), style=style),
        Text(change.movement),
    ]
    if with_targets:
        row += [Text(_target(change.target)), Text(_gap(change.gap))]
    return row


def _one_sided_texts(comparison: Comparison) -> list[Text]:
    texts = []
    for title, items in (
        ("Only in the baseline", comparison.only_in_baseline),
        ("Only in the current side", comparison.only_in_current),
    ):
        if items:
            texts.append(Text(f"{title}: {', '.join(items)}"))
    return texts


# ----------------------------------------------------------------------------- JSON


def _side_data(side: Side) -> dict[str, Any]:
    return {
        "source": side.label,
        "kind": side.kind,
        "date": stamp(side.updated),
        "respondents": side.respondents,
        "questionnaire": {
            "id": side.questionnaire_id,
            "versions": list(side.versions),
            "sha256": side.sha256,
        },
    }


def _scored_data(scored: Scored | None) -> dict[str, Any] | None:
    if scored is None:
        return None
    return {
        "score": scored.score,
        "stage": int(scored.stage) if scored.stage else None,
        "stage_name": scored.stage.label if scored.stage else None,
    }


def _change_data(change: Change, with_targets: bool) -> dict[str, Any]:
    data = {
        "id": change.id,
        "name": change.name,
        "baseline": _scored_data(change.baseline),
        "current": _scored_data(change.current),
        "delta": change.delta,
        "stages_moved": change.stages_moved,
        "movement": change.movement,
    }
    if with_targets:
        data |= {"target": int(change.target) if change.target else None, "gap": change.gap}
    return data


def _area_data(area: AreaChange, with_targets: bool) -> dict[str, Any]:
    return {
        **_change_data(area.overall, with_targets),
        "dimensions": [_change_data(d, with_targets) for d in area.dimensions],
    }


def to_data(comparison: Comparison) -> dict[str, Any]:
    """The ``cxmaturity.comparison/1`` structure."""
    t = comparison.with_targets
    return {
        "format": COMPARISON_FORMAT,
        "baseline": _side_data(comparison.baseline),
        "current": _side_data(comparison.current),
        "organisation": _area_data(comparison.organisation, t),
        "departments": [_area_data(area, t) for area in comparison.departments],
        "only_in_baseline": list(comparison.only_in_baseline),
        "only_in_current": list(comparison.only_in_current),
        "warnings": list(comparison.warnings),
    }


def render_json(comparison: Comparison) -> str:
    return json.dumps(to_data(comparison), indent=2, ensure_ascii=False) + "\n"


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


def render_csv(comparison: Comparison) -> str:
    """One row per area (dimension blank) and per area x dimension; organisation first."""
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
                change.movement,
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


def render_markdown(comparison: Comparison) -> str:
    """A progress summary for a pull request, a wiki page or a board pack."""
    t = comparison.with_targets
    lines = [
        f"## CX maturity: progress since {side_date(comparison.baseline)}",
        "",
        f"- Baseline: {md(_side_title(comparison.baseline))}",
        f"- Current: {md(_side_title(comparison.current))}",
        "",
        *_md_table("Department", t),
    ]
    for area in (comparison.organisation, *comparison.departments):
        name = area.overall.name
        lines.append(
            _md_row(
                f"**{md(name)}**" if area.overall.id == ORGANISATION else md(name),
                area.overall,
                t,
            )
        )
    lines += ["", *_md_table("Department · dimension", t)]
    for area, dim in rows(comparison):
        if dim is not None:
            lines.append(_md_row(f"{md(area.overall.name)} · {md(dim.name)}", dim, t))
    for title, items in (
        ("Only in the baseline", comparison.only_in_baseline),
        ("Only in the current side", comparison.only_in_current),
        ("Warnings", comparison.warnings),
    ):
        if items:
            lines += ["", f"**{title}:**", "", *(f"- {md(item)}" for item in items)]
    return "\n".join(lines) + "\n"


def _md_table(first: str, with_targets: bool) -> list[str]:
    head = f"| {first} | Baseline | Current | Δ | Stage movement |"
    rule = "|---|---:|---:|---:|---|"
    if with_targets:
        head += " Target | Gap |"
        rule += "---|---:|"
    return [head, rule]


def _md_row(where: str, change: Change, with_targets: bool) -> str:
    row = (
        f"| {where} | {_figure(change.baseline)} | {_figure(change.current)} | "
        f"{signed(change.delta)} | {md(change.movement)} |"
    )
    if with_targets:
        row += f" {_target(change.target)} | {_gap(change.gap)} |"
    return row
