"""`cxmaturity --version` vs `python -c "import typer"`. Limit: 1.5x."""

from __future__ import annotations

import sys

from common import PYTHON, compile_package, interleaved, report


def main() -> bool:
    compile_package()
    ours, base = interleaved(
        [[PYTHON, "-m", "cxmaturity", "--version"], [PYTHON, "-c", "import typer"]], repeat=21
    )
    print(f"--version: best {ours[0]:.3f}s; import typer: best {base[0]:.3f}s")
    return report("--version vs import typer (medians)", ours[1], base[1], 1.5)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
