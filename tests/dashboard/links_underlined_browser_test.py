"""Links in the lessons are told from text by more than colour (WCAG 1.4.1): underlined."""

from __future__ import annotations

from playwright.sync_api import expect


def test_links_in_lesson_text_are_underlined(page, dashboard):
    page.goto(dashboard.url + "/voila/render/00_start_here.ipynb")
    link = page.locator("a[href$='01_overview.ipynb']").first
    expect(link).to_be_visible()
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
