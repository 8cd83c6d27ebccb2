"""Golden files: expected outputs kept in tests/golden/, compared byte for byte.

On a mismatch the actual output is written beside the expected one as ``<name>.actual``
(as coverage.py's own tests do), so ``diff tests/golden/x tests/golden/x.actual`` shows
what changed. ``CXMATURITY_UPDATE_GOLDEN=1 pytest`` accepts the new outputs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, actual: str) -> None:
    expected_path = GOLDEN / name
    actual_path = GOLDEN / f"{name}.actual"
    if os.environ.get("CXMATURITY_UPDATE_GOLDEN"):
        expected_path.write_bytes(actual.encode())
    # Bytes, not text: CSV line ends (\r\n) are part of the contract.
    expected = expected_path.read_bytes().decode() if expected_path.exists() else None
    if actual == expected:
        actual_path.unlink(missing_ok=True)
        return
    actual_path.write_bytes(actual.encode())
    what = "differs from" if expected is not None else "has no"
    pytest.fail(
        f"{name} {what} its golden file; the actual output is in {actual_path} "
        "(CXMATURITY_UPDATE_GOLDEN=1 accepts it)"
    )
