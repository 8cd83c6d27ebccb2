"""Soft hyphens at a language's break points, for words set in narrow columns.

The heatmap's dimension columns are too narrow for a word such as "Personalisation".
CSS ``hyphens: auto`` would break it, but WeasyPrint then loads the language's whole
hyphenation dictionary on every run (about 0.07 s of a board pack) to break the same
dozen words as last time. Here the same dictionary's break points (pyphen's, which
WeasyPrint uses) are inserted as soft hyphens, which WeasyPrint honours under the default
``hyphens: manual``. Each word's result is kept in the caller's ``RenderCache`` (the
user's cache folder, for the console script), so the dictionary is loaded only for a word
not seen before.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.render.cache import RenderCache, keep, read_kept

if TYPE_CHECKING:
    from pyphen import Pyphen

SOFT_HYPHEN = "\u00ad"
# At least four letters on each side of a break, so a header never splits off a fragment
# such as "gov-" or "cus-" (issue 22): only words of eight letters or more break at all.
_EDGE = 4
_WORD = re.compile(rf"\w{{{2 * _EDGE},}}")
_KEPT = 5000
"""Words kept per language; past this the cache starts again rather than grow."""


def soft_hyphens(text: str, code: str, cache: RenderCache) -> str:
    """``text`` with a soft hyphen wherever the language lets each longer word break."""
    words = cache.made(("hyphens", code), lambda: _words(code, cache))
    if words is None:
        return text
    shown = _WORD.sub(lambda m: words.hyphenated(m.group(0)), text)
    words.save()
    return shown


class _Words:
    """One language's hyphenated words: from the cache file, else from the dictionary."""

    def __init__(self, language: str, file: Path | None) -> None:
        self.language = language
        self.file = file
        self.known = _read(file) if file is not None else {}
        self.unsaved = False
        self._dictionary: Pyphen | None = None

    def hyphenated(self, word: str) -> str:
        found = self.known.get(word)
        if found is None:
            found = _onsets(self.dictionary().inserted(word, hyphen=SOFT_HYPHEN))
            if len(self.known) >= _KEPT:
                self.known.clear()
            self.known[word] = found
            self.unsaved = True
        return found

    def dictionary(self) -> Pyphen:
        """The language's dictionary, loaded the first time a word is not in the cache."""
        if self._dictionary is None:
            import pyphen

            self._dictionary = pyphen.Pyphen(lang=self.language, left=_EDGE, right=_EDGE)
        return self._dictionary

    def save(self) -> None:
        """Write the words found since the last save: once per text, not once per word."""
        if self.file is None or not self.unsaved:
            return
        self.unsaved = False
        keep(self.file, self.known)


def _words(code: str, cache: RenderCache) -> _Words | None:
    import pyphen

    language = pyphen.language_fallback(code)
    if language is None:
        return None
    # The rule is part of the folder's name: breaks cached under another rule are not reused.
    folder = cache.folder(f"hyphens-pyphen{pyphen.__version__}-edge{_EDGE}-onsets")
    return _Words(language, None if folder is None else folder / f"{language}.json")


_VOWELS = frozenset("aeiouyäöüéèêàâîôûœæåø")


def _onsets(hyphenated: str) -> str:
    """Only the breaks whose second part opens a syllable (a consonant, then a vowel).

    pyphen's German patterns break "Mitarbeitererlebnis" as "Mita-rbeiter…": a second part
    that starts with two consonants is no syllable, so that break is dropped.
    """
    parts = hyphenated.split(SOFT_HYPHEN)
    kept = parts[0]
    for part in parts[1:]:
        opens = len(part) > 1 and part[0].lower() not in _VOWELS and part[1].lower() in _VOWELS
        kept += (SOFT_HYPHEN if opens else "") + part
    return kept


def _read(file: Path) -> dict[str, str]:
    found = read_kept(file)
    if not isinstance(found, dict):
        return {}
    # Only an entry that is its own word with soft hyphens added can reach a page.
    return {
        word: value
        for word, value in found.items()
        if isinstance(word, str)
        and isinstance(value, str)
        and value.replace(SOFT_HYPHEN, "") == word
        and _WORD.fullmatch(word)
    }
