"""The public server's kernels get a memory limit and end alone when they pass it (issue 16
point 3); JupyterLab's kernels, the students' own, get none."""

from __future__ import annotations

import subprocess
import sys

from spineedu.dashboard import KERNEL_MEMORY_MB, server_environment
from spineedu.public_kernel import LIMIT_VARIABLE, OUT_OF_MEMORY_EXIT, memory_limit_bytes


def test_the_public_server_sets_a_limit_and_lab_does_not(monkeypatch):
    monkeypatch.delenv(LIMIT_VARIABLE, raising=False)
    assert memory_limit_bytes(server_environment(public=True)) == KERNEL_MEMORY_MB * 2**20
    assert memory_limit_bytes(server_environment()) is None


def test_a_teacher_can_set_another_limit(monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, "1024")
    assert memory_limit_bytes(server_environment(public=True)) == 1024 * 2**20


GROW = """
import sys
from spineedu.public_kernel import apply_memory_limit, out_of_memory
apply_memory_limit()
try:
    hoard = [bytearray(2**20) for _ in range(2048)]  # 2 GB
except MemoryError:
    out_of_memory()
sys.exit(0)
"""


def test_a_kernel_past_its_limit_ends_with_the_out_of_memory_code():
    limited = subprocess.run([sys.executable, "-c", GROW], capture_output=True, text=True,
                             env={**server_environment(public=True), LIMIT_VARIABLE: "256"},
                             timeout=120)
    assert limited.returncode == OUT_OF_MEMORY_EXIT
    assert "out of memory" in limited.stderr
