"""The six Temkin Group CX maturity stages, their spellings, and the rounding rule."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum


class Stage(IntEnum):
    IGNORE = 1
    EXPLORE = 2
    MOBILISE = 3
    OPERATIONALISE = 4
    ALIGN = 5
    EMBED = 6

    @property
    def label(self) -> str:
        """The display name, e.g. ``Operationalise``."""
        return self.name.capitalize()

    @property
    def key(self) -> str:
        """The lower-case name used in files, e.g. ``operationalise``."""
        return self.name.lower()


STAGE_KEYS: tuple[str, ...] = tuple(stage.key for stage in Stage)

DESCRIPTIONS: dict[Stage, str] = {
    Stage.IGNORE: "Customer experience is not on the agenda; decisions are made inside-out.",
    Stage.EXPLORE: "Pockets of interest and one-off projects; no shared plan or owner.",
    Stage.MOBILISE: "A funded CX programme with sponsors, first metrics and cross-team pilots.",
    Stage.OPERATIONALISE: (
        "Repeatable CX processes, governance and measures run as business as usual."
    ),
    Stage.ALIGN: (
        "Structures, incentives and investment decisions are aligned to customer outcomes."
    ),
    Stage.EMBED: (
        "Customer-centricity is how the organisation works; it sustains and renews itself."
    ),
}

# American spellings and a few obvious variants people type; all compared in lower case.
_ALIASES: dict[str, Stage] = {
    "mobilize": Stage.MOBILISE,
    "operationalize": Stage.OPERATIONALISE,
}

UNKNOWN = "unknown"
NOT_APPLICABLE = "n/a"


_WHOLE_NUMBER = re.compile(r"([1-6])\.0+")
UNKNOWN_WORDS = (UNKNOWN, "don't know", "dont know")
NOT_APPLICABLE_WORDS = (NOT_APPLICABLE, "na", "not applicable")


def parse_answer_word(value: object) -> Stage | str | None:
    """The one answer vocabulary of every door: answer files, CSV import and the survey.

    A stage number 1-6 (also written ``4.0``, as spreadsheets and JSON writers do), a stage
    name in any case (``mobilize`` too), ``unknown``/``don't know``/``dont know``, or
    ``n/a``/``na``/``not applicable``. Returns the Stage, ``UNKNOWN`` or
    ``NOT_APPLICABLE``; None for anything else.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        text = " ".join(value.split()).casefold()
        if text in UNKNOWN_WORDS:
            return UNKNOWN
        if text in NOT_APPLICABLE_WORDS:
            return NOT_APPLICABLE
        whole = _WHOLE_NUMBER.match(text)
        value = whole.group(1) if whole else text
    return parse_stage(value)


def parse_stage(value: object) -> Stage | None:
    """Read a stage from a number 1-6 or a name in any case; ``None`` when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Stage(value) if 1 <= value <= 6 else None
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isdigit() and len(text) == 1:
            return parse_stage(int(text))
        if text in STAGE_KEYS:
            return Stage[text.upper()]
        return _ALIASES.get(text)
    return None


def reported(score: float) -> float:
    """Round a score to the two decimals it is reported with.

    Rounding goes through nine decimals first so that float noise such as
    4.999999999999999 reads as 5.00 and never drops a stage.
    """
    return float(Decimal(f"{score:.9f}").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def stage_of(score: float | None) -> Stage | None:
    """The stage of a score: the whole part of its reported value."""
    if score is None or math.isnan(score):
        return None
    whole = math.floor(reported(score))
    return Stage(min(max(whole, 1), 6))
