"""The report fonts can draw every character of the four languages; any they cannot is named."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import REPO

from cxmaturity.core.translation import translation_name
from cxmaturity.render.cache import RenderCache
from cxmaturity.render.glyphs import report_fonts, undrawable, warnings_for


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def _texts_of_every_language() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "questionnaires").glob("*.yaml")):
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    for po in sorted((REPO / "cxmaturity" / "locales").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                texts += [s for s in strings if s]
    return texts


@pytest.fixture(scope="module")
def fonts() -> list[Any]:
    found = report_fonts()
    if len(found) < 2:
        pytest.skip("the DejaVu fonts the report uses are not installed (make sysdeps)")
    return found


def test_every_language_is_drawable(fonts: list[Any]) -> None:
    texts = _texts_of_every_language()
    names = {translation_name(p.name) for p in (REPO / "questionnaires").iterdir()}
    assert {("cx-core-2.0", code) for code in ("de", "fr", "es")} <= names
    assert any("Verankern" in t for t in texts) and any("Opérationnaliser" in t for t in texts)
    assert undrawable(texts, fonts, RenderCache()) == {}


def test_a_character_the_fonts_lack_is_named_with_its_text(fonts: list[Any]) -> None:
    texts = ["Kundenservice", "Service 漢字 desk", "ok\nfine", "𓀀 again"]
    missing = undrawable(texts, fonts, RenderCache())
    assert missing == {"漢": "Service 漢字 desk", "字": "Service 漢字 desk", "𓀀": "𓀀 again"}
    assert warnings_for(missing)[0] == (
        "the report fonts cannot draw '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22) "
        "in 'Service 漢字 desk'"
    )


def test_without_fontconfig_the_check_says_it_checked_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No font file found is not "every character is missing": one line says so instead."""
    from cxmaturity.render import glyphs

    monkeypatch.setattr(glyphs, "font_file", lambda family: None)
    assert glyphs.report_warnings("<p>Kundenservice 漢</p>") == [
        "the report fonts were not found (fontconfig's fc-match), so no character was checked"
    ]


def test_report_warnings_reads_the_rendered_html(fonts: list[Any]) -> None:
    from cxmaturity.render.glyphs import report_warnings

    html = "<style>p::before { content: '漢' }</style><h1>Acme 🚀</h1><p>fine &amp; well</p>"
    assert report_warnings(html) == [
        "the report fonts cannot draw '🚀' (U+1F680 ROCKET) in 'Acme 🚀'"
    ]


def test_character_maps_are_kept_between_runs_and_a_spoilt_entry_is_read_again(
    fonts: list[Any], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cxmaturity.render import glyphs

    font = fonts[0]

    def fresh() -> frozenset[int]:
        # A new run: nothing made in memory, the same folder on disk.
        return glyphs._codepoints(font, RenderCache(tmp_path / "cxmaturity"))

    first = fresh()
    assert ord("Ä") in first and 0x6F22 not in first
    [entry] = (tmp_path / "cxmaturity" / "fonts").glob("*.json")
    # A kept map is what is read: an edited one shows through...
    runs = json.loads(entry.read_text())
    entry.write_text(json.dumps([run for run in runs if not run[0] <= ord("Ä") <= run[1]]))
    assert ord("Ä") not in fresh()
    # ...while a spoilt one is ignored and written anew from the font.
    for spoilt in ("{not json", "[[5, 2]]", '[["a", "b"]]', "[[0, 9999999]]", "{}"):
        entry.write_text(spoilt)
        assert fresh() == first
        assert json.loads(entry.read_text()) == runs
