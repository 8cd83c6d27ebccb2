"""The answer journal: what the survey appended since it last wrote the whole file.

Rewriting a whole answer file after every answer makes a long survey quadratic. So the
survey writes the whole file (atomically) now and then, and in between appends one JSON
line per change to a hidden journal beside it, ``.<file name>.journal``, fsynced before
the next question. The first line names the exact bytes of the file it continues (their
SHA-256); every later line sets one question's answer:

    {"format": "cxmaturity.journal/1", "base": "<sha256 of the answer file>"}
    {"id": "leadership-ownership", "answer": 3, "updated": "2026-11-23T20:01:07Z"}
    {"id": "voice-listening", "answer": null, "updated": "2026-11-23T20:01:30Z"}

A reader applies the journal only while the file still has those bytes. Once the survey
has folded the journal into a new whole file (and before it deletes the journal), or
when anyone else has replaced the file, the journal no longer matches and is ignored: a
good file is never replaced by a worse one, and a torn last line (a crash mid-append) is
simply not applied.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cxmaturity.core.errors import SyntaxProblem
from cxmaturity.core.format_ids import JOURNAL_FORMAT

# A journal is at most a few hundred short lines; anything far larger is not ours.
MAX_JOURNAL_BYTES = 16 * 1024 * 1024


def journal_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.journal")


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def header_line(base: str) -> bytes:
    """The first line: the digest of the file this journal continues."""
    return _line({"format": JOURNAL_FORMAT, "base": base})


def entry_line(question_id: str, answer: Any, updated: str) -> bytes:
    return _line({"id": question_id, "answer": answer, "updated": updated})


def _line(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def replay(path: Path, raw: bytes, data: Any) -> int:
    """Apply the journal beside ``path`` to ``data`` (the file parsed from ``raw``).

    Returns how many changes were applied; 0 when there is no journal, or it continues
    other bytes than ``raw``, or ``data`` is not an answer mapping (validation says why).
    """
    entries = _entries(journal_path(path), raw)
    if not entries or not isinstance(data, dict):
        return 0
    answers = data.get("answers")
    if answers is None:
        answers = data["answers"] = {}
    if not isinstance(answers, dict):
        return 0
    for entry in entries:
        if entry["answer"] is None:
            answers.pop(entry["id"], None)
        else:
            answers[entry["id"]] = entry["answer"]
        data["updated"] = entry["updated"]
    return len(entries)


def _entries(journal: Path, raw: bytes) -> list[dict[str, Any]]:
    try:
        if not journal.is_file() or journal.stat().st_size > MAX_JOURNAL_BYTES:
            return []
        lines = journal.read_bytes().split(b"\n")
    except OSError:
        return []
    # The last piece has no newline: empty, or an append cut short. Either way, not applied.
    complete = [_parsed(line, journal, number) for number, line in enumerate(lines[:-1], 1)]
    # Hashed only here: almost no answer file has a journal beside it.
    if not complete or complete[0] != {"format": JOURNAL_FORMAT, "base": digest(raw)}:
        return []
    entries: list[dict[str, Any]] = []
    for entry in complete[1:]:
        if not _is_entry(entry):
            break  # nothing after a damaged line can be trusted to follow it
        entries.append(entry)  # type: ignore[arg-type]
    return entries


def _parsed(line: bytes, journal: Path, number: int) -> object:
    try:
        return json.loads(line)
    except ValueError:
        return None
    except RecursionError:
        # No append of ours nests; a line this deep was written by someone else on purpose.
        raise SyntaxProblem(
            "a line nested too deeply to be a journal entry", journal, number, 1
        ) from None


def _is_entry(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and set(entry) == {"id", "answer", "updated"}
        and isinstance(entry["id"], str)
        and isinstance(entry["updated"], str)
    )
