"""The command line. Each module registers its commands on the one Typer app."""

from cxmaturity.cli import (
    core,
    extra,  # noqa: F401  (registers explain, compare, import-csv, export)
    report,  # noqa: F401  (registers report and demo)
    survey,  # noqa: F401  (registers survey)
)
from cxmaturity.cli.app import app, main

__all__ = ["app", "core", "main"]
