"""The pure rules: the model, scoring, confidence, the plan and the consensus.

No files, no terminal, no templates: every front end and renderer builds on these.
"""
