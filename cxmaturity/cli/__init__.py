"""The command line. Importing each module registers its commands on the one Typer app."""

from cxmaturity.cli import core, extra, report, survey, workshop
from cxmaturity.cli.app import app, main

__all__ = ["app", "core", "extra", "main", "report", "survey", "workshop"]
