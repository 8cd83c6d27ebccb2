"""From a scored assessment to a PDF pack: the one pipeline ``report`` and ``demo`` share."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from cxmaturity.api import Assessment
from cxmaturity.comparison import Comparison
from cxmaturity.result import Result
from cxmaturity.roadmap import Roadmap, TargetChoice, build_roadmap, with_default_target
from cxmaturity.targets import Targets

Pack = Literal["board", "workshop"]


@dataclass(frozen=True)
class ReportOutcome:
    result: Result
    """The result the report shows, scored against the targets it used."""
    roadmap: Roadmap
    plan: Any
    pages: int

    @property
    def target(self) -> TargetChoice:
        return self.roadmap.target


def _quiet(step: str) -> None:
    del step


def make_report(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    *,
    organisation: str,
    pack: Pack = "board",
    html_out: Path | None = None,
    template_dir: Path | None = None,
    names: bool = False,
    min_group: int = 3,
    today: date | None = None,
    comparison: Comparison | None = None,
    progress: Callable[[str], None] = _quiet,
) -> ReportOutcome:
    """Choose the target, take the plan, render one pack's HTML and write the PDF.

    ``progress`` is told each step as it starts (the CLI shows it on a terminal).
    """
    from cxmaturity.formats.yamlio import write_atomic
    from cxmaturity.render import html, packs, pdf
    from cxmaturity.render.plan_source import plan_for

    dirs = html.template_dirs(template_dir)
    progress("planning")
    result, target = with_default_target(assessment, targets)
    questionnaire = assessment.questionnaire.model
    roadmap = build_roadmap(result, questionnaire, target)
    plan = plan_for(result, questionnaire, target)
    options = packs.Options(organisation, today or date.today(), names, min_group)
    build = packs.board if pack == "board" else packs.workshop
    progress("writing the pages")
    looked_up = None if comparison is None else html.Progress(comparison)
    context = build(result, questionnaire, roadmap, plan, options, looked_up)
    text = html.render_pack(pack, context, template_dir=template_dir, comparison=comparison)
    if html_out is not None:
        write_atomic(html_out, text)
    progress("laying out the PDF")
    pages = pdf.write_pdf(text, out, dirs)
    return ReportOutcome(result, roadmap, plan, pages)
