"""Typed data: answer files, as pydantic v2 models.

An answer is read from any of the forms people write (1-6, a stage name, unknown, n/a, with
or without a comment and evidence) and normalised to one ``AnswerValue``; ``to_data`` writes
the compact form back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from cxmaturity.core.cleaning import clean_text, name_key
from cxmaturity.core.evidence import Evidence, parse_evidence
from cxmaturity.core.format_ids import (
    AnswersId,
)
from cxmaturity.core.model import COMMENT_MAX, MAX_ANSWERS, STAGE_WORDS, Id, Line, Model
from cxmaturity.core.stages import (
    NOT_APPLICABLE,
    UNKNOWN,
    Stage,
    parse_answer_word,
)


class AnswerValue(BaseModel):
    """One answer, normalised: a stage, or unknown / n/a / none yet, with an optional comment."""

    model_config = ConfigDict(frozen=True)

    stage: Stage | None = None
    status: Literal["stage", "unknown", "n/a", "unanswered"] = "unanswered"
    comment: str | None = None
    evidence: Evidence | None = None

    @property
    def answered(self) -> bool:
        return self.status == "stage"

    def to_data(self) -> Any:
        """The compact form written to answer files."""
        plain: Any = int(self.stage) if self.stage is not None else self.status
        if self.comment is None and self.evidence is None:
            return plain
        data: dict[str, Any] = {} if self.status == "unanswered" else {"stage": plain}
        if self.comment is not None:
            data["comment"] = self.comment
        if self.evidence is not None:
            data["evidence"] = self.evidence.to_data()
        return data


_ANSWER_HINT = f"use 1-6, a stage name ({STAGE_WORDS}), {UNKNOWN} or {NOT_APPLICABLE}"


def _parse_plain_answer(value: Any) -> AnswerValue:
    stage = parse_answer_word(value)
    if stage == UNKNOWN:
        return AnswerValue(status="unknown")
    if stage == NOT_APPLICABLE:
        return AnswerValue(status="n/a")
    if not isinstance(stage, Stage):
        raise PydanticCustomError(
            "answer",
            "{value} is not an answer: {hint}",
            {"value": _shown(value), "hint": _ANSWER_HINT},
        )
    return AnswerValue(stage=stage, status="stage")


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower()


def _common_answers() -> dict[int | str, AnswerValue]:
    common: dict[int | str, AnswerValue] = {
        int(stage): AnswerValue(stage=stage, status="stage") for stage in Stage
    }
    common |= {stage.key: common[int(stage)] for stage in Stage}
    common |= {UNKNOWN: AnswerValue(status="unknown"), NOT_APPLICABLE: AnswerValue(status="n/a")}
    return common


# Answers are immutable, so the few plain spellings that make up nearly every file share
# one instance each; this keeps validating a large batch of files cheap.
_COMMON = _common_answers()


def _parse_answer(value: Any) -> AnswerValue:
    kind = type(value)
    if kind is int or kind is str:  # not bool: True == 1 would find stage 1
        common = _COMMON.get(value)
        if common is not None:
            return common
    if not isinstance(value, dict):
        return _parse_plain_answer(value)
    unknown = set(value) - {"stage", "comment", "evidence"}
    if unknown:
        raise PydanticCustomError(
            "answer",
            "unknown key {key}: an answer takes stage, comment and evidence",
            {"key": repr(sorted(map(str, unknown))[0])},
        )
    comment = value.get("comment")
    if comment is not None and not isinstance(comment, str):
        raise PydanticCustomError("answer", "comment must be text")
    if comment is not None and len(comment) > COMMENT_MAX:
        raise PydanticCustomError(
            "answer",
            "the comment is {length} characters long; the limit is {limit}",
            {"length": f"{len(comment):,}", "limit": f"{COMMENT_MAX:,}"},
        )
    base = _parse_plain_answer(value["stage"]) if "stage" in value else AnswerValue()
    evidence = parse_evidence(value["evidence"]) if value.get("evidence") is not None else None
    comment = clean_text(comment or "").strip() or None
    return base.model_copy(update={"comment": comment, "evidence": evidence})


_ANSWER_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 6},
        {"type": "string", "description": f"a stage name, {UNKNOWN} or {NOT_APPLICABLE}"},
        {
            "type": "object",
            "properties": {
                "stage": {
                    "anyOf": [{"type": "integer", "minimum": 1, "maximum": 6}, {"type": "string"}]
                },
                "comment": {"type": "string"},
                "evidence": {
                    "type": "object",
                    "description": "What backs the answer: a link or file name, its date, "
                    "who holds it, a note.",
                    "properties": {
                        "ref": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                        "holder": {"type": "string"},
                        "note": {"type": "string"},
                    },
                    "required": ["ref"],
                    "additionalProperties": False,
                },
            },
            "additionalProperties": False,
        },
    ]
}

Answer = Annotated[AnswerValue, PlainValidator(_parse_answer), WithJsonSchema(_ANSWER_SCHEMA)]


def iso_stamp(moment: datetime) -> str:
    """A timestamp as answer and scores files write it: ISO 8601, UTC as ``Z``."""
    return moment.isoformat().replace("+00:00", "Z")


class QuestionnaireRef(Model):
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None


class Respondent(Model):
    name: Annotated[Line, StringConstraints(min_length=1)]
    role: Line | None = None
    department: Id

    @property
    def key(self) -> tuple[str, str]:
        """Who this is, by ``person_key``: two respondents with one key are one person."""
        return person_key(self.name, self.department)


def person_key(name: str, department: str) -> tuple[str, str]:
    """Whose answers a file holds: two files with one key are one person's.

    Names are compared folded (``cleaning.name_key``: case, accents, spacing), within a
    department. Scoring keeps one file per key; the survey resumes, the workshop refuses
    a second join and the import replaces by the same rule.
    """
    return name_key(name), department


def _aware(moment: datetime) -> datetime:
    # Stamps are compared (the newest file of a respondent wins), and Python cannot order
    # a stamp with an offset against one without; so one without is read as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


Timestamp = Annotated[datetime, Field(strict=False), AfterValidator(_aware)]
"""An ISO 8601 time; without an offset it is read as UTC."""


class AnswerFile(Model):
    format: AnswersId
    questionnaire: QuestionnaireRef
    respondent: Respondent
    # The language the respondent answered in; recorded for the reader, never used in scoring.
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")] | None = None
    started: Timestamp | None = None
    updated: Timestamp | None = None
    answers: dict[Annotated[str, StringConstraints(min_length=1, max_length=64)], Answer] = Field(
        default_factory=dict, max_length=MAX_ANSWERS
    )

    def to_data(self) -> dict[str, Any]:
        """The plain structure written to disk, in a stable order."""
        data: dict[str, Any] = {
            "format": self.format,
            "questionnaire": self.questionnaire.model_dump(exclude_none=True),
            "respondent": self.respondent.model_dump(exclude_none=True),
        }
        if self.language is not None:
            data["language"] = self.language
        for stamp in ("started", "updated"):
            value = getattr(self, stamp)
            if value is not None:
                data[stamp] = iso_stamp(value)
        data["answers"] = {qid: answer.to_data() for qid, answer in self.answers.items()}
        return data
