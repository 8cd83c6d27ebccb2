"""The event reader gives exactly what PyYAML's own safe loader gives, on every accepted file.

The reader in ``formats/yamlevents.py`` builds data straight from parse events and caches
what short plain scalars resolve to; PyYAML's pure-Python ``SafeLoader`` (with the same
YAML 1.2 booleans) is the independent reference. Values are compared with their types,
since ``True == 1`` and ``4 == 4.0`` would hide a wrong resolution.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO

from cxmaturity.core.errors import SyntaxProblem
from cxmaturity.formats import yamlevents
from cxmaturity.formats.yamlio import read_document


class _Reference(yaml.SafeLoader):
    """PyYAML's safe loader with booleans as the tool reads them: only true and false."""


_Reference.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Reference.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def typed(data: Any) -> Any:
    """``data`` with every value paired with its type, so 1, 1.0 and True differ."""
    if isinstance(data, dict):
        return {typed(key): typed(value) for key, value in data.items()}
    if isinstance(data, list):
        return [typed(item) for item in data]
    return (type(data).__name__, data)


def reference(text: str) -> Any:
    return yaml.load(text, Loader=_Reference)


FILES = sorted((REPO / "questionnaires").rglob("*.yaml")) + sorted(
    (REPO / "tests" / "data").rglob("*.yaml")
)

EDGE_CASES = {
    "booleans-looking words": (
        "a: yes\nb: No\nc: on\nd: OFF\ne: y\nf: n\ng: true\nh: False\ni: TRUE\nj: 'true'\n"
        "k: [yes, no, on, off, y, n, Yes, NO]\n"
    ),
    "numbers": (
        # 007, 0x1F, 1_000, 1:30 and 00 are YAML 1.1 integers, refused (see below).
        "a: 4\nb: 4.0\nc: '4'\nf: 0o17\nh: 1e3\ni: -2\nj: +3\n"
        "k: .5\nm: .inf\nn: -.Inf\no: 6.\np: '4.0'\nq: 0\n"
    ),
    "empty values": "a:\nb: ~\nc: null\nd: ''\ne: []\nf: {}\ng: \"\"\nh: Null\n",
    "unicode": 'name: Ána Lima 李伟\nrole: "caf\\u00e9 \\U0001F600"\nnote: ß → ∑ 🙂\n',
    "timestamps": "a: 2026-11-23\nb: 2026-11-23T09:00:00Z\nc: '2026-11-23T09:00:00Z'\n",
    "block scalars": "a: |\n  line one\n  line: two\nb: >\n  folded\n  text\nc: |-\n  x\n",
    "flow and nesting": "a: [1, [2, [3, {b: c, d: [e]}]]]\nf: {g: {h: {i: 5}}}\n",
    "quoted keys and odd keys": "'1': a\n\"yes\": b\n2: c\n3.5: d\nnull: e\n",
    "anchor without alias": "a: &x 1\nb: 2\n",
    "comment-like text": "a: 'x # y'\nb: x # a comment\nc: '#'\n",
    "explicit plain tags": "a: !!str 4\nb: !!int '5'\nc: !!float 1\nd: ! 7\n",
    "repeated short values": "\n".join(f"q{i}: {v}" for i, v in enumerate("123456" * 20)),
    "top-level list": "- 1\n- two\n- 3.0\n",
    "top-level scalar": "just text\n",
}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_bundled_samples_and_demo_read_as_the_reference_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert typed(yamlevents.load(text)) == typed(reference(text))


@pytest.mark.parametrize("name", EDGE_CASES)
def test_edge_cases_read_as_the_reference_reads_them(name: str) -> None:
    text = EDGE_CASES[name]
    # Twice: the second read answers short plain scalars from the cache.
    assert typed(yamlevents.load(text)) == typed(reference(text))
    assert typed(yamlevents.load(text)) == typed(reference(text))


@pytest.mark.parametrize("name", EDGE_CASES)
def test_bom_and_crlf_files_read_as_plain_ones(name: str, tmp_path: Path) -> None:
    text = EDGE_CASES[name]
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8", newline="\n")
    odd = tmp_path / "odd.yaml"
    odd.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    expected = typed(reference(text))
    assert typed(read_document(plain).data) == expected
    # YAML reads every line break, in block scalars too, as "\n".
    assert typed(read_document(odd).data) == expected


def test_a_full_cache_is_emptied_and_answers_stay_right(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlevents, "_CACHE_SIZE", 8)
    monkeypatch.setattr(yamlevents, "_PLAIN", {})
    text = "\n".join(f"k{i}: {i % 7}" for i in range(50)) + "\nx: yes\ny: 4.0\n"
    assert typed(yamlevents.load(text)) == typed(reference(text))
    assert len(yamlevents._PLAIN) <= 8


def test_a_cached_value_never_turns_a_quoted_one_into_a_number() -> None:
    assert yamlevents.load("a: 3\nb: '3'\nc: \"3\"\n") == {"a": 3, "b": "3", "c": "3"}
    assert yamlevents.load("a: '3'\nb: 3\n") == {"a": "3", "b": 3}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "2:4: aliases"),
        ("a: 1\na: 2\n", "2:1: duplicate key 'a'"),
        ("a: 3\nb: 3\nb: 4\n", "3:1: duplicate key 'b'"),
        ("a: !!python/object:os.system x\n", "1:4: the tag !!python/object:os.system"),
        ("a: !custom 3\n", "1:4: the tag !custom"),
        ("a: !!binary aGk=\n", "1:4: the tag !!binary"),
        ("? [1, 2]\n: x\n", "1:3: a mapping key must be plain text"),
        ("<<: {a: 1}\n", "1:1: the tag !!merge"),
        ("a: 1\n---\nb: 2\n", "2:1: expected one document"),
        ("a: 1\nb: 007\n", "2:4: '007' is an octal number"),
        ("a: 0x1F\n", "1:4: '0x1F' is a hexadecimal number"),
        ("a: 1_000\n", "1:4: '1_000' is a number with underscores"),
        ("a: [1:30]\n", "1:5: '1:30' is a base-60 number"),
        ("a: 00\n", "1:4: '00' is an octal number"),
        ("a: 2026-02-30\n", "1:4: '2026-02-30' is not a valid date"),
    ],
)
def test_refusals_keep_their_located_messages(text: str, message: str) -> None:
    with pytest.raises(SyntaxProblem) as caught:
        yamlevents.load(text)
    line, column, words = message.split(":", 2)
    assert (caught.value.line, caught.value.column) == (int(line), int(column))
    assert words.strip() in str(caught.value)
