"""The survey's state, its file and its text handling, driven with plain strings."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from survey_support import write_mini

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.cleaning import clean_line, clean_text, slug
from cxmaturity.core.errors import ChangedOnDiskError, CxMaturityError, OutputFileError, UsageError
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.scoring import score
from cxmaturity.core.stages import Stage
from cxmaturity.formats.answer_store import AnswerStore
from cxmaturity.formats.answers import answer_path, check_answers, read_answer_file
from cxmaturity.formats.journal import journal_path
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.formats.respondent_file import make_respondent
from cxmaturity.survey.editor import Editor
from cxmaturity.survey.paths import resume_command
from cxmaturity.survey.piped import feed, lines
from cxmaturity.survey.session import Session, parse_answer

NOON = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def mini(tmp_path: Path) -> LoadedQuestionnaire:
    return load_questionnaire(write_mini(tmp_path))


def start(mini: LoadedQuestionnaire, path: Path, department: str = "service") -> Session:
    respondent = make_respondent(mini, "Ana Lima", "Head of Service", department)
    session = Session.new(mini, path, respondent, clock=lambda: NOON)
    session.save()
    return session


# -- parsing and cleaning ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", AnswerValue(stage=Stage.MOBILISE, status="stage")),
        (" Operationalize ", AnswerValue(stage=Stage.OPERATIONALISE, status="stage")),
        ("embed", AnswerValue(stage=Stage.EMBED, status="stage")),
        ("unknown", AnswerValue(status="unknown")),
        ("don't know", AnswerValue(status="unknown")),
        ("N/A", AnswerValue(status="n/a")),
    ],
)
def test_parse_answer_reads_what_answer_files_read(text: str, expected: AnswerValue) -> None:
    assert parse_answer(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "7", "0", "maybe", "3 4", "unanswered"])
def test_parse_answer_refuses_the_rest(text: str) -> None:
    assert parse_answer(text) is None


def test_clean_text_drops_controls_and_escapes_but_keeps_newlines() -> None:
    dirty = "a\x1b[2Jb\x07c\r\nd\te\u202ef\x9b1mg\x1b]0;title\x07h\x1bci\x1b"
    assert clean_text(dirty) == "abc\nd efghi"
    assert clean_line("  Ana \n Lima\x1b  ") == "Ana Lima"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ána  Lima", "ana-lima"),
        ("../../etc/passwd", "etc-passwd"),
        ("李伟", "李伟"),
        ("...", "respondent"),
        ("a" * 100, "a" * 60),
    ],
)
def test_slug_is_safe_for_file_names(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_respondent_is_cleaned_and_checked(mini: LoadedQuestionnaire) -> None:
    person = make_respondent(mini, " Eve\x1b[2J\nAdams ", "\tBoss\x07", "sales")
    assert (person.name, person.role, person.department) == ("Eve Adams", "Boss", "sales")
    with pytest.raises(UsageError, match="name is empty"):
        make_respondent(mini, " \x1b ", None, "sales")
    with pytest.raises(UsageError, match="unknown department 'hr'"):
        make_respondent(mini, "Eve", None, "hr")


# -- the walk and the file --------------------------------------------------------------


def test_new_session_writes_a_file_that_loads_and_names_the_questionnaire(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    start(mini, path)
    answer_set = read_answer_file(path, in_folder=False, warnings=[])
    assert answer_set is not None
    file = answer_set.file
    assert (file.questionnaire.id, file.questionnaire.version) == ("mini", "2")
    assert file.questionnaire.sha256 == mini.sha256
    assert file.respondent.name == "Ana Lima"
    assert file.started == NOON
    assert file.updated == NOON
    assert "started: '2026-11-04T12:00:00Z'" in path.read_text()


def test_only_questions_for_the_department_are_walked(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    assert [q.id for q in start(mini, tmp_path / "s.yaml", "service").questions] == [
        "q1",
        "q2",
        "q3",
        "q4",
    ]
    assert [q.id for q in start(mini, tmp_path / "x.yaml", "sales").questions] == [
        "q1",
        "q2",
        "q4",
    ]


def test_every_change_is_on_disk_before_the_call_returns(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.record_stage(Stage.MOBILISE)
    assert Session.resume(mini, path).answers["q1"].stage == Stage.MOBILISE
    session.forward()
    session.set_comment("Needs\x1b[31m a [bold]sponsor[/bold]\nsoon")
    assert Session.resume(mini, path).answers["q2"].comment == "Needs a [bold]sponsor[/bold]\nsoon"
    assert b"\x1b" not in path.read_bytes() + journal_path(path).read_bytes()
    session.record_status("unknown")
    answers = Session.resume(mini, path).answers
    assert answers["q2"] == AnswerValue(
        status="unknown", comment="Needs a [bold]sponsor[/bold]\nsoon"
    )


def test_changing_an_answer_keeps_its_comment_and_empty_comment_removes_it(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.set_comment("first thought")
    session.record_stage(Stage.EXPLORE)
    session.record_stage(Stage.ALIGN)
    assert session.answers["q1"] == AnswerValue(
        stage=Stage.ALIGN, status="stage", comment="first thought"
    )
    session.set_comment("   ")
    assert Session.resume(mini, path).answers["q1"] == AnswerValue(
        stage=Stage.ALIGN, status="stage"
    )


def test_answers_are_saved_in_questionnaire_order(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.go_to(3)
    session.record_stage(Stage.EMBED)
    session.go_to(0)
    session.record_stage(Stage.IGNORE)
    session.save()
    text = path.read_text()
    assert text.index("q1:") < text.index("q4:")


def test_navigation_stops_at_both_ends(mini: LoadedQuestionnaire, tmp_path: Path) -> None:
    session = start(mini, tmp_path / "a.yaml")
    assert session.back() is False
    assert [session.forward() for _ in range(4)] == [True, True, True, False]
    assert session.index == 3


def test_resume_starts_at_the_first_unanswered_question(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.record_stage(Stage.EXPLORE)
    session.go_to(2)
    session.record_status("n/a")
    session.go_to(1)
    session.set_comment("a comment is not an answer")
    again = Session.resume(mini, path)
    assert again.resumed
    assert (again.index, again.answered, again.unanswered) == (1, 2, 2)
    assert again.current.id == "q2"
    assert again.started == NOON


def test_a_complete_file_resumes_as_complete(mini: LoadedQuestionnaire, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path, "sales")
    fed = feed(session, ["1\n", "# a note\n", "\n", "embed\n", "n/a\n", "extra\n"])
    assert (fed.answered, fed.extra_line) == (3, 6)
    again = Session.resume(mini, path)
    assert again.complete and again.first_unanswered() is None


def test_feed_stops_at_a_bad_line_with_earlier_answers_saved(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    with pytest.raises(UsageError, match=r"stdin line 2: 'maybe' is not an answer"):
        feed(session, ["2\n", "maybe\x1b[2J\n", "3\n"])
    assert Session.resume(mini, path).answered == 1


def test_lines_survives_a_missing_or_closed_stream(tmp_path: Path) -> None:
    assert list(lines(None)) == []
    handle = (tmp_path / "f.txt").open("w+")
    handle.close()
    assert list(lines(handle)) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("format: cxmaturity.answers/1\nquestionnaire: [", "not valid YAML|expected"),
        ("\x00\x01binary", "binary"),
        ("format: something/else\n", "expected 'cxmaturity.answers/1'"),
        (
            "format: cxmaturity.answers/1\nquestionnaire: {id: cx-core, version: '1.0'}\n"
            "respondent: {name: A, department: sales}\nanswers: {}\n",
            "answers are for questionnaire 'cx-core', not 'mini'",
        ),
        (
            "format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: '1'}\n"
            "respondent: {name: A, department: sales}\nanswers: {}\n",
            "version 1, not version 2",
        ),
        (
            "format: cxmaturity.answers/1\nquestionnaire: {id: mini, version: '2'}\n"
            "respondent: {name: A, department: sales}\nanswers: {q9: 3}\n",
            "unknown question 'q9'",
        ),
    ],
)
def test_a_file_that_does_not_fit_raises_and_is_left_untouched(
    mini: LoadedQuestionnaire, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(content.encode())
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(CxMaturityError, match=message):
        Session.resume(mini, path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_save_interrupted_mid_write_leaves_the_previous_file(
    mini: LoadedQuestionnaire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.record_stage(Stage.ALIGN)
    session.save()
    good = path.read_bytes()

    def ctrl_c(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", ctrl_c)
    session.answers.pop("q1")
    with pytest.raises(KeyboardInterrupt):
        session.save()
    assert path.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "mini.yaml"]


def test_a_save_that_cannot_write_is_a_one_line_error(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    respondent = make_respondent(mini, "Ana Lima", None, "sales")
    # A folder that is a file: nothing can be written.
    session = Session.new(mini, blocker / "a.yaml", respondent)
    with pytest.raises(CxMaturityError, match=r"cannot write: .* is not a folder"):
        session.save()


def test_profile_is_what_scoring_says(mini: LoadedQuestionnaire, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    feed(session, ["2", "3", "5", "unknown"])
    answer_set = read_answer_file(path, in_folder=False, warnings=[])
    assert answer_set is not None
    check_answers(mini, answer_set, [])
    expected = score(mini, [AnswerSet(path, answer_set.file)]).departments[0]
    profile = session.profile()
    assert [(d.id, d.score, d.stage) for d in profile.dimensions] == [
        (d.id, d.score, d.stage) for d in expected.dimensions
    ]
    assert (profile.score, profile.stage) == (expected.score, expected.stage)
    assert profile.dimensions[0].score == 2.5


# -- file names and the resume line -----------------------------------------------------


def test_answer_path_resumes_the_same_person_and_sidesteps_another(tmp_path: Path) -> None:
    def nobody(path: Path) -> bool:
        return False

    first = answer_path(tmp_path, "Ana Lima", "sales", nobody)
    assert first == tmp_path / "sales-ana-lima.yaml"
    first.write_text("x")
    assert answer_path(tmp_path, "ana lima", "sales", lambda p: True) == first
    assert answer_path(tmp_path, "Ana-Lima", "sales", nobody) == tmp_path / "sales-ana-lima-2.yaml"


def test_resume_command_is_quoted_and_names_a_non_default_questionnaire() -> None:
    assert (
        resume_command(Path("out/a b.yaml"), "cx-core") == "cxmaturity survey --out 'out/a b.yaml'"
    )
    assert resume_command(Path("a.yaml"), "my q.yaml") == (
        "cxmaturity survey -q 'my q.yaml' --out a.yaml"
    )


# -- the text field ----------------------------------------------------------------------


def test_editor_types_moves_deletes_and_finishes() -> None:
    editor = Editor("ab", multiline=True)
    for key in ["left", "X", "end", "newline", "c", "home", "delete", "backspace"]:
        assert editor.handle(key) is None
    assert (editor.text, editor.cursor) == ("Xb\nc", 0)
    assert editor.handle("\x1b") is None
    assert editor.text == "Xb\nc"
    assert editor.handle("enter") == "done"
    assert Editor("x").handle("escape") == "cancel"


def test_single_line_editor_ignores_new_lines_and_respects_its_limit() -> None:
    editor = Editor("a\nb", limit=4)
    assert editor.text == "a b"
    for key in ["newline", "c", "d"]:
        editor.handle(key)
    assert editor.text == "a bc"


# -- the journal, the lock and the check before every write ----------------------------


def test_a_long_survey_appends_and_folds_now_and_then(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    whole = path.read_bytes()
    session.record_stage(Stage.ALIGN)
    assert path.read_bytes() == whole  # one line in the journal, not a rewrite
    assert journal_path(path).read_bytes().count(b"\n") == 2  # header and the change
    session.store.finish(session.file_bytes)
    assert not journal_path(path).exists()
    assert "q1: 5" in path.read_text()


def test_a_torn_last_line_or_a_journal_for_other_bytes_is_not_applied(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    session = start(mini, path)
    session.record_stage(Stage.ALIGN)
    journal = journal_path(path)
    with journal.open("ab") as handle:
        handle.write(b'{"id": "q2", "answer": 6, "upd')  # a crash mid-append
    assert Session.resume(mini, path).answers == {
        "q1": AnswerValue(stage=Stage.ALIGN, status="stage")
    }
    # Someone else replaced the file: the journal continues other bytes and is ignored.
    path.write_text(path.read_text().replace("Ana Lima", "Ana M. Lima"))
    assert Session.resume(mini, path).answers == {}


def test_a_second_writer_is_refused_with_the_holder_named(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    first, second = AnswerStore(path), AnswerStore(path)
    first.open()
    with pytest.raises(OutputFileError, match=rf"in use by another survey \(pid {os.getpid()}, "):
        second.open()
    first.close()
    assert not (tmp_path / ".a.yaml.lock").exists()
    second.open()
    second.close()


def test_a_file_changed_underneath_is_kept_and_ours_goes_beside_it(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    respondent = make_respondent(mini, "Ana Lima", None, "sales")
    session = Session.new(mini, path, respondent, clock=lambda: NOON)
    session.store.open()
    session.save()
    session.record_stage(Stage.EXPLORE)
    theirs = b"format: cxmaturity.answers/1\n# someone else's\n"
    path.write_bytes(theirs)
    with pytest.raises(ChangedOnDiskError, match="changed on disk by someone else"):
        session.record_stage(Stage.EMBED)
    with pytest.raises(ChangedOnDiskError):
        session.save()  # and nothing later writes either
    session.store.close()
    assert path.read_bytes() == theirs
    (kept,) = tmp_path.glob("a.yaml.conflict-*")
    assert "q1: 6" in kept.read_text()


def test_a_same_size_rewrite_with_the_old_time_is_still_noticed(
    mini: LoadedQuestionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    respondent = make_respondent(mini, "Ana Lima", None, "sales")
    session = Session.new(mini, path, respondent, clock=lambda: NOON)
    session.store.open()
    session.save()
    before = path.stat()
    theirs = path.read_bytes().replace(b"Ana Lima", b"Ana Lime")
    path.write_bytes(theirs)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(ChangedOnDiskError):
        session.record_stage(Stage.EXPLORE)
    session.store.close()
    assert path.read_bytes() == theirs
