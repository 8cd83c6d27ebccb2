"""Which characters the report's fonts cannot draw, so that none is ever dropped silently.

WeasyPrint draws a character the fonts lack as an empty box or not at all. Before a report
is written, its texts can be checked against the fonts' character maps; each character
found in none of them becomes one warning naming the text it appears in. fontTools comes
with WeasyPrint and is imported only here, when a check runs.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path

from cxmaturity.render.cache import RenderCache, keep, lent, read_kept

# The families report.css and questionnaire.css name; both are system fonts, never fetched.
REPORT_FAMILIES = ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")
_SHOWN = 40


def font_file(family: str) -> Path | None:
    """The file fontconfig uses for a family, or None when it cannot say."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run(
        [fc_match, "--format=%{file}", family], capture_output=True, text=True, timeout=10
    )
    path = Path(found.stdout.strip()) if found.returncode == 0 else None
    return path if path is not None and path.is_file() else None


def _codepoints(path: Path, cache: RenderCache) -> frozenset[int]:
    """The characters a font file maps: from the cache while the file is unchanged, since
    reading three fonts' character maps is a noticeable share of a short report."""
    entry = _cache_entry(path, cache)
    kept = _read_ranges(entry) if entry is not None else None
    if kept is not None:
        return kept
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        found = frozenset(font.getBestCmap())
    if entry is not None:
        keep(entry, _ranges(found))
    return found


def _cache_entry(path: Path, cache: RenderCache) -> Path | None:
    try:
        found = path.stat()
    except OSError:
        return None
    folder = cache.folder("fonts")
    if folder is None:
        return None
    key = f"{path.resolve()}\0{found.st_size}\0{found.st_mtime_ns}".encode()
    return folder / f"{hashlib.sha256(key).hexdigest()[:32]}.json"


def _ranges(codepoints: frozenset[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for code in sorted(codepoints):
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return runs


def _read_ranges(entry: Path) -> frozenset[int] | None:
    runs = read_kept(entry)
    if not isinstance(runs, list) or not all(
        isinstance(run, list)
        and len(run) == 2
        and all(type(end) is int for end in run)
        and 0 <= run[0] <= run[1] <= sys.maxunicode
        for run in runs
    ):
        return None
    return frozenset(code for low, high in runs for code in range(low, high + 1))


def undrawable(texts: Iterable[str], fonts: Sequence[Path], cache: RenderCache) -> dict[str, str]:
    """Each character no font can draw, mapped to the shortest text it appears in.

    The shortest is the most telling: a department's name on its own rather than a
    sentence that quotes it.
    """
    key = ("drawable", tuple(fonts))
    covered = cache.made(key, lambda: _drawable(tuple(fonts), cache))
    missing: dict[str, str] = {}
    for text in texts:
        # A set difference per text keeps the common case (nothing missing) at C speed.
        for char in sorted(set(text) - covered, key=text.index):
            if _invisible(char):
                continue
            if char not in missing or len(text) < len(missing[char]):
                missing[char] = text
    return missing


def _drawable(fonts: tuple[Path, ...], cache: RenderCache) -> frozenset[str]:
    return frozenset(chr(code) for path in fonts for code in _codepoints(path, cache))


def _invisible(char: str) -> bool:
    # Line breaks and other controls are layout, not glyphs.
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def warnings_for(missing: dict[str, str]) -> list[str]:
    """One line per character: what it is and which text carries it."""
    lines = []
    for char, text in missing.items():
        name = unicodedata.name(char, "unnamed character")
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
        lines.append(
            f"the report fonts cannot draw {char!r} (U+{ord(char):04X} {name}) in {shown!r}"
        )
    return lines


def report_fonts() -> list[Path]:
    """The files of the report's font families that this system has."""
    return [path for family in REPORT_FAMILIES if (path := font_file(family)) is not None]


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skipping += tag in ("style", "script")

    def handle_endtag(self, tag: str) -> None:
        self._skipping -= tag in ("style", "script") and self._skipping > 0

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self._skipping:
            self.texts.append(text)


def html_texts(html: str) -> list[str]:
    """Every run of text a page shows (the title and SVG labels too), styles left out."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return collector.texts


def report_warnings(html: str, cache: RenderCache | None = None) -> list[str]:
    """The warnings for a rendered report: one per character its fonts cannot draw, or one
    saying nothing could be checked when fontconfig does not find the fonts. The fonts'
    maps are kept in ``cache`` (by default the one lent to the process)."""
    fonts = report_fonts()
    if not fonts:
        return [
            "the report fonts were not found (fontconfig's fc-match), so no character was checked"
        ]
    return warnings_for(undrawable(html_texts(html), fonts, lent(cache)))
