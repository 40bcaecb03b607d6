"""Driving the explorer page the way a visitor does."""

from __future__ import annotations

from browser_support import choose, options_of

__all__ = ["EXPLORER_PATH", "choose", "open_explorer", "options_of"]

EXPLORER_PATH = "/voila/render/02_treatment_explorer.ipynb"


def open_explorer(page, dashboard) -> None:
    page.goto(dashboard.url + EXPLORER_PATH)
    page.get_by_label("I am learning").check()


