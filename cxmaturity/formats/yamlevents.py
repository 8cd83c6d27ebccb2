"""Plain data straight from YAML parse events, and locations found the same way.

PyYAML's usual path composes a node (with two position marks) for every value before
building anything, which costs about half a kilobyte per item and, in pure Python,
a minute for a large file. Here the parser (libyaml's when present) is read one event at
a time and the data is built as the events arrive: memory holds only the data, nesting
is counted as it goes (so no C recursion can overflow), and an alias is refused where it
stands. Locating a value for an error message streams the events once more and builds
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from cxmaturity.core.errors import SyntaxProblem

MAX_DEPTH = 64

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.loader import BaseLoader as _Parser  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# No number in these files needs more digits; Python refuses to read past 4,300 anyway,
# and long ones cost quadratic time to convert.
MAX_DIGITS = 30
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class _Resolver(Resolver):
    """YAML 1.2 style booleans: only true/false, so a respondent called ``no`` stays "no"."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_IMPLICIT = _Resolver.yaml_implicit_resolvers
# SafeConstructor's scalar constructors (float, bool, null, timestamp) only read a node's
# value, so one constructor instance serves every file.
_SCALARS = SafeConstructor()


_CACHED_LENGTH = 24
_CACHE_SIZE = 4096
# What a short plain scalar resolves to depends on its text alone and is immutable, and
# answer files repeat the same few ("3", "unknown", "q-01", "comment") file after file;
# so each is worked out once per process, in a cache that is emptied when it fills.
_PLAIN: dict[str, Any] = {}


def _where(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _problem(message: str, event: Any) -> SyntaxProblem:
    line, column = _where(event.start_mark)
    return SyntaxProblem(message, line=line, column=column)


def _tag(event: Any, kind: type) -> str:
    tag = event.tag
    if tag is not None and tag != "!":
        return str(tag)
    if kind is not ScalarNode:
        return _SEQ if kind is SequenceNode else _MAP
    if event.implicit[0]:
        value = event.value
        for tag, regexp in _IMPLICIT.get(value[:1], ()):
            if regexp.match(value):
                return str(tag)
    return _STR


def _scalar(event: Any) -> Any:
    if event.tag is None:
        value = event.value
        if not event.implicit[0]:  # quoted or a block: text, whatever it looks like
            return value
        if len(value) <= _CACHED_LENGTH:
            try:
                return _PLAIN[value]
            except KeyError:
                if len(_PLAIN) >= _CACHE_SIZE:
                    _PLAIN.clear()
                resolved = _PLAIN[value] = _construct(event)
                return resolved
    return _construct(event)


def _construct(event: Any) -> Any:
    tag = _tag(event, ScalarNode)
    value = event.value
    if tag == _STR:
        return value
    if tag == _INT:
        return _integer(event)
    if tag == _FLOAT and ":" in value:
        raise _problem(_OLD_NUMBER.format(value=_short(value), form="a base-60 number"), event)
    if len(value) > 2 * MAX_DIGITS + 10 and tag in (_FLOAT, _TIMESTAMP):
        raise _problem(f"{_short(value)} is too long to be a number or a date", event)
    if tag in _SCALAR_TAGS:
        node = ScalarNode(tag, value, event.start_mark, event.end_mark)
        try:
            return _SCALARS.yaml_constructors[tag](_SCALARS, node)
        except (ValueError, OverflowError) as exc:
            # 2026-02-30, month 13 or hour 25 pass the resolver's pattern but no calendar.
            kind = "date or time" if tag == _TIMESTAMP else "number"
            raise _problem(f"{_short(value)} is not a valid {kind} ({exc})", event) from None
    raise _refused(tag, event)


_OLD_NUMBER = (
    "{value} is {form}, a YAML 1.1 form that is not read here; write a plain number "
    "or put the text in quotes"
)


def _integer(event: Any) -> int:
    # YAML 1.1 also reads 0x1F, 0o17, 017, 0b101, 1_000 and base-60 1:30 as integers;
    # PyYAML converts base 60 in quadratic time (a 2 MB answer hangs a minute), and an
    # answer of 0x3 would be counted as 3. Only plain decimal digits are numbers here.
    value = event.value
    if not _PLAIN_INT.match(value):
        raise _problem(_OLD_NUMBER.format(value=_short(value), form=_int_form(value)), event)
    if len(value.lstrip("+-")) > MAX_DIGITS:
        raise _problem(f"a number with more than {MAX_DIGITS} digits is not allowed", event)
    return int(value)


def _int_form(value: str) -> str:
    body = value.lstrip("+-").lower()
    if ":" in body:
        return "a base-60 number"
    if body.startswith("0x"):
        return "a hexadecimal number"
    if body.startswith("0b"):
        return "a binary number"
    if "_" in body:
        return "a number with underscores"
    return "an octal number"


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _refused(tag: str, event: Any) -> SyntaxProblem:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return _problem(f"the tag {shown} is not allowed; only plain data is read", event)


class _Builder:
    """Builds one document's data from a parser's events."""

    def __init__(self, text: str) -> None:
        self.parser = _Parser(text)

    def document(self) -> Any:
        next_event = self.parser.get_event
        next_event()  # stream start
        if isinstance(self.parser.peek_event(), yaml.StreamEndEvent):
            return None
        next_event()  # document start
        data = self.value(next_event(), 1)
        next_event()  # document end
        extra = next_event()
        if not isinstance(extra, yaml.StreamEndEvent):
            raise _problem("expected one document, found another", extra)
        return data

    def value(self, event: Any, depth: int) -> Any:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            return _scalar(event)
        if kind is yaml.AliasEvent:
            raise _problem("aliases (*name) are not allowed", event)
        if depth > MAX_DEPTH:
            raise _problem(f"nested deeper than {MAX_DEPTH} levels", event)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(event, depth)
        return self.mapping(event, depth)

    # The two loops below read a scalar without going through `value`: nearly every
    # event is one, and a call less per event is a good part of the time per file.
    def sequence(self, event: Any, depth: int) -> list[Any]:
        if _tag(event, SequenceNode) != _SEQ:
            raise _refused(event.tag, event)
        items = []
        next_event = self.parser.get_event
        end = yaml.SequenceEndEvent
        scalar = yaml.ScalarEvent
        while (kind := type(item := next_event())) is not end:
            items.append(_scalar(item) if kind is scalar else self.value(item, depth + 1))
        return items

    def mapping(self, event: Any, depth: int) -> dict[Any, Any]:
        if _tag(event, MappingNode) != _MAP:
            raise _refused(event.tag, event)
        data: dict[Any, Any] = {}
        next_event = self.parser.get_event
        end = yaml.MappingEndEvent
        scalar = yaml.ScalarEvent
        while (kind := type(key_event := next_event())) is not end:
            key = _scalar(key_event) if kind is scalar else self.value(key_event, depth + 1)
            try:
                duplicate = key in data
            except TypeError:
                raise _problem("a mapping key must be plain text", key_event) from None
            if duplicate:
                raise _problem(f"duplicate key {key!r}", key_event)
            item = next_event()
            data[key] = _scalar(item) if type(item) is scalar else self.value(item, depth + 1)
        return data


def load(text: str) -> Any:
    """The plain data of a one-document YAML text.

    Raises SyntaxProblem (with line and column, no path) for what is refused, and
    ``yaml.MarkedYAMLError`` for text that is not YAML at all.
    """
    builder = _Builder(text)
    try:
        return builder.document()
    finally:
        builder.parser.dispose()


def locate(text: str, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the value at ``loc``, or of its nearest parent."""
    parser = _Parser(text)
    try:
        parser.get_event()  # stream start
        if isinstance(parser.peek_event(), yaml.StreamEndEvent):
            return None, None
        parser.get_event()  # document start
        return _descend(parser, parser.get_event(), loc)
    except yaml.YAMLError:
        return None, None
    finally:
        parser.dispose()


def _descend(parser: Any, event: Any, loc: Sequence[str | int]) -> tuple[int, int]:
    where = _where(event.start_mark)
    for step in loc:
        found = None
        if isinstance(event, yaml.MappingStartEvent):
            found = _in_mapping(parser, str(step))
        elif isinstance(event, yaml.SequenceStartEvent) and isinstance(step, int):
            found = _in_sequence(parser, step)
        if found is None:
            break
        where, event = found
    return where


def _in_mapping(parser: Any, key: str) -> tuple[tuple[int, int], Any] | None:
    while not isinstance(key_event := parser.get_event(), yaml.MappingEndEvent):
        if isinstance(key_event, yaml.ScalarEvent) and key_event.value == key:
            return _where(key_event.start_mark), parser.get_event()
        _skip(parser, key_event)
        _skip(parser, parser.get_event())
    return None


def _in_sequence(parser: Any, index: int) -> tuple[tuple[int, int], Any] | None:
    position = 0
    while not isinstance(item := parser.get_event(), yaml.SequenceEndEvent):
        if position == index:
            return _where(item.start_mark), item
        _skip(parser, item)
        position += 1
    return None


def _skip(parser: Any, event: Any) -> None:
    """Consume the rest of the value that ``event`` starts."""
    if not isinstance(event, yaml.CollectionStartEvent):
        return
    depth = 1
    while depth:
        kind = type(parser.get_event())
        if kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            depth += 1
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            depth -= 1
