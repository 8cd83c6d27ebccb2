"""``validate --require-evidence``: answers claimed without evidence, and old evidence."""

from __future__ import annotations

from datetime import date

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.evidence import missing_evidence, stale_evidence
from cxmaturity.core.loaded import AnswerSet
from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import located
from cxmaturity.formats.yamlio import Document


def check_evidence(
    doc: Document, answer_set: AnswerSet, rule: tuple[Stage | None, date], warnings: list[str]
) -> None:
    """Warn of evidence older than a year; raise at the first answer at or above the
    required stage with none (one located line, saying how many more)."""
    required, today = rule
    for _, question, when in stale_evidence([answer_set], today):
        line, _column = doc.locate(("answers", question))
        warnings.append(
            f"{doc.path}:{line}: evidence for {question} is dated {when.isoformat()}, more than "
            "a year ago"
        )
    if required is None:
        return
    missing = missing_evidence([answer_set], required)
    if missing:
        first = missing[0]
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        message = (
            f"{first.question}: stage {first.stage} with no evidence; --require-evidence "
            f"{required.key} asks for evidence at {required.label} and above{more}"
        )
        raise located(doc, ("answers", first.question), message, InvalidFileError)
