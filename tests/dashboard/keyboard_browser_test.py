"""The explorer with a keyboard alone, and what a screen reader is told: from a freshly opened
page, the safety gate, a cancer type and a stage take six key presses, and each new plan is
announced by a polite live region (role="status") that stays in the page."""

from __future__ import annotations

from explorer_helpers import EXPLORER_PATH, choose, open_explorer, options_of
from playwright.sync_api import expect

STATUS = "[role='status'][aria-live='polite']"


def test_gate_type_and_stage_in_six_key_presses(page, dashboard):
    page.goto(dashboard.url + EXPLORER_PATH)
    page.locator("#rendered_cells").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    types = [option.split(": ", 1)[1] for option in options_of(page, "Cancer type")]
    cancer_type = page.get_by_label("Cancer type", exact=True)
    keys: list[str] = []

    def press(key: str) -> None:
        page.keyboard.press(key)
        keys.append(key)

    press("Tab")  # the gate's first answer
    press("Space")  # "I am learning": the explorer appears (a person waits for it too)
    expect(page.get_by_label("I am learning")).to_be_checked()
    expect(cancer_type).to_be_visible()
    press("Tab")
    expect(cancer_type).to_be_focused()
    press("ArrowDown")  # the second type
    expect(page.locator(".spineedu-type-summary")).to_contain_text(types[1])
    stages = [option.split(":")[0] for option in options_of(page, "Stage")]
    press("Tab")
    expect(page.get_by_label("Stage", exact=True)).to_be_focused()
    press("ArrowDown")  # its second stage
    expect(page.locator(STATUS)).to_contain_text(f"Plan for {types[1]}, stage {stages[1]}.")
    assert len(keys) <= 6


def test_focus_is_visible_on_the_dropdowns(page, dashboard):
    open_explorer(page, dashboard)
    dropdown = page.get_by_label("Cancer type", exact=True)
    expect(dropdown).to_be_visible()
    page.keyboard.press("Tab")  # from the gate's checked answer to the first dropdown
    expect(dropdown).to_be_focused()
    outline = dropdown.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth,"
        " s.outlineColor]; }")
    assert outline[0] == "solid" and float(outline[1].rstrip("px")) >= 2
    assert outline[2] == "rgb(11, 87, 208)"  # #0b57d0: 6.4:1 on white, 3:1 or more is required


def test_each_new_plan_is_announced_by_the_same_live_region(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    status = page.locator(STATUS)
    expect(status).to_have_count(1)
    expect(status).to_contain_text("Plan for Chordoma, stage IB. First-line: step 1 En bloc")
    status.evaluate("el => { window.spineeduStatus = el; }")
    choose(page, "ESCC grade", "3")
    expect(status).to_contain_text("Urgent: Suspected spinal cord compression")
    expect(status).to_contain_text("(ESCC 3)")
    assert page.evaluate(
        "() => window.spineeduStatus === document.querySelector(\"[role='status']\")")


def test_arrow_keys_move_between_the_gate_answers_as_one_group(page, dashboard):
    page.goto(dashboard.url + EXPLORER_PATH)
    page.locator("#rendered_cells").wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # the second answer, checked and sent to the kernel
    expect(page.get_by_label("I have symptoms now")).to_be_checked()
    expect(page.locator(".spineedu-symptoms").first).to_be_visible()
    page.keyboard.press("ArrowUp")
    expect(page.get_by_label("I am learning")).to_be_checked()
    expect(page.get_by_label("Cancer type", exact=True)).to_be_visible()
    expect(page.locator(".spineedu-symptoms").first).to_be_hidden()
