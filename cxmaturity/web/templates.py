"""The workshop's pages: one cached Jinja environment per language, autoescaped, strict
about names, with the tool's catalogue installed for ``{% trans %}``.

Templates and static files ship inside the package, so the server needs nothing from
outside, not even fonts.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse

from cxmaturity.words.language import Language, language


def package_dir(name: str) -> str:
    return str(resources.files("cxmaturity.web") / name)


@cache
def environment(code: str = "en") -> Environment:
    env = Environment(
        loader=FileSystemLoader(package_dir("templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Translated text is ours and trusted; the values put into it are escaped.
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(language(code).catalogue, newstyle=True)  # type: ignore[attr-defined]
    return env


def page(template: str, lang: Language, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered in ``lang`` with ``context``; every value is escaped unless safe."""
    html = environment(lang.code).get_template(template).render(lang=lang.code, **context)
    return HTMLResponse(html, status_code=status)
