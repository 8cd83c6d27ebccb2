"""A tiny questionnaire and workshop whose scores are worked out by hand below.

Questionnaire ``mini`` version 1: dimensions lead (weight 2) and data (weight 1).

    lead-a  lead  weight 2
    lead-b  lead  weight 1
    data-a  data  weight 1
    data-b  data  weight 3   only for service

Baseline answers (``baseline/``), dated January 2026:

    Ann  sales    lead-a 4, lead-b 1, data-a 3        lead (2×4 + 1×1)/3 = 3     data 3/1 = 3
    Bob  sales    lead-a 2, lead-b unknown, data-a 5  lead (2×2)/2 = 2 (2 of 3)  data 5
    Cy   service  lead-a 5, lead-b 6, data-a n/a, data-b 1
                                                      lead (10 + 6)/3 = 5.3333…  data 3/3 = 1
    Dee  service  lead-b 3, data-b unknown            lead 1 of 3 answered: undefined
                                                      data 0 of 4 answered: undefined

    sales:   lead (3 + 2)/2 = 2.5, spread 1; data (3 + 5)/2 = 4, spread 2 (disagreement)
             department (2×2.5 + 1×4)/3 = 3 → 3.00 Mobilise
    service: lead 5.3333… (Cy only), data 1
             department (2×5.3333… + 1×1)/3 = 11.6667…/3 = 3.8889… → 3.89 Mobilise
    organisation (3 + 3.8889…)/2 = 3.4444… → 3.44 Mobilise
             lead (2.5 + 5.3333…)/2 = 3.9167… → 3.92; data (4 + 1)/2 = 2.5 → 2.50

Current answers (``current/``), dated November 2026: Ann's lead-b is now 4, Bob is
unchanged, service did not take part, and IT joined:

    Ann  sales    lead (2×4 + 1×4)/3 = 4, data 3
    Eve  it       lead-a 3, lead-b 3, data-a 2        lead 3, data 2

    sales:   lead (4 + 2)/2 = 3 (+0.50, Explore → Mobilise); data 4 (unchanged)
             department (2×3 + 4)/3 = 3.3333… → 3.33 (+0.33, Mobilise, unchanged)
    it:      (2×3 + 2)/3 = 2.6667… → 2.67 Explore (new)
    organisation (3.3333… + 2.6667…)/2 = 3 → 3.00 (−0.44)
             lead (3 + 3)/2 = 3 → 3.00 (−0.92); data (4 + 2)/2 = 3 → 3.00 (+0.50,
             Explore → Mobilise)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

QUESTIONNAIRE = """
format: cxmaturity.questionnaire/1
id: mini
version: "1"
title: Mini check
departments:
  - {id: sales, name: Sales}
  - {id: service, name: Service}
  - {id: it, name: IT}
dimensions:
  - {id: lead, name: Leadership, weight: 2, description: Who drives it.}
  - {id: data, name: Data}
questions:
  - id: lead-a
    dimension: lead
    text: Who leads *customer* work?
    help: Think of the last year.
    weight: 2
    options: [Nobody, A few, A sponsor, A forum, Everyone senior, Everyone]
  - id: lead-b
    dimension: lead
    text: Is there a plan?
    options: [No plan, Ideas, Draft, Funded plan, Aligned plan, Living plan]
  - id: data-a
    dimension: data
    text: Is data joined up?
    options: [Silos, Some links, A project, One view, Shared view, Everywhere]
  - id: data-b
    dimension: data
    text: Is data clean?
    weight: 3
    departments: [service]
    options: [Dirty, Patchy, Cleaning, Clean, Trusted, Self-healing]
"""

BASELINE = {
    "sales-ann.yaml": ("Ann", "sales", "2026-01-10T10:00:00Z", "{lead-a: 4, lead-b: 1, data-a: 3}"),
    "sales-bob.yaml": (
        "Bob",
        "sales",
        "2026-01-12T10:00:00Z",
        "{lead-a: 2, lead-b: unknown, data-a: 5}",
    ),
    "service-cy.yaml": (
        "Cy",
        "service",
        "2026-01-15T09:30:00Z",
        "{lead-a: 5, lead-b: 6, data-a: n/a, data-b: 1}",
    ),
    "service-dee.yaml": ("Dee", "service", "2026-01-11T10:00:00Z", "{lead-b: 3, data-b: unknown}"),
}

CURRENT = {
    "sales-ann.yaml": ("Ann", "sales", "2026-11-02T10:00:00Z", "{lead-a: 4, lead-b: 4, data-a: 3}"),
    "sales-bob.yaml": (
        "Bob",
        "sales",
        "2026-11-03T10:00:00Z",
        "{lead-a: 2, lead-b: unknown, data-a: 5}",
    ),
    "it-eve.yaml": ("Eve", "it", "2026-11-05T16:22:00Z", "{lead-a: 3, lead-b: 3, data-a: 2}"),
}

Write = Callable[[str, str], Path]


def answer_file(name: str, department: str, updated: str, answers: str, version: str) -> str:
    return (
        "format: cxmaturity.answers/1\n"
        f'questionnaire: {{id: mini, version: "{version}"}}\n'
        f"respondent: {{name: {name}, department: {department}}}\n"
        f"updated: {updated}\n"
        f"answers: {answers}\n"
    )


def write_questionnaire(write: Write) -> Path:
    return write("mini.yaml", QUESTIONNAIRE)


def write_folder(
    write: Write, folder: str, files: dict[str, tuple[str, str, str, str]], version: str = "1"
) -> Path:
    for file_name, (name, department, updated, answers) in files.items():
        write(f"{folder}/{file_name}", answer_file(name, department, updated, answers, version))
    return write(f"{folder}/.keep", "").parent


def workshop(write: Write) -> tuple[Path, Path, Path]:
    """(questionnaire, baseline folder, current folder)."""
    return (
        write_questionnaire(write),
        write_folder(write, "baseline", BASELINE),
        write_folder(write, "current", CURRENT),
    )
