"""Issue 26, case 5: a baseline of many long-named departments and dimensions cannot push
the board pack past its 12 pages; the names only in the baseline are cut and counted."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
from conftest import REPO, Run

Cli = Callable[..., Run]
MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def _figure(n: int) -> dict[str, object]:
    score = 1 + (n % 50) / 10
    return {"score": score, "stage": int(score), "interval": None, "borderline": False}


@pytest.mark.pdf
def test_a_huge_baseline_keeps_the_board_within_12_pages(cli: Cli, tmp_path: Path) -> None:
    scored = cli("score", MINI_ANSWERS, "-q", MINI, "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    data = json.loads(scored.stdout)
    dimensions = [
        {"id": f"dim-{j}", "name": f"Dimension {j} " + "x" * 186, "respondents": 3, **_figure(j)}
        for j in range(50)
    ]
    data["departments"] += [
        {
            "id": f"dep-{i}",
            "name": f"Department {i} " + "y" * 186,
            "respondents": 3,
            **_figure(i),
            "dimensions": dimensions,
        }
        for i in range(100)
    ]
    data["organisation"]["dimensions"] += [
        {**{k: v for k, v in d.items() if k != "respondents"}, "departments": 100}
        for d in dimensions
    ]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(data))
    out = tmp_path / "board.pdf"
    result = cli("report", MINI_ANSWERS, "-q", MINI, "--baseline", baseline, "-o", out)
    assert result.exit_code == 0, result.stderr
    reader = pypdf.PdfReader(out)
    assert len(reader.pages) <= 12
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "more" in text and "y" * 186 not in text.replace("\n", "")
