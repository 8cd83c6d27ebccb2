"""Which column of an export holds what: a question, or one of the respondent's fields.

A question's column is headed by its id or its text (Qualtrics: either of its two header
rows); the respondent's name, department, role and e-mail may be questions of the form
(``Your name``, ``Which department do you work in?``). Headings are compared folded, and an
unknown one names the closest question. The tool's own metadata columns are ``formtools``'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cxmaturity.core.model import Question
from cxmaturity.formats.folding import did_you_mean, fold
from cxmaturity.formats.formtools import TOOLS, Layout
from cxmaturity.formats.importfiles import Problems
from cxmaturity.formats.vocabulary import Vocabulary

# Headings a form's own questions use for the respondent's fields (folded).
_FIELD_PATTERNS: dict[str, re.Pattern[str]] = {
    # English, then the questionnaires' other languages (German, French, Spanish).
    "name": re.compile(
        r"^(?:your |please enter your |ihr |votre |su )?(?:full )?"
        r"(?:name|nom|nombre|vollständiger name|nom complet)(?: \(.{0,30}\))?$"
    ),
    "department": re.compile(
        r"^(?:(?:your|which|what|select your|choose your|ihre|ihr|votre|su) )?"
        r"(?:department|business unit|division|team|abteilung|bereich|département|service|"
        r"departamento|área)(?: (?:name|do you work in|are you in))?$"
    ),
    "role": re.compile(
        r"^(?:your |ihre |votre |su )?(?:role|job title|job role|position|title|rolle|funktion|"
        r"rôle|fonction|poste|rol|cargo|puesto)$"
    ),
    "updated": re.compile(r"^(?:updated|timestamp|zeitstempel|horodatage|marca temporal)$"),
    "email": re.compile(r"^(?:your )?e-?mail(?: address| adresse|-adresse)?$"),
}


@dataclass
class Columns:
    """What each column of one sheet holds (0-based positions)."""

    fields: dict[str, int] = field(default_factory=dict)
    """The respondent's fields given by a heading: name, department, role, updated, email."""
    questions: dict[int, Question] = field(default_factory=dict)
    width: int = 0


def map_columns(found: Layout, words: Vocabulary, problems: Problems) -> Columns:
    """Match each heading to a question (by id or text) or a respondent field."""
    q, by_key = words.q, words.questions
    columns = Columns(width=len(found.headings))
    line, at = found.heading_line, found.sheet.path
    for index, heading in enumerate(found.headings):
        if index in found.roles or index in found.skipped:
            continue
        key = fold(heading)
        alternate = found.alternates[index] if index < len(found.alternates) else ""
        question = by_key.get(key) or by_key.get(fold(alternate))
        name = _field(key) if question is None else None
        if not key and not fold(alternate):
            if found.tool == "plain":
                problems.error("the column has no heading", line, index + 1, at)
        elif question is not None and question not in columns.questions.values():
            columns.questions[index] = question
        elif name is not None and name not in columns.fields:
            columns.fields[name] = index
        elif question is not None or name is not None:
            problems.error(f"column {heading.strip()!r} appears twice", line, index + 1, at)
        else:
            near = did_you_mean(heading, [x.text for x in q.questions])
            problems.error(
                f"unknown column {heading.strip()!r}{near}: not name, department, role, "
                f"updated, or a question id or text of {q.id}",
                line,
                index + 1,
                at,
            )
    _require(found, columns, problems)
    _say_layout(found, columns, problems)
    return columns


def _field(key: str) -> str | None:
    return next((name for name, rx in _FIELD_PATTERNS.items() if rx.match(key)), None)


def _require(found: Layout, columns: Columns, problems: Problems) -> None:
    at, line = found.sheet.path, found.heading_line
    if found.tool == "plain" and "name" not in columns.fields:
        problems.error("no 'name' column", line, at=at)
    if "department" not in columns.fields and found.department is None:
        problems.error("no 'department' column", line, at=at)


def _say_layout(found: Layout, columns: Columns, problems: Problems) -> None:
    """One line: the tool, which of its columns give the respondent, which are ignored."""
    if found.tool == "plain":
        return
    heads = found.alternates if found.tool == "qualtrics" else found.headings
    used = [
        f"{role} from {heads[i].strip()!r}"
        for i, role in found.roles.items()
        if role not in ("ignore", "id", "status")
    ]
    used += [f"{name} from {found.headings[i].strip()!r}" for name, i in columns.fields.items()]
    if found.department is not None:
        used.append(f"department {found.department!r} from the sheet's name")
    ignored = [
        repr(heads[i].strip()) for i, r in found.roles.items() if r in ("ignore", "id", "status")
    ]
    ignored += list(found.skipped.values())
    text = f"{TOOLS[found.tool]} export, {len(columns.questions)} question columns; "
    text += "used: " + (", ".join(used) or "nothing")
    text += "; ignored: " + (", ".join(ignored) or "nothing")
    problems.note(text, at=found.sheet.path)


def department_id(value: str, words: Vocabulary, numbered: bool = False) -> str | None:
    """A department id, from its id or its name (in any of its languages), compared folded.

    Qualtrics' and SurveyMonkey's numeric exports give the choice's position: the department
    question lists the departments in the questionnaire's order (the README says so)."""
    key = fold(value)
    departments = words.q.departments
    if numbered and key.isdigit() and 1 <= int(key) <= len(departments):
        return departments[int(key) - 1].id
    return words.departments.get(key)
