"""The tool's own words in the reader's language, and numbers and dates in their style.

Messages come from gettext catalogues shipped in the package
(``cxmaturity/locales/<lang>/LC_MESSAGES/cxmaturity.mo``, compiled from the ``.po`` files
with Babel by ``make i18n``). A ``Language`` offers ``gettext``/``ngettext``/``pgettext``
callables in the shape ``jinja2.ext.i18n`` installs, the one agreed name of each stage, and
Babel's number, percentage and date formats for its locale. English is the source
language: its texts are the message ids themselves.
"""

from __future__ import annotations

import functools
import gettext as _gettext
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, localcontext
from importlib import resources

from cxmaturity.core.errors import UsageError
from cxmaturity.core.stages import DESCRIPTIONS, Stage

DOMAIN = "cxmaturity"
SOURCE = "en"
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
# The tool writes British English, so English dates read "23 November 2026".
_BABEL_LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES"}
STAGE_CONTEXT = "stage"
STAGE_DESCRIPTION_CONTEXT = "stage description"


def check_language(code: str) -> str:
    """A supported language code, or a usage error naming the ones there are."""
    wanted = code.strip().lower().replace("_", "-").split("-")[0]
    if wanted not in LANGUAGES:
        known = ", ".join(sorted(LANGUAGES))
        raise UsageError(f"unknown language {code!r}: use one of {known}")
    return wanted


@dataclass(frozen=True, eq=False)
class Language:
    """One language: its messages, its stage names and its number and date formats."""

    code: str
    catalogue: _gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalogue.pgettext(context, message)

    def stage(self, stage: Stage) -> str:
        """The stage's agreed name in this language, e.g. ``Operationalisieren``."""
        return self.pgettext(STAGE_CONTEXT, stage.label)

    def stage_description(self, stage: Stage) -> str:
        return self.pgettext(STAGE_DESCRIPTION_CONTEXT, DESCRIPTIONS[stage])

    @property
    def locale(self) -> str:
        return _BABEL_LOCALES[self.code]

    def decimal(self, value: float, places: int = 2) -> str:
        """A figure with fixed decimals: ``3.24`` in English, ``3,24`` in German."""
        # Decimal's default 28 digits would make a longer figure (a page number typed as
        # /q/99999999999999999999999999999) an InvalidOperation instead of a number.
        with localcontext() as context:
            digits = len(str(value)) if isinstance(value, int) else len(f"{value:.0f}")
            context.prec = max(context.prec, digits + places + 12)
            exact = _rounded(value, places)
            if self.code == SOURCE:
                # Python's own format is Babel's en_GB pattern, without loading Babel's data.
                return f"{exact:,.{places}f}"
            from babel.numbers import format_decimal

            pattern = "#,##0." + "0" * places if places else "#,##0"
            return format_decimal(exact, format=pattern, locale=self.locale)

    def percent(self, share: float) -> str:
        """A share of 1 as a whole percentage: ``50%`` in English, ``50 %`` in German."""
        exact = _rounded(share * 100, 0) / 100
        if self.code == SOURCE:
            return f"{exact:,.0%}"
        from babel.numbers import format_percent

        return format_percent(exact, locale=self.locale)

    def date(self, moment: date | datetime) -> str:
        """A long date: ``23 November 2026``, ``23. November 2026``, ``23 novembre 2026``."""
        from babel.dates import format_date

        day = moment.date() if isinstance(moment, datetime) else moment
        return format_date(day, format="long", locale=self.locale)


def _rounded(value: float, places: int) -> Decimal:
    # Half up through nine decimals, as scores are reported (stages.reported), so that every
    # language shows the same digits and float noise never tips a figure.
    step = Decimal(1).scaleb(-places)
    exact = Decimal(value) if isinstance(value, int) else Decimal(f"{value:.9f}")
    return exact.quantize(step, rounding=ROUND_HALF_UP)


@functools.cache
def language(code: str = SOURCE) -> Language:
    """The language for ``code`` (checked); English needs no catalogue."""
    code = check_language(code)
    if code == SOURCE:
        return Language(code, _gettext.NullTranslations())
    folder = resources.files("cxmaturity") / "locales" / code / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.mo").open("rb") as mo:
        return Language(code, _gettext.GNUTranslations(mo))
