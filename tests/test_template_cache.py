"""Compiled templates kept between runs: same output, edits seen, never a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.pdf

MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def report(cache: Path, html: Path, *extra: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cxmaturity", "report", MINI_ANSWERS, "-q", MINI]
    command += ["--min-group", "1", "-o", html.with_suffix(".pdf"), "--html", html, *extra]
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        check=False,
    )


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("cxmaturity/templates-*/*.cache"))


def test_a_second_report_reads_the_compiled_templates_and_writes_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(cache, tmp_path / "first.html")
    assert first.returncode == 0, first.stderr
    made = entries(cache)
    assert len(made) >= 10
    assert all(path.stat().st_mode & 0o077 == 0 for path in [made[0].parent])
    stamps = [path.stat().st_mtime_ns for path in made]
    second = report(cache, tmp_path / "second.html")
    assert second.returncode == 0, second.stderr
    assert [path.stat().st_mtime_ns for path in entries(cache)] == stamps  # read, not rewritten
    assert (tmp_path / "second.html").read_text() == (tmp_path / "first.html").read_text()


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    brand = tmp_path / "brand"
    brand.mkdir()
    (brand / "custom.css").write_text("/* first */\n")
    assert report(cache, tmp_path / "a.html", "--template", brand).returncode == 0
    (brand / "custom.css").write_text("/* second */\n")
    done = report(cache, tmp_path / "b.html", "--template", brand)
    assert done.returncode == 0, done.stderr
    assert "/* second */" in (tmp_path / "b.html").read_text()


@pytest.mark.parametrize("spoil", ["file", "open-folder", "garbage"])
def test_a_bad_cache_never_fails_a_report(tmp_path: Path, spoil: str) -> None:
    cache = tmp_path / "cache"
    clean = report(tmp_path / "fresh", tmp_path / "clean.html")
    assert clean.returncode == 0, clean.stderr
    garbage = b"j2\x00 not bytecode"
    if spoil == "file":
        cache.write_text("not a folder")
    else:
        assert report(cache, tmp_path / "warm.html").returncode == 0
        for path in entries(cache):
            path.write_bytes(garbage)
        if spoil == "open-folder":
            for folder in cache.glob("cxmaturity/templates-*"):
                folder.chmod(0o777)
    done = report(cache, tmp_path / "out.html")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out.html").read_text() == (tmp_path / "clean.html").read_text()
    if spoil == "open-folder":
        # A folder others may write to is not trusted: neither read nor written.
        assert all(path.read_bytes() == garbage for path in entries(cache))
    elif spoil == "garbage":
        # A spoilt entry is compiled again and replaced.
        assert all(path.read_bytes() != garbage for path in entries(cache))


def test_code_compiled_for_one_language_never_writes_another(tmp_path: Path) -> None:
    """Jinja folds ``{{ 3.99 | fixed }}`` into the compiled code: a German compile reused
    for English printed "3,99" (and the reverse "3.99 ist noch Mobilisieren", issue 22)."""
    cache = tmp_path / "cache"
    assert report(cache, tmp_path / "de.html", "--lang", "de").returncode == 0
    assert report(cache, tmp_path / "en.html").returncode == 0
    english = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert "3.99 is still Mobilise" in english and "3,99" not in english
    assert report(cache, tmp_path / "de2.html", "--lang", "de").returncode == 0
    assert "3,99 ist noch Mobilisieren" in (tmp_path / "de2.html").read_text(encoding="utf-8")
