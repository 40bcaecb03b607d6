"""WCAG 2.1 A and AA on the static site, by axe-core in real Chromium: the landing page, a
lesson, and the explorer before and after a plan (and for a visitor with symptoms)."""

from __future__ import annotations

import pytest
from browser_support import blocking_violations, choose, read_axe
from site_helpers import EXPLORER, open_explorer


@pytest.fixture(scope="module")
def axe_source() -> str:
    return read_axe()


@pytest.fixture
def page(browser):
    """The pages' Content-Security-Policy forbids inline scripts, axe's injection included:
    this page lets the test tool in (and only it: the site's own scripts are unchanged)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    opened = context.new_page()
    opened.set_default_timeout(60_000)
    yield opened
    context.close()


@pytest.mark.parametrize("path", ["/index.html", "/lessons/01_overview.html",
                                  "/lessons/08_scores.html", "/plain/index.html",
                                  "/plain/glossary.html"])
def test_pages_meet_wcag_21_aa(page, site_server, axe_source, path):
    page.goto(site_server.url + path)
    assert blocking_violations(page, axe_source) == []


def test_explorer_before_a_plan_meets_wcag_21_aa(page, site_server, axe_source):
    page.goto(site_server.url + EXPLORER)
    assert blocking_violations(page, axe_source) == []


def test_explorer_with_a_plan_meets_wcag_21_aa(page, site_server, axe_source):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "ESCC grade", "3")
    page.locator(".spineedu-explorer-figure img[alt*='ESCC 3']").wait_for()
    page.get_by_role("button", name="Pin this plan").click()
    page.locator("#offers button").first.click()
    page.locator(".spineedu-compare").wait_for()
    assert blocking_violations(page, axe_source) == []


def test_explorer_for_a_visitor_with_symptoms_meets_wcag_21_aa(page, site_server, axe_source):
    page.goto(site_server.url + EXPLORER)
    page.get_by_label("I have symptoms now").check()
    page.locator(".spineedu-symptoms").wait_for()
    assert blocking_violations(page, axe_source) == []
