"""What phones post, parsed and checked before anything is written."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.errors import UsageError
from cxmaturity.core.evidence import Evidence, parse_evidence
from cxmaturity.core.marks import N_
from cxmaturity.core.model import MAX_NAME
from cxmaturity.core.stages import NOT_APPLICABLE, UNKNOWN, parse_stage
from cxmaturity.web.refused import Refused


def parse_value(value: str) -> AnswerValue | None:
    """A posted answer: 1-6, unknown or n/a; empty means "keep what is there"."""
    if value == "":
        return None
    if value == UNKNOWN:
        return AnswerValue(status="unknown")
    if value == NOT_APPLICABLE:
        return AnswerValue(status="n/a")
    stage = parse_stage(value) if value.isdigit() and len(value) == 1 else None
    if stage is None:
        raise Refused(
            400, N_("{value} is not an answer: use 1-6, unknown or n/a."), value=repr(value[:20])
        )
    return AnswerValue(stage=stage, status="stage")


def evidence_of(fields: dict[str, str]) -> Evidence | None:
    """Evidence from the phone's form; an empty link or file name means none."""
    if not fields.get("ref", "").strip():
        return None
    try:
        return parse_evidence({k: v for k, v in fields.items() if v.strip()})
    except PydanticCustomError as exc:
        raise Refused(400, N_("The evidence is not right: {problem}."), problem=str(exc)) from None


def name_refused(exc: UsageError) -> Refused:
    # make_respondent speaks to the command line; the page says the same in its reader's words.
    if "empty" in exc.message:
        return Refused(400, N_("Your name is empty: give your name, or tick “Answer anonymously”."))
    return Refused(400, N_("Your name is too long: {limit} characters at most."), limit=MAX_NAME)


def clean_comment(text: str | None) -> str | None:
    return clean_text(text or "").strip() or None
