"""One respondent's walk through a questionnaire: a position over their answer file.

No terminal code lives here. The interactive and the piped front ends both drive a
``Session``; every change goes to disk (one fsynced journal line, see ``AnswerStore``)
before the call returns, so whatever the front end shows next is already saved. The
answers and the file themselves are ``formats.respondent_file``'s, shared with the
workshop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from cxmaturity.core.answer_file import Answer, AnswerValue, iso_stamp
from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.evidence import Evidence
from cxmaturity.core.model import COMMENT_MAX, Question
from cxmaturity.core.stages import Stage
from cxmaturity.formats.respondent_file import RespondentFile

# The same parser that reads answer files reads typed and piped answers, so "3",
# "mobilise", "Mobilize", "unknown", "n/a" and "na" mean the same everywhere.
_ANSWER = TypeAdapter(Answer)


def parse_answer(text: str) -> AnswerValue | None:
    """A stage number or name, ``unknown`` or ``n/a``; None when the text is none of them."""
    if not text.strip():
        return None
    try:
        value = _ANSWER.validate_python(text.strip())
    except ValidationError:
        return None
    return value if value.status != "unanswered" else None


@dataclass
class Session(RespondentFile):
    index: int = 0
    """The question on screen: a resumed file opens at its first unanswered one."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self.go_to(self.first_unanswered() or 0)

    @property
    def current(self) -> Question:
        return self.questions[self.index]

    # -- moving ----------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.index = min(max(index, 0), max(self.total - 1, 0))

    def back(self) -> bool:
        """Step back; False when already at the first question."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def forward(self) -> bool:
        """Step on; False when this was the last question (the walk is over)."""
        if self.index + 1 >= self.total:
            return False
        self.index += 1
        return True

    # -- changing (each change is saved before returning) ----------------------------

    def record(self, value: AnswerValue, question: Question | None = None) -> None:
        """Answer a question (the current one by default), keeping its comment and evidence."""
        question = question or self.current
        previous = self.answer_for(question)
        kept = {"comment": previous.comment, "evidence": previous.evidence}
        self._change(question, value.model_copy(update=kept))

    def record_stage(self, stage: Stage) -> None:
        self.record(AnswerValue(stage=stage, status="stage"))

    def record_status(self, status: Literal["unknown", "n/a"]) -> None:
        self.record(AnswerValue(status=status))

    def set_evidence(self, evidence: Evidence | None, question: Question | None = None) -> None:
        """Attach, replace or (with None) remove the evidence behind an answer; saved at once."""
        question = question or self.current
        previous = self.answer_for(question)
        if previous.evidence != evidence:
            self._change(question, previous.model_copy(update={"evidence": evidence}))

    def set_comment(self, text: str | None, question: Question | None = None) -> None:
        """Set, replace or (with empty text) remove a comment; saved at once."""
        question = question or self.current
        comment = clean_text(text or "").strip()[:COMMENT_MAX] or None
        previous = self.answer_for(question)
        if previous.comment == comment:
            return
        self._change(question, previous.model_copy(update={"comment": comment}))

    def _change(self, question: Question, value: AnswerValue) -> None:
        self.answers[question.id] = value
        kept = value.status != "unanswered" or value.comment or value.evidence
        data = value.to_data() if kept else None
        self.store.append(question.id, data, iso_stamp(self.clock()), self.file_bytes)
