"""Form tools' timestamps, read into aware datetimes (formats/stamps.py)."""

from __future__ import annotations

import pytest

from cxmaturity.formats.stamps import StampReader, day_first, has_zone, zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/11/23 10:10:32 AM GMT+1", "2026-11-23T10:10:32+01:00"),  # Google Forms
        ("2026/11/23 10:10:32 PM GMT-05:00", "2026-11-23T22:10:32-05:00"),
        ("2026/11/23 12:01:00 AM GMT", "2026-11-23T00:01:00+00:00"),
        ("2026/11/23 10:10:32 p. m. GMT+1", "2026-11-23T22:10:32+01:00"),  # Spanish sheet
        ("11/23/2026 10:10:32 AM", "2026-11-23T10:10:32+00:00"),  # SurveyMonkey
        ("23.11.2026, 10:10", "2026-11-23T10:10:00+00:00"),  # German, always day first
        ("11/23/26 10:10:32", "2026-11-23T10:10:32+00:00"),  # Excel's short year
        ("2026-11-23 10:10:32", "2026-11-23T10:10:32+00:00"),  # Qualtrics, a workbook
        ("2026-11-23T10:10:32Z", "2026-11-23T10:10:32+00:00"),
    ],
)
def test_each_tools_format(text: str, expected: str) -> None:
    assert StampReader().read(text).isoformat() == expected


def test_zone_and_day_order() -> None:
    berlin = StampReader(zone("Europe/Berlin"), day_first=True)
    assert berlin.read("03/04/2026 10:00").isoformat() == "2026-04-03T10:00:00+02:00"
    assert zone("GMT-5").utcoffset(None).total_seconds() == -5 * 3600  # type: ignore[union-attr]
    assert day_first(["03/04/2026 10:00", "13/04/2026 10:00"]) is True
    assert day_first(["03/04/2026 10:00", "04/13/2026 10:00"]) is False
    assert day_first(["03/04/2026 10:00"]) is None
    with pytest.raises(ValueError, match="mixes day-first and month-first"):
        day_first(["13/04/2026 10:00", "04/13/2026 10:00"])
    assert has_zone("2026/11/23 10:10:32 AM GMT+1") and not has_zone("11/23/2026 10:10:32")


@pytest.mark.parametrize("text", ["yesterday", "2026/02/30 10:00:00", "13/13/2026 10:00", "25:00"])
def test_what_is_not_a_time(text: str) -> None:
    with pytest.raises(ValueError, match=repr(text).replace("(", r"\(")):
        StampReader().read(text)
