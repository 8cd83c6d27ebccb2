"""Cleaning text drops exactly Unicode's control characters and the bidi controls."""

from __future__ import annotations

import sys
import unicodedata

from cxmaturity.core.cleaning import clean_line, clean_text

BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Handled before the character pass: escape sequences start with these, tabs become spaces.
SPECIAL = set("\x1b\x9b\x9d\t\r")


def test_every_code_point_is_kept_or_dropped_by_its_unicode_category() -> None:
    every = "".join(
        chr(cp)
        for cp in range(sys.maxunicode + 1)
        if not 0xD800 <= cp <= 0xDFFF and chr(cp) not in SPECIAL
    )
    expected = "".join(
        ch for ch in every if ch == "\n" or (unicodedata.category(ch) != "Cc" and ch not in BIDI)
    )
    assert clean_text(every) == expected


def test_sequences_tabs_and_line_ends() -> None:
    assert clean_text("a\x1b[31mred\x1b[0m\tb\r\nc\x9b2Jd\x1b]0;title\x07e\u202ef") == (
        "ared b\ncdef"
    )
    assert clean_line("  Ana\x00 \u200bLima\n ") == "Ana \u200bLima"
