"""Issue 26, cases 12 and 13: a ``--template`` folder is data, bounded and read once.

A template's own mistakes (1/0, a macro that calls itself, ``"%d" % "x"``) and its
attempts at huge text are one line naming the template and its line, exit 2, fast, with
nothing large left in the compiled-template cache. A file swapped for a symlink at the
worst moment never puts another file's text in the report.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from cxmaturity.core.errors import CxMaturityError, RefusedURL
from cxmaturity.render import bounds, html

MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def report(folder: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    out = tmp_path / "out.pdf"
    command = [sys.executable, "-m", "cxmaturity", "report", str(MINI_ANSWERS), "-q", str(MINI)]
    command += ["--min-group", "1", "-o", str(out), "--html", str(tmp_path / "out.html")]
    command += ["--template", str(folder)]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, check=False
    )


def brand(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "board.html.j2").write_text("<p>first line</p>\n" + body + "\n")
    return folder


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "calls itself"),
        ('{{ "%d" % "x" }}', "TypeError"),
        ('{{ "x" * 2000000000 }}', "too long"),
        ('{{ "x"|center(1000000000) }}', "too large"),
        ('{{ "x".center(1000000000) }}', "too large"),
        ('{{ "x".ljust(1000000000) }}', "too large"),
        ('{{ "{:>999999999}".format(1) }}', "too large"),
        ('{{ "%0999999999d" % 1 }}', "too large"),
        ('{{ "%*d" % (999999999, 1) }}', "too large"),
        ('{{ "%s"|format("x")|indent(999999999) }}', "too large"),
        ("{{ 9 ** 999999999 }}", "too large"),
        ('{{ ("x" * 9000000).replace("x", "yy") }}', "too long"),
        ('{{ ("x" * 9000000)|replace("x", "yy") }}', "too long"),
        ("{{ [1] * 2000000000 }}", "too long"),
    ],
)
def test_a_bad_template_is_one_line_naming_it_fast(tmp_path: Path, body: str, said: str) -> None:
    folder = brand(tmp_path, body)
    started = time.perf_counter()
    done = report(folder, tmp_path)
    assert time.perf_counter() - started < 60
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{folder / 'board.html.j2'}:2:" in done.stderr and said in done.stderr, done.stderr
    assert not (tmp_path / "out.html").exists() and not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("body", ['{{ "x" * 20000000 }}', '{{ "x"|center(20000000) }}'])
def test_nothing_large_is_left_in_the_compiled_template_cache(tmp_path: Path, body: str) -> None:
    # Jinja folds constant expressions while compiling: before, the 20 MB text was
    # written into the cache, to be read back by every later report.
    done = report(brand(tmp_path, body), tmp_path)
    assert done.returncode == 2, done.stderr
    cached = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert cached, "the cache is in use"
    assert max(p.stat().st_size for p in cached) < 1_000_000


def test_a_huge_entry_already_in_the_cache_is_not_read(tmp_path: Path) -> None:
    cache = html._QuietCache(str(tmp_path))

    class Bucket:
        key = "k"
        code: Any = None

        def reset(self) -> None:
            self.code = None

        def load_bytecode(self, f: Any) -> None:
            raise AssertionError("read a huge entry")

    (tmp_path / cache._get_cache_filename(Bucket()).rsplit("/", 1)[1]).write_bytes(  # type: ignore[arg-type]
        b"x" * (html.MAX_COMPILED_BYTES + 1)
    )
    cache.load_bytecode(Bucket())  # type: ignore[arg-type]


def test_a_template_folder_1200_levels_deep_is_one_line(tmp_path: Path) -> None:
    folder = brand(tmp_path, "ok")
    deep = folder
    for _ in range(1200):
        deep = deep / "d"
        deep.mkdir()
    try:
        done = report(folder, tmp_path)
    finally:
        # Removed from the bottom up: shutil.rmtree (and so pytest's own clean-up of old
        # temporary folders) recurses, and would fail on it.
        while deep != folder:
            deep.rmdir()
            deep = deep.parent
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "nested deeper" in done.stderr, done.stderr


def test_a_render_that_writes_nothing_for_ever_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_SECONDS", 1.0)
    folder = brand(
        tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
    )
    (folder / "slow.html.j2").write_text((folder / "board.html.j2").read_text())
    started = time.perf_counter()
    with pytest.raises(CxMaturityError, match="more than 1 seconds") as caught:
        html.render_template("slow.html.j2", folder)
    assert time.perf_counter() - started < 10
    assert str(folder / "slow.html.j2") in str(caught.value)


def test_a_render_that_writes_without_end_is_cut_at_the_output_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounds, "MAX_OUTPUT", 1_000_000)
    folder = brand(tmp_path, '{% for i in range(99999) %}{{ "x" * 1000 }}{% endfor %}')
    (folder / "loud.html.j2").write_text((folder / "board.html.j2").read_text())
    with pytest.raises(CxMaturityError, match="output passed"):
        html.render_template("loud.html.j2", folder)


# ---------------------------------------------------- 13. the symlink race


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text("TOP-SECRET-TEXT")
    return path


def _swap_on_open(monkeypatch: pytest.MonkeyPatch, watched: Path, swap: Any) -> None:
    """Run ``swap`` at the worst moment: after every check by path, just before the open."""
    real_open = os.open
    done: list[bool] = []

    def opening(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if not done and Path(path) == watched:
            done.append(True)
            swap()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", opening)


def test_a_template_swapped_for_a_symlink_before_the_open_is_refused(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = brand(tmp_path, "ok")
    entry = folder / "race.html.j2"
    entry.write_text("harmless")

    def swap() -> None:
        entry.unlink()
        entry.symlink_to(secret)

    _swap_on_open(monkeypatch, entry, swap)
    with pytest.raises(CxMaturityError, match="outside the template folder"):
        text = html.render_template("race.html.j2", folder)
        assert "TOP-SECRET" not in text


def test_a_template_folder_swapped_for_a_symlink_before_the_open_is_refused(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = brand(tmp_path, "ok")
    (folder / "parts").mkdir()
    entry = folder / "parts" / "secret.txt"
    entry.write_text("harmless")
    (folder / "race.html.j2").write_text('{% include "parts/secret.txt" %}')

    def swap() -> None:
        (folder / "parts").rename(tmp_path / "was-parts")
        (folder / "parts").symlink_to(secret.parent)

    _swap_on_open(monkeypatch, entry, swap)
    with pytest.raises(CxMaturityError, match="outside the template folder"):
        text = html.render_template("race.html.j2", folder)
        assert "TOP-SECRET" not in text


def test_a_link_inside_the_folder_to_a_file_inside_it_still_works(tmp_path: Path) -> None:
    folder = brand(tmp_path, "ok")
    (folder / "real.html.j2").write_text("inside text")
    (folder / "alias.html.j2").symlink_to(folder / "real.html.j2")
    assert html.render_template("alias.html.j2", folder).strip() == "inside text"


def test_an_asset_swapped_for_a_symlink_before_the_open_is_refused(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxmaturity.render import pdf

    folder = brand(tmp_path, "ok")
    entry = folder / "custom.css"
    entry.write_text("h1 { color: red; }")

    def swap() -> None:
        entry.unlink()
        entry.symlink_to(secret)

    _swap_on_open(monkeypatch, entry, swap)
    with pytest.raises(RefusedURL, match="outside the template folder"):
        pdf.template_asset(pdf.TEMPLATE_BASE + "custom.css", [folder])
