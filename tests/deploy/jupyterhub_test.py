"""A class on JupyterHub: two students log in through the hub's real login form, each runs the
treatment explorer in their own JupyterLab and in Voilà inside their own server, and neither
can reach the other's kernels.

The hub is the project's (deploy/jupyterhub/jupyterhub_config.py) in its explicit test mode.
Skips loudly without jupyterhub, configurable-http-proxy (npm ci) or Chromium; fails in CI.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator

import pytest
from browser_support import ARTIFACTS, free_port
from hub_helpers import (
    PASSWORD,
    PROXY,
    Hub,
    require,
    start_hub,
    stop_hub,
)

STUDENTS = ("alice", "bob")
EXPLORER = "02_treatment_explorer.ipynb"
SPAWN_TIMEOUT = 90_000  # ms: a student's first server start on a busy 2-core machine



@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Iterator[Hub]:
    require(importlib.util.find_spec("jupyterhub") is not None,
            "jupyterhub not installed (pip install -e '.[test,deploy]')")
    require(PROXY.exists(), f"{PROXY} missing (npm ci)")
    ports = (free_port(), free_port(), free_port())
    started = start_hub(tmp_path_factory.mktemp("hub"), ports)
    yield started
    stop_hub(started)


@pytest.fixture(scope="module")
def students(hub: Hub, browser) -> Iterator[dict]:
    """One browser context per student (separate cookies), each logged in via the form."""
    contexts = {}
    for name in STUDENTS:
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      base_url=hub.url)
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto("/hub/login")
        page.get_by_label("Username").fill(name)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(rf"/user/{name}/lab"), timeout=SPAWN_TIMEOUT)
        contexts[name] = context
    yield contexts
    for context in contexts.values():
        context.close()


def test_the_hub_runs_the_idle_culler_with_the_rights_it_needs(hub: Hub, students):
    log = hub.log_text()
    assert "Starting managed service jupyterhub-idle-culler" in log
    # the culler lists the users (and their servers' activity) without a 403
    assert re.search(r"200 GET /hub/api/users\S* \(jupyterhub-idle-culler@", log), log[-3000:]


@pytest.mark.parametrize("name", STUDENTS)
def test_login_lands_in_the_students_jupyterlab_with_the_lessons(hub: Hub, students, name):
    page = students[name].pages[0]
    page.locator(".jp-LabShell").wait_for()
    page.locator(".jp-DirListing-item", has_text="00_start_here.ipynb").wait_for()
    assert (hub.homes / name / EXPLORER).exists()


@pytest.mark.parametrize("name", STUDENTS)
def test_explorer_runs_in_the_students_jupyterlab(students, name):
    from playwright.sync_api import expect

    page = students[name].pages[0]  # the JupyterLab the login opened
    page.goto(f"/user/{name}/lab/tree/{EXPLORER}")
    notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    notebook.wait_for()
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=60_000)
    # the saved outputs go first, so that only this student's own kernel can draw the widgets
    menu_command(page, "Edit", "Clear Outputs of All Cells")
    expect(notebook.locator(".widget-radio-box")).to_have_count(0)
    menu_command(page, "Run", "Run All Cells")
    radios = notebook.locator(".widget-radio-box").first
    radios.wait_for(state="attached", timeout=60_000)
    # Run All leaves the last cell active, and JupyterLab does not paint cells out of view
    radios.scroll_into_view_if_needed()
    expect(radios).to_be_visible()
    notebook.get_by_label("I am learning").check()
    expect(notebook.get_by_text("Cancer type", exact=True)).to_be_visible()
    screenshot(page, f"hub-{name}-lab.png")


@pytest.mark.parametrize("name", STUDENTS)
def test_explorer_renders_in_voila_inside_the_students_server(students, name):
    from playwright.sync_api import expect

    page = students[name].new_page()
    page.goto(f"/user/{name}/voila/render/{EXPLORER}", timeout=SPAWN_TIMEOUT)
    page.get_by_label("I am learning").check(timeout=60_000)
    expect(page.get_by_text("Cancer type", exact=True)).to_be_visible()
    screenshot(page, f"hub-{name}-voila.png")


def test_students_kernels_are_separate(students):
    alice, bob = students["alice"], students["bob"]
    alice_kernels = kernel_ids(alice, "alice")
    bob_kernels = kernel_ids(bob, "bob")
    assert alice_kernels and bob_kernels  # JupyterLab's and Voilà's, at least
    assert not alice_kernels & bob_kernels
    # alice is logged in, but bob's server refuses her
    response = alice.request.get("/user/bob/api/kernels", headers=xsrf(alice, "bob"))
    assert response.status == 403, (response.status, response.url)
    assert not any(kernel in response.text() for kernel in bob_kernels)


def test_a_student_signs_up_and_logs_in_once_the_teacher_authorized_her(browser, tmp_path):
    """The class hub as deployed (no test flag): NativeAuthenticator sign-up and authorization."""
    from playwright.sync_api import expect

    ports = (free_port(), free_port(), free_port())
    class_hub = start_hub(tmp_path, ports, test_mode=False)
    student = browser.new_context(base_url=class_hub.url)
    teacher = browser.new_context(base_url=class_hub.url)
    try:
        carol = student.new_page()
        sign_up(carol, "carol", "carol-spine-2026")
        expect(carol.get_by_role("alert")).to_contain_text("sent to the admin")
        log_in(carol, "carol", "carol-spine-2026")
        expect(carol.get_by_text("has not been authorized")).to_be_visible()
        assert "/hub/login" in carol.url

        admin = teacher.new_page()
        sign_up(admin, "teacher", "teacher-spine-2026")  # an admin name: authorized at once
        expect(admin.get_by_role("alert")).to_contain_text("signup was successful")
        log_in(admin, "teacher", "teacher-spine-2026")
        admin.wait_for_url(re.compile(r"/(hub/spawn|user/teacher)"), timeout=SPAWN_TIMEOUT)
        admin.goto("/hub/authorize")
        admin.get_by_role("row", name=re.compile("carol")).get_by_role(
            "button", name="Authorize").click()
        expect(admin.get_by_role("row", name=re.compile("carol")).get_by_role(
            "button", name="Unauthorize")).to_be_visible()

        log_in(carol, "carol", "carol-spine-2026")
        carol.wait_for_url(re.compile(r"/user/carol/lab"), timeout=SPAWN_TIMEOUT)
        screenshot(carol, "hub-signup-carol-lab.png")
    finally:
        student.close()
        teacher.close()
        stop_hub(class_hub)


def sign_up(page, name: str, password: str) -> None:
    page.goto("/hub/signup")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#password_confirmation_input").fill(password)
    page.locator("#signup_submit").click()


def log_in(page, name: str, password: str) -> None:
    page.goto("/hub/login")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(password)
    page.locator("#login_submit").click()


def kernel_ids(context, name: str) -> set[str]:
    response = context.request.get(f"/user/{name}/api/kernels", headers=xsrf(context, name))
    assert response.ok, (response.status, response.text()[:500])
    return {kernel["id"] for kernel in response.json()}


def xsrf(context, name: str) -> dict[str, str]:
    """JupyterHub 4.1+ servers want the _xsrf cookie echoed on cookie-authenticated API calls."""
    for cookie in context.cookies():
        if cookie["name"] == "_xsrf" and cookie["path"].startswith(f"/user/{name}"):
            return {"X-XSRFToken": cookie["value"]}
    return {}


def menu_command(page, menu: str, item: str) -> None:
    """Run a JupyterLab command the way a student finds it: from the menu bar."""
    page.locator(".jp-Notebook").last.click()  # the notebook's commands act on the focused one
    page.locator(".lm-MenuBar-item", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-item", has=page.locator(".lm-Menu-itemLabel").get_by_text(
        item, exact=True)).click()


def screenshot(page, filename: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / filename))
