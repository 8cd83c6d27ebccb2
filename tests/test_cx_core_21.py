"""Content rules for the bundled cx-core 2.1 questionnaire, its 2.0 mapping and translations.

The file is read with plain ``yaml.safe_load`` so that these rules hold whatever the
model code does. Each rule is a function returning the problems it finds; the test of
the bundled file expects none, and a second test feeds each rule a copy of the file
broken in one place to prove that the rule can fail.
"""

from __future__ import annotations

import copy
import difflib
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run
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
    step_text,
    steps_of,
    unique_ids,
)

from cxmaturity.core.stages import STAGE_KEYS

V21 = FOLDER / "cx-core-2.1.yaml"
V20 = FOLDER / "cx-core-2.0.yaml"
MAPPING = FOLDER / "cx-core-2.0-to-2.1.yaml"
LANGUAGES = ("de", "fr", "es")


REQUIRED_TOPICS = (
    "leadership",
    "strategy",
    "journey",
    "voc",
    "measurement",
    "data",
    "personalisation",
    "channels",
    "people",
    "design",
    "technology",
    "care",
)
ROOT = "leadership"
FOUNDATIONS = {"leadership", "strategy"}
CX_OFFICE = "cx-office"
# Facts about the whole organisation: asked of the executive team and the CX office.
FACTS = {
    "leadership-sponsor",
    "strategy-vision",
    "strategy-team",
    "strategy-budget",
    "strategy-roadmap",
}
# The perception versions the board needs: does the organisation see the sponsor and strategy?
PERCEPTIONS = {"leadership-sponsor-seen", "strategy-perceived"}
MAX_PER_RESPONDENT = 35
MAX_RECORD_ANCHORS = 12
MAX_AT_LEAST_ONE = 12
# Undefined size words: what counts as "key" or "major" is left to each reader.
VAGUE = re.compile(r"\b(key|major|significant(ly)?)\b", re.I)
# An upper rung never hedges back to part of the organisation or part of the time.
HEDGES = re.compile(
    r"\b(most of|in most|some|usually|often|sometimes|occasionally|at least one|a few)\b", re.I
)
# Align: structures, incentives and decisions shared across departments.
ALIGN = re.compile(
    r"\bdepartments?\b|department's|\bshared?\b|\bjointly\b|\btogether\b|\bpay\b|\bbonus\b"
    r"|\bbudgets?\b|\bobjectives\b|\bdecision rights\b|\bbinding\b|\bpartners\b"
    r"|\bagreed between\b|\bIT and\b|\bsit on\b",
    re.I,
)
# Embed: practice that carries on in ordinary work with nobody pushing it.
EMBED = re.compile(
    r"\bwithout\b|\bordinary\b|\bdaily\b|\bevery day\b|\bthemselves\b|\btheir own\b|\bbefore they\b"
    r"|\bas a matter of course\b|\bunprompted\b|\bon the spot\b|\bsame day\b|\bfirst month\b"
    r"|\bas soon as\b|\beven when\b|\bquote\b|\bcite\b|\bwhenever\b|\bon first hearing\b"
    r"|\bpick up\b|\bfrom the first\b|\bwithin a week\b|\bbefore starting\b|\bin the same week\b"
    r"|\bfalls year on year\b|\bbefore a meeting\b|\bwhile the change\b|\bbefore changing\b"
    r"|\bunasked\b|\bno campaign\b|\bwithin agreed limits\b|\bwithin written limits\b"
    r"|\bnot an opinion\b|\bbefore they propose\b|\bcover each other\b|\bat the source\b"
    r"|\bas part of\b|\bwhen they argue\b|\bturn down\b|\bbefore proposing\b|\bback staff\b"
    r"|\bwithout being\b|\bstart the\b",
    re.I,
)
RECORD = re.compile(
    r"\b(records?|reports?|logs?|registers?|minutes|on file|audits?|sample checks?)\b", re.I
)
EARLY_CX_ROLE = re.compile(
    r"\bCX (lead|office|team|analyst|champions?|forum)\b|customer experience office", re.I
)
EFFORTS = {"small", "medium", "large"}
COSTS = {"low", "medium", "high"}


def _step_items(question: Doc) -> list[tuple[str, str]]:
    return [(k, step_text(s)) for k, s in (question.get("next_steps") or {}).items()]


def _all_departments(doc: Doc) -> list[str]:
    return [d["id"] for d in doc["departments"]]


# ----------------------------------------------------------------------------- rules


def identity(doc: Doc) -> list[str]:
    expected = {"format": "cxmaturity.questionnaire/2", "id": "cx-core", "version": "2.1"}
    return [f"{k} is {doc.get(k)!r}" for k, v in expected.items() if doc.get(k) != v]


def topics(doc: Doc) -> list[str]:
    ids = [d["id"] for d in doc["dimensions"]]
    return [f"no dimension {i}" for i in REQUIRED_TOPICS if i not in ids]


def question_count(doc: Doc) -> list[str]:
    n = len(doc["questions"])
    return [] if 60 <= n <= 80 else [f"{n} questions"]


def six_options_six_steps(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        options, steps = q.get("options") or [], q.get("next_steps") or {}
        if len(options) != 6:
            problems.append(f"{q['id']}: {len(options)} options")
        if list(steps) != list(STAGE_KEYS):
            problems.append(f"{q['id']}: next_steps keys {list(steps)}")
        if len({normalised(s) for s in steps_of(q)}) != len(steps):
            problems.append(f"{q['id']}: next steps repeat")
    return problems


def nothing_repeats(doc: Doc) -> list[str]:
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
    problems = []
    for q in doc["questions"]:
        for stage, (step, anchor) in enumerate(zip(steps_of(q), q["options"][1:], strict=False)):
            if difflib.SequenceMatcher(None, normalised(step), normalised(anchor)).ratio() > 0.6:
                problems.append(f"{q['id']} {STAGE_KEYS[stage]} step echoes the next anchor")
    return problems


def steps_name_actor(doc: Doc) -> list[str]:
    return [
        f"{q['id']} {key}: {step!r}"
        for q in doc["questions"]
        for key, step in _step_items(q)
        if not ACTOR_FIRST.match(step)
    ]


def steps_stand_alone(doc: Doc) -> list[str]:
    return [
        f"{q['id']} {key}: {step!r}"
        for q in doc["questions"]
        for key, step in _step_items(q)
        if BACK_REFERENCE.search(step)
    ]


def steps_sized(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        for key, step in (q.get("next_steps") or {}).items():
            if not isinstance(step, dict):
                problems.append(f"{q['id']} {key}: a plain step has no effort or cost")
            elif step.get("effort") not in EFFORTS or step.get("cost") not in COSTS:
                problems.append(
                    f"{q['id']} {key}: effort {step.get('effort')!r}, cost {step.get('cost')!r}"
                )
    return problems


def no_cx_role_before_it_exists(doc: Doc) -> list[str]:
    """The model's team question puts a CX lead at Mobilise: steps out of Ignore or Explore
    go to an executive, never to a CX lead, team or office that does not exist yet."""
    return [
        f"{q['id']} {key}: {step!r}"
        for q in doc["questions"]
        for key, step in _step_items(q)
        if key in ("ignore", "explore") and EARLY_CX_ROLE.search(step)
    ]


def ladders_never_step_back(doc: Doc) -> list[str]:
    """Operationalise, Align and Embed never hedge back to part of the organisation or the time."""
    return [
        f"{q['id']} option {n}: {q['options'][n - 1]!r}"
        for q in doc["questions"]
        for n in (4, 5, 6)
        if HEDGES.search(q["options"][n - 1])
    ]


def align_and_embed(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        if not ALIGN.search(q["options"][4]):
            problems.append(
                f"{q['id']} option 5 shares nothing across departments: {q['options'][4]!r}"
            )
        if not EMBED.search(q["options"][5]):
            problems.append(f"{q['id']} option 6 does not sustain itself: {q['options'][5]!r}")
    return problems


def few_record_anchors(doc: Doc) -> list[str]:
    found = [q["id"] for q in doc["questions"] if RECORD.search(q["options"][5])]
    return (
        [f"{len(found)} stage-6 options rest on records: {found}"]
        if len(found) > MAX_RECORD_ANCHORS
        else []
    )


def few_at_least_one(doc: Doc) -> list[str]:
    found = [q["id"] for q in doc["questions"] if "at least one" in q["options"][2].lower()]
    return (
        [f"{len(found)} stage-3 options say 'at least one': {found}"]
        if len(found) > MAX_AT_LEAST_ONE
        else []
    )


def no_vague_sizes(doc: Doc) -> list[str]:
    problems = []
    for q in doc["questions"]:
        texts = [
            q["text"],
            q.get("help") or "",
            q.get("evidence") or "",
            *q["options"],
            *steps_of(q),
        ]
        problems += [f"{q['id']}: {t!r}" for t in texts if VAGUE.search(t)]
    for d in doc["dimensions"]:
        problems += [
            f"{d['id']}: {t!r}"
            for t in [d.get("description") or "", *(d.get("kpis") or [])]
            if VAGUE.search(t)
        ]
    return problems


def one_claim_per_option(doc: Doc) -> list[str]:
    """One sentence, no clauses joined by a semicolon or ', and': one thing to observe."""
    problems = []
    for q in doc["questions"]:
        for n, option in enumerate(q["options"], start=1):
            body = option.rstrip(".")
            if ";" in option or ", and " in option or "." in body.replace("e.g.", ""):
                problems.append(f"{q['id']} option {n}: {option!r}")
    return problems


def evidence_everywhere(doc: Doc) -> list[str]:
    return [
        f"{q['id']} has no evidence"
        for q in doc["questions"]
        if not str(q.get("evidence") or "").strip()
    ]


def dimensions_complete(doc: Doc) -> list[str]:
    problems = []
    for d in doc["dimensions"]:
        if not d.get("owners"):
            problems.append(f"{d['id']} has no owners")
        if not isinstance(d.get("requires"), list):
            problems.append(f"{d['id']} has no requires list")
        kpis = d.get("kpis") or []
        if not 1 <= len(kpis) <= 3:
            problems.append(f"{d['id']} has {len(kpis)} kpis")
    return problems


def foundations_marked(doc: Doc) -> list[str]:
    marked = {d["id"] for d in doc["dimensions"] if d.get("foundation") is True}
    return [] if marked == FOUNDATIONS else [f"foundations are {sorted(marked)}"]


def references_exist(doc: Doc) -> list[str]:
    departments = set(_all_departments(doc))
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
            f"{q['id']} department {x}" for x in q.get("departments") or [] if x not in departments
        ]
    return problems


def foundations_first(doc: Doc) -> list[str]:
    graph = {d["id"]: list(d.get("requires") or []) for d in doc["dimensions"]}
    problems = []
    for start in graph:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo += graph.get(node, [])
        if ROOT not in seen:
            problems.append(f"{start} does not build on {ROOT}")
    return problems


def every_question_reaches_a_department(doc: Doc) -> list[str]:
    return [f"{q['id']} names no departments" for q in doc["questions"] if not q.get("departments")]


def facts_apart(doc: Doc) -> list[str]:
    """The facts are marked kind: fact and asked of the executive team and the CX office."""
    by_id = {q["id"]: q for q in doc["questions"]}
    marked = {q["id"] for q in doc["questions"] if q.get("kind") == "fact"}
    problems = [f"{i} is missing" for i in sorted(FACTS - set(by_id))]
    problems += [f"{i} is not marked kind: fact" for i in sorted(FACTS - marked)]
    problems += [f"{i} is a fact outside the agreed list" for i in sorted(marked - FACTS)]
    problems += [
        f"{i} goes to {by_id[i].get('departments')}"
        for i in sorted(FACTS & set(by_id))
        if sorted(by_id[i].get("departments") or []) != sorted(["executive", CX_OFFICE])
    ]
    return problems


def perceptions_for_everyone(doc: Doc) -> list[str]:
    everyone = sorted(_all_departments(doc))
    by_id = {q["id"]: q for q in doc["questions"]}
    problems = [f"{i} is missing" for i in sorted(PERCEPTIONS - set(by_id))]
    problems += [
        f"{i} is not asked of everyone"
        for i in sorted(PERCEPTIONS & set(by_id))
        if sorted(by_id[i].get("departments") or []) != everyone
    ]
    problems += [
        f"{i} is marked a fact"
        for i in sorted(PERCEPTIONS & set(by_id))
        if by_id[i].get("kind") == "fact"
    ]
    return problems


def common_core(doc: Doc) -> list[str]:
    """Every department answers at least one question on every dimension."""
    everyone = set(_all_departments(doc))
    return [
        f"no question of {d['id']} is asked of every department"
        for d in doc["dimensions"]
        if not any(
            q["dimension"] == d["id"] and set(q.get("departments") or []) >= everyone
            for q in doc["questions"]
        )
    ]


def respondent_load(doc: Doc) -> list[str]:
    load = Counter(dep for q in doc["questions"] for dep in q.get("departments") or [])
    return [f"{dep} answers {n} questions" for dep, n in load.items() if n > MAX_PER_RESPONDENT]


def cx_office_present(doc: Doc) -> list[str]:
    problems = [] if CX_OFFICE in _all_departments(doc) else ["no CX office department"]
    if not any(CX_OFFICE in (d.get("owners") or []) for d in doc["dimensions"]):
        problems.append("the CX office owns no dimension")
    return problems


def owners_are_asked(doc: Doc) -> list[str]:
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


def brand_and_innovation(doc: Doc) -> list[str]:
    problems = []
    if not any(
        re.search(r"\bpromise\b", q["text"]) and q["dimension"] == "strategy"
        for q in doc["questions"]
    ):
        problems.append("no brand or customer promise question")
    innovation = [
        q["id"]
        for q in doc["questions"]
        if q["dimension"] == "design"
        and re.search(r"\bnew (ideas|ways)\b|innovat", q["text"], re.I)
    ]
    if len(innovation) < 2:
        problems.append(f"innovation questions: {innovation}")
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
    steps_sized,
    no_cx_role_before_it_exists,
    stage3_is_practice,
    stage6_is_observable,
    ladders_never_step_back,
    align_and_embed,
    few_record_anchors,
    few_at_least_one,
    no_vague_sizes,
    one_claim_per_option,
    screen_sized,
    evidence_everywhere,
    dimensions_complete,
    foundations_marked,
    references_exist,
    requires_acyclic,
    foundations_first,
    every_question_reaches_a_department,
    facts_apart,
    perceptions_for_everyone,
    common_core,
    respondent_load,
    cx_office_present,
    owners_are_asked,
    brand_and_innovation,
    constructs_asked_once,
]


@pytest.fixture(scope="module")
def doc() -> Doc:
    return load_doc(V21)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_cx_core_21_follows(rule: Callable[[Doc], list[str]], doc: Doc) -> None:
    assert rule(doc) == []


# ------------------------------------------------- each rule fails on a broken copy


def _set_step(d: Doc, qid: str, stage: str, text: str) -> None:
    question_of(d, qid)["next_steps"][stage]["text"] = text


def _record_sixes(d: Doc) -> None:
    for n, q in enumerate(d["questions"][:20]):
        q["options"][5] = f"A monthly report shows item {n} was kept in every team."


def _at_least_one(d: Doc) -> None:
    for n, q in enumerate(d["questions"][:20]):
        q["options"][2] = f"At least one team has started practice number {n}."


def _overload(d: Doc) -> None:
    for q in d["questions"][:40]:
        if "hr" not in q["departments"]:
            q["departments"].append("hr")


def _no_core(d: Doc) -> None:
    for q in d["questions"]:
        if q["dimension"] == "care" and len(q["departments"]) > 5:
            q["departments"] = ["service"]


BREAKS: dict[str, Callable[[Doc], None]] = {
    "identity": lambda d: d.update(version="2.0"),
    "topics": lambda d: d.update(dimensions=[x for x in d["dimensions"] if x["id"] != "care"]),
    "question_count": lambda d: d.update(questions=d["questions"][:54]),
    "unique_ids": lambda d: question_of(d, "care-public").update(id="care-complaints"),
    "six_options_six_steps": lambda d: question_of(d, "data-quality")["next_steps"].pop("align"),
    "nothing_repeats": lambda d: question_of(d, "care-public")["options"].__setitem__(
        0, question_of(d, "data-quality")["options"][0]
    ),
    "steps_differ_from_next_anchor": lambda d: _set_step(
        d, "journey-maps", "explore", "Do this: " + question_of(d, "journey-maps")["options"][2]
    ),
    "steps_name_actor": lambda d: _set_step(
        d, "voc-action", "ignore", "Pick the most common feedback theme."
    ),
    "steps_stand_alone": lambda d: _set_step(
        d,
        "leadership-agenda",
        "explore",
        "The department head makes that customer measure a standing item.",
    ),
    "steps_sized": lambda d: question_of(d, "care-redress")["next_steps"]["align"].pop("effort"),
    "no_cx_role_before_it_exists": lambda d: _set_step(
        d,
        "strategy-roadmap",
        "ignore",
        "The CX lead asks each department head which improvements they run.",
    ),
    "stage3_is_practice": lambda d: question_of(d, "strategy-team")["options"].__setitem__(
        2, "A CX lead will be appointed next year."
    ),
    "stage6_is_observable": lambda d: question_of(d, "people-training")["options"].__setitem__(
        5, "Staff instinctively put customers first."
    ),
    "ladders_never_step_back": lambda d: question_of(d, "leadership-agenda")["options"].__setitem__(
        5, "Minutes show a decision driven by a customer measure in most of our meetings."
    ),
    "align_and_embed": lambda d: question_of(d, "people-recognition")["options"].__setitem__(
        4, "Appraisal records show every customer objective rated with evidence."
    ),
    "few_record_anchors": _record_sixes,
    "few_at_least_one": _at_least_one,
    "no_vague_sizes": lambda d: question_of(d, "journey-maps").update(
        text="Do you map your key journeys?"
    ),
    "one_claim_per_option": lambda d: question_of(d, "data-ethics")["options"].__setitem__(
        4, "Principles are written, and the executive team approved them."
    ),
    "screen_sized": lambda d: question_of(d, "care-redress")["options"].__setitem__(
        3, "Longer. " * 30
    ),
    "evidence_everywhere": lambda d: question_of(d, "care-redress").pop("evidence"),
    "dimensions_complete": lambda d: dimension_of(d, "design").update(kpis=[]),
    "foundations_marked": lambda d: dimension_of(d, "strategy").pop("foundation"),
    "references_exist": lambda d: dimension_of(d, "data").update(owners=["legal"]),
    "requires_acyclic": lambda d: dimension_of(d, "leadership").update(requires=["care"]),
    "foundations_first": lambda d: (
        dimension_of(d, "care").update(requires=["personalisation"]),
        dimension_of(d, "personalisation").update(requires=[]),
    ),
    "every_question_reaches_a_department": lambda d: question_of(d, "technology-ai").pop(
        "departments"
    ),
    "facts_apart": lambda d: question_of(d, "strategy-budget").update(
        departments=["executive", "finance"]
    ),
    "perceptions_for_everyone": lambda d: question_of(d, "strategy-perceived").update(
        departments=["hr"]
    ),
    "common_core": _no_core,
    "respondent_load": _overload,
    "cx_office_present": lambda d: (
        dimension_of(d, "strategy").update(owners=["executive"])
        or dimension_of(d, "journey").update(owners=["operations"])
    ),
    "owners_are_asked": lambda d: (
        dimension_of(d, "personalisation").update(owners=["hr"]),
        question_of(d, "personalisation-fit")["departments"].remove("hr"),
    ),
    "brand_and_innovation": lambda d: question_of(d, "design-disruption").update(
        text="How do you watch competitors?"
    ),
    "constructs_asked_once": lambda d: question_of(d, "technology-priorities").update(
        text="How well are the systems that hold the customer record connected?"
    ),
}


def test_every_rule_has_a_break() -> None:
    assert sorted(BREAKS) == sorted(rule.__name__ for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.__name__)
def test_rule_catches_a_broken_copy(rule: Callable[[Doc], list[str]], doc: Doc) -> None:
    broken = copy.deepcopy(doc)
    BREAKS[rule.__name__](broken)
    assert rule(broken) != []


# --------------------------------------------------------------------------- mapping


def mapping_problems(mapping: Doc, old: Doc, new: Doc) -> list[str]:
    problems = []
    if mapping.get("format") != "cxmaturity.mapping/1":
        problems.append(f"format {mapping.get('format')!r}")
    for side, q in (("from", old), ("to", new)):
        expected = {"id": q["id"], "version": q["version"]}
        if mapping.get(side) != expected:
            problems.append(f"{side} is {mapping.get(side)}, expected {expected}")
    old_ids = {q["id"] for q in old["questions"]}
    new_ids = {q["id"] for q in new["questions"]}
    pairs = mapping.get("questions") or {}
    problems += [f"2.0 has no question {a}" for a in pairs if a not in old_ids]
    problems += [f"2.1 has no question {b}" for b in pairs.values() if b not in new_ids]
    problems += [
        f"2.1 question {b} is mapped {n} times" for b, n in Counter(pairs.values()).items() if n > 1
    ]
    if len(pairs) < 50:
        problems.append(f"only {len(pairs)} questions mapped")
    return problems


def test_mapping_ids_exist_on_both_sides(doc: Doc) -> None:
    assert mapping_problems(load_doc(MAPPING), load_doc(V20), doc) == []


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m["questions"].update({"no-such-question": "care-public"}),
        lambda m: m["questions"].update({"care-public": "no-such-question"}),
        lambda m: m["questions"].update({"care-redress": "care-public"}),
        lambda m: m.update({"to": {"id": "cx-core", "version": "2.0"}}),
    ],
    ids=["unknown-2.0-id", "unknown-2.1-id", "two-to-one", "wrong-version"],
)
def test_mapping_check_can_fail(change: Callable[[Doc], None], doc: Doc) -> None:
    mapping = load_doc(MAPPING)
    change(mapping)
    assert mapping_problems(mapping, load_doc(V20), doc) != []


# ------------------------------------------------------------------- through the tool


def test_validate_is_clean_in_every_language(cli: Callable[..., Run]) -> None:
    files = [V21, MAPPING, *(FOLDER / f"cx-core-2.1.{lang}.yaml" for lang in LANGUAGES)]
    result = cli("validate", *files)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    for lang in LANGUAGES:
        assert f"{lang} translation of cx-core 2.1, 100% complete" in result.stdout


def test_translations_stamp_every_item() -> None:
    from cxmaturity.core.translation import stale_items, unstamped_items
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.formats.translation_files import read_translation

    q = load_questionnaire(V21).model
    for lang in LANGUAGES:
        translation = read_translation(FOLDER / f"cx-core-2.1.{lang}.yaml", q)
        assert unstamped_items(q, translation) == [], lang
        assert stale_items(q, translation) == [], lang


def test_a_changed_english_text_is_named(cli: Callable[..., Run], tmp_path: Path) -> None:
    shutil.copy(FOLDER / "cx-core-2.1.de.yaml", tmp_path / "cx-core-2.1.de.yaml")
    english = V21.read_text(encoding="utf-8")
    old = "Who runs the customer experience programme day to day?"
    assert old in english
    (tmp_path / "cx-core-2.1.yaml").write_text(
        english.replace(old, "Who runs CX daily?"), encoding="utf-8"
    )
    result = cli("validate", tmp_path / "cx-core-2.1.de.yaml")
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert "the English changed since these were translated: questions.strategy-team" in output


def test_cx_core_means_2_1(cli: Callable[..., Run]) -> None:
    result = cli("questionnaires")
    assert result.exit_code == 0, result.stderr
    listed = [line.split("\t")[:2] for line in result.stdout.splitlines()]
    assert ["cx-core", "2.1"] in listed and ["cx-core", "2.0"] in listed
    assert ["cx-core", "1.0"] in listed
    assert "2.1\tCustomer Experience Maturity (72 questions" in result.stdout
    assert "languages: en, de, es, fr" in result.stdout.split("2.1\t", 1)[1]
    from cxmaturity.formats.loading import load_questionnaire

    assert load_questionnaire("cx-core").model.version == "2.1"
    assert load_questionnaire("cx-core@2.0").model.version == "2.0"


def test_compare_sets_a_2_0_survey_beside_a_2_1_one(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    from cxmaturity.formats.loading import load_questionnaire
    from cxmaturity.usecases.demo import write_answers

    write_answers(load_questionnaire("cx-core@2.0"), tmp_path / "before", 7, 3)
    write_answers(load_questionnaire("cx-core"), tmp_path / "after", 8, 3)
    result = cli("compare", tmp_path / "before", tmp_path / "after", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "compared on the 62 questions cx-core 2.0 and 2.1 share" in result.stderr
    # Questions that moved between departments are one line, not one per answer.
    assert result.stderr.count("no longer asks of that department") == 1, result.stderr
    assert "which does not apply to" not in result.stderr
