"""JSON Schema for the file formats, generated from the same models that validate them."""

from __future__ import annotations

import json

from pydantic import BaseModel

from cxmaturity.core.answer_file import AnswerFile
from cxmaturity.core.model import Questionnaire


def json_schema(kind: str) -> str:
    models: dict[str, type[BaseModel]] = {"questionnaire": Questionnaire, "answers": AnswerFile}
    if kind == "plan":
        from cxmaturity.formats.plan import PlanDoc

        models["plan"] = PlanDoc
    if kind == "targets":
        from cxmaturity.formats.targets_file import TargetsFile

        models["targets"] = TargetsFile
    if kind == "scores":
        from cxmaturity.formats.scores_doc import ScoresFile

        models["scores"] = ScoresFile
    if kind == "comparison":
        from cxmaturity.formats.comparison_doc import ComparisonDoc

        models["comparison"] = ComparisonDoc
    if kind == "error":
        from cxmaturity.formats.error_doc import ErrorDoc

        models["error"] = ErrorDoc
    if kind == "explain":
        from cxmaturity.formats.explain_doc import ExplainDoc

        models["explain"] = ExplainDoc
    if kind == "consensus":
        from cxmaturity.core.consensus import ConsensusFile

        models["consensus"] = ConsensusFile
    return schema_text(models[kind])


def schema_text(model: type[BaseModel]) -> str:
    """A model's JSON Schema as the ``schema`` command prints it, named by its ``$id``."""
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id(model),
        **schema,
    }
    return json.dumps(schema, indent=2) + "\n"


def schema_id(model: type[BaseModel]) -> str:
    """``urn:cxmaturity:scores:1``: the format's name and version, from its ``format`` field.

    A URN names the schema without promising a web address that serves it; a new
    version of a format gets a new ``$id``.
    """
    formats = model.model_json_schema()["properties"]["format"]
    found = formats.get("const") or formats.get("enum", [None])[-1]
    name, _, version = str(found).removeprefix("cxmaturity.").partition("/")
    return f"urn:cxmaturity:{name}:{version}"
