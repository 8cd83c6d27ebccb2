"""The wheel carries the questionnaires and templates and works from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("cxmaturity-*.whl"))


def test_wheel_contains_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "cxmaturity/questionnaires/cx-core-1.0.yaml" in names
    assert any(n.startswith("cxmaturity/questionnaires/samples/") for n in names)
    assert any(n.startswith("cxmaturity/report_templates/") for n in names)
    for code in ("de", "fr", "es"):
        assert f"cxmaturity/locales/{code}/LC_MESSAGES/cxmaturity.mo" in names


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import cxmaturity; print(cxmaturity.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(site))
    listed = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "questionnaires"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("cx-core\t")
    samples = site / "cxmaturity" / "questionnaires" / "samples"
    scored = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "score", str(samples), "--format", "json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert scored.returncode == 0, scored.stderr
    assert '"id": "cx-core"' in scored.stdout
    german = subprocess.run(
        [sys.executable, "-m", "cxmaturity", "score", str(samples), "--lang", "de"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert german.returncode == 0, german.stderr
    assert "Wert und Stufe" in german.stdout  # the catalogue came from the wheel


def _script() -> str:
    # The console script pip wrote beside this interpreter: completion keys on its name.
    return str(Path(sys.executable).with_name("cxmaturity"))


def _complete(words: str, env: dict[str, str]) -> list[str]:
    done = subprocess.run(
        [_script()],
        env={
            **env,
            "_CXMATURITY_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_shell_completion_installs_and_completes(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash"}
    assert _complete("cxmaturity sc", env) == ["schema", "score"]
    assert "--format" in _complete("cxmaturity score --for", env)
    installed = subprocess.run(
        [_script(), "--install-completion", "bash"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert installed.returncode == 0, installed.stderr
    rc = (tmp_path / ".bashrc").read_text()
    sourced = [line.split(" ", 1)[1] for line in rc.splitlines() if line.startswith("source ")]
    assert sourced, rc
    script = Path(sourced[0].strip("'\"").replace("~", str(tmp_path)))
    assert "_CXMATURITY_COMPLETE=complete_bash" in script.read_text()
