"""JSON Schema for the file formats, generated from the same models that validate them."""

from __future__ import annotations

import json

from pydantic import BaseModel

from cxmaturity.model import AnswerFile, Questionnaire


def json_schema(kind: str) -> str:
    models: dict[str, type[BaseModel]] = {"questionnaire": Questionnaire, "answers": AnswerFile}
    if kind == "plan":
        from cxmaturity.formats.plan import PlanDoc

        models["plan"] = PlanDoc
    if kind == "targets":
        from cxmaturity.formats.targets_file import TargetsFile

        models["targets"] = TargetsFile
    if kind == "scores":
        from cxmaturity.formats.scores import ScoresFile

        models["scores"] = ScoresFile
    if kind == "consensus":
        from cxmaturity.consensus import ConsensusFile

        models["consensus"] = ConsensusFile
    return schema_text(models[kind])


def schema_text(model: type[BaseModel]) -> str:
    """A model's JSON Schema as the ``schema`` command prints it."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2) + "\n"
