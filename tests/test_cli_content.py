"""`--content DIR` on every command that reads content, and the checkout's own content by default
(issue 17 point 3): an educator tries an edit without touching the repository's content, and a
clone never answers quietly from another checkout's content."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from spineedu.cli import main
from spineedu.knowledge_base import DEFAULT_CONTENT_DIR

REPO = DEFAULT_CONTENT_DIR.parent
RULE = "noms-cebrt-radiosensitive-high-grade-escc"
PATIENT = ["--type", "breast-metastasis", "--stage", "oligometastatic", "--escc", "3"]


@pytest.fixture
def lowered(tmp_path):
    """A copy of the content with one rule lowered, as an educator would try it."""
    copy = tmp_path / "content"
    shutil.copytree(DEFAULT_CONTENT_DIR, copy)
    path = copy / "rules" / "noms.yaml"
    text = path.read_text()
    start = text.index(f"  - id: {RULE}\n")
    block = text[start:text.index("\n  - id: ", start + 1)]
    path.write_text(text.replace(block, block.replace("level: first-line", "level: consider")))
    return copy


def cebrt_level(output: str) -> str:
    plan = json.loads(output)
    return next(t["level"] for t in plan["treatments"] if t["id"] == "conventional-radiotherapy")


def test_recommend_reads_the_folder_given_and_says_so(lowered, capsys):
    assert main(["recommend", *PATIENT, "--json"]) == 0
    assert cebrt_level(capsys.readouterr().out) == "first-line"
    assert main(["recommend", *PATIENT, "--json", "--content", str(lowered)]) == 0
    out, err = capsys.readouterr()
    assert cebrt_level(out) == "consider"
    assert f"content from {lowered}" in err


def test_the_callers_content_is_restored_after_a_command(lowered, capsys):
    before = os.environ.get("SPINEEDU_CONTENT")
    main(["types", "--content", str(lowered)])
    capsys.readouterr()
    assert os.environ.get("SPINEEDU_CONTENT") == before
    assert main(["recommend", *PATIENT, "--json"]) == 0
    assert cebrt_level(capsys.readouterr().out) == "first-line"


@pytest.mark.parametrize("command", [
    ["types"], ["stages", "--type", "chordoma"], ["treatments"], ["whatif", *PATIENT],
    ["compare", "type=chordoma,stage=IB", "type=chordoma,stage=IIA"],
    ["score", "tomita", "--growth", "slow", "--visceral-mets", "none", "--bone-mets",
     "solitary"],
    ["validate"],
])
def test_every_content_command_takes_the_option(command, lowered, capsys):
    code = main([*command, "--content", str(lowered)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"content from {lowered}" in err


def test_a_folder_that_is_not_content_is_one_message_exit_1(tmp_path, capsys):
    assert main(["recommend", *PATIENT, "--content", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "nowhere" in err and "Traceback" not in err


def test_serve_refuses_invalid_content_given_on_the_command_line(tmp_path):
    (tmp_path / "content").mkdir()
    done = subprocess.run([sys.executable, "-m", "spineedu", "serve", "--no-browser",
                           "--content", str(tmp_path / "content")],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 1
    assert "not valid" in done.stderr and "not started" in done.stderr


def test_a_clone_answers_from_its_own_content(lowered, tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(lowered, clone / "content")
    subprocess.run(["git", "init", "-q"], cwd=clone, check=True)
    done = subprocess.run([sys.executable, "-m", "spineedu", "recommend", *PATIENT, "--json"],
                          capture_output=True, text=True, timeout=120, cwd=clone,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert cebrt_level(done.stdout) == "consider"
    assert f"content from {clone / 'content'}" in done.stderr
