"""How a heading or a choice typed in a form tool is compared with the questionnaire's text.

Form tools and the people who build forms change text in small ways: a word processor's
curly quotes and dashes, a full stop added or dropped, a trailing space, a non-breaking
space, full-width letters. Both sides are folded the same way before they are compared,
and when nothing matches, the closest candidate is named so the fix is one edit away.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Iterable

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)
_TRAILING = " .:;!?*"
"""Stripped from the end: full stops, a required-field star, a question's colon."""


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` as compared: NFKC, plain quotes and dashes, one space, no end punctuation,
    case folded. Format characters (zero-width spaces, soft hyphens) are dropped.

    Cached: an export repeats the same few hundred statements in every row."""
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHIC)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.split()).rstrip(_TRAILING).strip().casefold()


def closest(text: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like ``text`` (compared folded), if any is reasonably close."""
    folded = {fold(c): c for c in candidates}
    found = difflib.get_close_matches(fold(text), list(folded), n=1, cutoff=0.6)
    return folded[found[0]] if found else None


def did_you_mean(text: str, candidates: Iterable[str]) -> str:
    """`` (closest: '...')`` when a candidate is close, else nothing."""
    near = closest(text, candidates)
    return f" (closest: {near!r})" if near is not None else ""
