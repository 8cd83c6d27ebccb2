"""The bundled cx-core 1.0 questionnaire (still selectable as cx-core@1.0) and its samples meet the bar a consultant expects."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLES

from cxmaturity.core.stages import STAGE_KEYS, Stage
from cxmaturity.formats.answers import read_answer_file
from cxmaturity.formats.loading import load_questionnaire


@pytest.fixture(scope="module")
def q():
    return load_questionnaire("cx-core@1.0").model


def test_size(q) -> None:
    assert len(q.dimensions) >= 8
    assert len(q.departments) >= 8
    assert 40 <= len(q.questions) <= 60


def test_every_department_meets_every_dimension(q) -> None:
    for dep in q.departments:
        for dim in q.dimensions:
            applicable = [x for x in q.questions_for(dep.id) if x.dimension == dim.id]
            assert len(applicable) >= 2, (dep.id, dim.id)


def test_some_questions_are_department_specific(q) -> None:
    assert 5 <= sum(x.departments is not None for x in q.questions) < len(q.questions)


def test_options_are_behavioural_not_ratings(q) -> None:
    for question in q.questions:
        assert len(set(question.options)) == 6, question.id
        for option in question.options:
            assert len(option.split()) >= 6, (question.id, option)
            assert not re.search(r"\b[1-6]\b", option), option
            assert not re.match(
                r"(very |fairly )?(poor|bad|weak|average|good|excellent)\b", option, re.I
            )
            assert not any(key in option.lower() for key in STAGE_KEYS), option


def test_two_to_four_next_steps_per_stage(q) -> None:
    for dim in q.dimensions:
        for stage in Stage:
            steps = q.next_steps(dim.id, stage)
            assert 2 <= len(steps) <= 4, (dim.id, stage)


def test_samples_are_valid_and_complete(q) -> None:
    loaded = load_questionnaire("cx-core@1.0")
    from cxmaturity.formats.answers import check_answers

    files = sorted(SAMPLES.glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        warnings: list[str] = []
        answer_set = read_answer_file(path, in_folder=False, warnings=warnings)
        assert answer_set is not None
        check_answers(loaded, answer_set, warnings)
        assert warnings == []
        applicable = {x.id for x in q.questions_for(answer_set.file.respondent.department)}
        assert set(answer_set.file.answers) == applicable
