"""Golden files: expected outputs kept in tests/golden/, compared byte for byte.

On a mismatch the actual output is written beside the expected one as ``<name>.actual``
(as coverage.py's own tests do), so ``diff tests/golden/x tests/golden/x.actual`` shows
what changed. ``CXMATURITY_UPDATE_GOLDEN=1 pytest`` accepts the new outputs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
# A release stamp (ours, or a library's in a generated header) is not part of any output's
# contract: scrubbed on both sides, as coverage.py's own golden tests do, so a new release of
# anything leaves identical output identical.
_STAMPS = (
    (re.compile(r"\b(cxmaturity|WeasyPrint|Babel|PyYAML|pydantic) \d+(?:\.\d+)+"), r"\1 VERSION"),
)


def scrub(text: str) -> str:
    for stamp, placeholder in _STAMPS:
        text = stamp.sub(placeholder, text)
    return text


def check_golden(name: str, actual: str) -> None:
    actual = scrub(actual)
    expected_path = GOLDEN / name
    actual_path = GOLDEN / f"{name}.actual"
    if os.environ.get("CXMATURITY_UPDATE_GOLDEN"):
        expected_path.write_bytes(actual.encode())
    # Bytes, not text: CSV line ends (\r\n) are part of the contract.
    expected = scrub(expected_path.read_bytes().decode()) if expected_path.exists() else None
    if actual == expected:
        actual_path.unlink(missing_ok=True)
        return
    actual_path.write_bytes(actual.encode())
    what = "differs from" if expected is not None else "has no"
    pytest.fail(
        f"{name} {what} its golden file; the actual output is in {actual_path} "
        "(CXMATURITY_UPDATE_GOLDEN=1 accepts it)"
    )
