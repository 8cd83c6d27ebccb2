"""Content rules for the bundled cx-core 2.0 questionnaire and its 1.0 mapping.

The file is read with plain ``yaml.safe_load`` so that these rules hold whatever the
model code does. Each rule is a function returning the problems it finds; the test of
the bundled file expects none, and a second test feeds each rule a copy of the file
broken in one place to prove that the rule can fail.
"""

from __future__ import annotations

import copy
import difflib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from cx_core_rules import (
    ACTOR_FIRST,
    BACK_REFERENCE,
    FOLDER,
    Doc,
    constructs_asked_once,
    dimension_of,
    load_doc,
    normalised,
    question_of,
    requires_acyclic,
    screen_sized,
    stage3_is_practice,
    stage6_is_observable,
    steps_of,
    unique_ids,
)

from cxmaturity.core.stages import STAGE_KEYS

V2 = FOLDER / "cx-core-2.0.yaml"
MAPPING = FOLDER / "cx-core-1.0-to-2.0.yaml"


# The topics issue 10 requires, by the dimension id that covers each.
REQUIRED_TOPICS = {
    "leadership": "leadership and governance",
    "strategy": "CX strategy and programme",
    "journey": "customer journey",
    "voc": "voice of the customer",
    "measurement": "measurement and ROI",
    "data": "data and insight",
    "personalisation": "personalisation",
    "channels": "channels and digital experience",
    "people": "employee experience and culture",
    "design": "experience design and innovation",
    "technology": "technology and automation",
    "care": "service recovery and customer care",
}
FOUNDATION = "leadership"
# Facts about the whole organisation: only the executive team can answer them.
ORG_WIDE = {
    "leadership-sponsor",
    "strategy-vision",
    "strategy-team",
    "strategy-budget",
    "strategy-roadmap",
}


def _v1_path() -> Path:
    # PLAN renames cx-core.yaml to cx-core-1.0.yaml; accept either name.
    renamed = FOLDER / "cx-core-1.0.yaml"
    return renamed if renamed.exists() else FOLDER / "cx-core.yaml"


# ----------------------------------------------------------------------------- rules


def identity(doc: Doc) -> list[str]:
    expected = {"format": "cxmaturity.questionnaire/2", "id": "cx-core", "version": "2.0"}
    return [f"{k} is {doc.get(k)!r}" for k, v in expected.items() if doc.get(k) != v]


def topics(doc: Doc) -> list[str]:
    ids = [d["id"] for d in doc["dimensions"]]
    problems = [f"only {len(ids)} dimensions"] if len(ids) < 12 else []
    problems += [f"no dimension for {t} ({i})" for i, t in REQUIRED_TOPICS.items() if i not in ids]
    return problems


def question_count(doc: Doc) -> list[str]:
    n = len(doc["questions"])
    return [] if 55 <= n <= 70 else [f"{n} questions"]


def six_options_six_steps(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        options, steps = q.get("options") or [], q.get("next_steps") or {}
        if len(options) != 6:
            problems.append(f"{q['id']}: {len(options)} options")
        if list(steps) != list(STAGE_KEYS):
            problems.append(f"{q['id']}: next_steps keys {list(steps)}")
        if len({normalised(s) for s in steps.values()}) != len(steps):
            problems.append(f"{q['id']}: next steps repeat")
    return problems


def nothing_repeats(doc: Doc) -> list[str]:
    """No option text or next step appears twice anywhere in the file."""
    seen: dict[str, str] = {}
    problems = []
    for q in doc["questions"]:
        for kind, texts in (("option", q["options"]), ("step", steps_of(q))):
            for text in texts:
                key = normalised(text)
                if key in seen:
                    problems.append(f"{q['id']} {kind} repeats {seen[key]}: {text!r}")
                seen.setdefault(key, f"{q['id']} {kind}")
    return problems


def steps_differ_from_next_anchor(doc: Doc) -> list[str]:
    """A step is an action, not the next stage's description copied or lightly reworded."""
    problems = []
    for q in doc["questions"]:
        steps = steps_of(q)
        for stage, (step, anchor) in enumerate(zip(steps, q["options"][1:], strict=False)):
            ratio = difflib.SequenceMatcher(None, normalised(step), normalised(anchor)).ratio()
            if ratio > 0.6:
                problems.append(f"{q['id']} {STAGE_KEYS[stage]} step echoes the next anchor")
    return problems


def steps_name_actor(doc: Doc) -> list[str]:
    return [
        f"{q['id']} {key}: {step!r}"
        for q in doc["questions"]
        for key, step in (q.get("next_steps") or {}).items()
        if not ACTOR_FIRST.match(step)
    ]


def steps_stand_alone(doc: Doc) -> list[str]:
    return [
        f"{q['id']} {key}: {step!r}"
        for q in doc["questions"]
        for key, step in (q.get("next_steps") or {}).items()
        if BACK_REFERENCE.search(step)
    ]


def dimensions_complete(doc: Doc) -> list[str]:
    problems = []
    for d in doc["dimensions"]:
        if not d.get("owners"):
            problems.append(f"{d['id']} has no owners")
        if not isinstance(d.get("requires"), list):
            problems.append(f"{d['id']} has no requires list")
        elif not d["requires"] and d["id"] != FOUNDATION:
            problems.append(f"{d['id']} requires nothing, but only {FOUNDATION} is a foundation")
        kpis = d.get("kpis") or []
        if not 1 <= len(kpis) <= 3 or not all(isinstance(k, str) and k.strip() for k in kpis):
            problems.append(f"{d['id']} has {len(kpis)} kpis")
    return problems


def references_exist(doc: Doc) -> list[str]:
    departments = {d["id"] for d in doc["departments"]}
    dimensions = {d["id"] for d in doc["dimensions"]}
    problems = []
    for d in doc["dimensions"]:
        problems += [f"{d['id']} owner {o}" for o in d.get("owners") or [] if o not in departments]
        problems += [
            f"{d['id']} requires {r}" for r in d.get("requires") or [] if r not in dimensions
        ]
    for q in doc["questions"]:
        if q["dimension"] not in dimensions:
            problems.append(f"{q['id']} dimension {q['dimension']}")
        problems += [
            f"{q['id']} department {dep}"
            for dep in q.get("departments") or []
            if dep not in departments
        ]
    return problems


def foundations_first(doc: Doc) -> list[str]:
    """Every dimension leads back, through requires, to leadership (strategy sits just above it)."""
    graph = {d["id"]: list(d.get("requires") or []) for d in doc["dimensions"]}
    problems = []
    for start in graph:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            todo += graph.get(node, [])
        if FOUNDATION not in seen:
            problems.append(f"{start} does not build on {FOUNDATION}")
    if graph.get("strategy") != [FOUNDATION]:
        problems.append("strategy should require leadership only")
    return problems


def every_question_reaches_a_department(doc: Doc) -> list[str]:
    # Format 2 names its audience explicitly: a missing list would mean "everyone".
    return [f"{q['id']} names no departments" for q in doc["questions"] if not q.get("departments")]


def org_wide_only_executive(doc: Doc) -> list[str]:
    by_id = {q["id"]: q for q in doc["questions"]}
    problems = [f"{i} is missing" for i in sorted(ORG_WIDE - set(by_id))]
    problems += [
        f"{i} goes to {by_id[i].get('departments')}"
        for i in sorted(ORG_WIDE & set(by_id))
        if by_id[i].get("departments") != ["executive"]
    ]
    return problems


def owners_are_asked(doc: Doc) -> list[str]:
    """An owner's self-rating is compared with the rest, so owners must answer the dimension."""
    problems = []
    for d in doc["dimensions"]:
        asked = {
            dep
            for q in doc["questions"]
            if q["dimension"] == d["id"]
            for dep in q.get("departments") or []
        }
        problems += [
            f"{d['id']} owner {o} answers none of it"
            for o in d.get("owners") or []
            if o not in asked
        ]
    return problems


RULES: list[Callable[[Doc], list[str]]] = [
    identity,
    topics,
    question_count,
    unique_ids,
    six_options_six_steps,
    nothing_repeats,
    steps_differ_from_next_anchor,
    steps_name_actor,
    steps_stand_alone,
    stage3_is_practice,
    stage6_is_observable,
    screen_sized,
    dimensions_complete,
    references_exist,
    requires_acyclic,
    foundations_first,
    every_question_reaches_a_department,
    org_wide_only_executive,
    owners_are_asked,
    constructs_asked_once,
]


@pytest.fixture(scope="module")
def doc() -> Doc:
    return load_doc(V2)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_cx_core_2_follows(rule: Callable[[Doc], list[str]], doc: Doc) -> None:
    assert rule(doc) == []


# ------------------------------------------------- each rule fails on a broken copy


def _break_identity(d: Doc) -> None:
    d["version"] = "1.0"


def _break_topics(d: Doc) -> None:
    d["dimensions"] = [x for x in d["dimensions"] if x["id"] != "care"]


def _break_count(d: Doc) -> None:
    d["questions"] = d["questions"][:54]


def _break_unique(d: Doc) -> None:
    question_of(d, "care-public")["id"] = "care-complaints"


def _break_six(d: Doc) -> None:
    steps = question_of(d, "data-quality")["next_steps"]
    steps["align"] = steps["mobilise"]


def _break_repeat(d: Doc) -> None:
    question_of(d, "care-public")["options"][0] = question_of(d, "data-quality")["options"][0]


def _break_echo(d: Doc) -> None:
    q = question_of(d, "journey-maps")
    q["next_steps"]["explore"] = "Do this: " + q["options"][2]


def _break_actor(d: Doc) -> None:
    question_of(d, "voc-action")["next_steps"]["ignore"] = "Pick the most common feedback theme."


def _break_alone(d: Doc) -> None:
    q = question_of(d, "leadership-agenda")
    q["next_steps"]["explore"] = "The department head makes that customer measure a standing item."


def _break_stage3(d: Doc) -> None:
    question_of(d, "strategy-team")["options"][2] = "A CX lead will be appointed next year."


def _break_stage6(d: Doc) -> None:
    question_of(d, "people-training")["options"][5] = "Staff instinctively put customers first."


def _break_screen(d: Doc) -> None:
    question_of(d, "care-redress")["options"][3] += " And more." * 20


def _break_dimension(d: Doc) -> None:
    dimension_of(d, "design")["kpis"] = []


def _break_reference(d: Doc) -> None:
    dimension_of(d, "data")["owners"] = ["legal"]


def _break_cycle(d: Doc) -> None:
    dimension_of(d, "leadership")["requires"] = ["care"]


def _break_foundation(d: Doc) -> None:
    dimension_of(d, "care")["requires"] = ["personalisation"]
    dimension_of(d, "personalisation")["requires"] = []


def _break_reach(d: Doc) -> None:
    del question_of(d, "technology-ai")["departments"]


def _break_org_wide(d: Doc) -> None:
    question_of(d, "strategy-budget")["departments"] = ["executive", "finance"]


def _break_owners(d: Doc) -> None:
    dimension_of(d, "personalisation")["owners"] = ["hr"]


def _break_once(d: Doc) -> None:
    question_of(d, "technology-priorities")["text"] = (
        "How well are the systems that hold the customer record connected?"
    )


BREAKS: dict[str, Callable[[Doc], None]] = {
    "identity": _break_identity,
    "topics": _break_topics,
    "question_count": _break_count,
    "unique_ids": _break_unique,
    "six_options_six_steps": _break_six,
    "nothing_repeats": _break_repeat,
    "steps_differ_from_next_anchor": _break_echo,
    "steps_name_actor": _break_actor,
    "steps_stand_alone": _break_alone,
    "stage3_is_practice": _break_stage3,
    "stage6_is_observable": _break_stage6,
    "screen_sized": _break_screen,
    "dimensions_complete": _break_dimension,
    "references_exist": _break_reference,
    "requires_acyclic": _break_cycle,
    "foundations_first": _break_foundation,
    "every_question_reaches_a_department": _break_reach,
    "org_wide_only_executive": _break_org_wide,
    "owners_are_asked": _break_owners,
    "constructs_asked_once": _break_once,
}


def test_every_rule_has_a_break() -> None:
    assert sorted(BREAKS) == sorted(rule.__name__ for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_rule_catches_a_broken_copy(rule: Callable[[Doc], list[str]], doc: Doc) -> None:
    broken = copy.deepcopy(doc)
    BREAKS[rule.__name__](broken)
    assert rule(broken) != []


# --------------------------------------------------------------------------- mapping


def mapping_problems(mapping: Doc, v1: Doc, v2: Doc) -> list[str]:
    problems = []
    if mapping.get("format") != "cxmaturity.mapping/1":
        problems.append(f"format {mapping.get('format')!r}")
    for side, q in (("from", v1), ("to", v2)):
        expected = {"id": q["id"], "version": q["version"]}
        if mapping.get(side) != expected:
            problems.append(f"{side} is {mapping.get(side)}, expected {expected}")
    old = {q["id"] for q in v1["questions"]}
    new = {q["id"] for q in v2["questions"]}
    pairs = mapping.get("questions") or {}
    problems += [f"1.0 has no question {a}" for a in pairs if a not in old]
    problems += [f"2.0 has no question {b}" for b in pairs.values() if b not in new]
    targets = Counter(pairs.values())
    problems += [f"2.0 question {b} is mapped {n} times" for b, n in targets.items() if n > 1]
    if not pairs:
        problems.append("no questions mapped")
    return problems


def test_mapping_ids_exist_on_both_sides(doc: Doc) -> None:
    assert mapping_problems(load_doc(MAPPING), load_doc(_v1_path()), doc) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m["questions"].update({"no-such-question": "care-public"}),
        lambda m: m["questions"].update({"digital-mobile": "no-such-question"}),
        lambda m: m["questions"].update({"digital-mobile": "care-public"}),
        lambda m: m.update({"to": {"id": "cx-core", "version": "1.0"}}),
    ],
    ids=["unknown-1.0-id", "unknown-2.0-id", "two-to-one", "wrong-version"],
)
def test_mapping_check_can_fail(change: Callable[[Doc], None], doc: Doc) -> None:
    mapping = load_doc(MAPPING)
    change(mapping)
    assert mapping_problems(mapping, load_doc(_v1_path()), doc) != []
