"""A preheated explorer kernel that waited in the pool longer than the cull timeout still serves
the visitor who takes it (Voilà alone culls it before the page can connect)."""

from __future__ import annotations

import time

from conftest import CULL_IDLE_SECONDS
from explorer_helpers import choose, open_explorer
from playwright.sync_api import expect


def test_long_waiting_preheated_kernel_is_not_culled_under_the_visitor(page, dashboard):
    waited = time.monotonic() - dashboard.started
    if waited < CULL_IDLE_SECONDS + 4:
        time.sleep(CULL_IDLE_SECONDS + 4 - waited)
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Intradural: Ependymoma")
    expect(page.locator(".spineedu-explorer-plan")).to_contain_text("Intradural tumour resection")
    time.sleep(4)  # two cull passes with the page connected
    choose(page, "Stage", "Grade 3")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("grade-3")
