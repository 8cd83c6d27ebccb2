"""The answer file: how it is read, written and named, and whose it is.

Every reader of answer files (scoring, the survey, the workshop) reads one here, with a
journal a hard-stopped survey left replayed; every writer (the survey, the workshop,
the import, the demo) turns an ``AnswerFile`` into text here and names the file here,
so a file written by one reads the same to all the others. The bytes go to disk through
``answer_store.AnswerStore``; whether two files are one person's is
``core.answer_file.person_key``, the rule scoring drops duplicates by.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cxmaturity.core.answer_file import AnswerFile
from cxmaturity.core.cleaning import slug
from cxmaturity.core.errors import MismatchError, UsageError
from cxmaturity.core.format_ids import ANSWERS_FORMAT, CONSENSUS_FORMAT
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.formats.journal import replay
from cxmaturity.formats.loading import KNOWN_FORMATS, expect_format, file_format, located, validate
from cxmaturity.formats.yamlio import Document, dump_yaml, read_document

MAX_TWINS = 99
"""``<department>-<name>.yaml`` and at most this many numbered twins of it."""

# -- reading ----------------------------------------------------------------------------


def read_answer_file(path: Path, in_folder: bool, warnings: list[str]) -> AnswerSet | None:
    """Read one answer file; None when a folder holds another kind of cxmaturity file."""
    return answers_from(read_document(path), in_folder, warnings)


def answers_from(doc: Document, in_folder: bool, warnings: list[str]) -> AnswerSet | None:
    """``read_answer_file`` for a document already read."""
    # A survey that stopped hard (kill -9, power cut) left its last answers in a journal.
    replay(doc.path, doc.raw, doc.data)
    fmt = file_format(doc)
    if in_folder and fmt == CONSENSUS_FORMAT:
        return None  # the workshop's agreed stages: read by scoring, not a respondent
    if in_folder and fmt in KNOWN_FORMATS and fmt != ANSWERS_FORMAT:
        warnings.append(f"{doc.path}: skipped, it is a {fmt} file, not answers")
        return None
    expect_format(doc, ANSWERS_FORMAT)
    return AnswerSet(doc.path, validate(doc, AnswerFile))


def check_answers(loaded: LoadedQuestionnaire, answer_set: AnswerSet, warnings: list[str]) -> None:
    """Raise on answers that cannot belong to this questionnaire; warn on softer mismatches.

    An unknown question id is an error when the file claims the same questionnaire
    version (a typo or a damaged file), and only a warning across versions, where
    questions may have been retired.
    """
    q = loaded.model
    ref = answer_set.file.questionnaire
    path = answer_set.path
    if ref.id != q.id:
        raise _answer_error(
            answer_set,
            ("questionnaire", "id"),
            f"answers are for questionnaire {ref.id!r}, not {q.id!r}",
        )
    department = answer_set.file.respondent.department
    if q.department(department) is None:
        raise _answer_error(
            answer_set, ("respondent", "department"), f"unknown department {department!r}"
        )
    same_version = ref.version == q.version
    if not same_version:
        warnings.append(
            f"{path}: answers are for {q.id} version {ref.version}; scoring against {q.version}"
        )
    elif ref.sha256 and ref.sha256 != loaded.sha256:
        warnings.append(
            f"{path}: the questionnaire file has changed since these answers were given"
        )
    answers = answer_set.file.answers
    if answers.keys() <= q.applicable_ids.get(department, frozenset()):
        return  # every answer is to a question of this version that applies: nothing to say
    for question_id in answers:
        question = q.question(question_id)
        if question is None and same_version:
            raise _answer_error(
                answer_set, ("answers", question_id), f"unknown question {question_id!r}"
            )
        if question is None:
            warnings.append(f"{path}: ignored answer to unknown question {question_id!r}")
        elif not question.applies_to(department):
            warnings.append(
                f"{path}: ignored answer to {question_id!r}, which does not apply to {department!r}"
            )


def _answer_error(answer_set: AnswerSet, loc: tuple[str, ...], message: str) -> MismatchError:
    # Only the failing file is read again, to place the error; good files never are.
    return located(read_document(answer_set.path), loc, message, MismatchError)


# -- writing ----------------------------------------------------------------------------


def answer_head(loaded: LoadedQuestionnaire) -> dict[str, Any]:
    """The keys every answer file for ``loaded`` starts with: its format, and the
    questionnaire it answers (id, version, and the SHA-256 of the file it was read from)."""
    q = loaded.model
    ref = {"id": q.id, "version": q.version, "sha256": loaded.sha256}
    return {"format": ANSWERS_FORMAT, "questionnaire": ref}


def answer_text(file: AnswerFile, as_json: bool = False) -> str:
    """The whole file as written: YAML, or JSON (indented) for a ``.json`` file."""
    data = file.to_data()
    if as_json:
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return dump_yaml(data)


def answer_bytes(file: AnswerFile, path: Path) -> bytes:
    """The file as written at ``path``: JSON for a ``.json`` path, else YAML."""
    return answer_text(file, path.suffix.lower() == ".json").encode("utf-8")


def answer_text_of(data: Mapping[str, Any]) -> str:
    """Answer-file data as YAML, through the model: what is written reads back as valid."""
    return answer_text(AnswerFile.model_validate(data))


# -- naming -----------------------------------------------------------------------------


def stem_of(department: str, name: str) -> str:
    return f"{department}-{slug(name)}"


def file_names(department: str, name: str) -> Iterator[str]:
    """``<department>-<name>.yaml``, then ``…-2.yaml`` up to ``…-99.yaml``."""
    stem = stem_of(department, name)
    for number in range(1, MAX_TWINS + 1):
        yield f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"


def too_many(department: str, name: str) -> str:
    return f"too many files named {stem_of(department, name)}-*.yaml"


def candidates(out_dir: Path, name: str, department: str) -> Iterator[Path]:
    """``DIR/<department>-<name>.yaml``, then ``...-2.yaml`` and on, up to the first free one."""
    for file_name in file_names(department, name):
        candidate = out_dir / file_name
        yield candidate
        if not candidate.exists():
            return
    raise UsageError(too_many(department, name), out_dir)


def answer_path(
    out_dir: Path, name: str, department: str, is_theirs: Callable[[Path], bool]
) -> Path:
    """The first candidate that is free or that ``is_theirs`` claims (then it is resumed)."""
    for candidate in candidates(out_dir, name, department):
        if not candidate.exists() or is_theirs(candidate):
            return candidate
    raise AssertionError("candidates end with a free path")  # pragma: no cover
