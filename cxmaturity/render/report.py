"""From a scored assessment to report.pdf: the one pipeline ``report`` and ``demo`` share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cxmaturity.api import Assessment
from cxmaturity.comparison import Comparison
from cxmaturity.result import Result
from cxmaturity.roadmap import Roadmap, TargetChoice, build_roadmap, with_default_target
from cxmaturity.targets import Targets


@dataclass(frozen=True)
class ReportOutcome:
    result: Result
    """The result the report shows, scored against the targets it used."""
    roadmap: Roadmap
    pages: int

    @property
    def target(self) -> TargetChoice:
        return self.roadmap.target


def make_report(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    *,
    organisation: str,
    html_out: Path | None = None,
    template_dir: Path | None = None,
    anonymous: bool = False,
    today: date | None = None,
    comparison: Comparison | None = None,
) -> ReportOutcome:
    """Choose the target, plan the next steps, render the HTML and write the PDF.

    With a ``comparison`` of a baseline against this assessment, the report also shows
    the progress made since the baseline.
    """
    from cxmaturity.formats.yamlio import write_atomic
    from cxmaturity.render import html, pdf

    dirs = html.template_dirs(template_dir)
    result, target = with_default_target(assessment, targets)
    roadmap = build_roadmap(result, assessment.questionnaire.model, target)
    text = html.render_report(
        result,
        assessment.questionnaire.model,
        roadmap,
        organisation=organisation,
        anonymous=anonymous,
        template_dir=template_dir,
        today=today,
        comparison=comparison,
    )
    if html_out is not None:
        write_atomic(html_out, text)
    pages = pdf.write_pdf(text, out, dirs)
    return ReportOutcome(result, roadmap, pages)
