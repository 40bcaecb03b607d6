"""The class hub's configuration: safe by default, the test login only when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from hub_helpers import HUB_CONFIG
from traitlets.config import Config, PyFileConfigLoader


def load(monkeypatch, admins: str | None = "lee-teacher", **env: str) -> Config:
    for name in ("SPINEEDU_HUB_TEST", "SPINEEDU_HUB_IP", "SPINEEDU_HUB_PORT",
                 "SPINEEDU_HUB_LESSONS", "SPINEEDU_HUB_CULL_SECONDS", "SPINEEDU_HUB_SPAWNER",
                 "SPINEEDU_HUB_ADMINS"):
        monkeypatch.delenv(name, raising=False)
    if admins is not None:
        monkeypatch.setenv("SPINEEDU_HUB_ADMINS", admins)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader(HUB_CONFIG.name, path=str(HUB_CONFIG.parent)).load_config()


def test_by_default_students_sign_up_and_a_teacher_authorizes_them(monkeypatch):
    config = load(monkeypatch)
    assert config.JupyterHub.authenticator_class == "native"
    assert config.NativeAuthenticator.open_signup is False
    assert config.Authenticator.admin_users == {"lee-teacher"}


@pytest.mark.parametrize("admins", [None, "", " , "])
def test_the_hub_does_not_start_without_the_teachers_admin_names(monkeypatch, admins):
    """No default admin name: the first student to sign up as `teacher` would be admin."""
    with pytest.raises(SystemExit, match="set SPINEEDU_HUB_ADMINS"):
        load(monkeypatch, admins=admins)


def test_the_teachers_choose_the_admin_names(monkeypatch):
    config = load(monkeypatch, admins="lee-teacher, ta-kim,")
    assert config.Authenticator.admin_users == {"lee-teacher", "ta-kim"}


def test_jupyterhub_itself_refuses_to_start_and_says_what_to_set(tmp_path):
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("SPINEEDU_HUB_", "JUPYTERHUB_"))}
    done = subprocess.run([sys.executable, "-m", "jupyterhub", "-f", str(HUB_CONFIG)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "set SPINEEDU_HUB_ADMINS" in done.stderr
    assert not (tmp_path / "jupyterhub.sqlite").exists()  # stopped before creating anything


@pytest.mark.parametrize("value", ["", "0", "true", "yes"])
def test_only_the_explicit_test_flag_opens_the_test_login(monkeypatch, value):
    assert load(monkeypatch, SPINEEDU_HUB_TEST=value).JupyterHub.authenticator_class == "native"
    assert load(monkeypatch, SPINEEDU_HUB_TEST="1").JupyterHub.authenticator_class == "dummy"


def test_the_hub_listens_on_loopback_unless_told_otherwise(monkeypatch):
    assert load(monkeypatch).JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert load(monkeypatch, SPINEEDU_HUB_IP="0.0.0.0").JupyterHub.bind_url.startswith(
        "http://0.0.0.0:")


def test_students_get_jupyterlab_with_a_memory_limit(monkeypatch):
    config = load(monkeypatch)
    assert config.Spawner.default_url == "/lab"
    assert config.Spawner.mem_limit == "1G"


def test_on_one_machine_systemd_runs_each_student_as_a_separate_limited_user(monkeypatch):
    assert "spawner_class" not in load(monkeypatch).JupyterHub
    config = load(monkeypatch, SPINEEDU_HUB_SPAWNER="systemd")
    assert config.JupyterHub.spawner_class == "systemdspawner.SystemdSpawner"
    assert config.SystemdSpawner.dynamic_users is True
    assert config.SystemdSpawner.isolate_tmp is True


def test_idle_servers_are_culled_after_half_an_hour_by_a_service_with_its_scopes(monkeypatch):
    config = load(monkeypatch)
    (service,) = config.JupyterHub.services
    assert "--timeout=1800" in service["command"]
    (role,) = config.JupyterHub.load_roles
    assert role["services"] == [service["name"]]
    assert {"list:users", "read:users:activity", "read:servers", "delete:servers"} <= set(
        role["scopes"])


def test_lessons_are_copied_but_a_students_edits_are_kept(monkeypatch, tmp_path: Path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    (lessons / "00_start_here.ipynb").write_text("new lesson")
    (lessons / "01_overview.ipynb").write_text("new lesson")
    home = tmp_path / "home" / "alice"
    home.mkdir(parents=True)
    (home / "01_overview.ipynb").write_text("alice's notes")
    config = load(monkeypatch, SPINEEDU_HUB_LESSONS=str(lessons))
    config.Spawner.pre_spawn_hook(SimpleNamespace(home_dir=str(home)))
    assert (home / "00_start_here.ipynb").read_text() == "new lesson"
    assert (home / "01_overview.ipynb").read_text() == "alice's notes"
