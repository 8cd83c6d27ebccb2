"""The heatmap's narrow columns break long words at the language's hyphenation points,
from soft hyphens kept in the user's cache rather than a dictionary loaded every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.render.cache import RenderCache
from cxmaturity.render.hyphens import SOFT_HYPHEN, soft_hyphens
from cxmaturity.usecases.demo import load_demo, write_answers

pytestmark = pytest.mark.pdf

# Run the report with pyphen's dictionaries out of reach when asked: any attempt to load
# one, by us or by WeasyPrint, fails the run.
RUN = """
import sys, pyphen
if sys.argv.pop(1) == "no-dictionary":
    def refuse(*args, **kwargs):
        raise SystemExit("a hyphenation dictionary was loaded")
    pyphen.Pyphen = refuse
from cxmaturity.cli.app import main
sys.argv[0] = "cxmaturity"
main()
"""


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("answers")
    write_answers(load_questionnaire("cx-core"), folder, load_demo().seed, 3)
    return folder


def report(answers: Path, out: Path, cache: Path, dictionary: str = "allowed") -> str:
    command = [sys.executable, "-c", RUN, dictionary, "report", str(answers), "-o", str(out)]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "cannot draw" not in done.stderr  # the soft hyphen is no missing glyph
    texts = [page.extract_text() for page in PdfReader(out).pages]
    return next(text for text in texts if text.startswith("Heatmap"))


def test_a_narrow_column_breaks_personalisation_with_a_hyphen(
    answers: Path, tmp_path: Path
) -> None:
    heatmap = report(answers, tmp_path / "board.pdf", tmp_path / "cache")
    assert heatmap.startswith("Heatmap")
    # Broken where the English dictionary allows, with a visible hyphen (U+2010).
    assert "Personalisa\u2010\ntion" in heatmap
    assert SOFT_HYPHEN not in heatmap


def test_a_second_run_needs_no_dictionary_and_draws_the_same(answers: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = report(answers, tmp_path / "first.pdf", cache)
    kept = json.loads(next(cache.glob("cxmaturity/hyphens-*/en.json")).read_text("utf-8"))
    assert kept["Personalisation"].count(SOFT_HYPHEN) >= 1
    assert report(answers, tmp_path / "second.pdf", cache, "no-dictionary") == first
    # And the ban itself works: with an empty cache the dictionary is needed.
    with pytest.raises(AssertionError, match="dictionary was loaded"):
        report(answers, tmp_path / "third.pdf", tmp_path / "empty", "no-dictionary")


def test_a_spoilt_cache_entry_never_reaches_the_page(answers: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    report(answers, tmp_path / "first.pdf", cache)
    kept = next(cache.glob("cxmaturity/hyphens-*/en.json"))
    spoilt = {"Personalisation": "Hacked", "Leadership": f"Lea{SOFT_HYPHEN}ders{SOFT_HYPHEN}hipX"}
    kept.write_text(json.dumps(spoilt), "utf-8")
    heatmap = report(answers, tmp_path / "second.pdf", cache)
    assert "Hacked" not in heatmap and "hipX" not in heatmap
    assert "Personalisa\u2010\ntion" in heatmap
    kept.write_text("{not json", "utf-8")
    assert "Personalisa\u2010\ntion" in report(answers, tmp_path / "third.pdf", cache)


def test_short_words_and_other_text_are_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RenderCache(tmp_path)
    assert soft_hyphens("CX and ROI", "en", cache) == "CX and ROI"
    shown = soft_hyphens("Voice of the customer", "en", cache)
    assert shown.replace(SOFT_HYPHEN, "") == "Voice of the customer"
    # No break leaves fewer than four letters on a side ("cus-tomer"), nor starts a part
    # that opens no syllable (issue 22).
    assert shown == "Voice of the customer"
    assert soft_hyphens("Personalisation", "en", cache).replace(SOFT_HYPHEN, "|") == (
        "Personalisa|tion"
    )
    assert SOFT_HYPHEN not in soft_hyphens("Leadership and governance", "en", cache)
    assert soft_hyphens("Personalisation", "xx-unknown", cache) == "Personalisation"
