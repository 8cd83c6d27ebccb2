"""Every format id is written once, in ``core/format_ids.py``: a second spelling elsewhere is
how two readers of one file come to disagree about its name."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from cxmaturity.core import format_ids

PACKAGE = Path(__file__).resolve().parent.parent / "cxmaturity"
FORMAT_ID = re.compile(r"cxmaturity\.[a-z-]+/\d+")


def spelled_ids(source: str) -> list[tuple[int, str]]:
    """The string constants in ``source`` that are exactly a format id (docstrings quoting one
    in prose are not code)."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and FORMAT_ID.fullmatch(node.value)
    ]


def test_no_module_but_format_ids_spells_a_format_id() -> None:
    home = PACKAGE / "core" / "format_ids.py"
    elsewhere = {
        f"{path.relative_to(PACKAGE)}:{line}: {value}"
        for path in PACKAGE.rglob("*.py")
        if path != home
        for line, value in spelled_ids(path.read_text(encoding="utf-8"))
    }
    assert not elsewhere, sorted(elsewhere)


def test_the_scan_sees_a_spelled_id() -> None:
    planted = 'PLAN = "cxmaturity.plan/2"\n"""A docstring naming cxmaturity.plan/2 is prose."""\n'
    assert spelled_ids(planted) == [(1, "cxmaturity.plan/2")]


def test_every_id_is_well_formed_and_distinct() -> None:
    constants = {n: v for n, v in vars(format_ids).items() if n.isupper() and isinstance(v, str)}
    assert len(constants) == 15
    assert all(FORMAT_ID.fullmatch(v) for v in constants.values())
    assert len(set(constants.values())) == len(constants)
