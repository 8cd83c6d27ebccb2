"""``import``: a survey tool's export turned into one answer file per respondent.

The whole export is checked first and every file worked out; nothing is written unless
every row is valid, and a failed write undoes what the run wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cxmaturity.core.errors import UsageError
from cxmaturity.usecases.questionnaires import questionnaire as load

if TYPE_CHECKING:
    from cxmaturity.formats.importfiles import ImportPlan


def import_answers(
    file: Path,
    questionnaire: str,
    out_dir: Path,
    *,
    tool: str | None = None,
    timezone: str | None = None,
    partial: Literal["import", "skip"] = "import",
    overwrite: bool = False,
    dry_run: bool = False,
    note: Callable[[str], None],
    warn: Callable[[str], None],
) -> ImportPlan:
    """Plan the answer files of ``file`` and, unless ``dry_run``, write them.

    ``note`` is told what was recognised and how it was used, ``warn`` what looks wrong,
    both before anything is written. The plan says what each file became.
    """
    from cxmaturity.formats.csvimport import plan_import, write_plan
    from cxmaturity.formats.stamps import zone

    try:
        given_zone = None if timezone is None else zone(timezone)
    except ValueError as exc:
        raise UsageError(f"--timezone: {exc}") from None
    plan = plan_import(
        file,
        load(questionnaire),
        out_dir,
        overwrite,
        tool=tool,
        timezone=given_zone,
        partial=partial,
    )
    for told in plan.notes:
        note(told)
    for warning in plan.warnings:
        warn(warning)
    if not dry_run:
        write_plan(plan)
    return plan
