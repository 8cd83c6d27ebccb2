"""Outputs CI and readers consume, byte for byte: scores, comparison and explanation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import golden_files
import pytest
from conftest import REPO, Run
from golden_files import check_golden
from mini_workshop import Write, workshop

SAMPLES = "questionnaires/samples"


@pytest.fixture
def at_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in outputs are as the user typed them: run from the repository, with relative paths.
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
@pytest.mark.parametrize("target", [None, "4"])
def test_scores(cli: Callable[..., Run], at_repo: None, fmt: str, target: str | None) -> None:
    args = ["score", SAMPLES, "-f", fmt] + (["--target", target] if target else [])
    run = cli(*args)
    assert run.exit_code == 0, run.stderr
    suffix = {"markdown": "md", "table": "txt"}.get(fmt, fmt)
    check_golden(
        f"scores{'-target-' + target if target else ''}.{suffix}", run.stdout_bytes.decode()
    )


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explanation(cli: Callable[..., Run], at_repo: None, fmt: str) -> None:
    run = cli("explain", SAMPLES, "-d", "marketing", "--target", "4", "-f", fmt)
    assert run.exit_code == 0, run.stderr
    check_golden(
        f"explain-marketing.{'txt' if fmt == 'text' else 'json'}", run.stdout_bytes.decode()
    )


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "table"])
def test_comparison(
    cli: Callable[..., Run],
    write: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    workshop(write)
    monkeypatch.chdir(tmp_path)
    run = cli("compare", "baseline", "current", "-q", "mini.yaml", "--target", "4", "-f", fmt)
    assert run.exit_code == 0, run.stderr
    suffix = {"markdown": "md", "table": "txt"}.get(fmt, fmt)
    check_golden(f"compare.{suffix}", run.stdout_bytes.decode())


def test_a_mismatch_writes_the_actual_output_beside_the_golden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CXMATURITY_UPDATE_GOLDEN", raising=False)
    monkeypatch.setattr(golden_files, "GOLDEN", tmp_path)
    (tmp_path / "x.json").write_text("{}\n")
    with pytest.raises(pytest.fail.Exception, match=r"x\.json\.actual"):
        golden_files.check_golden("x.json", "not the scores\n")
    assert (tmp_path / "x.json.actual").read_text() == "not the scores\n"
    assert (tmp_path / "x.json").read_text() == "{}\n"
    golden_files.check_golden("x.json", "{}\n")
    assert not (tmp_path / "x.json.actual").exists()


def test_release_stamps_do_not_make_identical_output_differ(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CXMATURITY_UPDATE_GOLDEN", raising=False)
    monkeypatch.setattr(golden_files, "GOLDEN", tmp_path)
    (tmp_path / "x.txt").write_text("Generated-By: Babel 2.18.0\nmade by cxmaturity 0.0.1\n")
    golden_files.check_golden("x.txt", "Generated-By: Babel 2.19.0\nmade by cxmaturity 0.2.0\n")
    # A stamp is all that is scrubbed: the words around it still count.
    with pytest.raises(pytest.fail.Exception):
        golden_files.check_golden("x.txt", "Generated-By: Babel 2.19.0\nmade by someone else\n")
