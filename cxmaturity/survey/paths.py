"""Where a respondent's answers go, and the command line that picks them up again."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path

from cxmaturity.cleaning import slug
from cxmaturity.errors import UsageError

DEFAULT_QUESTIONNAIRE = "cx-core"
_MAX_TWINS = 99


def answer_path(
    out_dir: Path, name: str, department: str, is_theirs: Callable[[Path], bool]
) -> Path:
    """``DIR/<department>-<name>.yaml``, or ``...-2.yaml`` and on when another person has it.

    ``is_theirs`` says whether an existing file belongs to this respondent (then it is
    resumed); two people whose names slug alike each keep their own file.
    """
    stem = f"{department}-{slug(name)}"
    for number in range(1, _MAX_TWINS + 1):
        candidate = out_dir / (f"{stem}.yaml" if number == 1 else f"{stem}-{number}.yaml")
        if not candidate.exists() or is_theirs(candidate):
            return candidate
    raise UsageError(f"too many files named {stem}-*.yaml", out_dir)


def resume_command(path: Path, questionnaire: str) -> str:
    """The exact command that continues this file, quoted for a POSIX shell."""
    parts = ["cxmaturity", "survey"]
    if questionnaire != DEFAULT_QUESTIONNAIRE:
        parts += ["-q", questionnaire]
    parts += ["--out", str(path)]
    return shlex.join(parts)
