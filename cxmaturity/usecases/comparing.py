"""``compare`` and ``report --baseline``: two surveys, or a survey and a scores.json, side by side.

Answers given on an older bundled version are bridged to the newer one through the
bundled mapping, so the two sides are compared on the questions they share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cxmaturity.core.errors import NotFoundError
from cxmaturity.core.format_ids import SCORES_FORMAT
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.scoring import score
from cxmaturity.core.targets import Targets
from cxmaturity.formats.answers import check_answers
from cxmaturity.formats.loading import file_format, load_questionnaire
from cxmaturity.formats.yamlio import read_document
from cxmaturity.usecases.assessment import Assessment, assess

if TYPE_CHECKING:
    # Imported where used: `score` needs neither, and start-up time is part of its speed.
    from cxmaturity.core.comparison import Comparison, Snapshot
    from cxmaturity.core.gate import Check


@dataclass(frozen=True)
class CompareOutcome:
    comparison: Comparison
    checks: tuple[Check, ...] = ()
    """The regression gate's checks, one per organisation, department and dimension, when
    a drop was given."""


def compare(
    baseline: Path,
    current: Path,
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
    language: str | None = None,
    fail_on_drop: int | None = None,
) -> CompareOutcome:
    """Load both sides and compare them; targets apply to the current side.

    With a ``language``, the names of sides scored from answers come from the
    questionnaire's translation; a ``scores.json`` keeps the names it was written with.
    With ``fail_on_drop``, a fall of that many stages (or below a target) fails a check.
    """
    before, after = _paired(
        _load(baseline, questionnaire, language), _load(current, questionnaire, language)
    )
    if targets is not None and targets.any:
        _check_targets(targets, after, questionnaire)
    from cxmaturity.core.comparison import compare_snapshots
    from cxmaturity.core.gate import drop_checks

    comparison = compare_snapshots(before, after, targets)
    checks = drop_checks(comparison, fail_on_drop) if fail_on_drop is not None else []
    return CompareOutcome(comparison, tuple(checks))


def compare_with_baseline(
    baseline: Path, current: Assessment, questionnaire: str | Path | None = None
) -> Comparison:
    """A baseline (folder, answer file or ``scores.json``) against an assessment in hand.

    What ``report --baseline`` shows: the current side is the very result being reported,
    not scored a second time. Targets stay out: the report shows gaps on its own pages.
    """
    from cxmaturity.core.comparison import compare_snapshots

    return compare_snapshots(*_paired(_load(baseline, questionnaire), current))


def _check_targets(targets: Targets, after: Snapshot, questionnaire: str | Path | None) -> None:
    # Targets name departments and dimensions of the questionnaire the current side used.
    try:
        loaded = load_questionnaire(questionnaire or after.side.questionnaire_id)
    except NotFoundError:
        return
    from cxmaturity.formats.targets_file import check_targets

    check_targets(targets, loaded.model)


def _load(
    path: Path, questionnaire: str | Path | None, language: str | None = None
) -> Assessment | Snapshot:
    if path.is_file() and file_format(read_document(path)) == SCORES_FORMAT:
        from cxmaturity.formats.scores import read_scores

        return read_scores(path)
    return assess([path], questionnaire, language=language)


def _paired(
    before: Assessment | Snapshot, after: Assessment | Snapshot
) -> tuple[Snapshot, Snapshot]:
    """Two snapshots; answers given on an older bundled version are compared with the newer
    one on the questions the two share, through the bundled mapping."""
    if isinstance(before, Assessment) and isinstance(after, Assessment):
        bridged = _on_shared_questions(before, after)
        if bridged is not None:
            return bridged
    return (
        snapshot_of_assessment(before) if isinstance(before, Assessment) else before,
        snapshot_of_assessment(after) if isinstance(after, Assessment) else after,
    )


def _on_shared_questions(
    baseline: Assessment, current: Assessment
) -> tuple[Snapshot, Snapshot] | None:
    """Both sides re-scored on the questions two versions share, when a mapping ships for
    the version the baseline's answers were given on; None when no bridge applies."""
    from cxmaturity.core.comparison import snapshot_of
    from cxmaturity.core.versions import only, restricted, translated
    from cxmaturity.formats.mapping import bundled_mapping

    q = current.questionnaire.model
    refs = {(s.file.questionnaire.id, s.file.questionnaire.version) for s in baseline.answer_sets}
    if len(refs) != 1:
        return None
    qid, version = refs.pop()
    mapping = None if (qid, version) == (q.id, q.version) else bundled_mapping(qid, version, q)
    if mapping is None:
        return None
    ids = set(mapping.questions.values())
    loaded = LoadedQuestionnaire(
        restricted(q, ids), current.questionnaire.sha256, current.questionnaire.source
    )
    before = [translated(s, mapping, q) for s in baseline.answer_sets]
    after = [only(s, ids) for s in current.answer_sets]
    scored = []
    for sets, label in ((before, _label(baseline)), (after, _label(current))):
        warnings: list[str] = []
        for answer_set in sets:
            check_answers(loaded, answer_set, warnings)
        if sets is before:
            warnings = _regrouped(warnings, q.version)
        result = score(loaded, sets, warnings)
        versions = tuple(sorted({s.file.questionnaire.version for s in sets}))
        scored.append(snapshot_of(result, label, versions))
    note = (
        f"compared on the {len(ids)} questions {qid} {version} and {q.version} share "
        f"({Path(mapping.source).name}); questions new in {q.version} are left out"
    )
    old = replace(scored[0].side, versions=(version,))
    return replace(scored[0], side=old), replace(
        scored[1], side=replace(scored[1].side, bridge=note)
    )


def _regrouped(warnings: list[str], version: str) -> list[str]:
    """One line for the baseline answers a newer version no longer asks of that department
    (the questions moved between departments), instead of one line per answer."""
    moved = [w for w in warnings if "which does not apply to" in w]
    if not moved:
        return warnings
    kept = [w for w in warnings if w not in moved]
    return [
        *kept,
        f"{len(moved)} baseline answers are to questions {version} no longer asks of that "
        "department; they are left out of the comparison",
    ]


def snapshot_of_assessment(assessment: Assessment) -> Snapshot:
    """The reported figures of a fresh assessment, labelled by where its answers are."""
    from cxmaturity.core.comparison import snapshot_of

    versions = sorted({s.file.questionnaire.version for s in assessment.answer_sets})
    return snapshot_of(assessment.result, _label(assessment), tuple(versions))


def _label(assessment: Assessment) -> str:
    folders = {str(s.path.parent) for s in assessment.answer_sets}
    return folders.pop() if len(folders) == 1 else f"{len(assessment.answer_sets)} answer files"
