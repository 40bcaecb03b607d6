"""A visitor who bypasses the widgets and talks to the kernel directly gets nothing.

Voilà forwards whatever a page sends to its kernel; the project's configuration allows only the
widget messages, so code sent from the page never runs, and forged widget values neither crash
the kernel nor show a traceback.
"""

from __future__ import annotations

from pathlib import Path

from explorer_helpers import choose, open_explorer
from playwright.sync_api import expect

KERNEL_CHANNEL_JS = (Path(__file__).parent / "kernel_channel.js").read_text()


def test_code_sent_from_the_page_is_not_executed(page, dashboard, tmp_path):
    open_explorer(page, dashboard)
    marker = tmp_path / "pwned"
    code = f"open({str(marker)!r}, 'w').write('x')"
    result = page.evaluate(KERNEL_CHANNEL_JS, ["execute", code])
    assert result["reply"] is None  # the server dropped the request: no execute_reply
    assert not marker.exists()
    assert "which is not allowed" in dashboard.log_text()


def test_forged_widget_values_show_no_traceback_and_the_page_still_works(page, dashboard):
    open_explorer(page, dashboard)
    choose(page, "Cancer type", "Primary: Chordoma")
    page.get_by_text("Stage IA (Enneking").wait_for()
    for forged_state in ({"index": 9999}, {"index": None}, {"index": "first-line"}):
        result = page.evaluate(KERNEL_CHANNEL_JS, ["forge-index", forged_state])
        assert result["forged"] > 5
    text = page.locator("body").inner_text()
    for leak in ("Traceback", "TraitError", "File \"/", "Error in callback"):
        assert leak not in text
    # the kernel is alive and the explorer answers a visitor who picks again
    page.get_by_label("I am learning").check()
    choose(page, "Cancer type", "Primary: Chordoma")
    choose(page, "Stage", "III")
    expect(page.locator(".spineedu-type-summary")).to_contain_text("Stage III (Enneking")
    expect(page.locator(".spineedu-explorer-plan")).to_contain_text("Targeted therapy")
