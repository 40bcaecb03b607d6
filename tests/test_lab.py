"""`spineedu lab` prepares a workspace of trusted copies with widget state saved, without a
server; the browser test (tests/lab/) runs JupyterLab itself."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.sign import NotebookNotary

from spineedu.cli import EXIT_USAGE, main
from spineedu.dashboard import NOTEBOOKS
from spineedu.lab import WIDGET_SETTINGS, lab_command, prepare_workspace

LESSONS = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture
def data_dir(tmp_path):
    """A signature store of the test's own, so tests never touch the user's."""
    return tmp_path / "jupyter-data"


def trusted(path, data_dir) -> bool:
    """As the server will see it: a notary of its own reading the store on disk."""
    notary = NotebookNotary(data_dir=str(data_dir))
    return notary.check_signature(nbformat.read(path, as_version=4))


def test_workspace_gets_a_trusted_copy_of_every_lesson(tmp_path, data_dir):
    prepared = prepare_workspace(tmp_path / "workspace", data_dir=data_dir)
    assert prepared.copied == LESSONS and prepared.kept == []
    for name in LESSONS:
        copy = tmp_path / "workspace" / name
        assert copy.read_bytes() == (NOTEBOOKS / name).read_bytes()
        assert trusted(copy, data_dir), name


def test_a_students_copy_is_kept(tmp_path, data_dir):
    workspace = tmp_path / "workspace"
    prepare_workspace(workspace, data_dir=data_dir)
    mine = workspace / LESSONS[2]
    notebook = nbformat.read(mine, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("My notes"))
    nbformat.write(notebook, mine)

    prepared = prepare_workspace(workspace, data_dir=data_dir)
    assert prepared.copied == [] and prepared.kept == LESSONS
    assert "My notes" in mine.read_text()
    assert trusted(mine, data_dir)


def test_widget_state_is_saved_with_the_notebook(tmp_path, data_dir):
    prepared = prepare_workspace(tmp_path / "workspace", data_dir=data_dir)
    settings = prepared.settings_dir / WIDGET_SETTINGS
    assert json.loads(settings.read_text()) == {"saveState": True}
    command = lab_command(prepared.directory, 8899, open_browser=False)
    assert f"--LabApp.user_settings_dir={prepared.settings_dir}" in command
    assert "--ServerApp.ip=127.0.0.1" in command and "--no-browser" in command


def test_a_students_other_widget_settings_are_kept(tmp_path, data_dir):
    settings = tmp_path / "workspace" / ".jupyter-settings" / WIDGET_SETTINGS
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"saveState": False, "other": 1}))
    prepare_workspace(tmp_path / "workspace", data_dir=data_dir)
    assert json.loads(settings.read_text()) == {"saveState": True, "other": 1}


@pytest.mark.parametrize("port", ["0", "70000"])
def test_bad_port_is_refused_with_a_message(port, tmp_path, capsys):
    assert main(["lab", "--port", port, "--workspace", str(tmp_path / "w")]) == EXIT_USAGE
    assert "--port must be from 1 to 65535" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()  # refused before anything was copied


def test_as_root_without_allow_root_it_says_what_to_do_and_starts_nothing(
        tmp_path, monkeypatch, capsys):
    """JupyterLab's own refusal of root is a bare exit; SpineEdu says what to type instead."""
    monkeypatch.setattr("os.geteuid", lambda: 0)
    workspace = tmp_path / "workspace"
    assert main(["lab", "--no-browser", "--workspace", str(workspace)]) == EXIT_USAGE
    error = capsys.readouterr().err
    assert "spineedu lab --allow-root" in error and "make lab LAB_ARGS=--allow-root" in error
    assert not workspace.exists()
