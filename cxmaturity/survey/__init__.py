"""The interactive survey: walk a questionnaire, autosave every answer, resume anywhere.

``session`` holds the position over a ``formats.respondent_file`` and knows nothing of
terminals; ``formats.answer_store`` (with ``formats.lock``) owns the file on disk: one
writer, a check before every write, and a journal so that each answer is one fsynced
line. ``interactive`` and ``walk`` (with ``screens``, ``pages``, ``editor``, ``keys`` and
``terminal``) are the keyboard front end, ``piped`` the line-per-answer one, and ``run``
ties a command line to either.
"""

from cxmaturity.survey.run import SurveyIO, SurveyRequest, run_survey

__all__ = ["SurveyIO", "SurveyRequest", "run_survey"]
