"""Reading a large folder in two processes gives exactly what reading it in one gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cxmaturity.cli import process
from cxmaturity.core.errors import CxMaturityError
from cxmaturity.formats import batch
from cxmaturity.usecases.assessment import assess

SAMPLES = Path(__file__).resolve().parent.parent / "questionnaires" / "samples"


def _folder(tmp_path: Path, broken: bool = False) -> Path:
    """The samples 40 times over, a scores file to skip, a duplicate and maybe broken files."""
    folder = tmp_path / "answers"
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.yaml")):
        text = sample.read_text()
        for n in range(10):
            # A new name per copy: each copy is another respondent.
            name = f"{sample.stem}-{n}"
            (folder / f"{name}.yaml").write_text(
                text.replace("name: ", f"name: {n} ", 1) if n else text
            )
    (folder / "zz-scores.yaml").write_text("format: cxmaturity.scores/1\n")
    # The same respondent twice: one warning, the newer file kept.
    shutil.copy(SAMPLES / "finance-li-wei.yaml", folder / "zz-again.yaml")
    if broken:
        (folder / "b-broken.yaml").write_text("format: cxmaturity.answers/1\nanswers: [\n")
        (folder / "zzz-bad.yaml").write_text("format: cxmaturity.answers/1\nrespondent: 3\n")
    return folder


def _serial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "worth_a_second_process", lambda count: False)


def test_two_processes_give_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    calls: list[int] = []
    real_start = batch._start

    def counting_start(share: batch.Found) -> object:
        calls.append(len(share))
        return real_start(share)

    monkeypatch.setattr(batch, "worth_a_second_process", lambda count: count >= 10)
    monkeypatch.setattr(batch, "_start", counting_start)
    parallel = assess([folder])
    assert calls and calls[0] > 10, "the helper process was not used"
    _serial(monkeypatch)
    serial = assess([folder])
    assert parallel.result == serial.result
    assert parallel.answer_sets == serial.answer_sets
    assert any("skipped" in w for w in parallel.result.warnings)
    assert any("present twice" in w for w in parallel.result.warnings)


def test_errors_are_the_same_and_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, broken=True)
    monkeypatch.setattr(batch, "worth_a_second_process", lambda count: count >= 10)
    with pytest.raises(CxMaturityError) as parallel:
        assess([folder])
    _serial(monkeypatch)
    with pytest.raises(CxMaturityError) as serial:
        assess([folder])
    assert str(parallel.value) == str(serial.value)
    # One error from each half: the first read here, the second in the helper.
    assert "b-broken.yaml" in str(serial.value) and "zzz-bad.yaml" in str(serial.value)


def test_small_batches_stay_in_one_process() -> None:
    assert not batch.worth_a_second_process(batch.PARALLEL_FROM - 1)


def test_a_second_process_only_when_a_core_is_lent_and_free_now(monkeypatch) -> None:
    monkeypatch.setattr(batch, "_free_core", None)
    assert not batch.worth_a_second_process(batch.PARALLEL_FROM)  # a library caller: never
    batch.lend_cores(lambda: True)
    assert batch.worth_a_second_process(batch.PARALLEL_FROM)
    batch.lend_cores(lambda: False)
    assert not batch.worth_a_second_process(batch.PARALLEL_FROM)


def test_the_console_script_sees_a_core_free_only_when_one_is(monkeypatch) -> None:
    monkeypatch.delenv(process.ONE_PROCESS, raising=False)
    monkeypatch.setattr(process.os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(process, "busy_cores", lambda: 1)
    assert process.a_core_is_free()
    monkeypatch.setattr(process, "busy_cores", lambda: 2)
    assert not process.a_core_is_free()
    monkeypatch.setattr(process, "busy_cores", lambda: 1)
    monkeypatch.setenv(process.ONE_PROCESS, "1")
    assert not process.a_core_is_free()


def test_busy_cores_counts_this_process() -> None:
    assert process.busy_cores() >= 1
