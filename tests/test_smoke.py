from conftest import SAMPLES, Run


def test_version(cli) -> None:
    result: Run = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("cxmaturity ")


def test_score_bundled_samples_as_json(cli) -> None:
    import json

    result: Run = cli("score", SAMPLES, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "cxmaturity.scores/1"
    assert [d["id"] for d in data["departments"]] == ["marketing", "service", "finance"]
