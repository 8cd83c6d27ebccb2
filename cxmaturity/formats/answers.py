"""How an answer file is named: the one rule the survey, the workshop and the import share."""

from __future__ import annotations

from collections.abc import Iterator

from cxmaturity.core.cleaning import slug

MAX_TWINS = 99
"""``<department>-<name>.yaml`` and at most this many numbered twins of it."""


def stem_of(department: str, name: str) -> str:
    return f"{department}-{slug(name)}"


def file_names(department: str, name: str) -> Iterator[str]:
    """``<department>-<name>.yaml``, then ``…-2.yaml`` up to ``…-99.yaml``."""
    stem = stem_of(department, name)
    for number in range(1, MAX_TWINS + 1):
        yield f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml"


def too_many(department: str, name: str) -> str:
    return f"too many files named {stem_of(department, name)}-*.yaml"
