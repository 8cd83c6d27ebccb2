"""Every YAML and JSON read and write goes through here.

Reading is safe and strict: no tags beyond plain data, no aliases, no duplicate keys,
``yes``/``no``/``on``/``off`` stay text, and size and nesting are capped. Errors carry
the file, line and column. Writing goes through ``formats.atomic``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cxmaturity.core.errors import SyntaxProblem
from cxmaturity.formats import yamlevents
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.problems import tab_message
from cxmaturity.formats.reading import decode_utf8, read_input

__all__ = ["MAX_BYTES", "Document", "dump_yaml", "read_bytes", "read_document", "write_atomic"]

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = yamlevents.MAX_DEPTH
_LIBYAML_DEPTH = "maximum nesting depth"


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, where it came from, and its raw bytes."""

    path: Path
    data: Any
    raw: bytes

    def locate(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``loc``, or of its nearest parent."""
        try:
            text = self.raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, None
        return yamlevents.locate(text, loc)


def read_document(path: Path) -> Document:
    """Read a YAML or JSON file (chosen by suffix) with every guard in place."""
    raw = read_bytes(path)
    text = decode_utf8(raw, path)
    if not text.strip():
        raise SyntaxProblem("the file is empty", path)
    if path.suffix.lower() == ".json":
        return Document(path, _load_json(text, path), raw)
    return Document(path, _load_yaml(text, path), raw)


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes under the input rule (a regular file, within the size cap)."""
    return read_input(path, MAX_BYTES)


def _load_yaml(text: str, path: Path) -> Any:
    try:
        return yamlevents.load(text)
    except SyntaxProblem as exc:
        exc.path = str(path)
        raise
    except yaml.MarkedYAMLError as exc:
        raise _located(exc, path, text) from None
    except yaml.YAMLError as exc:
        raise SyntaxProblem(f"not valid YAML: {exc}", path) from None


def _located(exc: yaml.MarkedYAMLError, path: Path, text: str = "") -> SyntaxProblem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "not valid YAML"
    problem = tab_message(problem, text, mark.line, mark.column) if mark else problem
    if _LIBYAML_DEPTH in problem:
        # libyaml (PyYAML 6.0.4 on) scans a deep flow ahead and stops it at its own limit
        # before our 64-level check sees the events: same fault, so the same words.
        problem = f"nested deeper than {MAX_DEPTH} levels"
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return SyntaxProblem(problem, path, line, column)


def _load_json(text: str, path: Path) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise SyntaxProblem(f"duplicate key {key!r}", path)
            result[key] = value
        return result

    try:
        return json.loads(
            text,
            object_pairs_hook=no_duplicates,
            parse_constant=_no_constant,
            parse_int=_json_int,
            parse_float=_json_float,
        )
    except _BadNumber as exc:
        # The hooks do not know where they are; the first such number in the text does.
        line, column = _position(text, exc.text)
        raise SyntaxProblem(exc.message, path, line, column) from None
    except json.JSONDecodeError as exc:
        raise SyntaxProblem(f"not valid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    except RecursionError:
        raise SyntaxProblem(f"nested deeper than {MAX_DEPTH} levels", path) from None


def _no_constant(name: str) -> Any:
    raise SyntaxProblem(f"{name} is not allowed in JSON")


class _BadNumber(SyntaxProblem):
    def __init__(self, message: str, text: str) -> None:
        super().__init__(message)
        self.message = message
        self.text = text


def _json_int(digits: str) -> int:
    # Python refuses past 4,300 digits with a ValueError, and converting is quadratic.
    if len(digits.lstrip("-")) > yamlevents.MAX_DIGITS:
        raise _BadNumber(f"a number with more than {yamlevents.MAX_DIGITS} digits", digits)
    return int(digits)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * yamlevents.MAX_DIGITS:
        raise _BadNumber(f"the number {text[:40]} is too large", text)
    return value


def _position(text: str, needle: str) -> tuple[int | None, int | None]:
    at = text.find(needle)
    if at < 0:
        return None, None
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def dump_yaml(data: Any) -> str:
    """Plain, block-style YAML that round-trips through ``read_document``."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# libyaml's emitter writes the same text about eight times faster; the survey and the
# workshop server write a whole answer file on every answer.
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: Any, value: str) -> yaml.ScalarNode:
    # Quote words that YAML 1.1 readers would turn into booleans, so other tools agree.
    style = '"' if value.lower() in _YAML11_BOOLS else None
    if "\n" in value:
        style = "|"
    node: yaml.ScalarNode = dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)
    return node


_YAML11_BOOLS = {"y", "n", "yes", "no", "on", "off", "true", "false"}
_Dumper.add_representer(str, _str_representer)
