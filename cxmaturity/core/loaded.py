"""What scoring takes: a questionnaire as loaded and answer files as read.

``formats.loading`` builds these from files; the core only reads them, so scoring never
needs to know where a file came from or how it was parsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cxmaturity.core.answer_file import AnswerFile
from cxmaturity.core.model import Questionnaire


@dataclass(frozen=True)
class LoadedQuestionnaire:
    model: Questionnaire
    sha256: str
    """Of the file's bytes: answer files record it, to notice a questionnaire edited since."""
    source: str


@dataclass(frozen=True)
class AnswerSet:
    """One respondent's answer file, as read."""

    path: Path
    file: AnswerFile
