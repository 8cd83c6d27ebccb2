"""Where the demo may write: an empty or missing folder, or one an earlier demo wrote.

The demo writes synthetic respondents, ``scores.json`` and the two packs; in a real
workshop folder that would mix invented people into real results and replace a real
report. An earlier demo is recognised by its names: only its own entries (an older
demo's ``report.pdf`` included), all plain
files (no symlinks leading elsewhere), and in ``answers/`` only files the demo writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cxmaturity.core.errors import UsageError

DEMO_ENTRIES = frozenset(
    {"answers", "scores.json", "board-pack.pdf", "workshop-pack.pdf", "report.pdf"}
)


def check_demo_folder(
    out: Path, answer_names: set[str], earlier_answers: Callable[[Path], bool]
) -> None:
    """Refuse ``out`` unless the demo may write there.

    ``answer_names`` are the files this demo writes in ``answers/``; ``earlier_answers``
    recognises one an earlier version of the demo wrote.
    """
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir() or out.is_symlink():
        raise UsageError("--out must be a folder for the demo", out)
    entries = {entry.name: entry for entry in out.iterdir()}
    answers = out / "answers"
    ours = (
        set(entries) <= DEMO_ENTRIES
        and all(_plain_file(entry) for name, entry in entries.items() if name != "answers")
        and (not entries or (answers.is_dir() and not answers.is_symlink()))
        and all(
            _plain_file(child) and (child.name in answer_names or earlier_answers(child))
            for child in (answers.iterdir() if answers.is_dir() else ())
            # What a killed run leaves behind: a temp file, or the lock its writer took.
            if not (child.name.startswith(".") and child.name.endswith((".tmp", ".lock")))
        )
    )
    if not ours:
        raise UsageError(
            "--out: this folder holds files that an earlier demo did not write; "
            "the demo writes only into an empty folder or over an earlier demo",
            out,
        )


def _plain_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()
