"""Timestamps as form tools write them, read into aware datetimes.

    2026-11-23T10:10:32Z            ISO 8601 (cxmaturity, Qualtrics, a workbook's dates)
    2026/11/23 10:10:32 AM GMT+1    Google Forms (the zone is in the cell)
    11/23/2026 10:10:32 AM          SurveyMonkey, Google Forms in a US-English sheet
    23/11/2026 10:10:32             the same in a day-first locale; 23.11.2026 10:10 in German

Whether ``03/04/2026`` is the 3rd of April or the 4th of March is decided once for the
whole column (``day_first``): a value above 12 in the first place settles it, as does one
in the second; a column that never says is read the tool's way (month first).
A time with no zone is read in the zone the export states (Qualtrics' ImportId row) or
the one given with ``--timezone``, else UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCAL = re.compile(
    r"^(?P<a>\d{1,4})(?P<sep>[/.\-])(?P<b>\d{1,2})[/.\-](?P<c>\d{1,4})[ ,T]+"
    r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?)?\s*"
    r"(?:(?:GMT|UTC)\s*(?P<off>[+\-\u2212]\d{1,2}(?::?\d{2})?)?|(?P<z>Z))?$",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"^(?:GMT|UTC)?\s*([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone(name: str) -> tzinfo:
    """``--timezone``: an IANA name (Europe/Berlin), UTC, or an offset (+01:00, GMT-5)."""
    text = name.strip()
    if text.upper() in ("UTC", "GMT", "Z"):
        return UTC
    offset = _OFFSET.match(text)
    if offset:
        return _fixed(*offset.groups())
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"{name!r} is not a time zone: use a name such as Europe/Berlin, or +01:00"
        ) from None


def _fixed(sign: str, hours: str, minutes: str | None) -> tzinfo:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-delta if sign in "-\u2212" else delta)


def has_zone(value: str) -> bool:
    """Whether the text states its zone (Z, an offset, GMT or UTC)."""
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        found = _LOCAL.match(text)
        return bool(
            found and (found["z"] or found["off"] or re.search(r"(GMT|UTC)\s*$", text, re.I))
        )


def day_first(values: Iterable[str]) -> bool | None:
    """Whether the column writes the day before the month; None when no value says."""
    first = second = False
    for value in values:
        found = _LOCAL.match(value.strip())
        if found and len(found["a"]) <= 2:
            first = first or int(found["a"]) > 12
            second = second or int(found["b"]) > 12
    if first and second:
        raise ValueError("the column mixes day-first and month-first dates")
    return True if first else False if second else None


@dataclass(frozen=True)
class StampReader:
    zone: tzinfo = UTC
    day_first: bool = False

    def read(self, value: str) -> datetime:
        text = value.strip()
        try:
            stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            stamp = self._local(text)
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=self.zone)

    def _local(self, text: str) -> datetime:
        found = _LOCAL.match(text)
        if not found:
            raise ValueError(
                f"{text!r} is not a time this tool reads (such as 2026-11-23T10:10:32Z, "
                "2026/11/23 10:10:32 AM GMT+1 or 11/23/2026 10:10:32 AM)"
            )
        a, b, c = int(found["a"]), int(found["b"]), int(found["c"])
        year, month, day = (
            (a, b, c)
            if len(found["a"]) == 4
            else (c, b, a)
            if self.day_first or found["sep"] == "."  # dotted dates are always day first
            else (c, a, b)
        )
        if len(found["c"]) == 2 and len(found["a"]) <= 2:
            year += 2000  # Excel's short dates (11/23/26) in a form tool's sheet
        hour = int(found["h"])
        if found["ampm"]:
            if not 1 <= hour <= 12:
                raise ValueError(f"{text!r}: hour {hour} with AM/PM")
            hour = hour % 12 + (12 if found["ampm"].lower().startswith("p") else 0)
        given: tzinfo | None = None
        if found["z"]:
            given = UTC
        elif found["off"]:
            given = _fixed(*_OFFSET.match(found["off"]).groups())  # type: ignore[union-attr]
        elif re.search(r"(GMT|UTC)\s*$", text, re.IGNORECASE):
            given = UTC
        try:
            return datetime(
                year, month, day, hour, int(found["m"]), int(found["s"] or 0), tzinfo=given
            )
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date and time ({exc})") from None
