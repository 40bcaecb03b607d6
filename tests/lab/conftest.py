"""A real JupyterLab on 127.0.0.1, started the way `spineedu lab` starts it, on a workspace of
lesson copies in a temporary directory, and a real Chromium driven by Playwright.

Like the dashboard's browser tests, these skip loudly where Chromium is missing, except in CI
(CI=true), where they fail.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from spineedu.dashboard import REPO, server_environment
from spineedu.lab import lab_command, prepare_workspace


def _dashboard_conftest():
    """tests/dashboard/conftest.py under a name of its own: pytest keeps "conftest" for
    whichever conftest it imported last."""
    path = Path(__file__).resolve().parent.parent / "dashboard" / "conftest.py"
    spec = importlib.util.spec_from_file_location("spineedu_dashboard_conftest", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


_shared = _dashboard_conftest()
ARTIFACTS, CHROMIUM_ARGS = _shared.ARTIFACTS, _shared.CHROMIUM_ARGS
chromium_path, free_port = _shared.chromium_path, _shared.free_port
# no toasts over the menus, and no calls to the internet, while the tests drive JupyterLab
QUIET_LAB = {"checkForUpdates": False, "fetchNews": "false"}


@dataclass
class LabServer:
    url: str
    workspace: Path
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


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
    deadline = time.monotonic() + 90
    try:
        while True:
            try:
                if _status(f"{server.url}/api/status") == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{server.log_text()}")
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


@pytest.fixture(scope="session")
def repository() -> Path:
    return REPO
