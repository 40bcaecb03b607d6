"""`spineedu lab`: the lessons in JupyterLab for students, in a workspace of copies.

Students save their work, so JupyterLab opens copies of notebooks/ in a git-ignored workspace
(~/spineedu-workspace when installed from a wheel, spineedu/package_files.py):
saving never dirties the repository's lessons, and a student's copy is never overwritten. The
copies are trusted (signed), or JupyterLab would show the widgets' plain-text fallback instead of
the widgets. JupyterLab reads its user settings from the workspace, where the widget manager's
`saveState` is on: a saved lesson keeps its widgets' state, so reopening it shows the widgets,
not "Error displaying widget: model not found".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from jupyter_core.paths import jupyter_data_dir
from nbformat.sign import NotebookNotary

from spineedu.dashboard import NOTEBOOKS, server_environment
from spineedu.package_files import WORKSPACE

SETTINGS_DIR = ".jupyter-settings"  # hidden from JupyterLab's file browser
LAYOUTS_DIR = ".jupyter-workspaces"  # JupyterLab's open tabs, per workspace
WIDGET_SETTINGS = Path("@jupyter-widgets") / "jupyterlab-manager" / "plugin.jupyterlab-settings"


@dataclass
class PreparedWorkspace:
    directory: Path
    copied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def settings_dir(self) -> Path:
        return self.directory / SETTINGS_DIR


def _write_widget_settings(settings_dir: Path) -> None:
    """saveState on, keeping any other widget-manager setting the student chose."""
    path = settings_dir / WIDGET_SETTINGS
    settings: dict = {}
    if path.exists():
        try:
            settings = json.loads(path.read_text())
        except ValueError:  # JSON5 with comments from the settings editor: start afresh
            settings = {}
    if settings.get("saveState") is True:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({**settings, "saveState": True}, indent=2) + "\n")


def prepare_workspace(workspace: Path = WORKSPACE, lessons: Path = NOTEBOOKS,
                      data_dir: Path | None = None) -> PreparedWorkspace:
    """Copy the lessons a student does not have yet, trust every lesson copy (what `jupyter
    trust` does, in the signature store of Jupyter's data directory, or of `data_dir`) and
    switch the widget manager's saveState on."""
    prepared = PreparedWorkspace(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    data_dir = data_dir or Path(jupyter_data_dir())
    # before the notary opens its store: in a missing directory it would sign in memory only
    data_dir.mkdir(parents=True, exist_ok=True)
    notary = NotebookNotary(data_dir=str(data_dir))
    for lesson in sorted(lessons.glob("*.ipynb")):
        copy = workspace / lesson.name
        if copy.exists():
            prepared.kept.append(lesson.name)
        else:
            shutil.copyfile(lesson, copy)
            prepared.copied.append(lesson.name)
        notebook = nbformat.read(copy, as_version=4)
        if not notary.check_signature(notebook):
            notary.sign(notebook)
    _write_widget_settings(prepared.settings_dir)
    return prepared


def lab_command(workspace: Path, port: int, open_browser: bool,
                extra: Sequence[str] = ()) -> list[str]:
    """JupyterLab on 127.0.0.1 only, on exactly this port, rooted in the workspace."""
    command = [
        sys.executable, "-m", "jupyterlab", f"--port={port}", "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={workspace}",
        f"--LabApp.user_settings_dir={workspace / SETTINGS_DIR}",
        f"--LabApp.workspaces_dir={workspace / LAYOUTS_DIR}",
    ]
    if not open_browser:
        command.append("--no-browser")
    return [*command, *extra]


ROOT_REFUSED = (
    "spineedu lab: you are root, and JupyterLab refuses to run as root (it would exit at once "
    "with 'Running as root is not recommended'). Run it as an ordinary user, or, in a container "
    "where root is the only user, say so: `spineedu lab --allow-root` "
    "(`make lab LAB_ARGS=--allow-root`).")


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab(port: int = 8888, open_browser: bool = True, workspace: Path = WORKSPACE,
        allow_root: bool = False) -> int:
    """JupyterLab on the workspace; as root only when asked (`allow_root`), else exit 2 with
    what to do instead of JupyterLab's bare refusal."""
    if running_as_root() and not allow_root:
        print(ROOT_REFUSED, file=sys.stderr)
        return 2
    prepared = prepare_workspace(workspace)
    print(f"SpineEdu: your workspace is {workspace} (your copies of the lessons; saving there "
          "never changes the lessons in the repository)")
    if prepared.copied:
        print(f"  copied: {', '.join(prepared.copied)}")
    if prepared.kept:
        print(f"  kept your copy of: {', '.join(prepared.kept)}")
    print(f"Starting JupyterLab on http://127.0.0.1:{port}/: it prints its address with a login "
          "token below (Ctrl-C stops the server)", flush=True)
    try:
        extra = ["--allow-root"] if allow_root else []
        return subprocess.call(lab_command(workspace, port, open_browser, extra),
                               cwd=workspace, env=server_environment())
    except KeyboardInterrupt:
        return 0
