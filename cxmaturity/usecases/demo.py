"""A synthetic but realistic workshop on the bundled cx-core questionnaire (2.1).

Eleven departments answer with different, plausible profiles: executives rate leadership
higher than the front line does, service is strong on complaint handling and care, IT
on technology, finance on measurement, and HR has little view of customer feedback.
Respondents differ in optimism, a few sharply, so some departments disagree. The same
seed always gives the same answers.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from cxmaturity.core.errors import CxMaturityError
from cxmaturity.core.format_ids import ANSWERS_FORMAT, DemoId
from cxmaturity.core.loaded import LoadedQuestionnaire
from cxmaturity.core.model import Questionnaire
from cxmaturity.formats.answer_store import AnswerStore, held
from cxmaturity.formats.answers import answer_head, answer_text_of, file_names
from cxmaturity.formats.atomic import write_atomic
from cxmaturity.formats.demofolder import check_demo_folder
from cxmaturity.formats.loading import load_questionnaire, validate
from cxmaturity.formats.yamlio import read_document
from cxmaturity.usecases.assessment import assess

DEMO_FILE = "harbourside-energy.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Outlier(_Data):
    shift: float
    dimensions: frozenset[str]


class SpecialComment(_Data):
    question: str
    comment: str


class DemoData(_Data):
    """The synthetic organisation: its profiles, people and comments (``cxmaturity.demo/1``)."""

    format: DemoId
    organisation: str
    questionnaire: str
    seed: int
    workshop_day: datetime
    base: dict[str, float]
    profiles: dict[str, dict[str, float]]
    blind_spots: dict[str, frozenset[str]]
    outliers: dict[str, Outlier]
    roles: dict[str, list[str]]
    first_names: list[str]
    last_names: list[str]
    comments: dict[str, list[str]]
    special_comments: dict[str, SpecialComment]


@functools.cache
def load_demo() -> DemoData:
    """The bundled demo data, read from ``questionnaires/demo/`` inside the package."""
    entry = resources.files("cxmaturity") / "questionnaires" / "demo" / DEMO_FILE
    with resources.as_file(entry) as real:
        doc = read_document(Path(real))
    return validate(doc, DemoData)


@dataclass(frozen=True)
class DemoOutcome:
    answers_dir: Path
    respondents: int
    scores: Path
    report: Path
    """The board pack."""
    pages: int
    workshop: Path
    workshop_pages: int


def build_demo(out: Path, seed: int | None = None) -> DemoOutcome:
    """Write the answer files, scores.json and both packs into ``out``."""
    from cxmaturity.formats.scores_doc import scores_json
    from cxmaturity.usecases.reporting import build_report

    demo = load_demo()
    loaded = load_questionnaire(demo.questionnaire)
    planned = plan_answers(loaded, out / "answers", demo.seed if seed is None else seed)
    check_demo_folder(out, {path.name for path, _ in planned}, _earlier_demo(demo))
    _write(planned)
    paths = [path for path, _ in planned]
    assessment = assess(paths, demo.questionnaire)
    report, workshop = out / "board-pack.pdf", out / "workshop-pack.pdf"
    made = build_report(assessment, None, report, organisation=demo.organisation)
    room = build_report(assessment, None, workshop, organisation=demo.organisation, pack="workshop")
    scores = out / "scores.json"
    write_atomic(scores, scores_json(made.result, with_targets=True))
    return DemoOutcome(
        out / "answers", len(paths), scores, report, made.pages, workshop, room.pages
    )


def write_answers(
    loaded: LoadedQuestionnaire, folder: Path, seed: int, per_department: int | None = None
) -> list[Path]:
    """One answer file per synthetic respondent; returns their paths in writing order.

    Each department gets 3 to 6 respondents, or exactly ``per_department`` (benchmarks).
    """
    planned = plan_answers(loaded, folder, seed, per_department)
    _write(planned)
    return [path for path, _ in planned]


def _write(planned: list[tuple[Path, str]]) -> None:
    """Each file through the one writer of answer files, expecting what the folder held
    when it was checked: a file a running survey holds, or one changed since, stays."""
    found = {path: held(path) for path, _ in planned}
    for path, text in planned:
        AnswerStore(path).write_planned(text, found[path])


def plan_answers(
    loaded: LoadedQuestionnaire, folder: Path, seed: int, per_department: int | None = None
) -> list[tuple[Path, str]]:
    """The answer files ``write_answers`` writes: (path, text) in writing order."""
    demo = load_demo()
    rng = random.Random(seed)
    names = _names(demo, rng)
    paths: list[tuple[Path, str]] = []
    for dep in loaded.model.departments:
        count = per_department or rng.randint(3, 6)
        titles = demo.roles[dep.id]
        roles = [titles[i % len(titles)] for i in range(count)]
        rng.shuffle(roles)
        outlier = rng.randrange(count) if dep.id in demo.outliers else -1
        for index in range(count):
            name = next(names)
            lean = _lean(demo, dep.id, index == outlier, rng)
            person = _Person(dep.id, name, roles[index], lean, len(paths), index == 0)
            data = _answer_file(demo, loaded, person, rng)
            path = folder / next(file_names(dep.id, name))
            paths.append((path, answer_text_of(data)))
    return paths


def _earlier_demo(demo: DemoData) -> Callable[[Path], bool]:
    """Recognises an answer file an earlier demo wrote: a synthetic name on its questionnaire."""

    def check(path: Path) -> bool:
        try:
            data = read_document(path).data
        except CxMaturityError:
            return False
        if not isinstance(data, dict):
            return False
        respondent, questionnaire = data.get("respondent"), data.get("questionnaire")
        name = respondent.get("name") if isinstance(respondent, dict) else None
        first, _, last = name.partition(" ") if isinstance(name, str) else ("", "", "")
        return (
            data.get("format") == ANSWERS_FORMAT
            and isinstance(questionnaire, dict)
            and questionnaire.get("id") == demo.questionnaire
            and first in demo.first_names
            and last in demo.last_names
        )

    return check


@dataclass(frozen=True)
class _Person:
    department: str
    name: str
    role: str
    lean: dict[str, float]
    number: int
    """Position in the whole workshop: respondents start seven minutes apart."""
    first: bool
    """The department's first respondent, who gets its special comment."""


def _lean(demo: DemoData, department: str, outlier: bool, rng: random.Random) -> dict[str, float]:
    """How much more optimistic than colleagues a respondent is, per dimension."""
    mood = rng.gauss(0, 0.2)
    leans = dict.fromkeys(demo.base, mood)
    if outlier:
        odd = demo.outliers[department]
        leans.update(dict.fromkeys(odd.dimensions, odd.shift))
    return leans


def _names(demo: DemoData, rng: random.Random) -> Iterator[str]:
    """Distinct names; no first or last name used more than twice until that runs out."""
    pairs = [(first, last) for first in demo.first_names for last in demo.last_names]
    rng.shuffle(pairs)
    uses: dict[str, int] = {}
    rest = []
    for first, last in pairs:
        if uses.get(first, 0) < 2 and uses.get(last, 0) < 2:
            uses[first] = uses.get(first, 0) + 1
            uses[last] = uses.get(last, 0) + 1
            yield f"{first} {last}"
        else:
            rest.append(f"{first} {last}")
    yield from rest
    # Large benchmark workshops outnumber the pairs; numbered names keep every one distinct.
    for number in itertools.count(2):
        yield from (f"{first} {last} {number}" for first, last in pairs)


def _answer_file(
    demo: DemoData, loaded: LoadedQuestionnaire, person: _Person, rng: random.Random
) -> dict[str, Any]:
    q = loaded.model
    started = demo.workshop_day + timedelta(minutes=7 * person.number)
    return {
        **answer_head(loaded),
        "respondent": {"name": person.name, "role": person.role, "department": person.department},
        "started": started.isoformat(),
        "updated": (started + timedelta(minutes=rng.randint(12, 35))).isoformat(),
        "answers": _answers(demo, q, person, rng),
    }


def _answers(
    demo: DemoData, q: Questionnaire, person: _Person, rng: random.Random
) -> dict[str, Any]:
    department = person.department
    profile = demo.profiles[department]
    answers: dict[str, Any] = {}
    commented = 0
    for question in q.questions_for(department):
        dim = question.dimension
        blind = dim in demo.blind_spots.get(department, frozenset())
        roll = rng.random()
        if roll < (0.97 if blind else 0.04):
            answer: Any = "unknown"
        elif roll < (0.99 if blind else 0.055):
            answer = "n/a"
        elif roll < (0.99 if blind else 0.065):
            continue  # left blank
        else:
            lean = person.lean[dim]
            mean = demo.base[dim] + profile.get("_all", 0.0) + profile.get(dim, 0.0) + lean
            answer = min(6, max(1, round(rng.gauss(mean, 0.36))))
        if commented < 2 and rng.random() < 0.06:
            commented += 1
            answer = {"stage": answer, "comment": rng.choice(demo.comments[dim])}
        answers[question.id] = answer
    special = demo.special_comments.get(department) if person.first else None
    if special is not None:
        current = answers.get(special.question, "unknown")
        stage = current["stage"] if isinstance(current, dict) else current
        answers[special.question] = {"stage": stage, "comment": special.comment}
    return answers
