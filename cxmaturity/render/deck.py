"""``report --format pptx``: the board pack's story as a deck the consultant edits.

Slides: title, findings, the decisions, the heatmap (a native table, each cell filled by
its stage), the departments (a native bar chart), the roadmap (a native chart of actions
per horizon and the ordered steps), caveats. The content is ``office_view``'s, read off
the board pack's context: the same findings, the same chosen departments and dimensions,
small groups never shown on their own. With a template deck, its slide master and layouts
are used and its own slides dropped; the template is parsed as data, nothing in it runs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from cxmaturity.render.board_story import DecisionRow
from cxmaturity.render.office_view import OfficeView, PlanRow, decision_text

ROADMAP_ROWS = 5
"""Steps per roadmap slide: the board's 15 fit three slides at a readable size."""
_WIDE = (12_192_000, 6_858_000)
"""16:9 in EMU, for the deck made without a template."""


def render_deck(view: OfficeView, template: bytes | None = None) -> bytes:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(template)) if template else Presentation()
    if template:
        _drop_slides(prs)
    else:
        from pptx.util import Emu

        prs.slide_width, prs.slide_height = Emu(_WIDE[0]), Emu(_WIDE[1])
    _title(prs, view)
    _bullets(prs, view.labels["findings"], [f"{h}. {t}" for h, t in view.findings], bold_until=". ")
    _table_slide(prs, view.labels["decisions"], *_decision_rows(view.decisions, view.labels))
    _heatmap(prs, view)
    _departments(prs, view)
    _roadmap_chart(prs, view)
    for start in range(0, len(view.plan), ROADMAP_ROWS):
        chunk = view.plan[start : start + ROADMAP_ROWS]
        part = f" ({start // ROADMAP_ROWS + 1})" if len(view.plan) > ROADMAP_ROWS else ""
        _table_slide(prs, f"{view.labels['roadmap']}{part}", *_roadmap_rows(chunk, view.labels))
    if view.caveats:
        _bullets(prs, view.labels["caveats"], list(view.caveats))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _drop_slides(prs: Any) -> None:
    """Keep the template's masters and layouts, not its example slides."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


def _layout(prs: Any, *names: str) -> Any:
    """A layout by name (a client's master names its own), else the one with a title."""
    layouts = list(prs.slide_layouts)
    for name in names:
        for layout in layouts:
            if layout.name.casefold() == name.casefold():
                return layout
    with_title = [
        lay for lay in layouts if any(p.placeholder_format.type == 1 for p in lay.placeholders)
    ]
    return (with_title or layouts)[min(5, len(with_title or layouts) - 1)]


def _slide(prs: Any, title: str) -> Any:
    slide = prs.slides.add_slide(_layout(prs, "Title Only", "Title and Content"))
    heading = slide.shapes.title
    if heading is not None:
        heading.text = title
        # Over the body's width: a layout drawn for 4:3 would wrap a title on a 16:9 slide.
        left, _, width, _ = _body(prs)
        heading.left, heading.width = left, width
        heading.top, heading.height = int(prs.slide_height * 0.03), int(prs.slide_height * 0.14)
    for placeholder in list(slide.placeholders):
        if placeholder.placeholder_format.idx != 0:
            placeholder._element.getparent().remove(placeholder._element)
    return slide


def _body(prs: Any) -> tuple[int, int, int, int]:
    """Left, top, width, height of the area under the title."""
    width, height = prs.slide_width, prs.slide_height
    return int(width * 0.05), int(height * 0.2), int(width * 0.9), int(height * 0.74)


def _title(prs: Any, view: OfficeView) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Slide"))
    if slide.shapes.title is not None:
        slide.shapes.title.text = view.organisation
    subtitle = [p for p in slide.placeholders if p.placeholder_format.idx == 1]
    if subtitle:
        subtitle[0].text = f"{view.title}\n{view.today.isoformat()}"


def _bullets(prs: Any, title: str, items: Sequence[str], bold_until: str | None = None) -> None:
    from pptx.util import Pt

    slide = _slide(prs, title)
    box = slide.shapes.add_textbox(*_body(prs))
    frame = box.text_frame
    frame.word_wrap = True
    size = Pt(16 if len(items) <= 4 else 14)
    for index, item in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(8)
        head, _, rest = item.partition(bold_until) if bold_until else ("", "", item)
        if head:
            run = paragraph.add_run()
            run.text, run.font.bold, run.font.size = head + bold_until, True, size  # type: ignore[operator]
        run = paragraph.add_run()
        run.text, run.font.size = rest, size


def _decision_rows(
    rows: Sequence[DecisionRow], words: dict[str, str]
) -> tuple[list[str], list[list[str]]]:
    """The board pack's decisions table: the ask with its 90-day milestone and KPI, who is
    accountable, and the cost band."""
    heads = ["#", words["decision"], words["accountable"], words["cost"]]
    return heads, [[str(r.rank), decision_text(r, words), r.accountable, r.cost] for r in rows]


def _roadmap_rows(
    rows: Sequence[PlanRow], words: dict[str, str]
) -> tuple[list[str], list[list[str]]]:
    heads = ["#", words["step"], words["dimension"], words["departments"], words["owner"]]
    heads += [words["horizon"], "After"]
    return heads, [
        [str(r.rank), r.action, r.dimension, r.departments, r.owner, r.horizon, r.after]
        for r in rows
    ]


def _table_slide(prs: Any, title: str, heads: list[str], rows: list[list[str]]) -> None:
    from pptx.util import Pt

    slide = _slide(prs, title)
    if not rows:
        box = slide.shapes.add_textbox(*_body(prs))
        box.text_frame.text = "No actions: every dimension with a score has reached its target."
        return
    left, top, width, _ = _body(prs)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(heads), left, top, width, Pt(24) * (len(rows) + 1)
    )
    table = shape.table
    for col, head in enumerate(heads):
        _cell_text(table.cell(0, col), head, Pt(11), bold=True)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            _cell_text(table.cell(r, col), value, Pt(10))
    _widths(table, width, [0.05, 0.45] + [0.5 / (len(heads) - 2)] * (len(heads) - 2))


def _widths(table: Any, width: int, shares: Sequence[float]) -> None:
    for column, share in zip(table.columns, shares, strict=False):
        column.width = int(width * share)


def _cell_text(cell: Any, text: str, size: Any, bold: bool = False, ink: str | None = None) -> None:
    from pptx.dml.color import RGBColor

    cell.text = text
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = size, bold
            if ink is not None:
                run.font.color.rgb = RGBColor.from_string(ink.lstrip("#"))


def _heatmap(prs: Any, view: OfficeView) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    slide = _slide(prs, view.labels["heatmap"])
    left, top, width, height = _body(prs)
    heads = [view.labels["department"], view.labels["overall"], *view.heat_columns]
    rows = [*view.heat_rows, view.heat_total]
    shape = slide.shapes.add_table(len(rows) + 1, len(heads), left, top, width, int(height * 0.8))
    table = shape.table
    size = Pt(9 if len(heads) > 8 else 11)
    for col, head in enumerate(heads):
        _cell_text(table.cell(0, col), head, size, bold=True)
    for r, row in enumerate(rows, start=1):
        label = row.name if row.respondents is None else f"{row.name} ({row.respondents})"
        _cell_text(table.cell(r, 0), label, size, bold=row.respondents is None)
        if row.cells is None:
            merged = table.cell(r, 1)
            merged.merge(table.cell(r, len(heads) - 1))
            _cell_text(
                merged,
                view.labels["too_few"],
                size,
            )
            continue
        for col, cell in enumerate(row.cells, start=1):
            target = table.cell(r, col)
            target.fill.solid()
            target.fill.fore_color.rgb = RGBColor.from_string(cell.fill.lstrip("#"))
            _cell_text(target, cell.text, size, ink=cell.ink)
    _widths(table, width, [0.2] + [0.8 / (len(heads) - 1)] * (len(heads) - 1))
    key = ", ".join(f"{n} {name}" for n, name in view.stage_names.items())
    note = f"Colour by stage: {key}. ≈ borderline, ± respondents two or more stages apart."
    _note(slide, prs, " ".join([note, view.shown_note]).strip())


def _note(slide: Any, prs: Any, text: str) -> None:
    from pptx.util import Pt

    left, _, width, _ = _body(prs)
    box = slide.shapes.add_textbox(left, int(prs.slide_height * 0.92), width, Pt(20))
    box.text_frame.text = text
    box.text_frame.word_wrap = True
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(9)


def _departments(prs: Any, view: OfficeView) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    slide = _slide(prs, "Departments: overall score")
    if not view.chart:
        _note(slide, prs, f"No department has {view.min_group} or more respondents to show.")
        return
    data = CategoryChartData()
    data.categories = [name for name, _ in view.chart]
    data.add_series("Score", [score for _, score in view.chart])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *_body(prs), data)
    chart = frame.chart
    chart.has_legend = False
    chart.has_title = False
    chart.category_axis.reverse_order = True  # top to bottom, as the board's table
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = 0, 6, 1
    chart.plots[0].has_data_labels = True
    chart.plots[0].data_labels.number_format = "0.00"
    chart.plots[0].data_labels.number_format_is_linked = False
    _note(
        slide, prs, "Scores from 1 (Ignore) to 6 (Embed); groups under the minimum are not shown."
    )


def _roadmap_chart(prs: Any, view: OfficeView) -> None:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

    slide = _slide(prs, "Roadmap: steps per horizon")
    horizons = list(dict.fromkeys(r.horizon for r in view.plan))
    dimensions = list(dict.fromkeys(r.dimension for r in view.plan))
    if not horizons:
        _note(slide, prs, "The plan has no actions.")
        return
    data = CategoryChartData()
    data.categories = horizons
    for dimension in dimensions:
        counts = [
            sum(1 for r in view.plan if r.horizon == h and r.dimension == dimension)
            for h in horizons
        ]
        data.add_series(dimension, counts)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, *_body(prs), data)
    chart = frame.chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
