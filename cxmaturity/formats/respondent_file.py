"""One respondent's walk through a questionnaire: answers, position, and the file.

No terminal code lives here. The interactive and the piped front ends both drive a
``Session``; every change goes to disk (atomically) before the call returns, so whatever
the front end shows next is already saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from cxmaturity.core.cleaning import clean_line, clean_text, name_key
from cxmaturity.core.errors import MismatchError, UsageError
from cxmaturity.core.evidence import Evidence
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import (
    COMMENT_MAX,
    MAX_NAME,
    Answer,
    AnswerFile,
    AnswerValue,
    Question,
    QuestionnaireRef,
    Respondent,
    iso_stamp,
)
from cxmaturity.core.result import DepartmentResult
from cxmaturity.core.scoring import score
from cxmaturity.core.stages import Stage
from cxmaturity.formats.loading import check_answers, read_answer_file
from cxmaturity.formats.yamlio import dump_yaml
from cxmaturity.survey.store import AnswerStore
from cxmaturity.words.language import Language, language

Clock = Callable[[], datetime]
NAME_MAX = MAX_NAME
__all__ = ["COMMENT_MAX", "NAME_MAX", "Session", "new_session", "resume_session"]
_UNANSWERED = AnswerValue()
# The same parser that reads answer files reads typed and piped answers, so "3",
# "mobilise", "Mobilize", "unknown", "n/a" and "na" mean the same everywhere.
_ANSWER = TypeAdapter(Answer)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def parse_answer(text: str) -> AnswerValue | None:
    """A stage number or name, ``unknown`` or ``n/a``; None when the text is none of them."""
    if not text.strip():
        return None
    try:
        value = _ANSWER.validate_python(text.strip())
    except ValidationError:
        return None
    return value if value.status != "unanswered" else None


def make_respondent(
    loaded: LoadedQuestionnaire,
    name: str,
    role: str | None,
    department: str,
    lang: Language | None = None,
) -> Respondent:
    """A respondent from typed or command-line text, cleaned and checked."""
    _ = (lang or language()).gettext
    name = clean_line(name)
    if not name:
        raise UsageError(_("the respondent's name is empty"))
    if len(name) > NAME_MAX:
        message = _("the respondent's name is longer than {limit} characters")
        raise UsageError(message.format(limit=NAME_MAX))
    if loaded.model.department(department) is None:
        known = ", ".join(d.id for d in loaded.model.departments)
        message = _("unknown department {department} (known: {known})")
        raise UsageError(message.format(department=repr(department), known=known))
    role = clean_line(role or "")[:NAME_MAX] or None
    return Respondent(name=name, role=role, department=department)


def same_person(a: str, b: str) -> bool:
    """The rule scoring uses to spot one person's duplicate files."""
    return name_key(a) == name_key(b)


@dataclass
class Session:
    loaded: LoadedQuestionnaire
    path: Path
    respondent: Respondent
    started: datetime
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    clock: Clock = utc_now
    index: int = 0
    warnings: list[str] = field(default_factory=list)
    resumed: bool = False
    updated: datetime | None = None
    """When the file was last saved, as it said when this session read it."""
    language: str | None = None
    """The language the respondent answers in, recorded in the file for readers only."""
    questions: list[Question] = field(init=False)
    store: AnswerStore = field(init=False)

    def __post_init__(self) -> None:
        self.questions = self.loaded.model.questions_for(self.respondent.department)
        self.store = AnswerStore(self.path)

    # -- reading -------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Question:
        return self.questions[self.index]

    def answer_for(self, question: Question) -> AnswerValue:
        return self.answers.get(question.id, _UNANSWERED)

    @property
    def answered(self) -> int:
        """Questions with an answer of any kind, don't know and n/a included."""
        return sum(self.answer_for(q).status != "unanswered" for q in self.questions)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def complete(self) -> bool:
        return self.unanswered == 0

    def first_unanswered(self, start: int = 0) -> int | None:
        """The first unanswered question at or after ``start``."""
        return next(
            (
                i
                for i in range(start, self.total)
                if self.answer_for(self.questions[i]).status == "unanswered"
            ),
            None,
        )

    def dimension_name(self, question: Question) -> str:
        dims = {d.id: d.name for d in self.loaded.model.dimensions}
        return dims.get(question.dimension, question.dimension)

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

    # -- the file --------------------------------------------------------------------

    def answer_file(self) -> AnswerFile:
        q = self.loaded.model
        order = {question.id: i for i, question in enumerate(q.questions)}
        kept = [
            (qid, value)
            for qid, value in self.answers.items()
            if value.status != "unanswered" or value.comment or value.evidence
        ]
        kept.sort(key=lambda item: order.get(item[0], len(order)))
        return AnswerFile(
            format="cxmaturity.answers/1",
            questionnaire=QuestionnaireRef(id=q.id, version=q.version, sha256=self.loaded.sha256),
            respondent=self.respondent,
            language=self.language,
            started=self.started,
            updated=self.clock(),
            # Through the file form: the answer type parses what files hold, not models.
            answers={qid: value.to_data() for qid, value in kept},
        )

    def save(self) -> None:
        """Write the whole file atomically: the old file survives any failure mid-write."""
        self.store.write_whole(self.file_bytes)

    def file_bytes(self) -> bytes:
        """The whole answer file as written: JSON for a .json path, else YAML."""
        data = self.answer_file().to_data()
        if self.path.suffix.lower() == ".json":
            return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return dump_yaml(data).encode("utf-8")

    def profile(self) -> DepartmentResult:
        """The respondent's own scores, straight from the scoring rule."""
        result = score(self.loaded, [AnswerSet(self.path, self.answer_file())])
        return result.departments[0]


def new_session(
    loaded: LoadedQuestionnaire,
    path: Path,
    respondent: Respondent,
    clock: Clock = utc_now,
    store: AnswerStore | None = None,
    language: str | None = None,
) -> Session:
    """A fresh session; nothing is written until the caller saves."""
    session = Session(loaded, path, respondent, started=clock(), clock=clock, language=language)
    if store is not None:
        session.store = store
    return session


def resume_session(
    loaded: LoadedQuestionnaire,
    path: Path,
    clock: Clock = utc_now,
    store: AnswerStore | None = None,
) -> Session:
    """Load an existing answer file, positioned at its first unanswered question.

    A file that does not load, or that belongs to another questionnaire or version,
    raises and is not touched: nothing here writes.
    """
    warnings: list[str] = []
    answer_set = read_answer_file(path, in_folder=False, warnings=warnings)
    if answer_set is None:  # pragma: no cover - only folders skip files
        raise MismatchError("not an answer file", path)
    check_answers(loaded, answer_set, warnings)
    ref, q = answer_set.file.questionnaire, loaded.model
    if ref.version != q.version:
        raise MismatchError(
            f"answers are for {ref.id} version {ref.version}, not version {q.version}; "
            "start a new file or give the matching questionnaire with -q",
            path,
        )
    file = answer_set.file
    session = Session(
        loaded,
        path,
        file.respondent,
        started=file.started or clock(),
        answers=dict(file.answers),
        clock=clock,
        warnings=warnings,
        resumed=True,
        updated=file.updated,
        language=file.language,
    )
    if store is not None:
        session.store = store
    session.go_to(session.first_unanswered() or 0)
    return session
