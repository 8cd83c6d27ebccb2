"""The JSON documents the command line prints that belong to no other use case: a file
format's schema, and the ``cxmaturity.error/1`` document of a failed run."""

from __future__ import annotations

import json
from collections.abc import Sequence

from cxmaturity.core.cleaning import clean_text
from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.format_ids import ERROR_FORMAT


def schema(kind: str) -> str:
    """The JSON Schema of a file format, from the model that validates it."""
    from cxmaturity.formats.schemas import json_schema

    return json_schema(kind)


def error_document(errors: Sequence[CxMaturityError]) -> str:
    """The ``cxmaturity.error/1`` document: every error, located where it is known."""
    from cxmaturity.formats.error_doc import ErrorDoc, ErrorItem

    items = [
        ErrorItem(file=e.path, line=e.line, column=e.column, message=clean_text(e.message))
        for e in errors
    ]
    document = ErrorDoc(format=ERROR_FORMAT, errors=items)
    return json.dumps(document.model_dump(mode="json"), indent=2, ensure_ascii=False)
