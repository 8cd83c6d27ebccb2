"""Validation problems in the words of the file: where (by id and key, not list index) and
what to do about YAML's usual traps.

pydantic says ``questions.0.options.0: Input should be a valid string``; a person editing
the file wants ``questions[q1].options, item 1: …`` and, when the cause is YAML reading
``a: b`` as a key and a value, to be told to quote it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MAX_PROBLEMS = 20
"""At most this many problems are listed for one file; the last line counts the rest."""


def where(loc: Sequence[str | int], data: Any) -> str:
    """``questions[q1].options, item 2``: list items by their ``id`` where they have one."""
    text = ""
    node = data
    for part in loc:
        if part == "[key]":
            continue  # pydantic's marker for a mapping's key: the key itself is named already
        child = _child(node, part)
        if isinstance(part, int):
            item_id = child.get("id") if isinstance(child, dict) else None
            if isinstance(item_id, str) and item_id:
                text += f"[{item_id}]"
            else:
                text += f", item {part + 1}"
        else:
            text += f".{part}" if text else str(part)
        node = child
    return text


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    if isinstance(node, dict):
        return node.get(part)
    return None


def explain(error: Mapping[str, Any]) -> str:
    """One pydantic error as a sentence, with the hint for a YAML trap where one applies."""
    kind, value = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    message = str(error["msg"])
    if kind == "string_type":
        return message + _string_hint(value)
    return message


def _string_hint(value: Any) -> str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return f'; put it in quotes ("{value}"): unquoted, YAML reads it as a number' + (
            " and drops trailing zeros" if isinstance(value, float) else ""
        )
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        return (
            f'; put it in quotes ("{key}: {inner}"): a colon followed by a space makes YAML '
            "read a key and a value"
        )
    return ""


def tab_message(problem: str, text: str, line: int, column: int) -> str:
    """One message for a tab where YAML wants spaces, whatever the parser called it.

    libyaml says "found character that cannot start any token" without naming the tab,
    PyYAML "found a tab character that violates indentation": the fix is the same.
    """
    lines = text.splitlines()
    at = lines[line][column : column + 1] if 0 <= line < len(lines) else ""
    if at == "\t" or "tab character" in problem:
        return "a tab character: YAML indents with spaces only, so replace the tab with spaces"
    return problem


def capped(count: int) -> str | None:
    """The closing line when a file has more problems than are listed."""
    if count <= MAX_PROBLEMS:
        return None
    return f"… and {count - MAX_PROBLEMS} more problems (the first {MAX_PROBLEMS} are listed)"
