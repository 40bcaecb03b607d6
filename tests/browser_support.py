"""What the browser and server tests share: Debian's Chromium and its arguments, a free
loopback port, waiting for a server they started, and stopping it.

One Playwright runs for the whole test session (the `browser` fixture in tests/conftest.py):
Playwright's sync API runs an event loop in the main thread, so a second one started beside it
(a fixture of another test directory) fails. Test directories import this module by name
(tests/ is on sys.path through tests/conftest.py) rather than each other's conftest.py.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from spineedu.pdf import chromium as chromium_path  # noqa: F401 (SPINEEDU_CHROMIUM or PATH)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class RunningServer:
    """A server a test started: where it answers, its process, and the log to show on failure."""

    url: str
    process: subprocess.Popen
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_status(url: str, timeout: float = 10) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def answers(url: str) -> Callable[[], bool]:
    """A readiness check: `url` (a cheap one, never a page that starts a kernel) answers 200."""
    def check() -> bool:
        try:
            return http_status(url, timeout=5) == 200
        except OSError:
            return False

    return check


def wait_until_ready(ready: Callable[[], bool], process: subprocess.Popen, log: Path,
                     what: str, timeout: float = 60) -> None:
    """Poll until `ready()`; fail the test with the server's log if it dies or never answers."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.3)


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within `timeout` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
