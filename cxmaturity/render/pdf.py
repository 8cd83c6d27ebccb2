"""Turning the report's HTML into a PDF: the one place WeasyPrint is imported.

WeasyPrint would happily fetch any URL a document names (http, file, data). Answers
are typed by anyone, so its fetcher here serves only files from the template folders,
looked up by relative name under a fixed base URL that maps to nothing else on disk.
Everything else is refused before any connection is opened or file is read.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from cxmaturity.core.errors import InputFileError, RefusedURL
from cxmaturity.formats.outputs import write_output
from cxmaturity.formats.reading import read_inside

# Relative URLs in the templates (a logo, a font) resolve against this base. The
# folder name does not exist on disk: the fetcher maps it onto the template folders.
TEMPLATE_BASE = "file:///cxmaturity-templates/"
MAX_ASSET_BYTES = 8 * 1024 * 1024
PDF_VARIANT = "pdf/ua-1"


def template_asset(url: str, template_dirs: Sequence[Traversable]) -> tuple[str, bytes]:
    """The name and bytes of the template file a URL names; RefusedURL for anything else.

    The first folder holding the file wins, so an override folder shadows the bundled one.
    """
    if not url.startswith(TEMPLATE_BASE):
        raise RefusedURL(f"only template files may be loaded, not {url[:200]!r}")
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(TEMPLATE_BASE).path)
    parts = PurePosixPath(path).parts
    if not parts or "\\" in path or any(part in ("", ".", "..") for part in parts):
        raise RefusedURL(f"not a template file name: {url[:200]!r}")
    for folder in template_dirs:
        entry = folder.joinpath(*parts)
        if entry.is_file() and _inside(entry, folder):
            data = _read_asset(entry, path, folder)
            if len(data) > MAX_ASSET_BYTES:
                raise RefusedURL(f"template file too large: {path}")
            return path, data
    raise RefusedURL(f"no such template file: {path}")


def _read_asset(entry: Traversable, name: str, folder: Traversable) -> bytes:
    if not isinstance(entry, Path) or not isinstance(folder, Path):
        return entry.read_bytes()  # bundled, inside the package
    # The one input rule: a regular file, its size checked before a byte is read.
    try:
        if entry.stat().st_size > MAX_ASSET_BYTES:
            raise RefusedURL(f"template file too large: {name}")
        # Opened once and checked as opened, like the templates (see read_inside).
        return read_inside(folder, entry, MAX_ASSET_BYTES)
    except OSError as exc:
        raise RefusedURL(f"template file {name}: {exc.strerror}") from None
    except InputFileError as exc:
        raise RefusedURL(f"template file {name}: {exc}") from None


def _inside(entry: Traversable, folder: Traversable) -> bool:
    # A symlink inside a template folder must not lead out of it.
    if isinstance(entry, Path) and isinstance(folder, Path):
        return entry.resolve().is_relative_to(folder.resolve())
    return True


SAFE_SCHEMES = ("http", "https", "mailto")


def _safe_link(kind: str, target: str) -> bool:
    if kind == "attachment":
        return False
    if kind != "external":
        return True  # internal anchors within the document
    scheme = urlsplit("".join(str(target).split())).scheme.lower()
    return scheme in SAFE_SCHEMES


def write_pdf(html: str, out: Path, template_dirs: Sequence[Traversable]) -> int:
    """Render ``html`` to ``out`` (atomically) and return the number of pages.

    The garbage collector is the process's to tune, not this function's: the console
    script holds it back for the commands that make a PDF (``cli.process``).
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class TemplateFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            # No redirects and errors stay non-fatal: a refused URL is left out, not fetched.
            super().__init__(allowed_protocols=("file",), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            name, data = template_asset(url, template_dirs)
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})

    document = HTML(string=html, base_url=TEMPLATE_BASE, url_fetcher=TemplateFetcher()).render()
    # No attachments, even from a template folder: drop <link rel=attachment> files and
    # <a rel=attachment> links before they are fetched, which happens while writing.
    document.metadata.attachments = []
    # Nor links that would run script or open local files when clicked: only web,
    # mail and in-document links become PDF link annotations.
    for page in document.pages:
        page.links = [link for link in page.links if _safe_link(link[0], link[1])]
    # PDF/UA-1: tagged (headings, tables with their headers, lists, figures with their
    # alternative text from each chart's <title>), with the document's language and title
    # for screen readers, and bookmarks from the headings.
    pdf: bytes = document.write_pdf(attachments=[], pdf_variant=PDF_VARIANT)
    write_output(out, pdf)
    return len(document.pages)
