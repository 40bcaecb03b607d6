"""Start the project's JupyterHub (deploy/jupyterhub/jupyterhub_config.py) for a test.

The hub runs in its test mode (SPINEEDU_HUB_TEST=1: DummyAuthenticator with a shared password)
on 127.0.0.1 free ports, with SimpleLocalProcessSpawner: every student's server runs as this
user, in its own home folder under the test's tmp_path, pre-filled with the lessons.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import RunningServer, answers, wait_until_ready

REPO = Path(__file__).resolve().parents[2]
HUB_CONFIG = REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD = "spineedu-class-test"


def require(ok: bool, message: str) -> None:
    """Skip loudly where a tool is missing, but FAIL in CI, which must never skip these."""
    if ok:
        return
    message += ": JupyterHub class tests NOT RUN."
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Hub(RunningServer):
    homes: Path


def hub_environment(port: int, test_mode: bool) -> dict[str, str]:
    """This checkout's spineedu and this venv's Jupyter for the hub and every student server."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("SPINEEDU_HUB_", "JUPYTERHUB_"))}
    if test_mode:
        env.update({"SPINEEDU_HUB_TEST": "1", "SPINEEDU_HUB_TEST_PASSWORD": PASSWORD})
    env.update({
        "SPINEEDU_HUB_PORT": str(port),
        "SPINEEDU_HUB_ADMINS": "teacher",  # the hub refuses to start without admin names
        "SPINEEDU_HUB_LESSONS": str(REPO / "notebooks"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    })
    return env


def start_hub(workdir: Path, ports: tuple[int, int, int], test_mode: bool = True) -> Hub:
    """Start the hub (public, hub API, proxy API ports) and wait until /hub/health answers.

    test_mode=False is the hub exactly as a class gets it: NativeAuthenticator, no test login.
    """
    public, hub_api, proxy_api = ports
    homes = workdir / "home"
    homes.mkdir()
    log = workdir / "jupyterhub.log"
    command = [
        sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG),
        "--JupyterHub.spawner_class=jupyterhub.spawner.SimpleLocalProcessSpawner",
        f"--SimpleLocalProcessSpawner.home_dir_template={homes}/{{username}}",
        f"--JupyterHub.hub_port={hub_api}",
        f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{proxy_api}",
        f"--JupyterHub.cookie_secret_file={workdir / 'jupyterhub_cookie_secret'}",
        f"--JupyterHub.db_url=sqlite:///{workdir / 'jupyterhub.sqlite'}",
        f"--ConfigurableHTTPProxy.pid_file={workdir / 'proxy.pid'}",
    ]
    if os.geteuid() == 0:  # CI and containers: Jupyter Server refuses root without this
        command.append("--Spawner.args=--allow-root")
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=workdir, env=hub_environment(public, test_mode),
                                   stdout=output, stderr=subprocess.STDOUT)
    hub = Hub(f"http://127.0.0.1:{public}", process, log, homes)
    try:
        wait_until_ready(answers(f"{hub.url}/hub/health"), process, log, "JupyterHub")
    except BaseException:
        stop_hub(hub)
        raise
    return hub


def stop_hub(hub: Hub) -> None:
    """SIGTERM: the hub then stops the students' servers, the culler and the proxy it started.

    Should it hang, the hub and whatever it started are killed: each runs in its own session,
    so nothing else would end them.
    """
    import psutil  # a dependency of jupyterhub

    started = psutil.Process(hub.process.pid).children(recursive=True)
    hub.process.terminate()
    try:
        hub.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        hub.process.kill()
        hub.process.wait()
    for child in started:
        with contextlib.suppress(psutil.NoSuchProcess):
            child.kill()
