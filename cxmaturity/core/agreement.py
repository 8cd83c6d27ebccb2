"""How far a department's respondents agree: Krippendorff's alpha on ordinal answers.

Each respondent is a rater and each question a unit; "don't know", "not applicable" and
unanswered are missing values. Alpha is 1 when everyone gave the same stage everywhere,
about 0 when the answers agree no more than chance would have them, and undefined
(None) with fewer than two respondents or too little to compare.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cxmaturity.core.loaded import AnswerSet
from cxmaturity.core.model import Questionnaire


def alpha(
    questionnaire: Questionnaire, answer_sets: Sequence[AnswerSet], department: str
) -> float | None:
    """Ordinal alpha over the department's questions; None when it is not defined."""
    questions = [q.id for q in questionnaire.questions_for(department)]
    rows = [
        [_stage(s, q) for q in questions]
        for s in answer_sets
        if s.file.respondent.department == department
    ]
    # Only questions two or more people answered can be compared.
    columns = [c for c in zip(*rows, strict=True) if sum(not math.isnan(v) for v in c) >= 2]
    if len(rows) < 2 or not columns:
        return None
    values = {v for column in columns for v in column if not math.isnan(v)}
    if len(values) < 2:
        # One stage everywhere: perfect agreement, which the formula cannot divide out.
        return 1.0
    rows = [list(row) for row in zip(*columns, strict=True)]
    import krippendorff  # numpy behind it: imported only when a pack or round needs it

    try:
        found = float(krippendorff.alpha(reliability_data=rows, level_of_measurement="ordinal"))
    except ValueError:
        return None
    return None if math.isnan(found) else found


def _stage(answer_set: AnswerSet, question: str) -> float:
    value = answer_set.file.answers.get(question)
    if value is None or value.status != "stage" or value.stage is None:
        return math.nan
    return float(int(value.stage))
