"""The packs' view models: what the board and the workshop templates are given, typed.

``packs`` builds them from the Result, the plan and the roadmap; the templates read their
fields by name (``variables``). Which departments a pack shows on their own is decided
once, by ``Selection``, and every table, chart, list and progress lookup of the pack reads
it from there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cxmaturity.core.comparison import Change, Comparison
from cxmaturity.core.evidence import Claims
from cxmaturity.core.findings import Perspective, too_few
from cxmaturity.core.model import Questionnaire
from cxmaturity.core.plan import Action, Plan
from cxmaturity.core.result import Comment, DepartmentResult, QuestionStats, Result
from cxmaturity.core.roadmap import TargetChoice
from cxmaturity.core.stages import Stage
from cxmaturity.core.story import Quote
from cxmaturity.render import charts
from cxmaturity.render.board_story import SoWhat, Timed
from cxmaturity.render.consensus_pack import ConsensusView
from cxmaturity.words.findings import Worded
from cxmaturity.words.language import Language

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from cxmaturity.render.html import Progress


@dataclass(frozen=True)
class Selection:
    """The departments a pack shows on their own.

    A department of fewer than ``min_group`` respondents is hidden: no table, chart, list
    or progress line names its figures (its answers still count in the organisation's).
    ``--names`` lifts the rule in the workshop pack; the board never names people, so
    its selection never lifts it.
    """

    hidden: frozenset[str]

    @classmethod
    def of(
        cls, departments: Sequence[DepartmentResult], min_group: int, lifted: bool = False
    ) -> Selection:
        if lifted:
            return cls(frozenset())
        return cls(frozenset(d.id for d in too_few(departments, min_group)))

    def is_shown(self, department: DepartmentResult) -> bool:
        return department.id not in self.hidden

    def shown(self, departments: Iterable[DepartmentResult]) -> tuple[DepartmentResult, ...]:
        return tuple(d for d in departments if d.id not in self.hidden)

    def progress(self, comparison: Comparison | None, lang: Language) -> Progress | None:
        """The progress lookup without the hidden departments (``Progress`` leaves them out),
        built once per pack; None without a baseline."""
        if comparison is None:
            return None
        from cxmaturity.render.html import Progress  # Jinja's import only when a pack has one

        return Progress(comparison, lang, self.hidden)


@dataclass(frozen=True, kw_only=True)
class Shared:
    """What both packs show: the organisation, the questionnaire, the plan, the words."""

    org: str
    org_named: bool
    today: date
    q: Questionnaire
    result: Result
    plan: Plan
    stages: list[Stage]
    stage_descriptions: dict[Stage, str]
    not_enough: str
    not_asked: str
    unplanned_line: str
    """Below-target gaps the questionnaire has no step for: said, never "targets met"."""
    department_names: dict[str, str]
    dimension_names: dict[str, str]
    short_names: dict[str, str]
    """A heatmap column's heading where the questionnaire gives one (the full name listed
    under the heatmap); else the name, hyphenated."""
    horizons: dict[str, str]
    interval_method: str
    palette_name: str
    pos: Callable[[float, float], float]
    names: bool
    min_group: int
    target: TargetChoice


@dataclass(frozen=True, kw_only=True)
class Pack:
    """One pack: what both show, the departments it shows and the progress it looks up."""

    shared: Shared
    selection: Selection
    progress: Progress | None
    """The baseline's figures, without the hidden departments; None without --baseline."""
    consensus_view: ConsensusView | None = None
    """The consensus round's view, gathered by the use case; None in a pack made without."""
    claims: Claims | None = None
    """The evidence behind Align and Embed answers, gathered by the use case."""

    def variables(self) -> dict[str, object]:
        """The names the templates read: every field, the shared ones by their own names,
        and the hidden departments' ids."""
        found = _fields(self) | _fields(self.shared)
        found["hidden_departments"] = self.selection.hidden
        return found


def _fields(made: DataclassInstance) -> dict[str, object]:
    return {f.name: getattr(made, f.name) for f in dataclasses.fields(made)}


@dataclass(frozen=True)
class RoadmapRow:
    rank: int
    action: Action
    dimension: str
    departments: str
    owner: str
    after: str


@dataclass(frozen=True, kw_only=True)
class BoardPack(Pack):
    """The board pack: at most 12 pages, whatever the number of respondents."""

    findings: tuple[Worded, ...]
    rules: list[str]
    caveats: tuple[str, ...]
    reliance: str | None
    headline: str
    board_method: str
    reading_rules: str
    perspectives: tuple[Perspective, ...]
    perspectives_left_out: int
    board_departments: tuple[DepartmentResult, ...]
    """The departments on the board's pages (``BOARD_DEPARTMENTS`` at most)."""
    charted_departments: tuple[DepartmentResult, ...]
    """Those of them shown on their own: the bars, the interval table and the deck's chart."""
    departments_left_out: int
    board_columns: tuple[int, ...]
    dimensions_left_out: int
    board_department_ids: frozenset[str]
    board_dimension_ids: frozenset[str]
    department_changes: list[Change]
    """The progress of the board's departments (a list: the templates put the organisation's
    in front of it)."""
    dimension_changes: list[Change]
    progress_tables: bool
    owner_flag: float
    agreed: float
    decisions: tuple[RoadmapRow, ...]
    roadmap_rows: tuple[RoadmapRow, ...]
    place: Callable[[float], str]
    bar_numbers: dict[str, int]
    spread_numbers: dict[str, int]
    heat_numbers: dict[str, int]
    heat_full_names: tuple[tuple[str, str], ...]
    story: Timed
    so_what: SoWhat

    def variables(self) -> dict[str, object]:
        """As ``Pack.variables``, with the story's and the summary's parts by name."""
        found = super().variables() | _fields(self.story) | _fields(self.so_what)
        found["too_few"] = self.selection.hidden
        return found


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    stats: QuestionStats
    comments: tuple[Comment, ...]

    @property
    def counts_line(self) -> str:
        """The answer counts as one monospaced line, a slot per column of ``counts_head``.

        One text run per question instead of ten table cells: the workshop pack lays
        out hundreds of these, and each cell costs WeasyPrint a line box of its own.
        """
        stats = self.stats
        slots = [*stats.counts, stats.unknown, stats.not_applicable, stats.unanswered]
        spread = (
            "–" if stats.spread is None else f"{stats.spread}{'±' if stats.disagreement else ''}"
        )
        return "".join(f"{n or '·':>4}" for n in slots) + f"{spread:>7}"


def counts_head(lang: Language) -> str:
    """The heading over ``counts_line``: a slot per stage, then ?, n/a, – and the spread.

    The marks are symbols in every language (the pack's reading guide says what they
    mean); only the spread is a word, six letters at most in each catalogue.
    """
    slots = ("1", "2", "3", "4", "5", "6", "?", "n/a", "–")
    # Translators: the answer-count table's last column; at most six letters.
    spread = lang.gettext("spread")
    return "".join(f"{h:>4}" for h in slots) + f"{spread:>7}"


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class DepartmentSection:
    result: DepartmentResult
    shown: bool
    """False when the pack's ``Selection`` hides the department."""
    radar: charts.Radar
    radar_named: bool
    """False when the radar's axes are numbered and the names listed under it."""
    series: dict[str, str]
    dots: tuple[charts.Point, ...]
    discussion: tuple[QuestionView, ...]
    dimensions: tuple[DimensionView, ...]
    actions: tuple[Action, ...]
    baseline: tuple[str, tuple[charts.Point, ...]] | None = None
    """The baseline's polygon and dots on this department's radar, with --baseline."""
    cap_note: str | None = None
    """In words, when a foundation dimension holds the department's stage back."""


@dataclass(frozen=True, kw_only=True)
class WorkshopPack(Pack):
    """The workshop pack: every department's figures, answers and comments."""

    sections: tuple[DepartmentSection, ...]
    counts_head: str
    radar_named: int
    """A radar with more axes than this numbers them."""
    contradictions: tuple[Quote, ...]
