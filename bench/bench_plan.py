"""`plan` on 1,000 answer files of cx-core 2.0 (the demo's profiles) vs `score` on the same.

Limit: 1.25x, with a target given, so the plan's own work (per-question means, merging,
ordering) is what is compared with scoring. Without a target the plan scores twice (once to
find the organisation's stage, once against the default target); that run is printed too.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import PYTHON, best_of, report

from cxmaturity.formats.loading import load_questionnaire
from cxmaturity.usecases import demo


def main() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers"
        data = demo.load_demo()
        demo.write_answers(load_questionnaire(data.questionnaire), answers, data.seed, 100)
        common = [PYTHON, "-m", "cxmaturity"]
        score, score_median = best_of(
            [*common, "score", str(answers), "--format", "json", "--target", "4"]
        )
        plan, plan_median = best_of(
            [*common, "plan", str(answers), "--format", "json", "--target", "4"]
        )
        default, default_median = best_of([*common, "plan", str(answers), "--format", "json"])
    print(
        f"1,000 files x cx-core 2.0: score best {score:.3f}s (median {score_median:.3f}s); "
        f"plan --target best {plan:.3f}s (median {plan_median:.3f}s); "
        f"plan, default target, best {default:.3f}s (median {default_median:.3f}s)"
    )
    return report("plan vs score, 1,000 files, whole processes", plan, score, 1.25)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
