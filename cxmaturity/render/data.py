"""Machine- and CI-facing renderings of a Result: JSON (the contract), CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from cxmaturity.confidence import Interval
from cxmaturity.model import SCORES_FORMAT, iso_stamp
from cxmaturity.render.markdown import md
from cxmaturity.result import DimensionResult, Result
from cxmaturity.stages import Stage


def _stage_fields(score: float | None, stage: Stage | None) -> dict[str, Any]:
    return {
        "score": score,
        "stage": int(stage) if stage is not None else None,
        "stage_name": stage.label if stage is not None else None,
    }


def _interval(interval: Interval | None) -> dict[str, Any]:
    # Always present, so a consumer can tell "no interval" (one value) from an old file.
    if interval is None:
        return {"interval": None, "borderline": False}
    return {
        "interval": {"low": interval.low, "high": interval.high, "n": interval.n},
        "borderline": interval.borderline,
    }


def _target_fields(target: Stage | None, gap: int | None, with_targets: bool) -> dict[str, Any]:
    if not with_targets:
        return {}
    return {"target": int(target) if target is not None else None, "gap": gap}


def _dimension(dim: DimensionResult, count_key: str, with_targets: bool) -> dict[str, Any]:
    return {
        "id": dim.id,
        "name": dim.name,
        count_key: dim.respondents,
        **_stage_fields(dim.score, dim.stage),
        **_interval(dim.interval),
        "spread": dim.spread,
        "disagreement": dim.disagreement,
        **_target_fields(dim.target, dim.gap, with_targets),
    }


def _org_dimension(dim: DimensionResult, with_targets: bool) -> dict[str, Any]:
    # At organisation level the spread is between departments, not a disagreement flag.
    data = _dimension(dim, "departments", with_targets)
    del data["disagreement"]
    return data


def to_data(result: Result, with_targets: bool = False) -> dict[str, Any]:
    """The ``cxmaturity.scores/1`` structure, ordered as the questionnaire is."""
    org = result.organisation
    return {
        "format": SCORES_FORMAT,
        "questionnaire": {
            "id": result.questionnaire.id,
            "version": result.questionnaire.version,
            "sha256": result.questionnaire.sha256,
        },
        "respondents": len(result.respondents),
        "updated": _stamp(result.updated),
        "organisation": {
            **_stage_fields(org.score, org.stage),
            **_interval(org.interval),
            **_target_fields(org.target, org.gap, with_targets),
            "dimensions": [_org_dimension(d, with_targets) for d in org.dimensions],
        },
        "departments": [
            {
                "id": dep.id,
                "name": dep.name,
                "respondents": dep.respondents,
                **_stage_fields(dep.score, dep.stage),
                **_interval(dep.interval),
                **_target_fields(dep.target, dep.gap, with_targets),
                "dimensions": [_dimension(d, "respondents", with_targets) for d in dep.dimensions],
            }
            for dep in result.departments
        ],
        "warnings": list(result.warnings),
    }


def _stamp(moment: datetime | None) -> str | None:
    # Written like the answer files' stamps, so a scores file dates the survey it came from.
    return None if moment is None else iso_stamp(moment)


def render_json(result: Result, with_targets: bool = False) -> str:
    return json.dumps(to_data(result, with_targets), indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = (
    "department_id",
    "department",
    "dimension_id",
    "dimension",
    "respondents",
    "score",
    "stage",
    "stage_name",
    "spread",
    "disagreement",
    "target",
    "gap",
)


def _cell(value: Any) -> Any:
    # Spreadsheets run cells that start with these as formulas; text is kept as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def render_csv(result: Result, with_targets: bool = False) -> str:
    """One row per department x dimension."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for dep in result.departments:
        for dim in dep.dimensions:
            writer.writerow(
                _cell(v)
                for v in (
                    dep.id,
                    dep.name,
                    dim.id,
                    dim.name,
                    dim.respondents,
                    _fixed(dim.score),
                    int(dim.stage) if dim.stage else None,
                    dim.stage.label if dim.stage else None,
                    _fixed(dim.spread),
                    "yes" if dim.disagreement else "no",
                    int(dim.target) if dim.target else None,
                    dim.gap,
                )
            )
    return out.getvalue()


def _fixed(value: float | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _md_score(score: float | None, stage: Stage | None) -> str:
    if score is None or stage is None:
        return "not enough answers"
    return f"{score:.2f} {stage.label}"


def render_markdown(result: Result, with_targets: bool = False) -> str:
    """A short summary for a CI job page or a pull request."""
    org = result.organisation
    q = result.questionnaire
    lines = [
        f"## CX maturity: {_md_score(org.score, org.stage)}",
        "",
        f"{md(q.title)} ({md(q.id)} {md(q.version)}), {len(result.respondents)} respondents "
        f"in {len(result.departments)} departments.",
        "",
        "| Department | Respondents | Score | Stage |"
        + (" Target | Gap |" if with_targets else ""),
        "|---|---:|---:|---|" + ("---|---:|" if with_targets else ""),
    ]
    for dep in result.departments:
        row = (
            f"| {md(dep.name)} | {dep.respondents} | {_fixed(dep.score) or '–'} | "
            f"{dep.stage.label if dep.stage else 'not enough answers'} |"
        )
        if with_targets:
            row += f" {dep.target.label if dep.target else '–'} | {_none(dep.gap)} |"
        lines.append(row)
    lines += [
        "",
        "| Dimension | Organisation score | Stage | Spread across departments |",
        "|---|---:|---|---:|",
    ]
    for dim in org.dimensions:
        stage = dim.stage.label if dim.stage else "not enough answers"
        lines.append(
            f"| {md(dim.name)} | {_fixed(dim.score) or '–'} | {stage} | "
            f"{_fixed(dim.spread) or '–'} |"
        )
    disagreements = [
        f"- {md(dep.name)} · {md(dim.name)}: spread {dim.spread:.2f}"
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    if disagreements:
        lines += ["", f"**Disagreements** ({len(disagreements)}):", "", *disagreements]
    if result.warnings:
        lines += ["", "**Warnings:**", "", *(f"- {md(w)}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def _none(value: int | None) -> str:
    return "–" if value is None else str(value)
