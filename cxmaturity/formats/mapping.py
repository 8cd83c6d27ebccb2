"""Mapping files (``cxmaturity.mapping/1``): which question of one questionnaire version
asks the same thing as which question of another. Bundled beside the questionnaires as
``<id>-<from>-to-<to>.yaml``; read and checked here with located errors.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import Field, StringConstraints

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.format_ids import MAPPING_FORMAT, MappingId
from cxmaturity.core.model import Id, Model, Questionnaire
from cxmaturity.core.versions import Mapping
from cxmaturity.formats.bundled import mapping_entry, ref_for
from cxmaturity.formats.loading import expect_format, load_questionnaire, located, validate
from cxmaturity.formats.yamlio import Document, read_document


class VersionRef(Model):
    id: Id
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]


class MappingFile(Model):
    format: MappingId
    from_: VersionRef = Field(alias="from")
    to: VersionRef
    questions: dict[Id, Id] = Field(min_length=1)


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
