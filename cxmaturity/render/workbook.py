"""``score``/``report --format xlsx``: the board's figures as a workbook a client edits.

Sheets: Summary (findings, decisions, caveats), Heatmap (scores coloured by stage with
conditional formatting, so an edited score recolours itself), Intervals, Plan (owners,
horizons and due dates) and Comments (anonymous unless ``--names``; none from a group
under ``--min-group``). Every text goes in with ``write_string``: a comment starting with
``=``, ``+``, ``-`` or ``@`` is text in the sheet, never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from cxmaturity.core.stages import Stage
from cxmaturity.render import charts
from cxmaturity.render.office_view import HeatRow, OfficeView, PlanRow, decision_text

_OPTIONS = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


def render_workbook(view: OfficeView) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, **_OPTIONS})
    st = _styles(book)
    _summary(book.add_worksheet("Summary"), view, st)
    _heatmap(book.add_worksheet("Heatmap"), view, st, book)
    _intervals(book.add_worksheet("Intervals"), view, st)
    _plan(book.add_worksheet("Plan"), view.plan, st)
    _comments(book.add_worksheet("Comments"), view, st)
    book.close()
    return out.getvalue()


def _styles(book: Any) -> dict[str, Any]:
    return {
        "title": book.add_format({"bold": True, "font_size": 16}),
        "h": book.add_format({"bold": True, "font_size": 12}),
        "head": book.add_format(
            {"bold": True, "bg_color": "#E8EEF4", "border": 1, "text_wrap": True}
        ),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "num": book.add_format({"num_format": "0.00"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "muted": book.add_format({"italic": True, "font_color": "#606060"}),
    }


def _text(ws: Any, row: int, col: int, value: str, fmt: Any = None) -> None:
    ws.write_string(row, col, value, fmt) if fmt is not None else ws.write_string(row, col, value)


def _number(ws: Any, row: int, col: int, value: float | int | None, fmt: Any = None) -> None:
    if value is None:
        _text(ws, row, col, "–")
    else:
        ws.write_number(row, col, value, fmt)


def _header(ws: Any, heads: Sequence[str], st: dict[str, Any], row: int = 0) -> None:
    for col, head in enumerate(heads):
        _text(ws, row, col, head, st["head"])


def _summary(ws: Any, view: OfficeView, st: dict[str, Any]) -> None:
    _text(ws, 0, 0, f"{view.organisation}: {view.title}", st["title"])
    _text(ws, 1, 0, f"As of {view.today.isoformat()}", st["muted"])
    row = 3
    _text(ws, row, 0, view.labels["findings"], st["h"])
    for number, (headline, text) in enumerate(view.findings, start=1):
        row += 1
        _text(ws, row, 0, f"{number}. {headline}.", st["wrap"])
        _text(ws, row, 1, text, st["wrap"])
    row += 2
    _text(ws, row, 0, view.labels["decisions"], st["h"])
    for decision in view.decisions:
        row += 1
        _text(ws, row, 0, f"#{decision.rank} {decision_text(decision, view.labels)}", st["wrap"])
        _text(ws, row, 1, f"{decision.accountable}; {decision.cost}", st["wrap"])
    row += 2
    _text(ws, row, 0, view.labels["caveats"], st["h"])
    for caveat in view.caveats:
        row += 1
        _text(ws, row, 0, caveat, st["wrap"])
    ws.set_column(0, 0, 60)
    ws.set_column(1, 1, 90)


def _heatmap(ws: Any, view: OfficeView, st: dict[str, Any], book: Any) -> None:
    words = view.labels
    heads = [words["department"], words["respondents"], words["overall"], *view.heat_columns]
    _header(ws, heads, st)
    rows: list[HeatRow] = [*view.heat_rows, view.heat_total]
    for number, heat in enumerate(rows, start=1):
        _text(ws, number, 0, heat.name)
        _number(ws, number, 1, heat.respondents)
        if heat.cells is None:
            _text(
                ws,
                number,
                2,
                words["too_few"],
                st["muted"],
            )
            continue
        for col, cell in enumerate(heat.cells, start=2):
            _number(ws, number, col, cell.score, st["num"])
    last_row, last_col = len(rows), 2 + len(view.heat_columns)
    for stage in Stage:
        fill, ink = charts.PALETTE[stage]
        fmt = book.add_format({"bg_color": fill, "font_color": ink})
        # The stage is the whole part of the reported (two-decimal) score.
        upper = 6.0 if stage is Stage.EMBED else int(stage) + 0.99
        ws.conditional_format(
            1,
            2,
            last_row,
            last_col,
            {
                "type": "cell",
                "criteria": "between",
                "minimum": int(stage),
                "maximum": upper,
                "format": fmt,
            },
        )
    key = ", ".join(f"{n} {name}" for n, name in view.stage_names.items())
    _text(
        ws,
        last_row + 2,
        0,
        f"Colour by stage: {key}. The stage is the score's whole part.",
        st["muted"],
    )
    if view.shown_note:
        _text(ws, last_row + 3, 0, view.shown_note, st["muted"])
    ws.set_column(0, 0, 30)
    ws.set_column(1, last_col, 14)
    ws.freeze_panes(1, 1)


def _intervals(ws: Any, view: OfficeView, st: dict[str, Any]) -> None:
    _header(ws, ["Name", "Respondents", "Score", "95% low", "95% high", "Stage", "Target"], st)
    for number, item in enumerate(view.intervals, start=1):
        _text(ws, number, 0, item.name)
        _number(ws, number, 1, item.respondents)
        for col, value in enumerate((item.score, item.low, item.high), start=2):
            _number(ws, number, col, value, st["num"])
        _text(ws, number, 5, item.stage)
        _text(ws, number, 6, item.target)
    ws.set_column(0, 0, 30)
    ws.set_column(1, 6, 14)


def _plan(ws: Any, plan: Sequence[PlanRow], st: dict[str, Any]) -> None:
    heads = ["#", "Action", "Dimension", "Departments", "Owner", "Horizon", "Due", "After"]
    _header(ws, heads, st)
    for number, row in enumerate(plan, start=1):
        ws.write_number(number, 0, row.rank)
        for col, value in enumerate(
            (row.action, row.dimension, row.departments, row.owner, row.horizon), start=1
        ):
            _text(ws, number, col, value, st["wrap"])
        ws.write_datetime(number, 6, row.due, st["date"])
        _text(ws, number, 7, row.after)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 7, 18)


def _comments(ws: Any, view: OfficeView, st: dict[str, Any]) -> None:
    heads = ["Department", "Dimension", "Question", "Comment"]
    heads += ["Respondent", "Role"] if view.names else []
    _header(ws, heads, st)
    for number, c in enumerate(view.comments, start=1):
        values = [c.department, c.dimension, c.question, c.text]
        values += [c.respondent, c.role] if view.names else []
        for col, value in enumerate(values):
            _text(ws, number, col, value, st["wrap"])
    note = "Anonymous" if not view.names else "Named (--names)"
    _text(
        ws,
        len(view.comments) + 2,
        0,
        f"{note}; groups under {view.min_group} respondents are left out unless --names.",
        st["muted"],
    )
    ws.set_column(0, 1, 20)
    ws.set_column(2, 3, 60)
