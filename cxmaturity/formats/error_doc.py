"""The ``cxmaturity.error/1`` JSON format: what a command given ``--format json`` prints on
stdout when it fails with exit 2, so that a CI job parses its errors as it parses results."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from cxmaturity.core.format_ids import ErrorId


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(_Doc):
    file: str | None = Field(description="The file at fault, when there is one.")
    line: int | None = Field(ge=1, description="1-based, when known.")
    column: int | None = Field(ge=1, description="1-based, when known.")
    message: str


class ErrorDoc(_Doc):
    """Every error of a failed run, in the order they were found."""

    format: ErrorId
    errors: list[ErrorItem]
