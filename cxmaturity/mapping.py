"""Comparing across questionnaire versions on the questions they share.

A mapping file (``cxmaturity.mapping/1``, bundled beside the questionnaires as
``<id>-<from>-to-<to>.yaml``) pairs each question of the older version with the question
of the newer one that asks the same thing. ``compare`` then scores both sides on the newer
version restricted to those questions, so a change is not an artefact of new questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from cxmaturity.assess import Assessment
from cxmaturity.bundled import mapping_entry, ref_for
from cxmaturity.errors import InvalidFileError
from cxmaturity.loading import (
    AnswerSet,
    LoadedQuestionnaire,
    check_answers,
    expect_format,
    load_questionnaire,
    located,
    validate,
)
from cxmaturity.model import MAPPING_FORMAT, Id, Questionnaire, QuestionnaireRef, _Model
from cxmaturity.scoring import score
from cxmaturity.yamlio import Document, read_document


class VersionRef(_Model):
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class MappingFile(_Model):
    format: Literal["cxmaturity.mapping/1"]
    from_: VersionRef = Field(alias="from")
    to: VersionRef
    questions: dict[Id, Id] = Field(min_length=1)


@dataclass(frozen=True)
class Mapping:
    source: str
    questions: dict[str, str]
    """Older question id -> newer question id."""


def read_mapping(path: Path, older: Questionnaire, newer: Questionnaire) -> Mapping:
    """Read a mapping file and check it against the two versions it joins."""
    doc = read_document(path)
    expect_format(doc, MAPPING_FORMAT)
    data = validate(doc, MappingFile)
    for key, q in (("from", older), ("to", newer)):
        ref = data.from_ if key == "from" else data.to
        if (ref.id, ref.version) != (q.id, q.version):
            message = f"{key} is {ref.id} {ref.version}, expected {q.id} {q.version}"
            raise located(doc, (key,), message, InvalidFileError)
    seen: dict[str, str] = {}
    for old_id, new_id in data.questions.items():
        if older.question(old_id) is None:
            raise _bad(doc, old_id, f"{old_id!r} is not a question of {older.id} {older.version}")
        if newer.question(new_id) is None:
            raise _bad(doc, old_id, f"{new_id!r} is not a question of {newer.id} {newer.version}")
        if new_id in seen:
            raise _bad(doc, old_id, f"{new_id!r} is already the match of {seen[new_id]!r}")
        seen[new_id] = old_id
    return Mapping(str(path), dict(data.questions))


def check_mapping_file(path: Path) -> str:
    """Check a mapping file against the bundled versions it names; a one-line summary."""
    doc = read_document(path)
    expect_format(doc, MAPPING_FORMAT)
    data = validate(doc, MappingFile)
    sides = []
    for key, ref in (("from", data.from_), ("to", data.to)):
        bundled_ref = ref_for(ref.id, ref.version)
        if bundled_ref is None:
            message = f"{key}: {ref.id} {ref.version} is not a bundled questionnaire"
            raise located(doc, (key,), message, InvalidFileError)
        sides.append(load_questionnaire(bundled_ref).model)
    mapping = read_mapping(path, sides[0], sides[1])
    return (
        f"mapping {data.from_.id} {data.from_.version} -> {data.to.version}, "
        f"{len(mapping.questions)} shared questions"
    )


def _bad(doc: Document, old_id: str, message: str) -> InvalidFileError:
    return located(doc, ("questions", old_id), message, InvalidFileError)


def bundled_mapping(qid: str, from_version: str, to: Questionnaire) -> Mapping | None:
    """The bundled mapping from ``qid`` ``from_version`` to ``to``, if both ship."""
    entry = mapping_entry(qid, from_version, to.version)
    older_ref = ref_for(qid, from_version)
    if entry is None or older_ref is None or to.id != qid:
        return None
    older = load_questionnaire(older_ref).model
    with resources.as_file(entry) as real:
        return read_mapping(Path(real), older, to)


def restricted(q: Questionnaire, question_ids: set[str]) -> Questionnaire:
    """``q`` with only the given questions, and only the dimensions that keep one."""
    questions = [question for question in q.questions if question.id in question_ids]
    kept = {question.dimension for question in questions}
    fields = {name: getattr(q, name) for name in type(q).model_fields}
    fields |= {
        "questions": questions,
        "dimensions": [d for d in q.dimensions if d.id in kept],
        "recommendations": {k: v for k, v in q.recommendations.items() if k in kept},
    }
    # Built from an already validated questionnaire, so validating again would add nothing.
    return Questionnaire.model_construct(**fields)


def translated(answer_set: AnswerSet, mapping: Mapping, to: Questionnaire) -> AnswerSet:
    """An older answer file as if given on the newer version: mapped answers only."""
    file = answer_set.file
    answers = {mapping.questions[k]: v for k, v in file.answers.items() if k in mapping.questions}
    ref = QuestionnaireRef(id=to.id, version=to.version)
    return AnswerSet(
        answer_set.path, file.model_copy(update={"answers": answers, "questionnaire": ref})
    )


def _only(answer_set: AnswerSet, question_ids: set[str]) -> AnswerSet:
    file = answer_set.file
    answers = {k: v for k, v in file.answers.items() if k in question_ids}
    return AnswerSet(answer_set.path, file.model_copy(update={"answers": answers}))


@dataclass(frozen=True)
class Bridged:
    baseline: Assessment
    current: Assessment
    note: str


def on_shared_questions(baseline_sets: Sequence[AnswerSet], current: Assessment) -> Bridged | None:
    """Both sides re-scored on the questions two versions share, when a mapping ships for
    the version the baseline's answers were given on; None when no bridge applies."""
    q = current.questionnaire.model
    refs = {(s.file.questionnaire.id, s.file.questionnaire.version) for s in baseline_sets}
    if len(refs) != 1:
        return None
    qid, version = refs.pop()
    if qid != q.id or version == q.version:
        return None
    mapping = bundled_mapping(qid, version, q)
    if mapping is None:
        return None
    shared = restricted(q, set(mapping.questions.values()))
    loaded = LoadedQuestionnaire(shared, current.questionnaire.sha256, current.questionnaire.source)
    ids = set(mapping.questions.values())
    sides = []
    before = [translated(s, mapping, q) for s in baseline_sets]
    for sets in (before, [_only(s, ids) for s in current.answer_sets]):
        warnings: list[str] = []
        for answer_set in sets:
            check_answers(loaded, answer_set, warnings)
        sides.append(Assessment(loaded, tuple(sets), score(loaded, sets, None, warnings)))
    note = (
        f"compared on the {len(mapping.questions)} questions {qid} {version} and {q.version} "
        f"share ({Path(mapping.source).name}); questions new in {q.version} are left out"
    )
    return Bridged(sides[0], sides[1], note)
