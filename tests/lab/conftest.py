"""A real JupyterLab on 127.0.0.1, started the way `spineedu lab` starts it, on a workspace of
lesson copies in a temporary directory, and a real Chromium driven by Playwright.

The `browser` and `page` fixtures are the session's own (tests/conftest.py): they skip loudly
where Chromium is missing, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, answers, free_port, stop, wait_until_ready

from spineedu.dashboard import REPO, server_environment
from spineedu.lab import lab_command, prepare_workspace

# no toasts over the menus, and no calls to the internet, while the tests drive JupyterLab
QUIET_LAB = {"checkForUpdates": False, "fetchNews": "false"}


@dataclass
class LabServer:
    url: str
    workspace: Path
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory) -> Iterator[LabServer]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    root = tmp_path_factory.mktemp("lab")
    workspace, data_dir = root / "workspace", root / "jupyter-data"
    # signatures and Jupyter config of the test's own: the user's are never read or written
    prepared = prepare_workspace(workspace, data_dir=data_dir)
    notification = (prepared.settings_dir / "@jupyterlab" / "apputils-extension"
                    / "notification.jupyterlab-settings")
    notification.parent.mkdir(parents=True, exist_ok=True)
    notification.write_text(json.dumps(QUIET_LAB))
    env = server_environment()
    env.update(JUPYTER_DATA_DIR=str(data_dir), JUPYTER_CONFIG_DIR=str(root / "jupyter-config"))
    port = free_port()
    command = lab_command(workspace, port, open_browser=False, extra=[
        # no auth on 127.0.0.1, and no XSRF check, so the tests' REST calls can shut kernels down
        "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
        "--allow-root",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ])
    log = root / "jupyterlab.log"
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=workspace, env=env, stdout=output,
                                   stderr=subprocess.STDOUT)
    server = LabServer(f"http://127.0.0.1:{port}", workspace, log)
    try:
        wait_until_ready(answers(f"{server.url}/api/status"), process, log, "JupyterLab",
                         timeout=90)
        yield server
    finally:
        stop(process)


@pytest.fixture(scope="session")
def repository() -> Path:
    return REPO
