"""What every browser test shares: Debian's Chromium, its arguments, a free loopback port.

One Playwright runs for the whole test session (the `browser` fixture in tests/conftest.py):
Playwright's sync API runs an event loop in the main thread, so a second one started beside it
(a fixture of another test directory) fails.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("SPINEEDU_CHROMIUM"), shutil.which("chromium"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None
