"""The workshop's answering use case: one respondent's answer file, joined, resumed and written.

The file goes through ``AnswerStore``, the one writer of answer files, which holds the lock
and checks the file on disk: the workshop takes the lock for each write only, so the
same person may also go on in ``cxmaturity survey --out`` with the same file. When the
file changed on disk since the workshop last wrote or read it, the two are merged
answer by answer, the newest write of each answer winning. When it cannot be merged (a
survey has it open, or it no longer reads), the workshop's version is kept beside it
as ``<file>.conflict-<time>`` and the facilitator is told; the file is never replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from cxmaturity.core.answer_file import AnswerFile
from cxmaturity.core.errors import CxMaturityError, LockedError
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.formats.answers import answer_bytes, answer_path, read_answer_file
from cxmaturity.formats.loading import collect_paths
from cxmaturity.formats.respondent_file import Clock, RespondentFile, make_respondent, utc_now
from cxmaturity.formats.translation_files import localise, translation_files

__all__ = [
    "Clock",
    "Member",
    "Notice",
    "enrol",
    "localised",
    "members_in",
    "translated_into",
    "utc_now",
]

Notice = Callable[[str], None]


class _Unmergeable(CxMaturityError):
    """The file on disk cannot be read back, so nothing may be merged into it."""


@dataclass
class Member:
    """A respondent's session and the lock that keeps their writes in order."""

    session: RespondentFile
    lock: threading.Lock = field(default_factory=threading.Lock)
    saved: AnswerFile | None = None
    """The file's content as last written or read."""
    pending: dict[str, datetime] = field(default_factory=dict)
    """Answers changed here and not yet in the file, with when they were given."""

    @property
    def file(self) -> AnswerFile:
        if self.saved is None:
            self.saved = self.session.answer_file()
        return self.saved

    def save(self, changed: Iterable[str] = (), notice: Notice = lambda _: None) -> Path | None:
        """Write the session's file; returns the conflict copy when one had to be kept.

        On a failure to write at all (a full disk) the session goes back to what is on
        disk and the error is raised.
        """
        now = self.session.clock()
        for question_id in changed:
            self.pending[question_id] = now
        store = self.session.store
        before = dict(self.session.answers)
        written: list[AnswerFile] = []

        def content() -> bytes:
            # Built once per write and kept: what is on disk is what ``saved`` remembers.
            written.append(self.session.answer_file())
            return answer_bytes(written[-1], self.session.path)

        try:
            store.write_briefly(content, self._merge)
        except (LockedError, _Unmergeable) as exc:
            self.session.answers = before
            kept = store.keep_aside(self.session.file_bytes)
            name = self.session.path.name
            notice(f"{name}: {exc.message}; this workshop's answers are in {kept.name}")
            return kept
        except BaseException:
            self.session.answers = dict(self.saved.answers) if self.saved else {}
            raise
        self.pending.clear()
        self.saved = written[-1]
        return None

    def _merge(self) -> None:
        """Fold the file on disk into the session: theirs, except answers given here later."""
        try:
            found = read_answer_file(self.session.path, in_folder=False, warnings=[])
        except CxMaturityError as exc:
            raise _Unmergeable(f"no longer reads ({exc.message})", self.session.path) from None
        if found is None:  # pragma: no cover - only folders skip files
            raise _Unmergeable("is not an answer file", self.session.path)
        disk = found.file
        base = self.saved.answers if self.saved else {}
        merged = dict(disk.answers)
        for question_id, when in self.pending.items():
            theirs = disk.answers.get(question_id)
            if theirs != base.get(question_id) and disk.updated and disk.updated > when:
                continue  # changed there after it was changed here: the newer one stays
            ours = self.session.answers.get(question_id)
            if ours is None:
                merged.pop(question_id, None)
            else:
                merged[question_id] = ours
        self.session.answers = merged


def translated_into(loaded: LoadedQuestionnaire) -> list[str]:
    """The languages the questionnaire has a translation file for."""
    return list(translation_files(loaded))


def localised(loaded: LoadedQuestionnaire, code: str, warnings: list[str]) -> LoadedQuestionnaire:
    """The questionnaire in ``code`` (same hash, so answers score alike in every language)."""
    return localise(loaded, code, warnings)


def members_in(
    folder: Path, questionnaire_in: Callable[[str | None], LoadedQuestionnaire], clock: Clock
) -> Iterator[tuple[str, Member]]:
    """Everyone who already has an answer file in ``folder``, resumed in the language they
    answered in (``questionnaire_in`` picks the questionnaire for a recorded language)."""
    warnings: list[str] = []
    for path, in_folder in collect_paths([folder]):
        found = read_answer_file(path, in_folder, warnings)
        if found is None:
            continue
        session = RespondentFile.resume(questionnaire_in(found.file.language), path, clock)
        session.store.note()
        yield path.name, Member(session, saved=found.file)


def enrol(
    checked: LoadedQuestionnaire,
    asked: LoadedQuestionnaire,
    folder: Path,
    who: tuple[str, str | None, str],
    clock: Clock,
    language: str,
) -> tuple[str, Member]:
    """A new respondent (name, role, department) with a fresh answer file of their own.

    ``checked`` is the questionnaire the name and department are checked against, ``asked``
    the one in the respondent's language. An existing file is never theirs: a new name is
    numbered instead. Raises ``UsageError`` for a name or department that cannot be used.
    """
    name, role, department = who
    respondent = make_respondent(checked, name, role, department)
    path = answer_path(folder, respondent.name, department, lambda _: False)
    session = RespondentFile.new(asked, path, respondent, clock, language=language)
    return path.name, Member(session)
