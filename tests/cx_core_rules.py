"""The content rules cx-core 2.0 and 2.1 share, read from plain ``yaml.safe_load`` data.

``test_cx_core_2`` and ``test_cx_core_21`` each list the rules that hold for their version;
the rules (and the limits and word lists they use) that are the same for both live here.
"""

from __future__ import annotations

import graphlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

FOLDER = Path(__file__).resolve().parent.parent / "questionnaires"


Doc = dict[str, Any]


ONCE_ONLY = {
    "joined-up customer record": re.compile(
        r"full history|single view|customer record|joined.up|systems .*connected", re.I
    ),
    "front-line discretion": re.compile(r"authority|discretion|on the spot", re.I),
}


PLAN_WORDS = re.compile(
    r"\b(will|intends?|going to|propos\w*|draft\w*|consider\w*|being (built|planned|set up)"
    r"|plans? to|aims? to)\b",
    re.I,
)


UNOBSERVABLE = re.compile(
    r"\b(instinct\w*|natural(ly)?|feel\w*|love\w*|delight\w*|without (prompting|thinking)"
    r"|second nature|in (our|its) DNA|culture)\b",
    re.I,
)


ACTOR_FIRST = re.compile(
    r"^(The|Each|Every|HR|Finance|Internal audit|Team leaders|A (finance|CX|digital) analyst)\b"
)


BACK_REFERENCE = re.compile(
    r"\b(that|this|those|these) (customer measure|journey|handover|idea|list|guide|analysis)\b"
    r"|\bthe analyst's\b",
    re.I,
)


MAX_OPTION = 160


MAX_QUESTION = 200


MAX_STEP = 160


def step_text(step: Any) -> str:
    """A next step as text: 2.1 may write one as ``{text, effort, cost}``, 2.0 only as text."""
    return str(step["text"]) if isinstance(step, dict) else str(step)


def steps_of(question: Doc) -> list[str]:
    return [step_text(s) for s in (question.get("next_steps") or {}).values()]


def load_doc(path: Path) -> Doc:
    with path.open(encoding="utf-8") as handle:
        data: Doc = yaml.safe_load(handle)
    return data


def normalised(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def unique_ids(doc: Doc) -> list[str]:
    problems = []
    for field in ("departments", "dimensions", "questions"):
        counts = Counter(item["id"] for item in doc[field])
        problems += [f"duplicate {field} id {i}" for i, n in counts.items() if n > 1]
    return problems


def stage3_is_practice(doc: Doc) -> list[str]:
    return [
        f"{q['id']}: {q['options'][2]!r}"
        for q in doc["questions"]
        if PLAN_WORDS.search(q["options"][2])
    ]


def stage6_is_observable(doc: Doc) -> list[str]:
    return [
        f"{q['id']}: {q['options'][5]!r}"
        for q in doc["questions"]
        if UNOBSERVABLE.search(q["options"][5])
    ]


def screen_sized(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        if len(q["text"]) > MAX_QUESTION:
            problems.append(f"{q['id']} question text is {len(q['text'])} characters")
        for kind, texts, limit in (
            ("option", q["options"], MAX_OPTION),
            ("step", steps_of(q), MAX_STEP),
        ):
            problems += [f"{q['id']} {kind} {t!r}" for t in texts if len(t) > limit]
    return problems


def requires_acyclic(doc: Doc) -> list[str]:
    graph = {d["id"]: set(d.get("requires") or []) for d in doc["dimensions"]}
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return [f"requires cycle {error.args[1]}"]
    return []


def constructs_asked_once(doc: Doc) -> list[str]:
    problems = []
    for construct, pattern in ONCE_ONLY.items():
        hits = [q["id"] for q in doc["questions"] if pattern.search(q["text"])]
        if len(hits) != 1:
            problems.append(f"{construct} asked by {hits}")
    texts = Counter(normalised(q["text"]) for q in doc["questions"])
    problems += [f"question text asked twice: {t!r}" for t, n in texts.items() if n > 1]
    return problems


def question_of(doc: Doc, qid: str) -> Doc:
    return next(q for q in doc["questions"] if q["id"] == qid)


def dimension_of(doc: Doc, did: str) -> Doc:
    return next(d for d in doc["dimensions"] if d["id"] == did)
