"""The use cases: what each command does, between the files it reads and what it renders.

``assess`` (paths on disk to one scored Result) is the pipeline every command shares;
``compare``, ``build_report``, ``validate_files`` and ``chosen_department`` build on the
same loading.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cxmaturity.core.consensus import ConsensusFile, agreed_sets
from cxmaturity.core.errors import (
    CxMaturityError,
    InputFileError,
    InvalidFileError,
    ManyErrors,
    MismatchError,
    NoAnswersError,
    NotFoundError,
    UsageError,
)
from cxmaturity.core.loaded import AnswerSet, LoadedQuestionnaire
from cxmaturity.core.model import (
    ANSWERS_FORMAT,
    CONSENSUS_FORMAT,
    MAPPING_FORMAT,
    QUESTIONNAIRE_FORMAT,
    QUESTIONNAIRE_FORMAT_2,
    QUESTIONNAIRE_FORMATS,
    SCORES_FORMAT,
    TARGETS_FORMAT,
    Department,
    Questionnaire,
)
from cxmaturity.core.result import Result
from cxmaturity.core.scoring import score
from cxmaturity.core.stages import Stage
from cxmaturity.core.targets import Targets, apply_targets
from cxmaturity.core.translation import TRANSLATION_FORMAT, completeness, missing_texts
from cxmaturity.formats.batch import read_answer_files
from cxmaturity.formats.bundled import ref_for
from cxmaturity.formats.loading import (
    answers_from,
    check_answers,
    collect_paths,
    file_format,
    load_questionnaire,
    located,
    questionnaire_from,
)
from cxmaturity.formats.translation_files import (
    fallback_warning,
    localise,
    questionnaire_for,
    read_translation,
    source_warnings,
)
from cxmaturity.formats.yamlio import read_document

if TYPE_CHECKING:
    # Imported where used: `score` needs neither, and start-up time is part of its speed.
    from cxmaturity.core.comparison import Comparison, Snapshot
    from cxmaturity.core.roadmap import Roadmap, TargetChoice


@dataclass(frozen=True)
class Assessment:
    questionnaire: LoadedQuestionnaire
    answer_sets: tuple[AnswerSet, ...]
    """The answers as given (before any agreement)."""
    result: Result
    """With the consensus round's agreed stages, where there are any."""
    raw: Result | None = None
    """The same answers scored without the agreed stages; None when nothing was agreed."""
    consensus: ConsensusFile | None = None


def assess(
    paths: Sequence[Path],
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
    language: str | None = None,
    raw: bool = False,
) -> Assessment:
    """Load, check and score answer files; every broken file is reported, not just the first.

    With a ``language``, names and texts come from the questionnaire's translation; the
    scores never depend on it. A folder's consensus file (the workshop's agreed stages)
    is applied unless ``raw``.
    """
    with _collector_paused():
        return _assess(paths, questionnaire, targets, language, raw)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A batch keeps every file's data alive and makes no reference cycles, so the cyclic
    # collector would only rescan a growing heap again and again (about 10% of the time).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _assess(
    paths: Sequence[Path],
    questionnaire: str | Path | None,
    targets: Targets | None,
    language: str | None,
    raw: bool = False,
) -> Assessment:
    warnings: list[str] = []
    answer_sets = _load_all(paths, warnings)
    loaded = load_questionnaire(questionnaire) if questionnaire else _named(answer_sets)
    if language:
        loaded = localise(loaded, language, warnings)
    if targets is not None:
        from cxmaturity.formats.targets_file import check_targets

        check_targets(targets, loaded.model)
    agreed = None if raw else folders_consensus(paths)
    return score_sets(loaded, answer_sets, warnings, targets, agreed)


def assess_folder(
    loaded: LoadedQuestionnaire,
    folder: Path,
    warnings: list[str],
    read: Callable[[Path, bool, list[str]], AnswerSet | None] | None = None,
) -> Assessment:
    """``assess`` for a questionnaire already loaded: the workshop's live figures.

    ``read`` may stand in for reading one file (the workshop keeps files it already
    parsed); whatever reads them, the same rule then checks and scores them.
    """
    if read is None:
        sets = _load_all([folder], warnings)
    else:
        found = [
            s for p, in_folder in collect_paths([folder]) if (s := read(p, in_folder, warnings))
        ]
        if not found:
            raise NoAnswersError("no answer files found", str(folder))
        sets = found
    return score_sets(loaded, sets, warnings, consensus=folders_consensus([folder]))


def folders_consensus(paths: Sequence[Path]) -> ConsensusFile | None:
    """The agreed stages of the folders among ``paths`` (one file per workshop folder)."""
    from cxmaturity.formats.consensus_file import read_consensus

    found = [c for p in paths if p.is_dir() and (c := read_consensus(p)) is not None]
    if not found:
        return None
    merged = found[0]
    for more in found[1:]:
        for agreed in more.agreed:
            merged = merged.with_agreed(agreed)
    return merged


def score_sets(
    loaded: LoadedQuestionnaire,
    answer_sets: list[AnswerSet],
    warnings: list[str],
    targets: Targets | None = None,
    consensus: ConsensusFile | None = None,
) -> Assessment:
    """Check and score answer sets: the one rule for who counts and what they score.

    ``score``, the reports and the workshop's projector all come through here, so they
    always agree on the respondents (files with no answer are dropped) and the figures.
    With a ``consensus``, the result uses its agreed stages and ``raw`` keeps the figures
    as answered.
    """
    errors: list[CxMaturityError] = []
    for answer_set in answer_sets:
        try:
            check_answers(loaded, answer_set, warnings)
        except CxMaturityError as exc:
            errors.append(exc)
    _raise_if(errors)
    answer_sets = _without_empty(answer_sets, warnings)
    if consensus is not None:
        _check_consensus(loaded, consensus)
    if consensus is None or not consensus.agreed:
        result = score(loaded, answer_sets, warnings)
        if targets is not None:
            result = apply_targets(result, targets)
        return Assessment(loaded, tuple(answer_sets), result, consensus=consensus)
    raw = score(loaded, answer_sets, list(warnings))
    # Facts take the agreed value as the department's one value (scoring rule 8).
    agreed = {(a.department, a.question): Stage(a.stage) for a in consensus.agreed}
    by_department: dict[str, dict[str, Stage]] = {}
    for (department, question), stage in agreed.items():
        by_department.setdefault(department, {})[question] = stage
    result = score(loaded, agreed_sets(answer_sets, consensus), warnings, by_department)
    if targets is not None:
        raw, result = apply_targets(raw, targets), apply_targets(result, targets)
    return Assessment(loaded, tuple(answer_sets), result, raw, consensus)


def _check_consensus(loaded: LoadedQuestionnaire, consensus: ConsensusFile) -> None:
    ref = consensus.questionnaire
    if ref.id != loaded.model.id:
        raise MismatchError(
            f"the consensus file is for questionnaire {ref.id!r}, not {loaded.model.id!r}; "
            "use --raw to score without it"
        )


def _load_all(paths: Sequence[Path], warnings: list[str]) -> list[AnswerSet]:
    # A missing path is one more broken input: it is reported with the others, in one pass.
    missing: list[CxMaturityError] = [
        InputFileError("no such file or folder", path) for path in paths if not path.exists()
    ]
    present = [path for path in paths if path.exists()]
    sets, errors = read_answer_files(collect_paths(present), warnings)
    _raise_if(missing + errors)
    if not sets:
        raise NoAnswersError("no answer files found", ", ".join(str(p) for p in paths))
    return sets


def _without_empty(sets: list[AnswerSet], warnings: list[str]) -> list[AnswerSet]:
    """Files with no answer at all (a survey quit at its first screen) are no respondents."""
    kept: list[AnswerSet] = []
    empty: list[str] = []
    for answer_set in sets:
        # One pass: a membership test against `kept` made large folders quadratic.
        if any(a.status != "unanswered" for a in answer_set.file.answers.values()):
            kept.append(answer_set)
        else:
            empty.append(str(answer_set.path))
    if not kept:
        raise NoAnswersError("no answers in any answer file", ", ".join(empty))
    if empty:
        plural = "s" if len(empty) > 1 else ""
        names = ", ".join(empty)
        warnings.append(f"skipped {len(empty)} answer file{plural} with no answers: {names}")
    return kept


def _named(answer_sets: list[AnswerSet]) -> LoadedQuestionnaire:
    """The questionnaire the answers name; when none of that id ships, say how to give it."""
    ref = _named_questionnaire(answer_sets)
    try:
        return load_questionnaire(ref)
    except NotFoundError as exc:
        raise NotFoundError(
            f"{exc.message}; the answers name questionnaire {ref!r}: give its file with -q FILE"
        ) from None


def _named_questionnaire(answer_sets: list[AnswerSet]) -> str:
    """The questionnaire the answers name: the bundled version they were given on, when it
    ships and they all agree on it; otherwise its id (the newest version, with a warning)."""
    ids = sorted({s.file.questionnaire.id for s in answer_sets})
    if len(ids) > 1:
        raise MismatchError(
            f"the answer files name different questionnaires ({', '.join(ids)}); pick one with -q"
        )
    versions = {s.file.questionnaire.version for s in answer_sets}
    if len(versions) == 1:
        return ref_for(ids[0], versions.pop()) or ids[0]
    return ids[0]


def _raise_if(errors: list[CxMaturityError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ManyErrors(errors)


# ------------------------------------------------------------------ compare


def compare(
    baseline: Path,
    current: Path,
    questionnaire: str | Path | None = None,
    targets: Targets | None = None,
    language: str | None = None,
) -> Comparison:
    """Load both sides and compare them; targets apply to the current side.

    With a ``language``, the names of sides scored from answers come from the
    questionnaire's translation; a ``scores.json`` keeps the names it was written with.
    """
    before, after = _paired(
        _load(baseline, questionnaire, language), _load(current, questionnaire, language)
    )
    if targets is not None and targets.any:
        _check_targets(targets, after, questionnaire)
    from cxmaturity.core.comparison import compare_snapshots

    return compare_snapshots(before, after, targets)


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


# ------------------------------------------------------------------ report


Pack = Literal["board", "workshop"]


@dataclass(frozen=True)
class ReportOutcome:
    result: Result
    """The result the report shows, aimed at the targets it used."""
    roadmap: Roadmap
    plan: Any
    pages: int
    warnings: tuple[str, ...] = ()
    """Texts with characters the report's fonts cannot draw, one line each."""

    @property
    def target(self) -> TargetChoice:
        return self.roadmap.target


def _quiet(step: str) -> None:
    del step


def build_report(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    *,
    organisation: str,
    pack: Pack = "board",
    html_out: Path | None = None,
    template_dir: Path | None = None,
    names: bool = False,
    min_group: int = 3,
    today: date | None = None,
    comparison: Comparison | None = None,
    progress: Callable[[str], None] = _quiet,
    language: str = "en",
    quotes: tuple[str, ...] = (),
    org_named: bool = True,
) -> ReportOutcome:
    """Choose the target, take the plan, render one pack's HTML and write the PDF.

    ``assessment`` must have been scored against ``targets``; the report only aims it at a
    default target when none was set, so its warnings are those of the one scoring pass.
    With a ``comparison`` of a baseline against this assessment, the pack also shows the
    progress made since the baseline. ``progress`` is told each step as it starts (the CLI
    shows it on a terminal).
    """
    from cxmaturity.formats.outputs import write_output
    from cxmaturity.render import glyphs, html, pdf

    dirs = html.template_dirs(template_dir)
    progress("planning")
    looked_up = None
    if comparison is not None:
        from cxmaturity.words.language import language as reader

        looked_up = html.Progress(comparison, reader(language))
    result, roadmap, plan, context, lang = _pack_context(
        assessment,
        targets,
        organisation,
        pack,
        names,
        min_group,
        today,
        language,
        looked_up,
        quotes=quotes,
        org_named=org_named,
    )
    progress("writing the pages")
    text = html.render_pack(
        pack, context, template_dir=template_dir, comparison=comparison, lang=lang
    )
    if html_out is not None:
        write_output(html_out, text)
    # Said, never dropped: WeasyPrint would draw a character no font has as an empty box.
    undrawn = glyphs.report_warnings(text)
    progress("laying out the PDF")
    pages = pdf.write_pdf(text, out, dirs)
    return ReportOutcome(result, roadmap, plan, pages, tuple(undrawn))


def _pack_context(
    assessment: Assessment,
    targets: Targets | None,
    organisation: str,
    pack: Pack,
    names: bool,
    min_group: int,
    today: date | None,
    language: str,
    looked_up: Any = None,
    *,
    quotes: tuple[str, ...] = (),
    org_named: bool = True,
) -> tuple[Result, Roadmap, Any, dict[str, Any], Any]:
    """One pack's context: the result aimed at its target, the roadmap, the plan."""
    from cxmaturity.core.roadmap import build_roadmap, with_default_target
    from cxmaturity.render import packs
    from cxmaturity.render.plan_source import plan_for
    from cxmaturity.words.language import language as reader

    result, target = with_default_target(assessment.result, targets)
    questionnaire = assessment.questionnaire.model
    roadmap = build_roadmap(result, questionnaire, target)
    plan = plan_for(result, questionnaire, target)
    lang = reader(language)
    options = packs.Options(
        organisation, today or date.today(), names, min_group, lang, quotes, org_named
    )
    build = packs.board if pack == "board" else packs.workshop
    context = build(result, questionnaire, roadmap, plan, options, looked_up)
    from cxmaturity.consensus_round import claims_view, consensus_view

    context["consensus_view"] = consensus_view(assessment, result, min_group, lang)
    context["claims"] = claims_view(assessment, today or date.today())
    return result, roadmap, plan, context, lang


OfficeKind = Literal["pptx", "xlsx"]


def build_office(
    assessment: Assessment,
    targets: Targets | None,
    out: Path,
    kind: OfficeKind,
    *,
    organisation: str,
    names: bool = False,
    min_group: int = 3,
    today: date | None = None,
    language: str = "en",
    template: Path | None = None,
) -> ReportOutcome:
    """The board pack's story as an editable deck, or its figures as a workbook.

    Both are laid out from the board pack's own context (``render.office_view``), so they
    say what the PDF says, under the same page bound and small-group rule.
    """
    from cxmaturity.formats.outputs import write_output
    from cxmaturity.render.office_view import office_view

    result, roadmap, plan, context, lang = _pack_context(
        assessment, targets, organisation, "board", names, min_group, today, language
    )
    view = office_view(context, lang)
    if kind == "pptx":
        from cxmaturity.render.deck import render_deck

        content, pages = render_deck(view, _read_template(template)), 0
    else:
        from cxmaturity.render.workbook import render_workbook

        content, pages = render_workbook(view), 0
    write_output(out, content)
    return ReportOutcome(result, roadmap, plan, pages)


def _read_template(template: Path | None) -> bytes | None:
    """A client's deck whose slide master the deck uses: read as data, never run."""
    if template is None:
        return None
    import zipfile

    from cxmaturity.formats.reading import read_input
    from cxmaturity.formats.sheets import check_unzipped_size

    raw = read_input(template, 50 << 20)
    try:
        names = check_unzipped_size(raw, template)
    except (zipfile.BadZipFile, OSError, ValueError):
        names = []
    if "ppt/presentation.xml" not in names:
        raise InvalidFileError("--template: not a PowerPoint deck (.pptx)", template)
    return raw


# ------------------------------------------------------------------ validate


@dataclass
class ValidationReport:
    ok: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[CxMaturityError] = field(default_factory=list)


def validate_files(
    files: Sequence[Path],
    questionnaire: str | None,
    require_evidence: Stage | None = None,
    today: date | None = None,
) -> ValidationReport:
    """Check each file; answers at or above ``require_evidence`` must carry evidence, and
    evidence older than a year is a warning."""
    report = ValidationReport()
    against = load_questionnaire(questionnaire) if questionnaire else None
    named = _NamedQuestionnaires(report.warnings)
    rule = (require_evidence, today or date.today())
    for path in files:
        try:
            report.ok.append(_validate_one(path, against, report.warnings, named, rule))
        except CxMaturityError as exc:
            report.errors.append(exc)
    return report


def _has_steps(q: Questionnaire) -> bool:
    if q.question_steps:
        return any(question.next_steps for question in q.questions)
    return any(any(steps.values()) for steps in q.recommendations.values())


class _NamedQuestionnaires:
    """Without ``-q``, answers are checked against the questionnaire they name, found as
    ``score`` finds it, so ``validate`` never passes a file that ``score`` refuses."""

    def __init__(self, warnings: list[str]) -> None:
        self.warnings = warnings
        self.loaded: dict[str, LoadedQuestionnaire | None] = {}

    def of(self, answer_set: AnswerSet) -> LoadedQuestionnaire | None:
        ref = _named_questionnaire([answer_set])
        if ref not in self.loaded:
            try:
                self.loaded[ref] = load_questionnaire(ref)
            except NotFoundError:
                self.warnings.append(
                    f"{answer_set.path}: questionnaire {ref!r} is not bundled, so its answers "
                    "were checked only for form; name its file with -q to check them fully"
                )
                self.loaded[ref] = None
        return self.loaded[ref]


def _validate_one(
    path: Path,
    against: LoadedQuestionnaire | None,
    warnings: list[str],
    named: _NamedQuestionnaires,
    rule: tuple[Stage | None, date] = (None, date.min),
) -> str:
    doc = read_document(path)
    fmt = file_format(doc)
    if fmt in QUESTIONNAIRE_FORMATS:
        q = questionnaire_from(doc, str(path)).model
        if not _has_steps(q):
            warnings.append(
                f"{path}: the questionnaire has no next steps, so `plan` and the board pack "
                "can suggest nothing for a score below its target"
            )
        return (
            f"{path}: questionnaire {q.id} {q.version}, {len(q.questions)} questions, "
            f"{len(q.dimensions)} dimensions, {len(q.departments)} departments"
        )
    if fmt == ANSWERS_FORMAT:
        answer_set = answers_from(doc, in_folder=False, warnings=warnings)
        assert answer_set is not None  # only folder members are ever skipped
        reference = against or named.of(answer_set)
        if reference is not None:
            check_answers(reference, answer_set, warnings)
        from cxmaturity.formats.evidence_check import check_evidence

        check_evidence(doc, answer_set, rule, warnings)
        return f"{path}: answers from {_who(answer_set)}"
    if fmt == TRANSLATION_FORMAT:
        return _validate_translation(path, against, warnings)
    if fmt == CONSENSUS_FORMAT:
        from cxmaturity.core.consensus import ConsensusFile
        from cxmaturity.formats.loading import validate

        agreed = validate(doc, ConsensusFile).agreed
        return f"{path}: consensus round, {len(agreed)} agreed stage{'s' * (len(agreed) != 1)}"
    if fmt == TARGETS_FORMAT:
        from cxmaturity.formats.targets_file import check_targets, load_targets

        targets = load_targets(path)
        if against is not None:
            check_targets(targets, against.model)
        return f"{path}: targets"
    if fmt == MAPPING_FORMAT:
        from cxmaturity.formats.mapping import check_mapping_file

        return f"{path}: {check_mapping_file(path)}"
    found = f"format is {fmt!r}" if fmt else "no 'format' key"
    expected = (
        f"{QUESTIONNAIRE_FORMAT}, {QUESTIONNAIRE_FORMAT_2}, {ANSWERS_FORMAT}, {TARGETS_FORMAT}, "
        f"{MAPPING_FORMAT} or {TRANSLATION_FORMAT}"
    )
    raise located(doc, ("format",), f"{found}; expected {expected}", InvalidFileError)


def _validate_translation(
    path: Path, against: LoadedQuestionnaire | None, warnings: list[str]
) -> str:
    q = (against or questionnaire_for(path)).model
    translation = read_translation(path, q)
    missing = missing_texts(q, translation)
    if missing:
        warnings.append(f"{path}: {fallback_warning(path.name, missing)}")
    warnings += source_warnings(path, q, translation)
    done = completeness(q, translation)
    return f"{path}: {translation.language} translation of {q.id} {q.version}, {done:.0%} complete"


def _who(answer_set: AnswerSet) -> str:
    person = answer_set.file.respondent
    count = len(answer_set.file.answers)
    return f"{person.name} ({person.department}), {count} answer{'' if count == 1 else 's'}"


# ------------------------------------------------------------------ export


def chosen_department(q: Questionnaire, department_id: str | None) -> Department | None:
    """The department a copy is for, or None for everyone."""
    if department_id is None:
        return None
    department = q.department(department_id)
    if department is None:
        known = ", ".join(d.id for d in q.departments)
        raise UsageError(f"unknown department {department_id!r} (use one of: {known})")
    return department
