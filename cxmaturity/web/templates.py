"""The workshop's pages: one cached Jinja environment, autoescaped, strict about names.

Templates and static files ship inside the package, so the server needs nothing from
outside, not even fonts.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse


def package_dir(name: str) -> str:
    return str(resources.files("cxmaturity.web") / name)


@cache
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(package_dir("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered with ``context``; every value is escaped unless marked safe."""
    html = environment().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)
