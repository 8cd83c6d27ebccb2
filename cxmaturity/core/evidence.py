"""Evidence behind an answer: a link or file name, its date, who holds it, and a note.

An answer file writes it under the answer, ``{stage: 5, evidence: {ref: …, date: …}}``.
Claims at the upper stages are the ones a board asks to see, so the packs count how many
Align and Embed answers carry evidence, and ``validate --require-evidence`` can insist.
Evidence older than a year is flagged: it shows what was true then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.stages import Stage

if TYPE_CHECKING:
    # Only named: the answer model itself carries evidence, and inputs builds on it.
    from cxmaturity.core.loaded import AnswerSet

MAX_REF = 500
MAX_NOTE = 500
MAX_HOLDER = 200
STALE_AFTER = dt.timedelta(days=365)
CLAIMS = (Stage.ALIGN, Stage.EMBED)
"""The stages whose claims the packs weigh against their evidence."""
_KEYS = ("ref", "date", "holder", "note")


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    ref: str
    """A link (https://…) or a file name."""
    date: dt.date | None = None
    holder: str | None = None
    note: str | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ref": self.ref}
        if self.date is not None:
            data["date"] = self.date.isoformat()
        if self.holder:
            data["holder"] = self.holder
        if self.note:
            data["note"] = self.note
        return data

    def stale(self, today: dt.date) -> bool:
        return self.date is not None and today - self.date > STALE_AFTER


def parse_evidence(value: Any) -> Evidence:
    """Evidence from an answer file's mapping; raises pydantic's error naming what is wrong."""
    if isinstance(value, str):
        value = {"ref": value}
    if not isinstance(value, dict):
        raise PydanticCustomError(
            "answer", "evidence must be a mapping with ref, date, holder, note"
        )
    unknown = set(value) - set(_KEYS)
    if unknown:
        raise PydanticCustomError(
            "answer",
            "unknown evidence key {key}: evidence takes ref, date, holder and note",
            {"key": repr(sorted(map(str, unknown))[0])},
        )
    ref = _text(value.get("ref"), "ref", MAX_REF)
    if not ref:
        raise PydanticCustomError("answer", "evidence needs a ref: a link or a file name")
    return Evidence(
        ref=ref,
        date=_date(value.get("date")),
        holder=_text(value.get("holder"), "holder", MAX_HOLDER) or None,
        note=_text(value.get("note"), "note", MAX_NOTE) or None,
    )


def _text(value: Any, key: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PydanticCustomError("answer", "evidence {key} must be text", {"key": key})
    text = clean_line(value).strip()
    if len(text) > limit:
        raise PydanticCustomError(
            "answer",
            "evidence {key} is longer than {limit} characters",
            {"key": key, "limit": limit},
        )
    return text


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise PydanticCustomError(
            "answer", "evidence date {value} is not a date: use YYYY-MM-DD", {"value": repr(value)}
        ) from None


@dataclass(frozen=True)
class Claims:
    """Answers at Align or Embed, and how many of them carry evidence."""

    claimed: int
    evidenced: int
    stale: int


def claims(answer_sets: Iterable[AnswerSet], today: dt.date) -> Claims:
    claimed = evidenced = stale = 0
    for answer_set in answer_sets:
        for value in answer_set.file.answers.values():
            if value.status != "stage" or value.stage not in CLAIMS:
                continue
            claimed += 1
            if value.evidence is not None:
                evidenced += 1
                stale += value.evidence.stale(today)
    return Claims(claimed, evidenced, stale)


@dataclass(frozen=True)
class Missing:
    path: str
    question: str
    stage: int


def missing_evidence(answer_sets: Iterable[AnswerSet], at_least: Stage) -> list[Missing]:
    """Answers at or above ``at_least`` with no evidence."""
    return [
        Missing(str(s.path), question, int(value.stage))
        for s in answer_sets
        for question, value in s.file.answers.items()
        if value.status == "stage"
        and value.stage is not None
        and value.stage >= at_least
        and value.evidence is None
    ]


def stale_evidence(
    answer_sets: Iterable[AnswerSet], today: dt.date
) -> list[tuple[str, str, dt.date]]:
    """(file, question, date) of evidence older than a year."""
    return [
        (str(s.path), question, value.evidence.date)
        for s in answer_sets
        for question, value in s.file.answers.items()
        if value.evidence is not None
        and value.evidence.date is not None
        and value.evidence.stale(today)
    ]


EVIDENCE_LINE_MAX = MAX_REF + MAX_HOLDER + MAX_NOTE + 40
"""The terminal survey's one line: link or file; date; holder; note."""


def evidence_line(evidence: Evidence | None) -> str:
    if evidence is None:
        return ""
    parts = [evidence.ref, evidence.date.isoformat() if evidence.date else ""]
    parts += [evidence.holder or "", evidence.note or ""]
    while parts and not parts[-1]:
        parts.pop()
    return "; ".join(parts)


def evidence_from_line(text: str) -> Evidence | None:
    """``ref; date; holder; note`` as typed (all but ref optional); empty means none.

    Raises ValueError saying what is wrong.
    """
    parts = [part.strip() for part in text.split(";", 3)]
    if not any(parts):
        return None
    fields = dict(zip(_KEYS, parts, strict=False))
    try:
        return parse_evidence({key: value for key, value in fields.items() if value})
    except PydanticCustomError as exc:
        raise ValueError(str(exc)) from None
