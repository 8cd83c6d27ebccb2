"""The consensus round on paper and screen: what to settle, and raw → agreed figures.

Counts per stage are shown only for departments of at least ``--min-group``
respondents: in a smaller group a count could say who answered what.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from cxmaturity.core.consensus import ConsensusFile, Round, Split
from cxmaturity.core.evidence import Claims
from cxmaturity.core.format_ids import ROUND_FORMAT
from cxmaturity.core.result import Result
from cxmaturity.core.stages import Stage
from cxmaturity.render.renderer import Options, Renderer
from cxmaturity.render.text import as_text
from cxmaturity.words.language import Language


def distribution(counts: tuple[int, ...] | list[int], lang: Language) -> str:
    """``Explore 1, Align 2``: the stages given and how often, lowest first."""
    return ", ".join(f"{lang.stage(Stage(i + 1))} {n}" for i, n in enumerate(counts) if n)


def round_table(found: Round, lang: Language) -> Table:
    table = Table(title="To settle in the consensus round", title_justify="left")
    for heading in ("Department", "Question", "Answers", "Apart", "Agreed"):
        table.add_column(heading)
    names = {d.id: d.name for d in found.questionnaire.model.departments}
    for split in found.splits:
        table.add_row(
            Text(names.get(split.department, split.department)),
            Text(f"{split.question.id}{' (fact)' if split.fact else ''}"),
            Text(_answers(found, split, lang)),
            Text(str(split.spread)),
            Text(_agreed(split, lang)),
        )
    if not found.splits:
        table.add_row("", Text("no question splits a department"), "", "", "")
    return table


def _answers(found: Round, split: Split, lang: Language) -> str:
    if not found.shown(split):
        return f"{split.answered} answers (fewer than {found.min_group} people: not shown)"
    return distribution(split.counts, lang)


def _agreed(split: Split, lang: Language) -> str:
    if split.agreed is None:
        return "to settle"
    return f"{lang.stage(Stage(split.agreed.stage))}: {split.agreed.reason}"


def agreement_lines(found: Round, lang: Language) -> str:
    lines = ["Agreement (Krippendorff's alpha, ordinal): before → after the round"]
    for item in found.agreement:
        lines.append(
            f"  {item.name} ({item.respondents}): {_alpha(item.before)} → {_alpha(item.after)}"
        )
    return "\n".join(lines) + "\n"


def _alpha(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def round_json(found: Round) -> str:
    data: dict[str, Any] = {
        "format": ROUND_FORMAT,
        "questionnaire": {
            "id": found.questionnaire.model.id,
            "version": found.questionnaire.model.version,
        },
        "min_group": found.min_group,
        "to_settle": [_split_data(found, s) for s in found.splits],
        "agreement": [
            {
                "department": a.department,
                "respondents": a.respondents,
                "alpha_before": a.before,
                "alpha_after": a.after,
            }
            for a in found.agreement
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _split_data(found: Round, split: Split) -> dict[str, Any]:
    agreed = split.agreed
    return {
        "department": split.department,
        "question": split.question.id,
        "kind": "fact" if split.fact else "practice",
        "answered": split.answered,
        "spread": split.spread,
        "counts": list(split.counts) if found.shown(split) else None,
        "agreed": None if agreed is None else {"stage": agreed.stage, "reason": agreed.reason},
    }


def raw_to_agreed(raw: Result, result: Result, consensus: ConsensusFile, lang: Language) -> str:
    """The lines under ``score`` and ``plan``: each agreed answer and the scores it moved."""
    names = {d.id: d.name for d in result.departments}
    lines = ["Consensus round: agreed stages used (raw → agreed; --raw ignores them)"]
    for agreed in consensus.agreed:
        where = names.get(agreed.department, agreed.department)
        given = distribution(agreed.raw, lang) or "no stage given"
        stage = lang.stage(Stage(agreed.stage))
        lines.append(f"  {where} · {agreed.question}: {given} → {stage} ({agreed.reason})")
    before = {d.id: d for d in raw.departments}
    for dep in result.departments:
        was = before.get(dep.id)
        if was is not None and was.score != dep.score:
            lines.append(f"  {dep.name}: {_score(was.score, lang)} → {_score(dep.score, lang)}")
    org_before, org = raw.organisation.score, result.organisation.score
    if org_before != org:
        lines.append(f"  Organisation: {_score(org_before, lang)} → {_score(org, lang)}")
    return "\n".join(lines) + "\n"


def _score(value: float | None, lang: Language) -> str:
    return "–" if value is None else lang.decimal(value)


def claims_line(claims: Claims) -> str:
    """Claimed vs evidenced, under ``score`` and ``plan`` once any answer has evidence."""
    stale = f"; {claims.stale} older than a year" if claims.stale else ""
    return (
        f"Claimed vs evidenced: {claims.claimed} answers at Align or Embed, "
        f"{claims.evidenced} with evidence{stale}\n"
    )


def _round_text(found: Round, options: Options) -> str:
    return as_text(round_table(found, options.lang), options) + agreement_lines(found, options.lang)


RENDERERS: Mapping[str, Renderer[Round]] = {
    "table": _round_text,
    "json": lambda found, options: round_json(found),
}
"""``consensus``'s formats: what the folder has to settle."""
