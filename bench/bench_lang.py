"""`score --lang de` vs `score` on 1,000 answer files: what a translation costs. Limit: 1.1x.

The German run reads a complete translation of the 64-question questionnaire, applies it
and formats every figure with Babel; the English run does none of that.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from bench_score import answer_file, questionnaire
from common import PYTHON, best_of, report

from cxmaturity.formats.yamlio import dump_yaml


def translation(q: dict[str, object]) -> dict[str, object]:
    return {
        "format": "cxmaturity.translation/1",
        "questionnaire": {"id": q["id"], "version": q["version"]},
        "language": "de",
        "title": "Messung",
        "departments": {d["id"]: {"name": f"Bereich {d['id']}"} for d in q["departments"]},  # type: ignore[attr-defined]
        "dimensions": {d["id"]: {"name": f"Dimension {d['id']}"} for d in q["dimensions"]},  # type: ignore[attr-defined]
        "questions": {
            x["id"]: {
                "text": f"Frage {x['id']} zur Zusammenarbeit mit Kunden?",
                "options": [f"Option {s} beschreibt beobachtbares Verhalten." for s in "abcdef"],
            }
            for x in q["questions"]  # type: ignore[attr-defined]
        },
    }


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        q = questionnaire()
        (root / "bench.yaml").write_text(dump_yaml(q))
        (root / "bench.de.yaml").write_text(dump_yaml(translation(q)))
        answers = root / "answers"
        answers.mkdir()
        rng = random.Random(14)
        for n in range(1000):
            (answers / f"a{n:04d}.yaml").write_text(dump_yaml(answer_file(rng, n, q)))
        source = str(root / "bench.yaml")
        command = [PYTHON, "-m", "cxmaturity", "score", str(answers), "-q", source]
        english, _ = best_of(command)
        german, _ = best_of([*command, "--lang", "de"])
    return report("score --lang de vs score (1,000 files)", german, english, 1.1)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
