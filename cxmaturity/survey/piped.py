"""Answers from a script or a file: one per line on standard input.

Each line answers the next unanswered question: a stage number or name (English, or
the survey's language), ``unknown`` (or "don't know"), or ``n/a``. Blank lines and lines
starting with ``#`` are skipped, so an answer script can carry notes. Every answer is
saved before the next line is read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from cxmaturity.core.answer_file import AnswerValue
from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.errors import UsageError
from cxmaturity.core.stages import Stage
from cxmaturity.survey.session import Session, parse_answer
from cxmaturity.words.language import Language, language


@dataclass(frozen=True)
class Fed:
    answered: int
    """Answers taken from the input."""
    extra_line: int | None
    """The first line of input left over once every question had an answer."""


def lines(stream: TextIO | None) -> Iterator[str]:
    """The stream's lines; a closed or broken stream simply ends."""
    if stream is None:
        return
    try:
        yield from stream
    except (OSError, ValueError):  # ValueError: reading a closed file
        return


def parse_line(text: str, lang: Language) -> AnswerValue | None:
    """An answer in English, or a stage named in ``lang`` (``Movilizar``, ``mobilisieren``)."""
    value = parse_answer(text)
    if value is not None:
        return value
    wanted = text.strip().casefold()
    for stage in Stage:
        if lang.stage(stage).casefold() == wanted:
            return AnswerValue(stage=stage, status="stage")
    return None


def feed(session: Session, source: Iterable[str], lang: Language | None = None) -> Fed:
    """Answer the unanswered questions in order from ``source``; stops at its end."""
    lang = lang or language()
    answered = 0
    index: int | None = 0
    for number, line in enumerate(source, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        # Answers only fill gaps, so no gap ever opens before the last one filled.
        index = session.first_unanswered(index or 0)
        if index is None:
            return Fed(answered, number)
        value = parse_line(text, lang)
        if value is None:
            message = lang.gettext(
                "stdin line {line}: {text} is not an answer (use 1-6, a stage name, unknown "
                "or n/a); {answered} of {total} answers are saved in {path}"
            )
            raise UsageError(
                message.format(
                    line=number,
                    text=repr(clean_line(text)[:40]),
                    answered=session.answered,
                    total=session.total,
                    path=session.path,
                )
            )
        session.go_to(index)
        session.record(value)
        answered += 1
    return Fed(answered, None)
