"""`cxmaturity --version` vs `python -c "import typer"`. Limit: 1.5x."""

from __future__ import annotations

import sys

from common import PYTHON, best_of, report


def main() -> bool:
    ours, _ = best_of([PYTHON, "-m", "cxmaturity", "--version"], repeat=15)
    base, _ = best_of([PYTHON, "-c", "import typer"], repeat=15)
    return report("--version vs import typer", ours, base, 1.5)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
