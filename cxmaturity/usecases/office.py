"""``report --format pptx|xlsx``, ``score --format xlsx``: the board pack for the office.

The deck and the workbook are laid out from the board pack's own context
(``reporting.pack_context``), so they say what the PDF says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.findings import MIN_GROUP
from cxmaturity.core.targets import Targets
from cxmaturity.usecases.assessment import Assessment, assess
from cxmaturity.usecases.reporting import (
    PackOptions,
    ReportOutcome,
    pack_context,
)

if TYPE_CHECKING:
    from cxmaturity.render.office_view import OfficeView


def office(
    paths: Sequence[Path],
    questionnaire: str | None,
    targets: Targets | None,
    out: Path,
    kind: str,
    warn: Callable[[str], None],
    *,
    organisation: str | None = None,
    names: bool = False,
    min_group: int = MIN_GROUP,
    language: str = "en",
    template: Path | None = None,
) -> ReportOutcome:
    """Score the answers and write the board pack as a deck or a workbook."""
    assessment = assess(paths, questionnaire, targets, language)
    for warning in assessment.result.warnings:
        warn(warning)
    return build_office(
        assessment,
        targets,
        out,
        kind,
        organisation=organisation,
        names=names,
        min_group=min_group,
        language=language,
        template=template,
    )


def build_office(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    kind: str,
    *,
    organisation: str | None,
    names: bool = False,
    min_group: int = MIN_GROUP,
    today: date | None = None,
    language: str = "en",
    template: Path | None = None,
) -> ReportOutcome:
    """The board pack's story as an editable deck, or its figures as a workbook.

    Both are laid out from the board pack's own context (``render.office_view``), so they
    say what the PDF says, under the same page bound and small-group rule.
    """
    from cxmaturity.formats.outputs import write_output
    from cxmaturity.render.office_view import office_view
    from cxmaturity.render.pack_models import BoardPack

    options = PackOptions(organisation, names, min_group, today, language)
    shown = pack_context(assessment, targets, "board", options)
    assert isinstance(shown.context, BoardPack)  # the board pack was asked for
    content = OFFICE_WRITERS[kind](office_view(shown.context, shown.lang), template)
    write_output(out, content)
    return ReportOutcome(shown.result, shown.roadmap, shown.plan, 0)


def _deck(view: OfficeView, template: Path | None) -> bytes:
    from cxmaturity.render.deck import render_deck

    return render_deck(view, _read_template(template))


def _workbook(view: OfficeView, template: Path | None) -> bytes:
    from cxmaturity.render.workbook import render_workbook

    del template  # a workbook has no slide master; the CLI refuses --template with xlsx
    return render_workbook(view)


OFFICE_WRITERS: Mapping[str, Callable[[OfficeView, Path | None], bytes]] = {
    "pptx": _deck,
    "xlsx": _workbook,
}
"""The board pack for the office, by ``--format``: ``kind`` is looked up here, once."""


def _read_template(template: Path | None) -> bytes | None:
    """A client's deck whose slide master the deck uses: read as data, never run."""
    if template is None:
        return None
    import zipfile

    from cxmaturity.formats.reading import read_input
    from cxmaturity.formats.sheets import check_unzipped_size

    raw = read_input(template, 50 << 20)
    try:
        names = check_unzipped_size(raw, template)
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
    if "ppt/presentation.xml" not in names:
        raise InvalidFileError("--template: not a PowerPoint deck (.pptx)", template)
    return raw
