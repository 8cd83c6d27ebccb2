"""A synthetic but realistic workshop on the bundled cx-core questionnaire.

Ten departments answer with different, plausible profiles: executives rate leadership
higher than the front line does, service is strong on recovery, IT on technology, HR
has little view of technology. Respondents differ in optimism, a few sharply, so some
departments disagree. The same seed always gives the same answers.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cxmaturity.assess import assess
from cxmaturity.loading import LoadedQuestionnaire, load_questionnaire
from cxmaturity.model import ANSWERS_FORMAT, AnswerFile, Questionnaire
from cxmaturity.yamlio import dump_yaml, write_atomic

DEMO_ORGANISATION = "Harbourside Energy"
DEMO_SEED = 2026
WORKSHOP_DAY = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)

# Where the organisation stands on each dimension before departmental colour.
BASE: dict[str, float] = {
    "leadership": 3.2,
    "journey": 2.8,
    "channels": 3.2,
    "feedback": 3.3,
    "data": 2.7,
    "personalisation": 2.5,
    "digital": 3.4,
    "culture": 3.0,
    "technology": 3.0,
    "recovery": 3.2,
}

# Departmental offsets per dimension, and an overall optimism ("_all").
PROFILES: dict[str, dict[str, float]] = {
    "executive": {"_all": 0.45, "leadership": 0.8, "culture": 0.5, "journey": 0.2},
    "marketing": {"personalisation": 1.1, "feedback": 0.5, "data": 0.4, "recovery": -0.4},
    "sales": {"channels": 0.4, "personalisation": 0.3, "feedback": -0.5, "journey": -0.3},
    "service": {"_all": 0.4, "recovery": 1.6, "feedback": 1.0, "journey": 0.4, "technology": -0.7},
    "product": {"journey": 0.7, "digital": 0.6, "feedback": 0.4, "data": 0.2},
    "digital": {"_all": 0.5, "digital": 1.7, "channels": 0.8, "technology": 0.7, "data": 0.6},
    "operations": {"recovery": 0.4, "digital": -0.5, "personalisation": -0.7, "journey": -0.2},
    "it": {"technology": 1.1, "data": 0.6, "digital": 0.5, "feedback": -0.6, "journey": -0.5},
    "hr": {"culture": 1.1, "data": -0.6, "digital": -0.5, "personalisation": -0.6},
    "finance": {"_all": -0.5, "data": 0.4, "personalisation": -0.9, "channels": -0.6},
}

# Dimensions a department mostly cannot judge: many "don't know" answers.
BLIND_SPOTS: dict[str, set[str]] = {"hr": {"technology"}}

# Departments with one respondent who sees some dimensions very differently.
OUTLIERS: dict[str, tuple[float, set[str]]] = {
    "sales": (1.7, {"channels", "personalisation"}),
    "it": (-1.6, {"data", "technology"}),
    "operations": (1.5, {"recovery"}),
    "executive": (-1.6, {"leadership", "culture"}),
}

ROLES: dict[str, list[str]] = {
    "executive": [
        "Chief Executive",
        "Chief Operating Officer",
        "Chief Customer Officer",
        "Strategy Director",
        "Chief Risk Officer",
        "Company Secretary",
    ],
    "marketing": [
        "Chief Marketing Officer",
        "Brand Manager",
        "CRM Lead",
        "Campaign Manager",
        "Insight Analyst",
        "Content Lead",
    ],
    "sales": [
        "Sales Director",
        "Key Account Manager",
        "Inside Sales Lead",
        "Partner Manager",
        "Sales Operations Analyst",
        "Regional Sales Manager",
    ],
    "service": [
        "Head of Customer Service",
        "Contact Centre Manager",
        "Team Leader",
        "Complaints Manager",
        "Quality Coach",
        "Senior Adviser",
    ],
    "product": [
        "Head of Product",
        "Product Manager",
        "Product Owner",
        "Pricing Manager",
        "UX Researcher",
        "Product Analyst",
    ],
    "digital": [
        "Digital Director",
        "E-commerce Manager",
        "UX Lead",
        "Web Product Owner",
        "App Manager",
        "Digital Analyst",
    ],
    "operations": [
        "Operations Director",
        "Fulfilment Manager",
        "Field Service Lead",
        "Logistics Planner",
        "Process Excellence Lead",
        "Site Manager",
    ],
    "it": [
        "Chief Information Officer",
        "Enterprise Architect",
        "CRM Platform Owner",
        "Service Desk Manager",
        "Data Engineer",
        "Head of Integration",
    ],
    "hr": [
        "People Director",
        "Learning Lead",
        "Reward Manager",
        "HR Business Partner",
        "Talent Acquisition Lead",
        "Engagement Manager",
    ],
    "finance": [
        "Finance Director",
        "Financial Controller",
        "FP&A Manager",
        "Procurement Lead",
        "Billing Manager",
        "Commercial Analyst",
    ],
}

FIRST = [
    "Amara",
    "Ben",
    "Chloé",
    "Dev",
    "Elif",
    "Farah",
    "George",
    "Hana",
    "Ivan",
    "Jo",
    "Kwame",
    "Lena",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Quentin",
    "Rosa",
    "Sam",
    "Tomás",
    "Uma",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zara",
    "Aoife",
    "Bruno",
    "Carla",
    "Dmitri",
    "Esther",
    "Felix",
    "Grace",
    "Hugo",
    "Imani",
    "Jonas",
    "Keiko",
    "Luca",
    "Maya",
    "Niall",
    "Olga",
]
LAST = [
    "Adeyemi",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallagher",
    "Haddad",
    "Ibrahim",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Nakamura",
    "O'Connor",
    "Patel",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Usman",
    "Varga",
    "Walsh",
    "Xu",
    "Yilmaz",
    "Zhou",
]

COMMENTS: dict[str, list[str]] = {
    "leadership": [
        "The sponsor is visible at town halls, but budget decisions still go through the old "
        "product committees.",
        "Customer measures are on the executive agenda now, though usually as the last item, "
        "and it is the one that gets cut when time runs short.",
    ],
    "journey": [
        "We mapped the move-in journey last year; nobody has opened the map since the workshop.",
        "Handovers between sales and installation are where most of our complaints start.",
    ],
    "channels": [
        "Customers who start online and then call us have to explain everything again.",
        "Chat closes at six but the phone lines stay open until eight, which confuses people.",
    ],
    "feedback": [
        "We collect plenty of survey scores but rarely get back to the customer who gave them.",
        "The monthly NPS pack is read by managers, not by the people who could fix things.",
    ],
    "data": [
        "Three systems hold customer records and they disagree on basics such as addresses.",
        "We cannot link satisfaction to revenue yet, so every business case rests on anecdotes.",
    ],
    "personalisation": [
        "Preference settings exist, but campaigns ignore them.",
        "Segments are built on tariff and product, not on what customers are trying to do.",
    ],
    "digital": [
        "The app is rated well, but anything unusual still ends in a phone call.",
        "Digital priorities go to whoever argues loudest in quarterly planning.",
    ],
    "culture": [
        "New starters hear about the customer promise at induction and never again.",
        "Advisers need a manager's sign-off for goodwill payments over £50, which slows "
        "everything down.\nMost managers approve them anyway.",
    ],
    "technology": [
        "Advisers switch between six screens to answer a simple billing question.",
        "The chatbot pilot was switched off because it could not hand over to a person.",
    ],
    "recovery": [
        "Root causes of complaints are logged but rarely fixed upstream.",
        "We are good at apologising and less good at stopping the same failure next month.",
    ],
}

# Shown literally in the report: markup typed by a respondent stays text.
HOSTILE_COMMENT = (
    "<script>alert(1)</script> & [bold]x[/bold] (pasted from the ticketing tool, "
    "exactly as it appears there)"
)
LONG_COMMENT = (
    "The map we keep referring to is at https://intranet.harbourside.example/projects/"
    "customer-experience/2026/journey-maps/move-in-journey-v7-final-FINAL-reviewed.pdf"
)
# Department -> (question, comment) for its first respondent.
SPECIAL_COMMENTS: dict[str, tuple[str, str]] = {
    "it": ("technology-integration", HOSTILE_COMMENT),
    "product": ("journey-map", LONG_COMMENT),
}


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


def build_demo(out: Path, seed: int = DEMO_SEED) -> DemoOutcome:
    """Write the answer files, scores.json and both packs into ``out``."""
    from cxmaturity.render.data import render_json
    from cxmaturity.render.report import make_report

    loaded = load_questionnaire("cx-core")
    paths = write_answers(loaded, out / "answers", seed)
    assessment = assess(paths, "cx-core")
    report, workshop = out / "board-pack.pdf", out / "workshop-pack.pdf"
    made = make_report(assessment, None, report, organisation=DEMO_ORGANISATION)
    room = make_report(assessment, None, workshop, organisation=DEMO_ORGANISATION, pack="workshop")
    scores = out / "scores.json"
    write_atomic(scores, render_json(made.result, with_targets=True))
    return DemoOutcome(
        out / "answers", len(paths), scores, report, made.pages, workshop, room.pages
    )


def write_answers(
    loaded: LoadedQuestionnaire, folder: Path, seed: int, per_department: int | None = None
) -> list[Path]:
    """One answer file per synthetic respondent; returns their paths in writing order.

    Each department gets 3 to 6 respondents, or exactly ``per_department`` (benchmarks).
    """
    rng = random.Random(seed)
    names = _names(rng)
    paths: list[Path] = []
    for dep in loaded.model.departments:
        count = per_department or rng.randint(3, 6)
        roles = [ROLES[dep.id][i % len(ROLES[dep.id])] for i in range(count)]
        rng.shuffle(roles)
        outlier = rng.randrange(count) if dep.id in OUTLIERS else -1
        for index in range(count):
            name = next(names)
            lean = _lean(dep.id, index == outlier, rng)
            data = _answer_file(
                loaded, dep.id, name, roles[index], lean, rng, len(paths), index == 0
            )
            path = folder / f"{dep.id}-{_slug(name)}.yaml"
            # Validating through the model guarantees the demo writes well-formed files.
            write_atomic(path, dump_yaml(AnswerFile.model_validate(data).to_data()))
            paths.append(path)
    return paths


def _lean(department: str, outlier: bool, rng: random.Random) -> dict[str, float]:
    """How much more optimistic than colleagues a respondent is, per dimension."""
    mood = rng.gauss(0, 0.2)
    leans = dict.fromkeys(BASE, mood)
    if outlier:
        shift, dims = OUTLIERS[department]
        leans.update(dict.fromkeys(dims, shift))
    return leans


def _names(rng: random.Random) -> Iterator[str]:
    """Distinct names; no first or last name used more than twice until that runs out."""
    pairs = [(first, last) for first in FIRST for last in LAST]
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


def _answer_file(
    loaded: LoadedQuestionnaire,
    department: str,
    name: str,
    role: str,
    lean: dict[str, float],
    rng: random.Random,
    number: int,
    first: bool,
) -> dict[str, Any]:
    q = loaded.model
    started = WORKSHOP_DAY + timedelta(minutes=7 * number)
    return {
        "format": ANSWERS_FORMAT,
        "questionnaire": {"id": q.id, "version": q.version, "sha256": loaded.sha256},
        "respondent": {"name": name, "role": role, "department": department},
        "started": started.isoformat(),
        "updated": (started + timedelta(minutes=rng.randint(12, 35))).isoformat(),
        "answers": _answers(q, department, lean, rng, first),
    }


def _answers(
    q: Questionnaire, department: str, lean: dict[str, float], rng: random.Random, first: bool
) -> dict[str, Any]:
    profile = PROFILES[department]
    answers: dict[str, Any] = {}
    commented = 0
    for question in q.questions_for(department):
        dim = question.dimension
        blind = dim in BLIND_SPOTS.get(department, set())
        roll = rng.random()
        if roll < (0.92 if blind else 0.04):
            answer: Any = "unknown"
        elif roll < (0.94 if blind else 0.055):
            answer = "n/a"
        elif roll < (0.94 if blind else 0.065):
            continue  # left blank
        else:
            mean = BASE[dim] + profile.get("_all", 0.0) + profile.get(dim, 0.0) + lean[dim]
            answer = min(6, max(1, round(rng.gauss(mean, 0.36))))
        if commented < 2 and rng.random() < 0.06:
            commented += 1
            answer = {"stage": answer, "comment": rng.choice(COMMENTS[dim])}
        answers[question.id] = answer
    if first and department in SPECIAL_COMMENTS:
        question_id, text = SPECIAL_COMMENTS[department]
        current = answers.get(question_id, "unknown")
        stage = current["stage"] if isinstance(current, dict) else current
        answers[question_id] = {"stage": stage, "comment": text}
    return answers


def _slug(name: str) -> str:
    ascii_name = name.lower().replace("é", "e").replace("á", "a").replace("'", "")
    return "-".join("".join(ch for ch in part if ch.isalnum()) for part in ascii_name.split())
