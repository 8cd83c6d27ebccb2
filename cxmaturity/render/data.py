"""Machine- and CI-facing renderings of a Result: JSON (the contract), CSV and Markdown."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any

from cxmaturity.i18n import Language, language
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
            **_target_fields(org.target, org.gap, with_targets),
            "dimensions": [_org_dimension(d, with_targets) for d in org.dimensions],
        },
        "departments": [
            {
                "id": dep.id,
                "name": dep.name,
                "respondents": dep.respondents,
                **_stage_fields(dep.score, dep.stage),
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


def _md_score(score: float | None, stage: Stage | None, lang: Language) -> str:
    if score is None or stage is None:
        return lang.gettext("not enough answers")
    return f"{lang.decimal(score)} {lang.stage(stage)}"


def _md_fixed(value: float | None, lang: Language) -> str:
    return "–" if value is None else lang.decimal(value)


def render_markdown(
    result: Result, with_targets: bool = False, lang: Language | None = None
) -> str:
    """A short summary for a CI job page or a pull request."""
    lang = lang or language()
    _ = lang.gettext
    org = result.organisation
    q = result.questionnaire
    none = _("not enough answers")
    summary = lang.ngettext(
        "{title} ({id} {version}), {respondents} respondent in {departments} departments.",
        "{title} ({id} {version}), {respondents} respondents in {departments} departments.",
        len(result.respondents),
    )
    lines = [
        _("## CX maturity: {score}").format(score=_md_score(org.score, org.stage, lang)),
        "",
        summary.format(
            title=md(q.title),
            id=md(q.id),
            version=md(q.version),
            respondents=len(result.respondents),
            departments=len(result.departments),
        ),
        "",
        _row(_("Department"), _("Respondents"), _("Score"), _("Stage"))
        + (_row(_("Target"), _("Gap"))[1:] if with_targets else ""),
        "|---|---:|---:|---|" + ("---|---:|" if with_targets else ""),
    ]
    for dep in result.departments:
        row = (
            f"| {md(dep.name)} | {dep.respondents} | {_md_fixed(dep.score, lang)} | "
            f"{lang.stage(dep.stage) if dep.stage else none} |"
        )
        if with_targets:
            row += f" {lang.stage(dep.target) if dep.target else '–'} | {_none(dep.gap)} |"
        lines.append(row)
    lines += [
        "",
        _row(_("Dimension"), _("Organisation score"), _("Stage"), _("Spread across departments")),
        "|---|---:|---|---:|",
    ]
    for dim in org.dimensions:
        stage = lang.stage(dim.stage) if dim.stage else none
        lines.append(
            f"| {md(dim.name)} | {_md_fixed(dim.score, lang)} | {stage} | "
            f"{_md_fixed(dim.spread, lang)} |"
        )
    spread = _("{department} · {dimension}: spread {spread}")
    disagreements = [
        "- "
        + spread.format(
            department=md(dep.name), dimension=md(dim.name), spread=lang.decimal(dim.spread)
        )
        for dep in result.departments
        for dim in dep.dimensions
        if dim.disagreement and dim.spread is not None
    ]
    if disagreements:
        heading = _("**Disagreements** ({count}):").format(count=len(disagreements))
        lines += ["", heading, "", *disagreements]
    if result.warnings:
        lines += ["", _("**Warnings:**"), "", *(f"- {md(w)}" for w in result.warnings)]
    return "\n".join(lines) + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _none(value: int | None) -> str:
    return "–" if value is None else str(value)
