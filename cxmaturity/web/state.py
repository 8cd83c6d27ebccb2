"""One workshop: its codes, its respondents and their answer files.

The codes and a hash of each respondent's token live in ``DIR/.workshop/state.json``
(private to the user), so a restarted server on the same folder keeps its URLs and
every phone resumes. Tokens are never written into answer files; the answer files are
plain ``cxmaturity.answers/1`` files, one per respondent, saved through the
``RespondentFile`` the survey shares (atomically) before any page confirms an answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import threading
from pathlib import Path
from typing import Any

from cxmaturity.core.answer_file import person_key
from cxmaturity.core.errors import UsageError
from cxmaturity.core.findings import MIN_GROUP
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.marks import N_
from cxmaturity.core.model import COMMENT_MAX, Question
from cxmaturity.usecases.answering import (
    Clock,
    Member,
    enrol,
    localised,
    members_in,
    translated_into,
    utc_now,
)
from cxmaturity.usecases.workshop import read_state, write_state
from cxmaturity.web.negotiation import offered
from cxmaturity.web.posted import clean_comment, evidence_of, name_refused
from cxmaturity.web.posted import parse_value as parse_value
from cxmaturity.web.refused import Refused as Refused
from cxmaturity.words.language import SOURCE

STATE_DIR = ".workshop"
MAX_RESPONDENTS = 500
# Unambiguous letters and digits: the code is read off a projector and typed on phones.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_CODE_LENGTH = 6


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))


class Workshop:
    def __init__(
        self,
        loaded: LoadedQuestionnaire,
        folder: Path,
        show_stages: bool = False,
        clock: Clock = utc_now,
        language: str | None = None,
        min_group: int = MIN_GROUP,
    ) -> None:
        self.source = loaded
        self.min_group = min_group
        """Below this many respondents a department's answer counts are not shown."""
        self.default_language = language
        """The facilitator's ``--lang``: the join page's first choice (None: the browser's)."""
        self.language = language or SOURCE
        """The facilitator's pages and the live figures speak this."""
        self.languages = offered(translated_into(loaded), language)
        self.warnings: list[str] = []
        self._localised: dict[str, LoadedQuestionnaire] = {}
        self.loaded = self.localised(self.language)
        self.folder = folder
        self.show_stages = show_stages
        self.clock = clock
        self.ended = False
        self.changes = 0
        """Bumped on every write, so the live figures know when to recompute."""
        self.notices: list[str] = []
        """What the facilitator must know: answers kept beside a file instead of in it."""
        self._lock = threading.Lock()
        self._members: dict[str, Member] = {}
        self._tokens: dict[str, str] = {}
        state = self._read_state()
        self.join_code: str = state.get("join_code") or new_code()
        self.facilitator_token: str = state.get("facilitator_token") or secrets.token_urlsafe(24)
        self.secret: bytes = bytes.fromhex(state.get("secret") or secrets.token_hex(32))
        self.joining_open: bool = bool(state.get("joining_open", True))
        self._tokens = dict(state.get("respondents", {}))
        resumes = state.get("resumes", {})
        self._resumes: dict[str, str] = dict(resumes) if isinstance(resumes, dict) else {}
        """One-time resume links (hashed) the facilitator issued, and whose session each moves."""
        self._load_members()
        self._write_state()

    def localised(self, code: str) -> LoadedQuestionnaire:
        """The questionnaire in ``code`` (same hash, so answers score alike in every one)."""
        found = self._localised.get(code)
        if found is None:
            found = self._localised[code] = localised(self.source, code, self.warnings)
        return found

    def language_of(self, member: Member) -> str:
        recorded = member.session.language
        return recorded if recorded in self.languages else self.language

    # -- the state file ---------------------------------------------------------------

    @property
    def state_path(self) -> Path:
        return self.folder / STATE_DIR / "state.json"

    def _read_state(self) -> dict[str, Any]:
        return read_state(self.state_path)

    def _write_state(self) -> None:
        write_state(
            self.state_path,
            {
                "join_code": self.join_code,
                "facilitator_token": self.facilitator_token,
                "secret": self.secret.hex(),
                "joining_open": self.joining_open,
                "respondents": self._tokens,
                "resumes": self._resumes,
            },
        )

    def _load_members(self) -> None:
        def questionnaire_in(recorded: str | None) -> LoadedQuestionnaire:
            return self.localised(recorded if recorded in self.languages else self.language)

        self._members.update(members_in(self.folder, questionnaire_in, self.clock))

    # -- respondents ------------------------------------------------------------------

    @property
    def members(self) -> list[Member]:
        with self._lock:
            return list(self._members.values())

    def member(self, token: str | None) -> Member | None:
        if not token:
            return None
        # A dictionary lookup on a hash: the token itself is never compared byte by byte.
        name = self._tokens.get(token_hash(token))
        return self._members.get(name) if name else None

    def join(
        self,
        name: str,
        anonymous: bool,
        role: str | None,
        department: str,
        language: str | None = None,
    ) -> tuple[str, Member]:
        """A new respondent with their own new file; returns their token."""
        if self.ended:
            raise Refused(410, N_("The workshop has ended."))
        if not self.joining_open:
            raise Refused(403, N_("Joining is closed. Ask the facilitator to open it again."))
        if self.loaded.model.department(department) is None:
            raise Refused(400, N_("Pick your department from the list."))
        code = language if language in self.languages else self.language
        with self._lock:
            if len(self._members) >= MAX_RESPONDENTS:
                raise Refused(503, N_("The workshop is full."))
            if anonymous:
                name = self._anonymous_name(department)
            self._refuse_clash(name, department)
            try:
                # Never someone else's file: an existing file is always "not theirs".
                file_name, member = enrol(
                    self.loaded,
                    self.localised(code),
                    self.folder,
                    (name, role, department),
                    self.clock,
                    code,
                )
            except UsageError as exc:
                raise name_refused(exc) from None
            token = secrets.token_urlsafe(24)
            self._enrol(member, token)
            self._members[file_name] = member
            self.changes += 1
        return token, member

    def _enrol(self, member: Member, token: str) -> None:
        """Write the new file and the token that opens it, both or neither: a join that
        fails half-way (a full disk) must leave no file, or the retry makes a ``-2`` twin."""
        path = member.session.path
        member.save()
        self._tokens[token_hash(token)] = path.name
        try:
            self._write_state()
        except BaseException:
            del self._tokens[token_hash(token)]
            with contextlib.suppress(OSError):
                path.unlink()
            raise

    def member_named(self, file_name: str) -> Member | None:
        return self._members.get(file_name)

    def issue_resume(self, file_name: str) -> str:
        """A one-time link token that moves this person's session to another device."""
        if file_name not in self._members:
            raise Refused(404, N_("Nobody by that name has joined."))
        token = secrets.token_urlsafe(24)
        with self._lock:
            # Only the newest link works: an older one shown on the projector is void.
            self._resumes = {h: n for h, n in self._resumes.items() if n != file_name}
            self._resumes[token_hash(token)] = file_name
            self._write_state()
        return token

    def resume(self, token: str) -> tuple[str, Member]:
        """Use a resume link once: a new device token; every older device is signed out."""
        with self._lock:
            name = self._resumes.pop(token_hash(token), None)
            member = self._members.get(name) if name else None
            if name is None or member is None:
                raise Refused(
                    404,
                    N_("This resume link is not valid or was already used. Ask the facilitator."),
                )
            self._tokens = {h: n for h, n in self._tokens.items() if n != name}
            fresh = secrets.token_urlsafe(24)
            self._tokens[token_hash(fresh)] = name
            self._write_state()
        self.changes += 1
        return fresh, member

    def _refuse_clash(self, name: str, department: str) -> None:
        for member in self._members.values():
            if member.session.respondent.key == person_key(name, department):
                raise Refused(
                    409,
                    N_(
                        "Someone in this department has already joined as “{name}”. "
                        "If that was you on another device, carry on there, or ask the "
                        "facilitator for a resume link; otherwise add an initial to your name."
                    ),
                    name=name.strip(),
                )

    def _anonymous_name(self, department: str) -> str:
        # Folded by the clash check's own rule: a participant called "Anonymous １"
        # (fullwidth) must not leave every anonymous join refused as a clash.
        taken = {m.session.respondent.key for m in self._members.values()}
        number = 1
        while person_key(f"Anonymous {number}", department) in taken:
            number += 1
        return f"Anonymous {number}"

    # -- answers ------------------------------------------------------------------------

    def answer(
        self,
        member: Member,
        question_id: str,
        value: str,
        comment: str | None,
        evidence: dict[str, str] | None = None,
    ) -> int:
        """Record one answer (with its comment and evidence) on disk; returns the question's
        index. ``evidence`` None keeps what is there; a form with an empty ref removes it.

        Everything is checked before anything is written.
        """
        if self.ended:
            raise Refused(410, N_("The workshop has ended; your answers are saved."))
        session = member.session
        index = _index_of(session.questions, question_id)
        parsed = parse_value(value)
        if comment is not None and len(comment) > COMMENT_MAX:
            raise Refused(
                413, N_("The comment is longer than {limit} characters."), limit=COMMENT_MAX
            )
        given = None if evidence is None else evidence_of(evidence)
        with member.lock:
            previous = session.answer_for(session.questions[index])
            kept = previous if parsed is None else parsed
            note = previous.comment if comment is None else (comment.strip() or None)
            backing = previous.evidence if evidence is None else given
            updated = kept.model_copy(update={"comment": clean_comment(note), "evidence": backing})
            if updated != previous:
                session.answers[question_id] = updated
                member.save([question_id], self.notice)
                self.changes += 1
        return index

    def set_language(self, member: Member, code: str) -> None:
        """Show this respondent's questions in another language from now on (and record it)."""
        if code not in self.languages:
            raise Refused(400, N_("Pick a language from the list."))
        session = member.session
        localised = self.localised(code)
        with member.lock:
            before = (session.loaded, session.questions, session.language)
            session.loaded = localised
            # The same questions in the same order: only their text changes.
            session.questions = localised.model.questions_for(session.respondent.department)
            session.language = code
            try:
                member.save(notice=self.notice)
            except BaseException:
                session.loaded, session.questions, session.language = before
                raise
        self.changes += 1

    def notice(self, text: str) -> None:
        with self._lock:
            self.notices.append(text)

    # -- the facilitator's switches -------------------------------------------------------

    def set_joining(self, open_: bool) -> None:
        with self._lock:
            self.joining_open = open_
            self._write_state()
        self.changes += 1

    def end(self) -> None:
        self.ended = True
        self.changes += 1


def _index_of(questions: list[Question], question_id: str) -> int:
    for index, question in enumerate(questions):
        if question.id == question_id:
            return index
    raise Refused(400, N_("Unknown question {id}."), id=repr(question_id[:64]))
