"""A real Voilà server on 127.0.0.1, started with the project's own configuration, and a real
Chromium driven by Playwright.

Browser tests skip loudly where Chromium is missing, except in CI (CI=true), where they fail:
CI installs Debian's chromium and must never pass without having run them.
"""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import CHROMIUM_ARGS, chromium_path, free_port  # noqa: F401 (re-exported)

from spineedu.dashboard import REPO, server_environment, voila_command

ARTIFACTS = REPO / "tests" / "artifacts"
CULL_IDLE_SECONDS = 10  # short, so that the culling test finishes; voila.json keeps 300


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@dataclass
class DashboardServer:
    url: str
    process: subprocess.Popen
    log: Path
    started: float

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory) -> Iterator[DashboardServer]:
    port = free_port()
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    command = voila_command(port, open_browser=False, extra=[
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=1",
    ])
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=REPO, env=server_environment(),
                                   stdout=output, stderr=subprocess.STDOUT)
    server = DashboardServer(f"http://127.0.0.1:{port}", process, log, time.monotonic())
    deadline = time.monotonic() + 60
    try:
        while True:  # a static file: polling the render URL would start a kernel each time
            try:
                if http_status(f"{server.url}/voila/static/voila.js") == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Voilà did not start:\n{server.log_text()}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()
