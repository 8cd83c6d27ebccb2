"""The catalogue marker: a message written where it is defined, translated where it is shown.

``N_`` returns its argument unchanged; Babel's extractor (``make i18n``) finds every call by
name and puts the text in the catalogues. It lives in the core so that rule modules that own
a text (a role name, the method of an interval) mark it without importing the wording layer.
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for the catalogues where it is defined; it is translated where shown."""
    return message
