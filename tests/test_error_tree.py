"""Every error the package defines is in one tree, so the CLI and the web can report any of
them as one line (a class outside it would reach the user as a traceback)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import cxmaturity
from cxmaturity.core.errors import CxMaturityError


def defined_exceptions() -> dict[str, type[Exception]]:
    """Errors, not interrupts: the survey's ``HangUp`` is a ``KeyboardInterrupt`` on purpose."""
    found: dict[str, type[Exception]] = {}
    for info in pkgutil.walk_packages(cxmaturity.__path__, "cxmaturity."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, Exception)
                and value.__module__ == info.name
            ):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_error_the_package_defines_is_a_cxmaturity_error() -> None:
    errors = defined_exceptions()
    assert "cxmaturity.web.refused.Refused" in errors
    assert "cxmaturity.core.errors.RefusedURL" in errors
    outside = sorted(name for name, cls in errors.items() if not issubclass(cls, CxMaturityError))
    assert not outside
