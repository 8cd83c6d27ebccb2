"""``report``: the answers scored once, aimed at a target, planned once and written as a pack.

``report`` is the command's whole use case; ``build_report`` writes one pack from an
assessment already in hand (the demo writes both packs from one). ``pack_context`` is what
the PDF, the deck and the workbook are all laid out from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cxmaturity.core.findings import MIN_GROUP
from cxmaturity.core.plan import Plan
from cxmaturity.core.result import Result
from cxmaturity.core.targets import Targets
from cxmaturity.usecases.assessment import Assessment, assess

if TYPE_CHECKING:
    from cxmaturity.core.comparison import Comparison
    from cxmaturity.core.roadmap import Roadmap, TargetChoice
    from cxmaturity.render.pack_models import BoardPack, WorkshopPack
    from cxmaturity.words.language import Language

PackKind = Literal["board", "workshop"]


@dataclass(frozen=True)
class ReportOutcome:
    result: Result
    """The result the report shows, aimed at the targets it used."""
    roadmap: Roadmap
    plan: Plan
    pages: int
    warnings: tuple[str, ...] = ()
    """Texts with characters the report's fonts cannot draw, one line each."""

    @property
    def target(self) -> TargetChoice:
        return self.roadmap.target


@dataclass(frozen=True)
class ReportRequest:
    """What ``cxmaturity report`` was asked for, its options already checked."""

    paths: Sequence[Path]
    out: Path
    organisation: str | None = None
    """None: the reader's word for "The organisation", and no name on the cover."""
    questionnaire: str | None = None
    targets: Targets | None = None
    pack: PackKind = "board"
    html_out: Path | None = None
    template_dir: Path | None = None
    names: bool = False
    min_group: int = MIN_GROUP
    baseline: Path | None = None
    language: str = "en"
    quotes: tuple[str, ...] = ()
    raw: bool = False


def _quiet(step: str) -> None:
    del step


def report(
    request: ReportRequest,
    warn: Callable[[str], None],
    progress: Callable[[str, int], None],
) -> ReportOutcome:
    """Score the answers once, compare them with the baseline if any, and write the pack.

    ``warn`` is told the scoring's warnings (or the comparison's, which include them)
    before the pack is made; ``progress`` each step as it starts, with the respondents.
    """
    from cxmaturity.usecases.comparing import compare_with_baseline

    assessment = assess(
        request.paths, request.questionnaire, request.targets, request.language, raw=request.raw
    )
    # Read before rendering, so a broken baseline fails fast and nothing is written.
    comparison = (
        None
        if request.baseline is None
        else compare_with_baseline(request.baseline, assessment, request.questionnaire)
    )
    # The comparison's warnings include the current side's, marked "current:".
    for warning in assessment.result.warnings if comparison is None else comparison.warnings:
        warn(warning)
    respondents = len(assessment.result.respondents)
    # Scored once: the report only aims this result at a default target when none was set.
    return build_report(
        assessment,
        request.targets,
        request.out,
        organisation=request.organisation,
        pack=request.pack,
        html_out=request.html_out,
        template_dir=request.template_dir,
        names=request.names,
        min_group=request.min_group,
        comparison=comparison,
        progress=lambda step: progress(step, respondents),
        language=request.language,
        quotes=request.quotes,
    )


def organisation_name(given: str | None, language: str) -> str:
    """The name on the cover: the one given, or the reader's word for "The organisation"."""
    if given is not None:
        return given
    from cxmaturity.words.language import language as reader

    return reader(language).gettext("The organisation")


def quote_ids(path: Path | None) -> list[str]:
    """The ids in a quotes file: one a line; blank lines and ``#`` comments skipped."""
    if path is None:
        return []
    from cxmaturity.formats.reading import read_text

    lines = (line.split("#", 1)[0].strip() for line in read_text(path, 1024 * 1024).splitlines())
    return [line for line in lines if line]


def build_report(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    *,
    organisation: str | None,
    pack: PackKind = "board",
    html_out: Path | None = None,
    template_dir: Path | None = None,
    names: bool = False,
    min_group: int = MIN_GROUP,
    today: date | None = None,
    comparison: Comparison | None = None,
    progress: Callable[[str], None] = _quiet,
    language: str = "en",
    quotes: tuple[str, ...] = (),
) -> ReportOutcome:
    """Choose the target, take the plan, render one pack's HTML and write the PDF.

    ``assessment`` must have been scored against ``targets``; the report only aims it at a
    default target when none was set, so its warnings are those of the one scoring pass.
    With a ``comparison`` of a baseline against this assessment, the pack also shows the
    progress made since the baseline. ``progress`` is told each step as it starts.
    """
    from cxmaturity.formats.outputs import write_output
    from cxmaturity.render import glyphs, html, pdf

    dirs = html.template_dirs(template_dir)
    progress("planning")
    options = PackOptions(organisation, names, min_group, today, language, quotes)
    shown = pack_context(assessment, targets, pack, options, comparison)
    progress("writing the pages")
    text = html.render_pack(pack, shown.context, template_dir=template_dir, lang=shown.lang)
    if html_out is not None:
        write_output(html_out, text)
    # Said, never dropped: WeasyPrint would draw a character no font has as an empty box.
    undrawn = glyphs.report_warnings(text)
    progress("laying out the PDF")
    pages = pdf.write_pdf(text, out, dirs)
    return ReportOutcome(shown.result, shown.roadmap, shown.plan, pages, tuple(undrawn))


@dataclass(frozen=True)
class PackOptions:
    organisation: str | None
    """None: no name given; the cover says "Board pack" and the text the reader's word for
    "The organisation"."""
    names: bool = False
    min_group: int = MIN_GROUP
    today: date | None = None
    language: str = "en"
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PackContext:
    """One pack's context, and what it was made from."""

    result: Result
    roadmap: Roadmap
    plan: Plan
    context: BoardPack | WorkshopPack
    """The board's or the workshop's view model, which the templates read."""
    lang: Language


def pack_context(
    assessment: Assessment,
    targets: Targets | None,
    pack: PackKind,
    options: PackOptions,
    comparison: Comparison | None = None,
) -> PackContext:
    """One pack's context: the result aimed at its target, the roadmap and the plan, the
    plan built once for both, and for the board its schedule and decisions, timed once from
    that plan. The pack looks the ``comparison`` up once, without the departments it hides."""
    from cxmaturity.core.roadmap import build_roadmap
    from cxmaturity.render import packs
    from cxmaturity.usecases.consensus_round import claims_view, consensus_view
    from cxmaturity.usecases.planning import aimed, scheduled
    from cxmaturity.words.language import language as reader

    questionnaire = assessment.questionnaire.model
    found = aimed(assessment.result, targets, questionnaire)
    result, plan = found.result, found.plan
    roadmap = build_roadmap(result, questionnaire, found.target, found.every_step)
    lang = reader(options.language)
    today = options.today or date.today()
    chosen = packs.Options(
        organisation_name(options.organisation, options.language),
        today,
        options.names,
        options.min_group,
        lang,
        options.quotes,
        org_named=options.organisation is not None,
    )
    agreed = consensus_view(assessment, result, options.min_group, lang)
    evidence = claims_view(assessment, today)
    context: BoardPack | WorkshopPack
    if pack == "board":
        steps = scheduled(found, questionnaire, options.min_group)
        context = packs.board(
            result,
            questionnaire,
            roadmap,
            plan,
            chosen,
            comparison,
            timed=steps.schedule,
            asks=steps.asks,
            consensus_view=agreed,
            claims=evidence,
        )
    else:
        context = packs.workshop(
            result,
            questionnaire,
            roadmap,
            plan,
            chosen,
            comparison,
            consensus_view=agreed,
            claims=evidence,
        )
    return PackContext(result, roadmap, plan, context, lang)
