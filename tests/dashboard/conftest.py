"""A real Voilà server on 127.0.0.1, started with the project's own configuration, for the
tests that drive it with Chromium (the `browser` and `page` fixtures are in tests/conftest.py)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from browser_support import RunningServer, answers, free_port, stop, wait_until_ready

from spineedu.dashboard import REPO, server_environment, voila_command

CULL_IDLE_SECONDS = 10  # short, so that the culling test finishes; voila.json keeps 300


@dataclass
class DashboardServer(RunningServer):
    started: float


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
    try:  # a static file: polling the render URL would start a kernel each time
        wait_until_ready(answers(f"{server.url}/voila/static/voila.js"), process, log, "Voilà")
        yield server
    finally:
        stop(process)
