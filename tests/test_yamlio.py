"""Safe reading and atomic writing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import REPO

from cxmaturity.core.errors import OutputFileError, SyntaxProblem
from cxmaturity.formats.yamlio import dump_yaml, read_document, write_atomic


def test_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: y\n")
    assert read_document(path).data == {
        "a": "yes",
        "b": "No",
        "c": "on",
        "d": "OFF",
        "e": True,
        "f": "y",
    }


def test_dump_round_trips_tricky_text(tmp_path: Path) -> None:
    data = {"name": "no", "comment": "line one\nline: two [bold]x[/bold] \u00e9", "n": "007"}
    path = tmp_path / "a.yaml"
    path.write_text(dump_yaml(data))
    assert read_document(path).data == data


def test_fast_and_careful_paths_agree(tmp_path: Path) -> None:
    text = "a: [1, 2, {b: c}]\nd: 'x*y & z'\n"
    plain = tmp_path / "plain.yaml"
    plain.write_text(text.replace("x*y & z", "xy z"))
    starred = tmp_path / "starred.yaml"
    starred.write_text(text)
    assert read_document(plain).data["a"] == read_document(starred).data["a"]
    assert read_document(starred).data["d"] == "x*y & z"


def test_write_atomic_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.yaml"
    write_atomic(path, "old\n")
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_failed_write_keeps_the_good_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "out.yaml"
    write_atomic(path, "good\n")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputFileError, match="cannot write: No space left on device"):
        write_atomic(path, "half")
    assert path.read_text() == "good\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.yaml"]


def test_anchor_without_alias_is_fine_but_alias_is_not(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: &x 1\n")
    assert read_document(path).data == {"a": 1}
    path.write_text("a: &x 1\nb: *x\n")
    with pytest.raises(SyntaxProblem, match="aliases"):
        read_document(path)


def test_json_duplicate_keys_and_nan(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"a": NaN}')
    with pytest.raises(SyntaxProblem, match="NaN is not allowed"):
        read_document(path)


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "questionnaires").rglob("*.yaml"))
    + sorted((REPO / "tests" / "data").rglob("*.yaml")),
    ids=lambda p: p.name,
)
def test_libyaml_and_pure_python_paths_read_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from cxmaturity.formats import yamlevents

    text = path.read_text()
    fast = yamlevents.load(text)
    monkeypatch.setattr(yamlevents, "_Parser", yaml.loader.BaseLoader)
    assert yamlevents.load(text) == fast
