"""The command line. Importing each module registers its commands on the one Typer app."""

from cxmaturity.cli import (
    consensus,
    files,
    plan,
    questionnaire,
    report,
    scoring,
    survey,
    workshop,
)
from cxmaturity.cli.app import app, main, unwrap_help

unwrap_help()

__all__ = [
    "app",
    "consensus",
    "files",
    "main",
    "plan",
    "questionnaire",
    "report",
    "scoring",
    "survey",
    "workshop",
]
