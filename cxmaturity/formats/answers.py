"""The answer file: how it is written, how it is named, and whose it is.

Every writer of answer files (the survey, the workshop, the import, the demo) turns an
``AnswerFile`` into text here and names the file here, so a file written by one reads
the same to all the others. Reading is ``loading.read_answer_file``; writing goes
through ``answer_store.AnswerStore``; whether two files are one person's is
``core.scoring.person_key``, the rule scoring drops duplicates by.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from cxmaturity.core.cleaning import slug
from cxmaturity.core.errors import UsageError
from cxmaturity.core.model import AnswerFile
from cxmaturity.formats.yamlio import dump_yaml

MAX_TWINS = 99
"""``<department>-<name>.yaml`` and at most this many numbered twins of it."""

# -- writing ----------------------------------------------------------------------------


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
