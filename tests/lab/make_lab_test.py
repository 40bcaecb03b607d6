"""`make lab`, the README's command, started for real: as root it says what to do, and with
`LAB_ARGS=--allow-root` JupyterLab comes up (containers and CI run as root).

The Makefile's venv is the one running the tests (VENV=...), taken as installed (`-o`), so the
test never reinstalls anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from browser_support import answers, free_port, wait_until_ready

from spineedu.dashboard import REPO

VENV = Path(sys.executable).parent.parent


def make_lab(lab_args: str, log: Path) -> subprocess.Popen:
    command = ["make", "--no-print-directory", "-C", str(REPO), f"VENV={VENV}",
               "-o", f"{VENV}/bin/.installed", "lab", f"LAB_ARGS={lab_args}"]
    with log.open("w") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop_group(process: subprocess.Popen) -> None:
    """make, spineedu and JupyterLab share the session started for them."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root is refused")
def test_make_lab_as_root_says_to_pass_allow_root(tmp_path):
    log = tmp_path / "make.log"
    process = make_lab(f"--no-browser --port {free_port()} --workspace {tmp_path / 'ws'}", log)
    try:
        assert process.wait(timeout=60) != 0
    finally:
        stop_group(process)
    assert "make lab LAB_ARGS=--allow-root" in log.read_text()


def test_make_lab_with_its_lab_args_serves_jupyterlab(tmp_path):
    port = free_port()
    allow_root = "--allow-root " if os.geteuid() == 0 else ""
    log = tmp_path / "make.log"
    process = make_lab(f"{allow_root}--no-browser --port {port} --workspace {tmp_path / 'ws'}",
                       log)
    try:
        # /login: answers 200 without the token the server printed
        wait_until_ready(answers(f"http://127.0.0.1:{port}/login"), process, log,
                         "make lab", timeout=90)
        assert (tmp_path / "ws" / "00_start_here.ipynb").exists()
    finally:
        stop_group(process)
