"""Making text safe to show and to save, and turning names into file names.

Questionnaires and respondents are untrusted: a question could carry a terminal escape
that clears the screen or retitles the window, and Rich passes ESC through untouched.
So every string is cleaned here before it is displayed or written.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides can make text read differently from what it is ("Trojan
# source"); they are format characters (Cf), not controls, so they are listed by hand.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_SLUG_MAX = 60
# Whole escape sequences go, not just their ESC: "\x1b[31mred" should save as "red",
# not as "[31mred". CSI (also as the one-byte C1 form), OSC up to BEL or ST, and the
# two-character escapes.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]"
)


# Unicode's control characters (category Cc) are exactly C0, DEL and C1; with the bidi
# controls, one character class finds them all. A regex pass is what keeps cleaning cheap
# when `score` reads a thousand files of comments; "\n" is the one control kept.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(map(chr, _BIDI)) + "]")


def clean_text(text: str) -> str:
    """Text to save or show: control characters removed, newlines kept, tabs as spaces."""
    text = _SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\t", " "))
    return _CONTROLS.sub("", text)


def clean_line(text: str) -> str:
    """A one-line field (a name, a role): no controls, no line breaks, trimmed."""
    return " ".join(clean_text(text).split())


def name_key(name: str) -> str:
    """How names are compared to find one person twice: case and spacing do not count.

    With the department, this is the one person key of every door a name comes in by:
    scoring (duplicate files), the survey (resuming a file), CSV import (a repeated row)
    and the workshop (a second join, the next anonymous number). Unicode is folded
    (NFKC), and every default-ignorable code point is dropped: zero-width spaces and
    joiners, bidi marks, variation selectors, the combining grapheme joiner, Hangul
    fillers. "Ana Lima" and "Ana\u034f Lima" look alike in every table and PDF, so
    counting them as two people would be a silent error.
    """
    folded = unicodedata.normalize("NFKC", name)
    kept = "".join(ch for ch in folded if not _invisible(ch))
    return " ".join(kept.casefold().split())


def _invisible(ch: str) -> bool:
    if unicodedata.category(ch) == "Cf":
        return True
    point = ord(ch)
    return any(low <= point <= high for low, high in _DEFAULT_IGNORABLE)


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15): drawn as
# nothing at all. Python's unicodedata does not expose the property.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def slug(text: str) -> str:
    """A file-name-safe slug: ``Ána  Lima`` -> ``ana-lima``; never empty, never a dot name."""
    decomposed = unicodedata.normalize("NFKD", clean_line(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # \w keeps letters of every script, so a name in Chinese still names its file.
    words = re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")
    return words[:_SLUG_MAX].rstrip("-") or "respondent"
