"""JupyterHub for a SpineEdu class: one JupyterLab (and Voilà) server per student.

Run from the repository root:  jupyterhub -f deploy/jupyterhub/jupyterhub_config.py
See deploy/jupyterhub/README.md for the course setup and for larger classes.

Environment variables (all optional but the first):
  SPINEEDU_HUB_IP, SPINEEDU_HUB_PORT  where the hub listens (default 127.0.0.1:8000: put a
                                      TLS-terminating reverse proxy in front for a real class)
  SPINEEDU_HUB_ADMINS                 REQUIRED: comma-separated teacher accounts; the hub does
                                      not start without it (no default name to race for)
  SPINEEDU_HUB_SPAWNER=systemd        one server per student as a transient systemd user,
                                      memory limit enforced (needs jupyterhub-systemdspawner)
  SPINEEDU_HUB_CULL_SECONDS           idle servers are stopped after this (default 1800)
  SPINEEDU_HUB_LESSONS                a folder whose notebooks are copied into each student's
                                      home before their server starts (missing files only)
  SPINEEDU_HUB_TEST=1                 TESTS ONLY: any name with the test password logs in
  SPINEEDU_HUB_TEST_PASSWORD          the password of that test mode (default "spineedu-test")
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

c = get_config()  # noqa: F821  (injected by JupyterHub's config loader)

REPO = Path(__file__).resolve().parents[2]
TEST_MODE = os.environ.get("SPINEEDU_HUB_TEST") == "1"

# --- where it listens: loopback unless the deployer says otherwise ---------------------------
c.JupyterHub.bind_url = (
    f"http://{os.environ.get('SPINEEDU_HUB_IP', '127.0.0.1')}:"
    f"{os.environ.get('SPINEEDU_HUB_PORT', '8000')}"
)
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's API is only for the proxy and the servers

# configurable-http-proxy comes from npm (package.json); `npm ci` puts it here
_local_proxy = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [
    str(_local_proxy) if _local_proxy.exists() else "configurable-http-proxy"
]

# --- who may log in ----------------------------------------------------------------------
# Whoever first signs up with an admin name becomes that admin: a default name ("teacher") is a
# race any student can win, so the teacher must choose the names before the hub starts.
admins = {name.strip() for name in os.environ.get("SPINEEDU_HUB_ADMINS", "").split(",")} - {""}
if not admins:
    sys.exit("SpineEdu hub: set SPINEEDU_HUB_ADMINS to the teachers' account names before the "
             "first start (e.g. SPINEEDU_HUB_ADMINS=lee-teacher,ta-kim), then sign up with "
             "those names before giving students the link; the hub is not started.")
c.Authenticator.admin_users = admins
if TEST_MODE:
    # Only when a test asks for it explicitly: DummyAuthenticator lets anyone in.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ.get("SPINEEDU_HUB_TEST_PASSWORD", "spineedu-test")
else:
    # Students sign up at /hub/signup; a teacher (an admin user) authorizes each account at
    # /hub/authorize before it can log in. The teacher signs up first, with an admin name.
    c.JupyterHub.authenticator_class = "native"
    c.NativeAuthenticator.open_signup = False
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 600
# JupyterHub 5+ lets nobody in without some allow rule. Both authenticators gate on their own
# (NativeAuthenticator only authenticates accounts a teacher authorized), so: all of those.
c.Authenticator.allow_all = True

# --- each student's server ---------------------------------------------------------------
# NativeAuthenticator accounts are not Unix users: JupyterHub's default LocalProcessSpawner
# only starts a student who also has a Unix account of the same name (useradd). On one machine
# prefer SPINEEDU_HUB_SPAWNER=systemd (pip install jupyterhub-systemdspawner; root + systemd):
# each student runs as a transient Unix user, and the limits below are enforced. On Kubernetes
# KubeSpawner does the same (Zero to JupyterHub). The test overrides the spawner.
if os.environ.get("SPINEEDU_HUB_SPAWNER") == "systemd":
    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.dynamic_users = True  # no accounts to create; home in /var/lib/private
    c.SystemdSpawner.isolate_tmp = True  # students do not see each other's /tmp
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
c.Spawner.default_url = "/lab"  # JupyterLab; Voilà is at /user/<name>/voila/render/<nb>
# Enforced by SystemdSpawner (cgroups) and KubeSpawner (pod limit). LocalProcessSpawner and
# SimpleLocalProcessSpawner do NOT enforce it: they only pass MEM_LIMIT to the server.
c.Spawner.mem_limit = "1G"
c.Spawner.cpu_limit = 1.0  # the same: enforced by SystemdSpawner and KubeSpawner only


def copy_lessons(spawner: Any) -> None:
    """Give a student the lessons when no nbgitpuller link is used (offline room, the test).

    Only missing notebooks are copied: a student's edited lesson is never overwritten.
    """
    lessons = os.environ.get("SPINEEDU_HUB_LESSONS")
    home = getattr(spawner, "home_dir", None)  # SimpleLocalProcessSpawner's per-user folder
    if not lessons or not home:
        return
    target = Path(home)
    target.mkdir(parents=True, exist_ok=True)
    for notebook in sorted(Path(lessons).glob("*.ipynb")):
        if not (target / notebook.name).exists():
            shutil.copy2(notebook, target / notebook.name)


c.Spawner.pre_spawn_hook = copy_lessons

# --- stop idle servers so that a class does not exhaust the machine ------------------------
CULL_SECONDS = int(os.environ.get("SPINEEDU_HUB_CULL_SECONDS", "1800"))
c.JupyterHub.services = [{
    "name": "jupyterhub-idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={CULL_SECONDS}"],
}]
# JupyterHub 2+ grants a service nothing by default: the culler needs exactly these scopes
c.JupyterHub.load_roles = [{
    "name": "jupyterhub-idle-culler-role",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["jupyterhub-idle-culler"],
}]
