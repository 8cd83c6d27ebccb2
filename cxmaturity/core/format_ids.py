"""Every file and output format id the tool reads or writes, in one place.

A format id is a contract with other people's files and CI jobs, so each is written once
here. Each id is a ``Literal`` type (what a pydantic model's ``format`` field accepts) and a
constant of that type (what code compares and writes); mypy checks that the two agree.
"""

from __future__ import annotations

from typing import Final, Literal

Questionnaire1Id = Literal["cxmaturity.questionnaire/1"]
Questionnaire2Id = Literal["cxmaturity.questionnaire/2"]
QuestionnaireId = Literal["cxmaturity.questionnaire/1", "cxmaturity.questionnaire/2"]
"""Either questionnaire format: one ``Literal``, so the JSON Schema lists them as one ``enum``."""
AnswersId = Literal["cxmaturity.answers/1"]
ScoresId = Literal["cxmaturity.scores/1"]
TargetsId = Literal["cxmaturity.targets/1"]
ConsensusId = Literal["cxmaturity.consensus/1"]
ConsensusRoundId = Literal["cxmaturity.consensus-round/1"]
MappingId = Literal["cxmaturity.mapping/1"]
PlanId = Literal["cxmaturity.plan/2"]
TranslationId = Literal["cxmaturity.translation/1"]
ComparisonId = Literal["cxmaturity.comparison/1"]
ExplainId = Literal["cxmaturity.explain/1"]
ErrorId = Literal["cxmaturity.error/1"]
JournalId = Literal["cxmaturity.journal/1"]
DemoId = Literal["cxmaturity.demo/1"]

QUESTIONNAIRE_FORMAT: Final[Questionnaire1Id] = "cxmaturity.questionnaire/1"
QUESTIONNAIRE_FORMAT_2: Final[Questionnaire2Id] = "cxmaturity.questionnaire/2"
QUESTIONNAIRE_FORMATS: Final = (QUESTIONNAIRE_FORMAT, QUESTIONNAIRE_FORMAT_2)
ANSWERS_FORMAT: Final[AnswersId] = "cxmaturity.answers/1"
SCORES_FORMAT: Final[ScoresId] = "cxmaturity.scores/1"
TARGETS_FORMAT: Final[TargetsId] = "cxmaturity.targets/1"
CONSENSUS_FORMAT: Final[ConsensusId] = "cxmaturity.consensus/1"
ROUND_FORMAT: Final[ConsensusRoundId] = "cxmaturity.consensus-round/1"
MAPPING_FORMAT: Final[MappingId] = "cxmaturity.mapping/1"
PLAN_FORMAT: Final[PlanId] = "cxmaturity.plan/2"
TRANSLATION_FORMAT: Final[TranslationId] = "cxmaturity.translation/1"
COMPARISON_FORMAT: Final[ComparisonId] = "cxmaturity.comparison/1"
EXPLAIN_FORMAT: Final[ExplainId] = "cxmaturity.explain/1"
ERROR_FORMAT: Final[ErrorId] = "cxmaturity.error/1"
JOURNAL_FORMAT: Final[JournalId] = "cxmaturity.journal/1"
DEMO_FORMAT: Final[DemoId] = "cxmaturity.demo/1"
