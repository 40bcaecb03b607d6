"""A lesson whose kernel dies mid-session says so, and reloading the page brings it back."""

from __future__ import annotations

import psutil
from explorer_helpers import open_explorer
from playwright.sync_api import expect


def kernel_process(kernel_id: str) -> psutil.Process:
    for process in psutil.process_iter(["cmdline"]):
        if any(kernel_id in part for part in process.info["cmdline"] or []):
            return process
    raise AssertionError(f"no process for kernel {kernel_id}")


def test_a_dead_kernel_is_announced_and_a_reload_starts_again(page, dashboard):
    open_explorer(page, dashboard)
    expect(page.get_by_label("Cancer type", exact=True)).to_be_visible()
    kernel_id = page.evaluate(
        "JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId")
    kernel_process(kernel_id).kill()  # as an out-of-memory kill would
    notice = page.locator(".spineedu-kernel-lost[role='alert']")
    expect(notice).to_be_visible(timeout=30_000)
    expect(notice).to_contain_text("stopped responding")
    notice.get_by_role("button", name="Reload the page").click()
    page.get_by_label("I am learning").check()
    expect(page.get_by_label("Cancer type", exact=True)).to_be_visible()
    expect(page.locator(".spineedu-kernel-lost")).to_have_count(0)
