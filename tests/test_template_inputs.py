"""Files of a ``--template`` folder go through the one input rule (issue 9).

Regular files only, the size checked before reading, UTF-8 with a located error: a FIFO,
a device node, a symlink out of the folder, an oversized or a Latin-1 file gives one
located line and exit 2, and never hangs. Run as a real process with a timeout, so a
read that blocks fails the test instead of stalling it.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

pytestmark = pytest.mark.pdf

MINI = REPO / "tests" / "data" / "mini.yaml"
MINI_ANSWERS = REPO / "tests" / "data" / "mini-answers"


def report(folder: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "cxmaturity", "report", str(MINI_ANSWERS), "-q", str(MINI)]
    command += ["-o", str(out), "--template", str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def refused(tmp_path: Path, folder: Path) -> str:
    out = tmp_path / "x.pdf"
    done = report(folder, out)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    assert not out.exists()
    return done.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "brand"
    made.mkdir()
    (made / "custom.css").write_text("h1 { color: #123456; }\n")
    return made


@pytest.mark.parametrize("name", ["custom.css", "logo.html.j2", "board.html.j2"])
def test_a_fifo_among_template_files_is_refused(tmp_path: Path, folder: Path, name: str) -> None:
    fifo = folder / name
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    assert (
        refused(tmp_path, folder)
        == f"error: {fifo}: not a regular file: it is a named pipe (FIFO)\n"
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_among_template_files_is_refused(tmp_path: Path, folder: Path) -> None:
    device = folder / "logo.html.j2"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # as /dev/zero
    message = refused(tmp_path, folder)
    assert message.startswith(f"error: {device}: not a regular file"), message


def test_a_link_inside_the_folder_to_a_fifo_inside_it_is_refused(
    tmp_path: Path, folder: Path
) -> None:
    os.mkfifo(folder / "pipe")
    (folder / "fonts").mkdir()
    (folder / "fonts" / "brand.woff").symlink_to(folder / "pipe")
    assert "not a regular file" in refused(tmp_path, folder)


def test_a_symlink_to_a_device_outside_is_refused(tmp_path: Path, folder: Path) -> None:
    link = folder / "custom.css"
    link.unlink()
    link.symlink_to("/dev/zero")
    message = refused(tmp_path, folder)
    assert message == f"error: {link}: a symlink that leads outside the template folder\n"


def test_an_oversized_template_file_is_refused_before_reading(tmp_path: Path, folder: Path) -> None:
    huge = folder / "huge.svg"
    with huge.open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB claimed, nothing on disk
    message = refused(tmp_path, folder)
    assert message.startswith(f"error: {huge}: the file is 3,221,225,472 bytes; the limit is ")


def test_a_latin1_template_gives_its_line_and_column(tmp_path: Path, folder: Path) -> None:
    logo = folder / "logo.html.j2"
    logo.write_bytes(b"<p>Acme</p>\n<p>Caf\xe9 Ltd</p>\n")
    message = refused(tmp_path, folder)
    assert message.startswith(f"error: {logo}:2:7: not UTF-8 text (byte 0xe9)"), message
