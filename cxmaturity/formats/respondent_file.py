"""One respondent's answers and the file they are kept in: what the survey and the
workshop share.

No terminal or web code lives here. The survey's ``Session`` adds a position and the
per-answer journal; the workshop sets answers and writes the whole file briefly
through the same ``AnswerStore``, so both front ends judge, write and lock the file
the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from cxmaturity.core.answer_file import AnswerFile, AnswerValue, Respondent
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.errors import MismatchError, UsageError
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import MAX_NAME, Question
from cxmaturity.core.result import DepartmentResult
from cxmaturity.core.scoring import score
from cxmaturity.formats.answer_store import AnswerStore
from cxmaturity.formats.answers import answer_bytes, answer_head, check_answers, read_answer_file
from cxmaturity.words.language import Language, language

Clock = Callable[[], datetime]
_UNANSWERED = AnswerValue()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


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
    if len(name) > MAX_NAME:
        message = _("the respondent's name is longer than {limit} characters")
        raise UsageError(message.format(limit=MAX_NAME))
    if loaded.model.department(department) is None:
        known = ", ".join(d.id for d in loaded.model.departments)
        message = _("unknown department {department} (known: {known})")
        raise UsageError(message.format(department=repr(department), known=known))
    role = clean_line(role or "")[:MAX_NAME] or None
    return Respondent(name=name, role=role, department=department)


@dataclass
class RespondentFile:
    loaded: LoadedQuestionnaire
    path: Path
    respondent: Respondent
    started: datetime
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    clock: Clock = utc_now
    warnings: list[str] = field(default_factory=list)
    resumed: bool = False
    updated: datetime | None = None
    """When the file was last saved, as it said when this was read."""
    language: str | None = None
    """The language the respondent answers in, recorded in the file for readers only."""
    questions: list[Question] = field(init=False)
    store: AnswerStore = field(init=False)

    def __post_init__(self) -> None:
        self.questions = self.loaded.model.questions_for(self.respondent.department)
        self.store = AnswerStore(self.path)

    @classmethod
    def new(
        cls,
        loaded: LoadedQuestionnaire,
        path: Path,
        respondent: Respondent,
        clock: Clock = utc_now,
        store: AnswerStore | None = None,
        language: str | None = None,
    ) -> Self:
        """A fresh respondent; nothing is written until the caller saves."""
        fresh = cls(loaded, path, respondent, started=clock(), clock=clock, language=language)
        if store is not None:
            fresh.store = store
        return fresh

    @classmethod
    def resume(
        cls,
        loaded: LoadedQuestionnaire,
        path: Path,
        clock: Clock = utc_now,
        store: AnswerStore | None = None,
    ) -> Self:
        """Load an existing answer file.

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
        found = cls(
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
            found.store = store
        return found

    # -- reading -------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.questions)

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

    def profile(self) -> DepartmentResult:
        """The respondent's own scores, straight from the scoring rule."""
        result = score(self.loaded, [AnswerSet(self.path, self.answer_file())])
        return result.departments[0]

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
            **answer_head(self.loaded),
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
        return answer_bytes(self.answer_file(), self.path)
