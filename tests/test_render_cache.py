"""The renderers keep what they make in the cache their caller gives them, and nowhere else."""

from __future__ import annotations

from pathlib import Path

from cxmaturity.render import cache, html
from cxmaturity.render.cache import RenderCache
from cxmaturity.render.hyphens import soft_hyphens


def test_a_template_is_compiled_into_the_given_cache_only(tmp_path: Path) -> None:
    (tmp_path / "hello.html.j2").write_text("{{ name }} {{ -0.4 | delta }}", encoding="utf-8")
    given = RenderCache(tmp_path / "given")
    text = html.render_template("hello.html.j2", tmp_path, cache=given, name="x")
    assert text == "x \u22120.40"
    assert list((tmp_path / "given").glob("templates-*/*.cache"))
    # Made once per cache: the same environment again, none in another cache.
    again = html.render_template("hello.html.j2", tmp_path, cache=given, name="y")
    assert again == "y \u22120.40"
    assert len(given._made) == 1


def test_words_are_kept_in_the_given_folder_and_a_memory_cache_writes_nothing(
    tmp_path: Path,
) -> None:
    on_disk = RenderCache(tmp_path / "disk")
    assert "\u00ad" in soft_hyphens("Personalisation", "en", on_disk)
    assert list((tmp_path / "disk").glob("hyphens-*/en.json"))
    in_memory = RenderCache()
    assert soft_hyphens("Personalisation", "en", in_memory) == soft_hyphens(
        "Personalisation", "en", on_disk
    )
    assert in_memory.folder("anything") is None


def test_without_a_cache_the_renderers_use_the_lent_one(monkeypatch, tmp_path: Path) -> None:
    lent = RenderCache(tmp_path / "lent")
    monkeypatch.setattr(cache, "_lent", lent)
    (tmp_path / "t.html.j2").write_text("{{ 1 | delta }}", encoding="utf-8")
    assert html.render_template("t.html.j2", tmp_path) == "+1.00"
    assert list((tmp_path / "lent").glob("templates-*/*.cache"))
    assert cache.lent() is lent
