"""The static site on phones, 320 and 414 px wide with touch: nothing scrolls sideways, the
gate's answers and every control are separate 44 px targets, and a plan is reached by tapping.
A keyboard alone goes through the gate to a plan. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from browser_support import (
    MIN_TAP,
    assert_fits_the_screen,
    assert_separate_tap_targets,
    choose,
    phone_page,
    screenshot,
)
from playwright.sync_api import expect
from site_helpers import EXPLORER, PYTHON_READY, open_explorer


@pytest.fixture(params=[320, 414], ids=lambda width: f"{width}px")
def phone(browser, request):
    opened = phone_page(browser, request.param)
    yield opened
    opened.context.close()


@pytest.mark.parametrize("path", ["/index.html", "/lessons/03_radiation_technologies.html",
                                  "/lessons/06_cases.html", "/plain/index.html",
                                  "/plain/glossary.html"])
def test_pages_fit_the_screen(phone, site_server, path):
    phone.goto(site_server.url + path)
    assert_fits_the_screen(phone, "main")
    for link in phone.locator(".site-header a").all():
        assert link.bounding_box()["height"] >= MIN_TAP


def test_gate_and_plan_by_tapping(phone, site_server):
    phone.goto(site_server.url + EXPLORER)
    phone.locator("#loading.ready").wait_for(timeout=PYTHON_READY)  # the page stops moving
    assert_separate_tap_targets(phone.locator("fieldset.gate label"))
    phone.get_by_label("I am learning").tap()
    choose(phone, "Cancer type", "Primary: Chordoma")
    choose(phone, "Stage", "IB")
    expect(phone.locator(".spineedu-explorer-plan")).to_contain_text("En bloc resection")
    for control in phone.locator("#explorer select:visible").all():
        assert control.bounding_box()["height"] >= MIN_TAP
    for button in phone.locator("#answer button:visible").all():
        box = button.bounding_box()
        assert box["height"] >= MIN_TAP and box["width"] >= MIN_TAP
    phone.locator("#offers button").first.tap()
    phone.get_by_text("Work out the SINS").tap()  # its long answers must wrap, not widen
    assert_fits_the_screen(phone, "main")
    screenshot(phone, "static-explorer-chordoma")


def test_a_keyboard_goes_through_the_gate_to_a_plan(page, site_server):
    page.goto(site_server.url + EXPLORER)
    page.locator("#loading.ready").wait_for(timeout=PYTHON_READY)
    for _ in range(12):  # the skip link, the site's links, then the gate
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "audience":
            break
    page.keyboard.press("Space")  # the first answer: learning
    expect(page.get_by_label("I am learning")).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "type_id"
    page.keyboard.press("ArrowDown")  # the next type: its plan follows
    expect(page.locator(".spineedu-plan")).to_be_visible()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
    expect(page.locator("#status")).not_to_be_empty()


def test_focus_stays_in_the_explorer_after_try_and_unpin(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "ESCC grade", "3")
    page.get_by_role("button", name="Pin this plan").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Unpin").focus()
    page.keyboard.press("Enter")  # Unpin hides itself: focus goes back to Pin
    assert page.evaluate("document.activeElement.id") == "pin"
    page.locator("#offers button").first.focus()
    page.keyboard.press("Enter")  # the button goes with the old plan: focus on what changed
    assert page.evaluate("document.activeElement.tagName") == "SELECT"
