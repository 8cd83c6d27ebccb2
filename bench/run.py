"""Run every benchmark (on demand: `make bench`); exit 1 if any misses its limit."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

ok = True
for script in sorted(HERE.glob("bench_*.py")):
    print(f"== {script.name}")
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as exc:
        ok = ok and not exc.code
sys.exit(0 if ok else 1)
