"""The printable questionnaire as HTML and PDF, through the report's Jinja and PDF steps."""

from __future__ import annotations

from pathlib import Path

from cxmaturity.render.paper import INSTRUCTIONS, Paper
from cxmaturity.render.questionnaire_md import BOX

TEMPLATE = "questionnaire.html.j2"


def render_html(sheet: Paper, code: str = "en") -> str:
    """The questionnaire's HTML in the language ``code``; a string, nothing written."""
    from cxmaturity.render.html import render_template

    return render_template(
        TEMPLATE,
        code=code,
        q=sheet.questionnaire,
        department=sheet.department,
        sheet=sheet,
        box=BOX,
        instructions=INSTRUCTIONS,
    )


def write_questionnaire_pdf(sheet: Paper, out: Path, code: str = "en") -> int:
    """Write the PDF atomically; returns its page count."""
    from cxmaturity.render.html import template_dirs
    from cxmaturity.render.pdf import write_pdf

    return write_pdf(render_html(sheet, code), out, template_dirs())
