"""Every lesson in JupyterLab as a student meets it after `spineedu lab`: opened, Run All, the
widgets drawn, no error or widget repr anywhere; a lesson saved, closed with its kernel shut down
and reopened still shows its widgets; and the repository's lessons are never touched.

Driven through JupyterLab's own menus and shortcuts, as JupyterLab's Galata tests drive it.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import ARTIFACTS
from playwright.sync_api import Page, expect

from spineedu.dashboard import NOTEBOOKS
from spineedu.views.widget_bundle import WIDGET_VIEW

LESSONS = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
WITH_WIDGETS = {"02_treatment_explorer.ipynb", "03_radiation_technologies.ipynb",
                "06_cases.ipynb", "08_scores.ipynb"}
WITH_TABLES = {"03_radiation_technologies.ipynb", "04_surgery_and_interventional.ipynb",
               "05_systemic_and_targeted.ipynb", "08_scores.ipynb", "09_python_api.ipynb"}
FIRST_COLUMN = (".jp-OutputArea table.spineedu-table td:first-child, "
                ".jp-OutputArea table.spineedu-table th:first-child")
WIDGET = ".jp-OutputArea-output .widget-vbox"  # every SpineEdu front end is a VBox
NEVER_SHOWN = ("Error displaying widget", "Traceback", "VBox(children=")
FRIENDLY = "is an interactive widget"
RUN_TIMEOUT = 120_000
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def click_menu(page: Page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=menu).first.click()
    page.locator(".lm-Menu-itemLabel").get_by_text(item, exact=True).click()


def open_lesson(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/lab/tree/{name}?reset")  # ?reset: no tabs left over from another test
    expect(page.locator(".jp-NotebookPanel .jp-Cell").first).to_be_visible()
    wait_idle(page)


def wait_idle(page: Page) -> None:
    """The kernel is connected and idle (the status bar says so; the toolbar's indicator says
    idle before there is a kernel at all) and nothing is left to run (no cell shows [*])."""
    expect(page.locator("#jp-main-statusbar").get_by_text("| Idle")).to_be_visible(
        timeout=RUN_TIMEOUT)
    expect(page.locator(".jp-InputPrompt", has_text="[*]")).to_have_count(0, timeout=RUN_TIMEOUT)


def run_all(page: Page) -> None:
    click_menu(page, "Run", "Run All Cells")
    wait_idle(page)
    # every code cell ran in this kernel: outputs were cleared and written again
    unrun = page.locator(".jp-CodeCell .jp-InputPrompt").filter(has_not_text=re.compile(r"\[\d+\]"))
    expect(unrun).to_have_count(0)


def api(url: str, path: str, method: str = "GET") -> Any:
    request = urllib.request.Request(f"{url}/api/{path}", method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def wait_for(condition: Callable[[], bool], message: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(0.2)


def outputs_text(page: Page) -> str:
    return "\n".join(page.locator(".jp-OutputArea").all_text_contents())


def assert_nothing_broken(page: Page) -> None:
    text = outputs_text(page)
    for shown in NEVER_SHOWN:
        assert shown not in text, f"{shown!r} in the outputs:\n{text[:2000]}"


@pytest.fixture(autouse=True)
def one_kernel_at_a_time(jupyterlab) -> Iterator[None]:
    """Two cores: every test's kernels are shut down, and gone, before the next test opens a
    lesson (a dying kernel would otherwise be handed its Run All)."""
    yield
    for session in api(jupyterlab.url, "sessions"):
        api(jupyterlab.url, f"sessions/{session['id']}", method="DELETE")
    wait_for(lambda: api(jupyterlab.url, "kernels") == [], "the kernels did not shut down")


@pytest.mark.parametrize("name", LESSONS)
def test_lesson_runs_in_jupyterlab(name, jupyterlab, page):
    open_lesson(page, jupyterlab.url, name)
    if name in WITH_WIDGETS:  # before running: the widgets from the state saved with the lesson
        expect(page.locator(WIDGET).or_(page.get_by_text(FRIENDLY)).first).to_be_visible()
    assert_nothing_broken(page)
    run_all(page)
    if name in WITH_WIDGETS:
        expect(page.locator(WIDGET).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / f"lab-{name.removesuffix('.ipynb')}.png"))
    assert_nothing_broken(page)
    # JupyterLab right-aligns table cells unless the cell says otherwise
    aligned = page.eval_on_selector_all(FIRST_COLUMN,
                                        "cells => cells.map(c => getComputedStyle(c).textAlign)")
    assert set(aligned) <= {"left"}, aligned
    assert aligned or name not in WITH_TABLES


def test_saved_lesson_reopens_with_its_widgets(jupyterlab, page):
    name = "02_treatment_explorer.ipynb"
    open_lesson(page, jupyterlab.url, name)
    run_all(page)
    expect(page.locator(WIDGET).first).to_be_visible()
    page.locator(".jp-NotebookPanel .jp-Cell").first.click()
    page.keyboard.press("Control+s")
    expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)
    saved = json.loads((jupyterlab.workspace / name).read_text())
    state = saved["metadata"].get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    shown = {output["data"][WIDGET_VIEW]["model_id"] for cell in saved["cells"]
             for output in cell.get("outputs", []) if WIDGET_VIEW in output.get("data", {})}
    assert shown and shown <= set(state), "the widgets' state was not saved with the notebook"

    click_menu(page, "File", "Close Tab")
    expect(page.locator(".jp-NotebookPanel")).to_have_count(0)
    # as after a restart of `spineedu lab`: a new kernel knows none of the widgets, so only
    # the state saved with the notebook can draw them
    click_menu(page, "Kernel", "Shut Down All Kernels…")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    expect(page.locator(".jp-Dialog")).to_have_count(0)
    wait_for(lambda: api(jupyterlab.url, "kernels") == [], "the kernels did not shut down")
    open_lesson(page, jupyterlab.url, name)
    expect(page.locator(WIDGET).or_(page.get_by_text(FRIENDLY)).first).to_be_visible()
    page.wait_for_timeout(1000)  # "model not found" would be written once restoring finished
    page.screenshot(path=str(ARTIFACTS / "lab-02-reopened.png"))
    assert_nothing_broken(page)


def test_lessons_in_the_repository_untouched(jupyterlab, repository):
    changed = subprocess.run(["git", "status", "--porcelain", "notebooks"], cwd=repository,
                             capture_output=True, text=True, check=True).stdout
    assert changed == "", f"the lessons in the repository changed:\n{changed}"
