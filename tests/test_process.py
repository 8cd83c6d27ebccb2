"""Only the console script's main() tunes the process: the renderers and readers never do."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest

from cxmaturity.cli import main, process
from cxmaturity.formats import batch
from cxmaturity.render import cache, pdf
from cxmaturity.render.html import template_dirs


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    """Run main() on ``args`` with every tweak recorded instead of made."""
    calls: list[str] = []
    monkeypatch.setattr(batch, "_free_core", None)  # given back after the test
    monkeypatch.setattr(cache, "_lent", cache.RenderCache())
    monkeypatch.setattr(process, "collect_less", lambda: calls.append("collect less"))

    def end_now(code: int) -> None:
        calls.append(f"end now {code}")
        sys.exit(code)

    monkeypatch.setattr(process, "end_now", end_now)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(sys, "argv", ["cxmaturity", *args])
    with pytest.raises(SystemExit):
        main()
    return calls


def test_main_tunes_the_process_for_a_command_that_makes_a_pdf(monkeypatch) -> None:
    assert _main(monkeypatch, "report", "--help") == ["collect less", "end now 0"]
    assert batch._free_core is process.a_core_is_free
    assert cache.lent().base == cache.RenderCache.of_user().base


def test_main_collects_less_for_a_batch_and_ends_it_normally(monkeypatch) -> None:
    # Scoring a folder keeps every file alive as a PDF's layout keeps its boxes.
    assert _main(monkeypatch, "score", "--help") == ["collect less"]
    assert _main(monkeypatch, "report", "--no-such-option") == ["collect less"]


def test_main_leaves_the_collector_alone_for_a_command_that_stays_up(monkeypatch) -> None:
    assert _main(monkeypatch, "workshop", "--help") == []
    assert _main(monkeypatch, "survey", "--help") == []


def test_main_knows_the_command_whatever_the_options(monkeypatch) -> None:
    assert process.command(["--version"]) is None
    assert process.command(["demo", "--out", "x"]) == "demo"


@pytest.mark.pdf
def test_writing_a_pdf_leaves_the_collector_as_it_found_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[tuple[tuple[int, ...], int]] = []
    real = pdf.write_output

    def spy(out: Path | None, data: str | bytes) -> None:
        during.append((gc.get_threshold(), gc.get_freeze_count()))
        real(out, data)

    monkeypatch.setattr(pdf, "write_output", spy)
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    assert pdf.write_pdf("<p>one page</p>", tmp_path / "p.pdf", template_dirs()) == 1
    assert during == [(threshold, frozen)]
