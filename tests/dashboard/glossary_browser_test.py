"""The glossary one tap or focus away on the dashboard, in the real page Voilà serves: a lesson's
glossary word shows its plain definition when a keyboard reaches it, a screen reader hears the
definition as the word's description, Escape hides it again, a tap opens it on a 320 px phone
without the page scrolling sideways, and the explorer's plan marks its words the same way."""

from __future__ import annotations

from browser_support import (
    TERM,
    assert_fits_the_screen,
    definition_of,
    focus_first_term,
    phone_page,
    screenshot,
)
from explorer_helpers import choose, open_explorer
from playwright.sync_api import expect

LESSON = "/voila/render/01_overview.ipynb"


def open_lesson(page, dashboard) -> None:
    page.goto(dashboard.url + LESSON)
    page.locator("#rendered_cells").wait_for(state="visible")


def test_a_keyboard_reaches_a_word_and_reads_its_definition(page, dashboard, kb):
    open_lesson(page, dashboard)
    word = focus_first_term(page, ".jp-MarkdownCell")
    definition = definition_of(word)
    expect(definition).to_be_visible()
    expect(word).to_have_accessible_description(definition.inner_text().strip())
    term = kb.glossary[next(t.id for t in kb.glossary.values()
                            if definition.inner_text().startswith(t.term + ":"))]
    assert term.plain in " ".join(definition.inner_text().split())
    page.keyboard.press("Escape")
    expect(definition).to_be_hidden()
    expect(word).to_be_focused()  # Escape closes, the reader stays where they were
    page.keyboard.press("Tab")
    expect(definition).to_be_hidden()


def test_definitions_are_hidden_until_asked_for(page, dashboard):
    open_lesson(page, dashboard)
    words = page.locator(f".jp-MarkdownCell {TERM}")
    assert words.count() >= 5
    for index in range(words.count()):
        expect(definition_of(words.nth(index))).to_be_hidden()


def test_a_tap_opens_a_definition_on_a_320_px_phone(browser, dashboard):
    phone = phone_page(browser, 320)
    try:
        open_lesson(phone, dashboard)
        word = phone.locator(f".jp-MarkdownCell {TERM}").first
        word.scroll_into_view_if_needed()
        word.tap()
        definition = definition_of(word)
        expect(definition).to_be_visible()
        assert_fits_the_screen(phone, "#rendered_cells")
        screenshot(phone, "glossary-word")
        word.tap()
        expect(definition).to_be_hidden()
    finally:
        phone.context.close()


def test_the_plan_marks_its_glossary_words(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Metastatic: Spinal metastasis from renal cell carcinoma")
    choose(page, "ESCC grade", "3")
    plan = page.locator(".spineedu-explorer-plan")
    word = plan.locator(TERM).first
    word.wait_for()
    word.click()
    expect(definition_of(word)).to_be_visible()


def test_the_plain_words_lesson_fits_a_320_px_phone_with_a_fold_and_a_word_open(browser,
                                                                                 dashboard):
    phone = phone_page(browser, 320)
    try:
        phone.goto(dashboard.url + "/voila/render/10_in_plain_words.ipynb")
        phone.locator("#rendered_cells").wait_for(state="visible")
        phone.wait_for_load_state("networkidle")
        fold = phone.locator("details.spineedu-plain summary").first
        fold.scroll_into_view_if_needed()
        fold.tap()
        word = phone.locator(f"details.spineedu-plain[open] {TERM}").first
        word.tap()
        expect(definition_of(word)).to_be_visible()
        assert_fits_the_screen(phone, "#rendered_cells")
        screenshot(phone, "plain-words-lesson")
    finally:
        phone.context.close()
