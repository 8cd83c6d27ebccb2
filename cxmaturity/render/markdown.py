"""Escaping text for Markdown: file text must read literally in a CI summary or a wiki."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped; these are the ones that start markup,
# HTML (<img>, <details>) or entities (&lt;), or end a table cell.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")


def md(text: str) -> str:
    """Text as literal Markdown on one line: markup characters escaped, whitespace folded."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))
