"""Every YAML and JSON read and write goes through here.

Reading is safe and strict: no tags beyond plain data, no aliases, no duplicate keys,
``yes``/``no``/``on``/``off`` stay text, and size and nesting are capped. Errors carry
the file, line and column. Writing is atomic: temp file, fsync, ``os.replace``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from cxmaturity.errors import InputFileError, OutputFileError, SyntaxProblem

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64
# libyaml's composer recurses in C and overflows the stack on very deep nesting, so files
# that could nest deeper than this go through the pure-Python composer, which counts.
_C_DEPTH_BUDGET = 1000

try:
    from yaml.cyaml import CParser as _FastParser  # type: ignore[attr-defined]

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    HAVE_LIBYAML = False


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_INT = re.compile(r"^(?:0|[1-9][0-9]*)$")


class _Resolver(Resolver):
    """YAML 1.2 style booleans: only true/false, so a respondent called ``no`` stays "no"."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # A lean version of Resolver.resolve: this runs once per scalar, and path
        # resolvers are never used here.
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag  # type: ignore[no-any-return]
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


class _Constructor(SafeConstructor):
    """Builds plain data only, refusing duplicate keys, deep nesting and every other tag.

    It replaces SafeConstructor's generic, generator-based construction, which is
    most of the cost of reading an answer file.
    """

    def construct_document(self, node: Node) -> Any:
        return self._build(node, 1)

    def _build(self, node: Node, depth: int) -> Any:
        if depth > MAX_DEPTH:
            line, column = _position(node.start_mark)
            raise SyntaxProblem(f"nested deeper than {MAX_DEPTH} levels", line=line, column=column)
        tag = node.tag
        if isinstance(node, ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _INT and _PLAIN_INT.match(node.value):
                return int(node.value)
            if tag in _SCALAR_TAGS:
                return self.yaml_constructors[tag](self, node)
        elif isinstance(node, MappingNode) and tag == _MAP:
            return self._mapping(node, depth)
        elif isinstance(node, SequenceNode) and tag == _SEQ:
            return [self._build(child, depth + 1) for child in node.value]
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise ConstructorError(
            None, None, f"the tag {shown} is not allowed; only plain data is read", node.start_mark
        )

    def _mapping(self, node: MappingNode, depth: int) -> dict[Any, Any]:
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._build(key_node, depth + 1)
            try:
                duplicate = key in data
            except TypeError:
                raise ConstructorError(
                    None, None, "a mapping key must be plain text", key_node.start_mark
                ) from None
            if duplicate:
                raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            data[key] = self._build(value_node, depth + 1)
        return data


class _CountingComposer(Composer):
    """Composes nodes while refusing aliases and nesting beyond ``MAX_DEPTH``."""

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        line, column = _position(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            raise SyntaxProblem("aliases (*name) are not allowed", line=line, column=column)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise SyntaxProblem(f"nested deeper than {MAX_DEPTH} levels", line=line, column=column)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _position(mark: Any) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


class _SafeLoader(Reader, Scanner, Parser, _CountingComposer, _Constructor, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _CountingComposer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


if HAVE_LIBYAML:

    class _FastLoader(_FastParser, _Constructor, _Resolver):
        def __init__(self, stream: str) -> None:
            _FastParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)


@dataclass(frozen=True)
class Document:
    """A parsed file: its data, where it came from, and its raw bytes."""

    path: Path
    data: Any
    raw: bytes

    def locate(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``loc``, or of its nearest parent."""
        try:
            node = _compose(self.raw.decode("utf-8"), self.path)
        except Exception:
            return None, None
        return _walk(node, loc)


def read_document(path: Path) -> Document:
    """Read a YAML or JSON file (chosen by suffix) with every guard in place."""
    raw = read_bytes(path)
    text = _decode(raw, path)
    if not text.strip():
        raise SyntaxProblem("the file is empty", path)
    if path.suffix.lower() == ".json":
        return Document(path, _load_json(text, path), raw)
    return Document(path, _load_yaml(text, path), raw)


def read_bytes(path: Path) -> bytes:
    """Read a file's bytes, refusing what is missing, not a file, or over the size cap."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputFileError("not a file", path)
        if size > MAX_BYTES:
            raise InputFileError(f"the file is {size:,} bytes; the limit is {MAX_BYTES:,}", path)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError("no such file", path) from None
    except IsADirectoryError:
        raise InputFileError("not a file", path) from None
    except PermissionError:
        raise InputFileError("permission denied", path) from None
    except OSError as exc:
        raise InputFileError(exc.strerror or str(exc), path) from None


def _decode(raw: bytes, path: Path) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SyntaxProblem(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); is this a binary file?",
            path,
            line,
            column,
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise SyntaxProblem("contains a NUL byte; is this a binary file?", path, line) from None
    return text


def _load_yaml(text: str, path: Path) -> Any:
    if HAVE_LIBYAML and _fits_fast_path(text):
        loader: Any = _FastLoader(text)
    else:
        loader = _SafeLoader(text)
    try:
        return loader.get_single_data()
    except SyntaxProblem as exc:
        exc.path = str(path)
        raise
    except yaml.MarkedYAMLError as exc:
        raise _located(exc, path) from None
    except yaml.YAMLError as exc:
        raise SyntaxProblem(f"not valid YAML: {exc}", path) from None
    finally:
        loader.dispose()


def _fits_fast_path(text: str) -> bool:
    # Anchors and aliases always take the careful path, which rejects aliases with a location.
    if "*" in text or "&" in text:
        return False
    # Every level of nesting needs an indicator, so their count bounds the depth.
    flow = text.count("[") + text.count("{")
    block = text.count("-") + text.count(":") + text.count("?")
    if flow + block < _C_DEPTH_BUDGET:
        return True
    # Long files have many indicators but shallow structure. A nested block collection is
    # indented further than its parent, save compact entries on one line ("- - x") and a
    # sequence at its key's indentation; so indentation and per-line indicators bound it.
    lines = text.splitlines()
    indent = max(len(line) - len(line.lstrip(" ")) for line in lines)
    compact = max(line.count("- ") + line.count("? ") + line.count(": ") for line in lines)
    return flow + 2 * (indent + 1) + compact + 1 < _C_DEPTH_BUDGET


def _located(exc: yaml.MarkedYAMLError, path: Path) -> SyntaxProblem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "not valid YAML"
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
        return json.loads(text, object_pairs_hook=no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise SyntaxProblem(f"not valid JSON: {exc.msg}", path, exc.lineno, exc.colno) from None
    except RecursionError:
        raise SyntaxProblem(f"nested deeper than {MAX_DEPTH} levels", path) from None


def _no_constant(name: str) -> Any:
    raise SyntaxProblem(f"{name} is not allowed in JSON")


def _compose(text: str, path: Path) -> Node | None:
    loader = _SafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _walk(node: Node | None, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
    if node is None:
        return None, None
    mark = node.start_mark
    for step in loc:
        child: Node | None = None
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                    child, mark = value_node, key_node.start_mark
                    break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
            mark = child.start_mark
        if child is None:
            break
        node = child
    return mark.line + 1, mark.column + 1


def dump_yaml(data: Any) -> str:
    """Plain, block-style YAML that round-trips through ``read_document``."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Quote words that YAML 1.1 readers would turn into booleans, so other tools agree.
    style = '"' if value.lower() in _YAML11_BOOLS else None
    if "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_YAML11_BOOLS = {"y", "n", "yes", "no", "on", "off", "true", "false"}
_Dumper.add_representer(str, _str_representer)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` so that ``path`` holds either the old content or all of the new.

    A missing parent folder is created; anything the system refuses becomes one
    OutputFileError naming the path.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _replace_with(path, data)
    except FileExistsError as exc:
        raise OutputFileError(f"cannot write: {exc.filename} is not a folder", path) from None
    except OSError as exc:
        raise OutputFileError(f"cannot write: {exc.strerror or exc}", path) from None


def _replace_with(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private; give it the mode a plain write would have.
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # The rename is what makes the write atomic; spelled out because it is the point.
        os.replace(tmp, path)  # noqa: PTH105
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    _fsync_dir(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
