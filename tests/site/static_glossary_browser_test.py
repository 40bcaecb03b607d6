"""The glossary one tap or focus away on the static site, and the explorer's plain-words
switch there: the same behaviour as on the dashboard (one HTML, one script), with the choice of
wording also kept on the visitor's device for the next visit."""

from __future__ import annotations

from browser_support import (
    TERM,
    assert_fits_the_screen,
    blocking_violations,
    choose,
    definition_of,
    focus_first_term,
    level_section,
    phone_page,
    read_axe,
)
from playwright.sync_api import expect
from site_helpers import open_explorer

LESSON = "/lessons/01_overview.html"


def test_a_keyboard_reaches_a_lesson_word_and_escape_hides_its_definition(page, site_server):
    page.goto(site_server.url + LESSON)
    word = focus_first_term(page)
    definition = definition_of(word)
    expect(definition).to_be_visible()
    expect(word).to_have_accessible_description(definition.inner_text().strip())
    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()
    expect(word).to_be_focused()


def test_a_tap_opens_a_definition_on_a_320_px_phone(browser, site_server):
    phone = phone_page(browser, 320)
    try:
        phone.goto(site_server.url + LESSON)
        word = phone.locator(f"main {TERM}").first
        word.tap()
        expect(definition_of(word)).to_be_visible()
        assert_fits_the_screen(phone)
    finally:
        phone.context.close()


def test_an_open_definition_meets_wcag_21_aa(browser, site_server):
    context = browser.new_context(bypass_csp=True)  # to let axe in (the site's CSP is strict)
    try:
        page = context.new_page()
        page.goto(site_server.url + LESSON)
        word = page.locator(f"main {TERM}").first
        word.click()
        expect(definition_of(word)).to_be_visible()
        assert blocking_violations(page, read_axe()) == []
    finally:
        context.close()


def test_plain_words_stay_chosen_for_the_next_patient_and_the_next_visit(page, site_server):
    open_explorer(page, site_server)
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "IB")
    first_line = level_section(page, "first-line")
    expect(first_line).to_contain_text("En bloc resection")
    page.get_by_label("In plain words").check()
    expect(first_line).to_contain_text("What it is.")
    expect(first_line.locator("h3")).to_have_text("Usually the first choice (first-line)")
    word = first_line.locator(TERM).first
    word.click()
    expect(definition_of(word)).to_be_visible()
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from breast cancer")
    expect(level_section(page, "first-line")).to_contain_text("What it is.")
    page.reload()
    open_explorer(page, site_server)
    expect(page.get_by_label("In plain words")).to_be_checked()
    expect(level_section(page, "first-line")).to_contain_text("What it is.")
    page.get_by_label("Clinical version").check()
    expect(level_section(page, "first-line")).not_to_contain_text("What it is.")
