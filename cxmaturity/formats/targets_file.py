"""Reading ``cxmaturity.targets/1`` files into ``Targets``, with located errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from cxmaturity.core.errors import InvalidFileError
from cxmaturity.core.format_ids import TARGETS_FORMAT, TargetsId
from cxmaturity.core.model import Id, Questionnaire
from cxmaturity.core.stages import STAGE_KEYS, Stage, parse_stage
from cxmaturity.core.targets import DepartmentTarget, Targets
from cxmaturity.formats.loading import expect_format, located, validate
from cxmaturity.formats.yamlio import read_document


def _stage(value: Any) -> Stage:
    stage = parse_stage(value)
    if stage is None:
        raise PydanticCustomError(
            "stage",
            "{value} is not a stage: use 1-6 or {names}",
            {"value": repr(value), "names": ", ".join(STAGE_KEYS)},
        )
    return stage


TargetStage = Annotated[
    Stage,
    PlainValidator(_stage),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(STAGE_KEYS)},
                {"type": "integer", "minimum": 1, "maximum": 6},
            ]
        }
    ),
]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class DepartmentTargets(_Model):
    default: TargetStage | None = None
    dimensions: dict[Id, TargetStage] = Field(default_factory=dict)


def _department_targets(value: Any) -> Any:
    # `service: embed` is short for `service: {default: embed}`. Expanding it here, rather
    # than through a union, keeps a bad stage to one error located at `departments.service`.
    return value if isinstance(value, dict) else {"default": _stage(value)}


DepartmentValue = Annotated[
    DepartmentTargets,
    BeforeValidator(_department_targets, json_schema_input_type=TargetStage | DepartmentTargets),
]


class TargetsFile(_Model):
    format: TargetsId
    organisation: TargetStage | None = None
    departments: dict[Id, DepartmentValue] = Field(default_factory=dict)

    def to_targets(self, source: Path) -> Targets:
        return Targets(
            organisation=self.organisation,
            departments={
                dep: DepartmentTarget(value.default, dict(value.dimensions))
                for dep, value in self.departments.items()
            },
            source=source,
        )


def load_targets(path: Path) -> Targets:
    doc = read_document(path)
    expect_format(doc, TARGETS_FORMAT)
    return validate(doc, TargetsFile).to_targets(path)


def check_targets(targets: Targets, questionnaire: Questionnaire) -> None:
    """Refuse targets for departments or dimensions the questionnaire does not have."""
    if targets.source is None:
        return
    departments = {d.id for d in questionnaire.departments}
    dimensions = {d.id for d in questionnaire.dimensions}
    for dep, target in targets.departments.items():
        if dep not in departments:
            raise _error(targets.source, ("departments", dep), f"unknown department {dep!r}")
        for dim in target.dimensions:
            if dim not in dimensions:
                raise _error(
                    targets.source,
                    ("departments", dep, "dimensions", dim),
                    f"unknown dimension {dim!r}",
                )


def _error(path: Path, loc: tuple[str, ...], message: str) -> InvalidFileError:
    return located(read_document(path), loc, message, InvalidFileError)
