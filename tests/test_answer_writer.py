"""One writer of answer files: the import and the demo write through ``AnswerStore`` as the
survey and the workshop do, so a file a survey holds, or one changed on disk since it was
read, is never silently replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini_workshop import write_questionnaire
from test_csv_import import HEADER, ROWS

from cxmaturity.core.errors import ChangedOnDiskError, CxMaturityError, LockedError
from cxmaturity.formats.answer_store import AnswerStore
from cxmaturity.formats.csvimport import plan_import, write_plan
from cxmaturity.formats.demofolder import check_demo_folder
from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.formats.lock import FileLock
from cxmaturity.usecases.demo import load_demo, write_answers


def test_the_writers_errors_are_in_the_error_tree() -> None:
    assert issubclass(ChangedOnDiskError, CxMaturityError)
    assert issubclass(LockedError, CxMaturityError)
    assert ChangedOnDiskError.__module__ == LockedError.__module__ == "cxmaturity.core.errors"


def test_an_import_never_replaces_a_file_changed_after_it_was_planned(cli, write, tmp_path) -> None:
    q = write_questionnaire(write)
    source = write("in.csv", HEADER + "\n" + ROWS)
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    # Ann's and Bob's answers are corrected in the form and re-imported with --overwrite...
    edited = ROWS.replace("Ann,sales,Head of Sales,4,1", "Ann,sales,Head of Sales,4,4")
    source.write_text(HEADER + "\n" + edited.replace("Bob,Sales,,2", "Bob,Sales,,3"), "utf-8")
    plan = plan_import(source, load_questionnaire(q), out, overwrite=True)
    assert [f.path.name for f in plan.to_write] == ["sales-ann.yaml", "sales-bob.yaml"]
    ann_before = (out / "sales-ann.yaml").read_bytes()
    # ...while Bob corrects his own file by hand, after the import read it.
    bob = out / "sales-bob.yaml"
    by_hand = bob.read_text("utf-8").replace("lead-a: 2", "lead-a: 6")
    bob.write_text(by_hand, "utf-8")
    with pytest.raises(ChangedOnDiskError, match="changed on disk since it was read") as raised:
        write_plan(plan)
    assert "nothing imported: 1 file(s) written before it were undone" in str(raised.value)
    assert bob.read_text("utf-8") == by_hand
    assert (out / "sales-ann.yaml").read_bytes() == ann_before
    assert not list(out.glob(".*"))  # no lock or temp file left behind


def test_an_import_does_not_replace_a_file_a_survey_has_open(cli, write, tmp_path) -> None:
    q = write_questionnaire(write)
    source = write("in.csv", HEADER + "\n" + ROWS)
    out = tmp_path / "answers"
    assert cli("import-csv", source, "-q", q, "--out-dir", out).exit_code == 0
    source.write_text(HEADER + "\n" + ROWS.replace("Dee,Service,,,", "Dee,Service,,1,"), "utf-8")
    dee = out / "service-dee.yaml"
    before = dee.read_bytes()
    survey = AnswerStore(dee)
    survey.open()  # `cxmaturity survey --out answers/service-dee.yaml` is running
    try:
        result = cli("import-csv", source, "-q", q, "--out-dir", out, "--overwrite")
    finally:
        survey.close()
    assert result.exit_code != 0
    assert f"{dee}: in use by another survey (pid " in result.stderr
    assert dee.read_bytes() == before


def test_the_demo_does_not_replace_a_file_a_survey_has_open(tmp_path: Path) -> None:
    loaded = load_questionnaire("cx-core")
    folder = tmp_path / "answers"
    first = write_answers(loaded, folder, load_demo().seed, 3)[0]
    answered = first.read_text("utf-8").replace("updated:", "# answered in a survey\nupdated:")
    first.write_text(answered, "utf-8")
    lock = FileLock(first)
    lock.acquire()
    try:
        with pytest.raises(LockedError, match="in use by another survey"):
            write_answers(loaded, folder, load_demo().seed, 3)
    finally:
        lock.release()
    assert first.read_text("utf-8") == answered


def test_a_demo_killed_mid_write_leaves_a_lock_that_does_not_block_the_next(tmp_path) -> None:
    loaded = load_questionnaire("cx-core")
    written = write_answers(loaded, tmp_path / "answers", load_demo().seed)
    (tmp_path / "answers" / f".{written[0].name}.lock").write_text("pid 1, killed", "utf-8")
    check_demo_folder(tmp_path, {path.name for path in written}, lambda _: False)
