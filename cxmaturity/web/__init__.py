"""The live workshop: a local web server where a room answers from their phones.

``state`` owns the workshop (tokens, respondents, their sessions and files), ``security``
the checks every request passes, ``respondent`` and ``facilitator`` the two sets of
pages, ``figures`` the live scores, ``templates`` the autoescaped pages, and ``app``
puts them together. Answers go through the survey's ``Session``, so every answer file is
the same ``cxmaturity.answers/1`` file a terminal survey writes.
"""
