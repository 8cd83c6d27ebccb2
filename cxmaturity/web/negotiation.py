"""Which language a workshop page speaks: the respondent's choice, the facilitator's
``--lang``, or the browser's ``Accept-Language`` among the languages on offer.
"""

from __future__ import annotations

from collections.abc import Sequence

from cxmaturity.words.language import LANGUAGES, SOURCE

MAX_HEADER = 400
"""Longer Accept-Language headers are cut: no browser sends more, and parsing stays cheap."""


def offered(translated: Sequence[str], wanted: str | None) -> list[str]:
    """The questionnaire's own language, its translations the tool can speak, and ``wanted``
    (the facilitator's choice, shown with the questionnaire's text where it lacks one)."""
    codes = [SOURCE, *(code for code in translated if code in LANGUAGES and code != SOURCE)]
    if wanted is not None and wanted not in codes:
        codes.append(wanted)
    return codes


def from_header(header: str | None, codes: Sequence[str]) -> str | None:
    """The first of ``codes`` the header asks for, by its q-values; None when it asks none."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "")[:MAX_HEADER].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in codes and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else None


def pick(asked: str | None, codes: Sequence[str], default: str | None, header: str | None) -> str:
    """An explicit choice on offer, else the facilitator's default, else the browser's."""
    if asked is not None and asked in codes:
        return asked
    if default is not None:
        return default
    return from_header(header, codes) or SOURCE


def names(codes: Sequence[str]) -> list[tuple[str, str]]:
    """Each code with its name in its own language, for the join page's menu."""
    return [(code, LANGUAGES[code]) for code in codes]
