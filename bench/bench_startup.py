"""`cxmaturity --version` vs `python -c "import typer"`. Limit: 1.5x."""

from __future__ import annotations

import sys

from common import PYTHON, compile_package, interleaved, report


def main() -> bool:
    compile_package()
    ours, base = interleaved(
        [[PYTHON, "-m", "cxmaturity", "--version"], [PYTHON, "-c", "import typer"]], repeat=21
    )
    print(
        f"--version: best {ours.best:.3f}s, CPU {ours.cpu:.3f}s; "
        f"import typer: best {base.best:.3f}s, CPU {base.cpu:.3f}s"
    )
    report("--version vs import typer, CPU", ours.cpu, base.cpu, 1.5)
    return report("--version vs import typer (medians)", ours.median, base.median, 1.5)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
