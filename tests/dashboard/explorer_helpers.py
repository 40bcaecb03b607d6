"""Driving the explorer page the way a visitor does."""

from __future__ import annotations

EXPLORER_PATH = "/voila/render/02_treatment_explorer.ipynb"


def open_explorer(page, dashboard) -> None:
    page.goto(dashboard.url + EXPLORER_PATH)
    page.get_by_label("I am learning").check()


def options_of(page, label: str) -> list[str]:
    return [text.replace("\xa0", " ")
            for text in page.get_by_label(label, exact=True).locator("option").all_text_contents()]


def choose(page, label: str, starts_with: str) -> None:
    """Pick the option whose visible text starts with `starts_with` (labels are long)."""
    dropdown = page.get_by_label(label, exact=True)
    page.wait_for_function(
        """([label, start]) => [...document.querySelectorAll('label')]
             .filter(l => l.textContent.trim() === label)
             .some(l => { const s = document.getElementById(l.htmlFor);
                          return s && [...s.options].some(o =>
                              o.text.replace(/\\u00a0/g, ' ').startsWith(start)); })""",
        arg=[label, starts_with],
    )
    labels = dropdown.locator("option").all_text_contents()
    dropdown.select_option(label=next(
        text for text in labels if text.replace("\xa0", " ").startswith(starts_with)))
