"""The interactive survey: walk a questionnaire, autosave every answer, resume anywhere.

``session`` holds the state and the file and knows nothing of terminals; ``interactive``
(with ``screens``, ``pages``, ``editor`` and ``terminal``) is the keyboard front end,
``piped`` the line-per-answer one, and ``run`` ties a command line to either.
"""

from cxmaturity.survey.run import SurveyIO, SurveyRequest, run_survey

__all__ = ["SurveyIO", "SurveyRequest", "run_survey"]
