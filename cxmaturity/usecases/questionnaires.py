"""``questionnaires``, ``export`` and the questionnaire the survey and the workshop ask.

A questionnaire is named by a file or a bundled id; these use cases load it (in the
reader's language) and give the copies ``export`` writes for forms and paper.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cxmaturity.core.errors import UsageError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Department, Questionnaire
from cxmaturity.formats.loading import load_questionnaire

if TYPE_CHECKING:
    from cxmaturity.render.paper import Paper
    from cxmaturity.words.language import Language


def questionnaire(ref: str | Path) -> LoadedQuestionnaire:
    """A questionnaire file, or a bundled one by ``id`` or ``id@version``."""
    return load_questionnaire(ref)


@dataclass(frozen=True)
class Bundled:
    """A bundled questionnaire and the languages it can be read in."""

    questionnaire: Questionnaire
    languages: tuple[tuple[str, float], ...]
    """(language, share of its texts translated), the questionnaire's own language first."""


def bundled() -> Iterator[Bundled]:
    """Every bundled questionnaire, oldest version first, each as soon as it is read."""
    from cxmaturity.formats.loading import bundled_ids
    from cxmaturity.formats.translation_files import languages

    for qid in bundled_ids():
        loaded = load_questionnaire(qid)
        shares = tuple((s.language, s.complete) for s in languages(loaded))
        yield Bundled(loaded.model, shares)


@dataclass(frozen=True)
class Copy:
    """A questionnaire as ``export`` writes it: in the reader's language, for one
    department or (``department`` None) for everyone."""

    questionnaire: Questionnaire
    department: Department | None


def copy_of(
    ref: str, language: str, department_id: str | None, warn: Callable[[str], None]
) -> Copy:
    """The questionnaire ``ref`` in ``language`` (what the translation lacks is said to
    ``warn``), for ``department_id`` or everyone."""
    from cxmaturity.formats.translation_files import localise

    warnings: list[str] = []
    q = localise(load_questionnaire(ref), language, warnings).model
    for warning in warnings:
        warn(warning)
    return Copy(q, chosen_department(q, department_id))


def chosen_department(q: Questionnaire, department_id: str | None) -> Department | None:
    """The department a copy is for, or None for everyone."""
    if department_id is None:
        return None
    department = q.department(department_id)
    if department is None:
        known = ", ".join(d.id for d in q.departments)
        raise UsageError(f"unknown department {department_id!r} (use one of: {known})")
    return department


def csv_template(copy: Copy, headers: Literal["id", "text"]) -> str:
    """The empty CSV an online form's export fills in, for ``import``."""
    from cxmaturity.formats.csvcolumns import template_csv

    return template_csv(copy.questionnaire, copy.department, headers)


def answer_workbook(copy: Copy) -> bytes:
    """The answer-entry workbook with drop-downs, which ``import`` reads back."""
    from cxmaturity.formats.workbook import answer_workbook as workbook

    return workbook(copy.questionnaire, copy.department)


@dataclass(frozen=True)
class ExportOptions:
    """What ``export`` was asked for besides the copy: where it goes and how it reads."""

    lang: Language
    out: Path | None
    """None: standard output (csv and markdown only)."""
    headers: Literal["id", "text"] = "id"
    show_stages: bool = False


@dataclass(frozen=True)
class Exported:
    """One export: ``content`` for the caller to write to ``out`` (or standard output),
    or, for the PDF the writer itself laid out into ``out``, its ``pages``."""

    content: str | bytes | None
    pages: int = 0


def _csv(copy: Copy, options: ExportOptions) -> Exported:
    return Exported(csv_template(copy, options.headers))


def _xlsx(copy: Copy, options: ExportOptions) -> Exported:
    _needs_file(options, "xlsx")
    return Exported(answer_workbook(copy))


def _markdown(copy: Copy, options: ExportOptions) -> Exported:
    from cxmaturity.render.questionnaire_md import render_markdown

    return Exported(render_markdown(_paper(copy, options), options.lang))


def _pdf(copy: Copy, options: ExportOptions) -> Exported:
    from cxmaturity.render.questionnaire_pdf import write_questionnaire_pdf

    out = _needs_file(options, "pdf")
    return Exported(None, write_questionnaire_pdf(_paper(copy, options), out, options.lang.code))


def _paper(copy: Copy, options: ExportOptions) -> Paper:
    from cxmaturity.render.paper import paper

    return paper(copy.questionnaire, copy.department, options.show_stages)


def _needs_file(options: ExportOptions, format: str) -> Path:
    """A workbook or a PDF is never written to a terminal by default: ``-o`` is required."""
    if options.out is None:
        raise UsageError(f"--format {format} needs -o FILE.{format}")
    return options.out


EXPORTS: Mapping[str, Callable[[Copy, ExportOptions], Exported]] = {
    "csv": _csv,
    "markdown": _markdown,
    "pdf": _pdf,
    "xlsx": _xlsx,
}
"""``export``'s writers by format: the CLI looks its ``--format`` up here, once."""
