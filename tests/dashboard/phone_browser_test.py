"""The explorer, the case quiz and the score calculators on a phone (375 and 320 px wide, touch):
the safety gate's answers are separate tap targets of at least 44 px, nothing overlaps, the page
never scrolls sideways, and a plan can be reached by tapping. Screenshots go to tests/artifacts/."""

from __future__ import annotations

import pytest
from browser_support import (
    MIN_TAP,
    assert_fits_the_screen,
    assert_separate_tap_targets,
    phone_page,
    screenshot,
)
from explorer_helpers import EXPLORER_PATH, choose
from playwright.sync_api import expect


@pytest.fixture(params=[375, 320], ids=lambda width: f"{width}px")
def phone(browser, request):
    opened = phone_page(browser, request.param)
    yield opened
    opened.context.close()


def open_drawn(page, url: str) -> None:
    page.goto(url)
    page.locator("#rendered_cells").wait_for(state="visible")
    page.wait_for_load_state("networkidle")


def test_gate_answers_are_tall_separate_tap_targets(phone, dashboard):
    open_drawn(phone, dashboard.url + EXPLORER_PATH)
    gate = phone.locator(".widget-radio-box").first
    gate.scroll_into_view_if_needed()
    assert_separate_tap_targets(gate.locator("label"))
    screenshot(phone, "gate")
    phone.get_by_text("I am learning about spinal tumours").tap()
    expect(phone.get_by_label("I am learning")).to_be_checked()
    expect(phone.get_by_label("I have symptoms now")).not_to_be_checked()
    expect(phone.get_by_label("Cancer type", exact=True)).to_be_visible()
    assert_fits_the_screen(phone, "#rendered_cells")


def test_chordoma_ib_plan_by_tapping(phone, dashboard):
    open_drawn(phone, dashboard.url + EXPLORER_PATH)
    phone.get_by_text("I am learning about spinal tumours").tap()
    choose(phone, "Cancer type", "Primary: Chordoma")
    choose(phone, "Stage", "IB")
    first_line = phone.locator(".spineedu-explorer-plan section[data-level='first-line']")
    expect(first_line).to_contain_text("En bloc resection")
    for name in ("Cancer type", "Stage", "ESCC grade"):  # label above its control, both tall
        select = phone.get_by_label(name, exact=True)
        label = phone.locator(f"label[for='{select.get_attribute('id')}']")
        assert label.bounding_box()["y"] + label.bounding_box()["height"] <= (
            select.bounding_box()["y"] + 0.5)
        assert select.bounding_box()["height"] >= MIN_TAP
    matrix = phone.locator(".spineedu-explorer-figure .spineedu-scroll-box").first  # the image
    expect(matrix).to_have_attribute("role", "region")
    expect(matrix).to_have_attribute("tabindex", "0")
    image = matrix.locator("img")
    # natural size (labels stay 11-14 px), inside a box that scrolls instead of the page
    assert image.evaluate("img => img.getBoundingClientRect().width === img.naturalWidth")
    assert matrix.evaluate("box => box.clientWidth <= window.innerWidth")
    assert_fits_the_screen(phone, "#rendered_cells")
    first_line.scroll_into_view_if_needed()
    screenshot(phone, "explorer")


def test_case_quiz_answers_by_tapping(phone, dashboard):
    open_drawn(phone, dashboard.url + "/voila/render/06_cases.ipynb")
    answers = phone.locator(".widget-radio-box").first.locator("label")
    answers.first.scroll_into_view_if_needed()
    assert_separate_tap_targets(answers)
    answers.first.tap()
    expect(answers.first.locator("input")).to_be_checked()
    expect(phone.locator(".spineedu-feedback").first).to_be_visible()
    assert_fits_the_screen(phone, "#rendered_cells")
    screenshot(phone, "quiz")


def test_score_calculators_fit_and_labels_are_not_cut(phone, dashboard):
    open_drawn(phone, dashboard.url + "/voila/render/08_scores.ipynb")
    labels = phone.locator(".widget-dropdown > .widget-label")
    assert labels.count() >= 6
    cut = labels.evaluate_all(
        "labels => labels.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)")
    assert cut == []
    phone.get_by_text("I am learning about spinal tumours").tap()
    assert_fits_the_screen(phone, "#rendered_cells")
    screenshot(phone, "scores")


def test_score_item_labels_are_not_cut_on_a_desktop_either(page, dashboard):
    open_drawn(page, dashboard.url + "/voila/render/08_scores.ipynb")
    labels = page.locator(".widget-dropdown > .widget-label")
    cut = labels.evaluate_all(
        "labels => labels.filter(l => l.scrollWidth > l.clientWidth + 1).map(l => l.textContent)")
    assert cut == []
