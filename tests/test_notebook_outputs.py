"""The lessons' stored outputs in a stable form (spineedu/notebook_outputs.py), and the plain line a
failing lesson adds to its nbval report (spineedu/pytest_lessons.py)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from spineedu.notebook_outputs import (
    WIDGET_STATE,
    WIDGET_VIEW,
    main,
    normalise,
    normalise_file,
    regenerate_hint,
)

REPO = Path(__file__).resolve().parent.parent
LESSONS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _model(name: str, **state: Any) -> dict[str, Any]:
    return {"model_module": "@jupyter-widgets/controls", "model_module_version": "2.0.0",
            "model_name": name, "state": {"_model_name": name, **state}}


def _view(model_id: str) -> dict[str, Any]:
    return {"output_type": "display_data", "metadata": {},
            "data": {WIDGET_VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
                     "text/plain": ["The quiz is an interactive widget"]}}


def _run(seed: int, extra_child: bool = False) -> dict[str, Any]:
    """A notebook as nbconvert stores it after one run: random model ids (the same structure
    for every seed), timestamps, a box with two children, an Output widget showing a widget."""
    ids = iter(uuid.UUID(int=(seed << 64) + n).hex for n in range(1, 100))
    box, html, button, layout, out, inner, link = (next(ids) for _ in range(7))
    children = [f"IPY_MODEL_{html}", f"IPY_MODEL_{button}"]
    state = {
        box: _model("VBoxModel", children=children, layout=f"IPY_MODEL_{layout}"),
        html: _model("HTMLModel", value="<b>plan</b>", layout=f"IPY_MODEL_{layout}"),
        button: _model("ButtonModel", description="Check"),
        layout: _model("LayoutModel"),
        out: _model("OutputModel", msg_id=f"msg-{seed}", outputs=[_view(inner)]),
        inner: _model("HTMLModel", value="inside"),
        link: _model("LinkModel", source=[f"IPY_MODEL_{button}", "description"],
                     target=[f"IPY_MODEL_{html}", "value"]),
    }
    if extra_child:
        extra = next(ids)
        state[extra] = _model("HTMLModel", value="new")
        children.append(f"IPY_MODEL_{extra}")
    timing = {"iopub.execute_input": f"2026-01-0{seed}T10:00:00Z",
              "shell.execute_reply": f"2026-01-0{seed}T10:00:01Z"}
    return {
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"language_info": {"name": "python", "version": f"3.11.{seed}"},
                     "widgets": {WIDGET_STATE: {"version_major": 2, "version_minor": 0,
                                                "state": dict(sorted(state.items()))}}},
        "cells": [
            {"cell_type": "markdown", "id": "intro", "metadata": {}, "source": ["# Quiz"]},
            {"cell_type": "code", "id": "quiz", "execution_count": 1, "source": ["quiz"],
             "metadata": {"execution": timing, "tags": ["nbval-ignore-output"]},
             "outputs": [_view(box)]},
            {"cell_type": "code", "id": "out", "execution_count": 2, "source": ["out"],
             "metadata": {"execution": timing}, "outputs": [_view(out)]},
        ],
    }


def _references_resolve(notebook: dict[str, Any]) -> None:
    state = notebook["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    text = json.dumps(notebook)
    for model_id in {part[:32] for part in text.split("IPY_MODEL_")[1:]}:
        assert model_id in state, f"IPY_MODEL_{model_id} refers to no stored model"
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                assert output["data"][WIDGET_VIEW]["model_id"] in state


def test_two_runs_of_unchanged_content_store_the_same_notebook():
    first, second = normalise(_run(1)), normalise(_run(2))
    assert first == second
    assert json.dumps(_run(1)) != json.dumps(_run(2))  # they did differ before


def test_every_reference_still_resolves_so_stored_widgets_are_drawn():
    stable = normalise(_run(1))
    _references_resolve(stable)
    state = stable["metadata"]["widgets"][WIDGET_STATE]["state"]
    assert len(state) == 7
    assert all(len(model_id) == 32 and int(model_id, 16) >= 0 for model_id in state)
    # the widget inside the Output widget's outputs was renamed with it
    out = next(m for m in state.values() if m["model_name"] == "OutputModel")
    assert out["state"]["outputs"][0]["data"][WIDGET_VIEW]["model_id"] in state
    assert out["state"]["msg_id"] == ""


def test_timestamps_and_python_version_go_and_what_students_and_nbval_need_stays():
    before = _run(1)
    stable = normalise(before)
    for cell in stable["cells"]:
        assert "execution" not in cell["metadata"]
    assert stable["cells"][1]["metadata"]["tags"] == ["nbval-ignore-output"]
    # nbval compares only the cells that have an execution count
    assert [c.get("execution_count") for c in stable["cells"]] == [None, 1, 2]
    assert stable["metadata"]["language_info"] == {"name": "python"}
    html = [m for m in stable["metadata"]["widgets"][WIDGET_STATE]["state"].values()
            if m["model_name"] == "HTMLModel"]
    assert sorted(m["state"]["value"] for m in html) == ["<b>plan</b>", "inside"]
    assert before == _run(1)  # the argument is not changed


def test_normalising_twice_changes_nothing():
    once = normalise(_run(1))
    assert normalise(once) == once


def test_a_new_widget_renames_no_other_model():
    old = normalise(_run(1))["metadata"]["widgets"][WIDGET_STATE]["state"]
    new = normalise(_run(2, extra_child=True))["metadata"]["widgets"][WIDGET_STATE]["state"]
    assert set(old) < set(new) and len(new) == len(old) + 1
    changed = [model_id for model_id in old if old[model_id] != new[model_id]]
    assert [old[m]["model_name"] for m in changed] == ["VBoxModel"]  # its children list only


def test_a_model_no_view_leads_to_is_named_from_its_content():
    first, second = _run(1), _run(2)
    for seed, run in enumerate((first, second)):
        state = run["metadata"]["widgets"][WIDGET_STATE]["state"]
        state[f"{seed:032x}"] = _model("LayoutModel", width="50%")
    assert normalise(first) == normalise(second)
    _references_resolve(normalise(first))


def test_the_file_is_written_as_nbformat_writes_it(tmp_path):
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps(_run(1), indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    assert normalise_file(path) is True
    written = path.read_text()
    assert normalise_file(path) is False and path.read_text() == written
    nbformat = pytest.importorskip("nbformat")
    assert nbformat.writes(nbformat.reads(written, as_version=4)) + "\n" == written


def test_check_names_the_lessons_not_in_the_stable_form(tmp_path, capsys):
    path = tmp_path / "lesson.ipynb"
    path.write_text(json.dumps(_run(1)))
    assert main(["--check", str(path)]) == 1
    assert f"{path}: not in the stable form" in capsys.readouterr().out
    assert path.read_text() == json.dumps(_run(1))  # --check changes nothing
    assert main([str(path)]) == 0 and main(["--check", str(path)]) == 0


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.name)
def test_the_stored_lessons_are_in_the_stable_form(lesson):
    assert not normalise_file(lesson, check=True), (
        f"{lesson.relative_to(REPO)} is not in the stable form: run `make notebooks` (it "
        "normalises after nbconvert) and commit the lessons")
    _references_resolve(json.loads(lesson.read_text()))


def test_the_hint_says_which_lesson_and_what_to_run():
    lesson = "notebooks/06_cases.ipynb"
    differ = regenerate_hint(lesson, "Cell outputs differ")
    assert differ.startswith("Lesson notebooks/06_cases.ipynb: its stored outputs differ "
                             "from a fresh run. If you changed content/, run `make notebooks` "
                             "and commit the lessons")
    failed = regenerate_hint(lesson, "Cell execution caused an exception")
    assert "a cell failed" in failed and "`make notebooks` alone does not fix this" in failed


STALE_LESSON = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                "language": "python"}},
    "cells": [
        {"cell_type": "code", "id": "fine", "execution_count": 1, "metadata": {},
         "source": ["print('the same')"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["the same\n"]}]},
        {"cell_type": "code", "id": "stale", "execution_count": 2, "metadata": {},
         "source": ["print('first-line')"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["consider\n"]}]},
        {"cell_type": "code", "id": "broken", "execution_count": 3, "metadata": {},
         "source": ["{}['a-removed-treatment']"], "outputs": []},
    ],
}


def test_a_failing_lesson_tells_the_educator_what_to_run(tmp_path):
    """nbval itself, on a lesson whose stored output is stale and whose last cell fails."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_stale.ipynb").write_text(json.dumps(copy.deepcopy(STALE_LESSON)))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "spineedu.pytest_lessons",
         "--nbval",
         "--nbval-current-env", "-rf", "--color=no", "notebooks"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    output = run.stdout
    assert run.returncode == 1, output + run.stderr
    assert "1 passed" in output and "2 failed" in output
    assert ("Lesson notebooks/01_stale.ipynb: its stored outputs differ from a fresh run. If you "
            "changed content/, run `make notebooks` and commit the lessons") in output
    assert "Lesson notebooks/01_stale.ipynb: a cell failed when the lesson was run fresh" in output
    summary = output.split("Lessons that did not run as stored")[1]
    assert "(Cell 1)" in summary and "(Cell 2)" in summary
    assert "FAILED notebooks/01_stale.ipynb::Cell 1 - Lesson notebooks/01_stale.ipynb" in output
