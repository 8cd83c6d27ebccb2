"""Finding and reading questionnaires and the files given on a command line, with located
errors; an answer file itself is read by ``answers``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cxmaturity.core.errors import (
    CxMaturityError,
    InputFileError,
    InvalidFileError,
    ManyErrors,
)
from cxmaturity.core.format_ids import (
    ANSWERS_FORMAT,
    QUESTIONNAIRE_FORMATS,
    SCORES_FORMAT,
    TARGETS_FORMAT,
)
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Questionnaire, check_questionnaire
from cxmaturity.formats import problems
from cxmaturity.formats.bundled import bundled, find
from cxmaturity.formats.yamlio import Document, read_document

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
KNOWN_FORMATS = (*QUESTIONNAIRE_FORMATS, ANSWERS_FORMAT, SCORES_FORMAT, TARGETS_FORMAT)
M = TypeVar("M", bound=BaseModel)
E = TypeVar("E", bound=CxMaturityError)


def bundled_ids() -> list[str]:
    """The bundled questionnaires as ``id@version``, oldest version first."""
    return [b.ref for b in bundled()]


def load_questionnaire(ref: str | Path) -> LoadedQuestionnaire:
    """Load a questionnaire from a file path, or a bundled one by ``id`` or ``id@version``."""
    path = Path(ref)
    if path.suffix.lower() in ANSWER_SUFFIXES or path.exists():
        return questionnaire_from(read_document(path), str(path))
    found = find(str(ref))
    with resources.as_file(found.entry) as real:
        return questionnaire_from(read_document(Path(real)), f"bundled:{found.ref}")


def questionnaire_from(doc: Document, source: str) -> LoadedQuestionnaire:
    """A questionnaire from a document already read."""
    expect_format(doc, *QUESTIONNAIRE_FORMATS)
    model = validate(doc, Questionnaire)
    problems = check_questionnaire(model)
    if problems:
        raise every_problem(
            doc,
            [
                located(doc, loc, _said_where(loc, doc, message), InvalidFileError)
                for loc, message in problems
            ],
        )
    return LoadedQuestionnaire(model, hashlib.sha256(doc.raw).hexdigest(), source)


def file_format(doc: Document) -> str | None:
    """The ``format`` a document declares, or None if it declares none."""
    if not isinstance(doc.data, dict):
        raise InvalidFileError(
            f"expected a mapping at the top level, found {_kind(doc.data)}", doc.path, 1, 1
        )
    value = doc.data.get("format")
    return value if isinstance(value, str) else None


def expect_format(doc: Document, *wanted: str) -> None:
    found = file_format(doc)
    if found not in wanted:
        what = f"format is {found!r}" if found else "no 'format' key"
        expected = " or ".join(repr(w) for w in wanted)
        raise located(doc, ("format",), f"{what}; expected {expected}", InvalidFileError)


def validate(doc: Document, model: type[M]) -> M:
    """Validate a document against a model; every problem becomes a located error."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        found: list[CxMaturityError] = []
        seen: set[str] = set()
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message = _said_where(loc, doc, problems.explain(error))
            if message not in seen:
                seen.add(message)
                found.append(located(doc, loc, message, InvalidFileError))
        raise every_problem(doc, found) from None


def _said_where(loc: Sequence[str | int], doc: Document, message: str) -> str:
    place = problems.where(loc, doc.data)
    return f"{place}: {message}" if place else message


def every_problem(doc: Document, found: Sequence[CxMaturityError]) -> CxMaturityError:
    """One error, or all of them (up to ``problems.MAX_PROBLEMS``), each on its own line."""
    if len(found) == 1:
        return found[0]
    shown = list(found[: problems.MAX_PROBLEMS])
    more = problems.capped(len(found))
    if more:
        shown.append(InvalidFileError(more, doc.path))
    return ManyErrors(shown)


def located(doc: Document, loc: Sequence[str | int], message: str, kind: type[E]) -> E:
    """An error of ``kind`` about ``doc``, placed at the value ``loc`` points to."""
    line, column = doc.locate(loc)
    return kind(message, doc.path, line, column)


def _kind(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "text"
    return type(data).__name__


def collect_paths(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """Expand folders into their answer-like files, sorted; files stay as given.

    Each entry says whether it came from a folder, where other cxmaturity files
    (scores, targets) may sit beside the answers and are skipped.
    """
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            found += [
                (child, True)
                # By name: the same order as sorting the paths (one parent), at a tenth the cost.
                for child in sorted(path.iterdir(), key=lambda child: child.name)
                if child.is_file()
                and child.suffix.lower() in ANSWER_SUFFIXES
                and not child.name.startswith(".")
            ]
        elif not path.exists():
            raise InputFileError("no such file or folder", path)
        else:
            found.append((path, False))
    return found
