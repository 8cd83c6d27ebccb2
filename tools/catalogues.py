"""Extract, update and compile the message catalogues with Babel (``make i18n``).

    python tools/catalogues.py          extract the template, update each .po, compile each .mo
    python tools/catalogues.py --check  exit 1 naming what is stale or untranslated

The template holds every string the code marks (``gettext``, ``ngettext``, ``pgettext``
calls in ``cxmaturity/`` and ``jinja2.ext.i18n`` tags in the report templates) plus the
stage names and descriptions, which live as data in ``cxmaturity/core/stages.py``. The compiled
``.mo`` files are committed, so an installed wheel needs no build step; ``--check`` (run by
the tests) proves they match their ``.po`` files.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cxmaturity.core.stages import DESCRIPTIONS, Stage  # noqa: E402
from cxmaturity.render.paper import INSTRUCTIONS  # noqa: E402
from cxmaturity.words.language import (  # noqa: E402
    DOMAIN,
    LANGUAGES,
    SOURCE,
    STAGE_CONTEXT,
    STAGE_DESCRIPTION_CONTEXT,
)

LOCALES = ROOT / "cxmaturity" / "locales"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
TRANSLATED = sorted(code for code in LANGUAGES if code != SOURCE)
# str.format fields in the code, %(name)s fields in the templates' {% trans %} blocks.
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\([a-z_]+\)s")
_SOURCES = (
    (ROOT / "cxmaturity", [("**.py", "python")]),
    (
        ROOT / "report_templates",
        [("**.html.j2", "jinja2.ext:babel_extract"), ("**.css", "jinja2.ext:babel_extract")],
    ),
)
# As render/html.py's environment reads them: trimmed {% trans %} blocks, newstyle gettext;
# not silent, so a template Babel cannot parse fails the extraction instead of being skipped.
_JINJA = {
    "trimmed": "true",
    "newstyle_gettext": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "silent": "false",
}
# The stylesheets are included as templates too: the page header and footer are text.
_JINJA_OPTIONS = {"**.html.j2": _JINJA, "**.css": _JINJA}


def template() -> Catalog:
    """Every message the code and the stage data hold, freshly extracted."""
    catalog = Catalog(project="cxmaturity", domain=DOMAIN)
    for folder, method_map in _SOURCES:
        if not folder.is_dir():
            continue
        for filename, lineno, message, comments, context in extract_from_dir(
            folder,
            method_map,
            options_map=_JINJA_OPTIONS,
            keywords=DEFAULT_KEYWORDS,
            strip_comment_tags=True,
        ):
            where = (f"{folder.name}/{filename}", lineno)
            catalog.add(message, locations=[where], auto_comments=comments, context=context)
    # The workshop's pages, parsed as the server renders them (trimmed {% trans %} blocks).
    web = ROOT / "cxmaturity" / "web" / "templates"
    options = {"**.j2": {"trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        web,
        [("**.j2", "jinja2.ext:babel_extract")],
        keywords=DEFAULT_KEYWORDS,
        options_map=options,
        strip_comment_tags=True,
    ):
        where = (f"cxmaturity/web/templates/{filename}", lineno)
        catalog.add(message, locations=[where], auto_comments=comments, context=context)
    # Texts kept as data in the core, which knows nothing of catalogues.
    catalog.add(INSTRUCTIONS, locations=[("cxmaturity/render/paper.py", 0)])
    for stage in Stage:
        catalog.add(
            stage.label, context=STAGE_CONTEXT, locations=[("cxmaturity/core/stages.py", 0)]
        )
        catalog.add(
            DESCRIPTIONS[stage],
            context=STAGE_DESCRIPTION_CONTEXT,
            locations=[("cxmaturity/core/stages.py", 0)],
        )
    return catalog


def po_path(code: str) -> Path:
    return LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(path: Path, code: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=code, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False)
    return out.getvalue()


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _key(message: object) -> tuple[str | None, str]:
    msgid = message.id  # type: ignore[attr-defined]
    return message.context, msgid if isinstance(msgid, str) else msgid[0]  # type: ignore[attr-defined]


def problems() -> list[str]:
    """Everything that makes the committed catalogues stale or incomplete."""
    fresh = template()
    wanted = {_key(m) for m in fresh if m.id}
    found: list[str] = []
    for code in TRANSLATED:
        path = po_path(code)
        if not path.is_file():
            found.append(f"{path}: missing")
            continue
        catalog = read(path, code)
        have = {_key(m) for m in catalog if m.id}
        found += [f"{path}: lacks {msgid!r}" for _, msgid in sorted(wanted - have, key=str)]
        found += [f"{path}: obsolete {msgid!r}" for _, msgid in sorted(have - wanted, key=str)]
        found += _untranslated(path, catalog)
        mo = path.with_suffix(".mo")
        if not mo.is_file() or _messages(_read_mo(mo)) != _messages(catalog):
            found.append(f"{mo}: out of date; run make i18n")
    return found


def _texts(value: object) -> tuple[str, ...]:
    # A plural reads back from a .mo as a list and from a .po as a tuple; older Babel
    # releases give a .mo's strings as bytes.
    values = value if isinstance(value, list | tuple) else (value,)
    return tuple(v.decode() if isinstance(v, bytes) else str(v or "") for v in values)


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_mo(handle)


def _messages(catalog: Catalog) -> tuple[object, ...]:
    """What a compiled catalogue means to gettext: its plural rule and every translated message.

    Compared instead of the .mo bytes, whose header names the Babel release that wrote them
    ("Generated-By: Babel 2.18.0"): a newer Babel must not make identical catalogues differ.
    Fuzzy and untranslated messages are left out as write_mo leaves them out.
    """
    kept = sorted(
        (_texts(m.context), _texts(m.id), _texts(m.string))
        for m in catalog
        if m.id and m.string and not m.fuzzy
    )
    return (catalog.plural_forms, tuple(kept))


def _untranslated(path: Path, catalog: Catalog) -> list[str]:
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            found.append(f"{path}: untranslated {ids[0]!r}")
        elif any(_fields(s) != _fields(ids[-1]) for s in strings):
            found.append(f"{path}: placeholders differ in {ids[0]!r}")
    return found


def _fields(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def update() -> None:
    fresh = template()
    LOCALES.mkdir(exist_ok=True)
    TEMPLATE.write_bytes(_po_bytes(fresh))
    for code in TRANSLATED:
        path = po_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = read(path, code) if path.is_file() else Catalog(locale=code, domain=DOMAIN)
        catalog.update(fresh, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        path.write_bytes(_po_bytes(catalog))
        path.with_suffix(".mo").write_bytes(compiled(catalog))


def main() -> int:
    if sys.argv[1:] == ["--check"]:
        found = problems()
        print("\n".join(found) or "catalogues complete and compiled")
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
